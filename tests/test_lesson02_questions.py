"""Tests of convlib.lessons.lesson02.questions: the exercises of lesson 02, with right and wrong answers.

Expected answers are computed here independently of convlib (counting
window starts with a loop, numpy.pad, plain index arithmetic), so a wrong
answer key in the lesson would make these tests fail.
"""

from __future__ import annotations

import numpy as np
import pytest

from convlib.exercises import ____
from convlib.lessons.lesson02 import q1, q2, q3, q4, q5
from convlib.lessons.lesson02 import questions as L


def starts(n, span, stride):
    """Window starts along one axis, found by walking (not by the formula)."""
    out, t = [], 0
    while t + span <= n:
        out.append(t)
        t += stride
    return out


def message(question, answer):
    """The check's status and message, for asserting on both."""
    result = question.check(answer)
    return result.status, result.message


# q1 ------------------------------------------------------------------------
def q1_expected():
    """The output shape of q1, by walking the window over the padded input."""
    span = L.Q1_DILATION * (L.Q1_KERNEL_SHAPE[0] - 1) + 1
    return tuple(len(starts(n + 2 * L.Q1_PADDING, span, L.Q1_STRIDE)) for n in L.Q1_INPUT_SHAPE)


def test_q1_accepts_the_walked_shape_as_tuple_list_and_array():
    """The shape found by walking is correct, however it is written."""
    want = q1_expected()
    for answer in (want, list(want), np.array(want)):
        assert q1.check(answer).status == "correct"


@pytest.mark.parametrize(("rule", "words"), [
    (lambda n, k, e, p, s: (n + 2 * p - e) // s, "forgot the + 1"),
    (lambda n, k, e, p, s: (n - e) // s + 1, "left out the padding"),
    (lambda n, k, e, p, s: n + 2 * p - e + 1, "ignored the stride"),
    (lambda n, k, e, p, s: (n + 2 * p - e + 1) // s, "divided the stride-1 size"),
    (lambda n, k, e, p, s: -(-(n + 2 * p - e) // s) + 1, "rounded up"),
    (lambda n, k, e, p, s: (n + 2 * p - k) // s + 1, "ignored the dilation"),
])
def test_q1_diagnoses_each_formula_slip(rule, words):
    """Each usual slip in the size rule gets its own explanation."""
    k, p, s, d = L.Q1_KERNEL_SHAPE[0], L.Q1_PADDING, L.Q1_STRIDE, L.Q1_DILATION
    wrong = tuple(rule(n, k, d * (k - 1) + 1, p, s) for n in L.Q1_INPUT_SHAPE)
    assert wrong != q1_expected()
    status, text = message(q1, wrong)
    assert status == "incorrect" and words in text, text


def test_q1_padding_once_is_named_with_the_forgotten_plus_one():
    """p instead of 2p gives the same shape as a forgotten + 1 here: both are named."""
    k, p, s, d = L.Q1_KERNEL_SHAPE[0], L.Q1_PADDING, L.Q1_STRIDE, L.Q1_DILATION
    wrong = tuple((n + p - d * (k - 1) - 1) // s + 1 for n in L.Q1_INPUT_SHAPE)
    _, text = message(q1, wrong)
    assert "padding once" in text and "n + 2p" in text


def test_q1_swapped_shape_and_text():
    """Rows and columns swapped, and a shape in quotes, are explained."""
    assert "Rows come first" in message(q1, q1_expected()[::-1])[1]
    assert "without quotes" in message(q1, str(q1_expected()))[1]


# q2 ------------------------------------------------------------------------
def q2_expected():
    """(p, top, bottom): the 'same' padding for the odd dilated kernel and for the even kernel."""
    span = L.Q2_DILATION * (L.Q2_ODD_KERNEL - 1) + 1
    total = L.Q2_EVEN_KERNEL - 1
    return ((span - 1) // 2, total // 2, total - total // 2)


def test_q2_accepts_the_independent_answer():
    """p = (span - 1) / 2, and the extra row of the even kernel at the bottom."""
    assert q2.check(q2_expected()).status == "correct"
    assert q2.check(list(q2_expected())).status == "correct"


def test_q2_keeps_the_size_for_real():
    """The answer's p does keep the size (checked by walking the window)."""
    p, top, bottom = q2_expected()
    n = L.Q2_INPUT_SHAPE[0]
    assert len(starts(n + 2 * p, L.Q2_DILATION * (L.Q2_ODD_KERNEL - 1) + 1, 1)) == n
    assert len(starts(n + top + bottom, L.Q2_EVEN_KERNEL, 1)) == n


@pytest.mark.parametrize(("change", "words"), [
    (lambda p, t, b: ((L.Q2_ODD_KERNEL - 1) // 2, t, b), "with dilation"),
    (lambda p, t, b: (2 * p, t, b), "in total"),
    (lambda p, t, b: (p + 1, t, b), "One too many"),
    (lambda p, t, b: (p - 1, t, b), "One too few"),
    (lambda p, t, b: (p + 0.5, t, b), "whole number"),
    (lambda p, t, b: (p, b, t), "swapped"),
    (lambda p, t, b: (p, t, t), "cannot be split equally"),
    (lambda p, t, b: (p, (t + b) / 2, (t + b) / 2), "cannot be split equally"),
    (lambda p, t, b: (p, t, b + 1), "should be"),
])
def test_q2_diagnoses(change, words):
    """Dilation ignored, total for each side, off by one, swapped or equal sides: each explained."""
    status, text = message(q2, change(*q2_expected()))
    assert status == "incorrect" and words in text, text


def test_q2_wrong_count_of_values():
    """Two values instead of three are asked to be three."""
    assert "three numbers" in message(q2, q2_expected()[:2])[1]


# q3 ------------------------------------------------------------------------
def q3_expected():
    """The cells of Q3_CELL's window: taps dilation apart from the window's corner."""
    r, c = L.Q3_CELL
    d = L.Q3_DILATION
    kh, kw = L.Q3_KERNEL_SHAPE
    return [(r + d * a, c + d * b) for a in range(kh) for b in range(kw)]


def test_q3_accepts_any_order():
    """The right cells are accepted in any order, as tuples, lists or an array."""
    cells = q3_expected()
    for answer in (cells, cells[::-1], [list(x) for x in cells], np.array(cells), set(cells)):
        assert q3.check(answer).status == "correct"


@pytest.mark.parametrize(("shift", "words"), [
    (lambda r, c, d, a, b: (r + a, c + b), "forgot the dilation"),
    (lambda r, c, d, a, b: (r + (d + 1) * a, c + (d + 1) * b), "cells between them"),
    (lambda r, c, d, a, b: (r + d * a + 1, c + d * b + 1), "count from 0"),
    (lambda r, c, d, a, b: (r + d * a - 1, c + d * b - 1), "Off by one"),
    (lambda r, c, d, a, b: (c + d * a, r + d * b), "row comes first"),
    (lambda r, c, d, a, b: (r * d + d * a, c * d + d * b), "does not move the window"),
])
def test_q3_diagnoses(shift, words):
    """No dilation, d + 1 apart, 1-based, one too early, swapped, dilated start: each explained."""
    r, c = L.Q3_CELL
    kh, kw = L.Q3_KERNEL_SHAPE
    cells = [shift(r, c, L.Q3_DILATION, a, b) for a in range(kh) for b in range(kw)]
    status, text = message(q3, cells)
    assert status == "incorrect" and words in text, text


def test_q3_whole_span_and_wrong_counts():
    """The whole span, too few cells, a repeated cell and a single pair are explained."""
    cells = q3_expected()
    rows = range(cells[0][0], cells[-1][0] + 1)
    cols = range(cells[0][1], cells[-1][1] + 1)
    assert "every cell inside the span" in message(q3, [(i, j) for i in rows for j in cols])[1]
    assert "4 taps" in message(q3, cells[:2])[1]
    assert "twice" in message(q3, cells[:3] + cells[:1])[1]
    assert "one cell" in message(q3, cells[0])[1]
    assert "is not a cell" in message(q3, [cells[0], "x", 3, 4])[1]
    assert "3 of them are right" in message(q3, cells[:3] + [(0, 0)])[1]


# q4 ------------------------------------------------------------------------
NUMPY_MODES = {"zero": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}


def q4_expected():
    """The padding cell in each mode, read from numpy.pad."""
    r, c = L.Q4_CELL
    p = L.Q4_PADDING
    return tuple(int(np.pad(np.asarray(L.Q4_X), p, mode=NUMPY_MODES[m])[r + p, c + p])
                 for m in ("zero", "reflect", "replicate", "circular"))


def test_q4_accepts_the_numpy_values_and_a_dict():
    """Four values from numpy.pad are right, as a tuple or a dict by mode."""
    want = q4_expected()
    assert q4.check(want).status == "correct"
    by_mode = dict(zip(("zero", "reflect", "replicate", "circular"), want, strict=True))
    assert q4.check(by_mode).status == "correct"


def test_q4_data_tell_the_modes_apart():
    """The four modes and numpy's 'symmetric' give five different values for the cell asked."""
    r, c = L.Q4_CELL
    p = L.Q4_PADDING
    symmetric = np.pad(np.asarray(L.Q4_X), p, mode="symmetric")[r + p, c + p]
    assert len({*q4_expected(), int(symmetric)}) == 5


def test_q4_zero_and_replicate_confusion():
    """The edge value given for zero padding, and 0 given for replicate, are both named."""
    zero, reflect, replicate, circular = q4_expected()
    text = message(q4, (replicate, reflect, replicate, circular))[1]
    assert text.startswith("zero:") and "does not copy the edge" in text
    text = message(q4, (zero, reflect, zero, circular))[1]
    assert text.startswith("replicate:") and "does not fill with 0" in text


def test_q4_symmetric_and_half_wrapped():
    """numpy's 'symmetric' for reflect, and wrapping one axis only for circular, are explained."""
    zero, reflect, replicate, circular = q4_expected()
    r, c = L.Q4_CELL
    p = L.Q4_PADDING
    x = np.asarray(L.Q4_X)
    symmetric = int(np.pad(x, p, mode="symmetric")[r + p, c + p])
    assert "numpy's 'symmetric'" in message(q4, (zero, symmetric, replicate, circular))[1]
    assert "but not the row" in message(q4, (zero, reflect, replicate, int(x[0, c % x.shape[1]])))[1]
    assert "but not the column" in message(q4, (zero, reflect, replicate, int(x[r % x.shape[0], 0])))[1]


def test_q4_another_mode_value_is_named():
    """The replicate value given for reflect is called replicate padding."""
    zero, reflect, replicate, circular = q4_expected()
    assert "That is replicate padding" in message(q4, (zero, replicate, replicate, circular))[1]
    assert "four numbers" in message(q4, (zero, reflect))[1]


# q5 ------------------------------------------------------------------------
def q5_expected():
    """Columns no window covers, found by walking the windows."""
    kw, w = L.Q5_KERNEL_SHAPE[1], L.Q5_INPUT_SHAPE[1]
    read = {s + j for s in starts(w, kw, L.Q5_STRIDE) for j in range(kw)}
    return [c for c in range(w) if c not in read]


def test_q5_accepts_the_walked_columns():
    """The unread columns are accepted in any order; a single int counts as a list of one only if alone."""
    want = q5_expected()
    assert len(want) > 1
    assert q5.check(want).status == "correct"
    assert q5.check(want[::-1]).status == "correct"
    assert q5.check(tuple(want)).status == "correct"


@pytest.mark.parametrize(("make", "words"), [
    (lambda want, read, st: [c for c in want if c > st[-1]], "only the columns after the last window"),
    (lambda want, read, st: [c for c in want if c < st[-1]], "never read either"),
    (lambda want, read, st: [c + 1 for c in want], "count from 0"),
    (lambda want, read, st: read, "columns that are read"),
    (lambda want, read, st: st, "where the windows start"),
    (lambda want, read, st: [], "Some columns are skipped"),
    (lambda want, read, st: want[:-1] + [read[-1]], "is read by some window"),
])
def test_q5_diagnoses(make, words):
    """Only the end, only the gaps, 1-based, read columns, starts, nothing, a read column: each explained."""
    want = q5_expected()
    w = L.Q5_INPUT_SHAPE[1]
    read = [c for c in range(w) if c not in want]
    st = starts(w, L.Q5_KERNEL_SHAPE[1], L.Q5_STRIDE)
    status, text = message(q5, make(want, read, st))
    assert status == "incorrect" and words in text, text


def test_q5_not_a_list():
    """Text and non-integers are explained."""
    assert "give a list of columns" in message(q5, "3, 7")[1]
    assert "not a column number" in message(q5, [3.5, 7])[1]


# all -----------------------------------------------------------------------
@pytest.mark.parametrize("question", [q1, q2, q3, q4, q5], ids=lambda q: q.name)
def test_blank_inside_lists_is_not_attempted(question):
    """A list still holding the blank is not attempted, not wrong."""
    assert question.check([____, ____, ____, ____]).status == "not_attempted"
