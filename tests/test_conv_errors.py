"""Bad input: every public function raises ValueError/TypeError naming the parameter.

Each message must name the parameter, say what was expected and what was
received; the tests match the parameter name (and the key words of the
expectation) so an error leaking out of numpy would fail them.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from convlib import conv2d, convolve2d, correlate2d, output_shape, pad, resolve_padding, steps, trace
from convlib.walk import MAX_TRACE_STEPS as MAX_STEPS

IMG = np.arange(25.0).reshape(5, 5)
KER = np.ones((2, 2))
X3 = np.ones((2, 5, 5))
W4 = np.ones((3, 2, 2, 2))

#: Every entry point that takes an image and a kernel.
IMAGE_KERNEL_FUNCS = {
    "correlate2d": correlate2d,
    "convolve2d": convolve2d,
    "steps": steps,
    "trace": trace,
}


def call_with(func_name, **overrides):
    """Call an image/kernel entry point with defaults replaced by ``overrides``."""
    kwargs = {"image": IMG, "kernel": KER, **overrides}
    image, kernel = kwargs.pop("image"), kwargs.pop("kernel")
    return IMAGE_KERNEL_FUNCS[func_name](image, kernel, **kwargs)


FUNCS = pytest.mark.parametrize("func", sorted(IMAGE_KERNEL_FUNCS))
PAD_MODE_LIST = r"^pad_mode must be one of 'zero', 'reflect', 'replicate', 'circular'"


# --------------------------------------------------------------------------
# arrays
# --------------------------------------------------------------------------
@FUNCS
@pytest.mark.parametrize("image", [np.arange(5.0), np.ones((2, 3, 3)), 7.0], ids=["1d", "3d", "scalar"])
def test_image_with_wrong_ndim(func, image):
    """An image that is not 2-D is a ValueError naming image and the expected 2-D."""
    with pytest.raises(ValueError, match=r"^image must be a 2-D array; received \d-D"):
        call_with(func, image=image)


@FUNCS
@pytest.mark.parametrize("kernel", [np.ones(3), np.ones((1, 2, 2))], ids=["1d", "3d"])
def test_kernel_with_wrong_ndim(func, kernel):
    """A kernel that is not 2-D is a ValueError naming kernel."""
    with pytest.raises(ValueError, match=r"^kernel must be a 2-D array; received \d-D"):
        call_with(func, kernel=kernel)


@pytest.mark.parametrize("x", [np.ones((5, 5)), np.ones((1, 1, 1, 5, 5))], ids=["2d", "5d"])
def test_conv2d_x_with_wrong_ndim(x):
    """conv2d names x (not image) when x is neither (C, H, W) nor a batch (N, C, H, W)."""
    with pytest.raises(ValueError, match=r"^x must be a 3-D or 4-D array; received"):
        conv2d(x, W4)


@pytest.mark.parametrize("weights", [np.ones((2, 2, 2)), np.ones((2, 2))], ids=["3d", "2d"])
def test_conv2d_weights_with_wrong_ndim(weights):
    """conv2d names weights (not kernel) when weights is not (F, C, kh, kw)."""
    with pytest.raises(ValueError, match=r"^weights must be a 4-D array; received"):
        conv2d(X3, weights)


@FUNCS
@pytest.mark.parametrize(
    ("name", "value"),
    [("image", np.zeros((0, 4))), ("image", [[]]), ("kernel", np.zeros((2, 0)))],
    ids=["image-0-rows", "image-empty-list", "kernel-0-cols"],
)
def test_empty_arrays(func, name, value):
    """Empty images and kernels are a ValueError naming the parameter and its shape."""
    with pytest.raises(ValueError, match=rf"^{name} must not be empty; received shape"):
        call_with(func, **{name: value})


@pytest.mark.parametrize(
    ("x", "weights", "name"),
    [(np.zeros((2, 0, 5)), W4, "x"), (X3, np.zeros((0, 2, 2, 2)), "weights")],
)
def test_conv2d_empty_arrays(x, weights, name):
    """conv2d rejects empty x or weights, naming which."""
    with pytest.raises(ValueError, match=rf"^{name} must not be empty"):
        conv2d(x, weights)


NON_NUMERIC = {
    "strings": [["a", "b"], ["c", "d"]],
    "object-array": np.array([[1, 2], [3, 4]], dtype=object),
    "none-inside": [[1, None], [2, 3]],
    "ragged": [[1, 2, 3], [4, 5]],
    "none": None,
    "datetime": np.array([["2020-01-01", "2020-01-02"]] * 2, dtype="datetime64[D]"),
    "timedelta": np.ones((3, 3), dtype="timedelta64[s]"),
}


@FUNCS
@pytest.mark.parametrize("name", ["image", "kernel"])
@pytest.mark.parametrize("value", list(NON_NUMERIC.values()), ids=list(NON_NUMERIC))
def test_non_numeric_arrays(func, name, value):
    """Strings, objects, None, ragged lists, dates and durations are a TypeError naming the parameter."""
    with pytest.raises(TypeError, match=rf"^{name} must (be a 2-D array of numbers|contain numbers)"):
        call_with(func, **{name: value})


@FUNCS
@pytest.mark.parametrize("name", ["image", "kernel"])
def test_ragged_lists_say_rows_must_have_equal_length(func, name):
    """A ragged nested list is a TypeError asking for rows of equal length, showing the list."""
    with pytest.raises(TypeError, match=rf"^{name} must be a 2-D array of numbers with rows of equal length; "
                                         r"received list \[\[1, 2\], \[3\]\]$"):
        call_with(func, **{name: [[1, 2], [3]]})


@pytest.mark.parametrize("value", list(NON_NUMERIC.values()), ids=list(NON_NUMERIC))
def test_conv2d_non_numeric_x(value):
    """conv2d names x when it holds no numbers."""
    with pytest.raises(TypeError, match=r"^x must (be a 3-D or 4-D array of numbers|contain numbers)"):
        conv2d(value, W4)


@FUNCS
@pytest.mark.parametrize("name", ["image", "kernel"])
def test_complex_arrays(func, name):
    """Complex images and kernels are a TypeError naming the parameter and asking for real numbers."""
    value = (IMG if name == "image" else KER) * (1 + 1j)
    with pytest.raises(TypeError, match=rf"^{name} must contain real numbers; received .*complex128"):
        call_with(func, **{name: value})


def test_conv2d_complex_weights():
    """conv2d names weights when they are complex."""
    with pytest.raises(TypeError, match=r"^weights must contain real numbers"):
        conv2d(X3, W4 * 1j)


def test_conv2d_complex_bias():
    """A complex conv2d bias is rejected instead of making the output complex."""
    with pytest.raises(TypeError, match=r"^bias must contain real numbers"):
        conv2d(X3, W4, bias=[1j, 2, 3])


@FUNCS
@pytest.mark.parametrize(
    "bias", [1j, [1, 2], np.ones((2, 2)), "1", True], ids=["complex", "list", "array", "str", "bool"]
)
def test_bias_must_be_a_real_scalar(func, bias):
    """correlate2d-style functions take a single real number as bias."""
    with pytest.raises(TypeError, match=r"^bias must be a single real number or None; received"):
        call_with(func, bias=bias)


def test_conv2d_bias_with_wrong_length():
    """conv2d needs one bias per filter."""
    pattern = r"^bias must have one value per filter, shape \(3,\); received shape \(2,\)"
    with pytest.raises(ValueError, match=pattern):
        conv2d(X3, W4, bias=[1, 2])


def test_conv2d_bias_with_wrong_ndim():
    """A 2-D conv2d bias is a ValueError naming bias."""
    with pytest.raises(ValueError, match=r"^bias must be a 1-D array; received 2-D"):
        conv2d(X3, W4, bias=np.ones((3, 1)))


def test_conv2d_channel_mismatch():
    """weights with the wrong number of channels name x's channels and the expected shape."""
    pattern = r"^weights must have one kernel per input channel: x has 2 channels.*\(F, 2, kh, kw\)"
    with pytest.raises(ValueError, match=pattern):
        conv2d(X3, np.ones((3, 4, 2, 2)))


# --------------------------------------------------------------------------
# sizes
# --------------------------------------------------------------------------
@FUNCS
@pytest.mark.parametrize(
    "overrides",
    [{"kernel": np.ones((6, 2))}, {"kernel": np.ones((3, 3)), "dilation": 3},
     {"kernel": np.ones((9, 9)), "padding": 1}, {"kernel": np.ones((2, 7)), "padding": (0, 0, 1, 0)}],
    ids=["taller", "dilated", "padded-still-too-small", "4-tuple-padding"],
)
def test_kernel_larger_than_padded_input(func, overrides):
    """A (dilated) kernel bigger than the padded input is a ValueError that says so."""
    pattern = r"^kernel is larger than the padded input: .* expected a kernel span"
    with pytest.raises(ValueError, match=pattern):
        call_with(func, **overrides)


def test_conv2d_kernel_larger_than_input():
    """conv2d also reports a kernel larger than the padded input."""
    with pytest.raises(ValueError, match=r"^kernel is larger than the padded input"):
        conv2d(np.ones((1, 2, 2)), np.ones((1, 1, 3, 3)))


def test_output_shape_kernel_larger_than_input():
    """output_shape raises the same error as the computation it predicts."""
    with pytest.raises(ValueError, match=r"^kernel is larger than the padded input"):
        output_shape((4, 4), (5, 1))


@FUNCS
@pytest.mark.parametrize("padding", [1, ((0, 0), (2, 0))], ids=["1-for-1-row", "2-for-2-cols"])
def test_reflect_padding_too_big(func, padding):
    """'reflect' padding as large as the image is a ValueError naming pad_mode and the limits."""
    image = np.ones((1, 2))
    with pytest.raises(ValueError, match=r"^padding with pad_mode='reflect' must be smaller than the image"):
        call_with(func, image=image, kernel=np.ones((1, 1)), padding=padding, pad_mode="reflect")


def test_reflect_same_mode_too_big():
    """Implicit 'same' padding is checked against 'reflect' too."""
    with pytest.raises(ValueError, match=r"pad_mode='reflect' must be smaller"):
        correlate2d(np.ones((2, 2)), np.ones((5, 5)), mode="same", pad_mode="reflect")


def test_pad_reflect_too_big():
    """pad() checks 'reflect' widths as well."""
    with pytest.raises(ValueError, match=r"pad_mode='reflect' must be smaller"):
        pad(np.ones((3, 3)), 3, "reflect")


def test_trace_of_a_picture_is_refused():
    """trace() refuses more than MAX_TRACE_STEPS output cells and points to correlate2d."""
    side = int(MAX_STEPS**0.5) + 1
    with pytest.raises(ValueError, match=r"^image is too large to trace step by step.*use correlate2d"):
        trace(np.ones((side, side)), np.ones((1, 1)))


# --------------------------------------------------------------------------
# stride and dilation
# --------------------------------------------------------------------------
@FUNCS
@pytest.mark.parametrize("param", ["stride", "dilation"])
@pytest.mark.parametrize(
    "value", [0, -1, (1, 0), (-2, 1)], ids=["zero", "negative", "pair-zero", "pair-negative"]
)
def test_stride_and_dilation_below_one(func, param, value):
    """stride/dilation of 0 or less is a ValueError asking for an integer >= 1."""
    with pytest.raises(ValueError, match=rf"^{param}(\[\d\])? must be an integer >= 1; received -?\d"):
        call_with(func, **{param: value})


@FUNCS
@pytest.mark.parametrize("param", ["stride", "dilation"])
@pytest.mark.parametrize(
    "value", [1.5, 2.0, True, "2", None, (1, 1.5), (True, 1)],
    ids=["float", "whole-float", "bool", "str", "none", "pair-float", "pair-bool"],
)
def test_stride_and_dilation_not_integers(func, param, value):
    """Floats (even 2.0), booleans, strings and None are a TypeError naming the parameter."""
    with pytest.raises(TypeError, match=rf"^{param}(\[\d\])? must be an integer >= 1; received"):
        call_with(func, **{param: value})


@FUNCS
@pytest.mark.parametrize("param", ["stride", "dilation"])
@pytest.mark.parametrize("value", [(), (1,), (1, 2, 3), [1, 1, 1, 1]], ids=["0", "1", "3", "4"])
def test_stride_and_dilation_wrong_length(func, param, value):
    """A tuple that is not a pair is a ValueError saying how many values were given."""
    n = len(value)
    pattern = rf"^{param} must be one integer or a pair \(rows, columns\); received {n} values"
    with pytest.raises(ValueError, match=pattern):
        call_with(func, **{param: value})


@pytest.mark.parametrize("param", ["stride", "dilation"])
def test_conv2d_stride_and_dilation_checked(param):
    """conv2d validates stride and dilation with the same messages."""
    with pytest.raises(ValueError, match=rf"^{param} must be an integer >= 1"):
        conv2d(X3, W4, **{param: 0})


# --------------------------------------------------------------------------
# padding
# --------------------------------------------------------------------------
@FUNCS
@pytest.mark.parametrize("padding", [-1, (1, -1), (0, 0, -1, 0), ((0, -2), (0, 0))],
                         ids=["int", "pair", "4-tuple", "pair-of-pairs"])
def test_negative_padding(func, padding):
    """Negative padding in any form is a ValueError asking for integers >= 0."""
    with pytest.raises(ValueError, match=r"^padding must be an integer >= 0; received -\d"):
        call_with(func, padding=padding)


@FUNCS
@pytest.mark.parametrize("padding", [(1, 1, 1), (1,), (), ((1, 1), (1,)), ((1, 1, 1), (1, 1))],
                         ids=["3", "1", "0", "short-inner", "long-inner"])
def test_padding_wrong_length(func, padding):
    """Padding that is not 1, 2 or 4 values (or a pair of pairs) is a ValueError listing the forms."""
    pattern = r"^padding must be one integer, a pair \(rows, columns\), four values"
    with pytest.raises(ValueError, match=pattern):
        call_with(func, padding=padding)


@FUNCS
@pytest.mark.parametrize("padding", [1.5, "same", True], ids=["float", "str", "bool"])
def test_padding_not_an_integer(func, padding):
    """A float, string or boolean padding is a TypeError listing the accepted forms."""
    with pytest.raises(TypeError, match=r"^padding must be one integer, a pair .*; received"):
        call_with(func, padding=padding)


@FUNCS
@pytest.mark.parametrize("padding", [(1.5, 1), (1, 1, 1, 0.5), ((1, 1), (1, 2.0))],
                         ids=["pair", "4-tuple", "pair-of-pairs"])
def test_padding_with_non_integer_items(func, padding):
    """A float inside a padding tuple is a TypeError naming padding."""
    with pytest.raises(TypeError, match=r"^padding must be an integer >= 0; received float"):
        call_with(func, padding=padding)


@FUNCS
@pytest.mark.parametrize("mode", ["same", "full"])
def test_mode_together_with_padding(func, mode):
    """mode='same'/'full' together with explicit padding is a ValueError naming both."""
    with pytest.raises(ValueError, match=r"^mode and padding cannot both be given.*received mode="):
        call_with(func, mode=mode, padding=1)


def test_pad_negative_padding():
    """pad() rejects negative padding."""
    with pytest.raises(ValueError, match=r"^padding must be an integer >= 0"):
        pad(IMG, (1, -1))


def test_pad_image_with_wrong_ndim():
    """pad() takes a 2-D image or a (C, H, W) stack."""
    with pytest.raises(ValueError, match=r"^image must be a 2-D or 3-D array; received 1-D"):
        pad(np.ones(4), 1)


# --------------------------------------------------------------------------
# names: mode, pad_mode, method, flip
# --------------------------------------------------------------------------
@FUNCS
@pytest.mark.parametrize(
    "mode", ["Valid", "circular", "", None, 3], ids=["case", "pad-mode", "empty", "none", "int"]
)
def test_unknown_mode(func, mode):
    """An unknown mode is a ValueError listing 'valid', 'same', 'full'."""
    with pytest.raises(ValueError, match=r"^mode must be one of 'valid', 'same', 'full'; received"):
        call_with(func, mode=mode)


@FUNCS
@pytest.mark.parametrize("pad_mode", ["mirror", "symmetric", "same", None, ["zero"]],
                         ids=["mirror", "symmetric", "mode-name", "none", "list"])
def test_unknown_pad_mode(func, pad_mode):
    """An unknown pad_mode is a ValueError listing the valid pad modes."""
    with pytest.raises(ValueError, match=PAD_MODE_LIST + "; received"):
        call_with(func, pad_mode=pad_mode, padding=1)


def test_unknown_pad_mode_in_pad():
    """pad() lists the valid pad modes too."""
    with pytest.raises(ValueError, match=PAD_MODE_LIST):
        pad(IMG, 1, "mirror")


def test_unknown_pad_mode_in_conv2d():
    """conv2d lists the valid pad modes too."""
    with pytest.raises(ValueError, match=r"^pad_mode must be one of 'zero', 'reflect'"):
        conv2d(X3, W4, pad_mode="mirror")


@pytest.mark.parametrize("func", [correlate2d, convolve2d], ids=["correlate2d", "convolve2d"])
@pytest.mark.parametrize("method", ["winograd", "Loop", None], ids=["unknown", "case", "none"])
def test_unknown_method(func, method):
    """An unknown method is a ValueError listing every valid method."""
    pattern = r"^method must be one of 'auto', 'direct', 'separable', 'fft', 'loop'; received"
    with pytest.raises(ValueError, match=pattern):
        func(IMG, KER, method=method)


def test_convolve2d_rejects_flip():
    """convolve2d always flips: passing flip is a TypeError pointing to correlate2d."""
    pattern = r"^convolve2d always flips the kernel; received flip=False \(use correlate2d\)"
    with pytest.raises(TypeError, match=pattern):
        convolve2d(IMG, KER, flip=False)


@pytest.mark.parametrize("func", ["correlate2d", "steps", "trace"])
@pytest.mark.parametrize("flip", [1, "yes", None], ids=["int", "str", "none"])
def test_flip_must_be_bool(func, flip):
    """flip must be True or False."""
    with pytest.raises(TypeError, match=r"^flip must be True or False; received"):
        call_with(func, flip=flip)


# --------------------------------------------------------------------------
# output_shape and resolve_padding arguments
# --------------------------------------------------------------------------
@pytest.mark.parametrize("func", [output_shape, resolve_padding], ids=["output_shape", "resolve_padding"])
@pytest.mark.parametrize(
    ("input_shape", "exc", "pattern"),
    [(5, TypeError, r"^input_shape must be a pair \(rows, columns\); received int 5"),
     ((5,), ValueError, r"^input_shape must be a pair \(rows, columns\)"),
     ((0, 5), ValueError, r"^input_shape\[0\] must be an integer >= 1; received 0"),
     ((5, 2.5), TypeError, r"^input_shape\[1\] must be an integer >= 1; received float")],
    ids=["int", "short", "zero", "float"],
)
def test_bad_input_shape(func, input_shape, exc, pattern):
    """A shape that is not a pair of positive integers names input_shape."""
    with pytest.raises(exc, match=pattern):
        func(input_shape, (3, 3))


@pytest.mark.parametrize("kernel_shape", [(0, 3), (3, -1)], ids=["zero", "negative"])
def test_bad_kernel_shape(kernel_shape):
    """kernel_shape entries must be >= 1."""
    with pytest.raises(ValueError, match=r"^kernel_shape\[\d\] must be an integer >= 1"):
        output_shape((5, 5), kernel_shape)


def test_output_shape_mode_with_padding():
    """output_shape refuses mode together with padding."""
    with pytest.raises(ValueError, match=r"^mode and padding cannot both be given"):
        output_shape((5, 5), (3, 3), mode="same", padding=1)


def test_output_shape_unknown_mode():
    """output_shape lists the valid modes."""
    with pytest.raises(ValueError, match=r"^mode must be one of 'valid', 'same', 'full'"):
        output_shape((5, 5), (3, 3), mode="half")


# --------------------------------------------------------------------------
# Trace.output_until
# --------------------------------------------------------------------------
@pytest.mark.parametrize("k", [-2, -10], ids=["-2", "-10"])
def test_output_until_negative_step(k):
    """output_until(k) with k < -1 is a ValueError, not Python's negative indexing."""
    with pytest.raises(ValueError, match=r"^k must be an integer >= -1 \(a step index\); received -\d+"):
        trace(IMG, KER).output_until(k)


@pytest.mark.parametrize("k", [1.5, "2", True, None], ids=["float", "str", "bool", "none"])
def test_output_until_non_integer_step(k):
    """output_until(k) with a non-integer k is a TypeError naming k."""
    with pytest.raises(TypeError, match=r"^k must be an integer >= -1 \(a step index\); received"):
        trace(IMG, KER).output_until(k)


# --------------------------------------------------------------------------
# how errors are raised
# --------------------------------------------------------------------------
def test_steps_validates_before_iteration():
    """steps() raises at the call, not later when the first step is requested."""
    with pytest.raises(ValueError, match=r"^stride must be an integer >= 1"):
        steps(IMG, KER, stride=0)


@pytest.mark.parametrize(
    "call",
    [lambda: correlate2d([[1, 2], [3]], KER), lambda: correlate2d(IMG * 1j, KER),
     lambda: correlate2d(IMG, KER, stride=1.5), lambda: conv2d(X3, W4, bias=[1, 2]),
     lambda: pad(IMG, -1), lambda: correlate2d(IMG, KER, pad_mode="mirror", padding=1)],
    ids=["ragged", "complex", "float-stride", "bias-shape", "negative-pad", "pad-mode"],
)
def test_errors_do_not_chain_numpy_tracebacks(call):
    """Errors are raised by convlib itself: no chained numpy exception, message says what was received."""
    with pytest.raises((TypeError, ValueError), match=r"received") as info:
        call()
    assert info.value.__cause__ is None
    assert info.value.__context__ is None or info.value.__suppress_context__
    assert re.search(r"convlib", info.traceback[-1].path.as_posix())
