"""The questions of lesson 07, "From edges to objects: learning the kernels".

Five questions, ``q1`` to ``q5``, used by
``notebooks/07-from-edges-to-objects.ipynb``::

    from convlib.exercises import ____
    from convlib.lessons.lesson07 import q1, q2, q3, q4, q5

Every expected answer is computed here with convlib
(:func:`convlib.cost.receptive_field`, :func:`convlib.backward.grad_input`,
:func:`convlib.backward.grad_weights`, :func:`convlib.correlate2d`,
:func:`~convlib.lessons.lesson07.examples.fit_kernel`), never typed by hand;
each wrong answer a learner is likely to give is recognised and explained.

Examples
--------
>>> q4.check((32, 16, 3, 3))
Incorrect: You gave (32, 16, 3, 3); dW has shape (16, 8, 3, 3). That keeps the batch: the gradients of the 32 \
pictures are added into one, since they share the same weights. The channels in are missing.
"""

from __future__ import annotations

import numbers

import numpy as np

from ..._validate import read_only
from ...backward import grad_input, grad_weights
from ...conv import convolve2d, correlate2d, format_number
from ...cost import receptive_field, receptive_growth
from ...exercises import (
    CheckResult,
    Question,
    Solution,
    ____,
    check_array,
    check_choice,
    check_number,
    code_block,
    describe_answer,
    merge_mistakes,
)
from .examples import BACK_DY, BACK_K, BACK_X, fit_kernel

__all__ = [
    "____",
    "Q1_LAYERS",
    "Q2_CHOICES",
    "Q3_DY",
    "Q3_X",
    "Q4_FILTERS",
    "Q4_INPUT_SHAPE",
    "Q4_KERNEL",
    "Q5_CHOICES",
    "Q5_LR",
    "QUESTIONS",
    "q1",
    "q2",
    "q3",
    "q4",
    "q5",
]


# --------------------------------------------------------------------------
# q1: the receptive field of a dilated stack
# --------------------------------------------------------------------------
#: Question 1's stack, from the input on: three 3x3 convolutions, stride 1, dilations 1, 2 and 4.
Q1_LAYERS = ((3, 1, 1), (3, 1, 2), (3, 1, 4))

_Q1_ANSWER = receptive_field(Q1_LAYERS)


def _q1_mistakes() -> list:
    plain = receptive_field([(k, s) for k, s, _ in Q1_LAYERS])
    spans = [d * (k - 1) + 1 for k, _, d in Q1_LAYERS]
    return merge_mistakes([
        (plain, "That forgets the dilation: a 3×3 kernel with dilation d reaches d(3 − 1) cells further, "
                "2, 4 and 8 here, not 2 each time."),
        (sum(spans), f"That adds the spans of the dilated kernels ({' + '.join(map(str, spans))}); each "
                     "layer widens the field by its span minus one, since the window's first cell is "
                     "already counted."),
        (spans[-1], "That is the last layer's span alone; the layers before it widen the field too."),
        (sum(k for k, _, _ in Q1_LAYERS), "That adds the kernel sizes and ignores the dilation."),
        (_Q1_ANSWER ** 2, f"That is the number of pixels in the {_Q1_ANSWER}×{_Q1_ANSWER} block; give its side."),
    ], _Q1_ANSWER)


q1 = Question(
    "q1",
    "Receptive field of a dilated stack",
    "Three 3×3 convolutions are stacked, stride 1, with dilation 1, then 2, then 4 (as in the widget's stack "
    "'3×3 convs, dilation 1, 2, 4'). One cell of the last output depends on an r×r block of input pixels. "
    "What is r?",
    lambda answer: check_number(answer, _Q1_ANSWER, name="the receptive field's side r", whole=True, low=1,
                                mistakes=_q1_mistakes(),
                                explanation=f"r grows {', then '.join(str(r) for r, _ in receptive_growth(Q1_LAYERS))}"
                                            f": each layer adds d(k − 1) = 2, 4, 8. A stack of dilated "
                                            f"kernels sees {_Q1_ANSWER}×{_Q1_ANSWER} pixels with only 27 "
                                            "weights per channel."),
    hints=[
        "Start at r = 1 (a cell sees itself). Each layer adds how far its kernel reaches beyond its first cell.",
        "A 3×3 kernel with dilation d spans d(3 − 1) + 1 cells, so it adds d(3 − 1) to r. The strides are 1, so "
        "the steps stay 1 pixel.",
    ],
    solution=Solution(
        "r = 1\n"
        "for k, d in [(3, 1), (3, 2), (3, 4)]:\n"
        "    r = r + d * (k - 1)\n"
        f"answer = r      # = {_Q1_ANSWER}; convlib.cost.receptive_field([(3, 1, 1), (3, 1, 2), (3, 1, 4)])",
        "Dilation makes the field grow fast: 1 + 2 + 4 + 8.",
    ),
)


# --------------------------------------------------------------------------
# q2: which computation gives dX
# --------------------------------------------------------------------------
#: The choices of question 2: ways to compute dX from dY and K.
Q2_CHOICES = ("full convolution of dY with K", "full correlation of dY with K", "correlation of X with dY",
              "valid convolution of dY with K")

_Q2_RIGHT = grad_input(BACK_DY[None], BACK_K[None, None], (1,) + BACK_X.shape)[0]   # = convolve2d(dY, K, 'full')
_Q2_UNFLIPPED = correlate2d(BACK_DY, BACK_K, mode="full")


def _q2_check(answer) -> CheckResult:
    return check_choice(
        answer, Q2_CHOICES[0], Q2_CHOICES, name="the computation",
        aliases={"full convolution": Q2_CHOICES[0], "convolve2d(dY, K, mode='full')": Q2_CHOICES[0],
                 "full correlation": Q2_CHOICES[1], "correlate2d(dY, K, mode='full')": Q2_CHOICES[1]},
        mistakes={
            Q2_CHOICES[1]: f"Without the flip each weight lands on the wrong neighbour: for the lesson's X, K and "
                           f"dY it gives dX[0,0] = {format_number(_Q2_UNFLIPPED[0, 0])}, but the gradient is "
                           f"{format_number(_Q2_RIGHT[0, 0])}. Going back, the gradient travels the forward links "
                           "the other way, so the kernel is read in reverse order.",
            Q2_CHOICES[2]: f"That is dK, the kernel's gradient, shape {BACK_K.shape}; dX has the shape of X, "
                           f"{BACK_X.shape}.",
            Q2_CHOICES[3]: f"A valid convolution of the {BACK_DY.shape[0]}×{BACK_DY.shape[1]} dY with a "
                           f"{BACK_K.shape[0]}×{BACK_K.shape[1]} kernel is only "
                           f"{BACK_DY.shape[0] - BACK_K.shape[0] + 1}×{BACK_DY.shape[1] - BACK_K.shape[1] + 1}; "
                           "dX needs X's shape, so the positions where the kernel only partly overlaps dY count "
                           "too: a full convolution.",
        },
        explanation="dX[a,b] adds dY[a−i, b−j] × K[i,j]: the minus signs make it a true convolution (the kernel "
                    "flipped), and every position where the kernel overlaps dY at all counts (mode 'full'), so dX "
                    "gets X's shape.")


q2 = Question(
    "q2",
    "Which computation gives dX",
    f"The forward pass is `Y = correlate2d(X, K)` with a {BACK_X.shape[0]}×{BACK_X.shape[1]} input and a "
    f"{BACK_K.shape[0]}×{BACK_K.shape[1]} kernel, no padding, stride 1. The gradient `dY` comes back. Which "
    f"computation gives `dX`, the gradient with respect to the input? Choose one of "
    f"{', '.join(repr(c) for c in Q2_CHOICES)}.",
    _q2_check,
    hints=[
        "Which shape must dX have? That rules out two choices.",
        "X[a, b] meets K[i, j] at output cell (a − i, b − j). Does the index into dY go up or down as j goes up?",
    ],
    solution=Solution(f"answer = {Q2_CHOICES[0]!r}      # cl.convolve2d(dY, K, mode='full')",
                      "Full convolution: the kernel flipped, every overlapping position."),
)


# --------------------------------------------------------------------------
# q3: the gradient of a kernel, by hand
# --------------------------------------------------------------------------
#: Question 3's input (the lesson's small example) and the gradient that comes back to its 3x3 output.
Q3_X = BACK_X
Q3_DY = BACK_DY

_Q3_ANSWER = read_only(grad_weights(Q3_X[None], Q3_DY[None], BACK_K.shape)[0, 0])


def _q3_mistakes() -> list:
    """Wrong arrays a learner may give, with what each reveals."""
    dx = grad_input(Q3_DY[None], BACK_K[None, None], (1,) + Q3_X.shape)[0]
    return [
        (convolve2d(Q3_X, Q3_DY), "That is a true convolution, dY flipped first; the kernel's gradient is a "
                                  "cross-correlation: dY slides over X unflipped, as K did."),
        (correlate2d(Q3_DY, BACK_K), "That slides K over dY; dK comes from the input X, since "
                                     "Y[r,c] = sum K[i,j] X[r+i, c+j] and X is what multiplies K[i,j]."),
        (dx, "That is dX, the gradient with respect to the input (a 4×4 array); the question asks for dK."),
        (Q3_X[:2, :2] * Q3_DY.sum(), "That multiplies one window by the sum of dY; each K[i,j] meets a "
                                     "different input cell at every output cell."),
    ]


def _check_q3(answer) -> CheckResult:
    found = check_array(answer, _Q3_ANSWER, name="your dK", label="dK")
    if found.correct or found.status != "incorrect":
        return found
    try:
        arr = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return found
    for wrong, text in _q3_mistakes():
        if arr.shape == np.shape(wrong) and np.allclose(arr, wrong):
            return CheckResult("incorrect", f"{found.message} {text}")
    return found


q3 = Question(
    "q3",
    "The gradient of a kernel, by hand",
    f"In the forward pass `Y = correlate2d(Q3_X, K)` for a 2×2 kernel `K` and\n{code_block('Q3_X', Q3_X)}\n\n"
    f"The gradient of the loss with respect to the 3×3 output comes back as\n{code_block('Q3_DY', Q3_DY)}\n\n"
    "Give `dK`, the gradient with respect to the kernel, as a 2×2 array.",
    _check_q3,
    hints=[
        "K[i,j] multiplies X[r+i, c+j] at output cell (r, c). So dK[i,j] adds dY[r,c] × X[r+i, c+j] over "
        "every output cell.",
        "That is a cross-correlation of X with dY as the kernel: slide the 3×3 dY over the 4×4 X. Only three "
        "cells of dY are not 0, so each dK[i,j] has three terms.",
    ],
    solution=Solution(
        "from convlib.lessons.lesson07 import Q3_X, Q3_DY\n"
        "import convlib as cl\n"
        "dK = cl.correlate2d(Q3_X, Q3_DY)\n"
        f"# = {_Q3_ANSWER.tolist()}",
        "dK = X ⋆ dY: the input correlated with the output's gradient.",
    ),
)


# --------------------------------------------------------------------------
# q4: the shape of dW
# --------------------------------------------------------------------------
#: Question 4's layer: a batch of inputs (N, C, H, W), its filters and kernel size (padding 1, stride 1).
Q4_INPUT_SHAPE = (32, 8, 14, 14)
Q4_FILTERS, Q4_KERNEL = 16, 3

_Q4_ANSWER = (Q4_FILTERS, Q4_INPUT_SHAPE[1], Q4_KERNEL, Q4_KERNEL)


def _q4_mistakes() -> dict:
    n, c, h, w = Q4_INPUT_SHAPE
    f, k = Q4_FILTERS, Q4_KERNEL
    return {
        (n, f, k, k): "That keeps the batch: the gradients of the 32 pictures are added into one, since they "
                      "share the same weights. The channels in are missing.",
        (c, f, k, k): "That swaps filters and channels: dW has the weights' shape, (F, C, kh, kw).",
        (f, k, k): "That leaves out the input channels: each filter has one kernel per input channel.",
        (n, f, h, w): "That is the shape of dY, the output's gradient.",
        (n, c, h, w): "That is the shape of dX, the input's gradient.",
        (n, f, c, k, k): "That keeps one dW per picture; the batch's gradients are added (or averaged) "
                         "into one.",
    }


def _check_q4(answer) -> CheckResult:
    want = "a tuple of whole numbers, for example `(2, 3, 5, 5)`"
    items = list(answer) if isinstance(answer, (tuple, list)) and not isinstance(answer, str) else None
    if items is None or not all(isinstance(v, (numbers.Integral, np.integer)) and not isinstance(v, bool)
                                for v in items) or not items:
        return CheckResult("incorrect", f"You gave {describe_answer(answer)}; give {want}.")
    shape = tuple(int(v) for v in items)
    if shape == _Q4_ANSWER:
        return CheckResult("correct", f"dW has shape {_Q4_ANSWER}, the shape of the weights: "
                                      f"{Q4_FILTERS} filters × {Q4_INPUT_SHAPE[1]} channels × "
                                      f"{Q4_KERNEL}×{Q4_KERNEL}, one number per weight, the whole batch added up.")
    text = f"You gave {shape}; dW has shape {_Q4_ANSWER}."
    extra = _q4_mistakes().get(shape)
    return CheckResult("incorrect", f"{text} {extra}" if extra else
                       f"{text} The gradient of a parameter always has the parameter's shape.")


q4 = Question(
    "q4",
    "The shape of dW",
    f"A batch of shape {Q4_INPUT_SHAPE} (pictures, channels, rows, columns) goes through a layer of "
    f"{Q4_FILTERS} filters of size {Q4_KERNEL}×{Q4_KERNEL} with padding 1. What is the shape of dW, the "
    "gradient of the loss with respect to the layer's weights? Answer with a tuple.",
    _check_q4,
    hints=[
        "A gradient has one number per parameter: what is the shape of the weights themselves?",
        "The weights are (F, C, kh, kw). The batch does not appear: every picture uses the same weights, so "
        "their gradients are added.",
    ],
    solution=Solution(f"answer = {_Q4_ANSWER}      # (filters, input channels, kh, kw)",
                      "A parameter's gradient has the parameter's shape."),
)


# --------------------------------------------------------------------------
# q5: what the learning rate does
# --------------------------------------------------------------------------
#: Question 5's learning rate for fit_kernel: too large.
Q5_LR = 3.0
#: The choices of question 5.
Q5_CHOICES = ("the learning rate is too large", "the learning rate is too small", "it needs more steps",
              "the starting noise is unlucky")

_Q5_FIT = fit_kernel(steps=20, lr=Q5_LR)


q5 = Question(
    "q5",
    "What the learning rate does",
    f"`examples.fit_kernel(steps=20, lr={Q5_LR:g})` learns the same Sobel kernel as above, with a learning "
    f"rate {Q5_LR:g} instead of 1. Its loss goes from {format_number(_Q5_FIT.losses[0])} to "
    f"{format_number(_Q5_FIT.losses[-1])} in {len(_Q5_FIT.losses) - 1} steps. Why? Choose one of "
    f"{', '.join(repr(c) for c in Q5_CHOICES)}.",
    lambda answer: check_choice(
        answer, Q5_CHOICES[0], Q5_CHOICES, name="the reason",
        aliases={"too large": Q5_CHOICES[0], "too big": Q5_CHOICES[0], "too small": Q5_CHOICES[1],
                 "more steps": Q5_CHOICES[2], "noise": Q5_CHOICES[3]},
        mistakes={
            Q5_CHOICES[1]: "A learning rate that is too small makes the loss fall slowly, but it still falls; "
                           "here it grows.",
            Q5_CHOICES[2]: "More steps make it worse: each step makes the loss larger than the one before.",
            Q5_CHOICES[3]: "Another start gives the same growth: any weights that differ from the target get "
                           "pushed past it, further each time.",
        },
        explanation="Each step moves the kernel against the gradient by lr times its size. Past a limit (here "
                    "about 2.2, two over the loss's steepest curvature) a step jumps past the lowest point to a "
                    "place where the loss is higher, and the next jump is longer still: the loss grows "
                    "without end."),
    hints=[
        "Does the loss fall slowly, or does it grow?",
        "A step is lr × gradient. If the step is so long that it lands further up the other side of the valley, "
        "the next gradient is larger, and so is the next step.",
    ],
    solution=Solution(f"answer = {Q5_CHOICES[0]!r}",
                      "Too large a learning rate overshoots and diverges; too small a one crawls."),
)

#: The questions of the lesson, in order.
QUESTIONS = (q1, q2, q3, q4, q5)
