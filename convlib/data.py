"""Pictures for the lessons, available offline: photos that ship with matplotlib, and generated patterns.

As ``skimage.data`` does for scikit-image, this module is the one place that
loads sample pictures, so widgets and lessons get a photo without importing
pyplot, and nothing is ever downloaded.

It also generates test patterns from formulas (lesson 04, "Textures and
patterns"): :func:`stripes` at any angle and period, :func:`dots`,
:func:`checkerboard`, and :func:`texture_scene`, a picture made of patches of
different textures with noise, returned with its true label map.  Random
parts come from ``numpy.random.default_rng(seed)`` with a fixed default seed,
so the same call gives the same picture.

Angles are in degrees and follow :mod:`convlib.edges`: measured from ``+x``
(columns, to the right) towards ``+y`` (rows, downwards), so positive angles
turn clockwise on the screen.  A pattern's ``angle`` is the direction
*across* its stripes, the way its brightness changes: ``stripes(..., angle=0)``
has vertical stripes, ``angle=90`` horizontal ones, the stripes that
``convlib.kernels.gabor(theta=angle)`` responds to most.

>>> sorted(SAMPLES)
['grace_hopper', 'mri', 'terrain']
>>> stripes((2, 8), period=4).round(2).tolist()[0]       # vertical stripes: the brightness changes along x
[1.0, 0.5, 0.0, 0.5, 1.0, 0.5, 0.0, 0.5]
"""

from __future__ import annotations

import functools
import gzip
import math
from typing import NamedTuple

import numpy as np

from ._validate import as_bool, as_choice, as_int, as_real, as_shape, describe

__all__ = [
    "SAMPLES",
    "SCENE_TEXTURES",
    "TEXTURE_KINDS",
    "Texture",
    "TextureScene",
    "checkerboard",
    "dots",
    "sample_image",
    "stripes",
    "texture",
    "texture_scene",
]


def _rgb_to_gray(rgb: np.ndarray) -> np.ndarray:
    """Luma with the ITU-R BT.601 weights: 0.299 R + 0.587 G + 0.114 B."""
    return rgb[..., :3] @ np.array([0.299, 0.587, 0.114])


def _load_grace_hopper() -> np.ndarray:
    from PIL import Image

    with Image.open(_sample_path("grace_hopper.jpg")) as im:
        return np.asarray(im.convert("RGB"), dtype=np.float64) / 255.0


def _load_mri() -> np.ndarray:
    with gzip.open(_sample_path("s1045.ima.gz")) as f:
        raw = np.frombuffer(f.read(), dtype=">u2").reshape(256, 256)
    return raw / raw.max()


def _load_terrain() -> np.ndarray:
    with np.load(_sample_path("jacksboro_fault_dem.npz")) as data:
        z = data["elevation"].astype(float)
    return (z - z.min()) / (z.max() - z.min())


def _sample_path(fname: str) -> str:
    from matplotlib.cbook import get_sample_data

    return str(get_sample_data(fname, asfileobj=False))


#: The pictures :func:`sample_image` loads, by name, with what they show.
SAMPLES = {
    "grace_hopper": "portrait of Grace Hopper, 600 x 512, colour",
    "mri": "MRI slice of a head, 256 x 256, grey",
    "terrain": "elevation map of the Jacksboro fault, 344 x 403, grey",
}

_LOADERS = {"grace_hopper": _load_grace_hopper, "mri": _load_mri, "terrain": _load_terrain}


@functools.cache
def _load(name: str) -> np.ndarray:
    img = _LOADERS[name]().astype(np.float64)
    img.setflags(write=False)
    return img


def sample_image(name: str = "grace_hopper", gray: bool = True) -> np.ndarray:
    """Load a picture that ships with matplotlib (no download).

    Parameters
    ----------
    name : {'grace_hopper', 'mri', 'terrain'}, default 'grace_hopper'
        'grace_hopper': portrait of Grace Hopper, 600 x 512, colour;
        'mri': MRI slice of a head, 256 x 256, grey;
        'terrain': elevation map of the Jacksboro fault, 344 x 403, grey
        (higher is lighter).
    gray : bool, default True
        Convert colour pictures to grey with the ITU-R BT.601 weights
        ``0.299 R + 0.587 G + 0.114 B``.  Grey pictures are 2-D either way.

    Returns
    -------
    ndarray of float64, shape (H, W) or (H, W, 3)
        Values in [0, 1]; a new array each call, safe to modify.

    Examples
    --------
    >>> img = sample_image("grace_hopper")
    >>> img.shape, img.dtype, bool(0 <= img.min() <= img.max() <= 1)
    ((600, 512), dtype('float64'), True)
    >>> sample_image("grace_hopper", gray=False).shape
    (600, 512, 3)
    """
    if not isinstance(name, str):
        msg = f"name must be a string, one of {', '.join(map(repr, SAMPLES))}; received {describe(name)}"
        raise TypeError(msg)
    if name not in SAMPLES:
        listed = "; ".join(f"{k!r} ({v})" for k, v in SAMPLES.items())
        msg = f"name must be the name of a sample picture: {listed}; received {describe(name)}"
        raise ValueError(msg)
    gray = as_bool(gray, "gray")
    img = _load(name)
    if gray and img.ndim == 3:
        return np.clip(_rgb_to_gray(img), 0.0, 1.0)
    return img.copy()




# --------------------------------------------------------------------------
# generated patterns
# --------------------------------------------------------------------------
#: Coordinates are rounded to this many decimals before the floor in :func:`dots` and
#: :func:`checkerboard`, so that patterns at multiples of 90 degrees have exact square edges.
_DECIMALS = 9


def _direction(angle: float) -> tuple[float, float]:
    """``(cos, sin)`` of an angle in degrees, exact (0, 1 or -1) at multiples of 90 degrees."""
    t = math.radians(angle)
    c, s = math.cos(t), math.sin(t)
    return (0.0 if abs(c) < 1e-12 else c), (0.0 if abs(s) < 1e-12 else s)


def _turned(shape, angle: float) -> tuple[np.ndarray, np.ndarray]:
    """Pixel coordinates turned by ``angle``: ``u`` across the pattern, ``v`` along it."""
    rows, cols = as_shape(shape, "shape", 1)
    c, s = _direction(angle)
    y, x = np.mgrid[0:rows, 0:cols].astype(float)
    return x * c + y * s, -x * s + y * c


def stripes(shape=(64, 64), period: float = 8.0, angle: float = 0.0, *, phase: float = 0.0) -> np.ndarray:
    """Stripes as a cosine wave: ``0.5 + 0.5 cos(2 pi u / period + phase)``.

    Parameters
    ----------
    shape : (int, int), default (64, 64)
        Rows and columns.
    period : float, default 8
        Pixels from one bright line to the next, >= 2 (what
        :func:`convlib.kernels.gabor` calls the wavelength).
    angle : float, default 0
        Degrees: the direction across the stripes, in which the brightness
        changes (see the module's conventions).  0 gives vertical stripes,
        90 horizontal ones; ``angle`` and ``angle + 180`` give the same
        stripes when ``phase`` is 0.
    phase : float, default 0
        Degrees; 0 puts a bright line through the top-left pixel.

    Returns
    -------
    ndarray of float64, shape ``shape``, values in [0, 1]
        ``0.5 + 0.5 cos(2 pi (x cos(angle) + y sin(angle)) / period + phase)``
        with ``x`` the column and ``y`` the row of each pixel.

    Examples
    --------
    >>> stripes((4, 2), period=4, angle=90).round(2).tolist()   # horizontal stripes: change down the rows
    [[1.0, 1.0], [0.5, 0.5], [0.0, 0.0], [0.5, 0.5]]
    """
    period = as_real(period, "period", low=2, what="pixels from one bright line to the next")
    angle = as_real(angle, "angle", what="degrees, the direction across the stripes")
    phase = as_real(phase, "phase", what="degrees")
    u, _ = _turned(shape, angle)
    return 0.5 + 0.5 * np.cos(2 * math.pi * u / period + math.radians(phase))


def dots(shape=(64, 64), spacing: float = 8.0, radius: float | None = None, angle: float = 0.0) -> np.ndarray:
    """Bright round dots on a square lattice, on a dark background.

    Parameters
    ----------
    shape : (int, int), default (64, 64)
    spacing : float, default 8
        Pixels between the centres of neighbouring dots, >= 2.
    radius : float, optional
        Radius of each dot in pixels, > 0 and at most ``spacing / 2``;
        by default ``spacing / 4``.
    angle : float, default 0
        Degrees: the lattice is turned by this angle (one row of dots runs
        along ``angle + 90``, the next row is ``spacing`` further along
        ``angle``).  A dot is centred on the top-left pixel.

    Returns
    -------
    ndarray of float64, values 0 or 1
        1 where ``du**2 + dv**2 <= radius**2``, with ``du``, ``dv`` the
        offsets of the turned coordinates ``u``, ``v`` from the nearest
        multiple of ``spacing``.

    Examples
    --------
    >>> dots((5, 9), spacing=4, radius=1).astype(int)
    array([[1, 1, 0, 1, 1, 1, 0, 1, 1],
           [1, 0, 0, 0, 1, 0, 0, 0, 1],
           [0, 0, 0, 0, 0, 0, 0, 0, 0],
           [1, 0, 0, 0, 1, 0, 0, 0, 1],
           [1, 1, 0, 1, 1, 1, 0, 1, 1]])
    """
    spacing = as_real(spacing, "spacing", low=2, what="pixels between the dots' centres")
    radius = spacing / 4 if radius is None else as_real(
        radius, "radius", low=0, low_open=True, high=spacing / 2, what="pixels, at most half the spacing")
    angle = as_real(angle, "angle", what="degrees")
    u, v = _turned(shape, angle)
    du = np.round(u, _DECIMALS) - spacing * np.round(u / spacing)
    dv = np.round(v, _DECIMALS) - spacing * np.round(v / spacing)
    return (du * du + dv * dv <= radius * radius).astype(float)


def checkerboard(shape=(64, 64), square: float = 8.0, angle: float = 0.0) -> np.ndarray:
    """A checkerboard of bright and dark squares, turned by ``angle``.

    Parameters
    ----------
    shape : (int, int), default (64, 64)
    square : float, default 8
        Side of one square in pixels, >= 1.  Along a row (at angle 0) the
        pattern repeats every ``2 * square`` pixels; along the diagonals it
        repeats every ``square * sqrt(2)``.
    angle : float, default 0
        Degrees; the squares' sides run at ``angle`` and ``angle + 90``.

    Returns
    -------
    ndarray of float64, values 0 or 1
        1 where ``floor(u / square) + floor(v / square)`` is even (the
        square at the top-left corner is bright).

    Examples
    --------
    >>> checkerboard((4, 6), square=2).astype(int)
    array([[1, 1, 0, 0, 1, 1],
           [1, 1, 0, 0, 1, 1],
           [0, 0, 1, 1, 0, 0],
           [0, 0, 1, 1, 0, 0]])
    """
    square = as_real(square, "square", low=1, what="the side of one square in pixels")
    angle = as_real(angle, "angle", what="degrees")
    u, v = _turned(shape, angle)
    i = np.floor(np.round(u / square, _DECIMALS)) + np.floor(np.round(v / square, _DECIMALS))
    return (i % 2 == 0).astype(float)


#: The kinds of texture :func:`texture` makes.
TEXTURE_KINDS = ("stripes", "dots", "checkerboard")


class Texture(NamedTuple):
    """One texture of a scene: its kind, its size in pixels and its angle in degrees.

    ``size`` is the period of stripes, the spacing of dots or the side of a
    checkerboard's square.

    Examples
    --------
    >>> Texture("stripes", 8, 45).name
    'stripes, period 8, at 45°'
    """

    kind: str
    size: float
    angle: float = 0.0

    @property
    def name(self) -> str:
        """The texture in words, for legends and messages."""
        what = {"stripes": "period", "dots": "spacing", "checkerboard": "square"}.get(self.kind, "size")
        return f"{self.kind}, {what} {self.size:g}, at {self.angle:g}°"


def texture(kind: str, shape=(64, 64), size: float = 8.0, angle: float = 0.0) -> np.ndarray:
    """A texture by name: ``stripes(shape, size, angle)``, ``dots(...)`` or ``checkerboard(...)``.

    Parameters
    ----------
    kind : {'stripes', 'dots', 'checkerboard'}
    shape : (int, int), default (64, 64)
    size : float, default 8
        The period of the stripes, the spacing of the dots or the side of a square.
    angle : float, default 0
        Degrees.

    Examples
    --------
    >>> bool(np.array_equal(texture("dots", (8, 8), 4), dots((8, 8), 4)))
    True
    """
    kind = as_choice(kind, "kind", TEXTURE_KINDS)
    if kind == "stripes":
        return stripes(shape, size, angle)
    if kind == "dots":
        return dots(shape, size, angle=angle)
    return checkerboard(shape, size, angle)


#: The textures of :func:`texture_scene` by default: stripes of period 8 in four directions.
SCENE_TEXTURES = (Texture("stripes", 8, 0), Texture("stripes", 8, 45), Texture("stripes", 8, 90),
                  Texture("stripes", 8, 135))


class TextureScene(NamedTuple):
    """A generated scene: the picture, the true label of every pixel and the textures."""

    #: The picture, float64: each pixel is its label's texture plus noise.
    image: np.ndarray
    #: int64, same shape: the index into ``textures`` of every pixel's texture.
    labels: np.ndarray
    #: The textures, in label order.
    textures: tuple


def texture_scene(shape=(192, 192), textures=SCENE_TEXTURES, *, grid=(3, 3), noise: float = 0.15,
                  seed: int = 4) -> TextureScene:
    """A picture made of patches of different textures, with noise, and its true label map.

    The patches are the regions of a Voronoi diagram: ``rows * cols``
    centres, one in each cell of a ``grid`` laid over the picture, moved at
    random inside their cell; every pixel belongs to its nearest centre.
    Each region gets one texture, so that every texture is used (as evenly
    as the number of regions allows), in a random order.  Each texture is
    drawn over the whole picture and kept where its label is, so two
    neighbouring regions of the same texture join without a seam.

    Parameters
    ----------
    shape : (int, int), default (192, 192)
    textures : sequence of Texture, default :data:`SCENE_TEXTURES`
        At least one; ``Texture(kind, size, angle)`` (see :func:`texture`).
    grid : (int, int), default (3, 3)
        Rows and columns of regions; at least as many regions as textures.
    noise : float, default 0.15
        Standard deviation of the Gaussian noise added to every pixel, >= 0.
        The result is not clipped.
    seed : int, default 4
        Seed of ``numpy.random.default_rng``: the same seed, the same scene.

    Returns
    -------
    TextureScene
        ``(image, labels, textures)``.

    Notes
    -----
    The random numbers are drawn in this order: the centres' offsets
    (``rng.random((rows * cols, 2))``, as fractions of a cell, row by row),
    the permutation of the regions' labels (``rng.permutation`` of
    ``arange(rows * cols) % len(textures)``), then the noise
    (``rng.standard_normal(shape)``).  A tie between two centres goes to
    the one listed first.

    Examples
    --------
    >>> scene = texture_scene((60, 60), grid=(2, 2), noise=0.0)
    >>> scene.image.shape, sorted(np.unique(scene.labels).tolist()), len(scene.textures)
    ((60, 60), [0, 1, 2, 3], 4)
    """
    rows, cols = as_shape(shape, "shape", 1)
    found = tuple(textures)
    if not found:
        msg = "textures must hold at least one Texture(kind, size, angle); received an empty sequence"
        raise ValueError(msg)
    checked = []
    for i, t in enumerate(found):
        try:
            kind, size, angle = t
        except (TypeError, ValueError):
            msg = f"textures[{i}] must be a Texture(kind, size, angle); received {describe(t)}"
            raise TypeError(msg) from None
        checked.append(Texture(as_choice(kind, f"textures[{i}].kind", TEXTURE_KINDS),
                               as_real(size, f"textures[{i}].size", low=1),
                               as_real(angle, f"textures[{i}].angle")))
    gr, gc = as_shape(grid, "grid", 1)
    if gr * gc < len(checked):
        msg = (f"grid must make at least one region per texture: {len(checked)} textures need at least "
               f"{len(checked)} regions; received grid {(gr, gc)} ({gr * gc} regions)")
        raise ValueError(msg)
    noise = as_real(noise, "noise", low=0, what="the noise's standard deviation")
    rng = np.random.default_rng(as_int(seed, "seed", 0))
    offsets = rng.random((gr * gc, 2))
    cells = np.array([(r, c) for r in range(gr) for c in range(gc)], dtype=float)
    centres = (cells + offsets) * np.array([rows / gr, cols / gc])
    region_label = rng.permutation(np.arange(gr * gc) % len(checked))
    y, x = np.mgrid[0:rows, 0:cols].astype(float)
    dist = (y[None] - centres[:, 0, None, None]) ** 2 + (x[None] - centres[:, 1, None, None]) ** 2
    labels = region_label[np.argmin(dist, axis=0)].astype(np.int64)
    image = np.zeros((rows, cols))
    for k, t in enumerate(checked):
        here = labels == k
        image[here] = texture(t.kind, (rows, cols), t.size, t.angle)[here]
    image += noise * rng.standard_normal((rows, cols))
    return TextureScene(image, labels, tuple(checked))
