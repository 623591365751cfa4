#!/usr/bin/env python
"""Capture REAL Keras ``model.summary()`` outputs as executed notebooks.

Run it through ``scripts/capture_fixtures.sh`` (``make fixtures``), which creates
the pinned virtualenvs and installs a kernelspec into each of them.  This script
runs inside the Keras 3 venv (it needs ``nbformat`` and ``nbclient``); it

1. builds one notebook per "flavour" with nbformat (each code cell starts with
   ``# fixture: <id>``),
2. executes it with nbclient in a real ipykernel started the way a Jupyter
   server without a TTY starts it (stdout/stderr of the kernel process go to a
   log file, a minimal environment without ``COLUMNS`` unless the flavour sets
   it),
3. post-processes the outputs (merges *consecutive* stream outputs like
   JupyterLab does, drops timing metadata, uses stable cell ids),
4. writes ``fixtures/<flavour>.ipynb`` and ``fixtures/manifest.json``.

A failing cell never stops the capture (``allow_errors=True``); it is recorded in
the manifest.  The exit status is 1 if a cell that should hold a summary does
not hold one, or if one of the format checks (e.g. the 76-column table) fails.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Callable

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

KERNEL_KERAS3 = "keras-summary-fixtures-keras3"
KERNEL_TFKERAS2 = "keras-summary-fixtures-tfkeras2"


# --------------------------------------------------------------------------
# Cell sources
# --------------------------------------------------------------------------


@dataclass
class Fixture:
    id: str
    description: str
    source: str  # body, without the "# fixture:" line; uses model.summary(...)
    summaries: int = 1  # how many summaries the cell must print
    flavours: tuple[str, ...] | None = None  # None = every flavour
    tfkeras_source: str | None = None  # replacement body for tf-keras


def _src(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


SETUP_KERAS3 = _src(
    """
    import warnings

    warnings.filterwarnings("ignore")  # keep venv paths out of the outputs

    import numpy as np
    import keras
    from keras import layers

    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)


    class SmallMLP(keras.Model):
        \"\"\"A subclassed model (no functional graph).\"\"\"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.hidden = layers.Dense(32, activation="relu")
            self.head = layers.Dense(1)

        def call(self, x):
            return self.head(self.hidden(x))


    class TwoHeads(layers.Layer):
        \"\"\"A layer whose output is a dict.\"\"\"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.score = layers.Dense(1, name="score")
            self.label = layers.Dense(3, activation="softmax", name="label")

        def call(self, x):
            return {"score": self.score(x), "label": self.label(x)}
    """
)

SETUP_TFKERAS2 = _src(
    """
    import warnings

    warnings.filterwarnings("ignore")  # keep venv paths out of the outputs

    import numpy as np
    import tensorflow as tf
    import tf_keras as keras
    from tf_keras import layers

    tf.get_logger().setLevel("ERROR")
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)


    class SmallMLP(keras.Model):
        \"\"\"A subclassed model (no functional graph).\"\"\"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.hidden = layers.Dense(32, activation="relu")
            self.head = layers.Dense(1)

        def call(self, x):
            return self.head(self.hidden(x))


    class TwoHeads(layers.Layer):
        \"\"\"A layer whose output is a dict.\"\"\"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.score = layers.Dense(1, name="score")
            self.label = layers.Dense(3, activation="softmax", name="label")

        def call(self, x):
            return {"score": self.score(x), "label": self.label(x)}
    """
)

NESTED_MODEL = """
    # encoder (functional, one frozen layer) inside block (Sequential) inside
    # nested_model (functional, non-sequential because of the skip connection)
    encoder_input = keras.Input(shape=(32,), name="encoder_input")
    e = layers.Dense(64, activation="relu", name="encoder_dense_1")(encoder_input)
    e = layers.Dense(32, activation="relu", name="encoder_dense_2")(e)
    encoder = keras.Model(encoder_input, e, name="encoder")
    encoder.get_layer("encoder_dense_1").trainable = False

    block = keras.Sequential(
        [
            keras.Input(shape=(32,)),
            encoder,
            layers.Dense(16, activation="relu", name="block_dense"),
        ],
        name="block",
    )

    features = keras.Input(shape=(32,), name="features")
    h = block(features)
    x = layers.Concatenate(name="skip_concat")([features, h])
    x = layers.Dense(8, name="frozen_projection", trainable=False)(x)
    outputs = layers.Dense(1, name="head")(x)
    nested_model = keras.Model(features, outputs, name="nested_model")
"""

FIXTURES_COMMON: list[Fixture] = [
    Fixture(
        "mlp",
        "Sequential Input((28,28)) -> Flatten -> Dense(128, relu) -> Dense(10)",
        """
        model = keras.Sequential(
            [
                keras.Input(shape=(28, 28)),
                layers.Flatten(),
                layers.Dense(128, activation="relu"),
                layers.Dense(10),
            ]
        )
        model.summary()
        """,
    ),
    Fixture(
        "rnn",
        "Sequential Input((None,100)) -> SimpleRNN(50) -> Dense(1)",
        """
        model = keras.Sequential(
            [
                keras.Input(shape=(None, 100)),
                layers.SimpleRNN(50),
                layers.Dense(1),
            ]
        )
        model.summary()
        """,
    ),
    Fixture(
        "two_inputs",
        "functional model with two inputs and a Concatenate (Connected to column)",
        """
        image_features = keras.Input(shape=(64,))
        metadata = keras.Input(shape=(8,))
        x = layers.Concatenate()([image_features, metadata])
        x = layers.Dense(32, activation="relu")(x)
        outputs = layers.Dense(3, activation="softmax")(x)
        model = keras.Model(inputs=[image_features, metadata], outputs=outputs)
        model.summary()
        """,
    ),
    Fixture(
        "text",
        "variable-length text: int Input((None,)) -> Embedding(10000,64) -> "
        "LSTM(32, return_sequences) -> GlobalMaxPooling1D -> Dense(1)",
        """
        model = keras.Sequential(
            [
                keras.Input(shape=(None,), dtype="int32"),
                layers.Embedding(10000, 64),
                layers.LSTM(32, return_sequences=True),
                layers.GlobalMaxPooling1D(),
                layers.Dense(1, activation="sigmoid"),
            ]
        )
        model.summary()
        """,
    ),
    Fixture(
        "fcn",
        "fully convolutional Input((None,None,3)) -> Conv2D -> MaxPooling2D -> "
        "Conv2D -> GlobalAveragePooling2D -> Dense",
        """
        model = keras.Sequential(
            [
                keras.Input(shape=(None, None, 3)),
                layers.Conv2D(16, 3, activation="relu"),
                layers.MaxPooling2D(),
                layers.Conv2D(32, 3, activation="relu"),
                layers.GlobalAveragePooling2D(),
                layers.Dense(10),
            ]
        )
        model.summary()
        """,
    ),
    Fixture(
        "nested",
        "functional model holding a Sequential that holds a functional model; "
        "frozen layers; summary(expand_nested=True, show_trainable=True)",
        NESTED_MODEL + "\n    nested_model.summary(expand_nested=True, show_trainable=True)\n",
    ),
    Fixture(
        "nested_plain",
        "the model of cell 'nested' with a plain summary()",
        """
        nested_model.summary()
        """,
    ),
    Fixture(
        "unbuilt",
        "subclassed model before it is built (Keras 3: '?' shapes, '0 (unbuilt)')",
        """
        model = SmallMLP(name="small_mlp")
        model.summary()
        """,
        # tf.keras 2 refuses summary() on an unbuilt subclassed model
        # (ValueError "This model has not yet been built..."), so build it from
        # an input shape only, without data.
        tfkeras_source="""
        model = SmallMLP(name="small_mlp")
        model.build((None, 16))  # tf.keras 2 refuses summary() before build
        model.summary()
        """,
    ),
    Fixture(
        "subclassed_built",
        "subclassed model after being called on data",
        """
        model = SmallMLP(name="small_mlp_built")
        model(np.zeros((2, 16), dtype="float32"))
        model.summary()
        """,
    ),
    Fixture(
        "fixed_batch",
        "Input((16,), batch_size=32) -> Dense",
        """
        model = keras.Sequential(
            [
                keras.Input(shape=(16,), batch_size=32),
                layers.Dense(8),
            ]
        )
        model.summary()
        """,
    ),
    Fixture(
        "multi_output",
        "LSTM(8, return_state=True) in a functional model with list outputs",
        """
        inputs = keras.Input(shape=(10, 4))
        sequence, state_h, state_c = layers.LSTM(8, return_state=True)(inputs)
        model = keras.Model(inputs, [sequence, state_h, state_c])
        model.summary()
        """,
    ),
    Fixture(
        "dict_output",
        "functional model with dict outputs produced by a layer returning a dict",
        """
        inputs = keras.Input(shape=(16,))
        h = layers.Dense(16, activation="relu")(inputs)
        outputs = TwoHeads(name="two_heads")(h)
        model = keras.Model(inputs, outputs, name="dict_output")
        model.summary()
        """,
    ),
    Fixture(
        "trained",
        "compiled model trained one epoch (verbose=0) on random data",
        """
        model = keras.Sequential(
            [
                keras.Input(shape=(20,)),
                layers.Dense(16, activation="relu"),
                layers.Dense(1),
            ]
        )
        model.compile(optimizer="adam", loss="mse")
        x_train = rng.normal(size=(64, 20)).astype("float32")
        y_train = rng.normal(size=(64, 1)).astype("float32")
        model.fit(x_train, y_train, epochs=1, batch_size=16, verbose=0)
        model.summary()
        """,
    ),
    Fixture(
        "resnet50",
        "keras.applications.ResNet50(weights=None)",
        """
        model = keras.applications.ResNet50(weights=None)
        model.summary()
        """,
    ),
    Fixture(
        "long_names",
        "layer names too long for the first column (one cut with an ellipsis, "
        "one wrapping at spaces) and a name with a space",
        """
        model = keras.Sequential(
            [
                keras.Input(shape=(16,)),
                layers.Dense(
                    32, name="a_really_long_layer_name_that_does_not_fit_in_the_column_at_all"
                ),
                layers.Dense(16, name="my dense"),
                layers.Dense(8, name="a layer name with several words that has to wrap"),
            ],
            name="long_names",
        )
        model.summary()
        """,
        # tf.keras 2 rejects names with spaces ("'my dense/' is not a valid
        # root scope name"), so only the underscore names are used there.
        tfkeras_source="""
        # tf.keras 2 rejects layer names with spaces (not a valid root scope name)
        model = keras.Sequential(
            [
                keras.Input(shape=(16,)),
                layers.Dense(
                    32, name="a_really_long_layer_name_that_does_not_fit_in_the_column_at_all"
                ),
                layers.Dense(16, name="my_dense"),
                layers.Dense(8, name="another_long_layer_name_with_a_long_type"),
            ],
            name="long_names",
        )
        model.summary()
        """,
    ),
    Fixture(
        "layer_range",
        "summary(layer_range=[names[1], names[-2]]) (first Dense .. Concatenate) on a branching functional model",
        """
        inputs = keras.Input(shape=(32,))
        a = layers.Dense(64, activation="relu")(inputs)
        a = layers.Dense(32, activation="relu")(a)
        b = layers.Dense(32, activation="relu")(inputs)
        x = layers.Concatenate()([a, b])
        outputs = layers.Dense(1)(x)
        model = keras.Model(inputs, outputs, name="layer_range")
        names = [layer.name for layer in model.layers]
        model.summary(layer_range=[names[1], names[-2]])
        """,
    ),
    Fixture(
        "masking",
        "functional model with Masking (Keras 3 adds op rows such as NotEqual)",
        """
        inputs = keras.Input(shape=(None, 8))
        x = layers.Masking(mask_value=0.0)(inputs)
        x = layers.LSTM(16)(x)
        outputs = layers.Dense(1)(x)
        model = keras.Model(inputs, outputs, name="masking")
        model.summary()
        """,
    ),
    Fixture(
        "batchnorm",
        "Conv2D + BatchNormalization (non-trainable params)",
        """
        model = keras.Sequential(
            [
                keras.Input(shape=(32, 32, 3)),
                layers.Conv2D(16, 3),
                layers.BatchNormalization(),
                layers.ReLU(),
                layers.Flatten(),
                layers.Dense(10),
            ],
            name="batchnorm",
        )
        model.summary()
        """,
    ),
    Fixture(
        "conv_mix",
        "Embedding, Conv1D, GRU, LSTM, LayerNormalization, MultiHeadAttention, "
        "SeparableConv2D, DepthwiseConv2D, Conv3D in one functional model",
        """
        tokens = keras.Input(shape=(50,), dtype="int32", name="tokens")
        t = layers.Embedding(1000, 32)(tokens)
        t = layers.Conv1D(32, 5, activation="relu")(t)
        t = layers.GRU(16, return_sequences=True)(t)
        t = layers.LSTM(16, return_sequences=True)(t)
        t = layers.LayerNormalization()(t)
        t = layers.MultiHeadAttention(num_heads=2, key_dim=16)(t, t)
        t = layers.GlobalAveragePooling1D()(t)

        image = keras.Input(shape=(32, 32, 3), name="image")
        i = layers.SeparableConv2D(16, 3)(image)
        i = layers.DepthwiseConv2D(3)(i)
        i = layers.GlobalAveragePooling2D()(i)

        volume = keras.Input(shape=(8, 16, 16, 1), name="volume")
        v = layers.Conv3D(4, 3)(volume)
        v = layers.GlobalAveragePooling3D()(v)

        x = layers.Concatenate()([t, i, v])
        outputs = layers.Dense(1)(x)
        model = keras.Model([tokens, image, volume], outputs, name="conv_mix")
        model.summary()
        """,
    ),
    Fixture(
        "print_around",
        "text printed before and after the summary in the same cell",
        """
        print("Building model...")
        model = keras.Sequential(
            [
                keras.Input(shape=(4,)),
                layers.Dense(2),
            ],
            name="print_around",
        )
        model.summary()
        print("done")
        """,
    ),
    Fixture(
        "two_summaries",
        "two summaries in one cell",
        """
        encoder = keras.Sequential(
            [keras.Input(shape=(8,)), layers.Dense(4)], name="tiny_encoder"
        )
        decoder = keras.Sequential(
            [keras.Input(shape=(4,)), layers.Dense(8)], name="tiny_decoder"
        )
        encoder.summary()
        decoder.summary()
        """,
        summaries=2,
    ),
]


# --------------------------------------------------------------------------
# Hostile names (issue 5): their own notebooks, never mixed into the others
# --------------------------------------------------------------------------
#
# Layer and model names come from user code, and notebooks come from anywhere.
# These cells give real Keras names holding HTML that would run script if it
# were ever parsed as HTML (each payload sets window.__ksPwned or calls
# alert(), which the UI tests watch for), quotes and entities, bidi and
# zero-width characters, names that look like parts of a summary, control
# characters, and 10,000-character names. Keras 3 refuses names holding `/`
# and tf.keras 2 refuses layer names outside [A-Za-z0-9._\\/>-]: the names
# those reject are hand-written in fixtures/handwritten/ instead.

FIXTURES_HOSTILE_KERAS3: list[Fixture] = [
    Fixture(
        "html_names",
        "layer and model names holding HTML elements and event handlers",
        r"""
        html_model = keras.Sequential(
            [
                keras.Input(shape=(8,)),
                layers.Dense(4, name='<img src=x onerror="window.__ksPwned=1;alert(1)">'),
                layers.Dense(4, name="<script>window.__ksPwned=2;alert(2)"),
                layers.Dense(4, name='<svg onload="window.__ksPwned=3">'),
                layers.Dense(
                    4, name='<iframe srcdoc="&lt;script&gt;parent.__ksPwned=4&lt;&#47;script&gt;">'
                ),
                layers.Dense(4, name='<a href="javascript:window.__ksPwned=5">click'),
                layers.Dense(4, name="<style>.jp-KerasSummary{display:none}"),
            ],
            name='<b onmouseover="window.__ksPwned=6">evil',
        )
        html_model.summary()
        """,
    ),
    Fixture(
        "quotes_entities",
        "names holding quotes, HTML entities, URL escapes and template syntax",
        r"""
        quotes_model = keras.Sequential(
            [
                keras.Input(shape=(3,)),
                layers.Dense(2, name="quote\"'`double\"\""),
                layers.Dense(2, name="&lt;b&gt;&amp;&#60;x&#x3E;"),
                layers.Dense(2, name="&nbsp;&quot;&#0;&bogus;"),
                layers.Dense(2, name="%3Cscript%3E{{7*7}}${alert(1)}"),
            ],
            name="it's \"quoted\" & <b>bold",
        )
        quotes_model.summary()
        """,
    ),
    Fixture(
        "unicode_names",
        "names holding bidi overrides and marks, zero-width characters, "
        "combining marks, emoji, CJK and Arabic",
        r"""
        unicode_model = keras.Sequential(
            [
                keras.Input(shape=(3,)),
                layers.Dense(2, name="rtl\u202egnp.exe"),
                layers.Dense(2, name="\u200fmarks\u200e"),
                layers.Dense(2, name="zero\u200bwidth\u200c\u200djoin\ufeff"),
                layers.Dense(2, name="e\u0301\u0301\u0301combining"),
                layers.Dense(2, name="emoji\U0001f642\U0001f643"),
                layers.Dense(2, name="\u5c64\u306e\u540d\u524d"),
                layers.Dense(2, name="\u0637\u0628\u0642\u0629_\u0643\u062b\u064a\u0641\u0629"),
            ],
            name="unicode\u202e\u200bmodel\u6a21\u578b",
        )
        unicode_model.summary()
        """,
    ),
    Fixture(
        "parser_names",
        "names that look like parts of a summary, and control characters",
        r"""
        parser_model = keras.Sequential(
            [
                keras.Input(shape=(3,)),
                layers.Dense(2, name="None"),
                layers.Dense(2, name="(None, 3)"),
                layers.Dense(2, name="Layer (type)"),
                layers.Dense(2, name='Model: "inner"'),
                layers.Dense(2, name="Non-trainable params: 0"),
                layers.Dense(2, name="\u2502\u2503\u250f\u2501\u2513 box"),
                layers.Dense(2, name="\u2514 fake_nested"),
                layers.Dense(2, name="tab\there"),
                layers.Dense(2, name="new\nline"),
                layers.Dense(2, name="ansi\x1b[31mred\x1b[0m"),
                layers.Dense(2, name="\r\x08\x07ctrl"),
            ],
            name='Model: "fake" Total',
        )
        parser_model.summary()
        """,
    ),
    Fixture(
        "connected_names",
        "a functional model whose hostile input names show in Connected to",
        r"""
        a = keras.Input(shape=(4,), name='<img src=x onerror="window.__ksPwned=8;alert(8)">')
        b = keras.Input(shape=(4,), name="quote\"'")
        x = layers.Concatenate(name="&amp;concat")([a, b])
        out = layers.Dense(1, name="\u202eout")(x)
        connected_model = keras.Model([a, b], out, name="<svg onload=window.__ksPwned=9>")
        connected_model.summary()
        """,
    ),
    Fixture(
        "long_names",
        "10,000-character names: one word, and words with spaces; "
        "a 10,000-character model name",
        r"""
        long_model = keras.Sequential(
            [
                keras.Input(shape=(3,)),
                layers.Dense(2, name="x" * 10000),
                layers.Dense(2, name=" ".join(["spaced"] * 1430)),
            ],
            name="m" * 10000,
        )
        long_model.summary()
        """,
    ),
    Fixture(
        "print_all",
        "every model above with summary(print_fn=print): the names arrive raw on stdout",
        r"""
        for m in [html_model, quotes_model, unicode_model, parser_model, connected_model, long_model]:
            m.summary(print_fn=print)
        """,
        summaries=6,
    ),
]

FIXTURES_HOSTILE_TFKERAS2: list[Fixture] = [
    Fixture(
        "model_names",
        "tf.keras 2 takes any model name: HTML (with `/`), quotes, entities, bidi",
        r"""
        for name in [
            '<img src=x onerror="window.__ksPwned=11;alert(11)">',
            "</pre><script>window.__ksPwned=12;alert(12)</script>",
            "quote\"'` &amp; &lt;b&gt;",
            "rtl\u202e zero\u200bwidth \u5c64",
        ]:
            model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(2)], name=name)
            model.summary()
        """,
        summaries=4,
    ),
    Fixture(
        "odd_layer_names",
        "the odd layer names tf.keras 2 accepts ([A-Za-z0-9.][A-Za-z0-9_.\\/>-]*)",
        r"""
        model = keras.Sequential(
            [
                keras.Input(shape=(3,)),
                layers.Dense(2, name="a>b"),
                layers.Dense(2, name="..\\.."),
                layers.Dense(2, name="0-->"),
                layers.Dense(2, name="x.y-z_w>"),
            ],
            name="odd_layer_names",
        )
        model.summary()
        """,
    ),
    Fixture(
        "long_names",
        "a 10,000-character layer name and a 10,000-character model name",
        r"""
        model = keras.Sequential(
            [keras.Input(shape=(3,)), layers.Dense(2, name="x" * 10000)],
            name="m" * 10000,
        )
        model.summary()
        """,
    ),
]


# --------------------------------------------------------------------------
# Flavours
# --------------------------------------------------------------------------


@dataclass
class Flavour:
    name: str
    title: str
    description: str
    kernel: str
    setup: str
    env: dict[str, str] = field(default_factory=dict)
    print_fn: bool = False
    tfkeras: bool = False
    only: tuple[str, ...] | None = None  # subset of fixture ids
    write_if_identical_to: str | None = None  # compare summaries, skip if same
    notes: list[str] = field(default_factory=list)
    cells: list[Fixture] | None = None  # default: FIXTURES_COMMON
    ascii_table: bool = False  # an ASCII table (two '=' rules per summary), not tf.keras
    merge_streams: bool = True  # False: keep stream outputs as the kernel sent them
    # More format checks: nb -> [(check, ok, detail)]
    extra_checks: Callable[[nbformat.NotebookNode], list[tuple[str, bool, str]]] | None = None


KERAS3_NOTES = [
    "dict_output: Keras 3 prints the dict output of a layer as a flattened list "
    "'[(None, 3), (None, 1)]' (tf-keras prints \"{'score': (None, 1), 'label': (None, 3)}\").",
    "Layer names such as dense_12 come from Keras' global name counters and depend "
    "on the cell order.",
]

FLAVOURS: list[Flavour] = [
    Flavour(
        "keras3-display",
        "Keras 3, default display path, no TTY, no COLUMNS",
        "Keras 3 (jax backend) model.summary() in a kernel whose stdout is not "
        "a TTY and whose environment has no COLUMNS: rich sends one "
        "display_data (text/html <pre> + text/plain with ANSI codes) per "
        "console.print; tables are at most 76 columns wide.",
        KERNEL_KERAS3,
        SETUP_KERAS3,
        env={"KERAS_BACKEND": "jax"},
        notes=KERAS3_NOTES,
    ),
    Flavour(
        "keras3-display-wide",
        "Keras 3, default display path, COLUMNS=200",
        "Same as keras3-display with COLUMNS=200 in the kernel environment: "
        "tables are 88 (sequential-like), 108 (other models) or 120 "
        "(show_trainable on a non-sequential model, which rich crops at 115) "
        "columns wide.",
        KERNEL_KERAS3,
        SETUP_KERAS3,
        env={"KERAS_BACKEND": "jax", "COLUMNS": "200"},
        notes=KERAS3_NOTES,
    ),
    Flavour(
        "keras3-print",
        "Keras 3, model.summary(print_fn=print)",
        "Keras 3 (jax backend) with model.summary(print_fn=print): the whole "
        "summary is one stdout stream of plain text (no ANSI), preceded by an "
        "empty display_data from rich. No TTY, no COLUMNS (76-column tables).",
        KERNEL_KERAS3,
        SETUP_KERAS3,
        env={"KERAS_BACKEND": "jax"},
        print_fn=True,
        notes=KERAS3_NOTES,
    ),
    Flavour(
        "tfkeras2",
        "tf.keras 2.x (tf-keras), default model.summary()",
        "tf-keras 2.x (import tf_keras as keras) default model.summary(): ASCII "
        "table printed to stdout line by line (one merged stream), '_' and '=' "
        "rules, 65 (sequential-like) or 98 columns wide.",
        KERNEL_TFKERAS2,
        SETUP_TFKERAS2,
        env={"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0"},
        tfkeras=True,
        notes=[
            "unbuilt: tf.keras 2 raises ValueError('This model has not yet been "
            "built...') for summary() on an unbuilt subclassed model; the cell "
            "builds it with model.build((None, 16)) (no data) first, so shapes "
            "print as 'multiple'.",
            "long_names: tf.keras 2 rejects layer names with spaces (\"'my dense/' "
            "is not a valid root scope name\"); underscore names are used instead.",
        ],
    ),
    Flavour(
        "tfkeras2-wide",
        "tf.keras 2.x (tf-keras) with COLUMNS=200",
        "Check only: tf-keras ignores the terminal width, so this notebook is "
        "written only if its summaries differ from tfkeras2.",
        KERNEL_TFKERAS2,
        SETUP_TFKERAS2,
        env={"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0", "COLUMNS": "200"},
        tfkeras=True,
        write_if_identical_to="tfkeras2",
    ),
    Flavour(
        "keras3-hostile",
        "Keras 3, hostile layer and model names",
        "Keras 3 (jax backend), default display path and print_fn=print, no "
        "TTY, no COLUMNS: names holding HTML and event handlers, quotes and "
        "entities, bidi and zero-width characters, summary look-alikes, "
        "control characters and 10,000 characters. Not part of the common "
        "fixtures: the hardening tests (issue 5) read it.",
        KERNEL_KERAS3,
        SETUP_KERAS3,
        env={"KERAS_BACKEND": "jax"},
        cells=FIXTURES_HOSTILE_KERAS3,
        notes=[
            "Keras 3 refuses names holding '/' (so no closing tags); those are "
            "hand-written in fixtures/handwritten/keras3-hostile-slash.txt.",
        ],
    ),
    Flavour(
        "tfkeras2-hostile",
        "tf.keras 2.x (tf-keras), hostile model names",
        "tf-keras 2.x default model.summary(): model names are free (HTML with "
        "'/', quotes, bidi); layer names must match "
        "[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*; 10,000-character names wrap over "
        "hundreds of lines.",
        KERNEL_TFKERAS2,
        SETUP_TFKERAS2,
        env={"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0"},
        tfkeras=True,
        cells=FIXTURES_HOSTILE_TFKERAS2,
    ),
]


# Old Keras versions and other printer branches (scripts/capture_formats.py).
sys.path.insert(0, str(Path(__file__).resolve().parent))
from capture_formats import format_flavours  # noqa: E402

FLAVOURS += format_flavours(
    Fixture,
    Flavour,
    FIXTURES_COMMON,
    setups={"keras3": SETUP_KERAS3, "tfkeras2": SETUP_TFKERAS2},
    kernels={"keras3": KERNEL_KERAS3, "tfkeras2": KERNEL_TFKERAS2},
)


def fixture_source(fx: Fixture, fl: Flavour) -> str:
    body = fx.tfkeras_source if (fl.tfkeras and fx.tfkeras_source) else fx.source
    body = _src(body)
    if fl.print_fn:
        body = re.sub(r"\.summary\(\)", ".summary(print_fn=print)", body)
        body = re.sub(r"\.summary\((?!print_fn)", ".summary(print_fn=print, ", body)
    return f"# fixture: {fx.id}\n{body}"


def build_notebook(fl: Flavour) -> tuple[nbformat.NotebookNode, list[dict]]:
    nb = nbformat.v4.new_notebook()
    intro = (
        f"# Keras summary fixture: {fl.name}\n\n"
        f"{fl.description}\n\n"
        "Generated by `scripts/capture_fixtures.py` (`make fixtures`); do not "
        "edit by hand. Each code cell starts with `# fixture: <id>`."
    )
    md = nbformat.v4.new_markdown_cell(intro)
    md["id"] = "intro"
    nb.cells.append(md)
    setup = nbformat.v4.new_code_cell(f"# fixture: setup\n{fl.setup}")
    setup["id"] = "setup"
    nb.cells.append(setup)
    plan = [{"id": "setup", "description": "imports, seeds, helper classes", "summaries": 0}]
    for fx in fl.cells if fl.cells is not None else FIXTURES_COMMON:
        if fl.only and fx.id not in fl.only:
            continue
        if fx.flavours and fl.name not in fx.flavours:
            continue
        cell = nbformat.v4.new_code_cell(fixture_source(fx, fl))
        cell["id"] = fx.id
        nb.cells.append(cell)
        plan.append({"id": fx.id, "description": fx.description, "summaries": fx.summaries})
    return nb, plan


# --------------------------------------------------------------------------
# Execution
# --------------------------------------------------------------------------

PROBE = _src(
    """
    import json as _json, os as _os, platform as _platform, shutil as _shutil, sys as _sys
    from importlib import metadata as _md

    def _v(name):
        try:
            return _md.version(name)
        except _md.PackageNotFoundError:
            return None

    _info = {
        "python": _platform.python_version(),
        "versions": {
            name: _v(name)
            for name in [
                "keras", "tf-keras", "tensorflow", "tensorflow-cpu", "jax", "jaxlib",
                "rich", "ipykernel", "ipython", "numpy", "theano",
            ]
        },
        "stdout_isatty": _os.isatty(_sys.__stdout__.fileno()),
        "terminal_size": list(_shutil.get_terminal_size()),
        "COLUMNS": _os.environ.get("COLUMNS"),
        "keras_backend": _os.environ.get("KERAS_BACKEND"),
    }
    try:
        import rich.console as _rc
        _c = _rc.Console()
        _info["rich_is_jupyter"] = _c.is_jupyter
        _info["rich_console_width"] = _c.width
    except Exception:
        pass
    print("PROBE" + _json.dumps(_info))
    """
)

KEEP_ENV = ("PATH", "LANG", "LC_ALL", "TZ", "SYSTEMROOT")


def kernel_env(fl: Flavour, tmp: Path) -> dict[str, str]:
    """A minimal environment, like a Jupyter server started by a service (no TTY)."""
    env = {k: os.environ[k] for k in KEEP_ENV if k in os.environ}
    env.setdefault("LANG", "C.UTF-8")
    env.update(
        {
            "HOME": str(tmp / "home"),
            "KERAS_HOME": str(tmp / "keras_home"),
            "IPYTHONDIR": str(tmp / "ipython"),
            "MPLCONFIGDIR": str(tmp / "mpl"),
            "TMPDIR": str(tmp),
            "PYTHONHASHSEED": "0",
            "PYTHONIOENCODING": "utf-8",
            "JAX_PLATFORMS": "cpu",
            "CUDA_VISIBLE_DEVICES": "",
        }
    )
    env.update(fl.env)
    for d in ("home", "keras_home", "ipython", "mpl"):
        (tmp / d).mkdir(exist_ok=True)
    return env


def merge_consecutive_streams(outputs: list) -> list:
    """Merge consecutive stream outputs of the same name, as JupyterLab does."""
    merged: list = []
    for out in outputs:
        if (
            out.get("output_type") == "stream"
            and merged
            and merged[-1].get("output_type") == "stream"
            and merged[-1]["name"] == out["name"]
        ):
            merged[-1]["text"] += out["text"]
        else:
            merged.append(out)
    return merged


def execute(fl: Flavour, nb: nbformat.NotebookNode, log_dir: Path, timeout: int) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"kfix-{fl.name}-") as tmpname:
        tmp = Path(tmpname)
        env = kernel_env(fl, tmp)
        client = NotebookClient(
            nb,
            kernel_name=fl.kernel,
            timeout=timeout,
            allow_errors=True,
            record_timing=False,
            resources={"metadata": {"path": str(tmp)}},
        )
        log_path = log_dir / f"{fl.name}.kernel.log"
        with open(log_path, "wb") as log:
            # stdout/stderr of the kernel process are a file, never a TTY
            with client.setup_kernel(env=env, stdout=log, stderr=log, cwd=str(tmp)):
                info = client.wait_for_reply(client.kc.kernel_info())
                if info and "language_info" in info["content"]:
                    nb.metadata["language_info"] = info["content"]["language_info"]
                for index, cell in enumerate(nb.cells):
                    if cell.cell_type != "code":
                        continue
                    t0 = time.monotonic()
                    client.execute_cell(cell, index)
                    print(f"    [{fl.name}] {cell['id']}: {time.monotonic() - t0:.1f}s", flush=True)
                # Probe the kernel (versions, TTY, terminal size) in a cell that
                # is removed again; nbclient stores executed cells by index.
                probe_cell = nbformat.v4.new_code_cell(PROBE)
                nb.cells.append(probe_cell)
                try:
                    client.execute_cell(probe_cell, len(nb.cells) - 1, store_history=False)
                finally:
                    probe_cell = nb.cells.pop()
    probe = {}
    for out in probe_cell.outputs:
        if out.get("output_type") == "stream" and "PROBE" in out.get("text", ""):
            probe = json.loads(out["text"].split("PROBE", 1)[1])
    return probe


# --------------------------------------------------------------------------
# Analysis
# --------------------------------------------------------------------------


def output_text(out) -> str:
    if out.get("output_type") == "stream":
        return out.get("text", "")
    if out.get("output_type") in ("display_data", "execute_result"):
        return out.get("data", {}).get("text/plain", "")
    if out.get("output_type") == "error":
        return "\n".join(out.get("traceback", []))
    return ""


def table_widths(text: str) -> list[int]:
    widths = []
    for line in ANSI_RE.sub("", text).splitlines():
        if line.startswith("┏"):  # rich HEAVY_HEAD top border (Keras 3)
            widths.append(len(line))
        elif re.fullmatch(r"=+", line):  # tf.keras 2 header rule
            widths.append(len(line))
    return widths


def analyse_cell(cell, expected: int, ascii_table: bool) -> dict:
    outputs = cell.get("outputs", [])
    kinds = []
    for out in outputs:
        kind = out["output_type"]
        if kind == "stream":
            kind = f"stream:{out['name']}"
        kinds.append(kind)
    text = "".join(output_text(o) for o in outputs)
    plain = ANSI_RE.sub("", text)
    info: dict = {
        "id": cell["id"],
        "expected_summaries": expected,
        "summaries": plain.count("Total params:"),
        "outputs": kinds,
    }
    widths = table_widths(text)
    if ascii_table:
        widths = widths[::2]  # each ASCII summary has two '=' rules
    if widths:
        info["table_widths"] = widths
    errors = [o for o in outputs if o["output_type"] == "error"]
    if errors:
        info["status"] = "error"
        info["error"] = f"{errors[0]['ename']}: {errors[0]['evalue']}"
    elif info["summaries"] != expected:
        info["status"] = "missing-summary"
    else:
        info["status"] = "ok"
    if any(k == "stream:stderr" for k in kinds):
        info["stderr"] = True
    return info


def summary_texts(nb) -> dict[str, str]:
    return {
        c["id"]: "".join(output_text(o) for o in c.get("outputs", []))
        for c in nb.cells
        if c.cell_type == "code"
    }


def checks_for(fl: Flavour, cells: dict[str, dict], nb) -> list[dict]:
    """Format checks the parser author relies on."""
    results = []

    def check(name: str, ok: bool, detail: str) -> None:
        results.append({"check": name, "ok": bool(ok), "detail": detail})

    texts = {k: ANSI_RE.sub("", v) for k, v in summary_texts(nb).items()}
    w = lambda cid: cells.get(cid, {}).get("table_widths", [])  # noqa: E731
    if fl.name in ("keras3-display", "keras3-print"):
        check("mlp table is 76 wide (no TTY, no COLUMNS)", w("mlp") == [76], f"{w('mlp')}")
        check("two_inputs table is 76 wide", w("two_inputs") == [76], f"{w('two_inputs')}")
    if fl.name == "keras3-display":
        raw = summary_texts(nb).get("mlp", "")
        check("mlp text/plain carries ANSI codes", "\x1b[" in raw, "ESC[ found" if "\x1b[" in raw else "none")
        outs = next(c for c in nb.cells if c.get("id") == "mlp")["outputs"]
        n = sum(1 for o in outs if o["output_type"] == "display_data")
        check("mlp: one display_data per console.print", n == 5, f"{n} display_data outputs")
        htmls = [o["data"].get("text/html", "") for o in outs if o["output_type"] == "display_data"]
        check(
            "display_data text/html is a rich <pre>",
            all(h.startswith('<pre style="white-space:pre;') for h in htmls),
            f"{len(htmls)} html parts",
        )
    if fl.name == "keras3-display-wide":
        check("mlp table is 88 wide", w("mlp") == [88], f"{w('mlp')}")
        check("two_inputs table is 108 wide", w("two_inputs") == [108], f"{w('two_inputs')}")
        top = next((l for l in texts.get("nested", "").splitlines() if l.startswith("┏")), "")
        check(
            "nested (show_trainable, functional) cropped at 115, no right border",
            len(top) == 115 and not top.endswith("┓"),
            f"width {len(top)}, ends with {top[-1:]!r}",
        )
    if fl.name == "keras3-print":
        outs = next(c for c in nb.cells if c.get("id") == "mlp")["outputs"]
        streams = [o for o in outs if o["output_type"] == "stream"]
        check(
            "mlp: whole summary in one stdout stream without ANSI",
            len(streams) == 1 and "Total params:" in streams[0]["text"] and "\x1b" not in streams[0]["text"],
            f"{len(streams)} streams",
        )
    if fl.name == "keras3-hostile":
        raw = summary_texts(nb).get("print_all", "")
        check(
            "print_fn=print: names arrive raw on stdout",
            # rich wraps the name at its space: `<img src=x` / `onerror="…`
            "<img src=x" in raw and 'onerror="window.__ksPwned=1;al' in raw,
            "raw <img> found" if "<img" in raw else "none",
        )
        outs = next(c for c in nb.cells if c.get("id") == "html_names")["outputs"]
        html = "".join(o["data"].get("text/html", "") for o in outs if o["output_type"] == "display_data")
        check(
            "display path: names escaped in text/html",
            "&lt;img src=x" in html and "<img" not in html,
            "escaped" if "&lt;img" in html else "not escaped",
        )
    if fl.name == "tfkeras2-hostile":
        raw = summary_texts(nb).get("model_names", "")
        check(
            "tf.keras 2 prints model names raw",
            'Model: "</pre><script>window.__ksPwned=12;alert(12)</script>"' in raw,
            "raw" if "</pre><script>" in raw else "none",
        )
    if fl.extra_checks:
        for name, ok, detail in fl.extra_checks(nb):
            check(name, ok, detail)
    if fl.tfkeras and fl.cells is None:
        t = texts.get("mlp", "")
        check(
            "tf.keras ASCII: '_' and '=' rules",
            re.search(r"^_{20,}$", t, re.M) is not None and re.search(r"^={20,}$", t, re.M) is not None,
            f"widths {w('mlp')}",
        )
        check("tf.keras mlp is 65 wide", w("mlp") == [65], f"{w('mlp')}")
        check("tf.keras two_inputs is 98 wide", w("two_inputs") == [98], f"{w('two_inputs')}")
    return results


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def driver_versions() -> dict:
    out = {}
    for name in ("nbclient", "nbformat", "jupyter_client"):
        try:
            out[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            out[name] = None
    return out


def finalise_notebook(nb, fl: Flavour, versions: dict, cells_info: list[dict], kernel: dict) -> None:
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nb.metadata.pop("widgets", None)
    nb.metadata["keras_summary_fixture"] = {
        "flavour": fl.name,
        "title": fl.title,
        "description": fl.description,
        "generated_by": "scripts/capture_fixtures.py (make fixtures)",
        "versions": versions,
        "kernel": kernel,
        "fixtures": [c["id"] for c in cells_info],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", help="flavours to capture (default: all)")
    ap.add_argument("--out", default=str(FIXTURES), help="output directory")
    ap.add_argument("--timeout", type=int, default=600, help="per-cell timeout (s)")
    ap.add_argument(
        "--log-dir",
        default=str(REPO / ".venv-fixtures-logs"),
        help="where the kernels' own stdout/stderr go",
    )
    args = ap.parse_args()

    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    log_dir = Path(args.log_dir)
    log_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out_dir / "manifest.json"
    old_manifest = {}
    if manifest_path.exists():
        try:
            old_manifest = json.loads(manifest_path.read_text())
        except ValueError:
            old_manifest = {}
    old_entries = {e["flavour"]: e for e in old_manifest.get("notebooks", [])}
    old_skipped = {e["flavour"]: e for e in old_manifest.get("skipped_notebooks", [])}

    selected = [f for f in FLAVOURS if not args.only or f.name in args.only]
    unknown = set(args.only or []) - {f.name for f in FLAVOURS}
    if unknown:
        ap.error(f"unknown flavour(s): {', '.join(sorted(unknown))}")

    executed: dict[str, nbformat.NotebookNode] = {}
    entries: dict[str, dict] = {}
    skipped: dict[str, dict] = {}
    problems: list[str] = []
    for fl in selected:
        print(f"==> {fl.name}", flush=True)
        nb, plan = build_notebook(fl)
        t0 = time.monotonic()
        probe = execute(fl, nb, log_dir, args.timeout)
        print(f"    {fl.name}: executed in {time.monotonic() - t0:.0f}s", flush=True)
        versions = {"python": probe.get("python")}
        # tf's keras 3 dependency, when tf-keras is the Keras in use
        irrelevant = {"keras", "rich"} if probe.get("versions", {}).get("tf-keras") else set()
        versions.update(
            {k: v for k, v in probe.get("versions", {}).items() if v and k not in irrelevant}
        )
        if fl.env.get("KERAS_BACKEND"):
            versions["keras_backend"] = fl.env["KERAS_BACKEND"]
        versions.update(driver_versions())
        for cell in nb.cells:
            if cell.cell_type == "code" and fl.merge_streams:
                cell.outputs = merge_consecutive_streams(cell.outputs)
        by_id = {c["id"]: c for c in nb.cells if c.cell_type == "code"}
        cells_info = [
            analyse_cell(by_id[p["id"]], p["summaries"], fl.tfkeras or fl.ascii_table)
            | {"description": p["description"]}
            for p in plan
        ]
        kernel = {
            "kernelspec": fl.kernel,
            "env": dict(fl.env),
            "COLUMNS": probe.get("COLUMNS"),
            "stdout_isatty": probe.get("stdout_isatty"),
            "terminal_size": probe.get("terminal_size"),
        }
        if "rich_is_jupyter" in probe and not fl.tfkeras:
            kernel["rich_is_jupyter"] = probe["rich_is_jupyter"]
            kernel["rich_console_width"] = probe["rich_console_width"]
        finalise_notebook(nb, fl, versions, cells_info, kernel)
        checks = checks_for(fl, {c["id"]: c for c in cells_info}, nb)
        if probe.get("stdout_isatty"):
            problems.append(f"{fl.name}: kernel stdout is a TTY")
        for c in cells_info:
            if c["status"] != "ok":
                problems.append(f"{fl.name}/{c['id']}: {c['status']} {c.get('error', '')}".rstrip())
            if c.get("stderr"):
                print(f"    note: {fl.name}/{c['id']} wrote to stderr", flush=True)
        for ch in checks:
            if not ch["ok"]:
                problems.append(f"{fl.name}: check failed: {ch['check']} ({ch['detail']})")

        executed[fl.name] = nb
        rel = f"fixtures/{fl.name}.ipynb"
        if fl.write_if_identical_to:
            base = executed.get(fl.write_if_identical_to)
            if base is None:
                base_path = out_dir / f"{fl.write_if_identical_to}.ipynb"
                base = nbformat.read(base_path, as_version=4) if base_path.exists() else None
            if base is not None:
                mine, theirs = summary_texts(nb), summary_texts(base)
                same = mine.keys() == theirs.keys() and all(mine[k] == theirs[k] for k in mine)
                if same:
                    skipped[fl.name] = {
                        "flavour": fl.name,
                        "reason": f"every cell's output is identical to {fl.write_if_identical_to} "
                        f"(kernel env {fl.env}): tf-keras ignores the terminal width; not written",
                        "versions": versions,
                    }
                    stale = out_dir / f"{fl.name}.ipynb"
                    if stale.exists():
                        stale.unlink()
                    print(f"    {fl.name}: identical to {fl.write_if_identical_to}; not written")
                    continue
        nbformat.validate(nb)
        nbformat.write(nb, out_dir / f"{fl.name}.ipynb")
        entries[fl.name] = {
            "path": rel,
            "flavour": fl.name,
            "title": fl.title,
            "description": fl.description,
            "versions": versions,
            "kernel": kernel,
            "cells": cells_info,
            "checks": checks,
            "notes": fl.notes,
        }
        print(f"    wrote {rel}", flush=True)

    # merge with entries of flavours not run this time
    notebooks = []
    skipped_list = []
    for fl in FLAVOURS:
        if fl.name in entries:
            notebooks.append(entries[fl.name])
        elif fl.name in skipped:
            skipped_list.append(skipped[fl.name])
        elif fl not in selected:
            if fl.name in old_entries:
                notebooks.append(old_entries[fl.name])
            elif fl.name in old_skipped:
                skipped_list.append(old_skipped[fl.name])
    handwritten = sorted(p.name for p in (out_dir / "handwritten").glob("*.txt"))
    manifest = {
        "generated_by": "scripts/capture_fixtures.py",
        "regenerate": "make fixtures  (bash scripts/capture_fixtures.sh)",
        "cell_marker": "# fixture: <id>  (first line of every code cell; cell id == fixture id)",
        "notebooks": notebooks,
        "skipped_notebooks": skipped_list,
        "handwritten": {
            "directory": "fixtures/handwritten",
            "note": "Hand-written summaries: Keras 1.2 (written before Keras 1 ran here on Theano; "
            "the real captures are fixtures/keras1.*.ipynb), hostile names real Keras refuses "
            "(keras3-hostile-*) and branches no installable version reaches; see README.md there.",
            "files": handwritten,
        },
    }
    manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {manifest_path.relative_to(REPO) if manifest_path.is_relative_to(REPO) else manifest_path}")

    if problems:
        print("\nPROBLEMS:")
        for p in problems:
            print(f"  - {p}")
        return 1
    print("\nall fixture cells hold their summaries; all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
