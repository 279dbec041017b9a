"""Listing and reading a bank's folders and files without trusting them.

A bank is someone else's folder. Listing and reading it must not hang (a FIFO
named ``x.yaml``), exhaust memory (a link to ``/dev/zero``, a huge file), leave
the bank (a link to ``~/.ssh/id_rsa``), loop (a link to itself) or stop at the
first entry it cannot read. Each such entry becomes an :class:`Unusable` for
its own path, with a reason that never quotes what the file holds; everything
else is read as usual.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

MAX_FILE_BYTES = 1_000_000
"""Far more than any exercise or lab needs; a larger file is refused before it is read."""

# Never block on a FIFO or device swapped in after listing; never follow a link there.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)

Stamp = tuple[int, int, int, int]
"""A file's size, modification time (ns), inode and change time (ns): if any of them
differs, the file may have changed."""


class Unusable(Exception):
    """A path of a bank that is not used, and why."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Entry:
    """A file or folder of a bank: ``name`` in the folder ``listed_in`` (as listed, for ids
    and messages), ``where`` it is (resolved, inside the bank), and its status when it
    was listed.

    Paths are made only when asked for: a warm start over thousands of files needs
    their names and status, and making two paths each cost more than listing them.
    """

    listed_in: Path
    name: str
    where: str
    status: os.stat_result

    @cached_property
    def path(self) -> Path:
        return self.listed_in / self.name

    @cached_property
    def real(self) -> Path:
        return Path(self.where)

    @property
    def is_folder(self) -> bool:
        return stat.S_ISDIR(self.status.st_mode)


@dataclass(frozen=True)
class FileBytes:
    """What a file held, and its stamp taken before it was read."""

    data: bytes
    stamp: Stamp


def stamp_of(status: os.stat_result) -> Stamp:
    return (status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns)


class BankTree:
    """One bank folder, listed and read without leaving it: symbolic links are followed
    only where they stay inside it."""

    def __init__(self, root: Path) -> None:
        """:class:`Unusable` unless ``root`` is a folder that can be reached."""
        try:
            self.root = root.resolve(strict=True)
            status = self.root.stat()
        except FileNotFoundError:
            raise Unusable(root, "bank folder does not exist") from None
        except (OSError, RuntimeError) as error:
            raise Unusable(root, f"bank folder cannot be used: {_reason(error)}") from None
        if not stat.S_ISDIR(status.st_mode):
            raise Unusable(root, "bank folder is not a folder")
        self.top = Entry(root.parent, root.name, str(self.root), status)

    def listing(self, folder: Entry, wanted: Callable[[str], bool]) -> list[Entry | Unusable]:
        """The ``wanted`` entries of ``folder`` by name (hidden ones never), each usable or not.

        A folder that cannot be listed is one :class:`Unusable` for the folder itself.
        """
        try:
            with os.scandir(folder.where) as found:
                names = sorted(item.name for item in found)
        except OSError as error:
            return [Unusable(folder.path, f"cannot list the folder: {_reason(error)}")]
        entries: list[Entry | Unusable] = []
        for name in names:
            if name.startswith(".") or not wanted(name):
                continue
            try:
                entries.append(self._entry(folder.path, folder.where, name))
            except Unusable as unusable:
                entries.append(unusable)
        return entries

    def entry(self, path: Path) -> Entry:
        """``path`` (inside this bank) as an :class:`Entry`, or :class:`Unusable`."""
        try:
            real_folder = path.parent.resolve(strict=True)
        except (OSError, RuntimeError) as error:
            raise Unusable(path, _reason(error)) from None
        return self._entry(path.parent, str(real_folder), path.name)

    def read(self, entry: Entry) -> FileBytes:
        """The bytes of a regular file of at most :data:`MAX_FILE_BYTES`, or :class:`Unusable`.

        The listed status is checked before opening (a FIFO or device is never opened)
        and the opened file's after (it may have been replaced since).
        """
        check_regular_file(entry.path, entry.status)
        try:
            descriptor = os.open(entry.where, _OPEN_FLAGS)
        except FileNotFoundError:
            raise Unusable(entry.path, "disappeared before it could be read") from None
        except OSError as error:
            raise Unusable(entry.path, f"cannot be read: {_reason(error)}") from None
        try:
            status = os.fstat(descriptor)
            check_regular_file(entry.path, status)
            chunks, size = [], 0
            while chunk := os.read(descriptor, MAX_FILE_BYTES + 1 - size):
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_FILE_BYTES:
                    raise Unusable(entry.path, "grew past 1 MB while being read: not used")
        except OSError as error:
            raise Unusable(entry.path, f"cannot be read: {_reason(error)}") from None
        finally:
            os.close(descriptor)
        return FileBytes(b"".join(chunks), stamp_of(status))

    def _entry(self, listed_in: Path, real_folder: str, name: str) -> Entry:
        where = f"{real_folder}{os.sep}{name}"
        try:
            status = os.lstat(where)
            if stat.S_ISLNK(status.st_mode):
                real = Path(os.path.realpath(where, strict=True))
                if not real.is_relative_to(self.root):
                    raise Unusable(
                        listed_in / name, "is a link out of the bank folder: not followed"
                    )
                where, status = str(real), real.stat()
        except OSError as error:
            raise Unusable(listed_in / name, _reason(error)) from None
        return Entry(listed_in, name, where, status)


def check_regular_file(path: Path, status: os.stat_result) -> None:
    """Unusable unless ``status`` is a regular file of at most :data:`MAX_FILE_BYTES`."""
    if not stat.S_ISREG(status.st_mode):
        raise Unusable(path, "is not a regular file (a folder, FIFO or device): skipped")
    if status.st_size > MAX_FILE_BYTES:
        raise Unusable(path, f"is larger than 1 MB ({status.st_size:,} bytes): not read")


def _reason(error: OSError | RuntimeError) -> str:
    """Why a path cannot be used, in words that name nothing it holds."""
    if isinstance(error, RuntimeError) or error.errno == errno.ELOOP:
        return "is a link that loops: not followed"
    if isinstance(error, FileNotFoundError):
        return "is a link to nothing, or disappeared"
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or type(error).__name__
