"""MkDocs hook: every chapter's notebook as a page of the site, in both languages.

mkdocs-jupyter renders the notebooks; this hook makes it work under mkdocs-static-i18n,
which breaks it upstream (ultrabug/mkdocs-static-i18n#198): i18n re-creates every File in
its on_files and drops mkdocs-jupyter's notebook wrapper, so a notebook under docs/ is
copied as raw text, a second language's is missing, and --strict still passes. Here:

- notebooks never live under docs/ (generated/notebooks/, see tools/notebooks.py); after
  i18n has built the language's file tree (priority below its -100), the current
  language's notebooks join it as documentation pages, not in the nav, at
  notebooks/PAGE/ (Korean) and en/notebooks/PAGE/. i18n never sees them, so it can't drop
  them; mkdocs-jupyter renders them from the stored outputs (execute: false, checked here);
- each language's sub-build would evict the other language's mkdocs-jupyter cache
  entries (it keeps only what the sub-build used), re-rendering both languages every
  time: before its eviction runs, the entries of every language's current notebooks are
  marked as used;
- a chapter page gets buttons to its notebook page and to Colab; a notebook page gets
  buttons back to its chapter, to download the .ipynb and to Colab, the chapter's heading
  ids in its body and table of contents, links made relative again, and its math marked
  for the site's own MathJax.
"""

from __future__ import annotations

import html
import posixpath
import re
import sys
from pathlib import Path, PurePosixPath
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from tools.notebooks import (NOTEBOOKS, Chapter, NotebookError, Site, headings, load_site,  # noqa: E402
                             sync, validate_file)

JUPYTER = "mkdocs-jupyter"
# What the build must do with notebooks, whatever mkdocs.yml says: never execute (the
# outputs are the stored ones), never hide an error, offer the .ipynb for download.
REQUIRED = {"execute": False, "allow_errors": False, "include_source": True}


class NotebookPage(File):
    """A generated notebook shown as a page: src outside docs/, dest chosen per language."""

    def __init__(self, chapter: Chapter, prefix: str, config: Any) -> None:
        stem = chapter.page[: -len(".md")]
        super().__init__(f"{chapter.language}/notebooks/{stem}.ipynb", None, config["site_dir"],
                         config["use_directory_urls"], dest_uri=f"{prefix}notebooks/{stem}/index.html",
                         inclusion=InclusionLevel.NOT_IN_NAV)
        self.abs_src_path = str(chapter.notebook())
        self.chapter = chapter
        # "Edit this page" opens the chapter's Markdown: the notebook is made from it.
        self.edit_uri = chapter.docs_path
        self.url = f"{prefix}notebooks/{stem}/"

    def is_documentation_page(self) -> bool:
        return True


class State:
    site: Site | None = None
    # chapter page (language-neutral, e.g. "the-model.md") -> its notebook in this sub-build
    pages: dict[str, NotebookPage] = {}


def jupyter(config: Any) -> Any:
    plugin = config["plugins"].get(JUPYTER)
    if plugin is None:
        raise PluginError(f"tools/notebook_hook.py needs the {JUPYTER} plugin in mkdocs.yml")
    return plugin


def languages(config: Any) -> tuple[str, str]:
    """(language of this sub-build, default language)."""
    i18n = config["plugins"].get("i18n")
    default = getattr(i18n, "default_language", None) or config["theme"]["language"]
    return getattr(i18n, "current_language", None) or default, default


def on_config(config: Any) -> None:
    options = jupyter(config).config
    wrong = [f"{key}: {options[key]!r} (must be {value!r})" for key, value in REQUIRED.items()
             if options[key] != value]
    if wrong:
        raise PluginError(f"mkdocs.yml: {JUPYTER} " + "; ".join(wrong))


@event_priority(-10)  # after tools/hooks.py has made sure the stored outputs are fresh
def on_pre_build(config: Any) -> None:
    try:
        State.site = load_site(Path(config["config_file_path"]))
        sync(site=State.site, log=lambda msg: print(f"INFO    -  notebooks: {msg}", flush=True))
    except NotebookError as exc:
        raise PluginError(str(exc)) from None


@event_priority(-110)  # after mkdocs-static-i18n (-100) has rebuilt the file tree
def on_files(files: Files, config: Any) -> Files:
    site = State.site or load_site(Path(config["config_file_path"]))
    current, default = languages(config)
    for file in files:
        if file.src_uri.endswith(".ipynb"):
            raise PluginError(f"docs/{file.src_uri}: notebooks are made from the pages "
                              f"(tools/notebooks.py); mkdocs-static-i18n would copy this one as raw text")
    State.pages = {}
    by_language: dict[str, dict[str, NotebookPage]] = {}
    for language in site.languages:
        prefix = "" if language == default else f"{language}/"
        folder = NOTEBOOKS / language
        for path in sorted(folder.rglob("*.ipynb")) if folder.exists() else []:
            page = path.relative_to(folder).with_suffix(".md").as_posix()
            by_language.setdefault(page, {})[language] = NotebookPage(Chapter(language, page), prefix, config)
    for page, versions in by_language.items():
        # Like i18n's own fallback: a page not yet translated shows the default language's notebook.
        chosen = versions.get(current) or versions.get(default)
        if chosen is None:
            continue
        if chosen.chapter.language != current:
            prefix = "" if current == default else f"{current}/"
            chosen = NotebookPage(chosen.chapter, prefix, config)
        try:
            validate_file(chosen.chapter.notebook())
        except NotebookError as exc:
            raise PluginError(str(exc)) from None
        # The language switcher (i18n's Material reconfiguration) reads these.
        chosen.alternates = {**versions, current: chosen}
        chosen.locale = chosen.chapter.language
        chosen.locale_alternate_of = current
        chosen.localization = chosen.chapter.language
        chosen.norm_src_uri = f"notebooks/{page}"
        files.append(chosen)
        State.pages[page] = chosen
    return files


def chapter_key(page: Any) -> str | None:
    parts = PurePosixPath(page.file.src_uri).parts
    return "/".join(parts[1:]) if parts and re.fullmatch(r"[a-z]{2}", parts[0]) else None


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    if isinstance(page.file, NotebookPage):
        # Search finds the chapter; its notebook would only repeat it.
        page.meta.setdefault("search", {"exclude": True})
        return markdown
    notebook = State.pages.get(chapter_key(page) or "")
    if notebook is None or State.site is None:
        return markdown
    # Under the page's title: its notebook page and Colab. A relative .ipynb link, so
    # MkDocs checks it (a missing notebook fails --strict by name) and makes it relative.
    current, _ = languages(config)
    target = posixpath.relpath(notebook.src_uri, posixpath.dirname(page.file.src_uri))
    colab = State.site.colab_url(notebook.chapter.notebook())
    buttons = (f"[{State.site.label(current, 'open')}]({target}){{ .md-button .notebook-open }} "
               f"[{State.site.label(current, 'colab')}]({colab}){{ .md-button .notebook-colab }}")
    lines = markdown.split("\n")
    at = next((n + 1 for n, line in enumerate(lines) if re.match(r"#[ \t]", line)), 0)
    return "\n".join(lines[:at] + ["", buttons, ""] + lines[at:])


def actions(page: Any, config: Any) -> str:
    """Under a notebook page's title: back to the chapter, download the .ipynb, open in Colab."""
    assert State.site is not None
    current, _ = languages(config)
    chapter = page.file.chapter
    label = lambda key: html.escape(State.site.label(current, key))  # noqa: E731
    back = get_relative_url(chapter_url(chapter, current, config), page.url)
    # mkdocs-jupyter (include_source) copies the .ipynb next to the page's index.html.
    download = posixpath.basename(page.file.abs_src_path)
    colab = html.escape(State.site.colab_url(chapter.notebook()))
    return (f'<p class="notebook-actions">'
            f'<a class="md-button" href="{back}">{label("chapter")}</a> '
            f'<a class="md-button" href="{download}" download>{label("download")}</a> '
            f'<a class="md-button md-button--primary" href="{colab}">{label("colab")}</a></p>')


def chapter_url(chapter: Chapter, current: str, config: Any) -> str:
    _, default = languages(config)
    stem = chapter.page[: -len(".md")]
    prefix = "" if current == default else f"{current}/"
    path = stem[: -len("index")] if stem == "index" or stem.endswith("/index") else stem + "/"
    return prefix + path


HEADING_TAG = re.compile(r'<h(?P<level>[1-6]) id="(?P<id>[^"]*)"(?P<rest>[^>]*)>(?P<body>.*?)</h(?P=level)>',
                         re.DOTALL)


def on_page_content(content: str, page: Any, config: Any, files: Files) -> str:
    if not isinstance(page.file, NotebookPage) or State.site is None:
        return content
    site_url = State.site.site_url
    # Absolute links to the published site (they work in Colab) become relative again.
    content = re.sub(r'(?P<attr>href|src)="' + re.escape(site_url) + r'(?P<path>[^"#]*)(?P<anchor>#[^"]*)?"',
                     lambda m: f'{m.group("attr")}="{get_relative_url(m.group("path") or ".", page.url)}'
                               f'{m.group("anchor") or ""}"', content)
    # nbconvert makes heading ids from the text and drops Hangul; use the chapter's own ids,
    # the same in both languages, and rebuild the table of contents from them.
    source = headings(page.file.chapter.source.read_text(encoding="utf-8"))
    found = list(HEADING_TAG.finditer(content))
    if len(found) != len(source):
        raise PluginError(f"{page.file.chapter.notebook()}: {len(found)} headings rendered, "
                          f"its page docs/{page.file.chapter.docs_path} has {len(source)}")
    ids = iter(source)

    def retag(match: re.Match[str]) -> str:
        level, title, explicit = next(ids)
        new_id = explicit or match.group("id")
        body = match.group("body").replace(f'href="#{match.group("id")}"', f'href="#{new_id}"')
        return f'<h{match.group("level")} id="{new_id}"{match.group("rest")}>{body}</h{match.group("level")}>'

    content = HEADING_TAG.sub(retag, content)
    content = site_math(content)
    content = content.replace("</h1>", "</h1>" + actions(page, config), 1)
    page.toc = get_toc(nest([(level, explicit or m.group("id"), html.escape(title.replace("`", "")))
                             for (level, title, explicit), m in zip(source, found)]))
    return content


# nbconvert's MathJax 2 loader (an empty src: the site's own MathJax 3 does the typesetting).
NB_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL)
VERBATIM = re.compile(r"(<(pre|code|script|style|textarea)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
DISPLAY_P = re.compile(r"<p>\s*\$\$(?P<tex>.+?)\$\$\s*</p>", re.DOTALL)
DISPLAY = re.compile(r"\$\$(?P<tex>.+?)\$\$", re.DOTALL)
# Pandoc's rule: no space inside the dollars, no digit after the closing one (Korean
# particles follow math directly: `$h_t$를`).
INLINE = re.compile(r"(?<![\\$])\$(?=[^\s$])(?P<tex>[^$\n]+?)(?<=\S)\$(?![\d$])")


def site_math(content: str) -> str:
    """Notebook math (`$...$`, `$$...$$`, left as text by nbconvert) as arithmatex marks it,
    so docs/assets/mathjax-config.js typesets it like the chapter's, from the site itself."""
    content = NB_MATHJAX.sub("", content)
    parts = VERBATIM.split(content)
    out = []
    for n, part in enumerate(parts):
        if n % 3 == 0:  # outside code, scripts and styles
            part = DISPLAY_P.sub(lambda m: f'<div class="arithmatex">\\[{m.group("tex")}\\]</div>', part)
            part = DISPLAY.sub(lambda m: f'<span class="arithmatex">\\[{m.group("tex")}\\]</span>', part)
            part = INLINE.sub(lambda m: f'<span class="arithmatex">\\({m.group("tex")}\\)</span>', part)
            out.append(part)
        elif n % 3 == 1:
            out.append(part)
    return "".join(out)


def nest(flat: list[tuple[int, str, str]]) -> list[dict[str, Any]]:
    """TOC tokens from (level, id, title) in page order, children under their parent."""
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for level, anchor, name in flat:
        token: dict[str, Any] = {"level": level, "id": anchor, "name": name, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


@event_priority(10)  # before mkdocs-jupyter's on_post_build evicts "unused" cache entries
def on_post_build(config: Any) -> None:
    plugin = jupyter(config)
    if not plugin.config["cache"]:
        return
    try:
        from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path
    except ImportError as exc:  # the pinned mkdocs-jupyter has them; a new one may not
        raise PluginError(f"{JUPYTER} changed its cache API ({exc}); update tools/notebook_hook.py") from None
    used = getattr(plugin, "_used_cache_paths", None)
    if used is None:
        raise PluginError(f"{JUPYTER} changed its cache API (no _used_cache_paths)")
    for path in NOTEBOOKS.rglob("*.ipynb"):
        key = _compute_cache_key(str(path), plugin.config, plugin.config["execute"])
        used.add(_get_cache_path(plugin.config["cache_dir"], key))
