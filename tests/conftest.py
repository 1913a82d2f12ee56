"""Shared test helpers. Tests that need TensorFlow or a browser skip with a reason on a
contributor's machine without them, and FAIL under CI=true: a silent skip is a bug."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tools.layout import ROOT  # importable: pytest puts the root (where conftest.py is) on sys.path

IN_CI = os.environ.get("CI") == "true"


def require(condition: bool, reason: str) -> None:
    """Skip (locally) or fail (in CI) when a test's prerequisite is missing."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: `make test` installs it: `make install` and `make browser`)")
    pytest.skip(reason)


def has_tensorflow() -> bool:
    from tools.produce.outputs import tensorflow_available

    return tensorflow_available()


# The build as a prose contributor runs it: TensorFlow and Keras cannot be imported, so a
# build that needed them (a hook importing them, a stale snippet) fails here, by name. It
# writes its own exit code (BackgroundBuild.RESULT), so any pytest process can wait for it.
PROSE_BUILD = """
import os, sys
from pathlib import Path

class NoTensorFlow:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("tensorflow", "keras"):
            raise ModuleNotFoundError(f"{name} is refused: a prose build must not need it")
        return None

sys.meta_path.insert(0, NoTensorFlow())
base = Path(sys.argv[1])
base.mkdir(parents=True, exist_ok=True)
code = 1
try:
    from tools.site import main
    code = main(["build", "--site-dir", str(base / "site")])
finally:
    (base / "returncode.tmp").write_text(str(code))
    os.replace(base / "returncode.tmp", base / "returncode")
sys.exit(code)
"""


class BackgroundBuild:
    """The strict build of both languages (tools/site.py) from stored outputs, without
    TensorFlow, in a subprocess started as soon as the collected tests say they need it: it
    runs on the second core while the tests that need no site run (they go first).

    One build per test run: under pytest-xdist the controller hands every worker the same
    directory and the first worker to claim it starts the build; the others wait for its
    exit code there. (Two builds of one tree would also render each notebook twice.)"""

    RESULT, LOG, PID, CLAIM = "returncode", "build.log", "pid", "claimed"

    def __init__(self, base: Path) -> None:
        self.base = base
        self.out = base / "site"

    def start_once(self) -> None:
        """Start the build unless another process of this run has claimed it."""
        import subprocess

        try:
            (self.base / self.CLAIM).open("x").close()
        except FileExistsError:
            return
        env = {**os.environ, "GENERATED": "auto", "NO_MKDOCS_2_WARNING": "1"}
        with (self.base / self.LOG).open("w") as log:
            proc = subprocess.Popen([sys.executable, "-c", PROSE_BUILD, str(self.base)], cwd=ROOT,
                                    env=env, stdout=log, stderr=subprocess.STDOUT)
        (self.base / self.PID).write_text(str(proc.pid))

    def result(self) -> str | None:
        """Wait for the build. None when it built, else what it printed (its ERROR lines,
        not its progress)."""
        import time

        while not (self.base / self.RESULT).exists():
            if not self.alive():
                if (self.base / self.RESULT).exists():
                    break
                return f"the build process ended without an exit code (killed?); its log: {self.base / self.LOG}"
            time.sleep(0.2)
        if (self.base / self.RESULT).read_text().strip() == "0":
            return None
        printed = (self.base / self.LOG).read_text(errors="replace")
        return "\n".join(line for line in printed.splitlines() if not line.startswith("INFO "))

    def alive(self) -> bool:
        try:
            pid = int((self.base / self.PID).read_text())
        except (FileNotFoundError, ValueError):
            return (self.base / self.CLAIM).exists()  # claimed, pid not written yet
        proc = Path(f"/proc/{pid}/stat")
        if Path("/proc/self").exists():  # Linux: a zombie (exited, not yet reaped) has ended
            try:
                return proc.read_text().rsplit(")", 1)[1].split()[0] != "Z"
            except FileNotFoundError:
                return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True

    def stop(self) -> None:
        """Kill a build still running (an interrupted run) and remove its directory."""
        import signal

        if not (self.base / self.RESULT).exists():
            try:
                os.kill(int((self.base / self.PID).read_text()), signal.SIGKILL)
            except (FileNotFoundError, ValueError, ProcessLookupError):
                pass
        shutil.rmtree(self.base, ignore_errors=True)


_background: BackgroundBuild | None = None


def shared_build(config: pytest.Config) -> BackgroundBuild:
    """This run's build: the directory the xdist controller chose, or a new one."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput and workerinput.get("site_build"):
        return BackgroundBuild(Path(workerinput["site_build"]))
    return BackgroundBuild(Path(tempfile.mkdtemp(prefix="pytest-site-")))


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook, on the controller; absent in .venv-docs
def pytest_configure_node(node: Any) -> None:
    global _background
    if _background is None:
        _background = BackgroundBuild(Path(tempfile.mkdtemp(prefix="pytest-site-")))
    node.workerinput["site_build"] = str(_background.base)


def needs_site(item: pytest.Item) -> bool:
    return "site_build" in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)  # after -m/-k deselected: only a run that keeps such a test builds
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> None:
    global _background
    site_tests = [item for item in items if needs_site(item)]
    if not site_tests or os.environ.get("BUILT_SITE") or config.getoption("collectonly"):
        return
    items[:] = [item for item in items if not needs_site(item)] + site_tests  # stable otherwise
    _background = shared_build(config)
    _background.start_once()


def pytest_sessionfinish(session: pytest.Session) -> None:
    # The process that made the directory removes it: the controller under xdist (after
    # every worker has finished), else this one. A worker leaves it to the controller.
    if _background is not None and not hasattr(session.config, "workerinput"):
        _background.stop()


@dataclass
class SiteBuild:
    """The one strict build of a test session. When it fails, the first test that needs the
    site fails with its log; every later one skips with one line naming that test."""

    path: Path | None
    log: str | None = None
    reported_by: str | None = None

    def get(self, request: pytest.FixtureRequest) -> Path:
        if self.path is not None:
            return self.path
        if self.reported_by is None:
            self.reported_by = request.node.nodeid
            pytest.fail(f"the strict build (python -m tools.site build) failed; every other test that "
                        f"needs the built site skips:\n{self.log}", pytrace=False)
        pytest.skip(f"needs the built site; the build failed (its log: {self.reported_by})")


@pytest.fixture(scope="session")
def site_build(request: pytest.FixtureRequest) -> SiteBuild:
    """Both languages, built once per session (started in the background at collection),
    from stored outputs and without TensorFlow. BUILT_SITE=DIR reuses a site built already
    (to iterate on the browser tests)."""
    if os.environ.get("BUILT_SITE"):
        return SiteBuild(Path(os.environ["BUILT_SITE"]))
    global _background
    if _background is None:  # a test that asked for the site late (pytest's own collection hooks)
        _background = shared_build(request.config)
        _background.start_once()
    log = _background.result()
    return SiteBuild(_background.out if log is None else None, log)


@pytest.fixture
def built_site(site_build: SiteBuild, request: pytest.FixtureRequest) -> Path:
    """The session's built site (see SiteBuild: a failed build is said once)."""
    return site_build.get(request)


@pytest.fixture(scope="session")
def _site_server(site_build: SiteBuild) -> Iterator[str | None]:
    if site_build.path is None:
        yield None
        return
    from tools.dev.browser import serve

    with serve(site_build.path) as base:
        yield base


@pytest.fixture
def served_site(built_site: Path, _site_server: str | None) -> str:
    """The built site on 127.0.0.1, under the same path as on GitHub Pages; its base URL."""
    assert _site_server is not None
    return _site_server


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (one browser for the whole session)."""
    from tools.dev.browser import browser_missing, launch

    reason = browser_missing()
    require(reason is None, f"browser tests need Chromium: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()
