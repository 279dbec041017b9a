"""Independent confirmation of every computable key in bank/neural-networks.

Each test recomputes a key by a different route than the worked solution: central finite
differences of the loss for every gradient and Jacobian, sympy differentiation for the
activation and softmax formulas, counting the entries of explicitly shaped parameter
tensors, direct numpy forward passes, and Monte Carlo with fixed seeds for the
initialisation variances. The result is handed to the real checker
(``assert_judged_correct``). Matrix-expression keys are evaluated at random matrices
with ``key_value`` and compared with finite differences.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy as sp
from answer_text import (
    exact_matrix_text,
    exact_text,
    exact_vector_text,
    float_matrix_text,
    float_vector_text,
    number,
)
from numerics import central_difference, softmax

from bank_support import BankTopic, assert_judged_correct, bundled_exercise, key_value

TOPIC = BankTopic("neural-networks")
TIGHT = 1e-9


def assert_scalar_key_at(
    exercise_id: str, part: int, independent: float, rel: float = TIGHT, **values: float
) -> None:
    """The scalar key, evaluated at ``values``, equals ``independent`` (relative ``rel``)."""
    got = float(np.real(key_value(exercise_id, part, **values)))
    assert got == pytest.approx(independent, rel=rel), (exercise_id, part, values, got)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# --- activation-derivatives ----------------------------------------------------------


def test_activation_derivatives_by_sympy_differentiation() -> None:
    ex = TOPIC.id("activation-derivatives")
    z, s, t, u = sp.symbols("z s t u", positive=True)
    sigma = 1 / (1 + sp.exp(-z))
    # Differentiate, then write z in terms of the stored output and simplify.
    in_s = sp.simplify(sp.diff(sigma, z).subs(z, sp.log(s / (1 - s))))
    assert_judged_correct(ex, 1, str(in_s))
    in_t = sp.simplify(sp.diff(sp.tanh(z), z).subs(z, sp.atanh(t)).rewrite(sp.exp))
    assert_judged_correct(ex, 2, str(sp.simplify(in_t)))
    in_u = sp.simplify(sp.diff(sp.tanh(z), z).rewrite(sp.exp).subs(z, sp.log(u / (1 - u)) / 2))
    assert_judged_correct(ex, 4, str(in_u))


def test_largest_sigmoid_slope_on_a_grid() -> None:
    grid = np.linspace(-10, 10, 20001)  # contains 0
    slopes = (sigmoid(grid + 1e-5) - sigmoid(grid - 1e-5)) / 2e-5
    assert_judged_correct(TOPIC.id("activation-derivatives"), 3, number(slopes.max()), 1e-8)


# --- parameter-counts-mlp-conv -------------------------------------------------------


def test_parameter_counts_from_tensor_shapes() -> None:
    slug = "parameter-counts-mlp-conv"
    ex = TOPIC.id(slug)
    for seed, values in TOPIC.instances(slug):
        widths = [int(values[name]) for name in ("a", "b", "m", "d")]
        shapes = [(b, a) for a, b in itertools.pairwise(widths)]
        shapes += [(b,) for b in widths[1:]]
        TOPIC.judged(slug, 1, str(sum(int(np.prod(shape)) for shape in shapes)), seed=seed)
        side, taps = 2 ** int(values["s"]), int(values["w"])
        channels, filters = 2 ** int(values["q"]), 2 ** int(values["r"])
        statement = bundled_exercise(ex, seed).parts[1].ask
        assert (
            f"{channels}-channel input and has {filters} filters of size {taps} × {taps}"
            in statement
        )
        conv = np.zeros((filters, channels, taps, taps)).size + np.zeros(filters).size
        TOPIC.judged(slug, 2, str(conv), seed=seed)
        dense = int(np.prod((side, side, channels))) * int(np.prod((side, side, filters)))
        TOPIC.judged(slug, 4, str(dense), seed=seed)
    k, c, f = sp.symbols("k c f", positive=True, integer=True)
    assert_judged_correct(ex, 3, str(sp.prod((f, c, k, k)) + f))


# --- relu-forward-pass ---------------------------------------------------------------


def test_relu_forward_pass_and_dead_unit() -> None:
    slug = "relu-forward-pass"
    for seed, values in TOPIC.instances(slug):
        W1, b1, w2 = values["W"], values["c"].ravel(), values["v"].ravel()
        b2, x, y = values["e"], values["u"].ravel(), values["t"]
        z = W1 @ x + b1
        h = np.maximum(z, 0)
        TOPIC.judged(slug, 1, float_vector_text(z), seed=seed)
        TOPIC.judged(slug, 2, float_vector_text(h), seed=seed)

        def loss(W, x=x, b1=b1, w2=w2, b2=b2, y=y):
            return 0.5 * (w2 @ np.maximum(W @ x + b1, 0) + b2 - y) ** 2

        TOPIC.judged(slug, 3, number(w2 @ h + b2), tolerance=TIGHT, seed=seed)
        TOPIC.judged(slug, 4, number(loss(W1)), tolerance=TIGHT, seed=seed)
        # Rows of W₁ whose gradient vanishes for every loss: perturb the loss's slope by
        # using two different targets, and keep the rows that are zero for both.
        dead = {
            i + 1
            for i in range(3)
            if all(
                np.allclose(central_difference(lambda W, t=t: loss(W, y=t), W1)[i], 0, atol=1e-9)
                for t in (y, y + 7.0)
            )
        }
        TOPIC.judged(slug, 5, "{" + ", ".join(map(str, sorted(dead))) + "}", seed=seed)


# --- softmax-cross-entropy-gradient --------------------------------------------------


def test_softmax_cross_entropy_gradient_by_finite_differences() -> None:
    slug = "softmax-cross-entropy-gradient"
    ex = TOPIC.id(slug)

    def loss(logits):
        return -np.log(softmax(logits)[0])

    for seed, values in TOPIC.instances(slug):
        z = np.log([values["a"], 1.0, values["b"]])
        TOPIC.judged(slug, 2, float_vector_text(softmax(z)), tolerance=TIGHT, seed=seed)
        TOPIC.judged(slug, 3, number(loss(z)), tolerance=TIGHT, seed=seed)
        gradient = central_difference(loss, z)
        TOPIC.judged(slug, 4, float_vector_text(gradient), tolerance=1e-7, seed=seed)
    rng = np.random.default_rng(4)
    logits, target = rng.normal(size=5), np.eye(5)[2]
    numeric = central_difference(lambda v: -np.log(softmax(v)[2]), logits)
    got = key_value(ex, 1, p=softmax(logits)[:, None], y=target[:, None])
    np.testing.assert_allclose(got.ravel(), numeric, atol=1e-7)


# --- binary-cross-entropy-logistic ---------------------------------------------------


def bce(z: float, y: float) -> float:
    p = 1 / (1 + np.exp(-z))
    return -y * np.log(p) - (1 - y) * np.log(1 - p)


def test_binary_cross_entropy_derivative_symbolically_and_numerically() -> None:
    ex = TOPIC.id("binary-cross-entropy-logistic")
    z, y = sp.symbols("z y", real=True)
    p = 1 / (1 + sp.exp(-z))
    derivative = sp.simplify(sp.diff(-y * sp.log(p) - (1 - y) * sp.log(1 - p), z))
    assert_judged_correct(ex, 1, str(derivative))
    for logit, label in [(0.7, 1.0), (-1.9, 0.0), (2.4, 0.0)]:
        numeric = (bce(logit + 1e-6, label) - bce(logit - 1e-6, label)) / 2e-6
        assert_scalar_key_at(ex, 1, numeric, 1e-7, z=logit, y=label)


def test_logistic_regression_gradient_and_numbers() -> None:
    ex = TOPIC.id("binary-cross-entropy-logistic")
    w, b, x, y = np.array([0.5, -0.25]), 0.1, np.array([1.0, 2.0]), 1.0
    gradient = central_difference(lambda v: bce(v @ x + b, y), w)
    assert_judged_correct(ex, 3, number(gradient[1]), 1e-7)
    assert_judged_correct(ex, 4, number(bce(w @ x + b, y)), TIGHT)
    rng = np.random.default_rng(8)
    w3, x3 = rng.normal(size=3), rng.normal(size=3)
    for label in (0.0, 1.0):
        numeric = central_difference(lambda v, label=label: bce(v @ x3 + 0.2, label), w3)
        got = key_value(ex, 2, p=float(sigmoid(w3 @ x3 + 0.2)), y=label, x=x3[:, None])
        np.testing.assert_allclose(got.ravel(), numeric, atol=1e-7)


# --- tanh-neuron-gradient-step -------------------------------------------------------


def test_tanh_neuron_gradients_and_step() -> None:
    ex = TOPIC.id("tanh-neuron-gradient-step")
    x, y = 1.0, 2.0

    def loss(params):
        a, c = params
        return 0.5 * (c * np.tanh(a * x) - y) ** 2

    params = np.array([np.log(2.0), 2.0])
    assert_judged_correct(ex, 1, number(np.tanh(params[0] * x)), TIGHT)
    gradient = central_difference(loss, params)
    assert_judged_correct(ex, 2, number(gradient[1]), 1e-7)
    assert_judged_correct(ex, 3, number(gradient[0]), 1e-7)
    updated = params - 0.25 * gradient
    assert_judged_correct(ex, 4, number(updated[1]), 1e-7)
    assert_judged_correct(ex, 5, number(updated[0]), 1e-7)
    assert loss(updated) < loss(params)


# --- two-layer-relu-backprop ---------------------------------------------------------


def test_two_layer_relu_gradients_by_finite_differences() -> None:
    slug = "two-layer-relu-backprop"
    for seed, values in TOPIC.instances(slug):
        W1, b1, W2 = values["W"], values["c"].ravel(), values["V"]
        b2, x, y = values["e"], values["u"].ravel(), values["t"]

        def output(W1=W1, W2=W2, x=x, b1=b1, b2=b2):
            return (W2 @ np.maximum(W1 @ x + b1, 0))[0] + b2

        def loss(y=y, **changed):
            return 0.5 * (output(**changed) - y) ** 2

        # The finite differences are snapped to simple fractions (the exact keys are), after
        # checking they lie within 1e-6 of one.
        yhat = output()
        dL_dyhat = (loss(y - 1e-6) - loss(y + 1e-6)) / 2e-6  # moving ŷ up is moving y down
        TOPIC.judged(slug, 1, exact_text(dL_dyhat, tolerance=1e-6), seed=seed)
        dL_dW2 = central_difference(lambda W: loss(W2=W), W2)
        TOPIC.judged(slug, 2, exact_matrix_text(dL_dW2, tolerance=1e-6), seed=seed)
        dL_db1 = central_difference(lambda b: loss(b1=b), b1)  # ∂z/∂b₁ is the identity
        TOPIC.judged(slug, 3, exact_vector_text(dL_db1, tolerance=1e-6), seed=seed)
        dL_dW1 = central_difference(lambda W: loss(W1=W), W1)
        TOPIC.judged(slug, 4, exact_matrix_text(dL_dW1, tolerance=1e-6), seed=seed)
        dL_dx = central_difference(lambda v: loss(x=v), x)
        TOPIC.judged(slug, 5, exact_vector_text(dL_dx, tolerance=1e-6), seed=seed)
        assert yhat != y


# --- linear-layer-backprop-matrix ----------------------------------------------------


def test_linear_layer_gradients_against_finite_differences() -> None:
    ex = TOPIC.id("linear-layer-backprop-matrix")
    rng = np.random.default_rng(12)
    m, n, N = 3, 4, 5
    W, b = rng.normal(size=(m, n)), rng.normal(size=(m, 1))
    X, C = rng.normal(size=(n, N)), rng.normal(size=(m, N))

    def loss(W=W, b=b, X=X):
        return float(np.sum(C * np.tanh(W @ X + b)))  # b broadcasts over the columns: b uᵀ

    G = C * (1 - np.tanh(W @ X + b) ** 2)  # ∂L/∂Y, fed to the keys as the upstream gradient
    x, g, Cx = X[:, :1], G[:, :1], C[:, :1]

    def single(W=W, x=x):
        return float(np.sum(Cx * np.tanh(W @ x + b)))

    np.testing.assert_allclose(
        key_value(ex, 1, g=g, x=x), central_difference(lambda V: single(W=V), W), atol=1e-7
    )
    np.testing.assert_allclose(
        key_value(ex, 2, W=W, g=g), central_difference(lambda v: single(x=v), x), atol=1e-7
    )
    np.testing.assert_allclose(
        key_value(ex, 3, G=G, X=X), central_difference(lambda V: loss(W=V), W), atol=1e-7
    )
    np.testing.assert_allclose(
        key_value(ex, 4, W=W, G=G), central_difference(lambda V: loss(X=V), X), atol=1e-7
    )
    np.testing.assert_allclose(
        key_value(ex, 5, G=G, u=np.ones((N, 1))),
        central_difference(lambda v: loss(b=v), b),
        atol=1e-7,
    )


# --- attention-weights-tiny ----------------------------------------------------------


def test_attention_scores_weights_and_output() -> None:
    ex = TOPIC.id("attention-weights-tiny")
    Q = np.array([[1.0, 0, 0, 1], [0, 2, 0, 0]])
    K = np.array([[2.0, 0, 0, 2], [0, 1, 1, 0], [1, 0, 2, -1]])
    V = np.array([[1.0, 0], [0, 2], [2, 1]])
    raw = np.einsum("id,jd->ij", Q, K)
    assert_judged_correct(ex, 1, float_matrix_text(raw))
    scaled = raw / np.sqrt(Q.shape[1])
    assert_judged_correct(ex, 2, float_matrix_text(scaled))
    weights = softmax(scaled)
    assert_judged_correct(ex, 3, number(weights[0, 0]), TIGHT)
    assert_judged_correct(ex, 4, number((weights @ V)[0, 1]), TIGHT)
    assert_judged_correct(ex, 5, number(weights[1, 1]), TIGHT)


# --- transformer-parameter-counts ----------------------------------------------------


def block_shapes(d, h):
    """Every parameter tensor of the block as (copies, shape); sympy symbols or integers."""
    head = d / h
    attention = [(3 * h, (head, d)), (3 * h, (head,))]  # per-head query, key and value maps
    attention += [(1, (d, d)), (1, (d,))]  # output projection
    ffn = [(1, (4 * d, d)), (1, (4 * d,)), (1, (d, 4 * d)), (1, (d,))]
    norms = [(4, (d,))]  # two layer norms, a gain and a bias each
    return attention, ffn, norms


def count(tensors) -> sp.Expr:
    return sp.expand(sum(copies * sp.prod(shape) for copies, shape in tensors))


def test_transformer_counts_from_tensor_shapes() -> None:
    ex = TOPIC.id("transformer-parameter-counts")
    d, h, n = sp.symbols("d h n", positive=True, integer=True)
    attention, ffn, norms = block_shapes(d, h)
    assert_judged_correct(ex, 1, str(count(attention)))
    assert_judged_correct(ex, 3, str(count(ffn)))
    for seed, values in TOPIC.instances("transformer-parameter-counts"):
        heads, head_width = int(values["h"]), int(values["p"])
        width = heads * head_width
        assert f"d = {width} and h = {heads}" in bundled_exercise(ex, seed).parts[1].ask
        attention, ffn, norms = block_shapes(sp.Integer(width), sp.Integer(heads))
        TOPIC.judged("transformer-parameter-counts", 2, str(count(attention)), seed=seed)
        whole = str(count(attention + ffn + norms))
        TOPIC.judged("transformer-parameter-counts", 4, whole, seed=seed)
    assert_judged_correct(ex, 5, str(sp.prod((h, n, n))))  # one n × n weight matrix per head


# --- softmax-regression-batch-gradient -----------------------------------------------


def test_softmax_regression_gradient_formulas() -> None:
    ex = TOPIC.id("softmax-regression-batch-gradient")
    rng = np.random.default_rng(21)
    N, d, K = 4, 3, 5
    X = rng.normal(size=(N, d))
    Y = np.eye(K)[rng.integers(0, K, size=N)]

    def loss_of_logits(Z):
        return float(-np.sum(Y * np.log(softmax(Z))))

    W = rng.normal(size=(d, K))
    P = softmax(X @ W)
    np.testing.assert_allclose(
        key_value(ex, 1, P=P, Y=Y), central_difference(loss_of_logits, X @ W), atol=1e-6
    )
    np.testing.assert_allclose(
        key_value(ex, 2, X=X, P=P, Y=Y),
        central_difference(lambda V: loss_of_logits(X @ V), W),
        atol=1e-6,
    )


def test_softmax_regression_numbers_and_one_step() -> None:
    ex = TOPIC.id("softmax-regression-batch-gradient")
    X = np.array([[1.0, 2], [0, 1], [3, -1]])
    Y = np.array([[1.0, 0], [0, 1], [0, 1]])

    def loss(W):
        return float(-np.sum(Y * np.log(softmax(X @ W))))

    W0 = np.zeros((2, 2))
    assert_judged_correct(ex, 3, number(loss(W0)), TIGHT)
    gradient = central_difference(loss, W0)
    assert_judged_correct(ex, 4, float_matrix_text(gradient), 1e-7)
    W1 = W0 - 0.5 * gradient
    assert_judged_correct(ex, 5, number(softmax(X[0] @ W1)[0]), 1e-7)
    assert loss(W1) < loss(W0)


# --- vanishing-gradients-sigmoid-chain -----------------------------------------------


def chain(a0: float, weights, biases) -> float:
    a = a0
    for w, b in zip(weights, biases, strict=True):
        a = sigmoid(w * a + b)
    return a


def test_sigmoid_chain_derivative() -> None:
    ex = TOPIC.id("vanishing-gradients-sigmoid-chain")
    weights, a0 = [2.0, -1.0, 3.0], 0.3
    # Choose the biases so that the forward pass hits z = (0, ln 3, −ln 2) from a0.
    biases, a = [], a0
    for w, target in zip(weights, [0.0, np.log(3.0), -np.log(2.0)], strict=True):
        biases.append(target - w * a)
        a = sigmoid(target)
    derivative = (chain(a0 + 1e-6, weights, biases) - chain(a0 - 1e-6, weights, biases)) / 2e-6
    assert_judged_correct(ex, 2, number(derivative), 1e-7)

    rng = np.random.default_rng(30)
    weights, biases = rng.normal(size=3) * 2, rng.normal(size=3)
    numeric = (chain(a0 + 1e-6, weights, biases) - chain(a0 - 1e-6, weights, biases)) / 2e-6
    activations, a = [], a0
    for w, b in zip(weights, biases, strict=True):
        a = sigmoid(w * a + b)
        activations.append(a)
    values = {f"w_{i + 1}": float(w) for i, w in enumerate(weights)}
    values |= {f"s_{i + 1}": float(s) for i, s in enumerate(activations)}
    assert_scalar_key_at(ex, 1, numeric, 1e-6, **values)


def test_best_case_bound_and_depth() -> None:
    ex = TOPIC.id("vanishing-gradients-sigmoid-chain")
    w = np.linspace(-1, 1, 201)[:, None]
    z = np.linspace(-8, 8, 1601)[None, :]
    per_layer = np.max(np.abs(w) * sigmoid(z) * (1 - sigmoid(z)))  # brute-force best factor
    for depth in (1, 3, 7):
        assert_scalar_key_at(ex, 3, per_layer**depth, 1e-9, n=depth)
    depth = 1
    while per_layer**depth >= 1e-6:
        depth += 1
    assert_judged_correct(ex, 4, str(depth))
    grid = np.linspace(-50, 50, 1_000_001)
    largest = np.max(np.abs(grid * sigmoid(grid) * (1 - sigmoid(grid))))
    assert largest == pytest.approx(0.2239, abs=1e-4)  # the value quoted in the solution
    assert_judged_correct(ex, 5, "yes" if largest >= 1 else "no")


# --- he-xavier-initialisation --------------------------------------------------------


def test_pre_activation_variance_by_monte_carlo() -> None:
    ex = TOPIC.id("he-xavier-initialisation")
    rng = np.random.default_rng(40)
    n, v, samples = 20, 0.5, 200_000
    W = rng.normal(0, np.sqrt(v), size=(samples, n))
    a = rng.exponential(1.0, size=(samples, n))  # E[a²] = 2 and a non-zero mean
    z = np.sum(W * a, axis=1)
    # Relative standard error of a variance estimate ≈ sqrt((kurtosis − 1)/samples) ≈ 0.5 %.
    assert_scalar_key_at(ex, 1, float(np.var(z)), 0.03, n=n, v=v, q=2.0)


def test_relu_second_moment_for_symmetric_laws() -> None:
    ex = TOPIC.id("he-xavier-initialisation")
    rng = np.random.default_rng(41)
    s = 1.3
    gaussian = rng.normal(0, s, size=1_000_000)
    laplace = rng.laplace(0, s / np.sqrt(2), size=1_000_000)  # also variance s²
    for z in (gaussian, laplace):
        # Standard error below 0.5 % for both laws at this size.
        assert_scalar_key_at(ex, 2, float(np.mean(np.maximum(z, 0) ** 2)), 0.03, s=s)


def test_he_variance_keeps_the_signal_and_backward_variance() -> None:
    ex = TOPIC.id("he-xavier-initialisation")
    rng = np.random.default_rng(42)
    # Forward: measure how much one ReLU layer with a trial variance v0 = 1/n scales E[z²],
    # then rescale v0 so that the factor becomes 1.
    n, trial = 256, 1 / 256
    z = rng.normal(0, 1.0, size=(n, 2000))  # symmetric pre-activations with E[z²] = 1
    z_next = rng.normal(0, np.sqrt(trial), size=(n, n)) @ np.maximum(z, 0)
    # 2000·256 entries, but all share one weight matrix: a few per cent of spread at most.
    assert_scalar_key_at(ex, 3, trial / np.mean(z_next**2), 0.05, n=n)

    # Backward: the same with the gradient ∂L/∂a_j = Σᵢ W_ij g_i through n_out outputs.
    n_in, n_out, r, trial = 10, 60, 0.7, 1 / 10
    W = rng.normal(0, np.sqrt(trial), size=(5_000, n_out, n_in))
    g = rng.normal(0, r, size=(5_000, n_out, 1))
    factor = np.var(np.sum(W * g, axis=1)) / r**2  # 50 000 values: standard error ≈ 0.7 %
    assert_scalar_key_at(ex, 4, trial / factor, 0.04, n_in=n_in, n_out=n_out)


def test_glorot_compromise_and_uniform_range() -> None:
    ex = TOPIC.id("he-xavier-initialisation")
    for n_in, n_out in [(100, 300), (64, 64), (7, 3)]:
        assert_scalar_key_at(ex, 5, 1 / ((n_in + n_out) / 2), TIGHT, n_in=n_in, n_out=n_out)
    rho, w = sp.symbols("rho w", positive=True)
    variance = sp.integrate(w**2 / (2 * rho), (w, -rho, rho))  # density 1/(2ρ) on (−ρ, ρ)
    (root,) = sp.solve(sp.Eq(variance, sp.Rational(2, 384)), rho)
    assert_judged_correct(ex, 6, str(root))
    rng = np.random.default_rng(43)
    samples = rng.uniform(-float(root), float(root), size=1_000_000)
    assert np.var(samples) == pytest.approx(2 / 384, rel=0.01)


# --- attention-query-gradient --------------------------------------------------------


def attention_output(q, k1, k2, v1, v2):
    scores = np.array([k1 @ q, k2 @ q]) / np.sqrt(len(q))
    a = softmax(scores)
    return a[0] * v1 + a[1] * v2


def test_two_key_softmax_is_a_sigmoid() -> None:
    ex = TOPIC.id("attention-query-gradient")
    u, s2 = sp.symbols("u s2", real=True)
    a1 = sp.exp(u + s2) / (sp.exp(u + s2) + sp.exp(s2))
    assert_judged_correct(ex, 1, str(sp.simplify(a1)))


def test_query_jacobian_by_finite_differences() -> None:
    ex = TOPIC.id("attention-query-gradient")
    q, k1, k2 = np.array([1.0, 2, 0, 1]), np.array([2.0, 0, 1, 1]), np.array([1.0, 1, 2, 0])
    v1, v2 = np.array([3.0, 1]), np.array([1.0, 2])
    jacobian = central_difference(lambda p: attention_output(p, k1, k2, v1, v2), q)
    assert_judged_correct(ex, 3, float_matrix_text(jacobian), 1e-7)

    rng = np.random.default_rng(50)
    q, k1, k2 = rng.normal(size=4), rng.normal(size=4), rng.normal(size=4)
    v1, v2 = rng.normal(size=3), rng.normal(size=3)
    jacobian = central_difference(lambda p: attention_output(p, k1, k2, v1, v2), q)
    singular = np.linalg.svd(jacobian, compute_uv=False)
    rank = int(np.sum(singular > 1e-6 * singular[0]))
    assert_judged_correct(ex, 4, str(rank))

    # Move q along k1 − k2 and find where the Jacobian is largest.
    direction = k1 - k2
    steps = np.linspace(-6, 6, 2401)
    best_a1, best_norm = 0.0, -1.0
    for t in steps:
        point = q + t * direction
        size = np.linalg.norm(
            central_difference(lambda p: attention_output(p, k1, k2, v1, v2), point)
        )
        if size > best_norm:
            scores = np.array([k1 @ point, k2 @ point]) / 2
            best_a1, best_norm = softmax(scores)[0], size
    assert_judged_correct(ex, 5, number(best_a1), 0.01)

    a1 = float(softmax(np.array([k1 @ q, k2 @ q]) / 2)[0])
    got = key_value(
        ex, 2, a_1=a1, v_1=v1[:, None], v_2=v2[:, None], k_1=k1[:, None], k_2=k2[:, None]
    )
    np.testing.assert_allclose(got, jacobian, atol=1e-7)


# --- softmax-cross-entropy-hessian ---------------------------------------------------


def cross_entropy_gradient(z: np.ndarray, c: int) -> np.ndarray:
    """The gradient by finite differences of the loss itself."""
    return central_difference(lambda v: -np.log(softmax(v)[c]), z, h=1e-5)


def test_hessian_entries_by_finite_differences() -> None:
    ex = TOPIC.id("softmax-cross-entropy-hessian")
    rng = np.random.default_rng(60)
    z = rng.normal(size=4)
    p = softmax(z)
    hessians = [
        central_difference(lambda v, c=c: cross_entropy_gradient(v, c), z, h=1e-4) for c in range(4)
    ]
    H = hessians[0]
    assert_scalar_key_at(ex, 1, H[0, 2], 1e-4, p_i=float(p[0]), p_j=float(p[2]))
    assert_scalar_key_at(ex, 2, H[1, 1], 1e-4, p_i=float(p[1]))
    same = all(np.allclose(other, H, atol=1e-5) for other in hessians[1:])
    assert_judged_correct(ex, 3, "no" if same else "yes")


def test_hessian_numbers_and_smallest_eigenvalue() -> None:
    ex = TOPIC.id("softmax-cross-entropy-hessian")
    z = np.log([3.0, 2.0, 1.0])
    H = central_difference(lambda v: cross_entropy_gradient(v, 1), z, h=1e-4)
    assert_judged_correct(ex, 4, float_matrix_text(H), 1e-5)
    v = np.array([1.0, 0.0, -1.0])
    assert_judged_correct(ex, 5, number(v @ H @ v), 1e-5)
    # Exact: the Hessian of log-sum-exp from sympy, and its eigenvalues.
    symbols = sp.symbols("z1:4", real=True)
    lse = sp.log(sum(sp.exp(s) for s in symbols))
    exact = sp.hessian(lse, symbols).subs(
        dict(zip(symbols, [sp.log(3), sp.log(2), 0], strict=True))
    )
    eigenvalues = [sp.nsimplify(sp.simplify(e)) for e in exact.applyfunc(sp.simplify).eigenvals()]
    assert_judged_correct(ex, 7, str(min(eigenvalues, key=lambda e: float(e))))
