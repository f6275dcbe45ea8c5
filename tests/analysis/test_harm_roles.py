"""The harm a board reads follows what the element does and carries (analysis/harm.py).

Session 4's wearable board read "wrong therapy commands relayed to the medical device" on
a wellness tracker's phone relay, and the home board "could cause death" on a workstation
reviewing data. Each test below failed then.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.analysis.test_risk_properties import PROPERTIES, models
from tests.model.factories import tiny_model
from workbench.analysis.catalog import catalogs_dir, load_catalog
from workbench.analysis.harm import HarmIndex, role_harms
from workbench.analysis.pipeline import AnalysisResult, analyze
from workbench.analysis.risk import ModelIndex, assess
from workbench.model.io import load_model

SAMPLES = Path(__file__).resolve().parents[2] / "sample-models"
THERAPY_WORDS = ("therapy", "dose", "overdose", "shock", "stimulation", "hypoglyc")


@cache
def _result(name: str) -> AnalysisResult:
    return analyze(load_model(SAMPLES / f"{name}.twm.json"))


def test_no_therapy_harm_where_nothing_treats() -> None:
    """The wellness programme doses, paces and programmes nothing: no therapy harm."""
    result = _result("wearable-insurer-wellness")
    for risk in result.threats:
        assert risk.harm, risk.key
        assert not any(w in risk.harm.lower() for w in THERAPY_WORDS), (risk.key, risk.harm)


def test_the_phone_relay_of_a_wellness_watch_reads_one_persons_data() -> None:
    result = _result("wearable-insurer-wellness")
    phone = {r.instance.catalog_id: r for r in result.threats
             if r.instance.element == "vendor-app"}
    assert phone["thing.mobile-os-exploit"].harm_id.startswith("role:")
    assert phone["thing.mobile-os-exploit"].harm_id.endswith("-one")


def test_data_sent_to_the_insurer_is_used_against_the_person() -> None:
    result = _result("wearable-insurer-wellness")
    to_insurer = [r for r in result.threats if r.instance.element == "f-scoring-insurer-api"
                  and "I" in {s.value for s in r.threat_type.stride}]
    assert to_insurer
    assert all(r.harm_id == "role:third-party" for r in to_insurer
               if r.impact.get("patient_safety", 0) <= 1), [r.key for r in to_insurer]
    assert "insurer" in role_harms()["third-party"]


def test_the_workstation_harms_through_data_and_alerts_are_missed_not_mis_dosed() -> None:
    result = _result("home-telemonitoring")
    for risk in result.threats:
        if risk.instance.element == "cardio-ws":
            assert risk.harm_id.startswith("role:"), (risk.key, risk.harm)
            assert "death" not in risk.harm and "every patient" not in risk.harm
    nurse = {r.instance.catalog_id: r for r in result.threats
             if r.instance.element == "nurse-app"}
    # the nurse's phone delivers clinical alerts: a malicious app misses or fakes one
    assert nurse["thing.malicious-app"].direct_harm
    assert nurse["thing.malicious-app"].harm_id == "role:monitoring"


def test_the_catalogs_words_stand_where_the_element_treats() -> None:
    """On an insulin pump, the insulin words of the therapy change (a therapy of no single
    known kind keeps the catalog's generic words: test_therapy_harms.py)."""
    risks = {r.key: r for r in analyze(tiny_model(), load_catalog()).threats}
    change = risks["thing.unauthorized-therapy-change@pump"]
    assert change.harm_id == "therapy:insulin:thing.unauthorized-therapy-change"
    assert "insulin" in change.harm.lower()


@pytest.mark.parametrize("name", sorted(p.name.removesuffix(".twm.json")
                                        for p in SAMPLES.glob("*.twm.json")))
def test_every_harm_shown_has_a_current_french_wording(name: str) -> None:
    from workbench.report.harms import french_harm

    for risk in _result(name).threats:
        if risk.harm:
            assert french_harm(risk.harm_id, risk.harm), (risk.key, risk.harm_id)


def test_role_harms_are_data_with_their_french_lines() -> None:
    raw = json.loads((catalogs_dir() / "harms.json").read_text(encoding="utf-8"))
    fr = json.loads((Path(__file__).resolve().parents[2] / "workbench" / "report"
                     / "harms-fr.json").read_text(encoding="utf-8"))["harms"]
    for key, text in raw["harms"].items():
        assert fr[f"role:{key}"]["en"] == text, key


def test_malware_on_one_pump_is_that_patients_therapy_not_a_hospital_outage() -> None:
    """The catalog's malware harm ("postponed procedures, diverted emergencies") is a care
    system's; on one patient's infusion pump it is that patient's therapy."""
    result = _result("hospital-ward-iomt")
    pumps = [r for r in result.threats if r.instance.element == "vol-pumps"
             and r.instance.catalog_id == "thing.clinical-device-malware"]
    assert pumps and pumps[0].harm_id == "therapy:infusion:therapy", pumps[0].harm
    assert "infusion" in pumps[0].harm


@PROPERTIES
@given(models())
def test_catalog_words_stand_only_where_their_role_holds(model) -> None:
    """On random models: a harm written for therapy is shown only on what performs or
    delivers to a therapy function; one person's device never shows a care system's harm;
    every harm has its French line."""
    from workbench.report.harms import french_harm

    risks = assess(model, load_catalog(include_user_env=False))
    hx = HarmIndex(ModelIndex(model))
    for risk in risks:
        ttype, element = risk.threat_type, risk.instance.element
        assert risk.harm and french_harm(risk.harm_id, risk.harm), risk.key
        if risk.harm_id.startswith("therapy:"):  # a therapy kind's own sentence
            assert hx.acts_on_therapy(element), risk.key
            assert len(hx.therapy_kinds(element)) == 1, risk.key
        if ttype is None or risk.harm_id != ttype.id:
            continue
        if ttype.harm_presumes == "therapy":
            assert hx.acts_on_therapy(element), risk.key
        if ttype.harm_presumes == "care":
            assert hx.care_system(element) or element not in hx.ix.single_user, risk.key


def _plain_kinds(hx: HarmIndex, element: str, seen: set[str]) -> frozenset[str]:
    """The therapy-kind walk as written before the leaf shortcut (the oracle)."""
    from workbench.analysis.harm import therapy_kinds

    seen.add(element)
    own = therapy_kinds().get(hx._stencil.get(element, ""))
    if own is not None and element in hx.therapy:
        return frozenset({own})
    kinds: set[str] = set()
    for receiver in hx._commands.get(element, ()):
        if receiver not in seen:
            kinds |= _plain_kinds(hx, receiver, seen)
    return frozenset(kinds)


def test_therapy_kinds_walk_takes_leaves_at_once_as_the_plain_walk() -> None:
    """``HarmIndex.therapy_kinds`` adds a receiver that performs a known therapy kind
    without walking into it: the plain walk's kinds on every element of the samples, and
    on random command graphs (cycles, chains, devices of no known kind, two kinds)."""
    import random

    from workbench.analysis.harm import therapy_kinds

    kinds_of = therapy_kinds()
    known = sorted(kinds_of)[:3] + ["no-such-stencil"]
    for path in sorted(SAMPLES.glob("*.twm.json")):
        ix = ModelIndex(load_model(path))
        hx = HarmIndex(ix)
        for element in [*ix.components, *ix.flows]:
            assert hx.therapy_kinds(element) == _plain_kinds(HarmIndex(ix), element, set())
    rnd = random.Random(11)
    ix = ModelIndex(load_model(SAMPLES / "insulin-closed-loop.twm.json"))
    seen_sizes = set()
    for _ in range(200):
        hx = HarmIndex(ix)
        nodes = [f"n{i}" for i in range(rnd.randrange(2, 12))]
        hx._stencil = {n: rnd.choice(known) for n in nodes}
        hx.therapy = {n for n in nodes if rnd.random() < 0.5}
        hx._commands = {n: {rnd.choice(nodes) for _ in range(rnd.randrange(4))} - {n}
                        for n in nodes if rnd.random() < 0.7}
        hx._kinds = {}
        for n in nodes:
            plain = _plain_kinds(hx, n, set())
            assert hx.therapy_kinds(n) == plain
            seen_sizes.add(len(plain))
    assert {0, 1, 2} <= seen_sizes


def _data_role_plain(stride: list[str], impact: dict[str, int]) -> str:
    """The data property part of ``harm._data_role`` as first written (its oracle)."""
    from workbench.analysis.harm import _PROPERTIES_OF, _PROPERTY_CATEGORIES
    from workbench.model.enums import Stride

    properties = list(dict.fromkeys(p for s in stride for p in _PROPERTIES_OF[Stride(s)]))

    def cost(prop: str) -> int:
        return max((impact.get(c, 0) for c in _PROPERTY_CATEGORIES[prop]), default=0)

    return max(properties, key=lambda p: (cost(p), -properties.index(p)),
               default="integrity")


_CATEGORIES = ("patient_safety", "decision_making", "care_delivery", "legal", "compliance",
               "image", "social", "financial", "other")


@given(st.lists(st.sampled_from("STRIDE"), max_size=7),
       st.dictionaries(st.sampled_from(_CATEGORIES), st.integers(-1, 5), max_size=6),
       st.booleans(), st.booleans())
def test_data_role_is_the_plain_choice(stride, impact, partner, single):
    """``harm._data_role`` (properties per STRIDE list kept, one loop) picks the property
    the plain ``max`` picks (highest cost, the first among equals, integrity when none),
    for any STRIDE list (repeats, any order, empty), impacts (zero and negative values,
    unknown categories), with and without a partner and a single user."""
    from types import SimpleNamespace

    from workbench.analysis.harm import _data_role

    element = "e1"
    hx = SimpleNamespace(to_partner={element} if partner else set(), partner=set(),
                         ix=SimpleNamespace(single_user={element} if single else set()))
    for as_type in (True, False):
        inst = SimpleNamespace(stride=stride, element=element)
        risk = SimpleNamespace(threat_type=SimpleNamespace(stride=stride) if as_type else None,
                               instance=inst, impact=impact)
        prop = _data_role_plain(stride, impact)
        want = ("third-party" if prop == "confidentiality" and partner
                else f"{prop}-{'one' if single else 'many'}")
        assert _data_role(risk, hx) == want  # type: ignore[arg-type]
