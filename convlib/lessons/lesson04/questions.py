"""The questions of lesson 04, "Textures and patterns".

Five questions, ``q1`` to ``q5``, used by
``notebooks/04-textures-and-patterns.ipynb``::

    from convlib.exercises import ____
    from convlib.lessons.lesson04 import q1, q2, q3, q4, q5

    q1.show()          # the question and its data
    answer = ____      # the learner replaces the blank
    q1.check(answer)   # Correct / Incorrect / Not attempted, with a message
    q1.hint()          # hint 1; q1.hint(2) for hint 2
    q1.solution()

Every expected answer is computed here with convlib (:func:`convlib.kernels.gabor`,
:mod:`convlib.textures`) from the data below, never typed by hand.  Angles are
in degrees; an orientation and the same orientation plus 180 degrees find the
same stripes, so both are accepted.

Examples
--------
>>> q1.check(____)
Not attempted: Replace `____` with your answer, then run the cell again.
>>> q1.check(90).correct, q1.check(270).correct, q2.check(6).correct, q5.check(135).correct
(True, True, True, True)
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ..._validate import read_only
from ...conv import format_number
from ...data import checkerboard, stripes
from ...exercises import CheckResult, Question, Solution, ____, check_choice, check_number, code_block
from ...kernels import gabor
from ...textures import energy_maps, filter_response, gabor_bank, texture_energy

__all__ = [
    "____",
    "Q1_X",
    "Q2_ROW",
    "Q2_X",
    "Q3_STATEMENTS",
    "Q3_X",
    "Q4_CHOICES",
    "Q4_ROW",
    "Q4_X",
    "Q5_THETAS",
    "Q5_WAVELENGTH",
    "Q5_X",
    "QUESTIONS",
    "q1",
    "q2",
    "q3",
    "q4",
    "q5",
]

_frozen = read_only
_block = code_block
_f = format_number


def _plain_number(answer) -> float | None:
    """The learner's answer as a float when it is a real number (not a bool), else None."""
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        answer = answer.item()
    real = isinstance(answer, (numbers.Real, np.integer, np.floating))
    if real and not isinstance(answer, (bool, np.bool_)):
        value = float(answer)
        return value if math.isfinite(value) else None
    return None


def _energy_table(energies: dict) -> str:
    return ", ".join(f"{t}°: {e:.4f}" for t, e in energies.items())


def _check_orientation(answer, accepted: tuple[float, ...], *, name: str, mistakes: dict,
                       explanation: str, table: str) -> CheckResult:
    """Check an orientation in degrees, modulo 180 (theta and theta + 180 find the same stripes).

    ``mistakes`` maps an orientation from 0 to 180 to what it reveals.
    """
    value = _plain_number(answer)
    if value is None:  # blanks, text, lists...: check_number's messages
        return check_number(answer, accepted[0], name=name)
    for rad in (math.pi / 2, math.pi / 4, 3 * math.pi / 4, math.pi):
        if abs(abs(value) - rad) < 0.01:
            return CheckResult("incorrect", (
                f"You gave {_f(round(value, 4))}, which looks like an angle in radians "
                f"({_f(round(value, 4))} rad = {_f(round(math.degrees(value)))}°). Give the orientation in "
                "degrees, as `gabor` takes it."))
    turned = value % 180
    same = "" if turned == value else (f"{_f(value)}° is the same orientation as {_f(round(turned, 6))}° "
                                       "(a half turn finds the same stripes). ")
    def near(a):
        return abs(turned - a) < 0.5 or abs(turned - a) > 179.5

    if any(near(a) for a in accepted):
        return CheckResult("correct", same + explanation)
    note = next((text for a, text in mistakes.items() if near(a)), "")
    want = " or ".join(f"{_f(a)}°" for a in accepted)
    text = f"{same}{name[0].upper()}{name[1:]} is {want}; you gave {_f(round(turned, 6))}°. {note}".rstrip()
    return CheckResult("incorrect", f"{text} Energies by orientation: {table}.")


# --------------------------------------------------------------------------
# q1: which orientation responds to these stripes?
# --------------------------------------------------------------------------
#: Stripes of period 4 whose brightness changes down the columns: every row is one grey (question 1).
Q1_X = _frozen(stripes((12, 12), period=4, angle=90).round(2))
_Q1_THETAS = tuple(range(0, 180, 15))
_Q1_ENERGY = {t: float(texture_energy(Q1_X, gabor(t, 4), sigma=2).mean()) for t in _Q1_THETAS}
_Q1_ANSWER = max(_Q1_ENERGY, key=_Q1_ENERGY.get)
_Q1_ALONG = (_Q1_ANSWER + 90) % 180

q1 = Question(
    "q1",
    "Which orientation finds these stripes?",
    f"{_block('Q1_X', Q1_X)}\n\nFor which orientation `theta` (in degrees, from 0 to 180) does "
    "`gabor(theta, wavelength=4)` respond most to `Q1_X`? Remember convlib's convention: `theta` is the "
    "direction in which the wave runs, measured from x (right) towards y (down).",
    lambda answer: _check_orientation(
        answer, (_Q1_ANSWER,), name="the orientation θ",
        mistakes={
            _Q1_ALONG: (f"{_Q1_ALONG}° is the direction in which the stripes run (along the rows: every row "
                        f"of Q1_X is one grey). θ is the direction across them, in which the brightness "
                        f"changes: down the columns, {_Q1_ANSWER}°. A kernel at {_Q1_ALONG}° sees one grey "
                        "along its wave and answers almost nothing."),
            45: "The stripes are not diagonal: every row of Q1_X is one grey, so they run straight across.",
            135: "The stripes are not diagonal: every row of Q1_X is one grey, so they run straight across.",
            4: "4 is the stripes' period (the wavelength, in pixels), not their orientation.",
        },
        explanation=(f"θ = {_Q1_ANSWER}°: the brightness of Q1_X changes down the columns (1, 0.5, 0, 0.5, "
                     "...), so the wave must run downwards, across the horizontal stripes. "
                     f"θ = {_Q1_ANSWER + 180}° finds them too."),
        table=_energy_table(_Q1_ENERGY)),
    hints=[
        "Look down a column of Q1_X, then along a row. In which direction does the brightness change? "
        "`theta` is that direction, not the direction of the stripes.",
        "Measure it: `from convlib.textures import texture_energy` and `from convlib.kernels import "
        "gabor`, then compare `texture_energy(Q1_X, gabor(theta, 4), sigma=2).mean()` for theta = 0, 45, 90 "
        "and 135.",
    ],
    solution=Solution(
        "from convlib.kernels import gabor\n"
        "from convlib.textures import texture_energy\n"
        "from convlib.lessons.lesson04 import Q1_X\n"
        "energy = {theta: texture_energy(Q1_X, gabor(theta, 4), sigma=2).mean()\n"
        "          for theta in range(0, 180, 15)}\n"
        f"theta = max(energy, key=energy.get)   # {_Q1_ANSWER}",
        f"The brightness changes down the columns, so the wave runs at {_Q1_ANSWER}°, across the stripes.",
    ),
)


# --------------------------------------------------------------------------
# q2: which wavelength matches the period?
# --------------------------------------------------------------------------
_Q2_PERIOD = 6
#: Vertical stripes of period 6, 64 x 64 (question 2).
Q2_X = _frozen(stripes((64, 64), period=_Q2_PERIOD, angle=0).round(2))
#: The first 12 values of a row of Q2_X.
Q2_ROW = _frozen(Q2_X[0, :12])
_Q2_WAVELENGTHS = tuple(range(2, 17))
_Q2_ENERGY = {w: float(texture_energy(Q2_X, gabor(0, w), sigma=3)[16:-16, 16:-16].mean())
              for w in _Q2_WAVELENGTHS}
_Q2_ANSWER = max(_Q2_ENERGY, key=_Q2_ENERGY.get)


def _q2_mistakes() -> list:
    w = _Q2_ANSWER
    return [
        (1 / w, f"That is the frequency, 1/{w} of a cycle per pixel. The wavelength is its inverse: the "
                "number of pixels per cycle, from one bright line to the next. (scikit-image's `gabor` takes "
                "the frequency; convlib's `gabor` takes the wavelength.)"),
        (2 * math.pi / w, f"That is 2π/{w}, the angular frequency (radians per pixel); the wavelength is the "
                          "number of pixels from one bright line to the next."),
        (w / 2, f"That is the distance from a bright line to the next dark one: half a period. The "
                f"wavelength runs from one bright line to the next bright line: {w} pixels."),
        (Q2_ROW.size / w, f"That is how many periods fit in the {Q2_ROW.size} pixels shown; the wavelength "
                          "is the length of one of them."),
        (2 * w, "That is two periods: count from one bright line (value 1) to the very next one."),
    ]


q2 = Question(
    "q2",
    "A wavelength for these stripes",
    "`Q2_X` is a 64×64 picture of vertical stripes; every row starts like this:\n"
    f"{_block('Q2_ROW', Q2_ROW)}\n\n"
    "Which `wavelength` (in pixels) should `gabor(0, wavelength)` have to respond most to `Q2_X`? "
    "Give a number.",
    lambda answer: check_number(
        answer, _Q2_ANSWER, name="the wavelength", rtol=0, atol=0.3, mistakes=_q2_mistakes(),
        explanation=(f"λ = {_Q2_ANSWER} pixels: the bright lines (value 1) of Q2_ROW are at columns "
                     f"{', '.join(str(int(c)) for c in np.flatnonzero(Q2_ROW == 1))}, "
                     f"{_Q2_ANSWER} apart. The "
                     f"energy of gabor(0, λ) on Q2_X peaks there ({_Q2_ENERGY[_Q2_ANSWER]:.3f}) and falls on "
                     f"both sides ({_Q2_ENERGY[_Q2_ANSWER - 2]:.3f} at λ = {_Q2_ANSWER - 2} and "
                     f"{_Q2_ENERGY[_Q2_ANSWER + 2]:.3f} at λ = {_Q2_ANSWER + 2}).")),
    hints=[
        "The wavelength is the number of pixels from one crest of the wave to the next: here, from one "
        "bright line (value 1) to the next bright line.",
        "Find the columns where Q2_ROW is 1 (`np.flatnonzero(Q2_ROW == 1)`) and take the gap between them. "
        "Or measure: compare `texture_energy(Q2_X, gabor(0, w), sigma=3).mean()` for w from 2 to 16.",
    ],
    solution=Solution(
        "import numpy as np\n"
        "from convlib.lessons.lesson04 import Q2_ROW\n"
        "bright = np.flatnonzero(Q2_ROW == 1)        # the columns of the bright lines\n"
        f"wavelength = bright[1] - bright[0]         # {_Q2_ANSWER} pixels from one bright line to the next",
        "The wavelength is the period in pixels, the inverse of the frequency.",
    ),
)


# --------------------------------------------------------------------------
# q3: why energy, and not the raw response?
# --------------------------------------------------------------------------
#: Vertical stripes of period 8 (question 3): the stripes ``gabor(0, 8)`` is made for.
Q3_X = _frozen(stripes((48, 48), period=8, angle=0))
_Q3_R = filter_response(Q3_X, gabor(0, 8))[16:-16, 16:-16]
_Q3_NOISE = np.random.default_rng(1).normal(0.5, 0.2, (48, 48))
_Q3_NOISE_ENERGY = float(texture_energy(_Q3_NOISE, gabor(0, 8))[16:-16, 16:-16].mean())

#: The statements of question 3.
Q3_STATEMENTS = {
    "A": "The raw response is too small to see; squaring makes it larger.",
    "B": "Squaring turns the filter towards the stripes' direction, so that it finds stripes it would miss.",
    "C": "On the stripes it is made for, the raw response swings from positive to negative with the stripes, "
         "so its local average is about 0; its square is never negative, so the average of the square stays "
         "large wherever the stripes are.",
    "D": "Squaring removes the noise: its positive and negative values cancel out.",
}
_Q3_TRUTH = {
    "A": bool((_Q3_R ** 2 > np.abs(_Q3_R)).any()),   # squaring makes no value of this response larger
    "B": False,   # energy is R**2 averaged: where R is 0 (across the stripes), the energy is 0 too
    "C": bool(abs(_Q3_R.mean()) < 0.01 < (_Q3_R ** 2).mean() and _Q3_R.min() < 0 < _Q3_R.max()),
    "D": _Q3_NOISE_ENERGY <= 0,
}
[_Q3_ANSWER] = [k for k, true in _Q3_TRUTH.items() if true]

q3 = Question(
    "q3",
    "Why energy, and not the raw response?",
    "Texture energy is the local average of the squared response. Why square before averaging? Answer with "
    "the letter, in quotes.\n\n" + "\n".join(f"`'{k}'`: {v}" for k, v in Q3_STATEMENTS.items())
    + "\n\nYou can test them on `Q3_X`, vertical stripes of period 8, with `R = filter_response(Q3_X, "
    "gabor(0, 8))` (from `convlib.textures` and `convlib.kernels`).",
    lambda answer: check_choice(
        answer, _Q3_ANSWER, tuple(Q3_STATEMENTS), name="the statement",
        mistakes={
            "A": ("Squaring does not make small values larger: the response of gabor(0, 8) on Q3_X lies "
                  f"between {_Q3_R.min():.2f} and {_Q3_R.max():.2f}, and squaring makes every value below 1 "
                  "smaller. What matters is the sign."),
            "B": ("Squaring cannot change which stripes a filter finds: where the raw response is 0 (stripes "
                  "across the wave), its square is 0 too. The orientation is set by θ alone."),
            "D": ("Squaring makes the noise's negative values positive, so they add up instead of "
                  "cancelling: on noise alone (standard deviation 0.2) the energy of gabor(0, 8) is "
                  f"{_Q3_NOISE_ENERGY:.4f}, not 0. Averaging over a neighbourhood is what calms noise."),
        },
        explanation=(f"On Q3_X the raw response of gabor(0, 8) runs from {_Q3_R.min():.2f} to "
                     f"{_Q3_R.max():.2f} with the stripes, and its average is {abs(_Q3_R.mean()):.3f}; the "
                     f"average of its square is {(_Q3_R ** 2).mean():.3f}. The energy says \"these stripes "
                     "are here\" at every pixel, "
                     "bright line or dark line.")),
    hints=[
        "Compute `R = filter_response(Q3_X, gabor(0, 8))` and look at one row: `R[24].round(2)`. What is "
        "its sign on a bright line, and on a dark one?",
        "Compare `R[16:-16, 16:-16].mean()` with `(R[16:-16, 16:-16] ** 2).mean()` (the middle, away from "
        "the borders).",
    ],
    solution=Solution(
        f"answer = {_Q3_ANSWER!r}",
        "The raw response follows the wave, positive and negative; its square does not cancel."),
)


# --------------------------------------------------------------------------
# q4: which filter wins on this patch?
# --------------------------------------------------------------------------
_Q4_BANK = gabor_bank(thetas=(0, 90), wavelengths=(4, 8))
_Q4_ORDER = (3, 0, 2, 1)       # the bank's filters in the order the letters list them
#: The filters question 4 offers, by letter: ``(theta, wavelength)``.
Q4_CHOICES = {letter: (int(_Q4_BANK[k].theta), int(_Q4_BANK[k].wavelength))
              for letter, k in zip("ABCD", _Q4_ORDER, strict=True)}
#: A patch of vertical stripes of period 8, 32 x 32 (question 4).
Q4_X = _frozen(stripes((32, 32), period=8, angle=0).round(2))
#: The first 16 values of a row of Q4_X.
Q4_ROW = _frozen(Q4_X[0, :16])
_Q4_ENERGY = {letter: float(e.mean()) for letter, e in
              zip("ABCD", energy_maps(Q4_X, [_Q4_BANK[k] for k in _Q4_ORDER]), strict=True)}
_Q4_ANSWER = max(_Q4_ENERGY, key=_Q4_ENERGY.get)


def _q4_letter(theta, wavelength) -> str:
    return next(k for k, v in Q4_CHOICES.items() if v == (theta, wavelength))


def _q4_mistakes() -> dict:
    theta, lam = Q4_CHOICES[_Q4_ANSWER]
    other = (theta + 90) % 180
    short = [w for w in (4, 8) if w != lam][0]
    e = _Q4_ENERGY
    return {
        _q4_letter(other, lam): (
            f"θ = {other}° runs its wave along the stripes: every row of Q4_X changes from left to right, "
            f"but each column is one grey, so a wave running down the columns sees nothing (energy "
            f"{e[_q4_letter(other, lam)]:.4f}). θ is the direction across the stripes: {theta}°."),
        _q4_letter(theta, short): (
            f"The direction is right, but λ = {short} is half the period: {short} pixels is from a bright "
            f"line to the next dark one. The bright lines of Q4_ROW (value 1) are {lam} pixels apart (energy "
            f"{e[_q4_letter(theta, short)]:.4f} against {e[_Q4_ANSWER]:.4f})."),
        _q4_letter(other, short): (
            f"Both the direction and the wavelength are off: θ is the direction across the stripes "
            f"({theta}°, the way each row changes) and λ the distance from one bright line to the next "
            f"({lam} pixels)."),
    }


q4 = Question(
    "q4",
    "Which filter wins on this patch?",
    "`Q4_X` is a 32×32 patch of vertical stripes; every row starts like this:\n"
    f"{_block('Q4_ROW', Q4_ROW)}\n\n"
    "A bank holds four Gabor filters, `gabor(theta, wavelength)`:\n\n"
    + "\n".join(f"`'{k}'`: θ = {t:g}°, λ = {w:g} pixels" for k, (t, w) in Q4_CHOICES.items())
    + "\n\nWhich filter has the most energy on `Q4_X`? Predict it first, then check with "
    "`energy_maps` from `convlib.textures`. Answer with the letter, in quotes.",
    lambda answer: check_choice(
        answer, _Q4_ANSWER, tuple(Q4_CHOICES), name="the winning filter", mistakes=_q4_mistakes(),
        explanation=(f"Filter {_Q4_ANSWER}, θ = {Q4_CHOICES[_Q4_ANSWER][0]:g}° and λ = "
                     f"{Q4_CHOICES[_Q4_ANSWER][1]:g}: its wave runs along the rows, across the stripes, with "
                     f"crests as far apart as the bright lines. Mean energies: "
                     + ", ".join(f"{k} {v:.4f}" for k, v in _Q4_ENERGY.items()) + ".")),
    hints=[
        "Two questions: in which direction does the brightness of Q4_X change (that is θ), and how many "
        "pixels are there from one bright line to the next (that is λ)?",
        "Check: `bank = [gabor(t, w) for t, w in Q4_CHOICES.values()]`, then "
        "`energy_maps(Q4_X, bank).mean(axis=(1, 2))` gives one mean energy per letter, in order.",
    ],
    solution=Solution(
        "from convlib.kernels import gabor\n"
        "from convlib.textures import energy_maps\n"
        "from convlib.lessons.lesson04 import Q4_X, Q4_CHOICES\n"
        "energy = energy_maps(Q4_X, [gabor(t, w) for t, w in Q4_CHOICES.values()]).mean(axis=(1, 2))\n"
        f"answer = list(Q4_CHOICES)[energy.argmax()]   # {_Q4_ANSWER!r}",
        "The filter whose wave runs across the stripes with the stripes' period wins.",
    ),
)


# --------------------------------------------------------------------------
# q5: a checkerboard
# --------------------------------------------------------------------------
_Q5_SQUARE = 4
#: A checkerboard of 4 x 4 pixel squares, 32 x 32 (question 5).
Q5_X = _frozen(checkerboard((32, 32), square=_Q5_SQUARE))
#: The wavelength of the filters of question 5: the period along a row, two squares.
Q5_WAVELENGTH = 2 * _Q5_SQUARE
#: The orientations compared in question 5, in degrees.
Q5_THETAS = (0, 15, 30, 45, 60, 75, 90, 105, 120, 135, 150, 165)
_Q5_ENERGY = {t: float(texture_energy(Q5_X, gabor(t, Q5_WAVELENGTH)).mean()) for t in Q5_THETAS}
_Q5_TOP = max(_Q5_ENERGY.values())
_Q5_ANSWERS = tuple(t for t, e in _Q5_ENERGY.items() if e > _Q5_TOP * (1 - 1e-6))
_Q5_DIAGONAL = _Q5_SQUARE * math.sqrt(2)


def _q5_axis_text(theta: int) -> str:
    return ("The sides of the squares run at 0° and 90°, but a checkerboard is not stripes in those "
            f"directions. Along a row the brightness flips every {_Q5_SQUARE} pixels, and {_Q5_SQUARE} rows "
            f"lower it flips the other way, so a wave at {theta}° sees as much bright as dark under each "
            f"lobe: energy {_Q5_ENERGY[theta]:.4f}, against {_Q5_TOP:.4f} on the diagonals, where the "
            f"squares of one colour line up like stripes {_Q5_DIAGONAL:.2f} pixels apart.")


q5 = Question(
    "q5",
    "What does a checkerboard look like to a Gabor filter?",
    f"`Q5_X` is a 32×32 checkerboard of {_Q5_SQUARE}×{_Q5_SQUARE} squares:\n"
    f"{_block('Q5_X[:8, :8]', Q5_X[:8, :8])}\n\n"
    f"For which orientation `theta` (degrees, from 0 to 180) does `gabor(theta, {Q5_WAVELENGTH})` find the "
    "most "
    f"energy in `Q5_X` (`texture_energy(Q5_X, gabor(theta, {Q5_WAVELENGTH})).mean()`), among "
    f"{', '.join(map(str, Q5_THETAS))}? If two tie, either is right.",
    lambda answer: _check_orientation(
        answer, _Q5_ANSWERS, name="the orientation θ",
        mistakes={0: _q5_axis_text(0), 90: _q5_axis_text(90)},
        explanation=(f"θ = {' or '.join(f'{t}°' for t in _Q5_ANSWERS)}: along the diagonals, squares of one "
                     f"colour line up into stripes, {_Q5_DIAGONAL:.2f} pixels apart ({_Q5_SQUARE}·√2); the "
                     f"two diagonals tie ({_Q5_TOP:.4f}). Along the rows and columns the energy is only "
                     f"{_Q5_ENERGY[0]:.4f}: a checkerboard has no stripes in the directions of its sides."),
        table=_energy_table(_Q5_ENERGY)),
    hints=[
        "Follow a row of Q5_X, then the row 4 pixels below it: do they flip from bright to dark at the same "
        "places? Now follow a diagonal.",
        f"Measure: `energy = {{t: texture_energy(Q5_X, gabor(t, {Q5_WAVELENGTH})).mean() "
        "for t in Q5_THETAS}` "
        "(from `convlib.textures` and `convlib.kernels`) and take the orientation with the most.",
    ],
    solution=Solution(
        "from convlib.kernels import gabor\n"
        "from convlib.textures import texture_energy\n"
        "from convlib.lessons.lesson04 import Q5_X, Q5_THETAS, Q5_WAVELENGTH\n"
        "energy = {t: texture_energy(Q5_X, gabor(t, Q5_WAVELENGTH)).mean() for t in Q5_THETAS}\n"
        f"theta = max(energy, key=energy.get)   # {_Q5_ANSWERS[0]} "
        f"({' and '.join(map(str, _Q5_ANSWERS))} tie)",
        "A checkerboard's stripes run along its diagonals.",
    ),
)

#: The questions of the lesson, in order.
QUESTIONS = (q1, q2, q3, q4, q5)
