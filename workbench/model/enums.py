"""Closed vocabularies of the model. Values are stable strings written to files."""


from enum import StrEnum


class Layer(StrEnum):
    """The four layers of the end-to-end IoT security model."""

    THING = "thing"
    GATEWAY = "gateway"
    NETWORK = "network"
    CLOUD = "cloud"


LAYER_ORDER: tuple[Layer, ...] = (Layer.THING, Layer.GATEWAY, Layer.NETWORK, Layer.CLOUD)


class Authentication(StrEnum):
    """How an element authenticates the parties that talk to it."""

    NONE = "none"
    SHARED_SECRET = "shared_secret"
    PASSWORD = "password"
    CERTIFICATE = "certificate"
    MFA = "mfa"
    UNKNOWN = "unknown"


class FlowAuthentication(StrEnum):
    """How strongly the two ends of a flow authenticate each other and its messages.

    ``weak`` is authentication an attacker can defeat with public means: a hard-coded or
    fleet-wide key, a serial number as secret, BLE "Just Works" pairing, a replayable code.
    """

    NONE = "none"
    WEAK = "weak"
    STRONG = "strong"


class DebugPort(StrEnum):
    """A hardware or service debug interface (JTAG, UART console, service port)."""

    NONE = "none"
    LOCKED = "locked"  # present but fused, disabled or behind authentication
    OPEN = "open"  # usable by whoever reaches it, without credentials


class Scope(StrEnum):
    """Whether the organisation owns or operates an element (its risks are treated) or the
    element is context it depends on (the public internet, an app store, a mobile operator,
    a partner's system): threats there are assumptions and dependencies, not risks to treat.
    """

    ORGANISATION = "organisation"
    CONTEXT = "context"


class PatchStatus(StrEnum):
    CURRENT = "current"
    LAGGING = "lagging"
    UNSUPPORTED = "unsupported"
    UNKNOWN = "unknown"


class AssetKind(StrEnum):
    HEALTH_DATA = "health_data"
    TELEMETRY = "telemetry"
    THERAPY_SETTINGS = "therapy_settings"
    CREDENTIALS = "credentials"
    IDENTITY = "identity"
    FIRMWARE = "firmware"
    LOGS = "logs"
    FINANCIAL = "financial"
    IMAGING = "imaging"
    OTHER = "other"


class ZoneKind(StrEnum):
    PATIENT_HOME = "patient_home"
    PATIENT_BODY = "patient_body"
    MOBILE = "mobile"
    HOSPITAL = "hospital"
    HOSPITAL_BIOMEDICAL = "hospital_biomedical"
    CLINIC = "clinic"
    VENDOR_CLOUD = "vendor_cloud"
    HEALTH_DATA_HOST = "health_data_host"
    PARTNER = "partner"
    PUBLIC_INTERNET = "public_internet"
    CARRIER = "carrier"
    OTHER = "other"


class ThreatStatus(StrEnum):
    """Analyst decision on a threat instance (suggested until someone decides)."""

    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    MITIGATED = "mitigated"
    TRANSFERRED = "transferred"
    RISK_ACCEPTED = "risk_accepted"
    ORPHANED = "orphaned"


class ControlStatus(StrEnum):
    PLANNED = "planned"
    IMPLEMENTED = "implemented"
    VERIFIED = "verified"


class Stride(StrEnum):
    SPOOFING = "S"
    TAMPERING = "T"
    REPUDIATION = "R"
    INFORMATION_DISCLOSURE = "I"
    DENIAL_OF_SERVICE = "D"
    ELEVATION_OF_PRIVILEGE = "E"
