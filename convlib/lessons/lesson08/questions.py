"""The questions of lesson 08, "Convolution in everyday apps".

Five questions, ``q1`` to ``q5``, used by
``notebooks/08-convolution-in-everyday-apps.ipynb``::

    from convlib.exercises import ____
    from convlib.lessons.lesson08 import q1, q2, q3, q4, q5

Every expected answer is computed here with convlib (the kernels, the
pipelines and the generated scenes of this lesson), never typed by hand.

Examples
--------
>>> q1.check(____)
Not attempted: Replace `____` with your answer, then run the cell again.
>>> q1.check("1/9 1/9 1/9; 1/9 1/9 1/9; 1/9 1/9 1/9").correct, q3.check("threshold").correct
(True, True)
"""

from __future__ import annotations

import numbers

import numpy as np

from ..._validate import parse_matrix, read_only
from ...conv import correlate2d, format_number
from ...exercises import (
    CheckResult,
    Question,
    Solution,
    ____,
    check_array,
    check_choice,
    check_number,
    code_block,
)
from ...exercises.placeholder import contains_placeholder
from ...kernels import BOX_3, IDENTITY, SHARPEN, gaussian, motion_blur
from .pipelines import (
    BARCODE_THRESHOLD,
    MIN_AREA,
    MOTION_SIGMA,
    MOTION_THRESHOLD,
    barcode_stages,
    box_iou,
    label_regions,
    motion_stages,
)
from .scenes import barcode_scene, motion_frames

__all__ = [
    "____",
    "Q1_PATCH",
    "Q2_CELLS",
    "Q2_K",
    "Q2_X",
    "Q3_SEED",
    "Q3_STAGES",
    "Q4_FRAME",
    "Q4_INTERVAL",
    "Q5_STATEMENTS",
    "Q5_X",
    "QUESTIONS",
    "q1",
    "q2",
    "q3",
    "q4",
    "q5",
]

_frozen = read_only
_f = format_number
_block = code_block


def _placeholder(answer) -> CheckResult | None:
    if contains_placeholder(answer):
        return CheckResult("not_attempted", "Replace `____` with your answer, then run the cell again.")
    return None


def _plain_number(answer) -> float | None:
    """The answer as a float when it is a real number (not a bool), else None."""
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        answer = answer.item()
    if isinstance(answer, (numbers.Real, np.integer, np.floating)) and not isinstance(answer, (bool, np.bool_)):
        value = float(answer)
        return None if np.isnan(value) else value
    return None


# --------------------------------------------------------------------------
# q1: the kernel that blurs 9 pixels equally
# --------------------------------------------------------------------------
#: A 3x3 patch to try a kernel on (question 1): a blur should give its average.
Q1_PATCH = _frozen([[0.2, 0.4, 0.6],
                    [0.3, 0.5, 0.7],
                    [0.4, 0.6, 0.8]])
_Q1_ANSWER = np.asarray(BOX_3)
_Q1_MEAN = float(Q1_PATCH.mean())


def _check_q1(answer) -> CheckResult:
    done = _placeholder(answer)
    if done is not None:
        return done
    if isinstance(answer, str):                 # a kernel typed as text, as in the playground: 1/9 1/9 1/9; ...
        try:
            answer = parse_matrix(answer, "your kernel")
        except ValueError as exc:
            return CheckResult("incorrect", f"Your text could not be read as a kernel: {exc}. Write it as rows "
                                            "split by ';', for example '1/9 1/9 1/9; 1/9 1/9 1/9; 1/9 1/9 "
                                            "1/9', "
                                            "or as a numpy array.")
    result = check_array(answer, _Q1_ANSWER, name="your kernel", label="K",
                         explanation=f"Nine weights of 1/9: they add up to 1, so the blur is the average of the 9 "
                                     f"pixels under it. On Q1_PATCH it gives {_f(round(_Q1_MEAN, 6))}, the "
                                     "patch's "
                                     "average.")
    if result.correct or result.status != "incorrect":
        return result
    try:
        K = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return result
    if K.shape != (3, 3) or not np.isfinite(K).all():
        return result
    total = float(K.sum())
    on_patch = float((K * Q1_PATCH).sum())
    if np.allclose(K, K.flat[0]):
        v = float(K.flat[0])
        if np.isclose(v, 1 / 3):
            why = ("1/3 is the weight for a row of 3 pixels; here 9 pixels share the weight, so each gets 1/9. "
                   f"With 1/3 the weights add up to {_f(round(total, 6))}: a flat area comes out 3 times as "
                   "bright.")
        elif np.isclose(v, 1):
            why = ("all ones add up to 9: the sum of the 9 pixels, not their average, so a flat area comes out 9 "
                   "times as bright. Divide each weight by 9.")
        else:
            why = (f"every weight is {_f(round(v, 6))}, so they add up to {_f(round(total, 6))}: a flat area comes "
                   f"out {_f(round(total, 6))} times as bright. For an average the 9 equal weights must add "
                   "up "
                   "to 1.")
        return CheckResult("incorrect", f"The weights are equal, good; but {why} On Q1_PATCH your kernel gives "
                                        f"{_f(round(on_patch, 6))} instead of the average "
                                        f"{_f(round(_Q1_MEAN, 6))}.")
    centre_out = K.copy()
    centre_out[1, 1] = K[0, 0]
    if K[1, 1] == 0 and np.allclose(np.delete(K.ravel(), 4), K[0, 0]):
        return CheckResult("incorrect", "You left out the middle pixel itself: a box blur averages all 9 pixels "
                                        "under the window, the middle one included, each with weight 1/9.")
    if np.isclose(total, 1):
        return CheckResult("incorrect", f"Your weights add up to 1, so flat areas keep their brightness, but they "
                                        f"are not equal (from {_f(round(float(K.min()), 6))} to "
                                        f"{_f(round(float(K.max()), 6))}): that is a weighted blur (or "
                                        "another "
                                        "filter). 'Blurs 9 pixels equally' means the same weight, 1/9, "
                                        "everywhere.")
    return CheckResult("incorrect", f"{result.message} Your weights add up to {_f(round(total, 6))}; a blur's "
                                    "add up to 1.")


q1 = Question(
    "q1",
    "The kernel that blurs 9 pixels equally",
    "Write the 3×3 kernel that replaces every pixel by the average of the 9 pixels under the window, each "
    "counting the same. Give it as a numpy array or as text as you would type it in the playground "
    "(rows split by `;`, fractions allowed: `'1/2 1/2; ...'`). "
    f"You can try it on this question's own patch, whose average is {_f(round(_Q1_MEAN, 6))}:\n"
    f"{_block('Q1_PATCH', Q1_PATCH)}",
    _check_q1,
    hints=[
        "An average of 9 numbers is their sum divided by 9: every pixel gets the same weight. What weight "
        "makes "
        "9 equal weights add up to 1?",
        "Try your kernel on a flat area: `cl.correlate2d(np.full((3, 3), 0.5), K)` must give 0.5. Then on "
        "`Q1_PATCH`: `(K * Q1_PATCH).sum()` must be the patch's mean.",
    ],
    solution=Solution("K = np.full((3, 3), 1 / 9)   # or the text '1/9 1/9 1/9; 1/9 1/9 1/9; 1/9 1/9 1/9'",
                      "Nine equal weights that add up to 1: each is 1/9."),
)


# --------------------------------------------------------------------------
# q2: what an unsharp mask does to an edge
# --------------------------------------------------------------------------
#: A small picture with an edge (question 2): 2 on the left, 8 from column 4 on.
Q2_X = _frozen(np.repeat([[2, 2, 2, 2, 8, 8, 8, 8]], 3, axis=0))
#: Unsharp mask with amount 1 and a 3x3 box blur (question 2): ``X + (X - blur) = 2 * identity - BOX_3``.
Q2_K = _frozen(2 * IDENTITY - BOX_3)
#: The two cells asked for (question 2): the last dark pixel and the first light one, in row 1.
Q2_CELLS = ((1, 3), (1, 4))
_Q2_Y = correlate2d(Q2_X, Q2_K, mode="same", pad_mode="reflect")
_Q2_BLUR = correlate2d(Q2_X, BOX_3, mode="same", pad_mode="reflect")


def _q2_pair(Y) -> tuple[float, float]:
    return tuple(round(float(Y[c]), 9) for c in Q2_CELLS)


_Q2_ANSWER = _q2_pair(_Q2_Y)
_Q2_X_PAIR, _Q2_BLUR_PAIR = _q2_pair(Q2_X), _q2_pair(_Q2_BLUR)


def _q2_mistakes() -> list:
    X, B = Q2_X.astype(float), _Q2_BLUR
    found = [
        (_Q2_BLUR_PAIR, "That is the blur of those two pixels (what `BOX_3` gives), not the sharpened picture. The "
                        "unsharp mask takes the blur away from the picture and adds the difference back: "
                        "`X + (X - blur)`."),
        (_Q2_X_PAIR, "Those are the pixels as they are. The kernel changes every pixel next to the edge: its window "
                     "there sees both sides."),
        (_q2_pair(X - B), "That is only the detail, `X - blur`. The unsharp mask adds it to the picture: "
                          "`X + (X - blur)`."),
        (_q2_pair(X + 2 * (X - B)), "That is amount 2, `X + 2 (X - blur)`; `Q2_K` adds the detail once."),
        (_Q2_ANSWER[::-1], "Right numbers, in the wrong order: first the dark side's pixel `Y[1,3]`, then the light "
                           "side's `Y[1,4]`."),
    ]
    out, seen = [], {_Q2_ANSWER}
    for pair, text in found:
        if pair not in seen:
            seen.add(pair)
            out.append((pair, text))
    return out


def _check_q2(answer) -> CheckResult:
    done = _placeholder(answer)
    if done is not None:
        return done
    want = "a pair `(Y[1,3], Y[1,4])` of two numbers"
    if isinstance(answer, np.ndarray) and answer.ndim == 1:
        answer = tuple(answer.tolist())
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return CheckResult("incorrect", f"Give {want}, for example `(1.5, 7)`.")
    values = [_plain_number(v) for v in answer]
    if any(v is None for v in values):
        return CheckResult("incorrect", f"Both values must be numbers; give {want}.")
    pair = tuple(round(v, 9) for v in values)
    if np.allclose(pair, _Q2_ANSWER, atol=1e-6):
        dark, light = _Q2_ANSWER
        return CheckResult("correct", (
            f"`Y[1,3]` = {_f(dark)} and `Y[1,4]` = {_f(light)}: the dark side got darker (from "
            f"{_f(_Q2_X_PAIR[0])}) "
            f"and the light side lighter (from {_f(_Q2_X_PAIR[1])}). The overshoot on both sides of the edge "
            "is "
            "what the eye reads as sharper; overdone, it shows as a halo."))
    for known, text in _q2_mistakes():
        if np.allclose(pair, known, atol=1e-6):
            return CheckResult("incorrect", f"You gave ({_f(pair[0])}, {_f(pair[1])}). {text}")
    parts = []
    for (r, c), v, w in zip(Q2_CELLS, pair, _Q2_ANSWER, strict=True):
        if not np.isclose(v, w, atol=1e-6):
            parts.append(f"`Y[{r},{c}]` is not {_f(v)}")
    return CheckResult("incorrect", "; ".join(parts) + ". Work out the blur of each pixel first (the mean of the 3×3 "
                                                       "window), then `X + (X - blur)`.")


q2 = Question(
    "q2",
    "What an unsharp mask does to an edge",
    f"`Q2_X` has an edge between columns 3 and 4:\n{_block('Q2_X', Q2_X)}\n\n`Q2_K = 2 * IDENTITY - BOX_3` "
    "is an "
    "unsharp mask: the picture plus (the picture minus its 3×3 box "
    f"blur):\n{_block('Q2_K', np.round(Q2_K, 4))}\n\n"
    "With `Y = cl.correlate2d(Q2_X, Q2_K, mode='same', pad_mode='reflect')`, what are `Y[1,3]` (the last "
    "dark "
    "pixel) and `Y[1,4]` (the first light one)? Answer with a pair `(Y[1,3], Y[1,4])`; work it out by hand "
    "first.",
    _check_q2,
    hints=[
        "The 3×3 box blur of `Y[1,3]` is the mean of its window: three columns 2, 3 and 4, so two dark "
        "columns "
        "and one light one.",
        "The blur of the last dark pixel is (2 + 2 + 8) / 3 = 4, so the detail there is 2 - 4 = -2, and "
        "`X + (X - blur)` = 2 + (-2). Do the same for the first light pixel.",
    ],
    solution=Solution(
        "# blur = (2 + 2 + 8) / 3 = 4 on the dark side, (2 + 8 + 8) / 3 = 6 on the light side\n"
        f"answer = (2 + (2 - 4), 8 + (8 - 6))   # = ({_f(_Q2_ANSWER[0])}, {_f(_Q2_ANSWER[1])})",
        "Each side of the edge is pushed away from the other: darker below the dark level, lighter above "
        "the light one.",
    ),
)


# --------------------------------------------------------------------------
# q3: which stage of the barcode finder removes the text?
# --------------------------------------------------------------------------
#: The scene of question 3 (a seed of :func:`~convlib.lessons.lesson08.scenes.barcode_scene`).
Q3_SEED = 0
#: The stages question 3 offers.
Q3_STAGES = ("gradient difference", "blur", "threshold", "largest region")
_Q3_SCENE = barcode_scene(Q3_SEED)
_Q3 = barcode_stages(_Q3_SCENE.image)
_T = _Q3_SCENE.text
_Q3_LEFT = {"gradient difference": int((_Q3.difference[_T] > 0).sum()), "blur": int((_Q3.blurred[_T] > 0).sum()),
            "threshold": int(_Q3.mask[_T].sum()), "largest region": int(_Q3.region[_T].sum())}
[_Q3_ANSWER] = [s for k, s in enumerate(Q3_STAGES) if _Q3_LEFT[s] == 0 and all(_Q3_LEFT[p] for p in Q3_STAGES[:k])]
_Q3_TEXT_SHARE = float((_Q3.difference[_T] > 0).mean())
_Q3_TEXT_PEAK = float(_Q3.blurred[_T].max() / _Q3.blurred.max())
_Q3_REGIONS = label_regions(_Q3.mask)[1]


q3 = Question(
    "q3",
    "Which stage removes the text?",
    f"The barcode finder runs on scene {Q3_SEED} (`barcode_scene({Q3_SEED})`, shown above): gradient "
    "difference "
    f"`|gx| - |gy|`, a blur, a threshold at {BARCODE_THRESHOLD:g} of the strongest response, then the "
    "largest "
    "region. After which stage is none of the text's pixels left? Answer with one of "
    f"{', '.join(repr(s) for s in Q3_STAGES)}. Look at the stages in the widget (scene {Q3_SEED}) or compute "
    "them: "
    f"`st = pipelines.barcode_stages(scenes.barcode_scene({Q3_SEED}).image)`.",
    lambda answer: check_choice(
        answer, _Q3_ANSWER, Q3_STAGES, name="the stage",
        aliases={"|gx| - |gy|": "gradient difference", "gradient": "gradient difference",
                 "difference": "gradient difference", "blurring": "blur", "blurred": "blur",
                 "thresholding": "threshold", "mask": "threshold", "largest": "largest region",
                 "region": "largest region", "largest connected region": "largest region"},
        mistakes={
            "gradient difference": (
                f"After `|gx| - |gy|`, {100 * _Q3_TEXT_SHARE:.0f}% of the text's pixels are still above 0: "
                "letters "
                "have upright strokes too, and there the brightness changes more from left to right than "
                "from top "
                "to bottom. (The horizontal stripes are the clutter this stage removes.)"),
            "blur": (
                f"The blur lowers the text's response to at most {100 * _Q3_TEXT_PEAK:.0f}% of the barcode's "
                "strongest, because thin, scattered strokes average with the paper around them, while the "
                "dense "
                "bars stay strong. But lowered is not removed: every text pixel is still above 0, a dim "
                "grey."),
            "largest region": (
                "By then the text is already gone: the thresholded mask has no text pixel left. "
                + (f"This last stage chooses among the {_Q3_REGIONS} regions the threshold left and keeps the "
                   "largest." if _Q3_REGIONS > 1 else "Here the threshold left one region only, the barcode's: "
                   "the last stage keeps it.")),
        },
        explanation=(f"The threshold keeps only pixels above {BARCODE_THRESHOLD:g} of the strongest blurred "
                     f"response. The blur had lowered the text to at most {100 * _Q3_TEXT_PEAK:.0f}% of it, "
                     "so no "
                     "text pixel passes; the bars, merged into one bright block, do.")),
    hints=[
        "Move the widget's Stage slider on scene 0 and watch the lines of text. A stage removes a pixel when "
        "it "
        "becomes exactly black (0 or False), not just darker.",
        f"Count what is left of the text after each stage: `text = scenes.barcode_scene({Q3_SEED}).text`, "
        "then "
        "`(st.difference[text] > 0).sum()`, `(st.blurred[text] > 0).sum()`, `st.mask[text].sum()`, "
        "`st.region[text].sum()`.",
    ],
    solution=Solution(
        f"# text pixels left: difference {_Q3_LEFT['gradient difference']}, blurred {_Q3_LEFT['blur']}, "
        f"mask {_Q3_LEFT['threshold']}, region {_Q3_LEFT['largest region']}\n"
        f"stage = {_Q3_ANSWER!r}",
        "The blur weakens the text; the threshold is where it disappears.",
    ),
)


# --------------------------------------------------------------------------
# q4: a threshold that finds the moving object in one frame
# --------------------------------------------------------------------------
#: The frame of question 4 in :func:`~convlib.lessons.lesson08.scenes.motion_frames` () (compared with the one before).
Q4_FRAME = 3
_Q4_DATA = motion_frames()
_Q4_PREV, _Q4_NOW = _Q4_DATA.frames[Q4_FRAME - 1], _Q4_DATA.frames[Q4_FRAME]
_Q4_TRUTH = _Q4_DATA.moved_box(Q4_FRAME)


_Q4_BLURRED = motion_stages(_Q4_PREV, _Q4_NOW).blurred


def _q4_result(t: float):
    st = motion_stages(_Q4_PREV, _Q4_NOW, threshold=t)
    return st, box_iou(st.box, _Q4_TRUTH)


def _q4_good(t: float) -> bool:
    return _q4_result(t)[1] >= 0.5


def _q4_interval(step: float = 0.01, tol: float = 0.001) -> tuple[float, float]:
    """The thresholds that give an IoU of 0.5 or more, ``[low, high]`` to within ``tol``.

    Every threshold from 0 up to the blurred difference's maximum (above it
    nothing is detected) is tried in steps of ``step``; the right ones must
    form one interval, whose two ends are then found by bisection.
    """
    grid = np.arange(0.0, float(_Q4_BLURRED.max()) + step, step)
    good = np.array([_q4_good(float(t)) for t in grid])
    k = int(np.argmax(good))
    end = k + int(np.argmin(good[k:])) if not good[k:].all() else len(good)
    assert good.any() and good[k:end].all() and not good[end:].any(), "the right thresholds are not one interval"

    def edge(bad: float, ok: float) -> float:
        while abs(ok - bad) > tol / 2:
            mid = (bad + ok) / 2
            bad, ok = (bad, mid) if _q4_good(mid) else (mid, ok)
        return ok

    low = edge(float(grid[k - 1]), float(grid[k])) if k > 0 else 0.0
    high = edge(float(grid[end]), float(grid[end - 1])) if end < len(grid) else float(grid[-1])
    return round(low, 3), round(high, 3)


#: The thresholds question 4 accepts, ``[low, high]`` rounded to 0.001 (tried in steps of 0.01, ends refined by bisection).
Q4_INTERVAL = _q4_interval()
_m = int(3 * MOTION_SIGMA) + 2     # the blur spreads the object's change this far beyond its box
_far = np.ones(_Q4_NOW.shape, bool)
_far[max(0, _Q4_TRUTH[0] - _m):_Q4_TRUTH[2] + _m, max(0, _Q4_TRUTH[1] - _m):_Q4_TRUTH[3] + _m] = False
#: (private) the largest blurred difference away from the object: the noise
_Q4_NOISE = float(_Q4_BLURRED[_far].max())


def _check_q4(answer) -> CheckResult:
    done = _placeholder(answer)
    if done is not None:
        return done
    t = _plain_number(answer)
    if t is None:
        return check_number(answer, sum(Q4_INTERVAL) / 2, name="the threshold")
    lo, hi = Q4_INTERVAL
    if not 0 <= t <= 1:
        return CheckResult("incorrect", f"The frames' grey values run from 0 to 1, so their differences do too: a "
                                        f"threshold is a number from 0 to 1; you gave {_f(t)}.")
    st, iou = _q4_result(t)
    if iou >= 0.5:
        return CheckResult("correct", (
            f"With threshold {_f(t)} the detected box {st.box} overlaps the true one {_Q4_TRUTH} with IoU "
            f"{iou:.2f}. Every threshold from about {lo:.3f} to {hi:.3f} works: below it the sensor noise "
            "forms "
            f"regions of {MIN_AREA} pixels or more (smaller specks are ignored), above it too little of the "
            "object's own change is left."))
    if t < lo:
        n = label_regions(st.mask)[1]
        found = "covers the whole frame" if st.box == (0, 0, *_Q4_NOW.shape) else f"is {st.box}"
        regions = "one region that spreads over the frame" if n == 1 else f"{n} separate regions"
        return CheckResult("incorrect", (
            f"Threshold {_f(t)} is too low: the sensor noise passes it too ({regions}; away from the "
            f"object the blurred difference reaches {_Q4_NOISE:.3f}), so the detected box {found}, IoU "
            f"{iou:.2f}. Raise it to at least about {lo:.3f}."))
    found = "nothing is detected" if st.box is None else f"only part of the change is left: box {st.box}, IoU {iou:.2f}"
    return CheckResult("incorrect", (
        f"Threshold {_f(t)} is too high: {found}. The blurred difference peaks at "
        f"{float(st.blurred.max()):.3f}; choose at most about {hi:.3f}."))


q4 = Question(
    "q4",
    "A threshold for one frame",
    f"Take frame {Q4_FRAME} of `m = scenes.motion_frames()` and the frame before it. The detector blurs "
    "their "
    f"difference (σ = {MOTION_SIGMA:g}) and keeps pixels above a threshold "
    f"(`pipelines.motion_stages(m.frames[{Q4_FRAME - 1}], m.frames[{Q4_FRAME}], threshold=t)`). Choose a "
    "threshold `t` "
    "whose detected box overlaps the box around the object's old and new places with an IoU of at least "
    "0.5. "
    "There is a range of right answers; look at the blurred difference first (the widget's stage 3, or "
    "`motion_stages(...).blurred`).",
    _check_q4,
    hints=[
        "Too low, and the noise everywhere passes; too high, and nothing does. Compare the blurred "
        "difference on "
        "the object with its values elsewhere.",
        "Print `st.blurred.max()` (the object's strongest change) and look at the blurred difference far "
        "from the "
        f"object, for example `st.blurred[:, :20].max()`. The lesson's default, {MOTION_THRESHOLD:g}, is "
        "one answer.",
    ],
    solution=Solution(
        "from convlib.lessons.lesson08 import pipelines, scenes\n"
        "m = scenes.motion_frames()\n"
        f"st = pipelines.motion_stages(m.frames[{Q4_FRAME - 1}], m.frames[{Q4_FRAME}])\n"
        f"# noise away from the object: up to {_Q4_NOISE:.3f}; the object: up to "
        f"{float(_q4_result(MOTION_THRESHOLD)[0].blurred.max()):.3f}\n"
        f"threshold = {round(sum(Q4_INTERVAL) / 2, 3)}",
        f"Any threshold from about {Q4_INTERVAL[0]:.3f} to {Q4_INTERVAL[1]:.3f} works.",
    ),
)


# --------------------------------------------------------------------------
# q5: why a blur whose weights add up to 1 keeps the brightness
# --------------------------------------------------------------------------
#: A picture with an edge, to test question 5's statements on.
Q5_X = _frozen(np.repeat([[0.2, 0.2, 0.2, 0.8, 0.8, 0.8]], 4, axis=0))
#: The statements of question 5, by letter.
Q5_STATEMENTS = {
    "A": "On a flat area of brightness v every output pixel is v times the sum of the weights, which is v.",
    "B": "Every output pixel equals the input pixel under the window's middle, because the weights add up to 1.",
    "C": "The brightness is kept because all the weights are positive.",
    "D": "The brightness is kept because the kernel is symmetric.",
}
_Q5_BLURS = (BOX_3, gaussian(5), motion_blur(5, 30))
_Q5_ONES = np.ones((3, 3))
_Q5_FLAT = np.full((5, 5), 0.5)
_Q5_BOX_ON_EDGE = correlate2d(Q5_X, BOX_3)
_Q5_ONES_ON_FLAT = float(correlate2d(_Q5_FLAT, _Q5_ONES)[0, 0])
_Q5_SHARPEN_ON_FLAT = float(correlate2d(_Q5_FLAT, SHARPEN)[0, 0])
_Q5_TRUTH = {
    "A": all(np.allclose(correlate2d(np.full((9, 9), v), K), v) for v in (0.2, 0.7) for K in _Q5_BLURS),
    "B": all(np.allclose(correlate2d(Q5_X, K), Q5_X[1:-1, 1:-1]) for K in (BOX_3,)),
    "C": bool(np.isclose(_Q5_ONES_ON_FLAT, 0.5)) and not np.isclose(_Q5_SHARPEN_ON_FLAT, 0.5),
    "D": bool(np.isclose(_Q5_ONES_ON_FLAT, 0.5)),
}
[_Q5_ANSWER] = [k for k, true in _Q5_TRUTH.items() if true]

q5 = Question(
    "q5",
    "Why a blur whose weights add up to 1 keeps the brightness",
    "Box blur, Gaussian blur and motion blur all have weights that add up to 1, and none of them makes a "
    "photo "
    "brighter or darker. Which statement explains why? Answer with the letter, in quotes.\n\n"
    + "\n".join(f"`'{k}'`: {v}" for k, v in Q5_STATEMENTS.items())
    + f"\n\nYou can test them on `Q5_X`, an edge:\n{_block('Q5_X', Q5_X)}",
    lambda answer: check_choice(
        answer, _Q5_ANSWER, tuple(Q5_STATEMENTS), name="the statement",
        mistakes={
            "B": (f"A blur does change pixels: near an edge it mixes both sides. On Q5_X, `BOX_3` gives "
                  f"`{np.round(_Q5_BOX_ON_EDGE[0], 4).tolist()}` along each row, not the pixels themselves. "
                  "What "
                  "is kept is the brightness of flat areas, and the average over the picture."),
            "C": (f"Positive weights are not enough: `np.ones((3, 3))` has only positive weights, and on a flat "
                  f"area of 0.5 it gives {_f(_Q5_ONES_ON_FLAT)}, nine times as bright. And SHARPEN has "
                  "negative "
                  f"weights, yet keeps a flat 0.5 at {_f(_Q5_SHARPEN_ON_FLAT)}: its weights add up to 1 "
                  "too."),
            "D": (f"Symmetry is not the reason: `np.ones((3, 3))` is symmetric and turns a flat 0.5 into "
                  f"{_f(_Q5_ONES_ON_FLAT)}. What matters is the sum of the weights."),
        },
        explanation=("On a flat area every pixel under the window is v, so the output is v × (sum of the weights) "
                     "= v × 1 = v. Only the sum matters: that is why a blur's weights are divided by their "
                     "sum "
                     "(1/9 for a 3×3 box).")),
    hints=[
        "On a flat area every pixel under the window has the same value v. Take v out of the sum of "
        "products.",
        "Try a counter-example for each false statement: `cl.correlate2d(np.full((5, 5), 0.5), np.ones((3, "
        "3)))`, "
        "`cl.correlate2d(Q5_X, BOX_3)`, `cl.correlate2d(np.full((5, 5), 0.5), SHARPEN)`.",
    ],
    solution=Solution(f"answer = {_Q5_ANSWER!r}", "A flat area of brightness v gives v × 1 = v."),
)

#: The questions of the lesson, in order.
QUESTIONS = (q1, q2, q3, q4, q5)
