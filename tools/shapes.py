"""Shape claims: every tensor shape a page states, checked against the stored run.

A claim is a tuple followed by a tag naming the tensor it describes:

    `(1, 4, 3)`<!-- shape: hidden_states -->
    (batch_size, timesteps, units)<!-- shape: return_sequences_and_state:hidden_states -->
    3,104<!-- params: model.simple_rnn -->
    (h_0, h_1)<!-- not-shape -->

A tag binds to the nearest untagged tuple (or number, for params) before it on its line,
so it also works in tables, code comments and SVG text. A bare name resolves among the
snippets the page includes; `SNIPPET:NAME` names one outright (figures must). Symbols bind
to the snippet's top-level ints; `batch`/`batch_size` also match a None batch dimension.
Every shape-looking tuple that carries no tag fails: nothing slips through unchecked.
Reads generated/outputs/*.json only, so it needs no TensorFlow.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tools.layout import DOCS, IMG, LANGUAGES, OUTPUTS, Layout, rel
from tools.pages import Page, page_names, parse
from tools.records import Record, load_records

TAG = re.compile(r"<!--\s*(?:shape\s*:\s*[^>]*?|params\s*:\s*[^>]*?|not-shape)\s*-->")
_TERM = r"(?:None|\d+|[A-Za-z_][A-Za-z0-9_]*)"
_ELEM = rf"{_TERM}(?:\s*[*×+]\s*{_TERM})*"
# A parenthesised, comma-separated list of dims that is not a call or an index:
# `(1, 4, 3)`, `(20,)`, `(None, 20, 64)`, `(batch_size, max_len * units)`.
TUPLE = re.compile(rf"(?<![\w\])\]])\((?P<body>\s*{_ELEM}\s*,(?:\s*{_ELEM}\s*,)*\s*(?:{_ELEM}\s*)?)\)")
NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\w])|(?<![\w.,])\d+(?![\w.])")
ANY_TAG = re.compile(r"<!--\s*(?:(?P<kind>shape|params)\s*:\s*(?P<ref>[^>]*?)|(?P<not>not-shape))\s*-->")
BATCH_SYMBOLS = {"batch", "batch_size"}


def strip_tags(text: str) -> str:
    """Remove claim tags so readers see only the tuple."""
    return TAG.sub("", text)


@dataclass(frozen=True)
class Claim:
    where: str  # file
    line: int
    text: str  # as written: "(1, 4, 3)" or "3,104"
    kind: str  # "shape", "params" or "not-shape"
    ref: str = ""

    @property
    def place(self) -> str:
        return f"{self.where}:{self.line}"

    def dims(self) -> list[str]:
        return [d.strip() for d in self.text.strip()[1:-1].split(",") if d.strip()]


@dataclass
class Scan:
    claims: list[Claim]
    errors: list[str]


def scan(text: str, where: str) -> Scan:
    """Find every tuple and tag; pair each tag with the nearest untagged item before it."""
    claims: list[Claim] = []
    errors: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        tuples = [(m.start(), m.end(), m.group(0)) for m in TUPLE.finditer(line)]
        taken: set[int] = set()
        for tag in ANY_TAG.finditer(line):
            kind = tag.group("kind") or "not-shape"
            ref = (tag.group("ref") or "").strip()
            if kind == "params":
                before = [m for m in NUMBER.finditer(line, 0, tag.start())]
                if not before:
                    errors.append(f"{where}:{number}: `{tag.group(0)}` follows no number")
                    continue
                claims.append(Claim(where, number, before[-1].group(0), "params", ref))
                continue
            candidates = [i for i, (start, end, _) in enumerate(tuples) if end <= tag.start() and i not in taken]
            if not candidates:
                errors.append(f"{where}:{number}: `{tag.group(0)}` follows no shape-looking tuple")
                continue
            index = candidates[-1]
            taken.add(index)
            claims.append(Claim(where, number, tuples[index][2], kind, ref))
        for i, (_, _, found) in enumerate(tuples):
            if i not in taken:
                errors.append(f"{where}:{number}: {found} looks like a shape but is not checked; "
                              f"tag it `{found}<!-- shape: TENSOR -->` or `{found}<!-- not-shape -->`")
    return Scan(claims, errors)


def show(shape: list[int | None]) -> str:
    inner = ", ".join("None" if d is None else str(d) for d in shape)
    return f"({inner},)" if len(shape) == 1 else f"({inner})"


def resolve(claim: Claim, included: list[str], records: dict[str, Record],
            table: str) -> tuple[str, str] | str:
    """(snippet, name) that a claim's tag points at, or an error message."""
    if ":" in claim.ref:
        snippet, name = (part.strip() for part in claim.ref.split(":", 1))
        if snippet not in records:
            return f"{claim.place}: {claim.text} names snippet `{snippet}`, which has no stored output"
        if name not in records[snippet].table(table):
            return unknown(claim, name, [snippet], records, table)
        return snippet, name
    if not included:
        return (f"{claim.place}: {claim.text} names `{claim.ref}` but the page includes no snippet; "
                f"write `SNIPPET:{claim.ref}`")
    owners = [s for s in included if s in records and claim.ref in records[s].table(table)]
    if len(owners) == 1:
        return owners[0], claim.ref
    if len(owners) > 1:
        return (f"{claim.place}: {claim.text}: `{claim.ref}` exists in several included snippets "
                f"({', '.join(owners)}); write `SNIPPET:{claim.ref}`")
    return unknown(claim, claim.ref, included, records, table)


def unknown(claim: Claim, name: str, snippets: list[str], records: dict[str, Record],
            table: str) -> str:
    known = [k for s in snippets if s in records for k in records[s].table(table)]
    close = difflib.get_close_matches(name, known, n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    return (f"{claim.place}: {claim.text} names `{name}`, which snippets "
            f"{', '.join(f'snippets/{s}.py' for s in snippets)} do not make{hint}")


def evaluate(expr: str, ints: dict[str, int]) -> int | str:
    """Value of a dim like `max_len * units`, or the name of an unbound symbol."""
    total = 0
    for term in expr.split("+"):
        product = 1
        for factor in re.split(r"[*×]", term):
            factor = factor.strip()
            if factor.isdigit():
                product *= int(factor)
            elif factor in ints:
                product *= ints[factor]
            else:
                return factor
        total += product
    return total


def check_shape(claim: Claim, snippet: str, name: str, record: Record) -> str | None:
    real: list[int | None] = record.tensors[name]
    ints: dict[str, int] = record.ints
    dims = claim.dims()
    against = f"`{name}` in snippets/{snippet}.py"
    if len(dims) != len(real):
        return (f"{claim.place}: {claim.text} claims rank {len(dims)} for {against}, "
                f"but the run gives {show(real)} (rank {len(real)})")
    for index, (dim, value) in enumerate(zip(dims, real)):
        if dim == "None":
            if value is None or index == 0:
                continue
            return f"{claim.place}: {claim.text} has None at position {index}, but {against} is {show(real)}"
        if dim in BATCH_SYMBOLS and index == 0 and (value is None or dim not in ints):
            continue  # a model's symbolic batch, or a batch the snippet leaves unnamed
        got = evaluate(dim, ints)
        if isinstance(got, str):
            bound = ", ".join(f"{k} = {v}" for k, v in sorted(ints.items())) or "none"
            return (f"{claim.place}: {claim.text}: symbol `{got}` is not a top-level int of "
                    f"snippets/{snippet}.py (its ints: {bound})")
        if got != value:
            detail = "" if dim.isdigit() else f" ({dim} = {got})"
            return (f"{claim.place}: {claim.text} is not the shape of {against}: the run gives "
                    f"{show(real)}; position {index} is {value}, the claim says {dim}{detail}")
    return None


def check_claims(claims: list[Claim], included: list[str], records: dict[str, Record]
                 ) -> tuple[list[str], list[tuple[str, str, str, Claim]]]:
    """Errors, and each claim's resolved (kind, snippet:name, normalized text) for parity."""
    errors: list[str] = []
    resolved: list[tuple[str, str, str, Claim]] = []
    for claim in claims:
        if claim.kind == "not-shape":
            resolved.append(("not-shape", "", re.sub(r"\s+", "", claim.text), claim))
            continue
        table = "params" if claim.kind == "params" else "tensors"
        target = resolve(claim, included, records, table)
        if isinstance(target, str):
            errors.append(target)
            continue
        snippet, name = target
        record = records[snippet]
        if claim.kind == "params":
            real = record.params[name]
            if int(claim.text.replace(",", "")) != real:
                errors.append(f"{claim.place}: {claim.text} parameters claimed for `{name}` in "
                              f"snippets/{snippet}.py, but the run counts {real:,}")
        else:
            problem = check_shape(claim, snippet, name, record)
            if problem:
                errors.append(problem)
        resolved.append((claim.kind, f"{snippet}:{name}", re.sub(r"\s+", "", claim.text), claim))
    return errors, resolved


def check_page(page: Page, records: dict[str, Record]):
    found = scan(page.text, page.where)
    errors, resolved = check_claims(found.claims, page.snippets, records)
    return found.errors + errors, resolved


def check_svg(path: Path, records: dict[str, Record]) -> list[str]:
    found = scan(path.read_text(encoding="utf-8"), rel(path))
    errors, _ = check_claims(found.claims, [], records)
    return found.errors + errors


def check_docs(docs: Path = DOCS, outputs: Path = OUTPUTS, figures: list[Path] | None = None) -> list[str]:
    """Every claim in every page and figure, plus claim parity between the languages."""
    records = load_records(Layout(outputs=outputs))
    errors: list[str] = []
    for name in sorted(page_names(docs)):
        per_language = {}
        for lang in LANGUAGES:
            path = docs / lang / name
            if not path.exists():
                continue  # the parity check reports missing pages
            page_errors, resolved = check_page(parse(path), records)
            errors += page_errors
            per_language[lang] = resolved
        if len(per_language) == 2:
            errors += claim_parity(docs, name, per_language)
    svgs = figures if figures is not None else sorted(
        {*docs.rglob("*.svg"), *IMG.rglob("*.svg")})
    for svg in svgs:
        errors += check_svg(svg, records)
    return errors


def claim_parity(docs: Path, name: str, per_language: dict[str, list]) -> list[str]:
    """The same claims (same tensors, same shapes as written) in both languages."""
    keys = {lang: Counter((kind, target, text) for kind, target, text, _ in items)
            for lang, items in per_language.items()}
    errors = []
    ko, en = LANGUAGES
    for lang, other in ((ko, en), (en, ko)):
        extra = keys[lang] - keys[other]
        for kind, target, text, claim in per_language[lang]:
            if extra[(kind, target, text)] > 0:
                extra[(kind, target, text)] -= 1
                what = f"{text} ({kind} of {target})" if target else f"{text} ({kind})"
                errors.append(f"{claim.place}: claim {what} is made in docs/{lang}/{name} "
                              f"but not in docs/{other}/{name}")
    return errors
