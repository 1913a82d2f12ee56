"""dropout= and recurrent_dropout= in Keras 3's RNN layers, run on a CPU.

Dropout acts only in training; one mask per sequence, the same at every time
step; recurrent_dropout keeps LSTM and GRU off the cuDNN path (checked by
counting the calls Keras makes to the backend's fast LSTM, since this machine
has no GPU).
"""

# %% training-or-not
import importlib
import inspect

import keras
import numpy as np

keras.utils.set_random_seed(42)

batch_size = 2
timesteps = 5
features = 4
units = 3
x = keras.random.normal((batch_size, timesteps, features), seed=1)
rate = 0.5
dropped = keras.layers.LSTM(units, dropout=rate, recurrent_dropout=rate)
plain = keras.layers.LSTM(units)  # no dropout
dropped.build(x.shape)
plain.build(x.shape)
plain.set_weights(dropped.get_weights())  # the same weights

first_training_call = np.asarray(dropped(x, training=True))
second_training_call = np.asarray(dropped(x, training=True))
inference_call = np.asarray(dropped(x, training=False))
default_call = np.asarray(dropped(x))  # no training argument
plain_call = np.asarray(plain(x))
print("training=True, twice:")
print(np.round(first_training_call, 4) + 0.0)
print(np.round(second_training_call, 4) + 0.0)
print("training=False:", np.round(inference_call[0], 4) + 0.0)
print("no dropout:    ", np.round(plain_call[0], 4) + 0.0)
training_calls_differ = not bool(np.allclose(first_training_call,
                                             second_training_call))
inference_equals_plain = bool(np.allclose(inference_call, plain_call))
default_equals_plain = bool(np.allclose(default_call, plain_call))
print("two training calls differ:", training_calls_differ)
print("training=False equals no dropout:", inference_equals_plain)
print("no training argument equals no dropout:", default_equals_plain)

# %% input-mask
width = 6  # features = units, so that the kernel can be the identity
kept_scale = 1 / (1 - rate)  # what a kept number is multiplied by
ones = np.ones((batch_size, timesteps, width), dtype="float32")
identity = np.eye(width, dtype="float32")
# h_t = x_t W_x + h_{t-1} W_h, no tanh, no bias: the masks show through.
input_side = keras.layers.SimpleRNN(width, activation=None, use_bias=False,
                                    dropout=rate, return_sequences=True)
input_side.build(ones.shape)
input_side.set_weights([identity, 0 * identity])  # h_t = dropped x_t
input_masks = np.asarray(input_side(ones, training=True))
print("dropout=0.5, W_x = I, W_h = 0: h_t is the dropped x_t,")
print("kept inputs scaled by 1 / (1 - 0.5) = 2; rows are time steps")
print("sequence 0        sequence 1")
for step in range(timesteps):
    print(input_masks[0, step].astype(int), input_masks[1, step].astype(int))
input_mask_every_step = bool(np.all(input_masks == input_masks[:, :1]))
masks_differ_by_sequence = bool(np.any(input_masks[0] != input_masks[1]))
print("one input mask per sequence, every step:", input_mask_every_step)
print("the two sequences' masks differ:", masks_differ_by_sequence)

# %% recurrent-mask
recurrent_side = keras.layers.SimpleRNN(width, activation=None,
                                        use_bias=False,
                                        recurrent_dropout=rate,
                                        return_sequences=True)
recurrent_side.build(ones.shape)
recurrent_side.set_weights([identity, identity])  # h_t = 1 + dropped h_t-1
recurrent_states = np.asarray(recurrent_side(ones, training=True))
print("recurrent_dropout=0.5, W_x = W_h = I: h_t = 1 + dropped h_{t-1}")
print("sequence 0           sequence 1")
for step in range(timesteps):
    print("   ".join(" ".join(f"{v:2d}" for v in row.astype(int))
                     for row in recurrent_states[:, step]))
# A unit kept at every step doubles and adds 1: 1, 3, 7, 15, 31.
# A unit dropped at every step stays at 1. Nothing else may appear.
kept_every_step = 2 ** np.arange(1, timesteps + 1) - 1
by_unit = recurrent_states.transpose(0, 2, 1).reshape(-1, timesteps)
recurrent_mask_every_step = bool(all(
    np.all(row == 1) or np.all(row == kept_every_step) for row in by_unit))
print("one recurrent mask per sequence, every step:",
      recurrent_mask_every_step)
DropoutRNNCell = importlib.import_module(
    "keras.src.layers.rnn.dropout_rnn_cell").DropoutRNNCell
cells_share_the_masks = all(
    issubclass(cell, DropoutRNNCell) for cell in
    (keras.layers.SimpleRNNCell, keras.layers.LSTMCell, keras.layers.GRUCell))
print("SimpleRNN, LSTM and GRU cells all mix in DropoutRNNCell:",
      cells_share_the_masks)
# With recurrent_dropout, the LSTM draws one mask per block (i, f, c, o) and
# the GRU one per block (z, r, h), for the inputs and for the state.
lstm_masks = dropped.cell.dropout_mask_count
gru_cell = keras.layers.GRUCell(units, recurrent_dropout=0.5)
gru_masks = gru_cell.dropout_mask_count
print("masks per sequence, LSTM:", lstm_masks, "| GRU:", gru_masks)
del step

# %% the-cudnn-path
tf_rnn = importlib.import_module("keras.src.backend.tensorflow.rnn")
gpu_available = tf_rnn._is_gpu_available()
keras_version = keras.__version__
print("Keras", keras_version, "| GPU:", gpu_available)
# The installed LSTM.inner_loop, up to the call of the backend's fast LSTM:
source = inspect.getsource(keras.layers.LSTM.inner_loop).splitlines()
print("\n".join(line[4:] for line in source[:7]))
del source
backend = importlib.import_module("keras.src.backend")
fast_calls = []  # which layers Keras offered the backend's cuDNN LSTM and GRU


def counting(name, fast):
    def wrapper(*args, **kwargs):
        fast_calls.append(name)
        return fast(*args, **kwargs)  # on this CPU: NotImplementedError
    return wrapper


original_lstm, original_gru = backend.lstm, backend.gru
backend.lstm = counting("lstm", original_lstm)
backend.gru = counting("gru", original_gru)
offered = {}
for layer_name in ["LSTM", "GRU"]:
    for argument in ["dropout", "recurrent_dropout"]:
        layer = getattr(keras.layers, layer_name)(units, **{argument: 0.5})
        fast_calls.clear()
        layer(x, training=True)
        offered[layer_name, argument] = len(fast_calls) > 0
        print(f"{layer_name}({argument}=0.5): offered to the fast path:",
              offered[layer_name, argument])
backend.lstm, backend.gru = original_lstm, original_gru
dropout_offered = offered["LSTM", "dropout"] and offered["GRU", "dropout"]
recurrent_dropout_offered = (offered["LSTM", "recurrent_dropout"]
                             or offered["GRU", "recurrent_dropout"])
del layer_name, argument, layer
