"""What the pages of the static website load, fetched from the npm registry at build time.

nbconvert's HTML template loads the widget renderer, RequireJS and MathJax
from CDNs.  The site (``tools/build_site.py``) serves its own copies instead,
so that no request leaves it: each comes from the npm registry (``npm pack``
of a pinned version, checked against the registry's integrity hash, kept in
a cache that git ignores), and only the files the pages load are copied to
``site/static/<folder>/``, each folder with the package's licence.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Where the fetched tarballs are kept (test-artifacts/ is ignored by git).
CACHE = ROOT / "test-artifacts" / "cache" / "npm"


class AssetError(RuntimeError):
    """A package could not be fetched or does not hold what the pages need; the message says why."""


@dataclass(frozen=True)
class Package:
    """An npm package whose files the pages load.

    ``files`` are glob patterns inside the tarball's ``package/`` folder
    (``*`` within a folder, ``**/`` across folders), copied to
    ``static/<folder>/`` with the prefix ``strip`` removed.  ``licence`` is
    the tarball's licence file, copied as ``licence_as``; None when the
    tarball has none (then :func:`licence_text` writes one).
    """

    name: str
    version: str
    integrity: str  # as `npm view NAME@VERSION dist.integrity` prints it
    folder: str
    files: tuple[str, ...]
    strip: str = ""
    licence: str | None = "LICENSE"
    licence_as: str = "LICENSE"

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"


#: The widget renderer for ipywidgets 8 (what nbconvert's template would load
#: from unpkg as ``@jupyter-widgets/html-manager@*/dist/embed-amd.js``).  Its
#: bundle loads the Font Awesome 5 fonts it carries from its own folder: only
#: their woff2 and woff forms, which every current browser reads.
HTML_MANAGER = Package(
    "@jupyter-widgets/html-manager", "1.0.15",
    "sha512-5thBIV6ymNgmPVOHvzx+gGy8ZSKmSazhtGw4/c4xJDVzRhG9PTeQsRjF3FUTopvFi//SABeNz1yp47bCrJ3CQA==",
    "html-manager", ("dist/embed-amd.js", "dist/*.woff2", "dist/*.woff"), strip="dist/", licence=None)
#: ``embed-amd.js`` is a set of AMD modules: the pages need RequireJS.
REQUIREJS = Package(
    "requirejs", "2.3.8",
    "sha512-7/cTSLOdYkNBNJcDMWf+luFvMriVm7eYxp4BcFCsAX0wF421Vyce5SXP17c+Jd5otXKGNehIonFlyQXSowL6Mw==",
    "requirejs", ("require.js",), licence=None)
#: MathJax 3 (as in JupyterLab 4): one file with every TeX extension, its
#: fonts, and what it loads on demand (the "safe" filter the pages ask for;
#: the accessibility tools its menu offers: explorer, speech rules).
MATHJAX = Package(
    "mathjax", "3.2.2",
    "sha512-Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/O9NliPc+x77k1/FEsPsjKPZGJvtRZM1vO+geW0OhGw==",
    "mathjax", ("es5/tex-chtml-full.js", "es5/output/chtml/fonts/woff-v2/*", "es5/ui/*", "es5/a11y/*",
                "es5/sre/**/*"), strip="es5/")
#: Only its licence: the icon fonts are those the widget renderer carries
#: (Font Awesome Free 5.15.4, as their banner says).
FONT_AWESOME = Package(
    "@fortawesome/fontawesome-free", "5.15.4",
    "sha512-eYm8vijH/hpzr/6/1CJ/V/Eb1xQFW2nnUKArb3z+yUWv7HTwj6M7SP957oMjfZjAHU6qpoNc2wQvIxBLWYa/Jg==",
    "html-manager", (), licence="LICENSE.txt", licence_as="FONT-AWESOME-LICENSE.txt")
PACKAGES = (HTML_MANAGER, REQUIREJS, MATHJAX, FONT_AWESOME)

#: What nbconvert's template loads, relative to a page of the site.
WIDGET_RENDERER_URL = "static/html-manager/embed-amd.js"
REQUIRE_JS_URL = "static/requirejs/require.js"
MATHJAX_URL = "static/mathjax/tex-chtml-full.js"


def integrity_ok(raw: bytes, integrity: str) -> bool:
    """Whether ``raw`` has the SRI hash ``integrity`` (``sha512-<base64>``)."""
    algo, _, expected = integrity.partition("-")
    return base64.b64encode(hashlib.new(algo, raw).digest()).decode() == expected


def fetch(package: Package, cache: Path = CACHE, timeout: float = 300) -> bytes:
    """The tarball of ``package`` from the npm registry (``npm pack``), integrity checked, cached.

    Raises
    ------
    AssetError
        When npm is missing, the fetch fails, or the tarball is not the pinned one.
    """
    cached = Path(cache) / f"{package.name.replace('/', '__')}-{package.version}.tgz"
    if cached.is_file():
        raw = cached.read_bytes()
        if integrity_ok(raw, package.integrity):
            return raw
    npm = shutil.which("npm")
    if npm is None:
        raise AssetError(f"cannot fetch {package.spec}: npm is not installed (apt-get install npm)")
    cached.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cached.parent, prefix="npm-pack-") as tmp:
        try:
            done = subprocess.run(
                [npm, "pack", package.spec, "--pack-destination", tmp, "--json", "--ignore-scripts",
                 "--no-fund", "--no-audit"],
                cwd=tmp, capture_output=True, text=True, timeout=timeout,
                env={**os.environ, "npm_config_update_notifier": "false"},
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise AssetError(f"cannot fetch {package.spec} with npm pack: {exc}") from None
        tarballs = list(Path(tmp).glob("*.tgz"))
        if done.returncode != 0 or len(tarballs) != 1:
            raise AssetError(f"cannot fetch {package.spec} with npm pack (exit {done.returncode}):\n"
                             f"{(done.stderr or done.stdout)[-1500:]}")
        raw = tarballs[0].read_bytes()
    if not integrity_ok(raw, package.integrity):
        raise AssetError(f"{package.spec}: the tarball does not match the pinned {package.integrity}")
    partial = cached.with_suffix(".partial")
    partial.write_bytes(raw)
    partial.replace(cached)
    return raw


def matches(name: str, pattern: str) -> bool:
    """Glob match of a path: ``*`` stays within a folder, ``**/`` spans any number of folders.

    >>> matches("dist/a.woff2", "dist/*.woff2"), matches("dist/x/a.woff2", "dist/*.woff2")
    (True, False)
    >>> matches("es5/sre/mathmaps/de.json", "es5/sre/**/*"), matches("es5/sre.js", "es5/sre/**/*")
    (True, False)
    """
    rx = re.escape(pattern).replace(r"\*\*/", "(?:.*/)?").replace(r"\*", "[^/]*")
    return re.fullmatch(rx, name) is not None


def install(package: Package, static: Path, cache: Path = CACHE) -> list[Path]:
    """Copy the files the pages need from ``package`` to ``static/<folder>/``, with its licence; the files."""
    target = Path(static) / package.folder
    written = []
    with tarfile.open(fileobj=io.BytesIO(fetch(package, cache)), mode="r:gz") as tar:
        members = {m.name.removeprefix("package/"): m for m in tar.getmembers() if m.isfile()}
        for pattern in package.files:
            chosen = [name for name in members if matches(name, pattern)]
            if not chosen:
                raise AssetError(f"{package.spec} has no file matching {pattern!r}")
            for name in chosen:
                out = target / name.removeprefix(package.strip)
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(tar.extractfile(members[name]).read())
                written.append(out)
        target.mkdir(parents=True, exist_ok=True)
        if package.licence is not None:
            if package.licence not in members:
                raise AssetError(f"{package.spec} has no {package.licence}")
            text = tar.extractfile(members[package.licence]).read().decode("utf-8")
        else:
            files = {name: tar.extractfile(m).read().decode("utf-8", "replace") for name, m in members.items()
                     if name in ("package.json", "require.js", "dist/embed.js.LICENSE.txt")}
            text = licence_text(package, files)
        (target / package.licence_as).write_text(text, encoding="utf-8")
    return written


def licence_text(package: Package, files: dict[str, str]) -> str:
    """A LICENSE for a package whose tarball has none: the licence it declares, in words.

    ``files`` holds the text of some of its files by path (``package.json``,
    and ``require.js`` or ``dist/embed.js.LICENSE.txt``).
    """
    declared = json.loads(files["package.json"]).get("license")
    head = (f"{package.spec} (npm): licence {declared!r}, as its package.json declares.\n"
            "Its tarball holds no licence file; the licence's text follows.\n\n")
    if package.name == HTML_MANAGER.name:
        # Built from the ipywidgets repository, whose Python distribution ships its licence.
        dist = metadata.files("ipywidgets") or []
        text = next((f.read_text() for f in dist if f.name in ("LICENSE", "LICENSE.txt")), None)
        if text is None:
            raise AssetError("no licence file found in the ipywidgets distribution (the same project)")
        return (head + "From the ipywidgets repository (jupyter-widgets/ipywidgets), which this package "
                "is built from:\n\n" + text + "\n\nThird-party code bundled in the widget renderer (the "
                "package's dist/embed.js.LICENSE.txt):\n\n" + files["dist/embed.js.LICENSE.txt"]
                + f"\n\nFont Awesome Free {FONT_AWESOME.version} (the icon fonts in this folder): "
                f"see {FONT_AWESOME.licence_as}.\n")
    if package.name == REQUIREJS.name:
        m = re.search(r"@license RequireJS [\d.]+ (Copyright .*?)\.?\n", files["require.js"][:400])
        if m is None:
            raise AssetError(f"{package.spec}: no @license line at the top of require.js")
        return head + MIT.format(copyright=m.group(1))
    raise AssetError(f"no licence text known for {package.spec}")


MIT = """MIT License

{copyright}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.
"""
