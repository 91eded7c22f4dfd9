"""The photo-filter playground of lesson 08: preset kernels, a kernel typed cell by cell, your own picture.

* :data:`PRESETS` and :func:`preset_kernel`: the gallery (blurs, sharpen,
  unsharp mask, emboss, outline, motion blur), some with settings;
* :func:`for_display`: how a filtered picture is shown, with words saying
  which values are black and which are white;
* :class:`PhotoPlayground`: the widget.
"""

from __future__ import annotations

import html
import math
import time

import ipywidgets as w
import numpy as np

from ..._validate import as_choice, as_int, as_real, parse_number
from ...conv import format_number
from ...data import sample_image
from ...html import Grid
from ...imageio import MAX_PIXELS, MAX_SIDE, UnreadableImage, read_image
from ...kernels import (
    BOX_3,
    EMBOSS,
    IDENTITY,
    OUTLINE,
    SHARPEN,
    box,
    filter_image,
    gaussian,
    motion_blur,
    unsharp_mask,
)
from ...plot import display_range, png_bytes
from ...widgets import ConvlibWidget, TitledImage, shows_errors

__all__ = [
    "DISPLAYS",
    "MAX_WEIGHT",
    "MIN_SIDE",
    "OWN",
    "PRESETS",
    "SAMPLE",
    "UPLOAD_MB",
    "PhotoPlayground",
    "for_display",
    "preset_kernel",
    "read_cell",
]

#: The gallery: each preset's name and what it does.
PRESETS = {
    "identity": "leaves the picture as it is",
    "box blur 3×3": "the average of 9 pixels",
    "box blur 5×5": "the average of 25 pixels",
    "Gaussian blur": "a weighted average, nearer pixels counting more (spread: radius)",
    "sharpen": "the pixel plus how much it differs from its 4 neighbours",
    "unsharp mask": "the picture plus amount × (picture − its Gaussian blur)",
    "emboss": "light from the top left: a relief",
    "outline": "8 × the pixel − its 8 neighbours: only outlines stay",
    "motion blur": "a streak of length pixels at an angle (degrees, counter-clockwise)",
}
#: The choice that shows the grid of cells to type a kernel in.
OWN = "your own (type it)"
#: How a filtered picture can be shown (see :func:`for_display`).
DISPLAYS = ("auto", "clip to 0–1", "stretch", "size |Y|")
#: The largest weight a typed cell may hold (in size): larger ones are refused next to the cell.
MAX_WEIGHT = 1e6
#: Pictures smaller than this on either side are refused (the largest kernel needs room to mirror).
MIN_SIDE = 16
#: The largest file the upload button can send, in MB: the notebook server (tornado) drops websocket
#: messages over 10 MiB by default (``websocket_max_message_size``), so a larger file never reaches Python.
UPLOAD_MB = 10
#: The name shown for the sample photo.
SAMPLE = "Grace Hopper (ships with matplotlib)"


def preset_kernel(name: str, *, amount: float = 1.0, radius: float = 1.0, length: int = 9,
                  angle: float = 0.0) -> np.ndarray:
    """The kernel of a preset of the gallery.

    Parameters
    ----------
    name : str
        One of :data:`PRESETS`.
    amount, radius : float
        For 'unsharp mask' (:func:`convlib.kernels.unsharp_mask`); ``radius``
        is also the spread of 'Gaussian blur'.
    length : int
        For 'motion blur': the streak's length in pixels.
    angle : float
        For 'motion blur': degrees counter-clockwise from the +x axis on the
        screen (:func:`convlib.kernels.motion_blur`).

    Returns
    -------
    ndarray of float64, shape (n, n)

    Examples
    --------
    >>> preset_kernel("box blur 3×3").sum().round(12), preset_kernel("Gaussian blur", radius=1.0).shape
    (np.float64(1.0), (7, 7))
    >>> preset_kernel("motion blur", length=5, angle=90)[:, 2].tolist()
    [0.2, 0.2, 0.2, 0.2, 0.2]
    """
    name = as_choice(name, "preset", tuple(PRESETS))
    fixed = {"identity": IDENTITY, "box blur 3×3": BOX_3, "box blur 5×5": box(5), "sharpen": SHARPEN,
             "emboss": EMBOSS, "outline": OUTLINE}
    if name in fixed:
        return np.asarray(fixed[name], dtype=float)
    if name == "Gaussian blur":
        radius = as_real(radius, "radius", low=0.3, high=10)
        return gaussian(2 * math.ceil(3 * radius) + 1, radius)
    if name == "unsharp mask":
        return unsharp_mask(amount, radius)
    return motion_blur(length, angle)


def for_display(Y, kernel, how: str = "auto") -> tuple[np.ndarray, str]:
    """Turn a filtered picture into values in [0, 1] to show, and say in words what black and white mean.

    Parameters
    ----------
    Y : ndarray of shape (H, W) or (H, W, 3)
        The filter's output for a picture with values in [0, 1].
    kernel : array_like
        The kernel used ('auto' looks at the sum of its weights).
    how : {'auto', 'clip to 0–1', 'stretch', 'size |Y|'}
        * 'clip to 0–1': values below 0 are black, above 1 white, as a photo
          app saves them;
        * 'stretch': the 0.5th percentile of ``Y`` is black and the 99.5th
          white (a kernel whose weights add up to 9 or -1 still shows its shapes);
        * 'size |Y|': ``|Y|``, 0 black and its 99.5th percentile white, for
          kernels whose weights add up to 0 (edges);
        * 'auto': 'size |Y|' when the weights add up to 0, otherwise 'clip to
          0–1': :func:`convlib.plot.display_range`'s rule.

    Returns
    -------
    shown : ndarray of float64 in [0, 1], same shape as ``Y``
    words : str
        What black and white are, and how many pixels were clipped.

    Examples
    --------
    >>> shown, words = for_display(np.array([[-0.5, 0.5], [1.5, 0.25]]), [[1]])
    >>> shown.tolist(), words
    ([[0.0, 0.5], [1.0, 0.25]], 'clipped to 0–1 (black 0, white 1): 25% of the values above 1 shown white, 25% below 0 shown black')
    >>> for_display(np.full((2, 2), 3.0), [[3]], "stretch")[1]
    'stretched, but every value is 3: shown mid-grey'
    """
    how = as_choice(how, "display", DISPLAYS)
    Y = np.asarray(Y, dtype=float)
    total = float(np.sum(kernel))
    scale = float(np.sum(np.abs(kernel))) or 1.0
    if how == "auto":
        how = "size |Y|" if abs(total) < 1e-9 * scale else "clip to 0–1"
    if how == "clip to 0–1":
        shown = display_range(Y, [[1]])
        above, below = float((Y > 1 + 1e-9).mean()), float((Y < -1e-9).mean())
        parts = [f"{_percent(above)} of the values above 1 shown white" if above else "",
                 f"{_percent(below)} below 0 shown black" if below else ""]
        extra = ", ".join(p for p in parts if p)
        return shown, "clipped to 0–1 (black 0, white 1)" + (f": {extra}" if extra else "")
    if how == "size |Y|":
        mag = np.abs(Y)
        top = float(np.percentile(mag, 99.5)) if mag.size else 0.0
        if top <= 0:
            return np.zeros_like(mag), "size |Y|, which is 0 everywhere: shown black"
        return np.clip(mag / top, 0.0, 1.0), f"size |Y|: 0 black, {format_number(top)} or more white"
    lo, hi = (float(v) for v in np.percentile(Y, [0.5, 99.5]))
    if hi <= lo:
        return np.full_like(Y, 0.5), f"stretched, but every value is {format_number(lo)}: shown mid-grey"
    return (np.clip((Y - lo) / (hi - lo), 0.0, 1.0),
            f"stretched: {format_number(lo)} or less black, {format_number(hi)} or more white")


def read_cell(text: str, row: int, col: int) -> float:
    """Read the text of one cell of the kernel grid, as the playground does: a number or a simple fraction.

    Parameters
    ----------
    text : str
        What the learner typed: ``'2'``, ``'-0.5'``, ``'1/9'``, ``'-2/3'``.
    row, col : int
        The cell's row and column, counted from 1 (for the message).

    Returns
    -------
    float

    Raises
    ------
    ValueError
        For anything else, and for weights beyond ±:data:`MAX_WEIGHT`; the
        message names the cell (:func:`convlib._validate.parse_number`).
        Nothing is evaluated.

    Examples
    --------
    >>> read_cell("1/9", 1, 1), read_cell("-2/3", 2, 3)
    (0.1111111111111111, -0.6666666666666666)
    >>> read_cell("1e9", 3, 1)
    Traceback (most recent call last):
    ...
    ValueError: row 3, column 1 holds 1e+09; weights from -1e+06 to 1e+06 are accepted here
    """
    where = f"row {as_int(row, 'row', 1)}, column {as_int(col, 'col', 1)}"
    value = parse_number(text, where)
    if abs(value) > MAX_WEIGHT:
        msg = f"{where} holds {value:g}; weights from {-MAX_WEIGHT:g} to {MAX_WEIGHT:g} are accepted here"
        raise ValueError(msg)
    return value


def _percent(share: float) -> str:
    return f"{100 * share:.0f}%" if share >= 0.005 else "under 1%"


_STYLE = """<style>
.convlib-cells .widget-text { width: 64px; margin: 1px; }
.convlib-cells .widget-text input { text-align: center; font-family: var(--jp-code-font-family, monospace); }
.convlib-cell-bad input { border: 2px solid #D55E00 !important; }
.convlib-cell-note, .convlib-cell-note .widget-html-content { font-size: 12px; line-height: 1.25; width: 64px;
  height: auto; min-height: 0; color: #000; overflow-wrap: anywhere; }
.convlib-kernel .convlib-grid td { width: 3.6em; min-width: 3.6em; height: 2.4em; font-size: 12px; }
.convlib-cell-note b { color: #D55E00; }
.convlib-upload-note { font-size: 13px; }
</style>"""


class PhotoPlayground(ConvlibWidget):
    """Filter a photo, or your own picture, with a preset kernel or one you type cell by cell.

    * **Kernel**: a preset of the gallery (:data:`PRESETS`) with its settings,
      or "your own (type it)": a 3×3 or 5×5 grid of cells, each holding a
      number or a simple fraction such as ``1/9``.  A cell that holds
      anything else is refused with a message under it, and the last
      picture that could be made stays.
    * **Picture**: the sample photo, or a picture you upload (any size; it
      is read by :func:`convlib.imageio.read_image`: turned upright,
      transparent parts on white, shrunk to 512 pixels on its longer side).
      A file that cannot be read gets a message; the picture shown stays.
    * **Show**: how the filtered values become grey levels (:func:`for_display`);
      the status line says which values are black and white.

    Parameters
    ----------
    image : array_like of shape (H, W, 3) or (H, W), optional
        Values in [0, 1]; by default the colour portrait of Grace Hopper.
    preset : str, default 'sharpen'
    width : int, default 300
        Width of each picture on screen, in pixels.

    Attributes
    ----------
    image : ndarray (H, W, 3)
        The picture being filtered.
    kernel : ndarray
        The kernel of the picture shown (the last one that could be read).
    result : ndarray (H, W, 3)
        The filtered picture (not clipped).
    last_ms : float
        Python time of the last update (filter, display range, PNG), in milliseconds.

    Examples
    --------
    >>> pg = PhotoPlayground(np.full((20, 24, 3), 0.5), preset="box blur 3×3")
    >>> pg.preset.value = OWN
    >>> pg.cells[0][0].value = "1/"
    >>> pg.error.startswith("Cannot use this. row 1, column 1 must be a number or a simple fraction")
    True
    >>> np.allclose(pg.kernel, 1 / 9), pg.cell_note(0, 0)
    (True, '✗ not a number')
    """

    error_title = "Cannot use this."

    def __init__(self, image=None, *, preset: str = "sharpen", width: int = 300):
        picture = sample_image("grace_hopper", gray=False) if image is None else self._checked(image)
        self.image = picture
        self.picture_name = SAMPLE if image is None else "the picture given"
        self._first = (picture, self.picture_name)      # the picture the widget was made with
        self._uploaded = None
        self.last_ms = float("nan")
        self.result = None
        self.text = ""
        self._filling = False
        style = {"description_width": "initial"}
        self.preset = w.Dropdown(options=[*PRESETS, OWN], value=as_choice(preset, "preset", (*PRESETS, OWN)),
                                 description="Kernel", style=style, layout=w.Layout(width="250px"))
        self.amount = w.FloatSlider(value=1.0, min=0.0, max=3.0, step=0.25, description="Amount",
                                    readout_format=".2f", style=style, layout=w.Layout(width="260px"))
        self.radius = w.FloatSlider(value=1.0, min=0.5, max=3.0, step=0.5, description="Radius (pixels)",
                                    readout_format=".1f", style=style, layout=w.Layout(width="260px"))
        self.length = w.IntSlider(value=9, min=3, max=25, step=2, description="Length (pixels)", style=style,
                                  layout=w.Layout(width="260px"))
        self.angle = w.IntSlider(value=0, min=0, max=165, step=15, description="Angle (degrees)", style=style,
                                 layout=w.Layout(width="260px"))
        self.size = w.ToggleButtons(options=["3×3", "5×5"], value="3×3", description="Grid",
                                    tooltips=["a 3×3 kernel", "a 5×5 kernel"], style={"button_width": "52px"})
        self.show = w.Dropdown(options=DISPLAYS, value="auto", description="Show", style=style,
                               layout=w.Layout(width="170px"))
        self.source = w.Dropdown(options=[SAMPLE] if image is None else ["the picture given"],
                                 description="Picture", style=style, layout=w.Layout(width="330px"))
        self.upload = w.FileUpload(accept="image/*", multiple=False, description="Upload a picture",
                                   layout=w.Layout(width="170px"))
        self.cells = [[w.Text(value="0", continuous_update=False, description=f"K[{r},{c}]",
                              style={"description_width": "0px"}) for c in range(5)] for r in range(5)]
        self._notes = [[w.HTML().add_class("convlib-cell-note") for _ in range(5)] for _ in range(5)]
        for r in range(5):
            for c in range(5):
                self.cells[r][c].observe(self._on_cell, names="value")
        self._grid = w.GridBox([w.VBox([self.cells[r][c], self._notes[r][c]]) for r in range(5) for c in range(5)],
                               layout=w.Layout(grid_template_columns="repeat(5, 68px)"))
        self._grid.add_class("convlib-cells")
        self._own_box = w.VBox([self.size, self._grid])
        size = w.Layout(width=f"{int(width)}px", height="auto")
        self._before = TitledImage(format="png", layout=size, tooltip="").add_class("convlib-photo")
        self._after = TitledImage(format="png", layout=size, tooltip="").add_class("convlib-photo")
        self._kernel_view = w.HTML().add_class("convlib-kernel")
        self._status = w.HTML().add_class("convlib-status")
        self._upload_note = w.HTML(
            f'<span class="convlib-upload-note">Your own picture: a PNG, JPEG, GIF, BMP, TIFF or WebP file of at '
            f"most {UPLOAD_MB} MB (a larger file never reaches Python: nothing happens, and the button stops "
            f"answering until you run this cell again) and {MAX_PIXELS // 1_000_000} million pixels. It is shrunk "
            f"to {MAX_SIDE} pixels on its longer side and stays in this notebook's memory only.</span>")
        for control in (self.preset, self.amount, self.radius, self.length, self.angle):
            control.observe(self._on_setting, names="value")
        self.size.observe(self._on_size, names="value")
        self.show.observe(self._on_show, names="value")
        self.source.observe(self._on_source, names="value")
        self.upload.observe(self._on_upload, names="value")

        def panel(title, picture):
            return w.VBox([w.HTML(f"<b>{title}</b>"), picture])

        pictures = w.HBox([panel("Before", self._before), panel("After", self._after), self._kernel_view],
                          layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        settings = w.HBox([self.amount, self.radius, self.length, self.angle], layout=w.Layout(flex_flow="row wrap"))
        top = w.HBox([self.preset, self.show, self.source, self.upload], layout=w.Layout(flex_flow="row wrap"))
        super().__init__([w.HTML(_STYLE), top, self._upload_note, settings, self._own_box, pictures, self._status],
                         layout=w.Layout(padding="4px"))
        self.add_class("convlib-playground")
        self.kernel = preset_kernel(self.preset.value) if self.preset.value != OWN else IDENTITY.astype(float)
        self._fill_cells(self.kernel)
        self._show_picture()
        self._layout_controls()
        self._refresh()

    # -- helpers ------------------------------------------------------------
    @staticmethod
    def _checked(image) -> np.ndarray:
        arr = np.asarray(image, dtype=float)
        if arr.ndim == 2:
            arr = np.repeat(arr[..., None], 3, axis=2)
        if arr.ndim != 3 or arr.shape[2] != 3:
            msg = f"image must have shape (H, W) or (H, W, 3); received shape {arr.shape}"
            raise ValueError(msg)
        if min(arr.shape[:2]) < MIN_SIDE:
            msg = (f"the picture must be at least {MIN_SIDE} × {MIN_SIDE} pixels (the longest kernels need room "
                   f"to mirror at its border); received {arr.shape[1]} × {arr.shape[0]}")
            raise ValueError(msg)
        if not np.isfinite(arr).all():
            msg = "image must hold finite numbers; received NaN or infinite values"
            raise ValueError(msg)
        return np.clip(arr, 0.0, 1.0)

    def _grid_side(self) -> int:
        return 3 if self.size.value == "3×3" else 5

    def _layout_controls(self) -> None:
        name = self.preset.value
        shown = {self.amount: name == "unsharp mask", self.radius: name in ("unsharp mask", "Gaussian blur"),
                 self.length: name == "motion blur", self.angle: name == "motion blur"}
        for control, visible in shown.items():
            control.layout.display = "" if visible else "none"
        self._own_box.layout.display = "" if name == OWN else "none"
        n = self._grid_side()
        for r in range(5):
            for c in range(5):
                self._grid.children[5 * r + c].layout.display = "" if (r < n and c < n) else "none"
        self._grid.layout.grid_template_columns = f"repeat({n}, 68px)"

    def _fill_cells(self, K) -> None:
        """Write a kernel into the cells (as fractions where exact), if it fits in 3×3 or 5×5."""
        K = np.asarray(K, dtype=float)
        if K.shape not in ((3, 3), (5, 5)):
            return
        self._filling = True
        try:
            self.size.value = "3×3" if K.shape == (3, 3) else "5×5"
            for r in range(K.shape[0]):
                for c in range(K.shape[1]):
                    self.cells[r][c].value = _cell_text(float(K[r, c]))
                    self._notes[r][c].value = ""
                    self.cells[r][c].remove_class("convlib-cell-bad")
        finally:
            self._filling = False

    def cell_note(self, row: int, col: int) -> str:
        """The message under a cell, as plain text ('' when the cell is fine)."""
        import re

        return html.unescape(re.sub(r"<[^>]+>", "", self._notes[row][col].value)).strip()

    def _typed_kernel(self) -> np.ndarray | None:
        """Read every visible cell; mark the bad ones; None if any is bad."""
        n = self._grid_side()
        values = np.zeros((n, n))
        bad = []
        for r in range(n):
            for c in range(n):
                cell, note = self.cells[r][c], self._notes[r][c]
                try:
                    v = read_cell(cell.value, r + 1, c + 1)
                except ValueError as exc:
                    text = str(exc)
                    note.value = f"<b>✗</b> {html.escape(_short_reason(text))}"
                    cell.add_class("convlib-cell-bad")
                    bad.append(text)
                    continue
                values[r, c] = v
                note.value = ""
                cell.remove_class("convlib-cell-bad")
        if bad:
            more = f" ({len(bad) - 1} more cell{'s' if len(bad) > 2 else ''} marked ✗)" if len(bad) > 1 else ""
            self.show_error(f"{bad[0]}{more}. The picture shown is for the last kernel that could be read.")
            return None
        return values

    def _show_picture(self) -> None:
        h, w_ = self.image.shape[:2]
        self._before.value = png_bytes(self.image)
        self._before.tooltip = f"Before: {self.picture_name}, {w_} × {h} pixels, unfiltered"

    # -- callbacks ------------------------------------------------------------
    @shows_errors
    def _on_setting(self, change):
        self._layout_controls()
        if self.preset.value == OWN:
            self._fill_cells(self.kernel)
            K = self._typed_kernel()
        else:
            K = preset_kernel(self.preset.value, amount=self.amount.value, radius=self.radius.value,
                              length=self.length.value, angle=self.angle.value)
        if K is not None:
            self.kernel = K
            self._refresh()

    @shows_errors
    def _on_size(self, change):
        if self._filling:
            return
        if change["new"] == "5×5" and change["old"] == "3×3":   # keep the 3×3 in the middle, 0 around it
            old = [[self.cells[r][c].value for c in range(3)] for r in range(3)]
            self._filling = True
            try:
                for r in range(5):
                    for c in range(5):
                        inner = 1 <= r <= 3 and 1 <= c <= 3
                        self.cells[r][c].value = old[r - 1][c - 1] if inner else "0"
            finally:
                self._filling = False
        elif change["new"] == "3×3" and change["old"] == "5×5":  # keep the middle 3×3
            old = [[self.cells[r][c].value for c in range(1, 4)] for r in range(1, 4)]
            self._filling = True
            try:
                for r in range(3):
                    for c in range(3):
                        self.cells[r][c].value = old[r][c]
            finally:
                self._filling = False
        self._layout_controls()
        K = self._typed_kernel()
        if K is not None:
            self.kernel = K
            self._refresh()

    @shows_errors
    def _on_cell(self, change):
        if self._filling or self.preset.value != OWN:
            return
        K = self._typed_kernel()
        if K is not None:
            self.kernel = K
            self._refresh()

    @shows_errors
    def _on_show(self, change):
        self._refresh()

    @shows_errors
    def _on_source(self, change):
        if self._filling:
            return
        if change["new"] == self._first[1]:
            self.image, self.picture_name = self._first
        elif self._uploaded is not None:
            self.image, self.picture_name = self._uploaded
        self._show_picture()
        self._refresh()

    def _on_upload(self, change):
        files = change["new"]
        if not files:
            return
        upload = files[0]
        name = str(upload.get("name", "") or "")
        try:
            loaded = read_image(upload.get("content", b""), name=name or None)
            picture = self._checked(loaded.image)
        except (UnreadableImage, ValueError, TypeError) as exc:
            self.show_error(f"{exc} The picture shown is still {self.picture_name}.")
            self.remove_class("convlib-stale")      # the kernel and the pictures shown are still good
            return
        finally:
            self.upload.value = ()        # forget the file's bytes: only the small picture is kept
        label = f"your picture: {name or 'upload'}"
        self._uploaded = (picture, label)
        self.image, self.picture_name = picture, label
        self._filling = True
        try:
            self.source.options = [self._first[1], label]
            self.source.value = label
        finally:
            self._filling = False
        self._show_picture()
        self._upload_note.value = f'<span class="convlib-upload-note">{html.escape(loaded.summary())}</span>'
        self._refresh()

    # -- the picture --------------------------------------------------------
    def _refresh(self) -> None:
        K = np.asarray(self.kernel, dtype=float)
        start = time.perf_counter()
        result = filter_image(self.image, K)
        shown, words = for_display(result, K, self.show.value)
        self._after.value = png_bytes(shown)
        self.last_ms = (time.perf_counter() - start) * 1e3
        self.result = result
        name = self.preset.value
        total = float(K.sum())
        if abs(total) < 1e-9 * max(float(np.abs(K).sum()), 1.0):
            effect = "weights add up to 0: flat areas become 0"
        elif abs(total - 1) < 1e-9:
            effect = "weights add up to 1: flat areas keep their brightness"
        else:
            effect = f"weights add up to {format_number(total)}: flat areas come out {format_number(total)} times as bright"
        kh, kw = K.shape
        self._after.tooltip = (f"After: {self.picture_name} filtered with the {kh}×{kw} kernel "
                               f"{'you typed' if name == OWN else repr(name)}; shown {words}")
        grid = Grid(np.round(K, 3), f"Kernel K ({kh}×{kw})", "K") if max(K.shape) <= 9 else None
        self._kernel_view.value = (grid.render() if grid else
                                   f"<p>The kernel is {kh}×{kw}: too large to print here.</p>")
        self.text = (f"{kh}×{kw} kernel ({'typed' if name == OWN else name}); {effect}. Shown: {words}. "
                     f"Filtered and drawn in {self.last_ms:.0f} ms.")
        self._status.value = f'<div role="status" aria-live="polite">{html.escape(self.text)}</div>'
        self.clear_error()

    def __repr__(self) -> str:
        h, w_ = self.image.shape[:2]
        return f"PhotoPlayground: {self.preset.value!r} on {self.picture_name} ({w_} × {h} pixels)"


def _short_reason(message: str) -> str:
    """What is wrong with a cell, in a few words, for the note under it (the full message is below the pictures)."""
    if "weights from" in message:
        return "too large"
    if message.endswith("an empty cell"):
        return "empty"
    return message.rsplit(", which is ", 1)[-1] if ", which is " in message else "not a number"


def _cell_text(v: float) -> str:
    """A weight as cell text: an integer, a simple fraction with a denominator up to 100, or 4 significant digits."""
    if v.is_integer():
        return str(int(v))
    for q in range(2, 101):
        p = round(v * q)
        if abs(p / q - v) < 1e-12:
            return f"{p}/{q}"
    return f"{v:.4g}"
