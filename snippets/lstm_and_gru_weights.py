"""LSTM and GRU on the running example: weights, shapes, parameter counts.

The same input as the notes' model (Embedding(10000, 64), 20 tokens) and the
same 32 units, read by a SimpleRNN, an LSTM and a GRU. Each gate has its own
kernel, recurrent kernel and bias; Keras stores the gates side by side in one
matrix per kind.
"""

# %% three-layers
import keras

keras.utils.set_random_seed(42)

max_features = 10000
max_len = 20
embedding_dim = 64
units = 32


def rnn_model(rnn_layer: keras.layers.Layer) -> keras.Model:
    """The notes' input and embedding, then one RNN layer."""
    return keras.Sequential([
        keras.Input(shape=(max_len,)),
        keras.layers.Embedding(max_features, embedding_dim),
        rnn_layer,
    ])


model_simple = rnn_model(keras.layers.SimpleRNN(units))
model_lstm = rnn_model(keras.layers.LSTM(units))
# Keras 3 default: reset_after=True
model_gru = rnn_model(keras.layers.GRU(units))
model_gru_reset_before = rnn_model(
    keras.layers.GRU(units, reset_after=False, name="gru_reset_before"))

for model in (model_simple, model_lstm, model_gru, model_gru_reset_before):
    layer = model.layers[-1]
    print(f"{layer.name}: output {tuple(layer.output.shape)},",
          f"{layer.count_params():,} parameters")
    for weight in layer.weights:
        print(f"  {weight.name:<17} {tuple(weight.shape)}")

# %% count-by-hand
# The counts by hand: blocks x units x (inputs + units + biases per unit).
# A block is one gate, or the candidate: the LSTM has 3 gates + 1, the GRU
# 2 + 1.
simple_by_hand = 1 * units * (embedding_dim + units + 1)
# blocks i, f, c, o
lstm_by_hand = 4 * units * (embedding_dim + units + 1)
# blocks z, r, h; two biases each
gru_by_hand = 3 * units * (embedding_dim + units + 2)
# one bias each
gru_reset_before_by_hand = 3 * units * (embedding_dim + units + 1)
print("by hand: SimpleRNN", f"{simple_by_hand:,}", "LSTM", f"{lstm_by_hand:,}",
      "GRU", f"{gru_by_hand:,}")
print("  GRU(reset_after=False)", f"{gru_reset_before_by_hand:,}")
keras_counts = [m.layers[-1].count_params() for m in
                (model_simple, model_lstm, model_gru, model_gru_reset_before)]
print("same as Keras:", *(by_hand == count for by_hand, count in zip(
    [simple_by_hand, lstm_by_hand, gru_by_hand, gru_reset_before_by_hand],
    keras_counts)))
