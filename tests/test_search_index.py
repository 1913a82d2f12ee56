"""Search on demand (tools/search_index.py): a page fetches only the index's config; the site's
text waits in search_index.full.json for the first query. No TensorFlow, no browser; the
browser half is tests/test_browser.py (test_search_fetches_the_sites_text_on_the_first_query_only)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tools.dev.browser import on_the_wire
from tools.layout import LANGUAGES, built_file, nav_pages, page_url
from tools.dev.page_weight import SEARCH_BUDGET
from tools.search_index import FULL, STUB, SearchIndexError, main, split

MATERIAL_INDEX = {"config": {"lang": ["en"], "separator": "[\\s]+"},
                  "docs": [{"location": "", "title": "홈", "text": "<p>순환 신경망</p>"}]}


def write_index(folder: Path, index: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / STUB).write_text(json.dumps(index), encoding="utf-8")
    return folder


def test_split_leaves_a_stub_and_keeps_every_document(tmp_path: Path) -> None:
    folder = write_index(tmp_path / "search", MATERIAL_INDEX)
    split(folder)
    stub = json.loads((folder / STUB).read_text(encoding="utf-8"))
    full = json.loads((folder / FULL).read_text(encoding="utf-8"))
    assert stub == {"config": MATERIAL_INDEX["config"], "docs": []}
    assert full == MATERIAL_INDEX
    assert "순환" in (folder / FULL).read_text(encoding="utf-8"), "Hangul should be written as UTF-8"


def test_split_twice_changes_nothing(tmp_path: Path) -> None:
    folder = write_index(tmp_path / "search", MATERIAL_INDEX)
    split(folder)
    before = {name: (folder / name).read_bytes() for name in (STUB, FULL)}
    split(folder)
    assert {name: (folder / name).read_bytes() for name in (STUB, FULL)} == before


@pytest.mark.parametrize(("content", "says"), [
    (None, "no search index"),
    ({"docs": []}, "not a Material search index"),
    ({"config": {}, "docs": []}, f"no {FULL}"),
])
def test_split_names_the_file_it_cannot_split(tmp_path: Path, content: dict | None, says: str) -> None:
    folder = tmp_path / "search"
    folder.mkdir()
    if content is not None:
        write_index(folder, content)
    with pytest.raises(SearchIndexError, match=re.escape(says)) as error:
        split(folder)
    assert str(folder / STUB) in str(error.value)


def test_command_splits_every_language_of_a_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_index(tmp_path / "search", MATERIAL_INDEX)
    write_index(tmp_path / "en" / "search", MATERIAL_INDEX)
    assert main([str(tmp_path)]) == 0
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.glob("**/" + FULL)) == \
        ["en/search/" + FULL, "search/" + FULL]
    assert main([str(tmp_path / "nowhere")]) == 2


@pytest.mark.parametrize("lang", LANGUAGES)
def test_built_site_pages_fetch_a_stub_and_the_full_index_covers_every_page(built_site: Path, lang: str) -> None:
    search = built_file(built_site, page_url(lang, "index.md")).parent / "search"
    stub = json.loads((search / STUB).read_text(encoding="utf-8"))
    assert stub["docs"] == [], f"{search / STUB}: still holds the documents; every first visit would fetch them"
    full = json.loads((search / FULL).read_text(encoding="utf-8"))
    assert full["config"] == stub["config"], f"{search / FULL}: config differs from the stub's"
    indexed = {doc["location"].split("#")[0] for doc in full["docs"]}
    home = page_url(lang, "index.md")
    missing = [page for page in nav_pages() if page_url(lang, page).removeprefix(home) not in indexed]
    assert not missing, f"{search / FULL}: no document for {missing}"
    # The first query downloads all of it: the site's text grows with every page.
    wire = len(on_the_wire((search / FULL).read_bytes()))
    assert wire < SEARCH_BUDGET, (f"{search / FULL}: {wire / 1000:.1f} KB on the wire, over the "
                                  f"{SEARCH_BUDGET / 1000:.0f} KB budget of the search documents")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_hands_the_theme_the_on_demand_worker(built_site: Path, lang: str) -> None:
    root = built_file(built_site, page_url(lang, "index.md")).parent
    workers = root / "assets" / "javascripts" / "workers"
    for page in sorted(root.glob("**/index.html")):
        if lang == LANGUAGES[0] and page.relative_to(root).parts[0] in LANGUAGES:
            continue  # another language's site, inside this one's folder
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page.read_text("utf-8"))
        assert config, f"{page}: no Material config"
        worker = json.loads(config[1])["search"]
        path, _, material = worker.partition("?material=")
        assert path.endswith("assets/javascripts/workers/search-on-demand.js"), f"{page}: search worker is {worker}"
        assert (page.parent / path).resolve() == (workers / "search-on-demand.js").resolve(), f"{page}: {worker}"
        assert (workers / material).is_file(), f"{page}: names Material's worker {material!r}, not in {workers}"
