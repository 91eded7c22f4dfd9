"""The questions of lesson 10, "Transposed, grouped and depthwise, and 1-D convolution".

Five questions, ``q1`` to ``q5``, used by
``notebooks/10-transposed-depthwise-and-1d.ipynb``::

    from convlib.exercises import ____
    from convlib.lessons.lesson10 import q1, q2, q3, q4, q5

Every expected answer is computed here with convlib
(:func:`convlib.output_shape`, :func:`convlib.transposed_output_shape`,
:func:`convlib.cost.separable_layer`, :func:`convlib.correlate1d`), never
typed by hand; each wrong answer a learner is likely to give is recognised
and explained.

Examples
--------
>>> q3.check(0)
Incorrect: output_padding should be 1; you gave 0. That gives 7×7: the smaller of the two sizes the \
convolution maps to 4×4.
"""

from __future__ import annotations

import math

import numpy as np

from ..._validate import read_only
from ...conv import format_number, output_shape
from ...conv1d import correlate1d
from ...cost import separable_layer
from ...exercises import CheckResult, Question, Solution, ____, check_each, check_number
from ...transposed import transposed_output_shape
from .examples import guide_cases

__all__ = [
    "____",
    "Q1_CASES",
    "Q2_SIZES",
    "Q3_SETTING",
    "Q4_LAYER",
    "Q5_KERNEL",
    "Q5_X",
    "QUESTIONS",
    "q1",
    "q2",
    "q3",
    "q4",
    "q5",
]

#: The cases of q1 and q2: the convolution-arithmetic guide's, by name, as dicts of n, k, s, p, d.
Q1_CASES = tuple(guide_cases())


def _conv_out(n, k, s=1, p=0, d=1) -> int:
    return output_shape((n, n), (k, k), padding=p, stride=s, dilation=d)[0]


def _t_out(n, k, s=1, p=0, d=1, a=0) -> int:
    return transposed_output_shape((n, n), (k, k), stride=s, padding=p, dilation=d, output_padding=a)[0]


def _mistakes(found, right) -> list:
    """Wrong answers with their explanations, the right one and repeats left out."""
    out: dict = {}
    for value, text in found:
        if value != right and value not in out:
            out[value] = text[:1].upper() + text[1:]
    return list(out.items())


# --------------------------------------------------------------------------
# q1: output sizes of a convolution, every case of the guide
# --------------------------------------------------------------------------
_Q1_ANSWER = tuple(_conv_out(**c) for _, c in Q1_CASES)
_CASE_TUPLES = [tuple(c[key] for key in "nkspd") for _, c in Q1_CASES]


def _q1_check(name: str, c: dict, right: int):
    n, k, s, p, d = c["n"], c["k"], c["s"], c["p"], c["d"]
    span = d * (k - 1) + 1
    found = [
        ((n + 2 * p - span) // s, "you left out the + 1: the window's first position counts too."),
        ((n + p - span) // s + 1, f"that adds the padding on one side only: {p} on each side is {2 * p}."),
        ((n + 2 * p - k) // s + 1, f"that ignores the dilation: the kernel spans d(k − 1) + 1 = {span} cells."),
        (math.ceil((n + 2 * p - span) / s) + 1, "that rounds up: a window sticking out of the padded input "
                                                "is not used."),
        (n + 2 * p - span + 1, f"that ignores the stride of {s}."),
    ]
    return lambda a: check_number(a, right, name=f"the output size ({name})", whole=True, low=1,
                                  mistakes=_mistakes(found, right))


q1 = Question(
    "q1",
    "Output sizes of a convolution: every case of the guide",
    "For each setting of `Q1_CASES` (input size `n`, kernel size `k`, stride `s`, padding `p` on each side, "
    "dilation `d`), what is the output size of the convolution? Give a tuple of "
    f"{len(Q1_CASES)} whole numbers, in order:\n" + "\n".join(
        f"    {name}: n={c['n']}, k={c['k']}, s={c['s']}, p={c['p']}, d={c['d']}" for name, c in Q1_CASES),
    lambda answer: check_each(answer, [_q1_check(name, c, r) for (name, c), r in zip(Q1_CASES, _Q1_ANSWER,
                                                                                        strict=True)],
                              want=f"a tuple of {len(Q1_CASES)} whole numbers, one per case",
                              explanation=f"`floor((n + 2p − d(k−1) − 1) / s) + 1` gives {_Q1_ANSWER}."),
    hints=[
        "One rule covers all of them: floor((n + 2p − d(k − 1) − 1) / s) + 1.",
        "'half' pads k // 2 so the size stays n; 'full' pads k − 1 so the size grows to n + k − 1; a "
        "dilated kernel spans d(k − 1) + 1 cells.",
    ],
    solution=Solution(
        f"cases = {_CASE_TUPLES}   # (n, k, s, p, d)\n"
        "answer = tuple((n + 2 * p - d * (k - 1) - 1) // s + 1 for n, k, s, p, d in cases)\n"
        f"# {_Q1_ANSWER}; or cl.output_shape((n, n), (k, k), padding=p, stride=s, dilation=d)[0] for each",
        "The same rule as lesson 02, one case at a time.",
    ),
)


# --------------------------------------------------------------------------
# q2: their transposed counterparts
# --------------------------------------------------------------------------
#: q2's input sizes: the outputs of q1's convolutions, taken back by transposed convolutions.
Q2_SIZES = _Q1_ANSWER
_Q2_ANSWER = tuple(_t_out(m, c["k"], c["s"], c["p"], c["d"]) for m, (_, c) in zip(Q2_SIZES, Q1_CASES,
                                                                                   strict=True))


def _q2_check(name: str, m: int, c: dict, right: int):
    k, s, p, d = c["k"], c["s"], c["p"], c["d"]
    found = [
        ((m - 1) * s + 2 * p + d * (k - 1) + 1, "padding is subtracted in a transposed convolution: it cuts "
                                                f"{p} cells off each edge of the painted output."),
        ((m - 1) * s - 2 * p + (k - 1) + 1, f"that ignores the dilation: the kernel spans d(k − 1) + 1 = "
                                            f"{d * (k - 1) + 1} cells."),
        (m * s - 2 * p + d * (k - 1) + 1, f"the copies of the kernel start at 0, s, …, (n − 1)s: {m} input "
                                          f"cells give (n − 1)s = {(m - 1) * s}, not n × s."),
        ((m - 1) * s - 2 * p + d * (k - 1), "you left out the + 1."),
        (c["n"], "that is the convolution's input size; without output padding the transposed convolution "
                 "gives the smallest size that maps back to its input."),
    ]
    return lambda a: check_number(a, right, name=f"the transposed output size ({name})", whole=True, low=1,
                                  mistakes=_mistakes(found, right))


q2 = Question(
    "q2",
    "Output sizes of the transposed counterparts",
    "Each case of q1 has a transposed counterpart: `conv_transpose2d` with the same `k`, `s`, `p` and `d` "
    f"and no output padding, applied to an input of the size q1's convolution gave (`Q2_SIZES` = {Q2_SIZES}). "
    f"What output size does each give? A tuple of {len(Q1_CASES)} whole numbers, in order.",
    lambda answer: check_each(answer, [_q2_check(name, m, c, r) for (name, c), m, r in
                                       zip(Q1_CASES, Q2_SIZES, _Q2_ANSWER, strict=True)],
                              want=f"a tuple of {len(Q1_CASES)} whole numbers, one per case",
                              explanation=f"`(n − 1)s − 2p + d(k − 1) + 1` gives {_Q2_ANSWER}: each the "
                                          "input size of the convolution, except where a stride had rounded "
                                          "down."),
    hints=[
        "The rule: (n − 1)s − 2p + d(k − 1) + output_padding + 1, with n the transposed convolution's input.",
        "Check each answer against q1: the convolution of your size should give Q2_SIZES back.",
    ],
    solution=Solution(
        f"cases = {_CASE_TUPLES}   # (n, k, s, p, d) of q1\n"
        f"sizes = {Q2_SIZES}                # Q2_SIZES\n"
        "answer = tuple((m - 1) * s - 2 * p + d * (k - 1) + 1 for m, (n, k, s, p, d) in zip(sizes, cases))\n"
        f"# {_Q2_ANSWER}; or cl.transposed_output_shape for each",
        "Read the convolution's size rule backwards; where the stride rounded down, the smaller size comes "
        "out.",
    ),
)


# --------------------------------------------------------------------------
# q3: the ambiguity output padding resolves
# --------------------------------------------------------------------------
#: q3's layer: kernel size, stride, padding, and the two input sizes that give the same output.
Q3_SETTING = dict(k=3, s=2, p=1, sizes=(7, 8))
_Q3_OUT = _conv_out(Q3_SETTING["sizes"][1], Q3_SETTING["k"], Q3_SETTING["s"], Q3_SETTING["p"])
_Q3_ANSWER = next(a for a in range(Q3_SETTING["s"])
                  if _t_out(_Q3_OUT, Q3_SETTING["k"], Q3_SETTING["s"], Q3_SETTING["p"], 1, a)
                  == Q3_SETTING["sizes"][1])


def _check_q3(answer) -> CheckResult:
    k, s, p = Q3_SETTING["k"], Q3_SETTING["s"], Q3_SETTING["p"]
    small, big = Q3_SETTING["sizes"]
    found = [(a, f"That gives {_t_out(_Q3_OUT, k, s, p, 1, a)}×{_t_out(_Q3_OUT, k, s, p, 1, a)}: the smaller "
                 f"of the two sizes the convolution maps to {_Q3_OUT}×{_Q3_OUT}.")
             for a in range(s) if _t_out(_Q3_OUT, k, s, p, 1, a) == small]
    found += [(s, f"Output padding must be smaller than the stride ({s}): conv_transpose2d refuses {s}."),
              (big - small + _Q3_ANSWER + 1, "That is larger than the stride allows.")]
    return check_number(answer, _Q3_ANSWER, name="output_padding", whole=True, low=0,
                        mistakes=_mistakes(found, _Q3_ANSWER),
                        explanation=f"output_padding = {_Q3_ANSWER}: `({_Q3_OUT} − 1)×{s} − 2×{p} + {k - 1} + "
                                    f"{_Q3_ANSWER} + 1 = {big}`.")


q3 = Question(
    "q3",
    "The ambiguity output padding resolves",
    f"A convolution with a {Q3_SETTING['k']}×{Q3_SETTING['k']} kernel, stride {Q3_SETTING['s']} and padding "
    f"{Q3_SETTING['p']} maps both {Q3_SETTING['sizes'][0]}×{Q3_SETTING['sizes'][0]} and "
    f"{Q3_SETTING['sizes'][1]}×{Q3_SETTING['sizes'][1]} inputs to {_Q3_OUT}×{_Q3_OUT}. A decoder must take "
    f"{_Q3_OUT}×{_Q3_OUT} back to {Q3_SETTING['sizes'][1]}×{Q3_SETTING['sizes'][1]} with `conv_transpose2d` "
    f"and the same kernel size, stride and padding. Which `output_padding` should it use?",
    _check_q3,
    hints=[
        "Work out the size with output_padding = 0 first, with (n − 1)s − 2p + d(k − 1) + 1.",
        "output_padding adds that many rows and columns at the bottom and right; it must be smaller than the "
        "stride.",
    ],
    solution=Solution(f"answer = {_Q3_ANSWER}\n# cl.transposed_output_shape(({_Q3_OUT}, {_Q3_OUT}), (3, 3), "
                      f"stride=2, padding=1, output_padding={_Q3_ANSWER})",
                      "The stride's floor made two sizes collide; output padding picks the larger one."),
)


# --------------------------------------------------------------------------
# q4: the parameters of a depthwise-separable layer
# --------------------------------------------------------------------------
#: q4's layer: channels in, channels out, kernel size (no bias).
Q4_LAYER = dict(c_in=32, c_out=64, k=3)
_Q4 = separable_layer((8, 8), Q4_LAYER["c_in"], Q4_LAYER["c_out"], Q4_LAYER["k"], padding=1, bias=False)
_Q4_ANSWER = _Q4.parameters


def _q4_mistakes() -> list:
    ci, co, k = Q4_LAYER["c_in"], Q4_LAYER["c_out"], Q4_LAYER["k"]
    return _mistakes([
        (_Q4.full.parameters, f"That is a full {k}×{k} convolution from {ci} to {co} channels; the separable "
                              f"one has a depthwise part and a 1×1 part."),
        (_Q4.depthwise.parameters, f"That is the depthwise part alone ({ci} kernels of {k}×{k}); add the 1×1 "
                                   f"part that mixes the channels."),
        (_Q4.pointwise.parameters, f"That is the 1×1 part alone ({co} filters of {ci} weights); add the "
                                   "depthwise kernels."),
        (co * k * k + ci * co, f"The depthwise part has one kernel per *input* channel: {ci}, not {co}."),
        (ci * k + ci * co, f"A {k}×{k} kernel has {k * k} weights, not {k}."),
        (_Q4.parameters + co, "No biases in this question: weights only."),
    ], _Q4_ANSWER)


q4 = Question(
    "q4",
    "Parameters of a depthwise-separable layer",
    f"A depthwise-separable layer takes {Q4_LAYER['c_in']} channels to {Q4_LAYER['c_out']}: a depthwise "
    f"{Q4_LAYER['k']}×{Q4_LAYER['k']} convolution (one kernel per input channel), then a 1×1 convolution. "
    "How many weights does it hold (no biases)?",
    lambda answer: check_number(answer, _Q4_ANSWER, name="the number of weights", whole=True, low=0,
                                mistakes=_q4_mistakes(),
                                explanation=f"`{Q4_LAYER['c_in']} × {Q4_LAYER['k']} × {Q4_LAYER['k']} + "
                                            f"{Q4_LAYER['c_in']} × {Q4_LAYER['c_out']} = {_Q4_ANSWER}`, against "
                                            f"{_Q4.full.parameters:,} for a full convolution."),
    hints=[
        "Count the two parts apart: the depthwise kernels, then the 1×1 filters.",
        f"Depthwise: {Q4_LAYER['c_in']} kernels of {Q4_LAYER['k']}×{Q4_LAYER['k']}. 1×1: {Q4_LAYER['c_out']} "
        f"filters, each with one weight per input channel.",
    ],
    solution=Solution("C_in, C_out, k = 32, 64, 3\nanswer = C_in * k * k + C_in * C_out     # = "
                      f"{_Q4_ANSWER}\n# or: convlib.cost.separable_layer((8, 8), 32, 64, 3, bias=False).parameters",
                      "Depthwise kernels look at space, the 1×1 filters mix channels; together they replace "
                      "a kernel for every pair of channels."),
)


# --------------------------------------------------------------------------
# q5: a causal moving average
# --------------------------------------------------------------------------
#: q5's signal and kernel: a moving average of 3 samples.
Q5_X = read_only([3, 6, 9, 3, 0, 6])
Q5_KERNEL = read_only(np.full(3, 1 / 3))
_Q5_CAUSAL = correlate1d(Q5_X, Q5_KERNEL, mode="causal")
_Q5_ANSWER = float(_Q5_CAUSAL[1])


def _q5_mistakes() -> list:
    same = float(correlate1d(Q5_X, Q5_KERNEL, mode="same")[1])
    valid = float(correlate1d(Q5_X, Q5_KERNEL)[1])
    return _mistakes([
        (same, f"That is the centred ('same') average, (x[0] + x[1] + x[2]) / 3 = {format_number(same)}: it "
               "reads x[2], a sample from the future."),
        (valid, "That is the 'valid' output y[1] = (x[1] + x[2] + x[3]) / 3: it starts at x[1]."),
        (float(_Q5_CAUSAL[1] * 3), "That is the sum of the three samples; the average divides it by 3."),
        (float(_Q5_CAUSAL[0]), "That is y[0]."),
        (float(Q5_X[1]), "That is x[1] itself."),
    ], _Q5_ANSWER)


q5 = Question(
    "q5",
    "A causal moving average",
    f"The signal `Q5_X = {Q5_X.tolist()}` goes through a moving average of 3 samples (`Q5_KERNEL`, three "
    "thirds) with causal padding: 2 zeros on the left, none on the right, so that y[n] reads x[n] and "
    "the two samples before it. What is y[1]?",
    lambda answer: check_number(answer, _Q5_ANSWER, name="y[1]", rtol=1e-6, atol=1e-6, mistakes=_q5_mistakes(),
                                explanation=f"y[1] = (0 + x[0] + x[1]) / 3 = (0 + 3 + 6) / 3 = "
                                            f"{format_number(_Q5_ANSWER)}: the padding zero stands for the "
                                            "sample before the signal starts."),
    hints=[
        "Causal: y[n] = (x[n − 2] + x[n − 1] + x[n]) / 3, with samples before x[0] taken as 0.",
        "For n = 1 the window holds x[−1] (padding, 0), x[0] and x[1].",
    ],
    solution=Solution(f"answer = (0 + 3 + 6) / 3      # = {format_number(_Q5_ANSWER)}\n"
                      "# cl.correlate1d(Q5_X, Q5_KERNEL, mode='causal')[1]",
                      "Causal filters wait for the past: the first outputs average in padding zeros."),
)

#: The questions of the lesson, in order.
QUESTIONS = (q1, q2, q3, q4, q5)
