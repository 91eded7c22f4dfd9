"""Figures of lesson 09: measured times of convlib's methods against kernel size.

Drawing for one lesson only, built on :mod:`convlib.plot`'s conventions (an
``ax=None`` argument, the artists returned, nothing shown or restyled
globally) and :mod:`convlib.palette`'s colours.
"""

from __future__ import annotations

from typing import NamedTuple

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from ..._validate import as_text, describe
from ...palette import OKABE_ITO
from ...plot import axes_or_new

__all__ = ["METHOD_LABELS", "METHOD_STYLES", "MethodTimesArtists", "plot_method_times", "plot_timings"]


#: How each method is drawn in the speed figures: Okabe-Ito colours, and a
#: line style and marker of its own, so that colour is never the only cue.
METHOD_STYLES = {
    "direct": dict(color=OKABE_ITO["blue"], linestyle="-", marker="o"),
    "fft": dict(color=OKABE_ITO["vermillion"], linestyle="--", marker="s"),
    "separable": dict(color=OKABE_ITO["bluish green"], linestyle="-.", marker="^"),
    "auto": dict(color=OKABE_ITO["black"], linestyle="-", marker="D", linewidth=2.6),
    "ndimage": dict(color=OKABE_ITO["orange"], linestyle=":", marker="v", linewidth=2.2),
    "signal.correlate2d": dict(color=OKABE_ITO["reddish purple"], linestyle=(0, (3, 1, 1, 1, 1, 1)), marker="P"),
    "fftconvolve": dict(color=OKABE_ITO["sky blue"], linestyle=(0, (6, 2)), marker="X"),
}

#: Legend labels of the methods in the speed figures.
METHOD_LABELS = {
    "direct": "convlib direct (shift-and-add)",
    "fft": "convlib fft",
    "separable": "convlib separable",
    "auto": "convlib auto",
    "ndimage": "scipy.ndimage.correlate",
    "signal.correlate2d": "scipy.signal.correlate2d",
    "fftconvolve": "scipy.signal.fftconvolve",
}


def _method_style(method: str, index: int) -> dict:
    spare = ("#999999", OKABE_ITO["yellow"])
    style = dict(METHOD_STYLES.get(method, dict(color=spare[index % 2], linestyle="-", marker="*")))
    style.setdefault("linewidth", 1.8)
    style.setdefault("markersize", 6)
    return style


class MethodTimesArtists(NamedTuple):
    """What :func:`plot_method_times` drew: one line per method and the k marker."""

    ax: Axes
    lines: dict
    marker: object


def plot_method_times(times, k=None, ax=None, *, title=None) -> MethodTimesArtists:
    """Measured time against kernel size, one line per method, with a marker at ``k``.

    Parameters
    ----------
    times : convlib.lessons.lesson09.speed.MethodTimes
        What :func:`convlib.lessons.lesson09.speed.measure_methods` measured.
    k : int, optional
        Where to put the vertical marker; by default the smallest k.  Move
        it later with ``artists.marker.set_xdata([k, k])``.
    ax : Axes, optional
    title : str, optional
        By default says the image size.

    Returns
    -------
    MethodTimesArtists

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from convlib.lessons.lesson09.speed import MethodTimes
    >>> t = MethodTimes(64, (1, 3, 5), ("direct", "fft"), [[1, 2, 4], [3, 3, 3]])
    >>> art = plot_method_times(t, k=3)
    >>> sorted(art.lines), list(art.marker.get_xdata())
    (['direct', 'fft'], [3, 3])
    >>> plt.close(art.ax.figure)
    """
    ax = axes_or_new(ax)
    title = as_text(title, "title", allow_none=True)
    lines = {}
    for i, method in enumerate(times.methods):
        (lines[method],) = ax.plot(times.ks, times.times(method), label=METHOD_LABELS.get(method, method),
                                   **_method_style(method, i))
    ax.set_yscale("log")
    ax.set_xticks(times.ks)
    ax.set_xlabel("kernel size k (a k × k kernel)")
    ax.set_ylabel("time per call (ms, log scale)")
    ax.set_title(title or f"convlib's methods on a {times.size} × {times.size} image, measured just now")
    ax.grid(True, which="major", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    start = times.ks[0] if k is None else k
    marker = ax.axvline(start, color="#777777", linewidth=2.5, alpha=0.55, zorder=0.5)
    ax.legend(loc="upper left", frameon=True, fontsize=9)
    return MethodTimesArtists(ax, lines, marker)


def plot_timings(table, sizes=(512, 2048), kernels=None, methods=None, *, axes=None):
    """The benchmark's times against kernel size: one panel per image size and kind of kernel.

    Parameters
    ----------
    table : convlib.lessons.lesson09.benchmark.BenchmarkTable
        What :func:`convlib.lessons.lesson09.benchmark.read_benchmark` read.
    sizes : sequence of int, default (512, 2048)
        One row of panels per image size.
    kernels : sequence of str, optional
        One column of panels per kind of kernel; by default all in the table.
    methods : sequence of str, optional
        By default all in the table.
    axes : 2-D array of Axes, optional
        ``len(sizes)`` rows and ``len(kernels)`` columns; by default a new figure.

    Returns
    -------
    fig : matplotlib.figure.Figure
    lines : dict
        ``lines[size, kernel][method]`` is the Line2D of that method.

    Notes
    -----
    Both axes are logarithmic.  Gaps in a line are cases the benchmark
    skipped because they would have taken minutes.
    """
    sizes = tuple(sizes)
    kernels = tuple(table.kernels if kernels is None else kernels)
    methods = tuple(table.methods if methods is None else methods)
    if axes is None:
        size = (4.6 * len(kernels) + 0.6, 3.3 * len(sizes))
        fig, axes = plt.subplots(len(sizes), len(kernels), figsize=size, sharex=True, squeeze=False,
                                 layout="constrained")
    else:
        axes = np.asarray(axes, dtype=object).reshape(len(sizes), len(kernels))
        if not all(isinstance(a, Axes) for a in axes.ravel()):
            msg = (f"axes must be {len(sizes)} x {len(kernels)} matplotlib Axes or None; "
                   f"received {describe(axes)}")
            raise TypeError(msg)
        fig = axes[0, 0].figure
    kind = {"random": "random kernels (full rank)", "gauss": "Gaussian kernels (rank 1)"}
    lines = {}
    for r, size in enumerate(sizes):
        for c, kernel in enumerate(kernels):
            ax = axes[r, c]
            drawn = {}
            for i, method in enumerate(methods):
                ks, ms = table.times(size, kernel, method)
                (drawn[method],) = ax.plot(ks, ms, label=METHOD_LABELS.get(method, method),
                                           **_method_style(method, i))
            lines[size, kernel] = drawn
            ax.set_xscale("log")
            ax.set_yscale("log")
            ax.set_xticks(table.ks, [str(k) for k in table.ks])
            ax.minorticks_off()
            ax.grid(True, color="#dddddd", linewidth=0.8)
            ax.set_axisbelow(True)
            ax.set_title(f"{size} × {size} image, {kind.get(kernel, kernel)}", fontsize=10)
            if r == len(sizes) - 1:
                ax.set_xlabel("kernel size k")
            if c == 0:
                ax.set_ylabel("time (ms, log scale)")
    handles = list(lines[sizes[0], kernels[0]].values())
    fig.legend(handles=handles, loc="outside lower center", ncols=min(4, len(handles)), fontsize=9,
               frameon=False)
    return fig, lines
