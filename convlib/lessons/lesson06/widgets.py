"""The widget of lesson 06: what a convolutional layer holds and does, counted live as sliders move."""

from __future__ import annotations

import html
import time

import ipywidgets as w

from ..._validate import as_int
from ...cost import conv_layer, receptive_growth
from ...widgets.base import ConvlibWidget, shows_errors

__all__ = ["CHANNEL_CHOICES", "INPUT_SIZES", "LayerCounter"]

#: Input sides the widget offers (square pictures, pixels).
INPUT_SIZES = (8, 16, 32, 64, 128, 224)
#: Channel counts the widget offers, in and out.
CHANNEL_CHOICES = (1, 3, 4, 8, 16, 32, 64)


def _n(value: int) -> str:
    """A count with thousands separators: 1,792."""
    return f"{value:,}"


class LayerCounter(ConvlibWidget):
    """Output shape, parameters, multiply-adds and receptive field of a convolutional layer, live.

    Sliders set the layer (channels in and out, kernel size, stride,
    padding, dilation, bias) and the input's size, and how many such layers
    are stacked (the first takes the input's channels, the next ones take
    ``C_out``).  The text below says, for the first layer, each count with
    its formula and the numbers put in, then one row per layer.  Numbers
    come from :func:`convlib.cost.conv_layer` and
    :func:`convlib.cost.receptive_growth`.

    Parameters
    ----------
    size : int, default 32
        Input side, one of ``INPUT_SIZES``.
    c_in : int, default 3
    c_out : int, default 8
        Channel counts, from ``CHANNEL_CHOICES``.
    kernel_size : int, default 3
        From 1 to 7.
    stride : int, default 1
        From 1 to 3.
    padding : int, default 1
        From 0 to 3.
    dilation : int, default 1
        From 1 to 3.
    bias : bool, default True
    layers : int, default 1
        From 1 to 4.

    Attributes
    ----------
    text : str
        What the widget shows, as plain text.
    counts : list of LayerCounts
        One per layer of the stack, from the last good setting.
    last_ms : float
        Python time of the last update, in milliseconds.

    Examples
    --------
    >>> lc = LayerCounter(c_in=3, c_out=64, kernel_size=3, padding=1, size=224)
    >>> lc.counts[0].parameters, lc.counts[0].output_shape
    (1792, (64, 224, 224))
    >>> lc.kernel_size.value = 7
    >>> lc.counts[0].parameters
    9472
    """

    error_title = "Cannot count this layer."

    def __init__(self, *, size: int = 32, c_in: int = 3, c_out: int = 8, kernel_size: int = 3,
                 stride: int = 1, padding: int = 1, dilation: int = 1, bias: bool = True, layers: int = 1):
        style = {"description_width": "190px"}
        wide = w.Layout(width="400px")

        def choose(description, options, value):
            return w.SelectionSlider(options=list(options), value=value, description=description,
                                     continuous_update=True, style=style, layout=wide)

        self.size = choose("Input size (H = W)", INPUT_SIZES, size)
        self.c_in = choose("Channels in, C_in", CHANNEL_CHOICES, c_in)
        self.c_out = choose("Channels out (filters), C_out", CHANNEL_CHOICES, c_out)
        self.kernel_size = w.IntSlider(value=as_int(kernel_size, "kernel_size", 1, 7), min=1, max=7,
                                       description="Kernel size, k", style=style, layout=wide)
        self.stride = w.IntSlider(value=as_int(stride, "stride", 1, 3), min=1, max=3, description="Stride, s",
                                  style=style, layout=wide)
        self.padding = w.IntSlider(value=as_int(padding, "padding", 0, 3), min=0, max=3,
                                   description="Padding, p (each side)", style=style, layout=wide)
        self.dilation = w.IntSlider(value=as_int(dilation, "dilation", 1, 3), min=1, max=3,
                                    description="Dilation, d", style=style, layout=wide)
        self.layers = w.IntSlider(value=as_int(layers, "layers", 1, 4), min=1, max=4,
                                  description="Layers stacked", style=style, layout=wide)
        self.bias = w.Checkbox(value=bool(bias), description="One bias per filter", indent=False)
        self.controls = (self.size, self.c_in, self.c_out, self.kernel_size, self.stride, self.padding,
                         self.dilation, self.layers, self.bias)
        for control in self.controls:
            control.observe(self._on_change, names="value")
        self._out = w.HTML().add_class("convlib-counts")
        self.text = ""
        self.counts: list = []
        self.last_ms = float("nan")
        columns = w.HBox([w.VBox([self.size, self.c_in, self.c_out, self.layers, self.bias]),
                          w.VBox([self.kernel_size, self.stride, self.padding, self.dilation])],
                         layout=w.Layout(flex_flow="row wrap"))
        super().__init__([columns, self._out], layout=w.Layout(padding="4px"))
        self.add_class("convlib-layer-counter")
        self._update()

    @shows_errors
    def _on_change(self, change):
        self._update()

    def _stack(self) -> list:
        n, c_in, c_out = int(self.size.value), int(self.c_in.value), int(self.c_out.value)
        k, s, p, d = (int(c.value) for c in (self.kernel_size, self.stride, self.padding, self.dilation))
        counts, shape = [], (c_in, n, n)
        for index in range(int(self.layers.value)):
            try:
                layer = conv_layer(shape[1:], shape[0], c_out, k, stride=s, padding=p, dilation=d,
                                   bias=self.bias.value)
            except ValueError:
                span = d * (k - 1) + 1
                msg = (f"Layer {index + 1} does not fit: its {k}×{k} kernel with dilation {d} spans {span} "
                       f"pixels, but its input is {shape[1]} + 2×{p} padding = {shape[1] + 2 * p} pixels "
                       "wide. "
                       f"Lower Kernel size, Dilation or Layers stacked, or raise Padding or Input size.")
                raise ValueError(msg) from None
            counts.append(layer)
            shape = layer.output_shape
        return counts

    def _describe(self, counts) -> str:
        c_in, n = int(self.c_in.value), int(self.size.value)
        k, s, p, d = (int(c.value) for c in (self.kernel_size, self.stride, self.padding, self.dilation))
        first = counts[0]
        c_out, oh, ow = first.output_shape
        b = 1 if self.bias.value else 0
        span = d * (k - 1) + 1
        lines = [
            f"Layer 1: input {c_in}×{n}×{n}, {c_out} filters of {c_in}×{k}×{k}, stride {s}, padding {p}, "
            f"dilation {d}, {'with' if b else 'no'} bias",
            f"  output shape    ({c_out}, {oh}, {ow}):  floor(({n} + 2×{p} − {span}) / {s}) + 1 = {oh}, "
            f"where {span} = d(k − 1) + 1 is the kernel's span",
            f"  parameters      C_out × (C_in × k × k + {b}) = {c_out} × ({c_in} × {k} × {k} + {b}) = "
            f"{_n(first.parameters)}",
            f"  multiply-adds   C_out × OH × OW × C_in × k × k = {c_out} × {oh} × {ow} × {c_in} × {k} × {k} "
            "= "
            f"{_n(first.multiply_adds)}" + (f"  (+ {_n(first.bias_adds)} bias additions)" if b else ""),
            f"  receptive field {span}×{span} input pixels per output cell",
        ]
        growth = receptive_growth([(k, s, d)] * len(counts))
        if len(counts) > 1:
            lines += ["", f"{'layer':<6}{'input':>14}{'output':>14}{'parameters':>13}{'multiply-adds':>16}"
                          f"{'receptive field':>17}"]
            shape = (c_in, n, n)
            for index, (layer, (r, _)) in enumerate(zip(counts, growth, strict=True), 1):
                out = layer.output_shape
                lines.append(f"{index:<6}{'×'.join(map(str, shape)):>14}{'×'.join(map(str, out)):>14}"
                             f"{_n(layer.parameters):>13}{_n(layer.multiply_adds):>16}{f'{r}×{r}':>17}")
                shape = out
            lines.append(f"{'total':<6}{'':>28}{_n(sum(c.parameters for c in counts)):>13}"
                         f"{_n(sum(c.multiply_adds for c in counts)):>16}")
        return "\n".join(lines)

    def _update(self):
        start = time.perf_counter()
        counts = self._stack()
        text = self._describe(counts)
        self.counts, self.text = counts, text
        style = "font-size: 13px; line-height: 1.45; white-space: pre-wrap"
        self._out.value = f'<pre role="status" aria-live="polite" style="{style}">{html.escape(text)}</pre>'
        self.last_ms = (time.perf_counter() - start) * 1e3
        self.clear_error()

    def __repr__(self) -> str:
        return "LayerCounter: " + (self.text.splitlines()[0] if self.text else f"(not shown: {self.error})")
