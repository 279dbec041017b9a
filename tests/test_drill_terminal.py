"""Real drills in a pseudo-terminal: every verdict shown is on disk, whatever ends the session.

Each test spawns ``python -m penpaper drill`` on the fixture bank, types as a
learner would, then ends the session the way a learner (or their machine)
might: Ctrl-C, ``quit`` at the retry prompt, a closed terminal (SIGHUP), a
polite kill (SIGTERM) or a hard one (SIGKILL). The store is read afterwards.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pexpect
import pytest
from fsrs import Rating

from helpers import FIXTURE_BANK
from penpaper.paths import database_path
from penpaper.progress.records import LoggedAttempt, LoggedTry, TryVerdict
from penpaper.progress.store import Store

EXERCISE = "graphs/pick-parents"  # (a) a choice whose key is b, (b) yes/no whose key is yes
PENPAPER = ("-m", "penpaper", "--no-bundled-bank", "--bank", str(FIXTURE_BANK))


@contextmanager
def drill(
    home: Path, now: str = "2026-03-02T10:00:00+00:00", exercise: str = EXERCISE
) -> Iterator[pexpect.spawn]:
    environment = {
        **os.environ,
        "PENPAPER_HOME": str(home),
        "PENPAPER_NOW": now,
        "NO_COLOR": "1",
    }
    child = pexpect.spawn(
        sys.executable,
        [*PENPAPER, "drill", exercise.partition("/")[0], "--id", exercise],
        env=environment,
        encoding="utf-8",
        codec_errors="replace",  # the terminal echoes back bytes that are not text
        timeout=60,
        dimensions=(40, 100),
        preexec_fn=_ctrl_c_as_in_a_terminal,
    )
    try:
        child.expect("Exercise 1 of 1")
        yield child
    finally:
        child.close(force=True)


def _ctrl_c_as_in_a_terminal() -> None:
    """Ctrl-C interrupts, as in a learner's terminal, however the test run was started: a
    shell starting it in the background (``pytest &`` in a script) makes its children
    ignore SIGINT, and a drill started so would ignore Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def answer_wrong_first(child: pexpect.spawn) -> None:
    child.expect("answer> ")
    child.sendline("a")
    child.expect("not quite")
    child.expect("again> ")


def on_disk() -> tuple[list[LoggedTry], list[LoggedAttempt]]:
    with Store.open(database_path()) as store:
        return store.tries(), store.attempts()


def test_ctrl_c_keeps_every_try_and_the_next_drill_resumes_at_the_open_part(
    isolated_home: Path,
) -> None:
    with drill(isolated_home) as child:
        answer_wrong_first(child)
        child.sendline("b")
        child.expect("✓ correct")
        child.expect("SECRET-SOLUTION-PARENTS")
        child.expect("answer> ")
        child.sendintr()
        child.expect("Session ended; everything you answered is saved.")
        child.expect(pexpect.EOF)
    assert child.exitstatus == 0
    assert "Traceback" not in (child.before or "")
    tries, reviews = on_disk()
    assert [(t.tried.answer, t.tried.verdict) for t in tries] == [
        ("a", TryVerdict.INCORRECT),
        ("b", TryVerdict.CORRECT),
    ]
    assert reviews == []

    with drill(isolated_home, now="2026-03-02T11:00:00+00:00") as child:
        child.expect(r"Resuming: part \(b\) of 2; part \(a\)\s+answered\s+earlier\s+today")
        child.expect("answer> ")
        child.sendline("yes")
        child.expect("Saved: not yet known")
        child.expect(pexpect.EOF)
    [review] = on_disk()[1]
    assert [part.answer for part in review.attempt.parts] == ["a", "yes"]  # first tries
    assert review.rating is Rating.Again  # (a)'s first try was wrong: half failed


def test_quit_at_the_retry_prompt_keeps_the_wrong_first_try(isolated_home: Path) -> None:
    with drill(isolated_home) as child:
        answer_wrong_first(child)
        child.sendline("quit")
        child.expect(pexpect.EOF)
    [wrong] = on_disk()[0]
    assert (wrong.tried.answer, wrong.tried.verdict) == ("a", TryVerdict.INCORRECT)


@pytest.mark.parametrize("number", [signal.SIGHUP, signal.SIGTERM, signal.SIGKILL])
def test_a_signal_after_a_verdict_loses_nothing_on_screen(
    isolated_home: Path, number: signal.Signals
) -> None:
    with drill(isolated_home) as child:
        answer_wrong_first(child)
        child.kill(number)
        child.expect(pexpect.EOF)
        child.close()
        if number is signal.SIGTERM:  # handled like Ctrl-C, summary and all
            assert "Session ended; everything you answered is saved." in (child.before or "")
            assert child.exitstatus == 0
        elif number is signal.SIGHUP:  # the terminal is gone: end quietly
            assert child.exitstatus == 130
        else:
            assert child.signalstatus == signal.SIGKILL
        assert "Traceback" not in (child.before or "")
    [wrong] = on_disk()[0]
    assert wrong.tried.verdict is TryVerdict.INCORRECT


def test_undo_takes_back_the_part_just_judged_and_asks_it_again(isolated_home: Path) -> None:
    with drill(isolated_home) as child:
        answer_wrong_first(child)
        child.sendline("undo")
        child.expect(r"Took back \(a\): it is asked again.")
        child.expect("answer> ")
        child.sendline("b")
        child.expect("✓ correct")
        child.expect("answer> ")
        child.sendline("yes")
        child.expect("Saved: passed;")
        child.expect(pexpect.EOF)
    tries, [review] = on_disk()
    assert [t.tried.answer for t in tries] == ["b", "yes"]
    assert review.rating is Rating.Good


def test_override_counts_a_misjudged_answer_as_right_and_marks_it(isolated_home: Path) -> None:
    with drill(isolated_home) as child:
        answer_wrong_first(child)
        child.sendline("override")
        child.expect("counted as right")
        child.expect("answer> ")
        child.sendline("yes")
        child.expect("Saved: passed;")
        child.expect(pexpect.EOF)
    tries, [review] = on_disk()
    first = tries[0].tried
    assert (first.answer, first.verdict, first.overridden) == ("a", TryVerdict.CORRECT, True)
    assert review.rating is Rating.Good


def test_bytes_that_are_not_text_get_a_message_and_the_prompt_again(isolated_home: Path) -> None:
    with drill(isolated_home) as child:
        child.expect("answer> ")
        os.write(child.child_fd, b"\xff\xfe\n")  # the spawn's own send() only takes text
        child.expect("bytes that are not text")
        child.expect("answer> ")
        child.sendline("b")
        child.expect("✓ correct")
        child.sendline("quit")
        child.expect(pexpect.EOF)
    assert [t.tried.answer for t in on_disk()[0]] == ["b"]


def test_a_finished_exercise_with_a_lab_offers_it_on_screen(isolated_home: Path) -> None:
    with drill(isolated_home, exercise="calculus/chain-rule") as child:
        child.expect("answer> ")
        child.sendline("2 x exp(x^2)")
        child.expect("✓ correct")
        child.expect("penpaper lab calculus/chain-rule — Finite differences")
        child.expect("Labs to run now")
        child.expect(pexpect.EOF)


def test_a_message_wraps_between_words_on_a_narrow_terminal(isolated_home: Path) -> None:
    """A terminal left to fold a long line cuts words (`penpape` / `r drill`)."""
    child = pexpect.spawn(
        sys.executable,
        [*PENPAPER, "drill", "calculus", "--id", EXERCISE],
        env={
            **{
                name: value
                for name, value in os.environ.items()
                if name not in ("COLUMNS", "LINES")
            },
            "PENPAPER_HOME": str(isolated_home),
            "NO_COLOR": "1",
        },  # the terminal's own width, not one exported where the tests run
        encoding="utf-8",
        timeout=60,
        dimensions=(24, 40),
    )
    child.expect(pexpect.EOF)
    child.close()
    lines = child.before.replace("\r\n", "\n").strip().split("\n")
    assert child.exitstatus == 2
    assert len(lines) > 1 and all(len(line) <= 40 for line in lines), lines
    assert " ".join(line.strip() for line in lines) == (
        f"{EXERCISE} is in graphs, not calculus: run `penpaper drill graphs --id {EXERCISE}`."
    )
