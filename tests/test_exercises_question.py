"""Tests of convlib.exercises.question: Question ties a prompt, a check, hints and a solution together."""

from __future__ import annotations

from convlib.exercises import (
    Question,
    ____,
)


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
