"""Run every benchmark script, each in its own process, and recap the figures against their targets.

  cold_start.py     cold import of lambda_function and of a linked request's import set vs the SDK stack
  unlinked_request.py  an unlinked request (the LinkAccount answer) in a fresh process vs a minimal SDK skill
  warm_latency.py   warm voice request latency through lambda_handler vs the raw cost of its I/O
  memory.py         peak RSS of the skill's process after 1,000 warm requests
  link_token.py     POST /link/token latency, p50 and p99
  withings_client.py  the Withings client's parse and import costs
  locale_formatting.py  formatting a reply in a cold locale: the catalogues against Babel's CLDR
  name_free.py      CanFulfillIntentRequest: a cold container's first answer and warm p99
  screens.py        Echo Show responses against Alexa's 24 KB, and what drawing a picture costs

--quick is the CI smoke run (few iterations, under a minute on 2 cores): it shows that every script
still runs end to end, not figures worth recording. A MISS never fails the run unless --strict; a
script that crashes or times out always does.

Run: .venv/bin/python benchmarks/run_all.py [--quick] [--strict] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


@dataclass(frozen=True)
class Script:
    name: str
    full: tuple[str, ...]  # arguments for the recorded figures
    quick: tuple[str, ...]  # arguments for the smoke run
    timeout_s: float  # for the full run; the smoke run gets a fixed short limit


SCRIPTS = (
    Script("cold_start", (), ("--quick",), 1200),
    Script("unlinked_request", (), ("--quick",), 600),
    Script("warm_latency", (), ("--quick",), 1200),
    Script("memory", ("--with-stack",), ("--quick",), 1200),
    Script("link_token", (), ("--quick",), 1200),
    Script("withings_client", (), ("--runs", "3"), 600),
    Script("locale_formatting", (), ("--quick",), 600),
    Script("name_free", (), ("--quick",), 600),
    Script("screens", (), ("--quick",), 600),
)
QUICK_TIMEOUT_S = 90.0


@dataclass(frozen=True)
class Outcome:
    name: str
    status: str  # PASS, MISS or ERROR
    seconds: float
    verdicts: tuple[str, ...]  # the lines that carry a target and its PASS/MISS


def run_script(script: Script, quick: bool) -> Outcome:
    args = script.quick if quick else script.full
    cmd = [sys.executable, str(HERE / f"{script.name}.py"), *args]
    print(f"\n=== {script.name}: {' '.join(['benchmarks/' + script.name + '.py', *args])}", flush=True)
    started = time.perf_counter()
    timeout = QUICK_TIMEOUT_S if quick else script.timeout_s
    lines: list[str] = []
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as proc:
        assert proc.stdout is not None
        try:
            for line in proc.stdout:
                print(line, end="", flush=True)
                lines.append(line.rstrip("\n"))
                if time.perf_counter() - started > timeout:
                    raise subprocess.TimeoutExpired(cmd, timeout)
            code = proc.wait(timeout=max(1.0, timeout - (time.perf_counter() - started)))
        except subprocess.TimeoutExpired:
            proc.kill()  # our own child, by its handle; its stacks stop with it or on their own
            proc.wait()
            print(f"!!! {script.name} exceeded {timeout:.0f} s and was stopped")
            return Outcome(script.name, "ERROR", time.perf_counter() - started, ())
    seconds = time.perf_counter() - started
    verdicts = tuple(x.strip() for x in lines if "target" in x and ("PASS" in x or "MISS" in x))
    overall = next((x for x in reversed(lines) if x.startswith("overall:")), "")
    if code != 0 and not overall:
        status = "ERROR"
    elif "MISS" in overall:
        status = "MISS"
    elif "PASS" in overall:
        status = "PASS"
    else:
        status = "ERROR"
    return Outcome(script.name, status, seconds, verdicts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI smoke run: few iterations, < 60 s in all")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--only", nargs="+", choices=[s.name for s in SCRIPTS], help="run just these")
    args = parser.parse_args()
    chosen = [s for s in SCRIPTS if not args.only or s.name in args.only]
    started = time.perf_counter()
    kind = "quick smoke run" if args.quick else "full run"
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"benchmarks ({kind}), Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load}")
    outcomes = [run_script(s, args.quick) for s in chosen]
    print(f"\n=== recap ({time.perf_counter() - started:.0f} s in all)")
    for outcome in outcomes:
        print(f"{outcome.name:16s} {outcome.status:5s} ({outcome.seconds:.0f} s)")
        for verdict in outcome.verdicts:
            print(f"    {' '.join(verdict.split())}")
    errors = [o.name for o in outcomes if o.status == "ERROR"]
    misses = [o.name for o in outcomes if o.status == "MISS"]
    if errors:
        print(f"failed to run: {', '.join(errors)}")
        return 1
    return 1 if args.strict and misses else 0


if __name__ == "__main__":
    raise SystemExit(main())
