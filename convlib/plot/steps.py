"""Whole figures: input, kernel and output side by side, and one step of a convolution."""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.text import Text

from .._validate import as_text, describe
from ..conv import correlate2d
from ..walk import Trace
from ._base import (
    _matrix,
)
from .matrix import MatrixArtists, plot_matrix, update_matrix
from .window import WindowPatches, draw_window, move_window

__all__ = ["StepFigure", "plot_convolution", "plot_step"]



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
    import matplotlib.pyplot as plt  # only when a figure is made

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
    titles = [as_text(t, n, allow_none=True) for t, n in zip(titles, names)]
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
