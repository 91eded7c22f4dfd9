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
# the Gabor kernel of lesson 04
# --------------------------------------------------------------------------
import math  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from convlib.kernels import GABOR_MAX_SIZE, gabor, gabor_sigma  # noqa: E402


def gabor_by_formula(theta_deg, wavelength, sigma, psi_deg, gamma, size):
    """The real Gabor function written out cell by cell: rows are y (down), columns x (right)."""
    r = size // 2
    t, p = math.radians(theta_deg), math.radians(psi_deg)
    out = np.empty((size, size))
    for i in range(size):
        for j in range(size):
            x, y = j - r, i - r
            u = x * math.cos(t) + y * math.sin(t)
            v = -x * math.sin(t) + y * math.cos(t)
            out[i, j] = math.exp(-(u * u + gamma * gamma * v * v) / (2 * sigma * sigma)) * math.cos(
                2 * math.pi * u / wavelength + p)
    return out


def bell_by_formula(theta_deg, sigma, gamma, size):
    """The Gaussian bell alone, written out cell by cell."""
    return gabor_by_formula(theta_deg, 1e300, sigma, 0.0, gamma, size)


def skimage_gabor_kernel(frequency, theta, sigma_x, sigma_y, n_stds=3, offset=0.0):
    """skimage.filters.gabor_kernel (scikit-image 0.19 to 0.25), re-typed from its source: complex, radians.

    scikit-image is not a dependency of convlib, so its convention is compared with this copy of
    its formula: a wave along rotx = x cos(theta) + y sin(theta), with y the row (down) and x the
    column, a Gaussian of sigma_x along rotx and sigma_y along roty, scaled by 1 / (2 pi sigma_x sigma_y).
    """
    ct, st_ = math.cos(theta), math.sin(theta)
    x0 = math.ceil(max(abs(n_stds * sigma_x * ct), abs(n_stds * sigma_y * st_), 1))
    y0 = math.ceil(max(abs(n_stds * sigma_y * ct), abs(n_stds * sigma_x * st_), 1))
    y, x = np.meshgrid(np.arange(-y0, y0 + 1), np.arange(-x0, x0 + 1), indexing="ij", sparse=True)
    rotx = x * ct + y * st_
    roty = -x * st_ + y * ct
    g = np.exp(-0.5 * (rotx ** 2 / sigma_x ** 2 + roty ** 2 / sigma_y ** 2)
               + 1j * (2 * np.pi * frequency * rotx + offset))
    return g / (2 * np.pi * sigma_x * sigma_y)


GABOR_PARAMS = st.tuples(
    st.floats(-360, 360), st.floats(2, 20), st.floats(0.6, 6), st.floats(-180, 180), st.floats(0.3, 3),
)


@settings(max_examples=60, deadline=None)
@given(GABOR_PARAMS, st.sampled_from([1, 3, 7, 11]))
def test_gabor_raw_is_the_formula(params, size):
    """With zero_mean and normalize off, gabor(...) is the Gabor function evaluated cell by cell."""
    theta, wavelength, sigma, psi, gamma = params
    got = gabor(theta, wavelength, sigma, psi, gamma, size, zero_mean=False, normalize=False)
    np.testing.assert_allclose(got, gabor_by_formula(theta, wavelength, sigma, psi, gamma, size), atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(GABOR_PARAMS)
def test_gabor_matches_skimage_convention(params):
    """Raw gabor = 2 pi sx sy x real part of skimage's gabor_kernel(1/λ, θ, σ, σ/γ, offset=ψ)."""
    theta, wavelength, sigma, psi, gamma = params
    sk = skimage_gabor_kernel(1 / wavelength, math.radians(theta), sigma, sigma / gamma,
                              offset=math.radians(psi)).real * (2 * math.pi * sigma * sigma / gamma)
    ours = gabor(theta, wavelength, sigma, psi, gamma, zero_mean=False, normalize=False)
    r, (h, w) = ours.shape[0] // 2, sk.shape
    assert h <= ours.shape[0] and w <= ours.shape[1]       # ours covers 3 sigma in every direction
    np.testing.assert_allclose(ours[r - h // 2:r + h // 2 + 1, r - w // 2:r + w // 2 + 1], sk, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(GABOR_PARAMS)
def test_gabor_zero_mean_subtracts_a_multiple_of_the_bell(params):
    """zero_mean: the formula minus c times the bell, c = sum(formula) / sum(bell); weights add up to 0."""
    theta, wavelength, sigma, psi, gamma = params
    size = 2 * math.ceil(3 * max(sigma, sigma / gamma)) + 1
    raw = gabor_by_formula(theta, wavelength, sigma, psi, gamma, size)
    bell = bell_by_formula(theta, sigma, gamma, size)
    want = raw - raw.sum() / bell.sum() * bell
    got = gabor(theta, wavelength, sigma, psi, gamma, normalize=False)
    np.testing.assert_allclose(got, want, atol=1e-12)
    assert abs(got.sum()) < 1e-9


@settings(max_examples=40, deadline=None)
@given(GABOR_PARAMS, st.floats(0, 360))
def test_gabor_normalised_response_to_its_own_stripes_has_amplitude_one(params, phase):
    """On stripes cos(2 pi u / lambda + phase) at theta, the response swings from -1 to 1 with the phase."""
    theta, wavelength, sigma, psi, gamma = params
    K = gabor(theta, wavelength, sigma, psi, gamma)
    r = K.shape[0] // 2
    y, x = np.mgrid[-r:r + 1, -r:r + 1]
    u = x * math.cos(math.radians(theta)) + y * math.sin(math.radians(theta))
    a = 2 * math.pi * u / wavelength + math.radians(phase)
    # the response at the centre of stripes with this phase, and with the phase a quarter turn on
    c, s = float((K * np.cos(a)).sum()), float((K * np.sin(a)).sum())
    assert math.hypot(c, s) == pytest.approx(1.0, rel=1e-9)


def stripes_by_formula(shape, period, angle_deg):
    """Stripes cos(2 pi (x cos a + y sin a) / period) with x the column and y the row."""
    y, x = np.mgrid[0:shape[0], 0:shape[1]]
    a = math.radians(angle_deg)
    return np.cos(2 * math.pi * (x * math.cos(a) + y * math.sin(a)) / period)


def centre_amplitude(X, K):
    """Largest |response| in the middle of X (away from borders), with scipy."""
    R = scipy.ndimage.correlate(X, K, mode="mirror")
    h, w = R.shape
    return float(np.abs(R[h // 4:3 * h // 4, w // 4:3 * w // 4]).max())


@pytest.mark.parametrize("wavelength", [4, 6, 8, 12])
def test_theta_zero_finds_vertical_stripes_and_ninety_horizontal_ones(wavelength):
    """theta is the direction across the stripes: 0 answers to vertical stripes, 90 to horizontal ones."""
    vertical = stripes_by_formula((96, 96), wavelength, 0)          # columns change, rows are the same
    horizontal = stripes_by_formula((96, 96), wavelength, 90)
    assert np.allclose(vertical, vertical[0]) and np.allclose(horizontal.T, horizontal[:, 0])
    k0, k90 = gabor(0, wavelength), gabor(90, wavelength)
    assert centre_amplitude(vertical, k0) == pytest.approx(1.0, abs=0.02)
    assert centre_amplitude(horizontal, k90) == pytest.approx(1.0, abs=0.02)
    assert centre_amplitude(horizontal, k0) < 1e-9 and centre_amplitude(vertical, k90) < 1e-9


@settings(max_examples=30, deadline=None)
@given(st.floats(0, 360), st.floats(3, 12))
def test_theta_is_the_direction_of_the_wave_vector(theta, wavelength):
    """The spectrum peaks at (fx, fy) = ±(cos θ, sin θ) / λ: the wave runs across the stripes."""
    n = 512
    K = gabor(theta, wavelength, gamma=0.5)
    F = np.abs(np.fft.fft2(K, s=(n, n)))
    fy, fx = np.unravel_index(np.argmax(F), F.shape)
    fy, fx = (fy + n // 2) % n - n // 2, (fx + n // 2) % n - n // 2      # signed frequency bins
    angle = math.degrees(math.atan2(fy, fx)) % 180
    assert abs((angle - theta % 180 + 90) % 180 - 90) < 2.0
    assert n / math.hypot(fx, fy) == pytest.approx(wavelength, rel=0.06)


@pytest.mark.parametrize("theta", [0, 30, 45, 90, 123])
def test_theta_plus_180_gives_the_same_even_kernel_and_the_negative_odd_one(theta):
    """The 180 degree ambiguity: turning by a half turn keeps psi=0 kernels and negates psi=90 ones."""
    np.testing.assert_allclose(gabor(theta + 180, 6), gabor(theta, 6), atol=1e-12)
    np.testing.assert_allclose(gabor(theta + 180, 6, psi=90), -gabor(theta, 6, psi=90), atol=1e-12)


def test_psi_zero_is_even_and_ninety_is_odd():
    """psi=0: unchanged by a half turn (a line detector); psi=90: changes sign (an edge detector)."""
    even, odd = gabor(30, 8), gabor(30, 8, psi=90)
    np.testing.assert_allclose(even, even[::-1, ::-1], atol=1e-12)
    np.testing.assert_allclose(odd, -odd[::-1, ::-1], atol=1e-12)


@pytest.mark.parametrize("bandwidth", [0.5, 1.0, 1.5, 2.0])
def test_gabor_sigma_is_the_bandwidth_formula(bandwidth):
    """sigma = lambda / pi * sqrt(ln 2 / 2) * (2^b + 1) / (2^b - 1), about 0.56 lambda for one octave."""
    want = 10 / math.pi * math.sqrt(math.log(2) / 2) * (2 ** bandwidth + 1) / (2 ** bandwidth - 1)
    assert gabor_sigma(10, bandwidth) == pytest.approx(want, rel=1e-12)
    assert gabor_sigma(10) == pytest.approx(5.62, abs=0.01)


@pytest.mark.parametrize(("wavelength", "gamma", "size"), [(8, 1, 29), (8, 0.5, 55), (4, 2, 15), (2, 1, 9)])
def test_gabor_default_size_covers_three_sigma(wavelength, gamma, size):
    """By default the side is 2 ceil(3 max(sigma, sigma / gamma)) + 1 with sigma = gabor_sigma(lambda)."""
    K = gabor(0, wavelength, gamma=gamma)
    side = 2 * math.ceil(3 * max(1, 1 / gamma) * gabor_sigma(wavelength)) + 1
    assert K.shape == (size, size) == (side, side)
    np.testing.assert_allclose(K, gabor(0, wavelength, gabor_sigma(wavelength), 0, gamma, size))


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    (dict(wavelength=1.5), ValueError, r"^wavelength must be a number >= 2 \(pixels from one crest"),
    (dict(sigma=0), ValueError,
     r"^sigma must be a number > 0 \(the width of the bell in pixels\); received 0$"),
    (dict(gamma=-1), ValueError,
     r"^gamma must be a number > 0 \(the aspect ratio of the bell\); received -1$"),
    (dict(size=4), ValueError,
     r"^size must be an odd integer from 1 to 1001 \(the side of the kernel\); received 4$"),
    (dict(theta="45"), TypeError,
     r"^theta must be a finite number \(degrees, the direction across the stripes\)"),
    (dict(psi=float("nan")), ValueError,
     r"^psi must be a finite number \(the phase of the wave in degrees\)"),
    (dict(sigma=100, gamma=0.25), ValueError, r"^sigma and gamma make a kernel too large: .* = 1200 pixels"),
    (dict(zero_mean="yes"), TypeError, r"^zero_mean must be"),
])
def test_gabor_refuses_bad_parameters_by_name(kwargs, error, words):
    """Each bad parameter is refused with its name, what was expected and what came."""
    with pytest.raises(error, match=words):
        gabor(**kwargs)


def test_gabor_max_size_is_the_largest_side():
    """GABOR_MAX_SIZE is accepted, one more is not."""
    assert gabor(0, 8, size=GABOR_MAX_SIZE, normalize=False).shape == (GABOR_MAX_SIZE,) * 2
    with pytest.raises(ValueError, match=r"^size must be an odd integer from 1 to 1001"):
        gabor(0, 8, size=GABOR_MAX_SIZE + 2)


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
