"""The notes' Keras 2 way: no Input, and `input_length` on the Embedding.

Keras 3 ignores `input_length` (it only warns), so the model does not know its
input shape: summary() shows `?` and `0 (unbuilt)` until the model sees data.
"""

import warnings

import keras
import numpy as np

keras.utils.set_random_seed(42)

max_features = 10000
max_len = 20

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    model = keras.Sequential([
        # Keras 2 style: the length on the Embedding
        keras.layers.Embedding(max_features, 64, input_length=max_len),
        keras.layers.SimpleRNN(32, activation="tanh"),
        keras.layers.Dense(16, activation="tanh"),
        keras.layers.Dense(2, activation="softmax"),
    ])
for warning in caught:
    print("warning:", warning.message)

built_when_defined = model.built
print("built:", built_when_defined)
model.summary()

# The first real batch builds every layer: then shapes and counts are known.
batch_size = 2
token_ids = np.random.randint(1, max_features, size=(batch_size, max_len))
probabilities = model(token_ids)
built_after_one_batch = model.built
print("built after one batch:", built_after_one_batch)
print("params:", f"{model.count_params():,}")
