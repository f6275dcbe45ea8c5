"""The PDF's matrix and `workbench heatmap --kind matrix` draw the same matrix: likelihood
across, severity up, the same level colour and name in every cell (the window's heatmap is
checked the same way in tests/gui/test_one_matrix.py)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from reportlab.graphics.shapes import Rect, String  # noqa: E402

from tests.analysis.test_attack_fixtures import implant_model  # noqa: E402
from workbench.analysis import plots  # noqa: E402
from workbench.analysis.pipeline import analyze  # noqa: E402
from workbench.analysis.risk import Scales  # noqa: E402
from workbench.analysis.riskmatrix import cells  # noqa: E402
from workbench.cli.main import main  # noqa: E402
from workbench.model import save_model  # noqa: E402
from workbench.model.defaults import risk_settings_5x5  # noqa: E402
from workbench.report.matrix import matrix_drawing  # noqa: E402


def _walk(node, transform=(1, 0, 0, 1, 0, 0)):
    from reportlab.graphics.shapes import Group, mmult

    for child in getattr(node, "contents", []):
        if isinstance(child, Group):
            yield from _walk(child, mmult(transform, child.transform))
        else:
            yield child, transform


def pdf_cells(model, lang):
    """(column, row) -> (fill colour, level word) read back from the PDF drawing."""
    drawing = matrix_drawing(model, [], "t", lang)
    rects = [c for c, _ in _walk(drawing) if isinstance(c, Rect)]
    xs = sorted({round(r.x) for r in rects})
    ys = sorted({round(r.y) for r in rects})
    strings = [c for c, _ in _walk(drawing) if isinstance(c, String)]
    out = {}
    for r in rects:
        words = [s.text for s in strings if r.x < s.x < r.x + r.width
                 and r.y < s.y < r.y + r.height / 3]
        out[(xs.index(round(r.x)), ys.index(round(r.y)))] = (
            to_hex(r.fillColor.rgb()), words[0] if words else "")
    return out


def cli_cells(result, lang):
    fig = plots._figure(5, 5)
    ax = fig.add_subplot(1, 1, 1)
    scales = result.scales
    spec = plots.matrix_spec(scales)
    from workbench.analysis.riskmatrix import level_name

    plots.draw_matrix(ax, spec, plots.matrix_counts([], spec, "inherent"), "t",
                      [lv.colour for lv in scales.levels],
                      [level_name(lv.id, lv.name, lang) for lv in scales.levels], lang=lang)
    out = {}
    for patch in ax.patches:
        x, y = patch.get_xy()
        words = [t.get_text() for t in ax.texts
                 if x < t.get_position()[0] < x + 1 and y < t.get_position()[1] < y + 0.3]
        out[(int(x), int(y))] = (to_hex(patch.get_facecolor()), words[0])
    return out


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("five", [False, True], ids=["4x4", "5x5"])
def test_pdf_and_cli_draw_the_same_cells(lang, five):
    model = implant_model()
    if five:
        model.risk = risk_settings_5x5()
    expected = {(c.column, c.row): (c.colour.lower(), c.name)
                for c in cells(Scales.of(model), lang)}
    assert pdf_cells(model, lang) == expected
    assert cli_cells(analyze(model), lang) == expected
    # Likelihood across: the top-right cell is the worst, the bottom-left the mildest.
    worst = max(expected)
    assert expected[worst][1] == ("Critique" if lang == "fr" else "Critical")


def test_heatmap_cli_speaks_french_with_a_plain_title(tmp_path):
    path = tmp_path / "m.twm.json"
    save_model(implant_model(), path)
    out = tmp_path / "m.svg"
    assert main(["heatmap", str(path), "-o", str(out), "--kind", "matrix", "--lang", "fr"]) == 0
    text = out.read_text()
    for word in ("Vraisemblance", "Gravité", "Avant mesures", "Critique"):
        assert word in text
    assert "L x S" not in text and "Inherent" not in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pdf_and_cli_title_their_matrices_alike(tmp_path, lang):
    """The PDF said "Inherent (no controls)" where `workbench heatmap` said "Before
    controls": one matrix, one pair of titles (the plain ones)."""
    from workbench.analysis.riskmatrix import TITLES
    from workbench.report.matrix import side_by_side

    model = implant_model()
    drawing = side_by_side(model, [], [], lang, 1000)
    texts = {c.text for c, _ in _walk(drawing) if isinstance(c, String)}
    before, after, _ = TITLES[lang]
    assert before in texts and after in texts
    path = tmp_path / "m.twm.json"
    save_model(model, path)
    out = tmp_path / "m.svg"
    assert main(["heatmap", str(path), "-o", str(out), "--kind", "matrix", "--lang", lang]) == 0
    svg = out.read_text()
    assert before in svg and after in svg
