"""One model for sentences of any length, with a prediction at every time step.

keras.Input(shape=(None,)) leaves the number of time steps open, so the same
model reads a 4-token and a 7-token sentence. With return_sequences=True the
Dense layer runs on every time step: one probability per vocabulary word, per
time step.
"""

# %% any-length-every-step
import keras
import numpy as np

keras.utils.set_random_seed(42)

PAD, START, END, UNKNOWN = 0, 1, 2, 3
vocabulary = {"<pad>": PAD, "<start>": START, "<end>": END, "<unk>": UNKNOWN}
for word in ["the", "movie", "is", "fun", "boring", "not", "a", "film"]:
    vocabulary[word] = len(vocabulary)
vocab_size = len(vocabulary)
units = 32

model = keras.Sequential([
    keras.Input(shape=(None,)),  # None: any number of time steps
    keras.layers.Embedding(vocab_size, 64, mask_zero=True),
    # a hidden state per time step
    keras.layers.SimpleRNN(units, return_sequences=True),
    # applied at every time step
    keras.layers.Dense(vocab_size, activation="softmax"),
])
model.summary()

# %% two-sentences
short_ids = np.array([[vocabulary[w] for w in "the movie is fun".split()]])
long_sentence = "the movie is not a boring film"
long_ids = np.array([[vocabulary[w] for w in long_sentence.split()]])
short_probabilities = model.predict(short_ids, verbose=0)
long_probabilities = model.predict(long_ids, verbose=0)
print("4 tokens:", tuple(short_ids.shape), "->",
      tuple(short_probabilities.shape))
print("7 tokens:", tuple(long_ids.shape), "->",
      tuple(long_probabilities.shape))
every_step_sums_to_1 = bool(np.allclose(long_probabilities.sum(axis=-1), 1.0,
                                        atol=1e-5))
print("each time step's probabilities sum to 1:", every_step_sums_to_1)
# Time step t has read tokens 0..t only: the shared words "the movie is" give
# the same rows.
prefix_same = bool(np.allclose(short_probabilities[:, :3],
                               long_probabilities[:, :3], atol=1e-6))
print("first 3 time steps, both sentences (same 3 words):", prefix_same)
