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
