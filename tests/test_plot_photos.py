"""Tests of convlib.plot.photos."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.image import AxesImage  # noqa: E402

from convlib.plot import (  # noqa: E402
    flashlight,
    sample_image,
    show_image,
)

# --------------------------------------------------------------------------
# photos
# --------------------------------------------------------------------------


def test_show_image_axis_off_and_returns_image(ax):
    """show_image returns the AxesImage and hides the axis."""
    im = show_image(sample_image("mri"), ax, title="MRI")
    assert isinstance(im, AxesImage) and not ax.axison and ax.get_title() == "MRI"


def test_show_image_gray_colour_map(ax):
    """Grey pictures use the 'gray' colour map by default."""
    assert show_image(np.eye(3), ax).get_cmap().name == "gray"


def test_show_image_uint8_grey_uses_full_byte_range(ax):
    """A dark uint8 picture stays dark: limits 0 and 255."""
    im = show_image(np.full((4, 4), 10, dtype=np.uint8), ax)
    assert im.get_clim() == (0, 255)


def test_show_image_float_unit_range_kept(ax):
    """Floats within [0, 1] are shown on the 0-1 scale."""
    im = show_image(np.full((4, 4), 0.2), ax)
    assert im.get_clim() == (0, 1)


def test_show_image_stretches_filter_output(ax):
    """Values outside [0, 1] (e.g. edge filters) are stretched from min to max."""
    im = show_image(np.array([[-3.0, 0.0], [1.0, 5.0]]), ax)
    assert im.get_clim() == (-3, 5)


def test_show_image_rgb_out_of_range_normalised(ax):
    """RGB floats outside [0, 1] are scaled into [0, 1]."""
    im = show_image(np.linspace(-1, 3, 12).reshape(2, 2, 3), ax)
    data = np.asarray(im.get_array())
    assert data.min() == 0 and data.max() == 1


def test_show_image_rgb_uint8(ax):
    """uint8 RGB is divided by 255."""
    im = show_image(np.full((2, 2, 3), 255, dtype=np.uint8), ax)
    assert np.asarray(im.get_array()).max() == 1


def test_show_image_rejects_two_channels(ax):
    """Only grey (H, W) and RGB (H, W, 3) are accepted."""
    expected = r"image must be grey, shape \(H, W\), or RGB, shape \(H, W, 3\); received shape \(4, 4, 2\)"
    with pytest.raises(ValueError, match=expected):
        show_image(np.zeros((4, 4, 2)), ax)


def test_show_image_rejects_1d(ax):
    """A 1-D array is not a picture."""
    with pytest.raises(ValueError, match="image must be a 2-D or 3-D array; received 1-D input"):
        show_image(np.zeros(4), ax)


def test_flashlight_lights_only_the_windows():
    """Inside each lit square the photo is unchanged; outside it is dimmed by `dim`."""
    photo = np.linspace(0.0, 1.0, 40 * 50).reshape(40, 50)
    art = flashlight(photo, 10, [(5, 5), (5, 30)], dim=0.25)
    shown = np.asarray(art.image.get_array())
    assert np.allclose(shown[5:15, 5:15], photo[5:15, 5:15])
    assert np.allclose(shown[30:, :], photo[30:, :] * 0.25)
    assert [t.get_text() for t in art.labels] == ["1", "2"]
    plt.close(art.image.figure)


def test_flashlight_rejects_a_square_outside_the_picture():
    """A position that would put the square outside the image is named in the error."""
    with pytest.raises(ValueError, match=r"positions\[1\] must keep a 10x10 square inside the 40x50 image"):
        flashlight(np.zeros((40, 50)), 10, [(0, 0), (35, 0)])


def test_display_range_clips_brightness_keeping_filters():
    """A blur's output is clipped to [0, 1]."""
    from convlib.plot import display_range

    out = display_range(np.array([[-0.2, 0.4], [1.7, 1.0]]), np.full((3, 3), 1 / 9))
    assert out.tolist() == [[0.0, 0.4], [1.0, 1.0]]


def test_display_range_shows_edge_response_size():
    """An edge filter's output is shown as |response|, scaled to the 99.5th percentile."""
    from convlib.plot import display_range

    v = np.linspace(-1, 1, 201)
    out = display_range(v, [[1, 0, -1]])
    assert np.allclose(out, np.clip(np.abs(v) / np.percentile(np.abs(v), 99.5), 0, 1))


def test_png_bytes_round_trips():
    """png_bytes writes a PNG whose pixels are the picture scaled to 0..255."""
    from io import BytesIO

    from PIL import Image

    from convlib.plot import png_bytes

    img = np.array([[0.0, 0.5], [1.0, 0.25]])
    back = np.asarray(Image.open(BytesIO(png_bytes(img))))
    assert back.tolist() == [[0, 128], [255, 64]]
