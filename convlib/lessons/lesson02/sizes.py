"""Sizes and reach of a padded, strided, dilated convolution: the numbers lesson 02 prints.

* the lesson's small input and kernels (``STEP_X``, ``STEP_K``, ``EVEN_K``),
  the ones its step-through widgets show;
* :func:`size_table`: the output-size rule evaluated step by step for a list
  of cases, next to :func:`convlib.output_shape`;
* :func:`cells_read`: which input cells a convolution reads at all (a
  stride larger than one can skip some);
* :func:`frame_mean`: the mean brightness of a picture's outer frame (how
  much zero padding darkens a blurred photo's border).

Numbers only: nothing here draws.
"""

from __future__ import annotations

import numpy as np

from ..._validate import as_int, as_shape, as_text, describe, read_only
from ...conv import output_shape, resolve_padding
from ...walk import trace

__all__ = ["EVEN_K", "SIZE_CASES", "STEP_K", "STEP_X", "cells_read", "frame_mean", "size_table"]

#: The lesson's input: 6x6, each value different (6*row + column + 1), so a
#: cell's value says where it sits.
STEP_X = read_only(np.arange(1, 37).reshape(6, 6))
#: The lesson's 3x3 kernel: not symmetric, so a flip shows.
STEP_K = read_only([[1, 0, 2],
                    [0, 1, 0],
                    [-1, 0, 1]])
#: An even (2x2) kernel: 'same' cannot pad it equally on both sides.
EVEN_K = read_only([[1, 2],
                    [3, 4]])

#: The cases of the lesson's size table: (label, kernel size, options of
#: :func:`convlib.output_shape`).
SIZE_CASES = (
    ("valid", 3, {"mode": "valid"}),
    ("same", 3, {"mode": "same"}),
    ("full", 3, {"mode": "full"}),
    ("same, even kernel", 2, {"mode": "same"}),
    ("same, even kernel", 4, {"mode": "same"}),
    ("stride 2", 3, {"stride": 2}),
    ("padding 1, stride 2", 3, {"padding": 1, "stride": 2}),
    ("dilation 2", 3, {"dilation": 2}),
    ("dilation 2, same", 3, {"mode": "same", "dilation": 2}),
)


def size_table(n: int, cases=SIZE_CASES) -> str:
    """The output-size rule, evaluated one piece at a time, for an input of ``n`` cells per side.

    For each case the table shows the padding ``before+after`` that
    :func:`convlib.resolve_padding` chooses, the stride ``s``, the dilation
    ``d``, the kernel's span ``d(k-1)+1``, the padded size ``n+P``, the rule
    ``floor((n+P-span)/s)+1`` and, last, what :func:`convlib.output_shape`
    says (rows; the table uses square inputs and kernels).

    Parameters
    ----------
    n : int
        Side of the (square) input.
    cases : sequence of (str, int, dict)
        ``(label, k, options)``; ``options`` as in :func:`convlib.output_shape`.

    Returns
    -------
    str
        A text table, one line per case.

    Raises
    ------
    ValueError
        If the rule and :func:`convlib.output_shape` disagree (they never
        should), or a case's kernel does not fit.

    Examples
    --------
    >>> print(size_table(6, [("valid", 3, {})]))
    case   k  padding  s  d  span  n+P  (n+P-span)//s+1  output_shape
    valid  3  0+0      1  1     3    6                4  4
    """
    n = as_int(n, "n", 1)
    head = ("case", "k", "padding", "s", "d", "span", "n+P", "(n+P-span)//s+1", "output_shape")
    rows = []
    for i, case in enumerate(cases):
        try:
            label, k, options = case
        except (TypeError, ValueError):
            msg = f"cases[{i}] must be (label, k, options); received {describe(case)}"
            raise TypeError(msg) from None
        label = as_text(label, f"cases[{i}] label")
        k = as_int(k, f"cases[{i}] k", 1)
        options = dict(options)
        s = as_int(options.get("stride", 1), "stride", 1)
        d = as_int(options.get("dilation", 1), "dilation", 1)
        (before, after), _ = resolve_padding((n, n), (k, k), mode=options.get("mode", "valid"),
                                             padding=options.get("padding"), dilation=d)
        span = d * (k - 1) + 1
        rule = (n + before + after - span) // s + 1
        got = output_shape((n, n), (k, k), **options)[0]
        if rule != got:  # pragma: no cover - would be a bug in convlib
            msg = f"the rule gives {rule} but output_shape gives {got} for {label!r}"
            raise ValueError(msg)
        rows.append((label, k, f"{before}+{after}", s, d, span, n + before + after, rule, got))
    widths = [max(len(str(r[j])) for r in [head, *rows]) for j in range(len(head))]
    numeric = {1, 3, 4, 5, 6, 7}

    def line(row):
        cells = [str(v).rjust(w) if j in numeric and row is not head else str(v).ljust(w)
                 for j, (v, w) in enumerate(zip(row, widths, strict=True))]
        return "  ".join(cells).rstrip()

    return "\n".join(line(r) for r in [head, *rows])


def cells_read(input_shape, kernel_shape, **options) -> np.ndarray:
    """Which input cells a convolution reads at all: True where some kernel tap lands.

    Parameters
    ----------
    input_shape, kernel_shape : (int, int)
    **options
        ``mode``, ``padding``, ``stride``, ``dilation``, as in
        :func:`convlib.correlate2d`.

    Returns
    -------
    ndarray of bool, shape ``input_shape``
        False for the cells no output cell ever uses: with a stride, the
        last rows or columns when the windows do not reach them, and the
        cells between windows when the stride is larger than the span; with
        a dilation, nothing more (every cell is the tap of some window when
        the stride is 1).

    Examples
    --------
    >>> cells_read((1, 6), (1, 3), stride=2).astype(int)
    array([[1, 1, 1, 1, 1, 0]])
    """
    h, w = as_shape(input_shape, "input_shape")
    kh, kw = as_shape(kernel_shape, "kernel_shape")
    t = trace(np.zeros((h, w)), np.zeros((kh, kw)), **options)
    seen = np.zeros(t.padded.shape, dtype=bool)
    for s in t.steps:
        seen[np.ix_(s.rows, s.cols)] = True
    (top, _), (left, _) = t.padding
    return seen[top:top + h, left:left + w].copy()


def frame_mean(image, width: int) -> float:
    """Mean value of the outer frame of a picture, ``width`` pixels thick.

    Examples
    --------
    >>> img = np.ones((5, 5)); img[1:4, 1:4] = 0
    >>> frame_mean(img, 1)
    1.0
    """
    arr = np.asarray(image, dtype=float)
    if arr.ndim != 2:
        msg = f"image must be a 2-D picture; received {describe(image)}"
        raise ValueError(msg)
    h, w = arr.shape
    width = as_int(width, "width", 1, (min(h, w) - 1) // 2, what="the frame's thickness in pixels")
    inner = arr[width:h - width, width:w - width]
    return float((arr.sum() - inner.sum()) / (arr.size - inner.size))
