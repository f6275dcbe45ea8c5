"""pydantic's plugin discovery, skipped when no installed distribution offers a plugin.

pydantic looks for plugins once per process, when its first model class is built: it
imports ``importlib.metadata`` (and with it ``email``, ``zipfile``, ``csv``, ``socket``,
``calendar``...) and reads the entry points of every installed distribution. That was
about a twelfth of the instructions ``workbench analyze`` spends starting, and of
``workbench validate``'s start, for an answer that is nearly always "none".

:func:`skip_plugin_scan_when_none_installed` asks the same question of the file system
first: only when every place ``importlib.metadata`` would look is a folder whose
distributions' ``entry_points.txt`` never mention pydantic does it give pydantic a loader
that answers "no plugins". Anything it cannot vouch for (a zip or egg on the path, an
unreadable file, another finder of distributions) leaves pydantic's own loader in place,
so an installed plugin is found and loaded exactly as before.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Iterable
from importlib.machinery import PathFinder

#: The module pydantic imports to find plugins (``pydantic.plugin._schema_validator``).
LOADER = "pydantic.plugin._loader"
_METADATA_SUFFIXES = (".dist-info", ".egg-info")


def skip_plugin_scan_when_none_installed() -> None:
    """Before pydantic's first model class: when no plugin can be installed, pydantic's
    loader is one that finds none (what the real one would find), without the import and
    the scan. Nothing is done once the real loader has been imported."""
    if LOADER in sys.modules or plugin_may_be_installed():
        return
    sys.modules[LOADER] = _loader_finding_none()


def plugin_may_be_installed(path: Iterable[str] | None = None) -> bool:
    """False only when ``importlib.metadata.entry_points(group="pydantic")`` is surely
    empty: every entry of ``path`` (default ``sys.path``) is a readable folder, or absent,
    and no distribution's metadata folder there mentions pydantic in its entry points."""
    if any(finder is not PathFinder and hasattr(finder, "find_distributions")
           for finder in sys.meta_path):
        return True  # a finder that may report distributions we cannot see here
    for entry in sys.path if path is None else path:
        if _folder_may_offer_a_plugin(entry or "."):
            return True
    return False


def _folder_may_offer_a_plugin(folder: str) -> bool:
    if folder.lower().endswith(".egg"):
        return True  # an egg's metadata lives inside it (EGG-INFO)
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return False  # nothing there, for importlib.metadata either
    except OSError:
        return True  # a zip file, an unreadable folder: importlib.metadata decides
    return any(name.lower().endswith(_METADATA_SUFFIXES)
               and _mentions_pydantic(os.path.join(folder, name)) for name in names)


def _mentions_pydantic(metadata: str) -> bool:
    """The distribution's ``entry_points.txt`` names pydantic anywhere (a section
    ``[pydantic]`` declares a plugin; any other mention is also left to pydantic)."""
    try:
        with open(os.path.join(metadata, "entry_points.txt"), "rb") as handle:
            return b"pydantic" in handle.read().lower()
    except (FileNotFoundError, NotADirectoryError):
        return False  # no entry points (an ``.egg-info`` may be a single file)
    except OSError:
        return True


def _loader_finding_none() -> types.ModuleType:
    module = types.ModuleType(LOADER, "pydantic's plugin loader when no plugin is installed "
                                      "(workbench.model.plugin_scan)")

    def get_plugins() -> tuple[()]:
        """No distribution offers a pydantic plugin (checked before pydantic asked)."""
        return ()

    module.get_plugins = get_plugins  # type: ignore[attr-defined]
    return module
