"""SimpleRNN, LSTM and GRU trained on the word-order sentences, side by side.

Same data, seed and epochs. Every English sentence in data/word_order/en.tsv
has a twin made of the same words in another order with the opposite label, so
only a model that reads in order can tell them apart. Each model is the notes'
model with its RNN layer swapped. At the end, the first epoch again from three
more seeds: is the gated layers' slow start the seed's?
"""

# %% read-the-sentences
from pathlib import Path

import keras
import numpy as np

keras.utils.set_random_seed(42)

PAD, START, END, UNKNOWN = 0, 1, 2, 3


def find_data() -> Path:
    """data/word_order/: from this file's folder up, or a notebook's."""
    start = (Path(__file__).resolve().parent if "__file__" in globals()
             else Path.cwd())
    for folder in (start, *start.parents):
        if (folder / "data" / "word_order").is_dir():
            return folder / "data" / "word_order"
    raise FileNotFoundError("data/word_order/ not found: "
                            "run this inside a copy of the repository")


def read_sentences(language: str) -> tuple[list[list[str]], np.ndarray]:
    """Tokenized sentences and their labels; the tokenizer is str.split()."""
    text = (find_data() / f"{language}.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines()
            if not line.startswith("#")]
    return ([sentence.split() for _, sentence in rows],
            np.array([int(label) for label, _ in rows]))


tokenized, labels = read_sentences("en")

# %% token-ids-and-split
vocabulary = {"<pad>": PAD, "<start>": START, "<end>": END, "<unk>": UNKNOWN}
for words in tokenized:
    for word in words:
        vocabulary.setdefault(word, len(vocabulary))
vocab_size = len(vocabulary)
# with <start> and <end>
max_len = max(len(words) for words in tokenized) + 2
token_ids = keras.utils.pad_sequences(
    [[START, *(vocabulary[word] for word in words), END]
     for words in tokenized],
    maxlen=max_len, padding="post")
# Twins stay on the same side, as in the training chapter: one bag of words
# in five validates, so no validation sentence has its twin in training.
bags = sorted({tuple(sorted(words)) for words in tokenized})
shuffled = np.random.default_rng(42).permutation(len(bags))
validation_bags = {bags[i] for i in shuffled[: len(bags) // 5]}
in_validation = np.array([tuple(sorted(words)) in validation_bags
                          for words in tokenized])
x_train, y_train = token_ids[~in_validation], labels[~in_validation]
x_val, y_val = token_ids[in_validation], labels[in_validation]
n_train, n_val = len(x_train), len(x_val)
print(f"{len(tokenized)} sentences, {vocab_size} tokens in the vocabulary,",
      f"max_len {max_len}")
print("train", tuple(x_train.shape), "validation", tuple(x_val.shape))

# %% train-three-models
epochs = 5
units = 32


def train(rnn_class: type[keras.layers.Layer], seed: int = 42,
          n_epochs: int = epochs) -> keras.Model:
    """The notes' model around a new `rnn_class(units)`, trained from `seed`."""
    keras.utils.set_random_seed(seed)  # the same start for each of the three
    # Every layer is made after the seed: Keras draws a layer's initial-weight
    # seeds when the layer is created, so a layer made before
    # set_random_seed would not start from it.
    model = keras.Sequential([
        keras.Input(shape=(max_len,)),
        keras.layers.Embedding(vocab_size, 64, mask_zero=True),
        rnn_class(units),
        keras.layers.Dense(16, activation="tanh"),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x_train, y_train, validation_data=(x_val, y_val),
              epochs=n_epochs, batch_size=32, verbose=0)
    return model


trained_simple = train(keras.layers.SimpleRNN)
trained_lstm = train(keras.layers.LSTM)
trained_gru = train(keras.layers.GRU)


# %% compare-them
def accuracies(model: keras.Model) -> np.ndarray:
    """Validation accuracy after each epoch."""
    return np.round(model.history.history["val_accuracy"], 3) + 0.0


val_simple = accuracies(trained_simple)
val_lstm = accuracies(trained_lstm)
val_gru = accuracies(trained_gru)
print("validation accuracy")
print("epoch  SimpleRNN   LSTM    GRU")
for epoch in range(epochs):
    print(f"{epoch + 1:>5}  {val_simple[epoch]:>9.3f}",
          f"{val_lstm[epoch]:>6.3f} {val_gru[epoch]:>6.3f}")
print("RNN layer parameters:", *(m.layers[1].count_params() for m in
                                 (trained_simple, trained_lstm, trained_gru)))

# %% three-more-seeds
# Is the gated layers' slow start one seed's luck? Epoch 1 from 3 more seeds.
rnn_classes = [keras.layers.SimpleRNN, keras.layers.LSTM, keras.layers.GRU]


def first_epoch_accuracy(seed: int) -> list[float]:
    """Validation accuracy after one epoch from `seed`: SimpleRNN, LSTM, GRU."""
    if seed == 42:  # the run above
        return [val_simple[0], val_lstm[0], val_gru[0]]
    models = [train(rnn_class, seed, n_epochs=1) for rnn_class in rnn_classes]
    return [model.history.history["val_accuracy"][0] for model in models]


seeds = [1, 2, 3, 42]
first_epoch = np.round([first_epoch_accuracy(seed) for seed in seeds], 3) + 0.0
print("validation accuracy after epoch 1")
print("seed  SimpleRNN   LSTM    GRU")
for seed, (simple, lstm, gru) in zip(seeds, first_epoch):
    print(f"{seed:>4}  {simple:>9.3f} {lstm:>6.3f} {gru:>6.3f}")
del seed, simple, lstm, gru
gated_best_first_epoch = float(first_epoch[:, 1:].max())  # LSTM or GRU
simple_worst_first_epoch = float(first_epoch[:, 0].min())
gated_start_slower_every_seed = (gated_best_first_epoch
                                 < simple_worst_first_epoch)
print("every seed, epoch 1: SimpleRNN ahead of LSTM and GRU:",
      gated_start_slower_every_seed)
