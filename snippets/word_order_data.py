"""The word-order data: every sentence has a twin, same words, opposite label.

Reads data/word_order/{en,ko}.tsv, turns each sentence into padded token ids
(0 pads, 1 starts, 2 ends, 3 is unknown, words from 4 on) and splits the data
into a training and a validation set, keeping each pair of twins together.
"""

# %% read-the-files
from collections import defaultdict
from pathlib import Path

import keras
import numpy as np

keras.utils.set_random_seed(42)

# The data live in the repository's data/word_order/. A script finds them next
# to snippets/; a notebook has no __file__, so it looks up from its folder.
here = Path(globals().get("__file__", "notebook")).resolve().parent
found = [p / "data" / "word_order" for p in (here, *here.parents)
         if (p / "data" / "word_order").is_dir()]
if not found:
    raise FileNotFoundError("data/word_order/ not found: "
                            "run this from a clone of the repository")
DATA = found[0]

rows = []  # (language, label, sentence); label 1 = positive, 0 = negative
for language in ("en", "ko"):
    text = (DATA / f"{language}.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.startswith("#"):  # the first line is a comment
            label, sentence = line.split("\t")
            rows.append((language, int(label), sentence))
sentence_count = len(rows)
english_count = sum(1 for row in rows if row[0] == "en")
korean_count = sum(1 for row in rows if row[0] == "ko")
positive_count = sum(label for _, label, _ in rows)
print(f"{sentence_count} sentences",
      f"({english_count} English, {korean_count} Korean),",
      f"{positive_count} positive")
print("the first of each language:")
for language in ("en", "ko"):
    first = next(row for row in rows if row[0] == language)
    print(f"  {first[1]}  {first[2]}")

# %% one-token-per-word
# The tokenizer is str.split(): it cuts at spaces only. Korean writes a
# particle onto its word, and split() leaves it there: ko.tsv writes each
# one apart.
usual_korean = "결말은 졸작이 아니라 걸작이다"
usual_tokens = usual_korean.split()
print("the usual spelling, split:", usual_tokens)

# %% find-the-twins
# A bag of words forgets the order: the same tokens, sorted. Twins share one.
bags = defaultdict(list)
for language, label, sentence in rows:
    bags[(language, tuple(sorted(sentence.split())))].append((label, sentence))
twin_pairs = sum(1 for members in bags.values()
                 if sorted(label for label, _ in members) == [0, 1])
every_sentence_has_a_twin = bool(twin_pairs * 2 == sentence_count)
print("bags of words:", len(bags))
print("pairs with the same bag and opposite labels:", twin_pairs)
print("every sentence has such a twin:", every_sentence_has_a_twin)
for language in ("en", "ko"):
    pair = next(members for (lang, _), members in bags.items()
                if lang == language)
    for label, sentence in sorted(pair, reverse=True):
        print(f"  {label}  {sentence}")

# %% token-ids
# Token ids, as in the chapter on start and end tokens; padding at the end.
PAD, START, END, UNKNOWN = 0, 1, 2, 3
vocabulary = {"<pad>": PAD, "<start>": START, "<end>": END, "<unk>": UNKNOWN}
for _, _, sentence in rows:
    for word in sentence.split():
        vocabulary.setdefault(word, len(vocabulary))
vocab_size = len(vocabulary)
# <start> + the words + <end>
max_len = 2 + max(len(sentence.split()) for _, _, sentence in rows)


def encode(sentence: str) -> list[int]:
    ids = (vocabulary.get(word, UNKNOWN) for word in sentence.split())
    return [START, *ids, END]


token_ids = keras.utils.pad_sequences([encode(s) for _, _, s in rows],
                                      maxlen=max_len, padding="post")
labels = np.array([label for _, label, _ in rows])
print("vocabulary:", vocab_size, "ids; max_len:", max_len)
print(rows[0][2], "->", token_ids[0])

# %% split
# A fixed split: one bag in five, chosen with a seed, goes to validation with
# both its twins.
bag_keys = sorted(bags)
shuffled = np.random.default_rng(42).permutation(len(bag_keys))
validation_bags = {bag_keys[i] for i in shuffled[: len(bag_keys) // 5]}
in_validation = np.array([(lang, tuple(sorted(s.split()))) in validation_bags
                          for lang, _, s in rows])
x_train, y_train = token_ids[~in_validation], labels[~in_validation]
x_val, y_val = token_ids[in_validation], labels[in_validation]
print("training:", tuple(x_train.shape), "validation:", tuple(x_val.shape))
print("positive share, training:", np.round(y_train.mean(), 3),
      "validation:", np.round(y_val.mean(), 3))
