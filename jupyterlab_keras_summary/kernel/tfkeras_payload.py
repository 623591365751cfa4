"""Rows, tensors, references, weights and totals of a live tf-keras 2.x model.

The attributes are those ``tf_keras.src.utils.layer_utils.print_summary``
reads: ``model.layers`` (rows), ``_nodes_by_depth`` (this model's nodes),
``_inbound_nodes`` and ``node.iterate_inbound()`` (references),
``node.outputs`` (shapes). Read only; nothing is called or built.
"""

from __future__ import annotations

from .facts import Tensors, config_facts, dtype_policy, shape_list, weights


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
    """[(layer, depth, parent row id, scope model)] in printed order (iterative)."""
    from tf_keras.src.utils import layer_utils

    bounds = layer_utils.get_layer_index_bound_by_layer_name(model, options.get("layer_range"))
    expand = bool(options.get("expand_nested"))
    out = []
    stack = [(layer, 0, None, model) for layer in reversed(model.layers[bounds[0] : bounds[1]])]
    while stack:
        layer, depth, parent, scope = stack.pop()
        rid = len(out)
        out.append((layer, depth, parent, scope))
        children = getattr(layer, "layers", None) if expand else None
        if children:
            for child in reversed(list(children)):
                stack.append((child, depth + 1, rid, layer))
    return out


def _shape_source(layer) -> str:
    """What tf-keras printed: a shape, 'multiple' (AttributeError) or '?' (RuntimeError)."""
    try:
        layer.output_shape
        return "node"
    except AttributeError:
        return "multiple"
    except RuntimeError:
        return "none"


def build(model, options: dict, tensors: Tensors | None = None) -> dict:
    import tensorflow as tf

    tensors = tensors or Tensors()
    rows, pending, row_of, scopes = [], [], {}, {}
    for layer, depth, parent, scope in row_walk(model, options):
        if id(scope) not in scopes:
            scopes[id(scope)] = graph_nodes(scope)
        rid = len(rows)
        if not layer.built and not getattr(layer, "_is_graph_network", False):
            built, params = False, 0  # tf-keras prints "0 (unused)"
        else:
            built, params = True, int(layer.count_params())
        rows.append(
            {
                "id": rid,
                "name": str(layer.name),
                "class": type(layer).__name__,
                "module": type(layer).__module__,
                "depth": depth,
                "parent": parent,
                "built": built,
                "params": params,
                "trainable": bool(layer.trainable),
            }
        )
        row_of[(id(scope), id(layer))] = rid
        pending.append((rows[-1], layer, scope))

    for row, layer, scope in pending:
        in_scope = scopes[id(scope)]
        nodes = []
        for index, node in enumerate(getattr(layer, "_inbound_nodes", []) or []):
            if in_scope and id(node) not in in_scope:
                continue
            refs = []
            try:
                inbound = list(node.iterate_inbound())
            except Exception:
                inbound = []
            for op, node_index, tensor_index, kt in inbound:
                refs.append(
                    {
                        "layer": str(op.name),
                        "node": int(node_index),
                        "output": int(tensor_index),
                        "row": row_of.get((id(scope), id(op))),
                        "tensor": tensors.of(kt),
                    }
                )
            outs = [tensors.of(kt) for kt in tf.nest.flatten(node.outputs)]
            nodes.append({"index": index, "in": refs, "out": outs})
        row["nodes"] = nodes
        row["shape_source"] = _shape_source(layer) if nodes else "none"
        # tf-keras prints layer.output_shape: one shape when every node agrees.
        row["outputs"] = nodes[0]["out"] if row["shape_source"] == "node" else None
        row["weights"] = weights(layer)
        policy = dtype_policy(layer)
        if policy is not None:
            row["dtype_policy"] = policy
        config = config_facts(layer)
        if config:
            row["config"] = config

    kind = model_kind(model)
    info = {
        "name": str(model.name),
        "class": type(model).__name__,
        "module": type(model).__module__,
        "kind": kind,
        "built": bool(model.built),
        "sequential_like": sequential_like(model),
        "inputs": [],
        "outputs": [],
    }
    if getattr(model, "_is_graph_network", False):
        for kt in model.inputs:
            history = getattr(kt, "_keras_history", None)
            info["inputs"].append({"name": str(history.layer.name) if history else None, "tensor": tensors.of(kt)})
        for kt in model.outputs:
            info["outputs"].append({"tensor": tensors.of(kt)})
    else:
        info["shapes_from"] = "build"
    policy = dtype_policy(model)
    if policy is not None:
        info["dtype_policy"] = policy
    return {"model": info, "tensors": tensors.items, "layers": rows, "totals": totals(model)}


def totals(model) -> dict:
    from tf_keras.src.utils import layer_utils as lu

    trainable = getattr(model, "_collected_trainable_weights", None)
    if trainable is None:
        trainable = model.trainable_weights
    non_trainable = model.non_trainable_weights
    counts = {"trainable": int(lu.count_params(trainable)), "non_trainable": int(lu.count_params(non_trainable))}
    sizes = {"trainable": float(lu.weight_memory_size(trainable)), "non_trainable": float(lu.weight_memory_size(non_trainable))}
    return {
        "total": counts["trainable"] + counts["non_trainable"],
        **counts,
        "optimizer": 0,  # tf-keras prints no optimizer line
        "optimizer_class": None,
        "bytes": {"total": sizes["trainable"] + sizes["non_trainable"], **sizes, "optimizer": 0.0},
    }


def input_shapes(model) -> list:
    return [(str(kt._keras_history.layer.name), shape_list(kt.shape)) for kt in model.inputs]
