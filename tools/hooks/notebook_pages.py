"""MkDocs hook: every chapter's notebook as a page of the language being built.

The notebooks live outside docs/ (generated/notebooks/LANG/PAGE.ipynb, committed for Colab)
and are drawn by mkdocs-jupyter's renderer (`nb2html`), not its plugin, which takes notebooks
only from docs_dir. Each becomes a page at notebooks/PAGE/ with its .ipynb beside it, rendered
once, never executed, and cached under .cache/notebooks/ by its bytes and the renderer's
versions and options (a warm build imports neither nbconvert nor TensorFlow). The chapter page
gets buttons to it and to Colab; the notebook page gets buttons back, the chapter's heading
ids and table of contents, relative links, math marked for tools/hooks/math_hook.py, and the
renderer's 590 KB of CSS as one shared file.
"""

from __future__ import annotations

import functools
import hashlib
import html
import importlib.metadata
import json
import os
import posixpath
import re
from pathlib import Path
from typing import Any

from markdown.extensions.toc import nest_toc_tokens
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from tools.hooks.code_spans import mark_scripts
from tools.layout import NOTEBOOKS, ROOT, URL_PREFIX, page_url, rel
from tools.produce.notebooks import Chapter, NotebookError, Site, headings, load_site
from tools.pages import page_body

CACHE = ROOT / ".cache" / "notebooks"
CSS = "assets/notebooks.css"
# mkdocs-jupyter's own defaults, except: never execute (the outputs are the stored ones, and a
# warm build must start no kernel) and never render a cell error as if it were fine.
RENDER = {"execute": False, "allow_errors": False, "kernel_name": "", "theme": "light",
          "show_input": True, "no_input": False, "no_prompt": False, "remove_tag_config": {},
          "highlight_extra_classes": "", "include_requirejs": False, "custom_mathjax_url": ""}
RENDERER = ("mkdocs-jupyter", "nbconvert", "pygments", "mistune")


class NotebookPage(File):
    """A generated notebook shown as a page: its source outside docs/, at notebooks/PAGE/."""

    def __init__(self, chapter: Chapter, config: Any) -> None:
        stem = chapter.page[: -len(".md")]
        super().__init__(f"notebooks/{stem}.ipynb", None, config["site_dir"],
                         config["use_directory_urls"], dest_uri=f"notebooks/{stem}/index.html",
                         inclusion=InclusionLevel.NOT_IN_NAV)
        self.abs_src_path = str(chapter.notebook())
        self.url = f"notebooks/{stem}/"
        self.chapter = chapter
        # "Edit this page" opens the chapter's Markdown: the notebook is made from it.
        self.edit_uri = chapter.page

    def is_documentation_page(self) -> bool:
        return True

    def download(self) -> File:
        """The .ipynb itself, copied next to the page's index.html."""
        uri = posixpath.join(posixpath.dirname(self.dest_uri), self.chapter.notebook().name)
        file = File(uri, None, self.dest_dir, self.use_directory_urls)
        file.abs_src_path = self.abs_src_path
        return file


PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL)
# The first code cell's source as nbconvert writes it: the setup (tools/produce/notebooks.py).
SETUP = re.compile(r'<div class="highlight-ipynb hl-python" tabindex="0"><pre><span></span>'
                   r'<span class="c1"># Setup: run this cell first\.</span>.*?</pre></div>', re.DOTALL)


def setup_folded(match: re.Match[str], label: str) -> str:
    lines = match.group(0).count("\n")  # nbconvert ends each line of the source with one
    return (f'<details class="notebook-setup"><summary>{html.escape(label.format(lines=lines))}</summary>'
            f"{match.group(0)}</details>")


class State:
    site: Site | None = None
    # chapter page ("the-model.md") -> its notebook in this build
    pages: dict[str, NotebookPage] = {}
    css: str | None = None


def language(config: Any) -> str:
    """The language being built: one config per language, each with its theme.language."""
    return str(config["theme"]["language"])


def label(config: Any, key: str) -> str:
    assert State.site is not None
    return State.site.label(language(config), key)


@event_priority(-10)  # after tools/hooks/check_generated.py has found the notebooks fresh
def on_pre_build(config: Any) -> None:
    State.css = None
    try:
        # mkdocs.yml, not this language's config: the notebooks' links and labels are site-wide.
        State.site = load_site()
    except NotebookError as exc:
        raise PluginError(str(exc)) from None


def on_files(files: Files, config: Any) -> Files:
    for file in files:
        if file.src_uri.endswith(".ipynb"):
            raise PluginError(f"{config['docs_dir']}/{file.src_uri}: notebooks are made from the pages "
                              "(tools/produce/notebooks.py, into generated/notebooks/); under docs/ it would be "
                              "published as raw JSON")
    folder = NOTEBOOKS / language(config)
    State.pages = {}
    for path in sorted(folder.rglob("*.ipynb")) if folder.exists() else []:
        page = path.relative_to(folder).with_suffix(".md").as_posix()
        notebook = NotebookPage(Chapter(language(config), page), config)
        files.append(notebook)
        files.append(notebook.download())
        State.pages[page] = notebook
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    if isinstance(page.file, NotebookPage):
        title = next((t for level, t, _ in headings(page_body(page.file.chapter.source))
                      if level == 1), None)
        if title:
            page.meta["title"] = title.replace("`", "")
        # Search finds the chapter; its notebook would only repeat it.
        page.meta["search"] = {"exclude": True}
        return ""  # not Markdown: on_page_content puts the rendered notebook in
    notebook = State.pages.get(page.file.src_uri)
    if notebook is None or State.site is None:
        return markdown
    # Under the title: the notebook page and Colab. A relative .ipynb link, so MkDocs checks
    # it (a missing notebook fails --strict, naming it) and makes it relative.
    target = posixpath.relpath(notebook.src_uri, posixpath.dirname(page.file.src_uri))
    colab = State.site.colab_url(notebook.chapter.notebook())
    buttons = (f"[{label(config, 'open')}]({target}){{ .md-button .notebook-open }} "
               f"[{label(config, 'colab')}]({colab}){{ .md-button .notebook-colab }}")
    lines = markdown.split("\n")
    at = next((n + 1 for n, line in enumerate(lines) if re.match(r"#[ \t]", line)), 0)
    return "\n".join(lines[:at] + ["", buttons, ""] + lines[at:])


@functools.cache
def renderer_stamp() -> bytes:
    versions = {name: importlib.metadata.version(name) for name in RENDERER}
    return json.dumps([versions, RENDER], sort_keys=True).encode()


def cache_key(path: Path) -> str:
    """The notebook's bytes, the renderer's versions and options: what its HTML depends on."""
    return hashlib.sha256(path.read_bytes() + renderer_stamp()).hexdigest()


def rendered(path: Path) -> str:
    cached = CACHE / f"{cache_key(path)}.html"
    if cached.exists():
        return cached.read_text(encoding="utf-8")
    try:
        from mkdocs_jupyter.convert import nb2html  # nbconvert: imported only to render

        body = str(nb2html(str(path), **RENDER))
    except Exception as exc:  # noqa: BLE001 - any failure to render names the notebook
        raise PluginError(f"{rel(path)}: mkdocs-jupyter cannot render it: {exc}") from exc
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.tmp")  # builds at once (serve, test): one each
    partial.write_text(body, encoding="utf-8")
    partial.replace(cached)
    print(f"INFO    -  notebooks: rendered {rel(path)}", flush=True)
    return body


STYLE_OPEN, STYLE_CLOSE = '<style type="text/css">', "</style>"
HEADING_TAG = re.compile(r'<h(?P<level>[1-6]) id="(?P<id>[^"]*)"(?P<rest>[^>]*)>(?P<body>.*?)</h(?P=level)>',
                         re.DOTALL)


def on_page_content(content: str, page: Any, config: Any, files: Files) -> str:
    if not isinstance(page.file, NotebookPage) or State.site is None:
        return content
    chapter: Chapter = page.file.chapter
    body = rendered(chapter.notebook())
    # The renderer's CSS (590 KB, the same on every notebook page) becomes one cached file.
    css, rest = split_styles(body)
    if State.css is None or State.css == css:
        State.css = css
        body = f'<link rel="stylesheet" href="{get_relative_url(CSS, page.url)}">' + rest
    # Absolute links to this language's published site (they work in Colab) become relative again.
    site_url = State.site.site_url + URL_PREFIX[language(config)]
    body = re.sub(r'(?P<attr>href|src)="' + re.escape(site_url) + r'(?P<path>[^"#]*)(?P<anchor>#[^"]*)?"',
                  lambda m: f'{m.group("attr")}="{get_relative_url(m.group("path") or ".", page.url)}'
                            f'{m.group("anchor") or ""}"', body)
    # nbconvert makes heading ids from the text and drops Hangul: use the chapter's own ids,
    # the same in both languages, and make the table of contents from them.
    source = headings(page_body(chapter.source))
    found = list(HEADING_TAG.finditer(body))
    if len(found) != len(source):
        raise PluginError(f"{rel(chapter.notebook())}: {len(found)} headings rendered, "
                          f"its page docs/{chapter.docs_path} has {len(source)}")
    anchors = [explicit or match.group("id") for (_, _, explicit), match in zip(source, found)]
    replacements = iter(anchors)

    def retag(match: re.Match[str]) -> str:
        anchor = next(replacements)
        inner = match.group("body").replace(f'href="#{match.group("id")}"', f'href="#{anchor}"')
        level = match.group("level")
        return f'<h{level} id="{anchor}"{match.group("rest")}>{inner}</h{level}>'

    body = HEADING_TAG.sub(retag, body)
    page.toc = get_toc(nest_toc_tokens([
        {"level": level, "id": anchor, "name": html.escape(title.replace("`", ""))}
        for (level, title, _), anchor in zip(source, anchors)]))
    body = site_math(body)
    # A code cell, a fence and a wide table scroll sideways: a keyboard reader must reach them to
    # scroll them (WCAG 2.1.1; nbconvert does it for outputs). A table's own box scrolls (extra.css
    # keeps Material's scroll wrapper, added without a tab stop, from scrolling too).
    body = body.replace('<div class="highlight-ipynb hl-python">',
                        '<div class="highlight-ipynb hl-python" tabindex="0">')
    body = body.replace('<div class="highlight"><pre>', '<div class="highlight"><pre tabindex="0">')
    body = body.replace("<table>", '<div class="notebook-table" tabindex="0"><table>')
    # mkdocs-jupyter's copy button is named in English on every page (and carries a stray `,`
    # attribute from its template): named in the page's language instead.
    copy = html.escape(label(config, "copy"))
    body = body.replace('<clipboard-copy ,="" aria-label="Copy to Clipboard"', f'<clipboard-copy aria-label="{copy}"')
    # The setup cell folded, as JupyterLab shows it (its metadata says source_hidden).
    body = SETUP.sub(lambda m: setup_folded(m, label(config, "setup")), body, count=1)
    # Another language's script in code and outputs (Hangul in an English notebook) is marked.
    body = PRE.sub(lambda m: mark_scripts(m.group(0), language(config)), body)
    body = body.replace("</table>", "</table></div>")
    body = body.replace("</h1>", "</h1>" + actions(page, config), 1)
    # Outputs scroll instead of wrapping (a wrapped summary() table loses its columns): the
    # output's own box, not its <pre>, as nbconvert makes that box focusable.
    return body + ("<style>.jupyter-wrapper .jp-OutputArea-output{overflow-x:auto}"
                   ".jupyter-wrapper .jp-OutputArea-output pre{white-space:pre;word-break:normal;"
                   "overflow-wrap:normal;overflow:visible}</style>")


def split_styles(body: str) -> tuple[str, str]:
    """(the CSS of the renderer's <style> blocks, the HTML without them); str.find, not a
    regex: the blocks are 590 KB and this runs for every notebook page of every build."""
    css, rest, at = [], [], 0
    while (start := body.find(STYLE_OPEN, at)) >= 0 and (end := body.find(STYLE_CLOSE, start)) >= 0:
        rest.append(body[at:start])
        css.append(body[start + len(STYLE_OPEN):end].strip().removeprefix('@charset "UTF-8";'))
        at = end + len(STYLE_CLOSE)
    rest.append(body[at:])
    return "\n".join(css), "".join(rest)


def actions(page: Any, config: Any) -> str:
    """Under a notebook page's title: back to the chapter, download the .ipynb, open in Colab."""
    assert State.site is not None
    chapter: Chapter = page.file.chapter
    path = page_url(chapter.language, chapter.page).removeprefix(URL_PREFIX[chapter.language])
    colab = html.escape(State.site.colab_url(chapter.notebook()))
    text = {key: html.escape(label(config, key)) for key in ("chapter", "download", "colab")}
    download = chapter.notebook().name
    return (f'<p class="notebook-actions">'
            f'<a class="md-button" href="{get_relative_url(path, page.url)}">{text["chapter"]}</a> '
            f'<a class="md-button" href="{download}" download>{text["download"]}</a> '
            f'<a class="md-button md-button--primary" href="{colab}">{text["colab"]}</a></p>')


# nbconvert's MathJax 2 loader (an empty src): the site ships no math script at all.
NB_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL)
VERBATIM = re.compile(r"(<(pre|code|script|style|textarea)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
DISPLAY_P = re.compile(r"<p>\s*\$\$(?P<tex>.+?)\$\$\s*</p>", re.DOTALL)
DISPLAY = re.compile(r"\$\$(?P<tex>.+?)\$\$", re.DOTALL)
# Pandoc's rule: no space inside the dollars, no digit after the closing one (Korean
# particles follow math directly: `$h_t$를`).
INLINE = re.compile(r"(?<![\\$])\$(?=[^\s$])(?P<tex>[^$\n]+?)(?<=\S)\$(?![\d$])")


def site_math(content: str) -> str:
    """Notebook math (`$...$`, `$$...$$`, left as text by nbconvert) marked as arithmatex marks
    it, so tools/hooks/math_hook.py renders it to static SVG like the chapter's."""
    parts = VERBATIM.split(NB_MATHJAX.sub("", content))
    out = []
    for n, part in enumerate(parts):
        if n % 3 == 0:  # outside code, scripts and styles
            part = DISPLAY_P.sub(lambda m: f'<div class="arithmatex">\\[{m.group("tex")}\\]</div>', part)
            part = DISPLAY.sub(lambda m: f'<span class="arithmatex">\\[{m.group("tex")}\\]</span>', part)
            part = INLINE.sub(lambda m: f'<span class="arithmatex">\\({m.group("tex")}\\)</span>', part)
        if n % 3 != 2:  # not the tag's name (the split's second group)
            out.append(part)
    return "".join(out)


@event_priority(10)
def on_post_build(config: Any) -> None:
    if State.css is not None:
        target = Path(config["site_dir"]) / CSS
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != State.css:
            target.write_text(State.css, encoding="utf-8")
    if not CACHE.exists():
        return
    # Keep what any language's current notebooks use; drop the rest (old versions).
    keep = {f"{cache_key(path)}.html" for path in NOTEBOOKS.rglob("*.ipynb")}
    for entry in CACHE.glob("*.html"):
        if entry.name not in keep:
            entry.unlink()
