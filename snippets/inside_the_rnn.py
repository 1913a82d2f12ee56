"""Inside SimpleRNN: the embedding lookup, then one time step after another.

The NumPy loop uses Keras's own weights and reproduces Keras's output.
"""

# %% embedding-lookup
import textwrap

import keras
import numpy as np

keras.utils.set_random_seed(42)

max_features = 10000
max_len = 20
embedding_dim = 64
units = 32
batch_size = 2

embedding = keras.layers.Embedding(max_features, embedding_dim)
rnn = keras.layers.SimpleRNN(units, activation="tanh")

# Each id picks one row of a (10000, 64) table.
token_ids = np.random.randint(1, max_features, size=(batch_size, max_len))
embedded = np.asarray(embedding(token_ids))
table = np.asarray(embedding.embeddings)
print("token ids:", tuple(token_ids.shape))
print("embedded:", tuple(embedded.shape))
row = token_ids[0, 1]
row_is_table_row = bool(np.array_equal(embedded[0, 1], table[row]))
print("embedded[0, 1] is row", row, "of the table:", row_is_table_row)

# %% the-weights
# Keras runs the whole sequence; we keep its final hidden state to compare.
keras_final = np.asarray(rnn(embedded))
kernel, recurrent_kernel, bias = (np.asarray(w) for w in rnn.weights)
print("kernel:", tuple(kernel.shape))
print("recurrent_kernel:", tuple(recurrent_kernel.shape))
print("bias:", tuple(bias.shape))

# One (96, 32) matrix: the kernel on top of the recurrent kernel.
stacked_kernel = np.concatenate([kernel, recurrent_kernel], axis=0)
print("stacked kernel:", tuple(stacked_kernel.shape))

# %% time-step-0
# No earlier word, so the previous hidden state is all zeros.
h_previous = np.zeros((batch_size, units), dtype="float32")
x_0 = embedded[:, 0, :]
h_0 = np.tanh(x_0 @ kernel + h_previous @ recurrent_kernel + bias)
print("x_0:", tuple(x_0.shape), "-> h_0:", tuple(h_0.shape))
print("h_0, first sentence, first 4 of 32 units:",
      np.round(h_0[0, :4], 4) + 0.0)

# %% time-step-1
# The next word next to h_0, one vector of 64 + 32 = 96 numbers.
x_1 = embedded[:, 1, :]
concat_1 = np.concatenate([x_1, h_0], axis=1)
h_1 = np.tanh(concat_1 @ stacked_kernel + bias)
print("[x_1 ; h_0]:", tuple(concat_1.shape), "-> h_1:", tuple(h_1.shape))
two_kernels = np.tanh(x_1 @ kernel + h_0 @ recurrent_kernel + bias)
stacked_equals_two_kernels = bool(np.allclose(h_1, two_kernels, atol=1e-6))
print("stacked form == two matrices:", stacked_equals_two_kernels)

# %% every-time-step
# Every time step the same way, with the same weights, to the last word.
h = np.zeros((batch_size, units), dtype="float32")
for t in range(max_len):
    x_h = np.concatenate([embedded[:, t, :], h], axis=1)
    h = np.tanh(x_h @ stacked_kernel + bias)
numpy_final = h

diff = float(np.max(np.abs(numpy_final - keras_final)))
print("keras final state:", tuple(keras_final.shape))
print("numpy final state:", tuple(numpy_final.shape))
numpy_matches_keras = bool(diff < 1e-5)
print("max |numpy - keras| < 1e-5:", numpy_matches_keras)
print("first 4 units, keras:", np.round(keras_final[0, :4], 4) + 0.0)
print("first 4 units, numpy:", np.round(numpy_final[0, :4], 4) + 0.0)
numpy_bit_for_bit = bool(np.array_equal(numpy_final, keras_final))
print("bit for bit:", numpy_bit_for_bit)


# %% why-not-bit-for-bit
# Keras sums in another order, (x W_x + b) + h W_h, and its tanh is
# TensorFlow's, not NumPy's. Each cause alone:
def numpy_rnn(tanh, keras_order: bool) -> tuple[np.ndarray, np.ndarray]:
    """The loop with a choice of tanh and sum order: h_19, every tanh input."""
    h, tanh_inputs = np.zeros((batch_size, units), dtype="float32"), []
    for t in range(max_len):
        x = embedded[:, t, :]
        if keras_order:
            a = x @ kernel + bias + h @ recurrent_kernel
        else:
            a = np.concatenate([x, h], axis=1) @ stacked_kernel + bias
        tanh_inputs.append(a)
        h = np.asarray(tanh(a))
    return h, np.stack(tanh_inputs)


keras_order_tf_tanh, tanh_inputs = numpy_rnn(keras.ops.tanh, True)
keras_order_numpy_tanh, _ = numpy_rnn(np.tanh, True)
stacked_tf_tanh, _ = numpy_rnn(keras.ops.tanh, False)
same_with_tf_tanh = bool(np.array_equal(keras_order_tf_tanh, keras_final))
same_with_numpy_tanh = bool(np.array_equal(keras_order_numpy_tanh,
                                           keras_final))
same_in_stacked_order = bool(np.array_equal(stacked_tf_tanh, keras_final))
print("Keras's order, TF's tanh:   bit for bit:", same_with_tf_tanh)
print("Keras's order, NumPy's tanh: bit for bit:", same_with_numpy_tanh)
print("stacked order, TF's tanh:   bit for bit:", same_in_stacked_order)

# %% two-tanh-functions
# The two tanh on the same float32 inputs: this run's 20 x 2 x 32.
numpy_bits = np.tanh(tanh_inputs).view(np.int32)
tf_bits = np.asarray(keras.ops.tanh(tanh_inputs)).view(np.int32)
tanh_differ_share = round(float(np.mean(numpy_bits != tf_bits)), 2)
# in units in the last place
tanh_ulps = int(np.max(np.abs(numpy_bits - tf_bits)))
print("share of these inputs where the two tanh differ:", tanh_differ_share)
print("largest difference, in units in the last place:", tanh_ulps)

# %% whole-sequences
# The layer takes whole sequences, not single words. One word alone is
# refused...
try:
    rnn(embedded[:, 0, :])
except ValueError as error:
    one_word_error = str(error).splitlines()[0]
    print("one word, shape", tuple(embedded[:, 0, :].shape), "-> ValueError:")
    print(textwrap.fill(one_word_error, width=78, initial_indent="  ",
                        subsequent_indent="  "))
# ...and by default every call starts again from a zero state
# (see word_by_word.py).
first_word = embedded[:, :1, :]  # a sequence one word long
second_word = embedded[:, 1:2, :]
word_0_alone = np.asarray(rnn(first_word))
word_1_alone = np.asarray(rnn(second_word))
word_0_alone_is_h_0 = bool(np.allclose(word_0_alone, h_0, atol=1e-6))
word_1_alone_is_h_1 = bool(np.allclose(word_1_alone, h_1, atol=1e-6))
print("sequence of word 0 only == h_0:", word_0_alone_is_h_0)
print("sequence of word 1 only == h_1:", word_1_alone_is_h_1)
