"""Cache items: the per-user data cache (skill.cache) and the notified changes, in the one table.

| pk                      | sk               | what                                                    |
| ----------------------- | ---------------- | ------------------------------------------------------- |
| CACHE#<keyed_id(user)>  | E#<entry name>   | a cached answer: `data` (AES-GCM, AAD = the item key),   |
|                         |                  | fetched_at, fresh_until, expires_at, ttl                 |
| CACHE#<keyed_id(user)>  | CHG#<appli>      | the appli's recent changes (sealed: their windows are    |
|                         |                  | when someone slept or weighed in), changed_at, version   |

A read is one BatchGetItem (the entry and the changes that judge it); a write is a transaction whose
ConditionCheck refuses it when a change was recorded since the fetch began (the notification race).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from skill.store import clock, policy
from skill.store.cache_records import (
    CHANGE_KEEP_SECONDS,
    CachedEntry,
    CacheRead,
    Change,
    decode_changes,
    encode_changes,
    latest_change,
    merged,
)
from skill.store.dynamodb import codec
from skill.store.dynamodb.client import call
from skill.store.dynamodb.codec import b, blob, n, num, s
from skill.store.dynamodb.purge import PurgeItems
from skill.store.errors import ConditionFailed, CredentialsUnreadable, StoreUnavailable

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import (
        AttributeValueTypeDef,
        BatchGetItemOutputTypeDef,
        KeysAndAttributesTypeDef,
        PutItemInputTypeDef,
        QueryInputTypeDef,
        TransactWriteItemTypeDef,
    )

    from skill.store.dynamodb.codec import Item, Key
    from skill.withings.deadline import Deadline

_log = logging.getLogger(__name__)
_RECORD_ATTEMPTS = 8  # concurrent notifications for one user and appli: optimistic retries


def _exact(value: float) -> AttributeValueTypeDef:
    """Times the race rule compares, at full precision (codec.n keeps milliseconds)."""
    return {"N": repr(float(value))}


class CacheItems(PurgeItems):  # the purge's paging and batch delete serve the cache's deletes too
    def _user_key(self, user: str) -> str:
        return self._table.keyed_id(user)

    def read_cached(
        self, user: str, name: str, applis: Sequence[int], deadline: Deadline | None
    ) -> CacheRead:
        user_key = self._user_key(user)
        entry_key = codec.cache_key(user_key, name)
        change_keys = [codec.change_key(user_key, a) for a in sorted(set(applis))]
        items = self._batch_get([entry_key, *change_keys], deadline)
        entry = self._entry(items.get(entry_key), entry_key)
        changes: list[Change] = []
        for key in change_keys:
            changes.extend(self._changes(items.get(key), key))
        return CacheRead(entry, tuple(changes))

    def write_cached(
        self, user: str, name: str, entry: CachedEntry, applis: Sequence[int], deadline: Deadline | None
    ) -> bool:
        table = self._table
        user_key = self._user_key(user)
        key = codec.cache_key(user_key, name)
        item: Item = {
            **key.attrs(),
            "kind": s(codec.CACHE_KIND),
            "data": b(table.seal(entry.payload, key)),
            "fetched_at": _exact(entry.fetched_at),
            "fresh_until": _exact(entry.fresh_until),
            "expires_at": _exact(entry.expires_at),
            codec.TTL: n(int(entry.expires_at + policy.TTL_SLACK_SECONDS)),
        }
        checks: list[TransactWriteItemTypeDef] = [
            {
                "ConditionCheck": {
                    "TableName": table.name,
                    "Key": codec.change_key(user_key, appli).attrs(),
                    "ConditionExpression": "attribute_not_exists(#ca) OR #ca < :fa",
                    "ExpressionAttributeNames": codec.names("#ca"),
                    "ExpressionAttributeValues": {":fa": _exact(entry.fetched_at)},
                }
            }
            for appli in sorted(set(applis))
        ]
        try:
            table.transact([*checks, {"Put": {"TableName": table.name, "Item": item}}], deadline)
        except ConditionFailed:
            return False
        return True

    def record_change(self, user: str, appli: int, change: Change, deadline: Deadline | None) -> None:
        table = self._table
        key = codec.change_key(self._user_key(user), appli)
        for _ in range(_RECORD_ATTEMPTS):
            current = table.get(key, deadline)
            version = num(current, "version") if current is not None else None
            changes = merged(self._changes(current, key) if current is not None else (), change, clock.now())
            item: Item = {
                **key.attrs(),
                "kind": s(codec.CHANGE_KIND),
                "changes": b(table.seal(encode_changes(changes), key)),
                "changed_at": _exact(latest_change(changes) or change.at),
                "version": n(int(version or 0) + 1),
                codec.TTL: n(int(clock.now() + CHANGE_KEEP_SECONDS + policy.TTL_SLACK_SECONDS)),
            }
            put: PutItemInputTypeDef = {"TableName": table.name, "Item": item}
            if version is None:
                put["ConditionExpression"] = "attribute_not_exists(pk)"
            else:
                put["ConditionExpression"] = "#v = :v"
                put["ExpressionAttributeNames"] = codec.names("#v")
                put["ExpressionAttributeValues"] = {":v": n(int(version))}
            try:
                self._put(put, deadline)
                return
            except ConditionFailed:
                # Another notification for this appli landed first: merge with it, after a short
                # random pause so a burst of them does not keep colliding.
                time.sleep(random.uniform(0.005, 0.03))  # noqa: S311 - jitter, not a secret
        raise StoreUnavailable("the change record stayed contended")

    def _put(self, params: PutItemInputTypeDef, deadline: Deadline | None) -> None:
        table = self._table
        call(lambda: table.client().put_item(**params), deadline)

    def cached_names(self, user: str, deadline: Deadline | None) -> list[str]:
        prefix = codec.ENTRY_SK_PREFIX
        return [sk[len(prefix) :] for sk in self._sort_keys(user, prefix, deadline)]

    def delete_cached(self, user: str, names: Sequence[str], deadline: Deadline | None) -> int:
        user_key = self._user_key(user)
        self._batch_delete([codec.cache_key(user_key, name) for name in names], deadline)
        return len(names)

    def purge_cached(self, user: str, deadline: Deadline | None) -> int:
        pk = codec.cache_pk(self._user_key(user))
        keys = [codec.Key(pk, sk) for sk in self._sort_keys(user, "", deadline)]
        self._batch_delete(keys, deadline)
        return len(keys)

    # -- reading ------------------------------------------------------------------------------------

    def _entry(self, item: Item | None, key: Key) -> CachedEntry | None:
        if item is None:
            return None
        sealed, fetched, fresh, expires = (
            blob(item, "data"),
            num(item, "fetched_at"),
            num(item, "fresh_until"),
            num(item, "expires_at"),
        )
        if sealed is None or fetched is None or fresh is None or expires is None or expires <= clock.now():
            return None  # DynamoDB deletes expired items lazily: the store clock decides
        try:
            payload = self._table.open(sealed, key)
        except CredentialsUnreadable:
            _log.warning("cache entry unreadable")
            return None
        return CachedEntry(payload, fetched, fresh, expires)

    def _changes(self, item: Item | None, key: Key) -> tuple[Change, ...]:
        if item is None:
            return ()
        sealed = blob(item, "changes")
        try:
            if sealed is None:
                raise ValueError("no changes attribute")
            return decode_changes(self._table.open(sealed, key))
        except (CredentialsUnreadable, ValueError, TypeError):
            # What changed is unknown: everything of this appli changed, as of now (safe side).
            _log.warning("cache changes unreadable")
            return (Change(clock.now(), None, None),)

    def _batch_get(self, keys: list[Key], deadline: Deadline | None) -> dict[Key, Item]:
        table = self._table
        request: dict[str, KeysAndAttributesTypeDef] = {
            table.name: {"Keys": [k.attrs() for k in keys], "ConsistentRead": True}
        }
        found: dict[Key, Item] = {}

        def batch_get(request: dict[str, KeysAndAttributesTypeDef]) -> BatchGetItemOutputTypeDef:
            return call(lambda: table.client().batch_get_item(RequestItems=request), deadline)

        for _ in range(2):  # unprocessed keys (throttling) get one more try
            out = batch_get(request)
            for item in out.get("Responses", {}).get(table.name, []):
                found[codec.Key(codec.text(item, codec.PK) or "", codec.text(item, codec.SK) or "")] = item
            unprocessed = out.get("UnprocessedKeys", {}).get(table.name)
            if not unprocessed:
                return found
            request = {table.name: cast("KeysAndAttributesTypeDef", unprocessed)}
        raise StoreUnavailable("DynamoDB left keys unprocessed")

    def _sort_keys(self, user: str, prefix: str, deadline: Deadline | None) -> list[str]:
        table = self._table
        pk = codec.cache_pk(self._user_key(user))
        params: QueryInputTypeDef = {
            "TableName": table.name,
            "KeyConditionExpression": "pk = :pk",
            "ExpressionAttributeValues": {":pk": s(pk)},
            "ProjectionExpression": "sk",
            "ConsistentRead": True,
        }
        if prefix:
            params["KeyConditionExpression"] = "pk = :pk AND begins_with(sk, :prefix)"
            params["ExpressionAttributeValues"] = {":pk": s(pk), ":prefix": s(prefix)}
        sort_keys: list[str] = []
        while True:
            out = call(lambda: table.client().query(**params), deadline)
            sort_keys.extend(codec.text(item, codec.SK) or "" for item in out.get("Items", []))
            start = out.get("LastEvaluatedKey")
            if not start:
                return [sk for sk in sort_keys if sk]
            params["ExclusiveStartKey"] = start
