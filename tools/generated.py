"""One freshness rule for every generated file the repository commits.

    generated/outputs/NAME.txt, .json    what each snippet printed and its run record   make outputs
    docs/assets/figures/*.svg             figures drawn by img/figures.py                make figures
    docs/assets/stepper/*.json            the RNN stepper's weights (tools/produce/stepper_data.py)  make figures
    generated/notebooks/LANG/PAGE.ipynb   chapter notebooks                              make notebooks
    data/*/*.tsv                          data sets written by data/*/make_*.py          make sync

The rule, the same for each: a file is stale when it is missing, when what makes it would now
write other bytes (for outputs: when the snippet, the pinned tensorflow-cpu/keras/numpy or the
stored text no longer match the record's hashes), or when nothing makes it any more. Stale
files are refreshed where that is possible (outputs need TensorFlow; the rest need nothing
beyond the docs toolchain), in dependency order (outputs first: figures and notebooks are
drawn from them). In CI (CI=true, or GENERATED=check) nothing is written: the check fails
and names every stale file and the command that refreshes it. Every build runs the check
alone (tools/hooks/check_generated.py): a build never writes a generated file.

    python -m tools.generated                  refresh what is stale   (`make sync`)
    python -m tools.generated --check          name what is stale, write nothing
    python -m tools.generated figures ...      only these kinds (outputs, figures, stepper, notebooks, data)
    python -m tools.generated --all outputs    re-run every snippet, stale or not (`make outputs ALL=1`)

The command line of every producer is this one: no producer imports this module back.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import importlib.util
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import img.figures
import img.svg
from tools.produce import notebooks, outputs, stepper_data
from tools.produce.outputs import Stale
from tools.layout import FIGURES, NOTEBOOKS, ROOT, Layout, rel
from tools.records import RecordError

Log = Callable[[str], None]


class GeneratedError(Exception):
    """Generated files are stale and were not (or could not be) refreshed; names them."""


# What a producer raises about its inputs (a snippet that fails, a record that is missing, a
# page that includes no snippet): each names its file, so it is said in one line, not a traceback.
PRODUCER_ERRORS: tuple[type[Exception], ...] = (
    GeneratedError, outputs.OutputError, notebooks.NotebookError, stepper_data.StepperDataError,
    img.figures.FigureError, RecordError)


@dataclass
class Kind:
    """One kind of generated file: how to find the stale ones and how to refresh them."""

    name: str
    command: str  # what a contributor runs to refresh it
    stale: Callable[[], list[Stale]]
    refresh: Callable[[Log], list[str]]  # refresh what is stale; return what was written or removed
    files: Callable[[], set[Path]]  # every file of this kind that should exist
    blocker: Callable[[], str | None] = lambda: None  # why it cannot be refreshed here, if it cannot
    after: tuple[str, ...] = ()  # the kinds it is drawn from: refreshed first, and fresh before it is


def mode() -> str:
    """`check` in CI (or GENERATED=check): never write; `auto` elsewhere: refresh what is stale."""
    return os.environ.get("GENERATED") or ("check" if os.environ.get("CI") == "true" else "auto")


def derived(name: str, command: str, expected: Callable[[], dict[Path, str]],
            existing: Callable[[], set[Path]], source: str,
            validate: Callable[[str, str], None] | None = None,
            after: tuple[str, ...] = ()) -> Kind:
    """A kind whose files are text computed in memory (figures, notebooks, data): stale is
    missing, different, or orphaned (in `existing` but no longer in `expected`)."""
    want = functools.cache(expected)  # made anew by each stale(), reused by refresh()

    def outdated() -> tuple[dict[Path, str], list[Path]]:
        """(the files to write, the orphans to delete)"""
        todo = {path: text for path, text in want().items()
                if not path.exists() or path.read_text(encoding="utf-8") != text}
        return todo, sorted(existing() - set(want()))

    def stale() -> list[Stale]:
        want.cache_clear()
        todo, orphans = outdated()
        found = [Stale(rel(path), "missing") for path in todo if not path.exists()]
        found += [Stale(rel(path), f"differs from what {source} makes now")
                  for path in todo if path.exists()]
        found += [Stale(rel(path), f"nothing makes it any more ({source}); the refresh deletes it")
                  for path in orphans]
        return found

    def refresh(log: Log) -> list[str]:
        # Every file made in memory first: a producer that fails writes none.
        todo, orphans = outdated()
        if validate:
            for path, text in todo.items():
                validate(text, rel(path))
        for path, text in todo.items():
            outputs.write_atomically(path, text)
        for path in orphans:
            path.unlink()
        changed = [rel(path) for path in [*todo, *orphans]]
        if changed:
            log(f"{name}: rewrote " + ", ".join(changed))
        return changed

    return Kind(name, command, stale, refresh, lambda: set(want()), after=after)


def outputs_kind(layout: Layout | None = None) -> Kind:
    layout = layout or Layout()

    def stale() -> list[Stale]:
        return [Stale(rel(layout.snippet(s.name)), s.reason) for s in outputs.find_stale(layout)]

    def blocker() -> str | None:
        if outputs.tensorflow_available():
            return None
        return "TensorFlow is not installed here to re-run them (`make outputs` installs it into .venv)"

    def refresh(log: Log) -> list[str]:
        return [rel(layout.txt(name)) for name in outputs.refresh(layout, log=log)]

    def files() -> set[Path]:
        return {f(p.stem) for p in layout.snippet_paths() for f in (layout.txt, layout.meta)}

    return Kind("outputs", "make outputs", stale, refresh, files, blocker)


_LOADED: dict[str, int] = {}


def figure_modules() -> ModuleType:
    """img.figures, reloaded when img/*.py changed since it was imported: `mkdocs serve` keeps
    one process, and a figure source saved there must redraw the figure on the next build."""
    modules = (img.svg, img.figures)  # img.svg first: img.figures imports names from it
    stamps = {m.__name__: Path(m.__file__ or "").stat().st_mtime_ns for m in modules}
    if any(_LOADED.setdefault(name, stamp) != stamp for name, stamp in stamps.items()):
        for module in modules:
            importlib.reload(module)
        _LOADED.update(stamps)
    return img.figures


def figures_kind(folder: Path = FIGURES) -> Kind:
    return derived("figures", "make figures",
                   lambda: {folder / name: text for name, text in figure_modules().render_all().items()},
                   lambda: set(folder.glob("*.svg")), "img/figures.py", after=("outputs",))


def stepper_kind(folder: Path = stepper_data.STEPPER, outputs_dir: Path | None = None) -> Kind:
    return derived("stepper", "make figures", lambda: stepper_data.render(outputs_dir, folder),
                   lambda: set(folder.glob("*.json")), "tools/produce/stepper_data.py",
                   after=("outputs",))


def notebooks_kind(root: Path = NOTEBOOKS, layout: Layout | None = None) -> Kind:
    return derived("notebooks", "make notebooks",
                   lambda: notebooks.expected(notebooks.load_site(), root=root, layout=layout),
                   lambda: set(root.rglob("*.ipynb")), "tools/produce/notebooks.py",
                   validate=notebooks.validate, after=("outputs",))


def data_kinds(data: Path = ROOT / "data") -> list[Kind]:
    """One kind per data/*/make_*.py: a seeded, standard-library script with `expected()`."""
    kinds = []
    for script in sorted(data.glob("*/make_*.py")):
        spec = importlib.util.spec_from_file_location(f"_data_{script.parent.name}", script)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        # A data script owns exactly the files it writes: there is no orphan to look for.
        kinds.append(derived("data", "make sync", module.expected, set, rel(script)))
    return kinds


def all_kinds() -> list[Kind]:
    """Every kind, in the order they must be refreshed."""
    return [outputs_kind(), figures_kind(), stepper_kind(), notebooks_kind(), *data_kinds()]


def sync(kinds: list[Kind] | None = None, how: str | None = None, log: Log = print) -> list[str]:
    """Refresh every stale file ("auto") or only name them ("check"); return what was written.

    Raises GeneratedError naming each stale file, why, and the command that refreshes it,
    when `how` is "check" or a kind cannot be refreshed on this machine. A producer's own
    error (a snippet that raises, a missing record) is one line of that message, and a kind
    drawn from a kind that is not fresh is not refreshed: it waits, said in one line."""
    how = how or mode()
    written: list[str] = []
    problems: list[str] = []
    failed = False  # a producer said its inputs are wrong (not only that files are stale)
    not_fresh: set[str] = set()
    for kind in kinds if kinds is not None else all_kinds():
        waiting = [name for name in kind.after if name in not_fresh]
        waits = (f"  {kind.name}: wait for {' and '.join(waiting)} (drawn from them: "
                 f"the next build, or `{kind.command}`, refreshes them after)")
        try:
            stale = kind.stale()
        except PRODUCER_ERRORS as exc:
            problems.append(waits if waiting else _indent(exc))
            failed = failed or not waiting
            not_fresh.add(kind.name)
            continue
        if not stale:
            continue
        not_fresh.add(kind.name)
        listing = [f"  {s.name}: {s.reason} (`{kind.command}`)" for s in stale]
        blocked = kind.blocker() if how != "check" else None
        if how == "check" or blocked:
            problems += listing + ([f"  ... {blocked}"] if blocked else [])
            continue
        if waiting:
            problems.append(waits)
            continue
        try:
            written += kind.refresh(log)
        except PRODUCER_ERRORS as exc:
            problems.append(_indent(exc))
            failed = True
            continue
        not_fresh.discard(kind.name)
    if problems:
        what = "checked only, nothing written" if how == "check" else "they cannot all be refreshed here"
        head = "generated files cannot be made" if failed else f"generated files are out of date ({what})"
        fix = ("Fix what is named and build again (or run the command named)" if failed
               else "Run the command named, then commit the files it writes")
        raise GeneratedError(f"{head}:\n" + "\n".join(problems) + f"\n{fix}.")
    return written


def _indent(exc: Exception) -> str:
    return "\n".join("  " + line if line.strip() else "" for line in str(exc).strip().splitlines())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.generated", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kinds", nargs="*", help="only these kinds (default: all)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if anything is stale")
    parser.add_argument("--all", action="store_true",
                        help="re-run every snippet first, stale or not (needs TensorFlow)")
    args = parser.parse_args(argv)
    kinds = [k for k in all_kinds() if not args.kinds or k.name in args.kinds]
    unknown = set(args.kinds) - {k.name for k in kinds}
    if unknown:
        parser.error(f"no kind {', '.join(sorted(unknown))} (kinds: {', '.join(k.name for k in all_kinds())})")
    if args.all and args.check:
        parser.error("--all re-runs snippets, --check writes nothing: choose one")
    try:
        if args.all:
            layout = Layout()
            ran = outputs.refresh(layout, [p.stem for p in layout.snippet_paths()])
            print(f"re-ran {len(ran)} snippet(s)")
        written = sync(kinds, "check" if args.check else "auto")
    except PRODUCER_ERRORS as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"refreshed {len(written)} generated file(s)" if written else "every generated file is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
