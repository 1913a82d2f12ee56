"""Math rendered when the site is built: every formula becomes static SVG, no math script.

pymdownx.arithmatex (generic mode) marks each formula as `<span class="arithmatex">\\(...\\)</span>`
or `<div class="arithmatex">\\[...\\]</div>`; tools/hooks/notebook_pages.py marks the notebooks'
math the same way. `render_page` puts in each mark MathJax's drawing (npm mathjax-full, pinned
in package.json), flat (tools/produce/math_render.cjs says why and how), with its MathML,
visually hidden, for screen readers; the page gets the stylesheet that markup needs, once. A
page without math is returned unchanged.

MathJax runs in ONE node process, started on the first formula not in the cache and kept until
`close()`. Each formula's markup is cached in .cache/math/STAMP/ (STAMP: the pinned version and
the node script), keyed by its TeX and display mode: a build with no new formula starts no node.

Nothing here depends on MkDocs: tools/hooks/math_hook.py calls it for each page of a build, and

    python -m tools.produce.math_render SITE_DIR

renders every HTML file of a site built without that hook (a builder that runs no hooks).
"""

from __future__ import annotations

import argparse
import atexit
import hashlib
import html
import json
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.layout import ROOT

PACKAGE = "mathjax-full"
SCRIPT = Path(__file__).with_name("math_render.cjs")
CACHE = ROOT / ".cache" / "math"
# What arithmatex writes (generic mode); the TeX inside is HTML-escaped.
MARK = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<tex>.*?)</(?P=tag)>', re.DOTALL)
# The height MathJax gives a formula's <svg>, in ex.
HEIGHT = re.compile(r'<svg [^>]*?height="([\d.]+ex)"')
# The stylesheet a rendered page carries once: also how a rendered page is recognised.
STYLES_ID = "MJX-SVG-styles"
LOG = logging.getLogger("mkdocs.hooks.math")


class MathError(Exception):
    """A formula MathJax cannot render, or a renderer that is not installed as pinned."""


@dataclass(frozen=True)
class Formula:
    tex: str
    display: bool


@dataclass(frozen=True)
class Rendered:
    html: str  # the <mjx-container>: one flat <svg> and the hidden MathML
    kept: str | None = None  # why MathJax's own markup was kept instead (SVG not flattened)


def formula_of(marked: str) -> Formula:
    """The TeX inside an arithmatex mark, without its delimiters."""
    text = html.unescape(marked).strip()
    if text.startswith("\\(") and text.endswith("\\)"):
        return Formula(text[2:-2].strip(), False)
    if text.startswith("\\[") and text.endswith("\\]"):
        return Formula(text[2:-2].strip(), True)
    if text.startswith("\\begin{"):  # arithmatex passes a bare environment through as display math
        return Formula(text, True)
    raise MathError(f"arithmatex mark without \\( \\) or \\[ \\] delimiters: {text[:80]!r}")


def pinned_version() -> str:
    deps = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    return str(deps[PACKAGE])


def installed_version() -> str | None:
    meta = ROOT / "node_modules" / PACKAGE / "package.json"
    return str(json.loads(meta.read_text(encoding="utf-8"))["version"]) if meta.is_file() else None


class Renderer:
    """Renders formulas through the cache, starting node only for a formula not in it."""

    def __init__(self, cache: Path | None = None) -> None:
        stamp = hashlib.sha256(f"{PACKAGE}@{pinned_version()}\0".encode() + SCRIPT.read_bytes())
        # CACHE is read now, not when the class is defined, so that a test can move it.
        self.folder = (cache or CACHE) / stamp.hexdigest()[:16]
        self.memory: dict[Formula, Rendered] = {}
        self.css: str | None = None
        self.process: subprocess.Popen[str] | None = None
        self.started = 0  # node processes started: a warm build starts none

    def entry(self, formula: Formula) -> Path:
        key = hashlib.sha256(f"{int(formula.display)}\0{formula.tex}".encode()).hexdigest()
        return self.folder / f"{key}.json"

    def cached(self, formula: Formula) -> Rendered | None:
        if formula in self.memory:
            return self.memory[formula]
        try:
            data = json.loads(self.entry(formula).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("tex") != formula.tex or data.get("display") != formula.display:
            return None  # a hash collision, or a damaged entry: render again
        self.memory[formula] = Rendered(data["html"], data.get("kept"))
        return self.memory[formula]

    def store(self, formula: Formula, rendered: Rendered) -> None:
        self.memory[formula] = rendered
        self.make_folder()
        write(self.entry(formula), json.dumps({"tex": formula.tex, "display": formula.display,
                                               "html": rendered.html, "kept": rendered.kept}))

    def make_folder(self) -> None:
        if self.folder.exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        # Entries of another renderer version or script are never read again.
        for other in self.folder.parent.iterdir():
            if other.is_dir() and other != self.folder:
                shutil.rmtree(other, ignore_errors=True)

    def stylesheet(self) -> str:
        path = self.folder / "stylesheet.css"
        if self.css is None and path.is_file():
            self.css = path.read_text(encoding="utf-8")
        if self.css is None:
            self.start()
        assert self.css is not None
        return self.css

    def start(self) -> None:
        if self.process is not None:
            return
        found, wanted = installed_version(), pinned_version()
        if found is None:
            raise MathError(f"{PACKAGE} is not installed (node_modules/{PACKAGE}): run `npm ci` or `make install`")
        if found != wanted:
            raise MathError(f"node_modules has {PACKAGE} {found}, package.json pins {wanted}: run `npm ci`")
        node = shutil.which("node")
        if node is None:
            raise MathError("node is not on PATH: the math is rendered by MathJax in Node.js (`make install`)")
        self.process = subprocess.Popen([node, str(SCRIPT)], cwd=ROOT, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, encoding="utf-8")
        self.started += 1
        atexit.register(self.close)
        hello = self.reply()
        if hello.get("version") != wanted:
            raise MathError(f"{SCRIPT.name} runs {PACKAGE} {hello.get('version')}, package.json pins {wanted}")
        self.css = str(hello["css"])
        self.make_folder()
        write(self.folder / "stylesheet.css", self.css)

    def reply(self) -> dict[str, Any]:
        assert self.process is not None and self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            code = self.process.wait()
            self.process = None
            raise MathError(f"{SCRIPT.name} stopped (exit code {code}); its error is printed above")
        return dict(json.loads(line))

    def close(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if process.stdin is not None:
            process.stdin.close()  # the script ends when its input does
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def ask(self, requests: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """All requests first, then the replies: one round trip per page, not per formula."""
        self.start()
        assert self.process is not None and self.process.stdin is not None
        self.process.stdin.writelines(json.dumps(request) + "\n" for request in requests)
        self.process.stdin.flush()
        return (self.reply() for _ in requests)

    def render(self, formulas: list[Formula], where: str) -> dict[Formula, Rendered]:
        """Every formula's markup: from memory or the cache, the rest from node in one batch."""
        unique = list(dict.fromkeys(formulas))
        done = {f: hit for f in unique if (hit := self.cached(f)) is not None}
        missing = [f for f in unique if f not in done]
        if not missing:
            return done
        answers = self.ask([{"tex": f.tex, "display": f.display} for f in missing])
        errors = []
        for formula, answer in zip(missing, answers, strict=True):
            if "error" in answer:
                delimiters = ("\\[", "\\]") if formula.display else ("\\(", "\\)")
                errors.append(f"{where}: {delimiters[0]}{formula.tex}{delimiters[1]}: {answer['error']}")
                continue
            rendered = Rendered(str(answer["html"]), answer.get("kept"))
            if rendered.kept:
                LOG.info("%s: %s drawn as MathJax's own markup, not flat (%s)",
                         where, formula.tex[:60], rendered.kept)
            self.store(formula, rendered)
            done[formula] = rendered
        if errors:
            raise MathError("MathJax cannot render:\n  " + "\n  ".join(errors))
        return done

    def as_mathjax_draws_it(self, formula: Formula) -> tuple[str, dict[str, str]]:
        """MathJax's own markup of `formula` (a <g> per MathML node, a <use> per glyph) and its
        glyphs by id: what the flat drawing is compared with (tests/test_math_render.py). Not cached."""
        (answer,) = self.ask([{"tex": formula.tex, "display": formula.display, "flat": False}])
        if "error" in answer:
            raise MathError(f"{formula.tex}: {answer['error']}")
        return str(answer["html"]), {str(k): str(v) for k, v in answer["glyphs"].items()}

    def render_page(self, page: str, where: str = "page") -> str:
        """`page` (a whole HTML document) with its formulas as static markup; `where` names it in errors."""
        marks = list(MARK.finditer(page))
        if not marks or f'id="{STYLES_ID}"' in page:
            return page  # no math, or rendered already
        formulas = [formula_of(m.group("tex")) for m in marks]
        rendered = self.render(formulas, where)
        chunks = iter(rendered[formula].html for formula in formulas)

        def mark(m: re.Match[str]) -> str:
            markup, tag = next(chunks), m.group("tag")
            # A display formula's height, for the page's stylesheet: what its box holds
            # while the browser skips drawing it below the fold (docs/assets/extra.css).
            height = HEIGHT.search(markup) if tag == "div" else None
            style = f' style="--md-math-height: {height.group(1)}"' if height else ""
            return f'<{tag} class="arithmatex"{style}>{markup}</{tag}>'

        body = MARK.sub(mark, page)
        if "</head>" not in body:
            raise MathError(f"{where}: no </head> to put the math's stylesheet in")
        style = f'<style id="{STYLES_ID}">{self.stylesheet()}</style>'
        return body.replace("</head>", style + "</head>", 1)


def write(path: Path, text: str) -> None:
    """Whole or not at all: a build stopped midway leaves no half entry."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.produce.math_render", description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site: every *.html in it is rendered in place")
    args = parser.parse_args(argv)
    renderer = Renderer()
    try:
        for path in sorted(args.site.rglob("*.html")):
            text = path.read_text(encoding="utf-8")
            out = renderer.render_page(text, str(path))
            if out != text:
                path.write_text(out, encoding="utf-8")
    except MathError as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        renderer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
