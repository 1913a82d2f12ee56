"""Korean and English pages match: same pages, heading ids, includes, images; every page fence runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.claims.parity import check_parity


def test_both_languages_have_the_same_structure() -> None:
    errors = check_parity()
    assert not errors, "\n".join(errors)


def make(tmp_path: Path, ko: str | None, en: str | None) -> list[str]:
    for lang, body in (("ko", ko), ("en", en)):
        (tmp_path / lang).mkdir(parents=True, exist_ok=True)
        if body is not None:
            (tmp_path / lang / "page.md").write_text(body)
    return check_parity(tmp_path)


def test_missing_page_names_both_files(tmp_path: Path) -> None:
    assert make(tmp_path, "# A { #a }\n", None) == [
        "docs/ko/page.md:1: has no twin docs/en/page.md; every page exists in every language "
        "(write it, or remove the page from every language and from nav)"]


@pytest.mark.parametrize("ko,en,expected", [
    ("# 제목\n", "# Title\n", ["page.md:1: heading `제목` has no explicit id"]),
    ("# A { #a }\n## B { #b }\n## C { #c }\n", "# A { #a }\n## C { #c }\n## B { #b }\n",
     ["heading ids differ", "(b)", "(c)"]),
    ("# A { #a }\n{* snippets/x.py *}\n", "# A { #a }\n",
     ["snippet includes differ", "page.md:2 (x)"]),
    ("# A { #a }\n![그림](../f.ko.svg)\n",
     "# A { #a }\n![figure](../f.en.svg)\n![other](../g.svg)\n", ["images differ", "g.svg"]),
], ids=["heading-without-id", "heading-ids-in-another-order", "include-in-one-language-only",
        "image-in-one-language-only"])
def test_the_first_difference_is_named(tmp_path: Path, ko: str, en: str,
                                       expected: list[str]) -> None:
    errors = make(tmp_path, ko, en)
    assert errors and all(part in errors[0] for part in expected), errors


def test_project_config_runs_inline_python_fences(tmp_path: Path) -> None:
    """The pytest configuration itself (pyproject.toml addopts, conftest.py) collects page
    fences, in the brace form too that Material renders, inside admonitions and content tabs
    as well (the project's page reader decides what a fence is), and a failing fence fails by
    file and line."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT
    from tools.pages import parse

    page = tmp_path / "page.md"
    page.write_text("# A { #a }\n\n```python\nassert 1 + 1 == 2\n```\n\n"
                    "``` { .python }\nraise ValueError('boom')\n```\n\n"
                    "!!! note \"In a note\"\n\n    ```python\n    assert 2 * 2 == 4\n    ```\n\n"
                    "=== \"A tab\"\n\n    ```python\n    raise KeyError('tab')\n    ```\n")
    assert [f.line for f in parse(page).fences] == [3, 7, 13, 19]
    proc = subprocess.run([sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"),
                           "--rootdir", str(tmp_path), "-p", "conftest", "-p", "no:cacheprovider", "-q",
                           str(page)], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "2 failed, 2 passed" in proc.stdout, proc.stdout
    assert "page.md::[CodeFence#2][line:7]" in proc.stdout
    assert "page.md::[CodeFence#4][line:19]" in proc.stdout


def test_a_page_missing_in_one_language_stops_the_build_by_name(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Said before anything else, in one line: not as an orphaned notebook or a nav warning."""
    from mkdocs.exceptions import PluginError

    from tools.claims.parity import missing_twins
    from tools.hooks import check_generated

    make(tmp_path, None, "# A { #a }\n")
    monkeypatch.setattr(check_generated, "missing_twins", lambda: missing_twins(tmp_path))
    with pytest.raises(PluginError, match=r"^docs/en/page\.md:1: has no twin docs/ko/page\.md; "):
        check_generated.on_pre_build({"theme": {"language": "en"}})
