"""The checker on equations: the same solution set, whatever the form."""

from __future__ import annotations

import pytest

from check_corpus.corpus import Case, assert_judged, load


@pytest.mark.parametrize("case", load("equations"))
def test_equation_corpus(case: Case) -> None:
    assert_judged(case)
