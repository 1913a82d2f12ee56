"""Search on demand: a first visit downloads no search documents, only the first query does.

Material's search plugin writes one index per language, `search/search_index.json`: its
config and the text of every section of the site (45-50 KB gzipped per language). The theme
fetches that file on every page load, so every first visit paid for the whole site's text
whether the reader searched or not. After each build this module splits it in two:

    search/search_index.json        the config only ("docs": []), what every page still fetches
    search/search_index.full.json   everything Material wrote, fetched on the first query

and docs/assets/javascripts/workers/search-on-demand.js, the worker overrides/main.html hands
to the theme, gives Material's own worker the documents when the reader first types a query.
Ranking, highlighting and suggestions stay Material's.

    python -m tools.search_index SITE_DIR      split a built site (both languages)

tools/hooks/search_on_demand.py runs `split` after every MkDocs build (`make build`, `make serve`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

STUB = "search_index.json"
FULL = "search_index.full.json"


class SearchIndexError(Exception):
    pass


def split(search_dir: Path) -> tuple[int, int]:
    """Split `search_dir`/search_index.json into the stub and the full file; return their sizes.

    Idempotent: a stub that is already split (no docs, full file present) is left alone.
    """
    stub_path, full_path = search_dir / STUB, search_dir / FULL
    if not stub_path.is_file():
        raise SearchIndexError(f"{stub_path}: no search index (is Material's search plugin on?)")
    text = stub_path.read_text(encoding="utf-8")
    index = json.loads(text)
    if not isinstance(index, dict) or "config" not in index or not isinstance(index.get("docs"), list):
        raise SearchIndexError(f"{stub_path}: not a Material search index (no 'config' and 'docs')")
    if not index["docs"]:
        if not full_path.is_file():
            raise SearchIndexError(f"{stub_path}: has no documents and there is no {FULL} beside it")
        return stub_path.stat().st_size, full_path.stat().st_size
    # The same JSON, with Hangul as UTF-8 rather than \uXXXX escapes: 9% less on the wire in Korean.
    full_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    stub = {key: value for key, value in index.items() if key != "docs"} | {"docs": []}
    stub_path.write_text(json.dumps(stub, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return stub_path.stat().st_size, full_path.stat().st_size


def search_dirs(site: Path) -> list[Path]:
    """Every language's search folder in a built site: search/ and en/search/ (and any other)."""
    return sorted(path.parent for path in site.glob("**/search/" + STUB))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.search_index", description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site, e.g. site/")
    args = parser.parse_args(argv)
    found = search_dirs(args.site)
    if not found:
        print(f"{args.site}: no search/{STUB} in it", file=sys.stderr)
        return 2
    for search_dir in found:
        try:
            stub, full = split(search_dir)
        except SearchIndexError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"{search_dir}: {STUB} {stub:,} bytes, {FULL} {full:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
