"""MkDocs hook: each `{* snippets/NAME.py *}` line of a page becomes the snippet's code and,
right below it, what the snippet printed (generated/outputs/NAME.txt), in both languages;
each `{* snippets/NAME.py:PART *}` line, one part of it and what that part printed, with a
link to the whole file above the first part (tools/parts.py says what a page may show).

Which lines are includes is the page reader's decision (tools/pages.py): the same line
inside fenced code is code, and stays as written. The hook never runs a snippet: it shows the
stored output (`make sync` re-runs stale snippets; tools/hooks/check_generated.py names them
before the build), so a build never imports TensorFlow.
Nothing here depends on a page's name.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from tools.layout import ROOT, Layout
from tools.pages import parse, parse_text
from tools.parts import PartError, fence_errors, shown
from tools.claims.shapes import strip_tags

LAYOUT = Layout()


def fence(text: str, info: str, indent: str) -> str:
    # A fence longer than any run of backticks inside, so an output can never close it early.
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    body = text if text.endswith("\n") else text + "\n"
    lines = [f"{ticks}{info}", *body.splitlines(), ticks]
    return "\n".join(indent + line if line else line for line in lines)


def expand_includes(markdown: str, src: str, labels: dict[str, str], language: str,
                    first_line: int = 1, whole_labels: dict[str, str] | None = None,
                    page_dir: str = "") -> str:
    """`markdown` with every include replaced; `first_line` is the line of the file the text
    starts at (after front matter), so errors name the file's own line. `page_dir` is the
    page's folder in docs_dir, from which the whole file of a snippet in parts is linked."""
    page = parse_text(markdown)
    try:
        items = shown(page, src, first_line, LAYOUT, ROOT)
    except PartError as exc:
        raise PluginError("\n".join(exc.errors)) from None
    problems = fence_errors(page, src, first_line)
    if problems:
        raise PluginError("\n".join(problems))
    lines = markdown.split("\n")
    for item in reversed(items):
        indent = item.include.indent
        code = fence(item.code, f'python title="{item.title}"', indent)
        blocks = [code]
        # A part that prints nothing shows no empty output block; a whole snippet always has one.
        if item.output or item.include.part is None:
            blocks.append(fence(item.output, f'text title="{labels.get(language, "Output")}"', indent))
        if item.whole_file:
            # The whole file, once, above its first part: it runs as one (`python snippets/NAME.py`).
            link = posixpath.relpath(item.whole_file, page_dir or ".")
            label = (whole_labels or {}).get(language, "The whole file")
            blocks.insert(0, f"{indent}[{label}: {item.whole_file}]({link}){{ download }}")
        body = "\n\n".join(blocks)
        # The code and its output are not indexed for search (Pagefind skips an element marked
        # data-pagefind-ignore): the prose around them names what they teach, and leaving them
        # out keeps the index small.
        lines[item.include.line - 1] = (f'{indent}<div class="snippet" data-pagefind-ignore="all" markdown>\n\n'
                                        f"{body}\n\n{indent}</div>")
    return "\n".join(lines)


def snippets_in_parts(docs_dir: Path) -> list[str]:
    """Every snippet a page of this language shows in parts: its whole file is published."""
    targets = {include.target for path in sorted(docs_dir.rglob("*.md"))
               for include in parse(path).includes if include.part is not None}
    return sorted(t for t in targets if (ROOT / t).is_file())


def on_files(files: Any, config: Any) -> Any:
    for target in snippets_in_parts(Path(config["docs_dir"])):
        files.append(File(target, str(ROOT), config["site_dir"], config["use_directory_urls"]))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    labels = config["extra"].get("snippet_output_label", {})
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else markdown
    # MkDocs hands over the page without its front matter: count the lines it took.
    offset = source.count("\n") - markdown.count("\n") if source.endswith(markdown) else 0
    markdown = expand_includes(markdown, f"docs/{page.file.src_uri}", labels, config["theme"]["language"],
                               first_line=offset + 1,
                               whole_labels=config["extra"].get("snippet_whole_label", {}),
                               page_dir=posixpath.dirname(page.file.src_uri))
    return strip_tags(markdown)
