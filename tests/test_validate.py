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
