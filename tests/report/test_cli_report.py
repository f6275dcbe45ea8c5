"""`workbench report` and the exporters end to end, through the real entry point."""

from __future__ import annotations

import pytest

from workbench.cli.main import main
from workbench.model import default_stencils, save_model

from .factories import report_model


@pytest.fixture
def model_file(tmp_path):
    model = report_model()
    missing = [c.stencil for c in model.components if c.stencil not in default_stencils()]
    if missing:
        pytest.skip(f"stencils not shipped yet: {missing}")
    path = tmp_path / "pump.twm.json"
    save_model(model, path)
    return path


@pytest.mark.parametrize("audience", ["board", "technical"])
def test_report_command_writes_pdf(model_file, tmp_path, capsys, audience):
    out = tmp_path / "r.pdf"
    code = main(["report", str(model_file), "-o", str(out), "--audience", audience,
                 "--lang", "fr"])
    assert code == 0, capsys.readouterr().err
    assert out.read_bytes().startswith(b"%PDF")
    assert "r.pdf" in capsys.readouterr().out


def test_report_command_bad_input_is_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.twm.json"
    bad.write_text("{ not json", encoding="utf-8")
    assert main(["report", str(bad), "-o", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert main(["report", str(bad), "-o", str(tmp_path / "missing" / "x.pdf")]) == 1
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["svg", "png", "csv", "md", "json"])
def test_export_command_report_formats(model_file, tmp_path, capsys, fmt):
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(model_file), "--format", fmt, "-o", str(out)]) == 0
    raw = out.read_bytes()
    magic = {"svg": b"<?xml", "png": b"\x89PNG", "csv": b"\xef\xbb\xbf", "md": b"# ",
             "json": b"{"}[fmt]
    assert raw.startswith(magic)


def test_cli_choices_match_the_report_package():
    """The CLI lists audiences and languages without importing reportlab at start-up."""
    from workbench.cli import cmd_report
    from workbench.report.i18n import LANGUAGES
    from workbench.report.pdf import AUDIENCES

    assert tuple(cmd_report.AUDIENCES) == tuple(AUDIENCES)
    assert tuple(cmd_report.LANGUAGES) == tuple(LANGUAGES)


def test_export_command_speaks_french(model_file, tmp_path, capsys):
    md, csv = tmp_path / "out.md", tmp_path / "out.csv"
    assert main(["export", str(model_file), "--format", "md", "--lang", "fr", "-o", str(md)]) == 0
    assert "## Synthèse" in md.read_text("utf-8")
    assert main(["export", str(model_file), "--format", "md", "-o", str(md)]) == 0
    assert "## Executive summary" in md.read_text("utf-8")
    assert main(["export", str(model_file), "--format", "csv", "--lang", "fr",
                 "-o", str(csv)]) == 0
    assert "suggérée" in csv.read_text("utf-8-sig")
    with pytest.raises(SystemExit) as exited:  # argparse's usage error
        main(["export", str(model_file), "--format", "md", "--lang", "de"])
    assert exited.value.code == 2 and "invalid choice: 'de'" in capsys.readouterr().err


def test_report_since_an_earlier_version(model_file, tmp_path, capsys):
    """`--since`: the board sees what changed and how risk moved, in its language."""
    from pypdf import PdfReader

    from workbench.model import load_model

    model = load_model(model_file)
    model.components[0].name = "Renamed device"
    newer = tmp_path / "newer.twm.json"
    save_model(model, newer)
    out = tmp_path / "r.pdf"
    assert main(["report", str(newer), "-o", str(out), "--since", str(model_file),
                 "--lang", "fr"]) == 0
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    assert f"Évolutions depuis {model_file.name}" in text and "Éléments +0 −0 ~1" in text
    assert main(["report", str(newer), "-o", str(out), "--since",
                 str(tmp_path / "missing.twm.json")]) == 1
    assert "missing.twm.json" in capsys.readouterr().err
