"""Tests of convlib.lessons.lesson08.widgets: selfie smoothing, barcode stages and motion frames, swept over their controls."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest
import scipy.ndimage as ndi

from convlib.data import sample_image
from convlib.lessons.lesson08 import BarcodeFinder, MotionDetector, SelfieSmoother, pipelines, scenes
from convlib.lessons.lesson08.widgets import BARCODE_STAGES, MOTION_STAGES

#: The portrait, every 8th pixel (75 x 64, colour): small enough to sweep.
SMALL = sample_image("grace_hopper", gray=False)[::8, ::8].copy()


def png(data) -> bool:
    """True if the bytes are a PNG picture."""
    return bytes(data[:8]) == b"\x89PNG\r\n\x1a\n"


def slider_values(slider):
    """Every value a FloatSlider or IntSlider allows, from min to max in steps."""
    n = round((slider.max - slider.min) / slider.step)
    return [slider.min + k * slider.step for k in range(n + 1)]


# --------------------------------------------------------------------------
# SelfieSmoother
# --------------------------------------------------------------------------
def test_selfie_sweep_every_strength_and_blur():
    """All 11 strengths x 6 blurs = 66 settings: a picture each, equal to smooth_skin's blend."""
    s = SelfieSmoother(SMALL)
    shown = 0
    for sigma, strength in itertools.product(slider_values(s.sigma), slider_values(s.strength)):
        s.sigma.value, s.strength.value = sigma, strength
        assert s.error == "" and png(s._smoothed.value)
        want = pipelines.smooth_skin(SMALL, strength, sigma, feather=2.0)
        assert np.allclose(s.result, want), (sigma, strength)
        shown += 1
    assert shown == 66


def test_selfie_strength_zero_is_the_photo_and_mask_is_the_rule():
    """Strength 0 leaves the photo; the mask picture is skin_mask; the status gives its share."""
    s = SelfieSmoother(SMALL, strength=0.0)
    assert np.allclose(s.result, SMALL) and np.array_equal(s.mask, pipelines.skin_mask(SMALL))
    assert f"{100 * s.mask.mean():.1f}% of the pixels are skin-like" in s.text


def test_selfie_blur_is_scipys_gaussian():
    """Fully smoothed skin-like pixels (well inside the mask) take the value of scipy's Gaussian blur."""
    photo = np.tile(np.array([0.87, 0.67, 0.55]), (30, 30, 1)) + 0.05 * np.random.default_rng(0).random((30, 30, 3))
    s = SelfieSmoother(photo, strength=1.0, sigma=2.0)
    want = np.stack([ndi.gaussian_filter(photo[..., c], 2.0, mode="mirror", truncate=3.0) for c in range(3)], -1)
    assert s.mask.all() and np.allclose(s.result, np.clip(want, 0, 1), atol=1e-9)


@pytest.mark.parametrize(("kwargs", "words"), [({"image": np.zeros((10, 30, 3))}, r"at least 16 x 16"),
                                               ({"image": SMALL, "strength": 2}, r"^strength must be a number >= 0"),
                                               ({"image": np.zeros((20, 20))}, r"^image must be a 3-D array")])
def test_selfie_refuses_bad_arguments(kwargs, words):
    """Bad pictures and settings are refused by name when the widget is made."""
    with pytest.raises(ValueError, match=words):
        SelfieSmoother(**kwargs)


def test_selfie_pictures_are_named():
    """Three pictures, each with a tooltip."""
    s = SelfieSmoother(SMALL)
    for img in (s._photo, s._mask, s._smoothed):
        assert len(img.tooltip) > 15 and img.get_state()["description"] == ""


# --------------------------------------------------------------------------
# BarcodeFinder
# --------------------------------------------------------------------------
def reference_box(seed, threshold):
    """The finder's box for a scene, with scipy (Sobel / 8, Gaussian, label, largest, find_objects)."""
    image = scenes.barcode_scene(seed).image
    diff = np.maximum(np.abs(ndi.sobel(image, 1, mode="mirror")) - np.abs(ndi.sobel(image, 0, mode="mirror")), 0) / 8
    blurred = ndi.gaussian_filter(diff, 4.0, mode="mirror", truncate=3.0)
    labels, _ = ndi.label(blurred > threshold * blurred.max(), structure=np.ones((3, 3)))
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    [(rows, cols)] = ndi.find_objects((labels == np.argmax(sizes)).astype(int))
    return rows.start, cols.start, rows.stop, cols.stop


def check_barcode(bf, label):
    """Both pictures are PNGs, no error, and the status states the IoU."""
    assert bf.error == "" and png(bf._stage_img.value) and png(bf._boxes_img.value), label
    assert f"IoU {bf.iou:.2f}" in bf.text, label


def test_barcode_controls_and_their_values():
    """50 scenes, 5 stages, 17 thresholds from 0.1 to 0.9: 4250 combinations."""
    bf = BarcodeFinder()
    counts = (len(slider_values(bf.seed)), len(bf.stage.options), len(slider_values(bf.threshold)))
    assert counts == (50, 5, 17) and bf.stage.options == BARCODE_STAGES
    for control in (bf.seed, bf.stage, bf.threshold):
        assert control.description


def test_barcode_every_value_of_every_control_once():
    """Every scene (50), every stage (5) and every threshold (17), each once with the others at their defaults."""
    bf = BarcodeFinder()
    shown = 0
    for control in (bf.seed, bf.stage, bf.threshold):
        start = control.value
        values = list(control.options) if control is bf.stage else slider_values(control)
        for value in values:
            control.value = value
            check_barcode(bf, (control.description, value))
            shown += 1
        control.value = start
    assert shown == 72


def test_barcode_full_product_on_three_scenes_and_a_seeded_sample():
    """All 5 x 17 stage-threshold pairs on scenes 0, 17 and 49 (255), then 150 random settings (seeded)."""
    bf = BarcodeFinder()
    shown = 0
    for seed in (0, 17, 49):
        bf.seed.value = seed
        for threshold, stage in itertools.product(slider_values(bf.threshold), BARCODE_STAGES):
            bf.threshold.value, bf.stage.value = threshold, stage
            check_barcode(bf, (seed, threshold, stage))
            shown += 1
    rng = random.Random(5)
    for _ in range(150):
        bf.seed.value = rng.choice(slider_values(bf.seed))
        bf.stage.value = rng.choice(BARCODE_STAGES)
        bf.threshold.value = rng.choice(slider_values(bf.threshold))
        check_barcode(bf, "random")
        shown += 1
    assert shown == 405


@pytest.mark.parametrize(("seed", "threshold"), [(0, 0.4), (9, 0.25), (30, 0.7)])
def test_barcode_box_matches_scipy(seed, threshold):
    """The box the widget finds is the box scipy finds, and its IoU with the truth is computed from both."""
    bf = BarcodeFinder(seed=seed, threshold=threshold)
    assert bf.box == reference_box(seed, threshold)
    assert np.isclose(bf.iou, pipelines.box_iou(bf.box, scenes.barcode_scene(seed).box))


def test_barcode_stage_change_does_not_recompute_the_mask():
    """Moving only the stage slider reuses the threshold's result (cheap updates)."""
    bf = BarcodeFinder()
    mask = bf._mask
    bf.stage.value = BARCODE_STAGES[3]
    assert bf._mask is mask


def test_barcode_refuses_bad_arguments():
    """The number of scenes and the threshold are checked by name."""
    with pytest.raises(ValueError, match=r"^seeds must be an integer from 1 to 200"):
        BarcodeFinder(seeds=0)
    with pytest.raises(ValueError, match=r"^threshold must be a number >= 0.1 and <= 0.9"):
        BarcodeFinder(threshold=0.95)


# --------------------------------------------------------------------------
# MotionDetector
# --------------------------------------------------------------------------
def test_motion_sweep_every_combination():
    """All 11 frames x 4 stages x 29 thresholds = 1276 settings: pictures, a verdict, and the pipeline's box."""
    md = MotionDetector()
    data = scenes.motion_frames()
    frames, stages, thresholds = slider_values(md.frame), MOTION_STAGES, slider_values(md.threshold)
    assert (len(frames), len(stages), len(thresholds)) == (11, 4, 29)
    shown = 0
    for k, t in itertools.product(frames, thresholds):
        md.frame.value, md.threshold.value = k, t
        want = pipelines.motion_stages(data.frames[k - 1], data.frames[k], threshold=t).box
        for stage in stages:
            md.stage.value = stage
            assert md.error == "" and png(md._stage_img.value) and png(md._boxes_img.value), (k, t, stage)
            assert md.box == want and ("right" in md.verdict or "wrong" in md.verdict)
            shown += 1
    assert shown == 1276


def test_motion_verdicts_agree_with_motion_accuracy():
    """At the default threshold the widget's right/wrong per frame is motion_accuracy's."""
    md = MotionDetector()
    results = pipelines.motion_accuracy(*scenes.motion_frames())
    for r in results:
        md.frame.value = r["frame"]
        assert md.right == r["right"] and md.box == r["found"]


def test_motion_still_frame_says_nothing_moved():
    """Frame 6: the object stood still, nothing is detected, and the status says so."""
    md = MotionDetector()
    md.frame.value = 6
    assert md.box is None and "the object stood still" in md.text and "right: nothing moved" in md.text


def test_motion_low_threshold_detects_noise_and_says_wrong():
    """At 0.02 the noise passes on the still frame: detected, and called wrong."""
    md = MotionDetector(threshold=0.02)
    md.frame.value = 6
    assert md.box is not None and "wrong: nothing moved, yet something was detected" in md.text


def test_motion_pictures_are_named():
    """Both pictures carry tooltips; controls have labels."""
    md = MotionDetector()
    for img in (md._stage_img, md._boxes_img):
        assert len(img.tooltip) > 15 and img.get_state()["description"] == ""
    for control in (md.frame, md.stage, md.threshold):
        assert control.description
