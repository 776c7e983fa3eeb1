"""`python -m skill serve`: the Lambda's HTTP face on your machine.

GET /link/authorize, GET /link/callback, POST /link/token are turned into API Gateway HTTP API
(payload v2) events, and POST /alexa takes an Alexa request envelope as its JSON body; both go through
lambda_function.lambda_handler exactly as in AWS. Request lines are never logged as they are: the
query strings carry codes and state.
"""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from skill.observability import log_event

MAX_BODY_BYTES = 1 << 20
ALEXA_PATH = "/alexa"
_ALEXA_BUDGET_MS = 8000  # what Alexa waits for a skill
_LAMBDA_BUDGET_MS = 7000  # the function's Timeout in template.yaml


class LocalContext:
    """The parts of the Lambda context object the skill may use."""

    function_name = "withings-voice-skill-local"
    memory_limit_in_mb = 256

    def __init__(self, budget_ms: int = _LAMBDA_BUDGET_MS) -> None:
        self.aws_request_id = str(uuid.uuid4())
        self._ends = time.monotonic() + budget_ms / 1000.0

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._ends - time.monotonic()) * 1000))


def http_api_event(
    method: str,
    path: str,
    query: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    source_ip: str = "127.0.0.1",
) -> dict[str, Any]:
    """The event API Gateway's HTTP API (payload format 2.0) would deliver for this request."""
    lowered: dict[str, str] = {}
    for name, value in headers.items():
        key = name.lower()
        lowered[key] = f"{lowered[key]},{value}" if key in lowered else value  # as API Gateway joins them
    query_params: dict[str, str] = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        query_params[name] = f"{query_params[name]},{value}" if name in query_params else value
    try:
        text, is_b64 = body.decode("utf-8"), False
    except UnicodeDecodeError:
        text, is_b64 = base64.b64encode(body).decode("ascii"), True
    now = time.time()
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": f"{method} {path}",
        "rawPath": path,
        "rawQueryString": query,
        "headers": lowered,
        "requestContext": {
            "accountId": "000000000000",
            "apiId": "local",
            "domainName": lowered.get("host", "127.0.0.1"),
            "domainPrefix": "local",
            "http": {
                "method": method,
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": source_ip,
                "userAgent": lowered.get("user-agent", ""),
            },
            "requestId": str(uuid.uuid4()),
            "routeKey": f"{method} {path}",
            "stage": "$default",
            "time": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
            "timeEpoch": int(now * 1000),
        },
        "isBase64Encoded": is_b64,
    }
    if query_params:
        event["queryStringParameters"] = query_params
    if body:
        event["body"] = text
    return event


class _Handler(BaseHTTPRequestHandler):
    server_version = "withings-voice-skill-local"

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def log_message(self, format: str, *args: Any) -> None:
        """Silenced: the default writes the request line, query string (codes, state) included."""

    def _dispatch(self) -> None:
        started = time.monotonic()
        split = urlsplit(self.path)
        path = split.path or "/"
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY_BYTES:
            status = self._json(413 if length > 0 else 400, {"error": "missing or oversized body"})
        elif path == ALEXA_PATH:
            status = self._alexa(self.rfile.read(length) if length else b"")
        else:
            status = self._http_api(path, split.query, self.rfile.read(length) if length else b"")
        log_event(
            "local_http",
            method=self.command,
            path=path,
            status=status,
            latency_ms=round((time.monotonic() - started) * 1000, 1),
        )

    def _http_api(self, path: str, query: str, body: bytes) -> int:
        from lambda_function import lambda_handler

        event = http_api_event(
            self.command, path, query, dict(self.headers.items()), body, source_ip=self.client_address[0]
        )
        result = lambda_handler(event, LocalContext())
        raw = result.get("body") or ""
        payload = base64.b64decode(raw) if result.get("isBase64Encoded") else str(raw).encode("utf-8")
        return self._send(int(result.get("statusCode", 200)), result.get("headers") or {}, payload)

    def _alexa(self, body: bytes) -> int:
        if self.command != "POST":
            return self._json(405, {"error": "POST an Alexa request envelope"}, {"Allow": "POST"})
        try:
            envelope = json.loads(body)
        except ValueError:
            return self._json(400, {"error": "the body is not JSON"})
        if not isinstance(envelope, dict):
            return self._json(400, {"error": "the body is not a JSON object"})
        from lambda_function import lambda_handler
        from skill.voice.entry import RequestRefused

        try:
            result = lambda_handler(envelope, LocalContext(_ALEXA_BUDGET_MS))
        except RequestRefused:
            return self._json(403, {"error": "request refused"})
        return self._json(200, result)

    def _json(self, status: int, doc: Any, extra: Mapping[str, str] | None = None) -> int:
        headers = {"Content-Type": "application/json;charset=UTF-8", **(extra or {})}
        return self._send(status, headers, json.dumps(doc).encode("utf-8"))

    def _send(self, status: int, headers: Mapping[str, str], payload: bytes) -> int:
        self.send_response(status)
        for name, value in headers.items():
            if name.lower() != "content-length":
                self.send_header(name, str(value))
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)
        return status


def make_server(host: str, port: int) -> ThreadingHTTPServer:
    """A server bound to (host, port) (port 0: any free one), not yet serving: call serve_forever()."""
    return _Server((host, port), _Handler)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # listen() backlog: the default 5 refuses bursts of concurrent clients


def serve(host: str, port: int) -> int:
    server = make_server(host, port)
    bound_port = server.server_address[1]
    print(f"serving on http://{host}:{bound_port}")
    print("  GET /link/authorize  GET /link/callback  POST /link/token  POST /alexa")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
