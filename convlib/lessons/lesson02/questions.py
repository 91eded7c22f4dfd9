"""The questions of lesson 02, "Padding, stride and dilation".

Five questions, ``q1`` to ``q5``, used by
``notebooks/02-padding-stride-and-dilation.ipynb``::

    from convlib.exercises import ____
    from convlib.lessons.lesson02 import q1, q2, q3, q4, q5

    q1.show()          # the question and its data
    answer = ____      # the learner replaces the blank
    q1.check(answer)   # Correct / Incorrect / Not attempted, with a message
    q1.hint()          # hint 1; q1.hint(2) for hint 2
    q1.solution()

Every expected answer is computed here with convlib from the data below
(:func:`convlib.output_shape`, :func:`convlib.resolve_padding`,
:func:`convlib.trace`, :func:`convlib.pad`), never typed by hand.

Examples
--------
>>> q1.check(____)
Not attempted: Replace `____` with your answer, then run the cell again.
>>> q1.check((4, 6)).status
'incorrect'
"""

from __future__ import annotations

import numbers

import numpy as np

from ..._validate import read_only
from ...conv import PAD_MODES, output_shape, pad, resolve_padding
from ...exercises import (
    CheckResult,
    Question,
    Solution,
    ____,
    check_each,
    check_number,
    check_shape,
    code_block,
    describe_answer,
    format_array,
    merge_mistakes,
)
from ...walk import trace
from .sizes import cells_read

__all__ = [
    "____",
    "Q1_DILATION",
    "Q1_INPUT_SHAPE",
    "Q1_KERNEL_SHAPE",
    "Q1_PADDING",
    "Q1_STRIDE",
    "Q2_DILATION",
    "Q2_EVEN_KERNEL",
    "Q2_INPUT_SHAPE",
    "Q2_ODD_KERNEL",
    "Q3_CELL",
    "Q3_DILATION",
    "Q3_INPUT_SHAPE",
    "Q3_KERNEL_SHAPE",
    "Q4_CELL",
    "Q4_PADDING",
    "Q4_X",
    "Q5_INPUT_SHAPE",
    "Q5_KERNEL_SHAPE",
    "Q5_STRIDE",
    "QUESTIONS",
    "q1",
    "q2",
    "q3",
    "q4",
    "q5",
]


def _incorrect(text: str) -> CheckResult:
    return CheckResult("incorrect", text[:1].upper() + text[1:])


def _whole(v) -> bool:
    if isinstance(v, (bool, np.bool_)) or not isinstance(v, (numbers.Real, np.integer, np.floating)):
        return False
    return float(v).is_integer()


def _cells(answer, what: str, example: str, size: int):
    """The learner's list of cells (pairs) or columns (ints), or a message saying why it is not one."""
    if isinstance(answer, np.ndarray):
        answer = answer.tolist()
    if isinstance(answer, (str, bytes)) or not isinstance(answer, (list, tuple, set)):
        return None, f"You gave {describe_answer(answer)}; give a list of {what}, for example `{example}`."
    items = list(answer)
    if size == 2 and len(items) == 2 and all(_whole(v) for v in items):
        return None, (f"You gave one cell, {tuple(int(v) for v in items)}; give a list of {what}, even for "
                      f"one, for example `{example}`.")
    out = []
    for item in items:
        if size == 2:
            if isinstance(item, np.ndarray):
                item = item.tolist()
            ok = isinstance(item, (list, tuple)) and len(item) == 2 and all(_whole(v) for v in item)
            if not ok:
                return None, (f"{describe_answer(item)} is not a cell: write each cell as `(row, column)`, "
                              f"for example `{example}`.")
            out.append((int(item[0]), int(item[1])))
        else:
            if not _whole(item):
                return None, (f"{describe_answer(item)} is not a column number: give whole numbers, "
                              f"as in `{example}`.")
            out.append(int(item))
    if len(set(out)) != len(out):
        return None, f"Your list names a {what[:-1]} twice; name each one once."
    return sorted(out), None


# --------------------------------------------------------------------------
# q1: an output shape with padding, stride and dilation
# --------------------------------------------------------------------------
#: Input shape of question 1: (rows, columns).
Q1_INPUT_SHAPE = (9, 14)
#: Kernel shape of question 1.
Q1_KERNEL_SHAPE = (3, 3)
#: Padding on every side, stride and dilation of question 1.
Q1_PADDING, Q1_STRIDE, Q1_DILATION = 2, 2, 2

_Q1_ANSWER = output_shape(Q1_INPUT_SHAPE, Q1_KERNEL_SHAPE, padding=Q1_PADDING, stride=Q1_STRIDE,
                          dilation=Q1_DILATION)
_P, _S, _D = Q1_PADDING, Q1_STRIDE, Q1_DILATION
_SPAN = _D * (Q1_KERNEL_SHAPE[0] - 1) + 1


def _q1_shape(rule) -> tuple:
    return tuple(int(rule(n, k, _D * (k - 1) + 1))
                 for n, k in zip(Q1_INPUT_SHAPE, Q1_KERNEL_SHAPE, strict=True))


def _q1_mistakes() -> list:
    k = Q1_KERNEL_SHAPE[0]
    found = [
        (_q1_shape(lambda n, k, e: (n + 2 * _P - e) // _S),
         "You forgot the + 1: the windows start at 0, s, 2s, ..., and the first one, at 0, counts too."),
        (_q1_shape(lambda n, k, e: (n + _P - e) // _S + 1),
         f"You added the padding once; it goes on both sides, so the padded size is n + 2p "
         f"(n + {2 * _P}), not n + p."),
        (_q1_shape(lambda n, k, e: (n - e) // _S + 1),
         f"You left out the padding: with padding {_P} the input grows to n + 2p cells before the kernel "
         "slides."),
        (_q1_shape(lambda n, k, e: n + 2 * _P - e + 1),
         f"You ignored the stride: the window jumps {_S} cells at a time, so divide the distance it can "
         "travel, n + 2p - span, by the stride (rounding down), then add 1."),
        (_q1_shape(lambda n, k, e: (n + 2 * _P - e + 1) // _S),
         f"You divided the stride-1 size n + 2p - span + 1 by {_S}; divide only the distance the window "
         "travels, n + 2p - span, then add 1 for the first window."),
        (_q1_shape(lambda n, k, e: -(-(n + 2 * _P - e) // _S) + 1),
         "You rounded up. A window that would stick out of the padded input is not used: round down."),
        (_q1_shape(lambda n, k, e: (n + 2 * _P - k) // _S + 1),
         f"You ignored the dilation: a {k}-wide kernel with dilation {_D} spans d(k - 1) + 1 = {_SPAN} "
         "cells, "
         f"not {k}."),
        (_q1_shape(lambda n, k, e: (n + 2 * _P - _D * k) // _S + 1),
         f"You took the span as d × k = {_D * k}; taps {_D} apart over {k} cells span "
         f"d(k - 1) + 1 = {_SPAN}."),
        (_Q1_ANSWER[::-1], "Rows come first, then columns."),
    ]
    return merge_mistakes(found, tuple(_Q1_ANSWER))


def _q1_rule(n: int) -> str:
    return f"({n} + 2×{_P} - {_SPAN}) // {_S} + 1"


q1 = Question(
    "q1",
    "An output shape",
    f"An input of {Q1_INPUT_SHAPE[0]} rows and {Q1_INPUT_SHAPE[1]} columns is cross-correlated with a "
    f"{Q1_KERNEL_SHAPE[0]}×{Q1_KERNEL_SHAPE[1]} kernel, with zero padding {Q1_PADDING} on every side, "
    f"stride {Q1_STRIDE} and dilation {Q1_DILATION}. What is the shape of the output? Answer with a tuple "
    "`(rows, columns)`, worked out by hand (then check it with `cl.output_shape` if you like).",
    lambda answer: check_shape(answer, _Q1_ANSWER, mistakes=_q1_mistakes(),
                               explanation=f"`{_q1_rule(Q1_INPUT_SHAPE[0])} = {_Q1_ANSWER[0]}` rows and "
                                           f"`{_q1_rule(Q1_INPUT_SHAPE[1])} = {_Q1_ANSWER[1]}` columns."),
    hints=[
        f"First the span of the dilated kernel: taps {Q1_DILATION} apart, so d(k - 1) + 1 cells. Then the "
        "padded size n + 2p along each axis.",
        "The window can start at 0, s, 2s, ... as long as start + span ≤ n + 2p. Count those starts: "
        "`(n + 2p - span) // s + 1`.",
    ],
    solution=Solution(
        f"span = {_D} * ({Q1_KERNEL_SHAPE[0]} - 1) + 1          # = {_SPAN}\n"
        f"shape = ({_q1_rule(Q1_INPUT_SHAPE[0])}, {_q1_rule(Q1_INPUT_SHAPE[1])})   # = {_Q1_ANSWER}"
        .replace("×", " * "),
        "Count the window starts 0, s, 2s, ... that leave room for the span inside the padded input.",
    ),
)


# --------------------------------------------------------------------------
# q2: the padding that keeps the size
# --------------------------------------------------------------------------
#: Input shape of question 2.
Q2_INPUT_SHAPE = (32, 32)
#: The odd kernel of question 2 (side) and its dilation.
Q2_ODD_KERNEL, Q2_DILATION = 5, 2
#: The even kernel of question 2 (side), dilation 1.
Q2_EVEN_KERNEL = 4

(_Q2_P, _), _ = resolve_padding(Q2_INPUT_SHAPE, (Q2_ODD_KERNEL,) * 2, mode="same", dilation=Q2_DILATION)
_Q2_TOP_BOTTOM, _ = resolve_padding(Q2_INPUT_SHAPE, (Q2_EVEN_KERNEL,) * 2, mode="same")
_Q2_SPAN = Q2_DILATION * (Q2_ODD_KERNEL - 1) + 1
_Q2_EVEN_TOTAL = sum(_Q2_TOP_BOTTOM)


def _q2_p_mistakes() -> list:
    k, d = Q2_ODD_KERNEL, Q2_DILATION
    found = [
        ((k - 1) // 2, f"That keeps the size of a plain {k}×{k} kernel; with dilation {d} it spans "
                       f"{_Q2_SPAN} cells, so it needs (span - 1) / 2 on each side."),
        (_Q2_SPAN - 1, f"That is the padding in total ({_Q2_SPAN} - 1); it is shared by the two sides."),
        (_Q2_SPAN // 2 + 1, "One too many: the output keeps the size when n + 2p - span + 1 = n."),
        (_Q2_SPAN // 2 - 1, "One too few: the output keeps the size when n + 2p - span + 1 = n."),
        (_Q2_SPAN / 2, "Padding is a whole number of cells: (span - 1) / 2."),
    ]
    return merge_mistakes(found, _Q2_P)


def _check_q2(answer) -> CheckResult:
    want = "three numbers `(p, top, bottom)`"
    top, bottom = _Q2_TOP_BOTTOM
    if isinstance(answer, (tuple, list)) and len(answer) == 3:
        pair = tuple(answer[1:])
        if pair == (bottom, top) and top != bottom:
            return _incorrect(
                f"Top and bottom are swapped: for cross-correlation convlib puts the extra row after the "
                f"input, at the bottom ({top} on top, {bottom} at the bottom); true convolution puts it on "
                "top (as scipy.signal does).")
        if top != bottom and len(set(pair)) == 1 and all(isinstance(v, numbers.Real) for v in pair):
            return _incorrect(
                f"A {Q2_EVEN_KERNEL}×{Q2_EVEN_KERNEL} kernel needs {_Q2_EVEN_TOTAL} rows of padding in "
                "total, "
                "an odd number: padding comes in whole rows, so it cannot be split equally and one side gets "
                "one more row than the other.")
    checks = [
        lambda v: check_number(v, _Q2_P, name="p", whole=True, low=0, mistakes=_q2_p_mistakes()),
        lambda v: check_number(v, top, name="the number of rows on top", whole=True, low=0),
        lambda v: check_number(v, bottom, name="the number of rows at the bottom", whole=True, low=0),
    ]
    return check_each(answer, checks, want=want, labels=["(a)", "(b)", "(b)"],
                      explanation=f"p = ({_Q2_SPAN} - 1) / 2 = {_Q2_P} keeps the size. The "
                                  f"{Q2_EVEN_KERNEL}×{Q2_EVEN_KERNEL} kernel needs {_Q2_EVEN_TOTAL} rows: "
                                  f"{top} on top and {bottom} at the bottom.")


q2 = Question(
    "q2",
    "Padding that keeps the size",
    f"An input of {Q2_INPUT_SHAPE[0]}×{Q2_INPUT_SHAPE[1]}, stride 1. (a) A {Q2_ODD_KERNEL}×{Q2_ODD_KERNEL} "
    f"kernel with dilation {Q2_DILATION}: which zero padding `p` on every side keeps the output "
    f"{Q2_INPUT_SHAPE[0]}×{Q2_INPUT_SHAPE[1]}? (b) A {Q2_EVEN_KERNEL}×{Q2_EVEN_KERNEL} kernel (dilation 1) "
    "with `mode='same'`: how many rows of padding does `correlate2d` put on top, and how many at the "
    "bottom? Answer with three numbers `(p, top, bottom)`.",
    _check_q2,
    hints=[
        "The output keeps the size when n + (padding in total) - span + 1 = n, so the padding in total "
        "must be span - 1, with span = d(k - 1) + 1.",
        "Share span - 1 between the two sides. When it is odd, look at what `cl.resolve_padding` returns "
        f"for `({Q2_INPUT_SHAPE}, ({Q2_EVEN_KERNEL}, {Q2_EVEN_KERNEL}), mode='same')`.",
    ],
    solution=Solution(
        f"p = ({Q2_DILATION} * ({Q2_ODD_KERNEL} - 1) + 1 - 1) // 2      # = {_Q2_P}\n"
        f"total = {Q2_EVEN_KERNEL} - 1                            # = {_Q2_EVEN_TOTAL}, odd\n"
        f"answer = (p, total // 2, total - total // 2)   "
        f"# = ({_Q2_P}, {_Q2_TOP_BOTTOM[0]}, {_Q2_TOP_BOTTOM[1]})",
        "Padding span - 1 in total keeps the size; an odd total gets its extra row after the input.",
    ),
)


# --------------------------------------------------------------------------
# q3: the cells a dilated kernel reads
# --------------------------------------------------------------------------
#: Input shape, kernel shape and dilation of question 3 (no padding, stride 1).
Q3_INPUT_SHAPE, Q3_KERNEL_SHAPE, Q3_DILATION = (6, 7), (2, 2), 2
#: The output cell of question 3.
Q3_CELL = (1, 2)


def _taps(cell, **options) -> list:
    t = trace(np.zeros(Q3_INPUT_SHAPE), np.zeros(Q3_KERNEL_SHAPE), **options)
    step = next(s for s in t.steps if s.out_index == tuple(cell))
    (top, _), (left, _) = t.padding
    return sorted((r - top, c - left) for r in step.rows for c in step.cols)


_Q3_ANSWER = _taps(Q3_CELL, dilation=Q3_DILATION)


def _q3_mistakes() -> list:
    r, c = Q3_CELL
    d = Q3_DILATION
    span = [(i, j) for i in range(_Q3_ANSWER[0][0], _Q3_ANSWER[-1][0] + 1)
            for j in range(_Q3_ANSWER[0][1], _Q3_ANSWER[-1][1] + 1)]
    found = [
        (_taps(Q3_CELL), f"Those are neighbouring cells: you forgot the dilation. With dilation {d} the "
                         f"taps are {d} cells apart."),
        (sorted((r + a * (d + 1), c + b * (d + 1)) for a in range(2) for b in range(2)),
         f"Dilation {d} puts the taps {d} cells apart ({d - 1} cell between them), not {d} cells between "
         "them."),
        (sorted((i + 1, j + 1) for i, j in _Q3_ANSWER),
         "Every cell is 1 too far: rows and columns count from 0."),
        (sorted((i - 1, j - 1) for i, j in _Q3_ANSWER),
         f"Off by one: the window of Y[{r},{c}] starts at X[{r},{c}] (stride 1, no padding), not one cell "
         "earlier."),
        (_taps(Q3_CELL[::-1], dilation=d), f"Those are the cells of Y[{c},{r}]: the row comes first."),
        (sorted((r * d + i, c * d + j) for i, j in
                [(a * d, b * d) for a in range(2) for b in range(2)]),
         "The dilation spreads the taps; it does not move the window. The window of Y[r,c] starts at "
         "X[r·s, c·s] with stride s = 1."),
        (sorted(span), "That is every cell inside the span; the kernel has only 4 taps, at the corners."),
    ]
    return merge_mistakes([(tuple(v), t) for v, t in found], tuple(_Q3_ANSWER))


def _check_q3(answer) -> CheckResult:
    cells, problem = _cells(answer, "cells", "[(0, 0), (0, 1)]", 2)
    if problem:
        return _incorrect(problem)
    if cells == _Q3_ANSWER:
        return CheckResult("correct", f"Y[{Q3_CELL[0]},{Q3_CELL[1]}] reads X at {_Q3_ANSWER}: the taps are "
                                      f"{Q3_DILATION} apart.")
    for wrong, text in _q3_mistakes():
        if tuple(cells) == wrong:
            return _incorrect(f"You gave {cells}. {text}")
    n = len(_Q3_ANSWER)
    if len(cells) != n:
        plural = "s" if len(cells) != 1 else ""
        kh, kw = Q3_KERNEL_SHAPE
        return _incorrect(f"You gave {len(cells)} cell{plural}; the {kh}×{kw} kernel "
                          f"has {n} taps, so it reads {n} cells.")
    right = sorted(set(cells) & set(_Q3_ANSWER))
    return _incorrect(f"You gave {cells}; {len(right)} of them {'is' if len(right) == 1 else 'are'} right.")


q3 = Question(
    "q3",
    "Which cells does a dilated kernel read?",
    f"An input X of shape {Q3_INPUT_SHAPE} and a {Q3_KERNEL_SHAPE[0]}×{Q3_KERNEL_SHAPE[1]} kernel with "
    f"dilation {Q3_DILATION}, stride 1, no padding. Which cells of X does the output cell "
    f"`Y[{Q3_CELL[0]},{Q3_CELL[1]}]` read? Give a list of `(row, column)` pairs, counted from 0, in any "
    "order.",
    _check_q3,
    hints=[
        f"At stride 1 without padding, the window of `Y[r,c]` starts at `X[r,c]`. The kernel weight "
        f"`K[a,b]` then lands {Q3_DILATION}·a rows lower and {Q3_DILATION}·b columns further right.",
        "List `(r + d*a, c + d*b)` for a and b in 0, 1. The step-through widget above, with the dilation "
        "set, frames the same cells.",
    ],
    solution=Solution(
        f"r, c, d = {Q3_CELL[0]}, {Q3_CELL[1]}, {Q3_DILATION}\n"
        f"cells = [(r + d * a, c + d * b)\n"
        f"         for a in range({Q3_KERNEL_SHAPE[0]}) for b in range({Q3_KERNEL_SHAPE[1]})]"
        f"   # {_Q3_ANSWER}",
        "Start at the window's corner and step d cells for each kernel row and column.",
    ),
)


# --------------------------------------------------------------------------
# q4: a border value in each padding mode
# --------------------------------------------------------------------------
#: The input of question 4: every value different, so each mode's value is recognisable.
Q4_X = read_only([[6, 11, 3, 14, 8],
                  [2, 9, 13, 5, 12],
                  [15, 4, 10, 1, 7]])
#: Padding on every side in question 4.
Q4_PADDING = 2
#: The padding cell asked for, in X's coordinates: row -1, column -2.
Q4_CELL = (-1, -2)

_Q4_MODES = tuple(PAD_MODES)
_Q4_ANSWER = {m: int(pad(Q4_X, Q4_PADDING, m)[Q4_CELL[0] + Q4_PADDING, Q4_CELL[1] + Q4_PADDING])
              for m in _Q4_MODES}
_Q4_AT = (Q4_CELL[0] + Q4_PADDING, Q4_CELL[1] + Q4_PADDING)
_Q4_SYMMETRIC = int(np.pad(Q4_X, Q4_PADDING, mode="symmetric")[_Q4_AT])
_Q4_ROW_ONLY = int(Q4_X[Q4_CELL[0] % Q4_X.shape[0], 0])
_Q4_COL_ONLY = int(Q4_X[0, Q4_CELL[1] % Q4_X.shape[1]])


def _q4_mistakes(mode: str) -> list:
    other = {m: v for m, v in _Q4_ANSWER.items() if m != mode}
    notes = {
        "zero": "That is the zero padding value: zero padding fills every padding cell with 0.",
        "replicate": "That is replicate padding: it copies the nearest edge cell, here the corner X[0,0].",
        "reflect": "That is reflect padding: it mirrors the input around its edge cells.",
        "circular": "That is circular padding: it continues from the opposite side.",
    }
    found = []
    if mode == "zero":
        found.append((_Q4_ANSWER["replicate"], "Zero padding does not copy the edge (that is replicate): "
                                               "every padding cell holds 0."))
    if mode == "replicate":
        found.append((0, "Replicate does not fill with 0 (that is zero padding): it copies the nearest edge "
                         "value, here the corner X[0,0]."))
    if mode == "reflect":
        found.append((_Q4_SYMMETRIC, "You mirrored with the edge repeated (numpy's 'symmetric'); convlib's "
                                     "reflect, like numpy's 'reflect', mirrors around the edge cell without "
                                     "repeating it: 2 columns out is X[.,2]."))
    if mode == "circular":
        found.append((_Q4_COL_ONLY, "You wrapped the column but not the row: row -1 wraps to the last row."))
        found.append((_Q4_ROW_ONLY, "You wrapped the row but not the column: column -2 wraps to the "
                                    "second-to-last column."))
    taken = {v for v, _ in found}
    found += [(v, notes[m]) for m, v in other.items() if v not in taken]
    return merge_mistakes(found, _Q4_ANSWER[mode])


def _check_q4(answer) -> CheckResult:
    if isinstance(answer, dict):
        answer = [answer.get(m) for m in _Q4_MODES]
    checks = [(lambda v, m=m: check_number(v, _Q4_ANSWER[m], name=f"the {m} value", mistakes=_q4_mistakes(m)))
              for m in _Q4_MODES]
    return check_each(answer, checks, want="four numbers `(zero, reflect, replicate, circular)`",
                      labels=list(_Q4_MODES),
                      explanation=", ".join(f"{m}: {v}" for m, v in _Q4_ANSWER.items()) + ".")


q4 = Question(
    "q4",
    "A border cell in each padding mode",
    f"The input\n{code_block('X', Q4_X)}\n\nis padded by {Q4_PADDING} cells on every side. What value does "
    f"the padding cell at row {Q4_CELL[0]}, column {Q4_CELL[1]} hold (one row above X and two columns to its "
    "left, in X's own numbering), with each padding mode? Answer with four numbers "
    "`(zero, reflect, replicate, circular)`.",
    _check_q4,
    hints=[
        "zero: always 0. replicate: the nearest cell of X. reflect: mirror around the edge cell, without "
        "repeating it (1 out is 1 in). circular: continue from the other side.",
        f"Treat rows and columns one at a time: row {Q4_CELL[0]} becomes which row of X, and column "
        f"{Q4_CELL[1]} which column? Then read X there. `cl.pad(X, {Q4_PADDING}, mode)` shows the whole "
        "padded array to check.",
    ],
    solution=Solution(
        "X = np.array(" + format_array(Q4_X).replace("\n ", "\n" + " " * 14) + ")\n"
        "answer = (0,         # zero\n"
        f"          X[{-Q4_CELL[0]}, {-Q4_CELL[1]}],   # reflect: row -1 -> 1, column -2 -> 2 = "
        f"{_Q4_ANSWER['reflect']}\n"
        f"          X[0, 0],   # replicate: the nearest cell, the corner = {_Q4_ANSWER['replicate']}\n"
        f"          X[{Q4_CELL[0]}, {Q4_CELL[1]}])  # circular: last row, second-to-last column = "
        f"{_Q4_ANSWER['circular']}",
        "Each mode maps the padding cell to a cell of X (or to 0).",
    ),
)


# --------------------------------------------------------------------------
# q5: columns a stride never reads
# --------------------------------------------------------------------------
#: Input and kernel shapes of question 5, and the stride (both axes, no padding).
Q5_INPUT_SHAPE, Q5_KERNEL_SHAPE, Q5_STRIDE = (8, 12), (3, 3), 4

_Q5_READ = cells_read(Q5_INPUT_SHAPE, Q5_KERNEL_SHAPE, stride=Q5_STRIDE).any(axis=0)
_Q5_ANSWER = [int(c) for c in np.flatnonzero(~_Q5_READ)]
_Q5_STARTS = sorted({s.top_left[1] for s in trace(np.zeros(Q5_INPUT_SHAPE), np.zeros(Q5_KERNEL_SHAPE),
                                                    stride=Q5_STRIDE).steps})


def _q5_mistakes() -> list:
    kw = Q5_KERNEL_SHAPE[1]
    last = _Q5_STARTS[-1]
    found = [
        ([c for c in _Q5_ANSWER if c >= last + kw],
         f"Those are only the columns after the last window. The stride {Q5_STRIDE} is larger than the "
         "kernel "
         f"width {kw}, so columns between the windows are skipped too."),
        ([c for c in _Q5_ANSWER if c < last],
         f"The last window starts at column {last} and covers {last}-{last + kw - 1}; the columns after it "
         "are "
         f"never read either (a window starting at {last + Q5_STRIDE} would stick out)."),
        ([c + 1 for c in _Q5_ANSWER], "These are 1 too large: columns count from 0."),
        ([int(c) for c in np.flatnonzero(_Q5_READ)], "Those are the columns that are read; the question asks "
                                                    "for the ones never read."),
        (_Q5_STARTS, "Those are where the windows start; each window then covers "
                     f"{kw} columns from there."),
        ([], f"Some columns are skipped: windows start at {', '.join(map(str, _Q5_STARTS))} and are only "
             f"{kw} wide."),
    ]
    return merge_mistakes([(tuple(v), t) for v, t in found if sorted(v) != _Q5_ANSWER or not v],
                          tuple(_Q5_ANSWER))


def _check_q5(answer) -> CheckResult:
    if isinstance(answer, (numbers.Integral, np.integer)) and not isinstance(answer, bool):
        answer = [answer]
    cols, problem = _cells(answer, "columns", "[1, 5]", 1)
    if problem:
        return _incorrect(problem)
    if cols == _Q5_ANSWER:
        return CheckResult("correct", f"Windows start at columns {', '.join(map(str, _Q5_STARTS))}; columns "
                                      f"{_Q5_ANSWER} are never read.")
    for wrong, text in _q5_mistakes():
        if tuple(cols) == wrong:
            return _incorrect(f"You gave {cols}. {text}")
    missed = sorted(set(_Q5_ANSWER) - set(cols))
    extra = sorted(set(cols) - set(_Q5_ANSWER))
    parts = []
    if extra:
        parts.append(f"{extra} {'is' if len(extra) == 1 else 'are'} read by some window")
    if missed:
        parts.append(f"{len(missed)} unread column{'s are' if len(missed) > 1 else ' is'} missing")
    return _incorrect(f"You gave {cols}: " + "; ".join(parts) + ".")


q5 = Question(
    "q5",
    "Columns a stride skips",
    f"An input of shape {Q5_INPUT_SHAPE} is cross-correlated with a "
    f"{Q5_KERNEL_SHAPE[0]}×{Q5_KERNEL_SHAPE[1]} "
    f"kernel, stride {Q5_STRIDE}, no padding, dilation 1. Which columns of the input are never read by any "
    "window? Give a list of column numbers, counted from 0.",
    _check_q5,
    hints=[
        f"Write down where the windows start: 0, {Q5_STRIDE}, {2 * Q5_STRIDE}, ... as long as the window "
        "still fits inside the input.",
        f"Each window covers {Q5_KERNEL_SHAPE[1]} columns from its start. Every column not covered by any "
        "window is never read.",
    ],
    solution=Solution(
        f"starts = range(0, {Q5_INPUT_SHAPE[1]} - {Q5_KERNEL_SHAPE[1]} + 1, {Q5_STRIDE})   # "
        f"{', '.join(map(str, _Q5_STARTS))}\n"
        f"read = {{s + j for s in starts for j in range({Q5_KERNEL_SHAPE[1]})}}\n"
        f"columns = [c for c in range({Q5_INPUT_SHAPE[1]}) if c not in read]   # {_Q5_ANSWER}",
        "List the window starts, mark the columns each window covers, keep the rest.",
    ),
)

#: The questions of the lesson, in order.
QUESTIONS = (q1, q2, q3, q4, q5)
