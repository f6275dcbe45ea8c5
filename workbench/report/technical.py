"""The technical report: everything behind the board report, tables split across pages."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import NextPageTemplate, PageBreak, Spacer

from workbench.report import changes, sections, trace
from workbench.report.data import ReportData
from workbench.report.document import Heading, ReportDoc, Styles, make_styles, p, toc
from workbench.report.i18n import tr


def story(data: ReportData, lang: str) -> tuple[list, Styles]:
    styles = make_styles(cell_size=7.0)
    pw, _ = ReportDoc.frame_size("portrait")
    lw, _ = ReportDoc.frame_size("landscape")
    out: list = sections.cover(data, styles, lang, "technical_title")
    out += [PageBreak(), p(tr("contents", lang), styles.h1), toc(styles), PageBreak()]
    out.append(Heading(tr("sec_summary", lang), styles.h1, 0))
    out += sections.summary(data, styles, lang, width=pw)[1:]
    out += changes.technical_section(data.changes, data.changes_label, styles, lang, pw,
                                     data.catalog_titles)
    out.append(Heading(tr("sec_scope", lang), styles.h1, 0))
    out += sections.scope(data, styles, lang, pw)
    orientation = sections.diagram_orientation(data, lang, reserve=40)
    dw, dh = ReportDoc.frame_size(orientation)
    out += [NextPageTemplate(orientation), PageBreak(),
            Heading(tr("sec_diagram", lang), styles.h1, 0),
            sections.diagram(data, lang, dw, dh - 40),
            p(tr("diagram_caption", lang), styles.caption), NextPageTemplate("landscape"),
            PageBreak(), Heading(tr("sec_register", lang), styles.h1, 0)]
    out += sections.register(data, styles, lang, lw)
    out += [NextPageTemplate("portrait"), PageBreak(),
            Heading(tr("sec_details", lang), styles.h1, 0)]
    out += trace.threat_details(data, styles, lang, pw)
    out += [PageBreak(),
            Heading(tr("sec_matrix", lang), styles.h1, 0), *sections.matrices(data, lang, pw),
            p(sections.matrix_caption(data, lang), styles.caption), Spacer(1, 4 * mm),
            Heading(tr("sec_layers", lang), styles.h1, 0)]
    out += sections.layers(data, styles, lang, pw)
    out += [PageBreak(), Heading(tr("sec_paths_all", lang), styles.h1, 0)]
    out += sections.paths_table(data, styles, lang, pw)
    out += sections.compromise_table(data, styles, lang, pw)
    out += sections.recommendations_table(data, styles, lang, pw)
    out += [Heading(tr("sec_controls", lang), styles.h1, 0)]
    out += sections.controls_table(data, styles, lang, pw)
    out += [Heading(tr("sec_plan", lang), styles.h2, 1)]
    out += sections.plan_table(data, styles, lang, pw)
    if data.suggested:
        out += [Heading(tr("sec_suggested", lang), styles.h2, 1)]
        out += sections.plan_table(data, styles, lang, pw, limit=40, suggested=True)
    out += [Heading(tr("sec_regulatory", lang), styles.h1, 0)]
    out += sections.regulatory(data, styles, lang, pw)
    out += [Heading(tr("sec_references", lang), styles.h1, 0)]
    out += sections.references(data, styles, lang, pw)
    out += sections.optional_sections(data, styles, lang, pw)
    out += [Heading(tr("sec_index", lang), styles.h1, 0)]
    out += trace.element_index(data, styles, lang, pw)
    return out, styles
