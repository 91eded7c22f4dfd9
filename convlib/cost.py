"""What a convolution costs: multiply-adds, memory, and the cost model behind ``method='auto'``.

The maths layer's book-keeping, numpy-free and shared by every lesson that
counts work or memory: lesson 01 counts the products of one output cell,
lesson 09 compares methods by their work per pixel, and
:func:`convlib.fast.choose_method` picks the cheapest with the same numbers.

Examples
--------
>>> multiply_adds((480, 640), (5, 5))          # 476 x 636 output cells, 25 each
7568400
>>> format_bytes(im2col_bytes((2048, 2048), (31, 31)))
'29.2 GiB'
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from ._validate import as_int, as_real, as_shape

__all__ = [
    "FFT_TAPS",
    "cheapest",
    "cost_per_pixel",
    "fft_taps",
    "format_bytes",
    "im2col_bytes",
    "multiply_adds",
]

#: What one FFT of the padded input costs, in shift-and-add taps per pixel,
#: on a 512 x 512 picture (measured on 2 cores: FFT ~ 3.5 ms, one tap
#: ~ 0.17 ms); see :func:`fft_taps`.
FFT_TAPS = 22


def fft_taps(pixels: int) -> float:
    """Cost of an FFT in direct taps per pixel: ``FFT_TAPS``, growing like log2 beyond 2**18 pixels.

    Examples
    --------
    >>> fft_taps(512 * 512), round(fft_taps(2048 * 2048), 2)
    (22.0, 26.89)
    """
    return FFT_TAPS * max(1.0, math.log2(max(pixels, 2)) / 18)


def _valid_shape(image_shape, kernel_shape) -> tuple[int, int]:
    """Output shape of a 'valid' correlation: ``(H - kh + 1, W - kw + 1)``.

    The same rule as :func:`convlib.output_shape` with no padding, stride or
    dilation (a test checks that they agree); written out here so that the
    cost model does not depend on the convolution module.
    """
    (h, w), (kh, kw) = image_shape, kernel_shape
    if kh > h or kw > w:
        msg = (f"kernel_shape must fit inside image_shape; received a {kh}x{kw} kernel for a "
               f"{h}x{w} image")
        raise ValueError(msg)
    return h - kh + 1, w - kw + 1


def format_bytes(nbytes: float) -> str:
    """Bytes in binary units: B, KiB, MiB or GiB (1 KiB = 1024 B), 3 significant digits.

    Examples
    --------
    >>> format_bytes(512), format_bytes(8 * 2**20), format_bytes(406_239_008), format_bytes(3.14e10)
    ('512 B', '8.00 MiB', '387 MiB', '29.2 GiB')
    """
    nbytes = as_real(nbytes, "nbytes", low=0, what="a number of bytes")
    for unit, size in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if nbytes >= size:
            value = nbytes / size
            digits = 0 if value >= 100 else 1 if value >= 10 else 2
            return f"{value:.{digits}f} {unit}"
    return f"{int(nbytes)} B"


def multiply_adds(image_shape, kernel_shape) -> int:
    """Multiply-adds of a direct 'valid' correlation: one per kernel weight per output cell.

    Parameters
    ----------
    image_shape : (int, int)
        ``(H, W)``.
    kernel_shape : (int, int)
        ``(kh, kw)``.

    Returns
    -------
    int
        ``(H - kh + 1) * (W - kw + 1) * kh * kw``.

    Examples
    --------
    >>> multiply_adds((3, 3), (2, 2))        # lesson 01: 4 output cells, 4 products each
    16
    """
    image_shape, kernel_shape = as_shape(image_shape, "image_shape"), as_shape(kernel_shape, "kernel_shape")
    oh, ow = _valid_shape(image_shape, kernel_shape)
    return oh * ow * kernel_shape[0] * kernel_shape[1]


def im2col_bytes(image_shape, kernel_shape, itemsize: int = 8) -> int:
    """Bytes of the im2col matrix of a 'valid' correlation: one row per output cell.

    Each row holds a copy of one window (``kh * kw`` numbers), so the matrix
    is about ``kh * kw`` times as large as the image.

    Parameters
    ----------
    image_shape, kernel_shape : (int, int)
    itemsize : int, default 8
        Bytes per number (8 for float64, 4 for float32).

    Returns
    -------
    int
        ``(H - kh + 1) * (W - kw + 1) * kh * kw * itemsize``.

    Examples
    --------
    >>> im2col_bytes((3, 3), (2, 2))         # a 4 x 4 matrix of float64
    128
    """
    return multiply_adds(image_shape, kernel_shape) * as_int(itemsize, "itemsize", 1)


def cost_per_pixel(image_shape, kernel_shape, rank: int | None = None) -> dict:
    """Estimated multiply-adds per output pixel of each method: the model behind ``auto``.

    Parameters
    ----------
    image_shape : (int, int)
        ``(H, W)``.
    kernel_shape : (int, int)
        ``(kh, kw)``.
    rank : int, optional
        The kernel's rank (see :func:`convlib.fast.kernel_rank`); by default
        full rank, ``min(kh, kw)``.

    Returns
    -------
    dict
        ``{'direct': kh*kw, 'separable': rank*(kh + kw), 'fft': fft_taps(H*W)}``.

    Notes
    -----
    The direct method does one multiply-add per kernel weight.  The separable
    method does a row pass (``kw`` each) and a column pass (``kh`` each) per
    rank.  An FFT costs a few operations per pixel per doubling of the image
    size, whatever the kernel: convlib counts it as ``FFT_TAPS`` = 22
    shift-and-add taps per pixel (what one FFT costs on a 512 x 512 image),
    growing like ``log2(H*W)`` on larger images (:func:`fft_taps`).  These are the numbers
    :func:`convlib.fast.choose_method` compares (it also counts the
    separable row pass over the padded rows, and adds 10% to it), once it
    has sent kernels of up to 9 weights and tiny problems to 'direct'.

    Examples
    --------
    >>> {name: round(cost, 2) for name, cost in cost_per_pixel((1024, 1024), (5, 5), rank=1).items()}
    {'direct': 25, 'separable': 10, 'fft': 24.44}
    """
    h, w = as_shape(image_shape, "image_shape")
    kh, kw = as_shape(kernel_shape, "kernel_shape")
    r = min(kh, kw) if rank is None else as_int(rank, "rank", 1)
    return {"direct": kh * kw, "separable": r * (kh + kw), "fft": fft_taps(h * w)}


def cheapest(costs: Mapping[str, float]) -> str:
    """The method with the smallest cost (the first one on a tie).

    Examples
    --------
    >>> cheapest({"direct": 25, "separable": 10, "fft": 20.0})
    'separable'
    """
    return min(costs, key=costs.get)
