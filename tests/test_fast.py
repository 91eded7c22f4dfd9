"""The fast paths (separable, FFT, auto) against the independent reference, and their memory.

Tolerances per path.  'direct' is exact in the sense of convlib.steps (see
test_steps.py).  'separable' and 'fft' round differently: their error is
bounded relative to the *global* scale of the problem, max|K| * max|X| *
taps, not to each cell's own sum (an FFT spreads rounding over the whole
picture).  Allowed: 1e-9 of that scale for float64, 2e-3 for float32.
Integer inputs are rounded back and must match exactly.
"""

import tracemalloc

import numpy as np
import pytest
import scipy.fft
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import conv_cases, ref_correlate, widen

from convlib import convolve2d, correlate2d
from convlib.fast import (
    SMALL_WORK,
    ConvolutionTooLarge,
    check_memory,
    choose_method,
    kernel_rank,
    next_fast_len,
)

SETTINGS = settings(max_examples=150, deadline=None)


def global_scale(image, kernel):
    """max|K| * max|X| * taps: the size of the rounding error of the float paths."""
    X, K = widen(image).astype(float), widen(kernel).astype(float)
    return float(np.abs(K).max()) * float(np.abs(X).max()) * K.size + 1e-300


def check_path(method, image, kernel, options):
    got = correlate2d(image, kernel, method=method, **options)
    want = ref_correlate(image, kernel, **options)
    assert got.shape == want.shape
    if got.dtype.kind in "iu":
        assert np.array_equal(got, want), (got, want)
        return
    computed_in = np.result_type(np.asarray(image).dtype, np.asarray(kernel).dtype)
    rtol = 2e-3 if computed_in == np.float32 else 1e-9
    scale = global_scale(image, kernel) + abs(float(options.get("bias", 0) or 0))
    # Below the smallest normal number of the working type, products underflow
    # (float32: 1.2e-38): the float64 reference keeps 1e-57 where float32 holds 0.
    floor = np.finfo(computed_in).tiny * np.asarray(kernel).size if computed_in.kind == "f" else 0.0
    assert np.max(np.abs(got - want)) <= max(rtol * scale, floor), (got, want)


@SETTINGS
@given(conv_cases(dtypes=("uint8", "int16", "int64", "float32", "float64")))
def test_fft_matches_reference(case):
    """method='fft' agrees with the reference over modes, padding, stride, dilation, flip, dtypes."""
    check_path("fft", *case)


@SETTINGS
@given(conv_cases(dtypes=("uint8", "int16", "int64", "float32", "float64")))
def test_separable_matches_reference(case):
    """method='separable' (all ranks) agrees with the reference over every option."""
    check_path("separable", *case)


@SETTINGS
@given(conv_cases(dtypes=("float64",)), st.integers(1, 6))
def test_separable_on_rank_one_kernels(case, k):
    """An outer-product kernel is applied exactly enough by the rank-1 path."""
    image, _, options = case
    rng = np.random.default_rng(k)
    kernel = np.outer(rng.normal(size=k), rng.normal(size=k))
    options = {key: v for key, v in options.items() if key not in ("padding", "dilation")}
    options["mode"] = "same"
    options["pad_mode"] = "zero"
    check_path("separable", image, kernel, options)


@pytest.mark.parametrize("method", ["direct", "separable", "fft"])
def test_float32_products_below_the_smallest_normal_may_be_zero(method):
    """Tiny float32 values whose products underflow give 0, within the stated floor, not an error."""
    x = np.full((4, 5), 3e-29, dtype=np.float32)
    k = np.full((2, 2), 9e-29, dtype=np.float32)
    check_path(method, x, k, {})
    assert np.all(correlate2d(x, k, method=method) < 1e-37)


@pytest.mark.parametrize("method", ["direct", "separable", "fft", "auto"])
def test_paths_agree_on_a_photo_sized_input(method):
    """On a 300x280 image with a 15x15 Gaussian, every path gives the reference within 1e-9."""
    rng = np.random.default_rng(3)
    x = rng.random((300, 280))
    g = np.exp(-0.5 * ((np.arange(15) - 7) / 2.5) ** 2)
    K = np.outer(g, g)
    check_path(method, x, K, {"mode": "same", "pad_mode": "reflect"})


def test_fft_keeps_integer_results_exact():
    """uint8 photos blurred with an integer kernel through the FFT give exact int64 sums."""
    rng = np.random.default_rng(4)
    x = rng.integers(0, 256, (200, 190), dtype=np.uint8)
    K = rng.integers(-5, 6, (13, 13))
    got = correlate2d(x, K, method="fft")
    assert got.dtype == np.int64
    assert np.array_equal(got, ref_correlate(x, K))


def test_convolve2d_fft_flips():
    """True convolution through the FFT matches the reference with flip=True."""
    rng = np.random.default_rng(5)
    x, K = rng.random((40, 50)), rng.random((7, 4))
    got = convolve2d(x, K, method="fft", mode="full")
    assert np.allclose(got, ref_correlate(x, K, mode="full", flip=True), atol=1e-12)


def test_next_fast_len_matches_scipy():
    """next_fast_len gives scipy.fft's real-FFT fast length for every n up to 5000."""
    got = [next_fast_len(n) for n in range(1, 5001)]
    want = [scipy.fft.next_fast_len(n, real=True) for n in range(1, 5001)]
    assert got == want


@pytest.mark.parametrize("rank", [0, 1, 2, 3])
def test_kernel_rank_matches_numpy(rank):
    """kernel_rank counts the outer products a kernel is built from."""
    rng = np.random.default_rng(rank)
    K = sum((np.outer(rng.normal(size=5), rng.normal(size=6)) for _ in range(rank)), np.zeros((5, 6)))
    assert kernel_rank(K) == np.linalg.matrix_rank(K) == rank


def _choice(x, K):
    n, m = x.shape
    kh, kw = K.shape
    return choose_method(x, K, (1, 1), (1, 1), (n - kh + 1, m - kw + 1), np.result_type(x, K))


def test_auto_uses_direct_for_small_work():
    """Small problems stay on the exact direct path, whatever the kernel."""
    x = np.random.default_rng(0).random((40, 40))
    K = np.ones((11, 11))
    assert 30 * 30 * 121 <= SMALL_WORK
    assert _choice(x, K) == "direct"


def test_auto_uses_separable_for_rank_one_kernels():
    """A 7x7 Gaussian on a 512x512 image goes through the separable path."""
    x = np.random.default_rng(0).random((512, 512))
    g = np.exp(-0.5 * (np.arange(7) - 3.0) ** 2)
    assert _choice(x, np.outer(g, g)) == "separable"


def test_auto_uses_fft_for_large_dense_kernels():
    """A random 15x15 kernel on a 512x512 image goes through the FFT."""
    rng = np.random.default_rng(0)
    assert _choice(rng.random((512, 512)), rng.random((15, 15))) == "fft"


def test_auto_keeps_nan_in_its_windows():
    """With a NaN in a large image, auto stays direct so only windows holding it become NaN."""
    rng = np.random.default_rng(0)
    x = rng.random((256, 256))
    x[100, 100] = np.nan
    y = correlate2d(x, rng.random((15, 15)))
    assert np.isnan(y).sum() == 15 * 15
    assert np.isnan(y[86:101, 86:101]).all()


def test_auto_refuses_float_paths_when_integers_could_lose_exactness():
    """Integer sums beyond 2**50 are computed directly, not rounded back from floats."""
    x = np.full((600, 600), 2**40, dtype=np.int64)
    K = np.ones((15, 15), dtype=np.int64) * 2**12
    assert _choice(x, K) == "direct"


def test_memory_bound_for_2048_image_and_31_kernel():
    """auto on 2048x2048 float64 with a 31x31 kernel peaks below 64 MiB + 4x the image."""
    rng = np.random.default_rng(0)
    x = rng.random((2048, 2048))
    K = rng.random((31, 31))
    tracemalloc.start()
    correlate2d(x, K, mode="same")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak <= 64 * 2**20 + 4 * x.nbytes, f"peak {peak / 2**20:.0f} MiB"


@pytest.mark.parametrize("method", ["direct", "separable"])
def test_tap_paths_allocate_no_im2col_buffer(method):
    """direct and separable on 512x512 with 31x31 stay far below one im2col matrix (1.7 GiB)."""
    rng = np.random.default_rng(0)
    x = rng.random((512, 512))
    K = np.outer(rng.random(31), rng.random(31))
    tracemalloc.start()
    correlate2d(x, K, method=method)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak <= 64 * 2**20 + 4 * x.nbytes, f"peak {peak / 2**20:.0f} MiB"


def test_impossible_request_is_refused_before_allocating():
    """Padding a picture by a million pixels is refused with the memory estimate in the message."""
    with pytest.raises(ConvolutionTooLarge, match=r"would need about [\d.]+ (GiB|MiB) of memory, more than"):
        correlate2d(np.ones((4, 4)), np.ones((3, 3)), padding=1_000_000)


def test_huge_virtual_image_is_refused():
    """A broadcast 10^6 x 10^6 input (no real memory) is refused, not attempted."""
    x = np.broadcast_to(np.float64(1.0), (10**6, 10**6))
    with pytest.raises(ConvolutionTooLarge, match=r"input of shape \(1000000, 1000000\)"):
        correlate2d(x, np.ones((3, 3)))


def test_check_memory_respects_an_explicit_limit():
    """check_memory passes under the limit and names the estimate above it."""
    check_memory(10 * 2**20, "a test", limit=20 * 2**20)
    with pytest.raises(ConvolutionTooLarge, match=r"^a test would need about 30 MiB of memory, more than the 20 MiB it may use; use"):
        check_memory(30 * 2**20, "a test", limit=20 * 2**20)
