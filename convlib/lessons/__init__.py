"""One module (or small package) per lesson: its questions, and whatever only that lesson uses.

As Kaggle's learntools keeps its machinery in ``core`` and one module per
exercise set, convlib keeps the reusable layers in the package root (maths,
kernels, drawing, widgets, the exercise machinery) and each lesson's own
code here:

``lessonNN`` goes with ``notebooks/NN-*.ipynb``; a lesson that needs more
than one file is a small package (``lessonNN/questions.py``, ``figures.py``,
``widgets.py``, ...).  :func:`lesson_modules` lists them all.

Every lesson module has a ``QUESTIONS`` tuple of
:class:`convlib.exercises.Question`.  When a second lesson needs a helper
that lives here, the helper moves down into the package root.  Lesson
modules import from the root; nothing in the root imports from here.
"""

import importlib
import pkgutil

__all__ = ["lesson_modules"]


def lesson_modules() -> list:
    """Every lesson module, imported, in lesson order (for tests and tools).

    >>> [m.__name__.rsplit(".", 1)[1] for m in lesson_modules()][:1]
    ['lesson01']
    """
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("lesson"))
    return [importlib.import_module(f"{__name__}.{name}") for name in names]
