"""Bidirectional(LSTM(units, return_state=True)) returns five tensors.

The output, then the forward half's h and c, then the backward half's h and
c. A decoder that wants one state takes the two h side by side and the two c
side by side.
"""

# %% five-tensors
import keras
import numpy as np

keras.utils.set_random_seed(42)

batch_size = 2
timesteps = 5
features = 8
units = 4

inputs = np.random.normal(size=(batch_size, timesteps, features))
inputs = inputs.astype("float32")
bidirectional = keras.layers.Bidirectional(
    keras.layers.LSTM(units, return_state=True))
results = bidirectional(inputs)
print(len(results), "tensors")
for label, tensor in zip(["output", "forward h", "forward c", "backward h",
                          "backward c"], results):
    print(f"  {label:<11}", tuple(tensor.shape))
del label, tensor
output, forward_h, forward_c, backward_h, backward_c = (
    np.asarray(t) for t in results)

# %% which-is-which
forward_h_is_first_half = bool(np.allclose(output[:, :units], forward_h))
backward_h_is_second_half = bool(np.allclose(output[:, units:], backward_h))
c_in_output = bool(np.allclose(output[:, :units], forward_c)
                   or np.allclose(output[:, units:], backward_c))
print("forward h == output[:, :units]:", forward_h_is_first_half)
print("backward h == output[:, units:]:", backward_h_is_second_half)
print("a c in the output:", c_in_output)

# %% for-a-decoder
state_h = keras.layers.concatenate([forward_h, backward_h])
state_c = keras.layers.concatenate([forward_c, backward_c])
print("state_h:", tuple(state_h.shape), "state_c:", tuple(state_c.shape))
decoder = keras.layers.LSTM(2 * units)
decoder_inputs = np.zeros((batch_size, 3, features), dtype="float32")
decoder_output = decoder(decoder_inputs, initial_state=[state_h, state_c])
print("LSTM(2 * units) started from them:", tuple(decoder_output.shape))
