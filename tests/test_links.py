"""Links: linkchecker crawls the built site, both languages, served on 127.0.0.1, and finds no
broken link or #anchor, raw HTML included. Links that leave the site are not fetched
(tests/linkcheckerrc). A small broken site first proves the crawl would notice.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, require
from tools.dev.browser import built_pages, serve

pytestmark = pytest.mark.full  # linkchecker comes with the full install (requirements.txt)

CONFIG = ROOT / "tests" / "linkcheckerrc"


@dataclass
class Crawl:
    base: str
    returncode: int
    rows: list[dict[str, str]]
    stderr: str

    def broken(self) -> list[str]:
        """Invalid URLs, and URLs with a warning: a missing #anchor is only a warning to linkchecker."""
        return [f"{row['urlname']} (on {row['parentname'] or 'the start'}): {row['result']} {row['warningstring']}"
                for row in self.rows if row["valid"] != "True" or row["warningstring"]]

    def fetched(self) -> set[str]:
        return {row["url"].split("#")[0] for row in self.rows if row["result"].startswith("200")}


def linkchecker() -> str | None:
    exe = Path(sys.executable).with_name("linkchecker")
    return str(exe) if exe.exists() else shutil.which("linkchecker")


def crawl(site: Path, *starts: str) -> Crawl:
    exe = linkchecker()
    require(exe is not None, "linkchecker is not installed (`make install`)")
    assert exe is not None
    with serve(site) as base:
        # -v: every URL, valid or not, so the test can also see which pages were reached.
        proc = subprocess.run([exe, "--config", str(CONFIG), "--no-status", "-v", "-o", "csv",
                               *(base + start for start in starts)],
                              capture_output=True, text=True, timeout=600)
    lines = [line for line in proc.stdout.splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter=";"))
    return Crawl(base, proc.returncode, rows, proc.stderr)


def test_the_crawl_notices_a_broken_link_and_a_broken_anchor(tmp_path: Path) -> None:
    (tmp_path / "page").mkdir()
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><body><a href="page/#present">ok</a> <a href="page/#missing">anchor</a>'
        ' <a href="gone/">page</a> <a href="https://github.com/">outside, not fetched</a></body></html>')
    (tmp_path / "page" / "index.html").write_text('<!doctype html><html><body><h2 id="present">x</h2></body></html>')
    (tmp_path / "404.html").write_text("<!doctype html><html><body>404</body></html>")
    result = crawl(tmp_path, "")
    broken = "\n".join(result.broken())
    assert result.returncode == 1, broken or result.stderr
    assert "page/#missing" in broken and "gone/" in broken, broken
    assert "#present" not in broken and "github.com" not in broken, broken
    assert not any("github.com" in url for url in result.fetched()), "an outside link was fetched"


def test_no_broken_link_or_anchor_in_either_language(built_site: Path) -> None:
    result = crawl(built_site, "", "en/")
    broken = result.broken()
    assert result.returncode == 0 and not broken, (
        "linkchecker found broken links or anchors:\n  " + "\n  ".join(broken or [result.stderr]))
    missed = [page for page in built_pages(built_site) if result.base + page not in result.fetched()]
    assert not missed, f"the crawl never reached these pages (is anything linking to them?): {missed}"
