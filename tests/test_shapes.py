"""Every shape, count, number, fact and quoted error the docs state is checked against the
stored run, in both languages.

Reads generated/outputs/*.json only: no TensorFlow, a few seconds. The checker itself is
tested on fixture pages below: each kind of wrong claim must be caught, by place. Then every
claim the docs make is mutated one at a time (a dimension + 1, a last digit changed, a boolean
flipped, a word of a quote changed), and each mutation must fail at its own file:line.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tools.records import Record, load_records
from tools.claims.shapes import Claim, check_claims, check_docs, scan, strip_tags, svg_text


def test_every_shape_in_the_docs_is_true() -> None:
    errors = check_docs()
    assert not errors, "\n".join(errors)


RECORD = {
    "tensors": {"hidden_states": [1, 4, 3], "last": [1, 3], "model.simple_rnn": [None, 20, 32]},
    "ints": {"batch_size": 1, "timesteps": 4, "units": 3, "max_len": 20},
    "params": {"model.simple_rnn": 3104},
    "values": {"units": 3, "max_features": 10000, "last": [[0.967517436, 0.0976613089, 0.332765311]],
               "mean": -0.0302, "same": True, "differ": False, "accuracy": 0.935,
               "error_text": "A KerasTensor cannot be used as input to a TensorFlow function."},
}


def fixture_docs(tmp_path: Path, ko: str, en: str | None = None) -> list[str]:
    docs, outputs = tmp_path / "docs", tmp_path / "outputs"
    for lang, body in (("ko", ko), ("en", ko if en is None else en)):
        (docs / lang).mkdir(parents=True)
        (docs / lang / "page.md").write_text("# T { #t }\n\n{* snippets/demo.py *}\n\n" + body + "\n")
    outputs.mkdir()
    (outputs / "demo.json").write_text(json.dumps(RECORD))
    return check_docs(docs, outputs, figures=[])


# Each wrong claim's error comes first: the whole message (a string), or parts of it (a tuple).
@pytest.mark.parametrize("ko,en,expected", [
    ("x\n`(1, 4, 4)`<!-- shape: hidden_states -->", None,
     "docs/ko/page.md:6: (1, 4, 4) is not the shape of `hidden_states` in snippets/demo.py: "
     "the run gives (1, 4, 3); position 2 is 3, the claim says 4"),
    ("(1, 3)<!-- shape: hidden_states -->", None, ("rank 2", "(1, 4, 3) (rank 3)", "page.md:5")),
    ("(batch_size, units, timesteps)<!-- shape: hidden_states -->", None,
     ("position 1 is 4, the claim says units (units = 3)",)),
    ("(batch_size, steps, units)<!-- shape: hidden_states -->", None,
     ("symbol `steps` is not a top-level int of snippets/demo.py",)),
    ("the output is `(1, 4, 3)`.", None,
     ("page.md:5: (1, 4, 3) looks like a shape but is not checked",)),
    ("(1, 4, 3)<!-- shape: hidden_state -->", None,
     ("`hidden_state`", "did you mean hidden_states")),
    ("3,105<!-- params: model.simple_rnn -->", None, ("3,105 parameters claimed", "3,104")),
    ("(1, 3)<!-- shape: last -->", "(no claim here)",
     "docs/ko/page.md:5: claim (1,3) (shape of demo:last) is made in docs/ko/page.md "
     "but not in docs/en/page.md"),
], ids=["wrong-number", "wrong-rank", "swapped-symbols", "unbound-symbol", "untagged-tuple",
        "unknown-tensor", "wrong-parameter-count", "claim-in-one-language-only"])
def test_a_wrong_shape_claim_is_named_first(tmp_path: Path, ko: str, en: str | None,
                                            expected: str | tuple[str, ...]) -> None:
    errors = fixture_docs(tmp_path, ko, en)
    assert errors, "the checker let a wrong claim through"
    first = errors[0]
    if isinstance(expected, str):
        assert first == expected
    else:
        assert all(part in first for part in expected), first


def test_untagged_tuple_in_a_fence_or_table_fails(tmp_path: Path) -> None:
    errors = fixture_docs(tmp_path, "| a | (None, 20, 32) |\n\n```python\nx = np.zeros((2, 3))\n```")
    assert any("page.md:5: (None, 20, 32)" in e for e in errors)
    assert any("page.md:8: (2, 3)" in e for e in errors)


@pytest.mark.parametrize("text", ["print(1, 2)", "[link](a, b)", "f(x)[0](1, 2)", "$h_{0,0}$",
                                  "(e.g., this)", "(은닉 상태, hidden state)"])
def test_calls_links_and_math_are_not_shapes(text: str) -> None:
    assert scan(text, "p.md").errors == []


def test_tags_are_stripped_for_readers() -> None:
    assert strip_tags("`(1, 4, 3)`<!-- shape: h --> and (a, b)<!--not-shape-->") == "`(1, 4, 3)` and (a, b)"


# (page text, a message some error must hold); the English page says the same unless given.
WRONG = [(text, expected, None) for text, expected in [
    ("`[0.9675 0.0977 0.3329]`<!-- value: last[0] -->",
     "page.md:5: [0.9675 0.0977 0.3329] is not what the run gives for `last[0]` in snippets/demo.py "
     "(number 3): the run records [0.967517 0.0976613 0.332765]"),
    ("`[0.9675 0.0977]`<!-- value: last[0] -->", "states 2 number(s) for `last[0]`"),
    ("0.0978<!-- value: last[0, 1] -->", "0.0978 is not what the run gives for `last[0, 1]`"),
    ("`False`<!-- value: same -->", "False is claimed for `same` in snippets/demo.py, but the run records True"),
    ("10,001<!-- value: max_features -->", "10,001 is not what the run gives for `max_features`"),
    ("0.5<!-- value: lastt[0] -->", "did you mean last?"),
    ("`[0.9675 0.0977 0.3328]`<!-- value: last[1] -->", "cannot index `last[1]`"),
    ("They agree.<!-- fact: differ -->",
     "page.md:5: the sentence states `differ` is True, but snippets/demo.py records differ = False"),
    ("They differ.<!-- fact: not same -->", "states `same` is False, but snippets/demo.py records same = True"),
    ("Fine.<!-- fact: units -->", "`units` in snippets/demo.py is not a boolean"),
    ("Fine.<!-- fact: nothing -->", "names `nothing`, which snippets snippets/demo.py do not record"),
    ("`A KerasTensor can be used`<!-- quote: error_text -->",
     "page.md:5: \"A KerasTensor can be used\" is not in what snippets/demo.py captured as `error_text`"),
    ("says so<!-- quote: error_text -->", "follows no `code` or \"quoted\" text"),
    ("the mean is -0.0302 here", "page.md:5: -0.0302 looks like a number from a run but is not checked"),
    ("| 3,104 | parameters |", "page.md:5: 3,104 looks like a number from a run but is not checked"),
    ("printed `[0.9675 0.0977 0.3328]`", "page.md:5: [0.9675 0.0977 0.3328] looks like a number from a run"),
    # A tagged plain integer that disagrees fails like a comma-grouped one.
    ("The layer has 3105<!-- params: model.simple_rnn --> parameters.",
     "page.md:5: 3105 parameters claimed for `model.simple_rnn` in snippets/demo.py, but the run counts 3,104"),
    ("It has 32<!-- value: units --> units.",
     "page.md:5: 32 is not what the run gives for `units` in snippets/demo.py: the run records 3"),
    ("x\n5<!-- value: timesteps --> time steps",
     "page.md:6: 5 is not what the run gives for `timesteps` in snippets/demo.py: the run records 4"),
    ("5<!-- value: hidden_states.shape[1] -->-token",
     "page.md:5: 5 is not what the run gives for `hidden_states.shape[1]` in snippets/demo.py: the run records 4"),
    ("8<!-- value: units + timesteps -->", "page.md:5: 8 is not what the run gives for `units + timesteps`"),
    ("7<!-- value: units + steps -->", "page.md:5: 7 names `steps`, which snippets snippets/demo.py do not record"),
    ("1<!-- value: mean + 1 -->", "page.md:5: 1: `mean + 1` in snippets/demo.py: `mean` is -0.0302, not a whole number"),
    ("0.5<!-- params: model.simple_rnn -->", "page.md:5: `<!-- params: model.simple_rnn -->` follows no whole number"),
]] + [  # a value, fact or integer claim made in one language only
    ("0.0977<!-- value: last[0, 1] -->",
     "claim 0.0977 (value of demo:last[0, 1]) is made in docs/ko/page.md "
     "but not in docs/en/page.md",
     "0.098<!-- value: last[0, 1] -->"),
    ("Same.<!-- fact: same -->", "is made in docs/ko/page.md but not in docs/en/page.md", "Same."),
    ("유닛 3<!-- value: units -->개",
     "claim 3 (value of demo:units) is made in docs/ko/page.md but not in docs/en/page.md",
     "3 units<!-- not-value -->"),
]


@pytest.mark.parametrize("text,expected,en", WRONG)
def test_a_wrong_claim_fails_at_its_place(tmp_path: Path, text: str, expected: str,
                                          en: str | None) -> None:
    errors = fixture_docs(tmp_path, text, en)
    assert any(expected in e for e in errors), f"expected {expected!r} in:\n" + "\n".join(errors)


@pytest.mark.parametrize("text", ["version 3.11 of Python", "from 3,104 to 8,256 parameters"])
def test_untagged_numbers_fail_even_when_plausible(tmp_path: Path, text: str) -> None:
    assert fixture_docs(tmp_path, text), f"{text!r} passed without tags"


# -- plain integers: a count or a number of 100 or more needs a tag, whatever its format --------

def test_the_two_untagged_counts_of_issue_20_fail_naming_file_line_and_number(tmp_path: Path) -> None:
    errors = fixture_docs(tmp_path, "이 층의 유닛은 31개다.", en="The layer has 12416 parameters.")
    assert any(e.startswith("docs/ko/page.md:5: 31 states a number") for e in errors), "\n".join(errors)
    assert any(e.startswith("docs/en/page.md:5: 12416 states a number") for e in errors), "\n".join(errors)


def test_an_untagged_count_stops_the_build_of_its_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.exceptions import PluginError

    from tools.hooks import check_generated

    fixture_docs(tmp_path, "이 층의 유닛은 31개다.", en="The layer has 12416 parameters.")
    monkeypatch.setattr(check_generated, "sync", lambda how, log: [])  # the generated files are not the point
    monkeypatch.setattr(check_generated, "check_docs", lambda languages: check_docs(
        tmp_path / "docs", tmp_path / "outputs", figures=[], languages=languages))
    said = {}
    for language in ("ko", "en"):
        with pytest.raises(PluginError) as stopped:
            check_generated.on_pre_build({"theme": {"language": language}})
        said[language] = str(stopped.value)
    assert "docs/ko/page.md:5: 31 states a number" in said["ko"] and "docs/en/" not in said["ko"], said
    assert "docs/en/page.md:5: 12416 states a number" in said["en"] and "docs/ko/" not in said["en"], said


def test_a_stale_file_stops_a_build_and_warns_while_serving(monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """The build writes nothing: a stale generated file is an error naming `make sync`, and
    while serving a warning (the server keeps serving the committed file)."""
    from mkdocs.exceptions import PluginError

    from tools.generated import GeneratedError
    from tools.hooks import check_generated

    asked = []

    def stale(how: str, log: object) -> list[str]:
        asked.append(how)
        raise GeneratedError("generated files are out of date (checked only, nothing written):\n"
                             "  docs/assets/figures/x.svg: differs from what img/figures.py makes now")

    monkeypatch.setattr(check_generated, "sync", stale)
    monkeypatch.setattr(check_generated, "check_docs", lambda languages: [])
    config = {"theme": {"language": "en"}}
    monkeypatch.setattr(check_generated.State, "serving", False)  # restored even if an assertion fails
    check_generated.on_startup("build", dirty=False)
    with pytest.raises(PluginError, match=r"(?s)figures/x\.svg: differs.*`make sync`"):
        check_generated.on_pre_build(config)
    check_generated.on_startup("serve", dirty=False)
    check_generated.on_pre_build(config)
    said = capsys.readouterr().out
    assert said.startswith("WARNING -  generated: ") and "x.svg" in said and "`make sync`" in said, said
    assert asked == ["check", "check"], "the build must never refresh (write) generated files"


@pytest.mark.parametrize("text,number", [
    ("The layer has 3104 parameters.", "3104"),  # 100 or more, like "3,104"
    ("a vocabulary of 10000", "10000"),
    ("| model | 643666 |", "643666"),
    ("`Embedding(10000, 64)`", "10000"),  # inline code is not fenced code
    ("$640 \\times 16 + 16$", "640"),  # inline math
    ("$$\nd = h / 640\n$$", "640"),  # display math
    ("it reads 20 time steps", "20"),
    ("with 32 units", "32"),
    ("32 hidden units", "32"),
    ("a 4-token sentence", "4"),
    ("on 64-wide input", "64"),
    ("`32` units", "32"),
    ("**32** units", "32"),
    ("10 epochs", "10"),
    ("2 real hidden states", "2"),
    ("about 45% of them", "45%"),
    ("유닛 32개", "32"),
    ("64차원 임베딩", "64"),
    ("20단어", "20"),
    ("4토큰 문장", "4"),
    ("10 에포크", "10"),
    ("2000 sentences", "2000"),  # a year-like number still counts what follows it
])
def test_untagged_integers_that_state_a_count_fail(tmp_path: Path, text: str, number: str) -> None:
    errors = fixture_docs(tmp_path, text)
    line = 5 + text.count("\n") // 2  # display math: the number is on the middle line
    assert any(e.startswith(f"docs/ko/page.md:{line}: {number} states a number") for e in errors), \
        f"{text!r} passed without a tag:\n" + "\n".join(errors)


# Pages that make only true claims, or state no count: (page text, or (Korean, English)).
@pytest.mark.parametrize("text", [
    "`(1, 4, 3)`<!-- shape: hidden_states --> "
    "(batch_size, timesteps, units)<!-- shape: hidden_states --> "
    "| `(None, max_len, 32)`<!-- shape: model.simple_rnn --> | "
    "(batch_size, max_len, 32)<!-- shape: model.simple_rnn --> "
    "(batch, 20 * 32)<!-- not-shape --> 3,104<!-- params: model.simple_rnn -->",
    # a qualified name is the same tensor: not a claim in one language only
    ("(1, 3)<!-- shape: last -->", "(1, 3)<!-- shape: demo:last -->"),
    "`[0.9675 0.0977 0.3328]`<!-- value: last[0] --> and "
    "0.0977<!-- value: last[0, 1] --> and -0.03<!-- value: mean --> "
    "`True`<!-- value: same --> 10,000<!-- value: max_features --> "
    "93.5%<!-- value: accuracy --> 1e-5<!-- not-value --> 3.11<!-- not-value -->\n"
    "They agree.<!-- fact: same --> They do not.<!-- fact: not differ -->\n"
    "Keras says `A KerasTensor cannot be used`<!-- quote: error_text -->.",
    # numbers in code fences, links and ids need no tag
    "```python\nx = 0.5 * 1,000\n```\n\n[docs](https://x.org/3.11/) ## Title { #v1.5 }",
    # integers that state no count
    "(Cho et al., 2014)",  # a year
    "Keras 3 layers, Python 3.11, tensorflow-cpu 2.21.0, NumPy 2.4.6",  # versions
    "WCAG 2.1 AA, ISO 8601, UTF-8",  # a standard's number
    "## 3. Return sequences { #step-200 }",  # a section number and a heading id
    "[chapter 3](page.md#section-300) and <https://x.org/issues/1234>",  # link targets
    "1. The model\n2. The layer",  # list markers
    "time step 0, unit 3, axis 1, row 31, document 0",  # a number after its noun names one
    "$h_{t-1}$, $h_{0,31}$, $x_{t+1}$, $T = 80$",  # indices in math
    "단어 리스트를 `max_len - 2`개로 자른다",  # a number inside a formula
    "3차원 텐서, 2차원 입력",  # a rank, not a count
    "시점 0과 유닛 3",
    "```python\nEmbedding(10000, 64)  # 32 units\n```",  # fenced code
    # tagged integers resolve like comma-grouped ones
    "3104<!-- params: model.simple_rnn --> and 3,104<!-- params: model.simple_rnn -->",
    "3<!-- value: units --> units and 3 units<!-- value: units -->",
    "4<!-- value: timesteps --> time steps",  # a top-level int the record keeps among its ints only
    "10000<!-- value: max_features --> and 10,000<!-- value: max_features -->",
    "4<!-- value: hidden_states.shape[1] -->-token",  # a tensor's dimension
    "7<!-- value: units + timesteps -->, 12<!-- value: units * timesteps -->, "
    "19<!-- value: max_len - 1 -->, 13<!-- value: units * timesteps + 1 -->",  # worked out from the run
    "$640<!-- value: max_len * 32 --> \\times 16$",
    "`Embedding(10000, 64)`<!-- not-value --><!-- value: max_features -->",  # nearest number first
])
def test_a_page_of_true_claims_and_no_counts_passes(tmp_path: Path,
                                                   text: str | tuple[str, str]) -> None:
    assert fixture_docs(tmp_path, *((text,) if isinstance(text, str) else text)) == []


def mutate_value(text: str) -> str:
    """Change the last digit of the last number (or flip True/False)."""
    if text in ("True", "False"):
        return "False" if text == "True" else "True"
    match = list(re.finditer(r"\d", text))[-1]
    digit = int(match.group(0))
    return text[: match.start()] + str((digit + 1) % 10 if digit != 9 else 8) + text[match.end():]


def mutate_quote(text: str) -> str:
    """Change one word of a quoted text (its longest word, reversed and marked)."""
    word = max(re.findall(r"[A-Za-z]{3,}", text) or [text], key=len)
    return text.replace(word, word[::-1] + "x", 1)


def mutations() -> list[tuple[str, int, str, tuple[str, bool], list[str], str]]:
    """(file, line, text, (mutated line, is code), included snippets, kind) for every claim the docs make.

    Each mutation changes what is claimed: a dimension or a count + 1, a number's last digit,
    a boolean flipped, a fact negated, a word of a quote changed. The checker must then fail
    at exactly that place. Only the mutated line is kept: `scan` reads a page line by line
    (whether a line is code comes from the unchanged page), so the line alone, scanned at its
    own number, yields the claims the whole mutated page would; the page is parsed once.
    """
    from tools.layout import ROOT
    from tools.pages import DOCS, parse

    found = []
    sources = [(p, parse(p).text, parse(p).snippets, parse(p).code_lines)
               for p in sorted(DOCS.rglob("*.md"))]
    sources += [(p, p.read_text(encoding="utf-8"), [], frozenset())
                for p in sorted(DOCS.rglob("*.svg"))]
    for path, text, included, code in sources:
        where = path.relative_to(ROOT).as_posix()
        is_md = path.suffix == ".md"
        for claim in scan(text if is_md else svg_text(text), where, code if is_md else None).claims:
            line, claimed = text.splitlines()[claim.line - 1], claim.text
            if claim.kind == "fact":
                ref = claim.ref
                flipped = ref.removeprefix("not ").strip() if ref.startswith("not ") else f"not {ref}"
                mutated = re.sub(rf"<!--\s*fact:\s*{re.escape(ref)}\s*-->",
                                 f"<!-- fact: {flipped} -->", line, count=1)
                claimed = f"fact: {ref}"
            elif claim.kind in ("params", "value", "quote", "shape"):
                mutated = replace_claim(line, claim, wrong_claim(claim))
            else:
                continue
            found.append((where, claim.line, claimed, (mutated, claim.line in code), included,
                          claim.kind))
    return found


def wrong_claim(claim: Claim) -> str:
    """What a params, value, quote or shape claim states, changed."""
    if claim.kind == "params":
        return f"{int(claim.text.replace(',', '')) + 1:,}"
    if claim.kind == "value":
        return mutate_value(claim.text)
    if claim.kind == "quote":
        return mutate_quote(claim.text)
    dims = claim.dims()
    index = next(i for i in reversed(range(len(dims)))
                 if dims[i] != "None" and not (i == 0 and dims[i] in {"batch", "batch_size"}))
    dims[index] = f"{dims[index]} + 1"
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"


def replace_claim(line: str, claim: "Claim", wrong: str) -> str:
    """The line with the claimed text replaced where the checker found it."""
    assert line[claim.column:claim.column + len(claim.text)] == claim.text, (claim, line)
    return line[:claim.column] + wrong + line[claim.column + len(claim.text):]


def check_line(where: str, line: int, text: str, in_code: bool, included: list[str],
               records: dict[str, Record]) -> tuple[list[Claim], list[str]]:
    """The claims of one line alone at its own number, code if it was code on its page (an SVG
    line is read as the figure's text), and the errors the check gives at that place."""
    text = "\n" * (line - 1) + (text if where.endswith(".md") else svg_text(text))
    claims = scan(text, where, {line} if in_code else None).claims
    errors, _ = check_claims(claims, included, records)
    return claims, [e for e in errors if e.startswith(f"{where}:{line}:")]


MUTATIONS = mutations()


def test_the_docs_make_claims_in_every_chapter_and_figure() -> None:
    assert len({where for where, *_ in MUTATIONS}) >= 20, "fewer files with claims than expected"


def test_the_docs_make_value_fact_and_quote_claims() -> None:
    kinds = Counter(kind for *_, kind in MUTATIONS)
    for kind in ("shape", "params", "value", "fact", "quote"):
        assert kinds[kind] > 0, f"the docs make no {kind} claim, so its mutation test proves nothing"
    integers = [(where, line) for where, line, text, _, _, kind in MUTATIONS
                if kind in ("value", "params") and re.fullmatch(r"\d+", text)]
    assert len(integers) > 100, "the docs tag few plain integers, so their mutation test proves little"
    assert any(where.endswith(".svg") for where, _ in integers), "no figure states a tagged integer"


@pytest.fixture(scope="session")
def records() -> dict[str, Record]:
    """The stored run records, read once (1.1 MB): the checks only read them."""
    return load_records()


def test_each_claim_line_unchanged_passes_the_check_its_mutation_fails(records: dict[str, Record]) -> None:
    """The mutation test below reads one line alone: unchanged, that line must pass, or the
    mutation test would pass for the wrong reason."""
    from tools.layout import ROOT

    failing, pages = [], {}
    for where, line, _, (_, in_code), included, _ in MUTATIONS:
        if where not in pages:
            pages[where] = (ROOT / where).read_text(encoding="utf-8").splitlines()
        failing += check_line(where, line, pages[where][line - 1], in_code, included, records)[1]
    assert not failing, "\n".join(failing)


MUTATED_FILES = sorted({where for where, *_ in MUTATIONS})


# One test per page or figure (a test item per claim cost more in pytest's own bookkeeping
# than the check itself); the message names every claim whose change went unnoticed.
@pytest.mark.parametrize("where", MUTATED_FILES)
def test_changing_any_stated_claim_fails_at_its_place(where: str, records: dict[str, Record]) -> None:
    unnoticed = []
    for _, line, claimed, (mutated, in_code), included, kind in [m for m in MUTATIONS if m[0] == where]:
        claims, errors = check_line(where, line, mutated, in_code, included, records)
        if not claims:
            unnoticed.append(f"{where}:{line}: the mutated line makes no claim at all: {mutated.strip()}")
        elif not errors:
            unnoticed.append(f"{where}:{line}: changing the {kind} claim {claimed!r} went unnoticed: "
                             f"{mutated.strip()}")
    assert not unnoticed, "\n".join(unnoticed)
