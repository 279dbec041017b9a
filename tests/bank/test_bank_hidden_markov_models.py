"""Independent confirmation of every computable key in bank/hidden-markov-models.

The worked solutions use the recursions (forward, backward, Viterbi, Kalman). The tests
avoid them: discrete keys come from brute-force enumeration of the full joint
distribution over hidden paths (and observations) in exact fractions; chain limits come
from high matrix powers; Gaussian keys come from conditioning the joint Gaussian of the
whole state-space model at once (batch covariance algebra), from sympy.stats, or from
Monte Carlo with fixed seeds; parameter counts from the shapes of explicit arrays.
Expression keys are evaluated with ``key_value`` at several points and compared with
these computations; the independent values are then handed to the real checker.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction as Fr

import numpy as np
import pytest
import sympy as sp
from sympy import stats

from bank_support import (
    BankTopic,
    assert_judged_correct,
    bundled_exercise,
    bundled_part,
    evaluate,
    key_value,
)

TOPIC = BankTopic("hidden-markov-models")
TIGHT = 1e-9


def fraction_vector(values: Sequence[Fr]) -> str:
    return "[" + ", ".join(str(v) for v in values) + "]"


def path_tuple(states: Sequence[int]) -> str:
    return "(" + ", ".join(str(s) for s in states) + ")"


def assert_key_at(exercise_id: str, part: int, expected: float, rel: float = TIGHT, **at) -> None:
    got = float(np.real(key_value(exercise_id, part, **at)))
    assert got == pytest.approx(expected, rel=rel, abs=1e-12), (exercise_id, part, at, got)


class DiscreteHMM:
    """A small HMM whose joint distribution is enumerated path by path, in exact fractions.

    States and symbols are 0-based here; the exercises number states from 1.
    """

    def __init__(self, initial, transition, emission) -> None:
        self.initial = [Fr(v) for v in initial]
        self.transition = [[Fr(v) for v in row] for row in transition]
        self.emission = [[Fr(v) for v in row] for row in emission]
        self.states = range(len(self.initial))
        self.symbols = range(len(self.emission[0]))

    def joint(self, path: Sequence[int], xs: Sequence[int]) -> Fr:
        p = self.initial[path[0]] * self.emission[path[0]][xs[0]]
        for t in range(1, len(xs)):
            p *= self.transition[path[t - 1]][path[t]] * self.emission[path[t]][xs[t]]
        return p

    def table(self, xs: Sequence[int]) -> dict[tuple[int, ...], Fr]:
        """P(z_1:T = path, x_1:T = xs) for every hidden path."""
        return {
            path: self.joint(path, xs) for path in itertools.product(self.states, repeat=len(xs))
        }

    def likelihood(self, xs: Sequence[int]) -> Fr:
        return sum(self.table(xs).values(), Fr(0))

    def posterior_marginal(self, xs: Sequence[int], t: int) -> list[Fr]:
        """P(z_t | x_1:T) with t 0-based, by summing the path table."""
        table = self.table(xs)
        total = sum(table.values(), Fr(0))
        return [sum((v for z, v in table.items() if z[t] == k), Fr(0)) / total for k in self.states]

    def full_joint(self, length: int) -> dict[tuple[tuple[int, ...], tuple[int, ...]], Fr]:
        """P(z_1:T, x_1:T) over every hidden path and every observation sequence."""
        return {
            (path, xs): self.joint(path, xs)
            for path in itertools.product(self.states, repeat=length)
            for xs in itertools.product(self.symbols, repeat=length)
        }


SERVER = DiscreteHMM(
    [Fr(3, 4), Fr(1, 4)],
    [[Fr(9, 10), Fr(1, 10)], [Fr(3, 10), Fr(7, 10)]],
    [[Fr(4, 5), Fr(1, 5)], [Fr(2, 5), Fr(3, 5)]],  # columns: quiet (0), alarm (1)
)


# --- parameter-counts ------------------------------------------------------------------


def free_parameters(distributions: Sequence[np.ndarray]) -> int:
    """Free numbers in a list of probability tables whose last axis sums to one."""
    return sum(table.size - table.size // table.shape[-1] for table in distributions)


def test_parameter_counts_from_table_shapes() -> None:
    e = TOPIC.id("parameter-counts")
    for K, M in [(2, 3), (4, 6), (5, 2), (7, 9)]:
        count = free_parameters([np.zeros(K), np.zeros((K, K)), np.zeros((K, M))])
        assert_key_at(e, 1, count, K=K, M=M)
    assert_judged_correct(
        e, 2, str(free_parameters([np.zeros(4), np.zeros((4, 4)), np.zeros((4, 6))]))
    )
    full_table = np.zeros((4, 4, 4, 6, 6, 6))  # (z_1, z_2, z_3, x_1, x_2, x_3)
    assert_judged_correct(e, 3, str(full_table.size - 1))
    K, D = 3, 2
    covariance_entries = len(np.triu_indices(D)[0])  # symmetric: upper triangle only
    gaussian = K * (D + covariance_entries)
    assert_judged_correct(e, 4, str(free_parameters([np.zeros(K), np.zeros((K, K))]) + gaussian))


# --- stationary-distribution -----------------------------------------------------------


def test_two_state_stationary_probability_symbolically() -> None:
    e = TOPIC.id("stationary-distribution")
    a, b = sp.symbols("a b", positive=True)
    A = sp.Matrix([[1 - a, a], [b, 1 - b]])
    [v] = (A.T - sp.eye(2)).nullspace()
    first = sp.simplify(v[0] / (v[0] + v[1]))
    assert_judged_correct(e, 1, str(first))
    for av, bv in [(0.2, 0.7), (0.9, 0.05)]:
        limit = np.linalg.matrix_power(np.array([[1 - av, av], [bv, 1 - bv]]), 2000)[0, 0]
        assert_key_at(e, 1, limit, rel=1e-9, a=av, b=bv)


def test_three_state_stationary_distribution_by_matrix_powers() -> None:
    e = TOPIC.id("stationary-distribution")
    A = np.array([[7, 2, 1], [4, 5, 1], [1, 4, 5]]) / 10
    limit = np.linalg.matrix_power(A, 500)
    assert np.allclose(limit, limit[0])  # every starting state forgets itself
    exact = [Fr(v).limit_denominator(100) for v in limit[0]]
    assert np.allclose([float(v) for v in exact], limit[0], atol=1e-12)
    assert_judged_correct(e, 2, fraction_vector(exact))
    ones = np.array([1, 5, 9]) / 10
    assert_judged_correct(e, 3, repr(float(limit[0] @ ones)), tolerance=TIGHT)


def test_long_run_fraction_of_ones_by_simulation() -> None:
    A = np.array([[7, 2, 1], [4, 5, 1], [1, 4, 5]]) / 10
    ones = np.array([1, 5, 9]) / 10
    rng = np.random.default_rng(11)
    steps, state, hits = 60_000, 0, 0
    cumulative = A.cumsum(axis=1)
    uniforms = rng.random((steps, 2))
    for u_move, u_emit in uniforms:
        state = int(np.searchsorted(cumulative[state], u_move))
        hits += u_emit < ones[state]
    # Correlated samples: allow about 5 naive standard errors (naive SE ≈ 0.002).
    assert hits / steps == pytest.approx(11 / 30, abs=0.01)


# --- prediction-k-steps ----------------------------------------------------------------


def prediction_instance(values) -> tuple[list[list[Fr]], list[Fr], list[Fr]]:
    """Transition matrix, filtered belief and P(x = 1 | z) of an instance, as fractions."""
    leave1, leave2, belief, emit1, emit2 = (
        Fr(values[name]).limit_denominator(1000)
        for name in ("leave1", "leave2", "belief", "emit1", "emit2")
    )
    transition = [[1 - leave1, leave1], [leave2, 1 - leave2]]
    return transition, [belief, 1 - belief], [emit1, emit2]


def test_predictions_by_enumerating_paths() -> None:
    e = TOPIC.id("prediction-k-steps")
    for seed, values in TOPIC.instances("prediction-k-steps"):
        A, start, emits_one = prediction_instance(values)
        statement = bundled_exercise(e, seed).statement
        assert f"P(z_t = 1 | x_1:t) = {start[0]}." in statement
        assert f"[[{A[0][0]}, {A[0][1]}], [{A[1][0]}, {A[1][1]}]]" in statement
        # P(z_{t+1} = 1) and P(z_{t+2} = 1) by summing over every path from the current belief.
        one_step = sum(start[z0] * A[z0][0] for z0 in range(2))
        two_step = sum(
            start[z0] * A[z0][z1] * A[z1][0] for z0, z1 in itertools.product(range(2), repeat=2)
        )
        assert_judged_correct(e, 1, str(one_step), seed=seed)
        assert_judged_correct(e, 2, str(two_step), seed=seed)
        matrix = np.array(A, dtype=float)
        instance = bundled_exercise(e, seed)
        key = instance.parts[2].answer.expect
        assert key is not None
        for k in range(0, 15):
            by_power = (np.array(start, dtype=float) @ np.linalg.matrix_power(matrix, k))[0]
            got = float(np.real(evaluate(key, instance.symbols, k=k)))
            assert got == pytest.approx(by_power, rel=1e-12), (seed, k, key)
        next_one = sum(
            start[z0] * A[z0][z1] * emits_one[z1]
            for z0, z1 in itertools.product(range(2), repeat=2)
        )
        assert_judged_correct(e, 4, str(next_one), seed=seed)


# --- forward-filtering -----------------------------------------------------------------


def test_filtering_by_enumerating_prefixes() -> None:
    """Every instance: filtered marginals and the likelihood by summing over hidden paths."""
    e = TOPIC.id("forward-filtering")
    xs = (1, 1, 0)
    for seed, values in TOPIC.instances("forward-filtering"):
        degraded_at_start = Fr(values["p"]).limit_denominator(1000)
        server = DiscreteHMM(
            [1 - degraded_at_start, degraded_at_start],
            [[Fr(9, 10), Fr(1, 10)], [Fr(3, 10), Fr(7, 10)]],
            [[Fr(4, 5), Fr(1, 5)], [Fr(2, 5), Fr(3, 5)]],  # columns: quiet (0), alarm (1)
        )
        for t in range(3):
            prefix = xs[: t + 1]
            degraded = server.posterior_marginal(prefix, t)[1]
            assert_judged_correct(e, t + 1, str(degraded), seed=seed)
        assert_judged_correct(e, 4, str(server.likelihood(xs)), seed=seed)


# --- sequence-likelihood ---------------------------------------------------------------

WEATHER = DiscreteHMM(
    [Fr(2, 3), Fr(1, 3)],
    [[Fr(4, 5), Fr(1, 5)], [Fr(2, 5), Fr(3, 5)]],
    [[Fr(1, 2), Fr(3, 10), Fr(1, 5)], [Fr(1, 10), Fr(3, 10), Fr(3, 5)]],  # L, M, H
)


def test_sequence_likelihood_by_enumeration() -> None:
    e = TOPIC.id("sequence-likelihood")
    L, H = 0, 2
    first = [WEATHER.joint((z,), (L,)) for z in range(2)]  # P(x_1 = L, z_1 = z)
    assert_judged_correct(e, 1, fraction_vector(first))
    assert_judged_correct(e, 2, str(WEATHER.likelihood((L, H))))
    assert_judged_correct(e, 3, str(WEATHER.likelihood((L, H, H))))
    # The full joint over three steps sums to one, so the table is a real distribution.
    assert sum(WEATHER.full_joint(3).values(), Fr(0)) == 1
    for K, T in [(2, 3), (3, 4), (4, 2), (2, 7)]:
        paths = sum(1 for _ in itertools.product(range(K), repeat=T))
        assert_key_at(e, 4, paths, K=K, T=T)


# --- forward-backward-smoothing --------------------------------------------------------


def test_backward_messages_and_smoothing_from_the_full_joint() -> None:
    e = TOPIC.id("forward-backward-smoothing")
    joint = SERVER.full_joint(3)

    def probability(condition) -> Fr:
        return sum((p for (z, x), p in joint.items() if condition(z, x)), Fr(0))

    # β_t(i) = P(x_{t+1:3} | z_t = i) read off the full joint, no recursion.
    beta_2 = [
        probability(lambda z, x, i=i: z[1] == i and x[2] == 1)
        / probability(lambda z, x, i=i: z[1] == i)
        for i in range(2)
    ]
    beta_1 = [
        probability(lambda z, x, i=i: z[0] == i and x[1:] == (0, 1))
        / probability(lambda z, x, i=i: z[0] == i)
        for i in range(2)
    ]
    assert_judged_correct(e, 1, fraction_vector(beta_2))
    assert_judged_correct(e, 4, fraction_vector(beta_1))
    filtered = probability(lambda z, x: z[1] == 1 and x[:2] == (1, 0)) / probability(
        lambda z, x: x[:2] == (1, 0)
    )
    assert_judged_correct(e, 2, str(filtered))
    xs = (1, 0, 1)
    assert_judged_correct(e, 3, str(SERVER.posterior_marginal(xs, 1)[1]))
    assert_judged_correct(e, 5, str(SERVER.posterior_marginal(xs, 0)[1]))


# --- viterbi-three-states --------------------------------------------------------------

ROBOT = DiscreteHMM(
    [Fr(1, 3)] * 3,
    [
        [Fr(3, 5), Fr(1, 5), Fr(1, 5)],
        [Fr(1, 10), Fr(3, 10), Fr(3, 5)],
        [Fr(3, 10), Fr(3, 5), Fr(1, 10)],
    ],
    [[Fr(1, 5), Fr(4, 5)], [Fr(9, 10), Fr(1, 10)], [Fr(1, 2), Fr(1, 2)]],
)


def test_viterbi_by_enumerating_all_paths() -> None:
    e = TOPIC.id("viterbi-three-states")
    xs = (0, 1, 1, 0)
    table = ROBOT.table(xs)
    best_value = max(table.values())
    winners = [path for path, value in table.items() if value == best_value]
    assert len(winners) == 1, "the most probable path must be unique"
    assert_judged_correct(e, 2, str(best_value))
    assert_judged_correct(e, 3, path_tuple([s + 1 for s in winners[0]]))
    delta_2 = [max(ROBOT.joint((z1, j), xs[:2]) for z1 in range(3)) for j in range(3)]
    assert_judged_correct(e, 1, fraction_vector(delta_2))
    # The mistake offered in the key really is the state-by-state guess, and it loses.
    marginal_decode = tuple(
        int(np.argmax([float(v) for v in ROBOT.posterior_marginal(xs, t)])) for t in range(4)
    )
    emission_decode = tuple(max(range(3), key=lambda k, x=x: ROBOT.emission[k][x]) for x in xs)
    assert marginal_decode == emission_decode == (1, 0, 0, 1)
    assert table[marginal_decode] < best_value


# --- viterbi-vs-posterior-decoding -----------------------------------------------------

CART = DiscreteHMM(
    [Fr(2, 5), Fr(1, 2), Fr(1, 10)],
    [[Fr(1, 2), Fr(1, 2), 0], [0, Fr(1, 2), Fr(1, 2)], [Fr(1, 2), 0, Fr(1, 2)]],
    [[Fr(2, 5), Fr(3, 5)], [Fr(4, 5), Fr(1, 5)], [Fr(4, 5), Fr(1, 5)]],  # x = 0, x = 1
)


def test_posterior_decoding_against_viterbi_by_enumeration() -> None:
    e = TOPIC.id("viterbi-vs-posterior-decoding")
    xs = (0, 1)
    table = CART.table(xs)
    total = sum(table.values(), Fr(0))
    posterior = {path: value / total for path, value in table.items()}
    first = [sum((p for z, p in posterior.items() if z[0] == k), Fr(0)) for k in range(3)]
    second = [sum((p for z, p in posterior.items() if z[1] == k), Fr(0)) for k in range(3)]
    assert_judged_correct(e, 1, fraction_vector(first))
    assert_judged_correct(e, 2, fraction_vector(second))
    for marginal in (first, second):
        assert sorted(marginal)[-1] > sorted(marginal)[-2], "the decoded states must be unique"
    decoded = (first.index(max(first)), second.index(max(second)))
    assert_judged_correct(e, 3, path_tuple([s + 1 for s in decoded]))
    assert_judged_correct(e, 4, str(posterior[decoded]))
    best = max(posterior.values())
    [viterbi] = [path for path, p in posterior.items() if p == best]
    assert_judged_correct(e, 5, path_tuple([s + 1 for s in viterbi]))
    assert_judged_correct(e, 6, str(best))
    assert total == Fr(22, 125)  # the value quoted in the solution


# --- Gaussian helpers ------------------------------------------------------------------


def condition(mean: np.ndarray, cov: np.ndarray, target: list[int], given: list[int], values):
    """Mean and covariance of a joint Gaussian's ``target`` block given the ``given`` block."""
    s_tg = cov[np.ix_(target, given)]
    s_gg = cov[np.ix_(given, given)]
    solve = np.linalg.solve(s_gg, np.asarray(values, dtype=float) - mean[given])
    post_mean = mean[target] + s_tg @ solve
    post_cov = cov[np.ix_(target, target)] - s_tg @ np.linalg.solve(s_gg, s_tg.T)
    return post_mean, post_cov


def linear_gaussian_chain(a, q, r, mean0, var0, steps):
    """Joint mean and covariance of (z_0, z_1, …, z_T, x_1, …, x_T) as a map of independent noises.

    Every variable is a linear combination of the independent standard normals
    (z_0's own noise, w_1, …, w_T, v_1, …, v_T); rows of ``L`` hold the coefficients.
    """
    n_noise = 1 + 2 * steps
    rows_z = [np.zeros(n_noise)]
    rows_z[0][0] = np.sqrt(var0)
    means_z = [mean0]
    for t in range(1, steps + 1):
        row = a * rows_z[-1].copy()
        row[t] += np.sqrt(q)
        rows_z.append(row)
        means_z.append(a * means_z[-1])
    rows_x = []
    for t in range(1, steps + 1):
        row = rows_z[t].copy()
        row[steps + t] += np.sqrt(r)
        rows_x.append(row)
    L = np.array(rows_z + rows_x)
    mean = np.array(means_z + means_z[1:])
    return mean, L @ L.T


# --- kalman-measurement-update ---------------------------------------------------------


def grid_posterior(m: float, p: float, r: float, x: float) -> tuple[float, float]:
    """Posterior mean and variance of z by quadrature of prior × likelihood on a fine grid."""
    sd = np.sqrt(p)
    grid = np.linspace(m - 12 * sd, m + 12 * sd, 200_001)
    log_weight = -((grid - m) ** 2) / (2 * p) - (x - grid) ** 2 / (2 * r)
    weight = np.exp(log_weight - log_weight.max())
    mass = np.trapezoid(weight, grid)
    mean = np.trapezoid(grid * weight, grid) / mass
    var = np.trapezoid((grid - mean) ** 2 * weight, grid) / mass
    return float(mean), float(var)


def test_measurement_update_by_quadrature() -> None:
    e = TOPIC.id("kalman-measurement-update")
    for m, p, r, x in [(10.0, 4.0, 1.0, 13.0), (-1.5, 0.7, 2.3, 0.4), (3.0, 5.0, 0.2, -2.0)]:
        mean, var = grid_posterior(m, p, r, x)
        gain = (mean - m) / (x - m)
        assert_key_at(e, 1, gain, rel=1e-7, p=p, r=r)
        assert_key_at(e, 2, mean, rel=1e-7, m=m, x=x, p=p, r=r)
        assert_key_at(e, 3, var, rel=1e-6, p=p, r=r)
    for seed, values in TOPIC.instances("kalman-measurement-update"):
        m, p, r, x = (values[name] for name in ("prior_mean", "prior_var", "noise", "reading"))
        ask = bundled_part(e, 4, seed).ask
        assert f"N({m:g}, {p:g})" in ask and f"r = {r:g}" in ask and f"x = {x:g}" in ask, ask
        mean, var = grid_posterior(m, p, r, x)
        assert_judged_correct(e, 4, repr(mean), tolerance=1e-8, seed=seed)
        assert_judged_correct(e, 5, repr(var), tolerance=1e-6, seed=seed)


# --- kalman-predict-update -------------------------------------------------------------


def test_predicted_variance_with_sympy_stats_and_monte_carlo() -> None:
    e = TOPIC.id("kalman-predict-update")
    a = sp.Symbol("a", real=True)
    mu = sp.Symbol("mu", real=True)
    sigma, q = sp.symbols("sigma q", positive=True)
    previous = stats.Normal("Z", mu, sigma)
    noise = stats.Normal("W", 0, sp.sqrt(q))
    variance = sp.simplify(stats.variance(a * previous + noise))
    assert_judged_correct(e, 1, str(variance))
    rng = np.random.default_rng(5)
    n = 400_000
    samples = 0.7 * rng.normal(1.0, 1.5, n) + rng.normal(0, np.sqrt(0.6), n)
    # Relative standard error of a sample variance is about sqrt(2/n) ≈ 0.0022.
    assert_key_at(e, 1, samples.var(), rel=0.012, a=0.7, sigma=1.5, q=0.6)


def test_two_kalman_steps_by_batch_gaussian_conditioning() -> None:
    e = TOPIC.id("kalman-predict-update")
    Z1, X1, X2, Z2 = 1, 3, 4, 2  # indices in (z_0, z_1, z_2, x_1, x_2)
    for seed, values in TOPIC.instances("kalman-predict-update"):
        q, r, mean0, var0, x1, x2 = (
            values[name] for name in ("proc", "noise", "mean0", "var0", "read1", "read2")
        )
        ask = bundled_part(e, 2, seed).ask
        assert f"q = {q:g}, r = {r:g}" in ask and f"N({mean0:g}, {var0:g})" in ask
        assert f"x_1 = {x1:g}" in ask and f"x_2 = {x2:g}" in bundled_part(e, 5, seed).ask
        mean, cov = linear_gaussian_chain(a=0.5, q=q, r=r, mean0=mean0, var0=var0, steps=2)
        # The gain is the regression coefficient of z_1 on x_1 in the joint Gaussian.
        gain = cov[Z1, X1] / cov[X1, X1]
        assert_judged_correct(e, 2, repr(float(gain)), tolerance=TIGHT, seed=seed)
        m1, v1 = condition(mean, cov, [Z1], [X1], [x1])
        assert_judged_correct(e, 3, repr(float(m1[0])), tolerance=TIGHT, seed=seed)
        assert_judged_correct(e, 4, repr(float(v1[0, 0])), tolerance=TIGHT, seed=seed)
        m2, v2 = condition(mean, cov, [Z2], [X1, X2], [x1, x2])
        assert_judged_correct(e, 5, repr(float(m2[0])), tolerance=TIGHT, seed=seed)
        assert_judged_correct(e, 6, repr(float(v2[0, 0])), tolerance=TIGHT, seed=seed)


# --- kalman-steady-state ---------------------------------------------------------------


def test_riccati_step_by_gaussian_conditioning() -> None:
    e = TOPIC.id("kalman-steady-state")
    rng = np.random.default_rng(9)
    for P, q, r in rng.uniform(0.1, 5.0, size=(4, 3)):
        # (z_t, x_t, z_{t+1}) with z_t ~ N(0, P) given the past.
        L = np.array([[np.sqrt(P), 0, 0], [np.sqrt(P), np.sqrt(r), 0], [np.sqrt(P), 0, np.sqrt(q)]])
        cov = L @ L.T
        _, after = condition(np.zeros(3), cov, [2], [1], [0.0])
        assert_key_at(e, 1, after[0, 0], rel=1e-10, P=P, q=q, r=r)


def iterate_riccati(q: float, r: float, start: float = 1.0, steps: int = 3000) -> float:
    P = start
    for _ in range(steps):
        P = P * r / (P + r) + q
    return P


def test_steady_state_by_iterating_the_filter() -> None:
    e = TOPIC.id("kalman-steady-state")
    for q, r in [(1.0, 2.0), (0.3, 7.0), (4.0, 0.5)]:
        assert_key_at(e, 2, iterate_riccati(q, r), rel=1e-9, q=q, r=r)
    # The stationary predicted variance of the long filter from the batch model (q = 1, r = 2).
    steps = 40
    mean, cov = linear_gaussian_chain(1.0, 1.0, 2.0, 0.0, 5.0, steps)
    observed = list(range(steps + 1, 2 * steps + 1))
    _, filtered = condition(mean, cov, [steps], observed, np.zeros(steps))
    predicted_variance = filtered[0, 0] + 1.0
    gain = predicted_variance / (predicted_variance + 2.0)
    assert_judged_correct(e, 3, repr(float(gain)), tolerance=1e-9)
    assert_judged_correct(e, 4, repr(float(filtered[0, 0])), tolerance=1e-9)


def test_steady_state_filter_weights_by_impulse_response() -> None:
    e = TOPIC.id("kalman-steady-state")
    P = iterate_riccati(1.0, 2.0)
    gain = P / (P + 2.0)
    for k in range(8):
        readings = np.zeros(20)
        readings[-1 - k] = 1.0  # a unit reading k steps before the end
        estimate = 0.0
        for x in readings:
            estimate += gain * (x - estimate)
        assert_key_at(e, 5, estimate, rel=1e-9, k=k)


# --- kalman-constant-signal ------------------------------------------------------------


def constant_signal_posterior(m, p0, r, readings):
    """Batch posterior of z from the joint Gaussian of (z, x_1, …, x_n)."""
    n = len(readings)
    L = np.zeros((n + 1, n + 1))
    L[:, 0] = np.sqrt(p0)
    L[1:, 1:] = np.sqrt(r) * np.eye(n)
    mean = np.full(n + 1, m)
    post_mean, post_cov = condition(mean, L @ L.T, [0], list(range(1, n + 1)), readings)
    return float(post_mean[0]), float(post_cov[0, 0])


def test_constant_signal_against_batch_posterior() -> None:
    e = TOPIC.id("kalman-constant-signal")
    rng = np.random.default_rng(12)
    for _ in range(4):
        m, p0, r = rng.normal(), rng.uniform(0.2, 4.0), rng.uniform(0.2, 4.0)
        readings = rng.normal(m, 2.0, size=6)
        _, var1 = constant_signal_posterior(m, p0, r, readings[:1])
        assert_key_at(e, 1, var1, rel=1e-10, p_0=p0, r=r)
        for n in range(1, 7):
            mean, var = constant_signal_posterior(m, p0, r, readings[:n])
            assert_key_at(e, 2, var, rel=1e-10, n=n, p_0=p0, r=r)
            total = float(readings[:n].sum())
            assert_key_at(e, 4, mean, rel=1e-9, m=m, s=total, n=n, p_0=p0, r=r)
            # The gain used for x_n is how much the estimate moves per unit of x_n.
            h = 1e-4
            bumped, dipped = readings[:n].copy(), readings[:n].copy()
            bumped[-1] += h
            dipped[-1] -= h
            slope = (
                constant_signal_posterior(m, p0, r, bumped)[0]
                - constant_signal_posterior(m, p0, r, dipped)[0]
            ) / (2 * h)
            assert_key_at(e, 3, slope, rel=1e-7, n=n, p_0=p0, r=r)


# --- state-duration --------------------------------------------------------------------


def duration_pmf(s: Fr, d: int) -> Fr:
    """P(D = d) by enumerating stay/leave outcomes of the first d transitions."""
    total = Fr(0)
    for outcomes in itertools.product((True, False), repeat=d):  # True = stay
        first_leave = outcomes.index(False) + 1 if False in outcomes else None
        if first_leave == d:
            weight = Fr(1)
            for stay in outcomes:
                weight *= s if stay else 1 - s
            total += weight
    return total


def test_state_duration_by_enumeration_and_simulation() -> None:
    e = TOPIC.id("state-duration")
    for s in (Fr(1, 3), Fr(7, 8), Fr(9, 20)):
        for d in range(1, 8):
            assert_key_at(e, 1, float(duration_pmf(s, d)), rel=1e-12, s=float(s), d=d)
    rng = np.random.default_rng(2)
    for s in (0.5, 0.875):
        durations = rng.geometric(1 - s, size=200_000)  # number of trials up to the first exit
        # Standard error of the mean: sqrt(s)/(1 - s)/sqrt(n) ≤ 0.02 here; allow about 4 SE.
        assert_key_at(e, 2, durations.mean(), rel=0.012, s=s)
        series = sum(d * (1 - s) * s ** (d - 1) for d in range(1, 2000))
        assert_key_at(e, 2, series, rel=1e-9, s=s)
    for seed, values in TOPIC.instances("state-duration"):
        mean_stay, steps = int(values["mean_stay"]), int(values["steps"])
        assert f"mean stay of {mean_stay} steps" in bundled_part(e, 3, seed).ask
        # Bisection on the truncated series for the asked mean stay.
        low, high = 0.0, 0.999
        for _ in range(60):
            mid = (low + high) / 2
            mean = sum(d * (1 - mid) * mid ** (d - 1) for d in range(1, 4000))
            low, high = (mid, high) if mean < mean_stay else (low, mid)
        assert_judged_correct(e, 3, repr(low), tolerance=1e-9, seed=seed)
        stay = Fr(low).limit_denominator(100)
        assert f"With s = {stay}," in bundled_part(e, 4, seed).ask
        tail = 1 - sum((duration_pmf(stay, d) for d in range(1, steps + 1)), Fr(0))
        assert_judged_correct(e, 4, str(tail), seed=seed)
        # The closing remark compares with the mean, whatever the tail length asked: the
        # share of stays shorter than the mean is quoted correctly and is more than half.
        shorter = sum((duration_pmf(stay, d) for d in range(1, mean_stay)), Fr(0))
        solution = bundled_part(e, 4, seed).solution
        assert f"P(D < {mean_stay}) = 1 − s^{mean_stay - 1} ≈ {float(shorter):.3f}" in solution
        assert shorter > Fr(1, 2) and "more than\nhalf of all stays are shorter" in solution


# --- filter-fixed-point ----------------------------------------------------------------


def hmm_filter_step(p: float, epsilon: float, delta: float) -> tuple[float, float]:
    """One generic forward step (prediction, then update with '+'), with explicit matrices."""
    transition = np.array([[1 - epsilon, epsilon], [epsilon, 1 - epsilon]])
    emission_plus = np.array([1 - delta, delta])
    predicted = np.array([p, 1 - p]) @ transition
    posterior = predicted * emission_plus
    return float(predicted[0]), float(posterior[0] / posterior.sum())


def test_filter_map_pieces_against_a_generic_forward_step() -> None:
    e = TOPIC.id("filter-fixed-point")
    rng = np.random.default_rng(4)
    for p, epsilon, delta in zip(
        rng.uniform(0.01, 0.99, 5),
        rng.uniform(0.01, 0.49, 5),
        rng.uniform(0.01, 0.49, 5),
        strict=True,
    ):
        q, _ = hmm_filter_step(p, epsilon, delta)
        assert_key_at(e, 1, q, rel=1e-12, p=p, epsilon=epsilon)
        # Feed the update a prior q directly: a filter step with no flips (epsilon = 0).
        _, updated = hmm_filter_step(q, 0.0, delta)
        assert_key_at(e, 2, updated, rel=1e-12, q=q, delta=delta)


def test_fixed_point_by_iteration_from_many_starts() -> None:
    e = TOPIC.id("filter-fixed-point")
    limits = []
    for p0 in np.linspace(0, 1, 41):
        p = float(p0)
        for _ in range(300):
            _, p = hmm_filter_step(p, 1 / 6, 3 / 10)
        limits.append(p)
    assert max(limits) - min(limits) < 1e-12
    assert_judged_correct(e, 3, repr(limits[0]), tolerance=1e-10)
    depends = "yes" if max(limits) - min(limits) > 1e-9 else "no"
    assert_judged_correct(e, 4, depends)
