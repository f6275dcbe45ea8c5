"""The data the program ships (stencils, catalogs, schemas, sample models), found through
``importlib.resources`` so a wheel, ``pip install .`` and an editable install behave the
same from any folder. The repository's top-level ``stencils/``, ``catalogs/``, ``schema/``
and ``sample-models/`` are symlinks into this folder, kept for people reading the source.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

#: The shipped data folders, by name.
FOLDERS = ("stencils", "catalogs", "schema", "sample-models")


class DataMissingError(FileNotFoundError):
    """A shipped data folder is absent: a broken install, not a user error."""


def data_dir(name: str) -> Path:
    """The shipped folder ``name`` (one of :data:`FOLDERS`) as a real path.

    Wheels install unzipped, so the resource is a plain directory; a missing one means the
    install is broken, and the message says so rather than blaming the user's file.
    """
    if name not in FOLDERS:
        raise ValueError(f"unknown data folder {name!r}")
    path = Path(str(files(__name__) / name))
    if not path.is_dir():
        raise DataMissingError(
            f"the program's {name}/ data folder is missing from the installation ({path}); "
            "reinstall threat-workbench")
    return path
