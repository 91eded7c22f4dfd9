"""Tests of convlib.lessons.lesson03 and its questions, with right and wrong answers.

Expected answers are computed here independently of convlib: plain numpy
sums over the 3x3 windows, and the magnitudes of question 3 from
``scipy.ndimage.sobel``, so a wrong answer key in the lesson module would
make these tests fail.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.ndimage as ndi

from convlib.exercises import ____
from convlib.lessons import lesson03 as L
from convlib.lessons.lesson03 import q1, q2, q3, q4, q5

SOBEL_X = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])


def window_sum(patch, kernel):
    """The sum of patch times kernel, cell by cell: one cross-correlation step, by hand."""
    return float(np.sum(np.asarray(patch) * np.asarray(kernel)))


def q3_magnitude():
    """Sobel magnitude of Q3_X from scipy.ndimage (mode 'mirror' = convlib's 'reflect')."""
    X = np.asarray(L.Q3_X, dtype=float)
    return np.hypot(ndi.sobel(X, axis=1, mode="mirror"), ndi.sobel(X, axis=0, mode="mirror"))


def message(result):
    """The text of a check's result."""
    return result.message


def test_package_exports_questions_widget_and_helpers():
    """lesson03 exports q1..q5 in QUESTIONS, the widget and its helper modules."""
    assert [q.name for q in L.QUESTIONS] == ["q1", "q2", "q3", "q4", "q5"]
    assert {"EdgeExplorer", "figures", "pictures", "Q3_X"} <= set(L.__all__)


# q1 ------------------------------------------------------------------------
Q1_RIGHT = window_sum(L.Q1_PATCH, SOBEL_X)


def test_q1_accepts_the_sum_by_hand():
    """The window sum computed with numpy is accepted, as an int and as a numpy float."""
    assert Q1_RIGHT == 25
    assert q1.check(25).correct and q1.check(np.float64(Q1_RIGHT)).correct


@pytest.mark.parametrize(("kernel", "words"), [
    (SOBEL_X[:, ::-1], "kernel flipped"),
    (np.array([[-1, 0, 1]] * 3), "Prewitt"),
    (SOBEL_X.T, "Sobel y response (below minus above)"),
    (SOBEL_X.T[::-1], "Sobel y response with the kernel flipped"),
    (np.abs(SOBEL_X), "adds the left column"),
    (np.array([[0, 0, 0], [-2, 0, 2], [0, 0, 0]]), "middle row alone"),
    (-np.array([[-1, 0, 1]] * 3), "Two slips at once"),
])
def test_q1_diagnoses_each_slip(kernel, words):
    """Flipped kernel, missing 2s, wrong axis, lost minus signs, middle row only: each is named."""
    result = q1.check(window_sum(L.Q1_PATCH, kernel))
    assert not result.correct and words in message(result)


def test_q1_other_wrong_number_says_the_right_one():
    """An unrecognised wrong number gets the expected value, without a diagnosis."""
    assert message(q1.check(26)) == "`gx` should be 25; you gave 26."


# q2 ------------------------------------------------------------------------
def test_q2_right_by_name_and_by_array():
    """'SOBEL_Y', 'sobel y' and the SOBEL_Y array itself are accepted."""
    for answer in ("SOBEL_Y", "sobel y", [[-1, -2, -1], [0, 0, 0], [1, 2, 1]]):
        assert q2.check(answer).correct, answer


def test_q2_expected_kernel_is_the_one_that_ignores_vertical_edges():
    """Independently (scipy.ndimage.correlate): SOBEL_Y is 0 on the vertical edge, not on the horizontal."""
    K = np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], dtype=float)
    assert not ndi.correlate(np.asarray(L.Q2_VERTICAL, float), K, mode="mirror").any()
    assert ndi.correlate(np.asarray(L.Q2_HORIZONTAL, float), K, mode="mirror").any()


@pytest.mark.parametrize(("answer", "words"), [
    ("SOBEL_X", "classic x/y mix-up"),
    (SOBEL_X, "finds VERTICAL edges"),
    ("LAPLACIAN", "edges in every direction"),
    ("BOX_3", "weights add up to 1"),
])
def test_q2_diagnoses_each_wrong_kernel(answer, words):
    """The x/y confusion, the Laplacian and the blur each get their explanation."""
    result = q2.check(answer)
    assert not result.correct and words in message(result)


def test_q2_sobel_x_message_says_it_gives_zero_on_the_horizontal_edge():
    """The message about SOBEL_X states what is true of the data: 0 everywhere."""
    assert "is 0 everywhere" in message(q2.check("SOBEL_X"))
    assert not ndi.correlate(np.asarray(L.Q2_HORIZONTAL, float), SOBEL_X.astype(float), mode="mirror").any()


def test_q2_names_outside_the_list_are_listed():
    """A kernel that is not offered gets the list of choices."""
    assert "is not one of the choices" in message(q2.check("PREWITT_X"))


# q3 ------------------------------------------------------------------------
def test_q3_outline_and_range_match_scipy():
    """Independently: the stripe's largest magnitude is 8, the square's corners sqrt(7² + 7²)."""
    mag = q3_magnitude()
    assert math.isclose(mag[~L.Q3_OUTLINE].max(), 8)
    assert math.isclose(mag[L.Q3_OUTLINE].min(), math.hypot(7, 7))


@pytest.mark.parametrize("threshold", [8, 8.5, 9, 9.89, np.float32(9.5)])
def test_q3_accepts_every_threshold_in_the_range(threshold):
    """Any threshold from the stripe's magnitude up to just below the corners' is right."""
    assert q3.check(threshold).correct


def test_q3_too_low_names_the_stripe():
    """Below 8 the stripe's pixels count as edges too; the message says so and gives the bound."""
    text = message(q3.check(5))
    assert text.startswith("Threshold 5 is too low: 16 pixels of the faint stripe (magnitude 8)")
    assert "at least 8" in text


@pytest.mark.parametrize("threshold", [math.hypot(7, 7), 10, 29])
def test_q3_too_high_names_the_corners(threshold):
    """At or above the corners' magnitude the outline loses pixels; the message says where."""
    text = message(q3.check(threshold))
    assert "is too high" in text and "corners" in text and "9.899" in text


def test_q3_normalised_magnitudes_are_recognised():
    """A threshold that would be right on Sobel divided by 8 is explained as such."""
    assert "normalised magnitudes" in message(q3.check(1.1))
    assert "normalised magnitudes" not in message(q3.check(5))


def test_q3_negative_and_wrong_types():
    """A negative threshold and text get their own messages, never an exception."""
    assert message(q3.check(-1)) == "A threshold is a magnitude, 0 or more; you gave -1."
    assert "without quotes" in message(q3.check("9"))
    assert q3.check(____).status == "not_attempted"


# q4 ------------------------------------------------------------------------
def test_q4_statement_a_is_right_in_any_case():
    """'A' (flat areas give 0) is right, as 'a' too."""
    assert q4.check("A").correct and q4.check("a").correct


def test_q4_statement_a_holds_independently():
    """Independently: the Laplacian's weights add to 0, so flat patches give 0 (a sum written out)."""
    lap = np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]])
    assert all(window_sum(np.full((3, 3), v), lap) == 0 for v in (0, 7, 200))


@pytest.mark.parametrize(("answer", "words"), [
    ("B", "That is what a blur does"),
    ("C", "opposite signs"),
    ("D", "50 × 0 = 0"),
])
def test_q4_diagnoses_each_wrong_statement(answer, words):
    """Each wrong statement is explained with the numbers of Q4_PATCH."""
    result = q4.check(answer)
    assert not result.correct and words in message(result)


def test_q4_c_message_shows_the_negative_values():
    """The message for 'C' quotes a row of the response, negative values included."""
    assert "[0, 7, -7]" in message(q4.check("C"))


# q5 ------------------------------------------------------------------------
def test_q5_up_is_right():
    """The light side is on top: the gradient points up (also 'north')."""
    assert q5.check("up").correct and q5.check("North").correct


def test_q5_expected_direction_from_a_sum_by_hand():
    """Independently: at (2, 3), below minus above is negative and right minus left is 0."""
    X = np.asarray(L.Q5_X)
    r, c = L.Q5_CELL
    window = X[r - 1:r + 2, c - 1:c + 2]
    assert window_sum(window, SOBEL_X) == 0 and window_sum(window, SOBEL_X.T) < 0


@pytest.mark.parametrize(("answer", "words"), [
    ("down", "from dark to light"),
    ("left", "perpendicular to the edge"),
    ("right", "perpendicular to the edge"),
])
def test_q5_diagnoses_each_wrong_direction(answer, words):
    """Pointing to the dark side and pointing along the edge are both explained."""
    result = q5.check(answer)
    assert not result.correct and words in message(result)


def test_q5_number_is_asked_as_a_word():
    """An angle given as a number is answered with the four words to choose from."""
    assert message(q5.check(-90)) == ("You gave the number -90; give one of 'right', 'down', 'left', 'up', "
                                      "in quotes.")
