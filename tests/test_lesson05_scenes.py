"""Tests of convlib.lessons.lesson05.scenes: the lesson's templates, scenes and robustness numbers.

References: shapes painted by hand with numpy where a scene is simple, NCC
by its definition (a loop over windows), and distances computed directly.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from convlib.lessons.lesson05 import scenes
from convlib.shapes import SHAPES


def ncc_direct(X, T):
    """NCC by the definition, window by window (flat windows 0)."""
    X, T = np.asarray(X, float), np.asarray(T, float)
    h, w = T.shape
    t0 = T - T.mean()
    out = np.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
    for r in range(out.shape[0]):
        for c in range(out.shape[1]):
            w0 = X[r:r + h, c:c + w] - X[r:r + h, c:c + w].mean()
            den = math.sqrt((w0 ** 2).sum() * (t0 ** 2).sum())
            out[r, c] = (w0 * t0).sum() / den if den > 1e-12 else 0.0
    return out


def test_templates_are_read_only_shapes_of_size_15():
    """Four 21 x 21 read-only templates; the square's is exactly a 15 x 15 block of ones."""
    assert list(scenes.TEMPLATES) == list(SHAPES)
    for T in scenes.TEMPLATES.values():
        assert T.shape == (21, 21) and not T.flags.writeable
    want = np.zeros((21, 21))
    want[3:18, 3:18] = 1
    np.testing.assert_array_equal(scenes.TEMPLATES["square"], want)


def test_lesson_scenes_are_what_the_lesson_says():
    """The scan scene is 36 x 48 with three shapes and a patch; the bright scene has a blob and a patch."""
    assert scenes.SCAN_SCENE.image.shape == (36, 48)
    assert scenes.SCAN_SCENE.kinds == ("square", "circle", "cross")
    assert [k for k, _, _ in scenes.BRIGHT_SCENE.clutter] == ["blob", "patch"]
    assert scenes.FIND_SCENE.kinds == SHAPES * 3 and scenes.FIND_SCENE.image.shape == (120, 180)
    assert 13 <= scenes.FIND_SCENE.sizes.min() and scenes.FIND_SCENE.sizes.max() <= 17
    assert np.abs(scenes.FIND_SCENE.angles).max() <= 8


def test_robust_scene_places_the_four_shapes_on_one_row():
    """With no turn, scale 1 and no noise, each shape is the template pasted at its centre."""
    s = scenes.robust_scene()
    for kind, (r, c) in zip(scenes.ROBUST_SHAPE, scenes.ROBUST_CENTRES, strict=True):
        r, c = int(r), int(c)
        patch = s.image[r - 10:r + 11, c - 10:c + 11]
        np.testing.assert_allclose(patch, 0.15 + 0.7 * scenes.TEMPLATES[kind], atol=1e-12)


def test_robust_scene_noise_is_fixed_and_scaled():
    """The noise is the same field each time, scaled by the setting (where nothing is clipped)."""
    a, b = scenes.robust_scene(noise=0.05).image, scenes.robust_scene(noise=0.1).image
    clean = scenes.robust_scene().image
    inside = (a > 0) & (a < 1) & (b > 0) & (b < 1)
    np.testing.assert_allclose((b - clean)[inside], 2 * (a - clean)[inside], atol=1e-12)
    assert np.array_equal(a, scenes.robust_scene(noise=0.05).image)


@pytest.mark.parametrize(("kwargs", "words"), [
    (dict(angle=200), r"^angle must be a number >= -180 and <= 180"),
    (dict(scale=0.4), r"^scale must be a number >= 0.5 and <= 2"),
    (dict(noise=0.6), r"^noise must be a number >= 0 and <= 0.5"),
])
def test_robust_scene_refuses_settings_by_name(kwargs, words):
    """Settings out of range are refused, naming the parameter."""
    with pytest.raises(ValueError, match=words):
        scenes.robust_scene(**kwargs)


def test_best_near_is_the_best_window_within_the_tolerance():
    """best_near takes the maximum over windows whose centre is within 3 px, checked by brute force."""
    rng = np.random.default_rng(0)
    S = rng.random((30, 40))
    value, cell = scenes.best_near(S, (5, 7), (12.0, 20.5))
    want = max((S[r, c], (r, c)) for r in range(30) for c in range(40)
               if math.hypot(r + 2 - 12.0, c + 3 - 20.5) <= 3)
    assert (value, cell) == (want[0], want[1])
    with pytest.raises(ValueError, match=r"^point must be within 3 pixels of a window centre"):
        scenes.best_near(S, (5, 7), (-20, -20))


def test_robustness_is_the_definition_at_the_shape():
    """robustness() equals the best NCC by the definition near the shape (square turned by 20 degrees)."""
    got = scenes.robustness("square", angles=(20,)).item()
    X = scenes.robust_scene(20).image
    r, c = (int(v) for v in scenes.ROBUST_CENTRES[1])
    S = ncc_direct(X[r - 13:r + 14, c - 13:c + 14], scenes.TEMPLATES["square"])     # centres r-3..r+3
    rows, cols = np.indices(S.shape)
    near = np.hypot(rows - 3, cols - 3) <= 3
    assert got == pytest.approx(S[near].max(), abs=1e-9)
    assert scenes.robustness("circle", angles=(0, 33, 90)).ravel() == pytest.approx(1.0, abs=1e-6)


def test_pooled_report_adds_up_the_kinds():
    """Pooled precision and recall are sums over kinds; with a perfect mark list both are 1."""
    s = scenes.FIND_SCENE
    perfect = {k: s.centres_of(k) for k in SHAPES}
    assert scenes.pooled_report(s, perfect) == {"precision": 1.0, "recall": 1.0, "right": 12, "marks": 12,
                                                "shapes": 12}
    some = {"circle": s.centres_of("circle")[:1], "square": np.array([[0.0, 0.0]])}
    assert scenes.pooled_report(s, some) == {"precision": 0.5, "recall": 1 / 6, "right": 1, "marks": 2,
                                             "shapes": 6}


def test_find_every_shape_gives_each_template_its_marks():
    """At threshold 0.85 each kind is searched, and every mark lies inside the scene."""
    found = scenes.find_every_shape(scenes.FIND_SCENE.image, 0.85)
    assert list(found) == list(SHAPES)
    for marks in found.values():
        assert marks.shape[1] == 2 and (marks >= 0).all()
        assert (marks[:, 0] < 120).all() and (marks[:, 1] < 180).all()
