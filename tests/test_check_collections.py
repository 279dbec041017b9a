"""The checker on sets and tuples, of expressions, names and graph edges."""

from __future__ import annotations

import pytest

from check_corpus.corpus import Case, assert_judged, load


@pytest.mark.parametrize("case", load("collections"))
def test_collection_corpus(case: Case) -> None:
    assert_judged(case)
