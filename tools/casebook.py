"""Print how many of the incident casebook's conclusions hold (the README quotes it).

    .venv/bin/python tools/casebook.py [--verbose]

Each conclusion of ``tests/casebook/*.expect.json`` is checked on the product's own analysis
(``tests/casebook/evaluate.py``); the last line is ``casebook: X of Y conclusions hold``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.casebook import evaluate as casebook  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="print what was found")
    args = parser.parse_args(argv)
    held = total = 0
    by_kind: dict[str, list[int]] = {}
    for case in casebook.cases():
        print(f"{case}: {casebook.expectations(case)['title']}")
        for conclusion in casebook.conclusions():
            if conclusion.case != case:
                continue
            verdict = casebook.evaluate(conclusion)
            total += 1
            held += verdict.holds
            counts = by_kind.setdefault(conclusion.kind, [0, 0])
            counts[0] += verdict.holds
            counts[1] += 1
            mark = "holds  " if verdict.holds else "NOT YET"
            print(f"  {mark} {conclusion.id:<15} {conclusion.kind}"
                  + (f"  [{verdict.detail}]" if args.verbose or not verdict.holds else ""))
    print("per kind: " + "; ".join(f"{kind} {h} of {n}" for kind, (h, n) in by_kind.items()))
    print(f"casebook: {held} of {total} conclusions hold")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
