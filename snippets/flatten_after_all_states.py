"""Flatten after an RNN with return_sequences=True: all 20 hidden states.

The notes' second model with Flatten, in Keras 3. Flatten lays the 20 hidden
states of 32 numbers end to end, so the next Dense layer sees 640 inputs.
"""

import keras

keras.utils.set_random_seed(42)

max_features = 10000  # vocabulary size
max_len = 20  # time steps (tokens) per document
units = 32

model_all = keras.Sequential(
    [
        keras.Input(shape=(max_len,)),
        keras.layers.Embedding(max_features, 64),
        # every time step's hidden state
        keras.layers.SimpleRNN(units, return_sequences=True),
        # max_len hidden states in one row: max_len * units numbers
        keras.layers.Flatten(),
        keras.layers.Dense(16, activation="tanh"),
        keras.layers.Dense(2, activation="softmax"),
    ]
)
model_all.summary()

flat_inputs = max_len * units
print("inputs of the Dense layer:", flat_inputs)
print(f"its parameters: {flat_inputs} x 16 + 16 = {flat_inputs * 16 + 16:,}")
