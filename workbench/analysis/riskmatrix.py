"""One risk matrix for every client: the window's heatmap, `workbench heatmap` and the PDF.

Why one module: the three used to disagree (axes swapped, a different palette, initials in
one and words in another), so a reader comparing a printout with the screen saw two different
matrices. Here the convention is fixed once: likelihood across (x, left to right), severity
up (y, bottom to top), as EBIOS RM and ISO/IEC 27005 draw it; each cell takes its level's
colour and name from the model's scales (``Scales.level``: custom levels included). Qt-free
and matplotlib-free: clients draw the cells their own way.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.analysis.risk import Scales
from workbench.model.threat_model import ThreatModel

#: Axis titles, x then y.
AXES = {"en": ("Likelihood", "Severity"), "fr": ("Vraisemblance", "Gravité")}
LEVEL_NAMES_FR = {"low": "Faible", "moderate": "Modéré", "high": "Élevé",
                  "critical": "Critique", "none": "Aucun"}
#: French names of the default scale values (workbench.model.defaults); custom names pass.
SCALE_NAMES_FR = {
    "Unlikely": "Peu vraisemblable", "Likely": "Vraisemblable",
    "Very likely": "Très vraisemblable", "Near certain": "Quasi certain", "Rare": "Rare",
    "Possible": "Possible", "Almost certain": "Quasi certain", "Minor": "Mineure",
    "Significant": "Significative", "Serious": "Grave", "Critical": "Critique",
    "Very low": "Très faible", "Low": "Faible", "Moderate": "Modérée", "High": "Élevée",
    "Very high": "Très élevée",
}
TITLES = {"en": ("Before controls", "With the controls in place",
                 "Risks by likelihood and severity"),
          "fr": ("Avant mesures", "Avec les mesures en place",
                 "Risques par vraisemblance et gravité")}


@dataclass(frozen=True)
class Cell:
    column: int  # 0-based, likelihood rank (x)
    row: int  # 0-based, severity rank from the bottom (y)
    likelihood: int
    severity: int
    level: str  # level id
    name: str  # level name in the requested language
    colour: str  # hex


def level_name(level_id: str, english: str, lang: str) -> str:
    return LEVEL_NAMES_FR.get(level_id, english) if lang == "fr" else english


def scale_names(model: ThreatModel, lang: str) -> tuple[dict[int, str], dict[int, str]]:
    """Names of the likelihood and severity values as the model states them."""
    def named(levels) -> dict[int, str]:
        return {s.value: SCALE_NAMES_FR.get(s.name, s.name) if lang == "fr" else s.name
                for s in levels}
    return named(model.risk.likelihood_levels), named(model.risk.severity_levels)


def cells(scales: Scales, lang: str = "en") -> list[Cell]:
    """Every cell of the matrix with its level, in the one convention."""
    out = []
    for column, lik in enumerate(scales.likelihood):
        for row, sev in enumerate(scales.severity):
            level = scales.level(lik, sev)
            out.append(Cell(column, row, lik, sev, level.id,
                            level_name(level.id, level.name, lang), level.colour))
    return out


def ink(colour: str) -> str:
    """Black or white text, whichever reads on ``colour``."""
    value = colour.lstrip("#")
    r, g, b = (int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return "#1a1a1a" if 0.299 * r + 0.587 * g + 0.114 * b > 0.45 else "#ffffff"
