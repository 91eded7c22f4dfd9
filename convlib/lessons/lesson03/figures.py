"""Figures of lesson 03: kernels, gradient components, directions as arrows and colours, edge maps.

Drawing for one lesson only, built on :mod:`convlib.plot`'s conventions (an
``axes=None`` argument, the artists returned, nothing shown or restyled
globally).  Photos are grey; signed values (``gx``, ``gy``) are grey too,
mid-grey at 0; directions are drawn as **arrows** (readable without any
colour) and, in a second view, with matplotlib's cyclic 'twilight' colour
map, which runs from light through blue to dark and through red back to
light, with no green, so the colour-vision deficiencies that confuse red
and green do not hide it; the colour wheel beside it carries arrows too.

:func:`draw_arrows` rasterises arrows straight into a numpy picture, for
the widget, where drawing with matplotlib would take too long.
"""

from __future__ import annotations

from typing import NamedTuple

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import colormaps
from matplotlib.colors import to_rgb

from ..._validate import as_array, as_int, as_real
from ...edges import edge_map, gradient_direction, gradient_magnitude, gradients
from ...palette import CMAP, OKABE_ITO
from ...plot import plot_matrix, show_image

__all__ = [
    "ARROW_COLOUR",
    "DIRECTION_CMAP",
    "DirectionArtists",
    "direction_colours",
    "draw_arrows",
    "plot_direction",
    "plot_gradients",
    "plot_kernels",
    "plot_smoothing",
    "strongest_in_blocks",
]

#: Arrows drawn over grey pictures: Okabe-Ito orange, outlined in black.
ARROW_COLOUR = OKABE_ITO["orange"]
#: Cyclic colour map of directions (no green: readable with red-green colour blindness).
DIRECTION_CMAP = "twilight"


def _new_axes(n: int, axes, size: tuple[float, float], widths=None):
    if axes is None:
        return list(plt.subplots(1, n, figsize=size, layout="constrained", width_ratios=widths)[1])
    axes = list(np.ravel(axes))
    if len(axes) != n:
        msg = f"axes must hold {n} Axes; received {len(axes)}"
        raise ValueError(msg)
    return axes


def plot_kernels(kernels: dict, axes=None) -> list:
    """Draw named kernels side by side, each cell labelled with its weight.

    Parameters
    ----------
    kernels : dict of str to array_like of shape (kh, kw)
        Title and kernel.
    axes : sequence of Axes, optional
        One per kernel.

    Returns
    -------
    list of MatrixArtists
    """
    axes = _new_axes(len(kernels), axes, (3.0 * len(kernels), 2.9))
    out = []
    for ax, (name, k) in zip(axes, kernels.items(), strict=True):
        lim = float(np.abs(np.asarray(k)).max()) or 1.0
        out.append(plot_matrix(np.asarray(k), ax, title=name, cmap=CMAP, vmin=-lim, vmax=lim))
    return out


def _top(values, q: float = 99.5) -> float:
    top = float(np.percentile(np.abs(values), q))
    return top if top > 0 else 1.0


def plot_gradients(image, gx, gy, axes=None) -> list:
    """The photo, ``gx``, ``gy`` and the magnitude, in grey.

    ``gx`` and ``gy`` are mid-grey where they are 0, white where positive
    (brighter to the right, or downwards) and black where negative; the
    magnitude is black where nothing changes and white at strong edges.
    Values beyond the 99.5th percentile are clipped.

    Returns
    -------
    list of AxesImage
    """
    axes = _new_axes(4, axes, (13.0, 4.2))
    mag = gradient_magnitude(gx, gy)
    lim = _top(np.concatenate([np.ravel(gx), np.ravel(gy)]))
    return [
        show_image(image, axes[0], title="Photo X", vmin=0, vmax=1),
        show_image(gx, axes[1], title="gx: white = brighter to the right,\nblack = darker to the right",
                   vmin=-lim, vmax=lim),
        show_image(gy, axes[2], title="gy: white = brighter downwards,\nblack = darker downwards",
                   vmin=-lim, vmax=lim),
        show_image(mag, axes[3], title="magnitude sqrt(gx² + gy²):\nwhite = strong edge", vmin=0,
                   vmax=_top(mag)),
    ]


def strongest_in_blocks(magnitude, block: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pixel of largest magnitude in every ``block x block`` tile: where arrows are drawn.

    Returns
    -------
    rows, cols, values : ndarray of shape (n,)
        One pixel per whole tile (incomplete tiles at the right and bottom
        are skipped), with its magnitude.

    Examples
    --------
    >>> m = np.zeros((4, 4)); m[1, 2] = 5; m[3, 0] = 2
    >>> [a.tolist() for a in strongest_in_blocks(m, 2)][0:2]
    [[0, 1, 3, 2], [0, 2, 0, 2]]
    """
    mag = np.asarray(as_array(magnitude, "magnitude", 2), dtype=float)
    block = as_int(block, "block", 1)
    nr, nc = mag.shape[0] // block, mag.shape[1] // block
    if nr == 0 or nc == 0:
        empty = np.zeros(0, dtype=int)
        return empty, empty, np.zeros(0)
    tiles = mag[:nr * block, :nc * block].reshape(nr, block, nc, block)
    tiles = tiles.transpose(0, 2, 1, 3).reshape(nr, nc, -1)
    best = tiles.argmax(axis=-1)
    rows = (np.arange(nr)[:, None] * block + best // block).ravel()
    cols = (np.arange(nc)[None, :] * block + best % block).ravel()
    return rows, cols, mag[rows, cols]


def draw_arrows(picture, rows, cols, angles, length: float, *, colour=ARROW_COLOUR,
                outline="black") -> np.ndarray:
    """Rasterise arrows into a grey or RGB picture (values in [0, 1]); return the RGB result.

    Each arrow is centred on ``(rows[k], cols[k])`` and points at
    ``angles[k]`` (radians, from +x towards +y = down, as
    :func:`convlib.edges.gradient_direction`), ``length`` pixels long,
    with a two-stroke head; drawn 2 pixels wide in ``colour`` over a
    4-pixel ``outline``, so it stands out on light and dark alike.

    Returns
    -------
    ndarray of float64, shape (H, W, 3)
    """
    pic = np.asarray(picture, dtype=float)
    rgb = np.repeat(pic[..., None], 3, axis=-1) if pic.ndim == 2 else pic[..., :3].copy()
    h, w = rgb.shape[:2]
    rows, cols, angles = (np.asarray(v, dtype=float).ravel() for v in (rows, cols, angles))
    length = as_real(length, "length", low=0, low_open=True)
    if rows.size == 0:
        return rgb
    ux, uy = np.cos(angles), np.sin(angles)
    tail = np.stack([rows - uy * length / 2, cols - ux * length / 2], axis=-1)
    tip = np.stack([rows + uy * length / 2, cols + ux * length / 2], axis=-1)
    head = 0.4 * length
    strokes = [(tail, tip)]
    for turn in (2.6, -2.6):  # about 150 degrees back from the tip, on each side
        c, s = np.cos(turn), np.sin(turn)
        dx, dy = ux * c - uy * s, ux * s + uy * c
        strokes.append((tip, np.stack([tip[:, 0] + dy * head, tip[:, 1] + dx * head], axis=-1)))
    n = max(int(np.ceil(length)), 2)
    t = np.linspace(0.0, 1.0, n)[None, :, None]
    points = np.concatenate([(a[:, None, :] * (1 - t) + b[:, None, :] * t).reshape(-1, 2)
                             for a, b in strokes])
    base = np.rint(points).astype(int)
    flat = rgb.reshape(-1, 3)
    for value, half in ((np.asarray(to_rgb(outline)), 2), (np.asarray(to_rgb(colour)), 1)):
        d = np.arange(-half + 1, half + 1)
        dr, dc = (a.ravel() for a in np.meshgrid(d, d, indexing="ij"))
        r = np.clip(base[:, :1] + dr, 0, h - 1)
        c = np.clip(base[:, 1:] + dc, 0, w - 1)
        mask = np.zeros(h * w, dtype=bool)
        mask[(r * w + c).ravel()] = True
        flat[mask] = value
    return rgb


def direction_colours(gx, gy, mask=None, *, background: float = 0.55) -> np.ndarray:
    """RGB picture of gradient directions: 'twilight' colour of the angle where ``mask``, grey elsewhere.

    Returns
    -------
    ndarray of float64, shape (H, W, 3)
    """
    angle = gradient_direction(gx, gy)
    rgb = colormaps[DIRECTION_CMAP]((angle + np.pi) / (2 * np.pi))[..., :3]
    if mask is not None:
        rgb = np.where(np.asarray(mask, dtype=bool)[..., None], rgb, background)
    return rgb


class DirectionArtists(NamedTuple):
    """What :func:`plot_direction` drew."""

    photo: object
    arrows: object
    colours: object
    wheel: object


def _wheel(ax) -> object:
    """A colour wheel of directions, with arrows and words at the four main ones."""
    n = 256
    yy, xx = np.mgrid[-1:1:n * 1j, -1:1:n * 1j]
    angle = np.arctan2(yy, xx)  # row index grows downwards: +y is down, as in the pictures
    radius = np.hypot(xx, yy)
    rgba = colormaps[DIRECTION_CMAP]((angle + np.pi) / (2 * np.pi))
    rgba[..., 3] = ((radius <= 1) & (radius >= 0.45)).astype(float)
    im = ax.imshow(rgba, extent=(-1, 1, 1, -1))
    for deg, word in ((0, "right"), (90, "down"), (180, "left"), (-90, "up")):
        a = np.radians(deg)
        ax.annotate("", xy=(0.38 * np.cos(a), 0.38 * np.sin(a)), xytext=(0, 0),
                    arrowprops=dict(arrowstyle="-|>", color="black", lw=1.6))
        ax.text(1.22 * np.cos(a), 1.22 * np.sin(a), f"{word}\n{deg}°", ha="center", va="center", fontsize=9)
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(1.6, -1.6)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title("colour = direction", fontsize=10)
    return im


def plot_direction(image, gx, gy, *, threshold: float, region, step: int = 6, axes=None) -> DirectionArtists:
    """Gradient directions two ways on a close-up of a photo: arrows, and colours with their wheel.

    Parameters
    ----------
    image : array_like of shape (H, W)
    gx, gy : array_like of shape (H, W)
        From :func:`convlib.edges.gradients`.
    threshold : float
        Only pixels whose magnitude is above it get an arrow or a colour.
    region : (row0, row1, col0, col1)
        The close-up shown.
    step : int, default 6
        One arrow every ``step`` pixels, on the strongest pixel of each tile.
    axes : three Axes, optional
        Arrows, colours, the colour wheel.

    Returns
    -------
    DirectionArtists
    """
    axes = _new_axes(3, axes, (12.5, 4.6), widths=[1, 1, 0.55])
    r0, r1, c0, c1 = (int(v) for v in region)
    mag = gradient_magnitude(gx, gy)
    crop = (slice(r0, r1), slice(c0, c1))
    photo = show_image(np.asarray(image)[crop], axes[0], vmin=0, vmax=1)
    rows, cols, values = strongest_in_blocks(mag[crop], step)
    keep = values > threshold
    rows, cols = rows[keep], cols[keep]
    angle = gradient_direction(gx, gy)[crop][rows, cols]
    ux, uy = np.cos(angle), np.sin(angle)
    arrows = axes[0].quiver(cols, rows, ux, uy, angles="xy", scale_units="xy", scale=1 / (0.9 * step),
                            pivot="middle", color=ARROW_COLOUR, edgecolor="black", linewidth=0.6,
                            width=0.006, headwidth=4, headlength=4, headaxislength=3.5)
    axes[0].set_title(f"arrows: from dark to light\n(rows {r0}-{r1}, columns {c0}-{c1})")
    coloured = direction_colours(gx, gy, edge_map(mag, threshold))[crop]
    colours = axes[1].imshow(coloured, interpolation="nearest")
    axes[1].set_axis_off()
    axes[1].set_title(f"colours: the same directions, where the\n"
                      f"magnitude is above {threshold:g} (grey: no edge)")
    wheel = _wheel(axes[2])
    return DirectionArtists(photo, arrows, colours, wheel)


def plot_smoothing(noisy, threshold: float, sigmas=(0.0, 2.0), operator: str = "sobel", axes=None) -> list:
    """A noisy photo and its edge maps without and with blurring first.

    Each edge map's title gives the share of pixels marked as edges.

    Returns
    -------
    list of AxesImage
    """
    axes = _new_axes(1 + len(sigmas), axes, (4.2 * (1 + len(sigmas)), 4.6))
    shown = [show_image(np.clip(noisy, 0, 1), axes[0], title="Photo with noise", vmin=0, vmax=1)]
    for ax, sigma in zip(axes[1:], sigmas, strict=True):
        gx, gy = gradients(noisy, operator, sigma=sigma, normalize=True)
        edges = edge_map(gradient_magnitude(gx, gy), threshold)
        what = "no blur" if sigma == 0 else f"blurred first, σ = {sigma:g}"
        shown.append(show_image(edges.astype(float), ax, vmin=0, vmax=1,
                                title=f"edges, {what}:\n{100 * edges.mean():.1f}% of pixels"))
    return shown
