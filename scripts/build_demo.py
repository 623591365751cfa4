#!/usr/bin/env python3
"""Assemble demo/demo.ipynb from the captured fixtures (fixtures/*.ipynb).

    python3 scripts/build_demo.py          (writes demo/demo.ipynb)
    python3 scripts/build_demo.py --check  (exit 1 if demo/demo.ipynb is stale)

The demo holds REAL outputs copied from the fixture notebooks (``make
fixtures`` captured them in a real kernel; only a stream's list of lines is
joined into one string, see ``saved_outputs``), so it renders without a
kernel, plus a live section that ``make demo``'s kernel runs. Standard
library only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
DEMO = REPO / "demo" / "demo.ipynb"

KERAS3_IMPORTS = "import keras\nfrom keras import layers\n\n"
COMPANION_IMPORTS = "%load_ext jupyterlab_keras_summary\n" + KERAS3_IMPORTS
TFKERAS_IMPORTS = "import tf_keras as keras\nfrom tf_keras import layers\n\n"

INTRO = """\
# jupyterlab-keras-summary demo

Keras `model.summary()` output, shown as an interactive table.
The cells in **Saved outputs** hold real outputs captured from Keras 3.15 (jax backend) and
tf.keras 2; they render without a kernel. The **Live** section at the end runs if Keras is
installed in your kernel.

What to try:

- **Click a `None`** in the *Output Shape* column (or reach it with <kbd>Tab</kbd> and press
  <kbd>Enter</kbd>). It explains that dimension for that layer: the *batch* dimension (samples
  per batch, chosen when you call `fit`/`predict`), a *variable-length* sequence, an image's
  height or width, where it comes from and which layer consumes it. The same dimension is
  highlighted in every row while the explanation is open; <kbd>Escape</kbd> closes it.
- Click **Show original text** to see exactly what Keras printed, and **Copy** to copy it.
- In the nested model, collapse and expand the rows of the inner models.

Keras 3 sends one summary to the notebook as several outputs (the name, the table, one per
totals line); they show here as one table. The notebook file is never changed: the outputs
stay exactly as Keras wrote them. Turn the table off, or start in the text view, in
*Settings → Settings Editor → Keras Summary*.
"""

SAVED = """\
## Saved outputs

No kernel needed: these outputs were saved by a real Keras run.
"""

LIVE = """\
## Live

`make demo` gives this notebook a kernel with Keras 3 (jax backend, CPU) and this extension's
kernel companion: run these cells (or *Run All*) and the summaries they print render as tables
too. The first cell loads the companion, so `model.summary()` sends the exact facts from the
live model (the table's header says *Exact, from the kernel*); `print_fn=print` still prints
Keras's own text. Elsewhere, a kernel needs Keras 3 and a backend (for example
`pip install keras jax`) and, for the exact facts, this package in the kernel's environment.
`make demo` opens a fresh copy of this notebook each time, so running or saving here never
changes the saved examples.
"""

LIVE_COMPANION = """\
# The kernel companion (it comes with the extension): from here on model.summary()
# also sends the exact facts from the live model (full names, weights, the input
# each None comes from) in one output, beside Keras's own text.
%load_ext jupyterlab_keras_summary
"""

LIVE_SEQUENTIAL = """\
import os

os.environ.setdefault("KERAS_BACKEND", "jax")  # or "tensorflow", "torch"

import keras
from keras import layers

model = keras.Sequential(
    [
        keras.Input(shape=(None,), dtype="int32"),
        layers.Embedding(10000, 64),
        layers.LSTM(32, return_sequences=True),
        layers.GlobalMaxPooling1D(),
        layers.Dense(1, activation="sigmoid"),
    ],
    name="sentiment",
)
model.summary()
"""

LIVE_FUNCTIONAL = """\
image = keras.Input(shape=(None, None, 3), name="image")
x = layers.Conv2D(16, 3, activation="relu")(image)
x = layers.GlobalAveragePooling2D()(x)
meta = keras.Input(shape=(8,), name="meta")
x = layers.Concatenate()([x, meta])
outputs = layers.Dense(3, activation="softmax")(x)
model = keras.Model([image, meta], outputs, name="two_inputs")
model.summary(print_fn=print)  # through stdout instead of rich's display
"""

# (fixture notebook, fixture id, imports, markdown shown above the cell)
SAVED_CELLS = [
    ("keras3-display", "mlp", KERAS3_IMPORTS,
     "### A small MLP (Keras 3)\nThe first `None` of every shape is the batch dimension."),
    ("keras3-display", "text", KERAS3_IMPORTS,
     "### A text model: variable-length sequences\n`Input(shape=(None,))` leaves the sequence "
     "length open: the second `None` is a variable-length dimension, until "
     "`GlobalMaxPooling1D` removes it."),
    ("keras3-display", "fcn", KERAS3_IMPORTS,
     "### A fully convolutional network\nImages of any height and width: the `None`s at "
     "axes 1 and 2 are height and width."),
    ("keras3-display", "two_inputs", KERAS3_IMPORTS,
     "### Two inputs\nA functional model with a *Connected to* column."),
    ("keras3-display", "nested", KERAS3_IMPORTS,
     "### Nested models, `expand_nested=True, show_trainable=True`\nRows of the inner "
     "models collapse and expand; the *Trainable* column shows the frozen layers."),
    ("kernel/kernel-keras3", "long_names", COMPANION_IMPORTS,
     "### Exact, from the kernel: `%load_ext jupyterlab_keras_summary`\nPrinted with the "
     "kernel companion loaded: one output carries the facts from the live model beside "
     "Keras's text. The names Keras cut with `…` show whole; click a `None` to see which "
     "input it comes from (exact), or a Param # for the layer's weights. *Show original "
     "text* shows what Keras printed."),
    ("keras3-print", "print_around", KERAS3_IMPORTS,
     "### `print_fn=print`, with other output around it\nThe summary goes to stdout; the "
     "lines printed before and after it stay plain text."),
    ("tfkeras2", "text", TFKERAS_IMPORTS,
     "### tf.keras 2\nThe ASCII table of tf.keras / Keras 2, printed to stdout."),
]


def lines(text: str) -> list[str]:
    """nbformat's multiline string: a list of lines, each keeping its newline."""
    return text.splitlines(keepends=True)


def markdown(cell_id: str, text: str) -> dict:
    return {"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": lines(text)}


def code(cell_id: str, source: str, outputs: list, count: int | None) -> dict:
    return {
        "cell_type": "code",
        "execution_count": count,
        "id": cell_id,
        "metadata": {},
        "outputs": outputs,
        "source": lines(source.rstrip("\n")),
    }


def saved_outputs(outputs: list) -> list:
    """The fixture's outputs, with each stream's text as one string.

    nbformat allows either form; JupyterLite passes a stream's list of lines
    to @jupyter/ydoc, which joins it with commas (`Array.join()`), so the
    saved tf.keras and print_fn tables would show there as broken text. The
    text itself is unchanged. Display data keeps its lists (the extension
    reads both forms).
    """
    result = []
    for output in outputs:
        if output.get("output_type") == "stream" and isinstance(output.get("text"), list):
            output = {**output, "text": "".join(output["text"])}
        result.append(output)
    return result


def fixture_cell(notebook: str, fixture_id: str) -> dict:
    nb = json.loads((FIXTURES / f"{notebook}.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and source.split("\n", 1)[0] == f"# fixture: {fixture_id}":
            return cell
    raise SystemExit(f"build_demo: no fixture cell {fixture_id!r} in fixtures/{notebook}.ipynb")


def build() -> dict:
    cells = [markdown("intro", INTRO), markdown("saved", SAVED)]
    count = 0
    for notebook, fixture_id, imports, note in SAVED_CELLS:
        cell = fixture_cell(notebook, fixture_id)
        body = "".join(cell["source"]).split("\n", 1)[1]
        count += 1
        # Cell ids allow no "/": kernel/kernel-keras3 is named kernel-keras3.
        name = Path(notebook).name
        cells.append(markdown(f"about-{name}-{fixture_id}", note))
        cells.append(
            code(f"saved-{name}-{fixture_id}", imports + body, saved_outputs(cell["outputs"]), count)
        )
    cells.append(markdown("live", LIVE))
    cells.append(code("live-companion", LIVE_COMPANION, [], None))
    cells.append(code("live-sequential", LIVE_SEQUENTIAL, [], None))
    cells.append(code("live-functional", LIVE_FUNCTIONAL, [], None))
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {
                "display_name": "Python 3 (ipykernel)",
                "language": "python",
                "name": "python3",
            },
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def render(nb: dict) -> str:
    # The layout nbformat writes: one-space indent, sorted keys, UTF-8 as is.
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if demo/demo.ipynb is stale")
    args = parser.parse_args()
    text = render(build())
    if args.check:
        if not DEMO.exists() or DEMO.read_text(encoding="utf-8") != text:
            print("demo/demo.ipynb is stale: run python3 scripts/build_demo.py", file=sys.stderr)
            return 1
        return 0
    DEMO.write_text(text, encoding="utf-8")
    print(f"wrote {DEMO.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
