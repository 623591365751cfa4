"""The oldest supported releases, a smoke subset: Keras 3.0.5 (jax 0.4.23) and tf-keras 2.15.1.

One output per summary, Keras's own text, a payload the schema accepts, references and exact dims.
Kernel pythons: JKS_PYTHON_KERAS_OLD (.venv-kernel-old), JKS_PYTHON_TF_OLD (.venv-kernel-tf215).
"""

from __future__ import annotations

import pytest
from conftest import MIME, REPO, Kernel, before_and_with, joined, python_for

KERAS3 = """
import keras
from keras import layers
a = keras.Input(shape=(None, 8), name="a")
x = layers.Conv1D(4, 3, strides=2, name="conv")(a)
y = layers.GlobalMaxPooling1D(name="gmp")(x)
z = layers.GlobalAveragePooling1D(name="gap")(x)
m = keras.Model(a, layers.Concatenate(name="cat")([y, z]), name="old")
"""

TFKERAS = KERAS3.replace("import keras\nfrom keras import layers", "import tf_keras as keras\nfrom tf_keras import layers")


@pytest.mark.parametrize(
    "var, venv, env, code, framework",
    [
        ("JKS_PYTHON_KERAS_OLD", ".venv-kernel-old", {"KERAS_BACKEND": "jax"}, KERAS3, "keras"),
        ("JKS_PYTHON_TF_OLD", ".venv-kernel-tf215", {}, TFKERAS, "tf_keras"),
    ],
)
def test_oldest_release(var, venv, env, code, framework):
    k = Kernel(python_for(var, str(REPO / venv / "bin" / "python")), env=env)
    try:
        before, data = before_and_with(k, code)
        p = data[MIME]
        assert p["producer"]["framework"] == framework
        if framework == "keras":
            assert p["producer"]["framework_version"].startswith("3.0.")
            assert data["text/plain"] == joined(before, "text/plain")
        else:
            assert p["producer"]["framework_version"].startswith("2.15.")
            assert data["text/plain"] == before.stdout
        rows = {row["name"]: row for row in p["layers"]}
        assert [ref["layer"] for ref in rows["cat"]["nodes"][0]["in"]] == ["gmp", "gap"]
        assert p["dims"]["status"] == "ok", p["dims"]
        axes = p["dims"]["axes"]
        assert axes[str(rows["a"]["nodes"][0]["out"][0])][1] != axes[str(rows["conv"]["nodes"][0]["out"][0])][1]
    finally:
        k.close()
