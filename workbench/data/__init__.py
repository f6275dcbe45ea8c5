"""The data the program ships (stencils, catalogs, schemas, sample models), found beside
this module, as ``importlib.resources`` finds a package's files, so a wheel, ``pip install
.`` and an editable install behave the same from any folder. The repository's top-level
``stencils/``, ``catalogs/``, ``schema/`` and ``sample-models/`` are symlinks into this
folder, kept for people reading the source.
"""

from __future__ import annotations

from pathlib import Path

#: The shipped data folders, by name.
FOLDERS = ("stencils", "catalogs", "schema", "sample-models")


def files(package: str) -> Path:
    """This package's folder (``package`` is this module's name): what
    ``importlib.resources.files`` answers for a package installed as files, the only kind
    of install :func:`data_dir` accepts, without importing ``importlib.resources`` (and
    ``tempfile``, ``shutil``, ``bz2``, ``lzma``) at every start. Tests replace it to play
    a broken install."""
    return Path(__file__).parent


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
