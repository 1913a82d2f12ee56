"""The gates of LSTM and GRU, computed in NumPy from Keras's own weights.

The kernel holds the gates side by side: LSTM in the order i, f, c, o; GRU in
the order z, r, h. Splitting the matrices in that order and running the
equations of the page over all 20 time steps gives what Keras gives; another
order does not. On the way, it records the gates that decide how much old
state a new layer keeps.
"""

# %% two-layers-one-batch
import keras
import numpy as np

keras.utils.set_random_seed(42)

batch_size = 2
max_len = 20
embedding_dim = 64
units = 32

# Random token ids through an untrained Embedding: what a new model reads.
embedding = keras.layers.Embedding(10000, embedding_dim)
lstm = keras.layers.LSTM(units)
gru = keras.layers.GRU(units)
token_ids = np.random.randint(1, 10000, size=(batch_size, max_len))
embedded = np.asarray(embedding(token_ids))
keras_lstm = np.asarray(lstm(embedded))
keras_gru = np.asarray(gru(embedded))


def sigmoid(v: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-v))


# %% lstm-in-numpy
def numpy_lstm(order: str) -> tuple[np.ndarray, np.ndarray]:
    """The LSTM equations, the 4 blocks of each weight read in `order`.

    Returns the final hidden state and every time step's forget gate f_t."""
    kernel, recurrent_kernel, bias = (np.asarray(w) for w in lstm.weights)
    W_x = dict(zip(order, np.split(kernel, 4, axis=1)))  # 4 x (64, 32)
    W_h = dict(zip(order, np.split(recurrent_kernel, 4, axis=1)))  # (32, 32)
    b = dict(zip(order, np.split(bias, 4)))  # 4 x (32,)
    h = np.zeros((batch_size, units), dtype="float32")  # h_{-1} = 0
    c = np.zeros((batch_size, units), dtype="float32")  # c_{-1} = 0
    forget_gates = []
    for t in range(max_len):
        x = embedded[:, t, :]
        i = sigmoid(x @ W_x["i"] + h @ W_h["i"] + b["i"])  # input gate
        f = sigmoid(x @ W_x["f"] + h @ W_h["f"] + b["f"])  # forget gate
        c_candidate = np.tanh(x @ W_x["c"] + h @ W_h["c"] + b["c"])
        o = sigmoid(x @ W_x["o"] + h @ W_h["o"] + b["o"])  # output gate
        c = f * c + i * c_candidate  # the cell state
        h = o * np.tanh(c)  # the hidden state
        forget_gates.append(f)
    return h, np.stack(forget_gates)


# %% gru-in-numpy
def numpy_gru(order: str) -> tuple[np.ndarray, np.ndarray]:
    """The GRU equations (reset_after=True), the 3 blocks read in `order`.

    Returns the final hidden state and every time step's update gate z_t."""
    kernel, recurrent_kernel, bias = (np.asarray(w) for w in gru.weights)
    W_x = dict(zip(order, np.split(kernel, 3, axis=1)))  # 3 x (64, 32)
    W_h = dict(zip(order, np.split(recurrent_kernel, 3, axis=1)))  # (32, 32)
    b_x = dict(zip(order, np.split(bias[0], 3)))  # row 0: added to x W_x
    b_h = dict(zip(order, np.split(bias[1], 3)))  # row 1: added to h W_h
    h = np.zeros((batch_size, units), dtype="float32")
    update_gates = []
    for t in range(max_len):
        x = embedded[:, t, :]
        # update gate, reset gate, candidate
        z = sigmoid(x @ W_x["z"] + b_x["z"] + h @ W_h["z"] + b_h["z"])
        r = sigmoid(x @ W_x["r"] + b_x["r"] + h @ W_h["r"] + b_h["r"])
        h_candidate = np.tanh(x @ W_x["h"] + b_x["h"]
                              + r * (h @ W_h["h"] + b_h["h"]))
        # z keeps the old state, 1 - z takes the new
        h = z * h + (1 - z) * h_candidate
        update_gates.append(z)
    return h, np.stack(update_gates)


# %% which-order
numpy_h, f_t = numpy_lstm("ifco")  # f_t: the forget gate, (20, 2, 32)
wrong_h, _ = numpy_lstm("icfo")
lstm_max_diff = float(np.max(np.abs(numpy_h - keras_lstm)))
lstm_wrong_order_diff = float(np.max(np.abs(wrong_h - keras_lstm)))
numpy_h, z_t = numpy_gru("zrh")  # z_t: the update gate, (20, 2, 32)
wrong_h, _ = numpy_gru("rzh")
gru_max_diff = float(np.max(np.abs(numpy_h - keras_gru)))
gru_wrong_order_diff = float(np.max(np.abs(wrong_h - keras_gru)))
lstm_order_ifco = lstm_max_diff < 1e-5
gru_order_zrh = gru_max_diff < 1e-5
lstm_other_order = lstm_wrong_order_diff < 1e-5
gru_other_order = gru_wrong_order_diff < 1e-5
print("max |numpy - keras| < 1e-5,")
print("  LSTM, blocks read as i, f, c, o:", lstm_order_ifco)
print("  LSTM, blocks read as i, c, f, o:", lstm_other_order)
print("  GRU,  blocks read as z, r, h:   ", gru_order_zrh)
print("  GRU,  blocks read as r, z, h:   ", gru_other_order)

# %% the-biases
# unit_forget_bias=True (the default): the forget gate's bias starts at 1,
# the others at 0.
bias_blocks = np.asarray(lstm.cell.bias).reshape(4, units).mean(axis=1)
lstm_bias_blocks = np.round(bias_blocks, 4) + 0.0
print("LSTM bias at the start, mean of each block i, f, c, o:",
      lstm_bias_blocks)
print("GRU bias:", tuple(gru.cell.bias.shape),
      "= (x-side and h-side rows, 3 gates x units)")

# %% the-gates-at-the-start
# Before any training, how much of the old state each step keeps: the LSTM's
# f_t and the GRU's z_t, over every time step, row and unit of this batch.
forget_gate_mean = round(float(f_t.mean()), 2)
forget_gate_range = np.round([f_t.min(), f_t.max()], 2) + 0.0
update_gate_mean = round(float(z_t.mean()), 2)
update_gate_range = np.round([z_t.min(), z_t.max()], 2) + 0.0
print("LSTM forget gate f_t: mean", forget_gate_mean,
      "from", forget_gate_range)
print("GRU update gate z_t:  mean", update_gate_mean,
      "from", update_gate_range)
