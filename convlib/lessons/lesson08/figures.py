"""Figures of lesson 08: the gallery of photo filters, an edge sharpened, skin tones, the barcode and motion stages.

Built on :mod:`convlib.plot`'s conventions (``axes=None``, artists returned,
nothing shown or restyled globally; pyplot is imported only when a figure
is drawn).  Photos are shown in colour or grey; boxes are drawn in two
Okabe-Ito colours **and** two line styles (found: solid orange; true:
dashed blue), so colour is never the only cue.  :func:`draw_boxes` draws
boxes straight into a numpy picture, for the widgets.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import to_rgb

from ..._validate import as_array
from ...conv import format_number
from ...kernels import filter_image
from ...palette import OKABE_ITO
from ...plot import show_image
from .pipelines import BarcodeStages, MotionStages, rgb_to_ycbcr, skin_mask

__all__ = [
    "FOUND_COLOUR",
    "MONK_TONES",
    "TRUE_COLOUR",
    "draw_boxes",
    "plot_barcode_stages",
    "plot_edge_profile",
    "plot_gallery",
    "plot_motion_stages",
    "plot_skin",
    "plot_skin_tones",
]

#: Boxes a pipeline found: Okabe-Ito orange, drawn solid.
FOUND_COLOUR = OKABE_ITO["orange"]
#: True boxes: Okabe-Ito blue, drawn dashed.
TRUE_COLOUR = OKABE_ITO["blue"]
#: The ten tones of the Monk Skin Tone Scale (by Ellis Monk; released by Google in 2022), lightest first.
MONK_TONES = ("#f6ede4", "#f3e7db", "#f7ead0", "#eadaba", "#d7bd96",
              "#a07e56", "#825c43", "#604134", "#3a312a", "#292420")


def _axes(n: int, axes, size, rows: int = 1):
    import matplotlib.pyplot as plt

    if axes is None:
        cols = -(-n // rows)
        return list(np.ravel(plt.subplots(rows, cols, figsize=size, layout="constrained")[1]))[:n]
    axes = list(np.ravel(axes))
    if len(axes) != n:
        msg = f"axes must hold {n} Axes; received {len(axes)}"
        raise ValueError(msg)
    return axes


def draw_boxes(picture, boxes, *, thickness: int = 2, dash: int = 5) -> np.ndarray:
    """Draw box outlines into a copy of a picture, as RGB: solid or dashed, in any colour.

    Parameters
    ----------
    picture : array_like of shape (H, W) or (H, W, 3), values in [0, 1]
    boxes : iterable of (box, colour, dashed)
        ``box`` is ``(top, left, bottom, right)`` (bottom, right excluded) or
        None (skipped); ``colour`` any matplotlib colour; ``dashed`` a bool.
    thickness : int, default 2
        Line width in pixels, drawn inside the box.
    dash : int, default 5
        Length of the dashes and of the gaps, in pixels.

    Returns
    -------
    ndarray of float64, shape (H, W, 3)

    Examples
    --------
    >>> out = draw_boxes(np.zeros((6, 8)), [((1, 1, 5, 7), "white", False)], thickness=1)
    >>> out[..., 0].astype(int).tolist()[:3]
    [[0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 1, 1, 1, 1, 1, 0], [0, 1, 0, 0, 0, 0, 1, 0]]
    """
    arr = np.asarray(as_array(picture, "picture", (2, 3)), dtype=float)
    rgb = np.repeat(arr[..., None], 3, axis=2) if arr.ndim == 2 else arr[..., :3].copy()
    h, w = rgb.shape[:2]
    for box, colour, dashed in boxes:
        if box is None:
            continue
        top, left, bottom, right = (int(v) for v in box)
        top, left = max(0, top), max(0, left)
        bottom, right = min(h, bottom), min(w, right)
        if bottom <= top or right <= left:
            continue
        ink = np.zeros((h, w), bool)
        t = thickness
        ink[top:min(top + t, bottom), left:right] = True
        ink[max(bottom - t, top):bottom, left:right] = True
        ink[top:bottom, left:min(left + t, right)] = True
        ink[top:bottom, max(right - t, left):right] = True
        if dashed:
            yy, xx = np.mgrid[0:h, 0:w]
            ink &= ((yy + xx) // dash) % 2 == 0
        rgb[ink] = to_rgb(colour)
    return rgb


def plot_gallery(photo, kernels: dict, axes=None, *, displays: dict | None = None) -> list:
    """The same photo filtered with several kernels, one panel each, titled with the kernel's name and weights' sum.

    Parameters
    ----------
    photo : array_like of shape (H, W, 3) or (H, W), values in [0, 1]
    kernels : dict of str to array_like
    axes : sequence of Axes, optional
    displays : dict of str to callable, optional
        For a name, a function ``Y -> values in [0, 1]`` to show instead of
        clipping to [0, 1] (for example the size of an edge response).

    Returns
    -------
    list of AxesImage
    """
    displays = displays or {}
    axes = _axes(len(kernels), axes, (3.0 * min(len(kernels), 4), 3.3 * -(-len(kernels) // 4)),
                 rows=-(-len(kernels) // 4))
    out = []
    for ax, (name, K) in zip(axes, kernels.items(), strict=True):
        Y = filter_image(photo, K)
        shown = displays[name](Y) if name in displays else np.clip(Y, 0.0, 1.0)
        out.append(show_image(shown, ax, title=f"{name}\nweights add up to {format_number(round(float(np.sum(K)), 6))}"))
    return out


def plot_edge_profile(row, sharpened, blurred, ax=None) -> list:
    """One row across an edge: the picture, its blur and the unsharp-masked result, as lines with markers.

    Returns
    -------
    list of Line2D
    """
    import matplotlib.pyplot as plt

    if ax is None:
        ax = plt.subplots(figsize=(7.5, 3.2), layout="constrained")[1]
    x = np.arange(len(row))
    lines = [ax.plot(x, row, "-o", color="black", label="the picture X")[0],
             ax.plot(x, blurred, "--s", color=OKABE_ITO["sky blue"], label="its blur")[0],
             ax.plot(x, sharpened, "-^", color=OKABE_ITO["vermillion"], label="X + amount × (X − blur)")[0]]
    ax.set_xlabel("column")
    ax.set_ylabel("brightness")
    ax.legend(loc="upper left", fontsize=9)
    ax.grid(alpha=0.3)
    return lines


def plot_skin_tones(ax=None):
    """The ten Monk Skin Tone Scale swatches, each labelled with its number and whether the rule calls it skin-like.

    Returns
    -------
    list of Text
        The labels (a word, not only a colour: "skin-like" or "missed").
    """
    import matplotlib.pyplot as plt

    if ax is None:
        ax = plt.subplots(figsize=(10, 2.2), layout="constrained")[1]
    rgb = np.array([to_rgb(c) for c in MONK_TONES])
    found = skin_mask(rgb[np.newaxis])[0]
    ycc = rgb_to_ycbcr(rgb)
    ax.imshow(rgb[np.newaxis], aspect="auto", extent=(0, 10, 0, 1))
    labels = []
    for k, (ok, (_, cb, cr)) in enumerate(zip(found, ycc, strict=True)):
        colour = "black" if rgb[k].mean() > 0.5 else "white"
        labels.append(ax.text(k + 0.5, 0.5, f"MST {k + 1}\nCb {cb:.0f}\nCr {cr:.0f}\n"
                                            f"{'skin-like' if ok else 'MISSED'}",
                              ha="center", va="center", color=colour, fontsize=9,
                              fontweight="normal" if ok else "bold"))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title("The Monk Skin Tone Scale's ten tones and the colour rule (Cb from 77 to 127, Cr from 133 to 173)")
    return labels


def plot_skin(photo, smoothed, axes=None) -> list:
    """The photo, its skin-like mask and the smoothed photo, side by side."""
    axes = _axes(3, axes, (11, 4.3))
    return [show_image(photo, axes[0], title="photo"),
            show_image(skin_mask(photo).astype(float), axes[1], title="skin-like by the colour rule (white)"),
            show_image(smoothed, axes[2], title="skin-like pixels smoothed")]


def _box_patch(ax, box, colour, dashed):
    from matplotlib.patches import Rectangle

    top, left, bottom, right = box
    return ax.add_patch(Rectangle((left - 0.5, top - 0.5), right - left, bottom - top, fill=False, lw=2.2,
                                  ec=colour, ls="--" if dashed else "-"))


def plot_barcode_stages(stages: BarcodeStages, true_box=None, axes=None) -> list:
    """The five stages of the barcode finder, then the scene with the found (solid) and true (dashed) boxes."""
    axes = _axes(6, axes, (12, 6.2), rows=2)
    s = stages
    pictures = [(s.image, "1. the scene"), (s.difference / max(s.difference.max(), 1e-12), "2. |gx| − |gy| (≥ 0)"),
                (s.blurred / max(s.blurred.max(), 1e-12), "3. blurred"), (s.mask.astype(float), "4. threshold"),
                (s.region.astype(float), "5. largest region")]
    out = [show_image(p, ax, title=t, vmin=0, vmax=1) for ax, (p, t) in zip(axes, pictures, strict=False)]
    out.append(show_image(s.image, axes[5], title="found (solid) and true (dashed) box", vmin=0, vmax=1))
    if true_box is not None:
        _box_patch(axes[5], true_box, TRUE_COLOUR, True)
    if s.box is not None:
        _box_patch(axes[5], s.box, FOUND_COLOUR, False)
    return out


def plot_motion_stages(previous, frame, stages: MotionStages, true_box=None, axes=None) -> list:
    """Two frames, their difference, the blurred difference, the mask, and the frame with the boxes."""
    axes = _axes(6, axes, (12, 5.6), rows=2)
    s = stages
    top = max(float(s.blurred.max()), 1e-12)
    pictures = [(previous, "frame before"), (frame, "frame"), (np.clip(s.difference / 0.5, 0, 1), "|difference|"),
                (s.blurred / top, "blurred difference"), (s.mask.astype(float), "threshold")]
    out = [show_image(p, ax, title=t, vmin=0, vmax=1) for ax, (p, t) in zip(axes, pictures, strict=False)]
    out.append(show_image(frame, axes[5], title="detected (solid), true (dashed)", vmin=0, vmax=1))
    if true_box is not None:
        _box_patch(axes[5], true_box, TRUE_COLOUR, True)
    if s.box is not None:
        _box_patch(axes[5], s.box, FOUND_COLOUR, False)
    return out

