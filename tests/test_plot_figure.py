"""Tests of convlib.plot.figure: figures shown with a text alternative."""

import base64
import re
from io import BytesIO

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from convlib.plot import Picture, plot_matrix, show  # noqa: E402


def test_show_draws_the_current_figure_and_closes_it():
    """show() takes pyplot's current figure, returns its PNG and closes it."""
    plot_matrix([[1, 2], [3, 4]])
    fig = plt.gcf()
    pic = show("A 2x2 matrix.")
    assert isinstance(pic, Picture) and not plt.fignum_exists(fig.number)
    image = Image.open(BytesIO(pic.png))
    assert image.format == "PNG" and image.size[0] > 50


def test_html_has_the_alt_text_and_the_png():
    """The HTML form is an <img> with the PNG inlined and the description as alt."""
    fig, ax = plt.subplots(figsize=(1, 1))
    ax.imshow(np.eye(3))
    pic = show('Three "ones" on a diagonal & zeros elsewhere.', fig)
    page = pic._repr_html_()
    assert 'alt="Three &quot;ones&quot; on a diagonal &amp; zeros elsewhere."' in page
    src = re.search(r'src="data:image/png;base64,([^"]+)"', page).group(1)
    assert base64.b64decode(src) == pic.png


def test_text_form_is_the_description():
    """Where no picture can be shown, the description is."""
    fig, _ = plt.subplots()
    assert repr(show("An empty plot.", fig)) == "[figure] An empty plot."


@pytest.mark.parametrize(("alt", "error", "match"), [
    ("", ValueError, "alt must say what the figure shows"),
    ("   ", ValueError, "alt must say what the figure shows"),
    (None, TypeError, "alt must be a string; received None"),
])
def test_alt_text_is_required(alt, error, match):
    """A figure cannot be shown without words for it."""
    fig, _ = plt.subplots()
    with pytest.raises(error, match=match):
        show(alt, fig)


def test_no_figure_to_show_is_explained():
    """With no figure open, the message says to draw one first."""
    plt.close("all")
    with pytest.raises(ValueError, match="there is no figure to show"):
        show("Nothing.")


def test_fig_must_be_a_figure():
    """Something other than a Figure is refused naming fig."""
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure or None; received int 3"):
        show("x", 3)
