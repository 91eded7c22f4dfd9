"""Tests of convlib.plot: the matplotlib drawing layer."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import scipy.signal  # noqa: E402
from matplotlib.image import AxesImage  # noqa: E402

from convlib import correlate2d, format_number, trace  # noqa: E402
from convlib.plot import (  # noqa: E402
    WINDOW_COLOR,
    MatrixArtists,
    StepFigure,
    WindowPatches,
    draw_window,
    flashlight,
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


@pytest.fixture(autouse=True)
def close_figures():
    """Close every figure a test made."""
    yield
    plt.close("all")


@pytest.fixture
def ax():
    """A fresh Axes."""
    return plt.subplots()[1]


def texts_of(artists):
    """The strings written in the cells, as a nested list."""
    return [[t.get_text() for t in row] for row in artists.texts]


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
# plot_matrix
# --------------------------------------------------------------------------
def test_plot_matrix_writes_format_number_of_each_value(ax):
    """Each cell shows format_number of its value."""
    m = np.array([[1.0, 0.1111111, -2.5], [6.0, 1e-3, 123456.0]])
    art = plot_matrix(m, ax)
    assert texts_of(art) == [[format_number(v) for v in row] for row in m]


def test_plot_matrix_returns_matrix_artists_on_the_given_axes(ax):
    """The result holds an image and one Text per cell on the Axes given."""
    art = plot_matrix(X, ax)
    assert isinstance(art, MatrixArtists)
    assert art.image in ax.images and art.texts.shape == (3, 3) and art.ax is ax


def test_plot_matrix_makes_a_new_figure_without_ax():
    """Without ax, plot_matrix draws on a new figure."""
    before = plt.get_fignums()
    art = plot_matrix(X)
    assert art.ax.figure.number not in before


def test_plot_matrix_title(ax):
    """The title is set on the Axes and returned."""
    art = plot_matrix(X, ax, title="Input X")
    assert art.title is ax.title and ax.get_title() == "Input X"


def test_plot_matrix_white_text_on_darkest_cividis_cell(ax):
    """The darkest cividis cell gets white text."""
    art = plot_matrix(X, ax, cmap="cividis")
    assert art.texts[0, 0].get_color() == "white"


def test_plot_matrix_black_text_on_lightest_cividis_cell(ax):
    """The lightest cividis cell gets black text."""
    art = plot_matrix(X, ax, cmap="cividis")
    assert art.texts[2, 2].get_color() == "black"


def test_plot_matrix_default_cmap_is_cividis(ax):
    """Matrices are drawn in the colour-blind-safe 'cividis' by default."""
    art = plot_matrix(X, ax)
    assert art.image.get_cmap().name.startswith("cividis")


def test_plot_matrix_nan_cells_are_blank(ax):
    """NaN cells (not yet computed) have no text."""
    art = plot_matrix([[6.0, np.nan], [np.nan, 14.0]], ax)
    assert texts_of(art) == [["6", ""], ["", "14"]]


def test_plot_matrix_mask_blanks_cells(ax):
    """Cells flagged by mask have no text and are masked in the image."""
    art = plot_matrix(X, ax, mask=np.eye(3, dtype=bool))
    assert art.texts[1, 1].get_text() == "" and art.texts[0, 1].get_text() == "2"
    assert np.ma.getmaskarray(art.image.get_array())[1, 1]


def test_plot_matrix_fmt_string(ax):
    """A format spec string formats every cell."""
    art = plot_matrix([[0.5, 2.0]], ax, fmt=".2f")
    assert texts_of(art) == [["0.50", "2.00"]]


def test_plot_matrix_fmt_function(ax):
    """A function formats every cell."""
    art = plot_matrix([[1, 2]], ax, fmt=lambda v: f"<{v}>")
    assert texts_of(art) == [["<1>", "<2>"]]


def test_plot_matrix_show_values_false_hides_texts(ax):
    """show_values=False keeps the Texts but hides them."""
    art = plot_matrix(X, ax, show_values=False)
    assert not any(t.get_visible() for t in art.texts.flat)


def test_plot_matrix_vmin_vmax_set_colour_limits(ax):
    """vmin and vmax fix the colour scale."""
    art = plot_matrix(X, ax, vmin=-10, vmax=10)
    assert art.image.get_clim() == (-10, 10)


def test_plot_matrix_hatch_mask_veils_each_flagged_cell(ax):
    """hatch_mask puts one hatched patch on each flagged cell, at that cell."""
    mask = np.zeros((3, 3), dtype=bool)
    mask[0, :] = True
    art = plot_matrix(X, ax, hatch_mask=mask)
    assert len(art.hatches) == 3 and all(p.get_hatch() for p in art.hatches)
    assert sorted(p.get_xy() for p in art.hatches) == [(-0.5, -0.5), (0.5, -0.5), (1.5, -0.5)]


def test_plot_matrix_hatched_cells_keep_their_numbers(ax):
    """Padding cells still show their values."""
    art = plot_matrix(X, ax, hatch_mask=np.ones((3, 3), dtype=bool))
    assert texts_of(art) == [[str(v) for v in row] for row in X]


def test_plot_matrix_fontsize_shrinks_for_larger_matrices():
    """A 12x12 matrix gets smaller numbers than a 3x3 one on the same Axes size."""
    small = plot_matrix(np.ones((3, 3)), plt.subplots(figsize=(5, 5))[1])
    large = plot_matrix(np.ones((12, 12)), plt.subplots(figsize=(5, 5))[1])
    assert large.texts[0, 0].get_fontsize() < small.texts[0, 0].get_fontsize()


def test_plot_matrix_numbers_readable_up_to_12x12():
    """Numbers of a 12x12 matrix on a 5-inch figure are at least 6 points."""
    art = plot_matrix(np.full((12, 12), -0.25), plt.subplots(figsize=(5, 5))[1])
    assert art.texts[0, 0].get_fontsize() >= 6


def test_plot_matrix_fontsize_argument(ax):
    """An explicit fontsize is used as given."""
    art = plot_matrix(X, ax, fontsize=7)
    assert {t.get_fontsize() for t in art.texts.flat} == {7}


def test_plot_matrix_index_labels(ax):
    """Column indices are written above, row indices on the left."""
    plot_matrix(np.zeros((2, 4)), ax)
    assert list(ax.get_xticks()) == [0, 1, 2, 3] and list(ax.get_yticks()) == [0, 1]
    assert ax.xaxis.get_ticks_position() == "top"


def test_plot_matrix_rejects_3d_array(ax):
    """A 3-D array is refused, naming matrix and the shape received."""
    expected = r"matrix must be a 2-D array; received 3-D input of shape \(2, 2, 2\)"
    with pytest.raises(ValueError, match=expected):
        plot_matrix(np.zeros((2, 2, 2)), ax)


def test_plot_matrix_rejects_text(ax):
    """Strings are not numbers."""
    with pytest.raises(TypeError, match="matrix must contain numbers"):
        plot_matrix([["a", "b"]], ax)


def test_plot_matrix_rejects_unknown_cmap(ax):
    """An unknown colour map name is refused with suggestions."""
    with pytest.raises(ValueError, match="cmap must be the name of a matplotlib colour map.*'nope'"):
        plot_matrix(X, ax, cmap="nope")


def test_plot_matrix_rejects_mask_of_wrong_shape(ax):
    """mask must have the matrix's shape."""
    expected = r"mask must have the matrix's shape \(3, 3\); received shape \(2, 2\)"
    with pytest.raises(ValueError, match=expected):
        plot_matrix(X, ax, mask=np.zeros((2, 2), dtype=bool))


def test_plot_matrix_rejects_non_boolean_hatch_mask(ax):
    """hatch_mask must be boolean."""
    with pytest.raises(TypeError, match="hatch_mask must be a boolean array"):
        plot_matrix(X, ax, hatch_mask=np.zeros((3, 3)))


def test_plot_matrix_rejects_non_axes():
    """ax must be an Axes."""
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes or None; received the string 'left'"):
        plot_matrix(X, "left")


def test_plot_matrix_rejects_bad_fmt_type(ax):
    """fmt must be None, a string or a function."""
    with pytest.raises(TypeError, match="fmt must be None, a format string"):
        plot_matrix(X, ax, fmt=3)


def test_plot_matrix_rejects_vmin_above_vmax(ax):
    """vmin larger than vmax is refused."""
    with pytest.raises(ValueError, match="vmin must not be larger than vmax"):
        plot_matrix(X, ax, vmin=5, vmax=1)


# --------------------------------------------------------------------------
# update_matrix
# --------------------------------------------------------------------------
def test_update_matrix_changes_texts(ax):
    """update_matrix rewrites the numbers."""
    art = plot_matrix([[6.0, np.nan], [np.nan, np.nan]], ax)
    update_matrix(art, [[6, 8], [12, np.nan]])
    assert texts_of(art) == [["6", "8"], ["12", ""]]


def test_update_matrix_changes_image_data(ax):
    """update_matrix puts the new values in the image."""
    art = plot_matrix(np.zeros((2, 2)), ax)
    update_matrix(art, [[1, 2], [3, 4]])
    assert art.image.get_array().tolist() == [[1, 2], [3, 4]]


def test_update_matrix_adds_no_artists(ax):
    """update_matrix changes artists in place instead of adding new ones."""
    art = plot_matrix(np.full((3, 3), np.nan), ax, vmin=0, vmax=9)
    counts = (len(ax.texts), len(ax.images), len(ax.patches), len(ax.collections))
    update_matrix(art, X)
    assert (len(ax.texts), len(ax.images), len(ax.patches), len(ax.collections)) == counts


def test_update_matrix_recolours_texts_for_contrast(ax):
    """A cell turning from dark to light gets black text."""
    art = plot_matrix([[0, 10]], ax)
    update_matrix(art, [[10, 0]])
    assert [t.get_color() for t in art.texts[0]] == ["black", "white"]


def test_update_matrix_keeps_colour_scale_by_default(ax):
    """The colour limits stay as drawn unless rescale=True."""
    art = plot_matrix([[0, 10]], ax)
    update_matrix(art, [[0, 100]])
    assert art.image.get_clim() == (0, 10)


def test_update_matrix_rescale_stretches_colour_scale(ax):
    """rescale=True fits the colour limits to the new values."""
    art = plot_matrix([[0, 10]], ax)
    update_matrix(art, [[-5, 100]], rescale=True)
    assert art.image.get_clim() == (-5, 100)


def test_update_matrix_rejects_other_shape(ax):
    """The new matrix must have the shape drawn."""
    art = plot_matrix(X, ax)
    expected = r"matrix must have the shape of the matrix drawn, \(3, 3\); received shape \(2, 2\)"
    with pytest.raises(ValueError, match=expected):
        update_matrix(art, [[1, 2], [3, 4]])


def test_update_matrix_rejects_non_artists():
    """artists must come from plot_matrix."""
    with pytest.raises(TypeError, match="artists must be the MatrixArtists returned by plot_matrix"):
        update_matrix([1, 2], [[1]])


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


# --------------------------------------------------------------------------
# photos
# --------------------------------------------------------------------------
def test_sample_image_gray_is_2d_float_in_unit_range():
    """The grey picture is a 2-D float64 array in [0, 1]."""
    img = sample_image("grace_hopper", gray=True)
    assert img.ndim == 2 and img.dtype == np.float64
    assert img.min() >= 0 and img.max() <= 1 and img.max() > 0.5


def test_sample_image_colour_is_rgb():
    """The colour picture has shape (H, W, 3), float64 in [0, 1]."""
    img = sample_image("grace_hopper", gray=False)
    assert img.shape == (600, 512, 3) and img.dtype == np.float64
    assert 0 <= img.min() and img.max() <= 1


def test_sample_image_gray_uses_bt601_weights():
    """Grey = 0.299 R + 0.587 G + 0.114 B."""
    rgb = sample_image(gray=False)
    expected = 0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]
    np.testing.assert_allclose(sample_image(gray=True), expected)


@pytest.mark.parametrize("name", ["mri", "terrain"])
def test_sample_image_other_pictures_are_grey_unit_range(name):
    """The other sample pictures load as 2-D floats spanning [0, 1]."""
    img = sample_image(name)
    assert img.ndim == 2 and img.dtype == np.float64 and img.min() == 0 and img.max() == 1


def test_sample_image_returns_a_fresh_copy():
    """Changing the returned array does not change the next one."""
    a = sample_image("mri")
    a[:] = 0
    assert sample_image("mri").max() == 1


def test_sample_image_unknown_name_lists_names():
    """An unknown name is refused with the list of available pictures."""
    with pytest.raises(ValueError, match="'grace_hopper'.*'mri'.*'terrain'.*received the string 'lena'"):
        sample_image("lena")


def test_show_image_axis_off_and_returns_image(ax):
    """show_image returns the AxesImage and hides the axis."""
    im = show_image(sample_image("mri"), ax, title="MRI")
    assert isinstance(im, AxesImage) and not ax.axison and ax.get_title() == "MRI"


def test_show_image_gray_colour_map(ax):
    """Grey pictures use the 'gray' colour map by default."""
    assert show_image(np.eye(3), ax).get_cmap().name == "gray"


def test_show_image_uint8_grey_uses_full_byte_range(ax):
    """A dark uint8 picture stays dark: limits 0 and 255."""
    im = show_image(np.full((4, 4), 10, dtype=np.uint8), ax)
    assert im.get_clim() == (0, 255)


def test_show_image_float_unit_range_kept(ax):
    """Floats within [0, 1] are shown on the 0-1 scale."""
    im = show_image(np.full((4, 4), 0.2), ax)
    assert im.get_clim() == (0, 1)


def test_show_image_stretches_filter_output(ax):
    """Values outside [0, 1] (e.g. edge filters) are stretched from min to max."""
    im = show_image(np.array([[-3.0, 0.0], [1.0, 5.0]]), ax)
    assert im.get_clim() == (-3, 5)


def test_show_image_rgb_out_of_range_normalised(ax):
    """RGB floats outside [0, 1] are scaled into [0, 1]."""
    im = show_image(np.linspace(-1, 3, 12).reshape(2, 2, 3), ax)
    data = np.asarray(im.get_array())
    assert data.min() == 0 and data.max() == 1


def test_show_image_rgb_uint8(ax):
    """uint8 RGB is divided by 255."""
    im = show_image(np.full((2, 2, 3), 255, dtype=np.uint8), ax)
    assert np.asarray(im.get_array()).max() == 1


def test_show_image_rejects_two_channels(ax):
    """Only grey (H, W) and RGB (H, W, 3) are accepted."""
    expected = r"image must be grey, shape \(H, W\), or RGB, shape \(H, W, 3\); received shape \(4, 4, 2\)"
    with pytest.raises(ValueError, match=expected):
        show_image(np.zeros((4, 4, 2)), ax)


def test_show_image_rejects_1d(ax):
    """A 1-D array is not a picture."""
    with pytest.raises(ValueError, match="image must be a 2-D or 3-D array; received 1-D input"):
        show_image(np.zeros(4), ax)


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


def test_correlate2d_agrees_with_plot_convolution_default():
    """plot_convolution computes Y with convlib.correlate2d in 'valid' mode."""
    x = np.arange(20).reshape(4, 5)
    _, art = plot_convolution(x, K)
    assert texts_of(art["output"]) == [[format_number(v) for v in row] for row in correlate2d(x, K)]


def test_flashlight_lights_only_the_windows():
    """Inside each lit square the photo is unchanged; outside it is dimmed by `dim`."""
    photo = np.linspace(0.0, 1.0, 40 * 50).reshape(40, 50)
    art = flashlight(photo, 10, [(5, 5), (5, 30)], dim=0.25)
    shown = np.asarray(art.image.get_array())
    assert np.allclose(shown[5:15, 5:15], photo[5:15, 5:15])
    assert np.allclose(shown[30:, :], photo[30:, :] * 0.25)
    assert [t.get_text() for t in art.labels] == ["1", "2"]
    plt.close(art.image.figure)


def test_flashlight_rejects_a_square_outside_the_picture():
    """A position that would put the square outside the image is named in the error."""
    with pytest.raises(ValueError, match=r"positions\[1\] must keep a 10x10 square inside the 40x50 image"):
        flashlight(np.zeros((40, 50)), 10, [(0, 0), (35, 0)])


def test_display_range_clips_brightness_keeping_filters():
    """A blur's output is clipped to [0, 1]."""
    from convlib.plot import display_range

    out = display_range(np.array([[-0.2, 0.4], [1.7, 1.0]]), np.full((3, 3), 1 / 9))
    assert out.tolist() == [[0.0, 0.4], [1.0, 1.0]]


def test_display_range_shows_edge_response_size():
    """An edge filter's output is shown as |response|, scaled to the 99.5th percentile."""
    from convlib.plot import display_range

    v = np.linspace(-1, 1, 201)
    out = display_range(v, [[1, 0, -1]])
    assert np.allclose(out, np.clip(np.abs(v) / np.percentile(np.abs(v), 99.5), 0, 1))


def test_png_bytes_round_trips():
    """png_bytes writes a PNG whose pixels are the picture scaled to 0..255."""
    from io import BytesIO

    from PIL import Image

    from convlib.plot import png_bytes

    img = np.array([[0.0, 0.5], [1.0, 0.25]])
    back = np.asarray(Image.open(BytesIO(png_bytes(img))))
    assert back.tolist() == [[0, 128], [255, 64]]
