"""Input checking shared by every public function.

Each helper validates one parameter and raises a ``ValueError`` or
``TypeError`` whose message names the parameter, says what was expected and
what was received.  Messages are built first, then raised, so the caller never
sees a traceback from deep inside numpy.
"""

from __future__ import annotations

import math
import numbers
import re
from fractions import Fraction

import numpy as np

__all__ = [
    "as_array",
    "as_bool",
    "as_choice",
    "as_int",
    "as_real",
    "as_shape",
    "as_text",
    "as_pair",
    "check_shape",
    "as_padding",
    "describe",
    "MAX_NUMBER_LENGTH",
    "parse_matrix",
    "parse_number",
    "read_only",
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


def _is_int(value) -> bool:
    return isinstance(value, (numbers.Integral, np.integer)) and not isinstance(value, (bool, np.bool_))


def _is_real(value) -> bool:
    return isinstance(value, (numbers.Real, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def as_int(value, name: str, minimum: int | None = None, maximum: int | None = None, *,
           odd: bool = False, what: str = "") -> int:
    """Read ``value`` as a Python ``int`` within ``[minimum, maximum]``.

    ``bool`` is refused (``True`` is not a size).  A wrong type raises
    ``TypeError``, a value out of range ``ValueError``; both name the parameter
    and say what was expected.  ``what`` adds a few words on its meaning.

    Examples
    --------
    >>> as_int(3, "size", 1)
    3
    >>> as_int(4, "size", 1, odd=True)
    Traceback (most recent call last):
    ...
    ValueError: size must be an odd integer >= 1; received 4
    >>> as_int("3", "stride", 1, what="steps between windows")
    Traceback (most recent call last):
    ...
    TypeError: stride must be an integer >= 1 (steps between windows); received the string '3'
    """
    kind = "an odd integer" if odd else "an integer"
    if minimum is not None and maximum is not None:
        want = f"{kind} from {minimum} to {maximum}"
    elif minimum is not None:
        want = f"{kind} >= {minimum}"
    elif maximum is not None:
        want = f"{kind} <= {maximum}"
    else:
        want = kind
    if what:
        want += f" ({what})"
    if not _is_int(value):
        msg = f"{name} must be {want}; received {describe(value)}"
        raise TypeError(msg)
    value = int(value)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum) or (
            odd and value % 2 == 0):
        msg = f"{name} must be {want}; received {value}"
        raise ValueError(msg)
    return value


def _as_int(value, name: str, minimum: int) -> int:
    return as_int(value, name, minimum)


def as_real(value, name: str, *, low: float | None = None, high: float | None = None,
            low_open: bool = False, allow_none: bool = False, what: str = "") -> float | None:
    """Read ``value`` as a finite ``float`` in a range.

    ``low`` is included unless ``low_open``; ``high`` is always included.
    ``None`` is returned as it is when ``allow_none``.

    Examples
    --------
    >>> as_real(2, "sigma", low=0, low_open=True)
    2.0
    >>> as_real(0, "sigma", low=0, low_open=True)
    Traceback (most recent call last):
    ...
    ValueError: sigma must be a number > 0; received 0
    >>> as_real(float("nan"), "vmin", allow_none=True)
    Traceback (most recent call last):
    ...
    ValueError: vmin must be a finite number or None; received nan
    """
    parts = []
    if low is not None:
        parts.append(f"{'>' if low_open else '>='} {low:g}")
    if high is not None:
        parts.append(f"<= {high:g}")
    want = "a number " + " and ".join(parts) if parts else "a finite number"
    if what:
        want += f" ({what})"
    if allow_none:
        want += " or None"
        if value is None:
            return None
    if not _is_real(value):
        msg = f"{name} must be {want}; received {describe(value)}"
        raise TypeError(msg)
    v = float(value)
    bad = not math.isfinite(v)
    bad = bad or (low is not None and (v <= low if low_open else v < low))
    bad = bad or (high is not None and v > high)
    if bad:
        msg = f"{name} must be {want}; received {value!r}"
        raise ValueError(msg)
    return v


def as_bool(value, name: str) -> bool:
    """Read ``value`` as ``True`` or ``False`` (numpy booleans too; not 0 and 1).

    >>> as_bool(1, "flip")
    Traceback (most recent call last):
    ...
    TypeError: flip must be True or False; received int 1
    """
    if not isinstance(value, (bool, np.bool_)):
        msg = f"{name} must be True or False; received {describe(value)}"
        raise TypeError(msg)
    return bool(value)


def as_choice(value, name: str, choices) -> str:
    """Check that ``value`` is one of ``choices`` (strings); return it.

    Anything else, a string or not, raises ``ValueError`` listing the choices.

    >>> as_choice("sum", "mode", ("max", "average"))
    Traceback (most recent call last):
    ...
    ValueError: mode must be one of 'max', 'average'; received the string 'sum'
    """
    listed = ", ".join(repr(c) for c in choices)
    if not isinstance(value, str) or value not in choices:
        msg = f"{name} must be one of {listed}; received {describe(value)}"
        raise ValueError(msg)
    return value


def as_text(value, name: str, *, allow_none: bool = False) -> str | None:
    """Check that ``value`` is a string (or None when ``allow_none``)."""
    if value is None and allow_none:
        return None
    if not isinstance(value, str):
        want = "a string or None" if allow_none else "a string"
        msg = f"{name} must be {want}; received {describe(value)}"
        raise TypeError(msg)
    return value


def as_shape(value, name: str, minimum: int = 1) -> tuple[int, int]:
    """Read a shape ``(rows, columns)`` of two integers >= ``minimum``.

    >>> as_shape((3, 0), "kernel_shape")
    Traceback (most recent call last):
    ...
    ValueError: kernel_shape[1] must be an integer >= 1; received 0
    """
    try:
        items = tuple(value)
    except TypeError:
        msg = f"{name} must be a pair (rows, columns); received {describe(value)}"
        raise TypeError(msg) from None
    if len(items) != 2:
        msg = f"{name} must be a pair (rows, columns); received {describe(value)}"
        raise ValueError(msg)
    return as_int(items[0], f"{name}[0]", minimum), as_int(items[1], f"{name}[1]", minimum)


def check_shape(arr: np.ndarray, name: str, expected, *, what: str = "") -> np.ndarray:
    """Check that an array has exactly the shape ``expected``; return it unchanged.

    >>> check_shape(np.zeros((2, 3)), "grad_output", (2, 2), what="the shape of the output Y")
    Traceback (most recent call last):
    ...
    ValueError: grad_output must have shape (2, 2) (the shape of the output Y); received shape (2, 3)
    """
    expected = tuple(int(n) for n in expected)
    if tuple(arr.shape) != expected:
        why = f" ({what})" if what else ""
        msg = f"{name} must have shape {expected}{why}; received shape {tuple(arr.shape)}"
        raise ValueError(msg)
    return arr


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


def _shown(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


#: A simple fraction: an optional sign, whole numerator, '/', whole denominator (spaces allowed around '/').
_FRACTION = re.compile(r"([+-]?)(\d+)\s*/\s*(\d+)")
#: The longest piece of text read as one number (longer text is refused, not parsed).
MAX_NUMBER_LENGTH = 40


def _read_number(token: str):
    """``(number, '')`` for a finite number or simple fraction; ``(None, what is wrong)`` otherwise.

    Integers come back as ``int``, everything else as ``float``.  The Unicode
    minus sign (U+2212), which text copied from a web page often has, counts
    as ``-``.  Nothing is evaluated: the text is matched, then converted with
    ``int``, ``float`` or :class:`fractions.Fraction`.
    """
    tok = token.strip().replace("\u2212", "-")
    if not tok:
        return None, "empty"
    if len(tok) > MAX_NUMBER_LENGTH:
        return None, f"too long to be a number here (over {MAX_NUMBER_LENGTH} characters)"
    frac = _FRACTION.fullmatch(tok)
    if frac:
        sign, top, bottom = frac.groups()
        if int(bottom) == 0:
            return None, "a fraction with denominator 0"
        value = float(Fraction(int(top), int(bottom)))
        return (-value if sign == "-" else value), ""
    if tok.lower().lstrip("+-") in ("nan", "inf", "infinity"):
        return None, "not finite"
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", tok):
        return None, "not a number"
    try:
        return int(tok), ""
    except ValueError:
        value = float(tok)
    if not math.isfinite(value):
        return None, "not finite"
    return value, ""


def parse_number(text: str, name: str) -> float:
    """Read one number typed as text: an integer, a decimal, or a simple fraction such as ``1/9``.

    For the cells of a kernel typed into a grid: each cell is read on its own,
    so a message can say which cell is wrong.  Nothing is evaluated.

    Parameters
    ----------
    text : str
        ``"2"``, ``"-0.5"``, ``"1e-3"``, ``"1/9"``, ``"-2/3"`` (spaces around
        the text and around ``/`` are allowed; the Unicode minus ``−`` too).
    name : str
        What the number is, for messages, e.g. ``"row 2, column 3"``.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``text`` is not a string.
    ValueError
        If the text is empty, is not a finite number or simple fraction, has a
        denominator of 0, or is longer than :data:`MAX_NUMBER_LENGTH`
        characters; the message names the cell, says what was expected and
        what was received.

    Examples
    --------
    >>> parse_number("1/9", "row 1, column 1"), parse_number(" -2/3 ", "row 1, column 2")
    (0.1111111111111111, -0.6666666666666666)
    >>> parse_number("0.25", "row 2, column 1")
    0.25
    >>> parse_number("1/", "row 2, column 3")
    Traceback (most recent call last):
    ...
    ValueError: row 2, column 3 must be a number or a simple fraction such as 1/9 or -2/3; received '1/', which is not a number
    >>> parse_number("", "row 1, column 2")
    Traceback (most recent call last):
    ...
    ValueError: row 1, column 2 must be a number or a simple fraction such as 1/9 or -2/3; received an empty cell
    >>> parse_number("3/0", "row 3, column 3")
    Traceback (most recent call last):
    ...
    ValueError: row 3, column 3 must be a number or a simple fraction such as 1/9 or -2/3; received '3/0', which is a fraction with denominator 0
    >>> parse_number("2**8", "row 1, column 1")
    Traceback (most recent call last):
    ...
    ValueError: row 1, column 1 must be a number or a simple fraction such as 1/9 or -2/3; received '2**8', which is not a number
    """
    want = f"{name} must be a number or a simple fraction such as 1/9 or -2/3"
    if not isinstance(text, str):
        msg = f"{want}; received {describe(text)}"
        raise TypeError(msg)
    number, problem = _read_number(text)
    if problem == "empty":
        msg = f"{want}; received an empty cell"
        raise ValueError(msg)
    if problem == "not finite":
        msg = f"{want}; received {_shown(text.strip())}, which is not finite"
        raise ValueError(msg)
    if problem:
        msg = f"{want}; received {_shown(text.strip())}, which is {problem}"
        raise ValueError(msg)
    return float(number)


def parse_matrix(text: str, name: str | None = None) -> np.ndarray:
    """Read a matrix written as text: rows split by ``;`` or new lines, numbers by spaces or commas.

    Parameters
    ----------
    text : str
        For example ``"1 2 3; 4 5 6"`` or ``"1,2,3\\n4,5,6"``.  Empty rows
        (a trailing ``;``, blank lines) are ignored.  A number may also be a
        simple fraction such as ``1/9`` or ``-2/3`` (see :func:`parse_number`).
        Nothing is evaluated.
    name : str, optional
        Put in front of error messages, e.g. ``'--kernel'``.

    Returns
    -------
    ndarray of shape (rows, columns)
        ``int64`` when every number is an integer, otherwise ``float64``
        (fractions become floats).

    Raises
    ------
    ValueError
        If a piece of text is not a finite number or simple fraction, or the
        rows do not all have the same number of numbers; the message says
        which row and which column.

    Examples
    --------
    >>> parse_matrix("1 2 3; 4 5 6")
    array([[1, 2, 3],
           [4, 5, 6]])
    >>> parse_matrix("0.5, -1\\n2, 1e-1")
    array([[ 0.5, -1. ],
           [ 2. ,  0.1]])
    >>> parse_matrix("1/4 1/2 1/4")
    array([[0.25, 0.5 , 0.25]])
    >>> parse_matrix("1 2; 3 1/0", "K")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: K: row 2 has '1/0', which is a fraction with denominator 0 (column 2); expected ...
    >>> parse_matrix("0 1; 1 0 1", "--kernel")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: --kernel: row 2 has 3 numbers, row 1 has 2; expected the same count ... received '0 1; 1 0 1'
    """
    prefix = f"{name}: " if name else ""
    if not isinstance(text, str):
        msg = f"{prefix}expected text such as '1 2; 3 4'; received {describe(text)}"
        raise TypeError(msg)
    rows = [row.strip() for row in re.split(r"[;\n]", text)]
    rows = [row for row in rows if row]
    if not rows:
        msg = f"{prefix}expected numbers such as '1 2; 3 4' (rows split by ';'); received {_shown(text)}"
        raise ValueError(msg)
    if any(ch in text for ch in "[]()"):
        msg = (f"{prefix}expected numbers without brackets, rows split by ';' (e.g. '1 2; 3 4'); "
               f"received {_shown(text)}")
        raise ValueError(msg)
    values: list[list] = []
    for i, row in enumerate(rows, start=1):
        tokens = re.split(r"\s*,\s*|\s+", row)
        numbers_: list = []
        for tok in tokens:
            if tok == "":
                msg = (f"{prefix}row {i} has an empty entry (two commas in a row?); expected numbers "
                       f"split by spaces or commas; received {_shown(text)}")
                raise ValueError(msg)
            number, problem = _read_number(tok)
            if problem == "not finite":
                msg = (f"{prefix}row {i} has {tok!r}; expected finite numbers (in column {len(numbers_) + 1}); "
                       f"received {_shown(text)}")
                raise ValueError(msg)
            if problem:
                msg = (f"{prefix}row {i} has {tok!r}, which is {problem} (column {len(numbers_) + 1}); "
                       f"expected numbers or simple fractions such as 1/9, split by spaces or commas; "
                       f"received {_shown(text)}")
                raise ValueError(msg)
            numbers_.append(number)
        if values and len(numbers_) != len(values[0]):
            msg = (f"{prefix}row {i} has {len(numbers_)} numbers, row 1 has {len(values[0])}; "
                   f"expected the same count in every row; received {_shown(text)}")
            raise ValueError(msg)
        values.append(numbers_)
    if all(isinstance(v, int) for row in values for v in row):
        try:
            return np.array(values, dtype=np.int64)
        except OverflowError:
            pass
    return np.array(values, dtype=np.float64)


def read_only(values) -> np.ndarray:
    """A new array of ``values`` that cannot be changed by accident (for public constants)."""
    arr = np.array(values)
    arr.flags.writeable = False
    return arr
