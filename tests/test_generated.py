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

from tools.generated import GeneratedError, all_kinds, data_kinds, sync
from tools.layout import FIGURES, ROOT, rel


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
    shutil.copytree(ROOT / "data", data)
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
        if (ROOT / name).is_symlink():  # docs/LANG/assets -> ../assets
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            (repo / name).symlink_to(os.readlink(ROOT / name))
        elif (ROOT / name).is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    if (ROOT / "node_modules").exists() and not (repo / "node_modules").exists():
        (repo / "node_modules").symlink_to(ROOT / "node_modules")
    return repo


@pytest.mark.full
def test_the_build_redraws_a_stale_figure_and_ci_names_it(tmp_path: Path) -> None:
    repo = copy_of_the_repository(tmp_path)
    figure = repo / FIGURES.relative_to(ROOT) / "rnn-unrolled.svg"
    committed = figure.read_text(encoding="utf-8")
    figure.write_text(committed.replace("tanh", "relu"), encoding="utf-8")

    def build(mode: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "GENERATED": mode, "NO_MKDOCS_2_WARNING": "1"}
        env.pop("CI", None)
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                               str(tmp_path / "site")], cwd=repo, env=env, capture_output=True, text=True,
                              timeout=600)

    proc = build("check")  # as in CI: nothing written, the file and the command named
    assert proc.returncode != 0
    assert "docs/assets/figures/rnn-unrolled.svg: differs from what img/figures.py makes now (`make figures`)" \
        in proc.stdout + proc.stderr, proc.stderr[-2000:]
    assert "relu" in figure.read_text(encoding="utf-8")
    proc = build("auto")  # a contributor's build: redrawn, with no TensorFlow needed
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert figure.read_text(encoding="utf-8") == committed
    assert "generated: figures: rewrote docs/assets/figures/rnn-unrolled.svg" in proc.stdout + proc.stderr
