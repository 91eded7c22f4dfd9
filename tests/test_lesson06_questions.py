"""Tests of convlib.lessons.lesson06.questions, with right and wrong answers.

Expected answers are computed here independently of convlib: parameters by
counting the elements of weight and bias arrays, the output shape by a loop
over window starts, the receptive field by sending a 1 through scipy
filters, and the pooled values by numpy on the window written out by hand.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.ndimage as ndi

from convlib.lessons import lesson06 as L
from convlib.lessons.lesson06 import q1, q2, q3, q4, q5


def says(result, *words):
    """The check is incorrect and its message contains every one of ``words``."""
    return result.status == "incorrect" and all(w in result.message for w in words)


def test_package_exports_questions_widget_and_helpers():
    """lesson06 exports q1..q5 in QUESTIONS, the widget, its helper modules and the questions' data."""
    assert [q.name for q in L.QUESTIONS] == ["q1", "q2", "q3", "q4", "q5"]
    assert {"LayerCounter", "examples", "figures", "Q4_X", "Q5_W"} <= set(L.__all__)


# q1 ------------------------------------------------------------------------
Q1_RIGHT = np.zeros((L.Q1_C_OUT, L.Q1_C_IN, L.Q1_KERNEL, L.Q1_KERNEL)).size + np.zeros(L.Q1_C_OUT).size


def test_q1_accepts_the_count_of_weights_and_biases():
    """Weights (C_out, C_in, k, k) plus one bias per filter, counted by numpy: 4640."""
    assert Q1_RIGHT == 4640
    assert q1.check(Q1_RIGHT).correct and q1.check(np.int64(Q1_RIGHT)).correct and q1.check(4640.0).correct


@pytest.mark.parametrize(("answer", "words"), [
    (Q1_RIGHT - L.Q1_C_OUT, ("weights alone", "one bias")),                     # forgot the bias
    (L.Q1_C_OUT * (L.Q1_KERNEL ** 2 + 1), ("as if the input had one channel",)),  # forgot C_in
    (L.Q1_C_OUT * L.Q1_KERNEL ** 2, ("no bias", "one per input channel")),      # forgot C_in and the bias
    (Q1_RIGHT - L.Q1_C_OUT + L.Q1_C_IN * L.Q1_C_OUT, ("its own bias", "32 biases in all")),  # bias per kernel
    (L.Q1_C_IN * (L.Q1_KERNEL ** 2 + 1), ("filter_image", "32 filters")),       # per-channel filters
    (L.Q1_C_IN * L.Q1_KERNEL ** 2 + 1, ("That is one filter",)),
    (L.Q1_C_OUT * (L.Q1_C_IN * L.Q1_KERNEL + 1), ("3×3 = 9 weights",)),
])
def test_q1_diagnoses_each_slip(answer, words):
    """Forgetting the bias, forgetting C_in, a bias per kernel, per-channel filters: each explained."""
    assert says(q1.check(answer), "should be 4640", *words)


def test_q1_fraction_and_text_are_explained():
    """A count is a whole number; text is not a number."""
    assert says(q1.check(4640.5), "whole number")
    assert says(q1.check("4640"), "quotes")


# q2 ------------------------------------------------------------------------
def starts(n, k, s, p):
    """Number of window starts 0, s, 2s, ... with the window inside n + 2p cells."""
    return len(range(0, n + 2 * p - k + 1, s))


Q2_SIDE = starts(L.Q2_INPUT_SHAPE[1], L.Q2_KERNEL, L.Q2_STRIDE, L.Q2_PADDING)
Q2_RIGHT = (L.Q2_C_OUT, Q2_SIDE, Q2_SIDE)


def test_q2_accepts_filters_and_counted_starts():
    """(filters, starts, starts): (8, 16, 16), as a tuple, a list or an array."""
    assert Q2_RIGHT == (8, 16, 16)
    for answer in (Q2_RIGHT, list(Q2_RIGHT), np.array(Q2_RIGHT)):
        assert q2.check(answer).correct


@pytest.mark.parametrize(("answer", "words"), [
    ((3, 16, 16), ("one channel per filter, 8", "3 is the number of input channels")),
    ((8, 14, 14), ("without padding",)),
    ((8, 15, 15), ("padding on one side only", "left out the + 1")),
    ((8, 32, 32), ("size at stride 1",)),
    ((8, 17, 17), ("rounded up",)),
    ((8, 28, 28), ("without padding and at stride 1",)),
    ((5, 16, 16), ("one channel (map) per filter: 8, not 5",)),
    ((16, 16), ("rows and columns of each map: right", "channels too")),
    ((8, 16), ("channels too",)),
    ((8, 16, 15), ("number of rows is right",)),
])
def test_q2_diagnoses_each_slip(answer, words):
    """Input channels kept, padding forgotten or halved, no + 1, no stride, rounding up, channels left out."""
    assert says(q2.check(answer), *words)


@pytest.mark.parametrize("answer", ["(8, 16, 16)", 16, (8, 16, 16, 1), (8.5, 16, 16), None])
def test_q2_wrong_kinds_of_answer(answer):
    """Text, one number, four numbers, fractions: asked for (channels, rows, columns)."""
    assert says(q2.check(answer), "(channels, rows, columns)")


# q3 ------------------------------------------------------------------------
def impulse_side():
    """Side of the block reaching output (0, 0): a 1 sent through scipy's max and sum filters, row by row."""
    n, reach = 16, []
    for r in range(n):
        x = np.zeros((n, n))
        x[r, 0] = 1
        y = ndi.maximum_filter(x, size=2, origin=(-1, -1))[::2, ::2]   # window at [i, i+1]
        for _ in range(2):
            y = ndi.uniform_filter(y, size=3, origin=(-1, -1))[:-2, :-2] * 9   # sum of [i, i+2]
        reach.append(y[0, 0] > 1e-9)
    return max(i for i, hit in enumerate(reach) if hit) + 1


def test_q3_accepts_the_side_found_by_an_impulse():
    """The side found by experiment with scipy filters is accepted: 10."""
    assert impulse_side() == 10
    assert q3.check(10).correct


@pytest.mark.parametrize(("answer", "words"), [
    (8, ("adds the window sizes",)),
    (6, ("forgets the pooling's stride",)),
    (14, ("doubles the step at every layer",)),
    (5, ("leaves out the pooling",)),
    (18, ("multiplies the window sizes",)),
    (100, ("number of pixels", "give its side")),
])
def test_q3_diagnoses_each_slip(answer, words):
    """Adding kernel sizes, forgetting the stride's growth, and the other slips: each explained."""
    assert says(q3.check(answer), "should be 10", *words)


def test_q3_other_wrong_number_and_zero():
    """A number with no diagnosis still says the right one; 0 is outside the range."""
    assert says(q3.check(9), "should be 10")
    assert says(q3.check(0), "whole number of at least 1")


# q4 ------------------------------------------------------------------------
WINDOW = np.asarray(L.Q4_X)[:2, :2]     # the first 3x3 window at padding 1: four input cells
Q4_RIGHT = (WINDOW.max(), WINDOW.mean())


def test_q4_accepts_max_and_mean_of_the_input_cells():
    """Max and mean of Q4_X[0:2, 0:2] by numpy: (-1, -3)."""
    assert Q4_RIGHT == (-1, -3)
    assert q4.check(Q4_RIGHT).correct and q4.check([-1, -3.0]).correct


@pytest.mark.parametrize(("answer", "words"), [
    ((0, -3), ("minus infinity", "never win")),
    ((-1, WINDOW.sum() / 9), ("all 9 cells", "count_include_pad=True", "divide by the 4 input cells")),
    ((-3, -1), ("That is the mean", "That is the largest value")),
    ((-1, WINDOW.sum()), ("That is the sum",)),
    ((WINDOW.min(), -3), ("smallest value",)),
    ((np.abs(WINDOW).max(), -3), ("with their signs",)),
    ((np.asarray(L.Q4_X)[:3, :3].max(), np.asarray(L.Q4_X)[:3, :3].mean()), ("one row and one column",)),
])
def test_q4_diagnoses_each_slip(answer, words):
    """Padding as zeros in a max, padding counted in a mean, swapped, a sum, the window not shifted."""
    assert says(q4.check(answer), *words)


def test_q4_asks_for_a_pair():
    """One number is not a pair."""
    assert says(q4.check(-1), "a pair `(max, mean)`")


# q5 ------------------------------------------------------------------------
def test_q5_mixing_channels_is_what_the_weights_do():
    """Each output pixel of Q5_W is a weighted sum of the same pixel's channels (checked with einsum)."""
    from convlib import conv2d

    x = np.random.default_rng(5).standard_normal((3, 4, 5))
    y = conv2d(x, L.Q5_W)
    assert y.shape == (2, 4, 5)
    assert np.allclose(y, np.einsum("fc,chw->fhw", np.asarray(L.Q5_W)[:, :, 0, 0], x))
    assert q5.check("mixes the channels of each pixel").correct and q5.check("Mix channels").correct


@pytest.mark.parametrize(("answer", "words"), [
    ("blurs each channel", ("sees one pixel only",)),
    ("finds edges", ("compares neighbouring pixels",)),
    ("halves the size", ("(2, H, W)", "from 3 to 2")),
    ("rotates", ("not one of the choices",)),
])
def test_q5_diagnoses_each_wrong_choice(answer, words):
    """Blur, edges, shrinking: each explained; a word outside the list lists the choices."""
    assert says(q5.check(answer), *words)
