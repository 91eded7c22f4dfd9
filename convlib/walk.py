"""The steps of a convolution or a pooling: for every output cell, the window and its arithmetic.

:func:`steps` and :func:`trace` walk a convolution one output cell at a time,
in row-major order, giving the window's position, the window values, the
products and their sum (:class:`Step`).  They read the plan of
:mod:`convlib.conv` and add the products in the same order as the fast path,
so ``trace(X, K).output`` equals ``correlate2d(X, K)`` bit for bit.

:func:`pool_steps` and :func:`pool_trace` do the same for max and average
pooling (:class:`PoolStep`: the window, the cells that count, the winner or
the sum and what it is divided by), from the plan of :mod:`convlib.pool`, so
``pool_trace(X, 2).output`` equals ``pool2d(X, 2)`` bit for bit.  Both walks
give a :class:`Trace`, which the step-through widget shows.

This is the layer the pictures and widgets read: it knows about arrays and
nothing about drawing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from ._validate import as_int
from .conv import _check_bias_scalar, _Plan, _plan, format_number
from .pool import _pool_plan, _PoolPlan

__all__ = ["MAX_TRACE_STEPS", "TRACE_KINDS", "PoolStep", "Step", "Trace", "pool_steps", "pool_trace",
           "steps", "trace"]

#: What a :class:`Trace` can walk: a convolution (or cross-correlation), a max pooling, an average pooling.
TRACE_KINDS = ("conv", "max", "average")


def _operand(value) -> str:
    text = format_number(value)
    return f"({text})" if text.startswith("-") else text


@dataclass(frozen=True)
class Step:
    """One output cell of a convolution, with all of its arithmetic.

    Attributes
    ----------
    index : int
        Position of this step in the walk (0 for the first output cell).
    out_index : (int, int)
        ``(r, c)``: the output cell this step fills.
    top_left : (int, int)
        Where the window starts in the *padded* input.
    rows, cols : tuple of int
        The padded-input rows and columns the kernel taps land on (they are
        ``dilation`` apart).
    window : ndarray of shape (kh, kw)
        The input values under the kernel taps.
    kernel : ndarray of shape (kh, kw)
        The kernel as applied (already flipped for true convolution).
    products : ndarray of shape (kh, kw)
        ``window * kernel``.
    bias : number or None
    value : number
        The sum of the products (plus bias): ``Y[out_index]``.
    """

    index: int
    out_index: tuple[int, int]
    top_left: tuple[int, int]
    rows: tuple[int, ...]
    cols: tuple[int, ...]
    window: np.ndarray = field(repr=False)
    kernel: np.ndarray = field(repr=False)
    products: np.ndarray = field(repr=False)
    bias: object
    value: object

    def terms(self) -> list[str]:
        """Each product written out, ``'window×kernel'``, in summation order."""
        return [f"{_operand(a)}×{_operand(k)}" for a, k in zip(self.window.ravel(), self.kernel.ravel())]

    def equation(self, name: str = "Y") -> str:
        """The arithmetic of this step as one line.

        Examples
        --------
        >>> s = trace([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[0, 1], [1, 0]]).steps[1]
        >>> s.equation()
        'Y[0,1] = 2×0 + 3×1 + 5×1 + 6×0 = 8'
        """
        parts = self.terms()
        if self.bias is not None:
            parts.append(_operand(self.bias))
        r, c = self.out_index
        return f"{name}[{r},{c}] = " + " + ".join(parts) + f" = {format_number(self.value)}"

    def __str__(self) -> str:
        return self.equation()


def _steps(plan: _Plan, bias) -> Iterator[Step]:
    (sh, sw), (dh, dw), (oh, ow) = plan.stride, plan.dilation, plan.out_shape
    kh, kw = plan.kernel.shape
    zero = plan.dtype.type(0)
    flat_k = plan.kernel.ravel()
    for r in range(oh):
        for c in range(ow):
            r0, c0 = r * sh, c * sw
            rows = tuple(range(r0, r0 + dh * (kh - 1) + 1, dh))
            cols = tuple(range(c0, c0 + dw * (kw - 1) + 1, dw))
            window = plan.padded[r0 : rows[-1] + 1 : dh, c0 : cols[-1] + 1 : dw]
            products = window * plan.kernel
            total = zero
            # same order and type as the shift-and-add fast path: identical bits
            for w, k in zip(window.ravel(), flat_k):
                total = total + k * w
            if bias is not None:
                res = np.result_type(plan.dtype, bias.dtype)
                total = res.type(total) + res.type(bias)
            yield Step(r * ow + c, (r, c), (r0, c0), rows, cols, window.copy(), plan.kernel,
                       products, None if bias is None else bias.item(), total)


def steps(image, kernel, *, mode="valid", padding=None, pad_mode="zero", stride=1,
          dilation=1, bias=None, flip=False) -> Iterator[Step]:
    """Yield every step of a 2-D cross-correlation (or convolution), in order.

    Takes the same parameters as :func:`correlate2d`.  Output cells are
    visited row by row, left to right.  Each :class:`Step` carries the
    window, the products and their sum; the sums equal :func:`correlate2d`'s
    output exactly.

    Examples
    --------
    >>> for s in steps([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[0, 1], [1, 0]]):
    ...     print(s)
    Y[0,0] = 1×0 + 2×1 + 4×1 + 5×0 = 6
    Y[0,1] = 2×0 + 3×1 + 5×1 + 6×0 = 8
    Y[1,0] = 4×0 + 5×1 + 7×1 + 8×0 = 12
    Y[1,1] = 5×0 + 6×1 + 8×1 + 9×0 = 14
    """
    b = _check_bias_scalar(bias)
    plan = _plan(image, kernel, mode=mode, padding=padding, pad_mode=pad_mode,
                 stride=stride, dilation=dilation, flip=flip)
    return _steps(plan, b)


@dataclass(frozen=True)
class Trace:
    """A whole convolution or pooling, step by step: what the step-through widget shows.

    Attributes
    ----------
    image : ndarray of shape (H, W)
        The input as given.
    padded : ndarray
        The input after padding; ``padding`` says where the original sits.
        For pooling, padding cells hold what the plan puts there: minus
        infinity (max pooling of floats; the dtype's smallest integer for
        integers) or 0 (average pooling).
    padding : ((int, int), (int, int))
        ``((top, bottom), (left, right))``.
    kernel : ndarray of shape (kh, kw) or None
        The kernel as given (not flipped); None for pooling.
    applied : ndarray of shape (kh, kw) or None
        The kernel as applied (flipped when ``flip`` is True); None for pooling.
    steps : tuple of Step or PoolStep
    output : ndarray of shape (OH, OW)
        Assembled from the steps' values.
    options : dict
        The keyword arguments the trace was made with.
    kind : {'conv', 'max', 'average'}, default 'conv'
        What was walked: :func:`trace` gives 'conv', :func:`pool_trace`
        'max' or 'average'.
    """

    image: np.ndarray
    padded: np.ndarray
    padding: tuple
    kernel: np.ndarray | None
    applied: np.ndarray | None
    steps: tuple
    output: np.ndarray
    options: dict
    kind: str = "conv"

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def window_shape(self) -> tuple[int, int]:
        """``(kh, kw)``: the kernel's shape, or the pooling window's size."""
        if self.applied is not None:
            return tuple(self.applied.shape)
        return tuple(self.options["size"])

    def output_until(self, k: int) -> np.ndarray:
        """The output as it stands after step ``k``: later cells are NaN.

        ``k = -1`` means before the first step (everything NaN); a ``k`` past
        the last step gives the whole output.
        """
        k = as_int(k, "k", -1, what="a step index")
        out = np.full(self.output.shape, np.nan)
        flat = out.reshape(-1)
        flat[: k + 1] = self.output.reshape(-1)[: k + 1]
        return out

    def is_padding(self) -> np.ndarray:
        """Boolean mask over ``padded``: True where a cell is padding."""
        mask = np.ones(self.padded.shape, dtype=bool)
        (t, _), (left, _) = self.padding
        h, w = self.image.shape
        mask[t : t + h, left : left + w] = False
        return mask


#: Largest number of output cells :func:`trace` will list one by one.
MAX_TRACE_STEPS = 10_000


def trace(image, kernel, *, mode="valid", padding=None, pad_mode="zero", stride=1,
          dilation=1, bias=None, flip=False) -> Trace:
    """Compute a convolution step by step and keep every step.

    Parameters are those of :func:`correlate2d`.  Meant for small inputs
    (at most ``MAX_TRACE_STEPS`` output cells); use :func:`correlate2d` for
    pictures.

    Examples
    --------
    >>> t = trace([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[0, 1], [1, 0]])
    >>> len(t), t.output.tolist()
    (4, [[6, 8], [12, 14]])
    """
    options = dict(mode=mode, padding=padding, pad_mode=pad_mode, stride=stride,
                   dilation=dilation, bias=bias, flip=flip)
    b = _check_bias_scalar(bias)
    plan = _plan(image, kernel, mode=mode, padding=padding, pad_mode=pad_mode,
                 stride=stride, dilation=dilation, flip=flip)
    oh, ow = plan.out_shape
    if oh * ow > MAX_TRACE_STEPS:
        msg = (
            f"image is too large to trace step by step: it gives {oh}x{ow} = {oh * ow} output "
            f"cells, and at most {MAX_TRACE_STEPS} are listed; use correlate2d for pictures"
        )
        raise ValueError(msg)
    all_steps = tuple(_steps(plan, b))
    dtype = all_steps[0].value.dtype if hasattr(all_steps[0].value, "dtype") else plan.dtype
    output = np.array([s.value for s in all_steps], dtype=dtype).reshape(plan.out_shape)
    return Trace(np.asarray(image), plan.padded, plan.padding, np.asarray(kernel),
                 plan.kernel, all_steps, output, options)


# --------------------------------------------------------------------------
# pooling
# --------------------------------------------------------------------------
#: How a padding cell is written in a max pooling's equation: it counts as minus infinity.
_MINUS_INF = "-∞"


@dataclass(frozen=True)
class PoolStep:
    """One output cell of a max or average pooling, with its arithmetic.

    Attributes
    ----------
    index : int
        Position of this step in the walk (0 for the first output cell).
    out_index : (int, int)
        ``(r, c)``: the output cell this step fills.
    top_left : (int, int)
        Where the window starts in the *padded* input.
    rows, cols : tuple of int
        The padded-input rows and columns the window covers.
    kind : {'max', 'average'}
    window : ndarray of shape (kh, kw)
        The padded input under the window (padding cells hold the plan's
        fill: minus infinity or the smallest integer for max, 0 for average).
    real : ndarray of bool, shape (kh, kw)
        True on cells of the input, False on padding.
    counted : ndarray of bool, shape (kh, kw)
        The cells the result is taken over, as the equation lists them: every
        cell for max (padding as minus infinity) and for an average with
        ``count_include_pad=True``; the input cells only for an average that
        leaves padding out.
    winner : (int, int) or None
        Max pooling: where the largest value is in the window (the first
        input cell holding it, in row-major order); None for average.
    total : number or None
        Average pooling: the sum of the window (padding adds 0); None for max.
    count : number or None
        Average pooling: what the sum is divided by; None for max.
    value : number
        ``Y[out_index]``.
    """

    index: int
    out_index: tuple[int, int]
    top_left: tuple[int, int]
    rows: tuple[int, ...]
    cols: tuple[int, ...]
    kind: str
    window: np.ndarray = field(repr=False)
    real: np.ndarray = field(repr=False)
    counted: np.ndarray = field(repr=False)
    winner: tuple[int, int] | None
    total: object
    count: object
    value: object

    def terms(self) -> list[str]:
        """The values the result is taken over, as written in the equation, in row-major order."""
        out = []
        cells = zip(self.window.ravel(), self.real.ravel(), self.counted.ravel(), strict=True)
        for v, real, counted in cells:
            if counted:
                out.append(format_number(v) if real or self.kind != "max" else _MINUS_INF)
        return out

    def equation(self, name: str = "Y") -> str:
        """The arithmetic of this step as one line.

        Examples
        --------
        >>> t = pool_trace([[1, 2, 0, 3], [4, 6, 5, 1], [0, 2, 7, 8], [3, 1, 2, 4]], 2)
        >>> t.steps[1].equation()
        'Y[0,1] = max(0, 3, 5, 1) = 5'
        >>> pool_trace([[1, 2], [3, 4]], 2, kind="average", stride=1, padding=1).steps[0].equation()
        'Y[0,0] = mean(1) = 1 / 1 = 1'
        """
        r, c = self.out_index
        listed = ", ".join(self.terms())
        if self.kind == "max":
            return f"{name}[{r},{c}] = max({listed}) = {format_number(self.value)}"
        return (f"{name}[{r},{c}] = mean({listed}) = {format_number(self.total)} / "
                f"{format_number(self.count)} = {format_number(self.value)}")

    def __str__(self) -> str:
        return self.equation()


def _pool_steps(plan: _PoolPlan) -> Iterator[PoolStep]:
    (sh, sw), (oh, ow), (kh, kw) = plan.stride, plan.out_shape, plan.size
    is_max = plan.kind == "max"
    zero = plan.dtype.type(0)
    for r in range(oh):
        for c in range(ow):
            r0, c0 = r * sh, c * sw
            window = plan.padded[r0 : r0 + kh, c0 : c0 + kw]
            real = plan.real[r0 : r0 + kh, c0 : c0 + kw]
            cells = window.ravel()
            winner = total = count = None
            if is_max:
                # the fast path's order and ufunc: np.maximum, one window cell after another
                value = cells[0]
                for v in cells[1:]:
                    value = np.maximum(value, v)
                found = [k for k, (v, ok) in enumerate(zip(cells, real.ravel(), strict=True))
                         if ok and (v == value or (v != v and value != value))]
                winner = divmod(found[0] if found else 0, kw)
                counted = np.ones(window.shape, dtype=bool)
            else:
                # the fast path's order: the sum starts at 0, each window cell added in turn
                total = zero
                for v in cells:
                    total = total + v
                count = plan.counts[r, c]
                value = total / count
                counted = np.ones(window.shape, dtype=bool) if plan.count_include_pad else real.copy()
            yield PoolStep(r * ow + c, (r, c), (r0, c0), tuple(range(r0, r0 + kh)), tuple(range(c0, c0 + kw)),
                           plan.kind, window.copy(), real.copy(), counted, winner, total, count, value)


def pool_steps(image, size=2, *, kind="max", stride=None, padding=0,
               count_include_pad=False) -> Iterator[PoolStep]:
    """Yield every step of a max or average pooling of a 2-D input, in order.

    Takes the parameters of :func:`convlib.pool.pool2d` (one channel: pass
    ``X[c]`` for a channel of a stack).  Output cells are visited row by row,
    left to right; their values equal :func:`convlib.pool.pool2d`'s bit for
    bit.

    Examples
    --------
    >>> for s in pool_steps([[1, 2, 0, 3], [4, 6, 5, 1], [0, 2, 7, 8], [3, 1, 2, 4]], 2, kind="average"):
    ...     print(s)
    Y[0,0] = mean(1, 2, 4, 6) = 13 / 4 = 3.25
    Y[0,1] = mean(0, 3, 5, 1) = 9 / 4 = 2.25
    Y[1,0] = mean(0, 2, 3, 1) = 6 / 4 = 1.5
    Y[1,1] = mean(7, 8, 2, 4) = 21 / 4 = 5.25
    """
    plan = _pool_plan(image, size, kind=kind, stride=stride, padding=padding,
                      count_include_pad=count_include_pad, ndim=2, name="image")
    return _pool_steps(plan)


def pool_trace(image, size=2, *, kind="max", stride=None, padding=0, count_include_pad=False) -> Trace:
    """Compute a max or average pooling of a 2-D input step by step and keep every step.

    Parameters are those of :func:`convlib.pool.pool2d`; the input is one
    channel ``(H, W)``, with at most ``MAX_TRACE_STEPS`` output cells.  The
    :class:`Trace` has ``kind`` 'max' or 'average', no kernel, and
    ``options`` holding ``size`` (a pair), ``stride`` (a pair: the size when
    not given), ``padding`` and ``count_include_pad``.

    Examples
    --------
    >>> t = pool_trace([[1, 2, 0, 3], [4, 6, 5, 1], [0, 2, 7, 8], [3, 1, 2, 4]], 2)
    >>> len(t), t.output.tolist(), t.steps[0].winner
    (4, [[6, 5], [3, 8]], (1, 1))
    """
    plan = _pool_plan(image, size, kind=kind, stride=stride, padding=padding,
                      count_include_pad=count_include_pad, ndim=2, name="image")
    oh, ow = plan.out_shape
    if oh * ow > MAX_TRACE_STEPS:
        msg = (
            f"image is too large to trace step by step: it gives {oh}x{ow} = {oh * ow} output "
            f"cells, and at most {MAX_TRACE_STEPS} are listed; use pool2d for pictures"
        )
        raise ValueError(msg)
    all_steps = tuple(_pool_steps(plan))
    output = np.array([s.value for s in all_steps], dtype=np.result_type(all_steps[0].value))
    options = dict(size=plan.size, stride=plan.stride, padding=plan.padding,
                   count_include_pad=plan.count_include_pad)
    return Trace(np.asarray(image), plan.padded, plan.padding, None, None, all_steps,
                 output.reshape(plan.out_shape), options, plan.kind)
