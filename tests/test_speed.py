"""Lesson 09's helpers: timing, the cost model, the benchmark file, its figures and the crossover widget.

Expected values come from independent sources where it matters: window
counts and matrix sizes from numpy's ``sliding_window_view``, times from a
fake clock, the cost model's choices from ``convlib.fast.choose_method``.
"""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from numpy.lib.stride_tricks import sliding_window_view  # noqa: E402

from convlib import correlate2d, speed  # noqa: E402
from convlib.fast import choose_method, kernel_rank  # noqa: E402
from convlib.kernels import gaussian  # noqa: E402
from convlib.plot import METHOD_STYLES, plot_method_times, plot_timings  # noqa: E402
from convlib.speed import BenchmarkTable, MethodTimes, Timings  # noqa: E402
from convlib.widgets import FFTCrossover  # noqa: E402

OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
HEADER = "size,k,kernel,method,ms\n"


class FakeClock:
    """A perf_counter that only moves when the timed function says so."""

    def __init__(self):
        self.now = 0.0
        self.calls = 0

    def __call__(self):
        return self.now

    def spend(self, seconds):
        """A function to time that takes ``seconds`` of fake time per call."""
        durations = iter(seconds) if isinstance(seconds, list) else None

        def fn(*args, **kwargs):
            self.calls += 1
            self.now += next(durations) if durations is not None else seconds

        return fn


@pytest.fixture
def clock(monkeypatch):
    """speed.time_call reads this fake clock instead of the real one."""
    fake = FakeClock()
    monkeypatch.setattr(speed.time, "perf_counter", fake)
    return fake


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
# time_call and compare
# --------------------------------------------------------------------------
def test_time_call_returns_median_in_ms(clock):
    """Warm-up 10 ms, then runs of 1, 3 and 2 ms: the median, 2 ms."""
    fn = clock.spend([0.010, 0.001, 0.003, 0.002])
    assert speed.time_call(fn, repeat=3) == pytest.approx(2.0)


def test_time_call_min_returns_the_shortest(clock):
    """stat='min' keeps the least disturbed measurement: 1 ms of 3, 1 and 2."""
    fn = clock.spend([0.010, 0.003, 0.001, 0.002])
    assert speed.time_call(fn, repeat=3, stat="min") == pytest.approx(1.0)


def test_time_call_rejects_unknown_stat():
    """Only the median and the minimum are offered."""
    with pytest.raises(ValueError, match="stat must be 'median' or 'min'; received the string 'mean'"):
        speed.time_call(abs, 1, stat="mean")


def test_time_call_groups_fast_calls(clock):
    """Calls of 0.1 ms are grouped by 20 to make 2 ms measurements."""
    fn = clock.spend(0.0001)
    ms = speed.time_call(fn, repeat=3, min_ms=2.0)
    assert ms == pytest.approx(0.1) and clock.calls == 1 + 3 * 20


def test_time_call_min_ms_zero_times_single_calls(clock):
    """min_ms=0 times every call on its own."""
    speed.time_call(clock.spend(0.0001), repeat=4, min_ms=0)
    assert clock.calls == 1 + 4


def test_time_call_passes_arguments():
    """Positional and keyword arguments reach the function."""
    seen = []
    speed.time_call(lambda a, b=0: seen.append((a, b)), 1, b=2, repeat=1)
    assert set(seen) == {(1, 2)}


def test_time_call_rejects_non_callable():
    """A number instead of a function names the parameter."""
    with pytest.raises(TypeError, match="fn must be a function to time"):
        speed.time_call(5)


def test_time_call_rejects_zero_repeat():
    """repeat=0 is refused with the minimum in the message."""
    with pytest.raises(ValueError, match="repeat must be a whole number of at least 1; received 0"):
        speed.time_call(abs, 1, repeat=0)


def test_compare_reports_agreement_and_reference():
    """Two correct methods agree; the first is the reference by default."""
    X, K = np.arange(30.0).reshape(5, 6), np.ones((2, 2))
    t = speed.compare(X, K, {"convlib": correlate2d, "fft": lambda X, K: correlate2d(X, K, method="fft")},
                      repeat=1, min_ms=0)
    assert t.reference == "convlib" and t.agrees == (True, True)


def test_compare_flags_a_wrong_method():
    """A method with a different result is marked in the table."""
    X, K = np.arange(30.0).reshape(5, 6), np.ones((2, 2))
    t = speed.compare(X, K, {"convlib": correlate2d, "wrong": lambda X, K: correlate2d(X, K) + 1},
                      repeat=1, min_ms=0)
    last = repr(t).splitlines()[2]
    assert t.agrees == (True, False) and "wrong" in last and last.endswith("(different result!)")


def test_compare_unknown_reference_is_refused():
    """reference must be one of the names."""
    with pytest.raises(ValueError, match="reference must be one of the methods' names"):
        speed.compare([[1.0]], [[1.0]], {"a": correlate2d}, reference="b")


def test_compare_rejects_empty_methods():
    """An empty dict is refused."""
    with pytest.raises(TypeError, match="methods must be a non-empty dict"):
        speed.compare([[1.0]], [[1.0]], {})


def test_timings_speedup_is_reference_over_time():
    """10 ms against a 40 ms reference is 4 times faster."""
    t = Timings(("loop", "fast"), (40.0, 10.0), "loop", (True, True))
    assert t.speedup("fast") == pytest.approx(4.0) and t.speedup("loop", over="fast") == pytest.approx(0.25)


def test_timings_text_says_faster_and_slower():
    """The table words each ratio as faster or slower than the reference."""
    text = repr(Timings(("ref", "quick", "slow"), (10.0, 2.0, 30.0), "ref", (True, True, True)))
    assert "(reference)" in text and "5.0× faster" in text and "3.0× slower" in text


def test_timings_unknown_name_lists_names():
    """Asking for a method that was not timed lists the ones that were."""
    with pytest.raises(KeyError, match="name must be one of 'a'"):
        Timings(("a",), (1.0,), "a", (True,)).time("b")


@pytest.mark.parametrize(("ratio", "text"), [(1.0, "1.0×"), (3.21, "3.2×"), (45.4, "45×"), (999.4, "999×"),
                                             (1234.5, "1200×"), (float("nan"), "?×")])
def test_format_ratio(ratio, text):
    """Ratios get 2 significant digits, at least."""
    assert speed.format_ratio(ratio) == text


@pytest.mark.parametrize(("nbytes", "text"), [(0, "0 B"), (1023, "1023 B"), (1024, "1.00 KiB"),
                                              (8 * 2**20, "8.00 MiB"), (406_239_008, "387 MiB"),
                                              (2018**2 * 31**2 * 8, "29.2 GiB")])
def test_format_bytes(nbytes, text):
    """Binary units, 3 significant digits."""
    assert speed.format_bytes(nbytes) == text


def test_format_bytes_rejects_negative():
    """A negative size is refused."""
    with pytest.raises(ValueError, match="nbytes must be a number of bytes, 0 or more"):
        speed.format_bytes(-1)


# --------------------------------------------------------------------------
# cost model
# --------------------------------------------------------------------------
@pytest.mark.parametrize(("image", "kernel"), [((3, 3), (2, 2)), ((7, 5), (3, 2)), ((480, 640), (5, 5)),
                                                ((10, 10), (10, 10)), ((4, 9), (1, 3))])
def test_multiply_adds_counts_windows_times_weights(image, kernel):
    """Windows counted by sliding_window_view, times the kernel's weights."""
    windows = sliding_window_view(np.zeros(image), kernel)
    assert speed.multiply_adds(image, kernel) == math.prod(windows.shape)


def test_multiply_adds_rejects_kernel_larger_than_image():
    """A kernel that does not fit says so."""
    with pytest.raises(ValueError, match="kernel is larger than the padded input"):
        speed.multiply_adds((3, 3), (4, 4))


def test_multiply_adds_rejects_a_single_number():
    """A shape must be a pair."""
    with pytest.raises(TypeError, match="image_shape must be a pair"):
        speed.multiply_adds(5, (3, 3))


@pytest.mark.parametrize(("image", "kernel", "dtype"), [((3, 3), (2, 2), np.int64),
                                                         ((12, 9), (3, 4), np.float64),
                                                         ((20, 20), (5, 5), np.float32)])
def test_im2col_bytes_matches_numpy(image, kernel, dtype):
    """The formula gives the nbytes of the matrix numpy builds."""
    A = sliding_window_view(np.zeros(image, dtype=dtype), kernel).reshape(-1, kernel[0] * kernel[1])
    assert speed.im2col_bytes(image, kernel, np.dtype(dtype).itemsize) == A.nbytes


def test_im2col_of_the_lesson_is_about_29_gib():
    """2048x2048 with a 31x31 kernel: 2018**2 rows of 961 float64 values."""
    assert speed.im2col_bytes((2048, 2048), (31, 31)) == 2018 * 2018 * 961 * 8


def test_cost_per_pixel_formulas():
    """direct k*k, separable rank*(kh + kw), FFT 22 taps growing like log2(H*W) past 512x512."""
    costs = speed.cost_per_pixel((2048, 2048), (31, 31), rank=1)
    assert (costs["direct"], costs["separable"]) == (961, 62)
    assert costs["fft"] == pytest.approx(22 * 22 / 18)
    assert speed.cost_per_pixel((64, 64), (5, 3))["fft"] == 22.0


def test_cost_per_pixel_default_rank_is_full():
    """Without a rank, a 5x3 kernel counts as rank 3."""
    assert speed.cost_per_pixel((64, 64), (5, 3))["separable"] == 3 * (5 + 3)


def _choice_cases():
    """Image and kernel pairs where one method is cheapest by at least 25% (ties are left out)."""
    rng = np.random.default_rng(3)
    cases = []
    for n in (256, 1024, 2048):
        for k in (5, 7, 9, 15, 25, 31):
            for name, K in (("gauss", gaussian(k)), ("random", rng.random((k, k))),
                            ("rank2", gaussian(k) + np.outer(rng.random(k), rng.random(k)))):
                costs = sorted(speed.cost_per_pixel((n, n), K.shape, rank=kernel_rank(K)).values())
                if costs[1] >= 1.25 * costs[0]:
                    cases.append(pytest.param(n, K, id=f"{n}-{k}-{name}"))
        for shape in ((3, 4), (4, 4)):  # more than 9 weights, and still direct
            K = rng.random(shape)
            costs = sorted(speed.cost_per_pixel((n, n), shape, rank=kernel_rank(K)).values())
            if costs[1] >= 1.25 * costs[0]:
                cases.append(pytest.param(n, K, id=f"{n}-{shape[0]}x{shape[1]}-random"))
    return cases


def test_choice_cases_cover_every_method():
    """The clear cases include each of direct, separable and fft as the cheapest."""
    found = {speed.cheapest(speed.cost_per_pixel((p.values[0],) * 2, p.values[1].shape,
                                                 rank=kernel_rank(p.values[1]))) for p in _choice_cases()}
    assert found == {"direct", "separable", "fft"}


@pytest.mark.parametrize(("n", "K"), _choice_cases())
def test_cheapest_by_cost_model_is_what_auto_picks(n, K):
    """Where one method is clearly cheapest, convlib's auto picks it too."""
    costs = speed.cost_per_pixel((n, n), K.shape, rank=kernel_rank(K))
    out = (n - K.shape[0] + 1,) * 2
    assert speed.cheapest(costs) == choose_method(np.zeros((n, n)), K, (1, 1), (1, 1), out, np.dtype(float))


# --------------------------------------------------------------------------
# MethodTimes and measure_methods
# --------------------------------------------------------------------------
def test_crossover_ignores_an_early_lucky_measurement():
    """FFT wins at k=3 by noise, loses at 5, wins from 7 on: the crossover is 7."""
    t = MethodTimes(64, (1, 3, 5, 7, 9), ("direct", "fft"), [[1, 2, 3, 4, 5], [3, 1.5, 3.5, 2, 2]])
    assert t.crossover("fft", "direct") == 7


def test_crossover_none_when_fft_never_wins_at_the_end():
    """If direct is faster at the largest k, there is no crossover."""
    t = MethodTimes(64, (1, 3), ("direct", "fft"), [[1, 2], [3, 3]])
    assert t.crossover() is None


def test_summary_gives_work_and_measured_ratio():
    """At k = 9: 81 and 18 multiply-adds, and FFT 3.6 times faster."""
    text = small_times().summary(9)
    assert text.startswith("k = 9 (a 9×9 kernel on a 64×64 image).")
    assert "direct 81 multiply-adds, separable 18" in text and "FFT is 3.6× faster than direct" in text
    assert "FFT beats direct from k = 5 on." in text


def test_summary_snaps_to_measured_k():
    """A k between two measured sizes uses the nearer (smaller on a tie)."""
    assert small_times().summary(4).startswith("k = 3 ")


def test_method_times_rejects_wrong_shape():
    """One row per method and one column per k."""
    with pytest.raises(ValueError, match=r"one row per method and one column per k, shape \(2, 3\)"):
        MethodTimes(64, (1, 3, 5), ("direct", "fft"), [[1, 2, 3]])


def test_method_times_is_read_only():
    """The measured times cannot be changed by accident."""
    with pytest.raises(ValueError, match="read-only"):
        small_times().ms[0, 0] = 5


def test_measure_methods_times_every_method_and_k():
    """A small run gives one positive time per method and k."""
    t = speed.measure_methods(32, (1, 3, 5), ("direct", "fft"), repeat=1)
    assert t.ms.shape == (2, 3) and (t.ms > 0).all() and t.ks == (1, 3, 5)


def test_measure_methods_rejects_even_k():
    """Kernel sizes must be odd and increasing."""
    with pytest.raises(ValueError, match="ks must be odd kernel sizes"):
        speed.measure_methods(32, (1, 2, 3))


def test_measure_methods_rejects_unknown_method():
    """The message lists the methods of correlate2d."""
    with pytest.raises(ValueError, match="methods must be chosen from 'direct'"):
        speed.measure_methods(32, (1, 3), ("fast",))


# --------------------------------------------------------------------------
# the benchmark file
# --------------------------------------------------------------------------
def test_read_benchmark_missing_file_says_how_to_make_it(tmp_path):
    """No file: FileNotFoundError naming the path and the command that writes it."""
    missing = tmp_path / "nothing.csv"
    with pytest.raises(FileNotFoundError, match=r"no benchmark results at .*nothing\.csv.*python benchmarks/"
                                                r"conv_speed\.py --csv benchmarks/results/conv_speed\.csv"):
        speed.read_benchmark(missing)


def test_read_benchmark_missing_column(tmp_path):
    """A file without the ms column is not a benchmark file."""
    path = tmp_path / "b.csv"
    path.write_text("size,k,kernel,method\n512,3,random,auto\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lacks the column"):
        speed.read_benchmark(path)


def test_read_benchmark_bad_value_names_the_line(tmp_path):
    """A time that is not a number is reported with its line."""
    path = write_csv(tmp_path, "512,3,random,auto,1.5\n512,5,random,auto,fast\n")
    with pytest.raises(ValueError, match="line 3 of .* is not a timing"):
        speed.read_benchmark(path)


def test_read_benchmark_empty_table(tmp_path):
    """A header alone holds no timings."""
    with pytest.raises(ValueError, match="holds a header but no timings"):
        speed.read_benchmark(write_csv(tmp_path, ""))


def test_benchmark_times_sorted_by_k_with_nan_kept(tmp_path):
    """Rows come back by increasing k; skipped cases stay NaN."""
    table = speed.read_benchmark(write_csv(tmp_path, "512,7,random,auto,3\n512,3,random,auto,1\n"
                                                     "512,5,random,auto,nan\n"))
    ks, ms = table.times(512, "random", "auto")
    assert ks.tolist() == [3, 5, 7] and ms[0] == 1 and math.isnan(ms[1]) and ms[2] == 3


def test_benchmark_times_unknown_case_lists_contents(tmp_path):
    """Asking for a size that is not there lists the sizes that are."""
    table = speed.read_benchmark(write_csv(tmp_path, "512,3,random,auto,1\n"))
    with pytest.raises(KeyError, match=r"no timings for size=2048.*sizes \(512,\)"):
        table.times(2048, "random", "auto")


def test_ratio_table_divides_the_two_methods(tmp_path):
    """Each cell is time(numerator) / time(denominator)."""
    table = speed.read_benchmark(write_csv(tmp_path, "512,3,random,auto,1\n512,3,random,ndimage,4\n"
                                                     "512,5,random,auto,6\n512,5,random,ndimage,3\n"))
    last = table.ratio_table("auto", "ndimage").splitlines()[-1].split()
    assert last == ["512", "random", "0.25", "2.00"]


def test_repository_benchmark_has_what_the_lesson_draws():
    """The stored file holds 512 and 2048, random and Gaussian kernels, auto and ndimage."""
    table = speed.read_benchmark(Path(__file__).resolve().parent.parent / "benchmarks/results/conv_speed.csv")
    assert {512, 2048} <= set(table.sizes) and set(table.kernels) == {"random", "gauss"}
    assert {"auto", "direct", "fft", "ndimage", "fftconvolve"} <= set(table.methods)


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
    table = speed.read_benchmark(write_csv(tmp_path, rows))
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


# --------------------------------------------------------------------------
# the crossover widget
# --------------------------------------------------------------------------
def test_widget_slider_is_keyboard_ready():
    """An IntSlider over the measured sizes, with a label and a visible value."""
    fx = FFTCrossover(small_times(), k=5)
    s = fx.slider
    assert (s.min, s.max, s.step, s.value) == (1, 9, 2, 5) and s.readout and s.description == "Kernel size k"


def test_widget_moving_slider_moves_marker_and_text():
    """k = 7 moves the marker and rewrites the line of text."""
    fx = FFTCrossover(small_times(), k=3)
    fx.slider.value = 7
    assert list(fx.artists.marker.get_xdata()) == [7, 7] and fx.text.startswith("k = 7 ")
    assert "k = 7 " in fx._status.value and 'role="status"' in fx._status.value


def test_widget_redraws_the_png():
    """The picture is PNG bytes and changes with k."""
    fx = FFTCrossover(small_times(), k=1)
    before = fx.image.value
    fx.slider.value = 9
    assert before[1:4] == b"PNG" and fx.image.value != before


def test_widget_shows_callback_errors(monkeypatch):
    """An error while drawing is shown in the widget, not lost."""
    fx = FFTCrossover(small_times(), k=3)

    def broken(k):
        raise ValueError("cannot summarise")

    monkeypatch.setattr(fx.times.__class__, "summary", lambda self, k: broken(k))
    fx.slider.value = 5
    assert "cannot summarise" in fx.error and 'role="alert"' in fx._error.value


def test_widget_rejects_uneven_kernel_sizes():
    """The slider needs evenly spaced sizes."""
    t = MethodTimes(64, (1, 3, 7), ("direct", "fft"), [[1, 2, 3], [1, 1, 1]])
    with pytest.raises(ValueError, match="must be evenly spaced"):
        FFTCrossover(t)


def test_widget_rejects_other_times():
    """times must be a MethodTimes."""
    with pytest.raises(TypeError, match="times must be a convlib.speed.MethodTimes"):
        FFTCrossover({"direct": [1]})


def test_widget_repr_says_what_was_timed():
    """The text form names the methods, the image and the current k."""
    assert repr(FFTCrossover(small_times(), k=3)) == ("FFTCrossover: direct, fft, separable timed on a 64x64 "
                                                      "image for k = 1..9; showing k = 3")


def test_benchmark_table_repr_lists_contents():
    """The text form gives the number of timings and what they cover."""
    table = BenchmarkTable(((512, 3, "random", "auto", 1.0),), "x.csv")
    assert repr(table).startswith("BenchmarkTable: 1 timings; sizes (512,)")
