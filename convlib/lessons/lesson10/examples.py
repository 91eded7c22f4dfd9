"""The arrays of lesson 10: a small input and kernel to paint, the upsampling kernels, a signal and its filters.

Read-only data and a few lines of numpy that the notebook calls by name; the
convolutions themselves are :func:`convlib.conv_transpose2d`,
:func:`convlib.conv2d` (``groups=``), :func:`convlib.separable_conv2d` and
:func:`convlib.correlate1d`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..._validate import as_array, as_int, read_only
from ...backward import upsample
from ...conv import correlate2d
from ...transposed import conv_transpose2d

__all__ = [
    "FILTERS",
    "Filter",
    "SMOOTH_4",
    "TK",
    "TX",
    "guide_cases",
    "insert_zeros",
    "make_signal",
    "overlap_counts",
    "upsample_three_ways",
]

#: The 3x3 input the lesson paints: small whole numbers, one zero.
TX = read_only([[1, 2, 0],
                [3, 1, 2],
                [0, 2, 1]])

#: The 3x3 kernel each input cell paints: a small hill, 4 in the middle.
TK = read_only([[1, 2, 1],
                [2, 4, 2],
                [1, 2, 1]])

#: A 4x4 kernel for stride-2 upsampling: the outer product of (1, 3, 3, 1) / 4 with itself.  Stride 2
#: puts two of its taps on every output cell per axis, with weights adding to 1 (1/4 + 3/4).
SMOOTH_4 = read_only(np.outer([1, 3, 3, 1], [1, 3, 3, 1]) / 16)


def insert_zeros(x, stride: int) -> np.ndarray:
    """Put ``stride - 1`` zeros between neighbouring cells of a 2-D input.

    :func:`convlib.backward.upsample` under the name this lesson uses: the
    first step of a transposed convolution is the first step of the input
    gradient of a strided convolution (lesson 07).

    Examples
    --------
    >>> insert_zeros([[1, 2], [3, 4]], 2)
    array([[1, 0, 2],
           [0, 0, 0],
           [3, 0, 4]])
    """
    X = as_array(x, "x", 2)
    s = as_int(stride, "stride", 1)
    return upsample(X, s)  # the same spreading as the backward pass of a strided convolution


def overlap_counts(kernel_size: int, stride: int, size: int = 6) -> np.ndarray:
    """How many kernel copies land on each output cell of a stride-``stride`` transposed convolution.

    The transposed convolution of a ``size x size`` input of ones with a
    kernel of ones, with ``kernel_size - stride`` cells cut off each edge
    (padding), so that only the inside of the picture is shown.

    Examples
    --------
    >>> overlap_counts(3, 2, 3)[1].tolist(), overlap_counts(4, 2, 3)[1].tolist()
    ([2, 4, 2, 4, 2], [2, 4, 4, 4, 4, 2])
    """
    k, s = as_int(kernel_size, "kernel_size", 1), as_int(stride, "stride", 1)
    n = as_int(size, "size", 1)
    pad = max(0, (k - s + 1) // 2)
    return conv_transpose2d(np.ones((n, n), dtype=int), np.ones((k, k), dtype=int), stride=s, padding=pad)


def upsample_three_ways(picture) -> dict:
    """A grey picture made twice as large three ways, each ending in a stride-2 or stride-1 convolution.

    * ``'3x3, stride 2'``: a transposed convolution with a 3x3 kernel of
      quarters: output cells get 1, 2 or 4 copies, so the result has a
      checkerboard of uneven brightness;
    * ``'4x4, stride 2'``: a transposed convolution with :data:`SMOOTH_4`:
      every cell gets the same total weight, no checkerboard;
    * ``'resize, then 3x3'``: each pixel repeated 2x2 (nearest neighbour),
      then a 3x3 blur (a box of ninths), as many networks do instead.

    Returns
    -------
    dict of str to ndarray of shape (2H, 2W)

    Examples
    --------
    >>> {k: v.shape for k, v in upsample_three_ways(np.ones((4, 5))).items()}
    {'3x3, stride 2': (8, 10), '4x4, stride 2': (8, 10), 'resize, then 3x3': (8, 10)}
    """
    X = as_array(picture, "picture", 2).astype(float)
    uneven = conv_transpose2d(X, np.full((3, 3), 0.25), stride=2, padding=1, output_padding=1)
    even = conv_transpose2d(X, SMOOTH_4, stride=2, padding=1)
    nearest = np.repeat(np.repeat(X, 2, axis=0), 2, axis=1)
    resized = correlate2d(nearest, np.full((3, 3), 1 / 9), mode="same", pad_mode="replicate")
    return {"3x3, stride 2": uneven, "4x4, stride 2": even, "resize, then 3x3": resized}


def guide_cases() -> list[tuple[str, dict]]:
    """The cases of Dumoulin & Visin's guide to convolution arithmetic, as keyword arguments of the size rules.

    Each entry is ``(name, dict(n=..., k=..., s=..., p=..., d=...))``: the
    same setting serves a convolution and, read backwards, its transposed
    counterpart.

    Examples
    --------
    >>> [name for name, _ in guide_cases()][:3]
    ['no padding', 'padding', "half ('same')"]
    """
    return [
        ("no padding", dict(n=4, k=3, s=1, p=0, d=1)),
        ("padding", dict(n=5, k=4, s=1, p=2, d=1)),
        ("half ('same')", dict(n=5, k=3, s=1, p=1, d=1)),
        ("full", dict(n=5, k=3, s=1, p=2, d=1)),
        ("strides", dict(n=5, k=3, s=2, p=0, d=1)),
        ("strides and padding", dict(n=6, k=3, s=2, p=1, d=1)),
        ("dilation", dict(n=7, k=3, s=1, p=0, d=2)),
    ]


class Filter(NamedTuple):
    """A 1-D filter of the lesson: its kernel (as correlated, not flipped) and the padding mode it runs with."""

    kernel: np.ndarray
    mode: str
    words: str


#: The three filters of the signal section, by name.
FILTERS = {
    "moving average (5)": Filter(read_only(np.full(5, 0.2)), "same",
                                 "the mean of 5 samples centred on n: smooths the noise"),
    "difference": Filter(read_only([-1.0, 1.0]), "causal",
                         "x[n] − x[n−1]: large where the signal jumps"),
    "causal average (5)": Filter(read_only(np.full(5, 0.2)), "causal",
                                 "the mean of x[n−4] … x[n]: smooths using the past only, so it lags"),
}


def make_signal(n: int = 60, seed: int = 10) -> np.ndarray:
    """A generated signal: a slow wave, a step up two thirds of the way, and a little noise.

    Examples
    --------
    >>> x = make_signal()
    >>> x.shape, bool(np.all(np.isfinite(x)))
    ((60,), True)
    """
    n = as_int(n, "n", 8)
    t = np.arange(n)
    rng = np.random.default_rng(as_int(seed, "seed", 0))
    wave = np.sin(2 * np.pi * t / (n / 1.5))
    step = np.where(t >= (2 * n) // 3, 1.5, 0.0)
    return np.round(wave + step + rng.normal(scale=0.15, size=n), 2)
