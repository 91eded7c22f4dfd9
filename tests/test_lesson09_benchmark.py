"""Tests of convlib.lessons.lesson09.benchmark: the stored benchmark and what lesson 09 says about it.

Ratios and ranges are recomputed here from the CSV with the standard
library, and the method ``auto`` runs is recounted from the cost model's
formulas, so a wrong summary makes these tests fail.  The tests on the
stored file check every statement the lesson's text makes about its figure.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest

from convlib.lessons.lesson09 import benchmark
from convlib.lessons.lesson09.benchmark import BenchmarkTable, Trail, auto_method

HEADER = "size,k,kernel,method,ms\n"
STORED = Path(__file__).resolve().parent.parent / "benchmarks" / "results" / "conv_speed.csv"
#: The sizes lesson 09's figure and text are about.
SHOWN = (512, 2048)


def write_csv(tmp_path, text, name="bench.csv"):
    """A benchmark file with the given body under the standard header."""
    path = tmp_path / name
    path.write_text(HEADER + text, encoding="utf-8")
    return path


def stored_times():
    """{(size, kernel, k, method): ms} of the stored file, read with the csv module alone."""
    with STORED.open(encoding="utf-8", newline="") as f:
        return {(int(r["size"]), r["kernel"], int(r["k"]), r["method"]): float(r["ms"])
                for r in csv.DictReader(f)}


def shown_cases():
    """(size, kernel, k) of every case the lesson shows."""
    return sorted({(s, kern, k) for s, kern, k, _ in stored_times() if s in SHOWN})


def counted_method(size, kind, k):
    """The method with the least counted work, typed out from convlib.fast's rules (independent of it)."""
    taps, cells, pixels = k * k, (size - k + 1) ** 2, size * size
    if taps <= 9:
        return "direct"
    rank = 1 if kind == "gauss" else k
    cost = {"direct": taps * cells, "fft": 22 * max(1.0, math.log2(pixels) / 18) * pixels}
    if rank * 2 * k < taps:
        cost["separable"] = rank * (k * size * (size - k + 1) + k * cells) * 1.1
    return min(cost, key=cost.get)


# --------------------------------------------------------------------------
# reading the file
# --------------------------------------------------------------------------
def test_read_benchmark_missing_file_says_how_to_make_it(tmp_path):
    """No file: FileNotFoundError naming the path and the command that writes it."""
    missing = tmp_path / "nothing.csv"
    with pytest.raises(FileNotFoundError, match=r"no benchmark results at .*nothing\.csv.*python benchmarks/"
                                                r"conv_speed\.py --csv benchmarks/results/conv_speed\.csv"):
        benchmark.read_benchmark(missing)


def test_read_benchmark_missing_column(tmp_path):
    """A file without the ms column is not a benchmark file."""
    path = tmp_path / "b.csv"
    path.write_text("size,k,kernel,method\n512,3,random,auto\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lacks the column"):
        benchmark.read_benchmark(path)


def test_read_benchmark_bad_value_names_the_line(tmp_path):
    """A time that is not a number is reported with its line."""
    path = write_csv(tmp_path, "512,3,random,auto,1.5\n512,5,random,auto,fast\n")
    with pytest.raises(ValueError, match="line 3 of .* is not a timing"):
        benchmark.read_benchmark(path)


def test_read_benchmark_empty_table(tmp_path):
    """A header alone holds no timings."""
    with pytest.raises(ValueError, match="holds a header but no timings"):
        benchmark.read_benchmark(write_csv(tmp_path, ""))


def test_benchmark_times_sorted_by_k_with_nan_kept(tmp_path):
    """Rows come back by increasing k; skipped cases stay NaN."""
    table = benchmark.read_benchmark(write_csv(tmp_path, "512,7,random,auto,3\n512,3,random,auto,1\n"
                                                     "512,5,random,auto,nan\n"))
    ks, ms = table.times(512, "random", "auto")
    assert ks.tolist() == [3, 5, 7] and ms[0] == 1 and math.isnan(ms[1]) and ms[2] == 3


def test_benchmark_times_unknown_case_lists_contents(tmp_path):
    """Asking for a size that is not there lists the sizes that are."""
    table = benchmark.read_benchmark(write_csv(tmp_path, "512,3,random,auto,1\n"))
    with pytest.raises(KeyError, match=r"no timings for size=2048.*sizes \(512,\)"):
        table.times(2048, "random", "auto")


def test_ratio_table_divides_the_two_methods(tmp_path):
    """Each cell is time(numerator) / time(denominator)."""
    table = benchmark.read_benchmark(write_csv(tmp_path, "512,3,random,auto,1\n512,3,random,ndimage,4\n"
                                                     "512,5,random,auto,6\n512,5,random,ndimage,3\n"))
    last = table.ratio_table("auto", "ndimage").splitlines()[-1].split()
    assert last == ["512", "random", "0.25", "2.00"]


def test_repository_benchmark_has_what_the_lesson_draws():
    """The stored file holds 512 and 2048, random and Gaussian kernels, auto and ndimage."""
    table = benchmark.read_benchmark(STORED)
    assert {512, 2048} <= set(table.sizes) and set(table.kernels) == {"random", "gauss"}
    assert {"auto", "direct", "fft", "ndimage", "fftconvolve"} <= set(table.methods)


# --------------------------------------------------------------------------
# ratios and the method auto ran
# --------------------------------------------------------------------------
def test_ratios_equal_the_csv_divided_by_hand():
    """Every ratio is the quotient of the two times in the file; skipped (NaN) cases are left out."""
    times = stored_times()
    table = benchmark.read_benchmark(STORED)
    got = table.ratios("signal.correlate2d", "ndimage")
    want = {(s, kern, k): ms / times[s, kern, k, "ndimage"] for (s, kern, k, m), ms in times.items()
            if m == "signal.correlate2d" and not math.isnan(ms)}
    assert got.keys() == want.keys() and all(math.isclose(got[c], want[c]) for c in want)


def test_ratio_range_gives_the_smallest_and_largest_ratio():
    """The sentence holds the extreme quotients over the cases shown, and how many cases there are."""
    times = stored_times()
    r = [times[c + ("fftconvolve",)] / times[c + ("fft",)] for c in shown_cases()]
    text = benchmark.read_benchmark(STORED).ratio_range("fftconvolve", "fft", sizes=SHOWN)
    assert text == (f"fftconvolve takes {min(r):.2f} to {max(r):.2f} times as long as fft "
                    f"in the {len(r)} cases (sizes 512 and 2048, k = 3 to 31).")


@pytest.mark.parametrize("case", shown_cases(), ids=str)
def test_auto_method_is_the_cheapest_by_the_cost_model(case):
    """auto_method agrees with the work counted here from the cost model's formulas."""
    assert auto_method(*case) == counted_method(*case)


def test_auto_method_agrees_with_the_stored_times():
    """Where auto ran direct or fft, its stored time is within timing noise (±50%) of that method's."""
    times = stored_times()
    for case in shown_cases():
        ran = auto_method(*case)
        if ran in ("direct", "fft"):
            assert 0.5 < times[case + ("auto",)] / times[case + (ran,)] < 1.5, (case, ran)


def test_auto_method_rejects_an_unknown_kind_of_kernel():
    """Only the benchmark's kinds are known; the message lists them."""
    with pytest.raises(ValueError, match=r"kernel must be one of \('gauss', 'random'\); received 'box'"):
        auto_method(512, "box", 5)


def test_auto_table_names_the_method_and_the_ratio_of_every_case():
    """Each cell is the method auto ran and time(auto) / time(ndimage), as in the file."""
    times = stored_times()
    lines = benchmark.read_benchmark(STORED).auto_table(sizes=SHOWN).splitlines()
    row = next(line for line in lines if line.split()[:2] == ["2048", "random"]).split()
    k5 = times[2048, "random", 5, "auto"] / times[2048, "random", 5, "ndimage"]
    assert row[4:6] == [auto_method(2048, "random", 5), f"{k5:.2f}"]


# --------------------------------------------------------------------------
# where auto trails
# --------------------------------------------------------------------------
def test_trails_are_exactly_the_cases_where_auto_is_slower():
    """The trailing cases are those with time(auto) > time(ndimage) in the file, slowest first."""
    times = stored_times()
    want = {c for c in shown_cases() if times[c + ("auto",)] > times[c + ("ndimage",)]}
    found = benchmark.read_benchmark(STORED).trails(sizes=SHOWN)
    assert {(t.size, t.kernel, t.k) for t in found} == want
    assert [t.ratio for t in found] == sorted((t.ratio for t in found), reverse=True)


def test_trail_tells_noise_from_a_slower_method():
    """A trail whose method alone beat the reference is noise; otherwise the reference is faster."""
    noise = Trail(512, "random", 3, 1.2, "direct", 0.8)
    slower = Trail(2048, "random", 5, 1.2, "direct", 1.1)
    untimed = Trail(512, "gauss", 7, 1.2, "separable", None)
    assert noise.noise and "timing noise" in str(noise)
    assert not slower.noise and "ndimage is faster than convlib's direct method here" in str(slower)
    assert not untimed.noise and "separable was not timed on its own" in str(untimed)


def test_describe_trails_without_trails_says_so(tmp_path):
    """When auto is never slower, one sentence says so and counts the cases."""
    table = benchmark.read_benchmark(write_csv(tmp_path, "512,3,gauss,auto,1\n512,3,gauss,ndimage,2\n"))
    assert table.describe_trails() == ("auto was at least as fast as ndimage in all 1 cases "
                                       "(sizes 512, k = 3).")


def test_describe_trails_lists_several_methods(tmp_path):
    """Trails that ran different methods name each."""
    rows = ("512,3,gauss,auto,3\n512,3,gauss,ndimage,2\n512,3,gauss,direct,2.5\n"
            "512,31,random,auto,3\n512,31,random,ndimage,2\n512,31,random,fft,2.5\n")
    text = benchmark.read_benchmark(write_csv(tmp_path, rows)).describe_trails()
    assert text.startswith("auto took longer than ndimage in 2 of the 2 cases")
    assert "the methods direct, fft:" in text


# --------------------------------------------------------------------------
# what lesson 09 says about its figure, checked on the stored file
# --------------------------------------------------------------------------
def test_stored_every_trail_ran_the_direct_method():
    """'Where auto trails ndimage it ran the direct method', in every such case shown."""
    found = benchmark.read_benchmark(STORED).trails(sizes=SHOWN)
    assert found and all(t.ran == "direct" for t in found)


def test_stored_fftconvolve_is_slower_than_convlib_fft_everywhere_shown():
    """'scipy's fftconvolve takes longer than convlib's fft' in every case shown."""
    times = stored_times()
    assert all(times[c + ("fftconvolve",)] > times[c + ("fft",)] for c in shown_cases())


def test_stored_fft_lines_are_flat():
    """'A 31×31 kernel costs about what a 3×3 one does' for the FFT: within 25%."""
    times = stored_times()
    for s in SHOWN:
        for kern in ("random", "gauss"):
            assert 0.8 < times[s, kern, 31, "fft"] / times[s, kern, 3, "fft"] < 1.25


def test_stored_small_kernels_run_direct_and_a_direct_method_is_fastest():
    """'For 3×3 kernels a direct method is fastest, and auto runs one.'"""
    times = stored_times()
    for c in (c for c in shown_cases() if c[2] == 3):
        fastest = min(("direct", "fft", "ndimage", "signal.correlate2d", "fftconvolve"),
                      key=lambda m: times[c + (m,)])
        assert fastest in ("direct", "ndimage", "signal.correlate2d") and auto_method(*c) == "direct"


def test_stored_large_kernels_run_fft_far_faster_than_ndimage():
    """'For large kernels auto runs the FFT and is many times faster than ndimage' (k = 31: 10× or more)."""
    times = stored_times()
    for c in (c for c in shown_cases() if c[2] == 31):
        assert auto_method(*c) == "fft" and times[c + ("auto",)] * 10 < times[c + ("ndimage",)]


def test_stored_separable_cases_beat_direct_and_fft():
    """'With Gaussian kernels auto runs the separable method for middle sizes, below direct and FFT.'"""
    times = stored_times()
    separable = [c for c in shown_cases() if auto_method(*c) == "separable"]
    assert separable and all(c[1] == "gauss" and 3 < c[2] < 15 for c in separable)
    assert all(times[c + ("auto",)] < min(times[c + ("direct",)], times[c + ("fft",)]) for c in separable)


def test_stored_signal_correlate2d_is_the_slowest_direct_method_and_stops():
    """'signal.correlate2d is the slowest direct method; its line stops' (skipped on the largest cases)."""
    times = stored_times()
    timed = [c for c in shown_cases() if not math.isnan(times[c + ("signal.correlate2d",)])]
    assert len(timed) < len(shown_cases())
    assert all(times[c + ("signal.correlate2d",)] > max(times[c + ("direct",)], times[c + ("ndimage",)])
               for c in timed)


def test_table_repr_and_types(tmp_path):
    """The text form counts the timings and lists sizes; read values are numbers."""
    table = benchmark.read_benchmark(write_csv(tmp_path, "512,3,random,auto,1\n"))
    assert repr(table).startswith("BenchmarkTable: 1 timings; sizes (512,)")
    assert isinstance(table, BenchmarkTable) and np.isfinite(table.times(512, "random", "auto")[1]).all()


def test_stored_random_5x5_runs_fft_on_512_and_direct_on_2048():
    """'The same kind of kernel gets the FFT on a 512×512 picture and the direct method on a 2048×2048.'"""
    assert auto_method(512, "random", 5) == "fft" and auto_method(2048, "random", 5) == "direct"
