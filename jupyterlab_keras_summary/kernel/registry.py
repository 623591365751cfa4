"""Summarized models by token, held weakly: the payload names a model, the kernel finds it again.

The frontend's "check in the kernel" sends ``user_expressions`` (no output, no
history) calling :func:`check`; a model the user deleted is simply gone.
"""

from __future__ import annotations

import json
import secrets
import weakref

# token -> (weak reference to the model, the summary's options): tensor ids
# depend on the options (layer_range, expand_nested), so a check rebuilds them
# the same way.
_entries: dict = {}
_checkers: dict = {}  # framework name -> function(model, options, sizes) -> dict
MAX_ENTRIES = 1000


def register(model, framework: str, options: dict) -> str | None:
    try:
        ref = weakref.ref(model)
    except TypeError:  # not weak-referenceable
        return None
    for key in [k for k, (r, _, _) in _entries.items() if r() is None]:
        del _entries[key]
    while len(_entries) >= MAX_ENTRIES:
        del _entries[next(iter(_entries))]
    token = f"{framework}:{secrets.token_hex(8)}"
    keep = {k: options.get(k) for k in ("expand_nested", "layer_range", "show_trainable")}
    _entries[token] = (ref, framework, keep)
    return token


def add_checker(framework: str, fn) -> None:
    _checkers[framework] = fn


class CheckResult:
    """Shown through user_expressions as ``application/json`` (and JSON text)."""

    def __init__(self, data: dict):
        self.data = data

    def _repr_json_(self):
        return self.data

    def __repr__(self):
        return json.dumps(self.data)


def check(token: str, sizes: dict) -> CheckResult:
    """Every tensor's shape for ``sizes`` (source id -> size, as in the payload's ``dims.sources``)."""
    from .payload import VERSION

    base = {"version": list(VERSION), "token": token}
    ref, framework, options = _entries.get(str(token), (lambda: None, None, {}))
    model = ref()
    if model is None:
        return CheckResult({**base, "status": "gone", "reason": "the model is no longer in this kernel"})
    checker = _checkers.get(framework)
    if checker is None:
        return CheckResult({**base, "status": "unsupported", "reason": f"no check for {framework}"})
    from .notrace import names_kept

    try:
        with names_kept():
            return CheckResult({**base, **checker(model, options, dict(sizes or {}))})
    except Exception as exc:
        return CheckResult({**base, "status": "failed", "reason": f"{type(exc).__name__}: {exc}"[:500]})
