"""The pictures and templates of lesson 05, made with :mod:`convlib.shapes`, and the numbers drawn from them.

Every scene comes from a fixed seed, so the lesson prints the same numbers
each time; the arrays are read-only.

* :data:`TEMPLATES`: the four 21 x 21 templates (shapes of size 15);
* :data:`SCAN_SCENE` and :data:`SCAN_TEMPLATES`: a small scene (size-9
  shapes, 13 x 13 templates) for the widget that scans it window by window;
* :data:`BRIGHT_SCENE`: a mid-grey square and circle beside a bright blob
  and a large white patch, where the plain score goes wrong;
* :data:`FIND_SCENE`: twelve shapes of four kinds, of slightly different
  sizes, turns and brightness, among distractors and noise;
* :func:`find_every_shape` and :func:`pooled_report`: every template's
  marks, and precision and recall over all kinds together;
* :func:`best_near`: the best score of the windows centred near a point;
* :func:`robustness`: the best NCC at a shape as it is turned, scaled or
  made noisy.
"""

from __future__ import annotations

import numpy as np

from ..._validate import as_array, as_choice, as_real, read_only
from ...match import MATCH_TOLERANCE, evaluate, find_shapes, ncc, window_centres
from ...shapes import SHAPES, Scene, make_scene, shape_mask

__all__ = [
    "BRIGHT_OBJECTS",
    "BRIGHT_SCENE",
    "FIND_SCENE",
    "ROBUST_CENTRES",
    "ROBUST_SHAPE",
    "SCAN_SCENE",
    "SCAN_SIZE",
    "SCAN_TEMPLATES",
    "SIZE",
    "TEMPLATES",
    "best_near",
    "find_every_shape",
    "pooled_report",
    "robust_scene",
    "robustness",
    "robustness_curves",
]

#: The size of the shapes (and templates) of the lesson, in pixels.
SIZE = 15
#: Side of the lesson's templates: the shape with 3 pixels of background all round.
_CANVAS = 21

#: The lesson's templates by kind: 21 x 21 pictures of the shapes of size 15 (read-only).
TEMPLATES = {k: read_only(shape_mask(k, SIZE, canvas=_CANVAS)) for k in SHAPES}

#: The size of the shapes in the scanned scene.
SCAN_SIZE = 9
#: Templates for the scanned scene: 13 x 13 (read-only).
SCAN_TEMPLATES = {k: read_only(shape_mask(k, SCAN_SIZE, canvas=13)) for k in SHAPES}

#: A small scene to scan window by window: a square, a circle, a cross and a bright patch (36 x 48).
SCAN_SCENE = make_scene((36, 48), ("square", "circle", "cross"), size=SCAN_SIZE, intensity=(0.6, 0.8),
                        positions=[(9, 9), (26, 20), (9, 38)], background=0.1,
                        clutter=[("patch", (25, 38), 9)], noise=0.02, seed=5)

#: A mid-grey square and circle, a bright blob and a large white patch (64 x 170).
BRIGHT_SCENE = make_scene((64, 170), ("square", "circle"), size=SIZE, intensity=0.6,
                          positions=[(32, 22), (32, 62)], background=0.1,
                          clutter=[("blob", (32, 104), 32), ("patch", (32, 145), 20)], noise=0.03, seed=1)

#: The objects of :data:`BRIGHT_SCENE` by name, with their centres ``(row, col)``.
BRIGHT_OBJECTS = {name: tuple(float(v) for v in centre) for name, centre in
                  (("square", BRIGHT_SCENE.centres[0]), ("circle", BRIGHT_SCENE.centres[1]),
                   ("bright blob", BRIGHT_SCENE.clutter[0][1]), ("white patch", BRIGHT_SCENE.clutter[1][1]))}

#: Twelve shapes, three of each kind, sizes 13-17, turned up to 8 degrees either way, grey values
#: 0.5-1, on a background of 0.15, with four distractors and noise of 0.06 (120 x 180).
FIND_SCENE = make_scene((120, 180), SHAPES * 3, size=(13, 17), angle=(-8, 8), intensity=(0.5, 1.0),
                        background=0.15, noise=0.06, clutter=4, seed=11)

#: The one shape of each kind of :func:`robust_scene`, in order: circle, square, cross, triangle.
ROBUST_SHAPE = SHAPES
#: Where :func:`robust_scene` puts its shapes: one row, 58 pixels apart.
ROBUST_CENTRES = read_only([(30.0, 30.0 + 58 * i) for i in range(len(SHAPES))])
_ROBUST_SIZE = (60, 234)
_ROBUST_NOISE = np.random.default_rng(7).standard_normal(_ROBUST_SIZE)


def robust_scene(angle: float = 0.0, scale: float = 1.0, noise: float = 0.0) -> Scene:
    """One shape of each kind in a row, turned by ``angle`` degrees, ``scale`` times the size, with noise.

    The noise is always the same field (seed 7) times ``noise``, so moving a
    slider changes only what it says.

    Parameters
    ----------
    angle : float, default 0
        Degrees, anti-clockwise, from -180 to 180.
    scale : float, default 1
        From 0.5 to 2.
    noise : float, default 0
        Standard deviation, from 0 to 0.5.

    Returns
    -------
    Scene
        A 60 x 234 picture; ``kinds`` are :data:`ROBUST_SHAPE`.
    """
    angle = as_real(angle, "angle", low=-180, high=180)
    scale = as_real(scale, "scale", low=0.5, high=2.0)
    noise = as_real(noise, "noise", low=0, high=0.5)
    s = make_scene(_ROBUST_SIZE, ROBUST_SHAPE, size=SIZE * scale, angle=angle, intensity=0.85,
                   background=0.15, positions=ROBUST_CENTRES)
    image = np.clip(s.image + noise * _ROBUST_NOISE, 0.0, 1.0)
    image.flags.writeable = False
    return Scene(image, s.kinds, s.centres, s.sizes, s.angles, s.intensities, s.clutter, s.seed)


def best_near(score, template_shape, point, tolerance: float = MATCH_TOLERANCE) -> tuple[float, tuple]:
    """The best score among windows whose centre is within ``tolerance`` pixels of ``point``.

    Parameters
    ----------
    score : ndarray of shape (M, N)
        A 'valid' score map.
    template_shape : (int, int)
    point : (float, float)
        ``(row, col)`` in the scene.
    tolerance : float, default MATCH_TOLERANCE (3)

    Returns
    -------
    (float, (int, int))
        The best score and its cell in the score map.

    Examples
    --------
    >>> S = np.zeros((5, 5)); S[2, 3] = 0.9
    >>> best_near(S, (3, 3), (3, 4))
    (0.9, (2, 3))
    """
    S = np.asarray(as_array(score, "score", 2), dtype=float)
    rows, cols = np.indices(S.shape)
    centres = window_centres(np.c_[rows.ravel(), cols.ravel()], template_shape).reshape(*S.shape, 2)
    near = np.hypot(centres[..., 0] - point[0], centres[..., 1] - point[1]) <= tolerance
    if not near.any():
        msg = f"point must be within {tolerance:g} pixels of a window centre; received {tuple(point)}"
        raise ValueError(msg)
    values = np.where(near, S, -np.inf)
    cell = np.unravel_index(int(np.argmax(values)), S.shape)
    return float(values[cell]), (int(cell[0]), int(cell[1]))


def robustness(kind: str, *, angles=(0.0,), scales=(1.0,), noises=(0.0,)) -> np.ndarray:
    """The best NCC of the unturned template of ``kind`` at its shape in :func:`robust_scene`.

    Parameters
    ----------
    kind : {'circle', 'square', 'cross', 'triangle'}
    angles, scales, noises : sequences of float
        The settings to try; every combination.

    Returns
    -------
    ndarray of float64, shape (len(angles), len(scales), len(noises))

    Examples
    --------
    >>> robustness("circle", angles=(0, 45)).ravel().round(2).tolist()     # a circle does not mind turning
    [1.0, 1.0]
    """
    kind = as_choice(kind, "kind", SHAPES)
    T = TEMPLATES[kind]
    where = ROBUST_SHAPE.index(kind)
    out = np.empty((len(angles), len(scales), len(noises)))
    for i, a in enumerate(angles):
        for j, s in enumerate(scales):
            for k, n in enumerate(noises):
                scene = robust_scene(a, s, n)
                lo = int(ROBUST_CENTRES[where][1]) - 29
                part = scene.image[:, lo:lo + 58]
                S = ncc(part, T)
                out[i, j, k] = best_near(S, T.shape, (ROBUST_CENTRES[where][0], 29.0))[0]
    return out


def find_every_shape(image, threshold: float, templates=None) -> dict:
    """The centres each template finds: :func:`convlib.match.find_shapes` with NCC, kind by kind.

    Parameters
    ----------
    image : array_like of shape (H, W)
    threshold : float
    templates : dict of str to array_like, optional
        By default :data:`TEMPLATES`.

    Returns
    -------
    dict of str to ndarray of shape (k, 2)
    """
    templates = TEMPLATES if templates is None else templates
    return {kind: find_shapes(image, T, threshold) for kind, T in templates.items()}


def pooled_report(scene: Scene, found: dict, tolerance: float = MATCH_TOLERANCE) -> dict:
    """Precision and recall over every kind: a mark is right when a shape of its template's kind is near.

    Returns
    -------
    dict
        'precision', 'recall', 'right' (marks on a shape of their kind),
        'marks' (all marks) and 'shapes' (all shapes of the kinds searched).

    Examples
    --------
    >>> found = find_every_shape(FIND_SCENE.image, 0.99)
    >>> pooled_report(FIND_SCENE, found)
    {'precision': 1.0, 'recall': 0.0, 'right': 0, 'marks': 0, 'shapes': 12}
    """
    right = marks = total = 0
    for kind, centres in found.items():
        report = evaluate(centres, scene.centres_of(kind), tolerance=tolerance)
        right += len(report.pairs)
        marks += len(report.pairs) + len(report.false_alarms)
        total += len(report.pairs) + len(report.missed)
    return {"precision": right / marks if marks else 1.0, "recall": right / total if total else 1.0,
            "right": right, "marks": marks, "shapes": total}


def robustness_curves(angles, scales, noises) -> dict:
    """For each kind, :func:`robustness` along the turns, along the scales and along the noises.

    Returns
    -------
    dict of str to (ndarray, ndarray, ndarray)
        One curve per change, each changed alone (the others at 0 turn, scale 1, no noise).
    """
    return {k: (robustness(k, angles=angles).ravel(), robustness(k, scales=scales).ravel(),
                robustness(k, noises=noises).ravel()) for k in SHAPES}
