"""Linked accounts: the interface the voice skill uses (base.py), its errors (exceptions.py), the
store-backed implementation with the OAuth2 refresh lease (stored.py, refresh.py) and an in-memory
one for tests (memory.py). Importing the package is cheap: neither boto3 nor cryptography loads here.
"""

from __future__ import annotations

from skill.accounts.base import Accounts, LinkedAccount
from skill.accounts.exceptions import AccountError, AccountsUnavailable, NotLinked, RelinkRequired

__all__ = ["AccountError", "Accounts", "AccountsUnavailable", "LinkedAccount", "NotLinked", "RelinkRequired"]
