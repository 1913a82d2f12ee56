"""Padding in front or at the end, with and without a mask, for three RNNs.

The same three float sequences, padded with 0.0 at the end ("post") and in
front ("pre"), go through a SimpleRNN, an LSTM and a GRU. Each final state is
compared with the one the layer gives the sequence alone, unpadded.
"""

# %% three-layers
import keras
import numpy as np

keras.utils.set_random_seed(42)

features = 2
units = 4
lengths = [5, 3, 2]

rng = np.random.default_rng(42)
sequences = [
    np.round(rng.normal(size=(n, features)), 2).astype("float32")
    for n in lengths
]
post = keras.utils.pad_sequences(sequences, dtype="float32", padding="post")
pre = keras.utils.pad_sequences(sequences, dtype="float32", padding="pre")

layers = {
    "SimpleRNN": keras.layers.SimpleRNN(units, name="simple_rnn"),
    "LSTM": keras.layers.LSTM(units, name="lstm"),
    "GRU": keras.layers.GRU(units, name="gru"),
}
inputs = keras.Input(shape=(None, features))
masked = {k: keras.Model(inputs, layer(keras.layers.Masking(0.0)(inputs)))
          for k, layer in layers.items()}
unmasked = {k: keras.Model(inputs, layer(inputs))
            for k, layer in layers.items()}


def alone(model):
    return np.stack([np.asarray(model(s[np.newaxis]))[0] for s in sequences])


def largest_gap(a, b):
    return float(np.max(np.abs(np.asarray(a) - np.asarray(b))))


# %% with-a-mask
pre_is_default = bool(np.array_equal(  # pad_sequences pads in front by default
    keras.utils.pad_sequences(sequences, dtype="float32"), pre))
masked_gaps = {}
print("with Masking | post vs pre | post vs alone | sequence 0 vs alone")
for k, m in masked.items():
    full = m(sequences[0][np.newaxis])[0]  # sequence 0 has no padding
    gaps = [largest_gap(m(post), m(pre)), largest_gap(m(post), alone(m)),
            largest_gap(m(post)[0], full)]
    masked_gaps[k] = gaps
    print(f"{k:12} | {gaps[0]:11.1e} | {gaps[1]:13.1e} | {gaps[2]:.1e}")
pre_equals_post = all(g[0] < 1e-6 and g[1] < 1e-6
                      for g in masked_gaps.values())
pre_post_bit_equal = all(g[0] == 0.0 for g in masked_gaps.values())
print("every layer, pre == post == alone:", pre_equals_post)
print("every layer, pre == post bit for bit:", pre_post_bit_equal)
# The gaps to the runs alone are there without padding too: they come
# from running 3 rows at once instead of 1, not from the mask.
gap_without_padding = all(g[2] > 0 for g in masked_gaps.values())
masked_table = np.array(list(masked_gaps.values()))  # rows: the layers

# %% without-a-mask
def no_mask_gaps():
    rows = {}
    for k, m in unmasked.items():
        rows[k] = [largest_gap(m(post), alone(m)),
                   largest_gap(m(pre), alone(m))]
    return rows


print("no mask          | post vs alone | pre vs alone")
fresh_gaps = no_mask_gaps()
for k, (post_gap, pre_gap) in fresh_gaps.items():
    print(f"{k:16} | {post_gap:13.4f} | {pre_gap:12.1e}")
fresh_table = np.array(list(fresh_gaps.values()))
# Zero biases: zeros in, from a zero state, leave the state at zero.
pre_gap_is_batching = bool(np.array_equal(fresh_table[:, 1],
                                          masked_table[:, 2]))

# %% trained-biases
# A trained layer has non-zero biases; give these layers some.
for layer in layers.values():
    bias = layer.cell.bias
    bias.assign(rng.normal(scale=0.5, size=bias.shape).astype("float32"))

print("no mask, biases  | post vs alone | pre vs alone")
biased_gaps = no_mask_gaps()
for k, (post_gap, pre_gap) in biased_gaps.items():
    print(f"{k:16} | {post_gap:13.4f} | {pre_gap:12.4f}")
biased_table = np.array(list(biased_gaps.values()))
biased_pre_differs = bool(np.all(biased_table[:, 1] > 0.01))
biased_masked_same = all(
    largest_gap(m(pre), alone(m)) < 1e-6 for m in masked.values())
print("with Masking, pre == alone, every layer:", biased_masked_same)
del k, m, full, layer, bias, gaps, post_gap, pre_gap
