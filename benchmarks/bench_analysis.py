"""Benchmark: rule engine and risk scoring on a large estate, against a naive baseline.

The naive baseline evaluates every catalog rule on facts rebuilt from scratch for each
(threat type, element) pair, scanning all flows each time, which is what a straightforward
engine does; the workbench builds the facts of each element once (``FactIndex``) and scores
threats with lookups built once per run (``risk.ModelIndex``). Both run in the same process,
on the same model, and must find the same suggestions.

Re-analysis after an edit (``--edit-elements``, default 300 and 1000): the GUI re-runs
``analyze`` after each edit; the risk scores come from the memo (``risk_memo``), the
reference scores every threat afresh (``assess(..., memo=False)``), both in this process on
the same edited model, checked equal.

    .venv/bin/python benchmarks/bench_analysis.py [--elements 400] [--baseline-elements 400]
        [--edit-elements 300 1000] [--runs 7]
"""

from __future__ import annotations

import argparse
import functools
import gc
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_synthetic import synthetic_model  # noqa: E402

from workbench.analysis import pipeline  # noqa: E402
from workbench.analysis.catalog import load_catalog  # noqa: E402
from workbench.analysis.pipeline import analyze  # noqa: E402
from workbench.analysis.risk import assess  # noqa: E402
from workbench.analysis.rules import find_suggestions  # noqa: E402
from workbench.model import (  # noqa: E402
    DataAsset,
    Flow,
    Metadata,
    ThreatModel,
    TrustZone,
    default_stencils,
)
from workbench.model.defaults import default_risk_settings  # noqa: E402
from workbench.model.edits import update_component  # noqa: E402
from workbench.model.enums import AssetKind, Layer, ZoneKind  # noqa: E402
from workbench.model.facts import FactIndex  # noqa: E402


def build(n: int, seed: int = 7) -> ThreatModel:
    """n components of every stencil, spread over four zones, with about 2n flows."""
    rng = random.Random(seed)
    stencils = [s for s in default_stencils() if not s.id.startswith("generic-")]
    zones = [TrustZone(id=f"z{i}", name=f"zone {i}", kind=k, trust_level=t)
             for i, (k, t) in enumerate([(ZoneKind.PATIENT_HOME, 3), (ZoneKind.HOSPITAL, 6),
                                         (ZoneKind.VENDOR_CLOUD, 7), (ZoneKind.PARTNER, 4)])]
    assets = [DataAsset(id="phi", name="Health record", kind=AssetKind.HEALTH_DATA,
                        personal=True, special_category=True, confidentiality=4),
              DataAsset(id="cmd", name="Therapy settings", kind=AssetKind.THERAPY_SETTINGS,
                        integrity=4, impact={"patient_safety": 4})]
    comps = []
    for i in range(n):
        st = stencils[i % len(stencils)]
        comp = st.instantiate(f"c{i}", zone=rng.choice(zones).id)
        if rng.random() < 0.3:
            comp.properties.data_assets = ["phi"]
        comps.append(comp)
    nets = [c.id for c in comps if c.layer == Layer.NETWORK]
    ends = [c.id for c in comps if c.layer != Layer.NETWORK]
    flows = []
    for j in range(2 * n):
        a, b = rng.sample(ends, 2)
        flows.append(Flow(id=f"f{j}", source=a, target=b, via=[rng.choice(nets)],
                          encrypted=rng.random() < 0.6, authenticated=rng.random() < 0.5,
                          data_assets=rng.choice([["phi"], ["cmd"], []])))
    return ThreatModel(metadata=Metadata(title="bench"), risk=default_risk_settings(),
                       zones=zones, data_assets=assets, components=comps, flows=flows)


def naive_suggestions(model: ThreatModel, catalog) -> set[str]:
    stencils = default_stencils()
    found = set()
    for threat in catalog.threats.values():
        items = model.components if threat.applies_to == "component" else model.flows
        for item in items:
            index = FactIndex(model, stencils)  # facts rebuilt from scratch every time
            if threat.applies_to == "component":
                facts = index.component(item)
                if threat.layers and item.layer.value not in {x.value for x in threat.layers}:
                    continue
                if threat.stencils and item.stencil not in threat.stencils:
                    continue
            else:
                facts = index.flow(item)
            if threat.when is None or threat.when.evaluate(facts):
                found.add(f"{threat.id}@{item.id}")
    return found


def timed(fn, *args):
    gc.collect()  # garbage of earlier steps is not this step's cost
    start = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - start


def reanalysis(n: int, catalog, runs: int) -> None:
    """Median time of ``analyze`` after a rename, with the risk memo and without it.

    As in the GUI (benchmarks/bench_gui.py): the model was analysed once before the edit.
    """
    model = synthetic_model(n).model_copy(update={"risk": default_risk_settings()})
    analyze(model, catalog)
    target = model.components[len(model.components) // 2].id
    memo_t, fresh_t = [], []
    for i in range(runs):
        model = update_component(model, target, {"name": f"Renamed {i}"})
        memo, t_memo = timed(analyze, model, catalog)
        try:
            pipeline.assess = functools.partial(assess, memo=False)
            fresh, t_fresh = timed(analyze, model, catalog)
        finally:
            pipeline.assess = assess
        assert memo.to_json() == fresh.to_json(), "memo and fresh scoring disagree"
        memo_t.append(t_memo)
        fresh_t.append(t_fresh)
        threats = len(memo.threats)
        del memo, fresh  # a window holds one analysis, not every past one
    med_memo, med_fresh = statistics.median(memo_t), statistics.median(fresh_t)
    print(f"re-analysis after one edit, {len(model.components)} components / "
          f"{len(model.flows)} flows, {threats} threats ({runs} runs, medians): "
          f"{med_memo * 1000:.0f} ms; without the risk memo {med_fresh * 1000:.0f} ms "
          f"({med_fresh / med_memo:.1f}x)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--elements", type=int, default=400)
    parser.add_argument("--baseline-elements", type=int, default=400)
    parser.add_argument("--edit-elements", type=int, nargs="*", default=[300, 1000])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    catalog = load_catalog(include_user_env=False)
    default_stencils()
    small = build(args.baseline_elements)
    ours, t_ours = timed(lambda m: {s.key for s in find_suggestions(m, catalog)}, small)
    naive, t_naive = timed(naive_suggestions, small, catalog)
    assert ours == naive, "engine and baseline disagree"
    print(f"rules on {len(small.components)} components / {len(small.flows)} flows: "
          f"{len(ours)} suggestions; engine {t_ours:.3f} s, naive baseline {t_naive:.3f} s "
          f"({t_naive / t_ours:.0f}x)")
    big = build(args.elements)
    result, t_all = timed(analyze, big, catalog)
    print(f"analyze() on {len(big.components)} components / {len(big.flows)} flows: "
          f"{len(result.threats)} threats suggested and scored in {t_all:.2f} s")
    del big, result  # each section starts with the same heap (the GC walks all of it)
    for n in args.edit_elements:
        reanalysis(n, catalog, args.runs)


if __name__ == "__main__":
    main()
