"""Tests of convlib.plot.matrix."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from convlib import format_number  # noqa: E402
from convlib.plot import (  # noqa: E402
    MatrixArtists,
    plot_matrix,
    update_matrix,
)

X = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]






def texts_of(artists):
    """The strings written in the cells, as a nested list."""
    return [[t.get_text() for t in row] for row in artists.texts]


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
