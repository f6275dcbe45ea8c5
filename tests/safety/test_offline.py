"""Offline and no code from files: checked while commands run, not only by reading imports."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from workbench.cli.main import main
from workbench.model.io import save_model

from ..model.factories import tiny_model

ROOT = Path(__file__).resolve().parents[2]


def test_commands_run_with_every_socket_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """Any attempt to connect, listen or resolve a name (getaddrinfo) fails the test."""
    attempts: list[str] = []

    def refuse(name: str):
        def call(*args, **kwargs):
            attempts.append(name)
            raise OSError("network disabled by the test")
        return call

    for method in ("connect", "connect_ex", "bind", "sendto"):
        monkeypatch.setattr(socket.socket, method, refuse(method))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    model = tmp_path / "m.twm.json"
    save_model(tiny_model(), model, keep_backup=False)
    for argv in (["validate", str(model)], ["threats", str(model), "--write"],
                 ["actors", str(model)], ["export", str(model), "--format", "otm"],
                 ["export", str(model), "--format", "md"],
                 ["report", str(model), "-o", str(tmp_path / "r.pdf")],
                 ["analyze", str(model), "--json"]):
        assert main(argv) == 0, capsys.readouterr().err
    assert attempts == []


#: Ways to run code that a model file could reach; fill_fr.py is a developer's script that
#: runs Qt's lrelease, never imported by the program.
DANGEROUS = re.compile(r"(?<![.\w])(eval|exec)\(|\bpickle\b|\bmarshal\b|shell\s*=\s*True|"
                       r"os\.system|os\.popen|yaml\.(unsafe_)?load\((?![^)]*Loader=Loader)|"
                       r"xml\.(dom\.)?minidom|from xml\.etree\.ElementTree import .*parse")


def test_no_code_runs_from_a_file() -> None:
    offenders = []
    for path in (ROOT / "workbench").rglob("*.py"):
        if path.name == "fill_fr.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if DANGEROUS.search(code):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
