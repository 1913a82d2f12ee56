"""Every stored output agrees with a fresh run of its snippet (needs TensorFlow), each snippet
run once: tests/test_notebooks.py runs in a fresh kernel each notebook that runs a snippet whole
(the whole file, or every part in order, its cells printing the whole stored output); any other
snippet (one with a part no page shows, such as the steppers' weights) runs here, as a reader
runs it (`python snippets/NAME.py`). Either way a process of its own proves that the build's
one-process worker prints what a standalone run prints. Numbers within a tolerance, the rest
(shapes included) exactly.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import has_tensorflow, require
from tools.layout import DEFAULT_LANGUAGE, ROOT, Layout, rel
from tools.pages import parse
from tools.parts import read_snippet, shown
from tools.produce.notebooks import chapters, load_site
from tools.produce.outputs import RUN_ENV, compare_outputs

LAYOUT = Layout()


def run_by_a_notebook() -> dict[str, str]:
    """snippets/NAME.py -> the default-language notebook that runs it whole (see the docstring)."""
    found: dict[str, str] = {}
    for chapter in chapters(load_site()):
        if chapter.language != DEFAULT_LANGUAGE:
            continue
        items: dict[str, list] = {}
        for item in shown(parse(chapter.source), f"docs/{chapter.docs_path}"):
            items.setdefault(item.include.target, []).append(item)
        for target, run in items.items():
            parts = [item.include.part for item in run]
            whole = parts == [None] or parts == read_snippet(ROOT / target).names
            printed = "".join(item.output or "" for item in run)
            if whole and printed == LAYOUT.txt(Path(target).stem).read_text(encoding="utf-8"):
                found.setdefault(target, rel(chapter.notebook()))
    return found


RUN_BY_A_NOTEBOOK = run_by_a_notebook()
STANDALONE = [p for p in LAYOUT.snippet_paths() if rel(p) not in RUN_BY_A_NOTEBOOK]


@pytest.mark.tensorflow
@pytest.mark.parametrize("snippet", STANDALONE, ids=lambda p: p.stem)
def test_stored_output_matches_a_fresh_run(snippet) -> None:
    require(has_tensorflow(), "TensorFlow is not installed: run `make install`")
    proc = subprocess.run([sys.executable, str(snippet)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **RUN_ENV}, timeout=600)
    assert proc.returncode == 0, f"{rel(snippet)} failed:\n{proc.stderr[-3000:]}"
    stored = LAYOUT.txt(snippet.stem)
    problem = compare_outputs(stored.read_text(encoding="utf-8"), proc.stdout)
    assert problem is None, f"{rel(stored)} differs from a fresh run of {rel(snippet)}: {problem}"
