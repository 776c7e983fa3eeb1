"""Link items: the Withings credentials (AES-GCM, bound to the item's key), version, status and lease.

The credentials change only under a version check, and the refresh lease is a conditional write, so
two Lambda instances refreshing one user's tokens race inside DynamoDB, not in our code
(skill.accounts.refresh explains the protocol built on these).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from skill.store import clock, policy
from skill.store.dynamodb import codec
from skill.store.dynamodb.codec import LINK, b, n, num, s, text
from skill.store.dynamodb.grants import code_item
from skill.store.errors import ConditionFailed, CredentialsUnreadable
from skill.store.records import Link, LinkStatus, decode_credentials, encode_credentials, mode_of

if TYPE_CHECKING:
    from skill.store.dynamodb.table import Table
    from skill.store.records import CodeGrant, Credentials
    from skill.withings.deadline import Deadline


class LinkItems:
    _table: Table

    def create_link(
        self, link_id: str, creds: Credentials, code: str, grant: CodeGrant, deadline: Deadline | None
    ) -> None:
        now = clock.now()
        key = LINK.key(link_id)
        code_key = codec.CODE.key(code)
        code_expires = now + policy.CODE_SECONDS
        # Until Alexa redeems the code the link is provisional: if nobody does, TTL removes it.
        provisional_ttl = int(code_expires + policy.TTL_SLACK_SECONDS)
        table = self._table
        table.transact(
            [
                {
                    "Put": {
                        "TableName": table.name,
                        "Item": {
                            **key.attrs(),
                            "kind": s(LINK.kind),
                            "mode": s(mode_of(creds)),
                            "cred": b(table.seal(encode_credentials(creds), key)),
                            "version": n(1),
                            "status": s(LinkStatus.ACTIVE),
                            "created_at": n(now),
                            codec.TTL: n(provisional_ttl),
                        },
                        "ConditionExpression": "attribute_not_exists(pk)",
                    }
                },
                {
                    "Put": {
                        "TableName": table.name,
                        "Item": code_item(code_key, grant, expires_at=code_expires, ttl=provisional_ttl),
                        "ConditionExpression": "attribute_not_exists(pk)",
                    }
                },
                table.put_ref(link_id, code_key, provisional_ttl),
            ],
            deadline,
        )

    def get_link(self, link_id: str, deadline: Deadline | None) -> Link | None:
        key = LINK.key(link_id)
        item = self._table.get(key, deadline)
        if item is None:
            return None
        blob = codec.blob(item, "cred")
        if blob is None:
            raise CredentialsUnreadable("link has no credentials")
        return Link(
            link_id=link_id,
            credentials=decode_credentials(self._table.open(blob, key)),
            version=int(num(item, "version") or 0),
            status=LinkStatus(text(item, "status") or LinkStatus.ACTIVE),
            created_at=num(item, "created_at") or 0.0,
            lease_until=num(item, "lease_until"),
            lease_owner=text(item, "lease_owner"),
        )

    def link_created_at(self, link_id: str, deadline: Deadline | None) -> float | None:
        item = self._table.get(LINK.key(link_id), deadline)  # no decryption needed for this
        return None if item is None else (num(item, "created_at") or 0.0)

    def try_lease(self, link_id: str, version: int, owner: str, seconds: float, deadline: Deadline) -> bool:
        now = clock.now()
        try:
            self._table.update(
                LINK.key(link_id),
                update="SET #lu = :until, #lo = :owner",
                # A lease past its time counts as free: its holder died or gave up.
                condition="#v = :v AND #st = :active AND (attribute_not_exists(#lu) OR #lu <= :now)",
                values={
                    ":until": n(now + seconds),
                    ":owner": s(owner),
                    ":v": n(version),
                    ":active": s(LinkStatus.ACTIVE),
                    ":now": n(now),
                },
                deadline=deadline,
            )
        except ConditionFailed:
            return False
        return True

    def save_credentials(
        self, link_id: str, expected_version: int, creds: Credentials, deadline: Deadline | None
    ) -> int:
        key = LINK.key(link_id)
        self._table.update(
            key,
            update="SET #c = :cred, #v = :next REMOVE #lu, #lo",
            # The version check, not the lease, is what makes a late writer (whose lease expired) lose.
            condition="#v = :v AND #st = :active",
            values={
                ":cred": b(self._table.seal(encode_credentials(creds), key)),
                ":next": n(expected_version + 1),
                ":v": n(expected_version),
                ":active": s(LinkStatus.ACTIVE),
            },
            deadline=deadline,
        )
        return expected_version + 1

    def release_lease(self, link_id: str, owner: str, deadline: Deadline | None) -> None:
        with contextlib.suppress(ConditionFailed):  # not ours (any more): leave it alone
            self._table.update(
                LINK.key(link_id),
                update="REMOVE #lu, #lo",
                condition="#lo = :owner",
                values={":owner": s(owner)},
                deadline=deadline,
            )

    def mark_dead(self, link_id: str, deadline: Deadline | None) -> None:
        with contextlib.suppress(ConditionFailed):  # already purged: nothing to mark
            self._table.update(
                LINK.key(link_id),
                update="SET #st = :dead REMOVE #lu, #lo",
                condition="attribute_exists(pk)",
                values={":dead": s(LinkStatus.DEAD)},
                deadline=deadline,
            )
