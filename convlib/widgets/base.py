"""What every convlib widget shares: the style sheet, an error area, and callbacks that show their errors.

A lesson's own widget subclasses :class:`ConvlibWidget` and decorates its
callbacks with :func:`shows_errors`: a ``ValueError`` or ``TypeError``
raised while reacting to a control (a bad setting, a kernel the learner
typed) is then shown inside the widget, in words, and the last good picture
is greyed out until the next good setting; nothing is lost in a log.
"""

from __future__ import annotations

import functools
import html
import re
import traceback
from typing import NamedTuple

import ipywidgets as w
from traitlets import Unicode

from ..html import CSS

__all__ = ["NEEDS_KERNEL", "WORKS_IN_PAGE", "SLIDER_NAMES_JS", "ConvlibWidget", "PlayControls", "TitledImage", "play_controls",
           "shows_errors"]

#: CSS class of a widget (or a part of one) that does nothing without a live
#: Python kernel: in a page exported with its widget state, such as the
#: course's static website (``tools/build_site.py``), it shows the state it
#: was left in, and the site puts a note next to it.
NEEDS_KERNEL = "convlib-needs-kernel"
#: The CSS class of a widget whose controls work in the page with no kernel
#: (``works_without_kernel``), kept even when one of its parts needs a kernel.
WORKS_IN_PAGE = "convlib-works-in-page"


def shows_errors(method):
    """Decorate a widget callback: any error it raises is shown in the widget, not lost.

    ``ValueError`` and ``TypeError`` (bad input, with convlib's messages)
    are shown as they are; anything else, which would be a bug, is shown
    with its type and a short traceback.
    """

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (ValueError, TypeError) as exc:
            self.show_error(str(exc))
        except Exception as exc:  # pragma: no cover - unexpected bugs still surface
            self.show_error(f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}")
        return None

    return wrapper


#: Names every ipywidgets slider handle (``role=slider``, which has no name:
#: ipywidgets 8.1 offers no way to set its aria-label) after the slider's
#: visible label.  Idempotent: installs one MutationObserver per page, which
#: names sliders that appear later.
SLIDER_NAMES_JS = """
(() => {
  if (window.__convlibSliderNames) { window.__convlibSliderNames.run(); return; }
  const name = (handle) => {
    const slider = handle.closest('.widget-slider');
    const label = slider && slider.querySelector(':scope > .widget-label');
    const text = label ? label.textContent.trim() : '';
    if (text && handle.getAttribute('aria-label') !== text) handle.setAttribute('aria-label', text);
  };
  const run = () => document.querySelectorAll(
    '.widget-slider .noUi-handle[role=slider]:not([aria-label])').forEach(name);
  let queued = false;
  const obs = new MutationObserver((records) => {
    if (queued) return;
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType === 1
          && (n.matches('.noUi-handle, .widget-slider') || n.querySelector('.noUi-handle'))) {
        queued = true;
        requestAnimationFrame(() => { queued = false; run(); });
        return;
      }
    }
  });
  obs.observe(document.body, {childList: true, subtree: true});
  window.__convlibSliderNames = {run, obs};
  run();
})();
"""


class ConvlibWidget(w.VBox):
    """A box with convlib's style sheet on top and an error area at the bottom.

    Parameters
    ----------
    children : sequence of ipywidgets.Widget
        What the widget shows, between the style sheet and the error area.
    **kwargs
        Passed to :class:`ipywidgets.VBox` (``layout=...``).

    Attributes
    ----------
    error_title : str
        The first words of every error message; a subclass sets its own,
        such as "Cannot show this convolution."

    Examples
    --------
    >>> box = ConvlibWidget([w.Label("hello")])
    >>> box.show_error("padding must be an integer >= 0; received -1")
    >>> box.error
    'Cannot show this. padding must be an integer >= 0; received -1'
    >>> box.clear_error(); box.error
    ''
    """

    error_title = "Cannot show this."

    #: True for a widget whose controls work in the page alone (linked in the
    #: browser, as StepThrough's slider is); every other widget gets the CSS
    #: class :data:`NEEDS_KERNEL`, so a static page can say it needs Python.
    works_without_kernel = False

    #: The script displayed after the widget (see :meth:`_ipython_display_`).
    page_js = SLIDER_NAMES_JS

    def _ipython_display_(self):
        """Display the widget, then a small script that gives its sliders accessible names.

        ipywidgets 8.1's slider handles (``role=slider``) have no accessible
        name and no way to set one from Python; the script
        (:data:`SLIDER_NAMES_JS`) names each after its visible label.  A
        subclass may add its own page script to :attr:`page_js`.
        """
        from IPython.display import Javascript, display

        display(self._repr_mimebundle_(), raw=True)
        display(Javascript(self.page_js))

    def __init__(self, children=(), **kwargs):
        self._error = w.HTML().add_class("convlib-error")
        super().__init__([w.HTML(CSS), *children, self._error], **kwargs)
        # Its name, for a static page to say which widget needs a kernel.
        self.add_class(f"convlib-widget-{type(self).__name__}")
        # A widget that works in the page alone says so too: a static page's
        # checks then need no list of such widgets by name (StepThrough and
        # its subclasses).
        self.add_class(WORKS_IN_PAGE if self.works_without_kernel else NEEDS_KERNEL)

    def show_error(self, message: str) -> None:
        """Show ``message`` in the error area and grey out the last good picture."""
        self.add_class("convlib-stale")
        self._error.value = (f'<div class="convlib-error-box" role="alert"><b>{html.escape(self.error_title)}</b> '
                             f"{html.escape(message)}</div>")

    def clear_error(self) -> None:
        """Remove the message, if any, and show the picture at full strength again."""
        self._error.value = ""
        self.remove_class("convlib-stale")

    @property
    def error(self) -> str:
        """The message shown in the widget, as plain text ('' when none)."""
        return html.unescape(re.sub(r"<[^>]+>", "", self._error.value)).strip()


class TitledImage(w.Image):
    """An ipywidgets ``Image`` whose ``tooltip`` works: it becomes the picture's title and accessible name.

    In ipywidgets 8.1 the browser side shows a widget's ``tooltip`` only if
    its ``description`` is empty, and reads ``description.length`` to find
    out; ``Image`` has no ``description``, so an ``Image`` given a tooltip
    fails to display ("Cannot read properties of undefined (reading
    'length')"; jupyter-widgets/ipywidgets pull request 3921).  This
    subclass adds an empty, synced ``description``.
    """

    description = Unicode("", help="Always empty: lets the tooltip show.").tag(sync=True)


class PlayControls(NamedTuple):
    """What :func:`play_controls` made: the hidden timer, the visible button and their link."""

    play: w.Play
    button: w.ToggleButton
    link: object


def play_controls(slider, *, interval: int = 800, step: int = 1,
                  tooltip: str = "Play the steps one after another") -> PlayControls:
    """A "Play"/"Pause" button with words that moves ``slider`` in the page, with no round trip to Python.

    ipywidgets' ``Play`` runs its timer in the browser, but its buttons are
    bare icons with no accessible name.  It is kept, hidden, as the timer:
    its value is linked to the slider, and its ``playing`` state to a
    ``ToggleButton`` that says "Play" (and "Pause" while playing), in the
    page (``jslink``).  The caller keeps ``play.max`` (and ``play.step``) in
    step with the slider and puts ``button`` where the controls are.

    Examples
    --------
    >>> s = w.IntSlider(value=1, min=1, max=9, description="Step")
    >>> pc = play_controls(s, interval=500)
    >>> pc.play.layout.display, pc.button.description
    ('none', 'Play')
    >>> pc.play.playing = True; pc.button.description
    'Pause'
    """
    play = w.Play(value=slider.value, min=slider.min, max=slider.max, step=step, interval=interval,
                  description="Play", show_repeat=False, layout=w.Layout(display="none"))
    w.jslink((play, "value"), (slider, "value"))
    button = w.ToggleButton(value=False, description="Play", icon="play", tooltip=tooltip,
                            layout=w.Layout(width="auto"))
    button.add_class("convlib-play")
    link = w.jslink((button, "value"), (play, "playing"))

    def on_playing(change):
        playing = bool(change["new"])
        button.description = "Pause" if playing else "Play"
        button.icon = "pause" if playing else "play"
        button.tooltip = "Pause" if playing else tooltip

    play.observe(on_playing, names="playing")
    return PlayControls(play, button, link)
