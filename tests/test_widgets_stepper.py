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
    rule = ('<style data-convlib-switch>.convlib-buttons:has(.convlib-step-slider [aria-valuetext="1"]) .convlib-previous,'
            '.convlib-buttons.convlib-total-4:has(.convlib-step-slider [aria-valuetext="4"]) .convlib-next'
            '{opacity:.45;cursor:default;pointer-events:none}</style>')
    assert rule in sw._steps.value
    assert "convlib-buttons" in sw._buttons._dom_classes and "convlib-total-4" in sw._buttons._dom_classes
    assert "convlib-previous" in sw.previous._dom_classes and "convlib-next" in sw.next._dom_classes


def test_buttons_move_the_slider_in_the_page():
    """The page script turns a click on Previous/Next into an arrow key on the Step slider, before Python."""
    from convlib.widgets import STEP_BUTTONS_JS, STEP_IN_PLACE_JS

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
    steps = re.findall(r'<div class="convlib-step convlib-k(\d+)" data-k="\1">', html)
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
        assert (f'.convlib-steps:has(~ .convlib-buttons .convlib-step-slider [aria-valuetext="{k}"]) '
                f'.convlib-k{k}') in html


def test_the_rules_the_page_script_turns_off_are_only_those_that_switch():
    """The rule hiding the steps stays on; the rules showing a step and dimming the ends can be turned off.

    The page script (STEP_IN_PLACE_JS) turns off every ``<style data-convlib-switch>``
    of a step-through it shows in place: all the ``:has`` rules must be there, and the
    rule hiding the steps must not.
    """
    sw = StepThrough(X, K)
    sheets = re.findall(r"<style( data-convlib-switch)?>(.*?)</style>", sw._steps.value)
    kept = [css for switch, css in sheets if not switch]
    switching = [css for switch, css in sheets if switch]
    assert kept == [".convlib-step[data-k]{display:none}"]
    assert len(switching) == 2 and all(":has(" in css for css in switching)
    assert sum(css.count('[aria-valuetext="') for css in switching) == 4 + 2  # a rule per step, and the ends
    from convlib.widgets import STEP_IN_PLACE_JS

    assert "style[data-convlib-switch]" in STEP_IN_PLACE_JS and "'not all'" in STEP_IN_PLACE_JS


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
    from convlib.widgets import STEP_BUTTONS_JS, STEP_IN_PLACE_JS

    StepThrough(X, K)._ipython_display_()
    assert shown[0]["application/vnd.jupyter.widget-view+json"]["model_id"]
    assert isinstance(shown[1], IPython.display.Javascript)
    assert shown[1].data == SLIDER_NAMES_JS + STEP_BUTTONS_JS + STEP_IN_PLACE_JS


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
    assert '.convlib-total-25:has(.convlib-step-slider [aria-valuetext="25"]) .convlib-next' in sw._steps.value
    sw.controls["stride"].value = 3
    assert sw.prerendered and NEEDS_KERNEL not in sw._dom_classes
    assert "convlib-total-4" in sw._buttons._dom_classes and "convlib-total-25" not in sw._buttons._dom_classes


# --------------------------------------------------------------------------
# pooling in the same widget
# --------------------------------------------------------------------------
P = np.array([[1, 2, 0, 3], [4, 6, 5, 1], [0, 2, 7, 8], [3, 1, 2, 4]])


def winners(html):
    """Texts of the cells drawn as the winner of a max pooling."""
    return cells(html, "convlib-winner")


def test_max_pooling_steps_show_window_winner_and_equation():
    """Max pooling: four steps; step 2 frames 0, 3, 5, 1, marks 5 as the winner and writes max(...) = 5."""
    sw = StepThrough(P, kind="max", size=2)
    assert (sw.slider.min, sw.slider.max) == (1, 4) and sw.error == ""
    sw.go(2)
    parts = sw.parts()
    assert sorted(cells(parts["input"], "convlib-window")) == ["0", "1", "3", "5"]
    assert winners(parts["input"]) == ["5"] and winners(parts["kernel"]) == ["5"]
    assert 'class="convlib-mark">max<' in parts["input"]
    assert "Y[0,1] = max(0, 3, 5, 1) = 5" in equation(sw)
    assert 'data-step="1" data-total="4"' in parts["equation"]


def test_average_pooling_equation_shows_the_mean_and_no_winner():
    """Average pooling: mean(...) = sum / count = value, and no cell is drawn as a winner."""
    sw = StepThrough(P, kind="average", size=2).go(4)
    assert "Y[1,1] = mean(7, 8, 2, 4) = 21 / 4 = 5.25" in equation(sw)
    assert winners(sw.parts()["input"]) == [] and "convlib-mark" not in sw.parts()["kernel"]


def test_pooling_keeps_the_three_grids_the_browser_reads():
    """A convolution's page structure: .convlib-input, .convlib-kernel (the window), .convlib-output."""
    sw = StepThrough(P, kind="max")
    html = sw._steps.value
    step = html.split('data-k="1">')[1].split('data-k="2">')[0]
    for part in ("convlib-input", "convlib-kernel", "convlib-output", "convlib-equation"):
        assert f'class="{part}"' in step
    assert step.count('<table class="convlib-grid"') == 3 and "<caption>Window of Y[0,0]</caption>" in step


def test_pooling_output_fills_up_with_the_fast_path_values():
    """After step k, k output cells show pool2d's values."""
    from convlib import pool2d

    sw = StepThrough(P, kind="average", size=2, stride=1)
    want = pool2d(P, 2, kind="average", stride=1).ravel()
    for k in (1, 4, 9):
        sw.go(k)
        assert cells(sw.parts()["output"], "convlib-cell") == [format_number(v) for v in want[:k]]


def test_max_pooling_padding_reads_minus_infinity_and_never_wins():
    """With padding 1 the frame reads -∞, the caption says why, and the winner is an input cell."""
    sw = StepThrough(-P, kind="max", size=2, padding=1)
    parts = sw.parts()
    assert "-∞" in cells(parts["input"], "convlib-pad")
    assert "minus infinity, never the largest" in parts["input"]
    assert winners(parts["input"]) == ["-1"] and "Y[0,0] = max(-∞, -∞, -∞, -1) = -1" in equation(sw)


def test_average_padding_left_out_is_blank_and_not_framed():
    """Padding left out of a mean is blank, outlined as span only; counted padding reads 0 and is framed."""
    sw = StepThrough(P, kind="average", size=2, padding=1)
    parts = sw.parts()
    assert cells(parts["input"], "convlib-window") == ["1"] and "left out of the mean" in parts["input"]
    assert "Y[0,0] = mean(1) = 1 / 1 = 1" in equation(sw)
    counted = StepThrough(P, kind="average", size=2, padding=1, count_include_pad=True)
    assert sorted(cells(counted.parts()["input"], "convlib-window")) == ["0", "0", "0", "1"]


def test_pooling_controls_change_window_stride_padding_and_kind():
    """Window size, stride, padding, kind and counting padding: each recomputes the steps, no error."""
    sw = StepThrough(P, kind="max", controls=["size", "stride", "padding", "kind", "count_include_pad"])
    assert sw.controls["stride"].value == 2 and sw.slider.max == 4
    sw.controls["size"].value = 3
    assert sw.slider.max == 1 and sw.current.window.shape == (3, 3)
    sw.controls["stride"].value = 1
    assert sw.slider.max == 4
    sw.controls["kind"].value = "average"
    assert sw.formula == "Y = avgpool(X)" and "mean(" in equation(sw)
    sw.controls["padding"].value = 1
    sw.controls["count_include_pad"].value = True
    assert sw.slider.max == 16 and "mean(0, 0, 0, 0, 1, 2, 0, 4, 6) = 13 / 9" in equation(sw)
    assert sw.error == ""


def test_stride_follows_the_window_when_it_is_not_a_control():
    """Without a stride control, a new window size moves the windows side by side again."""
    sw = StepThrough(np.arange(36).reshape(6, 6), kind="max", controls=["size"])
    sw.controls["size"].value = 3
    assert sw.slider.max == 4 and sw.trace.options["stride"] == (3, 3)


def test_bad_pooling_setting_is_shown_in_place():
    """Padding larger than half the window: a message naming padding, in the widget, titled for pooling."""
    sw = StepThrough(P, kind="max", controls=["padding"])
    sw.controls["padding"].value = 2
    assert sw.error.startswith("Cannot show this pooling. padding must be at most half the window")
    sw.controls["padding"].value = 0
    assert sw.error == ""


def test_pooling_title_and_repr_name_the_operation():
    """The title reads Y = maxpool(X) with the window in words; the repr names the step."""
    sw = StepThrough(P, kind="max", size=2)
    title = re.sub(r"<[^>]+>", "", sw.title.value)
    assert title.startswith("Y = maxpool(X) (max pooling: each output cell is the largest value in a 2×2 "
                            "window")
    assert repr(sw) == "StepThrough: 4 steps of Y = maxpool(X), now at step 1: Y[0,0] = max(1, 2, 4, 6) = 6"


def test_a_ready_made_trace_is_shown_as_it_is():
    """StepThrough(trace) shows that trace, conv or pooling, without recomputing it."""
    from convlib import pool_trace, trace

    t = pool_trace(P, 3, kind="average", stride=1, padding=1)
    sw = StepThrough(t)
    assert sw.trace is t and sw.kind == "average" and sw.slider.max == len(t)
    c = trace(X, K, padding=1)
    assert StepThrough(c).trace is c and StepThrough(c).formula == "Y = X ⋆ K"


def test_ready_made_trace_with_controls_recomputes_from_its_options():
    """Controls on a ready-made trace start from its options and recompute on change."""
    from convlib import pool_trace

    sw = StepThrough(pool_trace(P, 2, padding=1), controls=["padding"])
    assert sw.controls["padding"].value == 1 and sw.slider.max == 9
    sw.controls["padding"].value = 0
    assert sw.slider.max == 4 and sw.error == ""


@pytest.mark.parametrize(("args", "kwargs", "error", "pattern"), [
    ((P,), {}, TypeError, r"needs a kernel K for a convolution, or kind='max' or 'average'"),
    ((P, K), {"kind": "max"}, TypeError, r"a pooling has no kernel: for kind='max' give the window as size"),
    ((P,), {"kind": "conv"}, TypeError, r"needs a kernel K for kind='conv'"),
    ((P,), {"kind": "median"}, ValueError, r"kind must be one of 'conv', 'max', 'average'; received"),
    ((P,), {"kind": "max", "controls": ["flip"]}, ValueError,
     r"controls of a pooling must be chosen from 'padding', .*received \['flip'\]"),
    ((P, K), {"controls": ["size"]}, ValueError,
     r"controls of a convolution must be chosen from 'mode', .*received \['size'\]"),
])
def test_misuse_is_refused_with_the_way_out(args, kwargs, error, pattern):
    """No kernel, a kernel with a pooling, an unknown kind, the other kind's controls: refused, saying why."""
    with pytest.raises(error, match=pattern):
        StepThrough(*args, **kwargs)


def test_ready_made_trace_refuses_extra_settings():
    """A Trace already holds everything: a kernel or options beside it are refused."""
    from convlib import pool_trace

    with pytest.raises(TypeError, match=r"^a ready-made Trace already holds its kernel, kind and options"):
        StepThrough(pool_trace(P), size=3)


def test_save_gif_is_for_convolutions():
    """A pooling widget says that GIFs are drawn for convolutions."""
    with pytest.raises(ValueError, match=r"^save_gif draws convolutions; this widget shows a max pooling"):
        StepThrough(P, kind="max").save_gif("unused.gif")


def test_pooling_sweep_of_every_control_value():
    """Every combination of the pooling controls shows steps or a message naming padding."""
    import itertools

    sw = StepThrough(np.arange(25).reshape(5, 5) % 7, kind="max",
                     controls=["size", "stride", "padding", "kind", "count_include_pad"])
    c = sw.controls
    seen = 0
    for kind, size, stride, padding, include in itertools.product(
            ["max", "average"], range(c["size"].min, c["size"].max + 1),
            range(c["stride"].min, c["stride"].max + 1), range(c["padding"].min, c["padding"].max + 1),
            [False, True]):
        c["kind"].value, c["size"].value, c["stride"].value = kind, size, stride
        c["padding"].value, c["count_include_pad"].value = padding, include
        if padding > size // 2:
            assert sw.error.startswith("Cannot show this pooling. padding must be at most half the window")
        else:
            assert sw.error == "", (kind, size, stride, padding, include, sw.error)
            assert sw.slider.max == len(sw.trace) and "Window of Y" in sw.parts()["kernel"]
        seen += 1
    assert seen == 2 * 4 * 3 * 4 * 2
