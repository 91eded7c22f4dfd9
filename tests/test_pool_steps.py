"""pool_steps(), pool_trace() and PoolStep (convlib.walk): pooling step by step.

The walk must reproduce convlib.pool.pool2d bit for bit (compared as raw
bytes, float32 and signed zeros included), and every field of every step must
describe the window it came from: checked here against the padded input built
with np.pad and against numbers computed in the test.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlib.pool import POOL_KINDS, pool2d
from convlib.walk import MAX_TRACE_STEPS, PoolStep, Trace, pool_steps, pool_trace

FAST = settings(max_examples=80, deadline=None)
X4 = [[1, 2, 0, 3], [4, 6, 5, 1], [0, 2, 7, 8], [3, 1, 2, 4]]


def same_bits(a, b) -> bool:
    """Same dtype, same shape and the same bytes."""
    a, b = np.ascontiguousarray(a), np.ascontiguousarray(b)
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


@st.composite
def cases(draw):
    """(X, options) for a 2-D pooling: generic floats (sums depend on order), integers, signed zeros."""
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    ph, pw = draw(st.integers(0, kh // 2)), draw(st.integers(0, kw // 2))
    h = draw(st.integers(max(1, kh - 2 * ph), 8))
    w = draw(st.integers(max(1, kw - 2 * pw), 8))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    dtype = draw(st.sampled_from([np.float64, np.float32, np.float16, np.int64, np.uint8]))
    values = draw(st.sampled_from(["normal", "zeros", "integers"]))
    if values == "zeros":  # 0.0 and -0.0 only: max and sums must keep the same sign of zero
        X = rng.choice([0.0, -0.0], (h, w)).astype(dtype if np.dtype(dtype).kind == "f" else np.float64)
    elif values == "normal" and np.dtype(dtype).kind == "f":
        X = (rng.standard_normal((h, w)) * 100).astype(dtype)
    else:
        X = rng.integers(0, 200, (h, w)).astype(dtype)
    options = dict(size=(kh, kw), kind=draw(st.sampled_from(POOL_KINDS)), padding=(ph, pw),
                   stride=draw(st.one_of(st.none(), st.integers(1, 3))),
                   count_include_pad=draw(st.booleans()))
    return X, options


def padded(X, options):
    """The padded input, by np.pad: minus infinity (or the smallest integer) for max, 0 for average."""
    X = np.asarray(X)
    ph, pw = options["padding"]
    if options["kind"] == "max":
        fill = -np.inf if X.dtype.kind == "f" else np.iinfo(X.dtype).min
    else:
        fill = 0
    return np.pad(X, ((ph, ph), (pw, pw)), constant_values=fill)


# --------------------------------------------------------------------------
# the walk reproduces the fast path exactly
# --------------------------------------------------------------------------
@FAST
@given(cases())
def test_pool_trace_output_is_bitwise_equal_to_pool2d(case):
    """pool_trace(...).output has the dtype and bytes of pool2d(...), for every kind, dtype and option."""
    X, options = case
    assert same_bits(pool_trace(X, **options).output, pool2d(X, **options))


@FAST
@given(cases())
def test_pool_steps_values_are_bitwise_equal_to_pool2d(case):
    """Each step's value is the fast path's output cell, bit for bit, in row-major order."""
    X, options = case
    fast = pool2d(X, **options).ravel()
    values = [s.value for s in pool_steps(X, **options)]
    assert len(values) == fast.size
    for v, f in zip(values, fast, strict=True):
        assert same_bits(np.asarray(v), np.asarray(f))


# --------------------------------------------------------------------------
# every field of every step
# --------------------------------------------------------------------------
@FAST
@given(cases())
def test_step_window_and_real_mask_are_the_padded_input(case):
    """window is the np.pad-padded input at rows x cols; real is False exactly on padding cells."""
    X, options = case
    P = padded(X, options)
    ph, pw = options["padding"]
    for s in pool_steps(X, **options):
        rows, cols = np.array(s.rows), np.array(s.cols)
        assert np.array_equal(s.window, P[np.ix_(rows, cols)], equal_nan=True)
        in_rows = (rows >= ph) & (rows < ph + X.shape[0])
        in_cols = (cols >= pw) & (cols < pw + X.shape[1])
        inside = in_rows[:, None] & in_cols
        assert np.array_equal(s.real, inside) and s.real.any()


@FAST
@given(cases())
def test_step_position_is_out_index_times_stride_and_row_major(case):
    """top_left = out_index * stride; rows and cols are the window's; index counts up row by row."""
    X, options = case
    kh, kw = options["size"]
    sh, sw = (kh, kw) if options["stride"] is None else (options["stride"],) * 2
    t = pool_trace(X, **options)
    oh, ow = t.output.shape
    for k, s in enumerate(t.steps):
        assert s.index == k and s.out_index == divmod(k, ow)
        assert s.top_left == (s.out_index[0] * sh, s.out_index[1] * sw)
        assert s.rows == tuple(range(s.top_left[0], s.top_left[0] + kh))
        assert s.cols == tuple(range(s.top_left[1], s.top_left[1] + kw))


@FAST
@given(cases())
def test_max_step_winner_holds_the_largest_input_value(case):
    """For max, the winner is the first input cell (row-major) holding the window's largest value."""
    X, options = case
    if options["kind"] != "max":
        options = {**options, "kind": "max"}
    for s in pool_steps(X, **options):
        values = np.where(s.real, s.window.astype(np.float64), -np.inf)
        want = divmod(int(np.argmax(values)), s.window.shape[1])
        assert s.winner == want and s.real[want]
        assert s.window[want] == s.value
        assert s.total is None and s.count is None and s.counted.all()


@FAST
@given(cases())
def test_average_step_total_count_and_counted_cells(case):
    """For average, total is the window's sum, count the cells it divides by, counted the cells listed."""
    X, options = case
    options = {**options, "kind": "average"}
    include = options["count_include_pad"]
    for s in pool_steps(X, **options):
        assert s.winner is None
        assert np.array_equal(s.counted, np.ones_like(s.real) if include else s.real)
        assert float(s.count) == (s.real.size if include else int(s.real.sum()))
        assert np.isclose(float(s.total), float(np.sum(s.window.astype(np.float64))), rtol=1e-3, atol=1e-3)
        assert same_bits(np.asarray(s.total / s.count), np.asarray(s.value))


@FAST
@given(cases())
def test_equation_lists_one_value_per_counted_cell(case):
    """The equation names the cell, lists every counted cell and ends with the value."""
    X, options = case
    for s in pool_steps(X, **options):
        text = s.equation()
        r, c = s.out_index
        assert text.startswith(f"Y[{r},{c}] = {'max' if s.kind == 'max' else 'mean'}(")
        inside = re.search(r"\((.*)\)", text).group(1)
        assert len(inside.split(", ")) == int(s.counted.sum()) == len(s.terms())
        assert str(s) == text


# --------------------------------------------------------------------------
# worked examples
# --------------------------------------------------------------------------
def test_max_equations_of_the_worked_example():
    """The four 2x2 windows of the 4x4 example, written out."""
    assert [str(s) for s in pool_steps(X4)] == [
        "Y[0,0] = max(1, 2, 4, 6) = 6", "Y[0,1] = max(0, 3, 5, 1) = 5",
        "Y[1,0] = max(0, 2, 3, 1) = 3", "Y[1,1] = max(7, 8, 2, 4) = 8"]


def test_average_equations_show_the_sum_and_the_divisor():
    """mean(...) = sum / count = value, with the name given."""
    s = pool_trace(X4, 2, kind="average").steps[3]
    assert s.equation("A") == "A[1,1] = mean(7, 8, 2, 4) = 21 / 4 = 5.25"


def test_padding_is_minus_infinity_in_max_equations():
    """Max padding cells are written -∞: they are compared, and never win."""
    s = pool_trace([[-3, -1], [-2, -5]], 2, padding=1).steps[0]
    assert s.equation() == "Y[0,0] = max(-∞, -∞, -∞, -3) = -3" and s.winner == (1, 1)


def test_padding_left_out_of_a_mean_or_counted_as_zero():
    """Excluded padding is not listed and not counted; included padding is listed as 0 and counted."""
    X = [[4.0, 8.0], [12.0, 16.0]]
    assert str(pool_trace(X, 2, kind="average", padding=1).steps[1]) == "Y[0,1] = mean(8) = 8 / 1 = 8"
    included = pool_trace(X, 2, kind="average", padding=1, count_include_pad=True).steps[1]
    assert str(included) == "Y[0,1] = mean(0, 0, 8, 0) = 8 / 4 = 2"


def test_first_largest_value_wins_a_tie():
    """Two equal maxima: the first in row-major order is the winner."""
    s = pool_trace([[5, 1], [5, 5]], 2).steps[0]
    assert s.winner == (0, 0)


# --------------------------------------------------------------------------
# the trace
# --------------------------------------------------------------------------
def test_pool_trace_is_a_trace_of_pool_steps():
    """A Trace of kind 'max' or 'average', no kernel, its options with pairs filled in."""
    t = pool_trace(X4, 2, kind="average", padding=1)
    assert isinstance(t, Trace) and all(isinstance(s, PoolStep) for s in t.steps)
    assert t.kind == "average" and t.kernel is None and t.applied is None
    assert t.options == dict(size=(2, 2), stride=(2, 2), padding=((1, 1), (1, 1)), count_include_pad=False)
    assert t.window_shape == (2, 2) and len(t) == 9


def test_pool_trace_padding_mask_and_output_until():
    """is_padding marks the added frame; output_until fills cells up to step k."""
    t = pool_trace(X4, 2, stride=1, padding=1)
    mask = t.is_padding()
    assert mask.shape == (6, 6) and mask.sum() == 36 - 16 and not mask[1:5, 1:5].any()
    part = t.output_until(2)
    assert np.array_equal(part.ravel()[:3], t.output.ravel()[:3]) and np.isnan(part.ravel()[3:]).all()


def test_pool_trace_keeps_the_image_as_given():
    """image is the input as given; padded is what the plan pooled."""
    t = pool_trace(X4, 3, stride=1, padding=1)
    assert np.array_equal(t.image, X4) and t.padded.shape == (6, 6)
    assert t.padded[0, 0] == np.iinfo(np.int64).min


def test_pool_steps_need_one_channel():
    """The walk is of one channel: a stack is refused, with the way out in the message."""
    with pytest.raises(ValueError, match=r"^image must be a 2-D array; received 3-D input"):
        pool_trace(np.ones((3, 4, 4)))


def test_pool_trace_refuses_pictures():
    """Too many output cells: use pool2d."""
    with pytest.raises(ValueError, match=rf"too large to trace step by step.*at most {MAX_TRACE_STEPS} "
                                         r"are listed; use pool2d for pictures"):
        pool_trace(np.zeros((300, 300)), 2)


def test_pool_steps_is_an_iterator():
    """pool_steps yields steps lazily."""
    it = pool_steps(X4)
    assert next(it).out_index == (0, 0)
