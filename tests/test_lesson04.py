"""Tests of convlib.lessons.lesson04 and its questions, with right and wrong answers.

Expected answers are found here without convlib's texture code: the
direction and period of each pattern are read from its numbers (which
axis is constant, where the bright lines are, the peak of its FFT), and
energies are computed with ``scipy.ndimage`` (correlate with mirrored
borders, then a Gaussian blur of the square), so a wrong answer key in the
lesson module would make these tests fail.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.ndimage as ndi

from convlib.exercises import ____
from convlib.kernels import gabor
from convlib.lessons import lesson04 as L
from convlib.lessons.lesson04 import q1, q2, q3, q4, q5


def fft_direction_and_period(X):
    """(angle in degrees mod 180, period in pixels) of the strongest wave in X, from its FFT."""
    h, w = X.shape
    F = np.abs(np.fft.fft2(X - X.mean()))
    fy, fx = np.unravel_index(np.argmax(F), F.shape)
    fy, fx = (fy + h // 2) % h - h // 2, (fx + w // 2) % w - w // 2
    return round(math.degrees(math.atan2(fy / h, fx / w)) % 180, 6), 1 / math.hypot(fy / h, fx / w)


def scipy_energy(X, K, sigma=4.0):
    """Texture energy with scipy alone: correlate (mirror), square, Gaussian blur (mirror, truncate 3)."""
    R = ndi.correlate(np.asarray(X, dtype=float), K, mode="mirror")
    return ndi.gaussian_filter(R * R, sigma, mode="mirror", truncate=3.0)


def test_package_exports_questions_widget_and_figures():
    """lesson04 exports q1..q5 in QUESTIONS, the widget, its figures and every question's data."""
    assert [q.name for q in L.QUESTIONS] == ["q1", "q2", "q3", "q4", "q5"]
    assert {"GaborExplorer", "figures", "questions", "Q1_X", "Q2_X", "Q2_ROW", "Q3_X", "Q4_X", "Q4_ROW",
            "Q4_CHOICES", "Q5_X", "Q5_THETAS", "Q5_WAVELENGTH"} <= set(L.__all__)


def test_blanks_are_not_attempted():
    """Every question reports the blank as not attempted."""
    assert all(q.check(____).status == "not_attempted" for q in L.QUESTIONS)


# q1 ------------------------------------------------------------------------
def test_q1_data_are_horizontal_stripes_of_period_4():
    """Every row of Q1_X is one grey, the columns change: the wave runs at 90 degrees, period 4."""
    X = np.asarray(L.Q1_X)
    assert np.ptp(X, axis=1).max() == 0 and np.ptp(X[:, 0]) == 1
    assert fft_direction_and_period(X) == (90.0, 4.0)


@pytest.mark.parametrize("answer", [90, 90.0, np.int64(90), 270, -90, 450, 90.3])
def test_q1_accepts_ninety_and_every_half_turn_from_it(answer):
    """90 degrees is right, and so is any angle 180 degrees away (the same stripes); within half a degree."""
    assert q1.check(answer).correct


def test_q1_says_why_a_half_turn_is_the_same():
    """An answer a half turn off is accepted with the reason."""
    text = q1.check(270).message
    assert text.startswith("270° is the same orientation as 90° (a half turn finds the same stripes).")


@pytest.mark.parametrize(("answer", "words"), [
    (0, "0° is the direction in which the stripes run"),
    (180, "180° is the same orientation as 0°"),
    (45, "The stripes are not diagonal"),
    (135, "The stripes are not diagonal"),
    (4, "4 is the stripes' period"),
    (math.pi / 2, "looks like an angle in radians (1.571 rad = 90°)"),
])
def test_q1_diagnoses_each_mistake(answer, words):
    """The 0/90 mix-up (stripes' direction given), diagonals, the period and radians are each named."""
    result = q1.check(answer)
    assert not result.correct and words in result.message


def test_q1_zero_is_explained_as_the_stripes_direction():
    """The 0/90 confusion: the message says θ is the direction across the stripes, and gives the energies."""
    text = q1.check(0).message
    assert text.startswith("The orientation θ is 90°; you gave 0°.")
    assert "θ is the direction across them" in text and "Energies by orientation: 0°: 0.0000" in text


def test_q1_other_wrong_angle_gets_the_energies():
    """An unrecognised angle gets the right one and the table of energies, without a diagnosis."""
    text = q1.check(60).message
    assert text.startswith("The orientation θ is 90°; you gave 60°. Energies by orientation:")


def test_q1_energies_agree_with_scipy():
    """The energy table in the messages is scipy's (sigma 2), largest at 90 degrees."""
    energy = {t: scipy_energy(L.Q1_X, gabor(t, 4), 2.0).mean() for t in range(0, 180, 15)}
    assert max(energy, key=energy.get) == 90
    assert f"90°: {energy[90]:.4f}" in q1.check(0).message


# q2 ------------------------------------------------------------------------
def test_q2_data_are_vertical_stripes_of_period_6():
    """Q2_ROW's bright lines are 6 apart; the FFT of Q2_X[:60, :60] peaks at 0 degrees, period 6."""
    assert np.diff(np.flatnonzero(np.asarray(L.Q2_ROW) == 1)).tolist() == [6]
    assert np.array_equal(L.Q2_ROW, L.Q2_X[0, :12])
    angle, period = fft_direction_and_period(np.asarray(L.Q2_X)[:60, :60])      # ten whole periods
    assert angle == 0 and period == pytest.approx(6)


def test_q2_energy_peaks_at_six_with_scipy():
    """Among wavelengths 2 to 16, scipy's energy of gabor(0, w) on Q2_X (middle part) is largest at 6."""
    energy = {w: scipy_energy(L.Q2_X, gabor(0, w), 3.0)[16:-16, 16:-16].mean() for w in range(2, 17)}
    assert max(energy, key=energy.get) == 6


@pytest.mark.parametrize("answer", [6, 6.0, np.float32(6.2), 5.8])
def test_q2_accepts_six_within_a_third_of_a_pixel(answer):
    """6 pixels is right, within 0.3."""
    assert q2.check(answer).correct


@pytest.mark.parametrize(("answer", "words"), [
    (1 / 6, "That is the frequency, 1/6 of a cycle per pixel"),
    (0.17, "That is the frequency"),
    (2 * math.pi / 6, "angular frequency"),
    (3, "half a period"),
    (2, "how many periods fit in the 12 pixels"),
    (12, "That is two periods"),
])
def test_q2_diagnoses_frequency_and_counting_mistakes(answer, words):
    """Frequency, radians per pixel, half a period, a count of periods, two periods: each named."""
    result = q2.check(answer)
    assert not result.correct and words in result.message


def test_q2_other_wrong_number_says_the_right_one():
    """A wavelength that is simply off gets the expected value only."""
    assert q2.check(7).message == "The wavelength should be 6; you gave 7."


# q3 ------------------------------------------------------------------------
def test_q3_right_statement_and_its_numbers():
    """'C' is right; the numbers in the explanation are scipy's response on Q3_X (middle part)."""
    R = ndi.correlate(np.asarray(L.Q3_X, dtype=float), gabor(0, 8), mode="mirror")[16:-16, 16:-16]
    result = q3.check("c")
    assert result.correct
    assert f"runs from {R.min():.2f} to {R.max():.2f}" in result.message
    assert f"{(R ** 2).mean():.3f}" in result.message
    assert abs(R.mean()) < 1e-3 and (R ** 2).mean() > 0.1


@pytest.mark.parametrize(("answer", "words"), [
    ("A", "Squaring does not make small values larger"),
    ("B", "Squaring cannot change which stripes a filter finds"),
    ("D", "Squaring makes the noise's negative values positive"),
    ("E", "'E' is not one of the choices"),
])
def test_q3_diagnoses_each_wrong_statement(answer, words):
    """Each wrong statement is refuted in words (and a letter that is not offered is named)."""
    result = q3.check(answer)
    assert not result.correct and words in result.message


# q4 ------------------------------------------------------------------------
def test_q4_the_winner_is_across_the_stripes_with_their_period():
    """Q4_X changes along its rows with period 8: the filter (0°, 8) wins, and scipy's energies agree."""
    X = np.asarray(L.Q4_X)
    assert np.ptp(X, axis=0).max() == 0
    assert fft_direction_and_period(X) == (0.0, 8.0)
    energy = {k: scipy_energy(X, gabor(t, w)).mean() for k, (t, w) in L.Q4_CHOICES.items()}
    assert max(energy, key=energy.get) == "C" and L.Q4_CHOICES["C"] == (0, 8)
    assert q4.check("C").correct and q4.check("c").correct


@pytest.mark.parametrize(("answer", "words"), [
    ("A", "θ = 90° runs its wave along the stripes"),
    ("B", "λ = 4 is half the period"),
    ("D", "Both the direction and the wavelength are off"),
])
def test_q4_diagnoses_each_wrong_filter(answer, words):
    """The 0/90 mix-up, the half period and both at once are named."""
    result = q4.check(answer)
    assert not result.correct and words in result.message


def test_q4_choices_are_the_four_combinations():
    """The four letters are the four filters (0 or 90 degrees) x (4 or 8 pixels)."""
    assert sorted(L.Q4_CHOICES.values()) == [(0, 4), (0, 8), (90, 4), (90, 8)]


# q5 ------------------------------------------------------------------------
def test_q5_diagonals_win_with_scipy():
    """scipy's energies of gabor(t, 8) on the checkerboard: 45 and 135 degrees tie at the top."""
    energy = {t: scipy_energy(L.Q5_X, gabor(t, L.Q5_WAVELENGTH)).mean() for t in L.Q5_THETAS}
    top = max(energy.values())
    assert [t for t, e in energy.items() if e > top * (1 - 1e-6)] == [45, 135]
    assert energy[0] < top / 3 and energy[90] < top / 3


@pytest.mark.parametrize("answer", [45, 135, 225, -45, 315.2])
def test_q5_accepts_either_diagonal(answer):
    """Both diagonals are right, and so is each one plus a half turn."""
    assert q5.check(answer).correct


@pytest.mark.parametrize(("answer", "words"), [
    (0, "The sides of the squares run at 0° and 90°, but a checkerboard is not stripes"),
    (90, "a wave at 90° sees as much bright as dark"),
    (math.pi / 4, "looks like an angle in radians"),
    (30, "Energies by orientation"),
])
def test_q5_diagnoses_the_sides_of_the_squares(answer, words):
    """Answering the direction of the squares' sides is explained; radians are named; others get the table."""
    result = q5.check(answer)
    assert not result.correct and words in result.message
    assert result.message.startswith("The orientation θ is 45° or 135°; you gave") or "radians" in words


@pytest.mark.parametrize("question", [q1, q2, q5])
@pytest.mark.parametrize("answer", ["45", [90], None, True])
def test_number_questions_refuse_what_is_not_a_number(question, answer):
    """Text, lists, None and booleans get check_number's messages, never an exception."""
    result = question.check(answer)
    assert result.status == "incorrect" and result.message
