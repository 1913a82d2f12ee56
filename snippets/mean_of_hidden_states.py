"""The mean of all hidden states: one vector per document.

The notes' functional model in Keras 3. keras.ops.mean in a Lambda layer and
GlobalAveragePooling1D both average the hidden states over the time steps.
"""

# %% the-notes-model
import keras
import numpy as np

keras.utils.set_random_seed(42)

max_features = 10000  # vocabulary size
max_len = 20  # time steps (tokens) per document
units = 32
batch_size = 3  # three documents, one per batch row

main_input = keras.Input(shape=(max_len,), dtype="int32")
x = keras.layers.Embedding(max_features, 64)(main_input)
# return_sequences=True: the hidden state of every time step goes on.
rnn_out = keras.layers.SimpleRNN(units, return_sequences=True)(x)
# Average over axis 1, the time steps: 32 numbers per document.
mean_lambda = keras.layers.Lambda(lambda h: keras.ops.mean(h, axis=1))(rnn_out)
mean_pooling = keras.layers.GlobalAveragePooling1D()(rnn_out)
model = keras.Model(main_input, [rnn_out, mean_lambda, mean_pooling])
model.summary()
# No activation= above, as in the notes: SimpleRNN uses its default.
default_activation = model.get_layer("simple_rnn").activation.__name__
print("SimpleRNN activation:", default_activation)

# %% three-documents
# Three documents of 20 token ids each (no padding here).
rng = np.random.default_rng(42)
documents = rng.integers(1, max_features, size=(batch_size, max_len))
hidden_states, lambda_vectors, pooling_vectors = model.predict(documents,
                                                               verbose=0)

print("hidden states:", tuple(hidden_states.shape))
print("Lambda(keras.ops.mean):", tuple(lambda_vectors.shape))
print("GlobalAveragePooling1D:", tuple(pooling_vectors.shape))
print("first 4 of the 32 numbers, one row per document:")
print(np.round(lambda_vectors[:, :4], 4) + 0.0)
print(np.round(pooling_vectors[:, :4], 4) + 0.0)
same_numbers = bool(np.allclose(lambda_vectors, pooling_vectors))
print("same numbers:", same_numbers)
# Document 0 by hand: the mean of its 20 hidden states.
by_hand = hidden_states[0].mean(axis=0)
by_hand_matches = bool(np.allclose(by_hand, lambda_vectors[0]))
print("document 0 by hand:", np.round(by_hand[:4], 4) + 0.0)
# The same words reversed: every hidden state, and so the mean, changes.
reversed_vectors = model.predict(np.flip(documents, axis=1), verbose=0)[1]
same_mean_reversed = bool(np.allclose(reversed_vectors, lambda_vectors))
print("same means with each document's words reversed:", same_mean_reversed)
