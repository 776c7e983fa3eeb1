"""Cold start: what a fresh Lambda container imports before it can answer, next to the bare SDK stack.

Each figure is the median over fresh interpreters (one subprocess per sample, the variants run in
alternation so machine noise hits them alike), timed inside the child around the imports only:
  baseline  `import ask_sdk_core.skill_builder, boto3, requests` (an SDK skill with boto3 and requests)
  (a)       `import lambda_function` (what Lambda's init phase runs)
  reference every module a minimal SDK skill loads to answer one request after one DynamoDB GetItem
            and one HTTP GET with requests (the same I/O as ours), replayed in load order
  (b)       `import lambda_function` + every module a real linked voice request loads on top of it,
            replayed in the order it loaded them. The list comes from a probe: a fresh process runs one
            linked BodyIntent from a voice-only Echo through lambda_handler against DynamoDB Local and
            the sandbox (what a picture adds on a screen: benchmarks/screens.py).
Targets: (a) / baseline <= 1.0 (the issue's measure: Lambda's init imports only what every request
needs) and (b) / reference <= 1.0 (a request imports nothing the libraries' own use doesn't). (b) /
baseline is printed too: creating a boto3 client and sending requests loads modules that the bare
package imports do not, so it is above 1.0 for any skill that does I/O.

Both sides read bytecode from a warmed PYTHONPYCACHEPREFIX (the Lambda artifact ships .pyc when built on
3.12, see deploy/Makefile; this environment sets PYTHONDONTWRITEBYTECODE); the figure with our modules
compiled from source at every start is printed too. The probe also reports the first linked request in a
fresh process (import + SDK skill build + boto3 client + connections + I/O) and which heavy packages it
loaded.

Run: .venv/bin/python benchmarks/cold_start.py [--runs N] [--auth oauth1|oauth2|both] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RATIO_TARGET = 1.0
BASELINE = "ask_sdk_core.skill_builder, boto3, requests"
DEVICE_ID = "amzn1.ask.device.BENCHMARK-COLD"
HEAVY = (
    "boto3",
    "botocore",
    "s3transfer",
    "cryptography",
    "oauthlib",
    "ask_sdk_core",
    "ask_sdk_model",
    "ask_sdk_runtime",
    "requests",
    "urllib3",
    "dateutil",
    "jmespath",
    "charset_normalizer",
    "six",
)

# The probe child: import, one linked request, a second (warm) one; module lists in load order.
_PROBE = r"""
import sys, time
t0 = time.perf_counter()
import lambda_function
t1 = time.perf_counter()
after_import = list(sys.modules)
import json
with open(sys.argv[1]) as f:
    events = json.load(f)
t2 = time.perf_counter()
first = lambda_function.lambda_handler(events[0], None)
t3 = time.perf_counter()
after_request = list(sys.modules)
t4 = time.perf_counter()
lambda_function.lambda_handler(events[1], None)
t5 = time.perf_counter()
speech = (first.get("response") or {}).get("outputSpeech") or {}
card = ((first.get("response") or {}).get("card") or {}).get("type")
sys.stdout.flush()
sys.__stdout__.write("\nPROBE " + json.dumps({
    "import_ms": (t1 - t0) * 1000, "first_ms": (t3 - t2) * 1000, "warm_ms": (t5 - t4) * 1000,
    "after_import": after_import, "after_request": after_request,
    "answered": bool(speech) and card != "LinkAccount",
}) + "\n")
"""

# The reference: a minimal SDK skill doing the same I/O as a linked request (one GetItem, one GET).
_REFERENCE = r"""
import sys, os, json
import ask_sdk_core.skill_builder, boto3, requests
from ask_sdk_core.dispatch_components import AbstractRequestHandler

class Answer(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return True
    def handle(self, handler_input):
        table = boto3.client("dynamodb")
        table.get_item(TableName=os.environ["TABLE_NAME"], Key={"pk": {"S": "x"}, "sk": {"S": "x"}})
        requests.get(os.environ["WITHINGS_API_URL"] + "/_sandbox/stats", timeout=5)
        return handler_input.response_builder.speak("ok").response

builder = ask_sdk_core.skill_builder.SkillBuilder()
builder.add_request_handler(Answer())
handler = builder.lambda_handler()
with open(sys.argv[1]) as f:
    events = json.load(f)
handler(events[0], None)
sys.__stdout__.write("\nREFERENCE " + json.dumps(list(sys.modules)) + "\n")
"""

# A timing child for an explicit module list (ours starts with lambda_function), imported in order.
_REPLAY = r"""
import sys, time, importlib
names = sys.argv[1].split(",")
t = time.perf_counter()
for name in names:
    try:
        importlib.import_module(name)
    except ImportError:
        pass
elapsed = (time.perf_counter() - t) * 1000
missing = [n for n in names if n not in sys.modules]
print(elapsed, len(missing), ",".join(missing))
"""


@dataclass(frozen=True)
class Probe:
    import_ms: float
    first_ms: float
    warm_ms: float
    after_import: tuple[str, ...]
    after_request: tuple[str, ...]

    @property
    def request_modules(self) -> list[str]:
        """Modules the request loaded beyond `import lambda_function`, in load order."""
        seen = set(self.after_import)
        return [m for m in self.after_request if m not in seen]


def _env(base: Mapping[str, str], *, prefix: str | None) -> dict[str, str]:
    env = {k: v for k, v in base.items() if k not in ("PYTHONPYCACHEPREFIX", "PYTHONDONTWRITEBYTECODE")}
    if prefix is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"  # ours compiled from source each time; site-packages' .pyc used
    else:
        env["PYTHONPYCACHEPREFIX"] = prefix  # every module's bytecode read from (and written to) here
    return env


def _child(args: Sequence[str], env: Mapping[str, str], timeout: float = 60) -> str:
    done = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"child failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def _import_ms(modules: str, env: Mapping[str, str]) -> float:
    code = f"import time; t=time.perf_counter(); import {modules}; print((time.perf_counter()-t)*1000)"
    return float(_child(["-c", code], env).strip().splitlines()[-1])


def _replay(names: Sequence[str], env: Mapping[str, str]) -> tuple[float, list[str]]:
    """Milliseconds, and the names that were not in sys.modules afterwards (not importable by name)."""
    last = _child(["-c", _REPLAY, ",".join(names)], env).strip().splitlines()[-1]
    parts = last.split(" ", 2)
    missing = parts[2].split(",") if len(parts) > 2 else []
    return float(parts[0]), [m for m in missing if m]


def _self_times(args: Sequence[str], env: Mapping[str, str]) -> dict[str, float]:
    """`python -X importtime`: self time (ms) and module count per top-level package."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args], cwd=ROOT, env=dict(env), capture_output=True, text=True,
        timeout=60, check=True,
    )  # fmt: skip
    totals: dict[str, float] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "[us]" in line:
            continue
        fields = line.removeprefix("import time:").split("|")
        top = fields[2].strip().split(".")[0]
        totals[top] = totals.get(top, 0.0) + int(fields[0]) / 1000
    return totals


def _probe(events_file: str, env: Mapping[str, str]) -> Probe:
    out = _child(["-c", _PROBE, events_file], env)
    line = next(x for x in reversed(out.splitlines()) if x.startswith("PROBE "))
    doc = json.loads(line.removeprefix("PROBE "))
    if not doc["answered"]:
        raise RuntimeError("the probe's linked request was not answered")
    return Probe(
        doc["import_ms"],
        doc["first_ms"],
        doc["warm_ms"],
        tuple(doc["after_import"]),
        tuple(doc["after_request"]),
    )


def probe_stack(auth: str, workdir: str, stacks: ExitStack) -> tuple[dict[str, str], str]:
    """A stack with a linked account; returns the skill's env and a file of two BodyIntent envelopes."""
    import logging

    import sandbox.server
    from devtools.devices import on_device
    from devtools.envelopes import intent_request
    from devtools.measure import link_with_retries
    from devtools.stack import SKILL_ID, InProcessStack

    # Nagle + delayed ACK stall the sandbox's keep-alive responses ~40 ms on loopback (warm_latency.py).
    sandbox.server._Handler.disable_nagle_algorithm = True
    stack = stacks.enter_context(InProcessStack(auth=auth))
    logging.getLogger("skill").disabled = True  # the in-process server's log lines
    tokens = link_with_retries(stack)
    # A voice-only Echo: the cold start every answer pays (a screen's picture: benchmarks/screens.py).
    events = [
        on_device(
            intent_request(
                "BodyIntent",
                access_token=tokens.access_token,
                skill_id=SKILL_ID,
                api_endpoint=stack.sandbox.url,
                device_id=DEVICE_ID,
            ),
            None,
        )
        for _ in range(2)
    ]
    path = os.path.join(workdir, f"events-{auth}.json")
    with open(path, "w") as f:
        json.dump(events, f)
    return dict(stack.env), path


def _heavy(modules: Sequence[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in modules:
        top = name.split(".")[0]
        if top in HEAVY:
            counts[top] = counts.get(top, 0) + 1
    return counts


def _fmt_heavy(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{name} ({counts[name]})" for name in HEAVY if name in counts) or "none"


def _reference(events_file: str, env: Mapping[str, str]) -> list[str]:
    out = _child(["-c", _REFERENCE, events_file], env)
    line = next(x for x in reversed(out.splitlines()) if x.startswith("REFERENCE "))
    return [str(name) for name in json.loads(line.removeprefix("REFERENCE "))]


def _verdict(ratio: float) -> str:
    return f"target <= {RATIO_TARGET:.2f}x   {'PASS' if ratio <= RATIO_TARGET else 'MISS'}"


def bench(auth: str, runs: int, source_runs: int, workdir: str) -> bool:
    t_stack = time.perf_counter()
    with ExitStack() as stacks:
        skill_env, events_file = probe_stack(auth, workdir, stacks)
        # The first probe writes the bytecode of everything a request imports; later ones read it.
        prefix = os.path.join(workdir, f"pycache-{auth}")
        cached = _env({**os.environ, **skill_env}, prefix=prefix)
        _probe(events_file, cached)
        probes = [_probe(events_file, cached) for _ in range(max(1, min(runs, 5)))]
        reference = _reference(events_file, cached)
    source = _env({**os.environ, **skill_env}, prefix=None)
    names = ["lambda_function", *probes[0].request_modules]
    _, failed = _replay(names, cached)
    print(f"\n[{auth}] stack up, account linked, probes run in {time.perf_counter() - t_stack:.1f} s")

    def baseline(env: Mapping[str, str]) -> float:
        return _import_ms(BASELINE, env)

    def bare(env: Mapping[str, str]) -> float:
        return _import_ms("lambda_function", env)

    def minimal(env: Mapping[str, str]) -> float:
        return _replay(reference, env)[0]

    def linked(env: Mapping[str, str]) -> float:
        return _replay(names, env)[0]

    variants: dict[str, Callable[[Mapping[str, str]], float]] = {
        "baseline": baseline,
        "a": bare,
        "ref": minimal,
        "b": linked,
    }
    for fn in variants.values():
        fn(cached)  # warm the bytecode cache for each variant
    med = _medians(variants, cached, runs)
    src = _medians(variants, source, source_runs)

    ratio_a = med["a"] / med["baseline"]
    ratio_b = med["b"] / med["ref"]
    ok = ratio_a <= RATIO_TARGET and ratio_b <= RATIO_TARGET
    unnamed = f"; not importable by name: {', '.join(failed)}" if failed else ""
    print(f"[{auth}] cold imports, fresh interpreter each, bytecode cached, median of {runs}")
    rows = (
        ("baseline", f"import {BASELINE}", med["baseline"]),
        ("(a)", "import lambda_function", med["a"]),
        ("reference", "a minimal SDK skill's imports for the same I/O", med["ref"]),
        ("(b)", "lambda_function + a linked request's imports", med["b"]),
    )
    for key, what, value in rows:
        ratio = "" if key == "baseline" else f"   ratio {value / med['baseline']:.2f}x"
        print(f"    {key:9s} {what:51s} {value:7.1f} ms{ratio}")
    print(f"    [{auth}] cold import ratio (a) / baseline = {ratio_a:.2f}x   {_verdict(ratio_a)}")
    print(f"    [{auth}] request import ratio (b) / reference = {ratio_b:.2f}x   {_verdict(ratio_b)}")
    print(f"              ((b) / baseline = {med['b'] / med['baseline']:.2f}x, informational)")
    print(
        f"              ({len(names)} modules replayed in load order,"
        f" {len(reference)} for the reference{unnamed})"
    )
    from_source = (
        f"baseline {src['baseline']:.1f} ms, (a) {src['a']:.1f} ms, reference {src['ref']:.1f} ms,"
        f" (b) {src['b']:.1f} ms"
    )
    print(f"    our modules compiled from source, median of {source_runs}: {from_source},"
          f" ratio (b) / reference {src['b'] / src['ref']:.2f}x")  # fmt: skip
    probe = probes[-1]
    print(f"    heavy packages after `import lambda_function`: {_fmt_heavy(_heavy(probe.after_import))}")
    print(f"    heavy packages after a linked BodyIntent:       {_fmt_heavy(_heavy(probe.after_request))}")
    ref_self = _self_times(["-c", _REPLAY, ",".join(reference)], cached)
    ours_self = _self_times(["-c", _REPLAY, ",".join(names)], cached)
    diff = sorted((ours_self.get(k, 0.0) - ref_self.get(k, 0.0), k) for k in {*ref_self, *ours_self})
    shown = ", ".join(f"{name} {delta:+.0f}" for delta, name in reversed(diff) if abs(delta) >= 2)
    print(f"    (b) minus reference, python -X importtime self time by package (one run, ms): {shown}")
    first = statistics.median(p.first_ms for p in probes)
    print(f"    fresh process, median of {len(probes)} probes: import lambda_function"
          f" {statistics.median(p.import_ms for p in probes):.0f} ms, then the first linked request"
          f" {first:.0f} ms, the second {statistics.median(p.warm_ms for p in probes):.0f} ms")  # fmt: skip
    print("    (the first request imports what it needs, builds the SDK skill and the boto3 client,"
          " opens connections and looks up the device time zone)")  # fmt: skip
    return ok


def _medians(
    variants: Mapping[str, Callable[[Mapping[str, str]], float]], env: Mapping[str, str], runs: int
) -> dict[str, float]:
    """Median per variant over `runs` rounds, the variants interleaved within each round."""
    samples: dict[str, list[float]] = {k: [] for k in variants}
    for _ in range(runs):
        for key, fn in variants.items():
            samples[key].append(fn(env))
    return {k: statistics.median(v) for k, v in samples.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="interpreters per variant, bytecode cached")
    parser.add_argument("--source-runs", type=int, default=5, help="interpreters per variant, from source")
    parser.add_argument("--auth", choices=("oauth1", "oauth2", "both"), default="both")
    parser.add_argument("--quick", action="store_true", help="CI smoke run: oauth2, 3 runs")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.source_runs = min(args.runs, 3), min(args.source_runs, 1)
        args.auth = "oauth2" if args.auth == "both" else args.auth
    auths = ("oauth1", "oauth2") if args.auth == "both" else (args.auth,)
    runs = f"{args.runs} cached + {args.source_runs} from-source runs per variant"
    print(f"cold start: {runs}, auth {', '.join(auths)}")
    results = []
    with tempfile.TemporaryDirectory() as workdir:
        for auth in auths:
            results.append(bench(auth, args.runs, args.source_runs, workdir))
    ok = all(results)
    print("\noverall:", "PASS" if ok else "MISS")
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    raise SystemExit(main())
