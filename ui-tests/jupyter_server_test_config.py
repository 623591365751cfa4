"""Server configuration for integration tests.

!! Never use this configuration in production because it
opens the server to the world and provide access to JupyterLab
JavaScript objects through the global window variable.
"""

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821

# The tests run as root in CI containers.
c.ServerApp.allow_root = True  # noqa: F821
# Notebook 7 (/tree, /notebooks) exposes window.jupyterapp for the tests too.
c.JupyterNotebookApp.expose_app_in_browser = True  # noqa: F821
# Never try to open a browser from the test server.
c.ServerApp.open_browser = False  # noqa: F821
# Uncomment to set server log level to debug level
# c.ServerApp.log_level = "DEBUG"
