"""Checkers for functions a learner writes: run them on fresh inputs, report the first failure."""

from __future__ import annotations

import copy
import inspect
import linecache
import numbers
from collections.abc import Callable, Sequence

import numpy as np

from ..conv import correlate2d
from ._answers import _as_matrix, _as_number, _close, _placeholder_check, _shape_problem, _values_problem
from .feedback import CheckResult, _correct, _incorrect, _not_attempted
from .placeholder import NotAttemptedError, contains_placeholder, uses_placeholder
from .text import _block, _cap, _exception_text, _num, _shape_text, describe_answer, format_array

__all__ = ["check_function", "check_kernel_output"]


def _learner_location(exc: BaseException, func) -> str:
    """Where in the learner's own code an exception happened, if we can tell."""
    code = getattr(inspect.unwrap(func), "__code__", None)
    if code is None:
        return ""
    tb, found = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == code.co_filename:
            found = tb
        tb = tb.tb_next
    if found is None:
        return ""
    frame_code, lineno = found.tb_frame.f_code, found.tb_lineno
    source = linecache.getline(frame_code.co_filename, lineno).strip()
    if frame_code is code:
        where = f"line {lineno - code.co_firstlineno + 1} of {code.co_name}"
    else:
        where = f"{frame_code.co_name}"
    return f" (in {where}: `{source}`)" if source else f" (in {where})"


def _value_problem(found, expected, *, name: str, label: str, found_by: str, rtol: float,
                   atol: float) -> str | None:
    """What is wrong with a function's return value, or None."""
    if found is None:
        return f"{name} is None: the function returned nothing. Did you forget `return {label}`?"
    exp = np.asarray(expected)
    if exp.ndim == 0:
        value, problem = _as_number(found)
        if problem:
            return f"the function returned {describe_answer(found)}; expected the number {_num(exp.item())}."
        if not _close(value, exp.item(), rtol, atol):
            return f"{label} should be {_num(exp.item())}; {found_by} {_num(value)}."
        return None
    arr, problem = _as_matrix(found, name)
    if problem:
        return problem
    return _shape_problem(arr, exp.shape, name) or _values_problem(arr, exp, label, found_by, rtol, atol)


def _safe_call(func, *args) -> str | None:
    """Call an optional diagnosis; a diagnosis that fails says nothing."""
    if func is None:
        return None
    try:
        return func(*args)
    except Exception:  # noqa: BLE001 - a diagnosis that does not apply
        return None


def _fresh(value):
    if isinstance(value, np.ndarray):
        return np.array(value, copy=True)
    return copy.deepcopy(value)


def check_function(
    func,
    cases: Sequence[tuple],
    reference: Callable,
    *,
    name: str | None = None,
    arg_names: Sequence[str] | None = None,
    label: str = "Y",
    diagnose: Callable[[tuple, object, np.ndarray], str | None] | None = None,
    diagnose_error: Callable[[tuple, Exception], str | None] | None = None,
    rtol: float = 1e-9,
    atol: float = 1e-9,
    hint: str | None = None,
    explanation: str | None = None,
    not_attempted: str | None = None,
) -> CheckResult:
    """Check a learner's function by running it on several test cases.

    Each case is called with fresh copies of its arguments, and the result is
    compared with ``reference(*case)``.  The first failing case is reported
    with its inputs, the expected and the returned output.  Exceptions raised
    by the learner's function are caught and reported as text, with the line
    of the learner's code where they happened.

    Parameters
    ----------
    func : callable
        The learner's function.
    cases : sequence of tuple
        Positional arguments of each test.
    reference : callable
        Computes the expected result of a case (a number or a 2-D array).
    name : str, optional
        Name of the function in messages (default: its ``__name__``).
    arg_names : sequence of str, optional
        Names of the arguments in messages (default: the function's own
        parameter names).
    label : str
        Name of the output in cell references (``Y[0,1] should be ...``).
    diagnose : callable, optional
        ``diagnose(case, found, expected)`` may return a sentence that
        explains a wrong result (for example "you flipped the kernel").
    diagnose_error : callable, optional
        ``diagnose_error(case, exception)`` may return a sentence that
        explains an exception raised by the learner's function.
    rtol, atol : float
        Tolerances for the comparison.
    hint, explanation : str, optional
        Added to a wrong answer / message of a correct one.
    not_attempted : str, optional
        Message when the function still returns or uses ``____``.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> def double(x):
    ...     return x + x + 1
    >>> print(check_function(double, [(1,), (2,)], lambda x: 2 * x, label="y"))
    Incorrect: `double(x)` gives a wrong result in test 1 of 2.
    y should be 2; your function gave 3.
    Inputs:
        x = 1
    Expected:
        2
    Your function returned:
        3
    """
    done = _placeholder_check(func, not_attempted)
    if done is not None:
        return done
    if not callable(func):
        return _incorrect(
            f"This question needs a function, written with `def {name or 'f'}(...):`; "
            f"you gave {describe_answer(func)}.",
            hint,
        )
    fname = name or getattr(func, "__name__", "your function")
    if fname == "<lambda>":
        fname = "your function"
    if arg_names is None:
        try:
            arg_names = list(inspect.signature(func).parameters)
        except (TypeError, ValueError):
            arg_names = []
    cases = list(cases)
    placeholder = uses_placeholder(func)
    for k, case in enumerate(cases, start=1):
        names = list(arg_names)[: len(case)]
        names += [f"argument {i + 1}" for i in range(len(names), len(case))]
        call = fname if fname == "your function" else f"`{fname}({', '.join(names)})`"
        inputs = "Inputs:\n" + "\n".join(_block(n, v) for n, v in zip(names, case))
        expected = reference(*case)
        try:
            found = func(*(_fresh(a) for a in case))
        except NotAttemptedError:
            return _not_attempted(not_attempted)
        except Exception as exc:  # noqa: BLE001 - the learner's code may raise anything
            if placeholder:
                return _not_attempted(not_attempted)
            text = (
                f"{call} raised an error in test {k} of {len(cases)}:\n"
                f"{_exception_text(exc)}{_learner_location(exc, func)}"
            )
            extra = _safe_call(diagnose_error, case, exc)
            if extra:
                text += "\n" + extra
            return _incorrect(text + "\n" + inputs, hint)
        if contains_placeholder(found) or (found is None and placeholder):
            return _not_attempted(not_attempted)
        problem = _value_problem(found, expected, name="your output", label=label,
                                 found_by="your function gave", rtol=rtol, atol=atol)
        if problem is None:
            continue
        text = f"{call} gives a wrong result in test {k} of {len(cases)}.\n{_cap(problem)}"
        extra = _safe_call(diagnose, case, found, np.asarray(expected))
        if extra:
            text += " " + extra
        shown = format_array(found) if isinstance(found, (np.ndarray, list, tuple, numbers.Number)) \
            else describe_answer(found)
        text += (
            f"\n{inputs}\nExpected:\n{_block('', np.asarray(expected))}"
            f"\nYour function returned:\n{_block('', shown)}"
        )
        return _incorrect(text, hint)
    shown_name = fname if fname == "your function" else f"`{fname}`"
    message = f"{shown_name} gives the right result in all {len(cases)} tests."
    if explanation:
        message += " " + explanation
    return _correct(message)


def check_kernel_output(
    kernel,
    image,
    target,
    *,
    op: Callable = correlate2d,
    op_name: str = "correlate2d",
    kernel_shape: tuple[int, int] | None = None,
    name: str = "your kernel",
    label: str = "Y",
    diagnose: Callable[[np.ndarray, np.ndarray | None], str | None] | None = None,
    rtol: float = 1e-9,
    atol: float = 1e-9,
    hint: str | None = None,
    explanation: str | None = None,
) -> CheckResult:
    """Check that a learner's kernel turns ``image`` into ``target``.

    The kernel is judged by what it computes, not by comparison with a stored
    kernel, so every kernel that works is accepted.

    Parameters
    ----------
    kernel : object
        The learner's kernel: a list of rows or an array.
    image : array_like
        The input ``X``.
    target : array_like
        The output the kernel must produce.
    op : callable
        ``op(image, kernel)`` computes the output (default: correlate2d).
    op_name : str
        How ``op`` is written in messages.
    kernel_shape : tuple of int, optional
        The shape the kernel must have; checked first.
    name, label : str
        Names of the kernel and of the output, for messages.
    diagnose : callable, optional
        ``diagnose(kernel, output)`` may return a sentence explaining a wrong
        kernel (``output`` is None when the kernel has the wrong shape).
    rtol, atol : float
        Tolerances for the comparison.
    hint, explanation : str, optional
        As in :func:`check_number`.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> X = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    >>> print(check_kernel_output([[0, 1], [1, 1]], X, [[6, 8], [12, 14]], kernel_shape=(2, 2)))
    Incorrect: With your kernel, Y[0,0] would be 11; the target Y[0,0] is 6. (4 of 4 values are wrong.)
    correlate2d(X, your kernel) gives:
        [[11, 14],
         [20, 23]]
    The target is:
        [[ 6,  8],
         [12, 14]]
    """
    done = _placeholder_check(kernel)
    if done is not None:
        return done
    tgt = np.asarray(target)
    arr, problem = _as_matrix(kernel, name)
    if problem:
        return _incorrect(_cap(problem), hint)

    def extra(output):
        if diagnose is None:
            return ""
        try:
            text = diagnose(arr, output)
        except Exception:  # noqa: BLE001 - a diagnosis that does not apply
            text = None
        return " " + text if text else ""

    if kernel_shape is not None:
        problem = _shape_problem(arr, kernel_shape, name)
        if problem:
            return _incorrect(_cap(problem) + extra(None), hint)
    try:
        out = np.asarray(op(np.asarray(image), arr))
    except Exception as exc:  # noqa: BLE001 - e.g. a kernel larger than the input
        return _incorrect(f"{op_name}(X, {name}) could not be computed: {_exception_text(exc)}", hint)
    if out.shape != tgt.shape:
        text = (
            f"with {name}, {op_name}(X, K) has shape {_shape_text(out.shape)}; the target has shape "
            f"{_shape_text(tgt.shape)}."
        )
        return _incorrect(_cap(text) + extra(out), hint)
    ok = np.isclose(out.astype(float), tgt.astype(float), rtol=rtol, atol=atol)
    if not ok.all():
        wrong = np.argwhere(~ok)
        r, c = (int(i) for i in wrong[0])
        text = (
            f"with {name}, {label}[{r},{c}] would be {_num(out[r, c])}; "
            f"the target {label}[{r},{c}] is {_num(tgt[r, c])}."
        )
        if len(wrong) > 1:
            text += f" ({len(wrong)} of {ok.size} values are wrong.)"
        text = _cap(text) + extra(out)
        text += (
            f"\n{op_name}(X, {name}) gives:\n{_block('', out)}\nThe target is:\n{_block('', tgt)}"
        )
        return _incorrect(text, hint)
    return _correct(explanation or f"{op_name}(X, {name}) is exactly the target:\n{_block('', tgt)}")
