"""The notes' mean in Keras 3: keras.ops.mean, where TensorFlow fails.

The notes averaged the hidden states with tf.math.reduce_mean inside the
functional model. In Keras 3 the model is built from symbolic KerasTensors,
which only Keras layers and keras.ops functions accept. (TensorFlow is
imported only to show the refusal.)
"""

# %% tensorflow-refuses
import textwrap

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(42)

max_features = 10000  # vocabulary size
max_len = 20  # time steps (tokens) per document
units = 32
batch_size = 3

inputs = keras.Input(shape=(max_len,), dtype="int32")
x = keras.layers.Embedding(max_features, 64)(inputs)
states = keras.layers.SimpleRNN(units, return_sequences=True)(x)

# A TensorFlow function on a KerasTensor: refused while the model is defined.
try:
    tf.math.reduce_mean(states, axis=1)
except ValueError as error:
    reduce_mean_error = str(error)
print("tf.math.reduce_mean on a KerasTensor raises ValueError:")
print(textwrap.fill(reduce_mean_error.split(". ")[0] + ".", width=78,
                    initial_indent="  ", subsequent_indent="  "))

# %% keras-ops-mean
# keras.ops.mean works directly on the KerasTensor, and inside a Lambda too.
mean_direct = keras.ops.mean(states, axis=1)
mean_lambda = keras.layers.Lambda(lambda h: keras.ops.mean(h, axis=1))(states)
ops_mean_model = keras.Model(inputs, [mean_direct, mean_lambda])
print("keras.ops.mean directly:", tuple(mean_direct.shape))
print("in a Lambda:", tuple(mean_lambda.shape))

rng = np.random.default_rng(42)
documents = rng.integers(1, max_features, size=(batch_size, max_len))
direct_means, lambda_means = (np.asarray(t) for t in ops_mean_model(documents))
direct_equals_lambda = bool(np.allclose(direct_means, lambda_means))
print("same numbers:", direct_equals_lambda)
