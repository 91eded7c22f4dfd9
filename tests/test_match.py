"""Tests of convlib.match: plain correlation, NCC, window sums, peaks, centres and precision/recall.

References, all independent of convlib: a DIRECT per-window NCC written
here (a loop over windows: subtract each mean, divide by the two norms),
``scipy.signal.correlate2d`` for the plain score, numpy's
``sliding_window_view`` for window sums, ``scipy.ndimage.maximum_filter``
plus a greedy loop for the peaks, and ``scipy.optimize.linear_sum_assignment``
for the best one-to-one matching of centres.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.ndimage as ndi
import scipy.signal as sig
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from convlib.match import (
    FLAT_SCORE,
    FLAT_STD,
    MATCH_TOLERANCE,
    MatchReport,
    correlation_score,
    evaluate,
    find_peaks,
    find_shapes,
    ncc,
    window_centres,
    window_sums,
)
from convlib.shapes import make_scene, shape_mask

DTYPES = [np.uint8, np.int16, np.int32, np.int64, np.float32, np.float64]


def ncc_direct(image, template, flat=0.0):
    """NCC by the definition, one window at a time: subtract the means, divide by the norms."""
    X, T = np.asarray(image, dtype=np.float64), np.asarray(template, dtype=np.float64)
    h, w = T.shape
    out = np.empty((X.shape[0] - h + 1, X.shape[1] - w + 1))
    t0 = T - T.mean()
    t_norm = math.sqrt(float((t0 * t0).sum()))
    for r in range(out.shape[0]):
        for c in range(out.shape[1]):
            win = X[r:r + h, c:c + w]
            if np.ptp(win) == 0:          # all pixels equal: no pattern, NCC undefined
                out[r, c] = flat
                continue
            w0 = win - win.mean()
            out[r, c] = float((w0 * t0).sum()) / (math.sqrt(float((w0 * w0).sum())) * t_norm)
    return out


@st.composite
def image_and_template(draw):
    """An image and a smaller non-flat template of one dtype, whole-number values (scaled for floats)."""
    dtype = draw(st.sampled_from(DTYPES))
    H, W = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    h, w = draw(st.integers(1, H)), draw(st.integers(1, W))
    low, high = (0, 9) if dtype == np.uint8 else (-40, 40)
    cells = st.integers(low, high)
    X = np.array(draw(st.lists(cells, min_size=H * W, max_size=H * W)), dtype=np.float64).reshape(H, W)
    T = np.array(draw(st.lists(cells, min_size=h * w, max_size=h * w)), dtype=np.float64).reshape(h, w)
    if np.ptp(T) == 0:
        if h * w == 1:
            return draw(image_and_template())  # a 1x1 template is always flat: draw again
        T.flat[0] = T.flat[0] + 1 if T.flat[0] < high else T.flat[0] - 1
    if np.dtype(dtype).kind == "f":
        scale = draw(st.sampled_from([1.0, 0.25, 1024.0]))
        X, T = X * scale, T * scale
    flats = draw(st.booleans())
    if flats and H >= 2 and W >= 2:            # a flat block, so flat windows occur
        X[: (H + 1) // 2, : (W + 1) // 2] = X[0, 0]
    return X.astype(dtype), T.astype(dtype)


@settings(max_examples=300, deadline=None)
@given(image_and_template())
def test_ncc_equals_the_direct_formula(pair):
    """ncc() equals the per-window definition over shapes and dtypes, flat windows giving 0."""
    X, T = pair
    got = ncc(X, T)
    want = ncc_direct(X, T)
    assert got.dtype == np.float64 and got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(image_and_template())
def test_ncc_flat_value_is_used_on_flat_windows_only(pair):
    """With flat=NaN, exactly the windows whose pixels are all equal are NaN."""
    X, T = pair
    got = ncc(X, T, flat=float("nan"))
    want = ncc_direct(X, T, flat=np.nan)
    assert np.array_equal(np.isnan(got), np.isnan(want))


def test_flat_windows_score_the_documented_value():
    """A picture with a flat area: its windows score FLAT_SCORE (0), or the value asked for."""
    X = np.zeros((8, 8))
    X[5:, 5:] = np.arange(9).reshape(3, 3)
    T = [[1, 0], [0, 1]]
    S = ncc(X, T)
    assert FLAT_SCORE == 0.0 and S[0, 0] == 0.0 and S[:4, :4].max() == 0.0
    assert ncc(X, T, flat=-2.0)[0, 0] == -2.0
    assert np.isnan(ncc(X, T, flat=float("nan"))[0, 0])


def test_a_constant_picture_is_flat_everywhere():
    """NCC of a constant picture is the flat value in every window, whatever the constant."""
    for value in (0.0, 1.0, 255.0, -3.5):
        assert np.array_equal(ncc(np.full((6, 7), value), [[1, 2], [3, 4]]), np.zeros((5, 6)))


def test_nearly_flat_window_counts_as_flat_below_the_documented_share():
    """A window whose spread is below FLAT_STD of the scene's range is flat; a bit more is scored."""
    X = np.zeros((3, 6))
    X[:, 3:] = 1.0                                          # a step: scale of the scene about 0.5
    X[1, 1] = 1e-9                                          # far below FLAT_STD * 0.5
    X[1, 4] = 1.0 + 1e-3                                    # far above it
    S = ncc(X, [[0, 0, 0], [0, 1, 0], [0, 0, 0]])
    assert FLAT_STD == 1e-6
    dot = [[0, 0, 0], [0, 1, 0], [0, 0, 0]]
    assert S[0, 0] == 0.0 and S[0, 3] == pytest.approx(ncc_direct(X[:, 3:], dot)[0, 0])
    assert S[0, 3] == pytest.approx(1.0)


def test_ncc_ignores_brightness_and_contrast():
    """a * X + b (a > 0) scores the same as X; a negative a flips the sign."""
    rng = np.random.default_rng(0)
    X, T = rng.random((20, 25)), rng.random((5, 4))
    base = ncc(X, T)
    np.testing.assert_allclose(ncc(3 * X + 7, T), base, atol=1e-10)
    np.testing.assert_allclose(ncc(X, 0.5 * T - 2), base, atol=1e-10)
    np.testing.assert_allclose(ncc(-X, T), -base, atol=1e-10)


def test_ncc_is_one_exactly_where_the_template_was_pasted():
    """A template pasted into noise scores 1 there (and is the maximum)."""
    rng = np.random.default_rng(1)
    X = rng.random((30, 40)) * 0.2
    T = shape_mask("cross", 9, canvas=11)
    X[7:18, 20:31] = 0.3 + 0.5 * T
    S = ncc(X, T)
    assert S[7, 20] == pytest.approx(1.0, abs=1e-12)
    assert tuple(np.argwhere(S == S.max())[0]) == (7, 20)


def test_ncc_on_a_large_picture_matches_the_direct_formula_on_a_sample():
    """At 200 x 300 with a 25 x 25 template (the FFT path), sampled windows equal the definition."""
    rng = np.random.default_rng(2)
    X = rng.random((200, 300))
    X[50:120, 100:180] = 0.4                                   # a flat region too
    T = shape_mask("triangle", 17, canvas=25)
    S = ncc(X, T)
    h, w = T.shape
    for r, c in [(0, 0), (60, 110), (49, 99), (175, 275), (90, 10)] + [tuple(rng.integers(0, 176, 2))]:
        assert S[r, c] == pytest.approx(ncc_direct(X[r:r + h, c:c + w], T)[0, 0], abs=1e-9), (r, c)


@pytest.mark.parametrize("dtype", DTYPES)
def test_correlation_score_equals_scipy(dtype):
    """The plain score is scipy.signal.correlate2d 'valid', in float64, for every dtype."""
    rng = np.random.default_rng(3)
    X = rng.integers(0, 10, (9, 11)).astype(dtype)
    T = rng.integers(0, 5, (3, 4)).astype(dtype)
    got = correlation_score(X, T)
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, sig.correlate2d(X.astype(float), T.astype(float), mode="valid"))


def test_plain_correlation_prefers_a_bright_area_and_ncc_does_not():
    """A white patch beats the true square under plain correlation; NCC puts the square first."""
    X = np.zeros((30, 50))
    X[10:19, 5:14] = 0.6                       # the square, mid-grey
    X[5:25, 25:45] = 1.0                       # a large white area
    T = np.pad(np.ones((9, 9)), 2)
    plain, norm = correlation_score(X, T), ncc(X, T)
    assert np.unravel_index(plain.argmax(), plain.shape)[1] >= 21
    assert tuple(np.unravel_index(norm.argmax(), norm.shape)) == (8, 3)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 15), st.integers(1, 15), st.data())
def test_window_sums_equal_sliding_window_sums(H, W, data):
    """window_sums is the sum of every window (numpy sliding_window_view)."""
    h, w = data.draw(st.integers(1, H)), data.draw(st.integers(1, W))
    X = np.array(data.draw(st.lists(st.integers(-99, 99), min_size=H * W, max_size=H * W))).reshape(H, W)
    want = np.lib.stride_tricks.sliding_window_view(X, (h, w)).sum(axis=(-2, -1))
    np.testing.assert_allclose(window_sums(X, (h, w)), want, atol=1e-9)


def peaks_reference(S, threshold, radius, max_peaks=None):
    """Peaks by the rules written out: above threshold, local max of the square, greedy strongest first."""
    S = np.where(np.isnan(S), -np.inf, np.asarray(S, dtype=float))
    local = ndi.maximum_filter(S, size=2 * radius + 1, mode="constant", cval=-np.inf)
    cells = [(S[r, c], r, c) for r in range(S.shape[0]) for c in range(S.shape[1])
             if S[r, c] > threshold and S[r, c] >= local[r, c]]
    cells.sort(key=lambda t: (-t[0], t[1], t[2]))
    kept = []
    for _, r, c in cells:
        if all(max(abs(r - r2), abs(c - c2)) > radius for r2, c2 in kept):
            kept.append((r, c))
    return kept[:max_peaks] if max_peaks else kept


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 14), st.integers(1, 14), st.integers(0, 4), st.integers(-1, 6), st.data())
def test_find_peaks_follows_its_rules(H, W, radius, threshold, data):
    """find_peaks equals the rules applied one by one (scipy's maximum filter, then a greedy loop)."""
    S = np.array(data.draw(st.lists(st.integers(0, 6), min_size=H * W, max_size=H * W)), float).reshape(H, W)
    got = find_peaks(S, threshold, radius=radius)
    assert got.tolist() == [list(p) for p in peaks_reference(S, threshold, radius)]
    assert got.dtype == np.int64 and got.shape[1] == 2


def test_find_peaks_one_per_plateau_and_max_peaks():
    """A plateau of equal scores gives its first cell only; max_peaks keeps the strongest."""
    S = np.zeros((5, 9))
    S[1:3, 1:3] = 2.0
    S[3, 7] = 3.0
    S[0, 6] = 1.0
    assert find_peaks(S, 0.5, radius=1).tolist() == [[3, 7], [1, 1], [0, 6]]
    assert find_peaks(S, 0.5, radius=1, max_peaks=2).tolist() == [[3, 7], [1, 1]]
    assert find_peaks(S, 3.0).shape == (0, 2)              # strictly above the threshold
    assert find_peaks(np.array([[np.nan, 1.0]]), 0).tolist() == [[0, 1]]


def test_window_centres_add_half_the_template():
    """A window's centre is its top-left cell plus (h - 1) / 2 and (w - 1) / 2."""
    np.testing.assert_array_equal(window_centres([[0, 0], [3, 7]], (21, 20)), [[10, 9.5], [13, 16.5]])
    assert window_centres(np.zeros((0, 2)), (3, 3)).shape == (0, 2)


def test_find_shapes_finds_the_scenes_circles():
    """On a generated scene, the circle template finds the circles' centres, within a pixel."""
    scene = make_scene((80, 100), ("circle", "square", "circle", "cross"), size=13, seed=5)
    found = find_shapes(scene.image, shape_mask("circle", 13), 0.9)
    report = evaluate(found, scene.centres_of("circle"), tolerance=1.0)
    assert report.recall == 1.0 and report.precision == 1.0


def test_find_shapes_with_the_plain_score_and_bad_score_name():
    """score='correlation' uses the plain score; another name is refused by name."""
    X = np.zeros((10, 10))
    X[2:5, 2:5] = 1
    T = np.ones((3, 3))
    assert find_shapes(X, T, 8.5, score="correlation").tolist() == [[3.0, 3.0]]
    with pytest.raises(ValueError, match="^score must be one of 'ncc', 'correlation'; received the string"):
        find_shapes(X, T, 0.5, score="sad")


def best_matching_size(F, G, tol):
    """The largest one-to-one matching within tol (scipy's assignment on a 0/1 cost)."""
    if not len(F) or not len(G):
        return 0
    d = np.hypot(*(np.asarray(F)[:, None, :] - np.asarray(G)[None, :, :]).transpose(2, 0, 1))
    ok = (d <= tol).astype(float)
    r, c = linear_sum_assignment(-ok)
    return int(ok[r, c].sum())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=6, unique=True),
       st.lists(st.tuples(st.floats(-2, 2), st.floats(-2, 2)), max_size=6), st.data())
def test_evaluate_counts_against_the_best_matching(grid, jitter, data):
    """True centres 10 px apart, found ones jittered: greedy pairs = best matching; ratios follow."""
    G = np.array(grid, dtype=float).reshape(-1, 2) * 10
    picks = data.draw(st.lists(st.integers(0, max(len(G) - 1, 0)), max_size=len(jitter))) if len(G) else []
    far = [(200.0, 200.0)] * data.draw(st.integers(0, 2))
    F = [G[i] + j for i, j in zip(picks, jitter, strict=False)] + far
    F = np.array(F, dtype=float).reshape(-1, 2)
    r = evaluate(F, G, tolerance=3.0)
    n = best_matching_size(F, G, 3.0)
    assert len(r.pairs) == n
    assert r.precision == (n / len(F) if len(F) else 1.0) and r.recall == (n / len(G) if len(G) else 1.0)
    assert sorted(r.false_alarms + tuple(f for f, _ in r.pairs)) == list(range(len(F)))
    assert sorted(r.missed + tuple(g for _, g in r.pairs)) == list(range(len(G)))
    for f, g in r.pairs:
        assert math.dist(F[f], G[g]) <= 3.0


def test_evaluate_takes_the_closest_pair_first_and_states_the_tolerance():
    """Two marks near one shape: the closer one matches, the other is a false alarm; tolerance is kept."""
    r = evaluate([(0, 2.5), (0, 0.5)], [(0, 0)], tolerance=MATCH_TOLERANCE)
    assert r == MatchReport(0.5, 1.0, ((1, 0),), (0,), (), 3.0)
    assert "within 3 pixels" in str(r)
    assert evaluate([(0, 3.0)], [(0, 0)]).recall == 1.0 and evaluate([(0, 3.01)], [(0, 0)]).recall == 0.0
    assert evaluate([], []).precision == 1.0 and evaluate([], []).recall == 1.0


@pytest.mark.parametrize(("call", "error", "words"), [
    (lambda: ncc(np.zeros((3, 3)), np.ones((2, 2))), ValueError,
     r"^template must not be flat: it has no pattern to compare \(all 4 values are 1\)"),
    (lambda: ncc(np.zeros((3, 3)), np.ones((4, 2))), ValueError,
     r"^template must fit inside image: template 4x2, image 3x3$"),
    (lambda: ncc([[1, np.nan]], [[1, 0]]), ValueError, r"^image and template must hold finite numbers"),
    (lambda: ncc(np.zeros(5), [[1, 0]]), ValueError, r"^image must be a 2-D array"),
    (lambda: ncc(np.eye(3), [[1, 0]], flat="zero"), TypeError, r"^flat must be a finite number"),
    (lambda: correlation_score(np.eye(2), np.ones((3, 3))), ValueError, r"^template must fit inside image"),
    (lambda: window_sums(np.eye(3), (4, 1)), ValueError, r"^shape must fit inside image: window 4x1"),
    (lambda: window_sums(np.eye(3), 3), TypeError, r"^shape must be a pair \(rows, columns\)"),
    (lambda: find_peaks(np.eye(3), 0.5, radius=-1), ValueError, r"^radius must be an integer >= 0"),
    (lambda: find_peaks(np.eye(3), "high"), TypeError, r"^threshold must be a finite number"),
    (lambda: find_peaks(np.eye(3), 0.5, max_peaks=0), ValueError, r"^max_peaks must be an integer >= 1"),
    (lambda: evaluate([(1, 2, 3)], [(1, 2)]), ValueError,
     r"^found must be a list of \(row, col\) points, shape"),
    (lambda: evaluate([(1, 2)], [(1, 2)], tolerance=-1), ValueError, r"^tolerance must be a number >= 0"),
    (lambda: evaluate("ab", [(1, 2)]), TypeError, r"^found must be a list of \(row, col\) points; received"),
])
def test_bad_input_is_refused_by_name(call, error, words):
    """Every public function names the parameter it refuses, what it expected and what it got."""
    with pytest.raises(error, match=words):
        call()
