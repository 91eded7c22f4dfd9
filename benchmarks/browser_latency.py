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

With ``--notebooks`` it measures in place instead: it opens every real
notebook of ``notebooks/`` (a temporary copy), runs all cells, focuses the
slider of the notebook's FIRST StepThrough and presses ArrowRight (then
ArrowLeft, back and forth, so short walks give as many presses as long ones).
The time runs from the ``keydown`` to the second ``requestAnimationFrame``
after the widget's DOM changed, so it includes the style, layout and paint of
the whole page, which is what grows with a long notebook.  The pointer is
parked on the status bar first, the same in every run.  ``--profile`` adds
Chromium's own counters (CDP ``Performance.getMetrics``: style recalcs,
layouts and their durations) per key press; ``--trace DIR`` records a
Chromium trace of the presses and sums style, layout, paint, layerize,
commit and script time on the renderer's main thread per press.

Run::

    python benchmarks/browser_latency.py            # 24 steps each
    python benchmarks/browser_latency.py --steps 40 --json latency.json
    python benchmarks/browser_latency.py --notebooks --steps 18 --profile
    python benchmarks/browser_latency.py --notebooks --fallback --only 06 10 --floor
    python benchmarks/browser_latency.py --notebooks --fallback --slider-first

``--fallback`` compares the two ways a page shows the steps of a
step-through (``convlib.widgets.in_page``): the page script patching one
copy in place, and the style rules that switch whole steps (what a front end
that runs no script gets).  In the same page, it alternates blocks of key
presses between the two, so a machine busy with other work slows both alike
(runs one after the other on a shared 2-core machine differed by up to 5 ms
in the median); it prints both medians and their ratio.  ``--floor`` adds a
third way, the step patched but not drawn: the cost of the press before any
step is drawn (the slider's own changes and the rest of the page).
``--slider-first`` adds presses that reach the slider before the step is
drawn, as before the page script took arrow keys first: what ipywidgets'
handling of the key and the kernel's round trip cost the drawing.

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

#: Part of both arming scripts: stepNow() reads the step shown in ``root``, the
#: data-step of the equation of the copy the page script patches in place
#: (.convlib-shown), or of the one step in the page (drawn by Python); when all
#: steps are in the page and switched by style rules, the Step slider's
#: aria-valuenow, read without forcing a layout.
STEP_NOW_JS = """const handle = root.querySelector('.convlib-step-slider [role=slider]');
    const stepNow = () => {
        const shown = root.querySelector('.convlib-shown .convlib-eq');
        if (shown) return shown.dataset.step;
        const eqs = root.querySelectorAll('.convlib-equation .convlib-eq');
        if (eqs.length === 1) return eqs[0].dataset.step;
        return handle ? handle.getAttribute('aria-valuenow') : null;
    };"""

# Installed before each key press.  `kind` chooses what counts as the change.
ARM_JS = """
([root, kind]) => {
    const lat = window.__lat = {t0: null, t1: null, done: false};
    // on window, capturing: before every listener of the page (the page script's too)
    window.addEventListener('keydown', () => { lat.t0 = performance.now(); },
                            {capture: true, once: true});
    const finish = () => requestAnimationFrame(() => setTimeout(() => {
        lat.t1 = performance.now(); lat.done = true;
    }, 0));
    const target = root;
    /*STEP_NOW*/
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
ARM_JS = ARM_JS.replace("/*STEP_NOW*/", STEP_NOW_JS)


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


# --------------------------------------------------------------------------
# in place: the first StepThrough of every real notebook
# --------------------------------------------------------------------------
#: Installed before each key press: stamps keydown, then the second animation
#: frame after the shown step (data-step of the equation) changed.
ARM_FRAMES_JS = """
(root) => {
    const lat = window.__lat = {t0: null, t1: null, tdom: null, done: false};
    // on window, capturing: before every listener of the page (the page script's too)
    window.addEventListener('keydown', () => { lat.t0 = performance.now(); },
                            {capture: true, once: true});
    /*STEP_NOW*/
    const before = stepNow();
    const obs = new MutationObserver(() => {
        if (lat.t0 === null) return;
        const now = stepNow();
        if (now === null || now === before) return;
        obs.disconnect();
        lat.tdom = performance.now();
        requestAnimationFrame(() => requestAnimationFrame(() => {
            lat.t1 = performance.now(); lat.done = true;
        }));
    });
    obs.observe(root, {subtree: true, childList: true, characterData: true, attributes: true});
}
"""
ARM_FRAMES_JS = ARM_FRAMES_JS.replace("/*STEP_NOW*/", STEP_NOW_JS)

#: CDP Performance.getMetrics counters reported with --profile.
METRICS = ("RecalcStyleCount", "RecalcStyleDuration", "LayoutCount", "LayoutDuration",
           "ScriptDuration", "TaskDuration")

PAGE_SIZE_JS = """
(panel) => ({
    nodes: document.getElementsByTagName('*').length,
    notebook_nodes: panel.getElementsByTagName('*').length,
    cells: panel.querySelectorAll('.jp-Cell').length,
    steppers: panel.querySelectorAll('.convlib-stepper').length,
    mode: (panel.querySelector('.jp-WindowedPanel-outer') ? 'windowed' : '?'),
    scroll_height: (panel.querySelector('.jp-WindowedPanel-outer') || {}).scrollHeight,
})
"""


def _metrics(cdp) -> dict:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


#: Every step-through whose steps are switched in the page: StepThrough, and
#: subclasses such as lesson 10's TransposedStepThrough (class convlib-stepper).
STEPPERS = lab.STEPPER


def measure_in_place(nbp: lab.NotebookPage, root, steps: int, settle: float, cdp=None):
    """Key press -> second frame after the DOM change, ``steps`` presses back and forth.

    Returns (times in ms, DOM-change times in ms, per-press CDP metric deltas or None).
    """
    page = nbp.page
    slider = lab.step_slider(root)
    root.scroll_into_view_if_needed()
    slider.focus()
    page.keyboard.press("Home")
    time.sleep(max(settle, 1.0))
    lo = float(slider.get_attribute("aria-valuemin"))
    hi = float(slider.get_attribute("aria-valuemax"))
    if hi <= lo:
        raise lab.LabError("the first StepThrough has a single step: nothing to measure")
    times, dom, deltas = [], [], []
    key, value = "ArrowRight", lo
    for _ in range(steps):
        if value >= hi:
            key = "ArrowLeft"
        elif value <= lo:
            key = "ArrowRight"
        handle = root.element_handle()
        page.evaluate(ARM_FRAMES_JS, handle)
        before = _metrics(cdp) if cdp else None
        slider.press(key)
        page.wait_for_function("() => window.__lat && window.__lat.done", timeout=20_000, polling=10)
        if cdp:
            after = _metrics(cdp)
            deltas.append({m: after.get(m, 0) - before.get(m, 0) for m in METRICS})
        t0, tdom, t1 = page.evaluate("() => [window.__lat.t0, window.__lat.tdom, window.__lat.t1]")
        times.append(t1 - t0)
        dom.append(tdom - t0)
        value += 1 if key == "ArrowRight" else -1
        shown = lab.stepper_state(root)["step"]
        if shown != value - lo:
            raise lab.LabError(f"slider at {value:g} but the page shows step {shown} (0-based)")
        time.sleep(settle)  # let the kernel's echo land before the next press
    now = float(slider.get_attribute("aria-valuenow"))
    if now != value:
        raise lab.LabError(f"after {steps} key presses the slider is at {now:g}, expected {value:g}")
    return times, dom, (deltas if cdp else None)


def _q(times: list[float]) -> tuple[float, float]:
    q = statistics.quantiles(times, n=10) if len(times) >= 2 else [times[0]] * 9
    return statistics.median(times), q[-1]


#: Chromium trace categories for --trace: the main thread's tasks, style, layout, paint.
TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink", "v8.execute"]

#: What the trace summary adds up, per key press (renderer main thread only).
TRACE_PHASES = {
    "style": ("UpdateLayoutTree",),
    "layout": ("Layout",),
    "prepaint": ("PrePaint",),
    "paint": ("Paint",),
    "layerize": ("Layerize", "UpdateLayer", "UpdateLayerTree"),
    "commit": ("Commit",),
    "script": ("FunctionCall", "EventDispatch", "TimerFire", "FireAnimationFrame", "RunMicrotasks",
               "v8.callFunction", "V8.Execute"),
}


def summarise_trace(raw: bytes, window_ms: float = 120.0) -> list[dict]:
    """Per ``keydown`` found in a Chromium trace: time spent by phase in the next ``window_ms``.

    Only top-level events of the renderer's main thread count (an event
    nested in another of the same phase is not counted twice).  Also reports
    how many elements each style recalc touched and how many layout objects
    each layout visited (``dirtyObjects`` / ``totalObjects``).
    """
    data = json.loads(raw)
    events = data["traceEvents"] if isinstance(data, dict) else data
    main = {(e["pid"], e["tid"]) for e in events
            if e.get("ph") == "M" and e.get("name") == "thread_name"
            and e.get("args", {}).get("name") == "CrRendererMain"}
    spans: list[tuple[str, float, float, dict]] = []
    open_: dict = {}
    for e in events:
        if (e.get("pid"), e.get("tid")) not in main:
            continue
        name, ph = e.get("name"), e.get("ph")
        if ph == "X":
            spans.append((name, e["ts"] / 1e3, (e["ts"] + e.get("dur", 0)) / 1e3, e.get("args", {})))
        elif ph == "B":
            open_.setdefault((e["pid"], e["tid"], name), []).append(e)
        elif ph == "E":
            stack = open_.get((e["pid"], e["tid"], name))
            if stack:
                b = stack.pop()
                args = dict(b.get("args", {}))
                args.update(e.get("args", {}))
                spans.append((name, b["ts"] / 1e3, e["ts"] / 1e3, args))
    keydowns = sorted(start for name, start, _, args in spans
                      if name == "EventDispatch" and args.get("data", {}).get("type") == "keydown")
    out = []
    for i, t0 in enumerate(keydowns):
        t_end = min(t0 + window_ms, keydowns[i + 1] if i + 1 < len(keydowns) else float("inf"))
        row = {k: 0.0 for k in TRACE_PHASES}
        row.update(style_elements=0, layout_objects=0, layout_dirty=0, frames=0)
        for phase, names in TRACE_PHASES.items():
            mine = sorted((s, e) for n, s, e, _ in spans if n in names and t0 <= s < t_end)
            last_end = -1.0
            for s_, e_ in mine:  # skip nested events of the same phase
                if s_ >= last_end:
                    row[phase] += e_ - s_
                    last_end = e_
        for n, s_, _e, args in spans:
            if not t0 <= s_ < t_end:
                continue
            if n == "UpdateLayoutTree":
                row["style_elements"] += int(args.get("elementCount", 0) or 0)
            elif n == "Layout":
                begin = args.get("beginData", {})
                row["layout_objects"] += int(begin.get("totalObjects", 0) or 0)
                row["layout_dirty"] += int(begin.get("dirtyObjects", 0) or 0)
            elif n == "Paint":
                row["frames"] += 0  # paints per layer; frames are counted below
            elif n == "BeginMainThreadFrame" or n == "BeginFrame":
                row["frames"] += 1
        out.append(row)
    return out


def main_notebooks(args) -> int:
    """The ``--notebooks`` mode: the first StepThrough of every notebook, in place."""
    from playwright.sync_api import sync_playwright

    folder = args.notebooks_dir
    names = sorted(p.name for p in folder.glob("*.ipynb"))
    if args.only:
        names = [n for n in names if any(o in n for o in args.only)]
    results: dict[str, dict] = {}
    with sync_playwright() as pw, lab.LabServer(folder) as server:
        browser = lab.launch_chromium(pw)
        try:
            for name in names:
                with lab.NotebookPage(browser, server, name) as nbp:
                    nbp.open()
                    nbp.hide_left_sidebar()
                    nbp.run_all()
                    steppers = nbp.notebook.locator(STEPPERS)
                    source = "".join("".join(c.get("source", "")) for c in
                                     json.loads((folder / name).read_text()).get("cells", []))
                    if "StepThrough(" in source:  # its output may still be on its way
                        steppers.first.wait_for(state="attached", timeout=60_000)
                    if not steppers.count():
                        print(f"{name}: no StepThrough, skipped", file=sys.stderr)
                        results[name] = {"skipped": "no StepThrough"}
                        server.shutdown_kernels()
                        continue
                    root = steppers.first
                    lab.wait_stepper(root, "(s) => s.step !== null && s.slider !== null", timeout=20)
                    time.sleep(1.0)  # late outputs (figures) of the last cells
                    # The same pointer position in every run: away from the page's
                    # content, on the status bar (a pointer over changing content
                    # makes each frame hit-test it again).
                    nbp.page.mouse.move(lab.VIEWPORT["width"] - 5, lab.VIEWPORT["height"] - 5)
                    cdp = None
                    if args.profile:
                        cdp = nbp.context.new_cdp_session(nbp.page)
                        cdp.send("Performance.enable")
                    size = nbp.panel.evaluate(PAGE_SIZE_JS)
                    if args.trace:
                        args.trace.mkdir(parents=True, exist_ok=True)
                        cats = list(TRACE_CATEGORIES)
                        if args.js_profile:
                            cats.append("disabled-by-default-v8.cpu_profiler")
                        browser.start_tracing(page=nbp.page, categories=cats)
                    try:
                        times, dom, deltas = measure_in_place(nbp, root, args.steps, args.settle, cdp)
                    finally:
                        if args.trace:
                            raw = browser.stop_tracing()
                            (args.trace / f"{Path(name).stem}.trace.json").write_bytes(raw)
                    results[name] = {"times_ms": times, "dom_ms": dom, "page": size}
                    if args.trace:
                        results[name]["trace"] = summarise_trace(raw)
                    if deltas is not None:
                        results[name]["metrics"] = deltas
                server.shutdown_kernels()
        finally:
            browser.close()

    print(f"\nkey press -> second frame after the first StepThrough changed, {args.steps} presses (ms)\n")
    print(f"{'notebook':<36} {'median':>7} {'p90':>7} {'max':>7} {'dom med':>8} {'nodes':>7}")
    for name, r in results.items():
        if "skipped" in r:
            print(f"{name:<36} {'(' + r['skipped'] + ')':>30}")
            continue
        med, p90 = _q(r["times_ms"])
        print(f"{name:<36} {med:7.1f} {p90:7.1f} {max(r['times_ms']):7.1f} "
              f"{statistics.median(r['dom_ms']):8.1f} {r['page']['nodes']:7d}")
    if args.profile:
        print("\nper key press, median of Chromium's counters (CDP Performance.getMetrics)\n")
        print(f"{'notebook':<36} {'styles':>6} {'style ms':>8} {'layouts':>7} {'layout ms':>9} "
              f"{'script ms':>9} {'task ms':>8}")
        for name, r in results.items():
            if "metrics" not in r:
                continue
            med = {m: statistics.median(d[m] for d in r["metrics"]) for m in METRICS}
            print(f"{name:<36} {med['RecalcStyleCount']:6.0f} {med['RecalcStyleDuration'] * 1e3:8.2f} "
                  f"{med['LayoutCount']:7.0f} {med['LayoutDuration'] * 1e3:9.2f} "
                  f"{med['ScriptDuration'] * 1e3:9.2f} {med['TaskDuration'] * 1e3:8.2f}")
    if args.trace:
        print(f"\nper key press, median over the presses, from Chromium traces in {args.trace} "
              "(renderer main thread, 120 ms after keydown)\n")
        cols = [*TRACE_PHASES, "style_elements", "layout_objects", "layout_dirty"]
        print(f"{'notebook':<36} " + " ".join(f"{c[:9]:>9}" for c in cols))
        for name, r in results.items():
            if not r.get("trace"):
                continue
            med = {c: statistics.median(row[c] for row in r["trace"]) for c in cols}
            print(f"{name:<36} " + " ".join(f"{med[c]:9.2f}" if c in TRACE_PHASES else f"{med[c]:9.0f}"
                                            for c in cols))
    if args.json:
        args.json.write_text(json.dumps({"steps": args.steps, "notebooks": results}, indent=1))
    return 0


def _open_first_stepper(nbp: lab.NotebookPage, source: str):
    """Open, Run All, wait for the first StepThrough (None when there is none)."""
    nbp.open()
    nbp.hide_left_sidebar()
    nbp.run_all()
    steppers = nbp.notebook.locator(STEPPERS)
    if "StepThrough(" in source:  # its output may still be on its way
        steppers.first.wait_for(state="attached", timeout=60_000)
    if not steppers.count():
        return None
    root = steppers.first
    root.scroll_into_view_if_needed()
    lab.wait_stepper(root, "(s) => s.step !== null && s.slider !== null", timeout=20)
    return root


#: Sets how the page shows the steps, by mode:
#: "in place" is what every page does by itself;
#: "fallback" turns the page script off, so the style rules switch whole steps
#: again (as in a front end that runs no script);
#: "slider only" (--floor) still patches the copy at each press but does not
#: draw it (its content hidden): what a key press costs before any step is drawn;
#: "slider first" (--slider-first) leaves arrow keys to the slider, as before
#: the page script drew a key's step first.
MODE_JS = """
(mode) => {
    const inPlace = window.__convlibInPlace;
    if (mode === 'fallback') inPlace.off(); else inPlace.on();
    inPlace.keys(mode !== 'slider first');
    document.querySelectorAll('style.convlib-bench-undrawn').forEach((e) => e.remove());
    if (mode !== 'slider only') return;
    const sheet = document.createElement('style');
    sheet.className = 'convlib-bench-undrawn';
    sheet.textContent = '.convlib-shown > * { display: none !important; }';
    document.head.appendChild(sheet);
}
"""


def _extra_modes(args) -> list[str]:
    """The ways of showing a step timed beside in place and fallback, by the options given."""
    return (["slider only"] if args.floor else []) + (["slider first"] if args.slider_first else [])


def main_fallback(args) -> int:
    """``--notebooks --fallback``: in place against the style-rule fallback, in the same page, interleaved.

    For every notebook, after Run All, blocks of ``--block`` key presses on
    the first step-through alternate between the page script on (the copy
    patched in place) and off (whole steps switched by the style rules), in
    alternating order, for ``--rounds`` rounds.  The same page, kernel and
    moment for both: a busy machine slows both alike, so the ratio holds
    where the absolute times do not.
    """
    from playwright.sync_api import sync_playwright

    folder = args.notebooks_dir
    names = sorted(p.name for p in folder.glob("*.ipynb"))
    if args.only:
        names = [n for n in names if any(o in n for o in args.only)]
    rows = {}
    with sync_playwright() as pw, lab.LabServer(folder) as server:
        browser = lab.launch_chromium(pw)
        try:
            for name in names:
                source = "".join("".join(c.get("source", "")) for c in
                                 json.loads((folder / name).read_text()).get("cells", []))
                with lab.NotebookPage(browser, server, name) as nbp:
                    root = _open_first_stepper(nbp, source)
                    if root is None:
                        print(f"{name}: no StepThrough, skipped", file=sys.stderr)
                        server.shutdown_kernels()
                        continue
                    time.sleep(1.0)
                    nbp.page.mouse.move(lab.VIEWPORT["width"] - 5, lab.VIEWPORT["height"] - 5)
                    modes = ["in place", "fallback", *_extra_modes(args)]
                    times = {mode: [] for mode in modes}
                    for r in range(args.rounds):
                        for mode in (modes if r % 2 == 0 else modes[::-1]):
                            nbp.page.evaluate(MODE_JS, mode)
                            state = lab.stepper_state(root)
                            if (mode != "fallback") != state["in_place"]:
                                raise lab.LabError(f"{name}: could not switch to {mode}: {state}")
                            time.sleep(args.settle)
                            times[mode] += measure_in_place(nbp, root, args.block, args.settle)[0]
                    rows[name] = times
                server.shutdown_kernels()
        finally:
            browser.close()
    print(f"\nkey press -> second frame, first StepThrough, {args.rounds} rounds of {args.block} presses "
          "each way, interleaved (ms)\n")
    extra = _extra_modes(args)
    print(f"{'notebook':<36} {'in place':>9} {'fallback':>9} {'ratio':>6}"
          + "".join(f" {m:>12}" for m in extra))
    for name, t in rows.items():
        a, b = statistics.median(t["in place"]), statistics.median(t["fallback"])
        print(f"{name:<36} {a:9.1f} {b:9.1f} {a / b:6.2f}"
              + "".join(f" {statistics.median(t[m]):12.1f}" for m in extra))
    if args.json:
        args.json.write_text(json.dumps({"rounds": args.rounds, "block": args.block, "notebooks": rows}, indent=1))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=24, help="key presses per widget (max 24)")
    parser.add_argument("--settle", type=float, default=0.3, help="seconds between key presses")
    parser.add_argument("--json", type=Path, help="also write the raw times here")
    parser.add_argument("--notebooks", action="store_true",
                        help="measure the first StepThrough of every real notebook, in place")
    parser.add_argument("--notebooks-dir", type=Path, default=lab.NOTEBOOKS_DIR,
                        help="folder of notebooks for --notebooks (default: the repository's)")
    parser.add_argument("--only", nargs="*", help="with --notebooks: only names containing these")
    parser.add_argument("--profile", action="store_true",
                        help="with --notebooks: also report CDP style/layout counters per press")
    parser.add_argument("--trace", type=Path,
                        help="with --notebooks: record a Chromium trace of the presses into this folder")
    parser.add_argument("--js-profile", action="store_true",
                        help="with --trace: also sample JavaScript stacks into the trace")
    parser.add_argument("--fallback", action="store_true",
                        help="with --notebooks: steps shown in place against the style-rule fallback, "
                             "interleaved in the same page")
    parser.add_argument("--floor", action="store_true",
                        help="with --fallback: also time presses whose step is patched but not drawn")
    parser.add_argument("--slider-first", action="store_true",
                        help="with --fallback: also time presses that reach the slider before the step "
                             "is drawn (the page script's hold on arrow keys off)")
    parser.add_argument("--rounds", type=int, default=6, help="with --fallback: rounds")
    parser.add_argument("--block", type=int, default=8, help="with --fallback: presses per block each way")
    args = parser.parse_args(argv)
    if args.notebooks and args.fallback:
        return main_fallback(args)
    if args.notebooks:
        args.steps = max(1, args.steps)
        return main_notebooks(args)
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
                    stepper = nbp.notebook.locator(STEPPERS).first
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
