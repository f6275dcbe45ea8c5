"""French board reports name the reached function in French, not the stencil's English."""

from __future__ import annotations

import json

from workbench.model import load_model
from workbench.report.data import gather
from workbench.report.functions import french_function, load_functions
from workbench.report.sections import target_name

from ..conftest import SAMPLES

STENCILS = SAMPLES.parent / "stencils"


def test_every_stencil_function_has_a_french_wording():
    known = load_functions()
    missing = []
    for path in sorted(STENCILS.glob("*.json")):
        text = json.loads(path.read_text(encoding="utf-8"))
        stack = [text]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                value = node.get("safety_critical_function")
                if isinstance(value, str) and value.strip().lower() not in known:
                    missing.append(f"{path.name}: {value}")
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
    assert not missing


def test_user_text_is_kept_as_typed():
    assert french_function("Dosage manuel du bolus") == "Dosage manuel du bolus"
    assert french_function("Insulin dosing ") == "dosage de l'insuline"


def test_ward_pump_target_reads_french():
    """The ward's board page 1 read: « intravenous drug dosing » de Volumetric pumps."""
    path = SAMPLES / "hospital-ward-iomt.twm.json"
    data = gather(load_model(path), path.read_bytes(), recommend=False)
    pumps = [t.id for t in data.model.targets
             if data.target_info.get(t.id, ("", ""))[0] == "patient_safety"]
    assert pumps
    names = [target_name(data, t, "fr") for t in pumps]
    assert not any("intravenous" in n or "ventilation\u00a0»" in n for n in names), names
    assert any("administration de médicaments par voie intraveineuse" in n for n in names)
