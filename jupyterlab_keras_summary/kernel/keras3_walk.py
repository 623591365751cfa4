"""An abstract walk of a Keras 3 graph: every tensor's shape for given input shapes.

The same loop as ``Function._run_through_graph`` with ``compute_output_spec``
(no arrays: JAX ``eval_shape``, a TF ``FuncGraph``, or the layer's own
``compute_output_shape``), kept open so that every inner tensor is recorded,
nested models included, and an error stays on the node that raised it. It
calls no layer, so no node is added and no auto-name is used.
"""

from __future__ import annotations

from .facts import concat_mismatch


def _inner_graph(op):
    from .keras3_payload import graph_of

    graph = graph_of(op) if hasattr(op, "_nodes_by_depth") or hasattr(op, "_functional") else None
    if graph is None or getattr(graph, "_nodes_by_depth", None) is None:
        return None
    return graph


def walk(graph, inputs: list, values: dict, errors: dict) -> list | None:
    """Fill ``values`` (id(reference tensor) -> KerasTensor) and ``errors`` (id(node) -> text)."""
    from keras.src import tree

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
                    flat = walk(inner, tree.flatten(args), values, errors)
                    if flat is None:
                        raise ValueError(f"nested model {op.name!r} cannot take these sizes")
                else:
                    _check_merge(op, args)
                    flat = tree.flatten(op.compute_output_spec(*args, **kwargs))
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


def evaluator(graph, tensors):
    """``evaluate(sizes)`` for lineage.analyse: sizes {(input index, axis): n} -> {tensor id: shape}."""
    from keras.src.backend import KerasTensor

    from .facts import shape_list

    refs = list(graph.inputs)

    def evaluate(sizes: dict):
        inputs = []
        for i, ref in enumerate(refs):
            shape = list(ref.shape)
            for axis in range(len(shape)):
                if (i, axis) in sizes:
                    shape[axis] = sizes[(i, axis)]
            inputs.append(KerasTensor(tuple(shape), dtype=ref.dtype))
        values, errors = {}, {}
        if walk(graph, inputs, values, errors) is None or errors:
            raise ValueError(next(iter(errors.values()), "the graph cannot take these sizes"))
        out = {}
        for tid, obj in enumerate(tensors.objects):
            if obj is not None and id(obj) in values:
                out[tid] = shape_list(values[id(obj)].shape)
        return out

    return evaluate


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
                inner = _inner_graph(op) if op is not None else None
                if inner is not None:
                    stack.append(inner)
                elif isinstance(op, Layer) and type(op).compute_output_shape is Layer.compute_output_shape:
                    return (
                        f"torch backend: {op.name!r} ({type(op).__name__}) has no compute_output_shape, "
                        "and tracing it may allocate tensors"
                    )
    return None
