"""The checker on choice and boolean answers."""

from __future__ import annotations

import pytest

from check_corpus.corpus import Case, assert_judged, load
from penpaper import check_answer


@pytest.mark.parametrize("case", load("labels"))
def test_label_corpus(case: Case) -> None:
    assert_judged(case)


def test_a_key_naming_an_unknown_option_is_a_bank_error() -> None:
    with pytest.raises(ValueError, match="answer key 'z'"):
        check_answer("a", "z", "choice", options=["a", "b"])


def test_without_options_any_label_is_read() -> None:
    assert check_answer("Q", "q", "choice").status == "correct"


def test_a_derivation_is_self_graded() -> None:
    verdict = check_answer("anything at all", "", "derivation")
    assert verdict.status == "undecided"
    assert "self-graded" in verdict.message
