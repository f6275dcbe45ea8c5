"""Evaluate the casebook's expected conclusions against the product's own analysis.

Each case is ``NAME.twm.json`` (the model, written by hand from the published description)
and ``NAME.expect.json`` (its source and the conclusions a demanding analyst expects, see
README.md). Conclusions are checked through the same core calls as the clients:
``pipeline.analyze`` and ``attack.analyze_attacks`` (what ``workbench analyze --json`` prints)
and the board report's five risks (``report.data.gather(...).top_groups(5)``: the core's
grouped ranking, one group per threat; a conclusion's element may be any of the group's).

Used by ``test_casebook.py`` (one test per conclusion) and ``tools/casebook.py`` (the score).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SEED = 1
KINDS = ("most_likely_path", "board_top_five", "recommended_control", "patient_safety",
         "fleet_wide", "attacker_separation")


@dataclass(frozen=True)
class Verdict:
    holds: bool
    detail: str


@dataclass(frozen=True)
class Conclusion:
    case: str
    id: str
    kind: str
    spec: dict[str, Any]
    not_yet: str | None  # why it does not hold yet (strict xfail), None when it should hold

    @property
    def name(self) -> str:
        return f"{self.case}:{self.id}"


def cases() -> list[str]:
    return sorted(p.name.removesuffix(".expect.json") for p in HERE.glob("*.expect.json"))


def expectations(case: str) -> dict[str, Any]:
    return json.loads((HERE / f"{case}.expect.json").read_text(encoding="utf-8"))


def conclusions() -> list[Conclusion]:
    out = []
    for case in cases():
        expect = expectations(case)
        not_yet = expect.get("not_yet", {})
        for item in expect["conclusions"]:
            out.append(Conclusion(case, item["id"], item["kind"], item,
                                  not_yet.get(item["id"])))
    return out


@dataclass
class Analysis:
    """Everything a conclusion may look at, computed once per case."""

    threats: list[dict[str, Any]]
    paths: list[dict[str, Any]]
    recommendations: list[dict[str, Any]]
    results: list[dict[str, Any]]
    board: list[Any]  # report.data.TopRisk, the board's top five


@cache
def analysis(case: str) -> Analysis:
    from workbench.analysis.attack import analyze_attacks
    from workbench.analysis.catalog import default_catalog
    from workbench.analysis.pipeline import analyze
    from workbench.model import load_model
    from workbench.report.data import gather

    model = load_model(HERE / f"{case}.twm.json")
    result = analyze(model, default_catalog())
    attack = analyze_attacks(result.model, result.catalog, risks=result.threats, seed=SEED,
                             top_k=5, sensitivity=False)
    out = result.to_json()
    board = gather(model, recommend=False).top_groups(5)
    return Analysis(threats=out["threats"], paths=attack.attack_paths,
                    recommendations=attack.recommendations, results=attack.target_results,
                    board=board)


def _any_of(spec: dict[str, Any], key: str) -> list[str]:
    value = spec[key]
    return list(value) if isinstance(value, list) else [value]


def _recommended_ids(recommendations: list[dict[str, Any]], count: int) -> list[str]:
    """Catalog control ids of the first ``count`` distinct controls of the plan."""
    ids: list[str] = []
    for step in recommendations:
        # "catalog:<control>@<element>", "fleet:<control>@<stencil>" or a model control id
        added = str(step.get("added", ""))
        control = str(step.get("control") or added.split(":", 1)[-1].split("@", 1)[0])
        if control and control not in ids:
            ids.append(control)
        if len(ids) == count:
            break
    return ids


def evaluate(conclusion: Conclusion) -> Verdict:
    spec, found = conclusion.spec, analysis(conclusion.case)
    kind = conclusion.kind
    if kind == "most_likely_path":
        target, attacker = spec["target"], spec["attacker"]
        paths = [p for p in found.paths if p["element"] == target and p["attacker"] == attacker]
        if not paths:
            return Verdict(False, f"no path from {attacker} to {target}")
        best = max(paths, key=lambda p: p["probability"])
        route = " > ".join(best["path"])
        ok = best["path"][0] in _any_of(spec, "entry") and all(
            step in best["path"] for step in spec.get("through", []))
        return Verdict(ok, f"top path p={best['probability']:.2f}: {route}")
    if kind == "board_top_five":
        wanted = _any_of(spec, "catalog_id")
        top = [f"{group.catalog_id}@{group.row.element}" for group in found.board]
        elements = _any_of(spec, "element") if "element" in spec else None
        ok = any(group.catalog_id in wanted and (
            elements is None or any(row.element in elements for row in group.copies))
            for group in found.board)
        return Verdict(ok, "board top five: " + ", ".join(top))
    if kind == "recommended_control":
        within = int(spec.get("within", 3))
        first = _recommended_ids(found.recommendations, within)
        ok = any(c in first for c in _any_of(spec, "control"))
        return Verdict(ok, f"first {within} recommended: {', '.join(first) or 'none'}")
    if kind in ("patient_safety", "fleet_wide"):
        flag = "patient_safety" if kind == "patient_safety" else "mass_harm"
        wanted = _any_of(spec, "catalog_id")
        rows = [t for t in found.threats if t["catalog_id"] in wanted
                and ("element" not in spec or t["element"] in _any_of(spec, "element"))]
        if not rows:
            return Verdict(False, f"none of {wanted} found")
        flags = {f"{t['catalog_id']}@{t['element']}": bool(t.get(flag)) for t in rows}
        expected = bool(spec.get("expected", True))
        ok = any(flags.values()) if expected else not any(flags.values())
        return Verdict(ok, f"{flag}: " + ", ".join(f"{k}={v}" for k, v in flags.items()))
    if kind == "attacker_separation":
        row = next((r for r in found.results if r["element"] == spec["target"]
                    and r["kind"] == spec.get("target_kind", r["kind"])), None)
        if row is None:
            return Verdict(False, f"target {spec['target']} not analysed")
        by = row.get("by_attacker") or {}
        high, low = by.get(spec["higher"], 0.0), by.get(spec["lower"], 0.0)
        ok = high >= spec.get("at_least", 0.0) and high - low >= spec.get("margin", 0.0)
        return Verdict(ok, f"{spec['higher']} {high:.2f}, {spec['lower']} {low:.2f}")
    raise ValueError(f"{conclusion.name}: unknown conclusion kind {kind!r} (known: {KINDS})")
