"""The wrapper around ``Model.summary``: one bundle per summary, or Keras untouched.

The original always runs first and prints exactly as it would; we only hold
its output back. Then the payload is built and one ``display_data`` is sent
with the payload beside Keras's own text (and, for Keras 3, rich's HTML). If
anything of ours fails, the held output is sent unchanged instead. If Keras
itself raises, what it had printed is sent, then its exception goes on.
"""

from __future__ import annotations

import inspect
import sys
import threading

from . import capture
from .notrace import names_kept
from .payload import MIME_TYPE, VERSION

_state = threading.local()

# Set by tests to force the payload builder to fail (the fallback path).
FAIL_FOR_TESTS = {"build": False}


def _shell():
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return None
    try:
        return ipython.get_ipython()
    except Exception:
        return None


def _bind(orig, model, args, kwargs):
    try:
        bound = inspect.signature(orig).bind(model, *args, **kwargs)
    except TypeError:
        return None  # Keras raises its own TypeError
    bound.apply_defaults()
    out = dict(bound.arguments)
    out.pop("self", None)
    out.update(out.pop("kwargs", {}) or {})
    return out


def _publish(pub, data: dict) -> None:
    pub.publish(data=data, metadata={MIME_TYPE: {"version": list(VERSION)}})


class Framework:
    """What differs between Keras 3 and tf-keras."""

    name = ""

    def interactive(self) -> bool:  # pragma: no cover - overridden
        return False

    def rich_jupyter(self) -> bool:
        return True

    def build_payload(self, model, options: dict, text: str) -> dict:  # pragma: no cover
        raise NotImplementedError


def make_wrapper(orig, framework: Framework):
    def summary(self, *args, **kwargs):
        ours = summary_wrapper
        if not getattr(ours, "_jks_active", False) or getattr(_state, "busy", False):
            return orig(self, *args, **kwargs)
        options = _bind(orig, self, args, kwargs)
        pub = capture.display_pub(_shell())
        if (
            options is None
            or options.get("print_fn") is not None
            or pub is None
            or not _safe(framework.interactive)
            or not _safe(framework.rich_jupyter)
        ):
            return orig(self, *args, **kwargs)
        _state.busy = True
        try:
            if framework.name == "keras":
                return _keras3(orig, framework, self, args, kwargs, options, pub)
            return _tfkeras(orig, framework, self, args, kwargs, options, pub)
        finally:
            _state.busy = False

    summary_wrapper = summary
    return summary


def _safe(check) -> bool:
    try:
        return bool(check())
    except Exception:
        return False


def _keras3(orig, framework, model, args, kwargs, options, pub):
    held = capture.DisplayCapture(pub)
    try:
        with held:
            result = orig(model, *args, **kwargs)
    except BaseException:
        held.replay()  # what Keras printed before it failed, then its error
        raise
    try:
        parts = held.rich_parts()
        if not parts:
            raise ValueError("not rich's display messages")
        text = "".join(p[0] for p in parts)
        html = "".join(p[1] for p in parts)
        with names_kept():
            payload = framework.build_payload(model, options, text)
        if FAIL_FOR_TESTS["build"]:
            raise RuntimeError("forced failure (tests)")
        bundle = {MIME_TYPE: payload, "text/plain": text, "text/html": html}
    except Exception:
        held.replay()
        return result
    _publish(pub, bundle)
    return result


def _tfkeras(orig, framework, model, args, kwargs, options, pub):
    lines = capture.LineCapture()
    # Every argument as bound, so a print_fn=None given by position is replaced too.
    call_kwargs = {k: v for k, v in options.items() if k != "print_fn"}
    try:
        result = orig(model, print_fn=lines, **call_kwargs)
    except BaseException:
        lines.replay()
        raise
    try:
        text = lines.text()
        if not text:
            raise ValueError("nothing printed")
        with names_kept():
            payload = framework.build_payload(model, options, text)
        if FAIL_FOR_TESTS["build"]:
            raise RuntimeError("forced failure (tests)")
        bundle = {MIME_TYPE: payload, "text/plain": text}
    except Exception:
        lines.replay()
        return result
    sys.stdout.flush()
    _publish(pub, bundle)
    return result
