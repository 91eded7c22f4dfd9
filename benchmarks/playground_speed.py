"""How long lesson 08's photo playground takes, on the Python side, from a kernel edit to a new picture.

One edit is: a cell of the typed kernel changes (or a preset's slider moves)
-> every cell is read -> the 512 x 512 RGB photo is filtered channel by
channel -> the values are made displayable -> the picture is PNG-encoded
and handed to the widget.  It is compared, in the same process, with
``scipy.ndimage.correlate`` on the three channels alone (the filtering
and nothing else), so the ratio says what the rest of the update costs.

A second line times an upload: a 12-megapixel JPEG (4000 x 3000) read by
``convlib.imageio.read_image`` into a 512-pixel picture and shown, against
Pillow decoding the same file at full size.

Run from the repository root::

    python benchmarks/playground_speed.py

Figures are medians; compare the ratios, which are stable from machine to
machine, more than the milliseconds.
"""

from __future__ import annotations

import datetime
import statistics
import time
from io import BytesIO

import numpy as np
import scipy.ndimage
from PIL import Image

from convlib.data import sample_image
from convlib.lessons.lesson08 import PhotoPlayground
from convlib.lessons.lesson08.playground import OWN, preset_kernel

GOAL_MS = 100.0


def median_ms(fn, count: int) -> float:
    """Median time of ``fn(k)`` for k = 0 .. count - 1, in milliseconds."""
    times = []
    for k in range(count):
        t0 = time.perf_counter()
        fn(k)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e3


def reference(photo, K) -> None:
    """scipy.ndimage.correlate on the three channels, mirror borders: the filtering alone."""
    for c in range(3):
        scipy.ndimage.correlate(photo[..., c], K, mode="mirror")


def typed(pg, photo, size: int, rounds: int = 12):
    """Edit the middle cell of a typed size x size kernel, again and again."""
    pg.preset.value = OWN
    pg.size.value = f"{size}×{size}"
    values = ["1/9", "1/8", "1/7", "2/9"]

    def edit(k):
        pg.cells[size // 2][size // 2].value = values[k % len(values)]

    widget = median_ms(edit, rounds)
    K = pg.kernel.copy()
    return widget, median_ms(lambda k: reference(photo, K), rounds)


def preset(pg, photo, name: str, control: str, values, rounds: int = 8):
    """Move one slider of a preset over its values."""
    pg.preset.value = name
    slider = getattr(pg, control)

    def move(k):
        slider.value = values[k % len(values)]

    widget = median_ms(move, rounds)
    kernels = [preset_kernel(name, **{control: v}) for v in values]
    return widget, median_ms(lambda k: reference(photo, kernels[k % len(kernels)]), rounds)


def upload(pg):
    """A 4000 x 3000 JPEG uploaded, against Pillow decoding it at full size."""
    rng = np.random.default_rng(0)
    small = (rng.random((300, 400, 3)) * 255).astype(np.uint8)
    buf = BytesIO()
    Image.fromarray(small).resize((4000, 3000), Image.Resampling.BILINEAR).save(buf, "JPEG", quality=90)
    data = buf.getvalue()

    def send(k):
        pg.upload.value = ({"name": "photo.jpg", "type": "image/jpeg", "size": len(data),
                            "content": memoryview(data),
                            "last_modified": datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)},)

    def decode(k):
        with Image.open(BytesIO(data)) as im:
            im.load()

    return len(data), median_ms(send, 5), median_ms(decode, 5)


def main():
    print(__doc__.split("\n\n")[0])
    print()
    photo = np.ascontiguousarray(sample_image("grace_hopper", gray=False)[:512, :512])
    pg = PhotoPlayground(photo)
    cases = {
        "typed 3x3, one cell edited": typed(pg, photo, 3),
        "typed 5x5, one cell edited": typed(pg, photo, 5),
        "Gaussian blur, radius slider": preset(pg, photo, "Gaussian blur", "radius", [1.0, 1.5, 2.0, 2.5]),
        "motion blur, length slider": preset(pg, photo, "motion blur", "length", [9, 15, 21, 25]),
    }
    header = f"{'512x512 RGB, edit to new picture':<34} {'widget ms':>10} {'scipy ms':>9} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    worst = 0.0
    for name, (widget, ref) in cases.items():
        worst = max(worst, widget)
        print(f"{name:<34} {widget:>10.1f} {ref:>9.1f} {widget / ref:>7.2f}")
    print()
    verdict = "met" if worst <= GOAL_MS else "MISSED"
    print(f"goal: kernel edit to new picture <= {GOAL_MS:.0f} ms on the Python side; slowest case {worst:.1f} ms: "
          f"{verdict}")
    size, sent, decoded = upload(pg)
    print(f"\nupload of a 4000x3000 JPEG ({size / 2**20:.1f} MiB) to a 512-pixel picture on screen: {sent:.0f} ms; "
          f"Pillow decoding it at full size alone: {decoded:.0f} ms; ratio {sent / decoded:.2f}")


if __name__ == "__main__":
    main()
