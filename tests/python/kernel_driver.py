"""A real ipykernel driven through jupyter_client, collecting what reaches iopub per cell."""

from __future__ import annotations

import json
import os
import queue
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    messages: list = field(default_factory=list)  # iopub content of display_data/stream/error
    reply: dict = field(default_factory=dict)

    def of(self, kind):
        return [m for m in self.messages if m["msg_type"] == kind]

    @property
    def displays(self):
        return [m["content"] for m in self.of("display_data")]

    @property
    def stdout(self):
        return "".join(m["content"]["text"] for m in self.of("stream") if m["content"]["name"] == "stdout")

    @property
    def stderr(self):
        return "".join(m["content"]["text"] for m in self.of("stream") if m["content"]["name"] == "stderr")

    @property
    def error(self):
        errs = self.of("error")
        return errs[0]["content"] if errs else None

    def value(self, marker="VALUE:"):
        for line in self.stdout.splitlines():
            if line.startswith(marker):
                return json.loads(line[len(marker):])
        raise AssertionError(f"no {marker} line in stdout: {self.stdout!r} {self.error}")


class Kernel:
    """One kernel for a test module; ``python`` picks the venv (a framework under test)."""

    def __init__(self, python=None, env=None):
        self.tmp = tempfile.TemporaryDirectory(prefix="jks-kernel-")
        home = Path(self.tmp.name)
        kenv = {k: os.environ[k] for k in ("PATH", "LANG", "LC_ALL", "TZ") if k in os.environ}
        kenv.update(
            {
                "HOME": str(home),
                "KERAS_HOME": str(home / "keras"),
                "IPYTHONDIR": str(home / "ipython"),
                "MPLCONFIGDIR": str(home / "mpl"),
                "PYTHONPATH": str(REPO),
                "PYTHONHASHSEED": "0",
                "JAX_PLATFORMS": "cpu",
                "CUDA_VISIBLE_DEVICES": "",
                "TF_CPP_MIN_LOG_LEVEL": "3",
                "TF_ENABLE_ONEDNN_OPTS": "0",
                "PYTHONWARNINGS": "ignore",
            }
        )
        kenv.update(env or {})
        # A kernelspec of our own, so the kernel runs the venv's python under test.
        spec_dir = home / "kernels" / "jks-test"
        spec_dir.mkdir(parents=True)
        argv = [python or sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
        (spec_dir / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "jks", "language": "python"}))
        ksm = KernelSpecManager(kernel_dirs=[str(home / "kernels")])
        self.km = KernelManager(kernel_name="jks-test", kernel_spec_manager=ksm)
        self.log = open(home / "kernel.log", "wb")
        self.km.start_kernel(env=kenv, cwd=str(home), stdout=self.log, stderr=self.log)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=120)

    def run(self, code, timeout=300, **kwargs) -> Result:
        msg_id = self.kc.execute(code, **kwargs)
        result = Result()
        while True:
            try:
                msg = self.kc.get_iopub_msg(timeout=timeout)
            except queue.Empty as exc:
                raise TimeoutError(code) from exc
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "status" and msg["content"]["execution_state"] == "idle":
                break
            if kind in ("display_data", "stream", "error", "execute_result", "clear_output", "update_display_data"):
                result.messages.append({"msg_type": kind, "content": msg["content"]})
        while True:
            reply = self.kc.get_shell_msg(timeout=timeout)
            if reply["parent_header"].get("msg_id") == msg_id:
                result.reply = reply["content"]
                break
        return result

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)
        self.log.close()
        self.tmp.cleanup()
