"""Highlighted code written as one element per run of a colour (tools/hooks/code_spans.py): every
snippet keeps its text and every visible character its colour class, with far fewer elements;
markup it does not know is left alone. That the classes it joins really look alike in the
theme is checked in Chromium (tests/test_browser.py)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from types import SimpleNamespace

import markdown

from tests.conftest import ROOT
from tools.hooks.code_spans import BLOCK, GROUP_OF, PLAIN, compact, compact_code, main, on_page_content

SNIPPETS = sorted((ROOT / "snippets").glob("*.py"))
PIECE = re.compile(r'<span class="(?P<cls>[^"]*)">(?P<text>[^<]*)</span>|<a [^>]*></a>|(?P<plain>[^<]+)')


def highlighted(code: str) -> str:
    """A Python block as the site's Markdown writes it."""
    fence = f'```python title="x.py"\n{code}\n```\n'
    return markdown.markdown(fence, extensions=["pymdownx.superfences", "pymdownx.highlight"])


def colours(code_html: str) -> list[tuple[str, str]]:
    """(character, what draws it) for every character of a block's code: its class's colour
    group, the code's own colour for plain text and PLAIN classes."""
    out = []
    for m in PIECE.finditer(code_html):
        if m["cls"] is None and m["plain"] is None:
            continue
        cls = m["cls"] or ""
        who = "code" if m["plain"] is not None or cls in PLAIN else GROUP_OF.get(cls, "=" + cls)
        out += [(char, who) for char in html.unescape(m["text"] if m["plain"] is None else m["plain"])]
    return out


def elements(text: str) -> int:
    return len(re.findall(r"<[a-z]", text))


def test_every_snippet_keeps_its_text_and_the_colour_of_each_character() -> None:
    before = after = 0
    for snippet in SNIPPETS:
        page = highlighted(snippet.read_text(encoding="utf-8"))
        (block,) = BLOCK.finditer(page)
        compacted = compact_code(block.group(2))
        assert compacted is not None, f"{snippet.name}: its highlighted code was not compacted"
        assert compact_code(compacted) == compacted, f"{snippet.name}: compacting twice changed it"
        old, new = colours(block.group(2)), colours(compacted)
        assert "".join(c for c, _ in new) == "".join(c for c, _ in old), f"{snippet.name}: text changed"
        changed = [(i, c, a, b) for i, ((c, a), (_, b)) in enumerate(zip(old, new, strict=True))
                   if a != b and not c.isspace()]
        assert not changed, f"{snippet.name}: characters drawn in another colour: {changed[:5]}"
        before, after = before + elements(block.group(2)), after + elements(compacted)
    assert after < before / 2, f"{before} elements in the snippets' code, {after} after compaction"


def test_runs_of_one_colour_join_across_whitespace_only() -> None:
    code = ('<span class="s2">"a"</span> <span class="s2">"b"</span><span class="p">,</span>'
            '<span class="c1"># one</span>\n<span class="c1"># two</span><span class="n">x</span>'
            '<span class="mi">1</span><span class="n">y</span><span class="mi">2</span>')
    assert compact_code(code) == ('<span class="s2">"a" "b"</span>,<span class="c1"># one\n# two</span>x'
                                  '<span class="mi">1</span>y<span class="mi">2</span>')


def test_markup_it_does_not_know_is_left_alone() -> None:
    nested = '<span class="hll"><span class="n">x</span></span>\n'
    assert compact_code(nested) is None
    page = f"<pre><span></span><code>{nested}</code></pre>"
    assert compact(page) == f'<pre><span></span><code style="--md-code-lines: 1">{nested}</code></pre>'
    # A class in no group (a diff's deleted line has a background) keeps its own span.
    assert compact_code('<span class="gd">-a</span><span class="gd">-b</span>') == \
        '<span class="gd">-a</span><span class="gd">-b</span>'
    # Line anchors, if a page has them, stay where they are and split runs.
    anchored = '<a id="l1"></a><span class="c1"># a</span>\n<a id="l2"></a><span class="c1"># b</span>'
    assert compact_code(anchored) == anchored


def test_each_block_says_how_many_lines_it_has() -> None:
    """The height a block holds while the browser skips drawing it (docs/assets/extra.css)."""
    for snippet in SNIPPETS[:3]:
        text = snippet.read_text(encoding="utf-8")
        lines = len(text.rstrip("\n").split("\n"))
        assert f'<code style="--md-code-lines: {lines}">' in compact(highlighted(text)), snippet.name


def test_notebook_pages_are_left_alone() -> None:
    page = highlighted("x = 1")
    notebook = SimpleNamespace(file=SimpleNamespace(src_uri="notebooks/x.ipynb"))
    chapter = SimpleNamespace(file=SimpleNamespace(src_uri="x.md"))
    assert on_page_content(page, notebook, None, None) == page
    assert on_page_content(page, chapter, {"theme": {"language": "en"}}, None) != page


def test_command_compacts_a_built_site_once(tmp_path: Path) -> None:
    """For a builder that runs no hooks: `python -m tools.hooks.code_spans SITE`; twice is once."""
    page = highlighted((ROOT / "snippets" / SNIPPETS[0].name).read_text(encoding="utf-8"))
    (tmp_path / "x").mkdir()
    (tmp_path / "notebooks" / "x").mkdir(parents=True)
    (tmp_path / "x" / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "notebooks" / "x" / "index.html").write_text(page, encoding="utf-8")
    assert main([str(tmp_path)]) == 0
    once = (tmp_path / "x" / "index.html").read_text(encoding="utf-8")
    assert once == compact(page) != page
    assert (tmp_path / "notebooks" / "x" / "index.html").read_text(encoding="utf-8") == page
    assert main([str(tmp_path)]) == 0
    assert (tmp_path / "x" / "index.html").read_text(encoding="utf-8") == once


def test_another_languages_script_in_code_is_marked_with_its_lang() -> None:
    """Hangul inside an English page's code (an output, a string) is read in a Korean voice;
    a Korean page's code is left as it is."""
    block = ('<pre><span></span><code><span class="n">x</span> <span class="o">=</span> '
             '<span class="s2">&quot;결말은 졸작이, 아니라&quot;</span>\n  0  연출 은 태작\n</code></pre>')
    english = compact(block, "en")
    assert '<span lang="ko">결말은 졸작이, 아니라</span>' in english, english
    assert '<span lang="ko">연출 은 태작</span>' in english, english
    assert 'lang="ko"' not in compact(block, "ko")
    assert compact(compact(block, "en"), "en") == english, "marking twice changes it"
