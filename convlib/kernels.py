"""Named kernels and filtering whole photos.

The kernels behind everyday photo filters, as public constants, and
:func:`filter_image`, which applies one to a grey or colour picture.  This
module belongs to the maths layer: numpy only.

The gradient kernels (``CENTRAL_*``, ``PREWITT_*``, ``SOBEL_*``,
``SCHARR_*``) follow convlib's cross-correlation convention (the kernel is
not flipped): the ``_X`` kernels give *right minus left* and the ``_Y``
kernels *below minus above*, so a positive response means the picture gets
brighter to the right (``_X``) or downwards (``_Y``).  They are used by
:mod:`convlib.edges` and lesson 03.

Examples
--------
>>> from convlib.kernels import SOBEL_X, filter_image
>>> SOBEL_X
array([[-1,  0,  1],
       [-2,  0,  2],
       [-1,  0,  1]])
"""

from __future__ import annotations

import numpy as np

from ._validate import as_array, as_int, as_real, read_only
from .conv import correlate2d

__all__ = [
    "BOX_3",
    "CENTRAL_X",
    "CENTRAL_Y",
    "EMBOSS",
    "IDENTITY",
    "KERNELS",
    "LAPLACIAN",
    "LAPLACIAN_8",
    "PREWITT_X",
    "PREWITT_Y",
    "SCHARR_X",
    "SCHARR_Y",
    "SHARPEN",
    "SOBEL_X",
    "SOBEL_Y",
    "box",
    "filter_image",
    "gaussian",
]


_frozen = read_only


#: Leaves the picture unchanged: a single 1 in the middle.
IDENTITY = _frozen([[0, 0, 0], [0, 1, 0], [0, 0, 0]])
#: Blur: the average of the 3x3 neighbourhood.
BOX_3 = _frozen(np.full((3, 3), 1 / 9))
#: Sharpen: the pixel, plus how much it differs from its four neighbours.
SHARPEN = _frozen([[0, -1, 0], [-1, 5, -1], [0, -1, 0]])
#: Horizontal change (responds to vertical edges), smoothed vertically: ``[1, 2, 1]`` down times
#: ``[-1, 0, 1]`` across.  Positive where it gets brighter to the right.
SOBEL_X = _frozen([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
#: Vertical change (responds to horizontal edges), smoothed horizontally.  Positive where it gets
#: brighter downwards (rows are counted from the top).
SOBEL_Y = _frozen([[-1, -2, -1], [0, 0, 0], [1, 2, 1]])
#: Edges in every direction: the pixel against the sum of its four neighbours.
LAPLACIAN = _frozen([[0, 1, 0], [1, -4, 1], [0, 1, 0]])
#: Edges in every direction, diagonals included: the pixel against its eight neighbours.
LAPLACIAN_8 = _frozen([[1, 1, 1], [1, -8, 1], [1, 1, 1]])
#: Central difference along x: ``X[i, j+1] - X[i, j-1]`` (positive where it gets brighter to the right).
CENTRAL_X = _frozen([[-1, 0, 1]])
#: Central difference along y: ``X[i+1, j] - X[i-1, j]`` (positive where it gets brighter downwards).
CENTRAL_Y = _frozen([[-1], [0], [1]])
#: Prewitt x: the central difference along x, averaged over three rows
#: (``[1, 1, 1]`` down, ``[-1, 0, 1]`` across).
PREWITT_X = _frozen([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]])
#: Prewitt y: the central difference along y, averaged over three columns.
PREWITT_Y = _frozen([[-1, -1, -1], [0, 0, 0], [1, 1, 1]])
#: Scharr x: the central difference along x, smoothed down by ``[3, 10, 3]``; its direction estimates
#: depend less on the edge's angle than Sobel's.
SCHARR_X = _frozen([[-3, 0, 3], [-10, 0, 10], [-3, 0, 3]])
#: Scharr y: the central difference along y, smoothed across by ``[3, 10, 3]``.
SCHARR_Y = _frozen([[-3, -10, -3], [0, 0, 0], [3, 10, 3]])
#: Emboss: light from the top left.
EMBOSS = _frozen([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]])


def box(size: int) -> np.ndarray:
    """A ``size x size`` averaging kernel (all entries ``1/size**2``).

    Examples
    --------
    >>> box(2)
    array([[0.25, 0.25],
           [0.25, 0.25]])
    """
    size = as_int(size, "size", 1)
    return np.full((size, size), 1.0 / size**2)


def gaussian(size: int, sigma: float | None = None) -> np.ndarray:
    """A ``size x size`` Gaussian blur kernel whose entries add up to 1.

    Parameters
    ----------
    size : int
        Odd side length.
    sigma : float, optional
        Spread in pixels; by default ``size / 6``, so the kernel holds
        nearly all of the bell curve.

    Examples
    --------
    >>> k = gaussian(5)
    >>> k.shape, round(float(k.sum()), 12), bool(k[2, 2] == k.max())
    ((5, 5), 1.0, True)
    """
    size = as_int(size, "size", 1, odd=True)
    sigma = max(size / 6, 0.5) if sigma is None else as_real(sigma, "sigma", low=0, low_open=True)
    x = np.arange(size) - size // 2
    g = np.exp(-0.5 * (x / float(sigma)) ** 2)
    k = np.outer(g, g)
    return k / k.sum()


#: The kernels the photo-filter widget offers, by name.
KERNELS = {
    "identity": IDENTITY,
    "blur (box 3x3)": BOX_3,
    "blur (Gaussian 9x9)": gaussian(9),
    "sharpen": SHARPEN,
    "edges: Sobel x": SOBEL_X,
    "edges: Sobel y": SOBEL_Y,
    "edges: Laplacian": LAPLACIAN,
    "emboss": EMBOSS,
}


def filter_image(image, kernel, *, pad_mode: str = "reflect", method: str = "auto") -> np.ndarray:
    """Filter a grey or colour picture, keeping its size.

    Parameters
    ----------
    image : array_like of shape (H, W) or (H, W, 3)
        The picture; colour pictures are filtered one channel at a time.
    kernel : array_like of shape (kh, kw)
    pad_mode : {'reflect', 'replicate', 'zero', 'circular'}, default 'reflect'
        How the border is extended; 'reflect' avoids the dark frame that
        zero padding leaves around a blurred photo.
    method : str, default 'auto'
        See :func:`convlib.correlate2d`.

    Returns
    -------
    ndarray of the same shape as ``image``
        float64 values; not clipped (edge filters give negative values).

    Examples
    --------
    >>> img = np.arange(16.0).reshape(4, 4)
    >>> bool(np.allclose(filter_image(img, IDENTITY), img))
    True
    """
    arr = as_array(image, "image", (2, 3))
    if arr.ndim == 3 and arr.shape[-1] not in (3, 4):
        msg = f"image must have shape (H, W) or (H, W, 3); received shape {arr.shape}"
        raise ValueError(msg)
    K = np.asarray(as_array(kernel, "kernel", 2), dtype=float)
    if arr.ndim == 2:
        return correlate2d(arr, K, mode="same", pad_mode=pad_mode, method=method).astype(float, copy=False)
    channels = [correlate2d(arr[..., c], K, mode="same", pad_mode=pad_mode, method=method)
                for c in range(3)]
    return np.stack(channels, axis=-1).astype(float, copy=False)
