"""The recurrent kernel's largest singular value decides: vanish or explode.

One SimpleRNN with Keras's default weights (its recurrent kernel is orthogonal:
every singular value is 1), then the same layer with the recurrent kernel
scaled by 0.5 and by 1.5. Small inputs keep tanh near its slope of 1 for scales
up to 1; at 1.5 the kernel itself drives the units towards -1 and 1, and the
flatter tanh holds the growth back.
"""

# %% one-layer-three-scales
import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(42)

units = 32
features = 16
lengths = [5, 10, 20, 40, 80]
scales = [0.5, 1.0, 1.5]
rnn = keras.layers.SimpleRNN(units)
# Small inputs come from Embedding's default range, [-0.05, 0.05].
small_inputs = keras.random.uniform((1, 80, features), -0.05, 0.05, seed=1)
rnn.build(small_inputs.shape)
kernel, recurrent_kernel, bias = rnn.get_weights()


def gradient_norm(inputs: tf.Tensor, T: int) -> float:
    """The norm of d h_{T-1} / d x_0, as in gradient_through_time.py."""
    x = tf.tile(inputs[:, :T], (units, 1, 1))  # one copy per unit
    with tf.GradientTape() as tape:
        tape.watch(x)
        picked = tf.linalg.trace(rnn(x))  # unit j of copy j, summed over j
    gradient = tape.gradient(picked, x)
    jacobian = np.asarray(gradient[:, 0, :], dtype=np.float64)
    return float(np.linalg.norm(jacobian))


# %% measure
largest = []  # the largest singular value of each scaled recurrent kernel
norms = []  # one row per scale, one column per T
slopes = []  # the mean tanh slope 1 - h_t^2 over the 80 steps, per scale
# The same weights, every h_t
states = keras.layers.SimpleRNN(units, return_sequences=True)
states.build(small_inputs.shape)
for scale in scales:
    rnn.set_weights([kernel, scale * recurrent_kernel, bias])
    states.set_weights(rnn.get_weights())
    singular = np.linalg.svd(scale * recurrent_kernel, compute_uv=False)
    largest.append(float(singular.max()))
    norms.append([gradient_norm(small_inputs, T) for T in lengths])
    slopes.append(float(np.mean(1 - np.square(states(small_inputs)))))
norms = np.array(norms)
log10_norms = np.log10(norms)  # for the page: 10 to the power of this
largest_singular_values = np.array(largest)
print("norm of d h_{T-1} / d x_0, for T =")
print("sigma_max(W_h)" + "".join(f"{T:>11}" for T in lengths))
for value, row in zip(largest_singular_values, norms):
    cells = "".join(f"{v:11.3e}" for v in row)
    print(f"  {value:.2f}        {cells}")

# %% vanish-or-explode
# The factor the norm changes by per time step between T = 40 and T = 80,
# and the tanh slope: the kernel's scale alone would give 0.5, 1 and 1.5 per
# step with a slope of 1.
per_step_factors = (norms[:, -1] / norms[:, -2]) ** (
    1 / (lengths[-1] - lengths[-2]))
tanh_slopes = np.array(slopes)
print("per time step, T = 40 to 80:", np.round(per_step_factors, 3))
print("mean tanh slope 1 - h_t^2:  ", np.round(tanh_slopes, 3))

# sigma 0.5: less than a millionth of the T = 5 norm is left at T = 80.
vanishes = bool(norms[0, -1] < 1e-6 * norms[0, 0])
# sigma 1.5: more than a hundred times the T = 5 norm at T = 80.
explodes = bool(norms[2, -1] > 100 * norms[2, 0])
print("sigma_max 0.5, T = 80 norm below a millionth of T = 5:", vanishes)
print("sigma_max 1.5, T = 80 norm over 100 times T = 5:      ", explodes)
