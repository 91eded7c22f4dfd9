"""Tests of convlib.lessons.lesson09.questions: lesson 09's exercises, with right and wrong answers.

Expected answers are recomputed here without convlib where possible: window
counts from numpy's ``sliding_window_view``, ranks from
``numpy.linalg.matrix_rank``, correlations from ``scipy.signal``.  So a wrong
answer key in convlib.lessons.lesson09 makes these tests fail.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.signal
from numpy.lib.stride_tricks import sliding_window_view

from convlib.exercises import ____
from convlib.lessons.lesson09 import q1, q2, q3, q4, q5
from convlib.lessons.lesson09 import questions as L


def run_solution(question, name):
    """Execute a question's solution code and return the variable it defines."""
    namespace = {"np": np}
    exec(question.solution().code, namespace)  # noqa: S102 - our own solution text, not learner input
    return namespace[name]


def windows(image_shape, kernel_shape):
    """Number of window positions, counted by numpy."""
    view = sliding_window_view(np.zeros(image_shape, dtype=np.uint8), kernel_shape)
    return view.shape[0] * view.shape[1]


def q1_expected():
    """Multiply-adds of Q1: windows times weights."""
    return windows(L.Q1_IMAGE_SHAPE, L.Q1_KERNEL_SHAPE) * math.prod(L.Q1_KERNEL_SHAPE)


def q3_expected():
    """MiB of Q3's im2col matrix: windows times weights times 8 bytes."""
    return windows(L.Q3_IMAGE_SHAPE, L.Q3_KERNEL_SHAPE) * math.prod(L.Q3_KERNEL_SHAPE) * 8 / 2**20


def correct_full(X, K):
    """The 'full' correlation by the FFT: the answer a learner should write."""
    X, K = np.asarray(X, dtype=float), np.asarray(K, dtype=float)
    s = (X.shape[0] + K.shape[0] - 1, X.shape[1] + K.shape[1] - 1)
    return np.fft.irfft2(np.fft.rfft2(X, s) * np.fft.rfft2(K[::-1, ::-1], s), s)


# --------------------------------------------------------------------------
# q1
# --------------------------------------------------------------------------
def test_q1_accepts_independent_count():
    """The count from numpy's windows is correct."""
    assert q1.check(q1_expected()).status == "correct"


def test_q1_accepts_float_of_the_right_value():
    """7568400.0 is the same number."""
    assert q1.check(float(q1_expected())).status == "correct"


def test_q1_whole_input_is_explained():
    """H * W * k * k gets the 'every pixel of the input' explanation."""
    h, w = L.Q1_IMAGE_SHAPE
    message = q1.check(h * w * math.prod(L.Q1_KERNEL_SHAPE)).message
    assert "counts a window at every pixel of the input" in message


def test_q1_separable_cost_is_explained():
    """windows * (kh + kw) is recognised as the separable cost."""
    kh, kw = L.Q1_KERNEL_SHAPE
    message = q1.check(windows(L.Q1_IMAGE_SHAPE, L.Q1_KERNEL_SHAPE) * (kh + kw)).message
    assert "cost of the separable method" in message


def test_q1_forgotten_plus_one_is_explained():
    """(H - kh)(W - kw) k k gets the '+ 1' explanation."""
    (h, w), (kh, kw) = L.Q1_IMAGE_SHAPE, L.Q1_KERNEL_SHAPE
    assert "You forgot the + 1" in q1.check((h - kh) * (w - kw) * kh * kw).message


def test_q1_wrong_number_says_should_be():
    """An unrecognised wrong number is compared in the learner's words."""
    assert f"should be {q1_expected()}; you gave 12." in q1.check(12).message


def test_q1_text_answer_is_reported():
    """An answer in quotes is reported, not evaluated."""
    assert "without quotes" in q1.check(str(q1_expected())).message


# --------------------------------------------------------------------------
# q2
# --------------------------------------------------------------------------
def test_q2_ranks_are_those_numpy_finds():
    """(matrix_rank(A), matrix_rank(B)) is correct."""
    ranks = (int(np.linalg.matrix_rank(L.Q2_A)), int(np.linalg.matrix_rank(L.Q2_B)))
    assert q2.check(ranks).status == "correct"


def test_q2_data_holds_one_separable_and_one_not():
    """A is separable and B is not, so the question asks both ways."""
    assert (np.linalg.matrix_rank(L.Q2_A), np.linalg.matrix_rank(L.Q2_B)) == (1, 2)


def test_q2_wrong_rank_of_a_is_named():
    """A wrong rank for A says which kernel is wrong."""
    result = q2.check((2, int(np.linalg.matrix_rank(L.Q2_B))))
    assert result.status == "incorrect" and result.message.startswith("The rank of A should be 1; you gave 2.")


def test_q2_full_rank_for_b_is_rejected():
    """Calling B full rank is wrong, and only B is named."""
    message = q2.check((1, 3)).message
    assert "The rank of B should be 2; you gave 3." in message and "rank of A" not in message


def test_q2_correct_message_gives_the_factors_of_a():
    """The right answer shows A as multiples of one row."""
    assert "2×, 3× and 1× the row `[1, 0, -1]`" in q2.check((1, 2)).message


def test_q2_single_number_is_reported():
    """One number instead of a pair asks for a pair."""
    assert "give a pair `(rank of A, rank of B)`" in q2.check(1).message


def test_q2_fractional_rank_is_reported():
    """A rank of 1.5 is not a whole number."""
    assert "The rank of A is a whole number from 0 to 3; you gave 1.5." in q2.check((1.5, 2)).message


def test_q2_text_rank_is_reported():
    """A rank written as text is reported, with the number to write instead."""
    assert "You gave the text '1' (in quotes); write the number without quotes: 1." in q2.check(("1", 2)).message


# --------------------------------------------------------------------------
# q3
# --------------------------------------------------------------------------
def test_q3_accepts_independent_size():
    """The size from numpy's window count is correct."""
    assert q3.check(q3_expected()).status == "correct"


def test_q3_accepts_one_decimal():
    """The value rounded to one decimal is correct."""
    assert q3.check(round(q3_expected(), 1)).status == "correct"


def test_q3_megabytes_are_explained():
    """The size in MB (10**6 bytes) gets the MiB explanation."""
    assert "That is in megabytes" in q3.check(q3_expected() * 2**20 / 1e6).message


def test_q3_forgotten_bytes_per_value_are_explained():
    """Counting values instead of bytes is explained."""
    assert "each float64 takes 8 bytes" in q3.check(q3_expected() / 8).message


def test_q3_input_size_is_explained():
    """Using H * W rows instead of the output cells is explained."""
    (h, w), (kh, kw) = L.Q3_IMAGE_SHAPE, L.Q3_KERNEL_SHAPE
    assert "You used the input's size" in q3.check(h * w * kh * kw * 8 / 2**20).message


def test_q3_gib_is_explained():
    """An answer in GiB is explained."""
    assert "That is in GiB" in q3.check(q3_expected() / 1024).message


def q3_size_for(n):
    """MiB of an im2col matrix with n x n windows of Q3's kernel, float64."""
    return n * n * math.prod(L.Q3_KERNEL_SHAPE) * 8 / 2**20


def test_q3_tolerance_refuses_window_counts_off_by_one_or_two():
    """Only the right count of windows per side (numpy's) passes; one or two more or fewer fail."""
    right = int(math.isqrt(windows(L.Q3_IMAGE_SHAPE, L.Q3_KERNEL_SHAPE)))
    for n in range(right - 2, right + 3):
        for given in (q3_size_for(n), round(q3_size_for(n), 1)):
            assert q3.check(given).correct == (n == right), (n, given)


def test_q3_tolerance_is_below_half_the_distance_to_the_neighbours():
    """The tolerance covers rounding to one decimal and stays under half the gap to an off-by-one answer."""
    right = q3_expected()
    gap = min(abs(q3_size_for(n) - right) for n in (1017, 1019))
    assert abs(round(right, 1) - right) < L._Q3_ATOL < gap / 2


def test_q3_forgotten_plus_one_is_explained():
    """(H - kh) windows per side gets the '+ 1' diagnosis, as in lesson 01."""
    (h, _), (kh, _) = L.Q3_IMAGE_SHAPE, L.Q3_KERNEL_SHAPE
    message = q3.check(round(q3_size_for(h - kh), 1)).message
    assert "You forgot the + 1" in message and f"{h} - {kh} + 1 = {h - kh + 1}" in message


def test_q3_one_window_too_many_is_named():
    """(H - kh + 2) windows per side is named by its count."""
    (h, _), (kh, _) = L.Q3_IMAGE_SHAPE, L.Q3_KERNEL_SHAPE
    n = h - kh + 2
    assert f"That is the size for {n} × {n} windows" in q3.check(round(q3_size_for(n), 1)).message


def test_q3_whole_number_asks_for_a_decimal():
    """387 (no decimal) is refused with a request for one decimal."""
    assert "Give one decimal" in q3.check(round(q3_expected())).message


def test_q3_far_off_value_is_incorrect():
    """Twice the size is wrong."""
    assert q3.check(2 * q3_expected()).status == "incorrect"


# --------------------------------------------------------------------------
# q4
# --------------------------------------------------------------------------
def independent_choice(shape, K):
    """The cheapest method by counting work per pixel, with numpy's rank."""
    h, w = shape
    kh, kw = np.shape(K)
    r = int(np.linalg.matrix_rank(np.asarray(K, dtype=float)))
    costs = {"direct": kh * kw, "separable": r * (kh + kw), "fft": 22 * max(1.0, math.log2(h * w) / 18)}
    if kh * kw <= 9:
        return "direct"
    return min(costs, key=costs.get)


def test_q4_answer_matches_an_independent_count():
    """auto's picks equal the cheapest method counted here."""
    assert L.q4_answer() == tuple(independent_choice(shape, K) for _, _, shape, K in L.Q4_CASES)


def test_q4_hints_and_messages_count_the_fft_as_the_lesson_does():
    """Hints, the wrong-answer hint and the correct message give the FFT's cost as 22 × log2(H×W)/18 taps."""
    texts = [repr(q4.hint(1)), q4.check(["direct"] * 4).message, q4.check(L.q4_answer()).message]
    for n in (1024, 2048):
        taps = 22 * max(1.0, math.log2(n * n) / 18)
        assert f"{taps:.0f} at {n}×{n}" in texts[0] and f"{taps:.0f} at {n}×{n}" in texts[1]
        assert f"FFT 22 × log2({n}×{n})/18 = {taps:.1f}" in texts[2]
    assert all("22 shift-and-add taps per pixel on a 512×512 picture" in t for t in texts[:2])
    assert not any("around 20" in t for t in texts)


def test_q4_cases_use_every_method():
    """The four cases are answered by each of the three methods at least once."""
    assert set(L.q4_answer()) == set(L.Q4_METHODS)


def test_q4_accepts_the_answer():
    """The right four names are correct."""
    assert q4.check(L.q4_answer()).status == "correct"


def test_q4_accepts_aliases_and_capitals():
    """'FFT' and 'shift-and-add' mean fft and direct."""
    names = {"fft": "FFT", "direct": "shift-and-add", "separable": "Separable"}
    assert q4.check([names[m] for m in L.q4_answer()]).status == "correct"


def test_q4_wrong_case_is_named():
    """A wrong pick is reported with its case letter only."""
    picks = list(L.q4_answer())
    picks[1] = "fft" if picks[1] != "fft" else "direct"
    message = q4.check(picks).message
    assert message.startswith(f"Case B: The cheapest method is not {picks[1]!r}.") and "Case A" not in message


def test_q4_auto_is_explained():
    """'auto' is not an answer: it is what chooses."""
    picks = ["auto"] + list(L.q4_answer())[1:]
    assert "'auto' is the one that chooses" in q4.check(picks).message


def test_q4_unknown_name_lists_choices():
    """An unknown name lists the three methods."""
    picks = ["quick"] + list(L.q4_answer())[1:]
    assert "'quick' is not one of the choices for the cheapest method: 'direct', 'separable', 'fft'" in q4.check(picks).message


def test_q4_wrong_length_is_reported():
    """Three names for four cases is reported."""
    assert "You gave 3 values; give 4 method names in quotes, one per case" in q4.check(["fft"] * 3).message


def test_q4_single_string_is_reported():
    """One string instead of a tuple is reported."""
    assert q4.check("fft").message.startswith("You gave the text 'fft'")


# --------------------------------------------------------------------------
# q5
# --------------------------------------------------------------------------
def test_q5_cases_match_scipy():
    """The reference used by the check equals scipy's full correlation."""
    for X, K in L.Q5_CASES:
        assert np.allclose(L._q5_reference(X, K), scipy.signal.correlate2d(X, K, mode="full"))


def test_q5_first_kernel_is_not_symmetric():
    """A missing flip shows in the first test."""
    K = L.Q5_CASES[0][1]
    assert not np.array_equal(K, K[::-1, ::-1])


def test_q5_accepts_correct_function():
    """A right FFT correlation passes every test."""
    result = q5.check(correct_full)
    assert result.status == "correct" and f"all {len(L.Q5_CASES)} tests" in result.message


def test_q5_unflipped_kernel_is_explained():
    """Transforming K instead of its flip is the true convolution."""
    def unflipped(X, K):
        return correct_full(X, np.asarray(K)[::-1, ::-1])

    assert "That is the true convolution" in q5.check(unflipped).message


def test_q5_valid_output_is_explained():
    """Returning the valid part is explained."""
    def valid(X, K):
        kh, kw = np.shape(K)
        H, W = np.shape(X)
        return correct_full(X, K)[kh - 1:H, kw - 1:W]

    assert "That is the 'valid' part" in q5.check(valid).message


def test_q5_no_padding_is_explained():
    """Transforms at the input's size wrap around."""
    def circular(X, K):
        X, K = np.asarray(X, dtype=float), np.asarray(K, dtype=float)
        return np.fft.irfft2(np.fft.rfft2(X, X.shape) * np.fft.rfft2(K[::-1, ::-1], X.shape), X.shape)

    assert "wrapped around" in q5.check(circular).message


def test_q5_complex_result_is_explained():
    """A complex result is pointed to irfft2."""
    def complex_result(X, K):
        return correct_full(X, K).astype(complex)

    assert "Use `np.fft.irfft2`" in q5.check(complex_result).message


def test_q5_template_returning_blank_is_not_attempted():
    """The notebook's template, returning ____, is not attempted."""
    def correlate_fft_full(X, K):
        X, K = np.asarray(X, dtype=float), np.asarray(K, dtype=float)
        return ____

    result = q5.check(correlate_fft_full)
    assert result.status == "not_attempted" and "correlate_fft_full" in result.message
