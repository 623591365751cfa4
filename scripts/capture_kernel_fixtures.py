#!/usr/bin/env python
"""Kernel-companion fixtures: the same cells run with ``%load_ext jupyterlab_keras_summary``.

Adds two flavours to ``capture_fixtures.py`` and then runs its ``main()``
(same arguments, same manifest):

- ``kernel-keras3``: the keras3-display cells plus models that exercise exact
  facts (strided Conv1D on ``Input((None, 100))``, a U-Net on
  ``(None, None, 3)``, attention with query and value of different lengths,
  shared layers, quantized and mixed precision, hostile names);
- ``kernel-tfkeras2``: the tfkeras2 cells.

After every cell that sent payloads, a probe (not kept in the notebook) asks
the kernel's ``check_sizes`` for the shapes of a few random size assignments;
``fixtures/kernel/kernel-whatif.json`` holds them beside each payload's own
perturbation truth (``dims``), for the frontend's offline what-if tests.

The notebooks go to ``fixtures/kernel/`` with their own ``manifest.json``.
"""

from __future__ import annotations

import json
import random
import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import capture_fixtures as cf  # noqa: E402
import nbformat  # noqa: E402

MIME = "application/vnd.jupyterlab-keras-summary+json"
# fixtures/kernel/: beside, not among, the text fixtures, whose tests read every
# fixtures/*.ipynb and every notebook of fixtures/manifest.json as text outputs
# (a payload bundle needs the payload renderer).
KERNEL_DIR = cf.FIXTURES / "kernel"
WHATIF_PATH = KERNEL_DIR / "kernel-whatif.json"
KERNEL_MANIFEST = KERNEL_DIR / "manifest.json"
LOAD = "%load_ext jupyterlab_keras_summary"


def _with_companion(setup: str) -> str:
    # After the warnings filter, so nothing of ours can print; before Keras.
    marker = 'warnings.filterwarnings("ignore")  # keep venv paths out of the outputs\n'
    return setup.replace(marker, marker + LOAD + "\n", 1)


KERNEL_EXACT: list = [
    cf.Fixture(
        "conv1d_strided",
        "strided Conv1D stack on Input((None, 100)): sizes change at each stride",
        """
        frames = keras.Input(shape=(None, 100), name="frames")
        x = layers.Conv1D(32, 5, strides=2, name="conv_a")(frames)
        x = layers.Conv1D(32, 3, strides=2, padding="same", name="conv_b")(x)
        x = layers.MaxPooling1D(2, name="pool")(x)
        x = layers.GlobalAveragePooling1D(name="gap")(x)
        outputs = layers.Dense(10, name="head")(x)
        model = keras.Model(frames, outputs, name="conv1d_strided")
        model.summary()
        """,
    ),
    cf.Fixture(
        "unet",
        "a small U-Net on (None, None, 3) with skip connections (Concatenate)",
        """
        img = keras.Input(shape=(None, None, 3), name="img")
        skip1 = layers.Conv2D(8, 3, padding="same", activation="relu", name="enc1")(img)
        d1 = layers.MaxPooling2D(name="down1")(skip1)
        skip2 = layers.Conv2D(16, 3, padding="same", activation="relu", name="enc2")(d1)
        d2 = layers.MaxPooling2D(name="down2")(skip2)
        mid = layers.Conv2D(32, 3, padding="same", activation="relu", name="mid")(d2)
        u2 = layers.UpSampling2D(name="up2")(mid)
        c2 = layers.Concatenate(name="cat2")([u2, skip2])
        e2 = layers.Conv2D(16, 3, padding="same", activation="relu", name="dec2")(c2)
        u1 = layers.Conv2DTranspose(8, 2, strides=2, name="up1")(e2)
        c1 = layers.Concatenate(name="cat1")([u1, skip1])
        mask = layers.Conv2D(1, 1, activation="sigmoid", name="mask")(c1)
        model = keras.Model(img, mask, name="unet")
        model.summary()
        """,
    ),
    cf.Fixture(
        "attention",
        "Attention and MultiHeadAttention with a query and a value of different lengths",
        """
        query = keras.Input(shape=(None, 64), name="query")
        memory = keras.Input(shape=(None, 64), name="memory")
        a = layers.Attention(name="dot_attention")([query, memory])
        b = layers.MultiHeadAttention(num_heads=4, key_dim=16, name="xattn")(query, memory)
        x = layers.Add(name="merge")([a, b])
        x = layers.LSTM(8, name="summarise")(x)
        model = keras.Model([query, memory], x, name="attention")
        model.summary()
        """,
    ),
    cf.Fixture(
        "shared",
        "a shared encoder called on two inputs (two nodes), a difference of its outputs",
        """
        left = keras.Input(shape=(None, 12), name="left")
        right = keras.Input(shape=(None, 12), name="right")
        shared_enc = layers.LSTM(8, name="shared_enc")
        diff = layers.Subtract(name="diff")([shared_enc(left), shared_enc(right)])
        outputs = layers.Dense(1, name="score")(diff)
        model = keras.Model([left, right], outputs, name="siamese")
        model.summary()
        """,
    ),
    cf.Fixture(
        "mixed_precision",
        "layers with a mixed_bfloat16 dtype policy",
        """
        model = keras.Sequential(
            [
                keras.Input(shape=(16,)),
                layers.Dense(8, dtype="mixed_bfloat16", name="mixed_dense"),
                layers.Dense(4, name="plain_dense"),
            ],
            name="mixed_precision",
        )
        model.summary()
        """,
    ),
    cf.Fixture(
        "quantized",
        "a Dense model quantized to int8 (weights int8 plus a kernel scale)",
        """
        model = keras.Sequential(
            [keras.Input(shape=(8,)), layers.Dense(4, name="q_dense"), layers.Dense(2, name="q_head")],
            name="quantized",
        )
        model.quantize("int8")
        model.summary()
        """,
    ),
    cf.Fixture(
        "hostile_names",
        "names holding HTML, quotes, a newline and the empty string travel as JSON",
        r"""
        hostile_in = keras.Input(shape=(4,), name='<img src=x onerror="window.__ksPwned=21">')
        h = layers.Dense(2, name="quote\"'&amp;")(hostile_in)
        h = layers.Dense(2, name="new\nline")(h)
        h = layers.Dense(2, name="")(h)
        model = keras.Model(hostile_in, h, name="<svg onload=window.__ksPwned=22>")
        model.summary()
        """,
    ),
    cf.Fixture(
        "nested_expanded_trainable",
        "the nested model again with every option: expand_nested, show_trainable, line_length, layer_range",
        """
        nested_model.summary(
            expand_nested=True, show_trainable=True, line_length=100, layer_range=["block", "head"]
        )
        """,
    ),
]

KERNEL_NOTES = [
    "Each summary is ONE display_data: the payload (application/vnd.jupyterlab-keras-summary+json), "
    "text/plain (the joined text/plain of rich's outputs, ANSI included) and text/html (rich's <pre> blocks).",
    "fixtures/kernel-whatif.json: for each summary with a graph, random sizes and the shapes the kernel computes.",
]

KERNEL_FLAVOURS = [
    cf.Flavour(
        "kernel-keras3",
        "Keras 3 with the kernel companion loaded",
        "The keras3-display cells (same ids), and models that exercise exact facts, executed in a Keras 3 "
        "(jax) kernel after %load_ext jupyterlab_keras_summary: one display_data per summary carrying the "
        "payload beside Keras's own text and HTML. No TTY, no COLUMNS (76-column tables).",
        cf.KERNEL_KERAS3,
        _with_companion(cf.SETUP_KERAS3),
        env={"KERAS_BACKEND": "jax"},
        cells=cf.FIXTURES_COMMON + KERNEL_EXACT,
        notes=cf.KERAS3_NOTES + KERNEL_NOTES,
    ),
    cf.Flavour(
        "kernel-tfkeras2",
        "tf-keras 2.x with the kernel companion loaded",
        "The tfkeras2 cells executed after %load_ext jupyterlab_keras_summary: each summary is one "
        "display_data with the payload and text/plain (the lines tf-keras prints, joined).",
        cf.KERNEL_TFKERAS2,
        _with_companion(cf.SETUP_TFKERAS2),
        env={"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0"},
        tfkeras=True,
        notes=KERNEL_NOTES,
    ),
]

WHATIF: dict = {}


def _payloads(cell) -> list:
    return [o["data"][MIME] for o in cell.get("outputs", []) if o.get("output_type") == "display_data" and MIME in o.get("data", {})]


def _assignments(payload: dict, rng: random.Random) -> list:
    sources = payload.get("dims", {}).get("sources") or []
    out = []
    for lo, hi in ((1, 8), (16, 300), (16, 300)):
        out.append({s["id"]: rng.randint(1, 64) if s["kind"] == "batch" else rng.randint(lo, hi) for s in sources})
    return out


PROBE = textwrap.dedent(
    """
    import json as _j
    import jupyterlab_keras_summary as _jks
    print("WHATIF" + _j.dumps([[ _jks.check_sizes(_t, _s).data for _s in _ss] for _t, _ss in {plan}]))
    """
)


class ProbingClient(cf.NotebookClient):
    """After each cell with payloads, asks the kernel for shapes at random sizes (probe cell removed)."""

    flavour = None

    # nbclient's execute_cell is run_sync(NotebookClient.async_execute_cell): override the sync one.
    def execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        result = super().execute_cell(cell, cell_index, execution_count, store_history)
        payloads = [p for p in _payloads(cell) if p.get("dims", {}).get("status") == "ok" and p["model"].get("token")]
        if not payloads or cell.get("id") == "probe":
            return result
        rng = random.Random(f"{self.flavour}/{cell.get('id')}")
        plan = [(p["model"]["token"], _assignments(p, rng)) for p in payloads]
        probe = nbformat.v4.new_code_cell(PROBE.format(plan=json.dumps(plan)))
        probe["id"] = "probe"
        self.nb.cells.append(probe)
        try:
            super().execute_cell(probe, len(self.nb.cells) - 1, store_history=False)
        finally:
            self.nb.cells.pop()
        text = "".join(o.get("text", "") for o in probe.outputs if o.get("output_type") == "stream")
        checks = json.loads(text.split("WHATIF", 1)[1]) if "WHATIF" in text else None
        entry = WHATIF.setdefault(self.flavour, {}).setdefault(cell["id"], [])
        for index, (p, (_, sizes)) in enumerate(zip(payloads, plan)):
            entry.append(
                {
                    "summary": index,
                    "model": p["model"]["name"],
                    "dims": p["dims"],
                    "checks": [
                        {"sizes": s, "result": {k: v for k, v in r.items() if k not in ("token", "sizes")}}
                        for s, r in zip(sizes, (checks or [[]] * len(payloads))[index])
                    ],
                }
            )
        return result


def _client_factory(nb, **kwargs):
    client = ProbingClient(nb, **kwargs)
    client.flavour = _current.get("flavour")
    return client


_current: dict = {}


def _move_to_kernel_dir(kernel_names: set) -> None:
    """Take the kernel flavours out of fixtures/manifest.json and fixtures/, into fixtures/kernel/."""
    manifest_path = cf.FIXTURES / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    mine = [e for e in manifest["notebooks"] if e["flavour"] in kernel_names]
    manifest["notebooks"] = [e for e in manifest["notebooks"] if e["flavour"] not in kernel_names]
    manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    KERNEL_DIR.mkdir(exist_ok=True)
    old = json.loads(KERNEL_MANIFEST.read_text()) if KERNEL_MANIFEST.exists() else {}
    entries = {e["flavour"]: e for e in old.get("notebooks", [])}
    for entry in mine:
        written = cf.FIXTURES / f"{entry['flavour']}.ipynb"
        if written.exists():
            written.replace(KERNEL_DIR / written.name)
        entry["path"] = f"fixtures/kernel/{written.name}"
        entries[entry["flavour"]] = entry
    KERNEL_MANIFEST.write_text(
        json.dumps(
            {
                "generated_by": "scripts/capture_kernel_fixtures.py",
                "regenerate": "bash scripts/capture_fixtures.sh --only kernel-keras3 kernel-tfkeras2",
                "notebooks": [entries[f.name] for f in KERNEL_FLAVOURS if f.name in entries],
                "whatif": "fixtures/kernel/kernel-whatif.json",
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n"
    )


def main() -> int:
    cf.FLAVOURS.extend(KERNEL_FLAVOURS)
    kernel_names = {f.name for f in KERNEL_FLAVOURS}
    original_execute = cf.execute

    def execute(fl, nb, log_dir, timeout):
        if fl.name not in kernel_names:
            return original_execute(fl, nb, log_dir, timeout)
        _current["flavour"] = fl.name
        saved = cf.NotebookClient
        cf.NotebookClient = _client_factory
        try:
            return original_execute(fl, nb, log_dir, timeout)
        finally:
            cf.NotebookClient = saved

    original_env = cf.kernel_env

    def kernel_env(fl, tmp):
        env = original_env(fl, tmp)
        if fl.name in kernel_names:
            env["PYTHONPATH"] = str(cf.REPO)  # the kernels import the companion from this checkout
        return env

    cf.execute = execute
    cf.kernel_env = kernel_env
    status = cf.main()
    _move_to_kernel_dir(kernel_names)
    if WHATIF:
        old = json.loads(WHATIF_PATH.read_text()) if WHATIF_PATH.exists() else {}
        old.update(WHATIF)
        WHATIF_PATH.write_text(json.dumps(old, indent=1, ensure_ascii=False) + "\n")
        print(f"wrote {WHATIF_PATH.relative_to(cf.REPO)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
