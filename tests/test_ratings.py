"""Glicko-2: the worked example of Glickman's paper, seeds, predictions and one-game updates."""

from __future__ import annotations

import pytest

from penpaper.ratings import SkillRating, expected_score, play, seed_for_difficulty, updated


def test_matches_the_worked_example_in_glickmans_paper() -> None:
    player = SkillRating(1500, 200, 0.06)
    games = [
        (SkillRating(1400, 30), 1.0),
        (SkillRating(1550, 100), 0.0),
        (SkillRating(1700, 300), 0.0),
    ]

    after = updated(player, games)

    assert after.rating == pytest.approx(1464.06, abs=0.01)
    assert after.deviation == pytest.approx(151.52, abs=0.01)
    assert after.volatility == pytest.approx(0.05999, abs=1e-5)


@pytest.mark.parametrize(("difficulty", "rating"), [(1, 1100), (2, 1300), (3, 1500), (5, 1900)])
def test_difficulty_seeds_an_exercise_rating(difficulty: int, rating: float) -> None:
    assert seed_for_difficulty(difficulty).rating == rating


@pytest.mark.parametrize("difficulty", [0, 6])
def test_difficulty_outside_one_to_five_is_refused(difficulty: int) -> None:
    with pytest.raises(ValueError, match="1 to 5"):
        seed_for_difficulty(difficulty)


def test_expected_score_favours_the_stronger_side_and_sums_to_one() -> None:
    learner, exercise = SkillRating(1600, 100), SkillRating(1400, 150)

    assert expected_score(learner, learner) == pytest.approx(0.5)
    assert expected_score(learner, exercise) > 0.5
    assert expected_score(learner, exercise) + expected_score(exercise, learner) == pytest.approx(1)


def test_uncertainty_pulls_predictions_towards_even() -> None:
    sure = expected_score(SkillRating(1700, 50), SkillRating(1500, 50))
    unsure = expected_score(SkillRating(1700, 350), SkillRating(1500, 350))

    assert 0.5 < unsure < sure


def test_solving_moves_learner_up_and_exercise_down_and_both_grow_surer() -> None:
    learner, exercise = SkillRating(), seed_for_difficulty(3)

    learner_after, exercise_after = play(learner, exercise, 1.0)

    assert learner_after.rating > learner.rating
    assert exercise_after.rating < exercise.rating
    assert learner_after.deviation < learner.deviation
    assert exercise_after.deviation < exercise.deviation


def test_failing_moves_the_other_way_and_half_a_win_sits_between() -> None:
    learner, exercise = SkillRating(), seed_for_difficulty(3)

    lost, _ = play(learner, exercise, 0.0)
    drew, _ = play(learner, exercise, 0.5)
    won, _ = play(learner, exercise, 1.0)

    assert lost.rating < drew.rating < won.rating


def test_no_games_leave_a_rating_alone_and_bad_scores_are_refused() -> None:
    learner = SkillRating(1520, 80)

    assert updated(learner, []) == learner
    with pytest.raises(ValueError, match="between 0 and 1"):
        updated(learner, [(SkillRating(), 1.5)])


def test_a_rating_reads_as_value_plus_minus_deviation() -> None:
    assert str(SkillRating(1523.4, 87.6)) == "1523 ± 88"
