"""MkDocs hook: after every build, split the search index (tools/search_index.py), so that a
first visit fetches only its config and the documents come with the reader's first query.

MkDocs runs hooks after the plugins of the same event, so Material's search plugin has written
the index by the time this runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from tools.search_index import SearchIndexError, split


def on_post_build(config: Any) -> None:
    try:
        split(Path(config["site_dir"]) / "search")
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None
