"""The step-through widget: watch a kernel slide over an input, one product at a time.

This is the interaction layer.  It asks :mod:`convlib.conv` for the steps of a
convolution and :mod:`convlib.html` for the pictures; it never does the maths
itself.  Moving the slider picks step ``k`` from a list computed once and
swaps three small HTML tables and one line of text; nothing else is rebuilt.
"""

from __future__ import annotations

import functools
import html
import re
import traceback

import ipywidgets as w
import numpy as np

from .conv import MODES, PAD_MODES, Trace, format_number, trace
from .html import CSS, Grid, equation_html, trace_grids

__all__ = ["CONTROLS", "MAX_SIDE", "PhotoFilter", "StepThrough"]

#: Settings a lesson can expose as controls under the grids.
CONTROLS = ("mode", "padding", "pad_mode", "stride", "dilation", "flip")

#: Largest padded input side the widget will draw cell by cell.
MAX_SIDE = 24

#: Largest total size of HTML drawn in advance for all steps of one widget.
#: Up to this size, every step is drawn once and the browser switches between
#: them itself (no round trip to Python: a key press shows the next step in
#: one frame); above it, each step is drawn by Python when it is shown.
PRERENDER_BYTES = 3_000_000


def _shows_errors(method):
    """Run a callback; show any error inside the widget instead of losing it."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (ValueError, TypeError) as exc:
            self._show_error(str(exc))
        except Exception as exc:  # pragma: no cover - unexpected bugs still surface
            self._show_error(f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}")
        return None

    return wrapper


class _ShowsErrors:
    """The error area every convlib widget has: a message shown in place, and its plain text.

    A widget using it has an ``ipywidgets.HTML`` named ``_error`` and a
    class attribute ``_error_title``, the first words of its messages.
    """

    _error_title = "Cannot show this."

    def _show_error(self, message: str):
        self.add_class("convlib-stale")
        self._error.value = (f'<div class="convlib-error-box" role="alert"><b>{self._error_title}</b> '
                             f"{html.escape(message)}</div>")

    @property
    def error(self) -> str:
        """The message shown in the widget, as plain text ('' when none)."""
        return html.unescape(re.sub(r"<[^>]+>", "", self._error.value)).strip()


class StepThrough(_ShowsErrors, w.VBox):
    """Step through a 2-D convolution with a slider, a Play button and the arithmetic.

    Shows the (padded) input with the kernel's window framed and each kernel
    weight written in the corner of the cell it multiplies, the kernel, the
    output filled in up to the current step, and the sum of the products as
    one line, e.g. ``Y[0,1] = 2×0 + 3×1 + 5×1 + 6×0 = 8``.

    Parameters
    ----------
    X : array_like of shape (H, W)
        The input.
    K : array_like of shape (kh, kw)
        The kernel.
    controls : iterable of str, optional
        Settings to show as controls, any of ``CONTROLS``: 'mode',
        'padding', 'pad_mode', 'stride', 'dilation', 'flip'.  'mode' and
        'padding' cannot both be shown (each decides the padding).
    interval : int, default 800
        Milliseconds between steps when playing.
    names : (str, str, str), default ('X', 'K', 'Y')
        Letters used for the input, kernel and output.
    cmap : str, default 'cividis'
        Colour-blind-safe colour map for the cells.
    **options
        Passed to :func:`convlib.trace`: mode, padding, pad_mode, stride,
        dilation, bias, flip.

    Notes
    -----
    Bad settings do not raise: the message is shown inside the widget, so a
    learner can fix it with the controls.

    Examples
    --------
    >>> sw = StepThrough([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[0, 1], [1, 0]])
    >>> sw.slider.value = 2
    >>> sw.current.equation()
    'Y[0,1] = 2×0 + 3×1 + 5×1 + 6×0 = 8'
    """

    def __init__(self, X, K, *, controls=(), interval: int = 800, names=("X", "K", "Y"),
                 cmap: str = "cividis", **options):
        self.X, self.K = X, K
        self.names = tuple(names)
        self.cmap = cmap
        self.options = dict(options)
        self.trace: Trace | None = None
        self._grids: tuple[Grid, Grid, Grid] | None = None
        self._taps: list = []

        self._style = w.HTML(CSS)
        self._stack = w.Stack([w.HTML()], selected_index=0)
        self._link = None
        self._live: w.HTML | None = None
        self._kernel_html = ""
        self.prerendered = False
        self._error = w.HTML().add_class("convlib-error")
        self.slider = w.IntSlider(value=1, min=1, max=1, description="Step",
                                  continuous_update=True, layout=w.Layout(width="320px"))
        self.play = w.Play(value=1, min=1, max=1, interval=interval, description="Play",
                           show_repeat=False)
        w.jslink((self.play, "value"), (self.slider, "value"))
        self.previous = w.Button(description="Previous", icon="step-backward", tooltip="Previous step",
                                 layout=w.Layout(width="auto"))
        self.next = w.Button(description="Next", icon="step-forward", tooltip="Next step",
                             layout=w.Layout(width="auto"))
        self.previous.on_click(self._on_previous)
        self.next.on_click(self._on_next)
        self.slider.observe(self._on_step, names="value")

        self.controls = self._make_controls(tuple(controls))
        buttons = w.HBox([self.play, self.previous, self.slider, self.next],
                         layout=w.Layout(align_items="center", flex_flow="row wrap"))
        children = [self._style, self._stack, buttons, self._error]
        if self.controls:
            children.insert(3, w.HBox(list(self.controls.values()), layout=w.Layout(flex_flow="row wrap")))
        super().__init__(children, layout=w.Layout(padding="4px"))
        self.add_class("convlib-stepper")
        self._rebuild()

    # -- settings --------------------------------------------------------
    def _make_controls(self, names: tuple) -> dict:
        unknown = [n for n in names if n not in CONTROLS]
        if unknown:
            listed = ", ".join(repr(c) for c in CONTROLS)
            msg = f"controls must be chosen from {listed}; received {unknown!r}"
            raise ValueError(msg)
        if "mode" in names and "padding" in names:
            msg = "controls cannot contain both 'mode' and 'padding': each decides the padding; choose one"
            raise ValueError(msg)
        o = self.options
        style = {"description_width": "initial"}
        made = {}
        if "mode" in names:
            made["mode"] = w.Dropdown(options=list(MODES), value=o.get("mode", "valid"),
                                      description="Output mode", style=style, layout=w.Layout(width="190px"))
        if "padding" in names:
            p = o.get("padding") or 0
            made["padding"] = w.IntSlider(value=p if isinstance(p, int) else 0, min=0, max=3,
                                          description="Padding", style=style)
        if "pad_mode" in names:
            made["pad_mode"] = w.Dropdown(options=list(PAD_MODES), value=o.get("pad_mode", "zero"),
                                          description="Padding fills with", style=style,
                                          layout=w.Layout(width="240px"))
        if "stride" in names:
            s = o.get("stride", 1)
            made["stride"] = w.IntSlider(value=s if isinstance(s, int) else 1, min=1, max=3,
                                         description="Stride", style=style)
        if "dilation" in names:
            d = o.get("dilation", 1)
            made["dilation"] = w.IntSlider(value=d if isinstance(d, int) else 1, min=1, max=3,
                                           description="Dilation", style=style)
        if "flip" in names:
            made["flip"] = w.Checkbox(value=bool(o.get("flip", False)),
                                      description="Flip the kernel (true convolution)", indent=False)
        for name, control in made.items():
            control.observe(functools.partial(self._on_setting, name), names="value")
        return made

    @_shows_errors
    def _on_setting(self, name, change):
        self.options[name] = change["new"]
        if name == "padding":
            self.options.pop("mode", None)
        self._rebuild()

    # -- computing ---------------------------------------------------------
    @_shows_errors
    def _rebuild(self):
        """Recompute the steps and the grids after a change of settings."""
        t = trace(self.X, self.K, **self.options)
        if max(t.padded.shape) > MAX_SIDE:
            msg = (f"X is too large to step through cell by cell: the padded input is "
                   f"{t.padded.shape[0]}x{t.padded.shape[1]}, and at most {MAX_SIDE}x{MAX_SIDE} "
                   f"is drawn; use a smaller input or correlate2d for pictures")
            raise ValueError(msg)
        self.trace = t
        self._grids = trace_grids(t, self.names, self.cmap)
        kh, kw = t.applied.shape
        self._taps = [(i, j, format_number(t.applied[i, j])) for i in range(kh) for j in range(kw)]
        self._kernel_html = self._grids[1].render()
        n = len(t)
        first = self._step_html(0)
        self.prerendered = len(first) * n <= PRERENDER_BYTES
        if self.prerendered:
            views = [w.HTML(first)] + [w.HTML(self._step_html(k)) for k in range(1, n)]
            self._live = None
        else:
            self._live = w.HTML()
            views = [self._live]
        old = self._stack.children
        # index 0 is never shown: the slider counts steps from 1
        self._stack.children = [w.HTML(), *views]
        for view in old:
            view.close()
        if self.prerendered and self._link is None:
            self._link = w.jsdlink((self.slider, "value"), (self._stack, "selected_index"))
        elif not self.prerendered and self._link is not None:
            self._link.unlink()
            self._link = None
        k = min(self.slider.value, n)
        with self.slider.hold_trait_notifications():
            self.slider.max = n
            self.play.max = n
        self._error.value = ""
        self.remove_class("convlib-stale")
        self._show(k - 1)

    def _parts(self, k: int) -> dict:
        """The HTML of step ``k`` (0-based): input, kernel, output and equation."""
        t, (gin, _, gout) = self.trace, self._grids
        s = t.steps[k]
        window = {}
        for i, j, label in self._taps:
            window[s.rows[i], s.cols[j]] = label
        span = [(r, c) for r in range(s.rows[0], s.rows[-1] + 1) for c in range(s.cols[0], s.cols[-1] + 1)]
        return {
            "input": gin.render(window, weights=window, span=span),
            "kernel": self._kernel_html,
            "output": gout.render(current=s.out_index, upto=k),
            "equation": equation_html(s, len(t), self.names[2]),
        }

    def _step_html(self, k: int) -> str:
        p = self._parts(k)
        return (
            '<div class="convlib-grids">'
            f'<div class="convlib-input">{p["input"]}</div>'
            f'<div class="convlib-kernel">{p["kernel"]}</div>'
            f'<div class="convlib-output">{p["output"]}</div></div>'
            f'<div class="convlib-equation" role="status" aria-live="polite">{p["equation"]}</div>'
        )

    def parts(self) -> dict:
        """The HTML shown for the current step, by part: 'input', 'kernel', 'output', 'equation'."""
        return self._parts(self.slider.value - 1)

    def _show(self, k: int):
        """Show step ``k`` (0-based).

        With the steps drawn in advance, the browser has already switched to
        the step (the slider is linked to the stack of steps in the page);
        Python only keeps the buttons and its own copy of the index in step.
        Otherwise the one live view is redrawn.
        """
        if self.prerendered:
            self._stack.selected_index = k + 1
        else:
            self._live.value = self._step_html(k)
            self._stack.selected_index = 1
        self.previous.disabled = k == 0
        self.next.disabled = k == len(self.trace) - 1

    _error_title = "Cannot show this convolution."

    # -- events ----------------------------------------------------------
    @_shows_errors
    def _on_step(self, change):
        if self.trace is not None:
            self._show(change["new"] - 1)

    def _on_previous(self, _):
        self.slider.value = max(self.slider.min, self.slider.value - 1)

    def _on_next(self, _):
        self.slider.value = min(self.slider.max, self.slider.value + 1)

    # -- for lessons and tests ------------------------------------------
    def __repr__(self) -> str:
        if self.trace is None:
            return f"StepThrough (not shown: {self.error})"
        x, k, y = self.names
        return (f"StepThrough: {len(self.trace)} steps of {y} = {x} ⋆ {k}, now at step "
                f"{self.slider.value}: {self.current.equation(y)}")

    @property
    def current(self):
        """The :class:`convlib.Step` shown now."""
        return None if self.trace is None else self.trace.steps[self.slider.value - 1]

    def go(self, step: int):
        """Show step ``step`` (1-based, like the slider)."""
        self.slider.value = int(np.clip(step, self.slider.min, self.slider.max))
        return self

    def save_gif(self, path, **kwargs):
        """Write this convolution as an animated GIF, one frame per step.

        Uses the widget's input, kernel and current settings; ``kwargs``
        (fps, dpi, hold_last, or trace options) go to
        :func:`convlib.animate.save_gif`.  Returns the path written.
        """
        from . import animate

        return animate.save_gif(self.X, self.K, path, **{**self.options, **kwargs})


class PhotoFilter(_ShowsErrors, w.VBox):
    """Apply a named or typed-in kernel to a real photo and see the result at once.

    Shows the photo and the filtered photo side by side, the kernel's
    numbers as a grid, and how long the filter took.  A learner can pick
    a kernel from the list or type one (rows split by ``;``, numbers by
    spaces or commas); typed text is parsed, never evaluated.

    Parameters
    ----------
    image : array_like of shape (H, W) or (H, W, 3), optional
        Values in [0, 1]; by default the colour photo of Grace Hopper that
        ships with matplotlib.
    kernels : dict of str to array_like, optional
        The choices offered; by default :data:`convlib.kernels.KERNELS`.
    kernel : str, default 'edges: Sobel x'
        The choice shown first.
    width : int, default 340
        Width in pixels of each picture on screen.

    Examples
    --------
    >>> pf = PhotoFilter(np.ones((8, 8)), kernel="blur (box 3x3)")
    >>> pf.result.shape, round(float(pf.result.mean()), 6)
    ((8, 8), 1.0)
    """

    def __init__(self, image=None, kernels=None, *, kernel: str = "edges: Sobel x", width: int = 340):
        from . import kernels as named
        from .plot import sample_image

        self.image = sample_image("grace_hopper", gray=False) if image is None else np.asarray(image, float)
        self.kernels = dict(named.KERNELS if kernels is None else kernels)
        if kernel not in self.kernels:
            listed = ", ".join(repr(k) for k in self.kernels)
            msg = f"kernel must be one of {listed}; received {kernel!r}"
            raise ValueError(msg)
        self.result = None
        self.last_ms = float("nan")
        layout = w.Layout(width=f"{width}px", height="auto")
        self._original = w.Image(format="png", layout=layout).add_class("convlib-photo")
        self._filtered = w.Image(format="png", layout=layout).add_class("convlib-filtered")
        self._kernel_view = w.HTML().add_class("convlib-kernel")
        self._status = w.HTML().add_class("convlib-status")
        self._error = w.HTML().add_class("convlib-error")
        self.choice = w.Dropdown(options=list(self.kernels) + ["type your own"], value=kernel,
                                 description="Kernel", style={"description_width": "initial"})
        self.text = w.Textarea(value="0 -1 0; -1 5 -1; 0 -1 0", description="Your kernel",
                               placeholder="rows split by ;  e.g. 1 0 -1; 2 0 -2; 1 0 -1",
                               style={"description_width": "initial"},
                               layout=w.Layout(width="330px", height="70px", display="none"))
        self.choice.observe(self._on_change, names="value")
        self.text.observe(self._on_change, names="value")
        from .plot import png_bytes

        self._original.value = png_bytes(self.image)
        pictures = w.HBox([w.VBox([w.HTML("<b>Photo</b>"), self._original]),
                           w.VBox([w.HTML("<b>Filtered</b>"), self._filtered]),
                           w.VBox([self._kernel_view])],
                          layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        super().__init__([w.HTML(CSS), w.HBox([self.choice, self.text]), pictures, self._status,
                          self._error])
        self.add_class("convlib-photofilter")
        self._apply()

    def _current_kernel(self):
        from ._validate import parse_matrix

        if self.choice.value == "type your own":
            return parse_matrix(self.text.value, "Your kernel")
        return np.asarray(self.kernels[self.choice.value])

    def _on_change(self, change):
        self.text.layout.display = "" if self.choice.value == "type your own" else "none"
        self._apply()

    @_shows_errors
    def _apply(self):
        import time

        from .kernels import filter_image
        from .plot import display_range, png_bytes

        K = self._current_kernel()
        start = time.perf_counter()
        result = filter_image(self.image, K)
        self._filtered.value = png_bytes(display_range(result, K))
        self.last_ms = (time.perf_counter() - start) * 1e3
        self.result = result
        grid = Grid(K, "Kernel", "K", cmap=self.cmap)
        self._kernel_view.value = grid.render()
        rule = ("the size of the response, so the strongest edges are brightest"
                if abs(float(np.sum(K))) < 1e-9 else "values clipped to the photo's range")
        self._status.value = (f'<span class="convlib-eq">{K.shape[0]}x{K.shape[1]} kernel, '
                              f"weights add up to {format_number(float(np.sum(K)))}; shown: {rule}; "
                              f"filtered and drawn in {self.last_ms:.0f} ms</span>")
        self._error.value = ""
        self.remove_class("convlib-stale")

    cmap = "cividis"

    def __repr__(self) -> str:
        h, w_ = self.image.shape[:2]
        return f"PhotoFilter: kernel {self.choice.value!r} on a {h}x{w_} photo"

    _error_title = "Cannot use this kernel."


class FFTCrossover(_ShowsErrors, w.VBox):
    """Where the FFT overtakes the direct method: a slider over measured times.

    convlib's methods are timed once, when the widget is made (about a
    second or two with the defaults; see :func:`convlib.speed.measure_methods`).
    Moving the slider only moves the marker on the figure and rewrites one
    line of text, for example "k = 9 ... Measured: direct 3.4 ms, ... FFT
    1.2 ms: FFT is 2.9× faster than direct.  FFT beats direct from k = 7 on."

    Parameters
    ----------
    times : convlib.speed.MethodTimes, optional
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
    >>> from convlib.speed import MethodTimes
    >>> t = MethodTimes(64, (1, 3, 5), ("direct", "fft"), [[1.0, 2.0, 4.0], [3.0, 3.0, 3.0]])
    >>> fx = FFTCrossover(t, k=3)
    >>> fx.slider.value = 5
    >>> fx.text.split(". Measured: ")[1]
    'direct 4.0 ms, FFT 3.0 ms: FFT is 1.3× faster than direct. FFT beats direct from k = 5 on.'
    """

    def __init__(self, times=None, *, k: int = 9, size: int = 256, ks=tuple(range(1, 26, 2)),
                 repeat: int = 5):
        from matplotlib.figure import Figure

        from . import speed
        from .plot import plot_method_times

        if times is None:
            times = speed.measure_methods(size, ks, repeat=repeat)
        if not isinstance(times, speed.MethodTimes):
            msg = f"times must be a convlib.speed.MethodTimes or None; received {type(times).__name__}"
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
        self.image = w.Image(format="png", layout=w.Layout(width="720px", max_width="100%", height="auto"))
        self.image.add_class("convlib-crossover-figure")
        self._status = w.HTML().add_class("convlib-status")
        self._error = w.HTML().add_class("convlib-error")
        self.text = ""
        self.slider.observe(self._on_k, names="value")
        super().__init__([w.HTML(CSS), self.slider, self.image, self._status, self._error],
                         layout=w.Layout(padding="4px"))
        self.add_class("convlib-crossover")
        self._draw(self.slider.value)

    @_shows_errors
    def _on_k(self, change):
        self._draw(change["new"])

    def _draw(self, k: int):
        from io import BytesIO

        k = self.times.nearest(k)
        self.artists.marker.set_xdata([k, k])
        buf = BytesIO()
        self.figure.savefig(buf, format="png")
        self.image.value = buf.getvalue()
        self.text = self.times.summary(k)
        self._status.value = ('<div role="status" aria-live="polite" style="font-size:14px;line-height:1.5;'
                              f'max-width:720px">{html.escape(self.text)}</div>')
        self._error.value = ""
        self.remove_class("convlib-stale")

    _error_title = "Cannot show this kernel size."

    def __repr__(self) -> str:
        t = self.times
        return (f"FFTCrossover: {', '.join(t.methods)} timed on a {t.size}x{t.size} image for "
                f"k = {t.ks[0]}..{t.ks[-1]}; showing k = {self.slider.value}")


__all__ += ["FFTCrossover"]  # noqa: PLE0605 - kept next to the class it names
