"""`penpaper drill` and `review` sessions, driven through CliRunner with scripted input."""

from __future__ import annotations

from fsrs import Rating

from helpers import run_cli
from penpaper.paths import database_path
from penpaper.progress.records import LoggedAttempt, LoggedTry, Outcome
from penpaper.progress.store import Store

TODAY = "2026-03-02T10:00:00+00:00"
TOMORROW = "2026-03-03T10:00:00+00:00"


def logged_attempts(exercise_id: str | None = None) -> list[LoggedAttempt]:
    with Store.open(database_path()) as store:
        return store.attempts(exercise_id)


def drill(exercise_id: str, answers: str, now: str = TODAY):
    topic = exercise_id.partition("/")[0]
    return run_cli("drill", topic, "--id", exercise_id, input=answers, now=now)


def test_correct_answers_are_confirmed_saved_and_rated_good() -> None:
    result = drill("graphs/pick-parents", "b\nyes\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("✓ correct") == 2
    assert "SECRET-SOLUTION-PARENTS" in result.stdout
    assert "1 exercise finished; 2 of 2 parts right first time, 0 hints" in result.stdout
    assert "graphs: familiar, 50 % mastery · rating 1604 ± 279 (+104 this session)" in result.stdout
    [entry] = logged_attempts("graphs/pick-parents")
    assert [part.outcome for part in entry.attempt.parts] == [Outcome.CORRECT, Outcome.CORRECT]
    assert entry.rating is Rating.Good


def test_solution_stays_hidden_until_the_first_attempt() -> None:
    result = drill("graphs/pick-parents", "a\nb\nyes\n")
    output = result.stdout
    assert output.index("✗ not quite") < output.index("SECRET-SOLUTION-PARENTS")
    assert "SECRET-SOLUTION-DESCENDANT" in output
    [entry] = logged_attempts()
    first_part = entry.attempt.parts[0]
    # the first try is what the scheduler rates, even though the retry was right
    assert (first_part.outcome, first_part.answer) == (Outcome.INCORRECT, "a")
    assert entry.rating is Rating.Again  # half the parts failed: not passed


def test_wrong_answer_gets_the_checker_feedback_and_enter_moves_on() -> None:
    result = drill("calculus/chain-rule", "exp(x^2)\n\n")
    assert "The chain rule multiplies by the derivative of the inner function." in result.stdout
    assert "SECRET-SOLUTION-CHAIN" in result.stdout
    [entry] = logged_attempts()
    assert entry.attempt.parts[0].outcome is Outcome.INCORRECT
    assert entry.rating is Rating.Again


def test_hints_come_one_at_a_time_and_are_counted() -> None:
    result = drill("graphs/pick-parents", "?\nhint\n?\nb\nyes\n")
    assert "Hint 1/2: Parents point into the node." in result.stdout
    assert "Hint 2/2: Look at the arrows ending at C." in result.stdout
    assert "No more hints" in result.stdout
    [entry] = logged_attempts()
    assert entry.attempt.parts[0].hints_used == 2
    assert entry.rating is Rating.Hard


def test_unreadable_answer_is_not_an_attempt_and_can_be_retyped() -> None:
    result = drill("calculus/chain-rule", "2*x*exp(x^2\n2 x e^(x^2)\n")
    assert "Couldn't read that:" in result.stdout
    assert "✓ correct" in result.stdout
    [entry] = logged_attempts()
    assert entry.attempt.parts[0].outcome is Outcome.CORRECT
    assert entry.attempt.parts[0].answer == "2 x e^(x^2)"


def test_skipping_every_part_records_nothing() -> None:
    result = drill("graphs/pick-parents", "skip\nskip\n")
    assert "Skipped: it stays in your queue." in result.stdout
    assert "SECRET-SOLUTION" not in result.stdout
    assert logged_attempts() == []


def test_giving_up_shows_the_solution_and_counts_as_failed() -> None:
    result = drill("graphs/pick-parents", "solution\nyes\n")
    assert "SECRET-SOLUTION-PARENTS" in result.stdout
    [entry] = logged_attempts()
    first_part = entry.attempt.parts[0]
    assert first_part.outcome is Outcome.SKIPPED and first_part.solution_seen
    assert entry.rating is Rating.Again  # one part of two failed: not passed


def test_derivation_parts_are_self_graded_after_the_solution() -> None:
    result = drill("calculus/quadratic-gradient", "(A + A^T) x\nmy notes\n\nmaybe\ngood\n")
    assert result.exit_code == 0, result.output
    assert "SECRET-SOLUTION-HESSIAN" in result.stdout
    assert "Type again, hard, good or easy" in result.stdout
    [entry] = logged_attempts()
    derivation = entry.attempt.parts[1]
    assert derivation.outcome is Outcome.SELF_GRADED
    assert derivation.self_grade is Rating.Good
    assert derivation.answer == "my notes"


def logged_tries() -> list[LoggedTry]:
    with Store.open(database_path()) as store:
        return store.tries()


def test_quit_saves_the_parts_answered_and_leaves_the_exercise_open() -> None:
    result = drill("graphs/pick-parents", "b\nquit\n")
    assert result.exit_code == 0
    assert "Session ended; everything you answered is saved." in result.stdout
    assert [(t.tried.part, t.tried.answer) for t in logged_tries()] == [(1, "b")]
    assert logged_attempts() == []  # not rated until every part is answered


def test_end_of_input_ends_the_session_cleanly() -> None:
    result = drill("graphs/pick-parents", "b\n")
    assert result.exit_code == 0
    assert "Traceback" not in result.output
    assert len(logged_tries()) == 1


def test_drill_then_review_the_next_day() -> None:
    drill("graphs/pick-parents", "a\n\nyes\n")
    assert "Nothing is due for review. 1 due tomorrow" in run_cli("review", now=TODAY).stdout
    result = run_cli("review", input="b\nyes\n", now=TOMORROW)
    assert result.exit_code == 0, result.output
    assert "Parents in a DAG" in result.stdout
    assert len(logged_attempts("graphs/pick-parents")) == 2


def test_review_with_nothing_due_says_so() -> None:
    result = run_cli("review", now=TODAY)
    assert result.exit_code == 0
    assert "Nothing is due for review." in result.stdout
    assert "Start with `penpaper`, then the drill it suggests." in result.stdout


def test_drill_picks_new_exercises_of_the_topic_and_respects_count() -> None:
    result = run_cli("drill", "calculus", "--count", "1", input="2 x exp(x^2)\n", now=TODAY)
    assert result.exit_code == 0, result.output
    assert "Exercise 1 of 1" in result.stdout
    assert len(logged_attempts()) == 1


def test_drill_with_nothing_left_offers_practice() -> None:
    drill("graphs/pick-parents", "b\nyes\n")
    result = run_cli("drill", "graphs", now=TODAY)
    assert "nothing is due or new" in result.stdout
    assert "penpaper drill graphs --practice" in result.stdout
    same_day = run_cli("drill", "graphs", "--practice", input="b\nyes\n", now=TODAY)
    assert "Practice: you reviewed this exercise today" in same_day.stdout
    assert len(logged_attempts()) == 1  # one review a day: the rest is practice
    ahead = run_cli("drill", "graphs", "--practice", input="b\nyes\n", now=TOMORROW)
    assert "Parents in a DAG" in ahead.stdout
    assert logged_attempts()[-1].attempt.practice


def test_unknown_topic_is_a_usage_error() -> None:
    result = run_cli("drill", "graph", now=TODAY)
    assert result.exit_code == 2
    assert "Did you mean: graphs?" in result.stderr


def test_drill_filters_by_difficulty_and_new(tmp_path) -> None:
    hard_only = run_cli("drill", "calculus", "--difficulty", "3", input="quit\n", now=TODAY)
    assert "Gradient of a quadratic form" in hard_only.stdout
    assert "Chain rule warm-up" not in hard_only.stdout
    drill("calculus/chain-rule", "2 x exp(x^2)\n", now=TODAY)
    only_new = run_cli("drill", "calculus", "--new", input="quit\n", now=TOMORROW)
    assert "Gradient of a quadratic form" in only_new.stdout
    assert "Chain rule warm-up" not in only_new.stdout


def test_data_dir_option_keeps_progress_where_asked(tmp_path) -> None:
    elsewhere = tmp_path / "elsewhere"
    result = run_cli(
        "--data-dir", str(elsewhere), "check", "calculus/chain-rule", "2 x exp(x^2)", now=TODAY
    )
    assert result.exit_code == 0, result.output
    assert (elsewhere / "progress.sqlite3").is_file()
    assert logged_attempts() == []  # nothing in PENPAPER_HOME


def test_hints_on_the_part_left_open_count_at_its_next_attempt() -> None:
    result = drill("graphs/pick-parents", "b\n?\nquit\n")
    assert "1 hint" in result.stdout
    run_cli("check", "graphs/pick-parents", "--part", "2", "yes", now=TOMORROW)
    # Yesterday's sitting was rated at the day's end, the unanswered part as not known ...
    [settled] = logged_attempts()
    outcomes = [part.outcome for part in settled.attempt.parts]
    assert outcomes == [Outcome.CORRECT, Outcome.SKIPPED]
    assert settled.rating is Rating.Again  # as if part (b) had been answered wrong
    # ... and the hint read on part (b) counts at its next try.
    assert logged_tries()[-1].tried.hints == 1


def test_filters_that_contradict_are_refused_with_a_reason() -> None:
    elsewhere = run_cli("drill", "calculus", "--id", "graphs/pick-parents", now=TODAY)
    assert elsewhere.exit_code == 2
    assert "graphs/pick-parents is in graphs, not calculus" in elsewhere.stderr
    both = run_cli("drill", "calculus", "--practice", "--new", now=TODAY)
    assert both.exit_code == 2
    assert "choose one" in both.stderr
    one = run_cli("drill", "calculus", "--id", "calculus/chain-rule", "--new", now=TODAY)
    assert one.exit_code == 2 and "--id drills that one exercise" in one.stderr


def test_an_empty_filter_says_what_exists() -> None:
    result = run_cli("drill", "calculus", "--difficulty", "5", now=TODAY)
    assert result.exit_code == 0
    assert "No new exercise at difficulty 5 in calculus, and none due; 2 new at 1–3" in (
        result.stdout
    )


def test_a_drill_cut_short_by_the_daily_limit_says_so_first() -> None:
    run_cli("config", "new_per_day", "1")
    result = run_cli("drill", "calculus", input="quit\n", now=TODAY)
    assert result.stdout.index("Only 1 new exercise left today (new_per_day = 1)") < (
        result.stdout.index("Exercise 1 of 1")
    )


def test_an_exercise_left_open_is_resumed_not_counted_as_new() -> None:
    """The home screen and the drill agree on what today's allowance has left."""
    drill("calculus/quadratic-gradient", "(A + A^T) x\nquit\n")  # part (a), then left open
    run_cli("config", "new_per_day", "1")
    drill("graphs/pick-parents", "b\nyes\n")  # the day's one new exercise
    home = run_cli(now=TODAY)
    assert "2 / 3 exercises started" in home.stdout
    assert "new exercises left today: 0 of 1" in home.stdout
    result = run_cli("drill", "calculus", input="quit\n", now=TODAY)
    assert "No new exercise left today (new_per_day = 1)" in result.stdout
    assert "Resuming: part (b)" in result.stdout


def test_review_of_one_topic_speaks_about_that_topic() -> None:
    drill("graphs/pick-parents", "a\n\nyes\n")  # not passed: due tomorrow
    result = run_cli("review", "--topic", "calculus", now=TOMORROW)
    assert "Nothing in calculus is due for review." in result.stdout
    assert "penpaper drill calculus" in result.stdout
    graphs = run_cli("review", "--topic", "graphs", now=TODAY)
    assert "1 due tomorrow — run `penpaper review --topic graphs` then." in graphs.stdout


def test_the_summary_counts_what_happened() -> None:
    # chain-rule right; quadratic-gradient: (a) right, then quit at its derivation.
    answers = "2 x exp(x^2)\n(A + A^T) x\nquit\n"
    calculus = run_cli("drill", "calculus", input=answers, now=TODAY)
    assert "1 exercise finished, 1 left open; 2 of 2 parts right first time, 0 hints" in (
        calculus.stdout
    )
    graphs = run_cli("drill", "graphs", input="solution\nyes\n", now=TODAY)
    assert "1 exercise finished; 1 of 1 part right first time, 1 given up, 0 hints" in (
        graphs.stdout
    )
    resumed_and_left = run_cli("drill", "calculus", input="quit\n", now=TODAY)
    assert "Resuming: part (b)" in resumed_and_left.stdout
    assert "0 exercises finished, 1 left open" in resumed_and_left.stdout


def test_a_derivation_counts_on_its_own_line_and_its_notes_are_shown() -> None:
    result = drill("calculus/quadratic-gradient", "(A + A^T) x\nmy notes\n\ngood\n")
    assert "Your notes: my notes" in result.stdout
    assert "1 of 1 part right first time, 1 self-graded" in result.stdout


def test_prompt_words_are_commands_and_never_answers() -> None:
    result = drill("graphs/pick-parents", "help\nh\nb\nexit\n")
    assert result.stdout.count("commands: ? hint") == 3  # once shown, then asked twice
    assert "Session ended" in result.stdout
    [only] = logged_tries()
    assert only.tried.answer == "b"  # neither help nor exit was judged


def test_a_finished_exercise_with_a_lab_offers_it() -> None:
    result = drill("calculus/chain-rule", "2 x exp(x^2)\n")
    assert "lab: penpaper lab calculus/chain-rule — " in result.stdout
    assert "Labs to run now: penpaper lab calculus/chain-rule" in result.stdout


def test_drill_help_names_every_word_the_prompt_takes() -> None:
    listed = run_cli("drill", "--help").stdout
    for word in ("`?`", "`hint`", "`skip`", "`solution`", "`undo`", "`override`", "`help`"):
        assert word in listed, word
    for word in ("`h`", "`quit`", "`q`", "`exit`"):
        assert word in listed, word
