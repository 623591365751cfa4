"""Serve a folder (the built JupyterLite site) on 127.0.0.1, quietly.

    python serve_static.py PORT FOLDER
"""

import functools
import http.server
import sys


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


port, folder = int(sys.argv[1]), sys.argv[2]
handler = functools.partial(QuietHandler, directory=folder)
http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()
