"""Tests of convlib.lessons.lesson05.widgets: TemplateScan and RobustnessExplorer, swept over their controls.

TemplateScan has 4 templates x 2 scores x 864 windows x 3 Play speeds =
20736 settings, RobustnessExplorer 4 x 19 x 11 x 9 x 10 = 75240: too many to
draw every one in a test (about 10 and 20 ms each).  Each sweep takes every
value of every control at least once (all 864 windows; every template and
score at the first and last window; every speed; every value of each
slider of the explorer), plus a seeded random sample of combinations of
all controls (200 and 120).  Numbers shown are compared with
NCC computed by its definition and with scipy.
"""

from __future__ import annotations

import itertools
import math
import random
import statistics

import numpy as np
import pytest
import scipy.signal as sig

from convlib.lessons.lesson05 import RobustnessExplorer, TemplateScan
from convlib.lessons.lesson05.scenes import ROBUST_CENTRES, TEMPLATES, robust_scene
from convlib.lessons.lesson05.widgets import SCORES
from convlib.shapes import SHAPES


def png(data):
    """True if the bytes are a PNG picture."""
    return bytes(data[:8]) == b"\x89PNG\r\n\x1a\n"


def values(slider):
    """Every value a slider allows, from min to max in steps."""
    n = round((slider.max - slider.min) / slider.step)
    return [slider.min + k * slider.step for k in range(n + 1)]


def ncc_at(X, T, r, c):
    """NCC of one window by the definition."""
    win = np.asarray(X, float)[r:r + T.shape[0], c:c + T.shape[1]]
    w0, t0 = win - win.mean(), T - T.mean()
    return float((w0 * t0).sum() / math.sqrt((w0 ** 2).sum() * (t0 ** 2).sum()))


def scan_ok(scan):
    """The scan shows its four pictures and no error."""
    return (scan.error == "" and png(scan._scene_img.value) and png(scan._map_img.value)
            and png(scan._template_img.value) and bytes(scan._plot_img.value[:4]) == b"<svg")


# --------------------------------------------------------------------------
# TemplateScan
# --------------------------------------------------------------------------
def test_scan_controls_have_descriptions_and_ranges():
    """Template (4), Score (2), Window (1 to 864), Play moves (3), each labelled; Play drives the slider."""
    scan = TemplateScan()
    assert [o for o in scan.kind.options] == list(SHAPES) and len(scan.score.options) == 2
    assert (scan.slider.min, scan.slider.max, scan.play.max) == (1, 864, 864) and len(scan.speed.options) == 3
    for control in (scan.kind, scan.score, scan.slider, scan.speed, scan.play):
        assert control.description


def test_scan_every_window_and_every_template_and_score():
    """All 864 windows (square, NCC), then each of the 4 x 2 templates and scores at both ends."""
    scan = TemplateScan()
    shown = 0
    for window in values(scan.slider):
        scan.slider.value = window
        assert scan_ok(scan), (window, scan.error)
        shown += 1
    assert shown == 864 and scan.cell == (23, 35)
    for kind, score in itertools.product(list(scan.kind.options), list(SCORES.values())):
        scan.kind.value, scan.score.value = kind, score
        for window in (1, 864):
            scan.slider.value = window
            assert scan_ok(scan), (kind, score, window, scan.error)
            r, c = scan.cell
            assert f"{scan.scores[r, c]:.3g}" in scan.text
            shown += 1
    assert shown == 864 + 16


def test_scan_speeds_and_a_random_sample_of_everything():
    """Every Play speed sets Play's step; 200 seeded random settings of all four controls show pictures."""
    scan = TemplateScan()
    for value, step in [(1, 1), (4, 4), (0, 36)]:
        scan.speed.value = value
        assert scan.play.step == step
    rng = random.Random(5)
    for _ in range(200):
        scan.kind.value = rng.choice(list(scan.kind.options))
        scan.score.value = rng.choice(list(SCORES.values()))
        scan.speed.value = rng.choice([1, 4, 0])
        scan.slider.value = rng.randint(1, 864)
        assert scan_ok(scan), scan.error
        assert scan.play.step == (scan.speed.value or 36)


@pytest.mark.parametrize(("kind", "window"),
                         [("square", 1), ("circle", 400), ("cross", 864), ("triangle", 77)])
def test_scan_numbers_are_the_definitions(kind, window):
    """The NCC and the plain score of the current window match the definition and scipy."""
    scan = TemplateScan(kind=kind)
    scan.slider.value = window
    r, c = scan.cell
    T = scan.templates[kind]
    assert scan.scores[r, c] == pytest.approx(ncc_at(scan.image, T, r, c), abs=1e-9)
    scan.score.value = "correlation"
    plain = sig.correlate2d(scan.image, T, mode="valid")
    np.testing.assert_allclose(scan.scores, plain, atol=1e-9)


def test_scan_best_so_far_is_the_running_maximum():
    """The best window so far, named in the text, is the first maximum of the scores up to now."""
    scan = TemplateScan()
    scan.slider.value = 500
    flat = scan.scores.ravel()[:500]
    b = int(np.argmax(flat))
    br, bc = divmod(b, scan.scores.shape[1])
    assert f"window at row {br}, column {bc}" in scan.text


def test_scan_map_hides_windows_not_reached():
    """Cells after the current window are grey; the first ones are coloured."""
    scan = TemplateScan()
    scan.slider.value = 10
    import io

    from PIL import Image

    img = np.asarray(Image.open(io.BytesIO(scan._map_img.value)).convert("RGB"))
    z = scan._map_zoom
    grey = img[20 * z + z // 2, 20 * z + z // 2]
    assert tuple(grey) == (230, 230, 230)
    assert tuple(img[z // 2, 3 * z + z // 2]) != (230, 230, 230)


def test_scan_update_is_quick():
    """A step of the slider takes well under 50 ms of Python (median over 100 steps)."""
    scan = TemplateScan()
    times = []
    for window in range(1, 801, 8):
        scan.slider.value = window
        times.append(scan.last_ms)
    assert statistics.median(times) < 50


def test_scan_errors_are_shown(monkeypatch):
    """An error while drawing is shown in the widget, in words."""
    from convlib.lessons.lesson05 import widgets

    scan = TemplateScan()

    def broken(*args, **kwargs):
        raise ValueError("image must be a 2-D array; received 3-D input")

    monkeypatch.setattr(widgets, "score_plot_svg", broken)
    scan.slider.value = 5
    assert scan.error == "Cannot show this scan. image must be a 2-D array; received 3-D input"


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    (dict(kind="star"), ValueError, r"^kind must be one of 'circle', 'square', 'cross', 'triangle'"),
    (dict(score="sad"), ValueError, r"^score must be one of 'ncc', 'correlation'"),
    (dict(image=np.zeros(5)), ValueError, r"^image must be a 2-D array"),
    (dict(interval=0), ValueError, r"^interval must be an integer >= 10"),
])
def test_scan_bad_arguments_are_refused_by_name(kwargs, error, words):
    """Bad settings are refused when the widget is made, naming the parameter."""
    with pytest.raises(error, match=words):
        TemplateScan(**kwargs)


def test_scan_pictures_have_tooltips_and_repr():
    """Every picture has a tooltip (its accessible name); the text form says what is shown."""
    scan = TemplateScan()
    for img in (scan._scene_img, scan._template_img, scan._map_img, scan._plot_img):
        assert len(img.tooltip) > 20 and img.get_state()["description"] == ""
    assert repr(scan) == ("TemplateScan: the square template over a 36x48 scene, ncc, window 1 of 864 "
                          "at (0, 0)")
    assert 'role="status"' in scan._status.value


# --------------------------------------------------------------------------
# RobustnessExplorer
# --------------------------------------------------------------------------
def robust_controls(ex):
    """Every value of every control, by control."""
    return {"kind": list(ex.kind.options), "angle": values(ex.angle), "scale": values(ex.scale),
            "noise": values(ex.noise), "threshold": values(ex.threshold)}


def robust_ok(ex):
    """Both pictures, a table and no error."""
    pictures = png(ex._scene_img.value) and png(ex._map_img.value)
    return ex.error == "" and pictures and "<table" in ex._table.value


def test_robust_controls_have_descriptions_and_ranges():
    """5 labelled controls: 4 templates, turns 0-90 by 5, scale 0.6-1.6, noise 0-0.4, threshold 0.5-0.95."""
    ex = RobustnessExplorer()
    counts = {k: len(v) for k, v in robust_controls(ex).items()}
    assert counts == {"kind": 4, "angle": 19, "scale": 11, "noise": 9, "threshold": 10}
    assert math.prod(counts.values()) == 75240
    for control in (ex.kind, ex.angle, ex.scale, ex.noise, ex.threshold):
        assert control.description


def test_robust_every_value_of_every_control_and_a_random_sample():
    """Each control over all its values (53 settings), then 120 seeded random combinations, no error."""
    ex = RobustnessExplorer()
    controls = {"kind": ex.kind, "angle": ex.angle, "scale": ex.scale, "noise": ex.noise,
                "threshold": ex.threshold}
    shown = 0
    for name, control in controls.items():
        start = control.value
        for value in robust_controls(ex)[name]:
            control.value = value
            assert robust_ok(ex), (name, value, ex.error)
            shown += 1
        control.value = start
    assert shown == 53
    rng = random.Random(11)
    options = robust_controls(ex)
    for _ in range(120):
        for name, control in controls.items():
            control.value = rng.choice(options[name])
        assert robust_ok(ex), (repr(ex), ex.error)
        assert f"threshold {ex.threshold.value:.2f}" in ex.text


@pytest.mark.parametrize(("kind", "angle", "scale", "noise"), [
    ("square", 0, 1.0, 0.0), ("square", 30, 1.0, 0.0), ("triangle", 10, 1.2, 0.1), ("cross", 45, 0.8, 0.2),
    ("circle", 90, 1.0, 0.3),
])
def test_robust_best_scores_are_the_definition(kind, angle, scale, noise):
    """Each shape's best NCC equals the best, by the definition, over windows centred within 3 px of it."""
    ex = RobustnessExplorer(kind=kind, angle=angle, scale=scale, noise=noise)
    X = robust_scene(angle, scale, noise).image
    T = np.asarray(TEMPLATES[kind], float)
    h = (T.shape[0] - 1) // 2
    for shape, (r, c) in zip(SHAPES, ROBUST_CENTRES, strict=True):
        want = max(ncc_at(X, T, int(r) - h + dr, int(c) - h + dc)
                   for dr in range(-3, 4) for dc in range(-3, 4) if math.hypot(dr, dc) <= 3)
        assert ex.best[shape] == pytest.approx(want, abs=1e-9), shape


def test_robust_found_follows_the_threshold():
    """The square is found exactly when its best NCC beats the threshold (unturned: found; 45°: missed)."""
    ex = RobustnessExplorer(kind="square", threshold=0.85)
    assert ex.found and "found" in ex.text
    ex.angle.value = 45
    assert not ex.found and ex.best["square"] < 0.85 and "missed" in ex.text
    ex.threshold.value = 0.5
    assert ex.found


def test_robust_update_is_quick():
    """An update takes well under 100 ms of Python (median over the turns)."""
    ex = RobustnessExplorer()
    times = []
    for a in values(ex.angle):
        ex.angle.value = a
        times.append(ex.last_ms)
    assert statistics.median(times) < 100


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    (dict(kind="oval"), ValueError, r"^kind must be one of"),
    (dict(angle=95), ValueError, r"^angle must be an integer from 0 to 90"),
    (dict(scale=2.0), ValueError, r"^scale must be a number >= 0.6 and <= 1.6; received 2.0"),
    (dict(noise=-0.1), ValueError, r"^noise must be a number >= 0 and <= 0.4"),
    (dict(threshold="high"), TypeError, r"^threshold must be a number >= 0.5 and <= 0.95"),
])
def test_robust_bad_arguments_are_refused_by_name(kwargs, error, words):
    """Settings outside the sliders' ranges are refused, naming the parameter."""
    with pytest.raises(error, match=words):
        RobustnessExplorer(**kwargs)


def test_robust_errors_are_shown(monkeypatch):
    """An error while updating is shown in the widget, and the pictures are greyed out."""
    from convlib.lessons.lesson05 import widgets

    ex = RobustnessExplorer()

    def broken(*args, **kwargs):
        raise ValueError("scale must be a number >= 0.5 and <= 2; received 3")

    monkeypatch.setattr(widgets, "robust_scene", broken)
    ex.scale.value = 1.2
    assert ex.error == "Cannot match these shapes. scale must be a number >= 0.5 and <= 2; received 3"
    assert "convlib-stale" in ex._dom_classes


def test_robust_pictures_have_tooltips_and_repr():
    """Both pictures have tooltips; the table has a caption; the text form names the settings."""
    ex = RobustnessExplorer()
    for img in (ex._scene_img, ex._map_img):
        assert len(img.tooltip) > 20 and img.get_state()["description"] == ""
    assert "<caption>" in ex._table.value
    assert repr(ex) == "RobustnessExplorer: square template, turn 0°, scale 1.0, noise 0.00, threshold 0.80"
