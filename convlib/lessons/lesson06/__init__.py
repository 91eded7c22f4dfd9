"""Lesson 06, "Channels, filters and pooling": what only this lesson uses.

* :mod:`~convlib.lessons.lesson06.examples`: the small input to pool, a
  bank of filters for a colour photo, the grey weights as a 1×1
  convolution, and the receptive field found by experiment;
* :mod:`~convlib.lessons.lesson06.figures`: channels, feature maps, pooled
  photos, a receptive field;
* :mod:`~convlib.lessons.lesson06.widgets`: :class:`LayerCounter`;
* :mod:`~convlib.lessons.lesson06.questions`: the exercises ``q1`` to ``q5``.

The notebook imports them as::

    from convlib.lessons.lesson06 import LayerCounter, examples, figures
    from convlib.lessons.lesson06 import q1, q2, q3, q4, q5

Pooling itself lives in :mod:`convlib.pool`, the counts in
:mod:`convlib.cost`, and the step-through in :class:`convlib.widgets.StepThrough`,
which lesson 07 reuses.
"""

from . import examples, figures, questions
from .questions import *  # noqa: F403 - the questions and their data, listed in questions.__all__
from .widgets import LayerCounter

__all__ = ["LayerCounter", "examples", "figures", "questions", *questions.__all__]
