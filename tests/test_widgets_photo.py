"""Tests of convlib.widgets.photo: PhotoFilter."""

import numpy as np
import pytest

from convlib.kernels import KERNELS, filter_image
from convlib.widgets import PhotoFilter

PHOTO = np.random.default_rng(2).random((24, 20, 3))


def test_photo_filter_applies_the_chosen_kernel():
    """Choosing a kernel filters the photo with exactly that kernel."""
    pf = PhotoFilter(PHOTO, kernel="sharpen")
    pf.choice.value = "emboss"
    assert np.array_equal(pf.result, filter_image(PHOTO, KERNELS["emboss"]))
    assert pf._filtered.value[1:4] == b"PNG"


def test_photo_filter_parses_a_typed_kernel():
    """A kernel typed as text is parsed and applied."""
    pf = PhotoFilter(PHOTO)
    pf.choice.value = "type your own"
    pf.text.value = "0 0 0; 0 2 0; 0 0 0"
    assert np.allclose(pf.result, 2 * PHOTO)
    assert pf.error == ""


def test_photo_filter_shows_bad_typed_kernel_in_place():
    """Ragged text is reported inside the widget, naming the row, and nothing raises."""
    pf = PhotoFilter(PHOTO)
    pf.choice.value = "type your own"
    before = pf.result
    pf.text.value = "1 2; 3"
    assert "row 2 has 1 numbers, row 1 has 2" in pf.error
    assert pf.result is before


def test_photo_filter_never_evaluates_typed_text():
    """Python code typed as a kernel is refused as text, not run."""
    pf = PhotoFilter(PHOTO)
    pf.choice.value = "type your own"
    pf.text.value = "__import__('os').getcwd()"
    assert "Your kernel" in pf.error


def test_photo_filter_reports_edge_rule_for_zero_sum_kernels():
    """Edge kernels (weights adding to 0) are shown as response size, and say so."""
    pf = PhotoFilter(PHOTO, kernel="edges: Laplacian")
    assert "weights add up to 0" in pf._status.value
    pf.choice.value = "blur (box 3x3)"
    assert "clipped" in pf._status.value


def test_photo_filter_rejects_unknown_first_kernel():
    """An unknown starting kernel name lists the valid names."""
    with pytest.raises(ValueError, match=r"^kernel must be one of 'identity'.*received 'glow'"):
        PhotoFilter(PHOTO, kernel="glow")


def test_photo_filter_text_form_names_kernel_and_size():
    """Without a browser the photo filter reads as one line."""
    assert repr(PhotoFilter(PHOTO, kernel="sharpen")) == "PhotoFilter: kernel 'sharpen' on a 24x20 photo"
