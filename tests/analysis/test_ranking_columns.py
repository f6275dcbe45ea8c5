"""The ranking's array path (:func:`group_threats` orders all copies in one sort over
their figures and reads each group's stats from the same arrays) against the plain one:
each group's copies sorted by ``_copy_key``, its row read from its properties."""

from __future__ import annotations

import dataclasses
import random
import sys
from pathlib import Path

import pytest

from workbench.analysis import ranking
from workbench.analysis.catalog import load_catalog
from workbench.analysis.pipeline import analyze
from workbench.analysis.ranking import ThreatGroup, group_threats, grouped_rankings
from workbench.model.io import load_model

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from gen_synthetic import synthetic_model  # noqa: E402

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))


def _plain_groups(risks) -> list[ThreatGroup]:
    """Group by id in first-appearance order, each group sorted by its copy key."""
    groups: dict[str, list] = {}
    for risk in risks:
        groups.setdefault(ranking._group_id(risk), []).append(risk)
    out = []
    for gid, members in groups.items():
        members.sort(key=ranking._copy_key)
        out.append(ThreatGroup(gid, ranking._title(members[0]), members))
    return out


def _plain_ranking(risks, context: bool) -> list[ThreatGroup]:
    chosen = [r for r in risks if r.counted and r.context == context]
    return ranking._new_harms_first(sorted(_plain_groups(chosen), key=ThreatGroup.rank_key))


def _same(fast: list[ThreatGroup], plain: list[ThreatGroup]) -> None:
    assert [g.catalog_id for g in fast] == [g.catalog_id for g in plain]
    for f, p in zip(fast, plain, strict=True):
        assert f.title == p.title
        assert [id(t) for t in f.threats] == [id(t) for t in p.threats]
        assert f.stats is not None and p.stats is None
        assert f.rank_key() == p.rank_key()
        row, plain_row = f.to_json(), p.to_json()
        assert row == plain_row and list(row) == list(plain_row)
        # the same objects where a maximum picks one copy's value
        assert f.stats.inherent is p.inherent and f.stats.projected is p.projected


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(include_user_env=False)


@pytest.mark.parametrize("source", [p.name for p in SAMPLES] + ["synthetic-1000"])
def test_rankings_match_the_plain_grouping(source, catalog):
    model = (synthetic_model(1000, seed=2) if source == "synthetic-1000"
             else load_model(next(p for p in SAMPLES if p.name == source)))
    result = analyze(model, catalog)
    treat, context = grouped_rankings(result)  # per row shape (ranking._row_profiles)
    assert ranking._row_profiles(result) is not None
    _same(treat, _plain_ranking(result.threats, False))
    _same(context, _plain_ranking(result.threats, True))
    _same(ranking.grouped_ranking(result), _plain_ranking(result.threats, False))
    _same(ranking.grouped_ranking(result, context=True), _plain_ranking(result.threats, True))
    _same(group_threats(result.threats), _plain_groups(result.threats))
    # a list of risks, or a result whose risks were changed, is read copy by copy
    assert ranking._row_profiles(result.threats) is None
    changed = dataclasses.replace(result, threats=result.threats)
    changed.threats.append(changed.threats[0])
    assert ranking._row_profiles(changed) is None


def test_ties_and_shuffled_figures_keep_the_stable_order(catalog):
    """Copies whose figures are drawn from a few values (many ties, equal keys too): the
    one sort keeps the order of sorting each group by ``_copy_key`` (stable)."""
    result = analyze(load_model(SAMPLES[0]), catalog)
    pool = [r for r in result.threats if r.threat_type is not None][:40]
    values = [r.current for r in pool] + [r.inherent for r in pool]
    rng = random.Random(7)
    risks = []
    for _ in range(600):
        base = rng.choice(pool)
        inst = base.instance.model_copy(update={
            "key": f"k{rng.randrange(50)}", "element": f"e{rng.randrange(9)}",
            "catalog_id": rng.choice(pool).instance.catalog_id})
        risks.append(dataclasses.replace(
            base, instance=inst, current=rng.choice(values), inherent=rng.choice(values),
            projected=rng.choice(values), exposure=rng.choice([None, 0.0, 0.25, 0.5, 1.0]),
            finding=rng.random() < 0.3, mass_harm=rng.random() < 0.3,
            direct_harm=rng.random() < 0.2, harm_distance=rng.randrange(3),
            impact={**base.impact, "patient_safety": rng.randrange(5)}))
    _same(group_threats(risks), _plain_groups(risks))
    _same(grouped_rankings(risks)[0], _plain_ranking(risks, False))
    assert group_threats([]) == [] and grouped_rankings([]) == ([], [])


@pytest.mark.parametrize("source", [SAMPLES[0].name, "synthetic-1000"])
def test_rankings_read_per_row_shape_are_the_rankings(source, catalog):
    """``analyze --json`` reads the ranking's figures once per row shape: the same groups,
    order, stats and rows as reading them per copy; and a change of any figure the
    ranking reads changes the row shape."""
    from workbench.analysis.pipeline import _row_shape, _ThreatRows

    model = (synthetic_model(1000, seed=6) if source == "synthetic-1000"
             else load_model(SAMPLES[0]))
    result = analyze(model, catalog)
    rows = _ThreatRows(result.threats, catalog)
    assert len(rows.firsts) < len(result.threats)
    for fast, plain in zip(grouped_rankings(result, (rows.firsts, rows.shape_of)),
                           grouped_rankings(list(result.threats)), strict=True):
        assert [g.catalog_id for g in fast] == [g.catalog_id for g in plain]
        for f, p in zip(fast, plain, strict=True):
            assert [id(t) for t in f.threats] == [id(t) for t in p.threats]
            assert f.rank_key() == p.rank_key() and f.to_json() == p.to_json()
    a, b = result.threats[0], result.threats[-1]
    for name in ranking.PROFILE_FIGURES:
        other = dataclasses.replace(a, **{name: getattr(b, name)})
        if getattr(b, name) is not getattr(a, name) and getattr(b, name) != getattr(a, name):
            assert _row_shape(other) != _row_shape(a), name
    flipped = dataclasses.replace(a, direct_harm=not a.direct_harm)
    assert _row_shape(flipped) != _row_shape(a)


def test_rankings_per_row_shape_with_statuses_context_and_no_catalog_id(catalog):
    """Counted, context and group ids read once per row shape: rejected and context
    copies, and copies with neither catalog id nor title (grouped by their keys), give
    the groups, order and rows of reading them per copy."""
    from workbench.analysis.pipeline import _ThreatRows
    from workbench.model.enums import ThreatStatus

    result = analyze(synthetic_model(300, seed=8), catalog)
    rng = random.Random(11)
    risks = []
    for risk in result.threats:
        roll = rng.random()
        if roll < 0.1:
            inst = risk.instance.model_copy(update={"status": ThreatStatus.REJECTED})
            risk = dataclasses.replace(risk, instance=inst)
        elif roll < 0.2:
            risk = dataclasses.replace(risk, context=True)
        elif roll < 0.23:
            inst = risk.instance.model_copy(update={"catalog_id": "", "title": ""})
            risk = dataclasses.replace(risk, instance=inst, threat_type=None)
        risks.append(risk)
    rows = _ThreatRows(risks, catalog)
    fast = grouped_rankings(risks, (rows.firsts, rows.shape_of))
    plain = grouped_rankings(risks)
    assert fast[1] and any(g.catalog_id == g.worst.key for g in fast[0])
    for f_groups, p_groups in zip(fast, plain, strict=True):
        assert [g.catalog_id for g in f_groups] == [g.catalog_id for g in p_groups]
        for f, p in zip(f_groups, p_groups, strict=True):
            assert [id(t) for t in f.threats] == [id(t) for t in p.threats]
            assert f.rank_key() == p.rank_key() and f.to_json() == p.to_json()
    rows = _ThreatRows([r for r in risks if r.instance.catalog_id], catalog)
    chosen = [r for r in risks if r.instance.catalog_id]
    for f_groups, p_groups in zip(grouped_rankings(chosen, (rows.firsts, rows.shape_of)),
                                  grouped_rankings(chosen), strict=True):
        assert [[id(t) for t in g.threats] for g in f_groups] == \
            [[id(t) for t in g.threats] for g in p_groups]
    # groups in the order they first appear among the chosen copies, as without profiles
    import numpy as np

    for wanted in (True, False):
        picked = [n for n, r in enumerate(chosen) if r.context == wanted]
        _same(group_threats([chosen[n] for n in picked],
                            (rows.firsts, np.asarray(rows.shape_of)[picked])),
              _plain_groups([chosen[n] for n in picked]))


@pytest.mark.parametrize("source", ["synthetic-300", "synthetic-300-context"])
def test_rankings_with_the_rows_keys_and_elements_are_the_rankings(source, catalog):
    """The rankings given each threat's key and element as lists (``analyze --json``'s
    row columns, from the merge's columns for its new instances) are the rankings that
    read them from the copies: same groups, copies, order, stats and rows."""
    from workbench.analysis.pipeline import _ThreatRows

    result = analyze(synthetic_model(300, seed=12), catalog)
    risks = result.threats
    if source == "synthetic-300-context":
        risks = [dataclasses.replace(r, context=True) if n % 7 == 0 else r
                 for n, r in enumerate(risks)]
    rows = _ThreatRows(risks, catalog, result.merge.fresh)
    assert rows.keys == [r.instance.key for r in risks]
    profiles = (rows.firsts, rows.shape_of)
    fast = grouped_rankings(risks, profiles, (rows.keys, rows.elements))
    plain = grouped_rankings(risks)
    assert fast[0] and (source == "synthetic-300" or fast[1])
    for f_groups, p_groups in zip(fast, plain, strict=True):
        _same_rows(f_groups, p_groups)
    _same(group_threats(risks, None, (rows.keys, rows.elements)), _plain_groups(risks))


def _same_rows(fast: list[ThreatGroup], plain: list[ThreatGroup]) -> None:
    assert [g.catalog_id for g in fast] == [g.catalog_id for g in plain]
    for f, p in zip(fast, plain, strict=True):
        assert [id(t) for t in f.threats] == [id(t) for t in p.threats]
        assert f.rank_key() == p.rank_key() and f.to_json() == p.to_json()
        assert f.stats is not None and f.stats.elements == p.elements
