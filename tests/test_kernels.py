"""Named kernels and whole-photo filtering."""

import numpy as np
import pytest
import scipy.ndimage

from convlib.kernels import (
    CENTRAL_X,
    CENTRAL_Y,
    IDENTITY,
    KERNELS,
    LAPLACIAN,
    LAPLACIAN_8,
    PREWITT_X,
    PREWITT_Y,
    SCHARR_X,
    SCHARR_Y,
    SOBEL_X,
    SOBEL_Y,
    box,
    filter_image,
    gaussian,
)

RNG = np.random.default_rng(7)


@pytest.mark.parametrize("name", list(KERNELS))
def test_filter_grey_matches_scipy_ndimage(name):
    """Each named kernel on a grey picture equals scipy.ndimage.correlate with mirror borders."""
    img = RNG.random((37, 41))
    K = KERNELS[name]
    want = scipy.ndimage.correlate(img, K.astype(float), mode="mirror")
    assert np.allclose(filter_image(img, K), want, atol=1e-12)


def test_filter_colour_works_per_channel():
    """A colour picture is filtered channel by channel and keeps its shape."""
    img = RNG.random((20, 30, 3))
    got = filter_image(img, SOBEL_Y)
    assert got.shape == img.shape
    for c in range(3):
        assert np.allclose(got[..., c], scipy.ndimage.correlate(img[..., c], SOBEL_Y.astype(float), mode="mirror"))


def test_filter_uint8_photo_does_not_wrap_around():
    """Sharpening a bright uint8 photo gives values above 255, not wrapped ones."""
    img = np.full((10, 10), 250, dtype=np.uint8)
    img[5, 5] = 255
    out = filter_image(img, KERNELS["sharpen"])
    assert out[5, 5] == 255 * 5 - 4 * 250


def test_identity_leaves_picture_unchanged():
    """The identity kernel returns the picture as it was."""
    img = RNG.random((9, 8, 3))
    assert np.array_equal(filter_image(img, IDENTITY), img)


def test_sobel_kernels_are_transposes():
    """SOBEL_Y is SOBEL_X turned by a quarter: its transpose."""
    assert np.array_equal(SOBEL_Y, SOBEL_X.T)


def test_named_kernels_are_read_only():
    """The public constants cannot be changed by accident."""
    with pytest.raises(ValueError, match="read-only"):
        SOBEL_X[0, 0] = 5


@pytest.mark.parametrize("size", [1, 3, 5, 9])
def test_gaussian_is_normalised_symmetric_rank_one(size):
    """A Gaussian kernel sums to 1, is symmetric, and is a column times a row."""
    k = gaussian(size)
    assert np.isclose(k.sum(), 1.0)
    assert np.allclose(k, k.T) and np.allclose(k, k[::-1, ::-1])
    assert np.linalg.matrix_rank(k) == 1


def test_box_averages():
    """box(n) averages n*n pixels."""
    assert np.allclose(filter_image(np.full((6, 6), 4.0), box(3)), 4.0)


@pytest.mark.parametrize("bad", [0, 4, -3])
def test_gaussian_rejects_bad_sizes(bad):
    """Even or non-positive sizes are refused naming size and the value."""
    with pytest.raises(ValueError, match=rf"^size must be an odd integer >= 1; received {bad}$"):
        gaussian(bad)


@pytest.mark.parametrize(("bad", "shown"), [(2.5, "float 2.5"), (True, "the boolean True"),
                                            ("3", "the string '3'")])
def test_gaussian_rejects_non_integer_sizes(bad, shown):
    """A size that is not an integer is a TypeError, as everywhere else in convlib."""
    with pytest.raises(TypeError, match=rf"^size must be an odd integer >= 1; received {shown}$"):
        gaussian(bad)


@pytest.mark.parametrize("bad", [0, -1.5, float("nan")])
def test_gaussian_rejects_bad_sigma(bad):
    """A sigma that is not a positive number is refused naming sigma."""
    with pytest.raises(ValueError, match=r"^sigma must be a number > 0; received"):
        gaussian(3, sigma=bad)


def test_box_rejects_bad_size():
    """box(0) is refused naming size."""
    with pytest.raises(ValueError, match=r"^size must be an integer >= 1; received 0$"):
        box(0)


def test_box_rejects_text_like_the_rest_of_convlib():
    """box('3') raises the same TypeError as stride='3' does in correlate2d."""
    with pytest.raises(TypeError, match=r"^size must be an integer >= 1; received the string '3'$"):
        box("3")


def test_filter_rejects_four_dimensional_input():
    """A 4-D array is refused with the shapes that are accepted."""
    with pytest.raises(ValueError, match=r"^image must be a 2-D or 3-D array"):
        filter_image(np.zeros((2, 2, 2, 2)), IDENTITY)


def test_filter_rejects_wrong_channel_count():
    """A picture with 5 channels is refused naming its shape."""
    with pytest.raises(ValueError, match=r"image must have shape \(H, W\) or \(H, W, 3\); received shape \(4, 4, 5\)"):
        filter_image(np.zeros((4, 4, 5)), IDENTITY)


# --------------------------------------------------------------------------
# the gradient and Laplacian kernels of lesson 03
# --------------------------------------------------------------------------
DIFFERENCE = np.array([-1, 0, 1])
GRADIENT_PAIRS = {"central": (CENTRAL_X, CENTRAL_Y), "prewitt": (PREWITT_X, PREWITT_Y),
                  "sobel": (SOBEL_X, SOBEL_Y), "scharr": (SCHARR_X, SCHARR_Y)}


@pytest.mark.parametrize(("name", "smoothing"), [("central", [1]), ("prewitt", [1, 1, 1]),
                                                 ("sobel", [1, 2, 1]), ("scharr", [3, 10, 3])])
def test_gradient_kernel_is_smoothing_column_times_difference_row(name, smoothing):
    """Each _X kernel is the outer product of its smoothing column and [-1, 0, 1]; its _Y is the transpose."""
    kx, ky = GRADIENT_PAIRS[name]
    assert np.array_equal(kx, np.outer(smoothing, DIFFERENCE))
    assert np.array_equal(ky, kx.T)


@pytest.mark.parametrize("name", list(GRADIENT_PAIRS))
def test_gradient_kernels_are_antisymmetric_and_sum_to_zero(name):
    """Turning an _X kernel left to right negates it, so a flat picture gives 0."""
    kx, _ = GRADIENT_PAIRS[name]
    assert np.array_equal(kx[:, ::-1], -kx) and kx.sum() == 0


@pytest.mark.parametrize("name", list(GRADIENT_PAIRS))
def test_gradient_kernels_are_positive_where_it_gets_brighter(name):
    """Dark left, light right: positive _X response; dark top, light bottom: positive _Y response."""
    kx, ky = GRADIENT_PAIRS[name]
    step = np.zeros((5, 6))
    step[:, 3:] = 1
    assert scipy.ndimage.correlate(step, kx.astype(float), mode="mirror")[2, 2] > 0
    assert scipy.ndimage.correlate(step.T, ky.astype(float), mode="mirror")[2, 2] > 0


def test_laplacians_are_second_differences():
    """LAPLACIAN is [1, -2, 1] down plus across; LAPLACIAN_8 is the 3x3 block sum minus 9 times the centre."""
    second = np.zeros((3, 3))
    second[1, :] += [1, -2, 1]
    second[:, 1] += [1, -2, 1]
    assert np.array_equal(LAPLACIAN, second)
    assert np.array_equal(LAPLACIAN_8, np.ones((3, 3)) - 9 * IDENTITY)
    assert LAPLACIAN.sum() == 0 and LAPLACIAN_8.sum() == 0


@pytest.mark.parametrize("kernel", [CENTRAL_X, CENTRAL_Y, PREWITT_X, PREWITT_Y, SCHARR_X, SCHARR_Y,
                                    LAPLACIAN_8])
def test_new_kernels_are_read_only(kernel):
    """The kernels added for lesson 03 cannot be changed by accident either."""
    with pytest.raises(ValueError, match="read-only"):
        kernel[0, 0] = 5
