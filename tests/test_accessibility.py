"""An axe-core audit of every lesson notebook's outputs, in real JupyterLab.

For each ``notebooks/*.ipynb``: open it, "Run > Run All Cells", then run
axe-core (https://github.com/dequelabs/axe-core) on the notebook's output
areas only (``.jp-OutputArea-output``: what the lessons and convlib's
widgets draw, not JupyterLab's own interface) and fail on every violation of
impact "serious" or "critical", listing the rule, the elements (CSS selector,
HTML snippet) and the cell they are in.  The findings are also written to
``test-artifacts/axe/<notebook>.json``.

axe-core is fetched from the npm registry at test time (``npm pack
axe-core@<pinned>``, integrity checked) and cached in ``test-artifacts/cache``;
when npm or the fetch fails, the test fails and says why.

Run::

    python -m pytest tests/test_accessibility.py -q -p no:cacheprovider -s
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lab  # noqa: E402  (tests/lab.py, the harness)
from conftest import NOTEBOOKS_DIR  # noqa: E402

NOTEBOOKS = sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb"))
REPORTS = lab.ARTIFACTS_DIR / "axe"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def axe_js() -> str:
    """axe.min.js from the npm registry (cached); a fetch failure fails the tests."""
    try:
        return lab.axe_source()
    except lab.LabError as exc:
        pytest.fail(f"axe-core is needed for the accessibility audit: {exc}", pytrace=False)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_outputs_have_no_serious_axe_violations(name, browser, lab_server, axe_js, capsys):
    """No serious or critical axe-core violation in the notebook's outputs after Run All."""
    try:
        with lab.NotebookPage(browser, lab_server, name) as nbp:
            nbp.open()
            nbp.hide_left_sidebar()
            nbp.run_all()
            nbp.wait_widgets()
            violations = nbp.axe_audit(source=axe_js)
            outputs = nbp.axe_outputs
    finally:
        lab_server.shutdown_kernels()

    REPORTS.mkdir(parents=True, exist_ok=True)
    report = REPORTS / f"{Path(name).stem}.json"
    report.write_text(json.dumps(
        {"notebook": name, "axe_version": lab.AXE_VERSION, "outputs": outputs,
         "violations": [v.__dict__ for v in violations]}, indent=1))
    with capsys.disabled():
        counts = ", ".join(f"{v.rule} x{len(v.nodes)}" for v in violations) or "none"
        print(f"\n  {name}: axe on {outputs} output area(s): {counts}; report {report}")
    assert outputs > 0 or "cell_type" not in (NOTEBOOKS_DIR / name).read_text(), f"{name}: no outputs"
    if violations:
        pytest.fail(
            f"{name}: {len(violations)} serious/critical axe rule(s) broken in the outputs "
            f"(report {report}):\n\n" + "\n\n".join(str(v) for v in violations),
            pytrace=False,
        )
