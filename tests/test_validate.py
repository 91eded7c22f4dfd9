"""Tests of convlib._validate: the one home of input checks and their messages."""

import math

import numpy as np
import pytest

from convlib._validate import as_bool, as_choice, as_int, as_real, as_shape, as_text


@pytest.mark.parametrize("value", [3, np.int64(3), np.uint8(3)])
def test_as_int_accepts_python_and_numpy_integers(value):
    """Integers of any kind come back as a Python int."""
    out = as_int(value, "size", 1)
    assert out == 3 and type(out) is int


@pytest.mark.parametrize(("value", "shown"), [(True, "the boolean True"), (2.0, "float 2.0"),
                                              ("2", "the string '2'"), (None, "None")])
def test_as_int_refuses_other_types_with_type_error(value, shown):
    """Booleans, floats, text and None are a TypeError naming what came."""
    with pytest.raises(TypeError, match=rf"^stride must be an integer >= 1; received {shown}$"):
        as_int(value, "stride", 1)


@pytest.mark.parametrize(("kwargs", "value", "want"), [
    ({"minimum": 1}, 0, "an integer >= 1"),
    ({"maximum": 5}, 6, "an integer <= 5"),
    ({"minimum": 1, "maximum": 5}, 9, "an integer from 1 to 5"),
    ({"minimum": 1, "odd": True}, 4, "an odd integer >= 1"),
])
def test_as_int_out_of_range_is_a_value_error_saying_the_range(kwargs, value, want):
    """A value outside the range is a ValueError that states the range and the value."""
    with pytest.raises(ValueError, match=rf"^n must be {want}; received {value}$"):
        as_int(value, "n", **kwargs)


def test_as_int_what_explains_the_parameter():
    """`what` adds the meaning of the parameter in brackets."""
    with pytest.raises(ValueError, match=r"^k must be an integer >= -1 \(a step index\); received -2$"):
        as_int(-2, "k", -1, what="a step index")


@pytest.mark.parametrize("value", [2, 2.5, np.float32(2.5), np.int8(2)])
def test_as_real_accepts_numbers(value):
    """Integers and floats, numpy ones too, become a Python float."""
    out = as_real(value, "sigma", low=0, low_open=True)
    assert out == float(value) and type(out) is float


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_as_real_refuses_non_finite(value):
    """NaN and infinities are refused."""
    with pytest.raises(ValueError, match=r"^vmin must be a finite number; received"):
        as_real(value, "vmin")


def test_as_real_open_and_closed_bounds():
    """`low` is included unless low_open; `high` is included."""
    assert as_real(0, "dim", low=0, high=1) == 0.0 and as_real(1, "dim", low=0, high=1) == 1.0
    with pytest.raises(ValueError, match=r"^fps must be a number > 0 and <= 50; received 0$"):
        as_real(0, "fps", low=0, low_open=True, high=50)


def test_as_real_none_only_when_allowed():
    """None passes through with allow_none, and is a TypeError otherwise."""
    assert as_real(None, "vmax", allow_none=True) is None
    with pytest.raises(TypeError, match=r"^vmax must be a finite number; received None$"):
        as_real(None, "vmax")


def test_as_real_refuses_booleans():
    """True is not a number here."""
    with pytest.raises(TypeError, match=r"^dim must be a number >= 0; received the boolean True$"):
        as_real(True, "dim", low=0)


def test_as_bool():
    """Booleans pass (numpy's too); 0 and 1 do not."""
    assert as_bool(np.bool_(True), "flip") is True
    with pytest.raises(TypeError, match=r"^flip must be True or False; received int 0$"):
        as_bool(0, "flip")


def test_as_choice_lists_the_choices():
    """An unknown choice, text or not, lists every choice."""
    assert as_choice("max", "kind", ("max", "average")) == "max"
    for bad in ("sum", 3):
        with pytest.raises(ValueError, match=r"^kind must be one of 'max', 'average'; received"):
            as_choice(bad, "kind", ("max", "average"))


def test_as_text():
    """A string passes; None only with allow_none."""
    assert as_text("t", "title") == "t" and as_text(None, "title", allow_none=True) is None
    with pytest.raises(TypeError, match=r"^title must be a string or None; received int 3$"):
        as_text(3, "title", allow_none=True)


def test_as_shape_names_the_bad_axis():
    """Each side is checked on its own and named by its index."""
    assert as_shape([3, np.int64(2)], "shape") == (3, 2)
    with pytest.raises(ValueError, match=r"^shape\[1\] must be an integer >= 1; received 0$"):
        as_shape((3, 0), "shape")
    with pytest.raises(ValueError, match=r"^shape must be a pair \(rows, columns\); received"):
        as_shape((1, 2, 3), "shape")
    with pytest.raises(TypeError, match=r"^shape must be a pair \(rows, columns\); received int 5$"):
        as_shape(5, "shape")


# --------------------------------------------------------------------------
# typed numbers and fractions (parse_number, parse_matrix)
# --------------------------------------------------------------------------
from fractions import Fraction  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from convlib._validate import MAX_NUMBER_LENGTH, parse_matrix, parse_number  # noqa: E402


@given(st.integers(-999, 999), st.integers(1, 999), st.sampled_from(["{}/{}", "{} / {}", " {}/{} "]))
def test_parse_number_reads_fractions_as_fraction_does(top, bottom, layout):
    """'p/q' (spaces allowed) is p / q exactly as fractions.Fraction computes it, then rounded once to float."""
    text = layout.format(top, bottom)
    assert parse_number(text, "cell") == float(Fraction(top, bottom))


@pytest.mark.parametrize(("text", "value"), [("3", 3.0), ("-0.5", -0.5), ("+2", 2.0), (".25", 0.25), ("5.", 5.0),
                                             ("1e-3", 0.001), ("-2/3", -2 / 3), ("\u22121/4", -0.25)])
def test_parse_number_reads_plain_numbers(text, value):
    """Integers, decimals, exponents and the Unicode minus sign are read; the result is a float."""
    got = parse_number(text, "cell")
    assert got == value and type(got) is float


@pytest.mark.parametrize(("text", "why"), [
    ("", "an empty cell"),
    ("   ", "an empty cell"),
    ("abc", "'abc', which is not a number"),
    ("1/", "'1/', which is not a number"),
    ("1/2/3", "'1/2/3', which is not a number"),
    ("1.5/2", "'1.5/2', which is not a number"),
    ("2**8", "'2\\*\\*8', which is not a number"),
    ("__import__(0)", "'__import__\\(0\\)', which is not a number"),
    ("1/0", "'1/0', which is a fraction with denominator 0"),
    ("nan", "'nan', which is not finite"),
    ("-inf", "'-inf', which is not finite"),
    ("1e999", "'1e999', which is not finite"),
    ("1" * (MAX_NUMBER_LENGTH + 1), "'1{40}.*', which is too long to be a number here"),
])
def test_parse_number_refuses_anything_else_naming_the_cell(text, why):
    """Anything but a finite number or simple fraction is refused; the message names the cell and what came."""
    with pytest.raises(ValueError, match=rf"^row 2, column 3 must be a number or a simple fraction such as 1/9 or "
                                         rf"-2/3; received {why}"):
        parse_number(text, "row 2, column 3")


def test_parse_number_refuses_non_text():
    """A number that is not text is a TypeError (cells hold text)."""
    with pytest.raises(TypeError, match=r"^cell must be a number or a simple fraction .*; received float 0.5$"):
        parse_number(0.5, "cell")


def test_parse_number_never_evaluates(monkeypatch):
    """Text is matched, never evaluated: eval and exec are not called."""
    import builtins

    def refuse(*args, **kwargs):
        raise AssertionError("evaluated")

    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    assert parse_number("1/9", "cell") == 1 / 9
    with pytest.raises(ValueError, match="not a number"):
        parse_number("1+1", "cell")


def test_parse_matrix_accepts_fractions():
    """A box blur typed as ninths is the 3x3 matrix of 1/9 (float), like BOX_3."""
    got = parse_matrix("1/9 1/9 1/9; 1/9 1/9 1/9; 1/9 1/9 1/9")
    assert got.dtype == np.float64 and np.array_equal(got, np.full((3, 3), 1 / 9))
    assert parse_matrix("-2/3, 1, 1/3").tolist() == [[-2 / 3, 1.0, 1 / 3]]


@pytest.mark.parametrize(("text", "match"), [
    ("1 2; 3 x", r"^K: row 2 has 'x', which is not a number \(column 2\); expected numbers or simple fractions "
                 r"such as 1/9"),
    ("1/0 1", r"^K: row 1 has '1/0', which is a fraction with denominator 0 \(column 1\)"),
    ("1 1; 1 inf", r"^K: row 2 has 'inf'; expected finite numbers \(in column 2\)"),
])
def test_parse_matrix_names_row_and_column(text, match):
    """A bad entry in typed matrix text is named by its row and its column."""
    with pytest.raises(ValueError, match=match):
        parse_matrix(text, "K")
