"""Tests of lesson 07's network, data and training: layers against convlib and finite differences, the bar of 95%.

References: :func:`convlib.conv2d` and :func:`convlib.max_pool` for the
layers' forward passes, central finite differences for every gradient, a
softmax written out here, and the shapes' own masks for the data set.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlib import conv2d, max_pool
from convlib.lessons.lesson07 import data as D
from convlib.lessons.lesson07 import network as N
from convlib.lessons.lesson07 import train as T

REPO = Path(__file__).resolve().parent.parent
FAST = settings(max_examples=40, deadline=None)


def nchw(a):
    """Channels last -> channels first."""
    return np.moveaxis(a, -1, 1)


def nhwc(a):
    """Channels first -> channels last."""
    return np.moveaxis(a, 1, -1)


@FAST
@given(st.integers(1, 3), st.integers(1, 4), st.integers(1, 4), st.integers(3, 8), st.integers(1, 3),
       st.integers(0, 2), st.integers(0, 1000))
def test_conv_forward_is_conv2d(n, c, f, side, k, pad, seed):
    """The im2col layer gives conv2d's output for every picture of the batch (few and many channels)."""
    if side + 2 * pad < k:
        return
    rng = np.random.default_rng(seed)
    x, w, b = rng.normal(size=(n, c, side, side)), rng.normal(size=(f, c, k, k)), rng.normal(size=f)
    got, _ = N.conv_forward(nhwc(x), w, b, pad)
    np.testing.assert_allclose(nchw(got), conv2d(x, w, b, padding=pad), rtol=1e-12, atol=1e-12)


def test_pool_forward_is_max_pool():
    """2x2 max pooling of every map equals convlib.max_pool."""
    x = np.random.default_rng(1).normal(size=(2, 3, 6, 8))
    got, _ = N.pool_forward(nhwc(x))
    np.testing.assert_array_equal(nchw(got), max_pool(x, 2))


def numeric_gradient(f, a, eps=1e-6):
    """Central differences of the scalar f() with respect to every entry of a (changed in place)."""
    out = np.zeros_like(a)
    for k in np.ndindex(*a.shape):
        old = a[k]
        a[k] = old + eps
        plus = f()
        a[k] = old - eps
        minus = f()
        a[k] = old
        out[k] = (plus - minus) / (2 * eps)
    return out


@pytest.mark.parametrize("pad", [0, 1])
def test_conv_backward_matches_finite_differences(pad):
    """dx, dweights and dbias of the im2col layer agree with finite differences of sum(g * y)."""
    rng = np.random.default_rng(pad)
    x, w, b = rng.normal(size=(2, 5, 5, 3)), rng.normal(size=(4, 3, 3, 3)), rng.normal(size=4)
    g = rng.normal(size=N.conv_forward(x, w, b, pad)[0].shape)

    def loss():
        return float(np.sum(g * N.conv_forward(x, w, b, pad)[0]))

    _, cache = N.conv_forward(x, w, b, pad)
    dx, dw, db = N.conv_backward(g, cache)
    for got, arr in ((dx, x), (dw, w), (db, b)):
        np.testing.assert_allclose(got, numeric_gradient(loss, arr), rtol=1e-6, atol=1e-6)
    assert N.conv_backward(g, cache, need_dx=False)[0] is None


def test_pool_backward_sends_the_gradient_to_the_winner():
    """Each window's gradient lands on its largest cell; a tie goes to the first in row-major order."""
    x = np.array([[1.0, 5, 2, 2], [3, 0, 2, 2]]).reshape(1, 2, 4, 1)
    y, cache = N.pool_forward(x)
    dx = N.pool_backward(np.array([[[[10.0], [20.0]]]]), cache)
    assert dx[0, :, :, 0].tolist() == [[0, 10, 20, 0], [0, 0, 0, 0]]


def test_softmax_cross_entropy_against_a_written_out_softmax():
    """Loss and gradient equal -mean(log softmax[label]) and (softmax - onehot) / N."""
    z = np.array([[1.0, 2.0, 0.5, -1.0], [0.0, 0.0, 3.0, 1.0]])
    labels = np.array([1, 3])
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    loss, grad = N.softmax_cross_entropy(z, labels)
    assert loss == pytest.approx(-np.mean(np.log(p[[0, 1], labels])))
    onehot = np.eye(4)[labels]
    np.testing.assert_allclose(grad, (p - onehot) / 2)
    big, _ = N.softmax_cross_entropy(z + 1000, labels)          # no overflow
    assert big == pytest.approx(loss)


def test_network_gradients_match_finite_differences():
    """Every parameter's gradient (a sample of entries each) agrees with finite differences of the loss."""
    x, y = D.make_shapes(3, seed=4)
    net = N.SmallCNN(seed=2, dtype=np.float64)
    _, grads = net.gradients(x, y)
    rng = np.random.default_rng(0)
    for name, p in net.params.items():
        for _ in range(4):
            k = tuple(int(rng.integers(0, s)) for s in p.shape)
            old = p[k]
            p[k] = old + 1e-6
            plus = net.gradients(x, y)[0]
            p[k] = old - 1e-6
            minus = net.gradients(x, y)[0]
            p[k] = old
            assert grads[name][k] == pytest.approx((plus - minus) / 2e-6, rel=1e-5, abs=1e-8), name


def test_feature_maps_have_each_layer_shape():
    """Maps come back channels first, with the shapes the architecture says, and probabilities adding to 1."""
    net = T.load_trained()
    maps = net.feature_maps(np.zeros((28, 28)))
    assert {k: v.shape for k, v in maps.items() if k != "probabilities"} == {
        "input": (1, 28, 28), "conv1": (8, 28, 28), "relu1": (8, 28, 28), "pool1": (8, 14, 14),
        "conv2": (16, 14, 14), "relu2": (16, 14, 14), "pool2": (16, 7, 7)}
    assert maps["probabilities"].sum() == pytest.approx(1.0, abs=1e-6)


def test_network_refuses_a_wrong_picture_size():
    """A batch that is not (N, 1, 28, 28) gets a message with both shapes."""
    with pytest.raises(ValueError, match=r"shape \(N, 1, 28, 28\); received shape \(2, 1, 32, 32\)"):
        N.SmallCNN().forward(np.zeros((2, 1, 32, 32)))


# --------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------
def test_data_are_balanced_reproducible_and_shaped():
    """The same seed gives the same pictures; each class appears equally often."""
    x1, y1 = D.make_shapes(40, seed=3)
    x2, y2 = D.make_shapes(40, seed=3)
    np.testing.assert_array_equal(x1, x2)
    np.testing.assert_array_equal(y1, y2)
    assert x1.shape == (40, 1, D.SIDE, D.SIDE) and np.bincount(y1).tolist() == [10] * 4
    assert not np.array_equal(x1, D.make_shapes(40, seed=4)[0])


def test_each_picture_holds_one_bright_shape_of_its_class_size():
    """Without noise, the bright area is about the shape's area for its size range (circle: pi r^2, ...)."""
    x, y = D.make_shapes(200, seed=5)
    smooth = x[:, 0] - x[:, 0].min(axis=(1, 2), keepdims=True)
    bright = (smooth > 0.5 * smooth.max(axis=(1, 2), keepdims=True)).sum(axis=(1, 2))
    lo, hi = D.SIZES
    area = {"circle": (np.pi / 4 * lo**2, np.pi / 4 * hi**2), "square": (lo**2, hi**2),
            "cross": (5 / 9 * lo**2, 5 / 9 * hi**2), "triangle": (np.sqrt(3) / 4 * lo**2, np.sqrt(3) / 4 * hi**2)}
    for k, name in enumerate(D.CLASSES):
        a, b = area[name]
        med = np.median(bright[y == k])
        assert 0.6 * a < med < 1.2 * b, (name, med, a, b)


def test_make_shapes_names_a_bad_count():
    """n must be a whole number >= 1."""
    with pytest.raises(ValueError, match="n must be"):
        D.make_shapes(0)


# --------------------------------------------------------------------------
# training and the shipped weights
# --------------------------------------------------------------------------
def test_shipped_weights_reach_95_percent_on_the_regenerated_test_set():
    """The weights in the package classify at least 95% of the seed's test pictures right."""
    d = D.shape_data(n_train=4, seed=D.SEED)
    assert T.load_trained().accuracy(d.x_test, d.y_test) >= 0.95


def test_retraining_from_the_seed_reaches_95_percent():
    """train() with the defaults reproduces a network at or above the 95% bar (about 12 s)."""
    result = T.train()
    assert result.history.test_accuracy[-1] >= 0.95
    assert len(result.history.loss) == T.EPOCHS and result.history.loss[-1] < result.history.loss[0]


def test_sgd_and_adam_lower_the_loss_on_a_small_set():
    """A few steps of either optimiser lower the training loss of a fixed batch."""
    x, y = D.make_shapes(64, seed=9)
    for opt in (T.SGD(0.05), T.Adam(0.01)):
        net = N.SmallCNN(seed=1)
        before = net.gradients(x, y)[0]
        for _ in range(5):
            T.epoch(net, x, y, opt, batch=64)
        assert net.gradients(x, y)[0] < before


def test_train_names_bad_settings():
    """An unknown optimiser or a zero epoch count is refused with the parameter's name."""
    with pytest.raises(ValueError, match="optimizer must be one of"):
        T.train(optimizer="rmsprop")
    with pytest.raises(ValueError, match="epochs must be"):
        T.train(epochs=0)


def test_saved_weights_load_back(tmp_path):
    """save_weights then load_trained gives the same network (float16 rounding)."""
    net = N.SmallCNN(seed=3)
    back = T.load_trained(T.save_weights(net, tmp_path / "w.npz"))
    for k, v in net.params.items():
        np.testing.assert_allclose(back.params[k], v, rtol=1e-3, atol=1e-3)


def test_weights_file_is_small_and_in_a_built_wheel(tmp_path):
    """The .npz is a few kB and a non-editable install gets it (package data)."""
    assert T.WEIGHTS_FILE.stat().st_size < 100_000
    # Built as pip builds it (an isolated build with the setuptools pyproject.toml asks for): a fresh
    # virtual environment's own setuptools may be older than that.
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(tmp_path), str(REPO)], check=True, cwd=tmp_path, timeout=300)
    [wheel] = tmp_path.glob("convlib-*.whl")
    assert "convlib/lessons/lesson07/weights.npz" in zipfile.ZipFile(wheel).namelist()
