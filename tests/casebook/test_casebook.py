"""The incident casebook: each public incident's expected conclusions, checked on the
product's own analysis. A conclusion that does not hold yet is a strict xfail with the
reason (``not_yet`` in its ``.expect.json``): the day a fix makes it hold, the test fails
until the mark is removed, so the casebook score in the README only ever moves with proof.
"""

from __future__ import annotations

import pytest

from tests.casebook import evaluate as casebook
from workbench.model import load_model


def _params():
    for conclusion in casebook.conclusions():
        marks = ([pytest.mark.xfail(strict=True, reason=conclusion.not_yet)]
                 if conclusion.not_yet else [])
        yield pytest.param(conclusion, id=conclusion.name, marks=marks)


def test_the_casebook_has_eight_cases_or_more_each_with_its_source_and_conclusions():
    cases = casebook.cases()
    assert len(cases) >= 8
    for case in cases:
        expect = casebook.expectations(case)
        assert expect["source"] and expect["title"]
        kinds = {c["kind"] for c in expect["conclusions"]}
        assert {"most_likely_path", "board_top_five", "recommended_control",
                "patient_safety"} <= kinds, case
        assert set(expect.get("not_yet", {})) <= {c["id"] for c in expect["conclusions"]}
        load_model(casebook.HERE / f"{case}.twm.json")  # every model validates


@pytest.mark.parametrize("conclusion", list(_params()))
def test_conclusion(conclusion: casebook.Conclusion) -> None:
    verdict = casebook.evaluate(conclusion)
    assert verdict.holds, f"{conclusion.spec.get('why', '')} -- found: {verdict.detail}"
