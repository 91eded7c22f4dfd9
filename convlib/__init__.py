"""convlib: convolution, step by step.

The package behind the lesson notebooks.  Layers point one way:

* :mod:`convlib.conv`: the maths and the steps of a convolution (numpy only);
* :mod:`convlib.plot`: matplotlib figures of matrices and photos;
* :mod:`convlib.html`: small numeric grids drawn as HTML for the widgets;
* :mod:`convlib.widgets`: the step-through widget (ipywidgets);
* :mod:`convlib.exercises`: self-checking exercises.
"""

from .conv import (
    MODES,
    METHODS,
    PAD_MODES,
    Step,
    Trace,
    conv2d,
    convolve2d,
    correlate2d,
    format_number,
    output_shape,
    pad,
    resolve_padding,
    steps,
    trace,
)

__version__ = "0.1.0"

__all__ = [
    "MODES",
    "METHODS",
    "PAD_MODES",
    "Step",
    "Trace",
    "conv2d",
    "convolve2d",
    "correlate2d",
    "format_number",
    "output_shape",
    "pad",
    "resolve_padding",
    "steps",
    "trace",
]
