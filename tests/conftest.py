"""Fixtures shared by the test modules."""

import sys

import pytest


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
