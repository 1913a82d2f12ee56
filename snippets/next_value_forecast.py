"""Predict the next load from the last 24 hours, and beat the last value.

The windows of signal_windows.py, split in time: the first 80% of the hours
train, the windows after them are held out. The inputs are scaled with the
training hours' mean and standard deviation. A small SimpleRNN, many-to-one,
predicts the next load; the baseline repeats the last load it saw.
"""

# %% read-the-windows
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


series = read_series()  # (steps, features): load, temperature
timesteps = 24
features = series.shape[1]
starts = np.arange(len(series) - timesteps)
windows = np.stack([series[s:s + timesteps] for s in starts])
next_load = series[starts + timesteps, 0]

# %% split-in-time
train_share = 0.8
split_hour = int(len(series) * train_share)  # the hours before it train
train = starts + timesteps < split_hour  # the target too is a training hour
held_out = starts >= split_hour  # no hour of it was seen in training
x_train, y_train = windows[train], next_load[train]
x_test, y_test = windows[held_out], next_load[held_out]
print("x_train:", tuple(x_train.shape), " x_test:", tuple(x_test.shape))

# %% scale
# Statistics of the training hours only: the held-out hours stay unseen.
mean = series[:split_hour].mean(axis=0)
std = series[:split_hour].std(axis=0)
print("training mean (load, temperature):", np.round(mean, 2) + 0.0)
print("training std  (load, temperature):", np.round(std, 2) + 0.0)
x_train_scaled = (x_train - mean) / std
x_test_scaled = (x_test - mean) / std
y_train_scaled = (y_train - mean[0]) / std[0]  # the target, in the same units
scaled_mean = np.round(x_train_scaled.mean(axis=(0, 1)), 2) + 0.0
scaled_std = np.round(x_train_scaled.std(axis=(0, 1)), 2) + 0.0
print("scaled training windows: mean", scaled_mean, "std", scaled_std)

# %% saturation
units = 16
keras.utils.set_random_seed(42)
fresh_rnn = keras.layers.SimpleRNN(units, return_sequences=True)


def saturated_share(x: np.ndarray) -> float:
    """The share of hidden-state values with |h| > 0.99: tanh's flat ends."""
    hidden = keras.ops.convert_to_numpy(fresh_rnn(x))
    return round(float(np.mean(np.abs(hidden) > 0.99)), 3)


raw_saturated = saturated_share(x_train)
scaled_saturated = saturated_share(x_train_scaled)
print("hidden values with |h| > 0.99, before training:")
print("  raw inputs:", raw_saturated, "  scaled inputs:", scaled_saturated)

# %% train
epochs = 20


def train(x: np.ndarray, name: str) -> tuple[keras.Model, np.ndarray]:
    """The same small model from the same seed, trained on inputs x."""
    keras.utils.set_random_seed(42)
    model = keras.Sequential([
        keras.Input(shape=(timesteps, features)),
        keras.layers.SimpleRNN(units, name="rnn"),
        keras.layers.Dense(1, name="next_load"),
    ], name=name)
    model.compile(optimizer="adam", loss="mse")
    history = model.fit(x, y_train_scaled, epochs=epochs, batch_size=32,
                        verbose=0)
    return model, np.round(history.history["loss"], 3) + 0.0


scaled_model, scaled_losses = train(x_train_scaled, "scaled_model")
raw_model, raw_losses = train(x_train, "raw_model")
print("epoch  loss (scaled inputs)  loss (raw inputs)")
for shown in (1, 2, 5, 10, 20):
    print(f"{shown:5}  {scaled_losses[shown - 1]:20.3f}"
          f"  {raw_losses[shown - 1]:17.3f}")
del shown

# %% against-the-last-value
def predict_load(model: keras.Model, x: np.ndarray) -> np.ndarray:
    """The model's next load, back in the load's own units."""
    scaled = keras.ops.convert_to_numpy(model(x))[:, 0]
    return scaled * std[0] + mean[0]


predicted = predict_load(scaled_model, x_test_scaled)
raw_predicted = predict_load(raw_model, x_test)
last_value = x_test[:, -1, 0]  # the naive baseline: the last load seen
model_mae = round(float(np.mean(np.abs(predicted - y_test))), 3)
raw_model_mae = round(float(np.mean(np.abs(raw_predicted - y_test))), 3)
baseline_mae = round(float(np.mean(np.abs(last_value - y_test))), 3)
print("mean absolute error on the held-out windows (load units):")
print("  last value (baseline):", baseline_mae)
print("  SimpleRNN, scaled inputs:", model_mae)
print("  SimpleRNN, raw inputs:", raw_model_mae)
model_beats_baseline = model_mae < baseline_mae
model_share_of_baseline = round(model_mae / baseline_mae, 2)
raw_model_beats_baseline = raw_model_mae < baseline_mae
# The first 48 held-out hours, for the figure: true, predicted, last value.
shown_hours = 48
figure_true = np.round(y_test[:shown_hours], 2) + 0.0
figure_predicted = np.round(predicted[:shown_hours], 2) + 0.0
figure_last_value = np.round(last_value[:shown_hours], 2) + 0.0
