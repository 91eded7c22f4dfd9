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


# --------------------------------------------------------------------------
# generated patterns (lesson 04)
# --------------------------------------------------------------------------
import math  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from convlib.data import (  # noqa: E402
    SCENE_TEXTURES,
    TEXTURE_KINDS,
    Texture,
    TextureScene,
    checkerboard,
    dots,
    stripes,
    texture,
    texture_scene,
)


def coordinates(shape):
    """Row index y and column index x of every pixel, written out with loops."""
    y = np.array([[float(i)] * shape[1] for i in range(shape[0])])
    x = np.array([[float(j) for j in range(shape[1])] for _ in range(shape[0])])
    return y, x


def spectrum_peak(image, pad=4):
    """(angle in degrees mod 180, period in pixels) of the strongest non-constant frequency, by FFT.

    The picture's mean is removed, a Hann window tapers its borders, and the FFT is zero-padded
    ``pad`` times, so the peak is located to a fraction of a frequency bin.
    """
    h, w = image.shape
    tapered = (image - image.mean()) * np.outer(np.hanning(h), np.hanning(w))
    n = pad * max(h, w)
    F = np.abs(np.fft.fft2(tapered, s=(n, n)))
    F[0, 0] = 0
    fy, fx = np.unravel_index(np.argmax(F), F.shape)
    fy, fx = (fy + n // 2) % n - n // 2, (fx + n // 2) % n - n // 2
    return math.degrees(math.atan2(fy, fx)) % 180, n / math.hypot(fx, fy)


def angle_gap(a, b, turn=180):
    """Smallest difference between two angles, modulo ``turn`` degrees."""
    return abs((a - b + turn / 2) % turn - turn / 2)


@settings(max_examples=40, deadline=None)
@given(st.tuples(st.integers(1, 40), st.integers(1, 40)), st.floats(2, 30), st.floats(-360, 360),
       st.floats(-360, 360))
def test_stripes_are_the_cosine_formula(shape, period, angle, phase):
    """stripes = 0.5 + 0.5 cos(2 pi (x cos a + y sin a) / period + phase), x the column, y the row."""
    y, x = coordinates(shape)
    a = math.radians(angle)
    u = x * math.cos(a) + y * math.sin(a)
    want = 0.5 + 0.5 * np.cos(2 * math.pi * u / period + math.radians(phase))
    np.testing.assert_allclose(stripes(shape, period, angle, phase=phase), want, atol=1e-9)


@settings(max_examples=40, deadline=None)
@given(st.floats(3, 16), st.floats(0, 180))
def test_stripes_period_and_angle_are_recovered_by_fft(period, angle):
    """The FFT peak of stripes(256x256, period, angle) lies at angle (mod 180), 1/period cycles per pixel."""
    found_angle, found_period = spectrum_peak(stripes((256, 256), period, angle))
    assert angle_gap(found_angle, angle) < 1.0
    assert found_period == pytest.approx(period, rel=0.02)


def test_stripes_at_zero_are_vertical_and_at_ninety_horizontal():
    """angle is the direction across the stripes: 0 changes along a row (vertical stripes), 90 down."""
    v, h = stripes((16, 16), 4, 0), stripes((16, 16), 4, 90)
    assert np.array_equal(v, np.tile(v[0], (16, 1))) and np.ptp(v[0]) == 1
    assert np.array_equal(h, v.T) and np.array_equal(h, np.tile(h[:, :1], (1, 16)))


@settings(max_examples=30, deadline=None)
@given(st.floats(4, 16), st.floats(0.2, 0.5), st.floats(-180, 180))
def test_dots_are_discs_around_the_lattice_points(spacing, fraction, angle):
    """A pixel is bright when it lies within radius of a point of the turned lattice (spacing apart)."""
    shape, radius = (24, 30), fraction * spacing
    y, x = coordinates(shape)
    a = math.radians(angle)
    u, v = x * math.cos(a) + y * math.sin(a), -x * math.sin(a) + y * math.cos(a)
    # distance to the four lattice points around each pixel, the nearest kept
    best = np.full(shape, np.inf)
    for du in (0, 1):
        for dv in (0, 1):
            pu = (np.floor(u / spacing) + du) * spacing
            pv = (np.floor(v / spacing) + dv) * spacing
            best = np.minimum(best, np.hypot(u - pu, v - pv))
    got = dots(shape, spacing, radius, angle)
    sure = np.abs(best - radius) > 1e-6                  # pixels not on a dot's rim, where rounding decides
    assert np.array_equal(got[sure], (best <= radius)[sure].astype(float))


@pytest.mark.parametrize(("spacing", "angle"), [(8, 0), (8, 30), (10, 60), (12, 15)])
def test_dots_spacing_and_lattice_angle_are_recovered_by_fft(spacing, angle):
    """The FFT's strongest peak of a dot lattice lies along one of its two axes (mod 90), at 1/spacing."""
    found_angle, found_period = spectrum_peak(dots((256, 256), spacing, angle=angle))
    assert angle_gap(found_angle, angle, 90) < 1.0
    assert found_period == pytest.approx(spacing, rel=0.02)


@settings(max_examples=30, deadline=None)
@given(st.floats(1, 10), st.sampled_from([0, 90, 180, -90, 270]))
def test_checkerboard_axis_aligned_is_the_parity_formula(square, angle):
    """At multiples of 90 degrees the squares are exact: bright where floor(u/s) + floor(v/s) is even."""
    shape = (20, 23)
    y, x = coordinates(shape)
    c, s = round(math.cos(math.radians(angle))), round(math.sin(math.radians(angle)))
    u, v = x * c + y * s, -x * s + y * c
    want = ((np.floor(u / square) + np.floor(v / square)) % 2 == 0).astype(float)
    # pixels a hair (under 1e-6 of a square) from a side are rounded onto it, as documented; skip them
    hair = [(0 < g) & (g < 1e-6) for g in (np.abs(c / square - np.round(c / square)) for c in (u, v))]
    sure = ~(hair[0] | hair[1])
    assert np.array_equal(checkerboard(shape, square, angle)[sure], want[sure])


def test_checkerboard_small_example_by_hand():
    """Squares of 2: the top-left one bright, then alternating along rows and columns."""
    want = [[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1], [0, 0, 1, 1]]
    assert checkerboard((4, 4), 2).astype(int).tolist() == want


@pytest.mark.parametrize(("square", "angle"), [(4, 0), (4, 20), (6, 0), (5, 70)])
def test_checkerboard_strongest_frequency_is_diagonal(square, angle):
    """A checkerboard's strongest wave runs along its diagonals (angle + 45 mod 90), period square * √2."""
    found_angle, found_period = spectrum_peak(checkerboard((256, 256), square, angle))
    assert angle_gap(found_angle, angle + 45, 90) < 1.0
    assert found_period == pytest.approx(square * math.sqrt(2), rel=0.03)


def test_texture_dispatches_by_kind():
    """texture(kind, ...) is stripes, dots or checkerboard with the size and angle given."""
    assert TEXTURE_KINDS == ("stripes", "dots", "checkerboard")
    assert np.array_equal(texture("stripes", (9, 9), 5, 30), stripes((9, 9), 5, 30))
    assert np.array_equal(texture("dots", (9, 9), 5, 30), dots((9, 9), 5, angle=30))
    assert np.array_equal(texture("checkerboard", (9, 9), 5, 30), checkerboard((9, 9), 5, 30))
    assert Texture("dots", 6).name == "dots, spacing 6, at 0°"


def scene_by_hand(shape, textures, grid, noise, seed):
    """The documented recipe of texture_scene, with the random numbers drawn in the documented order."""
    rows, cols = shape
    gr, gc = grid
    rng = np.random.default_rng(seed)
    offsets = rng.random((gr * gc, 2))
    centres = [((k // gc + offsets[k, 0]) * rows / gr, (k % gc + offsets[k, 1]) * cols / gc)
               for k in range(gr * gc)]
    region_label = rng.permutation(np.arange(gr * gc) % len(textures))
    labels = np.empty(shape, dtype=np.int64)
    image = np.empty(shape)
    for i in range(rows):
        for j in range(cols):
            d = [(i - cy) ** 2 + (j - cx) ** 2 for cy, cx in centres]
            labels[i, j] = region_label[int(np.argmin(d))]
    for k, (kind, size, angle) in enumerate(textures):
        a = math.radians(angle)
        for i in range(rows):
            for j in range(cols):
                if labels[i, j] == k and kind == "stripes":
                    u = j * math.cos(a) + i * math.sin(a)
                    image[i, j] = 0.5 + 0.5 * math.cos(2 * math.pi * u / size)
                elif labels[i, j] == k:
                    image[i, j] = texture(kind, shape, size, angle)[i, j]
    return image + noise * rng.standard_normal(shape), labels


@pytest.mark.parametrize(("shape", "textures", "grid", "noise", "seed"), [
    ((48, 40), SCENE_TEXTURES, (3, 3), 0.15, 4),
    ((30, 50), (Texture("stripes", 6, 30), Texture("dots", 6), Texture("checkerboard", 3)), (2, 3), 0.0, 1),
    ((20, 20), (Texture("stripes", 4, 0),), (1, 1), 0.5, 0),
])
def test_texture_scene_follows_its_recipe(shape, textures, grid, noise, seed):
    """Labels are the nearest jittered centre's texture; each pixel is its texture plus the seeded noise."""
    scene = texture_scene(shape, textures, grid=grid, noise=noise, seed=seed)
    image, labels = scene_by_hand(shape, textures, grid, noise, seed)
    assert isinstance(scene, TextureScene) and scene.textures == tuple(Texture(*t) for t in textures)
    assert np.array_equal(scene.labels, labels) and scene.labels.dtype == np.int64
    np.testing.assert_allclose(scene.image, image, atol=1e-9)


def test_texture_scene_uses_every_texture_and_is_repeatable():
    """Every texture appears; the same seed gives the same scene, another seed another one."""
    a, b, c = texture_scene(), texture_scene(), texture_scene(seed=5)
    assert sorted(np.unique(a.labels).tolist()) == list(range(len(SCENE_TEXTURES)))
    assert np.array_equal(a.image, b.image) and np.array_equal(a.labels, b.labels)
    assert not np.array_equal(a.labels, c.labels)


@pytest.mark.parametrize(("call", "error", "words"), [
    (lambda: stripes((8, 8), 1.5), ValueError,
     r"^period must be a number >= 2 \(pixels from one bright line"),
    (lambda: stripes((0, 8)), ValueError, r"^shape\[0\] must be an integer >= 1; received 0$"),
    (lambda: dots((8, 8), 8, radius=5), ValueError,
     r"^radius must be a number > 0 and <= 4 \(pixels, at most half"),
    (lambda: checkerboard((8, 8), 0.5), ValueError,
     r"^square must be a number >= 1 \(the side of one square"),
    (lambda: texture("waves"), ValueError, r"^kind must be one of 'stripes', 'dots', 'checkerboard'"),
    (lambda: texture_scene(textures=()), ValueError, r"^textures must hold at least one Texture"),
    (lambda: texture_scene(textures=[3]), TypeError,
     r"^textures\[0\] must be a Texture\(kind, size, angle\); received int 3"),
    (lambda: texture_scene(grid=(1, 3)), ValueError,
     r"^grid must make at least one region per texture: 4 textures"),
    (lambda: texture_scene(noise=-0.1), ValueError,
     r"^noise must be a number >= 0 \(the noise's standard deviation\)"),
    (lambda: texture_scene(seed=-1), ValueError, r"^seed must be an integer >= 0; received -1$"),
])
def test_pattern_makers_refuse_bad_parameters_by_name(call, error, words):
    """Bad parameters are refused with the parameter's name, what was expected and what came."""
    with pytest.raises(error, match=words):
        call()
