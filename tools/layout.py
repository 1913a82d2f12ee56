"""Where everything lives: folders, languages, and the URL of a page. Tools, img/ and tests
import these; none of them spells a path, a language list or a page URL of its own.

The languages are read from mkdocs.yml, where the site declares them once: `theme.language`
is the default language (served at the site root) and `extra.alternate`, the language
selector, lists every language with its root. Standard library and PyYAML (which MkDocs
brings) only: img/ and the prose-only environment import this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
OUTPUTS = ROOT / "generated" / "outputs"
NOTEBOOKS = ROOT / "generated" / "notebooks"
FIGURES = DOCS / "assets" / "figures"
IMG = ROOT / "img"
CONFIG = ROOT / "mkdocs.yml"
REQUIREMENTS = ROOT / "requirements.txt"


def _declared_languages(config: Path = CONFIG) -> tuple[str, dict[str, str]]:
    """(default language, language -> URL prefix under the site root) from mkdocs.yml."""
    import yaml

    class Loader(yaml.SafeLoader):
        """mkdocs.yml may hold `!!python/name:` and `!ENV` tags; nothing read here uses them."""

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    with config.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader)  # noqa: S506 - a SafeLoader that ignores unknown tags
    default = str(data["theme"]["language"])
    links = {str(item["lang"]): str(item["link"]) for item in data["extra"]["alternate"]}
    if default not in links:
        raise ValueError(f"{CONFIG.name}: extra.alternate lists no link for theme.language {default!r}")
    root = links[default]
    prefixes = {lang: link.removeprefix(root) for lang, link in links.items()}
    for lang, link in links.items():
        if not link.startswith(root) or not re.fullmatch(r"(?:[\w-]+/)?", prefixes[lang]):
            raise ValueError(f"{CONFIG.name}: extra.alternate: {lang}'s link {link} is not a folder of {root}")
    return default, prefixes


# The default language is served at the site root, every other one under its folder (en/).
DEFAULT_LANGUAGE, URL_PREFIX = _declared_languages()
LANGUAGES = (DEFAULT_LANGUAGE, *[lang for lang in URL_PREFIX if lang != DEFAULT_LANGUAGE])


# The script a language is written in, where it is not Latin: a run of it inside code on
# another language's page is marked with that language (lang), so a screen reader changes voice.
SCRIPTS = {"ko": "[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]"}

def config_of(language: str) -> Path:
    """The MkDocs config that builds a language: mkdocs.yml, or mkdocs.LANG.yml inheriting it."""
    return CONFIG if language == DEFAULT_LANGUAGE else ROOT / f"mkdocs.{language}.yml"


def rel(path: Path | str) -> str:
    """A path as messages write it: relative to the repository root when it is inside it."""
    path = Path(path)
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:  # a fixture tree: name it from its docs/ folder on, else as given
        parts = path.parts
        if "docs" in parts:
            return "/".join(parts[len(parts) - 1 - parts[::-1].index("docs"):])
        return path.as_posix()


def page_url(language: str, page: str, anchor: str = "") -> str:
    """URL of a page, relative to the site root: ("ko", "the-model.md") -> "the-model/",
    ("en", "index.md") -> "en/", ("ko", "index.md") -> "" (use_directory_urls)."""
    stem = page.removesuffix(".md")
    path = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
    return URL_PREFIX[language] + path + (f"#{anchor}" if anchor else "")


def language_of(path: str) -> str:
    """The language of a site-relative URL path: "en/the-model/" -> "en", "the-model/" -> "ko"."""
    return next((lang for lang, prefix in URL_PREFIX.items() if prefix and path.startswith(prefix)),
                DEFAULT_LANGUAGE)


def notebook_url(language: str, page: str) -> str:
    """URL of a chapter's notebook page, relative to the site root: "en/notebooks/the-model/"."""
    return f"{URL_PREFIX[language]}notebooks/{page.removesuffix('.md')}/"


def built_file(site: Path, url: str) -> Path:
    """The HTML file of a site-relative URL in a built site."""
    return site / url.split("#")[0] / "index.html"


@dataclass
class Layout:
    """Where snippets and their outputs live; tests point it at fixture folders."""

    snippets: Path = SNIPPETS
    outputs: Path = OUTPUTS
    requirements: Path = REQUIREMENTS

    def snippet_paths(self) -> list[Path]:
        return sorted(p for p in self.snippets.glob("*.py") if not p.name.startswith("_"))

    def snippet(self, name: str) -> Path:
        return self.snippets / f"{name}.py"

    def txt(self, name: str) -> Path:
        return self.outputs / f"{name}.txt"

    def meta(self, name: str) -> Path:
        return self.outputs / f"{name}.json"


def nav_pages(config: Path = CONFIG) -> list[str]:
    """The pages of `nav:` in mkdocs.yml, in order, as language-neutral paths ("the-model.md")."""
    from mkdocs.utils import yaml_load  # MkDocs's own loader: it follows INHERIT as a build does

    with config.open(encoding="utf-8") as handle:
        nav = yaml_load(handle).get("nav") or []

    def walk(items: list) -> list[str]:
        found: list[str] = []
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            found += walk(value) if isinstance(value, list) else [value] if value.endswith(".md") else []
        return found

    return walk(nav)
