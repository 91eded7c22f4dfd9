"""Lesson 07, "From edges to objects: learning the kernels": what only this lesson uses.

* :mod:`~convlib.lessons.lesson07.examples`: stacks of layers and the cells
  one output depends on, a tiny backward pass, one kernel learned by
  gradient descent;
* :mod:`~convlib.lessons.lesson07.data`: pictures of four shapes, generated
  from a seed;
* :mod:`~convlib.lessons.lesson07.network`: a small CNN in numpy, forward
  and backward over whole batches;
* :mod:`~convlib.lessons.lesson07.train`: SGD and Adam, training from a
  seed, and the trained weights that ship with the package;
* :mod:`~convlib.lessons.lesson07.figures` and
  :mod:`~convlib.lessons.lesson07.widgets`: :class:`ReceptiveField`,
  :class:`KernelSteps`, :class:`FeatureMaps`;
* :mod:`~convlib.lessons.lesson07.questions`: the exercises ``q1`` to ``q5``.

The notebook imports them as::

    from convlib.lessons.lesson07 import FeatureMaps, KernelSteps, ReceptiveField
    from convlib.lessons.lesson07 import data, examples, figures, train
    from convlib.lessons.lesson07 import q1, q2, q3, q4, q5

The backward pass itself lives in :mod:`convlib.backward`, the receptive
field's formula in :mod:`convlib.cost`, the shapes in :mod:`convlib.shapes`.
"""

from . import data, examples, figures, network, questions, train
from .questions import *  # noqa: F403 - the questions and their data, listed in questions.__all__
from .widgets import FeatureMaps, KernelSteps, ReceptiveField

__all__ = ["FeatureMaps", "KernelSteps", "ReceptiveField", "data", "examples", "figures", "network", "questions",
           "train", *questions.__all__]
