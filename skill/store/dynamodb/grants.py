"""Grant items: pending linking flows, authorization codes, and the access/refresh tokens issued to Alexa.

Single use is a conditional delete or update, so races resolve inside DynamoDB: a pending flow or a
code is consumed by exactly one caller, tokens are issued in the same transaction that consumes the
code (or starts the old refresh token's grace window), and only for a link that is still active.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from skill.store import clock, policy
from skill.store.crypto import token_hash
from skill.store.dynamodb import codec
from skill.store.dynamodb.client import call
from skill.store.dynamodb.codec import ACCESS, CODE, LINK, PENDING, REFRESH, b, n, num, s, text
from skill.store.errors import ConditionFailed, CredentialsUnreadable
from skill.store.ids import new_secret_value
from skill.store.records import CodeGrant, IssuedTokens, LinkMode, LinkStatus, PendingLink, RefreshGrant

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemTypeDef

    from skill.store.dynamodb.codec import Item, Key
    from skill.store.dynamodb.table import Table
    from skill.withings.deadline import Deadline

_ACCESS_CACHE_SIZE = 4096


def code_item(key: Key, grant: CodeGrant, *, expires_at: float, ttl: float) -> Item:
    item: Item = {
        **key.attrs(),
        "kind": s(CODE.kind),
        "link_id": s(grant.link_id),
        "client_id": s(grant.client_id),
        "redirect_uri": s(grant.redirect_uri),
        "expires_at": n(expires_at),
        codec.TTL: n(int(ttl)),
    }
    if grant.code_challenge:
        item["code_challenge"] = s(grant.code_challenge)
    return item


class GrantItems:
    _table: Table

    def __init__(self) -> None:
        # Access-token hash -> (link id, expiry), per container. Exact, not a guess: an access-token
        # item never changes after it is written and is only deleted together with its link, whose
        # item every request still reads, so a purged or dead link is seen at once. Saves one GetItem
        # on every warm request.
        self._access_links: dict[str, tuple[str, float]] = {}

    # -- pending links (authorize -> callback) ---------------------------------------------------

    def put_pending(self, pending_id: str, pending: PendingLink, deadline: Deadline | None) -> None:
        now = clock.now()
        key = PENDING.key(pending_id)
        data = {
            "client_id": pending.client_id,
            "redirect_uri": pending.redirect_uri,
            "state": pending.alexa_state,
            "cc": pending.code_challenge,
            "rt": pending.request_token,
            "rs": pending.request_secret,
        }
        item: Item = {
            **key.attrs(),
            "kind": s(PENDING.kind),
            "mode": s(pending.mode),
            # Sealed as a whole: the OAuth1 request secret is a credential, the rest is nobody's business.
            "data": b(self._table.seal(json.dumps(data).encode(), key)),
            "expires_at": n(now + policy.PENDING_SECONDS),
            codec.TTL: n(int(now + policy.PENDING_SECONDS + policy.TTL_SLACK_SECONDS)),
        }
        if pending.request_token:
            item["rth"] = s(token_hash(pending.request_token))
        table = self._table
        call(
            lambda: table.client().put_item(
                TableName=table.name, Item=item, ConditionExpression="attribute_not_exists(pk)"
            ),
            deadline,
        )

    def consume_pending(
        self, pending_id: str, mode: LinkMode, request_token: str | None, deadline: Deadline | None
    ) -> PendingLink:
        key = PENDING.key(pending_id)
        # One conditional delete: of two callbacks with the same state, exactly one gets ALL_OLD back.
        condition = "attribute_exists(pk) AND #ex > :now AND #m = :mode"
        values: Item = {":now": n(clock.now()), ":mode": s(mode)}
        if request_token is not None:
            condition += " AND rth = :rth"
            values[":rth"] = s(token_hash(request_token))
        table = self._table
        out = call(
            lambda: table.client().delete_item(
                TableName=table.name,
                Key=key.attrs(),
                ConditionExpression=condition,
                ExpressionAttributeNames=codec.names(condition),
                ExpressionAttributeValues=values,
                ReturnValues="ALL_OLD",
            ),
            deadline,
        )
        blob = codec.blob(out.get("Attributes") or {}, "data")
        if blob is None:
            raise ConditionFailed("pending link vanished")
        try:
            data = json.loads(table.open(blob, key))
            return PendingLink(
                mode=mode,
                client_id=data["client_id"],
                redirect_uri=data["redirect_uri"],
                alexa_state=data["state"],
                code_challenge=data.get("cc"),
                request_token=data.get("rt"),
                request_secret=data.get("rs"),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise CredentialsUnreadable("pending link is malformed") from exc

    # -- codes and tokens issued to Alexa ----------------------------------------------------------

    def peek_code(self, code: str, deadline: Deadline | None) -> CodeGrant | None:
        item = self._table.get(CODE.key(code), deadline)
        if item is None or (num(item, "expires_at") or 0.0) <= clock.now():
            return None
        return CodeGrant(
            link_id=text(item, "link_id") or "",
            client_id=text(item, "client_id") or "",
            redirect_uri=text(item, "redirect_uri") or "",
            code_challenge=text(item, "code_challenge"),
        )

    def redeem_code(self, code: str, grant: CodeGrant, deadline: Deadline | None) -> IssuedTokens:
        now = clock.now()
        code_key = CODE.key(code)
        access, refresh = new_secret_value(), new_secret_value()
        table = self._table
        items: list[TransactWriteItemTypeDef] = [
            {
                "Delete": {
                    "TableName": table.name,
                    "Key": code_key.attrs(),
                    # Replayed (gone), expired, or bound to another link: the whole transaction fails.
                    "ConditionExpression": "attribute_exists(pk) AND #ex > :now AND #l = :link",
                    "ExpressionAttributeNames": codec.names("#ex #l"),
                    "ExpressionAttributeValues": {":now": n(now), ":link": s(grant.link_id)},
                }
            },
            {"Delete": {"TableName": table.name, "Key": codec.ref_key(grant.link_id, code_key).attrs()}},
            *self._issue_items(grant.link_id, grant.client_id, access, refresh, now),
        ]
        table.transact(items, deadline)
        return IssuedTokens(access, refresh, policy.ACCESS_TOKEN_SECONDS)

    def peek_refresh(self, refresh_token: str, deadline: Deadline | None) -> RefreshGrant | None:
        item = self._table.get(REFRESH.key(refresh_token), deadline)
        if item is None:
            return None
        now = clock.now()
        grace = num(item, "grace_until")
        if (num(item, "expires_at") or 0.0) <= now or (grace is not None and grace <= now):
            return None
        return RefreshGrant(link_id=text(item, "link_id") or "", client_id=text(item, "client_id") or "")

    def rotate_refresh(
        self, refresh_token: str, grant: RefreshGrant, deadline: Deadline | None
    ) -> IssuedTokens:
        now = clock.now()
        old_key = REFRESH.key(refresh_token)
        grace_until = now + policy.REFRESH_GRACE_SECONDS
        grace_ttl = n(int(grace_until + policy.TTL_SLACK_SECONDS))
        access, refresh = new_secret_value(), new_secret_value()
        table = self._table
        items: list[TransactWriteItemTypeDef] = [
            {
                "Update": {
                    "TableName": table.name,
                    "Key": old_key.attrs(),
                    # if_not_exists: a retry inside the window must not extend it.
                    "UpdateExpression": "SET #g = if_not_exists(#g, :grace), #ttl = :ttl",
                    "ConditionExpression": (
                        "attribute_exists(pk) AND #ex > :now AND #l = :link"
                        " AND (attribute_not_exists(#g) OR #g > :now)"
                    ),
                    "ExpressionAttributeNames": codec.names("#g #ttl #ex #l"),
                    "ExpressionAttributeValues": {
                        ":grace": n(grace_until),
                        ":ttl": grace_ttl,
                        ":now": n(now),
                        ":link": s(grant.link_id),
                    },
                }
            },
            {
                "Update": {
                    "TableName": table.name,
                    "Key": codec.ref_key(grant.link_id, old_key).attrs(),
                    "UpdateExpression": "SET #ttl = :ttl",
                    # A purge deleted the index entry: nothing is issued for a link that is gone.
                    "ConditionExpression": "attribute_exists(pk)",
                    "ExpressionAttributeNames": codec.names("#ttl"),
                    "ExpressionAttributeValues": {":ttl": grace_ttl},
                }
            },
            *self._issue_items(grant.link_id, grant.client_id, access, refresh, now),
        ]
        table.transact(items, deadline)
        return IssuedTokens(access, refresh, policy.ACCESS_TOKEN_SECONDS)

    def _issue_items(
        self, link_id: str, client_id: str, access: str, refresh: str, now: float
    ) -> list[TransactWriteItemTypeDef]:
        at_key, rt_key = ACCESS.key(access), REFRESH.key(refresh)
        at_expires = now + policy.ACCESS_TOKEN_SECONDS
        rt_expires = now + policy.REFRESH_TOKEN_SECONDS
        at_ttl = at_expires + policy.TTL_SLACK_SECONDS
        rt_ttl = rt_expires + policy.TTL_SLACK_SECONDS
        table = self._table
        return [
            {
                # Tokens only for a live link; the link lives as long as its newest refresh token.
                "Update": {
                    "TableName": table.name,
                    "Key": LINK.key(link_id).attrs(),
                    "UpdateExpression": "SET #ttl = :ttl",
                    "ConditionExpression": "attribute_exists(pk) AND #st = :active",
                    "ExpressionAttributeNames": codec.names("#ttl #st"),
                    "ExpressionAttributeValues": {":ttl": n(int(rt_ttl)), ":active": s(LinkStatus.ACTIVE)},
                }
            },
            {
                "Put": {
                    "TableName": table.name,
                    "Item": {
                        **at_key.attrs(),
                        "kind": s(ACCESS.kind),
                        "link_id": s(link_id),
                        "expires_at": n(at_expires),
                        codec.TTL: n(int(at_ttl)),
                    },
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            },
            table.put_ref(link_id, at_key, at_ttl),
            {
                "Put": {
                    "TableName": table.name,
                    "Item": {
                        **rt_key.attrs(),
                        "kind": s(REFRESH.kind),
                        "link_id": s(link_id),
                        "client_id": s(client_id),
                        "expires_at": n(rt_expires),
                        codec.TTL: n(int(rt_ttl)),
                    },
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            },
            table.put_ref(link_id, rt_key, rt_ttl),
        ]

    def access_link_id(
        self, access_token: str, deadline: Deadline | None, *, include_expired: bool = False
    ) -> str | None:
        key = ACCESS.key(access_token)
        known = self._access_links.get(key.pk)
        if known is None:
            item = self._table.get(key, deadline)
            if item is None:
                return None
            link_id = text(item, "link_id")
            if link_id is None:
                return None
            known = (link_id, num(item, "expires_at") or 0.0)
            if len(self._access_links) >= _ACCESS_CACHE_SIZE:
                self._access_links.clear()  # a warm container serves few users; start over, rarely
            self._access_links[key.pk] = known
        link_id, expires_at = known
        if not include_expired and expires_at <= clock.now():
            return None
        return link_id
