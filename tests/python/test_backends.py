"""Keras 3 on its other backends (tensorflow, torch; in the tf venv): one output, Keras's text, exact dims."""

from __future__ import annotations

import pytest
from conftest import MIME, Kernel, before_and_with, joined

MODEL = """
import keras
from keras import layers
frames = keras.Input(shape=(None, 100), name="frames")
x = layers.Conv1D(32, 5, strides=2, name="conv_a")(frames)
x = layers.MaxPooling1D(2, name="pool")(x)
m = keras.Model(frames, layers.GlobalAveragePooling1D(name="gap")(x), name="conv1d")
"""


@pytest.mark.parametrize("backend", ["tensorflow", "torch"])
def test_backend(tf_python, backend):
    k = Kernel(tf_python, env={"KERAS_BACKEND": backend})
    try:
        before, data = before_and_with(k, MODEL)
        assert data["text/plain"] == joined(before, "text/plain")
        assert data["text/html"] == joined(before, "text/html")
        p = data[MIME]
        assert p["producer"]["backend"] == backend
        dims = p["dims"]
        assert dims["status"] == "ok", dims
        rows = {r["name"]: r for r in p["layers"]}
        ax = lambda n: dims["axes"][str(rows[n]["nodes"][0]["out"][0])]  # noqa: E731
        assert ax("frames")[1] != ax("conv_a")[1] != ax("pool")[1]
    finally:
        k.close()
