"""Each attack path says how sure its figures are: the path's own probability (exact, the
product of its steps) and the attacker's chance by any path, with its 95 % interval when
the engine simulated it."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from workbench.model import load_model
from workbench.report.data import AttackPath, Reach, gather
from workbench.report.document import make_styles
from workbench.report.pdf import render_pdf
from workbench.report.sections import path_lines, reach_cell, reach_phrase

from ..conftest import SAMPLES


@pytest.fixture(scope="module")
def hospital_group():
    path = SAMPLES / "ght-shared-ehr-pacs.twm.json"
    return gather(load_model(path), path.read_bytes(), recommend=False)


def test_every_path_carries_its_attackers_reach(hospital_group):
    assert hospital_group.paths
    for path in hospital_group.paths:
        reach = path.reach
        assert reach is not None, (path.attacker, path.target)
        assert reach.low <= reach.probability <= reach.high
        if reach.exact:
            assert reach.low == reach.high == reach.probability
        else:  # a path is one way in: its exact chance lies under the interval's top
            assert path.probability <= reach.high + 1e-9
    assert any(not p.reach.exact for p in hospital_group.paths)  # simulated here


def test_interval_or_exact_in_words():
    simulated = AttackPath("a", "t", ["x"], 0.42, reach=Reach(0.61, 0.58, 0.64, False))
    exact = AttackPath("a", "t", ["x"], 0.42, reach=Reach(0.61, 0.61, 0.61, True))
    assert reach_cell(simulated, "en") == "0.610 [0.580, 0.640]"
    assert reach_cell(simulated, "fr") == "0,610 [0,580 ; 0,640]"
    assert reach_cell(exact, "en") == "0.610 (exact)"
    assert reach_phrase(simulated, "en") == "; 61% (58%–64%) by any path"
    assert reach_phrase(exact, "en") == "; 61% by any path"
    assert "de 58\u202f% à 64\u202f%" in reach_phrase(simulated, "fr")
    narrow = AttackPath("a", "t", ["x"], 0.42, reach=Reach(0.61, 0.607, 0.612, False))
    assert "(" not in reach_phrase(narrow, "en")  # under one point: no interval to read


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_board_path_lines_give_both_figures(hospital_group, lang):
    reader = PdfReader(io.BytesIO(render_pdf(hospital_group, "board", lang)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    phrase = "by any path" if lang == "en" else "tous chemins confondus"
    assert text.count(phrase) >= min(3, len(hospital_group.top_paths(3)))


def test_a_chance_short_of_certainty_never_reads_100_percent(hospital_group):
    """"with a probability of 100% along this path" (home, ward, GHT boards) told a board
    the attack is certain; 0.9977 is 99.7 %."""
    from workbench.report.i18n import NNBSP, chance

    assert chance(0.9977, "en") == "99.7%"
    assert chance(0.9977, "fr") == f"99,7{NNBSP}%"
    assert chance(0.99999, "en") == "99.9%"
    assert chance(1.0, "en") == "100%"
    assert chance(0.46, "en") == "46%"
    assert chance(0.003, "en") == "0.3%"
    assert chance(0.0004, "en") == "under 0.1%"
    assert chance(0.0004, "fr") == f"moins de 0,1{NNBSP}%"
    import dataclasses

    first = dataclasses.replace(hospital_group.top_paths(1)[0], probability=0.9977)
    data = dataclasses.replace(hospital_group, paths=[first])
    lines = " ".join(p.getPlainText() for p in path_lines(data, make_styles(), "en", 3))
    assert "99.7%" in lines and "100%" not in lines


def test_the_models_own_targets_are_quoted_with_their_element():
    """"reaches Timely review of red alerts with a probability …" named no element."""
    path = SAMPLES / "cardiac-implant-remote-monitoring.twm.json"
    data = gather(load_model(path), path.read_bytes(), recommend=False)
    from workbench.report.sections import target_name

    assert target_name(data, "t-care_service-clinic-portal", "en") == \
        "“Timely review of red alerts” (Clinician portal)"
    assert target_name(data, "health_data:icd", "en") == "health data held by ICD (implant)"
