"""Tests of convlib.exercises.functions: checking functions a learner writes."""

from __future__ import annotations

import numpy as np

from convlib.exercises import (
    ____,
    check_function,
    check_kernel_output,
)


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


def test_check_function_error_diagnosis_is_added():
    """The diagnose_error callback's sentence follows the exception."""
    def broken(x):
        raise KeyError(x)

    result = check_function(broken, [(1,)], _double, diagnose_error=lambda case, exc: "No keys here.")
    assert "KeyError: 1" in result.message and "No keys here." in result.message
