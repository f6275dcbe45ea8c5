"""Does the risk judgement discriminate? Levels and compromise spread, samples and casebook.

For each of the six sample models and each case of the incident casebook
(``tests/casebook/*.twm.json``), prints:

- the share of counted threats per level before controls (inherent), with the controls in
  place (residual) and with every planned control (projected), and how many levels are used;
- per attacker, the compromise probability of the targets (declared and derived) it
  reaches: how many it reaches, min / median / max;
- the goals of issue 12 beside the figures, and whether each is met.

Goals (issue 12, item 6), on the samples:
- at most 15 % of counted threats critical after controls (projected: every planned control
  in place; an analyst's own rating counts as given);
- at least three levels in use after controls;
- attackers separated where their access differs: on the median target, the attacker most
  likely to compromise it and the one least likely differ by at least 0.25 (a proximate
  radio attacker at 0.9 on an unauthenticated pump and a remote one several steps away
  well below pass; every attacker between 0.82 and 0.99 on every target fails). The span
  of the attackers' medians is printed too, without a goal.

Everything goes through the same core calls as ``workbench analyze --json --seed 1``
(``pipeline.analyze`` then ``attack.analyze_attacks``), so the figures are the product's.

    .venv/bin/python benchmarks/discrimination.py [--samples-only | --casebook-only]
        [--seed 1] [--worlds 10000] [FILE ...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.analysis.attack import analyze_attacks  # noqa: E402
from workbench.analysis.catalog import default_catalog  # noqa: E402
from workbench.analysis.pipeline import analyze  # noqa: E402
from workbench.model import load_model  # noqa: E402
from workbench.model.templates import samples_dir  # noqa: E402

CASEBOOK = ROOT / "tests" / "casebook"
LEVELS = ("critical", "high", "moderate", "low", "none")
MAX_CRITICAL = 0.15
MIN_LEVELS = 3
MIN_SEPARATION = 0.25


@dataclass
class Figures:
    """What one model's analysis says about discrimination."""

    name: str
    counted: int
    shares: dict[str, dict[str, float]]  # stage -> level -> share of counted threats
    attackers: dict[str, list[float]] = field(default_factory=dict)  # id -> probabilities
    targets: int = 0

    def levels_used(self, stage: str) -> int:
        return sum(1 for share in self.shares[stage].values() if share > 0)

    def medians(self) -> dict[str, float]:
        return {a: statistics.median(p) for a, p in self.attackers.items() if p}

    def median_span(self) -> float | None:
        """Highest minus lowest of the attackers' median compromise probabilities."""
        medians = list(self.medians().values())
        return max(medians) - min(medians) if len(medians) >= 2 else None

    def separation(self) -> float | None:
        """Median, over the targets some attacker reaches, of the gap between the attacker
        most and least likely to compromise it: 0 when every attacker is equally placed."""
        if len(self.attackers) < 2:
            return None
        per_target = list(zip(*self.attackers.values(), strict=True))
        gaps = [max(col) - min(col) for col in per_target if max(col) > 0]
        return statistics.median(gaps) if gaps else None


def measure(path: Path, seed: int, worlds: int) -> Figures:
    """Analyse one model as ``workbench analyze --json --seed S`` does."""
    model = load_model(path)
    result = analyze(model, default_catalog())
    summary = result.summary()
    counted = summary["counted"]
    shares = {}
    for stage in ("inherent", "residual", "projected"):
        counts = summary[f"{stage}_levels"]
        shares[stage] = {lv: (counts.get(lv, 0) / counted if counted else 0.0) for lv in LEVELS}
    figures = Figures(name=path.name.removesuffix(".twm.json"), counted=counted, shares=shares)
    attack = analyze_attacks(result.model, result.catalog, risks=result.threats, seed=seed,
                             samples=worlds, recommend=False, sensitivity=False)
    figures.targets = len(attack.target_results)
    for row in attack.target_results:
        for attacker, probability in (row.get("by_attacker") or {}).items():
            figures.attackers.setdefault(attacker, []).append(float(probability))
    return figures


def _pct(x: float) -> str:
    return f"{100 * x:5.1f} %"


def _mark(ok: bool) -> str:
    return "met" if ok else "MISSED"


def report(fig: Figures, judge: bool = True) -> dict[str, bool]:
    """Print one model's block; returns the goals it meets (none when ``judge`` is off:
    the goals are set for the samples, and the casebook's models carry no controls)."""
    print(f"\n{fig.name}: {fig.counted} counted threats, {fig.targets} targets")
    print(f"  {'':<10}" + "".join(f"{lv:>10}" for lv in LEVELS) + f"{'high+crit':>11}"
          f"{'levels':>8}")
    for stage in ("inherent", "residual", "projected"):
        share = fig.shares[stage]
        print(f"  {stage:<10}" + "".join(f"{_pct(share[lv]):>10}" for lv in LEVELS)
              + f"{_pct(share['critical'] + share['high']):>11}"
              + f"{fig.levels_used(stage):>8}")
    critical = fig.shares["projected"]["critical"]
    used = fig.levels_used("projected")
    goals = {"critical": critical <= MAX_CRITICAL, "levels": used >= MIN_LEVELS}
    if not judge:
        goals = {}
    else:
        print(f"  goal: at most {MAX_CRITICAL:.0%} critical after controls: "
              f"{round(critical * fig.counted)} of {fig.counted} ({100 * critical:.2f} %) "
              f"-> {_mark(goals['critical'])}; at least "
              f"{MIN_LEVELS} levels: {used} -> {_mark(goals['levels'])}")
    if fig.attackers:
        print("  compromise probability of targets, per attacker "
              "(reached/targets  min / median / max):")
        for attacker, probs in sorted(fig.attackers.items(),
                                      key=lambda kv: -statistics.median(kv[1])):
            reached = sum(1 for p in probs if p > 0)
            print(f"    {attacker:<22} {reached:>3}/{len(probs):<3} "
                  f"{min(probs):.2f} / {statistics.median(probs):.2f} / {max(probs):.2f}")
        pairs = [p for probs in fig.attackers.values() for p in probs if p > 0]
        if pairs:
            high = sum(1 for p in pairs if p >= 0.9) / len(pairs)
            print(f"  attacker/target pairs reached at 0.9 or more: {_pct(high).strip()} "
                  f"of {len(pairs)} (no goal; near 100 % means the numbers saturate)")
    spread, span = fig.separation(), fig.median_span()
    if span is not None:
        print(f"  attackers' medians span {span:.2f} (no goal)")
    if spread is not None and judge:
        goals["separated"] = spread >= MIN_SEPARATION
        print(f"  goal: attackers separated (median over targets of the gap between the most "
              f"and least likely attacker >= {MIN_SEPARATION}): {spread:.2f} -> "
              f"{_mark(goals['separated'])}")
    return goals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--samples-only", action="store_true")
    parser.add_argument("--casebook-only", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--worlds", type=int, default=10_000)
    args = parser.parse_args(argv)
    groups: list[tuple[str, list[Path]]] = []
    if args.files:
        groups.append(("files", args.files))
    else:
        if not args.casebook_only:
            groups.append(("samples", sorted(samples_dir().glob("*.twm.json"))))
        if not args.samples_only:
            groups.append(("casebook", sorted(CASEBOOK.glob("*.twm.json"))))
    for group, paths in groups:
        print(f"==== {group} ({len(paths)} models; seed {args.seed}, {args.worlds} worlds)")
        met: dict[str, list[bool]] = {}
        for path in paths:
            figures = measure(path, args.seed, args.worlds)
            for goal, ok in report(figures, judge=group != "casebook").items():
                met.setdefault(goal, []).append(ok)
        if met:
            print(f"\n{group}: goals met: " + "; ".join(
                f"{goal} {sum(oks)} of {len(oks)}" for goal, oks in met.items()))
        else:
            print(f"\n{group}: figures only (the goals are set for the samples; these "
                  "models carry no controls, so before and after are the same)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
