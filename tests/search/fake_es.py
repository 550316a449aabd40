"""Stand-ins for an Elasticsearch server, on 127.0.0.1 and a port the system picks (port 0).

- ``Unresponsive``: a socket that accepts connections and never answers (a hung server).
- ``Recording``: an HTTP server that records every request and answers through a function
  given by the test. It sends the ``X-Elastic-Product: Elasticsearch`` header that the
  Python client checks on 2xx responses (elasticsearch/_sync/client/_base.py), so the client
  treats it as a server; the response bodies come from the tests, each citing the
  documentation example it follows.
"""

import json
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Unresponsive:
    def __init__(self):
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.accepted = []
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.accepted.append(connection)  # held open, never answered

    def close(self):
        for connection in self.accepted:
            connection.close()
        self.socket.close()


class Request:
    def __init__(self, method, path, params, body):
        self.method, self.path, self.params, self.body = method, path, params, body

    def __repr__(self):
        return f"{self.method} {self.path} {self.params}"


def _parse(raw):
    if not raw:
        return None
    text = raw.decode()
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) > 1:  # NDJSON (_bulk)
        return [json.loads(line) for line in lines]
    return json.loads(text)


class Recording:
    def __init__(self, respond):
        self.requests = []
        recording = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                url = urllib.parse.urlsplit(self.path)
                request = Request(
                    self.command,
                    urllib.parse.unquote(url.path),
                    dict(urllib.parse.parse_qsl(url.query)),
                    _parse(self.rfile.read(length)),
                )
                recording.requests.append(request)
                status, body = respond(request)
                payload = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header(
                    "Content-Type", "application/vnd.elasticsearch+json;compatible-with=9"
                )
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def paths(self, method=None):
        return [r.path for r in self.requests if method is None or r.method == method]

    def close(self):
        self.server.shutdown()
        self.server.server_close()
