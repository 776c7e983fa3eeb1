"""The benchmark scripts' own logic, without running a benchmark (those need DynamoDB Local and minutes).

`make bench` / `benchmarks/run_all.py --quick` run them for real; here: their helpers compute what they
claim, the cold-start replay child reports what it could not import, every script run_all.py lists
exists and accepts its arguments.
"""

from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo

import pytest
import requests

from devtools.measure import afternoon_zone, pct

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = ROOT / "benchmarks"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve string annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def test_percentiles_agree_with_statistics() -> None:
    values = [float(v) for v in (7, 1, 9, 3, 3, 12, 5, 8, 2, 40, 6)]
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    assert pct(values, 50) == pytest.approx(statistics.median(values))
    assert pct(values, 90) == pytest.approx(cuts[89])
    assert pct(values, 99) == pytest.approx(cuts[98])
    assert pct(values, 100) == 40.0
    assert pct(values, 0) == 1.0


def test_the_benchmark_user_lives_in_their_afternoon() -> None:
    for hour in range(24):
        moment = datetime(2026, 11, 26, hour, 30, tzinfo=UTC)
        local = moment.astimezone(ZoneInfo(afternoon_zone(moment)))
        assert 12 <= local.hour <= 16, (hour, local)


def test_replayed_withings_call_keeps_the_action_parameters_and_drops_the_signature() -> None:
    warm = _load("warm_latency")

    class Sent:  # what a requests.Response carries that _as_call reads
        def __init__(self, prepared: requests.PreparedRequest) -> None:
            self.request = prepared
            self.content = b'{"status":0}'

    signed = requests.Request(
        "GET",
        "http://127.0.0.1:1/measure",
        params={
            "action": "getmeas",
            "meastypes": "1",
            "userid": "10001",
            "oauth_signature": "c2ln",
            "oauth_nonce": "n",
        },
    ).prepare()
    call = warm._as_call(Sent(signed))
    assert call.path == "/measure"
    assert dict(call.params) == {"action": "getmeas", "meastypes": "1"}

    bearer = requests.Request(
        "POST", "http://127.0.0.1:1/v2/sleep", data={"action": "getsummary", "startdateymd": "2026-01-01"}
    ).prepare()
    call = warm._as_call(Sent(bearer))
    assert (call.path, dict(call.params)) == (
        "/v2/sleep",
        {"action": "getsummary", "startdateymd": "2026-01-01"},
    )


def test_cold_start_replay_child_reports_modules_it_could_not_import() -> None:
    cold = _load("cold_start")
    env = {"PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"}
    elapsed, missing = cold._replay(["json", "no_such_module_xyz", "email.message"], env)
    assert elapsed > 0
    assert missing == ["no_such_module_xyz"]


def test_memory_reads_its_own_rss() -> None:
    peak, current = _load("memory")._rss_kb()
    assert current > 1024  # a Python process holds more than a MiB
    assert peak >= current


def test_run_all_lists_scripts_that_exist_and_accept_their_arguments() -> None:
    run_all = _load("run_all")
    names = {script.name for script in run_all.SCRIPTS}
    on_disk = {p.stem for p in BENCHMARKS.glob("*.py")} - {"run_all"}
    assert names == on_disk  # a new benchmark script is not forgotten by `make bench`
    for script in run_all.SCRIPTS:
        for args in (script.full, script.quick):
            # Parse the real flags, then stop before the benchmark starts anything.
            probe = (
                "import argparse, runpy, sys\n"
                "parse = argparse.ArgumentParser.parse_args\n"
                "def parse_then_exit(self, args=None, namespace=None):\n"
                "    parse(self, args, namespace)\n"
                "    sys.exit(0)\n"
                "argparse.ArgumentParser.parse_args = parse_then_exit\n"
                "sys.argv = sys.argv[1:]\n"
                "runpy.run_path(sys.argv[0], run_name='__main__')\n"
            )
            done = subprocess.run(
                [sys.executable, "-c", probe, str(BENCHMARKS / f"{script.name}.py"), *args],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            assert done.returncode == 0, (script.name, args, done.stderr[-500:])
