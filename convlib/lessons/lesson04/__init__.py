"""Lesson 04, "Textures and patterns": what only this lesson uses.

* :mod:`~convlib.lessons.lesson04.questions`: the exercises ``q1`` to ``q5``;
* :mod:`~convlib.lessons.lesson04.figures`: patterns, kernels, a response
  and its energy along one row, energy maps and the winner map;
* :mod:`~convlib.lessons.lesson04.widgets`: :class:`GaborExplorer`.

The notebook imports them as::

    from convlib.lessons.lesson04 import GaborExplorer, figures
    from convlib.lessons.lesson04 import q1, q2, q3, q4, q5

The maths (texture energy, filter banks, winner maps, agreement with labels)
lives in :mod:`convlib.textures`, the Gabor kernel in
:func:`convlib.kernels.gabor` and the patterns in :mod:`convlib.data`, which
later lessons reuse.  The questions' data (``Q1_X``, ...) are importable from
here too.
"""

from . import figures, questions
from .questions import *  # noqa: F403 - the questions and their data, listed in questions.__all__
from .widgets import GaborExplorer

__all__ = ["GaborExplorer", "figures", "questions", *questions.__all__]
