"""MkDocs hooks: snippet code and its stored output on every page, in both languages.

A page writes one line per example:

    {* snippets/return_sequences_and_state.py *}

and gets the file's code followed by what it printed (generated/outputs/NAME.txt). The
hook never runs a snippet itself: before the build, tools.outputs re-runs only the stale
ones (or fails, naming them, where TensorFlow is missing), so an unchanged rebuild never
imports TensorFlow. Nothing here depends on a page's name.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

# mkdocs loads hooks by file path; make `tools` importable as a package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError  # noqa: E402

from tools import ROOT  # noqa: E402
from tools.outputs import Layout, OutputError, ensure_fresh  # noqa: E402
from tools.pages import INCLUDE  # noqa: E402
from tools.shapes import check_docs, strip_tags  # noqa: E402

LAYOUT = Layout()


def on_pre_build(config: Any) -> None:
    try:
        ensure_fresh(LAYOUT, log=lambda msg: print(f"INFO    -  snippets: {msg}", flush=True))
    except OutputError as exc:
        raise PluginError(str(exc)) from None
    # A page that states a shape, number or fact its run contradicts does not build (about
    # 0.1 s: the check reads the stored records only). The same function backs tests/test_shapes.py.
    errors = check_docs()
    if errors:
        raise PluginError("claims that disagree with their run (tools/shapes.py):\n  " + "\n  ".join(errors))


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


def expand_includes(markdown: str, src: str, labels: dict[str, str], language: str) -> str:
    def replace(match: re.Match[str]) -> str:
        line = markdown.count("\n", 0, match.start()) + 1
        target = match.group("path")
        path = ROOT / target
        if not target.startswith("snippets/") or path.suffix != ".py":
            raise PluginError(f"{src}:{line}: `{{* {target} *}}` must name a file snippets/NAME.py")
        if not path.is_file():
            raise PluginError(f"{src}:{line}: includes {target}, which does not exist")
        output = LAYOUT.txt(path.stem)
        if not output.is_file():
            raise PluginError(f"{src}:{line}: {target} has no stored output; run `make outputs`")
        indent = match.group("indent")
        code = fence(path.read_text(encoding="utf-8"), f'python title="{target}"', indent)
        label = labels.get(language, "Output")
        shown = fence(output.read_text(encoding="utf-8"), f'text title="{label}"',
                      indent)
        return f"{code}\n\n{shown}"

    return INCLUDE.sub(replace, markdown)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    labels = config["extra"].get("snippet_output_label", {})
    markdown = expand_includes(markdown, f"docs/{page.file.src_uri}", labels,
                               page_language(page, config))
    return strip_tags(markdown)
