"""Tests of convlib.exercises.feedback: results, hints and solutions as text, HTML and Markdown."""

from __future__ import annotations

import pytest

from convlib import exercises as ex
from convlib.exercises import (
    CheckResult,
)


# --------------------------------------------------------------------------
# CheckResult and its displays
# --------------------------------------------------------------------------
@pytest.mark.parametrize(("status", "prefix"), [("correct", "Correct: "), ("incorrect", "Incorrect: "),
                                                ("not_attempted", "Not attempted: ")])
def test_result_repr_starts_with_status_word(status, prefix):
    """The plain text of a result starts with Correct / Incorrect / Not attempted."""
    assert repr(CheckResult(status, "some text")) == prefix + "some text"


def test_result_rejects_unknown_status():
    """A status outside the three known ones is a ValueError."""
    with pytest.raises(ValueError, match="status must be one of"):
        CheckResult("almost", "text")


def test_result_is_true_only_when_correct():
    """bool(result) is True for correct and False otherwise."""
    assert [bool(CheckResult(s, "m")) for s in ex.STATUSES] == [True, False, False]


def test_result_html_contains_message_escaped():
    """The HTML shows the message, with < and > escaped."""
    page = CheckResult("incorrect", "Y[0,1] should be 8 <not 9>")._repr_html_()
    assert "Y[0,1] should be 8 &lt;not 9&gt;" in page


@pytest.mark.parametrize(("status", "word", "symbol"), [("correct", "Correct", "\u2713"),
                                                        ("incorrect", "Incorrect", "\u2717")])
def test_result_html_has_word_and_symbol(status, word, symbol):
    """Colour is not the only signal: the HTML has the word and a symbol."""
    page = CheckResult(status, "m")._repr_html_()
    assert word in page and symbol in page


def test_result_html_uses_colour_blind_safe_palette():
    """Correct and incorrect use Okabe-Ito blue and vermillion, not green and red."""
    good, bad = CheckResult("correct", "m")._repr_html_(), CheckResult("incorrect", "m")._repr_html_()
    assert "#0072B2" in good and "#D55E00" in bad


def test_result_html_renders_code_block():
    """Lines indented by four spaces become a <pre> block."""
    page = CheckResult("incorrect", "Expected:\n    [[1, 2],\n     [3, 4]]")._repr_html_()
    assert "<pre" in page and "[[1, 2],\n [3, 4]]</pre>" in page


def test_result_markdown_has_label_and_escapes_brackets():
    """The Markdown starts with the bold label and escapes [ ] outside code."""
    text = CheckResult("incorrect", "Y[0,1] should be 8; use `Y[0,1]`.")._repr_markdown_()
    assert text.startswith("**\u2717 Incorrect:**") and "Y\\[0,1\\]" in text and "`Y[0,1]`" in text
