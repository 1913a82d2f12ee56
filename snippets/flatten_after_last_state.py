"""Flatten after an RNN with return_sequences=False: nothing to flatten.

The notes' first model with Flatten, in Keras 3: an Input instead of
input_length, so the summary shows real shapes and parameter counts.
"""

import keras

keras.utils.set_random_seed(42)

max_features = 10000  # vocabulary size
max_len = 20  # time steps (tokens) per document
units = 32

model_last = keras.Sequential(
    [
        keras.Input(shape=(max_len,)),
        keras.layers.Embedding(max_features, 64),
        # only the last hidden state
        keras.layers.SimpleRNN(units, return_sequences=False),
        # its input is already one vector per document
        keras.layers.Flatten(),
        keras.layers.Dense(16, activation="tanh"),
        keras.layers.Dense(2, activation="softmax"),
    ]
)
model_last.summary()
