"""Tests of convlib.widgets.stepper: StepThrough, headless (no browser)."""

import re

import numpy as np
import pytest
import scipy.signal

from convlib.conv import format_number
from convlib.widgets import CONTROLS, StepThrough

X = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
K = np.array([[0, 1], [1, 0]])


def cells(html, cls):
    """Texts of the table cells of ``html`` that carry CSS class ``cls``."""
    return re.findall(rf'<td class="[^"]*\b{cls}\b[^"]*"[^>]*>([^<]*)', html)


def equation(sw):
    """The plain text of the widget's arithmetic line."""
    return re.sub(r"<[^>]+>", "", sw.parts()["equation"])


def test_slider_covers_every_output_cell():
    """The slider runs from 1 to the number of output cells."""
    sw = StepThrough(np.arange(20).reshape(4, 5), np.ones((2, 3)))
    assert (sw.slider.min, sw.slider.max) == (1, 3 * 3)
    assert sw.play.max == sw.slider.max


def test_first_step_shows_article_arithmetic():
    """The first view writes out the first output cell's sum."""
    sw = StepThrough(X, K)
    assert "Y[0,0] = 1×0 + 2×1 + 4×1 + 5×0 = 6" in equation(sw)


def test_moving_slider_updates_equation_and_window():
    """Step 2 frames X[0,1], X[0,2], X[1,1], X[1,2] and writes their sum."""
    sw = StepThrough(X, K)
    sw.slider.value = 2
    assert "Y[0,1] = 2×0 + 3×1 + 5×1 + 6×0 = 8" in equation(sw)
    assert sorted(cells(sw.parts()["input"], "convlib-window")) == ["2", "3", "5", "6"]


def test_output_fills_up_to_current_step():
    """After step k, exactly k output cells show values and the current one is framed."""
    sw = StepThrough(X, K)
    want = scipy.signal.correlate2d(X, K, "valid").ravel()
    for k in range(1, 5):
        sw.slider.value = k
        shown = [c for c in cells(sw.parts()["output"], "convlib-cell")]
        assert shown == [format_number(v) for v in want[:k]]
        assert cells(sw.parts()["output"], "convlib-current") == [format_number(want[k - 1])]
        assert sw.parts()["output"].count("convlib-empty") == 4 - k


def test_kernel_weights_are_written_in_window_cells():
    """Each framed input cell carries the weight it is multiplied by."""
    sw = StepThrough(X, [[2, -1], [3, 0]])
    assert re.findall(r'class="convlib-w"[^>]*>×([^<]*)<', sw.parts()["input"]) == ["2", "-1", "3", "0"]


def test_next_and_previous_buttons_move_one_step():
    """Next and Previous (their Python side) change the slider by one and stop at the ends."""
    sw = StepThrough(X, K)
    sw.previous.click()
    assert sw.slider.value == 1
    sw.next.click()
    assert sw.slider.value == 2
    sw.previous.click()
    assert sw.slider.value == 1
    sw.go(4)
    sw.next.click()
    assert sw.slider.value == 4


def test_buttons_are_dimmed_at_the_ends_by_a_style_rule_never_disabled():
    """Previous at step 1 and Next at the last step are dimmed by the page's style, not by Python."""
    sw = StepThrough(X, K)
    for k in (1, 2, 4):
        sw.go(k)
        assert not sw.previous.disabled and not sw.next.disabled
    slider = '.convlib-stepper:has(.convlib-step-slider [role=slider][aria-valuetext="{}"])'
    rule = (f'<style>{slider.format(1)} .convlib-previous,{slider.format(4)}'
            ':has(.convlib-eq[data-total="4"]) .convlib-next'
            '{opacity:.45;cursor:default;pointer-events:none}</style>')
    assert rule in sw._steps.value
    assert "convlib-previous" in sw.previous._dom_classes and "convlib-next" in sw.next._dom_classes


def test_buttons_move_the_slider_in_the_page():
    """The page script turns a click on Previous/Next into an arrow key on the Step slider, before Python."""
    from convlib.widgets import STEP_BUTTONS_JS

    js = STEP_BUTTONS_JS
    assert "addEventListener('click'" in js and "}, true);" in js  # capture phase: before the button's own
    assert "event.stopPropagation()" in js
    assert ".convlib-step-slider [role=slider]" in js
    assert "'ArrowRight'" in js and "'ArrowLeft'" in js and "new KeyboardEvent('keydown'" in js


def test_equation_carries_step_number_for_the_browser():
    """The arithmetic line says which step it shows in data attributes."""
    sw = StepThrough(X, K)
    sw.slider.value = 3
    assert 'data-step="2" data-total="4"' in sw.parts()["equation"]


def test_steps_are_drawn_in_advance_and_switched_in_the_page():
    """Small walks are drawn once; the slider only changes which step the page shows."""
    sw = StepThrough(X, K)
    assert sw.prerendered
    html = sw._steps.value
    steps = re.findall(r'<div class="convlib-step" data-k="(\d+)">', html)
    assert steps == ["1", "2", "3", "4"]
    second = html.split('data-k="2">')[1].split('data-k="3">')[0]
    assert second.count("convlib-window") == 4 and "Y[0,1]" in second
    changed = []
    sw._steps.observe(lambda change: changed.append(change), names="value")
    sw.slider.value = 3
    assert changed == []


def test_slider_shows_its_step_by_a_style_rule():
    """The page shows step k while the Step slider's handle reads k: no script, no round trip."""
    sw = StepThrough(X, K)
    assert "convlib-step-slider" in sw.slider._dom_classes
    html = sw._steps.value
    assert ".convlib-step[data-k]{display:none}" in html
    for k in range(1, 5):
        assert (f'.convlib-stepper:has(.convlib-step-slider [role=slider][aria-valuetext="{k}"]) '
                f'.convlib-step[data-k="{k}"]') in html


def test_large_walks_are_drawn_on_demand(monkeypatch):
    """Past PRERENDER_BYTES, the one step shown is redrawn by Python at each step."""
    import convlib.widgets.stepper as stepper

    monkeypatch.setattr(stepper, "PRERENDER_BYTES", 1000)
    sw = StepThrough(np.arange(49).reshape(7, 7), np.ones((3, 3), int))
    assert not sw.prerendered
    assert sw._steps.value.count('class="convlib-step') == 1 and "data-k" not in sw._steps.value
    sw.slider.value = 7
    assert "Y[1,1]" in sw._steps.value


def test_padding_control_recomputes_steps():
    """Padding 1 turns a 3x3 input and 2x2 kernel into 16 steps with hatched cells."""
    sw = StepThrough(X, K, controls=["padding"])
    sw.controls["padding"].value = 1
    assert sw.slider.max == scipy.signal.correlate2d(X, K, "full").size
    assert "convlib-pad" in sw.parts()["input"]
    assert sw.error == ""


def test_stride_control_skips_positions():
    """Stride 2 on a 5x5 input with a 3x3 kernel gives 4 steps, windows two apart."""
    sw = StepThrough(np.arange(25).reshape(5, 5), np.ones((3, 3), int), controls=["stride"])
    sw.controls["stride"].value = 2
    assert sw.slider.max == 4
    sw.slider.value = 2
    assert sw.current.top_left == (0, 2)


def test_flip_control_flips_the_kernel():
    """Ticking flip shows true convolution and matches scipy.signal.convolve2d."""
    Kc = np.array([[1, 0], [0, 0]])
    sw = StepThrough(X, Kc, controls=["flip"])
    sw.controls["flip"].value = True
    assert np.array_equal(sw.trace.output, scipy.signal.convolve2d(X, Kc, "valid"))
    assert "flipped" in sw.parts()["kernel"]


def test_bad_setting_is_shown_in_place_not_raised():
    """Dilation too large for the input shows a message naming the kernel, without raising."""
    sw = StepThrough(X, K, controls=["dilation"])
    sw.controls["dilation"].value = 3
    assert "kernel is larger than the padded input" in sw.error
    assert "convlib-stale" in sw._dom_classes
    sw.controls["dilation"].value = 1
    assert sw.error == "" and "convlib-stale" not in sw._dom_classes


def test_bad_input_at_construction_is_shown_in_place():
    """A kernel with strings gives a message in the widget naming the kernel."""
    sw = StepThrough(X, [["a", "b"]])
    assert re.search(r"kernel must contain numbers", sw.error)
    assert sw.current is None


def test_too_large_input_is_refused_with_message():
    """An input too large to draw cell by cell explains the limit."""
    sw = StepThrough(np.zeros((40, 40)), np.ones((3, 3)))
    assert re.search(r"too large to step through.*40x40", sw.error)


def test_unknown_control_is_rejected():
    """Asking for a control that does not exist lists the valid ones."""
    with pytest.raises(ValueError, match=r"controls must be chosen from 'mode'.*received \['speed'\]"):
        StepThrough(X, K, controls=["speed"])
    assert "speed" not in CONTROLS


def test_mode_and_padding_controls_conflict():
    """Showing both mode and padding controls is refused with the reason."""
    with pytest.raises(ValueError, match="both 'mode' and 'padding'"):
        StepThrough(X, K, controls=["mode", "padding"])


def test_mode_control_same_keeps_input_size():
    """Choosing 'same' gives as many steps as input cells."""
    sw = StepThrough(X, K, controls=["mode"])
    sw.controls["mode"].value = "same"
    assert sw.slider.max == X.size


def test_dilation_frames_taps_and_span():
    """With dilation 2 the taps are framed and the cells between them are marked as span."""
    sw = StepThrough(np.arange(25).reshape(5, 5), np.ones((2, 2), int), dilation=2)
    assert sorted(cells(sw.parts()["input"], "convlib-window")) == ["0", "10", "12", "2"]
    assert len(cells(sw.parts()["input"], "convlib-span")) == 5


def test_plain_text_repr_is_short_and_tells_the_step():
    """Without a browser the widget reads as one line naming the current step."""
    sw = StepThrough(X, K)
    sw.slider.value = 2
    assert repr(sw) == "StepThrough: 4 steps of Y = X ⋆ K, now at step 2: Y[0,1] = 2×0 + 3×1 + 5×1 + 6×0 = 8"


def test_title_names_the_operation_and_changes_when_the_kernel_is_flipped():
    """The visible title says Y = X ⋆ K (cross-correlation); ticking flip makes it Y = X ∗ K (convolution)."""
    def title(widget):
        return re.sub(r"<[^>]+>", "", widget.title.value)

    sw = StepThrough(X, K, controls=["flip"])
    assert sw.formula == "Y = X ⋆ K" and title(sw).startswith("Y = X ⋆ K (⋆ is cross-correlation")
    assert sw.children.index(sw.title) < sw.children.index(sw._steps)
    sw.controls["flip"].value = True
    assert sw.formula == "Y = X ∗ K" and title(sw).startswith("Y = X ∗ K (∗ is convolution")
    assert "Y = X ∗ K" in repr(sw)
    sw.controls["flip"].value = False
    assert sw.formula == "Y = X ⋆ K" and title(sw).startswith("Y = X ⋆ K")
    other = StepThrough(X, K, flip=True, names=("A", "B", "C"))
    assert other.formula == "C = A ∗ B" and repr(other).startswith("StepThrough: 4 steps of C = A ∗ B,")
    assert title(other).startswith("C = A ∗ B")




def test_play_is_a_named_toggle_linked_in_the_page_to_a_hidden_play():
    """The visible Play is a ToggleButton with words, linked in the browser to the hidden ipywidgets Play."""
    sw = StepThrough(X, K)
    assert sw.play.layout.display == "none" and sw.play_button.description == "Play"
    rows = [box.children for box in sw.children if hasattr(box, "children")]
    assert sw.play_button.tooltip and any(sw.play_button in row for row in rows)
    assert sw._play_link.source == (sw.play_button, "value") and sw._play_link.target == (sw.play, "playing")


def test_play_button_says_pause_while_playing():
    """While the steps play, the button reads Pause; when they stop, Play again."""
    sw = StepThrough(X, K)
    sw.play.playing = True
    assert (sw.play_button.description, sw.play_button.icon) == ("Pause", "pause")
    sw.play.playing = False
    assert (sw.play_button.description, sw.play_button.icon) == ("Play", "play")


def test_display_adds_the_script_that_names_sliders(monkeypatch):
    """Displaying a convlib widget also displays the script that names its slider handles."""
    import IPython.display

    from convlib.widgets import SLIDER_NAMES_JS

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.extend(objs))
    from convlib.widgets import STEP_BUTTONS_JS

    StepThrough(X, K)._ipython_display_()
    assert shown[0]["application/vnd.jupyter.widget-view+json"]["model_id"]
    assert isinstance(shown[1], IPython.display.Javascript)
    assert shown[1].data == SLIDER_NAMES_JS + STEP_BUTTONS_JS


def test_works_without_a_kernel_except_its_settings():
    """Steps drawn in advance need no kernel; the settings under them do, and so do steps drawn on demand."""
    from convlib.widgets import NEEDS_KERNEL

    sw = StepThrough(X, K)
    assert NEEDS_KERNEL not in sw._dom_classes and "convlib-widget-StepThrough" in sw._dom_classes
    sw = StepThrough(X, K, controls=["mode", "stride"])
    assert NEEDS_KERNEL not in sw._dom_classes
    boxes = [c for c in sw.children if NEEDS_KERNEL in getattr(c, "_dom_classes", ())]
    assert len(boxes) == 1 and set(boxes[0].children) == set(sw.controls.values())


def test_steps_drawn_on_demand_need_a_kernel(monkeypatch):
    """A walk too large to draw in advance is marked as needing a kernel, and unmarked when it fits again."""
    import convlib.widgets.stepper as stepper
    from convlib.widgets import NEEDS_KERNEL

    monkeypatch.setattr(stepper, "PRERENDER_BYTES", 40_000)  # 25 steps of about 9 kB: no; 4 steps: yes
    sw = StepThrough(np.arange(49).reshape(7, 7), np.ones((3, 3), int), controls=["stride"])
    assert not sw.prerendered and NEEDS_KERNEL in sw._dom_classes
    assert 'aria-valuetext="25"]):has(.convlib-eq[data-total="25"]) .convlib-next' in sw._steps.value
    sw.controls["stride"].value = 3
    assert sw.prerendered and NEEDS_KERNEL not in sw._dom_classes
