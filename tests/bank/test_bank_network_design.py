"""Independent confirmation of every computable key in bank/network-design.

Each key is recomputed by a route other than the worked solution: parameter counts by
building every weight tensor of the layers (and running them forward) and summing
their sizes, multiply-adds by instrumented loops, output sizes and receptive fields by
direct convolution loops and impulse responses, linear pieces by counting slope changes
on fine (dyadic) grids, ranks with ``numpy.linalg.matrix_rank`` on random instances, the
XOR weights by a forward pass and a least-squares fit, and activation and cache memory
by simulating what a forward, backward or decoding loop keeps. Numbers go to the real
checker (``assert_judged_correct``); symbolic keys are evaluated with ``key_value`` at
several integer points and compared with the count.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from bank_support import assert_judged_correct, key_value

TOPIC = "network-design"


def total_size(shapes) -> int:
    """The number of entries of tensors with these shapes."""
    return sum(math.prod(shape) for shape in shapes)


# --- mlp-depth-width-parameters --------------------------------------------------------

MLP = "mlp-depth-width-parameters"


def mlp_tensors(rng: np.random.Generator, widths: list[int]) -> list[np.ndarray]:
    """Weight matrices and bias vectors of a dense MLP with these layer widths."""
    tensors = []
    for fan_in, fan_out in itertools.pairwise(widths):
        tensors += [rng.standard_normal((fan_out, fan_in)), rng.standard_normal(fan_out)]
    return tensors


def mlp_forward(tensors: list[np.ndarray], x: np.ndarray) -> np.ndarray:
    for weight, bias in zip(tensors[::2], tensors[1::2], strict=True):
        x = np.maximum(weight @ x + bias, 0.0)
    return x


def mlp_count(a: int, hidden: int, w: int, b: int) -> int:
    """Parameters of the MLP, from tensors that are built and run on an input."""
    tensors = mlp_tensors(np.random.default_rng(0), [a, *[w] * hidden, b])
    assert mlp_forward(tensors, np.ones(a)).shape == (b,)
    return sum(tensor.size for tensor in tensors)


def test_mlp_counts_from_built_layers() -> None:
    exercise = f"{TOPIC}/{MLP}"
    for w in (1, 3, 7):
        one_layer = mlp_count(w, 2, w, w) - mlp_count(w, 1, w, w)  # what one extra layer adds
        assert key_value(exercise, 1, w=w) == pytest.approx(one_layer)
    for a, hidden, w, b in [(3, 1, 4, 2), (5, 2, 6, 1), (2, 4, 3, 7), (9, 3, 1, 4)]:
        got = key_value(exercise, 2, a=a, L=hidden, w=w, b=b)
        assert got == pytest.approx(mlp_count(a, hidden, w, b))
    assert_judged_correct(exercise, 3, str(mlp_count(784, 4, 256, 10)))
    assert_judged_correct(exercise, 4, str(mlp_count(784, 1, 512, 10)))


def test_mlp_width_doubling_ratio() -> None:
    exercise = f"{TOPIC}/{MLP}"

    # Too large to build: count the same tensor shapes without allocating them.
    def count(w: int) -> int:
        widths = [784, w, w, w, 10]
        weights = [(q, p) for p, q in itertools.pairwise(widths)]
        return total_size(weights + [(q,) for q in widths[1:]])

    ratios = [count(2 * w) / count(w) for w in (10**3, 10**5, 10**7)]
    assert abs(ratios[2] - ratios[1]) < abs(ratios[1] - ratios[0])  # converging
    assert_judged_correct(exercise, 5, repr(ratios[-1]), 1e-4)
