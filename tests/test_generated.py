"""Every generated file follows one freshness rule (tools/generated.py): stale files are named
with the command that refreshes them, refreshed where possible, and never written in CI."""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROSE_BUILD, has_tensorflow, require
from tools.generated import GeneratedError, Kind, Stale, all_kinds, data_kinds, sync
from tools.layout import FIGURES, ROOT, rel
from tools.produce.notebooks import NotebookError
from tools.produce.outputs import OutputError


def marked_generated() -> list[str]:
    """Every file .gitattributes marks linguist-generated (the repository's own list)."""
    patterns = [line.split()[0] for line in (ROOT / ".gitattributes").read_text(encoding="utf-8").splitlines()
                if "linguist-generated=true" in line and not line.startswith("#")]
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, check=True, capture_output=True,
                             text=True).stdout.splitlines()
    return sorted(f for f in tracked if any(fnmatch.fnmatch(f, p.replace("**", "*")) for p in patterns))


def test_every_generated_file_is_made_by_a_kind() -> None:
    """No generated file escapes the rule: each one marked generated is one a kind makes."""
    owned = {rel(path) for kind in all_kinds() for path in kind.files()}
    marked = marked_generated()
    assert marked, ".gitattributes marks no file generated"
    loose = [f for f in marked if f not in owned]
    assert not loose, "generated files no freshness rule covers:\n" + "\n".join(loose)


def test_every_generated_file_is_up_to_date() -> None:
    try:
        sync(how="check")
    except GeneratedError as exc:
        pytest.fail(str(exc))


def test_a_stale_data_file_is_named_with_its_command(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "word_order", data / "word_order")  # one data set, one kind
    [kind] = data_kinds(data)
    [tsv, *_] = sorted(data.glob("*/*.tsv"))
    tsv.write_text(tsv.read_text(encoding="utf-8").replace("\t", " ", 1), encoding="utf-8")
    with pytest.raises(GeneratedError, match=rf"{tsv.name}: differs from what .*make_sentences\.py makes now "
                                             r"\(`make sync`\)"):
        sync([kind], "check")
    sync([kind], "auto", log=lambda _: None)
    sync([kind], "check")


def copy_of_the_repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    names = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.splitlines()
    for name in names:
        if (ROOT / name).is_symlink() or (ROOT / name).is_file():  # docs/LANG/assets stays a link
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name, follow_symlinks=False)
    if (ROOT / "node_modules").exists() and not (repo / "node_modules").exists():
        (repo / "node_modules").symlink_to(ROOT / "node_modules")
    return repo


def run_in(repo: Path, *args: str, ci: bool = False) -> subprocess.CompletedProcess[str]:
    """`python ARGS` in a copy of the repository, as a contributor (or CI) runs it."""
    env = {name: value for name, value in os.environ.items() if name not in ("CI", "GENERATED")}
    env.update({"NO_MKDOCS_2_WARNING": "1", **({"CI": "true"} if ci else {})})
    return subprocess.run([sys.executable, *args], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=600)


@pytest.mark.full
def test_the_build_names_a_stale_figure_and_only_sync_redraws_it(tmp_path: Path) -> None:
    repo = copy_of_the_repository(tmp_path)
    figure = repo / FIGURES.relative_to(ROOT) / "rnn-unrolled.svg"
    committed = figure.read_text(encoding="utf-8")
    figure.write_text(committed.replace("tanh", "relu"), encoding="utf-8")
    build = ("-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site"))
    # Outside CI too: the build reads, names the file and the command, writes nothing.
    proc = run_in(repo, *build)
    said = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "docs/assets/figures/rnn-unrolled.svg: differs from what img/figures.py makes now (`make figures`)" \
        in said and "`make sync`" in said, said[-2000:]
    assert "relu" in figure.read_text(encoding="utf-8")
    proc = run_in(repo, "-m", "tools.generated")  # `make sync`: redrawn, with no TensorFlow needed
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert figure.read_text(encoding="utf-8") == committed
    assert "figures: rewrote docs/assets/figures/rnn-unrolled.svg" in proc.stdout + proc.stderr
    assert run_in(repo, *build).returncode == 0


@pytest.mark.full
@pytest.mark.parametrize("ci", [False, True], ids=["contributor", "ci"])
def test_a_missing_output_is_said_like_a_stale_one_in_one_line(tmp_path: Path, ci: bool) -> None:
    """A deleted output stops the build (a contributor's or CI's) with the same line as a
    changed snippet, and what is drawn from it waits: no traceback."""
    repo = copy_of_the_repository(tmp_path)
    for path in (repo / "generated" / "outputs").glob("start_and_end_tokens.*"):
        path.unlink()
    proc = run_in(repo, "-c", PROSE_BUILD, str(repo / "site"), ci=ci)  # without TensorFlow
    said = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "snippets/start_and_end_tokens.py: no stored output (`make outputs`)" in said, said[-3000:]
    assert "notebooks: wait for outputs" in said and "Traceback" not in said, said[-3000:]
    assert said.count("no stored output") == 1, said[-3000:]


@pytest.mark.full
def test_a_snippet_that_raises_loses_nothing_and_is_said_once(tmp_path: Path) -> None:
    """`make sync` re-running a broken snippet keeps its committed output byte for byte and
    names the snippet's line and the command, once."""
    require(has_tensorflow(), "TensorFlow is not installed")
    repo = copy_of_the_repository(tmp_path)
    snippet = repo / "snippets" / "start_and_end_tokens.py"
    lines = snippet.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith("embedded = embedding("))
    lines[number - 1] = "embedded = embedding(padded_posts)\n"  # the contributor's NameError
    snippet.write_text("".join(lines), encoding="utf-8")
    outputs = (repo / "generated" / "outputs").glob
    stored = {p.name: p.read_bytes() for p in outputs("start_and_end_tokens.*")}
    proc = run_in(repo, "-m", "tools.generated")  # `make sync`
    said = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert {p.name: p.read_bytes() for p in outputs("start_and_end_tokens.*")} == stored, \
        "the last good output changed"
    assert f"snippets/start_and_end_tokens.py:{number}: NameError: name 'padded_posts'" in said, said[-3000:]
    assert "kept as they were" in said and "`make outputs`" in said
    assert said.count("NameError: name 'padded_posts'") == 2, said  # the headline and the traceback's last line


def test_a_producer_error_is_one_line_and_what_is_drawn_from_it_waits() -> None:
    """A snippet that fails, or a page that includes no snippet, is said in its own words (no
    traceback); kinds drawn from a kind that is not fresh are not refreshed: they wait."""
    written: list[str] = []

    def fail(_: object) -> list[str]:
        raise OutputError("snippet failed:\nsnippets/x.py:3: NameError: name 'y' is not defined")

    def bad_page() -> list[Stale]:
        raise NotebookError("docs/en/x.md:23: includes snippets/nope.py, which is not a file snippets/NAME.py")

    outputs = Kind("outputs", "make outputs", lambda: [Stale("snippets/x.py", "changed")], fail, set)
    figures = Kind("figures", "make figures", lambda: [Stale("f.svg", "differs")],
                   lambda _: written.append("f.svg") or ["f.svg"], set, after=("outputs",))
    notebooks = Kind("notebooks", "make notebooks", bad_page, lambda _: [], set, after=("outputs",))
    with pytest.raises(GeneratedError) as caught:
        sync([outputs, figures, notebooks], "auto", log=lambda _: None)
    said = str(caught.value)
    assert said.startswith("generated files cannot be made:\n  snippet failed:\n  snippets/x.py:3: NameError")
    assert "  figures: wait for outputs" in said and "  notebooks: wait for outputs" in said
    assert not written, "a figure was drawn from outputs that failed to refresh"
    with pytest.raises(GeneratedError, match=r"docs/en/x\.md:23: includes snippets/nope\.py"):
        sync([notebooks], "check")
