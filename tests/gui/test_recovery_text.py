"""The recovery file's text (``recovery.recovery_bytes``, orjson) against the saved file's
(``io.dumps_model``, the standard encoder): the same bytes, else the same model read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.factories import tiny_model
from workbench.gui.recovery import Recovery, recovery_bytes
from workbench.model.io import dumps_model, model_from_document, parse_json_text, read_model

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample-models").glob("*.twm.json"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name.split(".")[0])
def test_same_bytes_as_a_saved_file(path: Path) -> None:
    model, _ = read_model(path)
    assert recovery_bytes(model) == dumps_model(model).encode("utf-8")


def _read_back(data: bytes):
    return model_from_document(parse_json_text(data.decode("utf-8"), "r"), "r",
                               integrity=False)


def test_small_floats_are_spelled_otherwise_and_read_back_the_same() -> None:
    model = tiny_model()
    model.risk.options["tiny"] = 8.42e-05
    data = recovery_bytes(model)
    assert data != dumps_model(model).encode("utf-8")  # orjson writes 8.42e-5
    assert _read_back(data) == model


@pytest.mark.parametrize("value", [10 ** 30, "pasted \ud800 text"], ids=["bigint", "surrogate"])
def test_what_orjson_refuses_goes_through_the_standard_encoder(value, tmp_path) -> None:
    model = tiny_model()
    model.risk.options["odd"] = value
    data = recovery_bytes(model)
    if isinstance(value, int):
        assert data == dumps_model(model).encode("utf-8")
    else:  # cannot be UTF-8: escaped, as before
        assert b"\\ud800" in data
    recovery = Recovery(tmp_path / "r")
    recovery.save(model, None)
    assert recovery.file.read_bytes() == data
