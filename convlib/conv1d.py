"""One-dimensional convolution: a signal is an image with one row.

The maths layer of lesson 10's sequences, numpy only.  Nothing is computed
twice: a signal of ``N`` samples is run through :mod:`convlib.conv` as a
``1 x N`` image with a ``1 x k`` kernel, padded on the left and right only,
so the fast path (:func:`correlate1d`, :func:`conv1d`) and the walk
(:func:`steps1d`, :func:`trace1d`, one step per output sample) share
:mod:`convlib.conv`'s plan and agree bit for bit.

The one padding that is new is 'causal': ``d(k-1)`` zeros on the left and
none on the right, so that output sample ``n`` reads only input samples
``n`` and before: what a filter running in real time, or a layer of a
sequence model that must not see the future, can do.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ._validate import as_array, as_choice, as_int, describe
from .conv import conv2d, correlate2d, output_shape
from .walk import Step, Trace, steps, trace

__all__ = [
    "MODES_1D",
    "conv1d",
    "convolve1d",
    "correlate1d",
    "output_length",
    "resolve_padding1d",
    "steps1d",
    "trace1d",
]

#: Output modes of a 1-D convolution: those of 2-D, and 'causal'.
MODES_1D = ("valid", "same", "full", "causal")


def resolve_padding1d(length: int, kernel_size: int, *, mode: str = "valid", padding=None, dilation: int = 1,
                      flip: bool = False) -> tuple[int, int]:
    """Return the padding ``(left, right)`` that a 1-D call uses.

    Parameters
    ----------
    length, kernel_size : int
        ``N`` samples and ``k`` taps.
    mode : {'valid', 'same', 'full', 'causal'}, default 'valid'
        Used when ``padding`` is None.  'valid' adds nothing; 'full' adds
        ``e - 1`` on each side, where ``e = d(k-1) + 1`` is the kernel's span;
        'same' adds ``e - 1`` in all (the extra one on the right, or on the
        left for a flipped kernel, as ``scipy.signal``); 'causal' adds
        ``e - 1`` on the left only.
    padding : int or (int, int), optional
        Explicit padding, on both sides or ``(left, right)``; overrides ``mode``.
    dilation : int, default 1
    flip : bool, default False

    Examples
    --------
    >>> resolve_padding1d(10, 3, mode="same"), resolve_padding1d(10, 3, mode="causal", dilation=2)
    ((1, 1), (4, 0))
    """
    as_int(length, "length", 1)
    k = as_int(kernel_size, "kernel_size", 1)
    d = as_int(dilation, "dilation", 1)
    if padding is not None:
        if mode not in (None, "valid"):
            msg = (f"mode and padding cannot both be given: padding={padding!r} already fixes the padding; "
                   f"received mode={mode!r} (leave mode as 'valid')")
            raise ValueError(msg)
        if isinstance(padding, (tuple, list)):
            if len(padding) != 2:
                msg = f"padding must be one integer >= 0 or a pair (left, right); received {describe(padding)}"
                raise ValueError(msg)
            return as_int(padding[0], "padding[0]", 0), as_int(padding[1], "padding[1]", 0)
        p = as_int(padding, "padding", 0)
        return p, p
    as_choice(mode, "mode", MODES_1D)
    e = d * (k - 1) + 1
    if mode == "valid":
        return 0, 0
    if mode == "full":
        return e - 1, e - 1
    if mode == "causal":
        return e - 1, 0
    before = e // 2 if flip else (e - 1) // 2
    return before, e - 1 - before


def output_length(length: int, kernel_size: int, *, mode: str = "valid", padding=None, stride: int = 1,
                  dilation: int = 1) -> int:
    """Number of output samples of a 1-D convolution.

    Notes
    -----
    With padding ``L + R``, span ``e = d(k-1) + 1`` and stride ``s``::

        out = floor((N + L + R - e) / s) + 1

    'same' and 'causal' both give ``N`` at stride 1; 'full' gives ``N + e - 1``.

    Examples
    --------
    >>> output_length(10, 3), output_length(10, 3, mode="causal"), output_length(10, 3, mode="full", stride=2)
    (8, 10, 6)
    """
    left, right = resolve_padding1d(length, kernel_size, mode=mode, padding=padding, dilation=dilation)
    return output_shape((1, length), (1, kernel_size), padding=((0, 0), (left, right)), stride=(1, stride),
                        dilation=(1, dilation))[1]


def _as_2d(signal, kernel, mode, padding, stride, dilation, flip):
    x = as_array(signal, "signal", 1)
    k = as_array(kernel, "kernel", 1)
    s = as_int(stride, "stride", 1)
    d = as_int(dilation, "dilation", 1)
    pads = resolve_padding1d(x.shape[0], k.shape[0], mode=mode, padding=padding, dilation=d, flip=flip)
    return x[None, :], k[None, :], dict(padding=((0, 0), pads), stride=(1, s), dilation=(1, d))


def correlate1d(signal, kernel, *, mode: str = "valid", padding=None, pad_mode: str = "zero", stride: int = 1,
                dilation: int = 1, bias=None, flip: bool = False) -> np.ndarray:
    """1-D cross-correlation: the kernel slides along the signal as it is.

    Parameters
    ----------
    signal : array_like of shape (N,)
    kernel : array_like of shape (k,)
    mode : {'valid', 'same', 'full', 'causal'}, default 'valid'
        See :func:`resolve_padding1d`.
    padding : int or (int, int), optional
        Explicit padding ``(left, right)``, instead of ``mode``.
    pad_mode : {'zero', 'reflect', 'replicate', 'circular'}, default 'zero'
    stride, dilation : int, default 1
    bias : float, optional
    flip : bool, default False
        Flip the kernel first (true convolution; see :func:`convolve1d`).

    Returns
    -------
    ndarray of shape (OUT,)
        See :func:`output_length`.

    Notes
    -----
    With the padded signal ``P``: ``y[n] = bias + sum_j K[j] P[n*s + j*d]``.

    Examples
    --------
    >>> correlate1d([1, 2, 3, 4, 5], [1, 1, 1])
    array([ 6,  9, 12])
    >>> correlate1d([1, 2, 3, 4, 5], [1, 1, 1], mode="causal")     # y[n] = x[n-2] + x[n-1] + x[n]
    array([ 1,  3,  6,  9, 12])
    """
    x, k, opts = _as_2d(signal, kernel, mode, padding, stride, dilation, flip)
    return correlate2d(x, k, pad_mode=pad_mode, bias=bias, flip=flip, method="direct", **opts)[0]


def convolve1d(signal, kernel, **options) -> np.ndarray:
    """True 1-D convolution (the kernel flipped); matches ``numpy.convolve`` for 'valid', 'same' and 'full'.

    Examples
    --------
    >>> convolve1d([1, 2, 3], [1, -1], mode="full")
    array([ 1,  1,  1, -3])
    """
    if "flip" in options:
        msg = f"convolve1d always flips the kernel; received flip={options['flip']!r} (use correlate1d)"
        raise TypeError(msg)
    return correlate1d(signal, kernel, flip=True, **options)


def conv1d(x, weights, bias=None, *, mode: str = "valid", padding=None, pad_mode: str = "zero", stride: int = 1,
           dilation: int = 1, groups: int = 1) -> np.ndarray:
    """A 1-D convolutional layer (temporal convolution) over a sequence with channels.

    Parameters
    ----------
    x : array_like of shape (C, N) or (B, C, N)
        ``C`` channels of ``N`` samples, or a batch of ``B`` of them.
    weights : array_like of shape (F, C // groups, k)
    bias : array_like of shape (F,), optional
    mode, padding, pad_mode, stride, dilation
        As in :func:`correlate1d` ('causal' included).
    groups : int, default 1
        As in :func:`convlib.conv2d`.

    Returns
    -------
    ndarray of shape (F, OUT) or (B, F, OUT)

    Examples
    --------
    >>> conv1d([[1, 2, 3, 4]], [[[-1, 1]], [[1, 1]]], mode="causal")   # x[n] - x[n-1], x[n-1] + x[n]
    array([[1, 1, 1, 1],
           [1, 3, 5, 7]])
    """
    X = as_array(x, "x", (2, 3))
    W = as_array(weights, "weights", 3)
    d = as_int(dilation, "dilation", 1)
    pads = resolve_padding1d(X.shape[-1], W.shape[-1], mode=mode, padding=padding, dilation=d)
    out = conv2d(X[..., None, :], W[:, :, None, :], bias, padding=((0, 0), pads), pad_mode=pad_mode,
                 stride=(1, as_int(stride, "stride", 1)), dilation=(1, d), groups=groups)
    return out[..., 0, :]


def steps1d(signal, kernel, *, mode="valid", padding=None, pad_mode="zero", stride=1, dilation=1, bias=None,
            flip=False) -> Iterator[Step]:
    """Yield every step of a 1-D correlation: one per output sample, each with its window and products.

    The steps are those of the ``1 x N`` image (:func:`convlib.steps`):
    ``out_index`` is ``(0, n)`` and ``cols`` the padded samples read.

    Examples
    --------
    >>> [int(s.value) for s in steps1d([1, 2, 3, 4, 5], [1, 1, 1], mode="causal")]
    [1, 3, 6, 9, 12]
    """
    x, k, opts = _as_2d(signal, kernel, mode, padding, stride, dilation, flip)
    return steps(x, k, pad_mode=pad_mode, bias=bias, flip=flip, **opts)


def trace1d(signal, kernel, *, mode="valid", padding=None, pad_mode="zero", stride=1, dilation=1, bias=None,
            flip=False) -> Trace:
    """Compute a 1-D correlation step by step; a :class:`convlib.Trace` of the ``1 x N`` image.

    Examples
    --------
    >>> t = trace1d([1, 2, 3, 4, 5], [-1, 1], mode="causal")
    >>> t.output[0].tolist(), t.padding
    ([1, 1, 1, 1, 1], ((0, 0), (1, 0)))
    """
    x, k, opts = _as_2d(signal, kernel, mode, padding, stride, dilation, flip)
    return trace(x, k, pad_mode=pad_mode, bias=bias, flip=flip, **opts)
