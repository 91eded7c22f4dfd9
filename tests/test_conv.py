"""The fast path of convlib.conv against independent references.

Tolerances (relative to the sum of |products| of each output cell, see
reference.assert_matches): exact equality when the sums are computed in
integers (uint8, int16, int32, int64, bool), 1e-5 when they are computed in
float32, 1e-12 when they are computed in float64.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import (
    DTYPES,
    MODE_NAMES,
    NUMPY_PAD_MODE,
    PAD_MODE_NAMES,
    accumulation_dtype,
    arrays,
    assert_matches,
    conv_cases,
    conv_options,
    dilate,
    padding_specs,
    padding_widths,
    ref_abs_correlate,
    ref_conv2d,
    ref_correlate,
    ref_pad,
    ref_widths,
    span,
    widen,
)
from scipy import signal

from convlib import conv2d, convolve2d, correlate2d, output_shape, pad, resolve_padding

FAST = settings(max_examples=60, deadline=None)
MORE = settings(max_examples=120, deadline=None)


@st.composite
def scipy_mode_cases(draw):
    """(image, kernel, mode) for stride 1, no dilation, zero padding."""
    dtype = draw(st.sampled_from(DTYPES))
    h, w = draw(st.integers(1, 9)), draw(st.integers(1, 9))
    mode = draw(st.sampled_from(MODE_NAMES))
    kmax_h, kmax_w = (h, w) if mode == "valid" else (6, 6)
    kh, kw = draw(st.integers(1, min(kmax_h, 6))), draw(st.integers(1, min(kmax_w, 6)))
    return draw(arrays(dtype, (h, w))), draw(arrays(dtype, (kh, kw))), mode


# --------------------------------------------------------------------------
# against scipy.signal directly
# --------------------------------------------------------------------------
@MORE
@given(scipy_mode_cases())
def test_correlate2d_matches_scipy_correlate2d(case):
    """correlate2d equals scipy.signal.correlate2d for valid/same/full."""
    image, kernel, mode = case
    got = correlate2d(image, kernel, mode=mode)
    want = signal.correlate2d(widen(image), widen(kernel), mode=mode)
    scale = signal.correlate2d(np.abs(widen(image)), np.abs(widen(kernel)), mode=mode)
    assert_matches(got, want, scale, accumulation_dtype(image, kernel))


@MORE
@given(scipy_mode_cases())
def test_convolve2d_matches_scipy_convolve2d(case):
    """convolve2d equals scipy.signal.convolve2d for valid/same/full (even kernels included)."""
    image, kernel, mode = case
    got = convolve2d(image, kernel, mode=mode)
    want = signal.convolve2d(widen(image), widen(kernel), mode=mode)
    scale = signal.convolve2d(np.abs(widen(image)), np.abs(widen(kernel)), mode=mode)
    assert_matches(got, want, scale, accumulation_dtype(image, kernel))


@FAST
@given(arrays("int64", (5, 6)), st.integers(1, 6), st.integers(1, 6),
       st.sampled_from(("same", "full")), st.booleans(), st.integers(1, 3), st.data())
def test_reference_same_and_full_padding_agree_with_scipy(image, kh, kw, mode, flip, dilation, data):
    """The reference's own 'same'/'full' padding rule reproduces scipy (a check of the reference)."""
    kernel = data.draw(arrays("int64", (kh, kw)))
    want = (signal.convolve2d if flip else signal.correlate2d)(image, dilate(kernel, dilation), mode=mode)
    got = ref_correlate(image, kernel, mode=mode, dilation=dilation, flip=flip)
    assert np.array_equal(got, want)


def test_article_example_matches_scipy():
    """The lesson-01 example equals scipy's valid cross-correlation."""
    X = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    K = [[0, 1], [1, 0]]
    assert np.array_equal(correlate2d(X, K), signal.correlate2d(X, K, mode="valid"))


# --------------------------------------------------------------------------
# stride, dilation, explicit padding, pad modes: against the reference
# --------------------------------------------------------------------------
@MORE
@given(conv_cases(flip=False))
def test_correlate2d_matches_reference_with_all_options(case):
    """correlate2d with stride, dilation, padding forms, pad modes and bias equals the reference."""
    image, kernel, options = case
    got = correlate2d(image, kernel, **options)
    want = ref_correlate(image, kernel, **options)
    assert_matches(got, want, ref_abs_correlate(image, kernel, **options), accumulation_dtype(image, kernel))


@MORE
@given(conv_cases(flip=True))
def test_convolve2d_matches_reference_with_all_options(case):
    """convolve2d with every option equals the reference's flipped correlation."""
    image, kernel, options = case
    options.pop("flip")
    got = convolve2d(image, kernel, **options)
    want = ref_correlate(image, kernel, flip=True, **options)
    scale = ref_abs_correlate(image, kernel, flip=True, **options)
    assert_matches(got, want, scale, accumulation_dtype(image, kernel))


@FAST
@given(conv_cases(mixed=True, flip=False, bias=False))
def test_mixed_image_and_kernel_dtypes_match_reference(case):
    """An image and a kernel of different dtypes give the reference result."""
    image, kernel, options = case
    got = correlate2d(image, kernel, **options)
    want = ref_correlate(image, kernel, **options)
    assert_matches(got, want, ref_abs_correlate(image, kernel, **options), accumulation_dtype(image, kernel))


@FAST
@given(conv_cases(flip=True))
def test_correlate2d_flip_true_equals_convolve2d(case):
    """correlate2d(flip=True) is bit-for-bit convolve2d."""
    image, kernel, options = case
    options.pop("flip")
    a = correlate2d(image, kernel, flip=True, **options)
    b = convolve2d(image, kernel, **options)
    assert a.dtype == b.dtype and a.tobytes() == b.tobytes()


@FAST
@given(conv_cases(flip=False, bias=False), st.integers(-50, 50))
def test_bias_is_added_to_every_output_cell(case, bias):
    """A scalar bias shifts every output cell by exactly that amount (integer inputs)."""
    image, kernel, options = case
    image, kernel = widen(image), widen(kernel)
    if image.dtype.kind == "f":
        image, kernel = np.round(image), np.round(kernel)
    got = correlate2d(image, kernel, bias=bias, **options)
    want = ref_correlate(image, kernel, **options) + bias
    assert np.array_equal(got, want)


# --------------------------------------------------------------------------
# output_shape and resolve_padding
# --------------------------------------------------------------------------
@MORE
@given(conv_cases(dtypes=("int16",), bias=False))
def test_output_shape_matches_actual_output_shape(case):
    """output_shape predicts the shape correlate2d returns, for every option."""
    image, kernel, options = case
    options.pop("pad_mode")
    flip = options.pop("flip")
    got = correlate2d(image, kernel, flip=flip, **options).shape
    assert output_shape(image.shape, kernel.shape, **options) == got


@MORE
@given(conv_cases(dtypes=("int16",), bias=False))
def test_output_shape_matches_reference_shape(case):
    """output_shape equals the shape of the independent reference output."""
    image, kernel, options = case
    want = ref_correlate(image, kernel, **options).shape
    options.pop("pad_mode")
    options.pop("flip")
    assert output_shape(image.shape, kernel.shape, **options) == want


@pytest.mark.parametrize(
    ("n", "k", "s", "d", "p"),
    [(8, 3, 2, 1, 0), (7, 3, 2, 1, 0), (9, 2, 3, 1, 1), (10, 3, 4, 2, 0), (5, 5, 3, 1, 2)],
)
def test_output_shape_rounds_down(n, k, s, d, p):
    """output_shape uses floor((n + 2p - span) / s) + 1: leftover rows are dropped, not padded."""
    want = len(range(0, n + 2 * p - span(k, d) + 1, s))
    assert output_shape((n, n), (k, k), stride=s, dilation=d, padding=p) == (want, want)


def test_output_shape_8x8_kernel_3_stride_2_is_3x3():
    """The documented floor example: (8,8), (3,3), stride 2 -> (3,3), since floor(5/2)+1 = 3."""
    assert output_shape((8, 8), (3, 3), stride=2) == ((8 - 3) // 2 + 1,) * 2 == (3, 3)


@FAST
@given(st.integers(1, 9), st.integers(1, 9), st.integers(1, 6), st.integers(1, 6), st.integers(1, 3))
def test_output_shape_same_mode_keeps_input_shape(h, w, kh, kw, dilation):
    """mode='same' at stride 1 gives the input's shape, even for even and dilated kernels."""
    assert output_shape((h, w), (kh, kw), mode="same", dilation=dilation) == (h, w)


@FAST
@given(st.integers(1, 9), st.integers(1, 9), st.integers(1, 6), st.integers(1, 6))
def test_output_shape_full_mode_is_input_plus_kernel_minus_one(h, w, kh, kw):
    """mode='full' gives (H + kh - 1, W + kw - 1)."""
    assert output_shape((h, w), (kh, kw), mode="full") == (h + kh - 1, w + kw - 1)


def test_output_shape_reads_last_two_entries_of_longer_shapes():
    """(C, H, W) and (F, C, kh, kw) shapes are accepted: only the last two entries count."""
    assert output_shape((3, 8, 6), (4, 3, 3, 2)) == output_shape((8, 6), (3, 2)) == (8 - 3 + 1, 6 - 2 + 1)


@FAST
@given(st.integers(1, 9), st.integers(1, 9), padding_specs(4, 4))
def test_resolve_padding_normalises_every_padding_form(h, w, padding):
    """p, (ph, pw), (t, b, l, r) and ((t, b), (l, r)) all become ((t, b), (l, r))."""
    assert resolve_padding((h, w), (1, 1), padding=padding) == padding_widths(padding)


@FAST
@given(st.integers(1, 9), st.integers(1, 9), st.integers(1, 6), st.integers(1, 6),
       st.sampled_from(MODE_NAMES), st.integers(1, 3), st.booleans())
def test_resolve_padding_of_modes_matches_reference(h, w, kh, kw, mode, dilation, flip):
    """The implicit padding of valid/same/full (with dilation and flip) equals the reference's."""
    got = resolve_padding((h, w), (kh, kw), mode=mode, dilation=dilation, flip=flip)
    assert got == ref_widths((h, w), (kh, kw), mode=mode, dilation=dilation, flip=flip)


# --------------------------------------------------------------------------
# conv2d
# --------------------------------------------------------------------------
@st.composite
def layer_cases(draw, all_options=False):
    """(x, weights, bias, options) for a random conv2d call."""
    dtype = draw(st.sampled_from(DTYPES))
    c, f = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    h, w = draw(st.integers(1, 8)), draw(st.integers(1, 8))
    if all_options:
        (kh, kw), options = draw(conv_options((h, w), max_kernel=4, flip=False, bias=False))
    else:
        mode = draw(st.sampled_from(MODE_NAMES))
        big = mode != "valid"
        kh = draw(st.integers(1, 4 if big else min(h, 4)))
        kw = draw(st.integers(1, 4 if big else min(w, 4)))
        options = {"mode": mode}
    x = draw(arrays(dtype, (c, h, w)))
    weights = draw(arrays(dtype, (f, c, kh, kw)))
    bias = draw(st.one_of(st.none(), arrays(draw(st.sampled_from(DTYPES)), (f,))))
    return x, weights, bias, options


@FAST
@given(layer_cases())
def test_conv2d_is_channel_sum_of_scipy_correlations_plus_bias(case):
    """conv2d equals sum over channels of scipy correlate2d, plus one bias per filter."""
    x, weights, bias, options = case
    X, Wt = widen(x), widen(weights)
    want, scale = [], []
    for f in range(Wt.shape[0]):
        total = sum(signal.correlate2d(X[c], Wt[f, c], mode=options["mode"]) for c in range(X.shape[0]))
        scale.append(sum(signal.correlate2d(abs(X[c]), abs(Wt[f, c]), mode=options["mode"])
                         for c in range(X.shape[0])))
        want.append(total + (0 if bias is None else widen(bias)[f]))
    got = conv2d(x, weights, bias, **options)
    assert_matches(got, np.stack(want), np.stack(scale), accumulation_dtype(x, weights))


@FAST
@given(layer_cases(all_options=True))
def test_conv2d_matches_reference_with_all_options(case):
    """conv2d with stride, dilation, padding and pad modes equals the per-channel reference."""
    x, weights, bias, options = case
    got = conv2d(x, weights, bias, **options)
    want = ref_conv2d(x, weights, bias, **options)
    scale = ref_conv2d(np.abs(widen(x)), np.abs(widen(weights)), None, **options)
    assert_matches(got, want, scale, accumulation_dtype(x, weights))


@FAST
@given(conv_cases(flip=False, bias=False))
def test_conv2d_one_channel_one_filter_equals_correlate2d(case):
    """A 1-channel, 1-filter layer is the 2-D cross-correlation (no flip)."""
    image, kernel, options = case
    got = conv2d(image[None], kernel[None, None], **options)
    assert np.array_equal(got[0], correlate2d(image, kernel, **options))


def loop_conv2d(x, weights, bias, stride, padding, dilation):
    """A CNN layer by six nested loops (filter, row, column, channel, kernel row and column), zero padding."""
    x, weights = np.asarray(x, dtype=np.float64), np.asarray(weights, dtype=np.float64)
    c_in, h, w = x.shape
    f_out, _, kh, kw = weights.shape
    ph, pw = padding
    sh, sw = stride
    dh, dw = dilation
    oh = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    ow = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    out = np.zeros((f_out, oh, ow))
    for f in range(f_out):
        for r in range(oh):
            for col in range(ow):
                total = 0.0 if bias is None else float(bias[f])
                for c in range(c_in):
                    for i in range(kh):
                        for j in range(kw):
                            row, cc = r * sh + i * dh - ph, col * sw + j * dw - pw
                            if 0 <= row < h and 0 <= cc < w:
                                total += weights[f, c, i, j] * x[c, row, cc]
                out[f, r, col] = total
    return out


@st.composite
def loop_cases(draw):
    """(x, weights, bias, stride, padding, dilation): the dilated kernel inside the padded input."""
    c_in, f_out = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    kh, kw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    dh, dw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    ph, pw = draw(st.integers(0, 3)), draw(st.integers(0, 3))
    h = draw(st.integers(max(1, dh * (kh - 1) + 1 - 2 * ph), 8))
    w = draw(st.integers(max(1, dw * (kw - 1) + 1 - 2 * pw), 8))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    batch = draw(st.integers(1, 3))
    x = rng.standard_normal((batch, c_in, h, w))
    weights = rng.standard_normal((f_out, c_in, kh, kw))
    bias = rng.standard_normal(f_out) if draw(st.booleans()) else None
    stride = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    return x, weights, bias, stride, (ph, pw), (dh, dw)


@FAST
@given(loop_cases())
def test_conv2d_equals_six_nested_loops(case):
    """Channels, filters, bias, stride, padding and dilation: conv2d equals the textbook loops."""
    x, weights, bias, stride, padding, dilation = case
    got = conv2d(x[0], weights, bias, stride=stride, padding=padding, dilation=dilation)
    want = loop_conv2d(x[0], weights, bias, stride, padding, dilation)
    assert np.allclose(got, want, rtol=1e-12, atol=1e-12)


@FAST
@given(loop_cases())
def test_conv2d_of_a_batch_is_each_picture(case):
    """A batch (N, C, H, W) gives (N, F, OH, OW): for each n, conv2d(x[n]) and the loops (up to rounding)."""
    x, weights, bias, stride, padding, dilation = case
    options = dict(stride=stride, padding=padding, dilation=dilation)
    got = conv2d(x, weights, bias, **options)
    assert got.shape[:2] == (x.shape[0], weights.shape[0])
    for n in range(x.shape[0]):
        one = conv2d(x[n], weights, bias, **options)
        # the channel sum is a matrix product: BLAS may add in another order for another shape
        assert got[n].dtype == one.dtype and np.allclose(got[n], one, rtol=1e-12, atol=1e-12)
        assert np.allclose(got[n], loop_conv2d(x[n], weights, bias, stride, padding, dilation), atol=1e-12)


def test_conv2d_batch_of_integers_stays_exact():
    """Integer batches sum in int64, like one picture."""
    x = np.arange(2 * 3 * 4 * 4).reshape(2, 3, 4, 4).astype(np.uint8)
    w = np.ones((2, 3, 2, 2), dtype=np.uint8) * 200
    got = conv2d(x, w)
    assert got.dtype == np.int64 and all(np.array_equal(got[n], conv2d(x[n], w)) for n in range(2))


def test_conv2d_output_has_one_map_per_filter():
    """conv2d returns shape (F, OH, OW)."""
    x = np.ones((3, 6, 5))
    w = np.ones((4, 3, 2, 2))
    assert conv2d(x, w, stride=2).shape == (4,) + ref_correlate(x[0], w[0, 0], stride=2).shape


# --------------------------------------------------------------------------
# integer overflow and output dtypes
# --------------------------------------------------------------------------
@pytest.mark.parametrize("size", [3, 9])
def test_uint8_ones_sum_is_exact(size):
    """A uint8 image of 255 under a uint8 ones kernel sums to 255*kh*kw, without wrap-around."""
    image = np.full((9, 9), 255, dtype=np.uint8)
    kernel = np.ones((size, size), dtype=np.uint8)
    got = correlate2d(image, kernel)
    assert np.all(got == 255 * size * size)


def test_uint8_input_gives_int64_output():
    """Integer sums are accumulated and returned as int64."""
    image = np.full((4, 4), 255, dtype=np.uint8)
    assert correlate2d(image, np.ones((2, 2), dtype=np.uint8)).dtype == np.int64


def test_uint8_ones_conv2d_sum_is_exact():
    """conv2d over 3 uint8 channels of 255 with ones weights gives 3*255*kh*kw in int64."""
    x = np.full((3, 5, 5), 255, dtype=np.uint8)
    w = np.ones((2, 3, 4, 4), dtype=np.uint8)
    got = conv2d(x, w)
    assert got.dtype == np.int64 and np.all(got == 3 * 255 * 16)


def test_int16_extremes_do_not_overflow():
    """int16 minimum times itself, summed over a 4x4 kernel, is exact."""
    image = np.full((5, 5), np.iinfo(np.int16).min, dtype=np.int16)
    kernel = np.full((4, 4), np.iinfo(np.int16).min, dtype=np.int16)
    assert np.all(correlate2d(image, kernel) == 16 * (-32768) ** 2)


@FAST
@given(arrays("uint8", (6, 7)), arrays("uint8", (3, 2)))
def test_uint8_results_are_nonnegative_and_exact(image, kernel):
    """uint8 image and kernel: the output is non-negative and equals the int64 reference."""
    got = correlate2d(image, kernel, mode="full")
    assert np.all(got >= 0)
    assert np.array_equal(got, signal.correlate2d(widen(image), widen(kernel), mode="full"))


@FAST
@given(arrays("uint8", (5, 5)), st.integers(1, 127))
def test_uint8_image_with_negative_kernel_goes_negative(image, weight):
    """A negative kernel on a uint8 image gives negative sums, not wrapped-around positives."""
    kernel = np.full((2, 2), -weight, dtype=np.int8)
    got = correlate2d(image, kernel)
    want = -weight * signal.correlate2d(widen(image), np.ones((2, 2), dtype=np.int64), mode="valid")
    assert np.array_equal(got, want)


def test_bool_inputs_count_true_cells():
    """Boolean image and kernel act as 0 and 1: all-True gives kh*kw, as int64."""
    got = correlate2d(np.ones((4, 5), dtype=bool), np.ones((2, 3), dtype=bool))
    assert got.dtype == np.int64 and np.all(got == 6)


@pytest.mark.parametrize(
    ("dtype", "expected"),
    [("uint8", "int64"), ("int16", "int64"), ("int32", "int64"), ("int64", "int64"),
     ("bool", "int64"), ("float32", "float32"), ("float64", "float64")],
)
def test_output_dtype(dtype, expected):
    """Integer inputs give int64, float inputs keep their precision."""
    image = np.ones((4, 4), dtype=dtype)
    assert correlate2d(image, np.ones((2, 2), dtype=dtype)).dtype == np.dtype(expected)


def test_integer_image_with_float_bias_gives_float_output():
    """A fractional bias on an integer image is not truncated."""
    got = correlate2d(np.ones((3, 3), dtype=np.uint8), np.ones((2, 2), dtype=np.uint8), bias=0.5)
    assert np.array_equal(got, np.full((2, 2), 4.5))


# --------------------------------------------------------------------------
# NaN and inf
# --------------------------------------------------------------------------
@FAST
@given(conv_cases(dtypes=("float64",), flip=False, bias=False), st.data())
def test_nan_propagates_only_to_windows_that_contain_it(case, data):
    """A NaN makes exactly the outputs whose window (taps, after padding) touches it NaN."""
    image, kernel, options = case
    r = data.draw(st.integers(0, image.shape[0] - 1))
    c = data.draw(st.integers(0, image.shape[1] - 1))
    image[r, c] = np.nan
    indicator = np.zeros(image.shape, dtype=np.int64)
    indicator[r, c] = 1
    touched = ref_correlate(indicator, np.ones(kernel.shape, dtype=np.int64), **options) > 0
    got = correlate2d(image, kernel, **options)
    assert np.array_equal(np.isnan(got), touched)


@FAST
@given(conv_cases(dtypes=("float64",), flip=False, bias=False), st.data())
def test_inf_propagates_to_touching_windows_with_positive_kernel(case, data):
    """+inf under a positive kernel gives +inf where touched and finite values elsewhere."""
    image, kernel, options = case
    kernel = np.abs(kernel) + 1.0
    r = data.draw(st.integers(0, image.shape[0] - 1))
    c = data.draw(st.integers(0, image.shape[1] - 1))
    image[r, c] = np.inf
    indicator = np.zeros(image.shape, dtype=np.int64)
    indicator[r, c] = 1
    touched = ref_correlate(indicator, np.ones(kernel.shape, dtype=np.int64), **options) > 0
    got = correlate2d(image, kernel, **options)
    assert np.all(np.isposinf(got[touched])) and np.all(np.isfinite(got[~touched]))


# --------------------------------------------------------------------------
# array-likes
# --------------------------------------------------------------------------
@FAST
@given(conv_cases(dtypes=("int64", "float64"), flip=False))
def test_lists_give_the_same_result_as_arrays(case):
    """Nested lists are accepted and give the same output as arrays."""
    image, kernel, options = case
    got = correlate2d(image.tolist(), kernel.tolist(), **options)
    assert np.array_equal(got, correlate2d(image, kernel, **options))


def test_conv2d_accepts_lists():
    """conv2d accepts nested lists for x, weights and bias."""
    x = [[[1, 2, 3], [4, 5, 6]], [[1, 0, 1], [0, 1, 0]]]
    w = [[[[1, -1]], [[2, 2]]]]
    got = conv2d(x, w, [10])
    assert np.array_equal(got, ref_conv2d(np.array(x), np.array(w), np.array([10])))


def test_tuples_and_bool_lists_are_accepted():
    """Tuples of tuples and lists of booleans are array-likes too."""
    got = correlate2d(((1, 2, 3), (4, 5, 6)), [[True, False]])
    assert np.array_equal(got, signal.correlate2d([[1, 2, 3], [4, 5, 6]], [[1, 0]], mode="valid"))


# --------------------------------------------------------------------------
# pad
# --------------------------------------------------------------------------
@st.composite
def pad_cases(draw):
    """(image, padding, pad_mode) with padding valid for the mode."""
    h, w = draw(st.integers(1, 7)), draw(st.integers(1, 7))
    pad_mode = draw(st.sampled_from(PAD_MODE_NAMES))
    if NUMPY_PAD_MODE[pad_mode] == "reflect":
        padding = draw(padding_specs(min(h - 1, 4), min(w - 1, 4)))
    else:
        padding = draw(padding_specs(4, 4))
    image = draw(arrays(draw(st.sampled_from(DTYPES[:-1])), (h, w)))
    return image, padding, pad_mode


@MORE
@given(pad_cases())
def test_pad_matches_np_pad(case):
    """pad equals np.pad with numpy's mode name, for every padding form and pad mode."""
    image, padding, pad_mode = case
    got = pad(image, padding, pad_mode)
    want = np.pad(image, padding_widths(padding), mode=NUMPY_PAD_MODE[pad_mode])
    assert got.dtype == want.dtype and np.array_equal(got, want)


@pytest.mark.parametrize(
    ("alias", "name"), [("edge", "replicate"), ("wrap", "circular"), ("constant", "zero")]
)
def test_pad_mode_aliases_equal_their_names(alias, name):
    """'edge', 'wrap' and 'constant' pad exactly like 'replicate', 'circular' and 'zero'."""
    image = np.arange(12).reshape(3, 4)
    assert np.array_equal(pad(image, (2, 1, 3, 2), alias), pad(image, (2, 1, 3, 2), name))


def test_pad_replicate_docstring_example():
    """Replicate padding repeats the edge values (np.pad 'edge')."""
    assert np.array_equal(pad([[1, 2], [3, 4]], 1, "replicate"), np.pad([[1, 2], [3, 4]], 1, mode="edge"))


def test_pad_reflect_does_not_repeat_the_edge():
    """'reflect' mirrors without repeating the edge cell: 3 2 | 1 2 3 | 2 1."""
    assert pad([[1, 2, 3]], ((0, 0), (2, 2)), "reflect").tolist() == [[3, 2, 1, 2, 3, 2, 1]]


@FAST
@given(st.integers(1, 3), pad_cases())
def test_pad_pads_each_channel_of_a_stack(channels, case):
    """A (C, H, W) stack is padded channel by channel, never along the channel axis."""
    image, padding, pad_mode = case
    stack = np.stack([image + i for i in range(channels)])
    got = pad(stack, padding, pad_mode)
    want = np.stack([ref_pad(ch, padding_widths(padding), pad_mode) for ch in stack])
    assert np.array_equal(got, want)


@pytest.mark.parametrize("padding", [0, (0, 0), 2])
def test_pad_returns_a_new_array(padding):
    """Writing into pad's result never changes the input (even with zero padding)."""
    image = np.arange(9.0).reshape(3, 3)
    out = pad(image, padding)
    out[...] = -1
    assert np.array_equal(image, np.arange(9.0).reshape(3, 3))
