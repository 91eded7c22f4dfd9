"""What a convolution costs: multiply-adds, memory, and the cost model behind ``method='auto'``.

The maths layer's book-keeping, numpy-free and shared by every lesson that
counts work or memory: lesson 01 counts the products of one output cell,
lesson 06 counts what a convolutional layer holds and does (parameters,
multiply-adds, receptive field: :func:`conv_layer`, :func:`receptive_field`),
lesson 09 compares methods by their work per pixel, and
:func:`convlib.fast.choose_method` picks the cheapest with the same numbers.

Examples
--------
>>> multiply_adds((480, 640), (5, 5))          # 476 x 636 output cells, 25 each
7568400
>>> format_bytes(im2col_bytes((2048, 2048), (31, 31)))
'29.2 GiB'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from ._validate import as_bool, as_int, as_padding, as_pair, as_real, as_shape, describe

__all__ = [
    "FFT_TAPS",
    "LayerCounts",
    "SeparableCounts",
    "cheapest",
    "conv_layer",
    "conv_multiply_adds",
    "conv_parameters",
    "cost_per_pixel",
    "fft_taps",
    "format_bytes",
    "im2col_bytes",
    "multiply_adds",
    "receptive_field",
    "receptive_growth",
    "separable_layer",
]

#: What one FFT of the padded input costs, in shift-and-add taps per pixel,
#: on a 512 x 512 picture (measured on 2 cores: FFT ~ 3.5 ms, one tap
#: ~ 0.17 ms); see :func:`fft_taps`.
FFT_TAPS = 22


def fft_taps(pixels: int) -> float:
    """Cost of an FFT in direct taps per pixel: ``FFT_TAPS``, growing like log2 beyond 2**18 pixels.

    Examples
    --------
    >>> fft_taps(512 * 512), round(fft_taps(2048 * 2048), 2)
    (22.0, 26.89)
    """
    return FFT_TAPS * max(1.0, math.log2(max(pixels, 2)) / 18)


def _valid_shape(image_shape, kernel_shape) -> tuple[int, int]:
    """Output shape of a 'valid' correlation: ``(H - kh + 1, W - kw + 1)``.

    The same rule as :func:`convlib.output_shape` with no padding, stride or
    dilation (a test checks that they agree); written out here so that the
    cost model does not depend on the convolution module.
    """
    (h, w), (kh, kw) = image_shape, kernel_shape
    if kh > h or kw > w:
        msg = (f"kernel_shape must fit inside image_shape; received a {kh}x{kw} kernel for a "
               f"{h}x{w} image")
        raise ValueError(msg)
    return h - kh + 1, w - kw + 1


def format_bytes(nbytes: float) -> str:
    """Bytes in binary units: B, KiB, MiB or GiB (1 KiB = 1024 B), 3 significant digits.

    Examples
    --------
    >>> format_bytes(512), format_bytes(8 * 2**20), format_bytes(406_239_008), format_bytes(3.14e10)
    ('512 B', '8.00 MiB', '387 MiB', '29.2 GiB')
    """
    nbytes = as_real(nbytes, "nbytes", low=0, what="a number of bytes")
    for unit, size in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if nbytes >= size:
            value = nbytes / size
            digits = 0 if value >= 100 else 1 if value >= 10 else 2
            return f"{value:.{digits}f} {unit}"
    return f"{int(nbytes)} B"


def multiply_adds(image_shape, kernel_shape) -> int:
    """Multiply-adds of a direct 'valid' correlation: one per kernel weight per output cell.

    Parameters
    ----------
    image_shape : (int, int)
        ``(H, W)``.
    kernel_shape : (int, int)
        ``(kh, kw)``.

    Returns
    -------
    int
        ``(H - kh + 1) * (W - kw + 1) * kh * kw``.

    Examples
    --------
    >>> multiply_adds((3, 3), (2, 2))        # lesson 01: 4 output cells, 4 products each
    16
    """
    image_shape, kernel_shape = as_shape(image_shape, "image_shape"), as_shape(kernel_shape, "kernel_shape")
    oh, ow = _valid_shape(image_shape, kernel_shape)
    return oh * ow * kernel_shape[0] * kernel_shape[1]


def im2col_bytes(image_shape, kernel_shape, itemsize: int = 8) -> int:
    """Bytes of the im2col matrix of a 'valid' correlation: one row per output cell.

    Each row holds a copy of one window (``kh * kw`` numbers), so the matrix
    is about ``kh * kw`` times as large as the image.

    Parameters
    ----------
    image_shape, kernel_shape : (int, int)
    itemsize : int, default 8
        Bytes per number (8 for float64, 4 for float32).

    Returns
    -------
    int
        ``(H - kh + 1) * (W - kw + 1) * kh * kw * itemsize``.

    Examples
    --------
    >>> im2col_bytes((3, 3), (2, 2))         # a 4 x 4 matrix of float64
    128
    """
    return multiply_adds(image_shape, kernel_shape) * as_int(itemsize, "itemsize", 1)


def cost_per_pixel(image_shape, kernel_shape, rank: int | None = None) -> dict:
    """Estimated multiply-adds per output pixel of each method: the model behind ``auto``.

    Parameters
    ----------
    image_shape : (int, int)
        ``(H, W)``.
    kernel_shape : (int, int)
        ``(kh, kw)``.
    rank : int, optional
        The kernel's rank (see :func:`convlib.fast.kernel_rank`); by default
        full rank, ``min(kh, kw)``.

    Returns
    -------
    dict
        ``{'direct': kh*kw, 'separable': rank*(kh + kw), 'fft': fft_taps(H*W)}``.

    Notes
    -----
    The direct method does one multiply-add per kernel weight.  The separable
    method does a row pass (``kw`` each) and a column pass (``kh`` each) per
    rank.  An FFT costs a few operations per pixel per doubling of the image
    size, whatever the kernel: convlib counts it as ``FFT_TAPS`` = 22
    shift-and-add taps per pixel (what one FFT costs on a 512 x 512 image),
    growing like ``log2(H*W)`` on larger images (:func:`fft_taps`).  These are the numbers
    :func:`convlib.fast.choose_method` compares (it also counts the
    separable row pass over the padded rows, and adds 10% to it), once it
    has sent kernels of up to 9 weights and tiny problems to 'direct'.

    Examples
    --------
    >>> {name: round(cost, 2) for name, cost in cost_per_pixel((1024, 1024), (5, 5), rank=1).items()}
    {'direct': 25, 'separable': 10, 'fft': 24.44}
    """
    h, w = as_shape(image_shape, "image_shape")
    kh, kw = as_shape(kernel_shape, "kernel_shape")
    r = min(kh, kw) if rank is None else as_int(rank, "rank", 1)
    return {"direct": kh * kw, "separable": r * (kh + kw), "fft": fft_taps(h * w)}


def cheapest(costs: Mapping[str, float]) -> str:
    """The method with the smallest cost (the first one on a tie).

    Examples
    --------
    >>> cheapest({"direct": 25, "separable": 10, "fft": 20.0})
    'separable'
    """
    return min(costs, key=costs.get)


# --------------------------------------------------------------------------
# a convolutional layer: parameters, multiply-adds, output shape (lesson 06)
# --------------------------------------------------------------------------
class LayerCounts(NamedTuple):
    """What one convolutional layer holds and does, from :func:`conv_layer`.

    Attributes
    ----------
    output_shape : (int, int, int)
        ``(C_out, OH, OW)``.
    parameters : int
        Weights plus biases: ``C_out * (C_in * kh * kw + 1)`` with a bias,
        ``C_out * C_in * kh * kw`` without.
    multiply_adds : int
        Products of a weight and an input value, each added to a sum:
        ``C_out * OH * OW * C_in * kh * kw``.
    bias_adds : int
        Additions of a bias, one per output cell: ``C_out * OH * OW`` (0
        without a bias).  Not multiply-adds, so counted apart.
    receptive_field : (int, int)
        Rows and columns of the block of input cells one output cell
        depends on: ``d * (k - 1) + 1`` per axis for one layer.
    """

    output_shape: tuple[int, int, int]
    parameters: int
    multiply_adds: int
    bias_adds: int
    receptive_field: tuple[int, int]


def _layer_out(n: int, k: int, s: int, before: int, after: int, d: int, axis: str) -> int:
    """Output size along one axis: floor((n + P - d(k-1) - 1) / s) + 1, as :func:`convlib.output_shape`."""
    span = d * (k - 1) + 1
    if span > n + before + after:
        msg = (f"kernel_size is larger than the padded input: along the {axis}, a kernel of {k} with "
               f"dilation {d} spans {span} cells, but the input has {n} + {before + after} padding = "
               f"{n + before + after}; use a smaller kernel_size or dilation, or more padding")
        raise ValueError(msg)
    return (n + before + after - span) // s + 1


def _groups(c_in: int, c_out: int, groups) -> int:
    g = as_int(groups, "groups", 1, what="a number of groups")
    if c_in % g or c_out % g:
        msg = (f"groups must divide both c_in and c_out: received c_in={c_in}, c_out={c_out} and "
               f"groups={g}")
        raise ValueError(msg)
    return g


def conv_parameters(c_in: int, c_out: int, kernel_size, *, bias: bool = True, groups: int = 1) -> int:
    """Number of learned numbers in a convolutional layer: weights and biases.

    Parameters
    ----------
    c_in, c_out : int
        Input channels and filters (output channels).
    kernel_size : int or (int, int)
    bias : bool, default True
        One bias per filter.
    groups : int, default 1
        Grouped convolution: each filter reads ``c_in / groups`` channels
        (``groups = c_in`` is depthwise).

    Returns
    -------
    int
        ``c_out * (c_in / groups) * kh * kw + (c_out if bias else 0)``:
        every filter has one ``kh x kw`` kernel per input channel of its
        group, and one bias.

    Examples
    --------
    >>> conv_parameters(3, 64, 3)                 # the first layer of VGG-16
    1792
    >>> conv_parameters(3, 64, 3, bias=False)
    1728
    >>> conv_parameters(32, 32, 3, bias=False, groups=32)   # depthwise: one 3x3 kernel per channel
    288
    """
    c_in, c_out = as_int(c_in, "c_in", 1), as_int(c_out, "c_out", 1)
    g = _groups(c_in, c_out, groups)
    kh, kw = as_pair(kernel_size, "kernel_size")
    return c_out * (c_in // g) * kh * kw + (c_out if as_bool(bias, "bias") else 0)


def conv_multiply_adds(input_shape, c_in: int, c_out: int, kernel_size, *, stride=1, padding=0,
                       dilation=1, groups: int = 1) -> int:
    """Multiply-adds of a convolutional layer: one per weight, per output cell, per filter.

    Parameters
    ----------
    input_shape : (int, int)
        ``(H, W)`` of each input channel.
    c_in, c_out : int
    kernel_size : int or (int, int)
    stride, dilation : int or (int, int), default 1
    padding : int, pair, 4-tuple or pair of pairs, default 0
        As in :func:`convlib.correlate2d`.
    groups : int, default 1
        As in :func:`conv_parameters`.

    Returns
    -------
    int
        ``c_out * OH * OW * (c_in / groups) * kh * kw``.  Products with padding cells
        are counted: a direct convolution computes them too.  The bias adds
        are not multiply-adds (see :class:`LayerCounts`).

    Examples
    --------
    >>> conv_multiply_adds((224, 224), 3, 64, 3, padding=1)      # 224 x 224 x 64 outputs, 27 each
    86704128
    """
    return conv_layer(input_shape, c_in, c_out, kernel_size, stride=stride, padding=padding,
                      dilation=dilation, groups=groups).multiply_adds


def conv_layer(input_shape, c_in: int, c_out: int, kernel_size, *, stride=1, padding=0, dilation=1,
               bias: bool = True, groups: int = 1) -> LayerCounts:
    """Output shape, parameters, multiply-adds and receptive field of one convolutional layer.

    Parameters are those of :func:`conv_parameters` and
    :func:`conv_multiply_adds`.

    Returns
    -------
    LayerCounts

    Notes
    -----
    Along one axis with input size ``n``, padding ``P`` (both sides), kernel
    size ``k``, dilation ``d`` and stride ``s``::

        out = floor((n + P - d(k-1) - 1) / s) + 1        (convlib.output_shape's rule)

    and then::

        parameters    = C_out * (C_in / groups * kh * kw + bias)
        multiply_adds = C_out * OH * OW * C_in / groups * kh * kw
        bias_adds     = C_out * OH * OW * bias
        receptive     = d * (k - 1) + 1                   (per axis)

    The parameters do not depend on the input's size; the multiply-adds do.

    Examples
    --------
    >>> layer = conv_layer((32, 32), 3, 16, 5, stride=2, padding=2)
    >>> layer.output_shape, layer.parameters, layer.multiply_adds, layer.bias_adds, layer.receptive_field
    ((16, 16, 16), 1216, 307200, 4096, (5, 5))
    """
    h, w = as_shape(input_shape, "input_shape")
    c_in, c_out = as_int(c_in, "c_in", 1), as_int(c_out, "c_out", 1)
    kh, kw = as_pair(kernel_size, "kernel_size")
    sh, sw = as_pair(stride, "stride")
    dh, dw = as_pair(dilation, "dilation")
    (t, b), (left, r) = as_padding(padding)
    has_bias = as_bool(bias, "bias")
    g = _groups(c_in, c_out, groups)
    oh = _layer_out(h, kh, sh, t, b, dh, "rows")
    ow = _layer_out(w, kw, sw, left, r, dw, "columns")
    cells = c_out * oh * ow
    return LayerCounts((c_out, oh, ow), conv_parameters(c_in, c_out, (kh, kw), bias=has_bias, groups=g),
                       cells * (c_in // g) * kh * kw, cells if has_bias else 0,
                       (dh * (kh - 1) + 1, dw * (kw - 1) + 1))


class SeparableCounts(NamedTuple):
    """A depthwise-separable layer and the full convolution it replaces, from :func:`separable_layer`.

    Attributes
    ----------
    depthwise, pointwise : LayerCounts
        The depthwise ``k x k`` layer (``groups = C_in``) and the 1×1 layer.
    parameters, multiply_adds : int
        Their sums.
    full : LayerCounts
        One ordinary convolution with the same input, output and kernel size.
    """

    depthwise: LayerCounts
    pointwise: LayerCounts
    parameters: int
    multiply_adds: int
    full: LayerCounts


def separable_layer(input_shape, c_in: int, c_out: int, kernel_size, *, stride=1, padding=0, dilation=1,
                    bias: bool = True, multiplier: int = 1) -> SeparableCounts:
    """Counts of a depthwise-separable convolution next to those of a full convolution.

    Parameters
    ----------
    input_shape, c_in, c_out, kernel_size, stride, padding, dilation
        As in :func:`conv_layer`; stride, padding and dilation belong to the
        depthwise layer.
    bias : bool, default True
        One bias per output channel of the 1×1 layer (and of the full
        convolution); the depthwise layer has none, as is usual.
    multiplier : int, default 1
        Kernels per input channel in the depthwise layer.

    Notes
    -----
    Per output cell, a full convolution does ``C_in k² C_out`` multiply-adds;
    the separable one ``m C_in k²`` (depthwise) plus ``m C_in C_out`` (1×1).
    With ``m = 1`` the ratio is ``1/C_out + 1/k²``.

    Examples
    --------
    >>> s = separable_layer((112, 112), 32, 64, 3, padding=1, bias=False)   # a MobileNet layer
    >>> s.parameters, s.full.parameters, s.multiply_adds, s.full.multiply_adds
    (2336, 18432, 29302784, 231211008)
    """
    c_in, c_out = as_int(c_in, "c_in", 1), as_int(c_out, "c_out", 1)
    m = as_int(multiplier, "multiplier", 1, what="kernels per input channel")
    dw = conv_layer(input_shape, c_in, c_in * m, kernel_size, stride=stride, padding=padding, dilation=dilation,
                    bias=False, groups=c_in)
    pw = conv_layer(dw.output_shape[1:], c_in * m, c_out, 1, bias=bias)
    full = conv_layer(input_shape, c_in, c_out, kernel_size, stride=stride, padding=padding, dilation=dilation,
                      bias=bias)
    return SeparableCounts(dw, pw, dw.parameters + pw.parameters, dw.multiply_adds + pw.multiply_adds, full)


# --------------------------------------------------------------------------
# receptive field of a stack of layers
# --------------------------------------------------------------------------
def _layer_spec(layer, index: int) -> tuple[int, int, int]:
    name = f"layers[{index}]"
    if isinstance(layer, (int, bool)) or not isinstance(layer, Iterable):
        msg = (f"{name} must be a pair (kernel_size, stride) or a triple (kernel_size, stride, dilation); "
               f"received {describe(layer)}")
        raise TypeError(msg)
    items = tuple(layer)
    if len(items) not in (2, 3):
        msg = (f"{name} must be a pair (kernel_size, stride) or a triple (kernel_size, stride, dilation); "
               f"received {len(items)} values: {describe(layer)}")
        raise ValueError(msg)
    k = as_int(items[0], f"{name} kernel_size", 1)
    s = as_int(items[1], f"{name} stride", 1)
    d = as_int(items[2], f"{name} dilation", 1) if len(items) == 3 else 1
    return k, s, d


def receptive_growth(layers) -> list[tuple[int, int]]:
    """The receptive field and the jump after each layer of a stack.

    Parameters
    ----------
    layers : iterable of (kernel_size, stride) or (kernel_size, stride, dilation)
        The layers from the input on; a pooling layer of window ``k`` and
        stride ``s`` is ``(k, s)``.  Square kernels; padding does not matter.

    Returns
    -------
    list of (int, int)
        After each layer: ``(r, j)``, the side of the square of input cells
        one output cell depends on, and the jump, how many input cells apart
        two neighbouring output cells' squares start.

    Notes
    -----
    Start with ``r = 1`` (a cell sees itself) and ``j = 1``.  A layer of
    kernel ``k``, dilation ``d`` and stride ``s`` reaches ``d(k - 1)`` cells
    of its input further, and each of those is ``j`` input cells apart; its
    stride multiplies the jump for the layers after it::

        r <- r + d * (k - 1) * j
        j <- j * s

    Examples
    --------
    >>> receptive_growth([(3, 1), (3, 1), (2, 2), (3, 1)])      # conv, conv, 2x2 pool, conv
    [(3, 1), (5, 1), (6, 2), (10, 2)]
    """
    if isinstance(layers, (str, bytes)) or not isinstance(layers, Iterable):
        msg = f"layers must be a list of (kernel_size, stride) pairs; received {describe(layers)}"
        raise TypeError(msg)
    r, j, out = 1, 1, []
    for index, layer in enumerate(layers):
        k, s, d = _layer_spec(layer, index)
        r += d * (k - 1) * j
        j *= s
        out.append((r, j))
    return out


def receptive_field(layers) -> int:
    """Side of the square of input cells that one output cell of a stack of layers depends on.

    See :func:`receptive_growth` for the parameters and the rule; an empty
    stack gives 1.

    Examples
    --------
    >>> receptive_field([(3, 1), (3, 1)])                 # two 3x3 convolutions
    5
    >>> receptive_field([(2, 2), (3, 1), (3, 1)])         # a 2x2 pool first: the convs step 2 cells
    10
    """
    growth = receptive_growth(layers)
    return growth[-1][0] if growth else 1
