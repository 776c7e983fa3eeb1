"""Peak RSS of the process that runs the skill, after 1,000 warm voice requests: must fit a 128 MB Lambda.

The parent brings up the stack (DynamoDB Local as a process, the sandbox and `serve` on threads of the
parent), links three demo accounts through the real /link flow and builds the request envelopes (the
demo's conversation: launch, sleep, steps, distance, weight, body fat, blood pressure, heart rate,
workouts, trends, averages, the daily digest, goals, stop) for four devices. A fresh child process
then does what a Lambda container does and nothing else: `import lambda_function` and call
lambda_handler for every request, round robin over users, devices and questions. The child reports
its peak RSS (VmHWM, see _rss_kb) and current RSS (VmRSS) at each stage, so the figure holds only the
skill and its libraries.
`--with-stack` also reports a child that hosts the whole stack in-process (sandbox data, servers,
devtools) for comparison.

Target: peak RSS after the warm requests <= 100 MB (headroom in a 128 MB function for the runtime's own
bootstrap and the occasional large Withings page).

Run: .venv/bin/python benchmarks/memory.py [--requests N] [--quick] [--with-stack]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_MB = 100.0
USERS = ("10001", "10002", "10003")
DEVICES = tuple(f"amzn1.ask.device.BENCHMARK-MEM-{i}" for i in range(4))


# One zone per UTC offset; the users live in whichever has early afternoon now, so "today" already has
# steps and "last night" a sleep whatever the hour the benchmark runs (answers with data, not "none yet").
def _rss_kb() -> tuple[int, int]:
    """(peak RSS, current RSS) of this process in KiB.

    The peak is VmHWM, not ru_maxrss: on Linux a child's ru_maxrss starts from its parent's RSS at
    fork and survives exec, so a child of a big process (the parent hosts the stack) reports the
    parent's size. VmHWM is the same high-water mark for this program alone; where it can't be read
    (not Linux), ru_maxrss (KiB on Linux, bytes on macOS) stands in.
    """
    fields: dict[str, int] = {}
    try:
        with open("/proc/self/status") as f:
            for line in f:
                name, _, value = line.partition(":")
                if name in ("VmHWM", "VmRSS"):
                    fields[name] = int(value.split()[0])
    except OSError:
        pass
    peak = fields.get("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak, fields.get("VmRSS", 0)


def _mb(kb: float) -> str:
    return f"{kb / 1024:6.1f} MB"


# -- the child: a process that only runs the skill ---------------------------------------------------


def _refresh(envelope: dict[str, Any]) -> dict[str, Any]:
    """The same question asked again: a new request id and timestamp (a shallow copy is enough)."""
    request = dict(envelope["request"])
    request["requestId"] = f"amzn1.echo-api.request.{uuid.uuid4()}"
    request["timestamp"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    return {**envelope, "request": request}


def _quiet_logs() -> Counter[str]:
    """The skill's log lines go to /dev/null (formatted and written, as on Lambda); outcomes are counted."""
    from devtools.measure import OutcomeCounter, quiet_skill_logs

    counter = OutcomeCounter()
    quiet_skill_logs(counter)
    return counter.seen


def child_skill_only(spec_file: str) -> dict[str, Any]:
    with open(spec_file) as f:
        spec = json.load(f)
    envelopes: list[dict[str, Any]] = spec["envelopes"]
    n: int = spec["requests"]
    stages: dict[str, tuple[int, int]] = {"interpreter": _rss_kb()}
    import lambda_function

    stages["import lambda_function"] = _rss_kb()
    outcomes = _quiet_logs()
    for envelope in envelopes:  # the first of every kind of request: every import, client and cache
        lambda_function.lambda_handler(_refresh(envelope), None)
    stages[f"first {len(envelopes)} requests (every kind once)"] = _rss_kb()
    checkpoints = []
    t0 = time.perf_counter()
    for i in range(n):
        lambda_function.lambda_handler(_refresh(envelopes[i % len(envelopes)]), None)
        if (i + 1) % max(1, n // 5) == 0:
            checkpoints.append((i + 1, _rss_kb()[1]))
    seconds = time.perf_counter() - t0
    stages[f"after {n} more warm requests"] = _rss_kb()
    return {"stages": stages, "checkpoints": checkpoints, "outcomes": outcomes, "seconds": seconds}


def child_with_stack(spec_file: str) -> dict[str, Any]:
    """For comparison: the stack in this process too (what an InProcessStack benchmark would see)."""
    with open(spec_file) as f:
        spec = json.load(f)
    stages: dict[str, tuple[int, int]] = {"interpreter": _rss_kb()}
    import sandbox.server
    from devtools.stack import InProcessStack

    sandbox.server._Handler.disable_nagle_algorithm = True  # see main()
    with InProcessStack(auth=spec["auth"], timezone=spec["timezone"]) as stack:
        envelopes = build_envelopes(stack, link_users(stack))
        stages["stack up, accounts linked"] = _rss_kb()
        import lambda_function

        outcomes = _quiet_logs()
        n = spec["requests"]
        t0 = time.perf_counter()
        for i in range(n):
            lambda_function.lambda_handler(_refresh(envelopes[i % len(envelopes)]), None)
        seconds = time.perf_counter() - t0
        stages[f"after {n} warm requests"] = _rss_kb()
    return {"stages": stages, "checkpoints": [], "outcomes": outcomes, "seconds": seconds}


# -- the parent: stack, links, envelopes --------------------------------------------------------------


def link_users(stack: Any) -> list[str]:
    from devtools.measure import link_with_retries

    return [link_with_retries(stack, withings_user=user).access_token for user in USERS]


def build_envelopes(stack: Any, tokens: list[str]) -> list[dict[str, Any]]:
    """The demo conversation for every user, the devices interleaved (one question per line)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from devtools.ask import build_request
    from devtools.demo import CONVERSATION
    from devtools.stack import SKILL_ID
    from devtools.utterances import match_utterance

    today = datetime.now(ZoneInfo(stack.timezone)).date()
    matches = [match_utterance(u, "en-US", today) for u in CONVERSATION]
    envelopes = []
    for i, token in enumerate(tokens):
        for j, match in enumerate(matches):
            envelope = build_request(
                match, "en-US", skill_id=SKILL_ID, access_token=token, api_endpoint=stack.sandbox.url
            )
            device = envelope["context"]["System"].get("device")
            if device is not None:
                device["deviceId"] = DEVICES[(i + j) % len(DEVICES)]
            envelopes.append(envelope)
    return envelopes


def _run_child(mode: str, spec: dict[str, Any], env: dict[str, str], timeout: float) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(spec, f)
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--child", mode, f.name],
            check=False,
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    finally:
        os.unlink(f.name)
    if done.returncode != 0:
        raise RuntimeError(f"child failed: {done.stderr[-3000:]}")
    line = next(x for x in reversed(done.stdout.splitlines()) if x.startswith("RESULT "))
    result: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
    return result


def _bare_interpreter_kb() -> int:
    code = "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def _print_result(title: str, result: dict[str, Any], n: int) -> float:
    print(title)
    for stage, (peak, current) in result["stages"].items():
        print(f"    {stage:44s} peak {_mb(peak)}   now {_mb(current)}")
    if result["checkpoints"]:
        steps = ", ".join(f"{i}: {_mb(kb).strip()}" for i, kb in result["checkpoints"])
        print(f"    RSS during the warm requests: {steps}")
    outcomes = ", ".join(f"{k} {v}" for k, v in sorted(result["outcomes"].items()))
    print(f"    outcomes: {outcomes}   ({n / result['seconds']:.0f} requests/s)")
    peak_kb: float = max(peak for peak, _ in result["stages"].values())
    return peak_kb


def main() -> int:
    from devtools.measure import afternoon_zone

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000, help="warm requests after the first ones")
    parser.add_argument("--auth", choices=("oauth1", "oauth2"), default="oauth2")
    parser.add_argument("--with-stack", action="store_true", help="also measure a child hosting the stack")
    parser.add_argument("--quick", action="store_true", help="CI smoke run: 100 requests")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "SPEC"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, spec_file = args.child
        result = child_skill_only(spec_file) if mode == "skill" else child_with_stack(spec_file)
        print("RESULT " + json.dumps(result))
        return 0
    if args.quick:
        args.requests, args.with_stack = min(args.requests, 100), False

    import logging

    import sandbox.server
    from devtools.stack import InProcessStack

    # The stand-in Withings server writes headers and body in two sends; without TCP_NODELAY every
    # keep-alive response stalls ~40 ms on loopback (Nagle + delayed ACK), which only slows the run.
    sandbox.server._Handler.disable_nagle_algorithm = True
    print(f"memory: {args.requests} warm requests after the first of each kind, auth {args.auth}")
    started = time.perf_counter()
    zone = afternoon_zone()
    with InProcessStack(auth=args.auth, timezone=zone) as stack:
        logging.getLogger("skill").disabled = True  # the parent's in-process server logs
        envelopes = build_envelopes(stack, link_users(stack))
        print(f"  stack up, {len(USERS)} accounts linked in {time.perf_counter() - started:.1f} s;"
              f" {len(envelopes)} distinct requests, {len(DEVICES)} devices, users in {zone}")  # fmt: skip
        env = {**os.environ, **stack.env}
        spec = {"envelopes": envelopes, "requests": args.requests, "auth": args.auth}
        result = _run_child("skill", spec, env, timeout=900)
    bare = _bare_interpreter_kb()
    print(f"  a bare interpreter (python -c pass): peak {_mb(bare).strip()}")
    peak_kb = _print_result(
        "  the child that only runs the skill (as a Lambda container does)", result, args.requests
    )
    ok = peak_kb / 1024 <= TARGET_MB
    print(f"  peak RSS {_mb(peak_kb).strip()}   target <= {TARGET_MB:.0f} MB   {'PASS' if ok else 'MISS'}")
    if args.with_stack:
        base_env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "WITHINGS_", "LINK_"))}
        spec = {"requests": args.requests, "auth": args.auth, "timezone": zone}
        with_stack = _run_child("stack", spec, base_env, timeout=900)
        stack_peak = _print_result("  for comparison, a child hosting the stack too (informational)",
                                   with_stack, args.requests)  # fmt: skip
        print(f"  peak RSS with the stack in-process {_mb(stack_peak).strip()}"
              f" (+{(stack_peak - peak_kb) / 1024:.1f} MB of sandbox, servers and devtools)")  # fmt: skip
    print("overall:", "PASS" if ok else "MISS")
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    raise SystemExit(main())
