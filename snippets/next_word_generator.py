"""A tiny generator: trained to predict the next token, it writes sentences.

Each English sentence of data/word_order/en.tsv becomes <start> words <end>.
The model reads the tokens up to t and predicts token t + 1 (a Dense at every
time step). To write, it starts from <start>, feeds back the most probable
token (greedy decoding), carries its hidden state from call to call with
initial_state, and stops at <end>.
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


def read_sentences(language: str) -> list[list[str]]:
    """Tokenized sentences (no labels needed); the tokenizer is str.split()."""
    text = (find_data() / f"{language}.tsv").read_text(encoding="utf-8")
    return [line.split("\t")[1].split() for line in text.splitlines()
            if not line.startswith("#")]


tokenized = read_sentences("en")

# %% inputs-and-targets
vocabulary = {"<pad>": PAD, "<start>": START, "<end>": END, "<unk>": UNKNOWN}
for words in tokenized:
    for word in words:
        vocabulary.setdefault(word, len(vocabulary))
id_to_word = {i: word for word, i in vocabulary.items()}
vocab_size = len(vocabulary)
token_ids = keras.utils.pad_sequences(
    [[START, *(vocabulary[word] for word in words), END]
     for words in tokenized], padding="post")
# targets: the same tokens, one step ahead
inputs, targets = token_ids[:, :-1], token_ids[:, 1:]
print("sentences:", tuple(token_ids.shape), "inputs:", tuple(inputs.shape),
      "targets:", tuple(targets.shape))
print("input :", [id_to_word[i] for i in inputs[0]])
print("target:", [id_to_word[i] for i in targets[0]])

# %% train
units = 32
embedding = keras.layers.Embedding(vocab_size, 16, mask_zero=True)
rnn = keras.layers.SimpleRNN(units, return_sequences=True, return_state=True)
next_token = keras.layers.Dense(vocab_size, activation="softmax")

# Training: whole sentences, a prediction at every time step.
tokens_in = keras.Input(shape=(None,))
hidden_states, _ = rnn(embedding(tokens_in))
generator = keras.Model(tokens_in, next_token(hidden_states))
generator.compile(optimizer=keras.optimizers.Adam(0.01),
                  loss="sparse_categorical_crossentropy")
epochs = 4
history = generator.fit(inputs, targets, epochs=epochs, batch_size=32,
                        verbose=0)
losses = np.round(history.history["loss"], 3) + 0.0
for epoch, loss in enumerate(losses, start=1):
    print(f"epoch {epoch}: loss {loss:.3f}")

# %% the-default-learning-rate
# Adam(0.01) above: a learning rate ten times Keras's default. The same
# layers from the same seed, trained as long at the default rate, end at a
# higher loss.
default_learning_rate = round(float(keras.optimizers.Adam().learning_rate), 6)
keras.utils.set_random_seed(42)
default_rate_model = keras.Sequential([
    keras.Input(shape=(None,)),
    keras.layers.Embedding(vocab_size, 16, mask_zero=True),
    keras.layers.SimpleRNN(units, return_sequences=True),
    keras.layers.Dense(vocab_size, activation="softmax"),
])
default_rate_model.compile(optimizer="adam",  # Adam(0.001)
                           loss="sparse_categorical_crossentropy")
default_rate_history = default_rate_model.fit(inputs, targets, epochs=epochs,
                                              batch_size=32, verbose=0)
default_rate_losses = np.round(default_rate_history.history["loss"], 3) + 0.0
print("Adam's default learning rate:", default_learning_rate)
print(f"loss after {epochs} epochs: {losses[-1]:.3f} with Adam(0.01),",
      f"{default_rate_losses[-1]:.3f} with the default")

# %% one-token-at-a-time
# Generation: the same layers, one token per call, the state carried in and
# out.
token_in = keras.Input(shape=(1,))
state_in = keras.Input(shape=(units,))
step_states, state_out = rnn(embedding(token_in), initial_state=state_in)
step_model = keras.Model([token_in, state_in],
                         [next_token(step_states), state_out])


def generate(prompt: str = "",
             max_tokens: int = 20) -> tuple[list[str], list[np.ndarray]]:
    """Greedy decoding from <start> (and the prompt's words) until <end>."""
    state = np.zeros((1, units), dtype="float32")  # the initial state: zeros
    written = prompt.split()
    rows = []  # the probabilities the model gave at each step
    for token in [START, *(vocabulary[w] for w in written)]:
        probabilities, state = step_model.predict_on_batch(
            [np.array([[token]]), state])
        rows.append(probabilities[0, 0])
    while len(written) < max_tokens:
        chosen = int(np.argmax(rows[-1]))  # greedy: the most probable token
        if chosen == END:
            break
        written.append(id_to_word[chosen])
        probabilities, state = step_model.predict_on_batch(
            [np.array([[chosen]]), state])
        rows.append(probabilities[0, 0])
    return written, rows


# %% write
known = {" ".join(words) for words in tokenized}
prompts = ["", "the plot", "the cast was not", "the music is dull",
           "the film was fun"]
generated = []
for prompt in prompts:
    words, _ = generate(prompt)
    generated.append(" ".join(words))
    print(f"{'<start> ' + prompt:<26} -> {' '.join(words)} <end>")
all_in_the_file = all(sentence in known for sentence in generated)
print("every generated sentence is a sentence of en.tsv:", all_in_the_file)

# %% step-by-step
# The first sentence, step by step: what went in, what came out, with its
# probability.
first_words, first_rows = generate()
step_inputs = ["<start>", *first_words]
step_outputs = [*first_words, "<end>"]
step_probabilities = np.round([row[vocabulary[w]] for row, w
                               in zip(first_rows, step_outputs)], 2) + 0.0
for t, (read, wrote, p) in enumerate(zip(step_inputs, step_outputs,
                                         step_probabilities)):
    print(f"t={t}: reads {read:<8} -> {wrote:<6} (p = {p:.2f})")
# One call per token with the state carried gives what one call on the whole
# sequence gives.
whole_ids = np.array([[vocabulary[w] for w in step_inputs]])
whole = generator.predict(whole_ids, verbose=0)[0]
step_by_step_is_whole = bool(np.allclose(np.stack(first_rows), whole,
                                         atol=1e-5))
print("step by step == the whole sentence at once:", step_by_step_is_whole)
