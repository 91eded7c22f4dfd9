"""Tests of convlib.lessons.lesson05.figures and drawing: what each figure draws, and the widgets' rasters.

References: numpy argmax of the score maps, matplotlib's own cividis table,
and pixels counted by hand.
"""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib import colormaps
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Rectangle

from convlib.lessons.lesson05 import drawing, figures, scenes
from convlib.shapes import SHAPES


def test_plot_templates_titles_and_pictures(ax):
    """One grey picture per template, titled with its kind and size."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 4)
    images = figures.plot_templates(scenes.TEMPLATES, axes)
    assert len(images) == 4
    assert [a.get_title() for a in axes] == [f"{k}\n21×21" for k in SHAPES]
    np.testing.assert_array_equal(images[1].get_array(), scenes.TEMPLATES["square"])


def test_plot_plain_vs_ncc_marks_the_argmax_of_each_map():
    """The best cells reported are the maps' argmaxima; the scene gets two frames, solid and dashed."""
    out = figures.plot_plain_vs_ncc(scenes.BRIGHT_SCENE.image, scenes.TEMPLATES["square"])
    for key, name in (("best_plain", "plain"), ("best_ncc", "ncc")):
        assert out[key] == tuple(int(i) for i in np.unravel_index(out[name].argmax(), out[name].shape))
    import matplotlib.pyplot as plt

    frames = [p for p in plt.gcf().axes[0].patches if isinstance(p, Rectangle)]
    assert sorted(f.get_linestyle() for f in frames) == ["-", "--"]


def test_plot_found_styles_right_marks_false_alarms_and_missed():
    """Right marks solid, false alarms dashed with '?', missed shapes ringed; a report per kind."""
    import matplotlib.pyplot as plt

    s = scenes.FIND_SCENE
    found = {"circle": np.vstack([s.centres_of("circle")[:2], [[60.0, 90.0]]])}
    reports = figures.plot_found(s, found, scenes.TEMPLATES, tolerance=3)
    ax = plt.gca()
    frames = [p for p in ax.patches if isinstance(p, Rectangle)]
    rings = [p for p in ax.patches if isinstance(p, Circle)]
    assert sorted(f.get_linestyle() for f in frames) == ["-", "-", "--"]
    assert len(rings) == 1 and reports["circle"].recall == pytest.approx(2 / 3)
    assert "C?" in [t.get_text() for t in ax.texts] and "missed C" in [t.get_text() for t in ax.texts]


def test_plot_robustness_draws_a_line_per_kind_and_the_threshold():
    """Three panels, four styled lines each, and the threshold line."""
    curves = {k: (np.ones(2), np.ones(3), np.ones(2)) for k in SHAPES}
    axes = figures.plot_robustness((0, 10), (0.8, 1, 1.2), (0, 0.1), curves, threshold=0.85)
    for ax in axes:
        lines = [line for line in ax.get_lines() if isinstance(line, Line2D)]
        assert len(lines) == 5
        styles = {(line.get_marker(), line.get_linestyle()) for line in lines[:4]}
        assert len(styles) == 4      # kinds differ in marker and dash, not only colour


def test_colour_map_is_matplotlibs_cividis():
    """colour_map's colours are matplotlib's cividis at the same positions; NaN is the blank grey."""
    v = np.linspace(-1, 1, 9)
    got = drawing.colour_map(v, -1, 1)
    want = colormaps["cividis"](np.round((v + 1) / 2 * 255).astype(int))[:, :3]
    np.testing.assert_allclose(got, want, atol=1 / 255 * 3)
    blank = drawing.colour_map(np.array([np.nan]), 0, 1)[0].tolist()
    assert blank == pytest.approx([0.902, 0.902, 0.902], abs=1e-3)


def test_draw_frame_counts_and_dashes():
    """A 10 x 12 frame 2 px thick has 2*(10+12)*2 - 16 pixels; dashed has fewer; it is cut at the border."""
    solid = drawing.draw_frame(np.zeros((20, 20, 3)), 2, 3, 10, 12, colour="white", thickness=2)
    assert int(solid[..., 0].sum()) == 2 * 2 * (10 + 12) - 16
    dashed = drawing.draw_frame(np.zeros((20, 20, 3)), 2, 3, 10, 12, colour="white", thickness=2, dashed=True)
    assert 0 < dashed[..., 0].sum() < solid[..., 0].sum()
    cut = drawing.draw_frame(np.zeros((5, 5, 3)), -2, -2, 4, 4, colour="white", thickness=1)
    assert int(cut[..., 0].sum()) == 3


def test_enlarge_and_grey_rgb():
    """Each pixel becomes a block; grey becomes equal R, G and B."""
    X = np.array([[0.0, 0.5]])
    big = drawing.enlarge(drawing.grey_rgb(X), 3)
    assert big.shape == (3, 6, 3) and (big[:, 3:] == 0.5).all() and (big[:, :3] == 0).all()


def test_score_plot_svg_plots_every_value_so_far():
    """The SVG polyline has one point per window scanned; the current window is ringed, the best marked."""
    svg = drawing.score_plot_svg([0.1, -0.5, 0.9], 10, low=-1, high=1, current=2, best=2, row_length=5,
                                 label="NCC").decode()
    points = svg.split('<polyline points="')[1].split('"')[0].split()
    assert len(points) == 3 and svg.count("<circle") == 1 and svg.count("<path") == 1
    assert "window number (row by row), 1 to 10" in svg and ">NCC</text>" in svg
    empty = drawing.score_plot_svg([], 10, low=0, high=1, current=-1, best=None, row_length=5,
                                   label="x").decode()
    assert "<polyline" not in empty
