"""convlib.transposed: transposed convolution, checked two independent ways and step by step.

(a) As the gradient of a strided convolution with respect to its input: the
adjoint identity <conv2d(z), x> = <z, conv_transpose2d(x)> and central finite
differences of z -> <conv2d(z), x>.  (b) By the textbook construction: insert
s - 1 zeros between input cells, pad by d(k-1) - p (cropping when negative)
plus output_padding at the end, then a stride-1 'valid' convolution with the
dilated kernel (scipy.signal.convolve2d flips it).  Both run over every
setting the lesson's step-through allows, and under hypothesis.  The walk
must equal the fast path bit for bit.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import signal

from convlib import conv2d
from convlib.transposed import (
    MAX_TRANSPOSED_STEPS,
    conv_transpose2d,
    transposed_output_shape,
    transposed_steps,
    transposed_trace,
)
from convlib.widgets.transposed import TRANSPOSED_RANGES

FAST = settings(max_examples=60, deadline=None)


def zero_insertion(x, k, s, p, d, a):
    """Reference (b): zeros between cells, pad d(k-1)-p (+a at the end), 'valid' convolution."""
    x, k = np.asarray(x, float), np.asarray(k, float)
    h, w = x.shape
    z = np.zeros(((h - 1) * s + 1, (w - 1) * s + 1))
    z[::s, ::s] = x
    kd = np.zeros((d * (k.shape[0] - 1) + 1, d * (k.shape[1] - 1) + 1))
    kd[::d, ::d] = k
    for axis, kk in ((0, k.shape[0]), (1, k.shape[1])):
        q = d * (kk - 1) - p
        before, after = q, q + a
        if before < 0:
            z = np.take(z, range(-before, z.shape[axis]), axis=axis)
            before = 0
        if after < 0:
            z = np.take(z, range(0, z.shape[axis] + after), axis=axis)
            after = 0
        widths = [(0, 0), (0, 0)]
        widths[axis] = (before, after)
        z = np.pad(z, widths)
    return signal.convolve2d(z, kd, mode="valid")


def settings_allowed():
    """Every (stride, padding, output_padding, dilation) the lesson's sliders allow, valid or not."""
    ranges = [range(lo, hi + 1) for lo, hi in (TRANSPOSED_RANGES[n] for n in
                                                ("stride", "padding", "output_padding", "dilation"))]
    return list(itertools.product(*ranges))


def is_valid(n, k, s, p, a, d):
    """Whether PyTorch's rules accept the setting along one axis."""
    return a < max(s, d) and (n - 1) * s - 2 * p + d * (k - 1) + a + 1 >= 1


@pytest.mark.parametrize(("shape", "kshape"), [((3, 3), (3, 3)), ((2, 4), (2, 3)), ((3, 2), (1, 4))])
def test_every_slider_setting_matches_zero_insertion_and_the_adjoint(shape, kshape):
    """All slider settings: equal to the zero-insertion reference and adjoint to conv2d, or refused."""
    rng = np.random.default_rng(1)
    x, k = rng.normal(size=shape), rng.normal(size=kshape)
    accepted = refused = 0
    for s, p, a, d in settings_allowed():
        ok = all(is_valid(n, kk, s, p, a, d) for n, kk in zip(shape, kshape, strict=True))
        if not ok:
            with pytest.raises(ValueError, match="output_padding must be smaller|padding is too large"):
                conv_transpose2d(x, k, stride=s, padding=p, output_padding=a, dilation=d)
            refused += 1
            continue
        y = conv_transpose2d(x, k, stride=s, padding=p, output_padding=a, dilation=d)
        assert y.shape == transposed_output_shape(shape, kshape, stride=s, padding=p, output_padding=a, dilation=d)
        np.testing.assert_allclose(y, zero_insertion(x, k, s, p, d, a), atol=1e-12)
        z = rng.normal(size=y.shape)
        cz = conv2d(z[None], k[None, None], padding=p, stride=s, dilation=d)[0]
        # output padding >= stride (allowed when dilation is larger) gives conv2d a row or column more
        cz = cz[: shape[0], : shape[1]]
        assert np.isclose(np.sum(cz * x), np.sum(z * y))
        accepted += 1
    assert accepted > 20 and refused > 0


@pytest.mark.parametrize(("s", "p", "a"), [(1, 0, 0), (2, 1, 1), (3, 2, 2), (2, 0, 1)])
def test_finite_differences_of_a_strided_convolution_give_the_transposed_one(s, p, a):
    """Central differences of z -> <conv2d(z), y> over every cell of z equal conv_transpose2d(y)."""
    rng = np.random.default_rng(s * 10 + p)
    w = rng.normal(size=(2, 3, 3, 3))            # conv2d: 3 channels -> 2 filters
    y = rng.normal(size=(2, 3, 4))
    out = conv_transpose2d(y, w, stride=s, padding=p, output_padding=a)
    z0 = rng.normal(size=out.shape)
    grad = np.zeros_like(z0)
    eps = 1e-6
    for idx in np.ndindex(z0.shape):
        zp, zm = z0.copy(), z0.copy()
        zp[idx] += eps
        zm[idx] -= eps
        grad[idx] = (np.sum(conv2d(zp, w, padding=p, stride=s) * y)
                     - np.sum(conv2d(zm, w, padding=p, stride=s) * y)) / (2 * eps)
    np.testing.assert_allclose(out, grad, atol=1e-6)


@FAST
@given(st.data())
def test_hypothesis_channels_batches_and_bias_match_zero_insertion(data):
    """Random shapes, channels, a batch, stride, padding, dilation, output padding and bias."""
    kh, kw = data.draw(st.integers(1, 4)), data.draw(st.integers(1, 4))
    s, d = data.draw(st.integers(1, 3)), data.draw(st.integers(1, 3))
    a = data.draw(st.integers(0, max(s, d) - 1))
    h, w = data.draw(st.integers(1, 5)), data.draw(st.integers(1, 5))
    p = data.draw(st.integers(0, 3))
    ok = all(is_valid(n, k, s, p, a, d) for n, k in ((h, kh), (w, kw)))
    ci, co, batch = data.draw(st.integers(1, 3)), data.draw(st.integers(1, 3)), data.draw(st.integers(1, 2))
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    x = rng.normal(size=(batch, ci, h, w))
    wts = rng.normal(size=(ci, co, kh, kw))
    bias = rng.normal(size=co)
    if not ok:
        with pytest.raises(ValueError, match="output_padding|padding is too large"):
            conv_transpose2d(x, wts, bias, stride=s, padding=p, dilation=d, output_padding=a)
        return
    y = conv_transpose2d(x, wts, bias, stride=s, padding=p, dilation=d, output_padding=a)
    for n in range(batch):
        for o in range(co):
            ref = sum(zero_insertion(x[n, c], wts[c, o], s, p, d, a) for c in range(ci)) + bias[o]
            np.testing.assert_allclose(y[n, o], ref, atol=1e-10)


@FAST
@given(st.data())
def test_walk_equals_fast_path_bit_for_bit(data):
    """The canvas after the last step, cropped, has the fast path's bytes (floats summed in its order)."""
    k = data.draw(st.integers(1, 4))
    s, d = data.draw(st.integers(1, 3)), data.draw(st.integers(1, 2))
    a = data.draw(st.integers(0, max(s, d) - 1))
    p = data.draw(st.integers(0, 2))
    h, w = data.draw(st.integers(max(1, p), 5)), data.draw(st.integers(max(1, p), 5))
    dtype = data.draw(st.sampled_from([np.float64, np.float32, np.int64, np.uint8]))
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    x = (rng.normal(size=(h, w)) * 50).astype(dtype)
    kern = (rng.normal(size=(k, k)) * 50).astype(dtype)
    opts = dict(stride=s, padding=p, dilation=d, output_padding=a)
    try:
        fast = conv_transpose2d(x, kern, **opts)
    except ValueError:
        return
    t = transposed_trace(x, kern, **opts)
    assert fast.dtype == t.output.dtype and fast.tobytes() == t.output.tobytes()
    last = list(transposed_steps(x, kern, **opts))[-1]
    assert last.canvas.tobytes() == t.canvas.tobytes()


def test_integers_do_not_overflow():
    """uint8 inputs are summed in int64: 255 * 255 painted four times is 260100."""
    x = np.full((2, 2), 255, np.uint8)
    y = conv_transpose2d(x, np.full((2, 2), 255, np.uint8))
    assert y.dtype == np.int64 and y[1, 1] == 4 * 255 * 255


def test_each_step_paints_the_scaled_kernel_and_the_overlaps_add_up():
    """Step k adds X[r,c]*K to the canvas at rows r*s + i*d and columns c*s + j*d; the rest is unchanged."""
    x = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    kern = np.array([[1, 0, -1], [2, 1, 0], [0, 1, 1]])
    t = transposed_trace(x, kern, stride=2, padding=1, output_padding=1)
    before = np.zeros_like(t.canvas)
    for s in t.steps:
        r, c = s.in_index
        assert s.value == x[r, c] and s.rows == (2 * r, 2 * r + 1, 2 * r + 2)
        diff = s.canvas - before
        expected = np.zeros_like(diff)
        expected[2 * r : 2 * r + 3, 2 * c : 2 * c + 3] = x[r, c] * kern
        assert np.array_equal(diff, expected)
        before = s.canvas
    assert t.output.shape == (6, 6) and t.is_cropped().sum() == t.canvas.size - 36
    assert t.overlaps().max() == 4 and t.overlaps().min() == 0 and (t.painted == -1).sum() == 15


def test_equation_names_the_input_cell_value_and_output_region():
    """The line says which input cell, its value, and the output rows and columns it paints (padding off)."""
    t = transposed_trace([[1, 2], [3, 4]], [[1, 1], [1, 1]], stride=2, padding=1)
    assert [str(s) for s in t.steps] == [
        "X[0,0] = 1: adds 1×K to Y[-1:1, -1:1]", "X[0,1] = 2: adds 2×K to Y[-1:1, 1:3]",
        "X[1,0] = 3: adds 3×K to Y[1:3, -1:1]", "X[1,1] = 4: adds 4×K to Y[1:3, 1:3]"]


def test_output_size_rule_on_the_guides_examples():
    """Dumoulin & Visin's transposed cases: 2x2 -> 4x4 (k=3), 5x5 -> 5x5 (p=1), 2x2 -> 5x5 (s=2), 3x3 -> 6x6."""
    assert transposed_output_shape((2, 2), (3, 3)) == (4, 4)
    assert transposed_output_shape((5, 5), (3, 3), padding=1) == (5, 5)
    assert transposed_output_shape((7, 7), (3, 3), padding=2) == (5, 5)
    assert transposed_output_shape((2, 2), (3, 3), stride=2) == (5, 5)
    assert transposed_output_shape((3, 3), (3, 3), stride=2, padding=1) == (5, 5)
    assert transposed_output_shape((3, 3), (3, 3), stride=2, padding=1, output_padding=1) == (6, 6)
    assert transposed_output_shape((2, 2), (3, 3), dilation=2) == (6, 6)


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    (dict(stride=2, output_padding=2), ValueError, r"output_padding must be smaller than the stride or the "
                                                   r"dilation: along the rows, stride is 2 and dilation 1, so "
                                                   r"output_padding can be at most 1; received 2"),
    (dict(padding=3), ValueError, r"padding is too large: along the rows.*= -2, but the output needs at least 1 cell; use padding at most 1"),
    (dict(stride=0), ValueError, r"stride must be an integer >= 1; received 0"),
    (dict(padding=-1), ValueError, r"padding must be an integer >= 0; received -1"),
    (dict(output_padding=1.5), TypeError, r"output_padding must be an integer >= 0"),
])
def test_bad_settings_name_the_parameter(kwargs, error, match):
    """Each bad setting raises with a message naming the parameter, what was expected and what came."""
    with pytest.raises(error, match=match):
        conv_transpose2d(np.ones((2, 2)), np.ones((3, 3)), **kwargs)


def test_bad_shapes_name_the_parameter():
    """Weights with the wrong number of input channels, a wrong bias, a 3-D x with a 2-D kernel."""
    with pytest.raises(ValueError, match=r"weights should have shape \(2, C_out, kh, kw\); received .*\(3, 1, 2, 2\)"):
        conv_transpose2d(np.ones((2, 3, 3)), np.ones((3, 1, 2, 2)))
    with pytest.raises(ValueError, match=r"bias must have one value per output channel, shape \(1,\)"):
        conv_transpose2d(np.ones((2, 3, 3)), np.ones((2, 1, 2, 2)), bias=[1, 2])
    with pytest.raises(ValueError, match=r"weights must be a 4-D array"):
        conv_transpose2d(np.ones((2, 3, 3)), np.ones((2, 2)))


def test_trace_refuses_large_inputs():
    """More than MAX_TRANSPOSED_STEPS input cells: a message pointing to conv_transpose2d."""
    with pytest.raises(ValueError, match="use conv_transpose2d for pictures"):
        transposed_trace(np.ones((1, MAX_TRANSPOSED_STEPS + 1)), np.ones((1, 1)))


@pytest.mark.parametrize(("s", "p", "d"), list(itertools.product((1, 2, 3), (0, 1, 2), (1, 2))))
def test_transposed_convolution_is_the_input_gradient_of_lesson_07(s, p, d):
    """conv_transpose2d (each cell paints the kernel) equals backward.grad_input (a full convolution of dY)."""
    from convlib.backward import grad_input

    rng = np.random.default_rng(100 * s + 10 * p + d)
    n, k = 7, 3
    x_shape = (2, n, n + 1)                      # C = 2 input channels of conv2d
    W = rng.integers(-4, 5, size=(3, 2, k, k))   # F = 3 filters, as conv2d lays them out
    oh, ow = conv2d(np.zeros(x_shape), W, padding=p, stride=s, dilation=d).shape[-2:]
    dY = rng.integers(-4, 5, size=(3, oh, ow))
    # output padding: the rows and columns of x that the stride never reached
    extra = tuple((m + 2 * p - d * (k - 1) - 1) % s for m in x_shape[1:])
    painted = conv_transpose2d(dY, W, stride=s, padding=p, dilation=d, output_padding=extra)
    folded = grad_input(dY, W, x_shape, padding=p, stride=s, dilation=d)
    assert painted.shape == folded.shape == x_shape
    np.testing.assert_array_equal(painted, folded)
