"""Lesson 03, "Edges and gradients": what only this lesson uses.

* :mod:`~convlib.lessons.lesson03.questions`: the exercises ``q1`` to ``q5``;
* :mod:`~convlib.lessons.lesson03.pictures`: a synthetic edge, a noisy
  photo, and how far each operator's direction is off;
* :mod:`~convlib.lessons.lesson03.figures`: kernels, gradients, directions
  (arrows and colours) and edge maps;
* :mod:`~convlib.lessons.lesson03.widgets`: :class:`EdgeExplorer`.

The notebook imports them as::

    from convlib.lessons.lesson03 import EdgeExplorer, figures, pictures
    from convlib.lessons.lesson03 import q1, q2, q3, q4, q5

The gradients themselves live in :mod:`convlib.edges`, which later lessons
reuse.  The questions' data (``Q1_PATCH``, ...) are importable from here too.
"""

from . import figures, pictures, questions
from .questions import *  # noqa: F403 - the questions and their data, listed in questions.__all__
from .widgets import EdgeExplorer

__all__ = ["EdgeExplorer", "figures", "pictures", "questions", *questions.__all__]
