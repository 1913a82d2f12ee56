"""MkDocs hook: each page's math as static SVG, rendered at build time. Thin on purpose: the
rendering lives in tools/produce/math_render.py, which a builder without hooks runs on the site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from tools.layout import ROOT
from tools.produce.math_render import MathError, Renderer


class State:
    renderer: Renderer | None = None


def on_post_page(output: str, page: Any, config: Any) -> str:
    State.renderer = State.renderer or Renderer()  # one per process: serve keeps node running
    try:
        return State.renderer.render_page(output, source(page))
    except MathError as exc:
        raise PluginError(str(exc)) from None


def source(page: Any) -> str:
    """The file a page is made from, for errors: docs/ko/x.md, generated/notebooks/en/x.ipynb."""
    path = Path(page.file.abs_src_path or page.file.src_uri)
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else f"docs/{page.file.src_uri}"


def on_shutdown() -> None:
    if State.renderer is not None:
        State.renderer.close()
        State.renderer = None
