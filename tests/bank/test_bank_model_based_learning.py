"""Independent confirmation of the model-based-learning answer keys.

Every estimate is recomputed by maximising the likelihood (or the posterior) numerically
— golden-section search in one dimension, nested or coordinate-wise search in more,
brute force over a grid of the simplex — instead of using the closed forms of the worked
solutions. Posterior moments come from quadrature of prior × likelihood (or exact sympy
integration), Gaussian posteriors from conditioning the joint precision matrix, Fisher
information from exact sums of squared finite-difference scores, partition functions and
moments from enumerating all states, parameter counts from Jacobian ranks, and factor-
analysis and ICA covariances from enumerating discrete variables with the same low-order
moments. Monte Carlo is used only for the bias of the variance estimator, with a fixed
seed and a tolerance of several standard errors computed from the samples themselves.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from answer_text import (
    exact_matrix_text,
    exact_text,
    exact_tuple_text,
    exact_vector_text,
    number,
)
from graph_oracles import joint_from_factors
from numerics import derivative, golden_max, random_spd, second_derivative

from bank_support import BankTopic, bundled_part

TOPIC = BankTopic("model-based-learning")
RNG_SEED = 20261210
# Closeness for snapping a numerical result to a fraction: a golden-section argmax is only
# accurate to about the square root of machine precision (the function is flat there).
FRACTION_SLACK = 1e-6

Array = np.ndarray


# --- bernoulli-mle-log-odds ----------------------------------------------------------


def test_bernoulli_mle_by_golden_section_in_each_parametrisation() -> None:
    slug = "bernoulli-mle-log-odds"
    for seed, values in TOPIC.instances(slug):
        defective = round(float(values["bad"]))
        marks = [1] * defective + [0] * (round(float(values["tot"])) - defective)

        def loglik(theta: float, marks: list[int] = marks) -> float:
            return sum(math.log(theta if x else 1 - theta) for x in marks)

        theta_hat = golden_max(loglik, 1e-9, 1 - 1e-9)
        TOPIC.judged(slug, 1, exact_text(theta_hat, tolerance=FRACTION_SLACK), seed=seed)
        TOPIC.judged(slug, 2, number(loglik(theta_hat)), tolerance=1e-9, seed=seed)

        # Maximise directly over the odds ψ, writing θ = ψ/(1 + ψ).
        psi_hat = golden_max(lambda psi, f=loglik: f(psi / (1 + psi)), 1e-9, 50.0)
        TOPIC.judged(slug, 3, exact_text(psi_hat, tolerance=FRACTION_SLACK), seed=seed)

    # The log-odds: maximise n_1 η − n log(1 + e^η) over η for several count pairs.
    for n_1, n_0 in [(3, 5), (11, 2), (1, 1), (7, 13)]:
        eta_hat = golden_max(
            lambda eta, a=n_1, b=n_0: a * eta - (a + b) * math.log1p(math.exp(eta)), -30, 30
        )
        assert float(TOPIC.key_at(slug, 4, n_1=n_1, n_0=n_0)) == pytest.approx(eta_hat, abs=1e-6)


# --- categorical-counts-smoothing ----------------------------------------------------


def commuter_counts(values: dict[str, float | Array]) -> tuple[int, int, int, int]:
    bus, train, bike = (round(float(values[name])) for name in ("c1", "c2", "c3"))
    return bus, train, bike, 0


def test_categorical_mle_by_brute_force_over_a_simplex_grid() -> None:
    # Every probability vector whose entries are multiples of 1/steps; the log-likelihood is
    # strictly concave in the observed coordinates, so if the maximiser lies on this grid
    # the grid's best point is it. Observed categories need a positive share. The grid is
    # twice as fine as the answer's denominator, so the grid does not dictate the answer.
    slug = "categorical-counts-smoothing"
    for seed, values in TOPIC.instances(slug):
        commuters = commuter_counts(values)
        steps = 2 * sum(commuters)
        a, b, c = np.meshgrid(*[np.arange(1, steps)] * 3, indexing="ij")
        d = steps - a - b - c
        feasible = d >= 0
        shares = [v[feasible] for v in (a, b, c, d)]
        value = sum(
            n * np.log(share / steps) for n, share in zip(commuters, shares, strict=True) if n
        )
        best = int(np.argmax(value))
        assert np.sum(value >= value[best] - 1e-12) == 1  # a unique winner
        text = "(" + ", ".join(str(Fraction(int(share[best]), steps)) for share in shares) + ")"
        TOPIC.judged(slug, 1, text, seed=seed)


def dirichlet_posterior_mean(counts: tuple[int, ...], alpha: int, index: int) -> float:
    """Posterior mean of π_index as ∫ π × prior × likelihood / ∫ prior × likelihood.

    The simplex is mapped to the unit cube by stick-breaking, π_1 = u_1,
    π_2 = (1 − u_1) u_2, π_3 = (1 − u_1)(1 − u_2) u_3, π_4 = the rest, with Jacobian
    (1 − u_1)² (1 − u_2). The integrand is then a polynomial of degree below 120 in each
    u_i, which 64-point Gauss–Legendre quadrature integrates exactly (up to rounding).
    """
    nodes, weights = np.polynomial.legendre.leggauss(64)
    nodes, weights = (nodes + 1) / 2, weights / 2
    u1, u2, u3 = np.meshgrid(nodes, nodes, nodes, indexing="ij")
    cube_weight = weights[:, None, None] * weights[None, :, None] * weights[None, None, :]
    p1 = u1
    p2 = (1 - u1) * u2
    p3 = (1 - u1) * (1 - u2) * u3
    p4 = (1 - u1) * (1 - u2) * (1 - u3)
    probabilities = (p1, p2, p3, p4)
    integrand = cube_weight * (1 - u1) ** 2 * (1 - u2)
    for p, n in zip(probabilities, counts, strict=True):
        integrand = integrand * p ** (n + alpha - 1)
    return float(np.sum(probabilities[index] * integrand) / np.sum(integrand))


def test_add_one_smoothing_by_exact_quadrature_over_the_simplex() -> None:
    slug = "categorical-counts-smoothing"
    for seed, values in TOPIC.instances(slug):
        commuters = commuter_counts(values)
        scooter = dirichlet_posterior_mean(commuters, 1, 3)
        TOPIC.judged(slug, 2, exact_text(scooter, tolerance=1e-10), seed=seed)
        # the solution's last line states this instance's answer, not the original 1/64
        solution = bundled_part(TOPIC.id(slug), 2, seed).solution
        assert solution.rstrip().endswith(f"Answer: {Fraction(1, sum(commuters) + 4)}."), seed
        bus = dirichlet_posterior_mean(commuters, 1, 0)
        TOPIC.judged(slug, 3, exact_text(bus, tolerance=1e-10), seed=seed)


@pytest.mark.parametrize(
    ("counts", "alpha"), [((4, 9), 0.5), ((0, 6), 2.3), ((3, 1, 5), 1.7), ((2, 0, 2), 0.8)]
)
def test_symmetric_dirichlet_posterior_mean_by_quadrature(
    counts: tuple[int, ...], alpha: float
) -> None:
    n, k = sum(counts), len(counts)
    if k == 2:
        # Substitute θ = sin²u (dθ = 2 sin u cos u du) to tame the endpoint singularities.
        u = np.linspace(0, np.pi / 2, 400_001)
        theta = np.sin(u) ** 2
        jac = 2 * np.sin(u) * np.cos(u)
        logw = (counts[0] + alpha - 1) * np.log(theta + 1e-300) + (counts[1] + alpha - 1) * np.log(
            1 - theta + 1e-300
        )
        w = np.exp(logw - logw.max()) * jac
        mean = np.trapezoid(theta * w, u) / np.trapezoid(w, u)
        rtol = 1e-6
    else:
        # Same substitution on each axis of the triangle: π_1 = s², π_2 = (1 − s²) t².
        grid = np.linspace(0, 1, 1601)
        s, t = np.meshgrid(grid, grid, indexing="ij")
        p1, p2 = s**2, (1 - s**2) * t**2
        p3 = 1 - p1 - p2
        jac = 2 * s * 2 * t * (1 - s**2)
        logw = sum(
            (n_i + alpha - 1) * np.log(np.clip(p, 1e-300, None))
            for n_i, p in zip(counts, (p1, p2, p3), strict=True)
        )
        w = np.exp(logw - logw.max()) * jac
        mean = np.trapezoid(np.trapezoid(p1 * w, grid), grid) / np.trapezoid(
            np.trapezoid(w, grid), grid
        )
        rtol = 2e-3
    got = float(
        TOPIC.key_at("categorical-counts-smoothing", 4, n_k=counts[0], n=n, K=k, alpha=alpha)
    )
    assert got == pytest.approx(mean, rel=rtol)


# --- gaussian-mle-mean-variance ------------------------------------------------------


READINGS = np.array([2.0, 5.0, 3.0, 8.0, 7.0])


def gaussian_loglik(mean: float, variance: float, data: Array = READINGS) -> float:
    return float(np.sum(-0.5 * np.log(2 * np.pi * variance) - (data - mean) ** 2 / (2 * variance)))


def test_gaussian_mle_by_nested_golden_section() -> None:
    def best_over_variance(mean: float) -> float:
        variance = golden_max(lambda v: gaussian_loglik(mean, v), 1e-3, 100.0)
        return gaussian_loglik(mean, variance)

    mean_hat = golden_max(best_over_variance, -10.0, 20.0, tol=1e-10)
    variance_hat = golden_max(lambda v: gaussian_loglik(mean_hat, v), 1e-3, 100.0)
    slug = "gaussian-mle-mean-variance"
    TOPIC.judged(slug, 1, exact_text(mean_hat, tolerance=FRACTION_SLACK))
    TOPIC.judged(slug, 2, exact_text(variance_hat, tolerance=FRACTION_SLACK))
    known_mean_hat = golden_max(lambda v: gaussian_loglik(4.0, v), 1e-3, 100.0)
    TOPIC.judged(slug, 4, exact_text(known_mean_hat, tolerance=FRACTION_SLACK))


@pytest.mark.parametrize(("n", "sigma"), [(3, 1.5), (5, 0.7), (8, 2.0)])
def test_bias_of_the_mle_variance_by_simulation(n: int, sigma: float) -> None:
    rng = np.random.default_rng(RNG_SEED + n)
    repeats = 400_000
    data = rng.normal(0.0, sigma, size=(repeats, n))
    mle = ((data - data.mean(axis=1, keepdims=True)) ** 2).mean(axis=1)
    standard_error = mle.std() / math.sqrt(repeats)
    got = float(TOPIC.key_at("gaussian-mle-mean-variance", 3, n=n, sigma=sigma))
    # 5 standard errors: a false alarm has probability below 1e-6, while the biases of
    # the listed mistakes (σ²/n or more) are hundreds of standard errors away.
    assert abs(mle.mean() - got) < 5 * standard_error, (mle.mean(), got, standard_error)


# --- gaussian-covariance-mle ---------------------------------------------------------


POINTS = np.array([[1.0, 2.0], [3.0, 0.0], [2.0, 4.0], [-2.0, 2.0]])


def mvn_loglik(points: Array, mean: Array, cov: Array) -> float:
    offsets = points - mean
    _, logdet = np.linalg.slogdet(cov)
    quad = np.einsum("ni,ij,nj->n", offsets, np.linalg.inv(cov), offsets)
    return float(-0.5 * np.sum(quad + logdet + points.shape[1] * math.log(2 * math.pi)))


def test_gaussian_mean_and_covariance_mle_directly_and_as_a_maximum() -> None:
    mean = POINTS.mean(axis=0)
    cov = np.cov(POINTS, rowvar=False, bias=True)
    slug = "gaussian-covariance-mle"
    TOPIC.judged(slug, 1, exact_vector_text(mean, tolerance=FRACTION_SLACK))
    TOPIC.judged(slug, 2, exact_matrix_text(cov, tolerance=FRACTION_SLACK))
    # And it is a maximum: random small moves of mean and covariance lower the likelihood.
    rng = np.random.default_rng(RNG_SEED)
    best = mvn_loglik(POINTS, mean, cov)
    for _ in range(200):
        bump = rng.standard_normal((2, 2)) * 0.05
        moved = cov + (bump + bump.T) / 2
        if np.all(np.linalg.eigvalsh(moved) > 0):
            assert mvn_loglik(POINTS, mean + rng.standard_normal(2) * 0.05, moved) < best


def precision_loglik(n: int, precision: Array, scatter: Array) -> float:
    return n / 2 * np.linalg.slogdet(precision)[1] - 0.5 * np.trace(precision @ scatter)


@pytest.mark.parametrize("d", [2, 3, 4])
def test_precision_gradient_by_finite_differences(d: int) -> None:
    rng = np.random.default_rng(RNG_SEED + d)
    n = 7
    data = rng.standard_normal((n, d)) @ rng.standard_normal((d, d))
    centred = data - rng.standard_normal(d)
    scatter = centred.T @ centred
    precision = random_spd(rng, d)
    numeric = np.zeros((d, d))
    for i, j in itertools.product(range(d), repeat=2):
        step = np.zeros((d, d))
        step[i, j] = 1e-6
        numeric[i, j] = (
            precision_loglik(n, precision + step, scatter)
            - precision_loglik(n, precision - step, scatter)
        ) / 2e-6
    got = TOPIC.key_at("gaussian-covariance-mle", 3, n=n, Lambda=precision, S=scatter)
    np.testing.assert_allclose(got, numeric, rtol=1e-6, atol=1e-6)


def test_covariance_key_maximises_the_precision_likelihood() -> None:
    rng = np.random.default_rng(RNG_SEED)
    n, d = 9, 3
    centred = rng.standard_normal((n, d)) @ rng.standard_normal((d, d))
    scatter = centred.T @ centred
    sigma_hat = TOPIC.key_at("gaussian-covariance-mle", 4, S=scatter, n=n)
    best = precision_loglik(n, np.linalg.inv(sigma_hat), scatter)
    for _ in range(300):
        bump = rng.standard_normal((d, d)) * 0.05
        candidate = np.linalg.inv(sigma_hat) + (bump + bump.T) / 2
        if np.all(np.linalg.eigvalsh(candidate) > 0):
            assert precision_loglik(n, candidate, scatter) < best


# --- exponential-poisson-mle ---------------------------------------------------------


WAITS = [3.0, 7.0, 2.0, 12.0, 6.0]
WINDOWS = [(9, 2.0), (2, 1.0), (13, 3.0)]


def exponential_loglik(rate: float) -> float:
    return sum(math.log(rate) - rate * t for t in WAITS)


def poisson_loglik(rate: float) -> float:
    return sum(y * math.log(rate * t) - rate * t - math.lgamma(y + 1) for y, t in WINDOWS)


def test_rates_by_golden_section_and_by_maximising_in_the_derived_parameter() -> None:
    slug = "exponential-poisson-mle"
    TOPIC.judged(
        slug, 1, exact_text(golden_max(exponential_loglik, 1e-6, 10.0), tolerance=FRACTION_SLACK)
    )
    # Parametrise by q = P(wait > 10) = e^(−10 λ) and maximise over q itself.
    q_hat = golden_max(lambda q: exponential_loglik(-math.log(q) / 10), 1e-9, 1 - 1e-9)
    TOPIC.judged(slug, 2, number(q_hat), tolerance=1e-6)
    TOPIC.judged(
        slug, 3, exact_text(golden_max(poisson_loglik, 1e-6, 50.0), tolerance=FRACTION_SLACK)
    )
    # q = P(no arrival in half an hour) = e^(−μ/2).
    q_hat = golden_max(lambda q: poisson_loglik(-2 * math.log(q)), 1e-9, 1 - 1e-9)
    TOPIC.judged(slug, 4, number(q_hat), tolerance=1e-6)


# --- fisher-information --------------------------------------------------------------


def information_by_score(
    log_p: Callable[[float, float], float], outcomes, weights, at: float
) -> float:
    """E[score²] with the score from central differences, over a discrete outcome list."""
    return float(
        sum(
            w * derivative(lambda p, x=x: log_p(x, p), at) ** 2
            for x, w in zip(outcomes, weights, strict=True)
        )
    )


@pytest.mark.parametrize("theta", [0.1, 0.37, 0.8])
def test_bernoulli_information_and_bound_by_enumeration(theta: float) -> None:
    slug = "fisher-information"

    def log_p(x: float, p: float) -> float:
        return math.log(p) if x else math.log(1 - p)

    info = information_by_score(log_p, [0, 1], [1 - theta, theta], theta)
    assert float(TOPIC.key_at(slug, 1, theta=theta)) == pytest.approx(info, rel=1e-7)
    # n observations: enumerate the binomial count k, whose total score carries all of it.
    n = 7
    total = 0.0
    for k in range(n + 1):
        prob = math.comb(n, k) * theta**k * (1 - theta) ** (n - k)
        score = derivative(lambda p, k=k: k * math.log(p) + (n - k) * math.log(1 - p), theta)
        total += prob * score**2
    assert float(TOPIC.key_at(slug, 4, theta=theta, n=n)) == pytest.approx(1 / total, rel=1e-7)


@pytest.mark.parametrize("rate", [0.4, 2.5, 9.0])
def test_poisson_and_exponential_information(rate: float) -> None:
    slug = "fisher-information"
    counts = range(0, 200)
    weights = [math.exp(x * math.log(rate) - rate - math.lgamma(x + 1)) for x in counts]
    info = information_by_score(
        lambda x, lam: x * math.log(lam) - lam - math.lgamma(x + 1), counts, weights, rate
    )
    assert float(TOPIC.key_at(slug, 2, **{"lambda": rate})) == pytest.approx(info, rel=1e-6)
    # Exponential: −E[second derivative of log p] by quadrature over x (vectorised in x).
    x = np.linspace(0, 60 / rate, 600_001)
    density = rate * np.exp(-rate * x)
    h = 1e-4

    def log_p(lam: float) -> Array:
        return math.log(lam) - lam * x

    curvature = (log_p(rate + h) - 2 * log_p(rate) + log_p(rate - h)) / h**2
    info = -np.trapezoid(density * curvature, x)
    assert float(TOPIC.key_at(slug, 3, **{"lambda": rate})) == pytest.approx(info, rel=1e-5)


@pytest.mark.parametrize("eta", [-3.0, -0.4, 0.0, 1.7])
def test_log_odds_information_by_enumeration(eta: float) -> None:
    def log_p(x: float, e: float) -> float:
        p = 1 / (1 + math.exp(-e))
        return math.log(p) if x else math.log(1 - p)

    p = 1 / (1 + math.exp(-eta))
    info = information_by_score(log_p, [0, 1], [1 - p, p], eta)
    assert float(TOPIC.key_at("fisher-information", 5, eta=eta)) == pytest.approx(info, rel=1e-7)


# --- beta-bernoulli-posterior --------------------------------------------------------


def test_beta_bernoulli_posterior_by_exact_integration() -> None:
    theta = sp.symbols("theta", positive=True)
    slug = "beta-bernoulli-posterior"
    for seed, values in TOPIC.instances(slug):
        prior_a, prior_b, throws, scored = (
            round(float(values[name])) for name in ("pa", "pb", "nt", "ns")
        )
        prior = theta ** (prior_a - 1) * (1 - theta) ** (prior_b - 1)
        unnormalised = prior * theta**scored * (1 - theta) ** (throws - scored)
        mass = sp.integrate(unnormalised, (theta, 0, 1))

        def moment(power: int, density: sp.Expr = unnormalised, total: sp.Expr = mass) -> sp.Expr:
            return sp.integrate(theta**power * density, (theta, 0, 1)) / total

        mean, second = moment(1), moment(2)
        variance = second - mean**2
        # A Beta(a, b) has mean a/(a+b) and variance mean(1−mean)/(a+b+1): solve for (a, b).
        total = mean * (1 - mean) / variance - 1
        TOPIC.judged(slug, 1, f"({mean * total}, {(1 - mean) * total})", seed=seed)
        TOPIC.judged(slug, 2, str(mean), seed=seed)
        modes = [r for r in sp.solve(sp.diff(unnormalised, theta), theta) if 0 < r < 1]
        assert len(modes) == 1
        TOPIC.judged(slug, 3, str(modes[0]), seed=seed)
        TOPIC.judged(slug, 4, str(second), seed=seed)


# --- map-depends-on-parametrisation --------------------------------------------------


@pytest.mark.parametrize(("a", "b"), [(3.0, 7.0), (1.4, 1.2), (12.0, 2.5)])
def test_modes_in_both_parametrisations_by_numerical_search(a: float, b: float) -> None:
    slug = "map-depends-on-parametrisation"

    def log_density_theta(theta: float) -> float:
        return (a - 1) * math.log(theta) + (b - 1) * math.log(1 - theta)

    def sigmoid(eta: float) -> float:
        return 1 / (1 + math.exp(-eta))

    def log_density_eta(eta: float) -> float:
        # change of variables: log p_θ(θ(η)) + log dθ/dη, with dθ/dη = e^(−η)/(1 + e^(−η))²
        return log_density_theta(sigmoid(eta)) - eta - 2 * math.log1p(math.exp(-eta))

    theta_mode = golden_max(log_density_theta, 1e-12, 1 - 1e-12)
    eta_mode = golden_max(log_density_eta, -30.0, 30.0, tol=1e-11)
    assert float(TOPIC.key_at(slug, 1, a=a, b=b)) == pytest.approx(theta_mode, abs=1e-6)
    assert float(TOPIC.key_at(slug, 2, a=a, b=b)) == pytest.approx(sigmoid(eta_mode), abs=1e-6)
    assert float(TOPIC.key_at(slug, 3, a=a, b=b)) == pytest.approx(eta_mode, abs=1e-6)


def test_boundary_map_and_posterior_mean_for_four_tails() -> None:
    theta = sp.symbols("theta", positive=True)
    posterior = (1 - theta) ** 4  # uniform prior × likelihood of four tails
    grid = np.linspace(0, 1, 10_001)
    values = sp.lambdify(theta, posterior)(grid)
    mode = grid[int(np.argmax(values))]
    mean = sp.integrate(theta * posterior, (theta, 0, 1)) / sp.integrate(posterior, (theta, 0, 1))
    TOPIC.judged(
        "map-depends-on-parametrisation",
        4,
        f"({exact_text(mode, tolerance=FRACTION_SLACK)}, {mean})",
    )


# --- gaussian-mean-posterior ---------------------------------------------------------


@pytest.mark.parametrize(
    ("sigma", "s_0", "m_0", "n"), [(2.0, 1.0, 10.0, 12), (0.7, 3.0, -1.0, 3), (5.0, 0.4, 2.5, 20)]
)
def test_gaussian_mean_posterior_by_quadrature(
    sigma: float, s_0: float, m_0: float, n: int
) -> None:
    rng = np.random.default_rng(RNG_SEED + n)
    readings = rng.normal(m_0 + 1.3, sigma, n)
    width = 12 * min(s_0, sigma / math.sqrt(n)) + abs(readings.mean() - m_0)
    mu = np.linspace(min(m_0, readings.mean()) - width, max(m_0, readings.mean()) + width, 400_001)
    log_post = -((mu - m_0) ** 2) / (2 * s_0**2) - np.sum(
        (readings[:, None] - mu[None, :]) ** 2, axis=0
    ) / (2 * sigma**2)
    w = np.exp(log_post - log_post.max())
    mass = np.trapezoid(w, mu)
    mean = np.trapezoid(mu * w, mu) / mass
    variance = np.trapezoid((mu - mean) ** 2 * w, mu) / mass
    slug = "gaussian-mean-posterior"
    values = {"sigma": sigma, "s_0": s_0, "n": n}
    assert float(TOPIC.key_at(slug, 1, **values)) == pytest.approx(variance, rel=1e-6)
    got = float(TOPIC.key_at(slug, 2, m_0=m_0, xbar=float(readings.mean()), **values))
    assert got == pytest.approx(mean, rel=1e-7, abs=1e-8)


def posterior_by_joint_precision(
    readings: Array, noise: float, prior_mean: float, prior_var: float
) -> tuple[float, float]:
    """Condition the joint Gaussian of (μ, x_1..x_n) on the readings via its precision matrix."""
    n = readings.size
    cov = np.full((n + 1, n + 1), prior_var)  # every coordinate shares μ
    cov[1:, 1:] += noise * np.eye(n)
    precision = np.linalg.inv(cov)
    post_var = 1 / precision[0, 0]
    post_mean = prior_mean - post_var * precision[0, 1:] @ (readings - prior_mean)
    return float(post_mean), float(post_var)


def test_weighing_posterior_and_sample_size_by_conditioning() -> None:
    rng = np.random.default_rng(RNG_SEED)
    slug = "gaussian-mean-posterior"
    for seed, values in TOPIC.instances(slug):
        noise, prior_mean, prior_var, sample_mean, target_sd = (
            float(values[name]) for name in ("sv", "pm", "pv", "xb", "tsd")
        )
        count = round(float(values["cnt"]))
        spread = rng.normal(0.0, 1.5, count)
        readings = sample_mean + spread - spread.mean()  # only the sample mean matters
        mean, var = posterior_by_joint_precision(readings, noise, prior_mean, prior_var)
        TOPIC.judged(slug, 3, exact_tuple_text((mean, var), tolerance=FRACTION_SLACK), seed=seed)

        def small_enough(
            n: int,
            prior: tuple[float, float, float, float, float] = (
                noise,
                prior_mean,
                prior_var,
                sample_mean,
                target_sd,
            ),
        ) -> bool:
            noise, prior_mean, prior_var, sample_mean, target_sd = prior
            _, variance = posterior_by_joint_precision(
                np.full(n, sample_mean), noise, prior_mean, prior_var
            )
            return variance <= target_sd**2 + 1e-12

        # The posterior variance falls with n: bisect for the first n that is small enough.
        low, high = 0, 1
        while not small_enough(high):
            low, high = high, 2 * high
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (low, middle) if small_enough(middle) else (middle, high)
        assert high == 1 or not small_enough(high - 1)
        TOPIC.judged(slug, 4, str(high), seed=seed)


# --- dag-tables-from-counts ----------------------------------------------------------


SERVICE_DAYS = {
    (0, 0, 0): 40, (0, 0, 1): 2, (0, 1, 0): 6, (0, 1, 1): 22,
    (1, 0, 0): 3, (1, 0, 1): 17, (1, 1, 0): 0, (1, 1, 1): 10,
}  # fmt: skip


def v_structure_joint(params: Array) -> Array:
    """p(h, b, c) for parameters (P(H=1), P(B=1), P(C=1|h,b) for (h,b) = 00, 01, 10, 11)."""
    p_h, p_b, *p_c = params
    joint = np.zeros((2, 2, 2))
    for h, b, c in itertools.product((0, 1), repeat=3):
        q = p_c[2 * h + b]
        joint[h, b, c] = (p_h if h else 1 - p_h) * (p_b if b else 1 - p_b) * (q if c else 1 - q)
    return joint


def test_dag_parameter_count_is_the_rank_of_the_parametrisation() -> None:
    rng = np.random.default_rng(RNG_SEED)
    point = rng.uniform(0.2, 0.8, 6)
    columns = []
    for i in range(6):
        step = np.zeros(6)
        step[i] = 1e-6
        columns.append(
            ((v_structure_joint(point + step) - v_structure_joint(point - step)) / 2e-6).ravel()
        )
    rank = np.linalg.matrix_rank(np.stack(columns, axis=1), tol=1e-6)
    TOPIC.judged("dag-tables-from-counts", 1, str(rank))


def test_dag_tables_by_coordinate_ascent_on_the_full_likelihood() -> None:
    def loglik(params: Array) -> float:
        joint = v_structure_joint(params)
        return sum(days * math.log(joint[state]) for state, days in SERVICE_DAYS.items() if days)

    params = np.full(6, 0.5)
    for _ in range(3):  # sweeps of one-dimensional golden-section searches
        for i in range(6):

            def along(value: float, i: int = i) -> float:
                trial = params.copy()
                trial[i] = value
                return loglik(trial)

            params[i] = golden_max(along, 1e-12, 1 - 1e-12, tol=1e-13)
    slug = "dag-tables-from-counts"
    TOPIC.judged(slug, 2, exact_text(params[1], tolerance=FRACTION_SLACK))
    TOPIC.judged(slug, 3, exact_text(params[4], tolerance=FRACTION_SLACK))  # (h, b) = (1, 0)
    p_h, p_b, *p_c = params
    fitted = joint_from_factors(
        {"H": 2, "B": 2, "C": 2},
        [
            (("H",), np.array([1 - p_h, p_h])),
            (("B",), np.array([1 - p_b, p_b])),
            (("H", "B", "C"), np.array([[1 - q, q] for q in p_c]).reshape(2, 2, 2)),
        ],
    )
    TOPIC.judged(slug, 4, number(fitted.conditional({"H": 1}, {"C": 1})), tolerance=1e-6)


# --- factor-analysis-covariance and factor-analysis-posterior ------------------------


def discrete_factor_model(loadings: Array, noise: Array) -> tuple[Array, Array, Array]:
    """All outcomes of z_j = ±1 and ε_i = ±√ψ_i (equally likely): the same means and
    second moments as the Gaussian model, so covariances computed over them are exact."""
    d, k = loadings.shape
    signs = np.array(list(itertools.product((-1.0, 1.0), repeat=k + d)))
    z = signs[:, :k]
    eps = signs[:, k:] * np.sqrt(noise)
    x = z @ loadings.T + eps
    weights = np.full(len(signs), 1 / len(signs))
    return z, x, weights


@pytest.mark.parametrize(("d", "k"), [(3, 1), (4, 2), (5, 2)])
def test_factor_analysis_covariance_by_enumeration(d: int, k: int) -> None:
    rng = np.random.default_rng(RNG_SEED + 10 * d + k)
    loadings = rng.standard_normal((d, k))
    noise = rng.uniform(0.2, 2.0, d)
    _, x, w = discrete_factor_model(loadings, noise)
    cov = (x * w[:, None]).T @ x
    got = TOPIC.key_at("factor-analysis-covariance", 1, W=loadings, Psi=np.diag(noise))
    np.testing.assert_allclose(got, cov, rtol=1e-10, atol=1e-12)


def test_factor_analysis_numbers_by_enumeration_and_counting() -> None:
    loadings = np.array([[2.0], [1.0], [-1.0]])
    noise = np.array([1.0, 2.0, 0.5])
    _, x, w = discrete_factor_model(loadings, noise)
    TOPIC.judged(
        "factor-analysis-covariance",
        2,
        exact_matrix_text((x * w[:, None]).T @ x, tolerance=FRACTION_SLACK),
    )
    for d, k in [(3, 1), (10, 3), (7, 5)]:
        count = np.zeros((d, k)).size + np.diag(np.ones(d)).diagonal().size
        assert float(TOPIC.key_at("factor-analysis-covariance", 3, d=d, k=k)) == count


def test_factor_analysis_identifiable_dimension_is_a_jacobian_rank() -> None:
    rng = np.random.default_rng(RNG_SEED)
    d, k = 10, 3
    rows, cols = np.triu_indices(d)

    def covariance_entries(params: Array) -> Array:
        loadings = params[: d * k].reshape(d, k)
        return (loadings @ loadings.T + np.diag(params[d * k :]))[rows, cols]

    point = np.concatenate([rng.standard_normal(d * k), rng.uniform(0.5, 1.5, d)])
    jacobian = np.stack(
        [
            (covariance_entries(point + step) - covariance_entries(point - step)) / 2e-6
            for step in np.eye(point.size) * 1e-6
        ],
        axis=1,
    )
    TOPIC.judged("factor-analysis-covariance", 4, str(np.linalg.matrix_rank(jacobian, tol=1e-6)))


# k ≥ 2: key_value evaluates a 1×1 matrix as a scalar, and then "I − …" cannot be formed.
@pytest.mark.parametrize(("d", "k"), [(3, 2), (4, 2), (5, 3)])
def test_factor_posterior_by_the_joint_precision_matrix(d: int, k: int) -> None:
    rng = np.random.default_rng(RNG_SEED + 7 * d + k)
    loadings = rng.standard_normal((d, k))
    noise = rng.uniform(0.3, 2.0, d)
    z, x, w = discrete_factor_model(loadings, noise)
    joint = np.concatenate([z, x], axis=1)
    cov = (joint * w[:, None]).T @ joint  # exact second moments of (z, x)
    slug = "factor-analysis-posterior"
    values = {"W": loadings, "Psi": np.diag(noise)}
    np.testing.assert_allclose(TOPIC.key_at(slug, 1, **values), cov[:k, k:], atol=1e-12)
    precision = np.linalg.inv(cov)
    post_cov = np.linalg.inv(precision[:k, :k])
    observed = rng.standard_normal(d)
    post_mean = -post_cov @ precision[:k, k:] @ observed
    np.testing.assert_allclose(
        TOPIC.key_at(slug, 2, x=observed.reshape(-1, 1), **values).ravel(),
        post_mean,
        rtol=1e-9,
        atol=1e-12,
    )
    np.testing.assert_allclose(TOPIC.key_at(slug, 3, **values), post_cov, rtol=1e-9, atol=1e-12)


def test_factor_posterior_numbers_by_quadrature_over_z() -> None:
    loadings = np.array([2.0, 1.0, -1.0])
    noise = np.array([1.0, 2.0, 0.5])
    observed = np.array([1.0, 1.0, 0.0])
    z = np.linspace(-8, 8, 800_001)
    log_post = -(z**2) / 2 - np.sum(
        (observed[:, None] - loadings[:, None] * z[None, :]) ** 2 / (2 * noise[:, None]), axis=0
    )
    w = np.exp(log_post - log_post.max())
    mass = np.trapezoid(w, z)
    mean = np.trapezoid(z * w, z) / mass
    variance = np.trapezoid((z - mean) ** 2 * w, z) / mass
    TOPIC.judged(
        "factor-analysis-posterior",
        4,
        exact_tuple_text((mean, variance), tolerance=FRACTION_SLACK),
    )


# --- ica-whitening-kurtosis ----------------------------------------------------------


def test_ica_mixture_covariance_by_enumerating_unit_variance_sources() -> None:
    mixing = np.array([[2.0, 1.0], [0.0, 1.0]])
    sources = np.array(list(itertools.product((-1.0, 1.0), repeat=2)))  # mean 0, variance 1
    x = sources @ mixing.T
    TOPIC.judged(
        "ica-whitening-kurtosis", 1, exact_matrix_text(x.T @ x / len(x), tolerance=FRACTION_SLACK)
    )


@pytest.mark.parametrize("d", [2, 3, 4, 5])
def test_orthogonal_freedom_is_the_kernel_of_the_whitening_constraint(d: int) -> None:
    rng = np.random.default_rng(RNG_SEED + d)
    q, _ = np.linalg.qr(rng.standard_normal((d, d)))
    rows, cols = np.triu_indices(d)

    def constraint(flat: Array) -> Array:
        m = flat.reshape(d, d)
        return (m @ m.T)[rows, cols]

    jacobian = np.stack(
        [
            (constraint(q.ravel() + e) - constraint(q.ravel() - e)) / 2e-6
            for e in np.eye(d * d) * 1e-6
        ],
        axis=1,
    )
    free = d * d - np.linalg.matrix_rank(jacobian, tol=1e-6)
    assert float(TOPIC.key_at("ica-whitening-kurtosis", 2, d=d)) == free


def test_uniform_excess_kurtosis_by_integration() -> None:
    s = sp.symbols("s", real=True)
    half = sp.sqrt(3)
    fourth = sp.integrate(s**4 / (2 * half), (s, -half, half))
    assert sp.integrate(s**2 / (2 * half), (s, -half, half)) == 1
    TOPIC.judged("ica-whitening-kurtosis", 3, str(fourth - 3))


def three_point_source(p: float) -> tuple[Array, Array]:
    """Values 0, ±1/√p with probabilities 1 − p, p/2, p/2: mean 0, variance 1."""
    a = 1 / math.sqrt(p)
    return np.array([-a, 0.0, a]), np.array([p / 2, 1 - p, p / 2])


@pytest.mark.parametrize("p", [0.25, 0.6, 1.0])
@pytest.mark.parametrize("t", [0.0, 0.3, math.pi / 4, 1.1, 2.5])
def test_kurtosis_of_a_rotated_pair_by_exact_enumeration(p: float, t: float) -> None:
    values, probs = three_point_source(p)
    kurtosis = float(np.sum(probs * values**4)) - 3  # of one source
    y = math.cos(t) * values[:, None] + math.sin(t) * values[None, :]
    weight = probs[:, None] * probs[None, :]
    assert float(np.sum(weight * y**2)) == pytest.approx(1.0)
    excess = float(np.sum(weight * y**4)) - 3
    assert float(TOPIC.key_at("ica-whitening-kurtosis", 4, kappa=kurtosis, t=t)) == pytest.approx(
        excess, abs=1e-12
    )


def test_least_non_gaussian_angle_for_uniform_sources_by_quadrature() -> None:
    nodes, weights = np.polynomial.legendre.leggauss(8)  # exact for polynomials of degree ≤ 15
    s = nodes * math.sqrt(3)
    w = weights / 2  # uniform density on [−√3, √3] after the change of variable

    def kurt(t: float) -> float:
        y = math.cos(t) * s[:, None] + math.sin(t) * s[None, :]
        return float(np.sum(w[:, None] * w[None, :] * y**4)) - 3

    angle = golden_max(lambda t: -abs(kurt(t)), 0.0, math.pi / 2)
    TOPIC.judged(
        "ica-whitening-kurtosis", 5, f"({number(angle)}, {number(kurt(angle))})", tolerance=1e-6
    )


# --- ising-pair-partition-function ---------------------------------------------------


def spin_states(n: int) -> Array:
    return np.array(list(itertools.product((-1, 1), repeat=n)), dtype=float)


def pair_log_z(theta: float) -> float:
    states = spin_states(2)
    return math.log(np.exp(theta * states[:, 0] * states[:, 1]).sum())


@pytest.mark.parametrize("theta", [-1.3, 0.0, 0.4, 2.2])
def test_pair_model_by_enumerating_four_states(theta: float) -> None:
    slug = "ising-pair-partition-function"
    states = spin_states(2)
    product = states[:, 0] * states[:, 1]
    weights = np.exp(theta * product)
    assert float(TOPIC.key_at(slug, 1, theta=theta)) == pytest.approx(weights.sum(), rel=1e-12)
    moment = float(np.sum(product * weights) / weights.sum())
    assert float(TOPIC.key_at(slug, 2, theta=theta)) == pytest.approx(moment, rel=1e-12, abs=1e-14)
    for m in (-0.5, 0.2, 0.9):
        # Average log-likelihood of a data set with mean product m, differentiated numerically.
        slope = derivative(lambda th, m=m: th * m - pair_log_z(th), theta)
        assert float(TOPIC.key_at(slug, 3, m=m, theta=theta)) == pytest.approx(slope, abs=1e-8)


def test_pair_model_mle_by_golden_section() -> None:
    data = [1.0] * 40 + [-1.0] * 10

    def loglik(theta: float) -> float:
        return sum(theta * product - pair_log_z(theta) for product in data)

    TOPIC.judged(
        "ising-pair-partition-function", 4, number(golden_max(loglik, -5, 5)), tolerance=1e-6
    )


# --- triangle-moment-matching --------------------------------------------------------


def all_pairs_statistic(states: Array) -> Array:
    n = states.shape[1]
    return np.array([sum(s[i] * s[j] for i in range(n) for j in range(i + 1, n)) for s in states])


def triangle_log_z(theta: float) -> float:
    return math.log(np.exp(theta * all_pairs_statistic(spin_states(3))).sum())


@pytest.mark.parametrize("theta", [-0.8, 0.0, 0.27, 1.5])
def test_triangle_partition_function_and_moment_by_enumeration(theta: float) -> None:
    slug = "triangle-moment-matching"
    phi = all_pairs_statistic(spin_states(3))
    weights = np.exp(theta * phi)
    assert float(TOPIC.key_at(slug, 1, theta=theta)) == pytest.approx(weights.sum(), rel=1e-12)
    moment = float(np.sum(phi * weights) / weights.sum())
    assert float(TOPIC.key_at(slug, 2, theta=theta)) == pytest.approx(moment, rel=1e-12, abs=1e-14)
    # The derivation part: the curvature of log Z equals the variance of φ.
    variance = float(np.sum((phi - moment) ** 2 * weights) / weights.sum())
    assert second_derivative(triangle_log_z, theta) == pytest.approx(variance, rel=1e-5)


def test_triangle_moment_range_and_mle() -> None:
    phi = all_pairs_statistic(spin_states(3))

    def moment(theta: float) -> float:
        weights = np.exp(theta * phi - np.max(theta * phi))
        return float(np.sum(phi * weights) / weights.sum())

    grid = [moment(t) for t in np.linspace(-40, 40, 801)]
    assert all(b >= a for a, b in itertools.pairwise(grid))  # increasing in θ
    TOPIC.judged(
        "triangle-moment-matching",
        3,
        exact_tuple_text((grid[0], grid[-1]), tolerance=FRACTION_SLACK),
    )
    theta_hat = golden_max(lambda t: t * 1.0 - triangle_log_z(t), -5, 5)
    TOPIC.judged("triangle-moment-matching", 4, number(theta_hat), tolerance=1e-6)


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6, 7])
def test_all_pairs_statistic_depends_only_on_the_number_of_up_spins(n: int) -> None:
    states = spin_states(n)
    phi = all_pairs_statistic(states)
    ups = (states > 0).sum(axis=1)
    for k in range(n + 1):
        group = phi[ups == k]
        assert np.all(group == group[0])
        assert float(TOPIC.key_at("triangle-moment-matching", 6, N=n, k=k)) == group[0]
