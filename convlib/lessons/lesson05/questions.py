"""The questions of lesson 05, "Simple shapes".

Five questions, ``q1`` to ``q5``, used by ``notebooks/05-simple-shapes.ipynb``::

    from convlib.exercises import ____
    from convlib.lessons.lesson05 import q1, q2, q3, q4, q5

    q1.show()          # the question and its data
    answer = ____      # the learner replaces the blank
    q1.check(answer)   # Correct / Incorrect / Not attempted, with a message
    q1.hint()          # hint 1; q1.hint(2) for hint 2
    q1.solution()

Every expected answer is computed here with convlib (:mod:`convlib.match`,
:mod:`convlib.shapes`) from the data below, never typed by hand.

Examples
--------
>>> q1.check(____)
Not attempted: Replace `____` with your answer, then run the cell again.
>>> q3.check("circle").correct, q5.check("A").correct
(True, True)
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ..._validate import read_only
from ...conv import format_number
from ...exercises import (
    CheckResult,
    Question,
    Solution,
    ____,
    check_choice,
    check_coordinate,
    check_number,
    code_block,
)
from ...match import MATCH_TOLERANCE, correlation_score, evaluate, find_peaks, ncc, window_centres
from ...shapes import SHAPES, make_scene, shape_mask
from .scenes import FIND_SCENE, ROBUST_CENTRES, ROBUST_SHAPE, TEMPLATES, best_near, robust_scene

__all__ = [
    "____",
    "Q1_T",
    "Q1_WINDOW",
    "Q2_T",
    "Q2_X",
    "Q3_TEMPLATES",
    "Q3_X",
    "Q4_T",
    "Q4_TRUTH",
    "Q4_X",
    "Q5_ANGLE",
    "Q5_STATEMENTS",
    "Q5_THRESHOLD",
    "QUESTIONS",
    "q1",
    "q2",
    "q3",
    "q4",
    "q5",
]

_block = code_block
_f = format_number


def _r(value, digits: int = 3) -> str:
    return _f(round(float(value), digits))


def _unique(found, answer, tol: float):
    """Keep the first explanation of each wrong value; none within ``tol`` of the answer or of another."""
    out = []
    for value, text in found:
        value = float(value)
        if abs(value - float(answer)) > tol and all(abs(value - float(v)) > tol for v, _ in out):
            out.append((value, text))
    return out


def _plain_number(answer) -> float | None:
    """The learner's answer as a float when it is a real number (not a bool), else None."""
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        answer = answer.item()
    real = isinstance(answer, (numbers.Real, np.integer, np.floating))
    if real and not isinstance(answer, (bool, np.bool_)):
        value = float(answer)
        return None if math.isnan(value) else value
    return None


# --------------------------------------------------------------------------
# q1: NCC by hand
# --------------------------------------------------------------------------
#: A 2 x 2 window of a picture (question 1).
Q1_WINDOW = read_only([[1, 5],
                       [3, 7]])
#: A 2 x 2 template: a bright right column (question 1).
Q1_T = read_only([[0, 1],
                  [0, 1]])

_Q1_ANSWER = float(ncc(Q1_WINDOW, Q1_T)[0, 0])
_Q1_TOL = 0.005          # two decimals are enough
_W, _T = Q1_WINDOW.astype(float), Q1_T.astype(float)
_W0, _T0 = _W - _W.mean(), _T - _T.mean()
_Q1_NUM = float((_W0 * _T0).sum())
_Q1_NW, _Q1_NT = float(np.sqrt((_W0 ** 2).sum())), float(np.sqrt((_T0 ** 2).sum()))


def _q1_mistakes() -> list:
    raw = float((_W * _T).sum())
    found = [
        (raw / (np.sqrt((_W ** 2).sum()) * np.sqrt((_T ** 2).sum())),
         "You divided by the norms but did not subtract the means first (that is the cosine of the raw "
         f"pictures, which stays high for any bright window). Subtract mean(W) = {_f(_W.mean())} from every "
         f"value of the window and mean(T) = {_f(_T.mean())} from every value of the template, then "
         "multiply."),
        (_Q1_NUM,
         f"You subtracted the means and added up the products ({_f(_Q1_NUM)}), but did not divide by the "
         f"norms sqrt(sum((W - mean W)²)) = {_r(_Q1_NW)} and sqrt(sum((T - mean T)²)) = {_r(_Q1_NT)}: "
         "without them the score grows with the window's contrast."),
        (raw,
         f"That is the plain correlation score, sum(W × T) = {_f(raw)}: no means subtracted, no division."),
        (_Q1_NUM / _W.size,
         f"You divided by the number of pixels ({_W.size}), not by the product of the two norms. NCC is 1 "
         "only where the window is the template up to brightness and contrast, which this window is not."),
        (_Q1_NUM / (_Q1_NW ** 2 * _Q1_NT ** 2),
         "You divided by the sums of squares themselves: take their square roots (the norms) first."),
        (_Q1_NUM / (np.sqrt((_W ** 2).sum()) * _Q1_NT),
         f"You subtracted the template's mean but used the raw window for its norm: the window's norm is "
         f"sqrt(sum((W - mean W)²)) = {_r(_Q1_NW)}, with mean W = {_f(_W.mean())} subtracted."),
    ]
    return _unique(found, _Q1_ANSWER, 2 * _Q1_TOL)


def _q1_working() -> str:
    w0 = ", ".join(_f(v) for v in _W0.ravel())
    t0 = ", ".join(_f(v) for v in _T0.ravel())
    return (f"W - mean(W) = [{w0}], T - mean(T) = [{t0}]; sum of products = {_f(_Q1_NUM)}; norms "
            f"sqrt({_f((_W0 ** 2).sum())}) = {_r(_Q1_NW)} and sqrt({_f((_T0 ** 2).sum())}) = {_r(_Q1_NT)}; "
            f"NCC = {_f(_Q1_NUM)} / ({_r(_Q1_NW)} × {_r(_Q1_NT)}) = {_r(_Q1_ANSWER)}")


def _check_q1(answer) -> CheckResult:
    mistakes = _q1_mistakes()
    result = check_number(answer, _Q1_ANSWER, name="the NCC of Q1_WINDOW and Q1_T", rtol=0, atol=_Q1_TOL,
                          mistakes=mistakes, explanation=f"`{_q1_working()}`.")
    value = _plain_number(answer)
    known = value is not None and any(abs(value - v) <= _Q1_TOL for v, _ in mistakes)
    if not result.correct and value is not None and abs(value) > 1 and not known:
        return CheckResult("incorrect", result.message + " NCC always lies between -1 and 1.")
    return result


q1 = Question(
    "q1",
    "NCC by hand",
    "A window of a picture and a template, both "
    f"2×2:\n{_block('Q1_WINDOW', Q1_WINDOW)}\n{_block('Q1_T', Q1_T)}\n\nCompute their normalised "
    "cross-correlation by hand: subtract each one's mean, multiply cell by cell and add up, then divide by "
    "the two norms (the square root of each one's sum of squares, after subtracting the mean). Give a "
    "number; two decimals are enough.",
    _check_q1,
    hints=[
        f"mean(Q1_WINDOW) = {_f(_W.mean())} and mean(Q1_T) = {_f(_T.mean())}. Subtract them: every cell of "
        "both becomes a distance from its own mean.",
        "Multiply the two centred arrays cell by cell and add (the numerator). The denominator is "
        "sqrt(sum of the centred window squared) × sqrt(sum of the centred template squared). NCC is always "
        "between -1 and 1.",
    ],
    solution=Solution(
        "W, T = np.array([[1, 5], [3, 7]]), np.array([[0, 1], [0, 1]])\n"
        "W0, T0 = W - W.mean(), T - T.mean()\n"
        "answer = (W0 * T0).sum() / (np.sqrt((W0 ** 2).sum()) * np.sqrt((T0 ** 2).sum()))   "
        f"# = {_r(_Q1_ANSWER)}",
        f"`{_q1_working()}`: the same as `match.ncc(Q1_WINDOW, Q1_T)`.",
    ),
)


# --------------------------------------------------------------------------
# q2: where does the plain score peak?
# --------------------------------------------------------------------------
def _q2_picture() -> np.ndarray:
    X = np.ones((10, 14), dtype=np.int64)
    X[1:6, 3] = 5                      # a cross of 5s, centred at (3, 3)
    X[3, 1:6] = 5
    X[4:9, 8:13] = 9                   # a bright 5 x 5 block
    return X


#: Question 2's picture: a cross of 5s and a bright block of 9s on a background of 1s.
Q2_X = read_only(_q2_picture())
#: Question 2's template: a 5 x 5 cross of 1s on 0s.
Q2_T = read_only(np.pad(np.ones((1, 5), dtype=np.int64), ((2, 2), (0, 0)))
                 | np.pad(np.ones((5, 1), dtype=np.int64), ((0, 0), (2, 2))))

_Q2_PLAIN = correlation_score(Q2_X, Q2_T)
_Q2_NCC = ncc(Q2_X, Q2_T)
_Q2_ANSWER = tuple(int(i) for i in np.unravel_index(np.argmax(_Q2_PLAIN), _Q2_PLAIN.shape))
_Q2_NCC_BEST = tuple(int(i) for i in np.unravel_index(np.argmax(_Q2_NCC), _Q2_NCC.shape))
assert int((_Q2_PLAIN == _Q2_PLAIN.max()).sum()) == 1 and _Q2_NCC_BEST != _Q2_ANSWER
_Q2_OFFSET = tuple(int((n - 1) // 2) for n in Q2_T.shape)


def _q2_mistakes() -> list:
    centre = (_Q2_ANSWER[0] + _Q2_OFFSET[0], _Q2_ANSWER[1] + _Q2_OFFSET[1])
    ncc_centre = (_Q2_NCC_BEST[0] + _Q2_OFFSET[0], _Q2_NCC_BEST[1] + _Q2_OFFSET[1])
    return [
        (_Q2_ANSWER[::-1], "Row and column are swapped: the row comes first."),
        (_Q2_NCC_BEST,
         f"That is where NCC peaks ({_f(_Q2_NCC.max())}): the window that holds the cross itself. The plain "
         f"score there is only {_f(_Q2_PLAIN[_Q2_NCC_BEST])}; sum(window × template) is largest where the "
         f"template's 1s lie on the brightest pixels, inside the block of 9s ({_f(_Q2_PLAIN.max())})."),
        (centre,
         f"That is the centre of the best window in Q2_X. A cell of the score map is the window's top-left "
         f"corner: the centre minus {_Q2_OFFSET[0]} rows and {_Q2_OFFSET[1]} columns."),
        (ncc_centre,
         "That is the centre of the cross, where NCC would peak; the question asks about the plain score, "
         "and about the score map's cell (the window's top-left corner)."),
    ]


q2 = Question(
    "q2",
    "Where does the plain score peak?",
    f"{_block('Q2_X', Q2_X)}\n{_block('Q2_T', Q2_T)}\n\n"
    "`S = correlation_score(Q2_X, Q2_T)` is the plain score, sum(window × template), of every 5×5 window. "
    "Which cell `(row, column)` of `S` holds the highest score? (A cell of `S` is the top-left corner of its "
    "window in `Q2_X`; count from 0.)",
    lambda answer: check_coordinate(answer, _Q2_ANSWER, name="the best cell of S", shape=_Q2_PLAIN.shape,
                                    mistakes=_q2_mistakes(),
                                    explanation=f"S{_Q2_ANSWER} = {_f(_Q2_PLAIN.max())}: the window covering "
                                                "the block of 9s, where every 1 of the template meets a 9. "
                                                "The cross itself scores only "
                                                f"{_f(_Q2_PLAIN[_Q2_NCC_BEST])}: the plain score rewards "
                                                "brightness, not the pattern."),
    hints=[
        "The template's 1s form a cross of 9 cells; the score of a window is the sum of the 9 pixels under "
        "them. Where are those pixels brightest?",
        "Only a window lying entirely on the block of 9s gets 9 × 9. Its top-left corner is the block's "
        "top-left corner.",
    ],
    solution=Solution(
        "from convlib import match\n"
        "from convlib.lessons.lesson05 import Q2_X, Q2_T\n"
        "S = match.correlation_score(Q2_X, Q2_T)\n"
        f"cell = np.unravel_index(S.argmax(), S.shape)   # {_Q2_ANSWER}, score {_f(_Q2_PLAIN.max())}\n"
        f"cell = {_Q2_ANSWER}",
        "The plain score is largest on the bright block, not on the cross.",
    ),
)


# --------------------------------------------------------------------------
# q3: which template fits a turned square best?
# --------------------------------------------------------------------------
#: Question 3's picture: a square of side 13 turned by 45 degrees (a diamond), 29 x 29.
Q3_X = read_only(make_scene((29, 29), ("square",), size=13, angle=45, positions=[(14, 14)], background=0.1,
                            intensity=0.9).image)
#: The four templates of question 3: unturned shapes of size 13 on 19 x 19 (read-only).
Q3_TEMPLATES = {k: read_only(shape_mask(k, 13, canvas=19)) for k in SHAPES}
_Q3_CELL = (5, 5)                       # the window centred on the diamond
_Q3_SCORES = {k: float(ncc(Q3_X, T)[_Q3_CELL]) for k, T in Q3_TEMPLATES.items()}
_Q3_ANSWER = max(_Q3_SCORES, key=_Q3_SCORES.get)
_Q3_LIST = ", ".join(f"{k} {_r(v, 2)}" for k, v in _Q3_SCORES.items())


def _q3_mistakes() -> dict:
    best = _r(_Q3_SCORES[_Q3_ANSWER], 2)
    out = {}
    for k, v in _Q3_SCORES.items():
        if k == _Q3_ANSWER:
            continue
        text = f"The {k} template scores {_r(v, 2)} there, the {_Q3_ANSWER} {best}."
        if k == "square":
            text = ("The shape is a square, but turned by 45°, and NCC compares pixel by pixel at the same "
                    "places: the diamond's corners lie where the unturned template has background, and the "
                    f"template's corners lie on the scene's background. {text}")
        out[k] = text
    return out


q3 = Question(
    "q3",
    "Which template fits a turned square?",
    "`Q3_X` is a square turned by 45° (a diamond), centred in a 29×29 picture. `Q3_TEMPLATES` holds four "
    f"unturned 19×19 templates: {', '.join(repr(k) for k in SHAPES)}. Which one gives the highest NCC on "
    f"the window centred on the diamond, cell `{_Q3_CELL}` of `ncc(Q3_X, T)`? Answer with its name, in "
    "quotes.",
    lambda answer: check_choice(answer, _Q3_ANSWER, SHAPES, name="the best template", mistakes=_q3_mistakes(),
                                explanation=f"NCC at the diamond: {_Q3_LIST}. To NCC, which compares pixels "
                                            "in place, a turned square looks more like a circle than like a "
                                            "square with horizontal sides."),
    hints=[
        "Think of the bright pixels: the diamond's corners point up, down, left and right. Which unturned "
        "shape leaves the least bright area outside, and covers the least background?",
        "Compute them: `{k: match.ncc(Q3_X, T)[5, 5] for k, T in Q3_TEMPLATES.items()}`.",
    ],
    solution=Solution(
        "from convlib import match\n"
        "from convlib.lessons.lesson05 import Q3_X, Q3_TEMPLATES\n"
        "scores = {k: match.ncc(Q3_X, T)[5, 5] for k, T in Q3_TEMPLATES.items()}\n"
        f"# {_Q3_LIST}\n"
        f"best = {_Q3_ANSWER!r}",
        f"The {_Q3_ANSWER} template: {_Q3_LIST}.",
    ),
)


# --------------------------------------------------------------------------
# q4: a threshold that finds every triangle and nothing else
# --------------------------------------------------------------------------
#: Question 4's picture: the lesson's scene of twelve shapes (``scenes.FIND_SCENE.image``).
Q4_X = FIND_SCENE.image
#: Question 4's template: the lesson's triangle.
Q4_T = TEMPLATES["triangle"]
#: Where the triangles of question 4 really are: ``(row, col)`` centres.
Q4_TRUTH = read_only(FIND_SCENE.centres_of("triangle"))

_Q4_RADIUS = min(Q4_T.shape) // 2
_Q4_SCORE = ncc(Q4_X, Q4_T)
_Q4_PEAKS = find_peaks(_Q4_SCORE, -1.0, radius=_Q4_RADIUS)          # every candidate, strongest first
_Q4_VALUES = _Q4_SCORE[tuple(_Q4_PEAKS.T)]
_Q4_REPORT = evaluate(window_centres(_Q4_PEAKS, Q4_T.shape), Q4_TRUTH, tolerance=MATCH_TOLERANCE)
_Q4_RIGHT = sorted(f for f, _ in _Q4_REPORT.pairs)
_Q4_HIGH = float(_Q4_VALUES[_Q4_RIGHT].min())                        # the weakest triangle's peak
_Q4_WRONG = [i for i in range(len(_Q4_PEAKS)) if i not in _Q4_RIGHT and _Q4_VALUES[i] >= 0]
_Q4_LOW = float(_Q4_VALUES[_Q4_WRONG].max())                         # the strongest other peak
assert _Q4_REPORT.recall == 1.0 and _Q4_LOW < _Q4_HIGH


def _q4_run(t: float):
    found = window_centres(find_peaks(_Q4_SCORE, t, radius=_Q4_RADIUS), Q4_T.shape)
    return evaluate(found, Q4_TRUTH, tolerance=MATCH_TOLERANCE)


assert (_q4_run((_Q4_LOW + _Q4_HIGH) / 2).precision, _q4_run((_Q4_LOW + _Q4_HIGH) / 2).recall) == (1.0, 1.0)


def _what_is_at(point) -> str:
    """The nearest thing of FIND_SCENE to a point, in words."""
    things = [(k, c) for k, c in zip(FIND_SCENE.kinds, FIND_SCENE.centres, strict=True)]
    things += [(k, c) for k, c, _ in FIND_SCENE.clutter]
    kind, centre = min(things, key=lambda t: math.dist(t[1], point))
    if math.dist(centre, point) > 12:
        return "the background"
    return f"a {kind}" if kind in SHAPES else f"a distractor ({kind})"


def _check_q4(answer) -> CheckResult:
    t = _plain_number(answer)
    if t is None:
        return check_number(answer, (_Q4_LOW + _Q4_HIGH) / 2, name="the threshold")
    if not -1 <= t <= 1:
        return CheckResult("incorrect", "NCC runs from -1 to 1, so a useful threshold does too; you gave "
                                        f"{_f(t)}.")
    r = _q4_run(t)
    low, high = _r(_Q4_LOW), _r(_Q4_HIGH)
    if r.precision == 1.0 and r.recall == 1.0:
        return CheckResult("correct", (
            f"With threshold {_f(t)} the three marks are the three triangles: precision 1, recall 1. Any "
            f"threshold from {low} (the strongest peak that is not a triangle) up to just below {high} (the "
            "weakest triangle) works: a narrow gap, which is why one fixed template is fragile."))
    if r.recall < 1.0:
        missed = len(r.missed)
        return CheckResult("incorrect", (
            f"Threshold {_f(t)} is too high: {missed} of the {len(Q4_TRUTH)} triangles "
            f"{'is' if missed == 1 else 'are'} missed (recall {r.recall:.2f}). The weakest triangle's best "
            f"NCC is {high}: it is turned and sized a little differently from the template. Choose a "
            f"threshold below {high}."))
    strongest = int(_Q4_PEAKS[_Q4_WRONG][np.argmax(_Q4_VALUES[_Q4_WRONG])][0]), int(
        _Q4_PEAKS[_Q4_WRONG][np.argmax(_Q4_VALUES[_Q4_WRONG])][1])
    where = window_centres([strongest], Q4_T.shape)[0]
    return CheckResult("incorrect", (
        f"Threshold {_f(t)} is too low: {len(r.false_alarms)} mark(s) are not triangles (precision "
        f"{r.precision:.2f}). The strongest of them scores {low}, on {_what_is_at(where)} centred near row "
        f"{_f(where[0])}, column {_f(where[1])}. Choose a threshold of at least {low}."))


q4 = Question(
    "q4",
    "A threshold that finds every triangle",
    "`Q4_X` is the lesson's scene of twelve shapes, `Q4_T` the triangle template, and `Q4_TRUTH` the "
    "centres of the three triangles. Choose a threshold such that `found = match.find_shapes(Q4_X, Q4_T, "
    "threshold)` marks all three triangles (recall 1) and nothing else (precision 1), matching within "
    f"{_f(MATCH_TOLERANCE)} pixels as `match.evaluate(found, Q4_TRUTH)` does. Give the threshold as a "
    "number; there is a range of right answers.",
    _check_q4,
    hints=[
        "Compute `S = match.ncc(Q4_X, Q4_T)` and every peak with `match.find_peaks(S, -1, radius=10)`. The "
        "threshold must lie below the peaks at the triangles and above every other peak.",
        "`match.evaluate(match.window_centres(peaks, Q4_T.shape), Q4_TRUTH)` tells which peaks are triangles "
        "(its `pairs`); print the scores `S[tuple(peaks.T)]` of those and of the rest.",
    ],
    solution=Solution(
        "from convlib import match\n"
        "from convlib.lessons.lesson05 import Q4_X, Q4_T, Q4_TRUTH\n"
        "S = match.ncc(Q4_X, Q4_T)\n"
        "peaks = match.find_peaks(S, -1, radius=10)\n"
        "values = S[tuple(peaks.T)]\n"
        "report = match.evaluate(match.window_centres(peaks, Q4_T.shape), Q4_TRUTH)\n"
        "right = [f for f, _ in report.pairs]\n"
        f"weakest_triangle = values[right].min()                        # {_r(_Q4_HIGH)}\n"
        f"strongest_other = np.delete(values, right).max()              # {_r(_Q4_LOW)}\n"
        "threshold = (weakest_triangle + strongest_other) / 2",
        "Any threshold between the strongest other peak and the weakest triangle works.",
    ),
)


# --------------------------------------------------------------------------
# q5: why is the turned square missed?
# --------------------------------------------------------------------------
#: The turn of question 5, in degrees.
Q5_ANGLE = 30
#: The threshold of question 5.
Q5_THRESHOLD = 0.8
#: The statements of question 5, by letter.
Q5_STATEMENTS = {
    "A": "NCC compares each pixel of the window with the template's pixel at the same place; turned, the "
         "square's corners lie on the template's background and its sides cross the template's, so the score "
         "drops.",
    "B": "The turned square is dimmer than the template, and NCC lowers the score of dim shapes.",
    "C": "Turning the square makes it smaller: it covers fewer pixels.",
    "D": "NCC cannot find a shape whose sides are not horizontal and vertical, with any template.",
}
_SQ = ROBUST_SHAPE.index("square")
_Q5_SCENE = robust_scene(Q5_ANGLE)
_SQ_T = TEMPLATES["square"]
_Q5_BEST = best_near(ncc(_Q5_SCENE.image, _SQ_T), _SQ_T.shape, ROBUST_CENTRES[_SQ])[0]
_Q5_DIM = make_scene((40, 40), ("square",), size=15, intensity=0.3, background=0.15,
                     positions=[(20, 20)]).image
_Q5_DIM_SCORE = float(ncc(_Q5_DIM, TEMPLATES["square"])[10, 10])
_Q5_AREAS = (float(shape_mask("square", 15).sum()), float(shape_mask("square", 15, angle=Q5_ANGLE).sum()))
_TURNED_T = shape_mask("square", 15, angle=Q5_ANGLE, canvas=21)
_Q5_TURNED = best_near(ncc(_Q5_SCENE.image, _TURNED_T), _TURNED_T.shape, ROBUST_CENTRES[_SQ])[0]
_Q5_TRUTH = {"A": _Q5_BEST < Q5_THRESHOLD, "B": _Q5_DIM_SCORE < Q5_THRESHOLD,
             "C": _Q5_AREAS[1] < 0.98 * _Q5_AREAS[0], "D": _Q5_TURNED < Q5_THRESHOLD}
[_Q5_ANSWER] = [k for k, v in _Q5_TRUTH.items() if v]

q5 = Question(
    "q5",
    "Why is the turned square missed?",
    f"In the lesson's row of shapes turned by {Q5_ANGLE}°, the unturned square template's best NCC at the "
    f"square is {_r(_Q5_BEST, 2)}, below the threshold {Q5_THRESHOLD}: the square is missed. Which statement "
    "explains why? Answer with the letter, in quotes.\n\n"
    + "\n".join(f"`'{k}'`: {v}" for k, v in Q5_STATEMENTS.items()),
    lambda answer: check_choice(
        answer, _Q5_ANSWER, tuple(Q5_STATEMENTS), name="the statement",
        mistakes={
            "B": ("The shapes are all drawn at the same grey value, and NCC does not care about brightness: "
                  f"an unturned square drawn much dimmer (0.3 on 0.15) still scores {_r(_Q5_DIM_SCORE, 2)}."),
            "C": (f"A turn keeps the area: the unturned square covers {_r(_Q5_AREAS[0], 1)} pixels, the "
                  f"turned one {_r(_Q5_AREAS[1], 1)}."),
            "D": (f"A template turned by {Q5_ANGLE}° as well scores {_r(_Q5_TURNED, 2)} on the turned "
                  "square. NCC finds any pattern it is given; it is the one fixed template that cannot "
                  "follow the turn."),
        },
        explanation=f"NCC lines the window up with the template pixel by pixel. Turned by {Q5_ANGLE}°, the "
                    f"square's pixels no longer sit where the template expects them ({_r(_Q5_BEST, 2)}), "
                    f"while a template turned the same way scores {_r(_Q5_TURNED, 2)}. To find every turn, "
                    "you would need a template for every angle."),
    hints=[
        "Test the claims about brightness and size: NCC ignores brightness and contrast, and a turn does not "
        "change an area.",
        "Try a turned template: `match.ncc(scene, shapes.shape_mask('square', 15, angle=30, canvas=21))`.",
    ],
    solution=Solution(f"answer = {_Q5_ANSWER!r}",
                      "The pixels no longer line up with the unturned template; brightness and size are "
                      "unchanged."),
)

#: The questions of the lesson, in order.
QUESTIONS = (q1, q2, q3, q4, q5)
