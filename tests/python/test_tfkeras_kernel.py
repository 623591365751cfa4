"""tf-keras 2.x in a real ipykernel: line-by-line stdout becomes one output; Keras untouched otherwise."""

from __future__ import annotations

import re
import textwrap

import pytest
from conftest import MIME, Kernel, bundle, same_output, without

MODELS = textwrap.dedent(
    """
    import tf_keras as keras
    from tf_keras import layers
    import numpy as np

    frames = keras.Input(shape=(None, 100), name="frames")
    x = layers.Conv1D(32, 5, strides=2, name="conv_a")(frames)
    x = layers.MaxPooling1D(2, name="pool")(x)
    a = layers.GlobalAveragePooling1D(name="gap")(x)
    b = layers.GlobalMaxPooling1D(name="gmp")(x)
    conv = keras.Model(frames, layers.Concatenate(name="cat")([a, b]), name="conv1d")

    inner_in = keras.Input(shape=(8,), name="inner_in")
    inner = keras.Model(inner_in, layers.Dense(4, name="inner_dense")(inner_in), name="inner")
    outer_in = keras.Input(shape=(8,), name="outer_in")
    nested = keras.Model(outer_in, layers.Dense(2, name="top")(inner(outer_in)), name="outer")

    seq = keras.Sequential([keras.Input((16,)), layers.Dense(8, name="d1"), layers.Dense(2, name="d2")], name="seq")

    class Sub(keras.Model):
        def __init__(self, **kw):
            super().__init__(**kw)
            self.d1 = layers.Dense(4, name="sd1")

        def call(self, x):
            return self.d1(x)

    unbuilt = Sub(name="sub_unbuilt")
    built = Sub(name="sub_built")
    built.build((None, 5))

    # one layer called on two shapes: tf-keras prints "multiple"
    shared = layers.Dense(4, name="shared")
    flat_in = keras.Input(shape=(3,), name="flat_in")
    seq_in = keras.Input(shape=(5, 3), name="seq_in")
    twice = keras.Model([flat_in, seq_in], [shared(flat_in), shared(seq_in)], name="twice")

    # a layer returning a dict (keys not in sorted order) and a model with dict outputs
    class TwoHeads(layers.Layer):
        def __init__(self, **kw):
            super().__init__(**kw)
            self.score = layers.Dense(1, name="score_dense")
            self.label = layers.Dense(3, name="label_dense")

        def call(self, x):
            return {"score": self.score(x), "label": self.label(x)}

    heads_in = keras.Input(shape=(16,), name="heads_in")
    heads = TwoHeads(name="two_heads")(heads_in)
    dict_out = keras.Model(heads_in, {"zeta": heads["score"], "alpha": heads["label"]}, name="dict_out")
    """
)

CALLS = [
    "conv.summary()",
    "nested.summary(expand_nested=True, show_trainable=True)",
    "seq.summary(line_length=80, positions=[0.5, 0.8, 1.0])",
    "conv.summary(layer_range=['conv_a', 'gmp'])",
    "built.summary()",
    "twice.summary()",
    "dict_out.summary()",
]


@pytest.fixture(scope="module")
def kernel(tf_python):
    k = Kernel(tf_python)
    r = k.run("%load_ext jupyterlab_keras_summary\nimport sys\nprint('VALUE:' + str(int('tf_keras' in sys.modules or 'tensorflow' in sys.modules)))")
    assert r.value() == 0
    r = k.run(MODELS)
    assert r.error is None, r.error
    yield k
    k.close()




@pytest.mark.parametrize("call", CALLS)
def test_one_output_with_the_lines_tfkeras_prints(kernel, call):
    before = without(kernel, call)
    assert before.error is None and before.displays == []
    assert len(before.of("stream")) > 5  # one stream message per line
    after = kernel.run(call)
    data = bundle(after)
    assert set(data) == {MIME, "text/plain"}
    assert data["text/plain"] == before.stdout
    assert after.stdout == ""


def test_payload_refs_dims_and_check(kernel):
    p = bundle(kernel.run("conv.summary()"))[MIME]
    assert p["producer"]["framework"] == "tf_keras"
    rows = {r["name"]: r for r in p["layers"]}
    cat_in = rows["cat"]["nodes"][0]["in"]
    assert [(r["layer"], r["row"]) for r in cat_in] == [("gap", rows["gap"]["id"]), ("gmp", rows["gmp"]["id"])]
    assert rows["conv_a"]["config"]["strides"] == [2]
    dims = p["dims"]
    assert dims["status"] == "ok"
    ax = lambda n: dims["axes"][str(rows[n]["nodes"][0]["out"][0])]  # noqa: E731
    assert ax("frames")[1] != ax("conv_a")[1] != ax("pool")[1]
    assert ax("frames")[0] == ax("cat")[0]
    token = p["model"]["token"]
    expr = f"__import__('jupyterlab_keras_summary').check_sizes({token!r}, {{'batch': 4, 'i0.1': 9}})"
    r = kernel.run("pass", silent=True, store_history=False, user_expressions={"c": expr})
    got = r.reply["user_expressions"]["c"]["data"]["application/json"]
    assert got["status"] == "ok" and got["valid"] is True
    out = lambda n: got["tensors"][str(rows[n]["nodes"][0]["out"][0])]  # noqa: E731
    assert [out("conv_a"), out("pool"), out("cat")] == [[4, 3, 32], [4, 1, 32], [4, 64]]


def test_fallbacks_and_passthrough(kernel):
    before = without(kernel, "conv.summary()")
    r = kernel.run(
        "from jupyterlab_keras_summary.kernel import summary_hook as _h\n_h.FAIL_FOR_TESTS['build'] = True\n"
        "try:\n    conv.summary()\nfinally:\n    _h.FAIL_FOR_TESTS['build'] = False"
    )
    assert r.displays == [] and r.stdout == before.stdout
    for code in ("conv.summary(print_fn=print)", "unbuilt.summary()", "conv.summary(layer_range=['x', 'y'])"):
        b, a = without(kernel, code), kernel.run(code)
        assert same_output(a, b)


def test_unbuilt_subclassed_is_keras_error(kernel):
    r = kernel.run("unbuilt.summary()")
    assert r.error["ename"] == "ValueError" and "not yet been built" in r.error["evalue"]


def test_tfkeras_failing_halfway_prints_what_it_had_then_raises(kernel):
    code = (
        "from tf_keras.src.utils import layer_utils as _lu\n_real = _lu.readable_memory_size\n"
        "def _boom(n):\n    raise RuntimeError('disk on fire')\n_lu.readable_memory_size = _boom\n"
        "try:\n    conv.summary()\nfinally:\n    _lu.readable_memory_size = _real"
    )
    before, after = without(kernel, code), kernel.run(code)
    assert before.error["evalue"] == after.error["evalue"] == "disk on fire"
    assert "conv_a (Conv1D)" in before.stdout
    assert same_output(before, after)


def printed_rows(text: str) -> list:
    """(name, Output Shape cell's first line) of each row tf-keras printed."""
    body = text.split("=" * 20, 1)[1]  # below the header row
    return re.findall(r"^ (\S+) \([^)]*\)\s+(\S.*?)\s{2,}", body, flags=re.M)


@pytest.mark.parametrize("call", ["built.summary()", "twice.summary()", "conv.summary()", "dict_out.summary()"])
def test_rows_in_printed_order_and_multiple_where_printed(kernel, call):
    data = bundle(kernel.run(call))
    p, printed = data[MIME], printed_rows(data["text/plain"])
    assert [r["name"] for r in p["layers"]] == [name for name, _ in printed]
    for row, (_, shape) in zip(p["layers"], printed):
        assert (row["shape_source"] == "multiple") == (shape == "multiple"), (row["name"], shape)


def test_multiple_rows_carry_every_nodes_shapes(kernel):
    p = bundle(kernel.run("twice.summary()"))[MIME]
    row = next(r for r in p["layers"] if r["name"] == "shared")
    assert row["shape_source"] == "multiple" and row["outputs"] is None
    shapes = [[p["tensors"][t]["shape"] for t in node["out"]] for node in row["nodes"]]
    assert shapes == [[[None, 4]], [[None, 5, 4]]]
    assert [[ref["layer"] for ref in node["in"]] for node in row["nodes"]] == [["flat_in"], ["seq_in"]]
    sub = bundle(kernel.run("built.summary()"))[MIME]
    assert [(r["name"], r["shape_source"], r["nodes"]) for r in sub["layers"]] == [("sd1", "multiple", [])]


def test_dict_outputs_keep_their_keys_in_printed_order(kernel):
    data = bundle(kernel.run("dict_out.summary()"))
    p = data[MIME]
    assert "{'score': (None, 1)," in data["text/plain"] and "'label': (None, 3)}" in data["text/plain"]
    row = next(r for r in p["layers"] if r["name"] == "two_heads")
    assert row["output_keys"] == ["score", "label"] == row["nodes"][0]["keys"]
    assert [p["tensors"][t]["shape"] for t in row["outputs"]] == [[None, 1], [None, 3]]
    outputs = [(o["key"], p["tensors"][o["tensor"]]["shape"]) for o in p["model"]["outputs"]]
    assert outputs == [("zeta", [None, 1]), ("alpha", [None, 3])]
    assert "keys" not in next(r for r in p["layers"] if r["name"] == "heads_in")["nodes"][0]


def test_walks_add_no_node_to_a_layer_without_a_shape_rule(kernel):
    # TwoHeads states no compute_output_shape: tf-keras's default calls the layer
    # on placeholders, which adds a node unless the walk puts the lists back.
    count = "print('VALUE:' + str(len(dict_out.get_layer('two_heads')._inbound_nodes)))"
    first = bundle(kernel.run("dict_out.summary()"))
    assert first[MIME]["dims"]["status"] == "ok"
    token = first[MIME]["model"]["token"]
    expr = f"__import__('jupyterlab_keras_summary').check_sizes({token!r}, {{'batch': 4}})"
    kernel.run("pass", silent=True, store_history=False, user_expressions={"c": expr})
    assert kernel.run(count).value() == 1
    assert bundle(kernel.run("dict_out.summary()"))["text/plain"] == first["text/plain"]
