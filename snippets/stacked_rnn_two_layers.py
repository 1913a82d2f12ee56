"""A stacked RNN of two layers: the first hands every hidden state on.

The notes' model with a second SimpleRNN. Every RNN layer but the last returns
sequences, because the next RNN layer reads one input per time step.
"""

import keras

keras.utils.set_random_seed(42)

max_features = 10000  # vocabulary size
max_len = 20  # time steps (tokens) per document
units = 32

model_two = keras.Sequential(
    [
        keras.Input(shape=(max_len,)),
        keras.layers.Embedding(max_features, 64),
        # one hidden state per time step
        keras.layers.SimpleRNN(units, return_sequences=True),
        # the last RNN layer: only its last hidden state
        keras.layers.SimpleRNN(units),
        keras.layers.Dense(16, activation="tanh"),
        keras.layers.Dense(2, activation="softmax"),
    ]
)
model_two.summary()
