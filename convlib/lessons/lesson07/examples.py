"""The arrays and small computations of lesson 07: stacks of layers, tiny backward passes, one kernel learned.

* :data:`STACKS` and :func:`dependency`: which input pixels one output cell
  of a stack depends on, layer by layer, found by sending a 1 back through
  the stack with :func:`convlib.backward.grad_input`;
* :data:`BACK_X`, :data:`BACK_K`, :data:`BACK_DY`: a tiny forward pass and
  the gradient coming back into it, to step through by hand;
* :func:`fit_kernel`: learn one 3x3 kernel by plain gradient descent so
  that it does what Sobel's kernel does to a photo.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..._validate import as_array, as_int, as_real, read_only
from ...backward import grad_input, grad_weights
from ...conv import correlate2d, output_shape
from ...data import sample_image
from ...kernels import SOBEL_X

__all__ = [
    "BACK_DY",
    "BACK_K",
    "BACK_X",
    "FIT_LR",
    "FIT_STEPS",
    "STACKS",
    "KernelFit",
    "dependency",
    "fit_kernel",
    "fit_photo",
    "stack_sizes",
]

#: Stacks of layers to explore, by name: the input's side, then the layers from the input on, each
#: (kernel size, stride, dilation).  A 2x2 max pooling depends on its window as a 2x2 kernel with stride 2.
STACKS = {
    "three 3×3 convolutions": (11, ((3, 1, 1), (3, 1, 1), (3, 1, 1))),
    "3×3 conv, 2×2 pool (stride 2), 3×3 conv": (12, ((3, 1, 1), (2, 2, 1), (3, 1, 1))),
    "3×3 convs, dilation 1, 2, 4": (17, ((3, 1, 1), (3, 1, 2), (3, 1, 4))),
    "two 5×5 convolutions": (12, ((5, 1, 1), (5, 1, 1))),
}

#: A 4x4 input, a 2x2 kernel and the gradient that comes back to the 3x3 output: whole numbers.
BACK_X = read_only([[1, 2, 0, 1],
                    [3, 1, 2, 2],
                    [0, 1, 3, 1],
                    [2, 0, 1, 2]])
BACK_K = read_only([[1, 2],
                    [-1, 0]])
BACK_DY = read_only([[1, 0, 0],
                     [0, 2, 0],
                     [0, 0, -1]])

#: Steps of gradient descent :func:`fit_kernel` takes in the lesson, and its learning rate.
FIT_STEPS = 120
FIT_LR = 1.0


def stack_sizes(layers, size: int) -> list[int]:
    """Side of the input and of each layer's output for a square input of side ``size`` (no padding).

    Examples
    --------
    >>> stack_sizes(STACKS["three 3×3 convolutions"][1], 11)
    [11, 9, 7, 5]
    """
    sizes = [as_int(size, "size", 1)]
    for k, s, d in layers:
        sizes.append(output_shape((sizes[-1], sizes[-1]), (k, k), stride=s, dilation=d)[0])
    return sizes


def dependency(layers, size: int, cell) -> list[np.ndarray]:
    """How strongly each cell of each layer feeds one output cell: the paths from it to the cell.

    Parameters
    ----------
    layers : sequence of (kernel size, stride, dilation)
        From the input on; no padding.
    size : int
        Side of the square input.
    cell : (int, int)
        ``(row, col)`` of the chosen cell in the last layer's output.

    Returns
    -------
    list of ndarray of int64
        From the input to the output: for each map, the number of ways the
        chosen output cell is reached from each of its cells (0: the cell
        does not matter).  The last map is 1 at ``cell`` and 0 elsewhere.

    Notes
    -----
    It is the backward pass of a stack whose kernels are all ones: start
    with 1 at the chosen cell, and send it back through each layer with
    :func:`convlib.backward.grad_input`.  Where the result is not 0 lies
    the receptive field, a square of side given by
    :func:`convlib.cost.receptive_field`.

    Examples
    --------
    >>> maps = dependency(STACKS["three 3×3 convolutions"][1], 9, (1, 1))
    >>> [m.shape[0] for m in maps], int(maps[0].max()), int((maps[0] > 0).sum())
    ([9, 7, 5, 3], 49, 49)
    """
    sizes = stack_sizes(layers, size)
    r, c = cell
    side = sizes[-1]
    r = as_int(r, "row", 0, side - 1, what=f"an output row of the {side}×{side} output")
    c = as_int(c, "column", 0, side - 1, what=f"an output column of the {side}×{side} output")
    g = np.zeros((1, side, side), dtype=np.int64)
    g[0, r, c] = 1
    maps = [g[0]]
    for (k, s, d), n in zip(reversed(tuple(layers)), reversed(sizes[:-1]), strict=True):
        g = grad_input(g, np.ones((1, 1, k, k), dtype=np.int64), (1, n, n), stride=s, dilation=d)
        maps.append(g[0])
    return maps[::-1]


def fit_photo() -> np.ndarray:
    """The photo the kernel learns on: Grace Hopper's portrait, every 8th pixel (64x64), its mean taken away.

    Taking the mean away changes nothing for an edge detector (its weights
    add up to 0) and lets gradient descent move all weights at a similar pace.

    Examples
    --------
    >>> fit_photo().shape
    (64, 64)
    """
    photo = sample_image("grace_hopper")[::8, ::8][:64, :64]
    return photo - photo.mean()


class KernelFit(NamedTuple):
    """The history of :func:`fit_kernel`: the kernel and the loss before each step, and after the last."""

    kernels: np.ndarray     # (steps + 1, kh, kw)
    losses: np.ndarray      # (steps + 1,)
    target: np.ndarray      # (kh, kw)
    lr: float


def fit_kernel(image=None, target=SOBEL_X, *, steps: int = FIT_STEPS, lr: float = FIT_LR,
               seed: int = 0) -> KernelFit:
    """Learn a kernel by gradient descent: start from noise, match what ``target`` does to ``image``.

    Parameters
    ----------
    image : array_like of shape (H, W), optional
        By default :func:`fit_photo`.
    target : array_like of shape (kh, kw), default SOBEL_X
        The kernel to imitate; only its output is used, ``T = correlate2d(image, target)``.
    steps : int, default FIT_STEPS
    lr : float, default FIT_LR
        The learning rate: how far each step moves against the gradient.
    seed : int, default 0
        Seeds the noise the kernel starts from (normal, standard deviation 0.5).

    Returns
    -------
    KernelFit

    Notes
    -----
    The loss is the mean squared difference of the outputs,
    ``L(K) = mean((correlate2d(X, K) - T)^2)``.  With ``E`` the difference,
    ``dL/dY = 2 E / E.size``, and the gradient with respect to the kernel
    is the correlation of the input with it
    (:func:`convlib.backward.grad_weights`).  Each step is
    ``K <- K - lr * dL/dK``.  A learning rate above 2 over the largest
    curvature of ``L`` makes every step overshoot further: the loss grows.

    Examples
    --------
    >>> fit = fit_kernel(steps=120)
    >>> bool(fit.losses[-1] < 1e-3 * fit.losses[0]), bool(np.abs(fit.kernels[-1] - SOBEL_X).max() < 0.1)
    (True, True)
    """
    X = fit_photo() if image is None else np.asarray(as_array(image, "image", 2), dtype=np.float64)
    K_target = np.asarray(as_array(target, "target", 2), dtype=np.float64)
    steps = as_int(steps, "steps", 1, 10_000)
    lr = as_real(lr, "lr", low=0, low_open=True, what="a learning rate")
    T = correlate2d(X, K_target)
    K = np.random.default_rng(as_int(seed, "seed", 0)).normal(0.0, 0.5, size=K_target.shape)
    kernels, losses = [], []
    for _ in range(steps + 1):
        E = correlate2d(X, K) - T
        kernels.append(K.copy())
        losses.append(float(np.mean(E * E)))
        if not np.isfinite(losses[-1]) or losses[-1] > 1e12:
            break                                   # diverged: keep what there is
        dK = grad_weights(X[None], (2 * E / E.size)[None], K.shape)[0, 0]
        K = K - lr * dK
    return KernelFit(np.array(kernels), np.array(losses), K_target, lr)

