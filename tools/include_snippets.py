"""MkDocs hook: each `{* snippets/NAME.py *}` line of a page becomes the snippet's code and,
right below it, what the snippet printed (generated/outputs/NAME.txt), in both languages.

Which lines are includes is the page reader's decision (tools/pages.py): the same line
inside fenced code is code, and stays as written. The hook never runs a snippet: before
the build, tools/refresh_generated.py has brought every stored output up to date (or
stopped the build, naming the stale ones), so an unchanged rebuild never imports TensorFlow.
Nothing here depends on a page's name.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

# mkdocs loads hooks by file path; make `tools` importable as a package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError  # noqa: E402

from tools.layout import ROOT, Layout  # noqa: E402
from tools.pages import parse_text  # noqa: E402
from tools.shapes import strip_tags  # noqa: E402

LAYOUT = Layout()


def page_language(page: Any, config: Any) -> str:
    first = Path(page.file.src_uri).parts[0]
    return first if re.fullmatch(r"[a-z]{2}", first) else config["theme"]["language"]


def fence(text: str, info: str, indent: str) -> str:
    # A fence longer than any run of backticks inside, so an output can never close it early.
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    body = text if text.endswith("\n") else text + "\n"
    lines = [f"{ticks}{info}", *body.splitlines(), ticks]
    return "\n".join(indent + line if line else line for line in lines)


def expand_includes(markdown: str, src: str, labels: dict[str, str], language: str,
                    first_line: int = 1) -> str:
    """`markdown` with every include replaced; `first_line` is the line of the file the text
    starts at (after front matter), so errors name the file's own line."""
    lines = markdown.split("\n")
    for include in reversed(parse_text(markdown).includes):
        line = include.line + first_line - 1
        target = include.target
        path = ROOT / target
        if not target.startswith("snippets/") or path.suffix != ".py":
            raise PluginError(f"{src}:{line}: `{{* {target} *}}` must name a file snippets/NAME.py")
        if not path.is_file():
            raise PluginError(f"{src}:{line}: includes {target}, which does not exist")
        output = LAYOUT.txt(path.stem)
        if not output.is_file():
            raise PluginError(f"{src}:{line}: {target} has no stored output; run `make outputs`")
        code = fence(path.read_text(encoding="utf-8"), f'python title="{target}"', include.indent)
        shown = fence(output.read_text(encoding="utf-8"), f'text title="{labels.get(language, "Output")}"',
                      include.indent)
        # The code and its output are not indexed for search (Material skips an element marked
        # data-search-exclude): the prose around them names what they teach, and leaving them
        # out keeps the index every page downloads small.
        indent = include.indent
        lines[include.line - 1] = (f'{indent}<div class="snippet" data-search-exclude markdown>\n\n'
                                   f"{code}\n\n{shown}\n\n{indent}</div>")
    return "\n".join(lines)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    labels = config["extra"].get("snippet_output_label", {})
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else markdown
    # MkDocs hands over the page without its front matter: count the lines it took.
    offset = source.count("\n") - markdown.count("\n") if source.endswith(markdown) else 0
    markdown = expand_includes(markdown, f"docs/{page.file.src_uri}", labels, page_language(page, config),
                               first_line=offset + 1)
    return strip_tags(markdown)
