"""``workbench actors FILE [--json]``: who attacks from where, and what they are after.

The attack analysis starts from attacker profiles (the model's own, or the six built-in
ones) and their entry points (explicit elements plus an entry rule), and aims at targets
(declared, plus those derived from the model: safety functions, health-data stores, care
services). This prints what the analysis will use, resolved, as the window's "Attackers,
Targets and Data" dock shows it; edit them there or in the file.
"""

from __future__ import annotations

import argparse

from workbench.cli.common import load, print_json


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("actors", help="attackers with their resolved entry points, and "
                                           "targets (declared and derived)")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from workbench.analysis.attack.attackers import attacker_profiles, resolve_entries
    from workbench.analysis.attack.targets import resolve_targets
    from workbench.model.stencils import default_stencils

    model = load(args.file)
    stencils = default_stencils()
    profiles = attacker_profiles(model)
    entries = resolve_entries(model, profiles, stencils)
    own = {a.id for a in model.attackers}
    targets = resolve_targets(model, stencils)
    names = {c.id: c.name for c in model.components}
    if args.json:
        print_json({
            "attackers": [{"id": a.id, "name": a.name, "capability": a.capability,
                           "source": "model" if a.id in own else "built-in",
                           "entry_elements": entries.get(a.id, []),
                           "has_entry_rule": a.entry_rule is not None}
                          for a in profiles],
            "targets": [t.to_json() for t in targets]})
        return 0
    print(f"attackers ({len(profiles)}"
          + ("" if own else ", the built-in profiles: the model declares none") + "):")
    for a in profiles:
        where = entries.get(a.id, [])
        source = "" if a.id in own else " [built-in]"
        print(f"  {a.id} {a.name!r}{source}, capability {a.capability:.0%}: "
              + (f"starts at {len(where)}: " + ", ".join(names.get(e, e) for e in where)
                 if where else "no entry point in this model"))
    print(f"targets ({len(targets)}):")
    for t in targets:
        how = " [derived]" if t.derived else ""
        print(f"  {t.id} {t.kind}: {t.name or names.get(t.element, t.element)} "
              f"({t.element}){how}")
    return 0
