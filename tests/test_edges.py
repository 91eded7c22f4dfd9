"""Tests of convlib.edges: gradients, magnitude, direction, edge maps, blur and Laplacian.

References, all independent of convlib: ``scipy.ndimage`` (sobel, prewitt,
laplace, gaussian_filter, correlate1d, uniform_filter), ``numpy.gradient``,
and formulas written out here.

Border modes, found by comparing: convlib's ``pad_mode='reflect'`` mirrors
without repeating the edge pixel (``c b | a b c | b a``), which is scipy's
``mode='mirror'``, NOT scipy's ``mode='reflect'`` (that one repeats it:
``b a | a b c | c b``).  'replicate' is scipy's 'nearest', 'zero' its
'constant' and 'circular' its 'wrap'.

Signs and axes, found by comparing: ``scipy.ndimage.sobel(X, axis=1)`` is
convlib's ``gx`` (right minus left) and ``axis=0`` its ``gy`` (below minus
above), with the same sign.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.ndimage as ndi
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from convlib import convolve2d, correlate2d
from convlib.edges import (
    OPERATORS,
    TRUNCATE,
    edge_map,
    gaussian_1d,
    gradient_direction,
    gradient_magnitude,
    gradients,
    laplacian,
    operator_kernels,
    ramp_gain,
    smooth,
)
from convlib.kernels import SCHARR_X, SOBEL_X

RNG = np.random.default_rng(3)
IMG = RNG.random((23, 31))

#: convlib pad_mode -> the scipy.ndimage mode that extends the border the same way.
SCIPY_MODE = {"reflect": "mirror", "replicate": "nearest", "zero": "constant", "circular": "wrap"}


def scharr_reference(img, axis, mode="mirror"):
    """Scharr written out with scipy: [-1, 0, 1] along ``axis``, then [3, 10, 3] along the other axis."""
    d = ndi.correlate1d(np.asarray(img, float), [-1.0, 0.0, 1.0], axis=axis, mode=mode)
    return ndi.correlate1d(d, [3.0, 10.0, 3.0], axis=1 - axis, mode=mode)


def central_reference(img, axis, mode="mirror"):
    """The central difference written out with scipy: X[k+1] - X[k-1] along ``axis``."""
    return ndi.correlate1d(np.asarray(img, float), [-1.0, 0.0, 1.0], axis=axis, mode=mode)


REFERENCE = {
    "sobel": lambda img, axis, mode="mirror": ndi.sobel(np.asarray(img, float), axis=axis, mode=mode),
    "prewitt": lambda img, axis, mode="mirror": ndi.prewitt(np.asarray(img, float), axis=axis, mode=mode),
    "scharr": scharr_reference,
    "central": central_reference,
}


# --------------------------------------------------------------------------
# against scipy.ndimage
# --------------------------------------------------------------------------
@pytest.mark.parametrize("pad_mode", list(SCIPY_MODE))
@pytest.mark.parametrize("operator", ["sobel", "prewitt"])
def test_gradients_match_scipy_ndimage(operator, pad_mode):
    """gx is scipy.ndimage.sobel/prewitt along axis 1 and gy along axis 0, with the matching border mode."""
    gx, gy = gradients(IMG, operator, pad_mode=pad_mode)
    ref = getattr(ndi, operator)
    mode = SCIPY_MODE[pad_mode]
    assert np.allclose(gx, ref(IMG, axis=1, mode=mode), atol=1e-12)
    assert np.allclose(gy, ref(IMG, axis=0, mode=mode), atol=1e-12)


def test_reflect_is_scipy_mirror_not_scipy_reflect():
    """convlib's 'reflect' matches scipy's 'mirror' and differs from scipy's 'reflect' at the border."""
    gx, _ = gradients(IMG, "sobel")
    assert np.allclose(gx, ndi.sobel(IMG, axis=1, mode="mirror"), atol=1e-12)
    other = ndi.sobel(IMG, axis=1, mode="reflect")
    assert not np.allclose(gx[:, 0], other[:, 0])
    assert np.allclose(gx[1:-1, 1:-1], other[1:-1, 1:-1], atol=1e-12)


@pytest.mark.parametrize("operator", ["scharr", "central"])
def test_scharr_and_central_match_written_out_references(operator):
    """Scharr and the central difference equal their 1-D passes done with scipy.ndimage.correlate1d."""
    gx, gy = gradients(IMG, operator)
    assert np.allclose(gx, REFERENCE[operator](IMG, 1), atol=1e-12)
    assert np.allclose(gy, REFERENCE[operator](IMG, 0), atol=1e-12)


def test_central_difference_is_twice_numpy_gradient_inside():
    """Inside the picture, the central difference is 2 * numpy.gradient (which divides by 2)."""
    gx, gy = gradients(IMG, "central")
    assert np.allclose(gx[:, 1:-1], 2 * np.gradient(IMG, axis=1)[:, 1:-1])
    assert np.allclose(gy[1:-1, :], 2 * np.gradient(IMG, axis=0)[1:-1, :])


def test_reflect_border_gives_zero_central_difference():
    """With 'reflect' the column beyond the border mirrors column 1, so the central gx there is 0."""
    gx, _ = gradients(IMG, "central")
    assert np.allclose(gx[:, 0], 0) and np.allclose(gx[:, -1], 0)


def test_laplacian_matches_scipy_laplace():
    """The 4-neighbour Laplacian is scipy.ndimage.laplace with mode 'mirror'."""
    assert np.allclose(laplacian(IMG), ndi.laplace(IMG, mode="mirror"), atol=1e-12)


def test_laplacian_8_is_box_sum_minus_nine_times_centre():
    """The 8-neighbour Laplacian is (3x3 block sum) - 9 * the pixel, the block sum from uniform_filter."""
    block_sum = 9 * ndi.uniform_filter(IMG, size=3, mode="mirror")
    assert np.allclose(laplacian(IMG, neighbours=8), block_sum - 9 * IMG, atol=1e-12)


@pytest.mark.parametrize("sigma", [0.3, 0.8, 1.0, 2.5])
def test_smooth_matches_scipy_gaussian_filter(sigma):
    """smooth is scipy.ndimage.gaussian_filter with mode 'mirror' and truncate=3."""
    want = ndi.gaussian_filter(IMG, sigma, mode="mirror", truncate=TRUNCATE)
    assert np.allclose(smooth(IMG, sigma), want, atol=1e-12)


@pytest.mark.parametrize("sigma", [0.5, 1.5])
def test_gaussian_1d_is_the_blur_of_an_impulse(sigma):
    """The 1-D weights are what scipy's gaussian_filter1d makes of a single 1."""
    g = gaussian_1d(sigma)
    impulse = np.zeros(2 * g.size + 1)
    impulse[g.size] = 1
    blurred = ndi.gaussian_filter1d(impulse, sigma, mode="constant", truncate=TRUNCATE)
    r = g.size // 2
    assert np.allclose(g, blurred[g.size - r:g.size + r + 1], atol=1e-15) and math.isclose(g.sum(), 1)


def test_blur_then_sobel_is_scipy_sobel_of_gaussian_filter():
    """gradients(sigma=s) is the Sobel of the Gaussian-blurred picture."""
    gx, gy = gradients(IMG, sigma=1.2)
    blurred = ndi.gaussian_filter(IMG, 1.2, mode="mirror", truncate=TRUNCATE)
    assert np.allclose(gx, ndi.sobel(blurred, axis=1, mode="mirror"), atol=1e-12)
    assert np.allclose(gy, ndi.sobel(blurred, axis=0, mode="mirror"), atol=1e-12)


def test_laplacian_of_gaussian_matches_scipy():
    """laplacian(sigma=s) is scipy's laplace of the blurred picture."""
    blurred = ndi.gaussian_filter(IMG, 0.9, mode="mirror", truncate=TRUNCATE)
    assert np.allclose(laplacian(IMG, sigma=0.9), ndi.laplace(blurred, mode="mirror"), atol=1e-12)


# --------------------------------------------------------------------------
# signs, axes and directions
# --------------------------------------------------------------------------
def test_sign_dark_to_light_to_the_right_is_positive():
    """Dark on the left, light on the right gives gx > 0; the mirror picture gives gx < 0."""
    X = np.array([[0, 0, 0, 1, 1, 1]] * 5, dtype=float)
    gx, gy = gradients(X)
    assert gx[2, 2] == 4 and gx[2, 3] == 4 and np.all(gy == 0)
    gx2, _ = gradients(X[:, ::-1])
    assert gx2[2, 2] == -4


def test_sign_flips_under_true_convolution():
    """Convolution flips an antisymmetric kernel, so the sign is the opposite: a fact of correlation."""
    X = np.array([[0, 0, 0, 1, 1, 1]] * 5, dtype=float)
    assert correlate2d(X, SOBEL_X)[1, 1] == 4 and convolve2d(X, SOBEL_X)[1, 1] == -4


def test_gy_is_positive_where_it_gets_brighter_downwards():
    """A picture dark on top and light below gives gy > 0 (rows count downwards)."""
    X = np.array([[0.0] * 5] * 3 + [[1.0] * 5] * 3)
    gx, gy = gradients(X)
    assert gy[2, 2] == 4 and np.all(gx == 0)


@pytest.mark.parametrize(("picture", "angle"), [
    (np.tile(np.arange(6.0), (6, 1)), 0.0),                     # brighter to the right
    (np.tile(np.arange(6.0), (6, 1)).T, 90.0),                  # brighter downwards
    (np.tile(np.arange(6.0)[::-1], (6, 1)), 180.0),             # brighter to the left
    (np.tile(np.arange(6.0)[::-1], (6, 1)).T, -90.0),           # brighter upwards
    (np.add.outer(np.arange(6.0), np.arange(6.0)), 45.0),       # brighter to the lower right
])
def test_direction_points_from_dark_to_light(picture, angle):
    """The gradient's angle, from +x towards +y (down), points to where the picture is brighter."""
    gx, gy = gradients(picture)
    assert np.allclose(gradient_direction(gx, gy, degrees=True)[2:4, 2:4], angle)


def test_direction_matches_math_atan2_elementwise():
    """gradient_direction is math.atan2(gy, gx) at every pixel, in radians in (-pi, pi]."""
    gx, gy = gradients(IMG)
    got = gradient_direction(gx, gy)
    want = np.vectorize(math.atan2)(gy, gx)
    want[want == -math.pi] = math.pi
    assert np.allclose(got, want) and got.min() > -math.pi and got.max() <= math.pi


def test_direction_of_negative_zero_is_pi_not_minus_pi():
    """A leftward gradient with gy = -0.0 is 180 degrees, not -180."""
    assert gradient_direction([[-1.0]], [[-0.0]], degrees=True)[0, 0] == 180.0


def test_magnitude_is_the_length_of_the_vector():
    """Magnitude is sqrt(gx^2 + gy^2), and neither overflows nor underflows for extreme components."""
    gx, gy = gradients(IMG)
    assert np.allclose(gradient_magnitude(gx, gy), np.sqrt(gx**2 + gy**2))
    assert gradient_magnitude([[3e200]], [[4e200]])[0, 0] == pytest.approx(5e200)
    assert gradient_magnitude([[3e-200]], [[4e-200]])[0, 0] == pytest.approx(5e-200)
    assert gradient_magnitude(np.zeros((2, 2)), np.zeros((2, 2))).tolist() == [[0.0, 0.0], [0.0, 0.0]]


def test_scharr_direction_depends_less_on_the_angle_than_sobel():
    """On a fine grating turned through 0-90 degrees, Scharr's direction error is smaller than Sobel's."""
    y, x = np.mgrid[0:48, 0:48]

    def worst_error(operator):
        worst = 0.0
        for theta in np.radians(np.arange(0, 91, 5)):
            Z = np.cos(2 * np.pi * (x * np.cos(theta) + y * np.sin(theta)) / 4.0)
            gx, gy = gradients(Z, operator)
            a, m = np.arctan2(gy, gx)[6:-6, 6:-6], np.hypot(gx, gy)[6:-6, 6:-6]
            err = np.abs((a - theta + np.pi / 2) % np.pi - np.pi / 2)[m > 0.5 * m.max()]
            worst = max(worst, float(np.degrees(err.max())))
        return worst

    assert worst_error("scharr") < 0.5 * worst_error("sobel") < worst_error("prewitt")


# --------------------------------------------------------------------------
# gains, normalisation, thresholds
# --------------------------------------------------------------------------
def test_ramp_gains_are_the_column_sums_times_offsets():
    """Central 2, Prewitt 6, Sobel 8, Scharr 32: the response to a ramp of slope 1."""
    assert {op: ramp_gain(operator_kernels(op)[0]) for op in OPERATORS} == {
        "sobel": 8.0, "prewitt": 6.0, "scharr": 32.0, "central": 2.0}


@pytest.mark.parametrize("operator", list(OPERATORS))
def test_normalize_gives_the_slope_of_a_ramp(operator):
    """With normalize=True a ramp rising 0.25 per column and 0.5 per row gives gx = 0.25, gy = 0.5 inside."""
    y, x = np.mgrid[0:7, 0:9]
    gx, gy = gradients(0.25 * x + 0.5 * y, operator, normalize=True)
    assert np.allclose(gx[1:-1, 1:-1], 0.25) and np.allclose(gy[1:-1, 1:-1], 0.5)


def test_edge_map_is_strictly_above_threshold():
    """A pixel is an edge when its magnitude is larger than the threshold, not equal to it."""
    mag = np.array([[0.0, 0.1, 0.2], [0.3, 0.2, 0.25]])
    assert edge_map(mag, 0.2).tolist() == [[False, False, False], [True, False, True]]
    assert not edge_map(np.zeros((3, 3)), 0).any()


# --------------------------------------------------------------------------
# dtypes and shapes (hypothesis)
# --------------------------------------------------------------------------
DTYPES = st.sampled_from([np.uint8, np.int16, np.int64, np.float32, np.float64])


@st.composite
def pictures(draw):
    """Grey pictures of 2..16 rows and columns, in integer and float dtypes, with extreme values."""
    dtype = np.dtype(draw(DTYPES))
    shape = (draw(st.integers(2, 16)), draw(st.integers(2, 16)))
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        elements = st.integers(max(info.min, -30000), min(info.max, 30000))
    else:
        elements = st.floats(-1e3, 1e3, width=32 if dtype == np.float32 else 64)
    return draw(arrays(dtype, shape, elements=elements))


@settings(max_examples=80, deadline=None)
@given(img=pictures(), operator=st.sampled_from(list(OPERATORS)))
def test_gradients_match_reference_for_any_shape_and_dtype(img, operator):
    """For every shape and dtype, gx and gy equal the scipy reference computed in float64."""
    gx, gy = gradients(img, operator)
    assert gx.dtype == np.float64 and gx.shape == img.shape
    tol = 1e-3 * max(1.0, float(np.abs(img.astype(float)).max())) if img.dtype == np.float32 else 1e-9
    assert np.allclose(gx, REFERENCE[operator](img, 1), atol=tol)
    assert np.allclose(gy, REFERENCE[operator](img, 0), atol=tol)


@settings(max_examples=40, deadline=None)
@given(img=pictures())
def test_laplacian_matches_scipy_for_any_shape_and_dtype(img):
    """The 4-neighbour Laplacian equals scipy.ndimage.laplace of the float64 picture."""
    tol = 1e-3 * max(1.0, float(np.abs(img.astype(float)).max())) if img.dtype == np.float32 else 1e-9
    assert np.allclose(laplacian(img), ndi.laplace(img.astype(float), mode="mirror"), atol=tol)


def test_uint8_photo_does_not_overflow():
    """uint8 pictures give the gradients of their float copies: 1020 at a 0|255 step, not 1020 mod 256."""
    photo = RNG.integers(0, 256, (12, 10)).astype(np.uint8)
    gx, gy = gradients(photo)
    fx, fy = gradients(photo.astype(float))
    assert np.array_equal(gx, fx) and np.array_equal(gy, fy) and gx.min() < 0
    step = np.zeros((5, 6), dtype=np.uint8)
    step[:, 3:] = 255
    assert gradients(step)[0][2, 2] == 1020 and laplacian(step)[2, 2] == 255


# --------------------------------------------------------------------------
# errors
# --------------------------------------------------------------------------
def test_unknown_operator_lists_the_choices():
    """An operator name that does not exist is refused, naming the four that do."""
    with pytest.raises(ValueError, match=r"^operator must be one of 'sobel', 'prewitt', 'scharr', 'central'; "
                                         r"received the string 'canny'$"):
        gradients(IMG, "canny")


def test_negative_sigma_is_refused():
    """sigma < 0 is refused, saying what sigma is."""
    with pytest.raises(ValueError, match=r"^sigma must be a number >= 0 \(the blur's spread in pixels; "
                                         r"0 for no blur\); received -1$"):
        gradients(IMG, sigma=-1)


def test_sigma_too_large_for_a_small_picture_names_sigma():
    """A blur reaching beyond what a tiny picture can mirror is refused naming sigma and the limit."""
    with pytest.raises(ValueError, match=r"^sigma must be less than 1.17 for an image of shape \(4, 9\)"):
        smooth(np.zeros((4, 9)), 2.0)


@pytest.mark.parametrize(("bad", "message"), [
    (np.zeros(5), r"^image must be a 2-D array; received 1-D input of shape \(5,\)$"),
    (np.zeros((1, 5)),
     r"^image must have at least 2 rows and 2 columns \(a grey picture\); received shape \(1, 5\)$"),
    (np.zeros((4, 4, 3)), r"^image must be a 2-D array; received 3-D input"),
])
def test_pictures_that_are_not_grey_are_refused(bad, message):
    """1-D, single-row and colour pictures are refused, naming the shape received."""
    with pytest.raises(ValueError, match=message):
        gradients(bad)


def test_text_image_is_a_type_error():
    """A picture of strings is refused as a TypeError naming image."""
    with pytest.raises(TypeError, match=r"^image must contain numbers; received an array of dtype <U1$"):
        gradients([["a", "b"], ["c", "d"]])


def test_mismatched_components_are_refused():
    """gx and gy of different shapes cannot make a magnitude or direction."""
    with pytest.raises(ValueError,
                       match=r"^gx and gy must have the same shape; received \(2, 2\) and \(2, 3\)$"):
        gradient_magnitude(np.zeros((2, 2)), np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"^gx and gy must have the same shape"):
        gradient_direction(np.zeros((2, 2)), np.zeros((3, 2)))


def test_negative_threshold_is_refused():
    """A threshold below 0 is refused naming threshold."""
    with pytest.raises(ValueError, match=r"^threshold must be a number >= 0 \(the smallest magnitude that "
                                         r"is not an edge\); received -0.5$"):
        edge_map(np.zeros((2, 2)), -0.5)


@pytest.mark.parametrize(("bad", "error", "message"), [
    (6, ValueError, r"^neighbours must be 4 or 8; received 6$"),
    (9, ValueError, r"^neighbours must be an integer from 4 to 8; received 9$"),
    ("8", TypeError, r"^neighbours must be an integer from 4 to 8; received the string '8'$"),
])
def test_laplacian_neighbours_must_be_4_or_8(bad, error, message):
    """Only the 4- and 8-neighbour Laplacians exist."""
    with pytest.raises(error, match=message):
        laplacian(IMG, neighbours=bad)


def test_normalize_and_degrees_must_be_booleans():
    """normalize=1 and degrees='yes' are refused as TypeErrors naming the parameter."""
    with pytest.raises(TypeError, match=r"^normalize must be True or False; received int 1$"):
        gradients(IMG, normalize=1)
    with pytest.raises(TypeError, match=r"^degrees must be True or False; received the string 'yes'$"):
        gradient_direction([[1.0]], [[0.0]], degrees="yes")


def test_unknown_pad_mode_is_refused():
    """pad_mode must be one of convlib's four border modes."""
    with pytest.raises(ValueError, match=r"^pad_mode must be one of 'zero', 'reflect', 'replicate', "
                                         r"'circular'; received the string 'mirror'$"):
        gradients(IMG, pad_mode="mirror")


def test_operator_kernels_are_read_only_and_transposed():
    """Each operator's K_y is its K_x transposed, and neither can be changed by accident."""
    for op in OPERATORS:
        kx, ky = operator_kernels(op)
        assert np.array_equal(ky, kx.T) and not kx.flags.writeable and not ky.flags.writeable
    assert operator_kernels("scharr")[0] is SCHARR_X
