"""steps(), trace(), Step and Trace: the step-by-step walk.

The walk must reproduce the fast path bit for bit (compared as raw bytes,
float32 included), and every field of every Step must describe the arithmetic
that produced its value.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import (
    conv_cases,
    ref_correlate,
    ref_pad,
    ref_widths,
    widen,
)
from scipy import signal

from convlib import Step, Trace, correlate2d, format_number, steps, trace

FAST = settings(max_examples=60, deadline=None)
MORE = settings(max_examples=120, deadline=None)

ARTICLE_X = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
ARTICLE_K = [[0, 1], [1, 0]]


def same_bits(a, b) -> bool:
    """Same dtype, same shape and the same bytes (so -0.0 != 0.0 and float32 rounding counts)."""
    a, b = np.ascontiguousarray(a), np.ascontiguousarray(b)
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


def case_padded(image, kernel, options):
    """The padded input, built by the reference (np.pad), in the image's dtype widened."""
    widths = ref_widths(image.shape, kernel.shape, mode=options.get("mode", "valid"),
                        padding=options.get("padding"), dilation=options["dilation"],
                        flip=options.get("flip", False))
    return ref_pad(widen(image), widths, options["pad_mode"]), widths


@st.composite
def walk_cases(draw, **kwargs):
    """conv_cases whose float arrays are replaced by generic random floats.

    Hypothesis favours 'simple' floats (integers, halves) whose sums are exact
    in any order; generic floats make the bitwise comparisons sensitive to the
    order in which the products are added.
    """
    image, kernel, options = draw(conv_cases(**kwargs))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    if draw(st.booleans()):
        image, kernel = (
            (rng.standard_normal(a.shape) * 10).astype(a.dtype) if a.dtype.kind == "f" else a
            for a in (image, kernel)
        )
    return image, kernel, options


def as_pair(v):
    """int or pair -> pair."""
    return tuple(v) if isinstance(v, tuple) else (v, v)


# --------------------------------------------------------------------------
# the walk reproduces the fast path exactly
# --------------------------------------------------------------------------
@MORE
@given(walk_cases())
def test_trace_output_is_bitwise_equal_to_correlate2d(case):
    """trace(...).output has the same dtype and bytes as correlate2d(...) for every option and dtype."""
    image, kernel, options = case
    assert same_bits(trace(image, kernel, **options).output, correlate2d(image, kernel, **options))


@FAST
@given(walk_cases())
def test_steps_values_are_bitwise_equal_to_correlate2d(case):
    """The values yielded by steps(), in order, are correlate2d's output cells bit for bit."""
    image, kernel, options = case
    fast = correlate2d(image, kernel, **options)
    values = np.array([s.value for s in steps(image, kernel, **options)], dtype=fast.dtype)
    assert same_bits(values, fast.ravel())


@MORE
@given(walk_cases())
def test_loop_method_is_bitwise_equal_to_direct(case):
    """method='loop' gives exactly what method='direct' gives."""
    image, kernel, options = case
    loop = correlate2d(image, kernel, method="loop", **options)
    assert same_bits(loop, correlate2d(image, kernel, method="direct", **options))


@FAST
@given(walk_cases())
def test_auto_method_is_bitwise_equal_to_direct(case):
    """On small inputs method='auto' (the default) gives exactly what 'direct' gives."""
    image, kernel, options = case
    auto = correlate2d(image, kernel, method="auto", **options)
    assert same_bits(auto, correlate2d(image, kernel, method="direct", **options))


@FAST
@given(conv_cases(dtypes=("int16", "int64", "uint8")))
def test_trace_output_equals_reference(case):
    """For integer inputs the traced output equals the independent reference exactly."""
    image, kernel, options = case
    assert np.array_equal(trace(image, kernel, **options).output, ref_correlate(image, kernel, **options))


# --------------------------------------------------------------------------
# Step fields
# --------------------------------------------------------------------------
@FAST
@given(conv_cases())
def test_step_window_is_padded_input_at_rows_and_cols(case):
    """Each window holds the padded input's values at the step's rows and columns."""
    image, kernel, options = case
    padded, _ = case_padded(image, kernel, options)
    for s in trace(image, kernel, **options).steps:
        assert np.array_equal(s.window, padded[np.ix_(s.rows, s.cols)])


@FAST
@given(conv_cases())
def test_step_rows_and_cols_start_at_top_left_dilation_apart(case):
    """rows/cols start at top_left, are dilation apart and there is one per kernel tap."""
    image, kernel, options = case
    dh, dw = as_pair(options["dilation"])
    kh, kw = kernel.shape
    for s in steps(image, kernel, **options):
        assert s.rows == tuple(range(s.top_left[0], s.top_left[0] + dh * kh, dh))
        assert s.cols == tuple(range(s.top_left[1], s.top_left[1] + dw * kw, dw))


@FAST
@given(conv_cases())
def test_step_products_are_window_times_kernel(case):
    """products == window * kernel, elementwise and in the accumulation dtype."""
    image, kernel, options = case
    for s in steps(image, kernel, **options):
        assert same_bits(s.products, s.window * s.kernel)


@FAST
@given(conv_cases())
def test_step_out_index_is_row_major_and_index_counts_up(case):
    """Steps visit output cells row by row, left to right, with index 0, 1, 2, ..."""
    image, kernel, options = case
    oh, ow = ref_correlate(image, kernel, **options).shape
    walk = list(steps(image, kernel, **options))
    assert [s.out_index for s in walk] == [(r, c) for r in range(oh) for c in range(ow)]
    assert [s.index for s in walk] == list(range(oh * ow))


@FAST
@given(conv_cases())
def test_step_top_left_is_out_index_times_stride(case):
    """The window of output cell (r, c) starts at (r*sh, c*sw) in the padded input."""
    image, kernel, options = case
    sh, sw = as_pair(options["stride"])
    for s in steps(image, kernel, **options):
        assert s.top_left == (s.out_index[0] * sh, s.out_index[1] * sw)


@FAST
@given(conv_cases(flip=True))
def test_step_kernel_is_flipped_for_convolution(case):
    """With flip=True each step (and Trace.applied) uses the kernel flipped in both axes."""
    image, kernel, options = case
    t = trace(image, kernel, **options)
    assert np.array_equal(t.applied, widen(kernel)[::-1, ::-1])
    assert all(np.array_equal(s.kernel, widen(kernel)[::-1, ::-1]) for s in t.steps)


@FAST
@given(conv_cases(flip=False))
def test_step_bias_field_is_the_bias(case):
    """Step.bias is the bias passed in (None when there is none)."""
    image, kernel, options = case
    assert all(s.bias == options.get("bias") for s in steps(image, kernel, **options))


# --------------------------------------------------------------------------
# Trace fields
# --------------------------------------------------------------------------
@FAST
@given(conv_cases())
def test_trace_padded_matches_np_pad(case):
    """Trace.padded and Trace.padding equal the reference padding (np.pad with numpy's mode names)."""
    image, kernel, options = case
    padded, widths = case_padded(image, kernel, options)
    t = trace(image, kernel, **options)
    assert t.padding == widths
    assert np.array_equal(t.padded, padded)


@FAST
@given(conv_cases())
def test_trace_length_is_number_of_output_cells(case):
    """len(trace) is OH*OW."""
    image, kernel, options = case
    assert len(trace(image, kernel, **options)) == ref_correlate(image, kernel, **options).size


def test_trace_keeps_image_kernel_and_options_as_given():
    """Trace.image and Trace.kernel are the inputs (kernel unflipped) and options records the call."""
    t = trace(ARTICLE_X, ARTICLE_K, stride=1, flip=True, bias=2)
    assert np.array_equal(t.image, ARTICLE_X) and np.array_equal(t.kernel, ARTICLE_K)
    assert t.options["flip"] is True and t.options["bias"] == 2 and t.options["stride"] == 1


def test_convolution_trace_is_of_kind_conv_with_the_kernel_shape_as_window():
    """A convolution's Trace has kind 'conv' (pooling: 'max' or 'average') and the kernel's shape as window."""
    t = trace(ARTICLE_X, [[1, 2, 3], [4, 5, 6]], mode="same")
    assert t.kind == "conv" and t.window_shape == (2, 3)


@FAST
@given(conv_cases())
def test_is_padding_marks_exactly_the_added_cells(case):
    """is_padding is False on exactly the original image, which sits unchanged inside padded."""
    image, kernel, options = case
    t = trace(image, kernel, **options)
    mask = t.is_padding()
    assert mask.shape == t.padded.shape and mask.dtype == bool
    assert np.count_nonzero(~mask) == image.size
    (top, _), (left, _) = ref_widths(image.shape, kernel.shape, mode=options.get("mode", "valid"),
                                     padding=options.get("padding"), dilation=options["dilation"],
                                     flip=options.get("flip", False))
    h, w = image.shape
    assert not mask[top : top + h, left : left + w].any()
    assert np.array_equal(t.padded[~mask].reshape(image.shape), widen(image))


def test_is_padding_is_all_false_without_padding():
    """With mode='valid' nothing is padding."""
    assert not trace(ARTICLE_X, ARTICLE_K).is_padding().any()


@FAST
@given(conv_cases(), st.data())
def test_output_until_shows_cells_up_to_k_and_nan_after(case, data):
    """output_until(k) holds the first k+1 output cells (row-major) and NaN for the rest."""
    image, kernel, options = case
    t = trace(image, kernel, **options)
    k = data.draw(st.integers(0, len(t) - 1))
    partial = t.output_until(k).ravel()
    full = t.output.ravel().astype(np.float64)
    assert np.array_equal(partial[: k + 1], full[: k + 1])
    assert np.all(np.isnan(partial[k + 1 :]))


def test_output_until_minus_one_is_all_nan():
    """output_until(-1), before the first step, is all NaN."""
    assert np.all(np.isnan(trace(ARTICLE_X, ARTICLE_K).output_until(-1)))


def test_output_until_last_step_is_the_whole_output():
    """output_until(len - 1) and beyond give the whole output."""
    t = trace(ARTICLE_X, ARTICLE_K)
    want = signal.correlate2d(ARTICLE_X, ARTICLE_K, mode="valid")
    assert np.array_equal(t.output_until(len(t) - 1), want)
    assert np.array_equal(t.output_until(len(t) + 5), want)


def test_steps_returns_an_iterator_of_step():
    """steps() is lazy: an iterator that yields Step objects."""
    it = steps(ARTICLE_X, ARTICLE_K)
    assert iter(it) is it and isinstance(next(it), Step)


def test_trace_returns_a_trace_of_steps():
    """trace() returns a Trace whose steps are Step objects."""
    t = trace(ARTICLE_X, ARTICLE_K)
    assert isinstance(t, Trace) and all(isinstance(s, Step) for s in t.steps)


# --------------------------------------------------------------------------
# the article example and the written equations
# --------------------------------------------------------------------------
def test_article_example_output():
    """The lesson example traces to scipy's valid correlation, [[6, 8], [12, 14]]."""
    t = trace(ARTICLE_X, ARTICLE_K)
    assert np.array_equal(t.output, signal.correlate2d(ARTICLE_X, ARTICLE_K, mode="valid"))


def test_article_example_equation():
    """The documented equation of the second step."""
    assert trace(ARTICLE_X, ARTICLE_K).steps[1].equation() == "Y[0,1] = 2×0 + 3×1 + 5×1 + 6×0 = 8"


def test_equation_writes_negative_numbers_in_parentheses():
    """Negative window values and weights are parenthesised; the result is not."""
    s = trace([[-1, 2], [3, -4]], [[1, -1], [1, 1]]).steps[0]
    # (-1)*1 + 2*(-1) + 3*1 + (-4)*1 = -1 - 2 + 3 - 4 = -4
    assert s.equation() == "Y[0,0] = (-1)×1 + 2×(-1) + 3×1 + (-4)×1 = -4"


def test_equation_ends_with_bias_term():
    """A bias is written as the last term, parenthesised when negative, and included in the value."""
    plus = trace(ARTICLE_X, ARTICLE_K, bias=10).steps[1].equation()
    minus = trace(ARTICLE_X, ARTICLE_K, bias=-3).steps[1].equation()
    assert plus == "Y[0,1] = 2×0 + 3×1 + 5×1 + 6×0 + 10 = 18"
    assert minus == "Y[0,1] = 2×0 + 3×1 + 5×1 + 6×0 + (-3) = 5"


def test_equation_uses_the_given_name():
    """equation(name) writes that name on the left-hand side."""
    assert trace(ARTICLE_X, ARTICLE_K).steps[3].equation("Z").startswith("Z[1,1] = ")


def test_str_of_step_is_its_equation():
    """str(step) is step.equation()."""
    s = trace(ARTICLE_X, ARTICLE_K).steps[2]
    assert str(s) == s.equation()


@FAST
@given(conv_cases(dtypes=("int16", "int64", "uint8", "bool")))
def test_equation_is_arithmetic_that_evaluates_to_the_value(case):
    """Each equation, read as Python with × as *, evaluates to the step's value (integers, bias included)."""
    image, kernel, options = case
    if isinstance(options.get("bias"), float):
        options["bias"] = round(options["bias"])
    for s in steps(image, kernel, **options):
        lhs, expr, rhs = s.equation().split(" = ")
        assert lhs == f"Y[{s.out_index[0]},{s.out_index[1]}]"
        assert not re.search(r"(^|[ ×])-", expr), expr  # every negative operand is parenthesised
        assert eval(expr.replace("×", "*"), {"__builtins__": {}}) == int(s.value) == int(rhs)


@FAST
@given(conv_cases())
def test_equation_has_one_term_per_kernel_tap(case):
    """terms() lists kh*kw products, window value first, in row-major order."""
    image, kernel, options = case
    for s in steps(image, kernel, **options):
        terms = s.terms()
        assert len(terms) == kernel.size
        assert [t.split("×")[0] for t in terms] == [
            f"({format_number(v)})" if format_number(v).startswith("-") else format_number(v)
            for v in s.window.ravel()
        ]


@pytest.mark.parametrize(
    ("value", "text"),
    [(8, "8"), (-2, "-2"), (6.0, "6"), (np.int64(7), "7"), (np.float32(2.0), "2"),
     (np.uint8(255), "255"), (-0.5, "-0.5")],
)
def test_format_number_writes_whole_numbers_without_decimals(value, text):
    """Integers and whole floats are written without a decimal point."""
    assert format_number(value) == text


@pytest.mark.parametrize("value", [0.1111111, 1 / 3, -2.718281828, 123456.789, 1e-7, np.float32(0.1)])
def test_format_number_keeps_four_significant_digits(value):
    """Fractional values are written with 4 significant digits."""
    assert format_number(value) == f"{float(value):.4g}"


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_format_number_writes_nan_and_inf(value):
    """NaN and infinities are written as Python writes them."""
    assert format_number(value) == str(value)


def test_nan_in_window_appears_in_equation_and_value():
    """A NaN under the kernel makes the step's value NaN and shows up as 'nan'."""
    s = trace([[1.0, math.nan], [3.0, 4.0]], [[1.0, 1.0], [1.0, 1.0]]).steps[0]
    assert math.isnan(s.value) and "nan" in s.equation()
