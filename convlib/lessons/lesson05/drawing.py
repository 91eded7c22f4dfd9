"""Fast pictures for the widgets of lesson 05: numpy rasters and a small SVG line plot.

A slider step must not wait for matplotlib, so the widgets draw with numpy:
a grey scene made RGB and enlarged, window frames painted as pixels, score
maps coloured through the cividis table, and the score along the scan as an
SVG polyline (text, which the browser draws in a few milliseconds).
"""

from __future__ import annotations

import html

import numpy as np
from matplotlib import colormaps
from matplotlib.colors import to_rgb

from ...palette import BLANK_COLOUR, CMAP, OKABE_ITO, WINDOW_COLOUR

__all__ = ["colour_map", "draw_frame", "enlarge", "grey_rgb", "score_plot_svg"]

_LUT = (colormaps[CMAP](np.linspace(0, 1, 256))[:, :3]).astype(np.float64)


def grey_rgb(image) -> np.ndarray:
    """A grey picture with values in [0, 1] as an RGB one, shape (H, W, 3).

    >>> grey_rgb(np.array([[0.0, 1.0]])).tolist()
    [[[0.0, 0.0, 0.0], [1.0, 1.0, 1.0]]]
    """
    g = np.clip(np.asarray(image, dtype=np.float64), 0.0, 1.0)
    return np.repeat(g[..., None], 3, axis=-1)


def enlarge(picture: np.ndarray, factor: int) -> np.ndarray:
    """Each pixel drawn as a ``factor x factor`` block (no smoothing), so pixels stay visible.

    >>> enlarge(np.array([[1, 2]]), 2).tolist()
    [[1, 1, 2, 2], [1, 1, 2, 2]]
    """
    return np.repeat(np.repeat(picture, factor, axis=0), factor, axis=1)


def colour_map(values, vmin: float, vmax: float, *, blank=None) -> np.ndarray:
    """Score values as cividis colours, shape (..., 3); where ``blank`` is True, light grey.

    >>> colour_map(np.array([[0.0, 1.0, np.nan]]), 0, 1)[0].round(2).tolist()   # dark blue, yellow, grey
    [[0.0, 0.14, 0.3], [1.0, 0.91, 0.22], [0.9, 0.9, 0.9]]
    """
    v = np.asarray(values, dtype=np.float64)
    span = (vmax - vmin) or 1.0
    idx = np.clip(np.nan_to_num((v - vmin) / span * 255, nan=0.0), 0, 255).astype(np.intp)
    out = _LUT[idx]
    hidden = np.isnan(v) if blank is None else (np.asarray(blank, dtype=bool) | np.isnan(v))
    out[hidden] = to_rgb(BLANK_COLOUR)
    return out


def draw_frame(rgb: np.ndarray, top: int, left: int, height: int, width: int, *, colour=WINDOW_COLOUR,
               thickness: int = 2, dashed: bool = False) -> np.ndarray:
    """Paint a rectangle's outline into an RGB picture, in place; the outline lies just inside the box.

    A dashed outline is painted in runs of 4 pixels on, 3 off.  Parts
    outside the picture are cut off.  Returns the picture.

    >>> p = draw_frame(np.zeros((5, 5, 3)), 1, 1, 3, 3, colour="white", thickness=1)
    >>> p[..., 0].astype(int).tolist()
    [[0, 0, 0, 0, 0], [0, 1, 1, 1, 0], [0, 1, 0, 1, 0], [0, 1, 1, 1, 0], [0, 0, 0, 0, 0]]
    """
    colour = np.array(to_rgb(colour))
    H, W = rgb.shape[:2]
    mask = np.zeros((height, width), dtype=bool)
    t = max(1, min(thickness, height // 2 or 1, width // 2 or 1))
    mask[:t, :] = mask[-t:, :] = True
    mask[:, :t] = mask[:, -t:] = True
    if dashed:
        rows, cols = np.indices(mask.shape)
        along = np.where((rows < t) | (rows >= height - t), cols, rows)
        mask &= (along % 7) < 4
    r0, c0 = max(top, 0), max(left, 0)
    r1, c1 = min(top + height, H), min(left + width, W)
    if r0 < r1 and c0 < c1:
        part = mask[r0 - top:r1 - top, c0 - left:c1 - left]
        rgb[r0:r1, c0:c1][part] = colour
    return rgb


def _y(value, low, high, top, bottom):
    return bottom - (value - low) / ((high - low) or 1.0) * (bottom - top)


def score_plot_svg(values, total: int, *, low: float, high: float, current: int, best: int | None,
                   row_length: int, label: str, width: int = 440, height: int = 190) -> bytes:
    """The score of each window scanned so far, as an SVG line plot (UTF-8 bytes).

    Parameters
    ----------
    values : sequence of float
        The scores of windows 1 to ``len(values)``, in scanning order.
    total : int
        The number of windows in the whole scan (the x axis' length).
    low, high : float
        The y axis' range.
    current : int
        0-based index of the window now shown: ringed in vermillion.
    best : int or None
        0-based index of the best window so far: marked with a blue diamond.
    row_length : int
        Windows per row of the scan: a faint line marks the start of each row.
    label : str
        The name of the score, for the y axis.

    Examples
    --------
    >>> svg = score_plot_svg([0.1, 0.5], 4, low=-1, high=1, current=1, best=1, row_length=2, label="NCC")
    >>> svg[:4], b"<polyline" in svg
    (b'<svg', True)
    """
    left, right, top, bottom = 52, width - 12, 14, height - 36
    v = np.asarray(values, dtype=np.float64)
    n = len(v)
    xs = left + (np.arange(n) + 0.5) / max(total, 1) * (right - left)
    ys = _y(v, low, high, top, bottom)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
             f'<rect x="0" y="0" width="{width}" height="{height}" fill="white"/>']
    for k in range(row_length, total, row_length):
        x = left + k / total * (right - left)
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="#e3e3e3"/>')
    if low < 0 < high:
        y0 = _y(0.0, low, high, top, bottom)
        parts.append(f'<line x1="{left}" y1="{y0:.1f}" x2="{right}" y2="{y0:.1f}" stroke="#999" '
                     'stroke-dasharray="4 3"/>')
    parts.append(f'<rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" fill="none" '
                 'stroke="#444"/>')
    for value in (low, high) + ((0.0,) if low < 0 < high else ()):
        y = _y(value, low, high, top, bottom)
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{value:.3g}</text>')
    parts.append(f'<text x="{(left + right) / 2:.0f}" y="{height - 8}" text-anchor="middle">'
                 f'window number (row by row), 1 to {total}</text>')
    parts.append(f'<text x="14" y="{(top + bottom) / 2:.0f}" text-anchor="middle" '
                 f'transform="rotate(-90 14 {(top + bottom) / 2:.0f})">{html.escape(label)}</text>')
    if n:
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{OKABE_ITO["blue"]}" '
                     'stroke-width="1.3"/>')
    if best is not None and 0 <= best < n:
        bx, by = xs[best], ys[best]
        parts.append(f'<path d="M {bx:.1f} {by - 6:.1f} L {bx + 6:.1f} {by:.1f} L {bx:.1f} {by + 6:.1f} '
                     f'L {bx - 6:.1f} {by:.1f} Z" fill="{OKABE_ITO["blue"]}" stroke="white"/>')
    if 0 <= current < n:
        parts.append(f'<circle cx="{xs[current]:.1f}" cy="{ys[current]:.1f}" r="5" fill="none" '
                     f'stroke="{WINDOW_COLOUR}" stroke-width="2.5"/>')
    parts.append("</svg>")
    return "".join(parts).encode("utf-8")
