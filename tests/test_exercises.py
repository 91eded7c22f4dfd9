"""Tests of the self-checking exercises: convlib.exercises and convlib.lesson01.

Expected answers are computed here independently of convlib where it
matters (plain numpy sums, least squares), so a wrong answer key in
lesson01 would make these tests fail.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlib import exercises as ex
from convlib import lesson01 as L
from convlib.exercises import (
    ____,
    CheckResult,
    NotAttemptedError,
    Question,
    check_array,
    check_function,
    check_kernel_output,
    check_number,
    check_shape,
    contains_placeholder,
)
from convlib.lesson01 import q1, q2, q3, q4, q5


# --------------------------------------------------------------------------
# independent helpers
# --------------------------------------------------------------------------
def loop_correlate(X, K):
    """A plain double-loop cross-correlation (the answer a learner should write)."""
    X, K = np.asarray(X), np.asarray(K)
    H, W = X.shape
    kh, kw = K.shape
    Y = np.zeros((H - kh + 1, W - kw + 1))
    for i in range(H - kh + 1):
        for j in range(W - kw + 1):
            Y[i, j] = np.sum(X[i:i + kh, j:j + kw] * K)
    return Y


def loop_convolve(X, K):
    """The classic mistake: the kernel flipped both ways (true convolution)."""
    return loop_correlate(X, np.asarray(K)[::-1, ::-1])


def loop_off_by_one(X, K):
    """The other classic mistake: range(H - kh) instead of range(H - kh + 1)."""
    X, K = np.asarray(X), np.asarray(K)
    H, W = X.shape
    kh, kw = K.shape
    Y = np.zeros((H - kh, W - kw))
    for i in range(H - kh):
        for j in range(W - kw):
            Y[i, j] = np.sum(X[i:i + kh, j:j + kw] * K)
    return Y


def patch_matrix(X, kshape):
    """One row per window position: the flattened window (so that Y = A @ K.ravel())."""
    X = np.asarray(X, dtype=float)
    kh, kw = kshape
    return np.array([X[i:i + kh, j:j + kw].ravel()
                     for i in range(X.shape[0] - kh + 1) for j in range(X.shape[1] - kw + 1)])


def q1_expected():
    """Y[1,0] of Q1 computed with numpy only."""
    r, c = L.Q1_CELL
    kh, kw = L.Q1_K.shape
    return int(np.sum(L.Q1_X[r:r + kh, c:c + kw] * L.Q1_K))


def run_solution(question, name):
    """Execute a question's solution code and return the variable it defines."""
    namespace = {"np": np}
    exec(question.solution().code, namespace)  # noqa: S102 - our own solution text, not learner input
    return namespace[name]


# --------------------------------------------------------------------------
# the placeholder
# --------------------------------------------------------------------------
def test_placeholder_repr_is_four_underscores():
    """The blank prints as ____."""
    assert repr(____) == "____" and str(____) == "____"


def test_placeholder_absorbs_arithmetic():
    """Arithmetic with the blank, also with numpy arrays, gives the blank back."""
    assert (____ * 2 + 1) is ____ and (np.arange(3) * ____) is ____


def test_placeholder_used_as_integer_raises_not_attempted_error():
    """range(____) raises NotAttemptedError, a TypeError."""
    with pytest.raises(NotAttemptedError):
        range(____)


def test_contains_placeholder_finds_nested_blank():
    """A blank deep inside lists, tuples, dicts and object arrays is found."""
    answers = ([[1, ____]], ({"k": (____,)},), np.array([1, ____], dtype=object))
    assert all(contains_placeholder(a) for a in answers)


def test_contains_placeholder_false_for_numbers():
    """Ordinary answers do not contain the blank."""
    assert not any(contains_placeholder(a) for a in (7, [[1, 2]], np.zeros((2, 2)), "____"))


# --------------------------------------------------------------------------
# CheckResult and its displays
# --------------------------------------------------------------------------
@pytest.mark.parametrize(("status", "prefix"), [("correct", "Correct: "), ("incorrect", "Incorrect: "),
                                                ("not_attempted", "Not attempted: ")])
def test_result_repr_starts_with_status_word(status, prefix):
    """The plain text of a result starts with Correct / Incorrect / Not attempted."""
    assert repr(CheckResult(status, "some text")) == prefix + "some text"


def test_result_rejects_unknown_status():
    """A status outside the three known ones is a ValueError."""
    with pytest.raises(ValueError, match="status must be one of"):
        CheckResult("almost", "text")


def test_result_is_true_only_when_correct():
    """bool(result) is True for correct and False otherwise."""
    assert [bool(CheckResult(s, "m")) for s in ex.STATUSES] == [True, False, False]


def test_result_html_contains_message_escaped():
    """The HTML shows the message, with < and > escaped."""
    page = CheckResult("incorrect", "Y[0,1] should be 8 <not 9>")._repr_html_()
    assert "Y[0,1] should be 8 &lt;not 9&gt;" in page


@pytest.mark.parametrize(("status", "word", "symbol"), [("correct", "Correct", "\u2713"),
                                                        ("incorrect", "Incorrect", "\u2717")])
def test_result_html_has_word_and_symbol(status, word, symbol):
    """Colour is not the only signal: the HTML has the word and a symbol."""
    page = CheckResult(status, "m")._repr_html_()
    assert word in page and symbol in page


def test_result_html_uses_colour_blind_safe_palette():
    """Correct and incorrect use Okabe-Ito blue and vermillion, not green and red."""
    good, bad = CheckResult("correct", "m")._repr_html_(), CheckResult("incorrect", "m")._repr_html_()
    assert "#0072B2" in good and "#D55E00" in bad


def test_result_html_renders_code_block():
    """Lines indented by four spaces become a <pre> block."""
    page = CheckResult("incorrect", "Expected:\n    [[1, 2],\n     [3, 4]]")._repr_html_()
    assert "<pre" in page and "[[1, 2],\n [3, 4]]</pre>" in page


def test_result_markdown_has_label_and_escapes_brackets():
    """The Markdown starts with the bold label and escapes [ ] outside code."""
    text = CheckResult("incorrect", "Y[0,1] should be 8; use `Y[0,1]`.")._repr_markdown_()
    assert text.startswith("**\u2717 Incorrect:**") and "Y\\[0,1\\]" in text and "`Y[0,1]`" in text


# --------------------------------------------------------------------------
# check_number
# --------------------------------------------------------------------------
def test_check_number_accepts_right_value():
    """The expected number is correct."""
    assert check_number(8, 8).status == "correct"


def test_check_number_accepts_float_within_tolerance():
    """A float equal up to rounding is correct."""
    assert check_number(0.1 + 0.2, 0.3).status == "correct"


def test_check_number_says_expected_and_found():
    """A wrong number: what it should be and what was given."""
    assert "Y[0,1] should be 8; you gave 9." in check_number(9, 8, name="Y[0,1]").message


def test_check_number_adds_hint():
    """The hint follows a wrong answer."""
    assert check_number(9, 8, hint="count again.").message.endswith("Hint: count again.")


def test_check_number_explains_known_mistake():
    """A listed mistake adds its explanation."""
    assert "flipped" in check_number(5, 8, mistakes=[(5, "You flipped it.")]).message


def test_check_number_string_says_remove_quotes():
    """The text '8' gets a message about quotes, not a traceback."""
    result = check_number("8", 8)
    assert result.status == "incorrect" and "without quotes" in result.message


def test_check_number_list_says_remove_brackets():
    """A one-element list gets a message about brackets."""
    assert "without brackets" in check_number([8], 8).message


def test_check_number_bool_is_not_a_number():
    """True is reported as a yes/no value."""
    assert "yes/no" in check_number(True, 1).message


def test_check_number_none_says_nothing_given():
    """None is reported as nothing."""
    assert "None" in check_number(None, 1).message


def test_check_number_placeholder_not_attempted():
    """The blank is not attempted."""
    assert check_number(____, 1).status == "not_attempted"


# --------------------------------------------------------------------------
# check_shape
# --------------------------------------------------------------------------
def test_check_shape_accepts_list_of_two_ints():
    """[4, 3] is accepted for (4, 3)."""
    assert check_shape([4, 3], (4, 3)).status == "correct"


def test_check_shape_reports_rows_and_columns():
    """A wrong shape says how many rows and columns are needed."""
    message = check_shape((5, 3), (4, 3)).message
    assert "you gave (5, 3)" in message.lower() and "4 rows and 3 columns" in message


def test_check_shape_single_number_message():
    """One number instead of two is explained."""
    assert "two numbers" in check_shape(4, (4, 4)).message


def test_check_shape_text_message():
    """The text '4x4' is explained, not evaluated."""
    assert "without quotes" in check_shape("4x4", (4, 4)).message


def test_check_shape_fraction_message():
    """A non-whole number is rejected as a shape entry."""
    assert "whole numbers" in check_shape((4.5, 4), (4, 4)).message


# --------------------------------------------------------------------------
# check_array
# --------------------------------------------------------------------------
def test_check_array_accepts_list_of_rows():
    """A list of rows equal to the expected array is correct."""
    assert check_array([[1, 2], [3, 4]], np.array([[1, 2], [3, 4]])).status == "correct"


def test_check_array_shape_message_comes_first():
    """Wrong shape: shape and rows/columns are reported, not values."""
    message = check_array(np.zeros((2, 3)), np.zeros((3, 3)), name="your kernel").message
    assert "has shape (2, 3); it needs 3 rows and 3 columns" in message


def test_check_array_reports_first_wrong_cell():
    """Wrong values: the first wrong cell, expected and found."""
    message = check_array([[6, 9], [12, 0]], [[6, 8], [12, 14]]).message
    assert message.startswith("Y[0,1] should be 8; you gave 9.") and "2 of 4" in message


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.data())
def test_check_array_names_the_changed_cell(rows, cols, data):
    """Changing one cell of a right answer is reported at exactly that cell."""
    expected = np.arange(rows * cols).reshape(rows, cols)
    r, c = data.draw(st.integers(0, rows - 1)), data.draw(st.integers(0, cols - 1))
    answer = expected.copy()
    answer[r, c] += 1
    assert check_array(answer, expected).message.startswith(f"Y[{r},{c}] should be")


def test_check_array_ragged_rows_message():
    """Rows of different lengths are reported by row, not as a numpy error."""
    message = check_array([[1, 2], [3]], np.zeros((2, 2))).message
    assert "different lengths" in message and "row 1 has 1 value" in message


def test_check_array_flat_list_message():
    """A flat list is asked to be written as rows."""
    assert "flat list of 4 values" in check_array([1, 2, 3, 4], np.zeros((2, 2))).message


def test_check_array_too_many_brackets_message():
    """An extra level of brackets is reported."""
    assert "3 levels of brackets" in check_array([[[1, 2], [3, 4]]], np.zeros((2, 2))).message


def test_check_array_text_values_message():
    """Numbers in quotes are reported."""
    assert "contains the text '1'" in check_array([["1", "2"], ["3", "4"]], np.zeros((2, 2))).message


def test_check_array_mixed_nesting_message():
    """A row that is not a list is reported."""
    message = check_array([[1, 2], 3], np.zeros((2, 2))).message
    assert "Row 1 of your answer is the number 3, not a list" in message


# --------------------------------------------------------------------------
# check_function
# --------------------------------------------------------------------------
def _double(x):
    return 2 * x


def test_check_function_accepts_right_function():
    """A function that matches the reference on every case is correct."""
    result = check_function(lambda x: x + x, [(1,), (-3,)], _double)
    assert result.status == "correct" and "2 tests" in result.message


def test_check_function_reports_exception_with_inputs():
    """An exception is reported as text with the inputs used."""
    def broken(X, K):
        return X[10, 10]

    result = check_function(broken, [(np.ones((2, 2)), np.ones((1, 1)))], lambda X, K: X)
    assert result.status == "incorrect"
    assert "IndexError" in result.message and "Inputs:" in result.message and "X = [[1, 1]," in result.message


def test_check_function_reports_learner_source_line():
    """The line of the learner's code that raised is quoted."""
    def broken(x):
        value = x / 0
        return value

    assert "`value = x / 0`" in check_function(broken, [(1,)], _double).message


def test_check_function_none_return_mentions_return():
    """Returning None suggests a forgotten return."""
    def forgetful(x):
        2 * x  # noqa: B018 - the mistake under test

    assert "Did you forget `return Y`?" in check_function(forgetful, [(1,)], _double).message


def test_check_function_rejects_non_function():
    """A number instead of a function gets a message."""
    assert "needs a function" in check_function(5, [(1,)], _double).message


def test_check_function_blank_inside_body_is_not_attempted():
    """np.zeros((____, 2)) inside the function is not attempted, not an error."""
    def template(x):
        out = np.zeros((____, 2))
        return out

    assert check_function(template, [(1,)], _double).status == "not_attempted"


def test_check_function_passes_copies_of_inputs():
    """A function that changes its input cannot change the next test."""
    seen = []

    def mutating(a):
        seen.append(a.copy())
        a[...] = 0
        return a

    check_function(mutating, [(np.ones((1, 1)),), (np.ones((1, 1)),)], lambda a: a * 0)
    assert [s.tolist() for s in seen] == [[[1.0]], [[1.0]]]


def test_check_function_diagnosis_is_added():
    """The diagnose callback's sentence is part of the message."""
    result = check_function(lambda x: 3 * x, [(1,)], _double,
                            diagnose=lambda case, found, exp: "Times three.")
    assert "Times three." in result.message


# --------------------------------------------------------------------------
# check_kernel_output
# --------------------------------------------------------------------------
def test_check_kernel_output_accepts_working_kernel():
    """A kernel that produces the target is correct."""
    X = np.arange(9).reshape(3, 3)
    assert check_kernel_output([[0, 0], [0, 1]], X, X[1:, 1:]).status == "correct"


def test_check_kernel_output_shape_checked_first():
    """With kernel_shape, a wrongly shaped kernel gets the shape message."""
    X = np.arange(9).reshape(3, 3)
    message = check_kernel_output([[1]], X, X[1:, 1:], kernel_shape=(2, 2)).message
    assert "has shape (1, 1); it needs 2 rows and 2 columns" in message


def test_check_kernel_output_too_large_kernel_is_reported():
    """A kernel larger than the input is reported, not raised."""
    result = check_kernel_output(np.ones((5, 5)), np.ones((3, 3)), np.ones((1, 1)))
    assert result.status == "incorrect" and "could not be computed" in result.message


# --------------------------------------------------------------------------
# Question
# --------------------------------------------------------------------------
def _broken_checker(answer):
    raise RuntimeError("checker bug")


def test_question_check_never_raises():
    """An error inside a checker becomes a message."""
    result = Question("qx", "t", "p", _broken_checker).check(1)
    assert result.status == "incorrect" and "RuntimeError: checker bug" in result.message


def test_question_blank_not_attempted_before_checker():
    """The blank never reaches the checker."""
    assert Question("qx", "t", "p", _broken_checker).check([____]).status == "not_attempted"


def test_hint_points_to_next_hint():
    """Hint 1 of 2 says how to see hint 2."""
    text = repr(Question("qx", "t", "p", _broken_checker, hints=["a", "b"]).hint())
    assert text.startswith("Hint 1 of 2: a") and "qx.hint(2)" in text


def test_hint_out_of_range_is_a_message():
    """Asking for hint 3 of 2 lists the hints, without raising."""
    assert "qx has 2 hints" in repr(Question("qx", "t", "p", _broken_checker, hints=["a", "b"]).hint(3))


def test_solution_markdown_is_python_code_block():
    """The solution renders as a fenced Python block."""
    text = Question("qx", "t", "p", _broken_checker, solution="x = 1").solution()._repr_markdown_()
    assert "```python\nx = 1\n```" in text


# --------------------------------------------------------------------------
# lesson 01: all questions
# --------------------------------------------------------------------------
QUESTIONS = {"q1": q1, "q2": q2, "q3": q3, "q4": q4, "q5": q5}


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_lesson_blank_is_not_attempted(name):
    """Every question reports the blank as not attempted and says to replace it."""
    result = QUESTIONS[name].check(____)
    assert result.status == "not_attempted" and "`____`" in result.message


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_lesson_questions_have_two_hints(name):
    """Every question has two hints."""
    assert len(QUESTIONS[name].hints) == 2 and repr(QUESTIONS[name].hint(2)).startswith("Hint 2 of 2")


@pytest.mark.parametrize(("name", "variable"), [("q1", "answer"), ("q2", "shape"), ("q3", "my_correlate"),
                                                ("q4", "my_kernel"), ("q5", "K2")])
def test_lesson_solution_code_passes_its_check(name, variable):
    """Running a solution's code gives an answer its own check accepts."""
    assert QUESTIONS[name].check(run_solution(QUESTIONS[name], variable)).status == "correct"


@pytest.mark.parametrize("name", list(QUESTIONS))
def test_lesson_show_has_title(name):
    """q.show() is a displayable text with the question's name and title."""
    assert repr(QUESTIONS[name].show()).startswith(f"{name}: {QUESTIONS[name].title}")


def test_lesson_data_is_read_only():
    """The lesson's arrays cannot be changed by accident."""
    with pytest.raises(ValueError, match="read-only"):
        L.Q1_X[0, 0] = 5


# q1 ------------------------------------------------------------------------
def test_q1_accepts_value_computed_with_numpy():
    """The value computed independently is correct."""
    assert q1.check(q1_expected()).status == "correct"


def test_q1_accepts_numpy_integer():
    """A numpy integer is a number."""
    assert q1.check(np.int64(q1_expected())).status == "correct"


def test_q1_wrong_says_should_be_and_you_gave():
    """A wrong value is compared in the learner's words."""
    wrong = q1_expected() + 2
    assert f"Y[1,0] should be {q1_expected()}; you gave {wrong}." in q1.check(wrong).message


def test_q1_flipped_value_is_explained():
    """The value of the flipped kernel is recognised."""
    r, c = L.Q1_CELL
    kh, kw = L.Q1_K.shape
    flipped = int(np.sum(L.Q1_X[r:r + kh, c:c + kw] * L.Q1_K[::-1, ::-1]))
    assert "kernel flipped" in q1.check(flipped).message


def test_q1_text_answer_is_reported():
    """An answer in quotes is reported, not evaluated."""
    result = q1.check(str(q1_expected()))
    assert result.status == "incorrect" and "without quotes" in result.message


def test_q1_correct_message_shows_the_sum():
    """The correct message writes out the products."""
    assert "Y[1,0] = " in q1.check(q1_expected()).message and "×" in q1.check(q1_expected()).message


# q2 ------------------------------------------------------------------------
def test_q2_accepts_formula_result():
    """(H - kh + 1, W - kw + 1) is correct."""
    (h, w), (kh, kw) = L.Q2_INPUT_SHAPE, L.Q2_KERNEL_SHAPE
    assert q2.check((h - kh + 1, w - kw + 1)).status == "correct"


def test_q2_forgotten_plus_one_is_explained():
    """(H - kh, W - kw) gets the '+ 1' explanation."""
    (h, w), (kh, kw) = L.Q2_INPUT_SHAPE, L.Q2_KERNEL_SHAPE
    assert "forgot the + 1" in q2.check((h - kh, w - kw)).message


def test_q2_swapped_kernel_is_explained():
    """Using the kernel's columns for the rows is explained."""
    (h, w), (kh, kw) = L.Q2_INPUT_SHAPE, L.Q2_KERNEL_SHAPE
    assert "kernel's rows go with the input's rows" in q2.check((h - kw + 1, w - kh + 1)).message


def test_q2_text_answer_is_reported():
    """A shape written as text is reported."""
    assert q2.check("4x4").status == "incorrect"


# q3 ------------------------------------------------------------------------
def test_q3_cases_cover_the_announced_variety():
    """The tests include non-square inputs and kernels, negatives and a 1x1 kernel."""
    shapes = [(np.shape(X), np.shape(K)) for X, K in L.Q3_CASES]
    assert any(x[0] != x[1] for x, _ in shapes) and any(k[0] != k[1] for _, k in shapes)
    assert any((np.asarray(X) < 0).any() for X, _ in L.Q3_CASES) and ((1, 1) in [k for _, k in shapes])


def test_q3_first_kernel_is_not_symmetric():
    """A flipped kernel shows in the first test."""
    K = np.asarray(L.Q3_CASES[0][1])
    assert not np.array_equal(K, K[::-1, ::-1])


def test_q3_accepts_correct_loop():
    """A right double loop passes all tests."""
    result = q3.check(loop_correlate)
    assert result.status == "correct" and f"all {len(L.Q3_CASES)} tests" in result.message


def test_q3_flipped_kernel_is_recognised():
    """The true convolution gets the flipped-kernel message."""
    result = q3.check(loop_convolve)
    assert result.status == "incorrect" and "true convolution (flipped kernel)" in result.message


def test_q3_off_by_one_gets_shape_message():
    """range(H - kh) gets the shape and the formula."""
    message = q3.check(loop_off_by_one).message
    assert "your output has shape (1, 1); it needs 2 rows and 2 columns" in message.lower()
    assert "H - kh + 1" in message


def test_q3_wrong_result_shows_inputs_expected_and_found():
    """A wrong result lists the inputs, the expected and the returned output."""
    message = q3.check(loop_convolve).message
    parts = ("Inputs:", "X = ", "K = ", "Expected:", "Your function returned:")
    assert all(part in message for part in parts)


def test_q3_exception_is_reported_not_raised():
    """A function that raises is reported with the error and the test number."""
    def my_correlate(X, K):
        return X[10, 10]

    result = q3.check(my_correlate)
    assert result.status == "incorrect" and "raised an error in test 1" in result.message
    assert "IndexError" in result.message


def test_q3_loops_over_whole_input_get_range_advice():
    """Loops over range(H) that fall off the edge are told the right range."""
    def my_correlate(X, K):
        kh, kw = K.shape
        Y = np.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1))
        for i in range(X.shape[0]):
            for j in range(X.shape[1]):
                Y[i, j] = np.sum(X[i:i + kh, j:j + kw] * K)
        return Y

    assert "range(H - kh + 1)" in q3.check(my_correlate).message


def test_check_function_error_diagnosis_is_added():
    """The diagnose_error callback's sentence follows the exception."""
    def broken(x):
        raise KeyError(x)

    result = check_function(broken, [(1,)], _double, diagnose_error=lambda case, exc: "No keys here.")
    assert "KeyError: 1" in result.message and "No keys here." in result.message


def test_q3_template_returning_blank_is_not_attempted():
    """The notebook's template, returning ____, is not attempted."""
    def my_correlate(X, K):
        X, K = np.asarray(X), np.asarray(K)
        return ____

    assert q3.check(my_correlate).status == "not_attempted"


def test_q3_transposed_output_is_recognised():
    """Returning Y.T is called transposed."""
    assert "transposed" in q3.check(lambda X, K: loop_correlate(X, K).T).message


def test_q3_unreset_total_is_recognised():
    """A running total that is never reset is recognised."""
    def my_correlate(X, K):
        Y = loop_correlate(X, K)
        return np.cumsum(Y.ravel()).reshape(Y.shape)

    assert "not set back to 0" in q3.check(my_correlate).message


def test_q3_list_output_is_accepted():
    """A list of lists is an acceptable output."""
    assert q3.check(lambda X, K: loop_correlate(X, K).tolist()).status == "correct"


# q4 ------------------------------------------------------------------------
def test_q4_target_matches_independent_computation():
    """Q4_Y is reachable: least squares finds a kernel with zero residual."""
    A = patch_matrix(L.Q4_X, L.Q4_KERNEL_SHAPE)
    k, *_ = np.linalg.lstsq(A, L.Q4_Y.ravel().astype(float), rcond=None)
    assert np.allclose(A @ k, L.Q4_Y.ravel())


def test_q4_accepts_two_different_valid_kernels():
    """Two different kernels that both produce the target are both correct."""
    A = patch_matrix(L.Q4_X, L.Q4_KERNEL_SHAPE)
    k0, *_ = np.linalg.lstsq(A, L.Q4_Y.ravel().astype(float), rcond=None)
    null = np.linalg.svd(A)[2][-1]            # A is rank deficient: a direction that changes nothing
    assert np.allclose(A @ null, 0)
    kernels = [k0.reshape(L.Q4_KERNEL_SHAPE), (k0 + 3 * null).reshape(L.Q4_KERNEL_SHAPE)]
    assert not np.allclose(kernels[0], kernels[1])
    assert [q4.check(k).status for k in kernels] == ["correct", "correct"]


def test_q4_rejects_wrong_kernel_with_cell_message():
    """A wrong kernel is told which output cell is off."""
    result = q4.check([[1, 1], [1, 1]])
    assert result.status == "incorrect" and "would be" in result.message and "the target Y[" in result.message


def test_q4_wrong_shape_reported_first():
    """A 1x2 kernel gets the shape message."""
    assert "has shape (1, 2); it needs 2 rows and 2 columns" in q4.check([[-1, 1]]).message


def test_q4_reversed_sign_is_explained():
    """The negated edge detector is told its sign is wrong."""
    assert "wrong sign" in q4.check(-np.asarray(run_solution(q4, "my_kernel"))).message


def test_q4_ragged_list_is_reported():
    """A ragged kernel gets a message, not a traceback."""
    assert "different lengths" in q4.check([[1, 2], [3]]).message


def test_q4_kernel_as_text_is_reported():
    """A kernel typed as text is not evaluated."""
    assert "without quotes" in q4.check("[[-1, 1], [0, 0]]").message


def test_q4_solution_alternatives_work():
    """The other kernels the solution mentions really work."""
    assert all(q4.check(k).correct for k in L._q4_alternatives())


# q5 ------------------------------------------------------------------------
def test_q5_check_input_determines_the_kernel():
    """On Q5_X only one kernel gives the target, so checking there means 'for every X'."""
    assert np.linalg.matrix_rank(patch_matrix(L.Q5_X, L.Q5_K.shape)) == L.Q5_K.size


def test_q5_accepts_flipped_kernel():
    """np.flip(K) is correct."""
    assert q5.check(np.flip(L.Q5_K)).status == "correct"


def test_q5_rejects_unflipped_kernel_with_explanation():
    """K itself is recognised."""
    result = q5.check(L.Q5_K.tolist())
    assert result.status == "incorrect" and "That is K itself" in result.message


def test_q5_half_flip_is_explained():
    """Flipping only the rows is recognised."""
    assert "upside down only" in q5.check(L.Q5_K[::-1]).message


def test_q5_transposed_kernel_gets_shape_then_explanation():
    """K.T (wrong shape) gets the shape message and the transposition note."""
    message = q5.check(L.Q5_K.T).message
    assert message.startswith("K2 has shape (3, 2)") and "transposed" in message


# reprs in a notebook -----------------------------------------------------------
def test_lesson_result_repr_and_html_agree():
    """The plain text and the HTML of a lesson result carry the same message."""
    result = q1.check(q1_expected() + 2)
    assert repr(result).startswith("Incorrect: ") and f"you gave {q1_expected() + 2}." in result._repr_html_()
