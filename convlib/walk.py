"""The steps of a convolution: for every output cell, the window, the products and their sum.

:func:`steps` and :func:`trace` walk a convolution one output cell at a time,
in row-major order, giving the window's position, the window values, the
products and their sum (:class:`Step`).  They read the plan of
:mod:`convlib.conv` and add the products in the same order as the fast path,
so ``trace(X, K).output`` equals ``correlate2d(X, K)`` bit for bit.

This is the layer the pictures and widgets read: it knows about arrays and
nothing about drawing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from ._validate import as_int
from .conv import _check_bias_scalar, _Plan, _plan, format_number

__all__ = ["MAX_TRACE_STEPS", "Step", "Trace", "steps", "trace"]


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
    """A whole convolution, step by step: what the step-through widget shows.

    Attributes
    ----------
    image : ndarray of shape (H, W)
        The input as given.
    padded : ndarray
        The input after padding; ``padding`` says where the original sits.
    padding : ((int, int), (int, int))
        ``((top, bottom), (left, right))``.
    kernel : ndarray of shape (kh, kw)
        The kernel as given (not flipped).
    applied : ndarray of shape (kh, kw)
        The kernel as applied (flipped when ``flip`` is True).
    steps : tuple of Step
    output : ndarray of shape (OH, OW)
        Assembled from the steps' values.
    options : dict
        The keyword arguments the trace was made with.
    """

    image: np.ndarray
    padded: np.ndarray
    padding: tuple
    kernel: np.ndarray
    applied: np.ndarray
    steps: tuple
    output: np.ndarray
    options: dict

    def __len__(self) -> int:
        return len(self.steps)

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
