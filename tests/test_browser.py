"""The site in a real browser: Debian's Chromium, driven by Playwright, on the strictly built site
served from 127.0.0.1 under the same path as on GitHub Pages.

Every page in both languages (found from docs/ko/*.md) is opened on a first visit and checked
the way a reader meets it: nothing requested beyond the site, no console error, math typeset,
every image loaded, the copy button copies the snippet, the edit link opens the page's own
source, the language switch lands on the same page, no sideways scrolling on a phone. Each
page is photographed light and dark, desktop and phone, into test-artifacts/screenshots/.
Search is asked the site's key terms in both languages. Without Chromium these tests skip
(locally) or fail (CI=true): see tests/conftest.py.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.conftest import ROOT, require
from tools.dev.browser import built_pages, guard, guarded_page
from tools.dev.page_cost import (COUNT, DOM_BUDGET, PageWeight, Quiet, first_visit, settle,
                                 weigh_page)
from tools.layout import DEFAULT_LANGUAGE, DOCS, LANGUAGES, URL_PREFIX, language_of, page_url
from tools.pages import search_expectations

pytestmark = pytest.mark.browser

PAGES = sorted(p.stem for p in (DOCS / DEFAULT_LANGUAGE).glob("*.md"))
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
REPO_EDIT = "https://github.com/rnn-docs/keras-rnn-structure/edit/main/docs/"

# Each key term, asked in the language of its readers, must list first the page that teaches it.
# Each page lists, in its front matter, the searches that must find it first
# (`search_first_for:`, tools/pages.py); overrides/main.html gives Pagefind these words as the
# page's `terms`, which rank like its title.
SEARCHES = [(e.language, e.query, e.page.removesuffix(".md")) for e in search_expectations()]

# Pagefind indexes the words inside an identifier too (return_state: return, state): each word
# finds the page that uses the identifier in its text, matched inside it. (The text, not the
# code: snippets are not indexed, tools/hooks/include_snippets.py; recurrent_kernel is only in
# code, so `kernel` finds the pages that say "kernel".)
IDENTIFIER_SEARCHES = [
    (lang, word, identifier, page)
    for lang in LANGUAGES
    for word, identifier, page in (("sequences", "return_sequences", "return-sequences-and-state"),
                                   ("state", "return_state", "return-sequences-and-state"),
                                   ("sequences", "pad_sequences", "start-and-end-tokens"))]

# Math is static SVG made at build time (tools/produce/math_render.py): a page that asks for any of
# these is loading a math renderer or its fonts.
MATH_ASSET = re.compile(r"mathjax|katex|tex-(chtml|svg|mml)|mjx", re.IGNORECASE)

# Draws what the page skips below the fold (docs/assets/extra.css: content-visibility: auto).
DRAW_ALL = ".md-typeset * { content-visibility: visible !important; }"

# Weights and DOM sizes measured on the first visit of each page, kept for the budget tests.
WEIGHTS: dict[str, PageWeight] = {}
ELEMENTS: dict[str, int] = {}


def page_path(lang: str, stem: str) -> str:
    """The page's path under the site root: '' , 'the-model/', 'en/', 'en/the-model/'."""
    return page_url(lang, f"{stem}.md")


@dataclass
class Watch:
    """Everything that went wrong while a page was open."""

    base: str
    errors: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught exception: {exc}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            self.errors.append(f"console error: {message.text} ({where})")

    def _failed(self, request: Any) -> None:
        if request.url.startswith(self.base):  # blocked outside requests are reported apart
            self.errors.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.errors.append(f"HTTP {response.status}: {response.url}")


@dataclass
class Visit:
    page: Any
    watch: Watch
    blocked: list[str]
    weight: PageWeight
    quiet: Quiet

    def problems(self) -> list[str]:
        blocked = [f"request left the site (blocked): {url}" for url in self.blocked]
        return self.watch.errors + blocked


@pytest.fixture
def visit(chromium: Any, served_site: str, built_site: Path) -> Iterator[Any]:
    """Open a page as a first-time reader: a fresh context, outside requests blocked and recorded."""
    origin = "/".join(served_site.split("/", 3)[:3])
    with contextlib.ExitStack() as contexts:  # a test may close one first: closing twice is fine

        def open_page(path: str, viewport: dict[str, int] = DESKTOP) -> Visit:
            page, record = contexts.enter_context(
                guarded_page(chromium, served_site, viewport=viewport, color_scheme="light"))
            page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
            watch = Watch(served_site)
            watch.attach(page)
            weight, quiet = first_visit(page, served_site, built_site, path)
            return Visit(page, watch, record.blocked, weight, quiet)

        yield open_page


def check_math(page: Any) -> list[str]:
    """Formulas are static SVG with hidden MathML for screen readers; no math script or font
    is requested, and a page without math carries no math markup or stylesheet at all. Each
    formula is one flat drawing (tools/produce/math_render.cjs), unless the build kept MathJax's own
    markup for it, whose glyphs must then be defined on the page."""
    requested = page.evaluate("""() => [...performance.getEntriesByType('resource').map(e => e.name),
        ...[...document.scripts].map(s => s.src)].filter(Boolean)""")
    problems = [f"math asset requested: {url}" for url in dict.fromkeys(requested) if MATH_ASSET.search(url)]
    if page.evaluate("() => 'MathJax' in window || 'katex' in window"):
        problems.append("a math script runs on the page")
    formulas = page.locator(".arithmatex").count()
    if formulas == 0:
        extra = page.evaluate("() => document.querySelectorAll('#MJX-SVG-styles').length")
        return problems + (["math stylesheet on a page without math"] if extra else [])
    broken = page.evaluate("""() => [...document.querySelectorAll('.arithmatex')].flatMap(el => {
        const tex = el.textContent.trim().slice(0, 60);
        const svg = el.querySelector(':scope > mjx-container > svg');
        const math = el.querySelector(':scope > mjx-container > mjx-assistive-mml > math');
        if (!svg) return [`not static SVG: ${tex || el.innerHTML.slice(0, 60)}`];
        const out = [];
        if (!math || !math.textContent.trim()) out.push(`no MathML for screen readers: ${el.innerHTML.slice(0, 60)}`);
        else if (getComputedStyle(math.parentElement).position !== 'absolute')
            out.push(`MathML shown beside its SVG (no stylesheet): ${math.textContent.slice(0, 40)}`);
        const missing = [...svg.querySelectorAll('use')].map(u => (u.getAttribute('href') ||
            u.getAttribute('xlink:href') || '').slice(1)).filter(id => !document.getElementById(id));
        if (missing.length) out.push(`glyphs not defined on the page: ${missing.slice(0, 3)}`);
        // Flat: paths, <text>, a clipped piece's <svg> and the <g> placing it; no node per MathML node.
        if (!svg.querySelector('use') && svg.querySelector('g:not(:has(> svg)), g > svg g, rect'))
            out.push(`drawing not flat: ${math ? math.textContent.slice(0, 40) : ''}`);
        const box = svg.getBBox();
        if (!(box.width > 0 && box.height > 0)) out.push(`formula draws nothing: ${math ? math.textContent : ''}`);
        return out;
    })""")
    problems += [f"math: {problem}" for problem in broken]
    raw = page.evaluate("""() => {
        const article = document.querySelector('article').cloneNode(true);
        // Code may hold \\( itself: code blocks, inline code, and a notebook cell's hidden copy source.
        article.querySelectorAll('pre, code, .clipboard-copy-txt').forEach(el => el.remove());
        return (article.textContent.match(/\\\\[(\\[]/g) || []).length;
    }""")
    if raw:
        problems.append(f"{raw} raw \\( or \\[ left in the page text")
    return problems


def check_same_page_anchors(page: Any) -> list[str]:
    """Links to #id on the same page (raw HTML too; the link crawl skips these) find their target."""
    missing = page.evaluate("""() => [...new Set([...document.querySelectorAll('a[href^="#"]')]
        .map(a => decodeURIComponent(a.getAttribute('href').slice(1))))]
        .filter(id => id && !document.getElementById(id))""")
    return [f"link to #{target} on the same page, which has no such id" for target in missing]


def check_images(page: Any) -> list[str]:
    broken = page.evaluate("""async () => {
        const images = [...document.images];
        for (const img of images) { img.loading = 'eager'; img.scrollIntoView(); }
        await Promise.all(images.map(img => img.decode().catch(() => null)));
        window.scrollTo(0, 0);
        return images.filter(img => !img.complete || img.naturalWidth === 0).map(img => img.src);
    }""")
    return [f"image not loaded: {src}" for src in broken]


def check_copy_buttons(page: Any) -> list[str]:
    """Each included snippet's copy button puts exactly the snippet file on the clipboard."""
    problems: list[str] = []
    blocks = page.locator(".highlight:has(> span.filename)")
    for i in range(blocks.count()):
        block = blocks.nth(i)
        title = block.locator("> span.filename").inner_text().strip()
        if not re.fullmatch(r"snippets/\w+\.py", title):
            continue
        page.evaluate("() => navigator.clipboard.writeText('')")
        block.hover()
        block.locator("button[data-md-type=copy]").click()
        copied = ""
        for _ in range(20):
            copied = page.evaluate("() => navigator.clipboard.readText()")
            if copied:
                break
            page.wait_for_timeout(50)
        expected = (ROOT / title).read_text(encoding="utf-8").rstrip()
        if copied != expected:
            same = len(os.path.commonprefix([copied, expected]))
            problems.append(f"copy button of {title} copied {len(copied)} chars, not the file's "
                            f"{len(expected)} (first difference at {same})")
    return problems


def check_edit_link(page: Any, lang: str, stem: str) -> list[str]:
    edit = page.locator("a[rel=edit]")
    if edit.count() != 1:
        return [f"{edit.count()} edit links, not 1"]
    href = edit.get_attribute("href")
    expected = f"{REPO_EDIT}{lang}/{stem}.md"
    return [] if href == expected else [f"edit link goes to {href}, not {expected}"]


def check_footer(page: Any, lang: str, stem: str, base: str) -> list[str]:
    """Previous/next links exist and stay in the page's language."""
    links = page.locator("nav.md-footer__inner a.md-footer__link").evaluate_all("els => els.map(e => e.href)")
    problems = [] if links else ["no previous/next links in the footer"]
    for href in links:
        inside = href[len(base):] if href.startswith(base) else href
        if language_of(inside) != lang:
            problems.append(f"footer link {href} leaves the {lang} pages")
    return problems


def check_phone_width(page: Any) -> list[str]:
    wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    return [f"page is {wide}px wider than a {PHONE['width']}px phone screen"] if wide > 0 else []


def check_formula_sizes(page: Any) -> list[str]:
    """On a phone every formula is drawn at its own size, not squeezed to fit (a display
    formula wider than the screen scrolls in its block): getBBox() alone would not see a
    formula laid out 1 px wide."""
    squeezed = page.evaluate("""() => [...document.querySelectorAll('.arithmatex > mjx-container > svg')]
        .flatMap(svg => {
            const drawn = svg.getBoundingClientRect();
            svg.style.maxWidth = 'none';
            svg.style.maxHeight = 'none';
            const own = svg.getBoundingClientRect();
            svg.style.maxWidth = svg.style.maxHeight = '';
            const math = svg.parentElement.querySelector('math');
            return drawn.width >= own.width - 0.5 && drawn.height >= own.height - 0.5 && drawn.width >= 2 ? []
                : [`${Math.round(drawn.width)}x${Math.round(drawn.height)} px, not ${Math.round(own.width)}x` +
                   `${Math.round(own.height)}: ${math ? math.textContent.slice(0, 40) : ''}`];
        })""")
    return [f"formula squeezed on a phone: {problem}" for problem in squeezed]


def set_scheme(page: Any, scheme: str) -> None:
    """Flip the palette with the header toggle, as a reader does."""
    current = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    if current != scheme:
        page.locator("form[data-md-palette] label:visible").first.click()
        page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{scheme}'")


def screenshots(page: Any, name: str) -> list[str]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for viewport, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        if viewport == "phone":
            problems += check_phone_width(page) + check_formula_sizes(page)
        for scheme, label in (("default", "light"), ("slate", "dark")):
            set_scheme(page, scheme)
            page.evaluate("() => window.scrollTo(0, 0)")
            page.wait_for_timeout(100)  # the palette's colour transition
            if label == "light":
                # The whole page: what lies below the fold too, which the page skips drawing
                # until it comes near the screen (content-visibility, docs/assets/extra.css).
                drawn = page.add_style_tag(content=DRAW_ALL)
                # JPEG: a chapter is 1280 x 30,000 px; PNG took twice as long to write, and more room.
                page.screenshot(path=SCREENSHOTS / f"{name}-{viewport}-{label}.jpg", full_page=True,
                                type="jpeg", quality=80)
                drawn.evaluate("style => style.remove()")
            else:
                page.screenshot(path=SCREENSHOTS / f"{name}-{viewport}-{label}.png")
        set_scheme(page, "default")
    page.set_viewport_size(DESKTOP)
    return problems


def check_language_switch(page: Any, lang: str, stem: str, base: str) -> list[str]:
    other = LANGUAGES[(LANGUAGES.index(lang) + 1) % len(LANGUAGES)]  # the next one in the selector
    page.locator(".md-header__option:has(.md-select) button").hover()
    link = page.locator(f".md-select a.md-select__link[hreflang={other}]")
    link.click()
    page.wait_for_load_state("load")
    expected = base + page_path(other, stem)
    landed = page.url.split("#")[0].split("?")[0]
    if landed != expected:
        return [f"language switch to {other} landed on {landed}, not {expected}"]
    if page.locator("html").get_attribute("lang") != other:
        return [f"language switch to {other} shows a page in {page.locator('html').get_attribute('lang')}"]
    return []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("stem", PAGES)
def test_page_as_a_reader_meets_it(visit: Any, served_site: str, lang: str, stem: str) -> None:
    path = page_path(lang, stem)
    seen = visit(path)
    page = seen.page
    problems = seen.problems()
    # A copy: the tracker goes on counting what later checks load (the language switch opens
    # the other language's page), which is no part of this page's first visit.
    WEIGHTS[path] = replace(seen.weight, by_kind=dict(seen.weight.by_kind), blocked=list(seen.weight.blocked))
    ELEMENTS[path] = page.evaluate(COUNT)[0]
    problems += check_math(page)
    problems += check_images(page)
    problems += check_same_page_anchors(page)
    problems += check_edit_link(page, lang, stem)
    problems += check_footer(page, lang, stem, served_site)
    problems += screenshots(page, f"{lang}-{stem}")  # before clicking: no toast, top of the page
    problems += check_copy_buttons(page)
    problems += check_language_switch(page, lang, stem, served_site)
    settle(page, seen.quiet)
    problems += [e for e in seen.problems() if e not in problems]
    assert not problems, f"/{path} (docs/{lang}/{stem}.md):\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_other_built_page_loads_clean(visit: Any, built_site: Path, lang: str) -> None:
    """Pages the site makes besides docs/ (the chapter notebooks): same rules for requests,
    errors, math, images and anchors, and the same weight budget."""
    chapters = {page_path(lang, stem) for stem in PAGES}
    others = [path for path in built_pages(built_site) if path not in chapters and language_of(path) == lang]
    assert others, f"no page built besides docs/ in {lang}"
    problems: list[str] = []
    for path in others:
        seen = visit(path)
        found = seen.problems() + check_math(seen.page) + check_images(seen.page)
        found += check_same_page_anchors(seen.page)
        found += seen.weight.problems()
        problems += [f"/{path}: {problem}" for problem in found]
        seen.page.context.close()
    assert not problems, "\n  ".join(["pages built besides docs/:", *problems])


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("stem", [p for p in PAGES if p != "index"])
def test_chapter_page_stays_under_the_weight_budget(chromium: Any, served_site: str, built_site: Path,
                                                     lang: str, stem: str) -> None:
    path = page_path(lang, stem)
    weight = WEIGHTS.get(path) or weigh_page(chromium, served_site, built_site, path)
    problems = weight.problems()
    assert not problems, f"/{path}: " + "; ".join(problems)


def test_code_classes_the_build_joins_look_alike(visit: Any) -> None:
    """tools/hooks/code_spans.py writes a token the theme draws in the code's own colour as bare text,
    and neighbouring tokens of one colour as one span: in both colour schemes each such class
    must look exactly like the code's plain text, or like the other classes of its group."""
    from tools.hooks.code_spans import GROUPS, PLAIN

    classes = sorted(PLAIN | {cls for group in GROUPS.values() for cls in group})
    seen = visit(page_path("en", "lstm-and-gru"))
    page = seen.page
    problems = []
    for scheme in ("default", "slate"):
        set_scheme(page, scheme)
        found = page.evaluate("""classes => {
            const code = document.querySelector('.md-typeset .highlight pre > code');
            const props = ['color', 'background-color', 'font-family', 'font-size', 'font-style',
                'font-weight', 'text-decoration-line', 'text-shadow', 'opacity', 'display', 'padding-left',
                'padding-right', 'margin-left', 'margin-right', 'border-left-width', 'box-shadow'];
            const style = cls => {
                const span = document.createElement('span');
                if (cls) span.className = cls;
                span.textContent = 'x';
                code.appendChild(span);
                const computed = getComputedStyle(span);
                const value = props.map(p => `${p}: ${computed.getPropertyValue(p)}`).join('; ');
                span.remove();
                return value;
            };
            return [style(''), Object.fromEntries(classes.map(cls => [cls, style(cls)]))];
        }""", classes)
        plain, styles = found
        problems += [f"{scheme}: .{cls} is drawn {styles[cls]}, plain code {plain}"
                     for cls in sorted(PLAIN) if styles[cls] != plain]
        for group, members in GROUPS.items():
            looks = {styles[cls] for cls in members}
            if len(looks) != 1:
                problems.append(f"{scheme}: the {group} classes {members} do not look alike: {sorted(looks)}")
        assert styles["mi"] != plain, "a number looks like plain code: the check sees no colour at all"
    assert not problems, "\n  ".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("stem", PAGES)
def test_page_stays_under_the_dom_budget(visit: Any, lang: str, stem: str) -> None:
    """A phone styles and lays out every element a page holds, again whenever the theme's
    script changes something: each page of docs/, home and glossary included, holds at most
    DOM_BUDGET elements once loaded (Lighthouse's count: <body>, shadow roots included).
    What the heavy chapters then cost in blocking time, against the plainest: `make bench`."""
    path = page_path(lang, stem)
    elements = ELEMENTS.get(path) or visit(path).page.evaluate(COUNT)[0]
    assert elements <= DOM_BUDGET, (
        f"/{path} (docs/{lang}/{stem}.md) holds {elements} elements once loaded, over the budget of "
        f"{DOM_BUDGET}: `python -m tools.dev.page_cost SITE --page {path}` shows where a phone's time goes")


# Records every change, while a page loads, to what every element's style depends on: the
# class of <html> (Material's `.js` and `.no-js` rules), the palette's attributes on <body>
# (data-md-color-switching is matched on every element) and <meta name="color-scheme">; each
# with its old value and whether the content below the header had been parsed by then.
WATCH_PAGE_WIDE = """(() => {
    const seen = window.__pageWide = [];
    new MutationObserver(records => {
        const content = !!document.querySelector('.md-content');
        for (const r of records) {
            const t = r.target;
            if (t === document.documentElement || t === document.body || t.matches('meta[name=color-scheme]'))
                seen.push([t.tagName.toLowerCase() + ' ' + r.attributeName, r.oldValue, content]);
        }
    }).observe(document, {attributes: true, subtree: true, attributeOldValue: true, attributeFilter: [
        'class', 'content', 'data-md-color-scheme', 'data-md-color-primary', 'data-md-color-accent',
        'data-md-color-media', 'data-md-color-switching']});
})()"""
PAGE_WIDE_NOW = """() => ({
    'html class': document.documentElement.getAttribute('class'),
    'meta content': document.querySelector('meta[name=color-scheme]')?.getAttribute('content') ?? null,
    ...Object.fromEntries(['scheme', 'primary', 'accent', 'media', 'switching'].map(
        key => ['body data-md-color-' + key, document.body.getAttribute('data-md-color-' + key)]))})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_start_up_restyles_nothing_already_drawn(chromium: Any, served_site: str, scheme: str) -> None:
    """On a phone, a change to <html>'s class, to the palette on <body> or to the colour scheme
    restyles every element drawn by then (issue 24: Material's palette script did it two or
    three times at start-up on the heaviest chapter). On a first visit in the system's light or
    dark scheme, each is set before the content below the header is parsed, and not changed
    after (the palette by overrides/partials/javascripts/palette.html, the class in main.html).
    A count of changes, not a time."""
    path = page_path("en", "lstm-and-gru")
    with guarded_page(chromium, served_site, viewport=PHONE, color_scheme=scheme) as (page, record):
        page.add_init_script(WATCH_PAGE_WIDE)
        page.goto(served_site + path, wait_until="load")
        page.wait_for_timeout(300)  # Material's script subscribes its components after load
        changes, final = page.evaluate("() => window.__pageWide"), page.evaluate(PAGE_WIDE_NOW)

    def what(key: str, value: str | None) -> Any:
        # <html>'s class: only the tokens stylesheets read (the focus-visible polyfill adds its own).
        return tuple(sorted(set((value or "").split()) & {"js", "no-js"})) if key == "html class" else value

    problems = []
    for key, now in final.items():
        values = {what(key, old) for k, old, content in changes if k == key and content} | {what(key, now)}
        if len(values) > 1:
            problems.append(f"{key}: {sorted(map(str, values))} while or after the content was parsed")
    assert final["body data-md-color-scheme"] == ("slate" if scheme == "dark" else "default"), final
    assert not record.blocked, record.blocked
    assert not problems, f"/{path} ({scheme}): " + "; ".join(problems)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_skipping_what_is_below_the_fold_changes_no_layout(visit: Any, viewport: dict[str, int]) -> None:
    """Paragraphs, code, display formulas and tables below the fold are drawn only near the
    screen (content-visibility: auto): once drawn, every block of the longest chapter must
    stand where it stands with everything drawn, and a link to a heading must land on it
    although what is above it was never drawn (it holds an estimated height)."""
    path = page_path("en", "lstm-and-gru")
    seen = visit(path, viewport)
    page = seen.page
    headings = page.evaluate("() => [...document.querySelectorAll('article h2[id]')].map(h => h.id)")
    place = """async () => {
        for (let y = 0; y < document.documentElement.scrollHeight; y += 300) {
            window.scrollTo(0, y);
            await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
        }
        return [...document.querySelectorAll('article > *')].map(
            el => Math.round(el.getBoundingClientRect().top + window.scrollY));
    }"""
    skipped = page.evaluate(place)
    page.add_style_tag(content=DRAW_ALL)
    drawn = page.evaluate(place)
    moved = [(i, a, b) for i, (a, b) in enumerate(zip(skipped, drawn, strict=True)) if abs(a - b) > 1]
    assert not moved, f"/{path}: blocks (index, top skipped, top drawn) stand elsewhere: {moved[:5]}"
    for heading in (headings[len(headings) // 2], headings[-1]):
        landed = visit(f"{path}#{heading}", viewport).page
        landed.wait_for_timeout(300)
        top = landed.evaluate(f"() => document.getElementById('{heading}').getBoundingClientRect().top")
        header = landed.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().height")
        assert header <= top <= header + 40, f"/{path}#{heading} scrolled the heading to {top}px, not under the header"
    assert not seen.watch.errors and not seen.blocked, seen.watch.errors + seen.blocked


def test_a_screen_reader_gets_what_is_not_drawn_yet(chromium: Any, served_site: str) -> None:
    """Skipping what is below the fold skips drawing it, not reading it: with a screen reader
    on (Chromium's renderer accessibility, as assistive technology turns it on), the longest
    chapter's accessibility tree holds every formula's MathML and every paragraph and code
    block on a first visit, as it does with everything drawn."""
    from collections import Counter

    from tools.dev.browser import CHROMIUM, CHROMIUM_FLAGS

    reader = chromium.browser_type.launch(executable_path=str(CHROMIUM), headless=True,
                                          args=[*CHROMIUM_FLAGS, "--force-renderer-accessibility"])
    problems = []
    try:
        for lang in LANGUAGES:
            path = page_path(lang, "lstm-and-gru")
            found = []
            for draw_all in (False, True):
                with guarded_page(reader, served_site, viewport=PHONE) as (page, _):
                    page.goto(served_site + path, wait_until="load")
                    if draw_all:
                        page.add_style_tag(content=DRAW_ALL)
                    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
                    roles = Counter(n.get("role", {}).get("value") for n in nodes if not n.get("ignored"))
                    kept = ("MathMLMath", "MathMLIdentifier", "paragraph", "code")
                    found.append({role: roles[role] for role in kept})
                    formulas = page.evaluate("() => document.querySelectorAll('.arithmatex').length")
            first_visit, drawn = found
            if first_visit != drawn or first_visit["MathMLMath"] != formulas:
                problems.append(f"/{path}: {formulas} formulas; a screen reader gets {first_visit} on a first "
                                f"visit, {drawn} with everything drawn")
    finally:
        reader.close()
    assert not problems, "\n  ".join(problems)


def wait_for_focus(page: Any, selector: str, timeout: float | None = None) -> None:
    focused = f"() => document.activeElement && document.activeElement.matches('{selector}')"
    page.wait_for_function(focused, timeout=timeout)


def open_search(page: Any) -> Any:
    """Press the header's search button (Pagefind's modal loads then); the search box."""
    page.locator("[data-search-open]").click()
    box = page.locator("pagefind-modal input.pf-input")
    box.wait_for(timeout=10000)
    wait_for_focus(page, "pagefind-modal input")
    return box


def search_results(page: Any, query: str) -> list[str]:
    """Type `query` into the open search box; the result links' paths, once they stop changing.
    A box that holds an earlier query is emptied first, and its results gone, so that what is
    read is this query's."""
    box = page.locator("pagefind-modal input.pf-input")
    if box.input_value():
        box.fill("")
        page.wait_for_function("""() => !document.querySelector('pagefind-modal .pf-result-link') &&
            !((document.querySelector('pagefind-modal .pf-summary') || {}).textContent || '').trim()""",
                               timeout=10000)
    box.fill(query)
    page.wait_for_function("""() => document.querySelector('pagefind-modal .pf-result-link') ||
        /(결과 없음|No results)/.test((document.querySelector('pagefind-modal .pf-summary') || {}).textContent || '')""",
                           timeout=10000)
    results: list[str] = []
    for _ in range(40):  # until the list stops changing
        page.wait_for_timeout(100)
        now = page.locator("pagefind-modal a.pf-result-link").evaluate_all("els => els.map(e => e.href)")
        if now == results:
            break
        results = now
    return [unquote(urlsplit(href).path) for href in results]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_lists_the_teaching_page_first(visit: Any, served_site: str, lang: str) -> None:
    """Every query a page of the language lists in `search_first_for:` finds that page first,
    and only pages of that language: typed in turn into one search box, as a reader searches
    again; each query that fails is named with its page."""
    seen = visit(page_path(lang, "index"))
    page = seen.page
    open_search(page)
    root = urlsplit(served_site).path
    queries = [(query, teacher) for language, query, teacher in SEARCHES if language == lang]
    assert queries, f"no page in {lang} lists search_first_for: queries"
    problems: list[str] = []
    for query, teacher in queries:
        pages = search_results(page, query)
        where = f"docs/{lang}/{teacher}.md:1 lists {query!r} in search_first_for"
        if not pages:
            problems.append(f"{where}; search finds nothing")
            continue
        # Each language has its own index (Pagefind's, by <html lang>): no result in the other one.
        other = [p for p in pages if language_of(p.removeprefix(root)) != lang]
        if other:
            problems.append(f"{where}; search lists pages of another language: {other[:3]}")
        expected = urlsplit(served_site + page_path(lang, teacher)).path
        if pages[0] != expected:
            shown = list(dict.fromkeys(p.removeprefix(root) or "/" for p in pages))[:3]
            problems.append(f"{where}; search lists first {shown[0]}; first results: {shown}")
    assert not problems, ("search does not list the teaching page first (move the query to the page "
                          "that teaches it, or make this page say the term in a heading):\n  "
                          + "\n  ".join(problems))
    assert not seen.watch.errors and not seen.blocked, seen.watch.errors + seen.blocked


# axe-core (npm, pinned in package.json): WCAG 2.0 and 2.1, levels A and AA, and axe's best
# practices (a named dialog, landmarks told apart, ...): no rule of any of these may fail.
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_violations(page: Any, where: str | None = None) -> list[str]:
    """axe-core's violations of AXE_TAGS in the element `where` (default: the document)."""
    page.add_script_tag(path=str(AXE))
    # resultTypes: only violations are read, so axe details no passing node (quicker).
    return page.evaluate("""async ([where, tags]) => (await axe.run(where || document,
            {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}))
        .violations.map(v => `${v.id} (${v.impact}) on ${v.nodes.length} element(s), e.g. ` +
            `${v.nodes[0].target.join(' ')}: ${(v.nodes[0].any[0] || v.nodes[0].all[0] || {}).message || v.help}`)""",
                         [where, AXE_TAGS])


def draw_stepper(page: Any) -> bool:
    """Scroll to the page's stepper, if it has one, until it is drawn: its data loads when the
    reader nears it."""
    if not page.locator("[data-stepper]").count():
        return False
    page.locator("[data-stepper]").scroll_into_view_if_needed()
    page.wait_for_selector("[data-stepper][data-ready]")
    return True


def each_page(chromium: Any, base: str, paths: list[str], scheme: str = "light") -> Iterator[Any]:
    """Each of `paths` loaded in turn in one desktop context: (path, page); once all are seen, no
    request may have left the site."""
    with guarded_page(chromium, base, viewport=DESKTOP, color_scheme=scheme) as (page, record):
        for path in paths:
            page.goto(base + path, wait_until="load")
            yield path, page
    assert not record.blocked, record.blocked


# What a query fetches, beyond what opening search does: Pagefind's index and the results' text.
SEARCH_DATA = re.compile(r"/pagefind/(index|fragment)/")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_loads_only_when_opened_and_its_index_only_with_a_query(visit: Any, lang: str) -> None:
    """A first visit fetches nothing of search (tools/dev/page_cost.py counts it); opening
    search fetches Pagefind's script, stylesheet and setup but no index; the first query fetches
    the parts of the index it needs, and the results answer from them."""
    seen = visit(page_path(lang, "inside-the-rnn"))
    page = seen.page
    fetched: list[tuple[str, int]] = []
    page.on("response", lambda response: fetched.append(
        (response.url, int(response.headers.get("content-length", 0)))))
    assert seen.weight.search == 0, f"the page fetched {seen.weight.search} bytes of search before it was opened"
    open_search(page)
    seen.quiet.wait(page)
    opened = [url for url, _ in fetched]
    assert any(url.endswith("pagefind-component-ui.js") for url in opened), f"opening search fetched {opened}"
    assert not [url for url in opened if SEARCH_DATA.search(url)], f"opening search fetched index data: {opened}"
    del fetched[:]
    for query, expected in (("LSTM", "lstm-and-gru"), ("GRU", "lstm-and-gru")):
        target = urlsplit(page.url).path.rsplit("/", 2)[0] + "/" + expected + "/"
        assert target in search_results(page, query), f"search for {query!r} does not list {target}"
    data = [url for url, _ in fetched if SEARCH_DATA.search(url)]
    assert data, "two queries fetched no index data: where did the results come from?"
    assert not seen.watch.errors and not seen.blocked, seen.watch.errors + seen.blocked


@pytest.mark.parametrize(("lang", "word"), [("ko", "게이트"), ("en", "gate")])
def test_a_search_result_highlights_the_words_on_its_page(visit: Any, served_site: str, lang: str,
                                                         word: str) -> None:
    """A result's link carries the query (`?highlight=`, decomposed: NFD, as Pagefind writes
    it); the page it opens marks each word in its text (pagefind-highlight.js, overrides/main.html)."""
    seen = visit(page_path(lang, "index"))
    open_search(seen.page)
    search_results(seen.page, word)
    link = seen.page.locator("pagefind-modal a.pf-result-link").first
    href = link.get_attribute("href") or ""
    assert "highlight=" in href, f"a result for {word!r} links {href} without the words to highlight"
    seen.page.goto(urljoin(seen.page.url, href), wait_until="load")
    marks = seen.page.locator("mark.pagefind-highlight")
    marks.first.wait_for(timeout=10000)
    texts = set(marks.evaluate_all("els => els.map(e => e.textContent.toLowerCase())"))
    assert texts and all(t.startswith(word) for t in texts), f"{href} marked {sorted(texts)[:5]}"
    assert not seen.watch.errors and not seen.blocked, seen.watch.errors + seen.blocked


@pytest.mark.parametrize(("lang", "word", "identifier", "page"), IDENTIFIER_SEARCHES,
                         ids=[f"{lang}-{word}-{identifier}" for lang, word, identifier, _ in IDENTIFIER_SEARCHES])
def test_search_finds_a_word_inside_an_identifier(visit: Any, served_site: str, lang: str, word: str,
                                                  identifier: str, page: str) -> None:
    """Pagefind's own search (pagefind.js in the language's bundle, its documented API): the
    page is found for the word, and among the words it matched is the identifier."""
    seen = visit(page_path(lang, "index"))
    target = urlsplit(served_site + page_path(lang, page)).path
    found = seen.page.evaluate("""async ([word, target]) => {
        const pagefind = await import(new URL('pagefind/pagefind.js', location.href).pathname);
        const search = await pagefind.search(word);
        const pages = await Promise.all(search.results.map(result => result.data()));
        const hit = pages.find(data => new URL(data.url, location.href).pathname === target);
        if (!hit) return {listed: pages.map(data => data.url)};
        const words = hit.content.split(/\\s+/);
        return {matched: hit.locations.map(at => words[at].toLowerCase())};
    }""", [word, target])
    assert "matched" in found, f"search for {word!r} ({lang}) does not find {target}; it finds {found['listed'][:5]}"
    assert any(identifier in w for w in found["matched"]), (
        f"search for {word!r} ({lang}) finds {target} but not inside {identifier}: it matched {found['matched'][:8]}")
    assert not seen.watch.errors and not seen.blocked, seen.watch.errors + seen.blocked


@pytest.mark.parametrize("scheme", ["default", "slate"], ids=["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_works_by_keyboard_alone_and_meets_wcag_21_aa(chromium: Any, served_site: str, lang: str,
                                                             scheme: str) -> None:
    """Tab to the header's search button and press Enter: the search box has the focus, named in
    the page's language; a query lists results; axe (the rules of the page test below) finds
    nothing wrong in the open search, light and dark; arrow down and Enter open the first
    result; back on the page, Escape closes search and the focus returns to the button."""
    require(AXE.is_file(), "axe-core is not installed (`make install` runs npm ci)")
    context = chromium.new_context(viewport=DESKTOP, color_scheme="dark" if scheme == "slate" else "light")
    record = guard(context, served_site)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(served_site + page_path(lang, "the-model"), wait_until="load")
    page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('[data-search-open]')"):
            break
    else:
        pytest.fail("Tab never reached the header's search button")
    page.keyboard.press("Enter")
    wait_for_focus(page, "pagefind-modal input", timeout=10000)
    name = page.evaluate("() => document.querySelector('pagefind-modal dialog').getAttribute('aria-label')")
    assert name == ("검색" if lang == "ko" else "search") or name.lower() == "search", name
    page.keyboard.insert_text("LSTM")
    page.locator("pagefind-modal a.pf-result-link").first.wait_for(timeout=10000)
    found = axe_violations(page, "pagefind-modal")
    assert not found, f"open search ({lang}, {scheme}):\n  " + "\n  ".join(found)
    first = page.locator("pagefind-modal a.pf-result-link").first.get_attribute("href")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == urlsplit(urljoin(page.url, first or "")).path, timeout=10000)
    page.locator("[data-search-open]").focus()
    page.keyboard.press("Enter")
    wait_for_focus(page, "pagefind-modal input", timeout=10000)
    page.keyboard.press("Escape")
    wait_for_focus(page, "[data-search-open]", timeout=5000)
    context.close()
    assert not record.blocked and not errors, record.blocked + errors


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_page_load_fetches_no_sitemap(visit: Any, served_site: str, lang: str) -> None:
    """Material's script fetches a sitemap.xml for each alternate link in a page's head; the head
    has none (overrides/main.html: the sitemap names each page's twins, the selector links them),
    so a reader's page load fetches none, and both sitemaps still answer."""
    import urllib.request

    sitemaps: list[str] = []
    seen = visit(page_path(lang, "the-model"))
    seen.page.on("request", lambda r: sitemaps.append(r.url) if r.url.endswith("sitemap.xml") else None)
    seen.page.reload(wait_until="networkidle")
    assert not sitemaps, f"/{page_path(lang, 'the-model')} fetched {sitemaps} on load"
    for other in LANGUAGES:
        with urllib.request.urlopen(served_site + page_path(other, "index") + "sitemap.xml") as answer:
            assert answer.status == 200
    assert not seen.watch.errors and not seen.blocked, seen.watch.errors + seen.blocked


@pytest.mark.parametrize("lang", LANGUAGES)
def test_missing_address_shows_a_404_page_in_its_language(visit: Any, served_site: str, lang: str) -> None:
    missing = page_path(lang, "no-such-page")
    seen = visit(missing)
    page = seen.page
    assert page.locator("html").get_attribute("lang") == lang, f"/{missing}: 404 page not in {lang}"
    assert "404" in page.locator("h1").inner_text()
    home = page.locator("article a").first.get_attribute("href")
    assert home and home.rstrip("/").endswith(urlsplit(served_site + page_path(lang, "index")).path.rstrip("/"))
    # The only error expected: the missing address itself answering 404 (and Chromium saying so).
    url = served_site + missing
    errors = [e for e in seen.watch.errors if e != f"HTTP 404: {url}" and not e.endswith(f"({url})")]
    if lang != LANGUAGES[0]:
        # GitHub Pages answers every missing address with the root 404.html, whose first
        # script hands /en/... over to /en/404.html: the requests that page had started are
        # aborted by that navigation, depending on timing. Only those may fail.
        assert page.url.endswith(f"/{lang}/404.html"), page.url
        errors = [e for e in errors if not (e.startswith("request failed:") and "net::ERR_ABORTED" in e)]
    assert not errors and not seen.blocked, errors + seen.blocked
    assert any(e.startswith("HTTP 404") for e in seen.watch.errors), "a missing page must answer 404"


@pytest.mark.parametrize("scheme", ["default", "slate"], ids=["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)  # four tests of about equal length: one per core
def test_every_page_meets_wcag_21_aa(chromium: Any, served_site: str, built_site: Path, lang: str,
                                     scheme: str) -> None:
    """axe-core on every built page of the language (chapters, home, glossary, notebooks, 404),
    in the light and the dark scheme, after the reader scrolled to the stepper where a page has
    one: any WCAG 2.1 A or AA violation, or any of axe's best-practice rules broken, fails,
    naming the page, the rule and an element."""
    require(AXE.is_file(), "axe-core is not installed (`make install` runs npm ci)")
    problems: list[str] = []
    pages = [path for path in built_pages(built_site) if language_of(path) == lang]
    assert pages, f"no built page in {lang}"
    pages.append(f"{URL_PREFIX[lang]}no-such-page/")
    for path, page in each_page(chromium, served_site, pages, "dark" if scheme == "slate" else "light"):
        page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
        draw_stepper(page)
        problems += [f"/{path}: {violation}" for violation in axe_violations(page)]
    assert not problems, f"WCAG 2.1 AA or best-practice violations ({lang}, {scheme}):\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_tab_stop_in_the_header_can_be_seen(visit: Any, lang: str, viewport: dict[str, int]) -> None:
    """Tab from the top of the page (the skip link) through the header: every element that
    takes the focus has a size on the screen (the palette's radio button is 0 px by design: its
    label shows the focus). Material's search results box was a 0-px Tab stop while search was
    closed."""
    seen = visit(page_path(lang, "the-model"), viewport)
    page = seen.page
    stops: list[dict[str, Any]] = []
    for _ in range(30):
        page.keyboard.press("Tab")
        stop = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el || !el.closest('.md-header, .md-skip')) return null;
            // The palette toggle is a hidden radio button; its label is what shows, with the ring.
            const shown = el.matches('.md-option') ? el.nextElementSibling : el;
            const box = shown.getBoundingClientRect();
            const style = getComputedStyle(shown);
            return {name: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`,
                    width: box.width, height: box.height, hidden: style.visibility !== 'visible'};
        }""")
        if stop is None:
            break
        stops.append(stop)
    else:
        pytest.fail("Tab never left the header")
    assert stops, "Tab reached nothing in the header"
    unseen = [f"{s['name']} ({s['width']:.0f}x{s['height']:.0f} px{', hidden' if s['hidden'] else ''})"
              for s in stops if s["width"] < 1 or s["height"] < 1 or s["hidden"]]
    assert not unseen, f"/{page_path(lang, 'the-model')}: Tab stops in the header nobody can see: {unseen}"
    assert not seen.watch.errors and not seen.blocked, seen.watch.errors + seen.blocked


# Text in the other language carries its own lang, so a screen reader reads it in that
# language's voice. On English pages: every run of Hangul, inline code too (an English voice
# cannot read Hangul at all). On Korean pages: four or more English words in a row, a sentence
# (an identifier, a list of letters, or an English term in parentheses after its Korean one is
# the page's own vocabulary; quoted error messages and outputs in code stay as written). On
# Korean pages code blocks (<pre>) are code, read as written; on English pages their Hangul is
# marked too (tools/hooks/code_spans.py). Text nobody is shown (display: none) is skipped.
OTHER_LANGUAGE_TEXT = r"""lang => {
    const pattern = lang === 'en' ? /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]+/
        : /[A-Za-z][A-Za-z'\u2019-]*(?: +[A-Za-z][A-Za-z'\u2019-]*){3,}/;
    const other = lang === 'en' ? 'ko' : 'en';
    const skip = 'script, style, svg, math, mjx-container, noscript, template' + (lang === 'ko' ? ', pre, code' : '');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const found = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest(skip) || !parent.checkVisibility()) continue;
        const run = node.textContent.match(pattern);
        if (!run) continue;
        const marked = parent.closest('[lang]');
        if (!marked || marked.getAttribute('lang') !== other) {
            const where = parent.id ? '#' + parent.id : parent.tagName.toLowerCase() +
                (parent.className && typeof parent.className === 'string' ? '.' + parent.className.split(' ')[0] : '');
            found.push(`${JSON.stringify(run[0].slice(0, 40))} in <${where}> (lang ${marked ? marked.getAttribute('lang') : 'none'})`);
        }
    }
    return found;
}"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_text_in_the_other_language_is_marked(chromium: Any, served_site: str, built_site: Path,
                                              language: str) -> None:
    """Every built page, with its stepper drawn: Hangul on an English page sits inside an
    element with lang="ko"; an English sentence on a Korean page inside one with lang="en"."""
    problems: list[str] = []
    pages = [path for path in built_pages(built_site) if language_of(path) == language]
    for path, page in each_page(chromium, served_site, pages):
        lang = page.locator("html").get_attribute("lang")
        assert lang == language, f"/{path}: <html lang={lang!r}>, but its address is the {language} site's"
        if draw_stepper(page):  # the stepper's words come with its data
            page.locator(".rnn-stepper__example").last.click()  # a sentence of the other language
        problems += [f"/{path}: {found}" for found in page.evaluate(OTHER_LANGUAGE_TEXT, lang)]
    assert not problems, "text in the other language without its lang:\n  " + "\n  ".join(problems)


# The theme's words on a page (titles, accessible names, placeholders, alt text, and the text of
# the header, footer, sidebars and search) in the page's language. A name that is no English
# word may stay: an acronym (GRU), an identifier (merge_mode, stateful=True), the repository
# (rnn-docs/keras-rnn-structure), or anything inside an element marked lang="en".
THEME_LABELS_IN_ENGLISH = r"""() => {
    const hangul = /[\u3130-\u318f\uac00-\ud7a3]/;
    const english = v => /[A-Za-z]{2}/.test(v) && !hangul.test(v) && !/^(?:[A-Z0-9]+|\S*[_=\/.]\S*)$/.test(v.trim());
    const inEnglish = el => (el.closest('[lang]') || {}).lang === 'en';
    // mkdocs-jupyter's template names its copy button "Copy to Clipboard" on every notebook
    // page; the notebook renderer (tools/hooks/notebook_pages.py) is where that can change.
    const skip = 'script, style, clipboard-copy';
    const found = [];
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
        if (el.closest(skip) || inEnglish(el)) continue;
        for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
            const value = el.getAttribute(name);
            if (value && english(value)) found.push(`${name}="${value}" on <${el.tagName.toLowerCase()}>`);
        }
    }
    const theme = '.md-header, .md-footer, pagefind-modal, .md-skip, .md-top, .md-sidebar, .md-source';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || !parent.closest(theme) || parent.closest(skip) || inEnglish(parent)) continue;
        if (english(node.textContent.trim())) found.push(`"${node.textContent.trim().slice(0, 40)}" in <${parent.tagName.toLowerCase()}>`);
    }
    return [...new Set(found)];
}"""


def test_the_korean_pages_have_no_english_theme_labels(chromium: Any, served_site: str, built_site: Path) -> None:
    """Every Korean page (chapters, glossary, notebooks, 404), after Material's script has
    added its buttons: the palette toggle, the headings' permalinks, the footer line and every
    other label of the theme are Korean (mkdocs.yml; mkdocs.en.yml has the English ones)."""
    problems: list[str] = []
    korean = [p for p in built_pages(built_site) if not p.startswith("en/")] + ["no-such-page/"]
    for path, page in each_page(chromium, served_site, korean):
        assert page.locator("html").get_attribute("lang") == "ko", f"/{path} is not a Korean page"
        problems += [f"/{path}: {found}" for found in page.evaluate(THEME_LABELS_IN_ENGLISH)]
    assert not problems, "English labels on Korean pages:\n  " + "\n  ".join(problems)
