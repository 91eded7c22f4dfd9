"""Grouped, depthwise and depthwise-separable convolution, and their counts.

conv2d(groups=g) is compared with conv2d run on each group's channels and
filters, and with scipy.signal.correlate2d channel by channel; a separable
convolution with the one full convolution whose weights are the products of
its two parts; the counts with the sizes of the weight arrays and with
output cells times weights.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import signal

from convlib import conv2d, depthwise_conv2d, separable_conv2d, trace
from convlib.cost import conv_layer, conv_multiply_adds, conv_parameters, separable_layer

FAST = settings(max_examples=50, deadline=None)


@FAST
@given(st.integers(1, 3), st.integers(1, 3), st.integers(1, 2), st.integers(1, 3), st.integers(0, 1),
       st.integers(0, 2**32 - 1))
def test_groups_equal_conv2d_per_group(g, cg, fg, s, p, seed):
    """Each filter group reads only its channel group: equal to conv2d on the slices, bias included."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(2, g * cg, 6, 5))
    w = rng.normal(size=(g * fg, cg, 3, 2))
    b = rng.normal(size=g * fg)
    y = conv2d(x, w, b, stride=s, padding=p, groups=g)
    for k in range(g):
        ref = conv2d(x[:, k * cg : (k + 1) * cg], w[k * fg : (k + 1) * fg], b[k * fg : (k + 1) * fg], stride=s,
                     padding=p)
        np.testing.assert_allclose(y[:, k * fg : (k + 1) * fg], ref, atol=1e-12)


def test_depthwise_matches_scipy_channel_by_channel_and_the_walk():
    """Depthwise (multiplier 2): scipy.signal.correlate2d per channel; each map equals trace() bit for bit."""
    rng = np.random.default_rng(5)
    x = rng.normal(size=(3, 7, 6))
    w = rng.normal(size=(6, 1, 3, 3))
    y = depthwise_conv2d(x, w, padding=1)
    for f in range(6):
        ref = signal.correlate2d(np.pad(x[f // 2], 1), w[f, 0], mode="valid")
        np.testing.assert_allclose(y[f], ref, atol=1e-12)
        assert y[f].tobytes() == trace(x[f // 2], w[f, 0], padding=1).output.tobytes()


def test_separable_is_one_full_convolution_with_product_weights():
    """Depthwise then 1x1 equals conv2d with W[f, c] = sum_q pointwise[f, c*m+q] * depthwise[c*m+q, 0]."""
    rng = np.random.default_rng(6)
    x = rng.normal(size=(3, 8, 8))
    dw, pw, b = rng.normal(size=(6, 1, 3, 3)), rng.normal(size=(4, 6, 1, 1)), rng.normal(size=4)
    full = np.zeros((4, 3, 3, 3))
    for f in range(4):
        for c in range(3):
            for q in range(2):
                full[f, c] += pw[f, 2 * c + q, 0, 0] * dw[2 * c + q, 0]
    np.testing.assert_allclose(separable_conv2d(x, dw, pw, b, stride=2), conv2d(x, full, b, stride=2), atol=1e-12)


@pytest.mark.parametrize(("c_in", "c_out", "k", "g"), [(8, 16, 3, 1), (8, 16, 3, 2), (8, 8, 5, 8), (6, 12, 1, 3)])
def test_grouped_counts_match_array_sizes_and_output_cells(c_in, c_out, k, g):
    """Parameters = weights (C_out, C_in/g, k, k) + biases; multiply-adds = output cells x weights per filter."""
    w = np.zeros((c_out, c_in // g, k, k))
    assert conv_parameters(c_in, c_out, k, groups=g) == w.size + c_out
    y = conv2d(np.zeros((c_in, 12, 12)), w, padding=1, groups=g)
    assert conv_multiply_adds((12, 12), c_in, c_out, k, padding=1, groups=g) == y.size * (c_in // g) * k * k
    assert conv_layer((12, 12), c_in, c_out, k, padding=1, groups=g).output_shape == y.shape


def test_separable_counts_match_the_two_layers_and_the_ratio_formula():
    """Depthwise + pointwise sizes; multiply-add ratio to a full convolution is 1/C_out + 1/k^2."""
    s = separable_layer((32, 32), 16, 64, 3, padding=1, bias=False)
    assert s.depthwise.parameters == np.zeros((16, 1, 3, 3)).size
    assert s.pointwise.parameters == np.zeros((64, 16, 1, 1)).size
    assert s.parameters == 16 * 9 + 16 * 64 and s.full.parameters == 64 * 16 * 9
    assert s.multiply_adds / s.full.multiply_adds == pytest.approx(1 / 64 + 1 / 9)
    assert s.pointwise.output_shape == s.full.output_shape == (64, 32, 32)


@pytest.mark.parametrize(("call", "match"), [
    (lambda: conv2d(np.ones((3, 4, 4)), np.ones((4, 1, 2, 2)), groups=2), r"groups must divide both the input "
                                                                         r"channels and the filters: x has 3"),
    (lambda: conv2d(np.ones((4, 4, 4)), np.ones((4, 4, 2, 2)), groups=2),
     r"per input channel of its group \(4 / 2 = 2\).*should have shape \(F, 2, kh, kw\)"),
    (lambda: conv2d(np.ones((4, 4, 4)), np.ones((4, 4, 2, 2)), groups=0), r"groups must be an integer >= 1"),
    (lambda: depthwise_conv2d(np.ones((3, 4, 4)), np.ones((4, 1, 2, 2))), r"depthwise must hold m kernels per "
                                                                          r"input channel.*C = 3"),
    (lambda: conv_parameters(3, 8, 3, groups=2), r"groups must divide both c_in and c_out: received c_in=3"),
])
def test_bad_groups_name_the_parameter(call, match):
    """Groups that do not divide, weights of the wrong shape: messages naming the parameter."""
    with pytest.raises(ValueError, match=match):
        call()
