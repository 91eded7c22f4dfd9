"""Figures of lesson 05: templates, the plain score against NCC, shapes found, and what breaks.

Drawing for one lesson only, on :mod:`convlib.plot`'s conventions (``axes=None``,
the artists returned, nothing shown or restyled globally).  Pictures are
grey, score maps cividis; marks are Okabe-Ito colours *and* differ in line
style and label, so no colour is the only cue.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, Rectangle

from ..._validate import as_array
from ...match import correlation_score, evaluate, ncc
from ...palette import CMAP, OKABE_ITO, WINDOW_COLOUR
from ...plot import plot_matrix, show_image
from ...shapes import SHAPES

__all__ = [
    "KIND_LETTERS",
    "KIND_STYLES",
    "TRUTH_COLOUR",
    "plot_antialias",
    "plot_found",
    "plot_plain_vs_ncc",
    "plot_robustness",
    "plot_scene",
    "plot_templates",
]

#: The letter that labels each kind of shape in the figures.
KIND_LETTERS = {"circle": "C", "square": "S", "cross": "X", "triangle": "T"}
#: Colour, marker and line style of each kind in line plots (Okabe-Ito; never colour alone).
KIND_STYLES = {
    "circle": (OKABE_ITO["blue"], "o", "-"),
    "square": (OKABE_ITO["vermillion"], "s", "--"),
    "cross": (OKABE_ITO["bluish green"], "X", "-."),
    "triangle": (OKABE_ITO["reddish purple"], "^", ":"),
}
#: The colour of the true shapes' outlines (sky blue; missed ones are also dotted and labelled).
TRUTH_COLOUR = OKABE_ITO["sky blue"]


def _axes(n: int, axes, size, widths=None) -> list:
    if axes is None:
        return list(np.ravel(plt.subplots(1, n, figsize=size, layout="constrained", width_ratios=widths)[1]))
    axes = list(np.ravel(axes))
    if len(axes) != n:
        msg = f"axes must hold {n} Axes; received {len(axes)}"
        raise ValueError(msg)
    return axes


def plot_templates(templates: dict, axes=None) -> list:
    """The templates side by side, in grey (white = the shape), each titled with its kind and size.

    Returns
    -------
    list of AxesImage
    """
    axes = _axes(len(templates), axes, (2.4 * len(templates), 2.6))
    out = []
    for ax, (kind, T) in zip(axes, templates.items(), strict=True):
        T = np.asarray(as_array(T, "template", 2), dtype=float)
        out.append(show_image(T, ax, title=f"{kind}\n{T.shape[0]}×{T.shape[1]}", vmin=0, vmax=1))
    return out


def plot_antialias(hard, smooth, axes=None) -> list:
    """A small mask drawn two ways, each cell with its value: 0/1 by the pixel's centre, and its share.

    Returns
    -------
    list of MatrixArtists
    """
    axes = _axes(2, axes, (9.0, 4.4))
    return [plot_matrix(np.asarray(hard, float), axes[0], title="Hard: 1 if the pixel's centre is inside",
                        cmap="gray", vmin=0, vmax=1, fmt=".0f"),
            plot_matrix(np.asarray(smooth, float), axes[1], cmap="gray", vmin=0, vmax=1, fmt=".2f",
                        title="Anti-aliased: the share of the pixel inside")]


def plot_scene(scene, ax=None, *, title: str = "The scene", labels: bool = True):
    """A scene in grey, each shape labelled with its kind's letter (C, S, X, T) beside it.

    Returns
    -------
    AxesImage
    """
    if ax is None:
        ax = plt.subplots(figsize=(7.5, 5.2), layout="constrained")[1]
    im = show_image(scene.image, ax, title=title, vmin=0, vmax=1)
    if labels:
        for kind, (r, c), size in zip(scene.kinds, scene.centres, scene.sizes, strict=True):
            ax.text(c + 0.72 * size, r - 0.55 * size, KIND_LETTERS[kind], color="black", fontsize=9,
                    ha="center", va="center", fontweight="bold",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
    return im


def _frame(ax, cell, shape, *, color, style="-", label=None, width=2.0):
    (r, c), (h, w) = cell, shape
    ax.add_patch(Rectangle((c - 0.5, r - 0.5), w, h, fill=False, ec=color, ls=style, lw=width))
    if label:
        ax.text(c + w / 2 - 0.5, r - 1.5, label, color="black", ha="center", va="bottom", fontsize=9,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": color})


def plot_plain_vs_ncc(image, template, axes=None) -> dict:
    """The scene with the best window of each score framed, then the plain score map and the NCC map, stacked.

    The plain score's best window is framed in vermillion (solid line,
    labelled "best plain score"), NCC's in blue (dashed line, "best NCC");
    each map draws a window's score at the window's centre, under the scene
    (light grey where no window is centred), and rings the best one.

    Returns
    -------
    dict
        'plain' and 'ncc': the two score maps; 'best_plain' and 'best_ncc':
        their best cells ``(row, col)``.
    """
    X = np.asarray(as_array(image, "image", 2), dtype=float)
    T = np.asarray(template, dtype=float)
    plain, norm = correlation_score(X, T), ncc(X, T)
    best_p = tuple(int(i) for i in np.unravel_index(np.argmax(plain), plain.shape))
    best_n = tuple(int(i) for i in np.unravel_index(np.argmax(norm), norm.shape))
    if axes is None:
        axes = list(plt.subplots(3, 1, figsize=(8.5, 8.2), layout="constrained")[1])
    axes = _axes(3, axes, None)
    scene = show_image(X, axes[0], title="Scene: the best window of each score", vmin=0, vmax=1)
    # an invisible colour bar beside the scene keeps the three panels aligned
    axes[0].figure.colorbar(scene, ax=axes[0], shrink=0.95, pad=0.02).ax.set_visible(False)
    _frame(axes[0], best_p, T.shape, color=WINDOW_COLOUR, label="best plain score")
    _frame(axes[0], best_n, T.shape, color=OKABE_ITO["blue"], style="--", label="best NCC")
    for ax, S, best, title, lim in ((axes[1], plain, best_p, "Plain score of each window: sum(window × "
                                                             "template)",
                                     None),
                                    (axes[2], norm, best_n, "NCC of each window (from -1 to 1)", (-1, 1))):
        r0, c0 = (T.shape[0] - 1) / 2, (T.shape[1] - 1) / 2       # each score drawn at its window's centre
        im = ax.imshow(S, cmap=CMAP, vmin=lim[0] if lim else None, vmax=lim[1] if lim else None,
                       extent=(c0 - 0.5, c0 + S.shape[1] - 0.5, r0 + S.shape[0] - 0.5, r0 - 0.5))
        ax.set_xlim(-0.5, X.shape[1] - 0.5)
        ax.set_ylim(X.shape[0] - 0.5, -0.5)
        ax.set_facecolor("#e6e6e6")
        ax.set_title(title)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.figure.colorbar(im, ax=ax, shrink=0.95, pad=0.02)
        ax.add_patch(Circle((best[1] + c0, best[0] + r0), 3.5, fill=False, ec="white", lw=2.5))
        ax.add_patch(Circle((best[1] + c0, best[0] + r0), 3.5, fill=False, ec="black", lw=1, ls="--"))
    return {"plain": plain, "ncc": norm, "best_plain": best_p, "best_ncc": best_n}


def plot_found(scene, found: dict, templates: dict, *, tolerance: float, ax=None) -> dict:
    """The scene with every mark and every true shape.

    Each mark is the window of the template that found it, labelled with the
    kind's letter: a solid vermillion frame when a true shape of that kind is
    within ``tolerance`` pixels, a dashed one with "?" when none is (a false
    alarm).  True shapes no mark found are ringed in a dotted sky-blue circle
    labelled "missed".

    Parameters
    ----------
    scene : convlib.shapes.Scene
    found : dict of str to ndarray of shape (k, 2)
        Centres found with each kind's template.
    templates : dict of str to ndarray
        The templates, for the frames' size.
    tolerance : float

    Returns
    -------
    dict of str to MatchReport
        The report of each kind.
    """
    if ax is None:
        ax = plt.subplots(figsize=(8.5, 6.0), layout="constrained")[1]
    show_image(scene.image, ax, title=f"Marks: solid = right kind within {tolerance:g} px, dashed ? = false "
                                      "alarm; dotted circle = missed", vmin=0, vmax=1)
    ax.set_title(ax.get_title(), pad=14)
    reports = {}
    for kind, centres in found.items():
        C = np.asarray(centres, dtype=float).reshape(-1, 2)
        h, w = np.asarray(templates[kind]).shape
        report = evaluate(C, scene.centres_of(kind), tolerance=tolerance)
        reports[kind] = report
        right = {f for f, _ in report.pairs}
        for i, (r, c) in enumerate(C):
            cell = (r - (h - 1) / 2, c - (w - 1) / 2)
            ok = i in right
            _frame(ax, cell, (h, w), color=WINDOW_COLOUR, style="-" if ok else "--", width=1.6,
                   label=KIND_LETTERS[kind] + ("" if ok else "?"))
        truth = scene.centres_of(kind)
        sizes = np.asarray(scene.sizes)[[k == kind for k in scene.kinds]]
        for g in report.missed:
            r, c = truth[g]
            ax.add_patch(Circle((c, r), 0.75 * sizes[g], fill=False, ec=TRUTH_COLOUR, lw=2.2, ls=":"))
            ax.text(c, r + 0.75 * sizes[g] + 1, f"missed {KIND_LETTERS[kind]}", color="black", ha="center",
                    va="top", fontsize=8,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": TRUTH_COLOUR})
    return reports


def plot_robustness(angles, scales, noises, curves: dict, threshold: float, axes=None) -> list:
    """The best NCC at each shape against its turn, its scale and the noise, with the threshold.

    Parameters
    ----------
    angles, scales, noises : sequences of float
    curves : dict of str to (array, array, array)
        For each kind, the best NCC along ``angles``, ``scales`` and ``noises``.
    threshold : float
        Drawn as a dashed grey line: below it a shape is missed.

    Returns
    -------
    list of Axes
    """
    axes = _axes(3, axes, (14.0, 3.8))
    xs = (angles, scales, noises)
    labels = ("turn of the shape (degrees)", "scale of the shape (1 = template's size)",
              "noise (standard deviation)")
    for panel, (ax, x, label) in enumerate(zip(axes, xs, labels, strict=True)):
        for kind in SHAPES:
            if kind not in curves:
                continue
            colour, marker, style = KIND_STYLES[kind]
            ax.plot(x, curves[kind][panel], color=colour, marker=marker, ls=style, label=kind, ms=5)
        ax.axhline(threshold, color="0.4", ls=(0, (5, 3)), lw=1.2)
        ax.text(x[-1], threshold + 0.01, f"threshold {threshold:g}", ha="right", va="bottom", fontsize=9)
        ax.set_xlabel(label)
        ax.set_ylim(0.3, 1.03)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("best NCC at the shape")
    axes[0].legend(loc="lower left", fontsize=9)
    return axes

