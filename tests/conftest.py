"""Fixtures shared by the test modules.

The browser fixtures (tests/test_browser.py, tests/test_accessibility.py)
start nothing unless a test asks for them: one Chromium and one JupyterLab
per test session.
"""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lab  # noqa: E402  (tests/lab.py, the harness)


@pytest.fixture(autouse=True)
def close_figures():
    """Close every matplotlib figure a test made (without importing pyplot where no test did)."""
    yield
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")


@pytest.fixture
def ax():
    """A fresh Axes on the Agg backend."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt.subplots()[1]


#: The notebooks under test; ``CONVLIB_NOTEBOOKS=/some/dir`` picks another folder.
NOTEBOOKS_DIR = Path(os.environ.get("CONVLIB_NOTEBOOKS") or lab.NOTEBOOKS_DIR)


def no_browser(reason: str):
    """Skip, or fail when the environment variable CI is set."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if lab.chromium_path() is None:
        no_browser(lab.CHROMIUM_HINT)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        no_browser('playwright is not installed: pip install -e ".[test]"')
    with sync_playwright() as pw:
        browser = lab.launch_chromium(pw)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def lab_server(browser):
    """JupyterLab serving a temporary copy of the notebooks."""
    with lab.LabServer(NOTEBOOKS_DIR) as server:
        yield server
