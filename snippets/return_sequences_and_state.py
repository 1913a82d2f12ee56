"""return_sequences and return_state on the notes' four-word sentence.

Two SimpleRNN layers with the SAME weights, so their outputs can be compared
(in the notes each layer had its own random weights).
"""

# %% the-sentence
import keras
import numpy as np

keras.utils.set_random_seed(42)

# "the movie is fun": 4 words (time steps), each embedded as 5 numbers.
embedded_sequence = np.array(
    [
        [
            [0.1, 4.2, 1.5, 1.1, 2.8],  # the
            [1.0, 3.1, 2.5, 0.7, 1.1],  # movie
            [0.3, 2.1, 1.5, 2.1, 0.1],  # is
            [2.2, 1.4, 0.5, 0.9, 1.1],  # fun
        ]
    ],
    dtype="float32",
)
batch_size, timesteps, features = embedded_sequence.shape
units = 3
print("input:", tuple(embedded_sequence.shape))

# %% two-layers-one-set-of-weights
rnn_all = keras.layers.SimpleRNN(units, return_sequences=True,
                                 return_state=True)
rnn_last = keras.layers.SimpleRNN(units, return_sequences=False,
                                  return_state=True)

# return_state=True: the layer returns two tensors, the usual output and the
# final state.
outputs_all = rnn_all(embedded_sequence)
hidden_states, final_state = outputs_all

rnn_last.build(embedded_sequence.shape)
# the same weights: the outputs are comparable
rnn_last.set_weights(rnn_all.get_weights())
last_hidden_state, final_state_last = rnn_last(embedded_sequence)

print("return_sequences=True:", tuple(hidden_states.shape))
print(np.round(hidden_states, 4) + 0.0)
print("return_sequences=False:", tuple(last_hidden_state.shape))
print(np.round(last_hidden_state, 4) + 0.0)
last_row = hidden_states[:, -1, :]  # the hidden state of the last time step
last_row_is_output = bool(np.allclose(last_row, last_hidden_state))
print("last row == return_sequences=False output:", last_row_is_output)

# %% the-final-state
print("return_state=True returns a", type(outputs_all).__name__,
      "of", len(outputs_all), "tensors")
print("final state:", tuple(final_state.shape))
print(np.round(final_state, 4) + 0.0)
last_row_is_final_state = bool(np.allclose(last_row, final_state))
output_is_final_state = bool(np.allclose(last_hidden_state, final_state_last))
print("last row == final state:", last_row_is_final_state)
print("return_sequences=False output == its final state:",
      output_is_final_state)
