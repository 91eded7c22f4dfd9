"""Textures: how strongly a filter answers in each neighbourhood, and which filter of a bank wins where.

The maths behind lesson 04 ("Textures and patterns"), kept in the package
root because later lessons reuse it.  numpy only, built on
:func:`convlib.correlate2d`, the Gabor kernel :func:`convlib.kernels.gabor`
and the Gaussian blur :func:`convlib.edges.smooth`.

* :func:`filter_response`: the kernel run over the picture, keeping its size;
* :func:`local_energy` and :func:`texture_energy`: the local average of the
  **squared** response.  On stripes that a filter matches, its raw response
  is a wave itself: positive on the bright lines, negative on the dark ones,
  about 0 on average.  Squaring makes every swing count, and averaging over
  a neighbourhood smooths the ripple away, leaving one number per pixel that
  says how much of the filter's pattern is there;
* :func:`gabor_bank`: Gabor kernels at several orientations and wavelengths;
* :func:`energy_maps` and :func:`winner_map`: the energy of every filter of
  a bank, and at each pixel the filter with the most;
* :func:`confusion`, :func:`majority_mapping`, :func:`agreement` and
  :func:`label_agreement`: how well the winners agree with true labels.

Matching filters to labels
--------------------------
A winner map says "filter 2 wins here", a label map "texture 1 is here".
To compare them, each filter is mapped to the label it wins on most often
(:func:`majority_mapping`, read off the table :func:`confusion`); a filter
that never wins is mapped to -1.  Each filter chooses on its own, so two
filters may map to the same label and a label may get no filter.  This
mapping is read from the same labels it is then scored on: it is the most
favourable mapping there is (no other assignment of labels to filters agrees
on more pixels), so the agreement it gives is an upper bound for this
winner map, not a prediction for a new scene.  A mapping fixed in advance
(say, from each texture's known angle) can be passed to :func:`agreement`
instead.

Examples
--------
>>> from convlib.data import stripes
>>> bank = gabor_bank(thetas=(0, 90), wavelengths=(8,))
>>> [f.name for f in bank]
['θ=0° λ=8', 'θ=90° λ=8']
>>> X = stripes((64, 64), period=8, angle=90)          # horizontal stripes
>>> E = energy_maps(X, bank)
>>> [round(float(e[32, 32]), 3) for e in E]             # amplitude 1/2: energy (1/2)**2 / 2 for the match
[0.0, 0.125]
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validate import as_array, as_int, as_real
from .conv import _pad_mode, correlate2d
from .edges import smooth
from .kernels import gabor

__all__ = [
    "ENERGY_SIGMA",
    "BankFilter",
    "agreement",
    "confusion",
    "energy_maps",
    "filter_response",
    "gabor_bank",
    "label_agreement",
    "local_energy",
    "majority_mapping",
    "texture_energy",
    "winner_map",
]

#: The spread (pixels) of the Gaussian that averages the squared response, by default.
ENERGY_SIGMA = 4.0


def _picture(image, name: str = "image") -> np.ndarray:
    arr = as_array(image, name, 2)
    if arr.shape[0] < 2 or arr.shape[1] < 2:
        msg = f"{name} must have at least 2 rows and 2 columns (a grey picture); received shape {arr.shape}"
        raise ValueError(msg)
    return arr


def filter_response(image, kernel, *, pad_mode: str = "reflect", method: str = "auto") -> np.ndarray:
    """The response of a kernel at every pixel: ``correlate2d(image, kernel, mode='same')`` as floats.

    Parameters
    ----------
    image : array_like of shape (H, W)
        A grey picture, at least 2 x 2.
    kernel : array_like of shape (kh, kw)
    pad_mode : {'reflect', 'replicate', 'zero', 'circular'}, default 'reflect'
        How the border is extended ('reflect' is scipy.ndimage's 'mirror').
    method : str, default 'auto'
        See :func:`convlib.correlate2d`; 'auto' takes the FFT for large kernels.

    Returns
    -------
    ndarray of float64, shape (H, W)

    Examples
    --------
    >>> filter_response([[0, 0, 9, 9]] * 3, [[-1, 0, 1]])[1].tolist()
    [0.0, 9.0, 9.0, 0.0]
    """
    X = _picture(image)
    K = np.asarray(as_array(kernel, "kernel", 2), dtype=float)
    Y = correlate2d(X, K, mode="same", pad_mode=_pad_mode(pad_mode), method=method)
    return Y.astype(float, copy=False)


def local_energy(response, sigma: float = ENERGY_SIGMA, *, pad_mode: str = "reflect") -> np.ndarray:
    """The local average of the squared response: Gaussian blur (spread ``sigma``) of ``response**2``.

    Parameters
    ----------
    response : array_like of shape (H, W)
        A filter's response, from :func:`filter_response`.
    sigma : float, default :data:`ENERGY_SIGMA`
        Spread in pixels of the averaging Gaussian, >= 0 (0: the squared
        response itself).  It should cover at least half a wavelength, or
        the ripple of the squared wave stays.
    pad_mode : {'reflect', 'replicate', 'zero', 'circular'}, default 'reflect'

    Returns
    -------
    ndarray of float64, shape (H, W), >= 0

    Notes
    -----
    On stripes ``A cos(2 pi u / lambda + phase)`` matched by a kernel of gain
    1 (a normalised :func:`convlib.kernels.gabor`), the response is the same
    wave; its square averages to ``A**2 / 2``, and the Gaussian removes the
    ripple at half the wavelength.

    Examples
    --------
    >>> wave = np.cos(np.arange(64) * np.pi / 2)[None, :].repeat(32, axis=0)   # period 4, amplitude 1
    >>> round(float(local_energy(wave, 4.0)[16, 32]), 3)
    0.5
    """
    R = np.asarray(_picture(response, "response"), dtype=float)
    sigma = as_real(sigma, "sigma", low=0, what="the spread of the average in pixels")
    return smooth(R * R, sigma, pad_mode=pad_mode)


def texture_energy(image, kernel, *, sigma: float = ENERGY_SIGMA, pad_mode: str = "reflect",
                   method: str = "auto") -> np.ndarray:
    """Texture energy, :func:`local_energy` of :func:`filter_response`: how much of K's pattern is here.

    Parameters
    ----------
    image : array_like of shape (H, W)
    kernel : array_like of shape (kh, kw)
    sigma : float, default :data:`ENERGY_SIGMA`
    pad_mode : {'reflect', 'replicate', 'zero', 'circular'}, default 'reflect'
    method : str, default 'auto'

    Returns
    -------
    ndarray of float64, shape (H, W), >= 0

    Examples
    --------
    >>> from convlib.data import stripes
    >>> X = stripes((48, 48), period=6, angle=0)
    >>> matched, across = texture_energy(X, gabor(0, 6)), texture_energy(X, gabor(90, 6))
    >>> round(float(matched[24, 24]), 3), round(float(across[24, 24]), 3)     # amplitude 1/2: (1/2)**2 / 2
    (0.125, 0.0)
    """
    return local_energy(filter_response(image, kernel, pad_mode=pad_mode, method=method), sigma,
                        pad_mode=pad_mode)


class BankFilter(NamedTuple):
    """One filter of a bank: its name, orientation (degrees), wavelength (pixels) and kernel."""

    name: str
    theta: float
    wavelength: float
    kernel: np.ndarray


def gabor_bank(thetas=(0, 45, 90, 135), wavelengths=(8,), *, sigma: float | None = None, psi: float = 0.0,
               gamma: float = 1.0) -> tuple[BankFilter, ...]:
    """Gabor kernels at every orientation and wavelength given (orientations first, within each wavelength).

    Parameters
    ----------
    thetas : sequence of float, default (0, 45, 90, 135)
        Orientations in degrees (see :func:`convlib.kernels.gabor`); 0 to
        180 covers every direction, since ``theta + 180`` finds the same
        stripes.
    wavelengths : sequence of float, default (8,)
        Wavelengths in pixels, >= 2.
    sigma : float, optional
        Width of the bell; by default each kernel's own
        :func:`convlib.kernels.gabor_sigma` (proportional to its wavelength).
    psi, gamma : float
        Phase (degrees) and aspect ratio, the same for every kernel.

    Returns
    -------
    tuple of BankFilter
        Named ``'θ=<theta>° λ=<wavelength>'``.  The kernels are normalised
        (gain 1 on their own stripes) and add up to 0, so their energies
        can be compared.

    Examples
    --------
    >>> [f.name for f in gabor_bank((0, 90), (4, 8))]
    ['θ=0° λ=4', 'θ=90° λ=4', 'θ=0° λ=8', 'θ=90° λ=8']
    """
    thetas = [as_real(t, f"thetas[{i}]", what="degrees") for i, t in enumerate(thetas)]
    wavelengths = [as_real(w, f"wavelengths[{i}]", low=2, what="pixels") for i, w in enumerate(wavelengths)]
    if not thetas or not wavelengths:
        msg = (f"thetas and wavelengths must each hold at least one value; received {len(thetas)} "
               f"orientations and {len(wavelengths)} wavelengths")
        raise ValueError(msg)
    return tuple(BankFilter(f"θ={t:g}° λ={w:g}", t, w, gabor(t, w, sigma, psi, gamma))
                 for w in wavelengths for t in thetas)


def _kernels(bank) -> list[np.ndarray]:
    found = list(bank)
    if not found:
        msg = "kernels must hold at least one kernel (or BankFilter); received an empty sequence"
        raise ValueError(msg)
    return [np.asarray(as_array(getattr(k, "kernel", k), f"kernels[{i}]", 2), dtype=float)
            for i, k in enumerate(found)]


def energy_maps(image, kernels, *, sigma: float = ENERGY_SIGMA, pad_mode: str = "reflect",
                method: str = "auto") -> np.ndarray:
    """The texture energy of every kernel of a bank, stacked: ``E[k] = texture_energy(image, kernels[k])``.

    Parameters
    ----------
    image : array_like of shape (H, W)
    kernels : sequence of array_like or BankFilter
        From :func:`gabor_bank`, or any 2-D kernels.
    sigma, pad_mode, method
        As in :func:`texture_energy`.

    Returns
    -------
    ndarray of float64, shape (n_kernels, H, W)

    Examples
    --------
    >>> energy_maps(np.ones((8, 8)), [[[-1, 1]], [[1, -1]]], sigma=1.0).shape
    (2, 8, 8)
    """
    X = _picture(image)
    return np.stack([texture_energy(X, K, sigma=sigma, pad_mode=pad_mode, method=method)
                     for K in _kernels(kernels)])


def winner_map(energies) -> np.ndarray:
    """At each pixel, the index of the filter with the most energy (the first one on a tie).

    Parameters
    ----------
    energies : array_like of shape (n_filters, H, W)
        From :func:`energy_maps`.

    Returns
    -------
    ndarray of int64, shape (H, W)

    Examples
    --------
    >>> winner_map([[[1, 5]], [[3, 5]]]).tolist()
    [[1, 0]]
    """
    E = as_array(energies, "energies", 3)
    return np.argmax(E, axis=0).astype(np.int64)


def _index_map(values, name: str) -> np.ndarray:
    arr = as_array(values, name, 2)
    if arr.dtype.kind not in "iu":
        msg = f"{name} must hold whole numbers (indices); received an array of dtype {arr.dtype}"
        raise TypeError(msg)
    return arr.astype(np.int64)


def _pair_maps(winners, labels) -> tuple[np.ndarray, np.ndarray]:
    w, lab = _index_map(winners, "winners"), _index_map(labels, "labels")
    if w.shape != lab.shape:
        msg = f"winners and labels must have the same shape; received {w.shape} and {lab.shape}"
        raise ValueError(msg)
    if w.size and (w.min() < 0 or lab.min() < 0):
        msg = "winners and labels must be indices >= 0; received a negative value"
        raise ValueError(msg)
    return w, lab


def confusion(winners, labels, n_filters: int | None = None, n_labels: int | None = None) -> np.ndarray:
    """Counts of pixels: ``C[f, l]`` is how many pixels of label ``l`` filter ``f`` wins.

    Parameters
    ----------
    winners : array_like of int, shape (H, W)
        From :func:`winner_map`.
    labels : array_like of int, same shape
        The true labels (for example ``texture_scene(...).labels``).
    n_filters, n_labels : int, optional
        Rows and columns of the table; by default one more than the largest
        index present.

    Returns
    -------
    ndarray of int64, shape (n_filters, n_labels)

    Examples
    --------
    >>> confusion([[0, 0, 1, 1]], [[0, 1, 1, 1]]).tolist()
    [[1, 1], [0, 2]]
    """
    w, lab = _pair_maps(winners, labels)
    nf = int(w.max(initial=-1)) + 1 if n_filters is None else as_int(n_filters, "n_filters", 1)
    nl = int(lab.max(initial=-1)) + 1 if n_labels is None else as_int(n_labels, "n_labels", 1)
    if w.size and (w.max() >= nf or lab.max() >= nl):
        msg = (f"n_filters and n_labels must exceed every index: the largest winner is {int(w.max())} and "
               f"the largest label {int(lab.max())}; received n_filters={nf}, n_labels={nl}")
        raise ValueError(msg)
    counts = np.zeros((nf, nl), dtype=np.int64)
    np.add.at(counts, (w.ravel(), lab.ravel()), 1)
    return counts


def majority_mapping(winners, labels, n_filters: int | None = None) -> np.ndarray:
    """For each filter, the label it wins on most often (-1 for a filter that never wins).

    Ties go to the smallest label.  See the module's notes: this mapping is
    fitted on the labels it is scored on.

    Parameters
    ----------
    winners, labels : array_like of int, shape (H, W)
    n_filters : int, optional
        How many filters the bank has (so that filters that never win get -1).

    Returns
    -------
    ndarray of int64, shape (n_filters,)

    Examples
    --------
    >>> majority_mapping([[0, 0, 2, 2]], [[1, 1, 0, 1]]).tolist()   # filter 1 never wins; filter 2 ties
    [1, -1, 0]
    """
    C = confusion(winners, labels, n_filters=n_filters)
    mapping = np.argmax(C, axis=1).astype(np.int64)
    mapping[C.sum(axis=1) == 0] = -1
    return mapping


def _mapped(winners, labels, mapping) -> tuple[np.ndarray, np.ndarray]:
    w, lab = _pair_maps(winners, labels)
    m = _index_map(np.atleast_2d(as_array(mapping, "mapping", 1)), "mapping")[0]
    if w.size and w.max() >= m.size:
        msg = (f"mapping must give a label for every filter that wins: the winners go up to {int(w.max())}, "
               f"but the mapping has {m.size} entries")
        raise ValueError(msg)
    return m[w], lab


def agreement(winners, labels, mapping) -> float:
    """The share of pixels whose winning filter, mapped to a label, is the true label.

    Parameters
    ----------
    winners, labels : array_like of int, shape (H, W)
    mapping : array_like of int, shape (n_filters,)
        The label each filter stands for (from :func:`majority_mapping`, or
        fixed in advance); -1 stands for none and never agrees.

    Returns
    -------
    float from 0 to 1

    Examples
    --------
    >>> agreement([[0, 0, 1, 1]], [[2, 2, 0, 1]], [2, 0])
    0.75
    """
    predicted, lab = _mapped(winners, labels, mapping)
    return float((predicted == lab).mean()) if lab.size else 0.0


def label_agreement(winners, labels, mapping, n_labels: int | None = None) -> np.ndarray:
    """For each true label, the share of its pixels whose mapped winner is that label (NaN if it is absent).

    Examples
    --------
    >>> label_agreement([[0, 0, 1, 1]], [[1, 1, 0, 1]], [1, 0]).tolist()
    [1.0, 0.6666666666666666]
    """
    predicted, lab = _mapped(winners, labels, mapping)
    n = int(lab.max(initial=-1)) + 1 if n_labels is None else as_int(n_labels, "n_labels", 1)
    total = np.bincount(lab.ravel(), minlength=n)[:n].astype(float)
    right = np.bincount(lab.ravel()[(predicted == lab).ravel()], minlength=n)[:n]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, right / np.where(total > 0, total, 1), np.nan)
