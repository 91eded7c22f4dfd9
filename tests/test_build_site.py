"""Tests of tools/build_site.py without a browser: links, notes for widgets needing Python, the index.

The whole build, read in Chromium, is tested by tests/test_site.py.
"""

import re
import sys
from pathlib import Path

import ipywidgets as w
import nbformat
import numpy as np
import pytest
from ipywidgets.embed import dependency_state

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import build_site as bs  # noqa: E402

from convlib.widgets import NEEDS_KERNEL, PhotoFilter, StepThrough, TransposedStepThrough  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://mybinder.org/v2/gh/o/r/HEAD?urlpath="


def view(widget) -> dict:
    """The output a notebook stores for a displayed widget."""
    return nbformat.v4.new_output("display_data", data={
        "application/vnd.jupyter.widget-view+json": {"version_major": 2, "version_minor": 0,
                                                     "model_id": widget.model_id},
        "text/plain": repr(widget)})


def notebook(cells, *widgets) -> nbformat.NotebookNode:
    """A notebook holding ``cells`` and the stored state of ``widgets`` (as nbclient stores it)."""
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["widgets"] = {bs.STATE: {"version_major": 2, "version_minor": 0,
                                         "state": dependency_state(list(widgets), drop_defaults=False)}}
    return nb


@pytest.mark.parametrize(("text", "expected"), [
    ("[next](02-padding.ipynb)", "[next](02-padding.html)"),
    ("[q2](01-what-is-a-convolution.ipynb#Exercises)", "[q2](01-what-is-a-convolution.html#Exercises)"),
    ('<a href="09-fast.ipynb">', '<a href="09-fast.html">'),
    ("[Binder](https://mybinder.org/v2/gh/o/r/HEAD?urlpath=lab/tree/notebooks/00-index.ipynb)",
     "[Binder](https://mybinder.org/v2/gh/o/r/HEAD?urlpath=lab/tree/notebooks/00-index.ipynb)"),
    ("[notes](notes.ipynb) and 01-a.ipynb in words", "[notes](notes.ipynb) and 01-a.ipynb in words"),
])
def test_links_between_lessons_point_to_pages(text, expected):
    """Relative links to lesson notebooks become links to their pages; nothing else changes."""
    assert bs.html_links(text) == expected


def test_binder_links_come_from_the_readme_badge():
    """The README's badge gives the Binder URL; each lesson gets its own urlpath."""
    base = bs.binder_base()
    badge = re.search(r"\((https://mybinder\.org/v2/[^)]+)\)", (ROOT / "README.md").read_text()).group(1)
    assert badge == bs.binder_url("00-index.ipynb", base)
    assert bs.binder_url("03-edges.ipynb", base).endswith("?urlpath=lab/tree/notebooks/03-edges.ipynb")


def test_a_readme_without_badge_stops_the_build(tmp_path):
    """Without a Binder badge the notes could not link anywhere: the build says so."""
    (tmp_path / "README.md").write_text("# convlib\n")
    with pytest.raises(bs.BuildError, match="README.md has no Binder badge"):
        bs.binder_base(tmp_path / "README.md")


def test_a_widget_needing_python_is_found_by_its_class():
    """A PhotoFilter (a ConvlibWidget) needs a kernel as a whole; it is named by its class."""
    pf = PhotoFilter(np.ones((8, 8)), kernel="blur (box 3x3)")
    state = dependency_state([pf], drop_defaults=False)
    assert bs.kernel_widgets(pf.model_id, state) == [bs.KernelWidget("PhotoFilter")]


def test_a_step_through_needs_python_only_for_its_settings():
    """A StepThrough with controls: only the settings box needs a kernel; its controls are listed in order."""
    plain = StepThrough([[1, 2], [3, 4]], [[1]])
    assert bs.kernel_widgets(plain.model_id, dependency_state([plain], drop_defaults=False)) == []
    sw = StepThrough([[1, 2, 3], [4, 5, 6]], [[1, 0]], controls=["stride", "flip"])
    found = bs.kernel_widgets(sw.model_id, dependency_state([sw], drop_defaults=False))
    assert found == [bs.KernelWidget("StepThrough", ("Stride", "Flip the kernel (true convolution)"))]


def test_any_widget_marked_needs_a_kernel():
    """Any widget with the class, convlib's or not, is found; unnamed, it is called 'widget'."""
    box = w.VBox([w.IntSlider(description="Size")]).add_class(NEEDS_KERNEL)
    assert bs.kernel_widgets(box.model_id, dependency_state([box], drop_defaults=False)) == [
        bs.KernelWidget("widget")]


def test_notes_say_what_needs_python_and_link_to_binder():
    """A note names the widget (escaped), says it needs a live kernel, and links to the lesson on Binder."""
    url = BASE + "lab/tree/notebooks/01-a.ipynb"
    whole = bs.note_html([bs.KernelWidget("Photo<Filter>")], url)
    assert 'role="note"' in whole
    assert "<code>Photo&lt;Filter&gt;</code> widget needs a live Python kernel" in whole
    assert f'href="{url}"' in whole.replace("&amp;", "&")
    part = bs.note_html([bs.KernelWidget("StepThrough", ("Stride", "Output mode"))], url)
    assert "under this <code>StepThrough</code> (Stride, Output mode) need a live Python kernel" in part
    assert "The rest of it works in this page" in part


def test_a_transposed_step_through_counts_as_a_step_through():
    """Lesson 10's TransposedStepThrough steps in the page: counted, with a note only for its settings."""
    ts = TransposedStepThrough([[1, 2], [3, 4]], [[1, 1], [1, 1]], stride=2, controls=["stride"])
    nb = notebook([nbformat.v4.new_code_cell("ts", outputs=[view(ts)])], ts)
    page = bs.prepare(nb, ROOT / "notebooks" / "01-what-is-a-convolution.ipynb", BASE)
    assert page.steppers == 1
    assert page.needs_kernel == [bs.KernelWidget("TransposedStepThrough", ("Stride",))]


def test_prepare_puts_a_note_after_each_widget_needing_python():
    """The note follows the widget's output in its cell; step-throughs are counted; links are rewritten."""
    sw = StepThrough([[1, 2, 3], [4, 5, 6]], [[1, 0]])
    pf = PhotoFilter(np.ones((8, 8)), kernel="blur (box 3x3)")
    cells = [nbformat.v4.new_markdown_cell("# T\n\n[next](02-b.ipynb)"),
             nbformat.v4.new_code_cell("sw", outputs=[view(sw)]),
             nbformat.v4.new_code_cell("pf", outputs=[view(pf)])]
    nb = notebook(cells, sw, pf)
    path = ROOT / "notebooks" / "01-what-is-a-convolution.ipynb"
    page = bs.prepare(nb, path, BASE)
    assert page.steppers == 1 and page.needs_kernel == [bs.KernelWidget("PhotoFilter")]
    assert nb.cells[0].source == "# T\n\n[next](02-b.html)"
    assert len(nb.cells[1].outputs) == 1
    note = nb.cells[2].outputs[1].data["text/html"]
    assert "convlib-kernel-note" in note and "notebooks/01-what-is-a-convolution.ipynb" in note
    assert nb.metadata["title"] == bs.title(path)


def test_exported_page_loads_nothing_from_elsewhere():
    """The exported HTML loads its scripts from static/, keeps the widget state, and has the site's bar."""
    sw = StepThrough([[1, 2, 3], [4, 5, 6]], [[1, 0]])
    nb = notebook([nbformat.v4.new_markdown_cell("# T\n\n$a^2$"),
                   nbformat.v4.new_code_cell("sw", outputs=[view(sw)])], sw)
    page = bs.Page("01-a.ipynb", "T", "", 0.0, 1, [])
    body = bs.export(nb, page, BASE, bs.exporter())
    sources = (re.findall(r"""\bsrc=["']([^"']+)""", body)
               + re.findall(r"""widgetRendererSrc = '([^']+)'""", body))
    assert sources and all(s.startswith("static/") for s in sources), sources
    assert "static/html-manager/embed-amd.js" in sources and "static/mathjax/tex-chtml-full.js" in sources
    assert "cdnjs" not in body and "unpkg" not in body and "jsdelivr" not in body
    assert "require.config({paths: {'@jupyter-widgets': 'static/html-manager'}})" in body
    assert 'application/vnd.jupyter.widget-state+json' in body and sw.model_id in body
    assert 'href="index.html">All lessons' in body and "notebooks/01-a.ipynb" in body


def test_index_lists_the_lessons_with_what_needs_a_kernel():
    """index.html: a row per lesson (not the contents notebook), its needs, what works, Binder."""
    pages = [bs.Page("00-index.ipynb", "Course", "", 0.0, 1, []),
             bs.Page("01-a.ipynb", "A & B", "lesson 00; $x^2$", 0.0, 3, [bs.KernelWidget("PhotoFilter")]),
             bs.Page("09-c.ipynb", "C", "[lesson 01](01-a.ipynb)", 0.0, 0, [])]
    text = bs.index_html(pages, BASE, "Course")
    rows = re.findall(r"<tr><td>.*?</tr>", text, re.S)
    assert len(rows) == 2
    assert '<a href="01-a.html">A &amp; B</a>' in rows[0] and "3 step-throughs" in rows[0]
    assert "<code>PhotoFilter</code>" in rows[0] and "$x^2$" in rows[0]
    assert '<a href="01-a.html">lesson 01</a>' in rows[1] and "no step-through" in rows[1]
    assert f'href="{BASE}lab/tree/notebooks/09-c.ipynb"' in rows[1]
    assert re.findall(r"""\bsrc=["']([^"']+)""", text) == ["static/convlib-mathjax.js", bs.MATHJAX_URL]
