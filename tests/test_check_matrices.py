"""The checker on matrix expressions, matrices and vectors: shapes first, then values."""

from __future__ import annotations

import pytest

from check_corpus.corpus import Case, assert_judged, load
from penpaper import check_answer


@pytest.mark.parametrize("case", load("matrices"))
def test_matrix_corpus(case: Case) -> None:
    assert_judged(case)


def test_named_dimensions_are_tried_at_several_sizes() -> None:
    # With n = m the two products would have the same shape; distinct sizes tell them apart.
    symbols = {"A": {"matrix": ["n", "m"]}, "B": {"matrix": ["m", "n"]}}
    assert check_answer("A^T B^T", "B A", "matrix-expression", symbols).status == "incorrect"


def test_an_undeclared_i_is_the_identity_of_the_right_size() -> None:
    symbols = {"A": {"matrix": [3, 3]}}
    assert (
        check_answer("A - I", "A - [[1,0,0],[0,1,0],[0,0,1]]", "matrix-expression", symbols).status
        == "correct"
    )


def test_a_declared_i_is_a_plain_symbol() -> None:
    symbols = {"A": {"matrix": [2, 2]}, "I": {"real": True}}
    assert check_answer("A I", "I A", "matrix-expression", symbols).status == "correct"
    assert check_answer("A", "A I", "matrix-expression", symbols).status == "incorrect"
