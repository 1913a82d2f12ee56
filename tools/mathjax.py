"""MkDocs hook: serve MathJax 3 from the site itself, so math renders with no CDN.

MathJax is an npm dependency (package.json pins it; `npm ci` installs it into
node_modules/, which `make install` runs). This hook adds the files a page can ask for to
the build under assets/mathjax/: the combined TeX-to-CHTML component, the CHTML fonts, the
TeX extensions it autoloads, and the menu's accessibility parts. Nothing is copied into docs/
and nothing is committed. docs/assets/mathjax-config.js configures it for arithmatex
(generic mode) and loads it only on pages that have math.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from tools import ROOT  # noqa: E402

PACKAGE = ROOT / "node_modules" / "mathjax"
SOURCE = PACKAGE / "es5"
DEST = "assets/mathjax"
# What tex-chtml.js may request at view time, relative to es5/: fonts for CHTML output,
# autoloaded TeX packages, and what the right-click menu loads (explorer, speech rules).
WANTED = ("tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions", "a11y", "sre", "ui")


def pinned_version() -> str:
    deps = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    return str(deps["mathjax"])


def installed_version() -> str | None:
    meta = PACKAGE / "package.json"
    if not meta.is_file():
        return None
    return str(json.loads(meta.read_text(encoding="utf-8"))["version"])


def asset_paths() -> list[Path]:
    """Every file the site serves from MathJax, or an error naming the command that fixes it."""
    found, wanted = installed_version(), pinned_version()
    if found is None:
        raise PluginError("MathJax is not installed (node_modules/mathjax): run `npm ci` or `make install`")
    if found != wanted:
        raise PluginError(f"node_modules has MathJax {found}, package.json pins {wanted}: run `npm ci`")
    paths: list[Path] = []
    for name in WANTED:
        src = SOURCE / name
        paths.extend(sorted(p for p in src.rglob("*") if p.is_file()) if src.is_dir() else [src])
    return paths


def on_files(files: Files, config: Any) -> Files:
    for path in asset_paths():
        uri = f"{DEST}/{path.relative_to(SOURCE).as_posix()}"
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files
