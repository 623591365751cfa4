"""Flavours of ``capture_fixtures.py`` for the printer branches the common
fixtures do not reach: old Keras versions (0.3, 1.x, 2.0-2.3 on Theano; tf.keras
2.12), Keras 3.0, Keras 3's other ways out (absl logging, a console that is not
UTF-8), summaries quoted with an indent, and stream outputs stored as nbclient
stores them (one per message). ``fixtures/BRANCHES.md`` lists every branch of
the summary code with the fixture that covers it.

``capture_fixtures.py`` calls :func:`format_flavours` with its own ``Fixture``
and ``Flavour`` classes; the venvs come from ``capture_formats.sh``.
"""

from __future__ import annotations

import textwrap
from pathlib import Path


def _src(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


KERNEL_THEANO = "keras-summary-fixtures-theano"
KERNEL_TF212 = "keras-summary-fixtures-tf212"
KERNEL_KERAS30 = "keras-summary-fixtures-keras30"

# Keras 0.3-2.3 on Theano, in a Python 3.11 kernel. Python 3.10 removed the
# collections aliases and 3.11 inspect.getargspec, which these versions import
# or call while building layers; the setup puts them back. The printers
# (print_summary, model_summary) use none of them.
SETUP_THEANO = _src(
    """
    import collections
    import collections.abc
    import inspect

    for _name in ("Iterable", "Mapping", "MutableMapping", "Sequence", "Callable"):
        if not hasattr(collections, _name):
            setattr(collections, _name, getattr(collections.abc, _name))
    if not hasattr(inspect, "getargspec"):
        inspect.getargspec = lambda f: inspect.getfullargspec(f)[:4]

    import warnings

    warnings.filterwarnings("ignore")  # keep venv paths out of the outputs

    import numpy as np

    np.random.seed(0)
    import theano.ifelse  # Keras 1.2-2.0 call theano.ifelse.ifelse without importing it
    import keras

    print("keras", keras.__version__)
    """
)

# Keras 2.0.2 (as 2.0.5; not 2.0.8) reads `getargspec(f).args`: its shim gives a named tuple.
SETUP_THEANO_NAMED = SETUP_THEANO.replace(
    "inspect.getargspec = lambda f: inspect.getfullargspec(f)[:4]",
    "_ArgSpec = collections.namedtuple(\"ArgSpec\", \"args varargs keywords defaults\")\n"
    "    inspect.getargspec = lambda f: _ArgSpec(*inspect.getfullargspec(f)[:4])",
)
assert SETUP_THEANO_NAMED != SETUP_THEANO

# One flavour per old Keras: (flavour, version, API family, title).
OLD_KERAS = [
    ("keras0.3", "0.3.3", "k0", "Keras 0.3 (model_summary, Sequential and Graph)"),
    ("keras1.0", "1.0.3", "k1-early", "Keras 1.0.0-1.0.3 printer (absolute positions 35/55/67)"),
    ("keras1.1", "1.1.1", "k1", "Keras 1.0.4-1.1.1 printer (no separating space, total only)"),
    ("keras1.2", "1.2.2", "k1", "Keras 1.2 printer (trainable and non-trainable totals)"),
    ("keras2-2.0.2", "2.0.2", "k2", "Keras 2.0.0-2.0.3 printer (totals as floats: `Total params: 42.0`)"),
    ("keras2-2.0", "2.0.8", "k2", "Keras 2.0 printer (no heading, 100 columns)"),
    ("keras2-2.2", "2.2.4", "k2", "Keras 2.1-2.2.4 printer (no heading, 98 columns)"),
    ("keras2-2.3", "2.3.1", "k2", "Keras 2.2.5-2.3 printer (Model: heading, cells cut at the edge)"),
]

CELLS_K0 = [
    (
        "mlp",
        "Sequential Dense(512, input_dim=784) -> relu -> Dense(10) -> softmax",
        """
        from keras.models import Sequential
        from keras.layers.core import Activation, Dense

        model = Sequential()
        model.add(Dense(512, input_dim=784))
        model.add(Activation("relu"))
        model.add(Dense(10))
        model.add(Activation("softmax"))
        model.summary()
        """,
        1,
    ),
    (
        "graph",
        "Graph: two inputs, a shared Dense, two outputs",
        """
        from keras.models import Graph

        graph = Graph()
        graph.add_input(name="left", input_shape=(32,))
        graph.add_input(name="right", input_shape=(32,))
        graph.add_node(Dense(16), name="hidden", inputs=["left", "right"], merge_mode="concat")
        graph.add_node(Dense(1), name="score", input="hidden")
        graph.add_output(name="out", input="score")
        graph.summary()
        """,
        1,
    ),
]

CELLS_K1 = [
    (
        "mlp",
        "Sequential Dense(512, input_shape=(784,)) relu, Dropout, Dense(10) softmax (mnist_mlp.py)",
        """
        from keras.models import Model, Sequential
        from keras.layers import Activation, Dense, Dropout, Input, merge

        try:  # Keras 1.1 and later
            from keras.layers import Convolution1D, Convolution2D, Flatten, MaxPooling2D
            from keras.layers import GlobalMaxPooling1D, GlobalMaxPooling2D
        except ImportError:
            pass

        model = Sequential()
        model.add(Dense(512, input_shape=(784,)))
        model.add(Activation("relu"))
        model.add(Dropout(0.2))
        model.add(Dense(10))
        model.add(Activation("softmax"))
        model.summary()
        """,
        1,
    ),
    (
        "cnn_cut",
        "functional: Input((None, None, 3)) -> Conv2D(32) -> pool -> Conv2D(64) -> global max pool, "
        "merged with a second input: (None, None, None, 32) is cut at the column's edge",
        """
        image = Input(shape=(None, None, 3), name="image")
        x = Convolution2D(32, 3, 3, activation="relu", dim_ordering="tf")(image)
        x = MaxPooling2D(dim_ordering="tf")(x)
        x = Convolution2D(64, 3, 3, activation="relu", dim_ordering="tf")(x)
        x = GlobalMaxPooling2D(dim_ordering="tf")(x)
        meta = Input(shape=(10,), name="meta")
        x = merge([x, meta], mode="concat")
        cnn = Model(input=[image, meta], output=Dense(1)(x))
        cnn.summary()
        """,
        1,
    ),
    (
        "shared",
        "a shared Conv1D on two inputs of different lengths (multiple), shared global pooling",
        """
        long_in = Input(shape=(30, 16))
        short_in = Input(shape=(20, 16))
        conv = Convolution1D(64, 3)
        pool = GlobalMaxPooling1D()
        x = merge([pool(conv(long_in)), pool(conv(short_in))], mode="concat")
        shared = Model(input=[long_in, short_in], output=Dense(1)(x))
        shared.summary()
        """,
        1,
    ),
    (
        "multi_output",
        "a two-output model used as a layer: its row shows a list of shapes, cut at the edge",
        """
        inner_in = Input(shape=(28, 28, 1))
        a = Convolution2D(4, 3, 3, border_mode="same", dim_ordering="tf")(inner_in)
        b = Convolution2D(8, 3, 3, border_mode="same", dim_ordering="tf")(inner_in)
        inner = Model(input=inner_in, output=[a, b])
        outer_in = Input(shape=(28, 28, 1))
        p, q = inner(outer_in)
        x = merge([Flatten()(p), Flatten()(q)], mode="concat")
        outer = Model(input=outer_in, output=Dense(2)(x))
        outer.summary()
        """,
        1,
    ),
]

# Keras 1.0.0-1.0.3 have no global pooling layers yet.
CELLS_K1_EARLY = [
    CELLS_K1[0],
    (
        "merged",
        "functional: two inputs, Dense each, merge(mode='concat'), Dense(1)",
        """
        left = Input(shape=(16,), name="left")
        right = Input(shape=(8,), name="right")
        x = merge([Dense(4)(left), Dense(4)(right)], mode="concat")
        merged = Model(input=[left, right], output=Dense(1)(x))
        merged.summary()
        """,
        1,
    ),
]

CELLS_K2 = [
    (
        "mlp",
        "Sequential Dense(512, relu, input_shape=(784,)) -> Dropout -> Dense(10, softmax) (mnist_mlp.py)",
        """
        from keras.models import Model, Sequential
        from keras.layers import (Conv1D, Conv2D, Conv3D, Dense, Dropout, Flatten, GlobalAveragePooling3D,
                                  GlobalMaxPooling1D, GlobalMaxPooling2D, Input, MaxPooling2D, concatenate)

        model = Sequential()
        model.add(Dense(512, activation="relu", input_shape=(784,)))
        model.add(Dropout(0.2))
        model.add(Dense(10, activation="softmax"))
        model.summary()
        """,
        1,
    ),
    (
        "cnn_cut",
        "functional: Input((None, None, 3)) -> Conv2D(32) -> pool -> Conv2D(64) -> global max pool, "
        "concatenated with a second input: (None, None, None, 32) is cut at the column's edge",
        """
        image = Input(shape=(None, None, 3), name="image")
        x = Conv2D(32, 3, activation="relu")(image)
        x = MaxPooling2D()(x)
        x = Conv2D(64, 3, activation="relu")(x)
        x = GlobalMaxPooling2D()(x)
        meta = Input(shape=(10,), name="meta")
        x = concatenate([x, meta])
        cnn = Model([image, meta], Dense(1)(x))
        cnn.summary()
        """,
        1,
    ),
    (
        "shared",
        "a shared Conv1D on two inputs of different lengths (multiple), shared global pooling",
        """
        long_in = Input(shape=(30, 16))
        short_in = Input(shape=(20, 16))
        conv = Conv1D(64, 3)
        pool = GlobalMaxPooling1D()
        x = concatenate([pool(conv(long_in)), pool(conv(short_in))])
        shared = Model([long_in, short_in], Dense(1)(x))
        shared.summary()
        """,
        1,
    ),
    (
        "multi_output",
        "a two-output model used as a layer: its row shows a list of shapes, cut at the edge",
        """
        inner_in = Input(shape=(28, 28, 1))
        a = Conv2D(4, 3, padding="same")(inner_in)
        b = Conv2D(8, 3, padding="same")(inner_in)
        inner = Model(inner_in, [a, b])
        outer_in = Input(shape=(28, 28, 1))
        p, q = inner(outer_in)
        x = concatenate([Flatten()(p), Flatten()(q)])
        outer = Model(outer_in, Dense(2)(x))
        outer.summary()
        """,
        1,
    ),
    (
        "conv3d_cut",
        "Sequential Conv3D on (None, None, None, 1): (None, None, None, None, 8) is cut in the 65-column table",
        """
        volume = Sequential()
        volume.add(Conv3D(8, 3, input_shape=(None, None, None, 1)))
        volume.add(GlobalAveragePooling3D())
        volume.add(Dense(2))
        volume.summary()
        """,
        1,
    ),
    (
        "long_names",
        "layer names longer than the first column (32 or 33 characters): the printer cuts the cell "
        "at the column's edge, so a name that fills it keeps no '(Type)', and the Connected to "
        "column cuts the references to them",
        """
        from keras.layers import GlobalAveragePooling1D

        tokens = Input(shape=(None, 16), name="token_features_with_a_long_name")
        convolved = Conv1D(32, 3, name="temporal_convolution_over_the_tokens")(tokens)
        pooled_max = GlobalMaxPooling1D(name="global_max_pooling_over_time_steps")(convolved)
        pooled_mean = GlobalAveragePooling1D(name="global_average_pooling_over_time")(convolved)
        joined = concatenate([pooled_max, pooled_mean], name="joined")
        long_names = Model(tokens, Dense(2, name="classifier")(joined))
        long_names.summary()
        """,
        1,
    ),
]

# Models nested two deep, with names that fill the first column: the 2.7-2.12
# printer cuts a framed row's first cell as wide as an unframed one while it
# starts the row's other columns early, so the cell runs into the next one.
NESTED_CUT = (
    "nested_cut",
    "an augmentation Sequential and a head Sequential holding another Sequential "
    "(expand_nested=True, show_trainable=True), names cut in the framed rows at depths 1 and 2",
    """
    augment = keras.Sequential(
        [layers.RandomFlip(name="random_flip"), layers.RandomRotation(0.1, name="random_rotation")],
        name="img_augmentation",
    )
    inner = keras.Sequential(
        [
            keras.Input(shape=(8,)),
            layers.Dense(8, name="dense_in_the_inner_block"),
            layers.BatchNormalization(name="batch_normalization"),
        ],
        name="inner_block",
    )
    head = keras.Sequential(
        [
            keras.Input(shape=(32, 32, 3)),
            layers.Conv2D(8, 3, name="convolution_over_images"),
            layers.GlobalAveragePooling2D(name="pooling"),
            inner,
        ],
        name="image_head",
    )
    images = keras.Input(shape=(32, 32, 3), name="images")
    outputs = layers.Dense(2, name="prediction")(head(augment(images)))
    nested_cut = keras.Model(images, outputs, name="nested_cut")
    nested_cut.summary(expand_nested=True, show_trainable=True)
    """,
    1,
)

# A subclassed model that holds its weights itself, in no layer: the table
# has no rows (no closing rule after the header's), the totals count them.
NO_LAYERS = (
    "no_layers",
    "a subclassed model whose two weights are its own (add_weight in build), no layers: "
    "a table with no rows, Total params: 2",
    """
    class Affine(keras.Model):
        def build(self, input_shape):
            self.w = self.add_weight(name="w", shape=(), initializer="ones")
            self.b = self.add_weight(name="b", shape=(), initializer="zeros")

        def call(self, x):
            return x * self.w + self.b


    affine = Affine(name="affine")
    affine(np.zeros((1, 1), "float32"))
    affine.summary()
    """,
    1,
)

# The same on Keras 2.2.5-2.3 (tf.keras 2.0-2.6 printed it so too): no rows,
# so no rule closes the table; the totals follow the header's `=` rule.
K2_NO_LAYERS = (
    "no_layers",
    "a subclassed model whose two weights are its own (add_weight in build), no layers: "
    "the totals right after the header's rule",
    """
    class Affine(Model):
        def build(self, input_shape):
            self.w = self.add_weight(name="w", shape=(), initializer="ones")
            self.b = self.add_weight(name="b", shape=(), initializer="zeros")
            super().build(input_shape)

        def call(self, x):
            return x * self.w + self.b


    affine = Affine(name="affine")
    affine.build((None, 1))
    affine.summary()
    """,
    1,
)

# tf.keras 2.12 (`from tensorflow import keras`): the 2.7-2.12 printer.
TF212_IMPORTS = ("import tf_keras as keras\nfrom tf_keras import layers",
                 "from tensorflow import keras\nfrom tensorflow.keras import layers")

# The tf.keras summaries quoted with a 4-space indent, as nbconvert's Markdown
# export, a Markdown code block or a docstring shows them: the lines
# Keras printed, collected with print_fn and indented.
QUOTED = [
    (
        "quoted_nested",
        "the nested model (expand_nested=True, show_trainable=True) quoted with a 4-space indent",
        """
        import textwrap

        captured = []
        nested_model.summary(expand_nested=True, show_trainable=True, print_fn=captured.append)
        print(textwrap.indent("\\n".join(captured), "    "))
        """,
        1,
    ),
    (
        "quoted_big",
        "a functional model with a nested Sequential holding Dense(4096) on 4096 features "
        "(16,781,312 params: wider than the Param # column), expanded, quoted with a 4-space indent",
        """
        wide = keras.Sequential(
            [keras.Input(shape=(4096,)), layers.Dense(4096, name="wide_dense")], name="wide_block"
        )
        left = keras.Input(shape=(4096,), name="left")
        right = keras.Input(shape=(4096,), name="right")
        joined = layers.Concatenate(name="joined")([wide(left), right])
        big_model = keras.Model([left, right], layers.Dense(1, name="score")(joined), name="big_model")
        captured = []
        big_model.summary(expand_nested=True, print_fn=captured.append)
        print(textwrap.indent("\\n".join(captured), "    "))
        """,
        1,
    ),
]

# tf.keras prints `0 (unused)` for a layer of a subclassed model that no
# call used (the layer was never built).
UNUSED_LAYER = (
    "unused_layer",
    "a subclassed model with a layer its call never uses: 0 (unused)",
    """
    class WithSpare(keras.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.used = layers.Dense(4, name="used")
            self.spare = layers.Dense(4, name="spare")

        def call(self, x):
            return self.used(x)


    spare_model = WithSpare(name="with_spare")
    spare_model(np.zeros((1, 8), "float32"))
    spare_model.summary()
    """,
    1,
)

# A custom layer that logs a warning (stderr) while the summary counts its
# weights: tf.keras flushes stdout after every line, so the warning lands
# between two lines of the table.
SPLIT_STDERR = (
    "split_stderr",
    "a custom layer logs a warning to stderr while the summary counts its params: "
    "the stderr output stands between two stdout outputs of the table",
    """
    import logging


    class NoisyDense(layers.Dense):
        def count_params(self):
            logging.getLogger("noisy").warning("counting the params of %s", self.name)
            return super().count_params()


    noisy = keras.Sequential(
        [keras.Input(shape=(8,)), layers.Dense(4, name="before"), NoisyDense(2, name="noisy"),
         layers.Dense(1, name="after")],
        name="noisy_model",
    )
    noisy.summary()
    """,
    1,
)

# The console cells run a script in a subprocess whose stdout has the
# encoding of the console they stand for, and print what it wrote (stdout,
# or stderr for a log) in the notebook.
RUN_SCRIPT = _src(
    """
    import os
    import subprocess
    import sys
    import textwrap


    def run_script(script, encoding="utf-8", stream="stdout", **env):
        run = subprocess.run([sys.executable, "-c", textwrap.dedent(script)],
                             env=dict(os.environ, PYTHONIOENCODING=encoding, **env),
                             capture_output=True, text=True, encoding=encoding)
        print(getattr(run, stream), end="")
    """
)

# Keras 3 without the interactive display: absl logging, and rich writing to
# a console that is not UTF-8 (a Windows cp1252 console; emulated by
# PYTHONIOENCODING in a subprocess, whose output the cell prints).
KERAS3_OTHER = [
    (
        "absl_logging",
        "keras.config.disable_interactive_logging(): the summary goes to absl logging (INFO)",
        """
        import absl.logging

        absl.logging.set_verbosity(absl.logging.INFO)
        keras.config.disable_interactive_logging()
        model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(4), layers.Dense(1)], name="logged")
        model.summary()
        keras.config.enable_interactive_logging()
        absl.logging.set_verbosity(absl.logging.WARNING)
        """,
        1,
    ),
    (
        "cp1252_console",
        "a script run with a cp1252 stdout (python script.py on a Windows console): rich draws "
        "the table with ASCII characters",
        """
        run_script('''
        import keras
        from keras import layers
        model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(4), layers.Dense(1)], name="cp1252")
        model.summary()
        ''', "cp1252")
        """,
        1,
    ),
    (
        "cp437_console",
        "a script run with a cp437 stdout (an OEM code page console, 120 columns): rich draws "
        "the ASCII box; cp437 has `└` (nested rows print) but not `…` (a cut cell would raise)",
        """
        run_script('''
        import keras
        from keras import layers
        block = keras.Sequential([keras.Input(shape=(16, 16, 8)), layers.Conv2D(8, 3, padding="same", name="block_conv"),
                                  layers.BatchNormalization(name="block_bn")], name="block")
        feat = keras.Input(shape=(16, 16, 8), name="feat")
        heads = keras.Model(feat, [layers.Conv2D(4, 1, name="mask")(feat), layers.Conv2D(2, 1, name="edge")(feat)],
                            name="heads")
        image = keras.Input(shape=(32, 32, 3), name="image")
        meta = keras.Input(shape=(10,), name="meta")
        x = layers.Conv2D(8, 3, strides=2, padding="same", name="stem")(image)
        x = block(x)
        mask, edge = heads(x)
        x = layers.GlobalMaxPooling2D(name="pool")(x)
        x = layers.Concatenate(name="concat")([x, meta])
        model = keras.Model([image, meta], [layers.Dense(1, name="score")(x), mask, edge], name="two_heads")
        model.summary(expand_nested=True)
        ''', "cp437", COLUMNS="120")
        """,
        1,
    ),
    (
        "legacy_console",
        "a legacy Windows console with a UTF-8 stdout (rich's legacy_windows, emulated by "
        "making rich.console.detect_legacy_windows say so): HEAVY_HEAD becomes SQUARE",
        """
        run_script('''
        import rich.console
        rich.console.detect_legacy_windows = lambda: True  # what a console without VT reports
        import keras
        from keras import layers
        model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(4), layers.Dense(1)], name="legacy")
        model.summary()
        ''')
        """,
        1,
    ),
]

# tf.keras 2.8+ with interactive logging off: print_msg calls absl's
# logging.info once per line. Without absl's handler (a notebook), absl's
# log() runs logging.basicConfig() first: Python's `INFO:absl:` prefix on
# every line, on stderr. A script run with absl.app.run logs through absl's
# handler: the glog prefix `I1203 00:00:44.187878 140237213350784
# layer_utils.py:463] ` (tf-keras registers print_msg as a frame to skip).
TFKERAS_ABSL = [
    (
        "absl_lines",
        "keras.utils.disable_interactive_logging(): every line of the summary is an absl "
        "logging.info call, prefixed INFO:absl:, on stderr",
        """
        import absl.logging

        absl.logging.set_verbosity(absl.logging.INFO)
        keras.utils.disable_interactive_logging()
        left = keras.Input(shape=(8,), name="left")
        right = keras.Input(shape=(None, 4), name="right")
        pooled = layers.GlobalAveragePooling1D(name="pooled")(right)
        joined = layers.Concatenate(name="joined")([left, pooled])
        logged = keras.Model([left, right], layers.Dense(1, name="score")(joined), name="logged")
        logged.summary()
        keras.utils.enable_interactive_logging()
        absl.logging.set_verbosity(absl.logging.WARNING)
        """,
        1,
    ),
    (
        "absl_glog",
        "a script run with absl.app.run (absl's handler: the glog prefix on every line), its "
        "stderr printed in the notebook (on stdout, as `!python train.py` shows it)",
        """
        run_script('''
        from absl import app
        import tf_keras as keras
        from tf_keras import layers

        def main(argv):
            keras.utils.disable_interactive_logging()
            model = keras.Sequential([keras.Input(shape=(None, 8)), layers.Conv1D(16, 3, name="conv"),
                                      layers.GlobalMaxPooling1D(name="pool"), layers.Dense(1, name="score")],
                                     name="script_model")
            model.summary()

        app.run(main)
        ''', stream="stderr")
        """,
        1,
    ),
    (
        "print_fn_logger",
        "a script logging the summary through its own logger (print_fn=logger.info: one call "
        "per line, Python logging's asctime - name - levelname - format before each), stderr",
        """
        run_script('''
        import logging
        import tf_keras as keras
        from tf_keras import layers

        logging.basicConfig(format="%(asctime)s - %(name)s - %(levelname)s - %(message)s",
                            level=logging.INFO)
        model = keras.Sequential([keras.Input(shape=(None, 8)), layers.Conv1D(16, 3, name="conv"),
                                  layers.GlobalMaxPooling1D(name="pool"), layers.Dense(1, name="score")],
                                 name="logged_model")
        model.summary(print_fn=logging.getLogger("train").info)
        ''', stream="stderr")
        """,
        1,
    ),
    (
        "print_fn_bracketed",
        "the same through a logger whose format puts the level, time, file and line in brackets "
        "(`[INFO    ] 2026-… [train.py] [<module>:12] `), a model with Connected to",
        """
        run_script('''
        import logging
        import tf_keras as keras
        from tf_keras import layers

        logging.basicConfig(
            format="[%(levelname)-8s] %(asctime)s [%(filename)s] [%(funcName)s:%(lineno)d] %(message)s",
            datefmt="%Y-%m-%d %H:%M:%S", level=logging.INFO)
        left = keras.Input(shape=(8,), name="left")
        right = keras.Input(shape=(None, 4), name="right")
        pooled = layers.GlobalAveragePooling1D(name="pooled")(right)
        joined = layers.Concatenate(name="joined")([left, pooled])
        model = keras.Model([left, right], layers.Dense(1, name="score")(joined), name="bracketed")
        model.summary(print_fn=logging.getLogger("train").info)
        ''', stream="stderr")
        """,
        1,
    ),
]


def _texts(nb) -> dict[str, str]:
    """Each code cell's text (streams and text/plain), by fixture id."""
    out = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        parts = []
        for o in cell.get("outputs", []):
            if o.get("output_type") == "stream":
                parts.append(o.get("text", ""))
            elif o.get("output_type") in ("display_data", "execute_result"):
                parts.append(o.get("data", {}).get("text/plain", ""))
        out[cell["id"]] = "".join(parts)
    return out


def _contains(cell: str, text: str, what: str):
    """A check that cell `cell` printed `text`."""

    def check(nb):
        found = text in _texts(nb).get(cell, "")
        return [(f"{cell}: {what}", found, "found" if found else f"{text!r} not found")]

    return check


def _all(*checks):
    return lambda nb: [r for c in checks for r in c(nb)]


def _streams(cell: str, at_least: int):
    """A check that cell `cell` holds `at_least` stdout stream outputs."""

    def check(nb):
        c = next(c for c in nb.cells if c.get("id") == cell)
        n = sum(1 for o in c.outputs if o.get("output_type") == "stream" and o["name"] == "stdout")
        return [(f"{cell}: one summary over {at_least}+ stdout outputs", n >= at_least, f"{n} outputs")]

    return check


# What each old printer must show (the parser tests rely on it).
OLD_CHECKS = {
    "keras0.3": _contains("mlp", "Layer (name)", "Keras 0.3 header"),
    "keras1.0": _contains("merged", "Layer (type)" + " " * 23 + "Output Shape", "a 35-column first column"),
    "keras1.1": _all(
        _contains("cnn_cut", "(None, None, None, 32)896", "no space between fields"),
        _contains("cnn_cut", "Total params: 19467\n", "a total without separators only"),
    ),
    "keras1.2": _contains("cnn_cut", "(None, None, None, 32 896", "a separating space over the last character"),
    "keras2-2.0.2": _all(
        _contains("mlp", "Non-trainable params: 0.0\n", "a float count (np.sum of no weights)"),
        _contains("mlp", ".0\nTrainable params:", "a float total"),
    ),
    "keras2-2.0": _all(
        _contains("cnn_cut", "_" * 100, "100-column functional table"),
        _contains("multi_output", "[(None, 28, 28, 4), ( ", "a list of shapes cut"),
    ),
    "keras2-2.2": _contains("cnn_cut", "(None, None, None, 3 896", "a shape cut at the edge"),
    "keras2-2.3": _all(
        _contains("cnn_cut", 'Model: "model_1"', "the Model: heading"),
        _contains("cnn_cut", "(None, None, None, 3 896", "a shape cut at the edge"),
        _contains("conv3d_cut", "(None, None, None, None,  224", "a 5-D shape cut"),
    ),
}


def format_flavours(Fixture, Flavour, common, setups, kernels):
    """The flavours of this file, built with capture_fixtures.py's classes.

    ``common``: the common fixtures; ``setups``: {"keras3": ..., "tfkeras2": ...};
    ``kernels``: {"keras3": ..., "tfkeras2": ...} kernelspec names.
    """

    def cells(specs):
        return [Fixture(i, d, s, summaries=n) for i, d, s, n in specs]

    theano_root = Path(__file__).resolve().parent.parent / ".venv-fixtures-theano"
    flavours = []
    for name, version, api, title in OLD_KERAS:
        specs = {"k0": CELLS_K0, "k1-early": CELLS_K1_EARLY, "k1": CELLS_K1, "k2": CELLS_K2}[api]
        if name == "keras2-2.3":
            # Subclassed models print their summary from Keras 2.2.5 on.
            specs = specs + [K2_NO_LAYERS]
        flavours.append(
            Flavour(
                name,
                title,
                f"Keras {version} on Theano 1.0.5 (CPU, no C compiler), default model.summary(): "
                "the ASCII table printed to stdout.",
                KERNEL_THEANO,
                SETUP_THEANO_NAMED if version == "2.0.2" else SETUP_THEANO,
                env={
                    "KERAS_BACKEND": "theano",
                    "THEANO_FLAGS": "cxx=,device=cpu,floatX=float32,blas.ldflags=",
                    "PYTHONPATH": str(theano_root / f"keras-{version}"),
                },
                ascii_table=True,
                cells=cells(specs),
                extra_checks=OLD_CHECKS.get(name),
                notes=[
                    "Keras before 2.4 needs Theano or TensorFlow 1.x; only Theano installs on "
                    "Python 3.11. The setup restores collections.Iterable & co. and "
                    "inspect.getargspec, which these versions use while building layers.",
                ],
            )
        )
    tf212_setup = setups["tfkeras2"].replace(*TF212_IMPORTS)
    flavours.append(
        Flavour(
            "tfkeras212",
            "tf.keras 2.12 (TensorFlow 2.12), default model.summary()",
            "tf.keras of TensorFlow 2.12 (the 2.7-2.12 printer: columns at .33/.55/.67, "
            "totals with thousands separators and no sizes, framed rows shifted left).",
            KERNEL_TF212,
            tf212_setup,
            env={"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0"},
            tfkeras=True,
            cells=list(common) + cells(QUOTED + [UNUSED_LAYER, NESTED_CUT, NO_LAYERS]),
            extra_checks=_contains("mlp", "Total params: 101,770\n", "totals with separators"),
        )
    )
    flavours.append(
        Flavour(
            "tfkeras2-quoted",
            "tf.keras 2.21 (tf-keras) summaries quoted with a 4-space indent",
            "tf-keras 2.21 summaries collected with print_fn and printed with a 4-space "
            "indent, as nbconvert's Markdown export, a Markdown code block or a docstring "
            "quotes them.",
            kernels["tfkeras2"],
            setups["tfkeras2"],
            env={"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0"},
            tfkeras=True,
            cells=[c for c in common if c.id == "nested"] + cells(QUOTED + [UNUSED_LAYER, NESTED_CUT, NO_LAYERS]),
            extra_checks=_contains("quoted_nested", "    ||", "indented nested frames"),
        )
    )
    flavours.append(
        Flavour(
            "tfkeras2-unmerged",
            "tf.keras 2.21 (tf-keras), outputs stored as nbclient stores them",
            "tf-keras 2.21 default model.summary(), the outputs kept as the kernel sent them "
            "(nbclient's default, so nbconvert --execute and papermill): tf.keras flushes "
            "stdout after every line, so every line is a stream output of its own.",
            kernels["tfkeras2"],
            setups["tfkeras2"],
            env={"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0"},
            tfkeras=True,
            merge_streams=False,
            extra_checks=_all(_streams("mlp", 10), _streams("split_stderr", 5)),
            cells=[c for c in common if c.id in ("mlp", "two_inputs", "nested")]
            + cells([SPLIT_STDERR]),
        )
    )
    flavours.append(
        Flavour(
            "keras30-display",
            "Keras 3.0.0 (jax), default display path",
            "The first Keras 3 (3.0.0, jax 0.4.23): sequential tables 84 wide at most "
            "(positions .45/.84), others 108; no TTY and no COLUMNS here, so 76.",
            KERNEL_KERAS30,
            setups["keras3"],
            env={"KERAS_BACKEND": "jax"},
            cells=[c for c in common if c.id in ("mlp", "two_inputs", "nested", "fcn")],
        )
    )
    flavours.append(
        Flavour(
            "keras3-other",
            "Keras 3.15 (jax): absl logging, and a console that is not UTF-8",
            "Keras 3.15 summaries that do not go to the notebook display: with interactive "
            "logging off (absl, stderr), and from a script whose stdout is cp1252.",
            kernels["keras3"],
            setups["keras3"] + "\n\n" + RUN_SCRIPT,
            env={"KERAS_BACKEND": "jax"},
            cells=cells(KERAS3_OTHER + [NO_LAYERS]),
            extra_checks=_all(
                _contains("cp1252_console", "+---", "rich's ASCII box"),
                _contains("cp437_console", "|    \u2514 block_conv", "nested rows in an ASCII box"),
                _contains("legacy_console", "\u250c\u2500", "rich's SQUARE box"),
            ),
        )
    )
    flavours.append(
        Flavour(
            "tfkeras2-absl",
            "tf.keras 2.21 (tf-keras) with interactive logging off: absl-prefixed lines",
            "tf-keras 2.21 summaries through io_utils.print_msg with interactive logging off: "
            "one absl logging.info call per line, each line prefixed (Python's INFO:absl: in the "
            "kernel, on stderr; absl's glog prefix from a script run with absl.app.run).",
            kernels["tfkeras2"],
            setups["tfkeras2"] + "\n\n" + RUN_SCRIPT,
            env={"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0"},
            tfkeras=True,
            cells=cells(TFKERAS_ABSL),
            extra_checks=_all(
                _contains("absl_lines", "INFO:absl: Layer (type)", "INFO:absl: before every line"),
                _contains("absl_glog", "layer_utils.py:463] Model: ", "the glog prefix"),
                _contains("print_fn_logger", " - train - INFO -  Layer (type)", "a logger's own prefix"),
                _contains("print_fn_bracketed", "[INFO    ] ", "a bracketed logger prefix"),
            ),
        )
    )
    return flavours
