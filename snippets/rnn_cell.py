"""SimpleRNN is keras.layers.RNN around a SimpleRNNCell; a cell of your own.

A cell computes one time step; keras.layers.RNN runs the loop over time.
"""

# %% cell-and-layer
import keras
import numpy as np

keras.utils.set_random_seed(42)

batch_size = 2
timesteps = 4
features = 3
units = 5

inputs = np.random.normal(size=(batch_size, timesteps, features))
inputs = inputs.astype("float32")
simple_rnn = keras.layers.SimpleRNN(units)
rnn_of_cell = keras.layers.RNN(keras.layers.SimpleRNNCell(units))
simple_output = np.asarray(simple_rnn(inputs))
rnn_of_cell(inputs)  # builds its weights
rnn_of_cell.set_weights(simple_rnn.get_weights())
cell_output = np.asarray(rnn_of_cell(inputs))
cell_max_difference = float(np.max(np.abs(cell_output - simple_output)))
simple_rnn_has_cell = type(simple_rnn.cell).__name__
print("SimpleRNN:", tuple(simple_output.shape),
      " RNN(SimpleRNNCell):", tuple(cell_output.shape))
print("largest difference, same weights:", cell_max_difference)
print("SimpleRNN(units).cell is a", simple_rnn_has_cell)


# %% a-custom-cell
class MinimalRNNCell(keras.layers.Layer):
    """h_t = tanh(x_t W_x + h_{t-1} W_h): a SimpleRNN step without bias."""

    def __init__(self, units: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units  # the size of h, which RNN carries

    def build(self, input_shape: tuple) -> None:
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units))
        self.recurrent_kernel = self.add_weight(shape=(self.units, self.units))

    def call(self, inputs, states):
        h = keras.ops.tanh(keras.ops.matmul(inputs, self.kernel)
                           + keras.ops.matmul(states[0], self.recurrent_kernel))
        return h, [h]  # the output, and the new state


custom_rnn = keras.layers.RNN(MinimalRNNCell(units), return_sequences=True)
custom_output = np.asarray(custom_rnn(inputs))
print("RNN(MinimalRNNCell(units), return_sequences=True):",
      tuple(custom_output.shape))
# With SimpleRNN's two kernels (its bias starts at zero), the same numbers.
simple_bias_is_zero = not np.any(np.asarray(simple_rnn.cell.bias))
custom_rnn.set_weights(simple_rnn.get_weights()[:2])
custom_same_as_simple = bool(np.allclose(
    np.asarray(custom_rnn(inputs))[:, -1], simple_output, atol=1e-6))
print("last step == SimpleRNN with the same kernels:", custom_same_as_simple)
