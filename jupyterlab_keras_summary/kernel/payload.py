"""The payload envelope: version, producer, the call's options, and size limits.

Framework builders (``keras3_payload``, ``tfkeras_payload``) fill ``model``,
``tensors``, ``layers`` and ``totals``; ``dims`` comes from the dimension
analysis. This module knows nothing about Keras.
"""

from __future__ import annotations

import json

MIME_TYPE = "application/vnd.jupyterlab-keras-summary+json"

# Versioning rule (README "Kernel companion"): a minor bump only adds optional
# fields; a renderer that does not know the major draws the text instead.
VERSION = (1, 1)  # 1.1: model.outputs[].key, nodes[].keys, output_keys; tf-keras multiple without nodes

# Above LIGHT_ROWS rows the per-row weights and config facts are left out (and
# listed in limits.omitted); above MAX_ROWS, or when the JSON would be bigger
# than MAX_BYTES, no payload is sent at all and Keras's own output is replayed.
LIGHT_ROWS = 5_000
MAX_ROWS = 20_000
MAX_BYTES = 8 * 1024 * 1024
# The dimension analysis is skipped above this many graph nodes, or when one
# abstract walk shows that all of them would take longer than DIMS_SECONDS.
SIZE_CHECK_ROWS = 1_000  # below this the payload is far under MAX_BYTES; not measured
DIMS_MAX_NODES = 4_000
DIMS_SECONDS = 2.0


def package_version() -> str:
    try:
        from .._version import __version__

        return __version__
    except Exception:
        return "dev"


def envelope(framework: str, framework_version: str, backend, call: dict) -> dict:
    return {
        "version": list(VERSION),
        "producer": {
            "package": "jupyterlab_keras_summary",
            "package_version": package_version(),
            "framework": framework,
            "framework_version": framework_version,
            "backend": backend,
        },
        "call": call,
    }


def call_options(bound: dict, table_width, sequential_like) -> dict:
    """The options as the user passed them (None where not given), plus what Keras chose."""
    layer_range = bound.get("layer_range")
    if layer_range is not None:
        layer_range = [str(x) for x in layer_range]
    positions = bound.get("positions")
    if positions is not None:
        try:
            positions = [float(p) for p in positions]
        except (TypeError, ValueError):
            positions = None
    line_length = bound.get("line_length")
    return {
        "line_length": int(line_length) if isinstance(line_length, int) else None,
        "positions": positions,
        "expand_nested": bool(bound.get("expand_nested", False)),
        "show_trainable": bool(bound.get("show_trainable", False)),
        "layer_range": layer_range,
        "table_width": table_width,
        "sequential_like": sequential_like,
    }


def apply_limits(payload: dict) -> dict:
    """Drop the heavy per-row parts of a large payload and say so."""
    omitted = []
    rows = payload.get("layers", [])
    if len(rows) > LIGHT_ROWS:
        for row in rows:
            row.pop("weights", None)
            row.pop("config", None)
        omitted += ["weights", "config"]
    limits = payload.setdefault("limits", {})
    limits["rows"] = len(rows)
    limits["omitted"] = omitted + limits.get("omitted", [])
    limits["light_rows"] = LIGHT_ROWS
    return payload


def too_big(payload: dict) -> str | None:
    rows = len(payload.get("layers", []))
    if rows > MAX_ROWS:
        return f"{rows} rows (more than {MAX_ROWS})"
    return None


def assemble(framework: str, framework_version: str, backend, options: dict, width, body: dict, model, dims) -> dict:
    """The whole payload from a builder's body; ``dims()`` runs last, only if the payload is sent."""
    from . import registry

    out = envelope(framework, framework_version, backend, call_options(options, width, body["model"]["sequential_like"]))
    out.update(body)
    reason = too_big(out)
    if reason:
        raise ValueError(reason)
    out["model"]["token"] = registry.register(model, framework, options)
    out["dims"] = dims()
    apply_limits(out)
    if len(out["layers"]) > SIZE_CHECK_ROWS:
        size = len(json.dumps(out, ensure_ascii=False).encode())
        if size > MAX_BYTES:
            raise ValueError(f"payload of {size} bytes (more than {MAX_BYTES})")
    return out
