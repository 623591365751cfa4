#!/usr/bin/env python
"""Real kernels' shapes for the page's shape engine: ``fixtures/kernel-shapes.json``.

Models that exercise every family of shape rule (convolutions 1D/2D/3D,
separable, depthwise and transposed, with strides, dilation, causal and same
padding, channels first; pooling; padding, cropping, up-sampling; reshape,
flatten, permute, repeat vector; recurrent layers, Bidirectional merge modes,
TimeDistributed, ConvLSTM; attention; merges with broadcasting; Dot;
keras.ops; Embedding, EinsumDense, shape-keeping layers; nested and shared
nested models; custom layers; a layer_range) are built in a Keras 3 (jax)
kernel and a tf-keras kernel with ``%load_ext jupyterlab_keras_summary``.
Each ``model.summary()`` sends its payload; then the kernel's
``check_sizes`` is asked, through ``user_expressions`` of a silent execute
request exactly as the frontend asks it, for every tensor's shape at random
sizes (small ones too, so that windows stop fitting, and one assignment with
every input axis the same size, so that merges line up).

Run by ``make fixtures`` after ``scripts/capture_fixtures.sh`` (which makes
the two fixture venvs and their kernelspecs); the driver runs in
``.venv-fixtures-keras3``:

    .venv-fixtures-keras3/bin/python scripts/capture_shapes_fixtures.py

Output: ``{"about": {...}, "flavours": {flavour: {model id: [{summary,
model, payload, text, checks: [{sizes, result}]}]}}}``.
"""

from __future__ import annotations

import json
import os
import queue
import random
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from types import SimpleNamespace

from jupyter_client.manager import KernelManager

sys.path.insert(0, str(Path(__file__).resolve().parent))

import capture_fixtures as cf  # noqa: E402

REPO = cf.REPO
OUT = REPO / "fixtures" / "kernel-shapes.json"
MIME = "application/vnd.jupyterlab-keras-summary+json"
TIMEOUT = 600

SETUP = {
    "keras": """
        import warnings
        warnings.filterwarnings("ignore")
        %load_ext jupyterlab_keras_summary
        import numpy as np
        import keras
        from keras import layers
        keras.utils.set_random_seed(0)
    """,
    "tf_keras": """
        import warnings
        warnings.filterwarnings("ignore")
        %load_ext jupyterlab_keras_summary
        import numpy as np
        import tensorflow as tf
        import tf_keras as keras
        from tf_keras import layers
        tf.get_logger().setLevel("ERROR")
        keras.utils.set_random_seed(0)
    """,
}

FLAVOURS = [
    ("kernel-keras3", "keras", "keras-summary-fixtures-keras3", {"KERAS_BACKEND": "jax"}),
    (
        "kernel-tfkeras2",
        "tf_keras",
        "keras-summary-fixtures-tfkeras2",
        {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0"},
    ),
]

BOTH = ("keras", "tf_keras")

# (id, frameworks, code). Each code ends with the summary call(s).
MODELS = [
    (
        "conv2d",
        BOTH,
        """
        img = keras.Input(shape=(None, None, 3), name="img")
        x = layers.Conv2D(8, 3, dilation_rate=2, name="dilated")(img)
        x = layers.Conv2D(8, 5, strides=3, name="strided_valid")(x)
        x = layers.SeparableConv2D(8, 3, strides=2, padding="same", name="separable")(x)
        x = layers.DepthwiseConv2D(3, depth_multiplier=2, strides=2, padding="same", name="depthwise")(x)
        x = layers.MaxPooling2D((2, 3), strides=(1, 2), name="pool_rect")(x)
        x = layers.AveragePooling2D(3, strides=2, padding="same", name="avg_same")(x)
        x = layers.Conv2DTranspose(4, 3, strides=2, padding="same", name="up_same")(x)
        x = layers.Conv2DTranspose(4, 3, strides=2, output_padding=1, name="up_valid_op")(x)
        x = layers.Conv2DTranspose(4, 4, strides=3, padding="same", output_padding=2, name="up_same_op")(x)
        x = layers.GlobalMaxPooling2D(keepdims=True, name="gmp")(x)
        out = layers.Flatten(name="flat")(x)
        model = keras.Model(img, out, name="conv2d_zoo")
        model.summary()
        """,
    ),
    (
        "conv1d",
        BOTH,
        """
        seq = keras.Input(shape=(None, 16), name="seq")
        x = layers.Conv1D(8, 5, padding="causal", dilation_rate=2, name="causal")(seq)
        x = layers.Conv1D(8, 3, strides=2, name="strided")(x)
        x = layers.SeparableConv1D(8, 3, strides=2, padding="same", name="separable1d")(x)
        x = layers.DepthwiseConv1D(3, strides=2, name="depthwise1d")(x)
        x = layers.Conv1DTranspose(8, 4, strides=2, name="up1d")(x)
        x = layers.MaxPooling1D(3, strides=2, padding="same", name="pool1d")(x)
        x = layers.AveragePooling1D(2, name="avg1d")(x)
        x = layers.ZeroPadding1D((1, 2), name="pad1d")(x)
        x = layers.Cropping1D((2, 1), name="crop1d")(x)
        x = layers.UpSampling1D(3, name="upsample1d")(x)
        out = layers.GlobalAveragePooling1D(name="gap1d")(x)
        model = keras.Model(seq, out, name="conv1d_zoo")
        model.summary()
        model.summary(layer_range=["strided", "gap1d"])
        """,
    ),
    (
        "conv3d",
        BOTH,
        """
        vol = keras.Input(shape=(None, None, None, 2), name="vol")
        x = layers.Conv3D(4, 3, strides=(1, 2, 2), name="conv3d")(vol)
        x = layers.MaxPooling3D(2, name="pool3d")(x)
        x = layers.AveragePooling3D((1, 2, 2), padding="same", name="avg3d")(x)
        x = layers.Conv3DTranspose(2, 2, strides=2, name="up3d")(x)
        x = layers.ZeroPadding3D(((1, 0), (0, 1), (2, 2)), name="pad3d")(x)
        x = layers.Cropping3D(((1, 1), (0, 1), (1, 0)), name="crop3d")(x)
        x = layers.UpSampling3D((1, 2, 2), name="upsample3d")(x)
        out = layers.GlobalMaxPooling3D(name="gmp3d")(x)
        model = keras.Model(vol, out, name="conv3d_zoo")
        model.summary()
        """,
    ),
    (
        "channels_first",
        BOTH,
        """
        chw = keras.Input(shape=(3, None, None), name="chw")
        cf = dict(data_format="channels_first")
        x = layers.Conv2D(8, 3, strides=2, name="conv_cf", **cf)(chw)
        x = layers.ZeroPadding2D(((0, 1), (2, 0)), name="pad_cf", **cf)(x)
        x = layers.MaxPooling2D(2, name="pool_cf", **cf)(x)
        x = layers.Cropping2D(((1, 0), (0, 2)), name="crop_cf", **cf)(x)
        x = layers.UpSampling2D((2, 3), name="upsample_cf", **cf)(x)
        x = layers.Conv2DTranspose(4, 2, strides=2, name="up_cf", **cf)(x)
        out = layers.GlobalAveragePooling2D(name="gap_cf", **cf)(x)
        model = keras.Model(chw, out, name="channels_first_zoo")
        model.summary()
        """,
    ),
    (
        "reshape",
        BOTH,
        """
        frames = keras.Input(shape=(None, 12), name="frames")
        x = layers.Dense(6, name="proj")(frames)
        x = layers.Reshape((-1, 3), name="regroup")(x)
        x = layers.Permute((2, 1), name="swap")(x)
        flat = layers.Flatten(name="flat")(x)
        rep = layers.RepeatVector(4, name="repeat")(flat)
        x = layers.Reshape((4, 2, -1), name="split")(rep)
        fives = layers.Reshape((-1, 64), name="sixty_fours")(x)  # whole only when 8 divides T
        out_a = layers.GlobalMaxPooling1D(name="head_a")(layers.Permute((2, 1), name="steps_last")(rep))
        out_b = layers.GlobalAveragePooling1D(name="head_b")(fives)
        model = keras.Model(frames, [out_a, out_b], name="reshape_zoo")
        model.summary()
        """,
    ),
    (
        "recurrent",
        BOTH,
        """
        seq = keras.Input(shape=(None, 8), name="seq")
        x = layers.Bidirectional(layers.LSTM(4, return_sequences=True), name="bi_concat")(seq)
        x = layers.Bidirectional(layers.GRU(3, return_sequences=True), merge_mode="sum", name="bi_sum")(x)
        x = layers.Bidirectional(layers.SimpleRNN(2, return_sequences=True), merge_mode="ave", name="bi_ave")(x)
        fwd, bwd = layers.Bidirectional(layers.LSTM(2, return_sequences=True), merge_mode=None, name="bi_none")(x)
        x = layers.Concatenate(name="join")([fwd, bwd])
        x, h, c = layers.LSTM(5, return_sequences=True, return_state=True, name="lstm_state")(x)
        x = layers.TimeDistributed(layers.Dense(3), name="td_dense")(x)
        last = layers.Bidirectional(layers.LSTM(2, return_state=True), name="bi_state")(x)
        out = layers.Concatenate(name="last")([last[0], h])
        model = keras.Model(seq, [out, c], name="recurrent_zoo")
        model.summary()
        """,
    ),
    (
        "conv_recurrent",
        BOTH,
        """
        # ConvLSTM wants fixed spatial sizes in Keras 3: time is the open axis.
        clips = keras.Input(shape=(None, 20, 4), name="clips")
        x = layers.TimeDistributed(layers.Conv1D(6, 3, strides=2), name="td_conv")(clips)
        x = layers.ConvLSTM1D(4, 3, padding="same", return_sequences=True, name="convlstm1d")(x)
        x = layers.ConvLSTM1D(2, 2, strides=2, name="convlstm_last")(x)
        out1 = layers.GlobalMaxPooling1D(name="gmp")(x)
        video = keras.Input(shape=(None, 12, 12, 3), name="video")
        v = layers.ConvLSTM2D(4, 3, return_sequences=True, name="convlstm2d")(video)
        v = layers.TimeDistributed(layers.MaxPooling2D(2), name="td_pool")(v)
        v_out, v_h, v_c = layers.ConvLSTM2D(2, 3, padding="same", return_state=True, name="convlstm_state")(v)
        out2 = layers.Add(name="sum_states")([v_h, v_c])
        model = keras.Model([clips, video], [out1, out2, v_out], name="conv_recurrent_zoo")
        model.summary()
        """,
    ),
    (
        "attention",
        ("keras",),
        """
        q = keras.Input(shape=(None, 16), name="q")
        v = keras.Input(shape=(None, 16), name="v")
        att = layers.Attention(name="dot")([q, v])
        att2, scores = layers.Attention(name="dot_scores")([q, v], return_attention_scores=True)
        add = layers.AdditiveAttention(name="additive")([q, v, v])
        mha = layers.MultiHeadAttention(num_heads=2, key_dim=4, output_shape=(8,), name="mha_out")(q, v)
        mha2, mscores = layers.MultiHeadAttention(num_heads=2, key_dim=4, name="mha_scores")(
            q, v, return_attention_scores=True
        )
        gqa = layers.GroupQueryAttention(head_dim=4, num_query_heads=4, num_key_value_heads=2, name="gqa")(q, v)
        qv = layers.Dot(axes=(2, 2), name="qv")([q, v])
        model = keras.Model([q, v], [att, att2, scores, add, mha, mha2, mscores, gqa, qv], name="attention_zoo")
        model.summary()
        """,
    ),
    (
        "attention",
        ("tf_keras",),
        """
        q = keras.Input(shape=(None, 16), name="q")
        v = keras.Input(shape=(None, 16), name="v")
        att = layers.Attention(name="dot")([q, v])
        add = layers.AdditiveAttention(name="additive")([q, v, v])
        qv = layers.Dot(axes=(2, 2), name="qv")([q, v])
        model = keras.Model([q, v], [att, add, qv], name="attention_zoo")
        model.summary()
        """,
    ),
    (
        "merging",
        BOTH,
        """
        a = keras.Input(shape=(None, 8), name="a")
        b = keras.Input(shape=(None, 8), name="b")
        gate = layers.Dense(1, name="gate")(a)
        x = layers.Multiply(name="gated")([a, gate])
        x = layers.Maximum(name="max_self")([a, x])
        x = layers.Average(name="avg_self")([x, a])
        x = layers.Minimum(name="min_self")([x, a])
        x = layers.Subtract(name="sub_self")([x, a])
        ab = layers.Add(name="add_ab")([a, b])
        time_cat = layers.Concatenate(axis=1, name="cat_time")([a, b])
        feat_cat = layers.Concatenate(name="cat_feat")([x, b])
        pa = layers.GlobalAveragePooling1D(name="pool_a")(a)
        pb = layers.GlobalAveragePooling1D(name="pool_b")(b)
        cos = layers.Dot(axes=1, normalize=True, name="cosine")([pa, pb])
        pair = layers.Dot(axes=(2, 2), name="pairwise")([a, b])
        model = keras.Model([a, b], [ab, time_cat, feat_cat, cos, pair], name="merging_zoo")
        model.summary()
        """,
    ),
    (
        "ops",
        ("keras",),
        """
        from keras import ops
        x = keras.Input(shape=(None, 6), name="x")
        m = ops.mean(x, axis=1)
        s = ops.sum(x, axis=-1, keepdims=True)
        t = ops.transpose(x, (0, 2, 1))
        e = ops.expand_dims(x, 1)
        sq = ops.squeeze(e, axis=1)
        cat = ops.concatenate([x, sq], axis=1)
        st = ops.stack([x, sq], axis=1)
        mm = ops.matmul(x, t)
        r = ops.relu(x * 2.0)
        am = ops.argmax(x, axis=1)
        w = ops.where(x > 0, x, 0.0)
        rs = ops.reshape(x, (-1, 3))
        model = keras.Model(x, [m, s, cat, st, mm, r, am, w, rs], name="ops_zoo")
        model.summary()
        """,
    ),
    (
        "core",
        BOTH,
        """
        tokens = keras.Input(shape=(None,), dtype="int32", name="tokens")
        x = layers.Embedding(100, 12, name="embed")(tokens)
        x = layers.EinsumDense("abc,cd->abd", output_shape=(None, 8), bias_axes="d", name="einsum")(x)
        x = layers.EinsumDense("...b,bc->...c", output_shape=4, name="einsum_ellipsis")(x)
        x = layers.LayerNormalization(name="ln")(x)
        x = layers.Dropout(0.1, name="drop")(x)
        x = layers.GaussianNoise(0.1, name="noise")(x)
        x = layers.SpatialDropout1D(0.1, name="sdrop")(x)
        x = layers.Softmax(name="softmax")(x)
        x = layers.LeakyReLU(name="leaky")(x)
        x = layers.UnitNormalization(name="unitnorm")(x)
        x = layers.GroupNormalization(groups=2, name="groupnorm")(x)
        x = layers.Dense(3, name="dense3d")(x)
        x = layers.Masking(name="mask")(x)
        seq_out = layers.Activation("relu", name="act")(x)
        img = keras.Input(shape=(None, None, 3), name="img")
        resized = layers.Resizing(16, 16, name="resize")(img)
        cropped = layers.CenterCrop(8, 8, name="center")(img)
        y = layers.Rescaling(1 / 255, name="rescale")(img)
        y = layers.RandomFlip(name="flip")(y)
        y = layers.BatchNormalization(name="bn")(y)
        model = keras.Model([tokens, img], [seq_out, resized, cropped, y], name="core_zoo")
        model.summary()
        """,
    ),
    (
        "nested",
        BOTH,
        """
        inner_in = keras.Input(shape=(None, 4), name="inner_in")
        ix = layers.Conv1D(4, 3, name="inner_conv")(inner_in)
        ix = layers.MaxPooling1D(2, name="inner_pool")(ix)
        encoder = keras.Model(inner_in, ix, name="encoder")
        stack = keras.Sequential(
            [keras.Input(shape=(None, 4)), layers.Conv1D(4, 2, strides=2, name="seq_conv"), layers.GlobalAveragePooling1D(name="seq_gap")],
            name="stack",
        )
        left = keras.Input(shape=(None, 4), name="left")
        right = keras.Input(shape=(None, 4), name="right")
        joined = layers.Concatenate(axis=1, name="join_time")([encoder(left), encoder(right)])
        out = stack(joined)
        model = keras.Model([left, right], out, name="nested_zoo")
        model.summary(expand_nested=True)
        model.summary()
        """,
    ),
    (
        "custom",
        BOTH,
        """
        class EveryOther(layers.Layer):
            \"\"\"Keeps every other step: a size no rule of the page knows.\"\"\"

            def call(self, x):
                return x[:, ::2]

            def compute_output_shape(self, s):
                return (s[0], None if s[1] is None else (s[1] + 1) // 2, s[2])

        class Doubler(layers.Layer):
            \"\"\"Keeps its input's shape, with no shape rule of its own.\"\"\"

            def call(self, x):
                return x * 2.0

        seq = keras.Input(shape=(None, 6), name="seq")
        x = EveryOther(name="every_other")(seq)
        x = layers.Conv1D(4, 3, name="after")(x)
        x = Doubler(name="doubler")(x)
        out = layers.GlobalAveragePooling1D(name="gap")(x)
        model = keras.Model(seq, out, name="custom_zoo")
        model.summary()
        """,
    ),
]


def _assignments(payload: dict, rng: random.Random) -> list[dict]:
    """Random sizes per source: tiny (windows stop fitting), middling, large, and all axes alike."""
    sources = payload.get("dims", {}).get("sources") or []
    out = []
    for lo, hi in ((1, 6), (5, 24), (16, 200), (16, 200)):
        out.append({s["id"]: rng.randint(1, 16) if s["kind"] == "batch" else rng.randint(lo, hi) for s in sources})
    same = rng.randint(12, 120)
    out.append({s["id"]: rng.randint(1, 16) if s["kind"] == "batch" else same for s in sources})
    return out


def check_expression(token: str, sizes: dict) -> str:
    """The user expression the frontend sends (src/analyze/shapes/check.ts builds the same)."""
    return f"__import__('jupyterlab_keras_summary').check_sizes('{token}', {json.dumps(sizes)})"


class Kernel:
    def __init__(self, name: str, env: dict, cwd: str, log):
        self.km = KernelManager(kernel_name=name)
        self.km.start_kernel(env=env, cwd=cwd, stdout=log, stderr=log)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=TIMEOUT)

    def run(self, code: str) -> tuple[list[dict], str | None]:
        """Execute a cell: its iopub outputs, and the error (None when it ran)."""
        msg_id = self.kc.execute(code)
        outputs, error = [], None
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                msg = self.kc.get_iopub_msg(timeout=max(1, deadline - time.monotonic()))
            except queue.Empty:
                raise TimeoutError(code[:80])
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "status" and content["execution_state"] == "idle":
                break
            if kind in ("display_data", "stream", "execute_result"):
                outputs.append({"type": kind, **content})
            elif kind == "error":
                error = f"{content['ename']}: {content['evalue']}"
        return outputs, error

    def check(self, token: str, sizes: dict) -> dict:
        """check_sizes through user_expressions of a silent request, as the frontend does."""
        msg_id = self.kc.execute(
            "pass",
            silent=True,
            store_history=False,
            user_expressions={"c": check_expression(token, sizes)},
        )
        while True:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        value = reply["content"].get("user_expressions", {}).get("c", {})
        if value.get("status") != "ok":
            return {"status": "error", "reason": f"{value.get('ename')}: {value.get('evalue')}"}
        return value["data"]["application/json"]

    def stop(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def kernel_env(extra: dict, tmp: Path) -> dict:
    """capture_fixtures.py's minimal kernel environment, with the companion from this checkout."""
    env = cf.kernel_env(SimpleNamespace(env=extra), tmp)
    env["PYTHONPATH"] = str(REPO)
    return env


def capture_flavour(flavour: str, framework: str, kernel_name: str, extra: dict, log_dir: Path) -> tuple[dict, dict]:
    found: dict = {}
    versions: dict = {}
    with tempfile.TemporaryDirectory(prefix=f"kshapes-{flavour}-") as tmpname:
        tmp = Path(tmpname)
        with open(log_dir / f"{flavour}.shapes-kernel.log", "wb") as log:
            kernel = Kernel(kernel_name, kernel_env(extra, tmp), tmpname, log)
            try:
                _, error = kernel.run(textwrap.dedent(SETUP[framework]))
                if error:
                    raise RuntimeError(f"{flavour} setup: {error}")
                for model_id, frameworks, code in MODELS:
                    if framework not in frameworks:
                        continue
                    t0 = time.monotonic()
                    outputs, error = kernel.run(textwrap.dedent(code))
                    payloads = [o["data"] for o in outputs if o["type"] == "display_data" and MIME in o["data"]]
                    if error or not payloads:
                        print(f"  [{flavour}] {model_id}: FAILED {error or 'no payload'}", flush=True)
                        continue
                    rng = random.Random(f"{flavour}/{model_id}")
                    entries = []
                    for index, data in enumerate(payloads):
                        payload = data[MIME]
                        plain = data.get("text/plain", "")
                        text = "".join(plain) if isinstance(plain, list) else plain
                        dims = payload.get("dims", {})
                        token = payload["model"].get("token")
                        checks = []
                        if dims.get("status") == "ok" and token:
                            for sizes in _assignments(payload, rng):
                                result = kernel.check(token, sizes)
                                checks.append(
                                    {"sizes": sizes, "result": {k: v for k, v in result.items() if k not in ("token", "sizes")}}
                                )
                        else:
                            print(f"  [{flavour}] {model_id}#{index}: no checks (dims {dims.get('status')}: {dims.get('reason')})")
                        entries.append({"summary": index, "model": payload["model"]["name"], "payload": payload, "text": text, "checks": checks})
                    found[model_id] = entries
                    flagged = sum(1 for e in entries for c in e["checks"] if c["result"].get("errors"))
                    print(
                        f"  [{flavour}] {model_id}: {len(entries)} summaries, "
                        f"{sum(len(e['checks']) for e in entries)} checks ({flagged} with flagged rows), "
                        f"{time.monotonic() - t0:.1f}s",
                        flush=True,
                    )
                outputs, _ = kernel.run(
                    "import json, sys, importlib.metadata as md\n"
                    "print('VERSIONS' + json.dumps({'python': sys.version.split()[0], **{p: md.version(p) "
                    "for p in ('keras', 'jax', 'tensorflow-cpu', 'tf-keras') if p in {d.metadata['Name'].lower() for d in md.distributions()}}}))"
                )
                for o in outputs:
                    if o["type"] == "stream" and "VERSIONS" in o.get("text", ""):
                        versions = json.loads(o["text"].split("VERSIONS", 1)[1])
            finally:
                kernel.stop()
    return found, versions


def main() -> int:
    venv_k3 = REPO / ".venv-fixtures-keras3"
    venv_tf = REPO / ".venv-fixtures-tfkeras"
    if not (venv_k3 / "bin/python").exists() or not (venv_tf / "bin/python").exists():
        print("the fixture venvs are missing: run `make fixtures` (scripts/capture_fixtures.sh makes them)", file=sys.stderr)
        return 2
    os.environ["JUPYTER_PATH"] = f"{venv_k3}/share/jupyter:{venv_tf}/share/jupyter"
    for k in ("COLUMNS", "LINES", "JUPYTER_COLUMNS", "JUPYTER_LINES"):
        os.environ.pop(k, None)
    log_dir = REPO / ".venv-fixtures-logs"
    log_dir.mkdir(exist_ok=True)
    flavours, about = {}, {}
    for flavour, framework, kernel_name, extra in FLAVOURS:
        print(f"==> {flavour}", flush=True)
        flavours[flavour], about[flavour] = capture_flavour(flavour, framework, kernel_name, extra, log_dir)
    data = {
        "about": {
            "made_by": "scripts/capture_shapes_fixtures.py (make fixtures)",
            "versions": about,
        },
        "flavours": flavours,
    }
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
