"""Tests of convlib.exercises.placeholder: the blank ____."""

from __future__ import annotations

import numpy as np
import pytest

from convlib.exercises import (
    NotAttemptedError,
    ____,
    contains_placeholder,
)


# --------------------------------------------------------------------------
# the placeholder
# --------------------------------------------------------------------------
def test_placeholder_repr_is_four_underscores():
    """The blank prints as ____."""
    assert repr(____) == "____" and str(____) == "____"


def test_placeholder_absorbs_arithmetic():
    """Arithmetic with the blank, also with numpy arrays, gives the blank back."""
    assert (____ * 2 + 1) is ____ and (np.arange(3) * ____) is ____


def test_placeholder_used_as_integer_raises_not_attempted_error():
    """range(____) raises NotAttemptedError, a TypeError."""
    with pytest.raises(NotAttemptedError):
        range(____)


def test_contains_placeholder_finds_nested_blank():
    """A blank deep inside lists, tuples, dicts and object arrays is found."""
    answers = ([[1, ____]], ({"k": (____,)},), np.array([1, ____], dtype=object))
    assert all(contains_placeholder(a) for a in answers)


def test_contains_placeholder_false_for_numbers():
    """Ordinary answers do not contain the blank."""
    assert not any(contains_placeholder(a) for a in (7, [[1, 2]], np.zeros((2, 2)), "____"))
