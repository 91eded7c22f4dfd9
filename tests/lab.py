"""A small harness that drives JupyterLab in headless Chromium.

Used by ``tests/test_browser.py`` and ``benchmarks/browser_latency.py``; it is
a plain module (no pytest imports), so scripts can use it too.

* :class:`LabServer` starts ``jupyter lab`` as a subprocess on a free port with
  a fresh token, fresh Jupyter config/data/runtime directories and a temporary
  copy of the repository's files, notebooks included (so autosave never
  touches the repository, and ``../benchmarks/...`` paths work), polls
  ``/api/status`` and always stops the server again (terminate, then kill).
* :func:`launch_chromium` starts Debian's Chromium through Playwright; it never
  downloads a browser.
* :class:`NotebookPage` opens one notebook in a fresh workspace, runs all
  cells through the menu "Run > Run All Cells", waits until the kernel is idle
  and every cell has run (or one failed), and collects problems: error
  outputs (read from the saved notebook, because JupyterLab renders both
  tracebacks and warnings with the stderr MIME type), "Error displaying
  widget" texts, errors that widget callbacks print to the log console, and
  uncaught page errors.
* :func:`stepper_state` and friends read the DOM of a
  ``convlib.widgets.StepThrough`` widget (root CSS class ``convlib-stepper``).
* :func:`axe_source` fetches axe-core from the npm registry (``npm pack``,
  pinned version and integrity, cached under ``test-artifacts/cache``) and
  :meth:`NotebookPage.axe_audit` runs it on the notebook's output areas.

Measured facts this relies on (JupyterLab 4.6, ipywidgets 8.1):

* the notebook toolbar's ``.jp-Notebook-ExecutionIndicator`` has a
  ``data-status`` attribute (``idle``, ``busy``, ...);
* a code cell's ``.jp-InputPrompt`` reads ``[ ]:``, ``[*]:`` or ``[n]:``;
* "Run All Cells" stops at the first error: later cells keep ``[ ]:``;
* an error output is rendered with ``data-mime-type=
  "application/vnd.jupyter.stderr"``, exactly like a warning, so the DOM
  cannot tell them apart; the saved notebook can (``output_type: error``);
* output of widget callbacks (key presses, Play) does not belong to any cell:
  JupyterLab logs it to the log console, stderr and tracebacks at level
  ``error``;
* the ipywidgets ``Play`` widget has icon-only buttons; its play button's
  icon switches from ``fa-play`` to ``fa-pause`` while playing.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"

#: Chromium flags: no sandbox (root in containers), no GPU, and nothing that
#: phones home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: How to install the browser when it is missing.
CHROMIUM_HINT = "chromium not installed: apt-get install chromium"

VIEWPORT = {"width": 1280, "height": 900}

#: axe-core, the accessibility checker: from the npm registry, this exact
#: tarball (``npm view axe-core@4.14.1 dist.integrity``), never from a CDN.
AXE_VERSION = "4.14.1"
AXE_INTEGRITY = ("sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37"
                 "OgudVGtQ==")
#: Where the fetched axe.min.js is kept (test-artifacts/ is ignored by git).
AXE_CACHE = ARTIFACTS_DIR / "cache"


def chromium_path() -> str | None:
    """Path of Debian's Chromium, or None."""
    return shutil.which("chromium")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabError(RuntimeError):
    """JupyterLab did not start, or a notebook did not behave."""


# --------------------------------------------------------------------------
# the server
# --------------------------------------------------------------------------
#: Not copied into the server's root: history, environments, caches, artifacts, the built site.
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "venv", "test-artifacts", "site", ".ipynb_checkpoints", "__pycache__",
    ".pytest_cache", ".hypothesis", "*.egg-info", "build", "dist", ".mypy_cache", ".ruff_cache",
)


class LabServer:
    """JupyterLab in a subprocess, serving a temporary copy of the notebooks.

    The server's root directory is a temporary copy of the repository (without
    ``.git``, virtual environments and caches) in which ``notebooks/`` is
    replaced by a copy of ``notebooks_dir``.  So URLs look like the ones on
    Binder (``/lab/tree/notebooks/00-index.ipynb``), paths such as
    ``../benchmarks/results/x.csv`` and links between notebooks work as they
    do there, and autosave only ever writes to the copy.

    Use as a context manager::

        with LabServer() as server:
            print(server.notebook_url("00-index.ipynb"))
    """

    def __init__(
        self,
        notebooks_dir: Path | str = NOTEBOOKS_DIR,
        *,
        startup_timeout: float = 120.0,
        python: str = sys.executable,
        repo: Path | str = REPO_ROOT,
    ):
        self.notebooks_dir = Path(notebooks_dir)
        self.repo = Path(repo)
        self.startup_timeout = startup_timeout
        self.python = python
        self.token = secrets.token_hex(16)
        self.port: int | None = None
        self.proc: subprocess.Popen | None = None
        self.tmp: Path | None = None
        self.root: Path | None = None
        self.log_path: Path | None = None
        self._log = None

    # -- lifecycle ---------------------------------------------------------
    def __enter__(self) -> LabServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        if self.proc is not None:
            raise LabError("server already started")
        self.tmp = Path(tempfile.mkdtemp(prefix="convlib-lab-"))
        self.root = self.tmp / "root"
        shutil.copytree(self.repo, self.root, ignore=COPY_IGNORE, symlinks=True)
        shutil.rmtree(self.root / "notebooks", ignore_errors=True)
        if self.notebooks_dir.is_dir():
            shutil.copytree(self.notebooks_dir, self.root / "notebooks", ignore=COPY_IGNORE)
        else:
            (self.root / "notebooks").mkdir()
        try:
            # A port found free may be taken before the server binds it: retry.
            for attempt in range(3):
                self._spawn()
                try:
                    self._wait_ready()
                    return
                except LabError:
                    address_in_use = "already in use" in self.log_tail()
                    self._kill()
                    if not address_in_use or attempt == 2:
                        raise
        except BaseException:
            self.stop()
            raise

    def _spawn(self) -> None:
        assert self.tmp is not None and self.root is not None
        self.port = free_port()
        jdir = self.tmp / "jupyter"
        env = dict(os.environ)
        env.update(
            JUPYTER_CONFIG_DIR=str(jdir / "config"),
            JUPYTER_DATA_DIR=str(jdir / "data"),
            JUPYTER_RUNTIME_DIR=str(jdir / "runtime"),
            JUPYTERLAB_SETTINGS_DIR=str(jdir / "config" / "lab" / "user-settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(jdir / "config" / "lab" / "workspaces"),
            IPYTHONDIR=str(jdir / "ipython"),
            PYTHONUNBUFFERED="1",
        )
        env.pop("JUPYTER_PATH", None)
        # "Never" fetch news: otherwise a toast asks, and covers the widgets.
        settings = jdir / "config" / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
        settings.mkdir(parents=True, exist_ok=True)
        (settings / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False})
        )
        cmd = [
            self.python, "-m", "jupyter", "lab",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={self.root}",
            # No "Would you like to get notified about news?" toast over the
            # widgets, and no requests to the internet.
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        self.log_path = self.tmp / f"jupyter-lab-{self.port}.log"
        self._log = open(self.log_path, "wb")  # noqa: SIM115 (closed in _kill)
        self.proc = subprocess.Popen(
            cmd,
            cwd=self.root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kernels die with it
        )

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise LabError(
                    f"jupyter lab exited with code {self.proc.returncode} before it was ready; "
                    f"log:\n{self.log_tail()}"
                )
            try:
                self.api("GET", "/api/status", timeout=2)
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.25)
        raise LabError(
            f"jupyter lab did not answer /api/status within {self.startup_timeout:.0f} s; "
            f"log:\n{self.log_tail()}"
        )

    def stop(self) -> None:
        """Shut kernels down, then terminate the server, then kill it."""
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(Exception):
                self.shutdown_kernels()
        self._kill()
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    def _kill(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(proc.pid, signal.SIGKILL)
                    proc.kill()
                    proc.wait(timeout=10)
            # Kernels the server could not shut down share its process group.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
        if self._log is not None:
            self._log.close()
            self._log = None

    # -- talking to it -----------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def api(self, method: str, path: str, body=None, timeout: float = 10):
        """Call the REST API; returns the decoded JSON (or None)."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            self.base_url + path,
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None

    def notebook_path(self, name: str) -> str:
        """Server path of a notebook of the copied folder."""
        return f"notebooks/{name}"

    def notebook_url(self, name: str, workspace: str | None = None) -> str:
        """URL opening ``name`` in full JupyterLab, in a fresh workspace."""
        workspace = workspace or f"t{secrets.token_hex(6)}"
        path = urllib.parse.quote(self.notebook_path(name))
        return f"{self.base_url}/lab/workspaces/{workspace}/tree/{path}?token={self.token}&reset"

    def read_notebook(self, name: str) -> dict:
        """The notebook as saved on the server (nbformat JSON)."""
        path = urllib.parse.quote(self.notebook_path(name))
        return self.api("GET", f"/api/contents/{path}?content=1&type=notebook")["content"]

    def shutdown_kernels(self) -> None:
        for kernel in self.api("GET", "/api/kernels") or []:
            with contextlib.suppress(Exception):
                self.api("DELETE", f"/api/kernels/{kernel['id']}", timeout=20)

    def log_tail(self, n: int = 40) -> str:
        if self.log_path is None or not self.log_path.exists():
            return "(no log)"
        lines = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(lines[-n:])


# --------------------------------------------------------------------------
# axe-core
# --------------------------------------------------------------------------
def axe_source(version: str = AXE_VERSION, integrity: str | None = AXE_INTEGRITY,
               cache: Path | str = AXE_CACHE, timeout: float = 120) -> str:
    """The text of ``axe.min.js`` of axe-core ``version``, fetched with ``npm pack``.

    The tarball comes from the npm registry npm is configured for, is checked
    against ``integrity`` (an SRI ``sha512-...`` string, as ``npm view``
    prints it) and only ``package/axe.min.js`` is kept, in ``cache``.
    Raises :class:`LabError` with the reason when npm is missing or the
    fetch fails: an audit must not pass without having run.
    """
    cache = Path(cache)
    target = cache / f"axe-core-{version}" / "axe.min.js"
    if target.is_file() and target.stat().st_size > 100_000:
        return target.read_text(encoding="utf-8")
    npm = shutil.which("npm")
    if npm is None:
        raise LabError(f"cannot fetch axe-core@{version}: npm is not installed (apt-get install npm)")
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache, prefix="npm-pack-") as tmp:
        try:
            done = subprocess.run(
                [npm, "pack", f"axe-core@{version}", "--pack-destination", tmp, "--json",
                 "--ignore-scripts", "--no-fund", "--no-audit"],
                cwd=tmp, capture_output=True, text=True, timeout=timeout,
                env={**os.environ, "npm_config_update_notifier": "false"},
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise LabError(f"cannot fetch axe-core@{version} with npm pack: {exc}") from None
        tarballs = list(Path(tmp).glob("axe-core-*.tgz"))
        if done.returncode != 0 or len(tarballs) != 1:
            raise LabError(
                f"cannot fetch axe-core@{version} with npm pack (exit {done.returncode}):\n"
                f"{_short(done.stderr or done.stdout, 1200)}"
            )
        raw = tarballs[0].read_bytes()
    if integrity:
        algo, _, expected = integrity.partition("-")
        got = base64.b64encode(hashlib.new(algo, raw).digest()).decode()
        if got != expected:
            msg = f"axe-core@{version}: tarball integrity {algo}-{got} is not the pinned {integrity}"
            raise LabError(msg)
    with tarfile.open(fileobj=io.BytesIO(raw), mode="r:gz") as tar:
        member = tar.extractfile("package/axe.min.js")
        if member is None:
            raise LabError(f"axe-core@{version}: the tarball has no package/axe.min.js")
        text = member.read().decode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
    return text


@dataclass
class AxeViolation:
    """One axe rule broken by some elements of a notebook's outputs."""

    rule: str
    impact: str
    help: str
    nodes: list[dict]  # each: target (CSS selector), html (snippet), cell (index), impact

    def __str__(self) -> str:
        lines = [f"{self.rule} ({self.impact}, {len(self.nodes)} node(s)): {self.help}"]
        for node in self.nodes:
            target = node["target"]
            if target.count(" > ") > 2:  # axe's unique selectors can be long
                target = "... > " + " > ".join(target.split(" > ")[-3:])
            lines.append(f"    cell {node['cell']}: {target}  {node['html']}")
        return "\n".join(lines)


_AXE_RUN_JS = """
async ([panel, selector, impacts, options]) => {
    const outputs = [...panel.querySelectorAll(selector)];
    if (!outputs.length) return {outputs: 0, violations: []};
    const result = await window.axe.run(outputs, Object.assign({resultTypes: ['violations']}, options));
    const cells = [...panel.querySelectorAll('.jp-Notebook .jp-Cell')];
    const cellOf = (target) => {
        let el = null;
        try { el = document.querySelector(target[target.length - 1]); } catch (e) { return -1; }
        const cell = el && el.closest('.jp-Cell');
        return cell ? cells.indexOf(cell) : -1;
    };
    return {
        outputs: outputs.length,
        version: window.axe.version,
        violations: result.violations
            .filter(v => impacts.includes(v.impact))
            .map(v => ({
                rule: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({
                    target: n.target.join(' >>> '),
                    html: n.html.length > 240 ? n.html.slice(0, 240) + '...' : n.html,
                    impact: n.impact,
                    cell: cellOf(n.target),
                })),
            })),
    };
}
"""


# --------------------------------------------------------------------------
# the browser
# --------------------------------------------------------------------------
def launch_chromium(playwright, *, headless: bool = True):
    """Start Debian's Chromium through Playwright (never downloads one)."""
    path = chromium_path()
    if path is None:
        raise LabError(CHROMIUM_HINT)
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=headless)


@dataclass
class Problem:
    """Something wrong seen in a notebook: ``kind`` and a readable text."""

    kind: str
    where: str
    text: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.where}: {self.text}"


@dataclass
class RunReport:
    """What :meth:`NotebookPage.run_all` and :meth:`NotebookPage.problems` saw."""

    seconds: float = 0.0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


_PROMPTS_JS = """
(panel) => [...panel.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
    .map(p => p.textContent.trim())
"""

_WARNING_LINE = re.compile(r"^\S.*:\d+: \w*Warning: ", re.MULTILINE)


def _short(text: str, n: int = 1500) -> str:
    text = text.strip()
    return text if len(text) <= n else text[: n // 2] + "\n...\n" + text[-n // 2 :]


class NotebookPage:
    """One notebook opened in its own browser context and workspace."""

    def __init__(self, browser, server: LabServer, name: str, *, viewport=None):
        self.server = server
        self.name = name
        self.context = browser.new_context(viewport=viewport or VIEWPORT)
        self.page = self.context.new_page()
        self.page.set_default_timeout(30_000)
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []
        self.saved_notebook: dict | None = None
        self.retries = 0  # Run All clicks that did nothing
        self.axe_outputs = 0  # output areas the last axe_audit looked at
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))

    def _on_console(self, msg) -> None:
        if msg.type == "error":
            self.console_errors.append(msg.text)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.context.close()

    def __enter__(self) -> NotebookPage:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- locators ----------------------------------------------------------
    @property
    def panel(self):
        """The notebook panel of this notebook (the one visible tab)."""
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first

    @property
    def notebook(self):
        return self.panel.locator(".jp-Notebook")

    # -- actions -----------------------------------------------------------
    def open(self, timeout: float = 90) -> None:
        """Open the notebook and wait until its kernel is idle."""
        self.page.goto(self.server.notebook_url(self.name), timeout=timeout * 1000)
        self._wait_kernel_idle(timeout)

    def _wait_kernel_idle(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        indicator = self.panel.locator(".jp-Notebook-ExecutionIndicator")
        while time.monotonic() < deadline:
            # A kernel-selection or "kernel died" dialog must not stall us.
            dialog = self.page.locator(".jp-Dialog")
            if dialog.count():
                text = dialog.first.inner_text()
                self.dialogs.append(text)
                raise LabError(f"{self.name}: unexpected dialog: {text!r}")
            if indicator.count() and indicator.get_attribute("data-status") == "idle":
                return
            time.sleep(0.2)
        if not self.panel.count():
            raise LabError(f"{self.name}: the notebook did not open within {timeout:.0f} s")
        status = indicator.get_attribute("data-status") if indicator.count() else "no indicator"
        raise LabError(f"{self.name}: kernel not idle after {timeout:.0f} s (status: {status})")

    def menu(self, top: str, *items: str, timeout: float = 20) -> None:
        """Click through the main menu, e.g. ``menu("Run", "Run All Cells")``.

        Right after a notebook opens, its commands can still be disabled (the
        shell has no current widget yet) and a click on them does nothing: wait
        until the last item is enabled.
        """
        deadline = time.monotonic() + timeout
        while True:
            self.page.get_by_role("menuitem", name=top, exact=True).click()
            item = None
            for name in items:
                # Match the label only: an item's accessible name includes its shortcut.
                label = self.page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(name)}$"))
                item = self.page.locator(".lm-Menu .lm-Menu-item", has=label).last
                if name != items[-1]:
                    item.click()
            classes = item.get_attribute("class") or ""
            if "lm-mod-disabled" not in classes:
                item.click()
                return
            self.page.keyboard.press("Escape")
            self.page.keyboard.press("Escape")
            if time.monotonic() > deadline:
                raise LabError(f"{self.name}: menu item {top} > {' > '.join(items)} stayed disabled")
            self.panel.locator(".jp-Notebook").click(position={"x": 5, "y": 5})
            time.sleep(0.5)

    def prompts(self) -> list[str]:
        return self.panel.evaluate(_PROMPTS_JS)

    def run_all(self, timeout: float = 150) -> float:
        """Clear all outputs, then "Run > Run All Cells"; wait until done.

        Done means: the kernel is idle, no cell is queued (``[*]``), and either
        every code cell shows an execution count or a cell produced an error
        (Run All stops there).  Outputs are cleared first so that counts and
        errors saved in the notebook cannot fool the wait.  Returns seconds.
        """
        self.menu("Edit", "Clear Outputs of All Cells")
        start = time.monotonic()
        for _attempt in range(3):
            self.menu("Run", "Run All Cells")
            if self._started(10):
                break
            # The click was lost (seen with the 5th notebook of a session): again.
            self.retries += 1
        else:
            raise LabError(f"{self.name}: Run All Cells did not start (prompts {self.prompts()})")
        try:
            self.panel.evaluate(
                """(panel, [ms, expected]) => new Promise((resolve, reject) => {
                    const t0 = performance.now();
                    const check = () => {
                        const ps = [...panel.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
                            .map(p => p.textContent.trim());
                        const ind = panel.querySelector('.jp-Notebook-ExecutionIndicator');
                        const idle = ind && ind.dataset.status === 'idle';
                        const queued = ps.some(p => p.includes('*'));
                        const all = ps.every(p => /\\[\\d+\\]/.test(p));
                        // An error output is rendered as stderr; a cell with
                        // no count after an executed cell means Run All stopped.
                        const stopped = ps.some((p, i) => /\\[\\d+\\]/.test(p)
                            && i + 1 < ps.length && /\\[\\s*\\]/.test(ps[i + 1]));
                        if (idle && !queued && ps.length >= expected && (all || stopped)) {
                            // settle: must still hold 300 ms later
                            setTimeout(() => {
                                const ind2 = panel.querySelector('.jp-Notebook-ExecutionIndicator');
                                const q2 = [...panel.querySelectorAll(
                                    '.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
                                    .some(p => p.textContent.includes('*'));
                                if (ind2 && ind2.dataset.status === 'idle' && !q2) resolve(true);
                                else setTimeout(check, 100);
                            }, 300);
                            return;
                        }
                        if (performance.now() - t0 > ms) {
                            reject(new Error('prompts: ' + ps.join(' ')));
                            return;
                        }
                        setTimeout(check, 100);
                    };
                    check();
                })""",
                [timeout * 1000, self.code_cells()],
            )
        except Exception as exc:  # playwright.Error
            raise LabError(
                f"{self.name}: Run All did not finish in {timeout:.0f} s "
                f"(prompts {self.prompts()}): {exc}"
            ) from None
        return time.monotonic() - start

    def code_cells(self) -> int:
        """Number of code cells in the notebook's file (the page must show them all before a run counts)."""
        nb = self.server.read_notebook(self.name)
        return sum(1 for c in nb.get("cells", []) if c.get("cell_type") == "code")

    def _started(self, timeout: float) -> bool:
        """True once a cell is queued or has run (a busy kernel is no proof)."""
        try:
            self.page.wait_for_function(
                """([panel, expected]) => {
                    const ps = [...panel.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
                        .map(p => p.textContent);
                    // every code cell of the file must be in the page before it counts
                    if (ps.length < expected) return false;
                    return ps.length === 0 || ps.some(p => /\\*|\\d/.test(p));
                }""",
                arg=[self.panel.element_handle(), self.code_cells()],
                timeout=timeout * 1000,
                polling=50,
            )
            return True
        except Exception:  # playwright TimeoutError
            return False

    def save(self, timeout: float = 30) -> None:
        """File > Save Notebook, and wait until the tab is no longer dirty."""
        self.menu("File", "Save Notebook")
        # A "no kernel / trust / overwrite" dialog would show up here.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.page.locator(".jp-Dialog").count():
                text = self.page.locator(".jp-Dialog").first.inner_text()
                self.dialogs.append(text)
                raise LabError(f"{self.name}: dialog while saving: {text!r}")
            dirty = self.page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty").count()
            if not dirty:
                return
            time.sleep(0.2)
        raise LabError(f"{self.name}: notebook still unsaved after {timeout:.0f} s")

    # -- problems ------------------------------------------------------------
    def output_problems(self, report: RunReport) -> None:
        """Error and stderr outputs, read from the notebook as saved."""
        self.save()
        nb = self.saved_notebook = self.server.read_notebook(self.name)
        code_index = 0
        for index, cell in enumerate(nb.get("cells", [])):
            if cell.get("cell_type") != "code":
                continue
            code_index += 1
            source = "".join(cell.get("source", ""))
            first = source.strip().splitlines()[0][:60] if source.strip() else ""
            where = f"cell {index} (code cell {code_index}, starts {first!r})"
            for out in cell.get("outputs", []):
                kind = out.get("output_type")
                if kind == "error":
                    tb = _strip_ansi("\n".join(out.get("traceback", [])))
                    text = f"{out.get('ename')}: {out.get('evalue')}\n{_short(tb)}"
                    report.errors.append(Problem("error output", where, text))
                elif kind == "stream" and out.get("name") == "stderr":
                    text = "".join(out.get("text", ""))
                    report.warnings.append(Problem("stderr", where, _short(text, 400)))

    def widget_problems(self, report: RunReport, *, wait: float = 10) -> None:
        """Widgets that did not display.

        Three ways this shows: "Error displaying widget: ..." text; "Loading
        widget..." that never goes away (the model never arrived); and a cell
        whose saved outputs hold a widget view while its DOM has no widget at
        all (the front-end extension jupyterlab_widgets is missing, and the
        plain-text repr is shown instead).  Call after :meth:`output_problems`,
        which saves the notebook.
        """
        js = """(nb) => [...nb.querySelectorAll('.jp-Cell')].map(cell => {
            const wrapper = cell.querySelector('.jp-Cell-outputWrapper');
            const text = wrapper ? wrapper.innerText : '';
            return {
                errors: [...text.matchAll(
                    /(Error displaying widget[^\\n]*|Failed to load model class[^\\n]*)/g)]
                    .map(m => m[0]),
                loading: (text.match(/Loading widget\\.\\.\\./g) || []).length,
                widgets: wrapper ? wrapper.querySelectorAll('.jupyter-widgets').length : 0,
            };
        })"""
        deadline = time.monotonic() + wait
        cells = self.notebook.evaluate(js)
        while any(c["loading"] for c in cells) and time.monotonic() < deadline:
            time.sleep(0.25)
            cells = self.notebook.evaluate(js)
        saved = self.saved_notebook.get("cells", []) if self.saved_notebook else []
        for index, cell in enumerate(cells):
            where = f"cell {index}"
            for text in cell["errors"]:
                report.errors.append(Problem("widget", where, text))
            if cell["loading"]:
                report.errors.append(
                    Problem("widget", where, f"'Loading widget...' still shown after {wait:.0f} s")
                )
            views = 0
            if index < len(saved):
                views = sum(
                    "application/vnd.jupyter.widget-view+json" in out.get("data", {})
                    for out in saved[index].get("outputs", [])
                )
            if views and not cell["widgets"] and not cell["errors"] and not cell["loading"]:
                report.errors.append(
                    Problem(
                        "widget",
                        where,
                        f"{views} widget output(s) but no widget on the page "
                        "(is the jupyterlab_widgets front end installed?)",
                    )
                )

    def log_console_problems(self, report: RunReport) -> None:
        """Errors printed by widget callbacks: JupyterLab sends them to the log console.

        Opens "View > Show Log Console" (changes the layout: call it last).
        """
        status = self.page.locator(".jp-LogConsoleStatusItem:not(.lm-mod-hidden)")
        if not status.count():
            return
        self.menu("View", "Show Log Console")
        panel = self.page.locator(".jp-LogConsolePanel")
        panel.wait_for()
        time.sleep(0.3)
        entries = panel.evaluate(
            """(panel) => [...panel.querySelectorAll(
                    '.lm-StackedPanel-child:not(.lm-mod-hidden) .jp-OutputArea-child')]
                .map(child => {
                    const prompt = child.querySelector('[data-log-level]');
                    const out = child.querySelector('.jp-OutputArea-output');
                    return [prompt ? prompt.dataset.logLevel : '', out ? out.innerText : child.innerText];
                })"""
        )
        for level, text in entries:
            if level not in ("error", "critical", "warning"):
                continue
            if level == "error" and not _WARNING_LINE.search(text) or level == "critical":
                report.errors.append(Problem("log console", f"level {level}", _short(text)))
            else:
                report.warnings.append(Problem("log console", f"level {level}", _short(text, 400)))

    def page_problems(self, report: RunReport) -> None:
        for text in self.page_errors:
            report.errors.append(Problem("page error", "browser", _short(text, 600)))
        for text in self.console_errors:
            report.warnings.append(Problem("console error", "browser", _short(text, 300)))

    def wait_widgets(self, timeout: float = 30, settle: float = 0.5) -> None:
        """Wait until no output says "Loading widget..." and every output picture has loaded."""
        self.page.wait_for_function(
            """(panel) => !panel.innerText.includes('Loading widget...')
                && [...panel.querySelectorAll('.jp-OutputArea-output img')].every(i => i.complete)""",
            arg=self.panel.element_handle(),
            timeout=timeout * 1000,
            polling=200,
        )
        time.sleep(settle)

    # -- accessibility ---------------------------------------------------------
    def axe_audit(
        self,
        selector: str = ".jp-OutputArea-output",
        impacts: tuple[str, ...] = ("serious", "critical"),
        options: dict | None = None,
        source: str | None = None,
    ) -> list[AxeViolation]:
        """Run axe-core on this notebook's output areas; the violations of ``impacts``.

        Call after :meth:`run_all`.  axe-core is injected into the page (see
        :func:`axe_source`; raises :class:`LabError` when it cannot be had)
        and run with the output elements matching ``selector`` in this
        notebook's panel as its context, so JupyterLab's own interface is
        not audited.  ``options`` go to ``axe.run`` (e.g. ``{"rules":
        {...}}``).  Each node carries the index of its cell.
        """
        if not self.page.evaluate("() => typeof window.axe === 'object'"):
            self.page.add_script_tag(content=source or axe_source())
            if not self.page.evaluate("() => typeof window.axe === 'object' && !!window.axe.run"):
                raise LabError("axe-core was injected but window.axe is missing")
        # Windowing renders off-screen cells lazily: draw every cell first.
        scroller = self.panel.locator(".jp-WindowedPanel-outer").first
        if scroller.count():
            scroller.evaluate(
                """async (el) => {
                    for (let y = 0; y <= el.scrollHeight; y += el.clientHeight / 2) {
                        el.scrollTo(0, y);
                        await new Promise(r => requestAnimationFrame(() => setTimeout(r, 30)));
                    }
                    el.scrollTo(0, 0);
                }"""
            )
        found = self.page.evaluate(
            _AXE_RUN_JS, [self.panel.element_handle(), selector, list(impacts), options or {}]
        )
        self.axe_outputs = found["outputs"]
        return [AxeViolation(v["rule"], v["impact"], v["help"], v["nodes"]) for v in found["violations"]]

    # -- pictures ------------------------------------------------------------
    def screenshot(self, path: Path | str, *, full: bool = True, max_height: int = 12_000) -> Path:
        """Save a PNG of the notebook; ``full`` grows the viewport to show every cell."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        size = self.page.viewport_size or VIEWPORT
        if full:
            # JupyterLab 4 scrolls the notebook inside .jp-WindowedPanel-outer.
            scroller = self.panel.locator(".jp-WindowedPanel-outer").first
            inner, outer = scroller.evaluate("(el) => [el.scrollHeight, el.clientHeight]")
            height = min(max_height, size["height"] + max(0, inner - outer))
            self.page.set_viewport_size({"width": size["width"], "height": height})
            scroller.evaluate("(el) => el.scrollTo(0, 0)")
            time.sleep(0.5)
        try:
            self.page.screenshot(path=str(path))
        finally:
            if full:
                self.page.set_viewport_size(size)
        return path

    def hide_left_sidebar(self) -> None:
        """Collapse the file browser to give the notebook the full width."""
        if self.page.locator("#jp-left-stack:not(.lm-mod-hidden)").count():
            self.menu("View", "Appearance", "Show Left Sidebar")
            self.page.locator("#jp-left-stack.lm-mod-hidden").wait_for(state="attached", timeout=5000)


def _strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)


# --------------------------------------------------------------------------
# the StepThrough widget (convlib.widgets.StepThrough)
# --------------------------------------------------------------------------
STEPPER = ".convlib-stepper"
#: The step-throughs whose steps are output cells, one per step (all but lesson 10's transposed one,
#: whose steps are input cells: tests/test_lesson10_browser.py drives it).
OUTPUT_STEPPER = ".convlib-stepper:not(.convlib-transposed-stepper)"

_STEPPER_STATE_JS = """
(el) => {
    // Steps drawn in advance may all be in the page, one shown: read the shown one.
    const steps = [...el.querySelectorAll('.convlib-step')];
    const shown = (s) => s.getClientRects().length > 0 && getComputedStyle(s).visibility !== 'hidden'
        && getComputedStyle(s).contentVisibility !== 'hidden';
    const cur = steps.length ? (steps.find(shown) || steps[0]) : el;
    const kept = steps.filter(s => s.dataset.k);
    const eq = cur.querySelector('.convlib-equation .convlib-eq');
    const grid = (cls) => cur.querySelector('.' + cls + ' table.convlib-grid');
    const cells = (table) => table ? [...table.querySelectorAll('td')] : [];
    const pos = (td) => [td.closest('tr').rowIndex, td.cellIndex];
    const input = grid('convlib-input');
    const output = grid('convlib-output');
    let outRows = 0, outCols = 0, current = null;
    if (output) {
        const rows = [...output.querySelectorAll('tr')].filter(tr => tr.querySelector('td'));
        outRows = rows.length;
        outCols = rows.length ? rows[0].querySelectorAll('td').length : 0;
        rows.forEach((tr, r) => [...tr.querySelectorAll('td')].forEach((td, c) => {
            if (td.classList.contains('convlib-current')) current = current || [r, c];
        }));
    }
    const sliders = [...el.querySelectorAll('.widget-slider')].filter(
        s => (s.querySelector('.widget-label')?.textContent || '').trim() === 'Step');
    const handle = sliders.length ? sliders[0].querySelector('[role=slider]') : null;
    const reads = handle && kept.find(s => s.dataset.k === handle.getAttribute('aria-valuetext'));
    const err = el.querySelector('.convlib-error');
    const visible = (e) => !!e && e.getClientRects().length > 0
        && getComputedStyle(e).visibility !== 'hidden';
    return {
        step: eq ? Number(eq.dataset.step) : null,
        total: eq ? Number(eq.dataset.total) : null,
        equation: eq ? eq.textContent.trim() : null,
        slider: handle ? Number(handle.getAttribute('aria-valuenow')) : null,
        slider_min: handle ? Number(handle.getAttribute('aria-valuemin')) : null,
        slider_max: handle ? Number(handle.getAttribute('aria-valuemax')) : null,
        step_sliders: sliders.length,
        play: !!el.querySelector('.widget-play, .convlib-play'),
        buttons: [...el.querySelectorAll('button')].map(b => (b.textContent || b.title || '').trim())
            .filter(Boolean),
        grids: ['convlib-input', 'convlib-kernel', 'convlib-output'].filter(c => grid(c)),
        window: cells(input).filter(td => td.classList.contains('convlib-window')).map(pos),
        output_html: output ? output.outerHTML : null,
        output_shape: [outRows, outCols],
        current: current,
        error: err ? err.innerText.trim() : null,
        visible: visible(el),
        size: [el.getBoundingClientRect().width, el.getBoundingClientRect().height],
        // Steps drawn in advance and shown in place by the page script: the copy it patches
        // (.convlib-shown), which step it says it shows, whether its content equals that of the
        // hidden step the slider reads (isEqualNode: the same nodes, texts and attributes, in any
        // order of attributes), and how many steps are shown at once.
        prerendered: kept.length,
        in_place: cur.classList.contains('convlib-shown'),
        shows: cur.dataset ? Number(cur.dataset.shows || 0) : 0,
        same_as_step: !!reads && cur.childNodes.length === reads.childNodes.length
            && [...cur.childNodes].every((c, i) => c.isEqualNode(reads.childNodes[i])),
        shown_steps: steps.filter(shown).length,
        switch_rules_on: [...el.querySelectorAll('style[data-convlib-switch]')].filter(
            s => s.sheet && !s.sheet.disabled && s.media !== 'not all').length,
        ends: el.querySelector('.convlib-buttons')
            ? ['convlib-at-first', 'convlib-at-last'].filter(
                c => el.querySelector('.convlib-buttons').classList.contains(c)) : [],
    };
}
"""


def in_place_problem(state: dict) -> str | None:
    """What is wrong with how the page shows a step-through's steps drawn in advance, or None.

    With its steps all in the page (hidden, ``data-k``), the page script
    (``convlib.widgets.STEP_IN_PLACE_JS``) must show exactly one step: its
    copy, patched in place into the step the slider reads, with the style
    rules that switch steps turned off and the ends of the walk marked on the
    row of buttons.
    """
    n = state["prerendered"]
    if not n:
        return None
    if not state["in_place"]:
        return "the page script shows no copy of the steps (.convlib-shown): steps are switched by style rules"
    if state["shown_steps"] != 1:
        return f"{state['shown_steps']} steps are shown at once"
    k = state["slider"] - state["slider_min"] + 1 if state["slider"] is not None else None
    if state["shows"] != k:
        return f"the copy says it shows step {state['shows']} but the slider reads {k}"
    if not state["same_as_step"]:
        return f"the copy's content differs from that of step {k}, which the slider reads"
    if state["switch_rules_on"]:
        return f"{state['switch_rules_on']} style sheets that switch steps are still on"
    ends = [c for c, on in (("convlib-at-first", k == 1), ("convlib-at-last", k == n)) if on]
    if state["ends"] != ends:
        return f"at step {k} of {n} the buttons are marked {state['ends']}, expected {ends}"
    return None


def stepper_state(stepper) -> dict:
    """A snapshot of one ``.convlib-stepper`` (a Playwright locator)."""
    return stepper.evaluate(_STEPPER_STATE_JS)


def step_slider(stepper):
    """The handle (ARIA slider) of the IntSlider labelled "Step"."""
    label = stepper.page.locator(".widget-label", has_text=re.compile(r"^\s*Step\s*$"))
    return stepper.locator(".widget-slider", has=label).locator("[role=slider]").first


def wait_stepper(stepper, predicate_js: str, arg=None, timeout: float = 10) -> dict:
    """Wait until ``predicate_js(state, arg)`` holds, then return the state.

    ``predicate_js`` is a JavaScript arrow function over the state object of
    :func:`stepper_state`; the state is re-read every 50 ms.
    """
    handle = stepper.element_handle()
    stepper.page.wait_for_function(
        f"""([el, arg]) => {{
            const state = ({_STEPPER_STATE_JS})(el);
            return ({predicate_js})(state, arg);
        }}""",
        arg=[handle, arg],
        timeout=timeout * 1000,
        polling=50,
    )
    return stepper_state(stepper)


def wait_settled(stepper, quiet: float = 0.4, timeout: float = 10) -> dict:
    """Wait until the equation agrees with the slider and nothing changes for ``quiet`` s."""
    deadline = time.monotonic() + timeout
    last = stepper_state(stepper)
    since = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        state = stepper_state(stepper)
        if state != last:
            last, since = state, time.monotonic()
        elif state["step"] == state["slider"] and time.monotonic() - since >= quiet:
            return state
    return last


def expected_cell(step: int, out_cols: int) -> tuple[int, int]:
    """Output cell (row, column) of a 0-based step in row-major order."""
    return divmod(step, out_cols)


_EQ_HEAD = re.compile(r"(?<![\w\]])([A-Za-z]\w*)\s*\[\s*(\d+)\s*,\s*(\d+)\s*\]\s*=")
_EQ_COUNTER = re.compile(r"Step\s+(\d+)\s+of\s+(\d+)")


def equation_cell(equation: str) -> tuple[int, int] | None:
    """The ``(r, c)`` of the first ``Y[r,c] =`` in an equation, or None.

    >>> equation_cell("Step 2 of 4: Y[0,1] = 2×0 + 3×1 = 3")
    (0, 1)
    """
    m = _EQ_HEAD.search(equation or "")
    return (int(m.group(2)), int(m.group(3))) if m else None


def equation_sum(equation: str) -> str:
    """The right-hand side of an equation: what follows ``Y[r,c] =``.

    >>> equation_sum("Step 2 of 4: Y[0,1] = 2×0 + 3×1 = 3")
    '2×0 + 3×1 = 3'
    """
    m = _EQ_HEAD.search(equation or "")
    return equation[m.end():].strip() if m else ""


def equation_counter(equation: str) -> tuple[int, int] | None:
    """The 1-based ``(k, n)`` of a "Step k of n" prefix, or None.

    >>> equation_counter("Step 2 of 4: Y[0,1] = 8")
    (2, 4)
    """
    m = _EQ_COUNTER.search(equation or "")
    return (int(m.group(1)), int(m.group(2))) if m else None


def button(widget, text: str):
    """The button whose text is ``text``.

    Not ``get_by_role(name=...)``: a Font Awesome icon adds its glyph (CSS
    generated content) to the button's accessible name.
    """
    return widget.locator("button", has_text=re.compile(rf"^\s*{re.escape(text)}\s*$")).first


def play_button(stepper, icon: str):
    """The button that plays ('play') or pauses ('pause'), or the Play widget's 'stop'.

    A StepThrough shows a "Play" ToggleButton (class ``convlib-play``, pressed
    while playing) linked to a hidden ipywidgets Play; other widgets show the
    Play widget's own icon buttons.
    """
    toggle = stepper.locator("button.convlib-play")
    if icon in ("play", "pause") and toggle.count():
        state = ".mod-active" if icon == "pause" else ":not(.mod-active)"
        return stepper.locator(f"button.convlib-play{state}").first
    return stepper.locator(f".widget-play button:has(i.fa-{icon})").first
