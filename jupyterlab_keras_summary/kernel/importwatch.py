"""Run a callback right after a module is imported, without importing it first.

The companion must stay lazy: loading it imports neither Keras nor TensorFlow.
A finder on ``sys.meta_path`` sees every import; for the watched names it asks
the *other* finders for the real spec (so any finder the user installed keeps
working), wraps that spec's loader, and calls the callback once the module has
been executed. Nothing else about the import changes.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import threading
from typing import Callable, Dict

Callback = Callable[[object], None]


class _CallbackLoader(importlib.abc.Loader):
    """Delegates to the real loader, then runs the callback on the module."""

    def __init__(self, loader, callback: Callback):
        self._loader = loader
        self._callback = callback

    def create_module(self, spec):
        create = getattr(self._loader, "create_module", None)
        return create(spec) if create else None

    def exec_module(self, module):
        # The module's __loader__ must stay the real one (pkgutil, importlib.resources).
        module.__loader__ = self._loader
        if module.__spec__ is not None:
            module.__spec__.loader = self._loader
        self._loader.exec_module(module)
        try:
            self._callback(module)
        except Exception:  # never break the user's import
            pass

    def __getattr__(self, name):  # get_resource_reader, is_package, …
        return getattr(self._loader, name)


class ImportWatcher(importlib.abc.MetaPathFinder):
    """A meta-path finder that only ever watches; it never loads anything itself."""

    def __init__(self):
        self._callbacks: Dict[str, Callback] = {}
        self._busy = threading.local()

    def watch(self, module_name: str, callback: Callback) -> None:
        self._callbacks[module_name] = callback

    def find_spec(self, fullname, path=None, target=None):
        callback = self._callbacks.get(fullname)
        if callback is None or getattr(self._busy, fullname, False):
            return None
        setattr(self._busy, fullname, True)
        try:
            spec = None
            for finder in sys.meta_path:
                if finder is self or not hasattr(finder, "find_spec"):
                    continue
                spec = finder.find_spec(fullname, path, target)
                if spec is not None:
                    break
        finally:
            setattr(self._busy, fullname, False)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        spec.loader = _CallbackLoader(spec.loader, callback)
        return spec

    def install(self) -> None:
        if self not in sys.meta_path:
            sys.meta_path.insert(0, self)

    def uninstall(self) -> None:
        while self in sys.meta_path:
            sys.meta_path.remove(self)
