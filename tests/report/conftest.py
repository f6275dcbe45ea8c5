"""Board reports of the samples, rendered once per test session: several tests read every
page of every sample in both languages, and a render takes seconds."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from pypdf import PdfReader

from workbench.model import load_model
from workbench.report.data import ReportData, gather
from workbench.report.pdf import render_pdf

from ..conftest import SAMPLES

SAMPLE_NAMES = sorted(p.name.removesuffix(".twm.json") for p in SAMPLES.glob("*.twm.json"))


@pytest.fixture(scope="session")
def sample_data() -> Callable[[str], ReportData]:
    """A sample's gathered analysis (with the engine's plan, as the CLI), on first use."""
    cache: dict[str, ReportData] = {}

    def get(name: str) -> ReportData:
        if name not in cache:
            path = SAMPLES / f"{name}.twm.json"
            cache[name] = gather(load_model(path), path.read_bytes(), recommend=True)
        return cache[name]

    return get


@pytest.fixture(scope="session")
def board_pdf(sample_data) -> Callable[[str, str], bytes]:
    """A sample's board report in a language, rendered on first use."""
    cache: dict[tuple[str, str], bytes] = {}

    def get(name: str, lang: str) -> bytes:
        if (name, lang) not in cache:
            cache[name, lang] = render_pdf(sample_data(name), "board", lang)
        return cache[name, lang]

    return get


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text on one line, no-break spaces as plain spaces."""
    out = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        text = (page.extract_text() or "").replace("\u202f", " ").replace("\u00a0", " ")
        out.append(" ".join(text.replace("\u00ad", "").split()))
    return out
