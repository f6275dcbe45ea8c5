"""Story pieces shared by the board and technical reports (each returns flowables)."""

from __future__ import annotations

import datetime as dt
import re

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from workbench import __version__
from workbench.model.enums import LAYER_ORDER
from workbench.report.data import AttackPath, ReportData, RiskRow
from workbench.report.document import (
    Heading,
    ReportDoc,
    Styles,
    figure_column_width,
    fit_widths,
    make_styles,
    p,
    table,
)
from workbench.report.fasttable import FastTable
from workbench.report.functions import french_function
from workbench.report.i18n import (
    ASSET_KINDS,
    COSTS,
    IMPACT_SHORT,
    PROPERTY_WORDS,
    STATUS,
    ZONE_KINDS,
    chance,
    date_words,
    de,
    percent,
    tr,
    vocab,
)
from workbench.report.i18n import (
    number as fmt_number,
)
from workbench.report.matrix import side_by_side
from workbench.report.regulatory import assess
from workbench.report.render import to_drawing
from workbench.report.riskcalc import LEVEL_COLOURS
from workbench.report.scene import build_scene

MAX_NOTES = 12
FAST_ROWS = 400  # above this many rows the register uses the lean FastTable
READINESS_COLOURS = {"ready": "#a6dba0", "partial": "#ffffbf", "gap": "#fdae61",
                     "not_applicable": "#eeeeee"}


def threat_title(row: RiskRow, lang: str) -> str:
    return row.title_fr if lang == "fr" and row.title_fr else row.title


def level_name(level: str, lang: str) -> str:
    return tr(f"level_{level}", lang)


def risk_text(risk, lang: str) -> str:
    return f"{level_name(risk.level, lang)} ({risk.short()})"


def cover(data: ReportData, styles: Styles, lang: str, title_key: str) -> list:
    meta = data.model.metadata
    fingerprint = data.fingerprint
    if not data.fingerprint_is_file:
        fingerprint += f" ({tr('fingerprint_none', lang)})"
    date = meta.review_date or dt.date.today()
    rows = [
        [tr("system", lang), meta.system or meta.title],
        [tr("model_version", lang), meta.version or tr("not_set", lang)],
        [tr("date", lang), date_words(date, lang)],
        [tr("authors", lang), ", ".join(meta.authors) or tr("not_set", lang)],
        [tr("owner", lang), meta.owner or tr("not_set", lang)],
        [tr("fingerprint", lang), fingerprint],
    ]
    if title_key == "technical_title":  # what an engineer needs to reproduce the figures
        from workbench.report.trace import catalog_version

        rows += [[tr("catalog_version", lang), catalog_version(data) or tr("not_set", lang)],
                 [tr("tool_version", lang), f"Threat Workbench {__version__}"],
                 [tr("attack_seed", lang), attack_seed()]]
        if data.costs is not None:
            rows.append([tr("cost_table", lang), data.costs.version + (
                f" + {data.costs.settings}" if data.costs.settings else "")])
    info = Table([[p(k, styles.cell_bold), p(v, styles.cell)] for k, v in rows],
                 colWidths=[45 * mm, 125 * mm])
    info.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#c8ccd4")),
                              ("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor("#c8ccd4")),
                              ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f3f5f9"))]))
    return [Spacer(1, 18 * mm), p(tr(title_key, lang), styles.title), p(meta.title,
            styles.subtitle), info, Spacer(1, 6 * mm), p(tr("confidential", lang), styles.small),
            p(tr("generated_by", lang, version=__version__), styles.small)]


def attack_seed() -> str:
    """The attack engine's Monte Carlo seed as the report runs it (its default)."""
    try:
        import inspect

        from workbench.analysis.attack import analyze_attacks

        return str(inspect.signature(analyze_attacks).parameters["seed"].default)
    except (ImportError, KeyError, TypeError, ValueError):
        return "–"


def _risk_card(row: RiskRow, lines: list, styles: Styles, lang: str, width: float) -> Table:
    """One top risk: a band in its current level's colour beside the plain-language text."""
    level = row.residual.level
    badge = p(level_name(level, lang), styles.head if level == "critical" else styles.cell_bold)
    card = Table([[badge, lines]], colWidths=[22 * mm, width - 22 * mm])
    fill = colors.HexColor(LEVEL_COLOURS[level])
    commands = [("BACKGROUND", (0, 0), (0, 0), fill), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor("#c8ccd4")),
                ("LEFTPADDING", (0, 0), (-1, -1), 5), ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    card.setStyle(TableStyle(commands))
    return card


def summary(data: ReportData, styles: Styles, lang: str, count: int = 5,
            width: float = 170 * mm, plan_page: int | None = None) -> list:
    """The summary and the risks that matter; ``plan_page``: the board's control plan
    page, whose one plan (page 1's) states where each risk stands after it. Without it
    (the technical report), "after" is the model's planned controls, as its plan table."""
    from workbench.report.one_plan import after_plan, board_plan

    model = data.model
    open_rows = [r for r in data.risks if r.open]
    high = sum(1 for r in open_rows if r.inherent.level in ("high", "critical"))
    high_res = sum(1 for r in open_rows if r.residual.level in ("high", "critical"))
    if not model.components:  # "modelled as 0 elements … found 0 threats" said nothing
        return [Heading(tr("sec_summary", lang), styles.h1, 0),
                p(tr("brief_empty", lang), styles.body)]
    story: list = [Heading(tr("sec_summary", lang), styles.h1, 0),
                   p(tr("summary_intro", lang, system=model.metadata.system or
                        model.metadata.title, components=len(model.components),
                        flows=len(model.flows), threats=len(open_rows), high=high,
                        high_res=high_res), styles.body)]
    top = data.top_groups(count)
    plan = board_plan(data) if plan_page is not None and top else None
    if not top:
        story.append(p(tr("summary_none", lang), styles.body))
        return story
    story.append(Heading(tr("summary_top", lang), styles.h2, 1))
    colon = "\u00a0: " if lang == "fr" else ": "
    for number, group in enumerate(top, start=1):
        row = group.row
        patient_text, org_text = consequences(row, model, lang)
        lines = [
            p(f"{number}. " + tr("risk_on", lang, threat=threat_title(row, lang),
                                 element=row.element_name), styles.cell_bold),
            p(f"{tr('for_patients', lang)}{colon}{patient_text}.", styles.small),
            p(f"{tr('for_org', lang)}{colon}{org_text}.", styles.small),
            p(tr("current_level", lang, level=risk_text(row.residual, lang),
                 projected=risk_text(group.projected, lang)) if plan_page is None else
              tr("current_level_plan", lang, level=risk_text(row.residual, lang),
                 page=plan_page, after=after_words(after_plan(group, plan), lang)),
              styles.small),
        ]
        others = group.elements[1:]
        if others:  # one card per threat: where else it stands
            names = ", ".join(others[:4])
            if len(others) > 4:  # "et 1 autres" read wrong
                names += tr("and_one_more" if len(others) == 5 else "and_more", lang,
                            count=len(others) - 4)
            lines.append(p(tr("also_on", lang, count=len(others) + 1, names=names),
                           styles.small))
        if row.many_patients:
            lines.append(p(tr("many_patients", lang), styles.small))
        story += [_risk_card(row, lines, styles, lang, width), Spacer(1, 3 * mm)]
    return story


def after_words(after, lang: str, lower: bool = False) -> str:
    """A level after the plan, with the element left there when it is not the one named
    ("critical on ICU ventilators")."""
    level = level_name(after.level, lang)
    level = level.lower() if lower else level
    if not after.elsewhere:
        return level
    return tr("level_elsewhere", lang, level=level, element=after.elsewhere)


def consequences(row: RiskRow, model, lang: str) -> tuple[str, str]:
    """What a risk means for patients and for the organisation, in plain words: the
    threat's own harm when the catalog states it in the report's language, else the tier
    of its impact."""
    patient = max(row.impact.get("patient_safety", 0), row.impact.get("care_delivery", 0))
    org = max([row.impact.get(k, 0) for k in ("compliance", "legal", "image", "financial")]
              + [1])
    s_max = row.inherent.s_max or 4
    patient_key = _bucket(patient, s_max) if patient else 1
    if not patient and any(a.personal for a in model.data_assets):
        patient_key = 2
    org_key = _bucket(max(org, row.residual.severity - 1), s_max)
    harm = sentence_part(harm_text(row, lang))
    return harm or tr(f"patient_{patient_key}", lang), org_text(org_key, model, lang)


def sentence_part(text: str) -> str:
    """A catalog harm as it reads after a colon: "Postponed procedures" becomes
    "postponed procedures", like the generic "could cause death…" beside it (a capital
    after ":" is an English habit a French reader notices); acronyms ("ICD …") and
    names keep their capitals."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    if len(text) > 2 and text[0] in "LD" and text[1] in "'’":  # "L’administration …"
        return text[0].lower() + text[1:]
    return text


def harm_text(row: RiskRow, lang: str) -> str:
    """The catalog's specific harm in the report's language ("" when none is known)."""
    if lang == "en":
        return row.harm
    from workbench.report.harms import french_harm

    return french_harm(row.harm_id or row.catalog_id, row.harm)


def authorities(model, lang: str) -> str:
    """Who an incident is reported to, by the model's markets: ARS and CNIL for France (or
    no market given), FDA and HHS for the US, the data protection authority elsewhere in
    the EU; several when the model names several markets."""
    from workbench.report.regulatory import EU_MARKETS, US_MARKETS

    markets = {m.strip().lower() for m in model.regulatory.markets}
    keys = []
    if not markets or markets & {"fr", "france"}:
        keys.append("authorities_fr")
    elif markets & EU_MARKETS:
        keys.append("authorities_eu")
    if markets & US_MARKETS:
        keys.append("authorities_us")
    return ", ".join(tr(k, lang) for k in keys) or tr("authorities_eu", lang)


def org_text(key: int, model, lang: str) -> str:
    if key == 3:
        return tr("org_3", lang, authorities=authorities(model, lang))
    return tr(f"org_{key}", lang)


def _bucket(value: int, s_max: int) -> int:
    """A level on the model's scale mapped to the four plain-language tiers."""
    return max(1, min(4, round(value * 4 / max(s_max, 1))))


def diagram_orientation(data: ReportData, lang: str, reserve: float = 60.0) -> str:
    """'landscape' or 'portrait': whichever prints the diagram larger."""
    pages = [ReportDoc.frame_size("landscape"), ReportDoc.frame_size("portrait")]
    scene = build_scene(data.model, lang=lang, element_levels=data.element_levels(),
                        pages=[(w, h - reserve) for w, h in pages])
    return ("landscape", "portrait")[scene.page_index]


def diagram(data: ReportData, lang: str, width: float, height: float,
            with_paths: int = 0):
    """The architecture as vector graphics, packed for print to fill width x height; a
    sentence instead of an empty frame when the model has no elements."""
    if not data.model.components:
        return p(tr("diagram_empty", lang), make_styles().body)
    paths = [ap.path for ap in data.top_paths(with_paths)] if with_paths else None
    scene = build_scene(data.model, lang=lang, element_levels=data.element_levels(),
                        paths=paths, pages=[(width, height)], dim_context=bool(paths))
    return to_drawing(scene, width, height)


def matrix_caption(data: ReportData, lang: str) -> str:
    """The matrix's caption: its colours named when they are the default four (blue, yellow,
    orange, red), else "the colour of that level on the model's own scale"."""
    from workbench.analysis.risk import Scales

    try:
        levels = [(lv.id, lv.colour.lower()) for lv in Scales.of(data.model).levels]
    except Exception:  # noqa: BLE001 - a caption never costs the report
        levels = []
    default = [(k, v.lower()) for k, v in LEVEL_COLOURS.items() if k != "none"]
    return tr("matrix_note" if levels == default else "matrix_note_custom", lang)


def matrices(data: ReportData, lang: str, width: float) -> list:
    """Inherent beside residual; a visible warning when the matrix breaks Cox's rules."""
    rows = [r for r in data.risks if r.open]
    story: list = [side_by_side(data.model, [r.inherent for r in rows],
                                [r.residual for r in rows], lang, width)]
    if data.matrix_warnings:
        styles = make_styles()
        box = Table([[p(tr("cox_warning", lang) + " " + "; ".join(data.matrix_warnings),
                        styles.small)]], colWidths=[width])
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, colors.HexColor("#d7191c")),
                                 ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fde0dd"))]))
        story.append(box)
    return story


def _attackers_fr() -> dict[str, str]:
    """French names of the built-in attacker profiles, from the file the window reads
    (``workbench/data/attackers-fr.json``): one wording in the window and the report."""
    import json
    from importlib.resources import files

    try:
        doc = json.loads((files("workbench.data") / "attackers-fr.json")
                         .read_text(encoding="utf-8"))
        return {key: str(value["name"]) for key, value in doc["attackers"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


ATTACKERS_FR = _attackers_fr()
# U+202F inside « »: typeset() makes it unbreakable (a « alone at a line's end on page 1)
TARGET_KINDS_FR = {"patient_safety": "la fonction «\u202f{function}\u202f» {of_element}",
                   "health_data": "les données de santé {of_element}",
                   "care_service": "le service de soins {element}"}


def _labels(data: ReportData) -> dict[str, str]:
    """Names of elements, flows, attackers and targets, built once per report."""
    cached = data.__dict__.get("_labels")
    if cached is not None:
        return cached
    names = dict(data.names())
    for attacker in data.model.attackers:
        names.setdefault(attacker.id, attacker.name)
    for target in data.model.targets:
        names.setdefault(target.id, target.name or names.get(target.element, target.element))
    for key, value in data.attack_names.items():
        names.setdefault(key, names.get(value, value))
    data.__dict__["_labels"] = names
    return names


def _model_targets(data: ReportData) -> dict[str, tuple[str, str]]:
    """The model's own targets with a name: id -> (name, element name)."""
    cached = data.__dict__.get("_model_targets")
    if cached is None:
        names = data.names()
        cached = {t.id: (t.name, names.get(t.element, t.element))
                  for t in data.model.targets if t.name}
        data.__dict__["_model_targets"] = cached
    return cached


def _name(data: ReportData, element_id: str, lang: str = "en") -> str:
    names = _labels(data)
    if lang == "en" and element_id in _model_targets(data):
        # "reaches Timely review of red alerts" named neither the element nor where the
        # target's name ends: the analyst's wording in quotes, then its element.
        name, element = _model_targets(data)[element_id]
        return f"“{name}” ({element})"
    if lang == "fr" and element_id in ATTACKERS_FR and _builtin_name(data, element_id):
        return ATTACKERS_FR[element_id]
    if lang == "fr" and element_id in data.target_info:
        kind, element = data.target_info[element_id]
        if kind in TARGET_KINDS_FR:
            name = names.get(element, element)
            comp = data.model.component(element)
            function = french_function(
                (comp.properties.safety_critical_function if comp else None) or "thérapie")
            return TARGET_KINDS_FR[kind].format(element=name, of_element=de(name),
                                                function=function)
    return names.get(element_id, element_id)


def _builtin_name(data: ReportData, attacker_id: str) -> bool:
    """Whether the model still calls this attacker by its built-in English name (a profile
    the analyst renamed keeps the analyst's name in French too, as in the window)."""
    from workbench.analysis.attack.attackers import DEFAULT_ATTACKERS

    builtin = {a.id: a.name for a in DEFAULT_ATTACKERS}.get(attacker_id)
    own = next((a.name for a in data.model.attackers if a.id == attacker_id), None)
    return own is None or own == builtin


target_name = _name
METHODS = {"exact enumeration": ("exact enumeration", "énumération exacte"),
           "exact": ("exact enumeration", "énumération exacte"),
           "monte carlo": ("Monte Carlo", "Monte-Carlo"),
           "Monte Carlo": ("Monte Carlo", "Monte-Carlo"),
           "monte_carlo": ("Monte Carlo", "Monte-Carlo"),
           "monte-carlo": ("Monte Carlo", "Monte-Carlo"),
           "exact-enumeration": ("exact enumeration", "énumération exacte")}


def paths_table(data: ReportData, styles: Styles, lang: str, width: float,
                limit: int | None = None) -> list:
    """Numbered paths: the board gets the top few (as drawn), the technical report all."""
    if not data.paths:
        return [p(tr("paths_none", lang), styles.body)]
    chosen = data.top_paths(limit) if limit else data.paths
    rows = []
    for number, ap in enumerate(chosen, start=1):
        steps = " → ".join(_name(data, e) for e in ap.path)
        if ap.truncated:
            steps += f" ({tr('truncated', lang)})"
        rows.append([str(number), _name(data, ap.attacker, lang), _name(data, ap.target, lang),
                     steps,
                     fmt_number(ap.probability, lang, 3), reach_cell(ap, lang)])
    widths = [8 * mm, 0.15 * width, 0.15 * width, 0.0, 17 * mm, 30 * mm]
    widths[3] = width - sum(widths)
    return [table(["#", tr("attacker", lang), tr("target", lang), tr("path", lang),
                   tr("probability", lang), tr("by_any_path", lang)], rows, widths, styles,
                  wrap=[False, True, True, True, False, True]),
            p(tr("path_exact_note", lang), styles.small)]


def reach_cell(ap: AttackPath, lang: str) -> str:
    """The technical report's "by any path": "0.961 [0.957, 0.965]" when simulated,
    "0.961 (exact)" when computed exactly, "–" when the engine gave none."""
    reach = ap.reach
    if reach is None:
        return "–"
    value = fmt_number(reach.probability, lang, 3)
    if reach.exact:
        return f"{value} ({tr('reach_exact', lang)})"
    low, high = fmt_number(reach.low, lang, 3), fmt_number(reach.high, lang, 3)
    return f"{value} [{low} ; {high}]" if lang == "fr" else f"{value} [{low}, {high}]"


def reach_phrase(ap: AttackPath, lang: str) -> str:
    """The board's "; 96 % (95–97 %) by any path" ("" when the engine gave none). The
    interval is shown when simulated and at least one point wide."""
    reach = ap.reach
    if reach is None:
        return ""
    value = chance(reach.probability, lang)
    if not reach.exact and reach.high - reach.low >= 0.01:
        value = tr("reach_interval", lang, probability=value, low=chance(reach.low, lang),
                   high=chance(reach.high, lang))
    return tr("reach_any", lang, probability=value)


def path_lines(data: ReportData, styles: Styles, lang: str, limit: int) -> list:
    """The board's paths as numbered lines under the drawing (a table would take the room
    the drawing needs to print its names at 7 pt): who, what, chance, steps."""
    if not data.paths:
        return [p(tr("paths_none", lang), styles.small)]
    out = []
    for number, ap in enumerate(data.top_paths(limit), start=1):
        steps = " → ".join(_name(data, e) for e in ap.path)
        out.append(p(tr("path_line_board", lang, number=number,
                        attacker=_name(data, ap.attacker, lang),
                        target=_name(data, ap.target, lang),
                        probability=chance(ap.probability, lang),
                        reach=reach_phrase(ap, lang), steps=steps),
                     styles.small))
    return out


def compromise_table(data: ReportData, styles: Styles, lang: str, width: float) -> list:
    """Per target: the most capable attacker's chance of success, with method and interval."""
    if not data.compromise:
        return []
    rows = []
    for item in sorted(data.compromise, key=lambda c: -c.probability):
        interval = ""
        if item.ci_low is not None and item.ci_high is not None and item.approximate:
            low, high = fmt_number(item.ci_low, lang, 3), fmt_number(item.ci_high, lang, 3)
            interval = f"[{low} ; {high}]" if lang == "fr" else f"[{low}, {high}]"
        method = vocab(METHODS, item.method, lang)
        if item.worlds:
            count = f"{item.worlds:,}".replace(",", "\u202f" if lang == "fr" else ",")
            method += f", {count} " + tr("worlds", lang)
        if item.approximate:
            method += f" ({tr('approximate', lang)})"
        rows.append([_name(data, item.target, lang), _name(data, item.attacker, lang)
                     if item.attacker
                     else "–", fmt_number(item.probability, lang, 3), interval, method])
    return [Heading(tr("compromise", lang), styles.h2, 1),
            table([tr("target", lang), tr("attacker", lang), tr("probability", lang),
                   tr("interval", lang), tr("method", lang)], rows,
                  [0.27 * width, 0.2 * width, 0.12 * width, 0.16 * width, 0.25 * width],
                  styles, wrap=[True, True, False, False, True])]


def _plan_days(rec: dict, lang: str) -> str:
    """A plan step's cumulative cost: person-days (``days``, from control-costs.json) when
    the engine gives them, else its relative cost as given."""
    if rec.get("days") is not None:
        return f"{fmt_number(float(rec['days']), lang, 1)} {tr('days_short', lang)}"
    return f"{float(rec.get('cost', 0)):g}"


def recommendations_table(data: ReportData, styles: Styles, lang: str, width: float) -> list:
    """The attack engine's greedy 'fund first' sequence, step by step."""
    if not data.recommendations:
        return []
    names = data.names()
    rows = []
    for step, rec in enumerate(data.recommendations, start=1):
        elements = rec.get("elements") or []
        rows.append([str(step), control_title(data, str(rec.get("control") or ""),
                                              step_title(rec), lang),
                     name_list([names.get(e, e) for e in elements], 4, lang),
                     _plan_days(rec, lang),
                     fmt_number(float(rec.get("marginal_reduction", 0)), lang, 3),
                     fmt_number(float(rec.get("max_probability", 0)), lang, 3)])
    return [Heading(tr("sec_recommend", lang), styles.h2, 1),
            p(tr("recommend_intro", lang), styles.small),
            table(["#", tr("control", lang), tr("elements", lang), tr("cumulative_cost", lang),
                   tr("reduction", lang), tr("max_after", lang)], rows,
                  # the effort ("122.0 person-days") wraps in its own column: it ran into
                  # the reduction beside it
                  [0.05 * width, 0.3 * width, 0.27 * width, 0.15 * width, 0.1 * width,
                   0.13 * width], styles, wrap=[False, True, True, True, False, False])]


def name_list(names: list[str], shown: int, lang: str) -> str:
    """"A, B, C and 2 more": a plan's elements ended "…", which read as a cut name."""
    out = ", ".join(names[:shown])
    rest = len(names) - shown
    if rest > 0:
        out += tr("and_one_more" if rest == 1 else "and_more", lang, count=rest)
    return out


def control_title(data: ReportData, control_id: str, fallback: str, lang: str) -> str:
    """A plan step's control in the report's language: the catalog's title (French when it
    has one), the model's own control title, else the engine's."""
    from workbench.report.trace import load_catalog_safely

    catalog = load_catalog_safely(data)
    own = {c.id: c for c in data.model.controls}
    if control_id in own:  # linked to the catalog: its French title, as on the plan page
        control = own[control_id]
        entry = catalog.controls.get((control.catalog_id or "").split(":", 1)[-1]) \
            if catalog is not None else None
        if lang == "fr" and entry is not None and entry.title_fr:
            return entry.title_fr
        return control.title
    entry = catalog.controls.get(control_id) if catalog is not None else None
    if entry is not None:
        return entry.title_fr if lang == "fr" and entry.title_fr else entry.title
    return fallback


def step_title(rec: dict) -> str:
    """A plan step's control without the engine's " on <element id>" (the element column
    names it): "Hardened device configuration on ws-b" leaked an internal id."""
    title = str(rec.get("title") or rec.get("added") or "")
    elements = [str(e) for e in rec.get("elements") or []]
    for suffix in (f" on {', '.join(elements)}", *(f" on {e}" for e in elements)):
        if elements and title.endswith(suffix):
            return title[: -len(suffix)]
    return title


def plan_table(data: ReportData, styles: Styles, lang: str, width: float,
               limit: int | None = None, suggested: bool = False) -> list:
    """The control plan; with ``suggested``, catalog controls the model does not have yet."""
    items = data.suggested if suggested else data.plan
    if not items:
        return [p(tr("plan_none", lang), styles.body)] if not suggested else []
    from workbench.report.costs import money_range

    names = data.names()
    rows = []
    for item in items[:limit] if limit else items:
        est = item.estimate
        cost = (f"{money_range(est, lang)} ({_days(est, lang)})" if est is not None else
                vocab(COSTS, item.cost_label, lang) if item.cost_label else "–")
        rows.append([item.label(lang), name_list([names.get(e, e) for e in item.elements],
                                                 4, lang), cost,
                     fmt_number(item.reduction, lang, 1), str(item.lowered),
                     vocab(STATUS, item.status, lang),
                     date_words(dt.date.fromisoformat(item.due), lang) if item.due else ""])
    widths = [0.26, 0.2, 0.17, 0.09, 0.08, 0.09, 0.11]
    intro = tr("plan_suggested_intro" if suggested else "plan_intro", lang)
    return [p(intro, styles.small),
            table([tr("control", lang), tr("elements", lang), tr("cost_range", lang),
                   tr("reduction", lang), tr("lowered_short", lang), tr("status", lang),
                   tr("due", lang)], rows, [w * width for w in widths], styles,
                  wrap=[True, True, True, False, False, True, True])]


def board_plan(data: ReportData, styles: Styles, lang: str, width: float, limit: int) -> list:
    """What the board funds: each measure's effort and money ranges and what it buys in
    risks brought down a level; best value (score removed per euro) first. Planned measures
    that lower no measured risk are named underneath, not put in the table."""
    from workbench.report.costs import ZERO, money_range

    items, suggested = data.funded_plan()
    if not items:
        return [p(tr("plan_none", lang), styles.small)]
    items = sorted(items, key=lambda i: (-(i.reduction / i.estimate.middle)
                                         if i.estimate and i.estimate.middle else 0, i.id))
    names = data.names()
    rows = []
    total = ZERO
    for item in items[:limit]:
        est = item.estimate
        if est is not None:
            total = total + est
        key = "plan_buys_text" if item.out_of_high else "plan_buys_level"
        buys = (tr(key + ("_one" if item.lowered == 1 else ""), lang,
                   lowered=item.lowered, out=item.out_of_high)
                if not suggested
                else f"{tr('reduction', lang)} {fmt_number(item.reduction, lang, 1)}")
        rows.append([item.label(lang), name_list([names.get(e, e) for e in item.elements],
                                                 3, lang),
                     _days(est, lang) if est else "–", money_range(est, lang) if est else "–",
                     buys, date_words(dt.date.fromisoformat(item.due), lang)
                     if item.due else ""])
    counted_twice = False
    if len(items[:limit]) > 1:
        lowered, out = _plan_buys_once(data, {item.id for item in items[:limit]})
        counted_twice = not suggested and sum(i.lowered for i in items[:limit]) > lowered
        total_buys = (tr(("plan_buys_text" if out else "plan_buys_level")
                         + ("_one" if lowered == 1 else ""), lang, lowered=lowered, out=out)
                      if not suggested and lowered else "")
        rows.append([tr("plan_total", lang), "", _days(total, lang), money_range(total, lang),
                     total_buys, ""])
    header = [tr("control", lang), tr("elements", lang), tr("plan_effort", lang),
              tr("plan_money", lang), tr("plan_buys", lang), tr("due", lang)]
    # effort and cost as wide as their longest figure: a figure and its unit never break
    fixed = {col: figure_column_width([r[col] for r in rows], header[col], styles)
             for col in (2, 3)}
    widths = fit_widths([0.25, 0.19, 0.1, 0.14, 0.2, 0.12], fixed, width)
    intro = tr("plan_suggested_intro" if suggested else "plan_board_intro", lang)
    story = [p(intro, styles.small), table(header, rows, widths, styles)]
    if counted_twice:
        story.append(p(tr("plan_counted_twice", lang), styles.small))
    idle = [item.label(lang) for item in data.plan
            if item.status == "planned" and not item.buys_reduction]
    if idle and not suggested:
        story.append(p(tr("plan_not_asked", lang, names=", ".join(idle)), styles.small))
    return story


def _plan_buys_once(data: ReportData, controls: set[str]) -> tuple[int, int]:
    """Risks the given measures lower, each counted once: (down a level, out of high).

    A risk two measures act on is listed under both rows; the Total row must match the
    decision on page 1 (GHT board: rows summed to 37 out of high, page 1 said 180 to 145).
    """
    from workbench.report.riskcalc import level_index

    lowered = out = 0
    for row in data.risks:
        if not row.open or not controls & set(row.planned_controls):
            continue
        lowered += level_index(row.projected) < level_index(row.residual)
        out += (row.residual.level in ("high", "critical")
                and row.projected.level not in ("high", "critical"))
    return lowered, out


def _days(est, lang: str) -> str:
    unit = tr("days_unit", lang)
    return f"{round(est.days_low)}–{round(est.days_high)}\u00a0{unit}"


def regulatory(data: ReportData, styles: Styles, lang: str, width: float,
               compact: bool = False) -> list:
    """The readiness table; ``compact`` (the board, when its last pages are full): what is
    missing or planned in full, what is in place counted (the technical report lists it)."""
    from workbench.report.analysis_rows import control_frameworks

    items = assess(data.model, lang, data.catalog_titles,
                   control_frameworks if data.catalog_titles else None)
    rows, fills = [], {}
    for index, item in enumerate(items):
        shown = gaps_first(item.evidence, lang) if compact else item.evidence
        evidence = "; ".join(shown) or (tr("no_evidence", lang)
                                        if item.state != "not_applicable" else "")
        rows.append([item.title, tr(item.state, lang), evidence])
        fills[(1, index)] = READINESS_COLOURS[item.state]
    return [table([tr("requirement", lang), tr("readiness", lang), tr("evidence", lang)], rows,
                  # the evidence runs to ten lines, the requirement to three: give the
                  # evidence the width (the board's last page shrank under 7 pt)
                  [0.3 * width, 0.11 * width, 0.59 * width], styles, fills=fills),
            p(tr("readiness_legend", lang), styles.caption)]


def gaps_first(evidence: list[str], lang: str) -> list[str]:
    """Readiness evidence as a board reads it: each missing (✘) or planned (○) item, then
    the number in place (✔) when there are two or more."""
    done = [e for e in evidence if e.startswith("✔")]
    if len(done) < 2:
        return evidence
    rest = [e for e in evidence if not e.startswith("✔")]
    key = "evidence_done_more" if rest else "evidence_done_all"
    return [*rest, tr(key, lang, count=len(done))]


def impact_text(impact: dict[str, int], lang: str) -> str:
    ordered = sorted(impact.items(), key=lambda kv: -kv[1])
    return ", ".join(f"{vocab(IMPACT_SHORT, k, lang)} {v}" for k, v in ordered if v)


def threat_anchor(threat_id: str) -> str:
    return f"t:{threat_id}"


def element_anchor(element_id: str) -> str:
    return f"e:{element_id}"


def control_anchor(control_id: str) -> str:
    return f"c:{control_id}"


def register(data: ReportData, styles: Styles, lang: str, width: float) -> list:
    """Every threat under its stable id (``catalog_id@element``: the same in the model file,
    the CSV and JSON exports and the window), never cut; the id is a PDF destination that
    the threat details and the element index link to."""
    rows, fills, links = [], {}, {}
    ordered = data.register_order()
    for index, row in enumerate(ordered):
        rows.append([row.id, row.element_name, threat_title(row, lang), row.stride or "–",
                     str(row.inherent.likelihood), impact_text(row.impact, lang),
                     row.inherent.short(), row.residual.short(), row.projected.short(),
                     vocab(STATUS, row.status, lang), row.owner, "; ".join(row.controls),
                     # the catalog id is the id's first part: not repeated
                     ", ".join(r for r in row.references if r != row.catalog_id)])
        for col, risk in ((6, row.inherent), (7, row.residual), (8, row.projected)):
            fills[(col, index)] = LEVEL_COLOURS[risk.level]
        links[(1, index)] = element_anchor(row.element)
    fractions = [0.15, 0.09, 0.15, 0.052, 0.02, 0.103, 0.035, 0.035, 0.035, 0.06, 0.07,
                 0.1, 0.1]
    header = [tr("threat_id", lang), tr("element", lang), tr("threat", lang),
              tr("stride", lang), "L", tr("impact", lang), tr("inherent_short", lang),
              tr("residual_short", lang), tr("projected_short", lang), tr("status", lang),
              tr("owner", lang), tr("controls", lang), tr("references", lang)]
    wrap = [True, True, True, False, False, True, False, False, False, True, True, True, True]
    # A column empty on every row (no owner, no control recorded yet) gives its width to
    # the threat and its references: rows stay two or three lines high, not seven.
    empty = [col for col in (10, 11) if rows and not any(r[col] for r in rows)]
    for col in empty:
        fractions[2] += fractions[col] / 2
        fractions[12] += fractions[col] / 2
    keep = [col for col in range(len(header)) if col not in empty]
    if empty:
        rows = [[r[col] for col in keep] for r in rows]
        fills = {(keep.index(col), i): v for (col, i), v in fills.items()}
        links = {(keep.index(col), i): v for (col, i), v in links.items()}
        header, wrap = [header[c] for c in keep], [wrap[c] for c in keep]
        fractions = [fractions[c] for c in keep]
    widths = [f * width for f in fractions]
    anchors = [threat_anchor(row.id) for row in ordered]
    ids = [0, keep.index(12)]
    if len(rows) > FAST_ROWS:
        return [FastTable(header, rows, widths, size=styles.cell.fontSize, fills=fills,
                          anchors=anchors, id_columns=ids)]
    return [table(header, rows, widths, styles, fills=fills, wrap=wrap, anchors=anchors,
                  id_columns=ids, links=links)]


def scope(data: ReportData, styles: Styles, lang: str, width: float) -> list:
    meta = data.model.metadata
    story: list = []
    if meta.description:
        story += [Heading(tr("description", lang), styles.h2, 1), p(meta.description,
                                                                       styles.body)]
    if meta.scope:
        story += [Heading(tr("scope", lang), styles.h2, 1), p(meta.scope, styles.body)]
    for key, values in (("assumptions", meta.assumptions), ("out_of_scope", meta.out_of_scope)):
        if values:
            story.append(Heading(tr(key, lang), styles.h2, 1))
            story += [p(f"• {v}", styles.body) for v in values]
    if data.model.zones:
        story.append(Heading(tr("trust_zones", lang), styles.h2, 1))
        story.append(table([tr("zone", lang), tr("kind", lang), tr("trust", lang)],
                           [[z.name, vocab(ZONE_KINDS, z.kind.value, lang), f"{z.trust_level}/10"]
                            for z in data.model.zones],
                           [0.5 * width, 0.3 * width, 0.2 * width], styles))
    if data.model.data_assets:
        story.append(Heading(tr("data_assets", lang), styles.h2, 1))
        rows = [[a.name, vocab(ASSET_KINDS, a.kind.value, lang),
                 f"C{a.confidentiality} I{a.integrity} A{a.availability}",
                 impact_text(a.impact, lang)] for a in data.model.data_assets]
        story.append(table([tr("data_assets", lang), tr("kind", lang), "C/I/A", tr("impact", lang)],
                           rows,
                           [0.35 * width, 0.2 * width, 0.15 * width, 0.3 * width], styles))
    story.append(Heading(tr("sec_method", lang), styles.h2, 1))
    story.append(p(tr(f"risk_source_{data.risk_source}", lang), styles.body))
    story.append(p(tr("method_formulas", lang), styles.small))
    if data.notes:
        story.append(p(tr("engine_notes", lang), styles.cell_bold))
    for note in data.notes[:MAX_NOTES]:
        story.append(p(f"• {note}", styles.small))
    if len(data.notes) > MAX_NOTES:
        story.append(p(tr("more_notes", lang, count=len(data.notes) - MAX_NOTES), styles.small))
    return story


def _properties(comp, lang: str) -> str:
    """The security-relevant properties of a component as one short line."""
    props = comp.properties
    yes, no = tr("yes", lang), tr("no", lang)

    def word(key: str) -> str:
        return vocab(PROPERTY_WORDS, key, lang)

    parts = []
    if props.wireless_interfaces:
        parts.append(f"{word('radio')}: " + ", ".join(props.wireless_interfaces))
    if props.os_firmware:
        parts.append(props.os_firmware)
    for key, value in (("secure_boot", props.secure_boot), ("signed_updates",
                       props.signed_updates), ("encryption_at_rest", props.encryption_at_rest),
                       ("logging", props.logging)):
        if value is not None:
            parts.append(f"{word(key)}: {yes if value else no}")
    if props.authentication:
        parts.append(f"{word('authentication')}: {word(props.authentication.value)}")
    if props.patch_status:
        parts.append(f"{word('patch')}: {word(props.patch_status.value)}")
    for flag, key in ((props.internet_exposed, "internet_exposed"), (props.legacy, "legacy"),
                      (props.physical_access, "physical_access"),
                      (props.multi_tenant, "multi_tenant")):
        if flag:
            parts.append(word(key))
    if props.safety_critical_function:
        function = props.safety_critical_function
        if lang == "fr":
            function = french_function(function)
        parts.append(f"{word('safety')}: {function}")
    return "; ".join(parts)


HEAT = ("#ffffff", "#abd9e9", "#ffffbf", "#fdae61", "#d7191c")


def layer_heat_table(data: ReportData, styles: Styles, lang: str, width: float) -> list:
    """Layers x impact categories: the highest impact an open threat of the layer carries."""
    categories = [c.id for c in data.model.risk.impact_categories] or sorted(
        {k for r in data.risks for k in r.impact})
    if not categories or not data.risks:
        return []
    s_max = max((r.inherent.s_max for r in data.risks), default=4) or 4
    rows, fills = [], {}
    for row_index, layer in enumerate(LAYER_ORDER):
        cells = [tr(f"layer_{layer.value}", lang)]
        for col, category in enumerate(categories, start=1):
            level = max((r.impact.get(category, 0) for r in data.risks
                         if r.open and r.layer == layer.value), default=0)
            cells.append(str(level) if level else "–")
            if level:
                fills[(col, row_index)] = HEAT[max(1, min(4, round(level * 4 / s_max)))]
        rows.append(cells)
    first = 0.16 * width
    other = (width - first) / len(categories)
    # Whole words, hyphenated by the table's header (soft hyphens) when too wide: the
    # cut "décisio." and "financi." read as typing errors.
    header = [tr("layer", lang)] + [vocab(IMPACT_SHORT, c, lang) for c in categories]
    return [p(tr("heat_intro", lang), styles.small),
            table(header, rows, [first] + [other] * len(categories), styles, fills=fills,
                  wrap=[True] + [False] * len(categories)), Spacer(1, 3 * mm)]


def layers(data: ReportData, styles: Styles, lang: str, width: float) -> list:
    story: list = layer_heat_table(data, styles, lang, width)
    zones = data.model.zones_by_id()
    by_element: dict[str, list[RiskRow]] = {}
    for row in data.risks:
        by_element.setdefault(row.element, []).append(row)
    for layer in LAYER_ORDER:
        comps = [c for c in data.model.components if c.layer == layer]
        story.append(Heading(tr(f"layer_{layer.value}", lang), styles.h2, 1))
        if not comps:
            story.append(p(tr("layer_empty", lang), styles.body))
            continue
        layer_rows = [r for c in comps for r in by_element.get(c.id, [])]
        if layer.value == "network":
            flow_ids = {f.id for f in data.model.flows}
            layer_rows += [r for e in flow_ids for r in by_element.get(e, [])]
        open_rows = [r for r in layer_rows if r.open]
        worst = max(open_rows, key=lambda r: r.residual.score, default=None)
        story.append(p(tr("layer_stats_one" if len(comps) == 1 else "layer_stats", lang,
                          count=len(comps), threats=len(open_rows),
                          level=level_name(worst.residual.level, lang) if worst
                          else tr("none", lang)), styles.body))
        rows = []
        for comp in comps:
            threats = [r for r in by_element.get(comp.id, []) if r.open]
            top = max(threats, key=lambda r: r.residual.score, default=None)
            rows.append([comp.name, zones[comp.zone].name if comp.zone in zones else "–",
                         _properties(comp, lang), str(len(threats)),
                         risk_text(top.residual, lang) if top else "–"])
        story.append(table([tr("element", lang), tr("zone", lang), tr("properties", lang),
                            tr("threat_count", lang), tr("residual_short", lang)], rows,
                           [0.2 * width, 0.16 * width, 0.42 * width, 0.08 * width,
                            0.14 * width], styles, wrap=[True, True, True, False, True]))
        if layer.value == "network" and data.model.flows:
            names = data.names()
            flow_rows = [[names.get(f.source, f.source) + " → " + names.get(f.target, f.target),
                          f.protocol or "–", ", ".join(names.get(v, v) for v in f.via) or "–",
                          ", ".join(x for x, flag in ((tr("encrypted", lang), f.encrypted),
                                                      (tr("authenticated", lang),
                                                       f.authenticated)) if flag) or "–"]
                         for f in data.model.flows]
            story.append(Spacer(1, 3 * mm))
            story.append(table([tr("from_to", lang), tr("protocol", lang), "via",
                                tr("security", lang)], flow_rows,
                               [0.4 * width, 0.18 * width, 0.2 * width, 0.22 * width], styles))
    return story


def controls_table(data: ReportData, styles: Styles, lang: str, width: float) -> list:
    """Every control with its catalog id, elements, status, owner, cost range (from the cost
    table) and effectiveness (the control's own, else the catalog's default)."""
    if not data.model.controls:
        return [p(tr("plan_none", lang), styles.body)]
    from workbench.report.costs import money_range
    from workbench.report.trace import load_catalog_safely

    catalog = load_catalog_safely(data)
    names = data.names()
    rows, links = [], {}
    for index, c in enumerate(data.model.controls):
        ctype = catalog.controls.get((c.catalog_id or "").split(":", 1)[-1]) if catalog \
            else None
        effect = c.effectiveness if c.effectiveness is not None else (
            ctype.effectiveness if ctype is not None else None)
        estimate = data.costs.estimate(c) if data.costs is not None else None
        rows.append([control_title(data, c.id, c.title, lang), c.catalog_id or "–",
                     ", ".join(names.get(e, e) for e in c.elements),
                     vocab(STATUS, c.status.value, lang), c.owner or "",
                     f"{money_range(estimate, lang)} ({_days(estimate, lang)})"
                     if estimate else (c.cost or ""),
                     percent(effect, lang) if effect is not None else "–"])
        if len(c.elements) == 1:
            links[(2, index)] = element_anchor(c.elements[0])
    fractions = [0.24, 0.14, 0.22, 0.09, 0.1, 0.14, 0.07]
    return [table([tr("control", lang), tr("catalog_id", lang), tr("elements", lang),
                   tr("status", lang), tr("owner", lang), tr("cost_range", lang),
                   tr("effectiveness", lang)], rows,
                  [f * width for f in fractions], styles,
                  anchors=[control_anchor(c.id) for c in data.model.controls],
                  id_columns=[1], links=links)]


REFERENCE_FAMILIES = (("CAPEC", re.compile(r"^CAPEC-")), ("CWE", re.compile(r"^CWE-")),
                      ("MITRE ATT&CK", re.compile(r"^T\d{4}")),
                      ("MITRE EMB3D", re.compile(r"^(TID|PID|MID)-")))


def references(data: ReportData, styles: Styles, lang: str, width: float) -> list:
    """Catalog entries used (with titles), then external references grouped by family."""
    used: dict[str, int] = {}
    for row in data.risks:
        for ref in row.references or [row.catalog_id]:
            used[ref] = used.get(ref, 0) + 1
    for control in data.model.controls:
        if control.catalog_id:
            used[control.catalog_id] = used.get(control.catalog_id, 0) + 1
    if not used:
        return [p(tr("none", lang), styles.body)]
    catalog_rows, families, other = [], {name: [] for name, _ in REFERENCE_FAMILIES}, []
    catalog_ids = {r.catalog_id for r in data.risks}
    for ref, count in sorted(used.items()):
        titles = data.catalog_titles.get(ref)
        if titles is not None or ref in catalog_ids:
            title_en, title_fr = titles or ("", "")
            catalog_rows.append([ref, title_fr if lang == "fr" and title_fr else title_en,
                                 str(count)])
            continue
        family = next((name for name, pattern in REFERENCE_FAMILIES if pattern.match(ref)),
                      None)
        (families[family] if family else other).append(f"{ref} ({count})")
    story: list = [table([tr("catalog_id", lang), tr("threat", lang) + " / " +
                          tr("control", lang), tr("count", lang)], catalog_rows,
                         [0.3 * width, 0.58 * width, 0.12 * width], styles,
                         wrap=[True, True, False])] if catalog_rows else []
    for name, refs in [*families.items(), (tr("other_refs", lang), other)]:
        if refs:
            story += [p(name, styles.cell_bold), p(", ".join(refs), styles.small)]
    return story


def optional_sections(data: ReportData, styles: Styles, lang: str, width: float) -> list:
    """Vendor review checklist and workshop sessions, when the model carries them."""
    story: list = []
    review = getattr(data.model, "review", None)
    if review is not None:
        story.append(Heading(tr("sec_review", lang), styles.h1, 0))
        story += _review(review, data, styles, lang, width)
    for session in getattr(data.model, "workshops", None) or []:
        colon = "\u00a0: " if lang == "fr" else ": "
        story.append(Heading(f"{tr('sec_workshops', lang)}{colon}{session.title}", styles.h1, 0))
        story += _workshop(session, data, styles, lang, width)
    return story


SEVERITIES = {"blocking": ("blocking", "bloquant"), "major": ("major", "majeur"),
              "minor": ("minor", "mineur")}


def board_review(data: ReportData, styles: Styles, lang: str) -> list:
    """For the board: the vendor review in two lines and its blocking gaps (a buying or
    renewal decision hangs on them); nothing when the model carries no review."""
    review = getattr(data.model, "review", None)
    summary = _review_summary(data) if review is not None else None
    if summary is None:
        return []
    # "Review of X (platform) (10 November 2026, A. Lefèvre (CISO))" nested brackets:
    # the date and the reviewer now read as words.
    who = (tr("review_on", lang, date=date_words(review.date, lang)) if review.date else "") \
        + (tr("review_by", lang, reviewer=review.reviewer) if review.reviewer else "")
    count = len(summary.blocking_gaps)
    gaps = tr("review_gaps_0" if not count else "review_gaps_1" if count == 1
              else "review_gaps_n", lang, count=count)
    intro = tr("board_review", lang, vendor=review.vendor or tr("not_set", lang), who=who,
               ratio=percent(summary.met_ratio, lang), gaps=gaps)
    out: list = [Spacer(1, 4 * mm), Heading(tr("sec_review", lang), styles.h2, 1),
                 p(intro, styles.body)]
    for line in summary.blocking_gaps:
        title = line.item.title_fr if lang == "fr" and line.item.title_fr else line.item.title
        note = f" — {line.note}" if line.note else ""
        out.append(p(f"• {title}: {tr('answer_' + line.answer.value, lang)}{note}",
                     styles.small))
    return out


def answer_colours() -> dict[str, str]:
    from workbench.analysis.review import ANSWER_COLOURS  # the window's colours too

    return ANSWER_COLOURS


def _review(review, data: ReportData, styles: Styles, lang: str, width: float) -> list:
    """The vendor review: counts, then gaps (blocking first) with the checklist's wording."""
    facts = [f"{label}: {value}" for label, value in (
        (tr("vendor", lang), review.vendor), (tr("reviewer", lang), review.reviewer),
        (tr("date", lang), date_words(review.date, lang) if review.date else None)) if value]
    story: list = [p(" · ".join(facts), styles.body)] if facts else []
    summary = _review_summary(data)
    if summary is None:  # the checklist module is unavailable: show the raw answers
        lines = [(a.item, "", a.item, a.answer.value, a.evidence or "", a.note or "")
                 for a in review.answers]
    else:
        counts = summary.counts
        tally = ", ".join(f"{tr('answer_' + k, lang)} {v}" for k, v in counts.items() if v)
        story.append(p(tr("review_tally", lang, count=sum(counts.values()), tally=tally)
                       + " " + tr("review_blocking", lang, count=len(summary.blocking_gaps),
                                  ratio=percent(summary.met_ratio, lang)), styles.body))
        lines = [(line.item.id, line.item.severity,
                  (line.item.title_fr if lang == "fr" and line.item.title_fr
                   else line.item.title), line.answer.value, line.evidence or "",
                  line.note or "") for line in summary.gaps]
    rows, fills = [], {}
    for item_id, severity, title, answer, evidence, note in lines:
        fills[(2, len(rows))] = answer_colours().get(answer, "#eeeeee")
        label = f"{title} [{item_id}]" if title != item_id else item_id
        rows.append([label, vocab(SEVERITIES, severity, lang) if severity else "",
                     tr("answer_" + answer, lang), evidence, note])
    if rows:
        story.append(table([tr("item", lang), tr("severity_col", lang), tr("answer", lang),
                            tr("evidence", lang), tr("notes", lang)], rows,
                           [0.34 * width, 0.1 * width, 0.1 * width, 0.24 * width,
                            0.22 * width], styles, fills=fills))
    return story


def _review_summary(data: ReportData):
    try:
        from workbench.analysis.review import review_summary
    except ImportError:
        return None
    try:
        return review_summary(data.model, None, data.analysis)
    except Exception:  # noqa: BLE001 - a broken checklist must not break the report
        return None


def _workshop(session, data: ReportData, styles: Styles, lang: str, width: float) -> list:
    """The session record: who, decisions and questions, then per item the ratings (median,
    range, disagreement, as in the Markdown minutes) and the consensus with who decided."""
    from workbench.workshop.aggregate import LIKELIHOOD, summarize_item
    from workbench.workshop.markdown import colon, rating

    names = data.names()
    head = [f"{colon(tr('date', lang), lang)} {date_words(session.date, lang)}"]
    if session.facilitator:
        head.append(f"{colon(tr('facilitator', lang), lang)} {session.facilitator}")
    if session.participants:
        head.append(f"{colon(tr('participants', lang), lang)} "
                    f"{', '.join(session.participants)}")
    story: list = [p(" · ".join(head), styles.body)]
    for key, values in (("decisions", session.decisions), ("open_questions",
                                                           session.open_questions),
                        ("notes", session.notes)):
        if values:
            story.append(p(tr(key, lang), styles.cell_bold))
            story += [p(f"• {v}", styles.small) for v in values]

    def dimension(name: str) -> str:
        return tr("likelihood_short", lang) if name == LIKELIHOOD else \
            vocab(IMPACT_SHORT, name, lang)

    rows = []
    for item in session.items:
        summary = summarize_item(item)
        ratings = "; ".join(
            f"{dimension(d.dimension)} {rating(d.median, lang)} ({d.low}–{d.high})"
            + (" ⚠" if d.disagreement else "") for d in summary.dimensions) or "–"
        agreed = "–"
        c = item.consensus
        if c is not None:
            parts = ([f"{tr('likelihood_short', lang)} {c.likelihood}"]
                     if c.likelihood is not None else [])
            parts += [f"{vocab(IMPACT_SHORT, k, lang)} {v}" for k, v in c.impact.items()]
            agreed = f"{', '.join(parts)} — {', '.join(c.decided_by)}"
        what = names.get(item.element, item.element)
        if item.title or item.threat:
            what += f" — {item.title or item.threat}"
        minutes, seconds = divmod(item.seconds_spent, 60)
        rows.append([what, str(len(item.votes)), ratings, agreed,
                     f"{minutes}:{seconds:02d}" if item.seconds_spent else ""])
    if rows:
        story.append(table([tr("item", lang), tr("votes", lang), tr("ratings_median", lang),
                            tr("consensus", lang), tr("time_spent", lang)], rows,
                           [0.30 * width, 0.07 * width, 0.30 * width, 0.25 * width,
                            0.08 * width], styles, wrap=[True, False, True, True, False]))
        story.append(p(tr("ratings_legend", lang), styles.small))
    return story
