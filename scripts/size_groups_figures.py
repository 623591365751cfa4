#!/usr/bin/env python
"""Issue 13's figures: size groups of kernel payloads and of parsed text, against the kernel.

For every summary of the real models ``make fixtures`` captures (the kernel
fixtures, ``fixtures/kernel/kernel-whatif.json`` beside their notebooks, and
the shape engine's models, ``fixtures/kernel-shapes.json``), the truth is the
kernel's own perturbation: the live model was given random sizes for each
input axis and the batch (``check_sizes`` in the kernel, captured with the
fixtures), and two ``None``s have the same size when they are equal in every
one of those runs. Against it:

- kernel side: the payload's size ids (``dims.axes``, found by the
  companion's own perturbations at other sizes when the payload was made);
- text side: ``node lib/cli.js parse`` on the same summary's printed text,
  each dimension's ``size`` (the best inference the text allows).

Printed per side and per framework: models, summaries, ``None``s (compared;
and those the kernel's runs left open, where a layer's own shape rule gives
``None``: neither side can be checked there), groups,
real sizes, groups that merge different real sizes (and the most real sizes
in one group), real sizes split over several groups needlessly (and the extra
groups). The batch counts as one size like any other. Only checks the model
could take (``valid``) are used: a failed row leaves later tensors unknown.

    .venv/bin/python scripts/size_groups_figures.py [--json] [--detail]

Needs ``lib/cli.js`` (``make build``). Offline: no kernel is started.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MIME = "application/vnd.jupyterlab-keras-summary+json"
CLI = REPO / "lib" / "cli.js"
UNKNOWN = "unknown"  # a None the kernel's runs left open


def kernel_fixture_summaries():
    """(set, framework, model id, summary, payload, text, checks) from fixtures/kernel/."""
    whatif = json.loads((REPO / "fixtures" / "kernel" / "kernel-whatif.json").read_text())
    for flavour in ("kernel-keras3", "kernel-tfkeras2"):
        nb = json.loads((REPO / "fixtures" / "kernel" / f"{flavour}.ipynb").read_text())
        by_cell = {}
        for cell in nb["cells"]:
            found = []
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                if MIME in data:
                    text = data["text/plain"]
                    found.append((data[MIME], "".join(text) if isinstance(text, list) else text))
            by_cell[cell.get("id")] = found
        for cell_id, entries in whatif.get(flavour, {}).items():
            outputs = by_cell.get(cell_id, [])
            for entry in entries:
                k = entry["summary"]
                if k < len(outputs):
                    payload, text = outputs[k]
                    yield ("kernel fixtures", flavour, cell_id, k, payload, text, entry["checks"])


def shapes_fixture_summaries():
    data = json.loads((REPO / "fixtures" / "kernel-shapes.json").read_text())
    for flavour, models in data["flavours"].items():
        for model_id, entries in models.items():
            for entry in entries:
                yield ("shape models", flavour, model_id, entry["summary"], entry["payload"], entry["text"], entry["checks"])


def parse_texts(texts: list) -> list:
    """The CLI's summaries for each text (None where it found not exactly one)."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, text in enumerate(texts):
            path = Path(tmp) / f"{i}.txt"
            path.write_text(text)
            run = subprocess.run(["node", str(CLI), "parse", str(path)], capture_output=True, text=True)
            if run.returncode != 0:
                out.append(None)
                continue
            summaries = json.loads(run.stdout).get("summaries", [])
            out.append(summaries[0] if len(summaries) == 1 else None)
    return out


def truth_of(payload: dict, checks: list):
    """{(tensor id, axis): the sizes it took in the valid checks} for each None of the payload's tensors."""
    valid = [c["result"]["tensors"] for c in checks if c["result"].get("status") == "ok" and c["result"].get("valid")]
    if not valid:
        return None, 0
    truth = {}
    for tid, tensor in enumerate(payload["tensors"]):
        for axis, dim in enumerate(tensor.get("shape") or []):
            if dim is not None:
                continue
            try:
                sizes = tuple(run[str(tid)][axis] for run in valid)
            except (KeyError, IndexError, TypeError):
                continue  # a tensor no walk reaches (inside a nested model's own graph)
            # None: the layer's compute_output_shape did not say (tf-keras's
            # EinsumDense drops the batch): the kernel does not know either.
            truth[(tid, axis)] = sizes if None not in sizes else UNKNOWN
    return truth, len(valid)


def printed_nones(payload: dict):
    """[(row id, tensor id, axis)] of every None the table prints (each row's Output Shape)."""
    out = []
    for row in payload["layers"]:
        for tid in row.get("outputs") or []:
            for axis, dim in enumerate(payload["tensors"][tid].get("shape") or []):
                if dim is None:
                    out.append((row["id"], tid, axis))
    return out


def kernel_groups(payload: dict) -> dict:
    dims = payload.get("dims") or {}
    if dims.get("status") != "ok":
        return {}
    groups = {}
    for tid, axes in (dims.get("axes") or {}).items():
        for axis, sid in enumerate(axes):
            if sid is not None:
                groups[(int(tid), axis)] = sid
    return groups


def text_groups(payload: dict, summary: dict | None) -> dict | None:
    """{(row id, tensor id, axis): size id} from the parsed text, rows matched in printed order."""
    if summary is None or len(summary["layers"]) != len(payload["layers"]):
        return None
    groups = {}
    for row, layer in zip(payload["layers"], summary["layers"]):
        outputs = row.get("outputs") or []
        for index in layer.get("dims", []):
            d = summary["dims"][index]
            if d.get("value") is not None or d["tensor"] >= len(outputs):
                continue
            groups[(row["id"], outputs[d["tensor"]], d["axis"])] = d["size"]
    return groups


class Tally:
    def __init__(self):
        self.models, self.summaries, self.skipped = set(), 0, []
        self.nones = self.ungrouped = self.unknown = self.groups = self.sizes = 0
        self.merging = self.most = self.split = self.extra = 0
        self.details = []

    def add(self, key, points: list, truth: dict, group_of, label):
        """points: [(row, tensor, axis)]; group_of(point) -> group id or None."""
        self.models.add(key)
        self.summaries += 1
        sizes_in = defaultdict(set)  # group -> real sizes
        groups_in = defaultdict(set)  # real size -> groups
        for point in points:
            real = truth.get(point[1:])
            if real is None:
                continue
            if real == UNKNOWN:
                self.unknown += 1
                continue
            self.nones += 1
            group = group_of(point)
            if group is None:
                self.ungrouped += 1
                continue
            sizes_in[group].add(real)
            groups_in[real].add(group)
        self.groups += len(sizes_in)
        self.sizes += len(groups_in)
        merged = {g: s for g, s in sizes_in.items() if len(s) > 1}
        self.merging += len(merged)
        self.most = max([self.most] + [len(s) for s in merged.values()])
        split = {r: g for r, g in groups_in.items() if len(g) > 1}
        self.split += len(split)
        self.extra += sum(len(g) - 1 for g in split.values())
        if merged or split:
            self.details.append(
                f"{label}: merges {sorted((g, len(s)) for g, s in merged.items())}, splits {sorted(sorted(g) for g in split.values())}"
            )

    def figures(self) -> dict:
        return {
            "models": len(self.models),
            "summaries": self.summaries,
            "nones": self.nones,
            "unknown_to_the_kernel": self.unknown,
            "without_group": self.ungrouped,
            "groups": self.groups,
            "real_sizes": self.sizes,
            "merging_groups": self.merging,
            "most_real_sizes_in_a_group": self.most,
            "split_real_sizes": self.split,
            "needless_extra_groups": self.extra,
            "summaries_left_out": len(self.skipped),
        }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--detail", action="store_true", help="list each summary with a merge or a split")
    args = ap.parse_args()
    if not CLI.exists():
        print(f"size_groups_figures: {CLI} is missing; run `make build` first", file=sys.stderr)
        return 2

    items = list(kernel_fixture_summaries()) + list(shapes_fixture_summaries())
    parsed = parse_texts([item[5] for item in items])
    tallies = defaultdict(Tally)  # (side, framework) -> Tally
    for (dataset, flavour, model_id, k, payload, text, checks), summary in zip(items, parsed):
        label = f"{dataset}/{flavour}/{model_id}#{k}"
        framework = "Keras 3" if flavour == "kernel-keras3" else "tf-keras"
        truth, runs = truth_of(payload, checks)
        kernel, textual = tallies[("kernel", framework)], tallies[("text", framework)]
        if truth is None:
            for t in (kernel, textual):
                t.skipped.append(f"{label}: no valid check")
            continue
        points = printed_nones(payload)
        key = (dataset, flavour, model_id)
        k_groups = kernel_groups(payload)
        kernel.add(key, points, truth, lambda p: k_groups.get(p[1:]), label)
        t_groups = text_groups(payload, summary)
        if t_groups is None:
            textual.skipped.append(f"{label}: the text's rows do not line up with the payload's")
            continue
        textual.add(key, points, truth, lambda p: t_groups.get(p), label)

    report = {f"{side} / {fw}": t.figures() for (side, fw), t in sorted(tallies.items())}
    for side in ("kernel", "text"):
        all_t = Tally()
        for (s, _), t in tallies.items():
            if s != side:
                continue
            all_t.models |= t.models
            for name in ("summaries", "nones", "ungrouped", "unknown", "groups", "sizes", "merging", "split", "extra"):
                setattr(all_t, name, getattr(all_t, name) + getattr(t, name))
            all_t.most = max(all_t.most, t.most)
            all_t.skipped += t.skipped
        report[f"{side} / all"] = all_t.figures()

    if args.json:
        print(json.dumps(report, indent=1))
    else:
        cols = list(next(iter(report.values())))
        width = max(len(k) for k in report)
        print("side / framework".ljust(width), *[c for c in cols], sep="  ")
        for name, fig in report.items():
            print(name.ljust(width), *[str(fig[c]).rjust(len(c)) for c in cols], sep="  ")
    if args.detail:
        for (side, fw), t in sorted(tallies.items()):
            for line in t.details + t.skipped:
                print(f"[{side} / {fw}] {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
