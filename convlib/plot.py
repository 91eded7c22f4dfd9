"""Matplotlib figures of small matrices, convolution steps and photos.

This is the drawing layer of convlib.  It knows about matplotlib and
:mod:`convlib.conv`, and nothing about widgets or notebooks.  It follows the
conventions of the matplotlib gallery:

* every helper draws into the Axes it is given (``ax=...`` or ``axes=...``)
  and makes a new figure with :func:`matplotlib.pyplot.subplots` only when
  none is given;
* every helper returns the artists it made, so that callers can restyle them
  or update them in place (:func:`update_matrix`, :func:`move_window`,
  :meth:`StepFigure.update`) for fast redraws and animations;
* nothing here calls :func:`matplotlib.pyplot.show` or changes
  :data:`matplotlib.rcParams`.

Colours are chosen for colour-vision deficiencies: matrices use the
'cividis' colour map by default, the sliding window is drawn in vermillion
from the Okabe-Ito palette, and every number is written in black or white,
whichever contrasts more with its cell.
"""

from __future__ import annotations

import functools
import gzip
import math
import numbers
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import Colormap, to_rgba
from matplotlib.image import AxesImage
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from ._validate import as_array, describe
from .conv import Trace, correlate2d, format_number

__all__ = [
    "WINDOW_COLOR",
    "MatrixArtists",
    "StepFigure",
    "WindowPatches",
    "display_range",
    "draw_window",
    "flashlight",
    "png_bytes",
    "move_window",
    "plot_convolution",
    "plot_matrix",
    "plot_step",
    "sample_image",
    "show_image",
    "update_matrix",
]

#: Colour of the sliding-window frame: vermillion from the Okabe-Ito palette.
WINDOW_COLOR = "#D55E00"

#: Colour of cells with no value yet (NaN or masked).
_BLANK_COLOR = "#e6e6e6"
#: Colour of the lines between cells.
_GRID_COLOR = "white"
#: Opacity of the white veil laid over padding cells.
_PAD_VEIL = 0.5
#: Hatch colour of padding cells.
_PAD_HATCH_COLOR = "#777777"
#: Relative luminance above which black text contrasts more than white text
#: (where the WCAG contrast ratios with black and with white are equal).
_LUMINANCE_THRESHOLD = math.sqrt(1.05 * 0.05) - 0.05


# --------------------------------------------------------------------------
# checking arguments
# --------------------------------------------------------------------------
def _check_ax(ax, name: str = "ax") -> Axes | None:
    if ax is not None and not isinstance(ax, Axes):
        msg = f"{name} must be a matplotlib Axes or None; received {describe(ax)}"
        raise TypeError(msg)
    return ax


def _new_ax(ax):
    """The Axes to draw on: ``ax`` itself, or the Axes of a new figure."""
    if _check_ax(ax) is None:
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


def _check_real(value, name: str, *, positive: bool = False):
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.number)):
        kind = "a positive number" if positive else "a real number"
        msg = f"{name} must be {kind} or None; received {describe(value)}"
        raise TypeError(msg)
    value = float(value)
    if not math.isfinite(value) or (positive and value <= 0):
        kind = "a positive, finite number" if positive else "a finite number"
        msg = f"{name} must be {kind} or None; received {value!r}"
        raise ValueError(msg)
    return value


def _check_bool(value, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        msg = f"{name} must be True or False; received {describe(value)}"
        raise TypeError(msg)
    return bool(value)


def _check_title(value, name: str = "title"):
    if value is not None and not isinstance(value, str):
        msg = f"{name} must be a string or None; received {describe(value)}"
        raise TypeError(msg)
    return value


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


# --------------------------------------------------------------------------
# colour and size
# --------------------------------------------------------------------------
def _luminance(rgba) -> np.ndarray:
    """WCAG relative luminance of sRGB colours, shape (..., 3 or 4) -> (...)."""
    c = np.asarray(rgba, dtype=float)[..., :3]
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return lin @ np.array([0.2126, 0.7152, 0.0722])


def _text_color(rgba) -> str:
    """'black' on light colours, 'white' on dark ones."""
    return "black" if _luminance(rgba) > _LUMINANCE_THRESHOLD else "white"


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


# --------------------------------------------------------------------------
# matrices
# --------------------------------------------------------------------------
@dataclass(eq=False)
class MatrixArtists:
    """What :func:`plot_matrix` drew; pass it to :func:`update_matrix`.

    Attributes
    ----------
    image : matplotlib.image.AxesImage
        The coloured cells.
    texts : ndarray of Text, shape (H, W)
        The number written in each cell; ``texts[r, c]`` belongs to cell
        ``(r, c)``.  Its text is empty for blank cells.
    title : matplotlib.text.Text or None
        The Axes title, if one was given.
    hatches : list of Rectangle
        The hatched veils over the cells flagged by ``hatch_mask``.
    grid : list of LineCollection
        The lines between cells.
    """

    image: AxesImage
    texts: np.ndarray
    title: Text | None
    hatches: list = field(default_factory=list)
    grid: list = field(default_factory=list)
    fmt: Callable[[object], str] = field(default=format_number, repr=False)
    mask: np.ndarray | None = field(default=None, repr=False)
    hatch_mask: np.ndarray | None = field(default=None, repr=False)

    @property
    def ax(self) -> Axes:
        """The Axes the matrix is drawn on."""
        return self.image.axes

    @property
    def shape(self) -> tuple[int, int]:
        """``(H, W)``: rows and columns of the matrix."""
        return self.texts.shape


def _blank(values: np.ndarray, mask) -> np.ndarray:
    """True where a cell shows no number: NaN, or flagged by ``mask``."""
    blank = np.isnan(values) if values.dtype.kind == "f" else np.zeros(values.shape, dtype=bool)
    if mask is not None:
        blank = blank | mask
    return blank


def _cell_colors(image: AxesImage, values: np.ndarray, hatch_mask) -> np.ndarray:
    """RGBA colour each cell is seen in (padding cells under their veil)."""
    with np.errstate(invalid="ignore"):
        rgba = image.cmap(image.norm(np.ma.masked_invalid(values.astype(float))))
    if hatch_mask is not None:
        white = np.array([1.0, 1.0, 1.0, 1.0])
        rgba = np.where(hatch_mask[..., None], _PAD_VEIL * white + (1 - _PAD_VEIL) * rgba, rgba)
    return rgba


def _write_values(artists: MatrixArtists, values: np.ndarray) -> None:
    blank = _blank(values, artists.mask)
    colors = _cell_colors(artists.image, values, artists.hatch_mask)
    for (r, c), text in np.ndenumerate(artists.texts):
        if blank[r, c]:
            text.set_text("")
        else:
            text.set_text(artists.fmt(values[r, c]))
            text.set_color(_text_color(colors[r, c]))


def _image_data(values: np.ndarray, mask) -> np.ma.MaskedArray:
    data = np.ma.masked_invalid(values.astype(float))
    if mask is not None:
        data = np.ma.masked_where(mask, data)
    return data


def _limits(values: np.ndarray, mask, vmin, vmax) -> tuple[float, float]:
    """Colour scale: the given limits, else the range of the numbers shown."""
    shown = values[~_blank(values, mask)].astype(float)
    shown = shown[np.isfinite(shown)]
    lo = vmin if vmin is not None else (float(shown.min()) if shown.size else None)
    hi = vmax if vmax is not None else (float(shown.max()) if shown.size else None)
    if lo is None and hi is None:
        lo, hi = 0.0, 1.0
    elif lo is None:
        lo = min(0.0, hi)
    elif hi is None:
        hi = max(1.0, lo)
    if lo > hi:
        msg = f"vmin must not be larger than vmax; received vmin={lo!r} and vmax={hi!r}"
        raise ValueError(msg)
    return lo, hi


def _label_size(ax: Axes, shape) -> float:
    """Size of the index labels around a matrix: small, but never tiny."""
    return float(np.clip(0.25 * _cell_points(ax, shape), 6.0, 9.0))


def _style_axes(ax: Axes, shape) -> list:
    """Index labels (columns on top, rows on the left) and lines between cells."""
    rows, cols = shape
    ax.set_xlim(-0.5, cols - 0.5)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.xaxis.tick_top()
    for axis, n in ((ax.xaxis, cols), (ax.yaxis, rows)):
        if n <= 15:
            axis.set_ticks(range(n))
        else:
            axis.set_major_locator(MaxNLocator(nbins=10, integer=True))
    labelsize = _label_size(ax, shape)
    ax.tick_params(which="both", length=0, pad=2, labelsize=labelsize, labelcolor="#555555")
    for spine in ax.spines.values():
        spine.set_visible(False)
    lw = 1.5 if max(shape) <= 15 else 0.5
    grid = [
        ax.hlines(np.arange(1, rows) - 0.5, -0.5, cols - 0.5, colors=_GRID_COLOR, linewidths=lw, zorder=2),
        ax.vlines(np.arange(1, cols) - 0.5, -0.5, rows - 0.5, colors=_GRID_COLOR, linewidths=lw, zorder=2),
    ]
    return grid


def plot_matrix(
    matrix,
    ax=None,
    *,
    title=None,
    cmap="cividis",
    fmt=None,
    vmin=None,
    vmax=None,
    show_values=True,
    mask=None,
    hatch_mask=None,
    fontsize=None,
) -> MatrixArtists:
    """Draw a small matrix as coloured cells with its numbers written in.

    Parameters
    ----------
    matrix : array_like of shape (H, W)
        Real numbers.  NaN cells (for example output cells not computed yet)
        are drawn light grey and left empty.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is made when None.
    title : str, optional
        Axes title.
    cmap : str or Colormap, default 'cividis'
        Colour map of the cells.  'cividis' reads the same with every kind
        of colour vision and in grey print.
    fmt : None, str or callable, optional
        How each number is written: None uses :func:`convlib.format_number`
        (``6``, ``0.1111``); a string is a format spec such as ``'.2f'`` or
        ``'{:.2f}'``; a function takes the value and returns the text.
    vmin, vmax : float, optional
        Values drawn in the first and last colour of ``cmap``; by default the
        smallest and largest number shown.
    show_values : bool, default True
        Write the numbers in the cells.
    mask : array_like of bool, shape (H, W), optional
        True cells are drawn blank like NaN cells.
    hatch_mask : array_like of bool, shape (H, W), optional
        True cells are veiled in white and hatched, to mark them as padding;
        their numbers stay visible.
    fontsize : float, optional
        Size of the numbers in points; by default chosen so the longest
        number fits its cell (readable up to about 12 x 12 on a
        5-inch-wide Axes).

    Returns
    -------
    MatrixArtists
        The image, a (H, W) array of Text, the title Text, the hatch patches
        and the grid lines; pass it to :func:`update_matrix` to show new values.

    Notes
    -----
    Each number is written in black or white, whichever contrasts more with
    the colour of its cell (compared by WCAG relative luminance).  Column
    indices are written above the matrix and row indices to its left, so
    that ``matrix[r, c]`` is found at row label ``r``, column label ``c``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> art = plot_matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]], ax, title="Input X")
    >>> art.texts.shape, art.texts[1, 2].get_text(), art.title.get_text()
    ((3, 3), '6', 'Input X')
    >>> art.texts[0, 0].get_color(), art.texts[2, 2].get_color()   # dark cell, light cell
    ('white', 'black')
    >>> plt.close(fig)
    """
    values = _matrix(matrix)
    ax = _new_ax(ax)
    title = _check_title(title)
    colormap = _check_cmap(cmap).with_extremes(bad=_BLANK_COLOR)
    formatter = _formatter(fmt)
    vmin = _check_real(vmin, "vmin")
    vmax = _check_real(vmax, "vmax")
    show_values = _check_bool(show_values, "show_values")
    fontsize = _check_real(fontsize, "fontsize", positive=True)
    mask = _check_mask(mask, "mask", values.shape)
    hatch_mask = _check_mask(hatch_mask, "hatch_mask", values.shape)
    lo, hi = _limits(values, mask, vmin, vmax)

    image = ax.imshow(_image_data(values, mask), cmap=colormap, vmin=lo, vmax=hi,
                      interpolation="nearest", aspect="equal")
    shown = values[~_blank(values, mask)]
    if fontsize is None:
        widest = max((_text_em(formatter(v)) for v in shown.ravel()), default=0.64)
        fontsize = _auto_fontsize(ax, values.shape, widest)
    grid = _style_axes(ax, values.shape)

    hatches = []
    if hatch_mask is not None:
        for r, c in zip(*np.nonzero(hatch_mask)):
            patch = Rectangle((c - 0.5, r - 0.5), 1, 1, facecolor=(1, 1, 1, _PAD_VEIL),
                              edgecolor=_PAD_HATCH_COLOR, hatch="//", linewidth=0, zorder=1)
            ax.add_patch(patch)
            hatches.append(patch)

    texts = np.empty(values.shape, dtype=object)
    for r, c in np.ndindex(values.shape):
        texts[r, c] = ax.text(c, r, "", ha="center", va="center", fontsize=fontsize, zorder=3,
                              visible=show_values)
    title_text = None
    if title is not None:
        # placed above the column indices once and for all (y given): matplotlib's
        # automatic placement moves it at draw time, which confuses constrained layout
        title_text = ax.set_title(title, y=1.0, pad=1.3 * _label_size(ax, values.shape) + 6)
    artists = MatrixArtists(image, texts, title_text, hatches, grid, formatter, mask, hatch_mask)
    _write_values(artists, values)
    return artists


def update_matrix(artists: MatrixArtists, matrix, *, rescale: bool = False) -> list:
    """Show new values in a matrix drawn by :func:`plot_matrix`, in place.

    Only the image data, the texts and their colours change; no artist is
    added or removed, so redraws are fast.

    Parameters
    ----------
    artists : MatrixArtists
        What :func:`plot_matrix` returned.
    matrix : array_like of shape (H, W)
        The new values, with the shape of the matrix drawn.  NaN cells are
        drawn blank.
    rescale : bool, default False
        Stretch the colour scale to the new values.  By default it stays as
        it was, so that a cell keeps its colour while the others change.

    Returns
    -------
    list of Artist
        The image and the texts, for :class:`matplotlib.animation.FuncAnimation`.

    Examples
    --------
    >>> import numpy as np
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> art = plot_matrix([[6, np.nan], [np.nan, np.nan]], ax, vmin=6, vmax=14)
    >>> art.texts[0, 1].get_text()
    ''
    >>> changed = update_matrix(art, [[6, 8], [np.nan, np.nan]])
    >>> art.texts[0, 1].get_text()
    '8'
    >>> plt.close(fig)
    """
    if not isinstance(artists, MatrixArtists):
        msg = f"artists must be the MatrixArtists returned by plot_matrix; received {describe(artists)}"
        raise TypeError(msg)
    values = _matrix(matrix)
    if values.shape != artists.shape:
        msg = (
            f"matrix must have the shape of the matrix drawn, {artists.shape}; "
            f"received shape {values.shape}"
        )
        raise ValueError(msg)
    rescale = _check_bool(rescale, "rescale")
    artists.image.set_data(_image_data(values, artists.mask))
    if rescale:
        artists.image.set_clim(*_limits(values, artists.mask, None, None))
    _write_values(artists, values)
    return [artists.image, *artists.texts.ravel()]


# --------------------------------------------------------------------------
# the sliding window
# --------------------------------------------------------------------------
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


def draw_window(ax, rows, cols, *, color=WINDOW_COLOR, linewidth=3, mark_taps=None) -> WindowPatches:
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
    linewidth = _check_real(linewidth, "linewidth", positive=True)
    if mark_taps is None:
        mark_taps = any(b - a > 1 for a, b in zip(rows, rows[1:])) or any(
            b - a > 1 for a, b in zip(cols, cols[1:]))
    mark_taps = _check_bool(mark_taps, "mark_taps")

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


# --------------------------------------------------------------------------
# whole figures
# --------------------------------------------------------------------------
#: Margins of a row of matrices, in inches: row labels left of each panel,
#: title and column labels above, and the right edge.
_GUTTER, _TOP, _RIGHT, _BOTTOM = 0.4, 0.7, 0.15, 0.15


def _row_size(shapes) -> tuple[float, float]:
    """Side of a cell and width of the figure, in inches, for matrices side by side."""
    cols = sum(s[1] for s in shapes)
    cell = float(np.clip((11.0 - len(shapes) * _GUTTER - _RIGHT) / cols, 0.3, 0.75))
    return cell, len(shapes) * _GUTTER + cell * cols + _RIGHT


def _row_of_axes(shapes, axes, *, bottom: float = 0.0, name: str = "axes"):
    """Axes side by side whose cells are all the same size (or the given ``axes``).

    The Axes of a new figure are placed by hand rather than by a layout
    engine: cells are exactly square and equal in every panel, shorter
    panels are centred vertically, and nothing moves from one draw to the
    next (which matters for animations).  A strip ``bottom`` inches high is
    kept free under the panels.
    """
    if axes is not None:
        try:
            axes = list(np.ravel(np.asarray(axes, dtype=object)))
        except TypeError:
            axes = [axes]
        if len(axes) != len(shapes) or not all(isinstance(a, Axes) for a in axes):
            msg = f"{name} must be {len(shapes)} matplotlib Axes or None; received {describe(axes)}"
            raise TypeError(msg)
        return axes[0].figure, axes
    cell, width = _row_size(shapes)
    rows = max(s[0] for s in shapes)
    low = _BOTTOM + bottom
    height = low + rows * cell + _TOP
    fig = plt.figure(figsize=(width, height))
    made = []
    x = 0.0
    for h, w in shapes:
        x += _GUTTER
        y = low + (rows - h) * cell / 2
        made.append(fig.add_axes((x / width, y / height, w * cell / width, h * cell / height)))
        x += w * cell
    return fig, made


def plot_convolution(X, K, Y=None, *, axes=None, titles=("Input X", "Kernel K", "Output Y")):
    """Input, kernel and output side by side: the lesson's first figure.

    Parameters
    ----------
    X : array_like of shape (H, W)
        The input.
    K : array_like of shape (kh, kw)
        The kernel.
    Y : array_like of shape (OH, OW), optional
        The output; by default ``correlate2d(X, K)`` ('valid', no flip).
    axes : sequence of 3 Axes, optional
        Where to draw; by default a new figure whose cells are all the same
        size.
    titles : sequence of 3 str
        Titles of the three panels.

    Returns
    -------
    fig : matplotlib.figure.Figure
    artists : dict of MatrixArtists
        Keys ``'input'``, ``'kernel'`` and ``'output'``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, art = plot_convolution([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[0, 1], [1, 0]])
    >>> [[t.get_text() for t in row] for row in art["output"].texts]
    [['6', '8'], ['12', '14']]
    >>> plt.close(fig)
    """
    x = _matrix(X, "X")
    k = _matrix(K, "K")
    y = correlate2d(x, k) if Y is None else _matrix(Y, "Y")
    if isinstance(titles, str) or not hasattr(titles, "__len__") or len(titles) != 3:
        msg = f"titles must be three strings (input, kernel, output); received {describe(titles)}"
        raise TypeError(msg)
    names = ("titles[0]", "titles[1]", "titles[2]")
    titles = [_check_title(t, n) for t, n in zip(titles, names)]
    fig, (ax_x, ax_k, ax_y) = _row_of_axes([x.shape, k.shape, y.shape], axes)
    artists = {
        "input": plot_matrix(x, ax_x, title=titles[0]),
        "kernel": plot_matrix(k, ax_k, title=titles[1]),
        "output": plot_matrix(y, ax_y, title=titles[2]),
    }
    return fig, artists


@dataclass(eq=False)
class StepFigure:
    """A figure of one step of a convolution; :meth:`update` shows another.

    Attributes
    ----------
    fig : matplotlib.figure.Figure
    trace : convlib.Trace
    k : int
        The step shown.
    input, kernel, output : MatrixArtists
        The padded input, the kernel (as applied) and the output so far.
    window : WindowPatches
        The frame around the window on the input.
    cell : WindowPatches
        The frame around the output cell of the step.
    equation : matplotlib.text.Text
        The arithmetic of the step, below the panels (wrapped to fit).
    """

    fig: object
    trace: Trace
    k: int
    input: MatrixArtists
    kernel: MatrixArtists
    output: MatrixArtists
    window: WindowPatches
    cell: WindowPatches
    equation: Text
    wrap: int = field(default=80, repr=False)

    def update(self, k: int) -> list:
        """Show step ``k`` instead: move the frames, fill the output, rewrite the equation.

        Nothing is redrawn from scratch, so this is fast enough for sliders
        and animations.  Returns the artists changed.
        """
        k = _check_step(self.trace, k)
        step = self.trace.steps[k]
        changed = move_window(self.window, step.rows, step.cols)
        changed += move_window(self.cell, (step.out_index[0],), (step.out_index[1],))
        changed += update_matrix(self.output, self.trace.output_until(k))
        self.equation.set_text(_wrap(step.equation(), self.wrap))
        self.k = k
        return [*changed, self.equation]


def _check_step(trace: Trace, k) -> int:
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, (numbers.Integral, np.integer)):
        msg = f"k must be an integer step index; received {describe(k)}"
        raise TypeError(msg)
    n = len(trace.steps)
    if not 0 <= k < n:
        msg = f"k must be a step index from 0 to {n - 1}; received {int(k)}"
        raise ValueError(msg)
    return int(k)


#: Font size of the equation under a step figure.
_EQUATION_SIZE = 12


def _wrap(text: str, width: int) -> str:
    """Break an equation into lines of at most ``width`` characters, after a ``+``."""
    lines, line = [], ""
    for term in text.split(" + "):
        if line and len(line) + 3 + len(term) > width:
            lines.append(line + " +")
            line = term
        else:
            line = f"{line} + {term}" if line else term
    lines.append(line)
    return "\n".join(lines)


def plot_step(trace: Trace, k: int = 0, *, axes=None) -> StepFigure:
    """Draw step ``k`` of a convolution: window, kernel, output so far and the sum.

    Parameters
    ----------
    trace : convlib.Trace
        What :func:`convlib.trace` returned.
    k : int, default 0
        The step to show, from 0 to ``len(trace) - 1``.
    axes : sequence of 3 Axes, optional
        Where to draw the input, kernel and output; by default a new figure
        whose cells are all the same size.

    Returns
    -------
    StepFigure
        Holds every artist drawn; call its :meth:`~StepFigure.update` method
        to show another step in place.

    Notes
    -----
    The left panel is the *padded* input: padding cells are hatched, and
    the window is framed in vermillion.  The middle panel is the kernel as
    applied (flipped for true convolution).  The right panel is the output
    with the cells computed so far; the cell of step ``k`` is framed.  The
    equation of the step is written below the panels, as a figure text.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from convlib import trace
    >>> t = trace([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[0, 1], [1, 0]])
    >>> sf = plot_step(t, 1)
    >>> sf.equation.get_text()
    'Y[0,1] = 2×0 + 3×1 + 5×1 + 6×0 = 8'
    >>> _ = sf.update(2)
    >>> sf.equation.get_text(), sf.output.texts[1, 0].get_text()
    ('Y[1,0] = 4×0 + 5×1 + 7×1 + 8×0 = 12', '12')
    >>> plt.close(sf.fig)
    """
    if not isinstance(trace, Trace):
        msg = f"trace must be the Trace returned by convlib.trace; received {describe(trace)}"
        raise TypeError(msg)
    k = _check_step(trace, k)
    if axes is not None:
        _row_of_axes([(1, 1)] * 3, axes)                   # check before computing anything
    padded, applied, output = trace.padded, trace.applied, trace.output
    shapes = [padded.shape, applied.shape, output.shape]
    step = trace.steps[k]
    if axes is None:
        width = _row_size(shapes)[1]
    else:
        width = np.ravel(np.asarray(axes, dtype=object))[0].figure.get_size_inches()[0]
    wrap = max(30, int(width * 72 / (0.6 * _EQUATION_SIZE)))
    longest = max((s.equation() for s in trace.steps), key=len)
    lines = _wrap(longest, wrap).count("\n") + 1
    strip = 0.25 * lines + 0.1                             # inches under the panels
    fig, (ax_x, ax_k, ax_y) = _row_of_axes(shapes, axes, bottom=strip)

    pad_mask = trace.is_padding()
    x_title = "Input X (padded)" if pad_mask.any() else "Input X"
    k_title = "Kernel K (flipped)" if trace.options.get("flip") else "Kernel K"
    art_x = plot_matrix(padded, ax_x, title=x_title, hatch_mask=pad_mask if pad_mask.any() else None)
    art_k = plot_matrix(applied, ax_k, title=k_title)
    finite = output[np.isfinite(output)] if output.dtype.kind == "f" else output
    lo = float(finite.min()) if finite.size else None
    hi = float(finite.max()) if finite.size else None
    art_y = plot_matrix(trace.output_until(k), ax_y, title="Output Y", vmin=lo, vmax=hi)
    # the three panels share a font size so numbers compare at a glance
    size = min(t.get_fontsize() for a in (art_x, art_k, art_y) for t in a.texts.flat)
    for a in (art_x, art_k, art_y):
        for t in a.texts.flat:
            t.set_fontsize(size)

    window = draw_window(ax_x, step.rows, step.cols)
    draw_window(ax_k, tuple(range(applied.shape[0])), tuple(range(applied.shape[1])), mark_taps=False)
    cell = draw_window(ax_y, (step.out_index[0],), (step.out_index[1],))
    # not a supxlabel: left out of the layout, in the strip kept free for it, so that
    # constrained layout settles in one pass and the panels never move between steps
    text = _wrap(step.equation(), wrap)
    if axes is None:
        y, va = (0.5 * strip + 0.05) / fig.get_size_inches()[1], "center"
    else:
        y, va = 0.01, "bottom"
    equation = fig.text(0.5, y, text, ha="center", va=va, fontsize=_EQUATION_SIZE, in_layout=False)
    return StepFigure(fig, trace, k, art_x, art_k, art_y, window, cell, equation, wrap)


# --------------------------------------------------------------------------
# photos
# --------------------------------------------------------------------------
def _to_unit(arr: np.ndarray) -> np.ndarray:
    """Float copy of an image scaled sensibly into [0, 1]."""
    if arr.dtype == bool:
        return arr.astype(float)
    if arr.dtype == np.uint8:
        return arr / 255.0
    out = arr.astype(float)
    finite = out[np.isfinite(out)]
    if not finite.size:
        return out
    lo, hi = finite.min(), finite.max()
    if arr.dtype.kind == "f" and lo >= 0 and hi <= 1:
        return out
    if arr.dtype.kind in "iu" and lo >= 0 and hi <= 255:
        return out / 255.0
    return (out - lo) / (hi - lo) if hi > lo else np.zeros_like(out)


def show_image(image, ax=None, *, title=None, cmap="gray", vmin=None, vmax=None) -> AxesImage:
    """Show a photo or a filtered picture, without axes.

    Parameters
    ----------
    image : array_like of shape (H, W) or (H, W, 3)
        A grey picture or an RGB one, of any numeric dtype.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is made when None.
    title : str, optional
    cmap : str or Colormap, default 'gray'
        Colour map for grey pictures (ignored for RGB).
    vmin, vmax : float, optional
        Grey values shown black and white.  By default: 0 and 255 for
        ``uint8``, 0 and 1 for floats within [0, 1] (so a filter that
        darkens a picture is seen to darken it), and the smallest and
        largest value otherwise (for example edge-filter outputs with
        negative values).

    Returns
    -------
    matplotlib.image.AxesImage

    Notes
    -----
    RGB pictures are scaled into [0, 1] the same way: ``uint8`` divided by
    255, floats already in [0, 1] kept, anything else stretched from its
    smallest to its largest value.

    Examples
    --------
    >>> import numpy as np
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> im = show_image(np.arange(12.0).reshape(3, 4), ax, title="ramp")
    >>> im.get_clim()
    (0.0, 11.0)
    >>> plt.close(fig)
    """
    arr = as_array(image, "image", (2, 3))
    if arr.ndim == 3 and arr.shape[-1] != 3:
        msg = (
            f"image must be grey, shape (H, W), or RGB, shape (H, W, 3); "
            f"received shape {arr.shape}"
        )
        raise ValueError(msg)
    if arr.dtype.kind == "c":
        msg = f"image must contain real numbers; received an array of dtype {arr.dtype}"
        raise TypeError(msg)
    ax = _new_ax(ax)
    title = _check_title(title)
    colormap = _check_cmap(cmap)
    vmin = _check_real(vmin, "vmin")
    vmax = _check_real(vmax, "vmax")
    if arr.ndim == 3:
        im = ax.imshow(np.clip(_to_unit(arr), 0.0, 1.0), interpolation="antialiased")
    else:
        data = np.asarray(arr, dtype=float)
        if vmin is None and vmax is None:
            finite = data[np.isfinite(data)]
            if arr.dtype == np.uint8:
                vmin, vmax = 0.0, 255.0
            elif arr.dtype.kind == "f" and finite.size and finite.min() >= 0 and finite.max() <= 1:
                vmin, vmax = 0.0, 1.0
        im = ax.imshow(data, cmap=colormap, vmin=vmin, vmax=vmax, interpolation="antialiased")
    ax.set_axis_off()
    if title is not None:
        ax.set_title(title)
    return im


class FlashlightArtists(NamedTuple):
    """What :func:`flashlight` drew: the dimmed photo, the frames and their labels."""

    image: AxesImage
    frames: list
    labels: list


def flashlight(image, size: int = 48, positions=((0, 0),), ax=None, *, dim: float = 0.3,
               title: str | None = "A kernel is a flashlight on the picture") -> FlashlightArtists:
    """Show a photo in the dark, lit only where a kernel-sized window sits.

    The picture of lesson 01: convolution looks at one small patch at a time,
    like a flashlight moved over a photo in a dark room.

    Parameters
    ----------
    image : array_like of shape (H, W) or (H, W, 3)
        The photo, e.g. from :func:`sample_image`.
    size : int, default 48
        Side of the lit square, in pixels.
    positions : sequence of (row, col)
        Top-left corners of the lit squares; each is framed and numbered in
        order (1, 2, ...), as the kernel would visit them.
    ax : matplotlib.axes.Axes, optional
    dim : float, default 0.3
        Brightness kept outside the lit squares (0 is black, 1 unchanged).
    title : str or None

    Returns
    -------
    FlashlightArtists

    Examples
    --------
    >>> import numpy as np
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> art = flashlight(np.ones((40, 50)), 10, [(0, 0), (0, 20)], ax)
    >>> len(art.frames), [t.get_text() for t in art.labels]
    (2, ['1', '2'])
    >>> plt.close(fig)
    """
    arr = as_array(image, "image", (2, 3))
    if isinstance(size, (bool, np.bool_)) or not isinstance(size, (numbers.Integral, np.integer)) or size < 1:
        msg = f"size must be a positive integer number of pixels; received {describe(size)}"
        raise TypeError(msg) if not isinstance(size, (numbers.Integral, np.integer)) else ValueError(msg)
    dim = _check_real(dim, "dim")
    if not 0 <= dim <= 1:
        msg = f"dim must be between 0 and 1; received {dim}"
        raise ValueError(msg)
    h, w = arr.shape[:2]
    corners = []
    for i, pos in enumerate(positions):
        try:
            r, c = (int(v) for v in pos)
        except (TypeError, ValueError):
            msg = f"positions[{i}] must be a pair (row, col); received {describe(pos)}"
            raise TypeError(msg) from None
        if not (0 <= r <= h - size and 0 <= c <= w - size):
            msg = (f"positions[{i}] must keep a {size}x{size} square inside the {h}x{w} image "
                   f"(row 0..{h - size}, col 0..{w - size}); received {(r, c)}")
            raise ValueError(msg)
        corners.append((r, c))
    unit = _to_unit(np.asarray(arr, dtype=float))
    shown = unit * dim
    for r, c in corners:
        shown[r:r + size, c:c + size] = unit[r:r + size, c:c + size]
    ax = _new_ax(ax)
    im = show_image(shown, ax, title=title, vmin=0.0, vmax=1.0) if shown.ndim == 2 else show_image(shown, ax, title=title)
    frames, labels = [], []
    for n, (r, c) in enumerate(corners, start=1):
        patches = draw_window(ax, range(r, r + size), range(c, c + size), mark_taps=False)
        frames.append(patches)
        labels.append(ax.text(c + size / 2, r - 4, str(n), ha="center", va="bottom", fontsize=13,
                              fontweight="bold", color="black",
                              bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": WINDOW_COLOR}))
    return FlashlightArtists(im, frames, labels)


def _rgb_to_gray(rgb: np.ndarray) -> np.ndarray:
    """Luma with the ITU-R BT.601 weights: 0.299 R + 0.587 G + 0.114 B."""
    return rgb[..., :3] @ np.array([0.299, 0.587, 0.114])


def _load_grace_hopper() -> np.ndarray:
    import matplotlib.image as mpimg

    return mpimg.imread(_sample_path("grace_hopper.jpg")) / 255.0


def _load_mri() -> np.ndarray:
    with gzip.open(_sample_path("s1045.ima.gz")) as f:
        raw = np.frombuffer(f.read(), dtype=">u2").reshape(256, 256)
    return raw / raw.max()


def _load_terrain() -> np.ndarray:
    with np.load(_sample_path("jacksboro_fault_dem.npz")) as data:
        z = data["elevation"].astype(float)
    return (z - z.min()) / (z.max() - z.min())


def _sample_path(fname: str) -> str:
    from matplotlib import cbook

    return str(cbook.get_sample_data(fname, asfileobj=False))


#: Pictures :func:`sample_image` can load, with what they show.
_SAMPLES = {
    "grace_hopper": (_load_grace_hopper, "portrait of Grace Hopper, 600 x 512, colour"),
    "mri": (_load_mri, "MRI slice of a head, 256 x 256, grey"),
    "terrain": (_load_terrain, "elevation map of the Jacksboro fault, 344 x 403, grey"),
}


@functools.lru_cache(maxsize=None)
def _load(name: str) -> np.ndarray:
    img = _SAMPLES[name][0]().astype(np.float64)
    img.setflags(write=False)
    return img


def sample_image(name: str = "grace_hopper", gray: bool = True) -> np.ndarray:
    """Load a picture that ships with matplotlib (no download).

    Parameters
    ----------
    name : {'grace_hopper', 'mri', 'terrain'}, default 'grace_hopper'
        'grace_hopper': portrait of Grace Hopper, 600 x 512, colour;
        'mri': MRI slice of a head, 256 x 256, grey;
        'terrain': elevation map of the Jacksboro fault, 344 x 403, grey
        (higher is lighter).
    gray : bool, default True
        Convert colour pictures to grey with the ITU-R BT.601 weights
        ``0.299 R + 0.587 G + 0.114 B``.  Grey pictures are 2-D either way.

    Returns
    -------
    ndarray of float64, shape (H, W) or (H, W, 3)
        Values in [0, 1]; a new array each call, safe to modify.

    Examples
    --------
    >>> img = sample_image("grace_hopper")
    >>> img.shape, img.dtype, bool(0 <= img.min() <= img.max() <= 1)
    ((600, 512), dtype('float64'), True)
    >>> sample_image("grace_hopper", gray=False).shape
    (600, 512, 3)
    """
    if not isinstance(name, str):
        msg = f"name must be a string, one of {', '.join(map(repr, _SAMPLES))}; received {describe(name)}"
        raise TypeError(msg)
    if name not in _SAMPLES:
        listed = "; ".join(f"{k!r} ({v[1]})" for k, v in _SAMPLES.items())
        msg = f"name must be the name of a sample picture: {listed}; received {describe(name)}"
        raise ValueError(msg)
    gray = _check_bool(gray, "gray")
    img = _load(name)
    if gray and img.ndim == 3:
        return np.clip(_rgb_to_gray(img), 0.0, 1.0)
    return img.copy()


def display_range(values, kernel=None) -> np.ndarray:
    """Turn a filtered picture into values in [0, 1] ready to show.

    Filters whose weights add up to about 1 (blur, sharpen, emboss) keep the
    brightness of the photo, so their output is clipped to [0, 1].  Filters
    whose weights add up to 0 (edge detectors) give positive and negative
    responses around 0; their size ``|response|`` is shown, scaled so that
    the 99.5th percentile is white.

    Parameters
    ----------
    values : ndarray of shape (H, W) or (H, W, 3)
        A filter's output for a picture with values in [0, 1].
    kernel : array_like, optional
        The kernel used; decides which rule applies.  Without it, values are
        clipped.

    Returns
    -------
    ndarray of float64 in [0, 1], same shape

    Examples
    --------
    >>> display_range(np.array([[-0.5, 0.5], [1.5, 0.25]]), [[1]]).tolist()
    [[0.0, 0.5], [1.0, 0.25]]
    >>> display_range(np.array([[-2.0, 1.0], [0.0, 0.5]]), [[1, -1]]).max()
    np.float64(1.0)
    """
    v = np.asarray(values, dtype=float)
    if kernel is not None and abs(float(np.sum(kernel))) < 1e-9:
        mag = np.abs(v)
        top = float(np.percentile(mag, 99.5)) if mag.size else 0.0
        return np.clip(mag / top, 0.0, 1.0) if top > 0 else np.zeros_like(mag)
    return np.clip(v, 0.0, 1.0)


def png_bytes(image, *, compress_level: int = 1) -> bytes:
    """Encode a picture with values in [0, 1] as PNG bytes (for ``ipywidgets.Image``).

    Uses Pillow, which matplotlib already depends on; a low compression level
    keeps encoding a 512 x 512 photo to a few milliseconds.

    Examples
    --------
    >>> png_bytes(np.zeros((2, 3)))[1:4]
    b'PNG'
    """
    from io import BytesIO

    from PIL import Image

    arr = np.asarray(image, dtype=float)
    if arr.ndim not in (2, 3):
        msg = f"image must have shape (H, W) or (H, W, 3); received shape {arr.shape}"
        raise ValueError(msg)
    data = (np.clip(arr, 0.0, 1.0) * 255 + 0.5).astype(np.uint8)
    buf = BytesIO()
    Image.fromarray(data).save(buf, format="PNG", compress_level=compress_level)
    return buf.getvalue()


# --------------------------------------------------------------------------
# speed figures (lesson 09)
# --------------------------------------------------------------------------
#: How each method is drawn in the speed figures: Okabe-Ito colours, and a
#: line style and marker of its own, so that colour is never the only cue.
METHOD_STYLES = {
    "direct": dict(color="#0072B2", linestyle="-", marker="o"),
    "fft": dict(color="#D55E00", linestyle="--", marker="s"),
    "separable": dict(color="#009E73", linestyle="-.", marker="^"),
    "auto": dict(color="#000000", linestyle="-", marker="D", linewidth=2.6),
    "ndimage": dict(color="#E69F00", linestyle=":", marker="v", linewidth=2.2),
    "signal.correlate2d": dict(color="#CC79A7", linestyle=(0, (3, 1, 1, 1, 1, 1)), marker="P"),
    "fftconvolve": dict(color="#56B4E9", linestyle=(0, (6, 2)), marker="X"),
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
    spare = ("#999999", "#F0E442")
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
    times : convlib.speed.MethodTimes
        What :func:`convlib.speed.measure_methods` measured.
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
    >>> from convlib.speed import MethodTimes
    >>> t = MethodTimes(64, (1, 3, 5), ("direct", "fft"), [[1, 2, 4], [3, 3, 3]])
    >>> art = plot_method_times(t, k=3)
    >>> sorted(art.lines), list(art.marker.get_xdata())
    (['direct', 'fft'], [3, 3])
    >>> plt.close(art.ax.figure)
    """
    ax = _new_ax(ax)
    title = _check_title(title)
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
    table : convlib.speed.BenchmarkTable
        What :func:`convlib.speed.read_benchmark` read.
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
