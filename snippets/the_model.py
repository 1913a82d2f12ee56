"""The notes' model in Keras 3: Embedding, SimpleRNN, Dense, Dense(softmax).

keras.Input(shape=(max_len,)) tells the model its input shape up front, so
summary() shows real output shapes and parameter counts.
"""

# %% build-the-model
import keras
import numpy as np

keras.utils.set_random_seed(42)

max_features = 10000  # vocabulary size: token ids 0 .. 9999
max_len = 20  # every sequence is padded or cut to 20 tokens
embedding_dim = 64
units = 32

model = keras.Sequential([
    keras.Input(shape=(max_len,)),
    keras.layers.Embedding(max_features, embedding_dim),
    keras.layers.SimpleRNN(units, activation="tanh"),
    keras.layers.Dense(16, activation="tanh"),
    keras.layers.Dense(2, activation="softmax"),
])
model.summary()

# %% a-batch-through-it
# Two padded sentences in, two pairs of class probabilities out.
batch_size = 2
token_ids = np.random.randint(1, max_features, size=(batch_size, max_len))
one_sequence = token_ids[0]  # what keras.Input(shape=(max_len,)) describes
probabilities = model.predict(token_ids, verbose=0)
print("one sequence:", tuple(one_sequence.shape))
print("a batch of them:", tuple(token_ids.shape))
print("output:", tuple(probabilities.shape))
print(np.round(probabilities, 4) + 0.0)
rows_sum_to_one = bool(np.allclose(probabilities.sum(axis=1), 1.0))

# %% count-by-hand
# Each count worked out by hand, next to what Keras counted.
by_hand = {
    # one 64-number vector per token id
    "embedding": max_features * embedding_dim,
    # kernel + recurrent kernel + bias
    "simple_rnn": embedding_dim * units + units * units + units,
    "dense": units * 16 + 16,  # weights + bias
    "dense_1": 16 * 2 + 2,
}
for name, count in by_hand.items():
    keras_count = model.get_layer(name).count_params()
    print(f"{name:<11} by hand {count:>7,}  keras {keras_count:>7,}")
params = model.count_params()
total_by_hand_matches = params == sum(by_hand.values())
print("total:", f"{params:,}", "== sum by hand:", total_by_hand_matches)
