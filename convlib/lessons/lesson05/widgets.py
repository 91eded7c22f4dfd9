"""The widgets of lesson 05: a template scanning a scene window by window, and what breaks matching.

* :class:`TemplateScan`: a slider (and Play) over every window position,
  row by row; the window framed on the scene, the score map filling in, and
  the score along the scan so far;
* :class:`RobustnessExplorer`: turn, scale and blur-with-noise the shapes of
  a scene and see whether an unturned template still finds its shape.

Both draw with numpy (:mod:`.drawing`), not matplotlib, so a step of a
slider costs a few milliseconds of Python (``last_ms``).
"""

from __future__ import annotations

import html
import time

import ipywidgets as w
import numpy as np

from ..._validate import as_array, as_choice, as_int, as_real
from ...match import MATCH_TOLERANCE, correlation_score, evaluate, find_peaks, ncc, window_centres
from ...palette import OKABE_ITO, WINDOW_COLOUR
from ...plot import png_bytes
from ...shapes import SHAPES
from ...widgets.base import ConvlibWidget, TitledImage, play_controls, shows_errors
from .drawing import colour_map, draw_frame, enlarge, grey_rgb, score_plot_svg
from .scenes import (
    ROBUST_CENTRES,
    ROBUST_SHAPE,
    SCAN_SCENE,
    SCAN_TEMPLATES,
    TEMPLATES,
    best_near,
    robust_scene,
)

__all__ = ["SCORES", "RobustnessExplorer", "TemplateScan"]

#: The scores :class:`TemplateScan` offers: menu label -> name.
SCORES = {"NCC": "ncc", "plain correlation": "correlation"}
_SCREEN = 288            # width in screen pixels that the scene and the map are enlarged to


def _status(widget: w.HTML, text: str) -> None:
    widget.value = f'<div role="status" aria-live="polite">{html.escape(text)}</div>'


class TemplateScan(ConvlibWidget):
    """Slide a template over a scene, one window at a time, and watch the score.

    Four pictures, updated in place: the scene with the current window
    framed (vermillion) and the best window so far (blue, dashed); the
    template; the score map filled in up to the current window (grey:
    not reached yet); and the score of every window so far, in scanning
    order (row by row), as a line.

    Parameters
    ----------
    image : array_like of shape (H, W), optional
        By default the lesson's small scene (:data:`SCAN_SCENE`, 36 x 48).
    templates : dict of str to array_like, optional
        Templates by name; by default the lesson's 13 x 13 shapes.
    kind : str, default 'square'
        The template shown first.
    score : {'ncc', 'correlation'}, default 'ncc'
    interval : int, default 150
        Milliseconds between ticks of Play.

    Attributes
    ----------
    last_ms : float
        Python time of the last update, in milliseconds.
    scores : ndarray
        The whole score map of the current template and score.

    Examples
    --------
    >>> scan = TemplateScan()
    >>> scan.slider.max, scan.scores.shape
    (864, (24, 36))
    >>> scan.slider.value = 37; scan.cell
    (1, 0)
    """

    error_title = "Cannot show this scan."

    def __init__(self, image=None, templates=None, *, kind: str = "square", score: str = "ncc",
                 interval: int = 150):
        X = SCAN_SCENE.image if image is None else np.asarray(as_array(image, "image", 2), dtype=float)
        self.image = X
        self.templates = {str(k): np.asarray(as_array(t, f"templates[{k!r}]", 2), dtype=float)
                          for k, t in (SCAN_TEMPLATES if templates is None else templates).items()}
        names = tuple(self.templates)
        self.last_ms = float("nan")
        self.zoom = max(1, _SCREEN // X.shape[1])
        self._scene_rgb = enlarge(grey_rgb(X), self.zoom)
        style = {"description_width": "initial"}
        self.kind = w.Dropdown(options=list(names), value=as_choice(kind, "kind", names),
                               description="Template", style=style, layout=w.Layout(width="200px"))
        self.score = w.Dropdown(options=list(SCORES.items()),
                                value=as_choice(score, "score", tuple(SCORES.values())),
                                description="Score", style=style, layout=w.Layout(width="240px"))
        self.slider = w.IntSlider(value=1, min=1, max=1, description="Window", continuous_update=True,
                                  style=style, layout=w.Layout(width="440px"))
        self.play, self.play_button, _ = play_controls(
            self.slider, interval=as_int(interval, "interval", 10), step=4,
            tooltip="Play: move the window along the scene")
        # windows per tick of Play; 0 stands for a whole row of the score map
        self.speed = w.Dropdown(options=[("1 window", 1), ("4 windows", 4), ("a whole row", 0)], value=4,
                                description="Play moves", style=style, layout=w.Layout(width="220px"))
        shown = w.Layout(width="auto", height="auto")
        size = w.Layout(width=f"{self.zoom * X.shape[1]}px", height=f"{self.zoom * X.shape[0]}px")
        self._scene_img = TitledImage(format="png", layout=size, tooltip="The scene, with the current window "
                                      "framed in solid vermillion and the best window so far in dashed blue")
        self._template_img = TitledImage(format="png", layout=shown,
                                         tooltip="The template slid over the scene")
        self._map_img = TitledImage(format="png", layout=shown,
                                    tooltip="The score map: each cell is the score of the window whose "
                                            "top-left corner it is; grey cells are not reached yet; the "
                                            "current cell is framed in vermillion")
        self._plot_img = TitledImage(format="svg+xml", layout=w.Layout(width="440px", height="190px"),
                                     tooltip="The score of every window so far, in scanning order, row by "
                                             "row; the current window ringed, the best diamond")
        for img in (self._scene_img, self._template_img, self._map_img):
            img.add_class("convlib-photo")
        self._status = w.HTML().add_class("convlib-status")
        self.slider.observe(self._on_window, names="value")
        self.kind.observe(self._on_setting, names="value")
        self.score.observe(self._on_setting, names="value")
        self.speed.observe(self._on_speed, names="value")

        def panel(title, image):
            return w.VBox([w.HTML(f"<b>{title}</b>"), image])

        pictures = w.HBox([panel("Scene and window", self._scene_img), panel("Template", self._template_img),
                           panel("Score map so far", self._map_img)],
                          layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        controls = w.HBox([self.play, self.play_button, self.slider, self.speed], layout=w.Layout(flex_flow="row wrap",
                                                                                align_items="center"))
        super().__init__([w.HBox([self.kind, self.score], layout=w.Layout(flex_flow="row wrap")), controls,
                          pictures, w.HBox([panel("Score along the scan", self._plot_img)]), self._status],
                         layout=w.Layout(padding="4px"))
        self.add_class("convlib-scan")
        self._rebuild()
        self._on_speed({"new": self.speed.value})

    # -- callbacks --------------------------------------------------------
    @shows_errors
    def _on_setting(self, change):
        self._rebuild()

    @shows_errors
    def _on_window(self, change):
        self._show()

    @shows_errors
    def _on_speed(self, change):
        self.play.step = int(change["new"]) or self.scores.shape[1]

    # -- computing and drawing ---------------------------------------------
    def _rebuild(self):
        T = self.templates[self.kind.value]
        scoring = ncc if self.score.value == "ncc" else correlation_score
        S = scoring(self.image, T)
        self.scores = S
        oh, ow = S.shape
        flat = S.ravel()
        best, b = np.zeros(flat.size, dtype=np.intp), 0
        for i in range(flat.size):            # the best window among the first i + 1
            if flat[i] > flat[b]:
                b = i
            best[i] = b
        self._best = best
        if self.score.value == "ncc":
            self._range = (-1.0, 1.0)
        else:
            self._range = (min(0.0, float(S.min())), float(S.max()) or 1.0)
        self._colours = colour_map(S, *self._range)
        self._map_zoom = max(1, _SCREEN // ow)
        self._template_img.value = png_bytes(enlarge(grey_rgb(T), self.zoom))
        n = oh * ow
        with self.slider.hold_trait_notifications():
            self.slider.max = n
            self.play.max = n
            self.slider.value = min(self.slider.value, n)
        if not self.speed.value:
            self.play.step = ow
        self._show()

    @property
    def cell(self) -> tuple[int, int]:
        """The current window's top-left cell ``(row, col)`` (its cell in the score map)."""
        k = self.slider.value - 1
        return divmod(k, self.scores.shape[1])

    def _show(self):
        start = time.perf_counter()
        S, z, mz = self.scores, self.zoom, self._map_zoom
        oh, ow = S.shape
        k = min(self.slider.value, oh * ow) - 1
        r, c = divmod(k, ow)
        h, w_ = self.templates[self.kind.value].shape
        b = int(self._best[k])
        br, bc = divmod(b, ow)
        scene = self._scene_rgb.copy()
        draw_frame(scene, br * z, bc * z, h * z, w_ * z, colour=OKABE_ITO["blue"], thickness=2, dashed=True)
        draw_frame(scene, r * z, c * z, h * z, w_ * z, colour=WINDOW_COLOUR, thickness=3)
        self._scene_img.value = png_bytes(scene)
        hidden = (np.arange(oh * ow) > k).reshape(oh, ow)
        colours = self._colours.copy()
        colours[hidden] = colour_map(np.array([np.nan]), 0, 1)[0]
        shown = enlarge(colours, mz)
        draw_frame(shown, r * mz, c * mz, mz, mz, colour=WINDOW_COLOUR, thickness=max(2, mz // 3))
        self._map_img.value = png_bytes(shown)
        name = "NCC" if self.score.value == "ncc" else "plain score"
        low, high = self._range
        self._plot_img.value = score_plot_svg(S.ravel()[:k + 1], oh * ow, low=low, high=high, current=k,
                                              best=b, row_length=ow, label=name)
        self.last_ms = (time.perf_counter() - start) * 1e3
        value, top = float(S[r, c]), float(S.ravel()[b])
        self.text = (f"Window {k + 1} of {oh * ow}: its top-left corner is row {r}, column {c} of the scene "
                     f"(rows {r} to {r + h - 1}, columns {c} to {c + w_ - 1}). {name} here: {value:.3g}. "
                     f"Best so far: {top:.3g}, window at row {br}, column {bc} (centre row "
                     f"{br + (h - 1) / 2:g}, column {bc + (w_ - 1) / 2:g}). "
                     f"Updated in {self.last_ms:.0f} ms.")
        _status(self._status, self.text)
        self.clear_error()

    def __repr__(self) -> str:
        r, c = self.cell
        return (f"TemplateScan: the {self.kind.value} template over a "
                f"{self.image.shape[0]}x{self.image.shape[1]} scene, {self.score.value}, window "
                f"{self.slider.value} of {self.slider.max} at ({r}, {c})")


class RobustnessExplorer(ConvlibWidget):
    """Turn, scale and add noise to a row of shapes; does an unturned template still find its shape?

    The scene holds one circle, square, cross and triangle (:func:`robust_scene`).
    NCC with the chosen template (always unturned, size 15) is computed, its
    peaks above the threshold marked (:func:`convlib.match.find_peaks`, one
    per 21 x 21 neighbourhood), and each shape's best NCC listed.  A mark
    within ``MATCH_TOLERANCE`` pixels of the template's own shape finds it;
    a mark anywhere else is a false alarm.

    Pictures: the scene with each mark framed in vermillion (solid at the
    template's own shape, dashed elsewhere) and the template's own shape in
    a sky-blue dotted frame; the NCC map, each window's score drawn at its
    centre so that it lies under the scene.

    Parameters
    ----------
    kind : {'circle', 'square', 'cross', 'triangle'}, default 'square'
    angle : int, default 0
        Turn of the shapes, degrees anti-clockwise, 0 to 90 in steps of 5.
    scale : float, default 1
        0.6 to 1.6.
    noise : float, default 0
        0 to 0.4.
    threshold : float, default 0.8
        0.5 to 0.95.

    Attributes
    ----------
    last_ms : float
    best : dict of str to float
        Each shape's best NCC with the current template.
    found : bool
        Whether a mark lies on the template's own shape.
    false_alarms : int

    Examples
    --------
    >>> ex = RobustnessExplorer(kind="square", angle=45)
    >>> ex.found, round(ex.best["square"], 2)
    (False, 0.68)
    """

    error_title = "Cannot match these shapes."

    def __init__(self, *, kind: str = "square", angle: int = 0, scale: float = 1.0, noise: float = 0.0,
                 threshold: float = 0.8):
        style = {"description_width": "initial"}
        wide = w.Layout(width="330px")
        self.last_ms = float("nan")
        self.best: dict = {}
        self.found = False
        self.false_alarms = 0
        self.kind = w.Dropdown(options=list(SHAPES), value=as_choice(kind, "kind", SHAPES),
                               description="Template", style=style, layout=w.Layout(width="200px"))
        self.angle = w.IntSlider(value=as_int(angle, "angle", 0, 90), min=0, max=90, step=5,
                                 description="Turn the shapes (degrees)", style=style, layout=wide)
        self.scale = w.FloatSlider(value=as_real(scale, "scale", low=0.6, high=1.6), min=0.6, max=1.6,
                                   step=0.1, description="Scale the shapes", readout_format=".1f",
                                   style=style, layout=wide)
        self.noise = w.FloatSlider(value=as_real(noise, "noise", low=0, high=0.4), min=0.0, max=0.4,
                                   step=0.05, description="Noise (std. dev.)", readout_format=".2f",
                                   style=style, layout=wide)
        self.threshold = w.FloatSlider(value=as_real(threshold, "threshold", low=0.5, high=0.95), min=0.5,
                                       max=0.95, step=0.05, description="Threshold", readout_format=".2f",
                                       style=style, layout=wide)
        h, w_ = robust_scene().image.shape
        self._scene_img = TitledImage(format="png", layout=w.Layout(width=f"{3 * w_}px", height=f"{3 * h}px"),
                                      tooltip="The four shapes, turned, scaled and noisy; vermillion frames "
                                              "are the marks (solid on the template's own shape, dashed "
                                              "elsewhere); the template's own shape is in a dotted sky-blue "
                                              "frame")
        self._map_img = TitledImage(format="png", layout=w.Layout(width=f"{3 * w_}px", height=f"{3 * h}px"),
                                    tooltip="NCC of the unturned template with every window, drawn at the "
                                            "window's centre, under the scene, cividis: yellow near 1, dark "
                                            "blue near -1; the grey border is where no window is centred")
        for img in (self._scene_img, self._map_img):
            img.add_class("convlib-photo")
        self._table = w.HTML()
        self._status = w.HTML().add_class("convlib-status")
        for control in (self.kind, self.angle, self.scale, self.noise, self.threshold):
            control.observe(self._on_setting, names="value")
        controls = w.HBox([w.VBox([self.kind, self.angle, self.scale]), w.VBox([self.noise, self.threshold])],
                          layout=w.Layout(flex_flow="row wrap"))
        super().__init__([controls, w.HTML("<b>Scene and marks</b>"), self._scene_img,
                          w.HTML("<b>NCC of the template with each window, at the window's centre</b>"),
                          self._map_img,
                          self._table, self._status], layout=w.Layout(padding="4px"))
        self.add_class("convlib-robust")
        self._update()

    @shows_errors
    def _on_setting(self, change):
        self._update()

    def _update(self):
        start = time.perf_counter()
        kind = as_choice(self.kind.value, "kind", SHAPES)
        angle = as_int(self.angle.value, "angle", 0, 90)
        scale = as_real(self.scale.value, "scale", low=0.6, high=1.6)
        noise = as_real(self.noise.value, "noise", low=0, high=0.4)
        t = as_real(self.threshold.value, "threshold", low=0.5, high=0.95)
        scene = robust_scene(angle, scale, noise)
        T = TEMPLATES[kind]
        h, w_ = T.shape
        S = ncc(scene.image, T)
        peaks = find_peaks(S, t, radius=min(h, w_) // 2)
        marks = window_centres(peaks, T.shape)
        self.best = {k: best_near(S, T.shape, c)[0]
                     for k, c in zip(ROBUST_SHAPE, ROBUST_CENTRES, strict=True)}
        target = ROBUST_CENTRES[ROBUST_SHAPE.index(kind)]
        report = evaluate(marks, [target], tolerance=MATCH_TOLERANCE)
        self.found = report.recall == 1.0
        self.false_alarms = len(report.false_alarms)
        z = 3
        rgb = enlarge(grey_rgb(scene.image), z)
        reach = int(np.ceil(0.75 * 15 * scale)) + 2
        draw_frame(rgb, int(target[0] - reach) * z, int(target[1] - reach) * z, (2 * reach + 1) * z,
                   (2 * reach + 1) * z, colour=OKABE_ITO["sky blue"], thickness=2, dashed=True)
        right = {f for f, _ in report.pairs}
        for i, (r, c) in enumerate(peaks):
            draw_frame(rgb, int(r) * z, int(c) * z, h * z, w_ * z, colour=WINDOW_COLOUR, thickness=3,
                       dashed=i not in right)
        self._scene_img.value = png_bytes(rgb)
        at_centres = np.full(scene.image.shape, np.nan)        # each window's score at its centre pixel
        at_centres[(h - 1) // 2:(h - 1) // 2 + S.shape[0], (w_ - 1) // 2:(w_ - 1) // 2 + S.shape[1]] = S
        self._map_img.value = png_bytes(enlarge(colour_map(at_centres, -1.0, 1.0), z))
        rows = "".join(
            f"<tr><td>{k}{' (its own shape)' if k == kind else ''}</td><td>{v:.2f}</td>"
            f"<td>{'yes' if v > t else 'no'}</td></tr>" for k, v in self.best.items())
        self._table.value = ("<table class='convlib-table'><caption>Best NCC of the "
                             f"{html.escape(kind)} template at each shape</caption><tr><th>shape</th>"
                             f"<th>best NCC</th><th>above {t:.2f}?</th></tr>{rows}</table>")
        self.last_ms = (time.perf_counter() - start) * 1e3
        verdict = "found" if self.found else "missed"
        self.text = (f"The unturned {kind} template; shapes turned {angle}°, scale {scale:.1f}, noise "
                     f"{noise:.2f}. At the {kind}: best NCC {self.best[kind]:.2f}, threshold {t:.2f}: "
                     f"{verdict}. {len(peaks)} mark(s), {self.false_alarms} of them false alarm(s). Updated "
                     f"in {self.last_ms:.0f} ms.")
        _status(self._status, self.text)
        self.clear_error()

    def __repr__(self) -> str:
        return (f"RobustnessExplorer: {self.kind.value} template, turn {self.angle.value}°, scale "
                f"{self.scale.value:.1f}, noise {self.noise.value:.2f}, threshold {self.threshold.value:.2f}")
