"""For every pytest run, also `pytest docs`: the fence runner (pytest-markdown-docs) reads pages
with the project's own reader, so what it runs as a fence is what the build renders as one."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from tools.pages import markdown_parser


@pytest.hookimpl(tryfirst=True)  # before the plugin's own CommonMark parser, however loaded
def pytest_markdown_docs_markdown_it() -> MarkdownIt:
    return markdown_parser()
