"""Independent confirmation of the matrix-calculus answer keys.

Symbolic keys (gradients, Jacobians, Hessians) are evaluated at random points and
compared with central finite differences of the original function; numeric keys
are recomputed exactly with sympy or fractions by a route other than the worked
solution (symbolic differentiation, direct linear algebra, enumeration of data).
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from answer_text import sympy_matrix_text, sympy_vector_text
from numerics import central_difference, random_gram_spd, softmax

from bank_support import BankTopic, bundled_part

TOPIC = BankTopic("matrix-calculus")
RNG_SEED = 20261126
Array = np.ndarray


def prose_entries(entries: object) -> str:
    """Whole numbers as the exercise's prose prints them, with minus signs: ``2, −1``."""
    return ", ".join(str(int(v)).replace("-", "−") for v in entries)


def numeric_jacobian(function: Callable[[Array], Array], point: Array, step: float = 1e-6) -> Array:
    """Central-difference Jacobian of a vector function of a column vector, as a plain matrix.

    ``central_difference`` keeps the column shapes (m×1 by n×1); this flattens them to m×n.
    """
    return central_difference(function, point, step).reshape(-1, point.shape[0])


def assert_close(key: Array, independent: Array, tolerance: float = 1e-6) -> None:
    key = np.asarray(key, dtype=float)
    assert key.shape == independent.shape or key.size == independent.size == 1, (
        f"shape {key.shape} vs {independent.shape}"
    )
    np.testing.assert_allclose(
        key.reshape(independent.shape), independent, rtol=tolerance, atol=tolerance
    )


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(RNG_SEED)


# linear-map-gradients ---------------------------------------------------------------


def test_linear_form_gradient_and_affine_jacobian(rng: np.random.Generator) -> None:
    A, b, c, x = (
        rng.normal(size=(3, 4)),
        rng.normal(size=(3, 1)),
        rng.normal(size=(3, 1)),
        rng.normal(size=(4, 1)),
    )
    values = {"A": A, "b": b, "c": c, "x": x}
    gradient = central_difference(lambda v: (b.T @ A @ v).item(), x)
    assert_close(TOPIC.key_at("linear-map-gradients", 1, **values), gradient)
    jacobian = numeric_jacobian(lambda v: A @ v + c, x)
    assert_close(TOPIC.key_at("linear-map-gradients", 2, **values), jacobian)


def test_linear_form_numeric_gradient_over_its_instances() -> None:
    slug = "linear-map-gradients"
    x = sp.Matrix(sp.symbols("x1:4"))
    for seed, values in TOPIC.instances(slug):
        A = sp.Matrix(np.rint(values["M"]).astype(int).tolist())
        b = sp.Matrix(np.rint(values["q"]).astype(int).ravel().tolist())
        assert f"b = [{prose_entries(b)}]." in bundled_part(TOPIC.id(slug), 3, seed).ask
        f = (b.T * A * x)[0]
        gradient = [sp.diff(f, xi) for xi in x]
        TOPIC.judged(slug, 3, sympy_vector_text(gradient), seed=seed)


# quadratic-form-nonsymmetric ----------------------------------------------------------


def test_nonsymmetric_quadratic_gradient_and_hessian(rng: np.random.Generator) -> None:
    A, b, x = rng.normal(size=(4, 4)), rng.normal(size=(4, 1)), rng.normal(size=(4, 1))

    def f(v):
        return (v.T @ A @ v + b.T @ v).item()

    assert_close(
        TOPIC.key_at("quadratic-form-nonsymmetric", 1, A=A, b=b, x=x), central_difference(f, x)
    )
    hessian = numeric_jacobian(lambda v: central_difference(f, v, 1e-4), x, 1e-4)
    assert_close(TOPIC.key_at("quadratic-form-nonsymmetric", 2, A=A, b=b, x=x), hessian, 1e-5)


def test_nonsymmetric_quadratic_numeric_gradient_over_its_instances() -> None:
    slug = "quadratic-form-nonsymmetric"
    x1, x2 = sp.symbols("x1 x2")
    v = sp.Matrix([x1, x2])
    for seed, values in TOPIC.instances(slug):
        A = sp.Matrix(np.rint(values["N"]).astype(int).tolist())
        b = sp.Matrix(np.rint(values["v"]).astype(int).ravel().tolist())
        assert f"b = [{prose_entries(b)}]," in bundled_part(TOPIC.id(slug), 3, seed).ask
        f = (v.T * A * v + b.T * v)[0]
        gradient = [sp.diff(f, s).subs({x1: 1, x2: 1}) for s in (x1, x2)]
        TOPIC.judged(slug, 3, sympy_vector_text(gradient), seed=seed)


# hessian-rank-one -----------------------------------------------------------------------


def test_rank_one_gradients_and_hessians(rng: np.random.Generator) -> None:
    a, x = rng.normal(size=(4, 1)), 0.3 * rng.normal(size=(4, 1))

    def f(v):
        return (a.T @ v).item() ** 2

    def g(v):
        return float(np.exp((a.T @ v).item()))

    assert_close(TOPIC.key_at("hessian-rank-one", 1, a=a, x=x), central_difference(f, x))
    hessian_f = numeric_jacobian(lambda v: central_difference(f, v, 1e-4), x, 1e-4)
    assert_close(TOPIC.key_at("hessian-rank-one", 2, a=a, x=x), hessian_f, 1e-5)
    hessian_g = numeric_jacobian(lambda v: central_difference(g, v, 1e-4), x, 1e-4)
    assert_close(TOPIC.key_at("hessian-rank-one", 3, a=a, x=x), hessian_g, 1e-5)


def test_rank_one_hessian_rank(rng: np.random.Generator) -> None:
    for size in (2, 3, 6):
        a = rng.normal(size=(size, 1))
        TOPIC.judged("hessian-rank-one", 4, str(np.linalg.matrix_rank(2 * a @ a.T)))


# gaussian-loglik-mean -----------------------------------------------------------------


def gaussian_log_density(x: Array, mean: Array, covariance: Array) -> float:
    deviation = x - mean
    _, log_det = np.linalg.slogdet(2 * np.pi * covariance)
    quadratic = (deviation.T @ np.linalg.solve(covariance, deviation)).item()
    return float(-0.5 * quadratic - 0.5 * log_det)


def test_gaussian_mean_gradient_stationary_point_and_hessian(rng: np.random.Generator) -> None:
    d, count = 3, 5
    Sigma = random_gram_spd(rng, d)
    data = rng.normal(size=(count, d, 1))
    mu, xbar = rng.normal(size=(d, 1)), data.mean(axis=0)

    def one(m):
        return gaussian_log_density(data[0], m, Sigma)

    def total(m):
        return sum(gaussian_log_density(x, m, Sigma) for x in data)

    values = {"Sigma": Sigma, "mu": mu, "x": data[0], "xbar": xbar, "N": float(count)}
    assert_close(TOPIC.key_at("gaussian-loglik-mean", 1, **values), central_difference(one, mu))
    assert_close(TOPIC.key_at("gaussian-loglik-mean", 2, **values), central_difference(total, mu))
    # The key for the maximiser must make the numerical gradient vanish.
    maximiser = TOPIC.key_at("gaussian-loglik-mean", 3, **values)
    assert np.allclose(central_difference(total, maximiser.reshape(d, 1)), 0, atol=1e-6)
    hessian = numeric_jacobian(lambda m: central_difference(total, m, 1e-4), mu, 1e-4)
    assert_close(TOPIC.key_at("gaussian-loglik-mean", 4, **values), hessian, 1e-5)


# norm-gradient-hessian ----------------------------------------------------------------


def test_norm_gradients(rng: np.random.Generator) -> None:
    A, b, x = rng.normal(size=(3, 4)), rng.normal(size=(3, 1)), rng.normal(size=(4, 1))
    values = {"A": A, "b": b, "x": x}
    assert_close(
        TOPIC.key_at("norm-gradient-hessian", 1, **values), central_difference(np.linalg.norm, x)
    )

    def residual_norm(v):
        return float(np.linalg.norm(A @ v - b))

    assert_close(
        TOPIC.key_at("norm-gradient-hessian", 4, **values), central_difference(residual_norm, x)
    )


def test_norm_hessian_at_a_point_over_its_instances() -> None:
    slug = "norm-gradient-hessian"
    x1, x2 = sp.symbols("x1 x2", real=True)
    norm = sp.sqrt(x1**2 + x2**2)
    for seed, values in TOPIC.instances(slug):
        k, p, q = (int(values[name]) for name in ("k", "p", "q"))
        point = [k * p, k * q]
        assert f"x = [{prose_entries(point)}]" in bundled_part(TOPIC.id(slug), 2, seed).ask
        hessian = sp.hessian(norm, (x1, x2)).subs({x1: point[0], x2: point[1]})
        TOPIC.judged(slug, 2, sympy_matrix_text(hessian), seed=seed)
        TOPIC.judged(slug, 3, sympy_vector_text(hessian * sp.Matrix(point)), seed=seed)


# least-squares-gradient ---------------------------------------------------------------


def test_least_squares_gradient_hessian_and_ridge(rng: np.random.Generator) -> None:
    count, d = 6, 3
    X, y, w = rng.normal(size=(count, d)), rng.normal(size=(count, 1)), rng.normal(size=(d, 1))
    penalty = 0.7
    values = {"X": X, "y": y, "w": w, "N": float(count), "lambda": penalty}

    def loss(v):
        return float(np.sum((X @ v - y) ** 2))

    assert_close(TOPIC.key_at("least-squares-gradient", 1, **values), central_difference(loss, w))
    hessian = numeric_jacobian(lambda v: central_difference(loss, v, 1e-4), w, 1e-4)
    assert_close(TOPIC.key_at("least-squares-gradient", 2, **values), hessian, 1e-5)

    def ridge(v):
        return loss(v) / (2 * count) + penalty / 2 * float(np.sum(v**2))

    assert_close(TOPIC.key_at("least-squares-gradient", 4, **values), central_difference(ridge, w))


def test_least_squares_line_fit() -> None:
    # Minimise the loss directly in the two unknowns, without forming the normal equations.
    w1, w2 = sp.symbols("w1 w2")
    loss = sum((w1 + w2 * t - y) ** 2 for t, y in [(0, 1), (1, 2), (2, 4)])
    solution = sp.solve([sp.diff(loss, w1), sp.diff(loss, w2)], [w1, w2])
    TOPIC.judged("least-squares-gradient", 3, sympy_vector_text([solution[w1], solution[w2]]))
    slope, intercept = np.polyfit([0, 1, 2], [1, 2, 4], 1)
    assert np.allclose([intercept, slope], [5 / 6, 3 / 2])


# trace-gradients ----------------------------------------------------------------------


def test_trace_warm_up_gradient() -> None:
    P = sp.Matrix([[2, -1], [4, 3]])
    X = sp.Matrix(2, 2, sp.symbols("x11 x12 x21 x22"))
    f = (P * X).trace()
    TOPIC.judged(
        "trace-gradients", 1, sympy_matrix_text(X.applyfunc(lambda entry: sp.diff(f, entry)))
    )


def test_trace_gradients(rng: np.random.Generator) -> None:
    p, m, n = 2, 3, 4
    A, X, B = rng.normal(size=(p, m)), rng.normal(size=(m, n)), rng.normal(size=(n, p))
    C, D = rng.normal(size=(m, m)), rng.normal(size=(n, n))
    values = {"A": A, "X": X, "B": B, "C": C, "D": D}
    cases = {
        2: lambda M: float(np.trace(A @ M @ B)),
        3: lambda M: float(np.trace(M.T @ C @ M)),
        4: lambda M: float(np.trace(M @ D @ M.T)),
    }
    for part, function in cases.items():
        assert_close(
            TOPIC.key_at("trace-gradients", part, **values), central_difference(function, X)
        )


# log-det-gradient ---------------------------------------------------------------------


def test_determinant_and_log_determinant_gradients(rng: np.random.Generator) -> None:
    n = 3
    X = random_gram_spd(rng, n) + rng.normal(size=(n, n))  # not symmetric, det > 0
    A, B = random_gram_spd(rng, n), random_gram_spd(rng, n) + 0.5 * rng.normal(size=(n, n))
    assert np.linalg.det(X) > 0 and np.linalg.det(A @ X @ B) > 0
    values = {"X": X, "A": A, "B": B}
    assert_close(
        TOPIC.key_at("log-det-gradient", 1, **values), central_difference(np.linalg.det, X), 1e-5
    )

    def log_det(M):
        return float(np.log(np.linalg.det(M)))

    assert_close(TOPIC.key_at("log-det-gradient", 2, **values), central_difference(log_det, X))
    assert_close(
        TOPIC.key_at("log-det-gradient", 3, **values),
        central_difference(lambda M: log_det(A @ M @ B), X),
    )


def test_log_det_numeric_gradient() -> None:
    X = sp.Matrix(2, 2, sp.symbols("x11 x12 x21 x22"))
    f = sp.log(X.det())
    point = dict(zip(X, [3, 1, 2, 2], strict=True))
    gradient = X.applyfunc(lambda entry: sp.diff(f, entry).subs(point))
    TOPIC.judged("log-det-gradient", 4, sympy_matrix_text(gradient))


# softmax-jacobian -----------------------------------------------------------------------


def test_softmax_jacobian_entries(rng: np.random.Generator) -> None:
    z = rng.normal(size=(3, 1))
    s = softmax(z, axis=None).ravel()
    jacobian = numeric_jacobian(lambda v: softmax(v, axis=None), z)
    values = {"s_1": s[0], "s_2": s[1], "s_3": s[2]}
    assert_close(TOPIC.key_at("softmax-jacobian", 1, **values), np.array(jacobian[0, 0]))
    assert_close(TOPIC.key_at("softmax-jacobian", 2, **values), np.array(jacobian[0, 1]))


def test_softmax_numeric_jacobian_and_cross_entropy_gradient_over_its_instances() -> None:
    slug = "softmax-jacobian"
    z = sp.symbols("z1:4")
    total = sum(sp.exp(zi) for zi in z)
    s = [sp.exp(zi) / total for zi in z]
    loss = -sp.log(s[2])
    for seed, values in TOPIC.instances(slug):
        e1, e3 = int(values["e1"]), int(values["e3"])
        ask = bundled_part(TOPIC.id(slug), 3, seed).ask
        assert f"z = (log {e1}, 0, log {e3})" in ask
        point = dict(zip(z, [sp.log(e1), 0, sp.log(e3)], strict=True))
        jacobian = sp.Matrix(
            3, 3, lambda i, j, point=point: sp.simplify(sp.diff(s[i], z[j]).subs(point))
        )
        TOPIC.judged(slug, 3, sympy_matrix_text(jacobian), seed=seed)
        gradient = [sp.simplify(sp.diff(loss, zi).subs(point)) for zi in z]
        TOPIC.judged(slug, 4, sympy_vector_text(gradient), seed=seed)


# log-sum-exp-hessian --------------------------------------------------------------------


def log_sum_exp(z: Array) -> float:
    return float(np.log(np.sum(np.exp(z))))


def test_log_sum_exp_gradient_and_shift(rng: np.random.Generator) -> None:
    z = rng.normal(size=(3, 1))
    values = {"z_1": z[0, 0], "z_2": z[1, 0], "z_3": z[2, 0], "c": 0.83}
    assert_close(
        TOPIC.key_at("log-sum-exp-hessian", 1, **values),
        np.array(central_difference(log_sum_exp, z)[1, 0]),
    )
    shifted = log_sum_exp(z + 0.83) - log_sum_exp(z)
    assert_close(TOPIC.key_at("log-sum-exp-hessian", 2, **values), np.array(shifted))


def test_log_sum_exp_hessian_and_directional_curvature() -> None:
    z = sp.symbols("z1:4")
    f = sp.log(sum(sp.exp(zi) for zi in z))
    point = dict(zip(z, [0, sp.log(3), 0], strict=True))
    hessian = sp.hessian(f, z).subs(point).applyfunc(sp.simplify)
    TOPIC.judged("log-sum-exp-hessian", 3, sympy_matrix_text(hessian))
    t = sp.symbols("t")
    along = f.subs({z[0]: t, z[1]: sp.log(3) - t, z[2]: 0}, simultaneous=True)
    TOPIC.judged("log-sum-exp-hessian", 4, str(sp.simplify(sp.diff(along, t, 2).subs(t, 0))))


# linear-layer-chain-rule ----------------------------------------------------------------


def test_linear_layer_gradients(rng: np.random.Generator) -> None:
    m, n = 2, 3
    W, x, y = rng.normal(size=(m, n)), rng.normal(size=(n, 1)), rng.normal(size=(m, 1))
    target = rng.normal(size=(m, 1))
    # For part 4 take the loss ℓ(u) = Σ exp(u - target) and its gradient g at u = Wx.
    g = np.exp(W @ x - target)
    values = {"W": W, "x": x, "y": y, "g": g}

    def loss(M):
        return 0.5 * float(np.sum((M @ x - y) ** 2))

    assert_close(TOPIC.key_at("linear-layer-chain-rule", 1, **values), central_difference(loss, W))
    assert_close(
        TOPIC.key_at("linear-layer-chain-rule", 2, **values),
        central_difference(lambda v: 0.5 * float(np.sum((W @ v - y) ** 2)), x),
    )

    def general(M):
        return float(np.sum(np.exp(M @ x - target)))

    assert_close(
        TOPIC.key_at("linear-layer-chain-rule", 4, **values), central_difference(general, W)
    )


def test_linear_layer_numeric_gradient() -> None:
    W = sp.Matrix(2, 3, sp.symbols("w11:14 w21:24"))
    residual = W * sp.Matrix([1, 0, 2]) - sp.Matrix([0, 1])
    loss = (residual.T * residual)[0] / 2
    point = dict(zip(W, [1, 2, 0, 0, 1, -1], strict=True))
    TOPIC.judged(
        "linear-layer-chain-rule",
        3,
        sympy_matrix_text(W.applyfunc(lambda entry: sp.diff(loss, entry).subs(point))),
    )


# two-layer-linear-network ---------------------------------------------------------------


def test_two_layer_gradients(rng: np.random.Generator) -> None:
    n, k, m = 4, 3, 2
    W_1, W_2 = rng.normal(size=(k, n)), rng.normal(size=(m, k))
    x, y = rng.normal(size=(n, 1)), rng.normal(size=(m, 1))
    values = {"W_1": W_1, "W_2": W_2, "x": x, "y": y}

    def loss(first, second):
        return 0.5 * float(np.sum((second @ first @ x - y) ** 2))

    assert_close(
        TOPIC.key_at("two-layer-linear-network", 1, **values),
        central_difference(lambda M: loss(W_1, M), W_2),
    )
    assert_close(
        TOPIC.key_at("two-layer-linear-network", 2, **values),
        central_difference(lambda M: loss(M, W_2), W_1),
    )


def test_two_layer_numeric_gradient() -> None:
    W_1 = sp.Matrix(2, 2, sp.symbols("a11 a12 a21 a22"))
    output = sp.Matrix([[1, 3]]) * W_1 * sp.Matrix([2, 1])
    loss = (output[0] - 1) ** 2 / 2
    point = dict(zip(W_1, [1, -1, 2, 0], strict=True))
    TOPIC.judged(
        "two-layer-linear-network",
        3,
        sympy_matrix_text(W_1.applyfunc(lambda entry: sp.diff(loss, entry).subs(point))),
    )


# gaussian-covariance-mle ----------------------------------------------------------------


def test_covariance_gradients_and_maximiser(rng: np.random.Generator) -> None:
    d, count = 3, 7
    Sigma = random_gram_spd(rng, d)
    data = rng.normal(size=(count, d))
    S = data.T @ data / count
    values = {"Sigma": Sigma, "S": S, "N": float(count)}

    def trace_term(M):
        return float(np.trace(np.linalg.solve(M, S)))

    assert_close(
        TOPIC.key_at("gaussian-covariance-mle", 1, **values), central_difference(trace_term, Sigma)
    )
    # ℓ straight from the densities (zero mean), so the constant and the trace rewrite are
    # not assumed.
    zero = np.zeros((d, 1))

    def log_likelihood(M):
        return sum(gaussian_log_density(x.reshape(d, 1), zero, M) for x in data)

    assert_close(
        TOPIC.key_at("gaussian-covariance-mle", 2, **values),
        central_difference(log_likelihood, Sigma),
        1e-5,
    )
    maximiser = TOPIC.key_at("gaussian-covariance-mle", 3, **values)
    assert np.allclose(central_difference(log_likelihood, maximiser), 0, atol=1e-5)


def test_covariance_estimate_from_data() -> None:
    points = [(1, 2), (-1, 0), (2, 1), (-2, -3)]
    sums = [
        [sum(Fraction(p[i] * p[j]) for p in points) / len(points) for j in range(2)]
        for i in range(2)
    ]
    TOPIC.judged("gaussian-covariance-mle", 4, sympy_matrix_text(sums))
    assert np.allclose(np.cov(np.array(points).T, bias=True), [[2.5, 2.5], [2.5, 3.5]])


# log-det-projected ----------------------------------------------------------------------


def test_projected_log_det_gradient_and_trace(rng: np.random.Generator) -> None:
    n, k = 5, 2
    A, X = random_gram_spd(rng, n), rng.normal(size=(n, k))

    def f(M):
        return float(np.linalg.slogdet(M.T @ A @ M)[1])

    gradient = central_difference(f, X)
    assert_close(TOPIC.key_at("log-det-projected", 1, A=A, X=X, k=float(k)), gradient)
    assert_close(
        TOPIC.key_at("log-det-projected", 2, A=A, X=X, k=float(k)),
        np.array(np.trace(X.T @ gradient)),
    )


def test_projected_log_det_numeric_gradient() -> None:
    A = sp.Matrix([[2, 1, 0], [1, 2, 0], [0, 0, 1]])
    X = sp.Matrix(3, 2, sp.symbols("x11 x12 x21 x22 x31 x32"))
    f = sp.log((X.T * A * X).det())
    point = dict(zip(X, [1, 0, 0, 1, 0, 1], strict=True))
    TOPIC.judged(
        "log-det-projected",
        3,
        sympy_matrix_text(X.applyfunc(lambda entry: sp.simplify(sp.diff(f, entry).subs(point)))),
    )


# rayleigh-quotient ----------------------------------------------------------------------


def rayleigh(A: Array, x: Array) -> float:
    return (x.T @ A @ x).item() / (x.T @ x).item()


def test_rayleigh_gradient(rng: np.random.Generator) -> None:
    root = rng.normal(size=(4, 4))
    A, x = root + root.T, rng.normal(size=(4, 1))
    gradient = central_difference(lambda v: rayleigh(A, v), x)
    assert_close(TOPIC.key_at("rayleigh-quotient", 1, A=A, x=x), gradient)


def test_rayleigh_stationary_points_are_eigenvectors(rng: np.random.Generator) -> None:
    root = rng.normal(size=(4, 4))
    A = root + root.T
    _, vectors = np.linalg.eigh(A)
    for vector in vectors.T:
        point = 2.5 * vector.reshape(4, 1)
        assert np.allclose(central_difference(lambda v: rayleigh(A, v), point), 0, atol=1e-6)
    for _ in range(5):  # a random vector is not an eigenvector, and there r is not stationary
        point = rng.normal(size=(4, 1))
        assert np.abs(central_difference(lambda v: rayleigh(A, v), point)).max() > 1e-3
    TOPIC.judged("rayleigh-quotient", 2, "a")


def test_rayleigh_maximum_and_scale_invariance(rng: np.random.Generator) -> None:
    A = np.array([[3.0, 2.0], [2.0, 0.0]])
    angles = np.linspace(0, np.pi, 2001)
    best = max(rayleigh(A, np.array([[np.cos(t)], [np.sin(t)]])) for t in angles)
    assert abs(best - 4) < 1e-4
    TOPIC.judged("rayleigh-quotient", 3, str(round(float(np.linalg.eigvalsh(A).max()), 9)))
    a, b, c, x1, x2 = sp.symbols("a b c x1 x2", real=True)
    r = (a * x1**2 + 2 * b * x1 * x2 + c * x2**2) / (x1**2 + x2**2)
    directional = sp.simplify(x1 * sp.diff(r, x1) + x2 * sp.diff(r, x2))
    TOPIC.judged("rayleigh-quotient", 4, str(directional))
