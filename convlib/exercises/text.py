"""Text for learners: arrays written as Python literals, and short descriptions of answers."""

from __future__ import annotations

import inspect
import numbers
import re

import numpy as np

from ..conv import format_number
from .placeholder import _Placeholder

__all__ = ["code_block", "describe_answer", "format_array", "inline"]


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _num(value) -> str:
    try:
        return format_number(value)
    except (TypeError, ValueError):
        return _short(repr(value))


def _shape_text(shape) -> str:
    return "(" + ", ".join(str(int(s)) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _rows_cols(shape) -> str:
    r, c = (int(s) for s in shape)
    return f"{_plural(r, 'row')} and {_plural(c, 'column')}"


def _cap(text: str) -> str:
    """Capitalise a sentence that starts with an ordinary word (not with code such as ``y`` or ``f(x)``)."""
    if re.match(r"[a-z]{2,} ", text):
        return text[:1].upper() + text[1:]
    return text


def format_array(a, name: str | None = None, *, one_line: bool = False) -> str:
    """Write a small array as a Python literal with aligned columns.

    Numbers are written with :func:`convlib.conv.format_number`, so the text
    can be copied back into a notebook cell.

    Parameters
    ----------
    a : array_like
    name : str, optional
        Write an assignment ``name = [[...]]``, continuation lines aligned.
    one_line : bool
        Everything on one line, without alignment (for text between backticks).

    Examples
    --------
    >>> print(format_array([[6, 8], [12, -14]], "Y"))
    Y = [[  6,   8],
         [ 12, -14]]
    >>> format_array([[6, 8], [12, -14]], one_line=True)
    '[[6, 8], [12, -14]]'
    >>> format_array([1.5, 2])
    '[1.5, 2]'
    """
    arr = np.asarray(a)
    lead = f"{name} = " if name else ""
    if arr.ndim == 0:
        text = _num(arr.item())
    elif arr.size == 0:
        text = f"(an empty array of shape {_shape_text(arr.shape)})"
    elif arr.ndim == 1:
        text = "[" + ", ".join(_num(v) for v in arr) + "]"
    elif arr.ndim == 2:
        cells = [[_num(v) for v in row] for row in arr]
        width = 0 if one_line else max(len(c) for row in cells for c in row)
        rows = ["[" + ", ".join(c.rjust(width) for c in row) + "]" for row in cells]
        text = "[" + (", " if one_line else ",\n" + " " * (len(lead) + 1)).join(rows) + "]"
    else:
        text = np.array2string(arr, separator=", ")
        if one_line:
            text = " ".join(text.split())
    return lead + text


def _block(name: str, value) -> str:
    """``name = value`` as an indented code block, continuation lines aligned."""
    text = value if isinstance(value, str) else format_array(value, name or None)
    return "\n".join("    " + line for line in text.split("\n"))


def describe_answer(value) -> str:
    """A short description of a learner's answer, for messages.

    Never includes memory addresses, so messages are the same on every run.

    Examples
    --------
    >>> describe_answer("7"), describe_answer([1, 2]), describe_answer(None)
    ("the text '7'", 'the list [1, 2]', 'None')
    >>> describe_answer(np.zeros((2, 3)))
    'an array of shape (2, 3)'
    """
    if value is None:
        return "None"
    if isinstance(value, _Placeholder):
        return "the blank ____"
    if isinstance(value, (bool, np.bool_)):
        return f"{bool(value)}, a yes/no value"
    if isinstance(value, (numbers.Number, np.number)):
        return f"the number {_num(value)}"
    if isinstance(value, str):
        return f"the text {_short(value, 40)!r}"
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return f"the number {_num(value.item())}"
        return f"an array of shape {_shape_text(value.shape)}"
    if isinstance(value, (list, tuple, dict, set)):
        try:
            text = repr(value)
        except Exception:  # noqa: BLE001 - a learner's object with a broken repr
            text = "..."
        return f"the {type(value).__name__} {_short(text)}"
    if inspect.isroutine(value) or inspect.isclass(value):
        name = getattr(value, "__name__", "")
        return "a lambda function" if name == "<lambda>" else f"the function {name}"
    return f"an object of type {type(value).__name__}"


def _typed_with_commas(answer) -> str | None:
    """Explain a tuple of whole numbers that was meant as one number, or None.

    In Python ``7,568,400`` is the tuple ``(7, 568, 400)`` and ``387,4`` the
    tuple ``(387, 4)``: a thousands separator or a decimal comma typed into
    an answer.  Read back as typed, the message says what to write instead.

    Examples
    --------
    >>> print(_typed_with_commas((7, 568, 400)))
    you typed 7,568,400: in Python the commas make a tuple (7, 568, 400), not a number; \
write 7568400 or 7_568_400.
    >>> print(_typed_with_commas((387, 4)))
    you typed 387,4: in Python the comma makes a tuple (387, 4), not a number; write 387.4, with a point.
    >>> _typed_with_commas((1, 2, 3)) is None      # a real tuple: 2 and 3 are not groups of three digits
    True
    """
    if type(answer) is not tuple or not answer:
        return None
    if not all(isinstance(v, (numbers.Integral, np.integer)) and not isinstance(v, (bool, np.bool_))
               for v in answer):
        return None
    head, *rest = (int(v) for v in answer)
    if not rest:
        return (f"you typed {head}, with a comma after it: in Python that makes a tuple ({head},), "
                f"not a number; remove the comma.")
    if any(v < 0 for v in rest):
        return None
    # Python refuses 007 as a literal, so a group of three digits arrives as 0 or as 100..999
    groups = all(v == 0 or 100 <= v <= 999 for v in rest)
    if not groups and len(rest) > 1:
        return None
    digits = [f"{v:03d}" if groups else str(v) for v in rest]
    typed = ",".join([str(head), *digits])
    commas = "the commas make" if len(rest) > 1 else "the comma makes"
    start = f"you typed {typed}: in Python {commas} a tuple {_shape_text(answer)}, not a number; "
    whole, underscored = typed.replace(",", ""), typed.replace(",", "_")
    if len(rest) > 1:
        return start + f"write {whole} or {underscored}."
    decimal = f"{head}.{digits[0].rstrip('0') or '0'}"
    if groups:
        return start + (f"write {whole} or {underscored} for a whole number, "
                        f"or {decimal} (with a point) for a decimal.")
    return start + f"write {decimal}, with a point."


def _exception_text(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {_short(text, 300)}" if text else type(exc).__name__


def code_block(name: str, value) -> str:
    """``name = value`` as an indented code block, the form messages use for arrays."""
    return "\n".join("    " + line for line in format_array(value, name).split("\n"))


def inline(value) -> str:
    """An array written on one line, for use inside a sentence."""
    return format_array(value, one_line=True)
