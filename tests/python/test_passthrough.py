"""Where the companion must change nothing: terminal IPython, and the committed fixtures' shape."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import MIME, REPO, validate

CODE = (
    "import keras\n"
    "m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, name='d')], name='term')\n"
    "m.summary()\n"
    "m.summary(show_trainable=True)\n"
)


def terminal_ipython(code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "KERAS_BACKEND": "jax", "PYTHONPATH": str(REPO), "COLUMNS": "100", "JAX_PLATFORMS": "cpu"}
    env.pop("JPY_PARENT_PID", None)
    return subprocess.run(
        [sys.executable, "-m", "IPython", "--no-banner", "--colors=NoColor", "--HistoryManager.enabled=False", "-c", code],
        capture_output=True, text=True, env=env, timeout=300,
    )


def test_terminal_ipython_prints_what_keras_prints():
    plain = terminal_ipython(CODE)
    loaded = terminal_ipython("%load_ext jupyterlab_keras_summary\n" + CODE)
    assert plain.returncode == loaded.returncode == 0, loaded.stderr
    assert "Total params" in plain.stdout
    assert loaded.stdout == plain.stdout
    assert MIME not in loaded.stdout


def _payload_outputs(name: str):
    nb = json.loads((REPO / "fixtures" / "kernel" / name).read_text())
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "display_data" and MIME in out.get("data", {}):
                yield cell["id"], out


def test_committed_kernel_fixtures_hold_valid_single_output_summaries():
    for name, keys in (("kernel-keras3.ipynb", {MIME, "text/plain", "text/html"}), ("kernel-tfkeras2.ipynb", {MIME, "text/plain"})):
        count = 0
        for cell_id, out in _payload_outputs(name):
            assert set(out["data"]) == keys, (name, cell_id)
            assert out["metadata"] == {MIME: {"version": [1, 1]}}
            validate(out["data"][MIME])
            text = out["data"]["text/plain"]
            assert "Total params:" in ("".join(text) if isinstance(text, list) else text)  # nbformat stores lines
            count += 1
        assert count >= 20, (name, count)


def test_whatif_fixture_matches_the_payloads():
    whatif = json.loads((REPO / "fixtures" / "kernel" / "kernel-whatif.json").read_text())
    for flavour in ("kernel-keras3", "kernel-tfkeras2"):
        cells = whatif[flavour]
        assert len(cells) >= 10
        for entries in cells.values():
            for entry in entries:
                assert entry["dims"]["status"] == "ok"
                ids = {s["id"] for s in entry["dims"]["sources"]}
                for check in entry["checks"]:
                    assert set(check["sizes"]) == ids
                    assert check["result"]["status"] == "ok"
                    assert check["result"]["valid"] == (not check["result"]["errors"])
