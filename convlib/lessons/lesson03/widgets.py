"""The widget of lesson 03: gradients, directions and edge maps of a noisy photo, with sliders."""

from __future__ import annotations

import html
import time

import ipywidgets as w
import numpy as np

from ..._validate import as_array, as_choice, as_int, as_real
from ...data import sample_image
from ...edges import OPERATORS, edge_map, gradient_direction, gradient_magnitude, gradients, smooth
from ...plot import png_bytes
from ...widgets.base import ConvlibWidget, TitledImage, shows_errors
from .figures import draw_arrows, strongest_in_blocks

__all__ = ["MAGNITUDE_WHITE", "OPERATOR_LABELS", "EdgeExplorer"]

#: The names the widget's list shows for the operators of :data:`convlib.edges.OPERATORS`.
OPERATOR_LABELS = {"sobel": "Sobel", "prewitt": "Prewitt", "scharr": "Scharr",
                   "central": "central difference"}

#: Magnitude (brightness change per pixel) drawn white in the gradient picture; larger is clipped.
MAGNITUDE_WHITE = 0.25


def _shrink(picture: np.ndarray, factor: int, how: str) -> np.ndarray:
    """Make a picture ``factor`` times smaller for the screen: block means, or maxima (keep thin lines)."""
    if factor == 1:
        return picture
    h, w_ = (n // factor * factor for n in picture.shape)
    parts = [picture[r:h:factor, c:w_:factor] for r in range(factor) for c in range(factor)]
    if how == "max":
        return np.maximum.reduce(parts)
    return np.add.reduce([p.astype(float) for p in parts]) / len(parts)


class EdgeExplorer(ConvlibWidget):
    """Find the edges of a noisy photo: choose the operator, the noise, the blur and the threshold.

    Three pictures, updated in place:

    * **what the detector sees**: the photo with noise added (always the same
      noise, from a fixed seed), blurred by a Gaussian of spread σ;
    * **gradient**: its magnitude in grey (white = strong change) with
      orange arrows, outlined in black, pointing from dark to light on the
      strongest pixel of each tile whose magnitude is above the threshold;
    * **edge map**: white where the magnitude is above the threshold.

    Magnitudes are normalised (``gradients(..., normalize=True)``): they are
    brightness changes per pixel, for a photo with values from 0 to 1, so
    one threshold means the same with every operator.

    Parameters
    ----------
    image : array_like of shape (H, W), optional
        A grey picture with values in [0, 1], at least 20 x 20; by default
        Grace Hopper's portrait (600 x 512).
    operator : {'sobel', 'prewitt', 'scharr', 'central'}, default 'sobel'
    noise : float, default 0.1
        Standard deviation of the noise added, from 0 to 0.2.
    sigma : float, default 0
        Blur before the gradient, in pixels, from 0 to 3.
    threshold : float, default 0.1
        From 0 to 0.4.
    seed : int, default 3
        Seed of the noise.
    width : int, default 330
        Width of each picture on screen, in pixels.

    Attributes
    ----------
    last_ms : float
        Python time of the last update, in milliseconds.
    edges : ndarray of bool
        The current edge map.

    Examples
    --------
    >>> ex = EdgeExplorer(np.tile(np.repeat([0.0, 1.0], 12), (24, 1)), noise=0.0)
    >>> ex.threshold.value = 0.4
    >>> int(ex.edges.sum()), ex.error       # the two columns beside the step (magnitude 0.5)
    (48, '')
    """

    error_title = "Cannot find these edges."

    def __init__(self, image=None, *, operator: str = "sobel", noise: float = 0.1, sigma: float = 0.0,
                 threshold: float = 0.1, seed: int = 3, width: int = 330):
        X = sample_image("grace_hopper") if image is None else np.asarray(as_array(image, "image", 2), float)
        if min(X.shape) < 20:
            msg = f"image must be at least 20 x 20 pixels; received shape {X.shape}"
            raise ValueError(msg)
        self.image = X
        self._noise = np.random.default_rng(as_int(seed, "seed", 0)).standard_normal(X.shape)
        #: pictures are sent to the screen this many times smaller (about ``width`` pixels wide)
        self.shrink = max(1, round(X.shape[1] / int(width)))
        #: one arrow per tile of ``block x block`` pixels (of the full picture)
        self.block = max(8, round(min(X.shape) / 14))
        self.last_ms = float("nan")
        self.edges = np.zeros(X.shape, dtype=bool)
        self._gx = self._gy = self._seen = None
        style = {"description_width": "initial"}
        wide = w.Layout(width="330px")
        self.operator = w.Dropdown(options=[(OPERATOR_LABELS[k], k) for k in OPERATORS],
                                   value=as_choice(operator, "operator", tuple(OPERATORS)),
                                   description="Operator", style=style, layout=w.Layout(width="260px"))
        self.noise = w.FloatSlider(value=as_real(noise, "noise", low=0, high=0.2), min=0.0, max=0.2,
                                   step=0.05, description="Noise (std. dev.)", readout_format=".2f",
                                   style=style, layout=wide)
        self.sigma = w.FloatSlider(value=as_real(sigma, "sigma", low=0, high=3), min=0.0, max=3.0, step=0.5,
                                   description="Blur first, σ (pixels)", readout_format=".1f", style=style,
                                   layout=wide)
        self.threshold = w.FloatSlider(value=as_real(threshold, "threshold", low=0, high=0.4), min=0.0,
                                       max=0.4, step=0.01, description="Edge threshold", readout_format=".2f",
                                       style=style, layout=wide)
        size = w.Layout(width=f"{int(width)}px", height="auto")
        self._seen_img = TitledImage(format="png", layout=size,
                                 tooltip="What the detector sees: the photo with noise, blurred by σ")
        self._grad_img = TitledImage(format="png", layout=size,
                                 tooltip="Gradient magnitude in grey (white: strong change); orange "
                                         "arrows point from dark to light where the magnitude is above "
                                         "the threshold")
        self._edge_img = TitledImage(format="png", layout=size,
                                 tooltip="Edge map: white where the gradient magnitude is above the "
                                         "threshold")
        for img in (self._seen_img, self._grad_img, self._edge_img):
            img.add_class("convlib-photo")
        self._status = w.HTML().add_class("convlib-status")
        for control in (self.operator, self.noise, self.sigma):
            control.observe(self._on_gradient_setting, names="value")
        self.threshold.observe(self._on_threshold, names="value")

        def panel(title, image):
            return w.VBox([w.HTML(f"<b>{title}</b>"), image])

        pictures = w.HBox([panel("What the detector sees", self._seen_img),
                           panel("Gradient: magnitude and direction", self._grad_img),
                           panel("Edge map", self._edge_img)],
                          layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        controls = w.HBox([w.VBox([self.operator, self.noise]), w.VBox([self.sigma, self.threshold])],
                          layout=w.Layout(flex_flow="row wrap"))
        super().__init__([controls, pictures, self._status], layout=w.Layout(padding="4px"))
        self.add_class("convlib-edges")
        self._update(gradient=True)

    # -- callbacks --------------------------------------------------------
    @shows_errors
    def _on_gradient_setting(self, change):
        self._update(gradient=True)

    @shows_errors
    def _on_threshold(self, change):
        self._update(gradient=False)

    # -- drawing ----------------------------------------------------------
    def _compute(self):
        noise = as_real(self.noise.value, "noise", low=0, high=0.2)
        sigma = as_real(self.sigma.value, "sigma", low=0, high=3)
        seen = np.clip(self.image + noise * self._noise, 0.0, 1.0)
        if sigma > 0:
            seen = smooth(seen, sigma)    # the same blur as gradients(..., sigma=sigma), done once
        gx, gy = gradients(seen, self.operator.value, normalize=True)
        self._gx, self._gy = gx, gy
        self._mag = gradient_magnitude(gx, gy)
        self._seen = seen
        self._seen_img.value = png_bytes(_shrink(np.clip(seen, 0.0, 1.0), self.shrink, "mean"))

    def _update(self, *, gradient: bool):
        start = time.perf_counter()
        if gradient or self._gx is None:
            self._compute()
        t = as_real(self.threshold.value, "threshold", low=0, high=0.4)
        mag = self._mag
        self.edges = edge_map(mag, t)
        rows, cols, values = strongest_in_blocks(mag, self.block)
        keep = values > t
        rows, cols = rows[keep], cols[keep]
        angles = gradient_direction(self._gx[rows, cols], self._gy[rows, cols]) if rows.size else np.zeros(0)
        f = self.shrink
        shaded = np.clip(_shrink(mag, f, "max") / MAGNITUDE_WHITE, 0.0, 1.0)
        arrows = draw_arrows(shaded, rows // f, cols // f, angles, 0.75 * self.block / f)
        self._grad_img.value = png_bytes(arrows)
        self._edge_img.value = png_bytes(_shrink(self.edges, f, "max").astype(float))
        self.last_ms = (time.perf_counter() - start) * 1e3
        share = 100 * float(self.edges.mean())
        text = (f"{OPERATOR_LABELS[self.operator.value]}, noise {self.noise.value:.2f}, blur σ = "
                f"{self.sigma.value:g}: {share:.1f}% of the pixels are edges (magnitude above {t:.2f}; "
                f"the largest is {float(mag.max()):.2f}); {int(keep.sum())} arrows. "
                f"Updated in {self.last_ms:.0f} ms.")
        if not self.edges.any():
            text += " No pixel is above the threshold: lower it to see edges."
        self.text = text
        self._status.value = f'<div role="status" aria-live="polite">{html.escape(text)}</div>'
        self.clear_error()

    def __repr__(self) -> str:
        h, w_ = self.image.shape
        return (f"EdgeExplorer: {OPERATOR_LABELS[self.operator.value]} on a {h}x{w_} photo, noise "
                f"{self.noise.value:.2f}, σ = {self.sigma.value:g}, threshold {self.threshold.value:.2f}")
