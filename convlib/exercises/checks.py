"""Checkers for answers that are values: a number, a shape, an array, a choice, several values, a cell."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np

from ._answers import (
    _apply_mistakes,
    _as_matrix,
    _as_number,
    _as_shape,
    _close,
    _placeholder_check,
    _shape_problem,
    _values_problem,
)
from .feedback import CheckResult, _correct, _incorrect
from .text import _block, _cap, _num, _plural, _rows_cols, _shape_text, describe_answer

__all__ = ["check_array", "check_choice", "check_coordinate", "check_each", "check_number", "check_shape",
           "merge_mistakes"]


def check_number(
    answer,
    expected,
    *,
    name: str = "your answer",
    rtol: float = 1e-9,
    atol: float = 1e-9,
    mistakes: Iterable[tuple[object, str]] = (),
    hint: str | None = None,
    explanation: str | None = None,
    whole: bool = False,
    low: float | None = None,
    high: float | None = None,
) -> CheckResult:
    """Check a single number.

    Parameters
    ----------
    answer : object
        The learner's answer.  ``int``, ``float``, numpy scalars and 0-d
        arrays are numbers; text, lists and booleans get a message.
    expected : number
    name : str
        What the number is, for messages: ``"Y[0,1] should be 8; you gave 9."``
    rtol, atol : float
        Tolerances, as in :func:`math.isclose`.
    mistakes : iterable of (number, str)
        Common wrong answers and what they reveal, added to the message when
        the learner gives one of them.
    hint : str, optional
        Added to the message of a wrong answer, after ``Hint:``.
    explanation : str, optional
        Message of a correct answer (default ``"<name> = <expected>."``).
    whole : bool, default False
        The answer is a count: a fraction such as 2.5 is explained as such.
    low, high : float, optional
        The range any sensible answer lies in (a rank from 0 to 3, say); an
        answer outside it is explained as such.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> check_number(9, 8, name="Y[0,1]", hint="row first, then column.")
    Incorrect: Y[0,1] should be 8; you gave 9. Hint: row first, then column.
    >>> check_number(8.0, 8, name="Y[0,1]")
    Correct: Y[0,1] = 8.
    >>> check_number(1.5, 1, name="the rank of A", whole=True, low=0, high=3)
    Incorrect: The rank of A is a whole number from 0 to 3; you gave 1.5.
    """
    done = _placeholder_check(answer)
    if done is not None:
        return done
    value, problem = _as_number(answer)
    if problem:
        return _incorrect(_cap(problem), hint)
    if _close(value, expected, rtol, atol):
        return _correct(explanation or f"{name} = {_num(expected)}.")
    outside = (low is not None and value < low) or (high is not None and value > high)
    if (whole and float(value) != int(value)) or outside:
        kind = "a whole number" if whole else "a number"
        if low is not None and high is not None:
            kind += f" from {_num(low)} to {_num(high)}"
        elif low is not None:
            kind += f" of at least {_num(low)}"
        elif high is not None:
            kind += f" of at most {_num(high)}"
        return _incorrect(f"{_cap(name)} is {kind}; you gave {_num(value)}.", hint)
    text = f"{_cap(name)} should be {_num(expected)}; you gave {_num(value)}."
    extra = _apply_mistakes(value, mistakes, lambda a, b: _close(a, b, rtol, atol))
    if extra:
        text += " " + extra
    return _incorrect(text, hint)


def check_shape(
    answer,
    expected,
    *,
    name: str = "the output",
    mistakes: Iterable[tuple[tuple[int, int], str]] = (),
    hint: str | None = None,
    explanation: str | None = None,
) -> CheckResult:
    """Check a shape ``(rows, columns)``.

    Parameters
    ----------
    answer : object
        The learner's answer: a tuple or list of two whole numbers.
    expected : tuple of int
    name : str
        What has this shape, for messages.
    mistakes : iterable of (shape, str)
        Common wrong shapes and what they reveal.
    hint, explanation : str, optional
        As in :func:`check_number`.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> check_shape((3, 3), (4, 4))
    Incorrect: You gave (3, 3); the output has 4 rows and 4 columns: (4, 4).
    >>> check_shape([4, 4], (4, 4))
    Correct: The output has shape (4, 4).
    >>> check_shape("4x4", (4, 4))
    Incorrect: You gave the text '4x4'; give a tuple (rows, columns), for example (4, 3), without quotes.
    """
    done = _placeholder_check(answer)
    if done is not None:
        return done
    expected = tuple(int(s) for s in expected)
    shape, problem = _as_shape(answer)
    if problem:
        return _incorrect(_cap(problem), hint)
    if shape == expected:
        return _correct(explanation or f"{name} has shape {_shape_text(expected)}.")
    text = f"you gave {_shape_text(shape)}; {name} has {_rows_cols(expected)}: {_shape_text(expected)}."
    if shape[0] == expected[0]:
        text += " The number of rows is right; the number of columns is not."
    elif shape[1] == expected[1]:
        text += " The number of columns is right; the number of rows is not."
    extra = _apply_mistakes(shape, mistakes, lambda a, b: tuple(a) == tuple(int(x) for x in b))
    if extra:
        text += " " + extra
    return _incorrect(text, hint)


def check_array(
    answer,
    expected,
    *,
    name: str = "your answer",
    label: str = "Y",
    rtol: float = 1e-9,
    atol: float = 1e-9,
    hint: str | None = None,
    explanation: str | None = None,
) -> CheckResult:
    """Check a 2-D array: its type, then its shape, then its values.

    Parameters
    ----------
    answer : object
        A numpy array or a list of rows.
    expected : array_like of shape (rows, columns)
    name : str
        What the answer is, for messages ("your kernel has shape (2, 3); ...").
    label : str
        Name of the array in cell references ("Y[0,1] should be 8; ...").
    rtol, atol : float
        Tolerances, as in :func:`numpy.isclose`.
    hint, explanation : str, optional
        As in :func:`check_number`.

    Returns
    -------
    CheckResult
        For wrong values, the message names the first wrong cell (row by row)
        and how many are wrong.

    Examples
    --------
    >>> check_array([[6, 9], [12, 14]], [[6, 8], [12, 14]])
    Incorrect: Y[0,1] should be 8; you gave 9.
    >>> check_array([[1, 2, 3]], [[1, 2], [3, 4]], name="your kernel")
    Incorrect: Your kernel has shape (1, 3); it needs 2 rows and 2 columns, shape (2, 2).
    >>> check_array([1, 2, 3, 4], [[1, 2], [3, 4]], name="your kernel").message[:50]
    'Your kernel is a flat list of 4 values (shape (4,)'

    """
    done = _placeholder_check(answer)
    if done is not None:
        return done
    exp = np.asarray(expected)
    arr, problem = _as_matrix(answer, name)
    if problem is None:
        problem = _shape_problem(arr, exp.shape, name)
    if problem is None:
        problem = _values_problem(arr, exp, label, "you gave", rtol, atol)
    if problem:
        return _incorrect(_cap(problem), hint)
    return _correct(explanation or f"{name} is right:\n{_block(label, exp)}")




def _choice_key(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())


def check_choice(
    answer,
    expected: str,
    choices: Sequence[str],
    *,
    name: str = "your answer",
    aliases: Mapping[str, str] | None = None,
    mistakes: Mapping[str, str] | None = None,
    hint: str | None = None,
    explanation: str | None = None,
) -> CheckResult:
    """Check a choice among a few names, such as ``'fft'`` or ``'vertical'``.

    Case, spaces, hyphens and underscores do not matter: ``'Shift-and-add'``
    matches ``'shift and add'``.

    Parameters
    ----------
    answer : object
        The learner's answer: one of ``choices`` (or an alias), as text.
    expected : str
        The right choice; one of ``choices``.
    choices : sequence of str
        Every choice that the question offers, listed in messages.
    name : str
        What is being chosen, for messages.
    aliases : mapping of str to str, optional
        Other words a learner may use for a choice (``{'svd': 'separable'}``).
    mistakes : mapping of str to str, optional
        For a wrong choice (or for a word that is not a choice, such as
        ``'auto'``), what it reveals.
    hint, explanation : str, optional
        As in :func:`check_number`.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> check_choice("FFT", "fft", ("direct", "separable", "fft"), name="the method")
    Correct: The method is 'fft'.
    >>> check_choice("loop", "fft", ("direct", "separable", "fft"), name="the method")
    Incorrect: 'loop' is not one of the choices for the method: 'direct', 'separable', 'fft'.
    >>> check_choice(3, "fft", ("direct", "fft"))
    Incorrect: You gave the number 3; give one of 'direct', 'fft', in quotes.
    """
    done = _placeholder_check(answer)
    if done is not None:
        return done
    listed = ", ".join(repr(c) for c in choices)
    lookup = {_choice_key(c): c for c in choices}
    lookup.update({_choice_key(k): v for k, v in (aliases or {}).items()})
    notes = {_choice_key(k): v for k, v in (mistakes or {}).items()}
    if not isinstance(answer, str):
        return _incorrect(f"You gave {describe_answer(answer)}; give one of {listed}, in quotes.", hint)
    key = _choice_key(answer)
    chosen = lookup.get(key)
    if chosen is None:
        text = notes.get(key) or f"{answer.strip()!r} is not one of the choices for {name}: {listed}."
        return _incorrect(_cap(text), hint)
    if chosen == expected:
        return _correct(explanation or f"{name} is {expected!r}.")
    text = f"{name} is not {chosen!r}."
    extra = notes.get(_choice_key(chosen))
    if extra:
        text += " " + extra
    return _incorrect(_cap(text), hint)


def check_each(
    answer,
    checks: Sequence[Callable[[object], CheckResult]],
    *,
    want: str,
    labels: Sequence[str] | None = None,
    hint: str | None = None,
    explanation: str | None = None,
) -> CheckResult:
    """Check several values given together, such as ``(rank of A, rank of B)``.

    Each value is checked by its own checker (usually one of the ``check_*``
    functions with ``name=`` saying what it is); the message lists what is
    wrong with each value, labelled, so the learner sees which ones are right.

    Parameters
    ----------
    answer : object
        A tuple or list with one value per checker.
    checks : sequence of callables
        ``checks[i](answer[i]) -> CheckResult``.
    want : str
        What to give, for messages: ``"a pair `(rank of A, rank of B)`"``.
    labels : sequence of str, optional
        A label per value, put before its message (``"A: ..."``); by default
        the message of each checker stands alone.
    hint : str, optional
        Added after the messages of a wrong answer.
    explanation : str, optional
        Message of a right answer; by default the checkers' own messages.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> checks = [lambda a: check_number(a, 1, name="the rank of A"),
    ...           lambda a: check_number(a, 3, name="the rank of B")]
    >>> check_each((1, 2), checks, want="a pair `(rank of A, rank of B)`")
    Incorrect: The rank of B should be 3; you gave 2.
    >>> check_each([1, 3, 5], checks, want="a pair `(rank of A, rank of B)`")
    Incorrect: You gave 3 values; give a pair `(rank of A, rank of B)`.
    >>> check_each((1, 3), checks, want="a pair", explanation="Both ranks are right.")
    Correct: Both ranks are right.
    """
    done = _placeholder_check(answer)
    if done is not None:
        return done
    n = len(checks)
    if isinstance(answer, np.ndarray) and answer.ndim == 1:
        answer = list(answer)
    if isinstance(answer, (str, bytes)) or not isinstance(answer, (tuple, list)):
        return _incorrect(f"You gave {describe_answer(answer)}; give {want}.", hint)
    if len(answer) != n:
        return _incorrect(f"You gave {_plural(len(answer), 'value')}; give {want}.", hint)
    results = [check(value) for check, value in zip(checks, answer, strict=True)]
    labels = list(labels) if labels is not None else [""] * n

    def say(label: str, message: str) -> str:
        return f"{label}: {message}" if label else message

    wrong = [say(lab, r.message) for lab, r in zip(labels, results, strict=True) if not r.correct]
    if wrong:
        return _incorrect(("\n" if any("\n    " in w for w in wrong) else " ").join(wrong), hint)
    if explanation:
        return _correct(explanation)
    return _correct(" ".join(say(lab, r.message) for lab, r in zip(labels, results, strict=True)))


def check_coordinate(
    answer,
    expected,
    *,
    name: str = "the cell",
    shape=None,
    mistakes: Iterable[tuple[tuple[int, int], str]] = (),
    hint: str | None = None,
    explanation: str | None = None,
) -> CheckResult:
    """Check a cell given as ``(row, column)``, counted from 0.

    Recognises the two usual slips: row and column swapped, and counting
    from 1.

    Parameters
    ----------
    answer : object
        A tuple or list of two whole numbers.
    expected : (int, int)
    name : str
        Which cell is meant, for messages.
    shape : (int, int), optional
        The shape of the grid; a cell outside it gets its own message.
    mistakes : iterable of ((int, int), str)
        Common wrong cells and what they reveal.
    hint, explanation : str, optional
        As in :func:`check_number`.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> check_coordinate((2, 1), (1, 2), name="the peak")
    Incorrect: You gave (2, 1); the peak is (1, 2). Row and column are swapped: the row comes first.
    >>> check_coordinate((2, 3), (1, 2), name="Y's peak")
    Incorrect: You gave (2, 3); Y's peak is (1, 2). Both are 1 too large: rows and columns count from 0.
    >>> check_coordinate((1, 2), (1, 2), name="the cell")
    Correct: The cell is (1, 2).
    """
    done = _placeholder_check(answer)
    if done is not None:
        return done
    expected = tuple(int(v) for v in expected)
    cell, problem = _as_shape(answer)
    if problem:
        problem = problem.replace("a shape is", "a cell is")
        problem = problem.replace("a tuple (rows, columns), for example (4, 3)",
                                  "a tuple (row, column), for example (0, 2)")
        return _incorrect(_cap(problem), hint)
    if cell == expected:
        return _correct(explanation or f"{name} is {_shape_text(expected)}.")
    text = f"you gave {_shape_text(cell)}; {name} is {_shape_text(expected)}."
    if shape is not None and not (cell[0] < int(shape[0]) and cell[1] < int(shape[1])):
        text += f" The grid has {_rows_cols(shape)}, so {_shape_text(cell)} is outside it (counted from 0)."
    elif cell == expected[::-1]:
        text += " Row and column are swapped: the row comes first."
    elif cell == (expected[0] + 1, expected[1] + 1):
        text += " Both are 1 too large: rows and columns count from 0."
    extra = _apply_mistakes(cell, mistakes, lambda a, b: tuple(a) == tuple(int(x) for x in b))
    if extra:
        text += " " + extra
    return _incorrect(_cap(text), hint)


def merge_mistakes(found: Iterable[tuple[object, str]], right) -> list:
    """Wrong answers with their explanations, for ``mistakes=``: one entry per answer, the right one left out.

    A question lists each slip with the answer it leads to; two slips may
    lead to the same answer (their texts are joined), and a slip may happen
    to give the right answer for the question's numbers (it is dropped).

    Examples
    --------
    >>> merge_mistakes([(4, "Forgot the bias."), (6, "Counted twice."), (4, "Used one channel."), (5, "?")], 5)
    [(4, 'Forgot the bias. Another way to get this: Used one channel.'), (6, 'Counted twice.')]
    """
    texts: dict = {}
    for value, text in found:
        key = tuple(value) if isinstance(value, (tuple, list)) else value
        if key != right:
            texts.setdefault(key, []).append(text)
    return [(key, " Another way to get this: ".join(t)) for key, t in texts.items()]
