"""The window never loses work: a failed save keeps it open with the reason and a recovery
file; a file changed on disk is not overwritten silently; each window has its own recovery."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from tests.model.factories import tiny_model
from workbench.gui.recovery import Recovery
from workbench.model import io_write, load_model
from workbench.model.io import save_model


def _edit(window) -> None:
    """One undoable edit: the document becomes dirty."""
    window.scene.select_ids(["lte"])
    window.delete_selection()
    assert window.doc.dirty


def test_close_with_save_on_a_full_disk_keeps_the_window_and_the_work(
        make_window, tiny_path, dialogs, monkeypatch) -> None:
    window = make_window(tiny_path)
    _edit(window)
    before = tiny_path.read_bytes()

    disk = {"full": True}
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if disk["full"]:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(io_write.os, "fsync", fsync)
    dialogs.answer = QMessageBox.StandardButton.Save  # "Save" in the unsaved-changes prompt
    window.close()
    assert window.isVisible()  # the close was refused
    kind, title, text = dialogs.shown[-1]
    assert kind == "critical" and "No space left on device" in text
    assert "file on disk is unchanged" in text
    assert tiny_path.read_bytes() == before
    disk["full"] = False
    # the recovery file could not be written on the full disk either: the dialog says so
    assert "could not be written either" in text
    window.autosave()  # once space is back, the minute timer keeps the work
    assert window.recovery.pending()


def test_an_unsavable_model_is_refused_with_the_field_and_kept_in_recovery(
        make_window, tiny_path, dialogs) -> None:
    window = make_window(tiny_path)
    _edit(window)
    window.doc.model.risk.options["note"] = "pasted \ud800 text"  # cannot be UTF-8
    before = tiny_path.read_bytes()
    assert not window.save()
    kind, _, text = dialogs.shown[-1]
    assert kind == "critical"
    assert "risk.options.note: not saved: text holds an unpaired surrogate" in text
    assert str(window.recovery.file) in text
    assert tiny_path.read_bytes() == before
    assert window.recovery.pending() and window.doc.dirty
    dialogs.answer = QMessageBox.StandardButton.Save
    window.close()
    assert window.isVisible()


def test_a_file_changed_on_disk_is_not_overwritten_without_asking(
        make_window, tiny_path, dialogs) -> None:
    window = make_window(tiny_path)
    _edit(window)
    theirs = load_model(tiny_path)
    theirs.metadata.owner = "Another analyst"
    save_model(theirs, tiny_path)  # another program or window saved meanwhile
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not window.save()
    kind, title, text = dialogs.shown[-1]
    assert kind == "question" and title == "File changed on disk"
    assert load_model(tiny_path).metadata.owner == "Another analyst"
    assert window.doc.dirty
    dialogs.answer = QMessageBox.StandardButton.Save
    assert window.save()
    assert "lte" not in {c.id for c in load_model(tiny_path).components}
    backup = tiny_path.with_name(tiny_path.name + ".bak")
    assert load_model(backup).metadata.owner == "Another analyst"  # theirs kept
    assert not window.doc.dirty
    assert window.save()  # no question now: the window knows what it wrote
    assert dialogs.shown[-1][1] == "File changed on disk" and len(
        [d for d in dialogs.shown if d[1] == "File changed on disk"]) == 2


def test_two_windows_never_share_or_delete_each_others_recovery(
        make_window, tiny_path, tmp_path, dialogs) -> None:
    first, second = make_window(tiny_path), make_window(tiny_path)
    _edit(first)
    _edit(second)
    first.autosave()
    second.autosave()
    assert first.recovery.file != second.recovery.file
    assert first.recovery.pending() and second.recovery.pending()
    third = make_window(None)
    assert third.recovery.orphans() == []  # both windows are alive: nothing to offer
    assert not third.offer_recovery()
    # the first is closed discarding its changes: only its own file goes
    dialogs.answer = QMessageBox.StandardButton.Discard
    first.close()
    assert not first.recovery.pending() and second.recovery.pending()
    # the second "crashes" (its window vanishes without a close): its work is offered once
    lost = second.recovery.file.read_bytes()
    second.recovery = Recovery(tmp_path / "elsewhere")
    orphans = third.recovery.orphans()
    assert [o.file.read_bytes() for o in orphans] == [lost]
    dialogs.answer = QMessageBox.StandardButton.No
    assert not third.offer_recovery()
    assert third.recovery.orphans() == []


def test_recovery_files_are_private(make_window, tiny_path) -> None:
    os.chmod(tiny_path, 0o600)
    window = make_window(tiny_path)
    _edit(window)
    window.autosave()
    folder = window.recovery.folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_a_recovered_model_remembers_the_file_it_came_from(
        make_window, tiny_path, tmp_path, dialogs) -> None:
    """After a crash the file may have changed too: saving the recovered work asks."""
    window = make_window(tiny_path)
    _edit(window)
    window.autosave()
    window.recovery = Recovery(tmp_path / "elsewhere")  # crash
    save_model(tiny_model().model_copy(update={"metadata": tiny_model().metadata.model_copy(
        update={"owner": "Night shift"})}), tiny_path)
    dialogs.answer = QMessageBox.StandardButton.Yes
    again = make_window(None)
    assert again.offer_recovery()
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not again.save()
    assert dialogs.shown[-1][1] == "File changed on disk"
    assert load_model(Path(tiny_path)).metadata.owner == "Night shift"


def test_open_of_a_file_the_loader_refuses_is_a_dialog(make_window, tiny_path, tmp_path,
                                                       dialogs) -> None:
    """A 5,000-digit integer was an internal error with no dialog."""
    window = make_window(tiny_path)
    before = window.doc.model
    text = tiny_path.read_text(encoding="utf-8")
    bad = tmp_path / "huge.twm.json"
    bad.write_text(text.replace('"trust_level": 4', '"trust_level": ' + "9" * 5000, 1),
                   encoding="utf-8")
    assert not window.open_path(str(bad))
    kind, _, message = dialogs.shown[-1]
    assert kind == "critical" and "integer of 5,000 digits is out of range" in message
    assert window.doc.model is before
