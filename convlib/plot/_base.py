"""Argument checks and sizes shared by the drawing modules (private)."""

from __future__ import annotations

from collections.abc import Callable

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import Colormap

from .._validate import as_array, describe
from ..conv import format_number

#: Opacity of the white veil laid over padding cells.
PAD_VEIL = 0.5


def _check_ax(ax, name: str = "ax") -> Axes | None:
    if ax is not None and not isinstance(ax, Axes):
        msg = f"{name} must be a matplotlib Axes or None; received {describe(ax)}"
        raise TypeError(msg)
    return ax


def axes_or_new(ax):
    """The Axes to draw on: ``ax`` itself, or the Axes of a new figure (pyplot) when None."""
    if _check_ax(ax) is None:
        import matplotlib.pyplot as plt  # only when a figure is made: importing convlib.plot stays light

        _, ax = plt.subplots()
    return ax


def _check_cmap(cmap, name: str = "cmap") -> Colormap:
    if isinstance(cmap, Colormap):
        return cmap
    if not isinstance(cmap, str):
        msg = f"{name} must be a colour map name or a Colormap; received {describe(cmap)}"
        raise TypeError(msg)
    try:
        return mpl.colormaps[cmap]
    except KeyError:
        msg = (
            f"{name} must be the name of a matplotlib colour map, such as 'cividis', 'viridis' "
            f"or 'gray'; received {describe(cmap)}"
        )
        raise ValueError(msg) from None





def _check_mask(mask, name: str, shape) -> np.ndarray | None:
    if mask is None:
        return None
    arr = np.asarray(mask)
    if arr.dtype != bool:
        msg = f"{name} must be a boolean array of shape {shape}; received {describe(mask)}"
        raise TypeError(msg)
    if arr.shape != tuple(shape):
        msg = f"{name} must have the matrix's shape {tuple(shape)}; received shape {arr.shape}"
        raise ValueError(msg)
    return arr


def _formatter(fmt) -> Callable[[object], str]:
    if fmt is None:
        return format_number
    if callable(fmt):
        return fmt
    if isinstance(fmt, str):
        try:
            if "{" in fmt:
                fmt.format(1.5)
                return fmt.format
            format(1.5, fmt)
        except (ValueError, IndexError, KeyError) as exc:
            msg = (
                f"fmt must be a format like '.2f' or '{{:.2f}}', or a function; "
                f"received {describe(fmt)} ({exc})"
            )
            raise ValueError(msg) from None
        return lambda v: format(v, fmt)
    msg = f"fmt must be None, a format string like '.2f' or a function; received {describe(fmt)}"
    raise TypeError(msg)


def _matrix(matrix, name: str = "matrix") -> np.ndarray:
    arr = as_array(matrix, name, 2)
    if arr.dtype.kind == "c":
        msg = f"{name} must contain real numbers; received an array of dtype {arr.dtype}"
        raise TypeError(msg)
    return arr



def _cell_points(ax: Axes, shape) -> float:
    """Approximate side of one cell, in points, of a matrix drawn on ``ax``."""
    fig = ax.figure
    pos = ax.get_position()
    w_in, h_in = fig.get_size_inches()
    rows, cols = shape
    return 72.0 * min(pos.width * w_in / cols, pos.height * h_in / rows)


#: Widths of characters in DejaVu Sans, in em; others count as 0.62.
_CHAR_EM = {**dict.fromkeys("0123456789", 0.64), ".": 0.32, "-": 0.36, ",": 0.32, " ": 0.32,
            "e": 0.62, "+": 0.84}


def _text_em(text: str) -> float:
    """Approximate width of ``text`` in em."""
    return sum(_CHAR_EM.get(ch, 0.62) for ch in text)


def _auto_fontsize(ax: Axes, shape, widest: float) -> float:
    """A font size at which a text ``widest`` em wide fits in one cell."""
    cell = _cell_points(ax, shape)
    by_height = 0.42 * cell
    by_width = 0.85 * cell / max(widest, 0.64)
    return float(np.clip(min(by_height, by_width), 5.0, 20.0))

