"""Figures of lesson 04: patterns, Gabor kernels, a row's response and energy, energy maps, winner maps.

Drawing for one lesson only, built on :mod:`convlib.plot`'s conventions (an
``axes=None`` argument, the artists or axes returned, nothing shown or
restyled globally).  Pictures and kernels are grey (kernels and responses
mid-grey at 0); lines use Okabe-Ito colours *and* different line styles;
label maps use Okabe-Ito colours, carry each region's own stripes faintly
inside it and a written label, so that no colour is the only cue.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.patches import Rectangle

from ..._validate import as_array, as_int
from ...data import stripes
from ...palette import OKABE_ITO
from ...plot import show_image
from ...textures import filter_response, local_energy

__all__ = [
    "LABEL_COLOURS",
    "label_points",
    "plot_energy_maps",
    "plot_kernels",
    "plot_patterns",
    "plot_row",
    "plot_winners",
    "regions",
]

#: Colours of labels 0, 1, 2, ... in label maps (Okabe-Ito; black is kept for text).
LABEL_COLOURS = tuple(OKABE_ITO[k] for k in ("orange", "sky blue", "bluish green", "reddish purple", "yellow",
                                             "blue", "vermillion"))


def _new_axes(n: int, axes, size: tuple[float, float], rows: int = 1):
    if axes is None:
        fig, found = plt.subplots(rows, -(-n // rows), figsize=size, layout="constrained", squeeze=False)
        found = list(found.ravel())
        for ax in found[n:]:
            ax.set_axis_off()
        return found[:n]
    axes = list(np.ravel(axes))
    if len(axes) != n:
        msg = f"axes must hold {n} Axes; received {len(axes)}"
        raise ValueError(msg)
    return axes


def plot_patterns(patterns: dict, axes=None) -> list:
    """Draw named grey pictures side by side, black 0 and white 1.

    Parameters
    ----------
    patterns : dict of str to array_like of shape (H, W)
        Title and picture.
    axes : sequence of Axes, optional

    Returns
    -------
    list of AxesImage
    """
    axes = _new_axes(len(patterns), axes, (2.6 * len(patterns), 2.9))
    return [show_image(np.asarray(p, dtype=float), ax, title=name, vmin=0, vmax=1)
            for ax, (name, p) in zip(axes, patterns.items(), strict=True)]


def plot_kernels(kernels: dict, axes=None, *, rows: int = 1) -> list:
    """Draw named kernels in grey: mid-grey for 0, white for the largest weight, black for its negative.

    Returns
    -------
    list of AxesImage
    """
    n = len(kernels)
    axes = _new_axes(n, axes, (2.5 * -(-n // rows), 2.7 * rows), rows)
    out = []
    for ax, (name, k) in zip(axes, kernels.items(), strict=True):
        K = np.asarray(as_array(k, name, 2), dtype=float)
        lim = float(np.abs(K).max()) or 1.0
        out.append(show_image(K, ax, title=name, vmin=-lim, vmax=lim))
        out[-1].set_interpolation("nearest")
    return out


def plot_row(image, kernel, row: int, sigma: float, axes=None) -> list:
    """One row of a picture, the kernel's raw response along it, its square and its energy.

    Three panels sharing the x axis: the picture's brightness (grey line);
    the raw response (blue, solid) around a dashed zero line; the squared
    response (orange, dashed) and the energy, its local average over a
    Gaussian of spread ``sigma`` (black, thick).

    Returns
    -------
    list of Axes
    """
    X = np.asarray(as_array(image, "image", 2), dtype=float)
    row = as_int(row, "row", 0, X.shape[0] - 1)
    R = filter_response(X, kernel)
    E = local_energy(R, sigma)
    if axes is None:
        _, axes = plt.subplots(3, 1, figsize=(8.5, 5.2), sharex=True, layout="constrained")
    axes = list(np.ravel(axes))
    x = np.arange(X.shape[1])
    axes[0].plot(x, X[row], color="0.35", lw=1.5, label="picture X")
    axes[0].set_ylabel("brightness")
    axes[1].axhline(0, color="0.5", lw=1, ls=":")
    axes[1].plot(x, R[row], color=OKABE_ITO["blue"], lw=1.8, label="raw response Y")
    axes[1].set_ylabel("response")
    axes[2].plot(x, R[row] ** 2, color=OKABE_ITO["orange"], lw=1.5, ls="--", label="squared response Y²")
    axes[2].plot(x, E[row], color="black", lw=2.6, label=f"energy: Y² averaged (σ = {sigma:g})")
    axes[2].set_ylabel("energy")
    axes[2].set_xlabel(f"column (along row {row})")
    for ax in axes:
        ax.legend(loc="upper right", fontsize=9, framealpha=0.9)
        ax.grid(alpha=0.3)
    return axes


def plot_energy_maps(energies, names, axes=None) -> list:
    """The energy map of every filter of a bank, on one common scale (black 0, white the largest).

    Returns
    -------
    list of AxesImage
    """
    E = np.asarray(as_array(energies, "energies", 3), dtype=float)
    names = list(names)
    axes = _new_axes(len(E), axes, (2.7 * len(E), 3.0))
    top = float(np.percentile(E, 99.5)) or 1.0
    return [show_image(e, ax, title=f"energy of {name}", vmin=0, vmax=top)
            for ax, e, name in zip(axes, E, names, strict=True)]


def regions(labels) -> np.ndarray:
    """Number the connected regions of a label map (4-neighbours, same label): 0, 1, 2, ... in reading order.

    Examples
    --------
    >>> regions([[0, 0, 1, 0], [1, 1, 1, 0]]).tolist()
    [[0, 0, 1, 2], [1, 1, 1, 2]]
    """
    L = as_array(labels, "labels", 2)
    h, w = L.shape
    ids = np.arange(h * w).reshape(h, w)
    same_down, same_right = L[1:] == L[:-1], L[:, 1:] == L[:, :-1]
    # every pixel takes the smallest id among its neighbours of the same label, until nothing moves
    while True:
        new = ids.copy()
        new[1:] = np.where(same_down, np.minimum(new[1:], ids[:-1]), new[1:])
        new[:-1] = np.where(same_down, np.minimum(new[:-1], ids[1:]), new[:-1])
        new[:, 1:] = np.where(same_right, np.minimum(new[:, 1:], ids[:, :-1]), new[:, 1:])
        new[:, :-1] = np.where(same_right, np.minimum(new[:, :-1], ids[:, 1:]), new[:, :-1])
        if np.array_equal(new, ids):
            break
        ids = new
    return np.unique(ids, return_inverse=True)[1].reshape(h, w)


def label_points(labels, margin: int = 8) -> list[tuple[int, int]]:
    """For each connected region, a pixel deep inside it (its ``2 margin + 1`` square is all that region).

    The pixel nearest the region's centre of mass is taken; regions too thin
    to hold such a square are left out.

    Returns
    -------
    list of (row, column)

    Examples
    --------
    >>> lab = np.zeros((20, 30), dtype=int); lab[:, 10:20] = 1
    >>> label_points(lab, 3)
    [(9, 4), (9, 14), (9, 24)]
    """
    R = regions(labels)
    margin = as_int(margin, "margin", 0)
    side = 2 * margin + 1
    found = []
    for region in range(int(R.max()) + 1):
        mine = (R == region).astype(np.int64)
        ys, xs = np.nonzero(mine)
        # how many pixels of this region each side x side square holds, from an integral image
        S = np.pad(mine.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
        full = (S[side:, side:] - S[:-side, side:] - S[side:, :-side] + S[:-side, :-side]) == side * side
        ci, cj = np.nonzero(full)
        if ci.size:
            k = int(np.argmin((ci + margin - ys.mean()) ** 2 + (cj + margin - xs.mean()) ** 2))
            found.append((int(ci[k]) + margin, int(cj[k]) + margin))
    return found


def _label_picture(labels: np.ndarray, looks: list[tuple[float, float]]) -> np.ndarray:
    """RGB picture of a label map: each label's colour, with its own stripes faintly inside."""
    h, w = labels.shape
    out = np.ones((h, w, 3))
    for lab, (angle, period) in enumerate(looks):
        here = labels == lab
        shade = 0.72 + 0.28 * stripes((h, w), period, angle)
        out[here] = np.array(to_rgb(LABEL_COLOURS[lab % len(LABEL_COLOURS)]))[None] * shade[here][:, None]
    return out


def plot_winners(image, labels, predicted, label_names, looks, axes=None) -> list:
    """The scene, its true labels, the labels the winning filters stand for, and where the two disagree.

    Parameters
    ----------
    image : array_like of shape (H, W)
    labels, predicted : array_like of int, shape (H, W)
        True labels, and the label of each pixel's winning filter (from the mapping).
    label_names : sequence of str
        Short text written on each region.
    looks : sequence of (angle, period)
        The stripes drawn faintly inside each label's colour.

    Returns
    -------
    list of Axes
    """
    L = as_array(labels, "labels", 2)
    P = as_array(predicted, "predicted", 2)
    axes = _new_axes(4, axes, (13.0, 3.7))
    show_image(image, axes[0], title="scene X (with noise)")
    points = label_points(L)
    for ax, lab, title in ((axes[1], L, "true labels"), (axes[2], P, "label of the winning filter")):
        ax.imshow(_label_picture(lab, list(looks)), interpolation="nearest")
        ax.set_axis_off()
        ax.set_title(title)
        for (i, j) in points:
            ax.text(j, i, label_names[int(lab[i, j])], ha="center", va="center", fontsize=11,
                    fontweight="bold",
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "black", "alpha": 0.9})
    wrong = L != P
    show_image(np.where(wrong, 0.0, 1.0), axes[3], title=f"disagree (black): {100 * wrong.mean():.1f}%",
               vmin=0, vmax=1)
    h, w = L.shape
    axes[3].add_patch(Rectangle((-0.5, -0.5), w, h, fill=False, ec="0.4", lw=1))   # the white picture's frame
    return axes
