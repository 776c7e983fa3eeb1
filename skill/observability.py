"""Structured JSON logs and CloudWatch metrics (Embedded Metric Format) for every request.

Written by hand rather than with aws-lambda-powertools: its Logger and Metrics cost ~70 ms of cold
import here for what is one JSON line per request. Never pass a token, secret, code or health value:
only ids, names, outcomes and latencies go in.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from typing import Any

NAMESPACE = "WithingsVoiceSkill"
_logger = logging.getLogger("skill")


# Attributes every LogRecord has; anything else on a record came from `extra=`.
_RECORD_ATTRS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonLineFormatter(logging.Formatter):
    """Keeps every line JSON, also for stdlib `_log.info("text", extra={...})` calls in skill.*.

    Lines built by log_event/emit_metric are already JSON and pass through; any other record becomes
    {"event": "snake_case_message", "ts", "level", "logger", **extra} so its fields are not lost.
    """

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if message.startswith("{"):
            return message
        doc: dict[str, Any] = {
            "event": re.sub(r"[^0-9a-z]+", "_", message.lower()).strip("_"),
            "ts": round(record.created, 3),
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        doc.update({k: v for k, v in vars(record).items() if k not in _RECORD_ATTRS})
        if record.exc_info:  # the exception's type only: its text may quote a request
            doc.setdefault("error", record.exc_info[0].__name__ if record.exc_info[0] else None)
        return json.dumps(doc, default=str, separators=(",", ":"))


def _configure() -> None:
    if not _logger.handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(JsonLineFormatter())
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


_configure()  # at import, so skill.* child loggers write JSON before the first log_event
