"""Which instance of a parameterised exercise the learner works on.

Spaced repetition should test the skill, not the memory of a number, so each
review of a parameterised exercise shows a fresh instance: a new seed whose
values differ from the instance seen before (when the parameters allow any
other). Until that instance is done with (reviewed, or every part answered
since it was shown, as in practice) it stays the learner's: a drill resumes
on it, and ``check``, ``hint``, ``solution``, ``show`` and ``lab`` without
``--seed`` use it. The first instance ever shown is seed 0, the original.
The card and the ratings stay the exercise's: instances of one exercise are
one skill.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from penpaper.bank.model import Exercise
from penpaper.instances.drawing import ORIGINAL_SEED, drawn_values
from penpaper.instances.instantiate import Instance, instance_of
from penpaper.progress.store import Store

FRESH_SEEDS = 2**31
"""Fresh seeds are drawn from 1 to this bound (0 is the original)."""
MAX_FRESH_DRAWS = 100
"""Seeds tried for an instance unlike the last one before a family too small gives up."""


def last_shown_seed(store: Store, exercise: Exercise) -> int:
    """The seed of the instance the learner saw last (seed 0, the original, if none)."""
    shown = store.shown_instance(exercise.id)
    return ORIGINAL_SEED if shown is None else shown.seed


def instance_to_work(store: Store, exercise: Exercise) -> Instance:
    """The instance a drill or review shows: the last one seen until it is done with
    (so a sitting resumes on the same numbers), then a fresh one."""
    if not exercise.is_parameterised:
        return Instance(exercise)
    shown = store.shown_instance(exercise.id)
    if shown is None:
        return instance_of(exercise, ORIGINAL_SEED)
    answered = store.parts_tried_since(exercise.id, shown.at)
    done = {part.number for part in exercise.parts} <= answered
    if not (done or store.reviewed_since(exercise.id, shown.at)):
        return instance_of(exercise, shown.seed)
    return instance_of(exercise, fresh_seed(exercise, shown.seed))


def fresh_seed(exercise: Exercise, previous: int) -> int:
    """A random seed whose instance differs from ``previous``'s, if one can be found."""
    before = drawn_values(exercise, previous)
    for _ in range(MAX_FRESH_DRAWS):
        seed = 1 + secrets.randbelow(FRESH_SEEDS)
        if drawn_values(exercise, seed) != before:
            break
    return seed


def remember_shown(store: Store, instance: Instance, at: datetime) -> None:
    """``instance`` is what the learner sees now (nothing to keep for a fixed exercise)."""
    if instance.seed is not None:
        store.remember_shown(instance.exercise.id, instance.seed, at)
