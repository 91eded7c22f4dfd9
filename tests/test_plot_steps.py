"""Tests of convlib.plot.steps."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import scipy.signal  # noqa: E402

from convlib import correlate2d, format_number, trace  # noqa: E402
from convlib.plot import (  # noqa: E402
    StepFigure,
    plot_convolution,
    plot_step,
)

X = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
K = [[0, 1], [1, 0]]






def texts_of(artists):
    """The strings written in the cells, as a nested list."""
    return [[t.get_text() for t in row] for row in artists.texts]




def frame_cells(patches):
    """Rows and columns a window frame spans, as ((r0, r1), (c0, c1))."""
    f = patches.frame
    x, y = f.get_xy()
    return ((y + 0.5, y + 0.5 + f.get_height() - 1), (x + 0.5, x + 0.5 + f.get_width() - 1))


# --------------------------------------------------------------------------
# plot_convolution
# --------------------------------------------------------------------------
def test_plot_convolution_output_matches_scipy():
    """The output panel shows scipy's correlate2d result for the article example."""
    _, art = plot_convolution(X, K)
    expected = scipy.signal.correlate2d(X, K, mode="valid")
    assert texts_of(art["output"]) == [[format_number(v) for v in row] for row in expected]


def test_plot_convolution_shows_input_and_kernel():
    """The input and kernel panels show X and K."""
    _, art = plot_convolution(X, K)
    assert texts_of(art["input"]) == [[str(v) for v in row] for row in X]
    assert texts_of(art["kernel"]) == [[str(v) for v in row] for row in K]


def test_plot_convolution_titles():
    """The three panels carry the titles given."""
    _, art = plot_convolution(X, K, titles=("A", "B", "C"))
    assert [art[k].title.get_text() for k in ("input", "kernel", "output")] == ["A", "B", "C"]


def test_plot_convolution_uses_given_output():
    """An explicit Y is drawn instead of the computed one."""
    _, art = plot_convolution(X, K, [[1, 2, 3]])
    assert texts_of(art["output"]) == [["1", "2", "3"]]


def test_plot_convolution_equal_cell_sizes():
    """In a new figure the cells of all three panels are the same size."""
    fig, art = plot_convolution(X, K)
    widths = [a.ax.get_position().width * fig.get_figwidth() / a.shape[1] for a in art.values()]
    assert widths == pytest.approx([widths[0]] * 3)


def test_plot_convolution_draws_on_given_axes():
    """Given axes are used, and their figure returned."""
    fig, axes = plt.subplots(1, 3)
    got, art = plot_convolution(X, K, axes=axes)
    assert got is fig and [a.ax for a in art.values()] == list(axes)


def test_plot_convolution_rejects_two_axes():
    """axes must be three Axes."""
    _, axes = plt.subplots(1, 2)
    with pytest.raises(TypeError, match="axes must be 3 matplotlib Axes or None"):
        plot_convolution(X, K, axes=axes)


def test_plot_convolution_rejects_1d_kernel():
    """K must be 2-D."""
    with pytest.raises(ValueError, match="K must be a 2-D array; received 1-D input"):
        plot_convolution(X, [1, 0])


# --------------------------------------------------------------------------
# plot_step
# --------------------------------------------------------------------------
@pytest.fixture
def same_trace():
    """A 5x5 input with a 3x3 kernel in mode 'same' (one ring of padding)."""
    return trace(np.arange(1, 26).reshape(5, 5), [[1, 0, -1], [2, 0, -2], [1, 0, -1]], mode="same")


def test_plot_step_returns_step_figure(same_trace):
    """plot_step returns a StepFigure on a new figure."""
    sf = plot_step(same_trace, 1)
    assert isinstance(sf, StepFigure) and sf.k == 1 and len(sf.fig.axes) == 3


def test_plot_step_window_frames_step_cells(same_trace):
    """The input frame spans the rows and columns of the step."""
    sf = plot_step(same_trace, 7)
    s = same_trace.steps[7]
    assert frame_cells(sf.window) == ((s.rows[0], s.rows[-1]), (s.cols[0], s.cols[-1]))


def test_plot_step_update_matches_every_step(same_trace):
    """After update(k), frames and equation match trace.steps[k], for every k."""
    sf = plot_step(same_trace, 0)
    for s in same_trace.steps:
        sf.update(s.index)
        assert frame_cells(sf.window) == ((s.rows[0], s.rows[-1]), (s.cols[0], s.cols[-1]))
        assert frame_cells(sf.cell) == ((s.out_index[0],) * 2, (s.out_index[1],) * 2)
        assert sf.equation.get_text().replace("\n", " ") == s.equation()


def test_plot_step_equation_text(same_trace):
    """The figure shows the step's equation."""
    sf = plot_step(same_trace, 1)
    assert sf.equation.get_text().replace("\n", " ") == same_trace.steps[1].equation()


def test_plot_step_wraps_long_equation_after_plus_signs():
    """A 5x5 kernel's equation is broken into lines that end with '+'."""
    t = trace(np.arange(36).reshape(6, 6) / 7, np.full((5, 5), 0.04), mode="same")
    lines = plot_step(t, 8).equation.get_text().split("\n")
    assert len(lines) > 1 and all(line.endswith(" +") for line in lines[:-1])


def test_plot_step_panels_share_font_size(same_trace):
    """Numbers have the same size in the input, kernel and output panels."""
    sf = plot_step(same_trace, 0)
    assert len({t.get_fontsize() for a in (sf.input, sf.kernel, sf.output) for t in a.texts.flat}) == 1


def test_plot_step_output_filled_until_k(same_trace):
    """The output shows the cells up to step k and blanks after."""
    sf = plot_step(same_trace, 0)
    sf.update(6)
    flat = [t.get_text() for t in sf.output.texts.flat]
    expected = [format_number(v) for v in same_trace.output.flat[:7]]
    assert flat[:7] == expected and set(flat[7:]) == {""}


def test_plot_step_update_goes_backwards(same_trace):
    """Updating to an earlier step blanks the later cells again."""
    sf = plot_step(same_trace, 20)
    sf.update(2)
    assert sf.output.texts.flat[3].get_text() == "" and sf.k == 2


def test_plot_step_update_adds_no_artists(same_trace):
    """update(k) moves and rewrites artists instead of adding new ones."""
    sf = plot_step(same_trace, 0)
    counts = [(len(a.texts), len(a.patches), len(a.images)) for a in sf.fig.axes]
    n_fig_texts = len(sf.fig.texts)
    sf.update(12)
    assert [(len(a.texts), len(a.patches), len(a.images)) for a in sf.fig.axes] == counts
    assert len(sf.fig.texts) == n_fig_texts


def test_plot_step_update_returns_changed_artists(same_trace):
    """update returns the frame, output image and equation it changed."""
    sf = plot_step(same_trace, 0)
    changed = sf.update(3)
    assert sf.window.frame in changed and sf.output.image in changed and sf.equation in changed


def test_plot_step_hatches_padding(same_trace):
    """The padded input hatches exactly the padding cells."""
    sf = plot_step(same_trace, 0)
    assert len(sf.input.hatches) == int(same_trace.is_padding().sum()) == 24


def test_plot_step_output_colour_scale_is_final_range(same_trace):
    """The output colours use the final output's range, so they do not shift between steps."""
    sf = plot_step(same_trace, 0)
    out = same_trace.output
    assert sf.output.image.get_clim() == (out.min(), out.max())


def test_plot_step_kernel_flipped_for_convolution():
    """For true convolution the kernel panel shows the flipped kernel."""
    t = trace(X, [[1, 2], [3, 4]], flip=True)
    sf = plot_step(t, 0)
    assert texts_of(sf.kernel) == [["4", "3"], ["2", "1"]] and "flipped" in sf.kernel.title.get_text()


def test_plot_step_dilated_marks_taps():
    """With dilation the window marks each tap."""
    t = trace(np.arange(25).reshape(5, 5), np.ones((2, 2)), dilation=2)
    sf = plot_step(t, 0)
    assert len(sf.window.taps) == 4


def test_plot_step_rejects_step_out_of_range(same_trace):
    """k beyond the last step is refused, with the valid range."""
    with pytest.raises(ValueError, match="k must be a step index from 0 to 24; received 25"):
        plot_step(same_trace, 25)


def test_plot_step_update_rejects_non_integer(same_trace):
    """update needs an integer step."""
    sf = plot_step(same_trace, 0)
    with pytest.raises(TypeError, match="k must be an integer step index; received float 1.5"):
        sf.update(1.5)


def test_plot_step_rejects_non_trace():
    """plot_step needs a Trace."""
    with pytest.raises(TypeError, match="trace must be the Trace returned by convlib.trace"):
        plot_step(np.zeros((3, 3)), 0)


def test_correlate2d_agrees_with_plot_convolution_default():
    """plot_convolution computes Y with convlib.correlate2d in 'valid' mode."""
    x = np.arange(20).reshape(4, 5)
    _, art = plot_convolution(x, K)
    assert texts_of(art["output"]) == [[format_number(v) for v in row] for row in correlate2d(x, K)]
