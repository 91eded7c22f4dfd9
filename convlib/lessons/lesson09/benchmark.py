"""The benchmark kept in the repository, for lesson 09, "Making convolution fast".

``benchmarks/conv_speed.py --csv`` times convlib's methods and scipy's on
large images and writes one line per timing; the copy in
``benchmarks/results/conv_speed.csv`` is what the lesson draws and
discusses.  Everything the lesson says about that figure is computed here
from the file, so that the text cannot drift from the data:

* :func:`read_benchmark` and :class:`BenchmarkTable` (times, ratios, and
  their smallest and largest values);
* :func:`auto_method`, the method convlib's ``auto`` runs for a case of the
  benchmark, and :meth:`BenchmarkTable.describe_trails`, where ``auto`` took
  longer than scipy and why.

Examples
--------
>>> auto_method(512, "gauss", 3), auto_method(512, "gauss", 7), auto_method(512, "random", 31)
('direct', 'separable', 'fft')
"""

from __future__ import annotations

import csv
import functools
import math
import os
from dataclasses import dataclass

import numpy as np

from ...fast import choose_method
from ...kernels import gaussian

__all__ = ["BENCHMARK_COLUMNS", "KERNEL_KINDS", "BenchmarkTable", "Trail", "auto_method", "read_benchmark"]

#: Columns of the benchmark file written by ``benchmarks/conv_speed.py --csv``.
BENCHMARK_COLUMNS = ("size", "k", "kernel", "method", "ms")

#: The kinds of kernel the benchmark times: a Gaussian blur (rank 1) and random numbers (full rank).
KERNEL_KINDS = ("gauss", "random")


@functools.lru_cache(maxsize=64)
def auto_method(size: int, kernel: str, k: int) -> str:
    """The method ``correlate2d(X, K)`` runs by default for one case of the benchmark.

    The benchmark times ``auto`` on a ``size x size`` float64 image with a
    ``k x k`` kernel of a kind in ``KERNEL_KINDS``, 'valid' output.  This
    asks :func:`convlib.fast.choose_method`, the function ``auto`` calls,
    with the same shapes and a kernel of the same rank.

    Raises
    ------
    ValueError
        If ``kernel`` is not one of ``KERNEL_KINDS`` or ``k`` does not fit.
    """
    if kernel not in KERNEL_KINDS:
        msg = f"kernel must be one of {KERNEL_KINDS}; received {kernel!r}"
        raise ValueError(msg)
    if not 1 <= int(k) <= int(size):
        msg = f"k must be from 1 to size={size}; received {k!r}"
        raise ValueError(msg)
    K = gaussian(k) if kernel == "gauss" else np.random.default_rng(k).random((k, k))
    image = np.zeros((size, size))
    return choose_method(image, K, (1, 1), (1, 1), (size - k + 1, size - k + 1), image.dtype)


def _cases(keys) -> str:
    """``'sizes 512 and 2048, k = 3 to 31'`` for the cases ``(size, kernel, k)``."""
    sizes = sorted({s for s, _, _ in keys})
    ks = sorted({k for _, _, k in keys})
    listed = " and ".join(str(s) for s in sizes) if len(sizes) <= 2 else ", ".join(str(s) for s in sizes)
    span = f"k = {ks[0]}" if len(ks) == 1 else f"k = {ks[0]} to {ks[-1]}"
    return f"sizes {listed}, {span}"


@dataclass(frozen=True)
class Trail:
    """One case where ``auto`` took longer than a reference (see :meth:`BenchmarkTable.trails`).

    Attributes
    ----------
    size, kernel, k
        The case.
    ratio : float
        ``time(auto) / time(reference)``, above 1.
    ran : str
        The method auto ran (:func:`auto_method`).
    alone : float or None
        ``time(ran) / time(reference)``, that method timed on its own in
        the same run; None when the benchmark did not time it on its own.
    reference : str
    """

    size: int
    kernel: str
    k: int
    ratio: float
    ran: str
    alone: float | None
    reference: str = "ndimage"

    @property
    def noise(self) -> bool:
        """True when the method auto ran was faster than the reference when timed on its own."""
        return self.alone is not None and self.alone < 1

    def __str__(self) -> str:
        ref, ran = self.reference, self.ran
        text = (f"{self.size} {self.kernel} k={self.k}: auto took {self.ratio:.2f}× {ref}'s time, "
                f"running {ran};\n    ")
        if self.alone is None:
            return text + f"{ran} was not timed on its own."
        text += f"{ran} timed on its own took {self.alone:.2f}× {ref}'s time: "
        if self.noise:
            return text + "the gap is timing noise (one computation, timed twice)."
        return text + f"{ref} is faster than convlib's {ran} method here."


@dataclass(frozen=True)
class BenchmarkTable:
    """Timings read from the benchmark file (see :func:`read_benchmark`).

    Attributes
    ----------
    rows : tuple of (int, int, str, str, float)
        ``(size, k, kernel, method, ms)``; ``ms`` is NaN where the
        benchmark skipped a case.
    path : str
        Where the table was read from.
    """

    rows: tuple
    path: str = ""

    def _values(self, column: int) -> tuple:
        seen = []
        for row in self.rows:
            if row[column] not in seen:
                seen.append(row[column])
        return tuple(seen)

    @property
    def sizes(self) -> tuple:
        """Image sizes, in increasing order."""
        return tuple(sorted(self._values(0)))

    @property
    def ks(self) -> tuple:
        """Kernel sizes, in increasing order."""
        return tuple(sorted(self._values(1)))

    @property
    def kernels(self) -> tuple:
        """Kinds of kernel ('random', 'gauss'), in the file's order."""
        return self._values(2)

    @property
    def methods(self) -> tuple:
        """Methods, in the file's order."""
        return self._values(3)

    def times(self, size: int, kernel: str, method: str) -> tuple[np.ndarray, np.ndarray]:
        """``(ks, ms)`` of one method on one image size and kind of kernel, by increasing k.

        Raises
        ------
        KeyError
            If the table has no such rows; the message lists what it has.
        """
        pairs = sorted((k, ms) for s, k, kern, m, ms in self.rows
                       if s == size and kern == kernel and m == method)
        if not pairs:
            msg = (f"no timings for size={size!r}, kernel={kernel!r}, method={method!r}; the table has sizes "
                   f"{self.sizes}, kernels {self.kernels} and methods {self.methods}")
            raise KeyError(msg)
        ks, ms = zip(*pairs, strict=True)
        return np.array(ks), np.array(ms, dtype=float)

    def ratio_table(self, numerator: str = "auto", denominator: str = "ndimage", sizes=None) -> str:
        """Text table of ``time(numerator) / time(denominator)`` for every size, kernel and k.

        Below 1, ``numerator`` is the faster of the two.
        """
        sizes = self.sizes if sizes is None else tuple(sizes)
        ks = self.ks
        lines = [f"time of {numerator} / time of {denominator} (below 1: {numerator} is faster)",
                 f"{'size':>5}  {'kernel':<7}" + "".join(f"{'k=' + str(k):>7}" for k in ks)]
        for size in sizes:
            for kernel in self.kernels:
                a = dict(zip(*(v.tolist() for v in self.times(size, kernel, numerator)), strict=True))
                b = dict(zip(*(v.tolist() for v in self.times(size, kernel, denominator)), strict=True))
                cells = [f"{a[k] / b[k]:>7.2f}" if k in a and k in b else f"{'':>7}" for k in ks]
                lines.append(f"{size:>5}  {kernel:<7}" + "".join(cells))
        return "\n".join(lines)

    def ratios(self, numerator: str, denominator: str, sizes=None) -> dict:
        """``time(numerator) / time(denominator)`` for every case timed by both, keyed ``(size, kernel, k)``.

        Cases where either time is missing or NaN (skipped) are left out.
        """
        sizes = self.sizes if sizes is None else tuple(sizes)
        found = {}
        for size in sizes:
            for kernel in self.kernels:
                try:
                    a = dict(zip(*(v.tolist() for v in self.times(size, kernel, numerator)), strict=True))
                    b = dict(zip(*(v.tolist() for v in self.times(size, kernel, denominator)), strict=True))
                except KeyError:  # one of the two was not timed on this size and kernel
                    continue
                for k in self.ks:
                    if k in a and k in b and math.isfinite(a[k]) and math.isfinite(b[k]) and b[k] > 0:
                        found[size, kernel, k] = a[k] / b[k]
        return found

    def ratio_range(self, numerator: str, denominator: str, sizes=None) -> str:
        """One sentence: the smallest and largest ``time(numerator) / time(denominator)`` over the cases.

        Examples
        --------
        >>> t = BenchmarkTable(((512, 3, "gauss", "a", 3.0), (512, 3, "gauss", "b", 2.0),
        ...                     (512, 5, "gauss", "a", 4.0), (512, 5, "gauss", "b", 2.0)))
        >>> print(t.ratio_range("a", "b"))
        a takes 1.50 to 2.00 times as long as b in the 2 cases (sizes 512, k = 3 to 5).
        """
        r = self.ratios(numerator, denominator, sizes)
        if not r:
            return f"{numerator} and {denominator} have no case in common."
        lo, hi = min(r.values()), max(r.values())
        return (f"{numerator} takes {lo:.2f} to {hi:.2f} times as long as {denominator} "
                f"in the {len(r)} cases ({_cases(r)}).")

    def auto_table(self, reference: str = "ndimage", sizes=None) -> str:
        """Text table: for every case, the method ``auto`` ran and ``time(auto) / time(reference)``.

        Which method auto ran is what :func:`auto_method` says convlib's
        cost model picks for that case (the benchmark times auto itself,
        not its choice).
        """
        sizes = self.sizes if sizes is None else tuple(sizes)
        r = self.ratios("auto", reference, sizes)
        lines = [f"method auto ran, and time of auto / time of {reference} (above 1: auto is slower)",
                 f"{'size':>5}  {'kernel':<7}" + "".join(f"{'k=' + str(k):>16}" for k in self.ks)]
        for size in sizes:
            for kernel in self.kernels:
                cells = [f"{auto_method(size, kernel, k) + ' ' + format(r[size, kernel, k], '.2f'):>16}"
                         if (size, kernel, k) in r else f"{'':>16}" for k in self.ks]
                lines.append(f"{size:>5}  {kernel:<7}" + "".join(cells))
        return "\n".join(lines)

    def trails(self, reference: str = "ndimage", sizes=None) -> tuple:
        """The cases where ``auto`` took longer than ``reference``, as :class:`Trail`, slowest first."""
        r = self.ratios("auto", reference, sizes)
        found = []
        for (size, kernel, k), ratio in r.items():
            if ratio <= 1:
                continue
            ran = auto_method(size, kernel, k)
            alone = self.ratios(ran, reference, (size,)).get((size, kernel, k)) if ran in self.methods \
                else None
            found.append(Trail(size, kernel, k, ratio, ran, alone, reference))
        return tuple(sorted(found, key=lambda t: -t.ratio))

    def describe_trails(self, reference: str = "ndimage", sizes=None) -> str:
        """Where ``auto`` took longer than ``reference``, the method it ran, and what that method took alone.

        Examples
        --------
        >>> t = BenchmarkTable(((512, 3, "gauss", "auto", 3.0), (512, 3, "gauss", "ndimage", 2.0),
        ...                     (512, 3, "gauss", "direct", 1.5)))
        >>> print(t.describe_trails())
        auto took longer than ndimage in 1 of the 1 cases (sizes 512, k = 3), and ran the direct method:
          512 gauss k=3: auto took 1.50× ndimage's time, running direct;
            direct timed on its own took 0.75× ndimage's time: the gap is timing noise (one computation, \
timed twice).
        """
        r = self.ratios("auto", reference, sizes)
        found = self.trails(reference, sizes)
        if not found:
            return f"auto was at least as fast as {reference} in all {len(r)} cases ({_cases(r)})."
        ran = sorted({t.ran for t in found})
        if len(ran) > 1:
            which = "the methods " + ", ".join(ran)
        else:
            which = f"the {ran[0]} method" + {1: "", 2: " in both"}.get(len(found), " in all of them")
        head = (f"auto took longer than {reference} in {len(found)} of the {len(r)} cases ({_cases(r)}), "
                f"and ran {which}:")
        return "\n".join([head, *(f"  {t}" for t in found)])

    def __repr__(self) -> str:
        return (f"BenchmarkTable: {len(self.rows)} timings; sizes {self.sizes}, kernel sizes {self.ks}, "
                f"kernels {self.kernels}, methods {self.methods}")


def read_benchmark(path) -> BenchmarkTable:
    """Read the timings that ``benchmarks/conv_speed.py --csv`` wrote.

    Parameters
    ----------
    path : str or path-like
        The CSV file, with the header ``size,k,kernel,method,ms``.  From a
        lesson in ``notebooks/`` the copy kept in the repository is
        ``../benchmarks/results/conv_speed.csv``.

    Returns
    -------
    BenchmarkTable

    Raises
    ------
    FileNotFoundError
        If there is no file at ``path``; the message says how to make one.
    ValueError
        If the file lacks a column or holds a value that is not a number.

    Examples
    --------
    >>> read_benchmark("no/such/file.csv")
    Traceback (most recent call last):
    ...
    FileNotFoundError: no benchmark results at 'no/such/file.csv'. ...
    """
    path = os.fspath(path)
    if not os.path.isfile(path):
        msg = (
            f"no benchmark results at {path!r}. The lessons read the copy kept in the repository, "
            f"benchmarks/results/conv_speed.csv (from a notebook in notebooks/: "
            f"'../benchmarks/results/conv_speed.csv'); to make a new one, run from the repository root: "
            f"python benchmarks/conv_speed.py --csv benchmarks/results/conv_speed.csv"
        )
        raise FileNotFoundError(msg)
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = [c for c in BENCHMARK_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            msg = (f"{path!r} is not a benchmark file: it lacks the column(s) {', '.join(missing)}; "
                   f"expected the header {','.join(BENCHMARK_COLUMNS)}; found {reader.fieldnames}")
            raise ValueError(msg)
        for line, rec in enumerate(reader, start=2):
            try:
                rows.append((int(rec["size"]), int(rec["k"]), rec["kernel"].strip(), rec["method"].strip(),
                             float(rec["ms"])))
            except (TypeError, ValueError):
                msg = (f"line {line} of {path!r} is not a timing: expected whole numbers for size and k "
                       f"and a number (or nan) for ms; found {dict(rec)}")
                raise ValueError(msg) from None
    if not rows:
        msg = f"{path!r} holds a header but no timings"
        raise ValueError(msg)
    return BenchmarkTable(tuple(rows), path)
