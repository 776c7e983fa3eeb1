"""`python -m sandbox --port N [--seed S] [--timezone TZ] [--days D]`: serve in the foreground.

Prints the URL on the first line of stdout (subprocess users read it), then serves until SIGTERM or
Ctrl-C. Credentials come from SANDBOX_CONSUMER_KEY/SECRET and SANDBOX_CLIENT_ID/SECRET when set.
PINNED_NOW (skill.clock) pins the data's "now", as it does the skill's: devtools.stack passes it to
both processes.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from types import FrameType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sandbox.server import SandboxConfig, start


def config_from(argv: list[str] | None = None, env: dict[str, str] | None = None) -> SandboxConfig:
    env = dict(os.environ) if env is None else env
    parser = argparse.ArgumentParser(prog="python -m sandbox", description="Withings-compatible sandbox")
    defaults = SandboxConfig()
    parser.add_argument("--host", default=defaults.host, help="loopback address to listen on")
    parser.add_argument("--port", type=int, default=0, help="port (0: any free port)")
    parser.add_argument("--seed", type=int, default=defaults.seed, help="demo data seed")
    parser.add_argument("--timezone", default=defaults.timezone, help="the demo users' IANA time zone")
    parser.add_argument("--days", type=int, default=defaults.days, help="days of history ending today")
    args = parser.parse_args(argv)
    try:
        ZoneInfo(args.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        parser.error(f"unknown time zone: {args.timezone}")
    if args.days < 2:
        parser.error("--days must be at least 2")
    if not 0 <= args.port <= 65535:
        parser.error("--port must be 0..65535")
    return SandboxConfig(
        host=args.host,
        port=args.port,
        seed=args.seed,
        timezone=args.timezone,
        days=args.days,
        consumer_key=env.get("SANDBOX_CONSUMER_KEY") or defaults.consumer_key,
        consumer_secret=env.get("SANDBOX_CONSUMER_SECRET") or defaults.consumer_secret,
        client_id=env.get("SANDBOX_CLIENT_ID") or defaults.client_id,
        client_secret=env.get("SANDBOX_CLIENT_SECRET") or defaults.client_secret,
    )


def main(argv: list[str] | None = None) -> int:
    config = config_from(argv)
    try:
        sandbox = start(config)
    except (OSError, ValueError) as exc:
        print(f"sandbox: cannot start: {exc}", file=sys.stderr)
        return 1
    done = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        done.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    print(sandbox.url, flush=True)
    try:
        while not done.wait(0.5):
            pass
    finally:
        sandbox.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
