"""Lesson 02, "Padding, stride and dilation": what only this lesson uses.

* :mod:`~convlib.lessons.lesson02.questions`: the exercises ``q1`` to ``q5``;
* :mod:`~convlib.lessons.lesson02.sizes`: the lesson's input and kernels,
  the size table, which input cells a convolution reads, a border's mean;
* :mod:`~convlib.lessons.lesson02.figures`: a photo's corner padded in each
  mode, and blurred with each mode.

The notebook imports them as::

    from convlib.lessons.lesson02 import figures, sizes
    from convlib.lessons.lesson02 import q1, q2, q3, q4, q5

The questions' data (``Q1_INPUT_SHAPE``, ``Q4_X``, ...) are importable from here too.
"""

from . import figures, questions, sizes
from .questions import *  # noqa: F403 - the questions and their data, listed in questions.__all__
from .sizes import EVEN_K, STEP_K, STEP_X

__all__ = ["EVEN_K", "STEP_K", "STEP_X", "figures", "questions", "sizes", *questions.__all__]
