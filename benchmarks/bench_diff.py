"""Benchmark: ``workbench diff`` on two versions of a large estate, against the old diff.

Version 1 is the synthetic estate of ``gen_synthetic`` (default 5,000 components, about as
many flows, no targets, so every component is reported); version 2 renames 20 elements,
changes a property on 20 and removes 20 (with their flows). Both versions are diffed with
risk (``diff_models``) and without (``with_risk=False``), and the same pair with the
previous algorithm, copied here as the baseline (it ran in the same process on the same
models): every item dumped twice to compare, a scan of every threat for every target, and
the attack engine scoring every threat again. Both must give the same result.

    .venv/bin/python benchmarks/bench_diff.py [--components 5000] [--no-baseline]

Figures vary with the machine's load (the shared 2-core machine runs nine engineers'
tests); each run prints its own, with the load average.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_synthetic import synthetic_model  # noqa: E402

from workbench.analysis import diff  # noqa: E402
from workbench.model.threat_model import ThreatModel  # noqa: E402


def versions(components: int) -> tuple[ThreatModel, ThreatModel]:
    v1 = ThreatModel.model_validate(synthetic_model(components).model_dump())
    comps = list(v1.components)
    devices = [i for i, c in enumerate(comps) if c.layer.value == "thing"]
    for i in devices[:20]:
        comps[i] = comps[i].model_copy(update={"name": comps[i].name + " (v2)"})
    for i in devices[20:40]:
        props = comps[i].properties.model_copy(update={"legacy": not comps[i].properties.legacy})
        comps[i] = comps[i].model_copy(update={"properties": props})
    gone = {comps[i].id for i in devices[-20:]}
    kept = [c for c in comps if c.id not in gone]
    flows = [f for f in v1.flows if f.source not in gone and f.target not in gone]
    v2 = ThreatModel.model_validate(v1.model_copy(update={"components": kept,
                                                          "flows": flows}).model_dump())
    return v1, v2


# ------------------------------------------------------------- the previous algorithm ------
def old_diff_collection(old: list[Any], new: list[Any], key: str) -> diff.CollectionDiff:
    before = {getattr(i, key): i for i in old}
    after = {getattr(i, key): i for i in new}
    out = diff.CollectionDiff()
    for ident, item in after.items():
        if ident not in before:
            out.added.append(diff.ItemChange(ident, diff._label(item)))
        else:
            changes = diff.field_changes(before[ident], item)
            if changes:
                out.changed.append(diff.ItemChange(ident, diff._label(item), changes))
    out.removed = [diff.ItemChange(ident, diff._label(item)) for ident, item in before.items()
                   if ident not in after]
    return out


def old_target_risk(model: ThreatModel) -> tuple[diff.TargetRiskTable, str]:
    from workbench.analysis.pipeline import analyze

    result = analyze(model)
    risks = [r for r in result.threats if r.counted]
    model = result.model
    attack = diff._attack_risk(model)  # the engine scores every threat again
    names = {c.id: c.name for c in model.components}
    targets = [(t.id, t.name or names.get(t.element, t.element), t.element)
               for t in model.targets]
    if not targets and attack:
        targets = [(tid, names.get(a["element"], a["element"]), a["element"])
                   for tid, a in attack.items()]
    if not targets:
        targets = [(c.id, c.name, c.id) for c in model.components]
    touching: dict[str, set[str]] = {}
    for fl in model.flows:
        for end in (fl.source, fl.target):
            touching.setdefault(end, set()).add(fl.id)
    out = {}
    for ident, label, element in targets:
        elements = {element} | touching.get(element, set())
        mine = [r for r in risks if r.instance.element in elements]  # every risk, each target
        worst = max(mine, key=lambda r: r.current.score, default=None)
        value: dict[str, Any] = {"score": worst.current.score if worst else 0,
                                 "level": worst.current.level if worst else "none",
                                 "total": sum(r.current.score for r in mine),
                                 "threats": len(mine)}
        if attack is not None and ident in attack:
            value["probability"] = attack[ident]["probability"]
        out[ident] = (label, value)
    return out, ""


def old_diff(a: ThreatModel, b: ThreatModel) -> diff.ModelDiff:
    collections = {name: old_diff_collection(getattr(a, name), getattr(b, name), key)
                   for name, key in diff.COLLECTIONS}
    before, _ = old_target_risk(a)
    after, _ = old_target_risk(b)
    return diff.ModelDiff(collections, diff.field_changes(a.metadata, b.metadata),
                          diff.compare_risk(before, after), "")


def timed(fn, *args, **kwargs) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--components", type=int, default=5000)
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip the previous algorithm (about ten times slower)")
    args = parser.parse_args(argv)
    a, b = versions(args.components)
    print(f"models: {len(a.components)} / {len(b.components)} components, "
          f"{len(a.flows)} / {len(b.flows)} flows; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")
    t_struct, structural = timed(diff.diff_models, a, b, with_risk=False)
    t_full, full = timed(diff.diff_models, a, b)
    moved = sum(1 for r in full.risk if r.moved)
    print(f"diff --no-risk: {t_struct:.2f} s; diff --jobs 1: {t_full:.1f} s "
          f"({len(full.risk)} targets, {moved} moved)", flush=True)
    t_par, par = timed(diff.diff_models, a, b, jobs=2)
    print(f"diff --jobs 2 (two processes): {t_par:.1f} s; same result: "
          f"{[r.to_json() for r in par.risk] == [r.to_json() for r in full.risk]}",
          flush=True)
    if not args.no_baseline:
        t_old_struct = timed(lambda: {n: old_diff_collection(getattr(a, n), getattr(b, n), k)
                                      for n, k in diff.COLLECTIONS})[0]
        t_old, old = timed(old_diff, a, b)
        same = ([r.to_json() for r in old.risk] == [r.to_json() for r in full.risk]
                and {k: v.to_json() for k, v in old.collections.items()}
                == {k: v.to_json() for k, v in full.collections.items()})
        print(f"baseline (previous diff): --no-risk {t_old_struct:.2f} s; full {t_old:.1f} s; "
              f"now x{t_old / t_full:.1f} faster with risk, "
              f"x{t_old_struct / max(t_struct, 1e-9):.1f} without; same result: {same}")
        if not same:
            return 1
    del structural
    return 0


if __name__ == "__main__":
    sys.exit(main())
