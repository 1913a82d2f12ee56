"""Shared test helpers. Tests that need TensorFlow or a browser skip with a reason on a
contributor's machine without them, and FAIL under CI=true: a silent skip is a bug."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

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
