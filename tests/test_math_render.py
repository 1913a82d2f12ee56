"""Math rendered at build time (tools/produce/math_render.py): static SVG with MathML, each formula
one flat drawing (a <path> for its glyphs, not a node per glyph) that looks as MathJax's own
markup looks, a cache that keeps a warm build from starting node, TeX errors that fail
loudly. Needs Node.js and `npm ci` (mathjax-full); skips without them locally, fails in CI.
The pixel comparison needs Chromium too."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, require
from tools.produce.math_render import (MARK, STYLES_ID, Formula, MathError, Renderer, formula_of,
                                       installed_version, main, pinned_version)

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


def page(body: str) -> str:
    return f"<html><head></head><body>{body}</body></html>"


def marks(html: str) -> list[str]:
    return re.findall(r'<(?:span|div) class="arithmatex"[^>]*>(.*?)</(?:span|div)>', html,
                      re.DOTALL)


def test_formulas_become_flat_svg_with_mathml(renderer: Renderer) -> None:
    out = renderer.render_page(PAGE, "test page")
    inline, display = marks(out)
    for mark in (inline, display):
        assert mark.startswith("<mjx-container") and "<svg" in mark, mark[:120]
        assert "<mjx-assistive-mml" in mark and "<math" in mark, "no MathML for screen readers"
        drawing = mark.split("<mjx-assistive-mml", 1)[0]
        # One <svg>, one <path> of glyphs: no node per MathML node or per glyph, no definitions.
        assert re.findall(r"<(\w+)", drawing) == ["mjx", "svg", "path"], drawing[:300]
        assert 'fill="currentColor"' in drawing, "the formula must take the text's colour"
        assert 'stroke-width="3"' in drawing, "glyphs are stroked as MathJax's stylesheet strokes them"
    assert 'display="true"' in display and 'display="true"' not in inline.split("<svg", 1)[0]
    assert "<mi>x</mi>" in inline and "<mi>t</mi>" in inline
    assert "<mo>&lt;</mo>" in display, "the escaped < must reach MathJax as <"
    assert "\\(" not in out and "\\[" not in out, "raw TeX left in the page"
    assert out.count(f'id="{STYLES_ID}"') == 1 and out.index(STYLES_ID) < out.index("</head>")
    assert "<use" not in out and "<defs>" not in out and "xlink" not in out
    # The display formula's box says its height (what it holds while the browser skips it).
    height = re.search(r'<svg [^>]*?height="([\d.]+ex)"', display).group(1)  # type: ignore[union-attr]
    assert f'<div class="arithmatex" style="--md-math-height: {height}">' in out
    assert '<span class="arithmatex">' in out, "an inline formula needs no height"


def test_fraction_bars_are_a_path_apart_and_colour_is_kept(renderer: Renderer) -> None:
    """Rules are drawn without the glyphs' stroke; a coloured part gets a path of its colour."""
    out = renderer.render_page(
        page('<div class="arithmatex">\\[\\frac{a}{b} + \\color{red}{c}\\]</div>'))
    (display,) = marks(out)
    paths = re.findall(r"<path([^>]*)>", display)
    assert len(paths) == 3, paths
    assert any('fill="red"' in p and 'stroke-width="3"' in p for p in paths), "no red glyph path"
    assert any("stroke-width" not in p and 'd="M' in p for p in paths), "no unstroked path for the bar"


def test_what_is_not_flattened_keeps_mathjaxs_markup(renderer: Renderer) -> None:
    """\\cancel draws a <line>, which is not flattened: the formula keeps MathJax's markup,
    with its glyphs defined inside it, so it still draws; the reason is recorded."""
    (rendered,) = renderer.render([Formula("\\cancel{x}", False)], "test").values()
    assert rendered.kept and "<line" in rendered.html and "<use" in rendered.html
    assert "<defs>" in rendered.html, "a kept formula must carry its own glyphs"


def test_page_without_math_is_left_alone(renderer: Renderer, tmp_path: Path) -> None:
    plain = page("<p>No formula; \\( in prose is no mark.</p>")
    assert renderer.render_page(plain) == plain
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
    both = page('<span class="arithmatex">\\(a_1\\)</span><div class="arithmatex">\\[a_1\\]</div>')
    inline, display = marks(renderer.render_page(both))
    assert 'display="true"' in display and 'display="true"' not in inline
    assert len(list(renderer.folder.glob("*.json"))) == 2


def test_tex_error_fails_naming_the_page_and_formula(renderer: Renderer) -> None:
    broken = page('<span class="arithmatex">\\(\\frac{a}{\\)</span>')
    with pytest.raises(MathError, match=r"docs/ko/x\.md: \\\(\\frac\{a\}\{\\\): Missing close brace"):
        renderer.render_page(broken, "docs/ko/x.md")


def test_hangul_in_text_is_not_spaced_out(renderer: Renderer) -> None:
    """Without a browser MathJax guesses the width of text its fonts lack; each Hangul
    character must advance by the size it is drawn at, or the word looks spaced out."""
    out = renderer.render_page(page('<span class="arithmatex">\\(\\text{시점}\\)</span>'))
    texts = re.findall(r'<text transform="translate\(([-\d.]+),[-\d.]+\)"[^>]*font-size="([\d.]+)px"[^>]*>(.)</text>',
                       out)
    assert [char for _, _, char in texts] == ["시", "점"], texts
    (first, size, _), (second, _, _) = texts
    assert float(second) - float(first) == pytest.approx(float(size)), \
        f"second character {float(second) - float(first)} after the first, drawn at {size}px"


def test_rendering_twice_changes_nothing(renderer: Renderer) -> None:
    once = renderer.render_page(PAGE)
    assert renderer.render_page(once) == once


def test_command_renders_a_built_site_in_place(renderer: Renderer, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """For a builder that runs no MkDocs hooks: `python -m tools.produce.math_render SITE`."""
    monkeypatch.setattr("tools.produce.math_render.CACHE", tmp_path / "cli-cache")
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "page" / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "plain.html").write_text(page("none"), encoding="utf-8")
    assert main([str(site)]) == 0
    assert "<mjx-container" in (site / "page" / "index.html").read_text(encoding="utf-8")
    assert (site / "plain.html").read_text(encoding="utf-8") == page("none")
    assert list((tmp_path / "cli-cache").rglob("*")), "the command wrote its cache elsewhere"


def test_built_site_ships_math_as_markup_only(built_site: Path) -> None:
    """The strict build: every formula static, no math script or font shipped at all."""
    assert not list(built_site.rglob("*mathjax*")) and not list(built_site.rglob("*katex*")), \
        "math assets copied into the site"
    with_math = 0
    for path in sorted(built_site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(built_site).as_posix()
        assert not re.search(r"<script[^>]+(mathjax|katex)", text, re.IGNORECASE), f"{name}: loads a math script"
        found = marks(text)
        if not found:
            assert "MJX-SVG" not in text, f"{name}: math stylesheet on a page without math"
            continue
        with_math += 1
        raw = [mark[:60] for mark in found if not mark.startswith("<mjx-container")]
        assert not raw, f"{name}: formulas left as TeX: {raw[:3]}"
    assert with_math, "no page of the site has math: the check above checked nothing"


def site_formulas() -> list[Formula]:
    """Every formula of the pages in docs/, marked as the build marks them (the site's own
    Markdown extensions, arithmatex among them)."""
    import markdown
    from mkdocs.config import load_config

    from tools.layout import DOCS, LANGUAGES
    from tools.pages import page_body

    config = load_config(str(ROOT / "mkdocs.yml"))
    found: dict[Formula, None] = {}
    for lang in LANGUAGES:
        for md in sorted((DOCS / lang).glob("*.md")):
            converter = markdown.Markdown(extensions=config["markdown_extensions"],
                                          extension_configs=config["mdx_configs"])
            for mark in MARK.finditer(converter.convert(page_body(md))):
                found[formula_of(mark.group("tex"))] = None
    return list(found)


# Each drawing rasterised on its own (an <img> of the <svg> alone, black on white) and the
# two compared pixel by pixel, at reading size (16 px to the em) and three times larger.
COMPARE = """async ({pairs, scale}) => {
  const draw = async (markup) => {
    const svg = new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement;
    const [, , w, h] = svg.getAttribute('viewBox').split(/[ ,]+/).map(Number);
    svg.setAttribute('width', w * scale);
    svg.setAttribute('height', h * scale);
    svg.setAttribute('color', 'black');
    const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svg)], {type: 'image/svg+xml'}));
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(w * scale) + 4;
    canvas.height = Math.ceil(h * scale) + 4;
    const g = canvas.getContext('2d');
    g.fillStyle = 'white';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, 2, 2);
    URL.revokeObjectURL(url);
    return g.getImageData(0, 0, canvas.width, canvas.height).data;
  };
  const out = [];
  for (const [tex, mathjax, flat] of pairs) {
    const a = await draw(mathjax), b = await draw(flat);
    let worst = 0, ink = 0;
    for (let i = 0; i < a.length; i += 4) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]), Math.abs(a[i + 3] - b[i + 3]));
      if (a[i] < 128) ink++;
    }
    out.push([tex, worst, ink, a.length === b.length]);
  }
  return out;
}"""


@pytest.mark.browser
def test_flat_drawing_looks_like_mathjaxs_markup(renderer: Renderer, chromium: object) -> None:
    """Every formula of the site, drawn flat and as MathJax's own markup (its stylesheet's glyph
    stroke included), in Chromium: no pixel may differ by half the range or more. Moving glyphs
    to whole units (1/1000 em) leaves anti-aliasing differences (under 70 of 255 here); a glyph
    missing, moved or scaled wrongly shows up as a pixel turned from ink to paper (255)."""
    formulas = site_formulas()
    flat = renderer.render(formulas, "docs")
    svg = re.compile(r"<svg.*</svg>(?=<mjx-assistive-mml)", re.DOTALL)
    stroke = ('<style>use[data-c], path[data-c] { stroke-width: 3 } '
              'g[data-mml-node="mtable"] > g > svg { overflow: visible }</style>')
    pairs = []
    for formula in [f for f in formulas if not flat[f].kept]:  # a kept one IS MathJax's markup
        html, glyphs = renderer.as_mathjax_draws_it(formula)
        defs = "".join(f'<path id="{gid}" d="{d}"></path>' for gid, d in glyphs.items())
        mathjax = svg.search(html).group(0).replace(">", f">{stroke}<defs>{defs}</defs>", 1)  # type: ignore[union-attr]
        pairs.append([formula.tex, mathjax, svg.search(flat[formula].html).group(0)])  # type: ignore[union-attr]
    assert len(pairs) > 50, f"only {len(pairs)} of the site's {len(formulas)} formulas are flat"
    tab = chromium.new_page()  # type: ignore[attr-defined]
    try:
        for scale in (0.016, 0.048):  # px per unit: 16 px to the em, and 48
            results = tab.evaluate(COMPARE, {"pairs": pairs, "scale": scale})
            bad = [f"{tex[:60]!r}: a pixel differs by {worst}" for tex, worst, ink, same in results
                   if worst >= 128 or not same or not ink]
            assert not bad, f"at {scale * 1000:.0f} px to the em:\n  " + "\n  ".join(bad)
    finally:
        tab.close()
