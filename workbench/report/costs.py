"""What a control costs, as ranges a board can fund: person-days and money.

Why ranges from data: a board asks "how much?" before "how much risk?", and a cost class
("medium") answers neither. ``control-costs.json`` holds order-of-magnitude ranges per catalog
control (one-off effort in person-days, first-year external spend, extra days per further
element covered) and per cost class for the organisation's own controls. An organisation sets
its own figures (day rate, currency, any control or class) in a settings file; the report says
which source it used. Both files are validated on load and a bad one names the field.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from workbench.model.entities import ControlInstance
from workbench.model.errors import ModelError, Problem, format_loc

DATA_FILE = Path(__file__).with_name("control-costs.json")
#: Environment variable naming the organisation's settings file (else the user config path).
SETTINGS_ENV = "THREAT_WORKBENCH_SETTINGS"

NonNegative = Annotated[float, Field(ge=0)]


class Range(BaseModel):
    """A [low, high] pair validated as such."""

    model_config = ConfigDict(extra="forbid")
    low: NonNegative
    high: NonNegative

    @model_validator(mode="before")
    @classmethod
    def _from_pair(cls, value):
        if isinstance(value, list | tuple):
            if len(value) != 2:
                raise ValueError("expected [low, high]")
            return {"low": value[0], "high": value[1]}
        return value

    @model_validator(mode="after")
    def _ordered(self):
        if self.low > self.high:
            raise ValueError(f"low {self.low:g} is above high {self.high:g}")
        return self


class CostEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    days: Range
    per_element_days: Range = Range(low=0, high=0)
    spend: Range = Range(low=0, high=0)
    why: str = ""  # one line: what the figure covers (rationale, docs/attack-paths.md "Costs")


class CostTable(BaseModel):
    """The shipped file, or the ``control_costs`` part of a settings file (all optional)."""

    model_config = ConfigDict(extra="forbid")
    format: int = 1
    version: str = ""
    description: str = ""
    currency: Annotated[str, Field(min_length=1, max_length=8)] | None = None
    day_rate: NonNegative | None = None
    classes: dict[str, CostEntry] = Field(default_factory=dict)
    controls: dict[str, CostEntry] = Field(default_factory=dict)


@dataclass(frozen=True)
class Costs:
    """The ranges in force: shipped data with the organisation's settings laid over."""

    currency: str
    day_rate: float
    classes: dict[str, CostEntry]
    controls: dict[str, CostEntry]
    version: str
    settings: str = ""  # path of the organisation's settings file, when one was used

    def entry(self, control: ControlInstance) -> tuple[CostEntry, str]:
        """The entry for a control instance and where it came from ("control" or "class")."""
        for key in (control.catalog_id, (control.catalog_id or "").split(":", 1)[-1],
                    control.id):
            if key and key in self.controls:
                return self.controls[key], "control"
        label = (control.cost or "medium").strip().lower()
        return self.classes.get(label) or self.classes["medium"], "class"

    def estimate(self, control: ControlInstance) -> Estimate:
        entry, basis = self.entry(control)
        extra = max(len(control.elements) - 1, 0)
        days_low = entry.days.low + extra * entry.per_element_days.low
        days_high = entry.days.high + extra * entry.per_element_days.high
        return Estimate(days_low, days_high,
                        entry.spend.low + days_low * self.day_rate,
                        entry.spend.high + days_high * self.day_rate, self.currency, basis)


@dataclass(frozen=True)
class Estimate:
    """Person-days and money (effort at the day rate plus external spend), low and high."""

    days_low: float
    days_high: float
    money_low: float
    money_high: float
    currency: str
    basis: str = "control"

    def __add__(self, other: Estimate) -> Estimate:
        return Estimate(self.days_low + other.days_low, self.days_high + other.days_high,
                        self.money_low + other.money_low, self.money_high + other.money_high,
                        self.currency, self.basis)

    @property
    def middle(self) -> float:
        return (self.money_low + self.money_high) / 2


ZERO = Estimate(0, 0, 0, 0, "EUR")


def _validate(raw: object, source: str, where: str = "") -> CostTable:
    try:
        return CostTable.model_validate(raw)
    except ValidationError as exc:
        raise ModelError([Problem(where + format_loc(tuple(e["loc"])), e["msg"])
                          for e in exc.errors()], source) from None


def _read(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError([Problem("$", f"cannot read: {exc}")], str(path)) from None
    except ValueError as exc:
        raise ModelError([Problem("$", f"not JSON: {exc}")], str(path)) from None


@cache
def shipped() -> CostTable:
    table = _validate(_read(DATA_FILE), str(DATA_FILE))
    problems = [Problem(f"classes.{name}", "missing") for name in ("low", "medium", "high")
                if name not in table.classes]
    if table.currency is None or table.day_rate is None:
        problems.append(Problem("$", "currency and day_rate are required"))
    if problems:
        raise ModelError(problems, str(DATA_FILE))
    return table


def default_settings_path() -> Path | None:
    """``$THREAT_WORKBENCH_SETTINGS``, else ``settings.json`` in the user's configuration
    folder (``~/.config/threat-workbench`` on Linux) when it exists."""
    env = os.environ.get(SETTINGS_ENV)
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    path = Path(user_config_dir("threat-workbench", appauthor=False)) / "settings.json"
    return path if path.is_file() else None


def load_costs(settings: Path | None = None, *, use_default: bool = True) -> Costs:
    """The shipped ranges, overridden by the organisation's settings file when there is one.

    The settings file is JSON: ``{"control_costs": {"currency": "EUR", "day_rate": 750,
    "classes": {...}, "controls": {"mfa": {"days": [5, 10], "spend": [0, 0]}}}}``.
    """
    base = shipped()
    path = settings or (default_settings_path() if use_default else None)
    currency, day_rate = base.currency or "EUR", base.day_rate or 0.0
    classes, controls = dict(base.classes), dict(base.controls)
    if path is not None:
        raw = _read(path)
        if not isinstance(raw, dict):
            raise ModelError([Problem("$", "expected an object")], str(path))
        override = _validate(raw.get("control_costs", {}), str(path), "control_costs.")
        currency = override.currency or currency
        day_rate = override.day_rate if override.day_rate is not None else day_rate
        classes.update(override.classes)
        controls.update(override.controls)
    return Costs(currency, day_rate, classes, controls, base.version,
                 str(path) if path is not None else "")


def money(value: float, currency: str, lang: str) -> str:
    """A rounded amount, two significant figures, thousands as "k" ("€48k"; "48 k€")."""
    amount, unit = value, ""
    for size, name in ((1_000_000, "M"), (1_000, "k")):
        if value >= size:
            amount, unit = value / size, name
            break
    if amount > 0:
        amount = round(amount, 1 - int(math.floor(math.log10(amount))))
    text = f"{amount:.1f}".rstrip("0").rstrip(".") if amount < 10 else f"{amount:.0f}"
    symbol = {"EUR": "€", "USD": "$", "GBP": "£"}.get(currency, currency)
    if lang == "fr":
        return f"{text.replace('.', ',')}\u202f{unit}{symbol}"
    if symbol in ("€", "$", "£"):
        return f"{symbol}{text}{unit}"
    return f"{text}{unit} {symbol}"


def money_range(est: Estimate, lang: str) -> str:
    """"€120k–€450k"; in French "120 à 450 k€" (unit once, range kept on one line).

    The French "120 k€ à 450 k€" broke across two lines in the board's plan table.
    """
    low = money(est.money_low, est.currency, lang)
    high = money(est.money_high, est.currency, lang)
    if lang != "fr":
        return f"{low}–{high}"
    number, _, unit = low.partition("\u202f")
    if unit and high.endswith("\u202f" + unit):
        return f"{number}\u00a0à\u00a0{high}"
    return f"{low} à {high}"


def days_range(est: Estimate, lang: str) -> str:
    low, high = round(est.days_low), round(est.days_high)
    if lang == "fr":
        return f"{low} à {high} jours-personne"
    return f"{low}–{high} person-days"
