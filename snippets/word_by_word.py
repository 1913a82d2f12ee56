"""Word by word, an RNN layer starts from zero at every call, unless told.

The same SimpleRNN reads a sentence whole, then one word per call: from a zero
state (the default), handed the previous call's state as `initial_state`,
and as a `stateful` layer.
"""

# %% the-whole-sentence
import keras
import numpy as np

keras.utils.set_random_seed(42)

batch_size = 2
max_len = 6  # words per sentence
embedding_dim = 8
units = 4

rng = np.random.default_rng(42)
embedded_words = rng.normal(size=(batch_size, max_len, embedding_dim))
embedded_words = embedded_words.astype("float32")

rnn_layer = keras.layers.SimpleRNN(units, return_sequences=True)
# The whole sentence in one call: h_0 .. h_5
full_run = np.asarray(rnn_layer(embedded_words))
print("whole sentence, one call:", tuple(full_run.shape))
print("last hidden state, sentence 0:", np.round(full_run[0, -1], 4) + 0.0)

# %% from-a-zero-state
# One word per call, each call on its own: each starts from a zero state.
from_zero = np.concatenate(
    [np.asarray(rnn_layer(embedded_words[:, t:t + 1])) for t in range(max_len)],
    axis=1)
same_from_zero = bool(np.allclose(from_zero, full_run, atol=1e-6))
first_word_same = bool(np.allclose(from_zero[:, 0], full_run[:, 0],
                                   atol=1e-6))
print("one word per call, from a zero state each time:")
print("  word 0 same as the whole run:", first_word_same)
print("  all words same as the whole run:", same_from_zero)

# %% handing-on-the-state
# One word per call, each call handed the state the previous call ended in.
state = np.zeros((batch_size, units), dtype="float32")  # h_{-1} = 0
steps = []
for t in range(max_len):
    step = np.asarray(rnn_layer(embedded_words[:, t:t + 1],
                                initial_state=state))
    state = step[:, -1]  # SimpleRNN: the last output is the state to carry
    steps.append(step)
word_by_word = np.concatenate(steps, axis=1)
max_difference = float(np.max(np.abs(word_by_word - full_run)))
same_as_full_run = bool(np.allclose(word_by_word, full_run, atol=1e-6))
# not only close: the same floats
bit_for_bit = bool(np.array_equal(word_by_word, full_run))
print("one word per call, initial_state = the previous call's state:")
print("  same as the whole run:", same_as_full_run)
print("  max difference:", round(max_difference, 6))
print("  bit for bit:", bit_for_bit)
print("last hidden state, sentence 0:", np.round(word_by_word[0, -1], 4) + 0.0)

# %% a-stateful-layer
# A stateful layer keeps its state between calls by itself (the batch size is
# fixed).
stateful_rnn = keras.layers.SimpleRNN(units, return_sequences=True,
                                      stateful=True)
stateful_rnn.build((batch_size, 1, embedding_dim))
# the same weights as `rnn_layer`
stateful_rnn.set_weights(rnn_layer.get_weights())
stateful_steps = np.concatenate(
    [np.asarray(stateful_rnn(embedded_words[:, t:t + 1]))
     for t in range(max_len)], axis=1)
stateful_same_as_full_run = bool(np.allclose(stateful_steps, full_run,
                                             atol=1e-6))
print("one word per call, stateful=True:")
print("  same as the whole run:", stateful_same_as_full_run)
