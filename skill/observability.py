"""Structured JSON logs and CloudWatch metrics (Embedded Metric Format) for every request.

Written by hand rather than with aws-lambda-powertools: its Logger and Metrics cost ~70 ms of cold
import here for what is one JSON line per request. Never pass a token, secret, code or health value:
only ids, names, outcomes and latencies go in.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any

NAMESPACE = "WithingsVoiceSkill"
_logger = logging.getLogger("skill")


def _configure() -> None:
    if not _logger.handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(message)s"))
        _logger.addHandler(handler)
        _logger.setLevel(logging.INFO)
        _logger.propagate = False


def log_event(event: str, level: int = logging.INFO, **fields: Any) -> None:
    """One JSON line: {"event": ..., "ts": ..., **fields}. Fields must be non-sensitive."""
    _configure()
    record = {"event": event, "ts": round(time.time(), 3), **fields}
    _logger.log(level, json.dumps(record, default=str, separators=(",", ":")))


def emit_metric(name: str, dimensions: dict[str, str], value: float = 1.0, unit: str = "Count") -> None:
    """An EMF line CloudWatch turns into a metric that an alarm can watch (e.g. Outcome=error)."""
    _configure()
    doc = {
        "_aws": {
            "Timestamp": int(time.time() * 1000),
            "CloudWatchMetrics": [
                {
                    "Namespace": NAMESPACE,
                    "Dimensions": [sorted(dimensions)],
                    "Metrics": [{"Name": name, "Unit": unit}],
                }
            ],
        },
        name: value,
        **dimensions,
    }
    _logger.info(json.dumps(doc, separators=(",", ":")))
