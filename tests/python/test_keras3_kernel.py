"""Keras 3 (jax) in a real ipykernel: one output per summary, Keras's text untouched, every fallback."""

from __future__ import annotations

import textwrap

import pytest
from conftest import MIME, bundle, joined, same_output, without

MODELS = textwrap.dedent(
    """
    import keras
    from keras import layers
    import numpy as np

    frames = keras.Input(shape=(None, 100), name="frames")
    x = layers.Conv1D(32, 5, strides=2, name="conv_a")(frames)
    x = layers.Conv1D(32, 3, strides=2, padding="same", name="conv_b")(x)
    x = layers.MaxPooling1D(2, name="pool")(x)
    x = layers.GlobalAveragePooling1D(name="gap")(x)
    conv = keras.Model(frames, layers.Dense(10, name="head")(x), name="conv1d")

    query = keras.Input(shape=(None, 64), name="query")
    memory = keras.Input(shape=(None, 64), name="memory")
    a = layers.Attention(name="dot_attention")([query, memory])
    b = layers.MultiHeadAttention(num_heads=4, key_dim=16, name="xattn")(query, memory)
    att = keras.Model([query, memory], layers.Add(name="merge")([a, b]), name="attention")

    left = keras.Input(shape=(12,), name="left")
    right = keras.Input(shape=(12,), name="right")
    shared_enc = layers.Dense(8, name="shared_enc")
    siamese = keras.Model(
        [left, right], layers.Subtract(name="diff")([shared_enc(left), shared_enc(right)]), name="siamese"
    )

    inner_in = keras.Input(shape=(8,), name="inner_in")
    inner = keras.Model(inner_in, layers.Dense(4, name="inner_dense")(inner_in), name="inner")
    inner.get_layer("inner_dense").trainable = False
    outer_in = keras.Input(shape=(8,), name="outer_in")
    h = inner(outer_in)
    nested = keras.Model(outer_in, layers.Concatenate(name="cat")([h, outer_in]), name="outer")

    class Sub(keras.Model):
        def __init__(self, **kw):
            super().__init__(**kw)
            self.d1 = layers.Dense(4, name="sd1")
            self.d2 = layers.Dense(2, name="sd2")

        def call(self, x):
            return self.d2(self.d1(x))

    sub = Sub(name="sub")
    sub(np.zeros((2, 5), dtype="float32"))
    unbuilt = Sub(name="sub_unbuilt")

    steps = keras.Input(shape=(None, 4), name="steps")
    halved_up = layers.Conv1D(4, 1, strides=2, padding="same", name="halved_up")(steps)  # ceil(T/2)
    halved_down = layers.MaxPooling1D(2, name="halved_down")(steps)  # floor(T/2)
    parity = keras.Model(steps, [halved_up, halved_down], name="parity")

    heads_in = keras.Input(shape=(16,), name="heads_in")
    dict_out = keras.Model(
        heads_in,
        {"zeta": layers.Dense(1, name="zeta_dense")(heads_in), "alpha": layers.Dense(3, name="alpha_dense")(heads_in)},
        name="dict_out",
    )
    """
)

CALLS = [
    "conv.summary()",
    "att.summary()",
    "siamese.summary(show_trainable=True)",
    "nested.summary(expand_nested=True, show_trainable=True)",
    "nested.summary(line_length=100, positions=[0.4, 0.6, 0.7, 1.0])",
    "siamese.summary(layer_range=['shared.*', 'diff'])",
    "sub.summary()",
    "unbuilt.summary()",
]


@pytest.fixture(scope="module")
def kernel(keras3):
    r = keras3.run("%load_ext jupyterlab_keras_summary\nimport sys\nprint('VALUE:' + str(sorted(m for m in ('keras', 'tensorflow', 'jax', 'torch') if m in sys.modules)).replace(\"'\", '\"'))")
    assert r.value() == [], "loading imported a framework"
    r = keras3.run(MODELS)
    assert r.error is None, r.error
    return keras3




@pytest.mark.parametrize("call", CALLS)
def test_one_output_with_keras_text_and_html(kernel, call):
    before = without(kernel, call)
    assert before.error is None
    assert len(before.displays) in (5, 6)  # rich's model line, table, totals
    after = kernel.run(call)
    data = bundle(after)
    assert data["text/plain"] == joined(before, "text/plain")
    assert data["text/html"] == joined(before, "text/html")
    assert "\x1b[" in data["text/plain"]  # colour codes kept
    assert after.stdout == before.stdout == ""


def test_summary_in_the_cell_that_imports_keras():
    from conftest import Kernel, python_for

    import sys

    k = Kernel(python_for("JKS_PYTHON_KERAS3", sys.executable), env={"KERAS_BACKEND": "jax"})
    try:
        k.run("%load_ext jupyterlab_keras_summary")
        r = k.run("import keras\nm = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])\nm.summary()")
        assert bundle(r)[MIME]["model"]["name"] == "sequential"
    finally:
        k.close()


def test_payload_rows_refs_weights(kernel):
    p = bundle(kernel.run("siamese.summary()"))[MIME]
    rows = {r["name"]: r for r in p["layers"]}
    assert [r["name"] for r in p["layers"]] == ["left", "right", "shared_enc", "diff"]
    enc = rows["shared_enc"]
    assert [n["index"] for n in enc["nodes"]] == [0, 1]  # both calls
    assert [n["in"][0]["layer"] for n in enc["nodes"]] == ["left", "right"]
    assert enc["nodes"][1]["in"][0]["row"] == rows["right"]["id"]
    diff_in = rows["diff"]["nodes"][0]["in"]
    assert [(r["layer"], r["node"], r["output"], r["row"]) for r in diff_in] == [
        ("shared_enc", 0, 0, enc["id"]),
        ("shared_enc", 1, 0, enc["id"]),
    ]
    assert {w["name"]: (w["shape"], w["dtype"], w["trainable"]) for w in enc["weights"]} == {
        "kernel": ([12, 8], "float32", True),
        "bias": ([8], "float32", True),
    }
    assert p["totals"]["total"] == 104 and p["totals"]["bytes"]["total"] == 416
    assert p["call"]["sequential_like"] is False


def test_expand_nested_rows_have_parents(kernel):
    p = bundle(kernel.run("nested.summary(expand_nested=True, show_trainable=True)"))[MIME]
    rows = p["layers"]
    inner = next(r for r in rows if r["name"] == "inner")
    kids = [r for r in rows if r["parent"] == inner["id"]]
    assert [r["name"] for r in kids] == ["inner_in", "inner_dense"]
    assert all(r["depth"] == 1 for r in kids)
    assert kids[1]["trainable"] is False
    # the inner model's input is a row here, so the reference resolves
    assert kids[1]["nodes"][0]["in"][0]["row"] == kids[0]["id"]


def test_subclassed_shapes_come_from_the_first_call(kernel):
    p = bundle(kernel.run("sub.summary()"))[MIME]
    assert p["model"]["kind"] == "subclassed" and p["model"]["shapes_from"] == "first_call"
    assert p["dims"]["status"] == "unavailable"
    sd1 = p["layers"][0]
    assert sd1["shape_source"] == "build"
    assert p["tensors"][sd1["outputs"][0]]["shape"] == [2, 4]  # the concrete batch, not None
    q = bundle(kernel.run("unbuilt.summary()"))[MIME]
    assert [r["built"] for r in q["layers"]] == [False, False]
    assert [r["shape_source"] for r in q["layers"]] == ["none", "none"]


def test_dims_follow_strides_and_separate_attention_lengths(kernel):
    p = bundle(kernel.run("conv.summary()"))[MIME]
    dims = p["dims"]
    assert dims["status"] == "ok"
    rows = {r["name"]: r for r in p["layers"]}
    t = lambda name: dims["axes"][str(rows[name]["nodes"][0]["out"][0])]  # noqa: E731
    assert len({t("frames")[1], t("conv_a")[1], t("conv_b")[1], t("pool")[1]}) == 4  # each stride: a new size
    assert t("frames")[0] == t("gap")[0] == t("head")[0]  # one batch
    sizes = {s["id"]: s for s in dims["sizes"]}
    assert sizes[t("conv_a")[1]]["sources"] == ["i0.1"]
    assert sizes[t("conv_a")[1]]["first"]["row"] == rows["conv_a"]["id"]

    a = bundle(kernel.run("att.summary()"))[MIME]
    rows = {r["name"]: r for r in a["layers"]}
    axes = a["dims"]["axes"]
    q, m = axes[str(rows["query"]["nodes"][0]["out"][0])], axes[str(rows["memory"]["nodes"][0]["out"][0])]
    assert q[1] != m[1]  # two independent lengths
    x = axes[str(rows["xattn"]["nodes"][0]["out"][0])]
    assert x[1] == q[1]  # attention keeps the query's length
    src = {s["id"]: s for s in a["dims"]["sources"]}
    assert src["i0.1"]["input"] == "query" and src["i1.1"]["input"] == "memory"


def test_check_sizes_matches_keras_and_flags_rows(kernel):
    p = bundle(kernel.run("conv.summary()"))[MIME]
    token = p["model"]["token"]
    expr = f"__import__('jupyterlab_keras_summary').check_sizes({token!r}, {{'batch': 32, 'i0.1': 201}})"
    r = kernel.run("pass", silent=True, store_history=False, user_expressions={"c": expr})
    got = r.reply["user_expressions"]["c"]["data"]["application/json"]
    assert got["status"] == "ok" and got["valid"] is True
    rows = {row["name"]: row for row in p["layers"]}
    out = lambda name: got["tensors"][str(rows[name]["nodes"][0]["out"][0])]  # noqa: E731
    truth = kernel.run(
        "import json\nprint('VALUE:' + json.dumps([list(conv.get_layer(n).compute_output_shape(s)) for n, s in "
        "[('conv_a', (32, 201, 100)), ('conv_b', (32, 99, 32)), ('pool', (32, 50, 32))]]))"
    ).value()
    assert [out("conv_a"), out("conv_b"), out("pool")] == truth == [[32, 99, 32], [32, 50, 32], [32, 25, 32]]
    small = f"__import__('jupyterlab_keras_summary').check_sizes({token!r}, {{'batch': 2, 'i0.1': 7}})"
    r = kernel.run("pass", silent=True, store_history=False, user_expressions={"c": small})
    bad = r.reply["user_expressions"]["c"]["data"]["application/json"]
    assert bad["valid"] is False
    assert [e["row"] for e in bad["errors"]] == [rows["pool"]["id"]]
    assert "pool" in bad["errors"][0]["message"] or "negative" in bad["errors"][0]["message"]
    gone = "__import__('jupyterlab_keras_summary').check_sizes('keras:nope', {})"
    r = kernel.run("pass", silent=True, store_history=False, user_expressions={"c": gone})
    assert r.reply["user_expressions"]["c"]["data"]["application/json"]["status"] == "gone"


def test_print_fn_and_capture_and_logging_off_are_untouched(kernel):
    for code in (
        "conv.summary(print_fn=print)",
        "conv.summary(print_fn=lambda s, **k: print(s.upper()))",
    ):
        before, after = without(kernel, code), kernel.run(code)
        assert same_output(after, before)
    code = "%%capture cap\nconv.summary()"
    before, after = without(kernel, code), kernel.run(code)
    assert before.messages == after.messages == []
    r = kernel.run("print('VALUE:' + str(len(cap.outputs)))")
    assert r.value() == 5
    code = "keras.config.disable_interactive_logging()\nconv.summary()\nkeras.config.enable_interactive_logging()"
    before, after = without(kernel, code), kernel.run(code)
    assert same_output(after, before)  # absl logging (and rich's empty display), as Keras does


def test_keras_errors_reach_the_user_unchanged(kernel):
    for code in ("siamese.summary(layer_range=('nope', 'x'))", "siamese.summary(1, 2, 3, 4, 5, 6, 7)"):
        before, after = without(kernel, code), kernel.run(code)
        assert before.error is not None
        assert (after.error["ename"], after.error["evalue"]) == (before.error["ename"], before.error["evalue"])
        assert after.displays == before.displays


def test_keras_failing_halfway_replays_what_it_printed(kernel):
    code = textwrap.dedent(
        """
        from keras.src.utils import summary_utils as _su
        _real = _su.readable_memory_size
        _calls = []
        def _flaky(n):
            _calls.append(n)
            if len(_calls) == 2:
                raise RuntimeError("disk on fire")
            return _real(n)
        _su.readable_memory_size = _flaky
        try:
            conv.summary()
        finally:
            _su.readable_memory_size = _real
        """
    )
    before, after = without(kernel, code), kernel.run(code)
    assert before.error["evalue"] == after.error["evalue"] == "disk on fire"
    assert len(before.displays) == 3  # model line, table, total
    assert after.displays == before.displays


def test_our_failure_replays_keras_output_unchanged(kernel):
    code = "conv.summary(expand_nested=True)"
    before = without(kernel, code)
    r = kernel.run(
        "from jupyterlab_keras_summary.kernel import summary_hook as _h\n_h.FAIL_FOR_TESTS['build'] = True\n"
        "try:\n    " + code + "\nfinally:\n    _h.FAIL_FOR_TESTS['build'] = False"
    )
    assert r.error is None
    assert r.displays == before.displays and len(r.displays) == 5


def test_no_trace_names_nodes_arrays(kernel):
    code = textwrap.dedent(
        """
        import gc, json, jax
        def _state():
            gc.collect()  # arrays of earlier cells' models may go now; they are not ours
            return [sum(len(l._inbound_nodes) for l in m.layers) for m in (conv, att, siamese, nested)]
        def _unnamed():
            _x = keras.Input((2,))
            _d = keras.layers.Dense(1)
            _y = _d(_x)
            return [_x.name, _x._keras_history.operation.name, _d.name, _y.name, keras.Model(_x, _y).name]
        _first, _second = _unnamed(), _unnamed()
        _n0, _a0 = _state(), len(jax.live_arrays())
        for _m in (conv, att, siamese, nested):
            _m.summary(expand_nested=True)
            _tok = __import__("jupyterlab_keras_summary").check_sizes(_last_token(), {"batch": 3})
        _n1, _a1 = _state(), len(jax.live_arrays())
        print("VALUE:" + json.dumps([_n0 == _n1, _a1 - _a0, _first, _second, _unnamed()]))
        """
    )
    setup = (
        "from jupyterlab_keras_summary.kernel import registry as _reg\n"
        "def _last_token():\n    return list(_reg._entries)[-1]"
    )
    kernel.run(setup)
    same_nodes, arrays, first, second, third = kernel.run(code).value()
    assert same_nodes is True and arrays == 0
    # keras_tensor_N, input_layer_N, dense_N, keras_tensor_N, functional_N: the summaries and
    # checks between the second and third call moved no counter
    counter = lambda name: int(name.rsplit("_", 1)[1]) if name.rsplit("_", 1)[-1].isdigit() else 0  # noqa: E731
    steps = [counter(b) - counter(a) for a, b in zip(first, second)]
    assert [counter(c) - counter(b) for b, c in zip(second, third)] == steps
    assert all(step >= 1 for step in steps)


def test_unload_restores_and_load_is_idempotent(kernel):
    r = kernel.run(
        "%unload_ext jupyterlab_keras_summary\nimport json\n"
        "print('VALUE:' + json.dumps([hasattr(keras.Model.summary, '_jks_orig'), "
        "any(type(f).__name__ == 'ImportWatcher' for f in sys.meta_path)]))"
    )
    assert r.value() == [False, False]
    assert len(kernel.run("conv.summary()").displays) == 5
    kernel.run("%load_ext jupyterlab_keras_summary")
    kernel.run("%reload_ext jupyterlab_keras_summary")
    r = kernel.run("%load_ext jupyterlab_keras_summary\nconv.summary()")
    bundle(r)


def test_hostile_names_travel_as_json_only(kernel):
    code = textwrap.dedent(
        r"""
        _hi = keras.Input(shape=(4,), name='<img src=x onerror="alert(1)">')
        _h = layers.Dense(2, name="quote\"'&amp;")(_hi)
        _h = layers.Dense(2, name="new\nline")(_h)
        _h = layers.Dense(2, name="")(_h)
        hostile = keras.Model(_hi, _h, name="<svg onload=alert(2)>")
        hostile.summary()
        """
    )
    data = bundle(kernel.run(code))
    p = data[MIME]
    assert p["model"]["name"] == "<svg onload=alert(2)>"
    assert [r["name"] for r in p["layers"]] == ['<img src=x onerror="alert(1)">', "quote\"'&amp;", "new\nline", ""]
    assert "<img" not in data["text/html"] and "<svg" not in data["text/html"]


def test_quantized_and_mixed_precision(kernel):
    code = textwrap.dedent(
        """
        mp = keras.Sequential([keras.Input((16,)), layers.Dense(8, dtype="mixed_bfloat16", name="mixed")], name="mp")
        mp.summary()
        qm = keras.Sequential([keras.Input((8,)), layers.Dense(4, name="q_dense")], name="qm")
        qm.quantize("int8")
        qm.summary()
        """
    )
    r = kernel.run(code)
    assert r.error is None and len(r.displays) == 2
    mp = r.displays[0]["data"][MIME]
    assert mp["layers"][0]["dtype_policy"] == {"name": "mixed_bfloat16", "compute": "bfloat16", "variable": "float32"}
    qm = r.displays[1]["data"][MIME]
    q = qm["layers"][0]
    assert q["dtype_policy"]["quantization"] == "int8"
    weights = {w["name"]: w for w in q["weights"]}
    assert weights["kernel"]["dtype"] == "int8" and weights["kernel"]["trainable"] is False
    assert sum(w["shape"][0] if len(w["shape"]) == 1 else w["shape"][0] * w["shape"][1] for w in q["weights"]) == q["params"]


def test_check_flags_skip_connections_that_no_longer_line_up(kernel):
    code = textwrap.dedent(
        """
        img = keras.Input(shape=(None, None, 3), name="img")
        s1 = layers.Conv2D(8, 3, padding="same", name="enc1")(img)
        d1 = layers.MaxPooling2D(name="down1")(s1)
        u1 = layers.UpSampling2D(name="up1")(layers.Conv2D(8, 3, padding="same", name="mid")(d1))
        unet = keras.Model(img, layers.Concatenate(name="cat")([u1, s1]), name="unet")
        unet.summary()
        """
    )
    p = bundle(kernel.run(code))[MIME]
    assert p["dims"]["status"] == "ok"
    token = p["model"]["token"]
    rows = {r["name"]: r for r in p["layers"]}
    check = lambda s: kernel.run(  # noqa: E731
        "pass", silent=True, store_history=False,
        user_expressions={"c": f"__import__('jupyterlab_keras_summary').check_sizes({token!r}, {s!r})"},
    ).reply["user_expressions"]["c"]["data"]["application/json"]
    ok = check({"batch": 2, "i0.1": 64, "i0.2": 64})
    assert ok["valid"] is True
    bad = check({"batch": 2, "i0.1": 65, "i0.2": 64})
    assert bad["valid"] is False
    assert [e["row"] for e in bad["errors"]] == [rows["cat"]["id"]]
    assert "axis 1" in bad["errors"][0]["message"]
    # the real layer agrees that it cannot take them
    truth = kernel.run(
        "import numpy as np\ntry:\n    unet(np.zeros((1, 65, 64, 3), 'float32'))\n    print('VALUE:true')\n"
        "except Exception:\n    print('VALUE:false')"
    ).value()
    assert truth is False


def test_dict_outputs_keep_their_keys(kernel):
    p = bundle(kernel.run("dict_out.summary()"))[MIME]
    outputs = [(o["key"], p["tensors"][o["tensor"]]["shape"]) for o in p["model"]["outputs"]]
    assert outputs == [("zeta", [None, 1]), ("alpha", [None, 3])]
    # Keras 3 prints each row's outputs as a flat list: no keys on rows or nodes
    assert all("output_keys" not in r and all("keys" not in n for n in r["nodes"]) for r in p["layers"])


def test_sizes_equal_only_for_even_lengths_are_two_sizes(kernel):
    # ceil(T/2) and floor(T/2) agree for every even T: an odd size tells them apart
    p = bundle(kernel.run("parity.summary()"))[MIME]
    rows = {r["name"]: r for r in p["layers"]}
    axis = lambda n: p["dims"]["axes"][str(rows[n]["outputs"][0])][1]  # noqa: E731
    assert p["dims"]["status"] == "ok"
    assert axis("halved_up") != axis("halved_down")
    assert p["dims"]["evaluations"] == 1 + 2 + 3  # the base, the batch twice, T twice and odd
