"""Every heading of the board report has a contents entry on page 1 (with its page) and a
PDF bookmark: a fixed 44 mm for the contents dropped "The risks that matter" from some
boards' contents."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from workbench.report.i18n import tr

from .conftest import SAMPLE_NAMES, page_texts


def _outline(reader: PdfReader) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append((" ".join(item.title.replace("\u00a0", " ").split()),
                            reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return out


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_heading_has_a_contents_entry_and_a_bookmark(name, lang, board_pdf):
    pdf = board_pdf(name, lang)
    reader = PdfReader(io.BytesIO(pdf))
    marks = _outline(reader)
    titles = [title for title, _ in marks]
    for key in ("sec_summary", "summary_top", "sec_diagram", "sec_paths", "sec_plan",
                "sec_matrix", "sec_regulatory"):
        heading = " ".join(tr(key, lang).replace("'", "’").split())
        assert any(t.replace("'", "’") == heading for t in titles), (heading, titles)
    first = page_texts(pdf)[0]
    contents = first[first.index(tr("contents", lang)):]
    for title, page in marks:  # each bookmark in the contents, with its page
        entry = title.replace("'", "’")
        assert entry in contents.replace("'", "’"), (entry, contents)
        after = contents.replace("'", "’").split(entry, 1)[1]
        assert after.lstrip(" .").startswith(str(page)), (entry, page, after[:40])
