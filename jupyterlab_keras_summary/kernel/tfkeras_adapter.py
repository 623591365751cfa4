"""tf-keras 2.x for the summary hook: when to take over, and the whole payload."""

from __future__ import annotations

from . import lineage, payload, registry, tfkeras_payload, tfkeras_walk
from .facts import Tensors
from .summary_hook import Framework


def table_width(text: str):
    for line in text.splitlines():
        if line and set(line) == {"="}:
            return len(line)
    return None


class TfKeras(Framework):
    name = "tf_keras"

    def interactive(self) -> bool:
        from tf_keras.src.utils import io_utils

        return io_utils.is_interactive_logging_enabled()

    def build_payload(self, model, options: dict, text: str) -> dict:
        import tf_keras

        tensors = Tensors()
        body = tfkeras_payload.build(model, options, tensors)
        return payload.assemble(
            "tf_keras", tf_keras.__version__, "tensorflow", options, table_width(text), body, model,
            lambda: dims(model, tensors, body),
        )


def _graph(model):
    if not getattr(model, "_is_graph_network", False):
        return None, "subclassed model: no graph (shapes are those it was built with)"
    return tfkeras_walk.TfKerasGraph(model), None


def dims(model, tensors, body) -> dict:
    graph, reason = _graph(model)
    if graph is None:
        return {"status": "unavailable", "reason": reason}
    return lineage.dims(graph, tensors, body["layers"], payload.DIMS_MAX_NODES, payload.DIMS_SECONDS)


def check(model, options: dict, sizes: dict) -> dict:
    graph, reason = _graph(model)
    if graph is None:
        return {"status": "unavailable", "reason": reason}
    tensors = Tensors()
    body = tfkeras_payload.build(model, options, tensors)
    layers = [item[0] for item in tfkeras_payload.row_walk(model, options)]
    return lineage.check(graph, tensors, body["layers"], layers, sizes)


registry.add_checker("tf_keras", check)
