"""Tests of convlib.lessons.lesson08.figures: boxes drawn into pictures, and the lesson's figures."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import scipy.ndimage as ndi  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402

from convlib.kernels import BOX_3, OUTLINE  # noqa: E402
from convlib.lessons.lesson08 import figures, pipelines, scenes  # noqa: E402
from convlib.lessons.lesson08.figures import FOUND_COLOUR, MONK_TONES, TRUE_COLOUR, draw_boxes  # noqa: E402


def outline_mask(shape, box, t):
    """The pixels of a box's outline of thickness t, written out with four slices."""
    m = np.zeros(shape, bool)
    top, left, bottom, right = box
    m[top:top + t, left:right] = m[bottom - t:bottom, left:right] = True
    m[top:bottom, left:left + t] = m[top:bottom, right - t:right] = True
    return m


def test_solid_box_paints_exactly_its_outline():
    """A solid box colours its outline (2 pixels thick) and nothing else."""
    grey = np.full((20, 30), 0.5)
    out = draw_boxes(grey, [((3, 4, 15, 25), FOUND_COLOUR, False)])
    ink = outline_mask(grey.shape, (3, 4, 15, 25), 2)
    assert np.allclose(out[ink], to_rgb(FOUND_COLOUR)) and np.allclose(out[~ink], 0.5)


def test_dashed_box_paints_part_of_its_outline_only():
    """A dashed box colours some, not all, of its outline, and nothing outside it."""
    out = draw_boxes(np.zeros((40, 40)), [((5, 5, 35, 35), TRUE_COLOUR, True)])
    ink = outline_mask((40, 40), (5, 5, 35, 35), 2)
    painted = np.any(out != 0, axis=2)
    assert painted[ink].mean() == pytest.approx(0.5, abs=0.1) and not painted[~ink].any()


def test_boxes_outside_the_picture_are_clipped_and_none_is_skipped():
    """A box reaching past the border is cut at it; None draws nothing."""
    out = draw_boxes(np.zeros((10, 10, 3)), [((-5, -5, 4, 4), "white", False), (None, "white", False)])
    assert out.shape == (10, 10, 3) and out[0, 0].tolist() == [1, 1, 1] and out[9, 9].tolist() == [0, 0, 0]


def test_gallery_draws_each_kernel_filtered_like_scipy():
    """One panel per kernel, titled with the weights' sum; a panel's pixels are scipy's filtered photo, clipped."""
    photo = np.random.default_rng(0).random((20, 24, 3))
    images = figures.plot_gallery(photo, {"box": BOX_3, "outline": OUTLINE},
                                  displays={"outline": lambda Y: np.abs(Y) / np.abs(Y).max()})
    assert [im.axes.get_title() for im in images] == ["box\nweights add up to 1", "outline\nweights add up to 0"]
    want = np.stack([ndi.correlate(photo[..., c], BOX_3, mode="mirror") for c in range(3)], -1)
    assert np.allclose(images[0].get_array(), np.clip(want, 0, 1))


def test_skin_tones_figure_labels_each_tone_in_words():
    """Ten labels, 'skin-like' for MST 1-9 and 'MISSED' for MST 10 (a word, not only a colour)."""
    labels = figures.plot_skin_tones()
    texts = [t.get_text() for t in labels]
    assert len(texts) == len(MONK_TONES) == 10
    assert all(t.endswith("skin-like") for t in texts[:9]) and texts[9].endswith("MISSED")


def test_barcode_and_motion_figures_have_six_panels_and_the_boxes():
    """Five stages and the scene with two boxes (solid found, dashed true); likewise for motion."""
    scene = scenes.barcode_scene(0)
    images = figures.plot_barcode_stages(pipelines.barcode_stages(scene.image), scene.box)
    ax = images[-1].axes
    assert len(images) == 6 and [p.get_linestyle() for p in ax.patches] == ["--", "-"]
    m = scenes.motion_frames()
    st = pipelines.motion_stages(m.frames[2], m.frames[3])
    images = figures.plot_motion_stages(m.frames[2], m.frames[3], st, (25, 47, 44, 68))
    assert len(images) == 6 and len(images[-1].axes.patches) == 2


def test_edge_profile_has_three_marked_lines():
    """Picture, blur and sharpened row: three lines, each with its own marker and a legend label."""
    lines = figures.plot_edge_profile(np.arange(5.0), np.arange(5.0), np.arange(5.0))
    assert len({line.get_marker() for line in lines}) == 3 and all(line.get_label() for line in lines)


def test_skin_figure():
    """The skin figure shows the photo, its mask and the smoothed photo."""
    photo = np.random.default_rng(1).random((20, 20, 3))
    images = figures.plot_skin(photo, photo)
    assert len(images) == 3 and np.array_equal(images[1].get_array(), pipelines.skin_mask(photo).astype(float))
