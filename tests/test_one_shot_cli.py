"""The scriptable commands: `check`, `hint`, `solution` and `lab`."""

from __future__ import annotations

from helpers import FIXTURE_BANK, run_cli
from penpaper.paths import database_path
from penpaper.progress.records import Outcome, TryVerdict
from penpaper.progress.store import Store

NOW = "2026-03-02T10:00:00+00:00"


def test_check_exit_codes_follow_the_verdict() -> None:
    correct = run_cli("check", "calculus/chain-rule", "2 x e^(x^2)", now=NOW)
    assert (correct.exit_code, correct.stdout.strip()) == (0, "✓ correct")
    wrong = run_cli("check", "calculus/chain-rule", "exp(x^2)", now=NOW)
    assert wrong.exit_code == 1
    assert "chain rule multiplies" in wrong.stdout
    unreadable = run_cli("check", "calculus/chain-rule", "2*(x", now=NOW)
    assert unreadable.exit_code == 2
    assert "Couldn't read that" in unreadable.stderr
    assert "Practice: this exercise was already reviewed today" in wrong.stdout
    with Store.open(database_path()) as store:
        outcomes = [entry.attempt.parts[0].outcome for entry in store.attempts()]
        tries = [(t.tried.verdict, t.practice) for t in store.tries()]
    assert outcomes == [Outcome.CORRECT]  # one review a day ...
    assert tries == [(TryVerdict.CORRECT, False), (TryVerdict.INCORRECT, True)]  # every try kept


def test_check_without_recording_leaves_no_trace() -> None:
    assert run_cli("check", "--no-record", "graphs/pick-parents", "--part", "1", "b").exit_code == 0
    with Store.open(database_path()) as store:
        assert store.attempts() == []


def test_multi_part_exercise_needs_a_part_and_lists_them() -> None:
    result = run_cli("check", "graphs/pick-parents", "b")
    assert result.exit_code == 2
    assert "has 2 parts; choose one with --part a, b" in result.stderr
    assert "(a) Which option lists the parents of C?" in result.stderr
    assert "(b) Is D a descendant of A?" in result.stderr
    missing = run_cli("check", "graphs/pick-parents", "--part", "c", "b")
    assert missing.exit_code == 2
    assert "has no part 'c'; it has parts (a) and (b)" in missing.stderr
    assert run_cli("check", "graphs/pick-parents", "--part", "3", "b").exit_code == 2


def test_a_part_is_named_by_letter_or_number_alike() -> None:
    for name in ("b", "(b)", "B", "2"):
        result = run_cli("check", "--no-record", "graphs/pick-parents", "--part", name, "yes")
        assert result.exit_code == 0, (name, result.output)
    hint = run_cli("hint", "graphs/pick-parents", "--part", "b", now=NOW)
    assert hint.stdout.startswith("Hint 1/")


def test_hints_are_given_in_order_and_counted_in_the_next_attempt() -> None:
    first = run_cli("hint", "calculus/chain-rule", now=NOW)
    assert first.stdout.strip() == "Hint 1/2: Write f as an outer function of an inner function."
    second = run_cli("hint", "calculus/chain-rule", now=NOW)
    assert second.stdout.startswith("Hint 2/2:")
    assert "No more hints" in run_cli("hint", "calculus/chain-rule", now=NOW).stdout
    run_cli("check", "calculus/chain-rule", "2 x exp(x^2)", now=NOW)
    with Store.open(database_path()) as store:
        [entry] = store.attempts()
    assert entry.attempt.parts[0].hints_used == 2


def test_solution_is_refused_before_an_attempt() -> None:
    refused = run_cli("solution", "calculus/chain-rule", now=NOW)
    assert refused.exit_code == 1
    assert "SECRET-SOLUTION" not in refused.output
    assert "--give-up" in refused.stderr
    run_cli("check", "calculus/chain-rule", "x", now=NOW)
    shown = run_cli("solution", "calculus/chain-rule", now=NOW)
    assert shown.exit_code == 0
    assert "SECRET-SOLUTION-CHAIN" in shown.stdout


def test_giving_up_records_a_failed_attempt_and_shows_the_solution() -> None:
    result = run_cli("solution", "graphs/pick-parents", "--part", "2", "--give-up", now=NOW)
    assert result.exit_code == 0
    assert "SECRET-SOLUTION-DESCENDANT" in result.stdout
    assert "Still to answer: (a)" in result.stdout
    with Store.open(database_path()) as store:
        [given_up] = store.tries()
        assert store.attempts() == []  # part (a) is still to answer
    assert (given_up.tried.part, given_up.tried.verdict) == (2, TryVerdict.GAVE_UP)


def test_lab_runs_after_an_attempt_and_can_show_its_code() -> None:
    refused = run_cli("lab", "calculus/chain-rule", now=NOW)
    assert refused.exit_code == 1
    assert "Finish calculus/chain-rule first" in refused.stderr
    run_cli("check", "calculus/chain-rule", "2 x exp(x^2)", now=NOW)
    ran = run_cli("lab", "calculus/chain-rule", "--trust", now=NOW)  # not the bundled bank
    assert ran.exit_code == 0, ran.output
    assert "chain rule 28.463208" in ran.stdout
    code = run_cli("lab", "calculus/chain-rule", "--show", now=NOW)
    lab = FIXTURE_BANK / "calculus" / "chain-rule.py"
    assert code.stdout == lab.read_text(encoding="utf-8")  # piped: the script itself
    assert "Run it yourself: python" in code.stderr


def test_exercise_without_lab_says_so() -> None:
    result = run_cli("lab", "graphs/pick-parents")
    assert result.exit_code == 2
    assert "has no lab" in result.stderr


def test_a_negative_answer_is_not_taken_for_an_option() -> None:
    result = run_cli("check", "--no-record", "calculus/chain-rule", "-2 x exp(x^2)")
    assert result.exit_code == 1, result.output
    assert "sign" in result.stdout
