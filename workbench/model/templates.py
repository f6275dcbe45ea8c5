"""Starting points for ``workbench new``: a blank model or a copy of a sample system."""

from __future__ import annotations

from pathlib import Path

from workbench.data import data_dir
from workbench.model.defaults import default_risk_settings
from workbench.model.entities import Metadata
from workbench.model.io import load_model
from workbench.model.threat_model import ThreatModel

BLANK = "blank"


def samples_dir() -> Path:
    return data_dir("sample-models")


def template_names() -> list[str]:
    names = [BLANK]
    folder = samples_dir()
    if folder.is_dir():
        names += sorted(p.name.removesuffix(".twm.json") for p in folder.glob("*.twm.json"))
    return names


def from_template(name: str, title: str | None = None) -> ThreatModel:
    """A new model; raises KeyError for an unknown template name."""
    if name == BLANK:
        return ThreatModel(metadata=Metadata(title=title or "New threat model"),
                           risk=default_risk_settings())
    path = samples_dir() / f"{name}.twm.json"
    if not path.is_file():
        raise KeyError(name)
    model = load_model(path)
    if title:
        model = model.model_copy(update={"metadata": model.metadata.model_copy(
            update={"title": title})})
    return model
