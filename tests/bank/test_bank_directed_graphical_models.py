"""Independent confirmation of every key in bank/directed-graphical-models.

The keys are recomputed by routes that share nothing with the worked solutions:

* graph keys (parents, ancestors, orderings, separating sets, Markov blankets) by brute
  force over the graph: every permutation for ancestral orderings, every subset for
  separating sets, and d-separation through the moralised ancestral graph
  (``graph_oracles``);
* every d-separation or independence key a second time on numbers: a joint distribution
  with random conditional tables along the DAG, built by enumeration, in which the
  independence is tested directly;
* parameter counts as the dimension of the model: the rank of the Jacobian of the map
  from (over-complete) softmax logits of every conditional table to the joint table,
  by central differences — a count that knows nothing about the (k − 1)·Π formula;
* probabilities by enumerating the joint of the stated tables;
* linear-Gaussian covariances from Σ = (I − W)⁻¹(I − W)⁻ᵀ and Schur complements, plus a
  seeded Monte Carlo check.
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest
from answer_text import set_text, yes_no
from graph_oracles import (
    Joint,
    ancestors,
    d_separated,
    joint_from_factors,
    markov_blanket,
    random_dag_joint,
)
from numerics import central_difference

from bank_support import BankTopic, bundled_exercise, bundled_part, key_value

TOPIC = BankTopic("directed-graphical-models")
TIGHT = 1e-9


def dag_from(edges: str, nodes: str) -> dict[str, tuple[str, ...]]:
    """A DAG as child → parents from text like ``"A->B, B->C"`` over single-letter nodes."""
    parents: dict[str, list[str]] = {node: [] for node in nodes}
    for edge in edges.split(","):
        tail, head = (name.strip() for name in edge.split("->"))
        parents[head].append(tail)
    return {node: tuple(ps) for node, ps in parents.items()}


def descendants(dag, node: str) -> set[str]:
    return {other for other in dag if other != node and node in ancestors(dag, [other])}


def ancestral_orderings(dag) -> list[tuple[str, ...]]:
    """Every permutation of the nodes in which each node follows all of its parents."""
    found = []
    for order in itertools.permutations(dag):
        position = {node: index for index, node in enumerate(order)}
        if all(position[p] < position[child] for child in dag for p in dag[child]):
            found.append(order)
    return found


def separated_both_ways(dag, xs, ys, given=(), seed: int = 0) -> bool:
    """d-separation on the graph, confirmed by the independence test on a random joint."""
    on_graph = d_separated(dag, list(xs), list(ys), list(given))
    on_numbers = random_dag_joint(dag, seed=seed).independent(list(xs), list(ys), list(given))
    assert on_graph == on_numbers, (xs, ys, given, on_graph, on_numbers)
    return on_graph


def separated_from(dag, node: str, given: str, seed: int = 0) -> set[str]:
    """All nodes d-separated from ``node`` given ``given`` (checked graph- and number-wise)."""
    candidates = [other for other in dag if other != node and other not in given]
    return {other for other in candidates if separated_both_ways(dag, node, other, given, seed)}


def model_dimension(dag, cardinalities, seed: int = 0, h: float = 1e-5) -> int:
    """Dimension of the set of joints that factorise along ``dag``.

    Each conditional table is parametrised by softmax logits (one more per row than it
    has free numbers); the rank of the Jacobian of logits → joint table is the number of
    free parameters, found without any counting formula.
    """
    names = list(dag)
    letters = dict(zip(names, "abcdefghijklmnopqrstuvwxyz", strict=False))
    shapes = [(*(cardinalities[p] for p in dag[child]), cardinalities[child]) for child in names]
    sizes = [int(np.prod(shape)) for shape in shapes]
    subscripts = ",".join("".join(letters[n] for n in (*dag[c], c)) for c in names)
    subscripts += "->" + "".join(letters[n] for n in names)

    def joint(theta: np.ndarray) -> np.ndarray:
        tables, start = [], 0
        for shape, size in zip(shapes, sizes, strict=True):
            logits = theta[start : start + size].reshape(shape)
            start += size
            weights = np.exp(logits - logits.max(axis=-1, keepdims=True))
            tables.append(weights / weights.sum(axis=-1, keepdims=True))
        return np.einsum(subscripts, *tables).ravel()

    theta = np.random.default_rng(seed).normal(size=sum(sizes))
    jacobian = central_difference(joint, theta, h)
    singular = np.linalg.svd(jacobian, compute_uv=False)
    return int(np.sum(singular > 1e-7 * singular[0]))


# --- reading-a-factorisation ---------------------------------------------------------

FACTOR = re.compile(r"p\((\w)(?: \| ([\w, ]+))?\)")


def parents_from_product(product: str) -> dict[str, set[str]]:
    return {
        child: set(given.replace(" ", "").split(",")) if given else set()
        for child, given in FACTOR.findall(product)
    }


def test_reading_a_factorisation() -> None:
    exercise = bundled_exercise(TOPIC.id("reading-a-factorisation"))
    [line] = [row for row in exercise.statement.splitlines() if "p(A, B, C, D, E, F) =" in row]
    parents = parents_from_product(line.split("=", 1)[1])
    assert sorted(parents) == list("ABCDEF")
    edges = {f"{p}->{child}" for child, ps in parents.items() for p in ps}
    TOPIC.judged("reading-a-factorisation", 1, set_text(edges))

    dag = {child: tuple(ps) for child, ps in parents.items()}
    # the joint built from these factors really is a distribution of that DAG
    joint = random_dag_joint(dag, seed=3)
    assert joint.independent(["E"], ["A", "B", "C"], ["D"])
    TOPIC.judged("reading-a-factorisation", 2, set_text(ancestors(dag, ["F"]) - {"F"}))

    h = {"P": set(), "Q": {"P"}, "R": {"P"}, "S": {"Q", "R"}, "T": {"S"}}
    options = dict(bundled_part(TOPIC.id("reading-a-factorisation"), 3).answer.options)
    matching = [label for label, text in options.items() if parents_from_product(text) == h]
    assert len(matching) == 1
    TOPIC.judged("reading-a-factorisation", 3, matching[0])


# --- counting-ancestral-orderings ----------------------------------------------------

ORDERING_DAG = dag_from("T->Z, U->W, V->W, V->X, W->Y, X->Y, Y->Z", "TUVWXYZ")


def test_counting_ancestral_orderings() -> None:
    orders = ancestral_orderings(ORDERING_DAG)
    TOPIC.judged("counting-ancestral-orderings", 1, yes_no(tuple("VUXTYWZ") in orders))
    TOPIC.judged("counting-ancestral-orderings", 2, set_text({order[0] for order in orders}))
    TOPIC.judged("counting-ancestral-orderings", 3, str(len(orders)))


# --- cpt-parameter-count -------------------------------------------------------------


def test_cpt_parameter_count() -> None:
    """Every instance: the counts are the ranks of Jacobians of CPT logits → joint table."""
    slug = "cpt-parameter-count"
    health = dag_from("D->W, E->W, W->B, E->B, B->M", "DEWBM")
    enlarged = dict(health, M=("B", "D"))
    complete = {node: tuple("DEWBM"[:index]) for index, node in enumerate("DEWBM")}
    for index, (seed, values) in enumerate(TOPIC.instances(slug)):
        states = {node: int(values[f"s{node}"]) for node in "DEWBM"}
        statement = bundled_exercise(TOPIC.id(slug), seed).statement
        assert f"Diet D with {states['D']} states" in statement
        cells = np.zeros([states[node] for node in "DEWBM"]).size
        TOPIC.judged(slug, 1, str(cells - 1), seed=seed)
        TOPIC.judged(slug, 2, str(model_dimension(health, states, seed=seed % 97)), seed=seed)
        TOPIC.judged(slug, 3, str(model_dimension(enlarged, states, seed=seed % 89)), seed=seed)
        full_table = int(np.prod(list(states.values()))) - 1
        if index < 8:  # the complete DAG's Jacobian is the largest: rank it on a few instances
            assert model_dimension(complete, states, seed=seed % 83) == full_table
        TOPIC.judged(slug, 4, str(full_table), seed=seed)


# --- naive-bayes-parameter-formulas --------------------------------------------------


def naive_bayes_dags(n: int) -> tuple[dict, dict, dict]:
    features = [f"X{i}" for i in range(1, n + 1)]
    naive = {"Y": (), **{x: ("Y",) for x in features}}
    names = ["Y", *features]
    complete = {node: tuple(names[:index]) for index, node in enumerate(names)}
    augmented = {"Y": (), features[0]: ("Y",)}
    augmented |= {features[i]: ("Y", features[i - 1]) for i in range(1, n)}
    return naive, complete, augmented


def test_naive_bayes_parameter_formulas() -> None:
    slug = "naive-bayes-parameter-formulas"
    for n, classes in [(1, 2), (2, 3), (3, 2), (3, 3), (4, 2)]:
        states = {"Y": classes, **{f"X{i}": 2 for i in range(1, n + 1)}}
        for part, dag in enumerate(naive_bayes_dags(n), start=1):
            expected = model_dimension(dag, states, seed=n + classes)
            assert key_value(TOPIC.id(slug), part, n=n, K=classes) == pytest.approx(expected), (
                part,
                n,
                classes,
            )
    # part 4 searches n with the two counts just confirmed
    ratio = [
        key_value(TOPIC.id(slug), 2, n=n, K=2) / key_value(TOPIC.id(slug), 1, n=n, K=2)
        for n in range(1, 40)
    ]
    smallest = next(n for n, value in enumerate(ratio, start=1) if value > 1000)
    TOPIC.judged(slug, 4, str(smallest))


# --- outage-collider -----------------------------------------------------------------

OUTAGE = dag_from("P->S, N->S, S->A, S->C", "PNSAC")


def test_outage_collider() -> None:
    slug = "outage-collider"
    TOPIC.judged(slug, 1, yes_no(separated_both_ways(OUTAGE, "P", "N")))
    TOPIC.judged(slug, 2, yes_no(separated_both_ways(OUTAGE, "P", "N", "A")))
    TOPIC.judged(slug, 3, yes_no(separated_both_ways(OUTAGE, "A", "C")))
    TOPIC.judged(slug, 4, yes_no(separated_both_ways(OUTAGE, "A", "C", "S")))
    openers = {z for z in "SAC" if not separated_both_ways(OUTAGE, "P", "N", z)}
    TOPIC.judged(slug, 5, set_text(openers))


# --- markov-blanket-dag --------------------------------------------------------------

BLANKET_DAG = dag_from("A->C, B->C, C->E, D->E, D->F, H->F, E->G, F->G", "ABCDEFGH")


def smallest_shielding_set(dag, node: str, joint: Joint) -> set[str]:
    """The smallest Z with node ⊥ (all others) | Z in a generic joint, by search over subsets."""
    others = [other for other in dag if other != node]
    for size in range(len(others) + 1):
        found = [
            set(z)
            for z in itertools.combinations(others, size)
            if joint.independent([node], [o for o in others if o not in z], list(z))
        ]
        if found:
            assert len(found) == 1, found
            return found[0]
    raise AssertionError("no shielding set")


def test_markov_blanket_dag() -> None:
    slug = "markov-blanket-dag"
    joint = random_dag_joint(BLANKET_DAG, seed=5)
    for part, node in [(1, "E"), (2, "D")]:
        numeric = smallest_shielding_set(BLANKET_DAG, node, joint)
        assert numeric == markov_blanket(BLANKET_DAG, node)
        TOPIC.judged(slug, part, set_text(numeric))
    TOPIC.judged(slug, 3, yes_no(separated_both_ways(BLANKET_DAG, "E", "H", "CDG", seed=5)))


# --- d-separation-with-reasons -------------------------------------------------------

REASONS_DAG = dag_from("A->C, B->C, C->D, B->E, D->F, E->F, F->G, E->H", "ABCDEFGH")


def test_d_separation_with_reasons() -> None:
    slug = "d-separation-with-reasons"
    TOPIC.judged(slug, 1, yes_no(separated_both_ways(REASONS_DAG, "A", "B")))
    TOPIC.judged(slug, 2, yes_no(separated_both_ways(REASONS_DAG, "A", "E", "F")))
    TOPIC.judged(slug, 3, yes_no(separated_both_ways(REASONS_DAG, "A", "B", "DE")))
    TOPIC.judged(slug, 4, set_text(separated_from(REASONS_DAG, "A", "DE", seed=1)))
    TOPIC.judged(slug, 5, set_text(separated_from(REASONS_DAG, "A", "E", seed=2)))


# --- local-markov-property -----------------------------------------------------------

LOCAL_DAG = dag_from("P->R, Q->R, Q->S, R->T, S->T, T->U, S->V", "PQRSTUV")


def test_local_markov_property() -> None:
    slug = "local-markov-property"
    TOPIC.judged(slug, 1, set_text(descendants(LOCAL_DAG, "R")))
    joint = random_dag_joint(LOCAL_DAG, seed=7)
    for part, node in [(2, "R"), (4, "S")]:
        parents = set(LOCAL_DAG[node])
        rest = set(LOCAL_DAG) - {node} - descendants(LOCAL_DAG, node) - parents
        assert joint.independent([node], sorted(rest), sorted(parents))
        # the set is as large as possible: no descendant can join it
        for extra in descendants(LOCAL_DAG, node):
            assert not joint.independent([node], [extra], sorted(parents))
        TOPIC.judged(slug, part, set_text(rest))
    TOPIC.judged(slug, 3, yes_no(separated_both_ways(LOCAL_DAG, "R", "V", "PQT", seed=7)))


# --- ordered-markov-orderings --------------------------------------------------------

ORDERED_DAG = dag_from("A->B, A->C, B->D, C->D, C->E, G->E, D->F, E->F", "ABCDEFG")


def ordered_markov_set(order: tuple[str, ...], node: str) -> set[str]:
    return set(order[: order.index(node)]) - set(ORDERED_DAG[node])


def test_ordered_markov_orderings() -> None:
    slug = "ordered-markov-orderings"
    orders = ancestral_orderings(ORDERED_DAG)
    given = tuple("GACEBDF")
    assert given in orders
    joint = random_dag_joint(ORDERED_DAG, seed=11)
    for part, node in [(1, "D"), (2, "F")]:
        found = ordered_markov_set(given, node)
        assert joint.independent([node], sorted(found), sorted(ORDERED_DAG[node]))
        TOPIC.judged(slug, part, set_text(found))
    sets = [ordered_markov_set(order, "D") for order in orders]
    intersection = set.intersection(*sets)
    TOPIC.judged(slug, 3, set_text(intersection))
    TOPIC.judged(slug, 4, str(sum(1 for s in sets if s == intersection)))
    # the union (the derivation part) is the local Markov set
    union = set.union(*sets)
    assert union == set(ORDERED_DAG) - {"D"} - descendants(ORDERED_DAG, "D") - {"B", "C"}


# --- explaining-away-numbers ---------------------------------------------------------


def failing_test_joint(values) -> Joint:
    p_bug, p_flaky = float(values["pB"]), float(values["pM"])
    fail = np.array(
        [[values["f00"], values["f01"]], [values["f10"], values["f11"]]], dtype=float
    )  # P(F = 1 | B = b, M = m), indexed [b, m]
    return joint_from_factors(
        {"B": 2, "M": 2, "F": 2},
        [
            (("B",), np.array([1 - p_bug, p_bug])),
            (("M",), np.array([1 - p_flaky, p_flaky])),
            (("B", "M", "F"), np.stack([1 - fail, fail], axis=-1)),
        ],
    )


def test_explaining_away_numbers() -> None:
    """Every instance, by enumerating the joint of B, M and F."""
    slug = "explaining-away-numbers"
    for seed, values in TOPIC.instances(slug):
        joint = failing_test_joint(values)
        assert joint.independent(["B"], ["M"])  # the causes are independent a priori

        def judged(part: int, value: float, seed: int = seed) -> None:
            TOPIC.judged(slug, part, repr(value), tolerance=TIGHT, seed=seed)

        judged(1, joint.probability(F=1))
        after_failure = joint.conditional({"B": 1}, {"F": 1})
        judged(2, after_failure)
        flaky = joint.conditional({"B": 1}, {"F": 1, "M": 1})
        judged(3, flaky)
        reliable = joint.conditional({"B": 1}, {"F": 1, "M": 0})
        judged(4, reliable)
        TOPIC.judged(slug, 5, yes_no(joint.independent(["B"], ["M"], ["F"])), seed=seed)
        # what the solutions say of every instance: a failure raises the bug's probability,
        # M = 1 explains it partly away (but stays above the prior), M = 0 raises it further
        assert float(values["pB"]) < flaky < after_failure < reliable


# --- chain-marginals -----------------------------------------------------------------


def test_chain_marginals() -> None:
    """Every instance, by enumerating the joint of the stated tables."""
    slug = "chain-marginals"
    for seed, values in TOPIC.instances(slug):
        p_x, y_given_x, z_given_y = (
            float(values["pX"]),
            np.array([values["pY0"], values["pY1"]], dtype=float),
            np.array([values["pZ0"], values["pZ1"]], dtype=float),
        )
        statement = bundled_exercise(TOPIC.id(slug), seed).statement
        assert "P(X = 1) = " in statement
        joint = joint_from_factors(
            {"X": 2, "Y": 2, "Z": 2},
            [
                (("X",), np.array([1 - p_x, p_x])),
                (("X", "Y"), np.stack([1 - y_given_x, y_given_x], axis=-1)),
                (("Y", "Z"), np.stack([1 - z_given_y, z_given_y], axis=-1)),
            ],
        )
        TOPIC.judged(slug, 1, repr(joint.probability(Y=1)), tolerance=TIGHT, seed=seed)
        TOPIC.judged(slug, 2, repr(joint.probability(Z=1)), tolerance=TIGHT, seed=seed)
        TOPIC.judged(
            slug, 3, repr(joint.conditional({"X": 1}, {"Z": 1})), tolerance=TIGHT, seed=seed
        )
        TOPIC.judged(
            slug, 4, repr(joint.conditional({"X": 1}, {"Y": 1, "Z": 1})), tolerance=TIGHT, seed=seed
        )
        # the solution's remark: observing Z = 1 always raises the probability of X = 1 here
        assert joint.conditional({"X": 1}, {"Z": 1}) > p_x


# --- smallest-separating-set ---------------------------------------------------------

SEPARATING_DAG = dag_from(
    "A->X, A->B, F->X, F->B, B->Y, X->C, C->Y, E->C, E->Y, X->D, Y->D", "XYABCDEF"
)


def test_smallest_separating_set() -> None:
    slug = "smallest-separating-set"
    TOPIC.judged(slug, 1, yes_no(separated_both_ways(SEPARATING_DAG, "X", "Y", "BC", seed=2)))
    others = [node for node in SEPARATING_DAG if node not in "XY"]
    separating = [
        set(z)
        for size in range(len(others) + 1)
        for z in itertools.combinations(others, size)
        if d_separated(SEPARATING_DAG, ["X"], ["Y"], list(z))
    ]
    smallest = min(len(z) for z in separating)
    [unique] = [z for z in separating if len(z) == smallest]
    joint = random_dag_joint(SEPARATING_DAG, seed=4)
    assert joint.independent(["X"], ["Y"], sorted(unique))
    assert all(not joint.independent(["X"], ["Y"], sorted(unique - {n})) for n in unique)
    TOPIC.judged(slug, 2, set_text(unique))
    TOPIC.judged(slug, 3, yes_no(separated_both_ways(SEPARATING_DAG, "X", "Y", "BCDE", seed=4)))
    TOPIC.judged(slug, 4, set_text(set.intersection(*separating)))


# --- linear-gaussian-cancellation ----------------------------------------------------


def covariance(a: float, b: float, c: float) -> np.ndarray:
    """Σ of X = W X + e with unit-variance noise: (I − W)⁻¹ (I − W)⁻ᵀ."""
    weights = np.array([[0, 0, 0], [a, 0, 0], [b, c, 0]], dtype=float)
    inverse = np.linalg.inv(np.eye(3) - weights)
    return inverse @ inverse.T


def test_linear_gaussian_cancellation() -> None:
    slug = "linear-gaussian-cancellation"
    rng = np.random.default_rng(13)
    for a, b, c in rng.normal(size=(5, 3)):
        sigma = covariance(a, b, c)
        assert key_value(TOPIC.id(slug), 1, a=a, b=b, c=c) == pytest.approx(sigma[0, 2], rel=TIGHT)
        assert key_value(TOPIC.id(slug), 2, a=a, b=b, c=c) == pytest.approx(sigma[1, 2], rel=TIGHT)
        b_zero = float(key_value(TOPIC.id(slug), 3, a=a, c=c))
        cancelled = covariance(a, b_zero, c)
        assert abs(cancelled[0, 2]) < TIGHT
        schur = cancelled[0, 2] - cancelled[0, 1] * cancelled[1, 2] / cancelled[1, 1]
        assert key_value(TOPIC.id(slug), 4, a=a, c=c) == pytest.approx(schur, rel=TIGHT)
        assert abs(schur) > 1e-3  # a c ≠ 0 for these draws
    TOPIC.judged(slug, 5, yes_no(False))
    # Monte Carlo: with a = 0.8, c = 1.5, b = −1.2 the sample correlation of X_1, X_3 is ~0
    # (standard error 1/sqrt(n) ≈ 0.0022) while the partial correlation given X_2 is not.
    n = 200_000
    e = rng.normal(size=(3, n))
    x1 = e[0]
    x2 = 0.8 * x1 + e[1]
    x3 = -1.2 * x1 + 1.5 * x2 + e[2]
    assert abs(np.corrcoef(x1, x3)[0, 1]) < 5 / np.sqrt(n)
    residual_1 = x1 - np.polyfit(x2, x1, 1) @ np.vstack([x2, np.ones(n)])
    residual_3 = x3 - np.polyfit(x2, x3, 1) @ np.vstack([x2, np.ones(n)])
    sample_conditional = np.mean(residual_1 * residual_3)
    assert sample_conditional == pytest.approx(
        key_value(TOPIC.id(slug), 4, a=0.8, c=1.5), abs=5 * 2 / np.sqrt(n)
    )


# --- barren-nodes-marginal -----------------------------------------------------------

BARREN_DAG = dag_from("A->B, A->C, B->D, C->D, D->E, B->F, E->G, F->G", "ABCDEFG")


def barren_joint(values) -> Joint:
    def table(*ones: float) -> np.ndarray:
        """A binary CPT from its P(child = 1) entries, parents' configurations in order."""
        p_one = np.array(ones[0] if len(ones) == 1 else ones, dtype=float)
        return np.stack([1 - p_one, p_one], axis=-1)

    v = {name: float(value) for name, value in values.items()}
    return joint_from_factors(
        dict.fromkeys("ABCDEFG", 2),
        [
            (("A",), table(v["pA"])),
            (("A", "B"), table(v["b0"], v["b1"])),
            (("A", "C"), table(v["c0"], v["c1"])),
            (("B", "C", "D"), table(v["d00"], v["d01"], v["d10"], v["d11"]).reshape(2, 2, 2)),
            (("D", "E"), table(0.2, 0.7)),
            (("B", "F"), table(0.35, 0.6)),
            (("E", "F", "G"), table(0.05, 0.5, 0.45, 0.95).reshape(2, 2, 2)),
        ],
    )


def test_barren_nodes_marginal() -> None:
    """Every instance, by brute force over all 128 assignments of the stated tables."""
    slug = "barren-nodes-marginal"
    droppable = set(BARREN_DAG) - ancestors(BARREN_DAG, ["B", "C"])
    for seed, values in TOPIC.instances(slug):
        joint = barren_joint(values)
        assert joint.table.shape == (2,) * 7
        # numerically: the marginal of the rest is the bare product p(A) p(B|A) p(C|A)
        kept = joint.marginal(["A", "B", "C"])
        p_a = np.array([1 - values["pA"], values["pA"]], dtype=float)
        p_b = np.array([[1 - values["b0"], values["b0"]], [1 - values["b1"], values["b1"]]])
        p_c = np.array([[1 - values["c0"], values["c0"]], [1 - values["c1"], values["c1"]]])
        assert np.allclose(kept, p_a[:, None, None] * p_b[:, :, None] * p_c[:, None, :])
        TOPIC.judged(slug, 1, set_text(droppable), seed=seed)
        TOPIC.judged(slug, 2, repr(joint.probability(B=1, C=1)), tolerance=TIGHT, seed=seed)
        TOPIC.judged(slug, 3, repr(joint.probability(D=1)), tolerance=TIGHT, seed=seed)
