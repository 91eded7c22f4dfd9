"""Tests of lesson 07's examples, figures and questions.

References written here: the receptive field found by nudging one input
pixel at a time through the stack (an impulse experiment, no backward
pass), the receptive-field recurrence, a direct double loop for the
kernel's gradient, and the plain loss of gradient descent.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from reference import impulse_field  # noqa: E402

from convlib import correlate2d  # noqa: E402
from convlib.cost import receptive_field  # noqa: E402
from convlib.exercises import ____  # noqa: E402
from convlib.kernels import SOBEL_X  # noqa: E402
from convlib.lessons import lesson07 as L  # noqa: E402
from convlib.lessons.lesson07 import examples as E  # noqa: E402
from convlib.lessons.lesson07 import figures as F  # noqa: E402


@pytest.mark.parametrize("name", list(E.STACKS))
def test_dependency_finds_the_pixels_an_impulse_reaches(name):
    """The non-zero input cells of dependency() are those an impulse experiment finds, for several cells."""
    size, layers = E.STACKS[name]
    last = E.stack_sizes(layers, size)[-1]
    for cell in ((0, 0), (last - 1, last // 2)):
        maps = E.dependency(layers, size, cell)
        np.testing.assert_array_equal(maps[0] > 0, impulse_field(layers, size, cell))
        rows, cols = np.nonzero(maps[0])
        assert rows.max() - rows.min() + 1 == receptive_field(layers) or "dilation" in name


def test_dependency_counts_paths_like_a_stack_of_ones():
    """The counts equal the output of the stack of ones-kernels, read at the cell, for every input pixel."""
    layers = ((3, 1, 1), (2, 2, 1), (3, 1, 1))
    maps = E.dependency(layers, 12, (1, 2))
    for r, c in [(2, 4), (3, 6), (0, 0)]:
        x = np.zeros((12, 12))
        x[r, c] = 1
        for k, s, d in layers:
            x = correlate2d(x, np.ones((k, k)), stride=s, dilation=d)
        assert maps[0][r, c] == x[1, 2]


def test_dependency_names_a_cell_outside_the_output():
    """The chosen cell must lie in the last output; the message gives its size."""
    with pytest.raises(ValueError, match=r"row must be an integer from 0 to 4 \(an output row of the 5×5 output\); received 5"):
        E.dependency(E.STACKS["three 3×3 convolutions"][1], 11, (5, 0))


def test_fit_kernel_follows_the_gradient_of_its_loss():
    """Each step is K - lr * dK with dK from a direct double loop over the output cells; the loss falls."""
    fit = E.fit_kernel(steps=3)
    X = E.fit_photo()
    T = correlate2d(X, SOBEL_X)
    K = fit.kernels[0]
    Y = correlate2d(X, K)
    E_ = 2 * (Y - T) / Y.size
    dK = np.zeros((3, 3))
    for r in range(Y.shape[0]):
        for c in range(Y.shape[1]):
            dK += E_[r, c] * X[r : r + 3, c : c + 3]
    np.testing.assert_allclose(fit.kernels[1], K - E.FIT_LR * dK, rtol=1e-10, atol=1e-12)
    assert fit.losses[0] == pytest.approx(np.mean((Y - T) ** 2))
    assert np.all(np.diff(fit.losses) < 0)


def test_a_large_learning_rate_diverges_and_stops():
    """Beyond 2 over the largest curvature the loss grows; the history stops once it is huge."""
    fit = E.fit_kernel(steps=200, lr=3.0)
    assert fit.losses[-1] > fit.losses[0] and len(fit.losses) < 201


def test_fit_kernel_names_bad_settings():
    """A zero learning rate or step count is refused with the parameter's name."""
    with pytest.raises(ValueError, match="lr must be"):
        E.fit_kernel(lr=0)
    with pytest.raises(ValueError, match="steps must be"):
        E.fit_kernel(steps=0)


def test_backward_example_has_whole_numbers_and_fits():
    """BACK_DY has the shape of the output of BACK_X with BACK_K."""
    assert correlate2d(E.BACK_X, E.BACK_K).shape == E.BACK_DY.shape


# --------------------------------------------------------------------------
# figures
# --------------------------------------------------------------------------
def test_figures_draw_without_error():
    """Each figure draws what it is given: maps, kernels, samples, filters, the confusion and mistakes."""
    from convlib.lessons.lesson07.data import make_shapes
    from convlib.lessons.lesson07.train import load_trained

    assert len(F.plot_dependency(E.STACKS["two 5×5 convolutions"][1], 12, (0, 0))) == 3
    assert len(F.plot_kernel_fit(E.fit_kernel(steps=5))) == 3
    x, y = make_shapes(12, seed=1)
    assert len(F.plot_samples(x, y, 6)) == 6
    net = load_trained()
    assert len(F.plot_filters(net.params["conv1.w"])) == 8
    pred = net.predict(x)
    F.plot_confusion(y, pred)
    wrong = (pred != y).sum()
    assert len(F.plot_mistakes(x, y, (pred + 1) % 4, net.probabilities(x), 4)) == 4
    assert wrong >= 0
    plt.close("all")


def test_confusion_counts_pairs():
    """Rows are true classes, columns answers; the total is the number of pictures."""
    got = F.confusion([0, 0, 1, 3, 3, 3], [0, 1, 1, 3, 3, 2])
    assert got.sum() == 6 and got[0, 1] == 1 and got[3, 3] == 2 and np.trace(got) == 4


def test_mosaic_tiles_maps_with_gaps():
    """Each map lands in its tile, scaled by the stack's largest value; gaps are white."""
    maps = np.stack([np.full((2, 2), v) for v in (1.0, 2.0, 4.0)])
    m = F.mosaic(maps, per_row=2)
    assert m.shape == (5, 5) and m[0, 0] == 0.25 and m[0, 3] == 0.5 and m[3, 0] == 1.0 and m[2, 2] == 1.0


# --------------------------------------------------------------------------
# questions
# --------------------------------------------------------------------------
def test_package_exports_questions_widgets_and_modules():
    """The notebook's imports all exist."""
    for name in ("FeatureMaps", "KernelSteps", "ReceptiveField", "data", "examples", "figures", "train",
                 "q1", "q2", "q3", "q4", "q5"):
        assert hasattr(L, name)


@pytest.mark.parametrize(("answer", "words"), [
    (7, "forgets the dilation"), (17, "spans of the dilated kernels"), (9, "last layer's span"),
    (225, "number of pixels"),
])
def test_q1_diagnoses_each_slip(answer, words):
    """Each likely wrong receptive field is explained."""
    result = L.q1.check(answer)
    assert result.status == "incorrect" and words in result.message


def test_q1_accepts_the_recurrence():
    """1 + 2 + 4 + 8 = 15, as receptive_field says."""
    assert L.q1.check(15).correct and receptive_field(L.Q1_LAYERS) == 15


def test_q2_is_the_full_convolution_and_explains_the_others():
    """The full convolution of dY with K is dX (checked here by finite differences); the others are explained."""
    from convlib import convolve2d

    X, K, G = E.BACK_X.astype(float), E.BACK_K.astype(float), E.BACK_DY.astype(float)
    fd = np.zeros_like(X)
    for a in range(4):
        for b in range(4):
            bump = np.zeros_like(X)
            bump[a, b] = 1e-3
            fd[a, b] = (np.sum(G * correlate2d(X + bump, K)) - np.sum(G * correlate2d(X - bump, K))) / 2e-3
    np.testing.assert_allclose(convolve2d(G, K, mode="full"), fd, atol=1e-9)
    assert L.q2.check("full convolution of dY with K").correct
    assert L.q2.check("Full convolution").correct
    for choice, words in zip(L.Q2_CHOICES[1:], ("wrong neighbour", "That is dK", "partly overlaps"), strict=True):
        result = L.q2.check(choice)
        assert result.status == "incorrect" and words in result.message


def test_q3_accepts_the_double_loop_and_diagnoses_slips():
    """dK from a double loop is right; a convolution, K over dY, or dX get their own explanation."""
    X, G = L.Q3_X, L.Q3_DY
    dK = np.array([[sum(G[r, c] * X[r + i, c + j] for r in range(3) for c in range(3)) for j in range(2)]
                   for i in range(2)])
    assert L.q3.check(dK).correct
    from convlib import convolve2d
    assert "true convolution" in L.q3.check(convolve2d(X, G)).message
    assert "slides K over dY" in L.q3.check(correlate2d(G, E.BACK_K)).message
    assert "That is dX" in L.q3.check(correlate2d(np.pad(G, 1), E.BACK_K[::-1, ::-1])).message
    assert L.q3.check((____, ____)).status == "not_attempted"


@pytest.mark.parametrize(("answer", "words"), [
    ((32, 16, 3, 3), "keeps the batch"), ((8, 16, 3, 3), "swaps filters"), ((16, 3, 3), "input channels"),
    ((32, 16, 14, 14), "shape of dY"), ((32, 8, 14, 14), "shape of dX"), ((1, 2), "parameter's shape"),
    ("16, 8, 3, 3", "give a tuple"),
])
def test_q4_diagnoses_each_slip(answer, words):
    """Each likely wrong shape of dW is explained."""
    result = L.q4.check(answer)
    assert result.status == "incorrect" and words in result.message


def test_q4_accepts_the_weights_shape():
    """dW has the weights' shape (F, C, kh, kw), the batch summed."""
    assert L.q4.check([16, 8, 3, 3]).correct


def test_q5_is_about_a_learning_rate_that_is_too_large():
    """The right choice names a too large rate; the others are explained."""
    assert L.q5.check("too large").correct
    for choice in L.Q5_CHOICES[1:]:
        result = L.q5.check(choice)
        assert result.status == "incorrect" and len(result.message) > 60
    assert E.fit_kernel(steps=20, lr=L.Q5_LR).losses[-1] > 1e3


def test_mosaic_can_scale_each_map_by_itself():
    """With own_scale, every map's largest value is white; an all-zero map stays black."""
    maps = np.stack([np.full((2, 2), 1.0), np.full((2, 2), 4.0), np.zeros((2, 2))])
    m = F.mosaic(maps, per_row=3, own_scale=True)
    assert m[0, 0] == 1.0 and m[0, 3] == 1.0 and m[0, 6] == 0.0
