"""Stored snippet outputs: what each snippet really printed, and whether that is still true.

For every `snippets/NAME.py` the repo keeps two generated files:
  generated/outputs/NAME.txt   what the snippet printed (shown on the page)
  generated/outputs/NAME.json  its freshness key, the shapes of the tensors it made and, for a
                               snippet in parts, where each part's output starts and ends
A record is fresh when the snippet's bytes, the pinned tensorflow-cpu/keras/numpy versions
(read from requirements.txt) and the .txt all hash to what the .json says. Checking that
needs no TensorFlow; only re-running stale snippets does.

    python -m tools.generated outputs           re-run stale snippets (every one: --all)   (`make outputs`)
    python -m tools.generated --check outputs   fail if any output is stale; run nothing

Every build checks them first, with the other generated files (tools/generated.py).
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


@dataclass
class StaleSnippet:
    """A snippet whose stored output must be re-run (generated.Stale names a file instead)."""

    name: str
    reason: str


@dataclass
class Result:
    name: str
    stdout: str
    tensors: dict[str, Any] = field(default_factory=dict)
    ints: dict[str, int] = field(default_factory=dict)
    params: dict[str, int] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)  # small arrays, scalars, bools, strings
    parts: list[tuple[str, int, int]] = field(default_factory=list)  # each part's cut of stdout
    seconds: float = 0.0  # the snippet's own run time, TensorFlow's import excluded


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


def find_stale(layout: Layout) -> list[StaleSnippet]:
    """Every snippet whose stored output is missing or no longer true, and every orphan."""
    pins = pinned_versions(layout.requirements)
    stale: list[StaleSnippet] = []
    names = set()
    for path in layout.snippet_paths():
        name = path.stem
        names.add(name)
        txt = layout.txt(name)
        try:
            record = load_record(name, layout)
        except RecordError:
            record = None
        if record is None or not txt.exists():
            stale.append(StaleSnippet(name, "no stored output"))
        elif record.snippet_sha256 != sha256(path.read_bytes()):
            stale.append(StaleSnippet(name, "changed since its output was stored"))
        elif record.versions != pins:
            diff = ", ".join(f"{k} {record.versions.get(k)} -> {v}"
                             for k, v in pins.items() if record.versions.get(k) != v)
            stale.append(StaleSnippet(name, f"pinned versions changed ({diff})"))
        elif record.output_sha256 != sha256(txt.read_bytes()):
            stale.append(StaleSnippet(name, f"{rel(txt)} was edited by hand (its hash does not match "
                                     f"{rel(layout.meta(name))})"))
    if layout.outputs.exists():
        for meta_path in sorted(layout.outputs.glob("*.json")):
            if meta_path.stem not in names:
                stale.append(StaleSnippet(meta_path.stem, f"{rel(meta_path)} has no snippet "
                                                   f"{rel(layout.snippets / (meta_path.stem + '.py'))}"))
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
            proc = subprocess.Popen([sys.executable, "-m", "tools.produce.snippet_worker"], cwd=cwd, env=env,
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr)
            assert proc.stdin and proc.stdout
            proc.stdin.write(json.dumps([str(p) for p in todo]).encode())
            proc.stdin.close()
            current: str | None = None
            # The worker's start-up (Python, then one TensorFlow import) is not any snippet's
            # time: the per-snippet clock starts at each snippet's "start" event.
            deadline = time.monotonic() + max(timeout, STARTUP_LIMIT)
            buffer = b""
            while True:
                remaining = deadline - time.monotonic()
                ready, _, _ = select.select([proc.stdout], [], [], max(remaining, 0))
                if not ready:
                    proc.kill()
                    proc.wait()
                    if current is None:
                        failures.append(f"the snippet worker did not start within "
                                        f"{max(timeout, STARTUP_LIMIT):g} s")
                        todo = []
                        break
                    failures.append(f"{rel(path_of(todo, current))}: stopped after {timeout:g} s "
                                    f"(SNIPPET_TIMEOUT); a snippet must finish well within it")
                    todo = todo[[p.stem for p in todo].index(current) + 1:]
                    break
                chunk = os.read(proc.stdout.fileno(), 1 << 16)
                if not chunk:  # the worker exited
                    proc.wait()
                    if current is not None and current not in results and not any(
                            current in f for f in failures):
                        stderr.seek(0)
                        tail = stderr.read().decode(errors="replace")[-2000:]
                        failures.append(f"{rel(path_of(todo, current))}: the worker died "
                                        f"(exit {proc.returncode}) while running it:\n{tail}")
                        todo = todo[[p.stem for p in todo].index(current) + 1:]
                    else:
                        todo = []
                    break
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    event = json.loads(line)
                    if event["event"] == "start":
                        current = event["name"]
                        deadline = time.monotonic() + timeout
                    elif event["event"] == "done":
                        results[event["name"]] = Result(event["name"], event["stdout"], event["tensors"],
                                                        event["ints"], event["params"], event["values"],
                                                        [tuple(p) for p in event.get("parts", [])],
                                                        event["seconds"])
                    else:
                        failures.append(f"{event['where']}: {event['message']}\n{event['traceback'].rstrip()}")
    return results, failures


def path_of(paths: list[Path], name: str | None) -> Path:
    return next((p for p in paths if p.stem == name), Path(f"snippets/{name}.py"))


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


def forget(layout: Layout, name: str) -> None:
    """No output is kept for a snippet that no longer exists (never for one that failed)."""
    layout.txt(name).unlink(missing_ok=True)
    layout.meta(name).unlink(missing_ok=True)


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
                forget(layout, item.name)
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

