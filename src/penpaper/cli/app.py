"""The typer app, its global options, and what every command shares.

Commands live beside this module by what they are for: ``browse`` (reading
the bank), ``practice`` (drill and review sessions), ``answers`` (one-shot
check, hint, solution), ``lab``, ``stats`` and ``config``. Nothing in this
package decides anything about exercises, answers or schedules, or draws
anything beyond a sentence: it parses arguments, calls the core, and hands
the result to ``terminal``.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import gc
import io
import os
import sys
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar, cast

import typer
import typer.main
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption
from typer.models import CommandInfo

from penpaper.bank.loading import Bank, configured_bank_paths, load_bank, load_exercise
from penpaper.sanitising import printable
from penpaper.version import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from penpaper.bank.cache import BankCache
    from penpaper.bank.model import Exercise
    from penpaper.instances.instantiate import Instance
    from penpaper.progress.store import Store


class GlobalOptionsAnywhere(TyperGroup):
    """The app's command group: its options may also follow the command's name, so
    `penpaper stats --data-dir X` means `penpaper --data-dir X stats`.

    Its commands are those of :data:`commands`, each built when first looked up.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = CommandsBuiltOnUse(commands)

    # Any: typer vendors click, whose Context the base class names; nothing here uses it.
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        takes_value = {
            name: not parameter.is_flag
            for parameter in self.params
            if isinstance(parameter, TyperOption) and not parameter.is_eager
            for name in parameter.opts
        }
        return super().parse_args(ctx, global_options_first(args, takes_value))


class CommandsBuiltOnUse(MutableMapping[str, Any]):
    """The commands of a typer app by name, each built into a click command when first
    looked up. typer builds every command (parameters, types, help) on every run, which
    took about 10 ms of start-up for 15 commands; a run calls one (``--help`` all)."""

    def __init__(self, registry: typer.Typer) -> None:
        self._registered: dict[str, CommandInfo | None] = {
            registered.name or typer.main.get_command_name(registered.callback.__name__): registered
            for registered in registry.registered_commands
            if registered.callback is not None
        }
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            registered = self._registered[name]
            assert registered is not None  # a command added already built is in _built
            self._built[name] = typer.main.get_command_from_info(
                registered,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._registered.setdefault(name, None)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._registered[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._registered)

    def __len__(self) -> int:
        return len(self._registered)


def global_options_first(args: list[str], takes_value: dict[str, bool]) -> list[str]:
    """``args`` with the global options found after the command moved before it.

    ``takes_value`` maps each global option to whether a value follows it. Nothing
    after ``--`` moves, and neither does anything before the command.
    """
    moved: list[str] = []
    kept: list[str] = []
    command_seen = False
    index = 0
    while index < len(args):
        argument = args[index]
        if argument == "--":
            kept += args[index:]
            break
        name, equals, _ = argument.partition("=")
        width = 2 if takes_value.get(name) and not equals else 1
        if name in takes_value:
            (moved if command_seen else kept).extend(args[index : index + width])
        else:
            command_seen = command_seen or not argument.startswith("-")
            kept.append(argument)
        index += width if name in takes_value else 1
    return moved + kept


class PlainWordsCommand(TyperCommand):
    """A command whose usage and help name arguments in plain words: ``show ID``, not
    typer's ``{ID}`` for a required argument nor its ``ID <str>`` in the help."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                pieces.append(
                    param.display_name_raw if param.required else f"[{param.display_name_raw}]"
                )
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments = [
            (param.display_name_raw, param.help or "")
            for param in self.get_params(ctx)
            if isinstance(param, TyperArgument)
        ]
        options = [
            record
            for param in self.get_params(ctx)
            if isinstance(param, TyperOption) and (record := param.get_help_record(ctx))
        ]
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def in_plain_words(commands: typer.Typer) -> None:
    """Every command registered so far gets :class:`PlainWordsCommand`'s usage and help."""
    for registered in commands.registered_commands:
        if registered.cls in (None, TyperCommand):
            registered.cls = PlainWordsCommand


def in_range(lowest: int, highest: int | None = None) -> Callable[[int | None], int | None]:
    """An option callback refusing numbers outside ``lowest``..``highest``, in words
    (typer's own ``min``/``max`` print ``1<=x<=5`` in the help)."""

    def check(value: int | None) -> int | None:
        if value is not None and not (lowest <= value and (highest is None or value <= highest)):
            wanted = f"at least {lowest}" if highest is None else f"{lowest} to {highest}"
            raise typer.BadParameter(f"{value} is not {wanted}.")
        return value

    return check


app = typer.Typer(
    name="penpaper",
    cls=GlobalOptionsAnywhere,
    help=(
        "Pen-and-paper exercises for the maths behind machine learning, "
        "checked as you type them.\n\n"
        "Exercises come from the bundled bank plus any folders named by --bank or "
        "PENPAPER_BANK (separated by ':'). Progress (the spaced-repetition state) is one "
        "SQLite file, progress.sqlite3, in --data-dir, else PENPAPER_HOME, else your user "
        "data folder (~/.local/share/penpaper on Linux). These options may come before or "
        "after the command."
    ),
    add_completion=False,
    rich_markup_mode=None,
)
commands = typer.Typer()
"""Where the command modules register their commands (``@commands.command()``): the
:data:`app` group builds one when it is called (see :class:`CommandsBuiltOnUse`). A
command registered on ``app`` itself would be ignored: the group's commands are these."""


# rich is imported on first output, so `list --json` and argument errors never pay for it.
@functools.cache
def console() -> Console:
    from rich.console import Console

    # Bank text is data: never coloured by guesswork (highlight), and ":smile:" in it
    # stays those seven characters (emoji), which also spares loading rich's emoji table.
    if sys.stdout.isatty():
        return Console(highlight=False, emoji=False)
    return Console(file=cast("IO[str]", TrimmedStdout()), highlight=False, emoji=False)


class TrimmedStdout(io.TextIOBase):
    """stdout without the spaces rich pads lines with, for output piped to a file or a
    program. It looks up ``sys.stdout`` at every write, as tests swap it."""

    def __init__(self) -> None:
        self._line = ""

    def write(self, text: str) -> int:
        *complete, self._line = (self._line + text).split("\n")
        if complete:
            sys.stdout.write("".join(line.rstrip(" ") + "\n" for line in complete))
        return len(text)

    def flush(self) -> None:
        if self._line.strip(" "):
            sys.stdout.write(self._line)
            self._line = ""
        sys.stdout.flush()

    def isatty(self) -> bool:
        return False


@functools.cache
def error_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, emoji=False)


USAGE_ERROR = 2
CHECK_FAILED = 1
MAX_SEED = 2**63 - 1
"""Seeds are stored with each try in SQLite, whose integers have 64 bits."""
T = TypeVar("T")


@dataclass
class CliContext:
    """What the global options chose, and the bank they lead to (loaded once, on demand)."""

    extra_banks: list[Path] = field(default_factory=list)
    include_bundled: bool = True
    data_dir: Path | None = None
    _bank: Bank | None = None

    def bank_paths(self) -> list[Path]:
        return configured_bank_paths(self.extra_banks, include_bundled=self.include_bundled)

    def exercise(self, exercise_id: str) -> Exercise:
        """One exercise, read from its own file when no bank is loaded yet (``show`` of a
        bank of thousands reads one file); else, or if that file does not load, from the
        whole bank, which reports problems and suggests ids."""
        if self._bank is None:
            found = load_exercise(self.bank_paths(), exercise_id, self._bank_cache())
            if found is not None:
                return found
        return exercise_or_exit(self.bank(), exercise_id)

    def bank(self) -> Bank:
        if self._bank is None:
            self._bank = load_bank(self.bank_paths(), self._bank_cache())
            for problem in self._bank.problems:
                error_console().print(
                    f"skipped {problem}", style="yellow", markup=False, soft_wrap=True
                )
        return self._bank

    def _bank_cache(self) -> BankCache:
        """The bank index of the data folder in use."""
        from penpaper.bank.cache import BankCache
        from penpaper.paths import cache_dir

        return BankCache(cache_dir(self.data_dir))


def _version(value: bool) -> None:
    if value:
        console().print(f"penpaper {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_options(
    context: typer.Context,
    bank: Annotated[
        # Text, not list[Path]: typer validates a list of paths through pydantic, which
        # costs every command about 10 ms at start-up. The folder is checked on loading.
        list[str] | None,
        typer.Option("--bank", metavar="DIR", help="An extra exercise folder (repeatable)."),
    ] = None,
    no_bundled_bank: Annotated[
        bool,
        typer.Option("--no-bundled-bank", help="Use only the --bank / PENPAPER_BANK folders."),
    ] = False,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            metavar="DIR",
            help="Where progress is kept (default: PENPAPER_HOME, else your user data folder).",
            file_okay=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    resume_collection()
    context.obj = CliContext(
        extra_banks=[Path(folder) for folder in bank or []],
        include_bundled=not no_bundled_bank,
        data_dir=data_dir,
    )
    if context.invoked_subcommand is None:
        _home(context)


_collection_paused_at_start = False


def collection_paused_at_start() -> None:
    """Say that :mod:`penpaper.__main__` paused garbage collection for start-up, for
    :func:`resume_collection` to end the pause (and no one else's ``gc.disable()``)."""
    global _collection_paused_at_start
    _collection_paused_at_start = True


def resume_collection() -> None:
    """End the start-up pause of garbage collection, if there was one, as the command starts.

    What start-up made is frozen first: it lives as long as the process, so later
    collections skip it instead of rescanning it each time (they cost `topics` about
    25 ms on a 2,000-exercise bank).
    """
    global _collection_paused_at_start
    if _collection_paused_at_start:
        _collection_paused_at_start = False
        gc.freeze()
        gc.enable()


def _home(context: typer.Context) -> None:
    """``penpaper`` alone: where you stand and the one next step."""
    from penpaper.stats.roadmap import home
    from penpaper.terminal.roadmap_view import render_home

    with settled_store(context, reading_only=True) as store:
        figures = home(context.ensure_object(CliContext).bank(), store, now())
    console().print(render_home(figures, console().width))


def say(message: str, style: str | None = None) -> None:
    """One plain sentence on stdout: on a terminal wrapped at word boundaries (the terminal
    itself would cut words), piped kept on one line for the program reading it.

    Sentences quote bank text (hints, feedback, names): never markup, and shown through
    :func:`~penpaper.sanitising.printable`.
    """
    out = console()
    out.print(printable(message), style=style, markup=False, soft_wrap=not out.is_terminal)


def fail(message: str, code: int = USAGE_ERROR) -> NoReturn:
    """One sentence on stderr, wrapped and as safe as :func:`say`, then exit with ``code``."""
    out = error_console()
    out.print(printable(message), markup=False, soft_wrap=not out.is_terminal)
    raise typer.Exit(code)


def closest(word: str, candidates: list[str]) -> str:
    """A 'did you mean' line from difflib, also matching the part after a topic's slash."""
    if not word.strip():
        return ""
    matches = difflib.get_close_matches(word, candidates, n=3, cutoff=0.5)
    matches += [c for c in candidates if word in c and c not in matches][: 3 - len(matches)]
    return f" Did you mean: {', '.join(matches)}?" if matches else ""


def topic_or_exit(bank: Bank, topic: str) -> str:
    if topic not in bank.topics:
        known = sorted(bank.topics)
        fail(f"Unknown topic '{topic}'.{closest(topic, known)} (see `penpaper topics`)")
    return topic


def exercise_or_exit(bank: Bank, exercise_id: str) -> Exercise:
    exercise = bank.exercises.get(exercise_id)
    if exercise is None:
        known = list(bank.exercises)
        fail(
            f"Unknown exercise '{exercise_id}'.{closest(exercise_id, known)} (see `penpaper list`)"
        )
    return exercise


SeedOption = Annotated[
    int | None,
    typer.Option(
        "--seed",
        metavar="N",
        callback=in_range(0, MAX_SEED),
        help="Which instance of a parameterised exercise (0 is the original).",
    ),
]


def instance_or_exit(context: typer.Context, exercise: Exercise, seed: int | None) -> Instance:
    """The instance of ``exercise`` that ``--seed`` names, else the one this learner saw
    last (seed 0, the original, if none); or one line naming the template at fault."""
    from penpaper.bank.loading import display_path
    from penpaper.bank.schema import format_field
    from penpaper.instances.instantiate import instance_of
    from penpaper.instances.values import TemplateError

    if seed is not None and not exercise.is_parameterised:
        fail(f"{exercise.id} has no parameters, so no instances: leave out --seed.")
    if seed is None and exercise.is_parameterised:
        from penpaper.scheduling.showing import last_shown_seed

        with open_store(context) as store:
            seed = last_shown_seed(store, exercise)
    try:
        return instance_of(exercise, seed or 0)
    except TemplateError as error:
        path = display_path(exercise.path)
        fail(
            f"{path}: {exercise.id} {format_field(error.field)}: {error.message} (seed {seed}); "
            f"`penpaper validate {path}` lists every problem.",
            CHECK_FAILED,
        )


def settled_store(context: typer.Context, *, reading_only: bool = False) -> Store:
    """The progress store with every sitting left open on an earlier day rated (see
    :func:`~penpaper.scheduling.recording.settle_open_sittings`).

    ``reading_only`` commands (home, topics, roadmap, stats) still work when the
    file cannot be written: they show what is saved, open sittings unsettled.
    """
    store = open_store(context)
    if not store.open_exercise_ids():
        return store  # nothing left open, as on most runs: the scheduler is not even imported

    from penpaper.progress.database import CannotSaveError
    from penpaper.scheduling.recording import settle_open_sittings

    exercises = context.ensure_object(CliContext).bank().exercises
    if not reading_only:
        saved_or_exit(store, lambda: settle_open_sittings(store, exercises, now()))
        return store
    # Shown as saved; the next command that can write settles them.
    with contextlib.suppress(CannotSaveError):
        settle_open_sittings(store, exercises, now())
    return store


def saved_or_exit(store: Store, write: Callable[[], T]) -> T:
    """``write()``'s result; if the store cannot save it, one line saying so and exit 1."""
    from penpaper.progress.database import StoreError

    try:
        return write()
    except StoreError as error:
        store.close()
        fail(str(error), CHECK_FAILED)


def tried_today(store: Store, exercise_id: str, part: int) -> bool:
    """Whether the part was answered this learner day (help read now is not for a later review)."""
    from penpaper.scheduling.days import day_start

    last = store.last_try_at(exercise_id, part)
    return last is not None and last >= day_start(now(), store.settings())


def open_store(context: typer.Context) -> Store:
    """The learner's progress database, or a one-line error naming the file (exit 1)."""
    from penpaper.paths import database_path
    from penpaper.progress.database import StoreError
    from penpaper.progress.store import Store

    try:
        return Store.open(database_path(context.ensure_object(CliContext).data_dir))
    except StoreError as error:
        fail(str(error), CHECK_FAILED)


def now() -> datetime:
    """The current local time (daily limits roll over in the learner's timezone).

    ``PENPAPER_NOW`` (an ISO timestamp) pretends it is another moment:
    the end-to-end tests use it to come back "tomorrow".
    """
    pretended = os.environ.get("PENPAPER_NOW")
    if pretended:
        try:
            moment = datetime.fromisoformat(pretended)
            moment = moment if moment.tzinfo is not None else moment.astimezone()
            if not 1970 <= moment.year <= 9999 or not 1970 <= moment.astimezone(UTC).year <= 9999:
                raise ValueError
        except (ValueError, OverflowError, OSError):
            fail(
                f"PENPAPER_NOW={pretended!r} is not an ISO time between the years 1970 and 9999, "
                "such as 2026-03-02T10:00:00+00:00."
            )
        return moment
    return datetime.now().astimezone()
