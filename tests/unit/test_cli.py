"""`python -m skill`: the checkout offers every command; the Lambda artifact (skill/ and
lambda_function.py only, deploy/Makefile) offers its own two and never reaches for devtools."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _help(cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "skill", "--help"], check=False, cwd=cwd, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_checkout_offers_every_command() -> None:
    assert "{serve,init-db,demo,ask}" in _help(ROOT)


def test_the_artifact_runs_without_devtools(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "skill", tmp_path / "skill", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "lambda_function.py", tmp_path)
    assert "{serve,init-db}" in _help(tmp_path)
    script = "import sys, skill.cli\ntry:\n    skill.cli.main(['demo'])\nexcept SystemExit: pass\n"
    script += "print('devtools' in sys.modules)\n"
    done = subprocess.run(
        [sys.executable, "-c", script], check=False, cwd=tmp_path, capture_output=True, text=True
    )
    assert done.stdout.strip() == "False", done.stderr
