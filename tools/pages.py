"""Reading a page's Markdown source: headings, includes, images, fences, with line numbers.

Shared by the shape checker, the parity check and the notebook builder, so that each
of them reads pages the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tools import ROOT

DOCS = ROOT / "docs"
LANGUAGES = ("ko", "en")

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
HEADING_ID = re.compile(r"\{\s*[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
INCLUDE = re.compile(r"^[ \t]*\{\*\s*snippets/(?P<name>[A-Za-z0-9_]+)\.py\s*\*\}[ \t]*$")
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<ticks>`{3,}|~{3,})\s*(?P<info>.*)$")
IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?(?P<md>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|<img\b[^>]*\bsrc=\"(?P<html>[^\"]+)\"")


@dataclass
class Fence:
    line: int
    indent: str
    info: str
    body: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Page:
    """One Markdown page, parsed once."""

    path: Path
    text: str
    headings: list[tuple[int, str | None, str]] = field(default_factory=list)  # (line, id, title)
    includes: list[tuple[int, str]] = field(default_factory=list)  # (line, snippet name)
    images: list[tuple[int, str]] = field(default_factory=list)  # (line, src)
    fences: list[Fence] = field(default_factory=list)

    @property
    def where(self) -> str:
        try:
            return self.path.resolve().relative_to(ROOT).as_posix()
        except ValueError:  # a fixture tree: name it from its docs/ folder on
            parts = self.path.parts
            return "/".join(parts[len(parts) - 1 - parts[::-1].index("docs"):]) if "docs" in parts \
                else self.path.as_posix()


def parse(path: Path) -> Page:
    text = path.read_text(encoding="utf-8")
    page = Page(path, text)
    fence: Fence | None = None
    closing = ""
    lines = text.splitlines()
    # YAML front matter (`search: boost`, ...) is metadata: its `# comments` are no headings.
    skip = next((i + 1 for i, line in enumerate(lines[1:], start=1) if line.strip() == "---"), 0) \
        if lines and lines[0].strip() == "---" else 0
    for number, line in enumerate(lines, start=1):
        if number <= skip:
            continue
        if fence is not None:
            if line.strip() == closing:
                fence = None
            else:
                fence.body.append((number, line))
            continue
        opened = FENCE.match(line)
        if opened:
            fence = Fence(number, opened.group("indent"), opened.group("info").strip())
            closing = opened.group("ticks")
            page.fences.append(fence)
            continue
        heading = HEADING.match(line)
        if heading:
            ident = HEADING_ID.search(heading.group(2))
            page.headings.append((number, ident.group(1) if ident else None, heading.group(2)))
        include = INCLUDE.match(line)
        if include:
            page.includes.append((number, include.group("name")))
        for image in IMAGE.finditer(line):
            page.images.append((number, image.group("md") or image.group("html")))
    return page


def page_names(docs: Path = DOCS) -> set[str]:
    """Page paths relative to a language folder, over both languages."""
    return {p.relative_to(docs / lang).as_posix()
            for lang in LANGUAGES for p in (docs / lang).rglob("*.md")}
