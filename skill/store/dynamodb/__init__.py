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
| SUBS#<sha256(userid)> | SUBS               | Withings user's notification subscriptions: checked_at,   |
|                       |                    | base_url (skill.notifications.subscriptions)              |

Tokens, codes and ids are stored only as SHA-256 hashes; every short-lived item carries `ttl`.
SkillDisabled finds everything of a link with one Query on pk=LINK#<link_id>. No method scans.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from skill.store.dynamodb.alexa_users import AlexaUserItems
from skill.store.dynamodb.client import get_client
from skill.store.dynamodb.grants import GrantItems
from skill.store.dynamodb.links import LinkItems
from skill.store.dynamodb.purge import PurgeItems
from skill.store.dynamodb.subscriptions import SubscriptionItems
from skill.store.dynamodb.table import Table

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient

    from skill.store.crypto import Sealer


class DynamoStore(LinkItems, GrantItems, AlexaUserItems, PurgeItems, SubscriptionItems):
    """skill.store.base.Store over one DynamoDB table. The client and the sealer are made on first use."""

    def __init__(
        self,
        table_name: str,
        sealer: Callable[[], Sealer],
        client: Callable[[], DynamoDBClient] = get_client,
    ) -> None:
        GrantItems.__init__(self)
        self._table = Table(table_name, sealer, client)
