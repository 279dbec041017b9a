"""The checker on sets and tuples, of expressions, names and graph edges."""

from __future__ import annotations

import pytest

from check_corpus.corpus import Case, assert_judged, load
from penpaper import check_answer


@pytest.mark.parametrize("case", load("collections"))
def test_collection_corpus(case: Case) -> None:
    assert_judged(case)


@pytest.mark.parametrize(
    ("given", "key", "reading"),
    [
        ("{c, d, e}", "{C, D, E}", "read as C, D, E"),
        ("{f_C, f_D}", "{fC, fD}", "read as fC, fD"),
        ("{a-b, B->c}", "{A-B, B->C}", "read as A-B, B->C"),
    ],
)
def test_a_case_or_underscore_slip_in_names_is_read_as_the_keys_and_said(
    given: str, key: str, reading: str
) -> None:
    verdict = check_answer(given, key, "set")
    assert verdict.status == "correct"
    assert verdict.message.startswith(reading)


def test_a_case_slip_stays_wrong_when_the_key_has_names_differing_only_in_case() -> None:
    assert check_answer("{a}", "{A, a}", "set").status == "incorrect"
