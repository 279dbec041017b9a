"""Independent confirmation of every computable key in bank/training-signal.

Each key is recomputed by a route other than its worked solution: random networks
with explicitly drawn weights pushed through 50 layers, Monte Carlo estimates of
variances (tolerances set from the estimate's own spread), central finite differences
for every gradient and Jacobian, direct numpy implementations of batch norm, layer
norm, Adam, AdamW, momentum, schedules, dropout and label smoothing, exact enumeration
of Bernoulli masks and of the paths through a residual stack, brute-force searches
over grids, and Gauss–Hermite quadrature for the mean-field figures quoted in
solutions. Results go to the real checker (``assert_judged_correct``); symbolic keys
are evaluated at several points with ``key_value``.
"""

from __future__ import annotations

import itertools
import json
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from answer_text import (
    exact_matrix_text,
    exact_text,
    exact_tuple_text,
    exact_vector_text,
    float_matrix_text,
    number,
    simple_fraction,
)
from numerics import bisect, central_difference, derivative, softmax

from bank_support import (
    BankTopic,
    assert_judged_correct,
    bundled_exercise,
    bundled_part,
    key_value,
)

TOPIC = "training-signal"
EXERCISE = {
    slug: f"{TOPIC}/{slug}"
    for slug in (
        "fifty-layers-wrong-variance",
        "fan-in-fan-out",
        "attention-score-scaling",
        "sigmoid-width-gradient-factor",
        "residual-identity-path",
        "residual-stream-variance",
        "batch-norm-by-hand",
        "layer-norm-invariance",
        "adam-two-steps",
        "warmup-cosine-schedule",
        "decoupled-weight-decay",
        "momentum-effective-step",
        "dropout-rescaling",
        "label-smoothing-logits",
        "gradient-norm-clipping",
        "scale-invariant-weights",
    )
}
TIGHT = 1e-9
instances = BankTopic(TOPIC).instances  # the seeds and values of parameterised exercises

# Gauss–Hermite nodes and weights for expectations over a standard normal ξ.
HERMITE_NODES, HERMITE_WEIGHTS = np.polynomial.hermite_e.hermegauss(80)
HERMITE_WEIGHTS = HERMITE_WEIGHTS / HERMITE_WEIGHTS.sum()


def gaussian_mean(function, variance: float) -> float:
    """E[function(z)] for z ~ N(0, variance), by 80-point Gauss–Hermite quadrature."""
    return float(np.sum(HERMITE_WEIGHTS * function(np.sqrt(variance) * HERMITE_NODES)))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# --- fifty-layers-wrong-variance ---------------------------------------------------------


def second_moments_through_depth(
    activation, c: float, seed: int, networks: int = 100, per_network: int = 100
) -> np.ndarray:
    """m_l for l = 1..50: 10,000 inputs through 100 independent width-64 networks.

    Each network draws its own 50 weight matrices with variance c/n; pooling over
    independent networks keeps the per-layer estimates within about 1 % of their mean.
    """
    rng = np.random.default_rng(seed)
    n = 64
    signal = rng.standard_normal((networks, per_network, n), dtype=np.float32)
    moments = []
    for layer in range(50):
        weights = rng.standard_normal((networks, n, n), dtype=np.float32) * np.sqrt(c / n)
        z = signal @ weights
        moments.append(float(np.mean(z.astype(np.float64) ** 2)))
        signal = activation(z)
        assert layer < 49 or signal.shape == (networks, per_network, n)
    return np.array(moments)


def relu(z):
    return np.maximum(z, 0)


@pytest.mark.parametrize(("c", "seed"), [(1.0, 11), (2.2, 12)])
def test_fifty_relu_layers_by_propagating_ten_thousand_inputs(c: float, seed: int) -> None:
    ex = EXERCISE["fifty-layers-wrong-variance"]
    moments = second_moments_through_depth(relu, c, seed)
    first = moments[0]  # E[x²] = 1, so this is the first layer's factor
    per_layer = float(np.mean(moments[1:] / moments[:-1]))
    # 640,000 pre-activations from 100 weight draws: both estimates are within about 1 %.
    assert key_value(ex, 1, c=c) == pytest.approx(first, rel=0.03)
    assert key_value(ex, 2, c=c) == pytest.approx(per_layer, rel=0.03)
    exact_first = simple_fraction(first, max_denominator=10, tolerance=0.03)
    exact_ratio = simple_fraction(per_layer, max_denominator=10, tolerance=0.03)
    at_fifty = exact_first * exact_ratio**49
    assert_judged_correct(ex, 3 if c == 1.0 else 4, str(at_fifty))
    # End to end the measured m_50 scatters around its mean (the product of 49 random
    # factors): between 0.58 and 1.42 times the key over six seeds, so only a factor of 2
    # is asserted here.
    assert 0.5 < moments[-1] / float(at_fifty) < 2


def test_tanh_with_he_variance_levels_off() -> None:
    ex = EXERCISE["fifty-layers-wrong-variance"]
    moments = second_moments_through_depth(np.tanh, 2.0, seed=13, networks=20)
    assert moments[0] == pytest.approx(2, rel=0.03)  # the raw input, not yet through tanh
    # Across seeds the last ten layers drift by at most about 6 % (sampling, not a trend).
    levels_off = (
        moments[1:].max() < 2 and moments[-1] > 0.1 and abs(moments[-1] / moments[-10] - 1) < 0.1
    )
    assert levels_off
    assert_judged_correct(ex, 5, "b" if levels_off else "a")
    # The solution's figures: the mean-field fixed point near 0.62 and backward factor ≈ 1.1.
    fixed = 1.0
    for _ in range(300):
        fixed = 2 * gaussian_mean(lambda z: np.tanh(z) ** 2, fixed)
    assert fixed == pytest.approx(0.62, abs=0.01)
    assert moments[-1] == pytest.approx(fixed, rel=0.08)
    assert 2 * gaussian_mean(lambda z: (1 - np.tanh(z) ** 2) ** 2, fixed) == pytest.approx(
        1.1, abs=0.02
    )


# --- fan-in-fan-out ----------------------------------------------------------------------


def measured_factor(ratio: float) -> str:
    """A measured variance ratio snapped to a simple fraction (4 % allowed for the noise)."""
    return exact_text(ratio, max_denominator=10, tolerance=0.04)


def test_fan_in_fan_out_factors_by_monte_carlo() -> None:
    ex = EXERCISE["fan-in-fan-out"]
    rng = np.random.default_rng(20)
    n_in, n_out, draws, samples = 450, 150, 40, 100
    glorot = 1 / np.mean([n_in, n_out])  # the reciprocal of the average width
    assert_judged_correct(ex, 1, exact_text(glorot))

    def weights(rows: int, columns: int, variance: float) -> np.ndarray:
        return rng.normal(0, np.sqrt(variance), size=(draws, rows, columns))

    # Forty independent weight draws of 100 inputs each; over six seeds the worst
    # deviation of any ratio below from its snapped value was 1.4 %.
    narrowing = weights(n_out, n_in, glorot)
    inputs = rng.standard_normal((draws, n_in, samples))  # E[a²] = 1
    forward = np.mean((narrowing @ inputs) ** 2) / np.mean(inputs**2)
    assert_judged_correct(ex, 2, measured_factor(forward))

    upstream = rng.standard_normal((draws, n_out, samples))
    backward = np.var(narrowing.transpose(0, 2, 1) @ upstream) / np.var(upstream)
    assert_judged_correct(ex, 3, measured_factor(backward))

    widening = weights(n_in, n_out, 1 / np.mean([n_out, n_in]))
    through_both = np.mean((widening @ narrowing @ inputs) ** 2) / np.mean(inputs**2)
    assert_judged_correct(ex, 4, measured_factor(through_both))

    fan_out = weights(n_out, n_in, 2 / n_out)
    previous = rng.standard_normal((draws, n_in, samples))  # symmetric pre-activations
    growth = np.var(fan_out @ relu(previous)) / np.var(previous)
    assert_judged_correct(ex, 5, measured_factor(growth))


# --- attention-score-scaling -------------------------------------------------------------


def test_dot_product_variance_by_monte_carlo() -> None:
    ex = EXERCISE["attention-score-scaling"]
    rng = np.random.default_rng(30)
    samples = 50_000
    for d, mu in [(16, 0.0), (64, 0.0), (16, 0.7), (8, -1.2)]:
        q = rng.standard_normal((samples, d)) + mu
        k = rng.standard_normal((samples, d)) + mu
        variance = float(np.var(np.sum(q * k, axis=1)))
        # Relative standard error of the variance estimate is about 1 % here.
        if mu == 0.0:
            assert key_value(ex, 1, d=d) == pytest.approx(variance, rel=0.03)
        assert key_value(ex, 2, d=d, mu=mu) == pytest.approx(variance, rel=0.03)


def test_softmax_saturation_without_scaling() -> None:
    ex = EXERCISE["attention-score-scaling"]
    rng = np.random.default_rng(31)
    scores = np.sum(rng.standard_normal((50_000, 64)) * rng.standard_normal((50_000, 64)), axis=1)
    gap = float(simple_fraction(np.std(scores), max_denominator=1, tolerance=0.02))  # 8
    assert_judged_correct(ex, 3, number(softmax(np.array([gap, 0.0]))[1]), TIGHT)
    scale = math.sqrt(64)
    assert_judged_correct(ex, 4, number(softmax(np.array([gap, 0.0]) / scale)[1]), TIGHT)

    def larger_weight(raw_gap: float, c: float) -> float:
        return float(softmax(np.array([raw_gap / c, 0.0]))[0])

    scaled = derivative(lambda g: larger_weight(g, scale), gap, h=1e-4)
    unscaled = derivative(lambda g: larger_weight(g, 1.0), gap, h=1e-4)
    assert_judged_correct(ex, 5, number(scaled / unscaled), 1e-6)


# --- sigmoid-width-gradient-factor -------------------------------------------------------


def test_sigmoid_backward_factor_by_monte_carlo() -> None:
    ex = EXERCISE["sigmoid-width-gradient-factor"]
    rng = np.random.default_rng(40)
    n, batch = 200, 2000
    for spread, v in [(1.0, 1 / n), (2.0, 16 / n)]:
        z = rng.normal(0, spread, size=(n, batch))
        upstream = rng.normal(0, 0.3, size=(n, batch))
        weights = rng.normal(0, np.sqrt(v), size=(n, n))
        slopes = sigmoid(z) * (1 - sigmoid(z))
        delta = slopes * (weights.T @ upstream)
        factor = np.var(delta) / np.var(upstream)
        gate = float(np.mean(slopes**2))
        # 400,000 entries and one weight draw: a few per cent of spread at most.
        assert key_value(ex, 1, n=n, v=v, D=gate) == pytest.approx(factor, rel=0.05)


def test_sigmoid_slope_bounds_and_forward_floor() -> None:
    ex = EXERCISE["sigmoid-width-gradient-factor"]
    grid = np.linspace(-10, 10, 20001)  # contains 0
    squared_slopes = np.array([derivative(sigmoid, z) ** 2 for z in grid[::10]])
    largest = float(squared_slopes.max())
    assert_judged_correct(ex, 2, number(largest), 1e-8)
    for n in (64, 300):
        v = bisect(lambda w, n=n: n * w * largest < 1, 0.0, 1.0)
        assert key_value(ex, 3, n=n) == pytest.approx(v, rel=1e-8)
    # Smallest E[σ(z)²] over symmetric laws: two-point laws ±t and Gaussians of shrinking
    # spread; the layer multiplies it by n·v = 16.
    two_point = min((sigmoid(t) ** 2 + sigmoid(-t) ** 2) / 2 for t in np.linspace(0, 6, 601))
    gaussians = min(gaussian_mean(lambda z: sigmoid(z) ** 2, s**2) for s in (1.0, 0.1, 1e-3))
    floor = 16 * min(two_point, gaussians)
    assert_judged_correct(ex, 4, number(floor), 1e-6)
    assert_judged_correct(ex, 5, number(16 * derivative(sigmoid, 2.0) ** 2), 1e-7)


def test_sigmoid_mean_field_figures_quoted_in_the_solution() -> None:
    variance = 1.0
    for _ in range(500):
        variance = 16 * gaussian_mean(lambda z: sigmoid(z) ** 2, variance)
    slope_square = gaussian_mean(lambda z: (sigmoid(z) * (1 - sigmoid(z))) ** 2, variance)
    assert variance == pytest.approx(5.9, abs=0.05)
    assert 16 * slope_square == pytest.approx(0.40, abs=0.01)
    # A small finite network agrees: width 128, gradients backpropagated through 12 layers.
    rng = np.random.default_rng(41)
    n, batch, depth = 128, 100, 12
    weights = [rng.normal(0, np.sqrt(16 / n), size=(n, n)) for _ in range(depth)]
    a, pre_activations = sigmoid(rng.standard_normal((n, batch))), []
    for w in weights:
        pre_activations.append(w @ a)
        a = sigmoid(pre_activations[-1])
    delta, ratios = rng.standard_normal((n, batch)), []
    for w, z in zip(weights[:0:-1], pre_activations[-2::-1], strict=True):
        new = sigmoid(z) * (1 - sigmoid(z)) * (w.T @ delta)
        ratios.append(np.var(new) / np.var(delta))
        delta = new
    assert float(np.mean(ratios[:6])) == pytest.approx(0.40, abs=0.05)


# --- residual-identity-path --------------------------------------------------------------


def residual_block(x, w1, w2):
    return x + w2 @ relu(w1 @ x)


def test_residual_jacobian_by_finite_differences() -> None:
    ex = EXERCISE["residual-identity-path"]
    rng = np.random.default_rng(50)
    for m, n in [(5, 3), (2, 4)]:
        w1, w2, x = rng.normal(size=(m, n)), rng.normal(size=(n, m)), rng.normal(size=n)
        jacobian = central_difference(lambda p, w1=w1, w2=w2: residual_block(p, w1, w2), x)
        gate = np.diag((w1 @ x > 0).astype(float))
        got = key_value(ex, 1, W_1=w1, W_2=w2, D=gate)
        np.testing.assert_allclose(got, jacobian, atol=1e-7)
    w1, w2 = np.array([[1.0, -1], [2, 1]]), np.array([[1.0, 2], [-1, 3]])
    jacobian = central_difference(lambda p: residual_block(p, w1, w2), np.array([1.0, 2.0]))
    assert_judged_correct(ex, 2, float_matrix_text(jacobian), 1e-7)


def test_residual_paths_by_expanding_the_product() -> None:
    ex = EXERCISE["residual-identity-path"]
    for depth in range(1, 9):
        b = sp.symbols(f"b0:{depth}")
        terms = sp.Poly(sp.expand(sp.prod([1 + bl for bl in b])), *b).terms()
        through_two = sum(1 for powers, _ in terms if sum(powers) == 2)
        assert key_value(ex, 3, L=depth) == pytest.approx(through_two)


def test_twenty_residual_blocks_and_short_paths() -> None:
    ex = EXERCISE["residual-identity-path"]

    def stack(x: float) -> float:
        for _ in range(20):
            x = x + x / 20  # a branch with derivative 1/20 everywhere
        return x

    total = derivative(stack, 0.3)
    assert_judged_correct(ex, 4, number(total), 1e-8)
    # Paths through at most one branch: the empty set of branches and the twenty single ones.
    short = sum(
        math.prod([1 / 20] * len(branches))
        for k in (0, 1)
        for branches in itertools.combinations(range(20), k)
    )
    assert_judged_correct(ex, 5, number(short / total), 1e-8)


def test_smallest_residual_derivative_by_grid_search() -> None:
    ex = EXERCISE["residual-identity-path"]
    for beta, depth in [(0.4, 3), (0.15, 4)]:
        grid = np.linspace(-beta, beta, 41)
        factors = np.meshgrid(*[1 + grid] * depth, indexing="ij")
        smallest = float(np.min(np.abs(np.prod(factors, axis=0))))
        assert key_value(ex, 6, beta=beta, L=depth) == pytest.approx(smallest, rel=1e-9)


# --- residual-stream-variance ------------------------------------------------------------


def layer_norm(x, axis=0):
    centred = x - x.mean(axis=axis, keepdims=True)
    return centred / np.sqrt(np.mean(centred**2, axis=axis, keepdims=True))


def stream_variances(rng, blocks: int, alpha: float, pre_norm: bool) -> tuple[list, list]:
    """Var(x_l) for l = 0..blocks and the branch variances Var(F_l(x_l)).

    2000 inputs through 20 independent width-128 stacks whose branches are He-initialised
    ReLU MLPs; pooling over independent weight draws keeps the spread to a few per cent.
    """
    networks, per_network, n = 20, 100, 128
    x = rng.standard_normal((networks, n, per_network))
    stream, branches = [float(np.var(x))], []
    for _ in range(blocks):
        w1 = rng.normal(0, np.sqrt(2 / n), size=(networks, n, n))
        w2 = rng.normal(0, np.sqrt(1 / n), size=(networks, n, n))
        branch = w2 @ relu(w1 @ (layer_norm(x, axis=1) if pre_norm else x))
        branches.append(float(np.var(branch)))
        x = x + alpha * branch
        stream.append(float(np.var(x)))
    return stream, branches


def test_residual_stream_growth_by_simulation() -> None:
    ex = EXERCISE["residual-stream-variance"]
    rng = np.random.default_rng(60)
    plain, _ = stream_variances(rng, 6, 1.0, pre_norm=False)
    normed, branches = stream_variances(rng, 6, 1.0, pre_norm=True)
    scaled, _ = stream_variances(rng, 6, 0.5, pre_norm=False)
    # Tolerances: over 20 seeds the largest deviations from the keys were 7.7 % (plain),
    # 3.1 % (pre-norm), 3.2 % (scaled) and 6.8 % (branch ratio).
    for depth in range(1, 7):
        assert key_value(ex, 1, L=depth) == pytest.approx(plain[depth], rel=0.12)
        assert key_value(ex, 2, L=depth) == pytest.approx(normed[depth], rel=0.06)
        assert key_value(ex, 3, L=depth, alpha=0.5) == pytest.approx(scaled[depth], rel=0.06)
    for block in range(6):
        ratio = branches[block] / normed[block]
        assert key_value(ex, 5, l=block) == pytest.approx(ratio, rel=0.1)


def test_depth_scaled_stream_tends_to_e() -> None:
    ex = EXERCISE["residual-stream-variance"]
    depth = sp.symbols("L", positive=True, integer=True)
    limit = sp.limit((1 + sp.Integer(1) / depth) ** depth, depth, sp.oo)
    assert_judged_correct(ex, 4, str(limit.evalf(30)), 1e-12)
    # Scalar streams with branches F_l(x) = ξ_l x (variance-preserving, uncorrelated with x).
    rng = np.random.default_rng(61)
    depth_value, samples = 200, 100_000
    x = rng.standard_normal(samples)
    for _ in range(depth_value):
        x = x + x * rng.standard_normal(samples) / math.sqrt(depth_value)
    # x² is a product of 200 random factors with a coefficient of variation near 7, so the
    # mean of 100,000 draws has a standard error of about 2.5 %; (1 + 1/200)²⁰⁰ is 0.25 %
    # below e.
    assert float(np.mean(x**2)) == pytest.approx(float(limit), rel=0.1)


# --- batch-norm-by-hand ------------------------------------------------------------------


def stated_array(statement: str, name: str, end: str) -> np.ndarray:
    """The array written in the statement as ``name = [...]`` (ending with ``end``)."""
    start = statement.index(f"{name} = ") + len(name) + 3
    text = statement[start : statement.index(end, start) + len(end)]
    return np.array(json.loads(text.replace("−", "-")), dtype=float)


def test_batch_norm_forward_running_variance_and_test_mode() -> None:
    ex = EXERCISE["batch-norm-by-hand"]
    for seed, _ in instances("batch-norm-by-hand"):
        # The numbers as the learner reads them in the statement of this instance.
        statement = bundled_exercise(ex, seed).statement
        batch = stated_array(statement, "X", "]]")
        gain, shift = stated_array(statement, "γ", "]"), stated_array(statement, "β", "]")
        mean = batch.mean(axis=0)
        variance = batch.var(axis=0)  # ddof = 0, as batch norm uses in training
        assert_judged_correct(ex, 1, exact_vector_text(mean), seed=seed)
        assert_judged_correct(ex, 2, exact_vector_text(variance), seed=seed)
        normalised = (batch - mean) / np.sqrt(variance)
        np.testing.assert_allclose(normalised.mean(axis=0), 0, atol=1e-12)
        np.testing.assert_allclose(normalised.var(axis=0), 1)
        assert_judged_correct(ex, 3, exact_matrix_text(normalised), seed=seed)
        third = exact_vector_text(gain * normalised[2] + shift)
        assert_judged_correct(ex, 4, third, seed=seed)
        running = 0.9 * np.ones(2) + 0.1 * batch.var(axis=0, ddof=1)
        assert_judged_correct(ex, 5, exact_vector_text(running), seed=seed)
        test_input = np.array([4.0, 12])
        output = gain * (test_input - [2.0, 10]) / np.sqrt([4.0, 16]) + shift
        assert_judged_correct(ex, 6, exact_vector_text(output), seed=seed)


# --- layer-norm-invariance ---------------------------------------------------------------

LN_INPUT = np.array([-1.0, 1, 1, 7])


def test_layer_norm_forward_and_shift_derivative() -> None:
    ex = EXERCISE["layer-norm-invariance"]
    assert_judged_correct(ex, 1, exact_vector_text(layer_norm(LN_INPUT)))
    ones = np.ones(4)
    shift = central_difference(lambda t: layer_norm(LN_INPUT + t[0] * ones), np.array([0.0]))
    assert_judged_correct(ex, 2, exact_vector_text(shift[:, 0], tolerance=1e-8, relative=False))


def test_layer_norm_gradient_by_finite_differences() -> None:
    ex = EXERCISE["layer-norm-invariance"]
    upstream = np.array([3.0, 0, 0, 1])
    gradient = central_difference(lambda x: upstream @ layer_norm(x), LN_INPUT)
    assert_judged_correct(ex, 3, exact_vector_text(gradient, tolerance=1e-7))
    rng = np.random.default_rng(80)
    for n in (3, 5, 8):
        x, g = rng.normal(size=n) * 2 + 1, rng.normal(size=n)
        gradient = central_difference(lambda v, g=g: g @ layer_norm(v), x)
        assert_judged_correct(ex, 4, number(gradient @ x), 1e-6)
        jacobian = central_difference(layer_norm, x)
        singular = np.linalg.svd(jacobian, compute_uv=False)
        rank = int(np.sum(singular > 1e-6 * singular[0]))
        assert key_value(ex, 5, n=n) == pytest.approx(rank)


# --- adam-two-steps ----------------------------------------------------------------------


def adam(gradients, alpha, beta1=Fraction(9, 10), beta2=Fraction(999, 1000), theta=1, correct=True):
    """Adam with ε = 0 on a scalar; returns the list of (m, v, θ) after each step.

    Works with Fractions (exact) except for the square root, taken in floating point.
    """
    m = v = 0
    history = []
    for t, g in enumerate(gradients, start=1):
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat = m / (1 - beta1**t) if correct else m
        v_hat = v / (1 - beta2**t) if correct else v
        theta = theta - alpha * float(m_hat) / math.sqrt(float(v_hat))
        history.append((m, v, theta))
    return history


def test_adam_by_direct_implementation() -> None:
    ex = EXERCISE["adam-two-steps"]
    alpha = 0.01
    corrected = adam([Fraction(4), Fraction(-2)], alpha)
    m1, v1, theta1 = corrected[0]
    assert_judged_correct(ex, 1, exact_tuple_text([m1, v1]))
    uncorrected = adam([Fraction(4)], alpha, correct=False)
    assert_judged_correct(ex, 3, number(uncorrected[0][2]), TIGHT)
    assert_judged_correct(ex, 4, number(corrected[1][2] - theta1), 1e-9)
    rng = np.random.default_rng(90)
    for _ in range(4):
        g1, step = float(rng.normal() * 10 ** rng.uniform(-3, 3)), float(rng.uniform(0.001, 0.1))
        b1, b2 = rng.uniform(0.5, 0.99), rng.uniform(0.9, 0.9999)
        moved = abs(adam([g1], step, b1, b2, theta=0.0)[0][2])
        assert key_value(ex, 2, alpha=step, g_1=g1, beta_1=b1, beta_2=b2) == pytest.approx(moved)
        plain = abs(adam([g1], step, b1, b2, theta=0.0, correct=False)[0][2])
        assert key_value(ex, 5, beta_1=b1, beta_2=b2) == pytest.approx(plain / moved)


# --- warmup-cosine-schedule --------------------------------------------------------------


def learning_rate(t: int) -> float:
    peak, floor, warmup, total = 0.002, 0.0002, 500, 6500
    if t <= warmup:
        return peak * t / warmup
    return floor + 0.5 * (peak - floor) * (1 + math.cos(math.pi * (t - warmup) / (total - warmup)))


def test_schedule_values_and_crossing() -> None:
    ex = EXERCISE["warmup-cosine-schedule"]
    assert learning_rate(500) == pytest.approx(0.002)  # the two pieces meet
    assert_judged_correct(ex, 1, number(learning_rate(100)), TIGHT)
    assert_judged_correct(ex, 2, number(learning_rate(3500)), TIGHT)
    assert_judged_correct(ex, 3, number(learning_rate(2000)), TIGHT)
    peak = 500
    rates = np.array([learning_rate(t) for t in range(peak, 6501)])
    assert np.all(np.diff(rates) < 0)  # strictly decreasing after the peak
    # η hits 0.00065 exactly at the crossing; allow the last bits of rounding there.
    first = peak + int(np.argmax(rates <= 0.00065 * (1 + 1e-12)))
    assert learning_rate(first - 1) > 0.00065 + 1e-9
    assert_judged_correct(ex, 4, str(first))


# --- decoupled-weight-decay --------------------------------------------------------------


def adam_with_decay(
    gradients, theta, alpha, lam, decoupled, beta1=0.9, beta2=0.999, eps=1e-12
) -> np.ndarray:
    """Adam with an L2 penalty (decoupled=False) or AdamW; ``gradients`` is (steps, …)."""
    theta = np.array(theta, dtype=float)
    m, v = np.zeros_like(theta), np.zeros_like(theta)
    for t, g in enumerate(gradients, start=1):
        fed = g if decoupled else g + lam * theta
        m = beta1 * m + (1 - beta1) * fed
        v = beta2 * v + (1 - beta2) * fed**2
        step = alpha * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)
        theta = theta - step - (alpha * lam * theta if decoupled else 0)
    return theta


def test_first_step_of_l2_and_decoupled_decay_on_a_flat_loss() -> None:
    ex = EXERCISE["decoupled-weight-decay"]
    for alpha, lam, theta0 in [(0.01, 0.1, 2.0), (0.003, 0.5, 0.7)]:
        values = {"alpha": alpha, "lambda": lam, "theta_0": theta0}
        with_penalty = adam_with_decay([0.0], theta0, alpha, lam, decoupled=False) - theta0
        assert key_value(ex, 1, **values) == pytest.approx(float(with_penalty), rel=1e-9)
        decoupled = adam_with_decay([0.0], theta0, alpha, lam, decoupled=True) - theta0
        assert key_value(ex, 2, **values) == pytest.approx(float(decoupled), rel=1e-9)


def decay_per_step(rms: float, alpha: float, lam: float, seed: int) -> float:
    """Mean per-step shrinkage caused by an L2 penalty under Adam with noisy gradients.

    2000 independent weights at θ = 1 see the same noise with and without the penalty
    (common random numbers), so the difference isolates the penalty's effect.
    """
    rng = np.random.default_rng(seed)
    steps = 1000
    noise = rng.normal(0, rms, size=(steps, 2000))
    free = adam_with_decay(noise, np.ones(2000), alpha, 0.0, decoupled=False)
    penalised = adam_with_decay(noise, np.ones(2000), alpha, lam, decoupled=False)
    return float(np.mean(free - penalised)) / steps


def test_l2_penalty_under_adam_is_divided_by_the_gradient_scale() -> None:
    ex = EXERCISE["decoupled-weight-decay"]
    alpha, lam = 1e-4, 0.01
    rates = {rms: decay_per_step(rms, alpha, lam, seed=100) for rms in (0.1, 0.5, 10.0)}
    for rms, rate in rates.items():
        # θ moves by under 2 % over the run, so θ ≈ 1 throughout, and the shared noise
        # keeps the estimate's spread small; what remains is the key's own approximation
        # (v̂ ≈ s², λθ ≪ s), which costs under 2 % at these settings.
        predicted = -key_value(ex, 3, alpha=alpha, theta=1.0, s=rms, **{"lambda": lam})
        assert predicted == pytest.approx(rate, rel=0.05)
    assert_judged_correct(ex, 4, number(rates[0.1] / rates[10.0]), 0.05)


def test_decoupled_halving_time() -> None:
    ex = EXERCISE["decoupled-weight-decay"]
    theta, steps = np.array([1.0]), 0
    while theta[0] > 0.5:
        theta = adam_with_decay([np.zeros(1)], theta, 1e-3, 0.1, decoupled=True)
        steps += 1
    assert_judged_correct(ex, 5, str(steps))


# --- momentum-effective-step -------------------------------------------------------------


def momentum_run(g: float, beta: float, eta: float, steps: int, damped: bool = False):
    """Velocities and positions of SGD with momentum under a constant gradient."""
    v, theta, velocities, positions = 0.0, 0.0, [], []
    for _ in range(steps):
        v = beta * v + ((1 - beta) * g if damped else g)
        theta -= eta * v
        velocities.append(v)
        positions.append(theta)
    return velocities, positions


def test_momentum_velocity_and_effective_rate() -> None:
    ex = EXERCISE["momentum-effective-step"]
    for g, beta in [(1.7, 0.9), (-0.4, 0.35), (2.0, 0.99)]:
        velocities, _ = momentum_run(g, beta, 0.01, 3000)
        assert key_value(ex, 1, g=g, beta=beta) == pytest.approx(velocities[2])
        assert key_value(ex, 2, g=g, beta=beta) == pytest.approx(velocities[-1], rel=1e-9)
    for seed, values in instances("momentum-effective-step"):
        beta, eta = values["b"], values["r"]
        assert f"β = {beta:g} and η = {eta:g}" in bundled_part(ex, 3, seed).ask
        _, positions = momentum_run(1.0, beta, eta, 2000)
        assert_judged_correct(ex, 3, number(positions[-2] - positions[-1]), 1e-9, seed=seed)
        _, positions = momentum_run(1.0, beta, eta, 2000, damped=True)
        assert_judged_correct(ex, 4, number(positions[-2] - positions[-1]), 1e-9, seed=seed)
    velocities, _ = momentum_run(1.0, 0.9, 0.01, 2000)
    first = next(t for t, v in enumerate(velocities, start=1) if v >= 0.99 * velocities[-1])
    assert_judged_correct(ex, 5, str(first))


# --- dropout-rescaling -------------------------------------------------------------------


def dropout_moments(h: Fraction, p: Fraction, function=lambda value: value):
    """E and Var of function(h̃) by enumerating the mask m ∈ {0, 1}."""
    outcomes = [(p, function(h / p)), (1 - p, function(0 * h))]
    mean = sum(weight * value for weight, value in outcomes)
    return mean, sum(weight * (value - mean) ** 2 for weight, value in outcomes)


def test_dropout_moments_by_enumeration_and_monte_carlo() -> None:
    ex = EXERCISE["dropout-rescaling"]
    for h, p in [(Fraction(3, 2), Fraction(4, 5)), (Fraction(-2), Fraction(1, 3))]:
        mean, variance = dropout_moments(h, p)
        assert key_value(ex, 1, h=h, p=p) == pytest.approx(float(mean))
        assert key_value(ex, 2, h=h, p=p) == pytest.approx(float(variance))
    rng = np.random.default_rng(110)
    masks = rng.random((20_000, 100)) < 0.8
    z = np.sum(masks * 0.1 / 0.8, axis=1)  # every wᵢhᵢ = 0.1
    assert np.mean(z) == pytest.approx(10, rel=0.01)
    # The variance estimate from 20,000 draws has a relative standard error of about 1 %.
    assert_judged_correct(ex, 3, exact_text(np.var(z), max_denominator=20, tolerance=0.04))
    for seed, values in instances("dropout-rescaling"):
        keep, inputs, product = (
            Fraction(values[name]).limit_denominator(100) for name in ("q", "n", "v")
        )
        count = int(inputs)
        assert f"over {count} dropped-out inputs" in bundled_part(ex, 3, seed).ask
        # z = (wh/p)·K with K ~ Binomial(n, p) kept units: its law enumerated exactly.
        law = [
            (math.comb(count, kept) * keep**kept * (1 - keep) ** (count - kept), kept)
            for kept in range(count + 1)
        ]
        mean = sum(weight * product / keep * kept for weight, kept in law)
        variance = sum(weight * (product / keep * kept - mean) ** 2 for weight, kept in law)
        assert mean == inputs * product
        assert_judged_correct(ex, 3, str(variance), seed=seed)
        # Without rescaling the test-time factor is E[m h]/h, read off with h = 1.
        old_style_mean, _ = dropout_moments(Fraction(1), keep, lambda value, p=keep: value * p)
        assert_judged_correct(ex, 4, str(old_style_mean), seed=seed)
    expected_tanh, _ = dropout_moments(1.6, 0.8, np.tanh)
    assert_judged_correct(ex, 5, number(expected_tanh), TIGHT)
    sampled = np.tanh((rng.random(1_000_000) < 0.8) * 1.6 / 0.8)
    assert np.mean(sampled) == pytest.approx(expected_tanh, abs=0.002)


# --- label-smoothing-logits --------------------------------------------------------------


def smoothed_target(classes: int, epsilon: float, true_class: int) -> np.ndarray:
    return (1 - epsilon) * np.eye(classes)[true_class] + epsilon / classes


def smoothed_loss(logits, target) -> float:
    return float(-np.sum(target * np.log(softmax(logits))))


def minimise_smoothed_loss(target) -> np.ndarray:
    """Gradient descent with finite-difference gradients, from zero logits."""
    logits = np.zeros(len(target))
    for _ in range(400):
        logits -= 6.0 * central_difference(lambda z: smoothed_loss(z, target), logits)
    return logits


def test_label_smoothing_target_and_gradient() -> None:
    ex = EXERCISE["label-smoothing-logits"]
    for seed, values in instances("label-smoothing-logits"):
        epsilon = 1 / values["n"]
        assert (
            f"ε = {Fraction(1, int(values['n']))} and true class 2" in bundled_part(ex, 1, seed).ask
        )
        target = smoothed_target(4, epsilon, 1)
        assert_judged_correct(ex, 1, exact_vector_text(target), seed=seed)
        logits = np.log([1.0, 6, 1, 2])
        gradient = central_difference(lambda z, t=target: smoothed_loss(z, t), logits)
        assert_judged_correct(ex, 2, exact_vector_text(gradient, tolerance=1e-8), seed=seed)


def test_label_smoothing_optimum_by_gradient_descent() -> None:
    ex = EXERCISE["label-smoothing-logits"]
    target = smoothed_target(4, 0.1, 1)
    best = minimise_smoothed_loss(target)
    assert_judged_correct(ex, 5, number(smoothed_loss(best, target)), 1e-8)
    for seed, values in instances("label-smoothing-logits"):
        target = smoothed_target(4, 1 / values["n"], 1)
        best = minimise_smoothed_loss(target)
        np.testing.assert_allclose(softmax(best), target, atol=1e-9)  # really the optimum
        assert_judged_correct(ex, 3, number(best[1] - best[0]), 1e-6, seed=seed)
    for classes, epsilon in [(3, 0.2), (10, 0.05)]:
        best = minimise_smoothed_loss(smoothed_target(classes, epsilon, 0))
        gap = float(best[0] - best[1])
        assert key_value(ex, 4, K=classes, epsilon=epsilon) == pytest.approx(gap, rel=1e-5)


# --- gradient-norm-clipping --------------------------------------------------------------


def test_global_and_per_tensor_clipping() -> None:
    ex = EXERCISE["gradient-norm-clipping"]
    weight_gradient, bias_gradient, threshold = np.array([[1.0, 2], [2, 4]]), np.array([12.0, 0]), 5
    flat = np.concatenate([weight_gradient.ravel(), bias_gradient])
    norm = float(np.linalg.norm(flat))
    assert_judged_correct(ex, 1, number(norm), TIGHT)
    assert_judged_correct(ex, 2, exact_vector_text(bias_gradient * min(1, threshold / norm)))

    def clip(tensor):
        size = np.linalg.norm(tensor)
        return tensor * min(1.0, threshold / size)

    per_tensor = np.concatenate([clip(weight_gradient).ravel(), clip(bias_gradient)])
    cosine = per_tensor @ flat / (np.linalg.norm(per_tensor) * norm)
    assert_judged_correct(ex, 3, number(cosine), TIGHT)


# --- scale-invariant-weights -------------------------------------------------------------


def direction_loss(w, a, b) -> float:
    """A loss that sees only the direction of w, as behind a normalisation layer."""
    u = w / np.linalg.norm(w)
    return float(np.sin(a @ u) + (b @ u) ** 2)


def test_scale_invariant_gradient_properties() -> None:
    ex = EXERCISE["scale-invariant-weights"]
    rng = np.random.default_rng(120)
    a, b, w = rng.normal(size=5), rng.normal(size=5), rng.normal(size=5)

    def gradient(point):
        return central_difference(lambda p: direction_loss(p, a, b), point)

    g = gradient(w)
    for c in (0.3, 2.5):
        got = key_value(ex, 1, g=g[:, None], c=c)
        np.testing.assert_allclose(np.ravel(got), gradient(c * w), atol=1e-7)
    assert_judged_correct(ex, 2, number(w @ g), 1e-6)
    eta = 0.7
    values = {"r": np.linalg.norm(w), "G": np.linalg.norm(g), "eta": eta}
    assert key_value(ex, 3, **values) == pytest.approx(np.sum((w - eta * g) ** 2), rel=1e-8)

    def turn(point, step=1e-4):
        moved = point - step * gradient(point)
        return math.acos(moved @ point / (np.linalg.norm(moved) * np.linalg.norm(point)))

    assert_judged_correct(ex, 4, number(turn(2 * w) / turn(w)), 1e-3)


def angle_gradient(w):
    """∇ of the polar angle atan2(w₂, w₁): a scale-invariant loss with ‖∇L‖‖w‖ = 1."""
    return np.array([-w[1], w[0]]) / (w @ w)


def test_equilibrium_norm_and_turning_angle_under_weight_decay() -> None:
    ex = EXERCISE["scale-invariant-weights"]
    point = np.array([0.8, 1.3])
    numeric = central_difference(lambda p: math.atan2(p[1], p[0]), point)
    np.testing.assert_allclose(angle_gradient(point), numeric, atol=1e-8)
    for eta, lam in [(0.1, 0.01), (0.5, 0.2)]:
        w = np.array([3.0, 0.0])
        for _ in range(10_000):  # the norm converges like (1 − ηλ)^(2t)
            previous, w = w, (1 - eta * lam) * w - eta * angle_gradient(w)
        values = {"eta": eta, "lambda": lam, "kappa": 1.0}
        assert key_value(ex, 5, **values) == pytest.approx(float(w @ w) ** 2, rel=1e-6)
        cosine = previous @ w / (np.linalg.norm(previous) * np.linalg.norm(w))
        assert key_value(ex, 6, **values) == pytest.approx(float(cosine), rel=1e-9)
