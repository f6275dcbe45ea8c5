"""Build the six sample models in ``sample-models/`` from code (the source of truth).

Run ``python tools/build_sample_models.py`` after changing a model below; the output is
deterministic (fixed dates, model order, canonical JSON), and a test checks that the files
on disk are byte-identical to what this script produces. Components start from their
stencil's defaults and override only what differs in the real system, so the stencils stay
the place where typical properties live.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from workbench.analysis.attack.attackers import DEFAULT_ATTACKERS
from workbench.model.conditions import Condition
from workbench.model.defaults import IMPACT_CATEGORIES, default_risk_settings
from workbench.model.entities import (
    AttackerProfile,
    Component,
    ComponentProperties,
    DataAsset,
    Flow,
    Metadata,
    RegulatoryContext,
    Target,
    TrustZone,
)
from workbench.model.io import dumps_model, save_model
from workbench.model.layout import ensure_layout
from workbench.model.stencils import default_stencils
from workbench.model.threat_model import ThreatModel

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "workbench" / "data" / "sample-models"
REVIEW_DATE = dt.date(2026, 11, 15)
CATEGORY_IDS = tuple(c[0] for c in IMPACT_CATEGORIES)
_SHORT = {"care": "care_delivery", "decision": "decision_making", "safety": "patient_safety",
          "social": "social_cohesion", "ip": "intellectual_assets", "image": "image",
          "compliance": "compliance", "legal": "legal", "env": "environment",
          "financial": "financial"}

#: The six attacker profiles; ids match the analysis defaults so "merge" mode works.
ATTACKERS = {
    "remote-internet": ("Remote internet attacker", 0.6,
                        "Criminal group or state actor acting from abroad over the internet "
                        "with freely available tooling."),
    "proximate-radio": ("Proximate radio attacker", 0.5,
                        "Someone within radio range of the patient or the ward with an SDR or "
                        "a BLE sniffer."),
    "malicious-app": ("Malicious mobile app", 0.4,
                      "An app on the same phone or tablet, installed from a store or "
                      "side-loaded."),
    "supply-chain": ("Compromised vendor or supply chain", 0.7,
                     "A vendor's update, remote-support or cloud channel turned against "
                     "its users."),
    "hospital-insider": ("Hospital insider", 0.5,
                         "Staff member, contractor or visitor with access to premises and "
                         "the internal network."),
    "partner-insurer": ("Curious partner or insurer", 0.3,
                        "A B2B partner with legitimate API access that uses more data than "
                        "agreed."),
}
#: Vectors each profile can use where it starts: the analysis defaults' (attackers.py).
_DEFAULT_VECTORS = {a.id: a.vectors for a in DEFAULT_ATTACKERS}
INTERNET_RULE = {"any": [{"attr": "properties.internet_exposed", "op": "eq", "value": True},
                         {"attr": "zone.kind", "op": "eq", "value": "public_internet"}]}


def impact(**levels: int) -> dict[str, int]:
    """Impact on all ten categories (1-4 severity); unnamed categories default to 1."""
    out = dict.fromkeys(CATEGORY_IDS, 1)
    for short, level in levels.items():
        out[_SHORT[short]] = level
    return out


class Builder:
    """Collects zones, assets, components and flows for one model, checking ids as it goes."""

    def __init__(self, metadata: Metadata, regulatory: RegulatoryContext):
        self.metadata = metadata
        self.regulatory = regulatory
        self.stencils = default_stencils()
        self.zones: list[TrustZone] = []
        self.assets: list[DataAsset] = []
        self.components: list[Component] = []
        self.flows: list[Flow] = []
        self.attackers: list[AttackerProfile] = []
        self.targets: list[Target] = []
        self._ids: set[str] = set()

    def _new_id(self, ident: str) -> str:
        if ident in self._ids:
            raise ValueError(f"duplicate id {ident!r}")
        self._ids.add(ident)
        return ident

    def zone(self, ident: str, name: str, kind: str, trust: int, description: str) -> None:
        self.zones.append(TrustZone(id=self._new_id(ident), name=name, kind=kind,
                                    trust_level=trust, description=description))

    def asset(self, ident: str, name: str, kind: str, cia: tuple[int, int, int],
              levels: dict[str, int], description: str, *, personal: bool = True,
              special: bool = False) -> None:
        c, i, a = cia
        self.assets.append(DataAsset(
            id=self._new_id(ident), name=name, kind=kind, personal=personal,
            special_category=special, confidentiality=c, integrity=i, availability=a,
            impact=levels, description=description))

    def comp(self, ident: str, name: str, stencil: str, zone: str, *,
             assets: tuple[str, ...] = (), description: str | None = None,
             **props: Any) -> None:
        """A component from its stencil's defaults, with ``props`` overriding them."""
        base = self.stencils[stencil].instantiate(self._new_id(ident), name, zone)
        merged = base.properties.model_dump() | props | {"data_assets": list(assets)}
        self.components.append(base.model_copy(update={
            "description": description,
            "properties": ComponentProperties.model_validate(merged)}))

    def flow(self, source: str, target: str, name: str, protocol: str, *,
             via: tuple[str, ...] = (), encrypted: bool, authenticated: bool,
             assets: tuple[str, ...], bidirectional: bool = False,
             notes: str | None = None, ident: str | None = None,
             signed: bool | None = None) -> None:
        ident = ident or f"f-{source}-{target}"
        self.flows.append(Flow(id=self._new_id(ident), source=source, target=target, name=name,
                               protocol=protocol, via=list(via), bidirectional=bidirectional,
                               encrypted=encrypted, authenticated=authenticated,
                               data_assets=list(assets), notes=notes, signed=signed))

    def attacker(self, ident: str, entries: tuple[str, ...] = (), *,
                 rule: dict | None = None, capability: float | None = None,
                 description: str | None = None) -> None:
        name, default_capability, default_description = ATTACKERS[ident]
        self.attackers.append(AttackerProfile(
            id=ident, name=name, description=description or default_description,
            capability=default_capability if capability is None else capability,
            entry_elements=list(entries),
            entry_rule=Condition.model_validate(rule) if rule else None,
            vectors=list(_DEFAULT_VECTORS[ident])))

    def target(self, element: str, kind: str, name: str) -> None:
        self.targets.append(Target(id=self._new_id(f"t-{kind}-{element}"), element=element,
                                   kind=kind, name=name))

    def build(self) -> ThreatModel:
        model = ThreatModel(
            metadata=self.metadata, regulatory=self.regulatory, risk=default_risk_settings(),
            zones=self.zones, data_assets=self.assets, components=self.components,
            flows=self.flows, attackers=self.attackers, targets=self.targets)
        return ensure_layout(model)


# --------------------------------------------------------------------------------------
# 1. Remote monitoring of a cardiac implant
# --------------------------------------------------------------------------------------
def cardiac_implant_remote_monitoring() -> ThreatModel:
    b = Builder(
        Metadata(
            title="Remote monitoring of an implantable cardioverter-defibrillator",
            system="ICD remote monitoring: implant, bedside transmitter, vendor cloud, "
                   "clinic portal, hospital EHR",
            owner="Product security, implantable cardiac devices",
            authors=["Product security team", "Clinical engineering"],
            version="1.3", review_date=REVIEW_DATE,
            description="A patient with an ICD sleeps next to a bedside transmitter that "
                        "interrogates the implant nightly over MICS RF and uploads episodes over "
                        "LTE-M to the manufacturer's remote-monitoring platform. The cardiology "
                        "clinic reviews alerts on a web portal; summaries reach the hospital EHR "
                        "over HL7 v2. In-clinic follow-ups use a clinician programmer.",
            scope="Implant telemetry and programming paths, transmitter, vendor cloud services, "
                  "clinic access and EHR integration.",
            assumptions=[
                "The implant accepts telemetry sessions only after a wake-up from a "
                "transmitter or programmer within a few metres.",
                "The vendor cloud runs in one region of a major IaaS provider, certified HDS "
                "for French patients.",
                "Clinic staff reach the portal from hospital workstations and from home.",
            ],
            out_of_scope=["Manufacturing and key provisioning at the factory",
                          "The hospital's internal network beyond the cardiology service"],
        ),
        RegulatoryContext(medical_device=True, device_class="III (EU MDR), III (FDA PMA)",
                          markets=["EU", "US"], hosts_health_data=True,
                          health_data_host_certified=True),
    )
    b.zone("z-body", "Patient body", "patient_body", 7,
           "The implant inside the patient; reachable only by radio.")
    b.zone("z-home", "Patient home", "patient_home", 4,
           "Bedroom with the transmitter; the patient and visitors have physical access.")
    b.zone("z-mobile", "Patient phone", "mobile", 3, "The patient's own smartphone and apps.")
    b.zone("z-carrier", "Mobile operator", "carrier", 3, "LTE-M operator network, private APN.")
    b.zone("z-internet", "Public internet", "public_internet", 0, "Untrusted transit.")
    b.zone("z-vendor", "Manufacturer cloud (HDS)", "vendor_cloud", 7,
           "Manufacturer's remote-monitoring platform, hosted under HDS certification.")
    b.zone("z-clinic", "Cardiology clinic", "clinic", 6,
           "Device clinic where follow-ups and reprogramming happen.")
    b.zone("z-hospital", "Hospital information system", "hospital", 6,
           "The hospital's LAN, interface engine and patient record.")

    b.asset("a-therapy", "ICD therapy settings", "therapy_settings", (2, 4, 3),
            impact(care=3, decision=3, safety=4, image=4, compliance=3, legal=4, financial=3),
            "Pacing modes, detection zones, shock energies; a wrong value can withhold or "
            "deliver a shock.", special=True)
    b.asset("a-episodes", "Arrhythmia episodes and EGMs", "health_data", (3, 4, 3),
            impact(care=3, decision=4, safety=3, image=3, compliance=3, legal=3, financial=2),
            "Stored electrograms, episode logs, battery and lead measurements.", special=True)
    b.asset("a-device-id", "Patient and device identity", "identity", (3, 3, 2),
            impact(care=2, decision=2, image=3, compliance=3, legal=3, financial=2),
            "Serial number, model, patient name and date of birth linked in the cloud.")
    b.asset("a-transmitter-keys", "Transmitter credentials", "credentials", (4, 4, 2),
            impact(care=2, safety=3, image=3, compliance=2, legal=2, financial=3),
            "Per-device client certificate and the shared telemetry session key.",
            personal=False)
    b.asset("a-firmware", "Firmware images", "firmware", (2, 4, 2),
            impact(care=3, safety=4, ip=3, image=4, compliance=3, legal=3, financial=4),
            "Transmitter and programmer firmware and the implant update package.",
            personal=False)
    b.asset("a-clinician-creds", "Clinician portal credentials", "credentials", (4, 4, 2),
            impact(care=2, decision=3, image=3, compliance=3, legal=3, financial=2),
            "Usernames, passwords and sessions of clinic staff.")
    b.asset("a-alerts", "Remote-monitoring alerts", "health_data", (3, 4, 4),
            impact(care=4, decision=4, safety=4, image=3, compliance=2, legal=3, financial=2),
            "Red alerts (VF episode, lead failure, ERI) that must reach the clinic within "
            "hours.", special=True)
    b.asset("a-logs", "Platform audit logs", "logs", (2, 4, 2),
            impact(compliance=3, legal=3, image=2), "Access and change logs for the platform.",
            personal=False)

    b.comp("icd", "ICD (implant)", "cardiac-implant", "z-body",
           assets=("a-therapy", "a-episodes", "a-device-id"),
           notes="Session key derived from a factory secret shared across the model range.")
    b.comp("rf-home", "Implant RF link (home)", "implant-rf", "z-home")
    b.comp("transmitter", "Bedside transmitter", "home-transmitter", "z-home",
           assets=("a-episodes", "a-device-id", "a-transmitter-keys", "a-firmware"),
           notes="Debug UART pads reachable after opening the case; no secure boot.")
    b.comp("broadband", "Home broadband (fallback)", "home-internet", "z-home")
    b.comp("patient-app", "Patient app", "companion-app", "z-mobile",
           assets=("a-device-id",), description="Shows last transmission and reminders; "
                                                "no therapy data, no commands.")
    b.comp("lte-m", "LTE-M private APN", "cellular", "z-carrier")
    b.comp("internet", "Public internet", "public-internet", "z-internet")
    b.comp("app-store", "Mobile app stores", "app-store", "z-internet")
    b.comp("push", "Push notification service", "push-notification-service", "z-internet")
    b.comp("vendor-edge", "Device API gateway", "api-gateway", "z-vendor",
           assets=("a-transmitter-keys",))
    b.comp("rm-platform", "Remote-monitoring platform", "vendor-device-cloud", "z-vendor",
           assets=("a-episodes", "a-device-id", "a-alerts"))
    b.comp("triage-ml", "Alert triage (ML)", "ml-analytics", "z-vendor",
           assets=("a-episodes", "a-alerts"))
    b.comp("episode-lake", "Episode archive", "data-lake", "z-vendor",
           assets=("a-episodes", "a-device-id"))
    b.comp("vendor-idp", "Clinic identity provider", "identity-provider", "z-vendor",
           assets=("a-clinician-creds",), authentication="password",
           notes="MFA optional per clinic; most clinics have not enabled it.")
    b.comp("clinic-portal", "Clinician portal", "clinician-portal", "z-vendor",
           assets=("a-episodes", "a-alerts", "a-device-id"),
           notes="Internet-facing; password login, MFA optional.")
    b.comp("fw-server", "Firmware update server", "firmware-update-server", "z-vendor",
           assets=("a-firmware",))
    b.comp("vendor-soc", "Vendor SOC (SIEM)", "siem-soc", "z-vendor", assets=("a-logs",))
    b.comp("vendor-backup", "Platform backups", "backup-service", "z-vendor",
           assets=("a-episodes", "a-device-id"))
    b.comp("programmer", "Clinician programmer", "clinician-programmer", "z-clinic",
           assets=("a-therapy", "a-episodes"))
    b.comp("rf-clinic", "In-clinic implant RF", "implant-rf", "z-clinic")
    b.comp("cardio-ws", "Cardiology workstation", "clinical-workstation", "z-clinic",
           assets=("a-episodes",))
    b.comp("hospital-lan", "Hospital LAN", "hospital-lan", "z-hospital")
    b.comp("site-vpn", "Vendor-hospital IPsec VPN", "vpn", "z-hospital")
    b.comp("eai", "Hospital interface engine", "interface-engine", "z-hospital",
           assets=("a-episodes", "a-device-id"))
    b.comp("ehr", "Hospital EHR", "ehr", "z-hospital", assets=("a-episodes", "a-device-id"))

    b.flow("icd", "transmitter", "Nightly interrogation", "proprietary MICS telemetry",
           via=("rf-home",), bidirectional=True, encrypted=False, authenticated=False,
           assets=("a-episodes", "a-device-id"),
           notes="Legacy protocol: wake-up by 2.45 GHz signal, no per-session authentication; "
                 "the transmitter can also send therapy commands (pacing test).")
    b.flow("transmitter", "vendor-edge", "Episode upload", "HTTPS (TLS 1.2) over LTE-M",
           via=("lte-m", "internet"), encrypted=True, authenticated=True,
           assets=("a-episodes", "a-device-id"))
    b.flow("transmitter", "vendor-edge", "Episode upload (fallback)", "HTTPS (TLS 1.2)",
           via=("broadband", "internet"), encrypted=True, authenticated=True,
           assets=("a-episodes", "a-device-id"), ident="f-transmitter-vendor-edge-fallback")
    b.flow("fw-server", "transmitter", "Transmitter firmware update", "HTTPS, signed image",
           via=("internet", "lte-m"), encrypted=True, authenticated=True,
           assets=("a-firmware",), signed=True)
    b.flow("vendor-edge", "rm-platform", "Validated uploads", "HTTPS/REST (internal)",
           encrypted=True, authenticated=True, assets=("a-episodes", "a-device-id"))
    b.flow("rm-platform", "triage-ml", "Episodes for triage", "message queue (TLS)",
           bidirectional=True, encrypted=True, authenticated=True,
           assets=("a-episodes", "a-alerts"),
           notes="The model's triage result decides which alerts a nurse sees first.")
    b.flow("rm-platform", "episode-lake", "Episode archive", "S3 API (TLS)",
           encrypted=True, authenticated=True, assets=("a-episodes", "a-device-id"))
    b.flow("rm-platform", "clinic-portal", "Alerts and reports", "HTTPS/REST (internal)",
           encrypted=True, authenticated=True, assets=("a-alerts", "a-episodes"))
    b.flow("vendor-idp", "clinic-portal", "Clinician sign-in", "OIDC",
           encrypted=True, authenticated=True, assets=("a-clinician-creds",))
    b.flow("clinic-portal", "cardio-ws", "Alert review", "HTTPS (TLS 1.2)",
           via=("internet", "hospital-lan"), bidirectional=True, encrypted=True,
           authenticated=True, assets=("a-alerts", "a-episodes", "a-clinician-creds"),
           notes="Password only unless the clinic enabled MFA.")
    b.flow("rm-platform", "eai", "Remote follow-up summary", "HL7 v2 ORU over IPsec",
           via=("internet", "site-vpn"), encrypted=True, authenticated=True,
           assets=("a-episodes", "a-device-id"))
    b.flow("eai", "ehr", "Summary into patient record", "HL7 v2 MLLP (cleartext)",
           via=("hospital-lan",), encrypted=False, authenticated=False,
           assets=("a-episodes", "a-device-id"),
           notes="Unencrypted and unauthenticated MLLP on the flat hospital LAN.")
    b.flow("cardio-ws", "ehr", "Clinic notes", "HTTPS", via=("hospital-lan",),
           bidirectional=True, encrypted=True, authenticated=True, assets=("a-episodes",))
    b.flow("programmer", "icd", "In-clinic programming session", "proprietary MICS telemetry",
           via=("rf-clinic",), bidirectional=True, encrypted=False, authenticated=False,
           assets=("a-therapy", "a-episodes"),
           notes="Any programmer of the brand can open a session; no clinician credential "
                 "reaches the implant.")
    b.flow("programmer", "cardio-ws", "Session report export", "USB mass storage",
           encrypted=False, authenticated=False, assets=("a-episodes",))
    b.flow("fw-server", "programmer", "Programmer software update", "HTTPS, signed package",
           via=("internet", "hospital-lan"), encrypted=True, authenticated=True,
           assets=("a-firmware",), signed=True)
    b.flow("rm-platform", "push", "Transmission reminders", "HTTPS/2 (APNs/FCM)",
           encrypted=True, authenticated=True, assets=("a-device-id",))
    b.flow("push", "patient-app", "Reminder notification", "APNs/FCM",
           via=("internet",), encrypted=True, authenticated=True, assets=("a-device-id",))
    b.flow("patient-app", "vendor-edge", "Transmission status", "HTTPS/REST (TLS 1.2)",
           via=("internet",), bidirectional=True, encrypted=True, authenticated=True,
           assets=("a-device-id",))
    b.flow("app-store", "patient-app", "App distribution", "HTTPS", via=("internet",),
           encrypted=True, authenticated=True, assets=())
    b.flow("rm-platform", "vendor-soc", "Security events", "syslog over TLS",
           encrypted=True, authenticated=True, assets=("a-logs",))
    b.flow("rm-platform", "vendor-backup", "Nightly backup", "HTTPS (encrypted snapshots)",
           encrypted=True, authenticated=True, assets=("a-episodes", "a-device-id"))

    b.attacker("remote-internet", rule=INTERNET_RULE)
    b.attacker("proximate-radio", ("rf-home", "rf-clinic", "transmitter"),
               description="Someone within a few metres of the sleeping patient or in the "
                           "clinic waiting room, with an SDR tuned to 402-405 MHz.")
    b.attacker("malicious-app", ("patient-app",))
    b.attacker("supply-chain", ("fw-server", "vendor-soc"), capability=0.7)
    b.attacker("hospital-insider", ("cardio-ws", "programmer", "hospital-lan"))

    b.target("icd", "patient_safety", "Pacing and defibrillation of the ICD")
    b.target("rm-platform", "health_data", "Episodes of every monitored patient")
    b.target("clinic-portal", "care_service", "Timely review of red alerts")
    b.target("ehr", "health_data", "Hospital patient record")
    return b.build()


# --------------------------------------------------------------------------------------
# 2. Insulin pump + CGM + phone app + vendor cloud, closed loop
# --------------------------------------------------------------------------------------
def insulin_closed_loop() -> ThreatModel:
    b = Builder(
        Metadata(
            title="Hybrid closed-loop insulin delivery",
            system="Patch insulin pump, CGM sensor, closed-loop phone app, vendor diabetes "
                   "cloud, clinic and research data sharing",
            owner="Product security, diabetes care",
            authors=["Product security team", "Algorithm team", "Regulatory affairs"],
            version="2.1", review_date=REVIEW_DATE,
            description="A CGM sends glucose every 5 minutes over BLE to the patient's phone. "
                        "The closed-loop app computes basal adjustments and micro-boluses and "
                        "commands the patch pump over BLE. The app uploads data to the vendor "
                        "cloud; caregivers follow glucose on their own phones; the diabetes "
                        "clinic reviews reports; a research partner receives pseudonymised "
                        "exports.",
            scope="Sensor-to-pump control loop, phone and apps, vendor cloud, caregiver "
                  "following, clinic reports and partner export.",
            assumptions=[
                "The pump enforces hard limits on a single bolus and on hourly insulin, "
                "whatever the app asks.",
                "The phone runs a supported Android or iOS version chosen by the patient.",
                "The app is the only BLE central paired with the pump.",
            ],
            out_of_scope=["Insulin cartridge manufacturing", "Patient's own cloud backups "
                          "of the phone"],
        ),
        RegulatoryContext(medical_device=True,
                          device_class="IIb (EU MDR); iCGM and ACE pump (FDA)",
                          markets=["EU", "US"], hosts_health_data=True,
                          health_data_host_certified=True),
    )
    b.zone("z-body", "Patient body", "patient_body", 6,
           "Pump and sensor worn on the skin.")
    b.zone("z-phone", "Patient phone", "mobile", 3,
           "Consumer smartphone with other apps installed.")
    b.zone("z-home", "Patient home", "patient_home", 4, "Home Wi-Fi and broadband.")
    b.zone("z-caregiver", "Caregiver phone", "mobile", 3, "A parent's or partner's phone.")
    b.zone("z-carrier", "Mobile operator", "carrier", 3, "Public 4G/5G network.")
    b.zone("z-internet", "Public internet", "public_internet", 0, "Untrusted transit and "
           "third-party app services.")
    b.zone("z-clinic", "Diabetes clinic", "clinic", 6, "Hospital diabetology department.")
    b.zone("z-vendor", "Vendor diabetes cloud (HDS)", "vendor_cloud", 7,
           "Vendor platform hosted by a certified health-data host.")
    b.zone("z-partner", "Research partner", "partner", 3,
           "Academic registry receiving pseudonymised exports under contract.")

    b.asset("a-glucose", "Glucose readings", "health_data", (3, 4, 4),
            impact(care=3, decision=4, safety=4, image=3, compliance=3, legal=3, financial=2),
            "CGM values and trends every 5 minutes; they drive automatic dosing.",
            special=True)
    b.asset("a-dose-cmd", "Insulin delivery commands", "therapy_settings", (2, 4, 4),
            impact(care=3, decision=2, safety=4, image=4, compliance=3, legal=4, financial=3),
            "Temporary basal rates, micro-boluses and suspend/resume commands.",
            special=True)
    b.asset("a-profile", "Therapy profile", "therapy_settings", (2, 4, 3),
            impact(care=3, decision=3, safety=4, image=3, compliance=3, legal=3, financial=2),
            "Basal programme, carb ratios, sensitivity factors, glucose target.", special=True)
    b.asset("a-pump-history", "Pump and loop history", "health_data", (3, 3, 2),
            impact(care=2, decision=3, safety=2, image=3, compliance=3, legal=3, financial=2),
            "Delivered insulin, alarms, meals and loop decisions.", special=True)
    b.asset("a-pairing-keys", "Pump and sensor pairing keys", "credentials", (4, 4, 2),
            impact(care=2, safety=4, image=3, compliance=2, legal=3, financial=2),
            "BLE long-term keys and the pump's application-layer session key.",
            personal=False)
    b.asset("a-account", "Patient and caregiver accounts", "credentials", (4, 4, 2),
            impact(care=2, image=3, compliance=3, legal=3, financial=2),
            "Passwords, OAuth refresh tokens, follower invitations.")
    b.asset("a-identity", "Patient identity", "identity", (3, 3, 2),
            impact(image=3, compliance=3, legal=3, financial=2),
            "Name, date of birth, e-mail, pump and sensor serial numbers.")
    b.asset("a-firmware", "Pump firmware", "firmware", (2, 4, 2),
            impact(care=3, safety=4, ip=3, image=4, compliance=3, legal=3, financial=4),
            "Pump firmware image delivered through the app.", personal=False)
    b.asset("a-algorithm", "Dosing algorithm parameters", "other", (3, 4, 2),
            impact(decision=3, safety=4, ip=4, image=3, compliance=3, financial=3),
            "Model coefficients tuned from fleet data; pushed to apps.", personal=False)
    b.asset("a-research", "Pseudonymised research export", "health_data", (3, 2, 1),
            impact(image=3, compliance=4, legal=4, ip=2, financial=2),
            "Glucose and insulin series with year of birth and postcode prefix.",
            special=True)

    b.comp("pump", "Insulin patch pump", "insulin-pump", "z-body",
           assets=("a-profile", "a-pump-history", "a-pairing-keys"),
           wireless_interfaces=["BLE 4.2 legacy pairing (Just Works)"],
           notes="Pairing uses Just Works; application layer adds a session key derived "
                 "at pairing time.")
    b.comp("cgm", "CGM sensor", "cgm-sensor", "z-body", assets=("a-glucose",),
           wireless_interfaces=["BLE 5.0 LE Secure Connections", "NFC"])
    b.comp("loop-app", "Closed-loop app", "companion-app", "z-phone",
           assets=("a-glucose", "a-dose-cmd", "a-profile", "a-pump-history",
                   "a-pairing-keys", "a-account", "a-algorithm"),
           safety_critical_function="automatic insulin dosing decisions",
           encryption_at_rest=True)
    b.comp("watch", "Smartwatch glance", "smartwatch", "z-phone", assets=("a-glucose",))
    b.comp("phone", "Patient smartphone", "phone-ble-relay", "z-phone",
           assets=("a-glucose", "a-account"),
           notes="The OS BLE stack and the other apps share this device with the loop.")
    b.comp("ble-cgm", "CGM BLE link", "ble", "z-phone",
           notes="LE Secure Connections, bonded at sensor start.")
    b.comp("ble-pump", "Pump BLE link", "ble", "z-phone",
           notes="Legacy pairing (Just Works): the pairing exchange can be sniffed.")
    b.comp("ble-watch", "Watch BLE link", "ble", "z-phone")
    b.comp("nfc", "Sensor NFC", "nfc", "z-phone")
    b.comp("home-wifi", "Home Wi-Fi", "wifi-home", "z-home")
    b.comp("broadband", "Home broadband", "home-internet", "z-home")
    b.comp("follower-app", "Caregiver follower app", "companion-app", "z-caregiver",
           assets=("a-glucose", "a-account"),
           safety_critical_function="urgent low-glucose alerts to caregivers")
    b.comp("cellular", "4G/5G network", "cellular", "z-carrier")
    b.comp("internet", "Public internet", "public-internet", "z-internet")
    b.comp("app-store", "Mobile app stores", "app-store", "z-internet")
    b.comp("push", "Push notification service", "push-notification-service", "z-internet",
           assets=("a-glucose",))
    b.comp("clinic-lan", "Hospital LAN", "hospital-lan", "z-clinic")
    b.comp("clinic-ws", "Diabetologist workstation", "clinical-workstation", "z-clinic",
           assets=("a-pump-history",))
    b.comp("clinic-ehr", "Hospital EHR", "ehr", "z-clinic", assets=("a-pump-history",))
    b.comp("api", "Vendor API gateway", "api-gateway", "z-vendor", assets=("a-account",))
    b.comp("idp", "Patient accounts (IdP)", "identity-provider", "z-vendor",
           assets=("a-account", "a-identity"), authentication="password",
           notes="Password plus e-mail reset; MFA not offered to patients.")
    b.comp("diabetes-cloud", "Diabetes data platform", "vendor-device-cloud", "z-vendor",
           assets=("a-glucose", "a-pump-history", "a-profile", "a-identity"))
    b.comp("clinic-portal", "Clinic report portal", "clinician-portal", "z-vendor",
           assets=("a-pump-history", "a-identity"))
    b.comp("fw-server", "Pump firmware server", "firmware-update-server", "z-vendor",
           assets=("a-firmware", "a-algorithm"))
    b.comp("fleet-lake", "Fleet data lake", "data-lake", "z-vendor",
           assets=("a-glucose", "a-pump-history"))
    b.comp("algo-ml", "Algorithm tuning (ML)", "ml-analytics", "z-vendor",
           assets=("a-algorithm", "a-glucose"))
    b.comp("soc", "Vendor SOC", "siem-soc", "z-vendor")
    b.comp("partner-api", "Research export API", "partner-api", "z-vendor",
           assets=("a-research",))
    b.comp("registry", "Research registry", "data-lake", "z-partner", assets=("a-research",),
           internet_exposed=True, multi_tenant=False)

    b.flow("cgm", "phone", "Glucose every 5 min", "BLE GATT (LE Secure Connections)",
           via=("ble-cgm",), encrypted=True, authenticated=True, assets=("a-glucose",))
    b.flow("phone", "loop-app", "Glucose to the loop", "OS BLE stack to app (IPC)",
           encrypted=False, authenticated=False, assets=("a-glucose",),
           notes="On Android the readings are also broadcast as an intent that other apps "
                 "can read, and a crafted intent can inject values.")
    b.flow("phone", "cgm", "Sensor activation", "NFC (ISO 15693)", via=("nfc",),
           encrypted=False, authenticated=False, assets=("a-pairing-keys",))
    b.flow("loop-app", "pump", "Dosing commands and status", "BLE GATT + app-layer session",
           via=("ble-pump",), bidirectional=True, encrypted=True, authenticated=False,
           assets=("a-dose-cmd", "a-pump-history"),
           notes="Legacy pairing: a sniffed pairing yields the link key; commands carry no "
                 "per-message signature.")
    b.flow("loop-app", "watch", "Glucose glance", "BLE (companion watch app)",
           via=("ble-watch",), encrypted=True, authenticated=True, assets=("a-glucose",))
    b.flow("loop-app", "api", "Data upload", "HTTPS/REST (TLS 1.2, OAuth 2.0)",
           via=("cellular", "internet"), encrypted=True, authenticated=True,
           assets=("a-glucose", "a-pump-history", "a-profile"))
    b.flow("loop-app", "api", "Data upload over Wi-Fi", "HTTPS/REST (TLS 1.2, OAuth 2.0)",
           via=("home-wifi", "broadband", "internet"), encrypted=True, authenticated=True,
           assets=("a-glucose", "a-pump-history", "a-profile"), ident="f-loop-app-api-wifi")
    b.flow("fw-server", "loop-app", "Pump firmware and algorithm update",
           "HTTPS, signed package", via=("internet", "cellular"), encrypted=True,
           authenticated=True, assets=("a-firmware", "a-algorithm"), signed=True)
    b.flow("loop-app", "pump", "Firmware transfer to pump", "BLE DFU",
           via=("ble-pump",), encrypted=True, authenticated=False, assets=("a-firmware",),
           ident="f-loop-app-pump-dfu", signed=True,
           notes="The pump verifies the vendor signature before installing.")
    b.flow("app-store", "loop-app", "App distribution", "HTTPS", via=("internet",),
           encrypted=True, authenticated=True, assets=())
    b.flow("idp", "api", "Token validation", "OIDC / JWT", encrypted=True,
           authenticated=True, assets=("a-account",))
    b.flow("api", "diabetes-cloud", "Uploads and follower reads", "HTTPS/REST (internal)",
           bidirectional=True, encrypted=True, authenticated=True,
           assets=("a-glucose", "a-pump-history", "a-profile"))
    b.flow("diabetes-cloud", "push", "Urgent low alerts", "HTTPS/2 (APNs/FCM)",
           encrypted=True, authenticated=True, assets=("a-glucose",))
    b.flow("push", "follower-app", "Alert to caregiver", "APNs/FCM", via=("internet",
           "cellular"), encrypted=True, authenticated=True, assets=("a-glucose",),
           notes="Alerts are delayed or dropped when the OS restricts the app.")
    b.flow("api", "follower-app", "Follower glucose view", "HTTPS/REST (TLS 1.2)",
           via=("internet", "cellular"), encrypted=True, authenticated=True,
           assets=("a-glucose",))
    b.flow("diabetes-cloud", "fleet-lake", "Fleet data", "S3 API (TLS)", encrypted=True,
           authenticated=True, assets=("a-glucose", "a-pump-history"))
    b.flow("fleet-lake", "algo-ml", "Training data", "SQL over TLS", encrypted=True,
           authenticated=True, assets=("a-glucose", "a-pump-history"))
    b.flow("algo-ml", "fw-server", "Released algorithm parameters", "CI pipeline (signed)",
           encrypted=True, authenticated=True, assets=("a-algorithm",))
    b.flow("diabetes-cloud", "clinic-portal", "Clinic reports", "HTTPS/REST (internal)",
           encrypted=True, authenticated=True, assets=("a-pump-history", "a-identity"))
    b.flow("clinic-portal", "clinic-ws", "Report review", "HTTPS (TLS 1.2)",
           via=("internet", "clinic-lan"), bidirectional=True, encrypted=True,
           authenticated=True, assets=("a-pump-history", "a-identity"),
           notes="Clinic accounts are shared by the diabetes team (one login per clinic).")
    b.flow("clinic-ws", "clinic-ehr", "Report filed to record", "PDF upload over HTTPS",
           via=("clinic-lan",), encrypted=True, authenticated=True,
           assets=("a-pump-history",))
    b.flow("diabetes-cloud", "partner-api", "Research extract", "batch job (internal)",
           encrypted=True, authenticated=True, assets=("a-research",))
    b.flow("partner-api", "registry", "Pseudonymised export", "HTTPS/REST (mTLS)",
           via=("internet",), encrypted=True, authenticated=True, assets=("a-research",),
           notes="Scope covers every patient who accepted the terms of use, not only those "
                 "who gave research consent; postcode prefix plus birth year re-identify.")
    b.flow("diabetes-cloud", "soc", "Security events", "syslog over TLS", encrypted=True,
           authenticated=True, assets=())

    b.attacker("remote-internet", rule=INTERNET_RULE)
    b.attacker("proximate-radio", ("ble-pump", "ble-cgm", "nfc"),
               description="Someone near the patient (school, office, public transport) with "
                           "a BLE sniffer or a software radio.")
    b.attacker("malicious-app", ("phone",),
               description="Another app on the patient's phone reading or injecting glucose "
                           "broadcasts, or abusing the BLE stack.")
    b.attacker("supply-chain", ("fw-server", "app-store", "algo-ml"))
    b.attacker("partner-insurer", ("registry",),
               description="A research partner linking exports with other data sets.")

    b.target("pump", "patient_safety", "Insulin dosing of the pump")
    b.target("loop-app", "patient_safety", "Closed-loop dosing decisions")
    b.target("follower-app", "care_service", "Urgent low alerts to caregivers")
    b.target("diabetes-cloud", "health_data", "Glucose and therapy data of all patients")
    return b.build()


# --------------------------------------------------------------------------------------
# 3. Hospital ward IoMT
# --------------------------------------------------------------------------------------
def hospital_ward_iomt() -> ThreatModel:
    b = Builder(
        Metadata(
            title="Cardiology and intensive-care ward IoMT",
            system="Infusion pumps, patient monitors and ventilators of a 30-bed ward, "
                   "biomedical gateways, interface engine, EHR hosted by a certified "
                   "health-data host",
            owner="CISO (RSSI), university hospital",
            authors=["RSSI office", "Biomedical engineering", "Ward IT referent"],
            version="1.0", review_date=REVIEW_DATE,
            description="A ward where 40 volumetric infusion pumps from an older fleet still "
                        "join the hospital Wi-Fi with a shared passphrase, while the newer "
                        "syringe pumps, monitors and ventilators sit on a biomedical VLAN. "
                        "Pump and monitor servers exchange HL7 v2 with the interface engine; "
                        "the EHR runs at a certified health-data host (HDS) reached over a "
                        "private IPsec link. Vendors maintain their servers through a VPN.",
            scope="Ward devices and their servers, the hospital networks they cross, the "
                  "interface engine, the hosted EHR, vendor remote maintenance, alarms to "
                  "nurses.",
            assumptions=[
                "Nurses double-check infusion programming against the order for high-risk "
                "drugs only.",
                "The biomedical VLAN is firewalled from the office LAN except for listed "
                "HL7 and management ports.",
                "The HDS host operates under its own certification; its internals are "
                "reviewed by audit, not here.",
            ],
            out_of_scope=["Building management systems", "Imaging and PACS (see the GHT model)",
                          "Pharmacy robot"],
        ),
        RegulatoryContext(medical_device=False, markets=["EU"], hosts_health_data=True,
                          health_data_host_certified=True),
    )
    b.zone("z-ward", "Ward (patient rooms)", "hospital", 5,
           "Rooms and corridors; patients, visitors and contractors have physical access.")
    b.zone("z-biomed", "Biomedical VLAN", "hospital_biomedical", 6,
           "Segmented network for medical devices and their servers.")
    b.zone("z-staff", "Staff mobile devices", "mobile", 4,
           "Nurse smartphones and tablets enrolled in MDM.")
    b.zone("z-dc", "Hospital datacenter", "hospital", 7,
           "Server rooms: interface engine, identity, SOC collectors.")
    b.zone("z-internet", "Public internet", "public_internet", 0, "Untrusted transit.")
    b.zone("z-vendor", "Device vendors", "vendor_cloud", 5,
           "Pump and monitor manufacturers' service centres.")
    b.zone("z-hds", "Health-data host (HDS)", "health_data_host", 8,
           "Certified host running the EHR and backups.")

    b.asset("a-vitals", "Patient vital signs", "telemetry", (3, 4, 4),
            impact(care=4, decision=4, safety=4, image=2, compliance=2, legal=3),
            "ECG, SpO2, blood pressure, respiratory rate streamed every second.", special=True)
    b.asset("a-alarms", "Clinical alarms", "health_data", (2, 4, 4),
            impact(care=4, decision=3, safety=4, image=3, legal=3),
            "Physiological and technical alarms relayed to nurses.", special=True)
    b.asset("a-drug-library", "Drug library", "therapy_settings", (1, 4, 3),
            impact(care=3, safety=4, image=3, compliance=3, legal=4, financial=2),
            "Dose limits per drug and care area; wrong limits allow ten-fold errors.",
            personal=False)
    b.asset("a-infusion-orders", "Infusion orders", "therapy_settings", (2, 4, 4),
            impact(care=4, decision=3, safety=4, image=3, compliance=3, legal=4),
            "Drug, concentration, rate and volume sent for auto-programming.", special=True)
    b.asset("a-vent-settings", "Ventilator settings", "therapy_settings", (2, 4, 4),
            impact(care=4, safety=4, image=3, legal=4), "Modes, volumes, pressures, FiO2.",
            special=True)
    b.asset("a-record", "Patient record", "health_data", (4, 4, 3),
            impact(care=4, decision=4, safety=3, social=2, image=4, compliance=4, legal=4,
                   financial=3),
            "Orders, results, notes and medication administration.", special=True)
    b.asset("a-adt", "Patient identity and admissions (ADT)", "identity", (3, 4, 3),
            impact(care=3, decision=3, safety=3, image=3, compliance=3, legal=3),
            "Patient identity (INS), bed and encounter; a mix-up sends data to the wrong "
            "patient.")
    b.asset("a-staff-creds", "Staff credentials", "credentials", (4, 4, 3),
            impact(care=3, social=3, image=3, compliance=3, legal=3, financial=2),
            "Directory accounts and smart-card (CPS) certificates.")
    b.asset("a-vendor-creds", "Vendor maintenance accounts", "credentials", (4, 4, 2),
            impact(care=3, safety=3, image=3, compliance=3, legal=3, financial=3),
            "VPN and server accounts used by vendor engineers.", personal=False)
    b.asset("a-device-fw", "Device firmware", "firmware", (1, 4, 2),
            impact(care=3, safety=4, image=3, financial=3), "Pump and monitor software.",
            personal=False)
    b.asset("a-logs", "Security logs", "logs", (2, 4, 3),
            impact(compliance=3, legal=3, image=2), "Server, firewall and access logs.",
            personal=False)

    b.comp("vol-pumps", "Volumetric pumps (legacy)", "infusion-pump", "z-ward",
           assets=("a-drug-library", "a-infusion-orders"),
           notes="40 units; vendor ended support in 2022; WPA2-PSK shared with the ward "
                 "IoT SSID.")
    b.comp("nurse-ws", "Nurse station workstation", "clinical-workstation", "z-ward",
           assets=("a-record", "a-adt"))
    b.comp("wifi", "Hospital Wi-Fi (IoT SSID)", "wifi-hospital", "z-ward",
           notes="Flat: the IoT SSID bridges to the office VLAN, not the biomedical VLAN.")
    b.comp("hospital-lan", "Hospital LAN", "hospital-lan", "z-ward")
    b.comp("syringe-pumps", "Syringe pumps (current fleet)", "infusion-pump", "z-biomed",
           assets=("a-drug-library", "a-infusion-orders"),
           wireless_interfaces=["Wi-Fi 802.11ac WPA2-Enterprise (EAP-TLS)"],
           os_firmware="embedded Linux", secure_boot=True, signed_updates=True,
           authentication="certificate", patch_status="current", legacy=False, logging=True)
    b.comp("monitors", "Bedside patient monitors", "patient-monitor", "z-biomed",
           assets=("a-vitals", "a-alarms", "a-adt"))
    b.comp("ventilators", "ICU ventilators", "ventilator", "z-biomed",
           assets=("a-vent-settings", "a-vitals"))
    b.comp("vent-bridge", "Ventilator serial bridge", "bedside-gateway", "z-biomed",
           assets=("a-vitals",), wireless_interfaces=[],
           notes="Serial-to-Ethernet box with a default web admin password.")
    b.comp("pump-server", "Infusion pump server", "biomedical-gateway", "z-biomed",
           assets=("a-drug-library", "a-infusion-orders", "a-vendor-creds"))
    b.comp("central-station", "Central monitoring station", "edge-server", "z-biomed",
           assets=("a-vitals", "a-alarms", "a-adt"), os_firmware="Windows 10 IoT LTSC",
           encryption_at_rest=False, patch_status="lagging",
           safety_critical_function="central display of alarms")
    b.comp("alarm-manager", "Secondary alarm manager", "edge-server", "z-biomed",
           assets=("a-alarms",), safety_critical_function="alarm escalation to nurses")
    b.comp("biomed-vlan", "Biomedical VLAN", "biomedical-vlan", "z-biomed")
    b.comp("nurse-phones", "Nurse smartphones", "smartphone", "z-staff",
           assets=("a-alarms",), user_installable_apps=False,
           notes="MDM-managed; alarm app plus messaging.")
    b.comp("nurse-tablet", "Bedside eMAR tablet", "tablet", "z-staff",
           assets=("a-record", "a-staff-creds"))
    b.comp("eai", "Interface engine", "interface-engine", "z-dc",
           assets=("a-adt", "a-vitals", "a-infusion-orders"))
    b.comp("directory", "Directory (CPS card auth)", "identity-provider", "z-dc",
           assets=("a-staff-creds",), internet_exposed=False)
    b.comp("soc", "Hospital SOC (SIEM)", "siem-soc", "z-dc", assets=("a-logs",))
    b.comp("hds-link", "Private link to HDS (IPsec)", "vpn", "z-dc")
    b.comp("vendor-vpn", "Vendor remote-access VPN", "vpn", "z-dc",
           notes="One shared account per vendor; always-on tunnel.")
    b.comp("internet", "Public internet", "public-internet", "z-internet")
    b.comp("vendor-service", "Pump vendor service centre", "vendor-device-cloud", "z-vendor",
           assets=("a-vendor-creds",))
    b.comp("vendor-fw", "Vendor software portal", "firmware-update-server", "z-vendor",
           assets=("a-device-fw",))
    b.comp("ehr", "EHR (hosted)", "ehr", "z-hds", assets=("a-record", "a-adt"))
    b.comp("hds-platform", "HDS hosting platform", "hds-host", "z-hds",
           assets=("a-record", "a-adt", "a-logs"))
    b.comp("backup", "Off-site backups", "backup-service", "z-hds",
           assets=("a-record", "a-adt"))

    b.flow("pump-server", "vol-pumps", "Drug library and pump status (legacy)",
           "proprietary TCP", via=("hospital-lan", "wifi"), bidirectional=True,
           encrypted=False, authenticated=False,
           assets=("a-drug-library", "a-infusion-orders"),
           notes="Drug library files are neither encrypted nor signed; the pumps answer "
                 "anyone on the SSID on their service port.")
    b.flow("pump-server", "syringe-pumps", "Drug library and auto-programming",
           "TLS 1.2 (mutual certificates)", via=("biomed-vlan",), bidirectional=True,
           encrypted=True, authenticated=True, assets=("a-drug-library", "a-infusion-orders"))
    b.flow("monitors", "central-station", "Vitals and alarms", "proprietary UDP multicast",
           via=("biomed-vlan",), encrypted=False, authenticated=False,
           assets=("a-vitals", "a-alarms"))
    b.flow("ventilators", "vent-bridge", "Ventilator data", "RS-232 serial",
           encrypted=False, authenticated=False, assets=("a-vitals",))
    b.flow("vent-bridge", "central-station", "Ventilator data to central", "TCP (cleartext)",
           via=("biomed-vlan",), encrypted=False, authenticated=False, assets=("a-vitals",))
    b.flow("central-station", "alarm-manager", "Alarm feed", "HL7 v2 ORU (IHE ACM)",
           via=("biomed-vlan",), encrypted=False, authenticated=False, assets=("a-alarms",))
    b.flow("alarm-manager", "nurse-phones", "Alarm notifications", "TLS 1.2 over Wi-Fi",
           via=("biomed-vlan", "hospital-lan", "wifi"), encrypted=True, authenticated=True,
           assets=("a-alarms",))
    b.flow("central-station", "eai", "Validated vitals to record", "HL7 v2 MLLP (cleartext)",
           via=("biomed-vlan", "hospital-lan"), encrypted=False, authenticated=False,
           assets=("a-vitals", "a-adt"))
    b.flow("eai", "central-station", "Admissions (ADT) to monitors", "HL7 v2 MLLP (cleartext)",
           via=("hospital-lan", "biomed-vlan"), encrypted=False, authenticated=False,
           assets=("a-adt",))
    b.flow("eai", "pump-server", "Infusion orders (auto-programming)",
           "HL7 v2 RGV MLLP (cleartext)", via=("hospital-lan", "biomed-vlan"),
           encrypted=False, authenticated=False, assets=("a-infusion-orders", "a-adt"),
           notes="A forged order reaches the pump screen pre-filled; the nurse confirms.")
    b.flow("pump-server", "eai", "Infusion events", "HL7 v2 MLLP (cleartext)",
           via=("biomed-vlan", "hospital-lan"), encrypted=False, authenticated=False,
           assets=("a-infusion-orders",))
    b.flow("eai", "ehr", "Orders, results and events", "FHIR R4 over TLS 1.2",
           via=("hospital-lan", "hds-link"), bidirectional=True, encrypted=True,
           authenticated=True, assets=("a-record", "a-adt", "a-vitals"))
    b.flow("nurse-ws", "ehr", "Record access", "HTTPS (TLS 1.2), CPS card",
           via=("hospital-lan", "hds-link"), bidirectional=True, encrypted=True,
           authenticated=True, assets=("a-record", "a-adt"))
    b.flow("nurse-tablet", "ehr", "Medication administration (eMAR)", "HTTPS (TLS 1.2)",
           via=("wifi", "hospital-lan", "hds-link"), bidirectional=True, encrypted=True,
           authenticated=True, assets=("a-record",),
           notes="Session stays open on the shared tablet between nurses.")
    b.flow("nurse-ws", "directory", "Staff sign-in", "Kerberos / LDAPS",
           via=("hospital-lan",), encrypted=True, authenticated=True,
           assets=("a-staff-creds",))
    b.flow("ehr", "hds-platform", "Database storage", "SQL over TLS", encrypted=True,
           authenticated=True, assets=("a-record", "a-adt"))
    b.flow("hds-platform", "backup", "Nightly backup", "encrypted snapshots",
           encrypted=True, authenticated=True, assets=("a-record", "a-adt"))
    b.flow("vendor-service", "pump-server", "Remote maintenance", "RDP over IPsec VPN",
           via=("internet", "vendor-vpn", "hospital-lan"), bidirectional=True,
           encrypted=True, authenticated=True, assets=("a-vendor-creds",),
           notes="Shared vendor account, no MFA, tunnel open permanently.")
    b.flow("vendor-fw", "pump-server", "Pump software packages", "HTTPS download",
           via=("internet", "vendor-vpn", "hospital-lan"), encrypted=True,
           authenticated=True, assets=("a-device-fw",))
    b.flow("pump-server", "soc", "Server logs", "syslog (UDP, cleartext)",
           via=("biomed-vlan", "hospital-lan"), encrypted=False, authenticated=False,
           assets=("a-logs",))
    b.flow("hds-platform", "soc", "Hosting security events", "syslog over TLS",
           via=("hds-link",), encrypted=True, authenticated=True, assets=("a-logs",))

    b.attacker("remote-internet", rule=INTERNET_RULE,
               description="Ransomware operator reaching the hospital through phishing or an "
                           "exposed service.")
    b.attacker("proximate-radio", ("wifi",),
               description="Visitor in a patient room with a laptop on the IoT SSID, whose "
                           "passphrase is printed on pump labels.")
    b.attacker("hospital-insider", ("nurse-ws", "nurse-tablet", "hospital-lan", "vol-pumps"))
    b.attacker("supply-chain", ("vendor-service", "vendor-fw"))

    b.target("vol-pumps", "patient_safety", "Intravenous dosing of legacy pumps")
    b.target("ventilators", "patient_safety", "Mechanical ventilation")
    b.target("central-station", "care_service", "Central alarm surveillance")
    b.target("ehr", "health_data", "Patient records of the hospital")
    return b.build()


# --------------------------------------------------------------------------------------
# 4. Consumer wearable + insurer wellness programme (B2B2C)
# --------------------------------------------------------------------------------------
def wearable_insurer_wellness() -> ThreatModel:
    b = Builder(
        Metadata(
            title="Wearable-based insurer wellness programme (B2B2C)",
            system="Consumer tracker and smartwatch, vendor cloud, wellness platform, "
                   "insurer partner API",
            owner="Wellness programme operator, DPO and security lead",
            authors=["Security lead", "Data-protection officer", "Insurer liaison"],
            version="0.9", review_date=REVIEW_DATE,
            description="Members of a complementary health insurer link their fitness "
                        "tracker or smartwatch to a wellness app run by a programme operator. "
                        "The operator pulls activity, heart rate and sleep from the wearable "
                        "vendor's cloud, computes a monthly wellness score on an HDS-hosted "
                        "platform and sends it to the insurer, which grants premium discounts. "
                        "The app embeds an advertising analytics SDK.",
            scope="Wearables, member phone and apps, wearable vendor cloud, operator "
                  "platform, insurer interface and third parties receiving data.",
            assumptions=[
                "Members consent in the app; consent can be withdrawn at any time.",
                "Only the score is contractually meant to reach the insurer.",
                "The smartwatch's irregular-rhythm notification is a cleared medical "
                "feature; the tracker is not a medical device.",
            ],
            out_of_scope=["The insurer's claims systems", "Gym partner check-ins"],
        ),
        RegulatoryContext(medical_device=False, markets=["EU"], hosts_health_data=True,
                          health_data_host_certified=True),
    )
    b.zone("z-body", "Member (worn devices)", "patient_body", 5,
           "Devices worn day and night.")
    b.zone("z-phone", "Member phone", "mobile", 3, "Consumer phone with many apps.")
    b.zone("z-home", "Member home", "patient_home", 4, "Home Wi-Fi and the connected scale.")
    b.zone("z-carrier", "Mobile operator", "carrier", 3, "Public 4G/5G.")
    b.zone("z-internet", "Public internet", "public_internet", 0,
           "Untrusted transit, app stores and push services.")
    b.zone("z-wearable-vendor", "Wearable vendor cloud", "vendor_cloud", 5,
           "Consumer-device vendor outside the EU; not HDS certified.")
    b.zone("z-adtech", "Advertising analytics", "partner", 2,
           "SDK vendor that receives app events and the advertising identifier.")
    b.zone("z-operator", "Wellness operator (HDS)", "health_data_host", 7,
           "Programme operator's platform at a certified health-data host.")
    b.zone("z-insurer", "Insurer", "partner", 4,
           "Complementary health insurer: API, underwriting and marketing.")

    b.asset("a-activity", "Activity data", "telemetry", (2, 2, 1),
            impact(decision=2, image=2, compliance=2, legal=2, financial=2),
            "Steps, distance, active minutes.")
    b.asset("a-heart-sleep", "Heart rate, HRV and sleep", "health_data", (4, 3, 1),
            impact(decision=2, social=2, image=4, compliance=4, legal=4, financial=3),
            "Continuous heart rate, variability and sleep stages; reveal health conditions.",
            special=True)
    b.asset("a-ecg", "ECG recordings and rhythm alerts", "health_data", (4, 4, 2),
            impact(decision=3, safety=3, image=4, compliance=4, legal=4, financial=3),
            "Single-lead ECG and irregular-rhythm notifications.", special=True)
    b.asset("a-weight", "Weight and body composition", "health_data", (3, 2, 1),
            impact(image=3, compliance=3, legal=3, financial=2), "From the connected scale.",
            special=True)
    b.asset("a-location", "Location traces", "other", (4, 2, 1),
            impact(image=3, compliance=3, legal=4, financial=2),
            "GPS tracks of workouts; reveal home and work.")
    b.asset("a-member-id", "Member identity", "identity", (3, 3, 2),
            impact(image=3, compliance=3, legal=3, financial=2),
            "Name, e-mail, policy number, advertising identifier.")
    b.asset("a-score", "Wellness score", "health_data", (3, 4, 2),
            impact(decision=3, image=4, compliance=4, legal=4, financial=4),
            "Monthly score derived from health data; decides the premium discount.",
            special=True)
    b.asset("a-premium", "Premium and discount", "financial", (3, 4, 2),
            impact(image=3, compliance=3, legal=4, financial=3),
            "The member's premium adjustment.")
    b.asset("a-consent", "Consent records", "other", (2, 4, 3),
            impact(image=3, compliance=4, legal=4, financial=3),
            "What each member agreed to share, with whom, and when it was withdrawn.")
    b.asset("a-tokens", "OAuth tokens and passwords", "credentials", (4, 4, 2),
            impact(image=3, compliance=3, legal=3, financial=2),
            "Vendor API tokens held by the operator; member passwords.")

    b.comp("tracker", "Fitness tracker", "fitness-tracker", "z-body",
           assets=("a-activity", "a-heart-sleep"))
    b.comp("watch", "Smartwatch with ECG", "smartwatch", "z-body",
           assets=("a-activity", "a-heart-sleep", "a-ecg"),
           safety_critical_function="irregular-rhythm (AF) notification")
    b.comp("wellness-app", "Insurer wellness app", "companion-app", "z-phone",
           assets=("a-score", "a-member-id", "a-tokens"),
           notes="Embeds an advertising analytics SDK.")
    b.comp("vendor-app", "Wearable companion app", "phone-ble-relay", "z-phone",
           assets=("a-activity", "a-heart-sleep", "a-ecg", "a-location", "a-tokens"),
           description="The wearable vendor's app on the member's phone; it is the BLE "
                       "gateway for both wearables and writes to the phone's health store.")
    b.comp("ble", "Bluetooth LE", "ble", "z-phone")
    b.comp("scale", "Connected scale", "connected-scale", "z-home", assets=("a-weight",),
           wireless_interfaces=["Wi-Fi 802.11n"])
    b.comp("home-wifi", "Home Wi-Fi", "wifi-home", "z-home")
    b.comp("broadband", "Home broadband", "home-internet", "z-home")
    b.comp("cellular", "4G/5G network", "cellular", "z-carrier")
    b.comp("internet", "Public internet", "public-internet", "z-internet")
    b.comp("app-store", "Mobile app stores", "app-store", "z-internet")
    b.comp("push", "Push notification service", "push-notification-service", "z-internet",
           assets=("a-score",))
    b.comp("vendor-cloud", "Wearable vendor cloud", "vendor-device-cloud", "z-wearable-vendor",
           assets=("a-activity", "a-heart-sleep", "a-ecg", "a-weight", "a-location",
                   "a-member-id"))
    b.comp("vendor-api", "Vendor developer API", "api-gateway", "z-wearable-vendor",
           assets=("a-tokens",), authentication="password",
           notes="OAuth 2.0 with coarse scopes: 'heart rate' includes ECG metadata.")
    b.comp("vendor-idp", "Vendor accounts", "identity-provider", "z-wearable-vendor",
           assets=("a-tokens", "a-member-id"), authentication="password")
    b.comp("adtech", "Ad analytics backend", "ml-analytics", "z-adtech",
           assets=("a-member-id",), internet_exposed=True, multi_tenant=True)
    b.comp("op-api", "Operator API gateway", "api-gateway", "z-operator",
           assets=("a-tokens",))
    b.comp("op-store", "Wellness data store", "data-lake", "z-operator",
           assets=("a-activity", "a-heart-sleep", "a-weight", "a-member-id", "a-consent"),
           multi_tenant=False)
    b.comp("scoring", "Scoring engine", "ml-analytics", "z-operator",
           assets=("a-score", "a-heart-sleep", "a-activity"))
    b.comp("consent", "Consent register", "data-lake", "z-operator", assets=("a-consent",),
           description="Records each member's choices; checked before every export.")
    b.comp("member-portal", "Member web portal", "patient-portal", "z-operator",
           assets=("a-score", "a-member-id", "a-premium"))
    b.comp("op-hds", "HDS hosting platform", "hds-host", "z-operator",
           assets=("a-heart-sleep", "a-member-id"))
    b.comp("insurer-api", "Insurer partner API", "partner-api", "z-insurer",
           assets=("a-score", "a-heart-sleep", "a-member-id"))
    b.comp("underwriting", "Underwriting warehouse", "data-lake", "z-insurer",
           assets=("a-score", "a-premium", "a-member-id", "a-heart-sleep"),
           description="Insurer's actuarial and marketing data warehouse.")

    b.flow("tracker", "vendor-app", "Activity and heart-rate sync", "BLE GATT (legacy pairing)",
           via=("ble",), encrypted=False, authenticated=False,
           assets=("a-activity", "a-heart-sleep"),
           notes="Just Works pairing and a static MAC: the tracker can be tracked and its "
                 "data sniffed in a gym or on a train.")
    b.flow("watch", "vendor-app", "Watch sync", "BLE (LE Secure Connections)", via=("ble",),
           encrypted=True, authenticated=True, assets=("a-activity", "a-heart-sleep", "a-ecg"))
    b.flow("vendor-app", "vendor-cloud", "Cloud sync", "HTTPS/REST (TLS 1.3)",
           via=("cellular", "internet"), encrypted=True, authenticated=True,
           assets=("a-activity", "a-heart-sleep", "a-ecg", "a-location"))
    b.flow("scale", "vendor-cloud", "Weigh-in upload", "HTTPS (TLS 1.2, no pinning)",
           via=("home-wifi", "broadband", "internet"), encrypted=True, authenticated=True,
           assets=("a-weight",))
    b.flow("vendor-app", "wellness-app", "Phone health store read",
           "HealthKit / Health Connect (on-device)", encrypted=False, authenticated=True,
           assets=("a-activity", "a-heart-sleep"),
           notes="The wellness app requests every readable type, not only steps.")
    b.flow("vendor-idp", "vendor-api", "Member authorisation (OAuth consent)", "OAuth 2.0",
           encrypted=True, authenticated=True, assets=("a-tokens",))
    b.flow("vendor-cloud", "vendor-api", "Data for third parties", "HTTPS (internal)",
           encrypted=True, authenticated=True,
           assets=("a-activity", "a-heart-sleep", "a-weight", "a-location"))
    b.flow("vendor-api", "op-api", "Daily pull and webhooks", "HTTPS/REST (TLS 1.2, OAuth 2.0)",
           via=("internet",), encrypted=True, authenticated=True,
           assets=("a-activity", "a-heart-sleep", "a-weight", "a-location"),
           notes="Scopes requested: activity, heart rate, sleep, weight, location; the "
                 "score needs activity only.")
    b.flow("wellness-app", "op-api", "App sessions", "HTTPS/REST (TLS 1.2)",
           via=("cellular", "internet"), bidirectional=True, encrypted=True,
           authenticated=True, assets=("a-score", "a-member-id", "a-consent"))
    b.flow("wellness-app", "adtech", "Analytics events", "HTTPS (SDK)",
           via=("cellular", "internet"), encrypted=True, authenticated=False,
           assets=("a-member-id",),
           notes="Events named after screens ('score dropped', 'sleep low') plus the "
                 "advertising identifier.")
    b.flow("app-store", "wellness-app", "App distribution", "HTTPS", via=("internet",),
           encrypted=True, authenticated=True, assets=())
    b.flow("op-api", "op-store", "Ingest", "HTTPS (internal)", encrypted=True,
           authenticated=True, assets=("a-activity", "a-heart-sleep", "a-weight"))
    b.flow("consent", "op-api", "Consent checks", "HTTPS (internal)", encrypted=True,
           authenticated=True, assets=("a-consent",))
    b.flow("op-store", "scoring", "Scoring input", "SQL over TLS", encrypted=True,
           authenticated=True, assets=("a-activity", "a-heart-sleep"))
    b.flow("op-store", "op-hds", "Storage", "block storage (encrypted)", encrypted=True,
           authenticated=True, assets=("a-heart-sleep", "a-member-id"))
    b.flow("scoring", "member-portal", "Score and explanation", "HTTPS (internal)",
           encrypted=True, authenticated=True, assets=("a-score",))
    b.flow("scoring", "push", "Nudges", "HTTPS/2 (APNs/FCM)", encrypted=True,
           authenticated=True, assets=("a-score",))
    b.flow("push", "wellness-app", "Nudge notification", "APNs/FCM",
           via=("internet", "cellular"), encrypted=True, authenticated=True,
           assets=("a-score",), notes="Lock-screen text reveals the score trend.")
    b.flow("scoring", "insurer-api", "Monthly score export", "HTTPS/REST (mTLS)",
           via=("internet",), encrypted=True, authenticated=True,
           assets=("a-score", "a-heart-sleep", "a-member-id"),
           notes="Over-broad scope: besides the score, the payload carries resting heart "
                 "rate and sleep averages 'for actuarial validation'.")
    b.flow("insurer-api", "underwriting", "Into underwriting", "ETL (internal)",
           encrypted=True, authenticated=True,
           assets=("a-score", "a-heart-sleep", "a-member-id"))
    b.flow("underwriting", "member-portal", "Premium discount", "HTTPS/REST (mTLS)",
           via=("internet",), encrypted=True, authenticated=True, assets=("a-premium",))

    b.attacker("remote-internet", rule=INTERNET_RULE)
    b.attacker("proximate-radio", ("ble", "tracker"),
               description="Someone in a gym, office or train tracking static BLE addresses "
                           "and sniffing legacy-paired sync.")
    b.attacker("malicious-app", ("wellness-app", "vendor-app"),
               description="An app with health-store permission, or the embedded ad SDK.")
    b.attacker("supply-chain", ("app-store", "adtech"), capability=0.6)
    b.attacker("partner-insurer", ("insurer-api", "underwriting"),
               description="The insurer using raw metrics beyond the score to price or "
                           "select members.")

    b.target("watch", "patient_safety", "Irregular-rhythm notification of the smartwatch")
    b.target("op-store", "health_data", "Members' wearable health data")
    b.target("scoring", "health_data", "Integrity of the wellness score")
    b.target("underwriting", "health_data", "Health data reaching the insurer")
    return b.build()


# --------------------------------------------------------------------------------------
# 5. Home telemonitoring for chronic disease
# --------------------------------------------------------------------------------------
def home_telemonitoring() -> ThreatModel:
    b = Builder(
        Metadata(
            title="Home telemonitoring of heart failure and hypertension",
            system="Connected scale, blood-pressure cuff, oximeter and pill dispenser, tablet "
                   "hub, telemonitoring platform at an HDS host, nurse team, hospital EHR",
            owner="Telemonitoring service provider, security officer",
            authors=["Security officer", "Nurse coordinator", "Medical director"],
            version="3.2", review_date=REVIEW_DATE,
            description="Patients discharged after heart failure weigh themselves and measure "
                        "blood pressure and SpO2 every morning. Readings reach a kiosk-mode "
                        "tablet over BLE, which uploads them to the telemonitoring platform. "
                        "Nurses triage threshold alerts from a web portal and an on-call app, "
                        "and call the patient or the cardiologist. Summaries go to the "
                        "hospital EHR over FHIR. Patients without broadband get a cellular "
                        "hub instead of Wi-Fi.",
            scope="Home devices, tablet hub and cellular hub, MDM, telemonitoring platform "
                  "and its portals, nurse devices, hospital integration.",
            assumptions=[
                "Thresholds are set per patient by the cardiologist and changed by nurses "
                "only on prescription.",
                "A missing reading for 48 hours triggers a phone call.",
                "The tablet is shared with the household; only the kiosk app is visible.",
            ],
            out_of_scope=["Billing to the national health insurance",
                          "The patient's own phone and personal accounts"],
        ),
        RegulatoryContext(medical_device=True, device_class="IIa (EU MDR, software)",
                          markets=["EU"], hosts_health_data=True,
                          health_data_host_certified=True),
    )
    b.zone("z-home", "Patient home", "patient_home", 4,
           "Patient, family and home-care aides handle the devices.")
    b.zone("z-carrier", "Mobile operator", "carrier", 3, "4G and LTE-M networks.")
    b.zone("z-nurse", "Nurse mobile devices", "mobile", 4, "On-call nurse smartphones.")
    b.zone("z-internet", "Public internet", "public_internet", 0, "Untrusted transit.")
    b.zone("z-vendor", "Device vendor clouds", "vendor_cloud", 5,
           "MDM service and the pill dispenser's own cloud.")
    b.zone("z-hds", "Telemonitoring platform (HDS)", "health_data_host", 8,
           "Service provider's platform at a certified health-data host.")
    b.zone("z-hospital", "Cardiology department", "hospital", 6,
           "Referring hospital: cardiologists and EHR.")

    b.asset("a-readings", "Home readings", "health_data", (3, 4, 3),
            impact(care=3, decision=4, safety=4, image=3, compliance=3, legal=3),
            "Weight, blood pressure, heart rate, SpO2 with time stamps.", special=True)
    b.asset("a-symptoms", "Symptom questionnaire", "health_data", (3, 3, 2),
            impact(care=3, decision=3, safety=3, image=3, compliance=3, legal=3),
            "Daily answers on breathlessness, oedema, fatigue.", special=True)
    b.asset("a-thresholds", "Alert thresholds and care plan", "therapy_settings", (2, 4, 3),
            impact(care=4, decision=4, safety=4, image=3, compliance=3, legal=4),
            "Per-patient limits that raise an alert (e.g. +2 kg in 3 days).", special=True)
    b.asset("a-alerts", "Clinical alerts", "health_data", (3, 4, 4),
            impact(care=4, decision=4, safety=4, image=3, legal=3),
            "Threshold breaches and missing-reading alerts.", special=True)
    b.asset("a-medication", "Medication schedule and adherence", "therapy_settings",
            (3, 4, 3), impact(care=3, safety=4, image=3, compliance=3, legal=3),
            "Diuretic and antihypertensive doses and taken/missed events.", special=True)
    b.asset("a-identity", "Patient identity (INS)", "identity", (3, 4, 2),
            impact(care=3, decision=3, image=3, compliance=4, legal=3),
            "National health identifier, name, address, phone.")
    b.asset("a-staff-creds", "Professional credentials", "credentials", (4, 4, 2),
            impact(care=3, image=3, compliance=3, legal=3, financial=2),
            "Nurse and physician accounts (Pro Santé Connect / e-CPS).")
    b.asset("a-device-creds", "Device and tablet certificates", "credentials", (4, 4, 2),
            impact(care=2, safety=2, image=2, compliance=2), "MDM-enrolled certificates.",
            personal=False)
    b.asset("a-summary", "Telemonitoring summary", "health_data", (3, 4, 2),
            impact(care=3, decision=3, image=3, compliance=3, legal=3),
            "Monthly report and event letters for the record.", special=True)

    b.comp("scale", "Connected scale", "connected-scale", "z-home", assets=("a-readings",))
    b.comp("bp-cuff", "Blood-pressure cuff", "bp-cuff", "z-home", assets=("a-readings",))
    b.comp("oximeter", "Pulse oximeter", "pulse-oximeter", "z-home", assets=("a-readings",))
    b.comp("dispenser", "Smart pill dispenser", "smart-pill-dispenser", "z-home",
           assets=("a-medication",))
    b.comp("tablet-hub", "Patient tablet (kiosk)", "tablet-hub", "z-home",
           assets=("a-readings", "a-symptoms", "a-identity", "a-device-creds"),
           notes="Shared with the household; kiosk escapes via accessibility settings "
                 "have been reported on this OS version.")
    b.comp("cell-hub", "Cellular hub (no broadband)", "home-hub", "z-home",
           assets=("a-readings", "a-device-creds"), wireless_interfaces=["BLE", "LTE-M"])
    b.comp("ble", "Bluetooth LE", "ble", "z-home",
           notes="Scale, cuff and oximeter use legacy Just Works pairing.")
    b.comp("home-wifi", "Home Wi-Fi", "wifi-home", "z-home")
    b.comp("broadband", "Home broadband", "home-internet", "z-home")
    b.comp("cellular", "4G / LTE-M", "cellular", "z-carrier")
    b.comp("nurse-app", "Nurse on-call app", "companion-app", "z-nurse",
           assets=("a-alerts", "a-identity"),
           safety_critical_function="delivery of clinical alerts to the on-call nurse")
    b.comp("internet", "Public internet", "public-internet", "z-internet")
    b.comp("push", "Push notification service", "push-notification-service", "z-internet",
           assets=("a-alerts",))
    b.comp("mdm", "Tablet MDM service", "vendor-device-cloud", "z-vendor",
           assets=("a-device-creds",),
           description="Enrols tablets, pushes the kiosk app and OS updates.")
    b.comp("dispenser-cloud", "Dispenser vendor cloud", "vendor-device-cloud", "z-vendor",
           assets=("a-medication", "a-identity"))
    b.comp("api", "Platform API gateway", "api-gateway", "z-hds",
           assets=("a-device-creds",))
    b.comp("tm-platform", "Telemonitoring platform", "telemonitoring-platform", "z-hds",
           assets=("a-readings", "a-symptoms", "a-thresholds", "a-alerts", "a-identity",
                   "a-medication"),
           safety_critical_function="threshold evaluation and alert generation")
    b.comp("nurse-portal", "Nurse and physician portal", "clinician-portal", "z-hds",
           assets=("a-alerts", "a-thresholds", "a-readings", "a-identity"),
           authentication="mfa")
    b.comp("psc", "Pro Santé Connect IdP", "identity-provider", "z-hds",
           assets=("a-staff-creds",), description="National identity federation for health "
                                                  "professionals (e-CPS app or CPS card).")
    b.comp("hds", "HDS hosting platform", "hds-host", "z-hds",
           assets=("a-readings", "a-identity", "a-thresholds"))
    b.comp("backup", "Platform backups", "backup-service", "z-hds",
           assets=("a-readings", "a-identity"))
    b.comp("soc", "Provider SOC", "siem-soc", "z-hds")
    b.comp("hospital-lan", "Hospital LAN", "hospital-lan", "z-hospital")
    b.comp("cardio-ws", "Cardiologist workstation", "clinical-workstation", "z-hospital",
           assets=("a-summary",))
    b.comp("eai", "Hospital interface engine", "interface-engine", "z-hospital",
           assets=("a-summary", "a-identity"))
    b.comp("ehr", "Hospital EHR", "ehr", "z-hospital", assets=("a-summary", "a-identity"))

    for device in ("scale", "bp-cuff", "oximeter"):
        b.flow(device, "tablet-hub", "Morning reading", "BLE GATT (legacy pairing)",
               via=("ble",), encrypted=False, authenticated=False, assets=("a-readings",),
               notes="Any BLE device advertising the same profile can pair and send "
                     "readings; the hub does not check serial numbers.")
    b.flow("bp-cuff", "cell-hub", "Reading (cellular kit)", "BLE GATT (legacy pairing)",
           via=("ble",), encrypted=False, authenticated=False, assets=("a-readings",))
    b.flow("tablet-hub", "api", "Readings and questionnaire upload", "HTTPS/REST (TLS 1.2)",
           via=("home-wifi", "broadband", "internet"), encrypted=True, authenticated=True,
           assets=("a-readings", "a-symptoms", "a-identity"))
    b.flow("cell-hub", "api", "Readings upload (LTE-M)", "MQTT over TLS 1.2",
           via=("cellular", "internet"), encrypted=True, authenticated=True,
           assets=("a-readings",))
    b.flow("dispenser", "dispenser-cloud", "Dose events", "MQTT over TLS",
           via=("home-wifi", "broadband", "internet"), encrypted=True, authenticated=True,
           assets=("a-medication",))
    b.flow("dispenser-cloud", "dispenser", "Schedule changes", "MQTT over TLS",
           via=("internet", "broadband", "home-wifi"), encrypted=True, authenticated=True,
           assets=("a-medication",), ident="f-dispenser-cloud-dispenser-schedule")
    b.flow("dispenser-cloud", "api", "Adherence feed", "HTTPS/REST webhook (shared secret)",
           via=("internet",), encrypted=True, authenticated=True,
           assets=("a-medication", "a-identity"))
    b.flow("mdm", "tablet-hub", "Enrolment, kiosk app and OS updates", "HTTPS (MDM)",
           via=("internet", "broadband", "home-wifi"), encrypted=True, authenticated=True,
           assets=("a-device-creds",))
    b.flow("api", "tm-platform", "Validated readings", "HTTPS (internal)", encrypted=True,
           authenticated=True, assets=("a-readings", "a-symptoms", "a-medication"))
    b.flow("tm-platform", "nurse-portal", "Alerts and trends", "HTTPS (internal)",
           bidirectional=True, encrypted=True, authenticated=True,
           assets=("a-alerts", "a-readings", "a-thresholds"),
           notes="Nurses edit thresholds from the portal; changes are logged but not "
                 "countersigned by a physician.")
    b.flow("psc", "nurse-portal", "Professional sign-in", "OIDC (e-CPS)", via=("internet",),
           encrypted=True, authenticated=True, assets=("a-staff-creds",))
    b.flow("tm-platform", "push", "On-call alerts", "HTTPS/2 (APNs/FCM)", encrypted=True,
           authenticated=True, assets=("a-alerts",))
    b.flow("push", "nurse-app", "Alert notification", "APNs/FCM",
           via=("internet", "cellular"), encrypted=True, authenticated=True,
           assets=("a-alerts",),
           notes="Delivery is best effort; the platform does not check acknowledgement "
                 "within a deadline.")
    b.flow("nurse-app", "api", "Alert acknowledgement", "HTTPS/REST (TLS 1.2)",
           via=("cellular", "internet"), bidirectional=True, encrypted=True,
           authenticated=True, assets=("a-alerts",))
    b.flow("tm-platform", "hds", "Storage", "SQL over TLS", encrypted=True,
           authenticated=True, assets=("a-readings", "a-identity", "a-thresholds"))
    b.flow("hds", "backup", "Nightly backup", "encrypted snapshots", encrypted=True,
           authenticated=True, assets=("a-readings", "a-identity"))
    b.flow("tm-platform", "soc", "Security events", "syslog over TLS", encrypted=True,
           authenticated=True, assets=())
    b.flow("tm-platform", "eai", "Monthly summary to the record", "FHIR R4 over TLS 1.2",
           via=("internet", "hospital-lan"), encrypted=True, authenticated=True,
           assets=("a-summary", "a-identity"))
    b.flow("eai", "ehr", "Summary filed", "HL7 v2 MDM over MLLP (cleartext)",
           via=("hospital-lan",), encrypted=False, authenticated=False,
           assets=("a-summary", "a-identity"))
    b.flow("nurse-portal", "cardio-ws", "Cardiologist review", "HTTPS (TLS 1.2)",
           via=("internet", "hospital-lan"), bidirectional=True, encrypted=True,
           authenticated=True, assets=("a-alerts", "a-readings", "a-thresholds"))

    b.attacker("remote-internet", rule=INTERNET_RULE)
    b.attacker("proximate-radio", ("ble", "home-wifi"),
               description="A neighbour or visitor within BLE range pairing a rogue device "
                           "or replaying readings.")
    # The on-call nurse's phone takes apps from its user (user_installable_apps), as the
    # tablet's kiosk can be escaped: both are where a malicious app lands.
    b.attacker("malicious-app", ("tablet-hub", "nurse-app"),
               description="A household member escaping the kiosk and installing apps, or "
                           "an app installed on the on-call nurse's phone.")
    b.attacker("supply-chain", ("mdm", "dispenser-cloud"))
    b.attacker("hospital-insider", ("cardio-ws", "hospital-lan"))

    b.target("tm-platform", "patient_safety", "Alert generation for decompensation")
    b.target("dispenser", "patient_safety", "Medication scheduling of the dispenser")
    b.target("nurse-app", "care_service", "Timely alerts to the on-call nurse")
    b.target("hds", "health_data", "Telemonitoring records of all patients")
    model = b.build()
    # The hospital's review of the platform vendor, half done: a realistic mix of answers.
    from workbench.model.review import ReviewAnswer, ReviewRecord

    by, on = "A. Lefèvre (hospital CISO)", dt.date(2026, 11, 10)
    model.review = ReviewRecord(
        vendor="CardioSuivi SAS (telemonitoring platform)", reviewer=by, date=on,
        answers=[ReviewAnswer(item=item, answer=answer, evidence=evidence, note=note,
                              answered_by=by, answered_on=on)
                 for item, answer, evidence, note in (
            ("hds-certified-hosting", "yes",
             "HDS certificate #HDS-2024-0457 (hosting and managed services, activities 1-6) "
             "valid until 2027-03-14; backup site in the same scope", None),
            ("data-location", "partial", "Data processing agreement v3, annex 2: storage "
             "and processing in France", "Night-time support desk in Tunisia is not listed "
             "as a sub-processor; transfer clause requested"),
            ("signed-firmware", "partial", "Android verified boot and signed MDM packages "
             "for the tablet hub", "Scale, cuff and oximeter are third-party devices: no "
             "statement yet from their makers"),
            ("encryption-in-transit", "partial", "TLS 1.2+ on every platform endpoint "
             "(SSL Labs grade A, 2026-10-02)", "Summaries reach the EHR over HL7 v2 MLLP in "
             "cleartext on the hospital LAN"),
            ("sbom", "no", None, "Vendor offers a CycloneDX SBOM of the platform only after "
             "contract signature; nothing for the hub app"),
            ("patch-commitment", "unknown", None, "End-of-support dates of the tablet OS "
             "asked on 2026-10-20, no answer yet"),
            ("clinician-authentication", "yes", "Pro Santé Connect (e-CPS) on the nurse "
             "portal and on-call app; audit report 2026-09", None),
            ("incident-notification", "yes", "Contract clause 14.2: notification within "
             "24 h, help with the CERT Santé / ARS declaration", None),
            ("security-testing", "partial", "Penetration test by a PASSI-qualified firm, "
             "2026-05, platform only", "Hub app and MDM enrolment not in scope"),
        )])
    return model


# --------------------------------------------------------------------------------------
# 6. A French GHT sharing an EHR and a PACS across sites
# --------------------------------------------------------------------------------------
def ght_shared_ehr_pacs() -> ThreatModel:
    b = Builder(
        Metadata(
            title="GHT shared EHR and PACS across three hospitals",
            system="Territorial hospital group (GHT): convergent EHR and shared PACS at the "
                   "support hospital, two partner sites, regional network, teleradiology, "
                   "national shared record",
            owner="GHT CISO (RSSI de territoire)",
            authors=["GHT RSSI", "GHT IT director", "Imaging department head",
                     "Data-protection officer"],
            version="2.0", review_date=REVIEW_DATE,
            description="Since the 2016 health law, three public hospitals form a GHT and "
                        "share one EHR and one PACS hosted in the support hospital's "
                        "datacenter. Sites B and C reach them over the regional health "
                        "network (operator MPLS). Imaging modalities at every site send DICOM "
                        "to the shared PACS; a private teleradiology company reads night-time "
                        "scans over a VPN; radiologists may read from home. Discharge letters "
                        "go to the national shared record (DMP). Backups go to a certified "
                        "health-data host.",
            scope="Shared EHR and PACS, interface engine, identity, the three sites' LANs "
                  "and imaging, regional network, teleradiology, remote reading, patient "
                  "portal, DMP feed, backups, SOC.",
            assumptions=[
                "The regional network is a private MPLS service; it is not encrypted by the "
                "operator.",
                "Every site has its own Active Directory forest trusted by the GHT IdP.",
                "Site C is a small local hospital with one part-time IT technician.",
            ],
            out_of_scope=["Laboratory and pharmacy systems", "Medico-social (EHPAD) sites",
                          "Building and technical systems"],
        ),
        RegulatoryContext(medical_device=False, markets=["EU"], hosts_health_data=True,
                          health_data_host_certified=False),
    )
    b.zone("z-site-a", "Site A (support hospital)", "hospital", 6,
           "Wards, imaging department and offices of the support hospital.")
    b.zone("z-dc", "GHT datacenter (site A)", "hospital", 7,
           "Shared servers: EHR, PACS, interface engine, identity.")
    b.zone("z-site-b", "Site B (general hospital)", "hospital", 5,
           "Mid-size hospital connected over the regional network.")
    b.zone("z-region", "Regional health network", "carrier", 5,
           "Operator MPLS linking the sites and regional services.")
    b.zone("z-site-c", "Site C (local hospital)", "hospital", 4,
           "Small hospital with legacy equipment and a flat network.")
    b.zone("z-remote", "Radiologist at home", "mobile", 3, "On-call reading from home.")
    b.zone("z-internet", "Public internet", "public_internet", 0, "Untrusted transit.")
    b.zone("z-telerad", "Teleradiology company", "partner", 4,
           "Private company reading night-time examinations under contract.")
    b.zone("z-national", "National health services", "partner", 7,
           "DMP (national shared record) and national identity services.")
    b.zone("z-hds", "Backup host (HDS)", "health_data_host", 8,
           "Certified host keeping off-site backups.")

    b.asset("a-record", "Shared patient record", "health_data", (4, 4, 4),
            impact(care=4, decision=4, safety=3, social=3, image=4, compliance=4, legal=4,
                   financial=4),
            "Orders, results, notes, prescriptions for 400,000 patients of the territory.",
            special=True)
    b.asset("a-images", "Imaging studies", "imaging", (3, 4, 3),
            impact(care=3, decision=4, safety=3, image=3, compliance=3, legal=3,
                   financial=2),
            "DICOM studies (CT, MRI, X-ray) with patient demographics in headers.",
            special=True)
    b.asset("a-reports", "Radiology reports", "health_data", (3, 4, 3),
            impact(care=3, decision=4, safety=3, image=3, compliance=3, legal=4),
            "Signed interpretations; a wrong report misleads treatment.", special=True)
    b.asset("a-worklist", "Modality worklist and orders", "identity", (2, 4, 3),
            impact(care=3, decision=3, safety=3, compliance=2, legal=2),
            "Which patient goes on which scanner; errors cause patient mix-ups.")
    b.asset("a-identity", "Territorial patient identity (INS)", "identity", (3, 4, 3),
            impact(care=3, decision=3, safety=3, image=3, compliance=4, legal=3),
            "Identity server linking local patient numbers to the national identifier.")
    b.asset("a-staff-creds", "Staff accounts and CPS cards", "credentials", (4, 4, 3),
            impact(care=3, social=3, image=3, compliance=3, legal=3, financial=3),
            "Directory accounts of 6,000 staff, CPS smart-card certificates.")
    b.asset("a-partner-creds", "Partner VPN credentials", "credentials", (4, 4, 2),
            impact(care=3, image=3, compliance=3, legal=3, financial=2),
            "Teleradiology and remote-reading VPN accounts.", personal=False)
    b.asset("a-backups", "Backup sets", "health_data", (4, 4, 4),
            impact(care=4, decision=3, image=4, compliance=4, legal=4, financial=4),
            "Nightly EHR and PACS backups; the last resort against ransomware.",
            special=True)
    b.asset("a-logs", "Security logs", "logs", (2, 4, 3),
            impact(compliance=3, legal=3, image=2), "Logs gathered from all sites.",
            personal=False)

    # Site A
    b.comp("ct-a", "CT scanner (site A)", "imaging-modality", "z-site-a",
           assets=("a-images", "a-worklist"), os_firmware="Windows 10 IoT",
           patch_status="lagging", legacy=False)
    b.comp("mri-a", "MRI (site A)", "imaging-modality", "z-site-a",
           assets=("a-images", "a-worklist"))
    b.comp("ws-a", "Clinical workstations (site A)", "clinical-workstation", "z-site-a",
           assets=("a-record",))
    b.comp("reading-a", "Radiology reading station", "clinical-workstation", "z-site-a",
           assets=("a-images", "a-reports"))
    b.comp("monitors-a", "ICU patient monitors (site A)", "patient-monitor", "z-site-a",
           assets=("a-record",))
    b.comp("lan-a", "Site A LAN", "hospital-lan", "z-site-a")
    # Shared datacenter
    b.comp("eai", "Interface engine (EAI)", "interface-engine", "z-dc",
           assets=("a-identity", "a-worklist", "a-reports"))
    b.comp("ris-router", "DICOM router", "edge-server", "z-dc", assets=("a-images",),
           description="Routes studies between modalities, PACS and teleradiology.",
           encryption_at_rest=False)
    b.comp("ehr", "Convergent EHR (DPI)", "ehr", "z-dc",
           assets=("a-record", "a-identity", "a-reports"))
    b.comp("pacs", "Shared PACS", "pacs", "z-dc", assets=("a-images", "a-reports"))
    b.comp("idp", "GHT identity provider", "identity-provider", "z-dc",
           assets=("a-staff-creds",), internet_exposed=False,
           notes="Trusts three AD forests; CPS card or password.")
    b.comp("portal", "GHT patient portal", "patient-portal", "z-dc",
           assets=("a-reports", "a-identity"),
           notes="Appointments and results; reverse proxy in the DMZ.")
    b.comp("soc", "Regional SOC (SIEM)", "siem-soc", "z-dc", assets=("a-logs",))
    b.comp("dc-lan", "Datacenter network", "hospital-lan", "z-dc")
    # Site B
    b.comp("ct-b", "CT scanner (site B)", "imaging-modality", "z-site-b",
           assets=("a-images", "a-worklist"))
    b.comp("ws-b", "Clinical workstations (site B)", "clinical-workstation", "z-site-b",
           assets=("a-record",))
    b.comp("pumps-b", "Infusion pumps (site B)", "infusion-pump", "z-site-b",
           assets=("a-record",), wireless_interfaces=[])
    b.comp("lan-b", "Site B LAN", "hospital-lan", "z-site-b")
    b.comp("biomed-b", "Site B biomedical VLAN", "biomedical-vlan", "z-site-b")
    # Regional network
    b.comp("rhn", "Regional health network (MPLS)", "regional-health-network", "z-region")
    # Site C
    b.comp("xray-c", "X-ray room (site C)", "imaging-modality", "z-site-c",
           assets=("a-images", "a-worklist"), os_firmware="Windows XP Embedded",
           notes="Vendor will not certify a newer OS for this generator.")
    b.comp("ws-c", "Shared workstations (site C)", "clinical-workstation", "z-site-c",
           assets=("a-record",), os_firmware="Windows 10 (shared local account)",
           authentication="password", patch_status="lagging")
    b.comp("lan-c", "Site C LAN (flat)", "hospital-lan", "z-site-c")
    # Remote reading
    b.comp("home-laptop", "Radiologist laptop", "clinical-workstation", "z-remote",
           assets=("a-images", "a-reports", "a-partner-creds"), physical_access=True)
    b.comp("home-net", "Radiologist home broadband", "home-internet", "z-remote")
    b.comp("internet", "Public internet", "public-internet", "z-internet")
    b.comp("patients", "Patients' phones and browsers", "smartphone", "z-internet",
           assets=("a-reports",), description="Any patient of the territory using the "
                                                "portal from a personal device.")
    b.comp("ght-vpn", "GHT VPN concentrator", "vpn", "z-internet", internet_exposed=True,
           notes="SSL VPN appliance in the DMZ; serves remote radiologists and the "
                 "teleradiology company.")
    # Teleradiology and national services
    b.comp("telerad", "Teleradiology reading platform", "clinician-portal", "z-telerad",
           assets=("a-images", "a-reports", "a-partner-creds"),
           notes="Radiologists of the company log in from their homes across Europe.")
    b.comp("dmp", "National shared record (DMP)", "partner-api", "z-national",
           assets=("a-reports",), authentication="certificate")
    b.comp("hds-backup", "Off-site backups (HDS)", "backup-service", "z-hds",
           assets=("a-backups",), internet_exposed=False)

    b.flow("ct-a", "ris-router", "Studies (site A)", "DICOM C-STORE (cleartext)",
           via=("lan-a", "dc-lan"), encrypted=False, authenticated=False,
           assets=("a-images",), notes="AE titles are the only check.")
    b.flow("mri-a", "ris-router", "Studies (MRI)", "DICOM C-STORE (cleartext)",
           via=("lan-a", "dc-lan"), encrypted=False, authenticated=False,
           assets=("a-images",))
    b.flow("ct-b", "ris-router", "Studies (site B)", "DICOM C-STORE (cleartext)",
           via=("lan-b", "rhn", "dc-lan"), encrypted=False, authenticated=False,
           assets=("a-images",),
           notes="Patient demographics cross the operator network in clear.")
    b.flow("xray-c", "ris-router", "Studies (site C)", "DICOM C-STORE (cleartext)",
           via=("lan-c", "rhn", "dc-lan"), encrypted=False, authenticated=False,
           assets=("a-images",))
    b.flow("eai", "ct-a", "Worklist (site A)", "DICOM MWL (cleartext)",
           via=("dc-lan", "lan-a"), encrypted=False, authenticated=False,
           assets=("a-worklist",))
    b.flow("eai", "xray-c", "Worklist (site C)", "DICOM MWL (cleartext)",
           via=("dc-lan", "rhn", "lan-c"), encrypted=False, authenticated=False,
           assets=("a-worklist",))
    b.flow("ris-router", "pacs", "Archive", "DICOM C-STORE (TLS)", via=("dc-lan",),
           encrypted=True, authenticated=True, assets=("a-images",))
    b.flow("pacs", "reading-a", "Reading", "DICOMweb over HTTPS", via=("dc-lan", "lan-a"),
           bidirectional=True, encrypted=True, authenticated=True,
           assets=("a-images", "a-reports"))
    b.flow("reading-a", "eai", "Signed reports", "HL7 v2 ORU MLLP (cleartext)",
           via=("lan-a", "dc-lan"), encrypted=False, authenticated=False,
           assets=("a-reports",))
    b.flow("eai", "ehr", "Reports, ADT and orders", "HL7 v2 MLLP (cleartext)",
           via=("dc-lan",), bidirectional=True, encrypted=False, authenticated=False,
           assets=("a-reports", "a-identity", "a-worklist"))
    b.flow("ws-a", "ehr", "EHR use (site A)", "HTTPS (TLS 1.2)", via=("lan-a", "dc-lan"),
           bidirectional=True, encrypted=True, authenticated=True, assets=("a-record",))
    b.flow("ws-b", "ehr", "EHR use (site B)", "HTTPS (TLS 1.2)",
           via=("lan-b", "rhn", "dc-lan"), bidirectional=True, encrypted=True,
           authenticated=True, assets=("a-record",))
    b.flow("ws-c", "ehr", "EHR use (site C)", "Citrix ICA (TLS)",
           via=("lan-c", "rhn", "dc-lan"), bidirectional=True, encrypted=True,
           authenticated=True, assets=("a-record",),
           notes="Shared local Windows account; EHR login per user but sessions left open.")
    b.flow("monitors-a", "eai", "ICU vitals", "HL7 v2 ORU MLLP (cleartext)",
           via=("lan-a", "dc-lan"), encrypted=False, authenticated=False,
           assets=("a-record",))
    b.flow("pumps-b", "ws-b", "Pump status to ward PC", "proprietary TCP",
           via=("biomed-b", "lan-b"), encrypted=False, authenticated=False,
           assets=("a-record",))
    b.flow("ws-a", "idp", "Staff sign-in", "Kerberos / SAML, CPS card",
           via=("lan-a", "dc-lan"), encrypted=True, authenticated=True,
           assets=("a-staff-creds",))
    b.flow("ris-router", "telerad", "Night-time studies", "DICOM over TLS in SSL VPN",
           via=("dc-lan", "ght-vpn", "internet"), encrypted=True, authenticated=True,
           assets=("a-images",))
    b.flow("telerad", "eai", "Teleradiology reports", "HL7 v2 ORU over SSL VPN",
           via=("internet", "ght-vpn", "dc-lan"), encrypted=True, authenticated=True,
           assets=("a-reports", "a-partner-creds"),
           notes="One VPN account shared by the company's radiologists, password only.")
    b.flow("pacs", "home-laptop", "Remote reading", "DICOMweb over SSL VPN",
           via=("dc-lan", "ght-vpn", "internet", "home-net"), bidirectional=True,
           encrypted=True, authenticated=True, assets=("a-images", "a-reports"),
           notes="Personal laptop allowed; studies cached on local disk.")
    b.flow("ehr", "portal", "Results for patients", "HTTPS (internal)", via=("dc-lan",),
           encrypted=True, authenticated=True, assets=("a-reports", "a-identity"))
    b.flow("portal", "patients", "Patient access", "HTTPS (TLS 1.2), password + SMS OTP",
           via=("internet",), bidirectional=True, encrypted=True, authenticated=True,
           assets=("a-reports", "a-identity"),
           notes="Internet-facing; password reset by SMS to the number on file.")
    b.flow("ehr", "dmp", "Discharge letters to DMP", "HTTPS (IHE XDS.b, TLS mutual)",
           via=("dc-lan", "rhn"), encrypted=True, authenticated=True,
           assets=("a-reports",))
    b.flow("ehr", "hds-backup", "Nightly EHR backup", "encrypted backup stream over IPsec",
           via=("dc-lan", "rhn"), encrypted=True, authenticated=True,
           assets=("a-backups",),
           notes="Backups are online and writable from the backup server's domain account.")
    b.flow("pacs", "hds-backup", "Nightly PACS backup", "encrypted backup stream over IPsec",
           via=("dc-lan", "rhn"), encrypted=True, authenticated=True,
           assets=("a-backups",))
    b.flow("ehr", "soc", "EHR audit logs", "syslog over TLS", via=("dc-lan",),
           encrypted=True, authenticated=True, assets=("a-logs",))
    b.flow("ws-c", "soc", "Site C logs", "syslog (UDP, cleartext)",
           via=("lan-c", "rhn", "dc-lan"), encrypted=False, authenticated=False,
           assets=("a-logs",))

    b.attacker("remote-internet", rule=INTERNET_RULE,
               description="Ransomware group entering through the VPN concentrator, the "
                           "patient portal or phishing, then spreading over the regional "
                           "network.")
    b.attacker("hospital-insider", ("ws-a", "ws-b", "ws-c", "lan-c"),
               description="Staff at any site; site C workstations share one local account.")
    b.attacker("supply-chain", ("telerad",),
               description="The teleradiology company or one of its radiologists' home "
                           "computers.")
    b.attacker("partner-insurer", ("telerad",), capability=0.3,
               description="A contracted reader consulting studies beyond the night "
                           "worklist.")

    b.target("pumps-b", "patient_safety", "Infusion dosing at site B")
    b.target("ehr", "health_data", "Shared patient record of the territory")
    b.target("pacs", "health_data", "Imaging studies of the territory")
    b.target("ehr", "care_service", "Care continuity on all three sites")
    b.target("hds-backup", "care_service", "Recovery after ransomware")
    return b.build()


MODELS = {
    "cardiac-implant-remote-monitoring": cardiac_implant_remote_monitoring,
    "insulin-closed-loop": insulin_closed_loop,
    "hospital-ward-iomt": hospital_ward_iomt,
    "wearable-insurer-wellness": wearable_insurer_wellness,
    "home-telemonitoring": home_telemonitoring,
    "ght-shared-ehr-pacs": ght_shared_ehr_pacs,
}


# --------------------------------------------------------------------------------------
# 7. Analyst decisions (owned by the threat-catalog / rule-engine work, issue 3)
#    Runs the rule engine on each built model, then records a few realistic decisions so
#    that the samples show accepted, rejected, mitigated, transferred and risk-accepted
#    threats, and controls implemented, verified and planned (current vs projected risk).
# --------------------------------------------------------------------------------------
#: catalog threat id -> (status, controls as (catalog control id, link status, evidence)).
#: Control decisions apply to every instance of the threat type in the model.
SAMPLE_CONTROL_DECISIONS: tuple[tuple[str, str, tuple[tuple[str, str, str | None], ...]], ...] = (
    ("cloud.ransomware", "mitigated", (
        ("immutable-backups", "implemented", "Quarterly restore test, report RT-2026-10"),
        ("continuity-plan", "planned", None),
        ("soc-monitoring", "planned", None))),
    ("thing.firmware-tampering", "mitigated", (
        ("signed-firmware-updates", "verified",
         "Signature rejection verified in penetration test PT-2026-03"),
        ("device-secure-boot", "implemented", "Design review DR-14"))),
    ("network.lateral-movement", "accepted", (
        ("network-segmentation", "implemented", "Firewall rule review 2026-09"),
        ("boundary-allowlist-filtering", "planned", None))),
    ("cloud.account-takeover", "mitigated", (
        ("mfa", "implemented", "Identity provider policy export 2026-10"),)),
    ("flow.cleartext-across-boundary", "accepted", (
        ("transport-encryption", "planned", None),)),
    ("thing.legacy-unpatched-os", "accepted", (
        ("medical-device-inventory", "implemented", "Biomedical inventory extract 2026-10"),
        ("legacy-device-isolation", "planned", None))),
    ("cloud.insider-misuse", "accepted", (
        ("record-access-audit", "implemented", "Monthly access review minutes"),
        ("insider-safeguards", "planned", None))),
    ("cloud.reidentification-secondary-use", "mitigated", (
        ("pseudonymisation", "implemented", "Pseudonymisation service design note"),
        ("data-sharing-agreements", "verified",
         "Signed data-sharing agreement, clause 9: no re-identification"))),
)
#: One threat to rule out, first candidate present wins: (catalog id, reason).
SAMPLE_REJECTIONS = (
    ("thing.ble-tracking", "The device uses BLE resolvable private addresses that rotate "
                           "every 15 minutes (checked in a pairing capture)."),
    ("network.nfc-relay", "NFC is only used in the factory; the interface is disabled in the "
                          "field firmware."),
    ("thing.debug-port-extraction", "Debug ports are fused off in production units "
                                    "(manufacturing record MR-2201)."),
)
SAMPLE_TRANSFERS = (
    ("cloud.cloud-service-outage", "Certified health-data host (HDS contract, availability "
                                   "SLA 99.9 %, penalties)"),
)
SAMPLE_RISK_ACCEPTANCES = (
    ("network.cellular-interception", "Payloads are protected end to end by TLS; a downgrade "
                                      "exposes only metadata."),
    ("network.internet-dos", "Devices store and forward for 72 hours; a carrier outage delays "
                             "but does not lose readings."),
)


def record_analyst_decisions(model: ThreatModel) -> ThreatModel:
    """The model with rule-engine suggestions merged in and a few analyst decisions."""
    from workbench.analysis.catalog import load_catalog
    from workbench.analysis.rules import suggest_threats
    from workbench.model.entities import ControlInstance, MitigationLink
    from workbench.model.enums import ControlStatus, ThreatStatus

    catalog = load_catalog(include_user_env=False)
    model = suggest_threats(model, catalog)
    threats = model.threats
    rank = {"planned": 0, "implemented": 1, "verified": 2}
    controls: dict[str, ControlInstance] = {}
    for threat_id, status, links in SAMPLE_CONTROL_DECISIONS:
        for inst in (t for t in threats if t.catalog_id == threat_id):
            inst.status = ThreatStatus(status)
            inst.owner = "Security officer"
            inst.decided_by = "Threat-modeling workshop"
            inst.decided_on = REVIEW_DATE
            for control_id, link_status, evidence in links:
                ctl_id = f"ctl-{control_id}"
                ctl = controls.get(ctl_id)
                if ctl is None:
                    ctl = controls[ctl_id] = ControlInstance(
                        id=ctl_id, catalog_id=control_id,
                        title=catalog.controls[control_id].title, status=ControlStatus.PLANNED,
                        owner="Security officer",
                        due=None if link_status != "planned" else dt.date(2027, 6, 30))
                if inst.element not in ctl.elements:
                    ctl.elements.append(inst.element)
                if rank[link_status] > rank[ctl.status.value]:
                    ctl.status = ControlStatus(link_status)
                    ctl.due = None
                if evidence and not ctl.evidence:
                    ctl.evidence = evidence
                inst.mitigations.append(MitigationLink(control=ctl_id,
                                                       status=ControlStatus(link_status),
                                                       evidence=evidence))

    def first(catalog_id: str):
        return next((t for t in threats if t.catalog_id == catalog_id
                     and t.status == ThreatStatus.SUGGESTED), None)

    for threat_id, reason in SAMPLE_REJECTIONS:
        inst = first(threat_id)
        if inst is not None:
            inst.status, inst.reason = ThreatStatus.REJECTED, reason
            inst.decided_by, inst.decided_on = "Threat-modeling workshop", REVIEW_DATE
            break
    for threat_id, party in SAMPLE_TRANSFERS:
        inst = first(threat_id)
        if inst is not None:
            inst.status, inst.transferred_to = ThreatStatus.TRANSFERRED, party
            inst.owner, inst.decided_on = "Purchasing and legal", REVIEW_DATE
    for threat_id, reason in SAMPLE_RISK_ACCEPTANCES:
        inst = first(threat_id)
        if inst is not None:
            inst.status, inst.reason = ThreatStatus.RISK_ACCEPTED, reason
            inst.owner, inst.decided_by = "CISO", "CISO"
            inst.decided_on = REVIEW_DATE
    model.controls = sorted(controls.values(), key=lambda c: c.id)
    return model


def record_cardiac_workshop(model: ThreatModel) -> ThreatModel:
    """A rating workshop on the ICD's wireless attack surface, as the minutes would show it:
    five named participants, one item without consensus (the vendor and the clinicians
    disagree about who holds programmers), consensus copied onto the threats."""
    from workbench.model.workshop import WorkshopItem, WorkshopSession
    from workbench.workshop import apply_consensus, cast_vote, record_consensus

    on = dt.date(2026, 11, 12)
    cardio, bio, ciso = "Dr C. Martin (cardiology)", "I. Roux (biomedical)", \
        "A. Lefèvre (CISO)"
    vendor, dpo = "S. Nguyen (vendor product security)", "M. Diallo (DPO)"
    session = WorkshopSession(
        id="ws-2026-11-12", title="ICD remote monitoring: wireless attack surface",
        date=on, facilitator="K. Benali (consultant)",
        participants=[cardio, bio, ciso, vendor, dpo],
        notes=["Vendor attended for items 1, 2 and 4 only.",
               "Ratings on the 4-level scales of the model (likelihood, severity per "
               "impact category)."],
        decisions=["Ask the vendor for the RF session authentication design before renewal.",
                   "Biomedical to keep programmers in a locked room with a sign-out log.",
                   "Move the HL7 summary flow to MLLP over TLS (interface engine project)."],
        open_questions=["Are programmers lent between clinics of the GHT, and who tracks "
                        "them?",
                        "Does the transmitter fleet share one TLS client certificate?"])

    def item(threat_id: str, title: str, seconds: int,
             votes: list[tuple[str, int, dict[str, int], str | None]]) -> WorkshopItem:
        threat = next(t for t in model.threats if t.id == threat_id)
        entry = WorkshopItem(element=threat.element, threat=threat.id, title=title,
                             seconds_spent=seconds)
        for who, likelihood, impact, comment in votes:
            cast_vote(entry, who, likelihood, impact, comment)
        session.items.append(entry)
        return entry

    rf = item("thing.implant-rf-command-injection@icd",
              "Commands injected over the implant RF link", 540, [
                  (cardio, 2, {"patient_safety": 4, "care_delivery": 3}, None),
                  (bio, 2, {"patient_safety": 4, "care_delivery": 3}, None),
                  (ciso, 3, {"patient_safety": 4, "care_delivery": 3},
                   "Public research shows it on older models"),
                  (vendor, 2, {"patient_safety": 4, "care_delivery": 2},
                   "Needs an SDR within a few metres and the session protocol")])
    record_consensus(rf, [cardio, ciso], likelihood=2, on=on,
                     rationale="Proximity and skill needed; harm would be immediate.")
    item("flow.unauthenticated-therapy-command@f-programmer-icd",
         "Therapy changed from an unauthenticated programmer", 780, [
             (cardio, 3, {"patient_safety": 4}, "Programmers travel between clinics"),
             (bio, 3, {"patient_safety": 4}, None),
             (ciso, 2, {"patient_safety": 4}, None),
             (vendor, 1, {"patient_safety": 4}, "Only service staff hold programmers")])
    portal = item("cloud.broken-object-authorization@rm-platform",
                  "Other patients' episodes through the platform API", 420, [
                      (ciso, 2, {"legal": 3, "image": 3, "compliance": 3}, None),
                      (dpo, 2, {"legal": 3, "image": 3, "compliance": 4},
                       "A breach notification to the CNIL would follow"),
                      (bio, 3, {"legal": 3, "image": 2, "compliance": 3}, None)])
    record_consensus(portal, [ciso, dpo], on=on)
    fleet = item("gateway.shared-credentials-fleet@transmitter",
                 "One secret shared by every bedside transmitter", 360, [
                     (ciso, 3, {"legal": 3}, None),
                     (bio, 3, {"legal": 2}, None),
                     (vendor, 2, {"legal": 2}, "Certificates are per device since v4")])
    record_consensus(fleet, [ciso, bio], likelihood=3, on=on,
                     rationale="Older transmitters in the field predate v4.")
    model.workshops = [session]
    apply_consensus(model, session)
    return model


#: Extra records some samples carry, applied after the analyst decisions.
SAMPLE_RECORDS = {"cardiac-implant-remote-monitoring": record_cardiac_workshop}


def build_all() -> dict[str, ThreatModel]:
    """Every sample model by file stem, in a fixed order, with analyst decisions (section 7)."""
    out = {name: record_analyst_decisions(make()) for name, make in MODELS.items()}
    for name, record in SAMPLE_RECORDS.items():
        out[name] = record(out[name])
    return out


def expected_texts() -> dict[str, str]:
    """File name to the exact text the builder writes (used by the tests)."""
    return {f"{name}.twm.json": dumps_model(model) for name, model in build_all().items()}


def main(argv: list[str] | None = None) -> int:
    out = Path(argv[0]) if argv else OUT_DIR
    out.mkdir(parents=True, exist_ok=True)
    for name, model in build_all().items():
        path = out / f"{name}.twm.json"
        save_model(model, path, keep_backup=False)
        print(f"{path}: {len(model.components)} components, {len(model.flows)} flows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
