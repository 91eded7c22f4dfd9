"""Tests of lesson 08's questions: right answers accepted, each wrong answer diagnosed, expected values recomputed."""

from __future__ import annotations

import re

import numpy as np
import pytest
import scipy.ndimage as ndi

from convlib.lessons.lesson08 import (
    Q1_PATCH,
    Q2_CELLS,
    Q2_K,
    Q2_X,
    Q3_SEED,
    Q3_STAGES,
    Q4_FRAME,
    Q4_INTERVAL,
    Q5_STATEMENTS,
    Q5_X,
    QUESTIONS,
    q1,
    q2,
    q3,
    q4,
    q5,
    scenes,
)


def test_five_questions_in_order():
    """QUESTIONS holds q1 to q5."""
    assert [q.name for q in QUESTIONS] == ["q1", "q2", "q3", "q4", "q5"]


# --------------------------------------------------------------------------
# q1
# --------------------------------------------------------------------------
@pytest.mark.parametrize("answer", [np.full((3, 3), 1 / 9), [[1 / 9] * 3] * 3, "1/9 1/9 1/9; 1/9 1/9 1/9; 1/9 1/9 1/9",
                                    "1/9, 1/9, 1/9\n1/9, 1/9, 1/9\n1/9, 1/9, 1/9"])
def test_q1_accepts_ninths_as_array_or_text(answer):
    """Nine weights of 1/9, given as an array, a list or the text typed in the playground."""
    result = q1.check(answer)
    assert result.correct and f"{Q1_PATCH.mean():g}" in result.message


@pytest.mark.parametrize(("answer", "words"), [
    (np.full((3, 3), 1 / 3), r"1/3 is the weight for a row of 3 pixels.*add up to 3: a flat area comes out 3 times"),
    (np.ones((3, 3)), r"all ones add up to 9: the sum of the 9 pixels, not their average"),
    (np.full((3, 3), 0.125), r"every weight is 0.125, so they add up to 1.125"),
    (np.where(np.eye(3, dtype=bool) & np.eye(3, dtype=bool)[::-1], 0, 1 / 8), r"left out the middle pixel itself"),
    (np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 16, r"add up to 1, so flat areas keep their brightness, but they "
                                                        r"are not equal \(from 0.0625 to 0.25\)"),
    (np.full((1, 9), 1 / 9), r"^Your kernel has shape \(1, 9\); it needs 3 rows and 3 columns"),
    ("1/9 1/9 1/9; 1/9 x 1/9", r"^Your text could not be read as a kernel: your kernel: row 2 has 'x'"),
    (np.array([[0, 0.2, 0], [0.2, 0.5, 0.2], [0, 0.2, 0]]), r"add up to 1.3; a blur's add up to 1"),
])
def test_q1_diagnoses(answer, words):
    """Each wrong kernel is explained: its sum, what it does to a flat area, or what is missing."""
    result = q1.check(answer)
    assert result.status == "incorrect"
    assert re.search(words, result.message), result.message


def test_q1_patch_average_is_what_the_blur_gives():
    """The patch's mean is the box blur's response at its centre (scipy, same window)."""
    assert np.isclose(ndi.correlate(Q1_PATCH, np.full((3, 3), 1 / 9))[1, 1], Q1_PATCH.mean())


# --------------------------------------------------------------------------
# q2
# --------------------------------------------------------------------------
def q2_expected():
    """Y[1,3] and Y[1,4] computed with scipy: X + (X - box blur), mirror borders."""
    X = Q2_X.astype(float)
    Y = X + (X - ndi.uniform_filter(X, 3, mode="mirror"))
    return tuple(Y[c] for c in Q2_CELLS)


def test_q2_expected_is_the_overshoot():
    """The kernel is 2 identity - box, and the answer (0, 10) overshoots 2 and 8 on both sides."""
    assert np.allclose(Q2_K, 2 * np.pad([[1.0]], 1) - np.full((3, 3), 1 / 9))
    assert np.allclose(q2_expected(), (0, 10))
    assert q2.check(q2_expected()).correct and q2.check([0, 10.0]).correct and q2.check(np.array([0, 10])).correct


@pytest.mark.parametrize(("answer", "words"), [
    ((4, 6), r"That is the blur of those two pixels"),
    ((2, 8), r"Those are the pixels as they are"),
    ((-2, 2), r"That is only the detail, `X - blur`"),
    ((-2, 12), r"That is amount 2"),
    ((10, 0), r"Right numbers, in the wrong order"),
    ((1, 10), r"`Y\[1,3\]` is not 1\. Work out the blur"),
    ((0, 10, 3), r"^Give a pair `\(Y\[1,3\], Y\[1,4\]\)`"),
    (("0", "10"), r"^Both values must be numbers"),
])
def test_q2_diagnoses(answer, words):
    """Blur, unchanged pixels, detail only, amount 2, swapped order, wrong count and text are each explained."""
    result = q2.check(answer)
    assert result.status == "incorrect" and re.search(words, result.message), result.message


# --------------------------------------------------------------------------
# q3
# --------------------------------------------------------------------------
def text_left_after_each_stage():
    """Text pixels still on after each stage, recomputed with scipy from scene Q3_SEED."""
    scene = scenes.barcode_scene(Q3_SEED)
    gx = ndi.sobel(scene.image, axis=1, mode="mirror") / 8
    gy = ndi.sobel(scene.image, axis=0, mode="mirror") / 8
    diff = np.maximum(np.abs(gx) - np.abs(gy), 0)
    blurred = ndi.gaussian_filter(diff, 4.0, mode="mirror", truncate=3.0)
    mask = blurred > 0.4 * blurred.max()
    labels, _ = ndi.label(mask, structure=np.ones((3, 3)))
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    region = labels == np.argmax(sizes)
    t = scene.text
    return {"gradient difference": (diff[t] > 0).sum(), "blur": (blurred[t] > 0).sum(),
            "threshold": mask[t].sum(), "largest region": region[t].sum()}


def test_q3_answer_is_the_first_stage_with_no_text_left():
    """By scipy's count, the text survives the difference and the blur and is gone after the threshold."""
    left = text_left_after_each_stage()
    assert left["gradient difference"] > 0 and left["blur"] > 0 and left["threshold"] == 0
    assert q3.check("threshold").correct and q3.check("Thresholding").correct and q3.check("mask").correct


@pytest.mark.parametrize(("answer", "words"), [
    ("gradient difference", r"are still above 0: letters have upright strokes too"),
    ("|gx| - |gy|", r"are still above 0: letters have upright strokes too"),
    ("blur", r"lowers the text's response to at most \d+% .* But lowered is not removed"),
    ("largest region", r"By then the text is already gone"),
    ("the camera", r"'the camera' is not one of the choices"),
])
def test_q3_diagnoses(answer, words):
    """Each wrong stage is explained with what is left of the text after it."""
    result = q3.check(answer)
    assert result.status == "incorrect" and re.search(words, result.message), result.message
    assert set(Q3_STAGES) == {"gradient difference", "blur", "threshold", "largest region"}


# --------------------------------------------------------------------------
# q4
# --------------------------------------------------------------------------
def q4_iou(t):
    """IoU of the scipy-computed detection with the union of the object's two boxes, at threshold t."""
    m = scenes.motion_frames()
    blurred = ndi.gaussian_filter(np.abs(m.frames[Q4_FRAME] - m.frames[Q4_FRAME - 1]), 2.0, mode="mirror",
                                  truncate=3.0)
    labels, _ = ndi.label(blurred > t, structure=np.ones((3, 3)))
    keep = [k + 1 for k, s in enumerate(np.bincount(labels.ravel())[1:]) if s >= 20]
    if not keep:
        return 0.0
    found = np.isin(labels, keep)
    rows, cols = np.nonzero(found)
    a = np.zeros(found.shape, bool)
    a[rows.min():rows.max() + 1, cols.min():cols.max() + 1] = True
    b = np.zeros(found.shape, bool)
    b0, b1 = m.boxes[Q4_FRAME - 1], m.boxes[Q4_FRAME]
    b[min(b0[0], b1[0]):max(b0[2], b1[2]), min(b0[1], b1[1]):max(b0[3], b1[3])] = True
    return (a & b).sum() / (a | b).sum()


def test_q4_interval_is_where_scipy_finds_the_object():
    """Inside the accepted interval scipy's detection has IoU >= 0.5; just outside it does not."""
    lo, hi = Q4_INTERVAL
    assert 0 < lo < 0.08 < hi < 0.5
    for t in np.linspace(lo, hi, 7):
        assert q4_iou(t) >= 0.5 and q4.check(float(t)).correct
    assert q4_iou(lo - 0.002) < 0.5 and q4_iou(hi + 0.002) < 0.5


@pytest.mark.parametrize(("answer", "words"), [
    (0.01, r"^Threshold 0.01 is too low: the sensor noise passes it too"),
    (Q4_INTERVAL[0] - 0.005, r"is too low"),
    (Q4_INTERVAL[1] + 0.005, r"is too high: only part of the change is left"),
    (0.5, r"^Threshold 0.5 is too high: nothing is detected"),
    (3, r"^The frames' grey values run from 0 to 1"),
    ("0.1", r"without quotes"),
])
def test_q4_diagnoses(answer, words):
    """Too low (noise), too high (part or none of the change), out of range, and text are each explained."""
    result = q4.check(answer)
    assert result.status == "incorrect" and re.search(words, result.message), result.message


# --------------------------------------------------------------------------
# q5
# --------------------------------------------------------------------------
def test_q5_only_a_is_true_by_counter_examples():
    """A holds for three blurs on flat patches; B, C and D each fail on a counter-example (scipy)."""
    flat = np.full((7, 7), 0.5)
    for K in (np.full((3, 3), 1 / 9), np.ones((5, 5)) / 25):
        assert np.allclose(ndi.correlate(flat, K, mode="mirror"), 0.5)
    assert not np.allclose(ndi.correlate(Q5_X, np.full((3, 3), 1 / 9), mode="mirror"), Q5_X)     # B
    assert np.isclose(ndi.correlate(flat, np.ones((3, 3)))[3, 3], 4.5)                           # C and D
    assert q5.check("A").correct and q5.check("a").correct and set(Q5_STATEMENTS) == set("ABCD")


@pytest.mark.parametrize(("answer", "words"), [
    ("B", r"A blur does change pixels: near an edge it mixes both sides"),
    ("C", r"Positive weights are not enough.*gives 4.5, nine times as bright.*SHARPEN has negative"),
    ("D", r"Symmetry is not the reason"),
    ("E", r"'E' is not one of the choices"),
])
def test_q5_diagnoses(answer, words):
    """Each wrong statement is answered with its counter-example."""
    result = q5.check(answer)
    assert result.status == "incorrect" and re.search(words, result.message), result.message
