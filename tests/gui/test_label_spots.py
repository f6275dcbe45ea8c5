"""A flow label's spot test (``DiagramScene._free``: the cards' edges kept per grid cell
for a placement pass, the overlap test written out) against the plain test it replaces:
ids from the grid, each rectangle compared with ``_meet`` (``QRectF.intersects``)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF

from workbench.gui.document import Document
from workbench.gui.scene import _CELL, DiagramScene, _edges, _meet
from workbench.model import edits
from workbench.model.io import read_model

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_window_scale import grid_layout  # noqa: E402
from gen_synthetic import synthetic_model  # noqa: E402


def _plain_free(scene: DiagramScene, fid: str, left: float, top: float, w: float,
                h: float) -> bool:
    """The test as it was: every label and card id of the spot's cells, ``_meet``."""
    right, bottom = left + w, top + h
    box = (left, top, right, bottom)
    for i in range(int(left // _CELL), int(right // _CELL) + 1):
        for j in range(int(top // _CELL), int(bottom // _CELL) + 1):
            for other in scene._label_grid.get((i, j), ()):
                if other != fid:
                    edges = scene._label_rects.get(other) or _edges(
                        scene.flows[other].label.sceneBoundingRect())
                    if _meet(edges, box):
                        return False
    gl, gt = left - 2, top - 2
    gr, gb = gl + (w + 2 - -2), gt + (h + 2 - -2)
    grown = (gl, gt, gr, gb)
    for i in range(int(gl // _CELL), int(gr // _CELL) + 1):
        for j in range(int(gt // _CELL), int(gb // _CELL) + 1):
            for cid in scene._element_grid.get((i, j), ()):
                edges = scene._element_rects.get(cid) or _edges(
                    scene.elements[cid].scene_rect())
                if _meet(edges, grown):
                    return False
    return not any(_meet(header, grown) for header in scene._header_rects)


@pytest.fixture
def checked(monkeypatch):
    """Every spot the scene tests is tested the plain way too."""
    seen = {True: 0, False: 0}
    real = DiagramScene._free

    def free(self, fid, left, top, w, h):
        plain = _plain_free(self, fid, left, top, w, h)
        got = real(self, fid, left, top, w, h)
        assert got == plain, (fid, left, top, w, h)
        seen[got] += 1
        return got

    monkeypatch.setattr(DiagramScene, "_free", free)
    return seen


def test_a_crowded_model_opens_and_moves_with_the_plain_test(qapp, stencils,
                                                              checked) -> None:
    model = synthetic_model(360, seed=4)
    model = model.model_copy(update={"layout": grid_layout(model)})
    doc = Document(model, None, stencils)
    scene = DiagramScene(doc)
    assert checked[True] > 100 and checked[False] > 1000  # crowded: most spots are taken
    opened = dict(checked)
    # moved cards: their flows' labels move, the others stay in the grid
    boxes = dict(doc.model.layout.elements)
    moves = {cid: (boxes[cid].x + 37.5 * (n % 3 - 1), boxes[cid].y + 23.0 * (n % 2))
             for n, cid in enumerate(list(boxes)[::17])}
    doc.apply("move", edits.move_elements, moves)
    assert checked[True] > opened[True] and scene.flows


@pytest.mark.parametrize("name", ["hospital-ward-iomt", "ght-shared-ehr-pacs"])
def test_samples_place_with_the_plain_test(qapp, stencils, checked, name: str) -> None:
    model, _ = read_model(ROOT / "sample-models" / f"{name}.twm.json", stencils)
    DiagramScene(Document(model, None, stencils))
    assert checked[True] > 5


def _empty_scene(stencils) -> DiagramScene:
    model, _ = read_model(ROOT / "sample-models" / "hospital-ward-iomt.twm.json", stencils)
    scene = DiagramScene(Document(model, None, stencils))
    scene._label_grid.clear()
    scene._element_grid.clear()
    scene._label_rects, scene._element_rects, scene._card_cells = {}, {}, {}
    scene._header_rects = []
    return scene


def test_free_is_the_plain_test_where_rectangles_touch(qapp, stencils) -> None:
    """Labels, cards and zone titles on a half-unit grid, some null: spots that touch or
    just clear a rectangle (or its growth by 2 px) are common, so each comparison decides."""
    scene = _empty_scene(stencils)
    rng = random.Random(9)

    def rects(prefix: str, grid: dict, cache: dict, n: int, sizes) -> None:
        for k in range(n):
            left, top = rng.randint(0, 80) * 2.5, rng.randint(0, 80) * 2.5
            w, h = rng.choice(sizes), rng.choice(sizes)
            cache[f"{prefix}{k}"] = (left, top, left + w, top + h)
            for cell in scene._cells(QRectF(left, top, w, h)):
                grid[cell].add(f"{prefix}{k}")

    answers = {True: 0, False: 0}
    for _ in range(200):
        scene._label_grid.clear()
        scene._element_grid.clear()
        scene._label_rects, scene._element_rects, scene._card_cells = {}, {}, {}
        rects("L", scene._label_grid, scene._label_rects, rng.randint(0, 20),
              (0.0, 15.0, 18.0, 20.0, 32.5))
        rects("E", scene._element_grid, scene._element_rects, rng.randint(0, 12),
              (0.0, 64.0, 150.0, 2.5, 7.5))
        scene._header_rects = [(x, y, x + rng.choice((0.0, 120.0)), y + 18.0) for x, y in
                               ((rng.randint(0, 40) * 5.0, rng.randint(0, 40) * 5.0)
                                for _ in range(rng.randint(0, 2)))]
        for _ in range(50):
            left, top = rng.randint(-10, 90) * 2.5 - 0.5, rng.randint(-10, 90) * 2.5
            w, h = rng.choice((18.0, 20.0, 32.5, 0.0)), rng.choice((15.0, 0.0))
            got = scene._free("F", left, top, w, h)
            assert got == _plain_free(scene, "F", left, top, w, h), (left, top, w, h)
            answers[got] += 1
    assert answers[True] > 100 and answers[False] > 100


@pytest.mark.parametrize(("card", "free"), [
    ((111.5, 50.0, 150.0, 64.0), False),  # 1.5 px right of the spot: too close
    ((112.0, 50.0, 150.0, 64.0), True),  # 2 px: clear
    ((40.0, 109.0, 150.0, 64.0), False),  # 1.5 px below it
    ((40.0, 109.5, 150.0, 64.0), True),
    ((-70.0, 50.0, 158.5, 64.0), False),  # 1.5 px left of it
    ((-70.0, 50.0, 158.0, 64.0), True),
    ((50.0, 20.0, 100.0, 71.0), False),  # 1.5 px above it
    ((50.0, 20.0, 100.0, 70.5), True),
    ((100.0, 50.0, 0.0, 64.0), True),  # a null card covers nothing
])
def test_cards_are_kept_two_units_away(qapp, stencils, card, free: bool) -> None:
    scene = _empty_scene(stencils)
    x, y, w, h = card
    scene._element_rects = {"C": (x, y, x + w, y + h)}
    for cell in scene._cells(QRectF(*card)):
        scene._element_grid[cell].add("C")
    assert scene._free("F", 90.0, 92.5, 20.0, 15.0) == free  # (90, 92.5) to (110, 107.5)


def test_card_cells_from_floats_are_those_of_the_scene_rect(qapp, stencils) -> None:
    """``_card_cells_of`` (the card's floats) against ``_cells`` of its ``scene_rect``, on
    cards placed at fractional and negative positions and across cell edges."""
    model = synthetic_model(60, seed=2)
    model = model.model_copy(update={"layout": grid_layout(model)})
    scene = DiagramScene(Document(model, None, stencils))
    rng = random.Random(11)
    for item in list(scene.elements.values())[:40]:
        for _ in range(10):
            item.setPos(rng.choice((rng.uniform(-500, 500), rng.randint(-8, 8) * 120.0,
                                    rng.randint(-8, 8) * 120.0 - 150.0)),
                        rng.choice((rng.uniform(-500, 500), rng.randint(-8, 8) * 120.0 - 64.0)))
            assert scene._card_cells_of(item) == scene._cells(item.scene_rect())
    # and the grid a model opens with is the grid of the cards' scene rects
    opened = DiagramScene(Document(model, None, stencils))
    for cid, item in opened.elements.items():
        assert opened._element_cells[cid] == opened._cells(item.scene_rect())
