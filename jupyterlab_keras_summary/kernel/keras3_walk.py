"""An abstract walk of a Keras 3 graph: every tensor's shape for given input shapes.

The same loop as ``Function._run_through_graph`` with ``compute_output_spec``
(no arrays: JAX ``eval_shape``, a TF ``FuncGraph``, or the layer's own
``compute_output_shape``), kept open so that every inner tensor is recorded,
nested models included, and an error stays on the node that raised it. It
calls no layer, so no node is added and no auto-name is used.
"""

from __future__ import annotations

from . import lineage
from .facts import concat_mismatch, shape_list


def _inner_graph(op):
    from .keras3_payload import graph_of

    graph = graph_of(op) if hasattr(op, "_nodes_by_depth") or hasattr(op, "_functional") else None
    if graph is None or getattr(graph, "_nodes_by_depth", None) is None:
        return None
    return graph


def walk(graph, inputs: list, values: dict, errors: dict) -> list | None:
    """Fill ``values`` (id(reference tensor) -> KerasTensor) and ``errors`` (id(node) -> text)."""
    from .keras3_payload import flatten

    for ref, value in zip(graph.inputs, inputs):
        values[id(ref)] = value
    for depth in sorted(graph._nodes_by_depth, reverse=True):
        for node in graph._nodes_by_depth[depth]:
            op = node.operation
            if not op or node.is_input:
                continue
            if any(id(x) not in values for x in node.input_tensors):
                continue  # an input failed upstream
            try:
                args, kwargs = node.arguments.fill_in(values)
                inner = _inner_graph(op)
                if inner is not None:
                    flat = walk(inner, flatten(args), values, errors)
                    if flat is None:
                        raise ValueError(f"nested model {op.name!r} cannot take these sizes")
                else:
                    _check_merge(op, args)
                    flat = flatten(op.compute_output_spec(*args, **kwargs))
            except Exception as exc:  # the layer's own message, e.g. a pooling window too big
                errors[id(node)] = f"{type(exc).__name__}: {exc}".strip()[:500]
                continue
            for ref, value in zip(node.outputs, flat):
                values[id(ref)] = value
    if any(id(x) not in values for x in graph.outputs):
        return None
    return [values[id(x)] for x in graph.outputs]


def _check_merge(op, args) -> None:
    from keras.src.layers import Concatenate

    if isinstance(op, Concatenate) and args and isinstance(args[0], (list, tuple)):
        problem = concat_mismatch([list(x.shape) for x in args[0]], op.axis)
        if problem:
            raise ValueError(problem)


class Keras3Graph(lineage.Graph):
    def __init__(self, graph):
        self.graph = graph
        self.inputs = [(_input_name(kt), list(kt.shape)) for kt in graph.inputs]
        self.nodes = sum(len(v) for v in graph._nodes_by_depth.values())

    def run(self, shapes: list):
        from keras.src.backend import KerasTensor

        inputs = [KerasTensor(tuple(s), dtype=ref.dtype) for s, ref in zip(shapes, self.graph.inputs)]
        values, errors = {}, {}
        outputs = walk(self.graph, inputs, values, errors)
        return outputs, values, errors

    def shape_of(self, value) -> list:
        return shape_list(value.shape)


def _input_name(kt):
    history = getattr(kt, "_keras_history", None)
    return str(history.operation.name) if history is not None else None


def can_walk(graph) -> str | None:
    """None if the walk is safe here, else why not (torch may fall back to real tensors)."""
    from keras.src import backend

    if backend.backend() != "torch":
        return None
    from keras.src.layers.layer import Layer

    stack = [graph]
    while stack:
        g = stack.pop()
        for nodes in g._nodes_by_depth.values():
            for node in nodes:
                op = node.operation
                if op is None or node.is_input:
                    continue  # the walk never computes input nodes
                inner = _inner_graph(op)
                if inner is not None:
                    stack.append(inner)
                elif isinstance(op, Layer) and type(op).compute_output_shape is Layer.compute_output_shape:
                    return (
                        f"torch backend: {op.name!r} ({type(op).__name__}) has no compute_output_shape, "
                        "and tracing it may allocate tensors"
                    )
    return None
