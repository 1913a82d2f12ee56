"""What Keras says when a stacked RNN's first layer forgets return_sequences=True.

The first SimpleRNN then hands on one vector per document, with no time axis, and
the second SimpleRNN cannot read it. The snippet catches the error to show it.
"""

import keras

keras.utils.set_random_seed(42)

max_features = 10000  # vocabulary size
max_len = 20  # time steps (tokens) per document
units = 32

inputs = keras.Input(shape=(max_len,))
embedded = keras.layers.Embedding(max_features, 64)(inputs)
first_output = keras.layers.SimpleRNN(units)(embedded)  # return_sequences forgotten
print("input of the first SimpleRNN: ", tuple(embedded.shape))
print("output of the first SimpleRNN:", tuple(first_output.shape))

try:
    keras.layers.SimpleRNN(units)(first_output)
except ValueError as error:
    missing_error = str(error).splitlines()[0]
    print(type(error).__name__ + ":", missing_error)
