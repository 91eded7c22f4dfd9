"""Tests of convlib.lessons.lesson05 and its questions, with right and wrong answers.

Expected answers are computed here independently of convlib.match: NCC by
its definition, one window at a time (``ncc_direct``), the plain score with
``scipy.signal.correlate2d``, peaks with ``scipy.ndimage.maximum_filter``
and a greedy loop, and matching by distance written out; so a wrong answer
key in the lesson module would make these tests fail.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.ndimage as ndi
import scipy.signal as sig

from convlib.exercises import ____
from convlib.lessons import lesson05 as L
from convlib.lessons.lesson05 import q1, q2, q3, q4, q5


def ncc_direct(image, template):
    """NCC by the definition, window by window; flat windows 0."""
    X, T = np.asarray(image, float), np.asarray(template, float)
    h, w = T.shape
    t0 = T - T.mean()
    out = np.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
    for r in range(out.shape[0]):
        for c in range(out.shape[1]):
            win = X[r:r + h, c:c + w]
            w0 = win - win.mean()
            den = math.sqrt((w0 ** 2).sum() * (t0 ** 2).sum())
            out[r, c] = 0.0 if np.ptp(win) == 0 else (w0 * t0).sum() / den
    return out


def test_package_exports_questions_widgets_and_helpers():
    """lesson05 exports q1..q5 in QUESTIONS, both widgets and its helper modules."""
    assert [q.name for q in L.QUESTIONS] == ["q1", "q2", "q3", "q4", "q5"]
    assert {"TemplateScan", "RobustnessExplorer", "figures", "scenes", "drawing", "Q4_X"} <= set(L.__all__)


# q1 ------------------------------------------------------------------------
W1, T1 = np.asarray(L.Q1_WINDOW, float), np.asarray(L.Q1_T, float)
Q1_RIGHT = ncc_direct(W1, T1)[0, 0]


def test_q1_accepts_the_definition_and_two_decimals():
    """The NCC by the definition is accepted, and so is it rounded to two decimals."""
    assert q1.check(Q1_RIGHT).correct and q1.check(round(Q1_RIGHT, 2)).correct
    assert not q1.check(round(Q1_RIGHT, 2) + 0.01).correct


@pytest.mark.parametrize(("value", "words"), [
    ((W1 * T1).sum() / (np.linalg.norm(W1) * np.linalg.norm(T1)), "did not subtract the means"),
    (((W1 - W1.mean()) * (T1 - T1.mean())).sum(), "did not divide by the norms"),
    ((W1 * T1).sum(), "plain correlation score"),
    (((W1 - W1.mean()) * (T1 - T1.mean())).sum() / W1.size, "divided by the number of pixels"),
    (((W1 - W1.mean()) * (T1 - T1.mean())).sum()
     / (((W1 - W1.mean()) ** 2).sum() * ((T1 - T1.mean()) ** 2).sum()), "sums of squares themselves"),
    ((W1 * (T1 - T1.mean())).sum() / (np.linalg.norm(W1) * np.linalg.norm(T1 - T1.mean())),
     "used the raw window for its norm"),
])
def test_q1_diagnoses_each_slip(value, words):
    """No means, no norms, raw correlation, dividing by n, no roots, a raw window norm: each is named."""
    result = q1.check(round(float(value), 2))
    assert not result.correct and words in result.message


def test_q1_other_numbers():
    """An unknown number gets the expected value; one outside [-1, 1] is reminded of NCC's range."""
    assert q1.check(0.5).message == "The NCC of Q1_WINDOW and Q1_T should be 0.8944; you gave 0.5."
    assert q1.check(7).message.endswith("NCC always lies between -1 and 1.")


# q2 ------------------------------------------------------------------------
PLAIN2 = sig.correlate2d(np.asarray(L.Q2_X, float), np.asarray(L.Q2_T, float), mode="valid")
BEST2 = tuple(int(i) for i in np.unravel_index(PLAIN2.argmax(), PLAIN2.shape))
NCC2 = ncc_direct(L.Q2_X, L.Q2_T)
BEST_NCC2 = tuple(int(i) for i in np.unravel_index(NCC2.argmax(), NCC2.shape))


def test_q2_accepts_scipys_best_cell():
    """The cell where scipy's plain correlation is largest is accepted, as a tuple or a list."""
    assert BEST2 == (4, 8) and q2.check(BEST2).correct and q2.check(list(BEST2)).correct


@pytest.mark.parametrize(("cell", "words"), [
    (BEST_NCC2, "That is where NCC peaks"),
    ((BEST2[0] + 2, BEST2[1] + 2), "centre of the best window"),
    ((BEST_NCC2[0] + 2, BEST_NCC2[1] + 2), "centre of the cross"),
    (BEST2[::-1], "Row and column are swapped"),
])
def test_q2_diagnoses_each_slip(cell, words):
    """NCC's peak, the window's centre, the cross's centre and swapped indices are each explained."""
    result = q2.check(cell)
    assert not result.correct and words in result.message


# q3 ------------------------------------------------------------------------
SCORES3 = {k: ncc_direct(L.Q3_X, T)[5, 5] for k, T in L.Q3_TEMPLATES.items()}


def test_q3_accepts_the_best_template_by_the_definition():
    """The template with the highest NCC by the definition (the circle) is accepted."""
    best = max(SCORES3, key=SCORES3.get)
    assert best == "circle" and q3.check(best).correct and q3.check("Circle").correct


@pytest.mark.parametrize("kind", ["square", "cross", "triangle"])
def test_q3_wrong_templates_get_their_scores(kind):
    """Each other template is refused with its own score; the square also with why turning matters."""
    result = q3.check(kind)
    assert not result.correct and f"{SCORES3[kind]:.2f}" in result.message
    if kind == "square":
        assert "turned by 45°" in result.message


# q4 ------------------------------------------------------------------------
def peaks(score, radius):
    """Every local maximum of its (2r+1)^2 neighbourhood, then greedy suppression, strongest first."""
    top = ndi.maximum_filter(score, size=2 * radius + 1, mode="constant", cval=-np.inf)
    cells = sorted(((score[r, c], r, c) for r, c in zip(*np.nonzero(score >= top), strict=True)),
                   key=lambda t: (-t[0], t[1], t[2]))
    kept = []
    for v, r, c in cells:
        if all(max(abs(r - a), abs(c - b)) > radius for _, a, b in kept):
            kept.append((v, r, c))
    return kept


@pytest.fixture(scope="module")
def q4_interval():
    """The accepted thresholds, from scratch: [strongest non-triangle peak, weakest triangle peak)."""
    S = ncc_direct(L.Q4_X, L.Q4_T)
    h, w = L.Q4_T.shape
    truth = np.asarray(L.Q4_TRUTH)
    triangle, other = [], []
    for v, r, c in peaks(S, 10):
        centre = (r + (h - 1) / 2, c + (w - 1) / 2)
        near = min(math.dist(centre, t) for t in truth) <= 3
        (triangle if near else other).append(v)
    assert len(triangle) == 3
    return max(other), min(triangle)


def test_q4_accepts_the_middle_of_the_interval_and_refuses_its_ends(q4_interval):
    """Inside [low, high) is right; high itself misses a triangle, just under low adds a false alarm."""
    low, high = q4_interval
    assert low < high
    assert q4.check((low + high) / 2).correct and q4.check(low).correct
    assert not q4.check(high).correct and "too high" in q4.check(high).message
    assert not q4.check(low - 1e-6).correct and "too low" in q4.check(low - 1e-6).message


def test_q4_messages_give_the_edges_of_the_range(q4_interval):
    """Too high names the weakest triangle's score; too low the strongest other peak and what it is."""
    low, high = q4_interval
    assert f"{high:.3f}"[:5] in q4.check(0.99).message and "missed" in q4.check(0.99).message
    too_low = q4.check(0.5).message
    assert f"{low:.3f}"[:5] in too_low and "not triangles" in too_low and "distractor (blob)" in too_low
    assert "from -1 to 1" in q4.check(1.5).message
    assert q4.check("0.85").status == "incorrect"


# q5 ------------------------------------------------------------------------
def test_q5_right_statement_and_the_facts_behind_the_wrong_ones():
    """'A' is right; the facts quoted against B, C and D hold when recomputed by the definition."""
    assert q5.check("A").correct and q5.check("a").correct
    from convlib.lessons.lesson05.scenes import ROBUST_CENTRES, TEMPLATES, robust_scene
    from convlib.shapes import shape_mask

    scene = robust_scene(L.Q5_ANGLE).image
    r, c = (int(v) for v in ROBUST_CENTRES[1])
    unturned = ncc_direct(scene[r - 13:r + 14, c - 13:c + 14], TEMPLATES["square"]).max()
    turned = ncc_direct(scene[r - 13:r + 14, c - 13:c + 14],
                        shape_mask("square", 15, angle=L.Q5_ANGLE, canvas=21)).max()
    assert unturned < L.Q5_THRESHOLD < turned
    assert f"scores {round(turned, 2):g} on the turned square" in q5.check("D").message
    assert "same grey value" in q5.check("B").message
    assert "keeps the area" in q5.check("C").message


def test_every_question_says_not_attempted_for_the_blank():
    """The blank is 'not attempted' for all five."""
    for q in L.QUESTIONS:
        assert q.check(____).status == "not_attempted"
