"""The one atomic writer: models, backups, recovery files, reports and exports.

Every guarantee in one place (docs/security.md names the tests that prove each):

* **atomic**: a temporary file next to the target, fsync, rename, fsync of the folder. A
  reader or a crash sees the complete old file or the complete new one, never a mix;
* **symlinks followed**: the link's target is rewritten (in its own folder), the link kept;
* **temporary files recognisable and cleaned**: ``.NAME.PID.RANDOM.wbtmp``, mode 0600; a
  save removes those an earlier killed save left behind (its process is gone);
* **backups private**: ``NAME.bak`` is written 0600 (it holds the same model);
* **locked**: an advisory ``flock`` on the target's folder while writing, and for a CLI
  read-modify-write from the read to the write, so two saves never interleave;
* **changed-on-disk detection**: a :class:`Fingerprint` (mtime, size, SHA-256) taken when a
  model is read; a save given that fingerprint refuses to replace a file that changed since.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import re
import secrets
import stat
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.model.errors import ModelError, Problem

TEMP_SUFFIX = ".wbtmp"
#: Temporary files of writers before this one (``tempfile.mkstemp``): no pid in the name, so
#: only removed once clearly abandoned.
_LEGACY_TEMP_AGE_S = 600
LOCK_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Fingerprint:
    """What a file was when it was read: cheap fields first, the hash settles ties."""

    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, raw: bytes, st: os.stat_result) -> Fingerprint:
        return cls(st.st_mtime_ns, st.st_size, hashlib.sha256(raw).hexdigest())


class ChangedOnDiskError(ModelError):
    """The file was changed by someone else since it was read; nothing was written."""


class FileBusyError(ModelError):
    """Another process held the save lock for longer than :data:`LOCK_TIMEOUT_S`."""


def real_target(path: Path) -> Path:
    """The file a save must rewrite: a symlink's final target (a link to a link too), so
    the link survives and the real file is updated."""
    path = Path(path)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def current_fingerprint(path: Path) -> Fingerprint | None:
    """The file's fingerprint now, or None when it does not exist."""
    try:
        with open(path, "rb") as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode):
                return None
            return Fingerprint.of(handle.read(), st)
    except FileNotFoundError:
        return None


def same_content(expected: Fingerprint | None, now: Fingerprint | None) -> bool:
    """Unchanged when the hash matches (a ``touch`` alone is no change)."""
    if expected is None or now is None:
        return expected is None and now is None
    return expected.sha256 == now.sha256


# --- locking ----------------------------------------------------------------------------------
_held: dict[str, tuple[int, int]] = {}  # folder -> (fd, depth): re-entrant within a process
_held_guard = threading.RLock()


def _lock_key(path: Path) -> str:
    folder = real_target(path).parent
    return os.path.realpath(folder if str(folder) else ".")


@contextlib.contextmanager
def save_lock(path: Path, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Exclusive advisory lock on the folder of ``path`` (a folder lock leaves no lock file
    behind and survives the rename of the target). Re-entrant in one process."""
    key = _lock_key(path)
    acquire(key, timeout, str(path))
    try:
        yield
    finally:
        release(key)


def acquire(key: str, timeout: float, source: str) -> None:
    with _held_guard:
        if key in _held:
            fd, depth = _held[key]
            _held[key] = (fd, depth + 1)
            return
        try:
            fd = os.open(key, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            return _mark_unlocked(key)  # an odd filesystem: save without the lock
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(fd)
                    raise FileBusyError([Problem("$", f"another program has been saving in "
                                                      f"this folder for {timeout:.0f} s; "
                                                      f"nothing written, try again")],
                                        source) from None
                time.sleep(0.02)
            except OSError as exc:
                if exc.errno not in (errno.ENOLCK, errno.EINVAL, errno.EOPNOTSUPP):
                    raise
                os.close(fd)
                return _mark_unlocked(key)
        _held[key] = (fd, 1)


def _mark_unlocked(key: str) -> None:
    _held[key] = (-1, 1)


def release(key: str) -> None:
    with _held_guard:
        if key not in _held:
            return
        fd, depth = _held[key]
        if depth > 1:
            _held[key] = (fd, depth - 1)
            return
        del _held[key]
        if fd >= 0:
            os.close(fd)  # closing the descriptor drops the flock


def release_all() -> None:
    """Drop every lock this process holds (the CLI calls it when a command ends)."""
    with _held_guard:
        keys = list(_held)
    for key in keys:
        with _held_guard:
            if key in _held:
                _held[key] = (_held[key][0], 1)
        release(key)


# --- temporary files ------------------------------------------------------------------------
def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_temps(target: Path) -> list[Path]:
    """Remove temporary copies of ``target`` left by saves that were killed; returns them.

    Ours carry the writer's pid: removed once that process is gone. Older writers' names
    (``.NAME.XXXXXXXX.tmp``) are removed after ten minutes.
    """
    folder = target.parent if str(target.parent) else Path(".")
    ours = re.compile(rf"^\.{re.escape(target.name)}(?:\.bak)?\.(\d+)\.[0-9a-f]{{8}}"
                      rf"{re.escape(TEMP_SUFFIX)}$")
    legacy = re.compile(rf"^\.{re.escape(target.name)}(?:\.bak)?\.[A-Za-z0-9_]{{8}}\.tmp$")
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    now = time.time()
    for name in names:
        match = ours.match(name)
        candidate = folder / name
        try:
            if match:
                pid = int(match.group(1))
                if pid == os.getpid() or _pid_alive(pid):
                    continue
            elif legacy.match(name):
                if now - candidate.lstat().st_mtime < _LEGACY_TEMP_AGE_S:
                    continue
            else:
                continue
            if candidate.is_symlink() or not candidate.is_file():
                continue
            candidate.unlink()
            removed.append(candidate)
        except OSError:
            continue
    return removed


def _new_file_mode(target: Path, private: bool) -> int:
    """Private files 0600; a rewritten file keeps its mode; a new one gets the umask's."""
    if private:
        return 0o600
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write_temp(target: Path, data: bytes) -> Path:
    """A complete, synced copy of ``data`` beside ``target``, 0600 (a killed save must not
    leave a readable copy; the final mode is set after the rename)."""
    tmp = _temp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return tmp


def write_bytes_atomic(path: Path, data: bytes, *, keep_backup: bool = False,
                       private: bool = False, expect: Fingerprint | None | bool = False,
                       ) -> None:
    """Replace ``path`` by ``data`` with every guarantee of this module.

    ``keep_backup``: the previous file is first copied to ``FILE.bak`` (0600).
    ``private``: the new file is 0600 (recovery files); otherwise a rewritten file keeps its
    mode. ``expect``: a :class:`Fingerprint` (or None: "did not exist") the file must still
    match, checked under the lock; ``False`` skips the check.
    """
    target = real_target(Path(path))
    with save_lock(target):
        if expect is not False:
            now = current_fingerprint(target)
            if not same_content(expect if isinstance(expect, Fingerprint) else None, now):
                raise ChangedOnDiskError([Problem("$", "changed on disk since it was read "
                                                       "(another program or window saved it); "
                                                       "nothing written, run again")],
                                         str(path))
        clean_stale_temps(target)
        mode = _new_file_mode(target, private)
        tmp = _write_temp(target, data)
        try:
            if keep_backup and target.is_file():
                backup = target.with_name(target.name + ".bak")
                btmp = _write_temp(backup, target.read_bytes())
                try:
                    os.replace(btmp, backup)
                except BaseException:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(btmp)
                    raise
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        if mode != 0o600:  # killed just before this line: the model is left 0600, never wider
            os.chmod(target, mode)
        _fsync_dir(target.parent if str(target.parent) else Path("."))


def write_text_atomic(path: Path, text: str, *, keep_backup: bool = True,
                      private: bool = False) -> None:
    """:func:`write_bytes_atomic` for UTF-8 text."""
    write_bytes_atomic(path, text.encode("utf-8"), keep_backup=keep_backup, private=private)


def private_folder(folder: Path) -> Path:
    """Create ``folder`` 0700 (or tighten it): recovery files must not be listable by others."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if folder.stat().st_mode & 0o077:
        os.chmod(folder, 0o700)
    return folder


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
