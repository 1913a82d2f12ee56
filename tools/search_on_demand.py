"""MkDocs hook: after every build, split the search index (tools/search_index.py), so that a
first visit fetches only its config and the documents come with the reader's first query.

MkDocs runs hooks after the plugins of the same event, so Material's search plugin has written
the index by the time this runs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# mkdocs loads hooks by file path; make `tools` importable as a package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError  # noqa: E402

from tools.search_index import SearchIndexError, split  # noqa: E402


def on_post_build(config: Any) -> None:
    try:
        split(Path(config["site_dir"]) / "search")
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None
