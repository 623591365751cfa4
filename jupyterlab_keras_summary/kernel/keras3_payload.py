"""Rows, tensors, references, weights and totals of a live Keras 3 model.

It reads the same private attributes ``keras.src.utils.summary_utils`` reads
(``_operations``, ``_nodes_by_depth``, ``_inbound_nodes``, ``_keras_history``,
``_build_shapes_dict``), so the rows are the rows Keras printed, in the same
order. Nothing here calls a layer or creates a tensor, a node or a model.
The walk over nested models is iterative (no recursion limit at depth).
"""

from __future__ import annotations

from .facts import Tensors, config_facts, dtype_policy, weights


def model_kind(model) -> str:
    from keras.src.models import Functional, Sequential

    if isinstance(model, Sequential):
        return "sequential"
    if isinstance(model, Functional):
        return "functional"
    return "subclassed"


def graph_of(model):
    """The Functional holding ``model``'s graph (Sequential keeps one inside), or None."""
    from keras.src.models import Functional, Sequential

    if isinstance(model, Sequential):
        return getattr(model, "_functional", None)
    if isinstance(model, Functional):
        return model
    return None


def graph_nodes(graph) -> set:
    if graph is None:
        return set()
    return {id(n) for nodes in graph._nodes_by_depth.values() for n in nodes}


def top_rows(model) -> list:
    """The operations Keras prints at the top level, in its order."""
    from keras.src.models import Functional, Sequential

    if isinstance(model, Sequential) or not isinstance(model, Functional):
        return list(model.layers)
    return list(model._operations)


def sequential_like(model) -> bool:
    """Keras's own test (summary_utils.print_summary), read only."""
    from keras.src import tree
    from keras.src.models import Functional, Sequential

    if isinstance(model, Sequential) or not isinstance(model, Functional):
        return True
    nodes = set()
    for v in model._nodes_by_depth.values():
        if len(v) > 1 or (len(v) == 1 and len(tree.flatten(v[0].input_tensors)) > 1):
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


def _params(layer):
    if not hasattr(layer, "built"):
        return None, 0
    if not layer.built:
        return False, 0
    return True, int(layer.count_params())


def _build_shape(layer, tensors: Tensors):
    """Output shape(s) from ``_build_shapes_dict`` (subclassed models), as Keras prints them."""
    from keras.src import tree
    from keras.src.layers.layer import Layer

    shapes_dict = getattr(layer, "_build_shapes_dict", None)
    if not shapes_dict:
        return None
    # Layer's default compute_output_shape traces `call` (and on torch may
    # allocate); use only layers that say their rule themselves.
    if type(layer).compute_output_shape is Layer.compute_output_shape:
        return None
    try:
        outputs = layer.compute_output_shape(**shapes_dict)
    except Exception:
        return None
    shapes: list = []
    tree.map_shape_structure(lambda s: shapes.append(tuple(s)), outputs)  # shapes are the leaves
    return [tensors.shape_only(s) for s in shapes]


def row_walk(model, options: dict) -> list:
    """[(layer, depth, parent row id, scope model)] in the order Keras prints the rows.

    Iterative pre-order (nested models under their row with expand_nested), so
    deep nesting has no recursion limit. layer_range goes through Keras's own
    function, so its errors are Keras's.
    """
    from keras.src.utils import summary_utils

    top = top_rows(model)
    bounds = summary_utils.get_layer_index_bound_by_layer_name(top, options.get("layer_range"))
    expand = bool(options.get("expand_nested"))
    out = []
    stack = [(layer, 0, None, model) for layer in reversed(top[bounds[0] : bounds[1]])]
    while stack:
        layer, depth, parent, scope = stack.pop()
        rid = len(out)
        out.append((layer, depth, parent, scope))
        children = getattr(layer, "layers", None) if expand else None
        if children:
            for child in reversed(list(children)):
                stack.append((child, depth + 1, rid, layer))
    return out


def row_layers(model, options: dict) -> list:
    return [item[0] for item in row_walk(model, options)]


def build(model, options: dict, tensors: Tensors | None = None) -> dict:
    """The ``model``, ``tensors``, ``layers`` and ``totals`` parts of the payload."""
    tensors = tensors or Tensors()
    kind = model_kind(model)
    seq_like = sequential_like(model)

    rows: list[dict] = []
    row_of: dict[tuple, int] = {}  # (id(scope model), id(op)) -> row id
    pending = []  # (row dict, layer, scope model)
    scopes: dict[int, tuple] = {}
    for layer, depth, parent, scope in row_walk(model, options):
        sid = id(scope)
        if sid not in scopes:
            g = graph_of(scope)
            scopes[sid] = (g, graph_nodes(g))
        rid = len(rows)
        built, params = _params(layer)
        has_weights = bool(getattr(layer, "weights", None))
        row = {
            "id": rid,
            "name": str(layer.name),
            "class": type(layer).__name__,
            "module": type(layer).__module__,
            "depth": depth,
            "parent": parent,
            "built": built,
            "params": params,
            "trainable": bool(layer.trainable) if has_weights else None,
        }
        rows.append(row)
        row_of[(sid, id(layer))] = rid
        pending.append((row, layer, scope))

    for row, layer, scope in pending:
        graph, in_scope = scopes[id(scope)]
        nodes = []
        for index, node in enumerate(getattr(layer, "_inbound_nodes", []) or []):
            if in_scope and id(node) not in in_scope:
                continue
            refs = []
            for kt in node.input_tensors:
                history = getattr(kt, "_keras_history", None)
                if history is None:
                    continue
                op = history.operation
                refs.append(
                    {
                        "layer": str(op.name),
                        "node": int(history.node_index),
                        "output": int(history.tensor_index),
                        "row": row_of.get((id(scope), id(op))),
                        "tensor": tensors.of(kt),
                    }
                )
            nodes.append({"index": index, "in": refs, "out": [tensors.of(kt) for kt in node.output_tensors]})
        row["nodes"] = nodes
        all_nodes = getattr(layer, "_inbound_nodes", None) or []
        if all_nodes:
            # Keras prints the shapes of the layer's last node, in this graph or not.
            row["shape_source"] = "node"
            row["outputs"] = [tensors.of(kt) for kt in all_nodes[-1].output_tensors]
        else:
            out = _build_shape(layer, tensors)
            row["shape_source"] = "build" if out is not None else "none"
            row["outputs"] = out
        row["weights"] = weights(layer)
        policy = dtype_policy(layer)
        if policy is not None:
            row["dtype_policy"] = policy
        config = config_facts(layer)
        if config:
            row["config"] = config

    info = {
        "name": str(model.name),
        "class": type(model).__name__,
        "module": type(model).__module__,
        "kind": kind,
        "built": bool(getattr(model, "built", False)),
        "sequential_like": seq_like,
        "inputs": [],
        "outputs": [],
    }
    graph = graph_of(model)
    if graph is not None and getattr(graph, "_nodes_by_depth", None) is not None:
        for kt in graph.inputs:
            history = getattr(kt, "_keras_history", None)
            info["inputs"].append({"name": str(history.operation.name) if history else None, "tensor": tensors.of(kt)})
        for kt in graph.outputs:
            info["outputs"].append({"tensor": tensors.of(kt)})
    if kind == "subclassed":
        # Keras prints the shapes each sublayer was built with: the first call's
        # concrete batch, not a None (KERNEL.md §1.1).
        info["shapes_from"] = "first_call"
    policy = dtype_policy(model)
    if policy is not None:
        info["dtype_policy"] = policy

    return {"model": info, "tensors": tensors.items, "layers": rows, "totals": totals(model)}


def totals(model) -> dict:
    """Keras's own totals (summary_utils), bytes included."""
    from keras.src.utils import summary_utils as su

    trainable = getattr(model, "_collected_trainable_weights", None)
    if trainable is None:
        trainable = model.trainable_weights
    non_trainable = model.non_trainable_weights
    opt_vars = []
    optimizer = None
    if getattr(model, "compiled", False) and getattr(model, "optimizer", None) and model.optimizer.built:
        opt_vars = model.optimizer.variables
        optimizer = type(model.optimizer).__name__
    counts = {
        "trainable": su.count_params(trainable),
        "non_trainable": su.count_params(non_trainable),
        "optimizer": su.count_params(opt_vars) if optimizer else 0,
    }
    sizes = {
        "trainable": su.weight_memory_size(trainable),
        "non_trainable": su.weight_memory_size(non_trainable),
        "optimizer": su.weight_memory_size(opt_vars) if optimizer else 0,
    }
    return {
        "total": counts["trainable"] + counts["non_trainable"] + counts["optimizer"],
        **counts,
        "optimizer_class": optimizer,
        "bytes": {"total": sum(sizes.values()), **{k: float(v) for k, v in sizes.items()}},
    }
