"""The strict build of both languages (the session fixture `built_site`, tests/conftest.py: with
TensorFlow refused, as a prose contributor runs it): what each built page must hold."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tools.dev.browser import site_prefix
from tools.layout import DEFAULT_LANGUAGE, DOCS, LANGUAGES, ROOT, URL_PREFIX, built_file, page_url, rel
from tools.pages import parse
from tools.parts import shown
from tools.search import BUNDLE

# A titled code block as pymdownx.highlight renders it:
# <div class="highlight"><span class="filename">TITLE</span><pre>...<code>...</code></pre></div>.
TITLED_BLOCK = re.compile(r'<div class="(?:language-[\w-]+ )?highlight"><span class="filename">'
                          r'(?P<title>[^<]*)</span><pre>(?P<body>.*?)</pre></div>', re.DOTALL)


def source_pages() -> list[str]:
    return sorted(p.relative_to(DOCS / LANGUAGES[0]).as_posix() for p in (DOCS / LANGUAGES[0]).rglob("*.md"))


def built(site: Path, lang: str, page: str) -> Path:
    return built_file(site, page_url(lang, page))


def titled_blocks(page_html: str) -> list[tuple[str, str]]:
    """(title, text shown: without the highlighter's markup) of every titled code block."""
    return [(html.unescape(m["title"]), html.unescape(re.sub(r"<[^>]+>", "", m["body"])))
            for m in TITLED_BLOCK.finditer(page_html)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_is_built_in_both_languages(built_site: Path, lang: str) -> None:
    for page in source_pages():
        path = built(built_site, lang, page)
        assert path.exists(), f"docs/{lang}/{page}: no {path.relative_to(built_site)} in the built site"
        assert f'<html lang="{lang}"' in path.read_text(encoding="utf-8"), f"{path}: wrong language"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_search_index_of_its_pages(built_site: Path, lang: str) -> None:
    """Pagefind's bundle in the language's folder (tools/search.py) holds that language's index
    only, of every page written in docs/ (the notebook pages and the 404 page are left out)."""
    entry = built_site / URL_PREFIX[lang] / BUNDLE / "pagefind-entry.json"
    assert entry.is_file(), f"no {entry.relative_to(built_site)}: the build did not index {lang} for search"
    languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
    assert list(languages) == [lang], f"{entry.relative_to(built_site)} indexes {list(languages)}, not [{lang!r}]"
    assert languages[lang]["page_count"] == len(source_pages()), (
        f"{entry.relative_to(built_site)}: {languages[lang]['page_count']} pages indexed, "
        f"{len(source_pages())} written in docs/{lang}/")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_include_shows_its_code_then_its_stored_output(built_site: Path, lang: str) -> None:
    """Per include, in page order: one code block titled with the snippet's path holding the
    file as it is, then one output block holding the stored output, text for text (so also
    escaped: an output printing `<b>` shows `<b>`, it does not become markup). An include of a
    part (`{* snippets/NAME.py:PART *}`): a block titled `snippets/NAME.py:PART (k/n)` holding
    that part's code, then exactly what that part printed (no block when it printed nothing),
    and above the first part a link to the whole file, which the site serves as it is."""
    problems = []
    for page in source_pages():
        source = parse(DOCS / lang / page)
        built_page = built(built_site, lang, page)
        page_html = built_page.read_text(encoding="utf-8")
        if "{*" in page_html:
            problems.append(f"{source.where}: an include was left unexpanded")
        blocks = titled_blocks(page_html)
        expected: list[tuple[str | None, str]] = []
        for item in shown(source, source.where):
            expected.append((item.title, item.code))
            if item.output or item.include.part is None:
                expected.append((None, item.output))
            if item.whole_file:
                link = re.search(r'<a download href="([^"]*' + re.escape(item.whole_file) + ')"', page_html)
                served = (built_page.parent / link.group(1)).resolve() if link else None
                if served is None or served.read_bytes() != (DOCS.parent / item.whole_file).read_bytes():
                    problems.append(f"{source.where}:{item.line}: no link to the whole {item.whole_file} "
                                    f"as it is, above its first part")
        if len(blocks) != len(expected):
            problems.append(f"{source.where}: {len(source.includes)} includes, so {len(expected)} titled code "
                            f"and output blocks expected; {rel(built_page)} has {len(blocks)}")
            continue
        for (title, text), (wanted_title, wanted_text) in zip(blocks, expected):
            what = wanted_title or "the stored output"
            if title != (wanted_title or title) or (wanted_title is None and title.startswith("snippets/")):
                problems.append(f"{source.where}: a block titled {title!r} where {what} belongs")
            elif text.rstrip("\n") != wanted_text.rstrip("\n"):
                problems.append(f"{source.where}: the block of {what} does not show it as stored")
    assert not problems, "\n".join(problems)


def test_each_language_config_is_listed_by_the_selector_at_its_own_folder() -> None:
    """mkdocs.LANG.yml inherits mkdocs.yml: its language, docs, site folder and URL must agree with
    the selector (extra.alternate), or the switch and the 404 hand-over lead to the wrong place."""
    from urllib.parse import urlsplit

    from mkdocs.config import load_config

    from tools.layout import CONFIG
    from tools.site import configs

    problems = []
    default_site = Path(load_config(str(CONFIG)).site_dir)
    found = configs()
    undeclared = set(ROOT.glob("mkdocs.*.yml")) - set(found.values())
    problems += [f"{path.name}: builds a language that extra.alternate does not list" for path in sorted(undeclared)]
    for lang, path in found.items():
        config = load_config(str(path))
        where = path.name
        alternates = {alt["lang"]: alt["link"] for alt in config.extra["alternate"]}
        folder = URL_PREFIX[lang]
        if config.theme["language"] != lang:
            problems.append(f"{where}: theme.language is {config.theme['language']}, not {lang}")
        if Path(config.docs_dir) != ROOT / "docs" / lang:
            problems.append(f"{where}: docs_dir is {config.docs_dir}, not docs/{lang}")
        if Path(config.site_dir) != default_site / folder:
            problems.append(f"{where}: site_dir is {config.site_dir}, not {default_site / folder}")
        if alternates.get(lang) != urlsplit(config.site_url).path:
            problems.append(f"{where}: extra.alternate links {lang} to {alternates.get(lang)}, "
                            f"but site_url {config.site_url} serves it at {urlsplit(config.site_url).path}")
        if set(alternates) != set(found):
            problems.append(f"{where}: extra.alternate lists {sorted(alternates)}, the configs are {sorted(found)}")
        if path != CONFIG and "INHERIT" not in path.read_text(encoding="utf-8"):
            problems.append(f"{where}: does not INHERIT mkdocs.yml")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sitemap_names_each_page_in_every_language_and_each_exists(built_site: Path, lang: str) -> None:
    """overrides/sitemap.xml: every page carries its address in each language (hreflang), and
    every such address is a page of the built site."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    sitemap = built_site / URL_PREFIX[lang] / "sitemap.xml"
    urls = ET.parse(sitemap).getroot().findall("s:url", ns)
    assert len(urls) >= len(source_pages()), f"{sitemap}: {len(urls)} pages listed"
    problems = []
    for url in urls:
        loc = url.findtext("s:loc", namespaces=ns) or ""
        links = {link.get("hreflang"): link.get("href") or "" for link in url.findall("x:link", ns)}
        if set(links) != {*LANGUAGES, "x-default"}:
            problems.append(f"{loc}: alternates {sorted(links)}, not {', '.join(LANGUAGES)} and x-default")
        if links.get(lang) != loc:
            problems.append(f"{loc}: its own {lang} alternate is {links.get(lang)}")
        if links.get("x-default") != links.get(DEFAULT_LANGUAGE):
            problems.append(f"{loc}: x-default is {links.get('x-default')}, not the {DEFAULT_LANGUAGE} page")
        for href in links.values():
            local = href.split(site_prefix(), 1)[-1]
            if not (built_site / local / "index.html").is_file():
                problems.append(f"{loc}: alternate {href} is not a page of the built site")
    assert not problems, f"{sitemap}:\n" + "\n".join(problems)


HEAD_LINK = re.compile(r'<link rel="alternate" hreflang=')
SELECTOR_LINK = re.compile(r'<a href="([^"]+)" hreflang="([\w-]+)" target="_self" class="md-select__link">')
META = re.compile(r'<meta (?:name|property)="(?P<key>[\w:]+)" content="(?P<value>[^"]*)">')


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_page_names_its_twin_and_describes_itself(built_site: Path, lang: str) -> None:
    """overrides/main.html: no alternate link in a page's head (the sitemap names each page's
    twins; Material's script would fetch a sitemap.xml per alternate link on every page load);
    the language selector links the twin with hreflang; a description of the page's own (front
    matter, else its first paragraph without a formula) and link-preview tags."""
    problems = []
    for page in source_pages():
        path = built(built_site, lang, page)
        where = f"{rel(path)} (docs/{lang}/{page})"
        text = path.read_text(encoding="utf-8")
        head = text.split("</head>", 1)[0]
        if HEAD_LINK.search(head) or 'rel="alternate" href' in head:
            problems.append(f"{where}: an alternate link in the head")
        selector = {lang_: href for href, lang_ in SELECTOR_LINK.findall(text)}
        wanted = {other: site_prefix() + page_url(other, page) for other in LANGUAGES}
        if {k: selector.get(k) for k in wanted} != wanted:
            problems.append(f"{where}: the language selector links {selector}, not {wanted}")
        meta = {m["key"]: html.unescape(m["value"]) for m in META.finditer(head)}
        description = meta.get("description", "")
        if not description or "\\(" in description or len(description) > 161:
            problems.append(f"{where}: description {description!r} (empty, TeX, or over 160 characters)")
        if page != "index.md" and description in SITE_DESCRIPTIONS:
            problems.append(f"{where}: the site's description, not the page's own")
        problems += [f"{where}: no {key}" for key in ("og:title", "og:description", "og:url", "twitter:card")
                     if not meta.get(key)]
        if meta.get("og:description") != description:
            problems.append(f"{where}: og:description differs from the description")
    assert not problems, "\n".join(problems)


SITE_DESCRIPTIONS = {line.split(":", 1)[1].strip() for config in ("mkdocs.yml", "mkdocs.en.yml")
                     for line in (ROOT / config).read_text(encoding="utf-8").splitlines()
                     if line.startswith("site_description:")}


def test_languages_are_read_from_the_selector_in_mkdocs_yml(tmp_path: Path) -> None:
    """tools/layout.py declares no language: theme.language is the default one (the site root)
    and extra.alternate lists every language at its folder; a link elsewhere is an error."""
    from tools.layout import _declared_languages

    config = tmp_path / "mkdocs.yml"
    config.write_text("theme:\n  language: ko\n"
                      "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:x.y\n"
                      "extra:\n  alternate:\n    - {lang: ko, link: /s/}\n    - {lang: en, link: /s/en/}\n"
                      "    - {lang: ja, link: /s/ja/}\n", encoding="utf-8")
    assert _declared_languages(config) == ("ko", {"ko": "", "en": "en/", "ja": "ja/"})
    config.write_text("theme:\n  language: ko\nextra:\n  alternate:\n    - {lang: ko, link: /s/}\n"
                      "    - {lang: en, link: /other/en/}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="en's link /other/en/ is not a folder of /s/"):
        _declared_languages(config)
