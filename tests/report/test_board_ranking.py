"""The board's five risks are the grouped ranking `workbench analyze --json` prints.

A board member who compares the PDF with the window or the CLI must see the same five
threats in the same order: one row per threat kind, across the elements it stands on.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from workbench.cli.main import main
from workbench.model import load_model
from workbench.report.data import gather
from workbench.report.pdf import render_pdf

from ..conftest import SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.twm.json"))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("’", "'")


def cli_ranking(path, capsys) -> list[dict]:
    assert main(["analyze", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)["ranking"]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name.split(".")[0])
def test_board_top_five_is_the_cli_grouped_ranking(path, capsys):
    ranking = cli_ranking(path, capsys)[:5]
    data = gather(load_model(path), path.read_bytes(), recommend=False)
    top = data.top_groups(5)
    assert [(g.catalog_id, g.row.id, len(g.copies)) for g in top] == [
        (r["catalog_id"], next(t for t in data.risks
                               if f"{t.catalog_id}@{t.element}" == r["worst"]).id,
         r["count"]) for r in ranking]
    # ... and the printed cards follow that order, each naming its worst element.
    reader = PdfReader(io.BytesIO(render_pdf(data, "board", "en")))
    text = squash(reader.pages[1].extract_text())
    names = {c.id: c.name for c in data.model.components}
    names.update({f.id: data.names()[f.id] for f in data.model.flows})
    at = 0
    for number, group in enumerate(ranking, start=1):
        title = next(r.title for r in data.risks if r.catalog_id == group["catalog_id"])
        element = names[group["worst"].split("@", 1)[1]]
        card = squash(f"{number}. {title} ({element})")
        found = text.find(card, at)
        assert found >= 0, f"card {number} ({group['catalog_id']}) missing or out of order"
        at = found + len(card)
