"""Every stored output agrees with a fresh, standalone run of its snippet (needs TensorFlow).

Each snippet runs as a reader would run it, `python snippets/NAME.py`, in its own process:
this also proves that the build's one-process worker prints what a standalone run prints.
Numbers are compared with a tolerance, everything else (shapes included) exactly.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import has_tensorflow, require
from tools.layout import ROOT, Layout, rel
from tools.produce.outputs import RUN_ENV, compare_outputs

LAYOUT = Layout()


@pytest.mark.tensorflow
@pytest.mark.parametrize("snippet", LAYOUT.snippet_paths(), ids=lambda p: p.stem)
def test_stored_output_matches_a_fresh_run(snippet) -> None:
    require(has_tensorflow(), "TensorFlow is not installed: run `make install`")
    proc = subprocess.run([sys.executable, str(snippet)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **RUN_ENV}, timeout=600)
    assert proc.returncode == 0, f"{rel(snippet)} failed:\n{proc.stderr[-3000:]}"
    stored = LAYOUT.txt(snippet.stem)
    problem = compare_outputs(stored.read_text(encoding="utf-8"), proc.stdout)
    assert problem is None, f"{rel(stored)} differs from a fresh run of {rel(snippet)}: {problem}"
