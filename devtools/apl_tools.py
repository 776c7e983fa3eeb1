"""Amazon's APL tools, run on our RenderDocument directives: the static validator (apl-suggester, npm,
installed by scripts/bootstrap.sh) and, where a session has one, a layout driver on the APL core engine.

The validator runs in CI (tests/e2e/test_screens_validate.py). The layout driver is a program built
from alexa/apl-core-library that inflates a document for one viewport and prints every component's
bounds, text overflow and the engine's log as JSON. This repository holds neither the engine, nor a
binary built from it, nor a recipe for building one: a check that needs it runs only where
APL_LAYOUT_DRIVER names such a binary, and is skipped everywhere else.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from devtools.devices import Device

ROOT: Final = Path(__file__).resolve().parent.parent
SUGGESTER_DIR: Final = ROOT / ".cache" / "apl-suggester"
VALIDATE_JS: Final = ROOT / "devtools" / "apl_validate.js"
LAYOUT_DRIVER_ENV: Final = "APL_LAYOUT_DRIVER"
_TIMEOUT_S: Final = 120


class ToolMissing(RuntimeError):
    """node, the installed validator or the layout driver is not there."""


def validator_ready() -> str | None:
    """None when the validator can run; else why not (for a failure message)."""
    if shutil.which("node") is None:
        return "node is not on PATH"
    if not (SUGGESTER_DIR / "node_modules" / "apl-suggester" / "package.json").is_file():
        return f"apl-suggester is not installed under {SUGGESTER_DIR} (run scripts/bootstrap.sh)"
    return None


def validate(directives: Mapping[str, Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """name → the validator's findings for that RenderDocument directive ([] when clean), all in one
    node process."""
    missing = validator_ready()
    if missing:
        raise ToolMissing(missing)
    batch = [{"name": name, "directive": directive} for name, directive in directives.items()]
    with tempfile.TemporaryDirectory(prefix="apl-validate-") as tmp:
        path = Path(tmp) / "batch.json"
        path.write_text(json.dumps(batch), encoding="utf-8")
        done = subprocess.run(  # noqa: S603 - fixed argv, no shell
            ["node", str(VALIDATE_JS), "--suggester", str(SUGGESTER_DIR), str(path)],  # noqa: S607 - node from PATH
            capture_output=True,
            text=True,
            timeout=_TIMEOUT_S,
            check=False,
        )
    if done.returncode not in (0, 1):
        raise RuntimeError(f"apl_validate.js failed ({done.returncode}): {done.stderr.strip()}")
    report = json.loads(done.stdout)
    return {result["name"]: result["findings"] for result in report["results"]}


def layout_driver() -> str | None:
    """The layout driver APL_LAYOUT_DRIVER names, if it is an executable file."""
    path = os.environ.get(LAYOUT_DRIVER_ENV, "")
    return path if path and os.path.isfile(path) and os.access(path, os.X_OK) else None


def lay_out(driver: str, directive: Mapping[str, Any], device: Device, workdir: Path) -> dict[str, Any]:
    """The driver's layout of `directive` on `device`: {viewport, ok, problems, log, components, ...}."""
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "directive.json"
    path.write_text(json.dumps(directive), encoding="utf-8")
    done = subprocess.run(  # noqa: S603 - the driver APL_LAYOUT_DRIVER names, no shell
        [
            driver,
            str(path),
            "--size",
            f"{device.pixel_width}x{device.pixel_height}",
            "--dpi",
            str(device.dpi),
            "--shape",
            device.shape.lower(),
            "--mode",
            device.mode.lower(),
        ],
        capture_output=True,
        text=True,
        timeout=_TIMEOUT_S,
        check=False,
    )
    if done.returncode not in (0, 1, 2):
        raise RuntimeError(f"layout driver failed ({done.returncode}): {done.stderr.strip()}")
    layout: dict[str, Any] = json.loads(done.stdout)
    return layout


def layout_problems(layout: Mapping[str, Any]) -> list[str]:
    """Everything the driver found wrong: could not inflate, engine warnings and errors, boxes outside
    the viewport, clipped or overflowing text, text outside a round screen, empty texts."""
    found = [f"fatal: {message}" for message in layout.get("fatal", [])]
    found += [f"{p['kind']}: {p['where']}: {p['detail']}" for p in layout.get("problems", [])]
    return found


def summary(layouts: Sequence[tuple[str, Mapping[str, Any]]]) -> str:
    lines = []
    for name, layout in layouts:
        problems = layout_problems(layout)
        view = layout.get("viewport", {})
        size = f"{view.get('dpWidth', 0):.0f}x{view.get('dpHeight', 0):.0f} dp"
        lines.append(f"{name:<48} {size:>14}  {'ok' if not problems else f'{len(problems)} problem(s)'}")
        lines.extend(f"    {p}" for p in problems)
    return "\n".join(lines)
