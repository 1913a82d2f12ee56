"""What clipnorm, clipvalue and global_clipnorm clip, on a real gradient.

A small SimpleRNN model whose recurrent kernel is scaled so that its largest
singular value is 2: its gradient is large. The snippet measures the gradient
of each weight, then lets three SGD optimizers with learning rate 1 apply it,
one per clipping argument: the step each takes is the clipped gradient.
"""

# %% a-large-gradient
import textwrap

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(42)

batch_size = 16
timesteps = 40
features = 4
units = 8
inputs = keras.Input(shape=(timesteps, features))
hidden = keras.layers.SimpleRNN(units, name="rnn")(inputs)
outputs = keras.layers.Dense(1, name="head")(hidden)
model = keras.Model(inputs, outputs)
x = keras.random.normal((batch_size, timesteps, features), seed=1)
y = keras.random.normal((batch_size, 1), seed=2)

kernel, recurrent_kernel, bias = model.get_layer("rnn").get_weights()
scale = 2.0  # orthogonal times 2: every singular value is 2
model.get_layer("rnn").set_weights([kernel, scale * recurrent_kernel, bias])
start_weights = model.get_weights()

with tf.GradientTape() as tape:
    loss = keras.ops.mean(keras.ops.square(model(x) - y))
gradients = [np.asarray(g) for g in
             tape.gradient(loss, model.trainable_variables)]
names = [v.path.replace("simple_rnn_cell/", "")
         for v in model.trainable_variables]
gradient_norms = np.array([np.linalg.norm(g) for g in gradients])
global_norm = float(np.sqrt(np.sum(np.square(gradient_norms))))
for name, norm in zip(names, gradient_norms):
    print(f"{name:20} norm {norm:8.3f}")
print(f"{'all weights together':20} norm {global_norm:8.3f}")
del name, norm

# %% three-ways-to-clip
def clipped(**clip_argument):
    """The step SGD with learning rate 1 takes: the clipped gradient."""
    model.set_weights(start_weights)
    sgd = keras.optimizers.SGD(learning_rate=1.0, **clip_argument)
    sgd.apply(gradients, model.trainable_variables)
    return [w0 - w1 for w0, w1 in zip(start_weights, model.get_weights())]


threshold = 1.0
clip_value = 0.1
results = {
    "clipnorm": clipped(clipnorm=threshold),
    "global_clipnorm": clipped(global_clipnorm=threshold),
    "clipvalue": clipped(clipvalue=clip_value),
}
model.set_weights(start_weights)
after = {k: np.array([np.linalg.norm(g) for g in steps])
         for k, steps in results.items()}
print("norm of each weight's gradient, before and after clipping")
print(f"{'weight':20}{'before':>10}{'clipnorm':>10}"
      f"{'global':>10}{'clipvalue':>11}")
for i, name in enumerate(names):
    print(f"{name:20}{gradient_norms[i]:10.3f}"
          f"{after['clipnorm'][i]:10.3f}"
          f"{after['global_clipnorm'][i]:10.3f}"
          f"{after['clipvalue'][i]:11.3f}")
del i, name

# %% what-each-keeps
clipnorm_norms = after["clipnorm"]
global_clipnorm_norms = after["global_clipnorm"]
clipvalue_norms = after["clipvalue"]
global_after = float(np.sqrt(np.sum(np.square(global_clipnorm_norms))))
global_factor = float(global_clipnorm_norms[0] / gradient_norms[0])
largest_element = float(max(np.abs(g).max() for g in gradients))
largest_clipped = float(max(np.abs(g).max() for g in results["clipvalue"]))
# Every element of the recurrent kernel's gradient lies beyond [-0.1, 0.1]:
recurrent_all_clipped = bool(np.all(np.abs(gradients[1]) > clip_value))


def cosine(steps):
    """The cosine between the whole gradient and a clipped one."""
    a = np.concatenate([g.ravel() for g in gradients])
    b = np.concatenate([g.ravel() for g in steps])
    return float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))


cosines = {k: cosine(steps) for k, steps in results.items()}
print("global_clipnorm: every weight times", np.round(global_factor, 4),
      "| joint norm after:", np.round(global_after, 3))
print("clipvalue: largest |element|", np.round(largest_element, 3),
      "->", np.round(largest_clipped, 3))
print("cosine between the gradient and the clipped one:")
for k, c in cosines.items():
    print(f"  {k:16}{c:8.4f}")
del k, c
global_keeps_direction = bool(np.isclose(cosines["global_clipnorm"], 1.0))
clipnorm_keeps_direction = bool(np.isclose(cosines["clipnorm"], 1.0))
clipvalue_keeps_direction = bool(np.isclose(cosines["clipvalue"], 1.0))
cosine_global_clipnorm = cosines["global_clipnorm"]
cosine_clipnorm = cosines["clipnorm"]
cosine_clipvalue = cosines["clipvalue"]

# %% only-one-at-a-time
try:
    keras.optimizers.SGD(clipnorm=1.0, clipvalue=0.1)
    two_arguments_raise = False
except ValueError as error:
    two_arguments_raise = True
    two_arguments_error = str(error).split(" Received")[0]
    print("ValueError:")
    print(textwrap.fill(two_arguments_error, width=78))

# %% never-larger
# Clipping multiplies by a number <= 1 or cuts elements: it never enlarges.
never_larger = bool(all(np.all(a <= gradient_norms + 1e-6)
                        for a in after.values()))
small_unchanged = bool(np.isclose(clipnorm_norms[-1], gradient_norms[-1]))
print("no norm grows:", never_larger)
print("a gradient under the threshold passes unchanged:", small_unchanged)

# %% training-with-and-without
epochs = 10
train_learning_rate = 0.5
last_steps = 3


def train(**clip_argument):
    """SGD from the same scaled weights; the training loss of each epoch."""
    keras.utils.set_random_seed(42)
    trained = keras.models.clone_model(model)
    trained.set_weights(start_weights)
    sgd = keras.optimizers.SGD(train_learning_rate, **clip_argument)
    trained.compile(optimizer=sgd, loss="mse")
    history = trained.fit(train_x, train_y, epochs=epochs, batch_size=32,
                          verbose=0)
    return np.array(history.history["loss"])


# The target: the sum of the first input number over the last 3 time steps.
train_x = keras.random.normal((256, timesteps, features), seed=3)
train_y = keras.ops.sum(train_x[:, -last_steps:, 0], axis=1, keepdims=True)
losses = {"none": train(), "clipnorm": train(clipnorm=threshold),
          "global_clipnorm": train(global_clipnorm=threshold),
          "clipvalue": train(clipvalue=clip_value)}
print("training loss after epoch 1, 5 and 10:")
for k, row in losses.items():
    print(f"  {k:16}", "  ".join(f"{v:9.3g}" for v in row[[0, 4, 9]]))
del k, row
unclipped_loss = losses["none"]
log10_unclipped_last = float(np.log10(unclipped_loss[-1]))
unclipped_blows_up = bool(unclipped_loss[-1] > 1e6 * unclipped_loss[0])
clipped_fall = bool(all(np.isfinite(row).all() and row[-1] < row[0]
                        for k, row in losses.items() if k != "none"))
clipnorm_loss = losses["clipnorm"]
global_clipnorm_loss = losses["global_clipnorm"]
clipvalue_loss = losses["clipvalue"]
print("without clipping the loss grows a millionfold:", unclipped_blows_up)
print("with each clipping it stays finite and falls:", clipped_fall)
