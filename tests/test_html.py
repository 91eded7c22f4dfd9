"""Tests of convlib.html: the grids of a convolution's and a pooling's steps."""

from __future__ import annotations

import re

import numpy as np

from convlib import pool_trace, trace
from convlib.html import Grid, equation_html, pool_padding_words, trace_grids, window_grid

P = [[1, 2, 0, 3], [4, 6, 5, 1], [0, 2, 7, 8], [3, 1, 2, 4]]


def texts(html):
    """Every data cell's text, row by row."""
    return re.findall(r"<td [^>]*>([^<]*)", html)


def titles(html):
    """Every data cell's tooltip, row by row."""
    return re.findall(r'<td [^>]*title="([^"]*)"', html)


def test_grid_texts_and_titles_replace_numbers_and_tooltips():
    """texts= and titles= change what chosen cells read and say; the others keep their number."""
    g = Grid(np.array([[1.0, np.nan]]), "Input X", "X", texts={(0, 1): "-∞"},
             titles={(0, 1): "padding: never wins"})
    html = g.render()
    assert texts(html) == ["1", "-∞"] and titles(html) == ["X[0,0] = 1", "padding: never wins"]


def test_grid_marks_and_strong_cells():
    """marks= writes a corner label as given; strong= gives the cell class convlib-winner."""
    html = Grid(np.array([[1, 9]]), "W", "W").render(strong=[(0, 1)], marks={(0, 1): "max"})
    assert re.search(r'class="convlib-cell convlib-winner"[^>]*>9<span class="convlib-mark">max</span>', html)
    assert html.count("convlib-winner") == 1


def test_grid_escapes_what_it_writes():
    """Texts and titles are HTML-escaped."""
    html = Grid(np.array([[1]]), "<b>", "X", texts={(0, 0): "<i>"}, titles={(0, 0): 'a "quote"'}).render()
    assert "&lt;i&gt;" in html and "a &quot;quote&quot;" in html and "<i>" not in html


def test_convolution_grids_are_unchanged():
    """A convolution trace still gives input, kernel and output grids, the kernel captioned."""
    inp, ker, out = trace_grids(trace(P, [[1, 0], [0, -1]]))
    assert "Kernel K" in ker.render() and "Input X" in inp.render() and "Output Y" in out.render()


def test_pooling_grids_have_no_kernel_and_padding_in_words():
    """A pooling trace: no kernel grid; padding cells read -∞ (max), blank (left out) or 0 (counted)."""
    expected = [("max", False, "-∞", "minus infinity, never the largest"),
                ("average", False, "", "left out of the mean"),
                ("average", True, "0", "counted as 0 in the mean")]
    for kind, include, text, words in expected:
        t = pool_trace(P, 2, kind=kind, padding=1, count_include_pad=include)
        inp, ker, out = trace_grids(t)
        html = inp.render()
        assert ker is None and pool_padding_words(t) == (text, words)
        assert texts(html)[:6] == [text] * 6 and f"Input X (padding: {words})" in html
        assert f"padding X[-1,-1]: {words}" in titles(html)[0]


def test_pooling_without_padding_says_nothing_of_padding():
    """No padding, no words about it in the caption."""
    inp, _, _ = trace_grids(pool_trace(P, 2))
    assert "<caption>Input X</caption>" in inp.render()


def test_window_grid_labels_cells_as_in_the_input():
    """The window of Y[1,1] (rows 2-3, columns 2-3 of X) is labelled with X's indices, the 8 marked max."""
    t = pool_trace(P, 2)
    html = window_grid(t, t.steps[3])
    assert titles(html) == ["X[2,2] = 7", "X[2,3] = 8", "X[3,2] = 2", "X[3,3] = 4"]
    assert re.search(r"convlib-winner[^>]*>8<span class=\"convlib-mark\">max", html)
    assert "<caption>Window of Y[1,1]</caption>" in html
    assert 'aria-label="Window of Y[1,1], its largest value marked max, 2 by 2"' in html


def test_window_grid_of_an_average_names_the_count():
    """An average's window says how many cells the mean divides by, and marks no winner."""
    t = pool_trace(P, 2, kind="average", padding=1)
    html = window_grid(t, t.steps[0], names=("A", "W", "B"))
    assert 'aria-label="Window of B[0,0], the mean of 1 cell, 2 by 2"' in html
    assert "convlib-winner" not in html
    assert titles(html)[-1] == "A[0,0] = 1" and "padding A[-1,-1]: left out of the mean" in titles(html)[0]


def test_window_grid_uses_the_input_colours():
    """A window cell has the colour of the same cell in the input grid."""
    t = pool_trace(P, 2)
    colour = re.compile(r'title="X\[1,1\] = 6"')
    inp = trace_grids(t)[0].render()
    win = window_grid(t, t.steps[0])

    def style(html):
        return re.search(r'style="([^"]*)" ' + colour.pattern, html).group(1)

    assert style(inp) == style(win)


def test_equation_html_of_a_pooling_step():
    """The pooling equation line carries its step number, like a convolution's."""
    t = pool_trace(P, 2)
    line = equation_html(t.steps[2], len(t))
    assert line == ('<span class="convlib-eq" data-step="2" data-total="4">Step 3 of 4: '
                    "Y[1,0] = max(0, 2, 3, 1) = 3</span>")
