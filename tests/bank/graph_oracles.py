"""Independent oracles for graphical-model keys: brute-force joints and graph separation.

Keys about graphs are confirmed two ways that share no code with the worked
solutions: a joint distribution built by enumeration (and independence tested
on its numbers), and separation computed on graphs (d-separation through the
moralised ancestral graph, plain separation by breadth-first search).
Variables are named by strings; a DAG is a mapping child → tuple of parents.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np

Dag = Mapping[str, Sequence[str]]
UndirectedGraph = Mapping[str, Iterable[str]]


class Joint:
    """A joint probability table over named discrete variables (axis order = ``names``)."""

    def __init__(self, names: Sequence[str], table: np.ndarray) -> None:
        assert table.ndim == len(names) and np.all(table >= 0)
        self.names = tuple(names)
        self.table = table / table.sum()

    def marginal(self, keep: Iterable[str]) -> np.ndarray:
        """The marginal table of ``keep``, axes in the order given."""
        keep = list(keep)
        dropped = tuple(i for i, name in enumerate(self.names) if name not in keep)
        summed = self.table.sum(axis=dropped)
        remaining = [name for name in self.names if name in keep]
        return np.moveaxis(summed, [remaining.index(n) for n in keep], range(len(keep)))

    def probability(self, **assignment: int) -> float:
        """P(assignment) for some of the variables, by summing out the rest."""
        index = tuple(assignment.get(name, slice(None)) for name in self.names)
        return float(self.table[index].sum())

    def conditional(self, target: Mapping[str, int], given: Mapping[str, int]) -> float:
        return self.probability(**target, **given) / self.probability(**given)

    def independent(
        self, xs: Iterable[str], ys: Iterable[str], given: Iterable[str] = (), tol: float = 1e-9
    ) -> bool:
        """Whether X ⊥ Y | Z holds numerically: p(x,y,z) p(z) = p(x,z) p(y,z) everywhere."""
        xs, ys, zs = list(xs), list(ys), list(given)
        pxyz = self.marginal(xs + ys + zs)
        pxz = self.marginal(xs + zs)
        pyz = self.marginal(ys + zs)
        pz = self.marginal(zs) if zs else np.array(1.0)
        nx, ny = len(xs), len(ys)
        left = pxyz * pz.reshape((1,) * (nx + ny) + pz.shape)
        right = pxz.reshape(pxz.shape[:nx] + (1,) * ny + pxz.shape[nx:]) * pyz.reshape(
            (1,) * nx + pyz.shape
        )
        return bool(np.allclose(left, right, atol=tol))


def joint_from_factors(
    cardinalities: Mapping[str, int],
    factors: Iterable[tuple[Sequence[str], Callable[..., float] | np.ndarray]],
) -> Joint:
    """Multiply factors over every assignment (a Gibbs distribution, normalised).

    A factor is (scope, table) with the table indexed in scope order, or
    (scope, function) called with the scope's values.
    """
    names = list(cardinalities)
    factor_list = list(factors)
    table = np.ones([cardinalities[name] for name in names])
    for assignment in itertools.product(*(range(cardinalities[name]) for name in names)):
        values = dict(zip(names, assignment, strict=True))
        for scope, factor in factor_list:
            arguments = [values[name] for name in scope]
            table[assignment] *= (
                factor[tuple(arguments)] if isinstance(factor, np.ndarray) else factor(*arguments)
            )
    return Joint(names, table)


def random_dag_joint(
    dag: Dag, cardinalities: Mapping[str, int] | None = None, seed: int = 0
) -> Joint:
    """A joint that factorises along ``dag`` with random (generic) conditional tables."""
    rng = np.random.default_rng(seed)
    sizes = {name: (cardinalities or {}).get(name, 2) for name in dag}
    factors = []
    for child, parents in dag.items():
        shape = [sizes[p] for p in parents] + [sizes[child]]
        cpt = rng.dirichlet(np.ones(sizes[child]), size=shape[:-1] or None).reshape(shape)
        factors.append(((*parents, child), cpt))
    return joint_from_factors(sizes, factors)


def ancestors(dag: Dag, nodes: Iterable[str]) -> set[str]:
    """``nodes`` and every node with a directed path into them."""
    found, frontier = set(nodes), list(nodes)
    while frontier:
        for parent in dag[frontier.pop()]:
            if parent not in found:
                found.add(parent)
                frontier.append(parent)
    return found


def moralise(dag: Dag, keep: Iterable[str] | None = None) -> dict[str, set[str]]:
    """The moral graph (parents married, directions dropped), optionally of a subset."""
    nodes = set(dag) if keep is None else set(keep)
    graph: dict[str, set[str]] = {node: set() for node in nodes}
    for child in nodes:
        parents = [p for p in dag[child] if p in nodes]
        for parent in parents:
            graph[child].add(parent)
            graph[parent].add(child)
        for first, second in itertools.combinations(parents, 2):
            graph[first].add(second)
            graph[second].add(first)
    return graph


def separated(
    graph: UndirectedGraph, xs: Iterable[str], ys: Iterable[str], given: Iterable[str] = ()
) -> bool:
    """Whether every path from X to Y in an undirected graph passes through Z."""
    blocked, targets = set(given), set(ys)
    frontier, seen = [x for x in xs if x not in blocked], set(xs)
    while frontier:
        node = frontier.pop()
        if node in targets:
            return False
        for neighbour in graph[node]:
            if neighbour not in seen and neighbour not in blocked:
                seen.add(neighbour)
                frontier.append(neighbour)
    return True


def d_separated(dag: Dag, xs: Iterable[str], ys: Iterable[str], given: Iterable[str] = ()) -> bool:
    """d-separation via the moralised graph of the ancestors of X ∪ Y ∪ Z (Lauritzen)."""
    xs, ys, given = list(xs), list(ys), list(given)
    relevant = ancestors(dag, [*xs, *ys, *given])
    return separated(moralise(dag, relevant), xs, ys, given)


def markov_blanket(dag: Dag, node: str) -> set[str]:
    """Parents, children and the children's other parents."""
    children = {child for child, parents in dag.items() if node in parents}
    co_parents = {p for child in children for p in dag[child]}
    return (set(dag[node]) | children | co_parents) - {node}
