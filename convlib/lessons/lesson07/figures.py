"""Figures of lesson 07: a receptive field growing, a kernel learning, and what the small network learned.

Drawing for one lesson only, on :mod:`convlib.plot`'s conventions (an
``axes=None`` argument, the artists returned, nothing shown or restyled
globally).  Pictures are grey; signed maps and filters are grey too,
mid-grey at 0 with the same range on both sides; counts use the
colour-blind-safe 'cividis' map with their numbers written in.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ..._validate import as_array, as_int
from ...palette import CMAP, OKABE_ITO, WINDOW_COLOUR
from ...plot import plot_matrix, show_image
from .data import CLASSES
from .examples import KernelFit, dependency, stack_sizes

__all__ = ["confusion", "mosaic", "plot_confusion", "plot_dependency", "plot_filters", "plot_kernel_fit",
           "plot_mistakes", "plot_samples"]


def _grid(n: int, per_row: int, size: float, axes):
    if axes is not None:
        axes = list(np.ravel(axes))
        if len(axes) != n:
            msg = f"axes must hold {n} Axes; received {len(axes)}"
            raise ValueError(msg)
        return axes
    rows = -(-n // per_row)
    cols = min(n, per_row)
    grid = plt.subplots(rows, cols, figsize=(size * cols, (size + 0.35) * rows), layout="constrained",
                        squeeze=False)[1].ravel()
    for ax in grid[n:]:
        ax.set_axis_off()
    return list(grid[:n])


def plot_dependency(layers, size: int, cell, axes=None) -> list:
    """Each map of a stack with the cells that feed one output cell: how many paths lead from each.

    Parameters
    ----------
    layers : sequence of (kernel size, stride, dilation)
    size : int
        Side of the input.
    cell : (int, int)
        The chosen cell of the last output.
    axes : Axes, one per map, optional

    Returns
    -------
    list of MatrixArtists
    """
    maps = dependency(layers, size, cell)
    sizes = stack_sizes(layers, size)
    axes = _grid(len(maps), len(maps), 3.2, axes)
    out = []
    for k, (ax, m) in enumerate(zip(axes, maps, strict=True)):
        name = "input" if k == 0 else f"after layer {k}"
        rows, cols = np.nonzero(m)
        side = rows.max() - rows.min() + 1
        art = plot_matrix(m, ax, title=f"{name}: {sizes[k]}×{sizes[k]}\n{side}×{side} cells matter",
                          mask=m == 0, vmin=0)
        ax.add_patch(plt.Rectangle((cols.min() - 0.5, rows.min() - 0.5), side, side, fill=False,
                                   edgecolor=WINDOW_COLOUR, linewidth=2.5))
        out.append(art)
    return out


def plot_kernel_fit(fit: KernelFit, axes=None) -> list:
    """The loss falling step by step (log scale), and the learned kernel next to the target.

    Returns
    -------
    list
        The loss line and the two kernels' MatrixArtists.
    """
    if not isinstance(fit, KernelFit):
        msg = f"fit must be what examples.fit_kernel returns; received {type(fit).__name__}"
        raise TypeError(msg)
    if axes is None:
        fig = plt.figure(figsize=(11, 3.4), layout="constrained")
        axes = fig.subplots(1, 3, width_ratios=[2, 1, 1])
    ax_loss, ax_k, ax_t = axes
    (line,) = ax_loss.semilogy(np.arange(len(fit.losses)), fit.losses, color=OKABE_ITO["blue"], linewidth=2)
    ax_loss.set_xlabel("step")
    ax_loss.set_ylabel("loss (mean squared difference)")
    ax_loss.set_title(f"loss, learning rate {fit.lr:g}")
    ax_loss.grid(True, alpha=0.3)
    lim = float(np.abs(fit.target).max())
    learned = plot_matrix(fit.kernels[-1], ax_k, title=f"learned K after {len(fit.kernels) - 1} steps",
                          fmt=".2f", vmin=-lim, vmax=lim)
    target = plot_matrix(fit.target, ax_t, title="target (Sobel x)", vmin=-lim, vmax=lim)
    return [line, learned, target]


def plot_samples(x, y, n: int = 12, axes=None, *, per_row: int = 6) -> list:
    """The first ``n`` pictures of a data set with their class names.

    Returns
    -------
    list of AxesImage
    """
    X = as_array(x, "x", 4)
    n = min(as_int(n, "n", 1), len(X))
    axes = _grid(n, per_row, 1.7, axes)
    return [show_image(X[k, 0], ax, title=CLASSES[int(y[k])], vmin=-0.2, vmax=1.2) for k, ax in enumerate(axes)]


def plot_filters(weights, axes=None, *, per_row: int = 8) -> list:
    """Learned 3x3 filters of one channel as small grids: mid-grey 0, the numbers written in.

    Parameters
    ----------
    weights : array_like of shape (F, 1, kh, kw)

    Returns
    -------
    list of MatrixArtists
    """
    W = as_array(weights, "weights", 4)[:, 0]
    axes = _grid(len(W), per_row, 1.6, axes)
    lim = float(np.abs(W).max())
    return [plot_matrix(w, ax, title=f"filter {k}", fmt=".1f", cmap="gray", vmin=-lim, vmax=lim)
            for k, (ax, w) in enumerate(zip(axes, W, strict=True))]


def mosaic(maps, *, per_row: int = 8, gap: int = 1, own_scale: bool = False) -> np.ndarray:
    """Feature maps (C, H, W) tiled into one picture with values in [0, 1], a white gap between them.

    Each map is scaled by the largest value of the whole stack (ReLU maps
    are >= 0), so a brighter map responds more strongly; with
    ``own_scale=True`` each map by its own largest value instead, so weak
    responses show their shape too.

    Examples
    --------
    >>> mosaic(np.ones((3, 2, 2)), per_row=2).shape
    (5, 5)
    """
    M = as_array(maps, "maps", 3).astype(float)
    c, h, w = M.shape
    per_row = min(as_int(per_row, "per_row", 1), c)
    rows = -(-c // per_row)
    top = np.abs(M).max(axis=(1, 2)) if own_scale else np.full(c, np.abs(M).max())
    top[top == 0] = 1.0
    out = np.ones((rows * (h + gap) - gap, per_row * (w + gap) - gap))
    for k in range(c):
        r, q = divmod(k, per_row)
        out[r * (h + gap) : r * (h + gap) + h, q * (w + gap) : q * (w + gap) + w] = np.clip(M[k] / top[k], 0, 1)
    return out


def confusion(true, predicted) -> np.ndarray:
    """Counts of (true class, predicted class) pairs: row = true class, column = the network's answer.

    Examples
    --------
    >>> confusion([0, 1, 1], [0, 1, 2])[:3, :3].tolist()
    [[1, 0, 0], [0, 1, 1], [0, 0, 0]]
    """
    t, p = np.asarray(true, dtype=np.int64), np.asarray(predicted, dtype=np.int64)
    out = np.zeros((len(CLASSES), len(CLASSES)), dtype=np.int64)
    np.add.at(out, (t, p), 1)
    return out


def plot_confusion(true, predicted, ax=None):
    """The confusion matrix, counts written in, the true class down the side.

    Returns
    -------
    MatrixArtists
    """
    if ax is None:
        ax = plt.subplots(figsize=(4.4, 4.2), layout="constrained")[1]
    counts = confusion(true, predicted)
    art = plot_matrix(np.log1p(counts), ax, cmap=CMAP, fmt=lambda v: f"{np.expm1(v):.0f}")
    ax.set_xticks(range(len(CLASSES)), CLASSES)
    ax.set_yticks(range(len(CLASSES)), CLASSES)
    ax.tick_params(labelsize=9)
    ax.set_title("the network's answer", fontsize=10, pad=8)
    ax.set_ylabel("true shape", fontsize=10)
    return art


def plot_mistakes(x, true, predicted, probabilities, n: int = 8, axes=None, *, per_row: int = 8) -> list:
    """The first ``n`` pictures the network gets wrong, each titled with its answer, its confidence and the truth.

    Returns
    -------
    list of AxesImage
    """
    X = as_array(x, "x", 4)
    wrong = np.flatnonzero(np.asarray(true) != np.asarray(predicted))[: as_int(n, "n", 1)]
    if len(wrong) == 0:
        ax = axes if axes is not None else plt.subplots(figsize=(3, 1))[1]
        ax.set_axis_off()
        ax.text(0.5, 0.5, "no mistakes", ha="center", va="center")
        return []
    axes = _grid(len(wrong), per_row, 1.7, axes)
    out = []
    for ax, k in zip(axes, wrong, strict=True):
        p = int(predicted[k])
        title = f"said {CLASSES[p]} {probabilities[k, p]:.0%}\nis {CLASSES[int(true[k])]}"
        out.append(show_image(X[k, 0], ax, title=title, vmin=-0.2, vmax=1.2))
        ax.title.set_fontsize(9)
    return out
