"""Tests of convlib.lessons.lesson03.figures: kernels, gradients, directions as arrows and colours, edges."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import scipy.ndimage as ndi  # noqa: E402
from matplotlib import colormaps  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402

from convlib.edges import gradients  # noqa: E402
from convlib.kernels import PREWITT_X, SOBEL_X  # noqa: E402
from convlib.lessons.lesson03 import figures  # noqa: E402

RNG = np.random.default_rng(5)
PHOTO = RNG.random((60, 80))


def brute_strongest(mag, block):
    """The largest pixel of each whole tile, found with two plain loops (row-major, first maximum)."""
    rows, cols = [], []
    for tr in range(mag.shape[0] // block):
        for tc in range(mag.shape[1] // block):
            tile = mag[tr * block:(tr + 1) * block, tc * block:(tc + 1) * block]
            r, c = np.unravel_index(np.argmax(tile), tile.shape)
            rows.append(tr * block + r)
            cols.append(tc * block + c)
    return rows, cols


@pytest.mark.parametrize("block", [1, 3, 7, 16])
def test_strongest_in_blocks_matches_loops(block):
    """One pixel per whole tile, the tile's largest, as found by two plain loops."""
    mag = RNG.random((37, 50))
    rows, cols, values = figures.strongest_in_blocks(mag, block)
    want_r, want_c = brute_strongest(mag, block)
    assert rows.tolist() == want_r and cols.tolist() == want_c and np.array_equal(values, mag[rows, cols])


def test_strongest_in_blocks_of_a_too_small_picture_is_empty():
    """A picture smaller than one tile has no arrows."""
    rows, cols, values = figures.strongest_in_blocks(np.ones((5, 5)), 8)
    assert rows.size == cols.size == values.size == 0


@pytest.mark.parametrize(("angle", "tip_side"), [(0.0, "right"), (np.pi / 2, "bottom"), (np.pi, "left"),
                                                 (-np.pi / 2, "top")])
def test_arrow_head_is_on_the_side_it_points_to(angle, tip_side):
    """An arrow at 0 points right and at 90 degrees down (the head has more pixels on that side)."""
    rgb = figures.draw_arrows(np.zeros((41, 41)), [20], [20], [angle], 24)
    orange = np.all(np.isclose(rgb, to_rgb(figures.ARROW_COLOUR)), axis=-1)
    halves = {"right": orange[:, 21:].sum() - orange[:, :20].sum(),
              "left": orange[:, :20].sum() - orange[:, 21:].sum(),
              "bottom": orange[21:].sum() - orange[:20].sum(),
              "top": orange[:20].sum() - orange[21:].sum()}
    assert halves[tip_side] > 5


def test_arrows_are_outlined_and_stay_inside():
    """Arrows near the border are clipped; orange pixels next to the grey picture touch the black outline."""
    rgb = figures.draw_arrows(np.full((20, 20), 0.5), [1, 18], [1, 18], [0.3, -2.0], 14)
    assert rgb.shape == (20, 20, 3)
    black = np.all(rgb == 0, axis=-1)
    orange = np.all(np.isclose(rgb, to_rgb(figures.ARROW_COLOUR)), axis=-1)
    grey = np.all(rgb == 0.5, axis=-1)
    assert orange.any() and black.any() and (black | orange | grey).all()
    near_black = ndi.binary_dilation(black, np.ones((3, 3)), border_value=1)
    assert not (orange & ndi.binary_dilation(grey, np.ones((3, 3))) & ~near_black).any()


def test_no_arrows_leave_the_picture_unchanged():
    """With no arrow to draw, the grey picture comes back as RGB, unchanged."""
    pic = RNG.random((6, 7))
    rgb = figures.draw_arrows(pic, [], [], [], 5)
    assert np.array_equal(rgb, np.repeat(pic[..., None], 3, axis=-1))


def test_direction_colours_use_twilight_and_grey():
    """A masked pixel is grey; the others take twilight's colour at (angle + pi) / (2 pi)."""
    gx = np.array([[1.0, 0.0, -1.0]])
    gy = np.array([[0.0, 1.0, 0.0]])
    rgb = figures.direction_colours(gx, gy, mask=[[True, True, False]])
    cmap = colormaps["twilight"]
    assert np.allclose(rgb[0, 0], cmap(0.5)[:3]) and np.allclose(rgb[0, 1], cmap(0.75)[:3])
    assert np.allclose(rgb[0, 2], 0.55)


def test_plot_kernels_labels_every_weight():
    """Each kernel is drawn with its numbers written in, one Axes per kernel."""
    arts = figures.plot_kernels({"Prewitt x": PREWITT_X, "Sobel x": SOBEL_X})
    assert len(arts) == 2
    assert [t.get_text() for t in arts[1].texts[1]] == ["-2", "0", "2"]


def test_plot_gradients_puts_zero_at_mid_grey():
    """gx and gy share a range symmetric about 0; the magnitude starts at 0."""
    gx, gy = gradients(PHOTO)
    ims = figures.plot_gradients(PHOTO, gx, gy)
    lo, hi = ims[1].get_clim()
    assert lo == -hi and ims[2].get_clim() == (lo, hi) and ims[3].get_clim()[0] == 0


def test_plot_direction_draws_one_arrow_per_strong_tile():
    """The quiver has one unit arrow per tile of the close-up above the threshold, along the gradient."""
    gx, gy = gradients(PHOTO, normalize=True)
    art = figures.plot_direction(PHOTO, gx, gy, threshold=0.3, region=(10, 50, 20, 70), step=5)
    mag = np.hypot(gx, gy)[10:50, 20:70]
    rows, cols, values = figures.strongest_in_blocks(mag, 5)
    keep = values > 0.3
    assert len(art.arrows.U) == keep.sum()
    angles = np.arctan2(gy[10:50, 20:70][rows[keep], cols[keep]], gx[10:50, 20:70][rows[keep], cols[keep]])
    assert np.allclose(art.arrows.U, np.cos(angles)) and np.allclose(art.arrows.V, np.sin(angles))
    words = [t.get_text() for t in art.wheel.axes.texts if t.get_text()]
    assert words == ["right\n0°", "down\n90°", "left\n180°", "up\n-90°"]


def test_plot_smoothing_titles_give_the_share_of_edges():
    """Each edge map's title gives the share of pixels above the threshold, as scipy computes it."""
    noisy = np.clip(PHOTO * 0.2 + 0.4 + 0.1 * RNG.standard_normal(PHOTO.shape), 0, 1)
    ims = figures.plot_smoothing(noisy, threshold=0.1, sigmas=(0, 2))
    blurred = ndi.gaussian_filter(noisy, 2, mode="mirror", truncate=3.0)
    mag = np.hypot(ndi.sobel(blurred, axis=1, mode="mirror"), ndi.sobel(blurred, axis=0, mode="mirror")) / 8
    assert f"{100 * (mag > 0.1).mean():.1f}% of pixels" in ims[2].axes.get_title()
    assert len(ims) == 3


def test_wrong_number_of_axes_is_refused():
    """Passing two Axes to a four-panel figure is refused, saying how many are needed."""
    import matplotlib.pyplot as plt

    axes = plt.subplots(1, 2)[1]
    gx, gy = gradients(PHOTO)
    with pytest.raises(ValueError, match=r"^axes must hold 4 Axes; received 2$"):
        figures.plot_gradients(PHOTO, gx, gy, axes=axes)
