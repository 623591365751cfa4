#!/usr/bin/env python
"""Kernel companion figures (make bench): messages per summary, extraction time, payload size.

For ResNet50 (weights=None) and a 10,002-layer model (100 chains of 100 Dense), in a real
ipykernel (Keras 3, jax, CPU): Keras's own summary (companion unloaded) against the same
summary with the companion, our extraction alone (payload builder + dims), and the sizes of
what reaches the notebook. Prints figures; asserts nothing (timings on a shared machine are
noisy: each timing is the median of RUNS runs).
"""

from __future__ import annotations

import json
import statistics
import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "python"))

from kernel_driver import Kernel  # noqa: E402

MIME = "application/vnd.jupyterlab-keras-summary+json"

MODELS = {
    "resnet50": ("keras.applications.ResNet50(weights=None)", 3),
    "wide_10k": (
        textwrap.dedent(
            """
            (lambda: (
                lambda inp: keras.Model(
                    inp,
                    keras.layers.Concatenate()([
                        __import__("functools").reduce(lambda x, i: keras.layers.Dense(4)(x), range(100), inp)
                        for _ in range(100)
                    ]),
                    name="wide_10k",
                )
            )(keras.Input((4,))))()
            """
        ).strip(),
        1,
    ),
}

TIMED = textwrap.dedent(
    """
    import json, time
    _t = time.perf_counter(); model.summary(); _dt = time.perf_counter() - _t
    print("VALUE:" + json.dumps(_dt))
    """
)

EXTRACT = textwrap.dedent(
    """
    import json, time
    from jupyterlab_keras_summary.kernel.keras3_adapter import Keras3
    _opts = dict(line_length=None, positions=None, print_fn=None, expand_nested=False, show_trainable=False, layer_range=None)
    _t = time.perf_counter(); _p = Keras3().build_payload(model, _opts, ""); _dt = time.perf_counter() - _t
    print("VALUE:" + json.dumps([_dt, _p["dims"].get("seconds"), _p["dims"]["status"], _p["limits"]]))
    """
)


def median_of(kernel, code, runs):
    values = [kernel.run(code, timeout=1800).value() for _ in range(runs)]
    return statistics.median(v if isinstance(v, float) else v[0] for v in values), values[-1]


def main() -> int:
    k = Kernel(env={"KERAS_BACKEND": "jax"})
    rows = []
    try:
        k.run("%load_ext jupyterlab_keras_summary\nimport keras")
        for name, (expr, runs) in MODELS.items():
            r = k.run(f"model = {expr}\nprint('VALUE:' + str(len(model.layers)))", timeout=1800)
            layers = r.value()
            k.run("%unload_ext jupyterlab_keras_summary")
            plain = k.run("model.summary()", timeout=1800)
            own, _ = median_of(k, TIMED, runs)
            k.run("%load_ext jupyterlab_keras_summary")
            withc = k.run("model.summary()", timeout=1800)
            ours, _ = median_of(k, TIMED, runs)
            extract, last = median_of(k, EXTRACT, runs)
            data = withc.displays[0]["data"]
            payload = json.dumps(data[MIME], ensure_ascii=False, separators=(",", ":")).encode()
            rows.append(
                {
                    "model": name,
                    "layers": layers,
                    "messages_without": len(plain.displays) + len(plain.of("stream")),
                    "messages_with": len(withc.displays) + len(withc.of("stream")),
                    "keras_summary_s": own,
                    "with_companion_s": ours,
                    "extraction_s": extract,
                    "dims": last[2],
                    "dims_s": last[1],
                    "omitted": last[3]["omitted"],
                    "payload_bytes": len(payload),
                    "text_plain_bytes": len(data["text/plain"].encode()),
                    "text_html_bytes": len(data["text/html"].encode()),
                }
            )
    finally:
        k.close()
    print("kernel companion (Keras 3.15.1, jax, CPU; medians; shared 2-core machine, noisy)")
    for row in rows:
        share = row["extraction_s"] / row["keras_summary_s"] if row["keras_summary_s"] else float("nan")
        print(
            f"  {row['model']:>9}: {row['layers']} layers | messages per summary {row['messages_without']} -> "
            f"{row['messages_with']} | Keras summary {row['keras_summary_s']:.3f} s, with companion "
            f"{row['with_companion_s']:.3f} s | extraction {row['extraction_s']:.3f} s ({share:.1%} of Keras's) | "
            f"dims {row['dims']}" + (f" {row['dims_s']:.3f} s" if row["dims_s"] else "") + " | payload "
            f"{row['payload_bytes'] / 1024:.1f} KiB ({row['payload_bytes'] / max(row['layers'], 1):.0f} B/layer"
            + (f", omitted {','.join(row['omitted'])}" if row["omitted"] else "")
            + f") beside text/plain {row['text_plain_bytes'] / 1024:.1f} KiB and text/html "
            f"{row['text_html_bytes'] / 1024:.1f} KiB"
        )
    out = Path(__file__).resolve().parents[1] / ".make" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "kernel.json").write_text(json.dumps(rows, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
