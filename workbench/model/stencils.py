"""Element types (stencils) as versioned data files in ``stencils/``, validated on load."""


import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from pydantic import Field, ValidationError

from workbench.data import data_dir
from workbench.model.base import Identifier, ShortText, Strict, Text, new_list
from workbench.model.entities import Component, ComponentProperties
from workbench.model.enums import AssetKind, Layer
from workbench.model.errors import ModelError, Problem, format_loc

STENCIL_FORMAT = 1


def stencils_dir() -> Path:
    """The shipped stencil folder (package data)."""
    return data_dir("stencils")


class Stencil(Strict):
    """One element type: what it is, where it sits, and what it usually holds."""

    id: Identifier
    label: ShortText
    label_fr: ShortText | None = None
    layer: Layer
    category: ShortText
    shape: ShortText = "box"
    icon: ShortText | None = None
    description: Text | None = None
    defaults: ComponentProperties = Field(default_factory=ComponentProperties)
    typical_assets: list[AssetKind] = Field(default_factory=new_list)
    interfaces: list[ShortText] = Field(default_factory=new_list)
    tags: list[ShortText] = Field(default_factory=new_list)
    aliases: list[ShortText] = Field(default_factory=new_list)


    def instantiate(self, component_id: str, name: str | None = None,
                    zone: str | None = None) -> Component:
        """A new component of this type, starting from the stencil's default properties."""
        return Component(id=component_id, name=name or self.label, stencil=self.id,
                         layer=self.layer, zone=zone,
                         properties=self.defaults.model_copy(deep=True))


class StencilFile(Strict):
    stencil_format: int
    stencils: list[Stencil]


class StencilLibrary:
    """All stencils by id, in file order, with lookups by layer."""

    def __init__(self, stencils: Iterable[Stencil]):
        self._by_id: dict[str, Stencil] = {}
        for stencil in stencils:
            self._by_id[stencil.id] = stencil

    def __contains__(self, stencil_id: object) -> bool:
        return stencil_id in self._by_id

    def __iter__(self) -> Iterator[Stencil]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, stencil_id: str) -> Stencil | None:
        return self._by_id.get(stencil_id)

    def __getitem__(self, stencil_id: str) -> Stencil:
        return self._by_id[stencil_id]

    def by_layer(self, layer: Layer) -> list[Stencil]:
        return [s for s in self._by_id.values() if s.layer == layer]

    @classmethod
    def load(cls, paths: Iterable[Path]) -> "StencilLibrary":
        """Read stencil files; duplicate ids across files and bad fields are errors."""
        stencils: list[Stencil] = []
        seen: dict[str, str] = {}
        problems: list[Problem] = []
        for path in sorted(paths):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                parsed = StencilFile.model_validate(data)
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise ModelError([Problem("$", f"cannot read stencil file: {exc}")],
                                 str(path)) from None
            except ValidationError as exc:
                raise ModelError(
                    [Problem(format_loc(e["loc"]), e["msg"]) for e in exc.errors()], str(path)
                ) from None
            if parsed.stencil_format != STENCIL_FORMAT:
                problems.append(Problem("stencil_format", f"unsupported {parsed.stencil_format}"))
            for index, stencil in enumerate(parsed.stencils):
                if stencil.id in seen:
                    problems.append(Problem(
                        f"stencils[{index}].id",
                        f"duplicate stencil id {stencil.id!r} in {path.name} "
                        f"(also in {seen[stencil.id]})",
                    ))
                seen[stencil.id] = path.name
                stencils.append(stencil)
        if problems:
            raise ModelError(problems, "stencils")
        return cls(stencils)


@lru_cache(maxsize=1)
def default_stencils() -> StencilLibrary:
    """The shipped stencils and the user's own (model/userdata.py), loaded once per process."""
    from workbench.model.userdata import user_files

    return StencilLibrary.load([*stencils_dir().glob("*.json"), *user_files("stencils")])
