"""What a check, a hint or a solution shows: a box in Jupyter, plain text elsewhere."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .text import _cap

__all__ = [
    "CORRECT", "INCORRECT", "NOT_ATTEMPTED", "NOT_ATTEMPTED_MESSAGE", "STATUSES",
    "CheckResult", "Feedback", "Hint", "Solution",
]

CORRECT = "correct"
INCORRECT = "incorrect"
NOT_ATTEMPTED = "not_attempted"
#: The three possible values of :attr:`CheckResult.status`.
STATUSES = (CORRECT, INCORRECT, NOT_ATTEMPTED)


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
