"""The accounts layer runs over both store backends: the store fixtures are the store tests' own."""

from __future__ import annotations

from tests.unit.store.conftest import dynamo_store, shift_clock, store, table

__all__ = ["dynamo_store", "shift_clock", "store", "table"]
