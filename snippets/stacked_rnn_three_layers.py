"""A stacked RNN of three layers: return_sequences=True on all but the last."""

import keras

keras.utils.set_random_seed(42)

max_features = 10000  # vocabulary size
max_len = 20  # time steps (tokens) per document
units = 32

model_three = keras.Sequential(
    [
        keras.Input(shape=(max_len,)),
        keras.layers.Embedding(max_features, 64),
        keras.layers.SimpleRNN(units, return_sequences=True),
        keras.layers.SimpleRNN(units, return_sequences=True),
        keras.layers.SimpleRNN(units),  # the last RNN layer
        keras.layers.Dense(16, activation="tanh"),
        keras.layers.Dense(2, activation="softmax"),
    ]
)
model_three.summary()
