"""recurrent_dropout keeps LSTM and GRU off the cuDNN path: Keras 3.15 on a CPU.

This machine has no GPU. The snippet prints the first lines of the installed
LSTM.inner_loop, then counts the calls the layers make to the backend's fast
LSTM and GRU (cuDNN on a GPU) with dropout and with recurrent_dropout.
"""

# %% the-source
import importlib
import inspect

import keras

keras.utils.set_random_seed(42)

backend = importlib.import_module("keras.src.backend")
tf_rnn = importlib.import_module("keras.src.backend.tensorflow.rnn")
print("Keras", keras.__version__, "| GPU:", tf_rnn._is_gpu_available())
source = inspect.getsource(keras.layers.LSTM.inner_loop).splitlines()
print("\n".join(line[4:] for line in source[:7]))  # as installed
del source

# %% count-the-calls
calls = []  # one entry per call to the backend's fast LSTM or GRU


def counted(fast):
    def call(*args, **kwargs):
        calls.append(fast.__name__)
        return fast(*args, **kwargs)  # on this CPU: NotImplementedError
    return call


fast_lstm, fast_gru = backend.lstm, backend.gru
backend.lstm, backend.gru = counted(fast_lstm), counted(fast_gru)
sequences = keras.random.normal((2, 5, 4), seed=1)
offered = {}
for layer_name in ["LSTM", "GRU"]:
    for argument in ["dropout", "recurrent_dropout"]:
        calls.clear()
        getattr(keras.layers, layer_name)(3, **{argument: 0.5})(
            sequences, training=True)
        offered[layer_name, argument] = len(calls) > 0
        print(f"{layer_name}({argument}=0.5) offered to the fast path:",
              offered[layer_name, argument])
backend.lstm, backend.gru = fast_lstm, fast_gru
dropout_offered = offered["LSTM", "dropout"] and offered["GRU", "dropout"]
recurrent_dropout_offered = (offered["LSTM", "recurrent_dropout"]
                             or offered["GRU", "recurrent_dropout"])
del layer_name, argument
