"""Tests of convlib.palette: colours and contrast, shared by figures and HTML grids."""

import matplotlib as mpl
import numpy as np
import pytest

from convlib import palette
from convlib.palette import contrast_ratio, relative_luminance, text_colour


def wcag_luminance(hex_colour):
    """Relative luminance by the WCAG 2.1 formula, written out independently."""
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


@pytest.mark.parametrize("colour", ["#000000", "#ffffff", "#D55E00", "#0072B2", "#777777"])
def test_relative_luminance_matches_the_wcag_formula(colour):
    """Luminance agrees with the WCAG formula computed here."""
    assert relative_luminance(colour) == pytest.approx(wcag_luminance(colour))


def test_text_colour_is_the_one_with_more_contrast_on_every_cividis_colour():
    """On 256 cividis colours, the chosen text colour contrasts at least as much as the other."""
    for rgba in mpl.colormaps[palette.CMAP](np.linspace(0, 1, 256)):
        chosen = text_colour(rgba)
        other = "white" if chosen == "black" else "black"
        assert contrast_ratio(chosen, rgba) >= contrast_ratio(other, rgba) - 1e-9


def test_text_on_cells_is_always_readable():
    """With the chosen colour, every cividis cell reaches at least 4.5:1 (WCAG AA)."""
    worst = min(contrast_ratio(text_colour(c), c) for c in mpl.colormaps["cividis"](np.linspace(0, 1, 256)))
    assert worst >= 4.5


def test_error_box_and_window_colours_are_readable():
    """White text on the error colour reaches 4.5:1; the window frame stands out on white (3:1)."""
    assert contrast_ratio("white", palette.ERROR_COLOUR) >= 4.5
    assert contrast_ratio(palette.WINDOW_COLOUR, "white") >= 3


def test_one_window_colour_everywhere():
    """Figures and HTML grids use the same vermillion."""
    from convlib import html, plot

    assert plot.WINDOW_COLOR == html.WINDOW_COLOUR == palette.WINDOW_COLOUR == palette.OKABE_ITO["vermillion"]
