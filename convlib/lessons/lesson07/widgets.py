"""The widgets of lesson 07: a receptive field growing, a kernel learning, and a network's feature maps.

* :class:`ReceptiveField`: pick a stack and an output cell; every map of
  the stack shows the cells that cell depends on, with how many paths
  lead from each;
* :class:`KernelSteps`: a slider over the stored steps of
  :func:`~convlib.lessons.lesson07.examples.fit_kernel`: the kernel at that
  step, the target, and the loss curve with the step marked;
* :class:`FeatureMaps`: pick a test picture; the maps of each layer of the
  trained network and how sure it is of each class.

Numbers are drawn as HTML grids (:class:`convlib.html.Grid`) and maps as
PNG pictures: nothing here draws with matplotlib, so a move of a slider
answers in a few milliseconds.
"""

from __future__ import annotations

import html

import ipywidgets as w
import numpy as np

from ...conv import format_number
from ...cost import receptive_field
from ...html import Grid
from ...palette import OKABE_ITO
from ...plot.photos import png_bytes
from ...widgets.base import ConvlibWidget, TitledImage, play_controls, shows_errors
from .data import CLASSES
from .examples import STACKS, KernelFit, dependency, stack_sizes
from .figures import mosaic

__all__ = ["FeatureMaps", "KernelSteps", "ReceptiveField"]

_STYLE = {"description_width": "initial"}


def _status(text: str) -> str:
    return f'<div role="status" aria-live="polite" style="font-size:13px;line-height:1.5">{text}</div>'


class ReceptiveField(ConvlibWidget):
    """Pick an output cell of a stack of layers and see, layer by layer, every cell it depends on.

    Parameters
    ----------
    stack : str, default 'three 3×3 convolutions'
        A key of :data:`~convlib.lessons.lesson07.examples.STACKS`.
    row, col : int, default 0
        The output cell shown first.

    Attributes
    ----------
    maps : list of ndarray
        From the input to the output: for each cell, the number of paths
        from it to the chosen output cell (:func:`~convlib.lessons.lesson07.examples.dependency`).
    text : str
        The sentence under the grids, as plain text.

    Examples
    --------
    >>> rf = ReceptiveField()
    >>> rf.row.value, rf.col.value = 2, 3
    >>> int((rf.maps[0] > 0).sum()), rf.text.split(":")[0]
    (49, 'Y[2,3] depends on a 7×7 block of input pixels')
    """

    error_title = "Cannot show this cell."

    def __init__(self, stack: str = "three 3×3 convolutions", *, row: int = 0, col: int = 0):
        if stack not in STACKS:
            msg = f"stack must be one of {', '.join(map(repr, STACKS))}; received {stack!r}"
            raise ValueError(msg)
        self.stack = w.Dropdown(options=list(STACKS), value=stack, description="Stack of layers", style=_STYLE,
                                layout=w.Layout(width="420px"))
        self.row = w.IntSlider(value=0, min=0, max=1, description="Output row", style=_STYLE)
        self.col = w.IntSlider(value=0, min=0, max=1, description="Output column", style=_STYLE)
        self._grids = w.HTML().add_class("convlib-receptive-grids")
        self._text = w.HTML()
        self.maps: list = []
        self.text = ""
        self._size_controls()
        self.row.value, self.col.value = (min(int(v), self.row.max) for v in (row, col))
        self.stack.observe(self._on_stack, names="value")
        for control in (self.row, self.col):
            control.observe(self._on_cell, names="value")
        super().__init__([w.HBox([self.stack, self.row, self.col], layout=w.Layout(flex_flow="row wrap")),
                          self._grids, self._text], layout=w.Layout(padding="4px"))
        self.add_class("convlib-receptive-field")
        self._update()

    @property
    def controls(self) -> tuple:
        """The stack, the row and the column."""
        return (self.stack, self.row, self.col)

    def _size_controls(self):
        size, layers = STACKS[self.stack.value]
        last = stack_sizes(layers, size)[-1]
        with self.row.hold_trait_notifications(), self.col.hold_trait_notifications():
            for control in (self.row, self.col):
                control.value = min(control.value, last - 1)
                control.max = last - 1

    @shows_errors
    def _on_stack(self, change):
        self._size_controls()
        self._update()

    @shows_errors
    def _on_cell(self, change):
        self._update()

    def _update(self):
        size, layers = STACKS[self.stack.value]
        cell = (int(self.row.value), int(self.col.value))
        maps = dependency(layers, size, cell)
        parts = []
        for k, m in enumerate(maps):
            name = "input X" if k == 0 else (f"output Y of layer {k}" if k == len(maps) - 1 else f"layer {k}")
            caption = f"{name}: {m.shape[0]}×{m.shape[1]}"
            texts = {(r, c): "" for (r, c), v in np.ndenumerate(m) if v == 0}
            titles = {(r, c): f"{name}[{r},{c}]: {v} path{'s' if v != 1 else ''} to Y[{cell[0]},{cell[1]}]"
                      for (r, c), v in np.ndenumerate(m)}
            grid = Grid(np.where(m > 0, m, np.nan), caption, "X" if k == 0 else f"L{k}", texts=texts, titles=titles,
                        vmin=0, label=f"{caption}; cells that feed Y[{cell[0]},{cell[1]}] are framed")
            chosen = {tuple(rc) for rc in np.argwhere(m > 0)}
            parts.append(f'<div class="convlib-panel">{grid.render(window=chosen)}</div>')
        self._grids.value = ('<div style="display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start">'
                             + "".join(parts) + "</div>")
        rows, cols = np.nonzero(maps[0])
        side = int(rows.max() - rows.min() + 1)
        formula = receptive_field([(k, s, d) for k, s, d in layers])
        self.maps = maps
        self.text = (f"Y[{cell[0]},{cell[1]}] depends on a {side}×{side} block of input pixels: rows "
                     f"{rows.min()} to {rows.max()}, columns {cols.min()} to {cols.max()} "
                     f"(receptive_field gives {formula}). The numbers count the paths from each cell to "
                     f"Y[{cell[0]},{cell[1]}]: central pixels reach it in the most ways, up to {int(maps[0].max())}.")
        self._text.value = _status(html.escape(self.text))
        self.clear_error()

    def __repr__(self) -> str:
        return f"ReceptiveField: {self.stack.value}; " + (self.text.split(":")[0] if self.text else "")


def _loss_svg(losses: np.ndarray, k: int, width: int = 360, height: int = 150) -> str:
    """The loss on a log scale as an SVG line, step ``k`` marked with a dot and a dashed line."""
    finite = np.where(np.isfinite(losses) & (losses > 0), losses, np.nan)
    logs = np.log10(finite)
    lo, hi = float(np.nanmin(logs)), float(np.nanmax(logs))
    hi = hi if hi > lo else lo + 1
    left, bottom = 64, height - 24
    n = max(len(losses) - 1, 1)

    def xy(i, v):
        return left + (width - left - 8) * i / n, 8 + (bottom - 8) * (hi - v) / (hi - lo)

    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, v) for i, v in enumerate(logs) if np.isfinite(v)))
    mx, my = xy(k, logs[k] if np.isfinite(logs[k]) else hi)
    blue, mark = OKABE_ITO["blue"], OKABE_ITO["vermillion"]
    label = f"Loss against training step on a log scale; step {k} of {n}, loss {format_number(losses[k])}"
    return (f'<svg width="{width}" height="{height}" role="img" aria-label="{html.escape(label)}">'
            f'<line x1="{left}" y1="{bottom}" x2="{width - 8}" y2="{bottom}" stroke="black"/>'
            f'<line x1="{left}" y1="8" x2="{left}" y2="{bottom}" stroke="black"/>'
            f'<text x="{left - 4}" y="14" font-size="11" text-anchor="end">{format_number(10 ** hi)}</text>'
            f'<text x="{left - 4}" y="{bottom}" font-size="11" text-anchor="end">{format_number(10 ** lo)}</text>'
            f'<text x="{(left + width) / 2}" y="{height - 6}" font-size="11" text-anchor="middle">step (loss on a log '
            'scale)</text>'
            f'<polyline points="{points}" fill="none" stroke="{blue}" stroke-width="2"/>'
            f'<line x1="{mx:.1f}" y1="8" x2="{mx:.1f}" y2="{bottom}" stroke="{mark}" stroke-dasharray="4 3"/>'
            f'<circle cx="{mx:.1f}" cy="{my:.1f}" r="5" fill="{mark}"/></svg>')


class KernelSteps(ConvlibWidget):
    """A slider over the steps of gradient descent: the kernel learned so far, the target and the loss.

    Nothing is trained when the slider moves: every step was stored by
    :func:`~convlib.lessons.lesson07.examples.fit_kernel`, and the widget shows it.

    Parameters
    ----------
    fit : KernelFit

    Examples
    --------
    >>> from convlib.lessons.lesson07.examples import fit_kernel
    >>> ks = KernelSteps(fit_kernel(steps=10))
    >>> ks.go(10).text.startswith("Step 10 of 10")
    True
    """

    error_title = "Cannot show this step."

    def __init__(self, fit: KernelFit):
        if not isinstance(fit, KernelFit):
            msg = f"fit must be what examples.fit_kernel returns; received {type(fit).__name__}"
            raise TypeError(msg)
        self.fit = fit
        last = len(fit.kernels) - 1
        self.slider = w.IntSlider(value=0, min=0, max=last, description="Training step", style=_STYLE,
                                  layout=w.Layout(width="420px"))
        self.play, self.play_button, _ = play_controls(self.slider, interval=150,
                                                       tooltip="Play the training steps one after another")
        self.slider.observe(self._on_step, names="value")
        self._kernel = w.HTML()
        self._target = w.HTML(Grid(fit.target, "target: Sobel x", "T").render())
        self._curve = w.HTML()
        self._text = w.HTML()
        self.text = ""
        pictures = w.HBox([self._kernel, self._target, self._curve],
                          layout=w.Layout(flex_flow="row wrap", align_items="flex-start", grid_gap="16px"))
        super().__init__([w.HBox([self.play, self.play_button, self.slider]), pictures, self._text],
                         layout=w.Layout(padding="4px"))
        self.add_class("convlib-kernel-steps")
        self._show(0)

    @shows_errors
    def _on_step(self, change):
        self._show(int(change["new"]))

    def _show(self, k: int):
        fit = self.fit
        K = np.round(fit.kernels[k], 2)
        lim = float(np.abs(fit.target).max())
        self._kernel.value = Grid(K, f"learned K at step {k}", "K", vmin=-lim, vmax=lim).render()
        self._curve.value = _loss_svg(fit.losses, k)
        gap = float(np.abs(fit.kernels[k] - fit.target).max())
        self.text = (f"Step {k} of {len(fit.kernels) - 1}: loss {format_number(fit.losses[k])}; "
                     f"the largest difference from the target weight is {format_number(gap)}.")
        self._text.value = _status(html.escape(self.text))
        self.clear_error()

    def go(self, step: int) -> KernelSteps:
        """Move the slider to ``step`` (as a learner would) and return the widget."""
        self.slider.value = step
        return self

    def __repr__(self) -> str:
        return f"KernelSteps: {self.text}"


def _big(picture: np.ndarray, times: int) -> np.ndarray:
    """Each pixel as a ``times x times`` block, so a small map stays sharp on screen."""
    return np.kron(picture, np.ones((times, times)))


class FeatureMaps(ConvlibWidget):
    """Pick a test picture and see what each layer of the trained network makes of it.

    Shows the picture, the 8 maps after the first convolution and ReLU, the
    16 maps after the second, each map scaled by its own largest value
    (black 0, white the largest), and how sure the network is of each class.

    Parameters
    ----------
    net : SmallCNN
    x : array_like of shape (N, 1, 28, 28)
        The pictures to choose from.
    y : array_like of shape (N,)
        Their true classes.

    Examples
    --------
    >>> from convlib.lessons.lesson07.train import load_trained
    >>> from convlib.lessons.lesson07.data import make_shapes
    >>> x, y = make_shapes(4, seed=5)
    >>> fm = FeatureMaps(load_trained(), x, y)
    >>> fm.picture.value = 2
    >>> fm.text.split(";")[0] == f"Picture 2 is a {CLASSES[y[2]]}"
    True
    """

    error_title = "Cannot show this picture."

    def __init__(self, net, x, y):
        self.net, self.x, self.y = net, np.asarray(x), np.asarray(y)
        self.picture = w.IntSlider(value=0, min=0, max=len(self.x) - 1, description="Test picture",
                                   style=_STYLE, layout=w.Layout(width="420px"))
        self.picture.observe(self._on_pick, names="value")

        def image(tip, width):
            return TitledImage(format="png", tooltip=tip, layout=w.Layout(width=f"{width}px", height="auto"))

        self._input = image("The chosen picture", 112)
        self._maps1 = image("The 8 maps after the first convolution and ReLU", 340)
        self._maps2 = image("The 16 maps after the second convolution and ReLU", 340)
        self._probs = w.HTML()
        self.text = ""

        def column(title, child):
            return w.VBox([w.HTML(f"<b>{title}</b>"), child])

        panels = w.HBox([column("picture", self._input), column("layer 1: 8 maps, 28×28", self._maps1),
                         column("layer 2: 16 maps, 14×14", self._maps2), column("the network says", self._probs)],
                        layout=w.Layout(flex_flow="row wrap", align_items="flex-start", grid_gap="12px"))
        super().__init__([self.picture, panels], layout=w.Layout(padding="4px"))
        self.add_class("convlib-feature-maps")
        self._show(0)

    @shows_errors
    def _on_pick(self, change):
        self._show(int(change["new"]))

    def _show(self, k: int):
        maps = self.net.feature_maps(self.x[k])
        self._input.value = png_bytes(_big(np.clip((maps["input"][0] + 0.2) / 1.4, 0, 1), 4))
        self._maps1.value = png_bytes(_big(mosaic(maps["relu1"], per_row=4, own_scale=True), 2))
        self._maps2.value = png_bytes(_big(mosaic(maps["relu2"], per_row=8, own_scale=True), 3))
        probs = maps["probabilities"]
        guess, truth = int(np.argmax(probs)), int(self.y[k])
        rows = "".join(
            f'<tr><th scope="row" style="text-align:left">{name}</th><td>{p:.1%}</td>'
            f'<td><div style="width:{max(1, round(p * 100))}px;height:10px;background:{OKABE_ITO["blue"]}">'
            f"</div></td></tr>" for name, p in zip(CLASSES, probs, strict=True))
        verdict = "right" if guess == truth else "wrong"
        self.text = (f"Picture {k} is a {CLASSES[truth]}; the network says {CLASSES[guess]} "
                     f"({probs[guess]:.1%} sure): {verdict}.")
        self._probs.value = (f'<table aria-label="how sure the network is of each class">{rows}</table>'
                             + _status(html.escape(self.text)))
        self.clear_error()

    def __repr__(self) -> str:
        return f"FeatureMaps: {self.text}"
