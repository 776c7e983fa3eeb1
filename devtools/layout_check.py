"""Every Echo Show picture, from sandbox data through lambda_handler, checked with Amazon's tools.

    python -m devtools.layout_check [--out DIR] [--previews] [--locale en-US ...] [--device spot ...]

Starts DynamoDB Local and the Withings sandbox, links the sandbox user, asks every pictured question
(devtools.screens.asks) on every device (devtools.devices.SCREENS) in each locale, and
- validates every distinct RenderDocument with apl-suggester (as CI does);
- when APL_LAYOUT_DRIVER names a layout driver built from alexa/apl-core-library (see
  devtools/apl_tools.py: never part of this repository), inflates each one on its device and reports
  what the engine found; with --previews, draws each layout to DIR/<ask>-<device>[-<locale>].png (a
  *layout preview*, not a device render: it says so on the picture).
Answers at the suite's pinned instant unless PINNED_NOW says otherwise. Exit 1 on any finding.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from devtools import apl_tools
from devtools.devices import SCREENS
from devtools.measure import link_with_retries
from devtools.screens import render_all
from devtools.stack import SKILL_ID, InProcessStack
from skill.clock import PINNED_NOW_ENV, parse_pinned

DEFAULT_NOW = "2026-11-25T14:30:00+01:00"  # tests/clock.py's instant: the previews match the tests
USER = "10001"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path("build/layout-check"))
    parser.add_argument("--previews", action="store_true", help="draw layout previews (Pillow)")
    parser.add_argument("--locale", action="append", help="en-US, en-GB, de-DE (default: all three)")
    parser.add_argument("--device", action="append", help="device names (default: every screen)")
    args = parser.parse_args(argv)
    locales = tuple(args.locale or ("en-US", "en-GB", "de-DE"))
    devices = tuple(d for d in SCREENS if not args.device or d.name in args.device)
    pinned = os.environ.get(PINNED_NOW_ENV) or DEFAULT_NOW
    os.environ[PINNED_NOW_ENV] = pinned
    now = parse_pinned(pinned)

    import lambda_function

    with InProcessStack(auth="oauth2", now=now) as stack:
        token = link_with_retries(stack, USER).access_token
        from datetime import datetime
        from zoneinfo import ZoneInfo

        today = datetime.fromtimestamp(now.timestamp(), ZoneInfo(stack.timezone)).date()
        rendered = render_all(
            lambda_function.lambda_handler,
            today,
            token=token,
            skill_id=SKILL_ID,
            api_endpoint=str(stack.sandbox.url),
            devices=devices,
            locales=locales,
        )
    args.out.mkdir(parents=True, exist_ok=True)
    failures = 0
    directives = {r.key: d for r in rendered if (d := r.directive) is not None}
    missing = [r.key for r in rendered if r.directive is None]
    if missing:
        failures += len(missing)
        print("no picture:", ", ".join(missing))
    distinct = {json.dumps(d, sort_keys=True): key for key, d in directives.items()}
    findings = apl_tools.validate({key: directives[key] for key in distinct.values()})
    bad = {key: f for key, f in findings.items() if f}
    failures += sum(len(f) for f in bad.values())
    print(f"apl-suggester: {len(distinct)} distinct directives, {sum(map(len, bad.values()))} finding(s)")
    for key, found in bad.items():
        for item in found:
            print(f"    {key}: {item['path']}: {item['message']}")

    driver = apl_tools.layout_driver()
    if driver is None:
        print(f"layout check skipped: {apl_tools.LAYOUT_DRIVER_ENV} names no layout driver")
        return 1 if failures else 0
    layouts = []
    for r in rendered:
        directive = r.directive
        if directive is None or r.device is None:
            continue
        layout = apl_tools.lay_out(driver, directive, r.device, args.out / "work")
        layouts.append((r.key, layout))
        failures += len(apl_tools.layout_problems(layout))
        if args.previews:
            from devtools.layout_preview import draw

            suffix = "" if r.locale == "en-US" else f"-{r.locale}"
            title = f"{r.ask.name} ({r.locale}) on {r.device.label}"
            draw(layout, args.out / f"{r.ask.name}-{r.device.name}{suffix}.png", title=title)
    print(apl_tools.summary(layouts))
    print(f"layout check: {len(layouts)} layouts, {failures} problem(s) in all")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
