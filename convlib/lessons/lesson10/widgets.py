"""The widgets of lesson 10: a live count of a depthwise-separable layer, and a window stepping along a signal."""

from __future__ import annotations

import html
import io

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure

from ..._validate import as_array, as_choice, as_int
from ...conv import format_number
from ...conv1d import trace1d
from ...cost import separable_layer
from ...widgets.base import ConvlibWidget, TitledImage, play_controls, shows_errors
from .examples import FILTERS, make_signal
from .figures import draw_window_1d

__all__ = ["CHANNEL_CHOICES", "IMAGE_SIZES", "KERNEL_SIZES", "SeparableCounter", "SignalStepper"]

#: Channel counts offered, in and out.
CHANNEL_CHOICES = (3, 8, 16, 32, 64, 128, 256, 512)
#: Image sides offered (square, pixels).
IMAGE_SIZES = (7, 14, 28, 56, 112, 224)
#: Kernel sizes offered: odd, so that padding k // 2 keeps the size.
KERNEL_SIZES = (1, 3, 5, 7)


def _n(value: int) -> str:
    return f"{value:,}"


class SeparableCounter(ConvlibWidget):
    """Parameters and multiply-adds of a depthwise-separable layer against a full convolution, live.

    Both layers take ``C_in`` channels of ``H x H`` pixels to ``C_out``
    channels of the same size (stride 1, padding ``k // 2``, no bias).
    Numbers come from :func:`convlib.cost.separable_layer`.

    Parameters
    ----------
    c_in, c_out : int, default 32 and 64
        From ``CHANNEL_CHOICES``.
    kernel_size : int, default 3
        From ``KERNEL_SIZES``.
    size : int, default 112
        From ``IMAGE_SIZES``.

    Attributes
    ----------
    counts : SeparableCounts
    text : str
        What the widget shows, as plain text.

    Examples
    --------
    >>> sc = SeparableCounter()
    >>> sc.counts.parameters, sc.counts.full.parameters
    (2336, 18432)
    >>> sc.c_out.value = 128; sc.counts.parameters
    4384
    """

    error_title = "Cannot count this layer."

    def __init__(self, *, c_in: int = 32, c_out: int = 64, kernel_size: int = 3, size: int = 112):
        style = {"description_width": "170px"}
        wide = w.Layout(width="430px")

        def choose(description, options, value, name):
            if value not in options:
                msg = f"{name} must be one of {', '.join(map(str, options))}; received {value!r}"
                raise ValueError(msg)
            return w.SelectionSlider(options=list(options), value=value, description=description,
                                     continuous_update=True, style=style, layout=wide)

        self.c_in = choose("Channels in, C_in", CHANNEL_CHOICES, c_in, "c_in")
        self.c_out = choose("Channels out, C_out", CHANNEL_CHOICES, c_out, "c_out")
        self.kernel_size = choose("Kernel size, k", KERNEL_SIZES, kernel_size, "kernel_size")
        self.size = choose("Image size (H = W)", IMAGE_SIZES, size, "size")
        self.controls = (self.c_in, self.c_out, self.kernel_size, self.size)
        for control in self.controls:
            control.observe(self._on_change, names="value")
        self._out = w.HTML().add_class("convlib-counts")
        self.text = ""
        self.counts = None
        super().__init__([w.VBox(list(self.controls)), self._out], layout=w.Layout(padding="4px"))
        self._update()

    @shows_errors
    def _on_change(self, change):
        self._update()

    def _update(self):
        ci, co, k, n = (int(c.value) for c in self.controls)
        s = separable_layer((n, n), ci, co, k, padding=k // 2, bias=False)
        f = s.full
        _, oh, ow = f.output_shape
        lines = [
            f"Input {ci}×{n}×{n}, output {co}×{oh}×{ow}, {k}×{k} kernels, weights only (no bias)",
            "",
            "Full convolution",
            f"  parameters     C_out × C_in × k × k = {co} × {ci} × {k} × {k} = {_n(f.parameters)}",
            f"  multiply-adds  weights × OH × OW = {_n(f.parameters)} × {oh} × {ow} = {_n(f.multiply_adds)}",
            "Depthwise-separable: depthwise k × k on each channel, then 1×1 across channels",
            f"  parameters     C_in × k × k + C_in × C_out = {ci} × {k} × {k} + {ci} × {co} = "
            f"{_n(s.depthwise.parameters)} + {_n(s.pointwise.parameters)} = {_n(s.parameters)}",
            f"  multiply-adds  weights × OH × OW = {_n(s.parameters)} × {oh} × {ow} = {_n(s.multiply_adds)}",
            "",
            f"Separable / full = {s.multiply_adds / f.multiply_adds:.3f} "
            f"(= 1/C_out + 1/k² = 1/{co} + 1/{k * k}): {f.multiply_adds / s.multiply_adds:.1f} times fewer "
            "multiply-adds and parameters",
        ]
        self.counts, self.text = s, "\n".join(lines)
        style = "font-size: 13px; line-height: 1.45; white-space: pre-wrap"
        self._out.value = f'<pre role="status" aria-live="polite" style="{style}">{html.escape(self.text)}</pre>'
        self.clear_error()

    def __repr__(self) -> str:
        return "SeparableCounter: " + (self.text.splitlines()[-1] if self.text else f"(not shown: {self.error})")


class SignalStepper(ConvlibWidget):
    """A 1-D filter's window stepping along a signal: a slider picks the output sample, a menu the filter.

    The top plot shows the signal (padding as hollow zeros) with the
    samples the window reads framed; the bottom one the output up to the
    current sample; the line under them writes out its sum.  The steps
    come from :func:`convlib.trace1d`, so they equal
    :func:`convlib.correlate1d`.

    Parameters
    ----------
    x : array_like of shape (N,), optional
        The signal; by default ``make_signal()``.
    filter : str, default 'moving average (5)'
        One of ``FILTERS``.
    n : int, default 0
        The output sample shown first.

    Examples
    --------
    >>> ss = SignalStepper(filter="difference", n=3)
    >>> ss.equation
    'y[3] = x[2]×(−1) + x[3]×1 = -0.19 + 0.49 = 0.3'
    """

    error_title = "Cannot show this filter."

    def __init__(self, x=None, *, filter: str = "moving average (5)", n: int = 0, interval: int = 400):
        self.x = make_signal() if x is None else as_array(x, "x", 1).astype(float)
        as_choice(filter, "filter", tuple(FILTERS))
        self.filter = w.Dropdown(options=list(FILTERS), value=filter, description="Filter",
                                 layout=w.Layout(width="320px"))
        self.slider = w.IntSlider(value=0, min=0, max=1, description="Output sample n", continuous_update=True,
                                  style={"description_width": "initial"}, layout=w.Layout(width="420px"))
        self.play, self.play_button, _ = play_controls(self.slider, interval=interval,
                                                        tooltip="Move the window one sample at a time")
        self.image = TitledImage(format="png", layout=w.Layout(width="720px", height="auto"))
        self._equation = w.HTML()
        self.equation = ""
        # fixed margins: a layout engine would take as long as the drawing itself, at every step
        self._fig = Figure(figsize=(9, 4.2), dpi=80)
        self._fig.subplots_adjust(left=0.06, right=0.98, top=0.93, bottom=0.11, hspace=0.32)
        self._axes = self._fig.subplots(2, 1, sharex=True)
        self.trace = None
        self.filter.observe(self._on_filter, names="value")
        self.slider.observe(self._on_step, names="value")
        row = w.HBox([self.filter, self.play, self.play_button, self.slider],
                     layout=w.Layout(flex_flow="row wrap", align_items="center"))
        super().__init__([row, self.image, self._equation], layout=w.Layout(padding="4px"))
        self._retrace()
        self.slider.value = int(np.clip(as_int(n, "n", 0), 0, self.slider.max))
        self._draw()

    @shows_errors
    def _on_filter(self, change):
        self._retrace()
        self._draw()

    @shows_errors
    def _on_step(self, change):
        self._draw()

    def _retrace(self):
        f = FILTERS[self.filter.value]
        self.trace = trace1d(self.x, f.kernel, mode=f.mode)
        last = len(self.trace) - 1
        with self.slider.hold_trait_notifications():
            self.slider.max = last
            self.play.max = last
            if self.slider.value > last:
                self.slider.value = last

    def _draw(self):
        t, n = self.trace, int(self.slider.value)
        step = t.steps[n]
        left = t.padding[1][0]
        kernel = t.applied[0]
        out = t.output[0]
        draw_window_1d(self.x, kernel, out, n, step.top_left[1], t.padding[1], self._axes)
        buf = io.BytesIO()
        self._fig.savefig(buf, format="png")
        self.image.value = buf.getvalue()
        terms = []
        for j, k in zip(step.cols, kernel, strict=True):
            weight = format_number(k)
            terms.append(f"x[{j - left}]×{'(' + weight.replace('-', '−') + ')' if k < 0 else weight}")
        values = " + ".join(format_number(v) for v in step.products.ravel())
        self.equation = f"y[{n}] = " + " + ".join(terms) + f" = {values} = {format_number(step.value)}"
        self._equation.value = (f'<div class="convlib-eq" role="status" aria-live="polite">'
                                f"{html.escape(self.equation)}</div>")
        self.image.tooltip = (f"Top: the signal x, {len(self.x)} samples, with the {len(kernel)} samples "
                              f"x[{step.cols[0] - left}] to x[{step.cols[-1] - left}] framed. Bottom: the "
                              f"output y up to y[{n}] = {format_number(step.value)}.")
        self.clear_error()

    def __repr__(self) -> str:
        return f"SignalStepper: {self.filter.value}, {self.equation}"
