"""Training the network of lesson 07: plain SGD or Adam over mini-batches, and the shipped weights.

:func:`train` trains :class:`~convlib.lessons.lesson07.network.SmallCNN`
on :func:`~convlib.lessons.lesson07.data.shape_data` from a seed, so the
same call always gives the same network.  :func:`load_trained` reads the
weights that ship with the package (``weights.npz``, made by
:func:`train` with the defaults and saved by :func:`save_weights`), so the
lesson shows a trained network without waiting for it.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ..._validate import as_choice, as_int, as_real
from .data import SEED, shape_data
from .network import SmallCNN

__all__ = ["DECAY", "DEFAULT_LR", "EPOCHS", "OPTIMIZERS", "WEIGHTS_FILE", "Adam", "History", "SGD", "Trained", "epoch", "load_trained",
           "save_weights", "train"]

#: The optimisers :func:`train` knows.
OPTIMIZERS = ("adam", "sgd")
#: Epochs (passes over the training pictures) of the lesson's network.
EPOCHS = 3
#: The learning rate of each optimiser when none is given.
DEFAULT_LR = {"adam": 0.01, "sgd": 0.05}
#: The learning rate is multiplied by this after every epoch: big steps first, then smaller ones to settle.
DECAY = 0.6
#: The trained weights that ship with the package.
WEIGHTS_FILE = Path(__file__).with_name("weights.npz")


class SGD:
    """Plain stochastic gradient descent: ``p <- p - lr * g``."""

    def __init__(self, lr: float = 0.05):
        self.lr = as_real(lr, "lr", low=0, low_open=True)

    def step(self, params: dict, grads: dict) -> None:
        """Move every parameter a step against its gradient, in place."""
        for name, g in grads.items():
            params[name] -= self.lr * g


class Adam:
    """Adam (Kingma and Ba, 2015): steps scaled by running averages of the gradient and its square.

    Notes
    -----
    For each parameter, with ``t`` the step number::

        m <- b1 m + (1 - b1) g            v <- b2 v + (1 - b2) g^2
        p <- p - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
    """

    def __init__(self, lr: float = 0.003, b1: float = 0.9, b2: float = 0.999, eps: float = 1e-8):
        self.lr = as_real(lr, "lr", low=0, low_open=True)
        self.b1, self.b2, self.eps = b1, b2, eps
        self.t, self.m, self.v = 0, {}, {}

    def step(self, params: dict, grads: dict) -> None:
        """One Adam step for every parameter, in place."""
        self.t += 1
        c1, c2 = 1 - self.b1 ** self.t, 1 - self.b2 ** self.t
        for name, g in grads.items():
            m = self.m.setdefault(name, np.zeros_like(g))
            v = self.v.setdefault(name, np.zeros_like(g))
            m *= self.b1
            m += (1 - self.b1) * g
            v *= self.b2
            v += (1 - self.b2) * g * g
            params[name] -= (self.lr / c1) * m / (np.sqrt(v / c2) + self.eps)


class History(NamedTuple):
    """What training recorded: per epoch, the mean training loss and the test accuracy."""

    loss: tuple
    test_accuracy: tuple
    seconds: float


class Trained(NamedTuple):
    """A trained network and its history."""

    net: SmallCNN
    history: History


def epoch(net: SmallCNN, x, y, optimizer, *, batch: int = 32, rng=None) -> float:
    """One pass over the training pictures in shuffled mini-batches; returns the mean loss."""
    order = rng.permutation(len(x)) if rng is not None else np.arange(len(x))
    losses = []
    for k in range(0, len(x), batch):
        idx = order[k : k + batch]
        loss, grads = net.gradients(x[idx], y[idx])
        optimizer.step(net.params, grads)
        losses.append(loss)
    return float(np.mean(losses))



def train(*, epochs: int = EPOCHS, optimizer: str = "adam", lr: float | None = None, batch: int = 32,
          seed: int = SEED, data=None) -> Trained:
    """Train the lesson's network from a seed: same seed, same network.

    Parameters
    ----------
    epochs : int, default EPOCHS
    optimizer : {'adam', 'sgd'}, default 'adam'
    lr : float, optional
        Learning rate; 0.003 for Adam and 0.05 for SGD by default.
    batch : int, default 32
        Pictures per step.
    seed : int, default SEED
        Seeds the data set, the first weights and the order of the batches.
    data : ShapeData, optional
        Pictures to train and test on; by default ``shape_data(seed=seed)``.

    Returns
    -------
    Trained
        The network and its :class:`History`.
    """
    epochs = as_int(epochs, "epochs", 1, 50)
    optimizer = as_choice(optimizer, "optimizer", OPTIMIZERS)
    batch = as_int(batch, "batch", 1)
    seed = as_int(seed, "seed", 0)
    start = time.perf_counter()
    data = shape_data(seed=seed) if data is None else data
    net = SmallCNN(seed=seed)
    base = as_real(lr, "lr", low=0, low_open=True) if lr is not None else DEFAULT_LR[optimizer]
    opt = Adam(base) if optimizer == "adam" else SGD(base)
    rng = np.random.default_rng(seed)
    losses, accuracies = [], []
    for k in range(epochs):
        opt.lr = base * DECAY ** k
        losses.append(epoch(net, data.x_train, data.y_train, opt, batch=batch, rng=rng))
        accuracies.append(net.accuracy(data.x_test, data.y_test))
    return Trained(net, History(tuple(losses), tuple(accuracies), time.perf_counter() - start))


def save_weights(net: SmallCNN, path=WEIGHTS_FILE) -> Path:
    """Save a network's parameters as float16 in a compressed ``.npz`` (a few kB)."""
    path = Path(path)
    np.savez_compressed(path, **{k: v.astype(np.float16) for k, v in net.params.items()})
    return path


def load_trained(path=WEIGHTS_FILE) -> SmallCNN:
    """The network with the weights that ship with the package (or those saved at ``path``)."""
    with np.load(Path(path)) as saved:
        return SmallCNN({k: saved[k] for k in saved.files})
