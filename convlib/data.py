"""Pictures for the lessons, available offline: photos that ship with matplotlib.

As ``skimage.data`` does for scikit-image, this module is the one place that
loads sample pictures, so widgets and lessons get a photo without importing
pyplot, and nothing is ever downloaded.

>>> sorted(SAMPLES)
['grace_hopper', 'mri', 'terrain']
"""

from __future__ import annotations

import functools
import gzip

import numpy as np

from ._validate import as_bool, describe

__all__ = ["SAMPLES", "sample_image"]


def _rgb_to_gray(rgb: np.ndarray) -> np.ndarray:
    """Luma with the ITU-R BT.601 weights: 0.299 R + 0.587 G + 0.114 B."""
    return rgb[..., :3] @ np.array([0.299, 0.587, 0.114])


def _load_grace_hopper() -> np.ndarray:
    from PIL import Image

    with Image.open(_sample_path("grace_hopper.jpg")) as im:
        return np.asarray(im.convert("RGB"), dtype=np.float64) / 255.0


def _load_mri() -> np.ndarray:
    with gzip.open(_sample_path("s1045.ima.gz")) as f:
        raw = np.frombuffer(f.read(), dtype=">u2").reshape(256, 256)
    return raw / raw.max()


def _load_terrain() -> np.ndarray:
    with np.load(_sample_path("jacksboro_fault_dem.npz")) as data:
        z = data["elevation"].astype(float)
    return (z - z.min()) / (z.max() - z.min())


def _sample_path(fname: str) -> str:
    from matplotlib.cbook import get_sample_data

    return str(get_sample_data(fname, asfileobj=False))


#: The pictures :func:`sample_image` loads, by name, with what they show.
SAMPLES = {
    "grace_hopper": "portrait of Grace Hopper, 600 x 512, colour",
    "mri": "MRI slice of a head, 256 x 256, grey",
    "terrain": "elevation map of the Jacksboro fault, 344 x 403, grey",
}

_LOADERS = {"grace_hopper": _load_grace_hopper, "mri": _load_mri, "terrain": _load_terrain}


@functools.cache
def _load(name: str) -> np.ndarray:
    img = _LOADERS[name]().astype(np.float64)
    img.setflags(write=False)
    return img


def sample_image(name: str = "grace_hopper", gray: bool = True) -> np.ndarray:
    """Load a picture that ships with matplotlib (no download).

    Parameters
    ----------
    name : {'grace_hopper', 'mri', 'terrain'}, default 'grace_hopper'
        'grace_hopper': portrait of Grace Hopper, 600 x 512, colour;
        'mri': MRI slice of a head, 256 x 256, grey;
        'terrain': elevation map of the Jacksboro fault, 344 x 403, grey
        (higher is lighter).
    gray : bool, default True
        Convert colour pictures to grey with the ITU-R BT.601 weights
        ``0.299 R + 0.587 G + 0.114 B``.  Grey pictures are 2-D either way.

    Returns
    -------
    ndarray of float64, shape (H, W) or (H, W, 3)
        Values in [0, 1]; a new array each call, safe to modify.

    Examples
    --------
    >>> img = sample_image("grace_hopper")
    >>> img.shape, img.dtype, bool(0 <= img.min() <= img.max() <= 1)
    ((600, 512), dtype('float64'), True)
    >>> sample_image("grace_hopper", gray=False).shape
    (600, 512, 3)
    """
    if not isinstance(name, str):
        msg = f"name must be a string, one of {', '.join(map(repr, SAMPLES))}; received {describe(name)}"
        raise TypeError(msg)
    if name not in SAMPLES:
        listed = "; ".join(f"{k!r} ({v})" for k, v in SAMPLES.items())
        msg = f"name must be the name of a sample picture: {listed}; received {describe(name)}"
        raise ValueError(msg)
    gray = as_bool(gray, "gray")
    img = _load(name)
    if gray and img.ndim == 3:
        return np.clip(_rgb_to_gray(img), 0.0, 1.0)
    return img.copy()


