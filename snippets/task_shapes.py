"""The four shapes of a task, each a small model called on seeded inputs.

The input is numbers over time, (batch_size, timesteps, features), or one
vector per row. What changes from shape to shape is how many outputs come
back and how they line up with the time steps. No training: only shapes.
"""

# %% many-to-one
import keras
import numpy as np

keras.utils.set_random_seed(42)
batch_size, timesteps, features = 2, 6, 3
units, classes = 8, 5
sequences = np.random.default_rng(0).normal(
    size=(batch_size, timesteps, features)).astype("float32")

many_to_one = keras.Sequential([
    keras.Input(shape=(timesteps, features)),
    keras.layers.SimpleRNN(units, name="rnn"),  # the last hidden state
    keras.layers.Dense(classes, activation="softmax", name="head"),
], name="many_to_one")
one_per_sequence = many_to_one(sequences)
print("many-to-one: ", tuple(sequences.shape), "->",
      tuple(one_per_sequence.shape))

# %% many-to-many
many_to_many = keras.Sequential([
    keras.Input(shape=(timesteps, features)),
    # every hidden state
    keras.layers.SimpleRNN(units, return_sequences=True, name="rnn"),
    keras.layers.Dense(classes, activation="softmax", name="head"),
], name="many_to_many")
one_per_step = many_to_many(sequences)
print("many-to-many:", tuple(sequences.shape), "->",
      tuple(one_per_step.shape))

# %% one-to-many
out_steps = 4
vectors = sequences[:, 0]  # one vector per row
one_to_many = keras.Sequential([
    keras.Input(shape=(features,)),
    keras.layers.RepeatVector(out_steps, name="repeat"),  # the same vector
    keras.layers.SimpleRNN(units, return_sequences=True, name="rnn"),
    keras.layers.Dense(classes, activation="softmax", name="head"),
], name="one_to_many")
one_to_many.summary()
sequence_out = one_to_many(vectors)
print("one-to-many: ", tuple(vectors.shape), "->",
      tuple(sequence_out.shape))

# What each layer hands on, for these two rows:
repeated = one_to_many.get_layer("repeat")(vectors)
print("repeat:", tuple(repeated.shape))
print(np.round(repeated[0], 4) + 0.0)
steps_repeated = bool(np.all(repeated == vectors[:, None, :]))
print("every time step holds the same vector:", steps_repeated)
step_states = one_to_many.get_layer("rnn")(repeated)
print("rnn:", tuple(step_states.shape))
states_differ = bool(not np.allclose(step_states[:, 0], step_states[:, 1]))
print("hidden states of time steps 0 and 1 differ:", states_differ)

# %% unequal-lengths
source = keras.Input(shape=(timesteps, features), name="source")
target = keras.Input(shape=(out_steps, features), name="target")
# the encoder reads the source; its final state starts the decoder
_, encoder_state = keras.layers.SimpleRNN(
    units, return_state=True, name="encoder")(source)
decoder_states = keras.layers.SimpleRNN(
    units, return_sequences=True, name="decoder")(
        target, initial_state=encoder_state)
encoder_decoder = keras.Model(
    [source, target],
    keras.layers.Dense(classes, activation="softmax",
                       name="head")(decoder_states),
    name="encoder_decoder")
target_steps = np.random.default_rng(1).normal(
    size=(batch_size, out_steps, features)).astype("float32")
other_length = encoder_decoder([sequences, target_steps])
print("encoder-decoder:", tuple(sequences.shape), "->",
      tuple(other_length.shape))
