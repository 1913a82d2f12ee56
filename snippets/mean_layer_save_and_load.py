"""Two mean layers that load back in safe mode, the default of load_model.

A named function registered with Keras is saved by its name, not as bytecode;
GlobalAveragePooling1D is one of Keras's own layers.
"""

import tempfile

import keras
import numpy as np

keras.utils.set_random_seed(42)
batch_size, max_len, units = 3, 20, 32
states = np.random.default_rng(42).uniform(-1, 1, (batch_size, max_len, units))


@keras.saving.register_keras_serializable(package="rnn_site")
def mean_over_time(h):
    return keras.ops.mean(h, axis=1)


def loads_back(layer):
    """Save a model of one layer, load it in safe mode: the same numbers?"""
    inputs = keras.Input(shape=(max_len, units))
    model = keras.Model(inputs, layer(inputs))
    with tempfile.TemporaryDirectory() as folder:
        model.save(f"{folder}/model.keras")
        loaded = keras.models.load_model(f"{folder}/model.keras")
    return bool(np.allclose(loaded(states), model(states)))


registered = keras.layers.Lambda(mean_over_time)
saved_as = registered.get_config()["function"]["config"]
registered_loads = loads_back(registered)
pooling_loads = loads_back(keras.layers.GlobalAveragePooling1D())
print("the Lambda's function is saved as:", saved_as)
print("Lambda(mean_over_time) loads, same numbers:", registered_loads)
print("GlobalAveragePooling1D loads, same numbers:", pooling_loads)
