"""How much gradient reaches the first input as sequences grow: RNN and LSTM.

For T = 5, 10, 20, 40, 80 time steps, the norm of the Jacobian d h_{T-1} / d x_0
(the last hidden state with respect to the first input), with Keras's default
initial weights (seeded), for two sizes of input: small ones, drawn like an
untrained Embedding's vectors, and ones of size about 1.
"""

# %% two-layers-two-inputs
import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(42)

units = 32
features = 16
lengths = [5, 10, 20, 40, 80]
rnn = keras.layers.SimpleRNN(units)
lstm = keras.layers.LSTM(units)
# One sequence of 80 input vectors each; a length T uses its first T.
# Small inputs come from Embedding's default range, [-0.05, 0.05].
small_inputs = keras.random.uniform((1, 80, features), -0.05, 0.05, seed=1)
# each number about 1 in size
unit_inputs = keras.random.normal((1, 80, features), seed=2)


# %% gradient-norm
def gradient_norm(layer: keras.layers.Layer, inputs: tf.Tensor,
                  T: int) -> float:
    """The norm of d h_{T-1} / d x_0, a (units, features) Jacobian."""
    # One copy of the sequence per unit: one backward pass gives every row.
    x = tf.tile(inputs[:, :T], (units, 1, 1))
    with tf.GradientTape() as tape:
        tape.watch(x)
        h_last = layer(x)  # (units, units): row j is copy j's last state
        picked = tf.linalg.trace(h_last)  # unit j of copy j, summed over j
    # copy j holds the gradient of unit j alone
    gradient = tape.gradient(picked, x)
    # Time step 0 of copy j: row j of d h_{T-1} / d x_0.
    jacobian = np.asarray(gradient[:, 0, :], dtype=np.float64)
    # in float64: squares of tiny float32 numbers underflow
    return float(np.linalg.norm(jacobian))


# %% measure
norms = {}
for layer_name, layer in (("SimpleRNN", rnn), ("LSTM", lstm)):
    for input_name, inputs in (("small", small_inputs),
                               ("unit", unit_inputs)):
        norms[layer_name, input_name] = np.array(
            [gradient_norm(layer, inputs, T) for T in lengths])

print("norm of d h_{T-1} / d x_0, for T =")
print(" " * 16 + "".join(f"{T:>11}" for T in lengths))
for (layer_name, input_name), row in norms.items():
    cells = "".join(f"{v:11.3e}" for v in row)
    print(f"{layer_name:9} {input_name:5} {cells}")

# %% shrink-and-slope
# Top-level arrays for the page and the figure: the norms, their log10, and
# the factor the norm shrinks by per time step between T = 40 and T = 80.
rnn_small, rnn_unit = norms["SimpleRNN", "small"], norms["SimpleRNN", "unit"]
lstm_small, lstm_unit = norms["LSTM", "small"], norms["LSTM", "unit"]
log10_rnn_small, log10_rnn_unit = np.log10(rnn_small), np.log10(rnn_unit)
log10_lstm_small, log10_lstm_unit = np.log10(lstm_small), np.log10(lstm_unit)
steps_between = lengths[-1] - lengths[-2]
per_step = {key: (row[-1] / row[-2]) ** (1 / steps_between)
            for key, row in norms.items()}
rnn_small_per_step = per_step["SimpleRNN", "small"]
rnn_unit_per_step = per_step["SimpleRNN", "unit"]
lstm_small_per_step = per_step["LSTM", "small"]
lstm_unit_per_step = per_step["LSTM", "unit"]
print("shrink factor per time step, T = 40 to 80:")
for (layer_name, input_name), factor in per_step.items():
    print(f"  {layer_name:9} {input_name:5} inputs: {np.round(factor, 3)}")
# The SimpleRNN's every h_t (the same weights): the slope of tanh there.
states = keras.layers.SimpleRNN(units, return_sequences=True)
states.build(small_inputs.shape)
states.set_weights(rnn.get_weights())
tanh_slope_small = float(np.mean(1 - np.square(states(small_inputs))))
tanh_slope_unit = float(np.mean(1 - np.square(states(unit_inputs))))
print("mean tanh slope 1 - h_t^2 over 80 steps:")
print("  small inputs:", np.round(tanh_slope_small, 3))
print("  unit inputs: ", np.round(tanh_slope_unit, 3))
# The LSTM's bias holds its four gates: input, forget, cell, output.
forget_bias = keras.ops.convert_to_numpy(lstm.cell.bias)[units:2 * units]
print("LSTM forget-gate bias:", np.unique(forget_bias))

# %% the-bound
# Each time step multiplies the gradient by tanh'(.) = 1 - h_t^2 and by the
# recurrent kernel. Keras starts the recurrent kernel orthogonal: every
# singular value is 1.
recurrent_kernel = keras.ops.convert_to_numpy(rnn.cell.recurrent_kernel)
singular_values = np.linalg.svd(recurrent_kernel, compute_uv=False)
largest_singular_value = float(singular_values.max())
smallest_singular_value = float(singular_values.min())
# The page's bound, T = 80, unit inputs: per step, the largest slope over the
# units times sigma_max(W_h), a spectral norm (gradient_norm is Frobenius).
bound_steps = lengths[-1] - 1  # the factors d h_t / d h_{t-1}, t = 1 to 79
largest_slopes = np.max(1 - np.square(states(unit_inputs)[0, 1:]), axis=1)
sigma_max = largest_singular_value
bound_unit = float(np.prod(largest_slopes) * sigma_max ** bound_steps)
bound_unit_per_step = bound_unit ** (1 / bound_steps)
first_norm_unit = gradient_norm(rnn, unit_inputs, 1)  # || d h_0 / d x_0 ||
log10_measured_unit_ratio = float(np.log10(rnn_unit[-1] / first_norm_unit))
print("SimpleRNN recurrent kernel, singular values from",
      np.round(smallest_singular_value, 4), "to",
      np.round(largest_singular_value, 4))
print(f"unit inputs, T = 80: the bound allows a factor {bound_unit:.3f}",
      f"({bound_unit_per_step:.4f} per step);")
print(f"  the measured norm falls by 10^{log10_measured_unit_ratio:.1f}",
      f"(from {first_norm_unit:.2f} at T = 1)")

# %% lstm-or-simplernn
lstm_keeps_more_with_small_inputs = bool(lstm_small[-1] > rnn_small[-1])
lstm_keeps_more_with_unit_inputs = bool(lstm_unit[-1] > rnn_unit[-1])
print("T = 80, LSTM keeps more than SimpleRNN:")
print("  small inputs:", lstm_keeps_more_with_small_inputs)
print("  unit inputs: ", lstm_keeps_more_with_unit_inputs)
