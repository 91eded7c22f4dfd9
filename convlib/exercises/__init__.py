"""Self-checking exercises: a blank to fill in, a check, hints and a solution.

The machinery behind the "Exercises" sections of the lessons, in the style of
Kaggle's *learntools*.  A lesson module (for example :mod:`convlib.lessons.lesson01`)
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

The package is split as learntools splits its ``core``:

* :mod:`~convlib.exercises.placeholder`: the blank ``____``;
* :mod:`~convlib.exercises.text`: arrays and answers written for learners;
* :mod:`~convlib.exercises.feedback`: results, hints and solutions, displayable;
* :mod:`~convlib.exercises.checks`: checkers for values (a number, a shape,
  an array, a choice among names, several values at once, a cell);
* :mod:`~convlib.exercises.functions`: checkers for functions the learner writes;
* :mod:`~convlib.exercises.question`: :class:`Question`, which ties them together.
"""

from .checks import (
    check_array,
    check_choice,
    check_coordinate,
    check_each,
    check_number,
    check_shape,
    merge_mistakes,
)
from .feedback import (
    CORRECT,
    INCORRECT,
    NOT_ATTEMPTED,
    NOT_ATTEMPTED_MESSAGE,
    STATUSES,
    CheckResult,
    Feedback,
    Hint,
    Solution,
)
from .functions import check_function, check_kernel_output
from .placeholder import NotAttemptedError, ____, contains_placeholder, uses_placeholder
from .question import Question
from .text import code_block, describe_answer, format_array, inline

__all__ = [
    "____",
    "CORRECT",
    "INCORRECT",
    "NOT_ATTEMPTED",
    "NOT_ATTEMPTED_MESSAGE",
    "STATUSES",
    "CheckResult",
    "Feedback",
    "Hint",
    "NotAttemptedError",
    "Question",
    "Solution",
    "check_array",
    "check_choice",
    "check_coordinate",
    "check_each",
    "check_function",
    "check_kernel_output",
    "check_number",
    "check_shape",
    "code_block",
    "contains_placeholder",
    "describe_answer",
    "format_array",
    "inline",
    "merge_mistakes",
    "uses_placeholder",
]
