"""Tests of convlib.plot as a whole: its manners (no plt.show, no global style changes)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from convlib import trace  # noqa: E402
from convlib.plot import (  # noqa: E402
    draw_window,
    move_window,
    plot_convolution,
    plot_matrix,
    plot_step,
    sample_image,
    show_image,
    update_matrix,
)

X = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
K = [[0, 1], [1, 0]]






def texts_of(artists):
    """The strings written in the cells, as a nested list."""
    return [[t.get_text() for t in row] for row in artists.texts]


# --------------------------------------------------------------------------
# manners
# --------------------------------------------------------------------------
def draw_everything():
    """Call every drawing helper once, without Axes."""
    art = plot_matrix(X, hatch_mask=np.eye(3, dtype=bool), mask=~np.eye(3, dtype=bool))
    update_matrix(art, X)
    move_window(draw_window(art.ax, (0, 2), (0, 2)), (0, 2), (0, 2))
    plot_convolution(X, K)
    sf = plot_step(trace(np.arange(25).reshape(5, 5), np.ones((3, 3)), mode="same"), 1)
    sf.update(2)
    show_image(sample_image("grace_hopper", gray=False))
    for fig in map(plt.figure, plt.get_fignums()):
        fig.canvas.draw()


def test_helpers_never_call_show(monkeypatch):
    """No helper calls plt.show."""
    def refuse(*args, **kwargs):
        raise AssertionError("plt.show was called")

    monkeypatch.setattr(plt, "show", refuse)
    draw_everything()
    assert len(plt.get_fignums()) == 4


def test_helpers_leave_rcparams_unchanged():
    """No helper changes matplotlib's global settings."""
    before = dict(matplotlib.rcParams)
    draw_everything()
    assert dict(matplotlib.rcParams) == before
