"""A built site served the way GitHub Pages serves it, and Debian's Chromium driven by Playwright.

Shared by the browser tests (tests/test_browser.py), the link crawl and tools/dev/page_cost.py:

- `serve(site_dir)` serves the site on 127.0.0.1 under the path of `site_url`
  (/keras-rnn-structure/), answers a missing address with the root 404.html and status 404,
  and gzips text like GitHub Pages does, so measured transfer sizes are what readers get.
- `launch(playwright)` starts /usr/bin/chromium (never a downloaded browser) headless;
  `open_site(site_dir)` does both.
- `guard(context, base)` blocks and records every request that would leave 127.0.0.1;
  `guarded_page(browser, base)` opens a page in a fresh context so guarded.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from tools.layout import ROOT

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Flags that work as root in a container; the background ones keep Chromium itself from
# phoning home, so any request that leaves 127.0.0.1 comes from the page.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
# GitHub Pages compresses these; fonts (woff/woff2) and images are compressed already.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml",
                    "application/xml")


def site_prefix(config_path: Path = ROOT / "mkdocs.yml") -> str:
    """The path the site lives under on GitHub Pages, from site_url: '/keras-rnn-structure/'."""
    for line in config_path.read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            path = urlsplit(line.split(":", 1)[1].strip()).path
            return "/" + path.strip("/") + "/" if path.strip("/") else "/"
    return "/"


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (`make browser` installs Debian's chromium; `make test` runs it)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (`make install`)"
    return None


def _handler(site: Path, prefix: str) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass  # quiet: the tests report what matters

        def do_GET(self) -> None:  # noqa: N802
            self._answer(head=False)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(head=True)

        def _answer(self, head: bool) -> None:
            path = unquote(urlsplit(self.path).path)
            target = self._file(path)
            if path + "/" == prefix or (target and target.is_dir()):
                self.send_response(301)  # GitHub Pages adds the trailing slash the same way
                self.send_header("Location", path + "/")
                self.end_headers()
            elif target is None and not (site / "404.html").is_file():
                self.send_error(404)
            else:
                self._send(target or site / "404.html", 404 if target is None else 200, head)

        def _file(self, path: str) -> Path | None:
            if not path.startswith(prefix):
                return None
            target = (site / path[len(prefix):]).resolve()
            if site.resolve() not in (target, *target.parents):
                return None
            if target.is_dir() and path.endswith("/"):
                target = target / "index.html"
            return target if target.exists() else None

        def _send(self, file: Path, status: int, head: bool) -> None:
            body = file.read_bytes()
            ctype = self.guess_type(str(file))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            accepts = self.headers.get("Accept-Encoding", "")
            if "gzip" in accepts and ctype.startswith(COMPRESSED_TYPES):
                body = gzip.compress(body, compresslevel=6, mtime=0)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            if not head:
                self.wfile.write(body)

    Handler.extensions_map = {**Handler.extensions_map, ".js": "application/javascript",
                              ".woff": "font/woff", ".woff2": "font/woff2", ".json": "application/json"}
    return Handler


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser or crawler that drops a connection early is not an error worth a traceback."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path, prefix: str | None = None) -> Iterator[str]:
    """Serve `site` on a free port of 127.0.0.1; yields the site's base URL (ending in /)."""
    prefix = prefix or site_prefix()
    server = QuietServer(("127.0.0.1", 0), _handler(site, prefix))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless; never a browser Playwright downloaded."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS,
                                      headless=True)


@contextlib.contextmanager
def open_site(site: Path) -> Iterator[tuple[Any, str]]:
    """`site` served and Chromium launched: (browser, base URL). RuntimeError without Chromium."""
    reason = browser_missing()
    if reason:
        raise RuntimeError(reason)
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser, base
        finally:
            browser.close()


@dataclass
class Guard:
    """Requests that tried to leave the site (all blocked)."""

    blocked: list[str] = field(default_factory=list)


def guard(context: Any, base: str) -> Guard:
    """Block every request that is not to the local site, and record it."""
    record = Guard()
    local = "/".join(base.split("/", 3)[:3]) + "/"

    def outside(url: str) -> bool:
        return not (url.startswith(local) or url.startswith(("data:", "blob:", "about:")))

    def block(route: Any) -> None:
        record.blocked.append(route.request.url)
        route.abort("blockedbyclient")

    context.route(outside, block)
    return record


@contextlib.contextmanager
def guarded_page(browser: Any, base: str, **options: Any) -> Iterator[tuple[Any, Guard]]:
    """A page in a fresh context (empty cache, `options` as new_context takes them), guarded;
    the context is closed after."""
    context = browser.new_context(**options)
    record = guard(context, base)
    try:
        yield context.new_page(), record
    finally:
        context.close()


def built_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to it ('', 'en/', 'the-model/')."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages
