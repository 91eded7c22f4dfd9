"""Tests of convlib.lessons.lesson09.speed: timing in the notebook and measured crossovers.

Times come from a fake clock, so that the arithmetic of the timing helpers
is checked exactly.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from convlib import correlate2d  # noqa: E402
from convlib.lessons.lesson09 import speed  # noqa: E402
from convlib.lessons.lesson09.speed import MethodTimes, Timings  # noqa: E402


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
    with pytest.raises(ValueError, match="repeat must be an integer >= 1; received 0"):
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
