# Sourced by capture_fixtures.sh: the virtualenvs for the flavours of
# scripts/capture_formats.py (old Keras versions and other printer
# branches). Each is created only when one of its flavours is captured,
# so `--only keras3-print` never builds them.
#
#   .venv-fixtures-theano   Theano 1.0.5 + numpy 1.23 + ipykernel, and one
#                           directory per old Keras (keras-<version>/, pip
#                           --target, put on the kernel's PYTHONPATH by the
#                           flavour): Keras 0.3.3, 1.0.3, 1.1.1, 1.2.2, 2.0.2, 2.0.8,
#                           2.2.4, 2.3.1 (they need TensorFlow 1.x or Theano,
#                           and only Theano installs on Python 3.11)
#   .venv-fixtures-tf212    tensorflow-cpu 2.12.0 + keras 2.12.0 (tf.keras 2.7-2.12 printer)
#   .venv-fixtures-keras30  keras 3.0.0 + jax 0.4.23 (the first Keras 3)
#
# Needs from capture_fixtures.sh: REPO, py_version, pip_install, ensure_venv,
# and the script's arguments in FLAVOUR_ARGS.

VENV_THEANO="$REPO/.venv-fixtures-theano"
VENV_TF212="$REPO/.venv-fixtures-tf212"
VENV_K30="$REPO/.venv-fixtures-keras30"
KERNEL_THEANO="keras-summary-fixtures-theano"
KERNEL_TF212="keras-summary-fixtures-tf212"
KERNEL_K30="keras-summary-fixtures-keras30"

REQS_THEANO=(
  "theano==1.0.5"
  "numpy==1.23.5"
  "scipy==1.10.1"
  "six==1.17.0"
  "pyyaml==6.0.4"
  "h5py==3.16.0"
  "keras-applications==1.0.8"
  "keras-preprocessing==1.1.2"
  "ipykernel==7.4.0"
  "ipython==9.18.1"
)
OLD_KERAS=("0.3.3" "1.0.3" "1.1.1" "1.2.2" "2.0.2" "2.0.8" "2.2.4" "2.3.1")
REQS_TF212=(
  "tensorflow-cpu==2.12.0"
  "keras==2.12.0"
  "numpy==1.23.5"
  "ipykernel==7.4.0"
  "ipython==9.18.1"
)
REQS_K30=(
  "keras==3.0.0"
  "jax==0.4.23"
  "jaxlib==0.4.23"
  "numpy==1.26.4"
  "scipy==1.12.0"
  "ml-dtypes==0.3.2"
  "rich==15.0.0"
  "ipykernel==7.4.0"
  "ipython==9.18.1"
)

# Whether a flavour whose name starts with one of the prefixes is asked for
# (no --only: every flavour).
wants_flavour() {
  local only=0 arg prefix
  for arg in "${FLAVOUR_ARGS[@]}"; do
    if [[ "$arg" == "--only" ]]; then
      only=1
      continue
    fi
    [[ "$only" == 1 && "$arg" == --* ]] && only=2
    if [[ "$only" == 1 ]]; then
      for prefix in "$@"; do
        [[ "$arg" == "$prefix"* ]] && return 0
      done
    fi
  done
  [[ "$only" == 0 ]]
}

if wants_flavour keras0 keras1 keras2-; then
  ensure_venv "$VENV_THEANO" "$KERNEL_THEANO" "old Keras fixtures (Theano)" "${REQS_THEANO[@]}" --
  for version in "${OLD_KERAS[@]}"; do
    target="$VENV_THEANO/keras-$version"
    if [[ ! -f "$target/.installed" ]]; then
      echo "==> installing keras $version into $target"
      rm -rf "$target"
      pip_install "$VENV_THEANO" --no-deps --target "$target" "keras==$version"
      touch "$target/.installed"
    fi
  done
fi
if wants_flavour tfkeras212; then
  ensure_venv "$VENV_TF212" "$KERNEL_TF212" "tf.keras 2.12 fixtures" "${REQS_TF212[@]}" --
fi
if wants_flavour keras30; then
  ensure_venv "$VENV_K30" "$KERNEL_K30" "Keras 3.0 fixtures (jax)" "${REQS_K30[@]}" --
fi
EXTRA_JUPYTER_PATH="$VENV_THEANO/share/jupyter:$VENV_TF212/share/jupyter:$VENV_K30/share/jupyter"
