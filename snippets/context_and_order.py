"""Same words, another order: an RNN's final state changes, an average does not.

"the movie is fun" and "is the movie fun" hold the same four words. An
order-blind summary (the mean of the embedding vectors) cannot tell them apart;
the RNN can.
"""

# %% two-orders
import keras
import numpy as np

keras.utils.set_random_seed(42)

# The site's one vocabulary (start_and_end_tokens.py): ids 0-3 are reserved,
# words from 4.
vocabulary = {"<pad>": 0, "<start>": 1, "<end>": 2, "<unk>": 3,
              "the": 4, "movie": 5, "is": 6, "fun": 7}
statement = ["the", "movie", "is", "fun"]
question = ["is", "the", "movie", "fun"]  # the same words, in another order
token_ids = np.array([[vocabulary[w] for w in statement],
                      [vocabulary[w] for w in question]])
batch_size, max_len = token_ids.shape
embedding_dim = 5
units = 3

embedding = keras.layers.Embedding(input_dim=len(vocabulary),
                                   output_dim=embedding_dim)
rnn = keras.layers.SimpleRNN(units, activation="tanh")

embedded = embedding(token_ids)  # one vector per word, in sentence order
print("token ids:", tuple(token_ids.shape))
print(token_ids)
print("embedded:", tuple(embedded.shape))

# %% the-mean
# Order-blind: a plain average over the time steps.
mean_embeddings = keras.ops.mean(embedded, axis=1)
print("mean of the embeddings:", tuple(mean_embeddings.shape))
print(np.round(mean_embeddings, 4) + 0.0)
same_mean = bool(np.allclose(mean_embeddings[0], mean_embeddings[1]))
print("same mean for both orders:", same_mean)

# %% the-final-state
final_states = rnn(embedded)  # the RNN reads the words one after another
print("final hidden state of the RNN:", tuple(final_states.shape))
print(np.round(final_states, 4) + 0.0)
same_final_state = bool(np.allclose(final_states[0], final_states[1]))
# "fun" ends both sentences
same_last_word = bool(token_ids[0, -1] == token_ids[1, -1])
print("same final state for both orders:", same_final_state)
print("same last word in both:", same_last_word)
