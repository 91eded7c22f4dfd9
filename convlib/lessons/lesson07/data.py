"""The data set of lesson 07: small grey pictures of four shapes, generated offline from a seed.

Each picture is ``SIDE x SIDE`` pixels holding one shape of
:data:`convlib.shapes.SHAPES` (circle, square, cross, triangle), drawn by
:func:`convlib.shapes.draw_shape` at a random size, turn, place and
brightness on a random dim background, with Gaussian noise.  Nothing is
downloaded: the same seed always gives the same pictures.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..._validate import as_int
from ...shapes import SHAPES, draw_shape

__all__ = ["CLASSES", "NOISE", "SEED", "SIDE", "SIZES", "TURN", "ShapeData", "make_shapes", "shape_data", "held_out"]

#: The four classes, in label order: label ``k`` is ``CLASSES[k]``.
CLASSES = SHAPES
#: Side of every picture, in pixels.
SIDE = 28
#: Smallest and largest shape width, in pixels.
SIZES = (10.0, 18.0)
#: Standard deviation of the Gaussian noise added to every pixel.
NOISE = 0.12
#: The seed of the lesson's data set.
SEED = 7
#: Largest turn of a shape either way, in degrees.
TURN = 20.0


class ShapeData(NamedTuple):
    """Training and test pictures with their labels."""

    x_train: np.ndarray     # (N, 1, SIDE, SIDE) float32
    y_train: np.ndarray     # (N,) int64, an index into CLASSES
    x_test: np.ndarray
    y_test: np.ndarray


def make_shapes(n: int, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """Draw ``n`` pictures of shapes, as many of each class (as near as ``n`` allows), in random order.

    Parameters
    ----------
    n : int
        How many pictures, >= 1.
    seed : int, default SEED

    Returns
    -------
    x : ndarray of float32, shape (n, 1, SIDE, SIDE)
        Values about 0 (background) to 1 (a bright shape), noise included.
    y : ndarray of int64, shape (n,)
        The class of each picture, an index into :data:`CLASSES`.

    Notes
    -----
    Per picture: a background grey in [0, 0.25]; a shape of width in
    ``SIZES``, turned by a random angle, its centre at least 40% of its
    width from each border, its grey at least 0.4 above the background;
    then noise of standard deviation ``NOISE``.

    Examples
    --------
    >>> x, y = make_shapes(8, seed=1)
    >>> x.shape, x.dtype, sorted(np.bincount(y).tolist())
    ((8, 1, 28, 28), dtype('float32'), [2, 2, 2, 2])
    """
    n = as_int(n, "n", 1, what="a number of pictures")
    seed = as_int(seed, "seed", 0)
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.arange(n) % len(CLASSES))
    x = np.empty((n, 1, SIDE, SIDE), dtype=np.float32)
    for k, label in enumerate(y):
        size = rng.uniform(*SIZES)
        margin = 0.4 * size
        centre = rng.uniform(margin, SIDE - 1 - margin, size=2)
        background = rng.uniform(0.0, 0.25)
        intensity = rng.uniform(background + 0.4, 1.0)
        picture = np.full((SIDE, SIDE), background)
        picture = draw_shape(picture, CLASSES[label], centre, size, angle=rng.uniform(-TURN, TURN),
                             intensity=intensity)
        x[k, 0] = picture + rng.normal(0.0, NOISE, size=picture.shape)
    return x, y.astype(np.int64)


def shape_data(n_train: int = 6000, n_test: int = 1000, seed: int = SEED) -> ShapeData:
    """The lesson's data set: training and test pictures drawn from two seeds derived from ``seed``.

    Examples
    --------
    >>> d = shape_data(40, 20, seed=3)
    >>> d.x_train.shape, d.x_test.shape
    ((40, 1, 28, 28), (20, 1, 28, 28))
    """
    seed = as_int(seed, "seed", 0)
    x_train, y_train = make_shapes(n_train, seed=2 * seed)
    x_test, y_test = held_out(n_test, seed=seed)
    return ShapeData(x_train, y_train, x_test, y_test)


def held_out(n: int = 1000, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """The test pictures of :func:`shape_data` alone, held out of training (quicker: no training pictures drawn).

    Examples
    --------
    >>> x, y = held_out(10)
    >>> bool(np.array_equal(x, shape_data(4, 10).x_test))
    True
    """
    return make_shapes(n, seed=2 * as_int(seed, "seed", 0) + 1)
