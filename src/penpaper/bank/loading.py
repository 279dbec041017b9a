"""Finding and loading exercise banks: the bundled one, ``PENPAPER_BANK`` and ``--bank``.

A bank is a folder of topic folders, ``<bank>/<topic>/<slug>.yaml``. A broken
file is reported once and skipped; it never stops the rest from loading.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from penpaper.bank.cache import BankCache, exercise_summary, summary_record, topic_summary
from penpaper.bank.files import BankTree, Entry, Unusable, check_regular_file
from penpaper.bank.summaries import SLUG_PATTERN, ExerciseSummary, Topic
from penpaper.sanitising import printable, quoted, shortened

if TYPE_CHECKING:
    from penpaper.bank.model import Exercise
    from penpaper.bank.schema import SourceLines

BANK_ENVIRONMENT_VARIABLE = "PENPAPER_BANK"
TOPIC_FILE = "topic.yaml"
EXERCISE_SUFFIX = ".yaml"
LAB_SUFFIX = ".py"
_BANK_SUFFIXES = (EXERCISE_SUFFIX, LAB_SUFFIX)
MAX_MESSAGE = 300
"""Characters of a problem's message: room for any reason, never for a file's contents."""


@dataclass(frozen=True)
class Problem:
    """A reason a bank file could not be used, in the ``file:line: field: message`` form."""

    path: Path
    message: str
    line: int | None = None
    exercise_id: str | None = None
    field: str = ""
    blocking: bool = True
    """False when the file still loads (its unsafe characters shown escaped)."""

    def __str__(self) -> str:
        """The problem as one line that is safe to print: file names and messages may
        quote a bank's text, so both go through :func:`~penpaper.sanitising.printable`."""
        location = display_path(self.path) + (f":{self.line}" if self.line else "")
        subject = " ".join(part for part in (self.exercise_id, self.field) if part)
        message = shortened(self.message, MAX_MESSAGE)  # may quote the file: never all of it
        return printable(f"{location}: {subject + ': ' if subject else ''}{message}")


class Exercises(Mapping[str, "Exercise"]):
    """Every exercise of a bank by id. One known from the bank index is read in full only
    when it is first looked up, so listings never pay for the exercises they do not open."""

    def __init__(self, loaded: Iterable[Exercise] = ()) -> None:
        self._summaries: dict[str, ExerciseSummary] = {}
        self._loaded: dict[str, Exercise] = {}
        self._readers: dict[str, Callable[[], Exercise | None]] = {}
        for exercise in loaded:
            self.add(exercise)

    def add(self, exercise: Exercise) -> None:
        self._summaries[exercise.id] = exercise.summary
        self._loaded[exercise.id] = exercise

    def add_later(self, summary: ExerciseSummary, read: Callable[[], Exercise | None]) -> None:
        """Know ``summary`` now; ``read`` gives the whole exercise when it is wanted."""
        self._summaries[summary.id] = summary
        self._readers[summary.id] = read

    def summaries(self) -> list[ExerciseSummary]:
        return list(self._summaries.values())

    def __getitem__(self, exercise_id: str) -> Exercise:
        found = self._loaded.get(exercise_id)
        if found is None:
            found = self._readers.pop(exercise_id)()
            if found is None:  # its file changed into a broken one since it was listed
                del self._summaries[exercise_id]
                raise KeyError(exercise_id)
            self._loaded[exercise_id] = found
        return found

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._summaries

    def __iter__(self) -> Iterator[str]:
        return iter(self._summaries)

    def __len__(self) -> int:
        return len(self._summaries)


@dataclass
class Bank:
    """Every exercise and topic that loaded, and the problems of those that did not."""

    exercises: Exercises = field(default_factory=Exercises)
    topics: dict[str, Topic] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    """Problems of files that loaded all the same (text shown escaped): for ``validate``."""

    def in_topic(self, topic: str) -> list[Exercise]:
        return [self.exercises[summary.id] for summary in self.summaries(topic)]

    def summaries(self, topic: str | None = None) -> list[ExerciseSummary]:
        """The index of the bank (of one topic): what listings show, read without the files."""
        every = self.exercises.summaries()
        return every if topic is None else [summary for summary in every if summary.topic == topic]

    def ordered_topics(self) -> list[Topic]:
        return sorted(self.topics.values(), key=lambda topic: (topic.order, topic.slug))


def bundled_bank_path() -> Path:
    """The bank shipped with penpaper: inside the installed package, or the repository's."""
    package_dir = Path(__file__).resolve().parents[1]
    installed = package_dir / "bundled_bank"
    # In a source checkout (editable install) the bank sits at the repository root.
    return installed if installed.is_dir() else package_dir.parents[1] / "bank"


def configured_bank_paths(extra: Sequence[Path] = (), include_bundled: bool = True) -> list[Path]:
    """The bundled bank, then ``PENPAPER_BANK`` entries, then ``--bank`` folders."""
    paths = [bundled_bank_path()] if include_bundled else []
    from_environment = os.environ.get(BANK_ENVIRONMENT_VARIABLE, "")
    paths += [Path(entry) for entry in from_environment.split(os.pathsep) if entry.strip()]
    paths += list(extra)
    unique: dict[str, Path] = {}
    for path in paths:
        unique.setdefault(os.path.realpath(path), path)  # realpath: a link loop is no error
    return list(unique.values())


def load_bank(bank_paths: Iterable[Path], cache: BankCache | None = None) -> Bank:
    """Load every bank folder; ids must be unique across them.

    With a ``cache``, files unchanged since the last run are not parsed again.
    """
    bank = Bank()
    reader = cache or BankCache(None)
    for bank_path in bank_paths:
        try:
            tree = BankTree(bank_path)
        except Unusable as unusable:
            bank.problems.append(Problem(unusable.path, unusable.reason))
            continue
        reader.read_bank(tree.root)
        _load_bank_folder(bank, tree, tree.top, reader)
    _check_prerequisites(bank)
    reader.save()
    return bank


def load_exercise(
    bank_paths: Iterable[Path], exercise_id: str, cache: BankCache | None = None
) -> Exercise | None:
    """The exercise ``exercise_id`` read from its own file, ``<bank>/<topic>/<slug>.yaml``,
    in the first bank where that file loads; None if none does (the caller then loads
    the whole bank, to report why or to suggest an id).

    ``show`` needs one exercise: this reads one file however large the banks are, with
    the same containment rules and the same cache as a whole load.
    """
    topic, _, slug = exercise_id.partition("/")
    if not (SLUG_PATTERN.match(topic) and SLUG_PATTERN.match(slug)):
        return None
    reader = cache or BankCache(None)
    try:
        for bank_path in bank_paths:
            try:
                tree = BankTree(bank_path)
                folder = tree.entry(bank_path / topic)
                entry = tree.entry(bank_path / topic / (slug + EXERCISE_SUFFIX))
            except Unusable:
                continue
            if not folder.is_folder:
                continue
            found = _whole_exercise(tree, entry, reader, _lab_beside(tree, entry))
            if found is not None:
                return found
        return None
    finally:
        reader.save()


def _lab_beside(tree: BankTree, exercise: Entry) -> Path | None:
    """The lab file next to an exercise file, if there is one that can be run."""
    try:
        lab = tree.entry(exercise.path.with_suffix(LAB_SUFFIX))
    except Unusable:
        return None
    return _lab_path([], lab)  # one exercise shown: the problems of others are not reported


def load_files(paths: Iterable[Path]) -> Bank:
    """Load the given exercise files, topic folders and bank folders (for ``validate``)."""
    bank = Bank()
    reader = BankCache(None)
    for given in paths:
        # Named by the learner, so followed; "." has no name, its topic is the folder's.
        path = Path(os.path.realpath(given))
        try:
            if path.is_dir() and any(path.glob("*" + EXERCISE_SUFFIX)):
                tree = BankTree(path.parent)
                _load_topic_dir(bank, tree, tree.entry(path), reader)
            elif path.is_dir():
                tree = BankTree(path)
                _load_bank_folder(bank, tree, tree.top, reader)
            elif path.exists():  # a file, or a FIFO or device that reading will refuse
                tree = BankTree(path.parent.parent)
                _load_file(bank, tree, tree.entry(path), reader)
            else:
                bank.problems.append(Problem(given, "no such file or folder"))
        except Unusable as unusable:
            bank.problems.append(Problem(unusable.path, unusable.reason))
    return bank


def _load_bank_folder(bank: Bank, tree: BankTree, folder: Entry, reader: BankCache) -> None:
    """Every topic folder of a bank; the bank's other files are not the bank's business."""
    for topic in tree.listing(folder, lambda name: not name.startswith("_")):
        if isinstance(topic, Unusable):
            bank.problems.append(Problem(topic.path, topic.reason))
        elif topic.is_folder:
            _load_topic_dir(bank, tree, topic, reader)


def _load_topic_dir(bank: Bank, tree: BankTree, topic_dir: Entry, reader: BankCache) -> None:
    files: dict[str, Entry] = {}
    for entry in tree.listing(topic_dir, lambda name: name.endswith(_BANK_SUFFIXES)):
        if isinstance(entry, Unusable):
            bank.problems.append(Problem(entry.path, entry.reason))
        else:
            files[entry.name] = entry
    slug = topic_dir.name
    if TOPIC_FILE in files:
        topic_file = files[TOPIC_FILE]
        known = topic_summary(reader.summary(topic_file), slug, topic_file.path)
        if known is not None:
            bank.topics[slug] = known
        else:
            reader.forget(topic_file)  # no summary, or a damaged one: read it, write it anew
            _load_file(bank, tree, topic_file, reader)
    elif SLUG_PATTERN.match(slug) and slug not in bank.topics:
        bank.topics[slug] = Topic(slug, _title_from_slug(slug))
    indexed = SLUG_PATTERN.match(slug) is not None  # else every file is read, and reported
    for name, entry in files.items():
        if name.endswith(EXERCISE_SUFFIX) and name != TOPIC_FILE:
            stem = name[: -len(EXERCISE_SUFFIX)]
            lab = _lab_path(bank.problems, files.get(stem + LAB_SUFFIX))
            if not (
                indexed
                and SLUG_PATTERN.match(stem)
                and _indexed(bank, tree, entry, reader, f"{slug}/{stem}", lab)
            ):
                _load_file(bank, tree, entry, reader, lab)


def _lab_path(problems: list[Problem], lab: Entry | None) -> Path | None:
    """Where an exercise's lab is, if it has one that can be run (else why, in ``problems``)."""
    if lab is None:
        return None
    try:
        check_regular_file(lab.path, lab.status)
    except Unusable as unusable:
        problems.append(Problem(lab.path, unusable.reason))
        return None
    return lab.path


def _indexed(
    bank: Bank, tree: BankTree, entry: Entry, cache: BankCache, exercise_id: str, lab: Path | None
) -> bool:
    """Whether the exercise of an unchanged file is now known from the bank index alone
    (to be read in full when it is first looked up)."""
    topic = exercise_id.partition("/")[0]
    summary = exercise_summary(cache.summary(entry), exercise_id, topic, lab)
    if summary is None:
        cache.forget(entry)  # no summary, or a damaged one: read the file, write it anew
        return False
    if exercise_id in bank.exercises:
        return False  # reported as a duplicate when read
    bank.exercises.add_later(summary, lambda: _whole_exercise(tree, entry, cache, lab))
    if topic not in bank.topics:
        bank.topics[topic] = Topic(topic, _title_from_slug(topic))
    return True


def _whole_exercise(
    tree: BankTree, entry: Entry, cache: BankCache, lab: Path | None
) -> Exercise | None:
    """The exercise of an exercise file, with ``lab``: from the cached data while the file
    is unchanged, else read from the file; None if it does not load."""
    loaded = _cached(entry, cache)
    if loaded is None:
        loaded, _ = _read_file(tree, entry, cache)
    if loaded is None or isinstance(loaded, Topic):
        return None
    return dataclasses.replace(loaded, lab=lab)


def _load_file(
    bank: Bank, tree: BankTree, entry: Entry, cache: BankCache, lab: Path | None = None
) -> None:
    """Load one exercise or topic file (from the cache while it is unchanged) into ``bank``."""
    path = entry.path
    misnamed = _name_problem(path)
    if misnamed is not None:
        bank.problems.append(misnamed)
        return
    result = _cached(entry, cache)
    found: list[Problem] = []
    if result is None:
        result, found = _read_file(tree, entry, cache)
    bank.problems += [problem for problem in found if problem.blocking]
    bank.warnings += [problem for problem in found if not problem.blocking]
    if result is None:
        return
    if isinstance(result, Topic):
        bank.topics[result.slug] = result
    elif result.id in bank.exercises:
        first = bank.exercises[result.id].path
        bank.problems.append(
            Problem(path, f"id '{result.id}' is already used by {display_path(first)}")
        )
    else:
        bank.exercises.add(dataclasses.replace(result, lab=lab))
        bank.topics.setdefault(result.topic, Topic(result.topic, _title_from_slug(result.topic)))


def _cached(entry: Entry, cache: BankCache) -> Exercise | Topic | None:
    """What an unchanged file held, through the schema again; None if it is not cached
    or its data no longer validates (the row is then dropped and the file read afresh)."""
    data = cache.data(entry)
    if data is None:
        return None
    loaded, found = _from_data(entry.path, data)
    if loaded is None or found:
        cache.forget(entry)
        return None
    return loaded


def _name_problem(path: Path) -> Problem | None:
    """Why ``path`` cannot name an exercise or topic file (its id comes from its name)."""
    topic, slug = path.parent.name, path.stem
    if path.suffix != EXERCISE_SUFFIX:
        return Problem(path, f"exercise files end in {EXERCISE_SUFFIX}")
    for name, kind in ((topic, "topic folder"), (slug, "file name")):
        if not (path.name == TOPIC_FILE and kind == "file name") and not SLUG_PATTERN.match(name):
            return Problem(path, f"{kind} {quoted(name)} must be lowercase words joined by hyphens")
    return None


def _read_file(
    tree: BankTree, entry: Entry, cache: BankCache
) -> tuple[Exercise | Topic | None, list[Problem]]:
    """Read, parse and validate one file, keeping its data in ``cache`` if it loads."""
    # Imported here: with the bank cache warm, no file is parsed and start-up skips PyYAML.
    from penpaper.bank.yaml_reading import YamlReadError, read_yaml

    path = entry.path
    try:
        read = tree.read(entry)
        data, lines = read_yaml(read.data.decode("utf-8"))
    except Unusable as unusable:
        return None, [Problem(path, unusable.reason)]
    except UnicodeDecodeError as error:
        return None, [Problem(path, f"is not UTF-8 text (byte {error.start})")]
    except YamlReadError as error:
        return None, [Problem(path, error.message, error.line, _exercise_id(path))]
    loaded, found = _from_data(path, data, lines)
    if loaded is not None and not found:
        summary = loaded if isinstance(loaded, Topic) else loaded.summary
        cache.store(tree.root, entry, data, read.stamp, summary_record(summary))
    return loaded, found


def _from_data(
    path: Path, data: object, lines: SourceLines | None = None
) -> tuple[Exercise | Topic | None, list[Problem]]:
    """The exercise or topic a file's data describes, and every problem found in it
    (at the lines of ``lines``, when the data comes from parsing the file)."""
    # Imported here: listings read the bank index and never validate a file.
    from penpaper.bank.schema import SourceLines, exercise_from_yaml, topic_from_yaml

    exercise_id = _exercise_id(path)
    loaded: Exercise | Topic | None
    if exercise_id is None:
        loaded, found = topic_from_yaml(data, lines or SourceLines(), path.parent.name, path)
    else:
        loaded, found = exercise_from_yaml(data, lines or SourceLines(), exercise_id, path)
    return loaded, [
        Problem(path, problem.message, problem.line, exercise_id, problem.field, problem.blocking)
        for problem in found
    ]


def _exercise_id(path: Path) -> str | None:
    """``<topic>/<slug>`` for an exercise file; None for a ``topic.yaml``."""
    return None if path.name == TOPIC_FILE else f"{path.parent.name}/{path.stem}"


def _check_prerequisites(bank: Bank) -> None:
    """Prerequisites must name topics of the bank and lead somewhere: no cycle."""
    for topic in bank.topics.values():
        for prerequisite in topic.prerequisites:
            if prerequisite not in bank.topics:
                bank.problems.append(
                    Problem(
                        topic.path or Path(topic.slug),
                        f"'{prerequisite}' is not a topic of the bank",
                        field="prerequisites",
                    )
                )
    for cycle in _prerequisite_cycles(bank):
        first = bank.topics[cycle[0]]
        bank.problems.append(
            Problem(
                first.path or Path(first.slug),
                f"prerequisites form a cycle: {' → '.join((*cycle, cycle[0]))}",
                field="prerequisites",
            )
        )


def _prerequisite_cycles(bank: Bank) -> list[tuple[str, ...]]:
    """Each cycle of the prerequisite graph once, starting from its first topic by name."""
    cycles: set[tuple[str, ...]] = set()

    def walk(slug: str, path: tuple[str, ...]) -> None:
        for prerequisite in bank.topics[slug].prerequisites:
            if prerequisite in path:
                cycle = path[path.index(prerequisite) :]
                start = cycle.index(min(cycle))
                cycles.add(cycle[start:] + cycle[:start])
            elif prerequisite in bank.topics:
                walk(prerequisite, (*path, prerequisite))

    for slug in sorted(bank.topics):
        walk(slug, (slug,))
    return sorted(cycles)


def _title_from_slug(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def display_path(path: Path) -> str:
    """A path relative to the working directory where that is shorter, for messages.

    The file's own symbolic link is not followed: a message names the file in the
    bank, never where a link points.
    """
    try:
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd()))
    except (ValueError, OSError, RuntimeError):
        return str(path)
