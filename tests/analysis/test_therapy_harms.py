"""Harm sentences follow the element's own therapy (analysis/harm.py, catalogs/harms.json).

Session 5's ward and cardiac boards printed "hypoglycaemia, arrhythmia, overdose or death"
for a change of settings on an infusion pump and on an ICD: one catalog sentence written
for every therapy at once. Each test below failed then.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from tests.model.factories import tiny_model
from workbench.analysis.catalog import load_catalog
from workbench.analysis.harm import therapy_harms, therapy_kinds
from workbench.analysis.pipeline import analyze
from workbench.model import Component, Flow, Layer
from workbench.model.io import load_model
from workbench.model.stencils import default_stencils
from workbench.report.harms import french_harm

SAMPLES = Path(__file__).resolve().parents[2] / "sample-models"
#: Words that belong to one therapy only: on a device of another kind they are wrong.
KIND_WORDS = {
    "insulin": ("insulin", "glyc", "bolus", "ketoacidosis"),
    "infusion": ("infus", "high-risk drug"),
    "cardiac": ("pacing", "shock", "arrhythm", "cardiac", "defibrill", "syncope"),
    "neurostimulation": ("stimulat",),
    "ventilation": ("ventilat", "hypoxia"),
    "medication": ("dispenser", "double dose"),
}
#: Therapy stencils with no kind of their own: they command the devices that have one.
COMMANDERS = {"clinician-programmer", "rf-remote"}


def _therapy_stencils() -> list[str]:
    return sorted(s.id for s in default_stencils() if "therapy" in (s.tags or ()))


@cache
def _catalog():
    return load_catalog(include_user_env=False)


def _model_with(device_stencil: str, commander_stencil: str | None = None):
    """The tiny closed loop with its pump replaced by ``device_stencil`` (and its phone
    relay by ``commander_stencil``), keeping the commands flowing to the device."""
    model = tiny_model()
    stencils = default_stencils()
    pump = model.component("pump")
    stencil = stencils.get(device_stencil)
    pump.stencil, pump.name, pump.layer = device_stencil, stencil.label, Layer(stencil.layer)
    pump.properties.safety_critical_function = (
        stencil.defaults.safety_critical_function or "therapy delivery")
    if commander_stencil is not None:
        commander = stencils.get(commander_stencil)
        model.components.append(Component(
            id="commander", name=commander.label, stencil=commander_stencil,
            layer=Layer(commander.layer), zone="home"))
        model.flows.append(Flow(id="f-commander-pump", source="commander", target="pump",
                                protocol="RF", via=["ble"], authenticated=False,
                                encrypted=False, data_assets=["dosing"]))
    return model


def _wrong_words(text: str, kind: str | None) -> list[str]:
    low = text.lower()
    return [w for other, words in KIND_WORDS.items() if other != kind
            for w in words if w in low]


def test_every_therapy_stencil_has_a_kind_or_commands_one() -> None:
    """A new therapy stencil must say its kind in catalogs/harms.json (or be a commander)."""
    kinds = therapy_kinds()
    for stencil in _therapy_stencils():
        assert stencil in kinds or stencil in COMMANDERS, stencil
    assert set(kinds.values()) == set(therapy_harms()) == set(KIND_WORDS)
    for stencil in kinds:
        assert default_stencils().get(stencil) is not None, stencil


@pytest.mark.parametrize("stencil", sorted(therapy_kinds()))
def test_a_therapy_device_reads_only_its_own_therapys_harms(stencil: str) -> None:
    """On every therapy stencil, no harm on the device, its phone relay or the flows
    between them names another therapy's consequences; the device's direct harms are its
    own kind's sentences."""
    kind = therapy_kinds()[stencil]
    result = analyze(_model_with(stencil), _catalog())
    own = [r for r in result.threats if r.instance.element == "pump"]
    assert own, stencil
    for risk in result.threats:
        assert not _wrong_words(risk.harm, kind), (stencil, risk.key, risk.harm)
    if tiny_model_keeps_safety(stencil):
        direct = [r for r in own if r.direct_harm]
        assert direct, stencil
        assert all(r.harm_id.startswith(f"therapy:{kind}:") for r in direct
                   if r.harm_id.startswith(("therapy:", "role:therapy"))), \
            [(r.key, r.harm_id) for r in direct]
        assert any(r.harm_id.startswith(f"therapy:{kind}:") for r in direct), \
            [(r.key, r.harm_id) for r in direct]


def tiny_model_keeps_safety(stencil: str) -> bool:
    """A stencil whose device performs a safety function of its own (not a server)."""
    return default_stencils().get(stencil).layer == "thing"


@pytest.mark.parametrize("commander", sorted(COMMANDERS))
@pytest.mark.parametrize("device", ["cardiac-implant", "insulin-pump", "infusion-pump"])
def test_a_commander_reads_the_therapy_of_the_device_it_commands(commander: str,
                                                                 device: str) -> None:
    """A programmer or remote commanding an ICD reads cardiac harms, never insulin ones."""
    kind = therapy_kinds()[device]
    result = analyze(_model_with(device, commander), _catalog())
    mine = [r for r in result.threats
            if r.instance.element in ("commander", "f-commander-pump")]
    assert mine
    for risk in mine:
        assert not _wrong_words(risk.harm, kind), (device, risk.key, risk.harm)
    assert any(r.harm_id.startswith(f"therapy:{kind}:") for r in mine), \
        [(r.key, r.harm_id) for r in mine]


def test_a_programmer_of_two_kinds_keeps_the_generic_words() -> None:
    """Commanding an ICD and an insulin pump, no single therapy's words are right."""
    model = _model_with("cardiac-implant", "clinician-programmer")
    model.components.append(Component(id="pump2", name="Insulin pump", stencil="insulin-pump",
                                      layer=Layer.THING, zone="home"))
    model.flows.append(Flow(id="f-commander-pump2", source="commander", target="pump2",
                            protocol="RF", via=["ble"], authenticated=False, encrypted=False,
                            data_assets=["dosing"]))
    result = analyze(model, _catalog())
    for risk in result.threats:
        if risk.instance.element == "commander":
            assert not risk.harm_id.startswith("therapy:"), (risk.key, risk.harm)
            assert not _wrong_words(risk.harm, None), (risk.key, risk.harm)


def test_therapy_sentences_are_data_with_current_french() -> None:
    fr = json.loads((Path(__file__).resolve().parents[2] / "workbench" / "report"
                     / "harms-fr.json").read_text(encoding="utf-8"))["harms"]
    threat_ids = {getattr(t, "id", t) for t in _catalog().threats}
    for kind, table in therapy_harms().items():
        assert "therapy" in table, kind
        for key, text in table.items():
            assert key == "therapy" or key in threat_ids, (kind, key)
            assert not _wrong_words(text, kind), (kind, key, text)
            entry = fr[f"therapy:{kind}:{key}"]
            assert entry["en"] == text and entry["fr"], (kind, key)
            assert french_harm(f"therapy:{kind}:{key}", text) == entry["fr"]


@pytest.mark.parametrize("name", ["hospital-ward-iomt", "cardiac-implant-remote-monitoring",
                                  "insulin-closed-loop"])
def test_no_sample_harm_names_another_therapy(name: str) -> None:
    """The ward doses drugs, the cardiac sample paces: no insulin word on either, and no
    implant word on the insulin loop's pump."""
    result = analyze(load_model(SAMPLES / f"{name}.twm.json"))
    allowed = {"hospital-ward-iomt": {"infusion", "ventilation"},
               "cardiac-implant-remote-monitoring": {"cardiac"},
               "insulin-closed-loop": {"insulin"}}[name]
    for risk in result.counted():
        low = risk.harm.lower()
        wrong = [w for kind, words in KIND_WORDS.items() if kind not in allowed
                 for w in words if w in low]
        assert not wrong, (risk.key, risk.harm)
