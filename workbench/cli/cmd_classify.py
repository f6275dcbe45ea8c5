"""``workbench classify FILE [ELEMENT STENCIL] [--json] [--stencils]``.

Without an element: the elements an import left to classify (``[unmapped]``), exit 0 even
when some remain. With one: changes its stencil (:func:`workbench.model.reclassify.
change_stencil`, the GUI's "Change Type…") and saves the model atomically (``.bak`` kept).
A bad element or stencil id is one line naming it, exit 1, file untouched.
"""

from __future__ import annotations

import argparse

from workbench.cli.common import load, print_json, save
from workbench.cli.main import CliError
from workbench.model.enums import LAYER_ORDER
from workbench.model.reclassify import (
    UNMAPPED_MARKER,
    ReclassifyError,
    change_stencil,
    stencil_change_notes,
    to_classify,
)
from workbench.model.stencils import default_stencils


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("classify", help="list the elements an import left to classify, "
                                             "or change one element's stencil")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("element", metavar="ELEMENT_ID", nargs="?")
    parser.add_argument("stencil", metavar="STENCIL_ID", nargs="?")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--stencils", action="store_true",
                        help="also list the stencil ids by layer")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    model = load(args.file, for_update=args.element is not None)
    stencils = default_stencils()
    if args.element is None:
        _print_list(args, model, stencils)
        return 0
    if args.stencil is None:
        raise CliError(f"{args.file}: give the stencil for {args.element!r} "
                       f"(workbench classify FILE ELEMENT_ID STENCIL_ID)")
    old = model.component(args.element)
    try:
        notes = stencil_change_notes(model, args.element, args.stencil, stencils)
        new = change_stencil(model, args.element, args.stencil, stencils)
    except ReclassifyError as exc:
        raise CliError(f"{args.file}: {exc}") from None
    if new is not model:
        save(new, args.file)
    comp = new.component(args.element)
    left = to_classify(new)
    if args.json:
        print_json({"file": args.file, "element": comp.id, "from": old.stencil,
                    "to": comp.stencil, "layer": comp.layer.value, "changed": new is not model,
                    "notes": notes, "unmapped": [i.to_json() for i in left]})
        return 0
    print(f"{comp.id} {comp.name!r}: {old.stencil} -> {comp.stencil} ({comp.layer.value})")
    for note in notes:
        print(f"note: {note}")
    print(f"{len(left)} still to classify" + (f": {', '.join(i.id for i in left)}"
                                               if left else ""))
    return 0


def _print_list(args: argparse.Namespace, model, stencils) -> None:
    items = to_classify(model)
    by_layer = {layer.value: [s.id for s in stencils.by_layer(layer)] for layer in LAYER_ORDER}
    if args.json:
        data: dict[str, object] = {"file": args.file, "unmapped": [i.to_json() for i in items]}
        if args.stencils:
            data["stencils"] = by_layer
        print_json(data)
        return
    if items:
        print(f"to classify ({len(items)}):")
        for item in items:
            why = item.note.removeprefix(UNMAPPED_MARKER).strip()
            sure = f", {item.confidence} confidence" if item.confidence else ""
            print(f"  {item.id} {item.name!r} [{item.stencil}, {item.layer.value}{sure}] {why}")
    else:
        print("nothing to classify")
    if args.stencils:
        for layer, ids in by_layer.items():
            print(f"{layer}: {', '.join(ids)}")
