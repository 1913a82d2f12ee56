"""A sentence of the site's vocabulary through the chapter's two layers.

It prints h_t after each word. The stepper on the page computes with what this
run leaves behind: its last part hands the stepper the weights.
"""

# %% states-word-by-word
import keras
import numpy as np

keras.utils.set_random_seed(42)

# The chapter's two layers, made in the same order with the same seed as in
# inside_the_rnn.py, so with the same weights; return_sequences=True hands
# back h_t of every time step.
activation = "tanh"
model = keras.Sequential([
    keras.Input(shape=(None,)),
    keras.layers.Embedding(10000, 64),
    keras.layers.SimpleRNN(32, activation=activation, return_sequences=True),
])

# The vocabulary of the padding chapter: a word's id is its place in it.
vocabulary = ["<pad>", "<start>", "<end>", "<unk>",
              "the", "movie", "is", "fun", "boring", "not", "a", "film"]
UNKNOWN = vocabulary.index("<unk>")


def encode(sentence: str) -> np.ndarray:
    """A batch of one sentence: one id per word, unknown words -> <unk>."""
    return np.array([[vocabulary.index(w) if w in vocabulary else UNKNOWN
                      for w in sentence.split()]])


sentences = ["the movie is fun", "the movie is not fun", "boring film",
             "the movie is really fun"]
# (words, 32) each
keras_states = [np.asarray(model(encode(s)))[0] for s in sentences]
for sentence, states in zip(sentences, keras_states):
    print(f"{sentence}: ids {encode(sentence)[0].tolist()}")
    for step, word in enumerate(sentence.split()):
        print(f"  h_{step} after {word!r:9} first 4 of 32 units:",
              np.round(states[step, :4], 4) + 0.0)

# %% for-the-stepper
# What the stepper needs: the vocabulary's rows of the embedding table, and
# the layer's three weights (nothing printed: the page does not show this).
embedding_layer, rnn_layer = model.layers
embedding_rows = np.asarray(embedding_layer.embeddings)[: len(vocabulary)]
W_x, W_h, b = (np.asarray(w) for w in rnn_layer.weights)
