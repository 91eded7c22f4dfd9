"""The questions of lesson 03, "Edges and gradients".

Five questions, ``q1`` to ``q5``, used by
``notebooks/03-edges-and-gradients.ipynb``::

    from convlib.exercises import ____
    from convlib.lessons.lesson03 import q1, q2, q3, q4, q5

    q1.show()          # the question and its data
    answer = ____      # the learner replaces the blank
    q1.check(answer)   # Correct / Incorrect / Not attempted, with a message
    q1.hint()          # hint 1; q1.hint(2) for hint 2
    q1.solution()

Every expected answer is computed here with convlib (:func:`convlib.correlate2d`,
:mod:`convlib.edges`) from the data below, never typed by hand.

Examples
--------
>>> q1.check(____)
Not attempted: Replace `____` with your answer, then run the cell again.
>>> q2.check("SOBEL_Y").correct, q5.check("up").correct
(True, True)
"""

from __future__ import annotations

import numbers

import numpy as np

from ..._validate import read_only
from ...conv import convolve2d, correlate2d, format_number
from ...edges import edge_map, gradient_direction, gradient_magnitude, gradients
from ...exercises import (
    CheckResult,
    Question,
    Solution,
    ____,
    check_choice,
    check_number,
    code_block,
    inline,
)
from ...kernels import BOX_3, LAPLACIAN, PREWITT_X, SOBEL_X, SOBEL_Y

__all__ = [
    "____",
    "Q1_PATCH",
    "Q2_CHOICES",
    "Q2_HORIZONTAL",
    "Q2_VERTICAL",
    "Q3_OUTLINE",
    "Q3_X",
    "Q4_PATCH",
    "Q4_STATEMENTS",
    "Q5_CELL",
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
_f = format_number


def _unique(found, answer):
    """Keep the first explanation of each wrong value, and never the right one."""
    out, seen = [], {float(answer)}
    for value, text in found:
        if float(value) not in seen:
            seen.add(float(value))
            out.append((value, text))
    return out


def _plain_number(answer) -> float | None:
    """The learner's answer as a float when it is a real number (not a bool), else None."""
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        answer = answer.item()
    real = isinstance(answer, (numbers.Real, np.integer, np.floating))
    if real and not isinstance(answer, (bool, np.bool_)):
        value = float(answer)
        return None if np.isnan(value) else value
    return None


# --------------------------------------------------------------------------
# q1: a Sobel response by hand
# --------------------------------------------------------------------------
#: The 3x3 neighbourhood of one pixel (question 1).
Q1_PATCH = _frozen([[2, 5, 9],
                    [1, 6, 8],
                    [3, 4, 7]])

_Q1_ANSWER = correlate2d(Q1_PATCH, SOBEL_X)[0, 0]


def _q1_mistakes() -> list:
    P = Q1_PATCH
    found = [
        (convolve2d(P, SOBEL_X)[0, 0],
         "That is the response with the kernel flipped (true convolution): flipping SOBEL_X left to "
         "right changes every sign. correlate2d does not flip: the -1s multiply the LEFT column, the +1s "
         "the right."),
        (correlate2d(P, PREWITT_X)[0, 0],
         "That is the Prewitt response: you left out the middle weights -2 and 2. Sobel counts the middle "
         "row twice."),
        (correlate2d(P, SOBEL_Y)[0, 0],
         "That is the Sobel y response (below minus above). SOBEL_X compares the right column with the left "
         "column."),
        (convolve2d(P, SOBEL_Y)[0, 0],
         "That is the Sobel y response with the kernel flipped: SOBEL_X compares the right column with the "
         "left one, without flipping."),
        (correlate2d(P, np.abs(SOBEL_X))[0, 0],
         "That adds the left column instead of subtracting it: the weights on the left are negative."),
        (int(SOBEL_X[1] @ P[1]),
         "That is the middle row alone; the top and bottom rows count too, with weights -1 and 1."),
        (convolve2d(P, PREWITT_X)[0, 0],
         "Two slips at once: the kernel is flipped (the sign is wrong) and the middle weights 2 are "
         "missing."),
    ]
    return _unique(found, _Q1_ANSWER)


def _q1_products() -> str:
    rows = []
    for k_row, p_row in zip(SOBEL_X, Q1_PATCH, strict=True):
        rows.append("(" + " + ".join(f"{_f(k)}*{_f(p)}" for k, p in zip(k_row, p_row, strict=True)) + ")")
    return " + ".join(rows)


q1 = Question(
    "q1",
    "A Sobel response by hand",
    f"The 3×3 neighbourhood of a pixel is\n{_block('Q1_PATCH', Q1_PATCH)}\n{_block('SOBEL_X', SOBEL_X)}\n\n"
    "What is the Sobel x response `gx` at the pixel in the middle, with convlib's convention "
    "(`correlate2d`, no flip)? Compute it by hand and give a number.",
    lambda answer: check_number(answer, _Q1_ANSWER, name="`gx`", mistakes=_q1_mistakes(),
                                explanation=f"`gx` = {_q1_products()} = {_f(_Q1_ANSWER)}: the right column "
                                            "weighted 1, 2, 1 minus the left column weighted 1, 2, 1. It is "
                                            "positive: the patch gets brighter to the right."),
    hints=[
        "Multiply each value of the patch by the kernel weight in the same place (top-left with top-left, "
        "and so on), then add the nine products. The middle column of SOBEL_X is 0.",
        "It comes down to (right column weighted 1, 2, 1) minus (left column weighted 1, 2, 1): "
        f"`(1*{Q1_PATCH[0, 2]} + 2*{Q1_PATCH[1, 2]} + 1*{Q1_PATCH[2, 2]}) - "
        f"(1*{Q1_PATCH[0, 0]} + 2*{Q1_PATCH[1, 0]} + 1*{Q1_PATCH[2, 0]})`.",
    ],
    solution=Solution(f"answer = {_q1_products()}   # = {_f(_Q1_ANSWER)}",
                      "Weight each value by the kernel entry in the same place and add: no flip."),
)


# --------------------------------------------------------------------------
# q2: which kernel finds horizontal edges?
# --------------------------------------------------------------------------
#: A horizontal edge: dark top half, light bottom half (question 2).
Q2_HORIZONTAL = _frozen(np.repeat([[0], [0], [0], [9], [9], [9]], 6, axis=1))
#: The same edge turned upright: a vertical edge (question 2).
Q2_VERTICAL = _frozen(Q2_HORIZONTAL.T)
_Q2_KERNELS = {"SOBEL_X": SOBEL_X, "SOBEL_Y": SOBEL_Y, "LAPLACIAN": LAPLACIAN, "BOX_3": BOX_3}
#: The kernels question 2 offers, by their names in :mod:`convlib.kernels`.
Q2_CHOICES = tuple(_Q2_KERNELS)


def _q2_response(name: str, picture) -> np.ndarray:
    return correlate2d(picture, _Q2_KERNELS[name])


def _q2_expected() -> str:
    """The only kernel that is 0 on flat patches and on the vertical edge, but not on the horizontal one."""
    def finds(name):
        K = _Q2_KERNELS[name]
        return (np.isclose(np.sum(K), 0) and np.allclose(_q2_response(name, Q2_VERTICAL), 0)
                and not np.allclose(_q2_response(name, Q2_HORIZONTAL), 0))

    [name] = [n for n in Q2_CHOICES if finds(n)]
    return name


_Q2_ANSWER = _q2_expected()


def _q2_mistakes() -> dict:
    def peak(name, picture):
        return _f(np.abs(_q2_response(name, picture)).max())

    flat = np.allclose(_q2_response("SOBEL_X", Q2_HORIZONTAL), 0)
    sobel_x = "is 0 everywhere" if flat else f"is at most {peak('SOBEL_X', Q2_HORIZONTAL)} in size"

    return {
        "SOBEL_X": ("That is the classic x/y mix-up. SOBEL_X differentiates along x: it compares the "
                    "column on the right with the column on the left, so it finds VERTICAL edges (the "
                    "brightness changes from left to right). On this horizontal edge every row is flat, and "
                    f"`correlate2d(Q2_HORIZONTAL, SOBEL_X)` {sobel_x}."),
        "LAPLACIAN": ("The Laplacian does respond to this edge, but to edges in every direction: on the "
                      f"vertical edge it gives values up to {peak('LAPLACIAN', Q2_VERTICAL)} too."),
        "BOX_3": ("BOX_3 blurs: its weights add up to 1, so it gives the local average (up to "
                  f"{peak('BOX_3', Q2_HORIZONTAL)} on the light side) even where nothing changes. Edge "
                  "kernels' weights add up to 0."),
    }


def _q2_name(answer):
    """Accept the kernel itself as well as its name."""
    if isinstance(answer, (np.ndarray, list, tuple)):
        try:
            arr = np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            return answer
        for name, K in _Q2_KERNELS.items():
            if arr.shape == K.shape and np.allclose(arr, K):
                return name
    return answer


q2 = Question(
    "q2",
    "Which kernel finds horizontal edges?",
    "`Q2_HORIZONTAL` has a horizontal edge (dark above, light below):\n"
    f"{_block('Q2_HORIZONTAL', Q2_HORIZONTAL)}\n\n"
    "Which kernel of `convlib.kernels` responds to this edge but gives 0 everywhere on the same edge turned "
    f"upright (`Q2_VERTICAL`)? Answer with its name, in quotes: one of "
    f"{', '.join(repr(c) for c in Q2_CHOICES)}.",
    lambda answer: check_choice(
        _q2_name(answer), _Q2_ANSWER, Q2_CHOICES, name="the kernel", mistakes=_q2_mistakes(),
        explanation=f"{_Q2_ANSWER} compares the row below with the row above: it differentiates along y, "
                    "so it finds horizontal edges, and gives 0 on vertical ones, where every column is "
                    "flat."),
    hints=[
        "A horizontal edge is a change of brightness from top to bottom, along y (down the columns), "
        "not along x.",
        "Try them: `cl.correlate2d(Q2_HORIZONTAL, SOBEL_X)` and `cl.correlate2d(Q2_VERTICAL, SOBEL_X)`, then "
        "the same with the other kernels (`from convlib.kernels import SOBEL_X, SOBEL_Y, LAPLACIAN, BOX_3`).",
    ],
    solution=Solution(
        f"kernel = {_Q2_ANSWER!r}\n"
        f"# check: cl.correlate2d(Q2_HORIZONTAL, {_Q2_ANSWER}) is up to "
        f"{_f(np.abs(correlate2d(Q2_HORIZONTAL, _Q2_KERNELS[_Q2_ANSWER])).max())} at the edge,\n"
        f"#        cl.correlate2d(Q2_VERTICAL, {_Q2_ANSWER}) is 0 everywhere",
        "The kernel that differentiates along y (below minus above) finds horizontal edges.",
    ),
)


# --------------------------------------------------------------------------
# q3: a threshold that keeps the right edges
# --------------------------------------------------------------------------
def _q3_picture(stripe: bool) -> np.ndarray:
    X = np.full((8, 11), 2)
    X[2:6, 2:6] = 9          # a bright square
    if stripe:
        X[:, 8] = 4          # a faint stripe, to be left out
    return X


#: Question 3's picture: a bright square (9) and a faint stripe (4) on a background of 2.
Q3_X = _frozen(_q3_picture(stripe=True))
_Q3_MAG = gradient_magnitude(*gradients(Q3_X))
#: The pixels to keep: where the square alone (no stripe) has a Sobel magnitude above 0.
Q3_OUTLINE = _frozen(gradient_magnitude(*gradients(_q3_picture(stripe=False))) > 0)
_Q3_LOW = float(_Q3_MAG[~Q3_OUTLINE].max())      # the strongest pixel to drop (the stripe)
_Q3_HIGH = float(_Q3_MAG[Q3_OUTLINE].min())      # the weakest pixel to keep (the square's corners)
assert _Q3_LOW < _Q3_HIGH and np.array_equal(edge_map(_Q3_MAG, (_Q3_LOW + _Q3_HIGH) / 2), Q3_OUTLINE)


def _check_q3(answer) -> CheckResult:
    t = _plain_number(answer)
    if t is None:  # blanks, text, lists...: check_number's messages
        return check_number(answer, (_Q3_LOW + _Q3_HIGH) / 2, name="the threshold")
    if t < 0:
        return CheckResult("incorrect", f"A threshold is a magnitude, 0 or more; you gave {_f(t)}.")
    edges = edge_map(_Q3_MAG, t)
    if np.array_equal(edges, Q3_OUTLINE):
        return CheckResult("correct", (
            f"With threshold {_f(t)} the edge map is exactly the square's outline. Any threshold from "
            f"{_f(round(_Q3_LOW, 3))} (the stripe's magnitude) up to just below {_f(round(_Q3_HIGH, 3))} "
            "(the square's corners) works."))
    extra = int((edges & ~Q3_OUTLINE).sum())
    lost = int((Q3_OUTLINE & ~edges).sum())
    low, high = _f(round(_Q3_LOW, 3)), _f(round(_Q3_HIGH, 3))
    if extra:
        text = (f"Threshold {_f(t)} is too low: {extra} pixels of the faint stripe (magnitude {low}) "
                f"count as edges too. Choose a threshold of at least {low}.")
    else:
        text = (f"Threshold {_f(t)} is too high: {lost} pixels of the square's outline are lost; the weakest "
                f"are at its corners (magnitude {high}, where the 3×3 window touches the square only "
                f"diagonally). Choose a threshold below {high}.")
    if _Q3_LOW <= 8 * t < _Q3_HIGH:
        text += (" It looks like you used normalised magnitudes (`normalize=True` divides Sobel by 8); "
                 "the question uses `gradients(Q3_X)` as it is.")
    return CheckResult("incorrect", text)


q3 = Question(
    "q3",
    "A threshold that keeps the right edges",
    f"`Q3_X` is a bright square (9) and a faint stripe (4) on a background of 2:\n{_block('Q3_X', Q3_X)}\n\n"
    "Compute the Sobel gradient magnitude with `gradient_magnitude(*gradients(Q3_X))` "
    "(from `convlib.edges`), "
    "then choose a threshold such that `edge_map(magnitude, threshold)` marks exactly the square's outline "
    "(`Q3_OUTLINE`, True where the square alone gives a magnitude above 0) and nothing of the stripe. "
    "Give the threshold as a number; there is a range of right answers.",
    _check_q3,
    hints=[
        "Print the magnitude rounded: `print(mag.round(1))`. Which values belong to the stripe (columns 7-9) "
        "and which to the square's outline?",
        "The threshold must be at least the stripe's largest magnitude, `mag[~Q3_OUTLINE].max()`, and below "
        "the outline's smallest, `mag[Q3_OUTLINE].min()` (an edge is a magnitude strictly above the "
        "threshold).",
    ],
    solution=Solution(
        "from convlib.edges import gradients, gradient_magnitude\n"
        "from convlib.lessons.lesson03 import Q3_X, Q3_OUTLINE\n"
        "mag = gradient_magnitude(*gradients(Q3_X))\n"
        f"strongest_dropped = mag[~Q3_OUTLINE].max()   # {_f(round(_Q3_LOW, 3))}: the faint stripe\n"
        f"weakest_kept = mag[Q3_OUTLINE].min()         # {_f(round(_Q3_HIGH, 3))}: the square's corners\n"
        "threshold = (strongest_dropped + weakest_kept) / 2",
        "Any threshold between the stripe's largest magnitude and the square's smallest one works.",
    ),
)


# --------------------------------------------------------------------------
# q4: why the Laplacian's weights add up to 0
# --------------------------------------------------------------------------
#: A patch with an edge, on which question 4's statements are tested.
Q4_PATCH = _frozen([[1, 1, 1, 8, 8],
                    [1, 1, 1, 8, 8],
                    [1, 1, 1, 8, 8],
                    [1, 1, 1, 8, 8],
                    [1, 1, 1, 8, 8]])
#: The statements of question 4, by letter.
Q4_STATEMENTS = {
    "A": "On a flat area the response is 0, whatever its brightness.",
    "B": "On a flat area the response is the area's brightness, as with a blur.",
    "C": "The response is never negative.",
    "D": "Making a patch brighter by the same amount everywhere makes the response larger.",
}
_Q4_FLATS = [np.full((3, 3), v) for v in (0, 7, 200)]
_Q4_RESPONSE = correlate2d(Q4_PATCH, LAPLACIAN)
_Q4_BRIGHTER = correlate2d(Q4_PATCH + 50, LAPLACIAN)
_Q4_TRUTH = {
    "A": all(correlate2d(F, LAPLACIAN)[0, 0] == 0 for F in _Q4_FLATS),
    "B": all(correlate2d(F, LAPLACIAN)[0, 0] == F[0, 0] for F in _Q4_FLATS),
    "C": bool(_Q4_RESPONSE.min() >= 0),
    "D": bool((_Q4_BRIGHTER > _Q4_RESPONSE).all()),
}
[_Q4_ANSWER] = [k for k, true in _Q4_TRUTH.items() if true]

q4 = Question(
    "q4",
    "Why the Laplacian weights add up to 0",
    f"{_block('LAPLACIAN', LAPLACIAN)}\n\nIts weights add up to 0. Which statement about "
    "`correlate2d(X, LAPLACIAN)` follows from that? Answer with the letter, in quotes.\n\n"
    + "\n".join(f"`'{k}'`: {v}" for k, v in Q4_STATEMENTS.items())
    + f"\n\nYou can test them on `Q4_PATCH`:\n{_block('Q4_PATCH', Q4_PATCH)}",
    lambda answer: check_choice(
        answer, _Q4_ANSWER, tuple(Q4_STATEMENTS), name="the statement",
        mistakes={
            "B": ("That is what a blur does: its weights add up to 1 (BOX_3: nine times 1/9), so a flat "
                  "patch of 7 gives 7. With weights adding up to 0 it gives 7 × 0 = 0."),
            "C": (f"On the two sides of an edge the Laplacian has opposite signs: on Q4_PATCH it gives "
                  f"`{inline(_Q4_RESPONSE[0])}` along each row, negative values included."),
            "D": (f"Adding 50 everywhere adds 50 × (sum of the weights) = 50 × 0 = 0: Q4_PATCH + 50 gives "
                  f"`{inline(_Q4_BRIGHTER[0])}` along each row, exactly as Q4_PATCH."),
        },
        explanation="A patch of one brightness v gives v × (sum of the weights) = v × 0 = 0. So the "
                    "Laplacian, like every edge kernel, answers only where the brightness changes, whatever "
                    "the lighting."),
    hints=[
        "On a flat patch every pixel is the same value v, so the response is v times the sum of the weights.",
        "Try each statement: `cl.correlate2d(np.full((3, 3), 7), LAPLACIAN)`, "
        "`cl.correlate2d(Q4_PATCH, LAPLACIAN)` and `cl.correlate2d(Q4_PATCH + 50, LAPLACIAN)`.",
    ],
    solution=Solution(f"answer = {_Q4_ANSWER!r}",
                      "A flat patch of brightness v gives v × 0 = 0; only changes respond."),
)


# --------------------------------------------------------------------------
# q5: which way does the gradient point?
# --------------------------------------------------------------------------
#: A horizontal edge with the light side on top (question 5).
Q5_X = _frozen(np.repeat([[9], [9], [9], [0], [0], [0]], 6, axis=1))
#: The pixel asked about: (row, column).
Q5_CELL = (2, 3)
_Q5_GX, _Q5_GY = (g[Q5_CELL] for g in gradients(Q5_X))
_Q5_ANGLE = float(gradient_direction(_Q5_GX, _Q5_GY, degrees=True))
_Q5_WORDS = {0: "right", 90: "down", 180: "left", -90: "up", -180: "left"}
_Q5_ANSWER = _Q5_WORDS[int(90 * round(_Q5_ANGLE / 90))]
_Q5_ALONG = ("The edge is horizontal, so the brightness changes from top to bottom, not from left to right: "
             f"`gx` = {_f(_Q5_GX)}. The gradient is perpendicular to the edge, not along it.")

q5 = Question(
    "q5",
    "Which way does the gradient point?",
    f"{_block('Q5_X', Q5_X)}\n\nAt the pixel `Q5_X[{Q5_CELL[0]},{Q5_CELL[1]}]`, which way does the Sobel "
    "gradient `(gx, gy)` point: 'right', 'down', 'left' or 'up'? (Rows are counted from the top.)",
    lambda answer: check_choice(
        answer, _Q5_ANSWER, ("right", "down", "left", "up"), name="the direction",
        aliases={"north": "up", "south": "down", "east": "right", "west": "left"},
        mistakes={
            "down": ("The gradient points from dark to light, towards the brighter side, which is on top "
                     f"here. `gy` = {_f(_Q5_GY)}: the picture gets darker downwards, so the gradient "
                     "points up."),
            "left": _Q5_ALONG,
            "right": _Q5_ALONG,
        },
        explanation=f"`gx` = {_f(_Q5_GX)} and `gy` = {_f(_Q5_GY)}: the angle atan2(gy, gx) is "
                    f"{_f(_Q5_ANGLE)} degrees, straight up, towards the light side, across the edge."),
    hints=[
        "The gradient points from dark to light, across the edge. Where is the light side?",
        "Compute it: `gx, gy = gradients(Q5_X)`, then look at `gx[2, 3]` and `gy[2, 3]`. A positive gy means "
        "brighter downwards (rows count from the top).",
    ],
    solution=Solution(
        "from convlib.edges import gradients, gradient_direction\n"
        "from convlib.lessons.lesson03 import Q5_X\n"
        "gx, gy = gradients(Q5_X)\n"
        f"# gx[2, 3] = {_f(_Q5_GX)}, gy[2, 3] = {_f(_Q5_GY)}: darker downwards\n"
        f"# gradient_direction(gx, gy, degrees=True)[2, 3] = {_f(_Q5_ANGLE)}\n"
        f"direction = {_Q5_ANSWER!r}",
        "The gradient points towards the light side: here, up.",
    ),
)

#: The questions of the lesson, in order.
QUESTIONS = (q1, q2, q3, q4, q5)
