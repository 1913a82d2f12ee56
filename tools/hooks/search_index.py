"""MkDocs hook: while `mkdocs serve` runs, Pagefind indexes the site after every rebuild
(tools/search.py), so the preview has search. A build (`python -m tools.site build`, which
`make build` and the tests run) indexes each language itself: a builder that ignores MkDocs
hooks still gets search.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from tools.search import SearchError, index


class State:
    serving = False


def on_startup(command: str, dirty: bool) -> None:
    State.serving = command == "serve"


def on_post_build(config: Any) -> None:
    if not State.serving:
        return
    try:
        index(Path(config["site_dir"]))
    except SearchError as exc:
        raise PluginError(str(exc)) from None
