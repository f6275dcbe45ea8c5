"""The plan's bundles (``recommend._bundles``), the greedy run once per distinct set of
rows with options named by rank (``_local_rows``, ``_close_easiest``), against the plain
greedy per element, effect and view (kept below as the oracle)."""

from __future__ import annotations

import pytest

from tests.analysis.test_fast_paths import MODELS
from workbench.analysis.attack import analyze_attacks, recommend
from workbench.analysis.attack.evidence import Candidate, usable
from workbench.analysis.attack.plan_screen import Row
from workbench.analysis.catalog import load_catalog
from workbench.analysis.pipeline import analyze

CASES = [m for m in MODELS if "insulin" in m[0] or "ward" in m[0]] + [
    m for m in MODELS if m[0] == "synthetic-300-0"]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(include_user_env=False)


def _residual(row, chosen):
    value = row.base
    for c in chosen:
        value *= row.factor.get(c, 1.0)
    return value


def _plain_bundles(table, singles, focus, exposure, weight, views=None):
    """The greedy per (element, effect, view), candidates by id (the code before)."""
    out, score, seen = {}, {}, set()
    cost = {c: singles[c].cost for c in recommend._focus_options(table, focus)
            if c in singles and singles[c].kind in recommend.PREVENTIVE}
    work = [(e, effect, view) for e in sorted(focus) for effect in sorted(focus[e])
            for view in (views or [None])]
    for e, effect, view in work:
        rows = [r for r in table.rows(e) if effect in r.effects
                and (r.threat is None or usable(r.threat, view))]
        if not rows:
            continue
        start = max(r.base for r in rows)
        top = [r for r in rows if r.base >= start - 1e-12]
        touching = sorted({c for r in top for c, f in r.factor.items()
                           if f < 1.0 and c in cost})
        anchors = sorted(touching, key=lambda c: (
            -sum(r.factor.get(c, 1.0) < 1.0 for r in top) / max(cost[c], 1e-9),
            cost[c], c))[:recommend.MAX_ANCHORS]
        for anchor in anchors:
            chosen = [anchor]
            now = start
            for _ in range(recommend.BUNDLE_LEVELS):
                while True:
                    open_rows = [r for r in rows if _residual(r, chosen) >= now - 1e-12]
                    if not open_rows:
                        break
                    options = sorted({c for r in open_rows for c, f in r.factor.items()
                                      if f < 1.0 and c in cost and c not in chosen})
                    if not options:
                        break
                    chosen.append(min(options, key=lambda c: (
                        -sum(r.factor.get(c, 1.0) < 1.0 for r in open_rows)
                        / max(cost[c], 1e-9), cost[c], c)))
                after = max(_residual(r, chosen) for r in rows)
                if after >= now - 1e-12:
                    break
                key = frozenset(chosen)
                if len(chosen) >= 2 and key not in seen:
                    seen.add(key)
                    members = tuple(chosen)
                    total = round(sum(cost[c] for c in members), 2)
                    bid = f"{recommend.BUNDLE_PREFIX}{e}:{effect}:{'+'.join(members)}"
                    names = " + ".join(singles[c].title.removesuffix(f" on {e}")
                                       for c in members)
                    out[bid] = recommend.BundleCandidate(
                        bid, f"Close the easiest ways onto {e}: {names}", total,
                        {x for c in members for x in singles[c].elements},
                        members=members, anchor=anchor, element=e, effect=effect,
                        drop=start - after)
                    score[bid] = (exposure.get(e, 0.0) * weight.get(e, 1)
                                  * (start - after) / max(total, 1e-9))
                now = after
    return out, score


def _same(got, want):
    assert list(got[0]) == list(want[0])  # same bundles in the same order
    for bid, b in want[0].items():
        assert vars(got[0][bid]) == vars(b), bid
    assert list(got[1].items()) == list(want[1].items())


@pytest.mark.parametrize(("name", "model"), CASES, ids=[n for n, _ in CASES])
def test_bundles_per_distinct_rows_are_the_plain_greedys(name, model, catalog, monkeypatch):
    calls = []
    bundles = recommend._bundles

    def recorded(*args):
        out = bundles(*args)
        calls.append((args, out))
        return out

    monkeypatch.setattr(recommend, "_bundles", recorded)
    result = analyze(model, catalog)
    analyze_attacks(result.model, result.catalog, risks=result.threats, seed=1,
                    sensitivity=False)
    assert calls
    for args, out in calls:
        _same(out, _plain_bundles(*args))
        assert out[0]
    if name.startswith("synthetic"):  # elements of one kind share their greedy
        args = calls[0][0]
        keys = set()
        work = 0
        for e, effects in args[2].items():
            for effect in effects:
                for view in args[5] or [None]:
                    rows = [r for r in args[0].rows(e) if effect in r.effects
                            and (r.threat is None or usable(r.threat, view))]
                    if rows:
                        work += 1
                        keys.add(recommend._local_rows(rows, {
                            c: 1.0 for r in rows for c in r.factor})[1])
        assert len(keys) * 2 < work


class _Table:
    """A screening table of hand-made rows (``rows`` is all ``_bundles`` reads)."""

    def __init__(self, rows: dict[str, list[Row]]):
        self._rows = rows

    def rows(self, element):
        return self._rows.get(element, [])


def _row(base, factor):
    return Row(frozenset({"control"}), base, base, factor)


def test_elements_with_equal_rows_but_other_costs_or_id_orders_get_their_own_bundles():
    """Four elements with the same threats: on ``b`` the options' costs differ, on ``c``
    their ids sort the other way round (ties go to the smaller id), on ``d`` all is as on
    ``a``: each element's bundles are what the plain greedy gives for it."""
    spec = {"a": (("x", 1.0), ("y", 1.0), ("z", 2.0)),
            "b": (("x", 3.0), ("y", 1.0), ("z", 1.0)),
            "c": (("z", 1.0), ("y", 1.0), ("x", 2.0)),
            "d": (("x", 1.0), ("y", 1.0), ("z", 2.0))}
    rows, singles = {}, {}
    for e, options in spec.items():
        for name, cost in options:
            singles[f"k:{name}@{e}"] = Candidate(f"k:{name}@{e}", f"{name} on {e}", cost,
                                                 {e}, kind="prevent")
        one, two, three = (f"k:{name}@{e}" for name, _ in options)
        rows[e] = [_row(0.9, {one: 0.5, two: 0.5}), _row(0.9, {two: 0.5, three: 0.2}),
                   _row(0.9, {one: 0.5, three: 0.2}), _row(0.4, {three: 0.5})]
    table = _Table(rows)
    focus = {e: {"control"} for e in spec}
    exposure = dict.fromkeys(spec, 0.5)
    got = recommend._bundles(table, singles, focus, exposure, {})
    _same(got, _plain_bundles(table, singles, focus, exposure, {}))
    position = {f"k:{name}@{e}": k for e, options in spec.items()
                for k, (name, _) in enumerate(options)}
    made = {e: [tuple(position[c] for c in b.members)
                for b in got[0].values() if b.element == e] for e in spec}
    assert made["a"] == made["d"]
    assert made["a"] != made["b"] and made["a"] != made["c"]
