"""Tests of convlib.lessons.lesson10.questions, with right and wrong answers.

Expected answers are computed here independently of convlib's size rules:
output sizes by counting window starts (and, for the transposed ones, by
counting the cells the kernel copies cover), weights by the sizes of weight
arrays, the causal average by numpy on the window written out.
"""

from __future__ import annotations

import numpy as np
import pytest

from convlib.lessons import lesson10 as L
from convlib.lessons.lesson10 import q1, q2, q3, q4, q5


def says(result, *words):
    """The check is incorrect and its message contains every one of ``words``."""
    return result.status == "incorrect" and all(w in result.message for w in words)


def starts(n, k, s, p, d):
    """Output size of a convolution: the window starts that fit in the padded input."""
    return len(range(0, n + 2 * p - (d * (k - 1) + 1) + 1, s))


def covered(m, k, s, p, d, a=0):
    """Output size of a transposed convolution: the cells the copies cover, minus padding, plus output padding."""
    return (m - 1) * s + d * (k - 1) + 1 - 2 * p + a


Q1_RIGHT = tuple(starts(**c) for _, c in L.Q1_CASES)
Q2_RIGHT = tuple(covered(m, c["k"], c["s"], c["p"], c["d"]) for m, (_, c) in zip(Q1_RIGHT, L.Q1_CASES, strict=True))


def test_package_exports_questions_widgets_and_data():
    """lesson10 exports q1..q5 in QUESTIONS, both widgets, its helper modules and the questions' data."""
    assert [q.name for q in L.QUESTIONS] == ["q1", "q2", "q3", "q4", "q5"]
    assert {"SeparableCounter", "SignalStepper", "examples", "figures", "Q1_CASES", "Q5_X"} <= set(L.__all__)


def test_q1_covers_every_case_of_the_guide_and_accepts_the_counted_sizes():
    """No padding, padding, half, full, strides (with and without padding), dilation: sizes by counting."""
    names = [name for name, _ in L.Q1_CASES]
    assert names == ["no padding", "padding", "half ('same')", "full", "strides", "strides and padding", "dilation"]
    assert Q1_RIGHT == (2, 6, 5, 7, 2, 3, 3)
    assert q1.check(Q1_RIGHT).correct and q1.check(list(Q1_RIGHT)).correct


@pytest.mark.parametrize(("index", "wrong", "words"), [
    (0, 1, ("+ 1",)),
    (1, 4, ("one side only",)),
    (6, 5, ("ignores the dilation", "5 cells")),
    (4, 3, ("ignores the stride of 2",)),
    (5, 4, ("rounds up",)),
    (5, 6, ("ignores the stride of 2",)),
])
def test_q1_diagnoses_each_slip(index, wrong, words):
    """Forgetting the +1, one-sided padding, no dilation, rounding up, no stride: each named with its case."""
    answer = list(Q1_RIGHT)
    answer[index] = wrong
    result = q1.check(tuple(answer))
    assert says(result, L.Q1_CASES[index][0], f"should be {Q1_RIGHT[index]}", *words), result.message


def test_q1_wrong_length_is_explained():
    """Six values for seven cases: asks for seven."""
    assert says(q1.check(Q1_RIGHT[:-1]), "6 values", "7 whole numbers")


def test_q2_accepts_the_covered_sizes_of_the_transposed_counterparts():
    """Each transposed counterpart gives back the convolution's input, except strides and padding (6 -> 3 -> 5)."""
    assert Q2_RIGHT == (4, 5, 5, 5, 5, 5, 7) and L.Q2_SIZES == Q1_RIGHT
    assert q2.check(Q2_RIGHT).correct


@pytest.mark.parametrize(("index", "wrong", "words"), [
    (5, 6, ("convolution's input size", "smallest size")),
    (1, 5 + 2 * 2 + 2 * 2, ("subtracted", "cuts 2 cells")),
    (6, 5, ("ignores the dilation",)),
    (4, 7, ("(n − 1)s",)),
    (0, 3, ("+ 1",)),
])
def test_q2_diagnoses_each_slip(index, wrong, words):
    """Original size, padding added not cut, no dilation, n*s instead of (n-1)s, no +1."""
    answer = list(Q2_RIGHT)
    answer[index] = wrong
    assert says(q2.check(tuple(answer)), *words), q2.check(tuple(answer)).message


def test_q3_output_padding():
    """8x8 needs output padding 1; 0 gives 7x7; 2 is not smaller than the stride."""
    k, s, p = L.Q3_SETTING["k"], L.Q3_SETTING["s"], L.Q3_SETTING["p"]
    assert starts(7, k, s, p, 1) == starts(8, k, s, p, 1) == 4
    right = next(a for a in range(s) if covered(4, k, s, p, 1, a) == 8)
    assert right == 1 and q3.check(right).correct
    assert says(q3.check(0), "7×7", "smaller")
    assert says(q3.check(2), "smaller than the stride")
    assert says(q3.check(0.5), "whole number")


def test_q4_weights_of_a_separable_layer():
    """Depthwise (C_in, 1, k, k) plus pointwise (C_out, C_in, 1, 1), counted by numpy: 2336."""
    ci, co, k = L.Q4_LAYER["c_in"], L.Q4_LAYER["c_out"], L.Q4_LAYER["k"]
    right = np.zeros((ci, 1, k, k)).size + np.zeros((co, ci, 1, 1)).size
    assert right == 2336 and q4.check(right).correct
    assert says(q4.check(np.zeros((co, ci, k, k)).size), "full 3×3 convolution")
    assert says(q4.check(ci * k * k), "depthwise part alone")
    assert says(q4.check(co * ci), "1×1 part alone")
    assert says(q4.check(co * k * k + co * ci), "*input* channel")
    assert says(q4.check(ci * k + ci * co), "9 weights")
    assert says(q4.check(right + co), "No biases")


def test_q5_causal_average():
    """y[1] = (0 + x[0] + x[1]) / 3 = 3; the centred average, the sum and y[0] are explained."""
    x = np.asarray(L.Q5_X, float)
    right = (0 + x[0] + x[1]) / 3
    assert right == 3 and q5.check(right).correct and q5.check(3).correct
    assert says(q5.check((x[0] + x[1] + x[2]) / 3), "future")
    assert says(q5.check(x[0] + x[1]), "sum")
    assert says(q5.check(x[0] / 3), "y[0]")
    assert says(q5.check(x[1]), "future")  # x[1] = 6 is also the centred average: that reason is given
    assert np.allclose(np.asarray(L.Q5_KERNEL), 1 / 3)
