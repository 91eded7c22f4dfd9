"""The package as a whole: every public name is listed in ``__all__``, and the layers point one way.

Layers, from the bottom: maths (numbers only) -> drawing (matplotlib, HTML)
-> widgets (ipywidgets); the exercise machinery sits beside drawing and
knows only the maths; lesson modules sit on top and may use everything in
the package root, but not one another.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import convlib

PACKAGE = Path(convlib.__file__).parent

#: Which layer each top-level part of convlib belongs to.
LAYER = {
    "_validate": "maths", "conv": "maths", "walk": "maths", "fast": "maths", "cost": "maths", "kernels": "maths",
    "data": "maths", "edges": "maths", "textures": "maths", "shapes": "maths", "match": "maths",
    "pool": "maths", "imageio": "maths", "transposed": "maths", "conv1d": "maths", "depthwise": "maths",
    "backward": "maths",
    "palette": "drawing", "html": "drawing", "plot": "drawing", "animate": "drawing",
    "widgets": "widgets",
    "exercises": "exercises",
    "lessons": "lessons",
}
#: The convlib layers each layer may import.
MAY_IMPORT = {
    "maths": {"maths"},
    "drawing": {"maths", "drawing"},
    "widgets": {"maths", "drawing", "widgets"},
    "exercises": {"maths", "exercises"},
    "lessons": {"maths", "drawing", "widgets", "exercises", "lessons"},
}
#: Third-party packages each layer may import (besides numpy and the standard library).
MAY_USE = {
    "maths": {"matplotlib.cbook", "PIL"},  # data: pictures that ship with matplotlib, read with Pillow
    "drawing": {"matplotlib", "PIL"},
    "widgets": {"matplotlib", "PIL", "ipywidgets", "traitlets", "IPython"},
    "exercises": set(),
    "lessons": {"matplotlib", "PIL", "ipywidgets", "traitlets", "IPython"},
}


def modules():
    """Every module of convlib, by dotted name, with its file."""
    found = [("convlib", PACKAGE / "__init__.py")]
    for info in pkgutil.walk_packages([str(PACKAGE)], "convlib."):
        spec = importlib.util.find_spec(info.name)
        found.append((info.name, Path(spec.origin)))
    return found


MODULES = modules()
PUBLIC = [(name, path) for name, path in MODULES if not any(p.startswith("_") for p in name.split(".")[1:])]


def part(name: str) -> str:
    """The top-level part of convlib a module belongs to: 'conv', 'plot', 'lessons', ..."""
    return name.split(".")[1] if "." in name else ""


def imports(name: str, path: Path):
    """(absolute module name, line) of every import in a module, including those inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                if node.module is None:
                    for alias in node.names:
                        yield f"{target}.{alias.name}", node.lineno
                    continue
                yield target, node.lineno
            else:
                yield node.module, node.lineno


def defined_public_names(path: Path) -> set[str]:
    """Names a module defines at its top level (functions, classes, constants) that are not private."""
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {n for n in names if not n.startswith("_")}


@pytest.mark.parametrize(("name", "path"), PUBLIC, ids=[n for n, _ in PUBLIC])
def test_every_public_name_is_in_all(name, path):
    """Each function, class and constant a public module defines is listed in its __all__."""
    module = importlib.import_module(name)
    assert hasattr(module, "__all__"), f"{name} has no __all__"
    missing = defined_public_names(path) - set(module.__all__)
    assert not missing, f"{name}.__all__ lacks {sorted(missing)}"


@pytest.mark.parametrize(("name", "path"), PUBLIC, ids=[n for n, _ in PUBLIC])
def test_every_name_in_all_exists(name, path):
    """__all__ lists nothing that is not there."""
    module = importlib.import_module(name)
    absent = [n for n in module.__all__ if not hasattr(module, n)]
    assert not absent, f"{name}.__all__ lists {absent}, which it does not have"


@pytest.mark.parametrize("package", ["convlib.plot", "convlib.exercises", "convlib.widgets"])
def test_split_packages_export_what_their_modules_do(package):
    """Every public name of plot/, exercises/ and widgets/ is importable from the package itself."""
    pkg = importlib.import_module(package)
    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name.startswith("_"):
            continue
        sub = importlib.import_module(f"{package}.{info.name}")
        missing = set(sub.__all__) - set(pkg.__all__)
        assert not missing, f"{package} does not export {sorted(missing)} of {sub.__name__}"


@pytest.mark.parametrize(("name", "path"), MODULES, ids=[n for n, _ in MODULES])
def test_layers_point_one_way(name, path):
    """A module imports only from its own layer and the layers below it."""
    if name == "convlib":
        return
    layer = LAYER[part(name)]
    for target, line in imports(name, path):
        if target.startswith("convlib"):
            if target == "convlib":
                continue
            other = LAYER[part(target)]
            assert other in MAY_IMPORT[layer], (
                f"{name} (line {line}) imports {target}: the {layer} layer must not use the {other} layer")
            if layer == "lessons" and other == "lessons":
                own = ".".join(name.split(".")[:3])
                assert target == "convlib.lessons" or target.startswith(own), (
                    f"{name} (line {line}) imports another lesson, {target}: move the shared code down")
        else:
            top = target.split(".")[0]
            if top in {"numpy", "__future__"} or top in sys.stdlib_module_names:
                continue
            allowed = MAY_USE[layer]
            assert top in allowed or target in allowed or any(target.startswith(a + ".") for a in allowed), (
                f"{name} (line {line}) imports {target}, which the {layer} layer may not use")


def test_the_layer_test_catches_a_widget_import_in_the_maths(tmp_path):
    """The check above does fail: a maths module importing the widgets is reported."""
    fake = tmp_path / "conv.py"
    fake.write_text("from .widgets import StepThrough\n")
    with pytest.raises(AssertionError, match="the maths layer must not use the widgets layer"):
        test_layers_point_one_way("convlib.conv", fake)


def test_the_all_test_catches_a_missing_name(tmp_path):
    """The __all__ check does fail: a public function missing from __all__ is reported."""
    fake = tmp_path / "kernels.py"
    fake.write_text(Path(PACKAGE / "kernels.py").read_text() + "\n\ndef brand_new():\n    pass\n")
    with pytest.raises(AssertionError, match=r"lacks \['brand_new'\]"):
        test_every_public_name_is_in_all("convlib.kernels", fake)


def test_widgets_and_pictures_do_not_import_pyplot():
    """Importing the widgets, the sample pictures or the drawing package leaves pyplot unloaded."""
    code = ("import sys, convlib.widgets, convlib.data, convlib.plot, convlib.html; "
            "sys.exit('matplotlib.pyplot' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_no_module_is_too_long():
    """No module of convlib is over 600 lines: split it along its sections instead."""
    long = {name: n for name, path in MODULES if (n := len(path.read_text().splitlines())) > 600}
    assert not long, f"modules over 600 lines: {long}"
