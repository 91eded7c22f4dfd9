"""Reading a learner's own picture safely: bytes in, an RGB picture with values in [0, 1] out.

A file uploaded into a notebook can be anything: a photo from a phone
(turned sideways by an EXIF tag), a PNG with transparency, a 16-bit scan, a
palette GIF, a CMYK print file, a PDF, half a download, or a small file
that claims to hold billions of pixels (a "decompression bomb").
:func:`read_image` turns every picture it can read into the same thing, an
RGB array of floats in [0, 1] no larger than ``max_side`` pixels on its
longer side, and refuses everything else with an :class:`UnreadableImage`
message that says what was received.  It belongs to the maths layer and
uses Pillow, which matplotlib already depends on.

What happens, in order:

1. the bytes are counted (at most :data:`MAX_BYTES`; an empty file is refused);
2. Pillow reads only the header (``Image.open``), restricted to the formats
   in :data:`FORMATS`: plugins that would run other programs (EPS) or read
   documents (PDF) are never tried;
3. the width times the height the header claims is compared with
   ``max_pixels`` (:data:`MAX_PIXELS`, 25 million) **before anything is
   decoded**; Pillow's own decompression-bomb check (an error above
   ``2 * Image.MAX_IMAGE_PIXELS``) is caught too, and its warning is turned
   into the same refusal, without changing Pillow's global settings;
4. JPEG files are decoded at a reduced scale when that is enough
   (``Image.draft``); other files are decoded whole, so a picture takes at
   most about ``4 * max_pixels`` bytes while it is decoded (100 MB), and
   most modes are shrunk before any conversion (palette and black-and-white
   pictures are converted first); a truncated or damaged file is refused here;
5. the picture is converted to 8-bit RGB, or read as numbers: palette
   ('P'), greyscale ('L', '1'), CMYK (converted without its colour profile),
   YCbCr, and 16-bit greyscale ('I;16', scaled from 0-65535); pictures with
   transparency (RGBA, LA, PA, or a transparent palette colour) are
   **composited on white**, as a page would show them; 16-bit colour PNGs
   are read by Pillow at 8 bits per channel; only the first frame of an
   animation or a multi-page file is kept;
6. it is shrunk (Lanczos) to at most ``max_side`` pixels on its longer side
   (:data:`MAX_SIDE`, 512), keeping its proportions; smaller pictures are
   not enlarged;
7. it is turned upright by its EXIF orientation tag (the same eight cases as
   ``PIL.ImageOps.exif_transpose``), after shrinking, so the turn is cheap.

Every step taken is listed in :attr:`LoadedImage.notes`.

Examples
--------
>>> from io import BytesIO
>>> from PIL import Image
>>> buf = BytesIO()
>>> Image.new("RGBA", (4, 2), (255, 0, 0, 128)).save(buf, format="PNG")
>>> picture = read_image(buf.getvalue(), name="red.png")
>>> picture.image.shape, picture.image[0, 0].round(2).tolist()
((2, 4, 3), [1.0, 0.5, 0.5])
>>> picture.notes
('transparent parts composited on white',)
>>> read_image(b"%PDF-1.7 ...", name="notes.pdf")
Traceback (most recent call last):
...
convlib.imageio.UnreadableImage: 'notes.pdf' is not a picture this lesson can read: received 12 bytes starting with '%PDF-1.7 ...', which looks like a PDF document. Save or export it as PNG or JPEG.
"""

from __future__ import annotations

import re
import warnings
from io import BytesIO
from typing import NamedTuple

import numpy as np

from ._validate import as_int, as_text, describe

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "MAX_PIXELS",
    "MAX_SIDE",
    "LoadedImage",
    "UnreadableImage",
    "describe_bytes",
    "read_image",
]

#: The file formats :func:`read_image` lets Pillow try (by Pillow's format names).
FORMATS = ("PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP", "PPM")
#: The largest file read, in bytes (40 MiB).
MAX_BYTES = 40 * 2**20
#: The most pixels (width times height, as the file's header claims) decoded: 25 million,
#: a 6000 x 4000 camera photo.  Checked before decoding.
MAX_PIXELS = 25_000_000
#: Pictures are shrunk to at most this many pixels on their longer side.
MAX_SIDE = 512

#: What the first bytes of common files that are not pictures say they are.
_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a Word, Excel or PowerPoint file is one too)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"%!PS", "a PostScript or EPS drawing"),
    (b"GIF8", "a GIF picture"),
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8", "a JPEG picture"),
    (b"RIFF", "a RIFF file (WebP, WAV or AVI)"),
    (b"II*\x00", "a TIFF picture"),
    (b"MM\x00*", "a TIFF picture"),
    (b"BM", "a BMP picture"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"ID3", "an MP3 sound file"),
)
_PICTURE_SIGNATURES = (b"\x89PNG", b"\xff\xd8", b"GIF8", b"BM", b"II*\x00", b"MM\x00*", b"RIFF", b"P1", b"P2",
                       b"P3", b"P4", b"P5", b"P6")
#: EXIF orientation -> the Pillow transpose that turns the picture upright (as ImageOps.exif_transpose).
_ORIENTATION = {2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE",
                6: "ROTATE_270", 7: "TRANSVERSE", 8: "ROTATE_90"}
_ORIENTATION_WORDS = {2: "mirrored left to right", 3: "turned by 180°", 4: "mirrored top to bottom",
                      5: "mirrored along its main diagonal", 6: "turned by 90° clockwise",
                      7: "mirrored along its other diagonal", 8: "turned by 90° counter-clockwise"}
_EXIF_ORIENTATION = 0x0112
#: Modes Pillow shrinks properly as they are (alpha premultiplied), so they are shrunk before conversion.
#: Palette, black-and-white and HSV pictures are converted first (Pillow resizes those by nearest neighbour).
_SHRINK_FIRST = ("L", "LA", "La", "RGB", "RGBA", "RGBa", "CMYK", "YCbCr", "I", "F", "I;16", "I;16L", "I;16B",
                 "I;16N")


class UnreadableImage(ValueError):
    """A file that :func:`read_image` refuses, with a message saying what was received and why."""


class LoadedImage(NamedTuple):
    """A picture read by :func:`read_image`, and what was done to it.

    Attributes
    ----------
    image : ndarray of float64, shape (H, W, 3)
        RGB values in [0, 1], at most ``max_side`` pixels on the longer side.
    name : str
        The file's name ('' when none was given).
    format : str
        Pillow's name for the file format ('PNG', 'JPEG', ...).
    mode : str
        Pillow's mode of the stored picture ('RGB', 'RGBA', 'P', 'L', 'I;16', 'CMYK', ...).
    original_size : (int, int)
        Width and height stored in the file, in pixels.
    notes : tuple of str
        Each conversion made, in words (empty for a small RGB picture).
    """

    image: np.ndarray
    name: str
    format: str
    mode: str
    original_size: tuple
    notes: tuple

    def summary(self) -> str:
        """One line for a status bar: the file, its format and size, and what was done.

        >>> LoadedImage(np.zeros((3, 4, 3)), "cat.png", "PNG", "RGB", (4, 3), ()).summary()
        'cat.png: PNG, RGB, 4 × 3 pixels (width × height)'
        """
        w, h = self.original_size
        text = f"{self.name or 'the picture'}: {self.format}, {self.mode}, {w} × {h} pixels (width × height)"
        if self.notes:
            text += "; " + "; ".join(self.notes)
        return text


def _size_words(n: int) -> str:
    if n >= 1_000_000_000:
        return f"{n / 1e9:.3g} billion"
    return f"{n / 1e6:.3g} million" if n >= 1_000_000 else f"{n:,}"


def describe_bytes(data: bytes) -> str:
    """Say what some bytes are, for a message: their count, their first characters, and a guess.

    Parameters
    ----------
    data : bytes

    Returns
    -------
    str

    Examples
    --------
    >>> describe_bytes(b"hello, world")
    "12 bytes starting with 'hello, world', which looks like text"
    >>> describe_bytes(b"")
    'an empty file (0 bytes)'
    >>> print(describe_bytes(b'<svg width="9"><circle r="4"/></svg>'))
    36 bytes starting with '<svg width="9"><circl...', which looks like an SVG drawing (vector graphics, not pixels)
    >>> describe_bytes(bytes([0x89]) + b"PNG" + bytes(30))
    "34 bytes starting with '.PNG.................', which looks like a PNG picture"
    """
    n = len(data)
    if n == 0:
        return "an empty file (0 bytes)"
    head = bytes(data[:24])
    shown = head.decode("latin-1")
    shown = "".join(ch if 32 <= ord(ch) < 127 else "." for ch in shown)
    if n > 24:
        shown = shown[:21] + "..."
    guess = next((what for sig, what in _SIGNATURES if head.startswith(sig)), None)
    if guess is None and head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypmsf1", b"ftyphevc"):
        guess = "a HEIC/HEIF photo (the default on iPhones), which Pillow cannot read without a plug-in"
    if guess is None and head[4:8] == b"ftyp":
        guess = "an MP4/MOV video or an AVIF/HEIF picture"
    if guess is None:
        text = bytes(data[:512]).lstrip()
        lowered = text[:100].lower()
        if lowered.startswith((b"<svg", b"<?xml")) and b"<svg" in text.lower():
            guess = "an SVG drawing (vector graphics, not pixels)"
        elif lowered.startswith((b"<!doctype html", b"<html")):
            guess = "a web page (HTML)"
        else:
            try:
                decoded = text.decode("utf-8")
            except UnicodeDecodeError as exc:   # a character cut at the end of the 512 bytes is fine
                decoded = text[:exc.start].decode("utf-8") if exc.start >= len(text) - 3 else ""
            if decoded and all(ch.isprintable() or ch in "\t\r\n" for ch in decoded):
                guess = "text"
    what = f"{n:,} bytes starting with {shown!r}"
    return f"{what}, which looks like {guess}" if guess else what


def _refuse(name: str, reason: str) -> UnreadableImage:
    return UnreadableImage(f"{name} {reason}")


def _as_bytes(data, name: str) -> bytes:
    if isinstance(data, memoryview):
        return data.tobytes()
    if isinstance(data, (bytes, bytearray)):
        return bytes(data)
    msg = f"the contents of {name} must be bytes (a file's contents); received {describe(data)}"
    raise TypeError(msg)


def _open(data: bytes, label: str, max_pixels: int):
    """Read the header only; refuse non-pictures and pictures that claim too many pixels."""
    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            im = Image.open(BytesIO(data), formats=FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            claimed = re.search(r"\((\d+) pixels\)", str(exc))
            size = f"of {_size_words(int(claimed.group(1)))} pixels " if claimed else ""
            raise _refuse(label, f"claims a picture {size}too large to decode safely, more than the limit of "
                                 f"{_size_words(max_pixels)}; refused before decoding (Pillow's own "
                                 f"decompression-bomb check stopped it at the header).") from None
        except UnidentifiedImageError:
            if data.startswith(_PICTURE_SIGNATURES):
                raise _refuse(label, f"starts like a picture but its header is damaged or cut short (Pillow "
                                     f"cannot identify it); received {describe_bytes(data)}.") from None
            raise _refuse(label, f"is not a picture this lesson can read: received {describe_bytes(data)}. "
                                 f"Save or export it as PNG or JPEG.") from None
        except Exception as exc:  # noqa: BLE001 - Pillow's plugins raise many kinds on a broken header
            raise _refuse(label, f"starts like a picture but its header is damaged or cut short "
                                 f"({type(exc).__name__}: {exc}); received {describe_bytes(data)}.") from None
    w, h = im.size
    if w < 1 or h < 1:
        im.close()
        raise _refuse(label, f"claims a picture of {w} × {h} pixels, which is empty.")
    if w * h > max_pixels:
        im.close()
        raise _refuse(label, (f"claims a picture of {w:,} × {h:,} = {_size_words(w * h)} pixels, more than "
                              f"the limit of {_size_words(max_pixels)}; refused before decoding (a small "
                              "file "
                              f"can claim a huge picture: a 'decompression bomb'). Shrink it first."))
    return im


def _orientation(im) -> int:
    try:
        value = int(im.getexif().get(_EXIF_ORIENTATION, 1))
    except Exception:  # noqa: BLE001 - a damaged EXIF block: keep the picture as stored
        return 1
    return value if value in _ORIENTATION else 1


def _to_rgb_image(im, notes: list):
    """Convert any Pillow mode to 'RGB' or 'RGBA' (8 bits), or to a float grey array for 16/32-bit modes."""
    mode = im.mode
    if mode in ("I;16", "I;16L", "I;16B", "I;16N"):
        notes.append("16-bit greyscale scaled from 0-65535 to 0-1")
        return np.asarray(im, dtype=np.float64) / 65535.0
    if mode in ("I", "F"):
        arr = np.asarray(im, dtype=np.float64)
        finite = np.isfinite(arr)
        if not finite.all():
            notes.append("values that are not finite shown as 0")
            arr = np.where(finite, arr, 0.0)
        lo, hi = float(arr.min()), float(arr.max())
        if mode == "F" and lo >= 0 and hi <= 1:
            notes.append("32-bit float greyscale read as it is")
            return arr
        if mode == "I" and lo >= 0 and hi <= 255:
            notes.append("32-bit integer greyscale scaled from 0-255")
            return arr / 255.0
        if mode == "I" and lo >= 0 and hi <= 65535:
            notes.append("32-bit integer greyscale scaled from 0-65535")
            return arr / 65535.0
        notes.append(f"{mode} greyscale stretched from its lowest value ({lo:g}) to its highest ({hi:g})")
        return (arr - lo) / (hi - lo) if hi > lo else np.zeros_like(arr)
    alpha = mode in ("RGBA", "LA", "PA", "RGBa", "La") or (mode in ("P", "L", "RGB") and "transparency" in im.info)
    if alpha:
        notes.append("transparent parts composited on white")
        return im.convert("RGBA")
    if mode == "CMYK":
        notes.append("CMYK converted to RGB without its colour profile (colours may be a little off)")
    elif mode == "P":
        notes.append("palette colours looked up")
    elif mode in ("L", "1"):
        notes.append("greyscale: the same value in R, G and B")
    elif mode != "RGB":
        notes.append(f"{mode} converted to RGB")
    return im.convert("RGB")


def _shrink_array(arr: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Shrink a float grey array with Pillow's Lanczos filter (mode 'F')."""
    from PIL import Image

    return np.asarray(Image.fromarray(arr.astype(np.float32), mode="F").resize(size, Image.Resampling.LANCZOS),
                      dtype=np.float64)


def _target(size: tuple[int, int], max_side: int) -> tuple[int, int]:
    w, h = size
    scale = max_side / max(w, h)
    if scale >= 1:
        return w, h
    return max(1, round(w * scale)), max(1, round(h * scale))


def read_image(data, *, name: str | None = None, max_side: int = MAX_SIDE,
               max_pixels: int = MAX_PIXELS, max_bytes: int = MAX_BYTES) -> LoadedImage:
    """Read a picture file's bytes as an RGB picture with values in [0, 1], safely.

    Parameters
    ----------
    data : bytes, bytearray or memoryview
        The file's contents (for example ``ipywidgets.FileUpload``'s ``content``).
    name : str, optional
        The file's name, used in messages and notes.
    max_side : int, default 512
        Longest side of the picture returned, in pixels (from 8 to 4096);
        larger pictures are shrunk, keeping their proportions.
    max_pixels : int, default 25 000 000
        Most pixels (width times height, as the header claims) decoded.
    max_bytes : int, default 40 MiB
        Largest file read.

    Returns
    -------
    LoadedImage
        ``.image`` is float64 of shape (H, W, 3) in [0, 1]; ``.notes`` lists
        the conversions (see the module's description for each).

    Raises
    ------
    UnreadableImage
        (a ``ValueError``) for an empty or too large file, a file that is not
        a picture in one of :data:`FORMATS` (the message says how many bytes
        came, how they start and what they look like), a header claiming more
        than ``max_pixels`` pixels, and a truncated or damaged picture.
    TypeError
        If ``data`` is not bytes, or ``name`` not a string.

    Examples
    --------
    >>> from io import BytesIO
    >>> from PIL import Image
    >>> buf = BytesIO(); Image.new("L", (2000, 1000), 128).save(buf, format="PNG")
    >>> pic = read_image(buf.getvalue(), name="grey.png")
    >>> pic.image.shape, round(float(pic.image.mean()), 3), pic.notes
    ((256, 512, 3), 0.502, ('greyscale: the same value in R, G and B', 'shrunk from 2000 × 1000 to 512 × 256 pixels'))
    >>> read_image(buf.getvalue()[:200], name="cut.png")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    convlib.imageio.UnreadableImage: 'cut.png' is truncated or damaged: Pillow stopped with ...
    """
    from PIL import Image

    name = as_text(name, "name", allow_none=True) or ""
    label = repr(name) if name else "the file"
    max_side = as_int(max_side, "max_side", 8, 4096, what="the longest side kept, in pixels")
    max_pixels = as_int(max_pixels, "max_pixels", 1, what="the most pixels decoded")
    max_bytes = as_int(max_bytes, "max_bytes", 1, what="the largest file read, in bytes")
    data = _as_bytes(data, label)
    if not data:
        raise _refuse(label, "is empty (0 bytes): there is no picture in it.")
    if len(data) > max_bytes:
        raise _refuse(label, f"is {len(data) / 2**20:.1f} MiB, more than the limit of "
                             f"{max_bytes / 2**20:.0f} MiB; save a smaller copy.")
    im = _open(data, label, max_pixels)
    notes: list[str] = []
    try:
        fmt, mode, size = im.format or "?", im.mode, im.size
        frames = int(getattr(im, "n_frames", 1) or 1)
        if frames > 1:
            notes.append(f"first of {frames} frames")
        orientation = _orientation(im)
        target = _target(size, max_side)
        if fmt == "JPEG" and target != size:
            im.draft(None, target)          # decode at 1/2, 1/4 or 1/8 scale when that is still large enough
        try:
            im.load()
        except Exception as exc:  # noqa: BLE001 - truncated data, bad compressed stream, ...
            raise _refuse(label, f"is truncated or damaged: Pillow stopped with '{exc}' "
                                 f"(received {describe_bytes(data)}).") from None
        source = im
        if im.size != target and im.mode in _SHRINK_FIRST and "transparency" not in im.info:
            source = im.resize(target, Image.Resampling.LANCZOS)   # shrink before converting: less memory
        converted = _to_rgb_image(source, notes)
        if isinstance(converted, np.ndarray):      # 16/32-bit grey: already numbers
            grey = converted if target == size else _shrink_array(converted, target)
            rgb = np.repeat(np.clip(grey, 0.0, 1.0)[..., np.newaxis], 3, axis=2)
            picture = None
        else:
            picture = converted if target == converted.size else converted.resize(target, Image.Resampling.LANCZOS)
            rgb = None
        if target != size:
            notes.append(f"shrunk from {size[0]} × {size[1]} to {target[0]} × {target[1]} pixels")
        if orientation != 1:
            notes.append(f"{_ORIENTATION_WORDS[orientation]} as its EXIF orientation tag ({orientation}) asks")
            if rgb is not None:
                rgb = _transpose_array(rgb, orientation)
            else:
                picture = picture.transpose(getattr(Image.Transpose, _ORIENTATION[orientation]))
        if rgb is None:
            arr = np.asarray(picture, dtype=np.float64) / 255.0
            if arr.shape[-1] == 4:             # composite on white: c * a + 1 * (1 - a)
                a = arr[..., 3:]
                arr = arr[..., :3] * a + (1.0 - a)
            rgb = arr
    finally:
        im.close()
    rgb = np.ascontiguousarray(np.clip(rgb, 0.0, 1.0))
    return LoadedImage(rgb, name, fmt, mode, size, tuple(notes))


def _transpose_array(arr: np.ndarray, orientation: int) -> np.ndarray:
    """The numpy version of the EXIF turns (rows first), for pictures already read as numbers."""
    if orientation == 2:
        return arr[:, ::-1]
    if orientation == 3:
        return arr[::-1, ::-1]
    if orientation == 4:
        return arr[::-1]
    if orientation == 5:
        return arr.transpose(1, 0, 2)
    if orientation == 6:
        return np.rot90(arr, -1)
    if orientation == 7:
        return np.rot90(arr, 2).transpose(1, 0, 2)
    return np.rot90(arr, 1)
