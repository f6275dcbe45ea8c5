"""Names imported from other tools hold control characters, bidi overrides, CJK and emoji.
The report shows controls as visible escapes (never empty boxes) and names the
characters its font cannot draw (docs/reports.md, "Unusual text")."""

from __future__ import annotations

import io

from pypdf import PdfReader

from workbench.cli.main import main
from workbench.model import save_model
from workbench.report.data import gather
from workbench.report.fonts import missing_glyphs
from workbench.report.pdf import render_pdf
from workbench.report.visible import visible_model

from .factories import report_model

BELL = "Insulin pump\x07 (ward\x1b[2J)"
REVERSED = "Relay \u202eexe.live"


def odd_model():
    model = report_model()
    model.components[0].name = BELL
    model.components[1].name = REVERSED
    model.components[1].description = "line one\nline two\x00"
    model.components[2].name = "病棟ポンプ 💉"
    return model


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def test_controls_print_as_the_cli_prints_them():
    shown, changed = visible_model(odd_model())
    assert changed == 3
    names = [c.name for c in shown.components]
    assert names[0] == "Insulin pump\\x07 (ward\\x1b[2J)"
    assert names[1] == "Relay \\u202eexe.live"
    assert shown.components[1].description == "line one\nline two\\x00"  # lines kept
    assert names[2] == "病棟ポンプ 💉"  # letters are not controls


def test_a_clean_model_is_not_copied():
    model = report_model()
    assert visible_model(model) == (model, 0)


def test_the_pdf_shows_escapes_and_the_model_is_unchanged():
    model = odd_model()
    data = gather(model, recommend=False)
    text = pdf_text(render_pdf(data, "technical", "en"))
    assert "Insulin pump\\x07" in text
    assert "\x07" not in text and "\u202e" not in text
    assert model.components[0].name == BELL  # the caller's model
    assert any("control or invisible characters" in note for note in data.notes)


def test_characters_the_font_lacks_are_named_on_stderr_and_in_the_report(tmp_path, capsys):
    path = tmp_path / "odd.twm.json"
    save_model(odd_model(), path)
    out = tmp_path / "odd.pdf"
    assert main(["report", str(path), "-o", str(out), "--audience", "technical"]) == 0
    err = capsys.readouterr().err
    assert "病" in err and "💉" in err and "empty boxes" in err
    assert "control or invisible characters" in err
    assert "x07" not in missing_glyphs([c.name for c in visible_model(odd_model())[0]
                                        .components])
    assert "U+75C5" in err  # 病, by number too
    # The PDF cannot draw them, so its method section names them by number.
    assert "no glyph for U+75C5 U+68DF" in " ".join(pdf_text(out.read_bytes()).split())
