"""Code in steps: a snippet cut into named parts, and what a page shows of each.

A line `# %% NAME` at the start of a line (the cell marker VS Code, PyCharm, Spyder and
Jupytext read) starts a part; the file stays one program, run whole, and its run record
holds where each part's output starts (tools/produce/snippet_worker.py). A page shows a
part with `{* snippets/NAME.py:PART *}`: its code, then its own output. The rules a page
keeps (CONTRIBUTING.md, "Show a long snippet in steps"; `check`, run by every build):
parts in file order from the first, each once, with no other include between them (so the
chapter's notebook runs top to bottom); the parts after the last one shown are the site's
own and print nothing; the whole file is linked once, above the first part; no block
shown, code or output, is over MAX_LINES lines or MAX_WIDTH columns (a wide character,
such as Hangul, takes two, as in a terminal and in ruff).

Standard library only: the build and the notebooks use this without TensorFlow.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from tools.layout import ROOT, Layout
from tools.pages import Include, Page
from tools.records import Record, RecordError, load_record, stored_output

MAX_LINES = 40  # a code block a reader takes in without scrolling
MAX_WIDTH = 80  # columns: what the content column shows (snippets/ruff.toml: line-length)
MARKER = re.compile(r"# %%(?P<rest>.*)")
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class PartError(Exception):
    """A snippet's parts, or a page's use of them, break rules; each message names its place."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Part:
    name: str
    index: int  # 0-based, in file order
    marker: int  # the line of its `# %% NAME` (1-based)
    code: str  # what a page shows: the lines after the marker, blank lines around them dropped
    first: int  # the line `code` starts at


@dataclass(frozen=True)
class Snippet:
    parts: tuple[Part, ...]

    def part(self, name: str) -> Part | None:
        return next((p for p in self.parts if p.name == name), None)

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.parts]

    def index_of_line(self, line: int) -> int:
        """The part a top-level line belongs to (0 for the docstring before the first)."""
        return max(bisect_right([p.marker for p in self.parts], line) - 1, 0)


def width(line: str) -> int:
    """Columns a line takes in a monospace font: a wide character (Hangul, CJK) takes two."""
    if line.isascii():  # nearly every line: no character to look up
        return len(line)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def marker_lines(text: str) -> list[int]:
    """Lines whose comment starts `# %%` at column 0 (a string's text is never a marker)."""
    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT and token.start[1] == 0 and MARKER.match(token.string):
                found.append(token.start[0])
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass  # the run reports the syntax error itself, with its line
    return found


@lru_cache(maxsize=256)
def parse_snippet(text: str, where: str = "snippets/NAME.py") -> Snippet:
    """The parts of a snippet's text; a snippet without markers has none. PartError names
    each `where:line` that breaks a rule."""
    lines = text.split("\n")
    markers = marker_lines(text)
    if not markers:
        return Snippet(())
    bounds = list(zip(markers, [*markers[1:], len(lines) + 1]))  # (marker, the next or the end)
    errors = []
    names: list[str] = []
    for line in markers:
        rest = MARKER.match(lines[line - 1])["rest"]  # type: ignore[index]
        name = rest.strip()
        if not rest.startswith(" ") or not NAME.fullmatch(name):
            errors.append(f"{where}:{line}: `{lines[line - 1]}` is not a part marker: write "
                          f"`# %% NAME`, NAME in lowercase words joined by hyphens (`# %% build-the-model`)")
        elif name in names:
            errors.append(f"{where}:{line}: a second part named `{name}`; part names are unique in a file")
        names.append(name)
    try:
        tree = ast.parse(text)
    except SyntaxError:
        tree = None  # the run reports it; parts are read from the markers alone
    if tree is not None:
        for number, statement in enumerate(tree.body):
            first = min([statement.lineno, *(d.lineno for d in getattr(statement, "decorator_list", []))])
            last = statement.end_lineno or statement.lineno
            inside = [m for m in markers if first < m <= last]
            if inside:
                errors.append(f"{where}:{inside[0]}: a part marker inside a statement "
                              f"(lines {first}-{last}); "
                              "a part starts between two top-level statements")
            is_docstring = number == 0 and isinstance(statement, ast.Expr) \
                and isinstance(statement.value, ast.Constant) and isinstance(statement.value.value, str)
            if last < markers[0] and not is_docstring:
                errors.append(f"{where}:{first}: code before the first part marker (line {markers[0]}) "
                              "belongs to no part; put a `# %% NAME` line above it")
        starts = [s.lineno for s in tree.body]
        for k, (line, after) in enumerate(bounds):
            if not any(line < s < after for s in starts):
                errors.append(f"{where}:{line}: part `{names[k]}` holds no statement")
    if errors:
        raise PartError(errors)
    parts = []
    for k, (line, after) in enumerate(bounds):
        filled = [n for n in range(line, after - 1) if lines[n].strip()]  # 0-based: line n + 1
        code = "\n".join(lines[filled[0]:filled[-1] + 1]) if filled else ""
        parts.append(Part(names[k], k, line, code + "\n", filled[0] + 1 if filled else after))
    return Snippet(tuple(parts))


def read_snippet(path: Path, where: str | None = None) -> Snippet:
    return parse_snippet(path.read_text(encoding="utf-8"), where or f"snippets/{path.name}")


# --- what a page shows --------------------------------------------------------------------

@dataclass(frozen=True)
class Shown:
    """One include as a page shows it: a titled code block, then the output (if any)."""

    include: Include
    line: int  # the include's line in the page's file
    title: str  # "snippets/NAME.py", or "snippets/NAME.py:PART (k/n)" for a part
    code: str
    output: str
    whole_file: str | None = None  # "snippets/NAME.py" above a snippet's first part: link it
    first_code_line: int = 1  # the snippet's line that the code block starts with

    @property
    def written(self) -> str:
        return "{* " + self.include.written + " *}"


def part_title(target: str, part: str, number: int, count: int) -> str:
    """A part's block title (and the first line of its notebook cell): which file, which part,
    and which of the page's parts of that file it is."""
    return f"{target}:{part} ({number}/{count})"


def shown(page: Page, where: str, first_line: int = 1, layout: Layout | None = None,
          root: Path = ROOT) -> list[Shown]:
    """Every include of `page` as shown, in page order; PartError names each `where:line` and
    include that breaks a rule (`first_line`: the file's line the page's text starts at)."""
    layout = layout or Layout()
    errors: list[str] = []  # an include that names nothing there: what the author got wrong
    order: list[str] = []  # the parts' order, which such an include also breaks around it
    result: list[Shown] = []
    includes = page.includes
    # Runs of includes of the same snippet by part: one block of steps each.
    runs = [list(run) for _, run in groupby(range(len(includes)), lambda k: (
        includes[k].part is not None and includes[k].target))]
    run_of = {k: run for run in runs for k in run}
    seen_runs: dict[str, int] = {}
    for k, include in enumerate(includes):
        line = include.line + first_line - 1
        at = f"{where}:{line}: `{{* {include.written} *}}`"
        path = root / include.target
        if not include.target.startswith("snippets/") or path.suffix != ".py":
            errors.append(f"{at} must name a file snippets/NAME.py or one of its parts, "
                          "snippets/NAME.py:PART")
            continue
        if not path.is_file():
            errors.append(f"{where}:{line}: includes {include.target}, which does not exist")
            continue
        try:
            output = stored_output(include.name, layout)
        except RecordError:
            errors.append(f"{where}:{line}: {include.target} has no stored output; run `make outputs`")
            continue
        if include.part is None:
            result.append(Shown(include, line, include.target, path.read_text(encoding="utf-8"), output))
            continue
        try:
            snippet = read_snippet(path, include.target)
        except PartError as exc:
            errors += [f"{at}: {message}" for message in exc.errors]
            continue
        part = snippet.part(include.part)
        if part is None:
            have = ", ".join(snippet.names) if snippet.parts else "none: it has no `# %% NAME` line"
            errors.append(f"{at}: {include.target} has no part `{include.part}` (its parts: {have})")
            continue
        run = run_of[k]
        position = k - run[0]
        if position == 0:
            if include.target in seen_runs:
                order.append(f"{at}: the parts of {include.target} must follow one another, with no "
                             f"other include between them (they started at line "
                             f"{seen_runs[include.target]})")
            seen_runs[include.target] = line
        if part.index != position:
            expected = snippet.parts[position].name if position < len(snippet.parts) else None
            order.append(f"{at}: shows part {part.index + 1} of {include.target} where part "
                         f"{position + 1} belongs" + (f" (`{expected}`)" if expected else "")
                         + "; a page shows a snippet's parts in file order, from its first, each once")
            continue
        try:
            record = load_record(include.name, layout)
        except RecordError as exc:
            errors.append(f"{at}: {exc}")
            continue
        cuts = {name: output[start:end] for name, start, end in record.parts}  # what each printed
        if [name for name, _, _ in record.parts] != snippet.names:
            errors.append(f"{at}: the run record of {include.target} holds other parts than the file "
                          f"({', '.join(cuts) or 'none'}); it is stale: run `make outputs`")
            continue
        if position == len(run) - 1:
            hidden = [p.name for p in snippet.parts[position + 1:] if cuts[p.name]]
            if hidden:
                order.append(f"{at}: the parts after it, not shown on the page ({', '.join(hidden)}), "
                             f"print something; a part the page does not show must print nothing")
        result.append(Shown(include, line, part_title(include.target, part.name, position + 1, len(run)),
                            part.code, cuts[part.name], include.target if position == 0 else None,
                            part.first))
    # One wrong include name puts the parts around it out of order: say the cause alone.
    if errors and order:
        errors.append(f"{where}: {len(order)} more about the order of parts, which the above can "
                      "cause; checked again once it is fixed")
    else:
        errors += order
    errors += [message for item in result for message in block_errors(item, where)]
    if errors:
        raise PartError(errors)
    return result


def block_errors(item: Shown, where: str) -> list[str]:
    """The block-size rules for one include as shown."""
    errors = []
    for what, text in (("code", item.code), ("output", item.output)):
        lines = text.rstrip("\n").split("\n") if text.strip() else []
        if len(lines) > MAX_LINES:
            advice = ("cut the snippet into parts (`# %% NAME`) and show them one by one"
                      if what == "code" else "print less, or cut the snippet into parts")
            errors.append(f"{where}:{item.line}: `{item.written}` shows {len(lines)} lines of {what} "
                          f"in one block, more than {MAX_LINES}; {advice}")
        for number, text_line in enumerate(lines, start=1):
            if width(text_line) > MAX_WIDTH:
                place = (f"{item.include.target}:{item.first_code_line + number - 1}" if what == "code"
                         else f"line {number} of its output")
                errors.append(f"{where}:{item.line}: `{item.written}` shows a line {width(text_line)} "
                              f"columns wide, more than {MAX_WIDTH}: {place}")
    return errors


def fence_errors(page: Page, where: str, first_line: int = 1) -> list[str]:
    """The block-size rules for the code a page writes itself (its fences)."""
    errors = []
    for fence in page.fences:
        line = fence.line + first_line - 1
        if len(fence.body) > MAX_LINES:
            errors.append(f"{where}:{line}: a {fence.info or 'code'} fence of {len(fence.body)} lines, "
                          f"more than {MAX_LINES}; cut it")
        for number, text in fence.body:
            if width(text) > MAX_WIDTH:
                errors.append(f"{where}:{number + first_line - 1}: a line {width(text)} columns wide in a "
                              f"fence, more than {MAX_WIDTH}")
    return errors


def check(page: Page) -> list[str]:
    """Every rule of includes, parts and block sizes on one page; [] when it keeps them all."""
    try:
        shown(page, page.where)
        errors = []
    except PartError as exc:
        errors = exc.errors
    return errors + fence_errors(page, page.where)
