"""Tests of convlib.widgets.base: the error area every widget shares."""

import ipywidgets as w

from convlib.widgets import ConvlibWidget, shows_errors


class Doubler(ConvlibWidget):
    """A tiny widget: a text box whose number is doubled into a label."""

    error_title = "Cannot double this."

    def __init__(self):
        self.box = w.Text("2")
        self.out = w.Label()
        super().__init__([self.box, self.out])
        self.box.observe(self._on_text, names="value")
        self._on_text()

    @shows_errors
    def _on_text(self, change=None):
        text = self.box.value
        if not text.strip().lstrip("-").isdigit():
            msg = f"the box must hold a whole number; received {text!r}"
            raise ValueError(msg)
        self.out.value = str(2 * int(text))
        self.clear_error()


def test_children_are_style_then_content_then_error_area():
    """The style sheet comes first and the error area last."""
    d = Doubler()
    assert "<style>" in d.children[0].value and d.children[-1] is d._error
    assert d.children[1:-1] == (d.box, d.out)


def test_error_in_a_callback_is_shown_not_raised():
    """A ValueError in a decorated callback becomes the widget's message."""
    d = Doubler()
    d.box.value = "two"
    assert d.error == "Cannot double this. the box must hold a whole number; received 'two'"
    assert 'role="alert"' in d._error.value and "convlib-stale" in d._dom_classes


def test_a_good_value_clears_the_error():
    """The next good value removes the message and the grey veil."""
    d = Doubler()
    d.box.value = "x"
    d.box.value = "21"
    assert d.out.value == "42" and d.error == "" and "convlib-stale" not in d._dom_classes


def test_message_is_escaped():
    """HTML in a message is shown as text, never run."""
    d = Doubler()
    d.box.value = "<img src=x onerror=alert(1)>"
    assert "<img" not in d._error.value and "&lt;img" in d._error.value


def test_titled_image_has_an_empty_synced_description_and_keeps_its_tooltip():
    """TitledImage syncs description='' so the browser shows its tooltip (ipywidgets 8.1 needs it)."""
    from convlib.widgets import TitledImage

    img = TitledImage(format="png", tooltip="A photo")
    state = img.get_state()
    assert state["description"] == "" and state["tooltip"] == "A photo"


def test_every_picture_of_the_photo_filter_has_a_name():
    """PhotoFilter's two pictures have tooltips (their accessible names), the filtered one naming the kernel."""
    import numpy as np

    from convlib.widgets import PhotoFilter

    pf = PhotoFilter(np.ones((8, 8)), kernel="sharpen")
    assert pf._original.tooltip and "'sharpen'" in pf._filtered.tooltip


def test_a_widget_needs_a_kernel_unless_it_says_otherwise():
    """Every convlib widget is marked as needing Python, and named, so a static page can say so."""
    from convlib.widgets import NEEDS_KERNEL, WORKS_IN_PAGE

    d = Doubler()
    assert NEEDS_KERNEL == "convlib-needs-kernel"
    assert NEEDS_KERNEL in d._dom_classes and "convlib-widget-Doubler" in d._dom_classes

    class Linked(Doubler):
        """A widget whose controls are linked in the browser."""

        works_without_kernel = True

    d = Linked()
    assert NEEDS_KERNEL not in d._dom_classes and "convlib-widget-Linked" in d._dom_classes
    assert WORKS_IN_PAGE in d._dom_classes and WORKS_IN_PAGE not in Doubler()._dom_classes


def test_display_adds_the_widgets_page_script(monkeypatch):
    """Displaying a widget displays its page_js after it (by default the script naming sliders)."""
    import IPython.display

    from convlib.widgets import SLIDER_NAMES_JS

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.extend(objs))
    Doubler()._ipython_display_()
    assert isinstance(shown[1], IPython.display.Javascript) and shown[1].data == SLIDER_NAMES_JS
