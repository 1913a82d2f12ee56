"""Every tensor shape the docs state is checked against the stored run, in both languages.

Reads generated/outputs/*.json only: no TensorFlow, a few seconds. The checker itself is
tested on fixture pages below: each kind of wrong claim must be caught, by place.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools.shapes import check_docs, scan, strip_tags


def test_every_shape_in_the_docs_is_true() -> None:
    errors = check_docs()
    assert not errors, "\n".join(errors)


RECORD = {
    "tensors": {"hidden_states": [1, 4, 3], "last": [1, 3], "model.simple_rnn": [None, 20, 32]},
    "ints": {"batch_size": 1, "timesteps": 4, "units": 3, "max_len": 20},
    "params": {"model.simple_rnn": 3104},
}


def fixture_docs(tmp_path: Path, ko: str, en: str | None = None) -> list[str]:
    docs, outputs = tmp_path / "docs", tmp_path / "outputs"
    for lang, body in (("ko", ko), ("en", ko if en is None else en)):
        (docs / lang).mkdir(parents=True)
        (docs / lang / "page.md").write_text("# T { #t }\n\n{* snippets/demo.py *}\n\n" + body + "\n")
    outputs.mkdir()
    (outputs / "demo.json").write_text(json.dumps(RECORD))
    return check_docs(docs, outputs, figures=[])


def one(errors: list[str]) -> str:
    assert len(errors) >= 1, "the checker let a wrong claim through"
    return errors[0]


def test_true_claims_pass(tmp_path: Path) -> None:
    assert fixture_docs(tmp_path, "`(1, 4, 3)`<!-- shape: hidden_states --> "
                                  "(batch_size, timesteps, units)<!-- shape: hidden_states --> "
                                  "| `(None, max_len, 32)`<!-- shape: model.simple_rnn --> | "
                                  "(batch_size, max_len, 32)<!-- shape: model.simple_rnn --> "
                                  "(batch, 20 * 32)<!-- not-shape --> 3,104<!-- params: model.simple_rnn -->") == []


def test_wrong_number_names_place_claim_real_shape_and_tensor(tmp_path: Path) -> None:
    message = one(fixture_docs(tmp_path, "x\n`(1, 4, 4)`<!-- shape: hidden_states -->"))
    assert message == ("docs/ko/page.md:6: (1, 4, 4) is not the shape of `hidden_states` in snippets/demo.py: "
                       "the run gives (1, 4, 3); position 2 is 3, the claim says 4")


def test_wrong_rank(tmp_path: Path) -> None:
    message = one(fixture_docs(tmp_path, "(1, 3)<!-- shape: hidden_states -->"))
    assert "rank 2" in message and "(1, 4, 3) (rank 3)" in message and "page.md:5" in message


def test_swapped_symbols(tmp_path: Path) -> None:
    message = one(fixture_docs(tmp_path, "(batch_size, units, timesteps)<!-- shape: hidden_states -->"))
    assert "position 1 is 4, the claim says units (units = 3)" in message


def test_unbound_symbol(tmp_path: Path) -> None:
    message = one(fixture_docs(tmp_path, "(batch_size, steps, units)<!-- shape: hidden_states -->"))
    assert "symbol `steps` is not a top-level int of snippets/demo.py" in message


def test_untagged_tuple_fails(tmp_path: Path) -> None:
    message = one(fixture_docs(tmp_path, "the output is `(1, 4, 3)`."))
    assert "page.md:5: (1, 4, 3) looks like a shape but is not checked" in message


def test_untagged_tuple_in_a_fence_or_table_fails(tmp_path: Path) -> None:
    errors = fixture_docs(tmp_path, "| a | (None, 20, 32) |\n\n```python\nx = np.zeros((2, 3))\n```")
    assert any("page.md:5: (None, 20, 32)" in e for e in errors)
    assert any("page.md:8: (2, 3)" in e for e in errors)


def test_unknown_tensor_suggests_a_name(tmp_path: Path) -> None:
    message = one(fixture_docs(tmp_path, "(1, 4, 3)<!-- shape: hidden_state -->"))
    assert "`hidden_state`" in message and "did you mean hidden_states" in message


def test_wrong_parameter_count(tmp_path: Path) -> None:
    message = one(fixture_docs(tmp_path, "3,105<!-- params: model.simple_rnn -->"))
    assert "3,105 parameters claimed" in message and "3,104" in message


def test_claim_in_one_language_only_names_both_files(tmp_path: Path) -> None:
    message = one(fixture_docs(tmp_path, "(1, 3)<!-- shape: last -->", en="(no claim here)"))
    assert message == ("docs/ko/page.md:5: claim (1,3) (shape of demo:last) is made in docs/ko/page.md "
                       "but not in docs/en/page.md")


def test_same_tuple_for_another_tensor_is_not_parity(tmp_path: Path) -> None:
    errors = fixture_docs(tmp_path, "(1, 3)<!-- shape: last -->", en="(1, 3)<!-- shape: demo:last -->")
    assert errors == []  # a qualified name is the same tensor


@pytest.mark.parametrize("text", ["print(1, 2)", "[link](a, b)", "f(x)[0](1, 2)", "$h_{0,0}$",
                                  "(e.g., this)", "(은닉 상태, hidden state)"])
def test_calls_links_and_math_are_not_shapes(text: str) -> None:
    assert scan(text, "p.md").errors == []


def test_tags_are_stripped_for_readers() -> None:
    assert strip_tags("`(1, 4, 3)`<!-- shape: h --> and (a, b)<!--not-shape-->") == "`(1, 4, 3)` and (a, b)"


def mutations() -> list[tuple[str, int, str, str, list[str]]]:
    """(file, line, text, mutated text, included snippets) for every claim the docs make.

    Each mutation adds one to a dimension (or to a parameter count), so it always
    changes the claimed value: the checker must then fail at exactly that place.
    """
    from tools import ROOT
    from tools.pages import DOCS, parse

    found = []
    sources = [(p, parse(p).text, parse(p).snippets) for p in sorted(DOCS.rglob("*.md"))]
    sources += [(p, p.read_text(encoding="utf-8"), []) for p in sorted(DOCS.rglob("*.svg"))]
    for path, text, included in sources:
        where = path.relative_to(ROOT).as_posix()
        for claim in scan(text, where).claims:
            if claim.kind == "params":
                wrong = f"{int(claim.text.replace(',', '')) + 1:,}"
            elif claim.kind == "shape":
                dims = claim.dims()
                index = next(i for i in reversed(range(len(dims)))
                             if dims[i] != "None" and not (i == 0 and dims[i] in {"batch", "batch_size"}))
                dims[index] = f"{dims[index]} + 1"
                wrong = "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"
            else:
                continue
            lines = text.splitlines()
            lines[claim.line - 1] = lines[claim.line - 1].replace(claim.text, wrong, 1)
            found.append((where, claim.line, claim.text, "\n".join(lines), included))
    return found


MUTATIONS = mutations()


def test_the_docs_make_claims_in_every_chapter_and_figure() -> None:
    assert len({where for where, *_ in MUTATIONS}) >= 20, "fewer files with claims than expected"


@pytest.mark.parametrize("where,line,text,mutated,included", MUTATIONS,
                         ids=[f"{w}:{n}:{t}" for w, n, t, *_ in MUTATIONS])
def test_changing_any_stated_shape_fails_at_its_place(where, line, text, mutated, included) -> None:
    from tools.shapes import check_claims, load_records

    errors, _ = check_claims(scan(mutated, where).claims, included, load_records())
    assert any(e.startswith(f"{where}:{line}:") for e in errors), \
        f"{where}:{line}: changing {text} went unnoticed"
