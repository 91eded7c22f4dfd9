"""Execute the lesson notebooks in place, top to bottom, in a fresh kernel.

The notebooks are committed freshly executed, so that the numbers they teach
are visible before running anything and nbval can compare them.  Run this
after changing a lesson or convlib::

    python tools/make_nav.py && python tools/run_notebooks.py            # all
    python tools/run_notebooks.py notebooks/01-what-is-a-convolution.ipynb

Widget state is not stored (it would only hold a snapshot of one step), and
the kernel's metadata is normalised so that the files do not depend on the
machine that ran them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def run(path: Path, timeout: int = 600) -> float:
    """Execute one notebook in place; return the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            store_widget_state=False)
    client.execute()
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata.setdefault("language_info", {}).pop("version", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Execute lesson notebooks in place.")
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.paths or sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    for p in paths:
        print(f"{p.name}: {run(p):.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
