"""A Withings-compatible server on loopback: OAuth1 + OAuth2 + the data services + an Alexa API stand-in.

The offline demo and the tests point the skill's client at it (WITHINGS_API_URL, WITHINGS_OAUTH1_URL,
...), so the client proves itself against a peer that behaves like Withings, not against mocks. It imports
nothing from `skill` but `skill.clock`: the two sides only share the wire format and "now".

Routes (withings-api.md §1-§4):
  OAuth1  GET  /account/request_token | /account/authorize | /account/access_token
  OAuth2  GET  /oauth2_user/authorize2        POST /v2/oauth2 (action=requesttoken)
  data         /measure getmeas · /v2/measure getactivity, getworkouts · /v2/sleep getsummary ·
               /v2/user getgoals — OAuth1-signed GETs or Bearer POSTs, in-body status, real pagination
  notify       /notify subscribe (HEAD-probes the callback: 293), list, get, revoke — authenticated
               like the data calls (sandbox.subscriptions); deliveries in sandbox.delivery
  Alexa   GET  /v2/devices/{id}/settings/System.timeZone    POST /v1/directives
  control      /_sandbox/... (sandbox.controls): faults, stats and per-user call counts, token expiry,
               revocation, approvers, users' data, readings added "now" and the notifications they send

Several people: every userid 10001..19999 is a generated user with data of their own (a household's
10001 and 10002 differ in every headline figure: weight, last night's sleep, today's steps, blood
pressure). Who approves a link is the authorize page's `user` parameter when the browser sends one,
else the next userid queued by `POST /_sandbox/next-approver {"userid": ...}` (one link each, in
order; DELETE empties the queue), else 10001 — so a test can link a second person through a flow
it does not drive itself (the Alexa app's browser, a demo).

Refusals, as Withings answers them:
  OAuth1 data call   bad/missing signature, unknown consumer, stale timestamp (±timestamp_skew),
                     replayed nonce -> status 342 · unknown or revoked token -> 401 ·
                     userid missing -> 247 · userid not the token's -> 250
  OAuth1 token call  HTTP 401 plain text ("invalid signature", ...); missing oauth_callback -> HTTP 400
  OAuth2 data call   expired/unknown/revoked/missing bearer -> HTTP 200, status 401 ("... invalid_token ...")
  requesttoken       dead code/refresh token, bad client, bad grant -> 503 · same arguments within 10 s
                     -> 601 {wait_seconds} · missing action -> 2554
  any data call      unknown action -> 2554 · malformed parameters -> 503 "Invalid Params: ..."
  authorize pages    bad request -> HTTP 400 HTML page (no redirect)
Scopes are checked at authorize2 (comma-separated, known names) but not enforced on data calls.

Threads: one per connection (daemon), so a "hang" fault never blocks other requests, and stop() wakes
hanging handlers and shuts every open connection instead of waiting for them.

Nothing is logged: query strings carry OAuth tokens and signatures, bodies carry health values.

Two clocks: the data's "now" (which day is today, what has happened yet, `updatetime`) is
skill.clock.now(), the one seam that PINNED_NOW pins for the skill and the sandbox together; OAuth
lifetimes, timestamps and the duplicate window keep the real clock (`clock`), because the client
checks those against its own.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from zoneinfo import ZoneInfo

from sandbox import alexa_api, controls, endpoints, wire
from sandbox.data import DEFAULT_USERID, DemoUser, as_of, generate_user, is_demo_userid, local_today
from sandbox.delivery import Deliveries
from sandbox.extras import Extras
from sandbox.faults import INVALID_TOKEN, Fault, Faults
from sandbox.oauth1 import OAuth1Provider, OAuth1Refusal, SignedRequest, base_string_uri, decode_form
from sandbox.oauth2 import AuthorizeError, InvalidToken, OAuth2Provider
from sandbox.stats import Stats
from sandbox.subscriptions import Subscriptions
from skill import clock as skill_clock  # the one "now" seam the skill reads too (nothing else of skill)

MAX_BODY = 1 << 20
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
TOKEN_ROUTES = ("/account/request_token", "/account/authorize", "/account/access_token")
OAUTH2_ROUTES = ("/oauth2_user/authorize2", "/v2/oauth2")
NOTIFY_PATH = "/notify"
WITHINGS_ROUTES = frozenset((*TOKEN_ROUTES, *OAUTH2_ROUTES, *endpoints.SERVICES, NOTIFY_PATH))
MISSING_TOKEN = "XRequestID: Not provided invalid_request: The access token was not provided"  # noqa: S105


@dataclass(frozen=True)
class SandboxConfig:
    host: str = "127.0.0.1"
    port: int = 0
    seed: int = 7
    timezone: str = "Europe/Paris"
    consumer_key: str = "sandbox-consumer-key"  # OAuth1 consumer
    consumer_secret: str = dataclasses.field(default="sandbox-consumer-secret", repr=False)
    client_id: str = "sandbox-client-id"  # OAuth2 client
    client_secret: str = dataclasses.field(default="sandbox-client-secret", repr=False)
    days: int = 180  # history length ending today (user's tz)
    access_token_ttl: int = 10800  # OAuth2 access token lifetime, seconds
    code_ttl: int = 30  # OAuth2 authorization code lifetime, seconds
    timestamp_skew: int = 300  # OAuth1 allowed clock skew, seconds


class SandboxApp:
    """Routing and state, independent of sockets (the handler below only does HTTP framing).

    `now` is the data's instant (skill.clock.now: the real time, or PINNED_NOW); `clock` the real
    Unix time OAuth lifetimes are measured with (tests pass a fake one instead of sleeping).
    """

    def __init__(
        self,
        config: SandboxConfig,
        *,
        now: Callable[[], datetime] = skill_clock.now,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.config = config
        ZoneInfo(config.timezone)  # an unknown time zone is refused before anything listens
        self.now = now
        self.stats: Stats = Stats()
        self.faults: Faults = Faults()
        self.stopping = threading.Event()
        self.oauth1 = OAuth1Provider(
            config.consumer_key, config.consumer_secret, config.timestamp_skew, clock=clock
        )
        self.oauth2 = OAuth2Provider(
            config.client_id,
            config.client_secret,
            access_token_ttl=config.access_token_ttl,
            code_ttl=config.code_ttl,
            clock=clock,
            on_event=self.stats.count,
        )
        self._users: dict[tuple[str, str], DemoUser] = {}
        self._users_lock = threading.Lock()
        self._approvers: list[str] = []  # who approves the next links without a `user` parameter
        self._approvers_lock = threading.Lock()
        self.subscriptions: Subscriptions = Subscriptions()  # the notify service's state
        self.deliveries: Deliveries = Deliveries()  # its POSTs to the callbacks
        self.extras: Extras = Extras()  # readings the /_sandbox/now/* controls added

    def queue_approver(self, userid: str) -> None:
        if not is_demo_userid(userid):
            raise ValueError("not a demo userid")
        with self._approvers_lock:
            self._approvers.append(userid)

    def clear_approvers(self) -> None:
        with self._approvers_lock:
            self._approvers.clear()

    def _approver(self, asked: str | None) -> str:
        """The user who approves this authorize request: asked for, else queued, else the default."""
        if asked:
            return asked
        with self._approvers_lock:
            return self._approvers.pop(0) if self._approvers else DEFAULT_USERID

    def user(self, userid: str) -> DemoUser:
        """Generated on first use and cached per local day (a new day brings a new "today").

        Served as of now (sandbox.data.as_of), with what the controls added (sandbox.extras): what
        happens later today has not happened yet.
        """
        if not is_demo_userid(userid):
            raise KeyError(userid)
        moment = self.now()
        today = local_today(moment, self.config.timezone)
        key = (userid, today.isoformat())
        with self._users_lock:
            found = self._users.get(key)
            if found is None:
                c = self.config
                found = generate_user(c.seed, userid, c.timezone, today, c.days)
                stale = [k for k in self._users if k[1] != key[1]]
                for k in stale:
                    del self._users[k]
                self._users[key] = found
        return as_of(self.extras.apply(found), moment.timestamp())

    # --- dispatch ---------------------------------------------------------------------------

    def handle(self, request: wire.Request) -> wire.Response | None:
        """The response, or None to drop the connection without one (stopping during a hang)."""
        path = request.path
        if path.startswith("/_sandbox/"):
            return self._control(request)
        self.stats.count("requests", path)
        fault = self.faults.take(path, path in WITHINGS_ROUTES)
        if fault is not None:
            self.stats.count("faults_served", fault.mode)
            if fault.mode == "hang":
                if self.stopping.wait(fault.hang_seconds):
                    return None
            else:
                return fault.response(path)
        if alexa_api.is_alexa_route(path):
            return alexa_api.handle(
                request, self.config.timezone, self.stats.count, self.stats.record_directive
            )
        if path in TOKEN_ROUTES:
            return self._oauth1_route(request)
        if path == "/oauth2_user/authorize2":
            return self._oauth2_authorize(request)
        if path == "/v2/oauth2":
            return self._counted(self._oauth2_token(request))
        if path in endpoints.SERVICES or path == NOTIFY_PATH:
            return self._counted(self._data_call(request))
        return wire.page(404, "Not Found", "No such service.")

    def _counted(self, response: wire.Response) -> wire.Response:
        try:
            status = json.loads(response.body)["status"]
        except (ValueError, KeyError, TypeError):
            return response
        self.stats.count("statuses", str(status))
        return response

    # --- OAuth1 -----------------------------------------------------------------------------

    def _signed(self, request: wire.Request) -> SignedRequest:
        host = request.host or f"{self.config.host}:{self.config.port}"
        uri = base_string_uri("http", host, request.path)
        return SignedRequest(request.method, uri, request.query, request.form)

    def _refused(self, refusal: OAuth1Refusal) -> None:
        self.stats.count("oauth1_refused")
        if refusal.reason in ("signature", "consumer"):
            self.stats.count("oauth1_signature_failures")
        elif refusal.reason == "nonce":
            self.stats.count("oauth1_replays_refused")
        elif refusal.reason == "timestamp":
            self.stats.count("oauth1_stale_timestamps")

    def _oauth1_route(self, request: wire.Request) -> wire.Response:
        if request.method != "GET":
            return wire.text(405, "use GET")
        if request.path == "/account/authorize":
            return self._oauth1_authorize(request)
        try:
            if request.path == "/account/request_token":
                token, secret = self.oauth1.request_token(self._signed(request))
                self.stats.count("oauth1_request_token")
                return wire.form({"oauth_token": token, "oauth_token_secret": secret})
            token, secret, userid = self.oauth1.access_token(self._signed(request))
            self.stats.count("oauth1_access_token")
            return wire.form({"oauth_token": token, "oauth_token_secret": secret, "userid": userid})
        except OAuth1Refusal as refusal:
            self._refused(refusal)
            return wire.text(400 if refusal.reason == "params" else 401, refusal.message)

    def _oauth1_authorize(self, request: wire.Request) -> wire.Response:
        params = request.params()
        userid = self._approver(params.get("user"))
        if not is_demo_userid(userid):
            return wire.page(400, "Authorization failed", "Unknown user.")
        try:
            location, verifier = self.oauth1.authorize(params.get("oauth_token", ""), userid)
        except KeyError:
            return wire.page(
                400, "Authorization failed", "This request token is invalid, expired or already used."
            )
        self.stats.count("oauth1_authorize")
        if not location:
            return wire.page(200, "Authorized", f"Verifier: {verifier}")
        return wire.redirect(location)

    # --- OAuth2 -----------------------------------------------------------------------------

    def _oauth2_authorize(self, request: wire.Request) -> wire.Response:
        if request.method != "GET":
            return wire.page(405, "Method not allowed", "Use GET.")
        query = dict(request.query)
        query["user"] = self._approver(query.get("user"))
        try:
            return wire.redirect(self.oauth2.authorize(query))
        except AuthorizeError as exc:
            return wire.page(400, "Authorization failed", str(exc))

    def _oauth2_token(self, request: wire.Request) -> wire.Response:
        if request.method != "POST":
            return wire.withings(
                503, {}, "Invalid Params: invalid grant_type"
            )  # parameters must be a POST body
        form = dict(request.form)
        if form.get("action") != "requesttoken":
            return wire.withings(2554, {}, "Not implemented: wrong action or wrong webservice")
        self.stats.count("actions", "requesttoken")
        status, body, error = self.oauth2.requesttoken(form)
        return wire.withings(status, body, error)

    # --- data -------------------------------------------------------------------------------

    def _data_call(self, request: wire.Request) -> wire.Response:
        if request.method not in ("GET", "POST"):
            return wire.page(405, "Method not allowed", "Use GET or POST.")
        params = request.params()
        action = params.get("action")
        if action:
            self.stats.count("actions", action)
        token = request.bearer() or params.pop("access_token", None)
        if token:
            try:
                userid = self.oauth2.authenticate(token)
            except InvalidToken:
                self.stats.count("oauth2_invalid_token")
                return wire.withings(401, {}, INVALID_TOKEN)
        elif any(name.startswith("oauth_") for name, _ in request.query):
            try:
                token_userid, _ = self.oauth1.authenticate(self._signed(request))
            except OAuth1Refusal as refusal:
                self._refused(refusal)
                if refusal.reason in ("token", "revoked"):
                    return wire.withings(401, {}, INVALID_TOKEN)
                return wire.withings(
                    342, {}, f"The signature (using OAuth 1.0) is invalid: {refusal.message}"
                )
            userid = params.get("userid", "")
            if not is_demo_userid(userid):
                return wire.withings(247, {}, "The userid provided is absent, or incorrect")
            if userid != token_userid:
                return wire.withings(250, {}, "The provided userid and/or Oauth credentials do not match")
        else:
            return wire.withings(401, {}, MISSING_TOKEN)
        if request.path == NOTIFY_PATH:
            self.stats.count("notify_calls_by_user", userid)
            status, body, error = self.subscriptions.run(userid, params)
        else:
            self.stats.count("data_calls_by_user", userid)
            status, body, error = endpoints.run(request.path, action, self.user(userid), params)
        return wire.withings(status, body, error)

    # --- controls ---------------------------------------------------------------------------

    def _control(self, request: wire.Request) -> wire.Response:
        return controls.handle(self, request)

    def stats_snapshot(self) -> dict[str, Any]:
        snapshot = self.stats.snapshot()
        snapshot["faults_active"] = self.faults.describe()
        with self._approvers_lock:
            snapshot["next_approvers"] = list(self._approvers)
        return snapshot

    def revoke_user(self, userid: str) -> None:
        self.oauth1.revoke_user(userid)
        self.oauth2.revoke_user(userid)


# --- HTTP framing ------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a hanging handler never keeps the process (or stop()) waiting
    block_on_close = False
    request_queue_size = 128  # listen() backlog: the default 5 drops bursts of concurrent connects

    def __init__(self, address: tuple[str, int], app: SandboxApp) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.app = app
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def track(self, connection: socket.socket, alive: bool) -> None:
        with self._connections_lock:
            if alive:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def close_connections(self) -> None:
        with self._connections_lock:
            connections, self._connections = list(self._connections), set()
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if isinstance(sys.exc_info()[1], OSError):
            return  # the client went away (e.g. timed out during a hang): nothing to report
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"  # keep-alive, like a real API behind a load balancer
    timeout = 60  # idle keep-alive connections are closed after this
    server_version = "WithingsSandbox/1.0"
    sys_version = ""

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection, alive=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.connection, alive=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: request lines carry OAuth tokens and signatures in their query strings."""

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def _serve(self) -> None:
        length_header = self.headers.get("Content-Length", "0") or "0"
        if not length_header.isdigit() or int(length_header) > MAX_BODY:
            self.close_connection = True
            self._write(wire.text(413 if length_header.isdigit() else 400, "bad Content-Length"))
            return
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            self._write(wire.text(411, "Content-Length required"))
            return
        body = self.rfile.read(int(length_header))
        split = urllib.parse.urlsplit(self.path)
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        form: list[tuple[str, str]] = []
        if content_type == "application/x-www-form-urlencoded":
            form = decode_form(body.decode("utf-8", errors="replace"))
        request = wire.Request(
            method=self.command,
            path=split.path or "/",
            query=tuple(decode_form(split.query)),
            form=tuple(form),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            host=self.headers.get("Host", ""),
        )
        response = self.server.app.handle(request)
        if response is None:
            self.close_connection = True
            return
        self._write(response)

    def _write(self, response: wire.Response) -> None:
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            for name, value in response.headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(response.body)
        except OSError:
            self.close_connection = True


# --- public API --------------------------------------------------------------------------------


class RunningSandbox:
    """A sandbox serving in a background thread. Controls act directly on its state."""

    def __init__(self, app: SandboxApp, server: _Server, thread: threading.Thread) -> None:
        self._app = app
        self._server = server
        self._thread = thread
        port = int(server.server_address[1])
        self.config = dataclasses.replace(app.config, port=port)
        app.config = self.config  # the OAuth1 base URI falls back to it when a request has no Host
        host = self.config.host
        self.url: str = f"http://{f'[{host}]' if ':' in host else host}:{port}"

    def stop(self) -> None:
        """Stop serving now: hanging handlers are woken and open connections shut, not waited for."""
        self._app.stopping.set()
        self._server.shutdown()
        self._server.close_connections()
        self._server.server_close()
        self._thread.join(timeout=5)

    def set_fault(
        self,
        mode: str,
        *,
        count: int | None = None,
        path: str | None = None,
        wait_seconds: int = 30,
        hang_seconds: float = 30.0,
    ) -> None:
        self._app.faults.set(Fault(mode, count, path, wait_seconds, hang_seconds))

    def clear_faults(self) -> None:
        self._app.faults.clear()

    def stats(self) -> dict[str, Any]:
        return self._app.stats_snapshot()

    def reset_stats(self) -> None:
        self._app.stats.reset()
        self._app.deliveries.clear()

    def user(self, userid: str) -> DemoUser:
        return self._app.user(userid)

    def expire_access_tokens(self, userid: str | None = None) -> None:
        self._app.oauth2.expire_access_tokens(userid)

    def revoke_user(self, userid: str) -> None:
        self._app.revoke_user(userid)

    def approve_next(self, userid: str) -> None:
        """The next link whose authorize request names no user is approved by `userid`."""
        self._app.queue_approver(userid)

    # The notify side, as the HTTP controls offer it (sandbox.controls has the details).

    def calls(self, userid: str) -> dict[str, int]:
        """{"data": n, "notify": m}: calls `userid`'s credentials made since the last reset_stats."""
        return self._app.stats.calls(userid)

    def subscriptions(self, userid: str) -> list[dict[str, Any]]:
        return list(controls.subscriptions(self._app, {}, {"userid": userid})["subscriptions"])

    def deliveries(self, wait: int = 0) -> list[dict[str, Any]]:
        """The delivery log; with `wait`, once that many deliveries are done (at most ~5 s)."""
        return self._app.deliveries.snapshot(wait_for=wait)

    def add_weight(self, userid: str, kg: float | None = None) -> dict[str, Any]:
        return controls.now_weight(self._app, {"userid": userid, "kg": kg}, {})

    def add_steps(self, userid: str, steps: int) -> dict[str, Any]:
        return controls.now_steps(self._app, {"userid": userid, "steps": steps}, {})

    def add_night(self, userid: str, hours: float | None = None) -> dict[str, Any]:
        return controls.now_night(self._app, {"userid": userid, "hours": hours}, {})

    def send_notification(
        self, userid: str, appli: int, startdate: int | None = None, enddate: int | None = None
    ) -> dict[str, Any]:
        payload = {"userid": userid, "appli": appli, "startdate": startdate, "enddate": enddate}
        return controls.notify(self._app, payload, {})

    def __enter__(self) -> RunningSandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start(
    config: SandboxConfig = SandboxConfig(),
    *,
    now: Callable[[], datetime] = skill_clock.now,
    clock: Callable[[], float] = time.time,
) -> RunningSandbox:
    """Serve in a background thread; returns once the socket is listening.

    `now`: the data's instant (default: PINNED_NOW when set, else the real time, read per request);
    `clock`: the OAuth lifetimes' Unix time (default: the real one).
    """
    if config.host not in LOOPBACK_HOSTS:
        raise ValueError("the sandbox only listens on loopback (127.0.0.1, localhost, ::1)")
    if config.days < 2:
        raise ValueError("days must be at least 2")
    now()  # a malformed PINNED_NOW is refused here, not on the first data call
    app = SandboxApp(config, now=now, clock=clock)
    server = _Server((config.host, config.port), app)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="withings-sandbox", daemon=True
    )
    thread.start()
    return RunningSandbox(app, server, thread)
