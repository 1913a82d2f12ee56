"""The LSTM on the adding problem: Keras's forget bias of 1 against one of 3.

The same sequences as snippets/adding_problem.py (T = 100, the sum of the two
marked values). First the forget gate of two new LSTMs, measured in NumPy on
the validation sequences: the default (unit_forget_bias=True adds 1 to the
forget gate's bias) and one whose forget bias starts at 3. Then both are
trained from seeds 1, 2 and 3, and the trained ones' gates are measured again.
"""

# %% the-same-sequences
import keras
import numpy as np

keras.utils.set_random_seed(42)

T = 100  # time steps
n_train = 2000
n_val = 500
units = 16


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


rng = np.random.default_rng(42)  # the same sequences as adding_problem.py
x_train, y_train = adding_problem(n_train, rng)
x_val, y_val = adding_problem(n_val, rng)
baseline_mse = round(float(np.mean((y_val - 1.0) ** 2)), 3)


# %% two-forget-biases
def forget_bias(value: float):
    """A bias initializer: 0 for the blocks i, c, o, `value` for f."""
    def initializer(shape, dtype=None):
        bias = np.zeros(shape, dtype="float32")  # (4 * units,)
        bias[units:2 * units] = value  # the second block: f
        return bias
    return initializer


def new_lstm(bias: float) -> keras.layers.LSTM:
    if bias == 1:
        return keras.layers.LSTM(units)  # unit_forget_bias=True
    return keras.layers.LSTM(units, unit_forget_bias=False,
                             bias_initializer=forget_bias(bias))


biases = [1, 3]


# %% gates-in-numpy
def sigmoid(v: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-v))


def lstm_gates(lstm: keras.layers.Layer, x: np.ndarray) -> tuple:
    """The LSTM's equations (blocks i, f, c, o): final h, every i_t and f_t."""
    kernel, recurrent_kernel, bias = (np.asarray(w) for w in lstm.weights)
    W_x = dict(zip("ifco", np.split(kernel, 4, axis=1)))
    W_h = dict(zip("ifco", np.split(recurrent_kernel, 4, axis=1)))
    b = dict(zip("ifco", np.split(bias, 4)))
    h = np.zeros((len(x), units), dtype="float32")
    c = np.zeros((len(x), units), dtype="float32")
    input_gates, forget_gates = [], []
    for t in range(T):
        x_t = x[:, t, :]
        i = sigmoid(x_t @ W_x["i"] + h @ W_h["i"] + b["i"])
        f = sigmoid(x_t @ W_x["f"] + h @ W_h["f"] + b["f"])
        c_candidate = np.tanh(x_t @ W_x["c"] + h @ W_h["c"] + b["c"])
        o = sigmoid(x_t @ W_x["o"] + h @ W_h["o"] + b["o"])
        c = f * c + i * c_candidate
        h = o * np.tanh(c)
        input_gates.append(i)
        forget_gates.append(f)
    return h, np.stack(input_gates, axis=1), np.stack(forget_gates, axis=1)


# %% forget-gate-at-the-start
window = 50  # the last half of the sequence


def kept_after(f_t: np.ndarray) -> float:
    """The share of what a cell held `window` steps before the end, kept."""
    return float(np.prod(f_t[:, -window:], axis=1).mean())


keras.utils.set_random_seed(1)
start_f_mean, start_kept = [], []
for bias in biases:
    lstm = new_lstm(bias)
    lstm.build((None, T, 2))
    _, _, f_t = lstm_gates(lstm, x_val)
    start_f_mean.append(round(float(f_t.mean()), 3))
    start_kept.append(kept_after(f_t))
del bias, lstm, f_t
start_f_mean = np.array(start_f_mean)
start_kept = np.array(start_kept)
print("new LSTM          forget gate f_t, mean",
      f"  cell state kept over {window}")
for bias, f_mean, kept in zip(biases, start_f_mean, start_kept):
    print(f"forget bias {bias}  {f_mean:>24.3f} {kept:>25.1e}")
del bias, f_mean, kept

# %% train-on-three-seeds
epochs = 10
seeds = [1, 2, 3]


def train(bias: float, seed: int) -> keras.Model:
    """An LSTM with forget bias `bias` and a Dense(1), trained from `seed`."""
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([
        keras.Input(shape=(T, 2)),
        new_lstm(bias),
        keras.layers.Dense(1),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01),
                  loss="mse", jit_compile=True)
    model.fit(x_train, y_train, validation_data=(x_val, y_val),
              epochs=epochs, batch_size=32, verbose=0)
    return model


models = {(bias, seed): train(bias, seed) for bias in biases for seed in seeds}
# validation MSE after each epoch: (2 biases, 3 seeds, 10 epochs)
val_lstm = np.round([[models[bias, seed].history.history["val_loss"]
                      for seed in seeds] for bias in biases], 4) + 0.0
print("validation MSE; always 1.0 gives", baseline_mse)
print("seed  forget bias  "
      + "".join(f"{e:>6}" for e in range(1, epochs + 1)))
for i, seed_number in enumerate(seeds):
    for k, bias in enumerate(biases):
        print(f"{seed_number:>4}  {bias:>11}  "
              + "".join(f"{v:6.3f}" for v in val_lstm[k, i]))
del i, k, seed_number, bias
# learned: a validation MSE a tenth of the baseline or less after 10 epochs
learned = val_lstm[:, :, -1] < 0.1 * baseline_mse  # (2 biases, 3 seeds)
default_learned_none = not learned[0].any()
seeds_learned_with_bias_3 = [s for s, ok in zip(seeds, learned[1]) if ok]
print("forget bias 1 learned on no seed:", default_learned_none)
print("forget bias 3 learned on seeds", seeds_learned_with_bias_3)


# %% gates-after-training
def gates_of(model: keras.Model) -> tuple:
    """A trained model's LSTM in NumPy on x_val: its i_t, f_t, and a check."""
    lstm = model.layers[0]
    h, i_t, f_t = lstm_gates(lstm, x_val)
    return i_t, f_t, bool(np.allclose(h, lstm(x_val), atol=1e-4))


marked = x_val[:, :, 1] == 1  # (batch, T): the two marked steps
print("trained, seed 1   forget gate f_t, mean",
      f"  cell state kept over {window}")
trained_f_mean, trained_kept, checks = [], [], []
for bias in biases:
    i_t, f_t, same_as_keras = gates_of(models[bias, 1])
    trained_f_mean.append(round(float(f_t.mean()), 3))
    trained_kept.append(kept_after(f_t))
    checks.append(same_as_keras)
    print(f"forget bias {bias}  {trained_f_mean[-1]:>24.3f}",
          f"{trained_kept[-1]:>25.1e}")
del bias
numpy_same_as_keras = all(checks)
print("NumPy LSTM = Keras LSTM, both models:", numpy_same_as_keras)
trained_f_mean = np.array(trained_f_mean)
trained_kept = np.array(trained_kept)
# The last model, forget bias 3: the units that keep most, and when they write
keepers = np.argsort(f_t[~marked].mean(axis=0))[::-1][:4]
keeper_gates = np.round([[f_t[~marked].mean(axis=0)[keepers],
                          f_t[marked].mean(axis=0)[keepers]],
                         [i_t[~marked].mean(axis=0)[keepers],
                          i_t[marked].mean(axis=0)[keepers]]], 3) + 0.0
print("forget bias 3, seed 1: the 4 units whose f_t is largest")
print("unit   f unmarked   f marked   i unmarked   i marked")
for n, unit in enumerate(keepers):
    (f_u, f_m), (i_u, i_m) = keeper_gates[:, :, n]
    print(f"{unit:>4} {f_u:>12.3f} {f_m:>10.3f} {i_u:>12.3f} {i_m:>10.3f}")
del n, unit, f_u, f_m, i_u, i_m
