"""Figures: drawn from img/figures.py and the stored run, up to date, small, shown in both languages.

No TensorFlow, no browser: figures are redrawn in memory from generated/outputs/*.json and
compared byte for byte with the committed SVGs (the browser test loads them in a browser).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from img import figures
from tools.generated import GeneratedError, figures_kind, sync
from tools.layout import DOCS, FIGURES, LANGUAGES, OUTPUTS, ROOT, rel
from tools.pages import parse
from tools.records import load_records
from tools.claims.shapes import check_svg

MAX_BYTES = 50_000
MARKER = re.compile(r"<!--\s*figure:\s*(?P<name>[\w-]+)\s*-->")
ALT = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)")
HANGUL = re.compile(r"[\uac00-\ud7af]")


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return figures.render_all()


def pages(lang: str) -> list[Path]:
    return sorted((DOCS / lang).rglob("*.md"))


def test_committed_figures_match_their_source() -> None:
    try:
        sync([figures_kind()], "check")
    except GeneratedError as exc:
        pytest.fail(str(exc))


def test_a_stale_figure_is_named_then_redrawn(tmp_path: Path) -> None:
    folder = tmp_path / "figures"
    shutil.copytree(FIGURES, folder)
    (folder / "rnn-unrolled.svg").write_text("<svg/>", encoding="utf-8")
    (folder / "return-sequences.svg").unlink()
    (folder / "retired.svg").write_text("<svg/>", encoding="utf-8")
    with pytest.raises(GeneratedError) as caught:
        sync([figures_kind(folder)], "check")
    message = str(caught.value)
    for name, why in (("rnn-unrolled.svg", "differs from what img/figures.py"), ("return-sequences.svg", "missing"),
                      ("retired.svg", "nothing makes it any more")):
        assert f"figures/{name}: {why}" in message and "(`make figures`)" in message, message
    sync([figures_kind(folder)], "auto", log=lambda _: None)
    sync([figures_kind(folder)], "check")  # redrawn: nothing left to report
    assert not (folder / "retired.svg").exists()


def test_drawing_is_deterministic(rendered: dict[str, str]) -> None:
    """Another process, another hash seed, gives the same bytes: a figure changes only when its
    source or the run does (not with set order, time or memory addresses)."""
    script = "import json, sys; from img import figures; json.dump(figures.render_all(), sys.stdout)"
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONHASHSEED": "12345"}, check=True)
    other = json.loads(proc.stdout)
    assert other.keys() == rendered.keys()
    differ = [name for name in rendered if other[name] != rendered[name]]
    assert not differ, f"drawn differently in two processes: {', '.join(differ)}"


def test_figures_follow_the_stored_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       rendered: dict[str, str]) -> None:
    """A shape that changes in the run changes the figure (and nothing is hard-coded)."""
    shutil.copytree(OUTPUTS, tmp_path, dirs_exist_ok=True)
    record_path = tmp_path / "return_sequences_and_state.json"
    record = json.loads(record_path.read_text(encoding="utf-8"))
    record["tensors"]["hidden_states"] = [7, 4, 3]
    record_path.write_text(json.dumps(record), encoding="utf-8")
    monkeypatch.setattr(figures, "OUTPUTS", tmp_path)
    redrawn = figures.render_all()
    assert "(7, 4, 3)<!-- shape: return_sequences_and_state:hidden_states -->" in redrawn["return-sequences.svg"]
    assert {n for n in rendered if redrawn[n] != rendered[n]} == {"return-sequences.svg"}


def drop(table: str, name: str) -> Callable[[dict], None]:
    return lambda record: record[table].pop(name)


def reshape(tensor: str, shape: list[int | None]) -> Callable[[dict], None]:
    return lambda record: record["tensors"].__setitem__(tensor, shape)


# A record that cannot give a figure what it draws: (record, how it is broken, what is said).
BROKEN_RECORDS = [
    ("return_sequences_and_state", None, r"return_sequences_and_state\.json is missing: run `make outputs`"),
    ("return_sequences_and_state", drop("tensors", "hidden_states"),
     r"generated/outputs/return_sequences_and_state\.json has no tensor `hidden_states` \(it has: "),
    ("start_and_end_tokens", drop("ints", "PAD"),
     r"generated/outputs/start_and_end_tokens\.json has no top-level int `PAD` \(it has: "),
    ("train_order_blind_and_rnn", drop("values", "chance_loss"),
     r"has no value `chance_loss`: bind it to a top-level name in snippets/train_order_blind_and_rnn\.py"),
    ("inside_the_rnn", reshape("table", [None, 64]), r"inside_the_rnn:table has a None dimension: \[None, 64\]"),
    ("inside_the_rnn", reshape("stacked_kernel", [1, 96, 32]), r"inside_the_rnn:stacked_kernel has rank 3, not 2"),
]


@pytest.mark.parametrize("snippet,break_it,said", BROKEN_RECORDS,
                         ids=["no-record", "no-tensor", "no-int", "no-value", "none-dimension", "wrong-rank"])
def test_a_record_a_figure_cannot_draw_from_is_named_in_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, snippet: str,
        break_it: Callable[[dict], None] | None, said: str) -> None:
    outputs = tmp_path / "outputs"
    shutil.copytree(OUTPUTS, outputs)
    path = outputs / f"{snippet}.json"
    if break_it is None:
        path.unlink()
    else:
        record = json.loads(path.read_text(encoding="utf-8"))
        break_it(record)
        path.write_text(json.dumps(record), encoding="utf-8")
    monkeypatch.setattr(figures, "OUTPUTS", outputs)
    with pytest.raises(GeneratedError, match=said) as caught:
        sync([figures_kind(tmp_path / "figures")], "check")
    assert str(caught.value).startswith("generated files cannot be made:\n  ")
    assert "Traceback" not in str(caught.value)


def test_a_wrong_shape_on_a_figure_fails_the_shape_check(tmp_path: Path, rendered: dict[str, str]) -> None:
    svg = tmp_path / "return-sequences.svg"
    text = rendered["return-sequences.svg"]
    right = "(1, 4, 3)<!-- shape: return_sequences_and_state:hidden_states -->"
    assert right in text
    svg.write_text(text.replace(right, right.replace("(1, 4, 3)", "(1, 4, 5)")), encoding="utf-8")
    errors = check_svg(svg, load_records())
    assert any("(1, 4, 5)" in e and "hidden_states" in e for e in errors), errors


def test_every_figure_passes_the_shape_check() -> None:
    records = load_records()
    errors = [e for svg in sorted(FIGURES.glob("*.svg")) for e in check_svg(svg, records)]
    assert not errors, "\n".join(errors)


def test_figures_are_marked_generated_and_small(rendered: dict[str, str]) -> None:
    for name, text in rendered.items():
        assert text.startswith(f"<!-- {figures.HEADER} -->\n<svg "), f"{name}: no generated-file header"
        size = len(text.encode("utf-8"))
        assert size < MAX_BYTES, f"docs/assets/figures/{name}: {size:,} bytes (limit {MAX_BYTES:,})"
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8")
    assert "docs/assets/figures/*.svg linguist-generated=true" in attributes


def test_words_on_figures_are_in_their_language(rendered: dict[str, str]) -> None:
    """Hangul only in .ko.svg; language-free figures carry no words of either language."""
    for name, text in rendered.items():
        words = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
        if name.endswith(".ko.svg"):
            assert HANGUL.search(words), f"{name}: drawn for Korean but has no Korean words"
        else:
            assert not HANGUL.search(words), f"{name}: Hangul in a figure that is not .ko.svg"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_image_a_page_references_exists(lang: str) -> None:
    missing = []
    for page in pages(lang):
        for line, src in parse(page).images:
            if re.match(r"[a-z]+:|/", src):
                missing.append(f"{rel(page)}:{line}: {src} is not a relative link the build checks")
            elif not (page.parent / src.split("#")[0]).resolve().is_file():
                missing.append(f"{rel(page)}:{line}: {src} does not exist")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_figure_is_shown_in_each_language(lang: str, rendered: dict[str, str]) -> None:
    shown: dict[str, list[str]] = {}
    for page in pages(lang):
        for line, src in parse(page).images:
            target = (page.parent / src).resolve()
            if target.parent == FIGURES.resolve():
                shown.setdefault(target.name, []).append(f"{rel(page)}:{line}")
    wanted = {name for name in rendered if not re.search(r"\.(ko|en)\.svg$", name) or
              name.endswith(f".{lang}.svg")}
    problems = [f"docs/assets/figures/{name} is shown on no docs/{lang}/ page"
                for name in sorted(wanted - set(shown))]
    problems += [f"{where}: shows {name}, drawn for another language"
                 for name, places in shown.items() if name not in wanted for where in places]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_figures_have_alt_text_in_the_page_language(lang: str) -> None:
    problems = []
    for page in pages(lang):
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            for image in ALT.finditer(line):
                alt = image.group("alt").strip()
                if not alt:
                    problems.append(f"{rel(page)}:{number}: {image.group('src')} has no alt text")
                elif (lang == "ko") != bool(HANGUL.search(alt)):
                    problems.append(f"{rel(page)}:{number}: alt text of {image.group('src')} "
                                    f"is not in {'Korean' if lang == 'ko' else 'English'}: {alt!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_figure_placeholder_is_left(lang: str) -> None:
    left = [f"{rel(page)}:{n}: placeholder for figure `{m.group('name')}`, not the figure"
            for page in pages(lang)
            for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1)
            for m in MARKER.finditer(line)]
    assert not left, "\n".join(left)
