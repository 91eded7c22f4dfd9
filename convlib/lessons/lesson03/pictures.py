"""Pictures and numbers of lesson 03, made with numpy: a synthetic edge, a noisy photo, angle errors."""

from __future__ import annotations

import numpy as np

from ..._validate import as_array, as_int, as_real, as_shape
from ...edges import OPERATORS, gradients

__all__ = ["direction_errors", "noisy", "vertical_edge"]


def vertical_edge(shape=(5, 7), column: int = 3, *, dark: int = 0, light: int = 9) -> np.ndarray:
    """A small picture with one vertical edge: ``dark`` left of ``column``, ``light`` from it on.

    Parameters
    ----------
    shape : (int, int), default (5, 7)
    column : int, default 3
        The first light column, from 1 to ``shape[1] - 1``.
    dark, light : int
        The two grey values.

    Returns
    -------
    ndarray of int64, shape ``shape``

    Examples
    --------
    >>> vertical_edge((2, 5), 2)
    array([[0, 0, 9, 9, 9],
           [0, 0, 9, 9, 9]])
    """
    rows, cols = as_shape(shape, "shape", 1)
    column = as_int(column, "column", 1, cols - 1, what="the first light column")
    dark, light = as_int(dark, "dark"), as_int(light, "light")
    X = np.full((rows, cols), dark, dtype=np.int64)
    X[:, column:] = light
    return X


def noisy(image, level: float, seed: int = 3) -> np.ndarray:
    """A picture with Gaussian noise of standard deviation ``level`` added, clipped to [0, 1].

    The noise comes from ``numpy.random.default_rng(seed)``, so the same
    call gives the same picture every time.

    Examples
    --------
    >>> a = noisy(np.full((3, 3), 0.5), 0.1)
    >>> bool(np.array_equal(a, noisy(np.full((3, 3), 0.5), 0.1))), a.shape
    (True, (3, 3))
    """
    X = np.asarray(as_array(image, "image", 2), dtype=float)
    level = as_real(level, "level", low=0, what="the noise's standard deviation")
    rng = np.random.default_rng(as_int(seed, "seed", 0))
    return np.clip(X + level * rng.standard_normal(X.shape), 0.0, 1.0)


def direction_errors(wavelength: float = 4.0, angles=range(0, 91, 5), size: int = 48) -> dict[str, float]:
    """How far each operator's direction is off, at worst, on stripes turned through ``angles``.

    For every angle, a grating ``cos(2 pi (x cos a + y sin a) / wavelength)``
    is made, its gradient direction measured with each operator (away from
    the border, where the magnitude is at least half its largest value),
    and compared with the true direction ``a`` (up to a half turn: the
    stripes' gradient points both ways).  A perfect operator gives 0.

    Returns
    -------
    dict of str to float
        The worst error in degrees, per operator name.

    Examples
    --------
    >>> errs = direction_errors()
    >>> errs["scharr"] < errs["sobel"] < errs["prewitt"]
    True
    """
    wavelength = as_real(wavelength, "wavelength", low=2, low_open=True, what="pixels per stripe")
    size = as_int(size, "size", 16)
    y, x = np.mgrid[0:size, 0:size]
    m = 6
    out = {}
    for op in OPERATORS:
        worst = 0.0
        for deg in angles:
            a = np.radians(float(deg))
            Z = np.cos(2 * np.pi * (x * np.cos(a) + y * np.sin(a)) / wavelength)
            gx, gy = gradients(Z, op)
            angle, mag = np.arctan2(gy, gx)[m:-m, m:-m], np.hypot(gx, gy)[m:-m, m:-m]
            err = np.abs((angle - a + np.pi / 2) % np.pi - np.pi / 2)[mag >= 0.5 * mag.max()]
            worst = max(worst, float(np.degrees(err.max())))
        out[op] = worst
    return out
