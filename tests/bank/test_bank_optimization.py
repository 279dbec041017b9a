"""Independent confirmation of every computable key in bank/optimization.

Each key is recomputed by a route other than the worked solution: simulated gradient
and Newton iterations, finite-difference gradients and Hessians, bisection and
golden-section searches, brute-force scans of feasible sets, direct linear solves of
KKT systems, companion-matrix eigenvalues, sympy differentiation and midpoint-convexity
sampling. The result goes to the real checker (``assert_judged_correct``); matrix and
symbolic keys are evaluated with ``key_value`` and compared numerically.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from answer_text import (
    exact_matrix_text,
    exact_tuple_text,
    exact_vector_text,
    number,
    simple_fraction,
)
from numerics import (
    bisect,
    central_difference,
    derivative,
    golden_minimum,
    hessian,
    random_gram_spd,
    second_derivative,
)

from bank_support import (
    BankTopic,
    assert_judged_correct,
    bundled_bank,
    bundled_exercise,
    bundled_part,
    key_array,
)

TOPIC = BankTopic("optimization")
Array = np.ndarray
TIGHT = 1e-9


def prose_number(value: float) -> str:
    """A whole number as the exercise's prose prints it (a minus sign, not a hyphen)."""
    assert float(value).is_integer(), value
    return str(int(value)).replace("-", "−")


# --- quadratic-step-size -----------------------------------------------------------

STEP_H = np.array([[4.0, 1.0], [1.0, 2.0]])


def contraction(eta: float) -> float:
    """Spectral radius of the gradient-descent error map I − ηH."""
    return float(np.abs(np.linalg.eigvals(np.eye(2) - eta * STEP_H)).max())


def gd_error_after(eta: float, steps: int) -> float:
    error = np.array([1.0, -0.7])
    for _ in range(steps):
        error = error - eta * STEP_H @ error
    return float(np.linalg.norm(error))


def test_quadratic_step_size() -> None:
    exercise = TOPIC.id("quadratic-step-size")
    assert_judged_correct(exercise, 1, number(np.linalg.eigvalsh(STEP_H).max()), tolerance=TIGHT)
    eta_max = bisect(lambda eta: contraction(eta) < 1, 0.1, 1.0)
    assert gd_error_after(0.99 * eta_max, 300) < 0.1 < 10 < gd_error_after(1.01 * eta_max, 300)
    assert_judged_correct(exercise, 2, number(eta_max), tolerance=1e-9)
    assert_judged_correct(
        exercise, 3, number(golden_minimum(contraction, 0.1, 0.45)), tolerance=1e-7
    )


# --- gd-step-one-dimension ---------------------------------------------------------


def parabola_factor(a: float, minimiser: float, eta: float) -> float:
    """(x₁ − m)/(x₀ − m) for one step on a(x − m)², with a finite-difference derivative."""
    x0 = minimiser + 3.3
    slope = central_difference(lambda p: a * (p[0] - minimiser) ** 2, [x0], h=1e-5)
    x1 = x0 - eta * slope[0]
    return (x1 - minimiser) / (x0 - minimiser)


def iterate_behaviour(a: float, m: float, eta: float) -> str:
    """The label of the options of part (d) that 30 simulated steps show."""
    x, path = m + 5.0, []
    for _ in range(30):
        x -= eta * 2 * a * (x - m)
        path.append(x - m)
    signs_alternate = all(p * q < 0 for p, q in itertools.pairwise(path))
    shrinking = all(abs(q) < abs(p) for p, q in itertools.pairwise(path))
    return {(True, True): "b", (False, True): "a", (True, False): "c"}.get(
        (signs_alternate, shrinking), "d"
    )


def test_gd_step_one_dimension_over_its_instances() -> None:
    slug = "gd-step-one-dimension"
    for seed, values in TOPIC.instances(slug):
        a, m, eta = values["a"], values["m"], values["eta"]

        def factor(step: float, a: float = a, m: float = m) -> float:
            return parabola_factor(a, m, step)

        TOPIC.judged(slug, 1, number(factor(eta)), tolerance=1e-7, seed=seed)
        eta_max = bisect(lambda step, factor=factor: abs(factor(step)) < 1, 0.001, 10.0)
        TOPIC.judged(slug, 2, number(eta_max), tolerance=1e-7, seed=seed)
        one_step = bisect(lambda step, factor=factor: factor(step) > 0, 0.001, eta_max)
        TOPIC.judged(slug, 3, number(one_step), tolerance=1e-7, seed=seed)
        shown_eta = 9 / (10 * a)  # the step part (d) asks about
        assert f"η = {number(shown_eta)}" in bundled_part(TOPIC.id(slug), 4, seed).ask
        TOPIC.judged(slug, 4, iterate_behaviour(a, m, shown_eta), seed=seed)


# --- softplus-convexity ------------------------------------------------------------


def test_softplus_derivatives() -> None:
    x = sp.Symbol("x", real=True)
    softplus = sp.log(1 + sp.exp(x))
    exercise = TOPIC.id("softplus-convexity")
    assert_judged_correct(exercise, 1, str(sp.diff(softplus, x)))
    assert_judged_correct(exercise, 2, str(sp.diff(softplus, x, 2)))


def test_softplus_derivatives_against_finite_differences() -> None:
    exercise = TOPIC.id("softplus-convexity")
    step = 1e-3
    for point in (-3.1, -0.4, 0.0, 1.7, 5.2):
        f = lambda t: np.log1p(np.exp(t))  # noqa: E731
        first = derivative(f, point, step)
        second = second_derivative(f, point, step)
        assert key_array(exercise, 1, x=point) == pytest.approx(first, rel=1e-6)
        assert key_array(exercise, 2, x=point) == pytest.approx(second, rel=1e-4)


def test_softplus_curvature_is_positive_and_peaks_at_a_quarter() -> None:
    grid = np.linspace(-30, 30, 600_001)
    curvature = np.exp(grid) / (1 + np.exp(grid)) ** 2
    exercise = TOPIC.id("softplus-convexity")
    assert_judged_correct(exercise, 3, "yes" if curvature.min() > 0 else "no")
    assert_judged_correct(exercise, 4, number(curvature.max()), tolerance=1e-8)


# --- convexity-rules ---------------------------------------------------------------


def looks_convex(f, sample, trials: int = 4000, seed: int = 3) -> bool:
    """No violation of f(θx + (1−θ)y) ≤ θf(x) + (1−θ)f(y) among random triples."""
    rng = np.random.default_rng(seed)
    for _ in range(trials):
        x, y, theta = sample(rng), sample(rng), rng.uniform()
        if f(theta * x + (1 - theta) * y) > theta * f(x) + (1 - theta) * f(y) + 1e-9:
            return False
    return True


def test_convexity_rules_by_sampling() -> None:
    rng = np.random.default_rng(0)
    A, b = rng.standard_normal((3, 2)), rng.standard_normal(3)
    a, label = rng.standard_normal(2), -1.0
    plane = lambda r: r.normal(scale=2, size=2)  # noqa: E731
    line = lambda r: r.normal(scale=2)  # noqa: E731
    positive = lambda r: r.uniform(0.01, 5)  # noqa: E731
    candidates = {
        "a": (lambda x: np.linalg.norm(A @ x - b), plane),
        "b": (lambda t: np.exp(-t * t), line),
        "c": (lambda w: np.log1p(np.exp(-label * w @ a)), plane),
        "d": (np.sqrt, positive),
        "e": (np.max, lambda r: r.normal(size=3)),
        "f": (lambda x: x[0] * x[1], plane),
        "g": (lambda t: 1 / t, positive),
        "h": (lambda t: (t * t - 1) ** 2, line),
    }
    convex = [name for name, (f, sample) in candidates.items() if looks_convex(f, sample)]
    assert_judged_correct(TOPIC.id("convexity-rules"), 1, ", ".join(convex))


def test_composition_rule_survives_only_with_convex_nondecreasing_outer() -> None:
    outers = {  # g: (convex, non-decreasing, concave, non-increasing)
        "exp(u)": (np.exp, (True, True, False, False)),
        "exp(-u)": (lambda u: np.exp(-u), (True, False, False, True)),
        "-exp(-u)": (lambda u: -np.exp(-u), (False, True, True, False)),
        "-u": (lambda u: -u, (True, False, True, True)),
        "u": (lambda u: u, (True, True, True, False)),
        "softplus": (lambda u: np.log1p(np.exp(u)), (True, True, False, False)),
        "u^2": (lambda u: u * u, (True, False, False, False)),
    }
    inners = [lambda t: t * t, lambda t: np.abs(t - 1), lambda t: np.exp(t) - 2, lambda t: t]
    conditions = {
        "a": lambda p: p[0],
        "b": lambda p: p[0] and p[1],
        "c": lambda p: p[1],
        "d": lambda p: p[2] and p[3],
    }
    line = lambda r: r.normal(scale=1.5)  # noqa: E731
    surviving = [
        label
        for label, holds in conditions.items()
        if all(
            looks_convex(lambda t, g=g, h=h: g(h(t)), line, trials=1500)
            for g, properties in outers.values()
            if holds(properties)
            for h in inners
        )
    ]
    assert_judged_correct(TOPIC.id("convexity-rules"), 2, ", ".join(surviving))


# --- hessian-convexity-parameter ---------------------------------------------------


def curvature_quadratic(b: float, p: float, c: float) -> Callable[[Array], float]:
    """f(x, y) = x² + b xy + c y² + p x − y."""
    return lambda v: v[0] ** 2 + b * v[0] * v[1] + c * v[1] ** 2 + p * v[0] - v[1]


def test_hessian_convexity_parameter_over_its_instances() -> None:
    slug = "hessian-convexity-parameter"
    exercise = TOPIC.id(slug)
    for seed, values in TOPIC.instances(slug):
        b, p = values["b"], values["p"]
        assert f"x² + {prose_number(b)}xy + c y² + {prose_number(p)}x − y" in (
            bundled_exercise(exercise, seed).statement
        )

        def quadratic(c: float, b: float = b, p: float = p) -> Callable[[Array], float]:
            return curvature_quadratic(b, p, c)

        at_zero = hessian(quadratic(0.0), [0.3, -1.2])
        slope = hessian(quadratic(1.0), [0.3, -1.2]) - at_zero  # entries are affine in c
        constant, rate = (
            [[simple_fraction(v, relative=False) for v in row] for row in m]
            for m in (at_zero, slope)
        )
        entries = [[f"{constant[i][j]} + ({rate[i][j]})*c" for j in range(2)] for i in range(2)]
        matrix = "[" + ", ".join("[" + ", ".join(row) + "]" for row in entries) + "]"
        TOPIC.judged(slug, 1, matrix, seed=seed)

        def smallest_eigenvalue(c: float, quadratic=quadratic) -> float:
            return float(np.linalg.eigvalsh(hessian(quadratic(c), [0.0, 0.0]))[0])

        c0 = bisect(lambda c, low=smallest_eigenvalue: low(c) < -1e-7, 0.0, 10.0)
        TOPIC.judged(slug, 2, number(c0), tolerance=1e-5, seed=seed)
        # part (c) names its own c; solve the stationarity equations symbolically
        ask = bundled_part(exercise, 3, seed).ask
        c_shown = sp.Rational(ask.split("Take c = ")[1].split(".")[0])
        x, y = sp.symbols("x y")
        f = x**2 + int(b) * x * y + c_shown * y**2 + int(p) * x - y
        solution = sp.solve([sp.diff(f, x), sp.diff(f, y)], [x, y])
        assert sp.Matrix(sp.hessian(f, (x, y))).is_positive_definite
        TOPIC.judged(slug, 3, f"[{solution[x]}, {solution[y]}]", seed=seed)
        # at c₀ walk both ways along the Hessian's flat direction
        boundary = quadratic(float(c0))
        _, vectors = np.linalg.eigh(hessian(boundary, [0.0, 0.0]))
        flat = vectors[:, 0]
        lowest = min(boundary(t * flat) for t in (-1e4, 1e4))
        TOPIC.judged(slug, 4, "no" if lowest < -1e3 else "yes", seed=seed)


# --- newton-step-quadratic ---------------------------------------------------------


def newton_quadratic(coefficients: dict[str, float]) -> Callable[[Array], float]:
    """f(x, y) = a x² + b xy + y² + d x + e y with an instance's numbers."""
    a, b, d, e = (coefficients[name] for name in ("a", "b", "d", "e"))

    def f(p: Array) -> float:
        x, y = p
        return float(a * x**2 + b * x * y + y**2 + d * x + e * y)

    return f


def test_newton_step_quadratic_over_its_instances() -> None:
    slug = "newton-step-quadratic"
    exercise = TOPIC.id(slug)
    for seed, values in TOPIC.instances(slug):
        f = newton_quadratic(values)
        start = np.array([values["s"], values["t"]])
        assert (
            f"({prose_number(start[0])}, {prose_number(start[1])})"
            in bundled_part(exercise, 1, seed).ask
        )
        g = central_difference(f, start, h=1e-5)
        H = hessian(f, start)
        TOPIC.judged(slug, 1, exact_vector_text(g, relative=False), seed=seed)
        TOPIC.judged(slug, 2, exact_matrix_text(H, relative=False), seed=seed)
        newton_step = np.linalg.solve(H, g)
        # part (d)'s solution says the gradient does not point at the minimiser
        assert abs(g[0] * newton_step[1] - g[1] * newton_step[0]) > 1e-6, seed
        newton_point = start - newton_step
        # it is the minimiser: a grid search around it finds nothing lower
        offsets = np.linspace(-0.5, 0.5, 21)
        lowest = f(newton_point)
        assert all(
            f(newton_point + np.array([u, v])) >= lowest - 1e-9 for u in offsets for v in offsets
        )
        TOPIC.judged(slug, 3, exact_vector_text(newton_point, relative=False), seed=seed)
        TOPIC.judged(slug, 4, exact_vector_text(start - g / 8, relative=False), seed=seed)


def test_newton_step_quadratic_gradient_never_points_at_the_minimiser() -> None:
    # Such starts are rare (a = 5, b = 3 only), so look at far more seeds than the loop above.
    from penpaper.instances.drawing import drawn_values

    exercise = bundled_bank().exercises[TOPIC.id("newton-step-quadratic")]
    for seed in range(1500):
        a, b, d, e, s, t = (drawn_values(exercise, seed)[name] for name in "abdest")
        g1, g2 = 2 * a * s + b * t + d, b * s + 2 * t + e
        # H⁻¹g up to the positive factor det H: parallel to g exactly when this is zero
        assert g1 * (2 * a * g2 - b * g1) != g2 * (2 * g1 - b * g2), seed


# --- newton-reciprocal -------------------------------------------------------------


def test_newton_reciprocal_symbolically() -> None:
    a, x, r = sp.symbols("a x r", positive=True)
    f = a * x - sp.log(x)
    exercise = TOPIC.id("newton-reciprocal")
    (minimiser,) = sp.solve(sp.diff(f, x), x)
    assert_judged_correct(exercise, 1, str(minimiser))
    update = sp.simplify(x - sp.diff(f, x) / sp.diff(f, x, 2))
    assert_judged_correct(exercise, 2, str(sp.expand(update)))
    next_residual = sp.expand((1 - a * update).subs(x, (1 - r) / a))
    assert_judged_correct(exercise, 3, str(next_residual))


def newton_converges(a: float, x0: float) -> bool:
    x = x0
    for _ in range(60):
        if x <= 0:
            return False
        x = x - (a - 1 / x) / (1 / x**2)
    return abs(x - 1 / a) < 1e-9


def test_newton_reciprocal_basin_and_iterates() -> None:
    exercise = TOPIC.id("newton-reciprocal")
    # the edge of the basin found by running Newton's method; hand it over as x_max = k/a
    edge = bisect(lambda x0: newton_converges(5.0, x0), 0.1, 2.0, steps=60)
    assert_judged_correct(exercise, 4, f"{simple_fraction(edge * 5.0, relative=False)}/a")
    x = Fraction(1, 2)
    for _ in range(3):
        x = x - (3 - 1 / x) * x * x
    assert_judged_correct(exercise, 5, str(x))


def test_newton_reciprocal_basin_edge_for_several_a() -> None:
    exercise = TOPIC.id("newton-reciprocal")
    for a in (0.5, 3.0, 7.0):
        edge = bisect(lambda x0, a=a: newton_converges(a, x0), 0.5 / a, 10 / a, steps=60)
        assert float(key_array(exercise, 1, a=a)) == pytest.approx(
            golden_minimum(lambda x, a=a: a * x - np.log(x), 0.01 / a, 10 / a), rel=1e-7
        )
        assert float(key_array(exercise, 4, a=a)) == pytest.approx(edge, rel=1e-9)


# --- lagrange-weighted-budget ------------------------------------------------------


def weighted_budget(weights: Array, c: float) -> tuple[Array, float]:
    """Solve the KKT linear system of min Σ dᵢpᵢ² s.t. Σpᵢ = c: (minimiser, λ)."""
    system = np.zeros((4, 4))
    system[:3, :3] = np.diag(2 * weights)
    system[:3, 3] = -1.0  # ∇f − λ∇g = 0
    system[3, :3] = 1.0
    solution = np.linalg.solve(system, [0, 0, 0, c])
    return solution[:3], solution[3]


def budget_minimum(weights: Array, c: float) -> float:
    point, _ = weighted_budget(weights, c)
    return float(point @ (weights * point))


def test_lagrange_weighted_budget_over_its_instances() -> None:
    slug = "lagrange-weighted-budget"
    rng = np.random.default_rng(5)
    for seed, values in TOPIC.instances(slug):
        k = values["k"]
        weights = np.array([1.0, k, k**2])
        statement = bundled_exercise(TOPIC.id(slug), seed).statement
        # the budget c the statement names, read back from its text
        budget = float(Fraction(statement.split("first for c = ")[1].split(",")[0]))
        assert f"x² + {prose_number(k)}y² + {prose_number(k**2)}z²" in statement
        point, multiplier = weighted_budget(weights, budget)
        # no feasible point near the solution does better
        for _ in range(200):
            move = rng.normal(size=3)
            move -= move.mean()  # stay on the plane
            moved = point + move
            assert budget_minimum(weights, budget) <= float(moved @ (weights * moved)) + 1e-9
        TOPIC.judged(slug, 1, number(multiplier), tolerance=TIGHT, seed=seed)
        TOPIC.judged(slug, 2, exact_vector_text(point, relative=False), seed=seed)
        levels = [1.0, 2.0, 3.0, 5.0]
        coefficient = np.polyfit(levels, [budget_minimum(weights, c) for c in levels], 2)
        assert coefficient[1:] == pytest.approx([0, 0], abs=1e-9)
        fraction = simple_fraction(coefficient[0], relative=False)
        TOPIC.judged(slug, 3, f"{fraction} c^2", seed=seed)
        slope = derivative(lambda c, weights=weights: budget_minimum(weights, c), budget, 1e-4)
        TOPIC.judged(slug, 4, number(slope), tolerance=1e-8, seed=seed)


# --- kkt-two-constraints -----------------------------------------------------------

TARGET = np.array([4.0, -1.0])


def distance_squared(points: np.ndarray) -> np.ndarray:
    return np.sum((points - TARGET) ** 2, axis=-1)


def test_kkt_two_constraints_by_brute_force() -> None:
    exercise = TOPIC.id("kkt-two-constraints")
    t = np.linspace(-10, 10, 2_000_001)
    on_first_line = np.column_stack([t, 2 - t])
    assert_judged_correct(
        exercise,
        1,
        exact_vector_text(
            on_first_line[np.argmin(distance_squared(on_first_line))], relative=False
        ),
    )
    on_second_line = np.column_stack([t, np.zeros_like(t)])
    assert_judged_correct(
        exercise,
        2,
        exact_vector_text(
            on_second_line[np.argmin(distance_squared(on_second_line))], relative=False
        ),
    )
    xs, ys = np.meshgrid(np.linspace(-2, 6, 1601), np.linspace(0, 4, 801))
    grid = np.stack([xs.ravel(), ys.ravel()], axis=1)
    feasible = grid[grid[:, 0] + grid[:, 1] <= 2 + 1e-12]
    best = feasible[np.argmin(distance_squared(feasible))]
    assert_judged_correct(exercise, 3, exact_vector_text(best, relative=False))
    # multipliers from stationarity at the grid optimum: ∇f + μ₁(1, 1) + μ₂(0, −1) = 0
    multipliers = np.linalg.solve(
        np.array([[1.0, 0.0], [1.0, -1.0]]),
        -central_difference(lambda p: distance_squared(p), best, h=1e-5),
    )
    assert_judged_correct(exercise, 4, number(multipliers[0]), tolerance=1e-8)
    assert_judged_correct(exercise, 5, number(multipliers[1]), tolerance=1e-8)


def test_kkt_multipliers_are_sensitivities() -> None:
    """Relaxing a constraint by ε lowers the brute-force optimum by about μ·ε."""
    xs, ys = np.meshgrid(np.linspace(1.5, 2.5, 1001), np.linspace(-0.5, 0.5, 1001))
    grid = np.stack([xs.ravel(), ys.ravel()], axis=1)

    def optimum(first: float, second: float) -> float:
        inside = (grid[:, 0] + grid[:, 1] <= first + 1e-12) & (-grid[:, 1] <= second + 1e-12)
        feasible = grid[inside]
        return float(distance_squared(feasible).min())

    base, epsilon = optimum(2.0, 0.0), 0.02
    exercise = TOPIC.id("kkt-two-constraints")
    assert_judged_correct(
        exercise, 4, number((base - optimum(2 + epsilon, 0)) / epsilon), tolerance=0.02
    )
    assert_judged_correct(
        exercise, 5, number((base - optimum(2, epsilon)) / epsilon), tolerance=0.02
    )


# --- least-squares-line ------------------------------------------------------------


def test_least_squares_general_keys() -> None:
    exercise = TOPIC.id("least-squares-line")
    rng = np.random.default_rng(7)
    X, y, w = rng.standard_normal((6, 3)), rng.standard_normal((6, 1)), rng.standard_normal((3, 1))
    loss = lambda v: float(np.sum((X @ v.reshape(3, 1) - y) ** 2))  # noqa: E731
    numeric = central_difference(loss, w.ravel(), h=1e-5).reshape(3, 1)
    assert np.allclose(key_array(exercise, 1, X=X, y=y, w=w), numeric, rtol=1e-6, atol=1e-6)
    best = np.linalg.lstsq(X, y, rcond=None)[0]
    assert np.allclose(key_array(exercise, 2, X=X, y=y), best, rtol=1e-9, atol=1e-12)


def test_least_squares_line_fit() -> None:
    exercise = TOPIC.id("least-squares-line")
    t = np.array([0.0, 1.0, 2.0, 3.0])
    y = np.array([1.0, 3.0, 4.0, 8.0])
    X = np.column_stack([np.ones(4), t])
    fit = np.polyfit(t, y, 1)[::-1]  # numpy's own polynomial fit: [intercept, slope]
    assert_judged_correct(exercise, 3, exact_vector_text(fit, relative=False))
    residual_sum = float(np.sum(y - X @ fit))
    assert abs(residual_sum) < 1e-12
    assert_judged_correct(exercise, 4, str(simple_fraction(residual_sum, relative=False)))


# --- ridge-regression --------------------------------------------------------------


def ridge_by_augmentation(X, y, lam):
    """Ridge as plain least squares on [X; √λ I] and [y; 0]."""
    d = X.shape[1]
    augmented = np.vstack([X, np.sqrt(lam) * np.eye(d)])
    return np.linalg.lstsq(augmented, np.vstack([y, np.zeros((d, 1))]), rcond=None)[0]


def test_ridge_general_keys() -> None:
    exercise = TOPIC.id("ridge-regression")
    rng = np.random.default_rng(8)
    for n, d in ((7, 3), (3, 5)):
        X, y = rng.standard_normal((n, d)), rng.standard_normal((n, 1))
        w, lam = rng.standard_normal((d, 1)), 0.7
        loss = lambda v, X=X, y=y, lam=lam, d=d: float(  # noqa: E731
            np.sum((X @ v.reshape(d, 1) - y) ** 2) + lam * v @ v
        )
        assert np.allclose(
            key_array(exercise, 1, X=X, y=y, w=w, **{"lambda": lam}),
            central_difference(loss, w.ravel(), h=1e-5).reshape(d, 1),
            rtol=1e-6,
            atol=1e-6,
        )
        best = ridge_by_augmentation(X, y, lam)
        assert np.allclose(key_array(exercise, 2, X=X, y=y, **{"lambda": lam}), best, atol=1e-10)
        alpha = key_array(exercise, 4, X=X, y=y, **{"lambda": lam})
        assert alpha.shape == (n, 1)
        assert np.allclose(X.T @ alpha, best, atol=1e-10)


def test_ridge_small_example_and_cost() -> None:
    exercise = TOPIC.id("ridge-regression")
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    y = np.array([[1.0], [2.0], [3.0]])
    assert_judged_correct(
        exercise, 3, exact_vector_text(ridge_by_augmentation(X, y, 1.0).ravel(), relative=False)
    )
    # the n×n form inverts X Xᵀ + λI: smaller exactly when there are fewer rows than columns
    wide = np.zeros((4, 9))
    assert (wide @ wide.T).shape[0] < (wide.T @ wide).shape[0]
    assert_judged_correct(exercise, 5, "a")


# --- exact-line-search -------------------------------------------------------------

LINE_H = np.diag([2.0, 8.0])


def line_quadratic(x) -> float:
    return 0.5 * float(x @ LINE_H @ x)


def test_exact_line_search_formula() -> None:
    rng = np.random.default_rng(9)
    H, b, x = random_gram_spd(rng, 4), rng.standard_normal(4), rng.standard_normal(4)
    g = H @ x - b
    phi = lambda eta: 0.5 * (x - eta * g) @ H @ (x - eta * g) - b @ (x - eta * g)  # noqa: E731
    step = golden_minimum(phi, 0.0, 10.0)
    value = key_array(TOPIC.id("exact-line-search"), 1, H=H, g=g.reshape(4, 1))
    assert float(value) == pytest.approx(step, rel=1e-6)


def test_exact_line_search_worked_example() -> None:
    exercise = TOPIC.id("exact-line-search")
    x0 = np.array([4.0, 1.0])
    g0 = central_difference(line_quadratic, x0, h=1e-5)
    step = golden_minimum(lambda eta: line_quadratic(x0 - eta * g0), 0.0, 2.0)
    assert_judged_correct(exercise, 2, number(step), tolerance=1e-7)
    x1 = x0 - step * g0
    assert_judged_correct(exercise, 3, exact_vector_text(x1, relative=False))
    inner = float(g0 @ central_difference(line_quadratic, x1, h=1e-5))
    assert abs(inner) < 1e-5
    assert_judged_correct(exercise, 4, str(simple_fraction(round(inner, 6), relative=False)))
    assert_judged_correct(
        exercise, 5, number(line_quadratic(x1) / line_quadratic(x0)), tolerance=1e-7
    )


# --- condition-number-gd -----------------------------------------------------------


def worst_contraction(mu: float, L: float, eta: float) -> float:
    """Spectral radius of I − ηH for a Hessian with eigenvalues spread over [μ, L]."""
    H = np.diag(np.linspace(mu, L, 7))
    return float(np.abs(np.linalg.eigvals(np.eye(7) - eta * H)).max())


def test_condition_number_rates() -> None:
    exercise = TOPIC.id("condition-number-gd")
    for mu, L in ((1.0, 4.0), (0.3, 30.0), (2.0, 2.5)):
        kappa = L / mu
        assert float(key_array(exercise, 1, kappa=kappa)) == pytest.approx(
            worst_contraction(mu, L, 1 / L), rel=1e-9
        )
        assert float(key_array(exercise, 2, kappa=kappa)) == pytest.approx(
            worst_contraction(mu, L, 2 / (mu + L)), rel=1e-9
        )


def test_condition_number_step_count_and_scaling() -> None:
    exercise = TOPIC.id("condition-number-gd")
    # run gradient descent with η = 2/(μ + L) on diag(1, 101) from the slowest start
    error, steps = np.array([1.0, 0.0]), 0
    while np.linalg.norm(error) > 1e-6:
        error = error - (2 / 102) * np.array([1.0, 101.0]) * error
        steps += 1
    assert_judged_correct(exercise, 3, str(steps))
    loss = lambda w: (w[0] - 1) ** 2 + 100 * (w[1] + 2) ** 2  # noqa: E731
    eigenvalues = np.linalg.eigvalsh(hessian(loss, [0.4, 0.9]))
    assert_judged_correct(
        exercise, 4, number(eigenvalues.max() / eigenvalues.min()), tolerance=1e-6
    )

    def rescaled_ratio(s: float) -> float:
        values = np.linalg.eigvalsh(hessian(lambda p: loss([p[0], p[1] / s]), [0.4, 0.9]))
        return values[1] / values[0] if values[1] > values[0] else values[0] / values[1]

    best = golden_minimum(rescaled_ratio, 1.0, 50.0)
    assert rescaled_ratio(best) == pytest.approx(1.0, abs=1e-6)
    assert_judged_correct(exercise, 5, number(best), tolerance=1e-5)


# --- rayleigh-lagrange -------------------------------------------------------------

RAYLEIGH_A = np.array([[2.0, 2.0], [2.0, 5.0]])


def test_rayleigh_lagrange_by_scanning_the_circle() -> None:
    exercise = TOPIC.id("rayleigh-lagrange")
    angles = np.linspace(0, np.pi, 1_000_001)
    circle = np.column_stack([np.cos(angles), np.sin(angles)])
    values = np.einsum("ij,jk,ik->i", circle, RAYLEIGH_A, circle)
    rough = angles[np.argmax(values)]
    best_angle = golden_minimum(
        lambda a: -float([np.cos(a), np.sin(a)] @ RAYLEIGH_A @ [np.cos(a), np.sin(a)]),
        rough - 1e-3,
        rough + 1e-3,
    )
    top = np.array([np.cos(best_angle), np.sin(best_angle)])
    objective = lambda x: float(x @ RAYLEIGH_A @ x)  # noqa: E731
    constraint = lambda x: float(x @ x)  # noqa: E731
    # multiplier from ∇f = λ∇g at the maximiser, with finite-difference gradients
    grad_f, grad_g = (
        central_difference(objective, top, h=1e-5),
        central_difference(constraint, top, h=1e-5),
    )
    multiplier = float(grad_f @ grad_g / (grad_g @ grad_g))
    satisfied = {
        "a": np.allclose(RAYLEIGH_A @ top, multiplier * top, atol=1e-5),
        "b": np.allclose(2 * RAYLEIGH_A @ top, multiplier * top, atol=1e-5),
        "c": np.allclose(top, multiplier * RAYLEIGH_A @ top, atol=1e-5),
        "d": np.allclose(RAYLEIGH_A @ top, multiplier * np.ones(2), atol=1e-5),
    }
    assert_judged_correct(exercise, 1, ", ".join(k for k, ok in satisfied.items() if ok))
    assert_judged_correct(exercise, 3, number(values.max()), tolerance=1e-9)
    top = top * np.sign(top[0])
    assert_judged_correct(
        exercise,
        4,
        "[" + ", ".join(f"sqrt({simple_fraction(v * v, relative=False)})" for v in top) + "]",
    )
    orthogonal = np.abs(circle @ top) < 1e-5
    assert_judged_correct(exercise, 5, number(values[orthogonal].max()), tolerance=1e-8)


def test_rayleigh_objective_equals_multiplier_at_the_stationary_points() -> None:
    on_circle = lambda a: np.array([np.cos(a), np.sin(a)])  # noqa: E731
    objective = lambda x: float(x @ RAYLEIGH_A @ x)  # noqa: E731
    # the maximiser and the minimiser on the circle are the stationary points of L
    for sign in (1.0, -1.0):
        angle = golden_minimum(lambda a, sign=sign: -sign * objective(on_circle(a)), 0.0, np.pi)
        x = on_circle(angle)
        grad_f, grad_g = (
            central_difference(objective, x, h=1e-5),
            central_difference(lambda v: float(v @ v), x, h=1e-5),
        )
        multiplier = float(grad_f @ grad_g / (grad_g @ grad_g))
        assert np.linalg.norm(grad_f - multiplier * grad_g) < 1e-6
        value = float(key_array(TOPIC.id("rayleigh-lagrange"), 2, **{"lambda": multiplier}))
        assert value == pytest.approx(objective(x), rel=1e-8)


# --- heavy-ball-quadratic ----------------------------------------------------------


def momentum_roots(eta: float, beta: float, h: float) -> np.ndarray:
    """Eigenvalues of the map (x_k, x_{k−1}) ↦ (x_{k+1}, x_k)."""
    step = np.array([[1 + beta - eta * h, -beta], [1.0, 0.0]])
    return np.linalg.eigvals(step)


def test_heavy_ball_root_formulas() -> None:
    exercise = TOPIC.id("heavy-ball-quadratic")
    rng = np.random.default_rng(10)
    for _ in range(5):
        eta, beta, h = rng.uniform(0.05, 1), rng.uniform(0.05, 0.95), rng.uniform(0.1, 5)
        roots = momentum_roots(eta, beta, h)
        values = {"eta": eta, "beta": beta, "h": h}
        assert float(key_array(exercise, 1, **values)) == pytest.approx(roots.sum().real)
        assert float(key_array(exercise, 2, **values)) == pytest.approx(roots.prod().real)
    eta, beta = 0.3, 0.6
    h = (1 + beta) / eta  # centre of the complex range: purely imaginary roots
    roots = momentum_roots(eta, beta, h)
    assert abs(roots[0].imag) > 0
    assert float(key_array(exercise, 3, beta=beta)) == pytest.approx(abs(roots[0]))


def test_heavy_ball_rates_by_simulation() -> None:
    exercise = TOPIC.id("heavy-ball-quadratic")
    curvatures = np.linspace(0.01, 12, 120_001)
    complex_roots = [abs(momentum_roots(0.25, 0.25, h)[0].imag) > 1e-7 for h in curvatures[::100]]
    inside = curvatures[::100][np.array(complex_roots)]
    low, high = inside.min(), inside.max()
    assert low == pytest.approx(1.0, abs=0.02) and high == pytest.approx(9.0, abs=0.02)
    # rounding leaves imaginary parts near 1e-8 at a double root, so test against 1e-6
    edge_low = bisect(lambda h: abs(momentum_roots(0.25, 0.25, h)[0].imag) < 1e-6, 0.5, 1.5)
    edge_high = bisect(lambda h: abs(momentum_roots(0.25, 0.25, h)[0].imag) > 1e-6, 5.0, 9.5)
    assert_judged_correct(
        exercise,
        4,
        exact_tuple_text((edge_low, edge_high), relative=False),
    )
    # simulate heavy ball on every eigen-direction h ∈ [1, 9] and measure the slowest rate
    h = np.linspace(1.0, 9.0, 33)
    previous = current = np.ones_like(h)
    history = []
    for _ in range(400):
        current, previous = current - 0.25 * h * current + 0.25 * (current - previous), current
        history.append(np.abs(current).max())
    heavy_rate = (history[-1] / history[-101]) ** (1 / 100)
    assert_judged_correct(exercise, 5, number(heavy_rate), tolerance=0.02)
    spectral = max(np.abs(momentum_roots(0.25, 0.25, v)).max() for v in h)
    assert_judged_correct(exercise, 5, number(spectral), tolerance=1e-6)
    descent = max(abs(1 - 0.2 * v) for v in np.linspace(1.0, 9.0, 801))
    assert_judged_correct(exercise, 6, number(descent), tolerance=TIGHT)
