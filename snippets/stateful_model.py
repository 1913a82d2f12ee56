"""A stateful model in Keras 3, end to end.

The batch size is fixed in keras.Input(batch_shape=...), the number of
samples must be a multiple of it, the state is reset by hand between
epochs, and a copy with batch size 1 predicts one sequence at a time.
"""

# %% batch-shape
import re
import textwrap

import keras
import numpy as np

keras.utils.set_random_seed(42)

batch_size = 4
timesteps = 3
features = 2
units = 5


def stateful_model(batch: int) -> keras.Model:
    """SimpleRNN(units, stateful=True) and a Dense, for batches of `batch`."""
    inputs = keras.Input(batch_shape=(batch, timesteps, features))
    rnn = keras.layers.SimpleRNN(units, stateful=True, name="stateful_rnn")
    outputs = keras.layers.Dense(1, name="dense")(rnn(inputs))
    return keras.Model(inputs, outputs)


batch_model = stateful_model(batch_size)
print("model input:", tuple(batch_model.input.shape),
      "output:", tuple(batch_model.output.shape))
same_input = keras.Input(shape=(timesteps, features), batch_size=batch_size)
batch_size_argument_same = (tuple(same_input.shape)
                            == tuple(batch_model.input.shape))
print("keras.Input(shape=..., batch_size=4):", tuple(same_input.shape))

# %% a-multiple-of-the-batch-size
all_samples = 10
samples = np.random.normal(size=(all_samples, timesteps, features))
samples = samples.astype("float32")
targets = np.random.normal(size=(all_samples, 1)).astype("float32")
# fit and predict cut the samples into batches of batch_size, in order
batches = [samples[k : k + batch_size]
           for k in range(0, all_samples, batch_size)]
leftover = len(batches[-1])
print(all_samples, "samples, batches of", batch_size, "->",
      [len(batch) for batch in batches], "rows")
try:
    batch_model(batches[-1])  # the last batch: the leftover rows
except ValueError as error:
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).strip(" -")
             for line in str(error).splitlines()]
    leftover_error = [line for line in lines if "must be the same" in line][0]
    expected_line = [line for line in lines if line.startswith("Expected")][0]
    received_line = [line for line in lines if line.startswith("Received")][0]
print(textwrap.fill("ValueError: " + leftover_error, width=78))
print(" ", expected_line, "/", received_line)
usable = len(samples) // batch_size * batch_size
samples, targets = samples[:usable], targets[:usable]
print("kept the first", usable, "samples:", tuple(samples.shape))

# %% reset-between-epochs
rnn = batch_model.get_layer("stateful_rnn")
batch_model.compile(optimizer="adam", loss="mse")
epoch_count = 2
for epoch in range(epoch_count):
    # rows of batch k + 1 continue the rows of batch k: keep the order
    batch_model.fit(samples, targets, batch_size=batch_size, epochs=1,
              shuffle=False, verbose=0)
    state_after_epoch = np.asarray(rnn.states[0])
    rnn.reset_state()  # the next epoch reads the sequences from the start
    print(f"epoch {epoch}: state kept", tuple(state_after_epoch.shape),
          "nonzero:", bool(np.any(state_after_epoch)),
          "-> after reset_state() zero:",
          not np.any(np.asarray(rnn.states[0])))
del epoch
state_zero_after_reset = not np.any(np.asarray(rnn.states[0]))
layer_has_reset_states = hasattr(rnn, "reset_states")
batch_model_has_reset_states = hasattr(batch_model, "reset_states")
print("layer has reset_states():", layer_has_reset_states,
      " model has reset_states():", batch_model_has_reset_states)

# %% one-sequence-at-a-time
# Rows 0-3 are the first chunks of 4 streams, rows 4-7 their next chunks.
# The batch model, called batch by batch in order (as predict would do).
batch_predictions = np.concatenate([
    np.asarray(batch_model(samples[k : k + batch_size]))
    for k in range(0, usable, batch_size)])
single = stateful_model(1)  # the same layers, for batches of 1
single.set_weights(batch_model.get_weights())
row = 1
rows = [row, row + batch_size]  # stream 1's two chunks
single_predictions = np.concatenate([
    np.asarray(single(samples[i : i + 1])) for i in rows])
print("batch model, stream 1:", np.round(batch_predictions[rows, 0], 4)
      + 0.0)
stream_1_single = np.round(single_predictions[:, 0], 4) + 0.0
print("batch size 1, stream 1:", stream_1_single)
single_max_difference = float(np.max(np.abs(
    single_predictions - batch_predictions[rows])))
single_same_as_batch = single_max_difference < 1e-6
print("largest difference below 1e-6:", single_same_as_batch)
