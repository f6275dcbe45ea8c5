"""A limit by content: an import stops, in one line, past WORKBENCH_MAX_ELEMENTS."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.cli.main import main

CORPUS = Path(__file__).parents[1] / "data" / "interop" / "corpus"


@pytest.mark.parametrize("name", ["home-telemonitoring.otm.json", "home-telemonitoring.td2.json",
                                  "home-telemonitoring.tm7", "home-telemonitoring.csv",
                                  "home-telemonitoring.threagile.yaml",
                                  "home-telemonitoring.td1.json"])
def test_element_count_over_the_limit_is_one_line(name: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("WORKBENCH_MAX_ELEMENTS", "10")
    out = tmp_path / "out.twm.json"
    assert main(["import", str(CORPUS / name), "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "limit" in err[0] and "WORKBENCH_MAX_ELEMENTS" in err[0]
    assert err[0].startswith("workbench: ") or str(CORPUS / name) in err[0]
    assert not out.exists()
    monkeypatch.setenv("WORKBENCH_MAX_ELEMENTS", "1000")
    assert main(["import", str(CORPUS / name), "-o", str(out)]) == 0


@pytest.mark.parametrize("name", ["home-telemonitoring.otm.json", "home-telemonitoring.td2.json",
                                  "home-telemonitoring.csv", "home-telemonitoring.td1.json",
                                  "home-telemonitoring.threagile.yaml"])
def test_import_never_writes_a_model_too_big_to_open(name: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture) -> None:
    """Source under the model-file limit, model over it (an 8.9 MB OTM of 90,000 small
    components made a 52 MB model that validate refused): one line, nothing written."""
    limit_mb = 0.008
    source = CORPUS / name
    assert source.stat().st_size < limit_mb * 1048576
    monkeypatch.setenv("WORKBENCH_MAX_MODEL_MB", str(limit_mb))
    out = tmp_path / "out.twm.json"
    assert main(["import", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "limit of a model file" in err[0], err
    assert "WORKBENCH_MAX_MODEL_MB" in err[0]
    assert not out.exists()
    monkeypatch.setenv("WORKBENCH_MAX_MODEL_MB", "1")
    assert main(["import", str(source), "-o", str(out)]) == 0
    assert main(["validate", str(out)]) == 0
