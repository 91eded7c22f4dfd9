"""Tests of tools/site_assets.py: the pinned npm packages the static website's pages load."""

import base64
import hashlib
import io
import json
import re
import sys
import tarfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import site_assets as sa  # noqa: E402


def sri(raw: bytes) -> str:
    """The sha512 SRI string of ``raw``, computed here independently."""
    return "sha512-" + base64.b64encode(hashlib.sha512(raw).digest()).decode()


def tarball(files: dict[str, str]) -> bytes:
    """A gzipped npm-style tarball holding ``files`` under ``package/``."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def cached(tmp_path: Path, package: sa.Package, raw: bytes) -> Path:
    """Put ``raw`` in a cache folder where :func:`site_assets.fetch` looks for ``package``."""
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / f"{package.name.replace('/', '__')}-{package.version}.tgz").write_bytes(raw)
    return cache


def test_every_package_is_pinned_to_one_tarball():
    """Each package names an exact version and the sha512 integrity of its tarball."""
    for p in sa.PACKAGES:
        assert re.fullmatch(r"\d+\.\d+\.\d+", p.version), p.spec
        assert re.fullmatch(r"sha512-[A-Za-z0-9+/]{86}==", p.integrity), p.spec


def test_pages_load_only_local_paths():
    """The URLs given to nbconvert are paths within the site, under static/."""
    for url in (sa.WIDGET_RENDERER_URL, sa.REQUIRE_JS_URL, sa.MATHJAX_URL):
        assert url.startswith("static/") and "//" not in url, url


def test_integrity_is_checked_against_an_independent_hash():
    """integrity_ok accepts the bytes hashed here and refuses any other bytes."""
    raw = b"some tarball bytes"
    assert sa.integrity_ok(raw, sri(raw))
    assert not sa.integrity_ok(raw + b"!", sri(raw))


@pytest.mark.parametrize(("name", "pattern", "expected"), [
    ("dist/embed-amd.js", "dist/embed-amd.js", True),
    ("dist/a.woff2", "dist/*.woff2", True),
    ("dist/a.woff", "dist/*.woff2", False),
    ("dist/sub/a.woff2", "dist/*.woff2", False),
    ("es5/sre/mathmaps/de.json", "es5/sre/**/*", True),
    ("es5/sre/a.js", "es5/sre/**/*", True),
    ("es5/sre.js", "es5/sre/**/*", False),
])
def test_file_patterns(name, pattern, expected):
    """'*' stays within a folder; '**/' spans any number of folders."""
    assert sa.matches(name, pattern) is expected


def test_install_copies_only_what_the_pages_need(tmp_path):
    """Files matching the patterns are copied (prefix stripped), others are not, and a LICENSE is written."""
    raw = tarball({"dist/embed-amd.js": "define()", "dist/a.woff2": "w2", "dist/a.ttf": "ttf",
                   "dist/embed.js.LICENSE.txt": "jQuery: MIT",
                   "package.json": json.dumps({"license": "BSD-3-Clause"})})
    package = sa.Package(sa.HTML_MANAGER.name, "1.0.0", sri(raw), "hm", ("dist/embed-amd.js", "dist/*.woff2"),
                         strip="dist/", licence=None)
    written = sa.install(package, tmp_path / "static", cache=cached(tmp_path, package, raw))
    folder = tmp_path / "static" / "hm"
    assert sorted(p.name for p in written) == ["a.woff2", "embed-amd.js"]
    assert (folder / "embed-amd.js").read_text() == "define()" and not (folder / "a.ttf").exists()
    licence = (folder / "LICENSE").read_text()
    assert "'BSD-3-Clause'" in licence and "jQuery: MIT" in licence and "Redistribution" in licence


def test_install_copies_the_packages_own_licence(tmp_path):
    """A tarball's licence file is copied under the name the package asks for."""
    raw = tarball({"LICENSE.txt": "Font Awesome Free License", "package.json": "{}"})
    package = sa.Package("fa", "5.0.0", sri(raw), "hm", (), licence="LICENSE.txt", licence_as="FA.txt")
    sa.install(package, tmp_path / "static", cache=cached(tmp_path, package, raw))
    assert (tmp_path / "static" / "hm" / "FA.txt").read_text() == "Font Awesome Free License"


def test_requirejs_licence_names_its_copyright_holder(tmp_path):
    """RequireJS ships no licence file: the MIT text is written with the copyright line of require.js."""
    head = "/** vim: et\n * @license RequireJS 2.3.8 Copyright jQuery Foundation and other contributors.\n"
    raw = tarball({"require.js": head + "var requirejs;", "package.json": json.dumps({"license": "MIT"})})
    package = sa.Package("requirejs", "2.3.8", sri(raw), "requirejs", ("require.js",), licence=None)
    sa.install(package, tmp_path / "static", cache=cached(tmp_path, package, raw))
    licence = (tmp_path / "static" / "requirejs" / "LICENSE").read_text()
    assert "'MIT'" in licence and "Copyright jQuery Foundation and other contributors\n" in licence
    assert "Permission is hereby granted, free of charge" in licence


def test_a_missing_file_is_an_error(tmp_path):
    """A pattern that matches nothing in the tarball stops the build, naming the pattern."""
    raw = tarball({"LICENSE": "x", "package.json": "{}"})
    package = sa.Package("p", "1.0.0", sri(raw), "p", ("dist/*.js",))
    with pytest.raises(sa.AssetError, match=r"p@1\.0\.0 has no file matching 'dist/\*\.js'"):
        sa.install(package, tmp_path / "static", cache=cached(tmp_path, package, raw))


def test_a_tampered_cache_is_fetched_again_and_needs_npm(tmp_path, monkeypatch):
    """A cached tarball whose hash is not the pinned one is not used; without npm, the error says so."""
    raw = tarball({"LICENSE": "x"})
    package = sa.Package("p", "1.0.0", sri(raw), "p", ())
    cache = cached(tmp_path, package, raw + b"tampered")
    monkeypatch.setattr(sa.shutil, "which", lambda name: None)
    with pytest.raises(sa.AssetError, match=r"cannot fetch p@1\.0\.0: npm is not installed"):
        sa.fetch(package, cache)
