"""Dense on a 3-D tensor and TimeDistributed(Dense): the same numbers.

Dense acts on the last axis alone, so on the hidden states of every time step,
(batch_size, timesteps, units), it runs once per time step with one kernel.
TimeDistributed(Dense) runs the Dense on each time step explicitly. Here both
models share the SAME Dense layer, so their weights are the same.
"""

# %% one-dense-two-ways
import keras
import numpy as np

keras.utils.set_random_seed(42)
batch_size, timesteps, features = 2, 6, 3
units, classes = 8, 5
sequences = np.random.default_rng(0).normal(
    size=(batch_size, timesteps, features)).astype("float32")

inputs = keras.Input(shape=(timesteps, features))
hidden = keras.layers.SimpleRNN(units, return_sequences=True,
                                name="rnn")(inputs)
head = keras.layers.Dense(classes, name="head")
plain = keras.Model(inputs, head(hidden), name="plain")
wrapped = keras.Model(
    inputs, keras.layers.TimeDistributed(head, name="per_step")(hidden),
    name="wrapped")
print("kernel of the Dense:", tuple(head.kernel.shape))
print("plain:  ", tuple(plain.output.shape),
      "params", plain.get_layer("head").count_params())
print("wrapped:", tuple(wrapped.output.shape),
      "params", wrapped.get_layer("per_step").count_params())

# %% same-numbers
plain_output = plain(sequences).numpy()
wrapped_output = wrapped(sequences).numpy()
hidden_states = keras.Model(inputs, hidden)(sequences).numpy()
# by hand: the Dense on the hidden state of each time step in turn
step_by_step = np.stack(
    [head(hidden_states[:, t]).numpy() for t in range(timesteps)], axis=1)
print("outputs:", tuple(plain_output.shape), tuple(wrapped_output.shape))
max_difference = float(np.max(np.abs(plain_output - wrapped_output)))
print("largest difference, plain vs wrapped:", max_difference)
bit_equal = bool(np.array_equal(plain_output, wrapped_output))
print("bit for bit equal:", bit_equal)
same_as_step_by_step = bool(np.allclose(plain_output, step_by_step,
                                        atol=1e-6))
print("same as the Dense on each time step:", same_as_step_by_step)
print("time step 0, row 0:", np.round(plain_output[0, 0], 4) + 0.0)
