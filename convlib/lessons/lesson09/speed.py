"""Timing for lesson 09, "Making convolution fast".

What only lesson 09 needs: numpy, :mod:`time` and the standard library,
nothing about drawing or widgets.  The cost model the lesson teaches (work
per pixel, im2col memory) is shared maths and lives in :mod:`convlib.cost`.

* :func:`time_call` and :func:`compare`, which time functions in the running
  notebook and report each one as a ratio against a reference measured in
  the same run (absolute times depend on the machine; ratios much less so);
* :func:`measure_methods`, which times convlib's methods once for a range of
  kernel sizes (what the lesson's slider shows), and :class:`MethodTimes`.

The large-size timings kept in the repository are read by
:mod:`convlib.lessons.lesson09.benchmark`.

Examples
--------
>>> import numpy as np
>>> from convlib import correlate2d
>>> t = compare(np.ones((64, 64)), np.ones((3, 3)), {"direct": correlate2d}, repeat=1)
>>> t.names, t.agrees
(('direct',), (True,))
"""

from __future__ import annotations

import math
import numbers
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..._validate import as_int, describe
from ...conv import correlate2d
from ...cost import cost_per_pixel
from ...kernels import gaussian

__all__ = [
    "MethodTimes",
    "Timings",
    "compare",
    "format_ratio",
    "measure_methods",
    "time_call",
]

# --------------------------------------------------------------------------
# text
# --------------------------------------------------------------------------
def format_ratio(ratio: float) -> str:
    """A speed ratio as text: ``'3.2×'``, ``'45×'``, ``'1200×'``.

    Examples
    --------
    >>> format_ratio(3.21), format_ratio(45.4), format_ratio(1234.5)
    ('3.2×', '45×', '1200×')
    """
    r = float(ratio)
    if not math.isfinite(r) or r <= 0:
        return "?×"
    if r < 10:
        return f"{r:.1f}×"
    if r < 1000:
        return f"{r:.0f}×"
    return f"{float(f'{r:.2g}'):.0f}×"


# --------------------------------------------------------------------------
# timing
# --------------------------------------------------------------------------
def time_call(fn: Callable, *args, repeat: int = 5, min_ms: float = 2.0, stat: str = "median",
              **kwargs) -> float:
    """Median (or shortest) time of one call of ``fn(*args, **kwargs)``, in milliseconds.

    The function is called once first (to warm up caches and find out how
    long it takes).  Calls faster than ``min_ms`` are then grouped, so that
    each of the ``repeat`` measurements lasts at least about ``min_ms``;
    the median of the measurements, divided by the group size, is returned.

    Parameters
    ----------
    fn : callable
    *args, **kwargs
        Passed to ``fn``.
    repeat : int, default 5
        Number of measurements; the median resists a busy moment of the
        machine better than the mean.
    min_ms : float, default 2.0
        Shortest measurement worth trusting; 0 times one call at a time.
    stat : {'median', 'min'}, default 'median'
        Which measurement to return.  The shortest is the one least
        disturbed by other programs; the median says what a call usually
        takes.

    Returns
    -------
    float
        Milliseconds per call.

    Notes
    -----
    Absolute times depend on the machine and on what else it is doing.  Show
    them as ratios against a reference timed in the same run (see
    :func:`compare`).

    Examples
    --------
    >>> ms = time_call(sum, range(1000), repeat=3)
    >>> 0 < ms < 100
    True
    """
    if not callable(fn):
        msg = f"fn must be a function to time; received {describe(fn)}"
        raise TypeError(msg)
    repeat = as_int(repeat, "repeat", 1)
    if isinstance(min_ms, bool) or not isinstance(min_ms, (numbers.Real, np.number)) or min_ms < 0:
        msg = f"min_ms must be a number of milliseconds, 0 or more; received {describe(min_ms)}"
        raise ValueError(msg)
    if stat not in ("median", "min"):
        msg = f"stat must be 'median' or 'min'; received {describe(stat)}"
        raise ValueError(msg)
    t0 = time.perf_counter()
    fn(*args, **kwargs)
    first = (time.perf_counter() - t0) * 1e3
    number = 1 if first >= min_ms else min(1000, math.ceil(min_ms / max(first, 1e-4)))
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn(*args, **kwargs)
        runs.append((time.perf_counter() - t0) * 1e3 / number)
    return min(runs) if stat == "min" else statistics.median(runs)


@dataclass(frozen=True)
class Timings:
    """Times of several ways of computing the same thing, measured in one run.

    Made by :func:`compare`.  Its text form lists each method's time and its
    speed against the reference.

    Attributes
    ----------
    names : tuple of str
    ms : tuple of float
        Median milliseconds per call, in the order of ``names``.
    reference : str
        The name every other time is compared with.
    agrees : tuple of bool
        Whether each method's result equals the reference's result (to
        floating-point rounding).
    label : str
        What was timed, for example ``'128x128 image, 5x5 kernel'``.
    """

    names: tuple
    ms: tuple
    reference: str
    agrees: tuple
    label: str = ""

    def time(self, name: str) -> float:
        """Milliseconds per call of method ``name``."""
        return self.ms[self._index(name)]

    def speedup(self, name: str, over: str | None = None) -> float:
        """How many times faster ``name`` is than ``over`` (default: the reference)."""
        return self.time(over or self.reference) / self.time(name)

    def _index(self, name: str) -> int:
        if name not in self.names:
            listed = ", ".join(repr(n) for n in self.names)
            msg = f"name must be one of {listed}; received {name!r}"
            raise KeyError(msg)
        return self.names.index(name)

    def __repr__(self) -> str:
        width = max(len(n) for n in self.names)
        head = f"Timed on {self.label}; " if self.label else ""
        lines = [f"{head}speed against {self.reference!r} measured in the same run:"]
        for name, ms, ok in zip(self.names, self.ms, self.agrees, strict=True):
            r = self.speedup(name)
            if name == self.reference:
                text = "(reference)"
            elif r >= 1:
                text = f"{format_ratio(r)} faster"
            else:
                text = f"{format_ratio(1 / r)} slower"
            same = "" if ok else "   (different result!)"
            lines.append(f"  {name:<{width}}  {_ms(ms):>9}  {text}{same}")
        return "\n".join(lines)


def _ms(ms: float) -> str:
    if ms >= 100:
        return f"{ms:.0f} ms"
    if ms >= 1:
        return f"{ms:.1f} ms"
    return f"{ms:.2f} ms"


def _agree(a, b) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        return False
    scale = float(np.abs(b).max(initial=0.0)) + 1e-300
    return bool(np.all(np.abs(a - b) <= 1e-9 * scale))


def compare(X, K, methods: Mapping[str, Callable], *, reference: str | None = None, repeat: int = 5,
            min_ms: float = 2.0) -> Timings:
    """Time several functions ``f(X, K)`` on the same input, against a reference.

    Parameters
    ----------
    X : array_like of shape (H, W)
    K : array_like of shape (kh, kw)
    methods : dict of str to callable
        Name -> function taking ``(X, K)`` and returning the correlation.
    reference : str, optional
        The name the others are compared with; by default the first.
    repeat, min_ms
        As in :func:`time_call`.

    Returns
    -------
    Timings
        Its text form gives each time and the speed-up against the
        reference, and flags any method whose result differs from the
        reference's.

    Examples
    --------
    >>> t = compare(np.ones((8, 8)), np.ones((3, 3)),
    ...             {"convlib": correlate2d, "convlib fft": lambda X, K: correlate2d(X, K, method="fft")},
    ...             repeat=1)
    >>> t.names, t.agrees
    (('convlib', 'convlib fft'), (True, True))
    """
    if not isinstance(methods, Mapping) or not methods:
        msg = f"methods must be a non-empty dict of name -> function; received {describe(methods)}"
        raise TypeError(msg)
    for name, fn in methods.items():
        if not callable(fn):
            msg = f"methods[{name!r}] must be a function f(X, K); received {describe(fn)}"
            raise TypeError(msg)
    names = tuple(methods)
    reference = names[0] if reference is None else reference
    if reference not in names:
        listed = ", ".join(repr(n) for n in names)
        msg = f"reference must be one of the methods' names ({listed}); received {reference!r}"
        raise ValueError(msg)
    X, K = np.asarray(X), np.asarray(K)
    expected = methods[reference](X, K)
    agrees = tuple(_agree(methods[n](X, K), expected) for n in names)
    ms = tuple(time_call(methods[n], X, K, repeat=repeat, min_ms=min_ms) for n in names)
    label = f"a {X.shape[0]}x{X.shape[1]} image and a {K.shape[0]}x{K.shape[1]} kernel" if X.ndim == 2 \
        and K.ndim == 2 else ""
    return Timings(names, ms, reference, agrees, label)


# --------------------------------------------------------------------------
# the crossover measurement
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class MethodTimes:
    """Times of convlib's methods for a range of kernel sizes, on one image.

    Made by :func:`measure_methods`; drawn by :func:`convlib.plot.plot_method_times`.

    Attributes
    ----------
    size : int
        The image is ``size x size``.
    ks : tuple of int
        Kernel sizes, increasing.
    methods : tuple of str
        Names of the methods (``method=`` of :func:`convlib.correlate2d`).
    ms : ndarray of shape (len(methods), len(ks))
        Milliseconds per call (:func:`measure_methods` keeps the shortest
        of several calls).
    """

    size: int
    ks: tuple
    methods: tuple
    ms: np.ndarray

    def __post_init__(self):
        ms = np.asarray(self.ms, dtype=float)
        if ms.shape != (len(self.methods), len(self.ks)):
            msg = (f"ms must have one row per method and one column per k, shape "
                   f"({len(self.methods)}, {len(self.ks)}); received shape {ms.shape}")
            raise ValueError(msg)
        if list(self.ks) != sorted(set(self.ks)):
            msg = f"ks must be increasing kernel sizes; received {tuple(self.ks)}"
            raise ValueError(msg)
        ms.setflags(write=False)
        object.__setattr__(self, "ms", ms)
        object.__setattr__(self, "ks", tuple(int(k) for k in self.ks))
        object.__setattr__(self, "methods", tuple(self.methods))

    def times(self, method: str) -> np.ndarray:
        """Milliseconds of ``method`` for every k."""
        if method not in self.methods:
            listed = ", ".join(repr(m) for m in self.methods)
            msg = f"method must be one of {listed}; received {method!r}"
            raise KeyError(msg)
        return self.ms[self.methods.index(method)]

    def nearest(self, k: int) -> int:
        """The measured kernel size closest to ``k`` (the smaller one on a tie)."""
        return min(self.ks, key=lambda m: (abs(m - k), m))

    def time(self, method: str, k: int) -> float:
        """Milliseconds of ``method`` at the measured kernel size nearest ``k``."""
        return float(self.times(method)[self.ks.index(self.nearest(k))])

    def crossover(self, fast: str = "fft", slow: str = "direct") -> int | None:
        """Smallest measured k from which ``fast`` beats ``slow`` at every larger k too.

        None if ``fast`` is not faster at the largest k.  Asking for "every
        larger k too" keeps one noisy measurement from moving the answer.
        """
        a, b = self.times(fast), self.times(slow)
        found = None
        for i in range(len(self.ks) - 1, -1, -1):
            if a[i] < b[i]:
                found = self.ks[i]
            else:
                break
        return found

    def summary(self, k: int) -> str:
        """One line of text for kernel size ``k``: the work per pixel and the measured times.

        Examples
        --------
        >>> t = MethodTimes(64, (3, 5), ("direct", "fft"), [[1.0, 3.0], [2.0, 2.0]])
        >>> print(t.summary(5))
        k = 5 (a 5×5 kernel on a 64×64 image). Work per output pixel: direct 25 multiply-adds, \
FFT roughly the same at every k. Measured: direct 3.0 ms, FFT 2.0 ms: FFT is 1.5× faster than direct. \
FFT beats direct from k = 5 on.
        """
        k = self.nearest(k)
        costs = cost_per_pixel((self.size, self.size), (k, k), rank=1)
        work = [f"{_NAMES.get(m, m)} {costs[m]}" for m in self.methods if m in ("direct", "separable")]
        if work:
            work[0] += " multiply-adds"
        if "fft" in self.methods:
            work.append("FFT roughly the same at every k")
        text = f"k = {k} (a {k}×{k} kernel on a {self.size}×{self.size} image). "
        if work:
            text += "Work per output pixel: " + ", ".join(work) + ". "
        text += "Measured: " + ", ".join(f"{_NAMES.get(m, m)} {_ms(self.time(m, k))}" for m in self.methods)
        if "fft" in self.methods and "direct" in self.methods:
            f, d = self.time("fft", k), self.time("direct", k)
            if f < d:
                text += f": FFT is {format_ratio(d / f)} faster than direct."
            else:
                text += f": direct is {format_ratio(f / d)} faster than FFT."
            c = self.crossover("fft", "direct")
            text += (f" FFT beats direct from k = {c} on." if c is not None
                     else " FFT never beats direct here.")
        else:
            text += "."
        return text


_NAMES = {"fft": "FFT"}


def measure_methods(size: int = 256, ks: Sequence[int] = tuple(range(1, 26, 2)),
                    methods: Sequence[str] = ("direct", "fft", "separable"), *, repeat: int = 5,
                    seed: int = 0) -> MethodTimes:
    """Time ``convlib.correlate2d(X, K, method=m)`` for each method and kernel size.

    The image is ``size x size`` random numbers and each kernel a
    ``k x k`` Gaussian blur (rank 1, so 'separable' applies).  Each call is
    timed on its own (``min_ms=0``), ``repeat`` times after a warm-up, and
    the shortest time is kept: measured once, the curves should show the
    methods, not a moment when the machine was busy with something else.

    Parameters
    ----------
    size : int, default 256
    ks : sequence of int, default 1, 3, ..., 25
        Odd kernel sizes, increasing, smaller than ``size``.
    methods : sequence of str, default ('direct', 'fft', 'separable')
    repeat : int, default 5
    seed : int, default 0

    Returns
    -------
    MethodTimes

    Notes
    -----
    With the defaults this takes a second or two: the direct method's work
    grows as ``k**2``, and at k = 25 it does 625 multiply-adds per pixel.

    Examples
    --------
    >>> t = measure_methods(32, (1, 3), ("direct", "fft"), repeat=1)
    >>> t.ms.shape
    (2, 2)
    """
    size = as_int(size, "size", 1)
    ks = tuple(as_int(k, "each k", 1) for k in ks)
    if not ks or list(ks) != sorted(set(ks)) or any(k % 2 == 0 for k in ks) or ks[-1] > size:
        msg = f"ks must be odd kernel sizes, increasing, at most size={size}; received {ks}"
        raise ValueError(msg)
    methods = tuple(methods)
    allowed = ("direct", "fft", "separable", "auto", "loop")
    bad = [m for m in methods if m not in allowed]
    if not methods or bad:
        listed = ", ".join(repr(m) for m in allowed)
        msg = f"methods must be chosen from {listed}; received {methods}"
        raise ValueError(msg)
    rng = np.random.default_rng(seed)
    X = rng.random((size, size))
    ms = np.empty((len(methods), len(ks)))
    for j, k in enumerate(ks):
        K = gaussian(k)
        for i, m in enumerate(methods):
            ms[i, j] = time_call(correlate2d, X, K, method=m, repeat=repeat, min_ms=0, stat="min")
    return MethodTimes(size, ks, methods, ms)
