"""What changed since an earlier version of the model, for the reports (``--since OLD``).

A board asks "is it better than last time?" before "what is wrong?". The comparison is the
core's :func:`workbench.analysis.diff.diff_models` (the same as ``workbench diff`` and the
window's overlay): structural changes counted, and risk per target with its direction.
The board gets a short block on the summary page; the technical report a section with the
changed items and the per-target table.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from workbench.analysis.diff import DIRECTION_ARROWS
from workbench.report.document import Heading, Styles, p, table
from workbench.report.i18n import percent, tr

#: Collections shown, in reading order.
SHOWN = ("components", "flows", "zones", "threats", "controls", "data_assets", "attackers",
         "targets")


def _counts(diff: Any, lang: str) -> str:
    parts = []
    for name in SHOWN:
        coll = diff.collections.get(name)
        if coll is None or coll.empty:
            continue
        parts.append(f"{tr(f'coll_{name}', lang)} +{len(coll.added)} −{len(coll.removed)} "
                     f"~{len(coll.changed)}")
    return "; ".join(parts) or tr("changes_none", lang)


def _risk_line(change: Any, lang: str) -> str:
    old, new = change.old, change.new
    arrow = DIRECTION_ARROWS.get(change.direction, "")
    if old is None or new is None:
        state = tr("changes_target_new" if old is None else "changes_target_gone", lang)
        return f"{arrow} {change.label}: {state}"
    text = tr("changes_risk", lang, old=old["score"], new=new["score"],
              old_total=old["total"], new_total=new["total"])
    if "probability" in old and "probability" in new:
        text += ", " + tr("changes_prob", lang, old=percent(old["probability"], lang),
                          new=percent(new["probability"], lang))
    return f"{arrow} {change.label}: {text}"


def _moved(diff: Any) -> list[Any]:
    order = {"worse": 0, "mixed": 1, "added": 2, "better": 3, "removed": 4}
    return sorted((r for r in diff.risk if r.direction != "same"),
                  key=lambda r: (order.get(r.direction, 5), r.label))


def board_block(diff: Any, label: str, styles: Styles, lang: str, limit: int = 5) -> list:
    """A few lines for the board's summary page: counts, then targets whose risk moved."""
    if diff is None:
        return []
    out: list = [Spacer(1, 2 * mm), p(tr("changes_title", lang, since=label), styles.h2),
                 p(_counts(diff, lang), styles.small)]
    moved = _moved(diff)
    if not moved:
        out.append(p(tr("changes_risk_same", lang), styles.small))
    for change in moved[:limit]:
        out.append(p(_risk_line(change, lang), styles.small))
    if len(moved) > limit:
        out.append(p(tr("changes_more", lang, count=len(moved) - limit), styles.small))
    return out


def _item_label(name: str, item: Any, lang: str, titles: dict[str, tuple[str, str]]) -> str:
    """A threat keeps its catalog title in the report's language (keys are
    ``catalog_id@element``); anything else shows as named in the model."""
    if name == "threats" and lang == "fr":
        pair = titles.get(item.ident.split("@", 1)[0])
        if pair and pair[1] and item.label in (pair[0], item.ident):
            return pair[1]
    return item.label


def technical_section(diff: Any, label: str, styles: Styles, lang: str, width: float,
                      titles: dict[str, tuple[str, str]] | None = None) -> list:
    """The technical report's section: counts, changed items, risk per target."""
    if diff is None:
        return []
    out: list = [Heading(tr("changes_title", lang, since=label), styles.h1, 0),
                 p(_counts(diff, lang), styles.body)]
    rows = []
    for name in SHOWN:
        coll = diff.collections.get(name)
        if coll is None:
            continue
        for kind, items in (("+", coll.added), ("−", coll.removed), ("~", coll.changed)):
            for item in items:
                fields = ", ".join(sorted(item.fields))[:160] if item.fields else ""
                rows.append([f"{kind} {tr(f'coll_{name}', lang)}",
                             _item_label(name, item, lang, titles or {}), fields])
    if rows:
        out.append(table([tr("changes_kind", lang), tr("item", lang), tr("changes_fields", lang)],
                         rows[:400], [0.2 * width, 0.4 * width, 0.4 * width], styles))
        if len(rows) > 400:
            out.append(p(tr("changes_more", lang, count=len(rows) - 400), styles.small))
    if diff.risk:
        out += [Spacer(1, 3 * mm), p(tr("changes_targets", lang), styles.h2)]
        out += [p(_risk_line(change, lang), styles.small)
                for change in sorted(diff.risk, key=lambda r: r.label)]
        out.append(p(tr("changes_basis", lang) + " " + diff.risk_basis, styles.caption))
    return out
