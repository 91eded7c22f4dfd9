"""Tests of convlib.imageio: a learner's picture read safely, every kind of file made here with Pillow or by hand."""

from __future__ import annotations

import struct
import zlib
from io import BytesIO

import numpy as np
import pytest
from PIL import Image, ImageFile, ImageOps

from convlib.imageio import (
    FORMATS,
    MAX_PIXELS,
    MAX_SIDE,
    LoadedImage,
    UnreadableImage,
    describe_bytes,
    read_image,
)


# --------------------------------------------------------------------------
# files made in the tests
# --------------------------------------------------------------------------
def encode(im: Image.Image, fmt: str = "PNG", **options) -> bytes:
    """The bytes of a picture saved by Pillow in memory."""
    buf = BytesIO()
    im.save(buf, format=fmt, **options)
    return buf.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC (written by hand, independent of Pillow)."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def handmade_png(width: int, height: int, depth: int, colour_type: int, rows: bytes) -> bytes:
    """A PNG file written byte by byte: signature, IHDR, one IDAT with ``rows`` compressed, IEND."""
    header = struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", zlib.compress(rows))
            + png_chunk(b"IEND", b""))


def photo_like(h: int = 48, w: int = 64) -> np.ndarray:
    """A uint8 RGB picture with a different colour in each quarter, so turns and flips show."""
    arr = np.zeros((h, w, 3), np.uint8)
    arr[: h // 2, : w // 2] = (255, 0, 0)
    arr[: h // 2, w // 2:] = (0, 255, 0)
    arr[h // 2:, : w // 2] = (0, 0, 255)
    arr[h // 2:, w // 2:] = (255, 255, 0)
    return arr


def no_decoding(monkeypatch):
    """Make any decoding of pixel data fail loudly: what is refused must be refused from the header."""
    def boom(self, *args, **kwargs):
        raise AssertionError("pixel data was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", boom)


# --------------------------------------------------------------------------
# ordinary pictures
# --------------------------------------------------------------------------
def test_small_rgb_png_comes_back_exactly():
    """An RGB PNG below the size limit is returned as float RGB equal to its bytes / 255, with no notes."""
    arr = photo_like()
    got = read_image(encode(Image.fromarray(arr)), name="q.png")
    assert isinstance(got, LoadedImage)
    assert got.image.dtype == np.float64 and got.image.shape == (48, 64, 3)
    assert np.array_equal(got.image, arr / 255.0)
    assert (got.format, got.mode, got.original_size, got.notes, got.name) == ("PNG", "RGB", (64, 48), (), "q.png")


def test_memoryview_and_bytearray_are_accepted():
    """FileUpload hands over a memoryview: it reads the same as bytes."""
    data = encode(Image.fromarray(photo_like()))
    a, b = read_image(memoryview(data)), read_image(bytearray(data))
    assert np.array_equal(a.image, b.image)


def test_jpeg_is_read_close_to_pillow():
    """A JPEG photo reads as Pillow decodes it (the same decoder), divided by 255."""
    rng = np.random.default_rng(0)
    arr = (rng.random((30, 40, 3)) * 255).astype(np.uint8)
    data = encode(Image.fromarray(arr), "JPEG", quality=95)
    want = np.asarray(Image.open(BytesIO(data)).convert("RGB")) / 255.0
    assert np.array_equal(read_image(data).image, want)


def test_large_picture_is_shrunk_to_the_stated_side():
    """A 1600 x 1200 picture is shrunk to 512 x 384 (longer side MAX_SIDE), keeping proportions, and says so."""
    im = Image.fromarray(photo_like(1200, 1600))
    got = read_image(encode(im))
    assert MAX_SIDE == 512 and got.image.shape == (384, 512, 3)
    assert "shrunk from 1600 × 1200 to 512 × 384 pixels" in got.notes
    want = np.asarray(im.resize((512, 384), Image.Resampling.LANCZOS)) / 255.0
    assert np.abs(got.image - want).max() < 1e-12


def test_max_side_is_a_parameter_and_small_pictures_are_not_enlarged():
    """max_side=100 gives 100 on the longer side; a picture already smaller keeps its size."""
    data = encode(Image.fromarray(photo_like(300, 200)))
    assert read_image(data, max_side=100).image.shape == (100, 67, 3)
    assert read_image(data, max_side=1000).image.shape == (300, 200, 3)


def test_big_jpeg_is_decoded_at_a_reduced_scale_and_shrunk():
    """A 4000 x 3000 JPEG comes back as 512 x 384: draft decoding then Lanczos, colours kept."""
    im = Image.new("RGB", (4000, 3000), (30, 120, 200))
    got = read_image(encode(im, "JPEG", quality=90))
    assert got.image.shape == (384, 512, 3)
    assert np.allclose(got.image.mean(axis=(0, 1)), np.array([30, 120, 200]) / 255, atol=0.02)


# --------------------------------------------------------------------------
# modes: transparency, palette, grey, 16-bit, CMYK
# --------------------------------------------------------------------------
def test_rgba_is_composited_on_white():
    """Half-transparent red on white is (1, 0.5, 0.5); fully transparent is white; opaque keeps its colour."""
    arr = np.zeros((2, 3, 4), np.uint8)
    arr[0, 0] = (255, 0, 0, 128)
    arr[0, 1] = (0, 0, 255, 0)
    arr[0, 2] = (0, 128, 0, 255)
    got = read_image(encode(Image.fromarray(arr, "RGBA")))
    a = 128 / 255
    assert np.allclose(got.image[0, 0], [1, 1 - a, 1 - a])
    assert np.allclose(got.image[0, 1], [1, 1, 1]) and np.allclose(got.image[0, 2], [0, 128 / 255, 0])
    assert got.notes == ("transparent parts composited on white",)


def test_la_grey_with_alpha_is_composited_on_white():
    """A grey picture with alpha ('LA'): black at alpha 0 is white, black at alpha 255 stays black."""
    arr = np.array([[[0, 0], [0, 255]]], np.uint8)
    got = read_image(encode(Image.fromarray(arr, "LA")))
    assert got.mode == "LA" and np.allclose(got.image[0], [[1, 1, 1], [0, 0, 0]])


def test_palette_picture_looks_up_its_colours():
    """A palette ('P') picture gives the palette's colours."""
    im = Image.new("P", (4, 2))
    im.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    im.paste(1, (2, 0, 4, 2))
    got = read_image(encode(im))
    assert got.mode == "P" and "palette colours looked up" in got.notes
    assert np.array_equal(got.image[0], [[1, 0, 0], [1, 0, 0], [0, 0, 1], [0, 0, 1]])


def test_palette_transparency_is_composited_on_white():
    """A GIF whose palette index 0 is transparent shows white there."""
    im = Image.new("P", (4, 2))
    im.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    im.paste(1, (2, 0, 4, 2))
    got = read_image(encode(im, "GIF", transparency=0))
    assert np.array_equal(got.image[0], [[1, 1, 1], [1, 1, 1], [0, 0, 1], [0, 0, 1]])


@pytest.mark.parametrize("mode", ["L", "1"])
def test_greyscale_is_copied_into_three_channels(mode):
    """Grey and black-and-white pictures give R = G = B = the grey value."""
    arr = np.array([[0, 255, 255, 0]], np.uint8)
    im = Image.fromarray(arr).convert(mode)
    got = read_image(encode(im))
    assert np.array_equal(got.image[..., 0], arr / 255) and np.array_equal(got.image[..., 0], got.image[..., 2])
    assert "greyscale: the same value in R, G and B" in got.notes


def test_16_bit_greyscale_is_scaled_from_65535():
    """A 16-bit grey PNG ('I;16') gives value / 65535, not clipped to 255."""
    values = np.array([[0, 1000, 32768, 65535]], np.uint16)
    got = read_image(encode(Image.fromarray(values)))
    assert got.mode.startswith("I;16")
    assert np.allclose(got.image[..., 1], values / 65535.0)
    assert "16-bit greyscale scaled from 0-65535 to 0-1" in got.notes


def test_16_bit_greyscale_written_by_hand_and_shrunk():
    """A 16-bit grey PNG written byte by byte (big-endian samples), 600 x 20, shrunk to 512 wide keeps its ramp."""
    w, h = 600, 20
    ramp = np.tile(np.linspace(0, 65535, w).astype(">u2"), (h, 1))
    rows = b"".join(b"\x00" + ramp[r].tobytes() for r in range(h))
    got = read_image(handmade_png(w, h, 16, 0, rows))
    assert got.image.shape == (17, 512, 3)
    assert abs(got.image[8, 0, 0]) < 0.01 and abs(got.image[8, -1, 0] - 1) < 0.01
    assert np.all(np.diff(got.image[8, 5:-5, 0]) > 0)


def test_16_bit_colour_png_keeps_the_high_byte():
    """A 48-bit colour PNG written by hand reads as its high bytes / 255 (Pillow's 8-bit reading)."""
    h, w = 3, 4
    values = (np.arange(h * w * 3).reshape(h, w, 3) * 1700).astype(">u2")
    rows = b"".join(b"\x00" + values[r].tobytes() for r in range(h))
    got = read_image(handmade_png(w, h, 16, 2, rows))
    assert np.array_equal(got.image, (values >> 8) / 255.0)


@pytest.mark.parametrize("fmt", ["JPEG", "TIFF"])
def test_cmyk_becomes_rgb(fmt):
    """CMYK (no ink = white, full magenta + yellow = red) is converted to RGB, with a note on colour profiles."""
    im = Image.new("CMYK", (8, 8), (0, 255, 255, 0))
    im.paste((0, 0, 0, 0), (0, 0, 4, 8))
    got = read_image(encode(im, fmt))
    assert np.allclose(got.image[4, 1], [1, 1, 1], atol=0.02) and np.allclose(got.image[4, 6], [1, 0, 0], atol=0.02)
    assert any("CMYK" in n for n in got.notes)


def test_float_and_int_tiffs():
    """32-bit float grey in [0, 1] is read as it is; 32-bit int grey up to 65535 is scaled; others stretched."""
    f = np.array([[0.0, 0.25, 1.0]], np.float32)
    assert np.allclose(read_image(encode(Image.fromarray(f), "TIFF")).image[..., 0], f)
    i = np.array([[0, 300, 65535]], np.int32)
    assert np.allclose(read_image(encode(Image.fromarray(i), "TIFF")).image[..., 0], i / 65535)
    s = np.array([[-5.0, 0.0, 5.0]], np.float32)
    got = read_image(encode(Image.fromarray(s), "TIFF"))
    assert np.allclose(got.image[..., 0], [0, 0.5, 1]) and any("stretched" in n for n in got.notes)


def test_animated_gif_keeps_its_first_frame():
    """Only the first frame of an animation is read, and the note says how many there were."""
    frames = [Image.new("RGB", (6, 6), colour) for colour in ("red", "blue", "green")]
    buf = BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:])
    got = read_image(buf.getvalue())
    assert np.allclose(got.image[0, 0], [1, 0, 0]) and "first of 3 frames" in got.notes


# --------------------------------------------------------------------------
# EXIF orientation
# --------------------------------------------------------------------------
@pytest.mark.parametrize("orientation", range(1, 9))
def test_exif_orientation_matches_imageops_exif_transpose(orientation):
    """Each of the 8 EXIF orientations gives the picture PIL.ImageOps.exif_transpose gives."""
    im = Image.fromarray(photo_like(40, 60))
    exif = im.getexif()
    exif[0x0112] = orientation
    data = encode(im, "PNG", exif=exif.tobytes())
    want = np.asarray(ImageOps.exif_transpose(Image.open(BytesIO(data))).convert("RGB")) / 255.0
    got = read_image(data)
    assert got.image.shape == want.shape and np.array_equal(got.image, want)
    assert (orientation == 1) == (not any("EXIF" in n for n in got.notes))


def test_exif_rotation_of_a_phone_photo_after_shrinking():
    """A 1200 x 800 JPEG stored sideways (orientation 6) comes back upright and shrunk: 512 high, 341 wide."""
    im = Image.fromarray(photo_like(800, 1200))
    exif = im.getexif()
    exif[0x0112] = 6
    got = read_image(encode(im, "JPEG", exif=exif.tobytes(), quality=95))
    assert got.image.shape == (512, 341, 3)
    assert "turned by 90° clockwise as its EXIF orientation tag (6) asks" in got.notes
    # stored red top-left quarter ends at the top right after a quarter turn clockwise
    assert np.allclose(got.image[100, 300], [1, 0, 0], atol=0.05)


@pytest.mark.parametrize("orientation", [6, 8])
def test_exif_rotation_of_16_bit_grey(orientation):
    """A 16-bit grey picture, read as numbers, is turned the same way as exif_transpose turns it."""
    values = (np.arange(12).reshape(3, 4) * 5000).astype(np.uint16)
    im = Image.fromarray(values)
    exif = im.getexif()
    exif[0x0112] = orientation
    data = encode(im, "PNG", exif=exif.tobytes())
    want = np.asarray(ImageOps.exif_transpose(Image.open(BytesIO(data))), dtype=float) / 65535
    assert np.allclose(read_image(data).image[..., 0], want)


# --------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------
@pytest.mark.parametrize(("data", "words"), [
    (b"Dear teacher, here is my homework.", r"which looks like text"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", r"which looks like a PDF document"),
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(40), r"which looks like a ZIP archive"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>', r"which looks like an SVG drawing"),
    (b"\x00\x00\x00\x18ftypheic" + bytes(40), r"which looks like a HEIC/HEIF photo"),
    (b"%!PS-Adobe-3.0 EPSF-3.0\n", r"which looks like a PostScript or EPS drawing"),
    (bytes(range(256)) * 4, r"^'upload.bin' is not a picture this lesson can read: received 1,024 bytes starting with"),
])
def test_non_pictures_are_refused_saying_what_came(data, words):
    """Files that are not pictures are refused, naming the file, the bytes received and what they look like."""
    with pytest.raises(UnreadableImage, match=words):
        read_image(data, name="upload.bin")


def test_eps_is_never_handed_to_ghostscript(monkeypatch):
    """EPS is not among the formats tried, so Pillow's EPS plugin (which runs Ghostscript) is never opened."""
    from PIL import EpsImagePlugin

    def boom(*args, **kwargs):
        raise AssertionError("the EPS plugin was used")

    monkeypatch.setattr(EpsImagePlugin.EpsImageFile, "_open", boom)
    with pytest.raises(UnreadableImage, match="PostScript or EPS"):
        read_image(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n", name="x.eps")
    assert "EPS" not in FORMATS and "PDF" not in FORMATS


def test_empty_file_is_refused():
    """Zero bytes: a message saying the file is empty."""
    with pytest.raises(UnreadableImage, match=r"^'a.png' is empty \(0 bytes\)"):
        read_image(b"", name="a.png")


def test_too_many_bytes_are_refused_before_opening():
    """A file over max_bytes is refused by its size alone."""
    with pytest.raises(UnreadableImage, match=r"^the file is 0.0 MiB, more than the limit of 0 MiB"):
        read_image(bytes(2000), max_bytes=1000)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP"])
def test_truncated_pictures_are_refused(fmt):
    """A picture cut in half is refused as truncated or damaged, never returned half grey."""
    rng = np.random.default_rng(1)
    data = encode(Image.fromarray((rng.random((60, 80, 3)) * 255).astype(np.uint8)), fmt)
    with pytest.raises(UnreadableImage, match=r"^'cut' (is truncated or damaged|starts like a picture but its "
                                              r"header is damaged)"):
        read_image(data[: len(data) // 2], name="cut")


def test_a_header_cut_short_is_refused():
    """Only the first 20 bytes of a JPEG: its header is damaged, and the message says what came."""
    data = encode(Image.new("RGB", (20, 20)), "JPEG")
    with pytest.raises(UnreadableImage, match=r"header is damaged or cut short .*received 20 bytes starting with"):
        read_image(data[:20], name="x.jpg")


def test_decompression_bomb_header_is_refused_before_decoding(monkeypatch):
    """A 100 000 x 100 000 PNG header (a few dozen bytes) is refused without decoding anything."""
    data = handmade_png(100_000, 100_000, 8, 2, b"")
    assert len(data) < 100
    no_decoding(monkeypatch)
    with pytest.raises(UnreadableImage, match=r"^'bomb.png' claims a picture of 10 billion pixels too large to decode "
                                              r"safely, more than the limit of 25 million; refused before "
                                              r"decoding"):
        read_image(data, name="bomb.png")


def test_a_header_over_our_limit_is_refused_by_our_own_check(monkeypatch):
    """6000 x 5000 claimed (30 million, under Pillow's own limit) is refused by max_pixels, before decoding."""
    data = handmade_png(6000, 5000, 8, 0, b"")
    no_decoding(monkeypatch)
    with pytest.raises(UnreadableImage, match=r"claims a picture of 6,000 × 5,000 = 30 million pixels, more than "
                                              r"the limit of 25 million; refused before decoding"):
        read_image(data)
    assert MAX_PIXELS == 25_000_000


def test_a_real_compressed_bomb_is_refused_before_decoding(monkeypatch):
    """A real 6000 x 6000 black PNG (36 million pixels in about 35 kB) is refused before decoding."""
    data = encode(Image.new("L", (6000, 6000)))
    assert len(data) < 100_000
    no_decoding(monkeypatch)
    with pytest.raises(UnreadableImage, match=r"36 million pixels"):
        read_image(data)


def test_pillow_bomb_warning_is_refused_without_changing_pillows_limit(monkeypatch):
    """Pillow's DecompressionBombWarning becomes a refusal; Image.MAX_IMAGE_PIXELS is left as it was."""
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    before = Image.MAX_IMAGE_PIXELS
    with pytest.raises(UnreadableImage, match=r"too large to decode safely"):
        read_image(encode(Image.new("RGB", (20, 10))))
    assert Image.MAX_IMAGE_PIXELS == before


def test_max_pixels_is_a_parameter():
    """A stricter limit refuses a picture that the default accepts."""
    data = encode(Image.new("RGB", (100, 100)))
    assert read_image(data).image.shape == (100, 100, 3)
    with pytest.raises(UnreadableImage, match=r"10,000 pixels, more than the limit of 9,999"):
        read_image(data, max_pixels=9999)


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    ({"data": "picture.png"}, TypeError, r"^the contents of the file must be bytes \(a file's contents\); "
                                         r"received the string 'picture.png'$"),
    ({"data": b"x", "name": 3}, TypeError, r"^name must be a string or None; received int 3$"),
    ({"data": b"x", "max_side": 4}, ValueError, r"^max_side must be an integer from 8 to 4096"),
])
def test_bad_arguments_name_the_parameter(kwargs, error, words):
    """Wrong argument types and values are refused with the parameter's name."""
    with pytest.raises(error, match=words):
        read_image(**kwargs)


def test_describe_bytes_shows_printable_start():
    """The description counts the bytes and shows the first ones, unprintable ones as dots."""
    assert describe_bytes(b"\x00\x01AB") == "4 bytes starting with '..AB'"
    assert describe_bytes(b"GIF89a") == "6 bytes starting with 'GIF89a', which looks like a GIF picture"


def test_summary_lists_the_notes():
    """The summary line names the file, its format, mode and size, then what was done."""
    got = read_image(encode(Image.fromarray(photo_like(1200, 1600)).convert("L")), name="scan.png")
    assert got.summary() == ("scan.png: PNG, L, 1600 × 1200 pixels (width × height); greyscale: the same value in "
                             "R, G and B; shrunk from 1600 × 1200 to 512 × 384 pixels")


@pytest.mark.parametrize("mode", ["L", "RGBA", "P", "I;16"])
def test_memory_stays_bounded_for_the_largest_picture_accepted(mode, tmp_path):
    """A 5000 x 5000 picture (25 million pixels, the limit) is read with under 300 MB more memory (fresh process)."""
    import subprocess
    import sys
    import textwrap

    path = tmp_path / "big.png"
    Image.new(mode, (5000, 5000)).save(path)
    code = textwrap.dedent(f"""
        import resource
        from convlib.imageio import read_image
        data = open({str(path)!r}, "rb").read()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        picture = read_image(data)
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(picture.image.shape, (after - before) // 1024)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    shape, grown_mb = " ".join(out[:-1]), int(out[-1])
    assert shape == "(512, 512, 3)" and grown_mb < 300, (shape, grown_mb)
