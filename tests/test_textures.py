"""Tests of convlib.textures: responses, texture energy, Gabor banks, winner maps, agreement with labels."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.ndimage as ndi
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from convlib.data import Texture, dots, stripes, texture_scene
from convlib.kernels import gabor
from convlib.textures import (
    ENERGY_SIGMA,
    BankFilter,
    agreement,
    confusion,
    energy_maps,
    filter_response,
    gabor_bank,
    label_agreement,
    local_energy,
    majority_mapping,
    texture_energy,
    winner_map,
)

RNG = np.random.default_rng(11)


def wave(shape, period, angle, amplitude=1.0, phase=0.0):
    """amplitude * cos(2 pi (x cos a + y sin a) / period + phase), written here from the formula."""
    y, x = np.mgrid[0:shape[0], 0:shape[1]]
    a = math.radians(angle)
    return amplitude * np.cos(2 * math.pi * (x * math.cos(a) + y * math.sin(a)) / period + phase)


def middle(a, margin):
    """The part of a 2-D array at least ``margin`` pixels from every border."""
    return a[margin:-margin, margin:-margin]


# --------------------------------------------------------------------------
# responses and energy against scipy
# --------------------------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(12, 40), st.integers(12, 40)), elements=st.floats(-1, 1)),
       st.floats(0, 180), st.floats(2, 6))
def test_filter_response_is_scipy_correlate_with_mirror_borders(image, theta, wavelength):
    """filter_response = scipy.ndimage.correlate(image, K, mode='mirror'), convlib's 'reflect'."""
    K = gabor(theta, wavelength, sigma=1.5)
    np.testing.assert_allclose(filter_response(image, K), ndi.correlate(image, K, mode="mirror"), atol=1e-9)


@pytest.mark.parametrize("dtype", [np.uint8, np.int16, np.float32, np.float64])
def test_filter_response_of_integer_pictures_does_not_overflow(dtype):
    """Integer pictures are summed without wrapping around; the result is float64."""
    image = (RNG.integers(0, 100, (20, 20)) + (155 if dtype == np.uint8 else 0)).astype(dtype)
    K = np.array([[-1.0, 0, 1], [-2, 0, 2], [-1, 0, 1]]) * 50
    got = filter_response(image, K)
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, ndi.correlate(image.astype(float), K, mode="mirror"), rtol=1e-6)


@settings(max_examples=40, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(20, 40), st.integers(20, 40)), elements=st.floats(-2, 2)),
       st.sampled_from([0.0, 0.7, 1.0, 2.5, 4.0]))
def test_local_energy_is_a_gaussian_blur_of_the_square(response, sigma):
    """local_energy(R, sigma) = scipy.ndimage.gaussian_filter(R**2, sigma, mode='mirror', truncate=3)."""
    square = response ** 2
    want = square if sigma == 0 else ndi.gaussian_filter(square, sigma, mode="mirror", truncate=3.0)
    np.testing.assert_allclose(local_energy(response, sigma), want, atol=1e-12)


def test_texture_energy_is_local_energy_of_the_response():
    """texture_energy(X, K) = local_energy(filter_response(X, K)); ENERGY_SIGMA is the default spread."""
    X = RNG.random((40, 50))
    K = gabor(30, 6)
    assert ENERGY_SIGMA == 4.0
    np.testing.assert_allclose(texture_energy(X, K), local_energy(filter_response(X, K), ENERGY_SIGMA))
    square = ndi.correlate(X, K, mode="mirror") ** 2
    np.testing.assert_allclose(texture_energy(X, K, sigma=2.0),
                               ndi.gaussian_filter(square, 2.0, mode="mirror", truncate=3.0), atol=1e-12)


# --------------------------------------------------------------------------
# what the energy says about stripes
# --------------------------------------------------------------------------
@settings(max_examples=25, deadline=None)
@given(st.floats(0, 180), st.sampled_from([4.0, 6.0, 8.0]), st.floats(0.2, 2.0), st.floats(0, 2 * math.pi))
def test_energy_on_matched_stripes_is_half_the_squared_amplitude(theta, wavelength, amplitude, phase):
    """A normalised Gabor filter on its own stripes of amplitude A: energy A**2 / 2 away from the border."""
    X = wave((96, 96), wavelength, theta, amplitude, phase) + 0.5
    E = texture_energy(X, gabor(theta, wavelength), sigma=wavelength)
    np.testing.assert_allclose(middle(E, 40), amplitude ** 2 / 2, rtol=0.01)


@settings(max_examples=25, deadline=None)
@given(st.floats(0, 180), st.sampled_from([4.0, 6.0, 8.0]))
def test_raw_response_averages_to_zero_where_energy_does_not(theta, wavelength):
    """On matched stripes the raw response swings around 0 (its local mean is ~0) while its energy is 1/2."""
    X = wave((96, 96), wavelength, theta)
    R = filter_response(X, gabor(theta, wavelength))
    mean_raw = ndi.gaussian_filter(R, wavelength, mode="mirror", truncate=3.0)
    assert np.abs(middle(mean_raw, 40)).max() < 0.02
    assert middle(R, 40).min() < -0.9 and middle(R, 40).max() > 0.9
    assert middle(local_energy(R, wavelength), 40).min() > 0.49


@pytest.mark.parametrize("wavelength", [4, 6, 8])
def test_energy_across_the_stripes_is_near_zero(wavelength):
    """A filter turned 90 degrees from the stripes gets almost no energy."""
    X = wave((96, 96), wavelength, 20)
    assert middle(texture_energy(X, gabor(110, wavelength)), 40).max() < 1e-3


def test_energy_peaks_at_the_stripes_period():
    """Among wavelengths 3..16, the energy on stripes of period 8 is largest at wavelength 8."""
    X = stripes((128, 128), 8, 45)
    energy = {w: float(middle(texture_energy(X, gabor(45, w)), 44).mean()) for w in range(3, 17)}
    assert max(energy, key=energy.get) == 8


# --------------------------------------------------------------------------
# banks, winners and agreement
# --------------------------------------------------------------------------
def test_gabor_bank_order_names_and_kernels():
    """Orientations vary fastest; each kernel is gabor(theta, wavelength) with the shared settings."""
    bank = gabor_bank((0, 60, 120), (5, 10), psi=90, gamma=0.5)
    want = [(0, 5), (60, 5), (120, 5), (0, 10), (60, 10), (120, 10)]
    assert [(f.theta, f.wavelength) for f in bank] == want
    assert bank[4].name == "θ=60° λ=10" and isinstance(bank[4], BankFilter)
    for f in bank:
        np.testing.assert_array_equal(f.kernel, gabor(f.theta, f.wavelength, None, 90, 0.5))


def test_energy_maps_stack_each_filter_energy():
    """energy_maps(X, bank)[k] = texture_energy(X, bank[k].kernel); plain arrays work as kernels too."""
    X = RNG.random((30, 30))
    bank = gabor_bank((0, 90), (4,))
    E = energy_maps(X, bank, sigma=2.0)
    assert E.shape == (2, 30, 30)
    for k, f in enumerate(bank):
        np.testing.assert_allclose(E[k], texture_energy(X, f.kernel, sigma=2.0))
    np.testing.assert_allclose(energy_maps(X, [f.kernel for f in bank], sigma=2.0), E)


@settings(max_examples=50, deadline=None)
@given(arrays(np.int64, st.tuples(st.integers(1, 5), st.integers(1, 6), st.integers(1, 6)),
              elements=st.integers(0, 3)))
def test_winner_map_is_the_first_largest(energies):
    """winner_map picks, at each pixel, the first filter with the largest energy (a loop says which)."""
    got = winner_map(energies)
    n, h, w = energies.shape
    for i in range(h):
        for j in range(w):
            values = [energies[k, i, j] for k in range(n)]
            assert got[i, j] == values.index(max(values))


LABEL_MAPS = st.integers(1, 30).flatmap(lambda n: st.tuples(
    arrays(np.int64, (n,), elements=st.integers(0, 4)), arrays(np.int64, (n,), elements=st.integers(0, 3))))


@settings(max_examples=60, deadline=None)
@given(LABEL_MAPS)
def test_confusion_majority_and_agreement_by_counting(maps):
    """Confusion counts, the majority mapping, agreement and per-label agreement match plain loops."""
    winners, labels = (m.reshape(1, -1) for m in maps)
    nf, nl = 5, 4
    counts = [[0] * nl for _ in range(nf)]
    for f, lab in zip(winners.ravel(), labels.ravel(), strict=True):
        counts[f][lab] += 1
    assert confusion(winners, labels, nf, nl).tolist() == counts
    mapping = [row.index(max(row)) if sum(row) else -1 for row in counts]
    assert majority_mapping(winners, labels, nf).tolist() == mapping
    right = [mapping[f] == lab for f, lab in zip(winners.ravel(), labels.ravel(), strict=True)]
    assert agreement(winners, labels, mapping) == pytest.approx(sum(right) / len(right))
    per = label_agreement(winners, labels, mapping, nl)
    for lab in range(nl):
        mine = [r for r, t in zip(right, labels.ravel(), strict=True) if t == lab]
        if mine:
            assert per[lab] == pytest.approx(sum(mine) / len(mine))
        else:
            assert math.isnan(per[lab])


@settings(max_examples=40, deadline=None)
@given(LABEL_MAPS)
def test_majority_mapping_is_the_best_mapping(maps):
    """No mapping of filters to labels (50 drawn at random) agrees on more pixels than the majority one."""
    winners, labels = (m.reshape(1, -1) for m in maps)
    best = agreement(winners, labels, majority_mapping(winners, labels, 5))
    rng = np.random.default_rng(0)
    for _ in range(50):
        assert agreement(winners, labels, rng.integers(-1, 4, 5)) <= best + 1e-12


def test_default_scene_winners_agree_with_the_labels():
    """On the default scene the four-orientation bank wins as the angles say, on more than 95% of pixels."""
    scene = texture_scene()
    bank = gabor_bank()
    winners = winner_map(energy_maps(scene.image, bank))
    mapping = majority_mapping(winners, scene.labels, len(bank))
    expected = [next(k for k, t in enumerate(scene.textures) if t.angle == f.theta) for f in bank]
    assert mapping.tolist() == expected
    assert agreement(winners, scene.labels, mapping) > 0.95


def test_dots_split_between_two_filters():
    """A texture that is not stripes (a dot lattice) gives energy to the 0 and 90 degree filters alike."""
    X = dots((96, 96), 8)
    E = energy_maps(X, gabor_bank((0, 45, 90, 135), (8,)))
    e = [float(middle(e, 40).mean()) for e in E]
    assert e[0] == pytest.approx(e[2], rel=1e-6) and min(e[0], e[2]) > 3 * max(e[1], e[3])


def test_scene_with_dots_loses_agreement():
    """Adding dots to two stripe directions: the dots get no filter of their own and the agreement falls."""
    textures = (Texture("stripes", 8, 0), Texture("stripes", 8, 90), Texture("dots", 8))
    scene = texture_scene(textures=textures)
    winners = winner_map(energy_maps(scene.image, gabor_bank()))
    mapping = majority_mapping(winners, scene.labels, 4)
    assert 2 not in mapping[[0, 2]].tolist()
    assert label_agreement(winners, scene.labels, mapping, 3)[2] < 0.5


# --------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------
@pytest.mark.parametrize(("call", "error", "words"), [
    (lambda: filter_response(np.zeros((1, 5)), [[1]]), ValueError,
     r"^image must have at least 2 rows and 2 columns \(a grey picture\); received shape \(1, 5\)$"),
    (lambda: local_energy(np.zeros((9, 9)), -1), ValueError, r"^sigma must be a number >= 0 \(the spread"),
    (lambda: gabor_bank(thetas=()), ValueError, r"^thetas and wavelengths must each hold at least one value"),
    (lambda: gabor_bank(wavelengths=(1,)), ValueError, r"^wavelengths\[0\] must be a number >= 2"),
    (lambda: energy_maps(np.zeros((9, 9)), []), ValueError, r"^kernels must hold at least one kernel"),
    (lambda: winner_map(np.zeros((3, 3))), ValueError, r"^energies must be a 3-D array"),
    (lambda: confusion([[0, 1]], [[0, 1, 1]]), ValueError,
     r"^winners and labels must have the same shape; received \(1, 2\) and \(1, 3\)$"),
    (lambda: confusion([[0.5, 1]], [[0, 1]]), TypeError, r"^winners must hold whole numbers \(indices\)"),
    (lambda: confusion([[0, -1]], [[0, 1]]), ValueError, r"^winners and labels must be indices >= 0"),
    (lambda: confusion([[0, 3]], [[0, 1]], n_filters=2), ValueError,
     r"^n_filters and n_labels must exceed every index: the largest winner is 3"),
    (lambda: agreement([[0, 3]], [[0, 1]], [0, 1]), ValueError,
     r"^mapping must give a label for every filter that wins: the winners go up to 3, but the mapping has 2"),
])
def test_bad_input_is_refused_by_name(call, error, words):
    """Each bad argument is refused with its name and what was expected."""
    with pytest.raises(error, match=words):
        call()
