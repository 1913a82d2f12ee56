"""Claims: every shape, count, number and fact a page states, checked against the stored run.

A claim is the thing stated followed by a tag naming what in the run it describes:
`(1, 4, 3)`<!-- shape: hidden_states -->, 3,104<!-- params: model.simple_rnn -->,
0.9675<!-- value: final_state[0, 0] -->, a sentence<!-- fact: same -->, `text`<!-- quote: error -->,
or (h_0, h_1)<!-- not-shape --> and 1e-5<!-- not-value --> for what only looks like one; the
rules for authors are CONTRIBUTING.md's "State a shape" and "State a number or a result".
A tag binds to the nearest untagged item before it on its line, so it also works in tables,
code comments and SVG text; an item that needs a tag and has none fails, so nothing a run
printed slips through unchecked. Reads generated/outputs/*.json only: no TensorFlow.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.layout import DOCS, IMG, LANGUAGES, OUTPUTS, Layout, rel
from tools.pages import CLAIM_TAG, page_names, parse
from tools.records import Record, load_records

_TERM = r"(?:None|\d+|[A-Za-z_][A-Za-z0-9_]*)"
_ELEM = rf"{_TERM}(?:\s*[*×+]\s*{_TERM})*"
# A parenthesised, comma-separated list of dims that is not a call or an index:
# `(1, 4, 3)`, `(20,)`, `(None, 20, 64)`, `(batch_size, max_len * units)`.
TUPLE = re.compile(rf"(?<![\w\])\]])\((?P<body>\s*{_ELEM}\s*,(?:\s*{_ELEM}\s*,)*\s*(?:{_ELEM}\s*)?)\)")
# ASCII word characters only: a Korean particle right after a number (`0.5이면`, `3,104개`)
# does not make it part of a word.
_W = r"[A-Za-z0-9_]"
# Inside a printed array NumPy writes whole floats with a bare point: `[0. 1. 0. 0.]`.
_ELEMENT = r"-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?"
# What a value tag can bind to: a bracketed row as NumPy prints it (`[0.9675 0.0977]`,
# `[[1 2] [3 4]]`, `[1, 4, 5]`), True/False, or one number (`-0.0232`, `10,000`, `93.5%`).
VALUE_ITEM = re.compile(
    rf"(?P<array>(?<!{_W}|\])\[[\[\s]*{_ELEMENT}(?:[\s,\[\]]+{_ELEMENT})*[\s\]]*\])"
    rf"|(?P<bool>(?<!{_W}|\.)(?:True|False)(?!{_W}|\.))"
    rf"|(?P<number>(?<!{_W}|[.,])-?(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)%?(?!{_W}|\.\d|,\d))")
# Numbers that must carry a tag: decimals (what a run prints) and comma-grouped counts.
NEEDS_TAG = re.compile(rf"(?<!{_W}|[.,])-?(?:\d+\.\d+|\d{{1,3}}(?:,\d{{3}})+)(?!{_W}|\.\d|,\d)")
# A plain integer needs one too when it states a count: when it is 100 or more, when it is a
# percentage, or when a noun the pages count follows it. In English the number comes first
# ("32 units", "20 time steps", "a 4-token sentence"; "time step 0", "unit 3" name an item and
# are free); in Korean the counter or noun is written onto it ("유닛 32개", "64차원", "20단어";
# "시점 0" names one). `N차원` before 텐서/입력/배열 is a rank (a 3-D tensor), not a count.
_NOUNS = ("parameters?|units?|steps?|features?|epochs?|sentences?|tokens?|words?|dimensions?|dimensional"
          "|wide|numbers?|rows?|columns?|states?|inputs?|outputs?|vectors?|values?|elements?|ids?"
          "|documents?|subjects?|cop(?:y|ies)|probabilit(?:y|ies)|batch(?:es)?|pairs?|gates?|weights?"
          "|entr(?:y|ies)|samples?|examples?|layers?|labels?|characters?")
_MODIFIERS = ("hidden|time|real|input|output|training|validation|embedding|padding|token|word|twin"
              "|more|other|new|reserved|recurrent|positive|negative|english|korean|distinct|trainable")
COUNTED = re.compile(rf"[`*$]*(?:(?:[ \t]+|-)(?:(?i:{_MODIFIERS})[ \t-]){{0,2}}(?P<en>(?i:{_NOUNS}))(?![A-Za-z])"
                     rf"|[ \t]?(?P<ko>개|차원(?![ \t]*(?:텐서|입력|배열))|단어|토큰|시점|에포크|문장|유닛|파라미터|특성|쌍))")
# Where an integer names something instead of counting it: a list marker, a version or a
# standard's number (Keras 3, Python 3, WCAG 2, UTF-8). A year (1900-2099) is not counted as
# 100 or more, though "2000 sentences" still counts sentences.
NAMES_A_NUMBER = re.compile(r"^[ \t>]*(?:[-*+][ \t]+)?(?=\d+[.)](?:[ \t]|$))"
                            r"|(?<![\w.-])(?:Keras|Python|TensorFlow|tensorflow-cpu|NumPy|numpy|keras|MkDocs"
                            r"|Node\.js|Chromium|Debian|Ubuntu|WCAG|ISO|RFC|PEP|UTF|IEEE|ECMA|ES|HTML|CSS|SVG)"
                            r"[ \t-]?(?=\d)")
# A quote binds to the code span or quoted text right before its tag.
QUOTED = re.compile(r"`(?P<code>[^`]+)`|\"(?P<dq>[^\"]+)\"|“(?P<curly>[^”]+)”")
# Places on a line that hold no stated numbers: link targets, URLs, attributes, heading ids.
NOT_PROSE = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+|\b(?:href|src|id|class)=\"[^\"]*\""
                       r"|\{\s*#[^}]*\}|<!--.*?-->")
SVG_MARKUP = re.compile(r"<style>.*?</style>|<(?!!--)[^>]*>", re.DOTALL)
# What every tag, tuple and item above needs at least one of (a cheap test before them).
MAY_HOLD_AN_ITEM = re.compile(r"<!--|\d|[(\[]|True|False")
BATCH_SYMBOLS = {"batch", "batch_size"}


def strip_tags(text: str) -> str:
    """Remove claim tags so readers see only what is stated."""
    return CLAIM_TAG.sub("", text)


@dataclass(frozen=True)
class Claim:
    where: str  # file
    line: int
    text: str  # as written: "(1, 4, 3)", "3,104", "[0.9675 0.0977]", "True", a quote; "" for a fact
    kind: str  # "shape", "params", "value", "quote", "fact", "not-shape" or "not-value"
    ref: str = ""
    column: int = -1  # where on its line the stated text starts (-1: a fact states no text)

    @property
    def place(self) -> str:
        return f"{self.where}:{self.line}"

    def dims(self) -> list[str]:
        return [d.strip() for d in self.text.strip()[1:-1].split(",") if d.strip()]


@dataclass
class Scan:
    claims: list[Claim]
    errors: list[str]


def _blank(line: str, pattern: re.Pattern[str]) -> str:
    """The line with every match of `pattern` turned into spaces (positions kept)."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), line)


def needs_count_tag(prose: str, start: int, end: int) -> str | None:
    """Why the plain integer at prose[start:end] states a count (so needs a tag), or None."""
    written = prose[start:end]
    if not re.fullmatch(r"-?\d+%?", written):
        return None
    if written.endswith("%"):
        return "a percentage"
    counted = COUNTED.match(prose, end)
    closing = re.match(r"[`*$]*", prose[end:]).group(0)
    if counted and closing and not prose[:start].endswith(closing[::-1]):
        counted = None  # `max_len - 2`개: the number is part of a formula; `32` units counts
    if counted:
        return f"a count: \"{prose[start:counted.end()]}\""
    value = abs(int(written))
    if value >= 100 and not (len(written) == 4 and 1900 <= value <= 2099):
        return "100 or more"
    return None


def scan(text: str, where: str, code: AbstractSet[int] | None = None) -> Scan:
    """Find every tag and every item that needs one; pair each tag with the nearest item before it.

    `code` holds the line numbers of fenced code (snippet-like code states no run's numbers:
    only shapes are looked for there); None means the text has none (an SVG).
    """
    claims: list[Claim] = []
    errors: list[str] = []
    code = code or set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not MAY_HOLD_AN_ITEM.search(line):  # most lines: nothing below could match
            continue
        in_code = number in code
        untagged, prose = _blank(line, CLAIM_TAG), _blank(line, NOT_PROSE)
        tuples = [(m.start(), m.end(), m.group(0)) for m in TUPLE.finditer(untagged)]
        items = [] if in_code else [(m.start(), m.end(), m.group(0)) for m in VALUE_ITEM.finditer(prose)]
        # A quote's text starts after its opening mark.
        quotes = [(m.start() + 1, m.end(), next(g for g in m.groups() if g is not None))
                  for m in QUOTED.finditer(untagged)]
        taken_tuples: set[int] = set()
        taken_items: set[int] = set()
        for tag in CLAIM_TAG.finditer(line):
            kind = tag.group("kind") or tag.group("not")
            ref = (tag.group("ref") or "").strip()
            if kind == "fact":
                claims.append(Claim(where, number, "", "fact", ref))
                continue
            # The nearest item before the tag that no other tag took (a quote may be quoted
            # twice): `3104`, `3,104`, `32` bind alike to a number.
            if kind == "quote":
                pool, taken, what = quotes, set(), "`code` or \"quoted\" text"
            elif kind in ("params", "value", "not-value"):
                pool, taken = items, taken_items
                what = "whole number" if kind == "params" else "number, [row] or True/False"
            else:
                pool, taken, what = tuples, taken_tuples, "shape-looking tuple"
            candidates = [i for i, (_, end, found) in enumerate(pool)
                          if end <= tag.start() and i not in taken
                          and (kind != "params" or re.fullmatch(r"\d+|\d{1,3}(?:,\d{3})+", found))]
            if not candidates:
                errors.append(f"{where}:{number}: `{tag.group(0)}` follows no {what}")
                continue
            taken.add(candidates[-1])
            start, _, found = pool[candidates[-1]]
            claims.append(Claim(where, number, found, kind, ref, start))
        for i, (_, _, found) in enumerate(tuples):
            if i not in taken_tuples:
                errors.append(f"{where}:{number}: {found} looks like a shape but is not checked; "
                              f"tag it `{found}<!-- shape: TENSOR -->` or `{found}<!-- not-shape -->`")
        if in_code:
            continue
        named = {m.end() for m in NAMES_A_NUMBER.finditer(prose)}
        for i, (start, end, found) in enumerate(items):
            if i in taken_items or start in named or any(s < end and start < e for s, e, _ in tuples):
                continue
            if NEEDS_TAG.search(found):
                errors.append(f"{where}:{number}: {found} looks like a number from a run but is not "
                              f"checked; write `<!-- value: NAME -->` (or `<!-- params: NAME -->`) right "
                              f"after it, or `<!-- not-value -->` if no run printed it")
                continue
            reason = needs_count_tag(prose, start, end)
            if reason:
                errors.append(f"{where}:{number}: {found} states a number ({reason}) but is not checked; "
                              f"write `{found}<!-- value: NAME -->` (or `<!-- params: NAME -->`), or "
                              f"`{found}<!-- not-value -->` if no run gives it")
    return Scan(claims, errors)


def show(shape: list[int | None]) -> str:
    inner = ", ".join("None" if d is None else str(d) for d in shape)
    return f"({inner},)" if len(shape) == 1 else f"({inner})"


TABLES = {"shape": "tensors", "params": "params", "value": "values", "quote": "values", "fact": "values"}


def table_of(record: Record, table: str) -> dict[str, Any]:
    """A record's table by name; a value tag also reads every top-level int (`value: units`)."""
    return {**record.ints, **record.values} if table == "values" else record.table(table)


def split_ref(ref: str, table: dict[str, Any]) -> tuple[str, str]:
    """`outputs_all[0][1, 2]` -> (`outputs_all[0]`, `[1, 2]`): the longest recorded name first."""
    if ref in table:
        return ref, ""
    for cut in sorted((m.start() for m in re.finditer(r"\[", ref)), reverse=True):
        if ref[:cut] in table:
            return ref[:cut], ref[cut:]
    return ref, ""


def absent(ref: str, record: Record, table: str, indexed: bool) -> str | None:
    """The name in `ref` that the record's table does not hold, or None when it holds them all."""
    if indexed and is_computed(ref):
        return missing_term(ref, record)
    key = split_ref(ref, table_of(record, table))[0] if indexed else ref
    return None if key in table_of(record, table) else key


def resolve(claim: Claim, included: list[str], records: dict[str, Record],
            table: str) -> tuple[str, str] | str:
    """(snippet, name) that a claim's tag points at, or an error message."""
    ref = claim.ref.removeprefix("not ").strip() if claim.kind == "fact" else claim.ref
    indexed = claim.kind == "value"
    shown = claim.text or f"<!-- fact: {claim.ref} -->"
    if ":" in ref:
        snippet, name = (part.strip() for part in ref.split(":", 1))
        if snippet not in records:
            return f"{claim.place}: {shown} names snippet `{snippet}`, which has no stored output"
        missing = absent(name, records[snippet], table, indexed)
        return unknown(claim, missing, [snippet], records, table) if missing else (snippet, name)
    if not included:
        return (f"{claim.place}: {shown} names `{ref}` but the page includes no snippet; "
                f"write `SNIPPET:{ref}`")
    owners = [s for s in included
              if s in records and absent(ref, records[s], table, indexed) is None]
    if len(owners) == 1:
        return owners[0], ref
    if len(owners) > 1:
        return (f"{claim.place}: {shown}: `{ref}` exists in several included snippets "
                f"({', '.join(owners)}); write `SNIPPET:{ref}`")
    if indexed and is_computed(ref):
        first = next((s for s in included if s in records), None)
        name = (missing_term(ref, records[first]) if first else None) or ref
    else:
        name = (re.sub(r"\[.*$", "", ref) or ref) if indexed else ref  # the name, without its index
    return unknown(claim, re.sub(r"\.shape\[.*$|\[.*$", "", name) or name, included, records, table)


# A value tag may also name a count the run gives without binding it to a name of its own, as
# a shape's dimension may be `max_len * units`: a tensor's dimension (`stacked_kernel.shape[0]`),
# or a sum, difference or product of recorded ints, dimensions and whole numbers
# (`embedding_dim + units`, `max_len - lengths[1]`).
OPERATOR = re.compile(r"\s*([-+*×])\s*(?![^\[]*\])")  # outside brackets: `x[0, -1]` is one term
SHAPE_DIM = re.compile(r"(?P<tensor>.+)\.shape\[(?P<axis>-?\d+)\]")


def is_computed(ref: str) -> bool:
    return len(OPERATOR.split(ref.strip())) > 1 or SHAPE_DIM.fullmatch(ref.strip()) is not None


def missing_term(ref: str, record: Record) -> str | None:
    """The first name in a computed ref that the record does not hold, or None."""
    for term in OPERATOR.split(ref.strip())[::2]:
        dim = SHAPE_DIM.fullmatch(term)
        if term.isdigit() or (dim and dim["tensor"] in record.tensors) \
                or (not dim and split_ref(term, table_of(record, "values"))[0] in table_of(record, "values")):
            continue
        return term
    return None


def compute(ref: str, record: Record) -> int | str:
    """The whole number a computed ref gives in this run (products before sums), or why not."""
    parts = OPERATOR.split(ref.strip())
    numbers: list[int] = []
    for term in parts[::2]:
        dim = SHAPE_DIM.fullmatch(term)
        try:
            if term.isdigit():
                value: Any = int(term)
            elif dim:
                value = record.tensors[dim["tensor"]][int(dim["axis"])]
            else:
                scalars = table_of(record, "values")
                key, suffix = split_ref(term, scalars)
                value = index_value(scalars[key], suffix)
        except (KeyError, IndexError, ValueError, TypeError) as exc:
            return f"cannot read `{term}` ({exc})"
        if isinstance(value, bool) or not isinstance(value, int):
            return f"`{term}` is {fmt_real(value)}, not a whole number"
        numbers.append(value)
    return arithmetic(numbers, parts[1::2])


def arithmetic(numbers: list[int], operators: list[str]) -> int:
    """`numbers` joined by `operators` (+, -, *, ×), products before sums."""
    total, product, sign = 0, numbers[0], 1
    for operator, number in zip(operators, numbers[1:]):
        if operator in "*×":
            product *= number
            continue
        total += sign * product
        product, sign = number, (1 if operator == "+" else -1)
    return total + sign * product


def unknown(claim: Claim, name: str, snippets: list[str], records: dict[str, Record],
            table: str) -> str:
    known = [k for s in snippets if s in records for k in table_of(records[s], table)]
    close = difflib.get_close_matches(name, known, n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    shown = claim.text or f"<!-- fact: {claim.ref} -->"
    what = {"tensors": "make", "params": "count", "values": "record"}[table]
    return (f"{claim.place}: {shown} names `{name}`, which snippets "
            f"{', '.join(f'snippets/{s}.py' for s in snippets)} do not {what}{hint}")


def evaluate(expr: str, ints: dict[str, int]) -> int | str:
    """Value of a dim like `max_len * units`, or the name of an unbound symbol."""
    parts = OPERATOR.split(expr.strip())
    for term in parts[::2]:
        if not term.isdigit() and term not in ints:
            return term
    return arithmetic([int(t) if t.isdigit() else ints[t] for t in parts[::2]], parts[1::2])


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


def index_value(value: Any, suffix: str) -> Any:
    """`value[0, -1][2]` as NumPy would index a nested list; raises IndexError/ValueError."""
    for group in re.findall(r"\[([^\]]*)\]", suffix):
        for part in group.split(","):
            part = part.strip()
            if not isinstance(value, list):
                raise IndexError(f"too many indices in {suffix}")
            value = value[int(part)]
    if re.sub(r"\[[^\]]*\]", "", suffix).strip():
        raise ValueError(f"cannot read index {suffix!r}")
    return value


def flatten(value: Any) -> list[Any]:
    if isinstance(value, list):
        return [x for item in value for x in flatten(item)]
    return [value]


def parse_numbers(text: str) -> list[tuple[float, float]]:
    """(number, tolerance) for each number written in a claim: d decimals -> 0.5 * 10^-d."""
    found = []
    for match in re.finditer(r"-?(?:\d{1,3}(?:,\d{3})+|\d+(?:\.(\d+))?(?:[eE][-+]?\d+)?)(%?)", text):
        written = match.group(0).rstrip("%").replace(",", "")
        decimals = len(match.group(1) or "")
        value = float(written)
        tolerance = 0.5 * 10 ** -decimals if "." in written else 0.0
        if match.group(2):  # 93.5% of 1
            value, tolerance = value / 100, (0.5 * 10 ** -decimals) / 100
        found.append((value, tolerance))
    return found


def fmt_real(value: Any) -> str:
    if isinstance(value, list):
        return "[" + " ".join(fmt_real(v) for v in value) + "]"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def check_value(claim: Claim, snippet: str, name: str, record: Record) -> str | None:
    values = table_of(record, "values")
    against = f"`{name}` in snippets/{snippet}.py"
    if is_computed(name):
        real: Any = compute(name, record)
        if isinstance(real, str):
            return f"{claim.place}: {claim.text}: {against}: {real}"
    else:
        key, suffix = split_ref(name, values)
        try:
            real = index_value(values[key], suffix)
        except (IndexError, ValueError, TypeError) as exc:
            return (f"{claim.place}: {claim.text}: cannot index {against} ({exc}); "
                    f"the run recorded {fmt_real(values[key])}")
    text = claim.text.strip()
    if text in ("True", "False"):
        if not isinstance(real, bool) or (text == "True") != real:
            return f"{claim.place}: {text} is claimed for {against}, but the run records {fmt_real(real)}"
        return None
    claimed = parse_numbers(text)
    flat = flatten(real)
    if any(isinstance(x, (bool, str)) or x is None for x in flat):
        return f"{claim.place}: {text} is claimed for {against}, but the run records {fmt_real(real)}"
    if len(claimed) != len(flat):
        return (f"{claim.place}: {text} states {len(claimed)} number(s) for {against}, which holds "
                f"{len(flat)}: {fmt_real(real)}")
    for position, ((number, tolerance), actual) in enumerate(zip(claimed, flat)):
        if tolerance == 0.0 and isinstance(actual, float):
            tolerance = 0.5  # a float written as a whole number (6,671) is rounded to one
        if not math.isclose(number, actual, rel_tol=0.0, abs_tol=tolerance + 1e-9):
            where = f" (number {position + 1})" if len(flat) > 1 else ""
            return (f"{claim.place}: {text} is not what the run gives for {against}{where}: "
                    f"the run records {fmt_real(real)}")
    return None


def check_fact(claim: Claim, snippet: str, name: str, record: Record) -> str | None:
    negated = claim.ref.startswith("not ")
    real = record.values.get(name)
    stated = f"`{name}` is {'False' if negated else 'True'}"
    if not isinstance(real, bool):
        return (f"{claim.place}: the sentence states {stated}, but `{name}` in snippets/{snippet}.py "
                f"is not a boolean (the run records {fmt_real(real)})")
    if real == negated:
        return (f"{claim.place}: the sentence states {stated}, but snippets/{snippet}.py "
                f"records {name} = {real}")
    return None


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check_quote(claim: Claim, snippet: str, name: str, record: Record) -> str | None:
    real = record.values.get(name)
    if not isinstance(real, str):
        return (f"{claim.place}: \"{claim.text}\" quotes `{name}` in snippets/{snippet}.py, which is "
                f"not a captured text (the run records {fmt_real(real)})")
    if normalize(claim.text) not in normalize(real):
        return (f"{claim.place}: \"{claim.text}\" is not in what snippets/{snippet}.py captured as "
                f"`{name}`: \"{real[:300]}\"")
    return None


def check_params(claim: Claim, snippet: str, name: str, record: Record) -> str | None:
    real = record.params[name]
    if int(claim.text.replace(",", "")) == real:
        return None
    return (f"{claim.place}: {claim.text} parameters claimed for `{name}` in "
            f"snippets/{snippet}.py, but the run counts {real:,}")


CHECKS = {"shape": check_shape, "params": check_params, "value": check_value, "fact": check_fact,
          "quote": check_quote}


def parity_text(claim: Claim) -> str:
    if claim.kind == "fact":
        return "not" if claim.ref.startswith("not ") else ""
    if claim.kind == "quote":
        return normalize(claim.text)
    return re.sub(r"\s+", "", claim.text)


def check_claims(claims: list[Claim], included: list[str], records: dict[str, Record]
                 ) -> tuple[list[str], list[tuple[str, str, str, Claim]]]:
    """Errors, and each claim's resolved (kind, snippet:name, normalized text) for parity."""
    errors: list[str] = []
    resolved: list[tuple[str, str, str, Claim]] = []
    for claim in claims:
        if claim.kind in ("not-shape", "not-value"):
            resolved.append((claim.kind, "", parity_text(claim), claim))
            continue
        target = resolve(claim, included, records, TABLES[claim.kind])
        if isinstance(target, str):
            errors.append(target)
            continue
        snippet, name = target
        if claim.kind == "fact":
            name = name.removeprefix("not ").strip()
        problem = CHECKS[claim.kind](claim, snippet, name, records[snippet])
        if problem:
            errors.append(problem)
        resolved.append((claim.kind, f"{snippet}:{name}", parity_text(claim), claim))
    return errors, resolved


def svg_text(svg: str) -> str:
    """What a reader sees of a figure: its text, with markup (coordinates, path data, styles)
    blanked out, every position kept."""
    return _blank(svg, SVG_MARKUP)


def check_svg(path: Path, records: dict[str, Record]) -> list[str]:
    where = rel(path)
    found = scan(svg_text(path.read_text(encoding="utf-8")), where)
    errors, _ = check_claims(found.claims, [], records)
    return found.errors + errors


def check_docs(docs: Path = DOCS, outputs: Path = OUTPUTS, figures: list[Path] | None = None,
               languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    """Every claim in every page and figure of `languages`; claim parity between the languages
    when all of them are checked (a one-language build checks its own pages only)."""
    records = load_records(Layout(outputs=outputs))
    errors: list[str] = []
    for name in sorted(page_names(docs)):
        per_language = {}
        for lang in languages:
            path = docs / lang / name
            if not path.exists():
                continue  # the parity check reports missing pages
            page = parse(path)
            found = scan(page.text, page.where, page.code_lines)
            page_errors, per_language[lang] = check_claims(found.claims, page.snippets, records)
            errors += found.errors + page_errors
        if len(per_language) == len(LANGUAGES):
            errors += claim_parity(name, per_language)
    svgs = figures if figures is not None else sorted(
        {*docs.rglob("*.svg"), *IMG.rglob("*.svg")})
    for svg in svgs:
        language = svg.name.split(".")[-2] if svg.name.count(".") >= 2 else None  # NAME.LANG.svg
        if language is None or language not in LANGUAGES or language in languages:
            errors += check_svg(svg, records)
    return errors


def claim_parity(name: str, per_language: dict[str, list]) -> list[str]:
    """The same claims (same targets, same values as written) in both languages.

    Quotes are exempt from the text match (a quoted error is the same English text in both
    languages, but a page may quote less of it); their targets must still match.
    """
    def key(kind: str, target: str, text: str) -> tuple[str, str, str]:
        return (kind, target, "" if kind == "quote" else text)

    keys = {lang: Counter(key(kind, target, text) for kind, target, text, _ in items)
            for lang, items in per_language.items()}
    errors = []
    # Every language against the default one, both ways: what one says, the other must say.
    default, *others = LANGUAGES
    pairs = [pair for lang in others for pair in ((default, lang), (lang, default))]
    for lang, other in pairs:
        extra = keys[lang] - keys[other]
        for kind, target, text, claim in per_language[lang]:
            k = key(kind, target, text)
            if extra[k] > 0:
                extra[k] -= 1
                what = f"{text or target} ({kind} of {target})" if target else f"{text} ({kind})"
                errors.append(f"{claim.place}: claim {what} is made in docs/{lang}/{name} "
                              f"but not in docs/{other}/{name}")
    return errors
