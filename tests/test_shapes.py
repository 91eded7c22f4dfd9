"""Tests of convlib.shapes: shape masks, painting shapes and clutter, and generated scenes.

References, all independent of convlib's inside tests: matplotlib's
``Path.contains_points`` on each shape's polygon (square, cross, triangle,
turned by rotating the vertices), the circle's equation, the areas of the
shapes from their formulas, centroids computed with numpy, ``numpy.rot90``
for quarter turns, and block means of masks drawn 8 times larger for the
anti-aliasing.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.path import Path

from convlib.shapes import (
    CLUTTER,
    SHAPES,
    SUPERSAMPLE,
    Scene,
    canvas_size,
    draw_clutter,
    draw_shape,
    make_scene,
    shape_mask,
)


def polygon(kind, size, angle):
    """The shape's corners (x right, y up, centre at 0), turned anti-clockwise by ``angle`` degrees."""
    h = size / 2
    if kind == "square":
        pts = [(-h, -h), (h, -h), (h, h), (-h, h)]
    elif kind == "cross":
        t = size / 6
        pts = [(-t, h), (t, h), (t, t), (h, t), (h, -t), (t, -t), (t, -h), (-t, -h), (-t, -t), (-h, -t),
               (-h, t), (-t, t)]
    else:  # equilateral triangle of side `size`, centroid at 0, pointing up
        R = size / math.sqrt(3)
        pts = [(R * math.cos(math.radians(a)), R * math.sin(math.radians(a))) for a in (90, 210, 330)]
    a = math.radians(angle)
    return [(x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)) for x, y in pts]


def area(kind, size):
    """The shape's area from its formula."""
    return {"circle": math.pi * size ** 2 / 4, "square": size ** 2,
            "cross": 2 * size * size / 3 - (size / 3) ** 2, "triangle": math.sqrt(3) / 4 * size ** 2}[kind]


def pixel_centres(n):
    """x (right) and y (up) of every pixel centre of an n x n canvas, relative to its centre."""
    off = np.arange(n) - (n - 1) / 2
    return np.meshgrid(off, -off)          # rows go down, so y = -row offset


def near_edge(points, corners, eps=1e-9):
    """Whether each point lies within eps of the polygon's outline (where inside/outside is a tie)."""
    P = np.asarray(points)
    A = np.asarray(corners)
    B = np.roll(A, -1, axis=0)
    out = np.zeros(len(P), dtype=bool)
    for a, b in zip(A, B, strict=True):
        t = np.clip(((P - a) @ (b - a)) / ((b - a) @ (b - a)), 0, 1)
        out |= np.hypot(*(P - (a + t[:, None] * (b - a))).T) < eps
    return out


@pytest.mark.parametrize("kind", ["square", "cross", "triangle"])
@pytest.mark.parametrize(("size", "angle"), [(9, 0.0), (15, 17.3), (12, 33.7), (21, 71.1), (10.5, -128.9)])
def test_hard_mask_equals_matplotlib_polygon(kind, size, angle):
    """Without anti-aliasing, a pixel is 1 exactly when matplotlib puts its centre inside the polygon."""
    n = canvas_size(size)
    x, y = pixel_centres(n)
    points = np.c_[x.ravel(), y.ravel()]
    corners = polygon(kind, size, angle)
    want = Path(corners).contains_points(points)
    got = shape_mask(kind, size, angle=angle, antialias=False).ravel().astype(bool)
    tie = near_edge(points, corners)
    assert np.array_equal(got[~tie], want[~tie]) and got.sum() > 0


@pytest.mark.parametrize("size", [5, 10, 15, 22.5])
def test_hard_circle_is_the_disc_of_its_diameter(size):
    """The circle's pixels are those whose centre is within size / 2 of the canvas centre, at any angle."""
    n = canvas_size(size)
    x, y = pixel_centres(n)
    want = np.hypot(x, y) <= size / 2
    for angle in (0, 37, 90):
        assert np.array_equal(shape_mask("circle", size, angle=angle, antialias=False).astype(bool), want)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(SHAPES), st.floats(9, 31), st.floats(-180, 180))
def test_antialiased_mask_adds_up_to_the_area(kind, size, angle):
    """The shares add up to the shape's area, within perimeter / (2 * SUPERSAMPLE), at any size and angle."""
    perimeter = {"circle": math.pi, "square": 4, "cross": 4, "triangle": 3}[kind] * size
    got = float(shape_mask(kind, size, angle=angle).sum())
    assert abs(got - area(kind, size)) <= perimeter / (2 * SUPERSAMPLE)


@pytest.mark.parametrize("kind", SHAPES)
def test_antialiasing_is_the_block_mean_of_a_finer_drawing(kind):
    """Each pixel's share is close to the mean of an 8x finer hard drawing over that pixel."""
    size, n = 11.0, 17
    fine = shape_mask(kind, 8 * size, angle=20.0, antialias=False, canvas=8 * n)
    blocks = fine.reshape(n, 8, n, 8).mean(axis=(1, 3))
    got = shape_mask(kind, size, angle=20.0, canvas=n)
    assert np.abs(got - blocks).max() <= 0.2 and np.abs(got - blocks).mean() < 0.01
    assert set(np.unique(got * SUPERSAMPLE ** 2).round(9)) <= set(range(SUPERSAMPLE ** 2 + 1))


@pytest.mark.parametrize("kind", SHAPES)
@pytest.mark.parametrize("antialias", [True, False])
def test_a_quarter_turn_is_numpy_rot90(kind, antialias):
    """Turning by 90 degrees anti-clockwise equals numpy.rot90 (which turns the picture anti-clockwise)."""
    for angle in (0.0, 25.0):
        a = shape_mask(kind, 13, angle=angle + 90, antialias=antialias)
        b = np.rot90(shape_mask(kind, 13, angle=angle, antialias=antialias))
        assert np.abs(a - b).max() <= 1 / SUPERSAMPLE ** 2 + 1e-12
        assert np.abs(a - b).sum() <= 2 / SUPERSAMPLE ** 2


def test_triangle_points_up_and_turns_anti_clockwise():
    """The triangle's tip is at the top; turned by 90 degrees it points left."""
    m = shape_mask("triangle", 15, antialias=False)
    rows = np.nonzero(m.any(axis=1))[0]
    assert m[rows[0]].sum() < m[rows[-1]].sum()               # narrow top row, wide bottom row
    t = shape_mask("triangle", 15, angle=90, antialias=False)
    cols = np.nonzero(t.any(axis=0))[0]
    assert t[:, cols[0]].sum() < t[:, cols[-1]].sum()         # narrow left column: points left


@pytest.mark.parametrize("kind", SHAPES)
@pytest.mark.parametrize("centre", [(20.0, 30.0), (20.5, 31.25), (17.3, 28.8)])
def test_drawn_shape_is_centred_where_asked(kind, centre):
    """The centroid of a drawn shape (the triangle's too) is its centre, fractional centres included."""
    pic = draw_shape(np.zeros((40, 60)), kind, centre, 14, angle=12.0)
    rows, cols = np.indices(pic.shape)
    total = pic.sum()
    assert (rows * pic).sum() / total == pytest.approx(centre[0], abs=0.05)
    assert (cols * pic).sum() / total == pytest.approx(centre[1], abs=0.05)


def test_draw_shape_blends_with_the_mask_and_keeps_the_input():
    """At an integer centre, painting gives background + (intensity - background) * mask; input unchanged."""
    base = np.full((30, 30), 0.2)
    mask = shape_mask("cross", 11, angle=30.0)
    n = mask.shape[0]
    got = draw_shape(base, "cross", (14, 15), 11, angle=30.0, intensity=0.7)
    want = base.copy()
    want[14 - n // 2:14 + n // 2 + 1, 15 - n // 2:15 + n // 2 + 1] += 0.5 * mask
    np.testing.assert_allclose(got, want, atol=1e-12)
    assert np.all(base == 0.2) and got.dtype == np.float64


def test_shapes_at_the_border_are_cut_off():
    """A shape half outside the picture is drawn where it overlaps it; one far outside draws nothing."""
    pic = draw_shape(np.zeros((10, 10)), "square", (0, 0), 6, antialias=False)
    assert pic.sum() == 16 and pic[:4, :4].all()
    assert not draw_shape(np.zeros((10, 10)), "circle", (-30, 5), 6).any()


def test_clutter_kinds():
    """A blob peaks at its intensity; a patch is size x 1.5 size; a line is 2 pixels thick."""
    blob = draw_clutter(np.zeros((41, 41)), "blob", (20, 20), 16, intensity=0.8)
    assert blob.max() == pytest.approx(0.8) and blob[20, 20] == blob.max() and blob[20, 0] < 0.01
    patch = draw_clutter(np.zeros((40, 50)), "patch", (20, 25), 10)
    assert patch.sum() == pytest.approx(10 * 15, rel=0.01)
    line = draw_clutter(np.zeros((40, 50)), "line", (20, 25), 20, angle=30)
    assert line.sum() == pytest.approx(2 * 20, rel=0.05)
    assert CLUTTER == ("blob", "patch", "line")


def test_canvas_is_odd_and_holds_a_turned_square():
    """The default canvas is odd and holds the 45-degree square with background all round."""
    for size in (3, 8, 15, 20.5):
        n = canvas_size(size)
        assert n % 2 == 1 and n >= size * math.sqrt(2) + 2
        m = shape_mask("square", size, angle=45)
        assert not m[0].any() and not m[-1].any() and not m[:, 0].any() and not m[:, -1].any()


# --------------------------------------------------------------------------
# scenes
# --------------------------------------------------------------------------
def test_scene_is_the_same_for_the_same_seed_and_differs_for_another():
    """make_scene is reproducible from its seed."""
    args = dict(shape=(80, 100), kinds=4, size=(9, 13), angle=(0, 90), noise=0.05, clutter=2)
    a, b, c = make_scene(**args, seed=7), make_scene(**args, seed=7), make_scene(**args, seed=8)
    assert np.array_equal(a.image, b.image) and a.kinds == b.kinds and np.array_equal(a.centres, b.centres)
    assert not np.array_equal(a.image, c.image)


@pytest.mark.parametrize("seed", range(6))
def test_scene_shapes_are_inside_and_apart(seed):
    """Every shape lies inside the picture and clear of every other shape and distractor (gap 2)."""
    s = make_scene((128, 160), SHAPES * 2, size=(10, 16), clutter=2, seed=seed)
    reach = s.sizes * math.sqrt(2) / 2 + 1
    h, w = s.image.shape
    for (r, c), rr in zip(s.centres, reach, strict=True):
        assert rr <= r <= h - 1 - rr and rr <= c <= w - 1 - rr
    for i in range(len(s.kinds)):
        for j in range(i):
            assert math.dist(s.centres[i], s.centres[j]) >= reach[i] + reach[j] + 2
    assert len(s.clutter) == 2 and all(k in CLUTTER for k, _, _ in s.clutter)


def test_scene_draws_each_shape_where_it_says():
    """Without noise, the scene equals the shapes painted one by one at the reported places."""
    s = make_scene((60, 90), ("triangle", "circle", "cross"), size=(11, 15), angle=(0, 60),
                   intensity=(0.5, 0.9), background=0.1, seed=3)
    want = np.full((60, 90), 0.1)
    for k, c, z, a, v in zip(s.kinds, s.centres, s.sizes, s.angles, s.intensities, strict=True):
        want = draw_shape(want, k, c, z, angle=a, intensity=v)
    np.testing.assert_allclose(s.image, want, atol=1e-12)
    assert 11 <= s.sizes.min() and s.sizes.max() <= 15 and 0.5 <= s.intensities.min()


def test_scene_noise_has_the_asked_spread():
    """On a mid-grey background (no clipping), the noise's standard deviation is the one asked for."""
    s = make_scene((200, 200), (), background=0.5, noise=0.05, seed=1)
    assert s.image.std() == pytest.approx(0.05, rel=0.03) and s.kinds == ()


def test_scene_explicit_positions_and_clutter():
    """Given positions and distractors are used as they are, and reported."""
    s = make_scene((50, 100), ("square", "circle"), positions=[(25, 20), (25, 75)], size=12,
                   clutter=[("patch", (25, 47), 12)], seed=0)
    np.testing.assert_array_equal(s.centres, [[25, 20], [25, 75]])
    assert s.clutter == (("patch", (25.0, 47.0), 12.0),)
    assert s.image[25, 47] == 1.0 and s.image[25, 20] == 1.0 and s.image[0, 0] == 0.0
    np.testing.assert_array_equal(s.centres_of("circle"), [[25, 75]])
    assert s.centres_of("cross").shape == (0, 2)


def test_scene_arrays_are_read_only():
    """The picture and the true positions cannot be changed by accident."""
    s = make_scene((40, 40), ("circle",), size=9)
    for arr in (s.image, s.centres, s.sizes, s.angles, s.intensities):
        assert not arr.flags.writeable
    assert isinstance(s, Scene) and repr(s) == "Scene(40x40, 1 shapes: circle; 0 distractors; seed 0)"


@pytest.mark.parametrize(("call", "error", "words"), [
    (lambda: shape_mask("star", 9), ValueError,
     r"^kind must be one of 'circle', 'square', 'cross', 'triangle'"),
    (lambda: shape_mask("circle", 0), ValueError, r"^size must be a number > 0 \(the shape's width"),
    (lambda: shape_mask("circle", 9, angle="up"), TypeError, r"^angle must be a finite number"),
    (lambda: shape_mask("circle", 9, antialias=1), TypeError, r"^antialias must be True or False"),
    (lambda: shape_mask("circle", 9, canvas=0), ValueError, r"^canvas must be an integer >= 1"),
    (lambda: draw_shape(np.zeros((5, 5)), "circle", 3, 3), TypeError, r"^centre must be a pair \(row, col\)"),
    (lambda: draw_shape(np.zeros(5), "circle", (2, 2), 3), ValueError, r"^picture must be a 2-D array"),
    (lambda: draw_clutter(np.zeros((5, 5)), "square", (2, 2), 3), ValueError, r"^kind must be one of 'blob'"),
    (lambda: make_scene((20, 20), ("circle",) * 9, size=9), ValueError,
     r"^cannot fit 9 shapes \(a circle of size 9\) into a 20x20 picture without overlaps"),
    (lambda: make_scene((8, 8), ("circle",), size=9), ValueError,
     r"^the picture 8x8 is too small for 1 shapes"),
    (lambda: make_scene(kinds=("circle", "oval")), ValueError, r"^kinds\[1\] must be one of"),
    (lambda: make_scene(size=(9, 5)), ValueError, r"^size must be a range \(low, high\) with low <= high"),
    (lambda: make_scene(size=(1, 2, 3)), ValueError, r"^size must be a number or a range"),
    (lambda: make_scene(noise=-0.1), ValueError, r"^noise must be a number >= 0"),
    (lambda: make_scene(kinds=("circle",), positions=[(1, 2), (3, 4)]), ValueError,
     r"^positions must hold one \(row, col\) per shape: 1; received 2"),
    (lambda: make_scene(clutter=[("blob", (1, 2))]), ValueError,
     r"^clutter\[0\] must be \(kind, \(row, col\), size\)"),
    (lambda: make_scene(seed=-1), ValueError, r"^seed must be an integer >= 0"),
])
def test_bad_input_is_refused_by_name(call, error, words):
    """Every public function names the parameter it refuses and what it expected."""
    with pytest.raises(error, match=words):
        call()
