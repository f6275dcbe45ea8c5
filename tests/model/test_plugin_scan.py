"""pydantic's plugin discovery is skipped only when no plugin can be installed
(``workbench.model.plugin_scan``): the file system's answer never says "none" where
``importlib.metadata`` would find a pydantic entry point, and an installed plugin is still
loaded and called."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from workbench.model import plugin_scan

ROOT = Path(__file__).resolve().parents[2]

PLUGIN_ENTRY = "[pydantic]\nfake = fakeplugin:plugin\n"


def _metadata_finds_a_plugin(path: list[str]) -> bool:
    """The plain way: what pydantic's loader asks (its entry-point group) over ``path``."""
    return any(d.entry_points.select(group="pydantic")
               for d in importlib.metadata.distributions(path=path))


def _dist(folder: Path, name: str, entry_points: str | None) -> Path:
    meta = folder / name
    meta.mkdir(parents=True)
    (meta / "METADATA").write_text("Metadata-Version: 2.1\nName: fake\nVersion: 1.0\n")
    if entry_points is not None:
        (meta / "entry_points.txt").write_text(entry_points)
    return meta


def _layouts(tmp: Path) -> dict[str, list[str]]:
    """Folders on a path as installs lay them out, with and without a pydantic plugin."""
    cases: dict[str, list[str]] = {}

    def case(name: str) -> Path:
        folder = tmp / name
        folder.mkdir()
        cases[name] = [str(folder)]
        return folder

    _dist(case("plugin"), "fakeplugin-1.0.dist-info", PLUGIN_ENTRY)
    _dist(case("plugin-upper-case"), "FAKEPLUGIN-1.0.DIST-INFO", PLUGIN_ENTRY)
    _dist(case("plugin-egg-info"), "fakeplugin-1.0.egg-info", PLUGIN_ENTRY)
    _dist(case("plugin-spaced"), "fakeplugin-1.0.dist-info", "[ pydantic ]\nfake = m:p\n")
    _dist(case("scripts-only"), "tool-1.0.dist-info", "[console_scripts]\ntool = tool:main\n")
    _dist(case("no-entry-points"), "lib-1.0.dist-info", None)
    (case("egg-info-file") / "old-1.0.egg-info").write_text("Name: old\n")
    archive = tmp / "plugin.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("fakeplugin-1.0.dist-info/METADATA", "Name: fakeplugin\nVersion: 1.0\n")
        zf.writestr("fakeplugin-1.0.dist-info/entry_points.txt", PLUGIN_ENTRY)
    cases["zip"] = [str(archive)]
    egg = tmp / "fakeplugin-1.0-py3.11.egg"
    _dist(egg, "EGG-INFO", PLUGIN_ENTRY)
    cases["egg"] = [str(egg)]
    cases["missing"] = [str(tmp / "nothing-here")]
    cases["mixed"] = cases["scripts-only"] + cases["missing"] + cases["plugin"]
    return cases


def test_none_is_said_only_where_importlib_metadata_finds_none(tmp_path: Path):
    seen = {}
    for name, path in _layouts(tmp_path).items():
        found = _metadata_finds_a_plugin(path)
        may = plugin_scan.plugin_may_be_installed(path)
        assert may or not found, name
        seen[name] = found, may
    # the layouts are what they claim: importlib.metadata finds these plugins
    assert {n for n, (found, _) in seen.items() if found} == {
        "plugin", "plugin-upper-case", "plugin-egg-info", "zip", "egg", "mixed"}
    # and the scan says "none" for the others, bar a mention it cannot read as a section
    assert {n for n, (_, may) in seen.items() if not may} == {
        "scripts-only", "no-entry-points", "egg-info-file", "missing"}


def test_this_environment():
    assert plugin_scan.plugin_may_be_installed() or not _metadata_finds_a_plugin(sys.path)


def _run(script: str, extra_path: list[str]) -> str:
    env = dict(os.environ)
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    env["PYTHONPATH"] = os.pathsep.join([*extra_path, str(ROOT), env.get("PYTHONPATH", "")])
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True).stdout.strip()


_IMPORT_MODEL = """
import sys
import workbench.model
from workbench.model.threat_model import ThreatModel
loader = sys.modules["pydantic.plugin._loader"]
print(hasattr(loader, "__file__"), "importlib.metadata" in sys.modules,
      list(loader.get_plugins()) == [])
"""


@pytest.mark.skipif(plugin_scan.plugin_may_be_installed(), reason="a pydantic plugin may be "
                    "installed here")
def test_without_plugins_the_model_layer_does_not_import_the_scan():
    assert _run(_IMPORT_MODEL, []) == "False False True"


def test_an_installed_plugin_is_still_loaded_and_called(tmp_path: Path):
    _dist(tmp_path, "fakeplugin-1.0.dist-info", PLUGIN_ENTRY)
    (tmp_path / "fakeplugin.py").write_text(
        "class Plugin:\n"
        "    seen = []\n"
        "    def new_schema_validator(self, schema, schema_type, *rest, **kw):\n"
        "        Plugin.seen.append(getattr(schema_type, '__name__', ''))\n"
        "        return None, None, None\n"
        "plugin = Plugin()\n")
    script = _IMPORT_MODEL + "import fakeplugin; print('ThreatModel' in fakeplugin.Plugin.seen)"
    assert _run(script, [str(tmp_path)]).splitlines() == ["True True False", "True"]
