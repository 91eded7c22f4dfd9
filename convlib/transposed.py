"""Transposed 2-D convolution: each input cell paints a scaled copy of the kernel onto the output.

The maths layer of lesson 10, numpy only, built the way :mod:`convlib.conv`
and :mod:`convlib.walk` are: one plan (``_tplan``: the input, the kernel, the
uncropped output "canvas" and where each input cell paints) read by two
consumers, the fast path :func:`conv_transpose2d` and the walk
:func:`transposed_steps` / :func:`transposed_trace`.  Both add the same
products in the same order, so the walk's output equals the fast path's
bit for bit.

* :func:`transposed_output_shape`: the output-size rule;
* :func:`conv_transpose2d`: what a deep-learning library's transposed
  convolution layer computes, weights laid out ``(C_in, C_out, kh, kw)``;
* :func:`transposed_steps` and :func:`transposed_trace`: one step per input
  cell, each "painting" ``X[r, c] * K`` onto the output, overlaps adding up.

A transposed convolution is the adjoint (the gradient with respect to the
input) of a strided convolution with the same kernel, stride, padding and
dilation: it maps the strided convolution's output shape back to its input
shape.  It is not its inverse.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from ._validate import as_array, as_pair
from .conv import _acc_dtype, _check_bias_scalar, _shape2, format_number

__all__ = [
    "MAX_TRANSPOSED_STEPS",
    "TransposedStep",
    "TransposedTrace",
    "conv_transpose2d",
    "transposed_output_shape",
    "transposed_steps",
    "transposed_trace",
]

#: Largest number of input cells :func:`transposed_trace` will list one by one.
MAX_TRANSPOSED_STEPS = 2_500


def _axis_out(n: int, k: int, s: int, p: int, d: int, op: int, axis: str) -> int:
    """Output size along one axis, with checks naming the parameter."""
    if op >= s and op >= d:
        msg = (f"output_padding must be smaller than the stride or the dilation: along the {axis}, "
               f"stride is {s} and dilation {d}, so output_padding can be at most {max(s, d) - 1}; "
               f"received {op}")
        raise ValueError(msg)
    out = (n - 1) * s - 2 * p + d * (k - 1) + op + 1
    if out < 1:
        msg = (f"padding is too large: along the {axis}, (n-1)s - 2p + d(k-1) + output_padding + 1 = "
               f"({n}-1)×{s} - 2×{p} + {d}×({k}-1) + {op} + 1 = {out}, but the output needs at least 1 "
               f"cell; use padding at most {((n - 1) * s + d * (k - 1) + op) // 2}")
        raise ValueError(msg)
    return out


def transposed_output_shape(input_shape, kernel_shape, *, stride=1, padding=0, dilation=1,
                            output_padding=0) -> tuple[int, int]:
    """Size ``(OH, OW)`` of the output of a transposed 2-D convolution.

    Parameters
    ----------
    input_shape : tuple of int
        ``(H, W)``, or any shape whose last two entries are ``H, W``.
    kernel_shape : tuple of int
        ``(kh, kw)``, or any shape whose last two entries are ``kh, kw``.
    stride, padding, dilation, output_padding : int or pair of int
        As in :func:`conv_transpose2d`.

    Returns
    -------
    (int, int)

    Raises
    ------
    ValueError
        If ``output_padding`` is not smaller than the stride or the
        dilation (as in PyTorch), or the padding leaves no output.

    Notes
    -----
    Along one axis with input size ``n``, kernel size ``k``, stride ``s``,
    padding ``p``, dilation ``d`` and output padding ``a``::

        out = (n - 1) * s - 2 * p + d * (k - 1) + a + 1

    It undoes the size rule of a convolution with the same ``k, s, p, d``,
    ``floor((out + 2p - d(k-1) - 1) / s) + 1 = n``; when ``s > 1`` that
    floor maps ``s`` input sizes to the same ``n``, and ``a`` (from 0 to
    ``s - 1``) says which of them is meant.

    Examples
    --------
    >>> transposed_output_shape((3, 3), (3, 3), stride=2)
    (7, 7)
    >>> transposed_output_shape((3, 3), (3, 3), stride=2, padding=1, output_padding=1)
    (6, 6)
    """
    h, w = _shape2(input_shape, "input_shape")
    kh, kw = _shape2(kernel_shape, "kernel_shape")
    sh, sw = as_pair(stride, "stride")
    ph, pw = as_pair(padding, "padding", minimum=0)
    dh, dw = as_pair(dilation, "dilation")
    ah, aw = as_pair(output_padding, "output_padding", minimum=0)
    return (_axis_out(h, kh, sh, ph, dh, ah, "rows"), _axis_out(w, kw, sw, pw, dw, aw, "columns"))


# --------------------------------------------------------------------------
# the plan shared by the fast path and the steps
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class _TPlan:
    x: np.ndarray             # input (..., C_in, H, W) or (H, W), in the accumulation dtype
    kernel: np.ndarray        # (C_in, C_out, kh, kw) or (kh, kw), in the accumulation dtype
    stride: tuple[int, int]
    padding: tuple[int, int]
    dilation: tuple[int, int]
    output_padding: tuple[int, int]
    canvas_shape: tuple[int, int]   # uncropped: (n-1)s + d(k-1) + 1 + output_padding per axis
    out_shape: tuple[int, int]
    dtype: np.dtype

    def target(self, i: int, j: int) -> tuple[slice, slice]:
        """Canvas cells that kernel tap (i, j) of every input cell lands on."""
        (sh, sw), (dh, dw) = self.stride, self.dilation
        h, w = self.x.shape[-2:]
        r, c = i * dh, j * dw
        return slice(r, r + (h - 1) * sh + 1, sh), slice(c, c + (w - 1) * sw + 1, sw)

    def crop(self, canvas: np.ndarray) -> np.ndarray:
        """The output: the canvas without ``padding`` cells at the start and end of each axis."""
        (ph, pw), (oh, ow) = self.padding, self.out_shape
        return canvas[..., ph : ph + oh, pw : pw + ow]


def _tplan(x, weights, *, stride, padding, dilation, output_padding, single: bool) -> _TPlan:
    if single:
        X = as_array(x, "x", 2)
        K = as_array(weights, "weights", 2)
    else:
        X = as_array(x, "x", (3, 4))
        K = as_array(weights, "weights", 4)
        if K.shape[0] != X.shape[-3]:
            msg = (f"weights must have one block per input channel, laid out (C_in, C_out, kh, kw): x has "
                   f"{X.shape[-3]} channels, so weights should have shape ({X.shape[-3]}, C_out, kh, kw); "
                   f"received weights of shape {K.shape}")
            raise ValueError(msg)
    strides = as_pair(stride, "stride")
    pads = as_pair(padding, "padding", minimum=0)
    dils = as_pair(dilation, "dilation")
    ops = as_pair(output_padding, "output_padding", minimum=0)
    out = transposed_output_shape(X.shape[-2:], K.shape[-2:], stride=strides, padding=pads, dilation=dils,
                                  output_padding=ops)
    (h, w), (kh, kw) = X.shape[-2:], K.shape[-2:]
    canvas = tuple((n - 1) * s + d * (k - 1) + 1 + a
                   for n, k, s, d, a in zip((h, w), (kh, kw), strides, dils, ops, strict=True))
    dtype = _acc_dtype(X.dtype, K.dtype)
    return _TPlan(X.astype(dtype, copy=False), np.ascontiguousarray(K, dtype=dtype), strides, pads, dils, ops,
                  canvas, out, dtype)


def _check_bias(bias, c_out: int | None):
    if c_out is None:
        return _check_bias_scalar(bias)
    if bias is None:
        return None
    b = as_array(bias, "bias", 1)
    if b.shape != (c_out,):
        msg = f"bias must have one value per output channel, shape ({c_out},); received shape {b.shape}"
        raise ValueError(msg)
    return b


def _add_bias(out: np.ndarray, b, per_channel: bool) -> np.ndarray:
    if b is None:
        return out
    res = np.result_type(out.dtype, b.dtype)
    bb = b.astype(res, copy=False)
    return out.astype(res, copy=False) + (bb[:, None, None] if per_channel else bb)


def conv_transpose2d(x, weights, bias=None, *, stride=1, padding=0, dilation=1, output_padding=0) -> np.ndarray:
    """Transposed 2-D convolution, as a deep-learning library's layer computes it.

    Each input cell adds a copy of the kernel, scaled by the cell's value,
    onto the output, ``stride`` cells further for each next input cell;
    where copies overlap they add up.  Then ``padding`` cells are cut off
    each edge and ``output_padding`` cells added at the end of each axis.

    Parameters
    ----------
    x : array_like of shape (C_in, H, W), (N, C_in, H, W) or (H, W)
        The input; a single 2-D channel goes with a 2-D kernel.
    weights : array_like of shape (C_in, C_out, kh, kw), or (kh, kw)
        As deep-learning libraries lay them out for a transposed
        convolution: input channels first (the transpose of a convolution's
        ``(C_out, C_in, kh, kw)``).
    bias : array_like of shape (C_out,), or a number for a 2-D input, optional
    stride, padding, dilation : int or pair of int, default 1, 0, 1
        Those of the convolution this one is the transpose of.
    output_padding : int or pair of int, default 0
        Extra rows and columns at the bottom and right, smaller than the
        stride or the dilation; see :func:`transposed_output_shape`.

    Returns
    -------
    ndarray of shape (C_out, OH, OW), (N, C_out, OH, OW) or (OH, OW)
        Integer inputs give ``int64``.

    Notes
    -----
    With the uncropped output ``Z`` of ``(n-1)s + d(k-1) + 1 + a`` cells per
    axis::

        Z[o, r*sh + i*dh, c*sw + j*dw] += x[ch, r, c] * weights[ch, o, i, j]
        Y = Z[:, ph : ph + OH, pw : pw + OW] + bias

    This is the gradient of ``conv2d(., W, stride, padding, dilation)``
    with respect to its input, where ``W`` is ``weights`` with its first two
    axes swapped, and the same as inserting ``s - 1`` zeros between input
    cells, padding by ``d(k-1) - p`` (plus ``a`` at the end) and running a
    stride-1 convolution with the kernel flipped.

    Examples
    --------
    >>> conv_transpose2d([[1, 2], [3, 4]], [[1, 1], [1, 1]])
    array([[ 1,  3,  2],
           [ 4, 10,  6],
           [ 3,  7,  4]])
    >>> conv_transpose2d([[1, 2]], [[1, 1, 1]], stride=2)         # the middle cell is painted twice
    array([[1, 1, 3, 2, 2]])
    """
    single = np.ndim(x) == 2 and np.ndim(weights) == 2
    plan = _tplan(x, weights, stride=stride, padding=padding, dilation=dilation,
                  output_padding=output_padding, single=single)
    if single:  # one channel in, one out: the same painting, with those axes added and dropped
        b = _check_bias(bias, None)
        return _add_bias(_paint(plan, plan.x[None], plan.kernel[None, None])[0], b, False)
    return _add_bias(_paint(plan, plan.x, plan.kernel), _check_bias(bias, plan.kernel.shape[1]), True)


def _paint(plan: _TPlan, x: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """The cropped output for ``x`` of shape (..., C_in, H, W) and ``kernel`` (C_in, C_out, kh, kw)."""
    kh, kw = kernel.shape[-2:]
    canvas = np.zeros(x.shape[:-3] + (kernel.shape[1],) + plan.canvas_shape, dtype=plan.dtype)
    # taps in reverse order: every output cell then receives its products in the walk's order
    for i in reversed(range(kh)):
        for j in reversed(range(kw)):
            # sum over input channels: (..., C_in, H, W) x (C_in, C_out) -> (..., H, W, C_out)
            part = np.tensordot(x, kernel[:, :, i, j], axes=(x.ndim - 3, 0))
            canvas[(..., slice(None)) + plan.target(i, j)] += np.moveaxis(part, -1, -3)
    return plan.crop(canvas).copy()


# --------------------------------------------------------------------------
# the walk: one step per input cell
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class TransposedStep:
    """One input cell of a transposed convolution, painting its scaled kernel onto the output.

    Attributes
    ----------
    index : int
        Position of this step in the walk (0 for input cell (0, 0)).
    in_index : (int, int)
        ``(r, c)``: the input cell.
    value : number
        ``X[r, c]``.
    kernel : ndarray of shape (kh, kw)
        The kernel.
    products : ndarray of shape (kh, kw)
        ``X[r, c] * K``: what is added.
    rows, cols : tuple of int
        The canvas rows and columns the kernel's taps land on (the
        uncropped output; subtract the padding for output indices).
    canvas : ndarray
        The uncropped output after this step: the sum of all copies painted
        so far.
    padding : (int, int)
        Rows and columns cut off each edge of the canvas to give the output.
    """

    index: int
    in_index: tuple[int, int]
    value: object
    kernel: np.ndarray = field(repr=False)
    products: np.ndarray = field(repr=False)
    rows: tuple[int, ...]
    cols: tuple[int, ...]
    canvas: np.ndarray = field(repr=False)
    padding: tuple[int, int] = (0, 0)

    def equation(self, name: str = "Y", x: str = "X", k: str = "K") -> str:
        """What this step does, as one line: the input cell, its value, and where its copy goes.

        Rows and columns are those of the output; negative ones, or ones past
        its end, fall in the padding that is cut off.

        Examples
        --------
        >>> t = transposed_trace([[1, 2], [3, 4]], [[1, 1], [1, 1]])
        >>> t.steps[1].equation()
        'X[0,1] = 2: adds 2×K to Y[0:2, 1:3]'
        """
        r, c = self.in_index
        ph, pw = self.padding
        r0, r1 = self.rows[0] - ph, self.rows[-1] - ph + 1
        c0, c1 = self.cols[0] - pw, self.cols[-1] - pw + 1
        v = format_number(self.value)
        return f"{x}[{r},{c}] = {v}: adds {v}×{k} to {name}[{r0}:{r1}, {c0}:{c1}]"

    def __str__(self) -> str:
        return self.equation()


def _tsteps(plan: _TPlan) -> Iterator[TransposedStep]:
    (sh, sw), (dh, dw) = plan.stride, plan.dilation
    kh, kw = plan.kernel.shape
    h, w = plan.x.shape
    canvas = np.zeros(plan.canvas_shape, dtype=plan.dtype)
    for r in range(h):
        for c in range(w):
            v = plan.x[r, c]
            rows = tuple(range(r * sh, r * sh + dh * (kh - 1) + 1, dh))
            cols = tuple(range(c * sw, c * sw + dw * (kw - 1) + 1, dw))
            region = (slice(rows[0], rows[-1] + 1, dh), slice(cols[0], cols[-1] + 1, dw))
            products = plan.kernel * v   # the fast path's products: input value times weight
            canvas[region] += products
            yield TransposedStep(r * w + c, (r, c), v, plan.kernel, products, rows, cols, canvas.copy(),
                                 plan.padding)


def transposed_steps(x, kernel, *, stride=1, padding=0, dilation=1, output_padding=0) -> Iterator[TransposedStep]:
    """Yield every step of a single-channel transposed convolution: one per input cell, row by row.

    Takes the parameters of :func:`conv_transpose2d` for a 2-D input and a
    2-D kernel (no bias).  After the last step, the canvas cropped by the
    padding equals :func:`conv_transpose2d`'s output bit for bit.

    Examples
    --------
    >>> for s in transposed_steps([[1, 2]], [[1, 1, 1]], stride=2):
    ...     print(s, s.canvas.tolist())
    X[0,0] = 1: adds 1×K to Y[0:1, 0:3] [[1, 1, 1, 0, 0]]
    X[0,1] = 2: adds 2×K to Y[0:1, 2:5] [[1, 1, 3, 2, 2]]
    """
    plan = _tplan(x, kernel, stride=stride, padding=padding, dilation=dilation, output_padding=output_padding,
                  single=True)
    return _tsteps(plan)


@dataclass(frozen=True)
class TransposedTrace:
    """A whole single-channel transposed convolution, step by step.

    Attributes
    ----------
    image : ndarray of shape (H, W)
        The input as given.
    kernel : ndarray of shape (kh, kw)
        The kernel as given.
    steps : tuple of TransposedStep
    canvas : ndarray
        The uncropped output after the last step.
    output : ndarray of shape (OH, OW)
        The canvas without the padding, plus the bias.
    padding : (int, int)
        Rows and columns cut off each edge of the canvas.
    options : dict
        stride, padding, dilation, output_padding and bias as pairs / given.
    painted : ndarray of int
        For each canvas cell, the index of the first step that paints it,
        or -1 for a cell no step reaches (an output-padding cell).
    kind : str
        Always 'transposed'.
    """

    image: np.ndarray
    kernel: np.ndarray
    steps: tuple
    canvas: np.ndarray
    output: np.ndarray
    padding: tuple[int, int]
    options: dict
    painted: np.ndarray
    kind: str = "transposed"

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def padded(self) -> np.ndarray:
        """The uncropped canvas (what the step-through draws; named as in :class:`convlib.Trace`)."""
        return self.canvas

    def is_cropped(self) -> np.ndarray:
        """Boolean mask over the canvas: True where a cell is cut off by the padding."""
        mask = np.ones(self.canvas.shape, dtype=bool)
        ph, pw = self.padding
        oh, ow = self.output.shape
        mask[ph : ph + oh, pw : pw + ow] = False
        return mask

    def overlaps(self) -> np.ndarray:
        """For each canvas cell, how many kernel taps of all steps land on it."""
        count = np.zeros(self.canvas.shape, dtype=np.int64)
        for s in self.steps:
            count[np.ix_(s.rows, s.cols)] += 1
        return count


def transposed_trace(x, kernel, bias=None, *, stride=1, padding=0, dilation=1, output_padding=0) -> TransposedTrace:
    """Compute a single-channel transposed convolution step by step and keep every step.

    Parameters are those of :func:`conv_transpose2d` with a 2-D input and
    kernel (``bias`` a number).  At most ``MAX_TRANSPOSED_STEPS`` input cells.

    Examples
    --------
    >>> t = transposed_trace([[1, 2], [3, 4]], [[1, 1], [1, 1]], stride=2)
    >>> len(t), t.output.tolist()
    (4, [[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]])
    """
    plan = _tplan(x, kernel, stride=stride, padding=padding, dilation=dilation, output_padding=output_padding,
                  single=True)
    b = _check_bias(bias, None)
    n = plan.x.size
    if n > MAX_TRANSPOSED_STEPS:
        msg = (f"x is too large to trace step by step: it has {n} cells, and at most {MAX_TRANSPOSED_STEPS} "
               f"are listed; use conv_transpose2d for pictures")
        raise ValueError(msg)
    all_steps = tuple(_tsteps(plan))
    canvas = all_steps[-1].canvas
    painted = np.full(plan.canvas_shape, -1, dtype=np.int64)
    for s in reversed(all_steps):
        painted[np.ix_(s.rows, s.cols)] = s.index
    output = _add_bias(plan.crop(canvas).copy(), b, False)
    options = dict(stride=plan.stride, padding=plan.padding, dilation=plan.dilation,
                   output_padding=plan.output_padding, bias=bias)
    return TransposedTrace(np.asarray(x), np.asarray(kernel), all_steps, canvas, output, plan.padding, options,
                           painted)
