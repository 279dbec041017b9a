"""Parsed bank files kept between runs, so read-only commands start fast.

Parsing YAML is most of the cost of loading a bank; a file whose size and
modification time are unchanged is read back from one JSON document instead.
JSON, not pickle: nothing read from disk can run code. Documents that JSON
cannot represent exactly (dates, non-text keys) are simply parsed every time,
and a missing, stale or unreadable cache only costs the parsing it would save.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from penpaper import __version__
from penpaper.schema import FieldPath, read_yaml

CACHE_FILE = "bank-cache.json"


class YamlCache:
    """Parsed YAML documents by file, valid while the file's size and mtime are unchanged."""

    def __init__(self, folder: Path | None) -> None:
        self._path = folder / CACHE_FILE if folder is not None else None
        self._entries: dict[str, list[object]] = {}
        self._changed = False
        if self._path is not None:
            try:
                stored = json.loads(self._path.read_text(encoding="utf-8"))
                if stored.get("version") == __version__:
                    self._entries = stored["files"]
            except (OSError, ValueError, KeyError, AttributeError, TypeError):
                self._entries = {}

    def read(self, path: Path) -> tuple[object, dict[FieldPath, int]]:
        """The document in ``path`` and the line of each field (see :func:`read_yaml`)."""
        status = path.stat()
        stamp = [status.st_mtime_ns, status.st_size]
        key = str(path)
        entry = self._entries.get(key)
        if entry is not None and entry[0] == stamp:
            data, lines = entry[1], entry[2]
            assert isinstance(lines, list)
            return data, {tuple(field): line for *field, line in lines}
        data, line_index = read_yaml(path.read_text(encoding="utf-8"))
        stored_lines = [[*field, line] for field, line in line_index.items()]
        if _survives_json(data) and _survives_json(stored_lines):
            self._entries[key] = [stamp, data, stored_lines]
            self._changed = True
        return data, line_index

    def save(self) -> None:
        """Write the cache atomically if anything changed; a failure to write is harmless."""
        if not self._changed or self._path is None:
            return
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self._path.parent, delete=False, suffix=".tmp"
            ) as handle:
                # dumps, not dump: only the one-shot encoder is the fast C one.
                handle.write(json.dumps({"version": __version__, "files": self._entries}))
            Path(handle.name).replace(self._path)
        except OSError:
            return
        self._changed = False


def _survives_json(value: object) -> bool:
    try:
        return bool(json.loads(json.dumps(value)) == value)
    except (TypeError, ValueError):
        return False
