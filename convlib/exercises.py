"""Self-checking exercises: a blank to fill in, a check, hints and a solution.

The machinery behind the "Exercises" sections of the lessons, in the style of
Kaggle's *learntools*.  A lesson module (for example :mod:`convlib.lesson01`)
builds :class:`Question` objects; the notebook gives the learner a cell with
the placeholder ``____`` to replace, and a call to ``q1.check(answer)``.

Nothing here knows about a notebook's variables: learner answers arrive as
Python objects (numbers, tuples, lists, arrays, functions) and are never
evaluated as text.

Every check returns a :class:`CheckResult` whose status is one of

* ``"correct"``,
* ``"incorrect"``: the message says, in the learner's words, what was
  expected and what was found (the first wrong cell, the wrong shape, the
  exception a function raised and the inputs it was called with);
* ``"not_attempted"``: the answer still contains ``____``.

A result, a hint and a solution all display as a coloured box in Jupyter
(Okabe-Ito colours, which stay distinct for colour-blind readers, always
together with a word and a symbol) and as plain text elsewhere, for example
in ``nbval`` or a terminal:

>>> q = Question("q0", "A warm-up", "What is 2 + 3?",
...              lambda answer: check_number(answer, 5, name="2 + 3"),
...              hints=["Count on your fingers."], solution="answer = 2 + 3")
>>> q.check(____)
Not attempted: Replace `____` with your answer, then run the cell again.
>>> q.check(6)
Incorrect: 2 + 3 should be 5; you gave 6.
>>> q.check("5")
Incorrect: You gave the text '5' (in quotes); write the number without quotes: 5.
>>> q.check(5)
Correct: 2 + 3 = 5.
>>> q.hint()
Hint 1 of 1: Count on your fingers.

Text conventions for messages, hints and prompts: text between backticks is
code (```Y[0,1]```), and lines indented by four spaces form a code block (an
array, a call, a solution).  :class:`CheckResult` renders them as HTML, as
Markdown, or leaves them as they are in plain text.
"""

from __future__ import annotations

import copy
import html
import inspect
import linecache
import math
import numbers
import re
import warnings
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

import numpy as np

from .conv import correlate2d, format_number

__all__ = [
    "____",
    "CORRECT",
    "INCORRECT",
    "NOT_ATTEMPTED",
    "STATUSES",
    "CheckResult",
    "Feedback",
    "Hint",
    "NotAttemptedError",
    "Question",
    "Solution",
    "check_array",
    "check_function",
    "check_kernel_output",
    "check_number",
    "check_shape",
    "contains_placeholder",
    "describe_answer",
    "format_array",
    "uses_placeholder",
]

CORRECT = "correct"
INCORRECT = "incorrect"
NOT_ATTEMPTED = "not_attempted"
#: The three possible values of :attr:`CheckResult.status`.
STATUSES = (CORRECT, INCORRECT, NOT_ATTEMPTED)


# --------------------------------------------------------------------------
# the placeholder
# --------------------------------------------------------------------------
class NotAttemptedError(TypeError):
    """Raised when learner code uses ``____`` where a real number is needed.

    For example ``range(____)`` or ``np.zeros((____, 2))``.  A check that
    meets this error reports "Not attempted" instead of an error.
    """


class _Placeholder:
    """The blank ``____`` that learners replace with their answer.

    There is exactly one.  Arithmetic with it gives it back (``____ * 2 + 1``
    is still ``____``), so that a half-filled expression is "not attempted"
    rather than an error; using it as an integer or a float (``range(____)``,
    ``float(____)``) raises :class:`NotAttemptedError`.
    """

    __slots__ = ()
    _instance = None
    # numpy: do not try to apply ufuncs to the blank; let its reflected
    # operators answer, so that ``X * ____`` is ``____``.
    __array_ufunc__ = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "____"

    __str__ = __repr__

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return "____"

    def _absorb(self, *args, **kwargs):
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _absorb
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = _absorb
    __mod__ = __rmod__ = __pow__ = __rpow__ = __matmul__ = __rmatmul__ = _absorb
    __neg__ = __pos__ = __abs__ = _absorb

    def _refuse(self, *args):
        msg = "____ is a blank: replace it with your own value or code"
        raise NotAttemptedError(msg)

    __float__ = __int__ = __index__ = __complex__ = __round__ = _refuse


#: The blank that learners replace with their answer.
____ = _Placeholder()


def contains_placeholder(answer, _seen=None) -> bool:
    """Return True if ``answer`` is ``____`` or a container holding it.

    Lists, tuples, sets, dicts (keys and values) and numpy object arrays are
    searched, at any depth.

    Examples
    --------
    >>> contains_placeholder(____), contains_placeholder([[1, ____], [3, 4]]), contains_placeholder(7)
    (True, True, False)
    """
    if isinstance(answer, _Placeholder):
        return True
    seen = set() if _seen is None else _seen
    if id(answer) in seen:
        return False
    if isinstance(answer, np.ndarray):
        if answer.dtype != object:
            return False
        seen.add(id(answer))
        return any(contains_placeholder(v, seen) for v in answer.flat)
    if isinstance(answer, dict):
        seen.add(id(answer))
        return any(contains_placeholder(k, seen) or contains_placeholder(v, seen) for k, v in answer.items())
    if isinstance(answer, (list, tuple, set, frozenset)):
        seen.add(id(answer))
        return any(contains_placeholder(v, seen) for v in answer)
    return False


def _code_names(code) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if inspect.iscode(const):
            names |= _code_names(const)
    return names


def uses_placeholder(func) -> bool:
    """Return True if the code of function ``func`` still mentions ``____``.

    Examples
    --------
    >>> def f(x):
    ...     return ____
    >>> uses_placeholder(f), uses_placeholder(abs)
    (True, False)
    """
    code = getattr(inspect.unwrap(func), "__code__", None) if callable(func) else None
    return code is not None and "____" in _code_names(code)


# --------------------------------------------------------------------------
# text for learners
# --------------------------------------------------------------------------
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


def _exception_text(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {_short(text, 300)}" if text else type(exc).__name__


# --------------------------------------------------------------------------
# displayable feedback
# --------------------------------------------------------------------------
#: kind -> (symbol, border colour, label colour, background, border style).
#: Okabe-Ito hues; label colours are darkened to keep a contrast ratio of at
#: least 4.5:1 against the background.  Colour is never the only signal: the
#: label says Correct / Incorrect / Not attempted and carries a symbol.
_STYLES = {
    CORRECT: ("\u2713", "#0072B2", "#005A8C", "#EAF3FA", "solid"),
    INCORRECT: ("\u2717", "#D55E00", "#9A4500", "#FBEFE6", "solid"),
    NOT_ATTEMPTED: ("\u270E", "#E69F00", "#7A5000", "#FDF5E1", "dashed"),
    "hint": ("?", "#56B4E9", "#35586B", "#EEF6FB", "dotted"),
    "solution": ("\u2192", "#999999", "#444444", "#F3F3F3", "solid"),
    "question": ("\u2022", "#999999", "#444444", "#FFFFFF", "solid"),
}

_MD_SPECIAL = re.compile(r"([\\*_\[\]<>#|~])")


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    """Split text into ('text', lines) and ('code', lines) blocks; blank lines split text."""
    blocks: list[tuple[str, list[str]]] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("    "):
            code = []
            while i < len(lines):
                if lines[i].startswith("    "):
                    code.append(lines[i][4:])
                    i += 1
                elif not lines[i].strip() and any(x.startswith("    ") for x in lines[i + 1 : i + 2]):
                    code.append("")
                    i += 1
                else:
                    break
            blocks.append(("code", code))
        elif not line.strip():
            i += 1
        else:
            para = []
            while i < len(lines) and lines[i].strip() and not lines[i].startswith("    "):
                para.append(lines[i])
                i += 1
            blocks.append(("text", para))
    return blocks


def _inline_html(line: str) -> str:
    parts = line.split("`")
    out = []
    for k, part in enumerate(parts):
        esc = html.escape(part)
        out.append(f"<code>{esc}</code>" if k % 2 and k < len(parts) - 1 else esc)
    return "".join(out) if len(parts) % 2 else html.escape(line)


def _inline_markdown(line: str) -> str:
    parts = line.split("`")
    if len(parts) % 2 == 0:  # unbalanced backticks: escape everything
        parts = [line]
    out = []
    for k, part in enumerate(parts):
        if k % 2:
            fence = "``" if "`" in part else "`"
            pad = " " if part.startswith("`") or part.endswith("`") else ""
            out.append(f"{fence}{pad}{part}{pad}{fence}")
        else:
            out.append(_MD_SPECIAL.sub(r"\\\1", part))
    text = "".join(out)
    return re.sub(r"^(\s*)([-+]|\d+\.)(\s)", r"\1\\\2\3", text)


def _html_body(text: str) -> str:
    out = []
    for kind, lines in _blocks(text):
        if kind == "code":
            code = html.escape("\n".join(lines))
            out.append(
                '<pre style="margin:0.3em 0;padding:0.3em 0.6em;background:#FFFFFF;color:#1B1B1B;'
                f'border:1px solid #D0D0D0;white-space:pre;overflow-x:auto">{code}</pre>'
            )
        else:
            out.append('<p style="margin:0.25em 0">' + "<br>".join(_inline_html(x) for x in lines) + "</p>")
    return "\n".join(out)


def _markdown_body(text: str) -> str:
    out = []
    for kind, lines in _blocks(text):
        if kind == "code":
            out.append("```\n" + "\n".join(lines) + "\n```")
        else:
            out.append("  \n".join(_inline_markdown(x) for x in lines))
    return "\n\n".join(out)


class Feedback:
    """Something to show the learner: a heading, a text, a style.

    The base of :class:`CheckResult`, :class:`Hint` and :class:`Solution`.
    In Jupyter it displays as a box (HTML, or Markdown where HTML is not
    shown); its plain ``repr`` is ``"<heading>: <text>"``, which is what
    ``print`` and ``nbval`` see.

    Parameters
    ----------
    kind : str
        One of the :data:`STATUSES`, ``'hint'``, ``'solution'`` or ``'question'``.
    heading : str
        A few words, for example ``"Hint 1 of 2"``.
    text : str
        The body.  Backticks mark code; lines indented by four spaces form
        code blocks.
    """

    def __init__(self, kind: str, heading: str, text: str = "") -> None:
        if kind not in _STYLES:
            msg = f"kind must be one of {', '.join(map(repr, _STYLES))}; received {kind!r}"
            raise ValueError(msg)
        self._kind = kind
        self._heading = heading
        self._text = text

    def _parts(self) -> tuple[str, str, str]:
        return self._kind, self._heading, self._text

    def __repr__(self) -> str:
        _, heading, text = self._parts()
        if not text:
            return heading
        sep = ":\n" if text.startswith("    ") else ": "
        return heading + sep + text

    __str__ = __repr__

    def _repr_html_(self) -> str:
        kind, heading, text = self._parts()
        symbol, border, label, background, style = _STYLES[kind]
        body = _html_body(text)
        return (
            f'<div class="convlib-feedback convlib-{kind.replace("_", "-")}" '
            f'style="border-left:0.45em {style} {border};background:{background};color:#1B1B1B;'
            'padding:0.4em 0.8em;margin:0.3em 0;line-height:1.45">'
            f'<p style="margin:0.1em 0"><strong style="color:{label}">'
            f'<span aria-hidden="true">{symbol} </span>{html.escape(heading)}</strong></p>\n'
            f"{body}</div>"
        )

    def _repr_markdown_(self) -> str:
        kind, heading, text = self._parts()
        symbol = _STYLES[kind][0]
        head = f"**{symbol} {_inline_markdown(heading)}:**"
        body = _markdown_body(text)
        if not body:
            return head[:-3] + "**"
        if body.startswith("```"):
            return head + "\n\n" + body
        return head + " " + body


@dataclass(frozen=True, repr=False, eq=True)
class CheckResult(Feedback):
    """The outcome of checking one answer.

    Attributes
    ----------
    status : {'correct', 'incorrect', 'not_attempted'}
    message : str
        What was expected and what was found, or why the answer is right.

    Notes
    -----
    ``bool(result)`` is True only for a correct answer.  ``repr(result)``
    starts with ``Correct:``, ``Incorrect:`` or ``Not attempted:``.

    Examples
    --------
    >>> r = CheckResult("incorrect", "Y[0,1] should be 8; you gave 9.")
    >>> r
    Incorrect: Y[0,1] should be 8; you gave 9.
    >>> bool(r), r.correct
    (False, False)
    """

    status: str
    message: str

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            msg = f"status must be one of {', '.join(map(repr, STATUSES))}; received {self.status!r}"
            raise ValueError(msg)

    @property
    def correct(self) -> bool:
        """True if the answer is right."""
        return self.status == CORRECT

    @property
    def label(self) -> str:
        """``'Correct'``, ``'Incorrect'`` or ``'Not attempted'``."""
        return {CORRECT: "Correct", INCORRECT: "Incorrect", NOT_ATTEMPTED: "Not attempted"}[self.status]

    def __bool__(self) -> bool:
        return self.correct

    def _parts(self) -> tuple[str, str, str]:
        return self.status, self.label, self.message


def _correct(message: str) -> CheckResult:
    return CheckResult(CORRECT, _cap(message))


def _incorrect(message: str, hint: str | None = None) -> CheckResult:
    if hint:
        message = message.rstrip() + ("\n" if "\n    " in message else " ") + f"Hint: {hint}"
    return CheckResult(INCORRECT, _cap(message))


#: Message for an answer that still contains the blank.
NOT_ATTEMPTED_MESSAGE = "Replace `____` with your answer, then run the cell again."


def _not_attempted(message: str | None = None) -> CheckResult:
    return CheckResult(NOT_ATTEMPTED, _cap(message or NOT_ATTEMPTED_MESSAGE))


class Hint(Feedback):
    """One hint of a question, as :meth:`Question.hint` returns it.

    Attributes
    ----------
    number, total : int
        This is hint ``number`` of ``total``.
    text : str
    """

    def __init__(self, number: int, total: int, text: str, next_call: str | None = None) -> None:
        body = text
        if next_call and number < total:
            body += f"\n(For the next hint, run `{next_call}`.)"
        super().__init__("hint", f"Hint {number} of {total}", body)
        self.number, self.total, self.text = number, total, text


class Solution(Feedback):
    """The solution of a question: code, with an optional explanation.

    Parameters
    ----------
    code : str
        Python code that answers the question (shown as a code block).
    explanation : str, optional
        Text shown before the code.

    Examples
    --------
    >>> Solution("answer = 2 + 3", "Add the two numbers.")
    Solution: Add the two numbers.
        answer = 2 + 3
    """

    def __init__(self, code: str, explanation: str = "") -> None:
        self.code = code.strip("\n")
        self.explanation = explanation.strip()
        block = "\n".join(("    " + line) if line.strip() else "" for line in self.code.split("\n"))
        text = f"{self.explanation}\n{block}" if self.explanation else block
        super().__init__("solution", "Solution", text)

    def _repr_markdown_(self) -> str:
        head = f"**{_STYLES['solution'][0]} Solution:**"
        parts = [head]
        if self.explanation:
            parts = [head + " " + _markdown_body(self.explanation)]
        parts.append("```python\n" + self.code + "\n```")
        return "\n\n".join(parts)


# --------------------------------------------------------------------------
# reading learner answers
# --------------------------------------------------------------------------
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


# --------------------------------------------------------------------------
# checkers
# --------------------------------------------------------------------------
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

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> check_number(9, 8, name="Y[0,1]", hint="row first, then column.")
    Incorrect: Y[0,1] should be 8; you gave 9. Hint: row first, then column.
    >>> check_number(8.0, 8, name="Y[0,1]")
    Correct: Y[0,1] = 8.
    """
    done = _placeholder_check(answer)
    if done is not None:
        return done
    value, problem = _as_number(answer)
    if problem:
        return _incorrect(_cap(problem), hint)
    if _close(value, expected, rtol, atol):
        return _correct(explanation or f"{name} = {_num(expected)}.")
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


def _learner_location(exc: BaseException, func) -> str:
    """Where in the learner's own code an exception happened, if we can tell."""
    code = getattr(inspect.unwrap(func), "__code__", None)
    if code is None:
        return ""
    tb, found = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == code.co_filename:
            found = tb
        tb = tb.tb_next
    if found is None:
        return ""
    frame_code, lineno = found.tb_frame.f_code, found.tb_lineno
    source = linecache.getline(frame_code.co_filename, lineno).strip()
    if frame_code is code:
        where = f"line {lineno - code.co_firstlineno + 1} of {code.co_name}"
    else:
        where = f"{frame_code.co_name}"
    return f" (in {where}: `{source}`)" if source else f" (in {where})"


def _value_problem(found, expected, *, name: str, label: str, found_by: str, rtol: float,
                   atol: float) -> str | None:
    """What is wrong with a function's return value, or None."""
    if found is None:
        return f"{name} is None: the function returned nothing. Did you forget `return {label}`?"
    exp = np.asarray(expected)
    if exp.ndim == 0:
        value, problem = _as_number(found)
        if problem:
            return f"the function returned {describe_answer(found)}; expected the number {_num(exp.item())}."
        if not _close(value, exp.item(), rtol, atol):
            return f"{label} should be {_num(exp.item())}; {found_by} {_num(value)}."
        return None
    arr, problem = _as_matrix(found, name)
    if problem:
        return problem
    return _shape_problem(arr, exp.shape, name) or _values_problem(arr, exp, label, found_by, rtol, atol)


def _safe_call(func, *args) -> str | None:
    """Call an optional diagnosis; a diagnosis that fails says nothing."""
    if func is None:
        return None
    try:
        return func(*args)
    except Exception:  # noqa: BLE001 - a diagnosis that does not apply
        return None


def _fresh(value):
    if isinstance(value, np.ndarray):
        return np.array(value, copy=True)
    return copy.deepcopy(value)


def check_function(
    func,
    cases: Sequence[tuple],
    reference: Callable,
    *,
    name: str | None = None,
    arg_names: Sequence[str] | None = None,
    label: str = "Y",
    diagnose: Callable[[tuple, object, np.ndarray], str | None] | None = None,
    diagnose_error: Callable[[tuple, Exception], str | None] | None = None,
    rtol: float = 1e-9,
    atol: float = 1e-9,
    hint: str | None = None,
    explanation: str | None = None,
    not_attempted: str | None = None,
) -> CheckResult:
    """Check a learner's function by running it on several test cases.

    Each case is called with fresh copies of its arguments, and the result is
    compared with ``reference(*case)``.  The first failing case is reported
    with its inputs, the expected and the returned output.  Exceptions raised
    by the learner's function are caught and reported as text, with the line
    of the learner's code where they happened.

    Parameters
    ----------
    func : callable
        The learner's function.
    cases : sequence of tuple
        Positional arguments of each test.
    reference : callable
        Computes the expected result of a case (a number or a 2-D array).
    name : str, optional
        Name of the function in messages (default: its ``__name__``).
    arg_names : sequence of str, optional
        Names of the arguments in messages (default: the function's own
        parameter names).
    label : str
        Name of the output in cell references (``Y[0,1] should be ...``).
    diagnose : callable, optional
        ``diagnose(case, found, expected)`` may return a sentence that
        explains a wrong result (for example "you flipped the kernel").
    diagnose_error : callable, optional
        ``diagnose_error(case, exception)`` may return a sentence that
        explains an exception raised by the learner's function.
    rtol, atol : float
        Tolerances for the comparison.
    hint, explanation : str, optional
        Added to a wrong answer / message of a correct one.
    not_attempted : str, optional
        Message when the function still returns or uses ``____``.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> def double(x):
    ...     return x + x + 1
    >>> print(check_function(double, [(1,), (2,)], lambda x: 2 * x, label="y"))
    Incorrect: `double(x)` gives a wrong result in test 1 of 2.
    y should be 2; your function gave 3.
    Inputs:
        x = 1
    Expected:
        2
    Your function returned:
        3
    """
    done = _placeholder_check(func, not_attempted)
    if done is not None:
        return done
    if not callable(func):
        return _incorrect(
            f"This question needs a function, written with `def {name or 'f'}(...):`; "
            f"you gave {describe_answer(func)}.",
            hint,
        )
    fname = name or getattr(func, "__name__", "your function")
    if fname == "<lambda>":
        fname = "your function"
    if arg_names is None:
        try:
            arg_names = list(inspect.signature(func).parameters)
        except (TypeError, ValueError):
            arg_names = []
    cases = list(cases)
    placeholder = uses_placeholder(func)
    for k, case in enumerate(cases, start=1):
        names = list(arg_names)[: len(case)]
        names += [f"argument {i + 1}" for i in range(len(names), len(case))]
        call = fname if fname == "your function" else f"`{fname}({', '.join(names)})`"
        inputs = "Inputs:\n" + "\n".join(_block(n, v) for n, v in zip(names, case))
        expected = reference(*case)
        try:
            found = func(*(_fresh(a) for a in case))
        except NotAttemptedError:
            return _not_attempted(not_attempted)
        except Exception as exc:  # noqa: BLE001 - the learner's code may raise anything
            if placeholder:
                return _not_attempted(not_attempted)
            text = (
                f"{call} raised an error in test {k} of {len(cases)}:\n"
                f"{_exception_text(exc)}{_learner_location(exc, func)}"
            )
            extra = _safe_call(diagnose_error, case, exc)
            if extra:
                text += "\n" + extra
            return _incorrect(text + "\n" + inputs, hint)
        if contains_placeholder(found) or (found is None and placeholder):
            return _not_attempted(not_attempted)
        problem = _value_problem(found, expected, name="your output", label=label,
                                 found_by="your function gave", rtol=rtol, atol=atol)
        if problem is None:
            continue
        text = f"{call} gives a wrong result in test {k} of {len(cases)}.\n{_cap(problem)}"
        extra = _safe_call(diagnose, case, found, np.asarray(expected))
        if extra:
            text += " " + extra
        shown = format_array(found) if isinstance(found, (np.ndarray, list, tuple, numbers.Number)) \
            else describe_answer(found)
        text += (
            f"\n{inputs}\nExpected:\n{_block('', np.asarray(expected))}"
            f"\nYour function returned:\n{_block('', shown)}"
        )
        return _incorrect(text, hint)
    shown_name = fname if fname == "your function" else f"`{fname}`"
    message = f"{shown_name} gives the right result in all {len(cases)} tests."
    if explanation:
        message += " " + explanation
    return _correct(message)


def check_kernel_output(
    kernel,
    image,
    target,
    *,
    op: Callable = correlate2d,
    op_name: str = "correlate2d",
    kernel_shape: tuple[int, int] | None = None,
    name: str = "your kernel",
    label: str = "Y",
    diagnose: Callable[[np.ndarray, np.ndarray | None], str | None] | None = None,
    rtol: float = 1e-9,
    atol: float = 1e-9,
    hint: str | None = None,
    explanation: str | None = None,
) -> CheckResult:
    """Check that a learner's kernel turns ``image`` into ``target``.

    The kernel is judged by what it computes, not by comparison with a stored
    kernel, so every kernel that works is accepted.

    Parameters
    ----------
    kernel : object
        The learner's kernel: a list of rows or an array.
    image : array_like
        The input ``X``.
    target : array_like
        The output the kernel must produce.
    op : callable
        ``op(image, kernel)`` computes the output (default: correlate2d).
    op_name : str
        How ``op`` is written in messages.
    kernel_shape : tuple of int, optional
        The shape the kernel must have; checked first.
    name, label : str
        Names of the kernel and of the output, for messages.
    diagnose : callable, optional
        ``diagnose(kernel, output)`` may return a sentence explaining a wrong
        kernel (``output`` is None when the kernel has the wrong shape).
    rtol, atol : float
        Tolerances for the comparison.
    hint, explanation : str, optional
        As in :func:`check_number`.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> X = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    >>> print(check_kernel_output([[0, 1], [1, 1]], X, [[6, 8], [12, 14]], kernel_shape=(2, 2)))
    Incorrect: With your kernel, Y[0,0] would be 11; the target Y[0,0] is 6. (4 of 4 values are wrong.)
    correlate2d(X, your kernel) gives:
        [[11, 14],
         [20, 23]]
    The target is:
        [[ 6,  8],
         [12, 14]]
    """
    done = _placeholder_check(kernel)
    if done is not None:
        return done
    tgt = np.asarray(target)
    arr, problem = _as_matrix(kernel, name)
    if problem:
        return _incorrect(_cap(problem), hint)

    def extra(output):
        if diagnose is None:
            return ""
        try:
            text = diagnose(arr, output)
        except Exception:  # noqa: BLE001 - a diagnosis that does not apply
            text = None
        return " " + text if text else ""

    if kernel_shape is not None:
        problem = _shape_problem(arr, kernel_shape, name)
        if problem:
            return _incorrect(_cap(problem) + extra(None), hint)
    try:
        out = np.asarray(op(np.asarray(image), arr))
    except Exception as exc:  # noqa: BLE001 - e.g. a kernel larger than the input
        return _incorrect(f"{op_name}(X, {name}) could not be computed: {_exception_text(exc)}", hint)
    if out.shape != tgt.shape:
        text = (
            f"with {name}, {op_name}(X, K) has shape {_shape_text(out.shape)}; the target has shape "
            f"{_shape_text(tgt.shape)}."
        )
        return _incorrect(_cap(text) + extra(out), hint)
    ok = np.isclose(out.astype(float), tgt.astype(float), rtol=rtol, atol=atol)
    if not ok.all():
        wrong = np.argwhere(~ok)
        r, c = (int(i) for i in wrong[0])
        text = (
            f"with {name}, {label}[{r},{c}] would be {_num(out[r, c])}; "
            f"the target {label}[{r},{c}] is {_num(tgt[r, c])}."
        )
        if len(wrong) > 1:
            text += f" ({len(wrong)} of {ok.size} values are wrong.)"
        text = _cap(text) + extra(out)
        text += (
            f"\n{op_name}(X, {name}) gives:\n{_block('', out)}\nThe target is:\n{_block('', tgt)}"
        )
        return _incorrect(text, hint)
    return _correct(explanation or f"{op_name}(X, {name}) is exactly the target:\n{_block('', tgt)}")


# --------------------------------------------------------------------------
# questions
# --------------------------------------------------------------------------
class Question:
    """One exercise: a prompt, a check, hints and a solution.

    Parameters
    ----------
    name : str
        How the notebook refers to it, for example ``"q1"`` (used in messages
        such as "run `q1.hint(2)`").
    title : str
        A few words.
    prompt : str
        The question, with the data it needs (backticks and indented code
        blocks as described in the module docstring).
    checker : callable
        ``checker(answer) -> CheckResult``; usually built from the
        ``check_*`` helpers.  The blank ``____`` is handled before it is
        called, and anything it raises is reported as text.
    hints : sequence of str
        Revealed one at a time by :meth:`hint`.
    solution : Solution or str, optional
        Code (a str) or a :class:`Solution`.
    not_attempted : str, optional
        Message shown when the answer still contains ``____``.

    Examples
    --------
    >>> q = Question("q9", "Double", "Write `double(x)`.",
    ...              lambda f: check_function(f, [(1,), (-2,)], lambda x: 2 * x, label="y"),
    ...              hints=["Use `+`.", "Add x to itself."], solution="def double(x):\\n    return x + x")
    >>> def double(x):
    ...     return ____
    >>> q.check(double)
    Not attempted: Replace `____` with your answer, then run the cell again.
    >>> q.check(lambda x: x + x)
    Correct: Your function gives the right result in all 2 tests.
    >>> q.hint()
    Hint 1 of 2: Use `+`.
    (For the next hint, run `q9.hint(2)`.)
    """

    def __init__(
        self,
        name: str,
        title: str,
        prompt: str,
        checker: Callable[[object], CheckResult],
        *,
        hints: Sequence[str] = (),
        solution: Solution | str | None = None,
        not_attempted: str | None = None,
    ) -> None:
        self.name = name
        self.title = title
        self.prompt = prompt
        self.hints = tuple(hints)
        if isinstance(solution, str):
            solution = Solution(solution)
        self._solution = solution
        self._checker = checker
        self._not_attempted = not_attempted

    def check(self, answer) -> CheckResult:
        """Check the learner's answer.

        Parameters
        ----------
        answer : object
            A number, tuple, list, array or function, depending on the question.

        Returns
        -------
        CheckResult
            Never raises for a learner's answer: problems become messages.
        """
        if contains_placeholder(answer):
            return _not_attempted(self._not_attempted)
        try:
            result = self._checker(answer)
        except NotAttemptedError:
            return _not_attempted(self._not_attempted)
        except Exception as exc:  # noqa: BLE001 - never show a learner a traceback
            return _incorrect(
                f"this answer could not be checked ({_exception_text(exc)}); "
                f"you gave {describe_answer(answer)}."
            )
        if result.status == NOT_ATTEMPTED and self._not_attempted and result.message == NOT_ATTEMPTED_MESSAGE:
            return _not_attempted(self._not_attempted)
        return result

    def hint(self, n: int = 1) -> Feedback:
        """Hint number ``n`` (1 for the first).

        Each hint says how to get the next one.  A number that is not a hint
        gives a message, not an error.
        """
        total = len(self.hints)
        if total == 0:
            return Feedback("hint", "Hint", "there is no hint for this question.")
        if isinstance(n, (bool, np.bool_)) or not isinstance(n, (numbers.Integral, np.integer)) \
                or not 1 <= int(n) <= total:
            calls = " or ".join(f"`{self.name}.hint({k})`" for k in range(1, total + 1))
            return Feedback("hint", "Hint", f"{self.name} has {_plural(total, 'hint')}: run {calls}.")
        n = int(n)
        return Hint(n, total, self.hints[n - 1], f"{self.name}.hint({n + 1})")

    def solution(self) -> Feedback:
        """The solution, as code to read (and to copy)."""
        if self._solution is None:
            return Feedback("solution", "Solution", "there is no written solution for this question.")
        return self._solution

    def show(self) -> Feedback:
        """The question and its data, to display in the notebook."""
        return Feedback("question", f"{self.name}: {self.title}", self.prompt)

    def __repr__(self) -> str:
        return repr(self.show())

    def _repr_html_(self) -> str:
        return self.show()._repr_html_()

    def _repr_markdown_(self) -> str:
        return self.show()._repr_markdown_()


def code_block(name: str, value) -> str:
    """``name = value`` as an indented code block, the form messages use for arrays."""
    return "\n".join("    " + line for line in format_array(value, name).split("\n"))


def inline(value) -> str:
    """An array written on one line, for use inside a sentence."""
    return format_array(value, one_line=True)
