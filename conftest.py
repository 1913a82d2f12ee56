"""For every pytest run, also `pytest docs`: the fence runner (pytest-markdown-docs) reads pages
with the project's own reader, so what it runs as a fence is what the build renders as one.
A run that collects docs/ must collect every runnable fence the page reader sees: a fence the
runner silently missed would be a test that cannot fail."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tools.pages import markdown_parser, parse

DOCS = Path(__file__).resolve().parent / "docs"
RUNNABLE = {"python", "python3", "py"}  # what pytest-markdown-docs runs (`notest` opts out)


@pytest.hookimpl(tryfirst=True)  # before the plugin's own CommonMark parser, however loaded
def pytest_markdown_docs_markdown_it() -> MarkdownIt:
    return markdown_parser()


def runnable_fences(docs: Path = DOCS) -> list[str]:
    """file:line of every fence in docs/ that the fence runner must run."""
    found = []
    for path in sorted(docs.rglob("*.md")):
        page = parse(path)
        for fence in page.fences:
            words = fence.info.split()
            if words and words[0] in RUNNABLE and "notest" not in words:
                found.append(f"{page.where}:{fence.line}")
    return found


@pytest.hookimpl(tryfirst=True)  # before -m/-k deselect anything
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list) -> None:
    if not config.getoption("markdowndocs", default=False):
        return
    if not any(Path(arg.split("::")[0]).resolve() == DOCS for arg in config.args):
        return  # docs/ was not asked for (`pytest tests/test_x.py`)
    expected = runnable_fences()
    collected = [item for item in items if Path(str(item.path)).resolve().is_relative_to(DOCS)]
    if len(collected) != len(expected):
        raise pytest.UsageError(
            f"the fence runner collected {len(collected)} test(s) from docs/, but the pages hold "
            f"{len(expected)} runnable python fence(s): " + ", ".join(expected or ["none"]))
