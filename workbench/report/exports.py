"""Exports besides the PDF: diagram (SVG, PNG), risk register (CSV), summary (Markdown),
analysis (JSON). One function per format, listed in :data:`EXPORTERS` so the ``export``
command's format registry can pick them up by name.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from workbench import __version__
from workbench.interop.csv_safe import csv_cell
from workbench.model.text import json_escape_unsafe, printable, printable_block
from workbench.report.data import ReportData, RiskRow
from workbench.report.i18n import STATUS, tr, vocab
from workbench.report.regulatory import assess
from workbench.report.render import png_bytes, svg_bytes, write_png, write_svg
from workbench.report.riskcalc import Risk
from workbench.report.scene import Label, build_scene

CSV_FIXED = ("id", "element", "element_name", "layer", "catalog_id", "threat", "stride",
             "status", "owner", "likelihood")
CSV_TAIL = ("inherent", "inherent_level", "residual", "residual_level", "projected",
            "projected_level", "controls", "references")


def _scene(data: ReportData, lang: str, paths: int = 0):
    scene = build_scene(data.model, lang=lang, element_levels=data.element_levels(),
                        paths=[p.path for p in data.paths[:paths]] if paths else None)
    # Names come from vendor files: NUL or ESC in an SVG text node is not well-formed XML,
    # and a right-to-left override reverses what a reviewer reads. Show them as escapes.
    for item in scene.items:
        if isinstance(item, Label):
            item.text = printable(item.text)
    return scene


def export_svg(data: ReportData, out: Path, lang: str = "en") -> None:
    """The architecture diagram as vector SVG (text kept as text)."""
    write_svg(_scene(data, lang), out)


def export_png(data: ReportData, out: Path, lang: str = "en") -> None:
    """The architecture diagram as a 150 dpi PNG."""
    write_png(_scene(data, lang), out)


def csv_header(data: ReportData) -> list[str]:
    categories = [c.id for c in data.model.risk.impact_categories]
    extra = sorted({k for r in data.risks for k in r.impact} - set(categories))
    return [*CSV_FIXED, *(f"impact_{c}" for c in categories + extra), *CSV_TAIL]


def csv_rows(data: ReportData, lang: str = "en") -> list[dict[str, str]]:
    header = csv_header(data)
    rows = []
    for risk in data.register_order():
        row = {
            "id": risk.id, "element": risk.element, "element_name": risk.element_name,
            "layer": risk.layer, "catalog_id": risk.catalog_id,
            "threat": risk.title_fr if lang == "fr" and risk.title_fr else risk.title,
            "stride": risk.stride, "status": vocab(STATUS, risk.status, lang),
            "owner": risk.owner, "likelihood": str(risk.inherent.likelihood),
            "controls": "; ".join(risk.controls), "references": "; ".join(risk.references),
        }
        for name, value in (("inherent", risk.inherent), ("residual", risk.residual),
                            ("projected", risk.projected)):
            row[name] = str(value.score)
            row[f"{name}_level"] = tr(f"level_{value.level}", lang)
        for column in header:
            if column.startswith("impact_"):
                level = risk.impact.get(column.removeprefix("impact_"), 0)
                row[column] = str(level) if level else ""
        rows.append({column: csv_cell(row.get(column, "")) for column in header})
    return rows


def csv_text(data: ReportData, lang: str = "en") -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_header(data), lineterminator="\r\n")
    writer.writerow({column: csv_cell(column) for column in writer.fieldnames})
    writer.writerows(csv_rows(data, lang))
    return buffer.getvalue()


def export_csv(data: ReportData, out: Path, lang: str = "en") -> None:
    """Risk register, UTF-8 with a byte-order mark so spreadsheets read accents right."""
    out.write_bytes(csv_text(data, lang).encode("utf-8-sig"))


def _md_cell(text: str) -> str:
    return _md(text).replace("|", "\\|")


def _md(text: str | None) -> str:
    """User text for one Markdown line: controls escaped, HTML tags shown, not rendered
    (wikis render ``<img onerror=...>`` in Markdown), no line breaks to forge headings."""
    text = " ".join((text or "").split())
    return printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markdown_text(data: ReportData, lang: str = "en") -> str:
    meta = data.model.metadata
    lines = [f"# {_md(meta.title)}", "",
             f"- {tr('system', lang)}: {_md(meta.system or meta.title)}",
             f"- {tr('model_version', lang)}: {_md(meta.version) or tr('not_set', lang)}",
             f"- {tr('fingerprint', lang)}: `{data.fingerprint}`", ""]
    open_rows = [r for r in data.risks if r.open]
    high = sum(1 for r in open_rows if r.inherent.level in ("high", "critical"))
    high_res = sum(1 for r in open_rows if r.residual.level in ("high", "critical"))
    lines += [f"## {tr('sec_summary', lang)}", "",
              tr("summary_intro", lang, system=_md(meta.system or meta.title),
                 components=len(data.model.components), flows=len(data.model.flows),
                 threats=len(open_rows), high=high, high_res=high_res), ""]
    top = data.top_risks(5)
    if top:
        lines += [f"### {tr('summary_top', lang)}", "",
                  f"| # | {tr('threat', lang)} | {tr('element', lang)} | "
                  f"{tr('inherent_short', lang)} | {tr('residual_short', lang)} | "
                  f"{tr('projected_short', lang)} |", "|---|---|---|---|---|---|"]
        for n, r in enumerate(top, 1):
            title = r.title_fr if lang == "fr" and r.title_fr else r.title
            lines.append(f"| {n} | {_md_cell(title)} | {_md_cell(r.element_name)} | "
                         f"{_lvl(r.inherent, lang)} | {_lvl(r.residual, lang)} | "
                         f"{_lvl(r.projected, lang)} |")
        lines.append("")
    lines += [f"## {tr('sec_paths', lang)}", ""]
    names = data.names()
    if data.paths:
        for n, path in enumerate(data.paths[:5], 1):
            steps = " → ".join(names.get(e, e) for e in path.path)
            lines.append(f"{n}. {_md_cell(steps)} (p = {path.probability:.3f})")
    else:
        lines.append(tr("paths_none", lang))
    lines += ["", f"## {tr('sec_plan', lang)}", ""]
    if data.plan:
        lines += [f"| {tr('control', lang)} | {tr('cost', lang)} | {tr('reduction', lang)} | "
                  f"{tr('per_cost', lang)} |", "|---|---|---|---|"]
        for item in data.plan[:15]:
            lines.append(f"| {_md_cell(item.label(lang))} | {item.cost_label or '–'} | "
                         f"{item.reduction:g} | {item.per_cost:.2f} |")
    else:
        lines.append(tr("plan_none", lang))
    lines += ["", f"## {tr('sec_regulatory', lang)}", ""]
    for item in assess(data.model, lang):
        lines.append(f"- **{tr(item.state, lang)}**: {item.title}")
    lines += ["", "_" + tr("generated_by", lang, version=__version__) + "_", ""]
    return printable_block("\n".join(lines))


def _lvl(risk: Risk, lang: str) -> str:
    return f"{tr(f'level_{risk.level}', lang)} ({risk.short()})"


def export_md(data: ReportData, out: Path, lang: str = "en") -> None:
    """A Markdown summary for wikis and merge requests."""
    out.write_text(markdown_text(data, lang), encoding="utf-8")


def _risk_json(risk: Risk) -> dict[str, Any]:
    return {"likelihood": risk.likelihood, "severity": risk.severity, "score": risk.score,
            "level": risk.level}


def _row_json(row: RiskRow) -> dict[str, Any]:
    return {"id": row.id, "element": row.element, "element_name": row.element_name,
            "layer": row.layer, "catalog_id": row.catalog_id, "title": row.title,
            "stride": list(row.stride), "likelihood": row.inherent.likelihood,
            "impact": row.impact, "risk_inherent": _risk_json(row.inherent),
            "risk_residual": _risk_json(row.residual),
            "risk_projected": _risk_json(row.projected), "status": row.status,
            "owner": row.owner or None, "controls": row.controls, "references": row.references,
            "patient_safety": row.patient_safety}


def analysis_json(data: ReportData) -> dict[str, Any]:
    return {
        "format": "threat-workbench-report-data", "version": 1,
        "model": {"title": data.model.metadata.title, "version": data.model.metadata.version,
                  "sha256": data.fingerprint},
        "risk_source": data.risk_source, "attack_source": data.attack_source,
        "threats": [_row_json(r) for r in data.risks],
        "attack_paths": [{"attacker": p.attacker, "target": p.target, "path": p.path,
                          "probability": p.probability} for p in data.paths],
        "compromise": {c.target: {"probability": c.probability, "ci_low": c.ci_low,
                                  "ci_high": c.ci_high, "method": c.method}
                       for c in data.compromise},
        "control_plan": [{"id": i.id, "title": i.title, "status": i.status, "cost": i.cost_label,
                          "cost_units": i.cost, "risk_reduction": i.reduction,
                          "reduction_per_cost": round(i.per_cost, 4), "elements": i.elements}
                         for i in data.plan],
        "regulatory": [{"id": r.id, "state": r.state, "evidence": r.evidence}
                       for r in assess(data.model)],
        "notes": data.notes,
    }


def export_json(data: ReportData, out: Path, lang: str = "en") -> None:
    """The analysis behind the reports as one JSON object."""
    out.write_text(json_text(data), encoding="utf-8")


def json_text(data: ReportData) -> str:
    """The analysis as JSON; control and bidi characters written as ``\\uXXXX`` escapes."""
    return json_escape_unsafe(json.dumps(analysis_json(data), indent=2,
                                         ensure_ascii=False)) + "\n"


Exporter = Callable[[ReportData, Path, str], None]
EXPORTERS: dict[str, tuple[Exporter, str]] = {
    "svg": (export_svg, "architecture diagram, vector SVG"),
    "png": (export_png, "architecture diagram, PNG bitmap"),
    "csv": (export_csv, "risk register, CSV (UTF-8 with BOM)"),
    "md": (export_md, "summary, Markdown"),
    "json": (export_json, "analysis behind the reports, JSON"),
}


def model_exporter(fmt: str, lang: str = "en") -> Callable[[Any], str | bytes]:
    """``write(model) -> text or bytes`` for the export command's format registry.

    Without the file's bytes, the fingerprint in Markdown/JSON is that of the model's
    canonical text.
    """
    from workbench.report.data import gather

    # Only the Markdown and JSON summaries show the "fund first" plan; the diagram and the
    # register do not need its what-if search, the slowest stage of the analysis.
    needs_plan = fmt in ("md", "json")

    def write(model) -> str | bytes:
        data = gather(model, recommend=needs_plan)
        if fmt == "svg":
            return svg_bytes(_scene(data, lang)).decode("utf-8")
        if fmt == "png":
            return png_bytes(_scene(data, lang))
        if fmt == "csv":
            return csv_text(data, lang).encode("utf-8-sig")
        if fmt == "md":
            return markdown_text(data, lang)
        if fmt == "json":
            return json_text(data)
        raise ValueError(f"unknown format {fmt!r}")

    return write


def export(model_path: Path, fmt: str, out: Path, lang: str = "en") -> None:
    """Load ``model_path`` and write it in ``fmt`` to ``out`` (ModelError on bad input)."""
    from workbench.model.io import load_model
    from workbench.report.data import gather

    if fmt not in EXPORTERS:
        raise ValueError(f"unknown format {fmt!r} (choose {', '.join(EXPORTERS)})")
    model = load_model(model_path)
    data = gather(model, model_path.read_bytes())
    EXPORTERS[fmt][0](data, out, lang)
