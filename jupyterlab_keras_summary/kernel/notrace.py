"""Keep the user's auto-name counters as they were while we work.

The abstract walks create KerasTensors, and Keras names each one from a
global counter (``keras_tensor_N``; tf-keras keeps per-graph counters), so a
walk would move the names the user's next tensors, layers and models get.
Every counter is saved before and put back after, whatever happens.
Only modules already imported are looked at; nothing is imported.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager


def _counters() -> list:
    found = []
    state = sys.modules.get("keras.src.backend.common.global_state")
    if state is not None:
        uids = state.get_global_attribute("object_name_uids")
        if uids is not None:
            found.append(uids)
    backend = sys.modules.get("tf_keras.src.backend")
    if backend is not None:
        per_graph = getattr(backend, "PER_GRAPH_OBJECT_NAME_UIDS", None)
        if per_graph is not None:
            found.extend(list(per_graph.values()))
        observed = getattr(backend, "OBSERVED_NAMES", None)
        if observed is not None:
            found.append(observed)
    return found


@contextmanager
def names_kept():
    saved = []
    try:
        saved = [(c, c.copy()) for c in _counters()]
    except Exception:
        saved = []
    try:
        yield
    finally:
        for counter, copy in saved:
            counter.clear()
            counter.update(copy)
