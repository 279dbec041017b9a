"""Property tests: any text gets a Verdict, never an exception; equivalence is not fooled."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from penpaper import Verdict, check_answer
from penpaper.checking.lexing import tokenize
from penpaper.checking.limits import MAX_TOKENS

STATUSES = {"correct", "incorrect", "invalid", "undecided"}
MATHS_ALPHABET = "xyAn0123456789.+-*/^()[]{}|,=!' _eTπσ²√ᵀ−×\\"
TYPES = ["expression", "number", "matrix-expression", "set", "tuple", "equation", "vector"]
SYMBOLS = {"x": {"real": True}, "A": {"matrix": ["n", "n"]}}
KEYS = {
    "expression": "x^2",
    "number": "1/2",
    "matrix-expression": "A^T A",
    "set": "{1, x}",
    "tuple": "(x, 1)",
    "equation": "y = 2x",
    "vector": "[1, x]",
}
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(text=st.text(max_size=60), answer_type=st.sampled_from(TYPES))
def test_any_text_gets_a_verdict(text: str, answer_type: str) -> None:
    verdict = check_answer(text, KEYS[answer_type], answer_type, SYMBOLS)
    assert isinstance(verdict, Verdict)
    assert verdict.status in STATUSES
    assert "\n" not in verdict.message


@FAST
@given(text=st.text(alphabet=MATHS_ALPHABET, max_size=40), answer_type=st.sampled_from(TYPES))
def test_maths_looking_text_gets_a_verdict(text: str, answer_type: str) -> None:
    verdict = check_answer(text, KEYS[answer_type], answer_type, SYMBOLS)
    assert verdict.status in STATUSES


@FAST
@given(text=st.text(max_size=30), kind=st.sampled_from(["choice", "boolean"]))
def test_any_label_text_gets_a_verdict(text: str, kind: str) -> None:
    verdict = check_answer(text, "a" if kind == "choice" else "yes", kind, options=["a", "b"])
    assert verdict.status in STATUSES


coefficients = st.lists(st.integers(-20, 20), min_size=2, max_size=14)


def polynomial(values: list[int]) -> str:
    return " + ".join(f"({c})*x^{power}" for power, c in enumerate(values))


@settings(max_examples=60, deadline=None)
@given(values=coefficients, position=st.integers(0, 13), change=st.sampled_from([-1, 1]))
def test_a_changed_coefficient_is_always_caught(
    values: list[int], position: int, change: int
) -> None:
    changed = list(values)
    changed[position % len(values)] += change
    key = polynomial(values)
    reordered = " + ".join(reversed(key.split(" + ")))
    assert check_answer(reordered, key, "expression").status == "correct"
    assert check_answer(polynomial(changed), key, "expression").status == "incorrect"


TERMS = ["x", "2x", "(x + 1)", "sin(x)", "x^2", "1/x"]


def _fits(term: str) -> int:
    """The most copies of ``term``, joined by one operator each, within the token limit."""
    tokens = len(tokenize(term)) - 1  # without the end marker
    return (MAX_TOKENS + 1) // (tokens + 1)


@settings(max_examples=25, deadline=None)
@given(term=st.sampled_from(TERMS), data=st.data())
def test_a_sum_of_n_equal_terms_is_n_times_the_term(term: str, data: st.DataObject) -> None:
    count = data.draw(st.integers(1, _fits(term)))
    verdict = check_answer(" + ".join([term] * count), f"{count} * {term}", "expression")
    assert verdict.status == "correct", verdict.message


@settings(max_examples=25, deadline=None)
@given(term=st.sampled_from(TERMS), data=st.data())
def test_a_product_of_n_equal_factors_is_the_nth_power(term: str, data: st.DataObject) -> None:
    count = data.draw(st.integers(1, _fits(term)))
    symbols = {"x": {"domain": "(1/2, 3/2)"}}
    verdict = check_answer(" * ".join([term] * count), f"({term})^{count}", "expression", symbols)
    assert verdict.status == "correct", verdict.message


def test_the_longest_sum_the_token_limit_allows_is_judged() -> None:
    count = _fits("x")
    assert len(tokenize(" + ".join(["x"] * count))) - 1 == MAX_TOKENS - 1
    assert check_answer(" + ".join(["x"] * count), f"{count} x", "expression").status == "correct"
    too_long = check_answer(" + ".join(["x"] * (count + 1)), f"{count + 1} x", "expression")
    assert too_long.status == "invalid"
    assert f"at most {MAX_TOKENS}" in too_long.message


@FAST
@given(
    key=st.text(alphabet=MATHS_ALPHABET, min_size=1, max_size=40),
    mistake=st.text(alphabet=MATHS_ALPHABET, min_size=1, max_size=40),
    answer_type=st.sampled_from(TYPES),
)
def test_any_key_or_mistake_gets_a_verdict_or_a_bank_error(
    key: str, mistake: str, answer_type: str
) -> None:
    try:
        verdict = check_answer("x + 1", key, answer_type, SYMBOLS, mistakes=[(mistake, "no")])
    except ValueError:
        return  # an unusable key or mistake: a bank error, reported by validate
    assert verdict.status in STATUSES
    assert "Error" not in verdict.message


def test_a_verdict_quoting_an_element_typed_over_two_lines_stays_on_one_line() -> None:
    """Found by the property above: an element with a line break was quoted as typed."""
    verdict = check_answer("0\nA", KEYS["set"], "set", SYMBOLS)
    assert verdict.status == "invalid"
    assert "\n" not in verdict.message


@FAST
@given(
    name=st.from_regex(r"[A-Za-z][a-z]{0,6}", fullmatch=True).filter(
        lambda name: name.lower() not in {"x", "e", "pi", "i"}
    ),
    coefficient=st.integers(min_value=1, max_value=9),
)
def test_a_name_the_exercise_does_not_know_is_never_judged_wrong(
    name: str, coefficient: int
) -> None:
    """A typo costs no lapse: the answer is unreadable (or, if the name is a known
    function or constant, read as one), never "incorrect" because of an unknown name."""
    verdict = check_answer(f"{coefficient} x + {name}", "2 x", "expression", {"x": {}})
    if verdict.status == "incorrect":
        assert name not in verdict.message
