"""A model holding a Python lambda does not reload; GlobalAveragePooling1D does.

Both models average the hidden states over time. Saved to a .keras file and loaded
back, the Lambda model is refused: the lambda is stored as Python bytecode.
"""

import re
import tempfile
import textwrap
from pathlib import Path

import keras
import numpy as np

keras.utils.set_random_seed(42)

max_features = 10000  # vocabulary size
max_len = 20  # time steps (tokens) per document
units = 32
batch_size = 3


def mean_model(use_lambda: bool) -> keras.Model:
    inputs = keras.Input(shape=(max_len,), dtype="int32")
    x = keras.layers.Embedding(max_features, 64)(inputs)
    states = keras.layers.SimpleRNN(units, return_sequences=True)(x)
    if use_lambda:
        mean = keras.layers.Lambda(lambda h: keras.ops.mean(h, axis=1))(states)
    else:
        mean = keras.layers.GlobalAveragePooling1D()(states)
    return keras.Model(inputs, mean)


def try_load(path: Path, safe_mode: bool) -> tuple[keras.Model | None, str]:
    """The reloaded model, or None and the first line of what Keras raised."""
    try:
        return keras.models.load_model(path, safe_mode=safe_mode), ""
    except Exception as error:  # noqa: BLE001 - the message is what the page quotes
        bold = "\x1b" + re.escape("[") + "[0-9;]*m"  # the terminal's bold codes in the message
        message = re.sub(bold, "", str(error))
        lines = [line.strip() for line in message.splitlines() if line.strip()]
        detail = lines[1] if lines[0].startswith("Exception encountered") else lines[0]
        return None, f"{type(error).__name__}: {detail}"


documents = np.random.default_rng(42).integers(1, max_features, size=(batch_size, max_len))
lambda_model = mean_model(use_lambda=True)
pooling_model = mean_model(use_lambda=False)
with tempfile.TemporaryDirectory() as folder:
    lambda_model.save(Path(folder) / "lambda_mean.keras")
    pooling_model.save(Path(folder) / "pooling_mean.keras")
    reloaded, _ = try_load(Path(folder) / "pooling_mean.keras", safe_mode=True)
    reloaded_lambda, lambda_load_error = try_load(Path(folder) / "lambda_mean.keras", safe_mode=True)
    # safe_mode=False runs the stored bytecode: only for files you trust.
    reloaded_unsafe, lambda_unsafe_error = try_load(Path(folder) / "lambda_mean.keras", safe_mode=False)
del folder  # a temporary path, different on every run

# Called directly, not with predict(): no compiled function is traced for two calls.
pooling_reloads = reloaded is not None and bool(np.allclose(reloaded(documents), pooling_model(documents)))
lambda_reloads = reloaded_lambda is not None
lambda_reloads_unsafe = reloaded_unsafe is not None

print("GlobalAveragePooling1D model reloaded, same numbers:", pooling_reloads)
print("Lambda model reloaded:", lambda_reloads)
print(textwrap.fill(lambda_load_error.split(". If")[0] + ".", width=80, subsequent_indent="  "))
print("Lambda model reloaded with safe_mode=False:", lambda_reloads_unsafe)
print(textwrap.fill(lambda_unsafe_error, width=80, subsequent_indent="  "))
