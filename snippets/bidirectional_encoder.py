"""The encoder-decoder of encoder_decoder.py with a bidirectional encoder.

Bidirectional(LSTM(units, return_state=True)) returns the output and the
forward and backward h and c. The two h side by side, and the two c, start
a decoder LSTM of 2 * units. Same data, split, seed and training.
"""

# %% the-same-data
from pathlib import Path

import keras
import numpy as np

keras.utils.set_random_seed(42)
here = (Path(__file__).resolve().parent if "__file__" in globals()
        else Path.cwd())
data = next(f / "data" / "sentence_pairs" for f in (here, *here.parents)
            if (f / "data" / "sentence_pairs").is_dir())
pairs = [line.split("\t") for line in
         (data / "pairs.tsv").read_text(encoding="utf-8").splitlines()
         if not line.startswith("#")]
english = [en.split() for en, _ in pairs]
korean = [ko.split() for _, ko in pairs]
n_held_out = 1000
n_train = len(pairs) - n_held_out
PAD, START, END = 0, 1, 2
english_vocabulary = {"<pad>": PAD}
korean_vocabulary = {"<pad>": PAD, "<start>": START, "<end>": END}
for words in english:
    for word in words:
        english_vocabulary.setdefault(word, len(english_vocabulary))
for words in korean:
    for word in words:
        korean_vocabulary.setdefault(word, len(korean_vocabulary))
del words, word
korean_ids = [[korean_vocabulary[w] for w in s] for s in korean]
encoder_input = keras.utils.pad_sequences(
    [[english_vocabulary[w] for w in s] for s in english], padding="post")
decoder_input = keras.utils.pad_sequences(
    [[START, *ids] for ids in korean_ids], padding="post")
decoder_target = keras.utils.pad_sequences(
    [[*ids, END] for ids in korean_ids], padding="post")
print(tuple(encoder_input.shape), tuple(decoder_input.shape),
      tuple(decoder_target.shape))

# %% bidirectional-encoder
embedding_dim = 32
units = 32  # per direction: the decoder gets 2 * units = 64
source = keras.Input(shape=(None,), name="english")
encoder = keras.layers.Bidirectional(
    keras.layers.LSTM(units, return_state=True), name="encoder")
encoder_results = encoder(keras.layers.Embedding(
    len(english_vocabulary), embedding_dim, mask_zero=True)(source))
_, forward_h, forward_c, backward_h, backward_c = encoder_results
state_h = keras.layers.Concatenate(name="state_h")([forward_h, backward_h])
state_c = keras.layers.Concatenate(name="state_c")([forward_c, backward_c])

shifted = keras.Input(shape=(None,), name="korean_shifted")
korean_embedding = keras.layers.Embedding(len(korean_vocabulary),
                                          embedding_dim, mask_zero=True)
decoder = keras.layers.LSTM(2 * units, return_sequences=True,
                            return_state=True, name="decoder")
decoder_states, _, _ = decoder(korean_embedding(shifted),
                               initial_state=[state_h, state_c])
next_token = keras.layers.Dense(len(korean_vocabulary),
                                activation="softmax", name="next_token")
model = keras.Model([source, shifted], next_token(decoder_states))
print(len(encoder_results), "tensors from the encoder:")
print(*(tuple(t.shape) for t in encoder_results))
print("state_h, state_c:", tuple(state_h.shape), tuple(state_c.shape))
print("decoder:", tuple(decoder_states.shape))
print("parameters:", f"{model.count_params():,}")

# %% train-and-translate
model.compile(optimizer=keras.optimizers.Adam(0.005),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
epochs = 10
model.fit([encoder_input[:n_train], decoder_input[:n_train]],
          decoder_target[:n_train], epochs=epochs, batch_size=64, verbose=0)
teacher_forced_accuracy = round(float(model.evaluate(
    [encoder_input[n_train:], decoder_input[n_train:]],
    decoder_target[n_train:], batch_size=n_held_out, verbose=0)[1]), 4)

encoder_model = keras.Model(source, [state_h, state_c])
token_in = keras.Input(shape=(1,))
h_in, c_in = keras.Input(shape=(2 * units,)), keras.Input(shape=(2 * units,))
step_states, h_out, c_out = decoder(korean_embedding(token_in),
                                    initial_state=[h_in, c_in])
step_model = keras.Model([token_in, h_in, c_in],
                         [next_token(step_states), h_out, c_out])
h, c = encoder_model.predict_on_batch(encoder_input[n_train:])
tokens = np.full((n_held_out, 1), START)
written = []
for _ in range(decoder_target.shape[1]):  # greedy, as before
    step_probabilities, h, c = step_model.predict_on_batch([tokens, h, c])
    tokens = step_probabilities.argmax(axis=-1)
    written.append(tokens[:, 0])
rows = np.stack(written, axis=1).tolist()
translations = [r[:r.index(END)] if END in r else r for r in rows]
exact = np.array([t == r for t, r in zip(translations, korean_ids[n_train:])])
exact_match = round(float(exact.mean()), 4)
print("held out: teacher-forced token accuracy", teacher_forced_accuracy,
      "| exact match", exact_match)

# %% by-input-length
english_lengths = np.array([len(s) for s in english[n_train:]])
buckets = [(5, 8), (9, 12), (13, 16), (17, 20)]
bucket_exact = [round(float(exact[(english_lengths >= lo)
                                  & (english_lengths <= hi)].mean()), 4)
                for lo, hi in buckets]
print("English words | exact match")
for (lo, hi), share in zip(buckets, bucket_exact):
    print(f"{lo:>6}-{hi:<6} | {share:.4f}")
del lo, hi, share
