"""A Python lambda in a saved model: safe_mode decides, then global names do."""

import tempfile
import textwrap

import keras
import numpy as np

keras.utils.set_random_seed(42)
batch_size, max_len, units = 3, 20, 32
states = np.random.default_rng(42).uniform(-1, 1, (batch_size, max_len, units))


def save_and_load(label, function, safe_mode, **kwargs):
    """Save a model of one Lambda, load it back, call it: what happens?"""
    inputs = keras.Input(shape=(max_len, units))
    model = keras.Model(inputs, keras.layers.Lambda(function, **kwargs)(inputs))
    with tempfile.TemporaryDirectory() as folder:
        model.save(f"{folder}/model.keras")
        try:
            loaded = keras.models.load_model(f"{folder}/model.keras",
                                             safe_mode=safe_mode)
            same, error = bool(np.allclose(loaded(states), model(states))), ""
        except Exception as err:  # noqa: BLE001 - the page quotes it
            msg = str(err).replace("\x1b[1m", "").replace("\x1b[0m", "")
            msg = [p for p in msg.split("\n\n") if "encountered" not in p][0]
            same, error = False, f"{type(err).__name__}: {msg.split(' If ')[0]}"
    print(f"{label}, safe_mode={safe_mode}:")
    print(textwrap.fill(error or f"loads, same numbers: {same}", 78,
                        initial_indent="  ", subsequent_indent="  "))
    return same, error


# The last hidden state needs no global name; the notes' mean needs `keras`.
last_safe, last_error = save_and_load("h[:, -1]", lambda h: h[:, -1], True)
last_unsafe, _ = save_and_load("h[:, -1]", lambda h: h[:, -1], False)
mean_unsafe, mean_error = save_and_load(
    "notes' mean", lambda h: keras.ops.mean(h, axis=1), False)
shaped_unsafe, shaped_error = save_and_load("notes' mean with output_shape",
    lambda h: keras.ops.mean(h, axis=1), False, output_shape=(units,))
