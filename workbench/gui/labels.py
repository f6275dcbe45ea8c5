"""Translatable labels for generated forms and enum values (lupdate reads the literals)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def field_label(name: str) -> str:
    """The label of a model field in the inspector, translated."""
    labels = {
        "title": QCoreApplication.translate("Fields", "Title"),
        "system": QCoreApplication.translate("Fields", "System"),
        "owner": QCoreApplication.translate("Fields", "Owner"),
        "authors": QCoreApplication.translate("Fields", "Authors"),
        "version": QCoreApplication.translate("Fields", "Version"),
        "review_date": QCoreApplication.translate("Fields", "Review date"),
        "description": QCoreApplication.translate("Fields", "Description"),
        "scope": QCoreApplication.translate("Fields", "Scope"),
        "assumptions": QCoreApplication.translate("Fields", "Assumptions"),
        "out_of_scope": QCoreApplication.translate("Fields", "Out of scope"),
        "id": QCoreApplication.translate("Fields", "Id"),
        "name": QCoreApplication.translate("Fields", "Name"),
        "stencil": QCoreApplication.translate("Fields", "Stencil"),
        "layer": QCoreApplication.translate("Fields", "Layer"),
        "zone": QCoreApplication.translate("Fields", "Zone"),
        "properties": QCoreApplication.translate("Fields", "Properties"),
        "wireless_interfaces": QCoreApplication.translate("Fields", "Wireless interfaces"),
        "os_firmware": QCoreApplication.translate("Fields", "Os firmware"),
        "secure_boot": QCoreApplication.translate("Fields", "Secure boot"),
        "signed_updates": QCoreApplication.translate("Fields", "Signed updates"),
        "authentication": QCoreApplication.translate("Fields", "Authentication"),
        "encryption_at_rest": QCoreApplication.translate("Fields", "Encryption at rest"),
        "internet_exposed": QCoreApplication.translate("Fields", "Internet exposed"),
        "patch_status": QCoreApplication.translate("Fields", "Patch status"),
        "legacy": QCoreApplication.translate("Fields", "Legacy"),
        "safety_critical_function": QCoreApplication.translate(
            "Fields", "Safety critical function"
        ),
        "user_installable_apps": QCoreApplication.translate("Fields", "User installable apps"),
        "physical_access": QCoreApplication.translate("Fields", "Physical access"),
        "multi_tenant": QCoreApplication.translate("Fields", "Multi tenant"),
        "logging": QCoreApplication.translate("Fields", "Logging"),
        "debug_port": QCoreApplication.translate("Fields", "Debug port"),
        "open_services": QCoreApplication.translate("Fields", "Open network services"),
        "flat_network": QCoreApplication.translate("Fields", "Flat network (no segmentation)"),
        "signed": QCoreApplication.translate("Fields", "Signed software"),
        "data_assets": QCoreApplication.translate("Fields", "Data assets"),
        "vendor": QCoreApplication.translate("Fields", "Vendor"),
        "notes": QCoreApplication.translate("Fields", "Notes"),
        "source": QCoreApplication.translate("Fields", "Source"),
        "target": QCoreApplication.translate("Fields", "Target"),
        "protocol": QCoreApplication.translate("Fields", "Protocol"),
        "via": QCoreApplication.translate("Fields", "Via"),
        "bidirectional": QCoreApplication.translate("Fields", "Bidirectional"),
        "encrypted": QCoreApplication.translate("Fields", "Encrypted"),
        "authenticated": QCoreApplication.translate("Fields", "Authenticated"),
        "kind": QCoreApplication.translate("Fields", "Kind"),
        "trust_level": QCoreApplication.translate("Fields", "Trust level"),
        "parent": QCoreApplication.translate("Fields", "Parent"),
        "key": QCoreApplication.translate("Fields", "Key"),
        "catalog_id": QCoreApplication.translate("Fields", "Catalog id"),
        "element": QCoreApplication.translate("Fields", "Element"),
        "stride": QCoreApplication.translate("Fields", "Stride"),
        "status": QCoreApplication.translate("Fields", "Status"),
        "reason": QCoreApplication.translate("Fields", "Reason"),
        "decided_by": QCoreApplication.translate("Fields", "Decided by"),
        "decided_on": QCoreApplication.translate("Fields", "Decided on"),
        "likelihood": QCoreApplication.translate("Fields", "Likelihood"),
        "impact": QCoreApplication.translate("Fields", "Impact"),
        "cvss": QCoreApplication.translate("Fields", "Cvss"),
        "mitigations": QCoreApplication.translate("Fields", "Mitigations"),
        "transferred_to": QCoreApplication.translate("Fields", "Transferred to"),
        "comment": QCoreApplication.translate("Fields", "Comment"),
        "manual": QCoreApplication.translate("Fields", "Manual"),
        "previous_status": QCoreApplication.translate("Fields", "Previous status"),
    }
    return labels.get(name) or name.replace("_", " ").capitalize()


def status_label(value: str) -> str:
    """A threat status as shown to the analyst."""
    labels = {
        "suggested": QCoreApplication.translate("Status", "suggested"),
        "accepted": QCoreApplication.translate("Status", "accepted"),
        "rejected": QCoreApplication.translate("Status", "rejected"),
        "mitigated": QCoreApplication.translate("Status", "mitigated"),
        "transferred": QCoreApplication.translate("Status", "transferred"),
        "risk_accepted": QCoreApplication.translate("Status", "risk accepted"),
        "orphaned": QCoreApplication.translate("Status", "orphaned"),
    }
    return labels.get(value, value)


def level_label(level: str, fallback: str | None = None) -> str:
    """A risk level of the default scale (low ... critical) in the interface language;
    a user-defined level keeps its own name (``fallback``)."""
    labels = {
        "none": QCoreApplication.translate("RiskLevel", "none"),
        "low": QCoreApplication.translate("RiskLevel", "Low"),
        "moderate": QCoreApplication.translate("RiskLevel", "Moderate"),
        "high": QCoreApplication.translate("RiskLevel", "High"),
        "critical": QCoreApplication.translate("RiskLevel", "Critical"),
    }
    return labels.get(level, fallback or level)


def layer_label(value: str) -> str:
    """A layer name in the threats table."""
    labels = {
        "thing": QCoreApplication.translate("Layer", "thing"),
        "gateway": QCoreApplication.translate("Layer", "gateway"),
        "network": QCoreApplication.translate("Layer", "network"),
        "cloud": QCoreApplication.translate("Layer", "cloud"),
    }
    return labels.get(value, value)


def enum_label(value: str) -> str:
    """A value of a closed vocabulary (zone kind, authentication...) in a combo box."""
    labels = {
        "thing": QCoreApplication.translate("Values", "thing"),
        "gateway": QCoreApplication.translate("Values", "gateway"),
        "network": QCoreApplication.translate("Values", "network"),
        "cloud": QCoreApplication.translate("Values", "cloud"),
        "none": QCoreApplication.translate("Values", "none"),
        "shared_secret": QCoreApplication.translate("Values", "shared secret"),
        "password": QCoreApplication.translate("Values", "password"),
        "certificate": QCoreApplication.translate("Values", "certificate"),
        "mfa": QCoreApplication.translate("Values", "mfa"),
        "unknown": QCoreApplication.translate("Values", "unknown"),
        "weak": QCoreApplication.translate("Values", "weak"),
        "strong": QCoreApplication.translate("Values", "strong"),
        "organisation": QCoreApplication.translate("Values", "organisation (risks treated)"),
        "context": QCoreApplication.translate("Values", "context (assumption, not ranked)"),
        "locked": QCoreApplication.translate("Values", "locked"),
        "open": QCoreApplication.translate("Values", "open"),
        "current": QCoreApplication.translate("Values", "current"),
        "lagging": QCoreApplication.translate("Values", "lagging"),
        "unsupported": QCoreApplication.translate("Values", "unsupported"),
        "health_data": QCoreApplication.translate("Values", "health data"),
        "telemetry": QCoreApplication.translate("Values", "telemetry"),
        "therapy_settings": QCoreApplication.translate("Values", "therapy settings"),
        "credentials": QCoreApplication.translate("Values", "credentials"),
        "identity": QCoreApplication.translate("Values", "identity"),
        "firmware": QCoreApplication.translate("Values", "firmware"),
        "logs": QCoreApplication.translate("Values", "logs"),
        "financial": QCoreApplication.translate("Values", "financial"),
        "imaging": QCoreApplication.translate("Values", "imaging"),
        "other": QCoreApplication.translate("Values", "other"),
        "patient_home": QCoreApplication.translate("Values", "patient home"),
        "patient_body": QCoreApplication.translate("Values", "patient body"),
        "mobile": QCoreApplication.translate("Values", "mobile"),
        "hospital": QCoreApplication.translate("Values", "hospital"),
        "hospital_biomedical": QCoreApplication.translate("Values", "hospital biomedical"),
        "clinic": QCoreApplication.translate("Values", "clinic"),
        "vendor_cloud": QCoreApplication.translate("Values", "vendor cloud"),
        "health_data_host": QCoreApplication.translate("Values", "health data host"),
        "partner": QCoreApplication.translate("Values", "partner"),
        "public_internet": QCoreApplication.translate("Values", "public internet"),
        "carrier": QCoreApplication.translate("Values", "carrier"),
        "planned": QCoreApplication.translate("Values", "planned"),
        "implemented": QCoreApplication.translate("Values", "implemented"),
        "verified": QCoreApplication.translate("Values", "verified"),
    }
    if value in labels:
        return labels[value]
    status = status_label(value)  # a threat status in a combo box
    return status if status != value else value.replace("_", " ")
