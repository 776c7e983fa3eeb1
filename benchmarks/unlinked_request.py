"""An unlinked request in a fresh process: what a person who has not linked yet costs a cold container.

The request needs no I/O: no token, so the answer is "link your account" with a LinkAccount card. Each
sample is a fresh interpreter (bytecode cached, as the Lambda artifact ships it) that imports the
handler and answers one envelope; the figure is the child's CPU time (user + system, from
resource.getrusage, which machine load disturbs far less than wall time), median of N, the two
variants interleaved:
  reference  the smallest ask-sdk-core skill answering the same envelope with speech and a
             LinkAccount card (SkillBuilder, one handler, lambda_handler)
  ours       lambda_function.lambda_handler on the same envelope (skill id checked, the SDK skill
             built, the catalogue loaded, the request's log line written)
Target: ours / reference <= 1.1 (issue 9 §5), for an IntentRequest (the LinkAccount answer) and a
LaunchRequest (the welcome).

Run: .venv/bin/python benchmarks/unlinked_request.py [--runs N] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RATIO_TARGET = 1.1
SKILL_ID = "amzn1.ask.skill.11111111-2222-3333-4444-BENCHUNLINK"

# Each child prints its own CPU time (not the parent's view), so process start-up counts for both alike.
_OURS = r"""
import json, resource, sys
import lambda_function
with open(sys.argv[1]) as f:
    event = json.load(f)
out = lambda_function.lambda_handler(event, None)
assert out["response"]["outputSpeech"]["ssml"], out
r = resource.getrusage(resource.RUSAGE_SELF)
sys.__stdout__.write("\nCPU %f\n" % ((r.ru_utime + r.ru_stime) * 1000))
"""

_REFERENCE = r"""
import json, resource, sys
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_model.ui import LinkAccountCard

class LinkFirst(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return True
    def handle(self, handler_input):
        builder = handler_input.response_builder
        return builder.speak("Link your account in the Alexa app.").set_card(LinkAccountCard()).response

sb = SkillBuilder()
sb.skill_id = sys.argv[2]
sb.add_request_handler(LinkFirst())
handler = sb.lambda_handler()
with open(sys.argv[1]) as f:
    event = json.load(f)
out = handler(event, None)
assert out["response"]["outputSpeech"]["ssml"], out
r = resource.getrusage(resource.RUSAGE_SELF)
sys.__stdout__.write("\nCPU %f\n" % ((r.ru_utime + r.ru_stime) * 1000))
"""


def _envelopes() -> dict[str, dict[str, Any]]:
    from devtools.envelopes import intent_request, launch_request

    return {
        "IntentRequest": intent_request("SleepIntent", access_token=None, skill_id=SKILL_ID),
        "LaunchRequest": launch_request(access_token=None, skill_id=SKILL_ID),  # the welcome, no I/O
    }


def _cpu_ms(code: str, args: list[str], env: Mapping[str, str]) -> float:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"child failed ({done.returncode}): {done.stderr[-2000:]}")
    line = next(x for x in reversed(done.stdout.splitlines()) if x.startswith("CPU "))
    return float(line.removeprefix("CPU "))


def bench(runs: int) -> bool:
    ok = True
    with tempfile.TemporaryDirectory() as workdir:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(
            {
                "PYTHONPYCACHEPREFIX": os.path.join(workdir, "pycache"),  # bytecode cached, as shipped
                "SKILL_ID": SKILL_ID,
                "TABLE_NAME": "unused-no-io",
                "AWS_DEFAULT_REGION": "us-east-1",
            }
        )
        for kind, event in _envelopes().items():
            path = os.path.join(workdir, f"{kind}.json")
            with open(path, "w") as f:
                json.dump(event, f)
            ours_args, ref_args = [path], [path, SKILL_ID]
            _cpu_ms(_OURS, ours_args, env)  # write the bytecode of everything each side imports
            _cpu_ms(_REFERENCE, ref_args, env)
            ours: list[float] = []
            ref: list[float] = []
            for _ in range(runs):
                ours.append(_cpu_ms(_OURS, ours_args, env))
                ref.append(_cpu_ms(_REFERENCE, ref_args, env))
            o, r = statistics.median(ours), statistics.median(ref)
            ratio = o / r
            verdict = "PASS" if ratio <= RATIO_TARGET else "MISS"
            ok = ok and ratio <= RATIO_TARGET
            print(
                f"    unlinked {kind:13s} ours {o:6.1f} ms CPU, minimal SDK skill {r:6.1f} ms"
                f" (median of {runs}): ratio {ratio:.2f}x   target <= {RATIO_TARGET:.2f}x   {verdict}"
            )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="fresh interpreters per variant")
    parser.add_argument("--quick", action="store_true", help="CI smoke run: 3 runs")
    parser.add_argument("--strict", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args()
    runs = min(args.runs, 3) if args.quick else args.runs
    print(f"unlinked request in a fresh process: CPU of the whole child, {runs} runs per variant")
    ok = bench(runs)
    print("\noverall:", "PASS" if ok else "MISS")
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    raise SystemExit(main())
