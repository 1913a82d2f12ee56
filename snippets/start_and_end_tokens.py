"""Sentences to padded id sequences: padding, start, end and unknown tokens.

Four ids are reserved before any word: 0 pads, 1 starts a sequence, 2 ends it,
and 3 stands for any word the vocabulary does not know.
"""

# %% vocabulary-and-encode
import keras
import numpy as np

keras.utils.set_random_seed(42)

PAD, START, END, UNKNOWN = 0, 1, 2, 3
vocabulary = {"<pad>": PAD, "<start>": START, "<end>": END, "<unk>": UNKNOWN}
for word in ["the", "movie", "is", "fun", "boring", "not", "a", "film"]:
    vocabulary[word] = len(vocabulary)  # real words get ids from 4 on
max_len = 10  # short, to fit on screen; the previous chapter's model uses 20
print("reserved ids:", {t: i for t, i in vocabulary.items() if i < 4})
print("word ids:", *(f"{w}={i}" for w, i in vocabulary.items() if i >= 4))


def encode(sentence: str) -> list[int]:
    """<start>, one id per word (unknown words -> <unk>), <end>."""
    ids = [vocabulary.get(word, UNKNOWN) for word in sentence.split()]
    return [START, *ids, END]


sentences = ["the movie is fun", "the movie is not really fun", "boring"]
encoded = [encode(s) for s in sentences]
lengths = [len(ids) for ids in encoded]
for sentence, ids, length in zip(sentences, encoded, lengths):
    print(f"{sentence!r:31} -> {ids} ({length} ids)")

# %% pad
# Lists of different lengths make no array: padding makes them max_len long.
padded_post = keras.utils.pad_sequences(encoded, maxlen=max_len,
                                        padding="post")
# Keras's default: padding="pre"
padded_pre = keras.utils.pad_sequences(encoded, maxlen=max_len)
print("padding='post':", tuple(padded_post.shape))
print(padded_post)
print("padding='pre' (the default):", tuple(padded_pre.shape))
print(padded_pre)

# %% cut
# A sentence longer than max_len is cut. The default cuts the front:
# <start> is lost.
long_ids = encode("the movie is fun and the film is not boring at all")
long_length = len(long_ids)
cut_pre = keras.utils.pad_sequences([long_ids], maxlen=max_len)
cut_post = keras.utils.pad_sequences([long_ids], maxlen=max_len,
                                     truncating="post")
print(f"a sentence of {long_length} ids, cut to {max_len}:")
print("truncating='pre' (the default):", cut_pre[0])
print("truncating='post':             ", cut_post[0])

# %% embed-with-a-mask
# After the embedding every id, padding included, is a vector:
# (batch, max_len, 64).
embedding = keras.layers.Embedding(len(vocabulary), 64, mask_zero=True)
embedded = embedding(padded_post)
mask = embedding.compute_mask(padded_post)  # False where the id is padding
print("embedded:", tuple(embedded.shape))
print("mask:", tuple(mask.shape))
print(np.asarray(mask).astype(int))

# %% skip-the-padding
# An RNN reads padding too, unless the mask tells it to skip those time
# steps. The mask travels with `embedded` to the next layer; a plain NumPy
# copy drops it.
rnn = keras.layers.SimpleRNN(8)
# The first sentence, unpadded: 6 steps.
alone = rnn(embedding(np.array([encoded[0]])))
with_mask = rnn(embedded)[0]
# 4 more steps, over the padding vectors
without_mask = rnn(np.asarray(embedded))[0]
with_mask_is_unpadded = bool(np.allclose(with_mask, alone[0], atol=1e-6))
without_mask_is_unpadded = bool(np.allclose(without_mask, alone[0],
                                            atol=1e-6))
print("first sentence, final state == unpadded run:")
print("  with the mask:   ", with_mask_is_unpadded)
print("  without the mask:", without_mask_is_unpadded)
