"""Tests of convlib.animate: GIFs of a convolution, step by step, and their command line."""

import matplotlib

matplotlib.use("Agg")

import gc  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image, ImageSequence  # noqa: E402

import convlib.animate as animate  # noqa: E402

# matplotlib warns when an animation that was never rendered is collected; tests that only
# look at an animation's frames or trace collect it themselves (gc.collect) under this mark
unsaved = pytest.mark.filterwarnings("ignore:Animation was deleted without rendering")
from convlib import trace  # noqa: E402
from convlib.animate import MAX_FRAMES, animation, main, parse_matrix, save_gif  # noqa: E402
from convlib.widgets import StepThrough  # noqa: E402

X = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
K = [[0, 1], [1, 0]]
DPI = 40  # small frames keep the tests fast


def frames(path):
    """Every frame of a GIF as an RGB array, with its duration in ms."""
    with Image.open(path) as im:
        return [(np.asarray(f.convert("RGB")), f.info["duration"]) for f in ImageSequence.Iterator(im)]


def run_cli(*args):
    """Run ``python -m convlib.animate`` with ``args``."""
    return subprocess.run([sys.executable, "-m", "convlib.animate", *map(str, args)],
                          capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def article_gif(tmp_path_factory):
    """The lesson 01 example, written once with the default two hold frames."""
    return save_gif(X, K, tmp_path_factory.mktemp("gif") / "article.gif", dpi=DPI)


# --------------------------------------------------------------------------
# the GIF
# --------------------------------------------------------------------------
def test_one_gif_frame_per_step(tmp_path):
    """Without hold frames, the GIF has exactly one frame per step."""
    out = save_gif(X, K, tmp_path / "s.gif", dpi=DPI, hold_last=0, mode="same")
    with Image.open(out) as im:
        assert im.n_frames == len(trace(X, K, mode="same")) == 9


def test_hold_frames_lengthen_the_last_frame(article_gif):
    """The two hold frames keep the last step on screen three frame-times long."""
    got = frames(article_gif)
    assert len(got) == 4  # Pillow stores the identical held frames once, durations added
    durations = [d for _, d in got]
    assert durations[:3] == [660, 660, 660]  # 1000 / 1.5 ms, in GIF centiseconds
    assert durations[3] == pytest.approx(3 * 666, abs=20)


@unsaved
def test_animation_repeats_the_last_step():
    """The animation's frames are the steps in order, then the last step hold_last more times."""
    anim = animation(trace(X, K), hold_last=3)
    steps = anim.frame_steps
    del anim
    gc.collect()
    assert steps == [0, 1, 2, 3, 3, 3, 3]


def test_consecutive_frames_differ(article_gif):
    """Each frame shows something new: the window moves and the output fills."""
    got = [a for a, _ in frames(article_gif)]
    for i, (a, b) in enumerate(zip(got, got[1:], strict=False)):
        assert not np.array_equal(a, b), f"frames {i} and {i + 1} are identical"


def test_first_frame_differs_from_last(article_gif):
    """The animation does not end where it began."""
    got = [a for a, _ in frames(article_gif)]
    assert got[0].shape == got[-1].shape
    assert not np.array_equal(got[0], got[-1])


def test_gif_size_follows_dpi(tmp_path):
    """The frame size is the figure size times dpi."""
    out = save_gif(X, K, tmp_path / "s.gif", dpi=50, hold_last=0)
    with Image.open(out) as im:
        assert im.size == (330, 172)


def test_figure_is_drawn_once_and_updated_in_place(tmp_path, monkeypatch):
    """plot_step is called once; later frames only update its artists."""
    calls = []
    real = animate.plot_step

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(animate, "plot_step", counting)
    save_gif(X, K, tmp_path / "s.gif", dpi=DPI)
    assert len(calls) == 1


def test_no_pyplot_figure_left_open(tmp_path):
    """Writing a GIF leaves no figure open in pyplot."""
    plt.close("all")
    save_gif(X, K, tmp_path / "s.gif", dpi=DPI)
    assert plt.get_fignums() == []


def test_rcparams_unchanged(tmp_path):
    """Writing a GIF changes no matplotlib setting."""
    before = dict(matplotlib.rcParams)
    save_gif(X, K, tmp_path / "s.gif", dpi=DPI)
    assert dict(matplotlib.rcParams) == before


def test_trace_options_reach_the_frames(tmp_path):
    """Trace options such as stride change the number of steps animated."""
    out = save_gif(np.arange(25).reshape(5, 5), np.ones((3, 3)), tmp_path / "s.gif",
                   dpi=DPI, hold_last=0, padding=1, stride=2)
    with Image.open(out) as im:
        assert im.n_frames == 9


# --------------------------------------------------------------------------
# refusals
# --------------------------------------------------------------------------
def test_too_many_frames_refused(tmp_path):
    """More than MAX_FRAMES frames is refused, saying how many there would be."""
    big = np.zeros((20, 20))
    with pytest.raises(ValueError, match=r"would have 402 frames \(400 steps \+ 2 holding"):
        save_gif(big, [[1]], tmp_path / "big.gif")
    assert not (tmp_path / "big.gif").exists()
    assert MAX_FRAMES == 400


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"path": "steps.png"}, ValueError, r"path must end with \.gif; received 'steps\.png'"),
        ({"path": 3}, TypeError, "path must be a file name ending in .gif"),
        ({"path": "no/such/folder/s.gif"}, ValueError, "path must be in an existing folder"),
        ({"fps": 0}, ValueError, r"fps must be a number > 0 and <= 50; received 0"),
        ({"fps": 60}, ValueError, r"fps must be a number > 0 and <= 50; received 60"),
        ({"fps": True}, TypeError, "fps must be a number"),
        ({"dpi": -5}, ValueError, r"dpi must be a number > 0; received -5"),
        ({"hold_last": -1}, ValueError, "hold_last must be an integer >= 0"),
        ({"hold_last": 1.5}, TypeError, "hold_last must be an integer >= 0"),
        ({"colour": "red"}, TypeError, "unknown options colour"),
        ({"stride": 0}, ValueError, "stride must be an integer >= 1"),
    ],
)
def test_bad_arguments_named(tmp_path, monkeypatch, kwargs, error, match):
    """Each bad argument is refused with a message naming it."""
    monkeypatch.chdir(tmp_path)
    kwargs = {"path": "s.gif", **kwargs}
    with pytest.raises(error, match=match):
        save_gif(X, K, **kwargs)


def test_huge_dpi_refused_before_drawing(tmp_path):
    """A dpi that would need gigabytes of frames is refused, with the pixel count."""
    with pytest.raises(ValueError, match=r"too large to write: 6 frames of 66000x34500 pixels"):
        save_gif(X, K, tmp_path / "s.gif", dpi=10_000)


# --------------------------------------------------------------------------
# matrices from text
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 2 3; 4 5 6; 7 8 9", [[1, 2, 3], [4, 5, 6], [7, 8, 9]]),
        ("0 1;1 0", [[0, 1], [1, 0]]),
        ("1,2\n3,4", [[1, 2], [3, 4]]),
        ("  -1, 0 , 1 ;\n\n 2 3 4 ;", [[-1, 0, 1], [2, 3, 4]]),
        ("5", [[5]]),
        ("1 2 3", [[1, 2, 3]]),
    ],
)
def test_parse_integer_matrices(text, expected):
    """Integer text gives the int64 array written."""
    got = parse_matrix(text)
    assert got.dtype == np.int64
    np.testing.assert_array_equal(got, np.array(expected))


def test_parse_float_matrix():
    """Any non-integer makes the whole matrix float."""
    got = parse_matrix("0.5 -1; 2 1e-1")
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, [[0.5, -1.0], [2.0, 0.1]])


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("0 1; 1 0 1", r"^K: row 2 has 3 numbers, row 1 has 2; expected the same count in every row; "
                       r"received '0 1; 1 0 1'$"),
        ("1 2; x 4", r"^K: row 2 has 'x', which is not a number"),
        ("1,,2", r"^K: row 1 has an empty entry"),
        ("", r"^K: expected numbers such as '1 2; 3 4'"),
        (" ; ", r"^K: expected numbers"),
        ("[[1, 2], [3, 4]]", r"^K: expected numbers without brackets"),
        ("1 nan", r"^K: row 1 has 'nan'; expected finite numbers"),
        ("__import__('os')", r"^K: expected numbers without brackets"),
        ("os.system", r"^K: row 1 has 'os.system', which is not a number"),
    ],
)
def test_parse_bad_text(text, match):
    """Bad text is refused with what was expected and what was received."""
    with pytest.raises(ValueError, match=match):
        parse_matrix(text, "K")


# --------------------------------------------------------------------------
# command line
# --------------------------------------------------------------------------
def test_cli_writes_the_article_example(tmp_path):
    """With no matrices the CLI writes the lesson 01 example and reports path and frames."""
    out = tmp_path / "steps.gif"
    done = run_cli(out, "--dpi", DPI)
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout
    assert "6 frames (4 steps, the last held for 2 more)" in done.stdout
    with Image.open(out) as im:
        assert im.n_frames == 4


def test_cli_animates_given_matrices(tmp_path):
    """--input and --kernel text decide the steps of the GIF written."""
    out = tmp_path / "m.gif"
    done = run_cli(out, "--input", "1 2 3 4; 5 6 7 8", "--kernel", "1, -1", "--dpi", DPI, "--hold-last", 0)
    assert done.returncode == 0, done.stderr
    assert "6 frames (6 steps)" in done.stdout
    with Image.open(out) as im:
        assert im.n_frames == 6


@pytest.fixture
def cli_trace(monkeypatch):
    """Run main() in-process without drawing; return the Trace and settings it would animate."""
    seen = {}

    def fake_write(anim, path, dpi):
        seen.update(trace=anim.step_figure.trace, path=path, dpi=dpi, fps=anim.fps,
                    frames=anim.frame_steps)
        path.write_bytes(b"GIF89a")
        return path

    monkeypatch.setattr(animate, "_write", fake_write)

    def run(*args):
        assert main([str(a) for a in args]) == 0
        gc.collect()  # the unsaved animation, while the test's warning filter applies
        return seen

    return run


@unsaved
def test_cli_parses_matrices_and_options(cli_trace, tmp_path):
    """Matrix text and options reach trace exactly as written."""
    got = cli_trace(tmp_path / "o.gif", "--input", "1 2 3\n4 5 6\n7 8 9", "--kernel", "0,1;1,0",
                    "--mode", "same", "--pad-mode", "reflect", "--flip", "--bias", "0.5",
                    "--fps", "3", "--dpi", "72", "--hold-last", "0")
    t = got["trace"]
    np.testing.assert_array_equal(t.image, X)
    np.testing.assert_array_equal(t.kernel, K)
    assert t.options["mode"] == "same" and t.options["pad_mode"] == "reflect"
    assert t.options["flip"] is True and t.options["bias"] == 0.5
    assert (got["fps"], got["dpi"], len(got["frames"])) == (3.0, 72.0, 9)


@unsaved
def test_cli_edge_example(cli_trace, tmp_path):
    """--example edge animates a 7x7 half-dark, half-bright input with a vertical-edge kernel."""
    t = cli_trace(tmp_path / "e.gif", "--example", "edge")["trace"]
    assert t.image.shape == (7, 7)
    assert len(np.unique(t.image[:, :3])) == 1 and len(np.unique(t.image[:, 4:])) == 1
    assert t.image[0, 0] < t.image[0, 6]
    np.testing.assert_array_equal(t.kernel, [[-1, 0, 1]] * 3)
    assert t.output.any() and len(t) == 25


def test_cli_bad_matrix_text(tmp_path):
    """Ragged --kernel text exits with status 2 and a message naming --kernel and both counts."""
    done = run_cli(tmp_path / "x.gif", "--kernel", "0 1; 1 0 1")
    assert done.returncode == 2
    assert "argument --kernel: row 2 has 3 numbers, row 1 has 2" in done.stderr
    assert not (tmp_path / "x.gif").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--input", "1 2; 3 x"], "argument --input: row 2 has 'x', which is not a number"),
        (["--fps", "0"], "argument --fps: expected a number > 0 and <= 50; received '0'"),
        (["--dpi", "big"], "argument --dpi: expected a number > 0; received 'big'"),
        (["--stride", "0"], "argument --stride: expected an integer >= 1; received '0'"),
        (["--padding", "-1"], "argument --padding: expected an integer >= 0; received '-1'"),
        (["--hold-last", "1.5"], "argument --hold-last: expected an integer >= 0; received '1.5'"),
        (["--mode", "wide"], "argument --mode: invalid choice: 'wide'"),
        (["--mode", "same", "--padding", "1"], "--mode and --padding cannot both be given"),
        (["--example", "blur"], "argument --example: invalid choice: 'blur'"),
        (["--kernel", "1 1 1 1"], "kernel is larger than the padded input"),
        (["--input", "0; 0", "--kernel", "1", "--hold-last", "399"], "would have 401 frames"),
    ],
)
def test_cli_bad_options(tmp_path, capsys, args, message):
    """Bad options exit with status 2 and a message naming the option or the problem."""
    with pytest.raises(SystemExit) as info:
        main([str(tmp_path / "x.gif"), *args])
    assert info.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.gif").exists()


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("x.png", "argument OUT: expected a file name ending in .gif; received 'x.png'"),
        ("no/such/x.gif", "argument OUT: expected a file in an existing folder"),
    ],
)
def test_cli_bad_output_path(tmp_path, monkeypatch, capsys, out, message):
    """An output path that is not a .gif in an existing folder exits with status 2, naming OUT."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as info:
        main([out])
    assert info.value.code == 2
    assert message in capsys.readouterr().err


# --------------------------------------------------------------------------
# the widget
# --------------------------------------------------------------------------
def test_widget_save_gif_uses_its_settings(tmp_path):
    """StepThrough.save_gif writes the widget's convolution, with its current options."""
    sw = StepThrough(X, K, mode="full")
    out = sw.save_gif(tmp_path / "w.gif", dpi=DPI, hold_last=0)
    assert out == tmp_path / "w.gif"
    with Image.open(out) as im:
        assert im.n_frames == len(sw.trace) == 16


def test_widgets_import_no_animation_module():
    """Importing convlib.widgets does not import matplotlib.animation."""
    code = "import sys, convlib.widgets; print('matplotlib.animation' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
