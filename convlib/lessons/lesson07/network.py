"""A small convolutional network in numpy: its layers, forward and backward, over a whole batch at once.

The network of lesson 07, written with no deep-learning library::

    input (N, 1, 28, 28)
    -> conv 3x3, 8 filters, padding 1 -> ReLU -> max pool 2x2   (N, 8, 14, 14)
    -> conv 3x3, 16 filters, padding 1 -> ReLU -> max pool 2x2  (N, 16, 7, 7)
    -> dense 784 -> 4 -> softmax cross-entropy

Every layer works on the whole batch with no Python loop over pictures or
pixels: a convolution copies each picture's windows into the rows of one
matrix (*im2col*, through a strided view of the padded batch) and
multiplies it by the filters in one matrix product; its backward pass is
a matrix product for the weights and one more convolution for the input
(the full convolution with the flipped kernel).  The layers'
maths is that of :func:`convlib.conv2d` and :mod:`convlib.backward`
(tests compare them).
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ..._validate import as_array, as_int

__all__ = [
    "ARCHITECTURE",
    "MEAN",
    "SCALE",
    "SmallCNN",
    "conv_backward",
    "conv_forward",
    "dense_backward",
    "dense_forward",
    "pool_backward",
    "pool_forward",
    "relu_backward",
    "relu_forward",
    "softmax_cross_entropy",
]

#: Every picture is centred and scaled first, ``(x - MEAN) / SCALE``: about the mean and the standard
#: deviation of the pixels of the data set, so the first layer starts with inputs around 0.
MEAN, SCALE = 0.24, 0.28
#: The layers, from the input on: (name, filters or outputs, kernel size) for the learned ones.
ARCHITECTURE = (("conv1", 8, 3), ("conv2", 16, 3), ("dense", 4, None))


# --------------------------------------------------------------------------
# convolution (stride 1, zero padding p on every side) as one matrix product
# --------------------------------------------------------------------------
# Inside the network, batches are channels-last, (N, H, W, C): then the
# windows copied into the im2col matrix are runs of C neighbouring numbers,
# and the matrix product gives the next layer's batch with no transposition.
def _columns(x: np.ndarray, kh: int, kw: int, pad: int):
    """im2col: one row per (picture, output cell), columns ordered (tap row, tap column, channel)."""
    n, h, w, c = x.shape
    xp = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0))) if pad else x
    oh, ow = xp.shape[1] - kh + 1, xp.shape[2] - kw + 1
    if c < 4:
        # few channels: one block copy per tap is faster than gathering the windows' short runs
        cols = np.empty((n, oh, ow, kh * kw, c), dtype=x.dtype)
        for k in range(kh * kw):
            i, j = divmod(k, kw)
            cols[:, :, :, k] = xp[:, i : i + oh, j : j + ow]
        return cols.reshape(n * oh * ow, kh * kw * c), (oh, ow)
    windows = sliding_window_view(xp, (kh, kw), axis=(1, 2))          # (N, OH, OW, C, kh, kw), a view
    return windows.transpose(0, 1, 2, 4, 5, 3).reshape(n * oh * ow, kh * kw * c), (oh, ow)


def _matrix(weights: np.ndarray) -> np.ndarray:
    """Filters (F, C, kh, kw) as the (kh*kw*C, F) matrix that multiplies the im2col rows."""
    f = weights.shape[0]
    return weights.transpose(2, 3, 1, 0).reshape(-1, f)


def conv_forward(x, weights, bias, pad: int = 0):
    """A convolutional layer on a channels-last batch: ``conv2d`` of each picture, one matrix product.

    Parameters
    ----------
    x : ndarray of shape (N, H, W, C)
        Channels last.
    weights : ndarray of shape (F, C, kh, kw)
        As for :func:`convlib.conv2d`.
    bias : ndarray of shape (F,)
    pad : int, default 0
        Zero padding on every side.

    Returns
    -------
    y : ndarray of shape (N, OH, OW, F)
        ``y[n]`` is ``conv2d(x[n] as (C, H, W), weights, bias, padding=pad)``, channels last.
    cache : tuple
        What :func:`conv_backward` needs.

    Examples
    --------
    >>> y, _ = conv_forward(np.ones((2, 4, 4, 1)), np.ones((3, 1, 3, 3)), np.zeros(3), pad=1)
    >>> y.shape, y[0, 0, :, 0].tolist()
    ((2, 4, 4, 3), [4.0, 6.0, 6.0, 4.0])
    """
    n = x.shape[0]
    f, c, kh, kw = weights.shape
    cols, (oh, ow) = _columns(x, kh, kw, pad)
    y = cols @ _matrix(weights) + bias                                 # (N*OH*OW, F)
    return y.reshape(n, oh, ow, f), (cols, weights, pad)


def conv_backward(grad, cache, *, need_dx: bool = True):
    """Gradients of :func:`conv_forward`: ``(dx, dweights, dbias)``, each a convolution.

    As in :mod:`convlib.backward`: ``dweights`` is the correlation of the
    input with ``grad`` (here one matrix product with the windows kept from
    the forward pass) and ``dx`` is the full convolution of ``grad`` with
    the flipped kernel: :func:`conv_forward` itself, on ``grad`` padded by
    ``k - 1 - pad``, with the filters flipped and their two channel axes
    swapped.  ``need_dx=False`` skips ``dx`` (the first layer has no layer
    before it to pass it to) and gives None.
    """
    cols, weights, pad = cache
    f, c, kh, kw = weights.shape
    g = grad.reshape(-1, f)                                            # (N*OH*OW, F)
    dweights = (cols.T @ g).reshape(kh, kw, c, f).transpose(3, 2, 0, 1)
    dbias = g.sum(axis=0)
    dx = None
    if need_dx:
        flipped = weights[:, :, ::-1, ::-1].transpose(1, 0, 2, 3)
        dx = conv_forward(grad, flipped, np.zeros(c, dtype=grad.dtype), pad=kh - 1 - pad)[0]
    return dx, np.ascontiguousarray(dweights), dbias


# --------------------------------------------------------------------------
# ReLU, 2x2 max pooling, dense, softmax cross-entropy
# --------------------------------------------------------------------------
def relu_forward(x):
    """``max(x, 0)``, and the mask of cells that passed.

    Examples
    --------
    >>> relu_forward(np.array([-1.0, 2.0]))[0]
    array([0., 2.])
    """
    mask = x > 0
    return np.maximum(x, 0), mask


def relu_backward(grad, mask):
    """The gradient flows through the cells that were positive, and stops at the others."""
    return grad * mask


_CORNERS = ((0, 0), (0, 1), (1, 0), (1, 1))


def pool_forward(x):
    """2x2 max pooling with stride 2 of a channels-last batch (H and W even); the cache keeps the input.

    Examples
    --------
    >>> pool_forward(np.arange(16.0).reshape(1, 4, 4, 1))[0][0, :, :, 0]
    array([[ 5.,  7.],
           [13., 15.]])
    """
    a, b, c, d = (x[:, r::2, s::2] for r, s in _CORNERS)
    y = np.maximum(np.maximum(a, b), np.maximum(c, d))
    return y, (x, y)


def pool_backward(grad, cache):
    """Each window's gradient goes to the cell that won it; the other three cells get 0.

    A tie goes to the first winning cell in row-major order, as in
    :func:`convlib.max_pool`'s walk.
    """
    x, y = cache
    dx = np.zeros(x.shape, dtype=grad.dtype)
    free = np.ones(y.shape, dtype=bool)
    for r, s in _CORNERS:
        won = free & (x[:, r::2, s::2] == y)
        dx[:, r::2, s::2] = grad * won
        free &= ~won
    return dx


def dense_forward(x, weights, bias):
    """``x @ weights + bias`` on flattened inputs: (N, D) -> (N, K)."""
    return x @ weights + bias


def dense_backward(grad, x, weights):
    """Gradients of :func:`dense_forward`: ``(dx, dweights, dbias)``."""
    return grad @ weights.T, x.T @ grad, grad.sum(axis=0)


def softmax_cross_entropy(logits, labels):
    """Mean cross-entropy of the softmax of ``logits`` against integer ``labels``, and its gradient.

    Notes
    -----
    ``p = exp(z - max z) / sum exp(z - max z)`` (the same softmax, computed
    without overflow); loss ``= mean(-log p[label])``; its gradient with
    respect to the logits is ``(p - onehot(label)) / N``.

    Examples
    --------
    >>> loss, grad = softmax_cross_entropy(np.zeros((2, 4)), np.array([0, 3]))
    >>> round(float(loss), 4), grad[0].tolist()
    (1.3863, [-0.375, 0.125, 0.125, 0.125])
    """
    z = logits - logits.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    n = logits.shape[0]
    loss = -logp[np.arange(n), labels].mean()
    grad = np.exp(logp)
    grad[np.arange(n), labels] -= 1
    return loss, grad / n


# --------------------------------------------------------------------------
# the network
# --------------------------------------------------------------------------
class SmallCNN:
    """The lesson's network: two convolution blocks and a dense layer, its parameters in a dict.

    Parameters
    ----------
    params : dict of str to ndarray, optional
        'conv1.w' (8, 1, 3, 3), 'conv1.b' (8,), 'conv2.w' (16, 8, 3, 3),
        'conv2.b' (16,), 'dense.w' (784, 4) (its rows in the order row, column, channel of
        the last pooled maps), 'dense.b' (4,).  Drawn at
        random from ``seed`` when not given (He initialisation: normal,
        standard deviation ``sqrt(2 / fan_in)``; biases 0).
    seed : int, default 0
    dtype : numpy dtype, default float32

    Examples
    --------
    >>> net = SmallCNN(seed=1)
    >>> net.forward(np.zeros((5, 1, 28, 28), dtype=np.float32)).shape
    (5, 4)
    >>> sum(p.size for p in net.params.values())
    4388
    """

    def __init__(self, params: dict | None = None, *, seed: int = 0, dtype=np.float32):
        self.dtype = np.dtype(dtype)
        if params is None:
            rng = np.random.default_rng(as_int(seed, "seed", 0))

            def he(*shape, fan_in):
                return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=shape)

            params = {"conv1.w": he(8, 1, 3, 3, fan_in=9), "conv1.b": np.zeros(8),
                      "conv2.w": he(16, 8, 3, 3, fan_in=72), "conv2.b": np.zeros(16),
                      "dense.w": he(784, 4, fan_in=784), "dense.b": np.zeros(4)}
        self.params = {k: np.array(v, dtype=self.dtype) for k, v in params.items()}

    def _input(self, x) -> np.ndarray:
        X = as_array(x, "x", 4)
        if X.shape[1:] != (1, 28, 28):
            msg = f"x must be a batch of grey 28x28 pictures, shape (N, 1, 28, 28); received shape {X.shape}"
            raise ValueError(msg)
        return ((X - MEAN) / SCALE).astype(self.dtype, copy=False).transpose(0, 2, 3, 1)   # channels last

    def forward(self, x, *, keep: bool = False):
        """The logits (scores before the softmax), shape (N, 4); with ``keep``, also every layer's cache."""
        p = self.params
        h1, c1 = conv_forward(self._input(x), p["conv1.w"], p["conv1.b"], pad=1)
        a1, r1 = relu_forward(h1)
        m1, q1 = pool_forward(a1)
        h2, c2 = conv_forward(m1, p["conv2.w"], p["conv2.b"], pad=1)
        a2, r2 = relu_forward(h2)
        m2, q2 = pool_forward(a2)
        flat = m2.reshape(len(m2), -1)                  # (row, column, channel) order
        logits = dense_forward(flat, p["dense.w"], p["dense.b"])
        if keep:
            return logits, (c1, r1, q1, c2, r2, q2, flat, m2.shape)
        return logits

    def gradients(self, x, labels):
        """The loss on a batch and its gradient with respect to every parameter (a dict like ``params``)."""
        logits, (c1, r1, q1, c2, r2, q2, flat, shape) = self.forward(x, keep=True)
        loss, g = softmax_cross_entropy(logits, np.asarray(labels))
        grads = {}
        g, grads["dense.w"], grads["dense.b"] = dense_backward(g, flat, self.params["dense.w"])
        g = relu_backward(pool_backward(g.reshape(shape), q2), r2)
        g, grads["conv2.w"], grads["conv2.b"] = conv_backward(g, c2)
        g = relu_backward(pool_backward(g, q1), r1)
        _, grads["conv1.w"], grads["conv1.b"] = conv_backward(g, c1, need_dx=False)
        return float(loss), grads

    def probabilities(self, x, batch: int = 500) -> np.ndarray:
        """The softmax of the logits: how sure the network is of each class, shape (N, 4), rows adding to 1."""
        X = as_array(x, "x", 4)
        logits = np.concatenate([self.forward(X[k : k + batch]) for k in range(0, len(X), batch)])
        z = np.exp(logits - logits.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)

    def predict(self, x) -> np.ndarray:
        """The class the network picks for each picture (the most probable), shape (N,)."""
        return self.probabilities(x).argmax(axis=1)

    def accuracy(self, x, labels) -> float:
        """Share of pictures classified right, between 0 and 1."""
        return float(np.mean(self.predict(x) == np.asarray(labels)))

    def feature_maps(self, picture) -> dict:
        """Every layer's output for one picture (1, 28, 28) or (28, 28): name -> (C, H, W), channels first.

        Also 'probabilities': the softmax of the logits, shape (4,).
        """
        X = np.asarray(picture).reshape(1, 1, 28, 28)
        p = self.params
        out = {"input": X.astype(self.dtype).transpose(0, 2, 3, 1)}
        out["conv1"] = conv_forward(self._input(X), p["conv1.w"], p["conv1.b"], pad=1)[0]
        out["relu1"] = relu_forward(out["conv1"])[0]
        out["pool1"] = pool_forward(out["relu1"])[0]
        out["conv2"] = conv_forward(out["pool1"], p["conv2.w"], p["conv2.b"], pad=1)[0]
        out["relu2"] = relu_forward(out["conv2"])[0]
        out["pool2"] = pool_forward(out["relu2"])[0]
        logits = dense_forward(out["pool2"].reshape(1, -1), p["dense.w"], p["dense.b"])
        z = np.exp(logits - logits.max())
        maps = {k: np.moveaxis(v[0], -1, 0) for k, v in out.items()}      # back to channels first
        maps["probabilities"] = (z / z.sum())[0]
        return maps
