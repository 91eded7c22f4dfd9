"""Simple shapes drawn with numpy: masks and templates, and scenes with the shapes at known places.

The pictures behind lesson 05 ("Simple shapes"), kept in the package root
because lesson 07 trains a small network on the same generated shapes.
numpy only.

* :func:`shape_mask`: one shape ('circle', 'square', 'cross', 'triangle')
  centred on a small square canvas, at any size and rotation, anti-aliased
  or not: a template for matching;
* :func:`draw_shape` and :func:`draw_clutter`: paint a shape, or a
  distractor ('blob', 'patch', 'line'), into a picture at any place;
* :func:`make_scene`: a picture with several shapes at known positions,
  among clutter and noise, from a fixed seed; it returns a :class:`Scene`,
  the picture together with the true kinds, centres, sizes, angles and
  intensities.

Conventions
-----------
Rows are counted from the top and columns from the left.  A centre
``(row, col)`` is a point in pixel units: ``(2, 3)`` is the centre of pixel
``[2, 3]``, and fractions are allowed.  ``size`` is the shape's width when
it is not turned: the circle's diameter, the square's side, the length of
each bar of the cross (the bars are ``size / 3`` thick) and the side of the
equilateral triangle (which points up and is centred on its centroid).
``angle`` turns the shape *anti-clockwise on the screen*, in degrees.

A pixel's value is the share of its area inside the shape (anti-aliased),
estimated from ``SUPERSAMPLE x SUPERSAMPLE`` points spread evenly over the
pixel, or 1 / 0 by whether its centre is inside (``antialias=False``).
Painting blends: ``picture = (1 - a) * picture + a * intensity`` where
``a`` is that share.

Examples
--------
>>> shape_mask("square", 3, antialias=False)
array([[0., 0., 0., 0., 0., 0., 0.],
       [0., 0., 0., 0., 0., 0., 0.],
       [0., 0., 1., 1., 1., 0., 0.],
       [0., 0., 1., 1., 1., 0., 0.],
       [0., 0., 1., 1., 1., 0., 0.],
       [0., 0., 0., 0., 0., 0., 0.],
       [0., 0., 0., 0., 0., 0., 0.]])
>>> scene = make_scene((40, 60), ("circle", "square"), size=9, seed=1)
>>> scene.image.shape, scene.kinds, scene.centres.shape
((40, 60), ('circle', 'square'), (2, 2))
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from ._validate import as_array, as_bool, as_choice, as_int, as_real, as_shape, describe

__all__ = [
    "CLUTTER",
    "SHAPES",
    "SUPERSAMPLE",
    "Scene",
    "canvas_size",
    "draw_clutter",
    "draw_shape",
    "make_scene",
    "shape_mask",
]

#: The shapes convlib draws.
SHAPES = ("circle", "square", "cross", "triangle")

#: The distractors :func:`make_scene` scatters: a soft bright blob, a large
#: bright rectangle, a thin bar.
CLUTTER = ("blob", "patch", "line")

#: Sample points per pixel side when anti-aliasing (16 points per pixel).
SUPERSAMPLE = 4

#: Thickness of the cross's bars, as a share of their length.
_CROSS_THICKNESS = 1 / 3


def canvas_size(size: float) -> int:
    """The side of the canvas :func:`shape_mask` uses by default: odd, and large enough at any angle.

    The smallest odd integer at least ``size * sqrt(2) + 2``: a square of
    side ``size`` turned by 45 degrees fits, with at least one pixel of
    background all round (every other shape is smaller than that square).

    Examples
    --------
    >>> canvas_size(3), canvas_size(15)
    (7, 25)
    """
    size = as_real(size, "size", low=0, low_open=True)
    n = math.ceil(size * math.sqrt(2) + 2 - 1e-9)
    return n if n % 2 else n + 1


def _inside(kind: str, u: np.ndarray, v: np.ndarray, size: float) -> np.ndarray:
    """Whether the points (u right, v up), in the shape's own frame, lie inside it."""
    h = size / 2
    if kind == "circle":
        return u * u + v * v <= h * h
    if kind == "square":
        return (np.abs(u) <= h) & (np.abs(v) <= h)
    if kind == "cross":
        t = size * _CROSS_THICKNESS / 2
        au, av = np.abs(u), np.abs(v)
        return ((au <= t) & (av <= h)) | ((av <= t) & (au <= h))
    # equilateral triangle of side `size`, pointing up, centroid at the origin
    r_in = size / (2 * math.sqrt(3))          # distance from the centroid to each side
    inside = v >= -r_in                       # above the bottom side
    for a in (math.radians(30), math.radians(150)):   # outward normals of the two slanted sides
        inside &= u * math.cos(a) + v * math.sin(a) <= r_in
    return inside


def _cos_sin(angle: float) -> tuple[float, float]:
    """cos and sin of an angle in degrees, exact for multiples of 90 (so quarter turns move no pixel)."""
    quarter = angle / 90
    if quarter == round(quarter):
        return [(1.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (0.0, -1.0)][int(round(quarter)) % 4]
    t = math.radians(angle)
    return math.cos(t), math.sin(t)


def _coverage(kind: str, dy: np.ndarray, dx: np.ndarray, size: float, angle: float,
              antialias: bool) -> np.ndarray:
    """The share of each pixel inside the shape; ``dy``, ``dx``: pixel centres minus the shape's centre."""
    if antialias:
        s = SUPERSAMPLE
        offsets = (np.arange(s) + 0.5) / s - 0.5
        dy = dy[..., None, None] + offsets[:, None]
        dx = dx[..., None, None] + offsets[None, :]
    c, s_ = _cos_sin(angle)
    # screen (dx right, dy down) -> maths (x right, y up), then turned back by -angle
    x, y = dx, -dy
    if kind == "circle" or (c == 1.0 and s_ == 0.0):
        u, v = np.broadcast_arrays(x, y)
    else:
        u = x * c + y * s_
        v = -x * s_ + y * c
    inside = _inside(kind, u, v, size).astype(np.float64)
    if antialias:
        inside = inside.mean(axis=(-2, -1))
    return inside


def _kind(kind) -> str:
    return as_choice(kind, "kind", SHAPES)


def shape_mask(kind: str, size: float, *, angle: float = 0.0, antialias: bool = True,
               canvas: int | None = None) -> np.ndarray:
    """One shape centred on a square canvas: 1 inside, 0 outside (in between on its border).

    Parameters
    ----------
    kind : {'circle', 'square', 'cross', 'triangle'}
    size : float
        The shape's width when not turned (see the module's conventions), > 0.
    angle : float, default 0
        Turn, in degrees, anti-clockwise on the screen.
    antialias : bool, default True
        Border pixels get the share of their area inside the shape; with
        False, 1 where the pixel's centre is inside and 0 elsewhere.
    canvas : int, optional
        Side of the square canvas; by default :func:`canvas_size` of ``size``
        (odd, room for any angle).  The shape's centre is the centre of the
        canvas, ``((canvas - 1) / 2, (canvas - 1) / 2)``.

    Returns
    -------
    ndarray of float64, shape (canvas, canvas)
        Values in [0, 1].

    Examples
    --------
    >>> m = shape_mask("circle", 10)
    >>> m.shape, round(float(m.sum())), round(math.pi * 5 ** 2)   # close to its area
    ((17, 17), 79, 79)
    >>> bool(np.array_equal(shape_mask("square", 9, angle=90), shape_mask("square", 9)))
    True
    """
    kind = _kind(kind)
    size = as_real(size, "size", low=0, low_open=True, what="the shape's width in pixels")
    angle = as_real(angle, "angle", what="degrees, anti-clockwise")
    antialias = as_bool(antialias, "antialias")
    n = canvas_size(size) if canvas is None else as_int(canvas, "canvas", 1, what="the canvas side")
    offsets = np.arange(n) - (n - 1) / 2
    return _coverage(kind, offsets[:, None], offsets[None, :], size, angle, antialias)


def _picture(picture) -> np.ndarray:
    return np.array(as_array(picture, "picture", 2), dtype=np.float64)


def _centre(centre) -> tuple[float, float]:
    try:
        items = tuple(centre)
    except TypeError:
        msg = f"centre must be a pair (row, col); received {describe(centre)}"
        raise TypeError(msg) from None
    if len(items) != 2:
        msg = f"centre must be a pair (row, col); received {describe(centre)}"
        raise ValueError(msg)
    return (as_real(items[0], "centre[0]"), as_real(items[1], "centre[1]"))


def _paint(picture: np.ndarray, share_of, centre, reach: float, intensity: float) -> np.ndarray:
    """Blend ``intensity`` into ``picture`` around ``centre`` with the shares ``share_of(dy, dx)``."""
    r, c = centre
    h, w = picture.shape
    r0, r1 = max(0, math.floor(r - reach)), min(h, math.ceil(r + reach) + 1)
    c0, c1 = max(0, math.floor(c - reach)), min(w, math.ceil(c + reach) + 1)
    if r0 >= r1 or c0 >= c1:
        return picture
    dy = (np.arange(r0, r1) - r)[:, None] + np.zeros(c1 - c0)
    dx = (np.arange(c0, c1) - c)[None, :] + np.zeros((r1 - r0, 1))
    a = share_of(dy, dx)
    part = picture[r0:r1, c0:c1]
    picture[r0:r1, c0:c1] = (1 - a) * part + a * intensity
    return picture


def draw_shape(picture, kind: str, centre, size: float, *, angle: float = 0.0, intensity: float = 1.0,
               antialias: bool = True) -> np.ndarray:
    """Paint one shape into a copy of a picture.

    Parameters
    ----------
    picture : array_like of shape (H, W)
    kind : {'circle', 'square', 'cross', 'triangle'}
    centre : (float, float)
        ``(row, col)`` of the shape's centre, in pixels; may be fractional,
        and may lie near or beyond the border (the shape is cut off there).
    size, angle, antialias
        As in :func:`shape_mask`.
    intensity : float, default 1
        The shape's grey value.

    Returns
    -------
    ndarray of float64, shape (H, W)
        A new picture; the one given is not changed.

    Examples
    --------
    >>> draw_shape(np.zeros((5, 5)), "square", (2, 2), 3, intensity=0.5, antialias=False)
    array([[0. , 0. , 0. , 0. , 0. ],
           [0. , 0.5, 0.5, 0.5, 0. ],
           [0. , 0.5, 0.5, 0.5, 0. ],
           [0. , 0.5, 0.5, 0.5, 0. ],
           [0. , 0. , 0. , 0. , 0. ]])
    """
    out = _picture(picture)
    kind = _kind(kind)
    size = as_real(size, "size", low=0, low_open=True, what="the shape's width in pixels")
    angle = as_real(angle, "angle", what="degrees, anti-clockwise")
    intensity = as_real(intensity, "intensity")
    antialias = as_bool(antialias, "antialias")
    return _paint(out, lambda dy, dx: _coverage(kind, dy, dx, size, angle, antialias), _centre(centre),
                  size * math.sqrt(2) / 2 + 1, intensity)


def draw_clutter(picture, kind: str, centre, size: float, *, intensity: float = 1.0,
                 angle: float = 0.0) -> np.ndarray:
    """Paint a distractor into a copy of a picture: something bright that is none of the shapes.

    Parameters
    ----------
    picture : array_like of shape (H, W)
    kind : {'blob', 'patch', 'line'}
        'blob': a soft Gaussian spot, ``size / 4`` pixels of spread, reaching
        ``intensity`` at its centre; 'patch': a bright rectangle ``size``
        tall and ``1.5 * size`` wide; 'line': a bar ``size`` long and 2
        pixels thick.
    centre : (float, float)
        ``(row, col)``, in pixels.
    size : float
        > 0.
    intensity : float, default 1
    angle : float, default 0
        Turn of the patch or the line, degrees anti-clockwise (a blob is round).

    Returns
    -------
    ndarray of float64, shape (H, W)
        A new picture.

    Examples
    --------
    >>> draw_clutter(np.zeros((4, 7)), "patch", (1.5, 3), 2)    # 2 rows tall, 3 columns wide
    array([[0., 0., 0., 0., 0., 0., 0.],
           [0., 0., 1., 1., 1., 0., 0.],
           [0., 0., 1., 1., 1., 0., 0.],
           [0., 0., 0., 0., 0., 0., 0.]])
    """
    out = _picture(picture)
    kind = as_choice(kind, "kind", CLUTTER)
    size = as_real(size, "size", low=0, low_open=True)
    intensity = as_real(intensity, "intensity")
    angle = as_real(angle, "angle", what="degrees, anti-clockwise")
    if kind == "blob":
        spread = size / 4
        def gauss(dy, dx):
            return np.exp(-(dy * dy + dx * dx) / (2 * spread * spread))

        return _paint(out, gauss, _centre(centre), 3 * spread, intensity)
    height, width = (size, 1.5 * size) if kind == "patch" else (2.0, size)
    c, s = _cos_sin(angle)

    def share(dy, dx):
        offsets = (np.arange(SUPERSAMPLE) + 0.5) / SUPERSAMPLE - 0.5
        y = -(dy[..., None, None] + offsets[:, None])
        x = dx[..., None, None] + offsets[None, :]
        u, v = x * c + y * s, -x * s + y * c
        return ((np.abs(u) <= width / 2) & (np.abs(v) <= height / 2)).mean(axis=(-2, -1))

    return _paint(out, share, _centre(centre), math.hypot(height, width) / 2 + 1, intensity)


@dataclass(frozen=True)
class Scene:
    """A generated picture and what is in it.

    Attributes
    ----------
    image : ndarray of float64, shape (H, W)
        Values in [0, 1] (read-only).
    kinds : tuple of str
        The kind of each shape, in the order they were placed.
    centres : ndarray of float64, shape (n, 2)
        ``(row, col)`` of each shape's centre (read-only).
    sizes, angles, intensities : ndarray of float64, shape (n,)
        Each shape's size, turn in degrees, and grey value (read-only).
    clutter : tuple of (str, (float, float), float)
        Each distractor's kind, centre and size.
    seed : int
        The seed the scene was made from.
    """

    image: np.ndarray
    kinds: tuple
    centres: np.ndarray
    sizes: np.ndarray
    angles: np.ndarray
    intensities: np.ndarray
    clutter: tuple
    seed: int

    def centres_of(self, kind: str) -> np.ndarray:
        """The centres ``(row, col)`` of the shapes of one kind, shape (m, 2).

        >>> make_scene((40, 60), ("circle", "square", "circle"), size=9).centres_of("circle").shape
        (2, 2)
        """
        kind = _kind(kind)
        keep = [k == kind for k in self.kinds]
        return self.centres[np.array(keep, dtype=bool)] if any(keep) else np.zeros((0, 2))

    def __repr__(self) -> str:
        h, w = self.image.shape
        return (f"Scene({h}x{w}, {len(self.kinds)} shapes: {', '.join(self.kinds)}; "
                f"{len(self.clutter)} distractors; seed {self.seed})")


def _spread(value, name: str, n: int, rng, *, low=None, low_open=False, high=None) -> np.ndarray:
    """``n`` values: all equal to a number, or drawn uniformly from a (low, high) range."""
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            msg = f"{name} must be a number or a range (low, high); received {describe(value)}"
            raise ValueError(msg)
        a = as_real(value[0], f"{name}[0]", low=low, low_open=low_open, high=high)
        b = as_real(value[1], f"{name}[1]", low=low, low_open=low_open, high=high)
        if b < a:
            msg = f"{name} must be a range (low, high) with low <= high; received {describe(value)}"
            raise ValueError(msg)
        return rng.uniform(a, b, n)
    return np.full(n, as_real(value, name, low=low, low_open=low_open, high=high))


def _kinds(kinds, rng) -> tuple:
    if isinstance(kinds, numbers.Integral) and not isinstance(kinds, bool):
        n = as_int(kinds, "kinds", 0)
        return tuple(SHAPES[i] for i in rng.integers(0, len(SHAPES), n))
    if isinstance(kinds, str):
        return (_kind(kinds),)
    try:
        items = tuple(kinds)
    except TypeError:
        msg = (f"kinds must be a sequence of shape names ({', '.join(map(repr, SHAPES))}) or a number of "
               f"shapes; received {describe(kinds)}")
        raise TypeError(msg) from None
    return tuple(as_choice(k, f"kinds[{i}]", SHAPES) for i, k in enumerate(items))


def _clutter_items(clutter, rng, intensity: float) -> list:
    """(kind, centre or None, size) for each distractor; None: placed at random later."""
    if isinstance(clutter, numbers.Integral) and not isinstance(clutter, bool):
        n = as_int(clutter, "clutter", 0)
        return [(CLUTTER[k], None, None) for k in rng.integers(0, len(CLUTTER), n)]
    try:
        items = list(clutter)
    except TypeError:
        msg = f"clutter must be a number of distractors or a list of (kind, centre, size); received " \
              f"{describe(clutter)}"
        raise TypeError(msg) from None
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, (tuple, list)) or len(item) != 3:
            msg = f"clutter[{i}] must be (kind, (row, col), size); received {describe(item)}"
            raise ValueError(msg)
        kind, centre, size = item
        out.append((as_choice(kind, f"clutter[{i}][0]", CLUTTER), _centre(centre),
                    as_real(size, f"clutter[{i}][2]", low=0, low_open=True)))
    return out


def _place(rng, shape, reach: float, taken: list, gap: float, what: str) -> tuple[float, float]:
    """A random integer centre at least ``reach`` from the border and clear of ``taken`` circles."""
    h, w = shape
    lo_r, hi_r = math.ceil(reach), math.floor(h - 1 - reach)
    lo_c, hi_c = math.ceil(reach), math.floor(w - 1 - reach)
    if lo_r > hi_r or lo_c > hi_c:
        msg = f"the picture {h}x{w} is too small for {what} (it needs {2 * reach + 1:.0f} pixels each way)"
        raise ValueError(msg)
    for _ in range(2000):
        r, c = float(rng.integers(lo_r, hi_r + 1)), float(rng.integers(lo_c, hi_c + 1))
        if all(math.hypot(r - r2, c - c2) >= reach + reach2 + gap for (r2, c2), reach2 in taken):
            return r, c
    msg = (f"cannot fit {what} into a {h}x{w} picture without overlaps after 2000 tries: use a larger "
           f"picture, fewer or smaller shapes, or a smaller gap")
    raise ValueError(msg)


def make_scene(shape=(96, 128), kinds=SHAPES, *, size=15.0, angle=0.0, intensity=1.0,
               background: float = 0.0, noise: float = 0.0, clutter=0, clutter_intensity: float = 1.0,
               positions=None, antialias: bool = True, gap: float = 2.0, seed: int = 0) -> Scene:
    """A picture with shapes at known places, among distractors and noise, always the same for one seed.

    Parameters
    ----------
    shape : (int, int), default (96, 128)
        The picture's ``(rows, columns)``.
    kinds : sequence of str, or int, default SHAPES
        One entry per shape to draw (repeat a kind to draw it several
        times), or a number of shapes of random kinds.
    size, angle, intensity : float or (float, float)
        One number for every shape, or a range ``(low, high)`` from which
        each shape draws its own, uniformly.  Sizes are > 0; angles in
        degrees, anti-clockwise; intensities are grey values.
    background : float, default 0
        The grey value everywhere else.
    noise : float, default 0
        Standard deviation of Gaussian noise added to every pixel at the
        end (then the picture is clipped to [0, 1]).
    clutter : int or sequence of (str, (float, float), float), default 0
        A number of distractors of random kinds (:data:`CLUTTER`), sizes
        from 0.6 to 1.4 times the largest shape size, and places, or an
        explicit list of ``(kind, (row, col), size)``.
    clutter_intensity : float, default 1
        The distractors' grey value (a blob's peak).
    positions : sequence of (float, float), optional
        The shapes' centres, one per shape; by default random integer
        centres, each shape at least its half-diagonal plus one pixel from the
        border and ``gap`` pixels clear of every other shape and distractor
        (counting each as the circle that holds it at any angle); the largest
        are placed first, which packs more into a picture.
    antialias : bool, default True
    gap : float, default 2
        Least distance between two shapes' surrounding circles, in pixels.
    seed : int, default 0
        Seeds ``numpy.random.default_rng``: places, drawn sizes, angles,
        intensities, random kinds, clutter and noise.

    Returns
    -------
    Scene

    Examples
    --------
    >>> s = make_scene((48, 64), ("cross", "triangle"), size=11, noise=0.05, clutter=1, seed=4)
    >>> s
    Scene(48x64, 2 shapes: cross, triangle; 1 distractors; seed 4)
    >>> bool(np.array_equal(s.image, make_scene((48, 64), ("cross", "triangle"), size=11, noise=0.05,
    ...                                         clutter=1, seed=4).image))
    True
    """
    h, w = as_shape(shape, "shape")
    seed = as_int(seed, "seed", 0)
    rng = np.random.default_rng(seed)
    kinds = _kinds(kinds, rng)
    n = len(kinds)
    sizes = _spread(size, "size", n, rng, low=0, low_open=True)
    angles = _spread(angle, "angle", n, rng)
    intensities = _spread(intensity, "intensity", n, rng)
    background = as_real(background, "background")
    noise = as_real(noise, "noise", low=0, what="standard deviation")
    clutter_intensity = as_real(clutter_intensity, "clutter_intensity")
    antialias = as_bool(antialias, "antialias")
    gap = as_real(gap, "gap", low=0)
    items = _clutter_items(clutter, rng, clutter_intensity)

    biggest = float(sizes.max()) if n else 15.0
    extras = []                                   # [kind, centre or None, size, reach, turn]
    for kind, centre, csize in items:
        if csize is None:
            csize = float(rng.uniform(0.6, 1.4) * biggest)
        reach = (math.hypot(1.0, 1.5) * csize / 2 if kind == "patch" else
                 csize / 2 if kind == "line" else 0.75 * csize) + 1
        turn = float(rng.uniform(0, 180)) if kind == "line" else 0.0
        extras.append([kind, centre, float(csize), reach, turn])
    reaches = [s * math.sqrt(2) / 2 + 1 for s in sizes]
    taken: list = [(e[1], e[3]) for e in extras if e[1] is not None]
    if positions is None:
        centres: list = [None] * n
    else:
        try:
            centres = [_centre(p) for p in positions]
        except TypeError:
            msg = f"positions must be a sequence of (row, col) pairs; received {describe(positions)}"
            raise TypeError(msg) from None
        if len(centres) != n:
            msg = f"positions must hold one (row, col) per shape: {n}; received {len(centres)}"
            raise ValueError(msg)
        taken += list(zip(centres, reaches, strict=True))
    # place what has no centre yet, the largest first (random packing fits more that way)
    todo = [(reaches[i], "shape", i) for i in range(n) if centres[i] is None]
    todo += [(e[3], "clutter", j) for j, e in enumerate(extras) if e[1] is None]
    for reach, what, i in sorted(todo, key=lambda t: -t[0]):
        if what == "shape":
            label = f"{n} shapes (a {kinds[i]} of size {sizes[i]:.3g})"
        else:
            label = f"a {extras[i][0]} of size {extras[i][2]:.3g}"
        centre = _place(rng, (h, w), reach, taken, gap, label)
        taken.append((centre, reach))
        if what == "shape":
            centres[i] = centre
        else:
            extras[i][1] = centre

    image = np.full((h, w), background, dtype=np.float64)
    for kind, centre, csize, _, turn in extras:
        image = draw_clutter(image, kind, centre, csize, intensity=clutter_intensity, angle=turn)
    placed = [(kind, centre, csize) for kind, centre, csize, _, _ in extras]
    for kind, centre, s, a, v in zip(kinds, centres, sizes, angles, intensities, strict=True):
        image = draw_shape(image, kind, centre, s, angle=a, intensity=v, antialias=antialias)
    if noise > 0:
        image = image + noise * rng.standard_normal((h, w))
    image = np.clip(image, 0.0, 1.0)

    def frozen(a):
        a = np.array(a, dtype=np.float64)
        a.flags.writeable = False
        return a

    return Scene(frozen(image), kinds, frozen(np.reshape(centres, (n, 2))), frozen(sizes), frozen(angles),
                 frozen(intensities), tuple(placed), seed)
