"""convlib: convolution, step by step.

The package behind the lesson notebooks.  Layers point one way, from the
numbers to the notebooks:

* maths (numpy only): :mod:`convlib.conv` (the convolution and its plan),
  :mod:`convlib.walk` (its steps, one output cell at a time),
  :mod:`convlib.pool` (max and average pooling, and their plan),
  :mod:`convlib.transposed` (transposed convolution and its walk),
  :mod:`convlib.conv1d` (1-D convolution of signals),
  :mod:`convlib.depthwise` (depthwise and depthwise-separable convolution),
  :mod:`convlib.backward` (the gradients of a convolutional layer, as convolutions),
  :mod:`convlib.fast` (the fast paths), :mod:`convlib.cost` (work and memory),
  :mod:`convlib.kernels` (named kernels), :mod:`convlib.edges` (gradients and edge maps),
  :mod:`convlib.data` (sample pictures);
* drawing: :mod:`convlib.palette` (colours and contrast), :mod:`convlib.plot`
  (matplotlib figures), :mod:`convlib.html` (numeric grids as HTML),
  :mod:`convlib.animate` (GIFs);
* interaction: :mod:`convlib.widgets` (ipywidgets);
* exercises: :mod:`convlib.exercises` (the self-checking machinery);
* :mod:`convlib.lessons`: one module per lesson, for what only that lesson uses.

The most used names are importable from here: ``import convlib as cl``, then
``cl.correlate2d(X, K)``, ``cl.trace(X, K)``.
"""

from .backward import Gradients, conv2d_backward
from .conv import (
    METHODS,
    MODES,
    PAD_MODES,
    conv2d,
    convolve2d,
    correlate2d,
    format_number,
    output_shape,
    pad,
    resolve_padding,
)
from .conv1d import conv1d, convolve1d, correlate1d, output_length, trace1d
from .depthwise import depthwise_conv2d, separable_conv2d
from .pool import POOL_KINDS, average_pool, global_average_pool, max_pool, pool2d, pool_output_shape
from .transposed import conv_transpose2d, transposed_output_shape, transposed_trace
from .walk import PoolStep, Step, Trace, pool_steps, pool_trace, steps, trace

__version__ = "0.1.0"

__all__ = [
    "MODES",
    "METHODS",
    "PAD_MODES",
    "POOL_KINDS",
    "Gradients",
    "PoolStep",
    "Step",
    "Trace",
    "average_pool",
    "conv1d",
    "conv2d",
    "conv2d_backward",
    "conv_transpose2d",
    "convolve1d",
    "convolve2d",
    "correlate1d",
    "correlate2d",
    "depthwise_conv2d",
    "format_number",
    "global_average_pool",
    "max_pool",
    "output_length",
    "output_shape",
    "pad",
    "pool2d",
    "pool_output_shape",
    "pool_steps",
    "pool_trace",
    "resolve_padding",
    "separable_conv2d",
    "steps",
    "trace",
    "trace1d",
    "transposed_output_shape",
    "transposed_trace",
]
