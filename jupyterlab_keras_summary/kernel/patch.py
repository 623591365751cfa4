"""Put a wrapper around ``Model.summary`` and take it off again.

The wrapper carries the function it replaced (``_jks_orig``), so patching is
idempotent, and unpatching restores exactly what was there, also when someone
else wrapped ``summary`` after us (then we leave their wrapper alone and only
switch ours off, so their restore still works).
"""

from __future__ import annotations

import functools
from typing import Callable

SENTINEL = "_jks_orig"


def is_ours(func) -> bool:
    return callable(func) and hasattr(func, SENTINEL)


def patch_summary(cls, make_wrapper: Callable) -> bool:
    """Wrap ``cls.summary`` with ``make_wrapper(original)``; False if already ours."""
    current = cls.__dict__.get("summary")
    if current is None or is_ours(current):
        return False
    wrapper = make_wrapper(current)
    functools.update_wrapper(wrapper, current)
    setattr(wrapper, SENTINEL, current)
    wrapper._jks_active = True
    cls.summary = wrapper
    return True


def unpatch_summary(cls) -> None:
    current = cls.__dict__.get("summary")
    if is_ours(current):
        cls.summary = getattr(current, SENTINEL)
        return
    # Someone wrapped ours: find ours down the __wrapped__ chain and switch it off.
    seen = 0
    while current is not None and seen < 50:
        if is_ours(current):
            current._jks_active = False
            return
        current = getattr(current, "__wrapped__", None)
        seen += 1
