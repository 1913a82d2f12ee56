"""Both languages are first class: the same pages, heading ids, includes and images.

Also the rule that keeps every inline Python fence tested: pytest-markdown-docs does not
collect fences inside admonitions or content tabs (it skips them silently), so a Python
fence must start at the left margin; anything indented is refused here, by name.
"""

from __future__ import annotations

import re
from pathlib import Path

from tools.pages import DOCS, LANGUAGES, Page, page_names, parse

PYTHON_INFO = re.compile(r"^(?:\{\s*\.?)?(?:python|py|pycon)\b")


def normalize_image(src: str) -> str:
    # NAME.ko.svg and NAME.en.svg are the same figure in two languages.
    return re.sub(r"\.(?:%s)\.(\w+)$" % "|".join(LANGUAGES), r".LANG.\1", src)


def check_parity(docs: Path = DOCS) -> list[str]:
    errors: list[str] = []
    ko, en = LANGUAGES
    for name in sorted(page_names(docs)):
        paths = {lang: docs / lang / name for lang in LANGUAGES}
        missing = [lang for lang, p in paths.items() if not p.exists()]
        if missing:
            have = next(lang for lang in LANGUAGES if lang not in missing)
            errors.append(f"docs/{have}/{name}: has no twin docs/{missing[0]}/{name}")
            continue
        pages = {lang: parse(p) for lang, p in paths.items()}
        for page in pages.values():
            errors += check_page_rules(page)
        errors += compare(pages[ko], pages[en], "heading ids",
                          [(line, ident or "(none)") for line, ident, _ in pages[ko].headings],
                          [(line, ident or "(none)") for line, ident, _ in pages[en].headings])
        errors += compare(pages[ko], pages[en], "snippet includes", pages[ko].includes, pages[en].includes)
        errors += compare(pages[ko], pages[en], "images",
                          [(line, normalize_image(src)) for line, src in pages[ko].images],
                          [(line, normalize_image(src)) for line, src in pages[en].images])
    return errors


def check_page_rules(page: Page) -> list[str]:
    errors = []
    for line, ident, title in page.headings:
        if ident is None:
            errors.append(f"{page.where}:{line}: heading `{title}` has no explicit id; "
                          f"write it as `{title} {{ #english-id }}`, the same id in both languages")
    for fence in page.fences:
        if PYTHON_INFO.match(fence.info) and fence.indent:
            errors.append(f"{page.where}:{fence.line}: indented python fence (in an admonition, tab or "
                          f"list): pytest-markdown-docs would skip it; move it to the left margin "
                          f"or into a snippet")
    return errors


def compare(a: Page, b: Page, what: str, left: list[tuple[int, str]], right: list[tuple[int, str]]) -> list[str]:
    """Same items in the same order; name the first place they part."""
    for index in range(max(len(left), len(right))):
        x = left[index] if index < len(left) else None
        y = right[index] if index < len(right) else None
        if x is None or y is None or x[1] != y[1]:
            where_a = f"{a.where}:{x[0]}" if x else f"{a.where} (end)"
            where_b = f"{b.where}:{y[0]}" if y else f"{b.where} (end)"
            return [f"{what} differ between {where_a} ({x[1] if x else 'nothing'}) and "
                    f"{where_b} ({y[1] if y else 'nothing'})"]
    return []
