"""What lets an engineer trace the technical report: each threat type in detail (its catalog
description, the rule that made it apply, its references and its controls' text) with links
to every instance in the register, and an index by element.

Why: a register row says "High on the gateway"; an engineer needs to know what the threat
is, why the tool thinks it applies there, what would stop it, and where else it occurs. The
links use the register's PDF destinations (``t:<threat id>``), so a click goes to the row.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from workbench.report.data import ReportData, RiskRow
from workbench.report.document import Heading, Styles, p, rich, table, typeset
from workbench.report.fasttable import FastTable
from workbench.report.i18n import PROPERTY_WORDS, STATUS, tr, vocab
from workbench.report.sections import (
    FAST_ROWS,
    control_anchor,
    element_anchor,
    risk_text,
    threat_anchor,
    threat_title,
)

LINK = "#1f4e9c"
MAX_LINKS = 40  # occurrences linked per threat type; beyond, the index by element has them


def load_catalog_safely(data: ReportData) -> Any:
    """The shipped catalog (cached on the data), or None when it cannot be loaded."""
    if "_catalog" in data.__dict__:
        return data.__dict__["_catalog"]
    try:
        from workbench.analysis.catalog import load_catalog

        catalog = load_catalog()
    except Exception:  # noqa: BLE001 - the report still prints without it
        catalog = None
    data.__dict__["_catalog"] = catalog
    return catalog


def catalog_version(data: ReportData) -> str:
    catalog = load_catalog_safely(data)
    if catalog is None:
        return ""
    versions = sorted(set(catalog.versions.values()) - {""})
    return ", ".join(versions)


OPERATORS = {"eq": ("=", "="), "ne": ("≠", "≠"), "in": ("in", "parmi"),
             "not_in": ("not in", "hors de"), "contains": ("includes", "inclut"),
             "contains_any": ("includes one of", "inclut l'un de"),
             "exists": ("is set", "est renseigné"), "gt": (">", ">"), "gte": ("≥", "≥"),
             "lt": ("<", "<"), "lte": ("≤", "≤")}
JOINERS = {"any": (" or ", " ou "), "all": (" and ", " et "), "not": ("not ", "non ")}


def condition_text(condition: Any, lang: str = "en") -> str:
    """A catalog applicability rule in words: "stencil in [a, b] or category in [c]";
    attribute names and ids stay as the model file writes them (an engineer greps them)."""
    fr = lang == "fr"
    if condition is None:
        return ""
    if hasattr(condition, "model_dump"):
        condition = condition.model_dump(exclude_none=True)
    if isinstance(condition, dict):
        for key in ("any", "all"):
            if key in condition:
                parts = [condition_text(c, lang) for c in condition[key]]
                joiner = JOINERS[key][fr]
                return "(" + joiner.join(parts) + ")" if len(parts) > 1 else parts[0]
        negated = condition.get("not", condition.get("not_"))
        if negated is not None:
            return JOINERS["not"][fr] + condition_text(negated, lang)
        if "attr" in condition:
            value = condition.get("value")
            words = value if isinstance(value, list) else [value] if value is not None else []
            shown = [vocab(PROPERTY_WORDS, str(v), lang) if str(v) in PROPERTY_WORDS
                     else "oui" if fr and v is True else "non" if fr and v is False
                     else str(v) for v in words]
            text = "[" + ", ".join(shown) + "]" if isinstance(value, list) else \
                (shown[0] if shown else "")
            op = condition.get("op", "eq")
            return f"{condition['attr']} {OPERATORS.get(op, (op, op))[fr]} {text}".strip()
    return str(condition)


def _link(key: str, text: str) -> str:
    return f'<a href="#{key}" color="{LINK}">{escape(text)}</a>'


def _references(threat: Any) -> str:
    refs = threat.references
    out = []
    for label, values in (("CAPEC", refs.capec), ("CWE", refs.cwe), ("EMB3D", refs.emb3d),
                          ("ATT&CK ICS", refs.attack_ics),
                          ("ATT&CK Mobile", refs.attack_mobile),
                          ("ATT&CK Enterprise", refs.attack_enterprise),
                          ("", refs.other)):
        if values:
            out.append((f"{label}: " if label else "") + ", ".join(values))
    return "; ".join(out)


def _french(lang: str):
    """The catalog's French descriptions (``catalogs/descriptions-fr.json``) in a French
    report; none in English, or when the file cannot be read (the English text then shows,
    labelled as such)."""
    from workbench.analysis.descriptions_fr import DescriptionsFr, shipped_descriptions

    if lang != "fr":
        return DescriptionsFr()
    try:
        return shipped_descriptions()
    except Exception:  # noqa: BLE001 - a broken data file must not cost the report
        return DescriptionsFr()


def threat_details(data: ReportData, styles: Styles, lang: str, width: float) -> list:
    """One block per catalog threat type found, worst first."""
    catalog = load_catalog_safely(data)
    by_type: dict[str, list[RiskRow]] = {}
    for row in data.register_order():
        by_type.setdefault(row.catalog_id, []).append(row)
    instances = {t.id: t for t in data.model.threats}
    model_controls = {c.catalog_id: c for c in data.model.controls if c.catalog_id}
    story: list = [p(tr("details_intro", lang), styles.small)]
    for catalog_id, rows in by_type.items():
        threat = catalog.threats.get(catalog_id) if catalog is not None else None
        story.append(Heading(f"{threat_title(rows[0], lang)} [{catalog_id}]", styles.h2, 1))
        if threat is not None:
            french = _french(lang).threats.get(catalog_id)
            label = tr("details_description_fr" if french else "details_description", lang)
            story.append(p(f"{label} {french or threat.description}", styles.small))
            rule = [tr("details_layers", lang, layers=", ".join(
                tr(f"layer_{layer.value}", lang) for layer in threat.layers))
                    if threat.layers else "",
                    tr("details_stencils", lang, stencils=", ".join(threat.stencils))
                    if threat.stencils else "",
                    tr("details_when", lang, rule=condition_text(threat.when, lang))
                    if threat.when is not None else ""]
            rule = [r for r in rule if r]
            story.append(p(tr("details_applies", lang, rule="; ".join(rule) or
                              tr("details_always", lang)), styles.small))
            refs = _references(threat)
            if refs:
                story.append(p(f"{tr('references', lang)}{typeset(' :') if lang == 'fr' else ':'}"
                               f" {refs}", styles.small))
            for control in catalog.controls_for(catalog_id):
                title = control.title_fr if lang == "fr" and control.title_fr else control.title
                instance = model_controls.get(control.id)
                name = _link(control_anchor(instance.id), title) if instance else escape(title)
                state = (vocab(STATUS, instance.status.value, lang) if instance
                         else tr("details_not_in_model", lang))
                text = _french(lang).controls.get(control.id) or control.description
                story.append(rich(f"• <b>{name}</b> ({escape(state)}): "
                                  f"{escape(text)}", styles.small))
        reasons = []
        links = []
        for row in rows:
            links.append(_link(threat_anchor(row.id), row.id) + " "
                         + escape(f"({risk_text(row.residual, lang)})"))
            inst = instances.get(row.id)
            why = (inst.reason or inst.comment) if inst is not None else None
            if inst is not None and inst.manual:
                why = why or tr("details_manual", lang)
            if why:
                reasons.append(f"{row.id}: {why}")
        more = ""
        if len(links) > MAX_LINKS:  # a 300-element estate: the index lists every id
            more = " " + escape(tr("details_more", lang, count=len(links) - MAX_LINKS))
            links = links[:MAX_LINKS]
        story.append(rich(f"<b>{escape(tr('details_instances', lang, count=len(rows)))}</b> "
                          + ", ".join(links) + more, styles.small))
        for reason in reasons[:20]:
            story.append(p(f"– {reason}", styles.small))
    return story


def element_index(data: ReportData, styles: Styles, lang: str, width: float) -> list:
    """Every element and flow with the ids of its threats, each a link to its register row."""
    by_element: dict[str, list[RiskRow]] = {}
    for row in data.register_order():
        by_element.setdefault(row.element, []).append(row)
    names = data.names()
    entries = sorted(names.items(), key=lambda kv: kv[1].lower())
    rows = []
    for element_id, name in entries:
        threats = by_element.get(element_id, [])
        rows.append([f"{name} ({element_id})", str(sum(1 for r in threats if r.open)),
                     ", ".join(r.id for r in threats) or "–"])
    anchors = [element_anchor(element_id) for element_id, _ in entries]
    header = [tr("element", lang), tr("index_open", lang), tr("threat_id", lang)]
    widths = [0.3 * width, 0.08 * width, 0.62 * width]
    if sum(len(by_element.get(e, [])) for e, _ in entries) > FAST_ROWS:
        body = FastTable(header, rows, widths, size=styles.cell.fontSize, anchors=anchors)
    else:
        body = table(header, rows, widths, styles, anchors=anchors, wrap=[True, False, True])
    return [p(tr("index_intro", lang), styles.small), body, Spacer(1, 3 * mm)]
