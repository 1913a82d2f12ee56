"""MkDocs hook: before every build, bring every generated file up to date (tools/generated.py),
then check every claim the pages and figures make against the run records (tools/claims/shapes.py).

Stale snippet outputs are re-run where TensorFlow is installed; stale figures and notebooks
are redrawn and rewritten (they need no TensorFlow); in CI (CI=true) nothing is written and
the build stops, naming each stale file and the command that refreshes it. Under `mkdocs
serve`, a saved snippet, page or figure source (img/, watched) is picked up on the next build.
"""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError

from tools.generated import GeneratedError, sync
from tools.claims.shapes import check_docs


def on_pre_build(config: Any) -> None:
    try:
        sync(log=lambda msg: print(f"INFO    -  generated: {msg}", flush=True))
    except GeneratedError as exc:
        raise PluginError(str(exc)) from None
    # A page that states a shape, number or fact its run contradicts does not build (about
    # 0.1 s: the check reads the stored records only). The same function backs tests/test_shapes.py.
    errors = check_docs()
    if errors:
        raise PluginError("claims that disagree with their run (tools/claims/shapes.py):\n  " + "\n  ".join(errors))
