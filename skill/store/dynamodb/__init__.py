"""The DynamoDB backend of skill.store: one table, pk/sk keys, encrypted Withings credentials.

Key design (every request-path access is a GetItem, a conditional write, or a Query on one pk; the
keys are built by codec.py only):

| pk                    | sk                 | what                                                      |
| --------------------- | ------------------ | --------------------------------------------------------- |
| LINK#<link_id>        | LINK               | the linked Withings user: credentials (AES-GCM), version, |
|                       |                    | status, refresh lease (lease_until, lease_owner)          |
| LINK#<link_id>        | REF#<pk>           | index entry: an item issued for this link (for the purge) |
| AT#<sha256(token)>    | AT                 | access token issued to Alexa -> link_id, expires_at       |
| RT#<sha256(token)>    | RT                 | refresh token issued to Alexa -> link_id, grace window    |
| CODE#<sha256(code)>   | CODE               | authorization code (single use) -> link_id, redirect_uri  |
| PENDING#<sha256(id)>  | PENDING            | a linking flow in progress (Alexa state, redirect_uri)    |
| ALEXA#<sha256(uid)>   | ALEXA              | Alexa userId -> link_id                                   |
| SUBS#<hmac(userid)>   | SUBS               | Withings user's notification subscriptions: checked_at,   |
|                       |                    | base_url (skill.notifications.subscriptions)              |
| CACHE#<hmac(userid)>  | E#<entry name>     | a cached Withings answer (AES-GCM), its fetch times       |
| CACHE#<hmac(userid)>  | CHG#<appli>        | the changes Withings notified for that appli (AES-GCM)    |
| BUDGET#<epoch minute> | BUDGET             | the app-wide Withings call counter of that minute         |

Tokens, codes and ids are stored only as SHA-256 hashes; every short-lived item carries `ttl`.
SkillDisabled finds everything of a link with one Query on pk=LINK#<link_id>, and the user's cache
with one on pk=CACHE#<hmac(userid)> (cache.py; budget.py the counter). No method scans.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from skill.store.dynamodb.alexa_users import AlexaUserItems
from skill.store.dynamodb.budget import BudgetItems
from skill.store.dynamodb.cache import CacheItems
from skill.store.dynamodb.client import get_client
from skill.store.dynamodb.grants import GrantItems
from skill.store.dynamodb.links import LinkItems
from skill.store.dynamodb.subscriptions import SubscriptionItems
from skill.store.dynamodb.table import Table

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient

    from skill.store.crypto import Sealer


# CacheItems extends PurgeItems (unlink also drops the cache).
class DynamoStore(LinkItems, GrantItems, AlexaUserItems, CacheItems, BudgetItems, SubscriptionItems):
    """skill.store.base.Store over one DynamoDB table. The client and the sealer are made on first use."""

    def __init__(
        self,
        table_name: str,
        sealer: Callable[[], Sealer],
        client: Callable[[], DynamoDBClient] = get_client,
    ) -> None:
        GrantItems.__init__(self)
        self._table = Table(table_name, sealer, client)
