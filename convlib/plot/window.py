"""The kernel's window: a frame around the cells it covers, moved in place."""

from __future__ import annotations

import numbers
from typing import NamedTuple

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle

from .._validate import as_bool, as_real, describe
from ..palette import WINDOW_COLOUR
from ._base import (
    _check_ax,
)

__all__ = ["WindowPatches", "draw_window", "move_window"]




class WindowPatches(NamedTuple):
    """What :func:`draw_window` drew; pass it to :func:`move_window`.

    Attributes
    ----------
    frame : Rectangle
        The thick coloured frame around the cells the window spans.
    inner : Rectangle
        The dashed white line just inside the frame.
    taps : list of Rectangle
        Small squares on the cells the kernel taps meet; empty unless the
        taps are spread out (dilation > 1) or ``mark_taps`` was True.
    """

    frame: Rectangle
    inner: Rectangle
    taps: list


def _positions(values, name: str) -> tuple[int, ...]:
    if isinstance(values, (numbers.Integral, np.integer)) and not isinstance(values, (bool, np.bool_)):
        values = (values,)
    try:
        items = tuple(values)
    except TypeError:
        msg = f"{name} must be a sequence of integer indices; received {describe(values)}"
        raise TypeError(msg) from None
    if not items:
        msg = f"{name} must hold at least one index; received an empty sequence"
        raise ValueError(msg)
    for v in items:
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (numbers.Integral, np.integer)):
            msg = f"{name} must be a sequence of integer indices; received {describe(values)}"
            raise TypeError(msg)
    items = tuple(int(v) for v in items)
    if any(b <= a for a, b in zip(items, items[1:])):
        msg = f"{name} must be increasing indices; received {items}"
        raise ValueError(msg)
    return items


def _inset(ax: Axes, points: float) -> float:
    """``points`` converted to data units of a matrix drawn on ``ax``."""
    x0, x1 = ax.get_xlim()
    width_pt = ax.get_position().width * ax.figure.get_size_inches()[0] * 72.0
    units_per_point = abs(x1 - x0) / max(width_pt, 1e-9)
    return min(points * units_per_point, 0.2)


def _span(rows, cols):
    return (cols[0] - 0.5, rows[0] - 0.5), cols[-1] - cols[0] + 1, rows[-1] - rows[0] + 1


def _tap_boxes(rows, cols, inset: float):
    for r in rows:
        for c in cols:
            yield (c - 0.5 + inset, r - 0.5 + inset), 1 - 2 * inset, 1 - 2 * inset


def draw_window(ax, rows, cols, *, color=WINDOW_COLOUR, linewidth=3, mark_taps=None) -> WindowPatches:
    """Frame the cells a kernel window covers.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes holding a matrix drawn by :func:`plot_matrix` (cell ``(r, c)``
        centred at ``x=c, y=r``).
    rows, cols : sequence of int
        The rows and columns the kernel taps land on, as in
        :attr:`convlib.Step.rows` and :attr:`convlib.Step.cols`.  The frame
        spans from the first to the last of each.
    color : color, default '#D55E00'
        Colour of the frame (vermillion, from the Okabe-Ito palette).
    linewidth : float, default 3
        Width of the frame in points.
    mark_taps : bool, optional
        Also outline each cell a tap meets.  By default only when the taps
        are not adjacent (dilation > 1), where the frame alone would suggest
        that every cell inside it is used.

    Returns
    -------
    WindowPatches
        ``(frame, inner, taps)``: the frame, a dashed white line inside it
        (so that the window shows on dark and light cells alike) and the
        tap markers.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from convlib.plot import plot_matrix
    >>> fig, ax = plt.subplots()
    >>> _ = plot_matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]], ax)
    >>> win = draw_window(ax, rows=(0, 1), cols=(1, 2))
    >>> win.frame.get_xy(), win.frame.get_width(), win.frame.get_height()
    ((0.5, -0.5), 2, 2)
    >>> plt.close(fig)
    """
    _check_ax(ax)
    if ax is None:
        msg = "ax must be the matplotlib Axes holding the matrix; received None"
        raise TypeError(msg)
    rows = _positions(rows, "rows")
    cols = _positions(cols, "cols")
    try:
        to_rgba(color)
    except ValueError:
        msg = f"color must be a matplotlib colour such as '#D55E00'; received {describe(color)}"
        raise ValueError(msg) from None
    linewidth = as_real(linewidth, "linewidth", low=0, low_open=True, allow_none=True)
    if mark_taps is None:
        mark_taps = any(b - a > 1 for a, b in zip(rows, rows[1:])) or any(
            b - a > 1 for a, b in zip(cols, cols[1:]))
    mark_taps = as_bool(mark_taps, "mark_taps")

    xy, w, h = _span(rows, cols)
    frame = Rectangle(xy, w, h, fill=False, edgecolor=color, linewidth=linewidth, zorder=4,
                      joinstyle="miter", clip_on=False)
    inner_lw = max(1.0, linewidth / 2.5)
    d = _inset(ax, linewidth / 2 + inner_lw / 2)
    inner = Rectangle((xy[0] + d, xy[1] + d), w - 2 * d, h - 2 * d, fill=False, edgecolor="white",
                      linewidth=inner_lw, linestyle=(0, (3, 2)), zorder=4, clip_on=False)
    ax.add_patch(frame)
    ax.add_patch(inner)
    taps = []
    if mark_taps:
        tap_inset = _inset(ax, linewidth + inner_lw + 1)
        for bxy, bw, bh in _tap_boxes(rows, cols, tap_inset):
            tap = Rectangle(bxy, bw, bh, fill=False, edgecolor=color, linewidth=max(1.0, linewidth * 0.6),
                            zorder=4)
            ax.add_patch(tap)
            taps.append(tap)
    return WindowPatches(frame, inner, taps)


def move_window(patches: WindowPatches, rows, cols) -> list:
    """Move a window drawn by :func:`draw_window` to new cells, in place.

    Parameters
    ----------
    patches : WindowPatches
        What :func:`draw_window` returned.
    rows, cols : sequence of int
        The new tap rows and columns; with tap markers, as many as before.

    Returns
    -------
    list of Rectangle
        The patches moved.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from convlib.plot import plot_matrix
    >>> fig, ax = plt.subplots()
    >>> _ = plot_matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]], ax)
    >>> win = draw_window(ax, (0, 1), (0, 1))
    >>> _ = move_window(win, (1, 2), (1, 2))
    >>> win.frame.get_xy()
    (0.5, 0.5)
    >>> plt.close(fig)
    """
    if not isinstance(patches, WindowPatches):
        msg = f"patches must be the WindowPatches returned by draw_window; received {describe(patches)}"
        raise TypeError(msg)
    rows = _positions(rows, "rows")
    cols = _positions(cols, "cols")
    if patches.taps and len(patches.taps) != len(rows) * len(cols):
        msg = (
            f"rows and cols must give as many taps as the window has, {len(patches.taps)}; "
            f"received {len(rows)} rows x {len(cols)} columns"
        )
        raise ValueError(msg)
    xy, w, h = _span(rows, cols)
    old = patches.frame
    d = patches.inner.get_x() - old.get_x()
    old.set_bounds(xy[0], xy[1], w, h)
    patches.inner.set_bounds(xy[0] + d, xy[1] + d, w - 2 * d, h - 2 * d)
    if patches.taps:
        inset = (1 - patches.taps[0].get_width()) / 2
        for tap, (bxy, bw, bh) in zip(patches.taps, _tap_boxes(rows, cols, inset)):
            tap.set_bounds(bxy[0], bxy[1], bw, bh)
    return [patches.frame, patches.inner, *patches.taps]
