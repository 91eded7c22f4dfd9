"""Tests of convlib.cost: multiply-adds, memory and the cost model behind method='auto'."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from numpy.lib.stride_tricks import sliding_window_view  # noqa: E402

from convlib import cost, output_shape  # noqa: E402
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
