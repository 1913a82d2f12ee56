"""MkDocs hook: one search index per language, so a reader searches the pages of their language.

mkdocs-static-i18n merges both languages into one search/search_index.json. With it, an
English query such as `return_sequences` listed the Korean page first (same title words,
Korean entries come first in the index). After the merged index is written, this writes
search/search_index.LANG.json per built language, and overrides/main.html points Material's
search at the file of the page's language.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority


def split(entries: list[dict[str, Any]], languages: list[str], default: str) -> dict[str, list[dict[str, Any]]]:
    """Entries per language: a non-default language's pages live under `LANG/`."""
    others = tuple(f"{lang}/" for lang in languages if lang != default)
    by_language: dict[str, list[dict[str, Any]]] = {lang: [] for lang in languages}
    for entry in entries:
        location = str(entry["location"])
        owner = next((lang for lang in languages if lang != default and location.startswith(f"{lang}/")), None)
        if owner is None and not location.startswith(others):
            owner = default
        if owner is not None:
            by_language[owner].append(entry)
    return by_language


# After mkdocs-static-i18n's own post_build (priority -100), which builds the other
# languages and then writes the merged index.
@event_priority(-200)
def on_post_build(config: Any) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is None or getattr(i18n, "building", False):
        return  # a nested language build: the merged index is not written yet
    index = Path(config.site_dir) / "search" / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    languages = list(i18n.build_languages)
    for lang, entries in split(data["docs"], languages, i18n.default_language).items():
        own = {**data, "docs": entries}
        index.with_name(f"search_index.{lang}.json").write_text(
            json.dumps(own, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
