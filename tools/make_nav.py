"""Generate the navigation of the lesson notebooks from their titles.

Every lesson has a navigation cell at its top and bottom, a Markdown cell
that starts with ``<!-- NAV -->``, holding "previous | contents | next"
links.  The index notebook has a cell that starts with ``<!-- LESSONS -->``
listing every lesson present, as a table: its number, its title and what it
needs.  This script rewrites those cells from the notebooks' own title cells
(the first ``# `` heading of each, and the first line after it, which must
start with ``**Before this lesson:**``), so links and the list never go stale.
A lesson without that line is an error: the index could not say what it needs.

Usage::

    python tools/make_nav.py           # rewrite the navigation cells
    python tools/make_nav.py --check   # exit 1 and list what is stale
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
NAV = "<!-- NAV -->"
LESSONS = "<!-- LESSONS -->"
INDEX = "00-index.ipynb"
BEFORE = "**Before this lesson:**"


def lessons(folder: Path = NOTEBOOKS) -> list[Path]:
    """The numbered notebooks, in order, index first."""
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb"))


def title(path: Path) -> str:
    """The text of the first level-1 heading of a notebook."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        m = re.search(r"^# (.+)$", "".join(cell["source"]), re.M)
        if m:
            return m.group(1).strip()
    msg = f"{path.name} has no level-1 '# Title' heading"
    raise ValueError(msg)


def before(path: Path) -> str:
    """What a lesson needs: the text of the ``**Before this lesson:** ...`` line after its title.

    Raises
    ------
    ValueError
        If the first line after the first ``# Title`` line does not start
        with ``**Before this lesson:**`` or says nothing.
    """
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        lines = "".join(cell["source"]).split("\n")
        for k, line in enumerate(lines):
            if re.match(r"# .+$", line):
                after = next((rest for rest in lines[k + 1:] if rest.strip()), "")
                text = after[len(BEFORE):].strip() if after.startswith(BEFORE) else ""
                if not text:
                    msg = (f"{path.name}: the first line after the title '{line}' must be "
                           f"'{BEFORE} ...' (what the learner needs: earlier lessons, which maths); "
                           f"found {after!r}")
                    raise ValueError(msg)
                return text
    msg = f"{path.name} has no level-1 '# Title' heading"
    raise ValueError(msg)


def nav_line(paths: list[Path], i: int) -> str:
    """Markdown for the navigation line of notebook ``i``."""
    parts = []
    if i > 1:
        parts.append(f"[← {title(paths[i - 1])}]({paths[i - 1].name})")
    if i > 0:
        parts.append(f"[Contents]({INDEX})")
    if i + 1 < len(paths):
        parts.append(f"[{title(paths[i + 1])} →]({paths[i + 1].name})")
    return f"{NAV}\n" + " | ".join(parts)


def lesson_list(paths: list[Path]) -> str:
    """Markdown table of every lesson present after the index: its number, title and what it needs.

    A table, not a numbered list: Markdown renumbers a list "1., 9." as
    1, 2, and the lessons keep the numbers of their files.
    """
    rows = [f"{LESSONS}\n## Lessons\n",
            "| Lesson | Before this lesson |",
            "|:---|:---|"]
    for p in paths[1:]:
        needs = before(p).replace("|", "\\|")
        rows.append(f"| **{p.name[:2]}** [{title(p)}]({p.name}) | {needs} |")
    return "\n".join(rows)


def _source(text: str) -> list[str]:
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + [lines[-1]]


def update(folder: Path = NOTEBOOKS, write: bool = True) -> list[str]:
    """Rewrite (or only compare) the generated cells; return the stale ones.

    Raises
    ------
    ValueError
        If a lesson has no title or no ``**Before this lesson:**`` line.
    """
    paths = lessons(folder)
    listing = lesson_list(paths)  # first, so that a lesson without its line stops everything
    stale = []
    for i, path in enumerate(paths):
        nb = json.loads(path.read_text(encoding="utf-8"))
        changed = False
        found = {NAV: 0, LESSONS: 0}
        wanted = {NAV: nav_line(paths, i), LESSONS: listing}
        for cell in nb["cells"]:
            text = "".join(cell["source"])
            for marker, want in wanted.items():
                if cell["cell_type"] == "markdown" and text.startswith(marker):
                    found[marker] += 1
                    if text != want:
                        stale.append(f"{path.name}: {marker} cell is out of date")
                        cell["source"] = _source(want)
                        changed = True
        if found[NAV] != 2:
            stale.append(f"{path.name}: expected 2 navigation cells (top and bottom), found {found[NAV]}")
        if path.name == INDEX and found[LESSONS] != 1:
            stale.append(f"{path.name}: expected 1 lesson-list cell, found {found[LESSONS]}")
        if changed and write:
            path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return stale


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale cells")
    args = parser.parse_args(argv)
    try:
        stale = update(write=not args.check)
    except ValueError as err:
        print(err)
        return 1
    for line in stale:
        print(line)
    return 1 if (stale and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
