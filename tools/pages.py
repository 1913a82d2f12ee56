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
# `{* snippets/NAME.py *}` on a line of its own: the one definition the build, the checks
# and the notebooks share, so none of them can see a different set of includes.
INCLUDE = re.compile(r"^(?P<indent>[ \t]*)\{\*\s*(?P<path>\S+?)\s*\*\}[ \t]*$", re.MULTILINE)
# YAML front matter (`search: boost`, ...) is metadata for MkDocs, not prose.
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
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
    front = FRONT_MATTER.match(text)
    skip = front.group(0).count("\n") if front else 0  # its `# comments` are no headings
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
            page.includes.append((number, Path(include.group("path")).stem))
        for image in IMAGE.finditer(line):
            page.images.append((number, image.group("md") or image.group("html")))
    return page


def page_body(path: Path) -> str:
    """A page's Markdown without its front matter."""
    return FRONT_MATTER.sub("", path.read_text(encoding="utf-8"), count=1)


def page_names(docs: Path = DOCS) -> set[str]:
    """Page paths relative to a language folder, over both languages."""
    return {p.relative_to(docs / lang).as_posix()
            for lang in LANGUAGES for p in (docs / lang).rglob("*.md")}
