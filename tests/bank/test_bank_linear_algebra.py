"""Independent confirmation of every computable key in bank/linear-algebra.

Each test recomputes a key by a different route than the worked solution — numpy
eigen/SVD/QR routines, sympy exact arithmetic, direct inversion of block matrices,
brute-force searches and simulated iterations — and hands the result to the real
checker (``assert_judged_correct``). Matrix-expression keys are evaluated at random
matrices with ``key_value`` and compared with a direct numerical computation.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp
from answer_text import (
    float_matrix_text,
    float_vector_text,
    number,
    sympy_matrix_text,
    sympy_vector_text,
)

from bank_support import (
    BankTopic,
    assert_judged_correct,
    bundled_exercise,
    bundled_part,
    evaluate,
    key_array,
)

TOPIC = BankTopic("linear-algebra")
TIGHT = 1e-9


def prose_number(value: float) -> str:
    """A whole number as the exercise's prose prints it (a minus sign, not a hyphen)."""
    assert float(value).is_integer(), value
    return str(int(value)).replace("-", "−")


def random_orthogonal(rng: np.random.Generator, n: int) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


# --- eigenvalues-trace-determinant -------------------------------------------------


def test_trace_and_determinant_from_an_explicit_matrix_over_its_instances() -> None:
    rng = np.random.default_rng(11)
    slug = "eigenvalues-trace-determinant"
    for seed, values in TOPIC.instances(slug):
        eigenvalues = [values[name] for name in ("l1", "l2", "l3")]
        statement = bundled_exercise(TOPIC.id(slug), seed).statement
        shown = ", ".join(prose_number(v) for v in eigenvalues[:2])
        assert f"eigenvalues {shown} and {prose_number(eigenvalues[2])}." in statement
        # build a non-symmetric matrix with these eigenvalues and work with it directly
        V = rng.standard_normal((3, 3))
        A = V @ np.diag(eigenvalues) @ np.linalg.inv(V)
        TOPIC.judged(slug, 1, number(np.trace(A)), tolerance=TIGHT, seed=seed)
        TOPIC.judged(slug, 2, number(np.linalg.det(A)), tolerance=TIGHT, seed=seed)
        shifted = np.linalg.det(A @ A + np.eye(3))
        TOPIC.judged(slug, 3, number(shifted), tolerance=TIGHT, seed=seed)
        TOPIC.judged(slug, 4, number(np.trace(np.linalg.inv(A))), tolerance=TIGHT, seed=seed)


# --- orthogonal-projection-line ----------------------------------------------------


def test_projection_onto_a_line_over_its_instances() -> None:
    slug = "orthogonal-projection-line"
    t = sp.symbols("t")
    for seed, values in TOPIC.instances(slug):
        u_entries, y_entries = ([int(v) for v in np.ravel(values[name])] for name in ("u", "y"))
        statement = bundled_exercise(TOPIC.id(slug), seed).statement
        for name, entries in (("u", u_entries), ("y", y_entries)):
            shown = ", ".join(prose_number(v) for v in entries)
            assert f"{name} = ({shown})ᵀ" in statement
        u, y = sp.Matrix(u_entries), sp.Matrix(y_entries)
        # Least squares in one unknown t: minimise ‖y − t u‖², solved by sympy.
        t_best = sp.solve(sp.diff(((y - t * u).T * (y - t * u))[0], t), t)[0]
        TOPIC.judged(slug, 1, sympy_vector_text(t_best * u), seed=seed)
        # Distance by the cross product: ‖u × y‖ / ‖u‖ (area of the parallelogram over the base).
        distance = sp.sqrt(u.cross(y).dot(u.cross(y))) / sp.sqrt(u.dot(u))
        # A whole distance would make the key and the solution read sqrt(9).
        assert not distance.is_rational, (seed, distance)
        TOPIC.judged(slug, 2, str(distance), seed=seed)
        # Projection matrix from an orthonormal basis of the line (numpy QR): P = q qᵀ.
        q, _ = np.linalg.qr(np.array(u_entries, dtype=float).reshape(3, 1))
        P = q @ q.T
        TOPIC.judged(slug, 3, float_matrix_text(P), tolerance=TIGHT, seed=seed)


# --- rank-null-space ---------------------------------------------------------------


def test_rank_null_space_and_solvability() -> None:
    ex = TOPIC.id("rank-null-space")
    A = sp.Matrix([[1, 2, 3], [2, 1, 0], [3, 3, 3]])
    assert_judged_correct(ex, 1, str(np.linalg.matrix_rank(np.array(A, dtype=float))))
    (null,) = A.nullspace()
    assert_judged_correct(ex, 2, sympy_vector_text(null / null[0]))
    (left_null,) = A.T.nullspace()
    b = sp.symbols("b_1 b_2 b_3")
    condition = sum(c * s for c, s in zip(left_null, b, strict=True))
    assert_judged_correct(ex, 3, f"{condition} = 0")
    assert_judged_correct(ex, 4, str(np.linalg.matrix_rank(np.array(A.T * A, dtype=float))))


# --- projection-column-space -------------------------------------------------------


def test_projection_matrix_formula_matches_qr_projector() -> None:
    rng = np.random.default_rng(5)
    X = rng.standard_normal((6, 2))
    Q, _ = np.linalg.qr(X)
    assert np.allclose(key_array(TOPIC.id("projection-column-space"), 1, X=X), Q @ Q.T)


def test_line_fit_coefficients_residual_and_trace() -> None:
    ex = TOPIC.id("projection-column-space")
    X = sp.Matrix([[1, 0], [1, 1], [1, 2]])
    y = sp.Matrix([1, 2, 4])
    c = X.solve_least_squares(y)
    assert_judged_correct(ex, 2, sympy_vector_text(c))
    # Residual by numpy's least-squares routine (which returns the residual sum of squares).
    _, rss, _, _ = np.linalg.lstsq(np.array(X, dtype=float), np.array(y, dtype=float), rcond=None)
    assert_judged_correct(ex, 3, number(rss[0]), tolerance=TIGHT)
    Q, _ = np.linalg.qr(np.array(X, dtype=float))
    assert_judged_correct(ex, 4, number(np.trace(Q @ Q.T)), tolerance=TIGHT)


# --- gram-schmidt-qr ---------------------------------------------------------------


def test_qr_factorisation_and_least_squares() -> None:
    ex = TOPIC.id("gram-schmidt-qr")
    A = sp.Matrix([[1, 5], [2, 4], [2, -2]])
    Q, R = A.QRdecomposition()
    assert all(R[i, i] > 0 for i in range(2))
    assert_judged_correct(ex, 1, str(R[0, 1]))
    assert_judged_correct(ex, 2, sympy_vector_text(Q.col(1)))
    assert_judged_correct(ex, 3, sympy_matrix_text(R))
    x = (A.T * A).solve(A.T * sp.Matrix([1, 1, 1]))  # normal equations, no QR involved
    assert_judged_correct(ex, 4, sympy_vector_text(x))


# --- power-method-convergence --------------------------------------------------------


def test_power_method_on_the_two_by_two_matrix() -> None:
    ex = TOPIC.id("power-method-convergence")
    A = np.array([[5.0, 2.0], [2.0, 2.0]])
    x0 = np.array([1.0, 0.0])
    assert_judged_correct(ex, 1, sympy_vector_text(np.linalg.matrix_power(A, 2) @ x0))
    values, vectors = np.linalg.eigh(A)
    top = np.argmax(np.abs(values))
    assert_judged_correct(ex, 2, number(values[top]), tolerance=TIGHT)
    v1 = vectors[:, top]
    assert_judged_correct(ex, 3, sympy_vector_text(np.round(v1 / v1[1], 12)))

    # Simulate: tangent of the angle between x_k and v1, measured, not derived.
    def tangent(x: np.ndarray) -> float:
        along = v1 @ x
        return float(np.linalg.norm(x - along * v1) / abs(along))

    tangents, x = [], x0.copy()
    for _ in range(12):
        tangents.append(tangent(x))
        x = A @ x
        x /= np.linalg.norm(x)
    assert_judged_correct(ex, 4, number(tangents[5] / tangents[4]), tolerance=1e-6)
    first = next(k for k, t in enumerate(tangents) if t <= 1e-6 * tangents[0])
    assert_judged_correct(ex, 5, str(first))


# --- definiteness-tests -------------------------------------------------------------


def test_definiteness_classification_by_eigenvalues() -> None:
    ex = TOPIC.id("definiteness-tests")
    options = dict(bundled_exercise(ex).parts[0].answer.options)
    definite, semi_only = [], []
    for label, text in sorted(options.items()):
        eigenvalues = np.linalg.eigvalsh(np.asarray(evaluate(text, {}), dtype=float))
        if eigenvalues.min() > 1e-12:
            definite.append(label)
        elif eigenvalues.min() > -1e-12:
            semi_only.append(label)
    assert_judged_correct(ex, 1, ", ".join(definite))
    assert_judged_correct(ex, 2, ", ".join(semi_only))
    # Brute-force scan of t: the largest |t| on a fine grid that keeps both eigenvalues > 0.
    grid = np.linspace(0, 10, 100_001)
    ok = [t for t in grid if np.linalg.eigvalsh(np.array([[2, t], [t, 8]])).min() > 0]
    assert_judged_correct(ex, 3, number(max(ok)), tolerance=1e-3)


# --- schur-complement-woodbury ------------------------------------------------------


def test_block_inverse_blocks_and_determinant() -> None:
    ex = TOPIC.id("schur-complement-woodbury")
    rng = np.random.default_rng(21)
    n, m = 3, 2
    A = rng.standard_normal((n, n)) + 3 * np.eye(n)
    B, C = rng.standard_normal((n, m)), rng.standard_normal((m, n))
    D = rng.standard_normal((m, m)) + 3 * np.eye(m)
    M = np.block([[A, B], [C, D]])
    M_inv = np.linalg.inv(M)
    blocks = {"A": A, "B": B, "C": C, "D": D}
    # The Schur complement is the inverse of the bottom-right block of M⁻¹.
    assert np.allclose(key_array(ex, 1, **blocks), np.linalg.inv(M_inv[n:, n:]))
    assert np.isclose(float(key_array(ex, 2, **blocks)), np.linalg.det(M))
    assert np.allclose(key_array(ex, 3, **blocks), M_inv[n:, n:])
    assert np.allclose(key_array(ex, 4, **blocks), M_inv[:n, :n])


def test_woodbury_identity_against_direct_inverse() -> None:
    ex = TOPIC.id("schur-complement-woodbury")
    rng = np.random.default_rng(22)
    n, k = 5, 2
    A = rng.standard_normal((n, n)) + 4 * np.eye(n)
    U, V = rng.standard_normal((n, k)), rng.standard_normal((k, n))
    W = rng.standard_normal((k, k)) + 2 * np.eye(k)
    direct = np.linalg.inv(A + U @ W @ V)
    assert np.allclose(key_array(ex, 5, A=A, U=U, V=V, W=W), direct)


def test_schur_numeric_entry() -> None:
    M = sp.Matrix([[2, 1, 1], [1, 3, 0], [1, 0, 4]])
    assert_judged_correct(TOPIC.id("schur-complement-woodbury"), 6, str(M.inv()[2, 2]))


# --- sherman-morrison-update --------------------------------------------------------


def test_sherman_morrison_formula_against_direct_inverse() -> None:
    rng = np.random.default_rng(31)
    n = 4
    A = rng.standard_normal((n, n)) + 3 * np.eye(n)
    u, v = rng.standard_normal((n, 1)), rng.standard_normal((n, 1))
    direct = np.linalg.inv(A + u @ v.T)
    assert np.allclose(key_array(TOPIC.id("sherman-morrison-update"), 1, A=A, u=u, v=v), direct)


def test_sherman_morrison_numbers_over_its_instances() -> None:
    slug = "sherman-morrison-update"
    c = sp.symbols("c")
    update = sp.diag(1, 2, 4) + sp.Matrix([1, 1, 1]) * sp.Matrix([[1, 1, c]])
    (root,) = sp.solve(update.det(), c)
    for seed, values in TOPIC.instances(slug):
        entries = [int(v) for v in np.ravel(values["w"])]
        shown = ", ".join(prose_number(v) for v in entries)
        assert f"For w = ({shown})ᵀ" in bundled_part(TOPIC.id(slug), 2, seed).ask
        w = sp.Matrix(entries)
        # invert and take the determinant of Σ itself, without the lemma
        Sigma = 2 * sp.eye(3) + w * w.T
        TOPIC.judged(slug, 2, sympy_matrix_text(Sigma.inv()), seed=seed)
        TOPIC.judged(slug, 4, str(Sigma.det()), seed=seed)
        TOPIC.judged(slug, 5, str(root), seed=seed)


# --- svd-low-rank-error -------------------------------------------------------------


def test_truncated_svd_errors() -> None:
    ex = TOPIC.id("svd-low-rank-error")
    rng = np.random.default_rng(41)
    sigma = np.array([10.0, 6.0, 3.0, 1.0, 0.0])
    U = random_orthogonal(rng, 6)[:, :5]
    A = U @ np.diag(sigma) @ random_orthogonal(rng, 5).T
    u, s, vt = np.linalg.svd(A)

    def truncated(k: int) -> np.ndarray:
        return u[:, :k] @ np.diag(s[:k]) @ vt[:k]

    norm_a = np.linalg.norm(A, "fro")
    assert_judged_correct(ex, 1, number(norm_a), tolerance=TIGHT)
    assert_judged_correct(ex, 2, number(np.linalg.norm(A - truncated(2), "fro")), tolerance=TIGHT)
    assert_judged_correct(ex, 3, number(np.linalg.norm(A - truncated(2), 2)), tolerance=TIGHT)
    smallest = next(k for k in range(6) if np.linalg.norm(A - truncated(k), "fro") <= 0.1 * norm_a)
    assert_judged_correct(ex, 4, str(smallest))
    fraction = np.linalg.norm(truncated(2), "fro") ** 2 / norm_a**2
    assert_judged_correct(ex, 5, number(fraction), tolerance=TIGHT)


# --- svd-by-hand --------------------------------------------------------------------


def test_two_by_two_svd() -> None:
    ex = TOPIC.id("svd-by-hand")
    A = np.array([[3.0, 0.0], [4.0, 5.0]])
    exact = sp.Matrix([[3, 0], [4, 5]]).singular_values()
    numeric = np.linalg.svd(A, compute_uv=False)
    exact_sorted = sorted(exact, key=lambda value: -float(value))
    assert np.allclose([float(value) for value in exact_sorted], numeric)
    assert_judged_correct(ex, 1, "(" + ", ".join(str(value) for value in exact_sorted) + ")")
    u, s, vt = np.linalg.svd(A)
    sign = np.sign(vt[0, 0])  # fix the sign convention: v1 with positive first component
    v1, u1 = sign * vt[0], sign * u[:, 0]
    assert_judged_correct(ex, 2, float_vector_text(v1), tolerance=TIGHT)
    assert_judged_correct(ex, 3, float_vector_text(u1), tolerance=TIGHT)
    rank_one = s[0] * np.outer(u1, v1)
    assert_judged_correct(ex, 4, float_matrix_text(rank_one), tolerance=TIGHT)
    assert_judged_correct(ex, 5, number(np.linalg.norm(A - rank_one, "fro")), tolerance=TIGHT)


# --- diagonalisation-matrix-powers ---------------------------------------------------


def test_eigenvalues_eigenvector_and_powers() -> None:
    ex = TOPIC.id("diagonalisation-matrix-powers")
    A = sp.Matrix([[4, 1], [2, 3]])
    assert_judged_correct(ex, 1, "{" + ", ".join(str(v) for v in A.eigenvals()) + "}")
    (vector,) = (A - 5 * sp.eye(2)).nullspace()
    assert_judged_correct(ex, 2, sympy_vector_text(vector / vector[0]))
    # Aᵏ by sympy's own symbolic power, and checked against repeated multiplication.
    k = sp.symbols("k", integer=True, nonnegative=True)
    power = sp.simplify(A**k)
    for exponent in range(6):
        assert power.subs(k, exponent) == A**exponent
    assert_judged_correct(ex, 3, sympy_matrix_text(power))
    limit = np.linalg.matrix_power(np.array([[4.0, 1.0], [2.0, 3.0]]) / 5.0, 200)
    exact_limit = sp.Matrix(np.round(limit * 3).astype(int)) / 3
    assert np.allclose(np.array(exact_limit, dtype=float), limit)
    assert_judged_correct(ex, 4, sympy_matrix_text(exact_limit))


# --- rayleigh-quotient-extremes -------------------------------------------------------


def test_rayleigh_quotient_extremes_over_its_instances() -> None:
    slug = "rayleigh-quotient-extremes"
    rng = np.random.default_rng(51)
    for seed, values in TOPIC.instances(slug):
        d, b = values["d"], values["b"]
        S = np.array([[d, b, 0.0], [b, d, b], [0.0, b, d]])
        statement = bundled_exercise(TOPIC.id(slug), seed).statement
        assert f"S = [[{int(d)}, {int(b)}, 0]," in statement
        # Maximise the Rayleigh quotient by projected gradient ascent on the sphere.
        x = rng.standard_normal(3)
        for _ in range(2000):
            x = x + 0.1 * (S @ x - (x @ S @ x) * x)
            x /= np.linalg.norm(x)
        x *= np.sign(x[0])
        TOPIC.judged(slug, 1, number(x @ S @ x), tolerance=1e-8, seed=seed)
        TOPIC.judged(slug, 2, float_vector_text(x), tolerance=1e-8, seed=seed)
        # Restrict to the orthogonal complement of x: an orthonormal basis B, then B^T S B.
        basis = np.linalg.svd(np.eye(3) - np.outer(x, x))[0][:, :2]
        restricted = np.linalg.eigvalsh(basis.T @ S @ basis)
        TOPIC.judged(slug, 3, number(restricted.max()), tolerance=1e-8, seed=seed)
        smallest = np.linalg.eigvalsh(S).min()
        samples = rng.standard_normal((20_000, 3))
        quotients = np.einsum("ij,jk,ik->i", samples, S, samples) / np.sum(samples**2, axis=1)
        assert quotients.min() >= smallest - 1e-12
        TOPIC.judged(slug, 4, number(smallest), tolerance=TIGHT, seed=seed)


# --- equicorrelation-psd ---------------------------------------------------------------


def equicorrelation(n: int, c: float) -> np.ndarray:
    return (1 - c) * np.eye(n) + c * np.ones((n, n))


def psd_boundary(n: int, low: float, high: float) -> float:
    """Bisection for where the smallest eigenvalue changes sign between low and high."""
    psd_at_high = np.linalg.eigvalsh(equicorrelation(n, high)).min() >= 0
    for _ in range(60):
        middle = (low + high) / 2
        if (np.linalg.eigvalsh(equicorrelation(n, middle)).min() >= 0) == psd_at_high:
            high = middle
        else:
            low = middle
    return (low + high) / 2


def test_equicorrelation_eigenvalues_and_bounds() -> None:
    ex = TOPIC.id("equicorrelation-psd")
    c = sp.symbols("c", real=True)
    C = (1 - c) * sp.eye(3) + c * sp.ones(3, 3)
    assert_judged_correct(ex, 1, "{" + ", ".join(str(v) for v in C.eigenvals()) + "}")
    assert_judged_correct(ex, 2, number(psd_boundary(3, -2.0, 0.0)), tolerance=1e-9)
    assert_judged_correct(ex, 3, number(psd_boundary(3, 2.0, 0.0)), tolerance=1e-9)


def test_equicorrelation_general_lower_bound() -> None:
    ex = TOPIC.id("equicorrelation-psd")
    for n in range(2, 9):
        assert np.isclose(float(key_array(ex, 4, n=float(n))), psd_boundary(n, -2.0, 0.0))


# --- shifted-power-method ----------------------------------------------------------------


def convergence_ratio(matrix: np.ndarray) -> float:
    magnitudes = np.sort(np.abs(np.linalg.eigvals(matrix)))[::-1]
    return float(magnitudes[1] / magnitudes[0])


def test_shifted_power_method_ratios() -> None:
    ex = TOPIC.id("shifted-power-method")
    rng = np.random.default_rng(61)
    Q = random_orthogonal(rng, 3)
    A = Q @ np.diag([10.0, 9.0, 1.0]) @ Q.T
    identity = np.eye(3)
    assert_judged_correct(ex, 1, number(convergence_ratio(A)), tolerance=TIGHT)
    assert_judged_correct(ex, 2, number(convergence_ratio(A - 3 * identity)), tolerance=TIGHT)
    # Grid search over shifts that keep the eigenvector of 10 dominant.
    best_ratio, best_shift = min(
        (convergence_ratio(A - s * identity), s)
        for s in np.linspace(0.0, 9.9, 991)
        if abs(10 - s) > max(abs(9 - s), abs(1 - s))
    )
    assert_judged_correct(ex, 3, number(best_shift), tolerance=1e-9)
    assert_judged_correct(ex, 4, number(best_ratio), tolerance=1e-9)
    counts = []
    for ratio in (Fraction(9, 10), Fraction(4, 5)):
        k = 0
        while ratio**k > Fraction(1, 10**6):
            k += 1
        counts.append(k)
    assert_judged_correct(ex, 5, f"({counts[0]}, {counts[1]})")
    assert_judged_correct(ex, 6, number(convergence_ratio(np.linalg.inv(A))), tolerance=TIGHT)


def test_a_shift_to_the_second_eigenvalue_changes_the_limit() -> None:
    # The mistake "s = 9" is wrong for a reason the feedback states: the dominant eigenvalue
    # of A − 9I belongs to A's eigenvalue 1.
    values = np.array([10.0, 9.0, 1.0]) - 9.0
    assert np.argmax(np.abs(values)) == 2
