"""Padding and the mean of hidden states: mask_zero=True averages real steps.

Two models with the same weights; one reads the padding as if it were words,
the other masks it. The masked mean is checked against a mean computed by hand.
"""

# %% two-padded-documents
import warnings

import keras
import numpy as np

keras.utils.set_random_seed(42)

max_features = 50  # a small vocabulary; id 0 is the padding
max_len = 6
units = 4
batch_size = 2

# Two documents padded with 0 at the end: 4 real tokens, then 2.
documents = np.array(
    [
        [12, 7, 33, 5, 0, 0],
        [21, 9, 0, 0, 0, 0],
    ],
    dtype="int32",
)
lengths = (documents != 0).sum(axis=1)
print("real tokens per document:", lengths.tolist())

# %% two-models
def masked_mean_of(h, mask=None):
    """A Lambda function with a `mask` argument: Keras hands it the mask."""
    if mask is None:  # while Keras works out the output shape: no mask yet
        return keras.ops.mean(h, axis=1)
    weights = keras.ops.expand_dims(keras.ops.cast(mask, h.dtype), -1)
    return keras.ops.sum(h * weights, axis=1) / keras.ops.sum(weights, axis=1)


def mean_model(mask_zero):
    inputs = keras.Input(shape=(max_len,), dtype="int32")
    x = keras.layers.Embedding(max_features, 8, mask_zero=mask_zero)(inputs)
    states = keras.layers.SimpleRNN(units, return_sequences=True)(x)
    pooled = keras.layers.GlobalAveragePooling1D()(states)  # reads the mask
    # The notes' mean: its function has no `mask` argument.
    averaged = keras.layers.Lambda(lambda h: keras.ops.mean(h, axis=1),
                                   name="notes_mean")(states)
    # mask=: the mask the output carries. None: the time axis is gone.
    mask_aware = keras.layers.Lambda(masked_mean_of, name="mask_aware_mean",
                                     mask=lambda inputs, mask: None)(states)
    return keras.Model(inputs, [states, pooled, averaged, mask_aware])


unmasked = mean_model(mask_zero=False)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    masked = mean_model(mask_zero=True)
masked.set_weights(unmasked.get_weights())  # same embedding and RNN weights

# %% the-hidden-states
states_unmasked, pooled_unmasked, _, _ = unmasked.predict(documents,
                                                          verbose=0)
(states_masked, pooled_masked,
 lambda_masked, mask_aware_masked) = masked.predict(documents, verbose=0)
print("document 1, hidden states without a mask:",
      tuple(states_unmasked[1].shape))
print(np.round(states_unmasked[1], 4) + 0.0)
print("document 1, hidden states with mask_zero=True:")
print(np.round(states_masked[1], 4) + 0.0)

# %% the-means
# By hand: the mean of each document's real time steps only.
mean_by_hand = np.stack([states_masked[i, :n].mean(axis=0)
                         for i, n in enumerate(lengths)])
masked_matches_by_hand = bool(np.allclose(pooled_masked, mean_by_hand))
unmasked_matches_by_hand = bool(np.allclose(pooled_unmasked, mean_by_hand))
signs_differ = bool(np.any(np.sign(pooled_unmasked[1])
                           != np.sign(mean_by_hand[1])))
print("document 1, its mean:")
print("  of all 6 steps, no mask:    ", np.round(pooled_unmasked[1], 4) + 0.0)
print("  GlobalAveragePooling1D, mask:", np.round(pooled_masked[1], 4) + 0.0)
print("  of its 2 real steps, NumPy: ", np.round(mean_by_hand[1], 4) + 0.0)
print("masked mean == NumPy mean, both documents:", masked_matches_by_hand)
print("unmasked mean == NumPy mean:", unmasked_matches_by_hand)

# %% the-lambda-means
# The notes' Lambda in the masked model: 2 real hidden states and 4 copies
# of h_1.
h_0, h_1 = states_masked[1, 0], states_masked[1, 1]
lambda_is_h0_plus_5_h1 = bool(np.allclose(lambda_masked[1],
                                          (h_0 + 5 * h_1) / 6))
mask_aware_matches_by_hand = bool(np.allclose(mask_aware_masked,
                                              mean_by_hand))
lambda_mask_warning = " ".join(str(w.message) for w in caught
                               if "mask" in str(w.message))
notes_mean_warned = "'notes_mean'" in lambda_mask_warning
mask_aware_warned = "'mask_aware_mean'" in lambda_mask_warning
# Given mask=, Keras counts a Lambda as a layer that handles masks.
mask_aware_supports = masked.get_layer("mask_aware_mean").supports_masking
notes_mean_supports = masked.get_layer("notes_mean").supports_masking
print("document 1, the notes' Lambda mean, masked:",
      np.round(lambda_masked[1], 4) + 0.0)
print("Lambda with a `mask` argument == NumPy mean:",
      mask_aware_matches_by_hand)
print("supports_masking:")
print("  mask-aware Lambda", mask_aware_supports,
      "| notes' Lambda", notes_mean_supports)
print("warned that it destroys the mask:")
print("  mask-aware Lambda", mask_aware_warned,
      "| notes' Lambda", notes_mean_warned)

# %% padded-in-front
# The same documents padded in front (pad_sequences' default): the masked
# mean is unchanged.
documents_pre = np.stack([np.roll(row, max_len - n)
                          for row, n in zip(documents, lengths)])
_, pooled_pre, _, _ = masked.predict(documents_pre, verbose=0)
pre_matches_post = bool(np.allclose(pooled_pre, pooled_masked, atol=1e-6))
print("padded in front:", documents_pre.tolist())
print("masked mean, padded in front == padded at the end:", pre_matches_post)
