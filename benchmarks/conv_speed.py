"""Speed and memory of convlib's convolution paths, against scipy in the same run.

For each image size and kernel size it times convlib's methods and scipy's
``ndimage.correlate``, ``signal.correlate2d`` and ``signal.fftconvolve`` (and
OpenCV's ``filter2D`` when installed) on the same float64 image, valid
output, and prints medians and ratios.  A ratio below 1 means convlib is
faster.  Then it measures the peak extra memory of each path on a
2048 x 2048 image with a 31 x 31 kernel.

Run from the repository root (needs scipy; a full run takes a few minutes)::

    python benchmarks/conv_speed.py            # sizes 128..2048, k = 3..31
    python benchmarks/conv_speed.py --quick    # 512 only
    python benchmarks/conv_speed.py --csv benchmarks/results/conv_speed.csv

``--csv`` also writes every time to a file; lesson 09 draws its figure of
large sizes from the copy kept in ``benchmarks/results/``.

Times vary by +-20% from run to run on a shared machine; the ratios, taken
within one run, are the figures to compare.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc

import numpy as np
import scipy.ndimage
import scipy.signal

from convlib import correlate2d
from convlib.fast import choose_method

try:  # optional
    import cv2
except ImportError:  # pragma: no cover
    cv2 = None

KERNELS = (3, 5, 7, 15, 31)
SIZES = (128, 512, 2048)


def timeit(fn, budget=1.0, least=3, most=25):
    """Median seconds of ``fn()``, repeated until ``budget`` seconds or ``most`` runs."""
    fn()
    times = []
    start = time.perf_counter()
    while len(times) < least or (time.perf_counter() - start < budget and len(times) < most):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def valid_slice(n, k):
    """Where the 'valid' part of a same-size ndimage result lies."""
    return slice(k // 2, k // 2 + n - k + 1)


def contenders(x, K):
    """Name -> function computing the valid correlation of x with K."""
    k = K.shape[0]
    sl = valid_slice(x.shape[0], k)
    out = {
        "auto": lambda: correlate2d(x, K),
        "direct": lambda: correlate2d(x, K, method="direct"),
        "fft": lambda: correlate2d(x, K, method="fft"),
        "ndimage": lambda: scipy.ndimage.correlate(x, K, mode="constant")[sl, sl],
        "signal.correlate2d": lambda: scipy.signal.correlate2d(x, K, "valid"),
        "fftconvolve": lambda: scipy.signal.fftconvolve(x, K[::-1, ::-1], "valid"),
    }
    if cv2 is not None:
        out["cv2.filter2D"] = lambda: cv2.filter2D(x, -1, K, borderType=cv2.BORDER_CONSTANT)[sl, sl]
    return out


def gaussian(k):
    """A k x k Gaussian kernel (rank 1)."""
    g = np.exp(-0.5 * ((np.arange(k) - k // 2) / max(k / 6, 0.5)) ** 2)
    return np.outer(g, g) / g.sum() ** 2


def speed(sizes, kernels, rng, rows=None):
    print("Times in ms (median); ratios = convlib auto / reference, below 1 is faster.\n")
    head = (f"{'size':>5} {'k':>3} {'kernel':>8} {'auto picks':>10} {'auto':>8} {'direct':>8} {'fft':>8}"
            f" {'ndimage':>8} {'corr2d':>8} {'fftconv':>8}")
    if cv2 is not None:
        head += f" {'cv2':>7}"
    head += f" {'/ndimage':>9} {'/best scipy':>11}"
    print(head)
    print("-" * len(head))
    worst_best = 0.0
    goals = []
    for n in sizes:
        x = rng.random((n, n))
        for k in kernels:
            for kind, K in (("random", rng.random((k, k))), ("gauss", gaussian(k))):
                if n == 2048 and kind == "random" and k >= 15:
                    budget = 0.5
                else:
                    budget = 0.8
                fns = contenders(x, K)
                ref = fns["ndimage"]()
                got = fns["auto"]()
                assert np.allclose(got, ref, rtol=1e-9, atol=1e-9 * np.abs(K).sum()), (n, k, kind)
                t = {}
                for name, fn in fns.items():
                    if name == "signal.correlate2d" and n * n * k * k > 2048 * 2048 * 49:
                        t[name] = float("nan")  # minutes; skipped
                        continue
                    t[name] = timeit(fn, budget)
                scipy_best = min(v for name, v in t.items()
                                 if name in ("ndimage", "signal.correlate2d", "fftconvolve") and v == v)
                picked = choose_method(np.asarray(x), K, (1, 1), (1, 1), (n - k + 1,) * 2, np.dtype("float64"))
                r_nd, r_best = t["auto"] / t["ndimage"], t["auto"] / scipy_best
                worst_best = max(worst_best, r_best)
                row = (f"{n:>5} {k:>3} {kind:>8} {picked:>10} {t['auto'] * 1e3:>8.2f} {t['direct'] * 1e3:>8.2f}"
                       f" {t['fft'] * 1e3:>8.2f} {t['ndimage'] * 1e3:>8.2f}"
                       f" {t['signal.correlate2d'] * 1e3:>8.2f} {t['fftconvolve'] * 1e3:>8.2f}")
                if cv2 is not None:
                    row += f" {t['cv2.filter2D'] * 1e3:>7.2f}"
                row += f" {r_nd:>9.2f} {r_best:>11.2f}"
                if rows is not None:
                    for name, v in t.items():
                        rows.append((n, k, kind, name, v * 1e3))
                print(row, flush=True)
                if n == 512:
                    if k <= 7:
                        goals.append((f"512, k={k} {kind}: auto/ndimage <= 1.2", r_nd, r_nd <= 1.2))
                    if k >= 15:
                        goals.append((f"512, k={k} {kind}: auto/ndimage <= 0.25", r_nd, r_nd <= 0.25))
    print()
    for text, value, ok in goals:
        print(f"goal {text}: {value:.2f} {'met' if ok else 'MISSED'}")
    print(f"goal auto/fastest scipy <= 2 at every size: worst {worst_best:.2f} "
          f"{'met' if worst_best <= 2 else 'MISSED'}")


def memory(rng):
    n, k = 2048, 31
    x = rng.random((n, n))
    K = rng.random((k, k))
    bound = 64 * 2**20 + 4 * x.nbytes
    print(f"\nPeak extra memory, {n}x{n} float64 image ({x.nbytes / 2**20:.0f} MiB), {k}x{k} kernel,"
          f" bound 64 MiB + 4 x image = {bound / 2**20:.0f} MiB")
    for method in ("auto", "direct", "separable", "fft"):
        kern = gaussian(k) if method == "separable" else K
        tracemalloc.start()
        t0 = time.perf_counter()
        correlate2d(x, kern, method=method, mode="same")
        dt = time.perf_counter() - t0
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        verdict = "within" if peak <= bound else "OVER"
        print(f"  {method:<10} peak {peak / 2**20:7.1f} MiB  ({verdict} bound)  time {dt:.2f} s")
    im2col = (n - k + 1) ** 2 * k * k * 8
    print(f"  (an im2col matrix for the same call would need {im2col / 2**30:.1f} GiB)")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="512 x 512 only, no memory run")
    parser.add_argument("--sizes", type=int, nargs="*", default=None)
    parser.add_argument("--csv", default=None, help="also write every time to this CSV file")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)
    sizes = args.sizes or ((512,) if args.quick else SIZES)
    rows = []
    speed(sizes, KERNELS, rng, rows)
    if args.csv:
        with open(args.csv, "w", encoding="utf-8") as f:
            f.write("size,k,kernel,method,ms\n")
            for n, k, kind, name, ms in rows:
                f.write(f"{n},{k},{kind},{name},{ms:.4f}\n")
        print(f"\nwrote {len(rows)} times to {args.csv}")
    if not args.quick:
        memory(rng)


if __name__ == "__main__":
    main()
