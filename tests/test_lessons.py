"""The contract every lesson's questions keep, checked for every question of every lesson module.

A lesson module in convlib.lessons has a ``QUESTIONS`` tuple; each question
reports the blank as "not attempted", has hints, a solution whose code passes
its own check, and shows its name and title.  Lessons added later are
covered without touching this file.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import numpy as np
import pytest

from convlib.exercises import Question, ____
from convlib.lessons import lesson_modules

ROOT = Path(__file__).resolve().parent.parent
MODULES = lesson_modules()
QUESTIONS = [(m.__name__.rsplit(".", 1)[1], q) for m in MODULES for q in m.QUESTIONS]
IDS = [f"{lesson}.{q.name}" for lesson, q in QUESTIONS]


def defined_name(code: str) -> str:
    """The name a solution's code defines last: the learner's answer variable or function."""
    names = []
    for node in ast.parse(code).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Assign) and isinstance(node.targets[-1], ast.Name):
            names.append(node.targets[-1].id)
    assert names, f"the solution defines no variable or function:\n{code}"
    return names[-1]


def run_solution(question: Question):
    """Execute a question's solution code and return what it defines."""
    namespace = {"np": np}
    code = question.solution().code
    exec(code, namespace)  # noqa: S102 - the project's own solution text, not learner input
    return namespace[defined_name(code)]


def test_every_lesson_module_has_questions():
    """Lessons 01 and 09 at least, each with four or more questions named q1, q2, ... in order."""
    names = [m.__name__.rsplit(".", 1)[1] for m in MODULES]
    assert {"lesson01", "lesson09"} <= set(names)
    for module in MODULES:
        got = [q.name for q in module.QUESTIONS]
        assert len(got) >= 4 and got == [f"q{i}" for i in range(1, len(got) + 1)], (module.__name__, got)


@pytest.mark.parametrize(("lesson", "question"), QUESTIONS, ids=IDS)
def test_blank_is_not_attempted(lesson, question):
    """The blank ____ counts as 'not attempted', and the message says to replace it."""
    result = question.check(____)
    assert result.status == "not_attempted" and "____" in result.message


@pytest.mark.parametrize(("lesson", "question"), QUESTIONS, ids=IDS)
def test_blank_inside_an_answer_is_not_attempted(lesson, question):
    """A tuple still holding a blank is not attempted either (never 'incorrect')."""
    assert question.check((____, ____)).status == "not_attempted"


@pytest.mark.parametrize(("lesson", "question"), QUESTIONS, ids=IDS)
def test_hints_exist_and_are_numbered(lesson, question):
    """Every question has at least one hint, each shown as 'Hint k of n'."""
    n = len(question.hints)
    assert n >= 1
    for k in range(1, n + 1):
        assert repr(question.hint(k)).startswith(f"Hint {k} of {n}: ")


@pytest.mark.parametrize(("lesson", "question"), QUESTIONS, ids=IDS)
def test_solution_passes_its_own_check(lesson, question):
    """Running the solution's code gives an answer its own check accepts."""
    result = question.check(run_solution(question))
    assert result.status == "correct", result.message


@pytest.mark.parametrize(("lesson", "question"), QUESTIONS, ids=IDS)
def test_show_names_the_question(lesson, question):
    """q.show() starts with the question's name and title, in text and in HTML."""
    assert repr(question.show()).startswith(f"{question.name}: {question.title}")
    assert question.title in question._repr_html_()


@pytest.mark.parametrize(("lesson", "question"), QUESTIONS, ids=IDS)
def test_a_wrong_type_is_diagnosed_not_raised(lesson, question):
    """An answer of the wrong kind gets a message, never an exception."""
    for answer in (None, "text", 3.5, [[1, 2], [3]], object()):
        result = question.check(answer)
        assert result.status == "incorrect" and result.message


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_lesson_data_is_read_only(module):
    """Every array a lesson module publishes cannot be changed by accident."""
    arrays = [getattr(module, n) for n in module.__all__ if isinstance(getattr(module, n), np.ndarray)]
    assert arrays, f"{module.__name__} publishes no data arrays"
    for arr in arrays:
        assert not arr.flags.writeable


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_notebook_asks_every_question(module):
    """The lesson's notebook checks, hints and solves every question of its module."""
    number = re.search(r"lesson(\d\d)", module.__name__).group(1)
    [path] = (ROOT / "notebooks").glob(f"{number}-*.ipynb")
    code = "\n".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"]
                     if c["cell_type"] == "code")
    assert f"from {module.__name__} import" in code
    for q in module.QUESTIONS:
        for call in (f"{q.name}.check(", f"{q.name}.hint()", f"{q.name}.solution()"):
            assert call in code, f"{path.name} lacks {call}"
