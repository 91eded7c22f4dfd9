"""Lesson 05, "Simple shapes": what only this lesson uses.

* :mod:`~convlib.lessons.lesson05.questions`: the exercises ``q1`` to ``q5``;
* :mod:`~convlib.lessons.lesson05.scenes`: the lesson's templates and
  scenes (fixed seeds), and the best score near a shape as it is turned,
  scaled or made noisy;
* :mod:`~convlib.lessons.lesson05.figures`: templates, the plain score
  against NCC, the shapes found, and what breaks;
* :mod:`~convlib.lessons.lesson05.drawing`: quick numpy pictures and an SVG
  plot for the widgets;
* :mod:`~convlib.lessons.lesson05.widgets`: :class:`TemplateScan` and
  :class:`RobustnessExplorer`.

The notebook imports them as::

    from convlib.lessons.lesson05 import TemplateScan, RobustnessExplorer, figures, scenes
    from convlib.lessons.lesson05 import q1, q2, q3, q4, q5

The shapes themselves come from :mod:`convlib.shapes` and the matching from
:mod:`convlib.match`, which later lessons reuse.  The questions' data
(``Q1_WINDOW``, ...) are importable from here too.
"""

from . import drawing, figures, questions, scenes
from .questions import *  # noqa: F403 - the questions and their data, listed in questions.__all__
from .widgets import RobustnessExplorer, TemplateScan

__all__ = ["RobustnessExplorer", "TemplateScan", "drawing", "figures", "questions", "scenes",
           *questions.__all__]
