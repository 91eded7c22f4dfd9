"""How long one step of the step-through widget takes on the Python side.

One step is: the slider's value changes -> the widget picks the step from
its list -> three HTML tables and the arithmetic line are swapped.  It is
compared, in the same process, with two ways of drawing the same step with
matplotlib (Agg), which is what a figure-based widget would pay:

* "in-place Agg": move the window frame and update the output texts of an
  existing figure, then render it;
* "full re-plot": build the three-panel figure from scratch and render it.

Run from the repository root::

    python benchmarks/step_speed.py

Figures are medians over many steps; compare the ratios, which are stable
from machine to machine, more than the milliseconds.
"""

from __future__ import annotations

import statistics
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from convlib import trace  # noqa: E402
from convlib.plot import plot_step  # noqa: E402
from convlib.widgets import StepThrough  # noqa: E402

GOAL_MS = 5.0

CASES = {
    "article 3x3, kernel 2x2": (np.arange(1, 10).reshape(3, 3), np.array([[0, 1], [1, 0]]), {}),
    "7x7, kernel 3x3, valid": (np.random.default_rng(1).integers(0, 10, (7, 7)),
                               np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]), {}),
    "7x7, kernel 3x3, same": (np.random.default_rng(1).integers(0, 10, (7, 7)),
                              np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]), {"mode": "same"}),
}


def median_ms(fn, steps, rounds):
    """Median time of ``fn(k)`` in milliseconds, over ``rounds`` passes over ``steps``."""
    times = []
    for _ in range(rounds):
        for k in steps:
            t0 = time.perf_counter()
            fn(k)
            times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e3


def measure(X, K, options):
    """Per-step time of the widget and of the two matplotlib references."""
    sw = StepThrough(X, K, **options)
    n = sw.slider.max
    order = list(range(1, n + 1)) + list(range(n - 1, 0, -1))

    def widget_step(k):
        sw.slider.value = k

    widget = median_ms(widget_step, order, 20)

    t = trace(X, K, **options)
    fig = plot_step(t, 0)

    def agg_step(k):
        fig.update(k - 1)
        fig.fig.canvas.draw()

    in_place = median_ms(agg_step, order[: min(len(order), 30)], 2)
    plt.close(fig.fig)

    def full_step(k):
        f = plot_step(t, k - 1)
        f.fig.canvas.draw()
        plt.close(f.fig)

    full = median_ms(full_step, order[: min(len(order), 12)], 1)
    return n, widget, in_place, full


def photo_filter():
    """Python side of one PhotoFilter update at 512x512 RGB, against scipy.ndimage alone."""
    import scipy.ndimage

    from convlib.kernels import KERNELS
    from convlib.plot import sample_image
    from convlib.widgets import PhotoFilter

    photo = sample_image("grace_hopper", gray=False)[:512, :512]
    pf = PhotoFilter(photo)
    names = [n for n in KERNELS if n != "identity"]

    def widget(i):
        pf.choice.value = names[i % len(names)]

    def reference(i):
        K = np.asarray(KERNELS[names[i % len(names)]], dtype=float)
        for c in range(3):
            scipy.ndimage.correlate(photo[..., c], K, mode="mirror")

    order = list(range(len(names))) * 2
    t_widget = median_ms(widget, order, 3)
    t_ref = median_ms(reference, order, 3)
    print("\nPhotoFilter, 512x512 RGB photo, one kernel change (filter + PNG encode + send):")
    print(f"  widget {t_widget:.1f} ms; scipy.ndimage on the 3 channels alone {t_ref:.1f} ms;"
          f" ratio {t_widget / t_ref:.2f}")
    print(f"  goal: re-run + redisplay <= 100 ms (Python side here): "
          f"{'met' if t_widget <= 100 else 'MISSED'}")


def main():
    print(__doc__.split("\n\n")[0])
    print()
    header = f"{'case':<26} {'steps':>5} {'widget ms':>10} {'in-place Agg':>13} {'full re-plot':>13}"
    header += f" {'widget/in-place':>16} {'widget/full':>12}"
    print(header)
    print("-" * len(header))
    worst = 0.0
    for name, (X, K, options) in CASES.items():
        n, widget, in_place, full = measure(X, K, options)
        worst = max(worst, widget)
        print(f"{name:<26} {n:>5} {widget:>10.3f} {in_place:>10.1f} ms {full:>10.1f} ms"
              f" {widget / in_place:>16.4f} {widget / full:>12.4f}")
    print()
    verdict = "met" if worst <= GOAL_MS else "MISSED"
    print(f"goal: one widget step <= {GOAL_MS} ms on the Python side; slowest case {worst:.3f} ms: {verdict}")
    photo_filter()


if __name__ == "__main__":
    main()
