"""tf-keras 2.x for the summary hook: when to take over, and the whole payload."""

from __future__ import annotations

from . import lineage, payload, registry, tfkeras_payload, tfkeras_walk
from .facts import Tensors, shape_list
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
        call = payload.call_options(options, table_width(text), body["model"]["sequential_like"])
        out = payload.envelope("tf_keras", tf_keras.__version__, "tensorflow", call)
        out.update(body)
        reason = payload.too_big(out)
        if reason:
            raise ValueError(reason)
        out["model"]["token"] = registry.register(model, "tf_keras", options)
        out["dims"] = dims(model, tensors, body)
        return payload.apply_limits(out)


def _graph_reason(model):
    if not getattr(model, "_is_graph_network", False):
        return "subclassed model: no graph (shapes are those it was built with)"
    return None


def dims(model, tensors, body) -> dict:
    reason = _graph_reason(model)
    if reason:
        return {"status": "unavailable", "reason": reason}
    nodes = sum(len(v) for v in model._nodes_by_depth.values())
    if nodes > payload.DIMS_MAX_NODES:
        return {"status": "skipped", "reason": f"{nodes} graph nodes (more than {payload.DIMS_MAX_NODES})"}
    inputs = tfkeras_payload.input_shapes(model)
    evaluate = tfkeras_walk.evaluator(model, tensors)
    return lineage.for_payload(inputs, evaluate, tensors, body["layers"], payload.DIMS_SECONDS)


def check(model, options: dict, sizes: dict) -> dict:
    reason = _graph_reason(model)
    if reason:
        return {"status": "unavailable", "reason": reason}
    tensors = Tensors()
    body = tfkeras_payload.build(model, options, tensors)
    inputs = tfkeras_payload.input_shapes(model)
    chosen = lineage.sizes_by_axis(inputs, sizes)
    shapes = [[chosen.get((i, a), d) for a, d in enumerate(shape)] for i, (_, shape) in enumerate(inputs)]
    values, errors = {}, {}
    tfkeras_walk.walk(model, shapes, values, errors)
    rows = lineage.node_rows(body["layers"], [item[0] for item in tfkeras_payload.row_walk(model, options)])
    return lineage.check_result(tensors, values, errors, rows, sizes, shape_list)


registry.add_checker("tf_keras", check)
