"""A reader who follows the site page by page meets every chapter, in `nav:` order: every page
but the last ends with one "Next" line (`Next: [Title](page.md)`, `다음 장: [제목](page.md)`) to
the page after it in mkdocs.yml's `nav:`, labelled alike on every page of a language (the last
may only lead back home); the home page's numbered chapter list names every other page in order.
A contributor who adds or moves a chapter updates both (CONTRIBUTING.md); this names the line.
"""

from __future__ import annotations

import re

import pytest

from tests.test_build import source_pages
from tools.layout import DOCS, LANGUAGES, nav_pages
from tools.pages import parse

NAV = nav_pages()
# `LABEL: [text](page.md)` alone on a line: the label is the page's language's "Next".
NEXT = re.compile(r"^(?P<label>[^\[\]`]+?):\s*\[[^\]]+\]\((?P<target>[^)#\s]+\.md)\)\s*$")
CHAPTER_ITEM = re.compile(r"^(?P<number>\d+)\.\s+\[[^\]]+\]\((?P<target>[^)#\s]+\.md)\)")


def next_links(lang: str, page: str) -> list[tuple[int, str, str]]:
    """(line, label, target) of every "Next" line of a page, outside code."""
    return [(n, m["label"].strip(), m["target"]) for n, line in parse(DOCS / lang / page).prose_lines()
            if (m := NEXT.match(line))]


def test_nav_lists_every_page_once() -> None:
    pages = source_pages()
    assert sorted(NAV) == pages and len(set(NAV)) == len(NAV), f"mkdocs.yml nav: {NAV}; pages: {pages}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_next_links_follow_the_nav(lang: str) -> None:
    problems = []
    labels = set()
    for index, page in enumerate(NAV):
        found = next_links(lang, page)
        wanted = NAV[index + 1] if index + 1 < len(NAV) else None
        where = f"docs/{lang}/{page}"
        if wanted is None:
            problems += [f"{where}:{n}: the last page of nav: links on to {t}, not back to {NAV[0]}"
                         for n, _, t in found if t != NAV[0]]
            continue
        labels |= {label for _, label, _ in found}
        if len(found) != 1:
            problems.append(f"{where}: {len(found)} next links; one is wanted, to {wanted} (the next in nav:)")
        elif found[0][2] != wanted:
            problems.append(f"{where}:{found[0][0]}: next link to {found[0][2]}, but nav: puts {wanted} next")
    if len(labels) > 1:
        problems.append(f"docs/{lang}/: next links are labelled differently: {sorted(labels)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_lists_every_chapter_in_order(lang: str) -> None:
    home = NAV[0]
    items = [m for _, line in parse(DOCS / lang / home).prose_lines() if (m := CHAPTER_ITEM.match(line))]
    listed = [m["target"] for m in items]
    assert listed == NAV[1:], (f"docs/{lang}/{home}: the chapter list names {listed}; "
                               f"mkdocs.yml nav: after the home page is {NAV[1:]}")
    numbers = [int(m["number"]) for m in items]
    assert numbers == list(range(1, len(items) + 1)), f"docs/{lang}/{home}: chapters numbered {numbers}"
