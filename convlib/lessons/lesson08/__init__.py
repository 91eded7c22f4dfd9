"""Lesson 08, "Convolution in everyday apps": what only this lesson uses.

* :mod:`~convlib.lessons.lesson08.playground`: :class:`PhotoPlayground`,
  preset kernels and typed ones on a photo or your own picture;
* :mod:`~convlib.lessons.lesson08.pipelines`: skin smoothing, the barcode
  finder, the motion detector, connected regions and boxes;
* :mod:`~convlib.lessons.lesson08.scenes`: generated barcode scenes and
  motion frames, with their true boxes;
* :mod:`~convlib.lessons.lesson08.widgets`: :class:`SelfieSmoother`,
  :class:`BarcodeFinder`, :class:`MotionDetector`;
* :mod:`~convlib.lessons.lesson08.figures`: the gallery, an edge sharpened,
  skin tones, the stages of each pipeline;
* :mod:`~convlib.lessons.lesson08.questions`: the exercises ``q1`` to ``q5``.

The notebook imports them as::

    from convlib.lessons.lesson08 import PhotoPlayground, SelfieSmoother, BarcodeFinder, MotionDetector
    from convlib.lessons.lesson08 import figures, pipelines, scenes
    from convlib.lessons.lesson08 import q1, q2, q3, q4, q5

Reading a picture file safely lives in the package root, :mod:`convlib.imageio`.
"""

from . import figures, pipelines, playground, questions, scenes, widgets
from .playground import PhotoPlayground
from .questions import *  # noqa: F403 - the questions and their data, listed in questions.__all__
from .widgets import BarcodeFinder, MotionDetector, SelfieSmoother

__all__ = ["BarcodeFinder", "MotionDetector", "PhotoPlayground", "SelfieSmoother", "figures", "pipelines",
           "playground", "questions", "scenes", "widgets", *questions.__all__]
