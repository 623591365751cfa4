"""Rows, tensors, references, weights and totals of a live tf-keras 2.x model.

The attributes are those ``tf_keras.src.utils.layer_utils.print_summary``
reads: ``model.layers`` (rows), ``_nodes_by_depth`` (this model's nodes),
``_inbound_nodes`` and ``node.iterate_inbound()`` (references),
``node.outputs`` (shapes). Read only; nothing is called or built.
"""

from __future__ import annotations

from . import rows
from .facts import Tensors


def model_kind(model) -> str:
    if type(model).__name__ == "Sequential" or any(c.__name__ == "Sequential" for c in type(model).__mro__):
        return "sequential"
    if getattr(model, "_is_graph_network", False):
        return "functional"
    return "subclassed"


def graph_nodes(model) -> set:
    if not getattr(model, "_is_graph_network", False):
        return set()
    return {id(n) for nodes in model._nodes_by_depth.values() for n in nodes}


def sequential_like(model) -> bool:
    import tensorflow as tf

    if type(model).__name__ == "Sequential" or not getattr(model, "_is_graph_network", False):
        return True
    nodes = set()
    for v in model._nodes_by_depth.values():
        if len(v) > 1 or (len(v) == 1 and len(tf.nest.flatten(v[0].keras_inputs)) > 1):
            return False
        nodes.update(id(n) for n in v)
    for layer in model.layers:
        seen = False
        for node in layer._inbound_nodes:
            if id(node) in nodes:
                if seen:
                    return False
                seen = True
    return True


def row_walk(model, options: dict) -> list:
    """[(layer, depth, parent row id, scope model)] in printed order."""
    from tf_keras.src.utils import layer_utils

    bounds = layer_utils.get_layer_index_bound_by_layer_name(model, options.get("layer_range"))
    return rows.walk(model.layers[bounds[0] : bounds[1]], model, bool(options.get("expand_nested")))


def _shape_source(layer) -> str:
    """What tf-keras printed: a shape, 'multiple' (AttributeError) or '?' (RuntimeError)."""
    try:
        layer.output_shape
        return "node"
    except AttributeError:
        return "multiple"
    except RuntimeError:
        return "none"


def _node(index: int, refs: list, outputs, tensors: Tensors) -> dict:
    """One call: its references and output tensors in the order tf-keras prints them
    (a dict in its own key order, where tf.nest.flatten sorts), with their keys."""
    leaves = rows.keyed_leaves(outputs)
    node = {"index": index, "in": refs, "out": [tensors.of(kt) for _, kt in leaves]}
    if any(key is not None for key, _ in leaves):
        node["keys"] = [key for key, _ in leaves]
    return node


def build(model, options: dict, tensors: Tensors | None = None) -> dict:
    tensors = tensors or Tensors()
    out_rows, pending, row_of, scopes = [], [], {}, {}
    for layer, depth, parent, scope in row_walk(model, options):
        if id(scope) not in scopes:
            scopes[id(scope)] = graph_nodes(scope)
        if not layer.built and not getattr(layer, "_is_graph_network", False):
            built, params = False, 0  # tf-keras prints "0 (unused)"
        else:
            built, params = True, int(layer.count_params())
        out_rows.append(rows.row(len(out_rows), layer, depth, parent, built, params, bool(layer.trainable)))
        row_of[(id(scope), id(layer))] = len(out_rows) - 1
        pending.append((out_rows[-1], layer, scope))

    for row, layer, scope in pending:
        in_scope = scopes[id(scope)]
        nodes = []
        for index, node in enumerate(getattr(layer, "_inbound_nodes", []) or []):
            if in_scope and id(node) not in in_scope:
                continue
            refs = [
                rows.ref(op, node_index, tensor_index, row_of.get((id(scope), id(op))), tensors.of(kt))
                for op, node_index, tensor_index, kt in node.iterate_inbound()
            ]
            nodes.append(_node(index, refs, node.outputs, tensors))
        row["nodes"] = nodes
        # What tf-keras printed, nodes or not: a subclassed model's sublayers
        # have no nodes and print "multiple" (AttributeError), like a shared
        # layer whose nodes' shapes differ (each node's shapes are in nodes).
        row["shape_source"] = _shape_source(layer)
        # tf-keras prints layer.output_shape: one shape when every node agrees.
        row["outputs"] = nodes[0]["out"] if row["shape_source"] == "node" and nodes else None
        if row["outputs"] is not None and "keys" in nodes[0]:
            row["output_keys"] = nodes[0]["keys"]
        rows.add_layer_facts(row, layer)

    inputs, outputs = [], []
    if getattr(model, "_is_graph_network", False):
        inputs = [{"name": str(kt._keras_history.layer.name), "tensor": tensors.of(kt)} for kt in model.inputs]
        outputs = rows.output_entries(getattr(model, "_nested_outputs", model.outputs), tensors)
    kind = model_kind(model)
    info = rows.model_part(model, kind, sequential_like(model), inputs, outputs)
    if kind == "subclassed":
        info["shapes_from"] = "build"
    return {"model": info, "tensors": tensors.items, "layers": out_rows, "totals": totals(model)}


def totals(model) -> dict:
    from tf_keras.src.utils import layer_utils as lu

    trainable, non_trainable = rows.weight_lists(model)
    counts = {"trainable": lu.count_params(trainable), "non_trainable": lu.count_params(non_trainable), "optimizer": 0}
    sizes = {"trainable": lu.weight_memory_size(trainable), "non_trainable": lu.weight_memory_size(non_trainable), "optimizer": 0}
    return rows.totals(counts, sizes, None)  # tf-keras prints no optimizer line
