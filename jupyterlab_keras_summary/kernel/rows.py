"""Row-building parts both framework builders share (Keras 3 and tf-keras).

The builders know where their framework keeps nodes and references; this
module knows what a row, a reference, the model part and the totals of the
payload look like.
"""

from __future__ import annotations

from .facts import config_facts, dtype_policy, weights


def walk(top: list, model, expand: bool) -> list:
    """[(layer, depth, parent row id, scope model)] in printed order.

    Iterative pre-order (nested models under their row with expand_nested), so
    deep nesting has no recursion limit.
    """
    out = []
    stack = [(layer, 0, None, model) for layer in reversed(top)]
    while stack:
        layer, depth, parent, scope = stack.pop()
        rid = len(out)
        out.append((layer, depth, parent, scope))
        children = getattr(layer, "layers", None) if expand else None
        if children:
            for child in reversed(list(children)):
                stack.append((child, depth + 1, rid, layer))
    return out


def row(rid: int, layer, depth: int, parent, built, params: int, trainable) -> dict:
    return {
        "id": rid,
        "name": str(layer.name),
        "class": type(layer).__name__,
        "module": type(layer).__module__,
        "depth": depth,
        "parent": parent,
        "built": built,
        "params": params,
        "trainable": trainable,
    }


def ref(producer, node_index, tensor_index, row_id, tensor_id: int) -> dict:
    """One Connected to reference producer[node_index][tensor_index]."""
    return {
        "layer": str(producer.name),
        "node": int(node_index),
        "output": int(tensor_index),
        "row": row_id,
        "tensor": tensor_id,
    }


def add_layer_facts(out: dict, layer, layer_weights: list | None = None) -> None:
    """A row's weights, dtype policy (absent for float32) and config facts."""
    out["weights"] = weights(layer) if layer_weights is None else layer_weights
    policy = dtype_policy(layer)
    if policy is not None:
        out["dtype_policy"] = policy
    config = config_facts(layer)
    if config:
        out["config"] = config


def keyed_leaves(structure) -> list:
    """[(key or None, leaf)] of a node's or model's output structure, in the order Keras prints it.

    Dicts keep their own (insertion) order, as ``str(dict)`` prints them, where
    ``tf.nest.flatten`` and ``tree.flatten`` sort the keys. A leaf's key is the
    key of the innermost dict holding it.
    """
    out, stack = [], [(None, structure)]
    while stack:
        key, item = stack.pop()
        if isinstance(item, dict):
            stack.extend((str(k), v) for k, v in reversed(list(item.items())))
        elif isinstance(item, (list, tuple)) and not hasattr(item, "shape"):
            stack.extend((key, v) for v in reversed(item))
        else:
            out.append((key, item))
    return out


def output_entries(structure, tensors) -> list:
    """The payload's model.outputs: [{tensor}] in printed order, with ``key`` where Keras has one."""
    entries = []
    for key, kt in keyed_leaves(structure):
        entry = {"tensor": tensors.of(kt)}
        if key is not None:
            entry["key"] = key
        entries.append(entry)
    return entries


def model_part(model, kind: str, seq_like: bool, inputs: list, outputs: list) -> dict:
    """inputs: [{name, tensor}], outputs: [{tensor, key?}]."""
    info = {
        "name": str(model.name),
        "class": type(model).__name__,
        "module": type(model).__module__,
        "kind": kind,
        "built": bool(getattr(model, "built", False)),
        "sequential_like": seq_like,
        "inputs": inputs,
        "outputs": outputs,
    }
    policy = dtype_policy(model)
    if policy is not None:
        info["dtype_policy"] = policy
    return info


def totals(counts: dict, sizes: dict, optimizer_class) -> dict:
    """counts and sizes: {trainable, non_trainable, optimizer} as Keras computed them."""
    return {
        "total": int(sum(counts.values())),
        **{k: int(v) for k, v in counts.items()},
        "optimizer_class": optimizer_class,
        "bytes": {"total": float(sum(sizes.values())), **{k: float(v) for k, v in sizes.items()}},
    }


def weight_lists(model) -> tuple:
    """(trainable, non-trainable) weights as both summaries count them."""
    trainable = getattr(model, "_collected_trainable_weights", None)
    if trainable is None:
        trainable = model.trainable_weights
    return trainable, model.non_trainable_weights
