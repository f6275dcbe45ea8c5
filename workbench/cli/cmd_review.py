"""``workbench review FILE`` — the vendor review checklist, read or filled in.

Without an edit option: every item that applies to the model, by category, with severity,
answer (unanswered = unknown) and evidence, then the counts per answer and the gaps,
blocking first — the figures of :func:`workbench.analysis.review.review_summary`, which
the reports print too. With ``--set ITEM=ANSWER`` (and ``--evidence``, ``--note``, ``--by``,
``--on``), ``--clear ITEM``, or ``--vendor``/``--reviewer``/``--date``: one edit through
:mod:`workbench.model.review_edits` (the GUI's Vendor Review dock calls the same
functions), saved atomically with a ``.bak``; a bad item, answer or date is one line naming
it, exit 1, and the file is left untouched.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from workbench.analysis.review import (
    SEVERITY_ORDER,
    Checklist,
    ReviewLine,
    ReviewSummary,
    default_checklist,
    review_summary,
)
from workbench.cli.common import load, print_json, save
from workbench.cli.main import CliError
from workbench.model.review_edits import (
    ANSWER_VALUES,
    ReviewEditError,
    answer_of,
    clear_answer,
    parse_answer,
    set_answer,
    update_review,
)
from workbench.model.threat_model import ThreatModel

#: Why an item with ``applies_if`` is left out, in the words of the model's declarations.
NOT_APPLICABLE_WHY = {"health_data": "no health data declared or held by its elements",
                      "medical_device": "no medical device declared or drawn"}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "review", help="show the vendor review checklist with the model's answers, or "
                       "answer one item (--set ITEM=ANSWER)",
        description="Without --set/--clear/--vendor/--reviewer/--date: print the checklist "
                    "and the answers. Answers: " + ", ".join(ANSWER_VALUES) + ".")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="print the review as JSON")
    edit = parser.add_argument_group("answering (the model is saved, FILE.bak kept)")
    edit.add_argument("--set", metavar="ITEM=ANSWER",
                      help="answer one checklist item, e.g. --set sbom=partial")
    edit.add_argument("--clear", metavar="ITEM", help="remove the answer to ITEM (unknown again)")
    edit.add_argument("--evidence", metavar="TEXT", help="what the vendor showed (with --set)")
    edit.add_argument("--note", metavar="TEXT", help="reviewer's note (with --set)")
    edit.add_argument("--by", metavar="NAME",
                      help="who answered (with --set; default: the review's reviewer)")
    edit.add_argument("--on", metavar="YYYY-MM-DD", help="date of the answer (default: today)")
    edit.add_argument("--vendor", metavar="NAME", help="vendor under review")
    edit.add_argument("--reviewer", metavar="NAME", help="who reviews")
    edit.add_argument("--date", metavar="YYYY-MM-DD", help="date of the review")
    parser.set_defaults(handler=run)


def _date(option: str, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CliError(f"{option}: {value!r} is not a date (YYYY-MM-DD)") from None


def _check_options(args: argparse.Namespace) -> tuple[str | None, str | None]:
    """(item, answer) of ``--set``; option mistakes fail before the model is read."""
    if args.set is not None and args.clear is not None:
        raise CliError("--set and --clear: give one of them")
    if args.set is None:
        for option in ("evidence", "note", "by", "on"):
            if getattr(args, option) is not None:
                raise CliError(f"--{option} needs --set ITEM=ANSWER")
        return None, None
    item, sep, answer = args.set.partition("=")
    if not sep or not item.strip():
        raise CliError(f"--set: {args.set!r} is not ITEM=ANSWER (e.g. --set sbom=partial)")
    try:
        parse_answer(answer)
    except ReviewEditError as exc:
        raise CliError(f"--set {item.strip()}: {exc}") from None
    return item.strip(), answer


def run(args: argparse.Namespace) -> int:
    item, answer = _check_options(args)
    review_date, answered_on = _date("--date", args.date), _date("--on", args.on)
    model = load(args.file, for_update=item is not None or args.clear is not None
                 or any(v is not None for v in (args.vendor, args.reviewer, review_date)))
    checklist = default_checklist()
    known = {i.id for i in checklist.items}
    record_changes = {key: value for key, value in (
        ("vendor", args.vendor), ("reviewer", args.reviewer), ("date", review_date))
        if value is not None}
    before = model
    try:
        if record_changes:
            model = update_review(model, record_changes)
        previous = None
        if item is not None:
            old = answer_of(model, item)
            previous = old.answer.value if old else None
            changes: dict[str, Any] = {"answer": answer}
            for key, value in (("evidence", args.evidence), ("note", args.note),
                               ("answered_on", answered_on)):
                if value is not None:
                    changes[key] = value
            by = args.by if args.by is not None else (model.review.reviewer
                                                      if model.review else None)
            if by is not None:
                changes["answered_by"] = by
            model = set_answer(model, item, changes, known_items=known)
        elif args.clear is not None:
            item = args.clear
            old = answer_of(model, item)
            previous = old.answer.value if old else None
            model = clear_answer(model, item, known_items=known)
    except ReviewEditError as exc:
        raise CliError(f"{args.file}: {exc}") from None
    changed = model is not before
    if changed:
        save(model, args.file)
    summary = review_summary(model, checklist, _analysis(model))
    if args.json:
        data = review_json(model, summary, args.file)
        if item is not None or record_changes:
            now = answer_of(model, item) if item else None
            data["edit"] = {"item": item, "previous": previous,
                            "answer": now.answer.value if now else None, "saved": changed}
        print_json(data)
        return 0
    if item is not None or record_changes:
        _print_edit(args.file, model, item, previous, changed, summary)
        return 0
    _print_review(args.file, model, summary, checklist)
    return 0


def _analysis(model: ThreatModel):
    """The core analysis of the model (rules and risk, no attack paths): gaps are ranked
    by the board rank of the threats they leave unanswered. None if it cannot run."""
    from workbench.analysis.pipeline import analyze

    try:
        return analyze(model)
    except Exception:  # noqa: BLE001 - the checklist is still worth printing unranked
        return None


# --- output ---------------------------------------------------------------------------------

def review_json(model: ThreatModel, summary: ReviewSummary, file: str) -> dict[str, Any]:
    """The review as documented in docs/interop.md ("workbench review --json")."""
    data = summary.to_json()
    record = model.review
    answers = {a.item: a for a in (record.answers if record else [])}
    for entry, line in zip(data["items"], summary.lines, strict=True):
        given = answers.get(line.item.id)
        entry.update(title_fr=line.item.title_fr, applies_if=line.item.applies_if,
                     answered_by=given.answered_by if given else None,
                     answered_on=given.answered_on.isoformat() if given and given.answered_on
                     else None)
    gaps = summary.gaps
    return {"file": file, "checklist": data["checklist"], "version": data["version"],
            "started": record is not None, "vendor": data["vendor"],
            "reviewer": data["reviewer"],
            "date": record.date.isoformat() if record and record.date else None,
            "applicable": sum(line.applicable for line in summary.lines),
            "counts": data["counts"], "met_ratio": data["met_ratio"],
            "gaps": [line.item.id for line in gaps],
            "blocking_gaps": data["blocking_gaps"],
            "major_gaps": [line.item.id for line in gaps if line.item.severity == "major"],
            "items": data["items"], "unknown_items": data["unknown_items"]}


def counts_line(summary: ReviewSummary) -> str:
    counts = summary.counts
    tally = ", ".join(f"{key} {value}" for key, value in counts.items())
    return f"answers: {tally} ({sum(counts.values())} applicable items); " \
           f"met {summary.met_ratio:.0%}"


def gaps_line(summary: ReviewSummary) -> str:
    by_severity = {sev: 0 for sev in SEVERITY_ORDER}
    for line in summary.gaps:
        by_severity[line.item.severity] += 1
    return f"gaps: {len(summary.gaps)} (" + ", ".join(
        f"{sev} {n}" for sev, n in by_severity.items()) + ")"


def _print_review(file: str, model: ThreatModel, summary: ReviewSummary,
                  checklist: Checklist) -> None:
    record = model.review
    if record is None:
        print(f"{file}: no vendor review yet (every item counts as unknown)")
    else:
        facts = [f"vendor {record.vendor or '?'}", f"reviewer {record.reviewer or '?'}"]
        if record.date:
            facts.append(record.date.isoformat())
        print(f"{file}: vendor review — " + " · ".join(facts))
    print(f"checklist {checklist.id} {checklist.version}: {len(summary.lines)} items")
    categories: dict[str, list[ReviewLine]] = {}
    for line in summary.lines:
        if line.applicable:
            categories.setdefault(line.item.category, []).append(line)
    for category, lines in categories.items():
        print(f"\n{category}")
        for line in lines:
            severity = line.item.severity.upper() if line.item.severity == "blocking" \
                else line.item.severity
            print(f"  {line.answer.value:<14} {severity:<8} {line.item.id}: {line.item.title}")
            if line.evidence:
                print(f"  {'':<23} evidence: {line.evidence}")
            if line.note:
                print(f"  {'':<23} note: {line.note}")
    left_out = [line for line in summary.lines if not line.applicable]
    if left_out:
        print(f"\nnot applicable to this model ({len(left_out)}): " + ", ".join(
            f"{line.item.id} ({NOT_APPLICABLE_WHY.get(line.item.applies_if or '', '')})"
            for line in left_out))
    print()
    print(counts_line(summary))
    print(gaps_line(summary))
    for severity in ("blocking", "major"):
        lines = [line for line in summary.gaps if line.item.severity == severity]
        if lines:
            print(f"{severity} gaps: " + ", ".join(f"{line.item.id} ({line.answer.value})"
                                                   for line in lines))
    ranked = [line for line in summary.gaps if line.rank is not None]
    if ranked:
        print("gaps by what they leave open (board rank, level, threat):")
        for line in ranked:
            print(f"  {line.item.severity:<8} {line.item.id}: #{line.rank} {line.level} "
                  f"{line.threat}")
    if summary.unknown_items:
        print("answers to items the checklist no longer has: "
              + ", ".join(summary.unknown_items))


def _print_edit(file: str, model: ThreatModel, item: str | None, previous: str | None,
                changed: bool, summary: ReviewSummary) -> None:
    if item is not None:
        now = answer_of(model, item)
        print(f"{item}: {now.answer.value if now else 'unanswered'} "
              f"(was {previous or 'unanswered'})")
        if now is not None and now.evidence:
            print(f"  evidence: {now.evidence}")
    record = model.review
    if record is not None:
        print(f"review: vendor {record.vendor or '?'} · reviewer {record.reviewer or '?'}"
              + (f" · {record.date.isoformat()}" if record.date else ""))
    print(f"saved {file}" if changed else f"{file}: nothing changed")
    print(counts_line(summary))
    print(gaps_line(summary))
