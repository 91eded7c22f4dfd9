"""Pooling: the largest value or the mean of each window, the fast path and the plan it shares with the walk.

A pooling layer slides a window over each channel of its input, as a
convolution does, but has no weights: each output cell is the **largest**
value in its window (max pooling) or their **mean** (average pooling).
Channels are pooled one by one, so a ``(C, H, W)`` input gives a
``(C, OH, OW)`` output; a batch ``(N, C, H, W)`` works the same way.

* :func:`pool2d` (and its two spellings :func:`max_pool` and
  :func:`average_pool`), :func:`pool_output_shape` and
  :func:`global_average_pool`;
* the plan (``_pool_plan``): the padded input, the window size, the stride,
  the output's shape and, for averages, how many cells each window divides
  by.  The fast path here and the step-by-step walk in :mod:`convlib.walk`
  (:func:`convlib.walk.pool_trace`) read the same plan and combine the
  cells in the same order, so the walk's numbers equal the fast path's bit
  for bit.

Conventions (the ones PyTorch's ``MaxPool2d`` and ``AvgPool2d`` use, except
where said):

* the stride defaults to the window size: windows side by side, no overlap;
* padding adds cells around the input; it may be at most half the window on
  each side (``size // 2``), so that every window holds at least one cell of
  the input;
* in max pooling a padding cell counts as minus infinity: it never wins;
* in average pooling padding cells are **left out of the mean** by default
  (``count_include_pad=False``: a corner window with one real cell is that
  cell's value, not a quarter of it).  ``count_include_pad=True`` counts
  them as zeros and divides by the whole window, which is PyTorch's default;
* windows that would stick out of the padded input are not used (the floor
  of :func:`convlib.output_shape`; no ``ceil_mode``).

This module belongs to the maths layer: numpy only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import fast
from ._validate import as_array, as_bool, as_choice, as_padding, as_pair, describe
from .conv import _acc_dtype

__all__ = [
    "POOL_KINDS",
    "average_pool",
    "global_average_pool",
    "max_pool",
    "pool2d",
    "pool_output_shape",
]

#: The two kinds of pooling: the largest value of each window, or their mean.
POOL_KINDS = ("max", "average")


# --------------------------------------------------------------------------
# parameters
# --------------------------------------------------------------------------
def _window(size, stride, padding):
    """Window size, stride (default: the size) and padding, checked."""
    kh, kw = as_pair(size, "size")
    strides = (kh, kw) if stride is None else as_pair(stride, "stride")
    widths = as_padding(padding)
    (t, b), (left, r) = widths
    if max(t, b) > kh // 2 or max(left, r) > kw // 2:
        msg = (
            f"padding must be at most half the window on each side, so that every window holds at "
            f"least one cell of the input: for a {kh}x{kw} window at most {kh // 2} rows and "
            f"{kw // 2} columns; received padding {widths} (use a larger size or less padding)"
        )
        raise ValueError(msg)
    return (kh, kw), strides, widths


def _out_shape(hw, size, strides, widths):
    (h, w), (kh, kw), (sh, sw), ((t, b), (left, r)) = hw, size, strides, widths
    ph, pw = h + t + b, w + left + r
    if kh > ph or kw > pw:
        msg = (
            f"size is larger than the padded input: a {kh}x{kw} window does not fit in an input of "
            f"shape {(h, w)}, which is {(ph, pw)} after padding; expected a window no larger than the "
            f"padded input (use a smaller size)"
        )
        raise ValueError(msg)
    return ((ph - kh) // sh + 1, (pw - kw) // sw + 1)


def pool_output_shape(input_shape, size=2, *, stride=None, padding=0) -> tuple[int, int]:
    """Size ``(OH, OW)`` of the output of a pooling layer.

    Parameters
    ----------
    input_shape : tuple of int
        ``(H, W)``, or any shape whose last two entries are ``H, W``.
    size : int or pair of int, default 2
        The window, ``(kh, kw)``.
    stride : int or pair of int, optional
        Step between windows; by default the window size.
    padding : int, pair, 4-tuple or pair of pairs, default 0
        As in :func:`convlib.correlate2d`; at most ``size // 2`` per side.

    Returns
    -------
    (int, int)

    Notes
    -----
    The rule of :func:`convlib.output_shape` with a kernel of the window's
    size and no dilation: ``floor((n + P - k) / s) + 1`` per axis.

    Examples
    --------
    >>> pool_output_shape((6, 6))                 # 2x2 windows, stride 2
    (3, 3)
    >>> pool_output_shape((7, 7), 3, stride=2, padding=1)
    (4, 4)
    """
    try:
        shape = tuple(input_shape)
    except TypeError:
        msg = f"input_shape must be a tuple (..., H, W); received {describe(input_shape)}"
        raise TypeError(msg) from None
    if len(shape) < 2:
        msg = f"input_shape must be a tuple (..., H, W); received {describe(input_shape)}"
        raise ValueError(msg)
    hw = as_pair(shape[-2:], "input_shape")
    return _out_shape(hw, *_window(size, stride, padding))


# --------------------------------------------------------------------------
# the plan shared by the fast path and the steps
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class _PoolPlan:
    kind: str
    padded: np.ndarray           # (..., PH, PW) in the working dtype; padding cells hold ``fill``
    real: np.ndarray             # (PH, PW) bool: True on cells of the input, False on padding
    counts: np.ndarray | None    # (OH, OW): what each mean divides by, in the working dtype (average only)
    fill: object                 # what a padding cell holds
    size: tuple[int, int]
    stride: tuple[int, int]
    padding: tuple
    out_shape: tuple[int, int]
    dtype: np.dtype
    count_include_pad: bool

    def view(self, i: int, j: int, array: np.ndarray | None = None) -> np.ndarray:
        """Cells that window position (i, j) meets, for every output cell (of ``padded`` by default)."""
        arr = self.padded if array is None else array
        (sh, sw), (oh, ow) = self.stride, self.out_shape
        return arr[..., i : i + (oh - 1) * sh + 1 : sh, j : j + (ow - 1) * sw + 1 : sw]


def _work_dtype(kind: str, dtype: np.dtype) -> np.dtype:
    """Max keeps the input's type (nothing is added); sums are widened as convolution's are."""
    return dtype if kind == "max" else _acc_dtype(dtype)


def _pool_plan(x, size, *, kind, stride, padding, count_include_pad, ndim=(2, 3, 4), name="x") -> _PoolPlan:
    X = as_array(x, name, ndim)
    kind = as_choice(kind, "kind", POOL_KINDS)
    include = as_bool(count_include_pad, "count_include_pad")
    size, strides, widths = _window(size, stride, padding)
    out = _out_shape(X.shape[-2:], size, strides, widths)
    dtype = _work_dtype(kind, X.dtype)
    (t, b), (left, r) = widths
    lead = math.prod(X.shape[:-2])
    cells = lead * ((X.shape[-2] + t + b) * (X.shape[-1] + left + r) + out[0] * out[1])
    fast.check_memory(cells * dtype.itemsize,
                      f"pooling an input of shape {X.shape} padded by {widths} (output of shape {out})")
    if kind == "max":
        fill = -np.inf if dtype.kind == "f" else np.iinfo(dtype).min
    else:
        fill = 0
    fill = dtype.type(fill)
    arr = X.astype(dtype, copy=False)
    if widths != ((0, 0), (0, 0)):
        full = ((0, 0),) * (X.ndim - 2) + widths
        arr = np.pad(arr, full, mode="constant", constant_values=fill)
    real = np.zeros(arr.shape[-2:], dtype=bool)
    real[t : t + X.shape[-2], left : left + X.shape[-1]] = True
    plan = _PoolPlan(kind, arr, real, None, fill, size, strides, widths, out, dtype, include)
    if kind == "max":
        return plan
    kh, kw = size
    if include:
        counts = np.full(out, kh * kw, dtype=np.int64)
    else:
        counts = np.zeros(out, dtype=np.int64)
        for i in range(kh):
            for j in range(kw):
                counts += plan.view(i, j, real)
    # integer sums are divided as integers (numpy converts both to float64);
    # float sums by a count of their own type, so float32 stays float32
    divisor = counts if dtype.kind in "iu" else counts.astype(dtype)
    return _PoolPlan(kind, arr, real, divisor, fill, size, strides, widths, out, dtype, include)


# --------------------------------------------------------------------------
# fast path
# --------------------------------------------------------------------------
def _pool(plan: _PoolPlan) -> np.ndarray:
    """One whole-array operation per window position, in row-major order (the walk's order)."""
    kh, kw = plan.size
    if plan.kind == "max":
        out = plan.view(0, 0).copy()
        for i in range(kh):
            for j in range(kw):
                if i or j:
                    np.maximum(out, plan.view(i, j), out=out)
        return out
    total = np.zeros(plan.padded.shape[:-2] + plan.out_shape, dtype=plan.dtype)
    for i in range(kh):
        for j in range(kw):
            total += plan.view(i, j)
    return total / plan.counts


def pool2d(x, size=2, *, kind: str = "max", stride=None, padding=0,
           count_include_pad: bool = False) -> np.ndarray:
    """Max or average pooling of a picture, a stack of channels or a batch.

    Parameters
    ----------
    x : array_like of shape (H, W), (C, H, W) or (N, C, H, W)
        The input; every channel (and every picture of a batch) is pooled
        on its own.
    size : int or pair of int, default 2
        The window, ``(kh, kw)``.
    kind : {'max', 'average'}, default 'max'
        'max': each output cell is the largest value in its window;
        'average': the mean of the window.
    stride : int or pair of int, optional
        Step between windows; by default the window size (windows side by
        side, as in PyTorch).
    padding : int, pair, 4-tuple or pair of pairs, default 0
        Cells added around the input; at most ``size // 2`` on each side.
        In max pooling a padding cell counts as minus infinity (it never
        wins); in average pooling see ``count_include_pad``.
    count_include_pad : bool, default False
        Average pooling only (ignored by max pooling).  False: padding cells
        are left out of the mean, which divides by the number of input cells
        in the window.  True: they count as zeros and every mean divides by
        ``kh * kw`` (PyTorch's default).

    Returns
    -------
    ndarray of shape (..., OH, OW)
        See :func:`pool_output_shape`.  Max pooling keeps the input's dtype
        (booleans become int64); averages of integers are float64, of
        floats keep their precision (float16 becomes float32).

    Notes
    -----
    With padded input ``P``, window ``(kh, kw)`` and stride ``(sh, sw)``::

        Y[r, c] = max_{i, j} P[r*sh + i, c*sw + j]
        Y[r, c] = (sum_{i, j} P[r*sh + i, c*sw + j]) / n[r, c]

    where ``n[r, c]`` is the number of input cells in the window (or
    ``kh * kw`` with ``count_include_pad=True``).  The cells are combined
    in row-major order, one whole-array ``maximum`` or ``+`` per window
    position, as :func:`convlib.walk.pool_steps` does one window at a time.

    Examples
    --------
    >>> X = [[1, 2, 0, 3], [4, 6, 5, 1], [0, 2, 7, 8], [3, 1, 2, 4]]
    >>> pool2d(X)
    array([[6, 5],
           [3, 8]])
    >>> pool2d(X, kind="average")
    array([[3.25, 2.25],
           [1.5 , 5.25]])
    >>> pool2d([[1, 2], [3, 4]], kind="average", padding=1).tolist()   # corners: one cell each
    [[1.0, 2.0], [3.0, 4.0]]
    """
    plan = _pool_plan(x, size, kind=kind, stride=stride, padding=padding, count_include_pad=count_include_pad)
    return _pool(plan)


def max_pool(x, size=2, *, stride=None, padding=0) -> np.ndarray:
    """Max pooling: ``pool2d(x, size, kind='max', ...)``.

    Examples
    --------
    >>> max_pool([[1, 5, 2], [7, 3, 9], [4, 8, 6]], 2, stride=1)
    array([[7, 9],
           [8, 9]])
    """
    return pool2d(x, size, kind="max", stride=stride, padding=padding)


def average_pool(x, size=2, *, stride=None, padding=0, count_include_pad: bool = False) -> np.ndarray:
    """Average pooling: ``pool2d(x, size, kind='average', ...)``; padding left out of the mean by default.

    Examples
    --------
    >>> average_pool([[1, 5, 2], [7, 3, 9], [4, 8, 6]], 2, stride=1)
    array([[4.  , 4.75],
           [5.5 , 6.5 ]])
    """
    return pool2d(x, size, kind="average", stride=stride, padding=padding,
                  count_include_pad=count_include_pad)


def global_average_pool(x) -> np.ndarray:
    """The mean of each channel: one number per channel, whatever the picture's size.

    What a CNN often does after its last convolution: a ``(C, H, W)`` stack
    of feature maps becomes ``C`` numbers, the input of the final layer.

    Parameters
    ----------
    x : array_like of shape (H, W), (C, H, W) or (N, C, H, W)

    Returns
    -------
    ndarray of shape (), (C,) or (N, C)
        Float64 for integer input; floats keep their precision (float16
        becomes float32).

    Notes
    -----
    Average pooling with one window as large as the picture: equal, up to
    rounding, to ``pool2d(x, (H, W), kind='average')[..., 0, 0]``.  Computed
    with one ``numpy.mean`` (pairwise summation), not window cell by window
    cell: a photo has hundreds of thousands of cells.

    Examples
    --------
    >>> global_average_pool([[[1, 2], [3, 4]], [[0, 0], [0, 8]]])
    array([2.5, 2. ])
    """
    X = as_array(x, "x", (2, 3, 4))
    dtype = _work_dtype("average", X.dtype)
    out_dtype = np.dtype(np.float64) if dtype.kind in "iu" else dtype
    return np.asarray(X.mean(axis=(-2, -1), dtype=out_dtype))
