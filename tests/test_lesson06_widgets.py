"""Tests of convlib.lessons.lesson06.widgets: the LayerCounter, swept over every value of every control.

The counts shown are compared with numbers computed here: the output size by
counting window starts, the parameters by the sizes of weight and bias
arrays, the multiply-adds by output cells times weights, and the receptive
field by the recurrence written out in the test.
"""

from __future__ import annotations

import itertools
import re
import statistics

import numpy as np
import pytest

from convlib.lessons.lesson06 import LayerCounter
from convlib.lessons.lesson06.widgets import CHANNEL_CHOICES, INPUT_SIZES


def values(control):
    """Every value a control allows."""
    if hasattr(control, "options") and control.options:
        return [o[1] if isinstance(o, tuple) else o for o in control.options]
    if hasattr(control, "min"):
        return list(range(control.min, control.max + 1))
    return [False, True]


def expected(n, c_in, c_out, k, s, p, d, bias, layers):
    """Per layer: output shape, parameters, multiply-adds, receptive field; None if one does not fit."""
    out, shape, r, j = [], (c_in, n, n), 1, 1
    span = d * (k - 1) + 1
    for _ in range(layers):
        side = len(range(0, shape[1] + 2 * p - span + 1, s))
        if side == 0:
            return None
        weights, biases = np.zeros((c_out, shape[0], k, k)), np.zeros(c_out if bias else 0)
        r, j = r + d * (k - 1) * j, j * s
        macs = c_out * side * side * shape[0] * k * k
        out.append(((c_out, side, side), weights.size + biases.size, macs, r))
        shape = (c_out, side, side)
    return out


def test_controls_are_labelled_and_have_the_documented_ranges():
    """Nine labelled controls: 6 sizes, 7 channel counts in and out, k, s, p, d, layers and bias."""
    lc = LayerCounter()
    assert [len(values(c)) for c in lc.controls] == [6, 7, 7, 7, 3, 4, 3, 4, 2]
    assert tuple(values(lc.size)) == INPUT_SIZES and tuple(values(lc.c_in)) == CHANNEL_CHOICES
    for control in lc.controls:
        assert control.description


def set_all(lc, n, c_in, c_out, k, s, p, d, bias, layers):
    """Move every control, as a learner would."""
    for control, value in zip(lc.controls, (n, c_in, c_out, k, s, p, d, layers, bias), strict=True):
        control.value = value


def check(lc, setting):
    """The widget shows the expected counts, or a message naming the layer and the controls to change."""
    want = expected(*setting)
    if want is None:
        pattern = (r"Cannot count this layer\. Layer \d does not fit: its \d×\d kernel with dilation \d "
                   r"spans \d+ pixels.*Lower Kernel size, Dilation or Layers stacked")
        assert re.match(pattern, lc.error), lc.error
        return "message"
    assert lc.error == "", (setting, lc.error)
    got = [(c.output_shape, c.parameters, c.multiply_adds) for c in lc.counts]
    assert got == [w[:3] for w in want], setting
    span = setting[6] * (setting[3] - 1) + 1
    assert all(c.receptive_field == (span, span) for c in lc.counts)
    assert f"= {want[0][1]:,}" in lc.text and f"= {want[0][2]:,}" in lc.text
    assert f"receptive field {span}×{span} input pixels" in lc.text
    if len(want) > 1:
        rows = lc.text.splitlines()[-len(want) - 1:]
        assert [row.split()[-1] for row in rows[:-1]] == [f"{w[3]}×{w[3]}" for w in want], setting
        assert rows[-1].split()[1:3] == [f"{sum(w[1] for w in want):,}", f"{sum(w[2] for w in want):,}"]
    return "counts"


def test_every_shape_setting_with_channels_and_bias_cycling():
    """All 6048 settings of size, kernel, stride, padding, dilation, layers; channels and bias cycling."""
    lc = LayerCounter()
    channels = itertools.cycle(itertools.product(CHANNEL_CHOICES, CHANNEL_CHOICES[::-1], (True, False)))
    shown = {"counts": 0, "message": 0}
    times = []
    for n, k, s, p, d, layers in itertools.product(INPUT_SIZES, range(1, 8), range(1, 4), range(0, 4),
                                                   range(1, 4), range(1, 5)):
        c_in, c_out, bias = next(channels)
        set_all(lc, n, c_in, c_out, k, s, p, d, bias, layers)
        shown[check(lc, (n, c_in, c_out, k, s, p, d, bias, layers))] += 1
        if lc.error == "":
            times.append(lc.last_ms)
    assert sum(shown.values()) == 6048 and shown["counts"] > 4000 and shown["message"] > 100
    assert statistics.median(times) < 5


def test_every_channel_setting_with_and_without_bias():
    """All 7*7*2 channel and bias settings at the default shape: counts, never a message."""
    lc = LayerCounter()
    for c_in, c_out, bias in itertools.product(CHANNEL_CHOICES, CHANNEL_CHOICES, (True, False)):
        setting = (32, c_in, c_out, 3, 1, 1, 1, bias, 2)
        set_all(lc, *setting)
        assert check(lc, setting) == "counts"


def test_first_layer_formulas_are_written_with_their_numbers():
    """The text writes each formula with the numbers put in, for VGG's first layer."""
    lc = LayerCounter(size=224, c_in=3, c_out=64, kernel_size=3, padding=1)
    assert "C_out × (C_in × k × k + 1) = 64 × (3 × 3 × 3 + 1) = 1,792" in lc.text
    assert "64 × 224 × 224 × 3 × 3 × 3 = 86,704,128" in lc.text
    assert "floor((224 + 2×1 − 3) / 1) + 1 = 224" in lc.text and "3×3 input pixels" in lc.text


def test_a_layer_that_stops_fitting_keeps_the_last_counts_greyed():
    """A setting that does not fit shows a message, greys the counts, and a good setting clears it."""
    lc = LayerCounter(size=8)
    lc.kernel_size.value = 7
    before = lc.text
    lc.dilation.value = 3
    assert lc.error.startswith("Cannot count this layer. Layer 1 does not fit") and lc.text == before
    assert "convlib-stale" in lc._dom_classes
    lc.dilation.value = 1
    assert lc.error == "" and "convlib-stale" not in lc._dom_classes


def test_counts_are_announced_and_repr_is_one_line():
    """The text is a polite live region; the repr is the first line."""
    lc = LayerCounter()
    assert 'role="status"' in lc._out.value and "aria-live" in lc._out.value
    assert repr(lc).startswith("LayerCounter: Layer 1: input 3×32×32, 8 filters of 3×3×3")


@pytest.mark.parametrize(("kwargs", "error", "pattern"), [
    (dict(kernel_size=9), ValueError, r"^kernel_size must be an integer from 1 to 7"),
    (dict(stride=0), ValueError, r"^stride must be an integer from 1 to 3"),
    (dict(layers="2"), TypeError, r"^layers must be an integer"),
])
def test_bad_starting_values_are_refused(kwargs, error, pattern):
    """Starting values outside the sliders' ranges are refused, naming the parameter."""
    with pytest.raises(error, match=pattern):
        LayerCounter(**kwargs)
