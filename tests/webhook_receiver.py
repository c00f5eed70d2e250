"""A real HTTP server on 127.0.0.1 that receives webhooks in a thread of the test.

It records every request (path, headers, body) and answers from a script: the
status codes to give, in order (then 200), a delay, a redirect.
"""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes


@dataclass
class Script:
    statuses: list = field(default_factory=list)
    delay: float = 0
    redirect_to: str = ""


class WebhookReceiver:
    def __init__(self):
        self.received: list[Received] = []
        self.script = Script()
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                with receiver._lock:
                    receiver.received.append(
                        Received(self.path, dict(self.headers.items()), body)
                    )
                    status = (
                        receiver.script.statuses.pop(0)
                        if receiver.script.statuses
                        else 200
                    )
                if receiver.script.delay:
                    time.sleep(receiver.script.delay)
                if receiver.script.redirect_to:
                    self.send_response(302)
                    self.send_header("Location", receiver.script.redirect_to)
                    self.end_headers()
                    return
                answer = f"answered {status}".encode()
                self.send_response(status)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hooks/consultation"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
