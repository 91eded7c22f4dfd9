"""The blank ``____`` that learners replace, and how to find it in an answer."""

from __future__ import annotations

import inspect

import numpy as np

__all__ = ["____", "NotAttemptedError", "contains_placeholder", "uses_placeholder"]


class NotAttemptedError(TypeError):
    """Raised when learner code uses ``____`` where a real number is needed.

    For example ``range(____)`` or ``np.zeros((____, 2))``.  A check that
    meets this error reports "Not attempted" instead of an error.
    """


class _Placeholder:
    """The blank ``____`` that learners replace with their answer.

    There is exactly one.  Arithmetic with it gives it back (``____ * 2 + 1``
    is still ``____``), so that a half-filled expression is "not attempted"
    rather than an error; using it as an integer or a float (``range(____)``,
    ``float(____)``) raises :class:`NotAttemptedError`.
    """

    __slots__ = ()
    _instance = None
    # numpy: do not try to apply ufuncs to the blank; let its reflected
    # operators answer, so that ``X * ____`` is ``____``.
    __array_ufunc__ = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "____"

    __str__ = __repr__

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return "____"

    def _absorb(self, *args, **kwargs):
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _absorb
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = _absorb
    __mod__ = __rmod__ = __pow__ = __rpow__ = __matmul__ = __rmatmul__ = _absorb
    __neg__ = __pos__ = __abs__ = _absorb

    def _refuse(self, *args):
        msg = "____ is a blank: replace it with your own value or code"
        raise NotAttemptedError(msg)

    __float__ = __int__ = __index__ = __complex__ = __round__ = _refuse


#: The blank that learners replace with their answer.
____ = _Placeholder()


def contains_placeholder(answer, _seen=None) -> bool:
    """Return True if ``answer`` is ``____`` or a container holding it.

    Lists, tuples, sets, dicts (keys and values) and numpy object arrays are
    searched, at any depth.

    Examples
    --------
    >>> contains_placeholder(____), contains_placeholder([[1, ____], [3, 4]]), contains_placeholder(7)
    (True, True, False)
    """
    if isinstance(answer, _Placeholder):
        return True
    seen = set() if _seen is None else _seen
    if id(answer) in seen:
        return False
    if isinstance(answer, np.ndarray):
        if answer.dtype != object:
            return False
        seen.add(id(answer))
        return any(contains_placeholder(v, seen) for v in answer.flat)
    if isinstance(answer, dict):
        seen.add(id(answer))
        return any(contains_placeholder(k, seen) or contains_placeholder(v, seen) for k, v in answer.items())
    if isinstance(answer, (list, tuple, set, frozenset)):
        seen.add(id(answer))
        return any(contains_placeholder(v, seen) for v in answer)
    return False


def _code_names(code) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if inspect.iscode(const):
            names |= _code_names(const)
    return names


def uses_placeholder(func) -> bool:
    """Return True if the code of function ``func`` still mentions ``____``.

    Examples
    --------
    >>> def f(x):
    ...     return ____
    >>> uses_placeholder(f), uses_placeholder(abs)
    (True, False)
    """
    code = getattr(inspect.unwrap(func), "__code__", None) if callable(func) else None
    return code is not None and "____" in _code_names(code)
