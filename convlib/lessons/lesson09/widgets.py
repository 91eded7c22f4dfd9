"""The widget of lesson 09: where the FFT overtakes the direct method, as a slider over measured times."""

from __future__ import annotations

import html
from io import BytesIO

import ipywidgets as w
from matplotlib.figure import Figure

from ...widgets.base import ConvlibWidget, TitledImage, shows_errors
from . import speed
from .figures import plot_method_times

__all__ = ["FFTCrossover"]


class FFTCrossover(ConvlibWidget):
    """Where the FFT overtakes the direct method: a slider over measured times.

    convlib's methods are timed once, when the widget is made (about a
    second or two with the defaults; see :func:`convlib.lessons.lesson09.speed.measure_methods`).
    Moving the slider only moves the marker on the figure and rewrites one
    line of text, for example "k = 9 ... Measured: direct 3.4 ms, ... FFT
    1.2 ms: FFT is 2.9× faster than direct.  FFT beats direct from k = 7 on."

    Parameters
    ----------
    times : convlib.lessons.lesson09.speed.MethodTimes, optional
        Times measured already; by default measured now on a ``size x size``
        image for the kernel sizes ``ks``.
    k : int, default 9
        The kernel size shown first.
    size : int, default 256
    ks : sequence of int, default 1, 3, ..., 25
        Odd kernel sizes, evenly spaced (the slider's steps).
    repeat : int, default 5
        Measurements per method and kernel size (the shortest is shown).

    Notes
    -----
    The slider is an ``IntSlider`` (keyboard: arrow keys; its value is shown
    beside it).  The figure is a PNG in an ``ipywidgets.Image``, redrawn
    only when k changes; the text line under it says the same in words and
    is announced by screen readers.  Errors in a callback are shown inside
    the widget.

    Examples
    --------
    >>> from convlib.lessons.lesson09.speed import MethodTimes
    >>> t = MethodTimes(64, (1, 3, 5), ("direct", "fft"), [[1.0, 2.0, 4.0], [3.0, 3.0, 3.0]])
    >>> fx = FFTCrossover(t, k=3)
    >>> fx.slider.value = 5
    >>> fx.text.split(". Measured: ")[1]
    'direct 4.0 ms, FFT 3.0 ms: FFT is 1.3× faster than direct. FFT beats direct from k = 5 on.'
    """

    def __init__(self, times=None, *, k: int = 9, size: int = 256, ks=tuple(range(1, 26, 2)),
                 repeat: int = 5):
        if times is None:
            times = speed.measure_methods(size, ks, repeat=repeat)
        if not isinstance(times, speed.MethodTimes):
            msg = f"times must be a convlib.lessons.lesson09.speed.MethodTimes or None; received {type(times).__name__}"
            raise TypeError(msg)
        steps = {b - a for a, b in zip(times.ks, times.ks[1:], strict=False)}
        if len(steps) > 1:
            msg = f"the measured kernel sizes must be evenly spaced for the slider; received {times.ks}"
            raise ValueError(msg)
        self.times = times
        self.figure = Figure(figsize=(7.2, 3.9), dpi=100, layout="constrained")
        self.artists = plot_method_times(times, k=times.nearest(k), ax=self.figure.subplots())
        self.slider = w.IntSlider(value=times.nearest(k), min=times.ks[0], max=times.ks[-1],
                                  step=steps.pop() if steps else 1, description="Kernel size k",
                                  readout=True, continuous_update=True,
                                  style={"description_width": "initial"}, layout=w.Layout(width="420px"))
        self.image = TitledImage(format="png", layout=w.Layout(width="720px", max_width="100%", height="auto"))
        self.image.add_class("convlib-crossover-figure")
        self._status = w.HTML().add_class("convlib-status")
        self.text = ""
        self.slider.observe(self._on_k, names="value")
        super().__init__([self.slider, self.image, self._status],
                         layout=w.Layout(padding="4px"))
        self.add_class("convlib-crossover")
        self._draw(self.slider.value)

    @shows_errors
    def _on_k(self, change):
        self._draw(change["new"])

    def _draw(self, k: int):
        k = self.times.nearest(k)
        self.artists.marker.set_xdata([k, k])
        buf = BytesIO()
        self.figure.savefig(buf, format="png")
        self.image.value = buf.getvalue()
        self.text = self.times.summary(k)
        self.image.tooltip = ("Measured time against kernel size k for each method, log scale, with a "
                              f"marker at k = {k}. " + self.text)
        self._status.value = ('<div role="status" aria-live="polite" style="font-size:14px;line-height:1.5;'
                              f'max-width:720px">{html.escape(self.text)}</div>')
        self.clear_error()

    error_title = "Cannot show this kernel size."

    def __repr__(self) -> str:
        t = self.times
        return (f"FFTCrossover: {', '.join(t.methods)} timed on a {t.size}x{t.size} image for "
                f"k = {t.ks[0]}..{t.ks[-1]}; showing k = {self.slider.value}")
