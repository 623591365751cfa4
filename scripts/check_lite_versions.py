#!/usr/bin/env python3
"""Is the JupyterLab a JupyterLite site ships inside the range we declare?

    .venv/bin/python scripts/check_lite_versions.py SITE_DIR

SITE_DIR is the output of `jupyter lite build`. Its lab/package.json holds the
JupyterLab packages the site was built with (`resolutions`, as JupyterLab's
own core data does). Two checks, each line printed:

- the JupyterLab version (@jupyterlab/application) is inside pyproject.toml's
  `jupyterlab` dependency;
- every @jupyterlab/* and @lumino/* range of package.json overlaps the site's,
  by the test `jupyter labextension list` makes (jupyterlab.commands).

Exit 0 when both hold, 1 otherwise. Run with a Python that has jupyterlab.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

from jupyterlab.commands import _validate_compatibility
from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    site = Path(sys.argv[1])
    lab = json.loads((site / "lab" / "package.json").read_text(encoding="utf-8"))
    app = json.loads((site / "package.json").read_text(encoding="utf-8"))
    ours = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    shipped = lab["resolutions"]["@jupyterlab/application"]
    version = re.sub(r"^[~^]", "", shipped)
    wanted = [Requirement(r) for r in project["dependencies"]]
    lab_req = next(r for r in wanted if r.name == "jupyterlab")
    ok = lab_req.specifier.contains(version)
    print(
        f"JupyterLite {app['version']} ships JupyterLab {version} "
        f"(@jupyterlab/application {shipped}): "
        f"{'inside' if ok else 'OUTSIDE'} {lab_req}"
    )

    deps = {k: v for k, v in ours["dependencies"].items() if k.startswith(("@jupyterlab/", "@lumino/"))}
    errors = _validate_compatibility(ours["name"], deps, lab)
    for name, core, extension in errors:
        print(f"  {name}: the site has {core}, package.json asks {extension}")
    checked = sorted(k for k in deps if k in lab["jupyterlab"]["singletonPackages"])
    print(
        f"package.json: {len(checked)} shared packages checked, "
        f"{'all overlap' if not errors else f'{len(errors)} do not overlap'}"
    )
    return 0 if ok and not errors and checked else 1


if __name__ == "__main__":
    sys.exit(main())
