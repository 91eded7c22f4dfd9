"""Lesson 10's own widgets in real JupyterLab (headless Chromium): keys, buttons and pictures.

tests/test_browser.py drives every step-through whose steps are output
cells; the transposed step-through walks input cells instead (it carries the
class ``convlib-transposed-stepper`` beside ``convlib-stepper``), so it is
driven here: the arrow key on its Step slider,
Next and Previous (moved in the page, with no round trip to Python) and a
setting slider.  The signal stepper must redraw its picture when its slider
moves from the keyboard.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import lab  # noqa: E402  (tests/lab.py, the harness)

NAME = "10-transposed-depthwise-and-1d.ipynb"

pytestmark = pytest.mark.skipif(not (lab.NOTEBOOKS_DIR / NAME).exists(), reason=f"{NAME} is not present")


def _wait_text(widget, fn_js: str, pattern: str, timeout: float = 10) -> None:
    widget.page.wait_for_function(f"([el, p]) => new RegExp(p).test(({fn_js})(el))",
                                  arg=[widget.element_handle(), pattern], timeout=timeout * 1000)


SHOWN_JS = ("(el) => { const s = [...el.querySelectorAll('.convlib-step')].find(s => s.getClientRects().length);"
            " return s ? s.querySelector('.convlib-eq').textContent.trim() : ''; }")


def test_lesson10_widgets_in_jupyterlab(browser, lab_server):
    """Transposed step-through: ArrowRight, Next, Previous and Stride; signal stepper: ArrowRight redraws."""
    try:
        with lab.NotebookPage(browser, lab_server, NAME) as nbp:
            nbp.open()
            nbp.run_all()
            ts = nbp.notebook.locator(".convlib-transposed-stepper").first
            ts.scroll_into_view_if_needed()
            _wait_text(ts, SHOWN_JS, r"^Step 1 of 9: X\[0,0\] = 1: adds")
            slider = lab.step_slider(ts)
            slider.focus()
            nbp.page.keyboard.press("ArrowRight")
            _wait_text(ts, SHOWN_JS, r"^Step 2 of 9: X\[0,1\] = 2: adds 2×K to Y\[0:3, 2:5\]")
            lab.button(ts, "Next").click()
            _wait_text(ts, SHOWN_JS, r"^Step 3 of 9: X\[0,2\] = 0")
            lab.button(ts, "Previous").click()
            _wait_text(ts, SHOWN_JS, r"^Step 2 of 9")
            shown = ts.evaluate("(el) => [...el.querySelectorAll('.convlib-step')]"
                                ".filter(s => s.getClientRects().length).length")
            assert shown == 1
            assert lab.in_place_problem(lab.stepper_state(ts)) is None
            stride = ts.locator(".widget-slider", has=nbp.page.locator(".widget-label", has_text="Stride"))
            stride.locator("[role=slider]").first.focus()
            nbp.page.keyboard.press("ArrowLeft")
            ts.page.wait_for_function("(el) => el.querySelector('.convlib-title').textContent.includes('= 5')",
                                      arg=ts.element_handle(), timeout=15_000)
            assert ts.locator(".convlib-error").first.inner_text().strip() == ""
            # redrawn by Python for the new stride: shown in place again, from the new steps
            state = lab.wait_stepper(ts, "(s) => s.in_place && s.same_as_step", timeout=10)
            assert lab.in_place_problem(state) is None, lab.in_place_problem(state)

            ss = nbp.notebook.locator(".convlib-widget-SignalStepper").first
            ss.scroll_into_view_if_needed()
            before = ss.locator("img").first.get_attribute("src")
            handle = ss.locator(".widget-slider [role=slider]").first
            handle.focus()
            nbp.page.keyboard.press("ArrowRight")
            nbp.page.wait_for_function(
                "([el, before]) => { const i = el.querySelector('img'); return i && i.src !== before; }",
                arg=[ss.element_handle(), before], timeout=15_000)
            assert re.match(r"y\[11\] = ", ss.locator(".convlib-eq").first.inner_text())
    finally:
        lab_server.shutdown_kernels()
