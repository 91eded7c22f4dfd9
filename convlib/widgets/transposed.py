"""The step-through of a transposed convolution: each input cell paints a scaled kernel onto the output.

A :class:`~convlib.widgets.StepThrough` whose steps are input cells, not
output cells: the slider, Play, Previous and Next and the steps drawn in
advance are the same; the trace comes from
:func:`convlib.transposed.transposed_trace` and each step's HTML from
:func:`convlib.html.transposed_parts`.
"""

from __future__ import annotations

import functools

import ipywidgets as w
import numpy as np

from ..html import transposed_parts
from ..palette import CMAP
from ..transposed import transposed_trace
from .stepper import StepThrough, _check_controls, _one_number

__all__ = ["TRANSPOSED_CONTROLS", "TRANSPOSED_RANGES", "TransposedStepThrough"]

#: Settings a lesson can show as sliders under a transposed convolution.
TRANSPOSED_CONTROLS = ("stride", "padding", "output_padding", "dilation")
#: Each slider's range, (lowest, highest).
TRANSPOSED_RANGES = {"stride": (1, 3), "padding": (0, 2), "output_padding": (0, 2), "dilation": (1, 2)}
_LABELS = {"stride": "Stride", "padding": "Padding", "output_padding": "Output padding", "dilation": "Dilation"}


class TransposedStepThrough(StepThrough):
    """Step through a single-channel transposed convolution, one input cell at a time.

    Each step frames one input cell, shows the kernel and its copy scaled by
    that cell's value, and adds the copy onto the output (the uncropped
    canvas, with the cells the padding cuts off hatched); the cells it
    paints are framed and marked with what they receive, and where copies
    overlap the numbers add up.

    Parameters
    ----------
    X : array_like of shape (H, W)
    K : array_like of shape (kh, kw)
    controls : iterable of str, optional
        Any of ``TRANSPOSED_CONTROLS``, shown as sliders over
        ``TRANSPOSED_RANGES``.
    interval, names, cmap
        As in :class:`~convlib.widgets.StepThrough`.
    **options
        stride, padding, dilation, output_padding, bias: passed to
        :func:`convlib.transposed.transposed_trace`.

    Examples
    --------
    >>> ts = TransposedStepThrough([[1, 2], [3, 4]], [[1, 1], [1, 1]], stride=2)
    >>> ts.go(2).current.equation()
    'X[0,1] = 2: adds 2×K to Y[0:2, 2:4]'
    >>> ts.controls == {}, ts.trace.output.shape
    (True, (4, 4))
    """

    def __init__(self, X, K, *, controls=(), interval: int = 800, names=("X", "K", "Y"), cmap: str = CMAP,
                 **options):
        self._range = None
        super().__init__(X, K, kind="conv", controls=controls, interval=interval, names=names, cmap=cmap,
                         **options)
        # a step-through like any other (class convlib-stepper: the page's buttons, the static site), whose
        # steps are input cells, not output cells: marked so that checks of output-cell walks can tell
        self.add_class("convlib-transposed-stepper")

    def _make_controls(self, names: tuple) -> dict:
        _check_controls(names, TRANSPOSED_CONTROLS, of="a transposed convolution")
        style = {"description_width": "initial"}
        made = {}
        for name in names:
            lo, hi = TRANSPOSED_RANGES[name]
            value = _one_number(self.options.get(name, lo), lo)
            made[name] = w.IntSlider(value=int(np.clip(value, lo, hi)), min=lo, max=hi, description=_LABELS[name],
                                     style=style)
            made[name].observe(functools.partial(self._on_setting, name), names="value")
        return made

    def _compute(self):
        t = transposed_trace(self.X, self.K, **self.options)
        every = np.stack([s.canvas for s in t.steps]).astype(float)
        self._range = (min(0.0, float(every.min())), max(0.0, float(every.max())))
        return t

    def _make_grids(self, t) -> tuple:
        return (None, None, None)

    def _parts(self, k: int) -> dict:
        return transposed_parts(self.trace, k, self.names, self.cmap, self._range)

    def _title(self, t) -> str:
        x, k, y = self.names
        (sh, _), (ph, _), (dh, _), (ah, _) = (t.options[n] for n in ("stride", "padding", "dilation",
                                                                       "output_padding"))
        n, kk = t.image.shape[0], t.kernel.shape[0]
        out = t.output.shape[0]
        words = [f"each cell of {x} adds a copy of {k}, scaled by its value, onto {y}; the copies are "
                 f"{sh} cell{'s' if sh > 1 else ''} apart and add up where they overlap"]
        if ph:
            words.append(f"then {ph} row{'s' if ph > 1 else ''} and column{'s' if ph > 1 else ''} are cut "
                         "off each edge (padding)")
        if ah:
            words.append(f"output padding adds {ah} at the bottom and right")
        rule = (f"rows of {y}: (n − 1)s − 2p + d(k − 1) + a + 1 = ({n} − 1)×{sh} − 2×{ph} + {dh}×({kk} − 1) + "
                f"{ah} + 1 = {out}")
        return f"<b>{self.formula}</b> (transposed convolution: {'; '.join(words)})<br>{rule}"

    @property
    def formula(self) -> str:
        """``'Y = X ⋆ᵀ K'``: a transposed convolution."""
        x, k, y = self.names
        return f"{y} = {x} ⋆ᵀ {k}"

    @property
    def error_title(self) -> str:
        """First words of an error message."""
        return "Cannot show this transposed convolution."

    def save_gif(self, path, **kwargs):
        """Not available for a transposed convolution: raises ValueError."""
        msg = "save_gif draws convolutions; this widget shows a transposed convolution"
        raise ValueError(msg)
