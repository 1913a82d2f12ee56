"""An encoder-decoder that translates English sentences into Korean.

The encoder (Embedding + LSTM) reads the English sentence and hands its final
states to the decoder (Embedding + LSTM + Dense), which writes the Korean
sentence. Trained with teacher forcing on the first 5,000 pairs of
data/sentence_pairs/pairs.tsv; the last 1,000 are held out. To translate, a
greedy loop feeds each chosen token back until <end>.
"""

# %% read-the-pairs
import textwrap
from pathlib import Path

import keras
import numpy as np

keras.utils.set_random_seed(42)


def find_data() -> Path:
    """data/sentence_pairs/: from this file's folder up, or a notebook's."""
    start = (Path(__file__).resolve().parent if "__file__" in globals()
             else Path.cwd())
    for folder in (start, *start.parents):
        if (folder / "data" / "sentence_pairs").is_dir():
            return folder / "data" / "sentence_pairs"
    raise FileNotFoundError("data/sentence_pairs/ not found: "
                            "run this inside a copy of the repository")


text = (find_data() / "pairs.tsv").read_text(encoding="utf-8")
pairs = [line.split("\t") for line in text.splitlines()
         if not line.startswith("#")]
english = [en.split() for en, _ in pairs]  # the tokenizer: split on spaces
korean = [ko.split() for _, ko in pairs]
n_pairs = len(pairs)
n_held_out = 1000  # the last 1,000 pairs: never trained on
n_train = n_pairs - n_held_out
print(f"{n_pairs} pairs: {n_train} to train on, {n_held_out} held out")
print("English:", " ".join(english[0]))
print("Korean: ", " ".join(korean[0]))

# %% vocabularies-and-tensors
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
korean_words = {i: word for word, i in korean_vocabulary.items()}
english_size = len(english_vocabulary)
korean_size = len(korean_vocabulary)


def pad(rows: list[list[int]]) -> np.ndarray:
    return keras.utils.pad_sequences(rows, padding="post")


encoder_input = pad([[english_vocabulary[w] for w in s] for s in english])
korean_ids = [[korean_vocabulary[w] for w in s] for s in korean]
decoder_input = pad([[START, *ids] for ids in korean_ids])  # shifted right
decoder_target = pad([[*ids, END] for ids in korean_ids])
print("vocabularies:", english_size, "English,", korean_size, "Korean")
print("encoder_input: ", tuple(encoder_input.shape))
print("decoder_input: ", tuple(decoder_input.shape))
print("decoder_target:", tuple(decoder_target.shape))
print("decoder_input[0]: ", decoder_input[0])
print("decoder_target[0]:", decoder_target[0])

# %% the-model
embedding_dim = 32
units = 64
source = keras.Input(shape=(None,), name="english")
english_embedding = keras.layers.Embedding(english_size, embedding_dim,
                                           mask_zero=True)
encoder = keras.layers.LSTM(units, return_state=True, name="encoder")
_, encoder_h, encoder_c = encoder(english_embedding(source))

shifted = keras.Input(shape=(None,), name="korean_shifted")
korean_embedding = keras.layers.Embedding(korean_size, embedding_dim,
                                          mask_zero=True)
decoder = keras.layers.LSTM(units, return_sequences=True, return_state=True,
                            name="decoder")
decoder_states, _, _ = decoder(korean_embedding(shifted),
                               initial_state=[encoder_h, encoder_c])
next_token = keras.layers.Dense(korean_size, activation="softmax",
                                name="next_token")
model = keras.Model([source, shifted], next_token(decoder_states))
print("encoder h, c:", tuple(encoder_h.shape), tuple(encoder_c.shape))
print("decoder:     ", tuple(decoder_states.shape))
print("output:      ", tuple(model.output.shape))
print("parameters:  ", f"{model.count_params():,}")

# %% train-with-teacher-forcing
# Teacher forcing: at every step the decoder reads the true previous token
# (decoder_input), whatever it would have written itself.
model.compile(optimizer=keras.optimizers.Adam(0.005),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
train_x = [encoder_input[:n_train], decoder_input[:n_train]]
held_x = [encoder_input[n_train:], decoder_input[n_train:]]
held_y = decoder_target[n_train:]
epochs = 10
history = model.fit(train_x, decoder_target[:n_train], epochs=epochs,
                    batch_size=64, verbose=0)
losses = np.round(history.history["loss"], 4) + 0.0
for epoch, loss in enumerate(losses, start=1):
    print(f"epoch {epoch:2}: loss {loss:.4f}")
del epoch, loss

# %% which-steps-count
# The decoder's Embedding has mask_zero=True: its mask goes through the LSTM
# and the Dense to the output. Does the loss skip the padded steps?
real = held_y != PAD  # the steps that hold a word or <end>
probabilities = model.predict(held_x, verbose=0)
step_losses = -np.log(np.take_along_axis(
    probabilities, held_y[..., None], axis=-1)[..., 0] + 1e-12)
keras_loss, keras_accuracy = (round(float(v), 4) for v in model.evaluate(
    held_x, held_y, batch_size=n_held_out, verbose=0))  # one batch
real_steps_loss = round(float(step_losses[real].mean()), 4)
every_step_loss = round(float(step_losses.mean()), 4)
loss_is_real_steps = abs(keras_loss - real_steps_loss) < 2e-4
print("evaluate:", keras_loss, "| mean over real steps:", real_steps_loss,
      "| over every step:", every_step_loss)
print("the loss skips the padded steps:", loss_is_real_steps)
try:  # Keras 2 code asked for per-step weights this way
    model.compile(loss="sparse_categorical_crossentropy",
                  sample_weight_mode="temporal")
except TypeError as error:
    sample_weight_mode_error = str(error)
    print(textwrap.fill("TypeError: " + sample_weight_mode_error, width=78))

# %% teacher-forced-accuracy
predicted = probabilities.argmax(axis=-1)
teacher_forced_accuracy = round(float((predicted == held_y)[real].mean()), 4)
metric_is_masked = abs(keras_accuracy - teacher_forced_accuracy) < 2e-4
all_right = np.array([(predicted[i] == held_y[i])[real[i]].all()
                      for i in range(n_held_out)])
teacher_forced_exact = round(float(all_right.mean()), 4)
# Every token right with the true prefix <=> greedy writes the reference.
print("held out, teacher forced:")
print("  tokens right:", teacher_forced_accuracy,
      "(Keras's accuracy:", f"{keras_accuracy})")
print("  sentences with every token right:", teacher_forced_exact)

# %% inference-models
# The same trained layers, wired for writing: the encoder alone, and the
# decoder one step at a time, its states going in and coming out.
encoder_model = keras.Model(source, [encoder_h, encoder_c])
token_in = keras.Input(shape=(1,), name="token")
h_in = keras.Input(shape=(units,), name="h")
c_in = keras.Input(shape=(units,), name="c")
step_states, h_out, c_out = decoder(korean_embedding(token_in),
                                    initial_state=[h_in, c_in])
step_model = keras.Model([token_in, h_in, c_in],
                         [next_token(step_states), h_out, c_out])
print("step model in: ", [tuple(t.shape) for t in step_model.inputs])
print("step model out:", [tuple(t.shape) for t in step_model.outputs])
max_steps = decoder_target.shape[1]


def translate(source_ids: np.ndarray) -> list[list[int]]:
    """Greedy decoding of a batch: the most probable token, fed back."""
    h, c = encoder_model.predict_on_batch(source_ids)
    tokens = np.full((len(source_ids), 1), START)
    written = []
    for _ in range(max_steps):  # at most as long as the longest target
        step_probabilities, h, c = step_model.predict_on_batch([tokens, h, c])
        tokens = step_probabilities.argmax(axis=-1)  # greedy
        written.append(tokens[:, 0])
    rows = np.stack(written, axis=1).tolist()
    # each sentence ends at its first <end>
    return [row[:row.index(END)] if END in row else row for row in rows]


# %% translate-held-out
translations = translate(encoder_input[n_train:])
references = korean_ids[n_train:]
exact = np.array([t == r for t, r in zip(translations, references)])
wrong = np.flatnonzero(~exact)  # held-out pairs it got wrong
for i in [0, 1, *wrong[:2]]:  # two from the top, then the first two wrong
    print(textwrap.fill(f"held-out pair {i}: " + " ".join(english[n_train + i]),
                        width=78, subsequent_indent="    "))
    print("  wrote:    ", " ".join(korean_words[t] for t in translations[i]))
    print("  reference:", " ".join(korean[n_train + i]))
del i
exact_match = round(float(exact.mean()), 4)
same_sentences_right = bool((exact == all_right).all())
token_accuracy = round(float(np.mean([
    np.mean([k < len(t) and t[k] == w for k, w in enumerate(r)])
    for t, r in zip(translations, references)])), 4)
print("held out, free running (greedy):")
print("  exact match:", exact_match)
print("  tokens right, in place:", token_accuracy)
print("  the same sentences as with teacher forcing:", same_sentences_right)

# %% by-input-length
english_lengths = np.array([len(s) for s in english[n_train:]])
buckets = np.array([[5, 8], [9, 12], [13, 16], [17, 20]])  # English words
bucket_counts = [int(((english_lengths >= lo) & (english_lengths <= hi)).sum())
                 for lo, hi in buckets]
bucket_exact = [round(float(exact[(english_lengths >= lo)
                                  & (english_lengths <= hi)].mean()), 4)
                for lo, hi in buckets]
print("English words | pairs | exact match")
for (lo, hi), count, share in zip(buckets, bucket_counts, bucket_exact):
    print(f"{lo:>6}-{hi:<6} | {count:5} | {share:.4f}")
del lo, hi, count, share
