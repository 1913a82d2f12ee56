"""The strict build of both languages: broken links, anchors, includes and stale outputs fail it.

The build itself is the session fixture `built_site` (tests/conftest.py): it runs with
TensorFlow refused, as a contributor who edits only prose would run it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT


def source_pages() -> list[str]:
    return sorted(p.relative_to(ROOT / "docs" / "ko").as_posix() for p in (ROOT / "docs" / "ko").rglob("*.md"))


def built_path(site: Path, lang: str, page: str) -> Path:
    base = site if lang == "ko" else site / lang
    stem = page.removesuffix(".md")
    return base / ("index.html" if stem == "index" else f"{stem}/index.html")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_page_is_built_in_both_languages(built_site: Path, lang: str) -> None:
    for page in source_pages():
        html = built_path(built_site, lang, page)
        assert html.exists(), f"docs/{lang}/{page}: no {html.relative_to(built_site)} in the built site"
        assert f'<html lang="{lang}"' in html.read_text(encoding="utf-8"), f"{html}: wrong language"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_included_snippets_show_code_and_stored_output(built_site: Path, lang: str) -> None:
    for page in source_pages():
        source = (ROOT / "docs" / lang / page).read_text(encoding="utf-8")
        html = built_path(built_site, lang, page).read_text(encoding="utf-8")
        assert "{*" not in html, f"docs/{lang}/{page}: an include was left unexpanded"
        for name in re.findall(r"\{\*\s*snippets/(\w+)\.py\s*\*\}", source):
            first_line = (ROOT / "generated" / "outputs" / f"{name}.txt").read_text().splitlines()[0]
            assert first_line.split(":")[0] in html, f"docs/{lang}/{page}: output of {name} not shown"


def test_each_language_config_is_listed_by_the_selector_at_its_own_folder() -> None:
    """mkdocs.LANG.yml inherits mkdocs.yml: its language, docs, site folder and URL must agree with
    the selector (extra.alternate), or the switch and the 404 hand-over lead to the wrong place."""
    from urllib.parse import urlsplit

    from mkdocs.config import load_config

    from tools.site import DEFAULT_CONFIG, configs

    problems = []
    default_site = Path(load_config(str(DEFAULT_CONFIG)).site_dir)
    found = configs()
    for lang, path in found.items():
        config = load_config(str(path))
        where = path.name
        alternates = {alt["lang"]: alt["link"] for alt in config.extra["alternate"]}
        folder = "" if path == DEFAULT_CONFIG else f"{lang}/"
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
        if path != DEFAULT_CONFIG and "INHERIT" not in path.read_text(encoding="utf-8"):
            problems.append(f"{where}: does not INHERIT mkdocs.yml")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_sitemap_names_each_page_in_every_language_and_each_exists(built_site: Path, lang: str) -> None:
    """overrides/sitemap.xml: every page carries its address in each language (hreflang), and
    every such address is a page of the built site."""
    import xml.etree.ElementTree as ET

    from tools.browser import site_prefix

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    sitemap = (built_site if lang == "ko" else built_site / lang) / "sitemap.xml"
    urls = ET.parse(sitemap).getroot().findall("s:url", ns)
    assert len(urls) >= len(source_pages()), f"{sitemap}: {len(urls)} pages listed"
    problems = []
    for url in urls:
        loc = url.findtext("s:loc", namespaces=ns) or ""
        links = {link.get("hreflang"): link.get("href") or "" for link in url.findall("x:link", ns)}
        if set(links) != {"ko", "en"}:
            problems.append(f"{loc}: alternates {sorted(links)}, not ko and en")
        if links.get(lang) != loc:
            problems.append(f"{loc}: its own {lang} alternate is {links.get(lang)}")
        for href in links.values():
            local = href.split(site_prefix(), 1)[-1]
            if not (built_site / local / "index.html").is_file():
                problems.append(f"{loc}: alternate {href} is not a page of the built site")
    assert not problems, f"{sitemap}:\n" + "\n".join(problems)
