"""When Qt cannot open a window: one line naming the package, and the summary instead.

Qt aborts the whole process from C++ when its platform plugin cannot load (rc 134 and
three lines of Qt jargon); `workbench FILE` must still print the model's summary.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import qt_check
from workbench.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample-models" / "insulin-closed-loop.twm.json"

# What PySide6 6.12 printed on the dev machine before aborting (missing libxcb-cursor0).
QT_ABORT = """\
qt.qpa.plugin: From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb \
platform plugin.
qt.qpa.plugin: Could not load the Qt platform plugin "xcb" in "" even though it was found.
This application failed to start because no Qt platform plugin could be initialized.
"""


class Answer:
    """A check whose answer is known (the real one runs in the last test of this file)."""

    def __init__(self, problem: qt_check.QtProblem | None):
        self.problem = problem

    def result(self) -> qt_check.QtProblem | None:
        return self.problem


def test_qt_abort_text_names_the_debian_package() -> None:
    problem = qt_check.problem_from_output(QT_ABORT, can_load=lambda _lib: False)
    assert problem.packages == ("libxcb-cursor0",)
    assert "sudo apt-get install libxcb-cursor0" in problem.message()


def test_qt_blames_xcb_cursor_for_any_failure_so_check_it_first() -> None:
    """Qt 6.12 prints the xcb-cursor line for an unreachable display too (seen here)."""
    text = "qt.qpa.xcb: could not connect to display :97\n" + QT_ABORT
    problem = qt_check.problem_from_output(text, can_load=lambda _lib: False)
    assert problem.message() == "the window cannot start: could not connect to display :97"
    present = qt_check.problem_from_output(QT_ABORT, can_load=lambda _lib: True)
    assert not present.libraries
    assert "Could not load the Qt platform plugin" in present.message()


def test_loader_errors_name_every_missing_package_once() -> None:
    text = ("libxcb-icccm.so.4: cannot open shared object file: No such file or directory\n"
            "libxcb-keysyms.so.1: cannot open shared object file: No such file or directory\n"
            "libxcb-icccm.so.4: cannot open shared object file: No such file or directory")
    problem = qt_check.problem_from_output(text)
    assert problem.libraries == ("libxcb-icccm.so.4", "libxcb-keysyms.so.1")
    assert problem.message().endswith("sudo apt-get install libxcb-icccm4 libxcb-keysyms1")


def test_an_unknown_library_says_how_to_find_its_package() -> None:
    problem = qt_check.import_problem(ImportError(
        "libfoo-9.so.2: cannot open shared object file: No such file or directory"))
    assert "apt-file search" in problem.message() and "libfoo-9.so.2" in problem.message()


def test_unreachable_display_is_said_in_qt_words() -> None:
    problem = qt_check.problem_from_output(
        "qt.qpa.xcb: could not connect to display :42\nqt.qpa.plugin: Could not load ...")
    assert problem.message() == "the window cannot start: could not connect to display :42"


def test_open_falls_back_to_the_summary_with_one_line(monkeypatch, capsys) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(qt_check, "start_window_check", lambda: Answer(
        qt_check.QtProblem(libraries=("libxcb-cursor.so.0",))))
    assert main([str(SAMPLE)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("Hybrid closed-loop insulin delivery")
    assert captured.err.splitlines() == [
        "workbench: the window needs system libraries that are missing (libxcb-cursor.so.0); "
        "install them with: sudo apt-get install libxcb-cursor0; showing the summary instead"]


def test_open_without_a_file_cannot_fall_back(monkeypatch, capsys) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(qt_check, "start_window_check", lambda: Answer(
        qt_check.QtProblem(detail="could not connect to display :0")))
    assert main([]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "workbench: the window cannot start: could not connect to display :0"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xcb is Linux's")
def test_a_window_that_cannot_open_never_aborts_the_program(tmp_path: Path) -> None:
    """The real thing, no stub: a display number nobody serves, in a child process.

    Whatever this machine lacks (xcb libraries, or just an X server on :97), Qt would
    abort with rc 134; the program must print the summary and one line instead.
    """
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "WORKBENCH_DEBUG")}
    env.update(DISPLAY=":97", XAUTHORITY=str(tmp_path / "none"))
    done = subprocess.run([sys.executable, "-m", "workbench", str(SAMPLE)], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Hybrid closed-loop insulin delivery")
    [line] = done.stderr.splitlines()
    assert line.startswith("workbench: the window ") and line.endswith(
        "showing the summary instead")
    # The right reason: the libraries this machine lacks, else the display nobody serves.
    lacking = qt_check.check_libraries(qt_check.xcb_plugin())
    if lacking is not None:
        assert f"sudo apt-get install {' '.join(lacking.packages)}" in line
    else:
        assert "could not connect to display :97" in line
