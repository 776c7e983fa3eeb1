"""Arithmetic the queries and the replies share."""

from __future__ import annotations

from collections.abc import Sequence


def mean(values: Sequence[float]) -> float | None:
    """The arithmetic mean, or None for no values (an answer says "no data", never "zero")."""
    return sum(values) / len(values) if values else None
