"""Colours every picture in convlib shares: one home for the palette and for contrast.

Figures (:mod:`convlib.plot`), HTML grids (:mod:`convlib.html`) and widgets
take their colours from here, so a matrix looks the same drawn by matplotlib
or by the browser, and a change of colour is made once.

* Data are coloured with ``CMAP`` ('cividis'), a colour map designed to read
  the same for people with the common colour-vision deficiencies, and
  perceptually uniform.
* Highlights use the Okabe-Ito palette (``OKABE_ITO``), eight colours that
  stay distinct under those deficiencies; the sliding window is drawn in its
  vermillion (``WINDOW_COLOUR``).
* Numbers written on a coloured cell are black or white, whichever has the
  larger WCAG contrast ratio with the cell (:func:`text_colour`).

Examples
--------
>>> text_colour((1.0, 1.0, 0.9)), text_colour((0.0, 0.1, 0.3))
('black', 'white')
>>> round(contrast_ratio("black", "white"), 1)
21.0
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.colors import to_rgba

__all__ = [
    "BLANK_COLOUR",
    "CMAP",
    "ERROR_COLOUR",
    "GRID_COLOUR",
    "LUMINANCE_THRESHOLD",
    "OKABE_ITO",
    "PAD_HATCH_COLOUR",
    "WINDOW_COLOUR",
    "contrast_ratio",
    "relative_luminance",
    "text_colour",
]

#: The colour map for numbers: readable with colour-vision deficiencies.
CMAP = "cividis"

#: Okabe & Ito (2008), "Color Universal Design": distinct for most readers.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}

#: The frame of the kernel's window, wherever it is drawn.
WINDOW_COLOUR = OKABE_ITO["vermillion"]
#: Cells with no value yet (NaN or masked).
BLANK_COLOUR = "#e6e6e6"
#: Lines between cells.
GRID_COLOUR = "white"
#: Hatching of padding cells.
PAD_HATCH_COLOUR = "#777777"
#: Background of error messages shown in a widget (white text on it: contrast 6.6).
ERROR_COLOUR = "#a3330b"

#: Relative luminance above which black text contrasts more than white text
#: (where the WCAG contrast ratios with black and with white are equal).
LUMINANCE_THRESHOLD = math.sqrt(1.05 * 0.05) - 0.05


def relative_luminance(colour) -> np.ndarray:
    """WCAG relative luminance of sRGB colours.

    Parameters
    ----------
    colour : colour name, hex string, or array_like of shape (..., 3) or (..., 4)
        Values in [0, 1].

    Returns
    -------
    float or ndarray of shape (...)
        0 for black, 1 for white.

    Examples
    --------
    >>> float(relative_luminance("white")), float(relative_luminance((0, 0, 0)))
    (1.0, 0.0)
    """
    if isinstance(colour, str):
        colour = to_rgba(colour)
    c = np.asarray(colour, dtype=float)[..., :3]
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return lin @ np.array([0.2126, 0.7152, 0.0722])


def contrast_ratio(a, b) -> float:
    """WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    la, lb = sorted((float(relative_luminance(a)), float(relative_luminance(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour(background) -> str:
    """``'black'`` or ``'white'``: whichever contrasts more with ``background``.

    The name works both as a matplotlib colour and in CSS.
    """
    return "black" if relative_luminance(background) > LUMINANCE_THRESHOLD else "white"
