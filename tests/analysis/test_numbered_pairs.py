"""``pipeline._numbered_pairs`` (the pairs numbered by arrays: ``dense_distinct`` over the
pairs' codes) against ``pipeline._numbered`` of the pairs as tuples: narrow sides (the
table over the codes' range) and wide ones (object ids: the sort) alike."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.analysis.pipeline import _numbered, _numbered_pairs

SIDES = st.sampled_from([(0, 3), (0, 40), (10**12, 10**12 + 5), (0, 2**62)])


@settings(max_examples=200, deadline=None)
@given(st.data(), SIDES, SIDES)
def test_numbered_pairs_are_the_pairs_numbered(data, first_side, second_side):
    n = data.draw(st.integers(0, 300))
    first = data.draw(st.lists(st.integers(*first_side), min_size=n, max_size=n))
    second = data.draw(st.lists(st.integers(*second_side), min_size=n, max_size=n))
    plain = _numbered(zip(first, second, strict=True))
    assert _numbered_pairs(iter(first), second).tolist() == plain


def test_many_pairs_of_few_values_take_the_table():
    first = [(i * 7919) % 1000 for i in range(20000)]
    second = [10**15 + 977 * (i % 37) for i in range(20000)]
    plain = _numbered(zip(first, second, strict=True))
    assert _numbered_pairs(iter(first), second).tolist() == plain
