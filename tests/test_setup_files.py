"""Files the project installs outside the Python package: JupyterLab settings.

The project installs ``jupyter-config/lab/settings/overrides.d/convlib.json``
as ``{sys.prefix}/share/jupyter/lab/settings/overrides.d/convlib.json``
(``[tool.setuptools.data-files]`` in pyproject.toml; setup.py makes
``pip install -e .`` install it too).  JupyterLab reads it as new defaults for
its settings, so a learner who opens the lessons is not asked "Would you like
to get notified about official Jupyter news?" and is not told that "a newer
version of JupyterLab is available".

These tests check the environment they run in (the README's test command
installs the project with ``pip install -e``, like the README's lab command
and Binder do): the file is there, jupyterlab looks for it there, and a real
``jupyter lab`` server reports the new defaults through its settings API.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = None

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "jupyter-config" / "lab" / "settings" / "overrides.d" / "convlib.json"
TARGET_DIR = "share/jupyter/lab/settings/overrides.d"
INSTALLED = Path(sys.prefix) / TARGET_DIR / "convlib.json"
PLUGIN = "@jupyterlab/apputils-extension:notification"
#: What the learner must get: never ask about news, never check for updates.
WANTED = {"fetchNews": "false", "checkForUpdates": False}

REINSTALL = (
    'reinstall the project into this environment (pip install -e ".[test]"); '
    "an editable install without setup.py's work-around leaves data files out"
)


def test_source_file_sets_the_wanted_defaults():
    data = json.loads(SOURCE.read_text())
    assert list(data) == [PLUGIN]
    assert data[PLUGIN] == WANTED


def test_pyproject_installs_the_source_file_into_the_lab_settings_overrides_d():
    if tomllib is None:
        pytest.skip("reading pyproject.toml needs Python 3.11 (tomllib)")
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    data_files = config["tool"]["setuptools"]["data-files"]
    assert data_files[TARGET_DIR] == [SOURCE.relative_to(REPO).as_posix()]


def test_override_is_installed_in_sys_prefix():
    assert INSTALLED.is_file(), f"{INSTALLED} is missing: {REINSTALL}"
    installed = json.loads(INSTALLED.read_text())
    assert installed[PLUGIN] == WANTED
    # An editable install copies the file once; after an edit, reinstall.
    assert installed == json.loads(SOURCE.read_text()), f"{INSTALLED} is out of date: {REINSTALL}"


def test_jupyterlab_reads_overrides_from_sys_prefix():
    """JupyterLab's application directory is {sys.prefix}/share/jupyter/lab here.

    It is not when JUPYTERLAB_DIR is set or JupyterLab is installed with
    ``pip install --user``; then the override would not be seen.
    """
    commands = pytest.importorskip("jupyterlab.commands")
    app_dir = Path(commands.get_app_dir()).resolve()
    assert app_dir == (Path(sys.prefix) / "share" / "jupyter" / "lab").resolve()


def test_a_users_own_overrides_json_still_wins(tmp_path):
    """overrides.d/*.json are read first, the user's overrides.json last."""
    settings_utils = pytest.importorskip("jupyterlab_server.settings_utils")
    (tmp_path / "overrides.d").mkdir()
    shutil.copy(SOURCE, tmp_path / "overrides.d" / "convlib.json")
    overrides, error = settings_utils._get_overrides(str(tmp_path))
    assert not error
    assert overrides[PLUGIN] == WANTED
    (tmp_path / "overrides.json").write_text(json.dumps({PLUGIN: {"fetchNews": "true"}}))
    overrides, error = settings_utils._get_overrides(str(tmp_path))
    assert not error
    assert overrides[PLUGIN] == {"fetchNews": "true", "checkForUpdates": False}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, token: str, timeout: float = 5) -> dict:
    req = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return json.loads(resp.read())


def test_jupyter_lab_settings_api_reports_the_override():
    """A real ``jupyter lab`` serves fetchNews "false" and checkForUpdates false as defaults.

    The server gets fresh, empty user config, data and settings directories,
    like a learner's first start; the browser computes each setting as the
    user's value if any, else the schema's default, which the server has
    already replaced by the override.
    """
    pytest.importorskip("jupyterlab")
    tmp = Path(tempfile.mkdtemp(prefix="convlib-settings-"))
    token = secrets.token_hex(16)
    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(tmp / "config"),
        JUPYTER_DATA_DIR=str(tmp / "data"),
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(tmp / "config" / "lab" / "user-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "config" / "lab" / "workspaces"),
    )
    for name in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTERLAB_DIR"):
        env.pop(name, None)
    (tmp / "root").mkdir()
    log = open(tmp / "lab.log", "wb")  # noqa: SIM115 (closed below)
    proc = None
    try:
        for _attempt in range(3):  # a free port may be taken before the server binds it
            port = _free_port()
            proc = subprocess.Popen(
                [
                    sys.executable, "-m", "jupyter", "lab",
                    "--no-browser", "--allow-root",
                    "--ServerApp.ip=127.0.0.1",
                    f"--IdentityProvider.token={token}",
                    f"--ServerApp.port={port}",
                    "--ServerApp.port_retries=0",
                    f"--ServerApp.root_dir={tmp / 'root'}",
                ],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            base = f"http://127.0.0.1:{port}"
            ready = False
            deadline = time.monotonic() + 120
            while not ready and proc.poll() is None and time.monotonic() < deadline:
                try:
                    _get(f"{base}/api/status", token, timeout=2)
                    ready = True
                except (OSError, urllib.error.URLError):
                    time.sleep(0.25)
            if ready or proc.poll() is None:
                break
        assert ready, "jupyter lab did not start:\n" + (tmp / "lab.log").read_text()[-3000:]
        reply = _get(f"{base}/lab/api/settings/{PLUGIN}", token, timeout=30)
        defaults = {key: spec.get("default") for key, spec in reply["schema"]["properties"].items()}
        composite = {**defaults, **reply["settings"]}
        assert reply["settings"] == {}, "a fresh user has no settings of their own"
        for key, value in WANTED.items():
            assert composite[key] == value, (
                f"jupyter lab reports {key}={composite[key]!r}, not {value!r}; defaults: {defaults}"
            )
    finally:
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


def test_a_built_wheel_holds_every_package_and_the_settings_file(tmp_path):
    """`pip install .` gets all of convlib (its subpackages too) and the JupyterLab defaults."""
    import zipfile

    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(tmp_path), str(REPO)], check=True, cwd=tmp_path, timeout=300)
    [wheel] = tmp_path.glob("convlib-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = sorted(str(p.parent.relative_to(REPO)) for p in (REPO / "convlib").rglob("__init__.py"))
    assert len(packages) >= 6
    missing = [p for p in packages if f"{p}/__init__.py" not in names]
    assert not missing, f"the wheel lacks these packages: {missing}"
    assert any(n.endswith(f"data/{TARGET_DIR}/convlib.json") for n in names), sorted(names)[:20]


def _requirement_lines(path: Path) -> list[str]:
    return [line.split("#")[0].strip() for line in path.read_text().splitlines()
            if line.split("#")[0].strip()]


def test_requirements_txt_is_the_project_and_its_lab_extra():
    """requirements.txt installs the project (-e .) and exactly pyproject's [lab] extra."""
    if tomllib is None:
        pytest.skip("reading pyproject.toml needs Python 3.11 (tomllib)")
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    lines = _requirement_lines(REPO / "requirements.txt")
    assert lines[0] == "-e ."
    assert sorted(lines[1:]) == sorted(project["optional-dependencies"]["lab"])


def test_binder_and_top_level_requirements_both_install_the_project_editable():
    """Both requirement files install the repository itself, so Binder and the README get the same package."""
    for path in (REPO / "requirements.txt", REPO / "binder" / "requirements.txt"):
        assert "-e ." in _requirement_lines(path), path


def test_readme_commands_are_the_two_documented_ones():
    """The README gives the lab command with requirements.txt and the test command with .[test]."""
    readme = (REPO / "README.md").read_text()
    lab = ("python3 -m venv .venv && . .venv/bin/activate && pip install -r requirements.txt && "
           "jupyter lab notebooks/00-index.ipynb")
    test = 'python3 -m venv .venv && . .venv/bin/activate && pip install -e ".[test]" && python -m pytest'
    assert lab in readme and test in readme
    assert test in (REPO / ".ci" / "run").read_text()
