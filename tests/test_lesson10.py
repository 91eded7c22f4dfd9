"""Tests of convlib.lessons.lesson10's examples and figures.

Overlap counts are compared with a count made here (kernel copies laid
down by loops); the upsampled photos with the checkerboard they should or
should not have on a flat grey picture; the signal's filters with numpy.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from convlib import conv_transpose2d, correlate1d  # noqa: E402
from convlib.lessons.lesson10 import examples, figures  # noqa: E402


def copies(n, k, s):
    """How many k x k copies, laid s apart from n x n cells, cover each canvas cell (a loop)."""
    size = (n - 1) * s + k
    count = np.zeros((size, size), dtype=int)
    for r in range(n):
        for c in range(n):
            count[r * s : r * s + k, c * s : c * s + k] += 1
    return count


@pytest.mark.parametrize(("k", "s"), [(3, 2), (4, 2), (2, 2), (3, 1), (5, 3)])
def test_overlap_counts_are_the_copies_inside_the_border(k, s):
    """overlap_counts equals the loop's count with (k - s + 1) // 2 cells cut off each edge."""
    cut = max(0, (k - s + 1) // 2)
    full = copies(6, k, s)
    want = full[cut : full.shape[0] - cut, cut : full.shape[1] - cut]
    np.testing.assert_array_equal(examples.overlap_counts(k, s), want)


def test_checkerboard_only_when_the_kernel_size_is_not_divisible_by_the_stride():
    """On a flat picture, 3x3 stride 2 gives three brightness levels inside; 4x4 and resize-then-blur give one."""
    out = examples.upsample_three_ways(np.full((10, 10), 0.5))
    inside = (slice(4, -4), slice(4, -4))
    assert sorted(np.unique(np.round(out["3x3, stride 2"][inside], 9))) == [0.125, 0.25, 0.5]
    np.testing.assert_allclose(out["4x4, stride 2"][inside], 0.5)
    np.testing.assert_allclose(out["resize, then 3x3"], 0.5)
    assert np.isclose(examples.SMOOTH_4.sum(), 4.0)  # four taps per output cell at stride 2, weights adding to 1


def test_insert_zeros_then_convolve_is_the_transposed_convolution():
    """The lesson's zero-insertion identity on TX and TK at strides 1 to 3."""
    from convlib import convolve2d

    for s in (1, 2, 3):
        spread = examples.insert_zeros(examples.TX, s)
        assert spread[::s, ::s].tolist() == examples.TX.tolist() and spread.sum() == examples.TX.sum()
        np.testing.assert_array_equal(convolve2d(np.pad(spread, 2), examples.TK),
                                      conv_transpose2d(examples.TX, examples.TK, stride=s))


def test_filters_do_what_they_say():
    """Moving average = numpy's mean of 5; difference = np.diff with x[0] - 0 first; causal average lags by 2."""
    x = examples.make_signal()
    f = examples.FILTERS
    np.testing.assert_allclose(correlate1d(x, f["moving average (5)"].kernel, mode="same")[2:-2],
                               np.convolve(x, np.ones(5) / 5, mode="valid"))
    np.testing.assert_allclose(correlate1d(x, f["difference"].kernel, mode="causal"), np.diff(x, prepend=0))
    causal = correlate1d(x, f["causal average (5)"].kernel, mode="causal")
    centred = correlate1d(x, f["moving average (5)"].kernel, mode="same")
    np.testing.assert_allclose(causal[4:], centred[2:-2])
    assert x.shape == (60,) and np.argmax(np.diff(x)) in range(38, 42)


def test_guide_cases_cover_the_guide():
    """Seven named cases, all valid settings."""
    names = [n for n, _ in examples.guide_cases()]
    assert len(names) == 7 and {"no padding", "padding", "full", "strides", "dilation"} <= set(names)


def test_figures_draw_and_check_their_axes():
    """Each figure draws on new axes and refuses a wrong number of Axes."""
    try:
        assert len(figures.plot_overlaps()) == 2
        assert len(figures.plot_upsampling(np.random.default_rng(0).random((12, 12)))) == 4
        assert len(figures.plot_filters(examples.make_signal())) == 4
        _, axes = plt.subplots(1, 3)
        with pytest.raises(ValueError, match="axes must hold 4 Axes; received 3"):
            figures.plot_upsampling(np.zeros((4, 4)), axes=axes)
    finally:
        plt.close("all")
