"""Matplotlib figures of small matrices, convolution steps and photos.

This is the drawing layer of convlib.  It knows about matplotlib and
:mod:`convlib.conv`, and nothing about widgets, notebooks or lessons.  It
follows the conventions of the matplotlib gallery:

* every helper draws into the Axes it is given (``ax=...`` or ``axes=...``)
  and makes a new figure with :func:`matplotlib.pyplot.subplots` only when
  none is given;
* every helper returns the artists it made, so that callers can restyle them
  or update them in place (:func:`update_matrix`, :func:`move_window`,
  :meth:`StepFigure.update`) for fast redraws and animations;
* nothing here calls :func:`matplotlib.pyplot.show` or changes
  :data:`matplotlib.rcParams`.

The package is split by what is drawn:

* :mod:`convlib.plot.matrix`: annotated matrices (:func:`plot_matrix`, :func:`update_matrix`);
* :mod:`convlib.plot.window`: the kernel's window (:func:`draw_window`, :func:`move_window`);
* :mod:`convlib.plot.steps`: whole figures (:func:`plot_convolution`, :func:`plot_step`);
* :mod:`convlib.plot.photos`: pictures (:func:`show_image`, :func:`flashlight`,
  :func:`display_range`, :func:`png_bytes`);
* :mod:`convlib.plot.figure`: a figure shown with a text alternative (:func:`show`).

Colours come from :mod:`convlib.palette`: matrices use the colour-blind-safe
'cividis' colour map, the sliding window is vermillion from the Okabe-Ito
palette, and every number is written in black or white, whichever contrasts
more with its cell.  Sample photos come from :mod:`convlib.data`.
"""

from ..data import sample_image
from ..palette import WINDOW_COLOUR
from ._base import axes_or_new
from .figure import Picture, show
from .matrix import MatrixArtists, plot_matrix, update_matrix
from .photos import FlashlightArtists, display_range, flashlight, png_bytes, show_image
from .steps import StepFigure, plot_convolution, plot_step
from .window import WindowPatches, draw_window, move_window

#: The window's colour, under its earlier name (see :data:`convlib.palette.WINDOW_COLOUR`).
WINDOW_COLOR = WINDOW_COLOUR

__all__ = [
    "WINDOW_COLOR",
    "FlashlightArtists",
    "MatrixArtists",
    "Picture",
    "StepFigure",
    "WindowPatches",
    "axes_or_new",
    "display_range",
    "draw_window",
    "flashlight",
    "move_window",
    "plot_convolution",
    "plot_matrix",
    "plot_step",
    "png_bytes",
    "sample_image",
    "show",
    "show_image",
    "update_matrix",
]
