"""Fast ways of computing a 2-D correlation, in plain numpy.

Each function here takes an input that is already padded and a kernel that is
already flipped (if it is to be), and returns the correlation at the given
stride and dilation.  :func:`convlib.correlate2d` chooses among them with its
``method=`` argument; lesson 09 explains each one.

* :func:`direct`: shift-and-add.  One multiply-add over the whole output per
  kernel tap, done in strips of rows that fit in the processor's cache.  It
  adds the taps in the same order as :func:`convlib.steps`, so the two agree
  bit for bit.  Cost: ``kh*kw`` multiply-adds per output cell.
* :func:`separable`: a kernel of rank ``r`` is a sum of ``r`` outer products
  of a column and a row (found by the SVD), so it is applied as ``r`` passes
  of a 1-D column filter after a 1-D row filter: ``r*(kh + kw)`` multiply-adds
  per output cell instead of ``kh*kw``.  Box, Gaussian and Sobel kernels have
  rank 1.
* :func:`fft`: the convolution theorem.  Correlation becomes a product of
  Fourier transforms, whose cost hardly depends on the kernel size.

No path builds an "im2col" matrix (one row per output cell holding its whole
window), which would need ``kh*kw`` times the memory of the image.
"""

from __future__ import annotations

import math
import os

import numpy as np

from .cost import fft_taps

__all__ = [
    "CACHE_BYTES",
    "RANK_TOLERANCE",
    "SMALL_WORK",
    "ConvolutionTooLarge",
    "check_memory",
    "choose_method",
    "direct",
    "estimate_bytes",
    "fft",
    "kernel_rank",
    "next_fast_len",
    "physical_memory",
    "separable",
]

#: Bytes of intermediate results a strip of :func:`direct` aims to keep in cache.
CACHE_BYTES = 256 * 1024

#: Relative size below which a singular value counts as zero.
RANK_TOLERANCE = 1e-10

#: Multiply-adds below which 'auto' always takes the exact direct path: small
#: teaching examples then print 0, not 1e-17, and take well under a millisecond.
SMALL_WORK = 2**18

#: Largest |result| for which integer results of the float paths are rounded back.
_EXACT_LIMIT = 2.0**50


class ConvolutionTooLarge(MemoryError):
    """Raised before any large allocation when a convolution would not fit in memory."""


def _gib(nbytes: float) -> str:
    return f"{nbytes / 2**30:.1f} GiB" if nbytes >= 2**30 else f"{nbytes / 2**20:.0f} MiB"


def physical_memory() -> int | None:
    """Bytes of memory of this machine, or None where it cannot be read."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # pragma: no cover - not on Linux
        return None


def check_memory(nbytes: float, what: str, limit: float | None = None) -> None:
    """Refuse, with the estimate in the message, a request that cannot fit in memory.

    Parameters
    ----------
    nbytes : float
        Estimated bytes the request will allocate.
    what : str
        What is being computed, for the message.
    limit : float, optional
        Bytes allowed; by default 80% of this machine's memory.
    """
    source = ""
    if limit is None:
        mem = physical_memory()
        if mem is None:  # pragma: no cover
            return
        limit = 0.8 * mem
        source = " (80% of this machine's memory)"
    if nbytes > limit:
        msg = (
            f"{what} would need about {_gib(nbytes)} of memory, more than the {_gib(limit)} "
            f"it may use{source}; use a smaller image, less padding, or a larger stride"
        )
        raise ConvolutionTooLarge(msg)


def next_fast_len(n: int) -> int:
    """Smallest ``m >= n`` whose only prime factors are 2, 3 and 5 (fast FFT sizes).

    Examples
    --------
    >>> next_fast_len(541), next_fast_len(512), next_fast_len(7)
    (576, 512, 8)
    """
    if n <= 6:
        return max(n, 1)
    best = 2 ** math.ceil(math.log2(n))
    p5 = 1
    while p5 < best:
        p35 = p5
        while p35 < best:
            # smallest power of two times p35 that reaches n
            q = -(-n // p35)
            p2 = 1 << (q - 1).bit_length()
            best = min(best, p2 * p35)
            p35 *= 3
        p5 *= 5
    return best


def kernel_rank(kernel, tol: float = RANK_TOLERANCE) -> int:
    """Number of singular values of ``kernel`` above ``tol`` times the largest.

    Examples
    --------
    >>> kernel_rank([[1, 2, 1], [2, 4, 2], [1, 2, 1]])      # Gaussian-like: a column times a row
    1
    >>> kernel_rank([[0, 1], [1, 0]])
    2
    """
    s = np.linalg.svd(np.asarray(kernel, dtype=float), compute_uv=False)
    return int(np.sum(s > tol * s[0])) if s[0] > 0 else 0


def _taps(stride, dilation, out_shape):
    (sh, sw), (dh, dw), (oh, ow) = stride, dilation, out_shape

    def view(a, i, j, r0=0, rows=oh):
        r = r0 * sh + i * dh
        c = j * dw
        return a[..., r : r + (rows - 1) * sh + 1 : sh, c : c + (ow - 1) * sw + 1 : sw]

    return view


def direct(padded, kernel, stride, dilation, out_shape, dtype) -> np.ndarray:
    """Shift-and-add in cache-sized strips of output rows.

    ``out[r, c] = sum_{i, j} kernel[i, j] * padded[r*sh + i*dh, c*sw + j*dw]``,
    the taps added in row-major order, starting from zero.
    """
    kh, kw = kernel.shape[-2:]
    oh, ow = out_shape
    lead = padded.shape[:-2]
    out = np.empty(lead + (oh, ow), dtype=dtype)
    per_row = max(1, int(np.prod(lead, dtype=np.int64)) * ow * np.dtype(dtype).itemsize)
    block = max(1, min(oh, CACHE_BYTES // per_row))
    tmp = np.empty(lead + (block, ow), dtype=dtype)
    view = _taps(stride, dilation, out_shape)
    weights = [(i, j, kernel[i, j]) for i in range(kh) for j in range(kw)]
    for r0 in range(0, oh, block):
        rows = min(block, oh - r0)
        o = out[..., r0 : r0 + rows, :]
        t = tmp[..., :rows, :]
        o[...] = 0
        for i, j, k in weights:
            np.multiply(view(padded, i, j, r0, rows), k, out=t)
            o += t
    return out


def _round_back(out: np.ndarray, dtype) -> np.ndarray:
    if np.dtype(dtype).kind in "iu":
        return np.rint(out).astype(dtype)
    return out.astype(dtype, copy=False)


def _float_type(dtype):
    return np.float32 if np.dtype(dtype) == np.float32 else np.float64


def separable(padded, kernel, stride, dilation, out_shape, dtype, rank: int | None = None) -> np.ndarray:
    """Apply ``kernel`` as a sum of ``rank`` column-times-row passes (SVD).

    Works in strips of output rows: for each strip, a 1-D row filter runs
    over the input rows the strip needs, then a 1-D column filter adds them
    up, so the intermediate rows stay in the processor's cache.
    """
    (sh, sw), (dh, dw), (oh, ow) = stride, dilation, out_shape
    kh, kw = kernel.shape
    ft = _float_type(dtype)
    u, s, vt = np.linalg.svd(np.asarray(kernel, dtype=np.float64))
    r = kernel_rank(kernel) if rank is None else rank
    cols = [(u[:, n] * math.sqrt(s[n])).astype(ft) for n in range(r)]
    rows = [(vt[n, :] * math.sqrt(s[n])).astype(ft) for n in range(r)]
    src = padded if padded.dtype == ft else padded.astype(ft)
    out = np.zeros((oh, ow), dtype=ft)
    itemsize = np.dtype(ft).itemsize
    # rows of output per strip: as many as fit in the cache, but at least twice
    # the kernel's span, or the row pass would redo the overlap too often
    block = min(oh, max(8, 2 * dh * (kh - 1), CACHE_BYTES // (ow * itemsize * sh)))
    span = (block - 1) * sh + dh * (kh - 1) + 1
    tmp = np.empty((span, ow), dtype=ft)
    part = np.empty((span, ow), dtype=ft)
    acc = np.empty((block, ow), dtype=ft)
    for r0 in range(0, oh, block):
        nrows = min(block, oh - r0)
        need = (nrows - 1) * sh + dh * (kh - 1) + 1
        top = r0 * sh
        o = out[r0 : r0 + nrows]
        a = acc[:nrows]
        for col, row in zip(cols, rows):
            t, p = tmp[:need], part[:need]
            t[...] = 0
            for j, v in enumerate(row):
                np.multiply(src[top : top + need, j * dw : j * dw + (ow - 1) * sw + 1 : sw], v, out=p)
                t += p
            for i, c in enumerate(col):
                np.multiply(t[i * dh : i * dh + (nrows - 1) * sh + 1 : sh], c, out=a)
                o += a
    return _round_back(out, dtype)


def fft(padded, kernel, stride, dilation, out_shape, dtype) -> np.ndarray:
    """Correlation through the FFT, at sizes with only small prime factors."""
    (sh, sw), (dh, dw), (oh, ow) = stride, dilation, out_shape
    kh, kw = kernel.shape
    eh, ew = dh * (kh - 1) + 1, dw * (kw - 1) + 1
    ft = _float_type(dtype)
    # correlation = convolution with the kernel flipped; dilate by inserting zeros
    flipped = np.zeros((eh, ew), dtype=ft)
    flipped[::dh, ::dw] = kernel[::-1, ::-1]
    ph, pw = padded.shape
    # only the rows and columns that some output cell needs
    need_h, need_w = (oh - 1) * sh + eh, (ow - 1) * sw + ew
    src = padded[:need_h, :need_w]
    fh, fw = next_fast_len(need_h), next_fast_len(need_w)
    spec = np.fft.rfft2(src.astype(ft, copy=False), s=(fh, fw))
    spec *= np.fft.rfft2(flipped, s=(fh, fw))
    full = np.fft.irfft2(spec, s=(fh, fw))
    del spec
    valid = full[eh - 1 : need_h : sh, ew - 1 : need_w : sw][:oh, :ow]
    return _round_back(np.ascontiguousarray(valid), dtype)


def _exact_enough(padded, kernel) -> bool:
    """Whether float paths can reproduce integer results exactly after rounding."""
    bound = float(np.abs(kernel).sum()) * float(np.abs(padded).max(initial=0))
    return bound < _EXACT_LIMIT


def estimate_bytes(method: str, padded_shape, kernel_shape, out_shape, itemsize: int) -> int:
    """Extra bytes a method allocates, besides the padded input."""
    oh, ow = out_shape
    if method == "fft":
        fh, fw = next_fast_len(padded_shape[0]), next_fast_len(padded_shape[1])
        return 2 * fh * (fw // 2 + 1) * 16 + fh * fw * 8 + oh * ow * itemsize
    if method == "separable":
        return 2 * padded_shape[0] * ow * 8 + oh * ow * 8
    return oh * ow * itemsize + CACHE_BYTES


def choose_method(padded, kernel, stride, dilation, out_shape, dtype) -> str:
    """The method ``'auto'`` picks: the one with the least estimated work.

    Kernels of up to 9 taps and small problems (at most ``SMALL_WORK``
    multiply-adds) get the direct path, whose sums are exact in the sense
    of :func:`convlib.steps`.  Inputs holding NaN or inf always get the direct path, and so do integer
    inputs whose sums could be too large to round back exactly from floats.
    Work is counted in multiply-adds per input pixel: ``kh*kw`` for direct,
    ``r*(kh + kw)`` for separable (rank ``r``) and a constant, measured on
    2-core machines, for the FFT.  Strided outputs make the direct paths
    cheaper (fewer output cells) but not the FFT.
    """
    kh, kw = kernel.shape
    taps = kh * kw
    ph, pw = padded.shape
    oh, ow = out_shape
    cells = oh * ow
    if taps <= 9 or taps * cells <= SMALL_WORK:
        return "direct"
    if np.dtype(dtype).kind == "f":
        # NaN and inf must stay in the windows that hold them: only the direct
        # path keeps them there (an FFT would spread them everywhere)
        float_ok = bool(np.isfinite(padded).all() and np.isfinite(kernel).all())
    else:
        float_ok = _exact_enough(padded, kernel)
    cost = {"direct": taps * cells}
    if float_ok:
        r = kernel_rank(kernel)
        if r * (kh + kw) < taps:
            # two passes; the row pass runs on all padded rows
            cost["separable"] = r * (kw * ph * ow + kh * cells) * 1.1
        # n log n: relatively dearer on larger pictures (measured at 2048 x 2048:
        # FFT ~ 90 ms, one tap ~ 2.7 ms, so direct wins for 5 x 5 there)
        cost["fft"] = fft_taps(ph * pw) * ph * pw
    return min(cost, key=cost.get)
