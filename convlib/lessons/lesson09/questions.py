"""The questions of lesson 09, "Making convolution fast".

Five questions, ``q1`` to ``q5``, used by
``notebooks/09-making-convolution-fast.ipynb``::

    from convlib.exercises import ____
    from convlib.lessons.lesson09 import q1, q2, q3, q4, q5

    q1.show()          # the question and its data
    answer = ____      # the learner replaces the blank
    q1.check(answer)   # Correct / Incorrect / Not attempted, with a message
    q1.hint()          # hint 1; q1.hint(2) for hint 2
    q1.solution()

Every expected answer is computed here with convlib from the data below
(:func:`convlib.cost.multiply_adds`, :func:`convlib.fast.kernel_rank`,
:func:`convlib.cost.im2col_bytes`, :func:`convlib.fast.choose_method`,
:func:`convlib.correlate2d`), never typed by hand.

Examples
--------
>>> q1.check(____)
Not attempted: Replace `____` with your answer, then run the cell again.
>>> q3.check(Q3_ANSWER_MIB)
Correct: The im2col matrix takes 406239008 bytes = 387.4 MiB, about 49 times the image (8 MiB).
"""

from __future__ import annotations

import functools

import numpy as np

from ..._validate import read_only
from ...conv import convolve2d, correlate2d, format_number, output_shape
from ...cost import FFT_TAPS, cost_per_pixel, fft_taps, im2col_bytes, multiply_adds
from ...exercises import (
    CheckResult,
    Question,
    Solution,
    ____,
    check_choice,
    check_each,
    check_function,
    check_number,
    code_block,
    inline,
)
from ...fast import choose_method, kernel_rank
from ...kernels import SHARPEN, box, gaussian

__all__ = [
    "____",
    "Q1_IMAGE_SHAPE",
    "Q1_KERNEL_SHAPE",
    "Q2_A",
    "Q2_B",
    "Q3_ANSWER_MIB",
    "Q3_IMAGE_SHAPE",
    "Q3_ITEMSIZE",
    "Q3_KERNEL_SHAPE",
    "Q4_CASES",
    "Q4_METHODS",
    "Q5_CASES",
    "QUESTIONS",
    "q1",
    "q2",
    "q3",
    "q4",
    "q5",
    "q4_answer",
]


_frozen = read_only
_block = code_block
_inline = inline


def _n(value) -> str:
    """A whole number with thousands separators: 7,568,400."""
    return f"{int(value):,}"


def _unique(found, answer, key=float):
    """Keep the first explanation of each wrong value, and never the right one."""
    out, seen = [], {key(answer)}
    for value, text in found:
        if key(value) not in seen:
            seen.add(key(value))
            out.append((value, text))
    return out


# --------------------------------------------------------------------------
# q1: count the multiply-adds
# --------------------------------------------------------------------------
#: Image of question 1: (rows, columns), a small photo.
Q1_IMAGE_SHAPE = (480, 640)
#: Kernel of question 1: (rows, columns).
Q1_KERNEL_SHAPE = (5, 5)

_Q1_OUT = output_shape(Q1_IMAGE_SHAPE, Q1_KERNEL_SHAPE)
_Q1_ANSWER = multiply_adds(Q1_IMAGE_SHAPE, Q1_KERNEL_SHAPE)


def _q1_mistakes() -> list:
    (h, w), (kh, kw), (oh, ow) = Q1_IMAGE_SHAPE, Q1_KERNEL_SHAPE, _Q1_OUT
    found = [
        (h * w * kh * kw,
         f"That counts a window at every pixel of the input. Without padding the kernel fits at only "
         f"({h} - {kh} + 1) × ({w} - {kw} + 1) = {_n(oh * ow)} positions, one per output cell."),
        (oh * ow,
         f"That is the number of output cells. Each of them needs one multiply-add per kernel weight, "
         f"and the kernel has {kh * kw} weights."),
        (oh * ow * kh,
         f"That counts one multiply-add per kernel row; a {kh}×{kw} kernel has {kh * kw} weights, "
         "and each is multiplied by one pixel."),
        (oh * ow * (kh + kw),
         "That is the cost of the separable method (a row pass and a column pass); the question is about "
         "the direct method, one multiply-add per weight."),
        ((h - kh) * (w - kw) * kh * kw,
         f"You forgot the + 1: the kernel fits at {oh} rows, not {h - kh}."),
        (kh * kw, "That is the work of one output cell; multiply by the number of output cells."),
    ]
    return _unique(found, _Q1_ANSWER)


def _q1_explanation() -> str:
    (oh, ow), (kh, kw) = _Q1_OUT, Q1_KERNEL_SHAPE
    return (f"{oh} × {ow} output cells × {kh * kw} weights = {_n(_Q1_ANSWER)} multiply-adds: "
            f"the work grows with the number of weights, k × k.")


q1 = Question(
    "q1",
    "Count the multiply-adds",
    f"A photo of {Q1_IMAGE_SHAPE[0]} rows and {Q1_IMAGE_SHAPE[1]} columns is filtered with a "
    f"{Q1_KERNEL_SHAPE[0]}×{Q1_KERNEL_SHAPE[1]} kernel by the direct method (a window at every position, "
    "one multiply-add per kernel weight), without padding ('valid') and with stride 1. "
    "How many multiply-adds does that take in all? Give the exact number.",
    lambda answer: check_number(answer, _Q1_ANSWER, name="the number of multiply-adds",
                                mistakes=_q1_mistakes(), explanation=_q1_explanation()),
    hints=[
        "First find the shape of the output: without padding it is `(H - kh + 1, W - kw + 1)`. "
        "Every output cell is one window.",
        "Each window needs one multiply-add per kernel weight, `kh * kw` of them. Multiply the number of "
        "output cells by the number of weights.",
    ],
    solution=Solution(
        f"oh, ow = {Q1_IMAGE_SHAPE[0]} - {Q1_KERNEL_SHAPE[0]} + 1, "
        f"{Q1_IMAGE_SHAPE[1]} - {Q1_KERNEL_SHAPE[1]} + 1"
        f"   # the output: {_Q1_OUT[0]} x {_Q1_OUT[1]}\n"
        f"answer = oh * ow * {Q1_KERNEL_SHAPE[0]} * {Q1_KERNEL_SHAPE[1]}   # = {_Q1_ANSWER}\n"
        f"# or: speed.multiply_adds({Q1_IMAGE_SHAPE}, {Q1_KERNEL_SHAPE})",
        "One multiply-add per kernel weight, for every output cell.",
    ),
)


# --------------------------------------------------------------------------
# q2: separable or not?  The rank
# --------------------------------------------------------------------------
#: First kernel of question 2: one column times one row, though it does not look it.
Q2_A = _frozen([[2, 0, -2],
                [3, 0, -3],
                [1, 0, -1]])
#: Second kernel of question 2: a blur with one value changed.
Q2_B = _frozen([[1, 2, 1],
                [2, 4, 2],
                [1, 2, 2]])

_Q2_ANSWER = (kernel_rank(Q2_A), kernel_rank(Q2_B))


def _multiples(K: np.ndarray) -> str | None:
    """``'2×, 3× and 1× the row [1, 0, -1]'`` if every row of K is a multiple of one row, else None."""
    K = np.asarray(K, dtype=float)
    base = K[np.argmax(np.abs(K).sum(axis=1))]
    # the smallest nonzero row among those proportional to base, so the factors are whole where possible
    factors = K @ base / (base @ base)
    if not np.allclose(np.outer(factors, base), K):
        return None
    small = np.abs(factors[factors != 0]).min()
    base, factors = base * small, factors / small
    listed = [f"{format_number(f)}×" for f in factors]
    joined = ", ".join(listed[:-1]) + " and " + listed[-1]
    return f"{joined} the row `{_inline(base)}`"


def _rank_message(name: str, K: np.ndarray) -> str:
    r = kernel_rank(K)
    if r == 1:
        return (f"The rows of {name} are {_multiples(K)}: {name} is one column times one row, "
                f"so its rank is 1 and it is separable.")
    return (f"{name} has rank {r}: its rows are not all multiples of one row, so no single column times "
            f"a row gives {name}. It is a sum of {r} such products (the SVD finds them).")


def _rank_check(name: str, K: np.ndarray, right: int):
    """A checker for the rank of one kernel of question 2."""
    hint = ("Is every row a multiple of one row?" if right == 1 else
            "Try to write every row as a multiple of one row: does it work for all of them?")
    return lambda given: check_number(given, right, name=f"the rank of {name}", whole=True, low=0,
                                      high=min(K.shape), hint=hint)


def _check_q2(answer) -> CheckResult:
    return check_each(
        answer, [_rank_check("A", Q2_A, _Q2_ANSWER[0]), _rank_check("B", Q2_B, _Q2_ANSWER[1])],
        want="a pair `(rank of A, rank of B)`, for example `(3, 3)`",
        explanation=f"Ranks {_Q2_ANSWER}. " + _rank_message("A", Q2_A) + " " + _rank_message("B", Q2_B))


q2 = Question(
    "q2",
    "Separable or not?",
    f"A kernel is separable (one column times one row) when its rank is 1. Give the rank of each kernel "
    f"as a pair `(rank of A, rank of B)`:\n{_block('A', Q2_A)}\n{_block('B', Q2_B)}\n\n"
    "Reason about the rows first; then check with `np.linalg.matrix_rank` or `kernel_rank`.",
    _check_q2,
    hints=[
        "A kernel has rank 1 when every row is a multiple of one and the same row (some multiples may be "
        "0 or negative). Then the kernel is the column of multiples times that row.",
        f"In A, compare each row with the last one, `{_inline(Q2_A[-1])}`. In B, the first two rows are "
        "multiples of each other; what about the third?",
    ],
    solution=Solution(
        f"ranks = ({_Q2_ANSWER[0]}, {_Q2_ANSWER[1]})\n"
        "# check: (kernel_rank(A), kernel_rank(B)) or np.linalg.matrix_rank",
        _rank_message("A", Q2_A) + " " + _rank_message("B", Q2_B)
        + " One changed value is enough to lose separability.",
    ),
)


# --------------------------------------------------------------------------
# q3: im2col memory
# --------------------------------------------------------------------------
#: Image of question 3: (rows, columns) of float64 values.
Q3_IMAGE_SHAPE = (1024, 1024)
#: Kernel of question 3.
Q3_KERNEL_SHAPE = (7, 7)
#: Bytes per value (float64).
Q3_ITEMSIZE = 8
_MIB = 2**20
_Q3_BYTES = im2col_bytes(Q3_IMAGE_SHAPE, Q3_KERNEL_SHAPE, Q3_ITEMSIZE)
#: The expected answer of question 3, in MiB.
Q3_ANSWER_MIB = _Q3_BYTES / _MIB
_Q3_OUT = output_shape(Q3_IMAGE_SHAPE, Q3_KERNEL_SHAPE)
# "One decimal is enough": 387.4 is 0.03 from the exact size, while a window
# count off by one (1017 or 1019 positions per side) is 0.76 MiB away, so an
# absolute tolerance of 0.1 MiB accepts the rounding and refuses the
# off-by-one answers (the tests check the distances).
_Q3_ATOL = 0.1


def _q3_mib(rows: int, cols: int) -> float:
    """Size in MiB of an im2col matrix with ``rows * cols`` windows of question 3's kernel."""
    kh, kw = Q3_KERNEL_SHAPE
    return rows * cols * kh * kw * Q3_ITEMSIZE / _MIB


def _q3_off_by_one() -> list:
    """The sizes of window counts off by one or two, and what each reveals (as in lesson 01's q2)."""
    (h, w), (kh, kw), (oh, ow) = Q3_IMAGE_SHAPE, Q3_KERNEL_SHAPE, _Q3_OUT
    fits = f"the kernel fits at {h} - {kh} + 1 = {oh} positions down and {w} - {kw} + 1 = {ow} across"
    found = [
        (_q3_mib(oh - 1, ow - 1),
         f"You forgot the + 1: {fits} (rows 0, 1, ..., {h - kh}), so the matrix has {oh} × {ow} rows, "
         f"not {oh - 1} × {ow - 1}."),
        (round(Q3_ANSWER_MIB),
         "Give one decimal: rounded to a whole number of MiB, the size cannot tell the right count of "
         "windows from one that is off by one."),
    ]
    for n in (oh + 1, oh - 2, oh + 2):
        found.append((_q3_mib(n, n), f"That is the size for {n} × {n} windows; {fits}."))
    return found


def _q3_mistakes() -> list:
    (h, w), (kh, kw), s = Q3_IMAGE_SHAPE, Q3_KERNEL_SHAPE, Q3_ITEMSIZE
    found = _q3_off_by_one() + [
        (_Q3_BYTES / 1e6,
         "That is in megabytes (MB, 1,000,000 bytes); a MiB is 2**20 = 1,048,576 bytes."),
        (_Q3_BYTES / s / _MIB, f"You forgot the bytes per value: each float64 takes {s} bytes."),
        (h * w * kh * kw * s / _MIB,
         f"You used the input's size. The matrix has one row per output cell, and there are "
         f"({h} - {kh} + 1) × ({w} - {kw} + 1) of them."),
        (_Q3_BYTES / 2**30, "That is in GiB (2**30 bytes); give the answer in MiB (2**20 bytes)."),
        (_Q3_BYTES, "That is in bytes; divide by 2**20 to get MiB."),
        (h * w * s / _MIB, "That is the size of the image itself; the im2col matrix holds a whole window per "
                           "output cell."),
        (_Q3_BYTES / kw / _MIB,
         f"Each row of the matrix holds a whole window: {kh} × {kw} = {kh * kw} values, not {kh}."),
    ]
    return _unique(found, Q3_ANSWER_MIB, key=lambda v: round(float(v), 3))


def _q3_explanation() -> str:
    (h, w), (kh, kw) = Q3_IMAGE_SHAPE, Q3_KERNEL_SHAPE
    image = h * w * Q3_ITEMSIZE / _MIB
    return (f"The im2col matrix takes {_Q3_BYTES} bytes = {Q3_ANSWER_MIB:.1f} MiB, about {kh * kw} times the "
            f"image ({format_number(image)} MiB).")


q3 = Question(
    "q3",
    "Predict the memory of im2col",
    f"An image of {Q3_IMAGE_SHAPE[0]}×{Q3_IMAGE_SHAPE[1]} float64 values ({Q3_ITEMSIZE} bytes each) is "
    f"correlated with a {Q3_KERNEL_SHAPE[0]}×{Q3_KERNEL_SHAPE[1]} kernel by im2col ('valid', stride 1). "
    "How many MiB does the im2col matrix take (1 MiB = 2**20 bytes)? Give a number; one decimal is enough.",
    lambda answer: check_number(answer, Q3_ANSWER_MIB, name="the size of the matrix in MiB", rtol=0,
                                atol=_Q3_ATOL, mistakes=_q3_mistakes(), explanation=_q3_explanation()),
    hints=[
        "The matrix has one row per output cell and one column per kernel weight. How many output cells "
        "are there without padding?",
        "rows × columns × 8 bytes gives the bytes; divide by `2**20` for MiB.",
    ],
    solution=Solution(
        f"rows = ({Q3_IMAGE_SHAPE[0]} - {Q3_KERNEL_SHAPE[0]} + 1) * "
        f"({Q3_IMAGE_SHAPE[1]} - {Q3_KERNEL_SHAPE[1]} + 1)"
        "   # one per output cell\n"
        f"cols = {Q3_KERNEL_SHAPE[0]} * {Q3_KERNEL_SHAPE[1]}                 # one per kernel weight\n"
        f"mib = rows * cols * {Q3_ITEMSIZE} / 2**20       # = {Q3_ANSWER_MIB:.1f}\n"
        f"# or: speed.im2col_bytes({Q3_IMAGE_SHAPE}, {Q3_KERNEL_SHAPE}) / 2**20",
        "One row per output cell, one column per kernel weight, 8 bytes per value.",
    ),
)


# --------------------------------------------------------------------------
# q4: pick the fastest method
# --------------------------------------------------------------------------
#: The methods question 4 chooses among.
Q4_METHODS = ("direct", "separable", "fft")

#: Cases of question 4: (letter, description, image shape, kernel).
Q4_CASES = (
    ("A", "a 1024×1024 photo, the 3×3 sharpen kernel", (1024, 1024), SHARPEN),
    ("B", "a 1024×1024 photo, a 5×5 box blur (all weights 1/25)", (1024, 1024), _frozen(box(5))),
    ("C", "a 1024×1024 photo, a 15×15 kernel of random numbers", (1024, 1024),
     _frozen(np.random.default_rng(9).random((15, 15)))),
    ("D", "a 2048×2048 photo, a 31×31 Gaussian blur", (2048, 2048), _frozen(gaussian(31))),
)

_ALIASES = {"shift-and-add": "direct", "svd": "separable", "fourier": "fft"}

#: The FFT's cost as the lesson and convlib.cost count it, in words with its numbers.
_FFT_COST = (f"the FFT, whatever the kernel, costs as much as {FFT_TAPS} shift-and-add taps per pixel on a "
             f"512×512 picture, growing like log2(H×W)/18 on larger ones: about {fft_taps(1024 * 1024):.0f} "
             f"at 1024×1024 and {fft_taps(2048 * 2048):.0f} at 2048×2048 (`cost.fft_taps`)")
_NOT_A_METHOD = {
    "auto": "'auto' is the one that chooses; which method would it choose?",
    "im2col": "im2col does the same multiply-adds as direct and copies every window first; choose among "
              "'direct', 'separable' and 'fft'.",
    "matmul": "im2col (a matrix product) does the same multiply-adds as direct; choose among 'direct', "
              "'separable' and 'fft'.",
}


@functools.cache
def q4_answer() -> tuple:
    """What convlib's ``auto`` picks for each case of question 4 (computed, not typed)."""
    picks = []
    for _, _, shape, K in Q4_CASES:
        padded = np.zeros(shape)
        out = output_shape(shape, K.shape)
        picks.append(choose_method(padded, np.asarray(K, dtype=float), (1, 1), (1, 1), out, padded.dtype))
    return tuple(picks)


def _q4_costs(case) -> str:
    _, _, shape, K = case
    r = kernel_rank(K)
    c = cost_per_pixel(shape, K.shape, rank=r)
    kh, kw = K.shape
    return (f"direct {kh}×{kw} = {c['direct']}, separable {r} × ({kh} + {kw}) = {c['separable']} (rank {r}), "
            f"FFT {FFT_TAPS} × log2({shape[0]}×{shape[1]})/18 = {c['fft']:.1f}")


def _check_q4(answer) -> CheckResult:
    example = ", ".join(repr(m) for m in Q4_METHODS)
    checks = [lambda given, right=right: check_choice(given, right, Q4_METHODS, name="the cheapest method",
                                                      aliases=_ALIASES, mistakes=_NOT_A_METHOD)
              for right in q4_answer()]
    lines = [f"Case {c[0]}: {_q4_costs(c)} multiply-adds per pixel: {p}."
             for c, p in zip(Q4_CASES, q4_answer(), strict=True)]
    return check_each(
        answer, checks, labels=[f"Case {c[0]}" for c in Q4_CASES],
        want=f"{len(Q4_CASES)} method names in quotes, one per case, for example `({example}, 'fft')`",
        hint=f"Count the work per output pixel of each method: direct k×k, separable rank × (kh + kw); "
             f"{_FFT_COST}.",
        explanation="\n".join(lines) + "\nThese are the numbers convlib's `auto` compares.")


def _q4_solution() -> Solution:
    picks = q4_answer()
    code = "methods = (" + ", ".join(repr(p) for p in picks) + ")\n"
    code += "\n".join(f"# {c[0]}: {_q4_costs(c)} per pixel" for c in Q4_CASES)
    return Solution(code, "The cheapest method by the work per output pixel. Sharpen has rank 2 and only 9 "
                          "weights; the box blur has rank 1; a random kernel has full rank; for a very large "
                          "kernel even two 1-D passes cost more than the FFT.")


q4 = Question(
    "q4",
    "Pick the fastest method",
    "For each case, which of 'direct', 'separable' and 'fft' does the least work? Answer with "
    f"{len(Q4_CASES)} names in order, as a tuple of strings such as `('fft', 'fft', 'fft', 'fft')`.\n\n"
    + "\n".join(f"    {c[0]}: {c[1]}" for c in Q4_CASES)
    + "\n\nThe kernels are in `Q4_CASES` (`from convlib.lessons.lesson09 import Q4_CASES`) if you want to compute "
      "their ranks.",
    _check_q4,
    hints=[
        "Per output pixel: direct does one multiply-add per weight (k×k); separable does `rank × (kh + kw)`; "
        f"{_FFT_COST}.",
        "Sharpen is `[[0, -1, 0], [-1, 5, -1], [0, -1, 0]]`: rank 2. A box blur and a Gaussian have rank 1. "
        "A random kernel has full rank (15 for 15×15).",
    ],
    solution=_q4_solution(),
)


# --------------------------------------------------------------------------
# q5: the FFT, full output
# --------------------------------------------------------------------------
#: The tests of question 5: (X, K) pairs; the first kernel is not symmetric,
#: and the last kernel is taller than its input.
Q5_CASES = (
    (_frozen([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), _frozen([[1, 2], [3, -1]])),
    (_frozen([[3, 1, 4, 1, 5, 9], [2, 6, 5, 3, 5, 8], [9, 7, 9, 3, 2, 3], [8, 4, 6, 2, 6, 4]]),
     _frozen([[1, 0], [-2, 1], [0, 3]])),
    (_frozen([[0.5, -1.5, 2.0], [1.0, 0.0, -2.5]]), _frozen([[2.0]])),
    (_frozen([[1, -2, 3], [0, 4, -1]]), _frozen([[1, 2, 0], [0, -1, 1], [2, 0, 1]])),
)


def _q5_reference(X, K):
    return correlate2d(X, K, mode="full").astype(float)


def _diagnose_q5(case, found, expected: np.ndarray) -> str | None:
    X, K = (np.asarray(a, dtype=float) for a in case)
    arr = np.asarray(found)
    if np.iscomplexobj(arr):
        return "Use `np.fft.irfft2` (or take `.real`) to get real numbers back."
    arr = arr.astype(float)
    if arr.shape == correlate2d(X, K).shape and arr.shape != expected.shape:
        return ("That is the 'valid' part. 'full' keeps every position where the kernel overlaps the input: "
                "return the whole inverse transform, of shape (H + kh - 1, W + kw - 1).")
    if arr.shape == X.shape and arr.shape != expected.shape:
        return ("The transforms were taken at the input's size, so the result wrapped around and is too "
                "small: pad both to `s = (H + kh - 1, W + kw - 1)`.")
    if arr.shape == expected.shape and np.allclose(arr, convolve2d(X, K, mode="full")):
        return ("That is the true convolution: correlation is convolution with the kernel flipped, so "
                "transform `K[::-1, ::-1]`.")
    return None


_Q5_SOLUTION = '''\
def correlate_fft_full(X, K):
    X, K = np.asarray(X, dtype=float), np.asarray(K, dtype=float)
    s = (X.shape[0] + K.shape[0] - 1, X.shape[1] + K.shape[1] - 1)
    spec = np.fft.rfft2(X, s) * np.fft.rfft2(K[::-1, ::-1], s)
    return np.fft.irfft2(spec, s)
'''

_Q5_NOT_ATTEMPTED = ("Replace `____` in `correlate_fft_full` with your code (it should return the 'full' "
                     "correlation), then run the cell again.")

q5 = Question(
    "q5",
    "The FFT, full output",
    "Write `correlate_fft_full(X, K)`: the 'full' cross-correlation of `X` with `K` (every position where "
    "the kernel overlaps the input, shape `(H + kh - 1, W + kw - 1)`), computed with `np.fft`. The check "
    f"runs it on {len(Q5_CASES)} inputs and compares with `correlate2d(X, K, mode='full')`.",
    lambda func: check_function(
        func, Q5_CASES, _q5_reference, arg_names=("X", "K"), label="Y", diagnose=_diagnose_q5,
        rtol=1e-9, atol=1e-9, not_attempted=_Q5_NOT_ATTEMPTED,
        explanation="Zero-padding to the full size is what makes the FFT's circular product equal to the "
                    "ordinary correlation everywhere.",
    ),
    hints=[
        "Start from `correlate_fft` in the lesson: it already computes the full result before it cuts out "
        "the valid part.",
        "Return `np.fft.irfft2(spec, s)` itself, without the slicing. Keep the padding to "
        "`s = (H + kh - 1, W + kw - 1)` and the flipped kernel.",
    ],
    solution=Solution(_Q5_SOLUTION, "The lesson's `correlate_fft` without its last slice."),
    not_attempted=_Q5_NOT_ATTEMPTED,
)

#: The questions of the lesson, in order.
QUESTIONS = (q1, q2, q3, q4, q5)
