"""Lesson 09, "Making convolution fast": what only this lesson uses.

* :mod:`~convlib.lessons.lesson09.questions`: the exercises ``q1`` to ``q5``;
* :mod:`~convlib.lessons.lesson09.speed`: timing in the notebook
  (:func:`~convlib.lessons.lesson09.speed.compare`);
* :mod:`~convlib.lessons.lesson09.benchmark`: the benchmark kept in the
  repository, and the facts the lesson states about it;
* :mod:`~convlib.lessons.lesson09.figures`: times against kernel size;
* :mod:`~convlib.lessons.lesson09.widgets`: :class:`FFTCrossover`.

The notebook imports them as::

    from convlib.lessons.lesson09 import FFTCrossover, benchmark, figures, speed
    from convlib.lessons.lesson09 import q1, q2, q3, q4, q5

The questions' data (``Q2_A``, ``Q4_CASES``, ...) are importable from here too.
"""

from . import benchmark, figures, questions, speed
from .questions import *  # noqa: F403 - the questions and their data, listed in questions.__all__
from .widgets import FFTCrossover

__all__ = ["FFTCrossover", "benchmark", "figures", "questions", "speed", *questions.__all__]
