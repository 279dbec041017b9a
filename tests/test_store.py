"""The progress store: where it lives, what the log keeps, help events, settings and caches."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import platformdirs
import pytest
from fsrs import Rating, State

from penpaper.paths import data_dir, database_path
from penpaper.progress import history
from penpaper.progress.database import APPLICATION_ID, StoreError
from penpaper.progress.migrations import MIGRATIONS
from penpaper.progress.records import (
    Attempt,
    CardState,
    HelpKind,
    Outcome,
    PartResult,
    Try,
    TryVerdict,
)
from penpaper.progress.settings import Settings
from penpaper.progress.store import Store
from penpaper.ratings import SkillRating

T0 = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)
MakeAttempt = Callable[..., Attempt]


def test_data_dir_prefers_override_then_environment_then_platform(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert data_dir(tmp_path / "explicit") == tmp_path / "explicit"
    assert data_dir() == isolated_home
    assert database_path() == isolated_home / "progress.sqlite3"
    monkeypatch.delenv("PENPAPER_HOME")
    assert data_dir() == platformdirs.user_data_path("penpaper")


def test_open_creates_a_marked_wal_database_in_the_data_dir(isolated_home: Path) -> None:
    with Store.open() as store:
        assert store.path == isolated_home / "progress.sqlite3"

    connection = sqlite3.connect(isolated_home / "progress.sqlite3")
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert connection.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_an_unusable_data_dir_is_a_store_error_naming_it(isolated_home: Path) -> None:
    isolated_home.parent.mkdir(exist_ok=True)
    isolated_home.write_text("a file where the folder should be")

    with pytest.raises(StoreError, match="cannot save progress to") as raised:
        Store.open()

    assert str(isolated_home) in str(raised.value)


def test_the_log_keeps_every_detail_of_an_attempt(progress_store: Store) -> None:
    attempt = Attempt(
        exercise_id="calculus/chain-rule",
        started_at=T0 - timedelta(minutes=4),
        finished_at=T0,
        parts=(
            PartResult(1, Outcome.CORRECT, answer="2*x*cos(x**2)", hints_used=1),
            PartResult(2, Outcome.INCORRECT, answer="2x", solution_seen=True),
            PartResult(3, Outcome.SELF_GRADED, answer="by parts", self_grade=Rating.Hard),
            PartResult(4, Outcome.SKIPPED),
        ),
        practice=True,
    )

    logged = progress_store.append_attempt(attempt, Rating.Hard, None)

    [stored] = progress_store.attempts()
    assert stored == logged
    assert stored.attempt == attempt
    assert stored.rating is Rating.Hard
    assert stored.first
    assert stored.attempt.duration == timedelta(minutes=4)


def test_only_the_first_attempt_of_an_exercise_is_marked_first(
    progress_store: Store, make_attempt: MakeAttempt
) -> None:
    for hours, exercise_id in enumerate(["a/one", "a/two", "a/one"]):
        progress_store.append_attempt(
            make_attempt(exercise_id, T0 + timedelta(hours=hours)), Rating.Good, None
        )

    assert [entry.first for entry in progress_store.attempts()] == [True, True, False]
    assert [entry.attempt.exercise_id for entry in progress_store.attempts("a/one")] == [
        "a/one",
        "a/one",
    ]


def test_times_are_stored_in_utc_and_naive_times_are_refused(
    progress_store: Store, make_attempt: MakeAttempt
) -> None:
    paris = timezone(timedelta(hours=1))
    progress_store.append_attempt(make_attempt("a/one", T0.astimezone(paris)), Rating.Good, None)

    [stored] = progress_store.attempts()
    assert stored.attempt.finished_at == T0
    assert stored.attempt.finished_at.tzinfo is UTC
    with pytest.raises(ValueError, match="timezone-aware"):
        make_attempt("a/one", datetime(2025, 3, 3, 12, 0))


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: PartResult(1, Outcome.SELF_GRADED), "self_grade"),
        (lambda: PartResult(1, Outcome.CORRECT, self_grade=Rating.Good), "self_grade"),
        (lambda: PartResult(1, Outcome.CORRECT, hints_used=-1), "negative"),
        (lambda: Attempt("a/one", T0, T0, ()), "at least one part"),
        (lambda: Attempt("nonsense", T0, T0, (PartResult(1, Outcome.CORRECT),)), "topic/slug"),
        (
            lambda: Attempt(
                "a/one", T0, T0 - timedelta(seconds=1), (PartResult(1, Outcome.CORRECT),)
            ),
            "finished before",
        ),
        (
            lambda: Attempt(
                "a/one", T0, T0, (PartResult(1, Outcome.CORRECT), PartResult(1, Outcome.SKIPPED))
            ),
            "twice",
        ),
    ],
)
def test_inconsistent_attempts_are_refused(build: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build()


def test_help_taken_outside_an_attempt_counts_until_the_parts_next_try(
    progress_store: Store,
) -> None:
    progress_store.record_help("a/one", 1, HelpKind.HINT, T0)
    progress_store.record_help("a/one", 1, HelpKind.HINT, T0 + timedelta(minutes=1))
    progress_store.record_help("a/one", 2, HelpKind.SOLUTION, T0 + timedelta(minutes=2))
    progress_store.record_help("a/two", 1, HelpKind.HINT, T0)

    help_taken = progress_store.help_taken("a/one")
    assert (help_taken.hints_used(1), help_taken.hints_used(2)) == (2, 0)
    assert (help_taken.solution_seen(1), help_taken.solution_seen(2)) == (False, True)

    later = T0 + timedelta(minutes=10)
    progress_store.append_try(Try("a/one", 1, later, "x", TryVerdict.CORRECT), practice=False)
    assert [event.part for event in progress_store.help_taken("a/one").events] == [2]
    progress_store.append_try(Try("a/one", 2, later, "", TryVerdict.GAVE_UP), practice=False)
    assert progress_store.help_taken("a/one").events == ()
    assert progress_store.help_taken("a/two").hints_used(1) == 1


def test_a_part_is_tried_from_its_first_try_whatever_the_verdict(progress_store: Store) -> None:
    progress_store.append_try(Try("a/one", 1, T0, "y", TryVerdict.INCORRECT), practice=False)
    later = T0 + timedelta(minutes=3)
    progress_store.append_try(Try("a/one", 1, later, "", TryVerdict.GAVE_UP), practice=True)

    assert progress_store.last_try_at("a/one", 1) == later
    assert progress_store.last_try_at("a/one", 2) is None
    assert progress_store.last_try_at("a/two", 1) is None


def test_orphans_are_recorded_ids_missing_from_the_bank(
    progress_store: Store, make_attempt: MakeAttempt
) -> None:
    progress_store.append_attempt(make_attempt("a/kept", T0), Rating.Good, None)
    progress_store.append_attempt(make_attempt("a/renamed", T0), Rating.Good, None)
    progress_store.record_help("b/removed", 1, HelpKind.HINT, T0)

    assert history.orphans(progress_store, ["a/kept", "a/new"]) == ["a/renamed", "b/removed"]


def test_active_days_end_on_a_time_written_with_another_offset(
    progress_store: Store, make_attempt: MakeAttempt
) -> None:
    """A readable time with a UTC offset other than penpaper's sorts out of its place as
    text; finding days must still end (it once returned the same day forever)."""
    evening = T0 + timedelta(hours=9)  # 21:00 UTC, written as 05:00 the next day at UTC+8
    progress_store.append_attempt(make_attempt("a/one", T0), Rating.Good, None)
    progress_store.append_attempt(make_attempt("a/two", evening), Rating.Good, None)
    with sqlite3.connect(progress_store.path) as connection:
        connection.execute(
            "UPDATE attempts SET finished_at = ? WHERE exercise_id = 'a/two'",
            (evening.astimezone(timezone(timedelta(hours=8))).isoformat(),),
        )
    days = history.active_days(progress_store, timedelta(0), (T0 + timedelta(days=5)).date())
    assert days == {T0.date()}


def test_daily_counts_separate_new_reviews_and_practice(
    progress_store: Store, make_attempt: MakeAttempt
) -> None:
    yesterday, today = T0 - timedelta(days=1), T0
    progress_store.append_attempt(make_attempt("a/one", yesterday), Rating.Good, None)
    progress_store.append_attempt(make_attempt("a/one", today), Rating.Good, None)
    progress_store.append_attempt(make_attempt("a/two", today), Rating.Good, None)
    progress_store.append_attempt(make_attempt("a/two", today, practice=True), Rating.Good, None)

    since = T0 - timedelta(hours=1)
    assert progress_store.count_attempts(since, first=True) == 1
    assert progress_store.count_attempts(since, first=False) == 1


def test_settings_round_trip_and_a_bad_stored_value_falls_back_to_its_default(
    isolated_home: Path,
) -> None:
    with Store.open() as store:
        assert store.settings() == Settings()
        store.save_settings(Settings(new_per_day=3, desired_retention=0.85, fuzzing=False))
        assert store.settings() == Settings(new_per_day=3, desired_retention=0.85, fuzzing=False)

    connection = sqlite3.connect(isolated_home / "progress.sqlite3")
    with connection:
        connection.execute("INSERT INTO settings VALUES ('from_the_future', '1')")
    with Store.open() as store:
        assert store.settings().new_per_day == 3
    # Written by hand, or by an older penpaper that checked no range: never a crash.
    for stored in ('"many"', "{broken", "99999999999999999999", "-4"):
        with connection:
            connection.execute("UPDATE settings SET value = ? WHERE key = 'new_per_day'", (stored,))
        with Store.open() as store:
            assert store.settings() == Settings(desired_retention=0.85, fuzzing=False)


def test_settings_validate_their_values() -> None:
    with pytest.raises(ValueError, match="desired_retention"):
        Settings(desired_retention=1.5)
    with pytest.raises(ValueError, match="new_per_day"):
        Settings(new_per_day=-1)


def test_cards_are_saved_replaced_and_read_back(progress_store: Store) -> None:
    card = CardState("a/one", State.Review, None, 3.2, 5.1, T0 + timedelta(days=3), T0, 2, 0)

    progress_store.save_card(card)
    assert progress_store.card("a/one") == card
    assert progress_store.card("a/two") is None

    other = CardState("a/two", State.Learning, 0, 0.2, 7.0, T0 + timedelta(days=1), T0, 1, 0)
    progress_store.replace_cards([other])
    assert progress_store.cards() == {"a/two": other}


def test_learner_ratings_keep_their_history(
    progress_store: Store, make_attempt: MakeAttempt
) -> None:
    logged = progress_store.append_attempt(make_attempt("a/one", T0), Rating.Good, None)
    week_ago, today = SkillRating(1450, 300), SkillRating(1560, 200)
    progress_store.append_learner_rating("a", week_ago, logged.id, T0 - timedelta(days=8))
    progress_store.append_learner_rating("a", today, logged.id, T0)

    assert progress_store.learner_rating("a") == today
    assert progress_store.learner_rating("b") == SkillRating()
    assert progress_store.learner_ratings() == {"a": today}
    assert progress_store.learner_ratings(as_of=T0 - timedelta(days=7)) == {"a": week_ago}
    assert progress_store.learner_ratings(as_of=T0 - timedelta(days=9)) == {}


def test_a_failed_transaction_leaves_nothing_behind(
    progress_store: Store, make_attempt: MakeAttempt
) -> None:
    with pytest.raises(RuntimeError), progress_store.transaction():
        progress_store.append_attempt(make_attempt("a/one", T0), Rating.Good, None)
        raise RuntimeError("the card update failed")

    assert progress_store.attempts() == []
