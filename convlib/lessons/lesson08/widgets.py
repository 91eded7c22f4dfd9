"""The step-by-step widgets of lesson 08: selfie smoothing, the barcode finder's stages, motion in frames.

(The photo-filter playground is in :mod:`~convlib.lessons.lesson08.playground`.)
Each widget computes what a slider cannot change once, keeps it, and on a
slider's move only re-thresholds or picks a stored stage, then sends PNG
pictures (:class:`convlib.widgets.TitledImage`).
"""

from __future__ import annotations

import html
import time

import ipywidgets as w
import numpy as np

from ..._validate import as_array, as_int, as_real
from ...data import sample_image
from ...edges import smooth
from ...plot import png_bytes
from ...widgets import ConvlibWidget, TitledImage, shows_errors
from .figures import FOUND_COLOUR, TRUE_COLOUR, draw_boxes
from .pipelines import (
    BARCODE_SIGMA,
    BARCODE_THRESHOLD,
    CB_RANGE,
    CR_RANGE,
    MIN_AREA,
    MOTION_SIGMA,
    MOTION_THRESHOLD,
    bounding_box,
    box_iou,
    label_regions,
    largest_region,
    skin_mask,
)
from .scenes import barcode_scene, motion_frames

__all__ = ["BARCODE_STAGES", "MOTION_STAGES", "BarcodeFinder", "MotionDetector", "SelfieSmoother"]

#: The stages the barcode finder's slider walks through, in order.
BARCODE_STAGES = ("1 scene", "2 |gx| − |gy|", "3 blurred", "4 threshold", "5 largest region")
#: The stages the motion detector's slider walks through, in order.
MOTION_STAGES = ("1 frame", "2 difference", "3 blurred", "4 threshold")


def _panel(title: str, picture) -> w.VBox:
    return w.VBox([w.HTML(f"<b>{html.escape(title)}</b>"), picture])


def _picture(width: int, tooltip: str) -> TitledImage:
    return TitledImage(format="png", layout=w.Layout(width=f"{int(width)}px", height="auto"),
                       tooltip=tooltip).add_class("convlib-photo")


def _status(widget, text: str) -> None:
    widget.text = text
    widget._status.value = f'<div role="status" aria-live="polite">{html.escape(text)}</div>'


def _scaled(values: np.ndarray) -> np.ndarray:
    top = float(values.max())
    return values / top if top > 0 else np.zeros_like(values)


class SelfieSmoother(ConvlibWidget):
    """Smooth only the skin-like pixels of a photo, and blend with the original.

    Three pictures: the photo, the mask (white where the colour rule of
    :func:`~convlib.lessons.lesson08.pipelines.skin_mask` says "skin-like")
    and the result, ``photo + strength * soft mask * (blurred - photo)``.

    Parameters
    ----------
    image : array_like of shape (H, W, 3), optional
        Values in [0, 1], at least 16 x 16; by default Grace Hopper's portrait.
    strength : float, default 0.8
        From 0 to 1 in steps of 0.1.
    sigma : float, default 3
        The blur's spread in pixels, from 1 to 6 in steps of 1.
    width : int, default 250

    Examples
    --------
    >>> photo = np.full((20, 20, 3), (0.87, 0.67, 0.55))     # one skin-like colour
    >>> s = SelfieSmoother(photo)
    >>> round(s.share, 2), s.error
    (1.0, '')
    """

    error_title = "Cannot smooth this."

    def __init__(self, image=None, *, strength: float = 0.8, sigma: float = 3.0, width: int = 250):
        X = sample_image("grace_hopper", gray=False) if image is None else np.asarray(
            as_array(image, "image", 3), dtype=float)
        if X.shape[2] != 3 or min(X.shape[:2]) < 16:
            msg = f"image must be a colour picture of shape (H, W, 3), at least 16 x 16; received shape {X.shape}"
            raise ValueError(msg)
        self.image = np.clip(X, 0.0, 1.0)
        self.mask = skin_mask(self.image)
        self.share = float(self.mask.mean())
        self._soft = smooth(self.mask.astype(float), 2.0)[..., None]
        self._blurred: dict[float, np.ndarray] = {}
        self.result = self.image
        self.last_ms = float("nan")
        self.text = ""
        style = {"description_width": "initial"}
        self.strength = w.FloatSlider(value=as_real(strength, "strength", low=0, high=1), min=0.0, max=1.0,
                                      step=0.1, description="Strength", readout_format=".1f", style=style,
                                      layout=w.Layout(width="300px"))
        self.sigma = w.FloatSlider(value=as_real(sigma, "sigma", low=1, high=6), min=1.0, max=6.0, step=1.0,
                                   description="Blur σ (pixels)", readout_format=".0f", style=style,
                                   layout=w.Layout(width="300px"))
        self._photo = _picture(width, "The photo, unchanged")
        self._mask = _picture(width, f"The skin-like mask: white where {CB_RANGE[0]} ≤ Cb ≤ {CB_RANGE[1]} and "
                                     f"{CR_RANGE[0]} ≤ Cr ≤ {CR_RANGE[1]}, black elsewhere")
        self._smoothed = _picture(width, "The photo with the skin-like pixels smoothed")
        self._status = w.HTML().add_class("convlib-status")
        for control in (self.strength, self.sigma):
            control.observe(self._on_change, names="value")
        self._photo.value = png_bytes(self.image)
        self._mask.value = png_bytes(self.mask.astype(float))
        pictures = w.HBox([_panel("Photo", self._photo), _panel("Skin-like mask", self._mask),
                           _panel("Smoothed", self._smoothed)],
                          layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        super().__init__([w.HBox([self.strength, self.sigma], layout=w.Layout(flex_flow="row wrap")),
                          pictures, self._status], layout=w.Layout(padding="4px"))
        self.add_class("convlib-selfie")
        self._update()

    @shows_errors
    def _on_change(self, change):
        self._update()

    def _update(self) -> None:
        start = time.perf_counter()
        strength = as_real(self.strength.value, "strength", low=0, high=1)
        sigma = as_real(self.sigma.value, "sigma", low=1, high=6)
        if sigma not in self._blurred:
            self._blurred[sigma] = np.stack([smooth(self.image[..., c], sigma) for c in range(3)], axis=-1)
        self.result = np.clip(self.image + strength * self._soft * (self._blurred[sigma] - self.image), 0.0, 1.0)
        self._smoothed.value = png_bytes(self.result)
        self._smoothed.tooltip = (f"The photo with the skin-like pixels blurred (σ = {sigma:g}) and blended at "
                                  f"strength {strength:.1f}")
        self.last_ms = (time.perf_counter() - start) * 1e3
        _status(self, f"{100 * self.share:.1f}% of the pixels are skin-like by the colour rule; blur σ = "
                      f"{sigma:g} pixels, strength {strength:.1f}. Updated in {self.last_ms:.0f} ms.")
        self.clear_error()

    def __repr__(self) -> str:
        return (f"SelfieSmoother: {100 * self.share:.1f}% skin-like, strength {self.strength.value:.1f}, "
                f"σ = {self.sigma.value:g}")


class BarcodeFinder(ConvlibWidget):
    """Walk through the barcode finder, stage by stage, on generated scenes.

    Two pictures: the stage chosen by the "Stage" slider, and the scene
    with the box found (solid orange) and the true box (dashed blue).

    Parameters
    ----------
    seeds : int, default 50
        The "Scene" slider runs over seeds 0 to ``seeds - 1`` (1 to 200).
    seed : int, default 0
    threshold : float, default 0.4
        A fraction of the strongest blurred response, from 0.1 to 0.9 in steps of 0.05.
    width : int, default 330

    Examples
    --------
    >>> bf = BarcodeFinder(seeds=3)
    >>> bf.stage.value = BARCODE_STAGES[-1]
    >>> bf.iou > 0.5, bf.error
    (True, '')
    """

    error_title = "Cannot show this stage."

    def __init__(self, *, seeds: int = 50, seed: int = 0, threshold: float = BARCODE_THRESHOLD, width: int = 330):
        seeds = as_int(seeds, "seeds", 1, 200)
        style = {"description_width": "initial"}
        self.seed = w.IntSlider(value=as_int(seed, "seed", 0, seeds - 1), min=0, max=seeds - 1,
                                description="Scene (seed)", style=style, layout=w.Layout(width="300px"))
        self.stage = w.SelectionSlider(options=BARCODE_STAGES, value=BARCODE_STAGES[0], description="Stage",
                                       style=style, layout=w.Layout(width="480px"))
        self.threshold = w.FloatSlider(value=as_real(threshold, "threshold", low=0.1, high=0.9), min=0.1, max=0.9,
                                       step=0.05, description="Threshold (share of the strongest)",
                                       readout_format=".2f", style=style, layout=w.Layout(width="360px"))
        self._stage_img = _picture(width, "")
        self._boxes_img = _picture(width, "")
        self._status = w.HTML().add_class("convlib-status")
        self.text = ""
        self.last_ms = float("nan")
        self.iou = 0.0
        self.box = None
        self._scene = None
        self._mask = None
        self.seed.observe(self._on_seed, names="value")
        for control in (self.stage, self.threshold):
            control.observe(self._on_change, names="value")
        controls = w.VBox([w.HBox([self.seed, self.threshold], layout=w.Layout(flex_flow="row wrap")), self.stage])
        pictures = w.HBox([_panel("This stage", self._stage_img),
                           _panel("Found (solid orange) and true box (dashed blue)", self._boxes_img)],
                          layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        super().__init__([controls, pictures, self._status], layout=w.Layout(padding="4px"))
        self.add_class("convlib-barcode")
        self._compute()
        self._update()

    def _compute(self) -> None:
        from ...edges import gradients

        scene = barcode_scene(self.seed.value)
        gx, gy = gradients(scene.image, "sobel", normalize=True)
        self._scene = scene
        self._difference = np.maximum(np.abs(gx) - np.abs(gy), 0.0)
        self._blurred = smooth(self._difference, BARCODE_SIGMA)
        self._mask = None

    @shows_errors
    def _on_seed(self, change):
        self._compute()
        self._update()

    @shows_errors
    def _on_change(self, change):
        self._update(threshold_changed=change["owner"] is self.threshold)

    def _update(self, *, threshold_changed: bool = True) -> None:
        start = time.perf_counter()
        scene = self._scene
        t = as_real(self.threshold.value, "threshold", low=0.1, high=0.9)
        if threshold_changed or self._mask is None:
            self._mask = self._blurred > t * float(self._blurred.max())
            self._region = largest_region(self._mask)
            self.box = bounding_box(self._region)
            self.iou = box_iou(self.box, scene.box)
            self._n_regions = label_regions(self._mask)[1]
            boxes = [(scene.box, TRUE_COLOUR, True)] + ([(self.box, FOUND_COLOUR, False)] if self.box else [])
            self._boxes_img.value = png_bytes(draw_boxes(scene.image, boxes))
        stage = BARCODE_STAGES.index(self.stage.value)
        pictures = [lambda: scene.image, lambda: _scaled(self._difference), lambda: _scaled(self._blurred),
                    lambda: self._mask.astype(float), lambda: self._region.astype(float)]
        words = [
            "the generated scene: a barcode among text, shapes and stripes",
            "|gx| − |gy|, 0 where negative: white where the brightness changes much more from left to right "
            "than from top to bottom",
            f"the difference blurred by a Gaussian of σ = {BARCODE_SIGMA:g} pixels: the bars merge into one "
            "bright block",
            f"white where the blurred difference is above {t:.2f} of its maximum: {self._n_regions} separate "
            f"region{'s' if self._n_regions != 1 else ''}",
            "the largest region only, white",
        ]
        self._stage_img.value = png_bytes(pictures[stage]())
        self._stage_img.tooltip = f"Stage {stage + 1}: {words[stage]}"
        hit = "a hit" if self.iou >= 0.5 else "a miss"
        self._boxes_img.tooltip = (f"The scene with the true box dashed and the found box solid; they overlap "
                                   f"with IoU {self.iou:.2f}: {hit}")
        self.last_ms = (time.perf_counter() - start) * 1e3
        found = "No box found" if self.box is None else f"Found box {self.box}"
        _status(self, f"Scene {self.seed.value}, barcode tilted {scene.angle:.0f}°. Stage {stage + 1}: {words[stage]}. "
                      f"{found}; true box {scene.box}; IoU {self.iou:.2f}: {hit} (a hit is an IoU of 0.5 or "
                      "more). "
                      f"Updated in {self.last_ms:.0f} ms.")
        self.clear_error()

    def __repr__(self) -> str:
        return f"BarcodeFinder: scene {self.seed.value}, stage {self.stage.value!r}, IoU {self.iou:.2f}"


class MotionDetector(ConvlibWidget):
    """Watch a frame-difference motion detector on generated frames, stage by stage.

    Two pictures: the stage chosen by the "Stage" slider for the frame
    chosen by the "Frame" slider (compared with the frame before it), and
    the frame with the detected box (solid orange) and the box around the
    object's old and new positions (dashed blue).

    Parameters
    ----------
    frames : MotionFrames, optional
        By default :func:`~convlib.lessons.lesson08.scenes.motion_frames` ().
    threshold : float, default 0.08
        From 0.02 to 0.3 in steps of 0.01 (grey values).
    width : int, default 330

    Examples
    --------
    >>> md = MotionDetector()
    >>> md.frame.value = 6               # the object stood still
    >>> md.box is None, md.error
    (True, '')
    """

    error_title = "Cannot show this frame."

    def __init__(self, frames=None, *, threshold: float = MOTION_THRESHOLD, width: int = 330):
        self.data = motion_frames() if frames is None else frames
        n = len(self.data.frames)
        style = {"description_width": "initial"}
        self.frame = w.IntSlider(value=1, min=1, max=n - 1, description="Frame", style=style,
                                 layout=w.Layout(width="300px"))
        self.stage = w.SelectionSlider(options=MOTION_STAGES, value=MOTION_STAGES[0], description="Stage",
                                       style=style, layout=w.Layout(width="480px"))
        self.threshold = w.FloatSlider(value=as_real(threshold, "threshold", low=0.02, high=0.3), min=0.02,
                                       max=0.3, step=0.01, description="Threshold (grey levels)",
                                       readout_format=".2f", style=style, layout=w.Layout(width="330px"))
        self._stage_img = _picture(width, "")
        self._boxes_img = _picture(width, "")
        self._status = w.HTML().add_class("convlib-status")
        self.text = ""
        self.last_ms = float("nan")
        self.box = self.truth = None
        self.right = False
        self.verdict = ""
        self._mask = None
        self._kept: list = []
        self._cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for control in (self.frame, self.stage, self.threshold):
            control.observe(self._on_change, names="value")
        controls = w.VBox([w.HBox([self.frame, self.threshold], layout=w.Layout(flex_flow="row wrap")), self.stage])
        pictures = w.HBox([_panel("This stage", self._stage_img),
                           _panel("Detected (solid orange) and true box (dashed blue)", self._boxes_img)],
                          layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        super().__init__([controls, pictures, self._status], layout=w.Layout(padding="4px"))
        self.add_class("convlib-motion")
        self._update()

    @shows_errors
    def _on_change(self, change):
        self._update(stage_only=change["owner"] is self.stage)

    def _detect(self, k: int, t: float) -> None:
        """Threshold frame k's blurred difference at t; keep the mask, the boxes, the truth and the verdict."""
        if k not in self._cache:
            difference = np.abs(self.data.frames[k] - self.data.frames[k - 1])
            self._cache[k] = (difference, smooth(difference, MOTION_SIGMA))
        _, blurred = self._cache[k]
        self._mask = blurred > t
        labels, n = label_regions(self._mask)
        sizes = np.bincount(labels.ravel(), minlength=n + 1)
        self._kept = [bounding_box(labels == j) for j in range(1, n + 1) if sizes[j] >= MIN_AREA]
        self.box = None
        if self._kept:
            b = np.array(self._kept)
            self.box = (int(b[:, 0].min()), int(b[:, 1].min()), int(b[:, 2].max()), int(b[:, 3].max()))
        self.truth = self.data.moved_box(k)
        if self.truth is None:
            self.right = self.box is None
            self.verdict = ("right: nothing moved and nothing was detected" if self.right else
                            "wrong: nothing moved, yet something was detected (noise above the threshold)")
        else:
            iou = box_iou(self.box, self.truth)
            self.right = iou >= 0.5
            self.verdict = (f"IoU {iou:.2f} with the box around the object's old and new places: "
                            + ("right" if self.right else "wrong"))
        boxes = ([(self.truth, TRUE_COLOUR, True)] if self.truth else []) + (
            [(self.box, FOUND_COLOUR, False)] if self.box else [])
        self._boxes_img.value = png_bytes(draw_boxes(self.data.frames[k], boxes))
        self._boxes_img.tooltip = f"Frame {k} with the boxes drawn: {self.verdict}"

    def _update(self, *, stage_only: bool = False) -> None:
        start = time.perf_counter()
        k = as_int(self.frame.value, "frame", 1, len(self.data.frames) - 1)
        t = as_real(self.threshold.value, "threshold", low=0.02, high=0.3)
        if not stage_only or self._mask is None:
            self._detect(k, t)
        difference, blurred = self._cache[k]
        stage = MOTION_STAGES.index(self.stage.value)
        top = max(float(blurred.max()), t)
        pictures = [lambda: self.data.frames[k], lambda: np.clip(difference / 0.5, 0, 1),
                    lambda: np.clip(blurred / top, 0, 1), lambda: self._mask.astype(float)]
        words = [f"frame {k} as the camera saw it",
                 f"|frame {k} − frame {k - 1}|, white at a difference of 0.5 or more: noise everywhere, "
                 "and the object's old and new places",
                 f"the difference blurred by a Gaussian of σ = {MOTION_SIGMA:g} pixels: the noise averages "
                 "out",
                 f"white where the blurred difference is above {t:.2f}: {len(self._kept)} region"
                 f"{'s' if len(self._kept) != 1 else ''} of {MIN_AREA} pixels or more"]
        self._stage_img.value = png_bytes(pictures[stage]())
        self._stage_img.tooltip = f"Stage {stage + 1}: {words[stage]}"
        self.last_ms = (time.perf_counter() - start) * 1e3
        found = "Nothing detected" if self.box is None else f"Detected box {self.box}"
        moved_words = "the object moved" if self.data.moved[k] else "the object stood still"
        _status(self, f"Frame {k} against frame {k - 1} ({moved_words}; the blurred difference peaks at "
                      f"{float(blurred.max()):.2f}). Stage {stage + 1}: {words[stage]}. {found}: "
                      f"{self.verdict}. "
                      f"Updated in {self.last_ms:.0f} ms.")
        self.clear_error()

    def __repr__(self) -> str:
        return f"MotionDetector: frame {self.frame.value}, stage {self.stage.value!r}, threshold {self.threshold.value:.2f}"
