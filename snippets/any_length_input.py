"""Documents of any length: Input(shape=(None,)) for an RNN or a mean.

An RNN's weights and a mean do not depend on the number of time steps, so the
time axis can stay open, but not for Flatten: followed by Dense, it needs the
axis fixed, since the Dense kernel has one row per (time step, unit) pair.
"""

# %% three-models
import textwrap

import keras
import numpy as np

keras.utils.set_random_seed(42)

max_features = 10000  # vocabulary size
units = 32
lengths = [5, 20, 37]  # three document lengths, in tokens


def model_with(head: str, max_len: int | None) -> keras.Model:
    return keras.Sequential([
        keras.Input(shape=(max_len,)),  # None: any number of time steps
        keras.layers.Embedding(max_features, 64),
        keras.layers.SimpleRNN(units, return_sequences=head != "last"),
        *({"last": [], "mean": [keras.layers.GlobalAveragePooling1D()],
           "flatten": [keras.layers.Flatten()]}[head]),
        keras.layers.Dense(2, activation="softmax"),
    ])


rng = np.random.default_rng(42)
documents = [rng.integers(1, max_features, size=(1, n)) for n in lengths]

# %% rnn-and-mean
last_model = model_with("last", None)
mean_model = model_with("mean", None)
print("SimpleRNN, then Dense; input shape", last_model.input_shape)
for doc in documents:
    print(f"  {doc.shape[1]:>2} tokens ->", tuple(last_model(doc).shape))
print("SimpleRNN, GlobalAveragePooling1D, then Dense; input shape",
      mean_model.input_shape)
for doc in documents:
    print(f"  {doc.shape[1]:>2} tokens ->", tuple(mean_model(doc).shape))
rnn_takes_any_length = all(tuple(last_model(d).shape) == (1, 2)
                           for d in documents)
mean_takes_any_length = all(tuple(mean_model(d).shape) == (1, 2)
                            for d in documents)

# %% flatten
# Flatten -> Dense cannot be sized without a fixed time axis: the model is
# not even built.
try:
    model_with("flatten", None)
    flatten_builds_without_length = True
except ValueError as error:
    flatten_builds_without_length = False
    flatten_error = str(error)
print("SimpleRNN, Flatten, then Dense; input shape (None, None): ValueError")
print(textwrap.fill(flatten_error, width=78, initial_indent="  ",
                    subsequent_indent="  "))

# With a fixed length it builds, and then takes that length only.
flatten_model = model_with("flatten", 20)
flatten_lengths = []
for doc in documents:
    try:
        flatten_model(doc)
        flatten_lengths.append(doc.shape[1])
    except Exception:  # noqa: BLE001 - the Dense kernel's shape does not match
        pass
print("SimpleRNN, Flatten, then Dense; input shape",
      flatten_model.input_shape)
print("  runs on", flatten_lengths, "tokens only")
flatten_takes_only_20 = flatten_lengths == [20]
