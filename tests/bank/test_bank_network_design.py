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
from fractions import Fraction

import numpy as np
import pytest
from answer_text import exact_text, exact_tuple_text, number, yes_no
from numerics import bisect, central_difference, softmax

from bank_support import BankTopic, assert_judged_correct, bundled_part, key_value

TOPIC = "network-design"
BANK = BankTopic(TOPIC)  # the instances of parameterised exercises


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
    for seed, values in BANK.instances(MLP):
        a, hidden, w, b = (int(values[name]) for name in ("n", "q", "u", "c"))
        assert f"a = {a} inputs, L = {hidden} hidden layers of width w = {w} and b = {b}" in (
            bundled_part(exercise, 3, seed).ask
        )
        assert_judged_correct(exercise, 3, str(mlp_count(a, hidden, w, b)), seed=seed)
        assert f"a single hidden layer of width {2 * w} and" in bundled_part(exercise, 4, seed).ask
        assert_judged_correct(exercise, 4, str(mlp_count(a, 1, 2 * w, b)), seed=seed)


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


# --- dense-and-conv-multiply-adds ------------------------------------------------------

MACS = "dense-and-conv-multiply-adds"


def conv2d_loops(image: np.ndarray, kernels: np.ndarray, groups: int = 1):
    """Direct convolution (no padding, stride 1) by explicit loops.

    ``kernels`` has shape (c_out, c_in / groups, k, k). Returns the output maps, the
    number of multiply-adds performed and how often each weight was used.
    """
    height, width = image.shape[1:]
    c_out, per_group, k, _ = kernels.shape
    out = np.zeros((c_out, height - k + 1, width - k + 1))
    uses = np.zeros(kernels.shape, dtype=int)
    for o, i, j in itertools.product(*map(range, out.shape)):
        first = (o // (c_out // groups)) * per_group
        for c, u, v in itertools.product(range(per_group), range(k), range(k)):
            out[o, i, j] += kernels[o, c, u, v] * image[first + c, i + u, j + v]
            uses[o, c, u, v] += 1
    return out, int(uses.sum()), uses


def dense_loops(x: np.ndarray, weight: np.ndarray):
    """A batch through a dense layer by loops: outputs and multiply-adds performed."""
    batch, m = x.shape
    n = weight.shape[0]
    out, count = np.zeros((batch, n)), 0
    for e, o, i in itertools.product(range(batch), range(n), range(m)):
        out[e, o] += weight[o, i] * x[e, i]
        count += 1
    return out, count


def test_dense_and_conv_multiply_adds_by_counting_loops() -> None:
    exercise = f"{TOPIC}/{MACS}"
    rng = np.random.default_rng(1)
    for batch, m, n in [(1, 3, 2), (4, 5, 3), (3, 2, 6)]:
        x, weight = rng.standard_normal((batch, m)), rng.standard_normal((n, m))
        out, count = dense_loops(x, weight)
        np.testing.assert_allclose(out, x @ weight.T)
        assert key_value(exercise, 1, B=batch, m=m, n=n) == pytest.approx(count)
    for c_in, c_out, k, height, width in [(2, 3, 3, 6, 7), (1, 2, 2, 4, 4), (3, 1, 1, 3, 5)]:
        image = rng.standard_normal((c_in, height, width))
        kernels = rng.standard_normal((c_out, c_in, k, k))
        out, count, uses = conv2d_loops(image, kernels)
        windows = np.lib.stride_tricks.sliding_window_view(image, (k, k), axis=(1, 2))
        np.testing.assert_allclose(out, np.einsum("chwij,ocij->ohw", windows, kernels))
        out_h, out_w = out.shape[1:]
        values = {"H": out_h, "W": out_w, "k": k, "c_in": c_in, "c_out": c_out}
        assert key_value(exercise, 2, **values) == pytest.approx(count)
        assert np.all(uses == uses.flat[0])  # every weight is used equally often
        assert key_value(exercise, 4, H=out_h, W=out_w) == pytest.approx(uses.flat[0])


def test_conv_multiply_adds_of_a_real_sized_layer() -> None:
    exercise = f"{TOPIC}/{MACS}"
    rng = np.random.default_rng(2)
    image = rng.standard_normal((64, 58, 58))  # valid 3 × 3 windows give 56 × 56 maps
    kernels = rng.standard_normal((128, 64, 3, 3))
    windows = np.lib.stride_tricks.sliding_window_view(image, (3, 3), axis=(1, 2))
    out = np.einsum("chwij,ocij->ohw", windows, kernels, optimize=True)
    assert out.shape == (128, 56, 56)
    # Every output entry is one sum over a window of the size of one filter.
    assert_judged_correct(exercise, 3, str(out.size * kernels[0].size))
    for seed, values in BANK.instances(MACS):
        k, c_in, c_out, side = (int(values[name]) for name in ("a", "f", "g", "s"))
        assert f"A {k} × {k} convolution with {c_in} input channels and {c_out} filters" in (
            bundled_part(exercise, 3, seed).ask
        )
        # Too large to run at every seed: slide the window over one input channel to find the
        # output positions, then each of the c_out maps sums one k × k × c_in window there.
        plane = np.zeros((side + k - 1, side + k - 1))
        positions = np.lib.stride_tricks.sliding_window_view(plane, (k, k)).shape[:2]
        assert positions == (side, side)
        filter_size = np.zeros((c_in, k, k)).size
        count = c_out * math.prod(positions) * filter_size
        assert_judged_correct(exercise, 3, str(count), seed=seed)


def test_depthwise_separable_cost_ratio() -> None:
    exercise = f"{TOPIC}/{MACS}"
    rng = np.random.default_rng(3)
    for c_in, c_out, k in [(2, 3, 3), (3, 4, 2), (2, 5, 1)]:
        image = rng.standard_normal((c_in, 6, 6))
        _, ordinary, _ = conv2d_loops(image, rng.standard_normal((c_out, c_in, k, k)))
        depth_maps, depthwise, _ = conv2d_loops(
            image, rng.standard_normal((c_in, 1, k, k)), groups=c_in
        )
        _, pointwise, _ = conv2d_loops(depth_maps, rng.standard_normal((c_out, c_in, 1, 1)))
        got = key_value(exercise, 5, k=k, c_out=c_out)
        assert got == pytest.approx((depthwise + pointwise) / ordinary)


# --- conv-output-size ------------------------------------------------------------------

OUTPUT_SIZE = "conv-output-size"


def conv1d_loops(
    signal: np.ndarray, kernel: np.ndarray, padding: int = 0, stride: int = 1, dilation: int = 1
) -> np.ndarray:
    """A direct 1-D convolution: zero-pad, then try every start 0, s, 2s, … in turn."""
    padded = np.concatenate([np.zeros(padding), signal, np.zeros(padding)])
    out, start = [], 0
    while True:
        taps = [start + dilation * j for j in range(len(kernel))]
        if taps[-1] >= len(padded):
            return np.array(out)
        out.append(sum(w * padded[t] for w, t in zip(kernel, taps, strict=True)))
        start += stride


def output_side(n: int, k: int, padding: int = 0, stride: int = 1, dilation: int = 1) -> int:
    rng = np.random.default_rng(n + k)
    signal, kernel = rng.standard_normal(n), rng.standard_normal(k)
    return len(conv1d_loops(signal, kernel, padding, stride, dilation))


def test_conv_output_sides_by_running_the_convolution() -> None:
    exercise = f"{TOPIC}/{OUTPUT_SIZE}"
    # A 2-D square case done as rows then columns gives the same side as one axis.
    image, kernel = np.ones((32, 32)), np.ones(5)
    rows = np.array([conv1d_loops(row, kernel) for row in image])
    both = np.array([conv1d_loops(column, kernel) for column in rows.T]).T
    assert both.shape == (28, 28)
    for seed, values in BANK.instances(OUTPUT_SIZE):
        side, taps = int(values["a"]), int(values["b"])
        assert f"A {taps}-tap kernel slides over an input of side n = {side}." in (
            bundled_part(exercise, 1, seed).ask
        )
        assert_judged_correct(exercise, 1, str(output_side(side, taps)), seed=seed)
        strided = int(2 * values["m"])
        assert f"n = {strided}." in bundled_part(exercise, 2, seed).ask
        halved = output_side(strided, 3, padding=1, stride=2)
        assert_judged_correct(exercise, 2, str(halved), seed=seed)
        side, dilation = int(values["r"]), int(values["g"])
        assert f"d = {dilation} (no padding" in bundled_part(exercise, 5, seed).ask
        dilated = output_side(side, 3, dilation=dilation)
        assert_judged_correct(exercise, 5, str(dilated), seed=seed)
        same = [p for p in range(20) if output_side(side, 3, padding=p, dilation=dilation) == side]
        assert len(same) == 1
        assert_judged_correct(exercise, 6, str(same[0]), seed=seed)


def test_same_padding_and_dilated_span() -> None:
    exercise = f"{TOPIC}/{OUTPUT_SIZE}"
    for k in (1, 3, 5, 7, 9):
        (same,) = [p for p in range(10) if output_side(20, k, padding=p) == 20]
        assert key_value(exercise, 3, k=k) == pytest.approx(same)
    for k, d in [(1, 3), (2, 1), (3, 2), (4, 5), (5, 3)]:
        # Which input positions does the first output entry read? Probe with impulses.
        read = [j for j in range(40) if conv1d_loops(np.eye(40)[j], np.ones(k), dilation=d)[0]]
        span = max(read) - min(read) + 1
        assert key_value(exercise, 4, k=k, d=d) == pytest.approx(span)


# --- receptive-field-growth ------------------------------------------------------------

RECEPTIVE = "receptive-field-growth"


def conv1d_columns(x: np.ndarray, taps: int, stride: int, dilation: int) -> np.ndarray:
    """An all-ones 1-D convolution applied to every column of ``x`` (no padding).

    Window starts are tried one by one, as in ``conv1d_loops``; the columns are done at once.
    """
    starts = [t for t in range(0, len(x), stride) if t + dilation * (taps - 1) < len(x)]
    rows = np.array(starts)
    return sum(x[rows + dilation * j] for j in range(taps))


def receptive_field(layers: list[tuple[int, int, int]], n: int) -> int:
    """Input positions that reach the first unit of the last layer, from impulses.

    ``layers`` lists (taps, stride, dilation); the weights are all 1, so nothing cancels
    and a position reaches the unit exactly when its impulse response there is non-zero.
    """
    response = np.eye(n)  # column j: an impulse at input position j
    for taps, stride, dilation in layers:
        response = conv1d_columns(response, taps, stride, dilation)
    reached = np.nonzero(response[0])[0]
    assert reached.max() < n - 1, "input too short to see the whole field"
    return int(reached.max() - reached.min() + 1)


def positions_read(layers: list[tuple[int, int, int]]) -> set[int]:
    """The input positions the first unit of the last layer reads, traced back layer by layer."""
    units = {0}
    for taps, stride, dilation in reversed(layers):
        units = {u * stride + dilation * j for u in units for j in range(taps)}
    return units


def test_receptive_fields_from_impulse_responses() -> None:
    exercise = f"{TOPIC}/{RECEPTIVE}"
    for depth in range(1, 7):
        designs = {
            1: [(3, 1, 1)] * depth,
            3: [(3, 2, 1)] * depth,
            4: [(2, 1, 2**layer) for layer in range(depth)],
        }
        for part, layers in designs.items():
            field = receptive_field(layers, 300)
            traced = positions_read(layers)
            assert field == max(traced) - min(traced) + 1  # the trace agrees with impulses
            assert key_value(exercise, part, L=depth) == pytest.approx(field)


def extent_read(layers: list[tuple[int, int, int]]) -> int:
    """The span of ``positions_read`` tracking only its first and last position (fast)."""
    first, last = 0, 0
    for taps, stride, dilation in reversed(layers):
        first, last = first * stride, last * stride + dilation * (taps - 1)
    return last - first + 1


def test_receptive_field_depth_needed_for_a_thousand_positions() -> None:
    exercise = f"{TOPIC}/{RECEPTIVE}"
    designs = {
        "dilated": lambda layer: (2, 1, 2**layer),
        "plain": lambda layer: (3, 1, 1),
    }
    for layer_at in designs.values():
        for depth in range(1, 12):  # the fast trace agrees with the full one
            read = positions_read([layer_at(layer) for layer in range(depth)])
            assert extent_read([layer_at(layer) for layer in range(depth)]) == (
                max(read) - min(read) + 1
            )
    for seed, values in BANK.instances(RECEPTIVE):
        wanted = int(values["T"])
        assert f"at least {wanted} positions" in bundled_part(exercise, 5, seed).ask
        needed = {}
        for name, layer_at in designs.items():
            depth = 1
            while extent_read([layer_at(layer) for layer in range(depth)]) < wanted:
                depth += 1
            needed[name] = depth
        pair = f"({needed['dilated']}, {needed['plain']})"
        assert_judged_correct(exercise, 5, pair, seed=seed)


def test_small_kernel_stack_parameter_ratio() -> None:
    exercise = f"{TOPIC}/{RECEPTIVE}"
    c = 5
    for seed, values in BANK.instances(RECEPTIVE):
        layers = int(values["m"])
        stack = [np.zeros((c, c, 3, 3)) for _ in range(layers)]
        # The single layer with the same field of view, found from impulse responses.
        side = receptive_field([(3, 1, 1)] * layers, 60)
        single = np.zeros((c, c, side, side))
        ratio = Fraction(sum(t.size for t in stack), single.size)
        assert_judged_correct(exercise, 2, str(ratio), seed=seed)


# --- attention-heads-kv-sharing --------------------------------------------------------

HEADS = "attention-heads-kv-sharing"


def grouped_attention_weights(rng: np.random.Generator, d: int, d_h: int, h: int, g: int):
    """The projections of a bias-free grouped-query attention layer."""
    return {
        "query": rng.standard_normal((d, h * d_h)),
        "key": rng.standard_normal((d, g * d_h)),
        "value": rng.standard_normal((d, g * d_h)),
        "output": rng.standard_normal((h * d_h, d)),
    }


def grouped_attention(weights: dict[str, np.ndarray], x: np.ndarray, h: int, g: int):
    """Run the layer on tokens ``x`` (T × d): each group of h/g query heads shares a key head."""
    tokens = len(x)
    q = (x @ weights["query"]).reshape(tokens, h, -1)
    k = (x @ weights["key"]).reshape(tokens, g, -1)
    v = (x @ weights["value"]).reshape(tokens, g, -1)
    heads = []
    for head in range(h):
        shared = head // (h // g)
        scores = q[:, head] @ k[:, shared].T / np.sqrt(q.shape[-1])
        heads.append(softmax(scores) @ v[:, shared])
    return np.concatenate(heads, axis=1) @ weights["output"]


def attention_count(d: int, d_h: int, h: int, g: int) -> int:
    rng = np.random.default_rng(d * 1000 + h * 10 + g)
    weights = grouped_attention_weights(rng, d, d_h, h, g)
    assert grouped_attention(weights, rng.standard_normal((5, d)), h, g).shape == (5, d)
    return sum(w.size for w in weights.values())


def test_grouped_attention_counts_from_a_running_layer() -> None:
    exercise = f"{TOPIC}/{HEADS}"
    for d, d_h, h, g in [(6, 2, 4, 2), (5, 3, 6, 3), (8, 4, 2, 1), (7, 1, 3, 3), (4, 5, 8, 4)]:
        count = attention_count(d, d_h, h, g)
        assert key_value(exercise, 1, d=d, d_h=d_h, h=h, g=g) == pytest.approx(count)
        standard = attention_count(d, d_h, h, h)
        assert key_value(exercise, 5, h=h, g=g) == pytest.approx((standard - count) / standard)
    for d, h in [(8, 2), (12, 3), (16, 4), (15, 5)]:
        count = attention_count(d, d // h, h, 1)
        assert key_value(exercise, 3, d=d, h=h) == pytest.approx(count)


def test_grouped_attention_counts_of_real_sized_layers() -> None:
    exercise = f"{TOPIC}/{HEADS}"

    # Real sizes are built as shapes only; the small runs above check the shapes work.
    def shapes(d: int, d_h: int, h: int, g: int) -> int:
        return total_size([(d, h * d_h), (d, g * d_h), (d, g * d_h), (h * d_h, d)])

    designs = [shapes(1024, 64, 16, 16), shapes(1024, 32, 32, 32), shapes(1024, 64, 32, 32)]
    assert_judged_correct(exercise, 2, "(" + ", ".join(map(str, designs)) + ")")
    assert_judged_correct(exercise, 4, str(shapes(4096, 128, 32, 8)))


def test_grouped_attention_with_g_equal_h_is_standard_attention() -> None:
    # Sanity check of the layer used above: with g = h each head has its own keys.
    rng = np.random.default_rng(9)
    d, d_h, h = 6, 3, 2
    weights = grouped_attention_weights(rng, d, d_h, h, h)
    x = rng.standard_normal((4, d))
    out = grouped_attention(weights, x, h, h)
    heads = []
    for head in range(h):
        cols = slice(head * d_h, (head + 1) * d_h)
        q, k, v = (x @ weights[name][:, cols] for name in ("query", "key", "value"))
        heads.append(softmax(q @ k.T / np.sqrt(d_h)) @ v)
    np.testing.assert_allclose(out, np.concatenate(heads, axis=1) @ weights["output"])


# --- transformer-stack-parameters ------------------------------------------------------

STACK = "transformer-stack-parameters"


def decoder_shapes(d: int, blocks: int, vocabulary: int) -> dict[str, tuple[int, ...]]:
    """Every parameter tensor of the bias-free, weight-tied decoder, by name."""
    shapes: dict[str, tuple[int, ...]] = {"embedding": (vocabulary, d), "final_gain": (d,)}
    for block in range(blocks):
        for name in ("query", "key", "value", "output"):
            shapes[f"{block}.{name}"] = (d, d)
        shapes[f"{block}.up"], shapes[f"{block}.down"] = (d, 4 * d), (4 * d, d)
        shapes[f"{block}.gain1"], shapes[f"{block}.gain2"] = (d,), (d,)
    return shapes


def layer_norm_gain(x: np.ndarray, gain: np.ndarray) -> np.ndarray:
    return gain * (x - x.mean(axis=-1, keepdims=True)) / x.std(axis=-1, keepdims=True)


def decoder_logits(params: dict[str, np.ndarray], tokens: list[int], blocks: int, heads: int):
    """A forward pass that touches every tensor, so a missing or misshapen one would fail."""
    x = params["embedding"][tokens]
    t, d = x.shape
    mask = np.triu(np.full((t, t), -np.inf), k=1)
    for block in range(blocks):
        p = {
            name.split(".")[1]: value
            for name, value in params.items()
            if name.startswith(f"{block}.")
        }
        a = layer_norm_gain(x, p["gain1"])
        q, k, v = (
            (a @ p[name]).reshape(t, heads, -1).transpose(1, 0, 2)
            for name in ("query", "key", "value")
        )
        weights = softmax(q @ k.transpose(0, 2, 1) / np.sqrt(d // heads) + mask)
        x = x + (weights @ v).transpose(1, 0, 2).reshape(t, d) @ p["output"]
        x = x + np.maximum(layer_norm_gain(x, p["gain2"]) @ p["up"], 0.0) @ p["down"]
    return layer_norm_gain(x, params["final_gain"]) @ params["embedding"].T  # tied output layer


def test_decoder_counts_from_a_running_model() -> None:
    exercise = f"{TOPIC}/{STACK}"
    rng = np.random.default_rng(5)
    for d, blocks, vocabulary in [(4, 1, 7), (6, 2, 11), (8, 3, 5), (6, 1, 20)]:
        shapes = decoder_shapes(d, blocks, vocabulary)
        params = {name: rng.standard_normal(shape) for name, shape in shapes.items()}
        logits = decoder_logits(params, [1, 4, 2], blocks, heads=2)
        assert logits.shape == (3, vocabulary)
        count = sum(p.size for p in params.values())
        per_block = sum(p.size for name, p in params.items() if name.startswith("0."))
        assert key_value(exercise, 1, d=d) == pytest.approx(per_block)
        assert key_value(exercise, 2, d=d, L=blocks, V=vocabulary) == pytest.approx(count)


def test_decoder_counts_of_real_sized_models() -> None:
    exercise = f"{TOPIC}/{STACK}"
    assert_judged_correct(exercise, 3, str(total_size(decoder_shapes(768, 12, 50257).values())))
    assert_judged_correct(exercise, 4, str(total_size(decoder_shapes(4096, 32, 32000).values())))


def test_gated_feed_forward_width_matches_the_count() -> None:
    exercise = f"{TOPIC}/{STACK}"
    rng = np.random.default_rng(6)
    for d in (3, 6, 12, 30):
        plain = total_size([(d, 4 * d), (4 * d, d)])
        # Scan the hidden widths for the one whose gated network has the same count.
        (width,) = [f for f in range(1, 5 * d) if total_size([(d, f), (d, f), (f, d)]) == plain]
        gate, up = rng.standard_normal((d, width)), rng.standard_normal((d, width))
        down = rng.standard_normal((width, d))
        x = rng.standard_normal((2, d))
        assert (((x @ gate) * (x @ up)) @ down).shape == (2, d)  # the shapes work together
        assert key_value(exercise, 5, d=d) == pytest.approx(width)


# --- kv-cache-memory -------------------------------------------------------------------

KV_CACHE = "kv-cache-memory"


def causal_stack(layers: list[dict[str, np.ndarray]], x: np.ndarray, h: int, g: int):
    """Residual grouped-query attention blocks over a whole sequence at once (causal)."""
    t = len(x)
    mask = np.triu(np.full((t, t), -np.inf), k=1)
    for weights in layers:
        q = (x @ weights["query"]).reshape(t, h, -1)
        k = (x @ weights["key"]).reshape(t, g, -1)
        v = (x @ weights["value"]).reshape(t, g, -1)
        heads = []
        for head in range(h):
            shared = head // (h // g)
            scores = q[:, head] @ k[:, shared].T / np.sqrt(q.shape[-1]) + mask
            heads.append(softmax(scores) @ v[:, shared])
        x = x + np.concatenate(heads, axis=1) @ weights["output"]
    return x


def decode_with_cache(layers: list[dict[str, np.ndarray]], x: np.ndarray, h: int, g: int):
    """The same blocks run one token at a time, keeping only earlier keys and values."""
    caches: list[dict[str, list[np.ndarray]]] = [{"key": [], "value": []} for _ in layers]
    outputs = []
    for token in x:
        state = token
        for weights, cache in zip(layers, caches, strict=True):
            q = (state @ weights["query"]).reshape(h, -1)
            cache["key"].append((state @ weights["key"]).reshape(g, -1))
            cache["value"].append((state @ weights["value"]).reshape(g, -1))
            keys, values = np.stack(cache["key"]), np.stack(cache["value"])
            heads = []
            for head in range(h):
                shared = head // (h // g)
                weights_row = softmax(keys[:, shared] @ q[head] / np.sqrt(q.shape[-1]))
                heads.append(weights_row @ values[:, shared])
            state = state + np.concatenate(heads) @ weights["output"]
        outputs.append(state)
    cached = sum(array.size for cache in caches for arrays in cache.values() for array in arrays)
    return np.array(outputs), cached


def test_kv_cache_size_from_a_decoding_loop() -> None:
    exercise = f"{TOPIC}/{KV_CACHE}"
    rng = np.random.default_rng(7)
    for blocks, tokens, d, d_h, h, g in [
        (1, 3, 6, 2, 2, 1),
        (2, 5, 8, 2, 4, 2),
        (3, 4, 6, 3, 2, 2),
    ]:
        layers = [
            {name: 0.3 * w for name, w in grouped_attention_weights(rng, d, d_h, h, g).items()}
            for _ in range(blocks)
        ]
        x = rng.standard_normal((tokens, d))
        decoded, cached = decode_with_cache(layers, x, h, g)
        # The cache holds exactly what is needed: decoding equals the full causal pass.
        np.testing.assert_allclose(decoded, causal_stack(layers, x, h, g), atol=1e-10)
        got = key_value(exercise, 1, L=blocks, T=tokens, g=g, d_h=d_h)
        assert got == pytest.approx(cached)


def cache_numbers(blocks: int, tokens: int, g: int, d_h: int, batch: int = 1) -> int:
    """Entries of arrays shaped like the cache: (block, key or value, batch, token, head, d_h)."""
    return math.prod((blocks, 2, batch, tokens, g, d_h))


def cache_bytes(blocks: int, tokens: int, g: int, d_h: int, batch: int = 1) -> int:
    return cache_numbers(blocks, tokens, g, d_h, batch) * np.dtype(np.float16).itemsize


def test_kv_cache_bytes_batch_and_growth() -> None:
    """Every instance by sizing cache-shaped arrays: bytes, the batch that fits, the growth."""
    exercise = f"{TOPIC}/{KV_CACHE}"
    for seed, values in BANK.instances(KV_CACHE):
        blocks, tokens = 2 ** int(values["eL"]), 2 ** int(values["eT"])
        heads, grouped = 2 ** int(values["eg"]), 2 ** int(values["eg2"])
        memory = int(values["M"]) * 2**30
        assert_judged_correct(exercise, 2, str(cache_bytes(blocks, tokens, heads, 128)), seed=seed)
        batch = 0
        while cache_bytes(blocks, tokens, grouped, 128, batch + 1) <= memory:
            batch += 1
        assert batch * cache_bytes(blocks, tokens, grouped, 128) == memory  # nothing left over
        assert_judged_correct(exercise, 3, str(batch), seed=seed)
        growth = cache_bytes(blocks, tokens + 1, grouped, 128) - cache_bytes(
            blocks, tokens, grouped, 128
        )
        assert_judged_correct(exercise, 4, str(growth), seed=seed)


def test_context_length_where_cache_matches_block_weights() -> None:
    exercise = f"{TOPIC}/{KV_CACHE}"
    for d, blocks in [(4, 2), (8, 1), (16, 3), (12, 2)]:
        weights = total_size(
            shape
            for name, shape in decoder_shapes(d, blocks, 1).items()
            if len(shape) == 2 and name != "embedding"  # the 12 L d² matrices of the blocks
        )
        heads = 2 if d % 2 == 0 else 1
        tokens = 1
        while cache_numbers(blocks, tokens, heads, d // heads) < weights:
            tokens += 1
        assert cache_numbers(blocks, tokens, heads, d // heads) == weights
        assert key_value(exercise, 5, d=d) == pytest.approx(tokens)


# --- activation-memory-backprop --------------------------------------------------------

ACTIVATIONS = "activation-memory-backprop"


def mlp_loss_forward(weights: list[np.ndarray], x: np.ndarray, target: np.ndarray):
    """Bias-free ReLU MLP (no ReLU after the last layer) with a squared loss.

    Returns the loss, the tape of what the backward pass may use (each layer's input)
    and the output.
    """
    tape = []
    for index, weight in enumerate(weights):
        tape.append(x)
        x = x @ weight.T
        if index < len(weights) - 1:
            x = np.maximum(x, 0.0)
    return 0.5 * float(np.sum((x - target) ** 2)), tape, x


def layer_backward(weight: np.ndarray, layer_input: np.ndarray, grad_out: np.ndarray, first: bool):
    """One dense layer's backward step from its stored input alone.

    The gradient for the layer below is masked by ReLU'(z), read from the sign of this
    layer's input (the ReLU output of the layer below).
    """
    grad_weight = grad_out.T @ layer_input
    grad_in = None if first else (grad_out @ weight) * (layer_input > 0)
    return grad_weight, grad_in


def mlp_backward_from_tape(weights, tape, output, target) -> list[np.ndarray]:
    grads, grad = [None] * len(weights), output - target
    for index in reversed(range(len(weights))):
        grads[index], grad = layer_backward(weights[index], tape[index], grad, index == 0)
    return grads


def checkpointed_backward(weights, x, target, k: int):
    """Backward with checkpoints every k layers; returns the gradients, the peak number
    of layer inputs held at once and the number of layer forwards rerun."""
    layers = len(weights)
    checkpoints, state = {}, x
    for index, weight in enumerate(weights):
        if index % k == 0:
            checkpoints[index] = state
        state = state @ weight.T
        if index < layers - 1:
            state = np.maximum(state, 0.0)
    held = dict(checkpoints)  # layer index → stored input
    peak, reruns = len(held), 0
    grads, grad = [None] * layers, state - target
    for start in reversed(range(0, layers, k)):
        inputs, state = [held[start]], held[start]
        for index in range(start, start + k - 1):  # rerun all but the segment's last layer
            state = np.maximum(state @ weights[index].T, 0.0)
            inputs.append(state)
            held[index + 1] = state
            reruns += 1
        peak = max(peak, len(held))
        for index in reversed(range(start, start + k)):
            grads[index], grad = layer_backward(
                weights[index], inputs[index - start], grad, index == 0
            )
        for index in range(start, start + k):
            del held[index]
    return grads, peak, reruns


def test_kept_activations_suffice_and_are_counted() -> None:
    exercise = f"{TOPIC}/{ACTIVATIONS}"
    rng = np.random.default_rng(8)
    for batch, layers, w in [(2, 3, 4), (5, 2, 3), (3, 4, 2)]:
        weights = [rng.standard_normal((w, w)) for _ in range(layers)]
        x, target = rng.standard_normal((batch, w)), rng.standard_normal((batch, w))
        _, tape, output = mlp_loss_forward(weights, x, target)
        grads = mlp_backward_from_tape(weights, tape, output, target)
        for index in range(layers):

            def loss_of(matrix, index=index, weights=weights, x=x, target=target):
                changed = [matrix if i == index else m for i, m in enumerate(weights)]
                return mlp_loss_forward(changed, x, target)[0]

            numeric = central_difference(loss_of, weights[index])
            np.testing.assert_allclose(grads[index], numeric, atol=1e-5)
        kept = sum(array.size for array in tape)
        assert key_value(exercise, 1, B=batch, L=layers, w=w) == pytest.approx(kept)
        weight_count = sum(m.size for m in weights)
        balance = [  # batch sizes whose kept activations match the weights
            b
            for b in range(1, 20)
            if sum(a.size for a in mlp_loss_forward(weights, x[:1].repeat(b, 0), x[:1])[1])
            == weight_count
        ]
        assert len(balance) == 1
        assert key_value(exercise, 2, w=w) == pytest.approx(balance[0])


def test_checkpointing_peak_minimiser_and_reruns() -> None:
    exercise = f"{TOPIC}/{ACTIVATIONS}"
    rng = np.random.default_rng(9)
    batch, w = 2, 3
    peaks: dict[int, dict[int, int]] = {}
    for layers in (4, 6, 12, 16, 36, 64):
        weights = [rng.standard_normal((w, w)) * 0.7 for _ in range(layers)]
        x, target = rng.standard_normal((batch, w)), rng.standard_normal((batch, w))
        _, tape, output = mlp_loss_forward(weights, x, target)
        plain = mlp_backward_from_tape(weights, tape, output, target)
        peaks[layers] = {}
        for k in (k for k in range(1, layers + 1) if layers % k == 0):
            grads, peak, reruns = checkpointed_backward(weights, x, target, k)
            for got, expected in zip(grads, plain, strict=True):
                np.testing.assert_allclose(got, expected, atol=1e-12)
            assert key_value(exercise, 3, L=layers, k=k) == pytest.approx(peak)
            peaks[layers][k] = peak
            if (layers, k) == (64, 4):
                assert_judged_correct(exercise, 5, str(reruns))
    for layers in (4, 16, 36, 64):  # perfect squares: the best divisor is the exact minimiser
        best = min(peaks[layers], key=peaks[layers].get)
        assert key_value(exercise, 4, L=layers) == pytest.approx(best)


def test_attention_weight_memory() -> None:
    exercise = f"{TOPIC}/{ACTIVATIONS}"
    shape = (24, 8, 16, 2048, 2048)  # layer, sequence, head, query, key
    gib = math.prod(shape) * np.dtype(np.float16).itemsize / 2**30
    assert_judged_correct(exercise, 6, number(gib))


# --- training-flops-per-token ----------------------------------------------------------

FLOPS = "training-flops-per-token"


def matmul_loops(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, int]:
    """A matrix product by explicit loops, counting the multiply-adds performed."""
    out, count = np.zeros((a.shape[0], b.shape[1])), 0
    for i, j, r in itertools.product(range(a.shape[0]), range(b.shape[1]), range(a.shape[1])):
        out[i, j] += a[i, r] * b[r, j]
        count += 1
    return out, count


def test_backward_products_give_the_gradients_and_their_cost() -> None:
    exercise = f"{TOPIC}/{FLOPS}"
    rng = np.random.default_rng(10)
    for batch, m, n in [(2, 3, 4), (3, 1, 2), (4, 5, 3)]:
        x, w, c = (rng.standard_normal(s) for s in [(batch, m), (n, m), (batch, n)])
        y, forward = matmul_loops(x, w.T)

        def loss(x=x, w=w, c=c):
            return float(np.sum(c * np.tanh(x @ w.T)))

        g = c * (1 - np.tanh(y) ** 2)  # ∂L/∂Y
        grad_x, cost_x = matmul_loops(g, w)
        grad_w, cost_w = matmul_loops(g.T, x)
        np.testing.assert_allclose(grad_x, central_difference(lambda v: loss(x=v), x), atol=1e-6)
        np.testing.assert_allclose(grad_w, central_difference(lambda v: loss(w=v), w), atol=1e-6)
        assert key_value(exercise, 1, B=batch, m=m, n=n) == pytest.approx(cost_x + cost_w)
        flops_per_weight_and_example = Fraction(2 * (forward + cost_x + cost_w), batch * w.size)
        assert_judged_correct(exercise, 2, str(flops_per_weight_and_example))


def attention_token_cost(tokens: int, d: int, heads: int) -> int:
    """Multiply-adds of one query token attending to ``tokens`` positions, by loops."""
    rng = np.random.default_rng(tokens * d)
    q, keys, values = (rng.standard_normal(s) for s in [(1, d), (tokens, d), (tokens, d)])
    size, cost = d // heads, 0
    for head in range(heads):
        cols = slice(head * size, (head + 1) * size)
        scores, count = matmul_loops(q[:, cols], keys[:, cols].T)
        _, more = matmul_loops(softmax(scores), values[:, cols])
        cost += count + more
    return cost


def test_attention_work_per_token() -> None:
    exercise = f"{TOPIC}/{FLOPS}"
    for tokens, d, heads in [(3, 4, 2), (5, 6, 3), (2, 8, 1), (7, 4, 4)]:
        cost = attention_token_cost(tokens, d, heads)
        assert key_value(exercise, 3, T=tokens, d=d) == pytest.approx(cost)
    # The block's weight work per token: one token through the four attention projections
    # and the d → 4d → d network, counted by the same loops.
    ratios = set()
    for tokens, d in [(2, 4), (4, 8), (8, 16)]:  # T/d = 2048/4096 in every case
        rng = np.random.default_rng(d)
        token = rng.standard_normal((1, d))
        shapes = [(d, d)] * 4 + [(d, 4 * d)]
        weight_work = sum(matmul_loops(token, rng.standard_normal(s))[1] for s in shapes)
        weight_work += matmul_loops(rng.standard_normal((1, 4 * d)), np.ones((4 * d, d)))[1]
        ratios.add(Fraction(attention_token_cost(tokens, d, 2), weight_work))
    (ratio,) = ratios
    assert_judged_correct(exercise, 4, str(ratio))


def test_training_step_flops() -> None:
    exercise = f"{TOPIC}/{FLOPS}"
    rng = np.random.default_rng(11)
    x, w, g = rng.standard_normal((3, 4)), rng.standard_normal((5, 4)), rng.standard_normal((3, 5))
    multiply_adds = sum(matmul_loops(a, b)[1] for a, b in [(x, w.T), (g, w), (g.T, x)])
    per_weight_and_token = Fraction(2 * multiply_adds, x.shape[0] * w.size)
    parameters, tokens = 13 * 10**8, 512 * 2048
    assert_judged_correct(exercise, 5, str(per_weight_and_token * parameters * tokens))


# --- compute-optimal-tokens ------------------------------------------------------------

OPTIMAL = "compute-optimal-tokens"


def optimal_parameters(budget: float) -> float:
    """The N with 6·N·(20·N) = budget, by bisection on a log scale (no closed form used)."""
    exponent = bisect(lambda e: 6 * 10**e * 20 * 10**e < budget, -5.0, 20.0)
    return 10**exponent


def test_compute_optimal_budget() -> None:
    exercise = f"{TOPIC}/{OPTIMAL}"
    parameters = Fraction(10**9)
    tokens = 20 * parameters
    assert_judged_correct(exercise, 1, str(tokens))
    flops = 6 * parameters * tokens
    assert_judged_correct(exercise, 2, str(flops))
    for budget in (120.0, 4800.0, 1.2e20, 3.7e21, 5e23, 8.0e17):
        got = key_value(exercise, 3, C=budget)
        assert got == pytest.approx(optimal_parameters(budget), rel=1e-9)
    growth = optimal_parameters(1.2e22) / optimal_parameters(1.2e20)
    assert_judged_correct(exercise, 4, number(growth), 1e-9)
    seconds = flops / (64 * Fraction(15, 10) * 10**14)
    assert_judged_correct(exercise, 5, str(seconds))


# --- xor-needs-a-hidden-layer ----------------------------------------------------------

XOR = "xor-needs-a-hidden-layer"
BITS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_TARGET = np.array([0.0, 1.0, 1.0, 0.0])


def test_affine_diagonal_identity() -> None:
    exercise = f"{TOPIC}/{XOR}"
    rng = np.random.default_rng(12)
    for w_1, w_2, c in rng.normal(size=(5, 3)):
        f = BITS @ np.array([w_1, w_2]) + c
        assert key_value(exercise, 1, w_1=w_1, w_2=w_2, c=c) == pytest.approx(
            f[1] + f[2] - f[0] - f[3], abs=1e-12
        )


def test_threshold_unit_tables_by_search() -> None:
    exercise = f"{TOPIC}/{XOR}"
    weights = np.arange(-3, 4)
    biases = np.arange(-3.5, 4.0, 0.5)
    tables = {
        tuple((BITS @ np.array([w_1, w_2]) + c > 0).astype(int))
        for w_1, w_2, c in itertools.product(weights, weights, biases)
    }
    # A random search over real weights finds nothing beyond the grid's tables.
    rng = np.random.default_rng(13)
    for w_1, w_2, c in rng.normal(scale=3, size=(20000, 3)):
        assert tuple((BITS @ np.array([w_1, w_2]) + c > 0).astype(int)) in tables
    assert tuple(XOR_TARGET.astype(int)) not in tables
    assert_judged_correct(exercise, 2, str(len(tables)))


def test_product_feature_and_two_relu_units_fit_xor() -> None:
    exercise = f"{TOPIC}/{XOR}"
    product = BITS[:, 0] * BITS[:, 1]
    # Fit u in ŷ = x₁ + x₂ + u·x₁x₂ by least squares; the fit must be exact.
    (u,), *_ = np.linalg.lstsq(product[:, None], XOR_TARGET - BITS.sum(axis=1), rcond=None)
    assert np.allclose(BITS.sum(axis=1) + u * product, XOR_TARGET)
    assert_judged_correct(exercise, 3, exact_text(u))
    hidden = np.maximum(BITS @ np.array([[1.0, 1.0], [1.0, 1.0]]) + np.array([0.0, -1.0]), 0)
    coefficients, *_ = np.linalg.lstsq(hidden, XOR_TARGET, rcond=None)
    assert np.allclose(hidden @ coefficients, XOR_TARGET)
    assert_judged_correct(exercise, 4, exact_tuple_text(coefficients))


def test_one_relu_unit_cannot_fit_xor() -> None:
    exercise = f"{TOPIC}/{XOR}"
    # Every hidden unit (v₁, v₂, c) on a fine grid, each with its best output layer
    # ŷ = a·r + b: the least-squares error of regressing y on r = ReLU(g) with intercept.
    grid = np.linspace(-3, 3, 61)
    v_1, v_2, c = (axis.ravel() for axis in np.meshgrid(grid, grid, grid))
    r = np.maximum(np.outer(v_1, BITS[:, 0]) + np.outer(v_2, BITS[:, 1]) + c[:, None], 0)
    r_centred = r - r.mean(axis=1, keepdims=True)
    y_centred = XOR_TARGET - XOR_TARGET.mean()
    spread = np.sum(r_centred**2, axis=1)
    explained = np.divide(
        (r_centred @ y_centred) ** 2, spread, out=np.zeros_like(spread), where=spread > 1e-12
    )
    errors = np.sum(y_centred**2) - explained
    best = float(errors.min())
    assert best > 0.5  # far from an exact fit, whose error would be 0
    assert_judged_correct(exercise, 5, yes_no(best < 1e-9))


# --- relu-linear-pieces-1d -------------------------------------------------------------

PIECES = "relu-linear-pieces-1d"
STEP = 1 / 64  # dyadic grid: every bend used below sits exactly on a grid point
GRID = np.arange(-8.0, 8.0 + STEP, STEP)


def count_pieces(values: np.ndarray, step: float = STEP) -> int:
    """Linear pieces of a sampled piecewise-affine function: slope changes plus one."""
    slopes = np.diff(values) / step
    return int(np.sum(~np.isclose(slopes[1:], slopes[:-1], rtol=0, atol=1e-7))) + 1


def one_layer(x: np.ndarray, a, w, b, c0: float = 0.0) -> np.ndarray:
    return c0 + np.maximum(np.outer(x, w) + b, 0.0) @ np.asarray(a, dtype=float)


def smallest_width(target: np.ndarray, largest: int = 4) -> int:
    """Fewest units reproducing ``target`` on GRID, searching a dictionary of units.

    Units ReLU(±(x − t)) with bends t on a half-integer grid; a positive scale of w is
    absorbed by a, and a unit with w = 0 is a constant, so this covers every network
    whose bends lie on that grid (where the targets here bend).
    """
    bends = np.arange(-2.0, 2.5, 0.5)
    units = [np.maximum(sign * (GRID - t), 0.0) for t in bends for sign in (1.0, -1.0)]
    for width in range(largest + 1):
        for chosen in itertools.combinations(units, width):
            features = np.column_stack([*chosen, np.ones_like(GRID)])
            coefficients, *_ = np.linalg.lstsq(features, target, rcond=None)
            if np.max(np.abs(features @ coefficients - target)) < 1e-9:
                return width
    raise AssertionError("no network found")


def test_most_pieces_of_random_networks() -> None:
    exercise = f"{TOPIC}/{PIECES}"
    rng = np.random.default_rng(14)
    for n in range(1, 7):
        counts = []
        for _ in range(200):
            w = rng.choice([-4.0, -2.0, -1.0, 1.0, 2.0, 4.0], size=n)
            bends = rng.integers(-32, 33, size=n) / 8  # on the grid
            counts.append(count_pieces(one_layer(GRID, rng.normal(size=n), w, -w * bends)))
        assert key_value(exercise, 1, n=n) == pytest.approx(max(counts))


def test_pieces_of_the_given_network() -> None:
    exercise = f"{TOPIC}/{PIECES}"
    f = one_layer(GRID, [1, 1, -2, 1], np.array([1.0, 2, 1, -1]), np.array([0.0, -2, -1, 3]))
    assert_judged_correct(exercise, 2, str(count_pieces(f)))


def test_smallest_widths_for_tent_and_identity() -> None:
    exercise = f"{TOPIC}/{PIECES}"
    assert_judged_correct(exercise, 3, str(smallest_width(np.maximum(0.0, 1 - np.abs(GRID)))))
    assert_judged_correct(exercise, 4, str(smallest_width(GRID.copy())))


# --- sawtooth-depth-vs-width -----------------------------------------------------------

SAWTOOTH = "sawtooth-depth-vs-width"


def tent_network(x: np.ndarray, layers: int) -> tuple[np.ndarray, int]:
    """t applied ``layers`` times as a ReLU network; returns the output and the hidden units."""
    first = np.array([1.0, 1.0])  # both units read the previous output …
    bias = np.array([0.0, -0.5])  # … and bend at 0 and 1/2
    combine = np.array([2.0, -4.0])
    units = 0
    for _ in range(layers):
        x = np.maximum(np.outer(x, first) + bias, 0.0) @ combine
        units += len(first)
    return x, units


def dyadic_unit_interval(layers: int) -> tuple[np.ndarray, float]:
    step = 2.0 ** -(layers + 1)  # every bend of t_L sits on this grid, two steps apart
    return np.arange(0, 1 + step, step), step


def test_sawtooth_pieces_double_per_layer() -> None:
    exercise = f"{TOPIC}/{SAWTOOTH}"
    grid, step = dyadic_unit_interval(2)
    assert_judged_correct(exercise, 1, str(count_pieces(tent_network(grid, 2)[0], step)))
    for layers in range(1, 11):
        grid, step = dyadic_unit_interval(layers)
        values, units = tent_network(grid, layers)
        pieces = count_pieces(values, step)
        assert key_value(exercise, 2, L=layers) == pytest.approx(pieces)
        # n units in one hidden layer give at most n + 1 pieces: the bound is pieces − 1.
        assert key_value(exercise, 3, L=layers) == pytest.approx(pieces - 1)
        assert key_value(exercise, 5, P=pieces) == pytest.approx(units)


def test_one_hidden_layer_piece_bound_on_the_unit_interval() -> None:
    rng = np.random.default_rng(15)
    grid, step = dyadic_unit_interval(6)
    for n in (1, 2, 5, 9):
        for _ in range(100):
            w = rng.choice([-2.0, -1.0, 1.0, 2.0], size=n)
            bends = rng.integers(-64, 129, size=n) / 64  # some inside [0, 1], some outside
            values = one_layer(grid, rng.normal(size=n), w, -w * bends)
            assert count_pieces(values, step) <= n + 1


def test_twenty_layer_sawtooth_shallow_bound() -> None:
    exercise = f"{TOPIC}/{SAWTOOTH}"
    grid, step = dyadic_unit_interval(20)
    pieces = count_pieces(tent_network(grid, 20)[0], step)
    assert_judged_correct(exercise, 4, str(pieces - 1))


def test_shallow_width_needed_for_two_teeth() -> None:
    """The solution's aside: for L = 1, 2 one hidden layer needs 2^L units, not 2^L − 1."""
    for layers in (1, 2):
        grid, _ = dyadic_unit_interval(layers)
        target = tent_network(grid, layers)[0]
        bends = [-1.0, *np.arange(0, 1.25, 0.25), 2.0]
        units = [np.maximum(sign * (grid - t), 0.0) for t in bends for sign in (1.0, -1.0)]

        def fits(width: int, target=target, units=units, grid=grid) -> bool:
            for chosen in itertools.combinations(units, width):
                features = np.column_stack([*chosen, np.ones_like(grid)])
                coefficients, *_ = np.linalg.lstsq(features, target, rcond=None)
                if np.max(np.abs(features @ coefficients - target)) < 1e-9:
                    return True
            return False

        assert not fits(2**layers - 1)
        assert fits(2**layers)


# --- bottleneck-rank-linear ------------------------------------------------------------

BOTTLENECK = "bottleneck-rank-linear"


def test_bottleneck_rank_and_null_space() -> None:
    exercise = f"{TOPIC}/{BOTTLENECK}"
    rng = np.random.default_rng(16)
    w1, w2, w3 = (rng.standard_normal(s) for s in [(32, 512), (512, 32), (512, 512)])
    m = w3 @ w2 @ w1
    assert_judged_correct(exercise, 1, str(np.linalg.matrix_rank(m)))
    # The null space directly: right singular vectors whose singular value vanishes.
    _, singular, right = np.linalg.svd(m)
    null_basis = right[singular < 1e-9 * singular[0]]
    assert np.allclose(m @ null_basis.T, 0.0, atol=1e-8)
    assert_judged_correct(exercise, 2, str(len(null_basis)))


def test_which_changes_raise_the_rank() -> None:
    exercise = f"{TOPIC}/{BOTTLENECK}"
    rng = np.random.default_rng(17)

    def gauss(*shape):
        return rng.standard_normal(shape) / np.sqrt(shape[-1])

    w1, w2, w3 = gauss(32, 512), gauss(512, 32), gauss(512, 512)
    base = np.linalg.matrix_rank(w3 @ w2 @ w1)
    variants = {
        "a": gauss(512, 2048) @ gauss(2048, 32) @ w1,
        "b": gauss(512, 512) @ gauss(512, 512) @ gauss(512, 512) @ w3 @ w2 @ w1,
        "c": gauss(512, 512) @ gauss(512, 64) @ gauss(64, 512),
    }
    ranks = {label: np.linalg.matrix_rank(matrix) for label, matrix in variants.items()}
    # (d): the Jacobian of x ↦ W₃ ReLU(W₂ W₁ x) at random inputs, by finite differences.
    small = [gauss(8, 40), gauss(40, 8), gauss(40, 40)]  # the same design, scaled down

    def relu_net(x):
        return small[2] @ np.maximum(small[1] @ (small[0] @ x), 0.0)

    jacobian_ranks = [
        np.linalg.matrix_rank(central_difference(relu_net, rng.standard_normal(40)), tol=1e-6)
        for _ in range(5)
    ]
    raises = [label for label, rank in ranks.items() if rank > base]
    if max(jacobian_ranks) > np.linalg.matrix_rank(small[2] @ small[1] @ small[0]):
        raises.append("d")
    assert_judged_correct(exercise, 3, ", ".join(sorted(raises)))


def test_factorisation_cost() -> None:
    exercise = f"{TOPIC}/{BOTTLENECK}"
    factors = [np.zeros((32, 512)), np.zeros((512, 32))]
    assert_judged_correct(
        exercise, 4, str(Fraction(sum(f.size for f in factors), np.zeros((512, 512)).size))
    )
    for m, n in [(6, 6), (3, 6), (12, 4), (5, 7), (20, 30)]:
        break_even = key_value(exercise, 5, m=m, n=n)
        for r in range(1, min(m, n) + 1):
            factorised = np.zeros((m, r)).size + np.zeros((r, n)).size
            full = np.zeros((m, n)).size
            assert (factorised < full) == (r < break_even - 1e-12)
            assert (factorised == full) == (abs(r - break_even) < 1e-12)


# --- width-without-nonlinearity --------------------------------------------------------

WIDE = "width-without-nonlinearity"


def function_dimension(width: int, rng: np.random.Generator) -> tuple[int, int]:
    """Parameters of the linear network and the rank of parameters ↦ function values.

    The function is sampled at 12 random inputs; the Jacobian's rank at a random
    parameter point is the dimension of the set of functions near it.
    """
    points = rng.standard_normal((12, 2))

    def values(theta):
        w = theta[: 2 * width].reshape(width, 2)
        b, v = theta[2 * width : 3 * width], theta[3 * width :]
        return (points @ w.T + b) @ v

    theta = rng.standard_normal(4 * width)
    jacobian = central_difference(values, theta)
    return theta.size, int(np.linalg.matrix_rank(jacobian, tol=1e-6))


def region_patterns(w: np.ndarray, b: np.ndarray) -> set[tuple[bool, ...]]:
    """Activation patterns of units ReLU(wᵢᵀx + bᵢ) in the plane, probing every crossing.

    With lines in general position every region has a crossing point on its boundary,
    and the four regions at the crossing of lines i and j lie in the directions
    ±dᵢ ± dⱼ (d along each line). A single line is probed on both sides.
    """
    directions = np.column_stack([-w[:, 1], w[:, 0]]) / np.linalg.norm(w, axis=1)[:, None]
    probes = [-b[0] * w[0] / (w[0] @ w[0]) + s * w[0] for s in (-1.0, 1.0)]
    for i, j in itertools.combinations(range(len(w)), 2):
        crossing = np.linalg.solve(w[[i, j]], -b[[i, j]])
        for s, t in itertools.product((-1e-7, 1e-7), repeat=2):
            probes.append(crossing + s * directions[i] + t * directions[j])
    return {tuple(row) for row in (np.array(probes) @ w.T + b > 0)}


def test_linear_network_function_dimension() -> None:
    exercise = f"{TOPIC}/{WIDE}"
    rng = np.random.default_rng(18)
    dimensions = set()
    for width in range(1, 6):
        parameters, dimension = function_dimension(width, rng)
        dimensions.add(dimension)
        assert key_value(exercise, 2, m=width) == pytest.approx(parameters - dimension)
    (dimension,) = dimensions  # the same for every width
    assert_judged_correct(exercise, 1, str(dimension))


def test_relu_regions_in_the_plane() -> None:
    exercise = f"{TOPIC}/{WIDE}"
    rng = np.random.default_rng(19)
    for width in range(1, 11):
        w, b = rng.standard_normal((width, 2)), rng.standard_normal(width)
        patterns = region_patterns(w, b)
        # A random sample of the plane finds no pattern the probes missed.
        sample = rng.uniform(-50, 50, size=(20000, 2))
        assert {tuple(row) for row in (sample @ w.T + b > 0)} <= patterns
        if width < 10:
            assert key_value(exercise, 3, m=width) == pytest.approx(len(patterns))
        else:
            assert_judged_correct(exercise, 4, str(len(patterns)))


def test_relu_regions_when_the_input_is_wide() -> None:
    exercise = f"{TOPIC}/{WIDE}"
    rng = np.random.default_rng(20)
    for width, n in [(1, 1), (2, 3), (3, 3), (4, 6), (5, 5)]:
        w, b = rng.standard_normal((width, n)), rng.standard_normal(width)
        realised = set()
        for signs in itertools.product([-1.0, 1.0], repeat=width):
            x, *_ = np.linalg.lstsq(w, np.array(signs) - b, rcond=None)
            realised.add(tuple(w @ x + b > 0))
        assert key_value(exercise, 5, m=width) == pytest.approx(len(realised))


# --- attention-low-rank ----------------------------------------------------------------

LOW_RANK = "attention-low-rank"


def test_score_rank_and_softmax_rank() -> None:
    exercise = f"{TOPIC}/{LOW_RANK}"
    rng = np.random.default_rng(21)
    tokens, d, d_h = 1024, 512, 64
    x = rng.standard_normal((tokens, d))
    w_q, w_k = (rng.standard_normal((d, d_h)) / np.sqrt(d) for _ in range(2))
    scores = (x @ w_q) @ (x @ w_k).T / np.sqrt(d_h)
    rank_s = np.linalg.matrix_rank(scores)
    assert_judged_correct(exercise, 1, str(rank_s))
    weights = softmax(scores)
    rank_a = np.linalg.matrix_rank(weights)
    assert_judged_correct(exercise, 2, yes_no(rank_a <= d_h))
    assert rank_a == tokens  # full rank, far above d_h


def test_bilinear_form_dimension_by_jacobian_rank() -> None:
    exercise = f"{TOPIC}/{LOW_RANK}"
    rng = np.random.default_rng(22)
    for d, d_h in [(4, 1), (5, 2), (6, 3), (7, 4), (5, 5)]:

        def product(theta, d=d, d_h=d_h):
            w_q, w_k = theta[: d * d_h].reshape(d, d_h), theta[d * d_h :].reshape(d, d_h)
            return (w_q @ w_k.T).ravel()

        jacobian = central_difference(product, rng.standard_normal(2 * d * d_h))
        dimension = np.linalg.matrix_rank(jacobian, tol=1e-6)
        assert key_value(exercise, 3, d=d, d_h=d_h) == pytest.approx(dimension)


def test_linear_attention_cost_ratio() -> None:
    exercise = f"{TOPIC}/{LOW_RANK}"
    rng = np.random.default_rng(23)
    for tokens, d_h in [(4, 2), (6, 3), (5, 1), (3, 3)]:
        q, k, v = (rng.standard_normal((tokens, d_h)) for _ in range(3))
        scores, first = matmul_loops(q, k.T)
        left, second = matmul_loops(scores, v)
        summary, third = matmul_loops(k.T, v)
        right, fourth = matmul_loops(q, summary)
        np.testing.assert_allclose(left, right)
        ratio = Fraction(first + second, third + fourth)
        assert key_value(exercise, 4, T=tokens, d_h=d_h) == pytest.approx(float(ratio))
