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
        return payload.assemble(
            "keras", keras.__version__, backend.backend(), options, table_width(text), body, model,
            lambda: dims(model, tensors, body),
        )


def _graph(model):
    """(Keras3Graph, None) or (None, why there is none)."""
    graph = keras3_payload.graph_of(model)
    if graph is None:
        return None, "subclassed model: no graph (shapes are those of the first call)"
    if getattr(graph, "_nodes_by_depth", None) is None or not getattr(graph, "inputs", None):
        return None, "the model has no inputs yet"
    return keras3_walk.Keras3Graph(graph), None


def dims(model, tensors, body) -> dict:
    graph, reason = _graph(model)
    if graph is None:
        return {"status": "unavailable", "reason": reason}
    reason = keras3_walk.can_walk(graph.graph)
    if reason:
        return {"status": "skipped", "reason": reason}
    return lineage.dims(graph, tensors, body["layers"], payload.DIMS_MAX_NODES, payload.DIMS_SECONDS)


def check(model, options: dict, sizes: dict) -> dict:
    """Shapes of every tensor (payload ids) for the sizes typed, per-row errors; no arrays."""
    graph, reason = _graph(model)
    if graph is None:
        return {"status": "unavailable", "reason": reason}
    tensors = keras3_payload.Tensors()
    body = keras3_payload.build(model, options, tensors)
    return lineage.check(graph, tensors, body["layers"], keras3_payload.row_layers(model, options), sizes)


registry.add_checker("keras", check)
