"""The per-user Withings data cache, invalidated by Withings' notifications, and the app-wide call
budget (docs/cache-and-notifications.md).

keys.py: what an entry is about (DataKind, EntryKey); policy.py: max ages and how long entries are
kept; codec.py: the models as versioned bytes; data.py: DataCache (lookup, save, invalidate, purge)
over skill.store's CacheStore; source.py: CachedSource, the voice layer's DataSource over the live
client; budget.py: AppBudget and BudgetSpentError. Importing the package loads none of them: the
names below load on first use (unlinked requests never do).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from skill.cache.budget import AppBudget, BudgetSpentError
    from skill.cache.data import DataCache
    from skill.cache.keys import DataKind
    from skill.cache.source import CachedSource

__all__ = ["AppBudget", "BudgetSpentError", "CachedSource", "DataCache", "DataKind"]

_WHERE = {
    "AppBudget": "skill.cache.budget",
    "BudgetSpentError": "skill.cache.budget",
    "CachedSource": "skill.cache.source",
    "DataCache": "skill.cache.data",
    "DataKind": "skill.cache.keys",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'skill.cache' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
