"""The adding problem: a SimpleRNN fails where a GRU learns, on three seeds.

Each sequence is T = 100 time steps of two numbers: a value drawn uniformly
from [0, 1], and a marker, 1 at one time step of each half and 0 elsewhere.
The target is the sum of the two marked values. Predicting 1.0, whatever the
input, gives a mean squared error near 1/6: that is a model that learned
nothing. The same SimpleRNN and GRU are trained from seeds 1, 2 and 3, then
the trained GRU's update gate is computed in NumPy from its weights.
"""

# %% make-the-data
import keras
import numpy as np

keras.utils.set_random_seed(42)

T = 100  # time steps
n_train = 2000
n_val = 500


def adding_problem(n: int, rng: np.random.Generator) -> tuple:
    """n sequences (n, T, 2): a value and a marker per step; their targets."""
    values = rng.uniform(0, 1, size=(n, T))
    markers = np.zeros((n, T))
    rows = np.arange(n)
    markers[rows, rng.integers(0, T // 2, size=n)] = 1  # one in each half
    markers[rows, rng.integers(T // 2, T, size=n)] = 1
    x = np.stack([values, markers], axis=-1).astype("float32")
    y = (values * markers).sum(axis=1).astype("float32")
    return x, y


rng = np.random.default_rng(42)
x_train, y_train = adding_problem(n_train, rng)
x_val, y_val = adding_problem(n_val, rng)
baseline_mse = round(float(np.mean((y_val - 1.0) ** 2)), 3)
print("train", tuple(x_train.shape), "validation", tuple(x_val.shape))
print("first sequence, time steps 0-4:")
print(np.round(x_val[0, :5], 2) + 0.0)
print("its markers are at time steps", np.flatnonzero(x_val[0, :, 1]),
      "and its target is", round(float(y_val[0]), 4))
print("validation MSE of always predicting 1.0:", baseline_mse)

# %% train-on-three-seeds
units = 16
epochs = 6
seeds = [1, 2, 3]


def train(rnn_class: type, seed: int, n_epochs: int = epochs) -> keras.Model:
    """`rnn_class(units)` and a Dense(1) on top, trained from `seed`."""
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([
        keras.Input(shape=(T, 2)),
        rnn_class(units),
        keras.layers.Dense(1),  # the predicted sum
    ])
    # jit_compile=True: XLA compiles the loop over the 100 time steps
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01),
                  loss="mse", jit_compile=True)
    model.fit(x_train, y_train, validation_data=(x_val, y_val),
              epochs=n_epochs, batch_size=32, verbose=0)
    return model


simple_models = [train(keras.layers.SimpleRNN, seed) for seed in seeds]
gru_models = [train(keras.layers.GRU, seed) for seed in seeds]


# %% compare-them
def val_losses(models: list) -> np.ndarray:
    """Validation MSE after each epoch, one row per seed."""
    return np.round([m.history.history["val_loss"] for m in models], 4) + 0.0


val_simple = val_losses(simple_models)  # (3 seeds, 6 epochs)
val_gru = val_losses(gru_models)
print("validation MSE after each epoch; always 1.0 gives", baseline_mse)
print("seed  layer     " + "".join(f"{e:>7}" for e in range(1, epochs + 1)))
for i, seed_number in enumerate(seeds):
    for name, losses in (("SimpleRNN", val_simple), ("GRU", val_gru)):
        print(f"{seed_number:>4}  {name:<9} "
              + "".join(f"{v:7.4f}" for v in losses[i]))
del i, seed_number, name, losses
simple_worst_ratio = round(float(val_simple[:, -1].min() / baseline_mse), 2)
gru_worst_final = float(val_gru[:, -1].max())
# near the baseline: within 10 percent of it; learned: a tenth of it or less
simple_fails_every_seed = simple_worst_ratio > 0.9
gru_learns_every_seed = gru_worst_final < 0.1 * baseline_mse
print("SimpleRNN near the baseline on every seed:", simple_fails_every_seed)
print("GRU below a tenth of it on every seed:", gru_learns_every_seed)


# %% gru-in-numpy
def sigmoid(v: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-v))


def update_gates(gru: keras.layers.Layer, x: np.ndarray) -> tuple:
    """The GRU's equations in NumPy (blocks z, r, h): final h and every z_t."""
    kernel, recurrent_kernel, bias = (np.asarray(w) for w in gru.weights)
    W_x = dict(zip("zrh", np.split(kernel, 3, axis=1)))
    W_h = dict(zip("zrh", np.split(recurrent_kernel, 3, axis=1)))
    b_x = dict(zip("zrh", np.split(bias[0], 3)))
    b_h = dict(zip("zrh", np.split(bias[1], 3)))
    h = np.zeros((len(x), units), dtype="float32")
    gates = []
    for t in range(T):
        x_t = x[:, t, :]
        z = sigmoid(x_t @ W_x["z"] + b_x["z"] + h @ W_h["z"] + b_h["z"])
        r = sigmoid(x_t @ W_x["r"] + b_x["r"] + h @ W_h["r"] + b_h["r"])
        h_candidate = np.tanh(x_t @ W_x["h"] + b_x["h"]
                              + r * (h @ W_h["h"] + b_h["h"]))
        h = z * h + (1 - z) * h_candidate
        gates.append(z)
    return h, np.stack(gates, axis=1)  # z: (batch, T, units)


# %% the-update-gate
trained_gru = gru_models[0].layers[0]  # seed 1
numpy_h, z_t = update_gates(trained_gru, x_val)
same_as_keras = bool(np.allclose(numpy_h, trained_gru(x_val), atol=1e-4))
marked = x_val[:, :, 1] == 1  # (batch, T): the two marked steps
z_unmarked = z_t[~marked].mean(axis=0)  # per unit, (units,)
z_marked = z_t[marked].mean(axis=0)
keepers = np.argsort(z_unmarked)[::-1][:4]  # the 4 units that keep most
keeper_z_unmarked = np.round(z_unmarked[keepers], 3) + 0.0
keeper_z_marked = np.round(z_marked[keepers], 3) + 0.0
z_mean_unmarked = round(float(z_unmarked.mean()), 2)
z_mean_marked = round(float(z_marked.mean()), 2)
print("NumPy GRU = Keras GRU:", same_as_keras)
print("trained GRU (seed 1), update gate z_t, mean over the validation set")
print("unit   unmarked steps   marked steps")
for unit, kept, opened in zip(keepers, keeper_z_unmarked, keeper_z_marked):
    print(f"{unit:>4} {kept:>16.3f} {opened:>14.3f}")
del unit, kept, opened
print(f"all {units} units {z_mean_unmarked:>10.2f} {z_mean_marked:>14.2f}")
