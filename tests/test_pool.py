"""Tests of convlib.pool: max, average and global average pooling against independent references.

The references are written here: direct loops over output cells and window
cells (in float64, padding handled by hand), and scipy.ndimage's
maximum_filter and uniform_filter on inputs padded with np.pad.  Nothing is
computed by convlib's own plan.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.ndimage as ndi
from hypothesis import given, settings
from hypothesis import strategies as st

from convlib import output_shape
from convlib.fast import ConvolutionTooLarge
from convlib.pool import POOL_KINDS, average_pool, global_average_pool, max_pool, pool2d, pool_output_shape

FAST = settings(max_examples=80, deadline=None)


# --------------------------------------------------------------------------
# the references
# --------------------------------------------------------------------------
def pair(v):
    """int or pair -> pair."""
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def loop_pool(x, size, kind, stride=None, pad=0, include=False):
    """Direct loops: every output cell, every window cell; padding cells skipped (or counted as 0)."""
    x = np.asarray(x, dtype=np.float64)
    kh, kw = pair(size)
    sh, sw = pair(stride) if stride is not None else (kh, kw)
    ph, pw = pair(pad)
    h, w = x.shape[-2:]
    oh, ow = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    out = np.zeros(x.shape[:-2] + (oh, ow))
    for lead in np.ndindex(*x.shape[:-2]):
        for r in range(oh):
            for c in range(ow):
                values, cells = [], 0
                for i in range(kh):
                    for j in range(kw):
                        row, col = r * sh + i - ph, c * sw + j - pw
                        cells += 1
                        if 0 <= row < h and 0 <= col < w:
                            values.append(x[lead + (row, col)])
                if kind == "max":
                    out[lead + (r, c)] = max(values)
                else:
                    out[lead + (r, c)] = sum(values) / (cells if include else len(values))
    return out


def scipy_pool(x, size, kind, stride=None, pad=0, include=False):
    """scipy.ndimage on a 2-D input padded by np.pad: the filter at each window's centre, subsampled."""
    x = np.asarray(x, dtype=np.float64)
    kh, kw = pair(size)
    sh, sw = pair(stride) if stride is not None else (kh, kw)
    ph, pw = pair(pad)
    oh, ow = (x.shape[0] + 2 * ph - kh) // sh + 1, (x.shape[1] + 2 * pw - kw) // sw + 1
    # scipy's window of size k at index i covers i - k//2 ... i - k//2 + k - 1
    pick = (slice(kh // 2, kh // 2 + (oh - 1) * sh + 1, sh), slice(kw // 2, kw // 2 + (ow - 1) * sw + 1, sw))
    if kind == "max":
        padded = np.pad(x, ((ph, ph), (pw, pw)), constant_values=-np.inf)
        return ndi.maximum_filter(padded, size=(kh, kw), mode="constant", cval=-np.inf)[pick]
    padded = np.pad(x, ((ph, ph), (pw, pw)))
    means = ndi.uniform_filter(padded, size=(kh, kw), mode="constant")[pick]
    if include:
        return means
    inside = np.pad(np.ones_like(x), ((ph, ph), (pw, pw)))
    return means / ndi.uniform_filter(inside, size=(kh, kw), mode="constant")[pick]


@st.composite
def pool_cases(draw, ndim=None, dtypes=(np.int64, np.float64, np.float32, np.uint8, np.int16)):
    """(x, size, stride, padding, kind, include) with every window inside the padded input."""
    ndim = draw(st.sampled_from([2, 3, 4])) if ndim is None else ndim
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    ph, pw = draw(st.integers(0, kh // 2)), draw(st.integers(0, kw // 2))
    h = draw(st.integers(max(1, kh - 2 * ph), 9))
    w = draw(st.integers(max(1, kw - 2 * pw), 9))
    lead = tuple(draw(st.lists(st.integers(1, 3), min_size=ndim - 2, max_size=ndim - 2)))
    stride = draw(st.one_of(st.none(), st.integers(1, 4), st.tuples(st.integers(1, 3), st.integers(1, 3))))
    dtype = np.dtype(draw(st.sampled_from(dtypes)))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    if dtype.kind == "f":
        x = (rng.standard_normal(lead + (h, w)) * 10).astype(dtype)
    else:
        info = np.iinfo(dtype)
        low, high = max(info.min, -1000), min(info.max, 1000)
        x = rng.integers(low, high, lead + (h, w), endpoint=True).astype(dtype)
    kind = draw(st.sampled_from(POOL_KINDS))
    return x, (kh, kw), stride, (ph, pw), kind, draw(st.booleans())


def close(got, want, dtype):
    """Exact for max (nothing is added); sums within a tolerance of their precision."""
    tol = 1e-5 if np.dtype(dtype) == np.float32 else 1e-12
    return got.shape == want.shape and np.allclose(got, want, rtol=tol, atol=tol * 10)


# --------------------------------------------------------------------------
# against the references
# --------------------------------------------------------------------------
@FAST
@given(pool_cases())
def test_pool2d_equals_direct_loops(case):
    """Max and average pooling of (H, W), (C, H, W), (N, C, H, W), any stride and padding: direct loops."""
    x, size, stride, pad, kind, include = case
    got = pool2d(x, size, kind=kind, stride=stride, padding=pad, count_include_pad=include)
    want = loop_pool(x, size, kind, stride, pad, include)
    if kind == "max":
        assert got.shape == want.shape and np.array_equal(got.astype(np.float64), want)
    else:
        assert close(got, want, got.dtype)


@FAST
@given(pool_cases(ndim=2))
def test_pool2d_equals_scipy_ndimage(case):
    """2-D pooling equals scipy.ndimage.maximum_filter / uniform_filter at the window centres, subsampled."""
    x, size, stride, pad, kind, include = case
    got = pool2d(x, size, kind=kind, stride=stride, padding=pad, count_include_pad=include)
    want = scipy_pool(x, size, kind, stride, pad, include)
    if kind == "max":
        assert np.array_equal(got.astype(np.float64), want)
    else:
        assert close(got, want, got.dtype)


@FAST
@given(pool_cases(ndim=4))
def test_each_channel_is_pooled_on_its_own_bit_for_bit(case):
    """pool2d of a batch of stacks is, for every picture and channel, exactly pool2d of that channel."""
    x, size, stride, pad, kind, include = case
    options = dict(kind=kind, stride=stride, padding=pad, count_include_pad=include)
    got = pool2d(x, size, **options)
    for n, c in np.ndindex(*x.shape[:2]):
        one = pool2d(x[n, c], size, **options)
        assert got[n, c].dtype == one.dtype and got[n, c].tobytes() == one.tobytes()


@FAST
@given(pool_cases())
def test_pool_output_shape_is_the_shape_of_the_result(case):
    """pool_output_shape predicts pool2d's shape: convlib.output_shape with a kernel of the window's size."""
    x, size, stride, pad, kind, include = case
    got = pool2d(x, size, kind=kind, stride=stride, padding=pad)
    want = pool_output_shape(x.shape, size, stride=stride, padding=pad)
    assert got.shape == x.shape[:-2] + want
    assert want == output_shape(x.shape, size, padding=pad, stride=size if stride is None else stride)


def test_worked_example():
    """The 4x4 example of the docstring: maxima and means of the four 2x2 blocks, by hand."""
    X = np.array([[1, 2, 0, 3], [4, 6, 5, 1], [0, 2, 7, 8], [3, 1, 2, 4]])
    assert max_pool(X).tolist() == [[6, 5], [3, 8]]
    assert average_pool(X).tolist() == [[13 / 4, 9 / 4], [6 / 4, 21 / 4]]


# --------------------------------------------------------------------------
# conventions
# --------------------------------------------------------------------------
def test_stride_defaults_to_the_window_size():
    """Without a stride, windows lie side by side: a 6x6 input gives 3x3 with 2x2 windows, 2x2 with 3x3."""
    X = np.arange(36).reshape(6, 6)
    assert pool2d(X).shape == (3, 3) and pool2d(X, 3).shape == (2, 2)
    assert np.array_equal(pool2d(X, 3), pool2d(X, 3, stride=3))
    assert np.array_equal(pool2d(X, (2, 3)), pool2d(X, (2, 3), stride=(2, 3)))


def test_padding_never_wins_a_max():
    """All values negative: padded windows still give input values (padding is minus infinity, not 0)."""
    X = -np.arange(1, 10).reshape(3, 3)
    got = max_pool(X, 2, padding=1)
    assert got.tolist() == [[-1, -2], [-4, -5]] and got.max() < 0


def test_average_leaves_padding_out_by_default():
    """Corners of a 2x2 input padded by 1 hold one cell each: the mean is that cell, not its quarter."""
    X = np.array([[4.0, 8.0], [12.0, 16.0]])
    assert average_pool(X, 2, padding=1).tolist() == [[4, 8], [12, 16]]
    assert average_pool(X, 2, padding=1, count_include_pad=True).tolist() == [[1, 2], [3, 4]]


def test_count_include_pad_divides_by_the_whole_window_everywhere():
    """With padding counted, every mean is the window's sum divided by kh*kw (zeros for padding)."""
    X = np.arange(1.0, 26.0).reshape(5, 5)
    sums = loop_pool(X, 3, "average", 2, 1, include=True) * 9
    assert np.allclose(average_pool(X, 3, stride=2, padding=1, count_include_pad=True), sums / 9)
    excluded = average_pool(X, 3, stride=2, padding=1)
    assert excluded[0, 0] == np.mean(X[:2, :2]) and excluded[1, 1] == np.mean(X[1:4, 1:4])


def test_count_include_pad_is_ignored_by_max():
    """Max pooling has nothing to divide: count_include_pad changes nothing."""
    X = np.arange(16).reshape(4, 4) - 20
    assert np.array_equal(pool2d(X, 2, padding=1, count_include_pad=True), pool2d(X, 2, padding=1))


def test_windows_that_stick_out_are_not_used():
    """A 5x5 input with 2x2 windows at stride 2: the last row and column are never read."""
    X = np.zeros((5, 5))
    X[4, :] = X[:, 4] = 99
    assert max_pool(X).shape == (2, 2) and max_pool(X).max() == 0


def test_size_one_stride_one_is_the_identity():
    """A 1x1 window at stride 1 gives the input back, for both kinds."""
    X = np.random.default_rng(1).standard_normal((3, 4, 5))
    assert np.array_equal(max_pool(X, 1), X) and np.array_equal(average_pool(X, 1), X)


# --------------------------------------------------------------------------
# types
# --------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [np.uint8, np.int16, np.int64, np.float16, np.float32, np.float64])
def test_max_keeps_the_dtype(dtype):
    """Max pooling only picks values: the output has the input's dtype."""
    X = np.arange(16).reshape(4, 4).astype(dtype)
    assert max_pool(X).dtype == dtype and max_pool(X, padding=1).dtype == dtype


@pytest.mark.parametrize(("dtype", "want"), [(np.uint8, np.float64), (np.int64, np.float64),
                                             (np.float16, np.float32), (np.float32, np.float32),
                                             (np.float64, np.float64)])
def test_average_dtype(dtype, want):
    """Means of integers are float64; floats keep their precision (float16 is summed in float32)."""
    X = np.arange(16).reshape(4, 4).astype(dtype)
    assert average_pool(X).dtype == want and average_pool(X, padding=1).dtype == want


def test_uint8_averages_do_not_overflow():
    """Four 255s average to 255, not to a wrapped-around sum."""
    assert average_pool(np.full((2, 2), 255, np.uint8)).tolist() == [[255.0]]


def test_booleans_count_as_integers():
    """A boolean picture pools like 0/1 integers."""
    X = np.array([[True, False], [False, False]])
    assert max_pool(X).tolist() == [[1]] and average_pool(X).tolist() == [[0.25]]


def test_nan_spreads_through_max_and_average():
    """A NaN in a window makes that window's max and mean NaN, and only that window's."""
    X = np.zeros((4, 4))
    X[0, 0] = np.nan
    for kind in POOL_KINDS:
        got = pool2d(X, kind=kind)
        assert np.isnan(got[0, 0]) and not np.isnan(got.ravel()[1:]).any()


# --------------------------------------------------------------------------
# global average pooling
# --------------------------------------------------------------------------
@pytest.mark.parametrize("shape", [(5, 7), (3, 5, 7), (2, 3, 5, 7)])
def test_global_average_pool_is_the_mean_of_each_channel(shape):
    """One number per channel: the plain mean over rows and columns, shapes (), (C,), (N, C)."""
    X = np.random.default_rng(2).standard_normal(shape)
    got = global_average_pool(X)
    assert got.shape == shape[:-2]
    want = np.array([[X[n, c].sum() / 35 for c in range(3)] for n in range(2)]) if len(shape) == 4 else None
    assert np.allclose(got, X.reshape(shape[:-2] + (-1,)).sum(-1) / 35)
    if want is not None:
        assert np.allclose(got, want)


def test_global_average_pool_is_average_pooling_with_one_window():
    """Average pooling with a window as large as the picture gives the same numbers."""
    X = np.random.default_rng(3).standard_normal((4, 6, 5))
    assert np.allclose(global_average_pool(X), average_pool(X, (6, 5))[:, 0, 0])


def test_global_average_pool_of_integers_is_float64():
    """Integer channels give float64 means, without overflow."""
    got = global_average_pool(np.full((2, 3, 3), 255, np.uint8))
    assert got.dtype == np.float64 and got.tolist() == [255.0, 255.0]


# --------------------------------------------------------------------------
# errors
# --------------------------------------------------------------------------
def test_padding_larger_than_half_the_window_is_refused():
    """PyTorch's rule: at most size // 2 per side, with the limits in the message."""
    with pytest.raises(ValueError, match=r"^padding must be at most half the window on each side.*for a 2x2 "
                                         r"window at most 1 rows and 1 columns; received padding \(\(2, 2\)"):
        max_pool(np.ones((4, 4)), 2, padding=2)
    with pytest.raises(ValueError, match=r"at most 0 rows and 0 columns"):
        average_pool(np.ones((4, 4)), 1, padding=1)


def test_window_larger_than_the_input_is_refused():
    """A window that does not fit says so, naming size."""
    with pytest.raises(ValueError, match=r"^size is larger than the padded input: a 4x4 window does not fit "
                                         r"in an input of shape \(3, 3\)"):
        max_pool(np.ones((3, 3)), 4)


def test_unknown_kind_is_refused():
    """kind must be 'max' or 'average'."""
    with pytest.raises(ValueError, match=r"^kind must be one of 'max', 'average'; received the string"):
        pool2d(np.ones((4, 4)), kind="mean")


@pytest.mark.parametrize(("kwargs", "error", "pattern"), [
    (dict(size=0), ValueError, r"^size must be an integer >= 1"),
    (dict(size=(2, 2, 2)), ValueError, r"^size must be one integer or a pair"),
    (dict(stride=0), ValueError, r"^stride must be an integer >= 1"),
    (dict(padding=-1), ValueError, r"^padding must be an integer >= 0"),
    (dict(size=2.5), TypeError, r"^size must be an integer"),
    (dict(count_include_pad="yes"), TypeError, r"^count_include_pad must be"),
])
def test_bad_parameters_are_named(kwargs, error, pattern):
    """Every parameter is checked, and the message names it."""
    with pytest.raises(error, match=pattern):
        pool2d(np.ones((4, 4)), **{"kind": "average", **kwargs})


@pytest.mark.parametrize("x", [np.ones(4), np.ones((1, 1, 1, 4, 4))], ids=["1d", "5d"])
def test_wrong_number_of_axes_is_refused(x):
    """(H, W), (C, H, W) or (N, C, H, W) only."""
    with pytest.raises(ValueError, match=r"^x must be a 2-D or 3-D or 4-D array; received"):
        pool2d(x)
    with pytest.raises(ValueError, match=r"^x must be a 2-D or 3-D or 4-D array; received"):
        global_average_pool(x)


def test_text_is_refused():
    """Strings are not numbers."""
    with pytest.raises(TypeError, match=r"^x must contain numbers"):
        pool2d([["a", "b"], ["c", "d"]])


def test_pool_output_shape_errors_name_the_parameter():
    """A shape that is not a tuple, or has one entry, says so."""
    with pytest.raises(TypeError, match=r"^input_shape must be a tuple \(\.\.\., H, W\)"):
        pool_output_shape(5)
    with pytest.raises(ValueError, match=r"^input_shape must be a tuple \(\.\.\., H, W\)"):
        pool_output_shape((5,))


def test_huge_request_is_refused_before_allocating(monkeypatch):
    """A pooling that would not fit in memory is refused with the estimate, before any allocation."""
    import convlib.fast as fast

    monkeypatch.setattr(fast, "physical_memory", lambda: 2**20)
    with pytest.raises(ConvolutionTooLarge, match=r"^pooling an input of shape \(512, 512\)"):
        max_pool(np.broadcast_to(np.float64(0), (512, 512)))


def test_input_is_not_changed():
    """Pooling never writes to its input, even with padding."""
    X = np.arange(16.0).reshape(4, 4)
    before = X.copy()
    for kind in POOL_KINDS:
        pool2d(X, 3, kind=kind, stride=1, padding=1)
    assert np.array_equal(X, before)

