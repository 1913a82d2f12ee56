"""Links: every built page of both languages (theme and raw HTML included) refers only to files
and #anchors that exist, and every page is reached from the two home pages. Links that leave
the site are not followed (offline). A small broken site first proves the check would notice.

MkDocs' `validation:` checks the Markdown's links; this reads the HTML the reader gets, with the
standard library's parser (linkchecker took over two minutes on our formula-heavy pages).
"""

from __future__ import annotations

import html.parser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from tools.dev.browser import built_pages, site_prefix

# The attributes that make the browser fetch or go somewhere, as linkchecker checked them.
LINKING = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
           "source": "src", "iframe": "src"}
NOT_FOLLOWED = ("data:", "blob:", "mailto:", "javascript:")


class Page(html.parser.HTMLParser):
    """A built page's ids and its links: (line, tag, address)."""

    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str, str]] = []
        self.feed(path.read_text(encoding="utf-8", errors="replace"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        keys = ("id", "name") if tag == "a" else ("id",)
        self.ids |= {named[key] or "" for key in keys if named.get(key)}
        address = named.get(LINKING.get(tag, ""))
        if address is not None:
            self.links.append((self.getpos()[0], tag, address))


def check(site: Path, prefix: str = "/", starts: tuple[str, ...] = ("",)) -> tuple[list[str], list[str]]:
    """(broken links, pages never reached from `starts`). A broken link is said as
    file:line: <tag> address: what is missing."""
    pages = {path: Page(path) for path in sorted(site.rglob("*.html"))}
    broken: list[str] = []
    leads_to: dict[Path, list[Path]] = {path: [] for path in pages}  # the pages its <a> reach
    for html_file, page in pages.items():
        rel = html_file.relative_to(site).as_posix()
        url = "http://site" + prefix + rel.removesuffix("index.html")
        for line, tag, address in page.links:
            absolute = urljoin(url, address)
            if not address or address.startswith(NOT_FOLLOWED) or not absolute.startswith("http://site/"):
                continue  # another site: not followed
            parts = urlsplit(absolute)
            path, fragment = unquote(parts.path), unquote(parts.fragment)
            file = site / path[len(prefix):] if path.startswith(prefix) else None
            found = file / "index.html" if file and file.is_dir() else file if file and file.is_file() else None
            if found is None:
                broken.append(f"{rel}:{line}: <{tag}> {address}: no such file in the built site")
            elif found in pages:
                if fragment and fragment not in pages[found].ids:
                    broken.append(f"{rel}:{line}: <{tag}> {address}: "
                                  f"{found.relative_to(site).as_posix()} has no id {fragment!r}")
                if tag in ("a", "area"):
                    leads_to[html_file].append(found)
    # What a reader can reach by following links from the home pages.
    reached: set[Path] = set()
    todo = [site / start / "index.html" for start in starts]
    while todo:
        current = todo.pop()
        if current in pages and current not in reached:
            reached.add(current)
            todo += leads_to[current]
    missed = [rel for rel in built_pages(site) if site / rel / "index.html" not in reached]
    return broken, missed


def test_the_check_notices_a_broken_link_and_a_broken_anchor(tmp_path: Path) -> None:
    for name, body in {"index.html": '<a href="page/#present">ok</a> <a href="page/#missing">anchor</a>\n'
                       '<a href="gone/">page</a> <a href="https://github.com/">outside, not followed</a>\n'
                       '<img src="missing.png" alt=""> <a href="#here" id="here">itself</a>',
                       "page/index.html": '<h2 id="present">x</h2>',
                       "lonely/index.html": "nobody links here"}.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(f"<!doctype html><html><body>{body}</body></html>")
    broken, missed = check(tmp_path)
    assert broken == ["index.html:1: <a> page/#missing: page/index.html has no id 'missing'",
                      "index.html:2: <a> gone/: no such file in the built site",
                      "index.html:3: <img> missing.png: no such file in the built site"], broken
    assert missed == ["lonely/"], missed


def test_no_broken_link_or_anchor_in_either_language(built_site: Path) -> None:
    broken, missed = check(built_site, site_prefix(), starts=("", "en"))
    assert not broken, "broken links or anchors in the built site:\n  " + "\n  ".join(broken)
    assert not missed, f"no link leads to these pages from the home pages: {missed}"
