"""The RNN stepper's data: a model's vocabulary and weights, taken from a snippet's run record.
`python -m tools.generated stepper` (`make figures`) writes docs/assets/stepper/NAME.json under
the one freshness rule of tools/generated.py.

The stepper (docs/assets/stepper/stepper.js) runs a SimpleRNN in the reader's browser with the
numbers of a real, seeded run: the snippet named in MODELS binds them to top-level names, the
record (generated/outputs/SNIPPET.json "values") keeps them as float32 at 9 significant digits,
which is exact. Standard library only: no TensorFlow, no NumPy.

Names a snippet must bind (shapes for V words, E embedding dims, U units):
    vocabulary       list of V words; a word's id is its index; "<unk>" stands for the others
    embedding_rows   (V, E)  the vocabulary's rows of the embedding table
    W_x (E, U), W_h (U, U), b (U,)   the SimpleRNN's kernel, recurrent kernel and bias
    activation       "tanh" (the one the stepper computes)
    sentences        list of example sentences the stepper offers
Optional, for a trained model that predicts (the training chapter's):
    start, end       the words encode() puts before and after every sentence ("<start>", "<end>")
    head_kernel (U, 1), head_bias (1,), head_activation "sigmoid"
                     the Dense(1) on the last hidden state: the stepper shows the probability

tests/test_stepper.py checks that the stepper's hidden states equal the ones Keras computed in
the same run (`keras_states[i]` in the record).
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.layout import OUTPUTS, ROOT, Layout
from tools.records import RecordError, load_record

STEPPER = ROOT / "docs" / "assets" / "stepper"
COMMAND = "make figures"
ACTIVATIONS = ("tanh",)
HEAD_ACTIVATIONS = ("sigmoid",)


@dataclass(frozen=True)
class Model:
    name: str  # docs/assets/stepper/NAME.json; the page's widget says data-stepper="NAME"
    snippet: str  # its numbers come from generated/outputs/SNIPPET.json
    # The snippet that the page explains the model with: its recorded weights must be the same
    # (the stepper shows the page's own model, not a look-alike).
    same_weights_as: str | None = None
    # The snippet binds `PREFIXvocabulary`, `PREFIXW_x`, ...: one whose own `vocabulary` is
    # something else can still hand its model over.
    prefix: str = ""


MODELS = [Model("inside-the-rnn", "hidden_state_word_by_word", same_weights_as="inside_the_rnn"),
          # The training chapter's rnn_model after training, with its Dense head.
          Model("training", "train_order_blind_and_rnn", prefix="stepper_")]
# The stepper's name for each weight -> the name Keras gives it (and the page's run uses).
WEIGHTS = {"W_x": "kernel", "W_h": "recurrent_kernel", "b": "bias"}


class StepperDataError(Exception):
    """The run record lacks a name the stepper needs, or disagrees with the page's run."""


def load_values(snippet: str, outputs: Path) -> dict[str, Any]:
    try:
        return dict(load_record(snippet, Layout(outputs=outputs)).values)
    except RecordError as exc:
        raise StepperDataError(str(exc)) from None


def need(values: dict[str, Any], name: str, snippet: str, prefix: str = "") -> Any:
    if name not in values:
        raise StepperDataError(f"generated/outputs/{snippet}.json has no value `{prefix}{name}`: "
                               f"snippets/{snippet}.py must bind it at top level")
    return values[name]


def listed(values: dict[str, Any], name: str, snippet: str, prefix: str = "") -> list[Any]:
    """A top-level list, which the record keeps item by item as name[0], name[1], ..."""
    items = []
    while f"{name}[{len(items)}]" in values:
        items.append(values[f"{name}[{len(items)}]"])
    if not items:
        need(values, f"{name}[0]", snippet, prefix)
    return items


def shape_of(array: Any) -> tuple[int, ...]:
    return (len(array), *shape_of(array[0])) if isinstance(array, list) and array else ()


def check_shape(name: str, array: Any, expected: tuple[int, ...], snippet: str) -> None:
    if shape_of(array) != expected:
        raise StepperDataError(f"generated/outputs/{snippet}.json: `{name}` has shape "
                               f"{shape_of(array)}, the stepper needs {expected}")


def float32(text_or_number: float) -> float:
    return float(struct.unpack("<f", struct.pack("<f", float(text_or_number)))[0])


def short(x: float) -> str:
    """The shortest decimal that gives back the same float32 (the stepper rounds with
    Math.fround on load): exact, and about a tenth smaller than 9 digits everywhere."""
    target = float32(x)
    for digits in range(1, 10):
        text = f"{target:.{digits}g}"
        if float32(float(text)) == target:
            return text
    raise AssertionError(f"{x!r}: no float32 round trip within 9 digits")


def to_json(value: Any, indent: str = "") -> str:
    """JSON with one matrix row per line (readable diffs) and floats written short."""
    inner = indent + "  "
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(k)}: {to_json(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list) and value and isinstance(value[0], list):
        return "[\n" + ",\n".join(inner + to_json(row, inner) for row in value) + f"\n{indent}]"
    if isinstance(value, list):
        return "[" + ",".join(to_json(x, indent) for x in value) + "]"
    if isinstance(value, float):
        return short(value)
    return json.dumps(value, ensure_ascii=False)


def model_data(model: Model, outputs: Path) -> dict[str, Any]:
    snippet, prefix, record = model.snippet, model.prefix, f"generated/outputs/{model.snippet}.json"
    # The record's names without the model's prefix: what this script calls them.
    values = {key[len(prefix):]: value for key, value in load_values(snippet, outputs).items()
              if key.startswith(prefix)}

    def get(name: str) -> Any:
        return need(values, name, snippet, prefix)

    vocabulary = listed(values, "vocabulary", snippet, prefix)
    if "<unk>" not in vocabulary:
        raise StepperDataError(f"{record}: `{prefix}vocabulary` has no <unk>")
    rows, kernel = get("embedding_rows"), get("W_x")
    dims, units = shape_of(kernel) if len(shape_of(kernel)) == 2 else (0, 0)
    check_shape("embedding_rows", rows, (len(vocabulary), dims), snippet)
    check_shape("W_x", kernel, (dims, units), snippet)
    check_shape("W_h", get("W_h"), (units, units), snippet)
    check_shape("b", get("b"), (units,), snippet)
    activation = get("activation")
    if activation not in ACTIVATIONS:
        raise StepperDataError(f"{record}: activation {activation!r}; "
                               f"the stepper computes {', '.join(ACTIVATIONS)}")
    if model.same_weights_as:
        page_run = load_values(model.same_weights_as, outputs)
        for name, keras_name in WEIGHTS.items():
            if need(page_run, keras_name, model.same_weights_as) != values[name]:
                raise StepperDataError(
                    f"`{name}` of {record} differs from `{keras_name}` of "
                    f"generated/outputs/{model.same_weights_as}.json: snippets/{snippet}.py "
                    f"must build the same seeded layers as snippets/{model.same_weights_as}.py")
    data: dict[str, Any] = {
        "generated": f"Generated by `{COMMAND}` (tools/produce/stepper_data.py) from {record}; "
                     "do not edit.",
        "source": f"snippets/{snippet}.py",
        "vocabulary": vocabulary,
        "unknown": vocabulary.index("<unk>"),
    }
    # Words encode() wraps every sentence in: the stepper shows them as time steps too.
    for name in ("start", "end"):
        if name in values:
            if values[name] not in vocabulary:
                raise StepperDataError(f"{record}: `{prefix}{name}` {values[name]!r} is not in the "
                                       "vocabulary")
            data[name] = values[name]
    data.update({
        "sentences": listed(values, "sentences", snippet, prefix),
        "embedding": rows,
        "rnn": {"activation": activation, "kernel": kernel,
                "recurrent_kernel": values["W_h"], "bias": values["b"]},
    })
    if "head_kernel" in values:
        check_shape("head_kernel", values["head_kernel"], (units, 1), snippet)
        check_shape("head_bias", get("head_bias"), (1,), snippet)
        head_activation = get("head_activation")
        if head_activation not in HEAD_ACTIVATIONS:
            raise StepperDataError(f"{record}: head activation {head_activation!r}; "
                                   f"the stepper computes {', '.join(HEAD_ACTIVATIONS)}")
        data["head"] = {"activation": head_activation, "kernel": values["head_kernel"],
                        "bias": values["head_bias"]}
    return data


def render(outputs: Path | None = None, stepper: Path | None = None) -> dict[Path, str]:
    """Every data file the stepper reads, path -> text, in memory."""
    outputs, stepper = outputs or OUTPUTS, stepper or STEPPER
    return {stepper / f"{m.name}.json": to_json(model_data(m, outputs)) + "\n" for m in MODELS}
