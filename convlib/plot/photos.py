"""Photos: show a picture, light it under a window, and prepare filtered pictures for display."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from matplotlib.image import AxesImage

from .._validate import as_array, as_int, as_real, as_text, describe
from ..palette import WINDOW_COLOUR
from ._base import (
    _check_cmap,
    axes_or_new,
)
from .window import draw_window

__all__ = ["FlashlightArtists", "display_range", "flashlight", "png_bytes", "show_image"]




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
    ax = axes_or_new(ax)
    title = as_text(title, "title", allow_none=True)
    colormap = _check_cmap(cmap)
    vmin = as_real(vmin, "vmin", allow_none=True)
    vmax = as_real(vmax, "vmax", allow_none=True)
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
    size = as_int(size, "size", 1, what="the side of each square, in pixels")
    dim = as_real(dim, "dim", low=0, high=1, what="the brightness left outside the windows")
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
    ax = axes_or_new(ax)
    im = show_image(shown, ax, title=title, vmin=0.0, vmax=1.0) if shown.ndim == 2 else show_image(shown, ax, title=title)
    frames, labels = [], []
    for n, (r, c) in enumerate(corners, start=1):
        patches = draw_window(ax, range(r, r + size), range(c, c + size), mark_taps=False)
        frames.append(patches)
        labels.append(ax.text(c + size / 2, r - 4, str(n), ha="center", va="bottom", fontsize=13,
                              fontweight="bold", color="black",
                              bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": WINDOW_COLOUR}))
    return FlashlightArtists(im, frames, labels)


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
