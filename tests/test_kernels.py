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


# --------------------------------------------------------------------------
# the photo-filter kernels of lesson 08: outline, unsharp mask, motion blur
# --------------------------------------------------------------------------
from convlib.kernels import OUTLINE, motion_blur, unsharp_mask  # noqa: E402


def test_outline_is_eight_times_the_pixel_minus_its_neighbours():
    """OUTLINE = 9 x identity - 3x3 ones, sums to 0, is read-only, and filters like scipy.ndimage.correlate."""
    assert np.array_equal(OUTLINE, 9 * IDENTITY - np.ones((3, 3))) and OUTLINE.sum() == 0
    img = RNG.random((25, 31))
    assert np.allclose(filter_image(img, OUTLINE), scipy.ndimage.correlate(img, OUTLINE.astype(float), mode="mirror"))
    with pytest.raises(ValueError, match="read-only"):
        OUTLINE[0, 0] = 1


@pytest.mark.parametrize(("amount", "radius"), [(1.0, 1.0), (0.5, 0.5), (2.0, 1.5), (3.0, 0.3), (0.0, 2.0)])
def test_unsharp_mask_is_picture_plus_amount_times_detail(amount, radius):
    """Filtering with unsharp_mask(a, r) = X + a (X - gaussian_filter(X, r)), scipy's Gaussian of the same reach."""
    img = RNG.random((40, 44))
    reach = int(np.ceil(3 * radius))
    blurred = scipy.ndimage.gaussian_filter(img, radius, mode="mirror", radius=reach)
    want = img + amount * (img - blurred)
    assert np.allclose(filter_image(img, unsharp_mask(amount, radius)), want, atol=1e-12)


def test_unsharp_mask_overshoots_at_an_edge():
    """On a step from 0.2 to 0.8 the dark side dips below 0.2 and the light side rises above 0.8; flat parts stay."""
    step = np.full((9, 12), 0.2)
    step[:, 6:] = 0.8
    out = filter_image(step, unsharp_mask(1.0, 1.0))
    assert out[4, 5] < 0.2 < 0.8 < out[4, 6]
    assert np.isclose(out[4, 0], 0.2) and np.isclose(out[4, 11], 0.8)


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    ({"amount": -1}, ValueError, r"^amount must be a number >= 0 and <= 10 \(how much detail is added back\); "
                                 r"received -1$"),
    ({"radius": 0.1}, ValueError, r"^radius must be a number >= 0.3 and <= 10"),
    ({"amount": "1"}, TypeError, r"^amount must be a number .*; received the string '1'$"),
])
def test_unsharp_mask_refuses_bad_settings(kwargs, error, words):
    """Amounts and radii out of range are refused by name."""
    with pytest.raises(error, match=words):
        unsharp_mask(**kwargs)


def supersampled_streak(length, angle, n, samples=400_000):
    """Reference motion blur: many points spread evenly along the streak, counted in the cell each falls in."""
    r = n // 2
    t = -length / 2 + (np.arange(samples) + 0.5) * (length / samples)   # midpoints of equal pieces
    theta = np.radians(angle)
    x, y = t * np.cos(theta), -t * np.sin(theta)        # counter-clockwise on screen: rows grow downwards
    rows, cols = np.floor(y + 0.5).astype(int) + r, np.floor(x + 0.5).astype(int) + r
    K = np.zeros((n, n))
    np.add.at(K, (rows, cols), 1.0)
    return K / K.sum()


@pytest.mark.parametrize(("length", "angle"), [(1, 0), (3, 0), (4, 0), (5, 90), (7, 30), (9, 45), (9, 120),
                                               (15, -20), (6, 200), (11, 75.5)])
def test_motion_blur_matches_a_supersampled_streak(length, angle):
    """Each weight is the share of the streak in that cell: a dense sampling of the segment agrees."""
    K = motion_blur(length, angle)
    assert K.shape == (2 * (length // 2) + 1,) * 2 and np.isclose(K.sum(), 1.0)
    assert np.allclose(K, supersampled_streak(length, angle, K.shape[0]), atol=2e-4)


def test_motion_blur_angle_convention():
    """0 degrees is a row, 90 a column, 45 runs from bottom left to top right (counter-clockwise on screen)."""
    assert np.allclose(motion_blur(5, 0)[2], 0.2) and np.allclose(motion_blur(5, 90)[:, 2], 0.2)
    K = motion_blur(7, 45)
    assert K[1, -2] > 0 and K[-2, 1] > 0 and K[1, 1] == 0 and K[-2, -2] == 0
    assert np.allclose(motion_blur(9, 30), motion_blur(9, 210))


def test_motion_blur_smears_a_dot_into_a_streak_of_the_stated_length():
    """A single bright dot blurred horizontally becomes a row of `length` equal values (mass kept)."""
    dot = np.zeros((15, 15))
    dot[7, 7] = 1.0
    out = filter_image(dot, motion_blur(5, 0))
    assert np.allclose(out[7, 5:10], 0.2) and np.isclose(out.sum(), 1.0) and np.allclose(np.delete(out, 7, 0), 0)


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    ({"length": 0}, ValueError, r"^length must be an integer from 1 to 101 \(the streak's length in pixels\); "
                                r"received 0$"),
    ({"length": 2.5}, TypeError, r"^length must be an integer from 1 to 101"),
    ({"angle": float("inf")}, ValueError, r"^angle must be a finite number \(degrees counter-clockwise"),
])
def test_motion_blur_refuses_bad_settings(kwargs, error, words):
    """Lengths and angles that make no streak are refused by name."""
    with pytest.raises(error, match=words):
        motion_blur(**kwargs)
