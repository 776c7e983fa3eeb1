"""The whole product on loopback: DynamoDB Local, the Withings sandbox and `python -m skill serve`.

Each part runs as its own process (as it would in real life), started here and stopped by PID —
also on Ctrl-C. Used by the demo, the end-to-end tests and the benchmarks.

`now` pins the instant the skill and the sandbox answer in (skill.clock's PINNED_NOW, passed to both
processes); without it they inherit the environment's, which is the real clock unless PINNED_NOW is
set. The demo keeps the real clock; the tests pin one.
"""

from __future__ import annotations

import base64
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from devtools import dynamodb_local
from skill.clock import PINNED_NOW_ENV

ROOT = Path(__file__).resolve().parent.parent
SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-00000000d3m0"
LINK_CLIENT_ID = "alexa-demo-client"
# Alexa's redirect URL shape; the demo never follows it, it only reads code and state from it.
REDIRECT_URI = "https://pitangui.amazon.com/api/skill/link/M2DEMOVENDOR"
SANDBOX_CONSUMER_KEY = "sandbox-consumer-key"
SANDBOX_CLIENT_ID = "sandbox-client-id"


# The sandbox has no app-wide limit (Withings' 120/min is a contract, not physics), and a test suite
# asks faster than any household: the local stacks' budget only has to stay out of the way. The
# budget's own e2e test sets a small one (LocalStack.extra_env).
LOCAL_CALLS_PER_MINUTE = 100_000


def skill_env(
    *, auth: str, sandbox_url: str, dynamodb_endpoint: str, skill_url: str, table_name: str
) -> dict[str, str]:
    """The skill's configuration (design.md's variables) for a local stack."""
    return {
        **dynamodb_local.local_aws_env(dynamodb_endpoint),
        "WITHINGS_AUTH": auth,
        "WITHINGS_CONSUMER_KEY": SANDBOX_CONSUMER_KEY if auth == "oauth1" else SANDBOX_CLIENT_ID,
        "WITHINGS_CONSUMER_SECRET": "sandbox-consumer-secret"
        if auth == "oauth1"
        else "sandbox-client-secret",
        "WITHINGS_API_URL": sandbox_url,
        "WITHINGS_OAUTH1_URL": f"{sandbox_url}/account",
        "WITHINGS_OAUTH2_AUTHORIZE_URL": f"{sandbox_url}/oauth2_user/authorize2",
        "WITHINGS_OAUTH2_TOKEN_URL": f"{sandbox_url}/v2/oauth2",
        "TABLE_NAME": table_name,
        "SKILL_ID": SKILL_ID,
        "LINK_CLIENT_ID": LINK_CLIENT_ID,
        # A fresh random secret and key per run: nothing secret is ever committed.
        "LINK_CLIENT_SECRET": secrets.token_urlsafe(24),
        "LINK_REDIRECT_URIS": REDIRECT_URI,
        "PUBLIC_BASE_URL": skill_url,
        "TOKEN_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
        "WITHINGS_CALLS_PER_MINUTE": str(LOCAL_CALLS_PER_MINUTE),
        "PYTHONUNBUFFERED": "1",
    }


def _wait_http(url: str, proc: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    stop_at = time.monotonic() + timeout
    while time.monotonic() < stop_at:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args!r} exited with {proc.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310 - loopback only
            return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up in {timeout:.0f} s")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@dataclass
class _Stack:
    """What both stacks share: the settings, and an ExitStack that stops what was started."""

    auth: str = "oauth1"
    seed: int = 7
    timezone: str = "Europe/Paris"
    table_name: str = "withings-skill-local"
    now: datetime | None = None  # the pinned instant (PINNED_NOW) for the skill and the sandbox
    env: dict[str, str] = field(default_factory=dict)  # the skill's configuration
    skill_url: str = ""
    _exit: ExitStack = field(default_factory=ExitStack)

    def _clock_env(self) -> dict[str, str]:
        return {} if self.now is None else {PINNED_NOW_ENV: self.now.isoformat()}

    def __enter__(self) -> Self:
        try:
            self._start()
        except BaseException:
            self._exit.close()
            raise
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._exit.close()

    def _start(self) -> None:
        raise NotImplementedError


@dataclass
class LocalStack(_Stack):
    """Start with `with LocalStack(auth="oauth1") as stack:`; stack.env is the skill's configuration."""

    log_path: Path | None = None  # where serve's stdout/stderr go (JSON logs); None -> a temp file
    sandbox_url: str = ""
    extra_env: dict[str, str] = field(default_factory=dict)  # e.g. a small WITHINGS_CALLS_PER_MINUTE

    def _spawn(
        self, args: list[str], env: dict[str, str], log: Path | None = None
    ) -> subprocess.Popen[bytes]:
        out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - closed with the stack
        if log:
            self._exit.callback(out.close)  # type: ignore[union-attr]
        proc = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            [sys.executable, *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._exit.callback(_stop, proc)
        return proc

    def _start(self) -> None:
        db = dynamodb_local.start()
        self._exit.callback(db.stop)

        sandbox_port = dynamodb_local.free_port()
        self.sandbox_url = f"http://127.0.0.1:{sandbox_port}"
        base_env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "WITHINGS_", "LINK_"))}
        base_env.update(self._clock_env())
        sandbox = self._spawn(
            [
                "-m",
                "sandbox",
                "--port",
                str(sandbox_port),
                "--seed",
                str(self.seed),
                "--timezone",
                self.timezone,
            ],
            base_env,
        )
        _wait_http(f"{self.sandbox_url}/_sandbox/stats", sandbox)

        skill_port = dynamodb_local.free_port()
        self.skill_url = f"http://127.0.0.1:{skill_port}"
        self.env = {
            **base_env,
            **skill_env(
                auth=self.auth,
                sandbox_url=self.sandbox_url,
                dynamodb_endpoint=db.endpoint,
                skill_url=self.skill_url,
                table_name=self.table_name,
            ),
            **self.extra_env,
        }
        init = subprocess.run(
            [sys.executable, "-m", "skill", "init-db"],
            check=False,
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            timeout=60,
        )
        if init.returncode != 0:
            raise RuntimeError(f"init-db failed: {init.stderr.decode(errors='replace')[-2000:]}")
        if self.log_path is None:
            self.log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"skill-serve-{skill_port}.log"  # noqa: S108
        serve = self._spawn(["-m", "skill", "serve", "--port", str(skill_port)], self.env, self.log_path)
        _wait_http(f"{self.skill_url}/link/token", serve)

    def add_serve(self) -> str:
        """Another `serve` process over the same table and sandbox (a second Lambda instance, as far
        as the app-wide budget can tell); Withings' callbacks still go to the first. Its URL."""
        port = dynamodb_local.free_port()
        url = f"http://127.0.0.1:{port}"
        log = self.log_path.with_name(f"{self.log_path.stem}-{port}.log") if self.log_path else None
        proc = self._spawn(["-m", "skill", "serve", "--port", str(port)], self.env, log)
        _wait_http(f"{url}/link/token", proc)
        return url


@dataclass
class InProcessStack(_Stack):
    """The same stack with the skill in this process (tests and benchmarks that call lambda_handler).

    The sandbox and `serve` (for the /link routes) run on threads here, and the skill's configuration
    (and `now`, as PINNED_NOW) is put into os.environ for the duration (and restored afterwards).
    DynamoDB Local is its own Java process: started here unless `dynamodb_endpoint` names a running
    one (then the stack's table is dropped on the way out). Pass `sandbox` to use a running one.
    """

    sandbox: Any = None  # sandbox.server.RunningSandbox: given, or started (and stopped) here
    dynamodb_endpoint: str | None = None

    def _start(self) -> None:
        import threading

        from sandbox.server import SandboxConfig
        from sandbox.server import start as start_sandbox
        from skill.local_server import make_server

        endpoint = self.dynamodb_endpoint
        if endpoint is None:
            db = dynamodb_local.start()
            self._exit.callback(db.stop)
            endpoint = db.endpoint
        if self.sandbox is None:
            self.sandbox = start_sandbox(SandboxConfig(seed=self.seed, timezone=self.timezone))
            self._exit.callback(self.sandbox.stop)
        self.timezone = self.sandbox.config.timezone
        port = dynamodb_local.free_port()
        self.skill_url = f"http://127.0.0.1:{port}"
        self.env = {
            **skill_env(
                auth=self.auth,
                sandbox_url=self.sandbox.url,
                dynamodb_endpoint=endpoint,
                skill_url=self.skill_url,
                table_name=self.table_name,
            ),
            **self._clock_env(),
        }
        saved = {key: os.environ.get(key) for key in self.env}
        self._exit.callback(_restore_environ, saved)
        os.environ.update(self.env)
        reset_skill_caches()
        self._exit.callback(reset_skill_caches)
        from skill.store.dynamodb.schema import delete_table, init_db

        if init_db() != 0:
            raise RuntimeError("init-db failed")
        if self.dynamodb_endpoint is not None:
            self._exit.callback(delete_table, self.table_name)
        server = make_server("127.0.0.1", port)
        threading.Thread(target=server.serve_forever, name="skill-serve", daemon=True).start()
        self._exit.callback(server.server_close)
        self._exit.callback(server.shutdown)


def _restore_environ(saved: dict[str, str | None]) -> None:
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def reset_skill_caches() -> None:
    """Forget everything the skill caches per container (settings, secrets, clients, the SDK skill)."""
    from skill import composition

    composition.reset()
