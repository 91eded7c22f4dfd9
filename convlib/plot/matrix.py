"""Annotated matrices: coloured cells with their numbers written in, updated in place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.image import AxesImage
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from .._validate import as_bool, as_real, as_text, describe
from ..conv import format_number
from ..palette import BLANK_COLOUR, CMAP, GRID_COLOUR, PAD_HATCH_COLOUR, text_colour
from ._base import (
    PAD_VEIL,
    _auto_fontsize,
    _cell_points,
    _check_cmap,
    _check_mask,
    _formatter,
    _matrix,
    _text_em,
    axes_or_new,
)

__all__ = ["MatrixArtists", "plot_matrix", "update_matrix"]


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
        rgba = np.where(hatch_mask[..., None], PAD_VEIL * white + (1 - PAD_VEIL) * rgba, rgba)
    return rgba


def _write_values(artists: MatrixArtists, values: np.ndarray) -> None:
    blank = _blank(values, artists.mask)
    colors = _cell_colors(artists.image, values, artists.hatch_mask)
    for (r, c), text in np.ndenumerate(artists.texts):
        if blank[r, c]:
            text.set_text("")
        else:
            text.set_text(artists.fmt(values[r, c]))
            text.set_color(text_colour(colors[r, c]))


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
        ax.hlines(np.arange(1, rows) - 0.5, -0.5, cols - 0.5, colors=GRID_COLOUR, linewidths=lw, zorder=2),
        ax.vlines(np.arange(1, cols) - 0.5, -0.5, rows - 0.5, colors=GRID_COLOUR, linewidths=lw, zorder=2),
    ]
    return grid


def plot_matrix(
    matrix,
    ax=None,
    *,
    title=None,
    cmap=CMAP,
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
    ax = axes_or_new(ax)
    title = as_text(title, "title", allow_none=True)
    colormap = _check_cmap(cmap).with_extremes(bad=BLANK_COLOUR)
    formatter = _formatter(fmt)
    vmin = as_real(vmin, "vmin", allow_none=True)
    vmax = as_real(vmax, "vmax", allow_none=True)
    show_values = as_bool(show_values, "show_values")
    fontsize = as_real(fontsize, "fontsize", low=0, low_open=True, allow_none=True)
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
            patch = Rectangle((c - 0.5, r - 0.5), 1, 1, facecolor=(1, 1, 1, PAD_VEIL),
                              edgecolor=PAD_HATCH_COLOUR, hatch="//", linewidth=0, zorder=1)
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
    rescale = as_bool(rescale, "rescale")
    artists.image.set_data(_image_data(values, artists.mask))
    if rescale:
        artists.image.set_clim(*_limits(values, artists.mask, None, None))
    _write_values(artists, values)
    return [artists.image, *artists.texts.ravel()]
