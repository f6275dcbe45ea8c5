"""Can Qt open a window here? Asked before any QApplication exists.

Qt does not raise when its platform plugin cannot load (a missing xcb library, an
unreachable display): it prints a few lines and aborts the whole process from C++, so a
``workbench FILE`` on a machine without ``libxcb-cursor0`` died with rc 134 and lost the
summary it could have printed. We ask first: the xcb plugin is loaded in-process with
ctypes (a missing library is an OSError there, named with ``ldd``), then a child process
creates a QGuiApplication (cost: ``benchmarks/bench_window_probe.py``), and Qt's words
become one line naming the Debian package to install. The child is this same program
with ``WORKBENCH_QT_PROBE=1`` set, so it works the same from a venv, a wheel or a
PyInstaller bundle (where ``sys.executable`` is the bundle, not a Python).
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PROBE_ENV = "WORKBENCH_QT_PROBE"
PROBE_TIMEOUT_S = 30.0

# Shared library (soname) -> Debian/Ubuntu package providing it. The first nine are the
# xcb libraries a real window needs beyond what offscreen rendering needs (issue 14).
DEBIAN_PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}

XCB_CURSOR = "libxcb-cursor.so.0"
_MISSING_LIB = re.compile(r"([\w.+-]+\.so(?:\.\d+)*): cannot open shared object file")


@dataclass(frozen=True)
class QtProblem:
    """Why no window: the missing libraries (with their packages) or Qt's own words."""

    libraries: tuple[str, ...] = ()
    detail: str = ""

    @property
    def packages(self) -> tuple[str, ...]:
        found = [DEBIAN_PACKAGES.get(lib, "") for lib in self.libraries]
        return tuple(dict.fromkeys(p for p in found if p))

    def message(self, what: str = "the window") -> str:
        """One line: what is missing and the command that installs it."""
        if self.libraries:
            unknown = [lib for lib in self.libraries if lib not in DEBIAN_PACKAGES]
            text = f"{what} needs system libraries that are missing ({', '.join(self.libraries)})"
            if self.packages:
                text += f"; install them with: sudo apt-get install {' '.join(self.packages)}"
            if unknown:
                text += f" (find the package of {', '.join(unknown)} with apt-file search)"
            return text
        return f"{what} cannot start: {self.detail or 'Qt could not open a window'}"


def missing_libraries(text: str) -> tuple[str, ...]:
    """Sonames named in a dynamic loader's "cannot open shared object file" messages."""
    return tuple(dict.fromkeys(_MISSING_LIB.findall(text)))


def ldd_missing(library: Path) -> tuple[str, ...]:
    """Every dependency of ``library`` the loader cannot find (``ldd``; empty if absent).

    dlopen names only the first missing library; a user would then install, retry and
    hit the next one. ``ldd`` lists them all at once.
    """
    ldd = shutil.which("ldd")
    if ldd is None:
        return ()
    try:
        out = subprocess.run([ldd, str(library)], capture_output=True, text=True,
                             timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    found = re.findall(r"^\s*(\S+) => not found", out, flags=re.MULTILINE)
    return tuple(dict.fromkeys(found))


def xcb_plugin() -> Path | None:
    """The Qt xcb platform plugin shipped with PySide6, without importing Qt."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for base in spec.submodule_search_locations:
        plugin = Path(base) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def check_libraries(plugin: Path | None) -> QtProblem | None:
    """Load the xcb plugin (and so its libraries) in this process: fast and exact."""
    if plugin is None or not sys.platform.startswith("linux"):
        return None
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        libs = ldd_missing(plugin) or missing_libraries(str(exc))
        return QtProblem(libraries=libs, detail=str(exc))
    if not loadable(XCB_CURSOR):  # not linked: Qt >= 6.5 loads it at run time
        return QtProblem(libraries=(XCB_CURSOR,))
    return None


def probe_command() -> list[str]:
    """This program, asked only to create a QGuiApplication and exit."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "workbench"]


class WindowCheck:
    """The check, started at once and answered later: the child's Qt start overlaps the
    parent's own imports of the window's modules (see cmd_open), so it costs little."""

    def __init__(self, timeout: float = PROBE_TIMEOUT_S):
        self.timeout = timeout
        self.problem: QtProblem | None = None
        self._child: subprocess.Popen | None = None
        platform = os.environ.get("QT_QPA_PLATFORM", "")
        if platform in ("", "xcb") and os.environ.get("DISPLAY") \
                and not os.environ.get("WAYLAND_DISPLAY"):
            self.problem = check_libraries(xcb_plugin())
        if self.problem is not None:
            return
        env = dict(os.environ, **{PROBE_ENV: "1"})
        try:
            self._child = subprocess.Popen(
                probe_command(), env=env, stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        except OSError as exc:
            self.problem = QtProblem(
                detail=f"cannot run {probe_command()[0]}: {exc.strerror or exc}")

    def result(self) -> QtProblem | None:
        """None when a window can open, else why not (waits for the child)."""
        child, self._child = self._child, None
        if child is None:
            return self.problem
        try:
            _, stderr = child.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            self.problem = QtProblem(detail=f"Qt did not start within {self.timeout:.0f} s")
            return self.problem
        if child.returncode != 0:
            self.problem = problem_from_output(stderr or "")
        return self.problem


def loadable(soname: str) -> bool:
    """Whether the dynamic loader finds ``soname`` here."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def problem_from_output(stderr: str, can_load=loadable) -> QtProblem:
    """Qt's complaint, reduced to the missing libraries or its most telling line.

    Qt >= 6.5 prints "xcb-cursor0 or libxcb-cursor0 is needed" whenever the xcb plugin
    fails, an unreachable display included: it is believed only when the library is
    really missing, and "could not connect to display" wins over it.
    """
    libs = missing_libraries(stderr)
    if libs:
        return QtProblem(libraries=libs)
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    display = [line for line in lines if "could not connect to display" in line.lower()]
    if display:
        return QtProblem(detail=_strip_category(display[0]))
    if "libxcb-cursor0 is needed" in stderr and not can_load(XCB_CURSOR):
        return QtProblem(libraries=(XCB_CURSOR,))
    telling = [line for line in lines if "Could not load the Qt platform plugin" in line]
    return QtProblem(detail=_strip_category((telling or lines or ["Qt aborted"])[0]))


def _strip_category(line: str) -> str:
    return re.sub(r"^qt\.qpa\.\w+:\s*", "", line)


def start_window_check() -> WindowCheck:
    """Start the check; read its answer with ``.result()`` before creating a QApplication."""
    return WindowCheck()


def window_problem() -> QtProblem | None:
    """None when a window can open here, else why not (checked before any QApplication)."""
    return WindowCheck().result()


def import_problem(exc: ImportError) -> QtProblem:
    """An ImportError of PySide6 (a missing libglib, libEGL...) as a QtProblem."""
    libs = missing_libraries(str(exc))
    return QtProblem(libraries=libs, detail=str(exc))


def run_probe() -> int:
    """The child's side: exit 0 when a QGuiApplication can be created, else Qt aborts."""
    try:
        from PySide6.QtGui import QGuiApplication
    except ImportError as exc:
        print(str(exc), file=sys.stderr)
        return 3
    app = QGuiApplication(sys.argv[:1])
    del app
    return 0
