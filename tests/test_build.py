"""The strict build of both languages: broken links, anchors, includes and stale outputs fail it.

The build itself is the session fixture `built_site` (tests/conftest.py): it runs with
TensorFlow refused, as a contributor who edits only prose would run it.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tools.layout import DOCS, LANGUAGES, built_file, page_url, rel
from tools.pages import parse
from tools.records import stored_output

# A titled code block as pymdownx.highlight renders it:
# <div class="highlight"><span class="filename">TITLE</span><pre>...<code>...</code></pre></div>.
TITLED_BLOCK = re.compile(r'<div class="(?:language-[\w-]+ )?highlight"><span class="filename">'
                          r'(?P<title>[^<]*)</span><pre>(?P<body>.*?)</pre></div>', re.DOTALL)


def source_pages() -> list[str]:
    return sorted(p.relative_to(DOCS / LANGUAGES[0]).as_posix() for p in (DOCS / LANGUAGES[0]).rglob("*.md"))


def built(site: Path, lang: str, page: str) -> Path:
    return built_file(site, page_url(lang, page))


def shown_text(body: str) -> str:
    """What a rendered code block shows: its text without the highlighter's markup."""
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def titled_blocks(page_html: str) -> list[tuple[str, str]]:
    """(title, text shown) of every code block with a title, in page order."""
    return [(html.unescape(m["title"]), shown_text(m["body"])) for m in TITLED_BLOCK.finditer(page_html)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_is_built_in_both_languages(built_site: Path, lang: str) -> None:
    for page in source_pages():
        path = built(built_site, lang, page)
        assert path.exists(), f"docs/{lang}/{page}: no {path.relative_to(built_site)} in the built site"
        assert f'<html lang="{lang}"' in path.read_text(encoding="utf-8"), f"{path}: wrong language"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_include_shows_its_code_then_its_stored_output(built_site: Path, lang: str) -> None:
    """Per include, in page order: one code block titled with the snippet's path holding the
    file as it is, then one output block holding the stored output, text for text (so also
    escaped: an output printing `<b>` shows `<b>`, it does not become markup)."""
    problems = []
    for page in source_pages():
        source = parse(DOCS / lang / page)
        page_html = built(built_site, lang, page).read_text(encoding="utf-8")
        if "{*" in page_html:
            problems.append(f"{source.where}: an include was left unexpanded")
        blocks = titled_blocks(page_html)
        expected = []
        for include in source.includes:
            expected.append((include.target, (DOCS.parent / include.target).read_text(encoding="utf-8")))
            expected.append((None, stored_output(include.name)))
        if len(blocks) != len(expected):
            problems.append(f"{source.where}: {len(source.includes)} includes, so {len(expected)} titled code "
                            f"and output blocks expected; {rel(built(built_site, lang, page))} has {len(blocks)}")
            continue
        for (title, text), (wanted_title, wanted_text) in zip(blocks, expected):
            what = wanted_title or "the stored output"
            if title != (wanted_title or title) or (wanted_title is None and title.startswith("snippets/")):
                problems.append(f"{source.where}: a block titled {title!r} where {what} belongs")
            elif text.rstrip("\n") != wanted_text.rstrip("\n"):
                problems.append(f"{source.where}: the block of {what} does not show it as stored")
    assert not problems, "\n".join(problems)
