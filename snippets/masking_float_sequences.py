"""Padded float sequences and keras.layers.Masking: no Embedding, no ids.

Three sequences of different lengths, two features per time step, padded
with 0.0 to one length. A Masking layer marks the padding; the RNN then gives
each sequence the final state it gives that sequence alone, unpadded.
"""

# %% pad-the-sequences
import keras
import numpy as np

keras.utils.set_random_seed(42)

features = 2
units = 4
lengths = [5, 3, 2]
batch_size = len(lengths)

rng = np.random.default_rng(42)
sequences = [
    np.round(rng.normal(size=(n, features)), 2).astype("float32")
    for n in lengths
]
padded = keras.utils.pad_sequences(sequences, dtype="float32",
                                   padding="post", value=0.0)
max_len = padded.shape[1]
masking = keras.layers.Masking(mask_value=0.0)
mask = np.asarray(masking.compute_mask(padded))
print("padded batch:", tuple(padded.shape))
print("sequence 2, padded:")
print(padded[2])
print("mask (1 = real time step):")
print(mask.astype(int))

# %% masked-equals-alone
inputs = keras.Input(shape=(None, features))  # any number of time steps
rnn = keras.layers.SimpleRNN(units, name="rnn")
model = keras.Model(inputs, rnn(masking(inputs)))

batch_states = np.asarray(model(padded))
alone_states = np.stack(
    [np.asarray(model(s[np.newaxis]))[0] for s in sequences])
print("final states, padded batch with the mask:")
print(np.round(batch_states, 4) + 0.0)
print("final states, each sequence alone, unpadded:")
print(np.round(alone_states, 4) + 0.0)
same_as_alone = bool(np.allclose(batch_states, alone_states, atol=1e-6))
bit_equal_to_alone = bool(np.array_equal(batch_states, alone_states))
print("same:", same_as_alone, "| bit for bit:", bit_equal_to_alone)

# %% a-real-zero-step
# A time step is masked when ALL its features equal mask_value. Here a real
# time step of sequence 1 is (0.0, 0.0): a sensor at rest, say.
with_zero = sequences[1].copy()
with_zero[1] = 0.0
zero_padded = keras.utils.pad_sequences([with_zero], maxlen=max_len,
                                        dtype="float32", padding="post")
print("mask:", np.asarray(masking.compute_mask(zero_padded)).astype(int))
alone_with_zero = np.asarray(rnn(with_zero[np.newaxis]))  # no mask at all
zero_masked = np.asarray(model(zero_padded))
real_zero_kept = bool(np.allclose(zero_masked, alone_with_zero, atol=1e-6))
print("masked run == the sequence alone:", real_zero_kept)

# Pad with a value no real feature takes: here every value is above -9.
pad_value = -9.0
above_pad_value = bool(np.all(np.concatenate(sequences) > pad_value))
print("every real value above", pad_value, ":", above_pad_value)
masking_9 = keras.layers.Masking(mask_value=pad_value)
model_9 = keras.Model(inputs, rnn(masking_9(inputs)))
padded_9 = keras.utils.pad_sequences([with_zero], maxlen=max_len,
                                     dtype="float32", padding="post",
                                     value=pad_value)
print("mask:", np.asarray(masking_9.compute_mask(padded_9)).astype(int))
fixed_by_pad_value = bool(np.allclose(np.asarray(model_9(padded_9)),
                                      alone_with_zero, atol=1e-6))
print("masked run == the sequence alone:", fixed_by_pad_value)
# One feature at 0.0 is not enough: every feature must equal mask_value.
one_zero_kept = bool(np.asarray(masking.compute_mask(
    np.array([[[0.0, 0.5]]], dtype="float32")))[0, 0])
print("step (0.0, 0.5) kept by Masking(0.0):", one_zero_kept)

# %% every-time-step
# return_sequences=True with the mask: what comes out at a masked step?
every_step = keras.layers.SimpleRNN(units, return_sequences=True)
every_step.build((None, None, features))
every_step.set_weights(rnn.get_weights())  # the same weights as above
outputs = np.asarray(every_step(masking(padded)))
print("sequence 2, padded at the end, output at every time step:")
print(np.round(outputs[2], 4) + 0.0)
last_real = outputs[2, lengths[2] - 1]
repeats_last_state = bool(np.all(outputs[2, lengths[2]:] == last_real))

pre_padded = keras.utils.pad_sequences(sequences, dtype="float32",
                                       padding="pre")
pre_outputs = np.asarray(every_step(masking(pre_padded)))
print("sequence 2, padded in front:")
print(np.round(pre_outputs[2], 4) + 0.0)
zeros_before_start = bool(np.all(pre_outputs[2, : max_len - lengths[2]] == 0))

# %% zeros-instead
zeroing = keras.layers.SimpleRNN(units, return_sequences=True,
                                 zero_output_for_mask=True)
zeroing.build((None, None, features))
zeroing.set_weights(rnn.get_weights())
zeroed = np.asarray(zeroing(masking(padded)))
zeros_after_end = bool(np.all(zeroed[2, lengths[2]:] == 0))
print("zero_output_for_mask=True, padded at the end:")
print(np.round(zeroed[2], 4) + 0.0)

# Bidirectional turns zero_output_for_mask on in both of its layers.
bidirectional = keras.layers.Bidirectional(
    keras.layers.SimpleRNN(units, return_sequences=True))
both_ways = np.asarray(bidirectional(masking(padded)))
print("Bidirectional, sequence 2:", tuple(both_ways[2].shape))
print(np.round(both_ways[2], 4) + 0.0)
bidirectional_zeros = bool(np.all(both_ways[2, lengths[2]:] == 0))
zero_output_both = (bidirectional.forward_layer.zero_output_for_mask
                    and bidirectional.backward_layer.zero_output_for_mask)
