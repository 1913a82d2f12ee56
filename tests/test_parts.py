"""Code in steps (tools/parts.py): a snippet cut into parts by `# %% NAME` lines, run whole,
shown on a page one part at a time, each followed by its own output; one test per rule."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from mkdocs.exceptions import PluginError

from tools.hooks import include_snippets as hooks
from tools.layout import DOCS, LANGUAGES, SNIPPETS, Layout
from tools.produce.outputs import run_snippets, sha256
from tools.pages import parse, parse_text
from tools.parts import MAX_LINES, MAX_WIDTH, PartError, check, parse_snippet, read_snippet, width
from tools.records import Record, load_record, stored_output

DEMO = '''\
"""A demo in parts: the docstring comes before the first part."""

# %% define
import threading


def shout(x):
    print("shout", x)


print("defined")

# %% quiet
y = 2

# %% call
shout(y)  # defined in the first part, printing in this one
worker = threading.Thread(target=shout, args=(3,))
worker.start()
worker.join()
print("called")

# %% for-the-site
site_value = y * 21
'''


def test_markers_cut_a_snippet_into_named_parts() -> None:
    snippet = parse_snippet(DEMO, "snippets/demo.py")
    assert snippet.names == ["define", "quiet", "call", "for-the-site"]
    define, quiet, call, site = snippet.parts
    assert define.code.startswith("import threading\n") and define.code.endswith('print("defined")\n')
    assert quiet.code == "y = 2\n" and (quiet.marker, quiet.first) == (13, 14)
    assert site.code == "site_value = y * 21\n"
    assert snippet.index_of_line(1) == 0 and snippet.index_of_line(18) == 2
    assert parse_snippet("print(1)\n").parts == ()  # no marker: a snippet shown whole


@pytest.mark.parametrize("text, message", [
    ("# %% Build The Model\nx = 1\n", r"snippets/x\.py:1: `# %% Build The Model` is not a part marker"),
    ("# %%build\nx = 1\n", r"snippets/x\.py:1: `# %%build` is not a part marker"),
    ("# %% a\nx = 1\n# %% a\ny = 2\n", r"snippets/x\.py:3: a second part named `a`"),
    ('"""Doc."""\nimport os\n# %% a\nx = 1\n', r"snippets/x\.py:2: code before the first part marker"),
    ("# %% a\ndef f():\n    x = 1\n# %% b\n    return x\n",
     r"snippets/x\.py:4: a part marker inside a statement"),
    ("# %% a\nx = 1\n# %% b\n# nothing\n", r"snippets/x\.py:3: part `b` holds no statement"),
], ids=["not-lowercase-words", "no-space", "twice-the-same-name", "code-before-the-first",
        "inside-a-statement", "no-statement"])
def test_a_bad_marker_is_named_at_its_line(text: str, message: str) -> None:
    with pytest.raises(PartError, match=message):
        parse_snippet(text, "snippets/x.py")


def test_text_in_a_string_is_never_a_marker() -> None:
    text = 'x = """\n# %% not-a-part\n"""\nprint(x)\n'
    assert parse_snippet(text).parts == ()


def run_demo(tmp_path: Path) -> tuple[str, list[tuple[str, int, int]]]:
    path = tmp_path / "demo.py"
    path.write_text(DEMO, encoding="utf-8")
    results, failures = run_snippets([path])
    assert not failures, failures
    return results["demo"].stdout, results["demo"].parts


def test_the_runner_runs_the_file_whole_and_cuts_its_output_per_part(tmp_path: Path) -> None:
    """One run of the whole file (names flow from part to part, one module); each write is put
    down to the part whose top-level statement is running, whichever thread or function writes."""
    stdout, parts = run_demo(tmp_path)
    assert stdout == "defined\nshout 2\nshout 3\ncalled\n"
    assert [name for name, _, _ in parts] == ["define", "quiet", "call", "for-the-site"]
    cuts = {name: stdout[start:end] for name, start, end in parts}
    assert cuts == {"define": "defined\n", "quiet": "", "call": "shout 2\nshout 3\ncalled\n",
                    "for-the-site": ""}
    assert "".join(cuts.values()) == stdout
    # The record keeps the cuts, in file order, through a write and a read.
    record = Record("demo", "snippets/demo.py", "", {}, sha256(stdout), parts=parts)
    (tmp_path / "outputs").mkdir()
    (tmp_path / "outputs" / "demo.json").write_text(record.to_json(), encoding="utf-8")
    assert load_record("demo", Layout(outputs=tmp_path / "outputs")).parts == parts


def test_a_snippet_with_a_bad_marker_is_not_run_and_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.py"
    path.write_text('print("never")\n# %% Oops\nx = 1\n', encoding="utf-8")
    results, failures = run_snippets([path])
    assert "bad" not in results
    assert len(failures) == 1 and re.search(r"bad\.py:2: `# %% Oops` is not a part marker", failures[0])


# --- a page that shows parts ---------------------------------------------------------------

@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Layout:
    """snippets/demo.py in parts with a stored run, and a short whole snippet, for the hook."""
    layout = Layout(tmp_path / "snippets", tmp_path / "outputs")
    layout.snippets.mkdir()
    layout.outputs.mkdir()
    (layout.snippets / "demo.py").write_text(DEMO, encoding="utf-8")
    stdout = "defined\nshout 2\nshout 3\ncalled\n"
    layout.txt("demo").write_text(stdout, encoding="utf-8")
    record = Record("demo", "snippets/demo.py", "", {}, sha256(stdout),
                    parts=[("define", 0, 8), ("quiet", 8, 8), ("call", 8, 31), ("for-the-site", 31, 31)])
    layout.meta("demo").write_text(record.to_json(), encoding="utf-8")
    (layout.snippets / "short.py").write_text('print("short")\n', encoding="utf-8")
    layout.txt("short").write_text("short\n", encoding="utf-8")
    short = Record("short", "snippets/short.py", "", {}, "")
    layout.meta("short").write_text(short.to_json(), encoding="utf-8")
    monkeypatch.setattr(hooks, "LAYOUT", layout)
    monkeypatch.setattr(hooks, "ROOT", tmp_path)
    return layout


STEPS = """\
# Steps { #steps }

First we define a function.

{* snippets/demo.py:define *}

Then a quiet step.

{* snippets/demo.py:quiet *}

And we call it.

{* snippets/demo.py:call *}
"""


def expand(page: str) -> str:
    return hooks.expand_includes(page, "docs/en/steps.md", {"en": "Output"}, "en",
                                 whole_labels={"en": "The whole file"})


def test_each_part_shows_its_code_then_its_own_output(demo: Layout) -> None:
    out = expand(STEPS)
    define = out[out.index("First we define"):out.index("Then a quiet")]
    assert '```python title="snippets/demo.py:define (1/3)"\nimport threading\n' in define
    assert "# %% define" not in out  # the title names the part; the marker line is not shown
    assert '```text title="Output"\ndefined\n```' in define
    # Above the first part, once: the whole file, which runs as one.
    assert define.count("[The whole file: snippets/demo.py](snippets/demo.py){ download }") == 1
    assert out.count("The whole file") == 1
    quiet = out[out.index("Then a quiet"):out.index("And we call")]
    assert '```python title="snippets/demo.py:quiet (2/3)"\ny = 2\n```' in quiet
    assert "Output" not in quiet  # a part that prints nothing shows no empty output block
    call = out[out.index("And we call"):]
    assert '```text title="Output"\nshout 2\nshout 3\ncalled\n```' in call
    assert "site_value" not in out  # the site's own part is not shown
    html = markdown.markdown(out, extensions=["attr_list", "md_in_html", "pymdownx.superfences"])
    assert '<a download href="snippets/demo.py">' in html


def test_an_unknown_part_fails_naming_the_page_line(demo: Layout) -> None:
    with pytest.raises(PluginError, match=r"docs/en/steps\.md:9: `\{\* snippets/demo\.py:nope \*\}`: "
                                          r"snippets/demo\.py has no part `nope` \(its parts: define, quiet, "
                                          r"call, for-the-site\)"):
        expand(STEPS.replace("demo.py:quiet", "demo.py:nope"))
    with pytest.raises(PluginError, match=r"docs/en/steps\.md:3: .*snippets/short\.py has no part `a` "
                                          r"\(its parts: none"):
        expand("# T\n\n{* snippets/short.py:a *}\n")


def test_a_wrong_include_name_is_said_alone_not_with_the_order_it_breaks(demo: Layout) -> None:
    """A misspelt snippet between two parts also breaks their order: the author reads the
    misspelling, and one line saying that more waits until it is fixed."""
    with pytest.raises(PluginError) as raised:
        expand(STEPS.replace("{* snippets/demo.py:quiet *}", "{* snippets/dmeo.py:quiet *}"))
    said = [line for line in str(raised.value).splitlines() if "steps.md" in line]
    assert said[0].startswith("docs/en/steps.md:9: includes snippets/dmeo.py, which does not exist"), said
    assert re.match(r"docs/en/steps\.md: \d+ more about the order of parts", said[1]), said
    assert len(said) == 2, said


@pytest.mark.parametrize("page, message", [
    (STEPS.replace("demo.py:define", "demo.py:quiet", 1),
     r"steps\.md:5: .* shows part 2 of snippets/demo\.py where part 1 belongs \(`define`\)"),
    (STEPS.replace("{* snippets/demo.py:quiet *}", "{* snippets/short.py *}"),
     r"steps\.md:13: .*the parts of snippets/demo\.py must follow one another"),
    (STEPS.replace("{* snippets/demo.py:call *}", ""),
     r"steps\.md:9: .*the parts after it, not shown on the page \(call\), print something"),
], ids=["out-of-order", "another-include-between", "a-hidden-part-prints"])
def test_parts_come_in_file_order_together_and_a_hidden_part_prints_nothing(demo: Layout, page: str,
                                                                            message: str) -> None:
    with pytest.raises(PluginError, match=message):
        expand(page)


def test_a_block_over_40_lines_fails_naming_page_and_include(demo: Layout) -> None:
    long = "".join(f"x_{i} = {i}\n" for i in range(MAX_LINES + 1))
    (demo.snippets / "short.py").write_text(long, encoding="utf-8")
    with pytest.raises(PluginError, match=rf"docs/en/steps\.md:3: `\{{\* snippets/short\.py \*\}}` shows "
                                          rf"{MAX_LINES + 1} lines of code in one block, "
                                          rf"more than {MAX_LINES}"):
        expand("# T\n\n{* snippets/short.py *}\n")
    (demo.snippets / "short.py").write_text('print("short")\n', encoding="utf-8")
    demo.txt("short").write_text("x\n" * (MAX_LINES + 1), encoding="utf-8")
    with pytest.raises(PluginError, match=r"steps\.md:3: .* shows 41 lines of output in one block"):
        expand("# T\n\n{* snippets/short.py *}\n")
    with pytest.raises(PluginError, match=r"docs/en/steps\.md:3: a text fence of 41 lines"):
        expand("# T\n\n```text\n" + "x\n" * 41 + "```\n")


def test_a_line_over_80_columns_fails_naming_snippet_and_line(demo: Layout) -> None:
    text = DEMO.replace("y = 2\n", "y = 2\nz = " + "1 + " * 20 + "1\n")
    (demo.snippets / "demo.py").write_text(text, encoding="utf-8")
    with pytest.raises(PluginError, match=r"docs/en/steps\.md:9: `\{\* snippets/demo\.py:quiet \*\}` shows a "
                                          r"line 85 columns wide, more than 80: snippets/demo\.py:15"):
        expand(STEPS)
    assert width("한국어 abc") == 10  # a Hangul syllable takes two columns, as in a terminal


# --- the repository keeps the rules ----------------------------------------------------------

def test_no_snippet_line_is_wider_than_80_columns() -> None:
    """Every line of every snippet, shown or not (the site's own parts too), fits the column."""
    wide = [f"snippets/{path.name}:{number}: {width(line)} columns"
            for path in sorted(SNIPPETS.glob("*.py"))
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
            if width(line) > MAX_WIDTH]
    assert not wide, (f"lines wider than {MAX_WIDTH} columns (ruff: `ruff check snippets`):\n"
                      + "\n".join(wide))


def test_ruff_gives_snippets_their_own_80_column_limit() -> None:
    """The formatter and linter the project configures (pyproject.toml, 110 for tools) hold
    snippets/ to the column: snippets/ruff.toml extends it with line-length 80 and E501."""
    import tomllib

    config = tomllib.loads((SNIPPETS / "ruff.toml").read_text(encoding="utf-8"))
    assert config["extend"] == "../pyproject.toml"
    assert config["line-length"] == MAX_WIDTH
    assert "E501" in config["lint"]["extend-select"]


def test_every_snippet_in_parts_is_well_cut() -> None:
    problems = []
    for path in sorted(SNIPPETS.glob("*.py")):
        try:
            read_snippet(path)
        except PartError as exc:
            problems += exc.errors
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_keeps_the_rules_of_parts_and_blocks(lang: str) -> None:
    """What the build enforces, said for every page at once."""
    problems = [problem for path in sorted((DOCS / lang).rglob("*.md")) for problem in check(parse(path))]
    assert not problems, "\n".join(problems)


def test_each_stored_run_in_parts_cuts_its_output_at_the_files_parts() -> None:
    """A record's parts are the file's parts, in order, and together they are the stored
    output exactly: what a page shows under each part is that part's own stdout."""
    problems = []
    for path in sorted(SNIPPETS.glob("*.py")):
        snippet, record = read_snippet(path), load_record(path.stem)
        output = stored_output(path.stem)
        where = f"generated/outputs/{path.stem}.json"
        names = [name for name, _, _ in record.parts]
        if names != snippet.names:
            problems.append(f"{where}: parts {names}, the file has {snippet.names}")
            continue
        position = 0
        for name, start, end in record.parts:
            if start != position or end < start:
                problems.append(f"{where}: part {name} is cut at [{start}, {end}), "
                                f"not where the one before ends ({position})")
            position = end
        if record.parts and position != len(output):
            problems.append(f"{where}: parts end at {position}, the output at {len(output)}")
    assert not problems, "\n".join(problems)


def test_the_site_reads_the_steppers_data_from_parts_no_page_shows() -> None:
    """The steppers' weights (tools/produce/stepper_data.py) are bound in the last part of their
    snippet, which no page shows: the reader's code carries none of the site's plumbing."""
    from tools.parts import shown
    from tools.produce.stepper_data import MODELS

    on_pages = [item for lang in LANGUAGES for path in sorted((DOCS / lang).rglob("*.md"))
                for item in shown(parse(path), f"docs/{lang}/{path.name}")]
    for model in MODELS:
        snippet = read_snippet(SNIPPETS / f"{model.snippet}.py")
        assert snippet.parts, f"snippets/{model.snippet}.py: not in parts"
        site_part = snippet.parts[-1]
        where = f"snippets/{model.snippet}.py:{site_part.name}"
        assert not any(item.include.ref == f"{model.snippet}:{site_part.name}" for item in on_pages), \
            f"{where} is shown on a page"
        assert not any(item.include.ref == model.snippet for item in on_pages), \
            f"snippets/{model.snippet}.py is shown whole on a page, its site's part with it"
        for name in ("embedding_rows", "W_x", "W_h", "b"):
            bound = re.escape(model.prefix + name)
            assert re.search(rf"^{bound}\b|^\w.*, {bound}\b.*=", site_part.code, re.MULTILINE), \
                f"{where}: `{model.prefix}{name}` is not bound in it"


def test_parsed_includes_keep_file_and_part_apart() -> None:
    [whole, part] = parse_text("{* snippets/a.py *}\n\n{* snippets/a.py:build-it *}\n").includes
    assert (whole.target, whole.part, whole.ref) == ("snippets/a.py", None, "a")
    assert (part.target, part.part, part.ref, part.written) == (
        "snippets/a.py", "build-it", "a:build-it", "snippets/a.py:build-it")
