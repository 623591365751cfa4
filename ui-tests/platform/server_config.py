"""Jupyter server for the tests that start their own server (platform.config.js).

Works from JupyterLab 4.0 on (no Galata extension, which an old or a newer
JupyterLab may not load). Port and root folder come from the environment:
PLATFORM_PORT, PLATFORM_ROOT. Never use it outside tests: no token, no xsrf.
"""

import json
import os
from pathlib import Path
from tempfile import mkdtemp

c.ServerApp.port = int(os.environ["PLATFORM_PORT"])  # noqa: F821
c.ServerApp.port_retries = 0  # noqa: F821
c.ServerApp.ip = "127.0.0.1"  # noqa: F821
c.ServerApp.open_browser = False  # noqa: F821
c.ServerApp.allow_root = True  # noqa: F821
c.ServerApp.root_dir = os.environ["PLATFORM_ROOT"]  # noqa: F821
c.IdentityProvider.token = ""  # noqa: F821
c.ServerApp.password = ""  # noqa: F821
c.ServerApp.disable_check_xsrf = True  # noqa: F821
c.ServerApp.log_level = "WARN"  # noqa: F821

# Fresh workspaces and settings: every notebook cell in the page (no
# windowing), so a test can count what rendered without scrolling.
settings = Path(mkdtemp(prefix="platform-settings-"))
tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
tracker.parent.mkdir(parents=True)
tracker.write_text(json.dumps({"windowingMode": "none"}))
for app in ("LabApp", "JupyterNotebookApp"):
    c[app].user_settings_dir = str(settings)  # noqa: F821
    c[app].workspaces_dir = mkdtemp(prefix="platform-workspaces-")  # noqa: F821

# The tests drive the page through window.jupyterapp (commands, kernel state).
for app in ("LabApp", "JupyterNotebookApp"):
    c[app].expose_app_in_browser = True  # noqa: F821
