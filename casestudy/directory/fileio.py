"""Reading text exactly as it is on disk, writing it atomically, and a directory lock.

The post-generation hook uses this module, so it keeps to the standard library.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeAlias

from casestudy.errors import CaseStudyError

StrPath: TypeAlias = "str | os.PathLike[str]"

LOCK_TIMEOUT_SECONDS = 60.0


# The largest file any command reads whole: far above any case study or index README a person
# keeps (a hundred-thousand-row index is about 10 MB), far below what would exhaust memory.
MAX_READ_BYTES = 64 * 1024 * 1024


class NotReadable(CaseStudyError):
    """A file that was not read, and why (`reason`, a phrase a finding can quote); `missing`
    when there is no such file at all."""

    def __init__(self, path: str, reason: str, *, missing: bool = False) -> None:
        super().__init__(f"{path} cannot be read: {reason}.")
        self.reason = reason
        self.missing = missing


def open_regular(path: StrPath, limit: int = MAX_READ_BYTES) -> tuple[int, int]:
    """A descriptor for reading `path`, and the file's size: it must be a regular file (a
    symlink to one is followed) of at most `limit` bytes. A FIFO is opened without waiting
    for a writer and a device is never read, so neither can hang a command or fill its
    memory."""
    name = os.fspath(path)
    try:
        descriptor = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise NotReadable(
            name, str(error.strerror or error), missing=isinstance(error, FileNotFoundError)
        ) from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise NotReadable(name, os.strerror(errno.EISDIR))
        if not stat.S_ISREG(status.st_mode):
            raise NotReadable(
                name, f"it is {file_kind(status.st_mode)}, not a regular file, so it was not read"
            )
        if status.st_size > limit:
            raise NotReadable(
                name, f"it is {status.st_size:,} bytes, more than the {limit:,} a case-study "
                "file may have, so it was not read"
            )
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor, status.st_size


def file_kind(mode: int) -> str:
    kinds = {stat.S_ISDIR: "a directory", stat.S_ISFIFO: "a FIFO", stat.S_ISSOCK: "a socket",
             stat.S_ISCHR: "a character device", stat.S_ISBLK: "a block device"}
    return next((kind for test, kind in kinds.items() if test(mode)), "not a file")


def read_bytes_bounded(path: StrPath, limit: int = MAX_READ_BYTES) -> bytes:
    """The bytes of a regular file; NotReadable when it is anything else, or larger than
    `limit`."""
    descriptor, size = open_regular(path, limit)
    with open(descriptor, "rb") as handle:
        # Asking for the size seen, plus one byte, keeps the buffer the size of the file:
        # a read of `limit` bytes would allocate the whole limit for every file.
        data = handle.read(size + 1)
        if len(data) > size:  # grew since: read on, as far as the limit allows
            data += handle.read(limit + 1 - len(data))
    if len(data) > limit:  # grew while being read
        raise NotReadable(
            os.fspath(path), f"it grew past the {limit:,} bytes a case-study file may have "
            "while being read, so it was not read"
        )
    return data


def read_text_exact(path: StrPath) -> str:
    """The file's text with its line endings and BOM untouched."""
    return _decoded(path, read_bytes_bounded(path))


def read_text_and_digest(path: StrPath) -> tuple[str, str]:
    """`read_text_exact`, and the SHA-256 of the bytes the text was decoded from (see
    `file_digest`)."""
    data = read_bytes_bounded(path)
    return _decoded(path, data), hashlib.sha256(data).hexdigest()


def file_digest(path: StrPath, limit: int = MAX_READ_BYTES) -> str:
    """The SHA-256 of a regular file's bytes, read a stretch at a time: whether a long file
    still holds the text read from it before can be told without holding it twice. Refused
    as `read_bytes_bounded` refuses."""
    descriptor, _ = open_regular(path, limit)
    digest = hashlib.sha256()
    size = 0
    with open(descriptor, "rb") as handle:
        while stretch := handle.read(1024 * 1024):
            size += len(stretch)
            if size > limit:
                raise NotReadable(
                    os.fspath(path), f"it grew past the {limit:,} bytes a case-study file may "
                    "have while being read, so it was not read"
                )
            digest.update(stretch)
    return digest.hexdigest()


def _decoded(path: StrPath, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CaseStudyError(
            f"{os.fspath(path)} is not UTF-8 text ({error.reason} at byte {error.start}); "
            "save it as UTF-8 and run again."
        ) from None


def writable_target(path: StrPath) -> str:
    """The file an edit of `path` must replace: a symlink's target (so the link stays a link
    and its target gets the edit). Refuses, before anything is written, a file that is
    read-only, hard-linked (replacing it would silently split the links) or in a read-only
    directory."""
    target = os.path.realpath(os.fspath(path))
    directory = os.path.dirname(target)
    try:
        status = os.stat(target)
    except FileNotFoundError:
        status = None
    if status is not None and status.st_nlink > 1:
        raise CaseStudyError(
            f"{target} has {status.st_nlink} hard links, and an edit (a new file renamed over "
            "it) would split them silently, so it was left untouched. Make it a single file "
            "(or a symlink) and run again."
        )
    if status is not None and (not status.st_mode & 0o222 or not os.access(target, os.W_OK)):
        raise CaseStudyError(
            f"{target} is read-only, so nothing was written. Make it writable "
            f"(chmod u+w '{target}') and run again."
        )
    require_writable_directory(directory)
    return target


def require_writable_directory(directory: StrPath) -> None:
    """Refuse a directory that is read-only: by its permissions, or by its mode bits even
    where the user (root) could write anyway, since read-only is what its owner asked for.
    A directory still to be made is judged by the nearest one that exists."""
    directory = _nearest_existing_directory(directory)
    status = os.stat(directory)
    if not status.st_mode & 0o222 or not os.access(directory, os.W_OK | os.X_OK):
        raise CaseStudyError(
            f"The directory {os.fspath(directory)} is read-only, so nothing was written there. "
            "Make it writable and run again."
        )


_TEMPORARY_RE = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.tmp")


def stale_temporary_of(entry: str, name: str) -> bool:
    """Whether `entry` is a temporary file that `atomic_write_text` made for `name` in a
    process that has died since (killed before its rename)."""
    match = _TEMPORARY_RE.fullmatch(entry)
    return match is not None and match["name"] == name and not _alive(int(match["pid"]))


def _remove_stale_temporaries(directory: str, name: str) -> None:
    """Temporary files that writers killed before their rename left beside `name`."""
    try:
        listing = [entry.name for entry in os.scandir(directory) if entry.name.endswith(".tmp")]
    except OSError:
        return
    for entry in listing:
        if not stale_temporary_of(entry, name):
            continue
        try:
            os.unlink(os.path.join(directory, entry))
        except OSError:
            pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    try:  # a killed writer nobody has reaped yet is a zombie: dead, for this purpose
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def atomic_write_text(
    path: StrPath, text: str | Iterable[str], *, exclusive: bool = False
) -> None:
    """Write beside the target, then rename over it, so readers see the old or the new file,
    never half of one. With `exclusive`, fail with FileExistsError rather than replace.
    A symlink stays one (its target is written); the file keeps its mode and owner. A full
    disk or any other failure to write is a CaseStudyError naming the file, with the file as
    it was.

    No fsync: the rename is what makes the edit all-or-nothing for readers, and these are
    files under version control, where an fsync would triple the cost of an index edit."""
    target = writable_target(path)
    directory, name = os.path.split(target)
    _remove_stale_temporaries(directory, name)
    temporary = os.path.join(directory, f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        status: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        status = None
    if status is not None:
        mode = status.st_mode & 0o7777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with open(descriptor, "w", encoding="utf-8", newline="") as stream:
                stream.writelines([text] if isinstance(text, str) else text)
            os.chmod(temporary, mode)
            if status is not None and (status.st_uid, status.st_gid) != _owner(temporary):
                os.chown(temporary, status.st_uid, status.st_gid)
            if exclusive:
                os.link(temporary, target)  # fails if the target appeared meanwhile
            else:
                os.replace(temporary, target)
        finally:
            try:
                os.unlink(temporary)
            except FileNotFoundError:
                pass  # renamed into place, or linked and already gone
    except FileExistsError:
        raise
    except OSError as error:
        raise CaseStudyError(
            f"Could not write {target}: {error.strerror or error}. It was left as it was; "
            + ("free some space" if error.errno in _FULL else "put that right")
            + " and run again."
        ) from None


_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _owner(path: str) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_uid, status.st_gid


def _nearest_existing_directory(path: StrPath) -> str:
    current = os.path.abspath(os.fspath(path))
    while not os.path.isdir(current) and os.path.dirname(current) != current:
        current = os.path.dirname(current)
    return current


class DirectoryLock:
    """An exclusive advisory lock on a directory, shared by every process that adds case
    studies to it or edits its index. Locks the directory inode itself, so it leaves no
    lock file behind. A no-op where flock does not exist."""

    def __init__(self, directory: StrPath, timeout: float = LOCK_TIMEOUT_SECONDS) -> None:
        self.directory = _nearest_existing_directory(directory)
        self.timeout = timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            return
        fd = os.open(self.directory, os.O_RDONLY)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    os.close(fd)
                    raise
                if time.monotonic() > deadline:
                    os.close(fd)
                    raise CaseStudyError(
                        f"Another case-study generation has held the lock on {self.directory} "
                        f"for {self.timeout:.0f} s. Wait for it to finish and run again."
                    ) from None
                time.sleep(0.02)
            else:
                self._fd = fd
                return

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None


@contextmanager
def directory_lock(directory: StrPath) -> Iterator[None]:
    """`with directory_lock(path):` holds the directory's lock for the block."""
    lock = DirectoryLock(directory)
    lock.acquire()
    try:
        yield
    finally:
        lock.release()
