"""The one save path: nothing overwritten by mistake, links kept, no torn or leaked copies,
no silent loss when two writers meet."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.cli.main import main
from workbench.model import dumps_model, io_write, load_model
from workbench.model.errors import ModelError
from workbench.model.io import ChangedOnDiskError, read_model, save_model

from ..model.factories import tiny_model


@pytest.fixture
def model_path(tmp_path: Path) -> Path:
    path = tmp_path / "m.twm.json"
    save_model(tiny_model(), path, keep_backup=False)
    return path


def _err(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().err


# -- outputs never replace a model ---------------------------------------------------------
@pytest.mark.parametrize("argv", [
    ["report", "{m}", "-o", "{m}"],
    ["screenshot", "{m}", "-o", "{m}"],
    ["export", "{m}", "--format", "md", "-o", "{other}"],
    ["report", "{m}", "-o", "{other}"],
    ["heatmap", "{m}", "-o", "{renamed}"],
    ["workshop", "export", "{m}", "-o", "{renamed}"],
])
def test_an_output_never_replaces_a_model(model_path: Path, argv: list[str],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    other = model_path.with_name("other.twm.json")
    renamed = model_path.with_name("model-copy.png")  # a model under an image's name
    for path in (other, renamed):
        path.write_text(dumps_model(tiny_model()), encoding="utf-8")
    before = {p: p.read_bytes() for p in (model_path, other, renamed)}
    filled = [a.format(m=model_path, other=other, renamed=renamed) for a in argv]
    assert main(filled) == 1
    err = _err(capsys)
    assert "is the input file" in err or "is a model file" in err, err
    assert {p: p.read_bytes() for p in before} == before
    assert not model_path.with_name(model_path.name + ".bak").exists()


def test_force_allows_replacing_another_model(model_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    other = model_path.with_name("other.twm.json")
    other.write_text(dumps_model(tiny_model()), encoding="utf-8")
    assert main(["export", str(model_path), "--format", "md", "-o", str(other),
                 "--force"]) == 0
    assert other.read_text(encoding="utf-8").startswith("#")


# -- symlinks --------------------------------------------------------------------------------
def test_saving_through_a_symlink_updates_the_target_and_keeps_the_link(
        tmp_path: Path, model_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "real.twm.json"
    model_path.rename(real)
    link = tmp_path / "link.twm.json"
    link.symlink_to(real)
    assert main(["threats", str(link), "--write"]) == 0
    assert link.is_symlink() and link.resolve() == real
    assert len(load_model(real).threats) > 0  # the real file got the threats
    assert (shared / "real.twm.json.bak").exists()  # the backup sits beside the real file
    assert not (tmp_path / "link.twm.json.bak").exists()


# -- round trip before replacing -----------------------------------------------------------
def test_a_model_that_could_not_be_read_back_is_never_written(
        model_path: Path) -> None:
    before = model_path.read_bytes()
    model = load_model(model_path)
    model.risk.options["note"] = "broken \ud800 text"  # accepted in memory, unsavable
    with pytest.raises(ModelError) as info:
        save_model(model, model_path)
    assert "risk.options.note: not saved: text holds an unpaired surrogate" in str(info.value)
    assert model_path.read_bytes() == before
    assert not any(p.name.endswith(io_write.TEMP_SUFFIX) for p in model_path.parent.iterdir())


# -- temporary files and permissions -------------------------------------------------------
def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_save_removes_copies_left_by_killed_saves(model_path: Path) -> None:
    folder = model_path.parent
    dead = folder / f".{model_path.name}.{_dead_pid()}.0badf00d{io_write.TEMP_SUFFIX}"
    dead_bak = folder / f".{model_path.name}.bak.{_dead_pid()}.0badf00d{io_write.TEMP_SUFFIX}"
    alive = folder / f".{model_path.name}.{os.getppid()}.1badf00d{io_write.TEMP_SUFFIX}"
    legacy = folder / f".{model_path.name}.ab12cd34.tmp"  # the writer before this one
    fresh_legacy = folder / f".{model_path.name}.zz12cd34.tmp"
    unrelated = folder / ".other.twm.json.ab12cd34.tmp"
    for path in (dead, dead_bak, alive, legacy, fresh_legacy, unrelated):
        path.write_text("a full copy of the model", encoding="utf-8")
    old = time.time() - 3600
    os.utime(legacy, (old, old))
    os.utime(unrelated, (old, old))
    save_model(load_model(model_path), model_path)
    assert not dead.exists() and not dead_bak.exists() and not legacy.exists()
    assert alive.exists()  # its writer may still be saving
    assert fresh_legacy.exists() and unrelated.exists()


def test_backups_are_private_and_the_model_keeps_its_mode(model_path: Path) -> None:
    os.chmod(model_path, 0o640)
    save_model(load_model(model_path), model_path)
    assert stat.S_IMODE(model_path.stat().st_mode) == 0o640
    backup = model_path.with_name(model_path.name + ".bak")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_temporary_files_are_private_while_they_exist(model_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append(stat.S_IMODE(os.stat(src).st_mode))
        return real_replace(src, dst)

    monkeypatch.setattr(io_write.os, "replace", spy)
    io_write.write_bytes_atomic(model_path, b"{}", private=True)
    assert seen == [0o600]


# -- changed on disk -----------------------------------------------------------------------
def test_a_save_refuses_to_replace_a_file_changed_since_it_was_read(model_path: Path) -> None:
    model, fingerprint = read_model(model_path)
    other = load_model(model_path)
    other.metadata.owner = "Someone else"
    save_model(other, model_path)  # another program saves in between
    model.metadata.owner = "Me"
    with pytest.raises(ChangedOnDiskError) as info:
        save_model(model, model_path, expect=fingerprint)
    assert "changed on disk since it was read" in str(info.value)
    assert load_model(model_path).metadata.owner == "Someone else"


def test_touching_the_file_is_no_change(model_path: Path) -> None:
    model, fingerprint = read_model(model_path)
    later = time.time() + 5
    os.utime(model_path, (later, later))
    save_model(model, model_path, expect=fingerprint)


REVIEW_RACE = """
import sys, time
from workbench.cli.main import main
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
sys.exit(main(["review", sys.argv[2], "--set", sys.argv[3]]))
"""


def test_two_review_sets_at_once_keep_both_answers(model_path: Path) -> None:
    """Issue 18 saw one answer lost in 19 of 20 trials, both runs printing "saved"."""
    for trial in range(4):
        save_model(tiny_model(), model_path, keep_backup=False)
        start = time.time() + 1.5
        procs = [subprocess.Popen([sys.executable, "-c", REVIEW_RACE, str(start),
                                   str(model_path), answer],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for answer in ("sbom=yes", "signed-firmware=no")]
        results = [p.communicate(timeout=60) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], results
        answers = {a.item: a.answer.value for a in load_model(model_path).review.answers}
        assert answers == {"sbom": "yes", "signed-firmware": "no"}, (trial, answers)


# -- disk errors ---------------------------------------------------------------------------
@pytest.mark.parametrize(("code", "reason"), [(errno.ENOSPC, "disk full"),
                                              (errno.EROFS, "read-only file system")])
def test_a_full_or_read_only_disk_is_one_clear_line(model_path: Path, code: int, reason: str,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    before = model_path.read_bytes()

    def failing_fsync(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(io_write.os, "fsync", failing_fsync)
    assert main(["threats", str(model_path), "--write"]) == 1
    err = _err(capsys)
    assert err == f"workbench: {model_path}: cannot write ({reason}); m.twm.json left as it " \
                  f"was\n"
    assert model_path.read_bytes() == before
    assert [p.name for p in model_path.parent.iterdir()] == ["m.twm.json"]


# -- non-regular files ---------------------------------------------------------------------
def test_a_fifo_is_refused_at_once(tmp_path: Path, model_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "x.twm.json"
    os.mkfifo(fifo)
    assert main(["validate", str(fifo), str(model_path), "/dev/zero"]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"{fifo}: $: is a named pipe (FIFO), not a regular file",
        "/dev/zero: $: is a device, not a regular file"]
    assert captured.out == f"{model_path}: ok\n"


def test_validate_reports_every_file(tmp_path: Path, model_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.twm.json"
    doc = json.loads(model_path.read_text(encoding="utf-8"))
    doc["zones"][0]["trust_level"] = "@@"
    bad.write_text(json.dumps(doc).replace('"@@"', "9" * 5000), encoding="utf-8")
    v0 = tmp_path / "v0.twm.json"
    v0.write_text('{"elements": {"a": 1}}', encoding="utf-8")
    assert main(["validate", str(bad), str(v0), str(model_path)]) == 1
    captured = capsys.readouterr()
    assert [line.split(": ")[0] for line in captured.err.splitlines()] == [str(bad), str(v0)]
    assert "internal error" not in captured.err
    assert captured.out == f"{model_path}: ok\n"


KILLED_WRITER = """
import os, sys, time
from workbench.model import load_model, save_model
path = sys.argv[1]
model = load_model(path)
model.metadata.version = "killed"
os.replace = lambda *args: time.sleep(3600)  # killed between the temp file and the rename
print("ready", flush=True)
save_model(model, path)
"""


def test_killed_saves_leave_nothing_behind_after_the_next_save(model_path: Path) -> None:
    """Issue 18: 100 kills left 115 hidden full copies (425 MB), never removed."""
    folder = model_path.parent
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(model_path)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        deadline = time.time() + 30
        while time.time() < deadline and not any(
                p.name.startswith(f".m.twm.json.{proc.pid}.") for p in folder.iterdir()):
            time.sleep(0.05)
        proc.kill()
        proc.wait(timeout=30)
    left = [p for p in folder.iterdir() if p.name.endswith(io_write.TEMP_SUFFIX)]
    # each killed save had removed its dead predecessor's copies: only the last one's are left
    # (the new model, and the backup it was writing)
    assert left and all(f".{proc.pid}." in p.name for p in left)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in left)  # never readable
    assert load_model(model_path).metadata.version != "killed"  # the old file, whole
    save_model(load_model(model_path), model_path)
    assert sorted(p.name for p in folder.iterdir()) == ["m.twm.json", "m.twm.json.bak"]


@pytest.mark.parametrize("argv", [
    ["import", "{fifo}", "-o", "{out}"], ["import", "{fifo}", "--from", "otm", "-o", "{out}"],
    ["threats", "{model}", "--catalog", "{fifo}"], ["diff", "{model}", "{fifo}"],
    ["report", "{model}", "--since", "{fifo}", "-o", "{pdf}"],
])
def test_no_reader_waits_on_a_fifo(tmp_path: Path, model_path: Path, argv: list[str],
                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A plain open() of a FIFO blocks until a writer comes: `validate` and `import` hung."""
    fifo = tmp_path / "x.otm.json"
    os.mkfifo(fifo)
    filled = [a.format(fifo=fifo, out=tmp_path / "o.twm.json", model=model_path,
                       pdf=tmp_path / "r.pdf") for a in argv]
    assert main(filled) == 1
    err = capsys.readouterr().err
    assert "not a regular file" in err and str(fifo) in err
