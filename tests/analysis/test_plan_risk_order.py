"""The plan's risk-first order is computed without re-summing the risk vector per candidate
(``RiskTerm.removed`` sums the changed risks only): its gains must equal the whole sums'
difference up to float rounding, and the order must be the one the whole sums give."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.analysis.attack import recommend
from workbench.analysis.attack.plan_risk import LEVEL_VALUE, RiskTerm
from workbench.analysis.catalog import default_catalog
from workbench.analysis.pipeline import analyze
from workbench.analysis.risk import _after, _value
from workbench.model import default_stencils, load_model

SAMPLES = Path(__file__).resolve().parents[2] / "sample-models"


def test_removed_value_is_the_whole_sums_difference_for_every_candidate() -> None:
    """On the ward, every candidate's removed value against ``base.sum() - values.sum()``
    (a copy and a numpy sum of the whole vector), equal on ``GAIN_DIGITS`` decimals."""
    from workbench.analysis.attack.engine import _fundable

    result = analyze(load_model(SAMPLES / "hospital-ward-iomt.twm.json"), default_catalog(),
                     attack_graph=True)
    candidates = _fundable(result.model, result.catalog, result.attack_graph.candidates,
                           default_stencils())
    term = RiskTerm(result.model, result.catalog, result.threats, candidates)
    base = float(term.base_value.sum())
    moved = 0
    for cand in candidates.values():
        members = recommend._members(cand)
        whole = base - float(term.values(members).sum())
        assert round(term.removed(members), recommend.GAIN_DIGITS) == round(
            whole, recommend.GAIN_DIGITS), cand.id
        moved += whole > 1e-9
    assert moved > 50


def _plain_levels(term: RiskTerm, members) -> dict[int, str]:
    """Each risk the members act on, its level with all their controls on it (no memo,
    no per-member cache)."""
    extra: dict[int, list] = {}
    for m in sorted(set(members)):
        for i, c in term.acts.get(m, ()):
            extra.setdefault(i, []).append(c)
    out = {}
    for i, cs in extra.items():
        t = term.counted[i]
        controls = [c for c in t.controls if c.in_place] + cs
        lik, imp = _after(t.likelihood, t.impact, controls, term.scales)
        out[i] = _value(lik, imp, term.scales).level
    return out


def _risk_first_summing_every_vector(term, candidates) -> list[str]:
    """The order as computed before (a copy of the vector and numpy's sum per candidate)."""
    base = float(term.base_value.sum())
    gain = {}
    for cid, cand in candidates.items():
        if isinstance(cand, recommend.BundleCandidate):
            continue
        changed = _plain_levels(term, recommend._members(cand))
        out = term.base_value.copy()
        for k, i in enumerate(term.scored):
            if i in changed:
                out[k] = LEVEL_VALUE.get(changed[i], 0.0) * term.weight[k]
        g = base - float(out.sum())
        if g > 1e-9:
            gain[cid] = g
    _GAINS.clear()
    _GAINS.update(gain)
    return sorted(gain, key=lambda c: (-round(gain[c], recommend.GAIN_DIGITS),
                                       candidates[c].cost, c))


_GAINS: dict[str, float] = {}  # the reference's gains, read by the tie test below


@pytest.mark.parametrize("name", ["hospital-ward-iomt", "insulin-closed-loop"])
def test_risk_first_order_is_the_one_summing_every_vector(name: str, monkeypatch) -> None:
    """The ward's gains differ only in their last bits (3.6000000000000085 vs
    3.5999999999999943): the order must be the one numpy's sums give, compared on
    ``GAIN_DIGITS`` decimals, so such ties go to the cheaper candidate."""
    from workbench.analysis.attack import analyze_attacks

    seen: list[tuple[list[str], list[str]]] = []
    fast = recommend._risk_first

    seen_costs: dict[str, float] = {}

    def both(term: RiskTerm, candidates, pool):
        out = fast(term, candidates, pool)
        seen_costs.update({c: cand.cost for c, cand in candidates.items()})
        seen.append((out, _risk_first_summing_every_vector(term, candidates)))
        return out

    monkeypatch.setattr(recommend, "_risk_first", both)
    result = analyze(load_model(SAMPLES / f"{name}.twm.json"), default_catalog())
    analyze_attacks(result.model, result.catalog, risks=result.threats, seed=1,
                    sensitivity=False)
    assert len(seen) == 1
    out, plain = seen[0]
    out = list(out)  # the order's ids
    assert len(out) > 100
    assert out == plain
    # Equal removed value (to float rounding): the cheaper first, as documented. The ward's
    # provenance (10 person-days) and segmentation (27.5) on its pumps tie.
    gains, costs = dict(_GAINS), dict(seen_costs)
    ties = 0
    for a, b in zip(out, out[1:], strict=False):
        if abs(gains[a] - gains[b]) < 1e-9:
            ties += 1
            assert (costs[a], a) <= (costs[b], b), (a, b)
    assert ties > 0


def test_a_fleets_levels_are_its_members_together_and_fleets_are_checked() -> None:
    """A fleet's levels are merged from its members' (``RiskTerm._levels``); members
    acting on one risk together must get both controls on it, not one's level."""
    from workbench.analysis.attack.engine import _fundable

    model = load_model(SAMPLES / "hospital-ward-iomt.twm.json")
    result = analyze(model, default_catalog(), attack_graph=True)
    shared = result.attack_graph
    candidates = _fundable(result.model, result.catalog, shared.candidates,
                           default_stencils())
    term = RiskTerm(result.model, result.catalog, result.threats, candidates)
    fleets = [c for c in candidates.values() if isinstance(c, recommend.FleetCandidate)]
    assert fleets
    for fleet in fleets:
        assert term._levels(fleet.members) == _plain_levels(term, fleet.members)
    # two controls on the same risks: both count (the merge must not keep one)
    acting = [m for m, acts in term.acts.items() if acts]
    by_risk: dict[int, list[str]] = {}
    for m in acting:
        for i, _ in term.acts[m]:
            by_risk.setdefault(i, []).append(m)
    pair = next(ms[:2] for ms in by_risk.values() if len(set(ms)) >= 2)
    assert term._levels(pair) == _plain_levels(term, pair)
    assert term._levels(acting[:300]) == _plain_levels(term, acting[:300])


def test_grouped_removed_values_and_counts_are_the_plain_ones() -> None:
    """``removed_each`` (terms worked out once per control and element profile) gives
    :meth:`RiskTerm.removed`'s floats exactly, and ``counts`` (numpy) the Counter's dict,
    keys in their order of first occurrence; candidates' acts are built lazily."""
    from collections import Counter

    from workbench.analysis.attack import plan_risk
    from workbench.analysis.attack.engine import _fundable

    assert plan_risk.CATALOG_PREFIX == recommend.CATALOG_PREFIX
    result = analyze(load_model(SAMPLES / "hospital-ward-iomt.twm.json"), default_catalog(),
                     attack_graph=True)
    candidates = _fundable(result.model, result.catalog, result.attack_graph.candidates,
                           default_stencils())
    members = {cid: recommend._members(c) for cid, c in candidates.items()}
    grouped = RiskTerm(result.model, result.catalog, result.threats, candidates)
    plain = RiskTerm(result.model, result.catalog, result.threats, candidates)
    fast = grouped.removed_each(members)
    groups = sum(len(memo) for memo in grouped._term_memo.values())
    assert 0 < groups < sum(len(m) == 1 for m in members.values())
    assert fast == {cid: plain.removed(ms) for cid, ms in members.items()}
    again = grouped.removed_each(members)  # every group known: the inline memo hits
    assert again == fast and list(again) == list(fast)
    acting = sorted(plain.acts)
    for chosen in ([], acting[:1], acting[:40], acting):
        changed = plain._levels(chosen)
        want = dict(Counter(changed.get(i, lvl) for i, lvl in enumerate(plain.base)))
        got = grouped.counts(chosen)
        assert got == want and list(got) == list(want)


def test_values_are_the_per_risk_loop() -> None:
    """``RiskTerm.values`` (written with numpy) against the loop over the changed risks it
    replaced, bit for bit, for single candidates, fleets and a large set."""
    import numpy as np

    from workbench.analysis.attack.engine import _fundable

    result = analyze(load_model(SAMPLES / "hospital-ward-iomt.twm.json"), default_catalog(),
                     attack_graph=True)
    candidates = _fundable(result.model, result.catalog, result.attack_graph.candidates,
                           default_stencils())
    term = RiskTerm(result.model, result.catalog, result.threats, candidates)
    acting = sorted(term.acts)
    assert {i: k for i, k in enumerate(term._place_at.tolist()) if k >= 0} == term.place
    sets = [recommend._members(c) for c in candidates.values()] + [acting[:40], acting]
    for members in sets:
        plain = term.base_value.copy()
        for i, level in term._levels(members).items():
            k = term.place.get(i)
            if k is not None:
                plain[k] = LEVEL_VALUE.get(level, 0.0) * term.weight[k]
        assert term.values(members).tobytes() == plain.tobytes()
    assert not np.array_equal(term.values(acting), term.base_value)


@pytest.mark.parametrize("which", ["ward", "synthetic-300"])
def test_inputs_and_planned_controls_are_numbered_as_risk_by_risk(which: str) -> None:
    """``RiskTerm`` finds a risk's distinct inputs and planned controls once per shared
    impact dict and controls list: the same numbers, inputs and (risk, control) lists
    as reading every risk's content (the synthetic model's risks share their lists); its
    one pass (``_count``) keeps the ranked risks and files them by element as the
    separate passes did."""
    import sys

    from workbench.analysis.attack.engine import _fundable

    sys.path.insert(0, str(SAMPLES.parent / "benchmarks"))
    from gen_synthetic import synthetic_model

    model = (load_model(SAMPLES / "hospital-ward-iomt.twm.json") if which == "ward"
             else synthetic_model(300, seed=0))
    result = analyze(model, default_catalog(), attack_graph=True)
    candidates = _fundable(result.model, result.catalog, result.attack_graph.candidates,
                           default_stencils())
    term = RiskTerm(result.model, result.catalog, result.threats, candidates)
    ranked = [t for t in result.threats if t.ranked]  # the one pass's filter, plainly
    assert list(map(id, term.counted)) == list(map(id, ranked))
    assert len(ranked) < len(result.threats) or which != "ward"
    by_element: dict[str, list[int]] = {}
    for i, t in enumerate(ranked):
        by_element.setdefault(t.instance.element, []).append(i)
    assert list(term._by_element.items()) == list(by_element.items())
    distinct: dict[tuple, int] = {}
    keys, own = [], {}
    for i, t in enumerate(term.counted):
        inplace = [c for c in t.controls if c.in_place]
        key = (t.likelihood, tuple(t.impact.items()),
               tuple((c.effectiveness, c.reduces) for c in inplace))
        keys.append(distinct.setdefault(key, len(distinct)))
        for c in t.controls:
            if not c.in_place and c.control in candidates:
                own.setdefault(c.control, []).append((i, c))
    assert term._keys == keys and len(term._inputs) == len(distinct)
    assert term._own == own and (own or which != "ward")
    if which != "ward":
        assert len({id(t.controls) for t in term.counted}) < len(term.counted) / 2


@pytest.mark.parametrize("which", ["ward", "synthetic-300-decided"])
def test_a_term_read_per_fields_tuple_is_the_one_read_risk_by_risk(which: str) -> None:
    """``RiskTerm`` of the risk pass's own list (``risk_memo.SharedRisks``: context,
    inputs, planned controls, weight and profile parts once per fields tuple,
    ``_count_shared``) against the same risks as a plain list (read risk by risk): the
    same ranked risks, numbers, inputs, elements, planned controls, scored risks, weights,
    values and element profiles. The decided model has instances of one tuple with
    other statuses (some not counted)."""
    from tests.analysis.test_shared_risk_shapes import _decided
    from workbench.analysis.attack.engine import _fundable
    from workbench.analysis.risk_memo import SharedRisks

    model = (_synthetic("ward") if which == "ward"
             else _decided(_synthetic("synthetic-300"), 3))
    result = analyze(model, default_catalog(), attack_graph=True)
    assert isinstance(result.threats, SharedRisks) and result.threats.fields is not None
    candidates = _fundable(result.model, result.catalog, result.attack_graph.candidates,
                           default_stencils())
    shared = RiskTerm(result.model, result.catalog, result.threats, candidates)
    plain = RiskTerm(result.model, result.catalog, list(result.threats), candidates)
    assert shared._shared is not None and plain._shared is None
    assert list(map(id, shared.counted)) == list(map(id, plain.counted))
    assert 0 < len(shared.counted) < len(result.threats)
    assert shared._keys == plain._keys and shared._inputs == plain._inputs
    assert list(shared._by_element.items()) == list(plain._by_element.items())
    assert shared._own == plain._own and (shared._own or which != "ward")
    assert shared.base == plain.base and shared.scored == plain.scored
    assert shared.place == plain.place
    for name in ("weight", "base_value"):
        a, b = getattr(shared, name), getattr(plain, name)
        assert a.dtype == b.dtype and a.tobytes() == b.tobytes(), name
    assert shared._weights == plain._weights
    a, b = shared._classes(), plain._classes()  # one partition of the risks
    assert len(set(zip(a, b, strict=True))) == len(set(a)) == len(set(b)) < len(a)
    assert shared._profiles == plain._profiles
    assert len(set(shared._profiles.values())) < len(shared._profiles)


def _synthetic(which: str):
    import sys

    if which == "ward":
        return load_model(SAMPLES / "hospital-ward-iomt.twm.json")
    sys.path.insert(0, str(SAMPLES.parent / "benchmarks"))
    from gen_synthetic import synthetic_model

    return synthetic_model(300, seed=0)


@pytest.mark.parametrize("which", ["ward", "synthetic-300"])
def test_removed_for_candidate_objects_is_removed(which: str) -> None:
    """``removed_for`` (the candidates as objects, terms per control and element profile)
    gives :meth:`RiskTerm.removed`'s floats for every single and fleet; a candidate that
    is not the term's own object under its id takes the plain way (the same value)."""
    import dataclasses

    from workbench.analysis.attack.engine import _fundable

    result = analyze(_synthetic(which), default_catalog(), attack_graph=True)
    candidates = _fundable(result.model, result.catalog, result.attack_graph.candidates,
                           default_stencils())
    fast = RiskTerm(result.model, result.catalog, result.threats, candidates)
    plain = RiskTerm(result.model, result.catalog, result.threats, candidates)
    singles = [c for c in candidates.values() if not isinstance(c, recommend._GROUPED)]
    fleets = [c.members for c in candidates.values()
              if isinstance(c, recommend.FleetCandidate)]
    assert fleets
    stranger = dataclasses.replace(singles[0])  # equal, but not the term's own object
    one, grouped = fast.removed_for(singles + [stranger], fleets + [fleets[0][::-1]])
    assert one == [plain.removed((c.id,)) for c in singles + [stranger]]
    assert grouped == [plain.removed(ms) for ms in fleets + [fleets[0]]]
    assert fast.removed_for([], fleets)[1] == grouped[:-1]  # members not read as singles
    assert sum(g > 1e-9 for g in one) > 50


@pytest.mark.parametrize("which", ["ward", "synthetic-300"])
def test_element_profiles_group_as_the_per_risk_tuples(which: str) -> None:
    """Two elements share a profile number exactly when their risks, in order, have the
    same threat, listed catalog controls, distinct inputs and weight (read risk by
    risk, as ``_profile`` did element by element)."""
    from workbench.analysis.attack.engine import _fundable

    result = analyze(_synthetic(which), default_catalog(), attack_graph=True)
    candidates = _fundable(result.model, result.catalog, result.attack_graph.candidates,
                           default_stencils())
    term = RiskTerm(result.model, result.catalog, result.threats, candidates)
    plain: dict[str, tuple] = {}
    for element, risks in term._by_element.items():
        rows = []
        for i in risks:
            t = term.counted[i]
            k = term.place.get(i)
            rows.append((t.instance.catalog_id, tuple(c.catalog_id for c in t.controls),
                         term._keys[i], None if k is None else float(term.weight[k])))
        plain[element] = tuple(rows)
    profiles = term._profiles
    assert profiles.keys() == plain.keys()
    number: dict[tuple, int] = {}
    for element, rows in plain.items():
        assert number.setdefault(rows, profiles[element]) == profiles[element]
    assert len(set(profiles.values())) == len(number) < len(profiles)


@pytest.mark.parametrize("which", ["ward", "synthetic-300"])
def test_a_members_levels_from_its_template_are_the_plain_ones(which: str) -> None:
    """``_single`` places a catalog member's levels from the template of its (control,
    element profile): the same risks, levels and order as from its acts, risk by risk,
    for every candidate of the model (model controls, fleets and bundles included)."""
    from workbench.analysis.attack.engine import _fundable

    result = analyze(_synthetic(which), default_catalog(), attack_graph=True)
    candidates = _fundable(result.model, result.catalog, result.attack_graph.candidates,
                           default_stencils())
    term = RiskTerm(result.model, result.catalog, result.threats, candidates)
    plain = RiskTerm(result.model, result.catalog, result.threats, candidates)
    for cid in candidates:
        assert list(term._single(cid).items()) == list(plain._single_plain(cid).items()), cid
    sites = sum(term._catalog_site(cid) is not None for cid in candidates)
    assert 0 < len(term._templates) < sites


@pytest.mark.parametrize("which", ["ward", "synthetic-300"])
def test_removed_terms_per_risk_class_are_the_terms_from_the_members_levels(
        which: str) -> None:
    """``_removed_terms`` reads a catalog member's terms per (control, risk class): the
    same floats, in the same order, and the same sum as from its levels risk by risk
    (``_removed_terms_plain`` on a fresh term), for every candidate of the model (model
    controls, fleets and bundles take the plain way); and a term read after others
    (its classes' terms memoised by other elements' members) is the same too."""
    from workbench.analysis.attack.engine import _fundable

    result = analyze(_synthetic(which), default_catalog(), attack_graph=True)
    candidates = _fundable(result.model, result.catalog, result.attack_graph.candidates,
                           default_stencils())
    term = RiskTerm(result.model, result.catalog, result.threats, candidates)
    plain = RiskTerm(result.model, result.catalog, result.threats, candidates)
    ids = list(candidates)
    for cid in ids + ids[::-1]:
        assert term._removed_terms(cid) == _terms_risk_by_risk(plain, cid), cid
    sites = [cid for cid in ids if term._catalog_site(cid) is not None]
    checks = sum(len(term._by_element.get(term._catalog_site(cid)[1], ())) for cid in sites)
    memoised = sum(map(len, term._class_terms.values()))
    assert sites and 0 < memoised < checks
    assert any(t is None for m in term._class_terms.values() for t in m.values())
    assert sum(t is not None and t > 1e-9 for m in term._class_terms.values()
               for t in m.values()) > 10


def _terms_risk_by_risk(term: RiskTerm, cid: str) -> tuple[tuple[float, ...], float]:
    """What ``cid`` removes from each scored risk, from its levels worked out risk by
    risk (``_single_plain``: no template, no memo of terms), and their sum in order."""
    terms = []
    gain = 0.0
    for i, level in term._single_plain(cid).items():
        k = term.place.get(i)
        if k is not None:
            terms.append(float(term.base_value[k])
                         - LEVEL_VALUE.get(level, 0.0) * float(term.weight[k]))
            gain += terms[-1]
    return tuple(terms), gain


def _sharing_sets(candidates) -> list[list[str]]:
    """Member sets whose members act on one risk together: the candidates of one element
    (up to 40 elements), pairs of consecutive fleets, and all fleets' members at once."""
    fleets = sorted((c for c in candidates.values()
                     if isinstance(c, recommend.FleetCandidate)), key=lambda c: c.id)
    by_element: dict[str, list[str]] = {}
    for cid, c in candidates.items():
        if not isinstance(c, recommend._GROUPED) and len(c.elements) == 1:
            by_element.setdefault(next(iter(c.elements)), []).append(cid)
    sets = [ms for ms in by_element.values() if len(ms) > 1][:40]
    sets += [a.members + b.members for a, b in zip(fleets, fleets[1:], strict=False)]
    sets.append([m for f in fleets for m in f.members])
    return sets


@pytest.mark.parametrize("which", ["ward", "synthetic-300"])
def test_levels_of_members_sharing_risks_are_the_plain_ones(which: str) -> None:
    """Members acting on one risk together (two controls on one element, fleets of two
    controls on one kind of device): ``_levels`` (a catalog member's acts from its levels'
    keys and one control per catalog id) against every control put on every risk."""
    from workbench.analysis.attack.engine import _fundable

    result = analyze(_synthetic(which), default_catalog(), attack_graph=True)
    candidates = _fundable(result.model, result.catalog, result.attack_graph.candidates,
                           default_stencils())
    term = RiskTerm(result.model, result.catalog, result.threats, candidates)
    plain = RiskTerm(result.model, result.catalog, result.threats, candidates)  # its acts
    sets = _sharing_sets(candidates)
    shared = 0
    for members in sets:
        assert list(term._levels(members).items()) == list(
            _plain_levels(plain, members).items())
        shared += len(term._levels(members)) < sum(len(term._single(m)) for m in set(members))
    assert shared > 5
    assert term._applied_controls  # some members' acts were read from their levels' keys


def _plain_lowered(term: RiskTerm, before, after) -> list[dict[str, str]]:
    """``RiskTerm.lowered`` as the loop over ``_levels``' dicts it was."""
    old, new = term._levels(before), term._levels(after)
    out = []
    for i in sorted(new):
        was = old.get(i, term.base[i])
        if new[i] != was:
            out.append({"threat": term.counted[i].key, "from": was, "to": new[i]})
    return out


@pytest.mark.parametrize("grouped", [True, False])
@pytest.mark.parametrize("which", ["ward", "synthetic-300"])
def test_set_levels_as_arrays_are_the_merged_levels(which: str, grouped: bool,
                                                    monkeypatch) -> None:
    """``RiskTerm._set_levels`` (the members' level arrays concatenated; the risks two
    members act on grouped by inputs and control sequence, or without control numbers
    risk by risk) against ``_levels``' dict merged member by member; ``lowered`` and
    ``counts`` (from the arrays) against the dicts' loops, on single candidates, fleets,
    members sharing an element, pairs of fleets on one kind and all of them."""
    from collections import Counter

    from workbench.analysis.attack.engine import _fundable

    if not grouped:  # no member counts as one control: the risk-by-risk route
        monkeypatch.setattr(RiskTerm, "_control_number", lambda self, c: -1)
    result = analyze(_synthetic(which), default_catalog(), attack_graph=True)
    candidates = _fundable(result.model, result.catalog, result.attack_graph.candidates,
                           default_stencils())
    term = RiskTerm(result.model, result.catalog, result.threats, candidates)
    plain = RiskTerm(result.model, result.catalog, result.threats, candidates)
    acting = sorted(plain.acts)
    sets = [recommend._members(c) for c in list(candidates.values())[:200]]
    sets += _sharing_sets(candidates) + [acting[:300], acting, []]
    shared = 0
    for members in sets:
        risks, codes = term._set_levels(members)
        names = [term._level_names[k] for k in codes.tolist()]
        got = dict(zip(risks.tolist(), names, strict=True))
        want = plain._levels(members)
        assert len(got) == risks.size and got == want
        shared += len(want) < sum(len(plain._single(m)) for m in set(members))
        counted = dict(Counter(want.get(i, lvl) for i, lvl in enumerate(plain.base)))
        assert term.counts(members) == counted and list(term.counts(members)) == list(counted)
    assert shared > 5
    assert bool(term._numbered_controls) == grouped
    for before, after in zip(sets, sets[1:], strict=False):
        assert term.lowered(before, after) == _plain_lowered(plain, before, after)
    assert term.lowered([], acting) == _plain_lowered(plain, [], acting) != []


def test_a_member_with_two_controls_on_one_risk_is_no_one_control_member() -> None:
    """A member acting twice on one risk (two of its controls there) has no control
    number: a set where it shares that risk takes the risk-by-risk route, both its
    controls counted, as ``_levels`` counts them."""
    from workbench.analysis.attack.engine import _fundable

    result = analyze(_synthetic("ward"), default_catalog(), attack_graph=True)
    candidates = _fundable(result.model, result.catalog, result.attack_graph.candidates,
                           default_stencils())
    terms = [RiskTerm(result.model, result.catalog, result.threats, candidates)
             for _ in range(2)]
    own = sorted(terms[0]._own)
    pairs = [(m, o) for m in own for o in sorted(terms[0].acts)
             if o != m and {i for i, _ in terms[0].acts[o]} & {terms[0].acts[m][0][0]}]
    assert pairs
    m, other = pairs[0]
    for term in terms:
        acts = term._acts_of(m)
        term._acts[m] = acts + acts[:1]  # its first control twice on its first risk
    term, plain = terms
    assert term._arrays_of(m)[2] == -1 and term._arrays_of(other)[2] >= 0
    risks, codes = term._set_levels([m, other])
    got = dict(zip(risks.tolist(), [term._level_names[k] for k in codes.tolist()],
                   strict=True))
    assert got == plain._levels([m, other])


@pytest.mark.parametrize("which", ["ward", "synthetic-300-decided"])
def test_todays_counts_from_the_term_are_the_risks_current_levels(which: str) -> None:
    """``note_levels`` reads today's counts from the term (``Counter(term.base)``): the
    same counter, keys in the same order, as each ranked risk's ``current`` level read
    from the risk objects, with the risk pass's own list (per fields tuple) and a plain
    one; the note written either way is the same."""
    from tests.analysis.test_shared_risk_shapes import _decided
    from workbench.analysis.attack.engine import _fundable
    from workbench.analysis.attack.plan_effect import note_levels

    model = (_synthetic("ward") if which == "ward"
             else _decided(_synthetic("synthetic-300"), 3))
    result = analyze(model, default_catalog(), attack_graph=True)
    candidates = _fundable(result.model, result.catalog, result.attack_graph.candidates,
                           default_stencils())
    want = Counter(t.current.level for t in result.threats if t.ranked)
    assert want["critical"] and want["high"]
    for risks in (result.threats, list(result.threats)):
        term = RiskTerm(result.model, result.catalog, risks, candidates)
        got = Counter(term.base)
        assert got == want and list(got) == list(want)
        steps = [{"levels_after": {"critical": 1, "high": 2}}] * 3
        notes: list[str] = []
        note_levels(result.model, result.catalog, risks, steps, notes, term)
        plain: list[str] = []
        note_levels(result.model, result.catalog, risks, steps, plain)
        assert notes == plain and len(notes) == 1


def _rows_as_set(rows) -> set[tuple[int, int, int, int]]:
    """A set's rows as (risk, code, control number, member place) tuples (no row is
    listed twice: a member's risks are distinct)."""
    out = set(zip(rows.risks.tolist(), rows.codes.tolist(), rows.controls.tolist(),
                  rows.place.tolist(), strict=True))
    assert len(out) == rows.risks.size
    return out


@pytest.mark.parametrize("grouped", [True, False])
@pytest.mark.parametrize("which", ["ward", "synthetic-300"])
def test_a_sets_rows_from_a_recent_subset_are_the_rows_made_whole(
        which: str, grouped: bool, monkeypatch) -> None:
    """``RiskTerm._rows`` stands on the largest recent set a new set holds (the plan adds
    a few controls to a set measured before): the rows made so (the base's, the added
    members' after them, each member's place shifted past the added ones before it)
    against the rows of the same set made from every member, and the levels against
    ``_levels``' dicts, on sets grown a candidate at a time (fleets, singles sorting
    before, between and after the members held, members sharing risks)."""
    from workbench.analysis.attack.engine import _fundable

    if not grouped:
        monkeypatch.setattr(RiskTerm, "_control_number", lambda self, c: -1)
    result = analyze(_synthetic(which), default_catalog(), attack_graph=True)
    candidates = _fundable(result.model, result.catalog, result.attack_graph.candidates,
                           default_stencils())
    term = RiskTerm(result.model, result.catalog, result.threats, candidates)
    whole = RiskTerm(result.model, result.catalog, result.threats, candidates)
    plain = RiskTerm(result.model, result.catalog, result.threats, candidates)
    fleets = [c for c in candidates.values() if isinstance(c, recommend.FleetCandidate)]
    shared_codes = RiskTerm._shared_codes
    calls = []

    def in_member_order(self, ordered, q, risks, owners, shared):
        # a shared risk's controls come in its members' order (a product of floats
        # depends on it, though these models' levels do not show it)
        pairs = list(zip(risks.tolist(), owners.tolist(), strict=True))
        assert pairs == sorted(set(pairs)) and shared.tolist() == sorted(set(risks.tolist()))
        calls.append(len(pairs))
        return shared_codes(self, ordered, q, risks, owners, shared)

    monkeypatch.setattr(RiskTerm, "_shared_codes", in_member_order)
    acting = sorted(plain.acts)
    # grown one candidate at a time: singles from both ends and the middle, fleets
    chain = [[m] for m in (acting[::7] + acting[::-11])[:60]]
    chain[5:5] = [list(f.members) for f in fleets[:6]]
    chain[20:20] = [list(f.members) for f in fleets[6:12]]
    chain[30:30] = [[m] for ms in _sharing_sets(candidates)[:3] for m in ms]
    held: set[str] = set(acting[1:3])  # a single member's set is its own arrays
    stood = 0
    for added in chain:
        held.update(added)
        members = sorted(held)
        stood += any(r.members < frozenset(members) for r in term._recent_rows.values())
        risks, codes = term._set_levels(members)
        whole._recent_rows.clear()
        ordered = tuple(members)
        assert _rows_as_set(term._recent_rows[ordered]) == _rows_as_set(
            whole._rows(ordered))
        got = dict(zip(risks.tolist(), [term._level_names[k] for k in codes.tolist()],
                       strict=True))
        assert len(got) == risks.size and got == plain._levels(members)
        assert term.values(members).tobytes() == whole.values(members).tobytes()
    assert stood > 40 and len(held) > 50 and len(calls) > 5
    shared = sum(len(plain._single(m)) for m in held) - len(plain._levels(sorted(held)))
    assert shared > 0



@given(st.lists(st.sampled_from(["a", "b", "c@x", "", "pump-1", "pump-10"]), max_size=60))
def test_numbered_keys_in_order_of_first_appearance(keys: list[str]) -> None:
    """``plan_risk._numbered`` numbers each key by its first appearance (the threat
    numbers of ``RiskTerm._classes``)."""
    from workbench.analysis.attack import plan_risk

    number: dict[str, int] = {}
    for key in keys:
        number.setdefault(key, len(number))
    assert plan_risk._numbered(keys).tolist() == [number[key] for key in keys]
