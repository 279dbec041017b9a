"""The checker on numbers: exact keys exactly, decimal keys to their precision, tolerances."""

from __future__ import annotations

import pytest

from check_corpus.corpus import Case, assert_judged, load
from penpaper import check_answer


@pytest.mark.parametrize("case", load("numbers"))
def test_number_corpus(case: Case) -> None:
    assert_judged(case)


def test_an_independent_float_estimate_passes_with_a_tolerance() -> None:
    verdict = check_answer("0.13533528323661270", "exp(-2)", "number", tolerance=1e-9)
    assert verdict.status == "correct"


def test_a_negative_tolerance_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="tolerance"):
        check_answer("1", "1", "number", tolerance=-1)
