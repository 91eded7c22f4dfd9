"""Tests of convlib.lessons.lesson08.playground: presets, display ranges, typed cells, uploads, and a sweep of every control."""

from __future__ import annotations

import datetime
import itertools
import random
import re
import struct
import zlib
from io import BytesIO

import numpy as np
import pytest
import scipy.ndimage as ndi
from PIL import Image

from convlib.data import sample_image
from convlib.kernels import BOX_3, EMBOSS, SHARPEN
from convlib.lessons.lesson08 import PhotoPlayground
from convlib.lessons.lesson08.playground import (
    DISPLAYS,
    MAX_WEIGHT,
    MIN_SIDE,
    OWN,
    PRESETS,
    SAMPLE,
    for_display,
    preset_kernel,
    read_cell,
)
from convlib.plot import display_range

#: A real photo, small enough to sweep quickly: every 12th pixel of the portrait (50 x 43, colour).
SMALL = sample_image("grace_hopper", gray=False)[::12, ::12].copy()


def png(data) -> bool:
    """True if the bytes are a PNG picture."""
    return bytes(data[:8]) == b"\x89PNG\r\n\x1a\n"


def encode(im, fmt="PNG", **options) -> bytes:
    """Bytes of a picture saved by Pillow in memory."""
    buf = BytesIO()
    im.save(buf, format=fmt, **options)
    return buf.getvalue()


def upload(pg, data: bytes, name: str = "file.png") -> None:
    """Do what the browser does when a learner picks a file: set FileUpload.value."""
    pg.upload.value = ({"name": name, "type": "", "size": len(data), "content": memoryview(data),
                        "last_modified": datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)},)


def type_kernel(pg, rows) -> None:
    """Choose 'your own' and type a kernel, cell by cell (strings)."""
    pg.preset.value = OWN
    pg.size.value = "3×3" if len(rows) == 3 else "5×5"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            pg.cells[r][c].value = text


def reference_filter(image, K):
    """The picture filtered with scipy: each channel correlated with K, mirror borders."""
    return np.stack([ndi.correlate(image[..., c], np.asarray(K, float), mode="mirror") for c in range(3)], axis=-1)


# --------------------------------------------------------------------------
# the gallery and the display ranges
# --------------------------------------------------------------------------
def test_fixed_presets_are_the_named_kernels():
    """Box blurs average, sharpen and emboss are convlib's constants, identity has a single 1."""
    assert np.allclose(preset_kernel("box blur 3×3"), BOX_3) and np.allclose(preset_kernel("box blur 5×5"), 1 / 25)
    assert np.array_equal(preset_kernel("sharpen"), SHARPEN) and np.array_equal(preset_kernel("emboss"), EMBOSS)
    assert np.array_equal(preset_kernel("outline"), 9 * np.pad([[1]], 1) - np.ones((3, 3)))


def test_gaussian_preset_blurs_like_scipy():
    """'Gaussian blur' with radius r filters like scipy.ndimage.gaussian_filter(sigma=r) of the same reach."""
    img = np.random.default_rng(0).random((30, 30))
    K = preset_kernel("Gaussian blur", radius=1.5)
    want = ndi.gaussian_filter(img, 1.5, mode="mirror", radius=K.shape[0] // 2)
    assert np.allclose(ndi.correlate(img, K, mode="mirror"), want)


def test_every_preset_keeps_or_drops_flat_areas_as_its_status_says():
    """Weights add up to 1 for every preset but outline, which adds up to 0."""
    for name in PRESETS:
        total = preset_kernel(name, amount=2.0, radius=2.0, length=15, angle=30).sum()
        assert np.isclose(total, 0 if name == "outline" else 1), name


def test_clip_display_counts_clipped_values():
    """'clip to 0–1' is np.clip and says how many values were above 1 and below 0."""
    Y = np.array([[-1.0, 0.5, 2.0, 3.0]])
    shown, words = for_display(Y, [[1]], "clip to 0–1")
    assert np.array_equal(shown, np.clip(Y, 0, 1))
    assert words == "clipped to 0–1 (black 0, white 1): 50% of the values above 1 shown white, 25% below 0 shown black"
    few = np.zeros(1000)
    few[0] = 2.0
    assert for_display(few, [[1]], "clip to 0–1")[1].endswith("under 1% of the values above 1 shown white")
    assert for_display(np.full(4, 1 + 1e-12), [[1]], "clip to 0–1")[1] == "clipped to 0–1 (black 0, white 1)"


def test_stretch_display_uses_percentiles():
    """'stretch' maps the 0.5th percentile to black and the 99.5th to white."""
    Y = np.random.default_rng(1).normal(4.0, 2.0, (40, 40, 3))
    lo, hi = np.percentile(Y, [0.5, 99.5])
    shown, words = for_display(Y, np.ones((3, 3)), "stretch")
    assert np.allclose(shown, np.clip((Y - lo) / (hi - lo), 0, 1)) and words.startswith("stretched: ")


def test_size_display_and_auto_follow_display_range():
    """'auto' equals convlib.plot.display_range (size of the response for sums of 0, clipping otherwise)."""
    Y = np.random.default_rng(2).normal(0, 1, (20, 20))
    for K in (np.array([[1, -1]]), np.array([[0.5, 0.5]]), np.ones((3, 3))):
        assert np.allclose(for_display(Y, K, "auto")[0], display_range(Y, K))
    assert for_display(np.zeros((3, 3)), [[1, -1]], "size |Y|")[1] == "size |Y|, which is 0 everywhere: shown black"


def test_display_choice_is_checked():
    """An unknown display is refused, listing the choices."""
    with pytest.raises(ValueError, match=r"^display must be one of 'auto', 'clip to 0–1', 'stretch', 'size \|Y\|'"):
        for_display(np.zeros((2, 2)), [[1]], "log")


def test_read_cell_refuses_huge_weights():
    """A weight beyond MAX_WEIGHT is refused naming the cell."""
    assert read_cell("1/4", 2, 2) == 0.25 and read_cell(f"{MAX_WEIGHT:g}", 1, 1) == MAX_WEIGHT
    with pytest.raises(ValueError, match=r"^row 2, column 3 holds 2e\+06; weights from -1e\+06 to 1e\+06"):
        read_cell("2000000", 2, 3)


# --------------------------------------------------------------------------
# the widget: typing a kernel
# --------------------------------------------------------------------------
def test_typed_fractions_filter_like_scipy():
    """A box blur typed as ninths gives scipy's result, and the status says the weights add up to 1."""
    pg = PhotoPlayground(SMALL)
    type_kernel(pg, [["1/9"] * 3] * 3)
    assert pg.error == "" and np.allclose(pg.kernel, 1 / 9)
    assert np.allclose(pg.result, reference_filter(SMALL, np.full((3, 3), 1 / 9)))
    assert "weights add up to 1: flat areas keep their brightness" in pg.text


@pytest.mark.parametrize(("text", "note"), [
    ("abc", "✗ not a number"),
    ("1/0", "✗ a fraction with denominator 0"),
    ("", "✗ empty"),
    ("2**8", "✗ not a number"),
    ("__import__('os')", "✗ not a number"),
    ("nan", "✗ not finite"),
    ("5e9", "✗ too large"),
])
def test_a_bad_cell_gets_a_message_next_to_it_and_the_picture_stays(text, note):
    """The bad cell is marked with its own message; the widget names the cell; kernel and picture stay as they were."""
    pg = PhotoPlayground(SMALL)
    type_kernel(pg, [["0", "0", "0"], ["0", "1", "0"], ["0", "0", "0"]])
    before_kernel, before_picture = pg.kernel.copy(), pg._after.value
    pg.cells[1][2].value = text
    assert pg.cell_note(1, 2) == note
    assert "convlib-cell-bad" in pg.cells[1][2]._dom_classes
    assert pg.error.startswith("Cannot use this. row 2, column 3 ")
    assert pg.error.endswith("The picture shown is for the last kernel that could be read.")
    assert np.array_equal(pg.kernel, before_kernel) and pg._after.value == before_picture
    assert all(pg.cell_note(r, c) == "" for r in range(3) for c in range(3) if (r, c) != (1, 2))


def test_fixing_the_cell_clears_its_message():
    """Typing a number in the bad cell removes the mark, the message and the error, and filters again."""
    pg = PhotoPlayground(SMALL)
    type_kernel(pg, [["0", "0", "0"], ["0", "1", "0"], ["0", "0", "0"]])
    pg.cells[0][0].value = "x"
    pg.cells[0][0].value = "1/2"
    assert pg.cell_note(0, 0) == "" and pg.error == "" and "convlib-cell-bad" not in pg.cells[0][0]._dom_classes
    assert pg.kernel[0, 0] == 0.5


def test_two_bad_cells_are_both_marked():
    """Every bad cell gets its own message; the error counts the others."""
    pg = PhotoPlayground(SMALL)
    type_kernel(pg, [["1", "1", "1"], ["1", "1", "1"], ["1", "1", "1"]])
    pg.cells[0][0].value = "a"
    pg.cells[2][2].value = "b"
    assert pg.cell_note(0, 0) and pg.cell_note(2, 2)
    assert "(1 more cell marked ✗)" in pg.error


def test_grid_size_change_keeps_the_middle():
    """3×3 to 5×5 puts the 3×3 in the middle with zeros around; back to 3×3 keeps the middle."""
    pg = PhotoPlayground(SMALL)
    type_kernel(pg, [["0", "-1", "0"], ["-1", "5", "-1"], ["0", "-1", "0"]])
    pg.size.value = "5×5"
    assert pg.kernel.shape == (5, 5) and np.array_equal(pg.kernel[1:4, 1:4], SHARPEN) and pg.kernel.sum() == 1
    pg.size.value = "3×3"
    assert np.array_equal(pg.kernel, SHARPEN)


def test_choosing_own_starts_from_the_preset():
    """After 'sharpen', 'your own' shows sharpen's numbers in the cells, ready to edit."""
    pg = PhotoPlayground(SMALL, preset="sharpen")
    pg.preset.value = OWN
    assert [[pg.cells[r][c].value for c in range(3)] for r in range(3)] == [["0", "-1", "0"], ["-1", "5", "-1"],
                                                                           ["0", "-1", "0"]]
    pg.preset.value = "box blur 3×3"
    pg.preset.value = OWN
    assert pg.cells[0][0].value == "1/9" and pg.error == ""


@pytest.mark.parametrize(("rows", "words"), [
    ([["1", "1", "1"]] * 3, "weights add up to 9: flat areas come out 9 times as bright. Shown: clipped to 0–1"),
    ([["0", "0", "0"], ["-1", "0", "1"], ["0", "0", "0"]], "weights add up to 0: flat areas become 0. Shown: size |Y|"),
    ([["1e6"] * 3] * 3, "weights add up to 9000000"),
    ([["-1/9"] * 3] * 3, "weights add up to -1"),
])
def test_sums_of_0_and_huge_sums_are_shown_and_explained(rows, words):
    """A kernel adding up to 0, 9, nine million or -1 still gives a picture and a status line saying what is shown."""
    pg = PhotoPlayground(SMALL)
    type_kernel(pg, rows)
    assert pg.error == "" and png(pg._after.value) and words in pg.text
    pg.show.value = "stretch"
    assert "Shown: stretched" in pg.text or "every value is" in pg.text


# --------------------------------------------------------------------------
# the widget: uploads
# --------------------------------------------------------------------------
def handmade_png(width, height, depth, colour_type, rows=b""):
    """A PNG written byte by byte (signature, IHDR, IDAT, IEND)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def noise_png(h=80, w=100):
    """A random RGB PNG."""
    return encode(Image.fromarray((np.random.default_rng(3).random((h, w, 3)) * 255).astype(np.uint8)))


BAD_UPLOADS = {
    "notes.txt": (b"not a picture at all\n", r"'notes.txt' is not a picture this lesson can read: received 21 bytes "
                                             r"starting with 'not a picture at all\.', which looks like "
                                             r"text"),
    "doc.pdf": (b"%PDF-1.4\n" + bytes(100), r"which looks like a PDF document"),
    "cut.png": (noise_png()[:3000], r"'cut.png' is truncated or damaged"),
    "bomb.png": (handmade_png(100_000, 100_000, 8, 2), r"claims a picture of 10 billion pixels too large to decode"),
    "big.png": (handmade_png(6000, 5000, 8, 0), r"claims a picture of 6,000 × 5,000 = 30 million pixels"),
    "empty.jpg": (b"", r"'empty.jpg' is empty \(0 bytes\)"),
    "tiny.png": (encode(Image.new("RGB", (8, 40))), r"the picture must be at least 16 × 16 pixels"),
}


@pytest.mark.parametrize("name", list(BAD_UPLOADS))
def test_bad_uploads_get_a_message_and_the_previous_picture_stays(name):
    """Text, PDF, truncated, bomb, too many pixels, empty, too small: a message; picture and kernel unchanged."""
    data, words = BAD_UPLOADS[name]
    pg = PhotoPlayground(SMALL)
    before, after, image = pg._before.value, pg._after.value, pg.image.copy()
    upload(pg, data, name)
    assert re.search(words, pg.error), pg.error
    assert pg.error.startswith("Cannot use this. ") and pg.error.endswith("The picture shown is still the picture given.")
    assert pg._before.value == before and pg._after.value == after and np.array_equal(pg.image, image)
    assert pg.upload.value == ()                                  # the file's bytes are not kept


GOOD_UPLOADS = {
    "rgba.png": (lambda: encode(Image.new("RGBA", (40, 30), (255, 0, 0, 0))), (30, 40), [1.0, 1.0, 1.0]),
    "palette.gif": (lambda: encode(Image.new("P", (40, 30), 0), "GIF"), (30, 40), None),
    "grey16.png": (lambda: encode(Image.fromarray(np.full((30, 40), 65535, np.uint16))), (30, 40), [1.0, 1.0, 1.0]),
    "grey.png": (lambda: encode(Image.new("L", (40, 30), 51)), (30, 40), [0.2, 0.2, 0.2]),
    "cmyk.jpg": (lambda: encode(Image.new("CMYK", (40, 30), (0, 0, 0, 0)), "JPEG"), (30, 40), [1.0, 1.0, 1.0]),
    "huge.png": (lambda: encode(Image.new("RGB", (3000, 1500), (0, 114, 178))), (256, 512), [0, 114 / 255, 178 / 255]),
}


@pytest.mark.parametrize("name", list(GOOD_UPLOADS))
def test_good_uploads_replace_the_picture(name):
    """RGBA, palette, 16-bit grey, grey, CMYK and a 3000 x 1500 picture: converted, shrunk if needed, filtered."""
    make, shape, colour = GOOD_UPLOADS[name]
    pg = PhotoPlayground(SMALL)
    before = pg._before.value
    upload(pg, make(), name)
    assert pg.error == "" and pg.image.shape == (*shape, 3) and pg._before.value != before
    if colour is not None:
        assert np.allclose(pg.image[shape[0] // 2, shape[1] // 2], colour, atol=0.01)
    assert np.allclose(pg.result, reference_filter(pg.image, pg.kernel))
    assert pg.source.value == f"your picture: {name}" and name in pg._upload_note.value
    assert pg.upload.value == ()


def test_exif_rotated_upload_is_upright():
    """A JPEG stored sideways with EXIF orientation 6 is shown upright: 60 wide, 40 high becomes 40 wide, 60 high."""
    im = Image.new("RGB", (60, 40), (200, 30, 30))
    exif = im.getexif()
    exif[0x0112] = 6
    pg = PhotoPlayground(SMALL)
    upload(pg, encode(im, "JPEG", exif=exif.tobytes()), "phone.jpg")
    assert pg.error == "" and pg.image.shape == (60, 40, 3) and "EXIF" in pg._upload_note.value


def test_a_bad_upload_after_a_good_one_keeps_the_good_one():
    """The picture that stays is the learner's last good one, named in the message."""
    pg = PhotoPlayground(SMALL)
    upload(pg, encode(Image.new("RGB", (40, 30), (0, 0, 255))), "blue.png")
    image = pg.image.copy()
    upload(pg, b"garbage", "x.bin")
    assert np.array_equal(pg.image, image) and pg.error.endswith("still your picture: blue.png.")


def test_source_switches_between_sample_and_upload():
    """After an upload the list offers the sample and the upload; each can be shown again."""
    pg = PhotoPlayground()
    upload(pg, encode(Image.new("RGB", (40, 30), (0, 0, 255))), "blue.png")
    assert list(pg.source.options) == [SAMPLE, "your picture: blue.png"]
    pg.source.value = SAMPLE
    assert pg.image.shape == (600, 512, 3) and pg.error == ""
    pg.source.value = "your picture: blue.png"
    assert pg.image.shape == (30, 40, 3)


def test_widget_refuses_bad_images_and_presets_when_made():
    """Arguments are checked when the widget is made, naming the parameter."""
    with pytest.raises(ValueError, match=rf"^the picture must be at least {MIN_SIDE} × {MIN_SIDE} pixels"):
        PhotoPlayground(np.zeros((10, 40, 3)))
    with pytest.raises(ValueError, match=r"^preset must be one of 'identity'"):
        PhotoPlayground(SMALL, preset="vintage")
    with pytest.raises(ValueError, match=r"^image must have shape \(H, W\) or \(H, W, 3\); received shape \(20, 20, 4\)"):
        PhotoPlayground(np.zeros((20, 20, 4)))


def test_pictures_have_tooltips_and_empty_descriptions():
    """Before and after pictures are named (tooltip) and send an empty description (ipywidgets 8.1)."""
    pg = PhotoPlayground(SMALL)
    for img in (pg._before, pg._after):
        assert len(img.tooltip) > 20 and img.get_state()["description"] == ""
    assert 'role="status"' in pg._status.value


def test_controls_have_descriptions():
    """Every control a learner uses has a visible label; every cell has a name."""
    pg = PhotoPlayground(SMALL)
    for control in (pg.preset, pg.amount, pg.radius, pg.length, pg.angle, pg.size, pg.show, pg.source, pg.upload):
        assert control.description
    assert pg.cells[2][4].description == "K[2,4]"


# --------------------------------------------------------------------------
# the sweep
# --------------------------------------------------------------------------
def slider_values(slider):
    """Every value a slider allows, from min to max in steps."""
    n = round((slider.max - slider.min) / slider.step)
    return [slider.min + k * slider.step for k in range(n + 1)]


#: Texts a learner might type in a cell: numbers, fractions, and what must be refused.
CELL_TEXTS = ["0", "1", "-1", "5", "1/9", "-2/3", "0.25", "1e-3", " 2 ", "\u22121/4", "1e6", "-1e6",
              "", "x", "1/0", "1/", "2**8", "nan", "inf", "1e7", "1,5", "[1]", "1/9/3", "9" * 50]


def check_shown(pg, label):
    """After a setting: a picture, and either no error or a message that names a cell."""
    assert png(pg._after.value), label
    if pg.error:
        assert re.match(r"Cannot use this\. row \d, column \d ", pg.error), (label, pg.error)
    else:
        assert "Shown: " in pg.text and np.isfinite(pg.result).all(), label


def test_sweep_every_preset_with_every_setting_and_display():
    """Each preset with every value of its own sliders, under every display: 936 settings, each a picture."""
    pg = PhotoPlayground(SMALL)
    own = {"unsharp mask": {"amount": slider_values(pg.amount), "radius": slider_values(pg.radius)},
           "Gaussian blur": {"radius": slider_values(pg.radius)},
           "motion blur": {"length": slider_values(pg.length), "angle": slider_values(pg.angle)}}
    shown = 0
    for name in PRESETS:
        pg.preset.value = name
        settings = own.get(name, {})
        for values in itertools.product(*settings.values()):
            for control, value in zip(settings, values, strict=True):
                getattr(pg, control).value = value
            for how in DISPLAYS:
                pg.show.value = how
                assert pg.error == "", (name, values, how, pg.error)
                check_shown(pg, (name, values, how))
                want = preset_kernel(name, **dict(zip(settings, values, strict=True)))
                assert np.allclose(pg.kernel, want)
                shown += 1
    assert shown == 4 * (6 + 13 * 6 + 6 + 12 * 12) == 936


def test_sweep_every_cell_over_every_kind_of_text():
    """Each of the 25 cells (5×5 grid) takes each of 24 texts once: 600 edits, a picture or a message by the cell."""
    pg = PhotoPlayground(SMALL)
    pg.preset.value = OWN
    pg.size.value = "5×5"
    edits = 0
    for r, c in itertools.product(range(5), range(5)):
        for text in CELL_TEXTS:
            pg.cells[r][c].value = text
            check_shown(pg, (r, c, text))
            try:
                read_cell(text, r + 1, c + 1)
                good = True
            except ValueError:
                good = False
            assert (pg.cell_note(r, c) == "") == good, (r, c, text)
            edits += 1
        pg.cells[r][c].value = "0"
        assert pg.error == ""
    assert edits == 600


def test_sweep_a_seeded_sample_of_combinations():
    """300 random settings of all controls together (seeded), including sizes and sources: each shows a picture."""
    pg = PhotoPlayground(SMALL)
    upload(pg, encode(Image.new("RGB", (30, 24), (90, 60, 30))), "brown.png")
    rng = random.Random(8)
    controls = {pg.preset: list(pg.preset.options), pg.amount: slider_values(pg.amount),
                pg.radius: slider_values(pg.radius), pg.length: slider_values(pg.length),
                pg.angle: slider_values(pg.angle), pg.size: list(pg.size.options), pg.show: list(pg.show.options),
                pg.source: list(pg.source.options)}
    for k in range(300):
        for control, values in rng.sample(list(controls.items()), 3):
            control.value = rng.choice(values)
        if pg.preset.value == OWN and rng.random() < 0.3:
            pg.cells[rng.randrange(3)][rng.randrange(3)].value = rng.choice(CELL_TEXTS)
        check_shown(pg, k)


def test_a_typed_kernel_edit_at_512_is_quick_enough_to_measure():
    """At 512 x 512 RGB a cell edit updates the picture and records its Python time (the benchmark measures it)."""
    pg = PhotoPlayground(sample_image("grace_hopper", gray=False)[:512, :512])
    type_kernel(pg, [["1/9"] * 3] * 3)
    assert pg.result.shape == (512, 512, 3) and np.isfinite(pg.last_ms) and pg.last_ms > 0


def test_upload_note_states_every_limit():
    """The note by the upload button gives the 10 MB message limit, the pixel limit and the size kept."""
    from convlib.lessons.lesson08.playground import UPLOAD_MB

    text = PhotoPlayground(SMALL)._upload_note.value
    assert f"at most {UPLOAD_MB} MB" in text and "25 million pixels" in text and "512 pixels" in text
    assert "run this cell again" in text
