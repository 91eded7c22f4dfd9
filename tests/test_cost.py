"""Tests of convlib.cost: multiply-adds, memory and the cost model behind method='auto'."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from numpy.lib.stride_tricks import sliding_window_view  # noqa: E402
from reference import impulse_field  # noqa: E402

from convlib import conv2d, cost, output_shape  # noqa: E402
from convlib.fast import choose_method, kernel_rank  # noqa: E402
from convlib.kernels import gaussian  # noqa: E402

HEADER = "size,k,kernel,method,ms\n"


# --------------------------------------------------------------------------
# cost model
# --------------------------------------------------------------------------
@pytest.mark.parametrize(("image", "kernel"), [((3, 3), (2, 2)), ((7, 5), (3, 2)), ((480, 640), (5, 5)),
                                                ((10, 10), (10, 10)), ((4, 9), (1, 3))])
def test_multiply_adds_counts_windows_times_weights(image, kernel):
    """Windows counted by sliding_window_view, times the kernel's weights."""
    windows = sliding_window_view(np.zeros(image), kernel)
    assert cost.multiply_adds(image, kernel) == math.prod(windows.shape)


def test_multiply_adds_rejects_kernel_larger_than_image():
    """A kernel that does not fit says so."""
    with pytest.raises(ValueError, match=r"^kernel_shape must fit inside image_shape; received a 4x4 kernel for a 3x3 image$"):
        cost.multiply_adds((3, 3), (4, 4))


def test_multiply_adds_rejects_a_single_number():
    """A shape must be a pair."""
    with pytest.raises(TypeError, match="image_shape must be a pair"):
        cost.multiply_adds(5, (3, 3))


@pytest.mark.parametrize(("image", "kernel", "dtype"), [((3, 3), (2, 2), np.int64),
                                                         ((12, 9), (3, 4), np.float64),
                                                         ((20, 20), (5, 5), np.float32)])
def test_im2col_bytes_matches_numpy(image, kernel, dtype):
    """The formula gives the nbytes of the matrix numpy builds."""
    A = sliding_window_view(np.zeros(image, dtype=dtype), kernel).reshape(-1, kernel[0] * kernel[1])
    assert cost.im2col_bytes(image, kernel, np.dtype(dtype).itemsize) == A.nbytes


def test_im2col_of_the_lesson_is_about_29_gib():
    """2048x2048 with a 31x31 kernel: 2018**2 rows of 961 float64 values."""
    assert cost.im2col_bytes((2048, 2048), (31, 31)) == 2018 * 2018 * 961 * 8


def test_cost_per_pixel_formulas():
    """direct k*k, separable rank*(kh + kw), FFT 22 taps growing like log2(H*W) past 512x512."""
    costs = cost.cost_per_pixel((2048, 2048), (31, 31), rank=1)
    assert (costs["direct"], costs["separable"]) == (961, 62)
    assert costs["fft"] == pytest.approx(22 * 22 / 18)
    assert cost.cost_per_pixel((64, 64), (5, 3))["fft"] == 22.0


def test_cost_per_pixel_default_rank_is_full():
    """Without a rank, a 5x3 kernel counts as rank 3."""
    assert cost.cost_per_pixel((64, 64), (5, 3))["separable"] == 3 * (5 + 3)


def _choice_cases():
    """Image and kernel pairs where one method is cheapest by at least 25% (ties are left out)."""
    rng = np.random.default_rng(3)
    cases = []
    for n in (256, 1024, 2048):
        for k in (5, 7, 9, 15, 25, 31):
            for name, K in (("gauss", gaussian(k)), ("random", rng.random((k, k))),
                            ("rank2", gaussian(k) + np.outer(rng.random(k), rng.random(k)))):
                costs = sorted(cost.cost_per_pixel((n, n), K.shape, rank=kernel_rank(K)).values())
                if costs[1] >= 1.25 * costs[0]:
                    cases.append(pytest.param(n, K, id=f"{n}-{k}-{name}"))
        for shape in ((3, 4), (4, 4)):  # more than 9 weights, and still direct
            K = rng.random(shape)
            costs = sorted(cost.cost_per_pixel((n, n), shape, rank=kernel_rank(K)).values())
            if costs[1] >= 1.25 * costs[0]:
                cases.append(pytest.param(n, K, id=f"{n}-{shape[0]}x{shape[1]}-random"))
    return cases


def test_choice_cases_cover_every_method():
    """The clear cases include each of direct, separable and fft as the cheapest."""
    found = {cost.cheapest(cost.cost_per_pixel((p.values[0],) * 2, p.values[1].shape,
                                                 rank=kernel_rank(p.values[1]))) for p in _choice_cases()}
    assert found == {"direct", "separable", "fft"}


@pytest.mark.parametrize(("n", "K"), _choice_cases())
def test_cheapest_by_cost_model_is_what_auto_picks(n, K):
    """Where one method is clearly cheapest, convlib's auto picks it too."""
    costs = cost.cost_per_pixel((n, n), K.shape, rank=kernel_rank(K))
    out = (n - K.shape[0] + 1,) * 2
    assert cost.cheapest(costs) == choose_method(np.zeros((n, n)), K, (1, 1), (1, 1), out, np.dtype(float))


@pytest.mark.parametrize(("nbytes", "text"), [(0, "0 B"), (1023, "1023 B"), (1024, "1.00 KiB"),
                                              (8 * 2**20, "8.00 MiB"), (406_239_008, "387 MiB"),
                                              (2018**2 * 31**2 * 8, "29.2 GiB")])
def test_format_bytes(nbytes, text):
    """Binary units, 3 significant digits."""
    assert cost.format_bytes(nbytes) == text


def test_format_bytes_rejects_negative():
    """A negative size is refused."""
    with pytest.raises(ValueError, match="nbytes must be a number >= 0 \\(a number of bytes\\)"):
        cost.format_bytes(-1)


@pytest.mark.parametrize(("image", "kernel"), [((1, 1), (1, 1)), ((3, 7), (3, 2)), ((3, 9), (1, 9)),
                                               ((40, 9), (3, 2)), ((40, 9), (1, 9))])
def test_multiply_adds_counts_the_windows_output_shape_finds(image, kernel):
    """The cost model's 'valid' output size is the one convlib.output_shape computes."""
    oh, ow = output_shape(image, kernel)
    assert cost.multiply_adds(image, kernel) == oh * ow * kernel[0] * kernel[1]


# --------------------------------------------------------------------------
# a convolutional layer: parameters, multiply-adds, output shape, receptive field
# --------------------------------------------------------------------------
def counted_layer(h, w, c_in, c_out, k, stride, padding, dilation):
    """Count by running the loops of a direct convolution: output cells, and one tick per product."""
    products, rows, cols = 0, 0, 0
    r = 0
    while r * stride + dilation * (k - 1) <= h + 2 * padding - 1:
        c = 0
        while c * stride + dilation * (k - 1) <= w + 2 * padding - 1:
            for _f in range(c_out):
                for _ch in range(c_in):
                    for _i in range(k):
                        for _j in range(k):
                            products += 1
            c += 1
        cols = c
        r += 1
    rows = r
    return (c_out, rows, cols), products


layer_settings = st.tuples(st.integers(1, 9), st.integers(1, 9), st.integers(1, 3), st.integers(1, 3),
                           st.integers(1, 4), st.integers(1, 3), st.integers(0, 2), st.integers(1, 3))


@settings(max_examples=80, deadline=None)
@given(layer_settings, st.booleans())
def test_conv_layer_counts_what_a_direct_convolution_does(setting, bias):
    """Shape and multiply-adds: a count of a direct convolution's loops; parameters: the arrays' sizes."""
    h, w, c_in, c_out, k, stride, padding, dilation = setting
    assume(dilation * (k - 1) + 1 <= min(h, w) + 2 * padding)
    got = cost.conv_layer((h, w), c_in, c_out, k, stride=stride, padding=padding, dilation=dilation,
                          bias=bias)
    shape, products = counted_layer(h, w, c_in, c_out, k, stride, padding, dilation)
    weights, biases = np.zeros((c_out, c_in, k, k)), np.zeros(c_out)
    assert got.output_shape == shape and got.multiply_adds == products
    assert got.parameters == weights.size + (biases.size if bias else 0)
    assert got.bias_adds == (math.prod(shape) if bias else 0)
    assert got.receptive_field == (dilation * (k - 1) + 1,) * 2
    assert cost.conv_multiply_adds((h, w), c_in, c_out, k, stride=stride, padding=padding,
                                   dilation=dilation) == products
    assert cost.conv_parameters(c_in, c_out, k, bias=bias) == got.parameters


@settings(max_examples=40, deadline=None)
@given(layer_settings)
def test_conv_layer_output_shape_is_conv2d_output(setting):
    """The counted output shape is the shape convlib.conv2d returns."""
    h, w, c_in, c_out, k, stride, padding, dilation = setting
    assume(dilation * (k - 1) + 1 <= min(h, w) + 2 * padding)
    y = conv2d(np.ones((c_in, h, w)), np.ones((c_out, c_in, k, k)), np.zeros(c_out), stride=stride,
               padding=padding, dilation=dilation)
    assert cost.conv_layer((h, w), c_in, c_out, k, stride=stride, padding=padding,
                           dilation=dilation).output_shape == y.shape


def test_conv_layer_with_rectangular_kernel_and_uneven_padding():
    """Pairs and 4-tuples are read as convlib.correlate2d reads them."""
    got = cost.conv_layer((10, 12), 2, 5, (3, 1), stride=(2, 1), padding=(1, 0, 2, 2), dilation=(1, 2))
    want = output_shape((10, 12), (3, 1), padding=(1, 0, 2, 2), stride=(2, 1), dilation=(1, 2))
    assert got.output_shape == (5,) + want
    assert got.parameters == 5 * 2 * 3 + 5 and got.receptive_field == (3, 1)


def test_vgg_first_layer():
    """VGG-16's first layer (3 -> 64 channels, 3x3, padding 1, 224x224): 1792 parameters, 86.7 M MACs."""
    got = cost.conv_layer((224, 224), 3, 64, 3, padding=1)
    assert got.parameters == 1792 and got.output_shape == (64, 224, 224)
    assert got.multiply_adds == 224 * 224 * 64 * 27


def test_parameters_do_not_depend_on_the_picture():
    """The same layer on 32x32 and 320x320 inputs: the same parameters, 100x the multiply-adds."""
    small, large = (cost.conv_layer(s, 8, 16, 3, padding=1) for s in ((32, 32), (320, 320)))
    assert small.parameters == large.parameters and large.multiply_adds == 100 * small.multiply_adds


def test_conv_layer_kernel_larger_than_input_names_the_axis():
    """A kernel that does not fit says which axis, the span and the padded size."""
    with pytest.raises(ValueError, match=r"^kernel_size is larger than the padded input: along the rows, "
                                         r"a kernel of 5 with dilation 3 spans 13 cells, but the input has "
                                         r"8 \+ 2 padding = 10"):
        cost.conv_layer((8, 20), 1, 1, 5, padding=1, dilation=3)


@pytest.mark.parametrize(("kwargs", "error", "pattern"), [
    (dict(c_in=0), ValueError, r"^c_in must be an integer >= 1"),
    (dict(c_out=1.5), TypeError, r"^c_out must be an integer"),
    (dict(kernel_size=0), ValueError, r"^kernel_size must be an integer >= 1"),
    (dict(stride=0), ValueError, r"^stride must be an integer >= 1"),
    (dict(padding=-1), ValueError, r"^padding must be an integer >= 0"),
    (dict(bias="yes"), TypeError, r"^bias must be"),
])
def test_conv_layer_parameters_are_checked(kwargs, error, pattern):
    """Every setting is checked and named."""
    settings_ = {"input_shape": (8, 8), "c_in": 3, "c_out": 4, "kernel_size": 3, **kwargs}
    with pytest.raises(error, match=pattern):
        cost.conv_layer(**settings_)


stacks = st.lists(st.tuples(st.integers(1, 3), st.integers(1, 2), st.integers(1, 2)), min_size=1, max_size=3)


@settings(max_examples=30, deadline=None)
@given(stacks)
def test_receptive_field_is_the_reach_of_an_impulse(layers):
    """The receptive field is the side of the block of input cells that change output (0, 0), cell by cell."""
    r = cost.receptive_field(layers)
    n = r + 3
    reached = impulse_field(layers, n, (0, 0))
    rows, cols = np.nonzero(reached)
    assert rows.min() == cols.min() == 0 and rows.max() + 1 == cols.max() + 1 == r
    if all(d == 1 and s <= k for k, s, d in layers):   # no dilation, no stride past a window: no gaps
        assert reached[:r, :r].all()


def test_receptive_growth_jumps_with_the_strides():
    """After a stride-2 layer, each later 3x3 layer adds 2*2 cells; (k, s) pairs are allowed."""
    assert cost.receptive_growth([(2, 2), (3, 1), (3, 1)]) == [(2, 2), (6, 2), (10, 2)]
    assert cost.receptive_growth([(3, 1, 2)]) == [(5, 1)]
    assert cost.receptive_field([]) == 1


@pytest.mark.parametrize(("layers", "error", "pattern"), [
    (3, TypeError, r"^layers must be a list of \(kernel_size, stride\) pairs; received int 3"),
    ([3], TypeError, r"^layers\[0\] must be a pair \(kernel_size, stride\) or a triple"),
    ([(3, 1, 1, 1)], ValueError, r"^layers\[0\] must be a pair .* received 4 values"),
    ([(3, 1), (0, 1)], ValueError, r"^layers\[1\] kernel_size must be an integer >= 1"),
])
def test_receptive_field_checks_its_layers(layers, error, pattern):
    """Bad stacks are refused, naming the layer."""
    with pytest.raises(error, match=pattern):
        cost.receptive_field(layers)
