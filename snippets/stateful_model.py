"""A stateful model in Keras 3, end to end.

The batch size is fixed in keras.Input(batch_shape=...), the number of
samples must be a multiple of it, the state is reset by hand between
epochs, and a copy with batch size 1 predicts one sequence at a time.
"""

# %% batch-shape
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
leftover = all_samples % batch_size
try:
    batch_model.predict(samples, batch_size=batch_size, verbose=0)
except Exception as error:  # TensorFlow's InvalidArgumentError
    leftover_error = [line for line in str(error).splitlines()
                      if line.startswith("Incompatible shapes")][0]
print(all_samples, "samples, batches of", batch_size, "->", leftover_error)
usable = len(samples) // batch_size * batch_size
samples, targets = samples[:usable], targets[:usable]
print("kept the first", usable, "samples:", tuple(samples.shape))

# %% reset-between-epochs
rnn = batch_model.get_layer("stateful_rnn")
# the batches before the failing one have run: the state has moved
state_moved = bool(np.any(np.asarray(rnn.states[0])))
print("state moved by the failed predict:", state_moved)
rnn.reset_state()
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
batch_predictions = batch_model.predict(samples, batch_size=batch_size,
                                        verbose=0)
single = stateful_model(1)  # the same layers, for batches of 1
single.set_weights(batch_model.get_weights())
row = 1
rows = [row, row + batch_size]  # stream 1's two chunks
single_predictions = np.concatenate([
    single.predict(samples[i : i + 1], verbose=0)
    for i in rows])
print("batch model, stream 1:", np.round(batch_predictions[rows, 0], 4)
      + 0.0)
stream_1_single = np.round(single_predictions[:, 0], 4) + 0.0
print("batch size 1, stream 1:", stream_1_single)
single_max_difference = float(np.max(np.abs(
    single_predictions - batch_predictions[rows])))
single_same_as_batch = single_max_difference < 1e-6
print("largest difference below 1e-6:", single_same_as_batch)
