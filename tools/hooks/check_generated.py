"""MkDocs hook: the build only reads. Before it, name every stale generated file (tools/generated.py)
and check the claims of this build's language against the run records (tools/claims/shapes.py).

Generated files are written by `make sync` (`python -m tools.generated`), never by a build. A
stale one stops `make build`, the tests' build and CI, naming each file and the command; while
serving it is a warning naming `make sync` (the page shows the committed file until then).
Claim parity between the languages is checked by `make check` (tests/test_shapes.py), which
reads every language; each language's build checks its own pages and figures.
"""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError

from tools.claims.parity import missing_twins
from tools.claims.shapes import check_docs
from tools.generated import GeneratedError, sync

SYNC_HINT = "`make sync` refreshes every stale generated file (outputs need TensorFlow: .venv)."


class State:
    serving = False  # `mkdocs serve`: stale files warn instead of stopping the build


def on_startup(command: str, dirty: bool) -> None:
    State.serving = command == "serve"


def on_pre_build(config: Any) -> None:
    # A page in one language only would otherwise surface as an orphaned notebook or a nav warning.
    missing = missing_twins()
    if missing:
        raise PluginError("\n".join(missing))
    try:
        sync(how="check", log=lambda msg: None)  # writes nothing
    except GeneratedError as exc:
        if not State.serving:
            raise PluginError(f"{exc}\n{SYNC_HINT}") from None
        # Printed, not logged: a warning logged under `strict: true` would stop the server's build.
        said = str(exc).replace("\n", "\n             ")
        print(f"WARNING -  generated: {said}\n             {SYNC_HINT}", flush=True)
    # A page that states a shape, number or fact its run contradicts does not build (about
    # 0.1 s: the check reads the stored records only). The same function backs tests/test_shapes.py.
    errors = check_docs(languages=(config["theme"]["language"],))
    if errors:
        raise PluginError("claims that disagree with their run (tools/claims/shapes.py):\n  " + "\n  ".join(errors))
