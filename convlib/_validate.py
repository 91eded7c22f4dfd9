"""Input checking shared by every public function.

Each helper validates one parameter and raises a ``ValueError`` or
``TypeError`` whose message names the parameter, says what was expected and
what was received.  Messages are built first, then raised, so the caller never
sees a traceback from deep inside numpy.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "as_array",
    "as_pair",
    "as_padding",
    "describe",
]


def describe(value) -> str:
    """Return a short, learner-readable description of ``value``."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, bool):
        return f"the boolean {value!r}"
    if isinstance(value, numbers.Number):
        return f"{type(value).__name__} {value!r}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if value is None:
        return "None"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"


def as_array(value, name: str, ndim: int | tuple[int, ...]) -> np.ndarray:
    """Convert ``value`` to a non-empty numeric array with ``ndim`` dimensions.

    Booleans become ``int64`` so that sums count instead of saturating.
    """
    dims = (ndim,) if isinstance(ndim, int) else tuple(ndim)
    want = " or ".join(f"{d}-D" for d in dims)
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError):  # ragged nested lists
        msg = (
            f"{name} must be a {want} array of numbers with rows of equal length; "
            f"received {describe(value)}"
        )
        raise TypeError(msg) from None
    if arr.dtype == object:
        msg = (
            f"{name} must be a {want} array of numbers; received {describe(value)}, "
            f"which holds Python objects (None, mixed types or nested sequences), not numbers"
        )
        raise TypeError(msg)
    if arr.dtype == bool:
        arr = arr.astype(np.int64)
    if arr.dtype.kind == "c":
        msg = (
            f"{name} must contain real numbers; received an array of dtype {arr.dtype} "
            f"(complex numbers are not supported)"
        )
        raise TypeError(msg)
    # kinds i, u, f only: timedelta64 counts as a number for np.issubdtype but
    # cannot be multiplied by a kernel
    if arr.dtype.kind not in "iuf":
        msg = f"{name} must contain numbers; received an array of dtype {arr.dtype}"
        raise TypeError(msg)
    if arr.ndim not in dims:
        msg = f"{name} must be a {want} array; received {arr.ndim}-D input of shape {arr.shape}"
        raise ValueError(msg)
    if arr.size == 0:
        msg = f"{name} must not be empty; received shape {arr.shape}"
        raise ValueError(msg)
    return arr


def _as_int(value, name: str, minimum: int) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, np.integer)):
        msg = f"{name} must be an integer >= {minimum}; received {describe(value)}"
        raise TypeError(msg)
    value = int(value)
    if value < minimum:
        msg = f"{name} must be an integer >= {minimum}; received {value}"
        raise ValueError(msg)
    return value


def as_pair(value, name: str, minimum: int = 1) -> tuple[int, int]:
    """Read ``value`` as one integer for both axes or a (rows, columns) pair."""
    if isinstance(value, (tuple, list, np.ndarray)):
        items = list(np.asarray(value, dtype=object).ravel()) if isinstance(value, np.ndarray) else list(value)
        if len(items) != 2:
            msg = (
                f"{name} must be one integer or a pair (rows, columns); "
                f"received {len(items)} values: {describe(value)}"
            )
            raise ValueError(msg)
        return (_as_int(items[0], f"{name}[0]", minimum), _as_int(items[1], f"{name}[1]", minimum))
    v = _as_int(value, name, minimum)
    return (v, v)


def as_padding(value, name: str = "padding") -> tuple[tuple[int, int], tuple[int, int]]:
    """Read a padding specification as ``((top, bottom), (left, right))``.

    Accepted forms: ``p`` (all four sides), ``(ph, pw)`` (rows, columns),
    ``(top, bottom, left, right)`` and ``((top, bottom), (left, right))``.
    """
    hint = (
        "one integer, a pair (rows, columns), four values (top, bottom, left, right) "
        "or ((top, bottom), (left, right)), all integers >= 0"
    )
    if isinstance(value, (tuple, list)):
        items = list(value)
        if len(items) == 2 and all(isinstance(i, (tuple, list)) for i in items):
            if not all(len(i) == 2 for i in items):
                msg = f"{name} must be {hint}; received {describe(value)}"
                raise ValueError(msg)
            t, b = (_as_int(v, name, 0) for v in items[0])
            left, r = (_as_int(v, name, 0) for v in items[1])
            return ((t, b), (left, r))
        if len(items) == 2:
            ph, pw = (_as_int(v, name, 0) for v in items)
            return ((ph, ph), (pw, pw))
        if len(items) == 4:
            t, b, left, r = (_as_int(v, name, 0) for v in items)
            return ((t, b), (left, r))
        msg = f"{name} must be {hint}; received {describe(value)}"
        raise ValueError(msg)
    try:
        p = _as_int(value, name, 0)
    except TypeError:
        msg = f"{name} must be {hint}; received {describe(value)}"
        raise TypeError(msg) from None
    return ((p, p), (p, p))
