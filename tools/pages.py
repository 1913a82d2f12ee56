"""The one reader of a page's Markdown: what is a fence, a heading, an include, an image.

Built on markdown-it-py, with the block syntax the pages use on top of CommonMark: YAML front
matter, tables, and Material's indented blocks (`!!! note`, `??? tip`, `=== "Tab"`), whose
4-space-indented body is Markdown, not an indented code block. Every consumer reads pages
through `parse`: the include expansion at build time (tools/hooks/include_snippets.py), the
notebooks, the claim checks, parity, the Korean style check, and the fence runner
(pytest-markdown-docs gets `markdown_parser()` through conftest.py), so none of them can
disagree on what a fence is.

An include is `{* snippets/NAME.py *}` (the whole file) or `{* snippets/NAME.py:PART *}` (one
part of it, tools/parts.py) alone on a line of Markdown text (a paragraph, also inside a list
item or an admonition). The same line inside fenced or indented code, or in an
HTML block, is text and is never expanded: a page can show the syntax itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from mdit_py_plugins.front_matter import front_matter_plugin

from tools.layout import DOCS, LANGUAGES, rel

INCLUDE = re.compile(r"(?P<indent>[ \t]*)\{\*\s*(?P<path>\S+?)\s*\*\}[ \t]*")
HEADING_ID = re.compile(r"[ \t]*\{[^}\n]*#(?P<id>[\w-]+)[^}\n]*\}[ \t]*$")
# A claim tag (`<!-- value: final_state[0] -->`, tools/claims/shapes.py): metadata for the checks,
# stripped before readers see the page; it may hold brackets, so it is blanked before
# anything else here looks at a line. The one grammar of the tags: `kind` and `ref` of a
# named claim, or `not` for not-shape / not-value.
CLAIM_TAG = re.compile(r"<!--\s*(?:(?P<kind>shape|params|value|quote|fact)\s*:\s*(?P<ref>[^>]*?)"
                       r"|(?P<not>not-shape|not-value))\s*-->")
IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?(?P<md>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|<img\b[^>]*\bsrc=\"(?P<html>[^\"]+)\"")
# `!!! note "Title"`, `???+ tip`, `=== "Tab"`: Material's admonitions, details and content tabs.
CONTAINER = re.compile(r'(?P<marker>!!!|\?\?\?\+?|===\+?)[ \t]*(?P<kind>[\w-]+(?:[ \t]+[\w-]+)*)?'
                       r'(?:[ \t]*"(?P<title>[^"\n]*)")?[ \t]*$')


def container(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Block rule: a container line and the lines indented 4 more than it (or blank) after it."""
    if state.is_code_block(start):
        return False
    line = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]]
    found = CONTAINER.match(line)
    if not found or (found["marker"].startswith("===") and found["title"] is None) \
            or not (found["kind"] or found["title"] is not None):
        return False
    if silent:
        return True
    body_indent = state.sCount[start] + 4
    last = start + 1
    stop = start + 1
    while stop < end and (state.isEmpty(stop) or state.sCount[stop] >= body_indent):
        stop += 1
        if not state.isEmpty(stop - 1):
            last = stop
    opened = state.push("container_open", "div", 1)
    opened.markup, opened.info, opened.map = found["marker"], line, [start, last]
    saved = state.parentType, state.lineMax, state.blkIndent
    state.parentType, state.lineMax, state.blkIndent = "container", last, body_indent
    state.md.block.tokenize(state, start + 1, last)
    state.parentType, state.lineMax, state.blkIndent = saved
    state.push("container_close", "div", -1).markup = found["marker"]
    state.line = last
    return True


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """CommonMark + front matter + tables + Material's indented blocks: the pages' syntax."""
    md = MarkdownIt("commonmark").enable("table")
    # Only blocks matter here (fences, headings, paragraphs and their lines); inline parsing
    # would triple the time of every read.
    md.core.ruler.disable(["inline", "text_join"])
    front_matter_plugin(md)
    md.block.ruler.before("code", "container", container,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
    return md


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    title: str  # without its `{ #id }`
    ident: str | None


@dataclass(frozen=True)
class Include:
    line: int
    indent: str  # the include's own indent: an include in an admonition keeps its body indented
    target: str  # the file: "snippets/NAME.py"
    part: str | None = None  # "build-the-model" for `{* snippets/NAME.py:build-the-model *}`

    @property
    def name(self) -> str:
        return Path(self.target).stem

    @property
    def ref(self) -> str:
        """The snippet, or its part: "NAME", "NAME:PART"."""
        return self.name if self.part is None else f"{self.name}:{self.part}"

    @property
    def written(self) -> str:
        """As the page writes it between `{*` and `*}`: "snippets/NAME.py:PART"."""
        return self.target if self.part is None else f"{self.target}:{self.part}"


@dataclass(frozen=True)
class Fence:
    line: int  # the opening line
    indent: str
    info: str
    body: tuple[tuple[int, str], ...]  # (line, text), dedented as rendered
    end: int  # the last line of the fence (its closing line, if it has one)


@dataclass(frozen=True)
class Page:
    """One Markdown text, read once; cached and shared by every caller, so frozen.
    Line numbers count from 1 in `text`."""

    path: Path
    text: str
    headings: tuple[Heading, ...]
    includes: tuple[Include, ...]
    images: tuple[tuple[int, str], ...]  # (line, src)
    fences: tuple[Fence, ...]
    containers: tuple[tuple[int, int, str], ...]  # (first line, last line, head)
    code_lines: frozenset[int]  # fences, indented code, front matter
    body_start: int  # index in text.splitlines(True) of the first line after the front matter
    front_matter: str  # the YAML between the --- lines, as written

    @property
    def where(self) -> str:
        return rel(self.path)

    @property
    def snippets(self) -> list[str]:
        """Names of the included snippets, in page order, each once (however many parts)."""
        return list(dict.fromkeys(include.name for include in self.includes))

    def prose_lines(self) -> list[tuple[int, str]]:
        """(line, text) of every line that is neither code nor front matter."""
        return [(n, line) for n, line in enumerate(self.text.splitlines(), start=1)
                if n not in self.code_lines]


@lru_cache(maxsize=8192)  # a build reads each page several times (checks, includes, notebooks);
# notebooks read each stretch of prose between includes too: about 700 texts per pass, so a
# smaller cache that cycles through them would miss every time
def parse_text(text: str, path: Path = Path("<text>")) -> Page:
    """The page in `text`; the same (frozen) object for the same text and path."""
    lines = text.splitlines()
    tokens = markdown_parser().parse(text)
    headings, includes, fences, containers, code = [], [], [], [], set()
    body_start, front_matter = 0, ""
    for index, token in enumerate(tokens):
        if not token.map:
            continue
        first, stop = token.map  # 0-based, `stop` excluded
        if token.type in ("fence", "code_block", "front_matter"):
            code.update(range(first + 1, stop + 1))
        if token.type == "front_matter":
            body_start, front_matter = stop, token.content
        elif token.type == "fence":
            opening = lines[first]
            body = tuple(enumerate(token.content.splitlines(), start=first + 2))
            fences.append(Fence(first + 1, opening[:len(opening) - len(opening.lstrip())],
                                token.info.strip(), body, stop))
        elif token.type == "container_open":
            containers.append((first + 1, stop, token.info))
        elif token.type == "heading_open":
            inline = tokens[index + 1].content
            ident = HEADING_ID.search(inline)
            headings.append(Heading(first + 1, int(token.tag[1]),
                                    inline[:ident.start()] if ident else inline,
                                    ident["id"] if ident else None))
        elif token.type == "paragraph_open":
            for number in range(first, stop):
                include = INCLUDE.fullmatch(lines[number])
                if include:
                    target, colon, part = include["path"].partition(":")
                    includes.append(Include(number + 1, include["indent"], target,
                                            part if colon else None))
    images = tuple((number, image["md"] or image["html"])
                   for number, line in enumerate(lines, start=1) if number not in code
                   for image in IMAGE.finditer(CLAIM_TAG.sub(lambda m: " " * len(m[0]), line)))
    return Page(path, text, tuple(headings), tuple(includes), images, tuple(fences),
                tuple(containers), frozenset(code), body_start, front_matter)


def parse(path: Path) -> Page:
    return parse_text(path.read_text(encoding="utf-8"), path)


def page_body(path: Path) -> str:
    """A page's Markdown without its front matter (what MkDocs hands to the hooks)."""
    page = parse(path)
    return "".join(page.text.splitlines(True)[page.body_start:]) if page.body_start else page.text


@dataclass(frozen=True)
class SearchExpectation:
    """A search whose first result must be this page: `search_first_for:` in its front matter."""

    language: str
    query: str
    page: str  # "lstm-and-gru.md"
    where: str  # "docs/en/lstm-and-gru.md"


SEARCH_FIRST_FOR = "search_first_for"


def search_expectations(docs: Path = DOCS) -> list[SearchExpectation]:
    """Every page's `search_first_for:` list, in both languages: the browser tests search each
    query and require that page first. A page keeps its own queries, in its own language."""
    import yaml  # comes with MkDocs

    found = []
    for language in LANGUAGES:
        for path in sorted((docs / language).rglob("*.md")):
            page = parse(path)
            meta = yaml.safe_load(page.front_matter) if page.front_matter else None  # as MkDocs
            if meta is not None and not isinstance(meta, dict):
                raise ValueError(f"{page.where}:1: front matter is not a mapping")
            queries = (meta or {}).get(SEARCH_FIRST_FOR, [])
            if not isinstance(queries, list) or not all(isinstance(q, str) and q.strip() for q in queries):
                raise ValueError(f"{page.where}:1: {SEARCH_FIRST_FOR} must be a list of queries (strings)")
            found += [SearchExpectation(language, query, path.relative_to(docs / language).as_posix(),
                                        page.where) for query in queries]
    return found


def page_names(docs: Path = DOCS) -> set[str]:
    """Page paths relative to a language folder, over both languages."""
    return {p.relative_to(docs / lang).as_posix()
            for lang in LANGUAGES for p in (docs / lang).rglob("*.md")}
