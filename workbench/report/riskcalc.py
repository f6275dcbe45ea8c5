"""Risk values as reports need them: a (likelihood, severity) cell with a level and colour.

The risk model is the analysis pipeline's (``workbench.analysis.risk``), the same for the
window, the CLI and the reports; a cell built from its result carries the level the
pipeline gave (:meth:`Risk.of`), so a model's own risk levels are kept. There is no
second, report-only estimate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.model.threat_model import ThreatModel

LEVELS = ("low", "moderate", "high", "critical")
# ColorBrewer RdYlBu (reversed): distinct for common colour-blindness and in grayscale.
LEVEL_COLOURS = {"none": "#eeeeee", "low": "#abd9e9", "moderate": "#ffffbf",
                 "high": "#fdae61", "critical": "#d7191c"}
# Upper bounds of likelihood x severity as a fraction of the maximum, per level.
LEVEL_BOUNDS = (0.125, 0.25, 0.5625)


@dataclass(frozen=True)
class Risk:
    """A cell of the matrix: likelihood and severity on the model's scales."""

    likelihood: int
    severity: int
    l_max: int = 4
    s_max: int = 4
    #: Level id and colour given by the risk model (None: computed from the default bounds).
    level_id: str | None = field(default=None, compare=False)
    colour_hex: str | None = field(default=None, compare=False)

    @classmethod
    def of(cls, value: Any, l_max: int, s_max: int) -> Risk:
        """A cell from the risk model's ``RiskValue``, keeping its level and colour.

        A model's own level ids (``risk.options["risk_levels"]``) have no report wording
        yet: those cells fall back to the default bounds (docs/risk-model.md, limits).
        """
        if value.level not in LEVEL_COLOURS:
            return cls(value.likelihood, value.severity, l_max, s_max)
        return cls(value.likelihood, value.severity, l_max, s_max, value.level, value.colour)

    @property
    def score(self) -> int:
        return self.likelihood * self.severity

    @property
    def fraction(self) -> float:
        return self.score / (self.l_max * self.s_max) if self.l_max and self.s_max else 0.0

    @property
    def level(self) -> str:
        if self.level_id is not None:
            return self.level_id
        if self.score <= 0:
            return "none"
        for name, bound in zip(LEVELS, LEVEL_BOUNDS, strict=False):
            if self.fraction <= bound + 1e-9:
                return name
        return LEVELS[-1]

    @property
    def colour(self) -> str:
        return self.colour_hex or LEVEL_COLOURS.get(self.level, LEVEL_COLOURS["none"])

    def short(self) -> str:
        return f"{self.likelihood}×{self.severity}"


def level_index(risk: Risk) -> int:
    return LEVELS.index(risk.level) if risk.level in LEVELS else -1


def scale_max(model: ThreatModel) -> tuple[int, int]:
    lik = max((s.value for s in model.risk.likelihood_levels), default=4) or 4
    sev = max((s.value for s in model.risk.severity_levels), default=4) or 4
    return lik, sev
