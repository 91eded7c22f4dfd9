"""Tests of convlib.lessons.lesson06's arrays, helpers and figures (examples.py and figures.py).

References are written here: the grey formula 0.299 R + 0.587 G + 0.114 B,
np.transpose for the channel order, scipy.ndimage for the filters' responses,
and the receptive-field recurrence for the impulse experiment.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import scipy.ndimage as ndi  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from convlib import conv2d, max_pool  # noqa: E402
from convlib.data import sample_image  # noqa: E402
from convlib.lessons.lesson06 import examples as E  # noqa: E402
from convlib.lessons.lesson06 import figures as F  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    """Every test starts and ends with no open figure."""
    plt.close("all")
    yield
    plt.close("all")


# --------------------------------------------------------------------------
# examples
# --------------------------------------------------------------------------
def test_channels_first_and_last_are_transposes():
    """(H, W, C) -> (C, H, W) and back, as np.transpose does it."""
    photo = np.random.default_rng(0).random((5, 4, 3))
    x = E.channels_first(photo)
    assert np.array_equal(x, np.transpose(photo, (2, 0, 1))) and np.array_equal(E.channels_last(x), photo)


def test_channel_helpers_name_their_parameter():
    """A 2-D picture is refused, naming the parameter."""
    with pytest.raises(ValueError, match=r"^picture must be a 3-D array"):
        E.channels_first(np.zeros((4, 4)))
    with pytest.raises(ValueError, match=r"^x must be a 3-D array"):
        E.channels_last(np.zeros((4, 4)))


def test_grey_weights_as_a_1x1_convolution_give_the_grey_photo():
    """The 1x1 convolution equals 0.299 R + 0.587 G + 0.114 B, and sample_image's grey photo."""
    photo = sample_image("grace_hopper", gray=False)
    grey = conv2d(E.channels_first(photo), E.GREY_WEIGHTS)[0]
    by_hand = 0.299 * photo[..., 0] + 0.587 * photo[..., 1] + 0.114 * photo[..., 2]
    assert np.allclose(grey, by_hand, atol=1e-12)
    assert np.allclose(grey, sample_image("grace_hopper"), atol=1e-12)


def test_redness_is_red_box_minus_blue_box():
    """REDNESS: +1/9 on red, 0 on green, -1/9 on blue; its map is the red mean minus the blue mean (scipy)."""
    assert E.REDNESS.shape == (1, 3, 3, 3)
    assert np.allclose(E.REDNESS[0] * 9, np.stack([np.ones((3, 3)), np.zeros((3, 3)), -np.ones((3, 3))]))
    x = np.random.default_rng(1).random((3, 7, 8))
    want = (ndi.uniform_filter(x[0], 3) - ndi.uniform_filter(x[2], 3))[1:-1, 1:-1]
    assert np.allclose(conv2d(x, E.REDNESS)[0], want)


def test_bank_filters_respond_to_what_their_names_say():
    """On a grey vertical edge the vertical-edge filter responds, the horizontal one gives 0."""
    assert E.BANK.shape == (4, 3, 3, 3) and len(E.BANK_NAMES) == 4
    edge = np.zeros((3, 6, 6))
    edge[:, :, 3:] = 1.0
    maps = conv2d(edge, E.BANK)
    assert maps[0].max() == pytest.approx(4.0) and np.allclose(maps[1], 0) and np.allclose(maps[2], 0)
    assert np.allclose(maps[3], ndi.uniform_filter(edge.sum(0) / 3, 3)[1:-1, 1:-1])
    assert np.array_equal(E.BANK[2], E.REDNESS[0])


def test_pool_x_has_one_largest_value_per_block():
    """Every 2x2 block of POOL_X has a single largest value (so the winner is never a tie)."""
    P = np.asarray(E.POOL_X)
    for r in range(0, 6, 2):
        for c in range(0, 6, 2):
            block = P[r:r + 2, c:c + 2].ravel()
            assert (block == block.max()).sum() == 1
    assert (P < 0).any()


def test_shifted_response_pools_the_same():
    """The two SHIFT_X maps differ, and their 2x2 max poolings are equal."""
    A, B = E.SHIFT_X
    assert not np.array_equal(A, B) and np.array_equal(max_pool(A, 2), max_pool(B, 2))


def test_data_are_read_only():
    """The lesson's arrays cannot be changed by accident."""
    for arr in (E.POOL_X, E.BANK, E.REDNESS, E.GREY_WEIGHTS, E.SHIFT_X):
        assert not arr.flags.writeable


def recurrence(layers):
    """Receptive field by the rule r += d(k-1)j, j *= s, written here."""
    r, j = 1, 1
    for layer in layers:
        k, s, d = (layer[1], layer[2], 1) if layer[0] == "pool" else (*layer, 1)[:3]
        r, j = r + d * (k - 1) * j, j * s
    return r


layer_st = st.one_of(st.tuples(st.integers(1, 3), st.integers(1, 2)),
                     st.tuples(st.integers(1, 3), st.integers(1, 2), st.integers(1, 2)),
                     st.tuples(st.just("pool"), st.integers(1, 3), st.integers(1, 3)))


@settings(max_examples=30, deadline=None)
@given(st.lists(layer_st, min_size=1, max_size=3))
def test_receptive_mask_spans_the_receptive_field(layers):
    """The cells an impulse reaches Y[0,0] from start at (0, 0) and span the side given by the recurrence."""
    r = recurrence(layers)
    mask = E.receptive_mask(layers, r + 2)
    rows, cols = np.nonzero(mask)
    assert rows.min() == cols.min() == 0 and rows.max() + 1 == cols.max() + 1 == r


def test_receptive_mask_checks_its_layers():
    """A bad layer is refused, naming it."""
    with pytest.raises(ValueError, match=r"^layers\[1\] kernel_size must be an integer >= 1"):
        E.receptive_mask([(3, 1), (0, 1)], 6)


# --------------------------------------------------------------------------
# figures
# --------------------------------------------------------------------------
def test_plot_channels_shows_the_photo_and_three_grey_channels():
    """Four panels: the colour picture, then each channel in grey from 0 to 1, titled by colour."""
    x = np.random.default_rng(2).random((3, 10, 12))
    images = F.plot_channels(x)
    titles = [im.axes.get_title() for im in images]
    assert titles == ["the photo: X", "X[0]: red", "X[1]: green", "X[2]: blue"]
    assert images[0].get_array().shape == (10, 12, 3)
    assert all(im.get_clim() == (0.0, 1.0) and im.get_cmap().name == "gray" for im in images[1:])


def test_plot_channels_needs_three_channels():
    """Four channels are refused with the expected shape in the message."""
    with pytest.raises(ValueError, match=r"^x must have 3 channels \(red, green, blue\) first"):
        F.plot_channels(np.zeros((4, 5, 5)))


def test_plot_maps_centres_signed_maps_on_grey():
    """Signed maps get a symmetric range (0 is mid-grey); positive maps keep their own; one title each."""
    rng = np.random.default_rng(3)
    signed, positive = rng.standard_normal((10, 10)), rng.random((10, 10))
    images = F.plot_maps(np.stack([signed, positive]), ["a", "b"])
    lo, hi = images[0].get_clim()
    assert lo == -hi and hi == pytest.approx(np.percentile(np.abs(signed), 99.5))
    assert images[1].get_clim() == (0.0, 1.0) and [im.axes.get_title() for im in images] == ["a", "b"]


def test_plot_maps_lays_out_rows_and_checks_titles():
    """Five maps at four per row make two rows, the spare axes hidden; a missing title is refused."""
    images = F.plot_maps(np.ones((5, 4, 4)), list("abcde"))
    assert len(images) == 5 and len(images[0].figure.axes) == 8
    with pytest.raises(ValueError, match=r"^titles must have one title per map \(5\); received 4"):
        F.plot_maps(np.ones((5, 4, 4)), list("abcd"))


def test_plot_pooled_shows_three_pictures_at_the_photo_size():
    """The photo, its max pooling and its average pooling, all stretched over the photo's extent."""
    x = np.random.default_rng(4).random((3, 16, 12))
    images = F.plot_pooled(x, 4)
    assert [im.get_array().shape for im in images] == [(16, 12, 3), (4, 3, 3), (4, 3, 3)]
    assert all(im.get_extent() == [0, 12, 16, 0] for im in images)
    assert np.allclose(images[1].get_array(), np.moveaxis(max_pool(x, 4), 0, -1))
    assert [im.axes.get_title() for im in images][1] == "max pooling 4×4: 4×3"


def test_plot_receptive_field_draws_the_mask():
    """The picture is the impulse mask, with a tick in each reached cell and the side in the title."""
    im = F.plot_receptive_field([(3, 1), (3, 1)], 7)
    assert np.array_equal(im.get_array() > 0, E.receptive_mask([(3, 1), (3, 1)], 7))
    assert im.axes.get_title() == "5×5 input cells reach Y[0,0]"
    assert sum(t.get_text() == "✓" for t in im.axes.texts) == 25
