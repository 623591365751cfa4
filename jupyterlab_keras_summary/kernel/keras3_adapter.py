"""Keras 3 for the summary hook: when to take over, and the whole payload."""

from __future__ import annotations

import re

from . import keras3_payload, keras3_walk, lineage, payload, registry
from .summary_hook import Framework

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def table_width(text: str):
    for line in ANSI.sub("", text).splitlines():
        if line.startswith("┏"):
            return len(line)
    return None


class Keras3(Framework):
    name = "keras"

    def interactive(self) -> bool:
        from keras.src.utils import io_utils

        return io_utils.is_interactive_logging_enabled()

    def rich_jupyter(self) -> bool:
        import rich.console

        return rich.console.Console().is_jupyter

    def build_payload(self, model, options: dict, text: str) -> dict:
        import keras
        from keras.src import backend

        tensors = keras3_payload.Tensors()
        body = keras3_payload.build(model, options, tensors)
        call = payload.call_options(options, table_width(text), body["model"]["sequential_like"])
        out = payload.envelope("keras", keras.__version__, backend.backend(), call)
        out.update(body)
        reason = payload.too_big(out)
        if reason:
            raise ValueError(reason)
        out["model"]["token"] = registry.register(model, "keras", options)
        out["dims"] = dims(model, tensors, body)
        return payload.apply_limits(out)


def _graph_ready(model):
    graph = keras3_payload.graph_of(model)
    if graph is None:
        return None, "subclassed model: no graph (shapes are those of the first call)"
    if getattr(graph, "_nodes_by_depth", None) is None or not getattr(graph, "inputs", None):
        return None, "the model has no inputs yet"
    return graph, None


def dims(model, tensors, body) -> dict:
    graph, reason = _graph_ready(model)
    if graph is None:
        return {"status": "unavailable", "reason": reason}
    nodes = sum(len(v) for v in graph._nodes_by_depth.values())
    if nodes > payload.DIMS_MAX_NODES:
        return {"status": "skipped", "reason": f"{nodes} graph nodes (more than {payload.DIMS_MAX_NODES})"}
    reason = keras3_walk.can_walk(graph)
    if reason:
        return {"status": "skipped", "reason": reason}
    inputs = [(_input_name(kt), list(kt.shape)) for kt in graph.inputs]
    sources = lineage.make_sources(inputs)
    reference = {tid: item["shape"] for tid, item in enumerate(tensors.items) if tensors.objects[tid] is not None}
    order = [(tid, row["id"], node["index"]) for row in body["layers"] for node in row["nodes"] for tid in node["out"]]
    try:
        return lineage.analyse(sources, keras3_walk.evaluator(graph, tensors), reference, order, payload.DIMS_SECONDS)
    except Exception as exc:
        return {"status": "failed", "reason": f"{type(exc).__name__}: {exc}"[:300]}


def _input_name(kt):
    history = getattr(kt, "_keras_history", None)
    return str(history.operation.name) if history is not None else None


def check(model, options: dict, sizes: dict) -> dict:
    """Shapes of every tensor (payload ids) for the sizes typed, per-row errors; no arrays."""
    from keras.src.backend import KerasTensor

    from .facts import shape_list

    graph, reason = _graph_ready(model)
    if graph is None:
        return {"status": "unavailable", "reason": reason}
    tensors = keras3_payload.Tensors()
    body = keras3_payload.build(model, options, tensors)
    sources = lineage.make_sources([(_input_name(kt), list(kt.shape)) for kt in graph.inputs])
    chosen = {}
    for src in sources:
        if src.id in sizes and sizes[src.id] is not None:
            n = int(sizes[src.id])
            if n < 1:
                raise ValueError(f"size for {src.id} must be 1 or more")
            for key in src.axes:
                chosen[key] = n
    inputs = []
    for i, ref in enumerate(graph.inputs):
        shape = [chosen.get((i, a), d) for a, d in enumerate(ref.shape)]
        inputs.append(KerasTensor(tuple(shape), dtype=ref.dtype))
    values, errors = {}, {}
    keras3_walk.walk(graph, inputs, values, errors)
    shapes = {}
    for tid, obj in enumerate(tensors.objects):
        if obj is not None and id(obj) in values:
            shapes[str(tid)] = shape_list(values[id(obj)].shape)
    node_ids = {}
    for layer_row, layer in zip(body["layers"], _row_layers(model, options)):
        for node in layer_row["nodes"]:
            node_ids[id(layer._inbound_nodes[node["index"]])] = (layer_row["id"], node["index"])
    row_errors = [
        {"row": node_ids[nid][0], "node": node_ids[nid][1], "message": msg}
        for nid, msg in errors.items()
        if nid in node_ids
    ]
    return {"status": "ok", "valid": not errors, "sizes": sizes, "tensors": shapes, "errors": row_errors}


def _row_layers(model, options):
    """The layer object of each payload row, in row order (same walk as keras3_payload.build)."""
    return keras3_payload.row_layers(model, options)


registry.add_checker("keras", check)
