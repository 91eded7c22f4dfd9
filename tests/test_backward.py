"""Tests of convlib.backward: the gradients of conv2d against finite differences and a direct loop.

Two independent references, written here: central finite differences of the
loss ``sum(dY * conv2d(x, w, b))`` (nudging one number at a time), and
direct loops that send every product of the forward pass back to the input
cell and the weight it came from, padding cells mapped to their source by
formulas written out per mode (not by numpy's pad).  Hypothesis draws the
shapes, channel counts, batches, strides, paddings, padding modes and
dilations.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlib import conv2d, correlate2d
from convlib.backward import (
    conv2d_backward,
    grad_bias,
    grad_input,
    grad_input_trace,
    grad_weights,
    grad_weights_trace,
    upsample,
)

FAST = settings(max_examples=60, deadline=None)
PAD_MODES = ("zero", "reflect", "replicate", "circular")


def source(a: int, n: int, before: int, mode: str):
    """The input index a padded index ``a`` copies along one axis, or None for a zero cell."""
    t = a - before
    if 0 <= t < n:
        return t
    if mode == "zero":
        return None
    if mode == "replicate":
        return min(max(t, 0), n - 1)
    if mode == "circular":
        return t % n
    while not 0 <= t < n:                       # reflect, the edge not repeated
        t = -t if t < 0 else 2 * (n - 1) - t
    return t


def loop_backward(x, w, g, stride, pad, dilation, mode):
    """Direct loops over every product of the forward pass: (dX, dW, db) in float64."""
    x, w, g = (np.asarray(a, dtype=np.float64) for a in (x, w, g))
    n_, c_, h, wd = x.shape
    f_, _, kh, kw = w.shape
    (t, _), (left, _) = pad
    dx, dw = np.zeros_like(x), np.zeros_like(w)
    for n in range(n_):
        for f in range(f_):
            for r in range(g.shape[2]):
                for c in range(g.shape[3]):
                    for ch in range(c_):
                        for i in range(kh):
                            for j in range(kw):
                                a = source(r * stride[0] + i * dilation[0], h, t, mode)
                                b = source(c * stride[1] + j * dilation[1], wd, left, mode)
                                if a is None or b is None:
                                    continue
                                dx[n, ch, a, b] += g[n, f, r, c] * w[f, ch, i, j]
                                dw[f, ch, i, j] += g[n, f, r, c] * x[n, ch, a, b]
    return dx, dw, g.sum(axis=(0, 2, 3))


def finite_differences(x, w, b, g, options, eps=1e-3):
    """Central differences of sum(g * conv2d(x, w, b)) for every number of x, w and b."""
    def loss(x_, w_, b_):
        return float(np.sum(g * conv2d(x_, w_, b_, **options)))

    grads = []
    for which in range(3):
        arrays = [x.copy(), w.copy(), b.copy()]
        out = np.zeros_like(arrays[which])
        for k in np.ndindex(*out.shape):
            plus = [a.copy() for a in arrays]
            minus = [a.copy() for a in arrays]
            plus[which][k] += eps
            minus[which][k] -= eps
            out[k] = (loss(*plus) - loss(*minus)) / (2 * eps)
        grads.append(out)
    return grads


@st.composite
def layers(draw, max_side=7):
    """A batch, weights, bias, output gradient and the options of a layer that fits."""
    kh, kw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    dh, dw = draw(st.integers(1, 2)), draw(st.integers(1, 2))
    sh, sw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    mode = draw(st.sampled_from(PAD_MODES))
    h = draw(st.integers(max(2, dh * (kh - 1) + 1 - 2), max_side))
    wd = draw(st.integers(max(2, dw * (kw - 1) + 1 - 2), max_side))
    limit = 1 if mode == "reflect" else 2
    pads = [draw(st.integers(0, min(limit, n - 1))) for n in (h, h, wd, wd)]
    pad = ((pads[0], pads[1]), (pads[2], pads[3]))
    if h + pads[0] + pads[1] < dh * (kh - 1) + 1 or wd + pads[2] + pads[3] < dw * (kw - 1) + 1:
        pad = ((0, 0), (0, 0))
        h, wd = max(h, dh * (kh - 1) + 1), max(wd, dw * (kw - 1) + 1)
    n, c, f = draw(st.integers(1, 2)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    x = rng.normal(size=(n, c, h, wd))
    w = rng.normal(size=(f, c, kh, kw))
    b = rng.normal(size=f)
    options = dict(padding=pad, pad_mode=mode, stride=(sh, sw), dilation=(dh, dw))
    g = rng.normal(size=conv2d(x, w, b, **options).shape)
    return x, w, b, g, options


@FAST
@given(layers())
def test_gradients_match_finite_differences(case):
    """dX, dW and db agree with central finite differences of the loss, for every layer drawn."""
    x, w, b, g, options = case
    got = conv2d_backward(x, w, g, **options)
    want = finite_differences(x, w, b, g, options)
    for name, a, e in zip(("x", "weights", "bias"), got, want, strict=True):
        np.testing.assert_allclose(a, e, rtol=1e-6, atol=1e-6, err_msg=f"{name} {options}")


@FAST
@given(layers())
def test_gradients_match_a_direct_loop(case):
    """dX, dW and db agree with the direct loop over every product, padding modes included."""
    x, w, _, g, options = case
    got = conv2d_backward(x, w, g, **options)
    want = loop_backward(x, w, g, options["stride"], options["padding"], options["dilation"],
                         options["pad_mode"])
    for a, e in zip(got, want, strict=True):
        np.testing.assert_allclose(a, e, rtol=1e-10, atol=1e-10)


@FAST
@given(layers())
def test_one_input_gives_the_batch_of_one(case):
    """A (C, H, W) input gives the same gradients as the batch holding it alone."""
    x, w, _, g, options = case
    single = conv2d_backward(x[0], w, g[0], **options)
    batch = conv2d_backward(x[:1], w, g[:1], **options)
    np.testing.assert_array_equal(single.x, batch.x[0])
    np.testing.assert_allclose(single.weights, batch.weights, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(single.bias, batch.bias)


def test_modes_same_and_full_are_handled():
    """mode='same' and 'full' give the gradients of the padding they stand for."""
    rng = np.random.default_rng(3)
    x, w = rng.normal(size=(2, 6, 5)), rng.normal(size=(3, 2, 2, 3))
    for mode in ("same", "full"):
        g = rng.normal(size=conv2d(x, w, mode=mode).shape)
        got = conv2d_backward(x, w, g, mode=mode)
        want = finite_differences(x, w, np.zeros(3), g, {"mode": mode})
        np.testing.assert_allclose(got.x, want[0], atol=1e-6)
        np.testing.assert_allclose(got.weights, want[1], atol=1e-6)


def test_integer_gradients_are_exact_and_do_not_overflow():
    """uint8 inputs and int8 gradients give exact int64 gradients (no wrap-around at 255 * 127)."""
    x = np.full((1, 1, 4, 4), 255, dtype=np.uint8)
    w = np.full((1, 1, 2, 2), 127, dtype=np.int8)
    g = np.full((1, 1, 3, 3), 127, dtype=np.int8)
    got = conv2d_backward(x, w, g)
    assert got.weights.dtype == np.int64 and got.weights[0, 0, 0, 0] == 9 * 255 * 127
    assert got.x.dtype == np.int64 and got.x[0, 0, 1, 1] == 4 * 127 * 127


def test_upsample_puts_zeros_between_cells():
    """Cells land stride apart; everything in between is zero."""
    got = upsample(np.arange(1, 7).reshape(2, 3), (3, 2))
    assert got.shape == (4, 5)
    assert got[::3, ::2].tolist() == [[1, 2, 3], [4, 5, 6]]
    assert got.sum() == 21


# --------------------------------------------------------------------------
# the backward pass as a walk
# --------------------------------------------------------------------------
@st.composite
def one_channel(draw):
    """An integer input, kernel and output gradient of a one-channel correlation, with its options."""
    kh, kw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    d = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    s = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    p = draw(st.integers(0, 1))
    h = draw(st.integers(d[0] * (kh - 1) + 1, 7))
    w = draw(st.integers(d[1] * (kw - 1) + 1, 7))
    rng = np.random.default_rng(draw(st.integers(0, 1000)))
    X = rng.integers(-5, 6, size=(h, w))
    K = rng.integers(-3, 4, size=(kh, kw))
    options = dict(padding=p, stride=s, dilation=d)
    G = rng.integers(-4, 5, size=correlate2d(X, K, **options).shape)
    return X, K, G, options


@FAST
@given(one_channel())
def test_the_input_walk_sums_to_the_fast_gradient(case):
    """The stepped full convolution, its padding rows cut off, equals grad_input exactly (integers)."""
    X, K, G, options = case
    t = grad_input_trace(G, K, X.shape, **options)
    p = options["padding"]
    walked = t.output[p : p + X.shape[0], p : p + X.shape[1]]
    fast = grad_input(G[None], K[None, None], (1,) + X.shape, **options)[0]
    np.testing.assert_array_equal(walked, fast)
    assert t.options["flip"] is True
    np.testing.assert_array_equal([s.value for s in t.steps], t.output.ravel())


@FAST
@given(one_channel())
def test_the_weight_walk_sums_to_the_fast_gradient(case):
    """The stepped correlation of the padded input with dY equals grad_weights exactly (integers)."""
    X, K, G, options = case
    t = grad_weights_trace(X, G, K.shape, **options)
    fast = grad_weights(X[None], G[None], K.shape, **options)[0, 0]
    np.testing.assert_array_equal(t.output, fast)
    assert t.output.shape == K.shape


# --------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------
def test_a_gradient_of_the_wrong_shape_is_refused():
    """grad_output must have the output's shape; the message gives both shapes."""
    with pytest.raises(ValueError, match=r"grad_output must have shape \(1, 2, 2\) \(the shape of the layer's "
                                         r"output Y\); received shape \(1, 3, 3\)"):
        conv2d_backward(np.ones((1, 3, 3)), np.ones((1, 1, 2, 2)), np.ones((1, 3, 3)))


def test_weights_with_the_wrong_channels_are_refused():
    """One kernel per input channel, as in conv2d."""
    with pytest.raises(ValueError, match=r"x has 2 channels, so weights should have shape \(F, 2, kh, kw\)"):
        grad_input(np.ones((1, 2, 2)), np.ones((1, 3, 2, 2)), (2, 3, 3))


def test_a_bad_input_shape_is_refused():
    """input_shape must be (C, H, W) or (N, C, H, W)."""
    with pytest.raises(ValueError, match=r"input_shape must be a tuple \(C, H, W\) or \(N, C, H, W\)"):
        grad_input(np.ones((1, 2, 2)), np.ones((1, 1, 2, 2)), (3, 3))
    with pytest.raises(TypeError, match="input_shape must be a tuple"):
        grad_input(np.ones((1, 2, 2)), np.ones((1, 1, 2, 2)), 3)


def test_a_bad_kernel_shape_is_refused():
    """kernel_shape must be a pair of positive integers."""
    with pytest.raises(ValueError, match=r"kernel_shape\[1\] must be an integer >= 1; received 0"):
        grad_weights(np.ones((1, 3, 3)), np.ones((1, 2, 2)), (2, 0))


def test_walks_check_their_gradient_too():
    """A walk refuses a dY that does not fit the forward pass, naming the shapes."""
    with pytest.raises(ValueError, match=r"grad_output must have shape \(2, 2\) \(the shape of the output Y\)"):
        grad_weights_trace(np.ones((3, 3)), np.ones((3, 3)), (2, 2))
    with pytest.raises(ValueError, match=r"grad_output must be a 2-D array"):
        grad_input_trace(np.ones((1, 2, 2)), np.ones((2, 2)), (3, 3))


def test_grad_bias_sums_all_but_the_filters():
    """db[f] is the sum of dY[..., f, :, :]."""
    g = np.arange(24.0).reshape(2, 3, 2, 2)
    np.testing.assert_array_equal(grad_bias(g), [g[:, f].sum() for f in range(3)])
    np.testing.assert_array_equal(grad_bias(g[0]), [g[0, f].sum() for f in range(3)])
