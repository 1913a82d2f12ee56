"""Stored snippet outputs: what each snippet really printed, and whether that is still true.

For every `snippets/NAME.py` the repo keeps two generated files:
  generated/outputs/NAME.txt   what the snippet printed (shown on the page)
  generated/outputs/NAME.json  its run record (tools/records.py)
A record is fresh when the snippet's bytes, the pinned tensorflow-cpu/keras/numpy versions
(read from requirements.txt) and the .txt all hash to what the .json says. Checking that
needs no TensorFlow; only re-running stale snippets (`make outputs`, tools/generated.py) does.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import re
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, NamedTuple

from tools.layout import REQUIREMENTS, ROOT, Layout, rel
from tools.records import Record, RecordError, load_record

KEY_PACKAGES = ("tensorflow-cpu", "keras", "numpy")
DEFAULT_TIMEOUT = float(os.environ.get("SNIPPET_TIMEOUT", "120"))
STARTUP_LIMIT = 300.0  # seconds for the worker to import TensorFlow and reach its first snippet

# Quiet TensorFlow so its log lines never end up in a captured output, and make runs
# repeatable (oneDNN changes float summation order). COLUMNS=84: Keras draws a summary()
# table 4 columns narrower than the terminal, so 80 wide, the site's column (tools/parts.py).
RUN_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0", "PYTHONHASHSEED": "0",
           "CUDA_VISIBLE_DEVICES": "", "PYTHONIOENCODING": "utf-8", "COLUMNS": "84"}


class OutputError(Exception):
    """A problem with a snippet or its stored output; the message names the file."""


class Stale(NamedTuple):
    """What is stale, and why: a file relative to the root (tools/generated.py), or a snippet
    by name (find_stale)."""

    name: str
    reason: str


class Result(NamedTuple):
    name: str
    stdout: str
    tensors: dict[str, Any]
    ints: dict[str, int]
    params: dict[str, int]
    values: dict[str, Any]  # small arrays, scalars, bools, strings
    parts: list[tuple[str, int, int]]  # each part's cut of stdout
    seconds: float  # the snippet's own run time, TensorFlow's import excluded


def sha256(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def pinned_versions(requirements: Path = REQUIREMENTS) -> dict[str, str]:
    """The exact pins of the packages that decide what a snippet prints."""
    pins: dict[str, str] = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*([A-Za-z0-9_.-]+)\s*==\s*([^\s#;]+)", line)
        if match and match.group(1).lower() in KEY_PACKAGES:
            pins[match.group(1).lower()] = match.group(2)
    missing = [p for p in KEY_PACKAGES if p not in pins]
    if missing:
        raise OutputError(f"{requirements}: no exact pin (==) for {', '.join(missing)}")
    return pins


def find_stale(layout: Layout) -> list[Stale]:
    """Every snippet whose stored output is missing or no longer true, and every orphan."""
    pins = pinned_versions(layout.requirements)
    stale: list[Stale] = []
    paths = layout.snippet_paths()
    for path in paths:
        name, txt = path.stem, layout.txt(path.stem)
        try:
            record = load_record(name, layout)
        except RecordError:
            record = None
        if record is None or not txt.exists():
            stale.append(Stale(name, "no stored output"))
        elif record.snippet_sha256 != sha256(path.read_bytes()):
            stale.append(Stale(name, "changed since its output was stored"))
        elif record.versions != pins:
            diff = ", ".join(f"{k} {record.versions.get(k)} -> {v}"
                             for k, v in pins.items() if record.versions.get(k) != v)
            stale.append(Stale(name, f"pinned versions changed ({diff})"))
        elif record.output_sha256 != sha256(txt.read_bytes()):
            stale.append(Stale(name, f"{rel(txt)} was edited by hand (its hash does not match "
                                     f"{rel(layout.meta(name))})"))
    names = {p.stem for p in paths}
    for meta in sorted(layout.outputs.glob("*.json")):  # none when the folder is missing
        if meta.stem not in names:
            stale.append(Stale(meta.stem, f"{rel(meta)} has no snippet "
                                          f"{rel(layout.snippet(meta.stem))}"))
    return stale


def tensorflow_available() -> bool:
    # find_spec looks on disk only: it does not import TensorFlow. A finder that refuses
    # it (tests build the site that way, as a prose contributor would) counts as missing.
    try:
        return importlib.util.find_spec("tensorflow") is not None
    except ImportError:
        return False


def check_installed_versions(pins: dict[str, str]) -> None:
    wrong = []
    for package, pinned in pins.items():
        try:
            installed = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            installed = "not installed"
        if installed != pinned:
            wrong.append(f"{package} {installed} (requirements.txt pins {pinned})")
    if wrong:
        raise OutputError("cannot refresh outputs with the wrong packages installed: "
                          + "; ".join(wrong) + ". Run `make install`.")


def run_snippets(paths: list[Path], timeout: float = DEFAULT_TIMEOUT,
                 cwd: Path = ROOT) -> tuple[dict[str, Result], list[str]]:
    """Run snippets in one worker process; return results and failure messages.

    A snippet that raises is reported with its file, line and traceback. One that runs
    past `timeout` seconds is stopped, reported by name, and the rest go on in a new worker.
    """
    results: dict[str, Result] = {}
    failures: list[str] = []
    todo = list(paths)
    env = {**os.environ, **RUN_ENV}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    while todo:
        with tempfile.TemporaryFile() as stderr:
            proc = subprocess.Popen([sys.executable, "-m", "tools.produce.snippet_worker"],
                                    cwd=cwd, env=env, stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=stderr)
            assert proc.stdin and proc.stdout
            proc.stdin.write(json.dumps([str(p) for p in todo]).encode())
            proc.stdin.close()
            # The worker's start-up (Python, then one TensorFlow import) is not any snippet's
            # time: the per-snippet clock starts at each snippet's "start" event.
            startup = max(timeout, STARTUP_LIMIT)
            deadline = time.monotonic() + startup
            # todo[started - 1] is the last snippet started; `running` until it is done.
            started, running, buffer = 0, False, b""
            while True:
                remaining = deadline - time.monotonic()
                ready, _, _ = select.select([proc.stdout], [], [], max(remaining, 0))
                chunk = os.read(proc.stdout.fileno(), 1 << 16) if ready else b""
                if not chunk:  # past the deadline (killed), or the worker exited
                    if not ready:
                        proc.kill()
                    proc.wait()
                    break
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for event in map(json.loads, lines):
                    running = event["event"] == "start"
                    if running:
                        started += 1
                        deadline = time.monotonic() + timeout
                    elif event["event"] == "done":
                        fields = {**event, "parts": [tuple(p) for p in event["parts"]]}
                        results[event["name"]] = Result(*(fields[f] for f in Result._fields))
                    else:
                        failures.append(f"{event['where']}: {event['message']}\n{event['traceback'].rstrip()}")
            if not ready and not started:
                failures.append(f"the snippet worker did not start within {startup:g} s")
            elif not ready:
                failures.append(f"{rel(todo[started - 1])}: stopped after {timeout:g} s "
                                f"(SNIPPET_TIMEOUT); a snippet must finish well within it")
            elif running:
                stderr.seek(0)
                tail = stderr.read().decode(errors="replace")[-2000:]
                failures.append(f"{rel(todo[started - 1])}: the worker died "
                                f"(exit {proc.returncode}) while running it:\n{tail}")
            todo = todo[started:] if started and (running or not ready) else []
    return results, failures


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` so that a reader (or a crash) sees the old file or the new one,
    never half of either: a temporary file beside it, then one rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.",
                                     suffix=".tmp", delete=False) as handle:
        handle.write(text)
    os.chmod(handle.name, 0o644)  # a temporary file is private (0600); what it becomes is not
    os.replace(handle.name, path)


def store(layout: Layout, path: Path, result: Result, pins: dict[str, str]) -> None:
    """Store a successful run. The record goes last: until it is replaced, the old record's
    hash no longer matches the new text, so an interrupted store reads as stale, not as fresh."""
    record = Record(result.name, rel(path), sha256(path.read_bytes()), pins, sha256(result.stdout),
                    result.tensors, result.ints, result.params, result.values, list(result.parts))
    write_atomically(layout.txt(result.name), result.stdout)
    write_atomically(layout.meta(result.name), record.to_json())


def refresh(layout: Layout, names: list[str] | None = None, timeout: float = DEFAULT_TIMEOUT,
            log=print) -> list[str]:
    """Re-run the given snippets (default: the stale ones); return the names that ran."""
    pins = pinned_versions(layout.requirements)
    all_paths = {p.stem: p for p in layout.snippet_paths()}
    if names is None:
        stale = find_stale(layout)
        for item in stale:
            if item.name not in all_paths:
                log(f"removing orphan output {item.name}: {item.reason}")
                layout.txt(item.name).unlink(missing_ok=True)
                layout.meta(item.name).unlink(missing_ok=True)
        names = [s.name for s in stale if s.name in all_paths]
    unknown = [n for n in names if n not in all_paths]
    if unknown:
        raise OutputError("no such snippet: " + ", ".join(f"snippets/{n}.py" for n in unknown))
    if not names:
        return []
    check_installed_versions(pins)
    paths = [all_paths[n] for n in names]
    log("running " + ", ".join(rel(p) for p in paths))
    results, failures = run_snippets(paths, timeout)
    for path in paths:
        if path.stem in results:
            store(layout, path, results[path.stem], pins)
            log(f"wrote {rel(layout.txt(path.stem))} and {rel(layout.meta(path.stem))}")
    if failures:
        # A failed run writes nothing: the last good output stays in the tree (stale, so no
        # build passes with it), and `git commit -a` cannot commit its deletion.
        kept = [f"{rel(layout.txt(p.stem))} and .json kept as they were (the last good run)"
                if layout.txt(p.stem).exists() else f"{rel(layout.txt(p.stem))}: none stored yet"
                for p in paths if p.stem not in results]
        raise OutputError("snippet failed:\n" + "\n".join(failures) + "\n" + "\n".join(kept)
                          + "\nFix the snippet, then run `make sync` (or `make outputs`).")
    return [n for n in names if n in results]


NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def compare_outputs(stored: str, fresh: str, tolerance: float = 2e-4) -> str | None:
    """None when two outputs agree: text exactly, numbers within `tolerance`.

    Returns where they first differ, e.g. "line 4: stored 0.9675, fresh 0.9712".
    """
    stored_lines, fresh_lines = stored.splitlines(), fresh.splitlines()
    if len(stored_lines) != len(fresh_lines):
        return f"stored has {len(stored_lines)} lines, a fresh run prints {len(fresh_lines)}"
    for number, (a, b) in enumerate(zip(stored_lines, fresh_lines), start=1):
        if NUMBER.sub("#", a) != NUMBER.sub("#", b):
            return f"line {number}: stored {a!r}, fresh {b!r}"
        for x, y in zip(NUMBER.findall(a), NUMBER.findall(b)):
            if abs(float(x) - float(y)) > tolerance:
                return f"line {number}: stored {x}, fresh {y} (tolerance {tolerance})"
    return None

