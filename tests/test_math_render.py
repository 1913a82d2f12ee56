"""Math rendered at build time (tools/math_render.py): static SVG with MathML, glyphs defined
once per page, a cache that keeps a warm build from starting node, TeX errors that fail
loudly. Needs Node.js and `npm ci` (mathjax-full); skips without them locally, fails in CI."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import require
from tools.math_render import USE, MathError, Renderer, installed_version, main, pinned_version

PAGE = """<!doctype html><html><head><title>t</title></head><body><article>
<p>The input at time step <span class="arithmatex">\\(x_t\\)</span> and 3 &lt; 4.</p>
<div class="arithmatex">\\[h_t = \\tanh(x_t W_x + h_{t-1} W_h + b), \\quad 0 &lt; t\\]</div>
</article></body></html>"""


@pytest.fixture
def renderer(tmp_path: Path) -> Iterator[Renderer]:
    require(shutil.which("node") is not None, "math rendering needs Node.js")
    require(installed_version() == pinned_version(), "math rendering needs `npm ci` (node_modules/mathjax-full)")
    made = Renderer(cache=tmp_path / "math")
    yield made
    made.close()


def marks(page: str) -> list[str]:
    return re.findall(r'<(?:span|div) class="arithmatex">(.*?)</(?:span|div)>', page, re.DOTALL)


def test_formulas_become_svg_with_mathml_and_glyphs_defined_once(renderer: Renderer) -> None:
    out = renderer.render_page(PAGE, "test page")
    inline, display = marks(out)
    for mark in (inline, display):
        assert mark.startswith("<mjx-container") and "<svg" in mark, mark[:120]
        assert "<mjx-assistive-mml" in mark and "<math" in mark, "no MathML for screen readers"
    assert 'display="true"' in display and 'display="true"' not in inline.split("<svg", 1)[0]
    assert "<mi>x</mi>" in inline and "<mi>t</mi>" in inline
    assert "<mo>&lt;</mo>" in display, "the escaped < must reach MathJax as <"
    assert "\\(" not in out and "\\[" not in out, "raw TeX left in the page"
    # Glyphs: one hidden <svg> per page, every glyph used is defined in it exactly once.
    assert out.count('id="MJX-SVG-global-cache"') == 1 and out.count('id="MJX-SVG-styles"') == 1
    defined = re.findall(r'<path id="(MJX-[^"]+)"', out)
    assert len(defined) == len(set(defined)), "a glyph defined twice"
    assert set(USE.findall(out)) == set(defined), "a glyph used but undefined, or defined but unused"
    assert "<defs>" not in inline + display, "each formula's own glyphs must move to the page's"
    assert out.index("MJX-SVG-styles") < out.index("</head>")


def test_page_without_math_is_left_alone(renderer: Renderer, tmp_path: Path) -> None:
    page = "<html><head></head><body><p>No formula; \\( in prose is no mark.</p></body></html>"
    assert renderer.render_page(page) == page
    assert renderer.started == 0, "a page without math must not start node"
    assert not (tmp_path / "math").exists()


def test_warm_render_starts_no_node_and_is_identical(renderer: Renderer, tmp_path: Path) -> None:
    cold = renderer.render_page(PAGE)
    assert renderer.started == 1
    renderer.close()
    warm_renderer = Renderer(cache=tmp_path / "math")
    try:
        assert warm_renderer.render_page(PAGE) == cold
        assert warm_renderer.started == 0, "every formula was cached: node must not start"
    finally:
        warm_renderer.close()


def test_display_and_inline_are_cached_apart(renderer: Renderer) -> None:
    page = ('<html><head></head><body><span class="arithmatex">\\(a_1\\)</span>'
            '<div class="arithmatex">\\[a_1\\]</div></body></html>')
    inline, display = marks(renderer.render_page(page))
    assert 'display="true"' in display and 'display="true"' not in inline
    assert len(list(renderer.folder.glob("*.json"))) == 2


def test_tex_error_fails_naming_the_page_and_formula(renderer: Renderer) -> None:
    page = '<html><head></head><body><span class="arithmatex">\\(\\frac{a}{\\)</span></body></html>'
    with pytest.raises(MathError, match=r"docs/ko/x\.md: \\\(\\frac\{a\}\{\\\): Missing close brace"):
        renderer.render_page(page, "docs/ko/x.md")


def test_hangul_in_text_is_not_spaced_out(renderer: Renderer) -> None:
    """Without a browser MathJax guesses the width of text its fonts lack; each Hangul
    character must advance by the size it is drawn at, or the word looks spaced out."""
    page = '<html><head></head><body><span class="arithmatex">\\(\\text{시점}\\)</span></body></html>'
    out = renderer.render_page(page)
    texts = re.findall(r'<text [^>]*transform="(?:translate\(([\d.]+),0\) )?scale\(1,-1\)"'
                       r'[^>]*font-size="([\d.]+)px"[^>]*>(.)</text>', out)
    assert [char for _, _, char in texts] == ["시", "점"], texts
    (_, size, _), (advance, _, _) = texts
    assert float(advance) == pytest.approx(float(size)), f"second character at {advance}, drawn at {size}px"


def test_rendering_twice_changes_nothing(renderer: Renderer) -> None:
    once = renderer.render_page(PAGE)
    assert renderer.render_page(once) == once


def test_command_renders_a_built_site_in_place(renderer: Renderer, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """For a builder that runs no MkDocs hooks: `python -m tools.math_render SITE`."""
    monkeypatch.setattr("tools.math_render.CACHE", tmp_path / "cli-cache")
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "page" / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "plain.html").write_text("<html><head></head><body>none</body></html>", encoding="utf-8")
    assert main([str(site)]) == 0
    assert "<mjx-container" in (site / "page" / "index.html").read_text(encoding="utf-8")
    assert (site / "plain.html").read_text(encoding="utf-8") == "<html><head></head><body>none</body></html>"


def test_built_site_ships_math_as_markup_only(built_site: Path) -> None:
    """The strict build: every formula static, no math script or font shipped at all."""
    assert not list(built_site.rglob("*mathjax*")) and not list(built_site.rglob("*katex*")), \
        "math assets copied into the site"
    with_math = 0
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        name = page.relative_to(built_site).as_posix()
        assert not re.search(r"<script[^>]+(mathjax|katex)", text, re.IGNORECASE), f"{name}: loads a math script"
        found = marks(text)
        if not found:
            assert "MJX-SVG" not in text, f"{name}: math stylesheet or glyphs on a page without math"
            continue
        with_math += 1
        raw = [mark[:60] for mark in found if not mark.startswith("<mjx-container")]
        assert not raw, f"{name}: formulas left as TeX: {raw[:3]}"
    assert with_math, "no page of the site has math: the check above checked nothing"

