"""The Binder set-up: what repo2docker would build, and the README's badge.

``repo2docker --no-build --debug <repo>`` prints the Dockerfile it would use
without needing Docker, so these checks are cheap: the image installs
``binder/requirements.txt`` (which installs the project) after the whole
repository is copied in, with Python 3.11; the badge in the README opens a
notebook that exists; every module a lesson imports is installed there; and
every file a lesson reads by relative path is committed.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = None

REPO = Path(__file__).resolve().parent.parent
BINDER = REPO / "binder"
README = REPO / "README.md"
NOTEBOOKS = REPO / "notebooks"

BADGE = re.compile(
    r"https://mybinder\.org/v2/gh/(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+)/(?P<ref>[\w./-]+)"
    r"\?urlpath=(?P<urlpath>[^)\s\"'>]+)"
)


def _requirements() -> list[str]:
    lines = (BINDER / "requirements.txt").read_text().splitlines()
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


def _name(requirement: str) -> str:
    """'numpy>=1.24' -> 'numpy' (PEP 503 normalised)."""
    name = re.split(r"[\s<>=!~;\[@]", requirement, maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def _project() -> dict:
    if tomllib is None:
        pytest.skip("reading pyproject.toml needs Python 3.11 (tomllib)")
    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


@pytest.fixture(scope="module")
def repo2docker_output() -> str:
    """Dockerfile and log of ``repo2docker --no-build --debug <repo>``."""
    if importlib.util.find_spec("repo2docker") is None:
        reason = 'jupyter-repo2docker is not installed: pip install -e ".[test]"'
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    proc = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug", str(REPO)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = proc.stdout + "\n" + proc.stderr
    assert proc.returncode == 0, f"repo2docker failed ({proc.returncode}):\n{output[-3000:]}"
    return output


def test_binder_image_installs_requirements_after_copying_the_repository(repo2docker_output):
    """The image runs ``pip install -r binder/requirements.txt`` once the repo is in place."""
    out = repo2docker_output
    install = re.search(r'pip install [^\n]*-r "?binder/requirements\.txt"?', out)
    assert install, f"no pip install of binder/requirements.txt in the Dockerfile:\n{out[-3000:]}"
    copy_all = re.search(r"COPY [^\n]*\bsrc/ \$\{REPO_DIR\}/", out)
    assert copy_all, "the Dockerfile never copies the repository"
    assert copy_all.start() < install.start(), (
        "binder/requirements.txt is installed before the repository is copied, so '-e .' would fail"
    )


def test_binder_image_installs_the_project_into_jupyterlabs_environment(repo2docker_output):
    """The project's data files (JupyterLab settings defaults, see tests/test_setup_files.py)
    land in the environment of the pip that installs binder/requirements.txt: that pip
    must be the one of the environment the notebook server (JupyterLab) runs from."""
    out = repo2docker_output
    install = r'RUN \$\{KERNEL_PYTHON_PREFIX\}/bin/pip install [^\n]*-r "?binder/requirements\.txt"?'
    assert re.search(install, out), (
        "binder/requirements.txt is not installed by ${KERNEL_PYTHON_PREFIX}/bin/pip"
    )
    assert "ENV KERNEL_PYTHON_PREFIX=${NB_PYTHON_PREFIX}" in out, (
        "the kernel's environment is not the notebook server's, so JupyterLab would not see the settings"
    )


def test_binder_image_uses_python_3_11(repo2docker_output):
    """runtime.txt picks Python 3.11 for the image."""
    out = repo2docker_output
    assert re.search(r"python=3\.11\b|environment\.py-3\.11|py-2d3-2e11-", out), (
        f"repo2docker does not build Python 3.11:\n{out[:2000]}"
    )


def test_runtime_txt_is_python_3_11():
    """binder/runtime.txt says python-3.11, a version the project supports."""
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"
    requires = _project().get("requires-python", "")
    low = re.search(r">=\s*3\.(\d+)", requires)
    assert low is None or int(low.group(1)) <= 11, f"requires-python {requires!r} excludes 3.11"


def test_binder_requirements_install_the_project():
    """binder/requirements.txt installs the project from the repository root with '-e .'."""
    assert "-e ." in _requirements(), f"'-e .' missing from binder/requirements.txt: {_requirements()}"


def test_binder_requirements_agree_with_pyproject():
    """Each runtime dependency listed for Binder matches pyproject.toml's specifier."""
    deps = {_name(d): d.replace(" ", "") for d in _project()["dependencies"]}
    for line in _requirements():
        if line.startswith("-"):
            continue
        name = _name(line)
        if name in deps:
            assert line.replace(" ", "") == deps[name], (
                f"binder/requirements.txt has {line!r} but pyproject.toml has {deps[name]!r}"
            )


def _notebook_imports(path: Path) -> set[str]:
    nb = json.loads(path.read_text())
    found = set()
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", ""))
        # IPython magics and shell escapes are not Python
        source = "\n".join(
            "" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()
        )
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found


# Distribution name -> module name, where they differ.
_MODULE_OF = {"pillow": "PIL", "scikit-image": "skimage", "opencv-python": "cv2", "ipython": "IPython"}


def test_lessons_import_only_what_binder_installs():
    """Every module a notebook imports is stdlib, the project, or installed on Binder."""
    installed = {"convlib", "IPython", "ipykernel"}  # the project; the base image's kernel
    installed |= {"PIL"}  # a dependency of matplotlib
    for requirement in list(_project()["dependencies"]) + _requirements():
        if requirement.startswith("-"):
            continue
        name = _name(requirement)
        installed.add(_MODULE_OF.get(name, name.replace("-", "_")))
    missing = {}
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        for module in _notebook_imports(path) - installed - set(sys.stdlib_module_names):
            missing.setdefault(module, []).append(path.name)
    assert not missing, (
        f"lessons import modules that Binder does not install: {missing}; "
        "add them to pyproject.toml's dependencies and binder/requirements.txt"
    )


def _relative_paths(path: Path) -> set[str]:
    """String literals in a notebook's code that name a file relative to it ('../x/y.csv')."""
    nb = json.loads(path.read_text())
    found = set()
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", ""))
        found.update(re.findall(r"""["'](\.\.?/[^"'\s]+\.\w+)["']""", source))
    return found


def test_files_the_lessons_read_are_committed():
    """Files a lesson opens by relative path exist and are tracked by git (Binder clones the repo)."""
    try:
        tracked = set(
            subprocess.run(
                ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
            ).stdout.splitlines()
        )
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    problems = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        for rel in sorted(_relative_paths(path)):
            target = (path.parent / rel).resolve()
            try:
                name = target.relative_to(REPO).as_posix()
            except ValueError:
                problems.append(f"{path.name}: {rel!r} is outside the repository")
                continue
            if name not in tracked:
                state = "exists but is not committed" if target.exists() else "does not exist"
                problems.append(f"{path.name}: {rel!r} ({name}) {state}")
    assert not problems, "lessons read files Binder will not have:\n" + "\n".join(problems)


def test_readme_binder_badge_opens_an_existing_notebook():
    """The README's Binder badge opens JupyterLab at a notebook that exists."""
    assert README.exists(), "README.md is missing (it should carry the Binder badge)"
    text = README.read_text()
    urls = list(BADGE.finditer(text))
    assert urls, "README.md has no mybinder.org/v2/gh/OWNER/REPO/REF?urlpath=... link"
    for m in urls:
        urlpath = m.group("urlpath")
        assert urlpath.startswith("lab/tree/"), (
            f"Binder link {m.group(0)!r} should open full JupyterLab (urlpath=lab/tree/...)"
        )
        target = REPO / urlpath.removeprefix("lab/tree/")
        assert target.suffix == ".ipynb" and target.is_file(), (
            f"Binder link {m.group(0)!r} points at {target.relative_to(REPO)}, which does not exist"
        )
    assert "mybinder.org/badge_logo.svg" in text, "README.md has the Binder link but not the badge image"
