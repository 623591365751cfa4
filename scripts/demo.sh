#!/usr/bin/env bash
# `make demo`: JupyterLab on a fresh working copy of demo/demo.ipynb.
#
# The server's root is the working copy's folder (DEMO_DIR, .make/demo by
# default), so nothing run or saved in the demo can reach the repository's
# notebook; each start copies it anew. Kernels get KERAS_BACKEND=jax (the
# backend `make demo` installs) unless it is set. Arguments go to
# `jupyter lab` (the demo test passes a port and no browser).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${DEMO_DIR:-$repo/.make/demo}"
rm -rf "$dir"
mkdir -p "$dir"
cp "$repo/demo/demo.ipynb" "$dir/demo.ipynb"
export KERAS_BACKEND="${KERAS_BACKEND:-jax}"
echo "Demo: a working copy in $dir (demo/demo.ipynb stays as it is)"
cd "$dir"
exec "$repo/.venv/bin/jupyter" lab --ServerApp.allow_root=True \
  --ServerApp.root_dir="$dir" "$@" demo.ipynb
