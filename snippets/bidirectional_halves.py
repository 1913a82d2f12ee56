"""The two halves of Bidirectional(SimpleRNN(32)), checked with plain layers.

The first 32 numbers come from a SimpleRNN reading the sequence forward, the
last 32 from a SimpleRNN with go_backwards=True: the same layer reading from
the last time step to the first. Copying the wrapper's weights into plain
layers gives the same numbers.
"""

# %% two-halves
import keras
import numpy as np

keras.utils.set_random_seed(42)

batch_size = 2
max_len = 20
embedding_dim = 64
units = 32

embedded = np.random.normal(size=(batch_size, max_len, embedding_dim))
embedded = embedded.astype("float32")
bidirectional = keras.layers.Bidirectional(keras.layers.SimpleRNN(units))
both = np.asarray(bidirectional(embedded))
forward_half, backward_half = both[:, :units], both[:, units:]
print("Bidirectional output:", tuple(both.shape),
      "= forward", tuple(forward_half.shape),
      "+ backward", tuple(backward_half.shape))


# %% plain-layers
def plain_rnn(weights_of: keras.layers.Layer, **kwargs) -> keras.layers.Layer:
    """A plain SimpleRNN with the weights of one of the wrapper's halves."""
    rnn = keras.layers.SimpleRNN(units, **kwargs)
    rnn.build(embedded.shape)
    rnn.set_weights(weights_of.get_weights())
    return rnn


# One forward, one with go_backwards=True, one forward on the reversed input.
forward_rnn = plain_rnn(bidirectional.forward_layer)
backward_rnn = plain_rnn(bidirectional.backward_layer, go_backwards=True)
backward_rnn_forwards = plain_rnn(bidirectional.backward_layer)
forward_same = bool(np.allclose(forward_half, forward_rnn(embedded),
                                atol=1e-6))
backward_same = bool(np.allclose(backward_half, backward_rnn(embedded),
                                 atol=1e-6))
backward_is_reversed_input = bool(np.allclose(
    backward_half, backward_rnn_forwards(embedded[:, ::-1, :]), atol=1e-6))
print("first 32 == SimpleRNN with the forward weights:", forward_same)
print("last 32 == SimpleRNN(go_backwards=True), backward weights:",
      backward_same)
print("last 32 == SimpleRNN reading the reversed sequence:",
      backward_is_reversed_input)

# %% with-return-sequences
# return_sequences=True: Keras flips the backward half back, so step t lines
# up with word t.
bidirectional_seq = keras.layers.Bidirectional(
    keras.layers.SimpleRNN(units, return_sequences=True))
bidirectional_seq.build(embedded.shape)
bidirectional_seq.set_weights(bidirectional.get_weights())
sequences = np.asarray(bidirectional_seq(embedded))
backward_seq_rnn = plain_rnn(bidirectional.backward_layer, go_backwards=True,
                             return_sequences=True)
# in reading order: last word first
backward_steps = np.asarray(backward_seq_rnn(embedded))
flipped_back = bool(np.allclose(sequences[:, :, units:],
                                backward_steps[:, ::-1, :], atol=1e-6))
backward_done_at_step_0 = bool(np.allclose(sequences[:, 0, units:],
                                           backward_half, atol=1e-6))
forward_done_at_last_step = bool(np.allclose(sequences[:, -1, :units],
                                             forward_half, atol=1e-6))
print("return_sequences=True:", tuple(sequences.shape))
print("backward half, time axis flipped back to word order:", flipped_back)
print("time step 0, backward half == the backward final state:",
      backward_done_at_step_0)
print("last time step, forward half == the forward final state:",
      forward_done_at_last_step)
