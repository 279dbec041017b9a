"""Independent confirmation of the probability answer keys.

Each key is recomputed by a route other than its worked solution: exact enumeration
of discrete outcomes with fractions, quadrature of densities on fine grids (1-D and
2-D), finite differences of distribution functions, moment generating functions in
sympy, direct linear algebra on random instances (precision-matrix conditioning to
check covariance-form keys and the other way round), and Monte Carlo with a fixed
seed where the tolerance is set from the estimate's own standard error.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from answer_text import exact_tuple_text, number
from numerics import bisect, central_difference, derivative, normal_density, random_spd

from bank_support import BankTopic, bundled_exercise, evaluate

TOPIC = BankTopic("probability")
RNG_SEED = 20261126

Array = np.ndarray


def integer_matrix_text(matrix: Array) -> str:
    rounded = np.rint(matrix)
    assert np.allclose(matrix, rounded, atol=1e-9), matrix
    return "[" + ", ".join("[" + ", ".join(str(int(v)) for v in row) + "]" for row in rounded) + "]"


def moments_on_grid(x: Array, weight: Array) -> tuple[float, float, float]:
    """Mass, mean and variance of a non-negative function on a 1-D grid (trapezoid rule)."""
    mass = float(np.trapezoid(weight, x))
    mean = float(np.trapezoid(x * weight, x)) / mass
    variance = float(np.trapezoid((x - mean) ** 2 * weight, x)) / mass
    return mass, mean, variance


def gaussian_grid(mean: Array, cov: Array, points: int = 801) -> tuple[Array, Array, Array, float]:
    """A 2-D grid over ±9 standard deviations, the density of N(mean, cov) on it, the cell area."""
    axes = [
        np.linspace(m - 9 * math.sqrt(v), m + 9 * math.sqrt(v), points)
        for m, v in zip(mean, np.diag(cov), strict=True)
    ]
    x1, x2 = np.meshgrid(*axes, indexing="ij")
    offsets = np.stack([x1 - mean[0], x2 - mean[1]], axis=-1)
    quadratic = np.einsum("...i,ij,...j->...", offsets, np.linalg.inv(cov), offsets)
    density = np.exp(-quadratic / 2) / (2 * np.pi * math.sqrt(np.linalg.det(cov)))
    cell = (axes[0][1] - axes[0][0]) * (axes[1][1] - axes[1][0])
    return x1, x2, density, float(cell)


# --- bayes-screening-test ------------------------------------------------------------


Outcome = tuple[bool, bool, bool]
"""(has the condition, first test positive, second test positive)."""


def screening_joint(
    prior: Fraction, positive_rate: dict[bool, Fraction]
) -> dict[Outcome, Fraction]:
    """The joint law of the condition and two tests with independent errors, enumerated."""
    joint: dict[Outcome, Fraction] = {}
    for ill in (True, False):
        for first in (True, False):
            for second in (True, False):
                weight = prior if ill else 1 - prior
                for result in (first, second):
                    rate = positive_rate[ill]
                    weight *= rate if result else 1 - rate
                joint[ill, first, second] = weight
    assert sum(joint.values()) == 1
    return joint


def probability(
    joint: dict[Outcome, Fraction], event: Callable[[bool, bool, bool], bool]
) -> Fraction:
    return sum((w for outcome, w in joint.items() if event(*outcome)), Fraction(0))


def test_bayes_screening_test_by_enumerating_condition_and_two_results() -> None:
    slug = "bayes-screening-test"
    for seed, values in TOPIC.instances(slug):
        people, sensitivity, false_positives = (
            Fraction(values[name]).limit_denominator() for name in ("N", "sens", "fpr")
        )
        statement = bundled_exercise(TOPIC.id(slug), seed).statement
        assert f"1 in {people} people" in statement and f"in {sensitivity}% of" in statement
        joint = screening_joint(1 / people, {True: sensitivity / 100, False: false_positives / 100})
        first_positive = probability(joint, lambda ill, first, second: first)
        both_positive = probability(joint, lambda ill, first, second: first and second)
        TOPIC.judged(slug, 1, str(first_positive), seed=seed)
        ill_given_positive = probability(joint, lambda i, f, s: i and f) / first_positive
        TOPIC.judged(slug, 2, str(ill_given_positive), seed=seed)
        ill_given_both = probability(joint, lambda i, f, s: i and f and s) / both_positive
        TOPIC.judged(slug, 3, str(ill_given_both), seed=seed)


# --- discrete-mean-variance ----------------------------------------------------------


def test_discrete_mean_variance_from_the_distribution_of_each_variable() -> None:
    def mean_and_variance(distribution: dict[Fraction, Fraction]) -> tuple[Fraction, Fraction]:
        mean = sum((x * p for x, p in distribution.items()), Fraction(0))
        # The definition E[(X − E X)²], not the shortcut the solution uses.
        return mean, sum(((x - mean) ** 2 * p for x, p in distribution.items()), Fraction(0))

    slug = "discrete-mean-variance"
    for seed, values in TOPIC.instances(slug):
        x1, x2, x3, p1, p2, c, d = (
            Fraction(values[name]).limit_denominator(1000)
            for name in ("x1", "x2", "x3", "p1", "p2", "c", "d")
        )
        law = {x1: p1, x2: p2, x3: 1 - p1 - p2}
        assert len(law) == 3 and all(p > 0 for p in law.values())
        mean_x, var_x = mean_and_variance(law)
        # part (a)'s hint shows x3's contribution, which must not be the answer E[X]
        assert x3 * law[x3] != mean_x, seed
        law_y = {c * x - d: p for x, p in law.items()}
        mean_y, var_y = mean_and_variance(law_y)
        for part, value in enumerate((mean_x, var_x, mean_y, var_y), start=1):
            TOPIC.judged(slug, part, str(value), seed=seed)


# --- gamma-moments -------------------------------------------------------------------


def gamma_moment(alpha: float, beta: float, power: float) -> float:
    """E[X^power] for Gamma(shape alpha, rate beta) by quadrature of the density."""
    x = np.linspace(1e-12, (alpha + 60 * math.sqrt(alpha)) / beta, 400_001)
    log_density = alpha * math.log(beta) + (alpha - 1) * np.log(x) - beta * x - math.lgamma(alpha)
    return float(np.trapezoid(x**power * np.exp(log_density), x))


@pytest.mark.parametrize(("alpha", "beta"), [(2.6, 1.3), (4.2, 0.7), (7.5, 2.5)])
def test_gamma_moments_against_quadrature(alpha: float, beta: float) -> None:
    mean = gamma_moment(alpha, beta, 1)
    variance = gamma_moment(alpha, beta, 2) - mean**2
    slug = "gamma-moments"
    assert np.isclose(TOPIC.key_at(slug, 1, alpha=alpha, beta=beta), mean, rtol=1e-6)
    assert np.isclose(TOPIC.key_at(slug, 2, alpha=alpha, beta=beta), variance, rtol=1e-5)
    assert np.isclose(
        TOPIC.key_at(slug, 3, alpha=alpha, beta=beta), gamma_moment(alpha, beta, -1), rtol=1e-5
    )


def test_gamma_moments_matching_mean_and_variance() -> None:
    # βX ~ Gamma(α, 1) fixes the squared coefficient of variation Var/mean² as a function of
    # α alone; find α by bisection on quadrature moments, then β from the mean.
    def squared_cv(alpha: float) -> float:
        mean = gamma_moment(alpha, 1.0, 1)
        return (gamma_moment(alpha, 1.0, 2) - mean**2) / mean**2

    alpha = bisect(lambda a: squared_cv(a) > 12 / 6**2, 1.2, 10.0, steps=45)
    beta = gamma_moment(alpha, 1.0, 1) / 6
    TOPIC.judged("gamma-moments", 4, exact_tuple_text((alpha, beta)))


# --- mixture-total-variance ----------------------------------------------------------


def mixture_variance(weight: float, means: tuple[float, float], sds: tuple[float, float]) -> float:
    x = np.linspace(min(means) - 12 * max(sds), max(means) + 12 * max(sds), 200_001)
    density = weight * normal_density(x, means[0], sds[0] ** 2) + (1 - weight) * normal_density(
        x, means[1], sds[1] ** 2
    )
    return moments_on_grid(x, density)[2]


def test_mixture_total_variance_by_quadrature() -> None:
    x = np.linspace(-20.0, 40.0, 300_001)
    slug = "mixture-total-variance"
    for seed, values in TOPIC.instances(slug):
        share = float(values["wA"])
        lines = [
            (share, normal_density(x, float(values["muA"]), float(values["sdA"]) ** 2)),
            (1 - share, normal_density(x, float(values["muB"]), float(values["sdB"]) ** 2)),
        ]
        _, mean, variance = moments_on_grid(x, sum(weight * density for weight, density in lines))
        per_line = [(weight, *moments_on_grid(x, density)[1:]) for weight, density in lines]
        within = sum(weight * line_variance for weight, _, line_variance in per_line)
        between = sum(weight * (line_mean - mean) ** 2 for weight, line_mean, _ in per_line)
        TOPIC.judged(slug, 1, number(mean), tolerance=1e-8, seed=seed)
        TOPIC.judged(slug, 2, number(within), tolerance=1e-8, seed=seed)
        TOPIC.judged(slug, 3, number(between), tolerance=1e-7, seed=seed)
        TOPIC.judged(slug, 4, number(variance), tolerance=1e-8, seed=seed)


def test_mixture_total_variance_general_formula() -> None:
    rng = np.random.default_rng(RNG_SEED)
    for _ in range(3):
        w = rng.uniform(0.1, 0.9)
        m_1, m_2 = rng.uniform(-3, 3, 2)
        s_1, s_2 = rng.uniform(0.3, 2.0, 2)
        key = TOPIC.key_at("mixture-total-variance", 5, w=w, m_1=m_1, m_2=m_2, s_1=s_1, s_2=s_2)
        assert np.isclose(key, mixture_variance(w, (m_1, m_2), (s_1, s_2)), rtol=1e-7)


# --- compound-poisson-sum ------------------------------------------------------------


def test_compound_poisson_moments_from_generating_functions() -> None:
    # Moment generating functions instead of conditioning: a sum of n claims has M_X(t)^n,
    # a Poisson number of claims has exp(λ(M_X(t) − 1)). The t³ coefficient is arbitrary.
    t, n, lam, mu, sigma, third = sp.symbols("t n lambda mu sigma c", positive=True)
    claim_mgf = 1 + mu * t + (sigma**2 + mu**2) * t**2 / 2 + third * t**3

    def mean_and_variance(mgf: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
        first = sp.diff(mgf, t).subs(t, 0)
        second = sp.diff(mgf, t, 2).subs(t, 0)
        return sp.simplify(first), sp.simplify(second - first**2)

    fixed_mean, fixed_variance = mean_and_variance(claim_mgf**n)
    TOPIC.judged("compound-poisson-sum", 1, f"({sp.sstr(fixed_mean)}, {sp.sstr(fixed_variance)})")
    total_mean, total_variance = mean_and_variance(sp.exp(lam * (claim_mgf - 1)))
    TOPIC.judged("compound-poisson-sum", 2, sp.sstr(total_mean))
    TOPIC.judged("compound-poisson-sum", 3, sp.sstr(sp.expand(total_variance)))


def test_compound_poisson_variance_by_simulation() -> None:
    rng = np.random.default_rng(RNG_SEED)
    months = 400_000
    counts = rng.poisson(4.0, size=months)
    claims = rng.exponential(2.5, size=int(counts.sum()))
    totals = np.bincount(np.repeat(np.arange(months), counts), weights=claims, minlength=months)
    squared_deviations = (totals - totals.mean()) ** 2
    estimate = float(squared_deviations.mean())
    standard_error = float(squared_deviations.std()) / math.sqrt(months)
    # Five standard errors (about 2%): far from the listed mistakes 25 and 10.
    TOPIC.judged(
        "compound-poisson-sum", 4, number(estimate), tolerance=5 * standard_error / estimate
    )


# --- square-of-uniform-density -------------------------------------------------------


def square_of_uniform_cdf(y: float) -> float:
    """P(X² ≤ y) for X uniform on (−1, 2): the length of [−√y, √y] ∩ (−1, 2), over 3."""
    root = math.sqrt(y)
    return (min(root, 2.0) - max(-root, -1.0)) / 3


@pytest.mark.parametrize(("part", "points"), [(1, (0.05, 0.3, 0.81)), (2, (1.3, 2.2, 3.7))])
def test_square_of_uniform_density_is_the_derivative_of_the_cdf(
    part: int, points: tuple[float, ...]
) -> None:
    step = 1e-6
    for y in points:
        slope = derivative(square_of_uniform_cdf, y, step)
        assert np.isclose(TOPIC.key_at("square-of-uniform-density", part, y=y), slope, rtol=1e-6)


def test_square_of_uniform_probability_and_mean() -> None:
    # X² ≤ 1/4 ⇔ |X| ≤ 1/2: the measure of [−1/2, 1/2] ∩ (−1, 2) under the uniform law.
    half = Fraction(1, 2)
    TOPIC.judged(
        "square-of-uniform-density", 3, str((min(half, Fraction(2)) - max(-half, Fraction(-1))) / 3)
    )
    x = sp.symbols("x")
    TOPIC.judged("square-of-uniform-density", 4, sp.sstr(sp.integrate(x**2 / 3, (x, -1, 2))))


# --- linear-map-exponentials ---------------------------------------------------------

FORWARD = np.array([[1.0, 1.0], [1.0, -1.0]])  # (u, v) = FORWARD (x₁, x₂)


def test_linear_map_jacobian_by_finite_differences() -> None:
    point, step = np.array([1.7, -0.4]), 1e-6
    jacobian = central_difference(lambda p: np.linalg.solve(FORWARD, p), point, step)
    TOPIC.judged("linear-map-exponentials", 1, number(abs(np.linalg.det(jacobian))), 1e-8)


def test_linear_map_support_on_a_grid() -> None:
    # Offset grids, so that no point lies exactly on a boundary line such as v = u.
    u, v = np.meshgrid(
        np.linspace(-3, 3, 121) + 0.013, np.linspace(-3, 3, 121) + 0.029, indexing="ij"
    )
    preimage = np.linalg.solve(FORWARD, np.stack([u.ravel(), v.ravel()]))
    positive = np.all(preimage > 0, axis=0).reshape(u.shape)
    regions = {
        "a": (u > 0) & (v > 0),
        "b": np.abs(v) < u,
        "c": v < u,
        "d": u > 0,
    }
    matching = [label for label, region in regions.items() if np.array_equal(region, positive)]
    assert len(matching) == 1
    TOPIC.judged("linear-map-exponentials", 2, matching[0])


def test_linear_map_joint_density_by_simulation() -> None:
    rng = np.random.default_rng(RNG_SEED)
    samples = 2_000_000
    x1, x2 = rng.exponential(1.0, size=(2, samples))
    u, v = x1 + x2, x1 - x2
    inside = (u > 1.0) & (u < 1.2) & (v > -0.3) & (v < -0.1)
    estimate = float(inside.mean())
    standard_error = math.sqrt(estimate * (1 - estimate) / samples)
    # Midpoint rule for the key's density over the same box.
    centres_u = 1.0 + 0.2 * (np.arange(10) + 0.5) / 10
    centres_v = -0.3 + 0.2 * (np.arange(4) + 0.5) / 4
    cell = (0.2 / 10) * (0.2 / 4)
    from_key = sum(
        float(TOPIC.key_at("linear-map-exponentials", 3, u=cu, v=cv)) * cell
        for cu in centres_u
        for cv in centres_v
    )
    assert abs(from_key - estimate) < 5 * standard_error  # about 4%; a factor 2 is far out


def test_linear_map_marginals_by_convolution() -> None:
    for v in (-2.5, -0.4, 0.3, 1.7):
        x = np.linspace(max(0.0, v), max(0.0, v) + 50.0, 200_001)  # x₁ = x, x₂ = x − v
        convolution = float(np.trapezoid(np.exp(-x) * np.exp(-(x - v)), x))
        assert np.isclose(TOPIC.key_at("linear-map-exponentials", 4, v=v), convolution, rtol=1e-7)
    for u in (0.4, 1.5, 3.2):
        x = np.linspace(0.0, u, 20_001)  # x₁ = x, x₂ = u − x
        convolution = float(np.trapezoid(np.exp(-x) * np.exp(-(u - x)), x))
        assert np.isclose(TOPIC.key_at("linear-map-exponentials", 5, u=u), convolution, rtol=1e-7)


# --- bivariate-gaussian-conditional --------------------------------------------------

BIVARIATE = "bivariate-gaussian-conditional"


def bivariate_moments(values) -> tuple[Array, Array]:
    """The instance's mean and covariance, read off the parameters as the statement builds them."""
    s1, k, v2 = values["s1"], values["k"], values["v2"]
    mean = np.array([values["m1"], values["m2"]])
    cov = np.array([[s1**2, k * s1], [k * s1, v2]])
    return mean, cov


def bivariate_slice(mean: Array, cov: Array, fixed: int, value: float) -> tuple[float, float]:
    """Mean and variance of the other coordinate along the line x_fixed = value, by quadrature."""
    other = np.linspace(-40.0, 40.0, 160_001)
    points = np.zeros((other.size, 2))
    points[:, fixed], points[:, 1 - fixed] = value, other
    offsets = points - mean
    joint = np.exp(-0.5 * np.einsum("ni,ij,nj->n", offsets, np.linalg.inv(cov), offsets))
    _, slice_mean, variance = moments_on_grid(other, joint)
    return slice_mean, variance


def test_bivariate_gaussian_moments_by_2d_quadrature() -> None:
    done: set[tuple[float, ...]] = set()
    for seed, values in TOPIC.instances(BIVARIATE):
        mean, cov = bivariate_moments(values)
        x1, x2, density, cell = gaussian_grid(mean, cov)
        weight = density * cell
        assert np.isclose(weight.sum(), 1.0, rtol=1e-9)
        total = x1 + x2
        variance_of_sum = float(np.sum(weight * (total - np.sum(weight * total)) ** 2))
        TOPIC.judged(BIVARIATE, 1, number(variance_of_sum), tolerance=1e-7, seed=seed)
        d1, d2 = x1 - np.sum(weight * x1), x2 - np.sum(weight * x2)
        covariance = float(np.sum(weight * d1 * d2))
        var1, var2 = float(np.sum(weight * d1**2)), float(np.sum(weight * d2**2))
        rho = covariance / math.sqrt(var1 * var2)
        TOPIC.judged(BIVARIATE, 2, number(rho), tolerance=1e-7, seed=seed)
        done.add((*mean, *cov.ravel()))
    assert len(done) > 10


def test_bivariate_gaussian_conditionals_by_slicing_the_joint_density() -> None:
    for seed, values in TOPIC.instances(BIVARIATE):
        mean, cov = bivariate_moments(values)
        instance = bundled_exercise(TOPIC.id(BIVARIATE), seed)
        keys = [instance.parts[i].answer.expect for i in (2, 4)]
        assert None not in keys
        for x_2 in (-3.0, 0.5, 4.0):
            slice_mean, variance = bivariate_slice(mean, cov, 1, x_2)
            key = float(np.real(evaluate(keys[0], instance.symbols, x_2=x_2)))
            assert key == pytest.approx(slice_mean, rel=1e-9, abs=1e-9)
            TOPIC.judged(BIVARIATE, 4, number(variance), tolerance=1e-8, seed=seed)
        for x_1 in (-1.5, 2.0, 6.0):
            slice_mean, _ = bivariate_slice(mean, cov, 0, x_1)
            key = float(np.real(evaluate(keys[1], instance.symbols, x_1=x_1)))
            assert key == pytest.approx(slice_mean, rel=1e-9, abs=1e-9)


# --- gaussian-block-conditional ------------------------------------------------------


def test_gaussian_block_conditional_covariance_form_against_precision_form() -> None:
    rng = np.random.default_rng(RNG_SEED)
    p, q = 2, 3
    sigma = random_spd(rng, p + q)
    precision = np.linalg.inv(sigma)
    mu = rng.standard_normal(p + q)
    x_b = rng.standard_normal(q)
    blocks = {
        "Sigma_aa": sigma[:p, :p],
        "Sigma_ab": sigma[:p, p:],
        "Sigma_bb": sigma[p:, p:],
        "Lambda_aa": precision[:p, :p],
        "Lambda_ab": precision[:p, p:],
        "mu_a": mu[:p, None],
        "mu_b": mu[p:, None],
        "x_b": x_b[:, None],
    }
    slug = "gaussian-block-conditional"

    def key(part: int, *names: str, **extra: Array) -> Array:
        return TOPIC.key_at(slug, part, **{name: blocks[name] for name in names}, **extra)

    # (a) Cov(x_a − K x_b, x_b) is a block of M Σ Mᵀ for the linear map M = [[I, −K], [0, I]].
    k = rng.standard_normal((p, q))
    mapping = np.block([[np.eye(p), -k], [np.zeros((q, p)), np.eye(q)]])
    assert np.allclose(key(1, "Sigma_ab", "Sigma_bb", K=k), (mapping @ sigma @ mapping.T)[:p, p:])

    # Precision route: the conditional has precision Λ_aa and mean μ_a − Λ_aa⁻¹ Λ_ab (x_b − μ_b).
    gain = -np.linalg.solve(precision[:p, :p], precision[:p, p:])
    conditional_mean = mu[:p] + gain @ (x_b - mu[p:])
    conditional_cov = np.linalg.inv(precision[:p, :p])
    assert np.allclose(key(2, "Sigma_ab", "Sigma_bb"), gain)
    assert np.allclose(
        key(3, "mu_a", "mu_b", "x_b", "Sigma_ab", "Sigma_bb").ravel(), conditional_mean
    )
    assert np.allclose(key(4, "Sigma_aa", "Sigma_ab", "Sigma_bb"), conditional_cov)

    # Covariance route for the precision-form keys: regression of x_a on x_b.
    regression = np.linalg.solve(sigma[p:, p:], sigma[p:, :p]).T
    schur = sigma[:p, :p] - regression @ sigma[p:, :p]
    assert np.allclose(key(5, "Lambda_aa"), schur)
    assert np.allclose(
        key(6, "mu_a", "mu_b", "x_b", "Lambda_aa", "Lambda_ab").ravel(),
        mu[:p] + regression @ (x_b - mu[p:]),
    )


# --- gaussian-product ----------------------------------------------------------------


def test_gaussian_product_numbers_on_a_grid() -> None:
    x = np.linspace(-30.0, 30.0, 600_001)
    mass, mean, variance = moments_on_grid(
        x, normal_density(x, 3.0, 4.0) * normal_density(x, -1.0, 1.0)
    )
    TOPIC.judged("gaussian-product", 1, number(variance), tolerance=1e-8)
    TOPIC.judged("gaussian-product", 2, number(mean), tolerance=1e-8)
    TOPIC.judged("gaussian-product", 3, number(mass), tolerance=1e-8)


def test_gaussian_product_mean_with_precisions() -> None:
    rng = np.random.default_rng(RNG_SEED)
    x = np.linspace(-40.0, 40.0, 400_001)
    for _ in range(3):
        alpha, beta = rng.uniform(0.2, 3.0, 2)
        m_1, m_2 = rng.uniform(-4, 4, 2)
        product = normal_density(x, m_1, 1 / alpha) * normal_density(x, m_2, 1 / beta)
        _, mean, _ = moments_on_grid(x, product)
        key = TOPIC.key_at("gaussian-product", 4, alpha=alpha, beta=beta, m_1=m_1, m_2=m_2)
        assert np.isclose(key, mean, rtol=1e-8, atol=1e-10)


def test_gaussian_product_in_two_dimensions_on_a_grid() -> None:
    rng = np.random.default_rng(RNG_SEED + 1)
    a_cov, b_cov = random_spd(rng, 2), random_spd(rng, 2)
    a_mean, b_mean = rng.uniform(-1, 1, 2), rng.uniform(-1, 1, 2)
    axis = np.linspace(-12.0, 12.0, 1201)
    x1, x2 = np.meshgrid(axis, axis, indexing="ij")
    points = np.stack([x1, x2], axis=-1)

    def log_density(mean: Array, cov: Array) -> Array:
        offsets = points - mean
        return -0.5 * np.einsum("...i,ij,...j->...", offsets, np.linalg.inv(cov), offsets)

    product = np.exp(log_density(a_mean, a_cov) + log_density(b_mean, b_cov))
    weight = product / product.sum()
    mean = np.array([np.sum(weight * x1), np.sum(weight * x2)])
    offsets = points - mean
    cov = np.einsum("abi,abj,ab->ij", offsets, offsets, weight)
    values = {"A": a_cov, "B": b_cov, "a": a_mean[:, None], "b": b_mean[:, None]}
    assert np.allclose(TOPIC.key_at("gaussian-product", 5, A=a_cov, B=b_cov), cov, atol=1e-8)
    assert np.allclose(TOPIC.key_at("gaussian-product", 6, **values).ravel(), mean, atol=1e-8)


# --- gaussian-entropy ----------------------------------------------------------------


def entropy_on_grid(sigma: float) -> float:
    x = np.linspace(-40 * sigma, 40 * sigma, 400_001)
    density = normal_density(x, 0.7, sigma**2)
    safe = np.where(density > 0, density, 1.0)
    return float(-np.trapezoid(density * np.log(safe), x))


def test_gaussian_entropy_by_quadrature() -> None:
    for sigma in (0.3, 1.7, 5.0):
        assert np.isclose(
            TOPIC.key_at("gaussian-entropy", 1, sigma=sigma), entropy_on_grid(sigma), rtol=1e-9
        )
    TOPIC.judged(
        "gaussian-entropy", 2, number(entropy_on_grid(3 * 1.3) - entropy_on_grid(1.3)), 1e-8
    )
    # the entropy increases with sigma; bisect for the zero
    zero = bisect(lambda sigma: entropy_on_grid(sigma) < 0, 0.05, 1.0, steps=50)
    TOPIC.judged("gaussian-entropy", 3, number(zero), tolerance=1e-8)


def test_gaussian_entropy_in_two_dimensions_by_quadrature() -> None:
    cov = np.array([[2.0, 1.0], [1.0, 2.0]])
    _, _, density, cell = gaussian_grid(np.array([0.0, 0.0]), cov, points=1201)
    log_density = np.log(np.where(density > 0, density, 1.0))
    entropy = float(-np.sum(density * log_density) * cell)
    TOPIC.judged("gaussian-entropy", 4, number(entropy), tolerance=1e-8)


# --- kl-two-gaussians ----------------------------------------------------------------


def kl_on_grid(mean_p: float, sd_p: float, mean_q: float, sd_q: float) -> float:
    """∫ p log(p/q) on a grid covering p, with log densities written out term by term."""
    x = np.linspace(mean_p - 40 * sd_p, mean_p + 40 * sd_p, 400_001)
    log_p = -((x - mean_p) ** 2) / (2 * sd_p**2) - math.log(sd_p * math.sqrt(2 * math.pi))
    log_q = -((x - mean_q) ** 2) / (2 * sd_q**2) - math.log(sd_q * math.sqrt(2 * math.pi))
    return float(np.trapezoid(np.exp(log_p) * (log_p - log_q), x))


def test_kl_two_gaussians_by_quadrature() -> None:
    rng = np.random.default_rng(RNG_SEED)
    for _ in range(4):
        mu_1, mu_2 = rng.uniform(-2, 2, 2)
        sigma_1, sigma_2 = rng.uniform(0.3, 3.0, 2)
        key = TOPIC.key_at(
            "kl-two-gaussians", 1, mu_1=mu_1, mu_2=mu_2, sigma_1=sigma_1, sigma_2=sigma_2
        )
        assert np.isclose(key, kl_on_grid(mu_1, sigma_1, mu_2, sigma_2), rtol=1e-8)
    TOPIC.judged("kl-two-gaussians", 2, number(kl_on_grid(0, 1, 1, 2)), tolerance=1e-9)
    TOPIC.judged("kl-two-gaussians", 3, number(kl_on_grid(1, 2, 0, 1)), tolerance=1e-9)


def test_kl_two_gaussians_growth_as_q_narrows() -> None:
    narrow, narrower = 0.05, 0.025
    p_q = [kl_on_grid(0, 1, 0, s) for s in (narrow, narrower)]
    q_p = [kl_on_grid(0, s, 0, 1) for s in (narrow, narrower)]
    # Halving s multiplies KL(p‖q) by about 4 and adds only about log 2 to KL(q‖p).
    assert p_q[1] > 3.9 * p_q[0] and q_p[1] - q_p[0] < 0.7
    assert np.isclose(p_q[1] * 2 * narrower**2, 1.0, rtol=0.01)
    TOPIC.judged("kl-two-gaussians", 4, "a" if p_q[1] - p_q[0] > q_p[1] - q_p[0] else "b")


# --- covariance-linear-transform -----------------------------------------------------


def exact_samples(rng: np.random.Generator, mean: Array, cov: Array, count: int = 40) -> Array:
    """Rows whose empirical mean and (1/count) covariance are exactly ``mean`` and ``cov``."""
    z = rng.standard_normal((count, mean.size))
    z -= z.mean(axis=0)
    z = z @ np.linalg.inv(np.linalg.cholesky(z.T @ z / count)).T
    return mean + z @ np.linalg.cholesky(cov).T


def empirical_moments(x: Array, y: Array) -> tuple[Array, Array, Array]:
    dx, dy = x - x.mean(axis=0), y - y.mean(axis=0)
    return y.mean(axis=0), dy.T @ dy / len(y), dx.T @ dy / len(y)


def test_covariance_linear_transform_on_exact_samples() -> None:
    rng = np.random.default_rng(RNG_SEED)
    n = 3
    a, sigma = rng.standard_normal((n, n)), random_spd(rng, n)
    m, b = rng.standard_normal(n), rng.standard_normal(n)
    x = exact_samples(rng, m, sigma)
    mean_y, cov_y, cross = empirical_moments(x, x @ a.T + b)
    slug = "covariance-linear-transform"
    assert np.allclose(TOPIC.key_at(slug, 1, A=a, m=m[:, None], b=b[:, None]).ravel(), mean_y)
    assert np.allclose(TOPIC.key_at(slug, 2, A=a, Sigma=sigma), cov_y)
    assert np.allclose(TOPIC.key_at(slug, 3, A=a, Sigma=sigma), cross)


def test_covariance_linear_transform_numbers_on_exact_samples() -> None:
    rng = np.random.default_rng(RNG_SEED)
    slug = "covariance-linear-transform"
    for seed, values in TOPIC.instances(slug):
        sigma, a, b = values["S"], values["M"], values["c"].ravel()
        assert np.all(np.linalg.eigvalsh(sigma) > 0), "Σ must be a covariance"
        x = exact_samples(rng, np.array([0.5, -1.0]), sigma)
        _, cov_y, cross = empirical_moments(x, x @ a.T + b)
        TOPIC.judged(slug, 4, integer_matrix_text(cov_y), seed=seed)
        TOPIC.judged(slug, 5, integer_matrix_text(cross), seed=seed)


# --- expected-max-correlated-gaussians -----------------------------------------------


def max_moments_on_grid(mean: float, cov: Array) -> tuple[float, float, float]:
    """Var(X₁ − X₂), E|X₁ − X₂| and E[max(X₁, X₂)] by 2-D quadrature."""
    x1, x2, density, cell = gaussian_grid(np.array([mean, mean]), cov, points=1601)
    weight = density * cell
    difference = x1 - x2
    return (
        float(np.sum(weight * difference**2)),
        float(np.sum(weight * np.abs(difference))),
        float(np.sum(weight * np.maximum(x1, x2))),
    )


def test_expected_max_numbers_by_2d_quadrature() -> None:
    variance, mean_abs, mean_max = max_moments_on_grid(1.0, np.array([[4.0, 3.0], [3.0, 9.0]]))
    slug = "expected-max-correlated-gaussians"
    TOPIC.judged(slug, 1, number(variance), tolerance=1e-6)
    # The kink of |·| and max along the diagonal limits the trapezoid rule to about 1e-5 here.
    TOPIC.judged(slug, 2, number(mean_abs), tolerance=1e-4)
    TOPIC.judged(slug, 3, number(mean_max), tolerance=1e-4)


def test_expected_max_general_formula_by_2d_quadrature() -> None:
    rng = np.random.default_rng(RNG_SEED)
    for _ in range(3):
        mu = rng.uniform(-2, 2)
        sigma_1, sigma_2 = rng.uniform(0.5, 2.5, 2)
        rho = rng.uniform(-0.9, 0.9)
        cov = np.array(
            [[sigma_1**2, rho * sigma_1 * sigma_2], [rho * sigma_1 * sigma_2, sigma_2**2]]
        )
        _, _, mean_max = max_moments_on_grid(mu, cov)
        key = TOPIC.key_at(
            "expected-max-correlated-gaussians", 4, mu=mu, sigma_1=sigma_1, sigma_2=sigma_2, rho=rho
        )
        assert np.isclose(key, mean_max, rtol=1e-4, atol=1e-4)


# --- linear-gaussian-posterior -------------------------------------------------------


def test_linear_gaussian_posterior_by_conditioning_the_joint_with_its_precision() -> None:
    rng = np.random.default_rng(RNG_SEED)
    n, k = 3, 2
    m, y = rng.standard_normal(n), rng.standard_normal(k)
    p_cov, r_cov, h = random_spd(rng, n), random_spd(rng, k), rng.standard_normal((k, n))
    # (x, y) = T (x, ε) with (x, ε) ~ N((m, 0), blockdiag(P, R)).
    stacking = np.block([[np.eye(n), np.zeros((n, k))], [h, np.eye(k)]])
    joint = stacking @ np.block([[p_cov, np.zeros((n, k))], [np.zeros((k, n)), r_cov]]) @ stacking.T
    joint_precision = np.linalg.inv(joint)
    posterior_cov = np.linalg.inv(joint_precision[:n, :n])
    posterior_mean = m - posterior_cov @ joint_precision[:n, n:] @ (y - h @ m)
    slug = "linear-gaussian-posterior"
    assert np.allclose(TOPIC.key_at(slug, 1, H=h, P=p_cov, R=r_cov), joint[n:, n:])
    assert np.allclose(TOPIC.key_at(slug, 2, H=h, P=p_cov), joint[:n, n:])
    values = {"m": m[:, None], "P": p_cov, "H": h, "R": r_cov, "y": y[:, None]}
    assert np.allclose(TOPIC.key_at(slug, 3, **values).ravel(), posterior_mean)
    assert np.allclose(TOPIC.key_at(slug, 4, P=p_cov, H=h, R=r_cov), posterior_cov)


def test_linear_gaussian_posterior_scalar_example_on_a_grid() -> None:
    x = np.linspace(-30.0, 30.0, 600_001)
    unnormalised = normal_density(x, 0.0, 4.0) * normal_density(3.0, 2 * x, 1.0)  # prior × p(y=3|x)
    _, mean, variance = moments_on_grid(x, unnormalised)
    TOPIC.judged("linear-gaussian-posterior", 5, exact_tuple_text((mean, variance)))
