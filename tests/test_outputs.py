"""The snippet-output pipeline: freshness without TensorFlow, and bad snippets failing loudly.

Whether the stored outputs are fresh is tests/test_generated.py's one freshness test (every
generated kind, each stale file named with its command); the tests here break copies.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest
from mkdocs.exceptions import PluginError

from tests.conftest import has_tensorflow, require
from tools.hooks import include_snippets as hooks
from tools.generated import GeneratedError, outputs_kind, sync
from tools.layout import REQUIREMENTS, SNIPPETS, Layout
from tools.produce.outputs import OutputError, find_stale, pinned_versions, refresh, run_snippets, sha256
from tools.records import load_record


def layout_in(root: Path, requirements: Path | None = None) -> Layout:
    """snippets/ and outputs/ under `root` (made empty unless they exist)."""
    layout = Layout(root / "snippets", root / "outputs", requirements or root / "requirements.txt")
    layout.snippets.mkdir(parents=True, exist_ok=True)
    layout.outputs.mkdir(exist_ok=True)
    return layout


@pytest.fixture(scope="session")
def _fresh_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Made once a session (hashing and writing every record); each test copies it."""
    root = tmp_path_factory.mktemp("fresh-outputs")
    shutil.copytree(SNIPPETS, root / "snippets")
    shutil.copy(REQUIREMENTS, root / "requirements.txt")
    layout = layout_in(root)
    pins = pinned_versions(layout.requirements)
    for path in layout.snippet_paths():
        if not (Layout().txt(path.stem).is_file() and Layout().meta(path.stem).is_file()):
            path.unlink()
            continue
        record = load_record(path.stem)
        text = Layout().txt(path.stem).read_text(encoding="utf-8")
        record.snippet_sha256, record.versions = sha256(path.read_bytes()), pins
        record.output_sha256 = sha256(text)
        layout.txt(path.stem).write_text(text, encoding="utf-8")
        layout.meta(path.stem).write_text(record.to_json(), encoding="utf-8")
    return root


@pytest.fixture
def site(tmp_path: Path, _fresh_copy: Path) -> Layout:
    """A copy of the real snippets and outputs, to break on purpose. Each record is stamped
    fresh in the copy: these tests break one thing each, whatever state the real tree is in
    (a stale output there fails tests/test_generated.py, once, and nothing else)."""
    shutil.copytree(_fresh_copy, tmp_path, dirs_exist_ok=True)
    return layout_in(tmp_path)


def test_changed_snippet_is_stale_and_named(site: Layout) -> None:
    path = site.snippets / "return_sequences_and_state.py"
    path.write_text(path.read_text() + "\nprint('changed')\n")
    with pytest.raises(GeneratedError, match=r"snippets/return_sequences_and_state\.py: .*changed.*make outputs"):
        sync([outputs_kind(site)], "check")


@pytest.mark.parametrize("path, old, new, reason", [
    ("outputs/return_sequences_and_state.txt", "(1, 4, 3)", "(1, 4, 4)", "edited by hand"),
    ("requirements.txt", "keras==3.15.1", "keras==3.99.0", "keras 3.15.1 -> 3.99.0"),  # every output
    ("snippets/return_sequences_and_state.py", None, None, "has no snippet"),  # deleted: an orphan
], ids=["hand-edited", "new-pinned-version", "orphan"])
def test_a_stale_output_says_why(site: Layout, path: str, old: str | None, new: str, reason: str) -> None:
    file = site.snippets.parent / path
    if old:
        file.write_text(file.read_text().replace(old, new))
    else:
        file.unlink()
    every = path == "requirements.txt"
    stale = find_stale(site)
    assert sorted(s.name for s in stale) == ([p.stem for p in site.snippet_paths()] if every
                                             else ["return_sequences_and_state"]), stale
    assert all(reason in s.reason for s in stale), stale


def test_without_tensorflow_a_stale_output_fails_with_the_command(site: Layout, monkeypatch) -> None:
    monkeypatch.setattr("tools.produce.outputs.tensorflow_available", lambda: False)
    (site.snippets / "new_idea.py").write_text("print(1)\n")
    with pytest.raises(GeneratedError, match=r"(?s)snippets/new_idea\.py: no stored output.*make outputs"
                                             r".*TensorFlow is not installed"):
        sync([outputs_kind(site)], "auto")


def write(folder: Path, name: str, code: str) -> Path:
    path = folder / f"{name}.py"
    path.write_text(code)
    return path


@pytest.mark.full
def test_raising_snippet_names_file_line_and_traceback(tmp_path: Path) -> None:
    broken = write(tmp_path, "broken", 'x = 1\nprint("before")\ny = x / 0\n')
    results, failures = run_snippets([broken])
    assert "broken" not in results and len(failures) == 1
    assert failures[0].startswith(f"{broken}:3: ZeroDivisionError: division by zero")
    assert "Traceback (most recent call last)" in failures[0] and "y = x / 0" in failures[0]


@pytest.mark.full
def test_failed_snippet_keeps_its_last_good_output(tmp_path: Path) -> None:
    """A run that raises writes nothing: the committed output stays byte for byte (so
    `git commit -a` cannot commit its deletion), and the message says so and what to run."""
    require(has_tensorflow(), "TensorFlow is not installed")
    layout = layout_in(tmp_path, REQUIREMENTS)
    write(layout.snippets, "broken", "raise ValueError('no')\n")
    layout.txt("broken").write_text("old output\n")
    layout.meta("broken").write_text('{"snippet": "snippets/broken.py"}\n')
    with pytest.raises(OutputError, match=r"(?s)broken\.py:1: ValueError: no.*outputs/broken\.txt and "
                                          r"\.json kept as they were.*`make outputs`"):
        refresh(layout, log=lambda _: None)
    assert layout.txt("broken").read_text() == "old output\n"
    assert layout.meta("broken").read_text() == '{"snippet": "snippets/broken.py"}\n'
    assert sorted(p.name for p in layout.outputs.iterdir()) == ["broken.json", "broken.txt"]  # no temp file


@pytest.mark.full
def test_a_missing_output_is_rewritten_and_named(tmp_path: Path) -> None:
    """With TensorFlow, a build that refreshes a missing output says which files it wrote."""
    require(has_tensorflow(), "TensorFlow is not installed")
    layout = layout_in(tmp_path, REQUIREMENTS)
    write(layout.snippets, "fine", "print('hello')\n")
    said: list[str] = []
    assert sync([outputs_kind(layout)], "auto", log=said.append) == [str(layout.txt("fine"))]
    assert layout.txt("fine").read_text() == "hello\n"
    assert any(f"wrote {layout.txt('fine')} and {layout.meta('fine')}" in line for line in said), said


@pytest.mark.full
def test_snippet_past_its_time_limit_is_stopped_by_name(tmp_path: Path) -> None:
    slow = write(tmp_path, "forever", "while True:\n    pass\n")
    fast = write(tmp_path, "after_it", "print('still runs')\n")
    results, failures = run_snippets([slow, fast], timeout=2)
    assert len(failures) == 1 and "forever.py: stopped after 2 s" in failures[0]
    assert results["after_it"].stdout == "still runs\n"


@pytest.mark.full
def test_a_snippet_that_kills_the_worker_is_named_and_the_rest_still_run(tmp_path: Path) -> None:
    dies = write(tmp_path, "dies", "import os\nprint('before')\nos._exit(3)\n")
    after = write(tmp_path, "after_it", "print('still runs')\n")
    results, failures = run_snippets([dies, after])
    assert len(failures) == 1 and "dies.py: the worker died (exit 3) while running it" in failures[0], failures
    assert "dies" not in results and results["after_it"].stdout == "still runs\n"


def test_missing_include_fails_naming_the_page() -> None:
    with pytest.raises(PluginError, match=r"docs/en/page\.md:3: includes snippets/nope\.py, which does not exist"):
        hooks.expand_includes("# T\n\n{* snippets/nope.py *}\n", "docs/en/page.md", {}, "en")


def test_snippet_printing_html_shows_text_not_markup(tmp_path: Path, monkeypatch) -> None:
    layout = layout_in(tmp_path, REQUIREMENTS)
    (layout.snippets / "html.py").write_text('print("<b>x</b> ```")\n')
    layout.txt("html").write_text("<b>x</b> ```\n")
    monkeypatch.setattr(hooks, "LAYOUT", layout)
    monkeypatch.setattr(hooks, "ROOT", tmp_path)
    text = hooks.expand_includes("{* snippets/html.py *}\n", "docs/en/p.md", {"en": "Output"}, "en")
    html = markdown.markdown(text, extensions=["pymdownx.superfences", "pymdownx.highlight"])
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


@pytest.mark.tensorflow
def test_runner_captures_stdout_and_shapes() -> None:
    require(has_tensorflow(), "TensorFlow is not installed")
    results, failures = run_snippets([SNIPPETS / "return_sequences_and_state.py"])
    assert not failures
    result = results["return_sequences_and_state"]
    assert result.tensors["hidden_states"] == [1, 4, 3]
    assert result.ints["units"] == 3
