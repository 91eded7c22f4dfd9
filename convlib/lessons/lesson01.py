"""Exercises of lesson 01, "What is a convolution?".

Five questions, ``q1`` to ``q5``, used by
``notebooks/01-what-is-a-convolution.ipynb``::

    from convlib.exercises import ____
    from convlib.lessons.lesson01 import q1, q2, q3, q4, q5

    q1.show()          # the question and its data
    answer = ____      # the learner replaces the blank
    q1.check(answer)   # Correct / Incorrect / Not attempted, with a message
    q1.hint()          # hint 1; q1.hint(2) for hint 2
    q1.solution()

Every expected answer is computed here with convlib from the data below,
never typed by hand.  The data are read-only numpy arrays, so that a learner
cannot change a question by accident.

Examples
--------
>>> q1.check(____)
Not attempted: Replace `____` with your answer, then run the cell again.
>>> q2.check(Q2_INPUT_SHAPE)
Incorrect: You gave (6, 5); the output has 4 rows and 4 columns: (4, 4). That is the shape of the input: \
without padding the kernel must fit inside the input, so the output is smaller.
"""

from __future__ import annotations

import numpy as np

from .._validate import read_only
from ..conv import convolve2d, correlate2d, format_number, output_shape
from ..exercises import (
    Question,
    Solution,
    ____,
    check_function,
    check_kernel_output,
    check_number,
    check_shape,
    code_block,
    format_array,
    inline,
)
from ..walk import trace

__all__ = [
    "____",
    "Q1_CELL",
    "Q1_K",
    "Q1_X",
    "Q2_INPUT_SHAPE",
    "Q2_KERNEL_SHAPE",
    "Q3_CASES",
    "Q4_KERNEL_SHAPE",
    "Q4_X",
    "Q4_Y",
    "Q5_K",
    "Q5_X",
    "QUESTIONS",
    "q1",
    "q2",
    "q3",
    "q4",
    "q5",
]


_frozen = read_only
_block = code_block
_inline = inline


def _operand(value) -> str:
    text = format_number(value)
    return f"({text})" if text.startswith("-") else text


# The notebook's own small example (section "The smallest example"), which the
# questions' arrays must not be confused with: an answer computed with it is
# recognised and explained.  tests/test_lesson01.py checks that these are the
# arrays the notebook defines.
_NOTEBOOK_X = _frozen([[1, 2, 3],
                       [4, 5, 6],
                       [7, 8, 9]])
_NOTEBOOK_K = _frozen([[0, 1],
                       [1, 0]])
_NOT_THE_NOTEBOOKS = "This question has its own arrays, printed by `{q}.show()`."


# --------------------------------------------------------------------------
# q1: one output cell by hand
# --------------------------------------------------------------------------
#: Input of question 1.
Q1_X = _frozen([[1, 2, 0],
                [0, 1, 3],
                [2, 1, 1]])
#: Kernel of question 1.
Q1_K = _frozen([[1, 2],
                [3, -1]])
#: The output cell asked for: ``Y[1,0]``.
Q1_CELL = (1, 0)

_Q1_Y = correlate2d(Q1_X, Q1_K)
_Q1_STEP = next(s for s in trace(Q1_X, Q1_K).steps if s.out_index == Q1_CELL)
_Q1_ANSWER = _Q1_Y[Q1_CELL]
_Q1_NAME = f"Y[{Q1_CELL[0]},{Q1_CELL[1]}]"
_Q1_FULL_NAME = f"{_Q1_NAME} of correlate2d(Q1_X, Q1_K)"
_Q1_SWAPPED = (Q1_CELL[1], Q1_CELL[0])


def _q1_mistakes() -> list[tuple[object, str]]:
    r, c = Q1_CELL
    own = _NOT_THE_NOTEBOOKS.format(q="q1")
    found = [
        (correlate2d(_NOTEBOOK_X, _NOTEBOOK_K)[Q1_CELL],
         f"You used the notebook's X and K (the 3×3 example above), not Q1_X and Q1_K. {own}"),
        (correlate2d(_NOTEBOOK_X, Q1_K)[Q1_CELL],
         f"You used the notebook's X with Q1_K: take the window from Q1_X. {own}"),
        (correlate2d(Q1_X, _NOTEBOOK_K)[Q1_CELL],
         f"You used Q1_X with the notebook's K: multiply by the weights of Q1_K. {own}"),
        (convolve2d(Q1_X, Q1_K)[Q1_CELL],
         "That is the value with the kernel flipped (true convolution). correlate2d does not flip: "
         "`Q1_K[0,0]` multiplies the top-left value of the window."),
    ]
    if _Q1_SWAPPED != Q1_CELL and max(_Q1_SWAPPED) < min(_Q1_Y.shape):
        found.append((
            _Q1_Y[_Q1_SWAPPED],
            f"That is Y[{c},{r}]. In {_Q1_NAME} the first index is the row (row {r}) and the second "
            f"the column (column {c}), both counted from 0.",
        ))
    found.append((
        correlate2d(Q1_X, np.abs(Q1_K))[Q1_CELL],
        "That is what you get when the minus sign in the kernel is left out: a negative weight "
        "subtracts its product.",
    ))
    found.append((
        _Q1_Y[0, 0], "That is Y[0,0]: the window of " + _Q1_NAME + f" starts at row {r}, column {c} of X.",
    ))
    # keep the first explanation of each wrong value, and never the right one
    out, seen = [], {float(_Q1_ANSWER)}
    for value, text in found:
        if float(value) not in seen:
            seen.add(float(value))
            out.append((value, text))
    return out


def _q1_solution() -> Solution:
    r, c = Q1_CELL
    kh, kw = Q1_K.shape
    products = " + ".join(f"{_operand(w)}*{_operand(k)}"
                          for w, k in zip(_Q1_STEP.window.ravel(), _Q1_STEP.kernel.ravel(), strict=True))
    code = (
        f"# the window of {_Q1_NAME}: rows {r}-{r + kh - 1} and columns {c}-{c + kw - 1} of Q1_X,\n"
        f"# multiplied cell by cell with Q1_K (not flipped), then added up\n"
        f"answer = {products}   # = {format_number(_Q1_ANSWER)}"
    )
    return Solution(code, f"`{_Q1_STEP.equation()}`")


q1 = Question(
    "q1",
    "One cell by hand",
    f"`Y = correlate2d(Q1_X, Q1_K)` with this question's own input and kernel (not the notebook's `X` "
    f"and `K`):\n{_block('Q1_X', Q1_X)}\n{_block('Q1_K', Q1_K)}\n\n"
    f"Compute `{_Q1_NAME}` by hand (row {Q1_CELL[0]}, column {Q1_CELL[1]}, counting from 0) "
    "and give it as a number.",
    lambda answer: check_number(answer, _Q1_ANSWER, name=_Q1_FULL_NAME, mistakes=_q1_mistakes(),
                                explanation=f"`{_Q1_STEP.equation()}`"),
    hints=[
        f"`{_Q1_NAME}` is the output cell in row {Q1_CELL[0]} and column {Q1_CELL[1]}. Its window is the "
        f"{Q1_K.shape[0]}×{Q1_K.shape[1]} block of Q1_X whose top-left corner is "
        f"`Q1_X[{Q1_CELL[0]},{Q1_CELL[1]}]`.",
        f"The window is `{_inline(_Q1_STEP.window)}`. Multiply each of its values by the value of Q1_K "
        "in the same position (top-left with top-left, and so on), then add the products.",
    ],
    solution=_q1_solution(),
)


# --------------------------------------------------------------------------
# q2: the output shape
# --------------------------------------------------------------------------
#: Input shape of question 2: (rows, columns).
Q2_INPUT_SHAPE = (6, 5)
#: Kernel shape of question 2: (rows, columns).
Q2_KERNEL_SHAPE = (3, 2)

_Q2_ANSWER = output_shape(Q2_INPUT_SHAPE, Q2_KERNEL_SHAPE)


def _q2_mistakes() -> list[tuple[tuple[int, int], str]]:
    (h, w), (kh, kw) = Q2_INPUT_SHAPE, Q2_KERNEL_SHAPE
    found = [
        ((h - kh, w - kw),
         f"You forgot the + 1: the kernel can start at rows 0, 1, ..., {h - kh}, which is "
         f"{h - kh + 1} positions, not {h - kh}."),
        (output_shape(Q2_INPUT_SHAPE, Q2_KERNEL_SHAPE[::-1]),
         "The kernel's rows go with the input's rows and its columns with the input's columns: "
         f"the kernel has {kh} rows and {kw} columns."),
        (Q2_INPUT_SHAPE,
         "That is the shape of the input: without padding the kernel must fit inside the input, "
         "so the output is smaller."),
        (output_shape(Q2_INPUT_SHAPE, Q2_KERNEL_SHAPE, mode="full"),
         "That is the size with 'full' padding; here there is no padding, so the kernel stays inside "
         "the input."),
        (_Q2_ANSWER[::-1], "Rows come first, then columns."),
    ]
    out, seen = [], {tuple(_Q2_ANSWER)}
    for shape, text in found:
        if tuple(shape) not in seen:
            seen.add(tuple(shape))
            out.append((tuple(shape), text))
    return out


def _q2_explanation() -> str:
    (h, w), (kh, kw) = Q2_INPUT_SHAPE, Q2_KERNEL_SHAPE
    return f"`({h} - {kh} + 1, {w} - {kw} + 1) = {_Q2_ANSWER}`: (H - kh + 1, W - kw + 1)."


q2 = Question(
    "q2",
    "Predict the output shape",
    f"An input of {Q2_INPUT_SHAPE[0]} rows and {Q2_INPUT_SHAPE[1]} columns is cross-correlated with a kernel "
    f"of {Q2_KERNEL_SHAPE[0]} rows and {Q2_KERNEL_SHAPE[1]} columns, without padding ('valid') and with "
    "stride 1. What is the shape of the output? Answer with a tuple `(rows, columns)`.",
    lambda answer: check_shape(answer, _Q2_ANSWER, mistakes=_q2_mistakes(), explanation=_q2_explanation()),
    hints=[
        "Count the rows where the top row of the kernel can be: the kernel is "
        f"{Q2_KERNEL_SHAPE[0]} rows tall "
        f"and must stay inside the {Q2_INPUT_SHAPE[0]} rows of the input. Then do the same for the columns.",
        "A kernel of height `kh` fits at rows `0, 1, ..., H - kh` of an input of height `H`: that is "
        "`H - kh + 1` positions. The same holds for the width.",
    ],
    solution=Solution(
        f"shape = ({Q2_INPUT_SHAPE[0]} - {Q2_KERNEL_SHAPE[0]} + 1, "
        f"{Q2_INPUT_SHAPE[1]} - {Q2_KERNEL_SHAPE[1]} + 1)   # = {_Q2_ANSWER}",
        "The output has `H - kh + 1` rows and `W - kw + 1` columns.",
    ),
)


# --------------------------------------------------------------------------
# q3: the loop
# --------------------------------------------------------------------------
#: The tests of question 3: (X, K) pairs, square and not, with negative
#: numbers, a 1×1 kernel and a kernel as large as the input.  The first
#: kernel is not symmetric, so a flipped kernel shows at once.
Q3_CASES = (
    (Q1_X, Q1_K),
    (_frozen([[3, 1, 4, 1, 5],
              [9, 2, 6, 5, 3],
              [5, 8, 9, 7, 9],
              [3, 2, 3, 8, 4]]),
     _frozen([[1, 0, -1],
              [2, 1, 0]])),
    (_frozen([[-2, 5, 0, -1],
              [3, -4, 2, 6],
              [-5, 1, -3, 2]]),
     _frozen([[1, -2, 0],
              [0, 3, -1],
              [2, 0, -1]])),
    (_frozen([[1, 2, 3],
              [4, 5, 6]]),
     _frozen([[2]])),
    (_frozen([[1, 4, 2],
              [0, -3, 5],
              [7, 1, 1],
              [2, 2, -6],
              [4, 0, 3]]),
     _frozen([[1],
              [0],
              [-1]])),
    (_frozen([[3, -1],
              [2, 5]]),
     _frozen([[1, 2],
              [-1, 0]])),
)


def _same(found: np.ndarray, other: np.ndarray) -> bool:
    return found.shape == other.shape and bool(np.allclose(found, other))


def _diagnose_q3(case, found, expected: np.ndarray) -> str | None:
    """Recognise the usual mistakes in a hand-written cross-correlation."""
    X, K = (np.asarray(a) for a in case)
    arr = np.asarray(found, dtype=float)
    (h, w), (kh, kw) = X.shape, K.shape
    if arr.ndim != 2:
        return None
    if arr.shape != expected.shape:
        if _same(arr, expected.T):
            return "Your output is transposed: rows and columns are swapped."
        text = (
            f"The output size is H - kh + 1 by W - kw + 1: here ({h} - {kh} + 1, {w} - {kw} + 1) = "
            f"{expected.shape}."
        )
        if arr.shape == (h - kh, w - kw):
            text += " Your loops stop one step early: use `range(H - kh + 1)`, not `range(H - kh)`."
        elif arr.shape == X.shape:
            text += " Your output has the shape of the input, but the kernel only fits at fewer positions."
        return text
    if _same(arr, expected.T):
        return "Your output is transposed: rows and columns are swapped."
    if _same(arr, convolve2d(X, K)):
        return (
            "It looks like you computed the true convolution (flipped kernel): cross-correlation "
            "multiplies `X[i + a, j + b]` by `K[a, b]`, without flipping the kernel."
        )
    if _same(arr, correlate2d(X, K[::-1])):
        return "It looks like you flipped the kernel upside down: use `K[a, b]`, not `K[kh - 1 - a, b]`."
    if _same(arr, correlate2d(X, K[:, ::-1])):
        return "It looks like you flipped the kernel left to right: use `K[a, b]`, not `K[a, kw - 1 - b]`."
    if kh == kw and _same(arr, correlate2d(X, K.T)):
        return "It looks like you used the kernel transposed: `K[b, a]` instead of `K[a, b]`."
    if not arr.any():
        return "Your output is all zeros: did you store each sum with `Y[i, j] = ...`?"
    if _same(arr, np.cumsum(expected.ravel()).reshape(expected.shape)):
        return "It looks like your running total is not set back to 0 before each output cell."
    return None


def _diagnose_q3_error(case, exc: Exception) -> str | None:
    """Explain the errors of loops that run past the last window."""
    text = str(exc)
    if isinstance(exc, IndexError) or "could not be broadcast" in text:
        return (
            "Do your loops go over every row and column of X? Near the bottom and right edges the "
            "window would stick out of the input: loop over `range(H - kh + 1)` and `range(W - kw + 1)`."
        )
    return None


_Q3_SOLUTION = '''\
def my_correlate(X, K):
    X, K = np.asarray(X), np.asarray(K)
    H, W = X.shape
    kh, kw = K.shape
    Y = np.zeros((H - kh + 1, W - kw + 1))
    for i in range(H - kh + 1):          # every output row
        for j in range(W - kw + 1):      # every output column
            window = X[i:i + kh, j:j + kw]
            Y[i, j] = np.sum(window * K)
    return Y
'''

_Q3_NOT_ATTEMPTED = (
    "Replace `____` in `my_correlate` with your code (the function should return the output `Y`), "
    "then run the cell again."
)

q3 = Question(
    "q3",
    "Write the loop",
    "Write `my_correlate(X, K)`: the cross-correlation of a 2-D array `X` with a kernel `K`, without "
    "padding and with stride 1, using two `for` loops. It returns the output `Y`. The check runs it on "
    f"{len(Q3_CASES)} inputs (square and not, with negative numbers, a 1×1 kernel) and compares the "
    "results with `convlib.correlate2d`.",
    lambda func: check_function(
        func, Q3_CASES, lambda X, K: correlate2d(X, K), arg_names=("X", "K"), label="Y",
        diagnose=_diagnose_q3, diagnose_error=_diagnose_q3_error, not_attempted=_Q3_NOT_ATTEMPTED,
        explanation="Two loops over the output cells, a multiply-and-sum inside: that is all a "
                    "convolution layer computes.",
    ),
    hints=[
        "The output has `H - kh + 1` rows and `W - kw + 1` columns; create it with `np.zeros`. Then "
        "loop over every output cell `(i, j)`: one `for` loop over the rows, one inside it over the "
        "columns.",
        "For the cell `(i, j)`, the window is `X[i:i + kh, j:j + kw]`. Multiply it element by element "
        "with `K` and add everything up: `Y[i, j] = np.sum(window * K)`. Do not flip the kernel.",
    ],
    solution=Solution(_Q3_SOLUTION, "Loop over the output cells; each is the sum of window times kernel."),
    not_attempted=_Q3_NOT_ATTEMPTED,
)


# --------------------------------------------------------------------------
# q4: find the kernel
# --------------------------------------------------------------------------
#: Input of question 4: a dark left half (0) and a bright right half (9).
Q4_X = _frozen([[0, 0, 9, 9],
                [0, 0, 9, 9],
                [0, 0, 9, 9],
                [0, 0, 9, 9]])
#: Shape of the kernel the learner must find.
Q4_KERNEL_SHAPE = (2, 2)
# One kernel that works; only used to compute the target, never compared with.
_Q4_KERNEL = _frozen([[-1, 1],
                      [0, 0]])
#: Target output of question 4: ``correlate2d(Q4_X, kernel)`` must equal it.
Q4_Y = _frozen(correlate2d(Q4_X, _Q4_KERNEL))


def _diagnose_q4(kernel: np.ndarray, output) -> str | None:
    if output is None or output.shape != Q4_Y.shape:
        return None
    out, tgt = output.astype(float), Q4_Y.astype(float)
    if not out.any():
        return "Your kernel gives 0 everywhere: it must respond where the window covers the edge."
    scale = float((out * tgt).sum() / (tgt * tgt).sum())
    if np.allclose(out, scale * tgt) and not np.isclose(scale, 1):
        peak = format_number(tgt.max())
        if np.isclose(scale, -1):
            return (f"Your kernel finds the edge with the wrong sign ({format_number(-tgt.max())} "
                    f"instead of {peak}): swap the positive and negative weights.")
        return (
            f"Your kernel finds the edge, but gives {format_number(scale * tgt.max())} there "
            f"instead of {peak}: scale its weights."
        )
    if not np.allclose(out[tgt == 0], 0):
        return "On the flat regions (all 0 or all 9) the output must be 0: the weights must add up to 0."
    return None


def _q4_alternatives() -> list[np.ndarray]:
    """Other kernels that work, shown in the solution (the tests check that they do)."""
    return [np.array([[0, 0], [-1, 1]]), np.array([[-0.5, 0.5], [-0.5, 0.5]])]


q4 = Question(
    "q4",
    "Find the kernel",
    f"Find a {Q4_KERNEL_SHAPE[0]}×{Q4_KERNEL_SHAPE[1]} kernel `my_kernel` such that "
    f"`correlate2d(Q4_X, my_kernel)` equals the target `Q4_Y` (this question's own arrays, not the "
    f"notebook's):\n{_block('Q4_X', Q4_X)}\n{_block('Q4_Y', Q4_Y)}\n\n"
    "Write it as a list of rows, for example `[[1, 2], [3, 4]]`. Any kernel that works is accepted.",
    lambda kernel: check_kernel_output(
        kernel, Q4_X, Q4_Y, kernel_shape=Q4_KERNEL_SHAPE, diagnose=_diagnose_q4,
        explanation=(
            "`correlate2d(X, K)` is exactly the target: your kernel is an edge detector. It gives 0 "
            "where the window sees one flat colour and a large value where it sees dark on the left "
            "and bright on the right."
        ),
    ),
    hints=[
        "Look at one window at a time. A window of only 0s or only 9s must give 0; the window "
        "`[[0, 9], [0, 9]]` (dark left, bright right) must give 9.",
        "Try a kernel that subtracts the left value from the right value: a -1 and a 1 side by side. "
        "Check it on the three kinds of window.",
    ],
    solution=Solution(
        format_array(_Q4_KERNEL, "my_kernel"),
        "The kernel subtracts the left pixel from the right one. Other kernels work too, because every "
        "row of X is the same: for example "
        + " or ".join(f"`{_inline(k)}`" for k in _q4_alternatives())
        + ". What matters is that the left column of the kernel adds up to -1 and the right column to 1.",
    ),
)


# --------------------------------------------------------------------------
# q5: convolution from correlation
# --------------------------------------------------------------------------
#: The kernel of question 5.
Q5_K = _frozen([[1, 2, 0],
                [3, 0, -1]])
#: The input on which question 5 is checked: varied enough that only one
#: kernel gives the same output.
Q5_X = _frozen([[2, 7, 1, 8, 2],
                [8, 1, 8, 2, 8],
                [4, 5, 9, 0, 4],
                [5, 2, 3, 5, 3]])
_Q5_ANSWER = Q5_K[::-1, ::-1]


def _diagnose_q5(kernel: np.ndarray, output) -> str | None:
    def same(a):
        return kernel.shape == a.shape and bool(np.allclose(kernel, a))

    if same(_NOTEBOOK_K):
        return (f"You used the notebook's K, `{_inline(_NOTEBOOK_K)}` (flipping it both ways gives it back), "
                "not Q5_K. " + _NOT_THE_NOTEBOOKS.format(q="q5") + " Flip Q5_K.")
    if same(Q5_K):
        return ("That is Q5_K itself. convolve2d flips the kernel it is given, so with Q5_K it computes "
                "the flipped sum, not correlate2d(X, Q5_K).")
    if same(Q5_K[::-1]):
        return "You flipped Q5_K upside down only; convolve2d flips both ways, so flip left to right as well."
    if same(Q5_K[:, ::-1]):
        return "You flipped Q5_K left to right only; convolve2d flips both ways, so flip upside down as well."
    if same(Q5_K.T) or same(Q5_K[::-1, ::-1].T):
        return ("That is Q5_K transposed (rows turned into columns); "
                "a flip keeps the shape and reverses the order.")
    return None


q5 = Question(
    "q5",
    "Convolution from correlation",
    f"For this question's kernel (not the notebook's `K`)\n{_block('Q5_K', Q5_K)}\n\n"
    "which kernel `K2` makes `convolve2d(X, K2)` equal to `correlate2d(X, Q5_K)` for every input `X`? "
    "Write it as a list of rows, or compute it from `Q5_K` (`from convlib.lessons.lesson01 import Q5_K`).",
    lambda kernel: check_kernel_output(
        kernel, Q5_X, correlate2d(Q5_X, Q5_K), op=convolve2d, op_name="convolve2d",
        kernel_shape=Q5_K.shape, name="K2", diagnose=_diagnose_q5,
        explanation=(
            "K2 is Q5_K flipped upside down and left to right. convolve2d flips K2 once more, which gives "
            "Q5_K back, so `convolve2d(X, K2)` is `correlate2d(X, Q5_K)`."
        ),
    ),
    hints=[
        "convolve2d flips its kernel upside down and left to right, then slides it like correlate2d. "
        "Which kernel becomes Q5_K once it is flipped?",
        "Flipping twice gives back what you started with. In numpy, `A[::-1, ::-1]` flips an array "
        "both ways: the last row comes first, and each row is read from right to left.",
    ],
    solution=Solution(
        format_array(_Q5_ANSWER, "K2") + "\n"
        "# the same, computed from Q5_K:\n"
        "# from convlib.lessons.lesson01 import Q5_K\n"
        "# K2 = Q5_K[::-1, ::-1]     # or np.flip(Q5_K)",
        "Flip Q5_K both ways: convolve2d flips it back.",
    ),
)

#: The questions of the lesson, in order.
QUESTIONS = (q1, q2, q3, q4, q5)
