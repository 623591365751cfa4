"""The framework-free modules alone: import watcher, patching, lineage grouping, config facts."""

from __future__ import annotations

import sys
import types
from pathlib import Path

from jupyterlab_keras_summary.kernel import facts, lineage
from jupyterlab_keras_summary.kernel.importwatch import ImportWatcher
from jupyterlab_keras_summary.kernel.patch import SENTINEL, patch_summary, unpatch_summary


def test_import_watcher_runs_callback_after_import_and_delegates(tmp_path, monkeypatch):
    (tmp_path / "jks_watched_mod.py").write_text("VALUE = 41\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    seen = []
    watcher = ImportWatcher()
    watcher.watch("jks_watched_mod", lambda m: seen.append(m.VALUE + 1))
    watcher.install()
    try:
        import jks_watched_mod  # noqa: F401

        assert seen == [42]
        # the module keeps its real loader
        assert type(jks_watched_mod.__loader__).__name__ == "SourceFileLoader"
    finally:
        watcher.uninstall()
        sys.modules.pop("jks_watched_mod", None)
    assert watcher not in sys.meta_path


def test_import_watcher_callback_failure_never_breaks_the_import(tmp_path, monkeypatch):
    (tmp_path / "jks_watched_bad.py").write_text("X = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    watcher = ImportWatcher()
    watcher.watch("jks_watched_bad", lambda m: 1 / 0)
    watcher.install()
    try:
        import jks_watched_bad

        assert jks_watched_bad.X == 1
    finally:
        watcher.uninstall()
        sys.modules.pop("jks_watched_bad", None)


def test_patch_is_idempotent_and_unpatch_restores():
    class Model:
        def summary(self):
            return "orig"

    orig = Model.__dict__["summary"]
    calls = []

    def make(o):
        def wrapper(self, *a, **k):
            calls.append(1)
            return o(self, *a, **k)

        return wrapper

    assert patch_summary(Model, make) is True
    assert patch_summary(Model, make) is False  # already ours
    assert Model().summary() == "orig" and calls == [1]
    assert getattr(Model.__dict__["summary"], SENTINEL) is orig
    unpatch_summary(Model)
    assert Model.__dict__["summary"] is orig


def test_unpatch_under_someone_elses_wrapper_switches_ours_off():
    import functools

    class Model:
        def summary(self):
            return "orig"

    patch_summary(Model, lambda o: (lambda self: o(self)))
    ours = Model.__dict__["summary"]

    @functools.wraps(ours)
    def theirs(self):
        return ours(self)

    Model.summary = theirs
    unpatch_summary(Model)
    assert Model.__dict__["summary"] is theirs
    assert ours._jks_active is False


def fake_evaluate(sizes):
    """A model: t0 = input (B, T, 4); t1 = conv stride 2 'valid' k=3: (B, (T-3)//2+1, 8); t2 = (B, 8)."""
    b, t = sizes[(0, 0)], sizes[(0, 1)]
    if t < 3:
        raise ValueError("too short")
    return {0: [b, t, 4], 1: [b, (t - 3) // 2 + 1, 8], 2: [b, 8]}


def test_lineage_groups_sizes_and_sources():
    sources = lineage.make_sources([("x", [None, None, 4])])
    ref = {0: [None, None, 4], 1: [None, None, 8], 2: [None, 8]}
    order = [(0, 0, 0), (1, 1, 0), (2, 2, 0)]
    dims = lineage.analyse(sources, fake_evaluate, ref, order, budget_s=10)
    assert dims["status"] == "ok"
    assert [s["id"] for s in dims["sources"]] == ["batch", "i0.1"]
    axes = dims["axes"]
    assert axes["0"][0] == axes["1"][0] == axes["2"][0]  # the batch, one size
    assert axes["0"][1] != axes["1"][1]  # the stride makes a new size
    assert axes["0"][2] is None and axes["2"][1] is None
    by_id = {s["id"]: s for s in dims["sizes"]}
    assert by_id[axes["1"][1]]["sources"] == ["i0.1"]
    assert by_id[axes["1"][1]]["first"] == {"row": 1, "node": 0, "tensor": 1, "axis": 1}
    assert by_id[axes["0"][0]]["sources"] == ["batch"]


def test_lineage_leaves_an_axis_the_walk_left_open_without_a_size():
    def evaluate(sizes):
        b, t = sizes[(0, 0)], sizes[(0, 1)]
        return {0: [b, t], 1: [None, t]}  # a shape rule that gives no batch

    sources = lineage.make_sources([("x", [None, None])])
    dims = lineage.analyse(sources, evaluate, {0: [None, None], 1: [None, None]}, [(0, 0, 0), (1, 1, 0)], budget_s=10)
    assert dims["status"] == "ok"
    assert dims["axes"]["1"][0] is None and dims["axes"]["1"][1] == dims["axes"]["0"][1]
    assert len(dims["sizes"]) == 2  # the batch and T, nothing for the open axis


def test_lineage_ties_sources_that_cannot_change_alone():
    def evaluate(sizes):
        a, b = sizes[(0, 1)], sizes[(1, 1)]
        if a != b:
            raise ValueError("Add: shapes differ")
        return {0: [sizes[(0, 0)], a], 1: [sizes[(1, 0)], b], 2: [sizes[(0, 0)], a]}

    sources = lineage.make_sources([("a", [None, None]), ("b", [None, None])])
    ref = {0: [None, None], 1: [None, None], 2: [None, None]}
    dims = lineage.analyse(sources, evaluate, ref, [(0, 0, 0), (1, 1, 0), (2, 2, 0)], budget_s=10)
    assert dims["status"] == "ok"
    tied = {s["id"]: s.get("tied") for s in dims["sources"]}
    assert tied["i0.1"] == ["i1.1"]
    assert dims["axes"]["0"][1] == dims["axes"]["1"][1] == dims["axes"]["2"][1]


def test_lineage_skips_over_budget():
    import time

    def slow(sizes):
        time.sleep(0.05)
        return fake_evaluate(sizes)

    sources = lineage.make_sources([("x", [None, None, 4])])
    dims = lineage.analyse(sources, slow, {0: [None, None, 4]}, [(0, 0, 0)], budget_s=0.01)
    assert dims["status"] == "skipped" and "budget" in dims["reason"]


def test_config_facts_keep_only_json_simple_values():
    layer = types.SimpleNamespace(
        name="c", kernel_size=(3, 3), strides=(2, 2), padding="same", units=object(), axis=float("nan")
    )
    out = facts.config_facts(layer)
    assert out == {"kernel_size": [3, 3], "strides": [2, 2], "padding": "same"}


def test_shape_list_and_dtype_names():
    assert facts.shape_list((None, 3)) == [None, 3]
    assert facts.shape_list(None) is None
    assert facts.dtype_name(types.SimpleNamespace(name="int8")) == "int8"


def test_concat_mismatch_checks_the_other_axes():
    assert facts.concat_mismatch([[2, 32, 32, 8], [2, 32, 32, 8]], -1) is None
    assert facts.concat_mismatch([[None, None, 8], [None, 5, 8]], -1) is None  # unknown is not a mismatch
    assert "axis 1" in facts.concat_mismatch([[2, 32, 32, 8], [2, 33, 32, 8]], -1)
    assert facts.concat_mismatch([[2, 3], [2, 4]], 1) is None


def test_shape_leaves_of_nested_compute_output_shape_results():
    from jupyterlab_keras_summary.kernel.keras3_payload import shape_leaves

    assert shape_leaves((2, 4)) == [(2, 4)]
    assert shape_leaves([(2, 4), (2, None)]) == [(2, 4), (2, None)]
    assert shape_leaves({"score": (2, 1), "label": (2, 3)}) == [(2, 3), (2, 1)]  # sorted keys, as Keras flattens
    assert shape_leaves(()) == [()]


def test_limits_drop_heavy_parts_and_say_so(monkeypatch):
    from jupyterlab_keras_summary.kernel import payload

    rows = [{"id": i, "weights": [1], "config": {"units": 2}, "nodes": []} for i in range(3)]
    small = payload.apply_limits({"layers": [dict(r) for r in rows]})
    assert small["limits"]["omitted"] == [] and all("weights" in r for r in small["layers"])
    monkeypatch.setattr(payload, "LIGHT_ROWS", 2)
    big = payload.apply_limits({"layers": [dict(r) for r in rows]})
    assert big["limits"] == {"rows": 3, "omitted": ["weights", "config"], "light_rows": 2}
    assert not any("weights" in r or "config" in r for r in big["layers"])
    monkeypatch.setattr(payload, "MAX_ROWS", 2)
    assert payload.too_big({"layers": rows}) == "3 rows (more than 2)"


def test_size_group_figures_count_merges_and_needless_splits():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    import size_groups_figures as figs

    # four Nones: two real sizes (10,20) and (11,22); the side groups them a, a, a, b
    truth = {(0, 1): (10, 20), (1, 1): (10, 20), (2, 1): (11, 22), (3, 1): (11, 22)}
    groups = {(0, 0, 1): "a", (1, 1, 1): "a", (2, 2, 1): "a", (3, 3, 1): "b"}
    tally = figs.Tally()
    tally.add("m", list(groups), truth, groups.get, "m")
    got = tally.figures()
    assert (got["nones"], got["groups"], got["real_sizes"]) == (4, 2, 2)
    assert (got["merging_groups"], got["most_real_sizes_in_a_group"]) == (1, 2)
    assert (got["split_real_sizes"], got["needless_extra_groups"]) == (1, 1)

    payload = {"tensors": [{"shape": [None, None]}, {"shape": [None, 3]}], "layers": [{"id": 0, "outputs": [0, 1]}]}
    checks = [
        {"result": {"status": "ok", "valid": True, "tensors": {"0": [2, 7], "1": [2, 3]}}},
        {"result": {"status": "ok", "valid": False, "tensors": {"0": [4, 1]}}},
    ]
    truth, runs = figs.truth_of(payload, checks)
    assert runs == 1 and truth == {(0, 0): (2,), (0, 1): (7,), (1, 0): (2,)}
    assert figs.printed_nones(payload) == [(0, 0, 0), (0, 0, 1), (0, 1, 0)]
