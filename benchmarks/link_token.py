"""/link/token latency over HTTP, p50 and p99: what Alexa's token service waits for.

1. authorization_code: N fresh link flows (the Alexa app's browser through /link/authorize, the
   sandbox's Withings authorize page and /link/callback, exactly as devtools.alexa_app does); only the
   POST /link/token that exchanges each code is timed.
2. refresh_token: N grants chained as Alexa does them: each response's refresh_token is the next
   request's.
Each POST opens its own connection, with the client credentials in HTTP Basic (the deploy guide's
scheme). Alexa gives the token endpoint 4.5 s; target p99 < 4.5 s.

By default `python -m skill serve` runs as its own process (devtools.stack.LocalStack); --stack
inprocess runs it on a thread here (faster to start, used by --quick) and then also counts the DynamoDB
operations each grant makes (a botocore event hook on the skill's client).

Run: .venv/bin/python benchmarks/link_token.py [--codes N] [--refreshes N] [--stack local|inprocess]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ALEXA_LIMIT_S = 4.5
P99_TARGET_S = ALEXA_LIMIT_S


class _OpCounter:
    """DynamoDB operations made by the skill's client (only with the server in this process)."""

    def __init__(self) -> None:
        self.ops: Counter[str] = Counter()

    def __call__(self, **kwargs: Any) -> None:
        self.ops[kwargs["model"].name] += 1


def _post_timed(url: str, data: dict[str, str], auth: tuple[str, str]) -> tuple[float, dict[str, Any]]:
    t0 = time.perf_counter()
    resp = requests.post(url, data=data, auth=auth, timeout=10)
    elapsed = time.perf_counter() - t0
    if resp.status_code != 200:
        raise RuntimeError(f"/link/token answered HTTP {resp.status_code}: {resp.json().get('error')}")
    body: dict[str, Any] = resp.json()
    return elapsed, body


def _line(name: str, times: list[float], ops: Counter[str] | None, n: int) -> bool:
    from devtools.measure import pct

    p50, p99 = statistics.median(times) * 1000, pct(times, 99) * 1000
    ok = p99 < P99_TARGET_S * 1000
    verdict = f"target p99 < {P99_TARGET_S:.1f} s   {'PASS' if ok else 'MISS'}"
    spread = f"p50 {p50:7.1f} ms   p99 {p99:7.1f} ms   max {max(times) * 1000:7.1f} ms"
    print(f"    {name:18s} {spread}   (N={n})   {verdict}")
    if ops:
        per = ", ".join(f"{count / n:g} {op}" for op, count in sorted(ops.items()))
        print(f"    {'':18s} DynamoDB per grant: {per}")
    return ok


def run(stack_kind: str, auth: str, codes: int, refreshes: int) -> bool:
    from devtools.alexa_app import authorization_code
    from devtools.measure import retrying
    from devtools.stack import LINK_CLIENT_ID, REDIRECT_URI, InProcessStack, LocalStack

    started = time.perf_counter()
    stack: Any = InProcessStack(auth=auth) if stack_kind == "inprocess" else LocalStack(auth=auth)
    with stack:
        counter: _OpCounter | None = None
        if stack_kind == "inprocess":
            from skill.store.dynamodb.client import get_client

            logging.getLogger("skill").disabled = True  # the in-process server's JSON log lines
            counter = _OpCounter()
            get_client().meta.events.register("after-call.dynamodb", counter)
        url = f"{stack.skill_url}/link/token"
        client = (LINK_CLIENT_ID, stack.env["LINK_CLIENT_SECRET"])
        print(f"  stack ({stack_kind}, {auth}) up in {time.perf_counter() - started:.1f} s")

        def code() -> str:
            return authorization_code(stack.skill_url, client_id=LINK_CLIENT_ID, redirect_uri=REDIRECT_URI)

        # Warm-up: one exchange and a few refreshes (connections, the SDK-free linking imports).
        _, body = _post_timed(
            url,
            {"grant_type": "authorization_code", "code": retrying(code), "redirect_uri": REDIRECT_URI},
            client,
        )
        refresh_token = str(body["refresh_token"])
        for _ in range(3):
            _, body = _post_timed(
                url, {"grant_type": "refresh_token", "refresh_token": refresh_token}, client
            )
            refresh_token = str(body["refresh_token"])

        exchange: list[float] = []
        exchange_ops: Counter[str] = Counter()
        t_flows = time.perf_counter()
        for _ in range(codes):
            fresh = retrying(code)  # not timed: the browser part of the flow
            before = Counter(counter.ops) if counter else Counter()
            elapsed, _ = _post_timed(
                url, {"grant_type": "authorization_code", "code": fresh, "redirect_uri": REDIRECT_URI}, client
            )
            exchange.append(elapsed)
            if counter:
                exchange_ops.update(counter.ops - before)
        flows_s = time.perf_counter() - t_flows

        refresh: list[float] = []
        refresh_ops: Counter[str] = Counter()
        for _ in range(refreshes):
            before = Counter(counter.ops) if counter else Counter()
            elapsed, body = _post_timed(
                url, {"grant_type": "refresh_token", "refresh_token": refresh_token}, client
            )
            refresh_token = str(body["refresh_token"])  # chained, as Alexa does
            refresh.append(elapsed)
            if counter:
                refresh_ops.update(counter.ops - before)

    print(f"  {codes} link flows took {flows_s:.1f} s in all (only their token POSTs are timed)")
    print(f"  POST /link/token over HTTP, a new connection each, Alexa allows {ALEXA_LIMIT_S} s")
    ok = _line("authorization_code", exchange, exchange_ops, codes)
    ok = _line("refresh_token", refresh, refresh_ops, refreshes) and ok
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--codes", type=int, default=100, help="authorization_code exchanges (each a new flow)"
    )
    parser.add_argument("--refreshes", type=int, default=300, help="chained refresh_token grants")
    parser.add_argument("--stack", choices=("local", "inprocess"), default="local")
    parser.add_argument("--auth", choices=("oauth1", "oauth2"), default="oauth2", help="the Withings side")
    parser.add_argument("--quick", action="store_true", help="CI smoke run: in-process stack, few grants")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if args.quick:
        args.codes, args.refreshes, args.stack = min(args.codes, 5), min(args.refreshes, 20), "inprocess"
    print(f"/link/token latency: {args.codes} code exchanges, {args.refreshes} chained refreshes")
    ok = run(args.stack, args.auth, args.codes, args.refreshes)
    print("overall:", "PASS" if ok else "MISS")
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    raise SystemExit(main())
