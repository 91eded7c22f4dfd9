"""Every lesson notebook, run in real JupyterLab in headless Chromium.

For each ``notebooks/*.ipynb``: open it in a fresh workspace, "Run > Run All
Cells", and check that no cell raised, no widget failed to display ("Error
displaying widget") and no widget callback printed a traceback to the log
console.  Then every step-through widget (``convlib.widgets.StepThrough``,
root CSS class ``convlib-stepper``, whose steps are output cells: not lesson
10's transposed one, driven by its own test) is driven like a learner would: arrow key
on the "Step" slider, the Next/Previous buttons, and Play then Pause; after
each the equation, the input window and the output grid must follow.

A screenshot of every notebook (and of every step-through widget) is saved in
``test-artifacts/screenshots/``.

Run::

    python -m pytest tests/test_browser.py -q -p no:cacheprovider -s

``CONVLIB_NOTEBOOKS=/some/dir`` runs the same checks on another folder.
Needs Debian's ``chromium``: without it the tests are skipped, or fail when
the environment variable ``CI`` is set.
"""

from __future__ import annotations

import math
import os
import re
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lab  # noqa: E402  (tests/lab.py, the harness)

NOTEBOOKS_DIR = Path(os.environ.get("CONVLIB_NOTEBOOKS") or lab.NOTEBOOKS_DIR)
NOTEBOOKS = sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb"))
SCREENSHOTS = lab.ARTIFACTS_DIR / "screenshots"

pytestmark = pytest.mark.browser


# --------------------------------------------------------------------------
# fixtures
# --------------------------------------------------------------------------
class _ScreenshotSummary:
    """Late-registered plugin: says where the screenshots are, at the end."""

    def __init__(self, folder: Path):
        self.folder = folder

    def pytest_terminal_summary(self, terminalreporter):
        shots = sorted(self.folder.glob("*.png"))
        terminalreporter.write_sep("-", "browser screenshots")
        terminalreporter.write_line(f"{len(shots)} screenshot(s) in {self.folder}")


@pytest.fixture(scope="session")
def screenshots(pytestconfig) -> Path:
    """The screenshot folder, emptied of old PNGs; reported at the end of the run."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    summary = _ScreenshotSummary(SCREENSHOTS)
    pytestconfig.pluginmanager.register(summary, "convlib-browser-screenshots")
    return SCREENSHOTS


# ``browser`` and ``lab_server`` come from tests/conftest.py (shared with
# tests/test_accessibility.py).


# --------------------------------------------------------------------------
# the step-through widget
# --------------------------------------------------------------------------
_NUMBER = r"\(?\s*[-\u2212]?\s*\d+(?:\.\d+)?(?:e[-+]?\d+)?\s*\)?"
_TERM = re.compile(rf"^\s*({_NUMBER})\s*[\u00d7x*\u22c5\u00b7]\s*({_NUMBER})\s*$")


def _number(text: str) -> float:
    return float(text.strip().strip("()").replace("\u2212", "-").replace(" ", ""))


def _arithmetic(equation: str) -> str | None:
    """Check that ``Y[r,c] = a×b + c×d (+ bias) = s`` adds up; None when fine or not parseable."""
    parts = lab.equation_sum(equation).split("=")
    if len(parts) != 2:
        return None
    lhs_terms, result = parts
    terms = re.split(r"\s\+\s", lhs_terms.strip())
    try:
        total = _number(result)
        products = []
        for term in terms:
            m = _TERM.match(term)
            if m:
                products.append(_number(m.group(1)) * _number(m.group(2)))
            elif re.fullmatch(_NUMBER, term.strip()):
                products.append(_number(term))  # a bias
            else:
                return None  # another format: not checked here
    except ValueError:
        return None
    expected = sum(products)
    # the numbers shown are rounded: be lenient
    if not math.isclose(expected, total, rel_tol=0.05, abs_tol=0.05 * len(products) + 0.01):
        return f"products add up to {expected:g}, but the equation says {total:g}: {equation!r}"
    return None


def _check_consistent(state: dict, label: str) -> None:
    """The equation, the slider, the current output cell and the step number agree.

    Expectations come from the data attributes (0-based ``data-step``,
    ``data-total``) and the output grid's shape, not from hard-coded text.
    """
    problem = lab.in_place_problem(state)
    assert problem is None, f"{label}: {problem}"
    rows, cols = state["output_shape"]
    step, total = state["step"], state["total"]
    assert rows and cols, f"{label}: output grid has no cells: {state['output_html']!r:.300}"
    assert total == rows * cols, (
        f"{label}: data-total={total} but the output grid has {rows}x{cols} cells"
    )
    assert 0 <= step < total, f"{label}: data-step={step} not in [0, {total})"
    assert state["slider_max"] - state["slider_min"] == total - 1, (
        f"{label}: slider runs {state['slider_min']}..{state['slider_max']} for {total} steps"
    )
    assert state["slider"] - state["slider_min"] == step, (
        f"{label}: slider at {state['slider']} (from {state['slider_min']}) but equation at step {step}"
    )
    expected = lab.expected_cell(step, cols)
    head = lab.equation_cell(state["equation"])
    assert head == expected, (
        f"{label}: step {step} (0-based) of a {rows}x{cols} output is [{expected[0]},{expected[1]}], "
        f"but the equation reads {state['equation']!r}"
    )
    counter = lab.equation_counter(state["equation"])
    if counter is not None:
        assert counter == (step + 1, total), (
            f"{label}: data-step={step}, data-total={total}, but the text says {state['equation']!r}"
        )
    assert state["current"] == list(expected), (
        f"{label}: step {step}: highlighted output cell is {state['current']}, expected {list(expected)}"
    )
    assert state["window"], f"{label}: step {step}: no input cell has class convlib-window"
    problem = _arithmetic(state["equation"])
    if problem:
        raise AssertionError(f"{label}: {problem}")


_AT = "(s, k) => s.step === k && s.slider - s.slider_min === k"


def check_stepper(stepper, label: str) -> dict:
    """Drive one StepThrough widget; returns its final state."""
    stepper.scroll_into_view_if_needed()
    try:
        s0 = lab.wait_stepper(
            stepper,
            "(s) => s.visible && s.step !== null && s.grids.length === 3 && s.slider !== null",
            timeout=15,
        )
    except Exception:
        s0 = lab.stepper_state(stepper)
        raise AssertionError(f"{label}: not fully rendered: {s0}") from None
    assert s0["size"][0] > 0 and s0["size"][1] > 0, f"{label}: has no size: {s0['size']}"
    assert s0["step_sliders"] == 1, (
        f"{label}: expected one slider labelled 'Step', found {s0['step_sliders']}"
    )
    assert s0["play"], f"{label}: no Play widget"
    for name in ("Previous", "Next"):
        assert name in s0["buttons"], f"{label}: no {name!r} button (buttons: {s0['buttons']})"
    assert s0["error"] == "", f"{label}: error area not empty: {s0['error']!r}"
    _check_consistent(s0, f"{label} at start")
    if s0["total"] < 4:
        return s0  # too short to step through meaningfully

    page = stepper.page
    slider = lab.step_slider(stepper)
    if s0["step"] >= s0["total"] - 3:
        slider.focus()
        page.keyboard.press("Home")
        s0 = lab.wait_stepper(stepper, _AT, 0)

    # Keyboard: ArrowRight on the focused slider moves one step.
    slider.focus()
    page.keyboard.press("ArrowRight")
    try:
        s1 = lab.wait_stepper(stepper, _AT, s0["step"] + 1)
    except Exception:
        raise AssertionError(
            f"{label}: ArrowRight on the Step slider did not reach step {s0['step'] + 1}: "
            f"{lab.stepper_state(stepper)}"
        ) from None
    assert s1["equation"] != s0["equation"], f"{label}: equation unchanged after ArrowRight"
    assert s1["window"] != s0["window"], f"{label}: input window unchanged after ArrowRight"
    assert s1["output_html"] != s0["output_html"], f"{label}: output grid unchanged after ArrowRight"
    _check_consistent(s1, f"{label} after ArrowRight")
    if s1["in_place"]:
        s1 = _check_step_ahead(stepper, slider, s1, label)

    # Buttons: Next, then Previous.
    lab.button(stepper, "Next").click(timeout=5000)
    s2 = lab.wait_stepper(stepper, _AT, s1["step"] + 1)
    _check_consistent(s2, f"{label} after Next")
    lab.button(stepper, "Previous").click(timeout=5000)
    s3 = lab.wait_stepper(stepper, _AT, s1["step"])
    assert s3["equation"] == s1["equation"], f"{label}: Next then Previous did not come back"

    # Play for about a second (longer if its interval is longer), then Pause.
    lab.play_button(stepper, "play").click(timeout=5000)
    time.sleep(1.0)
    try:
        lab.wait_stepper(stepper, "(s, k) => s.step > k", s3["step"], timeout=5)
    except Exception:
        raise AssertionError(f"{label}: Play did not advance in 6 s: {lab.stepper_state(stepper)}") from None
    pause = lab.play_button(stepper, "pause")
    if pause.count():  # it may have reached the end and stopped by itself
        pause.click(timeout=5000)
    s4 = lab.wait_settled(stepper)
    assert s4["step"] > s3["step"], f"{label}: Play did not advance (step {s3['step']} -> {s4['step']})"
    _check_consistent(s4, f"{label} after Play/Pause")
    time.sleep(1.0)
    s5 = lab.stepper_state(stepper)
    assert s5["step"] == s4["step"], f"{label}: still moving after Pause ({s4['step']} -> {s5['step']})"
    return s5


#: Before a key press: records what the slider reads when the copy of the
#: steps (.convlib-shown) starts showing another step.
_WATCH_COPY_JS = """
(root) => {
    const handle = root.querySelector('.convlib-step-slider [role=slider]');
    const live = root.querySelector('.convlib-shown');
    window.__convlibSeen = null;
    const obs = new MutationObserver(() => {
        obs.disconnect();
        window.__convlibSeen = {shows: Number(live.dataset.shows),
                                slider: Number(handle.getAttribute('aria-valuenow'))};
    });
    obs.observe(live, {attributes: true, attributeFilter: ['data-shows']});
}
"""


def _check_step_ahead(stepper, slider, s1: dict, label: str) -> dict:
    """Shown in place, an arrow key draws the next step before the slider moves; the slider catches up.

    ``convlib.widgets.STEP_IN_PLACE_JS`` patches the copy in the key's own
    task and hands the key to the slider after the frame, so the copy must
    change while the slider still reads the old step, and both must agree
    afterwards.  Quick presses, ahead of the slider, must end where the keys
    say: back at ``s1``'s step, whose state is returned.
    """
    page, k = stepper.page, s1["step"]
    stepper.evaluate(_WATCH_COPY_JS)
    slider.focus()
    page.keyboard.press("ArrowRight")
    s = lab.wait_stepper(stepper, _AT, k + 1)
    _check_consistent(s, f"{label} after a second ArrowRight")
    seen = page.evaluate("() => window.__convlibSeen")
    first = s1["slider"]
    assert seen == {"shows": k + 2, "slider": first}, (
        f"{label}: when the copy changed, expected it to show step {k + 2} with the slider still at "
        f"{first}, saw {seen}"
    )
    for key in ("ArrowLeft", "ArrowLeft", "ArrowRight"):
        page.keyboard.press(key)
    try:
        s = lab.wait_stepper(stepper, _AT, k)
    except Exception:
        raise AssertionError(f"{label}: three quick keys (2 left, 1 right) from step {k + 1} did not "
                             f"end at step {k}: {lab.stepper_state(stepper)}") from None
    _check_consistent(s, f"{label} after three quick keys")
    return s


def check_photofilter(widget, label: str) -> None:
    """A PhotoFilter shows both pictures, no error, and follows its kernel menu."""
    widget.scroll_into_view_if_needed()
    pictures = "(el) => [...el.querySelectorAll('img')].map(i => [i.naturalWidth, i.src.length])"
    try:
        widget.page.wait_for_function(
            "(el) => [...el.querySelectorAll('.convlib-photo img, img.convlib-photo, "
            ".convlib-filtered img, img.convlib-filtered')].filter(i => i.complete && i.naturalWidth > 0)"
            ".length >= 2",
            arg=widget.element_handle(),
            timeout=15_000,
        )
    except Exception:
        raise AssertionError(f"{label}: pictures not shown: {widget.evaluate(pictures)}") from None
    error = widget.locator(".convlib-error").first.inner_text().strip()
    assert error == "", f"{label}: error area not empty: {error!r}"
    select = widget.locator("select").first
    if not select.count():
        return
    before = widget.locator("img.convlib-filtered, .convlib-filtered img").first.get_attribute("src")
    options = [o for o in select.locator("option").all_inner_texts() if o != "type your own"]
    current = select.input_value()
    after = options[options.index(current) + 1 :] if current in options else []
    other = next((o for o in after + options if o != current), None)
    if other is None:
        return
    select.select_option(label=other)
    try:
        widget.page.wait_for_function(
            "([el, before]) => { const i = el.querySelector('img.convlib-filtered, .convlib-filtered img');"
            " return i && i.src !== before && i.complete && i.naturalWidth > 0; }",
            arg=[widget.element_handle(), before],
            timeout=15_000,
        )
    except Exception:
        raise AssertionError(f"{label}: filtered picture unchanged after choosing {other!r}") from None
    error = widget.locator(".convlib-error").first.inner_text().strip()
    assert error == "", f"{label}: error after choosing {other!r}: {error!r}"


# --------------------------------------------------------------------------
# tests
# --------------------------------------------------------------------------
def test_there_are_notebooks():
    """The course has at least one notebook to test."""
    assert NOTEBOOKS, f"no notebooks found in {NOTEBOOKS_DIR}"


def _run_and_check(nbp, name: str, stem: str, screenshots: Path, report, failures: list) -> int:
    """Open, run all, drive every step-through widget, collect problems; returns #widgets."""
    nbp.open()
    nbp.hide_left_sidebar()
    report.seconds = nbp.run_all()

    steppers = nbp.notebook.locator(lab.OUTPUT_STEPPER)
    count = steppers.count()
    for i in range(count):
        label = f"{name}: step-through widget {i + 1}/{count}"
        try:
            check_stepper(steppers.nth(i), label)
        except AssertionError as exc:
            failures.append(str(exc))
        except Exception as exc:  # a playwright timeout, say
            failures.append(f"{label}: {type(exc).__name__}: {exc}")
        finally:
            steppers.nth(i).screenshot(path=str(screenshots / f"{stem}--stepper-{i + 1}.png"))

    filters = nbp.notebook.locator(".convlib-photofilter")
    for i in range(filters.count()):
        label = f"{name}: photo filter {i + 1}/{filters.count()}"
        try:
            check_photofilter(filters.nth(i), label)
        except AssertionError as exc:
            failures.append(str(exc))
        except Exception as exc:
            failures.append(f"{label}: {type(exc).__name__}: {exc}")

    nbp.screenshot(screenshots / f"{stem}.png")
    nbp.output_problems(report)
    nbp.widget_problems(report)
    nbp.log_console_problems(report)  # opens the log console: last
    nbp.page_problems(report)
    return count


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_in_jupyterlab(name, browser, lab_server, screenshots, capsys):
    """Runs in JupyterLab without errors; every step-through widget works."""
    t0 = time.monotonic()
    stem = Path(name).stem
    shot = screenshots / f"{stem}.png"
    report = lab.RunReport()
    failures: list[str] = []
    try:
        with lab.NotebookPage(browser, lab_server, name) as nbp:
            try:
                count = _run_and_check(nbp, name, stem, screenshots, report, failures)
            except Exception:
                nbp.screenshot(shot, full=False)  # the page as it was when it broke
                raise
    finally:
        lab_server.shutdown_kernels()

    with capsys.disabled():
        print(
            f"\n  {name}: Run All {report.seconds:.1f} s, {count} step-through widget(s), "
            f"{time.monotonic() - t0:.1f} s in all; screenshot {shot}"
            + (f" ({nbp.retries} lost Run All click(s) retried)" if nbp.retries else "")
        )
        for warning in report.warnings:
            print(f"    warning {warning}"[:400])

    problems = [str(e) for e in report.errors] + failures
    if problems:
        pytest.fail(
            f"{name}: {len(problems)} problem(s) (screenshot: {shot}):\n\n" + "\n\n".join(problems),
            pytrace=False,
        )
