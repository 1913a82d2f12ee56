"""When TimeDistributed is needed: a layer that does not act on the last axis.

A sequence of small images, (batch_size, timesteps, height, width). Flatten
lays out every axis but the batch axis, so without TimeDistributed it also
flattens the time axis away. A per-step model built for one image
(Conv2D, Flatten, Dense) refuses the whole sequence; TimeDistributed runs it
on each time step.
"""

# %% flatten-per-step
import textwrap

import keras
import numpy as np

keras.utils.set_random_seed(42)
batch_size, timesteps, height, width = 2, 6, 4, 5
frames = np.random.default_rng(0).normal(
    size=(batch_size, timesteps, height, width)).astype("float32")

flattened_all = keras.layers.Flatten()(frames)
flattened_per_step = keras.layers.TimeDistributed(
    keras.layers.Flatten())(frames)
print("frames:                     ", tuple(frames.shape))
print("Flatten:                    ", tuple(flattened_all.shape))
print("TimeDistributed(Flatten()): ", tuple(flattened_per_step.shape))

# %% a-model-per-step
frame_dim, units = 7, 8
frame_encoder = keras.Sequential([
    keras.Input(shape=(height, width, 1)),  # ONE image
    keras.layers.Conv2D(4, 3, activation="relu", name="conv"),
    keras.layers.Flatten(name="flatten"),
    keras.layers.Dense(frame_dim, name="dense"),
], name="frame_encoder")
images = frames[..., None]  # a channel axis: (batch, timesteps, h, w, 1)
one_image = frame_encoder.inputs[0]  # what it was built for
print("frame_encoder takes:", tuple(one_image.shape))
print("images:             ", tuple(images.shape))
try:  # the whole sequence at once
    frame_encoder(images)
    encoder_takes_sequence = True
except ValueError as error:
    encoder_takes_sequence = False
    # the line that names the layer, without the terminal's bold codes
    conv_error = str(error).splitlines()[2]
    conv_error = conv_error.replace("\x1b[1m", "").replace("\x1b[0m", "")
    print(textwrap.fill("ValueError: " + conv_error, width=78))

# %% wrap-it
model = keras.Sequential([
    keras.Input(shape=(timesteps, height, width, 1)),
    keras.layers.TimeDistributed(frame_encoder, name="per_step"),
    keras.layers.SimpleRNN(units, name="rnn"),
], name="model")
model.summary()
per_step_vectors = model.get_layer("per_step")(images).numpy()
by_hand = np.stack([frame_encoder(images[:, t]).numpy()
                    for t in range(timesteps)], axis=1)
same_as_each_step = bool(np.allclose(per_step_vectors, by_hand, atol=1e-6))
print("per_step:", tuple(per_step_vectors.shape),
      "same as the encoder on each time step:", same_as_each_step)
