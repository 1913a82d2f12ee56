"""MkDocs hook: a 404 page in each language, at /404.html (Korean) and /en/404.html (English).

mkdocs-static-i18n renders every static template once per language into the same site
directory, so the last language built (English) overwrote the default language's 404.html
and /en/ had none. This keeps the default language's page at the root and writes each other
language's page under its own folder. overrides/404.html holds the text, and on the root page a
line that sends a missing /en/ address to /en/404.html (GitHub Pages only serves the root one).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# Rendered root 404 page of the default language, per site directory (`mkdocs serve` rebuilds).
_DEFAULT_PAGE: dict[str, str] = {}


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    if template_name != "404.html":
        return output_content
    i18n = config.plugins.get("i18n")
    current = getattr(i18n, "current_language", None)
    default = getattr(i18n, "default_language", None)
    if i18n is None or current is None or current == default:
        _DEFAULT_PAGE[config.site_dir] = output_content
        return output_content
    target = Path(config.site_dir) / current / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output_content, encoding="utf-8")
    # What MkDocs writes to the root: the default language's page, rendered just before.
    return _DEFAULT_PAGE.get(config.site_dir, "")
