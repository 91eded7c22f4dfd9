"""Template matching: slide a small picture of a shape over a scene and score every place.

The maths behind lesson 05 ("Simple shapes"); numpy only, built on
:func:`convlib.correlate2d`.

* :func:`correlation_score`: the plain score, ``sum(window * template)``:
  the cross-correlation of the scene with the template;
* :func:`ncc`: the normalised cross-correlation, from -1 to 1, which
  compares the *pattern* of a window with the template's, whatever the
  window's brightness and contrast;
* :func:`window_sums`: the sum of every window, with a box kernel (the
  building block of :func:`ncc`);
* :func:`find_peaks`: the places that score above a threshold, one per
  neighbourhood (non-maximum suppression);
* :func:`window_centres` and :func:`find_shapes`: from score-map cells to
  centres in the scene;
* :func:`evaluate`: precision and recall of found centres against the true
  ones, within a stated distance (:class:`MatchReport`).

Conventions
-----------
Score maps are 'valid': the window stays inside the scene, so a scene of
``H x W`` and a template of ``h x w`` give a map of
``(H - h + 1) x (W - w + 1)``; cell ``[r, c]`` scores the window whose
top-left pixel is ``[r, c]``, and whose centre is
``(r + (h - 1) / 2, c + (w - 1) / 2)`` (:func:`window_centres`).

NCC of a window ``W`` and the template ``T``, both of ``n = h * w`` pixels::

    NCC = sum((W - mean(W)) * (T - mean(T)))
          / sqrt(sum((W - mean(W))**2) * sum((T - mean(T))**2))

It is 1 where the window is the template up to brightness and contrast
(``a * T + b`` with ``a > 0``), -1 for the negative, and near 0 for
unrelated windows.  A **flat window** (all its pixels equal) has no pattern
and the formula divides by 0: :func:`ncc` gives it ``FLAT_SCORE`` (0, as
for a window unrelated to the template), or the value passed as ``flat=``.
A window counts as flat when its standard deviation is at most ``FLAT_STD``
times the largest distance of any pixel of the scene from the scene's mean
(rounding in the window sums makes an exact test meaningless).  A flat
template has no pattern to look for and is refused.

Examples
--------
>>> X = np.zeros((5, 6)); X[1:4, 2:5] = [[0, 1, 0], [1, 1, 1], [0, 1, 0]]
>>> T = [[0, 1, 0], [1, 1, 1], [0, 1, 0]]
>>> S = ncc(X, T)
>>> S.shape, round(float(S.max()), 9), [int(i) for i in np.unravel_index(S.argmax(), S.shape)]
((3, 4), 1.0, [1, 2])
>>> window_centres([(1, 2)], (3, 3))
array([[2., 3.]])
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._validate import as_array, as_int, as_real, describe
from .conv import correlate2d

__all__ = [
    "FLAT_SCORE",
    "FLAT_STD",
    "MATCH_TOLERANCE",
    "MatchReport",
    "correlation_score",
    "evaluate",
    "find_peaks",
    "find_shapes",
    "ncc",
    "window_centres",
    "window_sums",
]

#: The NCC given to a flat window (all pixels equal), where the formula divides by 0.
FLAT_SCORE = 0.0

#: A window is flat when its standard deviation is at most this share of the scene's largest
#: distance from its mean.
FLAT_STD = 1e-6

#: Default largest distance, in pixels, between a found centre and a true one for them to match.
MATCH_TOLERANCE = 3.0


def _pair(image, template) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(as_array(image, "image", 2), dtype=np.float64)
    T = np.asarray(as_array(template, "template", 2), dtype=np.float64)
    if not (np.isfinite(X).all() and np.isfinite(T).all()):
        msg = "image and template must hold finite numbers; received NaN or infinity"
        raise ValueError(msg)
    if T.shape[0] > X.shape[0] or T.shape[1] > X.shape[1]:
        msg = (f"template must fit inside image: template {T.shape[0]}x{T.shape[1]}, image "
               f"{X.shape[0]}x{X.shape[1]}")
        raise ValueError(msg)
    return X, T


def correlation_score(image, template) -> np.ndarray:
    """The plain matching score: ``sum(window * template)`` for every window ('valid').

    This is :func:`convlib.correlate2d` of the image with the template.  It
    grows with the window's brightness: a bright area that merely *covers*
    the template's bright pixels scores at least as high as the shape itself.

    Parameters
    ----------
    image : array_like of shape (H, W)
    template : array_like of shape (h, w)
        At most as large as ``image``.

    Returns
    -------
    ndarray of float64, shape (H - h + 1, W - w + 1)

    Examples
    --------
    >>> correlation_score([[0, 1, 1], [0, 1, 1]], [[1, 1]])
    array([[1., 2.],
           [1., 2.]])
    """
    X, T = _pair(image, template)
    return correlate2d(X, T)


def window_sums(image, shape) -> np.ndarray:
    """The sum of the pixels of every ``h x w`` window: the correlation with a box of ones.

    Parameters
    ----------
    image : array_like of shape (H, W)
    shape : (int, int)
        ``(h, w)``, at most the image's shape.

    Returns
    -------
    ndarray of float64, shape (H - h + 1, W - w + 1)

    Notes
    -----
    The box kernel has rank 1, so :func:`convlib.correlate2d` applies it as
    a column of ones after a row of ones (``method='separable'``):
    ``h + w`` additions per cell instead of ``h * w``.

    Examples
    --------
    >>> window_sums([[1, 2, 3], [4, 5, 6]], (2, 2))
    array([[12., 16.]])
    """
    X = np.asarray(as_array(image, "image", 2), dtype=np.float64)
    h, w = (as_int(v, f"shape[{i}]", 1) for i, v in enumerate(_two(shape, "shape")))
    if h > X.shape[0] or w > X.shape[1]:
        msg = f"shape must fit inside image: window {h}x{w}, image {X.shape[0]}x{X.shape[1]}"
        raise ValueError(msg)
    return correlate2d(X, np.ones((h, w)), method="separable")


def _two(value, name: str) -> tuple:
    try:
        items = tuple(value)
    except TypeError:
        msg = f"{name} must be a pair (rows, columns); received {describe(value)}"
        raise TypeError(msg) from None
    if len(items) != 2:
        msg = f"{name} must be a pair (rows, columns); received {describe(value)}"
        raise ValueError(msg)
    return items


def ncc(image, template, *, flat: float = FLAT_SCORE) -> np.ndarray:
    """Normalised cross-correlation of every window with the template ('valid'), from -1 to 1.

    Parameters
    ----------
    image : array_like of shape (H, W)
        Any real dtype; computed in float64.
    template : array_like of shape (h, w)
        At most as large as ``image``, and not flat (two different values at
        least).
    flat : float, default FLAT_SCORE (0)
        The score of flat windows, where NCC is undefined (``float('nan')``
        is allowed, to mark them).

    Returns
    -------
    ndarray of float64, shape (H - h + 1, W - w + 1)
        Values in [-1, 1] (and ``flat`` on flat windows).

    Notes
    -----
    Three correlations give every window's NCC at once, instead of a loop
    over windows.  With ``T0 = T - mean(T)``, whose values add up to 0::

        sum((W - mean(W)) * T0) = sum(W * T0)          = correlate2d(X, T0)
        sum((W - mean(W))**2)   = sum(W**2) - sum(W)**2 / n

    and the two window sums come from :func:`window_sums` (a box kernel) of
    ``X`` and ``X**2``.  The scene's mean is subtracted first (NCC does not
    change), which keeps the subtraction in the second line accurate.
    Results are clipped to [-1, 1] against rounding.

    Examples
    --------
    >>> T = np.array([[1, 3], [2, 0]])
    >>> float(ncc(T, T)[0, 0]), float(ncc(5 + 2 * T, T)[0, 0]), float(ncc(-T, T)[0, 0])
    (1.0, 1.0, -1.0)
    >>> ncc([[4, 4, 1], [4, 4, 3]], [[0, 1], [1, 0]])     # the left window is flat
    array([[ 0.        , -0.40824829]])
    """
    X, T = _pair(image, template)
    flat = float(flat) if isinstance(flat, float) and math.isnan(flat) else as_real(flat, "flat")
    T0 = T - T.mean()
    t_norm = math.sqrt(float(np.sum(T0 * T0)))
    if T.max() == T.min() or t_norm == 0.0:
        msg = (f"template must not be flat: it has no pattern to compare (all {T.size} values are "
               f"{T.flat[0]:g}); received a flat {T.shape[0]}x{T.shape[1]} template")
        raise ValueError(msg)
    X = X - X.mean()
    n = T.size
    s1 = window_sums(X, T.shape)
    s2 = window_sums(X * X, T.shape)
    spread = np.maximum(s2 - s1 * s1 / n, 0.0)        # n * variance of each window
    scale = float(np.abs(X).max())
    is_flat = spread <= n * (FLAT_STD * scale) ** 2
    numerator = correlate2d(X, T0)
    with np.errstate(divide="ignore", invalid="ignore"):
        score = numerator / (t_norm * np.sqrt(spread))
    score = np.clip(score, -1.0, 1.0)
    score[is_flat] = flat
    return score


def _max_filter(score: np.ndarray, radius: int) -> np.ndarray:
    """The largest value within ``radius`` rows and columns of each cell (outside counts as -inf)."""
    if radius == 0:
        return score.copy()
    padded = np.pad(score, radius, constant_values=-np.inf)
    k = 2 * radius + 1
    rows = np.lib.stride_tricks.sliding_window_view(padded, k, axis=1).max(axis=-1)
    return np.lib.stride_tricks.sliding_window_view(rows, k, axis=0).max(axis=-1)


def find_peaks(score, threshold: float, *, radius: int = 1, max_peaks: int | None = None) -> np.ndarray:
    """The cells of a score map above a threshold, one per neighbourhood: non-maximum suppression.

    A cell is a peak when

    1. its score is strictly above ``threshold``;
    2. no cell within ``radius`` rows and ``radius`` columns of it scores
       higher (it is a local maximum of that square neighbourhood);
    3. taking peaks from the highest score down (ties: the earlier cell in
       row-major order first), no peak already kept lies within ``radius``
       rows and columns of it (this settles plateaus, where neighbours tie).

    Parameters
    ----------
    score : array_like of shape (M, N)
        A score map (NaN counts as below every threshold).
    threshold : float
    radius : int, default 1
        Half the side of the neighbourhood; for shapes, about half the
        template's size, so one shape gives one peak.
    max_peaks : int, optional
        Keep only the strongest ``max_peaks``.

    Returns
    -------
    ndarray of int64, shape (k, 2)
        ``(row, col)`` of each peak, strongest first.

    Examples
    --------
    >>> S = [[0, 1, 0, 0, 0], [2, 5, 1, 0, 4], [0, 1, 0, 0, 3]]
    >>> find_peaks(S, 2).tolist()
    [[1, 1], [1, 4]]
    >>> find_peaks(S, 2, radius=3).tolist()        # the 4 is within 3 columns of the 5
    [[1, 1]]
    """
    S = np.asarray(as_array(score, "score", 2), dtype=np.float64)
    threshold = as_real(threshold, "threshold")
    radius = as_int(radius, "radius", 0, what="rows and columns around a peak")
    if max_peaks is not None:
        max_peaks = as_int(max_peaks, "max_peaks", 1)
    S = np.where(np.isnan(S), -np.inf, S)
    local = (S > threshold) & (S >= _max_filter(S, radius))
    rows, cols = np.nonzero(local)
    values = S[rows, cols]
    order = np.lexsort((cols, rows, -values))        # highest first; ties in row-major order
    kept: list[tuple[int, int]] = []
    for i in order:
        r, c = int(rows[i]), int(cols[i])
        if all(abs(r - r2) > radius or abs(c - c2) > radius for r2, c2 in kept):
            kept.append((r, c))
            if max_peaks is not None and len(kept) == max_peaks:
                break
    return np.array(kept, dtype=np.int64).reshape(-1, 2)


def window_centres(cells, template_shape) -> np.ndarray:
    """The centres in the scene of the windows at score-map cells: ``cell + ((h - 1) / 2, (w - 1) / 2)``.

    Parameters
    ----------
    cells : array_like of shape (k, 2)
        ``(row, col)`` cells of a 'valid' score map.
    template_shape : (int, int)

    Returns
    -------
    ndarray of float64, shape (k, 2)

    Examples
    --------
    >>> window_centres([(0, 0), (4, 1)], (5, 4))
    array([[2. , 1.5],
           [6. , 2.5]])
    """
    pair = _two(template_shape, "template_shape")
    h, w = (as_int(v, f"template_shape[{i}]", 1) for i, v in enumerate(pair))
    C = np.asarray(cells, dtype=np.float64).reshape(-1, 2)
    return C + np.array([(h - 1) / 2, (w - 1) / 2])


def find_shapes(image, template, threshold: float, *, score: str = "ncc", radius: int | None = None,
                max_peaks: int | None = None) -> np.ndarray:
    """The centres of the windows that match a template: a score map, its peaks, their centres.

    Parameters
    ----------
    image : array_like of shape (H, W)
    template : array_like of shape (h, w)
    threshold : float
        Peaks must score strictly above it.
    score : {'ncc', 'correlation'}, default 'ncc'
        :func:`ncc` or the plain :func:`correlation_score`.
    radius : int, optional
        Of :func:`find_peaks`; by default ``min(h, w) // 2``.
    max_peaks : int, optional

    Returns
    -------
    ndarray of float64, shape (k, 2)
        ``(row, col)`` centres in the image, strongest match first.

    Examples
    --------
    >>> X = np.zeros((9, 12)); X[2:5, 1:4] = 1; X[5:8, 8:11] = 1
    >>> find_shapes(X, np.pad(np.ones((3, 3)), 1), 0.9).tolist()
    [[3.0, 2.0], [6.0, 9.0]]
    """
    X, T = _pair(image, template)
    if score == "ncc":
        S = ncc(X, T)
    elif score == "correlation":
        S = correlation_score(X, T)
    else:
        msg = f"score must be one of 'ncc', 'correlation'; received {describe(score)}"
        raise ValueError(msg)
    r = min(T.shape) // 2 if radius is None else radius
    return window_centres(find_peaks(S, threshold, radius=r, max_peaks=max_peaks), T.shape)


@dataclass(frozen=True)
class MatchReport:
    """How well found centres match the true ones.

    Attributes
    ----------
    precision : float
        Matched found centres / all found centres: the share of marks that
        are right (1.0 when nothing was found: no mark is wrong).
    recall : float
        Matched true centres / all true centres: the share of shapes found
        (1.0 when there was nothing to find).
    pairs : tuple of (int, int)
        ``(found index, true index)`` of each match.
    false_alarms : tuple of int
        Indices of found centres that match no true one.
    missed : tuple of int
        Indices of true centres that no found centre matches.
    tolerance : float
        The largest distance, in pixels, at which a found centre matched.
    """

    precision: float
    recall: float
    pairs: tuple
    false_alarms: tuple
    missed: tuple
    tolerance: float

    def __str__(self) -> str:
        n_found = len(self.pairs) + len(self.false_alarms)
        n_true = len(self.pairs) + len(self.missed)
        return (f"precision {self.precision:.2f} ({len(self.pairs)} of {n_found} marks are right), "
                f"recall {self.recall:.2f} ({len(self.pairs)} of {n_true} shapes found), "
                f"within {self.tolerance:g} pixels")


def _points(value, name: str) -> np.ndarray:
    try:
        P = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        msg = f"{name} must be a list of (row, col) points; received {describe(value)}"
        raise TypeError(msg) from None
    if P.size == 0:
        return np.zeros((0, 2))
    if P.ndim != 2 or P.shape[1] != 2:
        msg = f"{name} must be a list of (row, col) points, shape (k, 2); received shape {P.shape}"
        raise ValueError(msg)
    return P


def evaluate(found, truth, *, tolerance: float = MATCH_TOLERANCE) -> MatchReport:
    """Precision and recall of found centres against the true centres.

    A found centre matches a true centre at most ``tolerance`` pixels away
    (straight-line distance), and each true centre is matched at most once:
    pairs are taken closest first (ties: the earlier found centre, then the
    earlier true one), skipping centres already used.

    Parameters
    ----------
    found, truth : array_like of shape (k, 2)
        ``(row, col)`` points; either may be empty.
    tolerance : float, default MATCH_TOLERANCE (3 pixels)

    Returns
    -------
    MatchReport

    Examples
    --------
    >>> r = evaluate([(10, 10), (30, 31), (50, 50)], [(11, 10), (30, 30), (70, 5)])
    >>> r.precision, r.recall, r.pairs, r.false_alarms, r.missed
    (0.6666666666666666, 0.6666666666666666, ((0, 0), (1, 1)), (2,), (2,))
    >>> print(evaluate([], [(3, 4)]))
    precision 1.00 (0 of 0 marks are right), recall 0.00 (0 of 1 shapes found), within 3 pixels
    """
    F, G = _points(found, "found"), _points(truth, "truth")
    tolerance = as_real(tolerance, "tolerance", low=0, what="pixels")
    d = np.zeros((len(F), len(G)))
    if len(F) and len(G):
        d = np.sqrt(((F[:, None, :] - G[None, :, :]) ** 2).sum(axis=-1))
    fi, gi = np.nonzero(d <= tolerance)
    order = np.lexsort((gi, fi, d[fi, gi]))
    used_f, used_g, pairs = set(), set(), []
    for k in order:
        f, g = int(fi[k]), int(gi[k])
        if f not in used_f and g not in used_g:
            used_f.add(f)
            used_g.add(g)
            pairs.append((f, g))
    pairs.sort()
    precision = len(pairs) / len(F) if len(F) else 1.0
    recall = len(pairs) / len(G) if len(G) else 1.0
    return MatchReport(precision, recall, tuple(pairs),
                       tuple(i for i in range(len(F)) if i not in used_f),
                       tuple(i for i in range(len(G)) if i not in used_g), tolerance)
