"""A question: prompt, check, hints and solution, as the lessons' exercises use them."""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence

import numpy as np

from .feedback import (
    NOT_ATTEMPTED,
    NOT_ATTEMPTED_MESSAGE,
    CheckResult,
    Feedback,
    Hint,
    Solution,
    _incorrect,
    _not_attempted,
)
from .placeholder import NotAttemptedError, contains_placeholder
from .text import _exception_text, _plural, describe_answer

__all__ = ["Question"]


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
    >>> from convlib.exercises import ____, check_function
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


