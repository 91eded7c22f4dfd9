"""Reading learner answers: a number, a shape or a grid, or a message saying why it is not one (private)."""

from __future__ import annotations

import math
import numbers
import warnings
from collections.abc import Callable

import numpy as np

from .feedback import CheckResult, _not_attempted
from .placeholder import contains_placeholder
from .text import (
    _exception_text,
    _num,
    _plural,
    _rows_cols,
    _shape_text,
    _short,
    _typed_with_commas,
    describe_answer,
)


def _as_number(answer) -> tuple[float | int | None, str | None]:
    """The learner's number, or None and a message saying why it is not one."""
    if answer is None:
        return None, "you gave None (nothing); give a number, for example `answer = 3`."
    if isinstance(answer, (bool, np.bool_)):
        return None, f"you gave {bool(answer)}, which is a yes/no value; give a number."
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        answer = answer.item()
    if isinstance(answer, (numbers.Complex, np.number)) and not isinstance(answer, (numbers.Real, np.floating,
                                                                                   np.integer)):
        return None, f"you gave the complex number {answer!r}; give a real number."
    if isinstance(answer, (numbers.Real, np.integer, np.floating)):
        value = answer.item() if isinstance(answer, np.generic) else answer
        if isinstance(value, float) and math.isnan(value):
            return None, "you gave nan (not a number); give a number."
        return value, None
    if isinstance(answer, str):
        try:
            value = float(answer.strip())
        except ValueError:
            return None, f"you gave the text {_short(answer, 40)!r}; give a number, without quotes."
        return None, (f"you gave the text {answer!r} (in quotes); "
                      f"write the number without quotes: {_num(value)}.")
    commas = _typed_with_commas(answer)
    if commas:
        return None, commas
    if isinstance(answer, (list, tuple, np.ndarray)) and np.size(np.asarray(answer, dtype=object)) == 1:
        inner = np.asarray(answer, dtype=object).ravel()[0]
        return None, (f"you gave {describe_answer(answer)}; "
                      f"give just the number {_num(inner)}, without brackets.")
    return None, f"you gave {describe_answer(answer)}; give a single number."


def _close(a, b, rtol: float, atol: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=rtol, abs_tol=atol)


def _as_shape(answer) -> tuple[tuple[int, ...] | None, str | None]:
    want = "a tuple (rows, columns), for example (4, 3)"
    if isinstance(answer, str):
        return None, f"you gave the text {_short(answer, 40)!r}; give {want}, without quotes."
    if answer is None or isinstance(answer, (bool, np.bool_, numbers.Number, np.number)):
        what = "None (nothing)" if answer is None else describe_answer(answer)
        return None, f"you gave {what}; a shape has two numbers: give {want}."
    if not isinstance(answer, (tuple, list, np.ndarray)):
        return None, f"you gave {describe_answer(answer)}; give {want}."
    items = list(np.asarray(answer, dtype=object).ravel()) if isinstance(answer, np.ndarray) else list(answer)
    if len(items) != 2:
        return None, f"you gave {_plural(len(items), 'number')} ({describe_answer(answer)}); give {want}."
    out = []
    for item in items:
        if isinstance(item, (bool, np.bool_)) or not isinstance(item, (numbers.Real, np.number)):
            return None, f"a shape is two whole numbers; {describe_answer(item)} is not one. Give {want}."
        if float(item) != int(item) or float(item) < 0:
            return None, f"a shape is two whole numbers of 0 or more; you gave {_num(item)}."
        out.append(int(item))
    return tuple(out), None


def _ragged_message(value, name: str) -> str | None:
    if not isinstance(value, (list, tuple)):
        return None
    rows = list(value)
    if not rows or not any(isinstance(r, (list, tuple, np.ndarray)) for r in rows):
        return None
    for k, row in enumerate(rows):
        if not isinstance(row, (list, tuple, np.ndarray)):
            return (
                f"row {k} of {name} is {describe_answer(row)}, not a list: write every row in brackets, "
                f"for example [[1, 2], [3, 4]]."
            )
    lengths = [len(r) for r in rows]
    if len(set(lengths)) > 1:
        listed = ", ".join(f"row {k} has {_plural(n, 'value')}" for k, n in enumerate(lengths))
        return f"the rows of {name} have different lengths ({listed}); every row needs the same number."
    return None


def _as_matrix(value, name: str) -> tuple[np.ndarray | None, str | None]:
    """Read a learner's grid of numbers; None and a message if it is not one."""
    example = "a list of rows, for example [[1, 2], [3, 4]]"
    if value is None:
        return None, f"{name} is None (nothing); write it as {example}."
    if isinstance(value, str):
        return None, f"{name} is the text {_short(value, 40)!r}; write it as {example}, without quotes."
    if isinstance(value, (bool, np.bool_, numbers.Number, np.number)):
        return None, f"{name} is a single number ({_num(value)}); a grid is written as {example}."
    if not isinstance(value, (list, tuple, np.ndarray)) and not hasattr(value, "__array__"):
        return None, f"{name} is {describe_answer(value)}; write it as {example}."
    ragged = _ragged_message(value, name)
    if ragged:
        return None, ragged
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            arr = np.asarray(value)
    except (ValueError, TypeError) as exc:
        return None, f"{name} could not be read as a grid of numbers ({_exception_text(exc)})."
    if arr.dtype == object or arr.dtype.kind in "USV":
        bad = next((v for v in arr.flat if isinstance(v, (str, bytes))
                    or not isinstance(v, (numbers.Real, np.number))), None) if arr.ndim else arr.item()
        if isinstance(bad, (str, bytes)):
            return None, f"{name} contains the text {str(bad)!r}; write numbers without quotes."
        return None, f"{name} contains {describe_answer(bad)}; every value must be a number."
    if arr.dtype.kind == "b":
        arr = arr.astype(np.int64)
    if arr.dtype.kind == "c":
        return None, f"{name} contains complex numbers; use real numbers."
    if arr.dtype.kind not in "iuf":
        return None, f"{name} must contain numbers; it has values of type {arr.dtype}."
    if arr.ndim == 1:
        return None, (
            f"{name} is a flat list of {_plural(arr.size, 'value')} (shape {_shape_text(arr.shape)}); "
            f"write it as {example}."
        )
    if arr.ndim != 2:
        return None, (
            f"{name} has {arr.ndim} levels of brackets (shape {_shape_text(arr.shape)}); "
            f"a grid has 2: write it as {example}."
        )
    if arr.size == 0:
        return None, f"{name} is empty (shape {_shape_text(arr.shape)})."
    if arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
        r, c = (int(i) for i in np.argwhere(~np.isfinite(arr))[0])
        return None, f"{name} contains {_num(arr[r, c])} at [{r},{c}]; every value must be a number."
    return arr, None


def _shape_problem(arr: np.ndarray, shape, name: str) -> str | None:
    shape = tuple(int(s) for s in shape)
    if arr.shape == shape:
        return None
    return (f"{name} has shape {_shape_text(arr.shape)}; "
            f"it needs {_rows_cols(shape)}, shape {_shape_text(shape)}.")


def _values_problem(arr: np.ndarray, expected: np.ndarray, label: str, found_by: str,
                    rtol: float, atol: float) -> str | None:
    ok = np.isclose(arr.astype(float), expected.astype(float), rtol=rtol, atol=atol)
    if ok.all():
        return None
    wrong = np.argwhere(~ok)
    r, c = (int(i) for i in wrong[0])
    text = f"{label}[{r},{c}] should be {_num(expected[r, c])}; {found_by} {_num(arr[r, c])}."
    if len(wrong) > 1:
        text += f" ({len(wrong)} of {ok.size} values are wrong.)"
    return text


def _apply_mistakes(found, mistakes, same: Callable[[object, object], bool]) -> str | None:
    for value, explanation in mistakes or ():
        try:
            if same(found, value):
                return explanation
        except Exception:  # noqa: BLE001 - a comparison that does not apply
            continue
    return None


def _placeholder_check(answer, message: str | None = None) -> CheckResult | None:
    if contains_placeholder(answer):
        return _not_attempted(message)
    return None
