"""How long the Gabor widget of lesson 04 takes to refilter and redisplay a 512 x 512 photo (Python side).

One slider move of ``GaborExplorer`` is: make the kernel, filter the texture
scene (192 x 192) and the photo (512 x 512) with it (``correlate2d`` with
``method='fft'``, whose cost hardly depends on the kernel), turn each
response into grey (or into energy: square, Gaussian average) and encode it
as PNG.  The photo's part of that, "refilter plus redisplay", is timed
alone and compared, in the same process, with a plain
``scipy.ndimage.correlate`` of the same photo with the same kernel
(mirrored borders, the same numbers), which is what a widget built on
scipy would pay for the filter alone.

Run from the repository root::

    python benchmarks/gabor_speed.py

Figures are medians over many slider moves ("best" is the fastest move,
what an otherwise idle machine gives); compare the ratios, which are stable
from machine to machine and under load, more than the milliseconds.
"""

from __future__ import annotations

import os
import statistics
import time

import numpy as np
import scipy.ndimage

from convlib.lessons.lesson04 import GaborExplorer
from convlib.textures import filter_response

GOAL_MS = 100.0

#: Settings (wavelength, sigma, gamma) spanning the widget's kernels: the default, the smallest, the largest.
CASES = {
    "default: λ 8, σ 4.5, γ 1": (8, 4.5, 1.0),
    "smallest: λ 3, σ 1, γ 2": (3, 1.0, 2.0),
    "largest: λ 16, σ 8, γ 0.5": (16, 8.0, 0.5),
}
THETAS = list(range(0, 181, 15))


def median_ms(times):
    """Median of a list of seconds, in milliseconds."""
    return statistics.median(times) * 1e3


def measure(ex: GaborExplorer, wavelength: int, sigma: float, gamma: float, show: str, rounds: int):
    """Median and best photo time, median whole update and filter alone, over θ moves, for one setting."""
    ex.wavelength.value, ex.sigma.value, ex.gamma.value, ex.show.value = wavelength, sigma, gamma, show
    photo, whole, alone = [], [], []
    for _ in range(rounds):
        for theta in THETAS[1:] + THETAS[:1]:
            ex.theta.value = theta
            photo.append(ex.photo_ms / 1e3)
            whole.append(ex.last_ms / 1e3)
            t0 = time.perf_counter()
            filter_response(ex.photo, ex.kernel, method="fft")
            alone.append(time.perf_counter() - t0)
    return median_ms(photo), min(photo) * 1e3, median_ms(whole), median_ms(alone)


def reference_ms(photo: np.ndarray, kernel: np.ndarray, repeats: int) -> float:
    """Median time of scipy.ndimage.correlate(photo, kernel, mode='mirror'), in milliseconds."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        scipy.ndimage.correlate(photo, kernel, mode="mirror")
        times.append(time.perf_counter() - t0)
    return median_ms(times)


def main():
    print(__doc__.split("\n\n")[0])
    print()
    ex = GaborExplorer()
    h, w = ex.photo.shape
    print(f"photo {h}x{w}, scene {ex.pattern.shape[0]}x{ex.pattern.shape[1]}; each figure a median over "
          f"θ = 0..180 in steps of 15; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} "
          "(other work slows the widget and the reference alike: compare the ratios)")
    header = (f"{'setting':<27} {'kernel':>7} {'show':>8} {'photo ms':>9} {'best':>6} {'update ms':>10}"
              f" {'filter ms':>10} {'ndimage ms':>11} {'photo/ndimage':>14}")
    print(header)
    print("-" * len(header))
    worst = 0.0
    for name, (wavelength, sigma, gamma) in CASES.items():
        for show in ("response", "energy"):
            rounds = 2 if gamma >= 1 else 1
            photo, best, whole, alone = measure(ex, wavelength, sigma, gamma, show, rounds)
            size = ex.kernel.shape[0]
            ref = reference_ms(ex.photo, ex.kernel, repeats=1 if size > 60 else 5)
            worst = max(worst, photo)
            print(f"{name:<27} {f'{size}x{size}':>7} {show:>8} {photo:>9.1f} {best:>6.1f} {whole:>10.1f}"
                  f" {alone:>10.1f} {ref:>11.1f} {photo / ref:>14.3f}")
    print()
    verdict = "met" if worst <= GOAL_MS else "MISSED"
    print(f"goal: refilter + redisplay of the {h}x{w} photo <= {GOAL_MS:.0f} ms on the Python side; "
          f"slowest setting {worst:.1f} ms: {verdict}")


if __name__ == "__main__":
    main()
