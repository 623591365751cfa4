"""JupyterLab extension that renders Keras ``model.summary()`` outputs as a table.

In a kernel, ``%load_ext jupyterlab_keras_summary`` turns on the companion
(``kernel/``): ``model.summary()`` then sends one output carrying exact data
from the live model beside Keras's own text.
"""

try:
    from ._version import __version__
except ImportError:
    # Fallback when using the package in dev mode without installing
    # in editable mode with pip. It is highly recommended to install
    # the package from a stable release or in editable mode:
    # https://pip.pypa.io/en/stable/topics/local-project-installs/#editable-installs
    import warnings

    warnings.warn(
        "Importing 'jupyterlab_keras_summary' outside a proper installation."
    )
    __version__ = "dev"


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "jupyterlab-keras-summary"}]


def load_ipython_extension(ipython):
    from .kernel import extension

    extension.load(ipython)


def unload_ipython_extension(ipython):
    from .kernel import extension

    extension.unload(ipython)


def check_sizes(token, sizes):
    """For the frontend's "check in the kernel" (``user_expressions``): shapes for the sizes typed."""
    from .kernel import registry

    return registry.check(token, sizes)
