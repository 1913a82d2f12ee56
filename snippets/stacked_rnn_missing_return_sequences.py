"""What Keras says when a stacked RNN's first layer lacks return_sequences=True.

The first SimpleRNN then hands on one vector per document, with no time axis,
and the second SimpleRNN cannot read it. The snippet catches the error to show
it.
"""

import textwrap

import keras

keras.utils.set_random_seed(42)

max_features = 10000  # vocabulary size
max_len = 20  # time steps (tokens) per document
units = 32

inputs = keras.Input(shape=(max_len,))
embedded = keras.layers.Embedding(max_features, 64)(inputs)
# return_sequences forgotten
first_output = keras.layers.SimpleRNN(units)(embedded)
print("input of the first SimpleRNN: ", tuple(embedded.shape))
print("output of the first SimpleRNN:", tuple(first_output.shape))

try:
    keras.layers.SimpleRNN(units)(first_output)
except ValueError as error:
    missing_error = str(error).splitlines()[0]
    print(textwrap.fill(type(error).__name__ + ": " + missing_error, width=78,
                        subsequent_indent="  "))
