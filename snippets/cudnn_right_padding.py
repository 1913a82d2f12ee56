"""The cuDNN rule for masks, read from the installed Keras and run on a CPU.

On TensorFlow with a GPU, LSTM and GRU can run on cuDNN, which takes only
masks that are right-padded (real steps first). This machine has no GPU:
the snippet prints the version, runs the check Keras itself uses on three
masks, and shows what use_cudnn="auto", False and True do here.
"""

# %% the-check
import importlib
import inspect
import textwrap

import keras
import numpy as np

# Keras's own TensorFlow RNN code, a private module of the installed package
tf_rnn = importlib.import_module("keras.src.backend.tensorflow.rnn")

keras.utils.set_random_seed(42)

keras_version = keras.__version__
backend_name = keras.backend.backend()
gpu_available = tf_rnn._is_gpu_available()
print("Keras", keras_version, "| backend:", backend_name,
      "| GPU:", gpu_available)

# The check, as the installed source writes it (docstring left out):
source = inspect.getsource(tf_rnn._is_sequence_right_padded)
print(source[: source.index('"""')].rstrip())
print(source[source.rindex('"""') + 3 :].strip("\n").rstrip())

# %% four-masks
masks = {
    "post": [[True, True, True, False, False]],
    "pre": [[False, False, True, True, True]],
    "hole": [[True, False, True, False, False]],
    "none": [[False, False, False, False, False]],  # a row of padding only
}


def passes(mask):
    """Keras's assertion before cuDNN: right-padded, no row all padding."""
    try:
        tf_rnn._assert_valid_mask(np.array(mask))
        return True
    except Exception:  # TensorFlow's InvalidArgumentError
        return False


right_padded = {k: bool(tf_rnn._is_sequence_right_padded(np.array(v)))
                for k, v in masks.items()}
passes_assert = {k: passes(v) for k, v in masks.items()}
post_right_padded, post_passes = right_padded["post"], passes_assert["post"]
pre_right_padded, pre_passes = right_padded["pre"], passes_assert["pre"]
hole_right_padded = right_padded["hole"]
none_right_padded, none_passes = right_padded["none"], passes_assert["none"]
for k, v in masks.items():
    print(f"{k:4}", np.array(v, dtype=int)[0], "right-padded:",
          f"{right_padded[k]!s:5} | passes the assertion:", passes_assert[k])

try:  # the message of a failed assertion
    tf_rnn._assert_valid_mask(np.array(masks["pre"]))
except Exception as error:
    assert_message = str(error)
    start = assert_message.index("You are passing")
    end = assert_message.index(")", start) + 1
    assert_message = assert_message[start:end]
    print(type(error).__name__ + ":")
    print(textwrap.fill(assert_message, width=78))

# %% use-cudnn
features = 2
units = 4
x = np.random.default_rng(42).normal(size=(3, 5, features))
x = x.astype("float32")
x[1, 3:] = 0.0  # padding at the end of sequence 1
inputs = keras.Input(shape=(None, features))
masking = keras.layers.Masking(0.0)

default_use_cudnn = {  # the argument's default, from the signatures
    layer: inspect.signature(getattr(keras.layers, layer)).parameters[
        "use_cudnn"].default
    for layer in ["LSTM", "GRU"]}
print("default use_cudnn:", default_use_cudnn)
auto_is_default = all(v == "auto" for v in default_use_cudnn.values())

results = {}
for setting in ["auto", False, True]:
    keras.utils.set_random_seed(42)  # the same weights for each setting
    layer = keras.layers.LSTM(units, use_cudnn=setting)
    try:
        results[setting] = np.asarray(layer(masking(x)))
        print(f"use_cudnn={setting!r}: runs")
    except ValueError as error:
        message = str(error)  # Keras wraps it; keep its own sentence
        start = message.index("use_cudnn=True was")
        cudnn_true_error = message[start : message.index(".", start) + 1]
        print(f"use_cudnn={setting!r}: ValueError:")
        print(textwrap.fill(cudnn_true_error, width=78))
auto_equals_false = bool(np.array_equal(results["auto"], results[False]))
cudnn_true_raises = True not in results
print("'auto' and False give the same numbers:", auto_equals_false)
# Keras 2 on TensorFlow 1 had a separate layer; Keras 3 has none.
has_cudnn_lstm_layer = hasattr(keras.layers, "CuDNNLSTM")
print("keras.layers.CuDNNLSTM exists:", has_cudnn_lstm_layer)
del setting, layer, k, v, message, start, end
