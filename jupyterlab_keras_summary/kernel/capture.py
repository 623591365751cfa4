"""Hold back what a summary sends to the notebook, then send one bundle or the originals.

Keras 3 (through rich) sends one ``display_data`` per ``console.print``; we
take them with ipykernel's thread-local ``display_pub.register_hook`` and keep
the finished messages, so a replay sends exactly the same messages. tf-keras
prints line by line through ``print_fn``; we collect the lines and can write
them back to ``sys.stdout`` exactly as its ``print_msg`` would.
"""

from __future__ import annotations

import sys

RICH_KEYS = {"text/plain", "text/html"}


def display_pub(shell):
    pub = getattr(shell, "display_pub", None)
    if pub is None or not hasattr(pub, "register_hook") or not hasattr(pub, "unregister_hook"):
        return None  # terminal IPython, %%capture (CapturingDisplayPublisher)
    if getattr(pub, "session", None) is None or getattr(pub, "pub_socket", None) is None:
        return None
    return pub


class DisplayCapture:
    """Context manager: every display message of this thread is kept, none sent."""

    def __init__(self, pub):
        self.pub = pub
        self.messages: list[dict] = []

    def _hook(self, msg):
        self.messages.append(msg)
        return None

    def __enter__(self):
        self.pub.register_hook(self._hook)
        return self

    def __exit__(self, *exc):
        self.pub.unregister_hook(self._hook)
        return False

    def rich_parts(self):
        """(text/plain, text/html) of each message, or None if any message is not rich's."""
        parts = []
        for msg in self.messages:
            if msg.get("header", {}).get("msg_type") != "display_data":
                return None
            content = msg.get("content", {})
            data = content.get("data", {})
            if set(data) != RICH_KEYS or content.get("transient"):
                return None
            parts.append((data["text/plain"], data["text/html"]))
        return parts

    def replay(self):
        """Send the held messages unchanged, in order (after flushing the streams, as publish does)."""
        messages, self.messages = self.messages, []
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        for msg in messages:
            self.pub.session.send(self.pub.pub_socket, msg, ident=self.pub.topic)


class LineCapture:
    """A ``print_fn`` for tf-keras that keeps the lines instead of printing them."""

    def __init__(self):
        self.chunks: list[str] = []

    def __call__(self, message, line_break=True, **_ignored):
        self.chunks.append(str(message) + ("\n" if line_break else ""))

    def text(self) -> str:
        return "".join(self.chunks)

    def replay(self):
        """What ``tf_keras.utils.io_utils.print_msg`` does: write and flush each line."""
        chunks, self.chunks = self.chunks, []
        for chunk in chunks:
            sys.stdout.write(chunk)
            sys.stdout.flush()
