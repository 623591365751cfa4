"""An abstract walk of a tf-keras 2.x graph with each layer's ``compute_output_shape``.

Node by node, deepest first, as ``Functional._run_internal_graph`` orders
them, but with shapes instead of tensors: no layer is called, no node or
model is made (so no auto-name is used). Nested models are walked inside.
"""

from __future__ import annotations

from contextlib import contextmanager

from . import lineage
from .facts import concat_mismatch, shape_list


def walk(model, input_shapes: list, values: dict, errors: dict):
    import tensorflow as tf

    for ref, shape in zip(model.inputs, input_shapes):
        values[id(ref)] = tf.TensorShape(shape)
    for depth in sorted(model._nodes_by_depth, reverse=True):
        for node in model._nodes_by_depth[depth]:
            layer = node.layer
            if node.is_input:
                continue
            flat_in = tf.nest.flatten(node.keras_inputs)
            if any(id(x) not in values for x in flat_in):
                continue
            try:
                if getattr(layer, "_is_graph_network", False):
                    outs = walk(layer, [values[id(x)] for x in flat_in], values, errors)
                    if outs is None:
                        raise ValueError(f"nested model {layer.name!r} cannot take these sizes")
                    flat_out = outs
                else:
                    arg = node.call_args[0] if node.call_args else node.keras_inputs
                    shapes = tf.nest.map_structure(
                        lambda t: values[id(t)] if id(t) in values else t, arg
                    )
                    if type(layer).__name__ == "Concatenate" and isinstance(shapes, (list, tuple)):
                        problem = concat_mismatch([shape_list(x) for x in shapes], layer.axis)
                        if problem:
                            raise ValueError(problem)
                    with nodes_kept(layer):
                        out = layer.compute_output_shape(shapes)
                    flat_out = _flat_shapes(out)
            except Exception as exc:
                errors[id(node)] = f"{type(exc).__name__}: {exc}".strip()[:500]
                continue
            for ref, shape in zip(tf.nest.flatten(node.outputs), flat_out):
                values[id(ref)] = shape
    if any(id(x) not in values for x in model.outputs):
        return None
    return [values[id(x)] for x in model.outputs]


@contextmanager
def nodes_kept(layer):
    """Put back the node lists of ``layer`` and its sublayers after ``compute_output_shape``.

    tf-keras's default ``Layer.compute_output_shape`` (a layer that states no
    rule) calls the layer on placeholders in a scratch graph, and that call
    adds an inbound node: the user's graph would grow by one node per walk
    (and the row would start printing ``multiple``).
    """
    kept = []
    for sub in layer._flatten_layers(include_self=True, recursive=True):
        for attr in ("_inbound_nodes_value", "_outbound_nodes_value"):
            nodes = getattr(sub, attr, None)
            if isinstance(nodes, list):
                kept.append((nodes, list(nodes)))
    try:
        yield
    finally:
        for nodes, before in kept:
            nodes[:] = before


def _flat_shapes(out):
    import tensorflow as tf

    if isinstance(out, tf.TensorShape):
        return [out]
    if isinstance(out, (list, tuple)) and (not out or isinstance(out[0], (int, type(None)))):
        return [tf.TensorShape(out)]
    flat = []
    for item in tf.nest.flatten(out, expand_composites=False) if isinstance(out, dict) else out:
        flat.extend(_flat_shapes(item))
    return flat


class TfKerasGraph(lineage.Graph):
    def __init__(self, model):
        self.model = model
        self.inputs = [(str(kt._keras_history.layer.name), shape_list(kt.shape)) for kt in model.inputs]
        self.nodes = sum(len(v) for v in model._nodes_by_depth.values())

    def run(self, shapes: list):
        values, errors = {}, {}
        outputs = walk(self.model, shapes, values, errors)
        return outputs, values, errors

    def shape_of(self, value) -> list:
        return shape_list(value)
