#!/usr/bin/env bash
# Capture real Keras model.summary() outputs as executed notebooks in fixtures/.
#
#   make fixtures            (runs: bash scripts/capture_fixtures.sh)
#   bash scripts/capture_fixtures.sh --only keras3-print tfkeras2
#
# Creates two project-local virtualenvs when missing (or when the pins below
# change), and those of scripts/capture_formats.sh for the flavours asked
# for, installs a Jupyter kernelspec into each, then runs
# scripts/capture_fixtures.py with the Keras 3 venv's python. Arguments are
# passed through to capture_fixtures.py (see --help).
#
#   .venv-fixtures-keras3   keras 3 + jax (CPU) + rich + ipykernel + nbclient + nbformat
#                           (runs the driver and the Keras 3 kernels)
#   .venv-fixtures-tfkeras  tensorflow-cpu + tf-keras 2 + ipykernel (tf.keras 2 kernels)
#
# Environment: PYTHON (interpreter used to create the venvs, default python3;
# the fixtures were captured with Python 3.11).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

PYTHON="${PYTHON:-python3}"
VENV_K3="$REPO/.venv-fixtures-keras3"
VENV_TF="$REPO/.venv-fixtures-tfkeras"
KERNEL_K3="keras-summary-fixtures-keras3"
KERNEL_TF="keras-summary-fixtures-tfkeras2"

# Pinned versions. Changing them re-runs pip in the existing venv.
REQS_K3=(
  "keras==3.15.1"
  "jax==0.10.2"
  "jaxlib==0.10.2"
  "numpy==2.4.6"
  "rich==15.0.0"
  "ipykernel==7.4.0"
  "ipython==9.18.1"
  "jupyter_client==8.10.0"
  "nbclient==0.11.0"
  "nbformat==5.11.1"
)
REQS_TF=(
  "tensorflow-cpu==2.21.0"
  "keras==3.15.1"
  "numpy==2.4.6"
  "ipykernel==7.4.0"
  "ipython==9.18.1"
)
# tf-keras declares a dependency on "tensorflow" (the GPU-capable wheel); we
# use tensorflow-cpu instead, so tf-keras is installed with --no-deps.
REQS_TF_NODEPS=(
  "tf-keras==2.21.0"
)

py_version="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
if [[ "$py_version" != "3.11" ]]; then
  echo "warning: $PYTHON is Python $py_version; the fixtures were captured with 3.11" >&2
fi

pip_install() {
  # pip_install <venv> <pip args...>; hides pip's "Location ... is ignored" noise
  local venv="$1"
  shift
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@" \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
}

ensure_venv() {
  # ensure_venv <dir> <kernel name> <display name> <reqs...> -- <no-deps reqs...>
  local venv="$1" kernel="$2" display="$3"
  shift 3
  local reqs=() nodeps=()
  while [[ $# -gt 0 && "$1" != "--" ]]; do reqs+=("$1"); shift; done
  [[ $# -gt 0 ]] && shift
  nodeps=("$@")

  local stamp="$venv/.fixtures-requirements"
  local want
  want="$(printf '%s\n' "python=$py_version" "${reqs[@]}" "--no-deps" "${nodeps[@]}")"
  if [[ ! -x "$venv/bin/python" ]]; then
    echo "==> creating $venv"
    "$PYTHON" -m venv "$venv"
  fi
  if [[ ! -f "$stamp" ]] || [[ "$(cat "$stamp")" != "$want" ]]; then
    echo "==> installing pinned packages into $venv"
    pip_install "$venv" "${reqs[@]}"
    if [[ ${#nodeps[@]} -gt 0 ]]; then
      pip_install "$venv" --no-deps "${nodeps[@]}"
    fi
    printf '%s\n' "$want" >"$stamp"
  fi
  # (Re)install the kernelspec inside the venv; its argv points at this venv's python.
  "$venv/bin/python" -m ipykernel install --prefix "$venv" --name "$kernel" \
    --display-name "$display" >/dev/null
}

ensure_venv "$VENV_K3" "$KERNEL_K3" "Keras 3 fixtures (jax)" "${REQS_K3[@]}" --
ensure_venv "$VENV_TF" "$KERNEL_TF" "tf.keras 2 fixtures" "${REQS_TF[@]}" -- "${REQS_TF_NODEPS[@]}"
# Old Keras versions and other printer branches (scripts/capture_formats.*).
FLAVOUR_ARGS=("$@")
# shellcheck source=capture_formats.sh
source "$REPO/scripts/capture_formats.sh"

# The driver runs in the Keras 3 venv (finds its kernelspec under sys.prefix);
# JUPYTER_PATH adds the tf-keras venv's kernelspec.
export JUPYTER_PATH="$VENV_K3/share/jupyter:$VENV_TF/share/jupyter:$EXTRA_JUPYTER_PATH"
# Do not let the caller's terminal leak into anything: the kernels get a
# minimal environment built by capture_fixtures.py, and their stdout is a file.
unset COLUMNS LINES JUPYTER_COLUMNS JUPYTER_LINES
# capture_kernel_fixtures.py adds the kernel-companion flavours, then runs
# capture_fixtures.py's main() with the same arguments.
exec "$VENV_K3/bin/python" "$REPO/scripts/capture_kernel_fixtures.py" "$@"
