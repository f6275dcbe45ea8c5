"""Write the interop corpus: connected-health systems in other tools' formats.

``python tools/build_interop_corpus.py`` rewrites ``tests/data/interop/corpus/``: the same
twelve made-up systems (home telemonitoring, hospital ward, insulin pump, ...) written as
OTM JSON and YAML, Threat Dragon 2.x and 1.x, Microsoft TMT with the stock template and with
a custom template (GUID types, as a company template ships them), Threagile YAML and CSV,
plus a dozen files with the quirks vendors' files really have (long and odd ids, self-loops,
dangling ends, annotations, line boundaries, formula-like names, control characters).
``tools/interop_corpus.py`` imports every file and compares counts with the source.

Deterministic (no randomness, no dates): regenerating gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import yaml

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "interop" / "corpus"


@dataclass
class Node:
    id: str
    name: str
    kind: str  # process | external | store
    tech: str = ""  # a vendor word: "database", "iot-device", "web api"
    zone: str | None = None


@dataclass
class Link:
    id: str
    source: str
    target: str
    name: str
    protocol: str = ""
    encrypted: bool = False


@dataclass
class System:
    slug: str
    title: str
    zones: list[tuple[str, str]]  # (id, name)
    nodes: list[Node]
    links: list[Link]
    threats: list[tuple[str, str, str]] = field(default_factory=list)  # (on, title, STRIDE)
    notes: list[str] = field(default_factory=list)


def _n(spec: str) -> list[Node]:
    """``id|name|kind|tech|zone`` per line."""
    out = []
    for line in spec.strip().splitlines():
        cid, name, kind, tech, zone = (p.strip() for p in line.split("|"))
        out.append(Node(cid, name, kind, tech, zone or None))
    return out


def _l(spec: str) -> list[Link]:
    """``source>target|name|protocol`` per line; ids are made from the ends."""
    out = []
    for line in spec.strip().splitlines():
        ends, name, protocol = (p.strip() for p in line.split("|"))
        source, target = ends.split(">")
        out.append(Link(f"{source}-to-{target}", source, target, name, protocol,
                        protocol.upper() in {"HTTPS", "TLS", "MQTTS", "SFTP", "DICOM-TLS"}))
    return out


SYSTEMS = [
    System("home-telemonitoring", "Home heart-failure telemonitoring",
           [("home", "Patient home"), ("cloud", "Vendor cloud")],
           _n("""scale|Connected scale|external|iot-device|home
                 cuff|Blood-pressure cuff|external|iot-device|home
                 hub|Home health hub|process|gateway|home
                 api|Telemonitoring API|process|web api|cloud
                 db|Patient database|store|database|cloud
                 portal|Clinician portal|process|web application|cloud
                 nurse|Nurse|external|browser|"""),
           _l("""scale>hub|Weight|BLE
                 cuff>hub|Blood pressure|BLE
                 hub>api|Upload|HTTPS
                 api>db|Store readings|TLS
                 nurse>portal|Review alerts|HTTPS
                 portal>db|Read readings|TLS"""),
           [("hub", "Hub firmware replaced", "T"), ("hub>api", "Readings intercepted", "I")]),
    System("insulin-pump", "Insulin pump and CGM",
           [("body", "Patient body"), ("phone", "Patient phone"), ("cloud", "Diabetes cloud")],
           _n("""cgm|CGM sensor|external|iot-device|body
                 pump|Insulin pump|external|medical device|body
                 app|Companion app|process|mobile app|phone
                 cloud|Diabetes data platform|process|web api|cloud
                 store|Glucose history|store|database|cloud"""),
           _l("""cgm>app|Glucose readings|BLE
                 app>pump|Bolus command|BLE
                 app>cloud|Sync|HTTPS
                 cloud>store|Write history|TLS"""),
           [("app>pump", "Unauthenticated bolus", "S"), ("pump", "Firmware downgrade", "T")]),
    System("hospital-ward", "Hospital ward IoMT",
           [("ward", "Ward"), ("dc", "Hospital data centre")],
           _n("""monitor|Patient monitor|external|medical device|ward
                 infusion|Infusion pump|external|medical device|ward
                 gw|Biomedical gateway|process|gateway|ward
                 central|Central station|process|workstation|ward
                 ehr|EHR|process|server|dc
                 engine|Interface engine|process|HL7 engine|dc
                 mgmt|Device Management Server|process|server|dc"""),
           _l("""monitor>gw|Vitals|HL7
                 infusion>gw|Pump status|HTTPS
                 gw>central|Alarms|TLS
                 gw>engine|Results|HL7
                 engine>ehr|Orders and results|HL7
                 mgmt>infusion|Drug library|HTTPS"""),
           [("mgmt>infusion", "Drug library tampered", "T")],
           ["Biomed VLAN is flat: all devices see each other."]),
    System("imaging", "Radiology imaging chain",
           [("rad", "Radiology"), ("dc", "Data centre")],
           _n("""ct|CT scanner|external|modality|rad
                 ws|Radiology workstation|external|workstation|rad
                 pacs|PACS|process|server|dc
                 archive|Image archive|store|storage|dc
                 ris|RIS|process|server|dc"""),
           _l("""ct>pacs|Images|DICOM
                 ws>pacs|Query and retrieve|DICOM-TLS
                 pacs>archive|Archive|SMB
                 ris>ct|Worklist|HL7"""),
           [("ct>pacs", "Images read in transit", "I")]),
    System("pacemaker", "Pacemaker remote follow-up",
           [("body", "Patient body"), ("home", "Patient home"), ("cloud", "Vendor cloud")],
           _n("""implant|Pacemaker|external|implant|body
                 tx|Home transmitter|process|bedside monitor|home
                 cloud|Remote follow-up service|process|web api|cloud
                 clinic|Clinic browser|external|browser|
                 prog|Clinician programmer|external|programmer|"""),
           _l("""implant>tx|Telemetry|MICS
                 tx>cloud|Transmission|HTTPS
                 clinic>cloud|Follow-up review|HTTPS
                 prog>implant|Programming|MICS"""),
           [("prog>implant", "Unauthorised reprogramming", "T")]),
    System("telehealth-video", "Telehealth video consultation",
           [("internet", "Internet"), ("cloud", "Hosting")],
           _n("""patient|Patient browser|external|browser|internet
                 doctor|Doctor laptop|external|laptop|internet
                 web|Video web site|process|web server|cloud
                 sfu|Media relay|process|relay|cloud
                 idp|Identity provider|process|identity server|cloud
                 rec|Recording bucket|store|blob storage|cloud"""),
           _l("""patient>web|Join|HTTPS
                 doctor>web|Host|HTTPS
                 patient>sfu|Media|SRTP
                 web>idp|Login|HTTPS
                 sfu>rec|Recordings|HTTPS"""),
           [("rec", "Recordings public", "I")]),
    System("lab", "Laboratory results integration",
           [("lab", "Laboratory"), ("hospital", "Hospital")],
           _n("""analyser|Blood analyser|external|analyzer device|lab
                 lis|Laboratory information system|process|server|lab
                 engine|HL7 interface engine|process|integration|hospital
                 ehr|Electronic health record|process|ehr|hospital
                 results|Results database|store|sql database|lab"""),
           _l("""analyser>lis|Raw results|ASTM
                 lis>results|Store|TLS
                 lis>engine|ORU messages|MLLP
                 engine>ehr|Results|HL7"""), []),
    System("pharmacy", "Smart pill dispenser",
           [("home", "Patient home"), ("cloud", "Pharmacy cloud")],
           _n("""dispenser|Smart pill dispenser|external|iot-device|home
                 wifi|Home router|process|router|home
                 backend|Dispensing backend|process|web api|cloud
                 orders|Prescription store|store|database|cloud
                 pharmacist|Pharmacist|external|user|"""),
           _l("""dispenser>wifi|Telemetry|WiFi
                 wifi>backend|Telemetry|MQTTS
                 backend>orders|Read schedule|TLS
                 pharmacist>backend|Adjust schedule|HTTPS"""),
           [("backend", "Schedule changed by attacker", "T")]),
    System("ventilator-fleet", "Ventilator fleet management",
           [("icu", "Intensive care"), ("vendor", "Vendor service")],
           _n("""vent|Ventilator|external|medical device|icu
                 edge|Edge server|process|edge server|icu
                 fleet|Fleet management cloud|process|iot hub|vendor
                 tech|Service technician|external|laptop|
                 logs|Service logs|store|log storage|vendor"""),
           _l("""vent>edge|Settings and alarms|TLS
                 edge>fleet|Fleet data|HTTPS
                 tech>vent|Maintenance|USB
                 fleet>logs|Logs|HTTPS"""),
           [("tech>vent", "Malware via service laptop", "T")]),
    System("wearables", "Consumer wearable research study",
           [("phone", "Participant phone"), ("cloud", "Study cloud")],
           _n("""watch|Smartwatch|external|wearable|phone
                 tracker|Fitness tracker|external|wearable|phone
                 phone|Participant smartphone|process|mobile|phone
                 ingest|Study ingest API|process|rest api|cloud
                 lake|Research data lake|store|data lake|cloud
                 ml|Analytics notebook|process|ml|cloud"""),
           _l("""watch>phone|Heart rate|BLE
                 tracker>phone|Steps|BLE
                 phone>ingest|Upload|HTTPS
                 ingest>lake|Write|HTTPS
                 ml>lake|Read|HTTPS"""),
           [("lake", "Re-identification of participants", "I")]),
    System("dialysis", "Home dialysis machine",
           [("home", "Patient home"), ("centre", "Dialysis centre")],
           _n("""machine|Home dialysis machine|external|medical device|home
                 tablet|Tablet hub|process|tablet|home
                 server|Centre monitoring server|process|server|centre
                 records|Treatment records|store|database|centre"""),
           _l("""machine>tablet|Treatment data|BLE
                 tablet>server|Upload|HTTPS
                 server>records|Store|TLS"""),
           [("machine", "Treatment parameters changed", "T")]),
    System("emergency", "Ambulance to hospital pre-alert",
           [("ambulance", "Ambulance"), ("hospital", "Hospital")],
           _n("""ecg|12-lead ECG monitor|external|monitor|ambulance
                 router|Ambulance LTE router|process|lte router|ambulance
                 triage|Triage service|process|web api|hospital
                 ed|Emergency department screen|external|display|hospital"""),
           _l("""ecg>router|ECG|WiFi
                 router>triage|Pre-alert|HTTPS
                 triage>ed|Display|HTTPS"""),
           [("router>triage", "Pre-alert spoofed", "S")]),
]

STRIDE_NAMES = {"S": "Spoofing", "T": "Tampering", "R": "Repudiation",
                "I": "Information disclosure", "D": "Denial of service",
                "E": "Elevation of privilege"}


def _guid(*parts: str) -> str:
    h = hashlib.sha256("|".join(parts).encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def _layout(system: System) -> tuple[dict[str, tuple[float, float, float, float]],
                                     dict[str, tuple[float, float, float, float]]]:
    """Boxes: one column per zone (unzoned last), nodes stacked; zone boxes around them."""
    columns = [z for z, _ in system.zones] + [None]
    nodes: dict[str, tuple[float, float, float, float]] = {}
    zones: dict[str, tuple[float, float, float, float]] = {}
    for c, zone in enumerate(columns):
        members = [n for n in system.nodes if n.zone == zone]
        for r, node in enumerate(members):
            nodes[node.id] = (60 + c * 260, 60 + r * 130, 120, 70)
        if zone is not None:
            zones[zone] = (30 + c * 260, 30, 180, max(1, len(members)) * 130 + 20)
    return nodes, zones


def _threats_on(system: System, key: str) -> list[tuple[str, str]]:
    return [(title, stride) for on, title, stride in system.threats if on == key]


# --------------------------------------------------------------------------- OTM ----------
def otm(system: System) -> dict:
    nodes, zones = _layout(system)
    threats, used = [], {}
    for i, (on, title, stride) in enumerate(system.threats):
        tid = f"t{i + 1}"
        threats.append({"id": tid, "name": title, "categories": [STRIDE_NAMES[stride]],
                        "risk": {"likelihood": 50, "impact": 75}})
        used.setdefault(on, []).append({"threat": tid, "state": "exposed"})
    return {
        "otmVersion": "0.2.0",
        "project": {"name": system.title, "id": system.slug},
        "representations": [{"name": "Diagram", "id": "diagram", "type": "diagram",
                             "size": {"width": 1200, "height": 900}}],
        "trustZones": [{"id": z, "name": name, "risk": {"trustRating": 40}} for z, name in
                       system.zones] + [{"id": "unzoned", "name": "Outside",
                                         "risk": {"trustRating": 10}}],
        "components": [{"id": n.id, "name": n.name, "type": n.tech or n.kind,
                        "parent": {"trustZone": n.zone or "unzoned"},
                        "threats": used.get(n.id, [])} for n in system.nodes],
        "dataflows": [{"id": lk.id, "name": lk.name, "source": lk.source,
                       "destination": lk.target,
                       "threats": used.get(f"{lk.source}>{lk.target}", [])}
                      for lk in system.links],
        "threats": threats,
    }


# -------------------------------------------------------------------- Threat Dragon -------
def _td_threats(system: System, key: str) -> list[dict]:
    return [{"id": _guid(system.slug, key, title), "title": title,
             "type": STRIDE_NAMES[stride], "status": "Open", "severity": "High",
             "description": title, "mitigation": "", "modelType": "STRIDE"}
            for title, stride in _threats_on(system, key)]


def td2(system: System) -> dict:
    nodes, zones = _layout(system)
    shape = {"process": "process", "external": "actor", "store": "store"}
    cells = []
    for z, name in system.zones:
        x, y, w, h = zones[z]
        cells.append({"id": _guid(system.slug, "zone", z), "shape": "trust-boundary-box",
                      "position": {"x": x, "y": y}, "size": {"width": w, "height": h},
                      "data": {"name": name, "type": "tm.BoundaryBox"}})
    ids = {n.id: _guid(system.slug, n.id) for n in system.nodes}
    for n in system.nodes:
        x, y, w, h = nodes[n.id]
        cells.append({"id": ids[n.id], "shape": shape[n.kind], "position": {"x": x, "y": y},
                      "size": {"width": w, "height": h},
                      "data": {"name": n.name, "type": f"tm.{shape[n.kind].title()}",
                               "threats": _td_threats(system, n.id)}})
    for lk in system.links:
        cells.append({"id": _guid(system.slug, lk.id), "shape": "flow",
                      "source": {"cell": ids[lk.source]}, "target": {"cell": ids[lk.target]},
                      "data": {"name": lk.name, "type": "tm.Flow", "protocol": lk.protocol,
                               "isEncrypted": lk.encrypted,
                               "threats": _td_threats(system, f"{lk.source}>{lk.target}")}})
    for note in system.notes:
        cells.append({"id": _guid(system.slug, note), "shape": "td-text-block",
                      "position": {"x": 900, "y": 20}, "size": {"width": 200, "height": 60},
                      "data": {"name": note, "type": "tm.Text"}})
    return {"version": "2.2.0", "summary": {"title": system.title, "owner": "Vendor"},
            "detail": {"contributors": [], "diagrams": [{"id": 0, "title": "Main",
                                                         "diagramType": "STRIDE",
                                                         "version": "2.2.0",
                                                         "cells": cells}]}}


def td1(system: System) -> dict:
    nodes, _ = _layout(system)
    ttype = {"process": "tm.Process", "external": "tm.Actor", "store": "tm.Store"}
    ids = {n.id: _guid(system.slug, "v1", n.id) for n in system.nodes}
    cells = []
    for n in system.nodes:
        x, y, w, h = nodes[n.id]
        cells.append({"type": ttype[n.kind], "size": {"width": w, "height": h},
                      "position": {"x": x, "y": y}, "angle": 0, "id": ids[n.id], "z": 1,
                      "attrs": {"text": {"text": n.name}},
                      "threats": _td_threats(system, n.id)})
    for lk in system.links:
        cells.append({"type": "tm.Flow", "smooth": True, "source": {"id": ids[lk.source]},
                      "target": {"id": ids[lk.target]}, "vertices": [],
                      "id": _guid(system.slug, "v1", lk.id), "z": 2,
                      "labels": [{"position": 0.5, "attrs": {"text": {"text": lk.name}}}],
                      "protocol": lk.protocol, "isEncrypted": lk.encrypted,
                      "threats": _td_threats(system, f"{lk.source}>{lk.target}")})
    if len(system.zones) > 1:  # a boundary line between the first two columns
        cells.append({"type": "tm.Boundary", "smooth": True, "source": {"x": 250, "y": 0},
                      "target": {"x": 250, "y": 1000}, "vertices": [],
                      "id": _guid(system.slug, "v1", "boundary"), "z": 3, "attrs": {}})
    return {"summary": {"title": system.title, "owner": "Vendor"},
            "detail": {"contributors": [], "diagrams": [{"title": "Main", "id": 0,
                                                         "diagramType": "STRIDE",
                                                         "diagramJson": {"cells": cells}}]}}


# ----------------------------------------------------------------------------- TMT --------
NS = ('xmlns="http://schemas.datacontract.org/2004/07/ThreatModeling.Model" '
      'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"')
ABS = 'xmlns="http://schemas.datacontract.org/2004/07/ThreatModeling.Model.Abstracts"'
KBNS = "http://schemas.datacontract.org/2004/07/ThreatModeling.KnowledgeBase"
XSI = {"process": "StencilEllipse", "external": "StencilRectangle",
       "store": "StencilParallelLines"}
GENERIC = {"process": "GE.P", "external": "GE.EI", "store": "GE.DS"}
REPRESENTATION = {"process": "Ellipse", "external": "Rectangle", "store": "ParallelLines",
                  "box": "BorderBoundary", "line": "LineBoundary", "flow": "Line",
                  "note": "Annotation"}


def _props(name: str) -> str:
    return ('<Properties ' + ABS + '><a:anyType i:type="b:StringDisplayAttribute" '
            f'xmlns:b="{KBNS}"><b:DisplayName>Name</b:DisplayName><b:Name/>'
            f'<b:Value i:type="c:string" xmlns:c="http://www.w3.org/2001/XMLSchema">'
            f'{escape(name)}</b:Value></a:anyType></Properties>')


def _kv(key: str, xsi: str, body: str) -> str:
    return (f"<a:KeyValueOfguidanyType><a:Key>{key}</a:Key>"
            f'<a:Value i:type="{xsi}">{body}</a:Value></a:KeyValueOfguidanyType>')


def _el(tag: str, value: object) -> str:
    return f"<{tag} {ABS}>{value}</{tag}>"


def tmt(system: System, custom: bool) -> str:
    """A .tm7; ``custom`` writes a company template: every type is a GUID whose parent is
    another GUID, as custom templates ship them, so only ``i:type`` and the template's
    ``Representation`` say what each item is."""
    nodes, zones = _layout(system)

    def type_of(role: str, tech: str = "") -> str:
        if not custom:
            return {"box": "GE.TB.B", "line": "GE.TB.L", "flow": "GE.DF",
                    "note": "GE.A"}.get(role) or GENERIC[role]
        return _guid("template", role, tech)

    template: dict[str, tuple[str, str, str]] = {}  # id -> (name, parent, representation)
    if custom:
        for role in REPRESENTATION:
            template[_guid("template", role, "")] = (f"Company {role}", _guid("root"),
                                                     REPRESENTATION[role])
        for n in system.nodes:
            template[type_of(n.kind, n.tech)] = (n.tech.title() or n.kind.title(),
                                                 _guid("template", n.kind, ""),
                                                 REPRESENTATION[n.kind])
    borders, lines = [], []
    for z, name in system.zones:
        x, y, w, h = zones[z]
        key = _guid(system.slug, "zone", z)
        borders.append(_kv(key, "BorderBoundary",
                           _el("GenericTypeId", type_of("box")) + _el("Guid", key)
                           + _props(name) + _el("TypeId", type_of("box"))
                           + _el("Height", h) + _el("Left", x) + _el("Top", y)
                           + _el("Width", w)))
    keys = {n.id: _guid(system.slug, "tmt", n.id) for n in system.nodes}
    for n in system.nodes:
        x, y, w, h = nodes[n.id]
        tid = type_of(n.kind, n.tech)
        borders.append(_kv(keys[n.id], XSI[n.kind],
                           _el("GenericTypeId", tid if custom else GENERIC[n.kind])
                           + _el("Guid", keys[n.id]) + _props(n.name) + _el("TypeId", tid)
                           + _el("Height", h) + _el("Left", x) + _el("Top", y)
                           + _el("Width", w)))
    for note in system.notes:
        key = _guid(system.slug, "note", note)
        borders.append(_kv(key, "StencilRectangle",
                           _el("GenericTypeId", type_of("note")) + _el("Guid", key)
                           + _props(note) + _el("TypeId", type_of("note"))
                           + _el("Height", 40) + _el("Left", 900) + _el("Top", 20)
                           + _el("Width", 200)))
    flow_keys = {}
    for lk in system.links:
        key = _guid(system.slug, "tmt", lk.id)
        flow_keys[f"{lk.source}>{lk.target}"] = key
        (sx, sy, _, _), (tx, ty, _, _) = nodes[lk.source], nodes[lk.target]
        lines.append(_kv(key, "Connector",
                         _el("GenericTypeId", type_of("flow")) + _el("Guid", key)
                         + _props(lk.name) + _el("TypeId", type_of("flow"))
                         + _el("HandleX", (sx + tx) / 2) + _el("HandleY", (sy + ty) / 2)
                         + _el("SourceGuid", keys[lk.source]) + _el("SourceX", sx)
                         + _el("SourceY", sy) + _el("TargetGuid", keys[lk.target])
                         + _el("TargetX", tx) + _el("TargetY", ty)))
    if custom and len(system.zones) > 1:  # also a line boundary, to be read as one
        key = _guid(system.slug, "line")
        lines.append(_kv(key, "LineBoundary",
                         _el("GenericTypeId", type_of("line")) + _el("Guid", key)
                         + _props("Internet boundary") + _el("TypeId", type_of("line"))
                         + _el("HandleX", 240) + _el("HandleY", 300) + _el("SourceGuid",
                                                                           "00000000-0000-"
                                                                           "0000-0000-"
                                                                           "000000000000")
                         + _el("SourceX", 240) + _el("SourceY", 0)
                         + _el("TargetGuid", "00000000-0000-0000-0000-000000000000")
                         + _el("TargetX", 240) + _el("TargetY", 900)))
    threats = []
    for i, (on, title, stride) in enumerate(system.threats):
        flow = flow_keys.get(on)
        target = keys.get(on) or (keys[on.split(">")[1]] if ">" in on else "")
        source = keys[on.split(">")[0]] if ">" in on else target
        key = f"{stride}{i}{on}"
        threats.append(
            "<a:KeyValueOfstringThreatpc_P0_PhOB>"
            f"<a:Key>{escape(key)}</a:Key><a:Value xmlns:b='{KBNS}'>"
            f"<b:FlowGuid>{flow or '00000000-0000-0000-0000-000000000000'}</b:FlowGuid>"
            f"<b:Id>{i + 1}</b:Id><b:Properties><a:KeyValueOfstringstring><a:Key>Title"
            f"</a:Key><a:Value>{escape(title)}</a:Value></a:KeyValueOfstringstring>"
            f"<a:KeyValueOfstringstring><a:Key>UserThreatCategory</a:Key><a:Value>"
            f"{STRIDE_NAMES[stride]}</a:Value></a:KeyValueOfstringstring></b:Properties>"
            f"<b:SourceGuid>{source}</b:SourceGuid><b:State>NotStarted</b:State>"
            f"<b:TargetGuid>{target}</b:TargetGuid><b:TypeId>T{stride}</b:TypeId>"
            "</a:Value></a:KeyValueOfstringThreatpc_P0_PhOB>")
    kb_items = "".join(
        f"<ElementType><Id>{tid}</Id><Name>{escape(name)}</Name><ParentId>{parent}"
        f"</ParentId><Representation>{rep}</Representation></ElementType>"
        for tid, (name, parent, rep) in sorted(template.items()))
    return ("<?xml version='1.0' encoding='utf-8'?>\n"
            f"<ThreatModel {NS} xmlns:a=\"http://schemas.microsoft.com/2003/10/"
            f"Serialization/Arrays\"><DrawingSurfaceList><DrawingSurfaceModel>"
            f"<Borders>{''.join(borders)}</Borders><Lines>{''.join(lines)}</Lines>"
            f"</DrawingSurfaceModel></DrawingSurfaceList><MetaInformation>"
            f"<ThreatModelName>{escape(system.title)}</ThreatModelName><Owner>Vendor</Owner>"
            f"</MetaInformation><ThreatInstances>{''.join(threats)}</ThreatInstances>"
            f"<KnowledgeBase><GenericElements>{kb_items if custom else ''}</GenericElements>"
            f"<StandardElements/><ThreatTypes/></KnowledgeBase></ThreatModel>\n")


# ------------------------------------------------------------------ Threagile, CSV --------
def threagile(system: System) -> dict:
    kind = {"process": "process", "external": "external-entity", "store": "datastore"}
    assets: dict[str, dict] = {}
    for n in system.nodes:
        body: dict = {"id": n.id, "type": kind[n.kind],
                      "technology": n.tech.replace(" ", "-") or "unknown-technology",
                      "confidentiality": "confidential", "integrity": "critical",
                      "availability": "important"}
        links = {lk.name + ("" if lk.source == n.id else ""): {
            "target": lk.target, "protocol": lk.protocol.lower() or "unknown-protocol",
            "authentication": "none" if not lk.encrypted else "client-certificate",
            "authorization": "none"} for lk in system.links if lk.source == n.id}
        if links:
            body["communication_links"] = links
        assets[n.name] = body
    return {"threagile_version": "1.0.0", "title": system.title,
            "data_assets": {"Health records": {"id": "health-records",
                                               "confidentiality": "strictly-confidential",
                                               "integrity": "critical",
                                               "availability": "important"}},
            "technical_assets": assets,
            "trust_boundaries": {name: {"id": z, "type": "network-on-prem",
                                        "technical_assets_inside": [n.id for n in
                                                                    system.nodes
                                                                    if n.zone == z]}
                                 for z, name in system.zones}}


def csv_text(system: System) -> str:
    rows = ["kind,id,name,type,zone,source,target,protocol,encrypted"]
    rows += [f"zone,{z},{name},,,,,," for z, name in system.zones]
    rows += [f"component,{n.id},{n.name},{n.tech},{n.zone or ''},,,," for n in system.nodes]
    rows += [f"flow,{lk.id},{lk.name},,,{lk.source},{lk.target},{lk.protocol},"
             f"{'yes' if lk.encrypted else 'no'}" for lk in system.links]
    return "\n".join(rows) + "\n"


# --------------------------------------------------------------------- quirky files -------
def quirks(base: System) -> dict[str, str | bytes]:
    """Files with what real vendor files have; the corpus script must import them all."""
    files: dict[str, str | bytes] = {}
    long = "urn:acme:telemonitoring:production:eu-west-1:" + "segment-" * 12
    doc = otm(base)
    for c in doc["components"]:
        c["id"] = long + c["id"]
        c["parent"] = c["parent"]
    for d in doc["dataflows"]:
        d["source"], d["destination"] = long + d["source"], long + d["destination"]
    files["quirk-long-ids.otm.json"] = json.dumps(doc, indent=1)
    doc2 = json.loads(files["quirk-long-ids.otm.json"])
    doc2["components"].reverse()
    files["quirk-long-ids-reordered.otm.json"] = json.dumps(doc2, indent=1)
    doc = otm(base)
    for c, suffix in zip(doc["components"], ["_", "-", ".", ":", "@", "~", " x"],
                         strict=False):
        old = c["id"]
        c["id"] = old + suffix
        for d in doc["dataflows"]:
            d["source"] = c["id"] if d["source"] == old else d["source"]
            d["destination"] = c["id"] if d["destination"] == old else d["destination"]
    files["quirk-odd-id-endings.otm.json"] = json.dumps(doc, indent=1)
    doc = otm(base)
    doc["dataflows"].append({"id": "loop", "name": "Retry", "source": "hub",
                             "destination": "hub"})
    doc["dataflows"].append({"id": "ghost", "name": "To nowhere", "source": "hub",
                             "destination": "decommissioned-gateway"})
    files["quirk-self-loop-and-dangling.otm.json"] = json.dumps(doc, indent=1)
    doc = td2(base)
    cells = doc["detail"]["diagrams"][0]["cells"]
    first_node = next(c for c in cells if c["shape"] in {"actor", "process", "store"})
    cells.append({"id": "dangling", "shape": "flow", "source": {"cell": ""},
                  "target": {"cell": first_node["id"]}, "data": {"name": "Half drawn"}})
    files["quirk-empty-cell.td.json"] = json.dumps(doc, indent=1)
    doc = otm(base)
    doc["components"][0]["name"] = "=HYPERLINK(\"http://x.invalid\",\"Scale\")"
    doc["components"][1]["name"] = "Cuff\u202e\x1b[2J"
    doc["components"][2]["name"] = "Hub " + "very " * 150 + "long name"
    files["quirk-hostile-names.otm.json"] = json.dumps(doc, indent=1)
    doc = otm(base)
    files["quirk-yaml.otm.yaml"] = yaml.safe_dump(doc, sort_keys=False)
    files["quirk-utf8-bom.csv"] = "\ufeff" + csv_text(base).replace(",", ";")
    doc = threagile(base)
    del doc["threagile_version"]
    files["quirk-threagile-no-version.yaml"] = yaml.safe_dump(doc, sort_keys=False)
    return files


def build(out: Path = OUT) -> int:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    count = 0

    def write(name: str, content: str | bytes) -> None:
        nonlocal count
        path = out / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")
        count += 1

    for s in SYSTEMS:
        write(f"{s.slug}.otm.json", json.dumps(otm(s), indent=1))
        write(f"{s.slug}.td2.json", json.dumps(td2(s), indent=1))
        write(f"{s.slug}.td1.json", json.dumps(td1(s), indent=1))
        write(f"{s.slug}.tm7", tmt(s, custom=False))
        write(f"{s.slug}.custom-template.tm7", tmt(s, custom=True))
        write(f"{s.slug}.threagile.yaml", yaml.safe_dump(threagile(s), sort_keys=False))
        write(f"{s.slug}.csv", csv_text(s))
    for name, content in quirks(SYSTEMS[0]).items():
        write(name, content)
    return count


if __name__ == "__main__":
    n = build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"wrote {n} files to {OUT}")
