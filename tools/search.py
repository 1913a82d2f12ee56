"""Search: Pagefind (npm, pinned in package.json) indexes each language's built site.

Pagefind reads the built HTML, not MkDocs: each page's text inside `data-pagefind-body` (the
chapter text; overrides/main.html marks it, and leaves out notebook pages and the 404 page),
without what is marked `data-pagefind-ignore` (snippets' code and output, tools/hooks/
include_snippets.py). It writes its bundle into the language's own site folder, `pagefind/`
(site/pagefind/, site/en/pagefind/): each language's pages search only that language, and the
bundle's files (the search UI, the index in fragments a query fetches) are loaded by a page only
when the reader opens search (overrides/main.html).

    python -m tools.search SITE_DIR     index one language's built site (tools/site.py does it)

tools/site.py runs it after each language's build; the hook tools/hooks/search_index.py runs it
after each rebuild of `mkdocs serve`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tools.layout import ROOT

PAGEFIND = ROOT / "node_modules" / ".bin" / "pagefind"  # installed by `npm ci` (make install)
BUNDLE = "pagefind"  # the bundle's folder inside each language's site folder
# Not text to search nor to show in a result: the headings' permalink sign (¶), the edit
# button, and the buttons under a chapter's title (notebook, Colab).
EXCLUDE = ".headerlink, .md-content__button, .md-button"


class SearchError(Exception):
    """Pagefind is missing or failed: the message says what to do."""


def index(site: Path) -> Path:
    """Index the built site of one language (`site` holds its index.html); the bundle's folder."""
    if not PAGEFIND.exists():
        raise SearchError(f"search: {PAGEFIND.relative_to(ROOT)} is missing: run `npm ci` (make install)")
    if not (site / "index.html").is_file():
        raise SearchError(f"search: no built site at {site}")
    # --site: the language's folder; the other language's folder (site/en/ under site/) does not
    # exist yet when the default language is indexed: tools/site.py builds that one first.
    proc = subprocess.run([str(PAGEFIND), "--site", str(site), "--output-subdir", BUNDLE,
                           "--exclude-selectors", EXCLUDE, "--quiet"],
                          cwd=site, capture_output=True, text=True)
    if proc.returncode:
        said = (proc.stdout + proc.stderr).strip()
        raise SearchError(f"search: pagefind failed on {site} (exit {proc.returncode}):\n{said}")
    return site / BUNDLE


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m tools.search SITE_DIR", file=sys.stderr)
        return 2
    try:
        print(f"search: indexed {index(Path(args[0]).resolve())}")
    except SearchError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
