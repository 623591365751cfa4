"""Facts about one layer that do not depend on the framework's graph API.

Config facts are read from the layer's attributes, not from ``get_config()``:
``get_config()`` serialises initializers and regularizers and costs ~0.1 ms a
layer (1.5 s at 10,000 layers, KERNEL.md §2.1), while the attributes that
shapes depend on are plain values set in ``__init__`` under the same names in
Keras 3 and tf-keras. Only JSON-simple values are kept, so a custom layer with
an odd attribute of the same name costs nothing and sends nothing odd.
"""

from __future__ import annotations

import math

# Attributes that output shapes (or counts) depend on, per the built-in layers'
# __init__. Kept when present and JSON-simple.
CONFIG_KEYS = (
    "units",
    "filters",
    "kernel_size",
    "strides",
    "padding",
    "dilation_rate",
    "output_padding",
    "groups",
    "depth_multiplier",
    "data_format",
    "pool_size",
    "keepdims",
    "cropping",
    "size",
    "interpolation",
    "target_shape",
    "dims",
    "n",
    "axis",
    "axes",
    "normalize",
    "return_sequences",
    "return_state",
    "go_backwards",
    "merge_mode",
    "input_dim",
    "output_dim",
    "num_heads",
    "key_dim",
    "value_dim",
    "attention_axes",
    "equation",
    "partial_output_shape",
    "full_output_shape",
    "use_scale",
    "score_mode",
    "use_causal_mask",
    "mask_value",
    "num_tokens",
    "output_mode",
)

_MISSING = object()


def json_simple(value, depth: int = 0):
    """The value if it is made of None/bool/int/float/str (lists, tuples), else _MISSING."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else _MISSING
    if isinstance(value, (list, tuple)) and depth < 3 and len(value) <= 64:
        out = []
        for item in value:
            item = json_simple(item, depth + 1)
            if item is _MISSING:
                return _MISSING
            out.append(item)
        return out
    # numpy integers and the like
    if hasattr(value, "__index__") and not hasattr(value, "shape"):
        try:
            return int(value.__index__())
        except Exception:
            return _MISSING
    return _MISSING


def config_facts(layer) -> dict:
    facts = config_facts_flat(layer)
    # Wrappers (Bidirectional, TimeDistributed, RNN): what they wrap.
    for key in ("layer", "forward_layer", "backward_layer", "cell"):
        try:
            inner = getattr(layer, key, None)
        except Exception:
            continue
        if inner is None or inner is layer or not hasattr(inner, "name"):
            continue
        facts[key] = {
            "class": type(inner).__name__,
            "name": str(inner.name),
            "config": config_facts_flat(inner),
        }
    return facts


def config_facts_flat(layer) -> dict:
    facts = {}
    for key in CONFIG_KEYS:
        try:
            value = getattr(layer, key, _MISSING)
        except Exception:  # a property that raises before build
            continue
        if value is _MISSING or callable(value):
            continue
        value = json_simple(value)
        if value is not _MISSING:
            facts[key] = value
    return facts


def shape_list(shape):
    """A shape as a JSON list of int|None, or None when it is not a shape."""
    if shape is None:
        return None
    try:
        dims = list(shape)
    except TypeError:
        return None
    out = []
    for d in dims:
        if d is None:
            out.append(None)
            continue
        value = getattr(d, "value", d)  # tf.compat.v1.Dimension
        if value is None:
            out.append(None)
            continue
        try:
            out.append(int(value))
        except (TypeError, ValueError):
            out.append(None)
    return out


def dtype_name(dtype) -> str | None:
    if dtype is None:
        return None
    name = getattr(dtype, "name", None)
    if isinstance(name, str):
        return name
    return str(dtype)


def dtype_policy(layer):
    """None for plain float32, else the policy's names (mixed precision, quantized)."""
    try:
        policy = getattr(layer, "dtype_policy", None)
        if policy is None:
            policy = getattr(layer, "_dtype_policy", None)
        if policy is None:
            return None
        name = str(getattr(policy, "name", policy))
        if name == "float32":
            return None
        out = {
            "name": name,
            "compute": dtype_name(getattr(policy, "compute_dtype", None)),
            "variable": dtype_name(getattr(policy, "variable_dtype", None)),
        }
        mode = getattr(policy, "quantization_mode", None)
        if isinstance(mode, str):
            out["quantization"] = mode
        return out
    except Exception:
        return None


class Tensors:
    """Tensor ids: one per KerasTensor object (or per build-time shape)."""

    def __init__(self):
        self.items: list[dict] = []
        self._ids: dict[int, int] = {}
        self.objects: list = []  # the KerasTensor of each id (None for build shapes)

    def of(self, kt) -> int:
        key = id(kt)
        found = self._ids.get(key)
        if found is not None:
            return found
        tid = len(self.items)
        self._ids[key] = tid
        self.items.append({"shape": shape_list(getattr(kt, "shape", None)), "dtype": dtype_name(getattr(kt, "dtype", None))})
        self.objects.append(kt)
        return tid

    def lookup(self, kt):
        return self._ids.get(id(kt))

    def shape_only(self, shape) -> int:
        tid = len(self.items)
        self.items.append({"shape": shape_list(shape), "dtype": None})
        self.objects.append(None)
        return tid


def weights(layer) -> list:
    out = []
    for w in getattr(layer, "weights", []) or []:
        path = getattr(w, "path", None)
        out.append(
            {
                "name": str(getattr(w, "name", "")),
                "path": str(path) if path is not None else None,
                "shape": shape_list(w.shape),
                "dtype": dtype_name(getattr(w, "dtype", None)),
                "trainable": bool(getattr(w, "trainable", True)),
            }
        )
    return out


def concat_mismatch(shapes: list, axis: int) -> str | None:
    """Why these shapes cannot be concatenated on ``axis``, or None.

    Concatenate's compute_output_shape does not compare the other axes (a
    U-Net at an odd size "works" there and fails when called), so the walks
    check them: every other axis known in two inputs must agree.
    """
    shapes = [list(s) for s in shapes if s is not None]
    if len(shapes) < 2:
        return None
    rank = len(shapes[0])
    if any(len(s) != rank for s in shapes):
        return f"Concatenate: inputs of different ranks {shapes}"
    axis = axis % rank
    for k in range(rank):
        if k == axis:
            continue
        known = {s[k] for s in shapes if s[k] is not None}
        if len(known) > 1:
            return f"Concatenate: shapes differ on axis {k} (only axis {axis} may differ): " + ", ".join(
                "(" + ", ".join("None" if d is None else str(d) for d in s) + ")" for s in shapes
            )
    return None
