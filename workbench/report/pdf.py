"""Entry point: a model (and its file bytes) in, a finished PDF out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from workbench.model.io import write_bytes_atomic
from workbench.model.threat_model import ThreatModel
from workbench.report import board, technical
from workbench.report.data import ReportData, gather
from workbench.report.document import build, language, typeset
from workbench.report.i18n import LANGUAGES, tr

AUDIENCES = ("board", "technical")


def render_pdf(data: ReportData, audience: str = "board", lang: str = "en", *,
               keep: Callable[[object], None] | None = None) -> bytes:
    """PDF bytes of the chosen report for already gathered data; ``keep`` (see
    :func:`write_report`) is handed the story's flowables."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r} (choose {', '.join(AUDIENCES)})")
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (choose {', '.join(LANGUAGES)})")
    module = board if audience == "board" else technical
    meta = data.model.metadata
    with language(lang):
        story, _ = module.story(data, lang)
        if keep is not None:
            keep(story)
        footer = typeset(f"{meta.title} · {tr(f'{audience}_title', lang)}")
    system = meta.system or meta.title
    title = f"{tr(f'{audience}_title', lang)}: {meta.title}"
    author = ", ".join(meta.authors) or meta.owner or "Threat Workbench"
    return build(story, title=title, author=author,
                 subject=tr(f"subject_{audience}", lang, system=system),
                 footer=footer, lang=lang,
                 keywords=["threat model", "connected health", audience, system])


def build_report(model: ThreatModel, *, raw: bytes | None = None, audience: str = "board",
                 lang: str = "en", use_engines: bool = True,
                 since: ThreatModel | None = None, since_label: str = "",
                 keep: Callable[[object], None] | None = None) -> bytes:
    """Gather the analysis for ``model`` and render the report; ``since``: an earlier
    version whose changes the report shows (structure and risk per target); ``keep``
    (see :func:`write_report`) is handed the gathered data and the story."""
    # The board names the attack engine's first fix on page 1: both audiences need the plan.
    data = gather(model, raw, use_engines=use_engines, recommend=True)
    if keep is not None:
        keep(data)
    if since is not None:
        from workbench.analysis.diff import diff_models

        data.changes = diff_models(since, model, with_risk=use_engines)
        data.changes_label = since_label or tr("not_set", lang)
    return render_pdf(data, audience, lang, keep=keep)


def write_report(model_path: Path, out: Path, *, audience: str = "board",
                 lang: str = "en", since: Path | None = None,
                 warn: Callable[[str], None] | None = None,
                 keep: Callable[[object], None] | None = None) -> int:
    """Load a model file, write the report, return the number of bytes written; ``warn``
    hears about characters the report font cannot draw. ``keep`` is handed the large
    objects made on the way (the models, the analysis, the story) so that a command that
    ends the process right after (``cli.main.keep_until_exit``) need not free them one
    by one; nothing else is done with them."""
    from workbench.model.io import load_model
    from workbench.report.data import model_texts
    from workbench.report.fonts import code_points, missing_glyphs
    from workbench.report.visible import visible_model

    model = load_model(model_path)
    shown, escaped = visible_model(model)
    missing = missing_glyphs(model_texts(shown))
    if escaped and warn is not None:
        warn(f"{model_path}: {escaped} text field(s) hold control or invisible characters; "
             "the report shows them as escapes (\\x07, \\u202e)")
    if missing and warn is not None:
        warn(f"{model_path}: the report font has no glyph for {missing[:40]!r} "
             f"({code_points(missing)}); these characters print as empty boxes")
    raw = model_path.read_bytes()
    earlier = load_model(since) if since is not None else None
    if keep is not None:
        keep((model, shown, earlier))
    pdf = build_report(model, raw=raw, audience=audience, lang=lang, since=earlier,
                       since_label=since.name if since is not None else "", keep=keep)
    write_bytes_atomic(out, pdf)
    return len(pdf)
