"""``%load_ext`` / ``%unload_ext``: wire the import watcher to the summary patches.

Loading imports neither Keras nor TensorFlow. If a framework is already
imported its ``Model.summary`` is wrapped at once; otherwise right after the
user imports it. Unloading removes the watcher and restores ``summary``.
"""

from __future__ import annotations

import sys

from .importwatch import ImportWatcher
from .patch import patch_summary, unpatch_summary

# Module that defines the framework's Model class -> how to wrap it.
KERAS3_MODULE = "keras.src.models.model"
TFKERAS_MODULE = "tf_keras.src.engine.training"

_watcher: ImportWatcher | None = None
_patched: list = []


def _patch_keras3(module) -> None:
    from .keras3_adapter import Keras3
    from .summary_hook import make_wrapper

    cls = getattr(module, "Model", None)
    if cls is not None and patch_summary(cls, lambda orig: make_wrapper(orig, Keras3())):
        _patched.append(cls)


def _patch_tfkeras(module) -> None:
    from .summary_hook import make_wrapper
    from .tfkeras_adapter import TfKeras

    cls = getattr(module, "Model", None)
    if cls is not None and patch_summary(cls, lambda orig: make_wrapper(orig, TfKeras())):
        _patched.append(cls)


PATCHES = {KERAS3_MODULE: _patch_keras3, TFKERAS_MODULE: _patch_tfkeras}


def is_loaded() -> bool:
    return _watcher is not None


def load(ipython=None) -> None:
    global _watcher
    if _watcher is not None:
        return
    _watcher = ImportWatcher()
    for name, patch in PATCHES.items():
        module = sys.modules.get(name)
        if module is not None:
            try:
                patch(module)
            except Exception:
                pass
        else:
            _watcher.watch(name, patch)
    _watcher.install()


def unload(ipython=None) -> None:
    global _watcher
    if _watcher is not None:
        _watcher.uninstall()
        _watcher = None
    while _patched:
        unpatch_summary(_patched.pop())
