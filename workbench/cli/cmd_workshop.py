"""``workbench workshop export|summary|agenda FILE``: minutes, vote aggregation, walkthrough."""

from __future__ import annotations

import argparse
import sys

from workbench.cli.common import load, output_path, print_json, write_output
from workbench.cli.main import CliError
from workbench.model.threat_model import ThreatModel
from workbench.model.workshop import WorkshopSession


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("workshop", help="workshop sessions stored in a model")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write a session's minutes as Markdown")
    export.add_argument("file", metavar="FILE")
    export.add_argument("-o", "--output", metavar="OUT.md", help="default: stdout")
    export.add_argument("--force", action="store_true",
                        help="allow -o to replace an existing model file")
    export.add_argument("--session", metavar="ID", help="session id (default: the latest)")
    export.add_argument("--lang", choices=("en", "fr"), default="en",
                        help="language of the minutes (default: en)")
    export.set_defaults(handler=run_export)
    summary = actions.add_parser("summary", help="median, spread and consensus per item")
    summary.add_argument("file", metavar="FILE")
    summary.add_argument("--session", metavar="ID", help="session id (default: the latest)")
    summary.add_argument("--json", action="store_true")
    summary.set_defaults(handler=run_summary)
    agenda = actions.add_parser("agenda", help="walkthrough order with STRIDE/LINDDUN "
                                               "questions and suggested threats")
    agenda.add_argument("file", metavar="FILE")
    agenda.add_argument("--json", action="store_true")
    agenda.set_defaults(handler=run_agenda)


def pick_session(model: ThreatModel, source: str, ident: str | None) -> WorkshopSession:
    sessions = model.workshops or []
    if not sessions:
        raise CliError(f"{source}: the model holds no workshop session")
    if ident is None:
        return max(sessions, key=lambda s: s.date)
    for session in sessions:
        if session.id == ident:
            return session
    raise CliError(f"{source}: no workshop session {ident!r} (have: "
                   f"{', '.join(s.id for s in sessions)})")


def run_export(args: argparse.Namespace) -> int:
    from workbench.workshop import session_markdown

    out = None if args.output is None else output_path(args.output, args.file, force=args.force)
    model = load(args.file)
    text = session_markdown(model, pick_session(model, args.file, args.session), args.lang)
    if out is None:
        sys.stdout.write(text)
        return 0
    write_output(out, text)
    print(f"wrote {out}", file=sys.stderr)
    return 0


def run_summary(args: argparse.Namespace) -> int:
    from workbench.workshop import check_session, summarize_session

    model = load(args.file)
    session = pick_session(model, args.file, args.session)
    summaries = summarize_session(session)
    problems = check_session(model, session)
    if args.json:
        print_json({"session": session.id, "items": [s.to_json() for s in summaries],
                    "problems": [p.format() for p in problems]})
        return 0
    print(f"{session.title} ({session.date.isoformat()}), {len(session.participants)} "
          f"participants")
    for s in summaries:
        dims = ", ".join(f"{d.dimension} median {d.median:g} range {d.low}-{d.high}"
                         + (" DISAGREE" if d.disagreement else "") for d in s.dimensions)
        decided = (f"consensus by {', '.join(s.item.consensus.decided_by)}"
                   if s.item.consensus else "no consensus")
        print(f"  {s.item.title or s.item.threat or s.item.element}: {dims or 'no votes'}; "
              f"{decided}")
    for p in problems:
        print(f"warning: {p.format(args.file)}", file=sys.stderr)
    return 0


def run_agenda(args: argparse.Namespace) -> int:
    from workbench.analysis.pipeline import analyze
    from workbench.workshop import build_agenda

    model = load(args.file)
    result = analyze(model)  # the board's ranking and levels, not a second estimate
    stops = build_agenda(result.model, result)
    if args.json:
        print_json([s.to_json() for s in stops])
        return 0
    for n, stop in enumerate(stops, start=1):
        print(f"{n}. [{stop.layer}] {stop.name} ({stop.element}): {len(stop.threats)} "
              f"suggested threats")
        for tid, title in stop.threats:
            if tid in stop.ranks:
                print(f"     {stop.levels[tid]}, #{stop.ranks[tid]} on the board's ranking: "
                      f"{title}")
        for q in stop.questions:
            print(f"     {q.framework} {q.category} {q.name}: {q.text}")
    return 0
