"""Tests of convlib.plot.window."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from convlib.plot import (  # noqa: E402
    WINDOW_COLOR,
    WindowPatches,
    draw_window,
    move_window,
    plot_matrix,
)

X = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]








def tap_cells(patches):
    """Sorted (row, column) of the cells the tap markers sit on."""
    return sorted((round(p.get_y() + p.get_height() / 2), round(p.get_x() + p.get_width() / 2))
                  for p in patches.taps)


def frame_cells(patches):
    """Rows and columns a window frame spans, as ((r0, r1), (c0, c1))."""
    f = patches.frame
    x, y = f.get_xy()
    return ((y + 0.5, y + 0.5 + f.get_height() - 1), (x + 0.5, x + 0.5 + f.get_width() - 1))


# --------------------------------------------------------------------------
# draw_window / move_window
# --------------------------------------------------------------------------
def test_draw_window_frame_covers_the_window_cells(ax):
    """The frame spans exactly the rows and columns given."""
    plot_matrix(np.zeros((5, 5)), ax)
    win = draw_window(ax, (1, 2, 3), (2, 3, 4))
    assert frame_cells(win) == ((1, 3), (2, 4))


def test_draw_window_default_colour_is_vermillion(ax):
    """The frame is Okabe-Ito vermillion, 3 points wide."""
    plot_matrix(X, ax)
    win = draw_window(ax, (0, 1), (0, 1))
    assert matplotlib.colors.to_hex(win.frame.get_edgecolor()) == WINDOW_COLOR.lower() == "#d55e00"
    assert win.frame.get_linewidth() == 3


def test_draw_window_inner_line_is_white_dashed_inside_frame(ax):
    """A dashed white line runs just inside the frame."""
    plot_matrix(X, ax)
    win = draw_window(ax, (0, 1), (0, 1))
    assert matplotlib.colors.to_hex(win.inner.get_edgecolor()) == "#ffffff"
    assert win.inner.get_linestyle() not in ("-", "solid", "None", "")
    assert win.frame.get_x() < win.inner.get_x() and win.inner.get_width() < win.frame.get_width()


def test_draw_window_returns_patches_added_to_axes(ax):
    """The patches returned are on the Axes."""
    plot_matrix(X, ax)
    win = draw_window(ax, (0, 1), (0, 1))
    assert isinstance(win, WindowPatches) and win.frame in ax.patches and win.inner in ax.patches


def test_draw_window_contiguous_has_no_tap_markers(ax):
    """Adjacent taps need no markers."""
    plot_matrix(X, ax)
    assert draw_window(ax, (0, 1), (0, 1)).taps == []


def test_draw_window_dilated_marks_each_tap(ax):
    """With dilation the frame spans the taps and each tap cell is marked."""
    plot_matrix(np.zeros((5, 5)), ax)
    win = draw_window(ax, (0, 2), (1, 3))
    assert frame_cells(win) == ((0, 2), (1, 3))
    assert tap_cells(win) == [(0, 1), (0, 3), (2, 1), (2, 3)]


def test_move_window_moves_frame(ax):
    """move_window moves the frame and inner line to the new cells."""
    plot_matrix(np.zeros((5, 5)), ax)
    win = draw_window(ax, (0, 1), (0, 1))
    gap = win.inner.get_x() - win.frame.get_x()
    move_window(win, (3, 4), (2, 3))
    assert frame_cells(win) == ((3, 4), (2, 3))
    assert win.inner.get_xy() == pytest.approx((1.5 + gap, 2.5 + gap))


def test_move_window_moves_tap_markers(ax):
    """move_window moves the dilated tap markers with the frame."""
    plot_matrix(np.zeros((5, 5)), ax)
    win = draw_window(ax, (0, 2), (0, 2))
    move_window(win, (2, 4), (1, 3))
    assert tap_cells(win) == [(2, 1), (2, 3), (4, 1), (4, 3)]


def test_move_window_adds_no_patches(ax):
    """move_window changes patches in place."""
    plot_matrix(np.zeros((5, 5)), ax)
    win = draw_window(ax, (0, 2), (0, 2))
    n = len(ax.patches)
    move_window(win, (1, 3), (1, 3))
    assert len(ax.patches) == n


def test_draw_window_rejects_missing_axes():
    """ax is required."""
    with pytest.raises(TypeError, match="ax must be the matplotlib Axes holding the matrix; received None"):
        draw_window(None, (0,), (0,))


def test_draw_window_rejects_non_integer_rows(ax):
    """rows must be integer indices."""
    with pytest.raises(TypeError, match="rows must be a sequence of integer indices"):
        draw_window(ax, (0.5, 1.5), (0, 1))


def test_move_window_rejects_other_tap_count(ax):
    """A dilated window cannot change its number of taps."""
    plot_matrix(np.zeros((5, 5)), ax)
    win = draw_window(ax, (0, 2), (0, 2))
    with pytest.raises(ValueError, match="as many taps as the window has, 4; received 3 rows x 2 columns"):
        move_window(win, (0, 2, 4), (0, 2))
