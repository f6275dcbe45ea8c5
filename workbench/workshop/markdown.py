"""A workshop session as Markdown: the minutes the facilitator sends after the session."""

from __future__ import annotations

from workbench.model.threat_model import ThreatModel
from workbench.model.workshop import WorkshopSession
from workbench.workshop.aggregate import LIKELIHOOD, summarize_item


def _cell(text: object) -> str:
    """Table-safe text: pipes and newlines would break the row."""
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def _duration(seconds: int) -> str:
    minutes, secs = divmod(seconds, 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def session_markdown(model: ThreatModel, session: WorkshopSession) -> str:
    names = {c.id: c.name for c in model.components}
    names.update({f.id: f.name or f"{names.get(f.source, f.source)} → "
                                  f"{names.get(f.target, f.target)}" for f in model.flows})
    threats = {t.id: t.title or t.catalog_id for t in model.threats}
    categories = {c.id: c.name for c in model.risk.impact_categories}
    out = [f"# Workshop: {session.title}", "",
           f"- Model: {model.metadata.title}",
           f"- Date: {session.date.isoformat()}"]
    if session.facilitator:
        out.append(f"- Facilitator: {session.facilitator}")
    out.append(f"- Participants: {', '.join(session.participants) or 'none recorded'}")
    total = sum(i.seconds_spent for i in session.items)
    out += [f"- Items reviewed: {len(session.items)} in {_duration(total)}", ""]
    for title, entries in (("Notes", session.notes), ("Decisions", session.decisions),
                           ("Open questions", session.open_questions)):
        out.append(f"## {title}")
        out.append("")
        out += [f"- {e}" for e in entries] or ["- none"]
        out.append("")
    out += ["## Items", ""]
    for n, item in enumerate(session.items, start=1):
        label = item.title or threats.get(item.threat or "", "") or names.get(item.element,
                                                                              item.element)
        out.append(f"### {n}. {label}")
        out.append("")
        out.append(f"- Element: {names.get(item.element, item.element)} (`{item.element}`)")
        if item.threat:
            out.append(f"- Threat: {threats.get(item.threat, item.threat)} (`{item.threat}`)")
        out.append(f"- Time spent: {_duration(item.seconds_spent)}")
        summary = summarize_item(item)
        if summary.dimensions:
            people = [v.participant for v in item.votes]
            out += ["", "| Rating | " + " | ".join(_cell(p) for p in people)
                    + " | Median | Range | IQR | Disagreement |",
                    "|---" * (len(people) + 5) + "|"]
            for d in summary.dimensions:
                label_d = "Likelihood" if d.dimension == LIKELIHOOD else \
                    f"Impact: {categories.get(d.dimension, d.dimension)}"
                cells = [str(d.votes.get(p, "–")) for p in people]
                out.append(f"| {_cell(label_d)} | " + " | ".join(cells)
                           + f" | {_fmt(d.median)} | {d.low}–{d.high} | {_fmt(d.iqr)} | "
                           + ("**yes**" if d.disagreement else "no") + " |")
            comments = [(v.participant, v.comment) for v in item.votes if v.comment]
            if comments:
                out.append("")
                out += [f"- {p}: {c}" for p, c in comments]
        else:
            out += ["", "No ratings recorded."]
        out.append("")
        c = item.consensus
        if c is None:
            out.append("**Consensus:** not reached"
                       + (" (ratings disagree)" if summary.disagreement else ""))
        else:
            parts = []
            if c.likelihood is not None:
                parts.append(f"likelihood {c.likelihood}")
            parts += [f"{categories.get(k, k)} {v}" for k, v in c.impact.items()]
            when = f" on {c.decided_on.isoformat()}" if c.decided_on else ""
            out.append(f"**Consensus:** {', '.join(parts) or 'recorded'} — decided by "
                       f"{', '.join(c.decided_by)}{when}")
            if c.rationale:
                out.append(f"  Rationale: {c.rationale}")
        if item.notes:
            out += ["", f"Notes: {item.notes}"]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
