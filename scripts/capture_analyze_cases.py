#!/usr/bin/env python
"""Real Keras 3 summaries for analysis cases the fixture notebooks lack.

Writes src/analyze/__tests__/captured.ts: one TypeScript constant per case,
the text exactly as Keras 3 prints it with print_fn (rich's plain text), each
model built and printed in a fresh Python process with the jax backend and a
200-column console. Run from `make fixtures` (in the repository's .venv,
which has Keras and jax): `.venv/bin/python scripts/capture_analyze_cases.py`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "analyze" / "__tests__" / "captured.ts"

PRELUDE = """
import os
os.environ["KERAS_BACKEND"] = "jax"
import keras
from keras import layers
"""

# (constant, what the case is for, the model, line_length (None: Keras's own),
#  the console's COLUMNS: rich fits the table to it, so a narrow one cuts names)
CASES = [
    (
        "SHARED_LSTM_SUMMARY",
        "a layer shared by two inputs of independent lengths (so a `[1][0]` reference), next to an image input with open height and width.",
        """
        q = keras.Input(shape=(None, 16), name="query")
        d = keras.Input(shape=(None, 16), name="doc")
        enc = layers.LSTM(8, return_sequences=True, name="shared_lstm")
        qe = enc(q)
        de = enc(d)
        qp = layers.GlobalMaxPooling1D(name="q_pool")(qe)
        dp = layers.GlobalMaxPooling1D(name="d_pool")(de)
        img = keras.Input(shape=(None, None, 3), name="image")
        x = layers.Conv2D(4, 3, name="conv")(img)
        x = layers.GlobalAveragePooling2D(name="img_pool")(x)
        out = layers.Concatenate(name="concat")([qp, dp, x])
        out = layers.Dense(1, name="score")(out)
        m = keras.Model([q, d, img], out, name="matcher")
        """,
        120,
        200,
    ),
    (
        "STATES_SUMMARY",
        "an LSTM returning its sequence and its two states: the rows it feeds name its outputs with tensor indexes 0, 1 and 2.",
        """
        x = keras.Input(shape=(None, 4), name="steps")
        seq, h, c = layers.LSTM(
            8, return_sequences=True, return_state=True, name="encoder"
        )(x)
        y = layers.Dense(2, name="from_h")(h)
        z = layers.Dense(2, name="from_c")(c)
        s = layers.GlobalAveragePooling1D(name="pool")(seq)
        out = layers.Concatenate(name="concat")([y, z, s])
        m = keras.Model(x, out, name="states")
        """,
        120,
        200,
    ),
    (
        "CROSS_ATTENTION_SUMMARY",
        "a query and a value of independent lengths through Attention, MultiHeadAttention and Dot, then joined along time, along features and by Add.",
        """
        q = keras.Input(shape=(None, 16), name="query")
        v = keras.Input(shape=(None, 16), name="value")
        att = layers.Attention(name="attention")([q, v])
        mha = layers.MultiHeadAttention(num_heads=2, key_dim=8, name="cross_mha")(q, v)
        both = layers.Concatenate(axis=1, name="concat_time")([att, mha])
        feat = layers.Concatenate(name="concat_features")([att, mha])
        scores = layers.Dot(axes=2, name="dot")([q, v])
        added = layers.Add(name="add")([att, mha])
        pool_t = layers.GlobalMaxPooling1D(name="pool_time")(both)
        pool_f = layers.GlobalMaxPooling1D(name="pool_features")(feat)
        pool_a = layers.GlobalMaxPooling1D(name="pool_add")(added)
        pool_s = layers.GlobalMaxPooling1D(name="pool_scores")(scores)
        out = layers.Concatenate(name="heads")([pool_t, pool_f, pool_a, pool_s])
        m = keras.Model([q, v], out, name="cross")
        """,
        150,
        200,
    ),
    (
        "CUT_REFERENCE_SUMMARY",
        "a reference rich cut (`block_3_project_…`) whose layer is the nearer `block_3_project_bn`, while a layer named exactly `block_3_project_` stands further up.",
        """
        inp = keras.Input(shape=(None, 8), name="tokens")
        far = layers.Dense(4, name="block_3_project_")(inp)
        near = layers.Dense(6, name="block_3_project_bn")(far)
        head = layers.Dense(2, name="head")(near)
        side = layers.Dense(3, name="side")(inp)
        m = keras.Model(inp, [head, side], name="cut_refs")
        """,
        None,
        80,
    ),
]


def capture(model: str, line_length: int | None, columns: int) -> tuple[str, str]:
    width = "" if line_length is None else f", line_length={line_length}"
    code = (
        PRELUDE
        + textwrap.dedent(model)
        + f"m.summary(print_fn=lambda s, line_break=None: print(s){width})\n"
        + "print('\\x00versions', keras.__version__, __import__('jax').__version__)\n"
    )
    env = {**os.environ, "COLUMNS": str(columns), "KERAS_BACKEND": "jax"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    text, _, versions = done.stdout.rpartition("\x00versions ")
    return text, versions.strip()


def ts_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${")


def main() -> None:
    parts = [
        "// Written by scripts/capture_analyze_cases.py (make fixtures): real Keras 3\n"
        "// summaries for analysis cases the fixture notebooks lack. Do not edit.\n"
    ]
    for name, why, model, line_length, columns in CASES:
        text, versions = capture(model, line_length, columns)
        keras_version, jax_version = versions.split()
        parts.append(
            f"\n/**\n * A case the fixtures lack: {why}\n * Keras {keras_version} (jax {jax_version}), print_fn, line_length={line_length or 'default'}, COLUMNS={columns}.\n */\n"
            f"export const {name} = `{ts_string(text)}`;\n"
        )
    OUT.write_text("".join(parts), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
