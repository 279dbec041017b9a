"""The checker loaded in a background thread, so a drill's first screen does not wait.

Importing the checker (sympy) and starting its worker process takes about a
second; a drill starts this while the learner reads the first statement.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from penpaper.bank.model import Exercise, Part

if TYPE_CHECKING:
    from penpaper.checking.verdict import Verdict


class BackgroundChecker:
    """The answer checker, loaded in a thread while the learner reads the first statement.

    Importing the checker and starting its worker process takes about a second;
    starting early means the first exercise appears as fast as ``penpaper show``
    and the first answer rarely waits.
    """

    def __init__(self) -> None:
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._load, name="load-checker", daemon=True)
        self._thread.start()

    def _load(self) -> None:
        try:
            from penpaper.checking import warm_up

            warm_up()
        except BaseException as error:  # re-raised in the main thread on first use
            self._error = error

    def _wait(self) -> None:
        self._thread.join()
        if self._error is not None:
            raise self._error

    def check(self, exercise: Exercise, part: Part, given: str) -> Verdict:
        self._wait()
        from penpaper.checking.exercise_keys import check_against_key

        return check_against_key(exercise, part.answer, given)

    def expected_for_display(self, exercise: Exercise, part: Part) -> str | None:
        """The key pretty-printed (sympy's Unicode art where it helps), or None for a derivation."""
        if part.answer.expect is None:
            return None
        self._wait()
        from penpaper.checking.display import pretty_key

        return pretty_key(exercise, part)
