"""A workshop session as Markdown: the minutes the facilitator sends after the session.

English or French (``lang``): the fixed wording is in :data:`TEXTS`; names the team typed
(participants, notes, decisions) are kept as typed; the default impact categories get their
French names from :data:`workbench.model.defaults.IMPACT_NAMES_FR`.
"""

from __future__ import annotations

from workbench.model.defaults import IMPACT_NAMES_FR
from workbench.model.threat_model import ThreatModel
from workbench.model.workshop import WorkshopSession
from workbench.workshop.aggregate import LIKELIHOOD, summarize_item

LANGUAGES = ("en", "fr")
TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Workshop: {title}", "Atelier : {title}"),
    "model": ("Model", "Modèle"), "date": ("Date", "Date"),
    "facilitator": ("Facilitator", "Animateur"), "participants": ("Participants", "Participants"),
    "none_recorded": ("none recorded", "aucun enregistré"),
    "items_reviewed": ("Items reviewed: {n} in {time}", "Points examinés : {n} en {time}"),
    "notes": ("Notes", "Notes"), "decisions": ("Decisions", "Décisions"),
    "open_questions": ("Open questions", "Questions ouvertes"), "none": ("none", "aucune"),
    "items": ("Items", "Points examinés"), "element": ("Element", "Élément"),
    "threat": ("Threat", "Menace"), "time_spent": ("Time spent", "Temps passé"),
    "rating": ("Rating", "Cotation"), "median": ("Median", "Médiane"),
    "range": ("Range", "Étendue"), "iqr": ("IQR", "EIQ"),
    "disagreement": ("Disagreement", "Désaccord"), "yes": ("yes", "oui"), "no": ("no", "non"),
    "likelihood": ("Likelihood", "Vraisemblance"), "impact": ("Impact", "Impact"),
    "no_ratings": ("No ratings recorded.", "Aucune cotation enregistrée."),
    "consensus": ("Consensus", "Consensus"),
    "not_reached": ("not reached", "non atteint"),
    "ratings_disagree": (" (ratings disagree)", " (cotations en désaccord)"),
    "likelihood_value": ("likelihood {v}", "vraisemblance {v}"),
    "recorded": ("recorded", "enregistré"),
    "decided_by": ("decided by {who}", "décidé par {who}"), "on": (" on {d}", " le {d}"),
    "rationale": ("Rationale", "Justification"),
}


def text(key: str, lang: str = "en", **values: object) -> str:
    pair = TEXTS[key]
    out = pair[1] if lang == "fr" else pair[0]
    return out.format(**values) if values else out


def colon(label: str, lang: str) -> str:
    """French typography puts a space before the colon."""
    return f"{label} :" if lang == "fr" else f"{label}:"


def _cell(value: object) -> str:
    """Table-safe text: pipes and newlines would break the row."""
    return str(value).replace("|", "\\|").replace("\n", " ").strip()


def _duration(seconds: int) -> str:
    minutes, secs = divmod(seconds, 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def rating(value: float, lang: str = "en") -> str:
    """1, 2.5, 0.25: quartiles of four votes fall on quarters, so two decimals at most."""
    out = str(int(value)) if value == int(value) else f"{value:.2f}".rstrip("0")
    return out.replace(".", ",") if lang == "fr" else out


def _french_titles(model: ThreatModel) -> dict[str, str]:
    """Threat id -> the catalog's French title, where the instance kept the English one."""
    try:
        from workbench.analysis.catalog import load_catalog

        catalog = load_catalog(include_user_env=False)
    except Exception:  # noqa: BLE001 - minutes never fail for want of a catalog
        return {}
    out = {}
    for threat in model.threats:
        entry = catalog.threats.get(threat.catalog_id)
        if entry is not None and entry.title_fr and threat.title in (None, entry.title):
            out[threat.id] = entry.title_fr
    return out


def session_markdown(model: ThreatModel, session: WorkshopSession, lang: str = "en") -> str:
    """The minutes of ``session`` in ``lang`` ("en" or "fr"; anything else is English)."""
    t = lambda key, **v: text(key, lang, **v)  # noqa: E731 - local shorthand
    c_ = lambda key: colon(t(key), lang)  # noqa: E731
    names = {c.id: c.name for c in model.components}
    names.update({f.id: f.name or f"{names.get(f.source, f.source)} → "
                                  f"{names.get(f.target, f.target)}" for f in model.flows})
    threats = {th.id: th.title or th.catalog_id for th in model.threats}
    if lang == "fr":
        threats.update(_french_titles(model))
    categories = {c.id: (IMPACT_NAMES_FR.get(c.id, c.name) if lang == "fr" else c.name)
                  for c in model.risk.impact_categories}
    out = [f"# {t('title', title=session.title)}", "",
           f"- {c_('model')} {model.metadata.title}",
           f"- {c_('date')} {session.date.isoformat()}"]
    if session.facilitator:
        out.append(f"- {c_('facilitator')} {session.facilitator}")
    out.append(f"- {c_('participants')} "
               f"{', '.join(session.participants) or t('none_recorded')}")
    total = sum(i.seconds_spent for i in session.items)
    out += [f"- {t('items_reviewed', n=len(session.items), time=_duration(total))}", ""]
    for key, entries in (("notes", session.notes), ("decisions", session.decisions),
                         ("open_questions", session.open_questions)):
        out.append(f"## {t(key)}")
        out.append("")
        out += [f"- {e}" for e in entries] or [f"- {t('none')}"]
        out.append("")
    out += [f"## {t('items')}", ""]
    for n, item in enumerate(session.items, start=1):
        label = item.title or threats.get(item.threat or "", "") or names.get(item.element,
                                                                              item.element)
        out.append(f"### {n}. {label}")
        out.append("")
        out.append(f"- {c_('element')} {names.get(item.element, item.element)} "
                   f"(`{item.element}`)")
        if item.threat:
            out.append(f"- {c_('threat')} {threats.get(item.threat, item.threat)} "
                       f"(`{item.threat}`)")
        out.append(f"- {c_('time_spent')} {_duration(item.seconds_spent)}")
        summary = summarize_item(item)
        if summary.dimensions:
            people = [v.participant for v in item.votes]
            out += ["", f"| {t('rating')} | " + " | ".join(_cell(p) for p in people)
                    + f" | {t('median')} | {t('range')} | {t('iqr')} | {t('disagreement')} |",
                    "|---" * (len(people) + 5) + "|"]
            for d in summary.dimensions:
                label_d = t("likelihood") if d.dimension == LIKELIHOOD else \
                    f"{c_('impact')} {categories.get(d.dimension, d.dimension)}"
                cells = [str(d.votes.get(p, "–")) for p in people]
                out.append(f"| {_cell(label_d)} | " + " | ".join(cells)
                           + f" | {rating(d.median, lang)} | {d.low}–{d.high} | "
                           + f"{rating(d.iqr, lang)} | "
                           + (f"**{t('yes')}**" if d.disagreement else t("no")) + " |")
            comments = [(v.participant, v.comment) for v in item.votes if v.comment]
            if comments:
                out.append("")
                out += [f"- {colon(p, lang)} {c}" for p, c in comments]
        else:
            out += ["", t("no_ratings")]
        out.append("")
        c = item.consensus
        head = f"**{c_('consensus')}**"
        if c is None:
            out.append(f"{head} {t('not_reached')}"
                       + (t("ratings_disagree") if summary.disagreement else ""))
        else:
            parts = []
            if c.likelihood is not None:
                parts.append(t("likelihood_value", v=c.likelihood))
            parts += [f"{categories.get(k, k)} {v}" for k, v in c.impact.items()]
            when = t("on", d=c.decided_on.isoformat()) if c.decided_on else ""
            out.append(f"{head} {', '.join(parts) or t('recorded')} — "
                       f"{t('decided_by', who=', '.join(c.decided_by))}{when}")
            if c.rationale:
                out.append(f"  {c_('rationale')} {c.rationale}")
        if item.notes:
            out += ["", f"{c_('notes')} {item.notes}"]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
