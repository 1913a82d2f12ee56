"""Padded targets: a many-to-many model whose loss skips the padded steps.

Each time step's target is the running sum of the first feature so far.
Inputs and targets are padded at the end. With a Masking layer the mask
reaches the loss, and model.evaluate gives the mean squared error over the
real time steps only: the loss of the sequences alone, unpadded.
"""

# %% padded-targets
import keras
import numpy as np

keras.utils.set_random_seed(42)

features = 2
units = 8
lengths = [5, 3, 2]

rng = np.random.default_rng(42)
sequences = [
    np.round(rng.normal(size=(n, features)), 2).astype("float32")
    for n in lengths
]
targets = [np.cumsum(s[:, :1], axis=0) for s in sequences]  # (n, 1) each
x = keras.utils.pad_sequences(sequences, dtype="float32", padding="post")
y = keras.utils.pad_sequences(targets, dtype="float32", padding="post")
max_len = x.shape[1]
real_steps = int(sum(lengths))
all_steps = len(lengths) * max_len
print("inputs:", tuple(x.shape), "| targets:", tuple(y.shape))
print("targets of sequence 1:", np.round(y[1, :, 0], 2) + 0.0)

inputs = keras.Input(shape=(None, features))
masked = keras.layers.Masking(mask_value=0.0)(inputs)
states = keras.layers.SimpleRNN(units, return_sequences=True,
                                name="rnn")(masked)
outputs = keras.layers.Dense(1, name="head")(states)  # one value per step
model = keras.Model(inputs, outputs)
model.compile(loss="mse")

# %% the-loss-by-hand
keras_loss = model.evaluate(x, y, verbose=0)
squared = [
    (np.asarray(model(s[np.newaxis]))[0] - t) ** 2  # each sequence alone
    for s, t in zip(sequences, targets)
]
unpadded_loss = float(np.concatenate(squared).mean())
padded_squared = (np.asarray(model(x)) - y) ** 2
every_step_loss = float(padded_squared.mean())  # padding counted too
print(f"model.evaluate, padded batch:          {keras_loss:.5f}")
print(f"mean over the {real_steps} real steps, unpadded: "
      f"{unpadded_loss:.5f}")
print(f"mean over all {all_steps} steps, padding too:   "
      f"{every_step_loss:.5f}")
loss_is_unpadded = bool(np.isclose(keras_loss, unpadded_loss, atol=1e-5))
print("evaluate == unpadded mean:", loss_is_unpadded)

# %% sample-weight
# No Masking layer; a weight per time step instead: 1 real, 0 padding.
no_mask_model = keras.Model(
    inputs, model.get_layer("head")(model.get_layer("rnn")(inputs)))
no_mask_model.compile(loss="mse")
step_weights = (np.arange(max_len) < np.array(lengths)[:, None])
step_weights = step_weights.astype("float32")
weighted_loss = no_mask_model.evaluate(x, y, sample_weight=step_weights,
                                       verbose=0)
rescaled = weighted_loss * all_steps / real_steps
print(f"sample_weight loss:                    {weighted_loss:.5f}")
print(f"  x {all_steps}/{real_steps}:                             "
      f"{rescaled:.5f}")
weighted_divides_by_all = bool(np.isclose(rescaled, unpadded_loss,
                                          atol=1e-5))
print("sample_weight divides by all steps:", weighted_divides_by_all)

# %% train
epochs = 20
history = model.fit(x, y, epochs=epochs, verbose=0)
losses = np.round(history.history["loss"], 4)
print("loss, first and last epoch:", losses[0], losses[-1])
trained_squared = [
    (np.asarray(model(s[np.newaxis]))[0] - t) ** 2
    for s, t in zip(sequences, targets)
]
trained_unpadded = float(np.concatenate(trained_squared).mean())
trained_keras = model.evaluate(x, y, verbose=0)
print(f"after training, evaluate {trained_keras:.5f}"
      f" | unpadded {trained_unpadded:.5f}")
still_unpadded = bool(np.isclose(trained_keras, trained_unpadded, atol=1e-5))
