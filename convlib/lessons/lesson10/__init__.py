"""Lesson 10, "Transposed, grouped and depthwise, and 1-D convolution": what only this lesson uses.

* :mod:`~convlib.lessons.lesson10.examples`: the input and kernel to paint,
  the upsampling kernels, the cases of the convolution-arithmetic guide, a
  generated signal and its filters;
* :mod:`~convlib.lessons.lesson10.figures`: overlap counts, a photo
  upsampled three ways, the filtered signal;
* :mod:`~convlib.lessons.lesson10.widgets`: :class:`SeparableCounter` and
  :class:`SignalStepper`;
* :mod:`~convlib.lessons.lesson10.questions`: the exercises ``q1`` to ``q5``.

The notebook imports them as::

    from convlib.lessons.lesson10 import SeparableCounter, SignalStepper, examples, figures
    from convlib.lessons.lesson10 import q1, q2, q3, q4, q5

The maths lives in the package root: :mod:`convlib.transposed`,
:mod:`convlib.depthwise` (with ``groups=`` of :func:`convlib.conv2d`),
:mod:`convlib.conv1d` and the counts of :mod:`convlib.cost`; the transposed
step-through is :class:`convlib.widgets.TransposedStepThrough`.
"""

from . import examples, figures, questions
from .questions import *  # noqa: F403 - the questions and their data, listed in questions.__all__
from .widgets import SeparableCounter, SignalStepper

__all__ = ["SeparableCounter", "SignalStepper", "examples", "figures", "questions", *questions.__all__]
