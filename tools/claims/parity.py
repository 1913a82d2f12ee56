"""Both languages are first class: the same pages, heading ids, includes and images.

Every heading needs an explicit id, the same in both languages, so that links and anchors
are the same in both.
"""

from __future__ import annotations

import re
from pathlib import Path

from tools.layout import DOCS, LANGUAGES
from tools.pages import Page, page_names, parse


def normalize_image(src: str) -> str:
    # NAME.ko.svg and NAME.en.svg are the same figure in two languages.
    return re.sub(r"\.(?:%s)\.(\w+)$" % "|".join(LANGUAGES), r".LANG.\1", src)


def missing_twins(docs: Path = DOCS) -> list[str]:
    """A page that exists in one language and not in another, said once per missing file."""
    errors = []
    for name in sorted(page_names(docs)):
        have = [lang for lang in LANGUAGES if (docs / lang / name).exists()]
        for lang in LANGUAGES:
            if lang not in have:
                errors.append(f"docs/{have[0]}/{name}:1: has no twin docs/{lang}/{name}; every page exists in "
                              f"every language (write it, or remove the page from every language and from nav)")
    return errors


def check_parity(docs: Path = DOCS) -> list[str]:
    errors: list[str] = missing_twins(docs)
    for name in sorted(page_names(docs)):
        paths = {lang: docs / lang / name for lang in LANGUAGES}
        if not all(p.exists() for p in paths.values()):
            continue  # said by missing_twins
        pages = {lang: parse(p) for lang, p in paths.items()}
        for page in pages.values():
            errors += check_page_rules(page)
        default = pages[LANGUAGES[0]]
        for other in (pages[lang] for lang in LANGUAGES[1:]):  # each against the default language
            errors += compare(default, other, "heading ids",
                              [(h.line, h.ident or "(none)") for h in default.headings],
                              [(h.line, h.ident or "(none)") for h in other.headings])
            errors += compare(default, other, "snippet includes",
                              [(i.line, i.ref) for i in default.includes],
                              [(i.line, i.ref) for i in other.includes])
            errors += compare(default, other, "images",
                              [(line, normalize_image(src)) for line, src in default.images],
                              [(line, normalize_image(src)) for line, src in other.images])
    return errors


def check_page_rules(page: Page) -> list[str]:
    errors = []
    for heading in page.headings:
        if heading.ident is None:
            errors.append(f"{page.where}:{heading.line}: heading `{heading.title}` has no explicit id; "
                          f"write it as `{heading.title} {{ #english-id }}`, the same id in both languages")
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
