"""The lesson notebooks as files: committed state, structure, navigation and links."""

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
LESSONS = [p for p in NOTEBOOKS if not p.name.startswith("00-")]
sys.path.insert(0, str(ROOT / "tools"))
import make_nav  # noqa: E402


def load(path):
    """The notebook at ``path`` as a dict."""
    return json.loads(path.read_text(encoding="utf-8"))


def markdown(nb):
    """All Markdown of a notebook as one string."""
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def test_collection_has_index_and_lessons():
    """The series starts at 00-index and has at least one lesson."""
    assert NOTEBOOKS[0].name == "00-index.ipynb"
    assert LESSONS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_freshly_executed(path):
    """Every code cell ran once, in order, in one kernel, without errors."""
    code = [c for c in load(path)["cells"] if c["cell_type"] == "code"]
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), (
        f"{path.name} is not freshly executed (execution counts {counts}); "
        "run: python tools/run_notebooks.py"
    )
    errors = [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors, f"{path.name} has error outputs: {[e['ename'] for e in errors]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_stores_no_widget_state(path):
    """Widget state is stripped, so files stay small and diffs readable."""
    assert "widgets" not in load(path)["metadata"]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_has_the_standard_parts(path):
    """A lesson has a title, learning goals, a summary and exercises."""
    md = markdown(load(path))
    for pattern in (r"^# \S", r"In this notebook you will", r"^## Summary", r"^## Exercises"):
        assert re.search(pattern, md, re.M), f"{path.name} lacks {pattern!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_no_machine_specific_paths(path):
    """No absolute paths of the machine that executed the notebook."""
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"/(work|tmp|root|home|Users)/[A-Za-z]", text)


def test_navigation_is_up_to_date():
    """The previous/contents/next lines and the index's lesson list match the titles."""
    stale = make_nav.update(write=False)
    assert not stale, "navigation is stale; run: python tools/make_nav.py\n" + "\n".join(stale)


def test_navigation_detects_a_stale_title(tmp_path):
    """Renaming a lesson's title makes the navigation check fail."""
    _copy_collection(tmp_path)
    lesson = tmp_path / LESSONS[0].name
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("# ", "# Renamed ", 1), encoding="utf-8")
    assert make_nav.update(tmp_path, write=False)


def _copy_collection(tmp_path):
    """A copy of every notebook in tmp_path, for tests that break one on purpose."""
    for p in NOTEBOOKS:
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_says_what_it_needs_after_its_title(path):
    """The '# Title' line is followed (after blank lines, if any) by '**Before this lesson:** ...'."""
    source = next("".join(c["source"]) for c in load(path)["cells"]
                  if c["cell_type"] == "markdown" and re.search(r"^# \S", "".join(c["source"]), re.M))
    lines = source.split("\n")
    k = next(i for i, line in enumerate(lines) if re.match(r"# \S", line))
    after = next((line for line in lines[k + 1:] if line.strip()), "")
    assert re.match(r"\*\*Before this lesson:\*\* \S", after), (
        f"{path.name}: put a line '**Before this lesson:** ...' after the title")


def test_index_lists_exactly_the_lessons_present_with_their_own_numbers():
    """The index's lesson table has one row per lesson file, numbered as the file, with what it needs."""
    cell = next("".join(c["source"]) for c in load(NOTEBOOKS[0])["cells"]
                if "".join(c["source"]).startswith(make_nav.LESSONS))
    rows = re.findall(r"^\| \*\*(\d\d)\*\* \[([^\]]+)\]\(([^)]+)\) \| (.+) \|$", cell, re.M)
    assert [(n, f) for n, _, f, _ in rows] == [(p.name[:2], p.name) for p in LESSONS]
    for (_, _, _, needs), path in zip(rows, LESSONS, strict=True):
        assert needs == make_nav.before(path).replace("|", "\\|")
    assert not re.search(r"^\s*\d+\. ", cell, re.M), "a numbered Markdown list renumbers lessons 1, 2, ..."


def test_navigation_refuses_a_lesson_that_does_not_say_what_it_needs(tmp_path):
    """Without its 'Before this lesson' line, a lesson stops make_nav with a message naming it."""
    folder = _copy_collection(tmp_path)
    lesson = folder / LESSONS[-1].name
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(re.sub(r"\*\*Before this lesson:\*\*[^\\\n]*\\n", "", text, count=1), encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{re.escape(lesson.name)}: the first line after the title"):
        make_nav.update(folder, write=False)


def test_navigation_detects_a_changed_need(tmp_path):
    """Editing what a lesson needs makes the index stale until make_nav runs again."""
    folder = _copy_collection(tmp_path)
    lesson = folder / LESSONS[0].name
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("**Before this lesson:** ", "**Before this lesson:** patience; ", 1),
                      encoding="utf-8")
    stale = make_nav.update(folder, write=False)
    assert stale == [f"{NOTEBOOKS[0].name}: {make_nav.LESSONS} cell is out of date"]
    make_nav.update(folder)
    assert not make_nav.update(folder, write=False)


def test_index_makes_no_promise_of_lessons_that_are_not_there():
    """The index's prose does not announce topics of lessons that do not exist (they appear in the table)."""
    md = markdown(load(NOTEBOOKS[0]))
    assert "From there the lessons move on" not in md and "how a network learns its own kernels" not in md


def _links(text):
    return re.findall(r"\]\(([^)\s]+)\)", text)


def _relative_targets():
    sources = [(ROOT / "README.md", (ROOT / "README.md").read_text(encoding="utf-8"))]
    sources += [(p, markdown(load(p))) for p in NOTEBOOKS]
    for source, text in sources:
        for link in _links(text):
            if re.match(r"[a-z]+:", link) or link.startswith("#"):
                continue
            yield source, link


@pytest.mark.parametrize(("source", "link"), list(_relative_targets()),
                         ids=lambda v: v.name if isinstance(v, Path) else v)
def test_relative_link_points_to_a_file(source, link):
    """Every relative link in the README and the notebooks leads to an existing file."""
    target = (source.parent / link.split("#")[0]).resolve()
    assert target.exists(), f"{source.name} links to {link}, which does not exist"


def test_readme_badge_opens_the_index():
    """The Binder badge opens JupyterLab at the index notebook, which exists."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"https://mybinder\.org/v2/gh/[\w.-]+/[\w.-]+/HEAD\?urlpath=lab/tree/([\w./-]+)", readme)
    assert m, "README has no Binder badge opening JupyterLab"
    assert (ROOT / m.group(1)).exists()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_has_a_text_alternative(path):
    """No output is a bare PNG: figures are shown with convlib.plot.show(alt), as <img alt="...">."""
    for i, cell in enumerate(c for c in load(path)["cells"] if c["cell_type"] == "code"):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            assert "image/png" not in data, (
                f"{path.name}, code cell {i + 1}: a figure without alternative text; end the cell with "
                "plot.show('what the figure shows')")
            for img in re.findall(r"<img\b[^>]*>", "".join(data.get("text/html", ""))):
                assert re.search(r'\balt="[^"]{10,}"', img), f"{path.name}, code cell {i + 1}: <img> without alt"
