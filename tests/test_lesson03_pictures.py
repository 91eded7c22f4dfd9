"""Tests of convlib.lessons.lesson03.pictures: the synthetic edge, the noisy photo, the angle errors."""

from __future__ import annotations

import numpy as np
import pytest

from convlib.lessons.lesson03.pictures import direction_errors, noisy, vertical_edge


def test_vertical_edge_is_dark_then_light():
    """Columns before `column` are dark, the rest light, in every row."""
    X = vertical_edge((4, 6), 2, dark=1, light=7)
    assert X.tolist() == [[1, 1, 7, 7, 7, 7]] * 4 and X.dtype == np.int64


@pytest.mark.parametrize(("column", "message"), [
    (0, r"^column must be an integer from 1 to 6 \(the first light column\); received 0$"),
    (7, r"^column must be an integer from 1 to 6 \(the first light column\); received 7$"),
])
def test_vertical_edge_needs_both_sides(column, message):
    """The edge must have at least one dark and one light column."""
    with pytest.raises(ValueError, match=message):
        vertical_edge((5, 7), column)


def test_noisy_is_reproducible_and_clipped():
    """The same seed gives the same picture, values stay in [0, 1], and the noise has the asked spread."""
    base = np.full((200, 200), 0.5)
    a, b = noisy(base, 0.1, seed=3), noisy(base, 0.1, seed=3)
    assert np.array_equal(a, b) and not np.array_equal(a, noisy(base, 0.1, seed=4))
    assert 0 <= a.min() and a.max() <= 1
    assert abs(float((a - base).std()) - 0.1) < 0.005


def test_noisy_rejects_negative_level():
    """A negative noise level is refused, naming level."""
    with pytest.raises(ValueError, match=r"^level must be a number >= 0 \(the noise's standard deviation\)"):
        noisy(np.zeros((3, 3)), -0.1)


def test_direction_errors_rank_the_operators():
    """Scharr errs least, then Sobel, then Prewitt; finer stripes give larger errors."""
    fine, coarse = direction_errors(4), direction_errors(10)
    assert fine["scharr"] < fine["sobel"] < fine["prewitt"]
    assert all(coarse[op] < fine[op] for op in fine)


def test_direction_errors_are_zero_along_the_axes():
    """At 0 and 90 degrees every operator measures the direction exactly (up to rounding)."""
    assert all(err < 1e-6 for err in direction_errors(4, angles=(0, 90)).values())


def test_direction_error_of_central_difference_matches_formula():
    """For the central difference on a cosine grating the measured angle is atan2(sin(w sin a), sin(w cos a)).

    With w = 2 pi / wavelength, the 1-D central difference of cos(w x) is -2 sin(w) sin(w x): along x
    the gain is sin(w cos a), along y sin(w sin a).  The worst error over the angles is computed from
    that formula alone and compared.
    """
    w = 2 * np.pi / 6
    angles = np.radians(np.arange(0, 91, 5))
    measured = np.arctan2(np.sin(w * np.sin(angles)), np.sin(w * np.cos(angles)))
    want = float(np.degrees(np.abs(measured - angles)).max())
    assert direction_errors(6)["central"] == pytest.approx(want, abs=1e-6)
