"""The pipelines of lesson 08: skin smoothing, a barcode finder and a motion detector, each a few convolutions.

* :func:`skin_mask`, :func:`smooth_skin`: blur only where a colour rule
  says "skin-like", and blend with the original;
* :func:`barcode_stages`: gradient difference ``|gx| - |gy|``, blur,
  threshold, the largest connected region and its box;
* :func:`motion_stages`: the difference of two frames, blur, threshold,
  the boxes of the changed regions;
* :func:`label_regions`, :func:`bounding_box`, :func:`box_iou`: connected
  regions (numpy only: scipy is not needed at run time) and how well two
  boxes overlap.

Boxes are ``(top, left, bottom, right)``, the bottom and right excluded, as
in slicing: ``image[top:bottom, left:right]``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..._validate import as_array, as_int, as_real
from ...edges import gradients, smooth

__all__ = [
    "BARCODE_SIGMA",
    "BARCODE_THRESHOLD",
    "CB_RANGE",
    "CR_RANGE",
    "MIN_AREA",
    "MOTION_SIGMA",
    "MOTION_THRESHOLD",
    "BarcodeStages",
    "MotionStages",
    "barcode_hit_rate",
    "barcode_stages",
    "bounding_box",
    "box_iou",
    "label_regions",
    "largest_region",
    "motion_accuracy",
    "motion_stages",
    "rgb_to_ycbcr",
    "skin_mask",
    "smooth_skin",
]

# --------------------------------------------------------------------------
# connected regions and boxes
# --------------------------------------------------------------------------


def _runs(m: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every run of True in a boolean picture, row by row: its row, start and end (excluded)."""
    padded = np.zeros((m.shape[0], m.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = m
    change = np.diff(padded, axis=1)
    rows, starts = np.nonzero(change == 1)
    _, ends = np.nonzero(change == -1)      # same rows, same order: row-major
    return rows, starts, ends


def label_regions(mask, connectivity: int = 8) -> tuple[np.ndarray, int]:
    """Number the connected regions of a boolean picture: 1, 2, ... in reading order; 0 for background.

    A run-length method (the classic two-pass labelling, done on runs
    instead of pixels): each row is cut into runs of True; a run is joined
    to every run of the row above that it touches (sharing a column, or
    also a corner with ``connectivity=8``), with a union-find over runs;
    then each run gets its region's number.  The Python loop is over runs,
    not pixels, so a 180 x 240 picture takes about a millisecond.

    Parameters
    ----------
    mask : array_like of bool, shape (H, W)
    connectivity : {4, 8}, default 8
        4: neighbours share a side; 8: a side or a corner.

    Returns
    -------
    labels : ndarray of int32, shape (H, W)
    count : int
        The number of regions.  The same regions as
        ``scipy.ndimage.label`` finds (with its 3 x 3 structure for 8),
        numbered in the order of their first pixel, row by row.

    Examples
    --------
    >>> labels, n = label_regions([[1, 1, 0, 0], [0, 0, 0, 1], [1, 0, 1, 1]])
    >>> labels.tolist(), n
    ([[1, 1, 0, 0], [0, 0, 0, 2], [3, 0, 2, 2]], 3)
    >>> label_regions([[1, 0], [0, 1]], connectivity=4)[1], label_regions([[1, 0], [0, 1]])[1]
    (2, 1)
    """
    m = np.asarray(as_array(mask, "mask", 2)) != 0
    conn = as_int(connectivity, "connectivity", 4, 8)
    if conn not in (4, 8):
        msg = f"connectivity must be 4 or 8; received {conn}"
        raise ValueError(msg)
    reach = 1 if conn == 8 else 0
    rows, starts, ends = _runs(m)
    first = np.searchsorted(rows, np.arange(m.shape[0] + 1))      # runs of row r: first[r] to first[r + 1]
    rows_l, starts_l, ends_l = rows.tolist(), starts.tolist(), ends.tolist()
    parent = list(range(len(rows_l)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for r in range(1, m.shape[0]):
        k, stop = int(first[r - 1]), int(first[r])
        for rid in range(int(first[r]), int(first[r + 1])):
            s, e = starts_l[rid], ends_l[rid]
            # runs of the row above that overlap [s - reach, e + reach)
            while k < stop and ends_l[k] + reach <= s:
                k += 1
            j = k
            while j < stop and starts_l[j] < e + reach:
                a, b = find(j), find(rid)
                if a != b:
                    parent[max(a, b)] = min(a, b)
                j += 1
    runs = zip(rows_l, starts_l, ends_l, range(len(rows_l)), strict=True)
    labels = np.zeros(m.shape, dtype=np.int32)
    numbers: dict[int, int] = {}
    for r, s, e, rid in runs:
        root = find(rid)
        if root not in numbers:
            numbers[root] = len(numbers) + 1
        labels[r, s:e] = numbers[root]
    return labels, len(numbers)


def largest_region(mask, connectivity: int = 8) -> np.ndarray:
    """The largest connected region of a boolean picture (the first one on a tie); all False if there is none.

    Examples
    --------
    >>> largest_region([[1, 0, 1, 1], [0, 0, 0, 1]]).astype(int).tolist()
    [[0, 0, 1, 1], [0, 0, 0, 1]]
    """
    labels, n = label_regions(mask, connectivity)
    if n == 0:
        return np.zeros(labels.shape, dtype=bool)
    sizes = np.bincount(labels.ravel(), minlength=n + 1)
    sizes[0] = 0
    return labels == int(np.argmax(sizes))


def bounding_box(mask) -> tuple[int, int, int, int] | None:
    """The smallest box ``(top, left, bottom, right)`` holding every True pixel (bottom, right excluded); None if none.

    Examples
    --------
    >>> bounding_box([[0, 0, 0], [0, 1, 1], [0, 1, 0]])
    (1, 1, 3, 3)
    >>> bounding_box(np.zeros((2, 2))) is None
    True
    """
    m = np.asarray(as_array(mask, "mask", 2)) != 0
    rows, cols = np.flatnonzero(m.any(axis=1)), np.flatnonzero(m.any(axis=0))
    if rows.size == 0:
        return None
    return int(rows[0]), int(cols[0]), int(rows[-1]) + 1, int(cols[-1]) + 1


def box_iou(a, b) -> float:
    """Intersection over union of two boxes ``(top, left, bottom, right)``: 1 for the same box, 0 when apart.

    ``None`` (no box) gives 0.

    Examples
    --------
    >>> box_iou((0, 0, 10, 10), (0, 5, 10, 15))     # overlap 50, union 150
    0.3333333333333333
    >>> box_iou((0, 0, 4, 4), None)
    0.0
    """
    if a is None or b is None:
        return 0.0
    t, left = max(a[0], b[0]), max(a[1], b[1])
    bottom, right = min(a[2], b[2]), min(a[3], b[3])
    inter = max(0, bottom - t) * max(0, right - left)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return float(inter / union) if union > 0 else 0.0


# --------------------------------------------------------------------------
# selfie smoothing
# --------------------------------------------------------------------------
#: The blue-difference range the skin rule accepts (Chai and Ngan, 1999), on the 0-255 scale.
CB_RANGE = (77, 127)
#: The red-difference range the skin rule accepts (Chai and Ngan, 1999), on the 0-255 scale.
CR_RANGE = (133, 173)


def rgb_to_ycbcr(rgb) -> np.ndarray:
    """RGB in [0, 1] to Y, Cb, Cr on the 0-255 scale, as JPEG stores colours (ITU-R BT.601, full range).

    ``Y = 0.299 R + 0.587 G + 0.114 B`` is the brightness; ``Cb`` and ``Cr``
    are how much bluer and redder the pixel is than a grey of that
    brightness, centred on 128.

    Parameters
    ----------
    rgb : array_like of shape (..., 3), values in [0, 1]

    Returns
    -------
    ndarray of float64, same shape: Y, Cb, Cr

    Examples
    --------
    >>> rgb_to_ycbcr([[1.0, 1.0, 1.0], [1.0, 0.0, 0.0]]).round(1).tolist()
    [[255.0, 128.0, 128.0], [76.2, 85.0, 255.5]]
    """
    arr = np.asarray(as_array(rgb, "rgb", (1, 2, 3)), dtype=float) * 255.0
    if arr.shape[-1] != 3:
        msg = f"rgb must have 3 values (R, G, B) in its last axis; received shape {arr.shape}"
        raise ValueError(msg)
    r, g, b = arr[..., 0], arr[..., 1], arr[..., 2]
    y = 0.299 * r + 0.587 * g + 0.114 * b
    cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b
    cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b
    return np.stack([y, cb, cr], axis=-1)


def skin_mask(rgb) -> np.ndarray:
    """Where a pixel's colour is "skin-like" by a fixed rule: ``77 <= Cb <= 127`` and ``133 <= Cr <= 173``.

    The rule of Chai and Ngan (1999) looks only at the colour (Cb, Cr), not
    at the brightness, so light and dark skin are treated alike *as long as
    their colour falls in the box*.  It is a rule of thumb, fitted to the
    photos its authors had: it misses skin under coloured or very dim light
    and, often, the darkest and the lightest skin tones; it accepts wood,
    sand, brick and hair of similar colours.  Real apps find the face first
    (a convolutional network) and learn what is skin from many people.

    Parameters
    ----------
    rgb : array_like of shape (H, W, 3), values in [0, 1]

    Returns
    -------
    ndarray of bool, shape (H, W)

    Examples
    --------
    >>> skin_mask([[[0.87, 0.67, 0.55], [0.3, 0.5, 0.9], [0.5, 0.5, 0.5]]]).tolist()
    [[True, False, False]]
    """
    ycc = rgb_to_ycbcr(rgb)
    cb, cr = ycc[..., 1], ycc[..., 2]
    return (cb >= CB_RANGE[0]) & (cb <= CB_RANGE[1]) & (cr >= CR_RANGE[0]) & (cr <= CR_RANGE[1])


def smooth_skin(rgb, strength: float = 0.8, sigma: float = 3.0, *, feather: float = 2.0, mask=None) -> np.ndarray:
    """Blur only the skin-like pixels, and blend: ``out = rgb + strength * soft_mask * (blurred - rgb)``.

    Parameters
    ----------
    rgb : array_like of shape (H, W, 3), values in [0, 1]
    strength : float, default 0.8
        0 keeps the photo, 1 replaces the skin by its blur.
    sigma : float, default 3
        The Gaussian blur's spread in pixels (from 0.5 to 8).
    feather : float, default 2
        The mask is blurred by this much first, so the blend has no hard seams.
    mask : array_like of bool, shape (H, W), optional
        Where to smooth; by default :func:`skin_mask`.

    Returns
    -------
    ndarray of float64, shape (H, W, 3), in [0, 1]

    Examples
    --------
    >>> photo = np.random.default_rng(0).random((20, 20, 3))
    >>> bool(np.allclose(smooth_skin(photo, 0.0), photo))
    True
    """
    X = np.asarray(as_array(rgb, "rgb", 3), dtype=float)
    strength = as_real(strength, "strength", low=0, high=1, what="0 keeps the photo, 1 blurs the skin fully")
    sigma = as_real(sigma, "sigma", low=0.5, high=8, what="the blur's spread in pixels")
    feather = as_real(feather, "feather", low=0, high=8)
    m = skin_mask(X) if mask is None else np.asarray(mask, dtype=bool)
    soft = smooth(m.astype(float), feather) if feather > 0 else m.astype(float)
    blurred = np.stack([smooth(X[..., c], sigma) for c in range(3)], axis=-1)
    return np.clip(X + strength * soft[..., None] * (blurred - X), 0.0, 1.0)


# --------------------------------------------------------------------------
# the barcode finder
# --------------------------------------------------------------------------
#: The blur of the barcode finder: a Gaussian of this spread (pixels) merges the bars into one block.
BARCODE_SIGMA = 4.0
#: The barcode finder keeps pixels above this fraction of the strongest blurred response.
BARCODE_THRESHOLD = 0.4


class BarcodeStages(NamedTuple):
    """Every stage of :func:`barcode_stages`, to look at one by one.

    Attributes
    ----------
    image : ndarray (H, W)
        The grey picture.
    difference : ndarray (H, W)
        ``max(|gx| - |gy|, 0)``: strong where the brightness changes along x
        much more than along y, as across upright bars.
    blurred : ndarray (H, W)
        The difference blurred: dense bars merge into one bright block; thin,
        scattered strokes fade.
    mask : ndarray of bool (H, W)
        Where ``blurred`` is above the threshold (a fraction of its maximum).
    region : ndarray of bool (H, W)
        The largest connected region of ``mask``.
    box : (int, int, int, int) or None
        The region's box.
    """

    image: np.ndarray
    difference: np.ndarray
    blurred: np.ndarray
    mask: np.ndarray
    region: np.ndarray
    box: tuple | None


def barcode_stages(image, *, sigma: float = BARCODE_SIGMA, threshold: float = BARCODE_THRESHOLD) -> BarcodeStages:
    """Find a barcode with convolutions: gradient difference, blur, threshold, largest region, box.

    1. ``gx, gy = convlib.edges.gradients(image, 'sobel', normalize=True)``;
       ``difference = max(|gx| - |gy|, 0)``: bars standing upright (or
       tilted by less than 45 degrees) change the brightness along x far
       more than along y; text has strokes both ways, horizontal stripes only
       along y;
    2. ``blurred = convlib.edges.smooth(difference, sigma)``;
    3. ``mask = blurred > threshold * blurred.max()``;
    4. the largest connected region of the mask (8 neighbours) and its box.

    Parameters
    ----------
    image : array_like of shape (H, W)
    sigma : float, default 4
        From 0 (no blur) to 10.
    threshold : float, default 0.4
        A fraction of the strongest blurred response, from 0.05 to 0.95.

    Returns
    -------
    BarcodeStages

    Examples
    --------
    >>> X = np.full((40, 60), 0.7)
    >>> for c in range(20, 44, 4):
    ...     X[10:30, c:c + 2] = 0.1                 # six upright bars, 2 pixels wide
    >>> barcode_stages(X, sigma=2.0).box
    (10, 18, 30, 44)
    """
    X = np.asarray(as_array(image, "image", 2), dtype=float)
    sigma = as_real(sigma, "sigma", low=0, high=10, what="the blur's spread in pixels")
    threshold = as_real(threshold, "threshold", low=0.05, high=0.95, what="a fraction of the strongest response")
    gx, gy = gradients(X, "sobel", normalize=True)
    difference = np.maximum(np.abs(gx) - np.abs(gy), 0.0)
    blurred = smooth(difference, sigma) if sigma > 0 else difference
    top = float(blurred.max())
    mask = blurred > threshold * top if top > 0 else np.zeros(X.shape, bool)
    region = largest_region(mask)
    return BarcodeStages(X, difference, blurred, mask, region, bounding_box(region))


def barcode_hit_rate(seeds, *, sigma: float = BARCODE_SIGMA, threshold: float = BARCODE_THRESHOLD,
                     min_iou: float = 0.5) -> tuple[int, int, np.ndarray]:
    """Run the barcode finder on the generated scene of each seed; a hit is an IoU of at least ``min_iou``.

    Parameters
    ----------
    seeds : iterable of int
        Seeds for :func:`~convlib.lessons.lesson08.scenes.barcode_scene`.
    sigma, threshold : float
        As in :func:`barcode_stages`.
    min_iou : float, default 0.5
        The smallest intersection over union (:func:`box_iou`) of the found
        box with the true box that counts as a hit.

    Returns
    -------
    hits : int
    count : int
    ious : ndarray of float64, one per seed

    Examples
    --------
    >>> hits, count, ious = barcode_hit_rate(range(3))
    >>> (hits, count), bool((ious >= 0).all())
    ((3, 3), True)
    """
    from .scenes import barcode_scene

    ious = []
    for seed in seeds:
        scene = barcode_scene(seed)
        ious.append(box_iou(barcode_stages(scene.image, sigma=sigma, threshold=threshold).box, scene.box))
    ious = np.array(ious)
    return int((ious >= min_iou).sum()), len(ious), ious


# --------------------------------------------------------------------------
# the motion detector
# --------------------------------------------------------------------------
#: The blur of the motion detector, in pixels: averages the sensor noise away.
MOTION_SIGMA = 2.0
#: The motion detector keeps pixels whose blurred difference is above this (grey values 0-1).
MOTION_THRESHOLD = 0.08
#: Changed regions smaller than this many pixels are ignored (specks of noise).
MIN_AREA = 20


class MotionStages(NamedTuple):
    """Every stage of :func:`motion_stages`.

    Attributes
    ----------
    difference : ndarray (H, W)
        ``|frame - previous|``.
    blurred : ndarray (H, W)
        The difference blurred.
    mask : ndarray of bool (H, W)
        Where ``blurred`` is above the threshold.
    boxes : list of (int, int, int, int)
        The box of each region of the mask with at least ``min_area`` pixels.
    box : (int, int, int, int) or None
        The box around all of them: what moved (where it was and where it is now).
    """

    difference: np.ndarray
    blurred: np.ndarray
    mask: np.ndarray
    boxes: list
    box: tuple | None


def motion_stages(previous, frame, *, sigma: float = MOTION_SIGMA, threshold: float = MOTION_THRESHOLD,
                  min_area: int = MIN_AREA) -> MotionStages:
    """Detect motion between two frames: difference, blur, threshold, boxes.

    Parameters
    ----------
    previous, frame : array_like of shape (H, W)
        Two grey frames with values in [0, 1].
    sigma : float, default 2
        The blur's spread, from 0 (none) to 6 pixels.
    threshold : float, default 0.08
        From 0 to 1, in grey values.
    min_area : int, default 20
        Smaller regions are ignored.

    Returns
    -------
    MotionStages

    Examples
    --------
    >>> a = np.zeros((30, 30)); b = a.copy(); b[10:16, 12:18] = 1.0
    >>> motion_stages(a, b, sigma=1.0).box
    (9, 11, 17, 19)
    """
    A = np.asarray(as_array(previous, "previous", 2), dtype=float)
    B = np.asarray(as_array(frame, "frame", 2), dtype=float)
    if A.shape != B.shape:
        msg = f"previous and frame must have the same shape; received {A.shape} and {B.shape}"
        raise ValueError(msg)
    sigma = as_real(sigma, "sigma", low=0, high=6, what="the blur's spread in pixels")
    threshold = as_real(threshold, "threshold", low=0, high=1, what="in grey values")
    min_area = as_int(min_area, "min_area", 1)
    difference = np.abs(B - A)
    blurred = smooth(difference, sigma) if sigma > 0 else difference
    mask = blurred > threshold
    labels, n = label_regions(mask)
    sizes = np.bincount(labels.ravel(), minlength=n + 1)
    boxes = [bounding_box(labels == k) for k in range(1, n + 1) if sizes[k] >= min_area]
    box = None
    if boxes:
        b = np.array(boxes)
        box = (int(b[:, 0].min()), int(b[:, 1].min()), int(b[:, 2].max()), int(b[:, 3].max()))
    return MotionStages(difference, blurred, mask, boxes, box)


def _union(a, b):
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def motion_accuracy(frames, boxes, moved, *, sigma: float = MOTION_SIGMA, threshold: float = MOTION_THRESHOLD,
                    min_area: int = MIN_AREA, min_iou: float = 0.5) -> list[dict]:
    """Score the motion detector on every frame after the first, against the known positions.

    A frame is **right** when the object moved and the detected box overlaps
    the box around the object's old and new positions with an intersection
    over union of at least ``min_iou``, or when it did not move and nothing
    is detected.

    Parameters
    ----------
    frames : ndarray of shape (n, H, W)
    boxes : ndarray of shape (n, 4)
        The object's true box in each frame.
    moved : ndarray of bool, shape (n,)
    sigma, threshold, min_area
        As in :func:`motion_stages`.
    min_iou : float, default 0.5

    Returns
    -------
    list of dict
        One per frame from 1: ``frame``, ``moved``, ``truth`` (the union box,
        or None when nothing moved), ``found`` (the detected box or None),
        ``iou`` and ``right``.

    Examples
    --------
    >>> from convlib.lessons.lesson08.scenes import motion_frames
    >>> m = motion_frames()
    >>> sum(r["right"] for r in motion_accuracy(*m)), len(m.frames) - 1
    (11, 11)
    """
    out = []
    for k in range(1, len(frames)):
        found = motion_stages(frames[k - 1], frames[k], sigma=sigma, threshold=threshold, min_area=min_area).box
        truth = _union(tuple(boxes[k - 1]), tuple(boxes[k])) if moved[k] else None
        iou = box_iou(found, truth) if truth is not None else float(found is None)
        right = iou >= min_iou if truth is not None else found is None
        out.append({"frame": k, "moved": bool(moved[k]), "truth": truth, "found": found, "iou": iou,
                    "right": bool(right)})
    return out
