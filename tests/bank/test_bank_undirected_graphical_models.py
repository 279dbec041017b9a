"""Independent confirmation of every computable key in bank/undirected-graphical-models.

Graph keys are confirmed two ways that share nothing with the worked solutions:
breadth-first separation on the graph (``graph_oracles.separated``) and numerical
(in)dependence in a brute-force Gibbs joint built from random positive factors
(``graph_oracles.joint_from_factors``); Markov blankets and separators are found by
searching subsets for the smallest conditioning set that makes the joint factorise.
Numeric keys of discrete models (pairwise MRF, Ising triangle and chain, RBMs) are
recomputed by enumerating every configuration, and expression keys are compared with
that enumeration at several parameter values through ``key_value``. Gaussian keys are
recomputed from the covariance Σ = Λ⁻¹ with the covariance-form conditioning formulas
(the solutions work with the precision), or by inverting covariance sub-blocks.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from answer_text import edge_set_text, exact_matrix_text, number, set_text, yes_no
from graph_oracles import Joint, joint_from_factors, separated

from bank_support import BankTopic, assert_judged_correct, bundled_part, key_value

TOPIC = BankTopic("undirected-graphical-models")
TIGHT = 1e-9


def graph_from_edges(nodes, edges) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {node: set() for node in nodes}
    for a, b in edges:
        graph[a].add(b)
        graph[b].add(a)
    return graph


def random_gibbs_joint(scopes, nodes, seed: int) -> Joint:
    """A binary Gibbs joint with one random (generic, positive) factor per scope."""
    rng = np.random.default_rng(seed)
    factors = [(tuple(scope), rng.uniform(0.2, 3.0, size=(2,) * len(scope))) for scope in scopes]
    return joint_from_factors({node: 2 for node in nodes}, factors)


def numerical_blanket(joint: Joint, node: str) -> set[str]:
    """The smallest set S with node ⊥ (everything else) | S, found by searching subsets."""
    others = [name for name in joint.names if name != node]
    for size in range(len(others) + 1):
        for blanket in itertools.combinations(others, size):
            rest = [name for name in others if name not in blanket]
            if not rest or joint.independent([node], rest, blanket):
                return set(blanket)
    raise AssertionError("unreachable")


# --- gibbs-factors-to-graph ----------------------------------------------------------


def test_gibbs_factors_to_graph() -> None:
    ex = TOPIC.id("gibbs-factors-to-graph")
    nodes = "ABCDEF"
    scopes = [("A", "B", "C"), ("C", "D"), ("D", "E", "F"), ("B", "E")]
    edges = {frozenset(pair) for scope in scopes for pair in itertools.combinations(scope, 2)}
    joint = random_gibbs_joint(scopes, nodes, seed=1)
    # Every listed edge is a genuine dependence given the rest, every other pair is not.
    for a, b in itertools.combinations(nodes, 2):
        rest = [n for n in nodes if n not in (a, b)]
        assert joint.independent([a], [b], rest) == (frozenset((a, b)) not in edges)
    assert_judged_correct(ex, 1, edge_set_text(edges))
    assert_judged_correct(ex, 2, set_text(numerical_blanket(joint, "D")))
    graph = graph_from_edges(nodes, [tuple(edge) for edge in edges])
    independent = joint.independent(["A"], ["D"], ["C"])
    assert independent == separated(graph, ["A"], ["D"], ["C"])
    assert_judged_correct(ex, 3, yes_no(independent))


# --- separation-queries ---------------------------------------------------------------

DIAMONDS = [
    ("A", "B"),
    ("A", "C"),
    ("B", "D"),
    ("C", "D"),
    ("D", "E"),
    ("E", "F"),
    ("E", "G"),
    ("F", "H"),
    ("G", "H"),
]


def test_separation_queries() -> None:
    ex = TOPIC.id("separation-queries")
    nodes = "ABCDEFGH"
    graph = graph_from_edges(nodes, DIAMONDS)
    joint = random_gibbs_joint(DIAMONDS, nodes, seed=2)
    for part, (x, y, given) in enumerate([("A", "H", "D"), ("B", "C", "A"), ("F", "G", "EH")], 1):
        by_graph = separated(graph, [x], [y], list(given))
        assert joint.independent([x], [y], list(given)) == by_graph
        assert_judged_correct(ex, part, yes_no(by_graph))
    candidates = [n for n in nodes if n not in "BC"]
    smallest = None
    for size in range(len(candidates) + 1):
        found = [
            set(s)
            for s in itertools.combinations(candidates, size)
            if separated(graph, ["B"], ["C"], s)
        ]
        if found:
            assert len(found) == 1, found  # the exercise says the smallest one is unique
            smallest = found[0]
            break
    assert smallest is not None and joint.independent(["B"], ["C"], sorted(smallest))
    assert_judged_correct(ex, 4, set_text(smallest))
    assert_judged_correct(ex, 5, set_text(numerical_blanket(joint, "E")))


# --- factorisations-of-a-graph --------------------------------------------------------


def test_factorisations_of_a_graph() -> None:
    ex = TOPIC.id("factorisations-of-a-graph")
    nodes = "ABCD"
    graph = graph_from_edges(nodes, [("A", "B"), ("B", "C"), ("C", "D"), ("D", "A"), ("A", "C")])
    options = {
        "a": ["ABC", "ACD"],
        "b": ["AB", "BC", "CD", "DA"],
        "c": ["ABD"],
        "d": ["A", "B", "C", "D"],
        "e": ["BCD", "AB"],
        "f": ["ABCD"],
        "g": ["AC", "B", "D"],
    }
    gibbs = []
    for label, scopes in options.items():
        cliques = all(b in graph[a] for s in scopes for a, b in itertools.combinations(s, 2))
        # Numerically: a random product of that form obeys the graph's one independence,
        # B ⊥ D | {A, C}, exactly when every scope avoids the non-edge B-D.
        joint = random_gibbs_joint(scopes, nodes, seed=3)
        assert joint.independent(["B"], ["D"], ["A", "C"]) == cliques, label
        if cliques:
            gibbs.append(label)
    assert_judged_correct(ex, 1, ", ".join(gibbs))

    statements = {
        "a": ("B", "D", "AC"),
        "b": ("B", "D", "A"),
        "c": ("A", "C", "BD"),
        "d": ("B", "D", ""),
    }
    generic = random_gibbs_joint(["ABC", "ACD"], nodes, seed=4)
    holding = []
    for label, (x, y, given) in statements.items():
        by_graph = separated(graph, [x], [y], list(given))
        assert generic.independent([x], [y], list(given)) == by_graph
        if by_graph:
            holding.append(label)
    assert_judged_correct(ex, 2, ", ".join(holding))

    cycle = graph_from_edges(nodes, [("A", "B"), ("B", "C"), ("C", "D"), ("D", "A")])
    always = all(
        random_gibbs_joint(options["b"], nodes, seed).independent(["A"], ["C"], ["B", "D"])
        for seed in range(5)
    )
    assert always == separated(cycle, ["A"], ["C"], ["B", "D"])
    assert_judged_correct(ex, 3, yes_no(always))


# --- pairwise-chain-by-hand -----------------------------------------------------------


def test_pairwise_chain_by_enumeration() -> None:
    """Every instance, by enumerating the 8 configurations with exact fractions."""
    slug = "pairwise-chain-by-hand"
    for seed, values in TOPIC.instances(slug):
        phi = {(a, b): int(values[f"phi{a}{b}"]) for a in (0, 1) for b in (0, 1)}
        psi = {(b, c): int(values[f"psi{b}{c}"]) for b in (0, 1) for c in (0, 1)}
        weight = {
            x: Fraction(phi[x[0], x[1]] * psi[x[1], x[2]])
            for x in itertools.product((0, 1), repeat=3)
        }
        z = sum(weight.values())

        def prob(event, weight=weight, z=z) -> Fraction:
            return sum((w for x, w in weight.items() if event(*x)), Fraction(0)) / z

        def judged(part: int, value: Fraction, seed: int = seed) -> None:
            TOPIC.judged(slug, part, str(value), seed=seed)

        judged(1, weight[1, 0, 1])
        judged(2, z)
        judged(
            3,
            prob(lambda a, b, c: a == 1 and b == 1 and c == 0)
            / prob(lambda a, b, c: a == 1 and c == 0),
        )
        judged(4, prob(lambda a, b, c: a == 1))
        given = prob(lambda a, b, c: a == 1 and c == 1) / prob(lambda a, b, c: a == 1)
        judged(5, given)
        # the solution's closing remark: observing X₁ = 1 changes the law of X₃
        assert given != prob(lambda a, b, c: c == 1)


# --- ising-triangle -------------------------------------------------------------------

SPINS = (-1, 1)


def triangle_table(coupling: float, field: float) -> dict[tuple[int, int, int], float]:
    return {
        s: math.exp(coupling * (s[0] * s[1] + s[1] * s[2] + s[2] * s[0]) + field * sum(s))
        for s in itertools.product(SPINS, repeat=3)
    }


@pytest.mark.parametrize("coupling", [-0.8, -0.1, 0.35, 1.3])
def test_ising_triangle_by_enumeration(coupling: float) -> None:
    ex = TOPIC.id("ising-triangle")
    weights = triangle_table(coupling, 0.0)
    z = sum(weights.values())
    aligned = (weights[1, 1, 1] + weights[-1, -1, -1]) / z
    correlation = sum(s[0] * s[1] * w for s, w in weights.items()) / z
    assert key_value(ex, 1, J=coupling) == pytest.approx(z, rel=TIGHT)
    assert key_value(ex, 2, J=coupling) == pytest.approx(aligned, rel=TIGHT)
    assert key_value(ex, 4, J=coupling) == pytest.approx(correlation, rel=TIGHT, abs=1e-12)


@pytest.mark.parametrize(("coupling", "field"), [(0.7, -0.4), (-1.1, 0.9), (0.2, 0.0)])
def test_ising_triangle_conditional_by_enumeration(coupling: float, field: float) -> None:
    weights = triangle_table(coupling, field)
    for s2, s3 in itertools.product(SPINS, repeat=2):
        conditional = weights[1, s2, s3] / (weights[1, s2, s3] + weights[-1, s2, s3])
        got = key_value(TOPIC.id("ising-triangle"), 3, J=coupling, h=field, s_2=s2, s_3=s3)
        assert got == pytest.approx(conditional, rel=TIGHT)


# --- ising-chain-correlations ---------------------------------------------------------


def chain_moments(n: int, coupling: float) -> tuple[float, float, float]:
    """Z, E[s_2 s_3] (or E[s_1 s_2] when n = 2) and E[s_1 s_n] by enumerating 2^n states."""
    configs = np.array(list(itertools.product(SPINS, repeat=n)))
    weights = np.exp(coupling * np.sum(configs[:, :-1] * configs[:, 1:], axis=1))
    z = float(weights.sum())
    i = 1 if n > 2 else 0
    neighbour = float(weights @ (configs[:, i] * configs[:, i + 1])) / z
    return z, neighbour, float(weights @ (configs[:, 0] * configs[:, -1])) / z


@pytest.mark.parametrize(("n", "coupling"), [(2, 0.4), (3, -0.7), (5, 1.2), (7, 0.3), (9, -1.5)])
def test_ising_chain_by_enumeration(n: int, coupling: float) -> None:
    ex = TOPIC.id("ising-chain-correlations")
    z, neighbour, end_to_end = chain_moments(n, coupling)
    assert key_value(ex, 1, n=n, J=coupling) == pytest.approx(z, rel=TIGHT)
    assert key_value(ex, 2, J=coupling) == pytest.approx(neighbour, rel=TIGHT)
    assert key_value(ex, 3, n=n, J=coupling) == pytest.approx(end_to_end, rel=TIGHT)


def test_ising_chain_length_for_weak_correlation() -> None:
    # Exact arithmetic: with e^J = 2 every weight is a power of 2.
    for n in range(2, 16):
        total = Fraction(0)
        end_to_end = Fraction(0)
        for s in itertools.product(SPINS, repeat=n):
            w = Fraction(2) ** sum(a * b for a, b in itertools.pairwise(s))
            total += w
            end_to_end += s[0] * s[-1] * w
        if end_to_end / total < Fraction(1, 100):
            break
    assert_judged_correct(TOPIC.id("ising-chain-correlations"), 4, str(n))


# --- gaussian-precision-zeros ---------------------------------------------------------


def conditional_covariance(sigma: np.ndarray, keep: list[int]) -> np.ndarray:
    """Covariance of x_keep given all other coordinates, by the covariance-form formula."""
    rest = [i for i in range(len(sigma)) if i not in keep]
    cross = sigma[np.ix_(keep, rest)]
    return sigma[np.ix_(keep, keep)] - cross @ np.linalg.solve(sigma[np.ix_(rest, rest)], cross.T)


def test_gaussian_precision_zeros() -> None:
    """Every instance: edges and independences read off the covariance Σ = Λ⁻¹."""
    slug = "gaussian-precision-zeros"
    names = "ABCD"
    for seed, values in TOPIC.instances(slug):
        v = {name: float(value) for name, value in values.items()}
        precision = np.array(
            [
                [v["lA"], v["lAB"], 0, 0],
                [v["lAB"], v["lB"], v["lBC"], v["lBD"]],
                [0, v["lBC"], v["lC"], 0],
                [0, v["lBD"], 0, v["lD"]],
            ]
        )
        assert np.all(np.linalg.eigvalsh(precision) > 0), "Λ must be a precision matrix"
        sigma = np.linalg.inv(precision)
        edges = [
            (names[i], names[j])
            for i, j in itertools.combinations(range(4), 2)
            if abs(conditional_covariance(sigma, [i, j])[0, 1]) > 1e-9
        ]
        TOPIC.judged(slug, 1, edge_set_text(edges), seed=seed)
        graph = graph_from_edges(names, edges)
        given_rest = abs(conditional_covariance(sigma, [0, 2])[0, 1]) < 1e-12
        assert given_rest == separated(graph, ["A"], ["C"], ["B", "D"])
        TOPIC.judged(slug, 2, yes_no(given_rest), seed=seed)
        marginally = abs(sigma[0, 2]) < 1e-12
        assert marginally == separated(graph, ["A"], ["C"], [])
        TOPIC.judged(slug, 3, yes_no(marginally), seed=seed)
        # the value of Σ_AC the solution quotes
        solution = bundled_part(TOPIC.id(slug), 3, seed).solution
        quoted = solution.split("Σ_AC = ")[1].split(" ")[0].replace("−", "-")
        assert float(Fraction(quoted)) == pytest.approx(sigma[0, 2], rel=TIGHT)


# --- gaussian-mrf-conditionals --------------------------------------------------------

LAMBDA3 = np.array([[4, -2, 1], [-2, 5, 2], [1, 2, 3]], float)


def test_gaussian_mrf_conditionals_from_the_covariance() -> None:
    ex = TOPIC.id("gaussian-mrf-conditionals")
    sigma = np.linalg.inv(LAMBDA3)
    # x₁ given (x₂, x₃): regression coefficients Σ₁R Σ_RR⁻¹ and residual variance.
    coefficients = np.linalg.solve(sigma[1:, 1:], sigma[1:, 0])
    for x2, x3 in [(0.3, -1.2), (2.0, 0.5), (-0.7, 1.9)]:
        got = key_value(ex, 1, x_2=x2, x_3=x3)
        assert got == pytest.approx(coefficients @ [x2, x3], rel=TIGHT)
    assert_judged_correct(ex, 2, number(conditional_covariance(sigma, [0])[0, 0]), 1e-9)
    block = sigma[:2, :2] - np.outer(sigma[:2, 2], sigma[2, :2]) / sigma[2, 2]
    assert_judged_correct(ex, 3, number(block[0, 1] / math.sqrt(block[0, 0] * block[1, 1])), 1e-9)
    assert_judged_correct(ex, 4, exact_matrix_text(block, tolerance=1e-9, relative=False))
    # The marginal correlation listed as a mistake really is different.
    assert sigma[0, 1] / math.sqrt(sigma[0, 0] * sigma[1, 1]) == pytest.approx(8 / 11)
    slope = sigma[:2, 2] / sigma[2, 2]
    for x3 in (1.0, -2.5):
        got = np.ravel(key_value(ex, 5, x_3=x3))
        assert got == pytest.approx(slope * x3, rel=TIGHT)


def test_gaussian_mrf_conditionals_by_monte_carlo() -> None:
    # Regress x₁ on (x₂, x₃) in samples: slopes match the key, residual variance 1/4.
    rng = np.random.default_rng(5)
    samples = rng.multivariate_normal(np.zeros(3), np.linalg.inv(LAMBDA3), size=200_000)
    slopes, *_ = np.linalg.lstsq(samples[:, 1:], samples[:, 0], rcond=None)
    residual = samples[:, 0] - samples[:, 1:] @ slopes
    assert slopes == pytest.approx([1 / 2, -1 / 4], abs=0.01)  # standard error ≈ 0.0015
    assert residual.var() == pytest.approx(1 / 4, rel=0.02)  # standard error ≈ 0.3 %


# --- gaussian-marginal-fill-in --------------------------------------------------------


def pattern_edges(matrix: np.ndarray, names: str) -> list[tuple[str, str]]:
    return [
        (names[i], names[j])
        for i, j in itertools.combinations(range(len(names)), 2)
        if abs(matrix[i, j]) > 1e-9
    ]


def test_gaussian_marginal_fill_in() -> None:
    """Every instance: the marginal precision is the inverse of the covariance's sub-block."""
    slug = "gaussian-marginal-fill-in"
    for seed, values in TOPIC.instances(slug):
        v = {name: float(value) for name, value in values.items()}
        precision = np.array(
            [
                [v["lAA"], v["lAB"], 0, v["lAD"]],
                [v["lAB"], v["lBB"], 0, 0],
                [0, 0, v["lCC"], v["lCD"]],
                [v["lAD"], 0, v["lCD"], 2],
            ]
        )
        assert np.all(np.linalg.eigvalsh(precision) > 0), "Λ must be a precision matrix"
        sigma = np.linalg.inv(precision)
        marginal_precision = np.linalg.inv(sigma[:3, :3])
        TOPIC.judged(
            slug,
            1,
            exact_matrix_text(marginal_precision, tolerance=1e-9, relative=False),
            seed=seed,
        )
        TOPIC.judged(slug, 2, edge_set_text(pattern_edges(marginal_precision, "ABC")), seed=seed)
        conditional_precision = np.linalg.inv(conditional_covariance(sigma, [0, 1, 2]))
        TOPIC.judged(slug, 3, edge_set_text(pattern_edges(conditional_precision, "ABC")), seed=seed)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gaussian_marginal_fill_in_on_a_random_chain(seed: int) -> None:
    rng = np.random.default_rng(seed)
    precision = np.diag(rng.uniform(2.0, 3.0, 5))
    for i in range(4):
        precision[i, i + 1] = precision[i + 1, i] = rng.choice([-1, 1]) * rng.uniform(0.3, 0.9)
    keep = [0, 1, 3, 4]
    marginal_precision = np.linalg.inv(np.linalg.inv(precision)[np.ix_(keep, keep)])
    assert_judged_correct(
        TOPIC.id("gaussian-marginal-fill-in"),
        4,
        edge_set_text(pattern_edges(marginal_precision, "ABDE")),
    )


# --- rbm-conditionals -----------------------------------------------------------------

RBM = "rbm-conditionals"


def rbm_joint(a, b, weights) -> dict[tuple[tuple[int, ...], tuple[int, ...]], float]:
    """Unnormalised p(v, h) = exp(aᵀv + bᵀh + vᵀWh) on all 32 states."""
    table = {}
    for v in itertools.product((0, 1), repeat=3):
        for h in itertools.product((0, 1), repeat=2):
            vv, hh = np.array(v, float), np.array(h, float)
            table[v, h] = math.exp(a @ vv + b @ hh + vv @ weights @ hh)
    return table


def test_rbm_conditionals_by_enumeration() -> None:
    """Every instance's four conditionals by summing the 32-state joint table."""
    for seed, values in TOPIC.instances(RBM):
        a = np.array([0.0, values["a2"], -1.0])
        b = np.array([values["b1"], values["b2"]])
        table = rbm_joint(a, b, values["W"])

        def conditional(event, given, table=table) -> float:
            numerator = sum(w for (v, h), w in table.items() if given(v, h) and event(v, h))
            return numerator / sum(w for (v, h), w in table.items() if given(v, h))

        at_v = lambda v, h: v == (1, 0, 1)  # noqa: E731
        at_h = lambda v, h: h == (1, 1)  # noqa: E731
        found = [
            conditional(lambda v, h: h[0] == 1, at_v),
            conditional(lambda v, h: h[1] == 1, at_v),
            conditional(lambda v, h: h == (1, 0), at_v),
            conditional(lambda v, h: v[1] == 1, at_h),
        ]
        for part, value in enumerate(found, start=1):
            TOPIC.judged(RBM, part, number(value), TIGHT, seed=seed)
        # the conditional independence the solution of part (c) relies on, for this instance
        assert found[2] == pytest.approx(found[0] * (1 - found[1]), rel=1e-12)


# --- rbm-spin-hidden-units ------------------------------------------------------------


def test_rbm_spin_hidden_units_by_enumeration() -> None:
    ex = TOPIC.id("rbm-spin-hidden-units")
    rng = np.random.default_rng(9)
    weights, offsets, visible_bias = rng.normal(size=(3, 2)), rng.normal(size=2), rng.normal(size=3)
    for v in itertools.product((0, 1), repeat=3):
        vv = np.array(v, float)
        energy0 = -visible_bias @ vv
        inputs = offsets + vv @ weights
        table = {
            h: math.exp(-energy0 + np.array(h, float) @ inputs)
            for h in itertools.product(SPINS, repeat=2)
        }
        total = sum(table.values())
        for j, u in enumerate(inputs):
            p_plus = sum(w for h, w in table.items() if h[j] == 1) / total
            mean = sum(h[j] * w for h, w in table.items()) / total
            assert key_value(ex, 2, u=u) == pytest.approx(p_plus, rel=TIGHT)
            assert key_value(ex, 3, u=u) == pytest.approx(mean, rel=TIGHT, abs=1e-12)
        # Σ_h exp(−E) = exp(−E₀) Π_j g(u_j): the sum over hidden states, with nothing dropped.
        product = math.exp(-energy0) * np.prod([key_value(ex, 4, u=u) for u in inputs])
        assert product == pytest.approx(total, rel=TIGHT)
        # And p(h | v) factorises (the derivation part), checked on the numbers.
        for h, w in table.items():
            marginals = [sum(x for g, x in table.items() if g[j] == h[j]) / total for j in range(2)]
            assert w / total == pytest.approx(marginals[0] * marginals[1], rel=TIGHT)


# --- rbm-induced-interaction ----------------------------------------------------------


def fitted_parameters(c: float, w1: float, w2: float) -> np.ndarray:
    """(θ₁, θ₂, θ₁₂) by solving log p(v) = θ·features − log Z′ on the enumerated marginal."""
    points = list(itertools.product((0, 1), repeat=2))
    marginal = [sum(math.exp(h * (c + w1 * a + w2 * b)) for h in (0, 1)) for a, b in points]
    design = np.array([[1.0, a, b, a * b] for a, b in points])
    solution = np.linalg.solve(design, np.log(marginal))
    return solution[1:]


@pytest.mark.parametrize(("c", "w1", "w2"), [(0.0, 0.8, -1.3), (-1.2, 2.0, 0.5), (0.7, -0.4, -2.2)])
def test_rbm_induced_interaction_by_fitting_the_marginal(c: float, w1: float, w2: float) -> None:
    ex = TOPIC.id("rbm-induced-interaction")
    theta1, _, theta12 = fitted_parameters(c, w1, w2)
    assert key_value(ex, 1, c=c, w_1=w1, w_2=w2) == pytest.approx(theta12, rel=1e-8)
    assert key_value(ex, 2, c=c, w_1=w1, w_2=w2) == pytest.approx(theta1, rel=1e-8)


def test_rbm_induced_interaction_numbers_and_independence() -> None:
    ex = TOPIC.id("rbm-induced-interaction")
    assert_judged_correct(ex, 3, number(fitted_parameters(0.0, math.log(3), math.log(3))[2]), TIGHT)
    assert_judged_correct(
        ex, 4, number(fitted_parameters(0.0, math.log(3), -math.log(3))[2]), TIGHT
    )
    # θ₁₂ = 0 exactly when the odds ratio is 1; the difference of its two sides factorises.
    x, a, b = sp.symbols("x a b", positive=True)
    difference = sp.factor((1 + x * a * b) * (1 + x) - (1 + x * a) * (1 + x * b))
    assert sp.simplify(difference - x * (a - 1) * (b - 1)) == 0
    # Numerically on a grid of non-zero weights: never independent, and the sign is that of w₁w₂.
    grid = [-2.0, -0.5, -0.05, 0.05, 0.5, 2.0]
    independent_somewhere = False
    for c, w1, w2 in itertools.product([-3.0, 0.0, 2.5], grid, grid):
        theta12 = fitted_parameters(c, w1, w2)[2]
        assert np.sign(theta12) == np.sign(w1 * w2)
        independent_somewhere |= abs(theta12) < 1e-12
    assert abs(fitted_parameters(0.4, 1.5, 0.0)[2]) < 1e-12  # a zero weight does decouple
    assert_judged_correct(ex, 5, yes_no(independent_somewhere))


# --- positivity-counterexample --------------------------------------------------------


def test_positivity_counterexample() -> None:
    ex = TOPIC.id("positivity-counterexample")
    table = np.zeros((2, 2, 2))
    table[0, 0, 0] = table[1, 1, 1] = 0.5
    joint = Joint("XYZ", table)
    statements = {
        "a": ("X", "Y", "Z"),
        "b": ("X", "Z", "Y"),
        "c": ("Y", "Z", "X"),
        "d": ("X", "Y", ""),
    }
    holding = [
        label for label, (u, v, w) in statements.items() if joint.independent([u], [v], list(w))
    ]
    assert_judged_correct(ex, 1, ", ".join(holding))
    # A product f(x) g(y) k(z) would make p the product of its one-variable marginals.
    product = np.einsum("i,j,k->ijk", *(joint.marginal([name]) for name in "XYZ"))
    assert_judged_correct(ex, 2, yes_no(bool(np.allclose(product, joint.table))))
    # p is discrete, finite-valued and G₀ has no cycles; the one hypothesis it fails is positivity.
    assert table.min() == 0
    assert_judged_correct(ex, 3, "a")
    for epsilon in (0.01, 0.3, 0.9):
        noisy = Joint("XYZ", (1 - epsilon) * table + epsilon / 8)
        edges = [
            (u, v)
            for u, v in itertools.combinations("XYZ", 2)
            if not noisy.independent([u], [v], [n for n in "XYZ" if n not in (u, v)])
        ]
        assert_judged_correct(ex, 4, edge_set_text(edges))
