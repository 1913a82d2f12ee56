"""Numbers over time: a signal of two features, cut into windows for an RNN.

data/signal/signal.tsv holds hourly steps of two made-up features, a load and
a temperature. An RNN takes numbers as (batch, timesteps, features): no token
ids and no Embedding. Data of two axes must get a third, the feature axis.
"""

# %% read-the-signal
from pathlib import Path

import keras
import numpy as np

keras.utils.set_random_seed(42)


def find_data() -> Path:
    """data/signal/: from this file's folder up, or a notebook's."""
    start = (Path(__file__).resolve().parent if "__file__" in globals()
             else Path.cwd())
    for folder in (start, *start.parents):
        if (folder / "data" / "signal").is_dir():
            return folder / "data" / "signal"
    raise FileNotFoundError("data/signal/ not found: "
                            "run this inside a copy of the repository")


def read_series() -> np.ndarray:
    """One row per hour: load, temperature (the step column is the row)."""
    text = (find_data() / "signal.tsv").read_text(encoding="utf-8")
    return np.array([[float(v) for v in line.split("\t")[1:]]
                     for line in text.splitlines()
                     if not line.startswith("#")], dtype="float32")


series = read_series()
print("series:", tuple(series.shape), "(steps, features)")
print("first 3 rows (load, temperature):")
print(np.round(series[:3], 2) + 0.0)

# %% one-feature-windows
timesteps = 24  # a window: 24 hours
load = series[:, 0]
starts = np.arange(len(series) - timesteps)
# window i: load at hours i .. i + 23; its target: the load at hour i + 24
load_windows = np.stack([load[s:s + timesteps] for s in starts])
next_load = load[starts + timesteps]
print("load_windows:", tuple(load_windows.shape),
      " next_load:", tuple(next_load.shape))

# %% the-ndim-error
units = 8
try:  # windows of one feature, written as they are: (batch, timesteps)
    keras.Sequential([keras.Input(shape=(timesteps,)),
                      keras.layers.SimpleRNN(units)])
except ValueError as error:
    message = str(error)
    ndim_error = message[message.index("expected"):]
    print("ValueError: ...", ndim_error)

# %% add-the-feature-axis
one_feature = load_windows[..., None]  # a last axis of length 1
same_as_reshape = bool(np.array_equal(
    one_feature, load_windows.reshape(len(load_windows), timesteps, 1)))
one_feature_rnn = keras.Sequential([
    keras.Input(shape=(timesteps, 1)),
    keras.layers.SimpleRNN(units, name="rnn"),
], name="one_feature_rnn")
last_hidden_states = keras.ops.convert_to_numpy(one_feature_rnn(one_feature))
print("one_feature:", tuple(one_feature.shape),
      " x[..., None] == reshape:", same_as_reshape)
print("last_hidden_states:", tuple(last_hidden_states.shape))

# %% two-features
features = series.shape[1]  # load and temperature
windows = np.stack([series[s:s + timesteps] for s in starts])
print("windows:", tuple(windows.shape), "(batch, timesteps, features)")
model = keras.Sequential([
    keras.Input(shape=(timesteps, features)),  # one window; no batch axis
    keras.layers.SimpleRNN(units, name="rnn"),
    keras.layers.Dense(1, name="next_load"),  # the next load: one number
], name="model")
input_dtype = str(model.inputs[0].dtype)
print("input dtype:", input_dtype)
model.summary()

# %% no-embedding
# The notes' models start with an Embedding: it takes token ids. Given
# numbers, it casts them to integers and looks the integers up as ids.
embedding = keras.layers.Embedding(100, 4)
two_loads = series[:2, :1]  # 42.57 and 42.48: (2, 1)
rows = keras.ops.convert_to_numpy(embedding(two_loads))
embedding_merges_loads = bool(np.array_equal(rows[0], rows[1]))
print("loads:", np.round(two_loads[:, 0], 2) + 0.0,
      " same embedding row:", embedding_merges_loads)
