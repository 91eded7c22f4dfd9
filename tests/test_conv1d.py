"""convlib.conv1d: 1-D convolution, against numpy.convolve, scipy and a direct loop.

Padding modes ('valid', 'same', 'full', 'causal', explicit), stride and
dilation are checked against a loop written here over the padded signal;
true convolution against numpy.convolve; layers with channels and groups
against scipy.signal.correlate per channel; the walk against the fast path,
bit for bit.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import signal

from convlib.conv1d import (
    conv1d,
    convolve1d,
    correlate1d,
    output_length,
    resolve_padding1d,
    steps1d,
    trace1d,
)

FAST = settings(max_examples=80, deadline=None)


def loop(x, k, left, right, s, d):
    """Direct loop: y[n] = sum_j k[j] * padded[n*s + j*d]."""
    p = np.concatenate([np.zeros(left), np.asarray(x, float), np.zeros(right)])
    span = d * (len(k) - 1) + 1
    return np.array([sum(k[j] * p[n + j * d] for j in range(len(k))) for n in range(0, len(p) - span + 1, s)])


@FAST
@given(st.data())
def test_every_mode_stride_and_dilation_matches_a_loop(data):
    """Random signals and kernels: 'valid', 'same', 'full', 'causal' and explicit padding, stride, dilation."""
    k = data.draw(st.integers(1, 5))
    d = data.draw(st.integers(1, 3))
    span = d * (k - 1) + 1
    n = data.draw(st.integers(span, 20))
    s = data.draw(st.integers(1, 3))
    mode = data.draw(st.sampled_from(["valid", "same", "full", "causal", "explicit"]))
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    x, kern = rng.normal(size=n), rng.normal(size=k)
    pads = {"valid": (0, 0), "full": (span - 1, span - 1), "causal": (span - 1, 0),
            "same": ((span - 1) // 2, span - 1 - (span - 1) // 2), "explicit": (2, 1)}[mode]
    kwargs = dict(padding=(2, 1)) if mode == "explicit" else dict(mode=mode)
    y = correlate1d(x, kern, stride=s, dilation=d, **kwargs)
    np.testing.assert_allclose(y, loop(x, kern, *pads, s, d), atol=1e-12)
    assert len(y) == output_length(n, k, stride=s, dilation=d, **kwargs)


@pytest.mark.parametrize("mode", ["valid", "same", "full"])
@pytest.mark.parametrize(("n", "k"), [(9, 3), (10, 4), (7, 1), (6, 6)])
def test_true_convolution_matches_numpy_convolve(mode, n, k):
    """convolve1d flips the kernel as numpy.convolve does, in its three modes (even kernels included)."""
    rng = np.random.default_rng(n * k)
    x, kern = rng.normal(size=n), rng.normal(size=k)
    np.testing.assert_allclose(convolve1d(x, kern, mode=mode), np.convolve(x, kern, mode=mode), atol=1e-12)


def test_causal_output_reads_only_the_past():
    """Changing x[m] changes no causal output before m, for every m."""
    rng = np.random.default_rng(3)
    x, kern = rng.normal(size=12), rng.normal(size=3)
    base = correlate1d(x, kern, mode="causal", dilation=2)
    for m in range(12):
        bumped = x.copy()
        bumped[m] += 1
        changed = np.nonzero(correlate1d(bumped, kern, mode="causal", dilation=2) != base)[0]
        assert changed.min() >= m


def test_layer_with_channels_and_groups_matches_scipy_per_channel():
    """conv1d over (B, C, N) with groups=2 and bias: scipy.signal.correlate summed over each group's channels."""
    rng = np.random.default_rng(4)
    x = rng.normal(size=(2, 4, 15))
    w = rng.normal(size=(6, 2, 3))
    b = rng.normal(size=6)
    y = conv1d(x, w, b, mode="causal", groups=2)
    for n in range(2):
        for f in range(6):
            g = f // 3
            padded = np.pad(x[n, 2 * g : 2 * g + 2], ((0, 0), (2, 0)))
            ref = sum(signal.correlate(padded[c], w[f, c], mode="valid") for c in range(2)) + b[f]
            np.testing.assert_allclose(y[n, f], ref, atol=1e-12)


@FAST
@given(st.integers(1, 4), st.integers(1, 3), st.integers(1, 3), st.sampled_from(["valid", "same", "causal"]),
       st.sampled_from([np.float64, np.float32, np.int64]), st.integers(0, 2**32 - 1))
def test_walk_equals_fast_path_bit_for_bit(k, s, d, mode, dtype, seed):
    """trace1d's output and each step's value have the fast path's bytes."""
    rng = np.random.default_rng(seed)
    x = (rng.normal(size=d * (k - 1) + 6) * 10).astype(dtype)
    kern = (rng.normal(size=k) * 10).astype(dtype)
    fast = correlate1d(x, kern, mode=mode, stride=s, dilation=d)
    t = trace1d(x, kern, mode=mode, stride=s, dilation=d)
    assert t.output[0].tobytes() == fast.tobytes()
    assert np.array([v.value for v in steps1d(x, kern, mode=mode, stride=s, dilation=d)]).tobytes() == fast.tobytes()


def test_integer_signals_do_not_overflow():
    """uint8 samples summed in int64."""
    assert correlate1d(np.full(4, 255, np.uint8), np.full(3, 255, np.uint8))[0] == 3 * 255 * 255


@pytest.mark.parametrize(("call", "error", "match"), [
    (lambda: correlate1d([1, 2, 3], [1, 1], mode="causl"), ValueError, r"mode must be one of"),
    (lambda: correlate1d([1, 2, 3], [1, 1], mode="same", padding=1), ValueError, r"mode and padding cannot both"),
    (lambda: correlate1d([1, 2, 3], [1, 1], padding=(1, 2, 3)), ValueError,
     r"padding must be one integer >= 0 or a pair \(left, right\); received"),
    (lambda: correlate1d([[1, 2, 3]], [1, 1]), ValueError, r"signal must be a 1-D array"),
    (lambda: correlate1d([1, 2], [1, 1, 1, 1]), ValueError, r"kernel is larger than the padded input"),
    (lambda: correlate1d([1, 2, 3], [1, 1], stride=0), ValueError, r"stride must be an integer >= 1; received 0"),
    (lambda: convolve1d([1, 2, 3], [1, 1], flip=False), TypeError, r"convolve1d always flips"),
    (lambda: conv1d([[1, 2, 3]], [[[1, 1]]], groups=2), ValueError, r"groups must divide"),
])
def test_bad_input_names_the_parameter(call, error, match):
    """Each bad input raises with a message naming the parameter."""
    with pytest.raises(error, match=match):
        call()


def test_resolve_padding_of_each_mode():
    """'same' puts the extra sample on the right (left when flipped); 'causal' all on the left, times the dilation."""
    assert resolve_padding1d(10, 4, mode="same") == (1, 2)
    assert resolve_padding1d(10, 4, mode="same", flip=True) == (2, 1)
    assert resolve_padding1d(10, 3, mode="causal", dilation=4) == (8, 0)
    assert resolve_padding1d(10, 3, mode="full", dilation=2) == (4, 4)
