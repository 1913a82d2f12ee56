"""keras.layers.TextVectorization: the library's vocabulary and encoder.

adapt() learns a vocabulary from the text; calling the layer turns sentences
into ids, padded or cut to output_sequence_length.
"""

# %% adapt
import keras
import numpy as np

keras.utils.set_random_seed(42)

max_len = 10
sentences = ["the movie is fun", "the movie is not really fun", "boring"]
vectorize = keras.layers.TextVectorization()
vectorize.adapt(sentences)
learned = [str(entry) for entry in vectorize.get_vocabulary()]
vocabulary_size = len(learned)
print(vocabulary_size, "entries:", learned)
padding_entry, unknown_entry = learned[0], learned[1]
index_0_is_empty = padding_entry == ""
all_words = " ".join(sentences).split()
counts = [all_words.count(word) for word in learned[2:]]
most_frequent_first = counts == sorted(counts, reverse=True)
print("index 0:", repr(padding_entry), " index 1:", repr(unknown_entry))

# %% encode
# Without output_sequence_length: as long as the longest sentence of the call
ids = np.asarray(vectorize(sentences))
print("ids:", tuple(ids.shape))
print(ids)
unknown_ids = np.asarray(vectorize(["the film is fun"]))
print("'the film is fun' ->", unknown_ids[0])
film_id = int(unknown_ids[0, 1])

# %% pad-to-max-len
padded = keras.layers.TextVectorization(output_sequence_length=max_len)
padded.adapt(sentences)
padded_ids = np.asarray(padded(sentences))
print("output_sequence_length=10:", tuple(padded_ids.shape))
print(padded_ids)
width = ids.shape[1]
pads_after = bool((padded_ids[:, :width] == ids).all()
                  and not padded_ids[:, width:].any())
long_sentence = "the movie is fun and the film is not boring at all"
long_ids = np.asarray(padded([long_sentence]))
long_words = len(long_sentence.split())
print(long_words, "words, cut to", max_len, "->", long_ids[0])
first_words = " ".join(long_sentence.split()[:max_len])
cuts_the_end = bool((long_ids[0] == np.asarray(padded([first_words]))[0])
                    .all())

# %% start-and-end
wrapped = [f"<start> {sentence} <end>" for sentence in sentences]
by_default = keras.layers.TextVectorization()
by_default.adapt(wrapped)
default_vocabulary = [str(entry) for entry in by_default.get_vocabulary()]
print("default standardize:", default_vocabulary[:5], "...")
default_strips_brackets = ("start" in default_vocabulary
                           and "<start>" not in default_vocabulary)
lower_only = keras.layers.TextVectorization(standardize="lower")
lower_only.adapt(wrapped)
lower_vocabulary = [str(entry) for entry in lower_only.get_vocabulary()]
print("standardize='lower':", lower_vocabulary[:5], "...")
wrapped_ids = np.asarray(lower_only(wrapped[:1]))[0]
print(repr(wrapped[0]), "->", wrapped_ids)
lower_keeps_tokens = (lower_vocabulary[2:4] == ["<start>", "<end>"]
                      and wrapped_ids[0] == 2 and wrapped_ids[-1] == 3)
