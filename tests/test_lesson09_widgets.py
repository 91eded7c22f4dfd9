"""Tests of convlib.lessons.lesson09.widgets: the FFT crossover slider."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from convlib.lessons.lesson09.benchmark import BenchmarkTable  # noqa: E402
from convlib.lessons.lesson09.speed import MethodTimes  # noqa: E402
from convlib.lessons.lesson09.widgets import FFTCrossover  # noqa: E402

HEADER = "size,k,kernel,method,ms\n"








def small_times():
    """Times for k = 1, 3, 5, 7, 9: direct grows, FFT is flat, separable in between."""
    return MethodTimes(64, (1, 3, 5, 7, 9), ("direct", "fft", "separable"),
                       [[0.1, 0.5, 1.2, 2.2, 3.6], [1.0, 1.0, 1.0, 1.0, 1.0], [0.5, 0.6, 0.7, 0.8, 0.9]])


# --------------------------------------------------------------------------
# the crossover widget
# --------------------------------------------------------------------------
def test_widget_slider_is_keyboard_ready():
    """An IntSlider over the measured sizes, with a label and a visible value."""
    fx = FFTCrossover(small_times(), k=5)
    s = fx.slider
    assert (s.min, s.max, s.step, s.value) == (1, 9, 2, 5) and s.readout and s.description == "Kernel size k"


def test_widget_moving_slider_moves_marker_and_text():
    """k = 7 moves the marker and rewrites the line of text."""
    fx = FFTCrossover(small_times(), k=3)
    fx.slider.value = 7
    assert list(fx.artists.marker.get_xdata()) == [7, 7] and fx.text.startswith("k = 7 ")
    assert "k = 7 " in fx._status.value and 'role="status"' in fx._status.value


def test_widget_redraws_the_png():
    """The picture is PNG bytes and changes with k."""
    fx = FFTCrossover(small_times(), k=1)
    before = fx.image.value
    fx.slider.value = 9
    assert before[1:4] == b"PNG" and fx.image.value != before


def test_widget_shows_callback_errors(monkeypatch):
    """An error while drawing is shown in the widget, not lost."""
    fx = FFTCrossover(small_times(), k=3)

    def broken(k):
        raise ValueError("cannot summarise")

    monkeypatch.setattr(fx.times.__class__, "summary", lambda self, k: broken(k))
    fx.slider.value = 5
    assert "cannot summarise" in fx.error and 'role="alert"' in fx._error.value


def test_widget_rejects_uneven_kernel_sizes():
    """The slider needs evenly spaced sizes."""
    t = MethodTimes(64, (1, 3, 7), ("direct", "fft"), [[1, 2, 3], [1, 1, 1]])
    with pytest.raises(ValueError, match="must be evenly spaced"):
        FFTCrossover(t)


def test_widget_rejects_other_times():
    """times must be a MethodTimes."""
    with pytest.raises(TypeError, match="times must be a convlib.lessons.lesson09.speed.MethodTimes"):
        FFTCrossover({"direct": [1]})


def test_widget_repr_says_what_was_timed():
    """The text form names the methods, the image and the current k."""
    assert repr(FFTCrossover(small_times(), k=3)) == ("FFTCrossover: direct, fft, separable timed on a 64x64 "
                                                      "image for k = 1..9; showing k = 3")


def test_benchmark_table_repr_lists_contents():
    """The text form gives the number of timings and what they cover."""
    table = BenchmarkTable(((512, 3, "random", "auto", 1.0),), "x.csv")
    assert repr(table).startswith("BenchmarkTable: 1 timings; sizes (512,)")
