"""Adapters to the analysis engines (catalog, risk pipeline, attack paths).

Each adapter returns ``None`` when its engine is not installed or fails on this model, and
appends a one-line note that the report prints in its method section. The report never
crashes because an optional engine is missing.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from workbench.model.threat_model import ThreatModel
from workbench.report.data import AttackPath, Compromise, RiskRow, as_mapping
from workbench.report.riskcalc import Risk, scale_max

log = logging.getLogger(__name__)


def _module(name: str):
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _get(obj: Any, *names: str, default: Any = None) -> Any:
    for name in names:
        if isinstance(obj, dict) and name in obj:
            return obj[name]
        if not isinstance(obj, dict) and hasattr(obj, name):
            return getattr(obj, name)
    return default


def catalog_titles(notes: list[str]) -> dict[str, tuple[str, str]]:
    """Catalog id -> (English title, French title) for threats and controls."""
    module = _module("workbench.analysis.catalog")
    if module is None or not hasattr(module, "load_catalog"):
        return {}
    try:
        catalog = module.load_catalog()
    except Exception as exc:  # noqa: BLE001 - an optional engine must not break reports
        notes.append(f"catalog unavailable: {exc}")
        return {}
    titles: dict[str, tuple[str, str]] = {}
    for attr in ("threats", "controls"):
        entries = _get(catalog, attr, default=[]) or []
        if isinstance(entries, dict):
            entries = list(entries.values())
        for entry in entries:
            entry_id = _get(entry, "id")
            if entry_id:
                title = str(_get(entry, "title", default="") or "")
                title_fr = str(_get(entry, "title_fr", default="") or "")
                titles[str(entry_id)] = (title, title_fr)
    return titles


def _risk(value: Any, fallback: Risk, l_max: int, s_max: int) -> Risk:
    """A pipeline risk value (object with likelihood/severity, or a number) as a cell."""
    if value is None:
        return fallback
    lik = _get(value, "likelihood")
    sev = _get(value, "severity", "impact")
    if isinstance(lik, int | float) and isinstance(sev, int | float):
        return Risk(int(round(lik)), int(round(sev)), l_max, s_max)
    return fallback


def pipeline_risks(model: ThreatModel, notes: list[str]) -> list[RiskRow] | None:
    """Risk rows from ``workbench.analysis.pipeline.analyze`` when it exists."""
    module = _module("workbench.analysis.pipeline")
    if module is None or not hasattr(module, "analyze"):
        return None
    from workbench.report.riskcalc import builtin_risks

    try:
        result = module.analyze(model)
        threats = _get(result, "threats", default=None)
        if threats is None:
            return None
        l_max, s_max = scale_max(model)
        base = {r.id: r for r in builtin_risks(model)}
        rows: list[RiskRow] = []
        for item in threats:
            data = as_mapping(item)
            row_id = str(data.get("id"))
            fallback = base.get(row_id)
            default = fallback.inherent if fallback else Risk(2, 2, l_max, s_max)
            rows.append(RiskRow(
                id=row_id, catalog_id=str(data.get("catalog_id", "")),
                title=str(data.get("title") or (fallback.title if fallback else row_id)),
                title_fr=str(data.get("title_fr") or ""),
                element=str(data.get("element", "")),
                element_name=fallback.element_name if fallback else str(data.get("element")),
                layer=str(data.get("layer") or (fallback.layer if fallback else "")),
                stride="".join(data.get("stride") or []),
                status=str(data.get("status", "suggested")),
                owner=str(data.get("owner") or ""),
                inherent=_risk(data.get("risk_inherent"), default, l_max, s_max),
                residual=_risk(data.get("risk_residual"), default, l_max, s_max),
                projected=_risk(data.get("risk_projected"), default, l_max, s_max),
                impact=dict(data.get("impact") or {}),
                controls=[str(c) for c in data.get("controls") or []],
                references=[str(r) for r in data.get("references") or []],
                patient_safety=bool(data.get("patient_safety", False)),
                many_patients=bool(data.get("many_patients", False)),
                harm=str(data.get("harm") or "")))
        return rows
    except Exception as exc:  # noqa: BLE001
        log.warning("risk pipeline failed: %s", exc)
        notes.append(f"risk pipeline failed ({type(exc).__name__}: {exc}); built-in estimate used")
        return None


def attack_paths(model: ThreatModel, notes: list[str],
                 top: int) -> tuple[list[AttackPath], list[Compromise]] | None:
    """Top attack paths and compromise probabilities from the attack engine, if present."""
    module = _module("workbench.analysis.attack")
    if module is None or not hasattr(module, "analyze_attacks"):
        return None
    try:
        result = module.analyze_attacks(model)
        raw_paths = _get(result, "attack_paths", "paths", default=[]) or []
        paths = []
        for item in raw_paths:
            data = as_mapping(item)
            paths.append(AttackPath(attacker=str(data.get("attacker", "")),
                                    target=str(data.get("target", "")),
                                    path=[str(p) for p in data.get("path", [])],
                                    probability=float(data.get("probability", 0.0))))
        paths.sort(key=lambda p: -p.probability)
        compromise = []
        raw = _get(result, "compromise", default={}) or {}
        items = raw.items() if isinstance(raw, dict) else [(None, v) for v in raw]
        for key, value in items:
            data = as_mapping(value)
            compromise.append(Compromise(
                target=str(key if key is not None else data.get("target", "")),
                probability=float(data.get("probability", 0.0)),
                ci_low=data.get("ci_low"), ci_high=data.get("ci_high"),
                method=str(data.get("method", ""))))
        return paths[: max(top, 0) or None], compromise
    except Exception as exc:  # noqa: BLE001
        log.warning("attack engine failed: %s", exc)
        notes.append(f"attack-path engine failed ({type(exc).__name__}: {exc})")
        return None
