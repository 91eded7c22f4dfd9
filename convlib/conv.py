"""Two-dimensional convolution in plain numpy: the fast path and the plan it shares with the walk.

This module is the bottom layer of convlib: it knows about arrays, padding,
stride, dilation and channels, and nothing about drawing or widgets.

* :func:`correlate2d`, :func:`convolve2d` and :func:`conv2d` (what a layer of
  a convolutional neural network computes), with :func:`output_shape`,
  :func:`resolve_padding` and :func:`pad`;
* the plan (``_plan``): the padded input, the kernel as applied, the
  output's shape and the order in which products are added.  The fast path
  here and the step-by-step walk in :mod:`convlib.walk` read the same plan,
  so the walk's numbers are identical to the fast path's, not merely close.

Vocabulary used throughout the lessons: ``X`` is the input, ``K`` the kernel
and ``Y`` the output.  "Convolution" in deep learning usually means
cross-correlation (the kernel is *not* flipped); :func:`convolve2d` is the
true, flipped convolution of signal processing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import fast
from ._validate import as_array, as_bool, as_choice, as_int, as_padding, as_pair, describe

__all__ = [
    "MODES",
    "PAD_MODES",
    "METHODS",
    "conv2d",
    "convolve2d",
    "correlate2d",
    "format_number",
    "output_shape",
    "pad",
    "resolve_padding",
]

#: Output modes: how much implicit zero padding is added.
MODES = ("valid", "same", "full")

#: Padding modes and the names numpy uses for them.  ``edge`` and ``wrap`` are
#: accepted as aliases of ``replicate`` and ``circular``.
PAD_MODES = {
    "zero": "constant",
    "reflect": "reflect",
    "replicate": "edge",
    "circular": "wrap",
}
_PAD_ALIASES = {"edge": "replicate", "wrap": "circular", "constant": "zero", "zeros": "zero"}

#: Ways of computing a 2-D correlation; see :mod:`convlib.fast` and lesson 09.
METHODS = ("auto", "direct", "separable", "fft", "loop")


# --------------------------------------------------------------------------
# parameters
# --------------------------------------------------------------------------
def _pad_mode(value) -> str:
    if isinstance(value, str) and value in _PAD_ALIASES:
        value = _PAD_ALIASES[value]
    return as_choice(value, "pad_mode", tuple(PAD_MODES))


def _shape2(value, name: str) -> tuple[int, int]:
    try:
        items = tuple(value)
    except TypeError:
        msg = f"{name} must be a pair (rows, columns); received {describe(value)}"
        raise TypeError(msg) from None
    if len(items) < 2:
        msg = f"{name} must be a pair (rows, columns); received {describe(value)}"
        raise ValueError(msg)
    return as_pair(items[-2:], name, minimum=1)


def resolve_padding(
    input_shape,
    kernel_shape,
    *,
    mode: str = "valid",
    padding=None,
    dilation=1,
    flip: bool = False,
) -> tuple[tuple[int, int], tuple[int, int]]:
    """Return the padding ``((top, bottom), (left, right))`` that a call uses.

    Parameters
    ----------
    input_shape, kernel_shape : tuple of int
        Shapes ``(H, W)`` and ``(kh, kw)``; only the last two entries are read.
    mode : {'valid', 'same', 'full'}
        Used when ``padding`` is None.  'valid' adds nothing, 'full' adds the
        dilated kernel size minus one on every side, 'same' adds that amount
        in total per axis so that, at stride 1, the output has the input's size.
    padding : int, pair, 4-tuple or pair of pairs, optional
        Explicit padding; overrides ``mode``.
    dilation : int or pair of int
    flip : bool
        True for true convolution.  Only matters for 'same' with an even
        dilated kernel size: the extra row or column goes after the input for
        cross-correlation and before it for convolution, as in
        ``scipy.signal``.

    Examples
    --------
    >>> resolve_padding((5, 5), (3, 3), mode="same")
    ((1, 1), (1, 1))
    >>> resolve_padding((5, 5), (2, 2), mode="full")
    ((1, 1), (1, 1))
    """
    _shape2(input_shape, "input_shape")
    kh, kw = _shape2(kernel_shape, "kernel_shape")
    dh, dw = as_pair(dilation, "dilation")
    if padding is not None:
        if mode not in (None, "valid"):
            msg = (
                f"mode and padding cannot both be given: padding={padding!r} already fixes "
                f"the padding; received mode={mode!r} (leave mode as 'valid')"
            )
            raise ValueError(msg)
        return as_padding(padding)
    as_choice(mode, "mode", MODES)
    eff = (dh * (kh - 1) + 1, dw * (kw - 1) + 1)
    if mode == "valid":
        return ((0, 0), (0, 0))
    if mode == "full":
        return tuple((e - 1, e - 1) for e in eff)  # type: ignore[return-value]
    out = []
    for e in eff:
        before = e // 2 if flip else (e - 1) // 2
        out.append((before, e - 1 - before))
    return tuple(out)  # type: ignore[return-value]


def output_shape(
    input_shape,
    kernel_shape,
    *,
    mode: str = "valid",
    padding=None,
    stride=1,
    dilation=1,
) -> tuple[int, int]:
    """Size ``(OH, OW)`` of the output of a 2-D convolution.

    Parameters
    ----------
    input_shape : tuple of int
        ``(H, W)``, or any shape whose last two entries are ``H, W``.
    kernel_shape : tuple of int
        ``(kh, kw)``, or any shape whose last two entries are ``kh, kw``.
    mode, padding, stride, dilation
        As in :func:`correlate2d`.

    Returns
    -------
    (int, int)

    Raises
    ------
    ValueError
        If the dilated kernel is larger than the padded input.

    Notes
    -----
    Along one axis with input size ``n``, padding ``p_before + p_after = P``,
    kernel size ``k``, dilation ``d`` and stride ``s``, the dilated kernel
    spans ``e = d*(k-1) + 1`` cells, and the window can start at positions
    ``0, s, 2s, ...`` while it still fits inside the ``n + P`` padded cells::

        out = floor((n + P - e) / s) + 1

    The floor means that when the stride does not divide ``n + P - e``, the
    last few rows or columns of the input are never the start of a window;
    they are skipped, not padded.

    Examples
    --------
    >>> output_shape((3, 3), (2, 2))
    (2, 2)
    >>> output_shape((7, 7), (3, 3), stride=2)
    (3, 3)
    >>> output_shape((8, 8), (3, 3), stride=2)     # floor((8 - 3) / 2) + 1
    (3, 3)
    """
    h, w = _shape2(input_shape, "input_shape")
    kh, kw = _shape2(kernel_shape, "kernel_shape")
    sh, sw = as_pair(stride, "stride")
    dh, dw = as_pair(dilation, "dilation")
    (t, b), (left, r) = resolve_padding((h, w), (kh, kw), mode=mode, padding=padding, dilation=(dh, dw))
    ph, pw = h + t + b, w + left + r
    eh, ew = dh * (kh - 1) + 1, dw * (kw - 1) + 1
    if eh > ph or ew > pw:
        msg = (
            f"kernel is larger than the padded input: the kernel of shape {(kh, kw)} with "
            f"dilation {(dh, dw)} spans {(eh, ew)} cells, but the input of shape {(h, w)} is only "
            f"{(ph, pw)} after padding; expected a kernel span no larger than the padded input "
            f"(use smaller dilation, more padding or mode='same')"
        )
        raise ValueError(msg)
    return ((ph - eh) // sh + 1, (pw - ew) // sw + 1)


def pad(image, padding, pad_mode: str = "zero") -> np.ndarray:
    """Pad a 2-D image, or each channel of a ``(C, H, W)`` stack.

    Parameters
    ----------
    image : array_like of shape (H, W) or (C, H, W)
    padding : int, pair, 4-tuple or pair of pairs
        See :func:`resolve_padding`.
    pad_mode : {'zero', 'reflect', 'replicate', 'circular'}
        'zero' fills with 0; 'reflect' mirrors without repeating the edge
        (``3 2 | 1 2 3 | 2 1``); 'replicate' (alias 'edge') repeats the edge
        value; 'circular' (alias 'wrap') continues from the opposite side.

    Returns
    -------
    ndarray of shape (H + top + bottom, W + left + right)

    Examples
    --------
    >>> pad([[1, 2], [3, 4]], 1, "replicate")
    array([[1, 1, 2, 2],
           [1, 1, 2, 2],
           [3, 3, 4, 4],
           [3, 3, 4, 4]])
    """
    arr = as_array(image, "image", (2, 3))
    widths = as_padding(padding)
    mode = _pad_mode(pad_mode)
    out = _pad(arr, widths, mode)
    # like np.pad, always a new array: writing to the result never changes the input
    return out.copy() if out is arr else out


def _pad(arr: np.ndarray, widths, mode: str) -> np.ndarray:
    if widths == ((0, 0), (0, 0)):
        return arr
    if mode == "reflect":
        (t, b), (left, r) = widths
        h, w = arr.shape[-2:]
        if max(t, b) > h - 1 or max(left, r) > w - 1:
            msg = (
                f"padding with pad_mode='reflect' must be smaller than the image on each axis "
                f"(at most {h - 1} rows and {w - 1} columns for an image of shape {(h, w)}); "
                f"received padding {widths}"
            )
            raise ValueError(msg)
    full = ((0, 0),) * (arr.ndim - 2) + tuple(widths)
    return np.pad(arr, full, mode=PAD_MODES[mode])


def _acc_dtype(*dtypes) -> np.dtype:
    """Type in which products are summed: wide enough that integers never overflow."""
    dt = np.result_type(*dtypes)
    if dt.kind == "c":
        msg = f"complex numbers are not supported; received dtype {dt} (use real numbers)"
        raise TypeError(msg)
    if dt.kind in "iub":
        return np.dtype(np.float64) if dt == np.uint64 else np.dtype(np.int64)
    if dt.itemsize < 4:
        return np.dtype(np.float32)
    return dt


# --------------------------------------------------------------------------
# the plan shared by the fast path and the steps
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class _Plan:
    padded: np.ndarray          # input after padding, in the accumulation dtype
    kernel: np.ndarray          # kernel as applied (flipped for convolution)
    padding: tuple
    stride: tuple[int, int]
    dilation: tuple[int, int]
    out_shape: tuple[int, int]
    dtype: np.dtype

    def view(self, i: int, j: int) -> np.ndarray:
        """Input values that kernel tap (i, j) meets, for every output cell."""
        (sh, sw), (dh, dw), (oh, ow) = self.stride, self.dilation, self.out_shape
        r, c = i * dh, j * dw
        return self.padded[..., r : r + (oh - 1) * sh + 1 : sh, c : c + (ow - 1) * sw + 1 : sw]


def _plan(image, kernel, *, mode, padding, pad_mode, stride, dilation, flip, image_ndim=2, kernel_ndim=2,
          image_name="image", kernel_name="kernel"):
    X = as_array(image, image_name, image_ndim)
    K = as_array(kernel, kernel_name, kernel_ndim)
    strides = as_pair(stride, "stride")
    dilations = as_pair(dilation, "dilation")
    pmode = _pad_mode(pad_mode)
    as_bool(flip, "flip")
    widths = resolve_padding(X.shape[-2:], K.shape[-2:], mode=mode, padding=padding, dilation=dilations, flip=flip)
    out = output_shape(X.shape[-2:], K.shape[-2:], padding=widths, stride=strides, dilation=dilations)
    dtype = _acc_dtype(X.dtype, K.dtype)
    applied = K[..., ::-1, ::-1] if flip else K
    (t, b), (left, r) = widths
    padded_cells = int(np.prod(X.shape[:-2], dtype=np.int64)) * (X.shape[-2] + t + b) * (X.shape[-1] + left + r)
    out_cells = int(np.prod(X.shape[:-2], dtype=np.int64)) * out[0] * out[1] * (K.shape[0] if kernel_ndim == 4 else 1)
    fast.check_memory((padded_cells + out_cells) * dtype.itemsize,
                      f"a convolution of an input of shape {X.shape} padded by {widths} "
                      f"(output of shape {out})")
    padded = _pad(X, widths, pmode).astype(dtype, copy=False)
    return _Plan(padded, np.ascontiguousarray(applied, dtype=dtype), widths, strides, dilations, out, dtype)


def _check_bias_scalar(bias):
    if bias is None:
        return None
    b = np.asarray(bias)
    if b.ndim != 0 or not np.issubdtype(b.dtype, np.number) or b.dtype.kind == "c":
        msg = f"bias must be a single real number or None; received {describe(bias)}"
        raise TypeError(msg)
    return b


# --------------------------------------------------------------------------
# fast path
# --------------------------------------------------------------------------
def correlate2d(
    image,
    kernel,
    *,
    mode: str = "valid",
    padding=None,
    pad_mode: str = "zero",
    stride=1,
    dilation=1,
    bias=None,
    flip: bool = False,
    method: str = "auto",
) -> np.ndarray:
    """2-D cross-correlation: what convolutional networks call convolution.

    The kernel slides over the input without being flipped; each output cell
    is the sum of the products of the kernel with the input values under it.

    Parameters
    ----------
    image : array_like of shape (H, W)
        The input ``X``.  Lists are accepted; booleans count as 0 and 1.
    kernel : array_like of shape (kh, kw)
        The kernel (filter) ``K``.
    mode : {'valid', 'same', 'full'}, default 'valid'
        'valid': the window stays inside the input (output shrinks);
        'same': padded so that at stride 1 the output has the input's shape;
        'full': every position where the window overlaps the input at all.
    padding : int, pair, 4-tuple or pair of pairs, optional
        Explicit padding, instead of ``mode``: ``p``, ``(rows, cols)``,
        ``(top, bottom, left, right)`` or ``((top, bottom), (left, right))``.
    pad_mode : {'zero', 'reflect', 'replicate', 'circular'}, default 'zero'
        What the padding cells hold; see :func:`pad`.
    stride : int or pair of int, default 1
        Step between window positions, per axis.
    dilation : int or pair of int, default 1
        Spacing between kernel taps, per axis (1 means adjacent cells).
    bias : float, optional
        Added to every output cell.
    flip : bool, default False
        Flip the kernel in both axes first (true convolution).
    method : {'auto', 'direct', 'separable', 'fft', 'loop'}, default 'auto'
        How to compute it (lesson 09 explains each; all give the same
        numbers up to rounding):

        - 'direct': adds one shifted copy of the input per kernel tap; its
          sums are bit-identical to :func:`steps`;
        - 'separable': for kernels of low rank (box, Gaussian, Sobel: rank
          1), one 1-D pass per axis and rank, ``r*(kh + kw)`` taps instead of
          ``kh*kw``; float rounding, integer results rounded back;
        - 'fft': the convolution theorem; cost nearly independent of the
          kernel size; float rounding, integer results rounded back; a NaN
          or inf anywhere spreads to the whole output;
        - 'loop': the readable double loop over output cells (slow);
        - 'auto': direct for kernels of up to 9 taps and for small inputs
          (so teaching examples are exact), otherwise whichever of direct,
          separable and fft has the least estimated work.

    Returns
    -------
    Y : ndarray of shape (OH, OW)
        See :func:`output_shape`.  Integer inputs give ``int64`` (sums of
        ``uint8`` images never wrap around); float inputs keep their precision.

    Raises
    ------
    ValueError, TypeError
        For bad parameters; the message names the parameter.
    convlib.fast.ConvolutionTooLarge
        Before any large allocation, when the request would not fit in memory.

    Notes
    -----
    With padded input ``P``, stride ``(sh, sw)`` and dilation ``(dh, dw)``::

        Y[r, c] = bias + sum_{i, j} K[i, j] * P[r*sh + i*dh, c*sw + j*dw]

    Examples
    --------
    The example from lesson 01:

    >>> correlate2d([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[0, 1], [1, 0]])
    array([[ 6,  8],
           [12, 14]])
    """
    as_choice(method, "method", METHODS)
    b = _check_bias_scalar(bias)
    plan = _plan(image, kernel, mode=mode, padding=padding, pad_mode=pad_mode,
                 stride=stride, dilation=dilation, flip=flip)
    args = (plan.padded, plan.kernel, plan.stride, plan.dilation, plan.out_shape, plan.dtype)
    if method == "auto":
        method = fast.choose_method(*args)
    if method == "loop":
        out = _loop(plan)
    else:
        fast.check_memory(fast.estimate_bytes(method, plan.padded.shape, plan.kernel.shape, plan.out_shape,
                                              plan.dtype.itemsize),
                          f"method={method!r} on a padded input of shape {plan.padded.shape}")
        out = {"direct": fast.direct, "fft": fast.fft, "separable": fast.separable}[method](*args)
    if b is not None:
        out = out + b.astype(np.result_type(out.dtype, b.dtype), copy=False)
    return out


def convolve2d(image, kernel, **options) -> np.ndarray:
    """True 2-D convolution: the kernel is flipped in both axes, then correlated.

    Takes the same parameters as :func:`correlate2d` (except ``flip``).
    Matches ``scipy.signal.convolve2d`` for modes 'valid', 'same' and 'full'.

    Examples
    --------
    >>> convolve2d([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 0], [0, 0]])
    array([[5, 6],
           [8, 9]])
    """
    if "flip" in options:
        msg = f"convolve2d always flips the kernel; received flip={options['flip']!r} (use correlate2d)"
        raise TypeError(msg)
    return correlate2d(image, kernel, flip=True, **options)


def _loop(plan: _Plan) -> np.ndarray:
    """The textbook double loop over output cells (slow; for teaching)."""
    out = np.zeros(plan.out_shape, dtype=plan.dtype)
    from .walk import _steps  # the walk builds on this module; imported when the 'loop' method runs

    for s in _steps(plan, None):
        out[s.out_index] = s.value
    return out


def conv2d(x, weights, bias=None, *, mode="valid", padding=None, pad_mode="zero",
           stride=1, dilation=1, groups=1) -> np.ndarray:
    """What one convolutional layer of a CNN computes.

    Every filter looks at all input channels at once; its responses are
    summed over the channels and its bias is added.

    Parameters
    ----------
    x : array_like of shape (C, H, W) or (N, C, H, W)
        Input with ``C`` channels (for example 3 for an RGB picture), or a
        batch of ``N`` such inputs.
    weights : array_like of shape (F, C // groups, kh, kw)
        ``F`` filters, each with one ``kh x kw`` kernel per input channel
        of its group.
    bias : array_like of shape (F,), optional
        One number per filter.
    mode, padding, pad_mode, stride, dilation
        As in :func:`correlate2d`, applied to every channel.
    groups : int, default 1
        Grouped convolution: the ``C`` input channels and the ``F`` filters
        are split into ``groups`` equal groups (both must be divisible by
        it), and filter group ``g`` reads only input-channel group ``g``.
        ``groups=C`` with ``F = m*C`` is a **depthwise** convolution: each
        channel filtered on its own by ``m`` kernels (lesson 10).

    Returns
    -------
    ndarray of shape (F, OH, OW), or (N, F, OH, OW) for a batch

    Notes
    -----
    ``Y[f] = bias[f] + sum_c correlate2d(x[c], weights[f, c])``: no flipping,
    as in deep-learning libraries.  With groups, filter ``f`` is in group
    ``g = f // (F / groups)`` and ``c`` runs over that group's channels,
    ``x[g*C/groups + c]``.  A batch gives, for each ``n``, exactly
    ``conv2d(x[n], ...)``.  Computed one kernel position at a time: for each
    tap ``(i, j)``, the ``F x C`` weights times the shifted input, summed
    over the channels (``numpy.tensordot``).

    Examples
    --------
    >>> x = [[[1, 2], [3, 4]], [[10, 20], [30, 40]]]       # 2 channels
    >>> w = [[[[1]], [[1]]], [[[1]], [[-1]]]]               # 2 filters of 1x1
    >>> conv2d(x, w, bias=[0, 100])
    array([[[11, 22],
            [33, 44]],
    <BLANKLINE>
           [[91, 82],
            [73, 64]]])
    >>> conv2d([x, x], w).shape                              # a batch of 2
    (2, 2, 2, 2)
    >>> conv2d(x, [[[[1]]], [[[-1]]]], groups=2)             # depthwise: one 1x1 kernel per channel
    array([[[  1,   2],
            [  3,   4]],
    <BLANKLINE>
           [[-10, -20],
            [-30, -40]]])
    """
    plan = _plan(x, weights, mode=mode, padding=padding, pad_mode=pad_mode, stride=stride,
                 dilation=dilation, flip=False, image_ndim=(3, 4), kernel_ndim=4,
                 image_name="x", kernel_name="weights")
    c = plan.padded.shape[-3]
    f, wc, kh, kw = plan.kernel.shape
    g = as_int(groups, "groups", 1, what="a number of groups")
    if c % g or f % g:
        msg = (f"groups must divide both the input channels and the filters: x has {c} channels and "
               f"weights {f} filters; received groups={g}")
        raise ValueError(msg)
    if wc != c // g:
        per = "per input channel" if g == 1 else f"per input channel of its group ({c} / {g} = {c // g})"
        msg = (
            f"weights must have one kernel {per}: x has {c} channels, so weights "
            f"should have shape (F, {c // g}, kh, kw); received weights of shape {plan.kernel.shape}"
        )
        raise ValueError(msg)
    b = None
    if bias is not None:
        b = as_array(bias, "bias", 1)
        if b.shape != (f,):
            msg = f"bias must have one value per filter, shape ({f},); received shape {b.shape}"
            raise ValueError(msg)
    lead = plan.padded.shape[:-3]
    out = np.zeros((f,) + lead + plan.out_shape, dtype=plan.dtype)
    fg, cg = f // g, c // g
    for i in range(kh):
        for j in range(kw):
            view = plan.view(i, j)
            if g == 1:
                out += np.tensordot(plan.kernel[:, :, i, j], view, axes=(1, view.ndim - 3))
                continue
            for k in range(g):
                part = view[..., k * cg : (k + 1) * cg, :, :]
                out[k * fg : (k + 1) * fg] += np.tensordot(plan.kernel[k * fg : (k + 1) * fg, :, i, j], part,
                                                           axes=(1, part.ndim - 3))
    out = np.moveaxis(out, 0, -3)  # a batch: (F, N, OH, OW) -> (N, F, OH, OW)
    if b is not None:
        out = out + b.astype(np.result_type(out.dtype, b.dtype), copy=False)[:, None, None]
    return out


# --------------------------------------------------------------------------
# numbers as text
# --------------------------------------------------------------------------
def format_number(value) -> str:
    """Short text for a number: integers as they are, others with 4 significant digits.

    Examples
    --------
    >>> format_number(8), format_number(6.0), format_number(0.1111111), format_number(-2)
    ('8', '6', '0.1111', '-2')
    """
    v = value.item() if isinstance(value, np.generic) else value
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    v = float(v)
    if math.isnan(v) or math.isinf(v):
        return str(v)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    text = f"{v:.4g}"
    return text
