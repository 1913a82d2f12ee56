"""Korean and English pages match: same pages, heading ids, includes, images; fence rule."""

from __future__ import annotations

from pathlib import Path

from tools.parity import check_parity


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
    assert make(tmp_path, "# A { #a }\n", None) == ["docs/ko/page.md: has no twin docs/en/page.md"]


def test_heading_without_id(tmp_path: Path) -> None:
    [error] = make(tmp_path, "# 제목\n", "# Title\n")[:1]
    assert "page.md:1: heading `제목` has no explicit id" in error


def test_heading_ids_in_another_order(tmp_path: Path) -> None:
    errors = make(tmp_path, "# A { #a }\n## B { #b }\n## C { #c }\n", "# A { #a }\n## C { #c }\n## B { #b }\n")
    assert errors and "heading ids differ" in errors[0] and "(b)" in errors[0] and "(c)" in errors[0]


def test_include_in_one_language_only(tmp_path: Path) -> None:
    errors = make(tmp_path, "# A { #a }\n{* snippets/x.py *}\n", "# A { #a }\n")
    assert errors and "snippet includes differ" in errors[0] and "page.md:2 (x)" in errors[0]


def test_image_in_one_language_only(tmp_path: Path) -> None:
    errors = make(tmp_path, "# A { #a }\n![그림](../f.ko.svg)\n", "# A { #a }\n![figure](../f.en.svg)\n"
                  "![other](../g.svg)\n")
    assert errors and "images differ" in errors[0] and "g.svg" in errors[0]


def test_python_fence_inside_an_admonition_is_refused(tmp_path: Path) -> None:
    body = "# A { #a }\n\n!!! note\n\n    ```python\n    print(1)\n    ```\n"
    errors = make(tmp_path, body, body)
    assert any("page.md:5: indented python fence" in e for e in errors)


def test_project_config_runs_inline_python_fences(tmp_path: Path) -> None:
    """The pytest configuration itself (pyproject.toml addopts) collects page fences, in the
    brace form too that Material renders, and a failing fence fails by file and line."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    page = tmp_path / "page.md"
    page.write_text("# A { #a }\n\n```python\nassert 1 + 1 == 2\n```\n\n"
                    "``` { .python }\nraise ValueError('boom')\n```\n")
    proc = subprocess.run([sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"),
                           "--rootdir", str(tmp_path), "-p", "no:cacheprovider", "-q", str(page)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert "1 failed, 1 passed" in proc.stdout, proc.stdout
    assert "page.md::[CodeFence#2][line:7]" in proc.stdout
