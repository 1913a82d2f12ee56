"""Chapter notebooks: made from the pages, committed up to date, valid, runnable, and
rendered as notebooks (never raw JSON) in both languages of the built site."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import nbformat
import pytest

from tests.conftest import ROOT, has_tensorflow, require
from tests.test_generated import copy_of_the_repository
from tools.generated import PRODUCER_ERRORS, GeneratedError, notebooks_kind, sync
from tools.layout import DEFAULT_LANGUAGE, DOCS, LANGUAGES, NOTEBOOKS, Layout, built_file, notebook_url, page_url, rel
from tools.produce.notebooks import (Chapter, NotebookError, chapters, expected, headings,
                                    load_site, notebook_markdown, validate)
from tools.produce.outputs import RUN_ENV, compare_outputs
from tools.pages import page_body, parse
from tools.parts import shown
from tools.dev.browser import site_prefix

SITE = load_site()
CHAPTERS = chapters(SITE)
DEFAULT_CHAPTERS = [c for c in CHAPTERS if c.language == DEFAULT_LANGUAGE]
BUILD_ENV = {**os.environ, "GENERATED": "check", "NO_MKDOCS_2_WARNING": "1"}


def chapter_id(chapter: Chapter) -> str:
    return chapter.docs_path


def code_cells(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


# --- the committed notebooks (no TensorFlow) -------------------------------------------------

@pytest.fixture(scope="module")
def made() -> dict[Path, str]:
    """Every notebook as tools/produce/notebooks.py makes it now. Whether the committed ones are
    up to date, or why one cannot be made (then these skip), is said once by test_generated.py."""
    try:
        return expected(SITE)
    except PRODUCER_ERRORS as exc:
        pytest.skip(f"no notebook can be made now ({str(exc).splitlines()[0]}); "
                    f"tests/test_generated.py::test_every_generated_file_is_up_to_date names it")


def test_every_page_with_an_include_has_a_notebook() -> None:
    assert CHAPTERS, "no page includes a snippet"
    for language in LANGUAGES:
        for page in sorted((DOCS / language).rglob("*.md")):
            if parse(page).includes:
                chapter = Chapter(language, page.relative_to(DOCS / language).as_posix())
                assert chapter.notebook().is_file(), f"docs/{chapter.docs_path} has no {chapter.notebook()}"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=chapter_id)
def test_notebook_is_valid_and_shows_the_snippets_with_their_stored_outputs(chapter: Chapter,
                                                                          made: dict[Path, str]) -> None:
    path = chapter.notebook()
    validate(made[path], rel(path))
    notebook = nbformat.reads(made[path], as_version=4)
    items = shown(parse(chapter.source), f"docs/{chapter.docs_path}")
    setup, *cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert setup.metadata.get("jupyter", {}).get("source_hidden") is True, f"{path.name}: setup cell not folded"
    # One code cell per include: a whole snippet, or one part of one.
    assert len(cells) == len(items), f"{path.name}: {len(cells)} code cells for {len(items)} includes"
    for cell, item in zip(cells, items):
        if item.include.part is None:
            assert cell.source == (ROOT / item.include.target).read_text(encoding="utf-8").rstrip("\n"), \
                f"{path.name}: a code cell is not {item.include.target} as it is"
        else:  # the part as the page shows it, headed by the page's title for it
            assert cell.source == f"# {item.title}\n{item.code}".rstrip("\n"), \
                f"{path.name}: the cell of {item.include.written} is not that part as the page shows it"
        if not item.output:
            assert not cell.outputs, \
                f"{path.name}: {item.include.written} printed nothing, its cell shows output"
            continue
        [output] = cell.outputs
        assert output.output_type == "stream" and output.name == "stdout"
        assert output.text == item.output, f"{path.name}: {item.include.written} does not show its own output"
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            assert "<!--" not in cell.source, f"{path.name}: an HTML comment (shape tag?) left in the prose"
            assert not re.search(r"\{\s*#[\w-]+\s*\}", cell.source), f"{path.name}: a heading id left"
            assert not re.search(r"\]\((?!https?://)[^)]*\.md\b", cell.source), \
                f"{path.name}: a .md link left"


@pytest.mark.parametrize("chapter", DEFAULT_CHAPTERS, ids=chapter_id)
def test_code_cells_are_the_same_in_every_language(chapter: Chapter) -> None:
    """So running one language's notebooks tests them all."""
    for language in LANGUAGES:
        other = Chapter(language, chapter.page).notebook()
        if other.exists():
            assert code_cells(other) == code_cells(chapter.notebook()), \
                f"{rel(other)} and {rel(chapter.notebook())} differ in code"


def test_the_converter_rewrites_prose_and_leaves_code_as_it_is() -> None:
    """Comments, heading ids and page links are site markup, rewritten in prose; inside a
    fence or a `code span` the same characters are code, kept byte for byte."""
    code = ("```python\n"
            "## a comment {#not-an-id}\n"
            "y = x[i](j)  # [docs](the-model.md) <!-- kept -->\n"
            "```")
    page = ("## Heading {#heading-id}\n\n"
            "See [the model](the-model.md) and `x[i](j)` or `<!-- kept -->`.<!-- note -->\n\n" + code)
    text = notebook_markdown(page, "en/a.md", SITE)
    assert text.startswith("## Heading\n"), text
    assert "[the model](https://" in text and "<!-- note -->" not in text, text
    assert "`x[i](j)`" in text and "`<!-- kept -->`" in text, text
    assert text.endswith(code), text


def test_stale_missing_and_orphaned_notebooks_are_named(tmp_path: Path) -> None:
    root = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, root)
    first, second = CHAPTERS[0].notebook(root), CHAPTERS[-1].notebook(root)
    first.write_text(first.read_text(encoding="utf-8").replace("import", "imprt", 1), encoding="utf-8")
    second.unlink()
    (root / DEFAULT_LANGUAGE / "orphan.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(GeneratedError) as caught:
        sync([notebooks_kind(root)], "check")
    message = str(caught.value)
    assert f"{first.name}: differs from what tools/produce/notebooks.py makes now" in message
    assert f"{second.name}: missing" in message
    assert "orphan.ipynb: nothing makes it any more" in message and "make notebooks" in message
    sync([notebooks_kind(root)], "auto", log=lambda _: None)
    sync([notebooks_kind(root)], "check")  # rewritten: nothing left to report


@pytest.mark.parametrize("chapter", CHAPTERS[:1], ids=chapter_id)
def test_files_are_written_as_jupyter_writes_them(chapter: Chapter) -> None:
    """Written without nbformat (a warm build stays light), yet opening and saving a notebook in
    Jupyter must not change a byte."""
    text = chapter.notebook().read_text(encoding="utf-8")
    assert nbformat.writes(nbformat.reads(text, as_version=4)) + "\n" == text


def test_the_setup_cell_keeps_the_session_between_the_parts_of_one_snippet(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Before each cell the setup cell makes Keras forget earlier layers, so that layer names
    match the stored outputs, except before a part after a snippet's first (its cell is headed
    `# snippets/NAME.py:PART (k/n)`, k > 1): that part continues the script of the cell before."""
    import types

    from tools.produce.notebooks import SETUP_CELL
    from tools.parts import part_title

    registered: dict[str, Any] = {}
    shell = types.SimpleNamespace(events=types.SimpleNamespace(register=registered.__setitem__))
    monkeypatch.setattr(os, "environ", dict(os.environ))
    exec(SETUP_CELL, {"get_ipython": lambda: shell})
    cleared: list[int] = []
    monkeypatch.setitem(sys.modules, "keras", types.SimpleNamespace(
        backend=types.SimpleNamespace(clear_session=lambda: cleared.append(1))))
    before_cell = registered["pre_run_cell"]
    for source, forgets in ((f"# {part_title('snippets/a.py', 'first', 1, 3)}\nx = 1", True),
                            (f"# {part_title('snippets/a.py', 'second', 2, 3)}\ny = x", False),
                            (f"# {part_title('snippets/a.py', 'third', 3, 3)}\nprint(y)", False),
                            ('"""A snippet shown whole."""\nimport keras', True)):
        count = len(cleared)
        before_cell(types.SimpleNamespace(raw_cell=source))
        assert (len(cleared) > count) == forgets, f"{source.splitlines()[0]!r}: forgets={not forgets}"


def test_a_broken_notebook_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ipynb"
    broken.write_text('{"cells": [], "nbformat": 4}', encoding="utf-8")
    with pytest.raises(NotebookError, match="broken.ipynb: not a valid notebook"):
        validate(broken.read_text(encoding="utf-8"), rel(broken))


# --- the notebooks run (TensorFlow) ----------------------------------------------------------

ANSI = re.compile(r"\x1b\[[0-9;]*m")
TF_LOG = re.compile(r"^(?:[IWEF]\d{4} |\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+: [IWEF] )|oneDNN|absl::|cuda|XLA",
                    re.MULTILINE | re.IGNORECASE)


def shown_text(cell: nbformat.NotebookNode) -> tuple[str, str]:
    """(what the cell printed to stdout, as plain text; what it printed to stderr). Keras's
    model.summary() displays text/plain with colour codes in a kernel: it counts, uncoloured."""
    out, err = [], []
    for output in cell.outputs:
        if output.output_type == "stream":
            (out if output.name == "stdout" else err).append(output.text)
        elif output.output_type in ("display_data", "execute_result"):
            out.append(ANSI.sub("", output.data.get("text/plain", "")))
        elif output.output_type == "error":
            err.append("\n".join(output.traceback))
    return "".join(out), "".join(err)


@pytest.mark.tensorflow
@pytest.mark.parametrize("chapter", DEFAULT_CHAPTERS, ids=chapter_id)
def test_notebook_runs_top_to_bottom_and_prints_the_stored_outputs(chapter: Chapter, tmp_path: Path) -> None:
    require(has_tensorflow(), "TensorFlow is not installed: run `make install`")
    # A fresh kernel in a process of its own (nbconvert's CLI), with the snippet runner's
    # environment but WITHOUT TF_CPP_MIN_LOG_LEVEL: the notebook's setup cell must quiet
    # TensorFlow by itself, as it has to in Colab.
    env = {**os.environ, **RUN_ENV}
    env.pop("TF_CPP_MIN_LOG_LEVEL", None)
    proc = subprocess.run([sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute",
                           "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.allow_errors=False",
                           "--ExecutePreprocessor.kernel_name=python3", "--output-dir", str(tmp_path),
                           str(chapter.notebook())], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=900)
    name = rel(chapter.notebook())
    assert proc.returncode == 0, f"{name} does not run top to bottom:\n{proc.stderr[-4000:]}"
    executed = nbformat.read(tmp_path / chapter.notebook().name, as_version=4)
    cells = [c for c in executed.cells if c.cell_type == "code"]
    setup_out, setup_err = shown_text(cells[0])
    assert not setup_out and not setup_err, f"{name}: the setup cell printed {setup_out + setup_err!r}"
    # One cell per include; the parts of a snippet run one after another, as one script, and
    # each prints what its part printed in the snippet's run (a cut of the stored output).
    for cell, item in zip(cells[1:], shown(parse(chapter.source), f"docs/{chapter.docs_path}"), strict=True):
        snippet = item.include.written
        out, err = shown_text(cell)
        assert not TF_LOG.search(err), f"{name}: TensorFlow log lines in the output of {snippet}:\n{err}"
        if err:  # a library's own warning (not TensorFlow's log): worth seeing, not a failure
            warnings.warn(f"{name}: {snippet} wrote to stderr in a kernel:\n{err}", UserWarning, stacklevel=1)
        problem = compare_outputs(item.output, out)
        stored = rel(Layout().txt(item.include.name))
        assert problem is None, \
            f"{name}: the cell of {snippet} does not print what it printed in {stored}: {problem}"


# --- the built site --------------------------------------------------------------------------

BUILD = """\
import sys
from pathlib import Path
import jupyter_client.manager as manager
started = []
for cls in (manager.KernelManager, manager.AsyncKernelManager):
    for attr in ("start_kernel", "_async_start_kernel"):
        if hasattr(cls, attr):
            original = getattr(cls, attr)
            def spy(self, *a, _original=original, **k):
                started.append(1)
                return _original(self, *a, **k)
            setattr(cls, attr, spy)
from tools.site import build
try:
    code = build(Path(sys.argv[1]))
    if code:
        raise SystemExit(code)
finally:
    print("TF_IMPORTED=%s KERNELS=%d NBCONVERT=%s" % ("tensorflow" in sys.modules, len(started),
                                                      "nbconvert" in sys.modules))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The strict build, twice: the first may render notebooks (cold cache), the second must not."""
    out = tmp_path_factory.mktemp("notebook-site")
    reports = []
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-c", BUILD, str(out)], cwd=ROOT, env=BUILD_ENV,
                              capture_output=True, text=True, timeout=900)
        assert proc.returncode == 0, \
            f"mkdocs build --strict failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}"
        reports.append(proc.stdout + proc.stderr)
    return out, reports


@pytest.mark.full
def test_the_build_starts_no_kernel_and_imports_no_tensorflow(site: tuple[Path, list[str]]) -> None:
    cold, warm = site[1]
    assert "TF_IMPORTED=False KERNELS=0" in cold, cold[-500:]
    # Warm: every notebook of every language comes from the cache; the renderer is not even imported.
    assert "TF_IMPORTED=False KERNELS=0 NBCONVERT=False" in warm, warm[-500:]
    assert "notebooks: rendered" not in warm, warm


@pytest.mark.full
@pytest.mark.parametrize("chapter", CHAPTERS, ids=chapter_id)
def test_notebook_page_is_a_rendered_notebook(site: tuple[Path, list[str]], chapter: Chapter) -> None:
    stem = chapter.page[: -len(".md")]
    page = built_file(site[0], notebook_url(chapter.language, chapter.page))
    assert page.is_file(), f"{rel(chapter.notebook())}: no page {page.relative_to(site[0])}"
    html = page.read_text(encoding="utf-8")
    assert f'<html lang="{chapter.language}"' in html
    assert 'class="jupyter-wrapper"' in html and "jp-CodeCell" in html, f"{page}: not rendered as a notebook"
    assert '"cell_type"' not in html and '"nbformat"' not in html, f"{page}: raw notebook JSON"
    # The download is the committed notebook; Colab opens the committed one on GitHub.
    download = page.parent / chapter.notebook().name
    assert download.read_bytes() == chapter.notebook().read_bytes()
    assert f'href="{download.name}" download' in html
    assert SITE.colab_url(chapter.notebook()) in html
    # One shared stylesheet instead of 590 KB of CSS inlined on every notebook page.
    css = re.search(r'<link rel="stylesheet" href="([^"]*assets/notebooks\.css)">', html)
    assert css and (page.parent / css.group(1)).resolve().is_file(), f"{page}: no shared notebook CSS"
    # The page itself stays below what that CSS alone weighs (the heaviest is about 420 KB raw,
    # math carrying its glyphs); what a reader downloads, gzipped, is tests/test_browser.py's.
    assert len(html) < 590_000, f"{page}: {len(html):,} bytes, as much as the CSS it must not inline"
    # The language selector leads to the same notebook in each language.
    for language in LANGUAGES:
        assert f'href="{site_prefix()}{notebook_url(language, chapter.page)}" hreflang="{language}"' in html, \
            f"{page}: no {language} switch"
    # The setup cell folded, with its length in the summary; the lesson's cells are not.
    folded = re.findall(r'<details class="notebook-setup"><summary>[^<]+</summary>(.*?)</details>', html, re.DOTALL)
    assert len(folded) == 1 and "# Setup: run this cell first." in folded[0], f"{page}: setup cell not folded"
    # Every copy button named in the page's language (mkdocs-jupyter names it in English).
    buttons = re.findall(r"<clipboard-copy\b[^>]*>", html)
    named = f'aria-label="{SITE.label(chapter.language, "copy")}"'
    assert buttons and all(named in b for b in buttons), f"{page}: copy buttons {sorted(set(buttons))[:2]}"
    # The chapter's own heading ids, so #anchors mean the same on both pages.
    chapter_html = built_file(site[0], page_url(chapter.language, chapter.page)).read_text(encoding="utf-8")
    explicit = [anchor for _, _, anchor in headings(page_body(chapter.source))]
    assert re.findall(r'<h[1-6] id="([^"]+)"', html) == explicit, \
        f"{page}: heading ids differ from the page's"
    # The chapter page links to its notebook page and to Colab.
    assert re.search(rf'href="(\.\./)*notebooks/{re.escape(stem)}/"', chapter_html), \
        f"{stem}: no notebook link"
    assert SITE.colab_url(chapter.notebook()) in chapter_html


@pytest.mark.full
def test_no_notebook_is_served_as_raw_text(site: tuple[Path, list[str]]) -> None:
    for path in site[0].rglob("*.ipynb"):
        assert path.parent.joinpath("index.html").is_file(), f"{path.relative_to(site[0])} has no page"
    for path in site[0].rglob("index.html"):
        text = path.read_text(encoding="utf-8")
        assert '"cell_type": "code"' not in text, f"{path.relative_to(site[0])}: raw notebook JSON"


@pytest.mark.full
def test_a_missing_notebook_fails_the_strict_build_by_name(tmp_path: Path) -> None:
    """In CI (check mode) the build stops before rendering anything and names the file."""
    repo = copy_of_the_repository(tmp_path)
    victim = CHAPTERS[-1].notebook(repo / "generated" / "notebooks")
    victim.unlink()
    proc = subprocess.run([sys.executable, "-m", "tools.site", "build", "--site-dir",
                           str(tmp_path / "site")], cwd=repo, env=BUILD_ENV, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode != 0
    assert f"{victim.relative_to(repo).as_posix()}: missing" in proc.stdout + proc.stderr


def test_a_notebook_outside_a_clone_writes_the_data_it_reads(tmp_path: Path) -> None:
    """Colab or a downloaded copy has no data/ folder: the setup cell writes it with the
    repository's own script, and the files are the repository's, byte for byte."""
    readers = [c for c in CHAPTERS if "make_sentences.py" in code_cells(c.notebook())[0]]
    assert readers, "no notebook carries the data script, yet snippets read data/word_order/"
    setup = code_cells(readers[0].notebook())[0]
    data_part = setup[setup.index("# The data set this chapter reads"):]
    proc = subprocess.run([sys.executable, "-c", data_part], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0 and not proc.stdout and not proc.stderr, proc.stderr[-2000:]
    for tsv in sorted((ROOT / "data" / "word_order").glob("*.tsv")):
        written = tmp_path / "data" / "word_order" / tsv.name
        assert written.is_file(), f"{rel(readers[0].notebook())}: its setup cell did not write {written.name}"
        assert written.read_bytes() == tsv.read_bytes(), f"{written.name} differs from {rel(tsv)}"
