"""Generated pictures of lesson 08, with their true answers: barcode scenes and motion frames; and example files.

Everything here is drawn with numpy from a seed, so a scene is the same on
every machine and every run, and its truth (where the barcode is, where the
moving object is) is known exactly: the pipelines of
:mod:`~convlib.lessons.lesson08.pipelines` can be scored against it.

:func:`example_files` makes small files of the kinds a learner might upload
(a transparent PNG, a 16-bit scan, a sideways phone photo, text, half a
PNG, a decompression bomb), to show what :func:`convlib.imageio.read_image`
does with each.

Boxes are ``(top, left, bottom, right)`` in pixels, the bottom and right
**excluded** (as in slicing: ``image[top:bottom, left:right]``).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..._validate import as_int, as_shape
from ...edges import smooth

__all__ = ["BARCODE_SHAPE", "MOTION_SHAPE", "BarcodeScene", "MotionFrames", "barcode_scene", "example_files",
           "motion_frames"]

#: Size of a barcode scene, (rows, columns).
BARCODE_SHAPE = (180, 240)
#: Size of a motion frame, (rows, columns).
MOTION_SHAPE = (96, 128)


class BarcodeScene(NamedTuple):
    """A generated barcode scene and its truth.

    Attributes
    ----------
    image : ndarray of float64, shape (H, W)
        Grey values in [0, 1]: paper, shapes, lines of text-like glyphs and a barcode.
    box : (int, int, int, int)
        The barcode's bars' bounding box ``(top, left, bottom, right)``, bottom and right excluded.
    angle : float
        The barcode's tilt in degrees, counter-clockwise on the screen.
    bars : ndarray of bool, shape (H, W)
        Where the barcode's bars and the gaps between them are.
    text : ndarray of bool, shape (H, W)
        Where the lines of text are (their glyphs' boxes).
    """

    image: np.ndarray
    box: tuple
    angle: float
    bars: np.ndarray
    text: np.ndarray


def _texture(rng, shape, sigma: float) -> np.ndarray:
    """Smooth random texture with values roughly in [-1, 1]."""
    t = smooth(rng.standard_normal(shape), sigma)
    return t / (np.abs(t).max() + 1e-12)


def _glyph(rng) -> np.ndarray:
    """A 9 x 6 text-like glyph: one or two stems and a bar or two, 1 where there is ink."""
    g = np.zeros((9, 6))
    kind = rng.integers(0, 5)
    if kind == 0:        # like n / h / u: two stems and a bar
        g[2:, 0] = g[2:, 4] = 1
        g[2 if rng.random() < 0.5 else 8, 0:5] = 1
    elif kind == 1:      # like o / e: a ring
        g[2, 1:4] = g[8, 1:4] = 1
        g[3:8, 0] = g[3:8, 4] = 1
        if rng.random() < 0.5:
            g[5, 0:5] = 1
    elif kind == 2:      # like l / t / i: a stem and a short bar
        g[0 if rng.random() < 0.5 else 2:, 2] = 1
        g[3, 0:5] = rng.random() < 0.7
    elif kind == 3:      # like s / z: three bars and two short stems
        g[2, 0:5] = g[5, 0:5] = g[8, 0:5] = 1
        g[3:5, 0] = g[6:8, 4] = 1
    else:                # like v / x / k: diagonals
        for k in range(7):
            g[2 + k, min(4, k * 5 // 7)] = 1
            g[2 + k, max(0, 4 - k * 5 // 7)] = rng.random() < 0.8
    return g


def _text_line(rng, width: int) -> np.ndarray:
    """One line of words of glyphs, 9 rows high and ``width`` wide (1 where there is ink)."""
    line = np.zeros((9, width))
    c = 0
    while c < width - 7:
        for _ in range(rng.integers(2, 7)):
            if c > width - 7:
                break
            line[:, c:c + 6] = np.maximum(line[:, c:c + 6], _glyph(rng))
            c += 7
        c += 5      # space between words
    return line


def _free(taken: np.ndarray, r0: int, c0: int, r1: int, c1: int, margin: int = 4) -> bool:
    h, w = taken.shape
    return not taken[max(0, r0 - margin):min(h, r1 + margin), max(0, c0 - margin):min(w, c1 + margin)].any()


def barcode_scene(seed: int, shape=BARCODE_SHAPE) -> BarcodeScene:
    """Draw a barcode, tilted, among text and shapes on textured paper (the same scene for the same seed).

    The barcode has 28 to 40 black bars, each 1 to 3 pixels wide with gaps
    of 1 to 3 pixels, 40 to 60 pixels tall, inside a white quiet zone, tilted
    by -40 to 40 degrees (counter-clockwise on the screen).  The clutter:
    3 to 5 lines of text-like glyphs (dark strokes, upright and across), 2
    to 4 grey discs and rectangles, and a patch of horizontal stripes.
    Everything is drawn at 2 x 2 samples per pixel (smooth edges), then a
    little noise is added.

    Parameters
    ----------
    seed : int
        ``numpy.random.default_rng(seed)`` draws everything.
    shape : (int, int), default (180, 240)
        At least 120 x 160.

    Returns
    -------
    BarcodeScene

    Examples
    --------
    >>> s = barcode_scene(0)
    >>> s.image.shape, bool(0 <= s.image.min() and s.image.max() <= 1), bool(s.bars.any() and s.text.any())
    ((180, 240), True, True)
    >>> bool(np.array_equal(barcode_scene(0).image, s.image))
    True
    """
    seed = as_int(seed, "seed", 0)
    h, w = as_shape(shape, "shape", 1)
    if h < 120 or w < 160:
        msg = f"shape must be at least (120, 160); received {(h, w)}"
        raise ValueError(msg)
    rng = np.random.default_rng(seed)
    img = 0.62 + 0.08 * _texture(rng, (h, w), 12.0)
    taken = np.zeros((h, w), bool)

    # the barcode: a row of bar widths, drawn through rotated coordinates at 2 x 2 samples per pixel
    widths = []
    for _ in range(rng.integers(28, 41)):
        widths += [int(rng.integers(1, 4)), int(rng.integers(1, 4))]    # bar, gap
    widths[-1] = 0
    edges = np.concatenate([[0], np.cumsum(widths)]).astype(float)
    length, tall = edges[-1], float(rng.integers(40, 61))
    angle = float(rng.uniform(-40, 40))
    t = np.radians(angle)
    cos, sin = np.cos(t), np.sin(t)
    half_w = abs(length / 2 * cos) + abs(tall / 2 * sin)
    half_h = abs(length / 2 * sin) + abs(tall / 2 * cos)
    quiet = 8
    cy = rng.uniform(half_h + quiet + 2, h - half_h - quiet - 2)
    cx = rng.uniform(half_w + quiet + 2, w - half_w - quiet - 2)
    # work only in the window that can hold the label (outside it nothing is drawn)
    reach = 1.5 * quiet       # the quiet zone, turned, reaches at most quiet * (|cos| + |sin|) further
    r_lo, r_hi = max(0, int(cy - half_h - reach) - 2), min(h, int(cy + half_h + reach) + 3)
    c_lo, c_hi = max(0, int(cx - half_w - reach) - 2), min(w, int(cx + half_w + reach) + 3)
    sub = (np.arange(2) + 0.5) / 2
    ys = (np.arange(r_lo, r_hi)[:, None] + sub[None, :]).reshape(-1) - cy        # 2 samples per row
    xs = (np.arange(c_lo, c_hi)[:, None] + sub[None, :]).reshape(-1) - cx
    Y, X = np.meshgrid(ys, xs, indexing="ij")
    u = X * cos - Y * sin + length / 2          # along the barcode (x turned counter-clockwise on screen)
    v = X * sin + Y * cos                       # across it
    inside = (np.abs(v) < tall / 2) & (u >= 0) & (u < length)
    zone = (np.abs(v) < tall / 2 + quiet) & (u >= -quiet) & (u < length + quiet)
    k = np.clip(np.searchsorted(edges, u, side="right") - 1, 0, len(widths) - 1)
    ink = inside & (k % 2 == 0)

    def down(a):
        small = a.reshape(r_hi - r_lo, 2, c_hi - c_lo, 2).mean(axis=(1, 3))
        full = np.zeros((h, w))
        full[r_lo:r_hi, c_lo:c_hi] = small
        return full

    zone_px, ink_px, inside_px = down(zone), down(ink), down(inside)
    img = img * (1 - zone_px) + 0.95 * zone_px
    img = img * (1 - ink_px) + 0.08 * ink_px
    bars = inside_px > 0
    rows, cols = np.nonzero(bars)
    box = (int(rows.min()), int(cols.min()), int(rows.max()) + 1, int(cols.max()) + 1)
    taken |= zone_px > 0

    # lines of text where there is room
    text = np.zeros((h, w), bool)
    for _ in range(rng.integers(3, 6)):
        for _attempt in range(30):
            width = int(rng.integers(60, 150))
            r0, c0 = int(rng.integers(2, h - 12)), int(rng.integers(2, w - width - 2))
            if _free(taken, r0, c0, r0 + 9, c0 + width):
                line = _text_line(rng, width)
                img[r0:r0 + 9, c0:c0 + width] = img[r0:r0 + 9, c0:c0 + width] * (1 - line) + 0.15 * line
                text[r0:r0 + 9, c0:c0 + width] = True
                taken[r0:r0 + 9, c0:c0 + width] = True
                break

    # discs and rectangles, soft-edged (drawn in the square around each)
    for _ in range(rng.integers(2, 5)):
        for _attempt in range(30):
            r = int(rng.integers(8, 20))
            r0, c0 = int(rng.integers(r, h - r)), int(rng.integers(r, w - r))
            if _free(taken, r0 - r, c0 - r, r0 + r, c0 + r):
                top, left = max(0, r0 - r - 1), max(0, c0 - r - 1)
                yy, xx = np.mgrid[top:min(h, r0 + r + 2), left:min(w, c0 + r + 2)]
                if rng.random() < 0.5:
                    cover = np.clip(r + 0.5 - np.hypot(yy - r0, xx - c0), 0, 1)
                else:
                    cover = ((np.abs(yy - r0 + 0.5) < r) & (xx >= c0 - r // 2) & (xx < c0 + r // 2)).astype(float)
                patch = img[top:top + cover.shape[0], left:left + cover.shape[1]]
                patch[...] = patch * (1 - cover) + rng.uniform(0.2, 0.45) * cover
                taken[r0 - r:r0 + r, c0 - r:c0 + r] = True
                break

    # horizontal stripes: strong changes downwards, which |gx| - |gy| must not mistake for bars
    for _attempt in range(30):
        ph, pw = int(rng.integers(16, 28)), int(rng.integers(30, 50))
        r0, c0 = int(rng.integers(2, h - ph - 2)), int(rng.integers(2, w - pw - 2))
        if _free(taken, r0, c0, r0 + ph, c0 + pw):
            stripes = ((np.arange(ph) // 2) % 2 == 0)[:, None] * np.ones((1, pw))
            img[r0:r0 + ph, c0:c0 + pw] = 0.85 - 0.6 * stripes
            taken[r0:r0 + ph, c0:c0 + pw] = True
            break

    img = np.clip(img + 0.02 * rng.standard_normal((h, w)), 0.0, 1.0)
    return BarcodeScene(img, box, angle, bars, text)


class MotionFrames(NamedTuple):
    """Generated frames of a moving object over a still, textured background, and the truth.

    Attributes
    ----------
    frames : ndarray of float64, shape (n, H, W)
        Grey values in [0, 1], with fresh noise in every frame.
    boxes : ndarray of int, shape (n, 4)
        The object's box ``(top, left, bottom, right)`` in each frame, bottom and right excluded.
    moved : ndarray of bool, shape (n,)
        Whether the object moved since the frame before (``moved[0]`` is False: there is no frame before).
    """

    frames: np.ndarray
    boxes: np.ndarray
    moved: np.ndarray

    def moved_box(self, k: int) -> tuple | None:
        """The box around the object's places in frames ``k - 1`` and ``k``: what a frame difference can see.

        None when it did not move (or for frame 0).

        >>> motion_frames().moved_box(6) is None
        True
        """
        k = as_int(k, "k", 0, len(self.frames) - 1)
        if not self.moved[k]:
            return None
        a, b = self.boxes[k - 1], self.boxes[k]
        return (int(min(a[0], b[0])), int(min(a[1], b[1])), int(max(a[2], b[2])), int(max(a[3], b[3])))


def motion_frames(seed: int = 8, n: int = 12, shape=MOTION_SHAPE, *, noise: float = 0.04,
                  pause: int | None = 6) -> MotionFrames:
    """Frames of a textured square moving over a still, textured background, with noise.

    The object is a 16 x 16 square with its own texture, darker than most
    of the background; it starts in the left third and moves 5 to 8 pixels per frame rightwards, in a straight line,
    bouncing off the borders.  Between frame ``pause - 1`` and frame
    ``pause`` it stands still, so a frame difference cannot see it there.
    Every frame gets fresh Gaussian noise of standard deviation ``noise``,
    as a camera's sensor does.

    Parameters
    ----------
    seed : int, default 8
    n : int, default 12
        Number of frames, from 2 to 60.
    shape : (int, int), default (96, 128)
    noise : float, default 0.04
    pause : int or None, default 6
        The frame at which the object has not moved; None for none.

    Returns
    -------
    MotionFrames

    Examples
    --------
    >>> m = motion_frames()
    >>> m.frames.shape, m.boxes.shape, int(m.moved.sum())
    ((12, 96, 128), (12, 4), 10)
    """
    seed = as_int(seed, "seed", 0)
    n = as_int(n, "n", 2, 60)
    h, w = as_shape(shape, "shape", 40)
    rng = np.random.default_rng(seed)
    background = 0.55 + 0.25 * _texture(rng, (h, w), 3.0)
    rows = np.arange(h)[:, None]
    background += 0.08 * np.sin(2 * np.pi * rows / 11.0)          # faint stripes
    size = 16
    patch = 0.18 + 0.06 * _texture(rng, (size, size), 1.5)
    y, x = float(rng.uniform(0.2 * h, 0.8 * h - size)), float(rng.uniform(0, 0.3 * w))
    speed = rng.uniform(5, 8)
    direction = rng.uniform(-np.pi / 3, np.pi / 3)     # rightwards, up to 60 degrees off
    vy, vx = speed * np.sin(direction), speed * np.cos(direction)
    frames = np.empty((n, h, w))
    boxes = np.empty((n, 4), dtype=int)
    moved = np.zeros(n, dtype=bool)
    for k in range(n):
        if k > 0 and k != pause:
            y, x = y + vy, x + vx
            if not 0 <= y <= h - size:
                vy = -vy
                y = min(max(y, 0.0), float(h - size))
            if not 0 <= x <= w - size:
                vx = -vx
                x = min(max(x, 0.0), float(w - size))
        r, c = int(round(y)), int(round(x))
        moved[k] = k > 0 and (r, c) != tuple(boxes[k - 1, :2])
        boxes[k] = (r, c, r + size, c + size)
        frame = background.copy()
        frame[r:r + size, c:c + size] = patch
        frames[k] = np.clip(frame + noise * rng.standard_normal((h, w)), 0.0, 1.0)
    return MotionFrames(frames, boxes, moved)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    import struct
    import zlib

    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def example_files() -> dict[str, bytes]:
    """Small files made in memory, of the kinds a learner might upload, to show what happens to each.

    * ``'sticker.png'``: 200 x 120 RGBA, half transparent;
    * ``'scan.png'``: 16-bit greyscale, 1200 x 800;
    * ``'phone.jpg'``: 640 x 480, stored sideways with EXIF orientation 6;
    * ``'icon.gif'``: a palette picture;
    * ``'notes.txt'``: text;
    * ``'cut.png'``: a PNG with its second half missing;
    * ``'bomb.png'``: a 45-byte PNG whose header claims 100 000 x 100 000 pixels.

    Returns
    -------
    dict of str to bytes

    Examples
    --------
    >>> files = example_files()
    >>> len(files["bomb.png"]), files["notes.txt"][:5]
    (45, b'Shopp')
    """
    from io import BytesIO

    from PIL import Image

    def save(im, fmt, **options):
        buf = BytesIO()
        im.save(buf, format=fmt, **options)
        return buf.getvalue()

    rows, cols = np.mgrid[0:120, 0:200]
    sticker = np.zeros((120, 200, 4), np.uint8)
    sticker[..., 0], sticker[..., 2] = 230, (cols * 255 // 199)
    sticker[..., 3] = np.where(rows < 60, 255, 128)
    scan = (np.add.outer(np.arange(800) * 40, np.arange(1200) * 30) % 65536).astype(np.uint16)
    phone = Image.fromarray(np.repeat(np.linspace(0, 255, 640, dtype=np.uint8)[None, :, None], 480, 0).repeat(3, 2))
    exif = phone.getexif()
    exif[0x0112] = 6
    icon = Image.new("P", (32, 32))
    icon.putpalette([255, 255, 255, 0, 114, 178] + [0] * 762)
    icon.paste(1, (8, 8, 24, 24))
    whole = save(Image.fromarray(sticker[..., :3]), "PNG")
    header = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", np.array([100_000, 100_000], ">u4").tobytes()
                                                 + bytes([8, 2, 0, 0, 0]))
    return {
        "sticker.png": save(Image.fromarray(sticker, "RGBA"), "PNG"),
        "scan.png": save(Image.fromarray(scan), "PNG"),
        "phone.jpg": save(phone, "JPEG", exif=exif.tobytes(), quality=90),
        "icon.gif": save(icon, "GIF"),
        "notes.txt": b"Shopping list: eggs, flour, milk.\n",
        "cut.png": whole[: len(whole) // 2],
        "bomb.png": header + _png_chunk(b"IEND", b""),
    }
