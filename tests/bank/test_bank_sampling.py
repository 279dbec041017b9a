"""Independent confirmation of every computable key in bank/sampling.

Each key is recomputed by a route other than its worked solution: distribution
functions by numerical quadrature of the density (or sympy integration) and their
inverses by bisection, envelope constants and optimal rates by grid search,
importance-sampling moments by quadrature, Gibbs conditionals from the precision
matrix and from brute-force joints (``graph_oracles``), Markov-chain quantities from
explicit transition matrices, and sampling keys by simulation with a fixed seed,
where the tolerance is a stated multiple of the estimate's own standard error.
The result is handed to the real checker (``assert_judged_correct``); symbolic keys
are evaluated with ``key_value`` at several points and compared numerically.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from fractions import Fraction

import mpmath
import numpy as np
from answer_text import exact_text, exact_tuple_text, number
from graph_oracles import Joint, joint_from_factors
from numerics import derivative, invert_increasing

from bank_support import BankTopic, bundled_exercise, bundled_part

TOPIC = BankTopic("sampling")
SEED = 20261211

Array = np.ndarray


def integral(
    function: Callable[[Array], Array], low: float, high: float, points: int = 200_001
) -> float:
    """Trapezoid-rule integral of a vectorised function over [low, high]."""
    grid = np.linspace(low, high, points)
    return float(np.trapezoid(function(grid), grid))


# --- inverse-transform-exponential --------------------------------------------------------


def exponential_cdf_by_quadrature(rate: float, x: float) -> float:
    return integral(lambda t: rate * np.exp(-rate * t), 0.0, x, 20_001)


def test_exponential_distribution_function_and_inverse_by_quadrature() -> None:
    slug = "inverse-transform-exponential"
    for rate, x in [(0.4, 2.0), (1.7, 0.3), (3.0, 1.1)]:
        assert np.isclose(
            TOPIC.scalar_key(slug, 1, **{"lambda": rate, "x": x}),
            exponential_cdf_by_quadrature(rate, x),
            rtol=1e-8,
        )
    for rate, u in [(0.4, 0.2), (1.7, 0.9), (3.0, 0.55)]:
        # F is increasing, so F⁻¹(u) is right exactly when the quadrature F maps it back to u.
        quantile = TOPIC.scalar_key(slug, 2, **{"lambda": rate, "u": u})
        assert np.isclose(exponential_cdf_by_quadrature(rate, quantile), u, rtol=1e-8)
    for seed, values in TOPIC.instances(slug):
        rate, u = values["rate"], 1 - 0.5 ** values["halvings"]
        statement = bundled_part(TOPIC.id(slug), 3, seed).ask
        assert f"u = {u:g}" in statement, statement
        quantile = invert_increasing(
            lambda x, r=rate: exponential_cdf_by_quadrature(r, x), u, 0.0, 40.0
        )
        TOPIC.judged(slug, 3, number(quantile), tolerance=1e-6, seed=seed)


def test_exponential_shortcut_sampler_has_the_exponential_law() -> None:
    # −log(U)/λ against F(x) = 1 − e^(−λx) at several points: each empirical CDF value has
    # standard error √(F(1 − F)/n) ≤ 0.5/√n; allow 5 of them.
    rng = np.random.default_rng(SEED)
    n, rate = 400_000, 0.4
    shortcut = -np.log(rng.uniform(size=n)) / rate
    for x in [0.5, 2.0, 5.0, 10.0]:
        assert abs(
            np.mean(shortcut <= x) - exponential_cdf_by_quadrature(rate, x)
        ) < 5 * 0.5 / math.sqrt(n)
    TOPIC.judged("inverse-transform-exponential", 4, "yes")


# --- pareto-inverse-transform -------------------------------------------------------------


def pareto_cdf_by_quadrature(c: float, alpha: float, x: float) -> float:
    # Substituting t = c e^v turns the power tail into an exponential, which the grid handles.
    return integral(lambda v: alpha * np.exp(-alpha * v), 0.0, math.log(x / c), 20_001)


def test_pareto_distribution_function_and_inverse() -> None:
    slug = "pareto-inverse-transform"
    for c, alpha, x in [(2.0, 3.0, 4.5), (0.7, 1.3, 9.0), (5.0, 0.6, 6.0)]:
        assert np.isclose(
            TOPIC.scalar_key(slug, 1, c=c, alpha=alpha, x=x),
            pareto_cdf_by_quadrature(c, alpha, x),
            rtol=1e-8,
        )
    for c, alpha, u in [(2.0, 3.0, 0.3), (0.7, 1.3, 0.95), (5.0, 0.6, 0.5)]:
        quantile = TOPIC.scalar_key(slug, 2, c=c, alpha=alpha, u=u)
        assert np.isclose(pareto_cdf_by_quadrature(c, alpha, quantile), u, rtol=1e-8)
    quantile = invert_increasing(lambda x: pareto_cdf_by_quadrature(2.0, 3.0, x), 7 / 8, 2.0, 100.0)
    TOPIC.judged(slug, 3, exact_text(quantile))


def test_pareto_median_by_simulation() -> None:
    # numpy's pareto is the Lomax law; (1 + Lomax) c is Pareto with scale c. The sample
    # median has standard error 1/(2 p(m) √n); allow 5 of them.
    rng = np.random.default_rng(SEED)
    n = 400_000
    for c, alpha in [(2.0, 3.0), (0.5, 1.5)]:
        draws = c * (1 + rng.pareto(alpha, size=n))
        median = float(np.median(draws))
        density = alpha * c**alpha / median ** (alpha + 1)
        standard_error = 1 / (2 * density * math.sqrt(n))
        assert (
            abs(TOPIC.scalar_key("pareto-inverse-transform", 4, c=c, alpha=alpha) - median)
            < 5 * standard_error
        )


# --- cauchy-inverse-transform -------------------------------------------------------------


def test_cauchy_distribution_function_by_adaptive_quadrature_and_inverse_by_bisection() -> None:
    slug = "cauchy-inverse-transform"

    def cdf_value(x: float, m: float, s: float) -> float:
        density = lambda t: s / (mpmath.pi * (s**2 + (t - m) ** 2))  # noqa: E731
        return float(mpmath.quad(density, [-mpmath.inf, m, x]))

    for point, loc, scale in [(0.3, 1.0, 3.0), (-4.0, 0.5, 0.2), (7.0, -2.0, 1.5)]:
        assert np.isclose(
            TOPIC.scalar_key(slug, 1, x=point, m=loc, s=scale), cdf_value(point, loc, scale)
        )
    for u, loc, scale in [(0.1, 1.0, 3.0), (0.6, 0.5, 0.2), (0.97, -2.0, 1.5)]:
        quantile = TOPIC.scalar_key(slug, 2, u=u, m=loc, s=scale)
        assert np.isclose(cdf_value(quantile, loc, scale), u, rtol=1e-10)
    quartiles = [
        invert_increasing(lambda y: cdf_value(y, 1.0, 3.0), u, -20.0, 20.0) for u in (0.25, 0.75)
    ]
    TOPIC.judged(slug, 3, exact_tuple_text(quartiles))


def test_cauchy_averages_do_not_narrow() -> None:
    # Interquartile range of averages of 1 and of 400 draws (m = 1, s = 3): both ≈ 2s = 6.
    # With 4000 averages a sample quartile has standard error about 0.1 here, so a 1/√400
    # narrowing (IQR 0.3) would be unmistakable.
    rng = np.random.default_rng(SEED)
    ranges = []
    for n in (1, 400):
        averages = (1 + 3 * rng.standard_cauchy(size=(4_000, n))).mean(axis=1)
        ranges.append(float(np.subtract(*np.quantile(averages, [0.75, 0.25]))))
    assert all(abs(iqr - 6.0) < 0.8 for iqr in ranges), ranges
    TOPIC.judged("cauchy-inverse-transform", 4, "c")


# --- triangular-inverse-transform ---------------------------------------------------------


def triangle_shape(x: Array) -> Array:
    """The unnormalised triangle: 0 at x = 0 and x = 3, value 1 at the peak x = 1."""
    return np.where(x <= 1, x, (3 - x) / 2) * ((x >= 0) & (x <= 3))


def test_triangular_sampler_by_quadrature_and_bisection() -> None:
    slug = "triangular-inverse-transform"
    height = 1 / integral(triangle_shape, 0.0, 3.0, 300_001)  # the peak value of p
    TOPIC.judged(slug, 1, exact_text(height))

    def cdf(x: float) -> float:
        return height * integral(triangle_shape, 0.0, x, 30_001)

    TOPIC.judged(slug, 2, exact_text(cdf(1.0)))
    for u in [0.02, 0.15, 0.3]:
        assert np.isclose(
            TOPIC.scalar_key(slug, 3, u=u), invert_increasing(cdf, u, 0.0, 3.0), rtol=1e-6
        )
    for u in [0.4, 0.7, 0.99]:
        assert np.isclose(
            TOPIC.scalar_key(slug, 4, u=u), invert_increasing(cdf, u, 0.0, 3.0), rtol=1e-6
        )
    samples = [invert_increasing(cdf, u, 0.0, 3.0) for u in (1 / 12, 5 / 6)]
    TOPIC.judged(slug, 5, exact_tuple_text(samples))


# --- rejection-uniform-envelope -----------------------------------------------------------


def beta_target(x: Array) -> Array:
    return 12 * x**2 * (1 - x)


def test_rejection_uniform_envelope_constant_and_rates_by_simulation() -> None:
    slug = "rejection-uniform-envelope"
    grid = np.linspace(0.0, 1.0, 300_001)
    envelope = float(beta_target(grid).max())
    TOPIC.judged(slug, 1, exact_text(envelope))

    rng = np.random.default_rng(SEED)
    n = 1_000_000
    # Part 2: proposals all at x = 1/2, each accepted when v ≤ p(x)/M; a Bernoulli mean with
    # standard error √(a(1 − a)/n) ≈ 0.00036, allowed 5 times.
    at_half = float(np.mean(rng.uniform(size=n) <= beta_target(np.array(0.5)) / envelope))
    TOPIC.judged(slug, 2, number(at_half), tolerance=5 * 0.00036 / at_half)
    # Part 3: the full algorithm, proposals from q = Uniform(0, 1); standard error ≈ 0.0005.
    proposals = rng.uniform(size=n)
    rate = float(np.mean(rng.uniform(size=n) <= beta_target(proposals) / envelope))
    TOPIC.judged(slug, 3, number(rate), tolerance=5 * 0.0005 / rate)
    # Part 4: count proposals until 900 acceptances, 4000 times (run the algorithm itself).
    counts = []
    for _ in range(4_000):
        accepted = np.cumsum(
            rng.uniform(size=2_400) <= beta_target(rng.uniform(size=2_400)) / envelope
        )
        counts.append(int(np.searchsorted(accepted, 900)) + 1)
    mean, standard_error = np.mean(counts), np.std(counts) / math.sqrt(len(counts))
    TOPIC.judged(slug, 4, number(mean), tolerance=5 * standard_error / mean)


# --- rejection-exponential-envelope -------------------------------------------------------


def gamma_over_exponential(x: Array, rate: float) -> Array:
    return np.exp(log_gamma_over_exponential(x, rate))


def log_gamma_over_exponential(x: Array, rate: float) -> Array:
    """log p(x) − log q_λ(x), each log-density written out separately."""
    return (np.log(x) - x) - (np.log(rate) - rate * x)


def test_rejection_exponential_bounded_only_for_small_rates() -> None:
    far = np.array([50.0, 200.0, 800.0])
    for rate in (0.2, 0.5, 0.9):
        assert np.all(np.diff(log_gamma_over_exponential(far, rate)) < 0)  # decays in the tail
    for rate in (1.0, 1.5):
        assert np.all(np.diff(log_gamma_over_exponential(far, rate)) > 0)  # grows without bound
    TOPIC.judged("rejection-exponential-envelope", 1, "a")


def test_rejection_exponential_envelope_by_grid_search() -> None:
    slug = "rejection-exponential-envelope"
    grid = np.linspace(1e-6, 80.0, 400_001)

    def envelope(rate: float) -> float:
        return float(gamma_over_exponential(grid, rate).max())

    for rate in (0.15, 0.5, 0.8):
        assert np.isclose(TOPIC.scalar_key(slug, 2, **{"lambda": rate}), envelope(rate), rtol=1e-7)
    rates = np.linspace(0.05, 0.95, 181)
    best = float(rates[np.argmin([envelope(rate) for rate in rates])])
    TOPIC.judged(slug, 3, exact_text(best, max_denominator=20))

    # Part 4 by running the sampler at λ = 1/2; the acceptance fraction over 10⁶ proposals
    # has standard error ≈ 0.00047, allowed 5 times.
    rng = np.random.default_rng(SEED)
    n = 1_000_000
    x = rng.exponential(2.0, size=n)
    rate = float(np.mean(rng.uniform(size=n) <= gamma_over_exponential(x, 0.5) / envelope(0.5)))
    TOPIC.judged(slug, 4, number(rate), tolerance=5 * 0.00047 / rate)


# --- importance-weights-gaussian ----------------------------------------------------------


def centred_normal_density(x: Array, sd: float) -> Array:
    """The density of N(0, sd²), through its logarithm."""
    return np.exp(normal_log_density(x, sd))


def normal_log_density(x: Array, sd: float) -> Array:
    return -(x**2) / (2 * sd**2) - math.log(sd * math.sqrt(2 * math.pi))


def squared_target_over_proposal(x: Array, s: float) -> Array:
    """p(x)²/q(x) for p = N(0, 1) and q = N(0, s²), combined on the log scale."""
    return np.exp(2 * normal_log_density(x, 1.0) - normal_log_density(x, s))


def test_importance_weights_and_their_second_moment_by_quadrature() -> None:
    slug = "importance-weights-gaussian"
    for s, x in [(1.3, 0.7), (0.8, -2.1), (2.5, 3.0)]:
        assert np.isclose(
            TOPIC.scalar_key(slug, 1, s=s, x=x),
            centred_normal_density(np.array(x), 1.0) / centred_normal_density(np.array(x), s),
            rtol=1e-9,
        )
    for s in (0.8, 1.0, 1.6, 4.0):
        moment = integral(lambda x, s=s: squared_target_over_proposal(x, s), -40.0, 40.0)
        assert np.isclose(TOPIC.scalar_key(slug, 2, s=s), moment, rtol=1e-7)


def test_importance_weight_variance_finite_only_above_one_over_root_two() -> None:
    def truncated_moment(s: float, half_width: float) -> float:
        return integral(lambda x: squared_target_over_proposal(x, s), -half_width, half_width)

    # Above 1/√2 the truncated integral settles; at or below it keeps growing with the range.
    assert np.isclose(truncated_moment(0.75, 20.0), truncated_moment(0.75, 40.0), rtol=1e-9)
    assert truncated_moment(0.7, 40.0) > 1.9 * truncated_moment(0.7, 20.0)
    assert truncated_moment(0.6, 20.0) > 1e6 * truncated_moment(0.6, 5.0)
    TOPIC.judged("importance-weights-gaussian", 3, "a")


def test_importance_weight_average_and_effective_sample_size_by_quadrature() -> None:
    slug = "importance-weights-gaussian"
    for seed, values in TOPIC.instances(slug):
        s2, n = (values["root"] ** 2 + 1) / 2, values["n"]
        assert f"s² = {Fraction(s2).limit_denominator(1000)} and n = {n:g}" in (
            bundled_part(TOPIC.id(slug), 4, seed).ask
        )
        s = math.sqrt(s2)
        # E_q[w²] = ∫ p²/q by quadrature, far into both tails (the narrowest s is just above 1/√2).
        second = integral(lambda x, s=s: squared_target_over_proposal(x, s), -60.0, 60.0, 600_001)
        first = integral(
            lambda x, s=s: centred_normal_density(x, 1.0), -60.0, 60.0, 600_001
        )  # E_q[w] = ∫ p = 1
        TOPIC.judged(slug, 4, number((second - first**2) / n), tolerance=1e-6, seed=seed)
        TOPIC.judged(slug, 5, number(n * first**2 / second), tolerance=1e-6, seed=seed)


def test_importance_weight_average_and_effective_sample_size_by_simulation() -> None:
    slug = "importance-weights-gaussian"
    rng = np.random.default_rng(SEED)
    s = math.sqrt(5 / 2)
    repeats, n = 10_000, 400
    x = rng.normal(0.0, s, size=(repeats, n))
    weights = centred_normal_density(x, 1.0) / centred_normal_density(x, s)
    averages = weights.mean(axis=1)
    # The averages are close to normal, so their sample variance has relative standard error
    # about √(2/repeats) = 1.4%; allow 7%, far from the listed mistakes (5× and 400× off).
    TOPIC.judged(slug, 4, number(averages.var()), tolerance=0.07)
    # n (E w)²/E w² for n = 400, with the moments estimated from all 4·10⁶ weights: the
    # second moment's relative standard error is about 0.05%, allowed 1%.
    effective = n * weights.mean() ** 2 / np.mean(weights**2)
    TOPIC.judged(slug, 5, number(effective), tolerance=0.01)


# --- importance-sampling-tail -------------------------------------------------------------


def test_tail_importance_weight_and_second_moment_by_quadrature() -> None:
    slug = "importance-sampling-tail"
    for rate, x in [(0.2, 3.0), (1.4, 0.5), (0.7, 6.0)]:
        direct = math.exp(-x) / (rate * math.exp(-rate * x))
        assert np.isclose(TOPIC.scalar_key(slug, 1, **{"lambda": rate, "x": x}), direct, rtol=1e-9)
    for a, rate in [(40 / 9, 0.2), (1.0, 1.5), (2.5, 0.6)]:
        # E_q[1{X > a} w(X)²] as the integral of q w² over (a, ∞), written with q and w apart.
        def integrand(x: Array, rate: float = rate) -> Array:
            q = rate * np.exp(-rate * x)
            return q * (np.exp(-x) / q) ** 2

        moment = integral(integrand, a, a + 400.0, 400_001)
        assert np.isclose(TOPIC.scalar_key(slug, 2, a=a, **{"lambda": rate}), moment, rtol=1e-6)


def tail_variances(a: float, rate: float) -> tuple[float, float]:
    """Per-draw variances of the plain and the importance estimator, by quadrature."""
    mu = integral(lambda x: np.exp(-x), a, a + 60.0)
    second = integral(lambda x: np.exp(-2 * x) / (rate * np.exp(-rate * x)), a, a + 200.0, 100_001)
    return mu * (1 - mu), second - mu**2


def test_tail_best_rate_and_variance_ratio() -> None:
    slug = "importance-sampling-tail"
    a = 40 / 9
    rates = np.linspace(0.05, 0.6, 56)
    best = float(rates[np.argmin([tail_variances(a, rate)[1] for rate in rates])])
    TOPIC.judged(slug, 3, exact_text(best, max_denominator=20))
    plain, weighted = tail_variances(a, 0.2)
    TOPIC.judged(slug, 4, number(plain / weighted), tolerance=1e-5)


def test_tail_importance_variance_by_simulation() -> None:
    # Draw from q = Exp(1/5) and take the sample variance of 1{x > a} w(x) over 2·10⁶ draws,
    # with its standard error from the fourth moment; allow 5 standard errors (about 3%).
    rng = np.random.default_rng(SEED)
    a, rate, n = 40 / 9, 0.2, 2_000_000
    x = rng.exponential(1 / rate, size=n)
    terms = (x > a) * np.exp(-x) / (rate * np.exp(-rate * x))
    squared = (terms - terms.mean()) ** 2
    variance, standard_error = squared.mean(), squared.std() / math.sqrt(n)
    plain = math.exp(-a) * (1 - math.exp(-a))
    ratio = plain / variance
    TOPIC.judged(
        "importance-sampling-tail", 4, number(ratio), tolerance=5 * standard_error / variance
    )


# --- effective-sample-size ----------------------------------------------------------------


def test_self_normalised_estimate_and_effective_sample_size() -> None:
    slug = "effective-sample-size"
    draws = [Fraction(-1), Fraction(0), Fraction(2), Fraction(3)]
    for seed, values in TOPIC.instances(slug):
        raw = [Fraction(values[f"w{i}"]).limit_denominator() for i in range(1, 5)]
        statement = bundled_exercise(TOPIC.id(slug), seed).statement
        assert "w̃ = " + ", ".join(str(w) for w in raw) in statement
        # Scaling the raw weights by any constant (the unknown normaliser) changes nothing.
        scaled = [7 * w for w in raw]
        normalised = [w / sum(scaled) for w in scaled]
        TOPIC.judged(slug, 1, "(" + ", ".join(str(w) for w in normalised) + ")", seed=seed)
        estimate = sum(w * x for w, x in zip(normalised, draws, strict=True))
        TOPIC.judged(slug, 2, str(estimate), seed=seed)
        # 1/Σ Wᵢ², the same quantity as (Σ w̃ᵢ)²/Σ w̃ᵢ².
        TOPIC.judged(slug, 3, str(1 / sum(w * w for w in normalised)), seed=seed)
    for n, r in [(5, 3.0), (100, 10.0), (2, 0.25)]:
        weights = np.array([r] + [1.0] * (n - 1))
        normalised_weights = weights / weights.sum()
        assert np.isclose(
            TOPIC.scalar_key(slug, 4, n=n, r=r), 1 / np.sum(normalised_weights**2), rtol=1e-12
        )


# --- monte-carlo-error-darts --------------------------------------------------------------


def test_dart_variance_and_standard_error_by_simulation() -> None:
    slug = "monte-carlo-error-darts"
    rng = np.random.default_rng(SEED)
    n = 2_000_000
    terms = 4.0 * ((rng.uniform(size=n) ** 2 + rng.uniform(size=n) ** 2) <= 1)
    squared = (terms - terms.mean()) ** 2
    variance, standard_error = squared.mean(), squared.std() / math.sqrt(n)
    TOPIC.judged(slug, 1, number(variance), tolerance=5 * standard_error / variance)  # about 0.3%
    # Part 2: the spread of 4000 estimates from 10 000 darts each; the sample standard
    # deviation has relative standard error ≈ 1/√(2·4000) ≈ 1.1%; allow 5%.
    estimates = 4 * rng.binomial(10_000, math.pi / 4, size=4_000) / 10_000
    TOPIC.judged(slug, 2, number(estimates.std()), tolerance=0.05)


def test_dart_sample_size_for_three_decimals() -> None:
    with mpmath.workdps(40):
        needed = mpmath.pi * (4 - mpmath.pi) / mpmath.mpf("1e-6")
        smallest = int(mpmath.ceil(needed))
        standard_error = lambda n: mpmath.sqrt(mpmath.pi * (4 - mpmath.pi) / n)  # noqa: E731
        assert standard_error(smallest) <= mpmath.mpf("0.001") < standard_error(smallest - 1)
    TOPIC.judged("monte-carlo-error-darts", 3, str(smallest))


def test_dart_error_shrinks_like_one_over_root_n() -> None:
    # Standard deviations of estimates from n and 9n darts: the ratio should be k = 3 when the
    # sample size grows by the key's factor at k = 3. Each standard deviation has relative
    # standard error ≈ 0.5%, so the ratio is within 5% with a wide margin.
    rng = np.random.default_rng(SEED)
    k = 3.0
    factor = TOPIC.scalar_key("monte-carlo-error-darts", 4, k=k)
    n = 2_000
    spreads = [
        float((4 * rng.binomial(int(size), math.pi / 4, size=20_000) / size).std())
        for size in (n, n * factor)
    ]
    assert abs(spreads[0] / spreads[1] - k) < 0.05 * k


# --- gibbs-bivariate-gaussian -------------------------------------------------------------


MEAN = np.array([1.0, -2.0])
COVARIANCE = np.array([[4.0, 3.0], [3.0, 9.0]])


def test_gibbs_gaussian_conditionals_from_the_precision_matrix() -> None:
    slug = "gibbs-bivariate-gaussian"
    precision = np.linalg.inv(COVARIANCE)
    # In the precision form, p(x | y) has variance 1/Λ_xx and mean μ_x − (Λ_xy/Λ_xx)(y − μ_y).
    for y in (-5.0, 0.0, 2.5):
        mean_x = MEAN[0] - precision[0, 1] / precision[0, 0] * (y - MEAN[1])
        assert np.isclose(TOPIC.scalar_key(slug, 1, y=y), mean_x, rtol=1e-12)
    TOPIC.judged(slug, 2, exact_text(1 / precision[0, 0]))
    slope = -precision[1, 0] / precision[1, 1]
    intercept = MEAN[1] - slope * MEAN[0]
    TOPIC.judged(
        slug,
        3,
        f"({exact_text(intercept)} + {exact_text(slope)}*x, {exact_text(1 / precision[1, 1])})",
    )


def test_gibbs_gaussian_chain_autocorrelation_and_variance_inflation() -> None:
    slug = "gibbs-bivariate-gaussian"
    precision = np.linalg.inv(COVARIANCE)
    rng = np.random.default_rng(SEED)
    chains, steps = 20_000, 60
    x = rng.normal(MEAN[0], 2.0, size=chains)  # start in the x-marginal
    xs = []
    for _ in range(steps):
        y = rng.normal(
            MEAN[1] - precision[1, 0] / precision[1, 1] * (x - MEAN[0]),
            math.sqrt(1 / precision[1, 1]),
        )
        x = rng.normal(
            MEAN[0] - precision[0, 1] / precision[0, 0] * (y - MEAN[1]),
            math.sqrt(1 / precision[0, 0]),
        )
        xs.append(x)
    chain = np.array(xs) - MEAN[0]
    # The lag-one autocorrelation over 20 000 × 59 pairs has standard error below 0.002
    # (pairs within a chain are correlated, but only weakly); allow 0.01.
    lag_one = float(np.mean(chain[1:] * chain[:-1]) / np.mean(chain**2))
    TOPIC.judged(slug, 4, number(lag_one), tolerance=0.01 / 0.25)
    # τ: n · Var(chain average)/Var(X), with the variance over 20 000 independent chains
    # of length 60 (relative standard error 1%, plus an O(1/n) end effect of about 1.5%).
    tau = steps * chain.mean(axis=0).var() / 4.0
    TOPIC.judged(slug, 5, number(tau), tolerance=0.07)


def test_gibbs_gaussian_variance_inflation_from_the_exact_autocovariance() -> None:
    # The sum over all pairs of c^|s−t|, divided by n, for a long run: tends to the key.
    c = float(np.linalg.inv(COVARIANCE)[0, 1] ** 2 / np.prod(np.diag(np.linalg.inv(COVARIANCE))))
    n = 100_000
    lags = np.arange(1, n)
    tau = float((n + 2 * np.sum((n - lags) * c**lags)) / n)  # Σ over pairs, grouped by lag
    TOPIC.judged("gibbs-bivariate-gaussian", 5, number(tau), tolerance=1e-3)


# --- gibbs-binary-chain -------------------------------------------------------------------


def binary_chain_joint(agree_ab: float, agree_bc: float) -> Joint:
    """p(a, b, c) ∝ φ(a, b) ψ(b, c); a factor is ``agree_*`` where its variables agree, else 1."""
    return joint_from_factors(
        {"A": 2, "B": 2, "C": 2},
        [
            (("A", "B"), lambda a, b: agree_ab if a == b else 1.0),
            (("B", "C"), lambda b, c: agree_bc if b == c else 1.0),
        ],
    )


def gibbs_update_matrix(joint: Joint, variable: str) -> Array:
    """8 × 8 kernel that resamples ``variable`` from its full conditional (states in ABC order)."""
    states = list(itertools.product([0, 1], repeat=3))
    position = joint.names.index(variable)
    kernel = np.zeros((8, 8))
    for i, state in enumerate(states):
        others = {name: state[k] for k, name in enumerate(joint.names) if name != variable}
        for value in (0, 1):
            target = list(state)
            target[position] = value
            kernel[i, states.index(tuple(target))] = joint.conditional({variable: value}, others)
    return kernel


def test_gibbs_binary_chain_conditionals_and_sweeps_by_enumeration() -> None:
    slug = "gibbs-binary-chain"
    states = list(itertools.product([0, 1], repeat=3))
    for seed, values in TOPIC.instances(slug):
        joint = binary_chain_joint(values["s"], values["t"])

        def judged(part: int, value: float, seed: int = seed) -> None:
            TOPIC.judged(slug, part, exact_text(value), seed=seed)

        judged(1, joint.conditional({"A": 1}, {"B": 0, "C": 1}))
        # A's conditional needs B only: A ⊥ C | B holds, and A depends on B.
        assert joint.independent(["A"], ["C"], ["B"])
        assert not joint.independent(["A"], ["B"], ["C"])
        TOPIC.judged(slug, 2, "{B}", seed=seed)
        judged(3, joint.conditional({"B": 1}, {"A": 1, "C": 0}))

        sweep = (
            gibbs_update_matrix(joint, "A")
            @ gibbs_update_matrix(joint, "B")
            @ gibbs_update_matrix(joint, "C")
        )
        judged(4, sweep[states.index((0, 1, 1)), states.index((1, 1, 1))])
        eigenvalues, vectors = np.linalg.eig(sweep.T)
        stationary = np.real(vectors[:, np.argmin(np.abs(eigenvalues - 1))])
        stationary /= stationary.sum()
        judged(5, stationary[states.index((1, 1, 1))])


# --- metropolis-random-walk ---------------------------------------------------------------


def gamma3_unnormalised(x: float) -> float:
    return x * x * math.exp(-x) if x > 0 else 0.0


def test_metropolis_random_walk_ratios_and_acceptances() -> None:
    slug = "metropolis-random-walk"
    for x, y in [(2.0, 3.0), (0.4, 5.5), (7.0, 1.2)]:
        direct = gamma3_unnormalised(y) / gamma3_unnormalised(x)
        assert np.isclose(TOPIC.scalar_key(slug, 1, x=x, y=y), direct, rtol=1e-12)
    for part, (x, y) in enumerate([(2.0, 3.0), (2.0, 1.0), (2.0, -0.5), (3.0, 2.0)], start=2):
        acceptance = min(1.0, gamma3_unnormalised(y) / gamma3_unnormalised(x))
        TOPIC.judged(slug, part, number(acceptance), tolerance=1e-12)
    # Detailed balance across the pair of parts 2 and 5: p̃(2) α(2 → 3) = p̃(3) α(3 → 2).
    assert np.isclose(
        gamma3_unnormalised(2.0) * TOPIC.scalar_key(slug, 2),
        gamma3_unnormalised(3.0) * TOPIC.scalar_key(slug, 5),
    )


def test_metropolis_random_walk_acceptance_by_simulation() -> None:
    # From x = 2, simulate N(0, 1) proposals and the accept step; among proposals that land
    # near 3 (within 0.01) the accepted fraction must match the key within 5 standard errors.
    rng = np.random.default_rng(SEED)
    y = 2.0 + rng.normal(size=4_000_000)
    near = y[np.abs(y - 3.0) < 0.01]
    ratio = np.array([gamma3_unnormalised(v) for v in near]) / gamma3_unnormalised(2.0)
    accepted = rng.uniform(size=near.size) < ratio
    fraction = float(accepted.mean())
    standard_error = math.sqrt(fraction * (1 - fraction) / near.size)
    TOPIC.judged(
        "metropolis-random-walk",
        2,
        number(fraction),
        tolerance=(5 * standard_error + 0.005) / fraction,
    )


# --- metropolis-hastings-log-scale --------------------------------------------------------


def lognormal_proposal_density(y: float, x: float, tau: float, h: float = 1e-5) -> float:
    """d/dy P(x e^ε ≤ y) with ε ~ N(0, τ²), by a central difference of the normal CDF."""

    def cdf(v: float) -> float:
        return 0.5 * (1 + math.erf((math.log(v) - math.log(x)) / (tau * math.sqrt(2))))

    return derivative(cdf, y, h)


def test_log_scale_proposal_density_and_hastings_factor() -> None:
    slug = "metropolis-hastings-log-scale"
    for x, y, tau in [(1.0, 3.0, 0.8), (2.5, 0.7, 1.5), (0.3, 0.35, 0.2)]:
        assert np.isclose(
            TOPIC.scalar_key(slug, 1, x=x, y=y, tau=tau),
            lognormal_proposal_density(y, x, tau),
            rtol=1e-6,
        )
        factor = lognormal_proposal_density(x, y, tau) / lognormal_proposal_density(y, x, tau)
        assert np.isclose(TOPIC.scalar_key(slug, 2, x=x, y=y, tau=tau), factor, rtol=1e-6)
    for seed, values in TOPIC.instances(slug):
        for part, (x, y) in [(3, (1.0, values["up"])), (4, (1.0, 1 / values["k"]))]:
            tau = 0.9  # any width: it cancels
            ratio = (
                math.exp(-y)
                * lognormal_proposal_density(x, y, tau)
                / (math.exp(-x) * lognormal_proposal_density(y, x, tau))
            )
            acceptance = min(1.0, ratio)
            TOPIC.judged(slug, part, number(acceptance), tolerance=1e-6, seed=seed)
            # The solution's rounded value (computed from a series in the template) is right.
            assert f"≈ {acceptance:.3f}" in bundled_part(TOPIC.id(slug), part, seed).solution


def test_log_scale_chain_with_the_key_factor_samples_the_target() -> None:
    # Run the sampler with the key's Hastings factor; its mean should be E[X] = 1 for Exp(1).
    # 200 independent chains of 400 steps after burn-in: the spread of the chain means gives
    # the standard error of the grand mean; allow 5 of them.
    rng = np.random.default_rng(SEED)
    chains, steps, burn_in = 200, 400, 100
    x = np.ones(chains)
    sums = np.zeros(chains)
    factor_at = lambda old, new: TOPIC.scalar_key("metropolis-hastings-log-scale", 2, x=old, y=new)  # noqa: E731
    assert np.isclose(factor_at(1.3, 2.6), 2.0)
    for t in range(burn_in + steps):
        y = x * np.exp(rng.normal(0.0, 1.0, size=chains))
        ratio = np.exp(x - y) * (y / x)  # checked against the key just above
        x = np.where(rng.uniform(size=chains) < ratio, y, x)
        if t >= burn_in:
            sums += x
    means = sums / steps
    assert abs(means.mean() - 1.0) < 5 * means.std() / math.sqrt(chains)


# --- metropolis-three-states --------------------------------------------------------------


TARGET = [Fraction(1, 6), Fraction(1, 3), Fraction(1, 2)]
PROPOSAL = [
    [Fraction(0), Fraction(1), Fraction(0)],
    [Fraction(1, 2), Fraction(0), Fraction(1, 2)],
    [Fraction(0), Fraction(1), Fraction(0)],
]


def three_state_kernel(hastings: bool) -> list[list[Fraction]]:
    kernel = [[Fraction(0)] * 3 for _ in range(3)]
    for i in range(3):
        for j in range(3):
            if i != j and PROPOSAL[i][j]:
                ratio = TARGET[j] / TARGET[i]
                if hastings:
                    ratio *= PROPOSAL[j][i] / PROPOSAL[i][j]
                kernel[i][j] = PROPOSAL[i][j] * min(Fraction(1), ratio)
        kernel[i][i] = 1 - sum(kernel[i])
    return kernel


def matrix_text(matrix: list[list[Fraction]]) -> str:
    return "[" + ", ".join("[" + ", ".join(str(v) for v in row) + "]" for row in matrix) + "]"


def test_three_state_kernel_and_its_stationarity() -> None:
    slug = "metropolis-three-states"
    kernel = three_state_kernel(hastings=True)
    TOPIC.judged(slug, 1, str(kernel[2][1] / PROPOSAL[2][1]))
    TOPIC.judged(slug, 2, matrix_text(kernel))
    for j in range(3):
        assert sum(TARGET[i] * kernel[i][j] for i in range(3)) == TARGET[j]


def test_three_state_chain_without_correction_and_its_mixing_rate() -> None:
    slug = "metropolis-three-states"
    wrong = np.array(three_state_kernel(hastings=False), dtype=float)
    # Stationary distribution: solve ν (P − I) = 0 with Σ ν = 1 by least squares.
    system = np.vstack([(wrong - np.eye(3)).T, np.ones(3)])
    stationary = np.linalg.lstsq(system, np.array([0.0, 0.0, 0.0, 1.0]), rcond=None)[0]
    TOPIC.judged(slug, 3, exact_tuple_text(stationary))
    right = np.array(three_state_kernel(hastings=True), dtype=float)
    eigenvalues = np.linalg.eigvals(right)
    others = eigenvalues[np.abs(eigenvalues - 1) > 1e-9]
    TOPIC.judged(slug, 4, number(np.abs(others).max()), tolerance=1e-10)
    # The same rate from powers of P: successive ratios of the distance to π approach it.
    pi = np.array([float(p) for p in TARGET])
    gaps = [np.abs(np.linalg.matrix_power(right, t)[0] - pi).max() for t in (60, 61)]
    TOPIC.judged(slug, 4, number(gaps[1] / gaps[0]), tolerance=1e-6)
