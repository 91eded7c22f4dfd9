"""Independent reference implementations for the convlib tests.

Nothing here imports convlib.  The arithmetic is done by ``scipy.signal``
(``correlate2d`` / ``convolve2d`` in 'valid' mode) on inputs that are padded
with ``np.pad`` (numpy's own mode names), with a kernel dilated by inserting
rows and columns of zeros, and the result is then subsampled by the stride.
Integers are widened to int64 and floats to float64 first, so the reference
never overflows and is as exact as float64 allows.

The hypothesis strategies at the end generate only valid combinations of
shapes and options; validity is decided here, not by convlib.
"""

from __future__ import annotations

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import signal

#: convlib pad-mode names (and aliases) -> numpy's np.pad mode names.
NUMPY_PAD_MODE = {
    "zero": "constant",
    "zeros": "constant",
    "constant": "constant",
    "reflect": "reflect",
    "replicate": "edge",
    "edge": "edge",
    "circular": "wrap",
    "wrap": "wrap",
}


def as_pair(value) -> tuple[int, int]:
    """One integer for both axes, or a (rows, cols) pair."""
    if isinstance(value, (tuple, list)):
        a, b = value
        return int(a), int(b)
    return int(value), int(value)


def padding_widths(padding) -> tuple[tuple[int, int], tuple[int, int]]:
    """Normalise p, (ph, pw), (t, b, l, r) or ((t, b), (l, r)) to ((t, b), (l, r))."""
    if isinstance(padding, (tuple, list)):
        if len(padding) == 4:
            t, b, left, r = padding
            return (int(t), int(b)), (int(left), int(r))
        first, second = padding
        if isinstance(first, (tuple, list)):
            return (int(first[0]), int(first[1])), (int(second[0]), int(second[1]))
        return (int(first), int(first)), (int(second), int(second))
    p = int(padding)
    return (p, p), (p, p)


def span(k: int, d: int) -> int:
    """Number of cells a kernel of size k with dilation d covers."""
    return d * (k - 1) + 1


def mode_widths(kernel_shape, mode: str, dilation=1, flip: bool = False):
    """Implicit padding of scipy's modes for a kernel of the given (dilated) span.

    'full' pads span-1 on each side.  'same' pads span-1 in total, centred as
    scipy.signal does: the odd cell goes after the input for correlation and
    before it for convolution (checked against scipy in the tests).
    """
    dh, dw = as_pair(dilation)
    spans = (span(kernel_shape[0], dh), span(kernel_shape[1], dw))
    if mode == "valid":
        return (0, 0), (0, 0)
    if mode == "full":
        return tuple((e - 1, e - 1) for e in spans)
    if mode == "same":
        out = []
        for e in spans:
            total = e - 1
            before = total - total // 2 if flip else total // 2
            out.append((before, total - before))
        return tuple(out)
    raise AssertionError(f"unknown mode {mode!r}")


def widen(a) -> np.ndarray:
    """int64 for integers and booleans, float64 for floats."""
    a = np.asarray(a)
    if a.dtype.kind in "biu":
        return a.astype(np.int64)
    return a.astype(np.float64)


def dilate(kernel: np.ndarray, dilation) -> np.ndarray:
    """Insert dilation-1 zero rows/columns between kernel taps."""
    dh, dw = as_pair(dilation)
    kh, kw = kernel.shape
    out = np.zeros((span(kh, dh), span(kw, dw)), dtype=kernel.dtype)
    out[::dh, ::dw] = kernel
    return out


def fits(image_shape, kernel_shape, widths, dilation) -> bool:
    """True when the dilated kernel fits inside the padded input."""
    dh, dw = as_pair(dilation)
    (t, b), (left, r) = widths
    return (
        span(kernel_shape[0], dh) <= image_shape[0] + t + b
        and span(kernel_shape[1], dw) <= image_shape[1] + left + r
    )


def reflect_ok(image_shape, widths) -> bool:
    """'reflect' padding must be smaller than the image on each axis."""
    (t, b), (left, r) = widths
    return max(t, b) <= image_shape[0] - 1 and max(left, r) <= image_shape[1] - 1


def ref_widths(image_shape, kernel_shape, *, mode="valid", padding=None, dilation=1, flip=False):
    """The padding a call with these options uses."""
    if padding is not None:
        return padding_widths(padding)
    return mode_widths(kernel_shape, mode, dilation, flip)


def ref_pad(image, widths, pad_mode="zero") -> np.ndarray:
    """np.pad with numpy's own mode names."""
    return np.pad(np.asarray(image), widths, mode=NUMPY_PAD_MODE[pad_mode])


def ref_correlate(image, kernel, *, mode="valid", padding=None, pad_mode="zero", stride=1,
                  dilation=1, bias=None, flip=False) -> np.ndarray:
    """Reference 2-D correlation (or convolution with ``flip=True``) in int64/float64."""
    X = widen(image)
    K = widen(kernel)
    widths = ref_widths(X.shape, K.shape, mode=mode, padding=padding, dilation=dilation, flip=flip)
    P = ref_pad(X, widths, pad_mode)
    Kd = dilate(K, dilation)
    if flip:
        # convolve2d flips the (dilated) kernel itself
        Y = signal.convolve2d(P, Kd, mode="valid")
    else:
        Y = signal.correlate2d(P, Kd, mode="valid")
    sh, sw = as_pair(stride)
    Y = Y[::sh, ::sw]
    if bias is not None:
        Y = Y + bias
    return Y


def impulse_field(layers, size: int, cell) -> np.ndarray:
    """Input cells that reach output ``cell`` of a stack, found by experiment (the receptive field's truth).

    ``layers`` are ``(k, s, d)`` triples: a ``k x k`` kernel of ones, stride
    ``s``, dilation ``d``, no padding.  A 1 is put in each cell of a
    ``size x size`` input in turn and sent through the stack with
    :func:`ref_correlate`; the result is True where it arrives at ``cell``.
    """
    out = np.zeros((size, size), dtype=bool)
    for r in range(size):
        for c in range(size):
            x = np.zeros((size, size))
            x[r, c] = 1.0
            for k, s, d in layers:
                x = ref_correlate(x, np.ones((k, k)), stride=s, dilation=d)
            out[r, c] = x[tuple(cell)] != 0
    return out


def ref_abs_correlate(image, kernel, **options) -> np.ndarray:
    """Sum of |products| per output cell: the scale of the rounding error."""
    options = dict(options)
    options.pop("bias", None)
    return ref_correlate(np.abs(widen(image)), np.abs(widen(kernel)), **options)


def ref_conv2d(x, weights, bias=None, **options) -> np.ndarray:
    """Reference CNN layer: per filter, sum over channels of 2-D correlations, plus bias."""
    x = widen(x)
    weights = widen(weights)
    outs = []
    for f in range(weights.shape[0]):
        total = sum(ref_correlate(x[c], weights[f, c], **options) for c in range(x.shape[0]))
        if bias is not None:
            total = total + widen(bias)[f]
        outs.append(total)
    return np.stack(outs)


def tolerance(dtype) -> float | None:
    """Relative tolerance (w.r.t. the sum of |products|) for an output dtype; None = exact."""
    dtype = np.dtype(dtype)
    if dtype.kind in "iub":
        return None
    if dtype == np.float32:
        return 1e-5
    return 1e-12


def assert_matches(got, want, scale, dtype=None) -> None:
    """Exact equality for integer sums; for floats |got - want| <= rtol * scale + atol.

    ``dtype`` is the type the sums were accumulated in (it decides the tolerance).
    """
    got = np.asarray(got)
    want = np.asarray(want)
    assert got.shape == want.shape, (got.shape, want.shape)
    dtype = np.dtype(got.dtype if dtype is None else dtype)
    rtol = tolerance(dtype)
    if rtol is None:
        assert np.array_equal(got, want), (got, want)
        return
    # products that underflow to subnormals lose absolute, not relative, accuracy:
    # allow 100 times the smallest normal number of the accumulation type on top
    atol = 100 * np.finfo(dtype).tiny
    err = np.abs(got.astype(np.float64) - want.astype(np.float64))
    bound = rtol * (np.asarray(scale, dtype=np.float64) + np.abs(want)) + atol
    assert np.all(err <= bound), (got, want, err.max())


# --------------------------------------------------------------------------
# hypothesis strategies shared by the test files
# --------------------------------------------------------------------------

#: The dtypes the property tests draw from.
DTYPES = ("uint8", "int16", "int32", "int64", "float32", "float64", "bool")
#: Every pad-mode spelling convlib documents (names and aliases).
PAD_MODE_NAMES = tuple(NUMPY_PAD_MODE)
MODE_NAMES = ("valid", "same", "full")


def elements(dtype):
    """Values for one dtype, bounded so that int64 sums of products never overflow."""
    dt = np.dtype(dtype)
    if dt == np.bool_:
        return st.booleans()
    if dt.kind in "iu":
        info = np.iinfo(dt)
        return st.integers(max(int(info.min), -(2**20)), min(int(info.max), 2**20))
    width = 32 if dt == np.float32 else 64
    return st.floats(-1000, 1000, allow_nan=False, allow_infinity=False, width=width)


def arrays(dtype, shape):
    """A hypothesis strategy for an array of this dtype and shape."""
    return hnp.arrays(np.dtype(dtype), shape, elements=elements(dtype))


def pairs_or_ints(lo, hi):
    """An int, or a (rows, cols) tuple of ints, in [lo, hi]."""
    return st.one_of(st.integers(lo, hi), st.tuples(st.integers(lo, hi), st.integers(lo, hi)))


def padding_specs(max_rows, max_cols):
    """Explicit padding in each of the four accepted forms, up to the given sizes."""
    r, c = st.integers(0, max_rows), st.integers(0, max_cols)
    both = st.integers(0, min(max_rows, max_cols))
    return st.one_of(
        both,
        st.tuples(r, c),
        st.tuples(r, r, c, c),
        st.tuples(st.tuples(r, r), st.tuples(c, c)),
    )


@st.composite
def conv_options(draw, image_shape, *, max_kernel=5, flip=None, bias=True, pad_modes=PAD_MODE_NAMES):
    """(kernel_shape, options) valid for an image of ``image_shape``.

    options holds mode or padding, pad_mode, stride, dilation, maybe bias and flip.
    """
    h, w = image_shape
    dilation = draw(pairs_or_ints(1, 3))
    dh, dw = as_pair(dilation)
    stride = draw(pairs_or_ints(1, 3))
    pad_mode = draw(st.sampled_from(pad_modes))
    options = {"stride": stride, "dilation": dilation, "pad_mode": pad_mode}
    use_mode = draw(st.booleans())
    is_reflect = NUMPY_PAD_MODE[pad_mode] == "reflect"
    if use_mode:
        mode = draw(st.sampled_from(MODE_NAMES))
        options["mode"] = mode
        if mode == "valid":
            kh = draw(st.integers(1, min(max_kernel, (h - 1) // dh + 1)))
            kw = draw(st.integers(1, min(max_kernel, (w - 1) // dw + 1)))
        else:
            kh = draw(st.integers(1, max_kernel))
            kw = draw(st.integers(1, max_kernel))
    else:
        cap_r, cap_c = (h - 1, w - 1) if is_reflect else (3, 3)
        padding = draw(padding_specs(min(cap_r, 3), min(cap_c, 3)))
        options["padding"] = padding
        (t, b), (left, r) = padding_widths(padding)
        kh = draw(st.integers(1, min(max_kernel, (h + t + b - 1) // dh + 1)))
        kw = draw(st.integers(1, min(max_kernel, (w + left + r - 1) // dw + 1)))
    if flip is None:
        options["flip"] = draw(st.booleans())
    elif flip:
        options["flip"] = True
    if bias and draw(st.booleans()):
        options["bias"] = draw(st.one_of(st.integers(-50, 50),
                                         st.floats(-50, 50, allow_nan=False, allow_infinity=False)))
    widths = ref_widths((h, w), (kh, kw), mode=options.get("mode", "valid"),
                        padding=options.get("padding"), dilation=dilation,
                        flip=options.get("flip", False))
    assert fits((h, w), (kh, kw), widths, dilation)
    if is_reflect and widths != ((0, 0), (0, 0)):
        assume(reflect_ok((h, w), widths))
    return (kh, kw), options


@st.composite
def conv_cases(draw, dtypes=DTYPES, mixed=False, **option_kwargs):
    """(image, kernel, options) for a random valid 2-D convolution."""
    h = draw(st.integers(1, 9))
    w = draw(st.integers(1, 9))
    kshape, options = draw(conv_options((h, w), **option_kwargs))
    xdt = draw(st.sampled_from(dtypes))
    kdt = draw(st.sampled_from(dtypes)) if mixed else xdt
    image = draw(arrays(xdt, (h, w)))
    kernel = draw(arrays(kdt, kshape))
    return image, kernel, options


def accumulation_dtype(*arrays_):
    """The precision the sums are computed in (for choosing a tolerance)."""
    return np.result_type(*arrays_)
