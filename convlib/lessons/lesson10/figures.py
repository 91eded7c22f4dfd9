"""Figures of lesson 10: overlap counts, a photo upsampled three ways, a signal and its filters, one window.

Drawing for one lesson only, on :mod:`convlib.plot`'s conventions (an
``axes=None`` argument, the artists returned, nothing shown or restyled
globally).  Count maps use the colour-blind-safe 'cividis' map with their
numbers written in; photos are grey; signals are drawn in the Okabe-Ito
colours of :mod:`convlib.palette` with different line styles, so no line is
told apart by colour alone.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ..._validate import as_array
from ...conv1d import correlate1d
from ...palette import OKABE_ITO, WINDOW_COLOUR
from ...plot import plot_matrix, show_image
from .examples import FILTERS, overlap_counts, upsample_three_ways

__all__ = ["draw_window_1d", "plot_filters", "plot_overlaps", "plot_upsampling"]


def _axes(n: int, axes, size, rows: int = 1):
    if axes is None:
        return list(np.ravel(plt.subplots(rows, n // rows, figsize=size, layout="constrained")[1]))
    axes = list(np.ravel(axes))
    if len(axes) != n:
        msg = f"axes must hold {n} Axes; received {len(axes)}"
        raise ValueError(msg)
    return axes


def plot_overlaps(cases=((3, 2), (4, 2)), axes=None) -> list:
    """For each ``(kernel size, stride)``, how many kernel copies land on each output cell.

    Returns
    -------
    list of MatrixArtists
    """
    axes = _axes(len(cases), axes, (4.2 * len(cases), 4))
    out = []
    for ax, (k, s) in zip(axes, cases, strict=True):
        counts = overlap_counts(k, s)
        out.append(plot_matrix(counts, ax, title=f"{k}×{k} kernel, stride {s}: copies per cell", vmin=0,
                               vmax=counts.max()))
    return out


def plot_upsampling(picture, crop=(slice(None), slice(None)), axes=None) -> list:
    """A small grey picture and three ways of making it twice as large (see ``upsample_three_ways``).

    Parameters
    ----------
    picture : array_like of shape (H, W)
        Values in [0, 1].
    crop : pair of slices, optional
        Part of each result to show (in the input's coordinates, doubled
        for the outputs), so the cells are large enough to see.
    axes : 4 Axes, optional

    Returns
    -------
    list of AxesImage
    """
    X = as_array(picture, "picture", 2)
    rs, cs = crop
    big = (slice(None if rs.start is None else 2 * rs.start, None if rs.stop is None else 2 * rs.stop),
           slice(None if cs.start is None else 2 * cs.start, None if cs.stop is None else 2 * cs.stop))
    axes = _axes(4, axes, (13, 3.8))
    images = [show_image(X[rs, cs], axes[0], title="input", vmin=0, vmax=1)]
    for ax, (name, Y) in zip(axes[1:], upsample_three_ways(X).items(), strict=True):
        images.append(show_image(Y[big], ax, title=name, vmin=0, vmax=1))
    return images


def plot_filters(x, axes=None) -> list:
    """The signal, and under it each of the lesson's three filters' outputs.

    Returns
    -------
    list of Line2D
    """
    sig = as_array(x, "x", 1)
    axes = _axes(len(FILTERS) + 1, axes, (11, 7.5), rows=len(FILTERS) + 1)
    n = np.arange(len(sig))
    lines = axes[0].plot(n, sig, color="black", marker=".", lw=1)
    axes[0].set_title("the signal x[n]", loc="left")
    styles = ("-", "--", "-.")
    colours = (OKABE_ITO["blue"], OKABE_ITO["bluish green"], OKABE_ITO["reddish purple"])
    for ax, (name, f), colour, style in zip(axes[1:], FILTERS.items(), colours, styles, strict=True):
        y = correlate1d(sig, f.kernel, mode=f.mode)
        ax.plot(n, sig, color="0.75", lw=1)
        lines += ax.plot(np.arange(len(y)), y, color=colour, ls=style, lw=2)
        ax.set_title(f"{name} ({f.mode} padding): {f.words}", loc="left")
    for ax in axes:
        ax.axhline(0, color="0.6", lw=0.6)
        ax.set_xlim(-1, len(sig))
    axes[-1].set_xlabel("sample n")
    return lines


def draw_window_1d(x, kernel, out, n: int, start: int, padding: tuple[int, int], axes) -> None:
    """Draw one step of a 1-D correlation: the padded signal with the window, and the output so far.

    Parameters
    ----------
    x : ndarray of shape (N,)
    kernel : ndarray of shape (k,)
    out : ndarray of shape (OUT,)
        The whole output; samples after ``n`` are not drawn.
    n : int
        The output sample of this step.
    start : int
        Where the window starts in the padded signal.
    padding : (int, int)
        Zeros added on the left and right.
    axes : 2 Axes
        Cleared and redrawn.
    """
    top, bottom = axes
    top.clear()
    bottom.clear()
    left, right = padding
    idx = np.arange(-left, len(x) + right)
    padded = np.concatenate([np.zeros(left), x, np.zeros(right)])
    real = (idx >= 0) & (idx < len(x))
    top.plot(idx[real], padded[real], color="black", marker=".", lw=1)
    if (~real).any():
        top.plot(idx[~real], padded[~real], ls="none", marker="o", mfc="white", color="0.4", ms=4,
                 label="padding (0)")
        top.legend(loc="upper left", fontsize=8)
    taps = start - left + np.arange(len(kernel))
    top.axvspan(taps[0] - 0.5, taps[-1] + 0.5, color=WINDOW_COLOUR, alpha=0.18, lw=0)
    top.plot(taps, padded[start : start + len(kernel)], ls="none", marker="s", mfc="none", mec=WINDOW_COLOUR,
             ms=9, mew=2)
    top.set_title(f"x: the window read for y[{n}] (framed)", loc="left", fontsize=10)
    m = np.arange(len(out))
    bottom.plot(m[: n + 1], out[: n + 1], color=OKABE_ITO["blue"], marker=".", lw=1.5)
    bottom.plot([n], [out[n]], ls="none", marker="o", ms=9, mfc="none", mec=WINDOW_COLOUR, mew=2)
    bottom.set_title(f"y: output samples 0 to {n}", loc="left", fontsize=10)
    lo = min(float(np.min(padded)), float(np.min(out)), 0.0)
    hi = max(float(np.max(padded)), float(np.max(out)), 0.0)
    for ax in axes:
        ax.set_xlim(-left - 1, len(x) + right)
        ax.set_ylim(lo - 0.3, hi + 0.3)
        ax.axhline(0, color="0.6", lw=0.6)
    bottom.set_xlabel("sample n")

