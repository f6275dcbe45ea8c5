"""``workbench catalog threats|controls|check``: list the knowledge base or validate it.

``--catalog FILE`` (repeatable) adds an organisation's own catalog file, which is how a user
checks their extension before sharing it.
"""

from __future__ import annotations

import argparse
import sys

from workbench.analysis.catalog import Catalog, check_catalog, load_catalog
from workbench.cli.common import print_json
from workbench.model.defaults import IMPACT_CATEGORIES


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("catalog", help="list threat and control catalogs, or check them")
    parser.add_argument("what", choices=("threats", "controls", "check"),
                        help="threats or controls to list them; check to validate")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--layer", choices=("thing", "gateway", "network", "cloud", "flow"),
                        help="only entries for this layer")
    parser.add_argument("--catalog", action="append", default=[], metavar="FILE",
                        help="also load this user catalog file (repeatable)")
    parser.add_argument("--emb3d", metavar="MAPPING.json",
                        help="with check: compare the EMB3D ids and threat-control links with "
                             "MITRE EMB3D's threats_properties_mitigations_mappings.json")
    parser.add_argument("--verbose", action="store_true",
                        help="with check --emb3d: list the links that are project judgement")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.catalog)
    if args.what == "check":
        return _check(catalog, args)
    if args.what == "threats":
        items = sorted((t for t in catalog.threats.values() if _threat_in_layer(t, args.layer)),
                       key=_threat_order)
        if args.json:
            print_json([t.model_dump(mode="json", by_alias=True, exclude_none=True)
                        for t in items])
        else:
            for t in items:
                where = "flow" if t.applies_to == "flow" else ",".join(
                    lay.value for lay in t.layers) or "any"
                flag = " [safety]" if t.patient_safety else ""
                print(f"{t.id:<44} {''.join(s.value for s in t.stride):<4} {where:<16} "
                      f"{t.title}{flag}")
            print(f"{len(items)} threat types")
        return 0
    items = [c for c in catalog.controls.values()
             if args.layer in (None, *[lay.value for lay in c.layers])]
    if args.json:
        print_json([c.model_dump(mode="json", exclude_none=True) for c in items])
    else:
        for c in items:
            print(f"{c.id:<32} {c.kind:<8} {c.effectiveness:<4} {c.cost:<6} {c.title}")
        print(f"{len(items)} controls")
    return 0


_ORDER = {"thing": 0, "gateway": 1, "network": 2, "cloud": 3}


def _threat_order(threat) -> tuple[int, str]:
    """Things to cloud, flows last, as the four-layer model reads."""
    if threat.applies_to == "flow" or not threat.layers:
        return (4, threat.id)
    return (min(_ORDER[lay.value] for lay in threat.layers), threat.id)


def _threat_in_layer(threat, layer: str | None) -> bool:
    if layer is None:
        return True
    if layer == "flow":
        return threat.applies_to == "flow"
    return threat.applies_to == "component" and (
        not threat.layers or layer in {lay.value for lay in threat.layers})


def _check(catalog: Catalog, args: argparse.Namespace) -> int:
    """Loading already validated fields, rules and cross references; report deeper checks."""
    problems = check_catalog(catalog, [c for c, _, _ in IMPACT_CATEGORIES])
    for problem in problems:
        print(f"catalog: {problem.path}: {problem.message}", file=sys.stderr)
    links = sum(len(catalog.controls_for(t)) for t in catalog.threats)
    emb3d = _check_emb3d(catalog, args.emb3d) if args.emb3d else None
    if args.json:
        print_json({"threats": len(catalog.threats), "controls": len(catalog.controls),
                     "links": links, "problems": [p.format("catalog") for p in problems],
                     **({"emb3d": emb3d.to_json()} if emb3d else {})})
    else:
        print(f"{len(catalog.threats)} threats, {len(catalog.controls)} controls, "
              f"{len(catalog.adjustments)} likelihood adjustments, {links} threat-control "
              f"links: {'ok' if not problems else f'{len(problems)} problem(s)'}")
    if emb3d is not None and not args.json:
        for problem in emb3d.unknown:
            print(f"catalog: {problem.path}: {problem.message}", file=sys.stderr)
        print(f"EMB3D: {emb3d.cited} ids cited, "
              f"{'all known' if not emb3d.unknown else f'{len(emb3d.unknown)} unknown'}; "
              f"{len(emb3d.supported)} of {emb3d.links} threat-control links where both cite "
              f"EMB3D are EMB3D's own mappings, {len(emb3d.judgement)} are project judgement"
              + ("" if args.verbose else " (--verbose lists them)"))
        if args.verbose:
            for threat, control in emb3d.judgement:
                print(f"  judgement: {threat} <- {control}")
    return 1 if problems or (emb3d and emb3d.unknown) else 0


def _check_emb3d(catalog: Catalog, path: str):
    from workbench.analysis.emb3d import check_against_emb3d, load_emb3d

    return check_against_emb3d(catalog, load_emb3d(path))
