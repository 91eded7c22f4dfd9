"""Edges and gradients of grey pictures: how fast the brightness changes, and in which direction.

The maths behind lesson 03 ("Edges and gradients"), kept in the package root
because later lessons (textures, the barcode finder) reuse it.  numpy only,
built on :func:`convlib.correlate2d` and the kernels of :mod:`convlib.kernels`.

* :func:`gradients`: the two components ``(gx, gy)`` with a chosen operator
  ('sobel', 'prewitt', 'scharr', 'central'), optionally after a Gaussian blur;
* :func:`gradient_magnitude` and :func:`gradient_direction`: how strong the
  change is and which way it points;
* :func:`edge_map`: the pixels whose magnitude is above a threshold;
* :func:`smooth` (the Gaussian blur) and :func:`laplacian` (the second
  difference).

Conventions
-----------
Rows are counted from the top and columns from the left, as in numpy and
on screen.  ``gx`` is the change along a row, to the **right** (``+x``);
``gy`` is the change down a column, **downwards** (``+y``, the direction
in which the row index grows).  With convlib's cross-correlation (the
kernel is not flipped) the ``_X`` kernels compute *right minus left*, so
``gx > 0`` where the picture gets brighter to the right (dark on the left,
light on the right) and ``gx < 0`` where it gets darker to the right;
likewise ``gy > 0`` where it gets brighter downwards.

The gradient ``(gx, gy)`` points from dark to light, across the edge.  Its
direction is ``atan2(gy, gx)``: 0 points right, ``pi/2`` (90 degrees)
points down, ``-pi/2`` points up and ``pi`` points left.  The angle is
measured from ``+x`` towards ``+y``, which on the screen is *clockwise*
(the y axis points down).

Borders are extended by 'reflect' padding by default (``3 2 | 1 2 3 | 2 1``,
the edge pixel not repeated), which is ``scipy.ndimage``'s ``'mirror'``
mode; a flat picture then has no edges at its border.

Examples
--------
>>> X = np.array([[0, 0, 9, 9]] * 4)          # dark left half, light right half
>>> gx, gy = gradients(X, "central")
>>> gx[0].tolist(), float(abs(gy).max())
([0.0, 9.0, 9.0, 0.0], 0.0)
>>> float(gradient_direction(gx, gy, degrees=True)[0, 1])   # points right, towards the light
0.0
"""

from __future__ import annotations

import math

import numpy as np

from ._validate import as_array, as_bool, as_choice, as_int, as_real
from .conv import _pad_mode, correlate2d
from .kernels import (
    CENTRAL_X,
    CENTRAL_Y,
    LAPLACIAN,
    LAPLACIAN_8,
    PREWITT_X,
    PREWITT_Y,
    SCHARR_X,
    SCHARR_Y,
    SOBEL_X,
    SOBEL_Y,
)

__all__ = [
    "OPERATORS",
    "TRUNCATE",
    "edge_map",
    "gaussian_1d",
    "gradient_direction",
    "gradient_magnitude",
    "gradients",
    "laplacian",
    "operator_kernels",
    "ramp_gain",
    "smooth",
]

#: Gradient operators by name: the kernels ``(K_x, K_y)`` each uses.
OPERATORS = {
    "sobel": (SOBEL_X, SOBEL_Y),
    "prewitt": (PREWITT_X, PREWITT_Y),
    "scharr": (SCHARR_X, SCHARR_Y),
    "central": (CENTRAL_X, CENTRAL_Y),
}

#: The Gaussian blur reaches ``int(TRUNCATE * sigma + 0.5)`` pixels on each
#: side (as ``scipy.ndimage.gaussian_filter(..., truncate=3.0)``).
TRUNCATE = 3.0


def operator_kernels(operator: str = "sobel") -> tuple[np.ndarray, np.ndarray]:
    """The kernels ``(K_x, K_y)`` of a gradient operator (read-only arrays).

    Parameters
    ----------
    operator : {'sobel', 'prewitt', 'scharr', 'central'}, default 'sobel'

    Returns
    -------
    (ndarray, ndarray)
        ``K_x`` differentiates along x (responds to vertical edges),
        ``K_y = K_x.T`` along y (responds to horizontal edges).

    Examples
    --------
    >>> kx, ky = operator_kernels("prewitt")
    >>> kx.tolist(), bool((ky == kx.T).all())
    ([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]], True)
    """
    return OPERATORS[as_choice(operator, "operator", tuple(OPERATORS))]


def ramp_gain(kernel) -> float:
    """What a kernel gives on a ramp that brightens by 1 per column: ``sum K[a, b] * (b - centre)``.

    A difference kernel measures the slope times this gain: 2 for the
    central difference, 6 for Prewitt, 8 for Sobel, 32 for Scharr.
    Dividing by it (``normalize=True`` in :func:`gradients`) turns every
    operator's answer into "brightness change per pixel".

    Parameters
    ----------
    kernel : array_like of shape (kh, kw)

    Returns
    -------
    float

    Examples
    --------
    >>> [ramp_gain(operator_kernels(op)[0]) for op in OPERATORS]
    [8.0, 6.0, 32.0, 2.0]
    """
    K = np.asarray(as_array(kernel, "kernel", 2), dtype=float)
    offsets = np.arange(K.shape[1]) - (K.shape[1] - 1) / 2
    return float((K * offsets).sum())


def gaussian_1d(sigma: float) -> np.ndarray:
    """The 1-D Gaussian weights :func:`smooth` uses, adding up to 1.

    Parameters
    ----------
    sigma : float
        Spread in pixels, > 0.

    Returns
    -------
    ndarray of shape (2 r + 1,)
        ``exp(-x**2 / (2 sigma**2))`` for ``x = -r .. r``, divided by its sum,
        with radius ``r = int(TRUNCATE * sigma + 0.5)``.

    Examples
    --------
    >>> gaussian_1d(0.5).round(4).tolist()
    [0.0003, 0.1065, 0.7866, 0.1065, 0.0003]
    """
    sigma = as_real(sigma, "sigma", low=0, low_open=True, what="the blur's spread in pixels")
    radius = int(TRUNCATE * sigma + 0.5)
    x = np.arange(-radius, radius + 1, dtype=float)
    g = np.exp(-0.5 * (x / sigma) ** 2)
    return g / g.sum()


def _grey(image, name: str = "image") -> np.ndarray:
    arr = as_array(image, name, 2)
    if arr.shape[0] < 2 or arr.shape[1] < 2:
        msg = f"{name} must have at least 2 rows and 2 columns (a grey picture); received shape {arr.shape}"
        raise ValueError(msg)
    return arr


def _sigma(sigma) -> float:
    return as_real(sigma, "sigma", low=0, what="the blur's spread in pixels; 0 for no blur")


def _smooth(X: np.ndarray, sigma: float, pad_mode: str) -> np.ndarray:
    if sigma == 0:
        return X.astype(float)
    g = gaussian_1d(sigma)
    radius = g.size // 2
    if pad_mode == "reflect" and radius > min(X.shape) - 1:
        limit = (min(X.shape) - 0.5) / TRUNCATE
        msg = (f"sigma must be less than {limit:.3g} for an image of shape {X.shape} "
               f"with pad_mode='reflect' (the blur reaches {radius} pixels, more than the image can mirror); "
               f"received {sigma:g}")
        raise ValueError(msg)
    Y = correlate2d(X.astype(float), g[np.newaxis, :], mode="same", pad_mode=pad_mode)
    return correlate2d(Y, g[:, np.newaxis], mode="same", pad_mode=pad_mode)


def smooth(image, sigma: float, *, pad_mode: str = "reflect") -> np.ndarray:
    """Blur a grey picture with a Gaussian of spread ``sigma`` (pixels), keeping its size.

    Parameters
    ----------
    image : array_like of shape (H, W)
        Any real dtype; integers are read as they are (no overflow).
    sigma : float
        Spread in pixels, >= 0; 0 returns a float copy of the picture.
    pad_mode : {'reflect', 'replicate', 'zero', 'circular'}, default 'reflect'

    Returns
    -------
    ndarray of float64, shape (H, W)

    Notes
    -----
    The blur is separable: a row of :func:`gaussian_1d` weights, then a
    column of them.  With 'reflect' it equals
    ``scipy.ndimage.gaussian_filter(image, sigma, mode='mirror', truncate=3.0)``.

    Examples
    --------
    >>> X = np.zeros((11, 11)); X[5, 5] = 1
    >>> Y = smooth(X, 1.0)
    >>> round(float(Y.sum()), 6), bool(Y[5, 5] == Y.max())
    (1.0, True)
    """
    X = _grey(image)
    return _smooth(X, _sigma(sigma), _pad_mode(pad_mode))


def gradients(image, operator: str = "sobel", *, sigma: float = 0.0, normalize: bool = False,
              pad_mode: str = "reflect") -> tuple[np.ndarray, np.ndarray]:
    """The gradient ``(gx, gy)`` of a grey picture: its change to the right and downwards at every pixel.

    Parameters
    ----------
    image : array_like of shape (H, W)
        A grey picture, at least 2 x 2, of any real dtype (``uint8`` photos
        are summed in a wider type and never overflow).
    operator : {'sobel', 'prewitt', 'scharr', 'central'}, default 'sobel'
        The kernels ``K_x, K_y`` (see :data:`OPERATORS`).
    sigma : float, default 0
        Blur with a Gaussian of this spread (pixels) first; 0 for none.
        Noise makes differences jump; blurring first calms it.
    normalize : bool, default False
        Divide by :func:`ramp_gain` (8 for Sobel), so that a ramp that
        brightens by ``s`` per pixel gives ``gx = s`` with every operator.
    pad_mode : {'reflect', 'replicate', 'zero', 'circular'}, default 'reflect'
        How the border is extended.  'reflect' (scipy's 'mirror') makes no
        edge at the border of a flat picture; 'zero' does.

    Returns
    -------
    gx, gy : ndarray of float64, shape (H, W)
        ``gx = correlate2d(S, K_x, mode='same')`` and ``gy = correlate2d(S, K_y, mode='same')``,
        where ``S`` is the (blurred) picture; divided by the gain if ``normalize``.

    Notes
    -----
    For Sobel, without normalisation::

        gx[i, j] = (X[i-1, j+1] + 2 X[i, j+1] + X[i+1, j+1]) - (X[i-1, j-1] + 2 X[i, j-1] + X[i+1, j-1])

    ``gx > 0`` where the picture gets brighter to the right, ``gy > 0``
    where it gets brighter downwards (see the module's conventions).  The
    result equals ``scipy.ndimage.sobel(image, axis=1, mode='mirror')`` for
    ``gx`` and ``axis=0`` for ``gy`` (Prewitt likewise).

    Examples
    --------
    >>> ramp = np.tile(np.arange(6.0), (5, 1)) * 0.5       # brighter by 0.5 per column
    >>> gx, gy = gradients(ramp, normalize=True)
    >>> gx[2, 1:5].tolist(), float(abs(gy).max())
    ([0.5, 0.5, 0.5, 0.5], 0.0)
    >>> gradients(np.ones((1, 4)))
    Traceback (most recent call last):
    ...
    ValueError: image must have at least 2 rows and 2 columns (a grey picture); received shape (1, 4)
    """
    X = _grey(image)
    kx, ky = operator_kernels(operator)
    sigma = _sigma(sigma)
    normalize = as_bool(normalize, "normalize")
    mode = _pad_mode(pad_mode)
    S = _smooth(X, sigma, mode) if sigma > 0 else X
    gx = correlate2d(S, kx, mode="same", pad_mode=mode).astype(float, copy=False)
    gy = correlate2d(S, ky, mode="same", pad_mode=mode).astype(float, copy=False)
    if normalize:
        gain = ramp_gain(kx)
        gx, gy = gx / gain, gy / gain
    return gx, gy


def _pair(gx, gy) -> tuple[np.ndarray, np.ndarray]:
    a = np.asarray(as_array(gx, "gx", (0, 1, 2, 3)), dtype=float)
    b = np.asarray(as_array(gy, "gy", (0, 1, 2, 3)), dtype=float)
    if a.shape != b.shape:
        msg = f"gx and gy must have the same shape; received {a.shape} and {b.shape}"
        raise ValueError(msg)
    return a, b


def gradient_magnitude(gx, gy) -> np.ndarray:
    """How strong the change is: ``sqrt(gx**2 + gy**2)`` at every pixel.

    Parameters
    ----------
    gx, gy : array_like of the same shape (numbers, or arrays of up to 3 dimensions)
        From :func:`gradients`.

    Returns
    -------
    ndarray of float64, same shape, >= 0
        ``sqrt(gx*gx + gy*gy)`` when the largest component is of ordinary
        size (faster); :func:`numpy.hypot`, which neither overflows nor
        underflows, when it is beyond ``1e150`` or below ``1e-150``.

    Examples
    --------
    >>> gradient_magnitude([[3.0, 0.0]], [[4.0, -2.0]]).tolist()
    [[5.0, 2.0]]
    """
    a, b = _pair(gx, gy)
    top = max(float(np.abs(a).max(initial=0.0)), float(np.abs(b).max(initial=0.0)))
    if top == 0 or 1e-150 < top < 1e150:
        return np.sqrt(a * a + b * b)
    return np.hypot(a, b)


def gradient_direction(gx, gy, *, degrees: bool = False) -> np.ndarray:
    """Which way the gradient points, from dark to light: ``atan2(gy, gx)``.

    Parameters
    ----------
    gx, gy : array_like of the same shape (numbers, or arrays of up to 3 dimensions)
        From :func:`gradients`.
    degrees : bool, default False
        Degrees instead of radians.

    Returns
    -------
    ndarray of float64, same shape
        Angles in ``(-pi, pi]`` (or ``(-180, 180]``), measured from ``+x``
        (right) towards ``+y`` (down): 0 right, 90 degrees down, -90 up,
        180 left.  On the screen, positive angles turn clockwise.  Where
        ``gx = gy = 0`` the angle is 0 (there is no edge there).

    Examples
    --------
    >>> gradient_direction([[1, 0, -1, 0]], [[0, 1, 0, -1]], degrees=True).tolist()
    [[0.0, 90.0, 180.0, -90.0]]
    """
    a, b = _pair(gx, gy)
    angle = np.arctan2(b, a)
    angle = np.where(angle == -math.pi, math.pi, angle)  # (-pi, pi]: -0.0 in gy gives -pi otherwise
    return np.degrees(angle) if as_bool(degrees, "degrees") else angle


def edge_map(magnitude, threshold: float) -> np.ndarray:
    """The edge pixels: where the gradient magnitude is above ``threshold``.

    Parameters
    ----------
    magnitude : array_like of shape (H, W)
        From :func:`gradient_magnitude`.
    threshold : float
        >= 0, in the units of ``magnitude``.  A pixel is an edge when its
        magnitude is strictly larger, so threshold 0 keeps every pixel
        where anything changes and nothing where the picture is flat.

    Returns
    -------
    ndarray of bool, shape (H, W)

    Examples
    --------
    >>> edge_map([[0.0, 0.2, 0.5], [0.9, 0.5, 0.1]], 0.5).astype(int).tolist()
    [[0, 0, 0], [1, 0, 0]]
    """
    mag = as_array(magnitude, "magnitude", 2)
    t = as_real(threshold, "threshold", low=0, what="the smallest magnitude that is not an edge")
    return mag > t


def laplacian(image, *, neighbours: int = 4, sigma: float = 0.0, pad_mode: str = "reflect") -> np.ndarray:
    """The Laplacian: how much each pixel differs from its neighbours (a second difference).

    Parameters
    ----------
    image : array_like of shape (H, W)
    neighbours : {4, 8}, default 4
        4: :data:`convlib.kernels.LAPLACIAN`, ``[[0, 1, 0], [1, -4, 1], [0, 1, 0]]``;
        8: :data:`convlib.kernels.LAPLACIAN_8`, diagonals included.
    sigma : float, default 0
        Gaussian blur first (the "Laplacian of Gaussian"); 0 for none.
    pad_mode : {'reflect', 'replicate', 'zero', 'circular'}, default 'reflect'

    Returns
    -------
    ndarray of float64, shape (H, W)
        Zero on flat areas and on ramps (the weights add up to 0, and the
        second difference of a straight line is 0); a positive and a
        negative value on the two sides of an edge.

    Notes
    -----
    Along one row, ``[1, -2, 1]`` is the difference of two differences:
    ``(X[j+1] - X[j]) - (X[j] - X[j-1])``.  The 4-neighbour kernel adds this
    along rows and along columns, and equals ``scipy.ndimage.laplace`` with
    mode 'mirror'.

    Examples
    --------
    >>> laplacian(np.array([[0, 0, 0, 9, 9, 9]] * 3))[1].tolist()
    [0.0, 0.0, 9.0, -9.0, 0.0, 0.0]
    """
    X = _grey(image)
    n = as_int(neighbours, "neighbours", 4, 8)
    if n not in (4, 8):
        msg = f"neighbours must be 4 or 8; received {n}"
        raise ValueError(msg)
    mode = _pad_mode(pad_mode)
    sigma = _sigma(sigma)
    S = _smooth(X, sigma, mode) if sigma > 0 else X
    K = LAPLACIAN if n == 4 else LAPLACIAN_8
    return correlate2d(S, K, mode="same", pad_mode=mode).astype(float, copy=False)
