"""return_state=True: an LSTM returns three tensors, a GRU two.

An LSTM carries two states from step to step, the hidden state h and the cell
state c; a GRU carries one, h. With return_state=True each layer returns its
output, then its final states. Without return_sequences the output is the last
hidden state: h itself.
"""

# %% three-tensors-or-two
import keras
import numpy as np

keras.utils.set_random_seed(42)

batch_size = 2
max_len = 20
embedding_dim = 64
units = 32

embedded = np.random.normal(size=(batch_size, max_len, embedding_dim))
embedded = embedded.astype("float32")

lstm_results = keras.layers.LSTM(units, return_state=True)(embedded)
gru_results = keras.layers.GRU(units, return_state=True)(embedded)
print("LSTM returns", len(lstm_results), "tensors:",
      [tuple(r.shape) for r in lstm_results])
print("GRU returns ", len(gru_results), "tensors:",
      [tuple(r.shape) for r in gru_results])

lstm_output, lstm_h, lstm_c = lstm_results
gru_output, gru_h = gru_results
lstm_output_is_h = bool(np.array_equal(lstm_output, lstm_h))
lstm_output_is_c = bool(np.array_equal(lstm_output, lstm_c))
gru_output_is_h = bool(np.array_equal(gru_output, gru_h))
print("LSTM output == h:", lstm_output_is_h, "| output == c:", lstm_output_is_c)
print("GRU  output == h:", gru_output_is_h)
# h = o * tanh(c): the cell state squashed to (-1, 1), and gated.
print("first 4 units of h:", np.round(np.asarray(lstm_h)[0, :4], 4) + 0.0)
print("first 4 units of c:", np.round(np.asarray(lstm_c)[0, :4], 4) + 0.0)

# %% with-return-sequences
# With return_sequences=True the output is every hidden state; its last row
# is h.
lstm_all = keras.layers.LSTM(units, return_sequences=True, return_state=True)
all_states, last_h, last_c = lstm_all(embedded)
last_row_is_h = bool(np.array_equal(all_states[:, -1, :], last_h))
print("return_sequences=True:", tuple(all_states.shape),
      "+ h", tuple(last_h.shape), "+ c", tuple(last_c.shape))
print("last time step of the output == h:", last_row_is_h)
