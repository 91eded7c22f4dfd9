"""Animated GIFs of a convolution, step by step, for slides and READMEs.

Every frame is one step of :func:`convlib.trace`, drawn by
:func:`convlib.plot.plot_step`: the (padded) input with the kernel's window
framed, the kernel, the output filling up, and the arithmetic of the step
written out.  The frames are made by moving the artists of one figure in
place (:meth:`convlib.plot.StepFigure.update`), never by re-plotting, and
written with matplotlib's :class:`~matplotlib.animation.PillowWriter`, so no
program beyond Pillow is needed.

Usage from Python::

    from convlib.animate import save_gif
    save_gif([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[0, 1], [1, 0]], "steps.gif")
    save_gif(X, K, "same.gif", mode="same", pad_mode="reflect", fps=2)

or from a step-through widget: ``StepThrough(X, K).save_gif("steps.gif")``.

Usage from a shell::

    python -m convlib.animate steps.gif                      # the lesson 01 example
    python -m convlib.animate edge.gif --example edge        # a vertical edge detector
    python -m convlib.animate my.gif --input "1 2 3; 4 5 6; 7 8 9" --kernel "0 1; 1 0"
    python -m convlib.animate my.gif --input "1,2,3,4; 5,6,7,8" --kernel "1 -1" --mode same --fps 2
    python -m convlib.animate docs/stepper.gif --dpi 120    # the README picture

Matrices are written as text: rows separated by ``;`` or new lines, numbers
in a row by spaces or commas (see :func:`parse_matrix`).  The text is parsed,
never evaluated.

Nothing here calls :func:`matplotlib.pyplot.show` or changes
:data:`matplotlib.rcParams`; the figure is made with interactive mode off,
taken out of pyplot's list of open figures at once and drawn on a plain Agg
canvas, so it never appears in a notebook or a window.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation, PillowWriter
from matplotlib.backends.backend_agg import FigureCanvasAgg

from ._validate import as_int, as_real, describe, parse_matrix
from .conv import MODES, PAD_MODES
from .plot import StepFigure, plot_step
from .walk import Trace, trace

__all__ = [
    "TRACE_OPTIONS",
    "EXAMPLES",
    "MAX_FPS",
    "MAX_FRAMES",
    "MAX_PIXELS",
    "StepAnimation",
    "animation",
    "main",
    "parse_matrix",
    "save_gif",
]

#: Most frames a GIF may have (steps plus the frames that hold the last step).
MAX_FRAMES = 400

#: Highest frame rate: browsers slow down GIF frames shorter than 20 ms.
MAX_FPS = 50

#: Most pixels, over all frames, held in memory while a GIF is written.
MAX_PIXELS = 300_000_000

#: Trace options :func:`save_gif` passes on to :func:`convlib.trace`.
TRACE_OPTIONS = ("mode", "padding", "pad_mode", "stride", "dilation", "bias", "flip")

_EDGE_INPUT = np.where(np.arange(7) < 3, 0, 9)[None, :].repeat(7, axis=0)

#: Built-in examples: name -> (input X, kernel K).
EXAMPLES = {
    # the example of lesson 01
    "article": (np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), np.array([[0, 1], [1, 0]])),
    # a dark left half next to a bright right half, and a vertical-edge kernel
    "edge": (_EDGE_INPUT, np.array([[-1, 0, 1]] * 3)),
}


# --------------------------------------------------------------------------
# checking arguments
# --------------------------------------------------------------------------
def _check_path(path) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        msg = f"path must be a file name ending in .gif; received {describe(path)}"
        raise TypeError(msg)
    p = Path(path)
    if p.suffix.lower() != ".gif":
        msg = f"path must end with .gif; received {str(p)!r}"
        raise ValueError(msg)
    folder = p.parent
    if not folder.is_dir():
        msg = f"path must be in an existing folder; received {str(p)!r}, but {str(folder)!r} is not a folder"
        raise ValueError(msg)
    return p


def _check_frames(n_steps: int, hold_last: int) -> int:
    n = n_steps + hold_last
    if n > MAX_FRAMES:
        msg = (
            f"too many frames: the animation would have {n} frames ({n_steps} steps + {hold_last} "
            f"holding the last one), and at most MAX_FRAMES = {MAX_FRAMES} are made; use a smaller "
            f"input, a larger stride or mode='valid'"
        )
        raise ValueError(msg)
    return n


def _check_pixels(fig, dpi: float, n_frames: int) -> None:
    w_in, h_in = fig.get_size_inches()
    w, h = round(w_in * dpi), round(h_in * dpi)
    total = n_frames * w * h
    if total > MAX_PIXELS:
        msg = (
            f"the animation is too large to write: {n_frames} frames of {w}x{h} pixels are "
            f"{total / 1e6:.0f} million pixels (about {3 * total / 1e6:.0f} MB held in memory), and "
            f"at most {MAX_PIXELS / 1e6:.0f} million are allowed; lower dpi (received {dpi:g}) "
            f"or animate fewer steps"
        )
        raise ValueError(msg)


# --------------------------------------------------------------------------
# the animation
# --------------------------------------------------------------------------
class StepAnimation(FuncAnimation):
    """A :class:`~matplotlib.animation.FuncAnimation` over the steps of a trace.

    Made by :func:`animation`; save it with ``anim.save(path,
    writer=PillowWriter(fps=anim.fps))`` or show it in a notebook with
    ``HTML(anim.to_jshtml())``.

    Attributes
    ----------
    step_figure : convlib.plot.StepFigure
        The figure whose artists every frame moves.
    frame_steps : list of int
        The step (0-based) each frame shows; the last step is repeated
        ``hold_last`` times.
    fps : float
        Frames per second.
    """

    def __init__(self, step_figure: StepFigure, frame_steps: list, fps: float):
        self.step_figure = step_figure
        self.frame_steps = list(frame_steps)
        self.fps = fps
        super().__init__(step_figure.fig, step_figure.update, frames=self.frame_steps,
                         interval=1000.0 / fps, repeat=False, blit=False, cache_frame_data=False)


def _step_figure(tr: Trace) -> StepFigure:
    """``plot_step(tr, 0)`` on a figure that is never shown and needs no closing."""
    with plt.ioff():
        sf = plot_step(tr, 0)
    plt.close(sf.fig)           # out of pyplot's list: no window, no inline picture in a notebook
    FigureCanvasAgg(sf.fig)     # a plain Agg canvas, whatever backend the session uses
    return sf


def animation(trace: Trace, *, fps: float = 1.5, hold_last: int = 2) -> StepAnimation:
    """Animate every step of a traced convolution, one frame per step.

    Parameters
    ----------
    trace : convlib.Trace
        What :func:`convlib.trace` returned.
    fps : float, default 1.5
        Frames (steps) per second, at most ``MAX_FPS``.
    hold_last : int, default 2
        How many extra frames the last step is shown for.

    Returns
    -------
    StepAnimation
        A :class:`~matplotlib.animation.FuncAnimation` that moves the
        artists of one :func:`~convlib.plot.plot_step` figure in place.
        The figure is not registered with pyplot, so it is never shown and
        need not be closed.

    Raises
    ------
    ValueError
        If there would be more than ``MAX_FRAMES`` frames.

    Examples
    --------
    >>> from convlib import trace
    >>> anim = animation(trace([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[0, 1], [1, 0]]))
    >>> anim.frame_steps
    [0, 1, 2, 3, 3, 3]

    In a notebook, ``IPython.display.HTML(anim.to_jshtml())`` shows it with
    play buttons:

    >>> "<img" in anim.to_jshtml()
    True
    """
    return _animation(trace, fps=fps, hold_last=hold_last)


def _animation(tr, *, fps, hold_last, dpi=None) -> StepAnimation:
    """:func:`animation`, refusing before any frame is drawn what ``dpi`` would make too large."""
    if not isinstance(tr, Trace):
        msg = f"trace must be the Trace returned by convlib.trace; received {describe(tr)}"
        raise TypeError(msg)
    fps = as_real(fps, "fps", low=0, low_open=True, high=MAX_FPS)
    hold_last = as_int(hold_last, "hold_last", 0, what="extra frames of the last step")
    n = len(tr)
    n_frames = _check_frames(n, hold_last)
    sf = _step_figure(tr)
    if dpi is not None:
        _check_pixels(sf.fig, dpi, n_frames)
    return StepAnimation(sf, list(range(n)) + [n - 1] * hold_last, fps)


def _write(anim: StepAnimation, path: Path, dpi: float) -> Path:
    anim.save(path, writer=PillowWriter(fps=anim.fps), dpi=dpi)
    return path


def save_gif(X, K, path, *, fps: float = 1.5, dpi: float = 100, hold_last: int = 2, **options) -> Path:
    """Write an animated GIF of a convolution, one frame per step.

    Each frame shows the (padded) input with the kernel's window framed,
    the kernel, the output filled in up to that step, and the step's
    arithmetic, e.g. ``Y[0,1] = 2×0 + 3×1 + 5×1 + 6×0 = 8``.  The GIF
    loops forever.

    Parameters
    ----------
    X : array_like of shape (H, W)
        The input.
    K : array_like of shape (kh, kw)
        The kernel.
    path : str or path-like
        Where to write; must end with ``.gif``, in an existing folder.  An
        existing file is replaced.
    fps : float, default 1.5
        Frames (steps) per second, more than 0 and at most ``MAX_FPS``.
    dpi : float, default 100
        Pixels per inch; the figure is about 6.6 x 3.5 inches for the
        lesson 01 example, so 100 gives a 660 x 345 picture.
    hold_last : int, default 2
        Extra frames during which the last step stays on screen before the
        GIF starts again.
    **options
        Passed to :func:`convlib.trace`: mode, padding, pad_mode, stride,
        dilation, bias, flip.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    ValueError, TypeError
        For bad settings (the message names the parameter), or when there
        would be more than ``MAX_FRAMES`` frames or ``MAX_PIXELS`` pixels.

    Notes
    -----
    Pillow stores a run of identical frames once, with their durations
    added up, so the held frames make the file's last frame last
    ``1 + hold_last`` times as long: ``PIL.Image.open(path).n_frames`` is
    the number of steps.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from PIL import Image
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = save_gif([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[0, 1], [1, 0]],
    ...                    pathlib.Path(tmp) / "steps.gif", dpi=50)
    ...     with Image.open(out) as im:
    ...         print(out.name, im.n_frames, im.size)
    steps.gif 4 (330, 172)
    """
    p = _check_path(path)
    fps = as_real(fps, "fps", low=0, low_open=True, high=MAX_FPS)
    dpi = as_real(dpi, "dpi", low=0, low_open=True)
    hold_last = as_int(hold_last, "hold_last", 0, what="extra frames of the last step")
    unknown = sorted(set(options) - set(TRACE_OPTIONS))
    if unknown:
        listed = ", ".join(TRACE_OPTIONS)
        msg = (f"save_gif got unknown options {', '.join(unknown)}; expected fps, dpi, hold_last "
               f"or the trace options {listed}")
        raise TypeError(msg)
    tr = trace(X, K, **options)
    return _write(_animation(tr, fps=fps, hold_last=hold_last, dpi=dpi), p, dpi)


# --------------------------------------------------------------------------
# matrices from text
# --------------------------------------------------------------------------
def _arg_type(convert, metavar: str):
    """An argparse ``type`` whose errors are ArgumentTypeErrors with a full message."""

    def parse(text):
        try:
            return convert(text)
        except (ValueError, TypeError) as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    parse.__name__ = metavar
    return parse


def _matrix_arg(text):
    return parse_matrix(text)


def _gif_arg(text):
    p = Path(text)
    if p.suffix.lower() != ".gif":
        msg = f"expected a file name ending in .gif; received {text!r}"
        raise ValueError(msg)
    if not p.parent.is_dir():
        msg = (f"expected a file in an existing folder; received {text!r}, but {str(p.parent)!r} "
               f"is not a folder")
        raise ValueError(msg)
    return text


def _int_arg(minimum: int):
    def convert(text):
        try:
            v = int(text)
        except ValueError:
            v = None
        if v is None or v < minimum:
            msg = f"expected an integer >= {minimum}; received {text!r}"
            raise ValueError(msg)
        return v

    return convert


def _real_arg(low: float | None = None, high: float | None = None):
    if low is None:
        want = "a number"
    elif high is None:
        want = f"a number > {low:g}"
    else:
        want = f"a number > {low:g} and <= {high:g}"

    def convert(text):
        try:
            v = float(text)
        except ValueError:
            v = math.nan
        if not math.isfinite(v) or (low is not None and v <= low) or (high is not None and v > high):
            msg = f"expected {want}; received {text!r}"
            raise ValueError(msg)
        return v

    return convert


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m convlib.animate",
        description=("Write an animated GIF of a 2-D convolution, one frame per step: the input with "
                     "the kernel's window framed, the kernel, the output filling up and the arithmetic."),
        epilog=('Matrices: rows split by ";" or new lines, numbers by spaces or commas, e.g. '
                '--input "1 2 3; 4 5 6; 7 8 9" --kernel "0 1; 1 0".  Without --input/--kernel the '
                "example's matrices are used (default: the lesson 01 example)."),
    )
    p.add_argument("out", metavar="OUT", type=_arg_type(_gif_arg, "OUT"), help="the GIF to write (*.gif)")
    p.add_argument("--input", type=_arg_type(_matrix_arg, "matrix"), metavar="MATRIX",
                   help="the input X, e.g. \"1 2 3; 4 5 6; 7 8 9\"")
    p.add_argument("--kernel", type=_arg_type(_matrix_arg, "matrix"), metavar="MATRIX",
                   help="the kernel K, e.g. \"0 1; 1 0\"")
    p.add_argument("--example", choices=tuple(EXAMPLES), default="article",
                   help="built-in X and K: 'article' (3x3 input, 2x2 kernel; the default) or 'edge' "
                        "(7x7 half-dark, half-bright input and a vertical-edge kernel)")
    p.add_argument("--mode", choices=MODES, help="output mode (default valid)")
    p.add_argument("--padding", type=_arg_type(_int_arg(0), "int"), metavar="N",
                   help="explicit padding on every side, instead of --mode")
    p.add_argument("--pad-mode", choices=tuple(PAD_MODES), help="what padding cells hold (default zero)")
    p.add_argument("--stride", type=_arg_type(_int_arg(1), "int"), metavar="N", default=1,
                   help="step between window positions (default 1)")
    p.add_argument("--dilation", type=_arg_type(_int_arg(1), "int"), metavar="N", default=1,
                   help="spacing between kernel taps (default 1)")
    p.add_argument("--flip", action="store_true", help="flip the kernel (true convolution)")
    p.add_argument("--bias", type=_arg_type(_real_arg(), "float"), metavar="B",
                   help="added to every output cell")
    p.add_argument("--fps", type=_arg_type(_real_arg(0, MAX_FPS), "float"), metavar="F", default=1.5,
                   help="frames (steps) per second (default 1.5)")
    p.add_argument("--dpi", type=_arg_type(_real_arg(0), "float"), metavar="D", default=100,
                   help="pixels per inch (default 100)")
    p.add_argument("--hold-last", type=_arg_type(_int_arg(0), "int"), metavar="N", default=2,
                   help="extra frames showing the last step (default 2)")
    return p


def main(argv=None) -> int:
    """Run the command line; returns the exit status (argparse exits with 2 on bad arguments)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.mode is not None and args.padding is not None:
        parser.error(f"--mode and --padding cannot both be given (each decides the padding); "
                     f"received --mode {args.mode} and --padding {args.padding}")
    X, K = EXAMPLES[args.example]
    X = X if args.input is None else args.input
    K = K if args.kernel is None else args.kernel
    options = {"stride": args.stride, "dilation": args.dilation, "flip": args.flip}
    for key in ("mode", "padding", "pad_mode", "bias"):
        if getattr(args, key) is not None:
            options[key] = getattr(args, key)
    out = Path(args.out)
    try:
        p = _check_path(out)
        tr = trace(X, K, **options)
        anim = _animation(tr, fps=args.fps, hold_last=args.hold_last, dpi=args.dpi)
        _write(anim, p, args.dpi)
    except (ValueError, TypeError) as exc:
        parser.error(str(exc))
    except OSError as exc:
        print(f"{parser.prog}: error: cannot write {str(out)!r}: {exc}", file=sys.stderr)
        return 1
    n = len(anim.frame_steps)
    held = f", the last held for {args.hold_last} more" if args.hold_last else ""
    print(f"{p}: {n} frames ({len(tr)} steps{held}) at {args.fps:g} fps, "
          f"{p.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
