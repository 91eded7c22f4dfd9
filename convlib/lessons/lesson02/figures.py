"""Figures of lesson 02: a photo's border under the four padding modes, and blurred borders.

Drawing for one lesson only, built on :mod:`convlib.plot`'s conventions (an
``ax=None`` or ``axes=None`` argument, the artists returned, nothing shown
or restyled globally) and :mod:`convlib.palette`'s colours.  The picture
itself is padded by :func:`convlib.pad` and filtered by
:func:`convlib.kernels.filter_image`; this module only crops and draws.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from matplotlib.axes import Axes
from matplotlib.image import AxesImage

from ..._validate import as_array, as_choice, as_int, as_text, describe
from ...conv import PAD_MODES, pad
from ...kernels import filter_image
from ...palette import WINDOW_COLOUR
from ...plot import axes_or_new, show_image

__all__ = ["CORNERS", "PaddedCornerArtists", "corner", "plot_blurred_corners", "plot_pad_modes",
           "plot_padded_corner"]

#: The corners a figure can zoom into.
CORNERS = ("top left", "top right", "bottom left", "bottom right")


def corner(image, size: int, where: str = "top left") -> np.ndarray:
    """The ``size x size`` block of ``image`` at one of its corners.

    Examples
    --------
    >>> corner(np.arange(16).reshape(4, 4), 2, "bottom right")
    array([[10, 11],
           [14, 15]])
    """
    arr = as_array(image, "image", 2)
    where = as_choice(where, "where", CORNERS)
    size = as_int(size, "size", 1, min(arr.shape), what="the side of the corner, in pixels")
    rows = slice(0, size) if where.startswith("top") else slice(arr.shape[0] - size, None)
    cols = slice(0, size) if where.endswith("left") else slice(arr.shape[1] - size, None)
    return arr[rows, cols]


class PaddedCornerArtists(NamedTuple):
    """What :func:`plot_padded_corner` drew: the picture, the photo's edge line and the band's label."""

    image: AxesImage
    edge: list
    label: object


def plot_padded_corner(image, width: int, pad_mode: str, ax=None, *, where: str = "top left",
                       size: int = 48, title: str | None = None) -> PaddedCornerArtists:
    """Zoom into a corner of a photo padded by ``width`` pixels, the padding band marked.

    The whole photo is padded with :func:`convlib.pad`, then the corner
    block of ``size + width`` pixels is shown: ``width`` pixels of padding on
    the two outer sides, the photo's own corner inside.  A dashed line
    (vermillion on white) follows the photo's edge, and the band is labelled
    "padding".

    Parameters
    ----------
    image : array_like of shape (H, W)
        A grey photo with values in [0, 1].
    width : int
        Padding on every side, in pixels.
    pad_mode : {'zero', 'reflect', 'replicate', 'circular'}
    ax : matplotlib.axes.Axes, optional
    where : {'top left', 'top right', 'bottom left', 'bottom right'}
    size : int, default 48
        How many pixels of the photo itself to show along each side.
    title : str, optional
        By default the padding mode and numpy's name for it.

    Returns
    -------
    PaddedCornerArtists
        ``image.get_array()`` holds the block shown: the padded photo's corner.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> art = plot_padded_corner(np.ones((20, 20)) / 2, 4, "zero", ax, size=8)
    >>> art.image.get_array().shape, float(art.image.get_array()[0, 0])
    ((12, 12), 0.0)
    >>> plt.close(fig)
    """
    arr = as_array(image, "image", 2)
    width = as_int(width, "width", 1, what="the padding on every side, in pixels")
    where = as_choice(where, "where", CORNERS)
    size = as_int(size, "size", 1, min(arr.shape), what="how many pixels of the photo to show")
    title = as_text(title, "title", allow_none=True)
    mode = as_choice(pad_mode, "pad_mode", tuple(PAD_MODES))
    block = corner(pad(arr, width, mode), size + width, where)
    ax = axes_or_new(ax)
    im = show_image(block, ax, title=title if title is not None else f"{mode}\n(numpy '{PAD_MODES[mode]}')",
                    vmin=0.0, vmax=1.0)
    im.set_interpolation("nearest")
    # the photo's edge: between the band and the photo, in block coordinates
    edge_r = width - 0.5 if where.startswith("top") else size - 0.5
    edge_c = width - 0.5 if where.endswith("left") else size - 0.5
    n = size + width - 0.5
    r_in = (edge_r, n) if where.startswith("top") else (-0.5, edge_r)
    c_in = (edge_c, n) if where.endswith("left") else (-0.5, edge_c)
    lines = []
    for colour, style, lw in (("white", "-", 3.2), (WINDOW_COLOUR, (0, (4, 2)), 2.0)):
        lines += ax.plot([edge_c, edge_c], r_in, color=colour, linestyle=style, linewidth=lw)
        lines += ax.plot(c_in, [edge_r, edge_r], color=colour, linestyle=style, linewidth=lw)
    band_r = (width - 1) / 2 if where.startswith("top") else size + (width - 1) / 2
    label = ax.text((size + width - 1) / 2, band_r, "padding", ha="center", va="center", fontsize=9,
                    color="black", bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": WINDOW_COLOUR,
                                         "alpha": 0.9})
    ax.set_xlim(-0.5, n)
    ax.set_ylim(n, -0.5)
    return PaddedCornerArtists(im, lines, label)


def _axes_list(axes, count: int, figsize) -> list:
    if axes is None:
        import matplotlib.pyplot as plt

        _, made = plt.subplots(1, count, figsize=figsize)
        return list(np.atleast_1d(made))
    items = list(np.ravel(axes)) if not isinstance(axes, Axes) else [axes]
    if len(items) != count or not all(isinstance(a, Axes) for a in items):
        msg = f"axes must be {count} matplotlib Axes or None; received {describe(axes)}"
        raise ValueError(msg)
    return items


def plot_pad_modes(image, width: int, axes=None, *, where: str = "top left", size: int = 48,
                   modes=tuple(PAD_MODES)) -> dict:
    """The same corner of a photo padded in each mode, side by side.

    Parameters
    ----------
    image : array_like of shape (H, W)
    width : int
        Padding on every side, in pixels.
    axes : sequence of Axes, optional
        One per mode; by default a new figure with one row of panels.
    where, size
        As in :func:`plot_padded_corner`.
    modes : sequence of str, default all four

    Returns
    -------
    dict of str to PaddedCornerArtists
        By padding mode.
    """
    modes = tuple(modes)
    axes = _axes_list(axes, len(modes), (3.0 * len(modes), 3.4))
    return {m: plot_padded_corner(image, width, m, a, where=where, size=size)
            for m, a in zip(modes, axes, strict=True)}


def plot_blurred_corners(image, kernel, axes=None, *, pad_modes=("zero", "reflect"), where: str = "top right",
                         size: int = 64) -> dict:
    """A corner of a photo, then the same corner after a blur with each padding mode.

    The blur is :func:`convlib.kernels.filter_image` (mode 'same', so the
    size does not change); every panel uses the same grey scale (0 black,
    1 white), so a darker border is a real change.

    Parameters
    ----------
    image : array_like of shape (H, W)
        A grey photo with values in [0, 1].
    kernel : array_like of shape (kh, kw)
        A blur, for example :func:`convlib.kernels.box`.
    axes : sequence of Axes, optional
        One more than there are padding modes; by default a new figure.
    pad_modes : sequence of str
    where, size
        As in :func:`corner`.

    Returns
    -------
    dict of str to AxesImage
        ``'photo'`` and one entry per padding mode; ``get_array()`` holds
        the corner shown.
    """
    arr = as_array(image, "image", 2)
    pad_modes = tuple(pad_modes)
    axes = _axes_list(axes, len(pad_modes) + 1, (3.0 * (len(pad_modes) + 1), 3.4))
    shown = {"photo": show_image(corner(arr, size, where), axes[0], title="photo", vmin=0.0, vmax=1.0)}
    for mode, ax in zip(pad_modes, axes[1:], strict=True):
        blurred = filter_image(arr, kernel, pad_mode=mode)
        shown[mode] = show_image(corner(blurred, size, where), ax, title=f"blurred, {mode} padding",
                                 vmin=0.0, vmax=1.0)
    for im in shown.values():
        im.set_interpolation("nearest")
    return shown
