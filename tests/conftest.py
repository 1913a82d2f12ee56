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


@pytest.fixture
def mkdocs_bin() -> str:
    exe = Path(sys.executable).with_name("mkdocs")
    return str(exe) if exe.exists() else shutil.which("mkdocs") or "mkdocs"


# The build as a prose contributor runs it: TensorFlow and Keras cannot be imported, so a
# build that needed them (a hook importing them, a stale snippet) fails here, by name.
PROSE_BUILD = """
import sys

class NoTensorFlow:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("tensorflow", "keras"):
            raise ModuleNotFoundError(f"{name} is refused: a prose build must not need it")
        return None

sys.meta_path.insert(0, NoTensorFlow())
from tools.site import main
sys.exit(main(["build", "--site-dir", sys.argv[1]]))
"""


class BackgroundBuild:
    """The strict build of both languages (tools/site.py) from stored outputs, without
    TensorFlow, started in a subprocess as soon as the collected tests say they need it: it
    runs on the second core while the tests that need no site run (they go first)."""

    def __init__(self, out: Path) -> None:
        import subprocess

        env = {**os.environ, "GENERATED": "auto", "NO_MKDOCS_2_WARNING": "1"}
        self.out = out
        self.proc = subprocess.Popen([sys.executable, "-c", PROSE_BUILD, str(out)], cwd=ROOT, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def result(self) -> str | None:
        """None when it built, else what the build printed (its ERROR lines, not its progress)."""
        printed, _ = self.proc.communicate()
        if self.proc.returncode == 0:
            return None
        return "\n".join(line for line in printed.splitlines() if not line.startswith("INFO "))


_background: BackgroundBuild | None = None


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
    _background = BackgroundBuild(Path(tempfile.mkdtemp(prefix="pytest-site-")))


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _background is not None:
        _background.proc.kill()
        _background.proc.wait()
        shutil.rmtree(_background.out, ignore_errors=True)


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
def site_build() -> SiteBuild:
    """Both languages, built once per session (started in the background at collection),
    from stored outputs and without TensorFlow. BUILT_SITE=DIR reuses a site built already
    (to iterate on the browser tests)."""
    if os.environ.get("BUILT_SITE"):
        return SiteBuild(Path(os.environ["BUILT_SITE"]))
    global _background
    if _background is None:  # a test that asked for the site late (pytest's own collection hooks)
        _background = BackgroundBuild(Path(tempfile.mkdtemp(prefix="pytest-site-")))
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
