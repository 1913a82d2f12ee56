"""keras.layers.Attention on small tensors: shapes, weights, masks.

A query of Tq steps looks at a value of Tv steps: each query step gets one
weight per value step (a softmax of query-key dot products), and its output
is the weighted mean of the value steps. Equal scores give the plain mean;
masked value steps get weight 0.
"""

# %% query-and-value
import keras
import numpy as np

keras.utils.set_random_seed(42)

batch_size = 2
Tq = 3  # query steps: the decoder's, one per word it writes
Tv = 4  # value steps: the encoder's, one per word it read
dim = 2
rng = np.random.default_rng(42)
query = rng.normal(size=(batch_size, Tq, dim)).astype("float32")
value = rng.normal(size=(batch_size, Tv, dim)).astype("float32")

attention = keras.layers.Attention()  # dot-product scores, no weights
context, weights = attention([query, value], return_attention_scores=True)
print("query:", tuple(query.shape), " value:", tuple(value.shape))
print("output:", tuple(context.shape), " weights:", tuple(weights.shape))
print("weights of batch row 0 (a row per query step, a column per value")
print("step):")
print(np.round(weights[0], 4) + 0.0)
weight_sums = np.round(np.sum(weights, axis=-1), 4) + 0.0
print("summed over the value steps:", weight_sums)

# %% by-hand
# Keys: the values themselves (no key given). Score = query . key; weights =
# softmax over the value steps; output = weights times values.
scores = np.einsum("bqd,bvd->bqv", query, value)
by_hand = np.exp(scores) / np.exp(scores).sum(axis=-1, keepdims=True)
same_weights = bool(np.allclose(by_hand, weights, atol=1e-6))
same_output = bool(np.allclose(by_hand @ value, context, atol=1e-6))
print("softmax(query . key) == weights:", same_weights)
print("weights @ value == output:", same_output)

# %% equal-scores-give-the-mean
# A query of zeros scores 0 against every key: all weights are equal.
zero_query = np.zeros_like(query)
mean_output, equal_weights = attention([zero_query, value],
                                       return_attention_scores=True)
print("weights:", np.round(equal_weights[0, 0], 4) + 0.0)
print("output:   ", np.round(mean_output[0, 0], 4) + 0.0)
value_mean = np.mean(value, axis=1)  # the mean over the value steps
print("the mean:", np.round(value_mean[0], 4) + 0.0)
is_the_mean = bool(np.allclose(mean_output, value_mean[:, None, :],
                               atol=1e-6))
print("every output step is the mean of the values:", is_the_mean)

# %% masks
# Batch row 1: value steps 2 and 3 are padding, and so is query step 2.
value_mask = np.array([[True, True, True, True], [True, True, False, False]])
query_mask = np.array([[True, True, True], [True, True, False]])
masked_output, masked_weights = attention(
    [query, value], mask=[query_mask, value_mask],
    return_attention_scores=True)
print("weights of batch row 1:")
print(np.round(masked_weights[1], 4) + 0.0)
print("output of batch row 1:")
print(np.round(masked_output[1], 4) + 0.0)
padded_weight = float(np.max(masked_weights[1, :, 2:]))
padded_query_zero = bool(np.all(np.asarray(masked_output)[1, 2] == 0))
masked_mean_output = attention([zero_query, value], mask=[None, value_mask])
masked_is_mean = bool(np.allclose(masked_mean_output[1, 0],
                                  value[1, :2].mean(axis=0), atol=1e-6))
print("largest weight on a padded value step:", padded_weight)
print("equal scores: the mean of the real value steps only:",
      masked_is_mean)

# %% the-mask-of-an-embedding
# No mask= given: the values come from an Embedding with mask_zero=True.
token_ids = np.array([[3, 5, 7, 2], [4, 6, 0, 0]])  # row 1: two pads
ids_in = keras.Input(shape=(None,), dtype="int32")
query_in = keras.Input(shape=(None, dim))
embedded = keras.layers.Embedding(10, dim, mask_zero=True)(ids_in)
_, embedding_weights = keras.layers.Attention()(
    [query_in, embedded], return_attention_scores=True)
mask_model = keras.Model([query_in, ids_in], embedding_weights)
seen_weights = np.asarray(mask_model([query, token_ids]))
print("weights of batch row 1:")
print(np.round(seen_weights[1], 4) + 0.0)
mask_passed_on = bool(np.all(seen_weights[1, :, 2:] == 0))
print("the padded steps get weight 0:", mask_passed_on)

# %% additive-attention
# Bahdanau's score: the sum of tanh(query + key), scaled per dimension.
additive = keras.layers.AdditiveAttention()
additive_output, additive_weights = additive(
    [query, value], return_attention_scores=True)
print("output:", tuple(additive_output.shape),
      " weights:", tuple(additive_weights.shape))
print("trainable weights:", [tuple(w.shape) for w in additive.weights])

# %% reusing-the-layer
# A layer first called without return_attention_scores, then called with it:
# the weights it returns cannot be a model's output.
layer = keras.layers.Attention()
q_in, v_in = keras.Input(shape=(None, dim)), keras.Input(shape=(None, dim))
layer([q_in, v_in])
_, reused_weights = layer([q_in, v_in], return_attention_scores=True)
try:
    keras.Model([q_in, v_in], reused_weights)
    reuse_error = ""
except ValueError as error:
    reuse_error = str(error).splitlines()[0]
    print("ValueError:", reuse_error)
reuse_fails = bool(reuse_error)
