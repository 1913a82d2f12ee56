"""Carrying the state by hand: one call per word, from the previous state.

By default every call of an RNN layer starts from zeros. Passing the previous
call's final state as initial_state, word by word, gives exactly the
full-sequence run; a layer with stateful=True does the same passing by itself.
"""

# %% word-by-word
import inspect

import keras
import numpy as np

keras.utils.set_random_seed(42)

batch_size = 2
max_len = 6
embedding_dim = 64
units = 32

embedded = np.random.normal(size=(batch_size, max_len, embedding_dim))
embedded = embedded.astype("float32")
rnn = keras.layers.SimpleRNN(units, return_sequences=True, return_state=True)
full_run, full_final = rnn(embedded)  # all 6 time steps in one call
print("full run:", tuple(full_run.shape),
      "final state:", tuple(full_final.shape))

# One call per word: a sequence one time step long, started from the
# previous final state.
h_previous = None  # the first call gets no initial_state: zeros
steps = []
for t in range(max_len):
    output, h_previous = rnn(embedded[:, t : t + 1, :],
                             initial_state=h_previous)
    steps.append(np.asarray(output)[:, 0, :])
word_by_word = np.stack(steps, axis=1)
difference = np.abs(word_by_word - np.asarray(full_run))
same_as_full = bool(np.allclose(word_by_word, full_run, atol=1e-6))
max_difference = round(float(np.max(difference)), 6) + 0.0
# not only close: equal
bitwise_equal = bool(np.array_equal(word_by_word, np.asarray(full_run)))
print("word by word:", tuple(word_by_word.shape), "== full run:",
      same_as_full)
print("max difference:", max_difference, "| bit for bit:", bitwise_equal)

# %% from-zeros
# Without initial_state a call starts from zeros, so word 1 alone is not
# step 1 of the run.
zeros = np.zeros((batch_size, units), dtype="float32")
word_1_alone, _ = rnn(embedded[:, 1:2, :])
word_1_from_zeros, _ = rnn(embedded[:, 1:2, :], initial_state=zeros)
starts_from_zeros = bool(np.allclose(word_1_alone, word_1_from_zeros,
                                     atol=1e-6))
alone_is_step_1 = bool(np.allclose(np.asarray(word_1_alone)[:, 0],
                                   full_run[:, 1], atol=1e-6))
print("word 1 alone == word 1 from a zero state:", starts_from_zeros)
print("word 1 alone == time step 1 of the full run:", alone_is_step_1)

# %% stateful
# stateful=True: the layer keeps its final state and starts the next call
# from it. It keeps one state per batch row, so it must know the batch size:
# None is refused.
try:
    keras.Sequential([keras.Input(shape=(None, embedding_dim)),
                      keras.layers.SimpleRNN(units, stateful=True)])
except ValueError as error:
    stateful_error = str(error).split(". ")[0]
print("stateful=True, batch size None -> ValueError:")
print(" ", stateful_error)
stateful_rnn = keras.layers.SimpleRNN(units, return_sequences=True,
                                      stateful=True)
# a stateful layer needs the batch size: 2 rows, 2 states
stateful_rnn.build(embedded.shape)
stateful_rnn.set_weights(rnn.get_weights())
stateful_steps = [np.asarray(stateful_rnn(embedded[:, t : t + 1, :]))[:, 0]
                  for t in range(max_len)]
stateful_same_as_full = bool(np.allclose(np.stack(stateful_steps, axis=1),
                                         full_run, atol=1e-6))
stateful_rnn.reset_state()  # back to zeros, for the next, unrelated sequence
after_reset = np.asarray(stateful_rnn(embedded[:, 1:2, :]))
reset_starts_from_zeros = bool(np.allclose(after_reset, word_1_alone,
                                           atol=1e-6))
print("stateful=True, word by word == full run:", stateful_same_as_full)
print("after reset_state(), word 1 == word 1 from zeros:",
      reset_starts_from_zeros)
# Keras 2 code calls model.reset_states(); a Keras 3 model has no such method.
model_has_reset_states = hasattr(keras.Model, "reset_states")
print("keras.Model has reset_states():", model_has_reset_states)

# %% row-by-row
# The states are kept by row position: with the rows given in another order,
# row 0 of the next call continues whatever row 0 read before (here:
# sentence 1's word 1 after sentence 0's word 0).
stateful_rnn.reset_state()
stateful_rnn(embedded[:, 0:1, :])
rows_swapped = np.asarray(stateful_rnn(embedded[::-1, 1:2, :]))
after_other_row, _ = rnn(embedded[::-1, 1:2, :],
                         initial_state=np.asarray(full_run)[:, 0])
row_i_continues_row_i = bool(np.allclose(rows_swapped, after_other_row,
                                         atol=1e-6))
print("rows swapped: row i continues whatever row i read before:",
      row_i_continues_row_i)
# So batches fed to fit() must be lined up row by row, in order: fit()
# shuffles them unless told shuffle=False.
fit_parameters = inspect.signature(keras.Model.fit).parameters
fit_shuffles_by_default = fit_parameters["shuffle"].default is True
print("Model.fit shuffles by default:", fit_shuffles_by_default)
