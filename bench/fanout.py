"""Capture a fan-out model's summary from real Keras, for the CLI bench.

One input of variable length feeding N Dense layers, each feeding its own
pooling head: 2N + 1 rows, N + 2N references, and one dimension (T) that
N + 1 rows carry and N rows consume. Written as Keras 3 prints it to stdout
(`print_fn=print`) and as it displays it in Jupyter (rich's text/html, the
display path: rich's Jupyter output is captured by replacing the function
rich calls to display it, with rich's own HTML rendering).

    python bench/fanout.py OUT_DIR N [N ...]

writes OUT_DIR/fanout-N.txt and OUT_DIR/fanout-N.html for each N.
"""
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.pop("COLUMNS", None)

import keras  # noqa: E402
import rich.console  # noqa: E402
import rich.jupyter  # noqa: E402
from keras import layers  # noqa: E402


def build(n):
    tokens = keras.Input(shape=(None, 16), name="tokens")
    heads = []
    for k in range(n):
        x = layers.Dense(8, name=f"head_{k}")(tokens)
        heads.append(layers.GlobalAveragePooling1D(name=f"pool_{k}")(x))
    return keras.Model(tokens, heads, name=f"fanout_{n}")


def printed(model):
    lines = []
    model.summary(print_fn=lambda s, line_break=None: lines.append(s))
    return "\n".join(lines) + "\n"


def displayed(model):
    """The text/html parts rich sends in Jupyter, joined (one per console.print)."""
    parts = []
    real_is_jupyter = rich.console._is_jupyter
    real_display = rich.jupyter.display
    rich.console._is_jupyter = lambda: True
    rich.jupyter.display = lambda segments, text: parts.append(
        rich.jupyter._render_segments(segments)
    )
    try:
        model.summary()
    finally:
        rich.console._is_jupyter = real_is_jupyter
        rich.jupyter.display = real_display
    return "".join(parts)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for n in map(int, sys.argv[2:]):
        model = build(n)
        with open(os.path.join(out, f"fanout-{n}.txt"), "w", encoding="utf-8") as f:
            f.write(printed(model))
        with open(os.path.join(out, f"fanout-{n}.html"), "w", encoding="utf-8") as f:
            f.write(displayed(model))
        print(f"fanout-{n}: {2 * n + 1} rows")


if __name__ == "__main__":
    main()
