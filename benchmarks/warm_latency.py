"""Warm voice request latency through lambda_handler, next to the raw cost of the I/O it does.

A linked account (the real /link flow over HTTP) asks typical questions with no date: BodyIntent
("what is my weight", one getmeas), ActivityIntent (steps today, one getactivity) and SleepIntent
(last night, one sleep getsummary). Each request is timed through lambda_function.lambda_handler in
this process, with DynamoDB Local (its own process) and the Withings sandbox (a thread here) behind it.
Interleaved with every request, the raw I/O is timed with plain clients of its own: the very Withings
call the handler made (replayed through requests.Session, freshly authorised) and DynamoDB GetItems
on the link's token and link items (boto3, the skill's timeouts).

Target (BodyIntent): handler p50 / p50(one Withings call + one GetItem) <= 1.25. The handler's actual
I/O is counted (sandbox stats, a botocore event hook) and the ratio against it is printed too.

The device id is pinned so the device time-zone lookup (Alexa settings API, the sandbox's stand-in)
is cached after the first request, as in a warm container. The sandbox's HTTP handler is switched to
TCP_NODELAY here: it writes headers and body in two sends, and Nagle + delayed ACK then stalls every
keep-alive response ~40 ms on loopback, an artefact of the stand-in server that no real API has
(--keep-nagle shows it).

Run: .venv/bin/python benchmarks/warm_latency.py [--requests N] [--auth oauth1|oauth2|both] [--quick]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RATIO_TARGET = 1.25
TARGET_INTENT = "BodyIntent"
INTENTS = ("BodyIntent", "ActivityIntent", "SleepIntent")
DEVICE_ID = "amzn1.ask.device.BENCHMARK-PINNED"
_SIGNING_PARAMS = ("oauth_", "userid")  # added by OAuth1 signing: not part of the action's own parameters


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f} ms"


def dynamodb_client(**overrides: Any) -> Any:
    """A boto3 DynamoDB client of our own with the skill's timeouts and retries (skill.store.dynamodb)."""
    import boto3
    from botocore.config import Config

    from skill.store.dynamodb.client import request_config

    config = request_config()
    if overrides:
        config = config.merge(Config(**overrides))
    return boto3.session.Session().client("dynamodb", config=config)


def warm_dynamodb(table: str) -> None:
    """DynamoDB Local's JVM is slow on its first calls; warm it with patient timeouts before timing."""
    client = dynamodb_client(read_timeout=20, connect_timeout=5, retries={"max_attempts": 5})
    for _ in range(20):
        client.get_item(TableName=table, Key={"pk": {"S": "WARMUP"}, "sk": {"S": "WARMUP"}})


@dataclass(frozen=True)
class WithingsCall:
    """A data call as the handler sent it: path and the action's own parameters (no auth)."""

    path: str
    params: tuple[tuple[str, str], ...]
    response_bytes: int


def _as_call(response: Any) -> WithingsCall:
    request = response.request
    parts = urllib.parse.urlsplit(request.url)
    pairs = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    body = request.body
    if body:
        text = body.decode() if isinstance(body, bytes) else str(body)
        pairs += urllib.parse.parse_qsl(text, keep_blank_values=True)
    own = tuple((k, v) for k, v in pairs if not k.startswith(_SIGNING_PARAMS))
    return WithingsCall(parts.path, own, len(response.content))


@contextmanager
def recording_io(sandbox: Any) -> Iterator[dict[str, Any]]:
    """Counts what the handler does: DynamoDB operations (botocore hook on the skill's client), the
    Withings calls it sends (a requests hook on its session) and every request the sandbox served."""
    from skill.store.dynamodb.client import get_client
    from skill.withings import transport

    seen: dict[str, Any] = {"dynamodb": Counter(), "withings": []}

    def on_dynamodb(**kwargs: Any) -> None:
        seen["dynamodb"][kwargs["model"].name] += 1

    def on_withings(response: Any, *args: Any, **kwargs: Any) -> None:
        seen["withings"].append(_as_call(response))

    client = get_client()
    session = transport.get_session()
    client.meta.events.register("after-call.dynamodb", on_dynamodb)
    session.hooks["response"].append(on_withings)
    sandbox.reset_stats()
    try:
        yield seen
    finally:
        seen["sandbox"] = sandbox.stats()
        client.meta.events.unregister("after-call.dynamodb", on_dynamodb)
        session.hooks["response"].remove(on_withings)


@dataclass
class IntentRun:
    intent: str
    handler: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # this thread's CPU time during each handler call
    withings: list[float] = field(default_factory=list)  # per request: the sum of its Withings calls
    first_call: list[float] = field(default_factory=list)  # per request: one Withings call
    get_token: list[float] = field(default_factory=list)  # GetItem AT#...
    get_link: list[float] = field(default_factory=list)  # GetItem LINK#...
    calls: list[WithingsCall] = field(default_factory=list)
    dynamodb_per_request: dict[str, float] = field(default_factory=dict)
    sandbox_per_request: dict[str, float] = field(default_factory=dict)
    outcomes: Counter[str] = field(default_factory=Counter)

    def raw_issue(self) -> list[float]:
        """One Withings call + one GetItem (the link item), per iteration (the issue's yardstick)."""
        return [w + link for w, link in zip(self.first_call, self.get_link, strict=True)]

    def raw_actual(self) -> list[float]:
        """Everything the handler actually waits for: its Withings calls, the link item and, when the
        container has not cached it (a cold container), the access-token item."""
        token_reads = 1 if self.dynamodb_per_request.get("GetItem", 0) >= 1.5 else 0
        return [
            w + link + token_reads * t
            for w, t, link in zip(self.withings, self.get_token, self.get_link, strict=True)
        ]


def run_auth(auth: str, requests_n: int, warmup: int, keep_nagle: bool, profile: bool) -> list[IntentRun]:
    import requests

    import sandbox.server
    from devtools.envelopes import intent_request
    from devtools.measure import OutcomeCounter, afternoon_zone, link_with_retries, quiet_skill_logs
    from devtools.stack import SKILL_ID, InProcessStack

    sandbox.server._Handler.disable_nagle_algorithm = not keep_nagle

    started = time.perf_counter()
    zone = afternoon_zone()
    with InProcessStack(auth=auth, timezone=zone) as stack:
        quiet_skill_logs()
        table = stack.env["TABLE_NAME"]
        warm_dynamodb(table)
        tokens = link_with_retries(stack)
        import lambda_function
        from skill.composition import container
        from skill.store.dynamodb.codec import ACCESS, LINK
        from skill.withings.deadline import Deadline

        up = time.perf_counter() - started
        print(f"  [{auth}] stack up and account linked in {up:.1f} s (the user lives in {zone})")

        def envelope(intent: str) -> dict[str, Any]:
            return intent_request(
                intent,
                access_token=tokens.access_token,
                skill_id=SKILL_ID,
                api_endpoint=stack.sandbox.url,
                device_id=DEVICE_ID,
            )

        def ask(intent: str) -> Any:
            return lambda_function.lambda_handler(envelope(intent), None)

        userid = container().accounts.resolve(tokens.access_token, Deadline.after(5)).withings_userid

        def forget() -> None:
            """Untimed: the user's cache emptied, so the request is the one that asks Withings (a
            question after a notification; its Query and BatchWriteItem show in the DynamoDB counts).
            A cache hit makes no Withings call at all."""
            container().cache.purge(userid, None)

        for intent in INTENTS:  # warm: the SDK skill is built, clients and connections are open
            for _ in range(warmup):
                ask(intent)

        # What each intent does, counted over a few requests (not timed).
        runs = {intent: IntentRun(intent) for intent in INTENTS}
        verify_n = 5
        outcomes = OutcomeCounter()
        logging.getLogger("skill").addHandler(outcomes)
        try:
            for intent, run in runs.items():
                outcomes.seen.clear()
                with recording_io(stack.sandbox) as seen:
                    for _ in range(verify_n):
                        forget()
                        ask(intent)
                run.outcomes = Counter(outcomes.seen)
                run.calls = seen["withings"][: len(seen["withings"]) // verify_n]
                run.dynamodb_per_request = {k: v / verify_n for k, v in seen["dynamodb"].items()}
                run.sandbox_per_request = {
                    path: n / verify_n for path, n in seen["sandbox"]["requests"].items()
                }
        finally:
            logging.getLogger("skill").removeHandler(outcomes)
        for run in runs.values():
            if set(run.outcomes) != {"answered"}:
                raise RuntimeError(f"{run.intent} was not answered: {dict(run.outcomes)}")

        # The raw I/O, with clients of our own.
        account = container().accounts.resolve(tokens.access_token, Deadline.after(5))
        http = requests.Session()
        ddb = dynamodb_client()
        base = stack.sandbox.url
        token_key = ACCESS.key(tokens.access_token).attrs()
        link_key = LINK.key(account.link_id).attrs()

        def get_item(key: dict[str, Any]) -> float:
            t0 = time.perf_counter()
            out = ddb.get_item(TableName=table, Key=key, ConsistentRead=True)
            elapsed = time.perf_counter() - t0
            if "Item" not in out:
                raise RuntimeError("raw GetItem found nothing")
            return elapsed

        def withings(call: WithingsCall) -> float:
            prepared = account.auth.prepare(f"{base}{call.path}", dict(call.params))  # signing not timed
            t0 = time.perf_counter()
            resp = http.request(
                prepared.method,
                prepared.url,
                data=dict(prepared.data) or None,
                headers=dict(prepared.headers) or None,
                timeout=5,
                allow_redirects=False,
            )
            body = resp.json()  # the handler parses JSON too; counted as I/O in its favour
            elapsed = time.perf_counter() - t0
            if body.get("status") != 0:
                raise RuntimeError(f"raw Withings call refused: status {body.get('status')}")
            return elapsed

        def raw(run: IntentRun) -> None:
            times = [withings(call) for call in run.calls]
            run.first_call.append(times[0])
            run.withings.append(sum(times))
            run.get_token.append(get_item(token_key))
            run.get_link.append(get_item(link_key))

        for run in runs.values():  # warm our own connections
            for _ in range(3):
                raw(run)
            run.first_call.clear()
            run.withings.clear()
            run.get_token.clear()
            run.get_link.clear()

        import cProfile

        profiler = cProfile.Profile() if profile else None
        stack.sandbox.reset_stats()
        t_loop = time.perf_counter()
        for i in range(requests_n):
            for intent, run in runs.items():
                event = envelope(intent)
                if i % 2:  # alternate the order so drift and caches favour neither side
                    raw(run)
                forget()
                if profiler is not None and intent == TARGET_INTENT:
                    profiler.enable()
                c0, t0 = time.thread_time(), time.perf_counter()
                lambda_function.lambda_handler(event, None)
                run.handler.append(time.perf_counter() - t0)
                run.cpu.append(time.thread_time() - c0)
                if profiler is not None and intent == TARGET_INTENT:
                    profiler.disable()
                if not i % 2:
                    raw(run)
        loop_s = time.perf_counter() - t_loop
        stats = stack.sandbox.stats()

    # Requests the handlers made during the timed loop = all served - our raw replays.
    served = stats["requests"]
    replays = Counter(call.path for run in runs.values() for call in run.calls for _ in range(requests_n))
    handler_calls = {path: n - replays.get(path, 0) for path, n in served.items()}
    total = requests_n * len(runs)
    tz_calls = sum(n for path, n in handler_calls.items() if "System.timeZone" in path)
    withings_calls = sum(n for path, n in handler_calls.items() if "/v2/devices/" not in path)
    print(
        f"  [{auth}] timed {total} handler requests + their raw I/O in {loop_s:.1f} s; during it the "
        f"handlers made {withings_calls / total:.2f} Withings calls per request and {tz_calls} "
        "Alexa time-zone lookups in all (cached per device)"
    )
    if profiler is not None:
        _print_profile(profiler)
    return list(runs.values())


def _print_profile(profiler: Any) -> None:
    import io
    import pstats

    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
    print("  profile of the BodyIntent handler calls (by own time):")
    for line in out.getvalue().splitlines():
        if line.strip():
            print("    " + line.replace(str(ROOT) + "/", "").replace(sys.prefix + "/", "")[:150])


def report(auth: str, runs: list[IntentRun]) -> bool:
    from devtools.measure import pct

    ok = True
    print(f"\n[{auth}] warm voice requests through lambda_handler (N={len(runs[0].handler)} per intent)")
    for run in runs:
        h = run.handler
        issue = statistics.median(run.raw_issue())
        actual = statistics.median(run.raw_actual())
        p50 = statistics.median(h)
        ddb = ", ".join(f"{n:g} {op}" for op, n in sorted(run.dynamodb_per_request.items()))
        actions = ", ".join(
            f"{dict(c.params).get('action', '?')} {c.path} ({c.response_bytes / 1024:.0f} KiB)"
            for c in run.calls
        )
        print(f"  {run.intent}")
        print(f"    handler                p50 {ms(p50)}   p90 {ms(pct(h, 90))}   p99 {ms(pct(h, 99))}")
        cpu = ms(statistics.median(run.cpu))
        print(f"    handler thread CPU     p50 {cpu}   (its I/O libraries' client work included)")
        print(f"    per request it does    {len(run.calls)} Withings call(s): {actions}; DynamoDB: {ddb}")
        print(f"    raw Withings call      p50 {ms(statistics.median(run.first_call))}")
        print(f"    raw GetItem (link)     p50 {ms(statistics.median(run.get_link))}"
              f"   (access-token item {ms(statistics.median(run.get_token)).strip()})")  # fmt: skip
        print(f"    raw 1 call + 1 GetItem p50 {ms(issue)}")
        print(f"    raw actual I/O         p50 {ms(actual)}   (what the handler does, replayed)")
        verdict = ""
        if run.intent == TARGET_INTENT:
            passed = p50 / issue <= RATIO_TARGET
            ok = ok and passed
            verdict = f"   target <= {RATIO_TARGET:.2f}x   {'PASS' if passed else 'MISS'}"
        label = f"[{auth}] {run.intent} handler p50 / (1 Withings call + 1 GetItem) p50"
        print(f"    {label} = {p50 / issue:.2f}x{verdict or '   (informational)'}")
        print(f"    [{auth}] {run.intent} handler p50 / its actual I/O p50 = {p50 / actual:.2f}x"
              f"   ({(p50 - actual) * 1000:.2f} ms of its own work per request)")  # fmt: skip
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="timed requests per intent")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests per intent first")
    parser.add_argument("--auth", choices=("oauth1", "oauth2", "both"), default="both")
    parser.add_argument("--quick", action="store_true", help="CI smoke run: oauth2 only, few requests")
    parser.add_argument("--keep-nagle", action="store_true", help="leave the sandbox's Nagle stalls in")
    parser.add_argument("--profile", action="store_true", help="cProfile the BodyIntent handler calls")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if args.quick:
        args.requests, args.warmup = min(args.requests, 20), min(args.warmup, 3)
        args.auth = "oauth2" if args.auth == "both" else args.auth
    auths = ("oauth1", "oauth2") if args.auth == "both" else (args.auth,)
    print(f"warm latency: {args.requests} timed requests per intent, auth {', '.join(auths)}")
    results = []
    for auth in auths:
        runs = run_auth(auth, args.requests, args.warmup, args.keep_nagle, args.profile)
        results.append(report(auth, runs))
    ok = all(results)
    print("\noverall:", "PASS" if ok else "MISS")
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    raise SystemExit(main())
