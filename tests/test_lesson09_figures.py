"""Tests of convlib.lessons.lesson09.figures: measured times against kernel size."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from convlib.lessons.lesson09 import benchmark  # noqa: E402
from convlib.lessons.lesson09.figures import METHOD_STYLES, plot_method_times, plot_timings  # noqa: E402
from convlib.lessons.lesson09.speed import MethodTimes  # noqa: E402

OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
HEADER = "size,k,kernel,method,ms\n"






def write_csv(tmp_path, text, name="bench.csv"):
    """A benchmark file with the given body under the standard header."""
    path = tmp_path / name
    path.write_text(HEADER + text, encoding="utf-8")
    return path


def small_times():
    """Times for k = 1, 3, 5, 7, 9: direct grows, FFT is flat, separable in between."""
    return MethodTimes(64, (1, 3, 5, 7, 9), ("direct", "fft", "separable"),
                       [[0.1, 0.5, 1.2, 2.2, 3.6], [1.0, 1.0, 1.0, 1.0, 1.0], [0.5, 0.6, 0.7, 0.8, 0.9]])


# --------------------------------------------------------------------------
# figures
# --------------------------------------------------------------------------
def test_method_styles_use_okabe_ito_and_differ_beyond_colour():
    """Every method has an Okabe-Ito colour and its own line style and marker."""
    assert {s["color"] for s in METHOD_STYLES.values()} <= OKABE_ITO
    pairs = [(str(s["linestyle"]), s["marker"]) for s in METHOD_STYLES.values()]
    assert len(set(pairs)) == len(pairs) and len({m for _, m in pairs}) == len(pairs)


def test_plot_timings_draws_every_method_in_every_panel(tmp_path):
    """One panel per size and kernel; each line holds the table's times."""
    rows = "".join(f"{n},{k},{kern},{m},{n * k / 100}\n" for n in (512, 2048) for k in (3, 5)
                   for kern in ("random", "gauss") for m in ("auto", "ndimage"))
    table = benchmark.read_benchmark(write_csv(tmp_path, rows))
    fig, lines = plot_timings(table)
    try:
        assert len(fig.axes) == 4 and set(lines) == {(512, "random"), (512, "gauss"), (2048, "random"),
                                                    (2048, "gauss")}
        assert lines[2048, "gauss"]["ndimage"].get_ydata().tolist() == [2048 * 3 / 100, 2048 * 5 / 100]
        assert fig.axes[0].get_yscale() == "log" and fig.axes[0].get_xscale() == "log"
    finally:
        plt.close(fig)


def test_plot_method_times_marker_at_k():
    """The vertical marker starts at k; lines hold the measured times."""
    art = plot_method_times(small_times(), k=5)
    try:
        assert list(art.marker.get_xdata()) == [5, 5]
        assert art.lines["fft"].get_ydata().tolist() == [1.0] * 5
    finally:
        plt.close(art.ax.figure)
