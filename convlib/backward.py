"""The backward pass of a convolutional layer, written as convolutions.

Training a network needs, for every layer, how the loss changes when each
input value and each weight changes: the gradients.  For the layer
``Y = conv2d(X, W, b)`` of :func:`convlib.conv2d`, given the gradient of the
loss with respect to its output, ``dY`` (same shape as ``Y``), this module
computes

* :func:`grad_input`: ``dX``, a **full convolution** of ``dY`` with the
  kernel flipped (zeros inserted between the cells of ``dY`` first when the
  stride is above 1, :func:`upsample`);
* :func:`grad_weights`: ``dW``, a **correlation** of the padded input with
  ``dY`` (``dY``'s cells spread ``stride`` apart);
* :func:`grad_bias`: ``db``, the sum of ``dY`` over everything but the
  filters;
* :func:`conv2d_backward`: all three at once, as :class:`Gradients`.

For one channel, :func:`grad_input_trace` and :func:`grad_weights_trace`
give these same computations as a :class:`convlib.Trace`: a forward walk
that *is* the gradient computation, so the step-through widget shows the
backward pass the way it shows the forward one (lesson 07).

numpy only; padding modes 'zero', 'reflect', 'replicate' and 'circular',
stride and dilation are all handled.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validate import as_array, as_pair, as_shape, check_shape
from .conv import _acc_dtype, _pad, _pad_mode, conv2d, output_shape, resolve_padding
from .walk import Trace, trace

__all__ = [
    "Gradients",
    "conv2d_backward",
    "grad_bias",
    "grad_input",
    "grad_input_trace",
    "grad_weights",
    "grad_weights_trace",
    "upsample",
]


class Gradients(NamedTuple):
    """The gradients of a loss with respect to a convolutional layer's input, weights and bias."""

    x: np.ndarray
    weights: np.ndarray
    bias: np.ndarray


class _Geometry(NamedTuple):
    widths: tuple          # ((top, bottom), (left, right))
    stride: tuple
    dilation: tuple
    out: tuple             # (OH, OW)
    padded: tuple          # (Hp, Wp)
    span: tuple            # dilated kernel size (eh, ew)


def _geometry(input_hw, kernel_hw, *, mode, padding, stride, dilation) -> _Geometry:
    strides, dils = as_pair(stride, "stride"), as_pair(dilation, "dilation")
    widths = resolve_padding(input_hw, kernel_hw, mode=mode, padding=padding, dilation=dils)
    out = output_shape(input_hw, kernel_hw, padding=widths, stride=strides, dilation=dils)
    padded = tuple(n + a + b for n, (a, b) in zip(input_hw, widths, strict=True))
    span = tuple(d * (k - 1) + 1 for d, k in zip(dils, kernel_hw, strict=True))
    return _Geometry(widths, strides, dils, out, padded, span)


def upsample(grad_output, stride=1) -> np.ndarray:
    """Spread the cells of a gradient ``stride`` apart, with zeros in between.

    A layer with stride ``s`` uses only every ``s``-th window position; the
    positions it skipped get gradient 0.  After this, the backward pass is
    the same as for stride 1.

    Parameters
    ----------
    grad_output : array_like of shape (..., OH, OW)
    stride : int or pair of int, default 1

    Returns
    -------
    ndarray of shape (..., (OH - 1) * sh + 1, (OW - 1) * sw + 1)

    Examples
    --------
    >>> upsample([[1, 2], [3, 4]], 2)
    array([[1, 0, 2],
           [0, 0, 0],
           [3, 0, 4]])
    """
    G = as_array(grad_output, "grad_output", (2, 3, 4))
    sh, sw = as_pair(stride, "stride")
    oh, ow = G.shape[-2:]
    out = np.zeros(G.shape[:-2] + ((oh - 1) * sh + 1, (ow - 1) * sw + 1), dtype=G.dtype)
    out[..., ::sh, ::sw] = G
    return out


def _fold_padding(dP: np.ndarray, hw, widths, pad_mode: str) -> np.ndarray:
    """Gradient with respect to the padded input -> gradient with respect to the input.

    Zero padding: the padding cells are constants, so their gradient is
    dropped.  Other modes copy input cells into the padding; each copy's
    gradient is added back to the cell it came from.
    """
    (t, _), (left, _) = widths
    h, w = hw
    if pad_mode == "zero":
        return np.ascontiguousarray(dP[..., t : t + h, left : left + w])
    source = _pad(np.arange(h * w).reshape(h, w), widths, pad_mode).ravel()
    flat = dP.reshape(-1, dP.shape[-2] * dP.shape[-1])
    out = np.zeros((flat.shape[0], h * w), dtype=dP.dtype)
    np.add.at(out, (slice(None), source), flat)
    return out.reshape(dP.shape[:-2] + (h, w))


def _checked(x_shape, weights, grad_output, *, mode, padding, stride, dilation):
    """Validate the arrays of a backward pass; return weights, grad_output and the geometry."""
    W = as_array(weights, "weights", 4)
    G = as_array(grad_output, "grad_output", (3, 4))
    geo = _geometry(x_shape[-2:], W.shape[-2:], mode=mode, padding=padding, stride=stride, dilation=dilation)
    if x_shape[-3] != W.shape[1]:
        msg = (f"weights must have one kernel per input channel: x has {x_shape[-3]} channels, so weights "
               f"should have shape (F, {x_shape[-3]}, kh, kw); received weights of shape {W.shape}")
        raise ValueError(msg)
    want = tuple(x_shape[:-3]) + (W.shape[0],) + geo.out
    check_shape(G, "grad_output", want, what="the shape of the layer's output Y")
    return W, G, geo


def _input_shape(input_shape) -> tuple:
    try:
        shape = tuple(int(n) for n in input_shape)
    except (TypeError, ValueError):
        msg = f"input_shape must be a tuple (C, H, W) or (N, C, H, W); received {input_shape!r}"
        raise TypeError(msg) from None
    if len(shape) not in (3, 4) or min(shape) < 1:
        msg = f"input_shape must be a tuple (C, H, W) or (N, C, H, W) of positive sizes; received {shape}"
        raise ValueError(msg)
    return shape


def grad_input(grad_output, weights, input_shape, *, mode="valid", padding=None, pad_mode="zero",
               stride=1, dilation=1) -> np.ndarray:
    """Gradient of the loss with respect to the input of :func:`convlib.conv2d`.

    Parameters
    ----------
    grad_output : array_like of shape (F, OH, OW) or (N, F, OH, OW)
        ``dY``: the gradient with respect to the layer's output.
    weights : array_like of shape (F, C, kh, kw)
    input_shape : tuple of int
        ``(C, H, W)`` or ``(N, C, H, W)``, the shape of the layer's input.
    mode, padding, pad_mode, stride, dilation
        As given to :func:`convlib.conv2d`.

    Returns
    -------
    dX : ndarray of shape input_shape

    Notes
    -----
    ``Y[f, r, c] = sum_{ch,i,j} W[f, ch, i, j] P[ch, r*s + i*d, c*s + j*d]``
    with ``P`` the padded input, so each ``P[ch, a, b]`` receives
    ``dY[f, r, c] * W[f, ch, i, j]`` from every ``(r, c, i, j)`` with
    ``r*s + i*d = a`` (and the same for columns).  With ``U`` =
    :func:`upsample` of ``dY`` (its cells ``s`` apart) that is a full
    convolution: the kernel flipped, dilated by ``d``, slid over ``U``
    padded by the kernel's span minus one::

        dP[ch] = sum_f  full_convolve(U[f], W[f, ch])   (dilation d)

    Rows and columns the stride never reached get 0; then the gradient of
    the padding is dropped (zero padding) or added back to the input cells
    it copies (other modes).

    Examples
    --------
    >>> x = np.arange(9.0).reshape(1, 3, 3)
    >>> w = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    >>> grad_input(np.ones((1, 2, 2)), w, x.shape)[0]
    array([[ 1.,  3.,  2.],
           [ 4., 10.,  6.],
           [ 3.,  7.,  4.]])
    """
    shape = _input_shape(input_shape)
    W, G, geo = _checked(shape, weights, grad_output, mode=mode, padding=padding, stride=stride,
                         dilation=dilation)
    pmode = _pad_mode(pad_mode)
    U = upsample(G, geo.stride)
    extra = [p - ((o - 1) * s + e) for p, o, s, e in zip(geo.padded, geo.out, geo.stride, geo.span, strict=True)]
    full = tuple((e - 1, e - 1 + x) for e, x in zip(geo.span, extra, strict=True))
    flipped = W[:, :, ::-1, ::-1].transpose(1, 0, 2, 3)      # (C, F, kh, kw)
    dP = conv2d(U, flipped, padding=full, dilation=geo.dilation)
    return _fold_padding(dP, shape[-2:], geo.widths, pmode)


def grad_weights(x, grad_output, kernel_shape, *, mode="valid", padding=None, pad_mode="zero", stride=1,
                 dilation=1) -> np.ndarray:
    """Gradient of the loss with respect to the weights of :func:`convlib.conv2d`.

    Parameters
    ----------
    x : array_like of shape (C, H, W) or (N, C, H, W)
        The layer's input.
    grad_output : array_like of shape (F, OH, OW) or (N, F, OH, OW)
        ``dY``.
    kernel_shape : (int, int)
        ``(kh, kw)``.
    mode, padding, pad_mode, stride, dilation
        As given to :func:`convlib.conv2d`.

    Returns
    -------
    dW : ndarray of shape (F, C, kh, kw)

    Notes
    -----
    ``dW[f, ch, i, j] = sum_{n,r,c} dY[n, f, r, c] P[n, ch, i*d + r*s, j*d + c*s]``:
    a cross-correlation of the padded input ``P`` with ``dY`` as the
    kernel, ``dY``'s taps ``s`` (the stride) apart and its window moving
    ``d`` (the dilation) at a time; summed over the batch.  Computed one
    weight position ``(i, j)`` at a time (``numpy.tensordot`` over the
    batch and the output cells); :func:`grad_weights_trace` walks the
    same sums as a correlation.

    Examples
    --------
    >>> x = np.arange(9.0).reshape(1, 3, 3)
    >>> grad_weights(x, np.ones((1, 2, 2)), (2, 2))[0, 0]
    array([[ 8., 12.],
           [20., 24.]])
    """
    X = as_array(x, "x", (3, 4))
    kh, kw = as_shape(kernel_shape, "kernel_shape")
    G = as_array(grad_output, "grad_output", (3, 4))
    weights_shape = (G.shape[-3], X.shape[-3], kh, kw)
    _, G, geo = _checked(X.shape, np.zeros(weights_shape, dtype=np.int8), G, mode=mode, padding=padding,
                         stride=stride, dilation=dilation)
    dtype = _acc_dtype(X.dtype, G.dtype)
    P = _pad(X, geo.widths, _pad_mode(pad_mode)).astype(dtype, copy=False)
    Gd = G.astype(dtype, copy=False)
    (sh, sw), (dh, dw), (oh, ow) = geo.stride, geo.dilation, geo.out
    axes = [0, 2, 3] if X.ndim == 4 else [1, 2]
    dW = np.zeros(weights_shape, dtype=dtype)
    for i in range(kh):
        for j in range(kw):
            view = P[..., i * dh : i * dh + (oh - 1) * sh + 1 : sh, j * dw : j * dw + (ow - 1) * sw + 1 : sw]
            dW[:, :, i, j] = np.tensordot(Gd, view, axes=(axes, axes))
    return dW


def grad_bias(grad_output) -> np.ndarray:
    """Gradient with respect to the biases: ``dY`` summed over the batch and the output cells.

    Parameters
    ----------
    grad_output : array_like of shape (F, OH, OW) or (N, F, OH, OW)

    Returns
    -------
    db : ndarray of shape (F,)

    Examples
    --------
    >>> grad_bias(np.ones((2, 3, 4, 4)))
    array([32., 32., 32.])
    """
    G = as_array(grad_output, "grad_output", (3, 4))
    return G.sum(axis=(0, 2, 3) if G.ndim == 4 else (1, 2))


def conv2d_backward(x, weights, grad_output, *, mode="valid", padding=None, pad_mode="zero", stride=1,
                    dilation=1) -> Gradients:
    """All the gradients of one :func:`convlib.conv2d` layer: input, weights and bias.

    Parameters
    ----------
    x : array_like of shape (C, H, W) or (N, C, H, W)
    weights : array_like of shape (F, C, kh, kw)
    grad_output : array_like, the shape of the layer's output
    mode, padding, pad_mode, stride, dilation
        As given to :func:`convlib.conv2d`.

    Returns
    -------
    Gradients
        ``(x, weights, bias)``: :func:`grad_input`, :func:`grad_weights`,
        :func:`grad_bias`.

    Examples
    --------
    >>> g = conv2d_backward(np.ones((1, 4, 4)), np.ones((2, 1, 3, 3)), np.ones((2, 2, 2)))
    >>> g.x.shape, g.weights.shape, g.bias.tolist()
    ((1, 4, 4), (2, 1, 3, 3), [4.0, 4.0])
    """
    X = as_array(x, "x", (3, 4))
    W = as_array(weights, "weights", 4)
    options = dict(mode=mode, padding=padding, pad_mode=pad_mode, stride=stride, dilation=dilation)
    dX = grad_input(grad_output, W, X.shape, **options)
    dW = grad_weights(X, grad_output, W.shape[-2:], **options)
    return Gradients(dX, dW, grad_bias(grad_output))


# --------------------------------------------------------------------------
# the backward pass as a walk, for one channel
# --------------------------------------------------------------------------
def _one_channel(image, kernel_shape, grad_output, *, mode, padding, stride, dilation):
    X = as_array(image, "x", 2)
    G = as_array(grad_output, "grad_output", 2)
    geo = _geometry(X.shape, kernel_shape, mode=mode, padding=padding, stride=stride, dilation=dilation)
    check_shape(G, "grad_output", geo.out, what="the shape of the output Y")
    return X, G, geo


def grad_input_trace(grad_output, kernel, input_shape, *, mode="valid", padding=None, stride=1,
                     dilation=1) -> Trace:
    """The gradient with respect to the input of one channel, as a convolution to step through.

    Parameters
    ----------
    grad_output : array_like of shape (OH, OW)
        ``dY``.
    kernel : array_like of shape (kh, kw)
        The kernel ``K`` of the forward pass ``Y = correlate2d(X, K, ...)``.
    input_shape : (int, int)
        ``(H, W)``.
    mode, padding, stride, dilation
        As given to :func:`convlib.correlate2d`.

    Returns
    -------
    Trace
        The true convolution (``flip=True``) of :func:`upsample` ``(dY)``
        with ``K``, padded by the kernel's span minus one on every side
        (a full convolution; a few more zero rows or columns at the end when
        the stride skipped the last input cells).  Its output is the
        gradient with respect to the *padded* input, ``dP``; with mode
        'valid' (no padding) that is ``dX`` itself, otherwise ``dX`` is
        ``dP`` without its padding rows and columns.

    Examples
    --------
    >>> t = grad_input_trace([[1, 0], [0, 0]], [[1, 2], [3, 4]], (3, 3))
    >>> t.output.tolist()
    [[1, 2, 0], [3, 4, 0], [0, 0, 0]]
    >>> print(t.steps[4])
    Y[1,1] = 1×4 + 0×3 + 0×2 + 0×1 = 4
    """
    K = as_array(kernel, "kernel", 2)
    hw = as_shape(input_shape, "input_shape")
    _, G, geo = _one_channel(np.zeros(hw), K.shape, grad_output, mode=mode, padding=padding,
                             stride=stride, dilation=dilation)
    U = upsample(G, geo.stride)
    extra = [p - ((o - 1) * s + e) for p, o, s, e in zip(geo.padded, geo.out, geo.stride, geo.span, strict=True)]
    full = tuple((e - 1, e - 1 + x) for e, x in zip(geo.span, extra, strict=True))
    return trace(U, K, padding=full, dilation=geo.dilation, flip=True)


def grad_weights_trace(x, grad_output, kernel_shape, *, mode="valid", padding=None, pad_mode="zero", stride=1,
                       dilation=1) -> Trace:
    """The gradient with respect to a one-channel kernel, as a correlation to step through.

    Parameters
    ----------
    x : array_like of shape (H, W)
        The input of the forward pass.
    grad_output : array_like of shape (OH, OW)
        ``dY``.
    kernel_shape : (int, int)
    mode, padding, pad_mode, stride, dilation
        As given to :func:`convlib.correlate2d`.

    Returns
    -------
    Trace
        The cross-correlation of the padded input (cut to the rows and
        columns the windows reach) with ``dY`` as the kernel, ``dY``'s taps
        ``stride`` apart (its dilation) and moving ``dilation`` at a time
        (its stride).  Its output, shape ``(kh, kw)``, is ``dK``.

    Examples
    --------
    >>> X = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    >>> t = grad_weights_trace(X, [[1, 0], [0, 1]], (2, 2))
    >>> t.output.tolist()
    [[6, 8], [12, 14]]
    >>> print(t.steps[0])
    Y[0,0] = 1×1 + 2×0 + 4×0 + 5×1 = 6
    """
    kh, kw = as_shape(kernel_shape, "kernel_shape")
    X, G, geo = _one_channel(x, (kh, kw), grad_output, mode=mode, padding=padding, stride=stride,
                             dilation=dilation)
    P = _pad(X, geo.widths, _pad_mode(pad_mode))
    rows, cols = ((o - 1) * s + e for o, s, e in zip(geo.out, geo.stride, geo.span, strict=True))
    return trace(P[:rows, :cols], G, stride=geo.dilation, dilation=geo.stride)
