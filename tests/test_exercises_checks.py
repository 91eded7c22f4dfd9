"""Tests of convlib.exercises.checks: checkers for values, with right and wrong answers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from convlib.exercises import (
    ____,
    check_array,
    check_choice,
    check_coordinate,
    check_each,
    check_number,
    check_shape,
)


# --------------------------------------------------------------------------
# check_number
# --------------------------------------------------------------------------
def test_check_number_accepts_right_value():
    """The expected number is correct."""
    assert check_number(8, 8).status == "correct"


def test_check_number_accepts_float_within_tolerance():
    """A float equal up to rounding is correct."""
    assert check_number(0.1 + 0.2, 0.3).status == "correct"


def test_check_number_says_expected_and_found():
    """A wrong number: what it should be and what was given."""
    assert "Y[0,1] should be 8; you gave 9." in check_number(9, 8, name="Y[0,1]").message


def test_check_number_adds_hint():
    """The hint follows a wrong answer."""
    assert check_number(9, 8, hint="count again.").message.endswith("Hint: count again.")


def test_check_number_explains_known_mistake():
    """A listed mistake adds its explanation."""
    assert "flipped" in check_number(5, 8, mistakes=[(5, "You flipped it.")]).message


def test_check_number_string_says_remove_quotes():
    """The text '8' gets a message about quotes, not a traceback."""
    result = check_number("8", 8)
    assert result.status == "incorrect" and "without quotes" in result.message


def test_check_number_list_says_remove_brackets():
    """A one-element list gets a message about brackets."""
    assert "without brackets" in check_number([8], 8).message


def test_check_number_bool_is_not_a_number():
    """True is reported as a yes/no value."""
    assert "yes/no" in check_number(True, 1).message


def test_check_number_none_says_nothing_given():
    """None is reported as nothing."""
    assert "None" in check_number(None, 1).message


def test_check_number_placeholder_not_attempted():
    """The blank is not attempted."""
    assert check_number(____, 1).status == "not_attempted"


def test_check_number_thousands_separators_are_explained():
    """7,568,400 arrives as the tuple (7, 568, 400): the message says what the commas did and the fix."""
    answer = 7,568,400  # noqa: E231 - what a learner types
    message = check_number(answer, 7568400).message
    assert ("You typed 7,568,400: in Python the commas make a tuple (7, 568, 400), not a number; "
            "write 7568400 or 7_568_400.") in message


def test_check_number_decimal_comma_is_explained():
    """387,4 arrives as the tuple (387, 4): the message asks for a point."""
    answer = 387,4  # noqa: E231 - what a learner types
    message = check_number(answer, 387.4).message
    assert ("You typed 387,4: in Python the comma makes a tuple (387, 4), not a number; "
            "write 387.4, with a point.") in message


def test_check_number_ambiguous_comma_offers_both_readings():
    """387,400 may be a thousands separator or a decimal comma: both are offered."""
    message = check_number((387, 400), 387.4).message
    assert "write 387400 or 387_400 for a whole number, or 387.4 (with a point) for a decimal" in message


def test_check_number_group_of_zeros_is_written_back_with_three_digits():
    """12,000,000 arrives as (12, 0, 0) and is written back as typed."""
    assert "You typed 12,000,000" in check_number((12, 0, 0), 12e6).message


def test_check_number_trailing_comma_is_explained():
    """5, arrives as the tuple (5,): the message says to remove the comma."""
    assert "remove the comma" in check_number((5,), 5).message


@pytest.mark.parametrize("answer", [(1, 2, 3), (7, 568, 1400), (1.5, 2), (3, -4), [7, 568, 400], (True, 500)])
def test_check_number_real_tuples_and_lists_are_not_read_as_separators(answer):
    """A tuple that cannot come from separators, or a list (brackets), gets the plain message."""
    message = check_number(answer, 1).message
    assert "typed" not in message and "give a single number" in message


@given(st.integers(min_value=1, max_value=10**12))
@settings(max_examples=60, deadline=None)
def test_check_number_any_whole_number_with_separators_is_written_back(n):
    """Any whole number typed with thousands separators is read back as typed, with the number to write."""
    typed = f"{n:,}"
    groups = typed.split(",")
    # Python refuses a group such as 001 (a leading zero), so only 000 or 100..999 can arrive
    assume(len(groups) > 1 and all(g == "000" or not g.startswith("0") for g in groups[1:]))
    answer = tuple(int(part) for part in groups)
    message = check_number(answer, n).message
    assert f"You typed {typed}:" in message and f"write {n}" in message


# --------------------------------------------------------------------------
# check_shape
# --------------------------------------------------------------------------
def test_check_shape_accepts_list_of_two_ints():
    """[4, 3] is accepted for (4, 3)."""
    assert check_shape([4, 3], (4, 3)).status == "correct"


def test_check_shape_reports_rows_and_columns():
    """A wrong shape says how many rows and columns are needed."""
    message = check_shape((5, 3), (4, 3)).message
    assert "you gave (5, 3)" in message.lower() and "4 rows and 3 columns" in message


def test_check_shape_single_number_message():
    """One number instead of two is explained."""
    assert "two numbers" in check_shape(4, (4, 4)).message


def test_check_shape_text_message():
    """The text '4x4' is explained, not evaluated."""
    assert "without quotes" in check_shape("4x4", (4, 4)).message


def test_check_shape_fraction_message():
    """A non-whole number is rejected as a shape entry."""
    assert "whole numbers" in check_shape((4.5, 4), (4, 4)).message


# --------------------------------------------------------------------------
# check_array
# --------------------------------------------------------------------------
def test_check_array_accepts_list_of_rows():
    """A list of rows equal to the expected array is correct."""
    assert check_array([[1, 2], [3, 4]], np.array([[1, 2], [3, 4]])).status == "correct"


def test_check_array_shape_message_comes_first():
    """Wrong shape: shape and rows/columns are reported, not values."""
    message = check_array(np.zeros((2, 3)), np.zeros((3, 3)), name="your kernel").message
    assert "has shape (2, 3); it needs 3 rows and 3 columns" in message


def test_check_array_reports_first_wrong_cell():
    """Wrong values: the first wrong cell, expected and found."""
    message = check_array([[6, 9], [12, 0]], [[6, 8], [12, 14]]).message
    assert message.startswith("Y[0,1] should be 8; you gave 9.") and "2 of 4" in message


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.data())
def test_check_array_names_the_changed_cell(rows, cols, data):
    """Changing one cell of a right answer is reported at exactly that cell."""
    expected = np.arange(rows * cols).reshape(rows, cols)
    r, c = data.draw(st.integers(0, rows - 1)), data.draw(st.integers(0, cols - 1))
    answer = expected.copy()
    answer[r, c] += 1
    assert check_array(answer, expected).message.startswith(f"Y[{r},{c}] should be")


def test_check_array_ragged_rows_message():
    """Rows of different lengths are reported by row, not as a numpy error."""
    message = check_array([[1, 2], [3]], np.zeros((2, 2))).message
    assert "different lengths" in message and "row 1 has 1 value" in message


def test_check_array_flat_list_message():
    """A flat list is asked to be written as rows."""
    assert "flat list of 4 values" in check_array([1, 2, 3, 4], np.zeros((2, 2))).message


def test_check_array_too_many_brackets_message():
    """An extra level of brackets is reported."""
    assert "3 levels of brackets" in check_array([[[1, 2], [3, 4]]], np.zeros((2, 2))).message


def test_check_array_text_values_message():
    """Numbers in quotes are reported."""
    assert "contains the text '1'" in check_array([["1", "2"], ["3", "4"]], np.zeros((2, 2))).message


def test_check_array_mixed_nesting_message():
    """A row that is not a list is reported."""
    message = check_array([[1, 2], 3], np.zeros((2, 2))).message
    assert "Row 1 of your answer is the number 3, not a list" in message


# --------------------------------------------------------------------------
# check_number: counts and ranges
# --------------------------------------------------------------------------
def test_check_number_whole_refuses_a_fraction_saying_why():
    """A count given as 2.5 is explained as not whole, with the range."""
    result = check_number(2.5, 2, name="the rank", whole=True, low=0, high=3)
    assert result.status == "incorrect"
    assert result.message == "The rank is a whole number from 0 to 3; you gave 2.5."


def test_check_number_out_of_range_is_explained():
    """A value above `high` says what range answers lie in."""
    assert check_number(7, 2, name="the rank", low=0, high=3).message.startswith(
        "The rank is a number from 0 to 3; you gave 7.")


def test_check_number_whole_still_accepts_the_right_float():
    """2.0 is a whole number: right when 2 is expected."""
    assert check_number(2.0, 2, whole=True, low=0).status == "correct"


# --------------------------------------------------------------------------
# check_choice
# --------------------------------------------------------------------------
CHOICES = ("direct", "separable", "fft")


@pytest.mark.parametrize("answer", ["fft", "FFT", " Fft ", "fourier"])
def test_check_choice_accepts_case_spaces_and_aliases(answer):
    """Capitals, stray spaces and declared aliases name the same choice."""
    assert check_choice(answer, "fft", CHOICES, aliases={"fourier": "fft"}).status == "correct"


def test_check_choice_hyphens_and_underscores_are_spaces():
    """'shift-and-add' and 'shift_and_add' match the alias 'shift and add'."""
    for answer in ("shift-and-add", "shift_and_add"):
        assert check_choice(answer, "direct", CHOICES, aliases={"shift and add": "direct"}).correct


def test_check_choice_wrong_choice_is_named_with_its_note():
    """A wrong but valid choice says which, and adds what it reveals."""
    result = check_choice("direct", "fft", CHOICES, name="the method",
                          mistakes={"direct": "Direct costs k×k per pixel."})
    assert result.message == "The method is not 'direct'. Direct costs k×k per pixel."


def test_check_choice_unknown_word_lists_the_choices():
    """A word that is no choice lists every choice."""
    assert check_choice("quick", "fft", CHOICES, name="the method").message == (
        "'quick' is not one of the choices for the method: 'direct', 'separable', 'fft'.")


def test_check_choice_unknown_word_with_a_note_explains_it():
    """A word that is not a choice but is a known confusion gets its explanation."""
    result = check_choice("auto", "fft", CHOICES, mistakes={"auto": "'auto' is what chooses."})
    assert result.message == "'auto' is what chooses."


@pytest.mark.parametrize(("answer", "shown"), [(3, "the number 3"), (None, "None"), (["fft"], "the list")])
def test_check_choice_non_text_asks_for_quotes(answer, shown):
    """A number, None or a list instead of a name asks for a name in quotes."""
    message = check_choice(answer, "fft", CHOICES).message
    assert message.startswith(f"You gave {shown}") and "in quotes" in message


def test_check_choice_blank_is_not_attempted():
    """The blank is not attempted."""
    assert check_choice(____, "fft", CHOICES).status == "not_attempted"


# --------------------------------------------------------------------------
# check_each
# --------------------------------------------------------------------------
RANKS = [lambda a: check_number(a, 1, name="the rank of A"), lambda a: check_number(a, 3, name="the rank of B")]


def test_check_each_accepts_every_right_value():
    """All values right: correct, with each checker's message."""
    result = check_each((1, 3), RANKS, want="a pair")
    assert result.correct and result.message == "The rank of A = 1. The rank of B = 3."


def test_check_each_reports_only_the_wrong_values():
    """Only the wrong value is named."""
    message = check_each((1, 2), RANKS, want="a pair").message
    assert message == "The rank of B should be 3; you gave 2." and "rank of A" not in message


def test_check_each_labels_each_message():
    """With labels, every message says which value it is about."""
    message = check_each((2, 2), RANKS, want="a pair", labels=["A", "B"]).message
    assert message.startswith("A: The rank of A should be 1; you gave 2. B: ")


@pytest.mark.parametrize(("answer", "start"), [
    ((1, 3, 4), "You gave 3 values; give a pair"),
    ((1,), "You gave 1 value; give a pair"),
    ("13", "You gave the text '13'; give a pair"),
    (13, "You gave the number 13; give a pair"),
])
def test_check_each_wrong_count_or_type_says_what_to_give(answer, start):
    """The wrong number of values, or no sequence at all, says what to give."""
    assert check_each(answer, RANKS, want="a pair").message.startswith(start)


def test_check_each_accepts_a_numpy_vector():
    """A 1-D array of the right values is fine."""
    assert check_each(np.array([1, 3]), RANKS, want="a pair").correct


def test_check_each_blank_inside_is_not_attempted():
    """A blank left in one place is not attempted."""
    assert check_each((1, ____), RANKS, want="a pair").status == "not_attempted"


# --------------------------------------------------------------------------
# check_coordinate
# --------------------------------------------------------------------------
def test_check_coordinate_accepts_a_list_or_tuple():
    """(1, 2) and [1, 2] are the same cell."""
    assert check_coordinate([1, 2], (1, 2)).correct and check_coordinate((1, 2), (1, 2)).correct


def test_check_coordinate_swapped_is_diagnosed():
    """(column, row) is reported as swapped."""
    assert "Row and column are swapped" in check_coordinate((2, 1), (1, 2)).message


def test_check_coordinate_counted_from_one_is_diagnosed():
    """Both indices one too large: counted from 1."""
    assert "count from 0" in check_coordinate((2, 3), (1, 2)).message


def test_check_coordinate_outside_the_grid_is_diagnosed():
    """A cell outside the grid says so, with the grid's size."""
    message = check_coordinate((4, 0), (1, 2), shape=(4, 5)).message
    assert "The grid has 4 rows and 5 columns, so (4, 0) is outside it" in message


def test_check_coordinate_text_is_reported_as_a_cell():
    """Text asks for a (row, column) tuple, not a shape."""
    message = check_coordinate("1,2", (1, 2)).message
    assert "(row, column)" in message and "(rows, columns)" not in message


def test_check_coordinate_mistakes_are_added():
    """A declared mistake adds its explanation."""
    result = check_coordinate((0, 0), (1, 2), mistakes=[((0, 0), "That is the top-left corner.")])
    assert result.message.endswith("That is the top-left corner.")
