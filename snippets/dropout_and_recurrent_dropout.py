"""dropout= and recurrent_dropout= in Keras 3's RNN layers.

Dropout acts only in training, and a layer draws one dropout mask per
sequence and uses it at every time step (a linear SimpleRNN with identity
weights shows the masks).
"""

# %% training-or-not
import keras
import numpy as np

keras.utils.set_random_seed(42)

batch_size = 2
timesteps = 5
features = 4
units = 3
rate = 0.5
x = keras.random.normal((batch_size, timesteps, features), seed=1)
dropped = keras.layers.LSTM(units, dropout=rate, recurrent_dropout=rate)
plain = keras.layers.LSTM(units)  # no dropout
dropped.build(x.shape)
plain.build(x.shape)
plain.set_weights(dropped.get_weights())  # the same weights

first_training_call = np.asarray(dropped(x, training=True))
second_training_call = np.asarray(dropped(x, training=True))
inference_call = np.asarray(dropped(x, training=False))
plain_call = np.asarray(plain(x))
print("training=True: ", np.round(first_training_call[0], 4) + 0.0)
print("training=True: ", np.round(second_training_call[0], 4) + 0.0)
print("training=False:", np.round(inference_call[0], 4) + 0.0)
print("no dropout:    ", np.round(plain_call[0], 4) + 0.0)
training_calls_differ = not bool(np.allclose(first_training_call,
                                             second_training_call))
inference_equals_plain = bool(np.allclose(inference_call, plain_call))

# %% one-mask
import importlib

width = 6
ones = np.ones((batch_size, timesteps, width), dtype="float32")
identity = np.eye(width, dtype="float32")


def linear_rnn(recurrent_kernel, **dropout_rate):
    """h_t = x_t W_x + h_{t-1} W_h, W_x = I, no tanh, no bias; fed ones."""
    layer = keras.layers.SimpleRNN(width, activation=None, use_bias=False,
                                   return_sequences=True, **dropout_rate)
    layer.build(ones.shape)
    layer.set_weights([identity, recurrent_kernel])
    return np.asarray(layer(ones, training=True)).astype(int)


input_masks = linear_rnn(0 * identity, dropout=rate)  # h_t = dropped x_t
recurrent_states = linear_rnn(identity, recurrent_dropout=rate)
kept_scale = 1 / (1 - rate)
print("sequence 1, h_t with dropout | with recurrent_dropout")
for step in range(timesteps):
    states = " ".join(f"{v:2}" for v in recurrent_states[1, step])
    print(f"time step {step}:", input_masks[1, step], "|", states)
print("sequence 0, h_t with dropout:", input_masks[0, 0], "at every step")
input_mask_every_step = bool(np.all(input_masks == input_masks[:, :1]))
masks_differ_by_sequence = bool(np.any(input_masks[0] != input_masks[1]))
kept_every_step = 2 ** np.arange(1, timesteps + 1) - 1
by_unit = recurrent_states.transpose(0, 2, 1).reshape(-1, timesteps)
recurrent_mask_every_step = bool(all(
    np.all(row == 1) or np.all(row == kept_every_step) for row in by_unit))
DropoutRNNCell = importlib.import_module(
    "keras.src.layers.rnn.dropout_rnn_cell").DropoutRNNCell
cells_share_the_masks = all(issubclass(cell, DropoutRNNCell) for cell in (
    keras.layers.SimpleRNNCell, keras.layers.LSTMCell, keras.layers.GRUCell))
del step, states
