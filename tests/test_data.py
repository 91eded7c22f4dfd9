"""Tests of convlib.data: sample pictures that ship with matplotlib."""


import numpy as np
import pytest

from convlib.data import sample_image


def test_sample_image_gray_is_2d_float_in_unit_range():
    """The grey picture is a 2-D float64 array in [0, 1]."""
    img = sample_image("grace_hopper", gray=True)
    assert img.ndim == 2 and img.dtype == np.float64
    assert img.min() >= 0 and img.max() <= 1 and img.max() > 0.5


def test_sample_image_colour_is_rgb():
    """The colour picture has shape (H, W, 3), float64 in [0, 1]."""
    img = sample_image("grace_hopper", gray=False)
    assert img.shape == (600, 512, 3) and img.dtype == np.float64
    assert 0 <= img.min() and img.max() <= 1


def test_sample_image_gray_uses_bt601_weights():
    """Grey = 0.299 R + 0.587 G + 0.114 B."""
    rgb = sample_image(gray=False)
    expected = 0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]
    np.testing.assert_allclose(sample_image(gray=True), expected)


@pytest.mark.parametrize("name", ["mri", "terrain"])
def test_sample_image_other_pictures_are_grey_unit_range(name):
    """The other sample pictures load as 2-D floats spanning [0, 1]."""
    img = sample_image(name)
    assert img.ndim == 2 and img.dtype == np.float64 and img.min() == 0 and img.max() == 1


def test_sample_image_returns_a_fresh_copy():
    """Changing the returned array does not change the next one."""
    a = sample_image("mri")
    a[:] = 0
    assert sample_image("mri").max() == 1


def test_sample_image_unknown_name_lists_names():
    """An unknown name is refused with the list of available pictures."""
    with pytest.raises(ValueError, match="'grace_hopper'.*'mri'.*'terrain'.*received the string 'lena'"):
        sample_image("lena")
