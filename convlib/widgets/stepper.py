"""The step-through widget: watch a kernel (or a pooling window) slide over an input, one step at a time.

This is the interaction layer.  It asks :mod:`convlib.walk` for the steps of a
convolution or a pooling and :mod:`convlib.html` for the pictures; it never
does the maths itself.  Every step is drawn once, in advance, and the page
itself shows the one the slider reads (:mod:`convlib.widgets.in_page`), so a
key press never waits for Python.
"""

from __future__ import annotations

import functools

import ipywidgets as w
import numpy as np

from ..conv import MODES, PAD_MODES, format_number
from ..html import Grid, equation_html, trace_grids, window_grid
from ..palette import CMAP
from ..walk import TRACE_KINDS, Trace, pool_trace, trace
from .base import NEEDS_KERNEL, SLIDER_NAMES_JS, ConvlibWidget, play_controls, shows_errors
from .in_page import STEP_BUTTONS_JS, STEP_IN_PLACE_JS, ends_css, switch_css

__all__ = ["CONTROLS", "CONV_CONTROLS", "MAX_SIDE", "POOL_CONTROLS", "PRERENDER_BYTES", "StepThrough"]

#: Settings a lesson can expose as controls under the grids.
CONTROLS = ("mode", "padding", "pad_mode", "stride", "dilation", "flip", "size", "kind", "count_include_pad")
#: The controls of a convolution.
CONV_CONTROLS = ("mode", "padding", "pad_mode", "stride", "dilation", "flip")
#: The controls of a pooling: 'size' is the window, 'kind' switches between max and average,
#: 'count_include_pad' counts padding cells in the mean.
POOL_CONTROLS = ("padding", "stride", "size", "kind", "count_include_pad")
#: What each kind of step-through computes, in symbols (``Y = X ⋆ K`` is written by the widget itself).
_POOL_FORMULA = {"max": "maxpool", "average": "avgpool"}

#: Largest padded input side the widget will draw cell by cell.
MAX_SIDE = 24

#: Largest total size of HTML drawn in advance for all steps of one widget.
#: Up to this size, every step is drawn once and the browser switches between
#: them itself (no round trip to Python: a key press shows the next step in
#: one frame); above it, each step is drawn by Python when it is shown.
PRERENDER_BYTES = 3_000_000

def _check_controls(names: tuple, allowed: tuple, of: str = "") -> None:
    """Refuse control names outside ``allowed``, naming what they would control (``of``) and the choices."""
    wrong = [n for n in names if n not in allowed]
    if wrong:
        listed = ", ".join(repr(c) for c in allowed)
        msg = f"controls{f' of {of}' if of else ''} must be chosen from {listed}; received {wrong!r}"
        raise ValueError(msg)


def _one_number(value, default: int) -> int:
    """A setting as one integer for a slider: ``2``, ``(2, 2)`` and ``((2, 2), (2, 2))`` give 2."""
    flat = np.ravel(np.asarray(value, dtype=object)) if value is not None else ()
    if len(flat) and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) and v == flat[0]
                         for v in flat):
        return int(flat[0])
    return default


class StepThrough(ConvlibWidget):
    """Step through a 2-D convolution or pooling with a slider, a Play button and the arithmetic.

    For a convolution, shows the (padded) input with the kernel's window
    framed and each kernel weight written in the corner of the cell it
    multiplies, the kernel, the output filled in up to the current step, and
    the sum of the products as one line, e.g.
    ``Y[0,1] = 2×0 + 3×1 + 5×1 + 6×0 = 8``.

    For a pooling (``kind='max'`` or ``'average'``), the middle grid is the
    current window instead of a kernel: the input with the window framed
    (the largest value of a max pooling framed thickly and marked ``max``),
    the window on its own, the output, and the line
    ``Y[0,1] = max(2, 3, 5, 6) = 6`` or ``Y[0,1] = mean(2, 3, 5, 6) = 16 / 4 = 4``.

    Parameters
    ----------
    X : array_like of shape (H, W), or a Trace
        The input; or a ready-made :class:`convlib.Trace` (from
        :func:`convlib.trace` or :func:`convlib.pool_trace`), shown as it is
        (its options become the widget's settings).
    K : array_like of shape (kh, kw), optional
        The kernel of a convolution; not given for a pooling.
    kind : {'conv', 'max', 'average'}, optional
        What to step through; by default 'conv' when ``K`` is given.
    controls : iterable of str, optional
        Settings to show as controls, any of ``CONTROLS``.  A convolution
        takes 'mode', 'padding', 'pad_mode', 'stride', 'dilation', 'flip'
        ('mode' and 'padding' cannot both be shown: each decides the
        padding); a pooling takes 'padding', 'stride', 'size' (the window),
        'kind' (max or average) and 'count_include_pad'.
    interval : int, default 800
        Milliseconds between steps when playing.
    names : (str, str, str), default ('X', 'K', 'Y')
        Letters used for the input, kernel and output.
    cmap : str, default 'cividis'
        Colour-blind-safe colour map for the cells.
    **options
        Passed to :func:`convlib.trace` (mode, padding, pad_mode, stride,
        dilation, bias, flip) or :func:`convlib.pool_trace` (size, stride,
        padding, count_include_pad; the stride follows the size when not
        given).

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
    >>> pw = StepThrough([[1, 2, 0, 3], [4, 6, 5, 1], [0, 2, 7, 8], [3, 1, 2, 4]], kind="max", size=2)
    >>> pw.go(2).current.equation()
    'Y[0,1] = max(0, 3, 5, 1) = 5'
    """

    # Steps drawn in advance change in the page alone; see _rebuild for the rest.
    works_without_kernel = True
    page_js = SLIDER_NAMES_JS + STEP_BUTTONS_JS + STEP_IN_PLACE_JS

    def __init__(self, X, K=None, *, kind: str | None = None, controls=(), interval: int = 800,
                 names=("X", "K", "Y"), cmap: str = CMAP, **options):
        given: Trace | None = None
        if isinstance(X, Trace):
            if K is not None or options or kind not in (None, X.kind):
                msg = ("a ready-made Trace already holds its kernel, kind and options: pass it alone, "
                       f"StepThrough(trace); received K={K!r}, kind={kind!r}, options {sorted(options)}")
                raise TypeError(msg)
            given, kind, K = X, X.kind, X.kernel
            options = {key: value for key, value in X.options.items() if value is not None}
            X = X.image
        if kind is None:
            if K is None:
                msg = ("StepThrough needs a kernel K for a convolution, or kind='max' or 'average' "
                       "for a pooling")
                raise TypeError(msg)
            kind = "conv"
        if kind not in TRACE_KINDS:
            msg = f"kind must be one of {', '.join(map(repr, TRACE_KINDS))}; received {kind!r}"
            raise ValueError(msg)
        if kind == "conv" and K is None:
            msg = "StepThrough needs a kernel K for kind='conv'"
            raise TypeError(msg)
        if kind != "conv" and K is not None:
            msg = f"a pooling has no kernel: for kind={kind!r} give the window as size=..., not K"
            raise TypeError(msg)
        self.X, self.K = X, K
        self.kind = kind
        self.names = tuple(names)
        self.cmap = cmap
        self.options = dict(options)
        self.trace: Trace | None = None
        self._given = given
        self._grids: tuple[Grid, Grid | None, Grid] | None = None
        self._taps: list = []

        # what is computed, in symbols and words: ⋆ cross-correlation, ∗ convolution (flip=True)
        self.title = w.HTML().add_class("convlib-title")
        self._steps = w.HTML().add_class("convlib-steps")
        self._kernel_html = ""
        self._ends = ""
        self.prerendered = False
        self.slider = w.IntSlider(value=1, min=1, max=1, description="Step",
                                  continuous_update=True, layout=w.Layout(width="320px"))
        self.slider.add_class("convlib-step-slider")
        # The ipywidgets Play runs the steps in the page, but its buttons are
        # icons with no text (no accessible name).  It stays, hidden, as the
        # timer; a ToggleButton with words is linked to it in the page.
        self.play, self.play_button, self._play_link = play_controls(self.slider, interval=interval)
        self.previous = w.Button(description="Previous", icon="step-backward", tooltip="Previous step",
                                 layout=w.Layout(width="auto"))
        self.next = w.Button(description="Next", icon="step-forward", tooltip="Next step",
                             layout=w.Layout(width="auto"))
        self.previous.add_class("convlib-previous")
        self.next.add_class("convlib-next")
        self.previous.on_click(self._on_previous)
        self.next.on_click(self._on_next)
        self.slider.observe(self._on_step, names="value")

        self.controls = self._make_controls(tuple(controls))
        buttons = w.HBox([self.play, self.play_button, self.previous, self.slider, self.next],
                         layout=w.Layout(align_items="center", flex_flow="row wrap"))
        self._buttons = buttons.add_class("convlib-buttons")
        children = [self.title, self._steps, buttons]
        if self.controls:
            # Changing a setting redraws the steps in Python.
            children.append(w.HBox(list(self.controls.values()), layout=w.Layout(flex_flow="row wrap"))
                            .add_class(NEEDS_KERNEL))
        super().__init__(children, layout=w.Layout(padding="4px"))
        self.add_class("convlib-stepper")
        self._rebuild()

    # -- settings --------------------------------------------------------
    def _make_controls(self, names: tuple) -> dict:
        _check_controls(names, CONTROLS)
        _check_controls(names, CONV_CONTROLS if self.kind == "conv" else POOL_CONTROLS,
                        of="a convolution" if self.kind == "conv" else "a pooling")
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
            made["padding"] = w.IntSlider(value=_one_number(o.get("padding"), 0), min=0, max=3,
                                          description="Padding", style=style)
        if "pad_mode" in names:
            made["pad_mode"] = w.Dropdown(options=list(PAD_MODES), value=o.get("pad_mode", "zero"),
                                          description="Padding fills with", style=style,
                                          layout=w.Layout(width="240px"))
        if "stride" in names:
            s = o.get("stride", 1 if self.kind == "conv" else o.get("size", 2))
            made["stride"] = w.IntSlider(value=_one_number(s, 1), min=1, max=3,
                                         description="Stride", style=style)
        if "dilation" in names:
            made["dilation"] = w.IntSlider(value=_one_number(o.get("dilation", 1), 1), min=1, max=3,
                                           description="Dilation", style=style)
        if "flip" in names:
            made["flip"] = w.Checkbox(value=bool(o.get("flip", False)),
                                      description="Flip the kernel (true convolution)", indent=False)
        if "size" in names:
            made["size"] = w.IntSlider(value=_one_number(o.get("size", 2), 2), min=1, max=4,
                                       description="Window size", style=style)
        if "kind" in names:
            made["kind"] = w.Dropdown(options=[("max pooling", "max"), ("average pooling", "average")],
                                      value=self.kind, description="Pooling", style=style,
                                      layout=w.Layout(width="220px"))
        if "count_include_pad" in names:
            made["count_include_pad"] = w.Checkbox(value=bool(o.get("count_include_pad", False)),
                                                   description="Count padding cells (as 0) in the mean",
                                                   indent=False)
        for name, control in made.items():
            control.observe(functools.partial(self._on_setting, name), names="value")
        return made

    @shows_errors
    def _on_setting(self, name, change):
        if name == "kind":
            self.kind = change["new"]
        else:
            self.options[name] = change["new"]
        if name == "padding":
            self.options.pop("mode", None)
        self._given = None
        self._rebuild()

    # -- computing ---------------------------------------------------------
    @shows_errors
    def _rebuild(self):
        """Recompute the steps and the grids after a change of settings."""
        t = self._compute()
        if max(t.padded.shape) > MAX_SIDE:
            msg = (f"X is too large to step through cell by cell: the padded input is "
                   f"{t.padded.shape[0]}x{t.padded.shape[1]}, and at most {MAX_SIDE}x{MAX_SIDE} "
                   f"is drawn; use a smaller input or correlate2d for pictures")
            raise ValueError(msg)
        self.trace = t
        self.title.value = self._title(t)
        self._grids = self._make_grids(t)
        if t.kind == "conv":
            kh, kw = t.applied.shape
            self._taps = [(i, j, format_number(t.applied[i, j])) for i in range(kh) for j in range(kw)]
            self._kernel_html = self._grids[1].render()
        n = len(t)
        first = self._step_html(0)
        self.prerendered = len(first) * n <= PRERENDER_BYTES
        self._ends = ends_css(n)
        for name in [c for c in self._buttons._dom_classes if c.startswith("convlib-total-")]:
            self._buttons.remove_class(name)
        self._buttons.add_class(f"convlib-total-{n}")
        if self.prerendered:
            steps = [first] + [self._step_html(k) for k in range(1, n)]
            self._steps.value = switch_css(n) + self._ends + "".join(
                f'<div class="convlib-step convlib-k{k}" data-k="{k}">{h}</div>' for k, h in enumerate(steps, 1))
            self.remove_class(NEEDS_KERNEL)
        else:
            self.add_class(NEEDS_KERNEL)  # each step is drawn by Python when shown
        k = min(self.slider.value, n)
        with self.slider.hold_trait_notifications():
            self.slider.max = n
            self.play.max = n
        self.clear_error()
        self._show(k - 1)

    def _compute(self):
        """The trace to show: the one given, or one computed from the input and the settings."""
        if self._given is not None:
            return self._given
        if self.kind == "conv":
            return trace(self.X, self.K, **self.options)
        return pool_trace(self.X, kind=self.kind, **self.options)

    def _make_grids(self, t) -> tuple:
        """The grids drawn once per trace (see :func:`convlib.html.trace_grids`)."""
        return trace_grids(t, self.names, self.cmap)

    def _title(self, t: Trace) -> str:
        """The line above the grids: the operation in symbols, then in words."""
        x, k, y = self.names
        if t.kind != "conv":
            (kh, kw), (sh, sw) = t.options["size"], t.options["stride"]
            size, stride = f"{kh}×{kw}", (f"{sh}" if sh == sw else f"{sh} rows and {sw} columns")
            what = ("the largest value" if t.kind == "max" else "the mean of the values")
            return (f"<b>{self.formula}</b> ({t.kind} pooling: each output cell is {what} in a {size} "
                    f"window of {x}; the window moves {stride} cells at a time)")
        flipped = bool(t.options.get("flip"))
        op = '<span style="font-size: 1.4em; line-height: 1">' + ("∗" if flipped else "⋆") + "</span>"
        words = ("convolution: the kernel is flipped, then slides" if flipped
                 else "cross-correlation: the kernel slides as it is")
        return f"<b>{y} = {x} {op} {k}</b> ({op} is {words})"

    def _pool_parts(self, k: int) -> dict:
        t, (gin, _, gout) = self.trace, self._grids
        s = t.steps[k]
        cells = [(r, c) for r in s.rows for c in s.cols]
        counted = [cell for cell, ok in zip(cells, s.counted.ravel(), strict=True) if ok]
        winner = None if s.winner is None else (s.rows[s.winner[0]], s.cols[s.winner[1]])
        return {
            "input": gin.render(counted, span=cells, strong=[] if winner is None else [winner],
                                marks={} if winner is None else {winner: "max"}),
            "kernel": window_grid(t, s, self.names, self.cmap),
            "output": gout.render(current=s.out_index, upto=k),
            "equation": equation_html(s, len(t), self.names[2]),
        }

    def _parts(self, k: int) -> dict:
        """The HTML of step ``k`` (0-based): input, kernel (or window), output and equation."""
        if self.trace.kind != "conv":
            return self._pool_parts(k)
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
        """The HTML shown for the current step, by part: 'input', 'kernel', 'output', 'equation'.

        For a pooling, 'kernel' is the current window.
        """
        return self._parts(self.slider.value - 1)

    def _show(self, k: int):
        """Show step ``k`` (0-based).

        With the steps drawn in advance, the page has already switched to the
        step (its script, or else its style rules, show the step the slider
        reads and dim Previous or Next at the ends); Python has nothing to do.
        Otherwise the one live step is redrawn.
        """
        if not self.prerendered:
            live = f'<div class="convlib-step convlib-live">{self._step_html(k)}</div>'
            self._steps.value = self._ends + live

    @property
    def error_title(self) -> str:
        """First words of an error message: what could not be shown."""
        return "Cannot show this convolution." if self.kind == "conv" else "Cannot show this pooling."

    # -- events ----------------------------------------------------------
    @shows_errors
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
            return f"{type(self).__name__} (not shown: {self.error})"
        return (f"{type(self).__name__}: {len(self.trace)} steps of {self.formula}, now at step "
                f"{self.slider.value}: {self.current.equation(self.names[2])}")

    @property
    def formula(self) -> str:
        """``'Y = X ⋆ K'`` (cross-correlation), ``'Y = X ∗ K'`` with the kernel flipped (convolution),
        ``'Y = maxpool(X)'`` or ``'Y = avgpool(X)'`` (pooling)."""
        x, k, y = self.names
        if self.kind != "conv":
            return f"{y} = {_POOL_FORMULA[self.kind]}({x})"
        flipped = bool((self.trace.options if self.trace is not None else self.options).get("flip"))
        return f"{y} = {x} {'∗' if flipped else '⋆'} {k}"

    @property
    def current(self):
        """The :class:`convlib.Step` (or :class:`convlib.PoolStep`) shown now."""
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
        Convolutions only: a pooling raises ``ValueError``.
        """
        from .. import animate

        if self.kind != "conv":
            msg = f"save_gif draws convolutions; this widget shows a {self.kind} pooling"
            raise ValueError(msg)

        return animate.save_gif(self.X, self.K, path, **{**self.options, **kwargs})
