"""Small numeric grids drawn as HTML tables.

The step-through widget shows its matrices as HTML rather than as matplotlib
figures: the browser paints a table of a few dozen cells in milliseconds,
the numbers stay sharp at any zoom, and a screen reader can read every cell.

Everything that does not change from one step to the next (each cell's
colour and text) is computed once, when a :class:`Grid` is made; a step only
re-joins ready-made strings with a different set of highlighted cells.

The same grids show a convolution (input, kernel, output) and a pooling
(input, the current window with its largest value marked, output):
:func:`trace_grids` and :func:`window_grid` read a :class:`convlib.Trace` of
either kind.

This module belongs to the drawing layer: it reads numbers and steps, and
knows nothing about widgets.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import numpy as np
from matplotlib import colormaps
from matplotlib.colors import to_hex

from .conv import format_number
from .palette import BLANK_COLOUR, CMAP, ERROR_COLOUR, WINDOW_COLOUR, text_colour
from .transposed import TransposedTrace
from .walk import PoolStep, Step, Trace

__all__ = [
    "CSS",
    "WINDOW_COLOUR",
    "Grid",
    "equation_html",
    "pool_padding_words",
    "trace_grids",
    "transposed_parts",
    "text_colour",
    "window_grid",
]

#: Style sheet shared by every grid; shown once per widget.
CSS = f"""
<style>
.convlib-grids {{ display: flex; flex-flow: row wrap; align-items: flex-start; column-gap: 28px;
  row-gap: 6px; margin-bottom: 6px; }}
.convlib-grid {{ border-collapse: separate; border-spacing: 2px; font-family: var(--jp-code-font-family, monospace);
  font-size: 15px; margin: 0 auto; }}
.convlib-grid caption {{ font-family: var(--jp-ui-font-family, sans-serif); font-weight: 600;
  font-size: 14px; padding-bottom: 4px; color: var(--jp-ui-font-color1, #111); }}
.convlib-grid th {{ font-weight: normal; font-size: 11px; color: var(--jp-ui-font-color2, #555);
  padding: 0 3px; }}
.convlib-grid td {{ width: 2.6em; height: 2.6em; min-width: 2.6em; text-align: center; vertical-align: middle;
  position: relative; border-radius: 3px; padding: 0 3px; line-height: 1.1; }}
.convlib-grid td.convlib-pad {{ background-image: repeating-linear-gradient(45deg, rgba(255,255,255,.0) 0 5px,
  rgba(0,0,0,.13) 5px 7px); font-style: italic; }}
.convlib-grid td.convlib-pad {{ background-image: repeating-linear-gradient(45deg, rgba(255,255,255,.4) 0 2px,
  transparent 2px 4px, rgba(0,0,0,.25) 4px 6px, transparent 6px 8px);
  outline: 1px dashed #777; outline-offset: -1px; }}
.convlib-grid td.convlib-empty {{ background: transparent; outline: 1px dashed #999; outline-offset: -2px; }}
.convlib-grid td.convlib-window, .convlib-grid td.convlib-current {{
  box-shadow: inset 0 0 0 3px {WINDOW_COLOUR}, inset 0 0 0 5px #fff; }}
.convlib-grid td.convlib-span {{ box-shadow: inset 0 0 0 1px {WINDOW_COLOUR}; }}
.convlib-grid .convlib-w, .convlib-grid .convlib-mark {{ position: absolute; right: 2px; bottom: 1px;
  font-size: 10px; font-weight: 600; color: #000; background: #fff; border-radius: 2px; padding: 0 2px;
  line-height: 1.2; }}
.convlib-grid .convlib-mark {{ top: 1px; bottom: auto; }}
.convlib-grid td.convlib-winner {{ box-shadow: inset 0 0 0 4px {WINDOW_COLOUR}, inset 0 0 0 6px #fff;
  font-weight: 700; }}
.convlib-eq {{ font-family: var(--jp-code-font-family, monospace); font-size: 15px; white-space: normal;
  color: var(--jp-ui-font-color1, #111); }}
.convlib-eq b {{ color: {WINDOW_COLOUR}; }}
.convlib-buttons.convlib-at-first .convlib-previous, .convlib-buttons.convlib-at-last .convlib-next {{
  opacity: .45; cursor: default; pointer-events: none; }}
.convlib-stale .convlib-grid, .convlib-stale .convlib-eq, .convlib-stale .convlib-counts {{ opacity: .35; }}
.convlib-error-box {{ color: #fff; background: {ERROR_COLOUR}; padding: 6px 10px; border-radius: 4px;
  font-family: var(--jp-ui-font-family, sans-serif); }}
</style>
"""


class Grid:
    """An HTML table of one matrix, with cells that can be highlighted.

    Parameters
    ----------
    values : ndarray of shape (M, N)
        The numbers; NaN cells are shown empty (not yet computed).
    caption : str
        Title shown above the table (also its accessible name).
    name : str
        Letter used in each cell's tooltip, e.g. ``X`` gives ``X[0,1] = 2``.
    cmap : str, default 'cividis'
        A colour-blind-safe matplotlib colour map.
    pad_mask : ndarray of bool, optional
        True for cells that are padding (drawn hatched and in italics).
    origin : (int, int)
        Index of the first row and column in the labels (padding rows come
        before the image, so they are labelled from ``-top``).
    vmin, vmax : float, optional
        Colour range; by default the range of the finite values.
    texts : mapping of (row, col) to str, optional
        Text shown in a cell instead of its number (``'-∞'`` for a max
        pooling's padding, ``''`` for padding left out of a mean).
    titles : mapping of (row, col) to str, optional
        Tooltip of a cell instead of ``'X[r,c] = value'``.
    label : str, optional
        The table's accessible name when it should say more than the
        caption (the caption is shown; the label is read out).

    Examples
    --------
    >>> g = Grid(np.array([[1, 2], [3, 4]]), "Input X", "X")
    >>> "convlib-window" in g.render(window={(0, 1)})
    True
    """

    def __init__(self, values, caption: str, name: str, *, cmap: str = CMAP, pad_mask=None,
                 origin=(0, 0), vmin=None, vmax=None, texts: Mapping | None = None,
                 titles: Mapping | None = None, label: str | None = None):
        vals = np.asarray(values, dtype=float)
        self.shape = vals.shape
        finite = vals[np.isfinite(vals)]
        lo = float(finite.min()) if vmin is None and finite.size else (vmin if vmin is not None else 0.0)
        hi = float(finite.max()) if vmax is None and finite.size else (vmax if vmax is not None else 1.0)
        span = hi - lo if hi > lo else 1.0
        colours = colormaps[cmap](np.clip((np.nan_to_num(vals, nan=lo) - lo) / span, 0, 1) * 0.85 + 0.15)
        self._cells: dict[tuple[int, int], tuple[str, str]] = {}
        self._empty: dict[tuple[int, int], str] = {}
        raw = np.asarray(values)
        pad = np.zeros(vals.shape, bool) if pad_mask is None else np.asarray(pad_mask, bool)
        r0, c0 = origin
        name_of_table = label or caption
        texts, titles = texts or {}, titles or {}
        for (r, c), v in np.ndenumerate(vals):
            label = f"{name}[{r + r0},{c + c0}]"
            self._empty[r, c] = f'<td class="convlib-empty" title="{label}: not computed yet"></td>'
            text = texts.get((r, c), format_number(raw[r, c]))
            if np.isfinite(v):
                bg, fg = to_hex(colours[r, c]), text_colour(colours[r, c])
            else:
                bg, fg = BLANK_COLOUR, "black"
            kind = "convlib-pad" if pad[r, c] else "convlib-cell"
            what = "padding " if pad[r, c] else ""
            title = html.escape(titles.get((r, c), f"{what}{label} = {text}"))
            self._cells[r, c] = (
                kind,
                f'style="background-color:{bg};color:{fg}" title="{title}">{html.escape(text)}',
            )
        rows, cols = vals.shape
        head = "".join(f'<th scope="col">{c + c0}</th>' for c in range(cols))
        self._head = (
            f'<table class="convlib-grid" aria-label="{html.escape(name_of_table)}, {rows} by {cols}">'
            f"<caption>{html.escape(caption)}</caption><tr><th></th>{head}</tr>"
        )
        self._row_heads = [f'<tr><th scope="row">{r + r0}</th>' for r in range(rows)]

    def render(self, window: Iterable = (), *, weights: dict | None = None, span: Iterable = (),
               current=None, upto: int | None = None, marks: dict | None = None,
               strong: Iterable = ()) -> str:
        """HTML of the table with some cells highlighted.

        Parameters
        ----------
        window : iterable of (row, col)
            Cells under a kernel tap: framed, class ``convlib-window``.
        weights : dict mapping (row, col) to str, optional
            Small label in the cell's corner, e.g. the kernel weight ``×1``.
        span : iterable of (row, col)
            Cells inside the window's span but between taps (dilation).
        current : (row, col), optional
            The output cell being computed: framed, class ``convlib-current``.
        upto : int, optional
            Show only the first ``upto + 1`` cells in row-major order; later
            cells are drawn empty (not computed yet).
        marks : dict mapping (row, col) to str, optional
            Small label in the cell's corner, as written, e.g. ``max`` on the
            winner of a max pooling.
        strong : iterable of (row, col)
            Cells drawn with a thick frame and bold number, class
            ``convlib-winner`` (the largest value of a pooling window).
        """
        window = set(window)
        span = set(span) - window
        strong = set(strong)
        weights = weights or {}
        marks = marks or {}
        out = [self._head]
        rows, cols = self.shape
        for r in range(rows):
            out.append(self._row_heads[r])
            for c in range(cols):
                if upto is not None and r * cols + c > upto:
                    out.append(self._empty[r, c])
                    continue
                kind, body = self._cells[r, c]
                if (r, c) in window:
                    kind += " convlib-window"
                elif (r, c) in span:
                    kind += " convlib-span"
                if current == (r, c):
                    kind += " convlib-current"
                if (r, c) in strong:
                    kind += " convlib-winner"
                extra = ""
                if (r, c) in weights:
                    extra = f'<span class="convlib-w" aria-label="times {weights[r, c]}">×{weights[r, c]}</span>'
                if (r, c) in marks:
                    extra += f'<span class="convlib-mark">{html.escape(marks[r, c])}</span>'
                out.append(f'<td class="{kind}" {body}{extra}</td>')
            out.append("</tr>")
        out.append("</table>")
        return "".join(out)


def equation_html(step: Step, total: int, name: str = "Y") -> str:
    """The arithmetic of one step as an HTML line, with its step number in data attributes.

    Examples
    --------
    >>> from convlib.walk import trace
    >>> t = trace([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[0, 1], [1, 0]])
    >>> equation_html(t.steps[1], len(t))  # doctest: +ELLIPSIS
    '<span class="convlib-eq" data-step="1" data-total="4">...Y[0,1] = 2×0 + 3×1 + 5×1 + 6×0 = 8</span>'
    """
    return (
        f'<span class="convlib-eq" data-step="{step.index}" data-total="{total}">'
        f"Step {step.index + 1} of {total}: {html.escape(step.equation(name))}</span>"
    )


def pool_padding_words(t: Trace) -> tuple[str, str]:
    """How a pooling's padding cells are shown: their text, and what they are, in words.

    Max pooling: ``'-∞'`` (never the largest); average pooling: ``''``
    (left out of the mean) or ``'0'`` (counted as zeros).
    """
    if t.kind == "max":
        return "-∞", "minus infinity, never the largest"
    if t.options.get("count_include_pad"):
        return "0", "counted as 0 in the mean"
    return "", "left out of the mean"


def _pool_display(t: Trace, values: np.ndarray, pad: np.ndarray, name: str, origin):
    """Numbers to colour, texts and tooltips of a pooling's cells (padding: blank, -∞ or 0)."""
    text, words = pool_padding_words(t)
    shown = np.asarray(values, dtype=float).copy()
    if text != "0":
        shown[pad] = np.nan
    r0, c0 = origin
    cells = list(zip(*np.nonzero(pad), strict=True))
    texts = {(r, c): text for r, c in cells}
    titles = {(r, c): f"padding {name}[{r + r0},{c + c0}]: {words}" for r, c in cells}
    return shown, texts, titles


def trace_grids(t: Trace, names=("X", "K", "Y"), cmap: str = CMAP):
    """The three grids of a trace: padded input, kernel as applied, output.

    For a pooling trace (``t.kind`` 'max' or 'average') the middle grid is
    None: the window changes at every step (see :func:`window_grid`), and
    padding cells read ``-∞`` (max), nothing (left out of a mean) or 0
    (counted in a mean).

    Returns
    -------
    (Grid, Grid or None, Grid)
    """
    x, k, y = names
    (top, _), (left, _) = t.padding
    finite = np.asarray(t.image, dtype=float)
    vmin, vmax = float(np.min(finite)), float(np.max(finite))
    out = Grid(t.output, f"Output {y}", y, cmap=cmap)
    if t.kind != "conv":
        pad = t.is_padding()
        shown, texts, titles = _pool_display(t, t.padded, pad, x, (-top, -left))
        words = f" (padding: {pool_padding_words(t)[1]})" if pad.any() else ""
        inp = Grid(shown, f"Input {x}" + words, x, cmap=cmap, pad_mask=pad, origin=(-top, -left),
                   vmin=vmin, vmax=vmax, texts=texts, titles=titles)
        return inp, None, out
    flipped = bool(t.options.get("flip"))
    padded = f" ({t.options.get('pad_mode') or 'zero'} padding)" if t.is_padding().any() else ""
    inp = Grid(t.padded, f"Input {x}" + padded, x,
               cmap=cmap, pad_mask=t.is_padding(), origin=(-top, -left), vmin=vmin, vmax=vmax)
    ker = Grid(t.applied, f"Kernel {k}" + (", flipped" if flipped else ""), k, cmap=cmap)
    return inp, ker, out


def window_grid(t: Trace, step: PoolStep, names=("X", "K", "Y"), cmap: str = CMAP) -> str:
    """HTML of one pooling step's window, its cells labelled as in the input, the winner of a max marked.

    Colours are those of the input grid (the same range), so the window
    looks like the framed cells it was taken from.

    Examples
    --------
    >>> from convlib.walk import pool_trace
    >>> t = pool_trace([[1, 2], [3, 4]], 2)
    >>> html_text = window_grid(t, t.steps[0])
    >>> "<caption>Window of Y[0,0]</caption>" in html_text and "convlib-winner" in html_text
    True
    """
    name, _, y = names
    (top, _), (left, _) = t.padding
    origin = (step.rows[0] - top, step.cols[0] - left)
    pad = ~step.real
    shown, texts, titles = _pool_display(t, step.window, pad, name, origin)
    finite = np.asarray(t.image, dtype=float)
    kh, kw = step.window.shape
    r, c = step.out_index
    count = format_number(step.count) if step.count is not None else ""
    what = "its largest value marked max" if step.kind == "max" else \
        f"the mean of {count} cell{'' if count == '1' else 's'}"
    grid = Grid(shown, f"Window of {y}[{r},{c}]", name, cmap=cmap, pad_mask=pad, origin=origin,
                vmin=float(np.min(finite)), vmax=float(np.max(finite)), texts=texts, titles=titles,
                label=f"Window of {y}[{r},{c}], {what}")
    if step.winner is None:
        return grid.render()
    return grid.render(strong=[step.winner], marks={step.winner: "max"})


def _signed(value) -> str:
    """``+2``, ``−3``: what a painted cell receives."""
    text = format_number(value)
    return text.replace("-", "−") if text.startswith("-") else f"+{text}"


def transposed_parts(t: TransposedTrace, k: int, names=("X", "K", "Y"), cmap: str = CMAP,
                     value_range: tuple[float, float] | None = None) -> dict:
    """HTML of step ``k`` (0-based) of a transposed convolution: input, kernel and its copy, output, equation.

    The input has the painting cell framed; next to the kernel, its copy
    scaled by that cell's value; the output (the uncropped canvas, cells
    cut off by the padding hatched, labelled from ``-padding``) holds the
    sum of the copies painted so far, with this step's cells framed and
    marked with what they receive.  Cells no copy has reached yet are
    empty; cells no copy ever reaches (output padding) read 0.

    Parameters
    ----------
    value_range : (float, float), optional
        Colour range of the output; by default the range over all steps.

    Examples
    --------
    >>> from convlib.transposed import transposed_trace
    >>> t = transposed_trace([[1, 2]], [[1, 1, 1]], stride=2)
    >>> parts = transposed_parts(t, 1)
    >>> sorted(parts), "+2" in parts["output"]
    (['equation', 'input', 'kernel', 'output'], True)
    """
    x, kname, y = names
    s = t.steps[k]
    if value_range is None:
        every = np.stack([st.canvas for st in t.steps]).astype(float)
        value_range = (min(0.0, float(every.min())), max(0.0, float(every.max())))
    lo, hi = value_range
    finite = np.asarray(t.image, dtype=float)
    inp = Grid(t.image, f"Input {x}", x, cmap=cmap, vmin=float(finite.min()), vmax=float(finite.max()))
    ker = Grid(t.kernel, f"Kernel {kname}", kname, cmap=cmap)
    v = format_number(s.value)
    r, c = s.in_index
    copy = Grid(s.products, f"{v} × {kname}", kname, cmap=cmap,
                label=f"The kernel scaled by {x}[{r},{c}] = {v}: what this step adds")
    shown = s.canvas.astype(float)
    shown[t.painted > k] = np.nan
    ph, pw = t.padding
    cropped = t.is_cropped()
    caption = f"Output {y}" + (" (hatched: cut off by the padding)" if cropped.any() else "")
    waiting = list(zip(*np.nonzero(t.painted > k), strict=True))
    texts = {cell: "" for cell in waiting}
    titles = {(r0, c0): f"{y}[{r0 - ph},{c0 - pw}]: no copy painted yet" for r0, c0 in waiting}
    out = Grid(shown, caption, y, cmap=cmap, pad_mask=cropped, origin=(-ph, -pw), vmin=lo, vmax=hi,
               texts=texts, titles=titles, label=f"Output {y} after {k + 1} of {len(t)} copies")
    cells = [(i, j) for i in s.rows for j in s.cols]
    marks = {cell: _signed(p) for cell, p in zip(cells, s.products.ravel(), strict=True)}
    return {
        "input": inp.render([(r, c)], current=(r, c)),
        "kernel": ker.render() + copy.render(),
        "output": out.render(cells, marks=marks),
        "equation": equation_html(s, len(t), y),
    }
