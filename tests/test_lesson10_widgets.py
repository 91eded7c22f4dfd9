"""Tests of lesson 10's widgets, swept over every value of every control.

TransposedStepThrough (convlib.widgets.transposed) on the lesson's input and
kernel: every stride, padding and output padding, every step, compared with
the zero-insertion reference of tests/test_transposed.py.  SeparableCounter:
every setting, counts compared with the sizes of weight arrays and output
cells.  SignalStepper: every filter at every output sample, compared with a
loop over the padded signal.
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest
from test_transposed import zero_insertion

from convlib.lessons.lesson10 import SeparableCounter, SignalStepper, examples
from convlib.lessons.lesson10.widgets import CHANNEL_CHOICES, IMAGE_SIZES, KERNEL_SIZES
from convlib.widgets import TRANSPOSED_RANGES, TransposedStepThrough


def values(control):
    """Every value a control allows."""
    if hasattr(control, "options") and control.options:
        return [o[1] if isinstance(o, tuple) else o for o in control.options]
    return list(range(control.min, control.max + 1))


def test_transposed_stepper_every_setting_and_every_step():
    """27 settings: the output equals zero insertion, or the widget explains output padding; every step drawn."""
    ts = TransposedStepThrough(examples.TX, examples.TK, stride=2,
                               controls=["stride", "padding", "output_padding"])
    assert [c.description for c in ts.controls.values()] == ["Stride", "Padding", "Output padding"]
    assert [values(c) for c in ts.controls.values()] == [list(range(lo, hi + 1)) for lo, hi in
                                                        (TRANSPOSED_RANGES[n] for n in ts.controls)]
    shown = {"steps": 0, "message": 0}
    for s, p, a in itertools.product(*(values(c) for c in ts.controls.values())):
        ts.controls["stride"].value, ts.controls["padding"].value, ts.controls["output_padding"].value = s, p, a
        if a >= s:
            assert re.match(r"Cannot show this transposed convolution\. output_padding must be smaller than the "
                            r"stride or the dilation", ts.error), ts.error
            shown["message"] += 1
            continue
        assert ts.error == "", (s, p, a, ts.error)
        np.testing.assert_array_equal(ts.trace.output, zero_insertion(examples.TX, examples.TK, s, p, 1, a))
        assert ts.slider.max == 9 and ts.prerendered
        for k in range(1, 10):
            ts.go(k)
            parts = ts.parts()
            r, c = divmod(k - 1, 3)
            assert f"X[{r},{c}] = {examples.TX[r, c]}: adds" in parts["equation"]
            assert parts["input"].count("convlib-window") == 1
            assert parts["output"].count("convlib-window") == 9
            assert f"<caption>{examples.TX[r, c]} × K</caption>" in parts["kernel"]
        shown["steps"] += 1
    assert shown == {"steps": 18, "message": 9}


def test_transposed_stepper_title_gives_the_size_rule_with_its_numbers():
    """The line above the grids writes (n − 1)s − 2p + d(k − 1) + a + 1 with the settings put in."""
    ts = TransposedStepThrough(examples.TX, examples.TK, stride=2, padding=1, output_padding=1)
    assert "(3 − 1)×2 − 2×1 + 1×(3 − 1) + 1 + 1 = 6" in ts.title.value
    assert "cut off each edge" in ts.title.value and ts.formula == "Y = X ⋆ᵀ K"
    assert "convlib-stepper" in ts._dom_classes and "convlib-transposed-stepper" in ts._dom_classes


def test_transposed_stepper_output_fills_in_as_copies_are_painted():
    """Before a cell's first copy it is empty; cells cut off by the padding are hatched."""
    ts = TransposedStepThrough([[1, 2], [3, 4]], [[1, 1], [1, 1]], padding=1)
    first = ts.go(1).parts()["output"]
    assert first.count("no copy painted yet") == 9 - 4 and first.count("convlib-pad") == 8
    assert ">nan<" not in first
    last = ts.go(4).parts()["output"]
    assert "no copy painted yet" not in last


def test_transposed_stepper_refuses_other_controls_and_save_gif():
    """Controls must be transposed ones; save_gif is for convolutions."""
    with pytest.raises(ValueError, match="controls of a transposed convolution must be chosen from"):
        TransposedStepThrough([[1]], [[1]], controls=["mode"])
    with pytest.raises(ValueError, match="save_gif draws convolutions"):
        TransposedStepThrough([[1]], [[1]]).save_gif("x.gif")


def test_separable_counter_every_setting():
    """All 8*8*4*6 settings: counts equal weight-array sizes and output cells times weights per cell."""
    sc = SeparableCounter()
    assert [c.description for c in sc.controls] == ["Channels in, C_in", "Channels out, C_out", "Kernel size, k",
                                                     "Image size (H = W)"]
    for ci, co, k, n in itertools.product(CHANNEL_CHOICES, CHANNEL_CHOICES, KERNEL_SIZES, IMAGE_SIZES):
        for control, value in zip(sc.controls, (ci, co, k, n), strict=True):
            control.value = value
        assert sc.error == ""
        cells = n * n
        full = np.zeros((co, ci, k, k)).size
        sep = np.zeros((ci, 1, k, k)).size + np.zeros((co, ci, 1, 1)).size
        assert (sc.counts.full.parameters, sc.counts.parameters) == (full, sep)
        assert (sc.counts.full.multiply_adds, sc.counts.multiply_adds) == (full * cells, sep * cells)
        assert f"= {full:,}" in sc.text and f"= {sep:,}" in sc.text
        assert f"Separable / full = {sep / full:.3f}" in sc.text


def test_separable_counter_refuses_values_not_offered():
    """A starting value not on the sliders is named."""
    with pytest.raises(ValueError, match=r"c_in must be one of 3, 8, .*; received 5"):
        SeparableCounter(c_in=5)


def loop_window(x, kernel, mode, n):
    """y[n] of a correlation, by a loop over the padded signal."""
    k = len(kernel)
    left = {"same": (k - 1) // 2, "causal": k - 1}[mode]
    padded = np.concatenate([np.zeros(left), x, np.zeros(k)])
    return sum(kernel[j] * padded[n + j] for j in range(k))


@pytest.mark.parametrize("name", list(examples.FILTERS))
def test_signal_stepper_every_filter_at_every_sample(name):
    """Every output sample of every filter: the value equals a loop, the picture and its description update."""
    ss = SignalStepper()
    ss.filter.value = name
    f = examples.FILTERS[name]
    x = examples.make_signal()
    assert ss.slider.max == len(x) - 1
    before = None
    for n in range(ss.slider.min, ss.slider.max + 1):
        ss.slider.value = n
        assert ss.error == ""
        want = loop_window(x, f.kernel, f.mode, n)
        assert float(ss.trace.output[0, n]) == pytest.approx(want)
        assert ss.equation.startswith(f"y[{n}] = ") and f"output y up to y[{n}]" in ss.image.tooltip
        assert ss.image.value and ss.image.value != before
        before = ss.image.value


def test_signal_stepper_keeps_the_sample_when_the_filter_changes():
    """Switching filters keeps the slider where it is (all filters give as many samples as the signal)."""
    ss = SignalStepper(n=30)
    ss.filter.value = "difference"
    assert ss.slider.value == 30 and ss.equation.startswith("y[30] = x[29]×(−1) + x[30]×1")
