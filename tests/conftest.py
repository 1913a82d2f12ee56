"""Shared test helpers. Tests that need TensorFlow or a browser skip with a reason on a
contributor's machine without them, and FAIL under CI=true: a silent skip is a bug."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

IN_CI = os.environ.get("CI") == "true"


def require(condition: bool, reason: str) -> None:
    """Skip (locally) or fail (in CI) when a test's prerequisite is missing."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this must be installed by `make install`)")
    pytest.skip(reason)


def has_tensorflow() -> bool:
    from tools.outputs import tensorflow_available

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


def build_site(out: Path) -> None:
    """The strict build of both languages (tools/site.py) from stored outputs, without TensorFlow."""
    import subprocess

    env = {**os.environ, "GENERATED": "auto", "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-c", PROSE_BUILD, str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, f"python -m tools.site build failed:\n{proc.stdout}\n{proc.stderr}"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both languages, built once per session, from stored outputs and without TensorFlow.
    BUILT_SITE=DIR reuses a site built already (to iterate on the browser tests)."""
    if os.environ.get("BUILT_SITE"):
        return Path(os.environ["BUILT_SITE"])
    out = tmp_path_factory.mktemp("site")
    build_site(out)
    return out


@pytest.fixture(scope="session")
def served_site(built_site: Path) -> Iterator[str]:
    """The built site on 127.0.0.1, under the same path as on GitHub Pages; yields its base URL."""
    from tools.browser import serve

    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (one browser for the whole session)."""
    from tools.browser import browser_missing, launch

    reason = browser_missing()
    require(reason is None, f"browser tests need Chromium: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()
