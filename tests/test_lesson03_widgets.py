"""Tests of convlib.lessons.lesson03.widgets: the EdgeExplorer, swept over every value of every control."""

from __future__ import annotations

import itertools
import statistics

import numpy as np
import pytest
import scipy.ndimage as ndi

from convlib.data import sample_image
from convlib.lessons.lesson03 import EdgeExplorer
from convlib.lessons.lesson03.widgets import MAGNITUDE_WHITE, OPERATOR_LABELS

#: A real photo, small enough to sweep every combination quickly: every 20th pixel of the portrait (30 x 26).
SMALL = sample_image("grace_hopper")[::20, ::20].copy()


def slider_values(slider):
    """Every value a FloatSlider allows, from min to max in steps."""
    n = round((slider.max - slider.min) / slider.step)
    return [slider.min + k * slider.step for k in range(n + 1)]


def control_values(ex):
    """Every value of every control of the widget, by control."""
    return {
        "operator": [value for _, value in ex.operator.options],
        "noise": slider_values(ex.noise),
        "sigma": slider_values(ex.sigma),
        "threshold": slider_values(ex.threshold),
    }


def png(data):
    """True if the bytes are a PNG picture."""
    return bytes(data[:8]) == b"\x89PNG\r\n\x1a\n"


def reference_edges(image, field, operator, noise, sigma, threshold):
    """The edge map computed with scipy only: noise, Gaussian blur, Sobel/Prewitt, hypot, threshold."""
    seen = np.clip(image + noise * field, 0, 1)
    if sigma > 0:
        seen = ndi.gaussian_filter(seen, sigma, mode="mirror", truncate=3.0)
    op, gain = {"sobel": (ndi.sobel, 8), "prewitt": (ndi.prewitt, 6)}[operator]
    mag = np.hypot(op(seen, axis=1, mode="mirror"), op(seen, axis=0, mode="mirror")) / gain
    return mag > threshold


def test_controls_have_descriptions_and_the_expected_ranges():
    """Four labelled controls: 4 operators, noise 0-0.2, blur 0-3, threshold 0-0.4."""
    ex = EdgeExplorer(SMALL)
    counts = {name: len(values) for name, values in control_values(ex).items()}
    assert counts == {"operator": 4, "noise": 5, "sigma": 7, "threshold": 41}
    for control in (ex.operator, ex.noise, ex.sigma, ex.threshold):
        assert control.description


def test_every_combination_of_every_control_shows_pictures():
    """All 4 x 5 x 7 x 41 = 5740 settings: three PNG pictures, a status line and no error each time."""
    ex = EdgeExplorer(SMALL)
    values = control_values(ex)
    shown = 0
    for operator, noise, sigma in itertools.product(values["operator"], values["noise"], values["sigma"]):
        ex.operator.value, ex.noise.value, ex.sigma.value = operator, noise, sigma
        for threshold in values["threshold"]:
            ex.threshold.value = threshold
            assert ex.error == "", (operator, noise, sigma, threshold, ex.error)
            assert png(ex._seen_img.value) and png(ex._grad_img.value) and png(ex._edge_img.value)
            assert f"above {threshold:.2f}" in ex.text
            shown += 1
    assert shown == 5740


@pytest.mark.parametrize(("operator", "noise", "sigma", "threshold"), [
    ("sobel", 0.1, 0.0, 0.1), ("sobel", 0.2, 1.5, 0.05),
    ("prewitt", 0.05, 3.0, 0.02), ("prewitt", 0.0, 0.5, 0.3),
])
def test_edge_map_matches_scipy(operator, noise, sigma, threshold):
    """The widget's edge map is the one scipy.ndimage computes from the same noisy, blurred photo."""
    ex = EdgeExplorer(SMALL, operator=operator, noise=noise, sigma=sigma, threshold=threshold)
    want = reference_edges(SMALL, ex._noise, operator, noise, sigma, threshold)
    assert np.array_equal(ex.edges, want)


def test_threshold_change_does_not_recompute_the_gradient():
    """Moving only the threshold reuses the gradient: the same arrays, a new edge map."""
    ex = EdgeExplorer(SMALL)
    gx = ex._gx
    before = ex.edges.sum()
    ex.threshold.value = 0.3
    assert ex._gx is gx and ex.edges.sum() < before


def test_same_noise_every_time():
    """The noise comes from a fixed seed: two widgets show the same picture."""
    assert np.array_equal(EdgeExplorer(SMALL)._seen, EdgeExplorer(SMALL)._seen)


def test_blur_lowers_the_share_of_edges_in_a_noisy_photo():
    """With noise, blurring first leaves fewer edge pixels: the point of the blur slider."""
    ex = EdgeExplorer(SMALL, noise=0.2, threshold=0.1)
    noisy_share = ex.edges.mean()
    ex.sigma.value = 1.5
    assert ex.edges.mean() < noisy_share


def test_empty_edge_map_says_how_to_get_edges():
    """A threshold above every magnitude gives a black map and a sentence saying to lower it."""
    flat = np.full((30, 30), 0.5)
    ex = EdgeExplorer(flat, noise=0.0, threshold=0.2)
    assert not ex.edges.any() and "lower it to see edges" in ex.text and ex.error == ""


def test_status_line_is_announced():
    """The status line is a polite live region that names the operator."""
    ex = EdgeExplorer(SMALL, operator="scharr")
    assert 'role="status"' in ex._status.value and "Scharr" in ex._status.value


def test_pictures_have_tooltips():
    """Every picture has a tooltip saying what it shows (its accessible name)."""
    ex = EdgeExplorer(SMALL)
    for img in (ex._seen_img, ex._grad_img, ex._edge_img):
        assert len(img.tooltip) > 20


def test_callback_errors_are_shown(monkeypatch):
    """An error while updating is shown in the widget, in words, and the pictures are greyed out."""
    from convlib.lessons.lesson03 import widgets

    ex = EdgeExplorer(SMALL)

    def broken(*args, **kwargs):
        raise ValueError("sigma must be a number >= 0; received -1")

    monkeypatch.setattr(widgets, "gradients", broken)
    ex.sigma.value = 1.0
    assert ex.error == "Cannot find these edges. sigma must be a number >= 0; received -1"
    assert "convlib-stale" in ex._dom_classes


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    (dict(image=np.zeros((10, 40))), ValueError,
     r"^image must be at least 20 x 20 pixels; received shape \(10, 40\)$"),
    (dict(image=np.zeros((30, 30)), operator="canny"), ValueError, r"^operator must be one of 'sobel'"),
    (dict(image=np.zeros((30, 30)), noise=0.5), ValueError,
     r"^noise must be a number >= 0 and <= 0.2; received 0.5$"),
    (dict(image=np.zeros((30, 30)), sigma="2"), TypeError,
     r"^sigma must be a number >= 0 and <= 3; received the string"),
])
def test_bad_arguments_are_refused_by_name(kwargs, error, words):
    """Settings out of the sliders' ranges are refused when the widget is made, naming the parameter."""
    with pytest.raises(error, match=words):
        EdgeExplorer(**kwargs)


def test_repr_says_what_is_shown():
    """The text form names the operator, the photo's size and the settings."""
    assert repr(EdgeExplorer(SMALL)) == ("EdgeExplorer: Sobel on a 30x26 photo, noise 0.10, σ = 0, "
                                         "threshold 0.10")


def test_labels_and_white_level():
    """Every operator has a label; the grey picture is white from a magnitude of MAGNITUDE_WHITE on."""
    assert set(OPERATOR_LABELS) == {"sobel", "prewitt", "scharr", "central"} and 0 < MAGNITUDE_WHITE < 1


def test_update_is_quick_at_the_photo_size():
    """On the 600 x 512 portrait a threshold update and a blur update each take well under half a second."""
    ex = EdgeExplorer()
    thresholds, blurs = [], []
    for k in range(5):
        ex.threshold.value = 0.05 + 0.02 * k
        thresholds.append(ex.last_ms)
        ex.sigma.value = 0.5 * (k + 1)
        blurs.append(ex.last_ms)
    assert ex._seen.shape == (600, 512)
    assert statistics.median(thresholds) < 500 and statistics.median(blurs) < 500


def test_every_value_of_each_control_at_the_photo_size():
    """On the 600 x 512 portrait, each control over all its values (4 + 5 + 7 + 41 = 57) shows pictures."""
    ex = EdgeExplorer()
    values = control_values(ex)
    controls = {"operator": ex.operator, "noise": ex.noise, "sigma": ex.sigma, "threshold": ex.threshold}
    shown = 0
    for name, control in controls.items():
        start = control.value
        for value in values[name]:
            control.value = value
            assert ex.error == "" and png(ex._grad_img.value) and png(ex._edge_img.value), (name, value)
            shown += 1
        control.value = start
    assert shown == 57


def test_pictures_send_an_empty_description_so_the_tooltip_shows():
    """The browser side of ipywidgets 8.1 reads description.length to show a tooltip: it must be ''."""
    ex = EdgeExplorer(SMALL)
    for img in (ex._seen_img, ex._grad_img, ex._edge_img):
        state = img.get_state()
        assert state["description"] == "" and state["tooltip"] == img.tooltip
