"""Build the lessons as a static website whose step-through widgets work without Python.

Every lesson notebook (``notebooks/NN-*.ipynb``, whichever exist) is executed
in a temporary copy of the repository with its widget state stored (nbclient's
``store_widget_state=True``; the committed notebooks are never rewritten, and
keep no widget state), then exported with nbconvert to ``site/NN-....html``.
``site/index.html`` lists the lessons, links each to Binder for full
interactivity and says which widgets need a live kernel.

In a page, a step-through (``convlib.widgets.StepThrough``) works with no
kernel: all its steps are in the page and a page script shows the one the
Step slider reads (style rules do when no script runs;
``convlib.widgets.in_page``); Play is linked to the slider in the browser;
Previous/Next move the slider through a page script.  A widget that needs Python (CSS class
``convlib-needs-kernel``, which ``ConvlibWidget`` sets unless the widget
declares it works without a kernel) shows the state it was left in, with a
note after it that links to Binder; its controls are disabled.

Everything a page loads comes from ``site/`` itself: the widget renderer (npm
``@jupyter-widgets/html-manager``, with the Font Awesome fonts it bundles),
RequireJS and MathJax, fetched from the npm registry at build time (``npm
pack``, pinned versions, integrity checked; see ``tools/site_assets.py``)
into a cache that git ignores (``test-artifacts/cache/npm``), and copied to
``site/static/`` with their licences.

Usage::

    python tools/build_site.py                 # every lesson -> site/
    python tools/build_site.py --out DIR       # somewhere else
    python tools/build_site.py --jobs 1        # one notebook at a time
"""

from __future__ import annotations

import argparse
import concurrent.futures
import copy
import html
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tools"), str(ROOT)]
from make_nav import INDEX, before, lessons, title  # noqa: E402  (tools/make_nav.py)
from site_assets import (  # noqa: E402  (tools/site_assets.py)
    FONT_AWESOME,
    HTML_MANAGER,
    MATHJAX,
    MATHJAX_URL,
    PACKAGES,
    REQUIRE_JS_URL,
    REQUIREJS,
    WIDGET_RENDERER_URL,
    AssetError,
    install,
)

from convlib.widgets.base import NEEDS_KERNEL, WORKS_IN_PAGE  # noqa: E402  (the classes the notes look for)

SITE = ROOT / "site"
TEMPLATES = Path(__file__).resolve().parent / "site_template"
WIDGET_NAME = re.compile(r"^convlib-widget-(\w+)$")
STATE = "application/vnd.jupyter.widget-state+json"
VIEW = "application/vnd.jupyter.widget-view+json"

#: Not copied into the temporary copy the notebooks run in.
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "venv", "site", "site.partial", "test-artifacts", "node_modules", ".ipynb_checkpoints",
    "__pycache__",
    ".pytest_cache", ".hypothesis", "*.egg-info", "build", "dist", ".mypy_cache", ".ruff_cache",
)


class BuildError(RuntimeError):
    """The site could not be built; the message says why."""


# --------------------------------------------------------------------------
# running the notebooks
# --------------------------------------------------------------------------
def execute(path: str, timeout: int = 600) -> tuple[str, float]:
    """Run one notebook (of the temporary copy) with its widget state stored; (notebook JSON, seconds).

    Runs in a worker process (see :func:`run_all`); the notebook is read, not written.
    """
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(Path(path).parent)}}).execute()
    return nbformat.writes(nb), time.perf_counter() - start


def run_all(paths: list[Path], jobs: int = 2) -> dict[str, tuple[nbformat.NotebookNode, float]]:
    """Execute ``paths`` in a temporary copy of the repository, ``jobs`` at a time."""
    results = {}
    with tempfile.TemporaryDirectory(prefix="convlib-site-") as tmp:
        root = Path(tmp) / "root"
        shutil.copytree(ROOT, root, ignore=COPY_IGNORE, symlinks=True)
        # the kernels import the copy's convlib (the code these notebooks belong to)
        old = os.environ.get("PYTHONPATH")
        os.environ["PYTHONPATH"] = os.pathsep.join([str(root)] + ([old] if old else []))
        try:
            with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
                futures = {p.name: pool.submit(execute, str(root / "notebooks" / p.name))
                           for p in paths}
                for name, future in futures.items():
                    try:
                        text, seconds = future.result()
                    except Exception as exc:
                        raise BuildError(f"{name} failed to run: {type(exc).__name__}: {exc}") from None
                    results[name] = (nbformat.reads(text, as_version=4), seconds)
        finally:
            if old is None:
                os.environ.pop("PYTHONPATH", None)
            else:
                os.environ["PYTHONPATH"] = old
    return results


# --------------------------------------------------------------------------
# from a run notebook to a page
# --------------------------------------------------------------------------
def binder_base(readme: Path = ROOT / "README.md") -> str:
    """The README's Binder badge URL up to ``urlpath=`` (the lesson's path follows)."""
    m = re.search(r"\((https://mybinder\.org/v2/[^)\s?]+\?urlpath=)lab/tree/notebooks/[^)\s]+\)",
                  readme.read_text(encoding="utf-8"))
    if m is None:
        raise BuildError(f"{readme.name} has no Binder badge (https://mybinder.org/v2/...?urlpath=lab/tree/...)")
    return m.group(1)


def binder_url(name: str, base: str) -> str:
    """Full JupyterLab on Binder at lesson ``name``."""
    return f"{base}lab/tree/notebooks/{name}"


_LESSON_LINK = re.compile(r"""(\]\(|href=["'])(\d\d-[\w.-]+?)\.ipynb(?=[)#"'])""")


def html_links(text: str) -> str:
    """Links to lesson notebooks (``01-....ipynb``) pointed at their pages (``01-....html``)."""
    return _LESSON_LINK.sub(r"\1\2.html", text)


@dataclass
class KernelWidget:
    """A widget of a page that needs a live kernel: its name and, for a part of one, the controls."""

    name: str
    controls: tuple[str, ...] = ()  # descriptions of the controls, when only a part needs Python

    def __str__(self) -> str:
        if not self.controls:
            return self.name
        return f"the settings of a {self.name} ({', '.join(self.controls)})"

    def html(self) -> str:
        if not self.controls:
            return f"<code>{html.escape(self.name)}</code>"
        settings = html.escape(", ".join(self.controls))
        return f"the settings of a <code>{html.escape(self.name)}</code>: {settings}"


def _refs(value) -> list[str]:
    """Model ids a widget's state refers to (children, layout, style...)."""
    if isinstance(value, str):
        return [value[len("IPY_MODEL_"):]] if value.startswith("IPY_MODEL_") else []
    if isinstance(value, dict):
        return [r for v in value.values() for r in _refs(v)]
    if isinstance(value, (list, tuple)):
        return [r for v in value for r in _refs(v)]
    return []


def _descendants(model_id: str, state: dict) -> list[str]:
    """``model_id`` and every model it refers to, children in order."""
    seen, todo = [], [model_id]
    while todo:
        mid = todo.pop(0)
        if mid in seen or mid not in state:
            continue
        seen.append(mid)
        todo.extend(_refs(state[mid].get("state", {})))
    return seen


def _classes(model: dict) -> list[str]:
    return list(model.get("state", {}).get("_dom_classes", []))


def kernel_widgets(model_id: str, state: dict) -> list[KernelWidget]:
    """What needs a kernel in the widget view ``model_id``: the whole widget, or parts of it."""
    ids = _descendants(model_id, state)
    names = [m.group(1) for i in ids for c in _classes(state[i]) if (m := WIDGET_NAME.match(c))]
    named = names[0] if names else "widget"
    if NEEDS_KERNEL in _classes(state.get(model_id, {})):
        return [KernelWidget(named)]
    found = []
    for i in ids:
        if NEEDS_KERNEL in _classes(state[i]):
            inner = _descendants(i, state)
            controls = tuple(d for j in inner if (d := state[j].get("state", {}).get("description")))
            found.append(KernelWidget(named, controls or ("its controls",)))
    return found


def note_html(widgets: list[KernelWidget], binder: str) -> str:
    """The note put after a widget that needs Python, linking to Binder."""
    link = f'<a href="{html.escape(binder)}">open this lesson on Binder</a>'
    whole = [w for w in widgets if not w.controls]
    if whole:
        name = f"<code>{html.escape(whole[0].name)}</code>"
        text = (f"<strong>This {name} widget needs a live Python kernel.</strong> "
                "This page shows it as it was when the lesson ran, and its controls do nothing here; "
                f"to use it, {link} (it starts JupyterLab with the lesson, which can take a minute).")
    else:
        settings = ", ".join(html.escape(c) for w in widgets for c in w.controls)
        name = f"<code>{html.escape(widgets[0].name)}</code>"
        text = (f"<strong>The settings under this {name} ({settings}) need a live Python kernel.</strong> "
                "The rest of it works in this page (in a step-through: the Step slider, its arrow keys, "
                f"Previous/Next and Play). To change these settings, {link}.")
    return f'<div class="convlib-kernel-note" role="note">{text}</div>'


@dataclass
class Page:
    """One lesson page: where it came from and what it holds."""

    name: str  # the notebook's file name
    title: str
    before: str
    seconds: float
    steppers: int
    needs_kernel: list[KernelWidget]

    @property
    def html_name(self) -> str:
        return Path(self.name).with_suffix(".html").name


def prepare(nb: nbformat.NotebookNode, path: Path, binder: str) -> Page:
    """Make a run notebook ready to export (in place): links, title, notes next to widgets needing Python."""
    state = nb.metadata.get("widgets", {}).get(STATE, {}).get("state", {})
    nb.metadata["title"] = title(path)
    steppers, needs = 0, []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = html_links(cell.source)
            continue
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            for mime in ("text/html", "text/markdown"):
                if isinstance(data.get(mime), str):
                    data[mime] = html_links(data[mime])
            outputs.append(out)
            if VIEW in data:
                model_id = data[VIEW].get("model_id", "")
                # a StepThrough, or a subclass such as lesson 10's TransposedStepThrough
                if WORKS_IN_PAGE in _classes(state.get(model_id, {})):
                    steppers += 1
                found = kernel_widgets(model_id, state)
                if found:
                    needs.extend(found)
                    outputs.append(nbformat.v4.new_output(
                        "display_data", data={"text/html": note_html(found, binder_url(path.name, binder)),
                                              "text/plain": "This widget needs a live Python kernel."}))
        cell.outputs = outputs
    page_before = before(path) if path.name != INDEX else ""
    return Page(path.name, title(path), page_before, 0.0, steppers, needs)


def exporter():
    """nbconvert's HTML exporter with the site's template; nothing loaded from elsewhere."""
    from nbconvert import HTMLExporter

    exp = HTMLExporter(template_name="convlib-site", extra_template_basedirs=[str(TEMPLATES)])
    exp.widget_renderer_url = WIDGET_RENDERER_URL
    exp.require_js_url = REQUIRE_JS_URL
    exp.mathjax_url = MATHJAX_URL
    exp.jupyter_widgets_base_url = "static/"  # unused with widget_renderer_url set; never a CDN
    exp.mermaid_js_url = ""  # the template's Mermaid block is empty
    exp.exclude_input_prompt = True
    exp.exclude_output_prompt = True
    return exp


def export(nb: nbformat.NotebookNode, page: Page, binder: str, exp) -> str:
    """The HTML of one page."""
    resources = {"metadata": {"name": page.title},
                 "convlib": {"binder": binder_url(page.name, binder), "index": "index.html"}}
    body, _ = exp.from_notebook_node(nb, resources=resources)
    leftover = re.findall(r"""(?:\bsrc=["']|<link[^>]*\bhref=["']|\bimport\(["']|url\(["']?)"""
                          r"""(?:https?:)?//[^"')\s]+""", body)
    if leftover:
        raise BuildError(f"{page.name}: the page still loads from elsewhere: {leftover[:3]}")
    return body


# --------------------------------------------------------------------------
# the list of lessons
# --------------------------------------------------------------------------
def _inline_markdown(text: str) -> str:
    from nbconvert.filters.markdown import markdown2html

    out = html_links(markdown2html(text)).strip()
    return re.sub(r"^<p>(.*)</p>$", r"\1", out, flags=re.S)


def index_html(pages: list[Page], binder: str, course: str) -> str:
    """``index.html``: the lessons, what each needs, what works here and what needs Binder."""
    rows = []
    for p in pages:
        if p.name == INDEX:
            continue
        plural = "s" if p.steppers > 1 else ""
        works = f"{p.steppers} step-through{plural}" if p.steppers else "no step-through"
        needs = "; ".join(w.html() for w in p.needs_kernel) or "nothing"
        rows.append(
            "<tr>"
            f'<td><strong>{html.escape(p.name[:2])}</strong> <a href="{html.escape(p.html_name)}">'
            f"{html.escape(p.title)}</a></td>"
            f"<td>{_inline_markdown(p.before)}</td>"
            f"<td>{works}</td>"
            f"<td>{needs}</td>"
            f'<td><a href="{html.escape(binder_url(p.name, binder))}">Open on Binder</a></td>'
            "</tr>")
    contents = next((p for p in pages if p.name == INDEX), None)
    contents_link = (f' The course\'s own contents page, with how to use it: <a href="{contents.html_name}">'
                     f"{html.escape(contents.title)}</a>." if contents else "")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(course)}: the lessons</title>
<link rel="stylesheet" href="static/convlib-site.css">
<script src="static/convlib-mathjax.js"></script>
<script src="{MATHJAX_URL}"></script>
</head>
<body class="convlib-site-index">
<main>
<h1>{html.escape(course)}</h1>
<p>The lessons as web pages, to read and step through with no installation.{contents_link}</p>
<p>In these pages the <strong>step-through widgets work without Python</strong>: drag a Step slider,
press the arrow keys on it, or use Previous, Next and Play, and the window moves over the input
with every product and sum written out. Widgets that compute with Python (listed in the table,
and marked with a note in each page) show the state they were in when the page was built; their
controls are switched off. For full interactivity, open a lesson on Binder: it starts JupyterLab
with a live kernel in your browser (starting can take a minute or more).</p>
<p><a class="convlib-binder-button" href="{html.escape(binder_url(INDEX, binder))}">
Open the course on Binder</a></p>
<h2>Lessons</h2>
<table>
<thead><tr><th scope="col">Lesson</th><th scope="col">Before this lesson</th>
<th scope="col">Works in these pages</th><th scope="col">Needs a live kernel (Binder)</th>
<th scope="col">Full interactivity</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
<footer>
<p>Everything these pages load is in this site. Third-party files, each with its licence:
<a href="static/html-manager/LICENSE">Jupyter widgets renderer</a> {HTML_MANAGER.version}
(with <a href="static/html-manager/FONT-AWESOME-LICENSE.txt">Font Awesome Free</a>
{FONT_AWESOME.version} icons),
<a href="static/requirejs/LICENSE">RequireJS</a> {REQUIREJS.version},
<a href="static/mathjax/LICENSE">MathJax</a> {MATHJAX.version}.</p>
</footer>
</main>
</body>
</html>
"""


# --------------------------------------------------------------------------
# the whole site
# --------------------------------------------------------------------------
def build(out: Path = SITE, jobs: int = 2, paths: list[Path] | None = None, log=print) -> list[Page]:
    """Build the site in ``out`` (replaced whole, only once the new one is complete); its pages."""
    t0 = time.perf_counter()
    paths = paths if paths is not None else lessons()
    if not paths:
        raise BuildError("no notebooks/NN-*.ipynb to build")
    binder = binder_base()
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    static = partial / "static"
    static.mkdir(parents=True)
    for package in PACKAGES:
        try:
            install(package, static)
        except AssetError as exc:
            raise BuildError(str(exc)) from None
    for extra in (TEMPLATES / "static").iterdir():
        shutil.copy2(extra, static / extra.name)
    log(f"static files: {time.perf_counter() - t0:.1f} s")

    ran = run_all(paths, jobs)
    exp = exporter()
    pages = []
    for path in paths:
        nb, seconds = ran[path.name]
        nb = copy.deepcopy(nb)
        page = prepare(nb, path, binder)
        page.seconds = seconds
        (partial / page.html_name).write_text(export(nb, page, binder, exp), encoding="utf-8")
        pages.append(page)
        log(f"{page.html_name}: ran in {seconds:.1f} s, {page.steppers} step-through(s), "
            f"needs a kernel: {', '.join(map(str, page.needs_kernel)) or 'nothing'}")
    course = title(next((p for p in paths if p.name == INDEX), paths[0]))
    (partial / "index.html").write_text(index_html(pages, binder, course), encoding="utf-8")
    (partial / ".nojekyll").write_text("")  # GitHub Pages: serve static/ as it is
    shutil.rmtree(out, ignore_errors=True)
    partial.replace(out)
    log(f"site built in {out} in {time.perf_counter() - t0:.1f} s")
    return pages


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SITE, help="where to write the site (default: site/)")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks run at a time (default: 2)")
    parser.add_argument("paths", nargs="*", type=Path, help="only these notebooks (default: every lesson)")
    args = parser.parse_args(argv)
    try:
        build(args.out, args.jobs, [p.resolve() for p in args.paths] or None)
    except BuildError as exc:
        print(f"build_site: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
