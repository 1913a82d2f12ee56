"""MkDocs hook: highlighted code with one element per run of a colour, not one per token.

Pygments wraps every token in a <span>, which made a chapter page thousands of elements for
a phone to style and lay out (issue 24). What a reader sees is colour, and the theme gives
many token classes one colour, so each block's tokens are rewritten without changing how
they look: a token drawn in the code's own colour (`PLAIN`) becomes bare text; tokens of one
colour (`GROUPS`) with nothing or only whitespace between them become one <span> (of the
first token's class); any other class, and a block holding other markup, stays as Pygments
wrote it. Which classes share a colour is Material's stylesheet plus docs/assets/extra.css;
tests/test_browser.py checks these tables against Chromium's computed styles. Each <code>
also gets its number of lines (`--md-code-lines`): the height it holds while a phone skips
drawing it below the fold (docs/assets/extra.css). Notebook pages keep their own stylesheet
and are left alone; on every page (`mark_scripts`, notebooks too) a run of another
language's script inside code is wrapped in <span lang>, for a screen reader's voice.

A builder that runs no hooks can compact a built site (every page but the notebooks';
compacting twice changes nothing): python -m tools.hooks.code_spans SITE_DIR
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from tools.layout import SCRIPTS, language_of

# Pygments classes the theme draws in the code's own colour, with no other style.
PLAIN = frozenset({"n", "kc", "o", "ow", "p", "w", "sa", "fm", "vm", ""})
# Pygments classes drawn alike (colour, and nothing else), by what they are.
GROUPS = {
    "comment": ("c", "c1", "ch", "cm", "cs", "sd"),
    "string": ("s", "s1", "s2", "sb", "sc", "si", "ss", "cpf", "l"),
    "number": ("m", "mb", "mf", "mh", "mi", "mo", "il"),
    "keyword": ("k", "kd", "kn", "kp", "kr", "kt", "nd", "ni", "nl", "nt"),
    "constant": ("bp", "nb", "no"),
    "function": ("nc", "ne", "nf", "nn"),
    "special": ("cp", "se", "sh", "sr", "sx"),
}
GROUP_OF = {cls: group for group, classes in GROUPS.items() for cls in classes}

# A highlighted block as pymdownx.highlight writes it (the empty span is Pygments').
BLOCK = re.compile(r"(<pre[^>]*><span></span><code[^>]*>)(.*?)(</code></pre>)", re.DOTALL)
TOKEN = re.compile(r'<span class="(?P<cls>[^"]*)">(?P<text>[^<]*)</span>|(?P<anchor><a [^>]*></a>)'
                   r"|(?P<plain>[^<]+)")


def compact_code(code: str) -> str | None:
    """The inside of a <code> block with one span per run of a colour; None when it holds
    markup this does not know (then the block stays as it is)."""
    runs: list[tuple[str | None, str, str]] = []  # (group: None for plain text, class, text)
    pos = 0
    for m in TOKEN.finditer(code):
        if m.start() != pos:
            return None
        pos = m.end()
        if m["anchor"]:
            runs.append(("anchor", "", m["anchor"]))
            continue
        cls = m["cls"] or ""
        text = m["plain"] if m["cls"] is None else m["text"]
        group = None if m["cls"] is None or cls in PLAIN else GROUP_OF.get(cls, "=" + cls)
        if group is not None and group.startswith("="):  # a class this does not group: as written
            runs.append((group, cls, text))
        elif runs and runs[-1][0] == group:  # one colour; text in the code's colour joins its like
            runs[-1] = (group, runs[-1][1], runs[-1][2] + text)
        elif (len(runs) >= 2 and runs[-1][0] is None and not runs[-1][2].strip()
              and runs[-2][0] == group):  # whitespace between two tokens of one colour joins them
            runs[-2:] = [(group, runs[-2][1], runs[-2][2] + runs[-1][2] + text)]
        else:
            runs.append((group, cls, text))
    if pos != len(code):
        return None
    return "".join(text if group in (None, "anchor") else f'<span class="{cls}">{text}</span>'
                   for group, cls, text in runs)


def mark_scripts(html: str, language: str) -> str:
    """`html` (markup and text) with each run of another language's script in its text, words
    and the spaces and commas between them, wrapped in <span lang>."""
    for other, letter in SCRIPTS.items():
        if other == language:
            continue
        run = re.compile(rf"{letter}+(?:[ ,.]+{letter}+)*")
        parts = re.split(r"(<[^>]*>)", html)
        marked = f'<span lang="{other}">'
        html = "".join(part if part.startswith("<") or (i and parts[i - 1] == marked) else
                       run.sub(lambda m: f"{marked}{m.group(0)}</span>", part)
                       for i, part in enumerate(parts))
    return html


def compact(html: str, language: str | None = None) -> str:
    """`html` with every highlighted code block compacted (see the module's docstring), and in
    a page of `language`, another language's script in its code marked."""

    def block(m: re.Match[str]) -> str:
        inner = compact_code(m.group(2))
        # Its number of lines, for the page's stylesheet: how tall the block is while the
        # browser skips drawing it below the fold (docs/assets/extra.css).
        lines = m.group(2).count("\n") or 1
        opening = m.group(1)
        if "style=" not in opening:
            opening = re.sub(r"<code(?=[ >])", f'<code style="--md-code-lines: {lines}"', opening, count=1)
        inner = m.group(2) if inner is None else inner
        return opening + (inner if language is None else mark_scripts(inner, language)) + m.group(3)

    return BLOCK.sub(block, html)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if not page.file.src_uri.endswith(".md"):
        return html  # a notebook page: its code follows the notebook's stylesheet
    return compact(html, str(config["theme"]["language"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.hooks.code_spans", description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site: its pages (not the notebooks') are rewritten")
    args = parser.parse_args(argv)
    for path in sorted(args.site.rglob("*.html")):
        if "notebooks" in path.relative_to(args.site).parts:
            continue
        text = path.read_text(encoding="utf-8")
        out = compact(text, language_of(path.relative_to(args.site).as_posix()))
        if out != text:
            path.write_text(out, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
