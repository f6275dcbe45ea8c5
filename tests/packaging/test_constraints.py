"""constraints.txt pins every dependency pyproject.toml names, inside its declared range.

A dependency added to pyproject.toml without regenerating the lock would install at
whatever version is newest on the day (issue 14); this test names the command to run.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
REGENERATE = "regenerate constraints.txt with pip-compile (command in docs/install.md)"


def pins() -> dict[str, str]:
    found = {}
    for line in (ROOT / "constraints.txt").read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not pinned with =="
            found[canonicalize_name(name)] = version
    return found


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    names = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        names += extra
    return [Requirement(text) for text in names]


def test_every_dependency_is_pinned_within_its_range() -> None:
    pinned = pins()
    for req in declared():
        name = canonicalize_name(req.name)
        assert name in pinned, f"{req.name} is not in constraints.txt: {REGENERATE}"
        assert req.specifier.contains(pinned[name], prereleases=True), (
            f"constraints.txt pins {req.name}=={pinned[name]}, outside {req.specifier}: "
            f"{REGENERATE}")


def test_pyside6_has_an_upper_bound() -> None:
    """Minor releases of PySide6 remove deprecated overloads: take them deliberately."""
    [qt] = [r for r in declared() if canonicalize_name(r.name) == "pyside6-essentials"]
    assert any(spec.operator == "<" for spec in qt.specifier)
