"""Tests of convlib.lessons.lesson04.widgets: the GaborExplorer, swept over every value of every control."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
import scipy.ndimage as ndi

from convlib.data import sample_image, texture_scene
from convlib.kernels import gabor
from convlib.lessons.lesson04 import GaborExplorer
from convlib.lessons.lesson04.widgets import KERNEL_PIXELS, SHOW, energy_sigma, photo_512, signed_picture

#: A real photo small enough to sweep many settings, but wide enough for the largest kernel (97 x 97):
#: every 5th pixel of the portrait, 120 x 103.
SMALL = sample_image("grace_hopper")[::5, ::5].copy()
#: The scene, likewise smaller: 100 x 100.
PATTERN = texture_scene((100, 100)).image


def values(control):
    """Every value a slider or toggle allows, from min to max in steps (or every option)."""
    if hasattr(control, "options"):
        return [v for _, v in control.options]
    n = round((control.max - control.min) / control.step)
    return [control.min + k * control.step for k in range(n + 1)]


def png(data):
    """True if the bytes are a PNG picture."""
    return bytes(data[:8]) == b"\x89PNG\r\n\x1a\n"


def shown(ex):
    """The widget shows three pictures and no error."""
    return ex.error == "" and all(png(i.value) for i in (ex._kernel_img, ex._pattern_img, ex._photo_img))


NAMES = ("theta", "wavelength", "sigma", "psi", "gamma", "show")


def test_controls_have_descriptions_and_the_expected_ranges():
    """Six labelled controls: θ 0-180/15, λ 3-16, σ 1-8/0.5, ψ 0-180/15, γ 0.5-2/0.25, raw or energy."""
    ex = GaborExplorer(SMALL, PATTERN)
    counts = {name: len(values(getattr(ex, name))) for name in NAMES}
    assert counts == {"theta": 13, "wavelength": 14, "sigma": 15, "psi": 13, "gamma": 7, "show": 2}
    assert math.prod(counts.values()) == 496_860
    for control in ex.controls:
        assert control.description


def test_every_value_of_every_control_at_the_photo_size():
    """On the 512 x 512 photo and 192 x 192 scene, each control over all its values (64) shows pictures."""
    ex = GaborExplorer()
    assert ex.photo.shape == (512, 512) and ex.pattern.shape == (192, 192)
    visited = 0
    for name in NAMES:
        control = getattr(ex, name)
        start = control.value
        for value in values(control):
            control.value = value
            assert shown(ex), (name, value, ex.error)
            visited += 1
        control.value = start
    assert visited == 64


def test_a_grid_of_representative_settings():
    """5 x 3 x 3 x 3 x 3 x 2 = 810 settings (ends and middle of every slider, both views) show pictures."""
    ex = GaborExplorer(SMALL, PATTERN)
    grid = {"theta": (0, 45, 90, 135, 180), "wavelength": (3, 8, 16), "sigma": (1.0, 4.5, 8.0),
            "psi": (0, 90, 180), "gamma": (0.5, 1.0, 2.0), "show": tuple(SHOW.values())}
    count = 0
    for combo in itertools.product(*grid.values()):
        for name, value in zip(NAMES, combo, strict=True):
            getattr(ex, name).value = value
        assert shown(ex), (combo, ex.error)
        count += 1
    assert count == 810


def test_a_random_sample_of_all_combinations():
    """300 settings drawn from all 496,860 with a fixed seed: pictures each time, the kernel asked for."""
    ex = GaborExplorer(SMALL, PATTERN)
    rng = np.random.default_rng(2024)
    options = {name: values(getattr(ex, name)) for name in NAMES}
    for _ in range(300):
        combo = {name: opts[rng.integers(len(opts))] for name, opts in options.items()}
        for name, value in combo.items():
            getattr(ex, name).value = value
        assert shown(ex), (combo, ex.error)
        want = gabor(combo["theta"], combo["wavelength"], combo["sigma"], combo["psi"], combo["gamma"])
        np.testing.assert_array_equal(ex.kernel, want)


@pytest.mark.parametrize(("theta", "wavelength", "sigma", "psi", "gamma"), [
    (0, 8, 4.5, 0, 1.0), (45, 3, 1.0, 90, 2.0), (135, 16, 8.0, 180, 0.5), (180, 11, 2.5, 45, 1.25),
])
def test_responses_match_scipy(theta, wavelength, sigma, psi, gamma):
    """Raw responses are scipy's correlate (mirror borders); the energy is a Gaussian blur of the square."""
    ex = GaborExplorer(SMALL, PATTERN, theta=theta, wavelength=wavelength, sigma=sigma, psi=psi, gamma=gamma)
    K = gabor(theta, wavelength, sigma, psi, gamma)
    raw = ndi.correlate(SMALL, K, mode="mirror")
    np.testing.assert_allclose(ex.photo_response, raw, atol=1e-9)
    np.testing.assert_allclose(ex.pattern_response, ndi.correlate(PATTERN, K, mode="mirror"), atol=1e-9)
    ex.show.value = "energy"
    want = ndi.gaussian_filter(raw ** 2, energy_sigma(wavelength), mode="mirror", truncate=3.0)
    np.testing.assert_allclose(ex.photo_response, want, atol=1e-9)


def test_default_scene_lights_up_where_the_stripes_match():
    """Energy of θ = 45° on the scene: larger on the 45° stripes than on any other texture."""
    scene = texture_scene()
    ex = GaborExplorer(pattern=scene.image, theta=45, show="energy")
    mine = [t.angle for t in scene.textures].index(45)
    means = [ex.pattern_response[scene.labels == k].mean() for k in range(len(scene.textures))]
    assert int(np.argmax(means)) == mine


def test_a_kernel_wider_than_the_picture_is_explained_by_name():
    """On a 40 x 40 photo a wide bell cannot fit: the message names σ and γ and says what to do."""
    ex = GaborExplorer(np.full((40, 40), 0.5), np.full((60, 60), 0.5))
    before = ex.kernel
    ex.sigma.value = 8.0
    assert ex.error == ("Cannot show this Gabor filter. σ = 8 and γ = 1 make a kernel 49 pixels wide, wider "
                        "than the photo (40 x 40): lower the width σ or raise the aspect γ")
    assert "convlib-stale" in ex._dom_classes and ex.kernel is before
    ex.sigma.value = 4.0
    assert ex.error == "" and "convlib-stale" not in ex._dom_classes


def test_status_and_tooltips_say_what_is_shown():
    """The status line is a polite live region naming the directions; each picture has a tooltip."""
    ex = GaborExplorer(SMALL, PATTERN, theta=30)
    assert 'role="status"' in ex._status.value
    assert "a wave running at 30° (across stripes that run at 120°)" in ex.text
    for img in (ex._kernel_img, ex._pattern_img, ex._photo_img):
        assert len(img.tooltip) > 20
        state = img.get_state()
        assert state["description"] == "" and state["tooltip"] == img.tooltip
    ex.show.value = "energy"
    assert "energy on the photo" in ex._photo_img.tooltip
    assert "averaged by a Gaussian of spread 4 pixels" in ex.text


def test_kernel_picture_is_large_and_mid_grey_at_zero():
    """The kernel is drawn at least KERNEL_PIXELS wide, each weight a square block, 0 as mid-grey."""
    import io

    from PIL import Image

    ex = GaborExplorer(SMALL, PATTERN, wavelength=3, sigma=1.0)
    with Image.open(io.BytesIO(ex._kernel_img.value)) as im:
        assert im.size[0] >= KERNEL_PIXELS and im.size[0] % ex.kernel.shape[0] == 0
    assert signed_picture(np.array([[0.0, 1.0, -1.0]]), 1.0).tolist() == [[0.5, 1.0, 0.0]]


def test_helpers():
    """energy_sigma is half the wavelength (at least 1.5); photo_512 is the portrait's middle 512 rows."""
    assert [energy_sigma(w) for w in (2, 3, 8, 16)] == [1.5, 1.5, 4.0, 8.0]
    np.testing.assert_array_equal(photo_512(), sample_image("grace_hopper")[44:556])


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    (dict(photo=np.zeros((10, 40))), ValueError,
     r"^photo must be at least 16 x 16 pixels; received shape \(10, 40\)$"),
    (dict(theta=200), ValueError, r"^theta must be an integer from 0 to 180; received 200$"),
    (dict(wavelength=2), ValueError, r"^wavelength must be an integer from 3 to 16; received 2$"),
    (dict(sigma=0.5), ValueError, r"^sigma must be a number >= 1 and <= 8; received 0.5$"),
    (dict(gamma=0.25), ValueError, r"^gamma must be a number >= 0.5 and <= 2; received 0.25$"),
    (dict(show="both"), ValueError, r"^show must be one of 'response', 'energy'"),
])
def test_bad_arguments_are_refused_by_name(kwargs, error, words):
    """Settings outside the controls' ranges are refused when the widget is made, naming the parameter."""
    kwargs = {"photo": SMALL, "pattern": PATTERN, **kwargs}
    with pytest.raises(error, match=words):
        GaborExplorer(**kwargs)


def test_repr_says_what_is_shown():
    """The text form names every setting."""
    assert repr(GaborExplorer(SMALL, PATTERN, psi=90)) == (
        "GaborExplorer: θ = 0°, λ = 8, σ = 4.5, ψ = 90°, γ = 1, showing the raw response")
