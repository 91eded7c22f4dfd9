"""Grouped, depthwise and depthwise-separable convolution (lesson 10).

Grouped convolution itself is the ``groups=`` option of :func:`convlib.conv2d`
(channels and filters split into groups, each filter group reading its own
channel group); this module names its two common cases:

* :func:`depthwise_conv2d`: ``groups = C``, each channel filtered on its own;
* :func:`separable_conv2d`: a depthwise convolution, then a 1×1 convolution
  that mixes the channels, as in MobileNet and Xception.

Their parameter and multiply-add counts are in :mod:`convlib.cost`
(``groups=`` of :func:`convlib.cost.conv_layer`, and
:func:`convlib.cost.separable_layer`).  The steps of a depthwise convolution
are those of one channel, :func:`convlib.trace` of ``x[c]`` with its kernel.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array
from .conv import conv2d

__all__ = ["depthwise_conv2d", "separable_conv2d"]


def _depthwise_weights(x, depthwise):
    d = as_array(depthwise, "depthwise", 4)
    c = as_array(x, "x", (3, 4)).shape[-3]
    if d.shape[1] != 1 or d.shape[0] % c:
        msg = (f"depthwise must hold m kernels per input channel, shape (C*m, 1, kh, kw) with C = {c}; "
               f"received shape {d.shape}")
        raise ValueError(msg)
    return d, c


def depthwise_conv2d(x, depthwise, bias=None, **options) -> np.ndarray:
    """Depthwise convolution: every channel filtered on its own by its own kernel(s).

    Parameters
    ----------
    x : array_like of shape (C, H, W) or (N, C, H, W)
    depthwise : array_like of shape (C * m, 1, kh, kw)
        ``m`` kernels per channel (usually 1): output channel ``c*m + q``
        is channel ``c`` correlated with kernel ``depthwise[c*m + q, 0]``.
    bias : array_like of shape (C * m,), optional
    **options
        mode, padding, pad_mode, stride, dilation, as in :func:`convlib.conv2d`.

    Returns
    -------
    ndarray of shape (C * m, OH, OW) or (N, C * m, OH, OW)

    Notes
    -----
    ``Y[c*m + q] = bias[c*m + q] + correlate2d(x[c], depthwise[c*m + q, 0])``:
    :func:`convlib.conv2d` with ``groups=C``.

    Examples
    --------
    >>> x = np.arange(8).reshape(2, 2, 2)
    >>> depthwise_conv2d(x, [[[[1, 1]]], [[[1, -1]]]])
    array([[[ 1],
            [ 5]],
    <BLANKLINE>
           [[-1],
            [-1]]])
    """
    d, c = _depthwise_weights(x, depthwise)
    return conv2d(x, d, bias, groups=c, **options)


def separable_conv2d(x, depthwise, pointwise, bias=None, *, mode="valid", padding=None, pad_mode="zero",
                     stride=1, dilation=1) -> np.ndarray:
    """Depthwise-separable convolution: a depthwise convolution, then a 1×1 convolution.

    Parameters
    ----------
    x : array_like of shape (C, H, W) or (N, C, H, W)
    depthwise : array_like of shape (C * m, 1, kh, kw)
        ``m`` kernels per input channel (the depth multiplier, usually 1),
        each applied to its channel alone: :func:`conv2d` with ``groups=C``.
    pointwise : array_like of shape (F, C * m, 1, 1)
        ``F`` 1×1 filters mixing the depthwise maps.
    bias : array_like of shape (F,), optional
        Added after the 1×1 convolution.
    mode, padding, pad_mode, stride, dilation
        Those of the depthwise convolution, as in :func:`correlate2d`.

    Returns
    -------
    ndarray of shape (F, OH, OW) or (N, F, OH, OW)

    Notes
    -----
    It is one ordinary convolution whose weights are the products
    ``W[f, c, i, j] = sum_q pointwise[f, c*m + q] * depthwise[c*m + q, 0, i, j]``
    (a filter of rank one across channels and space), computed with
    ``C*m*kh*kw + F*C*m`` weights instead of ``F*C*kh*kw``; see
    :func:`convlib.cost.separable_layer` for the counts.

    Examples
    --------
    >>> x = np.arange(18).reshape(2, 3, 3)
    >>> dw = np.ones((2, 1, 2, 2))                  # a 2x2 box on each channel
    >>> pw = np.array([[1, -1]]).reshape(1, 2, 1, 1)  # channel 0 minus channel 1
    >>> separable_conv2d(x, dw, pw)
    array([[[-36., -36.],
            [-36., -36.]]])
    """
    d, c = _depthwise_weights(x, depthwise)
    maps = conv2d(x, d, mode=mode, padding=padding, pad_mode=pad_mode, stride=stride, dilation=dilation, groups=c)
    return conv2d(maps, pointwise, bias)
