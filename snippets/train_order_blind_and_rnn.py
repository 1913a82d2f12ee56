"""Train two models on the word-order data: a mean of embeddings, a SimpleRNN.

Both see the same sentences. Only the RNN reads the words in order, and only
the order tells a sentence from its twin, so only the RNN can learn the labels.
"""

# %% read-the-data
from pathlib import Path

import keras
import numpy as np

keras.utils.set_random_seed(42)

# The data, read and split as in word_order_data.py.
# (A notebook has no __file__: it looks up from its working directory.)
here = Path(globals().get("__file__", "notebook")).resolve().parent
found = [p / "data" / "word_order" for p in (here, *here.parents)
         if (p / "data" / "word_order").is_dir()]
if not found:
    raise FileNotFoundError("data/word_order/ not found: "
                            "run this from a clone of the repository")
DATA = found[0]
rows = [(language, int(label), sentence)
        for language in ("en", "ko")
        for label, sentence in (
            line.split("\t")
            for line in (DATA / f"{language}.tsv").read_text(
                encoding="utf-8").splitlines()
            if not line.startswith("#"))]
PAD, START, END, UNKNOWN = 0, 1, 2, 3
vocabulary = {"<pad>": PAD, "<start>": START, "<end>": END, "<unk>": UNKNOWN}
for _, _, sentence in rows:
    for word in sentence.split():
        vocabulary.setdefault(word, len(vocabulary))
vocab_size = len(vocabulary)
max_len = 2 + max(len(sentence.split()) for _, _, sentence in rows)


def encode(sentences: list[str]) -> np.ndarray:
    ids = [[START, *(vocabulary.get(w, UNKNOWN) for w in s.split()), END]
           for s in sentences]
    return keras.utils.pad_sequences(ids, maxlen=max_len, padding="post")


# %% split-the-data
token_ids = encode([sentence for _, _, sentence in rows])
labels = np.array([label for _, label, _ in rows])
bag_keys = sorted({(lang, tuple(sorted(s.split()))) for lang, _, s in rows})
shuffled = np.random.default_rng(42).permutation(len(bag_keys))
validation_bags = {bag_keys[i] for i in shuffled[: len(bag_keys) // 5]}
in_validation = np.array([(lang, tuple(sorted(s.split()))) in validation_bags
                          for lang, _, s in rows])
x_train, y_train = token_ids[~in_validation], labels[~in_validation]
x_val, y_val = token_ids[in_validation], labels[in_validation]
print("training:", tuple(x_train.shape), "validation:", tuple(x_val.shape))

# %% two-models
embedding_dim = 16
units = 32
epochs = 10
batch_size = 128

# Order-blind: the mean of the embedding vectors (the mask keeps padding out
# of the mean).
mean_model = keras.Sequential([
    keras.Input(shape=(max_len,)),
    keras.layers.Embedding(vocab_size, embedding_dim, mask_zero=True),
    keras.layers.GlobalAveragePooling1D(),
    keras.layers.Dense(1, activation="sigmoid"),
], name="mean_model")
# Reads in order: the last hidden state of a SimpleRNN (the mask skips
# padding).
rnn_model = keras.Sequential([
    keras.Input(shape=(max_len,)),
    keras.layers.Embedding(vocab_size, embedding_dim, mask_zero=True),
    keras.layers.SimpleRNN(units),
    keras.layers.Dense(1, activation="sigmoid"),
], name="rnn_model")


# %% train-the-mean
def train(model: keras.Model) -> dict[str, np.ndarray]:
    """compile, fit, print one line per epoch; the history, one array each."""
    model.compile(optimizer="adam", loss="binary_crossentropy",
                  metrics=["accuracy"])
    history = model.fit(x_train, y_train, validation_data=(x_val, y_val),
                        epochs=epochs, batch_size=batch_size, verbose=0)
    curves = {name: np.array(values)
              for name, values in history.history.items()}
    print(model.name)
    print("epoch    loss  accuracy  val_loss  val_accuracy")
    for e in range(epochs):
        print(f"{e + 1:5}  {curves['loss'][e]:.4f}"
              f"  {curves['accuracy'][e]:8.3f}"
              f"  {curves['val_loss'][e]:8.4f}"
              f"  {curves['val_accuracy'][e]:12.3f}")
    return curves


mean_curves = train(mean_model)
# Per-epoch arrays at the top level: the run record keeps them, and the
# figure draws them.
mean_loss, mean_val_loss = mean_curves["loss"], mean_curves["val_loss"]
mean_accuracy = mean_curves["accuracy"]
mean_val_accuracy = mean_curves["val_accuracy"]
mean_final_val_accuracy = float(mean_val_accuracy[-1])
chance_loss = float(np.log(2))  # the loss of always answering 0.5
print("final val_accuracy:", np.round(mean_final_val_accuracy, 3))
print("log(2), the loss of answering 0.5:", np.round(chance_loss, 4))

# %% train-the-rnn
rnn_curves = train(rnn_model)
rnn_loss, rnn_val_loss = rnn_curves["loss"], rnn_curves["val_loss"]
rnn_accuracy = rnn_curves["accuracy"]
rnn_val_accuracy = rnn_curves["val_accuracy"]
rnn_final_val_accuracy = float(rnn_val_accuracy[-1])
print("final val_accuracy:", np.round(rnn_final_val_accuracy, 3))

# %% the-trained-recurrent-kernel
# What training did to the SimpleRNN's recurrent kernel W_h, which Keras
# starts orthogonal (every singular value 1); the next chapter shows why its
# largest singular value matters.
trained_recurrent_kernel = keras.ops.convert_to_numpy(
    rnn_model.layers[1].cell.recurrent_kernel)
trained_largest_singular_value = float(
    np.linalg.svd(trained_recurrent_kernel, compute_uv=False)[0])
print("largest singular value of W_h after training:",
      np.round(trained_largest_singular_value, 3))

# %% predictions
# New sentences, in twins: none of them is in the data.
examples = [
    "the movie is funny , not boring", "the movie is boring , not funny",
    "the music is not slow but moving", "the music is not moving but slow",
    "그 영화 는 명작 이다 , 평작 이 아니다",
    "그 영화 는 평작 이다 , 명작 이 아니다",
    "결말 은 범작 이 아니라 대작 이다", "결말 은 대작 이 아니라 범작 이다",
]
in_the_data = any(s in {sentence for _, _, sentence in rows}
                  for s in examples)
rnn_probabilities = rnn_model.predict(encode(examples), verbose=0)[:, 0]
mean_probabilities = mean_model.predict(encode(examples), verbose=0)[:, 0]
print("any example in the data:", in_the_data)
print("P(positive)  RNN   mean")
for sentence, p_rnn, p_mean in zip(examples, rnn_probabilities,
                                   mean_probabilities):
    print(f"          {p_rnn:.4f} {p_mean:.4f}  {sentence}")
rnn_labels = rnn_probabilities > 0.5
rnn_twins_get_opposite_labels = bool(
    np.all(rnn_labels[0::2] != rnn_labels[1::2]))
mean_twins_get_the_same_probability = bool(
    np.allclose(mean_probabilities[0::2], mean_probabilities[1::2],
                atol=1e-6))
print("RNN: every twin gets the opposite label:",
      rnn_twins_get_opposite_labels)
print("mean: every twin gets the same probability:",
      mean_twins_get_the_same_probability)

# %% one-output-or-two
# Dense(1, sigmoid) here, Dense(2, softmax) in the model chapter: the same
# head. Softmax over two logits (z_0, z_1) gives class 1 sigmoid(z_1 - z_0).
z = np.array([[0.0, 2.0], [1.5, -0.5], [-1.0, 3.0]])  # any logits (z_0, z_1)
softmax_is_sigmoid = bool(np.allclose(keras.ops.softmax(z)[:, 1],
                                      keras.ops.sigmoid(z[:, 1] - z[:, 0])))
# Each loss is -log of the probability given to the right label: binary
# cross-entropy reads it from p, sparse categorical from (1 - p, p).
p = rnn_probabilities
y = np.array([1, 0] * 4)  # the examples' labels: a positive, then its twin
binary_loss = keras.losses.binary_crossentropy(y[:, None], p[:, None])
categorical_loss = keras.losses.sparse_categorical_crossentropy(
    y, np.stack([1 - p, p], axis=1))
same_loss_either_head = bool(np.allclose(binary_loss, categorical_loss,
                                         atol=1e-5))
p_right = np.where(y == 1, p, 1 - p)
loss_is_minus_log = bool(np.allclose(binary_loss, -np.log(p_right),
                                     atol=1e-5))
print("softmax(z_0, z_1), class 1 == sigmoid(z_1 - z_0):", softmax_is_sigmoid)
print("binary cross-entropy on p == sparse categorical on (1 - p, p):",
      same_loss_either_head)
print("both == -log(probability of the right label):", loss_is_minus_log)

# %% for-the-stepper
# Not part of the lesson: what the stepper on the training page runs in the
# reader's browser. The trained rnn_model's weights, read after training
# (nothing here draws a random number or prints), and, to check the stepper
# against, Keras's own hidden states and probabilities for a few sentences.
embedding_layer, rnn_layer, head_layer = rnn_model.layers
stepper_vocabulary = list(vocabulary)  # a word's id is its place in this list
# encode() adds them
stepper_start = stepper_vocabulary[START]
stepper_end = stepper_vocabulary[END]
# (vocab_size, 16)
stepper_embedding_rows = keras.ops.convert_to_numpy(embedding_layer.embeddings)
stepper_W_x, stepper_W_h, stepper_b = (keras.ops.convert_to_numpy(w)
                                       for w in rnn_layer.cell.weights)
stepper_activation = keras.activations.serialize(rnn_layer.cell.activation)
stepper_head_kernel, stepper_head_bias = (keras.ops.convert_to_numpy(w)
                                          for w in head_layer.weights)
stepper_head_activation = keras.activations.serialize(head_layer.activation)
stepper_sentences = ["the plot is good , not bad",
                     "the plot is bad , not good",
                     *examples[:2], *examples[4:6]]
# padded as in training: the mask skips the zeros
stepper_ids = encode(stepper_sentences)
# h_t after each real token (<start>, the words, <end>): the trained layer run
# on each prefix.
stepper_keras_states = [
    np.concatenate([
        keras.ops.convert_to_numpy(rnn_layer(embedding_layer(ids[None, :t])))
        for t in range(1, int(np.count_nonzero(ids)) + 1)])
    for ids in stepper_ids]
# The whole model on the padded ids: Dense(1, sigmoid) sees the state after
# the last real token.
stepper_keras_probabilities = rnn_model.predict(stepper_ids, verbose=0)[:, 0]
stepper_twins_get_opposite_labels = bool(np.all(
    (stepper_keras_probabilities[0::2] > 0.5)
    != (stepper_keras_probabilities[1::2] > 0.5)))
