"""The photo-filter widget: a named or typed-in kernel applied to a real photo at once."""

from __future__ import annotations

import time

import ipywidgets as w
import numpy as np

from .. import kernels as named
from .._validate import parse_matrix
from ..conv import format_number
from ..data import sample_image
from ..html import Grid
from ..kernels import filter_image
from ..palette import CMAP
from ..plot.photos import display_range, png_bytes
from .base import ConvlibWidget, TitledImage, shows_errors

__all__ = ["PhotoFilter"]


class PhotoFilter(ConvlibWidget):
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
        self.image = sample_image("grace_hopper", gray=False) if image is None else np.asarray(image, float)
        self.kernels = dict(named.KERNELS if kernels is None else kernels)
        if kernel not in self.kernels:
            listed = ", ".join(repr(k) for k in self.kernels)
            msg = f"kernel must be one of {listed}; received {kernel!r}"
            raise ValueError(msg)
        self.result = None
        self.last_ms = float("nan")
        layout = w.Layout(width=f"{width}px", height="auto")
        self._original = TitledImage(format="png", layout=layout,
                                     tooltip="The photo, unfiltered").add_class("convlib-photo")
        self._filtered = TitledImage(format="png", layout=layout,
                                     tooltip="The photo after the kernel").add_class("convlib-filtered")
        self._kernel_view = w.HTML().add_class("convlib-kernel")
        self._status = w.HTML().add_class("convlib-status")
        self.choice = w.Dropdown(options=list(self.kernels) + ["type your own"], value=kernel,
                                 description="Kernel", style={"description_width": "initial"})
        self.text = w.Textarea(value="0 -1 0; -1 5 -1; 0 -1 0", description="Your kernel",
                               placeholder="rows split by ;  e.g. 1 0 -1; 2 0 -2; 1 0 -1",
                               style={"description_width": "initial"},
                               layout=w.Layout(width="330px", height="70px", display="none"))
        self.choice.observe(self._on_change, names="value")
        self.text.observe(self._on_change, names="value")
        self._original.value = png_bytes(self.image)
        pictures = w.HBox([w.VBox([w.HTML("<b>Photo</b>"), self._original]),
                           w.VBox([w.HTML("<b>Filtered</b>"), self._filtered]),
                           w.VBox([self._kernel_view])],
                          layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        super().__init__([w.HBox([self.choice, self.text]), pictures, self._status])
        self.add_class("convlib-photofilter")
        self._apply()

    def _current_kernel(self):
        if self.choice.value == "type your own":
            return parse_matrix(self.text.value, "Your kernel")
        return np.asarray(self.kernels[self.choice.value])

    def _on_change(self, change):
        self.text.layout.display = "" if self.choice.value == "type your own" else "none"
        self._apply()

    @shows_errors
    def _apply(self):
        K = self._current_kernel()
        start = time.perf_counter()
        result = filter_image(self.image, K)
        self._filtered.value = png_bytes(display_range(result, K))
        self._filtered.tooltip = f"The photo filtered with the kernel {self.choice.value!r}"
        self.last_ms = (time.perf_counter() - start) * 1e3
        self.result = result
        grid = Grid(K, "Kernel", "K", cmap=self.cmap)
        self._kernel_view.value = grid.render()
        rule = ("the size of the response, so the strongest edges are brightest"
                if abs(float(np.sum(K))) < 1e-9 else "values clipped to the photo's range")
        self._status.value = (f'<span class="convlib-eq">{K.shape[0]}x{K.shape[1]} kernel, '
                              f"weights add up to {format_number(float(np.sum(K)))}; shown: {rule}; "
                              f"filtered and drawn in {self.last_ms:.0f} ms</span>")
        self.clear_error()

    cmap = CMAP

    def __repr__(self) -> str:
        h, w_ = self.image.shape[:2]
        return f"PhotoFilter: kernel {self.choice.value!r} on a {h}x{w_} photo"

    error_title = "Cannot use this kernel."
