"""A tiny callback on 127.0.0.1 for the notify tests: records Withings' HEAD probes and POSTs."""

from __future__ import annotations

import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    method: str
    path: str  # path and query, as sent
    content_type: str
    form: dict[str, str]


@dataclass
class Callback:
    url: str = ""
    head_status: int = 200
    post_status: int = 200
    post_delay: float = 0.0  # seconds before answering a POST (a slow callback)
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def of(self, method: str) -> list[Received]:
        with self.lock:
            return [r for r in self.received if r.method == method]


def _handler(callback: Callback) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _record(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            with callback.lock:
                callback.received.append(
                    Received(
                        self.command,
                        self.path,
                        self.headers.get("Content-Type", ""),
                        dict(urllib.parse.parse_qsl(body)),
                    )
                )

        def do_HEAD(self) -> None:
            self._record()
            self.send_response(callback.head_status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_POST(self) -> None:
            self._record()
            if callback.post_delay:
                time.sleep(callback.post_delay)  # the slow callback itself, not the test, waits
            self.send_response(callback.post_status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


@contextmanager
def running_callback(path: str = "/withings/notify?s=abc") -> Iterator[Callback]:
    callback = Callback()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(callback))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    callback.url = f"http://127.0.0.1:{server.server_address[1]}{path}"
    try:
        yield callback
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def dead_url() -> str:
    """A loopback URL nothing listens on (a port that was just free)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = server.server_address[1]
    server.server_close()
    return f"http://127.0.0.1:{port}/withings/notify"
