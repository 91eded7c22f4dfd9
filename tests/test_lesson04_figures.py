"""Tests of convlib.lessons.lesson04.figures: patterns, kernels, a row's energy, energy and winner maps."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import scipy.ndimage as ndi  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402

from convlib.data import stripes, texture_scene  # noqa: E402
from convlib.kernels import gabor  # noqa: E402
from convlib.lessons.lesson04 import figures  # noqa: E402

RNG = np.random.default_rng(8)


@pytest.fixture(autouse=True)
def close_figures():
    """Every test starts and ends without open figures."""
    plt.close("all")
    yield
    plt.close("all")


def scipy_regions(labels):
    """Connected regions with scipy: 4-connected components of each label, numbered in reading order."""
    out = np.full(labels.shape, -1)
    first = {}
    for lab in np.unique(labels):
        comp, n = ndi.label(labels == lab)
        for k in range(1, n + 1):
            ys, xs = np.nonzero(comp == k)
            first[(lab, k)] = (ys[0] * labels.shape[1] + xs[0], comp == k)
    for number, (_, mask) in enumerate(sorted(first.values(), key=lambda v: v[0])):
        out[mask] = number
    return out


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_regions_match_scipy_label(seed):
    """Regions of a random label map are scipy.ndimage.label's components, numbered in reading order."""
    labels = (RNG.random((30, 40)) * 3).astype(int)
    labels = ndi.median_filter(labels, 3)       # some larger blobs, some single pixels
    assert np.array_equal(figures.regions(labels), scipy_regions(labels))


def test_regions_of_the_scene():
    """The default scene's nine patches join into the regions scipy finds."""
    labels = texture_scene().labels
    assert np.array_equal(figures.regions(labels), scipy_regions(labels))


@pytest.mark.parametrize("margin", [0, 3, 8])
def test_label_points_lie_deep_inside_their_region(margin):
    """Each point's (2 margin + 1) square lies inside one region, one point per region wide enough."""
    labels = texture_scene().labels
    R = figures.regions(labels)
    points = figures.label_points(labels, margin)
    found = [R[i, j] for i, j in points]
    assert len(set(found)) == len(found)
    for i, j in points:
        assert (R[i - margin:i + margin + 1, j - margin:j + margin + 1] == R[i, j]).all()
    if margin == 0:
        assert sorted(found) == list(range(R.max() + 1))


def test_plot_patterns_and_kernels_draw_grey_pictures():
    """One picture per pattern (black 0, white 1) and per kernel (mid-grey 0: symmetric limits)."""
    images = figures.plot_patterns({"a": stripes((8, 8), 4), "b": np.zeros((8, 8))})
    assert [im.get_clim() for im in images] == [(0.0, 1.0), (0.0, 1.0)]
    assert [im.axes.get_title() for im in images] == ["a", "b"]
    K = gabor(30, 6)
    [im] = figures.plot_kernels({"K": K})
    lim = np.abs(K).max()
    assert im.get_clim() == pytest.approx((-lim, lim)) and im.get_interpolation() == "nearest"
    assert np.array_equal(im.get_array(), K)


def test_plot_kernels_in_two_rows():
    """Eight kernels in two rows of four."""
    images = figures.plot_kernels({str(t): gabor(t, 8) for t in range(0, 160, 20)}, rows=2)
    assert len(images) == 8 and len(images[0].figure.axes) == 8


def test_plot_row_draws_the_response_its_square_and_energy():
    """The lines are the picture's row, scipy's response, its square and its Gaussian-blurred square."""
    X = np.hstack([stripes((40, 30), 8, 0), stripes((40, 30), 8, 90)])
    K = gabor(0, 8)
    axes = figures.plot_row(X, K, row=20, sigma=4)
    R = ndi.correlate(X, K, mode="mirror")
    E = ndi.gaussian_filter(R * R, 4, mode="mirror", truncate=3.0)
    lines = [ax.get_lines() for ax in axes]
    np.testing.assert_allclose(lines[0][0].get_ydata(), X[20])
    np.testing.assert_allclose(lines[1][1].get_ydata(), R[20], atol=1e-12)      # [0] is the zero line
    np.testing.assert_allclose(lines[2][0].get_ydata(), R[20] ** 2, atol=1e-12)
    np.testing.assert_allclose(lines[2][1].get_ydata(), E[20], atol=1e-12)
    styles = {line.get_linestyle() for line in lines[2]}
    assert styles == {"--", "-"}      # told apart by style as well as colour


def test_plot_energy_maps_share_one_scale():
    """Every energy map has the same limits, 0 to the 99.5th percentile of all of them."""
    E = RNG.random((3, 10, 10)) * [[[1]], [[2]], [[3]]]
    images = figures.plot_energy_maps(E, ["a", "b", "c"])
    assert [im.get_clim() for im in images] == [(0.0, pytest.approx(np.percentile(E, 99.5)))] * 3
    assert images[1].axes.get_title() == "energy of b"


def test_plot_winners_colours_stripes_and_words():
    """Label maps: each label's Okabe-Ito colour, shaded by its own stripes; a word on every region."""
    scene = texture_scene()
    names = [f"{t.angle:g}°" for t in scene.textures]
    looks = [(t.angle, t.size) for t in scene.textures]
    predicted = scene.labels.copy()
    predicted[:5] = 0
    axes = figures.plot_winners(scene.image, scene.labels, predicted, names, looks)
    rgb = axes[1].get_images()[0].get_array()
    for lab, (angle, size) in enumerate(looks):
        here = scene.labels == lab
        shade = 0.72 + 0.28 * stripes(scene.labels.shape, size, angle)
        want = np.array(to_rgb(figures.LABEL_COLOURS[lab]))[None] * shade[here][:, None]
        np.testing.assert_allclose(rgb[here], want)
    words = [t.get_text() for t in axes[1].texts]
    assert len(words) == figures.regions(scene.labels).max() + 1 and set(words) == set(names)
    wrong = (scene.labels != predicted).mean()
    assert axes[3].get_title() == f"disagree (black): {100 * wrong:.1f}%"
    assert np.array_equal(axes[3].get_images()[0].get_array() == 0, scene.labels != predicted)


def test_label_colours_are_distinct_okabe_ito():
    """Seven different colours, none of them black (kept for the words)."""
    assert len(set(figures.LABEL_COLOURS)) == 7 and "#000000" not in figures.LABEL_COLOURS


@pytest.mark.parametrize(("call", "words"), [
    (lambda: figures.plot_row(np.zeros((5, 5)), [[1]], row=5, sigma=1),
     r"^row must be an integer from 0 to 4"),
    (lambda: figures.plot_patterns({"a": np.zeros(3)}, axes=[None, None]),
     r"^axes must hold 1 Axes; received 2$"),
    (lambda: figures.label_points(np.zeros((4, 4), int), -1), r"^margin must be an integer >= 0"),
])
def test_bad_arguments_are_refused_by_name(call, words):
    """Bad arguments name the parameter."""
    with pytest.raises(ValueError, match=words):
        call()
