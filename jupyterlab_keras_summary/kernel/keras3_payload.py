"""Rows, tensors, references, weights and totals of a live Keras 3 model.

It reads the same private attributes ``keras.src.utils.summary_utils`` reads
(``_operations``, ``_nodes_by_depth``, ``_inbound_nodes``, ``_keras_history``,
``_build_shapes_dict``), so the rows are the rows Keras printed, in the same
order. Nothing here calls a layer or creates a tensor, a node or a model.
The walk over nested models is iterative (no recursion limit at depth).
"""

from __future__ import annotations

import math

from . import rows
from .facts import Tensors, weights


def flatten(structure) -> list:
    """Keras's own tree.flatten (keras.src.tree since 3.1; dm-tree's in 3.0)."""
    try:
        from keras.src import tree
    except ImportError:  # Keras 3.0
        import tree
    return tree.flatten(structure)


def shape_leaves(structure) -> list:
    """The shapes in a compute_output_shape result (a shape, or lists/tuples/dicts of shapes)."""
    out, stack = [], [structure]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item[k] for k in sorted(item, reverse=True))
        elif isinstance(item, (list, tuple)) and all(d is None or isinstance(d, int) for d in item):
            out.append(tuple(item))
        elif isinstance(item, (list, tuple)):
            stack.extend(reversed(item))
        elif hasattr(item, "__iter__"):  # TensorShape and the like
            out.append(tuple(item))
    return out


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
    from keras.src.models import Functional, Sequential

    if isinstance(model, Sequential) or not isinstance(model, Functional):
        return True
    nodes = set()
    for v in model._nodes_by_depth.values():
        if len(v) > 1 or (len(v) == 1 and len(flatten(v[0].input_tensors)) > 1):
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


def _params(layer, layer_weights: list):
    """(built, count) as Keras prints them; the count from the weights already read
    (Layer.count_params sums the same shapes) unless the class counts its own way."""
    from keras.src.layers.layer import Layer

    if not hasattr(layer, "built"):
        return None, 0
    if not layer.built:
        return False, 0
    if type(layer).count_params is not Layer.count_params:
        return True, int(layer.count_params())
    return True, sum(math.prod(w["shape"] or [0]) for w in layer_weights)


def _build_shape(layer, tensors: Tensors):
    """Output shape(s) from ``_build_shapes_dict`` (subclassed models), as Keras prints them."""
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
    return [tensors.shape_only(s) for s in shape_leaves(outputs)]


def row_walk(model, options: dict) -> list:
    """[(layer, depth, parent row id, scope model)] in the order Keras prints the rows.

    layer_range goes through Keras's own function, so its errors are Keras's.
    """
    from keras.src.utils import summary_utils

    top = top_rows(model)
    bounds = summary_utils.get_layer_index_bound_by_layer_name(top, options.get("layer_range"))
    return rows.walk(top[bounds[0] : bounds[1]], model, bool(options.get("expand_nested")))


def row_layers(model, options: dict) -> list:
    return [item[0] for item in row_walk(model, options)]


def build(model, options: dict, tensors: Tensors | None = None) -> dict:
    """The ``model``, ``tensors``, ``layers`` and ``totals`` parts of the payload."""
    tensors = tensors or Tensors()
    out_rows: list[dict] = []
    row_of: dict[tuple, int] = {}  # (id(scope model), id(op)) -> row id
    pending = []  # (row dict, layer, scope model)
    scopes: dict[int, set] = {}
    for layer, depth, parent, scope in row_walk(model, options):
        if id(scope) not in scopes:
            scopes[id(scope)] = graph_nodes(graph_of(scope))
        layer_weights = weights(layer)
        built, params = _params(layer, layer_weights)
        trainable = bool(layer.trainable) if layer_weights else None
        out_rows.append(rows.row(len(out_rows), layer, depth, parent, built, params, trainable))
        row_of[(id(scope), id(layer))] = len(out_rows) - 1
        pending.append((out_rows[-1], layer, scope, layer_weights))

    for row, layer, scope, layer_weights in pending:
        in_scope = scopes[id(scope)]
        all_nodes = getattr(layer, "_inbound_nodes", None) or []
        nodes = []
        for index, node in enumerate(all_nodes):
            if in_scope and id(node) not in in_scope:
                continue
            refs = []
            for kt in node.input_tensors:
                h = getattr(kt, "_keras_history", None)
                if h is not None:
                    refs.append(rows.ref(h.operation, h.node_index, h.tensor_index, row_of.get((id(scope), id(h.operation))), tensors.of(kt)))
            nodes.append({"index": index, "in": refs, "out": [tensors.of(kt) for kt in node.output_tensors]})
        row["nodes"] = nodes
        if all_nodes:
            # Keras prints the shapes of the layer's last node, in this graph or not.
            row["shape_source"] = "node"
            row["outputs"] = [tensors.of(kt) for kt in all_nodes[-1].output_tensors]
        else:
            out = _build_shape(layer, tensors)
            row["shape_source"] = "build" if out is not None else "none"
            row["outputs"] = out
        rows.add_layer_facts(row, layer, layer_weights)

    inputs, outputs = [], []
    graph = graph_of(model)
    if graph is not None and getattr(graph, "_nodes_by_depth", None) is not None:
        for kt in graph.inputs:
            h = getattr(kt, "_keras_history", None)
            inputs.append({"name": str(h.operation.name) if h else None, "tensor": tensors.of(kt)})
        # The structure the user gave keeps a dict's keys (graph.outputs is flat, keys sorted).
        struct = getattr(graph, "_outputs_struct", None)  # a KerasTensor has no truth value
        outputs = rows.output_entries(graph.outputs if struct is None else struct, tensors)
    kind = model_kind(model)
    info = rows.model_part(model, kind, sequential_like(model), inputs, outputs)
    if kind == "subclassed":
        # Keras prints the shapes each sublayer was built with: the first call's
        # concrete batch, not a None (KERNEL.md §1.1).
        info["shapes_from"] = "first_call"
    return {"model": info, "tensors": tensors.items, "layers": out_rows, "totals": totals(model)}


def totals(model) -> dict:
    """Keras's own totals (summary_utils), bytes included."""
    from keras.src.utils import summary_utils as su

    trainable, non_trainable = rows.weight_lists(model)
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
    return rows.totals(counts, sizes, optimizer)
