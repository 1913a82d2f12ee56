"""An encoder-decoder with and without attention, on the sentence pairs.

The English sentences of data/sentence_pairs/pairs.tsv go into an encoder
GRU; a decoder GRU, started from the encoder's last state, writes the Korean
twin word by word. Two models, built by one function from the same seed and
trained the same way: one whose decoder sees only that last state, and one
that also takes, at every output step, an attention-weighted mean of all the
encoder's hidden states. The last 1,000 pairs are held out; each model
writes their Korean greedily, and exact matches are counted by English
sentence length.
"""

# %% read-the-pairs
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
PAD, START, END = 0, 1, 2
source_vocabulary = {"<pad>": PAD}
target_vocabulary = {"<pad>": PAD, "<start>": START, "<end>": END}
for words in english:
    for word in words:
        source_vocabulary.setdefault(word, len(source_vocabulary))
for words in korean:
    for word in words:
        target_vocabulary.setdefault(word, len(target_vocabulary))
del words, word
target_words = {i: word for word, i in target_vocabulary.items()}

# %% inputs-and-targets
source_ids = keras.utils.pad_sequences(
    [[source_vocabulary[w] for w in words] for words in english],
    padding="post")
korean_ids = [[target_vocabulary[w] for w in words] for words in korean]
target_len = 1 + max(len(ids) for ids in korean_ids)
# teacher forcing: the decoder reads <start> and the words, shifted right,
# and learns the words and <end>; both padded at the same steps
decoder_inputs = keras.utils.pad_sequences(
    [[START, *ids] for ids in korean_ids], maxlen=target_len, padding="post")
decoder_targets = keras.utils.pad_sequences(
    [[*ids, END] for ids in korean_ids], maxlen=target_len, padding="post")
n_pairs = len(pairs)
source_len = source_ids.shape[1]  # the longest English sentence
n_train = 5000  # the first 5,000 pairs train; the last 1,000 are held out
x_train = [source_ids[:n_train], decoder_inputs[:n_train]]
y_train = decoder_targets[:n_train]
held_out_source = source_ids[n_train:]
held_out_korean = korean[n_train:]
n_held_out = len(held_out_korean)
print("source:", tuple(source_ids.shape), "decoder input:",
      tuple(decoder_inputs.shape), "targets:", tuple(decoder_targets.shape))
print("vocabularies:", len(source_vocabulary), "English,",
      len(target_vocabulary), "Korean (with <pad>, <start>, <end>)")
print("held out:", n_held_out, "pairs")
print("decoder input:", " ".join(target_words[i] for i in decoder_inputs[0]
                                 if i != PAD))
print("target:       ", " ".join(target_words[i] for i in decoder_targets[0]
                                 if i != PAD))
same_padding = bool(np.array_equal(decoder_inputs == PAD,
                                   decoder_targets == PAD))
print("padded at the same steps:", same_padding)

# %% two-models
units = 64
embedding_dim = 32
epochs = 5


def encoder_decoder(attention: bool) -> keras.Model:
    """The encoder-decoder, with or without attention, from seed 1."""
    keras.utils.set_random_seed(1)  # both models start from the same seed
    source = keras.Input(shape=(None,), name="source")
    previous = keras.Input(shape=(None,), name="previous_words")
    embedded_source = keras.layers.Embedding(
        len(source_vocabulary), embedding_dim, mask_zero=True,
        name="source_embedding")(source)
    encoder_states, encoder_last = keras.layers.GRU(
        units, return_sequences=True, return_state=True,
        name="encoder")(embedded_source)
    embedded_previous = keras.layers.Embedding(
        len(target_vocabulary), embedding_dim, mask_zero=True,
        name="target_embedding")(previous)
    decoder_states, _ = keras.layers.GRU(
        units, return_sequences=True, return_state=True,
        name="decoder")(embedded_previous, initial_state=encoder_last)
    if attention:  # query: the decoder's states; keys and values: encoder's
        # (weights asked for here too, so that the step model can reuse it)
        context, _ = keras.layers.Attention(name="attention")(
            [decoder_states, encoder_states], return_attention_scores=True)
        decoder_states = keras.layers.Concatenate(name="with_context")(
            [decoder_states, context])
    next_word = keras.layers.Dense(len(target_vocabulary),
                                   activation="softmax",
                                   name="next_word")(decoder_states)
    model = keras.Model([source, previous], next_word)
    model.compile(optimizer=keras.optimizers.Adam(0.01),
                  loss="sparse_categorical_crossentropy")
    return model


# %% build-both
plain = encoder_decoder(attention=False)
attentive = encoder_decoder(attention=True)
for label, model in (("without attention", plain),
                     ("with attention", attentive)):
    print(f"{label:<18} parameters: {model.count_params():,}")
del label, model

# %% train-both
plain_history = plain.fit(x_train, y_train, epochs=epochs, batch_size=64,
                          verbose=0)
attentive_history = attentive.fit(x_train, y_train, epochs=epochs,
                                  batch_size=64, verbose=0)
plain_losses = np.round(plain_history.history["loss"], 4) + 0.0
attentive_losses = np.round(attentive_history.history["loss"], 4) + 0.0
print("training loss per epoch")
print("without attention:", plain_losses)
print("with attention:   ", attentive_losses)

# %% padding-out-of-the-loss
# Keras's loss on 200 held-out pairs, in one batch, against cross-entropy
# averaged by hand over the real target steps only, and over every step.
check_x = [source_ids[n_train:n_train + 200],
           decoder_inputs[n_train:n_train + 200]]
check_y = decoder_targets[n_train:n_train + 200]
keras_loss = attentive.evaluate(check_x, check_y, batch_size=200, verbose=0)
probabilities = np.asarray(attentive(check_x))
rows, steps = np.indices(check_y.shape)
cross_entropy = -np.log(probabilities[rows, steps, check_y])
real = check_y != PAD
loss_real_steps = float(cross_entropy[real].mean())
loss_every_step = float(cross_entropy.mean())
loss_ignores_padding = bool(np.isclose(keras_loss, loss_real_steps,
                                       rtol=1e-4))
print("Keras's loss:               ", round(keras_loss, 4))
print("mean over real target steps:", round(loss_real_steps, 4))
print("mean over every step:       ", round(loss_every_step, 4))
print("padded steps left out of the loss:", loss_ignores_padding)

# %% step-model
def step_model(model: keras.Model) -> keras.Model:
    """One decoder step with the trained layers: the previous word and state
    in; the next word's probabilities, the new state, the weights out."""
    previous = keras.Input(shape=(1,))
    state = keras.Input(shape=(units,))
    encoder_states = keras.Input(shape=(None, units))
    source = keras.Input(shape=(None,))  # only for its mask: the padding
    embedded = model.get_layer("target_embedding")(previous)
    output, new_state = model.get_layer("decoder")(embedded,
                                                   initial_state=state)
    weights = keras.ops.zeros_like(source)[:, None, :]  # none, without
    if any(layer.name == "attention" for layer in model.layers):
        source_mask = keras.ops.not_equal(source, PAD)
        context, weights = model.get_layer("attention")(
            [output, encoder_states], mask=[None, source_mask],
            return_attention_scores=True)
        output = model.get_layer("with_context")([output, context])
    probabilities = model.get_layer("next_word")(output)
    return keras.Model([previous, state, encoder_states, source],
                       [probabilities, new_state, weights])


# %% greedy-decoding
def translate(model: keras.Model, source: np.ndarray,
              max_words: int = 20) -> tuple[list, np.ndarray]:
    """Greedy decoding of a batch: each row stops at its first <end>."""
    encoder = keras.Model(model.get_layer("source").output,
                          model.get_layer("encoder").output)
    step = step_model(model)
    encoder_states, state = (np.asarray(x) for x in encoder(source))
    word = np.full((len(source), 1), START)
    written, weights = [], []
    for _ in range(max_words):
        probabilities, state, step_weights = (np.asarray(x) for x in step(
            [word, state, encoder_states, source]))
        word = np.argmax(probabilities, axis=-1)  # the most probable word
        written.append(word[:, 0])
        weights.append(step_weights[:, 0])
    written = np.stack(written, axis=1)
    sentences = [[target_words[i] for i in row[:list(row).index(END)]]
                 if END in row else [target_words[i] for i in row]
                 for row in written]
    return sentences, np.stack(weights, axis=1)  # (batch, steps, Tv)


plain_korean, _ = translate(plain, held_out_source)
attentive_korean, attention_weights = translate(attentive, held_out_source)
for label, sentences in (("without attention", plain_korean),
                         ("with attention", attentive_korean)):
    print(f"{label + ':':<19}", " ".join(sentences[0]))
del label, sentences
print("reference:         ", " ".join(held_out_korean[0]))

# %% exact-match-by-length
held_out_lengths = np.array([len(words) for words in english[n_train:]])
buckets = [(5, 8), (9, 12), (13, 16), (17, 20)]  # English words
in_bucket = [(held_out_lengths >= low) & (held_out_lengths <= high)
             for low, high in buckets]
bucket_sizes = np.array([int(chosen.sum()) for chosen in in_bucket])
plain_right = np.array([written == reference for written, reference
                        in zip(plain_korean, held_out_korean)])
attentive_right = np.array([written == reference for written, reference
                            in zip(attentive_korean, held_out_korean)])
plain_by_length = np.round(
    [plain_right[chosen].mean() for chosen in in_bucket], 3) + 0.0
attentive_by_length = np.round(
    [attentive_right[chosen].mean() for chosen in in_bucket], 3) + 0.0
plain_exact = round(float(plain_right.mean()), 3)
attentive_exact = round(float(attentive_right.mean()), 3)
print("exact-match accuracy on the held-out pairs")
print("English words  pairs  without attention  with attention")
for (low, high), size, without, with_ in zip(
        buckets, bucket_sizes, plain_by_length, attentive_by_length):
    print(f"{low:>5} to {high:<5} {size:>5} {without:>18.3f}"
          f" {with_:>15.3f}")
del low, high, size, without, with_
print(f"{'all':<14} {n_held_out:>5} {plain_exact:>18.3f}"
      f" {attentive_exact:>15.3f}")

# %% one-example
# The attention weights of one held-out pair: a place and a time, written
# right. Rows: the Korean words written, then <end>; columns: English words.
padding = (held_out_source == PAD)[:, None, :]  # (batch, 1, Tv)
padding_weight = float(np.where(padding, attention_weights, 0).max())
weights_sum_to_1 = bool(np.allclose(attention_weights.sum(axis=-1), 1,
                                    atol=1e-5))
example = next(i for i, words in enumerate(english[n_train:])
               if "at" in words and words[-1] in ("today", "now", "day")
               and len(words) <= 13 and attentive_right[i])
example_english = english[n_train + example]
example_korean = [*attentive_korean[example], "<end>"]
example_weights = np.round(attention_weights[
    example, :len(example_korean), :len(example_english)], 3) + 0.0
print("largest weight on a padded source step:", padding_weight)
print("weights sum to 1 over the source steps:", weights_sum_to_1)
print(" ".join(example_english))
for word, row in zip(example_korean, example_weights):
    top = int(np.argmax(row))
    width = len(word) + sum("\uac00" <= c <= "\ud7a3" for c in word)
    print(word + " " * (8 - width), "looks most at",
          f"{example_english[top]:<8} ({row[top]:.3f})")
del word, row, top, width
english_verbs = {"sees", "helps", "follows", "likes", "draws", "calls",
                 "finds"}
verb_column = next(i for i, w in enumerate(example_english)
                   if w in english_verbs)
verb_row = len(example_korean) - 2  # the Korean verb: last before <end>
verb_looks_at_verb = bool(np.argmax(example_weights[verb_row])
                          == verb_column)
print("the Korean verb looks most at the English verb:", verb_looks_at_verb)
