"""Tests of convlib.lessons.lesson02.sizes: the size table, the cells a convolution reads, a frame's mean.

References are written here from scratch: window starts found by walking,
cells read found by looping over every output cell and kernel tap.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlib.lessons.lesson02 import sizes


def walk(n, k, before, after, s, d):
    """Number of window positions along one axis, found by stepping the window until it sticks out."""
    span, count, t = d * (k - 1) + 1, 0, 0
    while t + span <= n + before + after:
        count += 1
        t += s
    return count


def reference_read(shape, kshape, padding, stride, dilation):
    """Input cells some tap lands on, by a plain loop over output cells and taps."""
    (h, w), (kh, kw) = shape, kshape
    (t, b), (left, r) = padding
    sh, sw = stride
    dh, dw = dilation
    read = np.zeros((h, w), bool)
    oh = walk(h, kh, t, b, sh, dh)
    ow = walk(w, kw, left, r, sw, dw)
    for i in range(oh):
        for j in range(ow):
            for a in range(kh):
                for c in range(kw):
                    y, x = i * sh + a * dh - t, j * sw + c * dw - left
                    if 0 <= y < h and 0 <= x < w:
                        read[y, x] = True
    return read


def table_rows(text):
    """The table's lines split into columns (labels may hold spaces and commas)."""
    lines = text.splitlines()
    return lines[0].split(), [line.rsplit(maxsplit=8) for line in lines[1:]]


def test_lesson_data_is_read_only_and_as_described():
    """X holds 6*row + column + 1; the 3x3 kernel is not symmetric; EVEN_K is 2x2."""
    r, c = np.indices((6, 6))
    assert np.array_equal(sizes.STEP_X, 6 * r + c + 1)
    assert not np.array_equal(sizes.STEP_K, sizes.STEP_K[::-1, ::-1])
    assert sizes.EVEN_K.shape == (2, 2)
    for arr in (sizes.STEP_X, sizes.STEP_K, sizes.EVEN_K):
        assert not arr.flags.writeable


def test_size_table_columns_match_a_walk():
    """Every line's padding, span, padded size and result agree with walking the window."""
    head, rows = table_rows(sizes.size_table(6))
    assert head[-2:] == ["(n+P-span)//s+1", "output_shape"]
    assert len(rows) == len(sizes.SIZE_CASES)
    for (label, k, options), row in zip(sizes.SIZE_CASES, rows, strict=True):
        _, kk, padding, s, d, span, padded, rule, got = row
        before, after = (int(v) for v in padding.split("+"))
        assert row[0].strip() == label and int(kk) == k
        assert int(s) == options.get("stride", 1) and int(d) == options.get("dilation", 1)
        assert int(span) == int(d) * (k - 1) + 1 and int(padded) == 6 + before + after
        assert int(rule) == int(got) == walk(6, k, before, after, int(s), int(d))


def test_size_table_padding_follows_the_modes():
    """'same' pads d(k-1) in total with the extra cell after; 'full' pads d(k-1) on each side."""
    _, rows = table_rows(sizes.size_table(6))
    by = {(r[0].strip(), int(r[1])): r[2] for r in rows}
    assert by["same", 3] == "1+1" and by["full", 3] == "2+2" and by["valid", 3] == "0+0"
    assert by["same, even kernel", 2] == "0+1" and by["same, even kernel", 4] == "1+2"
    assert by["dilation 2, same", 3] == "2+2"


def test_size_table_refuses_bad_cases():
    """A case that is not (label, k, options) and a kernel that does not fit are named."""
    with pytest.raises(TypeError, match=r"cases\[0\] must be \(label, k, options\)"):
        sizes.size_table(6, [("valid", 3)])
    with pytest.raises(ValueError, match="kernel is larger than the padded input"):
        sizes.size_table(6, [("too big", 3, {"dilation": 3})])
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        sizes.size_table(0)


def test_cells_read_with_stride_skips_the_last_column():
    """Stride 2 over 6 cells with a 3-wide kernel leaves the last row and column unread."""
    read = sizes.cells_read((6, 6), (3, 3), stride=2)
    assert read.dtype == bool and read.shape == (6, 6)
    assert not read[-1].any() and not read[:, -1].any() and read[:-1, :-1].all()


def test_cells_read_gaps_between_windows():
    """A stride larger than the kernel leaves columns between windows unread."""
    read = sizes.cells_read((1, 12), (1, 3), stride=4)
    assert np.flatnonzero(~read[0]).tolist() == [3, 7, 11]


@settings(max_examples=60, deadline=None)
@given(h=st.integers(1, 9), w=st.integers(1, 9), kh=st.integers(1, 4), kw=st.integers(1, 4),
       t=st.integers(0, 3), b=st.integers(0, 3), left=st.integers(0, 3), r=st.integers(0, 3),
       sh=st.integers(1, 4), sw=st.integers(1, 4), dh=st.integers(1, 3), dw=st.integers(1, 3))
def test_cells_read_matches_a_loop(h, w, kh, kw, t, b, left, r, sh, sw, dh, dw):
    """For any shape, padding, stride and dilation where the kernel fits, the mask equals a plain loop."""
    if dh * (kh - 1) + 1 > h + t + b or dw * (kw - 1) + 1 > w + left + r:
        return
    got = sizes.cells_read((h, w), (kh, kw), padding=((t, b), (left, r)), stride=(sh, sw), dilation=(dh, dw))
    want = reference_read((h, w), (kh, kw), ((t, b), (left, r)), (sh, sw), (dh, dw))
    assert np.array_equal(got, want)


def test_cells_read_refuses_a_bad_shape():
    """A shape that is not two positive integers is named."""
    with pytest.raises(ValueError, match=r"input_shape\[1\] must be an integer >= 1"):
        sizes.cells_read((6, 0), (3, 3))


def test_frame_mean_matches_a_mask():
    """The mean of the outer frame equals the mean over a boolean mask of the frame."""
    rng = np.random.default_rng(2)
    img = rng.random((11, 8))
    for width in (1, 2, 3):
        mask = np.ones(img.shape, bool)
        mask[width:-width, width:-width] = False
        assert sizes.frame_mean(img, width) == pytest.approx(img[mask].mean())


def test_frame_mean_refuses_a_frame_too_thick():
    """A frame that would cover the whole picture, and a 3-D picture, are refused with the reason."""
    with pytest.raises(ValueError, match="width must be an integer"):
        sizes.frame_mean(np.zeros((4, 6)), 2)
    with pytest.raises(ValueError, match="image must be a 2-D picture"):
        sizes.frame_mean(np.zeros((4, 6, 3)), 1)
