"""Runs snippets one after another in ONE process, so TensorFlow is imported once.

Started by tools.produce.outputs, never by hand. Reads a JSON list of snippet paths on stdin and
writes one JSON event per line to the original stdout (the protocol channel):
  {"event": "start", "name": ...}
  {"event": "done", "name": ..., "stdout": ..., "tensors": ..., "ints": ..., "params": ..., "values": ...,
   "parts": [[name, start, end], ...]}
  {"event": "error", "name": ..., "where": "snippets/x.py:7", "message": ..., "traceback": ...}
Each snippet runs as `python snippets/NAME.py` would: whole, as __main__, in a fresh
namespace, after keras.backend.clear_session() so layer names (simple_rnn, simple_rnn_1, ...)
do not depend on which snippets ran before. tests/test_outputs_fresh.py proves the
equivalence by running every snippet standalone.

A snippet cut into parts (`# %% NAME` lines, tools/parts.py) still runs whole, as one file;
each write to stdout is put down to the part whose top-level statement is running when it is
made (a function defined in one part and called in another prints into the caller's part),
so the record cuts the one output into each part's own.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import runpy
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Any

from tools.parts import PartError, read_snippet


def _dims(shape: Any) -> list[int | None] | None:
    try:
        return [None if d is None else int(d) for d in tuple(shape)]
    except (TypeError, ValueError):
        return None


# A value claim on a page can only name what the record holds: small arrays (a row of hidden
# states, a mean, a toy model's weights), scalars, booleans and strings (a captured error).
MAX_ELEMENTS = 4096
MAX_STRING = 4000


def _plain(value: Any) -> Any:
    """A JSON-ready copy of a small value, or None when it is not one the record keeps.

    float32 numbers keep 9 significant digits, which is enough to give back the exact float32.
    """
    np = sys.modules.get("numpy")
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return value if len(value) <= MAX_STRING else None
    if np is None:
        return None
    if not isinstance(value, np.generic) and (not hasattr(value, "shape") or callable(value.shape)):
        return None
    try:
        value = np.asanyarray(value)  # an ndarray as it is; a number or a tensor as an ndarray
    except Exception:  # noqa: BLE001 - a symbolic KerasTensor has no values
        return None
    if value.dtype.kind not in "biuf" or value.size > MAX_ELEMENTS:
        return None
    if value.dtype.kind == "f":
        digits = 9 if value.dtype.itemsize <= 4 else 17
        return np.vectorize(lambda x: float(f"{x:.{digits}g}"), otypes=[object])(value).tolist() \
            if value.ndim else float(f"{value.item():.{digits}g}")
    return value.tolist()


def harvest(namespace: dict[str, Any]) -> tuple[dict, dict, dict, dict]:
    """Shapes of every top-level tensor, int and model a snippet leaves behind, and the values
    of the small ones.

    Names are how claims refer to them: `hidden_states`, `outputs[1]`,
    `model.simple_rnn` (a layer's output), `model.simple_rnn.kernel` (a weight).
    """
    tensors: dict[str, list[int | None]] = {}
    ints: dict[str, int] = {}
    params: dict[str, int] = {}
    values: dict[str, Any] = {}
    keras = sys.modules.get("keras")
    for key, value in namespace.items():
        if key.startswith("_") or isinstance(value, type):
            continue
        plain = None if callable(value) else _plain(value)
        if plain is not None:
            values[key] = plain
        if plain is None and isinstance(value, (list, tuple)):  # `outputs[1]`: each item, by index
            for i, item in enumerate(value):
                item_plain = _plain(item)
                if item_plain is not None:
                    values[f"{key}[{i}]"] = item_plain
                dims = _dims(item.shape) if hasattr(item, "shape") else None
                if dims is not None:
                    tensors[f"{key}[{i}]"] = dims
        elif isinstance(value, int) and not isinstance(value, bool):
            ints[key] = value
        elif keras is not None and isinstance(value, keras.Model):
            _harvest_model(key, value, tensors, params)
        elif keras is not None and isinstance(value, keras.layers.Layer):
            if value.built:
                params[key] = int(value.count_params())
                for weight in value.weights:
                    tensors[f"{key}.{weight.name}"] = _dims(weight.shape)
        elif hasattr(value, "shape") and not callable(getattr(value, "shape")):
            dims = _dims(value.shape)
            if dims is not None:
                tensors[key] = dims
    return tensors, ints, params, values


def _harvest_model(key: str, model: Any, tensors: dict, params: dict) -> None:
    if not model.built:
        return
    params[key] = int(model.count_params())
    for attr in ("input", "output"):
        with contextlib.suppress(Exception):
            tensors[f"{key}.{attr}"] = _dims(getattr(model, attr).shape)
    for layer in model.layers:
        params[f"{key}.{layer.name}"] = int(layer.count_params())
        with contextlib.suppress(Exception):
            tensors[f"{key}.{layer.name}"] = _dims(layer.output.shape)
        for weight in layer.weights:
            tensors[f"{key}.{layer.name}.{weight.name}"] = _dims(weight.shape)


def _shown(path: Path) -> str:
    """The snippet as messages name it: relative to the working directory (the repo root)."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def _error_event(name: str, path: Path, exc: BaseException) -> dict[str, Any]:
    frames = traceback.extract_tb(exc.__traceback__)
    mine = [f for f in frames if Path(f.filename).resolve() == path.resolve()]
    line = mine[-1].lineno if mine else 0
    # Drop the worker's and runpy's own frames: the reader wants the snippet's.
    start = next((i for i, f in enumerate(frames) if f in mine), 0)
    said = "".join(traceback.format_exception_only(type(exc), exc))
    text = "Traceback (most recent call last):\n" + "".join(traceback.format_list(frames[start:]))
    return {"event": "error", "name": name, "where": f"{_shown(path)}:{line}",
            "message": said.strip(), "traceback": text + said}


class PartsOutput(io.StringIO):
    """stdout for a snippet in parts: remembers where each part's output starts."""

    def __init__(self, path: Path, snippet: Any) -> None:
        super().__init__()
        self.filename = str(path)
        self.snippet = snippet
        self.thread = threading.main_thread().ident
        self.starts: dict[int, int] = {}  # part index -> offset of its first character

    def running_part(self) -> int:
        """The part of the snippet's top-level line the main thread is on (any thread may write)."""
        frame = sys._current_frames().get(self.thread)
        while frame is not None:
            code = frame.f_code
            if code.co_name == "<module>" and code.co_filename == self.filename:
                return self.snippet.index_of_line(frame.f_lineno)
            frame = frame.f_back
        return max(self.starts, default=0)

    def write(self, text: str) -> int:
        if text:
            self.starts.setdefault(self.running_part(), self.tell())
        return super().write(text)

    def cuts(self) -> list[list[Any]]:
        """[name, start, end] per part, in file order; a part that printed nothing is empty."""
        cuts, end = [], len(self.getvalue())
        for part in reversed(self.snippet.parts):  # parts run in file order: each ends where the next starts
            start = self.starts.get(part.index, end)
            cuts.append([part.name, start, end])
            end = start
        return cuts[::-1]


def main() -> int:
    # Keep the real stdout for the protocol; anything written to fd 1 from C code
    # (TensorFlow) goes to stderr instead of corrupting it.
    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    paths = [Path(p) for p in json.load(sys.stdin)]
    # Import Keras (and TensorFlow under it) once, before any snippet's clock starts.
    if any("keras" in p.read_text(encoding="utf-8") for p in paths):
        import keras  # noqa: F401
    for path in paths:
        name = path.stem
        protocol.write(json.dumps({"event": "start", "name": name}) + "\n")
        keras = sys.modules.get("keras")
        if keras is not None:
            # Resets layer-name counters and the graph; skipping its gc.collect() saves ~0.2 s a snippet.
            keras.backend.clear_session(free_memory=False)
        sys.argv = [str(path)]
        started = time.perf_counter()
        snippet = None
        try:
            snippet = read_snippet(path, _shown(path))
            buffer = PartsOutput(path, snippet)
            with contextlib.redirect_stdout(buffer):
                namespace = runpy.run_path(str(path), run_name="__main__")
            tensors, ints, params, values = harvest(namespace)
            event = {"event": "done", "name": name, "stdout": buffer.getvalue(),
                     "tensors": tensors, "ints": ints, "params": params, "values": values,
                     "parts": buffer.cuts(), "seconds": round(time.perf_counter() - started, 3)}
        except BaseException as exc:  # noqa: BLE001 - a snippet may raise anything, even SystemExit
            event = _error_event(name, path, exc)
            if snippet is None and isinstance(exc, PartError):  # a malformed marker: not run
                first, *rest = exc.errors
                where, _, said = first.partition(": ")
                event.update(where=where, message="\n".join([said, *rest]), traceback="")
        protocol.write(json.dumps(event) + "\n")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # Skip TensorFlow's slow interpreter teardown: every result is already written.
    os._exit(code)
