"""Independent confirmation of every key in bank/message-passing.

The worked solutions pass messages; these tests do not, except to count the work of a
pass and where loopy BP itself is the quantity asked for. Instead:

* factor graphs are built mechanically from the factor scopes and their node and edge
  sets, degrees and tree-ness are read off by breadth-first search;
* every marginal, normaliser, evidence probability and posterior comes from brute-force
  enumeration of the joint (``graph_oracles.joint_from_factors`` or explicit sums), and
  every message is recomputed as what it means: the unnormalised marginal (or the max
  over configurations) of the part of the model on its far side;
* most probable configurations and max-sum scores come from trying every configuration;
* elimination costs come from actually running numeric variable elimination with random
  tables and measuring the arrays it forms, and the best order on the grid from a
  dynamic programme over subsets of eliminated nodes;
* symbolic keys (chain costs, parity messages, the triangle and the Ising chain) are
  evaluated with ``key_value`` at many parameter values and compared with counts or
  enumeration at those values; loopy BP is iterated to its fixed point.
"""

from __future__ import annotations

import itertools
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache

import numpy as np
import pytest
from answer_text import (
    Closeness,
    edge_set_text,
    exact_matrix_text,
    exact_text,
    exact_vector_text,
    set_text,
)
from graph_oracles import joint_from_factors

from bank_support import BankTopic, bundled_exercise, bundled_part

TOPIC = BankTopic("message-passing")
TIGHT = 1e-9
# Enumerated probabilities are exact up to rounding, with denominators up to 10 000: snap
# them to fractions that close and no further.
ENUMERATED: Closeness = {"max_denominator": 10_000, "tolerance": 1e-12}


# --- factor graphs as plain data ------------------------------------------------------


def factor_graph(scopes: Mapping[str, Sequence[str]]) -> set[frozenset[str]]:
    """Edges of the bipartite factor graph: one per (factor, variable in its scope)."""
    return {frozenset((factor, variable)) for factor, scope in scopes.items() for variable in scope}


def neighbours(edges: set[frozenset[str]], node: str) -> set[str]:
    return {other for edge in edges if node in edge for other in edge if other != node}


def is_tree(edges: set[frozenset[str]]) -> bool:
    """Connected and acyclic, checked by a search that fails on meeting a visited node twice."""
    nodes = {node for edge in edges for node in edge}
    start = next(iter(nodes))
    seen, stack = {start}, [(start, None)]
    while stack:
        node, parent = stack.pop()
        for other in neighbours(edges, node):
            if other == parent:
                continue
            if other in seen:
                return False
            seen.add(other)
            stack.append((other, node))
    return seen == nodes


def unnormalised(
    names: Sequence[str], factors: Sequence[tuple[Sequence[str], Callable[..., float]]]
) -> dict[tuple[int, ...], float]:
    """Every binary configuration of ``names`` with the product of the factors."""
    table = {}
    for values in itertools.product((0, 1), repeat=len(names)):
        assignment = dict(zip(names, values, strict=True))
        weight = 1.0
        for scope, factor in factors:
            weight *= factor(*(assignment[name] for name in scope))
        table[values] = weight
    return table


# --- factor-graph-from-dag -------------------------------------------------------------


def test_factor_graph_from_dag_by_building_it() -> None:
    parents = {"A": (), "B": (), "C": ("A", "B"), "D": ("C",), "E": ("C", "D")}
    scopes = {f"f{child}": (child, *ps) for child, ps in parents.items()}
    edges = factor_graph(scopes)
    slug = "factor-graph-from-dag"
    TOPIC.judged(slug, 1, set_text(neighbours(edges, "fE")))
    TOPIC.judged(slug, 2, set_text(neighbours(edges, "C")))
    TOPIC.judged(slug, 3, str(len(edges)))
    TOPIC.judged(slug, 4, "yes" if is_tree(edges) else "no")
    # merging fD and fE removes the loop, as the solution says
    merged = {k: v for k, v in scopes.items() if k not in ("fD", "fE")} | {"g": ("C", "D", "E")}
    assert is_tree(factor_graph(merged))


# --- factor-graph-clique-choice -------------------------------------------------------


def test_factor_graph_clique_choice_from_maximal_cliques_found_by_search() -> None:
    graph_edges = {frozenset(e) for e in ("AB", "BC", "AC", "CD", "DE")}
    nodes = "ABCDE"

    def is_clique(subset: Sequence[str]) -> bool:
        return all(frozenset(pair) in graph_edges for pair in itertools.combinations(subset, 2))

    cliques = [
        set(s) for r in range(2, 6) for s in itertools.combinations(nodes, r) if is_clique(s)
    ]
    maximal = [c for c in cliques if not any(c < other for other in cliques)]
    names = {"F": {"A", "B", "C"}, "G": {"C", "D"}, "H": {"D", "E"}}  # as named in the statement
    assert sorted(map(sorted, maximal)) == sorted(map(sorted, names.values()))
    m_edges = factor_graph({name: sorted(scope) for name, scope in names.items()})
    p_edges = factor_graph({"f" + "".join(sorted(e)): sorted(e) for e in graph_edges})
    slug = "factor-graph-clique-choice"
    TOPIC.judged(slug, 1, edge_set_text(m_edges))
    TOPIC.judged(slug, 2, str(len(p_edges)))
    label = {(True, False): "a", (False, True): "b", (True, True): "c", (False, False): "d"}
    TOPIC.judged(slug, 3, label[is_tree(m_edges), is_tree(p_edges)])


# --- chain-sum-product ----------------------------------------------------------------


def test_chain_sum_product_by_enumeration() -> None:
    slug = "chain-sum-product"
    for seed, values in TOPIC.instances(slug):
        phi = np.array([values["phi0"], values["phi1"]])
        psi12, psi23 = values["L"], values["R"]
        statement = bundled_exercise(TOPIC.id(slug), seed).statement
        assert f"φ(0) = {phi[0]:g}, φ(1) = {phi[1]:g}" in statement
        assert f"ψ12(0, 1) = {psi12[0, 1]:g} and ψ23(1, 1) = {psi23[1, 1]:g}" in statement
        factors = [
            (("x1",), lambda a, phi=phi: phi[a]),
            (("x1", "x2"), lambda a, b, psi12=psi12: psi12[a, b]),
        ]
        left_half = unnormalised(["x1", "x2"], factors)
        message = [sum(w for (a, b), w in left_half.items() if b == v) for v in (0, 1)]
        full = unnormalised(
            ["x1", "x2", "x3"], [*factors, (("x2", "x3"), lambda b, c, psi23=psi23: psi23[b, c])]
        )
        Z = sum(full.values())
        judged = lambda part, text, seed=seed: TOPIC.judged(slug, part, text, seed=seed)  # noqa: E731
        judged(1, exact_vector_text(message, **ENUMERATED))
        judged(2, exact_text(Z, **ENUMERATED))
        judged(3, exact_text(sum(w for x, w in full.items() if x[1] == 1) / Z, **ENUMERATED))
        judged(4, exact_text(sum(w for x, w in full.items() if x[2] == 1) / Z, **ENUMERATED))


# --- chain-inference-cost -------------------------------------------------------------


@pytest.mark.parametrize(("n", "K"), [(2, 2), (3, 2), (4, 3), (5, 2), (3, 5)])
def test_chain_inference_cost_by_counting(n: int, K: int) -> None:
    rng = np.random.default_rng(n * 10 + K)
    psis = [rng.uniform(0.5, 2.0, (K, K)) for _ in range(n - 1)]
    # brute force for x1 = 0: count the terms of the sum
    terms = sum(1 for _ in itertools.product(range(K), repeat=n - 1))
    # the backward pass, counting every product psi * message that is formed
    products, message = 0, np.ones(K)
    for psi in reversed(psis):
        new = np.zeros(K)
        for i in range(K):
            for j in range(K):
                new[i] += psi[i, j] * message[j]
                products += 1
        message = new
    brute = sum(
        np.prod([psis[i][x[i], x[i + 1]] for i in range(n - 1)])
        for x in itertools.product(range(K), repeat=n)
        if x[0] == 0
    )
    assert message[0] == pytest.approx(brute, rel=TIGHT)  # the pass being counted is right
    scopes = {f"psi{i}": (f"x{i}", f"x{i + 1}") for i in range(1, n)}
    messages = 2 * len(factor_graph(scopes))
    slug = "chain-inference-cost"
    for part, count in ((1, terms), (2, products), (3, messages)):
        assert TOPIC.scalar_key(slug, part, n=n, K=K) == pytest.approx(count, rel=TIGHT)


# --- chain-evidence-posterior ---------------------------------------------------------


def test_chain_evidence_posterior_by_enumerating_the_chain() -> None:
    def bern(p: float, value: int) -> float:
        return p if value else 1 - p

    slug = "chain-evidence-posterior"
    for seed, values in TOPIC.instances(slug):
        first = values["prior1"]
        step = {0: values["up0"], 1: values["up1"]}
        last = {0: values["lik0"], 1: values["lik1"]}
        statement = bundled_exercise(TOPIC.id(slug), seed).statement
        assert f"p(x1 = 1) = {first:g}," in statement
        assert f"p(x4 = 1 | x3 = 1) = {last[1]:g}." in statement
        joint = joint_from_factors(
            {"x1": 2, "x2": 2, "x3": 2, "x4": 2},
            [
                (("x1",), lambda a, first=first: bern(first, a)),
                (("x1", "x2"), lambda a, b, step=step: bern(step[a], b)),
                (("x2", "x3"), lambda b, c, step=step: bern(step[b], c)),
                (("x3", "x4"), lambda c, d, last=last: bern(last[c], d)),
            ],
        )
        judged = lambda part, text, seed=seed: TOPIC.judged(slug, part, text, seed=seed)  # noqa: E731
        beta = [joint.conditional({"x4": 1}, {"x2": v}) for v in (0, 1)]
        judged(1, exact_vector_text(beta, **ENUMERATED))
        judged(2, exact_text(joint.probability(x2=1), **ENUMERATED))
        judged(3, exact_text(joint.probability(x4=1), **ENUMERATED))
        judged(4, exact_text(joint.conditional({"x2": 1}, {"x4": 1}), **ENUMERATED))


# --- star-tree-sum-product ------------------------------------------------------------


def test_star_tree_by_enumeration_of_subtrees() -> None:
    slug = "star-tree-sum-product"
    for seed, values in TOPIC.instances(slug):
        agree = values["agree"]
        phi_a, phi_b = [values["a0"], values["a1"]], [values["b0"], values["b1"]]
        statement = bundled_exercise(TOPIC.id(slug), seed).statement
        assert f"ψ(u, v) = {agree:g} if u = v" in statement
        assert f"φA(0) = {phi_a[0]:g}, φA(1) = {phi_a[1]:g}" in statement
        assert f"φB(0) = {phi_b[0]:g}, φB(1) = {phi_b[1]:g}" in statement

        def psi(u: int, v: int, agree: float = agree) -> float:
            return agree if u == v else 1.0

        edges = [(("H", leaf), psi) for leaf in "ABC"]
        units = [
            (("A",), lambda a, phi_a=phi_a: phi_a[a]),
            (("B",), lambda b, phi_b=phi_b: phi_b[b]),
        ]
        judged = lambda part, text, seed=seed: TOPIC.judged(slug, part, text, seed=seed)  # noqa: E731
        # message A -> H: the unnormalised marginal of H in the model made of phi_A and psi(H, A)
        branch = unnormalised(["H", "A"], [edges[0], units[0]])
        judged(
            1,
            exact_vector_text(
                [sum(w for (h, _), w in branch.items() if h == v) for v in (0, 1)], **ENUMERATED
            ),
        )
        names = ["H", "A", "B", "C"]
        full = unnormalised(names, edges + units)
        Z = sum(full.values())
        judged(2, exact_text(sum(w for x, w in full.items() if x[0] == 1) / Z, **ENUMERATED))
        # message H -> A: the unnormalised marginal of A once A's own potential is removed
        without_a = unnormalised(names, edges + units[1:])
        judged(
            3,
            exact_vector_text(
                [sum(w for x, w in without_a.items() if x[1] == v) for v in (0, 1)], **ENUMERATED
            ),
        )
        judged(4, exact_text(sum(w for x, w in full.items() if x[1] == 1) / Z, **ENUMERATED))


# --- max-product-chain ----------------------------------------------------------------


def test_max_product_chain_by_trying_every_configuration() -> None:
    phi = [1.0, 3.0]
    psi12 = np.array([[4.0, 1.0], [1.0, 2.0]])
    psi23 = np.array([[1.0, 4.0], [2.0, 1.0]])
    factors = [
        (("x1",), lambda a: phi[a]),
        (("x1", "x2"), lambda a, b: psi12[a, b]),
        (("x2", "x3"), lambda b, c: psi23[b, c]),
    ]
    slug = "max-product-chain"
    left = unnormalised(["x1", "x2"], factors[:2])
    TOPIC.judged(
        slug,
        1,
        exact_vector_text(
            [max(w for x, w in left.items() if x[1] == v) for v in (0, 1)], **ENUMERATED
        ),
    )
    full = unnormalised(["x1", "x2", "x3"], factors)
    best = max(full, key=full.__getitem__)
    assert sorted(full.values())[-2] < full[best]  # the maximiser is unique
    TOPIC.judged(slug, 2, str(best))
    TOPIC.judged(slug, 3, exact_text(full[best] / sum(full.values()), **ENUMERATED))
    joint = joint_from_factors({"x1": 2, "x2": 2, "x3": 2}, factors)
    each = tuple(int(joint.marginal([name]).argmax()) for name in ("x1", "x2", "x3"))
    TOPIC.judged(slug, 4, str(each))


# --- max-sum-scores -------------------------------------------------------------------


def test_max_sum_scores_by_scoring_all_27_configurations() -> None:
    theta = [[1, 0, 2], [0, 2, 0], [2, 0, 1]]
    W12 = [[3, 0, -2], [0, 1, 0], [-2, 1, 2]]
    W23 = [[3, 0, -2], [0, 1, 1], [-2, 0, 2]]
    configs = list(itertools.product(range(3), repeat=3))

    def score(x: tuple[int, ...]) -> int:
        unary = sum(theta[i][x[i]] for i in range(3))
        return unary + W12[x[0]][x[1]] + W23[x[1]][x[2]]

    # m1->2(x2): best score of the x1 part; m2->3(x3): best score of everything left of x3
    m12 = [max(theta[0][a] + W12[a][b] for a in range(3)) for b in range(3)]
    m23 = [max(score(x) - theta[2][x[2]] for x in configs if x[2] == c) for c in range(3)]
    slug = "max-sum-scores"
    TOPIC.judged(slug, 1, str(m12))
    TOPIC.judged(slug, 2, str(m23))
    scores = sorted(((score(x), x) for x in configs), reverse=True)
    assert scores[0][0] > scores[1][0]
    TOPIC.judged(slug, 3, str(scores[0][0]))
    TOPIC.judged(slug, 4, str(scores[0][1]))


# --- diamond-variable-elimination -----------------------------------------------------


def test_diamond_by_enumerating_the_joint() -> None:
    """Every instance (its p(A = 1)) by building the 16-entry joint and summing it."""
    b_given_a, c_given_a = {0: 0.3, 1: 0.9}, {0: 0.5, 1: 0.2}
    d_given_bc = {(0, 0): 0.1, (0, 1): 0.6, (1, 0): 0.7, (1, 1): 0.95}

    def bern(p: float, value: int) -> float:
        return p if value else 1 - p

    slug = "diamond-variable-elimination"
    for seed, values in TOPIC.instances(slug):
        prior = float(values["a"])
        joint = joint_from_factors(
            {"A": 2, "B": 2, "C": 2, "D": 2},
            [
                (("A",), lambda a, prior=prior: bern(prior, a)),
                (("A", "B"), lambda a, b: bern(b_given_a[a], b)),
                (("A", "C"), lambda a, c: bern(c_given_a[a], c)),
                (("B", "C", "D"), lambda b, c, d: bern(d_given_bc[b, c], d)),
            ],
        )
        pair = joint.marginal(["B", "C"])
        TOPIC.judged(slug, 1, exact_matrix_text(pair, **ENUMERATED), seed=seed)
        TOPIC.judged(slug, 2, exact_text(joint.probability(D=1), **ENUMERATED), seed=seed)
        posterior = joint.conditional({"A": 1}, {"D": 1})
        TOPIC.judged(slug, 3, exact_text(posterior, **ENUMERATED), seed=seed)
        # what the solutions say of every instance: the evidence raises p(A = 1), and the
        # eliminated factor couples B and C
        assert posterior > prior
        assert not np.allclose(pair, np.outer(pair.sum(axis=1), pair.sum(axis=0)))


# --- elimination orders, run numerically ----------------------------------------------


def eliminate(
    edges: Iterable[str], order: Sequence[str], K: int, seed: int = 0
) -> tuple[float, list[tuple[str, set[str], set[str]]], int]:
    """Run sum-product variable elimination on random pairwise tables with K states.

    Returns the partition function, for each step (variable, scope of the product,
    scope of the new factor), and the largest number of entries in any product table.
    """
    rng = np.random.default_rng(seed)
    letters = iter(string.ascii_letters)
    axis = {name: next(letters) for name in order}
    factors = [((a, b), rng.uniform(0.5, 1.5, (K, K))) for a, b in edges]
    steps, largest = [], 0
    for variable in order:
        touching = [f for f in factors if variable in f[0]]
        factors = [f for f in factors if variable not in f[0]]
        product_scope = sorted({name for scope, _ in touching for name in scope})
        spec = ",".join("".join(axis[n] for n in scope) for scope, _ in touching)
        product = np.einsum(
            f"{spec}->{''.join(axis[n] for n in product_scope)}", *(table for _, table in touching)
        )
        largest = max(largest, product.size)
        new_scope = tuple(n for n in product_scope if n != variable)
        factors.append((new_scope, product.sum(axis=product_scope.index(variable))))
        steps.append((variable, set(product_scope), set(new_scope)))
    Z = float(np.prod([table for _, table in factors]))
    return Z, steps, largest


def brute_force_Z(edges: Sequence[str], nodes: str, K: int, seed: int = 0) -> float:
    rng = np.random.default_rng(seed)
    tables = [rng.uniform(0.5, 1.5, (K, K)) for _ in edges]
    total = 0.0
    for values in itertools.product(range(K), repeat=len(nodes)):
        x = dict(zip(nodes, values, strict=True))
        total += np.prod([t[x[a], x[b]] for (a, b), t in zip(edges, tables, strict=True)])
    return float(total)


def fill_in(edges: Iterable[str], steps: list[tuple[str, set[str], set[str]]]) -> set[frozenset]:
    """Pairs that some new factor couples but no original edge joins."""
    original = {frozenset(e) for e in edges}
    coupled = {frozenset(p) for _, _, new in steps for p in itertools.combinations(new, 2)}
    return coupled - original


def test_elimination_order_cost_by_running_elimination() -> None:
    edges = ["AB", "AC", "BD", "CD", "DE", "DF", "EF"]
    slug = "elimination-order-cost"
    for K in (2, 3):
        partition, steps, largest = eliminate(edges, "DABCEF", K)
        assert partition == pytest.approx(brute_force_Z(edges, "ABCDEF", K), rel=TIGHT)
        assert TOPIC.scalar_key(slug, 3, K=K) == pytest.approx(largest, rel=TIGHT)
    TOPIC.judged(slug, 1, set_text(steps[0][2]))
    TOPIC.judged(slug, 2, edge_set_text(fill_in(edges, steps[:1])))
    _, steps, _ = eliminate(edges, "ABCEFD", 2)
    TOPIC.judged(slug, 4, str(max(len(product) for _, product, _ in steps)))


def grid_edges(rows: int, cols: int) -> tuple[list[str], str]:
    names = string.ascii_uppercase[: rows * cols]
    edges = [
        names[r * cols + c] + names[r * cols + c + 1] for r in range(rows) for c in range(cols - 1)
    ]
    edges += [
        names[r * cols + c] + names[(r + 1) * cols + c]
        for r in range(rows - 1)
        for c in range(cols)
    ]
    return edges, names


def best_order_cost(edges: Sequence[str], nodes: str) -> int:
    """Minimum over all orders of the largest elimination clique, by DP over eliminated sets.

    Eliminating v after the set S meets exactly the nodes outside S reachable from v
    through S (a standard characterisation that needs no order to be simulated).
    """
    adjacency = {
        n: {b for a, b in edges if a == n} | {a for a, b in edges if b == n} for n in nodes
    }

    def clique(done: frozenset[str], v: str) -> int:
        seen, stack, outside = {v}, [v], set()
        while stack:
            for u in adjacency[stack.pop()] - seen:
                seen.add(u)
                if u in done:
                    stack.append(u)
                else:
                    outside.add(u)
        return len(outside) + 1

    @cache
    def solve(done: frozenset[str]) -> int:
        if len(done) == len(nodes):
            return 0
        return min(max(clique(done, v), solve(done | {v})) for v in nodes if v not in done)

    return solve(frozenset())


def test_grid_elimination_width() -> None:
    edges, nodes = grid_edges(3, 3)
    assert len(edges) == 12 and nodes == "ABCDEFGHI"
    slug = "grid-elimination-width"
    _, steps, _ = eliminate(edges, "EABCDFGHI", 2)
    TOPIC.judged(slug, 1, edge_set_text(fill_in(edges, steps[:1])))
    partition, steps, largest = eliminate(edges, nodes, 2)
    assert partition == pytest.approx(brute_force_Z(edges, nodes, 2), rel=TIGHT)
    row_by_row = max(len(product) for _, product, _ in steps)
    assert largest == 2**row_by_row
    TOPIC.judged(slug, 2, str(row_by_row))
    TOPIC.judged(slug, 3, str(best_order_cost(edges, nodes)))
    for rows, cols in [(2, 2), (2, 5), (3, 4), (4, 3), (3, 6), (4, 5)]:
        edges, nodes = grid_edges(rows, cols)
        _, steps, _ = eliminate(edges, nodes, 2)
        cost = max(len(product) for _, product, _ in steps)
        assert TOPIC.scalar_key(slug, 4, w=cols) == pytest.approx(cost, rel=TIGHT), (rows, cols)


# --- parity-factor-message ------------------------------------------------------------


def parity_message(ps: Sequence[float]) -> tuple[float, float]:
    """Sum over all settings of the other variables of f(...) times the incoming messages."""
    out = [0.0, 0.0]
    for values in itertools.product((0, 1), repeat=len(ps)):
        weight = np.prod([p if v else 1 - p for p, v in zip(ps, values, strict=True)])
        out[sum(values) % 2] += float(weight)  # the last variable must restore even parity
    return out[0], out[1]


def test_parity_factor_by_summing_over_settings() -> None:
    slug = "parity-factor-message"
    for seed, values in TOPIC.instances(slug):
        p1, p2, g1 = values["in1"], values["in2"], values["unary"]
        assert f"p1 = {p1:g} and p2 = {p2:g}" in bundled_part(TOPIC.id(slug), 1, seed).ask
        assert f"g(x3) = [{1 - g1:g}, {g1:g}]" in bundled_part(TOPIC.id(slug), 3, seed).ask
        m0, m1 = parity_message([p1, p2])
        TOPIC.judged(slug, 1, exact_text(m1, **ENUMERATED), seed=seed)
        belief = np.array([(1 - g1) * m0, g1 * m1])
        TOPIC.judged(slug, 3, exact_text(belief[1] / belief.sum(), **ENUMERATED), seed=seed)
    rng = np.random.default_rng(17)
    for p1, p2, p3 in rng.uniform(0.01, 0.99, (6, 3)):
        m0, m1 = parity_message([p1, p2])
        assert TOPIC.scalar_key(slug, 2, p_1=p1, p_2=p2) == pytest.approx(m0 - m1, abs=TIGHT)
        _, m1 = parity_message([p1, p2, p3])
        assert TOPIC.scalar_key(slug, 4, p_1=p1, p_2=p2, p_3=p3) == pytest.approx(m1, rel=TIGHT)


# --- loopy-bp-triangle ----------------------------------------------------------------


def triangle_loopy_bp(a: float, sweeps: int = 100) -> float:
    """Iterate loopy BP from uniform messages; return b12(0, 0) + b12(1, 1)."""
    psi = np.array([[a, 1.0], [1.0, a]])
    edges = [(0, 1), (1, 2), (0, 2)]
    msg = {(e, v): np.ones(2) for e in edges for v in e}
    for _ in range(sweeps):
        for e in edges:
            for v, u in (e, e[::-1]):
                incoming = np.prod([msg[f, u] for f in edges if u in f and f != e], axis=0)
                new = psi @ incoming
                msg[e, v] = new / new.sum()
    belief = psi * np.outer(msg[(0, 2), 0], msg[(1, 2), 1])
    return float(np.trace(belief) / belief.sum())


@pytest.mark.parametrize("a", [0.3, 0.5, 1.0, 2.0, 3.0, 7.5])
def test_loopy_bp_triangle_against_enumeration(a: float) -> None:
    psi = [
        (pair, lambda u, v: a if u == v else 1.0)
        for pair in (("x1", "x2"), ("x2", "x3"), ("x1", "x3"))
    ]
    table = unnormalised(["x1", "x2", "x3"], psi)
    Z = sum(table.values())
    agree = sum(w for x, w in table.items() if x[0] == x[1]) / Z
    bp = triangle_loopy_bp(a)
    slug = "loopy-bp-triangle"
    assert TOPIC.scalar_key(slug, 1, a=a) == pytest.approx(Z, rel=TIGHT)
    assert TOPIC.scalar_key(slug, 2, a=a) == pytest.approx(agree, rel=TIGHT)
    assert TOPIC.scalar_key(slug, 3, a=a) == pytest.approx(bp, rel=1e-8)
    assert TOPIC.scalar_key(slug, 4, a=a) == pytest.approx(agree - bp, abs=1e-8)


# --- ising-chain-messages -------------------------------------------------------------


@pytest.mark.parametrize("J", [-0.8, 0.3, 1.1])
@pytest.mark.parametrize("n", [2, 3, 5, 8])
def test_ising_chain_by_enumerating_spins(n: int, J: float) -> None:
    spins = np.array(list(itertools.product((-1, 1), repeat=n)))
    weights = np.exp(J * (spins[:, :-1] * spins[:, 1:]).sum(axis=1))
    Z = weights.sum()
    slug = "ising-chain-messages"
    first = sum(np.exp(J * s1 * 1) for s1 in (-1, 1))
    assert first == pytest.approx(sum(np.exp(J * s1 * -1) for s1 in (-1, 1)))
    assert TOPIC.scalar_key(slug, 1, J=J) == pytest.approx(first, rel=TIGHT)
    assert TOPIC.scalar_key(slug, 2, J=J, n=n) == pytest.approx(Z, rel=TIGHT)
    correlation = (weights * spins[:, 0] * spins[:, -1]).sum() / Z
    assert TOPIC.scalar_key(slug, 3, J=J, n=n) == pytest.approx(correlation, rel=1e-8, abs=1e-12)
    start_up = spins[:, 0] == 1
    conditional = weights[start_up & (spins[:, -1] == 1)].sum() / weights[start_up].sum()
    assert TOPIC.scalar_key(slug, 4, J=J, n=n) == pytest.approx(conditional, rel=TIGHT)
