"""Tests of convlib.lessons.lesson08.pipelines: regions, boxes, skin smoothing, barcode and motion, against scipy and Pillow."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.ndimage as ndi
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image

from convlib.lessons.lesson08 import pipelines, scenes
from convlib.lessons.lesson08.pipelines import (
    BARCODE_SIGMA,
    BARCODE_THRESHOLD,
    MIN_AREA,
    MOTION_SIGMA,
    MOTION_THRESHOLD,
    barcode_hit_rate,
    barcode_stages,
    bounding_box,
    box_iou,
    label_regions,
    largest_region,
    motion_accuracy,
    motion_stages,
    rgb_to_ycbcr,
    skin_mask,
    smooth_skin,
)

EIGHT = np.ones((3, 3), int)
masks = arrays(bool, st.tuples(st.integers(1, 24), st.integers(1, 24)))


def gaussian_reference(image, sigma):
    """scipy's Gaussian blur with the reach and borders convlib.edges.smooth uses."""
    return ndi.gaussian_filter(np.asarray(image, float), sigma, mode="mirror", truncate=3.0)


# --------------------------------------------------------------------------
# regions and boxes
# --------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(masks)
def test_label_regions_equals_scipy_label_with_8_neighbours(mask):
    """The same labels, numbered in the same order, as scipy.ndimage.label with a 3x3 structure."""
    got, n = label_regions(mask)
    want, nw = ndi.label(mask, structure=EIGHT)
    assert n == nw and np.array_equal(got, want)


@settings(max_examples=300, deadline=None)
@given(masks)
def test_label_regions_equals_scipy_label_with_4_neighbours(mask):
    """With connectivity=4, the labels of scipy.ndimage.label's default cross structure."""
    got, n = label_regions(mask, connectivity=4)
    want, nw = ndi.label(mask)
    assert n == nw and np.array_equal(got, want)


def test_label_regions_on_a_generated_barcode_mask():
    """On a real stage of the barcode finder (many runs per row), scipy agrees too."""
    mask = barcode_stages(scenes.barcode_scene(3).image, threshold=0.15).mask
    got, n = label_regions(mask)
    want, nw = ndi.label(mask, structure=EIGHT)
    assert n == nw and np.array_equal(got, want)


def test_label_regions_refuses_other_connectivities():
    """Only 4 and 8 neighbours are meaningful on a square grid."""
    with pytest.raises(ValueError, match=r"^connectivity must be 4 or 8; received 6$"):
        label_regions(np.ones((2, 2)), connectivity=6)


@settings(max_examples=200, deadline=None)
@given(masks)
def test_largest_region_is_scipys_largest(mask):
    """The largest region has as many pixels as scipy's largest label, and is one of scipy's regions."""
    got = largest_region(mask)
    want, n = ndi.label(mask, structure=EIGHT)
    if n == 0:
        assert not got.any()
        return
    sizes = np.bincount(want.ravel())[1:]
    assert got.sum() == sizes.max()
    labels_inside = np.unique(want[got])
    assert len(labels_inside) == 1 and sizes[labels_inside[0] - 1] == sizes.max()


@settings(max_examples=200, deadline=None)
@given(masks)
def test_bounding_box_equals_find_objects(mask):
    """The box of every True pixel is the slice scipy.ndimage.find_objects gives for one label."""
    box = bounding_box(mask)
    if not mask.any():
        assert box is None
        return
    [(rows, cols)] = ndi.find_objects(mask.astype(int))
    assert box == (rows.start, cols.start, rows.stop, cols.stop)


@given(st.lists(st.integers(0, 20), min_size=8, max_size=8))
def test_box_iou_counts_pixels(v):
    """IoU equals the pixel count of the intersection over that of the union of the two boxes drawn as masks."""
    a = (min(v[0], v[1]), min(v[2], v[3]), max(v[0], v[1]) + 1, max(v[2], v[3]) + 1)
    b = (min(v[4], v[5]), min(v[6], v[7]), max(v[4], v[5]) + 1, max(v[6], v[7]) + 1)
    ma, mb = np.zeros((22, 22), bool), np.zeros((22, 22), bool)
    ma[a[0]:a[2], a[1]:a[3]] = True
    mb[b[0]:b[2], b[1]:b[3]] = True
    assert box_iou(a, b) == pytest.approx((ma & mb).sum() / (ma | mb).sum())


def test_box_iou_of_nothing_is_zero():
    """No box on either side gives 0."""
    assert box_iou(None, (0, 0, 2, 2)) == 0.0 and box_iou(None, None) == 0.0


# --------------------------------------------------------------------------
# selfie smoothing
# --------------------------------------------------------------------------
def test_ycbcr_matches_pillow():
    """Y, Cb, Cr equal Pillow's own RGB -> YCbCr conversion (JPEG's), within Pillow's rounding."""
    rgb = np.random.default_rng(0).integers(0, 256, (20, 30, 3)).astype(np.uint8)
    want = np.asarray(Image.fromarray(rgb).convert("YCbCr"), float)
    assert np.abs(rgb_to_ycbcr(rgb / 255.0) - want).max() <= 1.0


def test_skin_mask_applies_the_stated_box():
    """A pixel is skin-like exactly when 77 <= Cb <= 127 and 133 <= Cr <= 173 (Pillow's conversion, away from edges)."""
    rgb = np.random.default_rng(1).integers(0, 256, (60, 60, 3)).astype(np.uint8)
    ycc = np.asarray(Image.fromarray(rgb).convert("YCbCr"), float)
    cb, cr = ycc[..., 1], ycc[..., 2]
    want = (cb >= 77) & (cb <= 127) & (cr >= 133) & (cr <= 173)
    near_edge = np.zeros_like(want)
    for bound, values in ((77, cb), (127, cb), (133, cr), (173, cr)):
        near_edge |= np.abs(values - bound) <= 1.5
    got = skin_mask(rgb / 255.0)
    assert np.array_equal(got[~near_edge], want[~near_edge]) and want.any() and (~want).any()


def test_skin_rule_misses_the_darkest_monk_tone():
    """Of the ten Monk Skin Tone Scale swatches the rule accepts MST 1-9 and misses MST 10 (the lesson prints it)."""
    from convlib.lessons.lesson08.figures import MONK_TONES

    rgb = np.array([[int(c[k:k + 2], 16) / 255 for k in (1, 3, 5)] for c in MONK_TONES])
    assert skin_mask(rgb[np.newaxis])[0].tolist() == [True] * 9 + [False]


def test_smooth_skin_is_the_stated_blend():
    """out = X + strength * blurred mask * (blur - X), with scipy's Gaussians for both blurs."""
    rng = np.random.default_rng(2)
    X = rng.random((30, 34, 3))
    mask = rng.random((30, 34)) < 0.4
    got = smooth_skin(X, 0.7, 2.0, feather=1.5, mask=mask)
    soft = gaussian_reference(mask.astype(float), 1.5)[..., None]
    blur = np.stack([gaussian_reference(X[..., c], 2.0) for c in range(3)], axis=-1)
    assert np.allclose(got, np.clip(X + 0.7 * soft * (blur - X), 0, 1))


def test_smooth_skin_leaves_non_skin_alone():
    """Far from any skin-like pixel, the photo is unchanged."""
    X = np.zeros((30, 30, 3))
    X[..., 2] = np.linspace(0.3, 1, 30)        # blue: never skin-like
    assert not skin_mask(X).any() and np.allclose(smooth_skin(X, 1.0), X)


@pytest.mark.parametrize(("kwargs", "words"), [({"strength": 1.5}, r"^strength must be a number >= 0 and <= 1"),
                                               ({"sigma": 0.1}, r"^sigma must be a number >= 0.5 and <= 8")])
def test_smooth_skin_refuses_bad_settings(kwargs, words):
    """Settings out of range are refused by name."""
    with pytest.raises(ValueError, match=words):
        smooth_skin(np.zeros((20, 20, 3)), **kwargs)


# --------------------------------------------------------------------------
# the barcode finder
# --------------------------------------------------------------------------
def barcode_reference(image, sigma=BARCODE_SIGMA, threshold=BARCODE_THRESHOLD):
    """The barcode finder written with scipy: Sobel / 8, |gx| - |gy| >= 0, Gaussian, threshold, largest label, its box."""
    gx = ndi.sobel(image, axis=1, mode="mirror") / 8
    gy = ndi.sobel(image, axis=0, mode="mirror") / 8
    diff = np.maximum(np.abs(gx) - np.abs(gy), 0)
    blurred = gaussian_reference(diff, sigma)
    mask = blurred > threshold * blurred.max()
    labels, n = ndi.label(mask, structure=EIGHT)
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    region = labels == np.argmax(sizes)
    [(rows, cols)] = ndi.find_objects(region.astype(int))
    return diff, blurred, mask, (rows.start, cols.start, rows.stop, cols.stop)


@pytest.mark.parametrize(("seed", "threshold"), [(0, 0.4), (5, 0.3), (11, 0.6), (23, 0.5)])
def test_barcode_stages_match_scipy(seed, threshold):
    """Every stage equals the scipy version on a generated scene."""
    image = scenes.barcode_scene(seed).image
    got = barcode_stages(image, threshold=threshold)
    diff, blurred, mask, box = barcode_reference(image, threshold=threshold)
    assert np.allclose(got.difference, diff) and np.allclose(got.blurred, blurred)
    assert np.array_equal(got.mask, mask) and got.box == box


def test_barcode_hit_rate_counts_ious_of_at_least_a_half():
    """The hit count is the number of scenes whose scipy-computed box has IoU >= 0.5 with the true box."""
    hits, count, ious = barcode_hit_rate(range(6))
    want = [box_iou(barcode_reference(scenes.barcode_scene(s).image)[3], scenes.barcode_scene(s).box)
            for s in range(6)]
    assert count == 6 and np.allclose(ious, want) and hits == sum(v >= 0.5 for v in want)


def test_barcode_finder_fails_on_bars_lying_down():
    """Turned by 90 degrees, the bars change along y: |gx| - |gy| misses them (the lesson says so)."""
    scene = scenes.barcode_scene(0)
    turned = barcode_stages(np.rot90(scene.image))
    assert box_iou(turned.box, bounding_box(np.rot90(scene.bars))) < 0.5


def test_barcode_stages_on_a_flat_picture_find_nothing():
    """A picture with no change has no response, no mask and no box."""
    got = barcode_stages(np.full((40, 50), 0.3))
    assert not got.mask.any() and got.box is None


# --------------------------------------------------------------------------
# the motion detector
# --------------------------------------------------------------------------
def test_motion_stages_match_scipy():
    """|difference|, its Gaussian blur, the threshold and the union of the regions' boxes, as scipy computes them."""
    m = scenes.motion_frames()
    got = motion_stages(m.frames[2], m.frames[3])
    diff = np.abs(m.frames[3] - m.frames[2])
    blurred = gaussian_reference(diff, MOTION_SIGMA)
    mask = blurred > MOTION_THRESHOLD
    labels, n = ndi.label(mask, structure=EIGHT)
    keep = [k + 1 for k, size in enumerate(np.bincount(labels.ravel())[1:]) if size >= MIN_AREA]
    [(rows, cols)] = ndi.find_objects(np.isin(labels, keep).astype(int))
    assert np.allclose(got.blurred, blurred) and np.array_equal(got.mask, mask)
    assert got.box == (rows.start, cols.start, rows.stop, cols.stop)


def test_motion_stages_ignore_small_specks():
    """A changed region smaller than min_area is not a detection."""
    a = np.zeros((30, 30))
    b = a.copy()
    b[5, 5] = 1.0
    assert motion_stages(a, b, sigma=0, threshold=0.5).box is None
    assert motion_stages(a, b, sigma=0, threshold=0.5, min_area=1).box == (5, 5, 6, 6)


def test_motion_stages_refuse_frames_of_different_shapes():
    """Two frames must have the same shape."""
    with pytest.raises(ValueError, match=r"^previous and frame must have the same shape; received \(4, 4\) and \(4, 5\)$"):
        motion_stages(np.zeros((4, 4)), np.zeros((4, 5)))


def test_motion_accuracy_scores_each_frame_by_its_rule():
    """A right moving frame overlaps the union box with IoU >= 0.5; the still frame is right with no detection."""
    m = scenes.motion_frames()
    results = motion_accuracy(*m)
    assert [r["frame"] for r in results] == list(range(1, 12))
    for r in results:
        if r["moved"]:
            assert r["right"] == (box_iou(r["found"], r["truth"]) >= 0.5)
        else:
            assert r["truth"] is None and r["right"] == (r["found"] is None)
    assert sum(r["right"] for r in results) == 11


def test_motion_accuracy_drops_with_a_threshold_under_the_noise():
    """At threshold 0.01 the noise is detected everywhere: the still frame and the moving ones are wrong."""
    results = motion_accuracy(*scenes.motion_frames(), threshold=0.01)
    assert sum(r["right"] for r in results) == 0


def test_pipelines_module_names_are_documented():
    """Every public name of the module has a docstring or is a documented constant."""
    for name in pipelines.__all__:
        obj = getattr(pipelines, name)
        if callable(obj):
            assert obj.__doc__, name
