"""The lessons as a static website (tools/build_site.py), read in headless Chromium with no kernel.

The site is built once per test session (every lesson notebook executed with
its widget state stored, then exported) into ``test-artifacts/site``, served
by ``http.server`` on 127.0.0.1, and every request for any other address is
aborted and recorded.  For each page (the list of lessons, and one page per
lesson notebook present):

* no request was blocked, none failed, no script error;
* formulas are rendered by MathJax (its output elements are there, no TeX
  error, no ``$`` delimiters left in the text of the lessons' Markdown);
* links between lessons point to pages of the site that exist;
* every widget is drawn; the first step-through moves with ArrowRight on its
  Step slider, with Next and Previous, and with Play (then Pause);
* every widget that needs Python (class ``convlib-needs-kernel``) has a
  visible note after it with a link to this lesson on Binder, and its
  controls are disabled; every convlib widget other than a step-through is
  marked so.

A screenshot of each lesson page's first step-through, stepped with no
kernel, is saved in ``test-artifacts/screenshots/site-*.png``.

Run::

    python -m pytest tests/test_site.py -q -p no:cacheprovider -s

Needs Debian's ``chromium`` (skipped without it, a failure when ``CI`` is
set, as the other browser tests) and ``npm`` (the build fetches the pages'
scripts from the npm registry, or its cache).
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lab  # noqa: E402  (tests/lab.py, the harness)

ROOT = lab.REPO_ROOT
SITE = lab.ARTIFACTS_DIR / "site"
SCREENSHOTS = lab.ARTIFACTS_DIR / "screenshots"
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
PAGES = ["index.html"] + [Path(n).with_suffix(".html").name for n in NOTEBOOKS]
BINDER = "https://mybinder.org/v2/"
VIEW = "application/vnd.jupyter.widget-view+json"

pytestmark = pytest.mark.browser


# --------------------------------------------------------------------------
# fixtures: one build and one server per session
# --------------------------------------------------------------------------
@pytest.fixture(scope="session")
def site(browser, pytestconfig) -> Path:
    """The site, built once per session (after the browser is known to be there)."""
    t0 = time.monotonic()
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "build_site.py"), "--out", str(SITE)],
                          cwd=ROOT, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        pytest.fail(f"tools/build_site.py failed (exit {done.returncode}):\n{done.stdout[-3000:]}\n"
                    f"{done.stderr[-3000:]}", pytrace=False)
    sizes = {part: sum(f.stat().st_size for f in (SITE / part).rglob("*") if f.is_file())
             for part in ("static/html-manager", "static/mathjax", "static/requirejs")}
    pages = sum(f.stat().st_size for f in SITE.glob("*.html"))
    line = (f"site built in {time.monotonic() - t0:.0f} s: pages {pages / 1e6:.1f} MB, "
            + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in sizes.items()))
    reporter = pytestconfig.pluginmanager.getplugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"\n  {line}")
    return SITE


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # no line per request in the test output
        pass


@pytest.fixture(scope="session")
def server(site) -> str:
    """``http.server`` serving the site on 127.0.0.1 in a thread; its base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


class Visit:
    """One page opened in a fresh browser context; what it asked for, and what went wrong."""

    def __init__(self, browser, base: str, name: str):
        self.base, self.name = base, name
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport=lab.VIEWPORT)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.set_default_timeout(30_000)
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.page.on("response", self._on_response)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url} (HTTP {response.status})")

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.base):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self) -> None:
        """Load the page; wait for MathJax's typesetting and for every widget to be drawn."""
        try:
            self.page.goto(self.base + self.name, wait_until="load")
            self.page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
            self.page.evaluate("() => MathJax.startup.promise.then(() => true)")
            # every widget view drawn by the renderer
            self.page.wait_for_function(
                """(view) => [...document.querySelectorAll(`script[type="${view}"]`)]
                    .every(s => s.parentElement.querySelector('.widget-subarea > .lm-Widget'))""",
                arg=VIEW, timeout=60_000)
        except Exception as exc:  # a Playwright timeout: say what the page lacked
            problems = "\n".join(self.problems()) or "no blocked or failed request, no script error"
            raise AssertionError(f"{self.name} did not finish loading ({type(exc).__name__}: "
                                 f"{str(exc).splitlines()[0]}):\n{problems}") from None

    def close(self) -> None:
        self.context.close()

    def problems(self) -> list[str]:
        # a request aborted by the route also fails: report it once, as blocked
        failed = [f for f in self.failed if not any(f.startswith(b) for b in self.blocked)]
        return ([f"blocked (left the site): {u}" for u in self.blocked]
                + [f"failed: {u}" for u in failed] + [f"script error: {e}" for e in self.errors])


@pytest.fixture
def visit(browser, server):
    """Opens pages of the site; closes them after the test."""
    opened = []

    def open_page(name: str) -> Visit:
        v = Visit(browser, server, name)
        opened.append(v)
        v.open()
        return v

    yield open_page
    for v in opened:
        v.close()


# --------------------------------------------------------------------------
# checks
# --------------------------------------------------------------------------
HREFS = "() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
_MATH = re.compile(r"\$\$.+?\$\$|(?<![\\$])\$[^$\s][^$]*?(?<!\\)\$", re.S)


def markdown_math(notebook: str) -> int:
    """How many formulas (``$...$``, ``$$...$$``) the Markdown cells of a notebook hold."""
    nb = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))
    return sum(len(_MATH.findall("".join(c["source"]))) for c in nb["cells"] if c["cell_type"] == "markdown")


def check_formulas(v: Visit, expected: int) -> None:
    """MathJax rendered the formulas: its elements are there, no TeX error, no ``$`` left in the text."""
    found = v.page.evaluate("""() => ({
        rendered: document.querySelectorAll('mjx-container').length,
        errors: [...document.querySelectorAll('mjx-merror')].map(e => e.textContent),
        text: [...document.querySelectorAll('.jp-MarkdownOutput, main > table, main > p')]
            .map(e => e.innerText).join('\\n'),
    })""")
    assert not found["errors"], f"{v.name}: TeX errors: {found['errors'][:5]}"
    assert found["rendered"] >= expected, (
        f"{v.name}: {expected} formula(s) in the source, {found['rendered']} rendered by MathJax")
    left = [m[:60] for m in _MATH.findall(found["text"])] + (["$$"] if "$$" in found["text"] else [])
    assert not left, f"{v.name}: TeX left unrendered in the text: {left[:5]}"


def check_links(v: Visit) -> None:
    """No link to a notebook file; every link within the site points to a file of the site."""
    hrefs = v.page.evaluate(HREFS)
    notebooks = [h for h in hrefs if re.search(r"\.ipynb(#|$)", h) and not h.startswith("http")]
    assert not notebooks, f"{v.name}: links still point to notebooks: {notebooks[:5]}"
    local = {h.split("#")[0] for h in hrefs if not re.match(r"^[a-z]+:|^#", h) and h.split("#")[0]}
    missing = sorted(h for h in local if not (SITE / h).is_file())
    assert not missing, f"{v.name}: links to pages that are not in the site: {missing}"


def check_needs_kernel(v: Visit, notebook: str) -> int:
    """Each widget needing Python has a visible note with this lesson's Binder link; its controls are off."""
    found = v.page.evaluate("""() => {
        const outputs = [...document.querySelectorAll('.jp-OutputArea-child')];
        return outputs.map((child, i) => {
            const needs = child.querySelectorAll('.convlib-needs-kernel');
            if (!needs.length) return null;
            const next = outputs[i + 1];
            const note = next && next.parentElement === child.parentElement
                ? next.querySelector('.convlib-kernel-note') : null;
            return {
                widget: ([...child.querySelectorAll('[class*="convlib-widget-"]')][0] || {}).className,
                note: note ? note.innerText : null,
                visible: !!note && note.getClientRects().length > 0,
                binder: note ? [...note.querySelectorAll('a')].map(a => a.href) : [],
                live: [...child.querySelectorAll('.convlib-needs-kernel')].flatMap(n =>
                    [...n.querySelectorAll('select, input, textarea, button')].filter(c => !c.disabled)
                        .map(c => c.outerHTML.slice(0, 80))),
            };
        }).filter(Boolean);
    }""")
    for f in found:
        where = f"{v.name}: widget {f['widget']!r}"
        assert f["note"] and f["visible"], f"{where} needs a kernel but has no visible note after it"
        assert re.search(r"needs? a live Python kernel", f["note"]), f"{where}: note {f['note']!r}"
        assert any(h.startswith(BINDER) and h.endswith(f"/notebooks/{notebook}") for h in f["binder"]), (
            f"{where}: the note does not link to {notebook} on Binder: {f['binder']}")
        assert not f["live"], f"{where}: controls still enabled: {f['live'][:3]}"
    unmarked = v.page.evaluate("""() => [...document.querySelectorAll('[class*="convlib-widget-"]')]
        .map(e => [[...e.classList].find(c => c.startsWith('convlib-widget-')), e.classList])
        .filter(([name, cls]) => !cls.contains('convlib-works-in-page')
            && !cls.contains('convlib-needs-kernel'))
        .map(([name]) => name)""")
    assert not unmarked, f"{v.name}: widgets needing Python but not marked convlib-needs-kernel: {unmarked}"
    return len(found)


_AT = "(s, k) => s.step === k && s.slider - s.slider_min === k"


def _in_place(state: dict, label: str) -> None:
    """The page script shows the step in place in the static page too (see lab.in_place_problem)."""
    assert state["prerendered"], f"{label}: the steps are not all in the page"
    problem = lab.in_place_problem(state)
    assert problem is None, f"{label}: {problem}"


def check_stepper(stepper, label: str) -> dict:
    """ArrowRight, Next, Previous and Play move the step-through, with no kernel."""
    stepper.scroll_into_view_if_needed()
    s0 = lab.wait_stepper(stepper, "(s) => s.visible && s.step !== null && s.slider !== null", timeout=15)
    assert s0["total"] >= 3, f"{label}: too few steps to test ({s0['total']})"
    page = stepper.page
    slider = lab.step_slider(stepper)
    slider.focus()
    page.keyboard.press("Home")
    s0 = lab.wait_stepper(stepper, _AT, 0)
    _in_place(s0, f"{label} at step 1")

    page.keyboard.press("ArrowRight")
    try:
        s1 = lab.wait_stepper(stepper, _AT, 1, timeout=5)
    except Exception:
        state = lab.stepper_state(stepper)
        raise AssertionError(f"{label}: ArrowRight did not move to step 2: {state}") from None
    assert s1["equation"] != s0["equation"] and s1["output_html"] != s0["output_html"], label
    _in_place(s1, f"{label} after ArrowRight")

    lab.button(stepper, "Next").click(timeout=5000)
    try:
        lab.wait_stepper(stepper, _AT, 2, timeout=5)
    except Exception:
        raise AssertionError(f"{label}: Next did not move to step 3: {lab.stepper_state(stepper)}") from None
    lab.button(stepper, "Previous").click(timeout=5000)
    try:
        s3 = lab.wait_stepper(stepper, _AT, 1, timeout=5)
    except Exception:
        raise AssertionError(f"{label}: Previous did not go back: {lab.stepper_state(stepper)}") from None
    assert s3["equation"] == s1["equation"], f"{label}: Next then Previous did not come back"
    _in_place(s3, f"{label} after Next and Previous")

    lab.play_button(stepper, "play").click(timeout=5000)
    try:
        lab.wait_stepper(stepper, "(s, k) => s.step > k", 1, timeout=6)
    except Exception:
        raise AssertionError(f"{label}: Play did not advance in 6 s: {lab.stepper_state(stepper)}") from None
    pause = lab.play_button(stepper, "pause")
    if pause.count():  # it may have reached the end and stopped by itself
        text = pause.inner_text().strip()
        assert text == "Pause", f"{label}: the pressed Play button reads {text!r}"
        pause.click(timeout=5000)
    s4 = lab.wait_settled(stepper)
    time.sleep(1.0)
    s5 = lab.stepper_state(stepper)
    assert s5["step"] == s4["step"] > 1, f"{label}: Play/Pause: step {s4['step']} then {s5['step']}"
    _in_place(s5, f"{label} after Play and Pause")
    return s5


# --------------------------------------------------------------------------
# tests
# --------------------------------------------------------------------------
def test_every_lesson_has_a_page(site):
    """The site has index.html and one page per lesson notebook, and its static files with their licences."""
    assert NOTEBOOKS, "no lesson notebooks"
    missing = [p for p in PAGES if not (site / p).is_file()]
    assert not missing, f"pages missing from the site: {missing}"
    for part in ("html-manager", "requirejs", "mathjax"):
        assert (site / "static" / part / "LICENSE").stat().st_size > 500, f"static/{part} has no LICENSE"
    assert (site / "static" / "html-manager" / "FONT-AWESOME-LICENSE.txt").is_file()


def test_index_lists_every_lesson(visit):
    """index.html links every lesson's page and its Binder URL, loads nothing from elsewhere."""
    v = visit("index.html")
    links = v.page.evaluate(HREFS)
    for notebook in NOTEBOOKS:
        if notebook.startswith("00-"):
            continue
        assert Path(notebook).with_suffix(".html").name in links, f"index.html does not link {notebook}"
        assert any(h.startswith(BINDER) and h.endswith(f"/notebooks/{notebook}") for h in links), notebook
    table = v.page.evaluate("""() => [...document.querySelectorAll('table tr')].map(tr =>
        [...tr.querySelectorAll('th, td')].map(c => c.innerText.trim()))""")
    column = next((i for i, h in enumerate(table[0]) if "live kernel" in h.lower()), None)
    assert column is not None, f"index.html has no column saying what needs a live kernel: {table[0]}"
    assert all(row[column] for row in table[1:]), f"index.html: a lesson says nothing about widgets: {table}"
    assert len(table) - 1 == len([n for n in NOTEBOOKS if not n.startswith("00-")]), table
    check_links(v)
    check_formulas(v, 0)
    assert not v.problems(), "index.html:\n" + "\n".join(v.problems())


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_lesson_page_works_without_a_kernel(notebook, visit, capsys):
    """Loads only from the site, renders its formulas, steps through, and marks widgets needing Python."""
    name = Path(notebook).with_suffix(".html").name
    t0 = time.monotonic()
    v = visit(name)
    loaded = time.monotonic() - t0
    check_formulas(v, markdown_math(notebook))
    check_links(v)
    notes = check_needs_kernel(v, notebook)
    # every step-through, the transposed one of lesson 10 (steps over input cells) included
    steppers = v.page.locator(lab.STEPPER)
    count = steppers.count()
    for i in range(count):
        state = lab.wait_stepper(steppers.nth(i), "(s) => s.step !== null && s.grids.length === 3", None, 15)
        assert state["error"] == "", f"{name}: step-through {i + 1} shows an error: {state['error']!r}"
    if count:
        first = steppers.first
        check_stepper(first, f"{name}: step-through 1/{count}")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        first.screenshot(path=str(SCREENSHOTS / f"site-{Path(notebook).stem}.png"))
    with capsys.disabled():
        print(f"\n  {name}: loaded in {loaded:.1f} s, {count} step-through(s), "
              f"{notes} note(s) for widgets needing Python")
    assert not v.problems(), f"{name}:\n" + "\n".join(v.problems())
