"""The widget of lesson 04: a Gabor kernel with sliders, and its response on a texture scene and a photo."""

from __future__ import annotations

import html
import math
import time

import ipywidgets as w
import numpy as np

from ..._validate import as_array, as_choice, as_int, as_real
from ...data import sample_image, texture_scene
from ...kernels import gabor
from ...plot import png_bytes
from ...textures import filter_response, local_energy
from ...widgets.base import ConvlibWidget, TitledImage, shows_errors

__all__ = ["KERNEL_PIXELS", "SHOW", "GaborExplorer", "energy_sigma", "photo_512", "signed_picture"]

#: The kernel is drawn at least this many pixels wide (each weight a square of pixels).
KERNEL_PIXELS = 192

#: What the response pictures show, by the name the toggle shows.
SHOW = {"raw response": "response", "energy": "energy"}


def energy_sigma(wavelength: float) -> float:
    """The spread (pixels) of the average that turns a response into energy: half a wavelength, at least 1.5.

    The squared response ripples with a period of half a wavelength; a
    Gaussian of that spread flattens the ripple.

    Examples
    --------
    >>> energy_sigma(8), energy_sigma(2)
    (4.0, 1.5)
    """
    return max(1.5, as_real(wavelength, "wavelength", low=0, low_open=True) / 2)


def photo_512() -> np.ndarray:
    """Grace Hopper's portrait, grey, cropped to its middle 512 x 512 pixels (rows 44 to 555).

    Examples
    --------
    >>> photo_512().shape
    (512, 512)
    """
    return sample_image("grace_hopper")[44:556]


def _top(values: np.ndarray) -> float:
    """The 99.5th percentile of |values| on every second pixel (quick), or 1 for a blank picture."""
    top = float(np.percentile(np.abs(values[::2, ::2]), 99.5))
    return top if top > 0 else 1.0


def signed_picture(values, top: float | None = None) -> np.ndarray:
    """Signed values as grey in [0, 1]: mid-grey for 0, white for ``+top`` and beyond, black for ``-top``.

    Parameters
    ----------
    values : array_like of shape (H, W)
    top : float, optional
        The value drawn white; by default the 99.5th percentile of ``|values|``.

    Examples
    --------
    >>> signed_picture(np.array([[-2.0, 0.0, 1.0, 4.0]]), top=2.0).tolist()
    [[0.0, 0.5, 0.75, 1.0]]
    """
    v = np.asarray(as_array(values, "values", 2), dtype=float)
    top = _top(v) if top is None else as_real(top, "top", low=0, low_open=True)
    return np.clip(0.5 + 0.5 * v / top, 0.0, 1.0)


def _big(kernel: np.ndarray) -> np.ndarray:
    """The kernel as a picture at least KERNEL_PIXELS wide: mid-grey 0, each weight a block of pixels."""
    factor = max(1, math.ceil(KERNEL_PIXELS / kernel.shape[0]))
    lim = float(np.abs(kernel).max()) or 1.0
    return np.kron(signed_picture(kernel, lim), np.ones((factor, factor)))


class GaborExplorer(ConvlibWidget):
    """Turn the five knobs of a Gabor kernel and watch it find stripes in a scene and textures in a photo.

    Three pictures, updated in place:

    * **the kernel** ``gabor(θ, λ, σ, ψ, γ)``, mid-grey at 0, white for
      positive weights and black for negative ones;
    * **its response on a texture scene** (``texture_scene()``: stripes in
      four directions, with noise);
    * **its response on a photo** (Grace Hopper's portrait, 512 x 512).

    "raw response" shows the filter's output, mid-grey at 0 (it swings
    between white and black across matching stripes); "energy" shows the
    local average of its square (black where the filter finds nothing,
    white where it finds the most), averaged over a Gaussian of spread
    ``λ / 2`` (:func:`energy_sigma`).  Each picture is scaled to its own
    99.5th percentile.

    Parameters
    ----------
    photo : array_like of shape (H, W), optional
        A grey picture in [0, 1]; by default :func:`photo_512`.
    pattern : array_like of shape (H, W), optional
        By default the image of ``convlib.data.texture_scene()`` (192 x 192).
    theta : int, default 0
        Orientation in degrees, 0 to 180 in steps of 15.
    wavelength : int, default 8
        Pixels, 3 to 16.
    sigma : float, default 4.5
        Width of the bell in pixels, 1 to 8 in steps of 0.5.
    psi : int, default 0
        Phase in degrees, 0 to 180 in steps of 15.
    gamma : float, default 1
        Aspect ratio, 0.5 to 2 in steps of 0.25.
    show : {'response', 'energy'}, default 'response'
    width : int, default 300
        Width of each picture on screen, in pixels.

    Attributes
    ----------
    kernel : ndarray
        The current kernel.
    photo_response, pattern_response : ndarray
        What the pictures show, before scaling (response or energy).
    last_ms, photo_ms : float
        Python time of the last update, whole and for the photo alone
        (filter, energy if shown, scaling and PNG encoding), in milliseconds.

    Examples
    --------
    >>> ex = GaborExplorer(np.zeros((64, 64)), np.zeros((64, 64)))
    >>> ex.theta.value = 90
    >>> ex.kernel.shape, ex.error
    ((29, 29), '')
    """

    error_title = "Cannot show this Gabor filter."

    def __init__(self, photo=None, pattern=None, *, theta: int = 0, wavelength: int = 8, sigma: float = 4.5,
                 psi: int = 0, gamma: float = 1.0, show: str = "response", width: int = 300):
        self.photo = photo_512() if photo is None else np.asarray(as_array(photo, "photo", 2), dtype=float)
        self.pattern = (texture_scene().image if pattern is None
                        else np.asarray(as_array(pattern, "pattern", 2), dtype=float))
        for name, picture in (("photo", self.photo), ("pattern", self.pattern)):
            if min(picture.shape) < 16:
                msg = f"{name} must be at least 16 x 16 pixels; received shape {picture.shape}"
                raise ValueError(msg)
        self.last_ms = self.photo_ms = float("nan")
        self.kernel = self.photo_response = self.pattern_response = None
        style = {"description_width": "initial"}
        wide = w.Layout(width="320px")
        self.theta = w.IntSlider(value=as_int(theta, "theta", 0, 180), min=0, max=180, step=15,
                                 description="Orientation θ (°)", style=style, layout=wide)
        self.wavelength = w.IntSlider(value=as_int(wavelength, "wavelength", 3, 16), min=3, max=16, step=1,
                                      description="Wavelength λ (pixels)", style=style, layout=wide)
        self.sigma = w.FloatSlider(value=as_real(sigma, "sigma", low=1, high=8), min=1.0, max=8.0, step=0.5,
                                   description="Width σ (pixels)", readout_format=".1f", style=style,
                                   layout=wide)
        self.psi = w.IntSlider(value=as_int(psi, "psi", 0, 180), min=0, max=180, step=15,
                               description="Phase ψ (°)", style=style, layout=wide)
        self.gamma = w.FloatSlider(value=as_real(gamma, "gamma", low=0.5, high=2), min=0.5, max=2.0,
                                   step=0.25,
                                   description="Aspect γ", readout_format=".2f", style=style, layout=wide)
        self.show = w.ToggleButtons(options=list(SHOW.items()),
                                    value=as_choice(show, "show", tuple(SHOW.values())),
                                    description="Show", style={"description_width": "initial",
                                                               "button_width": "110px"},
                                    tooltips=["the filter's output: mid-grey 0, white positive, black "
                                              "negative",
                                              "the local average of the squared output: white where the "
                                              "filter finds its stripes"])
        self.controls = (self.theta, self.wavelength, self.sigma, self.psi, self.gamma, self.show)
        size = w.Layout(width=f"{int(width)}px", height="auto")
        self._kernel_img = TitledImage(format="png", layout=w.Layout(width="192px", height="auto"),
                                       tooltip="The Gabor kernel")
        self._pattern_img = TitledImage(format="png", layout=size, tooltip="Response on the texture scene")
        self._photo_img = TitledImage(format="png", layout=size, tooltip="Response on the photo")
        for img in (self._kernel_img, self._pattern_img, self._photo_img):
            img.add_class("convlib-photo")
        self._status = w.HTML().add_class("convlib-status")
        for control in self.controls:
            control.observe(self._on_change, names="value")

        def panel(title, image):
            return w.VBox([w.HTML(f"<b>{title}</b>"), image])

        self._titles = (w.HTML(), w.HTML())
        pictures = w.HBox([panel("Kernel K", self._kernel_img),
                           w.VBox([self._titles[0], self._pattern_img]),
                           w.VBox([self._titles[1], self._photo_img])],
                          layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        controls = w.HBox([w.VBox([self.theta, self.wavelength, self.sigma]),
                           w.VBox([self.psi, self.gamma, self.show])], layout=w.Layout(flex_flow="row wrap"))
        super().__init__([controls, pictures, self._status], layout=w.Layout(padding="4px"))
        self.add_class("convlib-gabor")
        self._update()

    @shows_errors
    def _on_change(self, change):
        self._update()

    def _picture(self, image: np.ndarray, lam: float, energy: bool) -> tuple[np.ndarray, bytes]:
        # The FFT: its cost hardly depends on the kernel (7 x 7 to 97 x 97 here), and a turned Gabor kernel is
        # rarely of low rank; 'auto' would choose it too, after an SVD of the kernel to find its rank.
        R = filter_response(image, self.kernel, method="fft")
        if energy:
            R = local_energy(R, energy_sigma(lam))
            return R, png_bytes(R / _top(R))
        return R, png_bytes(signed_picture(R))

    def _update(self):
        start = time.perf_counter()
        theta, lam = self.theta.value, self.wavelength.value
        sigma, psi, gamma = self.sigma.value, self.psi.value, self.gamma.value
        energy = self.show.value == "energy"
        K = gabor(theta, lam, sigma, psi, gamma)
        for name, picture in (("photo", self.photo), ("pattern", self.pattern)):
            if K.shape[0] > min(picture.shape):
                msg = (f"σ = {sigma:g} and γ = {gamma:g} make a kernel {K.shape[0]} pixels wide, wider than "
                       f"the {name} ({picture.shape[0]} x {picture.shape[1]}): lower the width σ or raise "
                       "the aspect γ")
                raise ValueError(msg)
        self.kernel = K
        self._kernel_img.value = png_bytes(_big(K))
        self.pattern_response, self._pattern_img.value = self._picture(self.pattern, lam, energy)
        photo_start = time.perf_counter()
        self.photo_response, self._photo_img.value = self._picture(self.photo, lam, energy)
        self.photo_ms = (time.perf_counter() - photo_start) * 1e3
        what = "energy" if energy else "raw response"
        self._titles[0].value = f"<b>{what.capitalize()} on the texture scene</b>"
        self._titles[1].value = f"<b>{what.capitalize()} on the photo</b>"
        stripes = (theta + 90) % 180
        kernel_words = (f"Gabor kernel {K.shape[0]}×{K.shape[1]}: a wave running at {theta}° (across stripes "
                        f"that run at {stripes}°), {lam} pixels from crest to crest, under a bell of width "
                        f"{sigma:g} (and {sigma / gamma:g} along the stripes), phase {psi}°")
        self._kernel_img.tooltip = kernel_words + "; mid-grey is 0, white positive, black negative"
        shade = ("white where the filter finds its stripes, black where it finds none" if energy
                 else "mid-grey 0, white positive, black negative")
        self._pattern_img.tooltip = f"The kernel's {what} on the texture scene: {shade}"
        self._photo_img.tooltip = f"The kernel's {what} on the photo: {shade}"
        self.last_ms = (time.perf_counter() - start) * 1e3
        self.text = (f"{kernel_words}. Showing the {what}"
                     + (f" (averaged by a Gaussian of spread {energy_sigma(lam):g} pixels)" if energy else "")
                     + f". Updated in {self.last_ms:.0f} ms (photo: {self.photo_ms:.0f} ms).")
        self._status.value = f'<div role="status" aria-live="polite">{html.escape(self.text)}</div>'
        self.clear_error()

    def __repr__(self) -> str:
        return (f"GaborExplorer: θ = {self.theta.value}°, λ = {self.wavelength.value}, "
                f"σ = {self.sigma.value:g}, "
                f"ψ = {self.psi.value}°, γ = {self.gamma.value:g}, showing the {self.show.label}")
