"""Glicko-2 ratings for the learner (per topic) and for exercises, as Lichess does for puzzles.

Each first attempt of an exercise is a one-game rating period between the
learner's topic rating and the exercise's rating; both sides move. The next
new exercise is the one the learner is predicted to solve with a chance
closest to :data:`TARGET_SUCCESS`.

This is our own small implementation of Glickman's "Example of the Glicko-2
system" (2013): the PyPI packages are either unmaintained (``glicko2``,
2012, untyped) or young engines that own a player pool we do not want.
Inactivity does not widen the deviation: a rating period is one attempt.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Glickman's constants: 173.7178 = 400 / ln(10) converts to the internal scale.
SCALE = 173.7178
BASE_RATING = 1500.0
START_DEVIATION = 350.0
START_VOLATILITY = 0.06
# τ limits how fast volatility moves; Glickman suggests 0.3 to 1.2.
SYSTEM_CONSTANT = 0.5
CONVERGENCE_TOLERANCE = 1e-6

# Difficulty 1..5 seeds 1100..1900; authors' difficulty is informative, so the
# deviation starts tighter than a stranger's 350.
RATING_PER_DIFFICULTY_STEP = 200.0
EXERCISE_SEED_DEVIATION = 200.0
TARGET_SUCCESS = 0.75


@dataclass(frozen=True)
class SkillRating:
    """A Glicko-2 rating on the familiar scale: 1500 ± 350 for a newcomer."""

    rating: float = BASE_RATING
    deviation: float = START_DEVIATION
    volatility: float = START_VOLATILITY

    def __str__(self) -> str:
        return f"{self.rating:.0f} ± {self.deviation:.0f}"


def seed_for_difficulty(difficulty: int) -> SkillRating:
    """An exercise's starting rating: difficulty 1 → 1100, 3 → 1500, 5 → 1900."""
    if not 1 <= difficulty <= 5:
        raise ValueError(f"difficulty must be 1 to 5, not {difficulty}")
    rating = BASE_RATING + RATING_PER_DIFFICULTY_STEP * (difficulty - 3)
    return SkillRating(rating=rating, deviation=EXERCISE_SEED_DEVIATION)


def _g(phi: float) -> float:
    """Glickman's g(φ): how much an uncertain opponent's rating counts."""
    return 1.0 / math.sqrt(1.0 + 3.0 * phi * phi / (math.pi * math.pi))


def _expected(mu: float, opponent_mu: float, phi: float) -> float:
    return 1.0 / (1.0 + math.exp(-_g(phi) * (mu - opponent_mu)))


def expected_score(player: SkillRating, opponent: SkillRating) -> float:
    """The chance ``player`` beats ``opponent``, counting both sides' uncertainty."""
    combined = math.hypot(player.deviation, opponent.deviation) / SCALE
    return _expected(
        (player.rating - BASE_RATING) / SCALE, (opponent.rating - BASE_RATING) / SCALE, combined
    )


def updated(player: SkillRating, games: Sequence[tuple[SkillRating, float]]) -> SkillRating:
    """``player`` after one rating period of ``(opponent, score)`` games, score in [0, 1]."""
    if not games:
        return player
    mu = (player.rating - BASE_RATING) / SCALE
    phi = player.deviation / SCALE
    information = 0.0
    improvement = 0.0
    for opponent, score in games:
        if not 0.0 <= score <= 1.0:
            raise ValueError(f"a score is between 0 and 1, not {score}")
        opponent_mu = (opponent.rating - BASE_RATING) / SCALE
        opponent_phi = opponent.deviation / SCALE
        weight = _g(opponent_phi)
        expected = _expected(mu, opponent_mu, opponent_phi)
        information += weight * weight * expected * (1.0 - expected)
        improvement += weight * (score - expected)
    variance = 1.0 / information
    delta = variance * improvement
    volatility = _new_volatility(phi, player.volatility, variance, delta)
    phi_star = math.sqrt(phi * phi + volatility * volatility)
    new_phi = 1.0 / math.sqrt(1.0 / (phi_star * phi_star) + 1.0 / variance)
    new_mu = mu + new_phi * new_phi * improvement
    return SkillRating(
        rating=BASE_RATING + SCALE * new_mu, deviation=SCALE * new_phi, volatility=volatility
    )


def _new_volatility(phi: float, sigma: float, variance: float, delta: float) -> float:
    """Step 5 of Glickman's paper: solve for σ′ with the Illinois regula falsi."""
    a = math.log(sigma * sigma)
    tau = SYSTEM_CONSTANT

    def f(x: float) -> float:
        ex = math.exp(x)
        denominator = phi * phi + variance + ex
        return ex * (delta * delta - denominator) / (2.0 * denominator * denominator) - (x - a) / (
            tau * tau
        )

    lower = a
    if delta * delta > phi * phi + variance:
        upper = math.log(delta * delta - phi * phi - variance)
    else:
        k = 1
        while f(a - k * tau) < 0:
            k += 1
        upper = a - k * tau
    f_lower, f_upper = f(lower), f(upper)
    while abs(upper - lower) > CONVERGENCE_TOLERANCE:
        middle = lower + (lower - upper) * f_lower / (f_upper - f_lower)
        f_middle = f(middle)
        if f_middle * f_upper <= 0:
            lower, f_lower = upper, f_upper
        else:
            f_lower /= 2.0
        upper, f_upper = middle, f_middle
    return math.exp(lower / 2.0)


def play(
    learner: SkillRating, exercise: SkillRating, score: float
) -> tuple[SkillRating, SkillRating]:
    """Both ratings after the learner scored ``score`` on the exercise (1 solved, 0 failed)."""
    return updated(learner, [(exercise, score)]), updated(exercise, [(learner, 1.0 - score)])
