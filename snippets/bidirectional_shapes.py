"""Bidirectional(SimpleRNN(32)): two RNNs, one forward, one backward, merged.

merge_mode decides how the two halves are combined: "concat" (the default)
puts them side by side, "sum", "mul" and "ave" combine them unit by unit, None
returns both.
"""

# %% the-wrapper
import keras

keras.utils.set_random_seed(42)

max_features = 10000
max_len = 20
embedding_dim = 64
units = 32

tokens = keras.Input(shape=(max_len,))
embedded = keras.layers.Embedding(max_features, embedding_dim)(tokens)


def bidirectional_rnn(**kwargs) -> keras.layers.Bidirectional:
    """A fresh Bidirectional wrapper around SimpleRNN(units)."""
    return_sequences = kwargs.pop("return_sequences", False)
    rnn = keras.layers.SimpleRNN(units, return_sequences=return_sequences)
    return keras.layers.Bidirectional(rnn, **kwargs)


model_concat = keras.Model(tokens, bidirectional_rnn()(embedded))
wrapper = model_concat.get_layer("bidirectional")
print("merge_mode='concat' (the default):", tuple(model_concat.output.shape),
      f"{wrapper.count_params():,} parameters")
forward_params = wrapper.forward_layer.count_params()
backward_params = wrapper.backward_layer.count_params()
for half in (wrapper.forward_layer, wrapper.backward_layer):
    print(f"  {half.name:<20} go_backwards={half.go_backwards},",
          f"{half.count_params():,} parameters")

# %% merge-modes
sum_output = bidirectional_rnn(merge_mode="sum")(embedded)
mul_output = bidirectional_rnn(merge_mode="mul")(embedded)
ave_output = bidirectional_rnn(merge_mode="ave")(embedded)
halves = bidirectional_rnn(merge_mode=None)(embedded)
print("merge_mode='sum':", tuple(sum_output.shape),
      "'mul':", tuple(mul_output.shape), "'ave':", tuple(ave_output.shape))
print("merge_mode=None:", len(halves), "tensors,",
      tuple(halves[0].shape), tuple(halves[1].shape))

sequences_output = bidirectional_rnn(return_sequences=True)(embedded)
print("return_sequences=True, merge_mode='concat':",
      tuple(sequences_output.shape))
