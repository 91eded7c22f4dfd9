"""Named kernels and filtering whole photos.

The kernels behind everyday photo filters, as public constants, and
:func:`filter_image`, which applies one to a grey or colour picture.  This
module belongs to the maths layer: numpy only.

:func:`gabor` makes the kernel of lesson 04 (a wave under a bell curve, tuned
to stripes of one direction and one wavelength); its ``theta`` is the
direction *across* the stripes, as in :mod:`convlib.edges` and
:func:`convlib.data.stripes`.

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

import math

import numpy as np

from ._validate import as_array, as_bool, as_int, as_real, read_only
from .conv import correlate2d

__all__ = [
    "BOX_3",
    "CENTRAL_X",
    "CENTRAL_Y",
    "EMBOSS",
    "GABOR_MAX_SIZE",
    "IDENTITY",
    "KERNELS",
    "LAPLACIAN",
    "LAPLACIAN_8",
    "OUTLINE",
    "PREWITT_X",
    "PREWITT_Y",
    "SCHARR_X",
    "SCHARR_Y",
    "SHARPEN",
    "SOBEL_X",
    "SOBEL_Y",
    "box",
    "filter_image",
    "gabor",
    "gabor_sigma",
    "gaussian",
    "motion_blur",
    "unsharp_mask",
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
#: Outline: eight times the pixel minus its eight neighbours (``-LAPLACIAN_8``).  The weights add up
#: to 0: flat areas go black and only outlines stay, light on the side of the brighter pixel.
OUTLINE = _frozen([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])


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


def unsharp_mask(amount: float = 1.0, radius: float = 1.0) -> np.ndarray:
    """The unsharp-mask kernel: the picture plus ``amount`` times its detail (the picture minus a blur).

    Photo editors sharpen this way: blur a copy (the "unsharp mask"),
    subtract it from the picture to keep only the fine detail, and add that
    detail back, ``amount`` times.  Because every step is a convolution, the
    three make one kernel::

        K = identity + amount * (identity - G) = (1 + amount) * identity - amount * G

    where ``G`` is :func:`gaussian` of spread ``radius``.

    Parameters
    ----------
    amount : float, default 1
        How much detail is added back, from 0 (no change) to 10.
    radius : float, default 1
        Spread ``sigma`` of the Gaussian blur, in pixels, from 0.3 to 10: the
        size of the details that are strengthened.  The kernel's side is
        ``2 * ceil(3 * radius) + 1`` (3 for 0.3, 7 for 1).

    Returns
    -------
    ndarray of float64, shape (n, n), n odd
        Weights adding up to 1 (flat areas keep their brightness); the
        centre is positive and every other weight is ``-amount * G``.

    Notes
    -----
    At an edge the result overshoots on both sides: the dark side gets
    darker and the light side lighter, which is what the eye reads as
    sharper (and, overdone, as a halo).

    Examples
    --------
    >>> K = unsharp_mask(amount=1.0, radius=0.5)
    >>> K.shape, round(float(K.sum()), 12), bool(K[2, 2] > 1 and (np.delete(K.ravel(), 12) < 0).all())
    ((5, 5), 1.0, True)
    >>> unsharp_mask(amount=0.0, radius=1.0)[3, 3], unsharp_mask(amount=0.0, radius=1.0).sum()
    (np.float64(1.0), np.float64(1.0))
    """
    amount = as_real(amount, "amount", low=0, high=10, what="how much detail is added back")
    radius = as_real(radius, "radius", low=0.3, high=10, what="the blur's spread in pixels")
    size = 2 * int(np.ceil(3 * radius)) + 1
    K = -amount * gaussian(size, radius)
    K[size // 2, size // 2] += 1.0 + amount
    return K


def _segment_in_cells(x0: float, y0: float, x1: float, y1: float, left, top) -> np.ndarray:
    """Length of the segment (x0, y0)-(x1, y1) inside each unit square [left, left+1] x [top, top+1].

    Liang-Barsky clipping, for all squares at once: the part of the segment
    ``(x0, y0) + t (dx, dy)``, ``0 <= t <= 1``, that satisfies the four
    inequalities of a square.
    """
    left, top = np.asarray(left, float), np.asarray(top, float)
    t0, t1 = np.zeros(left.shape), np.ones(left.shape)
    dx, dy = x1 - x0, y1 - y0
    outside = np.zeros(left.shape, bool)
    for p, q in ((-dx, x0 - left), (dx, left + 1 - x0), (-dy, y0 - top), (dy, top + 1 - y0)):
        if p == 0:
            outside |= q < 0
        elif p < 0:
            t0 = np.maximum(t0, q / p)
        else:
            t1 = np.minimum(t1, q / p)
    inside = np.where(outside, 0.0, np.clip(t1 - t0, 0.0, None))
    return inside * float(np.hypot(dx, dy))


def motion_blur(length: int = 9, angle: float = 0.0) -> np.ndarray:
    """A motion-blur kernel: a straight streak ``length`` pixels long through the centre, at ``angle``.

    What a camera records when it moves in a straight line during the
    exposure: every point is smeared evenly along the streak.

    Parameters
    ----------
    length : int, default 9
        Length of the streak in pixels, from 1 (no blur) to 101.
    angle : float, default 0
        Direction of the streak in degrees, **counter-clockwise from the
        +x axis as seen on the screen** (as on a protractor, and as in photo
        editors and Pillow's ``rotate``): 0 is horizontal, 90 vertical, 45
        runs from bottom left to top right.  A streak has no arrow, so
        ``angle`` and ``angle + 180`` give the same kernel.  Note that
        :func:`convlib.edges.gradient_direction` measures angles the other
        way (clockwise on the screen, because rows are counted downwards).

    Returns
    -------
    ndarray of float64, shape (n, n), n odd
        ``n = 2 * ceil((length - 1) / 2) + 1``.  Each weight is the length
        of the streak (a segment of ``length`` pixels centred on the middle
        of the kernel) that lies inside that cell, each cell being a unit
        square around its centre; the weights are divided by their sum, so
        they add up to 1 and the brightness is kept.

    Examples
    --------
    >>> motion_blur(3, 0)
    array([[0.        , 0.        , 0.        ],
           [0.33333333, 0.33333333, 0.33333333],
           [0.        , 0.        , 0.        ]])
    >>> bool(np.allclose(motion_blur(5, 90), motion_blur(5, 0).T))
    True
    >>> K = motion_blur(5, 45)           # from bottom left to top right
    >>> bool(K[4, 0] > 0 and K[0, 4] > 0 and K[0, 0] == 0)
    True
    """
    length = as_int(length, "length", 1, 101, what="the streak's length in pixels")
    angle = as_real(angle, "angle", what="degrees counter-clockwise from the +x axis")
    r = length // 2  # ceil((length - 1) / 2)
    theta = np.radians(angle)
    # x to the right, y downwards (rows): counter-clockwise on the screen means y goes up, so -sin
    ux, uy = float(np.cos(theta)), -float(np.sin(theta))
    ux, uy = (0.0 if abs(ux) < 1e-12 else ux), (0.0 if abs(uy) < 1e-12 else uy)
    half = length / 2
    x0, y0, x1, y1 = -half * ux, -half * uy, half * ux, half * uy
    rows, cols = np.mgrid[-r:r + 1, -r:r + 1]
    K = np.round(_segment_in_cells(x0, y0, x1, y1, cols - 0.5, rows - 0.5), 12)   # no 0.9999999999999996
    return K / K.sum()


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


#: The largest side :func:`gabor` makes (a kernel of 1001 x 1001 is a million taps).
GABOR_MAX_SIZE = 1001


def gabor_sigma(wavelength: float, bandwidth: float = 1.0) -> float:
    """The width ``sigma`` that gives a Gabor kernel of ``wavelength`` a bandwidth of ``bandwidth`` octaves.

    ``sigma = wavelength / pi * sqrt(ln 2 / 2) * (2**b + 1) / (2**b - 1)``;
    for one octave, about ``0.56 * wavelength``: the bell holds a little more
    than one wave on each side of its centre.  It is scikit-image's default
    for ``skimage.filters.gabor_kernel``.

    Examples
    --------
    >>> round(gabor_sigma(8.0), 3), round(gabor_sigma(8.0, 2.0), 3)
    (4.497, 2.499)
    """
    wavelength = as_real(wavelength, "wavelength", low=0, low_open=True, what="pixels per stripe")
    b = as_real(bandwidth, "bandwidth", low=0, low_open=True, what="octaves")
    return wavelength / math.pi * math.sqrt(math.log(2) / 2) * (2**b + 1) / (2**b - 1)


def gabor(theta: float = 0.0, wavelength: float = 8.0, sigma: float | None = None, psi: float = 0.0,
          gamma: float = 1.0, size: int | None = None, *, zero_mean: bool = True,
          normalize: bool = True) -> np.ndarray:
    """A Gabor kernel: a cosine wave under a Gaussian bell, tuned to stripes of one direction and period.

    Parameters
    ----------
    theta : float, default 0
        Orientation in **degrees**: the direction in which the wave runs,
        *across* the stripes it responds to (its wave vector), measured from
        ``+x`` (right) towards ``+y`` (down, as rows are counted), like
        :func:`convlib.edges.gradient_direction`.  ``theta = 0`` responds to
        **vertical** stripes (brightness changing from left to right),
        ``theta = 90`` to **horizontal** stripes.  The stripes themselves run
        at ``theta + 90``.  ``theta`` and ``theta + 180`` give the same
        kernel when ``psi`` is 0 (the wave is symmetric) and its negative
        when ``psi`` is 90.
    wavelength : float, default 8
        ``lambda``: pixels from one crest of the wave to the next, >= 2
        (shorter waves cannot be drawn with pixels).  The kernel responds
        most to stripes whose period is this wavelength.  Not the frequency,
        which is ``1 / wavelength`` cycles per pixel.
    sigma : float, optional
        Width of the bell in pixels (its standard deviation across the
        stripes), > 0.  By default :func:`gabor_sigma` ``(wavelength)``,
        about ``0.56 * wavelength`` (a bandwidth of one octave).
    psi : float, default 0
        Phase of the wave in degrees: 0 gives an even kernel with a bright
        centre line (it answers best to bright lines), 90 an odd kernel
        that is an edge detector, 180 the negative of 0.
    gamma : float, default 1
        Aspect ratio, > 0: the bell's width *along* the stripes is
        ``sigma / gamma``.  Below 1 the kernel is longer along the stripes
        and more selective of their direction; 1 gives a round bell.
    size : int, optional
        Odd side length of the (square) kernel; by default
        ``2 * ceil(3 * max(sigma, sigma / gamma)) + 1``, enough for three
        standard deviations of the bell in every direction.  At most
        :data:`GABOR_MAX_SIZE`.
    zero_mean : bool, default True
        Subtract ``c`` times the bell, with ``c`` chosen so that the weights
        add up to 0: a flat picture then gives 0, as with every edge kernel,
        whatever its brightness.
    normalize : bool, default True
        Divide by the kernel's gain on its own stripes, so that stripes
        ``cos(2 pi u / wavelength + phase)`` of amplitude 1 running at
        ``theta`` give a response of amplitude exactly 1 (away from the
        borders), whatever ``sigma``, ``gamma`` and ``psi``.  Kernels of a
        bank are then comparable.

    Returns
    -------
    ndarray of float64, shape (size, size)
        ``K[i, j]`` for the offset ``y = i - size // 2`` (rows, downwards)
        and ``x = j - size // 2`` (columns, to the right), for use with
        :func:`convlib.correlate2d` (not flipped).

    Notes
    -----
    With the offsets ``x``, ``y`` from the centre, turned by ``theta``::

        u = x cos(theta) + y sin(theta)        # across the stripes
        v = -x sin(theta) + y cos(theta)       # along the stripes
        G(x, y) = exp(-(u**2 + gamma**2 v**2) / (2 sigma**2)) * cos(2 pi u / lambda + psi)

    This is the usual real Gabor function (the real part of scikit-image's
    ``gabor_kernel(1 / lambda, theta, sigma_x=sigma, sigma_y=sigma / gamma,
    offset=psi)`` times ``2 pi sigma_x sigma_y``, with angles in radians there;
    OpenCV's ``getGaborKernel`` uses the same names).  ``skimage.filters.gabor``
    *convolves* with that kernel, flipping it, which turns ``psi`` into
    ``-psi``: its real output is ``correlate2d`` with ``gabor(..., psi=-psi)``
    (even kernels, ``psi = 0`` or 180, are unchanged by the flip).  ``zero_mean`` replaces
    ``G`` by ``G - c E`` where ``E`` is the bell alone and ``c = sum(G) / sum(E)``;
    ``normalize`` then divides by ``|sum K exp(2 pi i u / lambda)|``, the
    amplitude of the response to the stripes ``cos(2 pi u / lambda + phase)``.

    Examples
    --------
    >>> K = gabor(theta=0, wavelength=4, size=5, zero_mean=False, normalize=False)
    >>> K[2].round(3).tolist()          # the middle row: the wave runs along x, crests 4 pixels apart
    [-0.673, 0.0, 1.0, 0.0, -0.673]
    >>> K[:, 2].round(3).tolist()       # the middle column: along the stripe, the bell alone
    [0.673, 0.906, 1.0, 0.906, 0.673]
    >>> round(float(gabor(theta=30, wavelength=6).sum()), 12)   # zero_mean: the weights add up to 0
    0.0
    """
    theta = as_real(theta, "theta", what="degrees, the direction across the stripes")
    wavelength = as_real(wavelength, "wavelength", low=2, what="pixels from one crest to the next")
    if sigma is None:
        sigma = gabor_sigma(wavelength)
    sigma = as_real(sigma, "sigma", low=0, low_open=True, what="the width of the bell in pixels")
    psi = as_real(psi, "psi", what="the phase of the wave in degrees")
    gamma = as_real(gamma, "gamma", low=0, low_open=True, what="the aspect ratio of the bell")
    zero_mean = as_bool(zero_mean, "zero_mean")
    normalize = as_bool(normalize, "normalize")
    if size is None:
        reach = 3 * max(sigma, sigma / gamma)
        if reach > GABOR_MAX_SIZE // 2:
            msg = (f"sigma and gamma make a kernel too large: 3 * max(sigma, sigma / gamma) = {reach:g} "
                   f"pixels on each side, more than {GABOR_MAX_SIZE // 2}; received sigma={sigma:g}, "
                   f"gamma={gamma:g} "
                   f"(pass a smaller sigma, a larger gamma, or size=...)")
            raise ValueError(msg)
        size = 2 * math.ceil(reach) + 1
    size = as_int(size, "size", 1, GABOR_MAX_SIZE, odd=True, what="the side of the kernel")
    r = size // 2
    y, x = np.mgrid[-r:r + 1, -r:r + 1].astype(float)
    t = math.radians(theta)
    u = x * math.cos(t) + y * math.sin(t)
    v = -x * math.sin(t) + y * math.cos(t)
    bell = np.exp(-(u * u + (gamma * v) ** 2) / (2 * sigma * sigma))
    phase = 2 * math.pi * u / wavelength
    K = bell * np.cos(phase + math.radians(psi))
    if zero_mean:
        K = K - (K.sum() / bell.sum()) * bell
    if normalize:
        gain = float(abs((K * np.exp(1j * phase)).sum()))
        if not gain > 1e-12 * float(np.abs(K).sum()):
            msg = (f"this kernel gives no response to stripes of wavelength {wavelength:g}: with "
                   f"sigma={sigma:g} and size={size} it holds too little of the wave; use a larger sigma or "
                   "size")
            raise ValueError(msg)
        K = K / gain
    return K
