"""The questions of lesson 06, "Channels, filters and pooling".

Five questions, ``q1`` to ``q5``, used by
``notebooks/06-channels-filters-and-pooling.ipynb``::

    from convlib.exercises import ____
    from convlib.lessons.lesson06 import q1, q2, q3, q4, q5

Every expected answer is computed here with convlib
(:func:`convlib.cost.conv_parameters`, :func:`convlib.cost.conv_layer`,
:func:`convlib.cost.receptive_field`, :func:`convlib.pool2d`,
:func:`convlib.conv2d`), never typed by hand; each wrong answer a learner is
likely to give is recognised and explained.

Examples
--------
>>> q1.check(4608)
Incorrect: The number of parameters should be 4640; you gave 4608. That is the weights alone: each filter \
also has one bias, 32 more numbers.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ..._validate import read_only
from ...conv import format_number
from ...cost import conv_layer, conv_parameters, receptive_field, receptive_growth
from ...exercises import (
    CheckResult,
    Question,
    Solution,
    ____,
    check_choice,
    check_each,
    check_number,
    check_shape,
    code_block,
    describe_answer,
    merge_mistakes,
)
from ...pool import pool2d

__all__ = [
    "____",
    "Q1_C_IN",
    "Q1_C_OUT",
    "Q1_KERNEL",
    "Q2_C_OUT",
    "Q2_INPUT_SHAPE",
    "Q2_KERNEL",
    "Q2_PADDING",
    "Q2_STRIDE",
    "Q3_LAYERS",
    "Q4_PADDING",
    "Q4_SIZE",
    "Q4_STRIDE",
    "Q4_X",
    "Q5_CHOICES",
    "Q5_W",
    "QUESTIONS",
    "q1",
    "q2",
    "q3",
    "q4",
    "q5",
]


def _incorrect(text: str) -> CheckResult:
    return CheckResult("incorrect", text[:1].upper() + text[1:])


# --------------------------------------------------------------------------
# q1: the parameters of a layer
# --------------------------------------------------------------------------
#: Question 1's layer: input channels, filters and kernel size (with one bias per filter).
Q1_C_IN, Q1_C_OUT, Q1_KERNEL = 16, 32, 3

_Q1_ANSWER = conv_parameters(Q1_C_IN, Q1_C_OUT, Q1_KERNEL)


def _q1_mistakes() -> list:
    ci, co, k = Q1_C_IN, Q1_C_OUT, Q1_KERNEL
    weights = conv_parameters(ci, co, k, bias=False)
    return merge_mistakes([
        (weights, f"That is the weights alone: each filter also has one bias, {co} more numbers."),
        (conv_parameters(1, co, k),
         f"That counts one {k}×{k} kernel per filter, as if the input had one channel: a filter has one "
         f"{k}×{k} kernel per input channel, {ci} of them."),
        (conv_parameters(1, co, k, bias=False),
         f"That counts one {k}×{k} kernel per filter and no bias: a filter has {ci} kernels (one per input "
         f"channel) and one bias."),
        (weights + ci * co,
         f"That gives every one of the {ci * co} kernels its own bias, as if each channel had its own "
         f"filter; a filter adds its {ci} channel responses into one map and adds one bias to it: {co} "
         f"biases in all."),
        (conv_parameters(ci, 1, k), f"That is one filter; the layer has {co} of them."),
        (ci * k * k + ci, f"That is one {k}×{k} kernel and one bias per input channel, as filter_image would "
                          f"use; the layer has {co} filters, each with a kernel for every input channel."),
        (co * ci * k + co, f"The kernel has {k}×{k} = {k * k} weights, not {k}."),
    ], _Q1_ANSWER)


q1 = Question(
    "q1",
    "Parameters of a layer",
    f"A convolutional layer takes an input with {Q1_C_IN} channels and has {Q1_C_OUT} filters of size "
    f"{Q1_KERNEL}×{Q1_KERNEL}, each with a bias. How many parameters (learned numbers) does it hold?",
    lambda answer: check_number(answer, _Q1_ANSWER, name="the number of parameters", whole=True, low=0,
                                mistakes=_q1_mistakes(),
                                explanation=f"`{Q1_C_OUT} × ({Q1_C_IN} × {Q1_KERNEL} × {Q1_KERNEL} + 1) = "
                                            f"{_Q1_ANSWER}`: each filter holds a {Q1_KERNEL}×{Q1_KERNEL} "
                                            "kernel for every input channel, plus one bias."),
    hints=[
        "Count one filter first: how many weights does it hold to look at every input channel at once? "
        "Then add its bias.",
        f"One filter is a {Q1_C_IN}×{Q1_KERNEL}×{Q1_KERNEL} block of weights plus 1 bias. "
        f"The layer has {Q1_C_OUT} such filters.",
    ],
    solution=Solution(
        f"C_in, C_out, k = {Q1_C_IN}, {Q1_C_OUT}, {Q1_KERNEL}\n"
        f"answer = C_out * (C_in * k * k + 1)     # = {_Q1_ANSWER}\n"
        f"# or: convlib.cost.conv_parameters({Q1_C_IN}, {Q1_C_OUT}, {Q1_KERNEL})",
        "A filter spans all input channels and has one bias.",
    ),
)


# --------------------------------------------------------------------------
# q2: the output shape of a layer with stride and padding
# --------------------------------------------------------------------------
#: Question 2's input shape (C, H, W), filters, kernel size, stride and padding (each side).
Q2_INPUT_SHAPE = (3, 32, 32)
Q2_C_OUT, Q2_KERNEL, Q2_STRIDE, Q2_PADDING = 8, 5, 2, 2

_Q2_ANSWER = conv_layer(Q2_INPUT_SHAPE[1:], Q2_INPUT_SHAPE[0], Q2_C_OUT, Q2_KERNEL, stride=Q2_STRIDE,
                        padding=Q2_PADDING).output_shape


def _q2_spatial_mistakes() -> list:
    n, k, s, p = Q2_INPUT_SHAPE[1], Q2_KERNEL, Q2_STRIDE, Q2_PADDING

    def out(size, stride):
        return conv_layer((size, size), 1, 1, k, stride=stride).output_shape[1:]

    found = [
        (out(n, s), f"That is the size without padding: the padding adds {p} cells on each side, "
                    f"{2 * p} in all, before the window slides."),
        (out(n + p, s), f"That adds the padding on one side only: {p} on each side is {2 * p} in all."),
        (((n + 2 * p - k) // s,) * 2, "You left out the + 1: the first window, at 0, counts too."),
        (out(n + 2 * p, 1), f"That is the size at stride 1: with stride {s} the window jumps {s} cells, "
                            f"so about 1/{s} as many windows fit."),
        ((math.ceil((n + 2 * p - k) / s) + 1,) * 2, "You rounded up: a window that would stick out of the "
                                                    "padded input is not used, so round down."),
        (out(n, 1), "That is the size without padding and at stride 1."),
        ((n // s,) * 2, "Dividing the input by the stride is close, but the kernel and the padding change "
                        "the count: floor((H + 2p − k) / s) + 1."),
    ]
    return merge_mistakes(found, tuple(_Q2_ANSWER[1:]))


def _whole(v) -> bool:
    if isinstance(v, (bool, np.bool_)) or not isinstance(v, (numbers.Real, np.integer, np.floating)):
        return False
    return float(v).is_integer()


def _check_q2(answer) -> CheckResult:
    c_in, (c_out, oh, ow) = Q2_INPUT_SHAPE[0], _Q2_ANSWER
    want = "a tuple `(channels, rows, columns)`, for example `(4, 10, 10)`"
    items = list(answer) if isinstance(answer, (tuple, list, np.ndarray)) else None
    if items is None or isinstance(answer, str):
        return _incorrect(f"you gave {describe_answer(answer)}; give {want}.")
    if len(items) == 2 and all(_whole(v) for v in items):
        found = check_shape(items, (oh, ow), name="each output map", mistakes=_q2_spatial_mistakes())
        first = "Those are the rows and columns of each map: right." if found.correct else found.message
        return _incorrect(f"{first} Give the number of channels too: {want}.")
    if len(items) != 3 or not all(_whole(v) for v in items):
        return _incorrect(f"you gave {describe_answer(answer)}; give {want}.")
    channels = int(items[0])
    problems = []
    if channels != c_out:
        if channels == c_in:
            problems.append(f"The output has one channel per filter, {c_out}; {c_in} is the number of input "
                            f"channels, which each filter adds together into one map.")
        else:
            problems.append(f"The output has one channel (map) per filter: {c_out}, not {channels}.")
    found = check_shape(items[1:], (oh, ow), name="each output map", mistakes=_q2_spatial_mistakes())
    if not found.correct:
        problems.append(found.message)
    if problems:
        return _incorrect(" ".join(problems))
    n, k, s, p = Q2_INPUT_SHAPE[1], Q2_KERNEL, Q2_STRIDE, Q2_PADDING
    return CheckResult("correct", f"The output has shape {tuple(_Q2_ANSWER)}: {c_out} maps (one per filter), "
                                  f"each floor(({n} + 2×{p} − {k}) / {s}) + 1 = {oh} cells a side.")


q2 = Question(
    "q2",
    "Output shape of a layer",
    f"An input of shape {Q2_INPUT_SHAPE} (channels, rows, columns) goes through a convolutional layer with "
    f"{Q2_C_OUT} filters of size {Q2_KERNEL}×{Q2_KERNEL}, stride {Q2_STRIDE} and zero padding {Q2_PADDING} "
    "on every side (dilation 1). What is the shape of the output? Answer with a tuple "
    "`(channels, rows, columns)`.",
    _check_q2,
    hints=[
        "The channels and the size are separate questions. How many maps does the layer make? Then use "
        "lesson 02's rule for the rows (the columns are the same).",
        "Rows: floor((H + 2p − k) / s) + 1, with H the input's rows, p the padding on each side, k the "
        "kernel size and s the stride.",
    ],
    solution=Solution(
        f"H, k, s, p = {Q2_INPUT_SHAPE[1]}, {Q2_KERNEL}, {Q2_STRIDE}, {Q2_PADDING}\n"
        f"side = (H + 2 * p - k) // s + 1          # = {_Q2_ANSWER[1]}\n"
        f"shape = ({Q2_C_OUT}, side, side)               # one map per filter",
        "One map per filter; each map's size follows the output-size rule.",
    ),
)


# --------------------------------------------------------------------------
# q3: the receptive field of a stack
# --------------------------------------------------------------------------
#: Question 3's stack, from the input on: a 2x2 max pooling (stride 2), then two 3x3 convolutions (stride 1).
Q3_LAYERS = ((2, 2), (3, 1), (3, 1))

_Q3_ANSWER = receptive_field(Q3_LAYERS)


def _q3_mistakes() -> list:
    sizes = [k for k, _ in Q3_LAYERS]
    no_jump = receptive_field([(k, 1) for k, _ in Q3_LAYERS])
    every = receptive_field([(k, 2) for k, _ in Q3_LAYERS])   # as if every layer doubled the step
    return merge_mistakes([
        (sum(sizes), "That adds the window sizes. Neighbouring windows overlap: a layer of size k widens the "
                     "field by k − 1 steps, not by k cells."),
        (no_jump, "That forgets the pooling's stride: after it, one step of a 3×3 window is 2 input pixels, "
                  "so each 3×3 convolution widens the field by 2 × 2 = 4 pixels, not 2."),
        (every, "That doubles the step at every layer; only a layer with stride 2 (the pooling) doubles it."),
        (receptive_field(Q3_LAYERS[1:]), "That leaves out the pooling: each cell after it stands for a 2×2 "
                                         "block of pixels."),
        (math.prod(sizes), "That multiplies the window sizes; the field grows by adding, step by step."),
        (_Q3_ANSWER ** 2,
         f"That is the number of pixels in the {_Q3_ANSWER}×{_Q3_ANSWER} block; give its side."),
    ], _Q3_ANSWER)


def _q3_explanation() -> str:
    steps = receptive_growth(Q3_LAYERS)
    names = ["2×2 pool, stride 2", "3×3 conv", "3×3 conv"]
    text = ", then ".join(f"{name}: {r} (steps of {j})" for name, (r, j) in zip(names, steps, strict=True))
    return f"{text}. One output cell depends on a {_Q3_ANSWER}×{_Q3_ANSWER} block of input pixels."


q3 = Question(
    "q3",
    "Receptive field of a stack",
    "A picture goes through a 2×2 max pooling with stride 2, then through two 3×3 convolutions (stride 1, "
    "no dilation). One cell of the last output depends on an r×r block of input pixels. What is r?",
    lambda answer: check_number(answer, _Q3_ANSWER, name="the receptive field's side r", whole=True, low=1,
                                mistakes=_q3_mistakes(), explanation=_q3_explanation()),
    hints=[
        "Go layer by layer from the input, keeping two numbers: the field r (start at 1) and the step j, how "
        "many input pixels apart two neighbouring cells of the current map are (start at 1).",
        "A layer of size k adds (k − 1) × j to r; a layer with stride s then multiplies j by s. The pooling "
        "comes first, so the two convolutions work with j = 2.",
    ],
    solution=Solution(
        "r, j = 1, 1\n"
        "for k, s in [(2, 2), (3, 1), (3, 1)]:   # pool, conv, conv\n"
        "    r = r + (k - 1) * j\n"
        "    j = j * s\n"
        f"answer = r      # = {_Q3_ANSWER}; convlib.cost.receptive_field([(2, 2), (3, 1), (3, 1)])",
        "Each layer widens the field by (k − 1) steps, and a step is as many pixels as the strides before it "
        "multiply to.",
    ),
)


# --------------------------------------------------------------------------
# q4: max and average pooling of one window
# --------------------------------------------------------------------------
#: Question 4's input: its top-left corner is negative.
Q4_X = read_only([[-3, -1, 4, 2],
                  [-6, -2, 5, 1],
                  [7, 3, -5, 0],
                  [2, 8, 1, -4]])
#: Question 4's pooling: window size, stride and padding (each side).
Q4_SIZE, Q4_STRIDE, Q4_PADDING = 3, 2, 1

_Q4_OPTIONS = dict(stride=Q4_STRIDE, padding=Q4_PADDING)
_Q4_MAX = pool2d(Q4_X, Q4_SIZE, kind="max", **_Q4_OPTIONS)[0, 0]
_Q4_MEAN = pool2d(Q4_X, Q4_SIZE, kind="average", **_Q4_OPTIONS)[0, 0]


def _q4_max_mistakes() -> list:
    corner = Q4_X[:Q4_SIZE, :Q4_SIZE]
    inside = Q4_X[: Q4_SIZE - Q4_PADDING, : Q4_SIZE - Q4_PADDING]
    return merge_mistakes([
        (0, "The padding cells are not zeros in max pooling: they count as minus infinity, so they never "
            "win. Here every input cell of the window is negative, and the largest of them is the answer."),
        (_Q4_MEAN, "That is the mean of the window; max pooling keeps the largest value."),
        (inside.min(), "That is the smallest value of the window; max pooling keeps the largest."),
        (np.abs(inside).max(), f"Compare the values with their signs: {format_number(inside.max())} is "
                               f"larger than {format_number(inside.min())}."),
        (corner.max(), f"That window starts at row 0, column 0 of Q4_X; with padding {Q4_PADDING} the first "
                       f"window starts one row and one column before the input, so it holds only "
                       f"Q4_X[0:2, 0:2]."),
    ], _Q4_MAX)


def _q4_mean_mistakes() -> list:
    inside = Q4_X[: Q4_SIZE - Q4_PADDING, : Q4_SIZE - Q4_PADDING]
    corner = Q4_X[:Q4_SIZE, :Q4_SIZE]
    counted = pool2d(Q4_X, Q4_SIZE, kind="average", count_include_pad=True, **_Q4_OPTIONS)[0, 0]
    return merge_mistakes([
        (counted, f"That divides by all {Q4_SIZE * Q4_SIZE} cells of the window, padding included (PyTorch's "
                  f"default, count_include_pad=True); convlib leaves padding out of the mean: divide by the "
                  f"{inside.size} input cells."),
        (inside.sum(), f"That is the sum; the mean divides it by the {inside.size} input cells."),
        (_Q4_MAX, "That is the largest value; average pooling takes the mean."),
        (corner.mean(), f"That window starts at row 0, column 0 of Q4_X; with padding {Q4_PADDING} it "
                        "starts one "
                        f"row and one column before, so it holds only Q4_X[0:2, 0:2]."),
    ], _Q4_MEAN)


q4 = Question(
    "q4",
    "Max and average of one window",
    f"The input\n{code_block('Q4_X', Q4_X)}\n\nis pooled with {Q4_SIZE}×{Q4_SIZE} windows, stride "
    f"{Q4_STRIDE} "
    f"and padding {Q4_PADDING} on every side, as convlib pools (padding never wins a max, and is left out "
    "of a "
    "mean). Give `Y[0,0]` of max pooling and `Y[0,0]` of average pooling, as a pair `(max, mean)`.",
    lambda answer: check_each(answer, [
        lambda a: check_number(a, _Q4_MAX, name="Y[0,0] of max pooling", mistakes=_q4_max_mistakes()),
        lambda a: check_number(a, _Q4_MEAN, name="Y[0,0] of average pooling", mistakes=_q4_mean_mistakes()),
    ], want="a pair `(max, mean)`", explanation=(
        f"The first window covers rows −1 to 1 and columns −1 to 1: five padding cells and the four cells "
        f"Q4_X[0:2, 0:2]. Max: {format_number(_Q4_MAX)}; mean of the four: {format_number(_Q4_MEAN)}.")),
    hints=[
        f"Draw the padding: with padding {Q4_PADDING} the first {Q4_SIZE}×{Q4_SIZE} window starts at row −1 "
        "and column −1. Which cells of Q4_X does it cover?",
        "It covers Q4_X[0:2, 0:2] and five padding cells. Max pooling ignores padding (minus infinity); "
        "average pooling divides the sum of the input cells by their number.",
    ],
    solution=Solution(
        "from convlib.lessons.lesson06 import Q4_X\n"
        "window = Q4_X[0:2, 0:2]        # the input cells of the first window\n"
        "answer = (window.max(), window.mean())\n"
        "# or: convlib.max_pool(Q4_X, 3, stride=2, padding=1)[0, 0] and\n"
        "#     convlib.average_pool(Q4_X, 3, stride=2, padding=1)[0, 0]",
        f"({format_number(_Q4_MAX)}, {format_number(_Q4_MEAN)})",
    ),
)


# --------------------------------------------------------------------------
# q5: what a 1x1 convolution does
# --------------------------------------------------------------------------
#: Question 5's weights, shape (2, 3, 1, 1): two 1x1 filters for an RGB input.
Q5_W = read_only(np.array([[0.5, 0.5, 0.0], [0.0, -1.0, 1.0]]).reshape(2, 3, 1, 1))
#: The choices of question 5.
Q5_CHOICES = ("blurs each channel", "mixes the channels of each pixel", "finds edges", "halves the size")

q5 = Question(
    "q5",
    "What a 1×1 convolution does",
    f"A layer has weights `Q5_W` of shape {Q5_W.shape}: two filters of size 1×1 for an input with 3 "
    f"channels, stride 1, no padding. Their weights, one row per filter and one column per input channel "
    f"(`Q5_W[:, :, 0, 0]`):\n{code_block('Q5_W[:, :, 0, 0]', Q5_W[:, :, 0, 0])}\n\n"
    f"Applied to an input of shape (3, H, W), what does this layer do? Choose one of "
    f"{', '.join(repr(c) for c in Q5_CHOICES)}.",
    lambda answer: check_choice(answer, Q5_CHOICES[1], Q5_CHOICES, name="what a 1×1 convolution does",
                                aliases={"mix": Q5_CHOICES[1], "mixes channels": Q5_CHOICES[1],
                                         "mix channels": Q5_CHOICES[1], "blur": Q5_CHOICES[0],
                                         "edges": Q5_CHOICES[2], "shrink": Q5_CHOICES[3]},
                                mistakes={
                                    Q5_CHOICES[0]: "A blur averages a pixel with its neighbours; a 1×1 "
                                                   "kernel sees one pixel only, and it combines that "
                                                   "pixel's channels.",
                                    Q5_CHOICES[2]: "An edge detector compares neighbouring pixels; a 1×1 "
                                                   "kernel sees one pixel only.",
                                    Q5_CHOICES[3]: f"With stride 1 and no padding a 1×1 window fits at every "
                                                   f"pixel: the output is (2, H, W), as large as the input; "
                                                   f"only the number of channels changes, from 3 to "
                                                   f"{Q5_W.shape[0]}.",
                                },
                                explanation=(
                                    "Each output pixel is a weighted sum of the same pixel's channels: "
                                    "`Y[0] = 0.5 X[0] + 0.5 X[1]` (red and green averaged) and "
                                    "`Y[1] = X[2] − X[1]` (blue minus green). A 1×1 convolution is a small "
                                    "matrix applied to every pixel's colour; it changes the number of "
                                    "channels, not the size.")),
    hints=[
        "A 1×1 window covers a single pixel. What can a weighted sum over one pixel combine?",
        "Write out `Y[0, r, c]` for Q5_W: it uses `X[0, r, c]`, `X[1, r, c]` and `X[2, r, c]`, the same "
        "pixel in each channel.",
    ],
    solution=Solution(f"answer = {Q5_CHOICES[1]!r}",
                      "Each filter weighs the channels of one pixel: grey from RGB (lesson 06's 0.299, "
                      "0.587, 0.114) is a 1×1 convolution."),
)

#: The questions of the lesson, in order.
QUESTIONS = (q1, q2, q3, q4, q5)
