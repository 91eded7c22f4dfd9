"""The arrays of lesson 06: a small input to pool, a bank of filters for a colour photo, and helpers.

Everything here is read-only data or a few lines of numpy that the notebook
calls by name; the convolution and the pooling themselves are
:func:`convlib.conv2d` and :func:`convlib.pool2d`.
"""

from __future__ import annotations

import numpy as np

from ..._validate import as_array, read_only
from ...conv import correlate2d
from ...cost import receptive_growth
from ...kernels import SOBEL_X, SOBEL_Y, box
from ...pool import max_pool

__all__ = [
    "BANK",
    "BANK_NAMES",
    "GREY_WEIGHTS",
    "POOL_X",
    "REDNESS",
    "SHIFT_X",
    "channels_first",
    "channels_last",
    "receptive_mask",
]

#: A 6x6 input to pool: small whole numbers, some negative, every 2x2 block with one largest value.
POOL_X = read_only([[1, 3, -2, 0, 4, 1],
                    [5, 2, 1, -3, 2, 7],
                    [0, -1, 6, 2, -4, 3],
                    [2, 4, 3, 8, 1, 0],
                    [-2, 9, 1, 0, 5, 2],
                    [3, 1, -1, 4, 6, -3]])

#: One filter for an RGB input, shape (1, 3, 3, 3): a 3x3 box on red minus a 3x3 box on blue, per pixel
#: averaged (weights 1/9): bright where the photo is red, dark where it is blue.
REDNESS = read_only(np.stack([box(3), np.zeros((3, 3)), -box(3)])[None])

#: Four filters for an RGB input, shape (4, 3, 3, 3): vertical edges and horizontal edges of the
#: brightness (Sobel on each channel, a third each), red minus blue, and a blur of the brightness.
BANK = read_only(np.stack([
    np.stack([SOBEL_X / 3] * 3),
    np.stack([SOBEL_Y / 3] * 3),
    REDNESS[0],
    np.stack([box(3) / 3] * 3),
]))

#: What each filter of :data:`BANK` responds to.
BANK_NAMES = ("vertical edges", "horizontal edges", "red minus blue", "blurred brightness")

#: A 1x1 convolution that turns RGB into grey, shape (1, 3, 1, 1): ITU-R BT.601, 0.299 R + 0.587 G + 0.114 B.
GREY_WEIGHTS = read_only(np.array([0.299, 0.587, 0.114]).reshape(1, 3, 1, 1))

#: Two 4x4 feature maps with one bright cell, the second moved one cell to the right inside the same
#: 2x2 block: max pooling gives both the same output.
SHIFT_X = read_only(np.stack([np.pad([[0, 0], [9, 0]], ((0, 2), (0, 2))),
                              np.pad([[0, 0], [0, 9]], ((0, 2), (0, 2)))]))


def channels_first(picture) -> np.ndarray:
    """A picture stored as (H, W, C), the way image files and matplotlib keep it, as (C, H, W).

    Examples
    --------
    >>> channels_first(np.zeros((600, 512, 3))).shape
    (3, 600, 512)
    """
    arr = as_array(picture, "picture", 3)
    return np.moveaxis(arr, -1, 0)


def channels_last(x) -> np.ndarray:
    """A (C, H, W) stack back as (H, W, C), to show as a colour picture.

    Examples
    --------
    >>> channels_last(np.zeros((3, 60, 50))).shape
    (60, 50, 3)
    """
    arr = as_array(x, "x", 3)
    return np.moveaxis(arr, 0, -1)


def receptive_mask(layers, size: int) -> np.ndarray:
    """Which cells of a ``size x size`` input change output cell (0, 0) of a stack of layers.

    Each input cell in turn is set to 1 (all others 0) and sent through the
    stack: a layer ``(k, s)`` or ``(k, s, d)`` is a ``k x k`` kernel of ones
    (:func:`convlib.correlate2d`, stride ``s``, dilation ``d``), or, written
    ``('pool', k, s)``, a max pooling (:func:`convlib.max_pool`).  No
    padding.  The True cells are the receptive field, found by experiment;
    :func:`convlib.cost.receptive_field` gives its side by formula.

    Returns
    -------
    ndarray of bool, shape (size, size)

    Examples
    --------
    >>> receptive_mask([(3, 1), (3, 1)], 7)[0].astype(int)
    array([1, 1, 1, 1, 1, 0, 0])
    """
    layers = list(layers)
    plain = [tuple(layer[1:]) if layer and layer[0] == "pool" else tuple(layer) for layer in layers]
    receptive_growth(plain)  # checks the layers, with messages naming them
    out = np.zeros((size, size), dtype=bool)
    for r in range(size):
        for c in range(size):
            x = np.zeros((size, size))
            x[r, c] = 1.0
            for layer in layers:
                if layer[0] == "pool":
                    x = max_pool(x, layer[1], stride=layer[2])
                else:
                    k, s, *d = layer
                    x = correlate2d(x, np.ones((k, k)), stride=s, dilation=d[0] if d else 1)
            out[r, c] = x[0, 0] != 0
    return out
