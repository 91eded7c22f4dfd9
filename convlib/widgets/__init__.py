"""Widgets for the lessons (ipywidgets): the interaction layer.

* :class:`StepThrough` (:mod:`convlib.widgets.stepper`): a convolution or a
  pooling step by step, with a slider, Play, Previous/Next and the arithmetic
  written out;
* :class:`TransposedStepThrough` (:mod:`convlib.widgets.transposed`): a
  transposed convolution, one input cell painting a scaled kernel per step;
* :class:`PhotoFilter` (:mod:`convlib.widgets.photo`): a kernel applied to a
  real photo;
* :mod:`convlib.widgets.in_page`: how a step-through moves in the page with
  no round trip to Python (a page script, with style rules as its fallback);
* :class:`ConvlibWidget`, :func:`shows_errors` and :class:`TitledImage`
  (:mod:`convlib.widgets.base`): what a lesson's own widget builds on, so
  that bad settings show a message in the widget instead of a traceback and
  every picture has an accessible name.

Widgets ask the maths layer (:mod:`convlib.conv`) for numbers and the drawing
layer (:mod:`convlib.html`, :mod:`convlib.plot`) for pictures; they never do
the maths themselves.
"""

from .base import (
    NEEDS_KERNEL,
    SLIDER_NAMES_JS,
    WORKS_IN_PAGE,
    ConvlibWidget,
    PlayControls,
    TitledImage,
    play_controls,
    shows_errors,
)
from .in_page import STEP_BUTTONS_JS, STEP_IN_PLACE_JS, ends_css, switch_css
from .photo import PhotoFilter
from .stepper import (
    CONTROLS,
    CONV_CONTROLS,
    MAX_SIDE,
    POOL_CONTROLS,
    PRERENDER_BYTES,
    StepThrough,
)
from .transposed import TRANSPOSED_CONTROLS, TRANSPOSED_RANGES, TransposedStepThrough

__all__ = [
    "CONTROLS", "CONV_CONTROLS", "MAX_SIDE", "NEEDS_KERNEL", "POOL_CONTROLS", "PRERENDER_BYTES",
    "SLIDER_NAMES_JS", "STEP_BUTTONS_JS", "STEP_IN_PLACE_JS", "TRANSPOSED_CONTROLS", "TRANSPOSED_RANGES", "WORKS_IN_PAGE",
    "ConvlibWidget", "PhotoFilter", "PlayControls", "StepThrough", "TitledImage", "TransposedStepThrough",
    "ends_css", "play_controls", "shows_errors", "switch_css",
]
