"""Page weight: what each built page makes a reader download on a first visit.

Measured in the browser, not guessed from the HTML: every page is opened in a fresh
Chromium context (empty cache) from a local server that compresses like GitHub Pages
(tools/dev/browser.py), and every response the page triggers is counted once it has loaded
and laid out: the HTML (its math is static SVG, rendered at build time by
tools/produce/math_render.py), CSS, JavaScript, fonts, images and data. Search (Pagefind's
bundle, pagefind/ in each language's folder: tools/search.py) loads only when the reader opens
it: a first visit that fetches any of it breaks the budget.

    python -m tools.dev.page_weight [SITE_DIR]     a table; SITE_DIR defaults to site/

`transfer` is bytes on the wire (gzip where GitHub Pages uses it); `raw` is the files'
own size. tools/dev/bench.py calls `report`; tests/test_browser.py checks the budgets.
"""

from __future__ import annotations

import argparse
import sys
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from tools import ROOT
from tools.layout import DEFAULT_LANGUAGE, language_of
from tools.dev.browser import browser_missing, built_pages, guard, launch, serve

# Bytes on the wire a first visit may cost, everything counted: a chapter page (the home page
# too), and a notebook page, which also carries the notebook renderer's shared CSS (115 KB
# gzipped). Search costs a first visit nothing: its files come when the reader opens it.
BUDGET = 150_000
NOTEBOOK_BUDGET = 250_000
SEARCH_BUNDLE = "pagefind/"  # Pagefind's files in a language's folder (tools/search.py)
KINDS = {".html": "html", ".css": "css", ".js": "js", ".woff": "font", ".woff2": "font",
         ".ttf": "font", ".png": "image", ".svg": "image", ".jpg": "image", ".jpeg": "image",
         ".webp": "image", ".gif": "image", ".json": "data", ".xml": "data"}


@dataclass
class PageWeight:
    page: str  # path relative to the site root: '' (home), 'en/the-model/', ...
    transfer: int = 0
    raw: int = 0
    requests: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)  # transfer bytes per kind
    blocked: list[str] = field(default_factory=list)  # requests that tried to leave the site
    search: int = 0  # transfer bytes of Pagefind's files: 0 unless the reader opened search

    @property
    def budget(self) -> int:
        return budget_of(self.page)

    def problems(self) -> list[str]:
        """Each budget this first visit breaks, said with its numbers."""
        found = []
        if self.transfer >= self.budget:
            found.append(f"first visit downloads {self.transfer / 1000:.1f} KB "
                         f"(budget {self.budget / 1000:.0f} KB): "
                         + ", ".join(f"{kind} {size / 1000:.1f} KB" for kind, size in sorted(self.by_kind.items())))
        if self.search:
            found.append(f"first visit fetched search files ({SEARCH_BUNDLE}, {self.search / 1000:.1f} KB) "
                         f"with search not opened")
        return found


def budget_of(page: str) -> int:
    """The weight budget of a page, by its path relative to the site root."""
    return NOTEBOOK_BUDGET if "notebooks" in page.strip("/").split("/") else BUDGET


def kind_of(path: str) -> str:
    if path.endswith("/"):
        return "html"
    return KINDS.get(Path(path).suffix.lower(), "other")


class Quiet:
    """Counts a page's requests in flight, so waiting for it to settle takes no fixed 500 ms."""

    def __init__(self, page: Any) -> None:
        self.in_flight = 0
        page.on("request", self._start)
        page.on("requestfinished", self._end)
        page.on("requestfailed", self._end)

    def _start(self, request: Any) -> None:
        self.in_flight += 1

    def _end(self, request: Any) -> None:
        self.in_flight -= 1

    def wait(self, page: Any, quiet_ms: int = 150, timeout_ms: int = 15000) -> None:
        waited = still = 0
        while still < quiet_ms and waited < timeout_ms:
            page.wait_for_timeout(25)
            waited += 25
            still = still + 25 if self.in_flight <= 0 else 0


def settle(page: Any, quiet: Quiet) -> None:
    """Wait until the page has fetched all it fetches on its own: math typeset, fonts in."""
    page.evaluate("""async () => {
        document.body.getBoundingClientRect();  // lay out the page: its fonts start loading
        await new Promise(requestAnimationFrame);
        await document.fonts.ready;
    }""")
    quiet.wait(page)


def track(page: Any, base: str, site: Path, path: str) -> PageWeight:
    """A PageWeight that fills up with every response `page` receives from the local site."""
    weight = PageWeight(path)
    prefix = urlsplit(base).path

    def count(response: Any) -> None:
        if not response.url.startswith(base):
            return
        local = unquote(urlsplit(response.url).path)[len(prefix):]
        file = site / local
        if local == "" or local.endswith("/"):
            file = file / "index.html"
        wire = int(response.headers.get("content-length", 0))
        weight.transfer += wire
        weight.raw += file.stat().st_size if file.is_file() else wire
        weight.requests += 1
        kind = kind_of(local or "index.html")
        weight.by_kind[kind] = weight.by_kind.get(kind, 0) + wire
        if f"/{SEARCH_BUNDLE}" in f"/{local}":  # pagefind/... or en/pagefind/...
            weight.search += wire

    page.on("response", count)
    return weight


def measure_page(browser: Any, base: str, site: Path, path: str) -> PageWeight:
    """One page on a first visit: a fresh context, so nothing comes from the cache."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    record = guard(context, base)
    try:
        page = context.new_page()
        quiet = Quiet(page)
        weight = track(page, base, site, path)
        page.goto(base + path, wait_until="load")
        settle(page, quiet)
    finally:
        context.close()
    weight.blocked = record.blocked
    return weight


def measure(site: Path, pages: list[str] | None = None) -> list[PageWeight]:
    """Weights of `pages` (default: every page of the built site `site`). Needs Chromium."""
    reason = browser_missing()
    if reason:
        raise RuntimeError(reason)
    from playwright.sync_api import sync_playwright

    pages = sorted(built_pages(site), key=lambda p: (language_of(p) != DEFAULT_LANGUAGE, p)) if pages is None else pages
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            return [measure_page(browser, base, site, path) for path in pages]
        finally:
            browser.close()


def table(weights: list[PageWeight]) -> str:
    kinds = ["html", "css", "js", "font", "image", "data"]
    head = (f"{'page':<44}{'transfer KB':>12}{'raw KB':>9}{'req':>5}"
            + "".join(f"{k:>7}" for k in kinds))
    lines = [head]
    for w in weights:
        lines.append(f"{'/' + w.page:<44}{w.transfer / 1000:>12.1f}{w.raw / 1000:>9.1f}{w.requests:>5}"
                     + "".join(f"{w.by_kind.get(k, 0) / 1000:>7.1f}" for k in kinds))
    for label, budget in (("page", BUDGET), ("notebook page", NOTEBOOK_BUDGET)):
        group = [w for w in weights if w.budget == budget]
        if group:
            heaviest = max(group, key=lambda w: w.transfer)
            lines.append(f"heaviest {label}: /{heaviest.page} {heaviest.transfer / 1000:.1f} KB on the wire "
                         f"(budget {budget / 1000:.0f} KB: {'met' if heaviest.transfer < budget else 'NOT met'})")
    searched = [w.page for w in weights if w.search]
    lines.append(f"search files fetched on a first visit: {', '.join('/' + p for p in searched) or 'by no page'}")
    lines.append("(KB = 1000 bytes; kinds are transfer KB, everything a first visit fetches; transfer is gzip "
                 "where GitHub Pages gzips)")
    return "\n".join(lines)


def report(where: Path, out: Callable[[str], None] = print) -> list[PageWeight]:
    """Print the weight table of a built site: `where` is a site dir or a repo with site/."""
    site = where / "site" if (where / "site" / "index.html").is_file() else where
    try:
        weights = measure(site)
    except RuntimeError as exc:
        out(f"page weight: not measured ({exc})")
        return []
    out(table(weights))
    return weights


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.dev.page_weight", description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site", help="built site (default: site/)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"no built site at {args.site}: run `make build` first", file=sys.stderr)
        return 2
    weights = report(args.site)
    return 0 if weights and not any(w.problems() for w in weights) else 1


if __name__ == "__main__":
    sys.exit(main())
