"""Validated bank files kept between runs, so every command starts fast.

Parsing and validating YAML is most of the cost of loading a bank; a file whose
size and modification time are unchanged is rebuilt from a JSON record of the
exercise (or topic) it held instead. JSON, not pickle: nothing read from disk
can run code. Files with problems are never cached (they are read and reported
every time), and a missing, stale or unreadable cache only costs the work it
would have saved.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from penpaper.bank.model import AnswerKey, Exercise, Mistake, Part, Topic
from penpaper.bank.symbols import parse_symbols
from penpaper.version import __version__

CACHE_FILE = "bank-cache.json"
FORMAT = 2  # bump when a record's layout changes: older caches are then ignored
Loaded = Exercise | Topic


class BankCache:
    """Exercises and topics by file, valid while the file's size and mtime are unchanged."""

    def __init__(self, folder: Path | None) -> None:
        self._path = folder / CACHE_FILE if folder is not None else None
        self._entries: dict[str, Any] = {}
        self._changed = False
        if self._path is not None:
            try:
                stored = json.loads(self._path.read_text(encoding="utf-8"))
                if stored.get("version") == __version__ and stored.get("format") == FORMAT:
                    self._entries = dict(stored["files"])
            except (OSError, ValueError, KeyError, AttributeError, TypeError):
                self._entries = {}

    def lookup(self, path: Path) -> Loaded | None:
        """What ``path`` held when it was cached, if the file has not changed since."""
        entry = self._entries.get(str(path))
        try:
            if entry is None or entry["stamp"] != _stamp(path):
                return None
            record = entry["record"]
            return _topic(record, path) if entry["kind"] == "topic" else _exercise(record, path)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None  # a damaged entry: the file is simply read again

    def store(self, path: Path, loaded: Loaded) -> None:
        if self._path is None:
            return
        record = _topic_record(loaded) if isinstance(loaded, Topic) else _exercise_record(loaded)
        if json.loads(json.dumps(record)) != record:
            return  # e.g. a date in raw symbols: JSON would change it, so parse every time
        kind = "topic" if isinstance(loaded, Topic) else "exercise"
        self._entries[str(path)] = {"stamp": _stamp(path), "kind": kind, "record": record}
        self._changed = True

    def save(self) -> None:
        """Write the cache atomically if anything changed; a failure to write is harmless."""
        if not self._changed or self._path is None:
            return
        import tempfile

        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self._path.parent, delete=False, suffix=".tmp"
            ) as handle:
                # dumps, not dump: only the one-shot encoder is the fast C one.
                handle.write(
                    json.dumps({"version": __version__, "format": FORMAT, "files": self._entries})
                )
            Path(handle.name).replace(self._path)
        except OSError:
            return
        self._changed = False


def _stamp(path: Path) -> list[int]:
    status = path.stat()
    return [status.st_mtime_ns, status.st_size]


def _exercise_record(exercise: Exercise) -> dict[str, Any]:
    return {
        "id": exercise.id,
        "title": exercise.title,
        "difficulty": exercise.difficulty,
        "statement": exercise.statement,
        "tags": list(exercise.tags),
        "symbols": exercise.raw_symbols,
        "parts": [
            {
                "ask": part.ask,
                "hints": list(part.hints),
                "solution": part.solution,
                "type": part.answer.type,
                "expect": part.answer.expect,
                "accept": list(part.answer.accept),
                "mistakes": [[m.answer, m.feedback] for m in part.answer.mistakes],
                "tolerance": part.answer.tolerance,
                "options": [list(option) for option in part.answer.options],
            }
            for part in exercise.parts
        ],
    }


def _exercise(record: dict[str, Any], path: Path) -> Exercise:
    parts = tuple(
        Part(
            number=number,
            ask=part["ask"],
            answer=AnswerKey(
                type=part["type"],
                expect=part["expect"],
                accept=tuple(part["accept"]),
                mistakes=tuple(Mistake(answer, feedback) for answer, feedback in part["mistakes"]),
                tolerance=part["tolerance"],
                options=tuple((label, text) for label, text in part["options"]),
            ),
            hints=tuple(part["hints"]),
            solution=part["solution"],
        )
        for number, part in enumerate(record["parts"], start=1)
    )
    return Exercise(
        id=record["id"],
        topic=record["id"].partition("/")[0],
        title=record["title"],
        difficulty=record["difficulty"],
        statement=record["statement"],
        parts=parts,
        path=path,
        tags=tuple(record["tags"]),
        symbols=parse_symbols(record["symbols"]),
        raw_symbols=record["symbols"],
    )


def _topic_record(topic: Topic) -> dict[str, Any]:
    return {
        "slug": topic.slug,
        "title": topic.title,
        "description": topic.description,
        "order": topic.order,
        "prerequisites": list(topic.prerequisites),
    }


def _topic(record: dict[str, Any], path: Path) -> Topic:
    return Topic(
        slug=record["slug"],
        title=record["title"],
        description=record["description"],
        order=record["order"],
        prerequisites=tuple(record["prerequisites"]),
        path=path,
    )
