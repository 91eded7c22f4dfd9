"""Tests of convlib.lessons.lesson08.scenes: generated barcode scenes and motion frames, and their truth."""

from __future__ import annotations

import numpy as np
import pytest

from convlib.lessons.lesson08.scenes import (
    BARCODE_SHAPE,
    MOTION_SHAPE,
    barcode_scene,
    example_files,
    motion_frames,
)


@pytest.mark.parametrize("seed", [0, 7, 19, 42])
def test_barcode_scene_is_the_same_for_the_same_seed(seed):
    """A seed gives the same picture and truth every time; another seed another scene."""
    a, b = barcode_scene(seed), barcode_scene(seed)
    assert np.array_equal(a.image, b.image) and a.box == b.box and a.angle == b.angle
    assert not np.array_equal(a.image, barcode_scene(seed + 1).image)


@pytest.mark.parametrize("seed", range(0, 50, 7))
def test_barcode_box_is_the_bounding_box_of_the_bars(seed):
    """The true box holds every bar pixel and touches the bars on all four sides."""
    s = barcode_scene(seed)
    rows, cols = np.nonzero(s.bars)
    assert s.box == (rows.min(), cols.min(), rows.max() + 1, cols.max() + 1)
    assert s.image.shape == BARCODE_SHAPE and 0 <= s.image.min() and s.image.max() <= 1


@pytest.mark.parametrize("seed", range(0, 50, 5))
def test_barcode_box_size_matches_its_tilt(seed):
    """A rectangle L long and H tall turned by the angle spans |L cos| + |H sin| across and |L sin| + |H cos| down."""
    s = barcode_scene(seed)
    t = np.radians(s.angle)
    rows, cols = np.nonzero(s.bars)
    # the bars' own length and height, measured along the turned axes
    u = (cols - cols.mean()) * np.cos(t) - (rows - rows.mean()) * np.sin(t)
    v = (cols - cols.mean()) * np.sin(t) + (rows - rows.mean()) * np.cos(t)
    length, tall = np.ptp(u) + 1, np.ptp(v) + 1
    width = abs(length * np.cos(t)) + abs(tall * np.sin(t))
    height = abs(length * np.sin(t)) + abs(tall * np.cos(t))
    assert abs((s.box[3] - s.box[1]) - width) <= 3 and abs((s.box[2] - s.box[0]) - height) <= 3
    assert -40 <= s.angle <= 40


@pytest.mark.parametrize("seed", range(0, 50, 7))
def test_barcode_has_dark_bars_and_text_lies_elsewhere(seed):
    """Inside the bars' area about half the pixels are dark ink; text never overlaps the barcode."""
    s = barcode_scene(seed)
    dark = (s.image < 0.3) & s.bars
    assert 0.25 < dark.sum() / s.bars.sum() < 0.75
    assert s.text.any() and not (s.text & s.bars).any()


def test_barcode_scene_refuses_small_shapes():
    """Scenes smaller than 120 x 160 have no room for the barcode and its clutter."""
    with pytest.raises(ValueError, match=r"^shape must be at least \(120, 160\); received \(100, 200\)$"):
        barcode_scene(0, (100, 200))


def test_motion_frames_truth_follows_the_object():
    """Each box holds the dark 16 x 16 square; 'moved' is True exactly when the box changed; frame 6 stands still."""
    m = motion_frames()
    assert m.frames.shape == (12, *MOTION_SHAPE)
    for k, (r0, c0, r1, c1) in enumerate(m.boxes):
        assert (r1 - r0, c1 - c0) == (16, 16)
        assert m.frames[k][r0:r1, c0:c1].mean() < m.frames[k].mean() - 0.15
    changed = [k > 0 and tuple(m.boxes[k]) != tuple(m.boxes[k - 1]) for k in range(12)]
    assert m.moved.tolist() == changed and not m.moved[6] and m.moved.sum() == 10


def test_motion_frames_noise_has_the_stated_size():
    """Away from the object two frames differ only by noise: the difference's spread is about sqrt(2) * 0.04."""
    m = motion_frames()
    far = np.ones(MOTION_SHAPE, bool)
    for k in (0, 1):
        r0, c0, r1, c1 = m.boxes[k]
        far[r0:r1, c0:c1] = False
    spread = np.std((m.frames[1] - m.frames[0])[far])
    assert abs(spread - np.sqrt(2) * 0.04) < 0.006


def test_motion_frames_without_a_pause_move_every_time():
    """pause=None: the object moves between every two frames."""
    assert motion_frames(pause=None).moved[1:].all()


def test_motion_frames_refuse_a_single_frame():
    """Motion needs two frames at least."""
    with pytest.raises(ValueError, match=r"^n must be an integer from 2 to 60; received 1$"):
        motion_frames(n=1)


def test_example_files_read_as_the_lesson_says():
    """The lesson's seven example files: four pictures read, three refused."""
    from convlib.imageio import UnreadableImage, read_image

    read, refused = [], []
    for name, data in example_files().items():
        try:
            read_image(data, name=name)
            read.append(name)
        except UnreadableImage:
            refused.append(name)
    assert read == ["sticker.png", "scan.png", "phone.jpg", "icon.gif"]
    assert refused == ["notes.txt", "cut.png", "bomb.png"]
