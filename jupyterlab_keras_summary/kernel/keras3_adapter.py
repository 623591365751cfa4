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
    evaluate = keras3_walk.evaluator(graph, tensors)
    return lineage.for_payload(inputs, evaluate, tensors, body["layers"], payload.DIMS_SECONDS)


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
    chosen = lineage.sizes_by_axis([(_input_name(kt), list(kt.shape)) for kt in graph.inputs], sizes)
    inputs = []
    for i, ref in enumerate(graph.inputs):
        shape = [chosen.get((i, a), d) for a, d in enumerate(ref.shape)]
        inputs.append(KerasTensor(tuple(shape), dtype=ref.dtype))
    values, errors = {}, {}
    keras3_walk.walk(graph, inputs, values, errors)
    rows = lineage.node_rows(body["layers"], keras3_payload.row_layers(model, options))
    return lineage.check_result(tensors, values, errors, rows, sizes, lambda kt: shape_list(kt.shape))


registry.add_checker("keras", check)
