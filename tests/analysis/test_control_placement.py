"""Where a control can be placed: catalog data, its validation, and what the plan offers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.analysis.attack.evidence import evidence_from_risks
from workbench.analysis.attack.recommend import applicable_candidates, catalog_control_of
from workbench.analysis.catalog import load_catalog
from workbench.analysis.placement import control_allows, placement_problems, static_sites
from workbench.analysis.risk import Scales, assess
from workbench.cli.main import main
from workbench.model import ModelError, load_model
from workbench.model.stencils import default_stencils

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))

#: The misplacements a reviewer found (issue 11, item 7), as (control, stencil).
NEVER = [
    ("wifi-enterprise-security", "public-internet"),
    ("wifi-enterprise-security", "implant-rf"),
    ("network-segmentation", "public-internet"),
    ("site-physical-security", "implant-rf"),
    ("site-physical-security", "ble"),
    ("secure-device-disposal", "clinical-workstation"),
    ("mobile-device-management", "cardiac-implant"),
    # session 4: radio-link authentication was offered on internet API flows carried over
    # a phone's cellular link (insulin-closed-loop: 105 person-days each)
    ("radio-link-authentication", "cellular"),
    ("radio-link-authentication", "public-internet"),
]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(include_user_env=False)


def _site(stencil: str):
    return next(s for s in static_sites(default_stencils())
                if s.kind == "component" and stencil in s.stencils)


@pytest.mark.parametrize(("control", "stencil"), NEVER)
def test_misplaced_controls_are_refused(catalog, control: str, stencil: str) -> None:
    assert not control_allows(catalog.controls[control], _site(stencil))


def test_the_same_controls_stay_where_they_belong(catalog) -> None:
    assert control_allows(catalog.controls["wifi-enterprise-security"], _site("wifi-hospital"))
    assert control_allows(catalog.controls["network-segmentation"], _site("hospital-lan"))
    assert control_allows(catalog.controls["site-physical-security"], _site("hds-host"))
    assert control_allows(catalog.controls["secure-device-disposal"], _site("insulin-pump"))
    assert control_allows(catalog.controls["radio-link-authentication"], _site("insulin-pump"))
    assert control_allows(catalog.controls["radio-link-authentication"], _site("implant-rf"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_models_get_no_misplaced_candidate(path: Path, catalog) -> None:
    model = load_model(path)
    stencils = default_stencils()
    _, candidates = evidence_from_risks(assess(model, catalog, stencils),
                                        Scales.of(model).likelihood, catalog)
    kept, dropped = applicable_candidates(candidates, model, catalog, stencils)
    stencil_of = {c.id: c.stencil for c in model.components}

    def pairs(found) -> set[tuple[str | None, str | None]]:
        return {(catalog_control_of(c), stencil_of.get(e)) for c in found.values()
                for e in c.elements}

    # Every sample had some of the misplacements before the filter (at least enterprise
    # Wi-Fi security or segmentation of the public internet); none is left after it.
    assert pairs(candidates) & set(NEVER)
    assert not pairs(kept) & set(NEVER)
    assert dropped >= len(pairs(candidates) & set(NEVER)) and kept


def test_shipped_catalog_has_no_link_that_can_never_apply(catalog) -> None:
    assert placement_problems(catalog, default_stencils()) == []


USER = {
    "catalog_format": 1, "namespace": "acme", "version": "1",
    "controls": [{
        "id": "acme:ward-wifi-nac", "title": "Ward Wi-Fi access control",
        "description": "802.1X on the ward Wi-Fi.", "layers": ["network"],
        "kind": "prevent", "effectiveness": 0.5, "cost": "low",
        "placement": {"on": ["component"], "stencils": ["wifi-hospital"]},
        "mitigates": ["network.vpn-compromise"]}],
}


def _write(tmp_path: Path, doc: dict) -> Path:
    path = tmp_path / "acme.json"
    path.write_text(json.dumps(doc))
    return path


def test_catalog_check_fails_a_link_that_can_never_apply(tmp_path, capsys) -> None:
    """The VPN threat sits only on VPN components; a control placeable only on hospital
    Wi-Fi can never answer it: check names the file, the field and both ids."""
    path = _write(tmp_path, USER)
    assert main(["catalog", "check", "--catalog", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: acme:ward-wifi-nac.mitigates" in err
    assert "can never answer threat 'network.vpn-compromise'" in err
    assert "Traceback" not in err
    ok = json.loads(json.dumps(USER))
    ok["controls"][0]["mitigates"] = ["network.rogue-access-point"]
    assert main(["catalog", "check", "--catalog", str(_write(tmp_path, ok))]) == 0


@pytest.mark.parametrize(("field", "value", "message"), [
    ("stencils", ["wifi-hospitl"], "unknown stencil 'wifi-hospitl'"),
    ("not_tags", ["wifi"], "no stencil has the tag 'wifi'"),
    ("on", ["network"], "placement.on"),
])
def test_placement_typos_are_load_errors_naming_file_and_field(tmp_path, field, value,
                                                               message) -> None:
    doc = json.loads(json.dumps(USER))
    doc["controls"][0]["mitigates"] = ["network.rogue-access-point"]
    doc["controls"][0]["placement"][field] = value
    path = _write(tmp_path, doc)
    with pytest.raises(ModelError) as info:
        load_catalog([path], include_user_env=False)
    text = info.value.describe()
    assert str(path) in text and message in text
    assert "controls[0].placement" in text


def test_a_fleet_of_identical_devices_is_one_programme(catalog) -> None:
    """Two infusion pumps on the ward sample: each catalog control applicable to both is
    also offered once for the fleet, cheaper than twice the unit cost, and funding the
    fleet puts the control on both pumps."""
    import json

    from workbench.analysis.attack.recommend import FleetCandidate

    path = next(p for p in SAMPLES if p.stem.startswith("hospital-ward"))
    model = load_model(path)
    stencils = default_stencils()
    _, candidates = evidence_from_risks(assess(model, catalog, stencils),
                                        Scales.of(model).likelihood, catalog)
    kept, _ = applicable_candidates(candidates, model, catalog, stencils)
    fleets = [c for c in kept.values() if isinstance(c, FleetCandidate)]
    pumps = {c.id for c in model.components if c.stencil == "infusion-pump"}
    assert len(pumps) >= 2
    fleet = next(c for c in fleets if c.elements == pumps)
    unit = min(kept[m].cost for m in fleet.members)
    # Person-days from control-costs.json: the first pump's days plus per_element_days for
    # each further one (midpoints of the ranges).
    table = json.loads((Path(__file__).resolve().parents[2] / "workbench" / "report"
                        / "control-costs.json").read_text())
    row = table["controls"].get(fleet.control) or table["classes"][
        catalog.controls[fleet.control].cost]
    extra = sum(row.get("per_element_days", [0, 0])) / 2
    assert unit == sum(row["days"]) / 2
    assert fleet.cost == round(unit + extra * (len(pumps) - 1), 2)
    assert fleet.cost < unit * len(pumps)
    assert {next(iter(kept[m].elements)) for m in fleet.members} == pumps
    assert catalog_control_of(fleet) in catalog.controls


# --- applicable_candidates against the plain per-candidate computation -------------------

def _plain_applicable(candidates, model, catalog, stencils):
    """The per-candidate computation ``applicable_candidates`` replaced (its answers read
    once per element set and per control and site class): every candidate's id split,
    placement asked, cost and kind looked up, fleets grouped by (control, stencil)."""
    from operator import attrgetter

    from workbench.analysis.attack.plan_costs import catalog_days, model_days
    from workbench.analysis.attack.recommend import FLEET_PREFIX, FleetCandidate
    from workbench.analysis.placement import Placement

    where = Placement(model, catalog, stencils)
    own = {c.id: c for c in model.controls}
    stencil_of = {c.id: c.stencil for c in model.components}
    kept, fleets = {}, {}
    for cid, cand in candidates.items():
        control = catalog_control_of(cand)
        if control is None:
            kept[cid] = cand
            if cid in own:
                cand.cost = model_days(own[cid].cost, max(1, len(cand.elements)))
            continue
        if not all(where.allows(control, e) for e in cand.elements):
            continue
        kept[cid] = cand
        ctype = catalog.controls.get(control)
        cand.cost = catalog_days(control, ctype.cost if ctype else None)
        cand.kind = ctype.kind if ctype else ""
        stencil = stencil_of.get(next(iter(cand.elements)))
        if control and stencil is not None:
            fleets.setdefault((control, stencil), []).append(cand)
    dropped = len(candidates) - len(kept)
    for (control, stencil), members in sorted(fleets.items()):
        if len(members) < 2:
            continue
        members.sort(key=attrgetter("id"))
        ctype = catalog.controls.get(control)
        label = stencils.get(stencil).label if stencils.get(stencil) else stencil
        fid = f"{FLEET_PREFIX}{control}@{stencil}"
        kept[fid] = FleetCandidate(
            fid, f"{ctype.title if ctype else control} on every {label} ({len(members)})",
            catalog_days(control, ctype.cost if ctype else None, len(members)),
            {e for c in members for e in c.elements},
            members=tuple(c.id for c in members), control=control,
            kind=ctype.kind if ctype else "")
    return kept, dropped


def _as_rows(kept):
    return [(k, type(c).__name__, c.id, c.title, c.cost, c.kind, list(c.elements),
             getattr(c, "members", None), getattr(c, "control", None))
            for k, c in kept.items()]


def _candidates(model, catalog):
    """The analysis's candidates (its rules' threats too: a generated model records none)."""
    from workbench.analysis.pipeline import analyze

    result = analyze(model, catalog)
    _, candidates = evidence_from_risks(result.threats, Scales.of(model).likelihood,
                                        catalog)
    return candidates


@pytest.mark.parametrize("source", [p.stem for p in SAMPLES] + ["synthetic-300"])
def test_applicable_candidates_are_the_per_candidate_computation(source, catalog) -> None:
    """Same candidates, order, costs, kinds and fleets (their members' order and their
    elements' set order too) as candidate by candidate; plus the edge cases a shortcut
    could miss: a model control with a catalog-looking id, a candidate on an element the
    model does not have, a catalog-looking candidate on two elements."""
    from dataclasses import replace

    from workbench.analysis.attack.evidence import Candidate

    model = _source_model(source)
    stencils = default_stencils()
    some = model.components[0].id
    extra = {f"catalog:network-segmentation@{some}x": {f"{some}x"},
             f"catalog:no-such-control@{some}": {some},
             f"catalog:network-segmentation@{some}": {some, model.components[-1].id},
             "catalog:@" + some: {some}}

    found = _candidates(model, catalog)

    def made():
        out = {cid: replace(c) for cid, c in found.items()}
        for cid, elements in extra.items():
            out[cid] = Candidate(cid, cid, 1.0, set(elements))
        return out

    plain = _plain_applicable(made(), model, catalog, stencils)
    fast = applicable_candidates(made(), model, catalog, stencils)
    assert fast[1] == plain[1]
    assert _as_rows(fast[0]) == _as_rows(plain[0])
    assert any(c.startswith("fleet:") for c in fast[0]) or source != "synthetic-300"


def _source_model(source: str):
    """A sample by its stem, or the generator's 300-element model ("synthetic-300")."""
    import sys

    if source == "synthetic-300":
        sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
        from gen_synthetic import synthetic_model

        return synthetic_model(300, seed=1)
    return load_model(next(p for p in SAMPLES if p.stem == source))


@pytest.mark.parametrize("source", [p.stem for p in SAMPLES] + ["synthetic-300"])
def test_placement_answers_per_site_class_are_per_element(source, catalog) -> None:
    """``Placement`` shares one site per class of component (stencil, layer, radio) and
    of flow (carriers, protocol): every catalog control's answer on every element is the
    one on that element's own site."""

    from workbench.analysis.placement import Placement, component_site, flow_site

    model = _source_model(source)
    stencils = default_stencils()
    # a radio declared on one of two components of a stencil without the wireless tag
    # (proximity-gated programming then applies to it alone)
    by_stencil: dict = {}
    for c in model.components:
        if not (stencils.get(c.stencil) and "wireless" in stencils.get(c.stencil).tags):
            by_stencil.setdefault(c.stencil, []).append(c)
    pair = next((cs[:2] for cs in by_stencil.values() if len(cs) >= 2), [])
    swapped = {c.id: c.model_copy(update={"properties": c.properties.model_copy(
        update={"wireless_interfaces": ["ble"] if i == 0 else []})})
        for i, c in enumerate(pair)}
    model = model.model_copy(update={"components": [swapped.get(c.id, c)
                                                    for c in model.components]})
    where = Placement(model, catalog, stencils)
    comps = model.components_by_id()
    own = {c.id: component_site(c, stencils) for c in model.components}
    own.update({f.id: flow_site(f, comps, stencils) for f in model.flows if f.id not in own})
    for element, site in own.items():
        for cid, control in catalog.controls.items():
            assert where.allows(cid, element) == control_allows(control, site), (cid, element)
