"""One Korean word per concept: the glossary in STYLE.ko.md (용어 | English | 쓰지 않는 말), the
same terms as docs/ko/glossary.md. On every Korean page no word of the third column appears in
the prose, and an English term is glossed in parentheses only after its glossary word (not
`히든 상태(hidden state)` where the glossary says 은닉 상태). Code, HTML comments and quotations
("...") are not checked for words: a page may quote the notes' wording to correct it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tools.layout import DOCS, ROOT, rel
from tools.pages import parse

STYLE = ROOT / "STYLE.ko.md"
SITE_GLOSSARY = DOCS / "ko" / "glossary.md"
KO_PAGES = sorted((DOCS / "ko").rglob("*.md"))


@dataclass(frozen=True)
class Term:
    korean: str
    english: str
    avoid: tuple[str, ...]
    gloss: str  # the English written in parentheses: `recurrent neural network (RNN)` -> the words


def table_rows(text: str, heading: str) -> list[list[str]]:
    """Cells of the first Markdown table after `heading` (header and rule rows dropped)."""
    section = text.split(heading, 1)[1]
    rows: list[list[str]] = []
    for line in section.splitlines()[1:]:
        if line.startswith("#"):
            break
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
    return rows[2:]


def glossary() -> list[Term]:
    return [Term(cells[0], cells[1], tuple(w.strip() for w in cells[2].split(",") if w.strip()),
                 re.sub(r"\([^)]*\)", "", cells[1]).strip().lower())
            for cells in table_rows(STYLE.read_text(encoding="utf-8"), "\n## 용어집")]


def prose_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text) outside code (the page reader's), inline code and HTML comments blanked."""
    lines = []
    for number, line in parse(path).prose_lines():
        line = re.sub(r"<!--.*?-->", " ", line)
        line = re.sub(r"(`+).*?\1", " ", line)
        line = re.sub(r'"[^"]*"|“[^”]*”', " ", line)
        lines.append((number, line))
    return lines


def test_the_glossary_is_readable() -> None:
    terms = glossary()
    assert len(terms) >= 20, f"STYLE.ko.md: glossary table not found or too short ({len(terms)} terms)"
    koreans = [t.korean for t in terms]
    assert len(koreans) == len(set(koreans)), "STYLE.ko.md: one Korean word stands for two concepts"


def test_the_style_guide_and_the_site_glossary_list_the_same_terms() -> None:
    assert SITE_GLOSSARY.exists(), f"{rel(SITE_GLOSSARY)} is missing: the site's glossary page lists the terms"
    site = {(cells[0], cells[1]) for cells in table_rows(SITE_GLOSSARY.read_text(encoding="utf-8"),
                                                         "{ #terms }")}
    style = {(term.korean, term.english) for term in glossary()}
    only_site = sorted(site - style)
    only_style = sorted(style - site)
    assert not only_site and not only_style, (
        "STYLE.ko.md (용어집) and docs/ko/glossary.md (용어) must list the same terms:\n"
        + "".join(f"  only in docs/ko/glossary.md: {k} | {e}\n" for k, e in only_site)
        + "".join(f"  only in STYLE.ko.md: {k} | {e}\n" for k, e in only_style))


def problems_in(path: Path, terms: list[Term]) -> list[str]:
    problems = []
    for number, line in prose_lines(path):
        for term in terms:
            for word in term.avoid:
                if word in line:
                    problems.append(f"{number}: `{word}`: write `{term.korean}` ({term.english})")
            for gloss in re.finditer(r"\(([^()]*)\)", line):
                items = [item.strip().lower() for item in gloss.group(1).split(",")]
                if term.gloss in items and term.korean.lower() not in items \
                        and not line[:gloss.start()].rstrip("*_ ").endswith(term.korean):
                    before = line[max(0, gloss.start() - 12):gloss.start()]
                    problems.append(f"{number}: `…{before}({gloss.group(1)})`: the glossary's word for "
                                    f"{term.english} is `{term.korean}`")
    return problems


# "`(2, 20)`, 곧 `(batch_size, max_len)`": "곧" copying English "that is" between a value
# and its symbol (STYLE.ko.md, 번역투 "곧"). Checked on the raw line: the code is the point.
GON_CALQUE = re.compile(r"`[^`]*`(?:<!--.*?-->)*, 곧 `")


def calques_in(path: Path) -> list[str]:
    return [f"{number}: `{match.group(0)}…`: put the symbol in parentheses, "
            "`(2, 20)`(기호로는 `(batch_size, max_len)`)"
            for number, line in parse(path).prose_lines() for match in GON_CALQUE.finditer(line)]


RULES = {"용어집": lambda path: problems_in(path, glossary()), '번역투 "곧"': calques_in}


@pytest.mark.parametrize("rule", RULES, ids=["glossary", "gon"])
@pytest.mark.parametrize("path", KO_PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_korean_pages_keep_the_style_guide(path: Path, rule: str) -> None:
    where = rel(path)
    problems = RULES[rule](path)
    assert not problems, f"{where} (see STYLE.ko.md, {rule}):\n" + "\n".join(
        f"{where}:{problem}" for problem in problems)


@pytest.mark.parametrize("rule, body, said", [
    # Code in a fence, also one inside a note, is not prose; prose inside a note is.
    ("용어집", "히든 스테이트를 본다. 숨겨진 상태(hidden state)도 본다.\n노트의 \"히든 스테이트\"는 틀렸다. "
     "`레이어`는 코드다.\n\n```text\n레이어\n```\n\n!!! note \"참고\"\n\n    ```python\n    # 레이어\n"
     "    ```\n\n    타임스텝을 본다.\n",
     ["3: `히든 스테이트`: write `은닉 상태` (hidden state)",
      "3: `…를 본다. 숨겨진 상태(hidden state)`: the glossary's word for hidden state is `은닉 상태`",
      "16: `타임스텝`: write `시점` (time step)"]),
    # 생성 모델 usually means a generative model; the site's generator is 문장 생성기.
    ("용어집", "작은 생성 모델을 만든다. 문장 생성기(generator)는 쓴다.\n",
     ["3: `생성 모델`: write `문장 생성기` (generator)"]),
    ('번역투 "곧"', "형상은 `(2, 20)`<!-- shape: token_ids -->, 곧 `(batch_size, max_len)`이다.\n"
     "아래층의 출력이 곧 위층의 입력이다. `(2, 20)`(기호로는 `(b, m)`)이다.\n\n```text\n`(1, 2)`, 곧 `(a, b)`\n```\n",
     ["3: ``(2, 20)`<!-- shape: token_ids -->, 곧 `…`: put the symbol in parentheses, "
      "`(2, 20)`(기호로는 `(batch_size, max_len)`)"]),
], ids=["wrong-words", "one-word-for-the-generator", "gon-calque"])
def test_the_check_finds(tmp_path: Path, rule: str, body: str, said: list[str]) -> None:
    page = tmp_path / "page.md"
    page.write_text("# 제목 { #title }\n\n" + body, encoding="utf-8")
    assert RULES[rule](page) == said
