"""Tests of convlib.lessons.lesson02.figures: a padded photo corner in each mode, and blurred corners.

The pictures drawn are compared with numpy.pad (whose mode names differ:
'constant', 'reflect' (not 'symmetric'), 'edge', 'wrap') and with
scipy.ndimage.correlate, both independent of convlib.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from scipy import ndimage  # noqa: E402

from convlib.kernels import box  # noqa: E402
from convlib.lessons.lesson02 import figures  # noqa: E402
from convlib.palette import WINDOW_COLOUR  # noqa: E402

NUMPY = {"zero": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}
NDIMAGE = {"zero": "constant", "reflect": "mirror", "replicate": "nearest", "circular": "wrap"}
RNG = np.random.default_rng(7)
PHOTO = RNG.random((40, 30))


def numpy_corner(image, width, mode, where, size):
    """The corner block of numpy.pad's result, cut with plain slices."""
    padded = np.pad(image, width, mode=NUMPY[mode])
    n = size + width
    rows = slice(0, n) if where.startswith("top") else slice(padded.shape[0] - n, None)
    cols = slice(0, n) if where.endswith("left") else slice(padded.shape[1] - n, None)
    return padded[rows, cols]


@pytest.mark.parametrize("mode", list(NUMPY))
@pytest.mark.parametrize("where", figures.CORNERS)
def test_padded_corner_equals_numpy_pad(mode, where, ax):
    """The block drawn is numpy.pad's corner with the matching mode, band included."""
    art = figures.plot_padded_corner(PHOTO, 5, mode, ax, where=where, size=12)
    shown = np.asarray(art.image.get_array())
    assert shown.shape == (17, 17)
    assert np.array_equal(shown, numpy_corner(PHOTO, 5, mode, where, 12))


def test_reflect_is_numpy_reflect_not_symmetric(ax):
    """convlib's reflect band does not repeat the edge pixel (numpy 'symmetric' would)."""
    art = figures.plot_padded_corner(PHOTO, 3, "reflect", ax, size=10)
    shown = np.asarray(art.image.get_array())
    assert not np.array_equal(shown, np.pad(PHOTO, 3, mode="symmetric")[:13, :13])
    assert shown[3, 2] == PHOTO[0, 1]  # one column out is one column in


def test_padded_corner_marks_the_edge_and_labels_the_band(ax):
    """Two lines (white under vermillion dashes) run along the photo's edge; the band says 'padding'."""
    art = figures.plot_padded_corner(PHOTO, 4, "zero", ax, where="top left", size=10)
    assert art.image.axes is ax and art.label.get_text() == "padding"
    assert [line.get_color() for line in art.edge] == ["white", "white", WINDOW_COLOUR, WINDOW_COLOUR]
    vertical = art.edge[2]
    assert list(vertical.get_xdata()) == [3.5, 3.5]  # between band column 3 and photo column 4
    label_x, label_y = art.label.get_position()
    assert label_y < 3.5  # the label sits in the top band


def test_padded_corner_default_title_names_numpy_mode(ax):
    """The default title gives convlib's name and numpy's."""
    figures.plot_padded_corner(PHOTO, 2, "replicate", ax, size=5)
    assert ax.get_title() == "replicate\n(numpy 'edge')"


def test_plot_pad_modes_draws_four_panels():
    """One panel per mode on a new figure, each holding its own mode's band."""
    drawn = figures.plot_pad_modes(PHOTO, 3, size=8)
    assert list(drawn) == list(NUMPY)
    axes = {art.image.axes for art in drawn.values()}
    assert len(axes) == 4 and len(next(iter(axes)).figure.axes) == 4
    for mode, art in drawn.items():
        assert np.array_equal(art.image.get_array(), numpy_corner(PHOTO, 3, mode, "top left", 8))


def test_plot_pad_modes_uses_given_axes_and_refuses_too_few():
    """Given Axes are used in order; the wrong number is refused with the count expected."""
    fig, axs = plt.subplots(1, 4)
    drawn = figures.plot_pad_modes(PHOTO, 2, axs, size=6)
    assert [art.image.axes for art in drawn.values()] == list(axs)
    with pytest.raises(ValueError, match="axes must be 4 matplotlib Axes or None"):
        figures.plot_pad_modes(PHOTO, 2, axs[:2], size=6)


def test_plot_blurred_corners_match_scipy(ax):
    """Each blurred corner equals scipy.ndimage.correlate with the matching boundary mode."""
    fig, axs = plt.subplots(1, 3)
    shown = figures.plot_blurred_corners(PHOTO, box(5), axs, pad_modes=("zero", "replicate"),
                                         where="bottom right", size=9)
    assert list(shown) == ["photo", "zero", "replicate"]
    assert np.array_equal(shown["photo"].get_array(), PHOTO[-9:, -9:])
    for mode in ("zero", "replicate"):
        want = ndimage.correlate(PHOTO, box(5), mode=NDIMAGE[mode], cval=0.0)[-9:, -9:]
        assert np.allclose(shown[mode].get_array(), want)
        assert shown[mode].get_clim() == (0.0, 1.0)


def test_zero_padding_darkens_the_blurred_border():
    """On a flat grey picture, the zero-padded blur is darker at the corner, the reflect blur is not."""
    grey = np.full((30, 30), 0.5)
    shown = figures.plot_blurred_corners(grey, box(7), size=10)
    assert shown["zero"].get_array()[0, -1] < 0.3
    assert np.allclose(shown["reflect"].get_array(), 0.5)


def test_corner_refuses_bad_arguments():
    """An unknown corner and a corner larger than the picture are named."""
    with pytest.raises(ValueError, match="where must be one of"):
        figures.corner(PHOTO, 5, "middle")
    with pytest.raises(ValueError, match="size must be an integer"):
        figures.corner(PHOTO, 50, "top left")
    with pytest.raises(ValueError, match="pad_mode must be one of"):
        figures.plot_padded_corner(PHOTO, 2, "mirror", size=5)
