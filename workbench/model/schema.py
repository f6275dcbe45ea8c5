"""The JSON Schema of the ``.twm.json`` format, as generated from the pydantic models."""

from __future__ import annotations

from typing import Any

from workbench.model.threat_model import ThreatModel


def model_json_schema() -> dict[str, Any]:
    schema = ThreatModel.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://threat-workbench.invalid/schema/threat-model.schema.json"
    return schema
