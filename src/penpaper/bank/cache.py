"""Parsed bank files kept between runs, so every command starts fast.

Parsing YAML is most of the cost of loading a bank; a file that has not changed
is rebuilt from the JSON of the data it held instead. That data goes through
the same schema (and so the same sanitising) as a freshly parsed file, so a
damaged or crafted record can at worst cost a re-read: a record that fails to
load or validate is ignored and rewritten. JSON, not pickle: nothing read from
disk can run code.

A record is keyed by the file's resolved path and carries the file's stamp
(size, modification time, inode, change time) taken *before* it was read; it
is stored only if the stamp is the same after parsing and the file was last
modified long enough ago for its stamp to be trusted (two writes within the
file system's clock resolution can leave the same stamp). Records
of files that no longer exist are dropped. Files with problems are never
cached: they are read and reported every time.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from penpaper.bank.files import Entry, Stamp, stamp_of
from penpaper.version import __version__

CACHE_FILE = "bank-cache.json"
FORMAT = 3  # bump when a record's layout changes: older caches are then ignored
TRUSTED_AGE_NS = 2_000_000_000
"""How old a file must be before its stamp is trusted: well above any file system's clock
resolution (git calls files newer than their index "racily clean" for the same reason)."""


class BankCache:
    """The data of each bank file, valid while the file's stamp is unchanged."""

    def __init__(self, folder: Path | None) -> None:
        self._path = folder / CACHE_FILE if folder is not None else None
        self._records: dict[str, Any] = {}
        self._used: set[str] = set()
        self._changed = False
        if self._path is None:
            return
        try:
            stored = json.loads(self._path.read_text(encoding="utf-8"))
            if stored["version"] == __version__ and stored["format"] == FORMAT:
                self._records = dict(stored["files"])
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            self._changed = True  # unreadable or of another layout: rewritten on save

    def data(self, entry: Entry) -> object | None:
        """What ``entry`` held when it was cached, if its stamp has not changed since."""
        key = str(entry.real)
        self._used.add(key)
        record = self._records.get(key)
        if not isinstance(record, dict) or record.get("stamp") != list(stamp_of(entry.status)):
            return None
        return record.get("data")

    def store(self, entry: Entry, data: object, stamp: Stamp) -> None:
        """Keep ``data``, read from ``entry`` when it had ``stamp``, if that stamp can be trusted.

        The file is checked again now: if it changed while it was parsed, or so
        recently that a change may not show in its stamp, it is not kept.
        """
        if self._path is None:
            return
        try:
            now = stamp_of(entry.real.stat())
        except OSError:
            return
        if now != stamp or time.time_ns() - stamp[1] < TRUSTED_AGE_NS:
            return
        try:
            if json.loads(json.dumps(data)) != data:
                return  # e.g. a number as a key: JSON would change it, so parse every time
        except (TypeError, ValueError):
            return  # e.g. a date: not JSON at all
        self._records[str(entry.real)] = {"stamp": list(stamp), "data": data}
        self._changed = True

    def forget(self, entry: Entry) -> None:
        """Drop the record of ``entry`` (its data no longer loads)."""
        if self._records.pop(str(entry.real), None) is not None:
            self._changed = True

    def save(self) -> None:
        """Write the cache if anything changed, dropping records of files that are gone.

        The write is atomic (a temporary file renamed over the cache) and a failure
        is harmless: the temporary file is removed and the next run reads the files.
        """
        if self._path is None:
            return
        gone = [key for key in self._records if key not in self._used and not Path(key).exists()]
        for key in gone:
            del self._records[key]
        if not (self._changed or gone):
            return
        import tempfile

        temporary: Path | None = None
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self._path.parent, delete=False, suffix=".tmp"
            ) as handle:
                temporary = Path(handle.name)
                # dumps, not dump: only the one-shot encoder is the fast C one.
                handle.write(
                    json.dumps({"version": __version__, "format": FORMAT, "files": self._records})
                )
            temporary.replace(self._path)
        except OSError:
            if temporary is not None:
                temporary.unlink(missing_ok=True)
            return
        self._changed = False
