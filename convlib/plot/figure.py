"""Show a figure with a text alternative: what ``plt.show()`` does, readable by a screen reader.

JupyterLab draws matplotlib's inline figures as bare ``<img>`` elements with
no alternative text, so a screen reader announces "image" and nothing else.
:func:`show` draws the current figure (or the one given) once, as PNG, and
displays it as an ``<img>`` whose ``alt`` says what the figure shows; its
plain-text form is that description.  The figure is then closed, so the
inline backend does not show it a second time.

A lesson cell ends with it where it would call ``plt.show()``::

    plot.plot_convolution(X, K)
    plot.show("The input X, the kernel K and the output Y, each cell with its value.")
"""

from __future__ import annotations

import base64
import html
import sys
from io import BytesIO

from matplotlib.figure import Figure

from .._validate import as_text, describe

__all__ = ["Picture", "show"]


class Picture:
    """A drawn figure and its text alternative, displayable in a notebook.

    Parameters
    ----------
    png : bytes
        The picture, PNG encoded.
    alt : str
        What the picture shows, in words (its ``alt`` text).
    width : int, optional
        Width on screen in CSS pixels; by default the PNG's own width.

    Notes
    -----
    Jupyter shows the ``text/html`` form: an ``<img>`` with the PNG inlined
    and ``alt`` set.  Plain-text contexts (a terminal, nbval) show ``alt``.

    Examples
    --------
    >>> pic = Picture(b"\\x89PNG...", "A 3x3 grid of numbers.")
    >>> pic
    [figure] A 3x3 grid of numbers.
    >>> 'alt="A 3x3 grid of numbers."' in pic._repr_html_()
    True
    """

    def __init__(self, png: bytes, alt: str, width: int | None = None):
        self.png = png
        self.alt = alt
        self.width = width

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        size = f' width="{int(self.width)}"' if self.width else ""
        return (f'<img class="convlib-figure" src="data:image/png;base64,{data}"{size} '
                f'alt="{html.escape(self.alt, quote=True)}" style="max-width:100%;height:auto">')

    def __repr__(self) -> str:
        return f"[figure] {self.alt}"


def show(alt: str, fig: Figure | None = None, *, dpi: float | None = None) -> Picture:
    """Draw a figure as PNG and return it with its text alternative; close the figure.

    Parameters
    ----------
    alt : str
        What the figure shows, for readers who cannot see it: the data and
        the point of the figure, in one or two sentences.
    fig : matplotlib.figure.Figure, optional
        By default the current pyplot figure.
    dpi : float, optional
        Resolution; by default the figure's own (as the inline backend).

    Returns
    -------
    Picture
        Displayed by Jupyter as an image with ``alt`` text.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(2, 1))
    >>> _ = ax.plot([0, 1], [0, 1])
    >>> pic = show("A rising line.", fig)
    >>> pic.png[1:4], pic.alt, plt.fignum_exists(fig.number)
    (b'PNG', 'A rising line.', False)
    """
    alt = as_text(alt, "alt")
    if not alt.strip():
        msg = "alt must say what the figure shows, in words; received an empty string"
        raise ValueError(msg)
    plt = sys.modules.get("matplotlib.pyplot")
    if fig is None:
        if plt is None or not plt.get_fignums():
            msg = "there is no figure to show: draw one first (or pass fig=...)"
            raise ValueError(msg)
        fig = plt.gcf()
    if not isinstance(fig, Figure):
        msg = f"fig must be a matplotlib Figure or None; received {describe(fig)}"
        raise TypeError(msg)
    buf = BytesIO()
    fig.savefig(buf, format="png", dpi=dpi or fig.dpi, bbox_inches="tight")
    if plt is not None:
        plt.close(fig)
    return Picture(buf.getvalue(), alt.strip())
