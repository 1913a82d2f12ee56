"""One page reader (tools/pages.py) decides, for every consumer, what a fence and an include are.

An include written inside fenced code is code: the build shows it as written, the notebook
does not cut the page there, and the checks do not count it. One written in an admonition
is an include everywhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.hooks import include_snippets
from tools.layout import Layout
from tools.produce.notebooks import split_at_includes
from tools.pages import parse_text

PAGE = """\
# Title { #title }

{* snippets/top.py *}

```markdown
{* snippets/in_fence.py *}
```

An indented code block:

    {* snippets/in_code_block.py *}

!!! note "In a note"

    {* snippets/in_note.py *}

    Text after it.
"""


def test_the_reader_finds_includes_outside_code_only() -> None:
    page = parse_text(PAGE)
    assert [(i.line, i.indent, i.target) for i in page.includes] == [
        (3, "", "snippets/top.py"), (15, "    ", "snippets/in_note.py")]
    assert [(f.line, f.info, f.body) for f in page.fences] == [
        (5, "markdown", ((6, "{* snippets/in_fence.py *}"),))]
    assert {6, 11} <= page.code_lines and not {3, 15} & page.code_lines


@pytest.fixture
def snippets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Layout:
    layout = Layout(tmp_path / "snippets", tmp_path / "outputs")
    layout.snippets.mkdir()
    layout.outputs.mkdir()
    for name in ("top", "in_fence", "in_note", "in_code_block"):
        (layout.snippets / f"{name}.py").write_text(f"print('{name}')\n", encoding="utf-8")
        layout.txt(name).write_text(f"{name}\n", encoding="utf-8")
    monkeypatch.setattr(include_snippets, "LAYOUT", layout)
    monkeypatch.setattr(include_snippets, "ROOT", tmp_path)
    return layout


def test_the_build_expands_exactly_the_includes_the_reader_finds(snippets: Layout) -> None:
    out = include_snippets.expand_includes(PAGE, "docs/en/page.md", {"en": "Output"}, "en")
    assert "```markdown\n{* snippets/in_fence.py *}\n```" in out  # a fence keeps its text
    assert "```python title=\"snippets/top.py\"\nprint('top')\n```" in out
    assert "    ```python title=\"snippets/in_note.py\"\n    print('in_note')\n    ```" in out
    assert "    ```text title=\"Output\"\n    in_note\n    ```" in out
    assert "{* snippets/in_code_block.py *}" in out and "print('in_code_block')" not in out
    assert "print('in_fence')" not in out


def test_the_notebook_cuts_the_page_at_the_same_includes() -> None:
    pieces = split_at_includes(PAGE)
    assert pieces[1::3] == ["", "    "] and pieces[2::3] == ["snippets/top.py", "snippets/in_note.py"]
    assert "{* snippets/in_fence.py *}" in pieces[3]  # stays in the markdown, inside its fence
    # Only the two include lines were taken out; every other line, fenced code included, stays.
    assert "".join(pieces[0::3]) == PAGE.replace("{* snippets/top.py *}", "").replace("    {* snippets/in_note.py *}", "")


def test_each_search_expectation_names_words_its_page_uses_once_per_language() -> None:
    """`search_first_for:` (a page's front matter) is what the browser's search tests hold: a
    contributor edits it beside the page. Each query must be words the page itself uses, and a
    query can list only one page first in a language."""
    from tools.layout import DOCS
    from tools.pages import parse, search_expectations

    expectations = search_expectations()
    assert expectations, "no page lists a search_first_for: query"
    problems, owner = [], {}
    for e in expectations:
        text = parse(DOCS / e.language / e.page).text.lower()
        if e.query.lower() not in text:
            problems.append(f"{e.where}:1: search_first_for lists {e.query!r}, which the page never says")
        if (e.language, e.query) in owner:
            problems.append(f"{e.where}:1: {e.query!r} is already listed first by {owner[e.language, e.query]}")
        owner[e.language, e.query] = e.where
    assert not problems, "\n".join(problems)


def test_search_expectations_are_read_from_front_matter(tmp_path: Path) -> None:
    from tools.pages import search_expectations

    tmp_path = tmp_path / "docs"
    for lang in ("ko", "en"):
        (tmp_path / lang).mkdir(parents=True)
        (tmp_path / lang / "plain.md").write_text("# Plain\n")
    (tmp_path / "en" / "gates.md").write_text("---\nsearch_first_for: [LSTM, forget gate]\n"
                                              "---\n\n# Gates\n")
    assert [(e.language, e.query, e.page, e.where) for e in search_expectations(tmp_path)] == [
        ("en", "LSTM", "gates.md", "docs/en/gates.md"), ("en", "forget gate", "gates.md", "docs/en/gates.md")]
    (tmp_path / "en" / "gates.md").write_text("---\nsearch_first_for: LSTM\n---\n# Gates\n")
    with pytest.raises(ValueError, match=r"docs/en/gates\.md:1: search_first_for must be a list"):
        search_expectations(tmp_path)
    (tmp_path / "en" / "gates.md").write_text("---\n- LSTM\n---\n# Gates\n")
    with pytest.raises(ValueError, match=r"docs/en/gates\.md:1: front matter is not a mapping"):
        search_expectations(tmp_path)


@pytest.mark.full
def test_the_fence_runner_runs_every_python_fence_the_page_reader_sees(tmp_path: Path) -> None:
    """A python fence on a page is a test (pytest-markdown-docs); the root conftest.py stops a
    run whose runner collected another number of fences than the page reader counts."""
    import subprocess
    import sys

    from tests.test_generated import copy_of_the_repository

    repo = copy_of_the_repository(tmp_path)
    page = repo / "docs" / "en" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n```python\nassert 1 + 1 == 2\n```\n\n"
                    "```python notest\nraise SystemExit('never run')\n```\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "docs"], cwd=repo,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and "1 passed" in proc.stdout, proc.stdout[-2000:] + proc.stderr[-2000:]
