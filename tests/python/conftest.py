"""Real kernels for the companion's tests.

Kernel pythons: ``JKS_PYTHON_KERAS3`` (default: this interpreter, which has keras + jax) and
``JKS_PYTHON_TF`` (default ``.venv-kernel-tf/bin/python``: tensorflow-cpu, tf-keras, torch),
both made by ``make pytest``. A missing one is an error, never a skip.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kernel_driver import REPO, Kernel  # noqa: E402

MIME = "application/vnd.jupyterlab-keras-summary+json"
SCHEMA = json.loads((REPO / "jupyterlab_keras_summary" / "kernel" / "payload.schema.json").read_text())


def python_for(var: str, default: str) -> str:
    path = os.environ.get(var) or default
    if not Path(path).exists():
        raise RuntimeError(f"{var}: no kernel python at {path}; run `make pytest` (it creates the venvs)")
    return path


@pytest.fixture(scope="module")
def keras3():
    k = Kernel(python_for("JKS_PYTHON_KERAS3", sys.executable), env={"KERAS_BACKEND": "jax"})
    yield k
    k.close()


@pytest.fixture(scope="module")
def tf_python():
    return python_for("JKS_PYTHON_TF", str(REPO / ".venv-kernel-tf" / "bin" / "python"))


def validate(payload: dict) -> None:
    import jsonschema

    jsonschema.Draft202012Validator(SCHEMA).validate(payload)


def bundle(result) -> dict:
    """The one display_data of a summary with the companion; fails if there is not exactly one."""
    assert result.error is None, result.error
    displays = result.displays
    assert len(displays) == 1, [sorted(d["data"]) for d in displays]
    data = displays[0]["data"]
    assert MIME in data
    assert displays[0]["metadata"] == {MIME: {"version": [1, 1]}}
    validate(data[MIME])
    return data


def joined(result, key: str) -> str:
    return "".join(d["data"].get(key, "") for d in result.displays)


def same_output(a, b) -> bool:
    """The same output as a user sees it: stream text joined (ipykernel batches it by time), displays, error."""
    def seen(r):
        err = r.error
        return (r.stdout, r.stderr, r.displays, (err["ename"], err["evalue"]) if err else None)

    return seen(a) == seen(b)


def without(kernel, code):
    """Run ``code`` with the companion unloaded (in a cell of its own, so cell magics work), then load it again."""
    kernel.run("%unload_ext jupyterlab_keras_summary")
    r = kernel.run(code)
    kernel.run("%load_ext jupyterlab_keras_summary")
    return r


def before_and_with(kernel, setup: str, call: str = "m.summary()"):
    """Load the companion, run ``setup``, then ``call`` without and with it: (outputs without, bundle with)."""
    r = kernel.run("%load_ext jupyterlab_keras_summary\n" + setup)
    assert r.error is None, r.error
    before = without(kernel, call)
    return before, bundle(kernel.run(call))
