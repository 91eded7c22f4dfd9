"""Lesson 02 as a whole: every control of every widget in its notebook, at every value it allows.

The widgets are built from the notebook's own code cells (the setup cell,
the lesson's X and K, and each cell that makes a ``StepThrough``), so the
sweep covers exactly what a learner sees.  For every combination of
settings the widget must show a picture whose numbers match an independent
reference (numpy.pad and a plain loop, or scipy.signal), or a clear message
that names the setting at fault; never a traceback.  Then the Step slider is
moved over every step.
"""

from __future__ import annotations

import itertools
import json
import re
import statistics
import time
from pathlib import Path

import ipywidgets as w
import numpy as np
import pytest
import scipy.signal

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "02-padding-stride-and-dilation.ipynb"
NUMPY = {"zero": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}
#: A message must start like this and name what is wrong.
CLEAR = re.compile(r"^Cannot show this convolution\. .*\b(kernel|padding|dilation|stride|pad_mode|mode)\b")


def code_cells():
    """Source of every code cell of the lesson notebook."""
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def lesson_widgets():
    """Each StepThrough the notebook makes, built by the notebook's own code: (source, widget)."""
    cells = code_cells()
    namespace: dict = {}
    exec(cells[0], namespace)  # noqa: S102 - the lesson's own setup cell
    exec("X, K = sizes.STEP_X, sizes.STEP_K", namespace)  # noqa: S102 - as the notebook does
    assert "X, K = sizes.STEP_X, sizes.STEP_K" in "\n".join(cells)
    sources = [c.strip() for c in cells if "StepThrough(" in c and not c.startswith("from")]
    return [(src, eval(src, namespace)) for src in sources]  # noqa: S307 - the lesson's own cells


def control_values(control):
    """Every value a control allows."""
    if isinstance(control, w.IntSlider):
        return list(range(control.min, control.max + 1))
    if isinstance(control, w.Dropdown):
        return [o[1] if isinstance(o, tuple) else o for o in control.options]
    if isinstance(control, w.Checkbox):
        return [False, True]
    raise AssertionError(f"no sweep for {type(control).__name__}")


def reference(X, K, options):
    """Cross-correlation (or convolution) by numpy.pad and a plain loop, or by scipy.signal for modes."""
    X, K = np.asarray(X), np.asarray(K)
    flip = options.get("flip", False)
    if "mode" in options and options.get("padding") is None:
        op = scipy.signal.convolve2d if flip else scipy.signal.correlate2d
        return op(X, K, mode=options["mode"])
    Kx = K[::-1, ::-1] if flip else K
    p, s, d = options.get("padding") or 0, options.get("stride", 1), options.get("dilation", 1)
    P = np.pad(X, p, mode=NUMPY[options.get("pad_mode", "zero")])
    kh, kw = Kx.shape
    span_h, span_w = d * (kh - 1) + 1, d * (kw - 1) + 1
    if span_h > P.shape[0] or span_w > P.shape[1]:
        return None
    rows = range(0, P.shape[0] - span_h + 1, s)
    cols = range(0, P.shape[1] - span_w + 1, s)
    return np.array([[sum(Kx[a, b] * P[r + a * d, c + b * d] for a in range(kh) for b in range(kw))
                      for c in cols] for r in rows])


def shown_html(sw):
    """The HTML of the step the page shows now: the block the slider's value selects."""
    page = sw._steps.value
    if not sw.prerendered:
        return page
    return page.split(f'data-k="{sw.slider.value}">')[1].split('<div class="convlib-step ')[0]


def sweep(sw):
    """Set every combination of the controls and check each; return (combos, steps, errors, times)."""
    names = list(sw.controls)
    values = [control_values(sw.controls[n]) for n in names]
    combos = steps = errors = 0
    times = []
    for combo in itertools.product(*values):
        start = time.perf_counter()
        for name, value in zip(names, combo, strict=True):
            sw.controls[name].value = value
        times.append(time.perf_counter() - start)
        combos += 1
        settings = dict(zip(names, combo, strict=True))
        label = f"{settings}"
        options = {**sw.options, **settings}
        want = reference(sw.X, sw.K, options)
        if sw.error:
            errors += 1
            assert CLEAR.search(sw.error), f"{label}: unclear message {sw.error!r}"
            assert "Traceback" not in sw.error, f"{label}: {sw.error}"
            assert want is None, f"{label}: refused a setting that works: {sw.error!r}"
            assert "convlib-stale" in sw._dom_classes
            continue
        assert want is not None, f"{label}: shows a picture where the kernel does not fit"
        assert np.array_equal(sw.trace.output, want), f"{label}: output differs from the reference"
        assert "<table" in shown_html(sw) and "convlib-window" in shown_html(sw), label
        oh, ow = want.shape
        for k in range(sw.slider.min, sw.slider.max + 1):
            sw.slider.value = k
            steps += 1
            assert sw.error == "", f"{label}, step {k}: {sw.error!r}"
            assert sw.current.out_index == divmod(k - 1, ow), f"{label}, step {k}"
            assert f"Y[{(k - 1) // ow},{(k - 1) % ow}]" in shown_html(sw), f"{label}, step {k}"
        assert sw.slider.max == oh * ow, label
        sw.slider.value = 1
    return combos, steps, errors, times


WIDGETS = lesson_widgets()


def test_the_lesson_has_the_two_step_throughs():
    """The notebook makes two step-through widgets: modes with an even kernel, and all four settings."""
    assert [sorted(sw.controls) for _, sw in WIDGETS] == [["flip", "mode"],
                                                          ["dilation", "pad_mode", "padding", "stride"]]


@pytest.mark.parametrize(("source", "widget"), WIDGETS, ids=[s for s, _ in WIDGETS])
def test_every_setting_shows_a_picture_or_a_clear_message(source, widget, capsys):
    """Every combination of control values gives the reference picture (each step) or a message naming it."""
    combos, steps, errors, times = sweep(widget)
    expected = int(np.prod([len(control_values(c)) for c in widget.controls.values()]))
    assert combos == expected
    with capsys.disabled():
        print(f"\n{source}\n  {combos} combinations, {errors} shown as a message, {steps} steps visited; "
              f"settings update: median {statistics.median(times) * 1e3:.0f} ms, "
              f"max {max(times) * 1e3:.0f} ms")
    assert statistics.median(times) < 0.5


def test_the_only_refused_setting_is_a_kernel_that_does_not_fit():
    """In the four-control widget, dilation 3 without padding is refused; padding 1 makes it fit again."""
    _, sw = lesson_widgets()[1]
    sw.controls["padding"].value = 0
    sw.controls["dilation"].value = 3
    assert "kernel is larger than the padded input" in sw.error
    sw.controls["padding"].value = 1
    assert sw.error == "" and sw.trace.output.shape == (1, 1)


def test_padding_cells_are_marked_and_the_mode_named():
    """Padding cells carry the pad class (hatched, italic) and the input's caption names the padding mode."""
    _, sw = lesson_widgets()[1]
    sw.controls["pad_mode"].value = "reflect"
    html = sw.parts()["input"]
    assert "<caption>Input X (reflect padding)</caption>" in html
    padded = 6 + 2 * sw.controls["padding"].value
    assert html.count('class="convlib-pad') == padded ** 2 - 36
    sw.controls["padding"].value = 0
    assert "<caption>Input X</caption>" in sw.parts()["input"] and "convlib-pad" not in sw.parts()["input"]
