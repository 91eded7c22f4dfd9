"""Figures of lesson 06: channels, feature maps, pooled photos and a receptive field.

Drawing for one lesson only, on :mod:`convlib.plot`'s conventions (an
``axes=None`` argument, the artists returned, nothing shown or restyled
globally).  Photos and channels are grey (0 black, 1 white); signed maps are
grey too, mid-grey at 0 with the same range on both sides, so a reader
needs no colour to tell positive from negative; the receptive field is drawn
with the colour-blind-safe 'cividis' map and labelled in words.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ..._validate import as_array, as_int
from ...palette import CMAP, WINDOW_COLOUR
from ...plot import show_image
from .examples import channels_last, receptive_mask

__all__ = ["CHANNEL_NAMES", "plot_channels", "plot_maps", "plot_pooled", "plot_receptive_field"]

#: Names of the three channels of an RGB picture, in order.
CHANNEL_NAMES = ("red", "green", "blue")


def _axes(n: int, axes, size):
    if axes is None:
        return list(np.ravel(plt.subplots(1, n, figsize=size, layout="constrained")[1]))
    axes = list(np.ravel(axes))
    if len(axes) != n:
        msg = f"axes must hold {n} Axes; received {len(axes)}"
        raise ValueError(msg)
    return axes


def plot_channels(x, axes=None) -> list:
    """The colour picture and each of its three channels in grey.

    Parameters
    ----------
    x : array_like of shape (3, H, W)
        An RGB picture, channels first, values in [0, 1].
    axes : 4 Axes, optional

    Returns
    -------
    list of AxesImage
    """
    X = as_array(x, "x", 3)
    if X.shape[0] != 3:
        msg = f"x must have 3 channels (red, green, blue) first, shape (3, H, W); received shape {X.shape}"
        raise ValueError(msg)
    axes = _axes(4, axes, (12, 3.4))
    images = [show_image(channels_last(X), axes[0], title="the photo: X")]
    for c, name in enumerate(CHANNEL_NAMES):
        images.append(show_image(X[c], axes[c + 1], title=f"X[{c}]: {name}", vmin=0, vmax=1))
    return images


def plot_maps(maps, titles, axes=None, *, per_row: int = 4) -> list:
    """Feature maps side by side, grey, mid-grey at 0, each with its own symmetric range.

    A map with negative values is drawn from ``-m`` (black) to ``m``
    (white), ``m`` the 99.5th percentile of its absolute values: the few
    strongest responses are clipped to white or black, so the rest is not
    all mid-grey.

    Parameters
    ----------
    maps : array_like of shape (F, H, W)
    titles : sequence of str
        One per map.
    axes : F Axes, optional
    per_row : int, default 4
        Maps per row when the figure is made here.

    Returns
    -------
    list of AxesImage
    """
    M = as_array(maps, "maps", 3)
    titles = list(titles)
    if len(titles) != M.shape[0]:
        msg = f"titles must have one title per map ({M.shape[0]}); received {len(titles)}"
        raise ValueError(msg)
    n = M.shape[0]
    if axes is None:
        per_row = as_int(per_row, "per_row", 1)
        rows = -(-n // per_row)
        cols = min(n, per_row)
        fig, grid = plt.subplots(rows, cols, figsize=(3.1 * cols, 3.3 * rows), layout="constrained",
                                 squeeze=False)
        axes = list(grid.ravel())
        for ax in axes[n:]:
            ax.set_axis_off()
        axes = axes[:n]
    axes = _axes(n, axes, None)
    images = []
    for ax, m, title in zip(axes, M, titles, strict=True):
        if m.min() < 0:
            lim = float(np.percentile(np.abs(m), 99.5)) or float(np.abs(m).max()) or 1.0
            images.append(show_image(m, ax, title=title, vmin=-lim, vmax=lim))
        else:
            images.append(show_image(m, ax, title=title))
    return images


def plot_pooled(x, size: int, axes=None) -> list:
    """A colour picture, its max pooling and its average pooling, shown at the same size.

    Parameters
    ----------
    x : array_like of shape (3, H, W)
        Channels first, values in [0, 1].
    size : int
        Window and stride of both poolings.
    axes : 3 Axes, optional

    Returns
    -------
    list of AxesImage
    """
    from ...pool import average_pool, max_pool

    X = as_array(x, "x", 3)
    size = as_int(size, "size", 1)
    axes = _axes(3, axes, (11, 4.2))
    pooled = (("the photo", X), (f"max pooling {size}×{size}", max_pool(X, size)),
              (f"average pooling {size}×{size}", average_pool(X, size)))
    out = []
    for ax, (name, picture) in zip(axes, pooled, strict=True):
        h, w = picture.shape[-2:]
        im = show_image(channels_last(picture), ax, title=f"{name}: {h}×{w}")
        im.set_extent((0, X.shape[2], X.shape[1], 0))   # same size on screen: pixels grow
        im.set_interpolation("nearest")
        out.append(im)
    return out


def plot_receptive_field(layers, size: int, ax=None, *, title: str | None = None):
    """The input cells that change output cell (0, 0) of a stack, found by sending in one 1 at a time.

    Parameters
    ----------
    layers : list
        As in :func:`convlib.lessons.lesson06.examples.receptive_mask`.
    size : int
        Side of the input grid.
    ax : Axes, optional
    title : str, optional

    Returns
    -------
    AxesImage
    """
    mask = receptive_mask(layers, size)
    if ax is None:
        ax = plt.subplots(figsize=(3.6, 3.8), layout="constrained")[1]
    im = ax.imshow(mask.astype(float), cmap=CMAP, vmin=-0.3, vmax=1.0)
    rows, cols = np.nonzero(mask)
    for r, c in zip(rows, cols, strict=True):
        ax.text(c, r, "✓", ha="center", va="center", fontsize=8, color="black")
    side = int(rows.max()) + 1
    ax.add_patch(plt.Rectangle((-0.5, -0.5), side, side, fill=False, edgecolor=WINDOW_COLOUR, linewidth=2.5))
    ax.set_xticks(range(size))
    ax.set_yticks(range(size))
    ax.tick_params(labelsize=7, length=0)
    ax.set_xticks(np.arange(-0.5, size), minor=True)
    ax.set_yticks(np.arange(-0.5, size), minor=True)
    ax.grid(which="minor", color="white", linewidth=1)
    ax.set_title(title or f"{side}×{side} input cells reach Y[0,0]", fontsize=10)
    return im
