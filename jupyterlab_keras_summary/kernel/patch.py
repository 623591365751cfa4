"""Put a wrapper around ``Model.summary`` and take it off again.

Our wrappers are known by identity (a ``functools.wraps`` of ours by someone
else copies every attribute, so an attribute cannot tell them apart), which
makes patching idempotent. Unpatching restores the function we replaced; if
someone wrapped ``summary`` after us, their wrapper stays and ours is only
switched off, so their own restore still works.
"""

from __future__ import annotations

import functools
import weakref
from typing import Callable

SENTINEL = "_jks_orig"  # the replaced function, on our wrapper (for readers and tests)
_ours: "weakref.WeakSet" = weakref.WeakSet()


def is_ours(func) -> bool:
    try:
        return func in _ours
    except TypeError:
        return False


def patch_summary(cls, make_wrapper: Callable) -> bool:
    """Wrap ``cls.summary`` with ``make_wrapper(original)``; False if it is already ours."""
    current = cls.__dict__.get("summary")
    if current is None or is_ours(current):
        return False
    wrapper = make_wrapper(current)
    functools.update_wrapper(wrapper, current)
    setattr(wrapper, SENTINEL, current)
    wrapper._jks_active = True
    _ours.add(wrapper)
    cls.summary = wrapper
    return True


def unpatch_summary(cls) -> None:
    current = cls.__dict__.get("summary")
    if is_ours(current):
        current._jks_active = False
        cls.summary = getattr(current, SENTINEL)
        return
    # Someone wrapped ours: find ours down the __wrapped__ chain and switch it off.
    for _ in range(50):
        current = getattr(current, "__wrapped__", None)
        if current is None:
            return
        if is_ours(current):
            current._jks_active = False
            return
