"""Which model input axis each dimension comes from, and which dimensions always have the same size.

Framework-free: it only needs ``evaluate(sizes)``, a function that returns
every tensor's shape for given sizes of the open input axes (an abstract walk
of the graph, no arrays). Each source (the batch, and each ``None`` axis of
each input) is perturbed twice while the others stay at their base size; an
output axis *comes from* the sources whose perturbations change it, and two
axes *have the same size* when they are equal in every evaluation. Two
perturbations per source catch dependencies a single one hides behind floor
division (KERNEL.md §3); a third, odd size (when the model takes one) keeps
apart sizes that agree for every even length (ceil and floor of T/2). A source that cannot change alone (two inputs that
must stay equal, e.g. added together) is perturbed with the one it is tied to.
"""

from __future__ import annotations

import time
from typing import Callable, Dict, List, Optional

Shapes = Dict[int, Optional[List[Optional[int]]]]  # tensor id -> shape

# Base sizes are multiples of 32 so that strided and pooled models (U-Net
# skips, ResNet stages) line up; perturbations change them by other multiples.
BATCH_SIZES = (3, 5, 7)
AXIS_SIZES = (96, 160, 224, 101)
# The last size is odd, tried after the two perturbations and kept only if the
# model takes it: with even sizes alone, ceil(T/2) ("same", stride 2) and
# floor(T/2) ("valid") always agree and would be one size (a strided model's
# U-Net skips cannot take it, and then it is left out).
OPTIONAL = {AXIS_SIZES: 3}


class Source:
    def __init__(self, sid: str, kind: str, axes: list, sizes: tuple, label: dict):
        self.id = sid
        self.kind = kind  # "batch" | "input"
        self.axes = axes  # [(input index, axis)] this source sets
        self.sizes = sizes
        self.label = label
        self.tied: list[str] = []


def make_sources(inputs: list) -> list:
    """inputs: [(input name, shape list)]; the batch is one source for all inputs."""
    sources = [Source("batch", "batch", [(i, 0) for i, (_, s) in enumerate(inputs) if s], BATCH_SIZES, {"kind": "batch"})]
    for i, (name, shape) in enumerate(inputs):
        for axis, dim in enumerate(shape or []):
            if axis == 0 or dim is not None:
                continue
            sid = f"i{i}.{axis}"
            sources.append(
                Source(sid, "input", [(i, axis)], AXIS_SIZES, {"kind": "input", "input": name, "input_index": i, "axis": axis})
            )
    return sources


def _assign(sources, choice: dict) -> dict:
    """{(input index, axis): size} with each source at its base or chosen perturbation."""
    out = {}
    for src in sources:
        size = src.sizes[choice.get(src.id, 0)]
        for key in src.axes:
            out[key] = size
    return out


def analyse(sources: list, evaluate: Callable[[dict], Shapes], reference: Shapes, order: list, budget_s: float) -> dict:
    """The ``dims`` part of the payload.

    reference: each tensor's shape as the model has it (None = open);
    order: [(tensor id, row id, node index)] in the order rows are printed, for ``first``.
    """
    started = time.perf_counter()
    runs: list[Shapes] = []
    base = evaluate(_assign(sources, {}))
    runs.append(base)
    first_cost = time.perf_counter() - started
    planned = 1 + 3 * (len(sources))
    if first_cost * planned > budget_s:
        return {"status": "skipped", "reason": f"about {first_cost * planned:.1f} s for {planned} abstract walks (budget {budget_s:.1f} s)"}

    moved: dict[str, list[int]] = {}  # source id -> indexes of its runs
    for src in sources:
        idx = []
        for k in (1, 2):
            try:
                runs.append(evaluate(_assign(sources, {src.id: k})))
                idx.append(len(runs) - 1)
            except Exception:
                idx = []
                break
        if not idx:
            partner = _tie(src, sources, evaluate, runs)
            if partner is None:
                return {"status": "failed", "reason": f"the model takes no other size for {src.id}"}
            idx = partner
        elif src.sizes in OPTIONAL:
            try:
                runs.append(evaluate(_assign(sources, {src.id: OPTIONAL[src.sizes]})))
                idx.append(len(runs) - 1)
            except Exception:
                pass  # the model takes no odd size here; the even ones stand
        moved[src.id] = idx

    vectors: dict[tuple, list] = {}  # value vector -> [(tensor id, axis)]
    axis_vec: dict[tuple, tuple] = {}
    for tid, shape in reference.items():
        if shape is None:
            continue
        for axis, dim in enumerate(shape):
            try:
                vec = tuple(run[tid][axis] for run in runs)
            except (KeyError, IndexError, TypeError):
                continue
            if dim is not None and len(set(vec)) == 1:
                continue  # a fixed size nothing changes
            if None in vec:
                # A layer's own shape rule left it open (tf-keras's EinsumDense
                # drops the batch): no size is known, rather than a size of
                # its own that would look exact.
                continue
            axis_vec[(tid, axis)] = vec
            vectors.setdefault(vec, []).append((tid, axis))

    sizes = []
    size_of_vec = {}
    where = {}
    for tid, row, node in order:
        shape = reference.get(tid) or []
        for axis in range(len(shape)):
            vec = axis_vec.get((tid, axis))
            if vec is None or vec in size_of_vec:
                continue
            sid = f"s{len(sizes)}"
            size_of_vec[vec] = sid
            src_ids = [s.id for s in sources if any(vec[i] != vec[0] for i in moved.get(s.id, []))]
            sizes.append({"id": sid, "sources": src_ids, "first": {"row": row, "node": node, "tensor": tid, "axis": axis}})
            where[sid] = True
    for vec in vectors:  # tensors no row prints (inputs of nested models)
        if vec not in size_of_vec:
            sid = f"s{len(sizes)}"
            size_of_vec[vec] = sid
            src_ids = [s.id for s in sources if any(vec[i] != vec[0] for i in moved.get(s.id, []))]
            tid, axis = vectors[vec][0]
            sizes.append({"id": sid, "sources": src_ids, "first": {"row": None, "node": None, "tensor": tid, "axis": axis}})

    axes = {}
    for (tid, axis), vec in axis_vec.items():
        shape = reference[tid]
        axes.setdefault(str(tid), [None] * len(shape))[axis] = size_of_vec[vec]
    out_sources = []
    for s in sources:
        entry = {"id": s.id, **s.label}
        if s.tied:
            entry["tied"] = list(s.tied)
        out_sources.append(entry)
    return {
        "status": "ok",
        "method": "perturbation",
        "evaluations": len(runs),
        "seconds": round(time.perf_counter() - started, 4),
        "sources": out_sources,
        "sizes": sizes,
        "axes": axes,
    }


def _tie(src, sources, evaluate, runs):
    """Perturb src with one other source; the first pair that works ties them."""
    for other in sources:
        if other is src or other.kind != src.kind:
            continue
        idx = []
        try:
            for k in (1, 2):
                runs.append(evaluate(_assign(sources, {src.id: k, other.id: k})))
                idx.append(len(runs) - 1)
        except Exception:
            del runs[len(runs) - len(idx):]
            continue
        src.tied.append(other.id)
        return idx
    return None


class Graph:
    """What the exact analysis needs from a framework's graph (see keras3_walk, tfkeras_walk).

    ``inputs``: [(input name, shape)]; ``run(shapes)`` -> (outputs or None, values, errors),
    values keyed by id(reference tensor), errors by id(node); ``shape_of(value)`` -> list.
    """

    inputs: list = []
    nodes: int = 0

    def run(self, shapes: list):  # pragma: no cover - per framework
        raise NotImplementedError

    def shape_of(self, value) -> list:  # pragma: no cover - per framework
        raise NotImplementedError


def _shapes(inputs: list, sizes: dict) -> list:
    return [[sizes.get((i, a), d) for a, d in enumerate(shape or [])] for i, (_, shape) in enumerate(inputs)]


def _tensor_shapes(graph: Graph, tensors, values: dict) -> dict:
    return {
        tid: graph.shape_of(values[id(obj)])
        for tid, obj in enumerate(tensors.objects)
        if obj is not None and id(obj) in values
    }


def dims(graph: Graph, tensors, rows: list, max_nodes: int, budget_s: float) -> dict:
    """The payload's ``dims`` for a graph: sources, sizes and per-axis size ids."""
    if graph.nodes > max_nodes:
        return {"status": "skipped", "reason": f"{graph.nodes} graph nodes (more than {max_nodes})"}

    def evaluate(sizes: dict):
        outputs, values, errors = graph.run(_shapes(graph.inputs, sizes))
        if outputs is None or errors:
            raise ValueError(next(iter(errors.values()), "the graph cannot take these sizes"))
        return _tensor_shapes(graph, tensors, values)

    sources = make_sources(graph.inputs)
    reference = {tid: item["shape"] for tid, item in enumerate(tensors.items) if tensors.objects[tid] is not None}
    order = [(tid, row["id"], node["index"]) for row in rows for node in row["nodes"] for tid in node["out"]]
    try:
        return analyse(sources, evaluate, reference, order, budget_s)
    except Exception as exc:
        return {"status": "failed", "reason": f"{type(exc).__name__}: {exc}"[:300]}


def check(graph: Graph, tensors, rows: list, layers: list, sizes: dict) -> dict:
    """What "check in the kernel" returns: shapes by tensor id and errors by row."""
    chosen = {}
    for src in make_sources(graph.inputs):
        value = sizes.get(src.id)
        if value is None:
            continue
        n = int(value)
        if n < 1:
            raise ValueError(f"size for {src.id} must be 1 or more")
        for key in src.axes:
            chosen[key] = n
    _, values, errors = graph.run(_shapes(graph.inputs, chosen))
    node_rows = {}
    for row, layer in zip(rows, layers):
        for node in row["nodes"]:
            node_rows[id(layer._inbound_nodes[node["index"]])] = (row["id"], node["index"])
    shapes = {str(tid): shape for tid, shape in _tensor_shapes(graph, tensors, values).items()}
    row_errors = [
        {"row": node_rows[nid][0], "node": node_rows[nid][1], "message": msg}
        for nid, msg in errors.items()
        if nid in node_rows
    ]
    return {"status": "ok", "valid": not errors, "sizes": sizes, "tensors": shapes, "errors": row_errors}
