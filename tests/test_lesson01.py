"""Tests of convlib.lessons.lesson01: the questions of lesson 01, with right and wrong answers.

Expected answers are computed here independently of convlib where it
matters (plain numpy sums, least squares), so a wrong answer key in
lesson01 would make these tests fail.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from convlib.exercises import (
    ____,
)
from convlib.lessons import lesson01 as L
from convlib.lessons.lesson01 import q1, q2, q3, q4, q5


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


NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "01-what-is-a-convolution.ipynb"


def notebook_example():
    """The X and K the notebook defines in its first example, read by running that cell's code."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = next("".join(c["source"]) for c in cells
                if c["cell_type"] == "code" and "X = np.array(" in "".join(c["source"]))
    namespace = {"np": np, "cl": __import__("convlib"), "print": lambda *a, **k: None}
    exec(code, namespace)  # noqa: S102 - the lesson's own cell
    return namespace["X"], namespace["K"]


def run_solution(question, name):
    """Execute a question's solution code and return the variable it defines."""
    namespace = {"np": np}
    exec(question.solution().code, namespace)  # noqa: S102 - our own solution text, not learner input
    return namespace[name]


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
    message = q1.check(wrong).message
    assert f"Y[1,0] of correlate2d(Q1_X, Q1_K) should be {q1_expected()}; you gave {wrong}." in message


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


def test_notebook_example_is_the_one_lesson01_recognises():
    """lesson01's copy of the notebook's X and K is what the notebook really defines."""
    X, K = notebook_example()
    assert np.array_equal(X, L._NOTEBOOK_X) and np.array_equal(K, L._NOTEBOOK_K)


def test_q1_prompt_names_its_own_arrays():
    """The prompt calls its arrays Q1_X and Q1_K and prints them, so they cannot be taken for X and K."""
    text = q1.prompt
    assert "correlate2d(Q1_X, Q1_K)" in text and "Q1_X = [[1, 2, 0]," in text and "Q1_K = [[ 1,  2]," in text


def test_q1_answer_with_the_notebooks_arrays_is_diagnosed():
    """Y[1,0] of the notebook's X and K (computed here with numpy) is named as such."""
    X, K = notebook_example()
    r, c = L.Q1_CELL
    value = int(np.sum(X[r:r + 2, c:c + 2] * K))
    assert value != q1_expected()
    message = q1.check(value).message
    assert f"should be {q1_expected()}; you gave {value}." in message
    assert "You used the notebook's X and K" in message and "q1.show()" in message


def test_q1_mixed_arrays_are_diagnosed():
    """The notebook's X with Q1_K, and Q1_X with the notebook's K, are each named."""
    X, K = notebook_example()
    r, c = L.Q1_CELL
    x_only = int(np.sum(X[r:r + 2, c:c + 2] * L.Q1_K))
    k_only = int(np.sum(L.Q1_X[r:r + 2, c:c + 2] * K))
    assert "the notebook's X with Q1_K" in q1.check(x_only).message
    assert "Q1_X with the notebook's K" in q1.check(k_only).message


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
    assert result.status == "incorrect" and "That is Q5_K itself" in result.message


def test_q5_prompt_names_q5_k_not_k():
    """The prompt speaks of Q5_K, the kernel it prints, and never of the notebook's K."""
    text = q5.prompt
    assert "Q5_K = [[ 1,  2,  0]," in text and "correlate2d(X, Q5_K)" in text and "from `K`" not in text


def test_q5_the_notebooks_kernel_is_diagnosed():
    """The notebook's K (its own flip) is named, after the shape message."""
    _, K = notebook_example()
    message = q5.check(K.tolist()).message
    assert message.startswith("K2 has shape (2, 2)") and "You used the notebook's K" in message


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


# the notebook's text -----------------------------------------------------------
def notebook_markdown_before(needle):
    """All Markdown of the notebook before the first code cell containing ``needle``."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    stop = next(i for i, c in enumerate(cells) if c["cell_type"] == "code" and needle in "".join(c["source"]))
    return "\n".join("".join(c["source"]) for c in cells[:stop] if c["cell_type"] == "markdown")


def test_notebook_explains_the_title_before_the_first_step_through():
    """Y = X ⋆ K, the widget's title, is explained (⋆ cross-correlation, ∗ convolution) before it is shown."""
    text = notebook_markdown_before("StepThrough(")
    assert "X \\star K" in text and "star $\\star$ stands for *cross-correlation*" in text
    assert "asterisk $*$ of *convolution*" in text


def test_notebook_gives_the_real_condition_for_correlation_to_equal_convolution():
    """The text says 'unchanged by a 180° rotation', and no longer that symmetric kernels suffice."""
    text = notebook_markdown_before("q1.show()")
    assert "180°" in text and "symmetric kernel is not enough" in text
    assert "For symmetric kernels they are the same" not in text
    assert "With a symmetric kernel the two agree" not in text


def test_symmetric_kernel_of_the_notebook_really_tells_the_two_apart():
    """[[1, 2], [2, 3]] equals its transpose but not its 180° rotation, so the two outputs differ (scipy)."""
    import scipy.signal

    X, _ = notebook_example()
    K = np.array([[1, 2], [2, 3]])
    assert np.array_equal(K, K.T) and not np.array_equal(K, K[::-1, ::-1])
    assert not np.array_equal(scipy.signal.correlate2d(X, K, "valid"), scipy.signal.convolve2d(X, K, "valid"))
