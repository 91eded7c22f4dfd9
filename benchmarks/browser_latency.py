"""Key press to visible change, in real JupyterLab: StepThrough against interact + matplotlib.

Opens one scratch notebook (written into the server's temporary root, never
into the repository) that shows the same 7x7 input and 3x3 kernel twice:

* ``StepThrough(X, K)``: HTML grids that the kernel updates in place;
* ``ipywidgets.interact`` with a "Step" slider redrawing ``convlib.plot.plot_step``
  as an inline matplotlib figure (PNG) on every step.

For each, it focuses the "Step" slider and presses ArrowRight ``--steps``
times.  A capture-phase ``keydown`` listener stamps the key press
(``performance.now()``); a MutationObserver stamps the change: for the
StepThrough the equation of the new step appearing (data-step changes), for
interact a new ``<img>`` in the output, after it has decoded.  The time is
taken after the next animation frame, when the change has been painted.

Run::

    python benchmarks/browser_latency.py            # 24 steps each
    python benchmarks/browser_latency.py --steps 40 --json latency.json

Needs Debian's chromium (``apt-get install chromium``) and the test extras.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import lab  # noqa: E402  (tests/lab.py, the harness)

NOTEBOOK = "latency.ipynb"

CELLS = [
    "import numpy as np\nimport matplotlib.pyplot as plt\nimport ipywidgets as w\n"
    "import convlib as cl\nfrom convlib import plot\nfrom convlib.widgets import StepThrough",
    "X = np.zeros((7, 7), dtype=int)\nX[:, 3:] = 9\nK = np.array([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]])\n"
    "t = cl.trace(X, K)\nlen(t)",
    "StepThrough(X, K)",
    "@w.interact(step=w.IntSlider(min=1, max=len(t), value=1, description='Step'))\n"
    "def show(step):\n    plot.plot_step(t, step - 1)",
]

# Installed before each key press.  `kind` chooses what counts as the change.
ARM_JS = """
([root, kind]) => {
    const lat = window.__lat = {t0: null, t1: null, done: false};
    document.addEventListener('keydown', () => { lat.t0 = performance.now(); },
                              {capture: true, once: true});
    const finish = () => requestAnimationFrame(() => setTimeout(() => {
        lat.t1 = performance.now(); lat.done = true;
    }, 0));
    const target = root;
    const stepNow = () => {
        const eq = root.querySelector('.convlib-equation .convlib-eq');
        return eq ? eq.dataset.step : null;
    };
    const before = stepNow();
    const obs = new MutationObserver((records) => {
        if (lat.t0 === null) return;
        if (kind === 'stepper') {
            // the step shown has changed: its equation carries the new step number
            if (stepNow() !== null && stepNow() !== before) { obs.disconnect(); finish(); }
            return;
        }
        for (const r of records) for (const n of r.addedNodes) {
            const img = n.nodeName === 'IMG' ? n : (n.querySelector ? n.querySelector('img') : null);
            if (img) {
                obs.disconnect();
                (img.decode ? img.decode() : Promise.resolve()).catch(() => {}).then(finish);
                return;
            }
        }
    });
    obs.observe(target, {subtree: true, childList: true, characterData: true, attributes: true});
}
"""


def write_notebook(folder: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(src) for src in CELLS]
    nbformat.write(nb, folder / "notebooks" / NOTEBOOK)


def measure(nbp: lab.NotebookPage, root, kind: str, steps: int, settle: float) -> list[float]:
    """Milliseconds from key press to painted change, one per step."""
    page = nbp.page
    if kind == "stepper":
        slider = lab.step_slider(root)
    else:
        slider = root.locator(".widget-slider [role=slider]").first
    root.scroll_into_view_if_needed()
    slider.focus()
    page.keyboard.press("Home")
    time.sleep(max(settle, 1.0))
    times = []
    for _ in range(steps):
        handle = root.element_handle()
        page.evaluate(ARM_JS, [handle, kind])
        slider.press("ArrowRight")
        page.wait_for_function("() => window.__lat && window.__lat.done", timeout=20_000, polling=10)
        times.append(page.evaluate("() => window.__lat.t1 - window.__lat.t0"))
        time.sleep(settle)  # let late messages land before the next press
    start = float(slider.get_attribute("aria-valuemin"))
    now = float(slider.get_attribute("aria-valuenow"))
    if now - start != steps:
        raise lab.LabError(f"{kind}: {steps} key presses moved the slider {now - start:g} steps")
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=24, help="key presses per widget (max 24)")
    parser.add_argument("--settle", type=float, default=0.3, help="seconds between key presses")
    parser.add_argument("--json", type=Path, help="also write the raw times here")
    args = parser.parse_args(argv)
    steps = max(1, min(args.steps, 24))  # 7x7 input, 3x3 kernel: 25 steps

    from playwright.sync_api import sync_playwright

    empty = Path(tempfile.mkdtemp(prefix="convlib-bench-"))
    try:
        with sync_playwright() as pw, lab.LabServer(empty) as server:
            write_notebook(server.root)
            browser = lab.launch_chromium(pw)
            try:
                with lab.NotebookPage(browser, server, NOTEBOOK) as nbp:
                    nbp.open()
                    nbp.hide_left_sidebar()
                    nbp.run_all()
                    stepper = nbp.notebook.locator(lab.STEPPER).first
                    interact = nbp.notebook.locator(".widget-interact").first
                    stepper.wait_for()
                    interact.locator("img").first.wait_for(timeout=30_000)
                    results = {
                        "StepThrough (HTML)": measure(nbp, stepper, "stepper", steps, args.settle),
                        "interact + matplotlib": measure(nbp, interact, "interact", steps, args.settle),
                    }
                    report = lab.RunReport()
                    nbp.output_problems(report)
                    for problem in report.errors:
                        print(f"warning: {problem}", file=sys.stderr)
            finally:
                browser.close()
    finally:
        shutil.rmtree(empty, ignore_errors=True)

    print(f"\nkey press -> painted change, {steps} steps each (ms)\n")
    print(f"{'widget':<24} {'median':>8} {'p10':>8} {'p90':>8} {'max':>8}")
    medians = {}
    for name, times in results.items():
        q = statistics.quantiles(times, n=10) if len(times) >= 2 else [times[0]] * 9
        medians[name] = statistics.median(times)
        print(f"{name:<24} {medians[name]:8.1f} {q[0]:8.1f} {q[-1]:8.1f} {max(times):8.1f}")
    a, b = medians["interact + matplotlib"], medians["StepThrough (HTML)"]
    print(f"\ninteract + matplotlib / StepThrough: {a / b:.1f}x slower (median)")
    if args.json:
        args.json.write_text(json.dumps({"steps": steps, "times_ms": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
