"""Every read and write of the link table (layout: skill/store/__init__.py).

Single-use and versioned things are conditional writes, so races resolve inside DynamoDB:
a code or pending state is consumed by a conditional delete (exactly one caller wins), tokens are
issued in one transaction with the consumption, and the Withings credentials change only under a
version check. No method scans.
"""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from skill.store import clock, policy
from skill.store.client import call, get_client
from skill.store.crypto import Sealer, aad_for, token_hash
from skill.store.errors import ConditionFailed, CredentialsUnreadable, StoreUnavailable
from skill.store.records import (
    STATUS_ACTIVE,
    STATUS_DEAD,
    CodeGrant,
    Credentials,
    IssuedTokens,
    Link,
    OAuth1Secret,
    PendingLink,
    decode_credentials,
    encode_credentials,
)

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import (
        AttributeValueTypeDef,
        QueryInputTypeDef,
        QueryOutputTypeDef,
        TransactWriteItemTypeDef,
        UpdateItemInputTypeDef,
        WriteRequestTypeDef,
    )

    from skill.withings.deadline import Deadline

    Item = dict[str, AttributeValueTypeDef]

PK, SK = "pk", "sk"
LINK_SK = "LINK"
# Expression attribute names: several of ours (ttl, status, version, mode) are DynamoDB reserved words.
_NAMES = {
    "#ttl": "ttl",
    "#st": "status",
    "#v": "version",
    "#m": "mode",
    "#ex": "expires_at",
    "#lu": "lease_until",
    "#lo": "lease_owner",
    "#l": "link_id",
    "#g": "grace_until",
    "#c": "cred",
}
_BATCH = 25  # BatchWriteItem's limit


def _s(value: str) -> AttributeValueTypeDef:
    return {"S": value}


def _n(value: float) -> AttributeValueTypeDef:
    return {"N": f"{value:.3f}" if isinstance(value, float) else str(value)}


def _b(value: bytes) -> AttributeValueTypeDef:
    return {"B": value}


def _num(item: Item, name: str) -> float | None:
    attr = item.get(name)
    return float(attr["N"]) if attr is not None and "N" in attr else None


def _str(item: Item, name: str) -> str | None:
    attr = item.get(name)
    return attr["S"] if attr is not None and "S" in attr else None


def _names(expression: str) -> dict[str, str]:
    """Only the placeholders an expression uses: DynamoDB rejects unused ones."""
    used = set(re.findall(r"#\w+", expression))
    return {k: v for k, v in _NAMES.items() if k in used}


def link_pk(link_id: str) -> str:
    return f"LINK#{link_id}"


def new_link_id() -> str:
    """Opaque and random (128 bits), but grants nothing on its own: safe to log."""
    return secrets.token_hex(16)


def new_secret_value() -> str:
    """An opaque code, token or state: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class RefreshGrant:
    link_id: str
    client_id: str


_ACCESS_CACHE_SIZE = 4096


class LinkRepository:
    def __init__(
        self,
        table_name: str,
        sealer: Callable[[], Sealer],
        client: Callable[[], DynamoDBClient] = get_client,
    ) -> None:
        self._table = table_name
        self._sealer_factory = sealer
        self._sealer: Sealer | None = None
        self._client = client
        # Access-token hash -> (link id, expiry), per container. Exact, not a guess: an access-token
        # item never changes after it is written and is only deleted together with its link, whose
        # item every request still reads, so a purged or dead link is seen at once. Saves one GetItem
        # on every warm request.
        self._access_links: dict[str, tuple[str, float]] = {}

    # -- helpers ---------------------------------------------------------------------------------

    def _seal(self, plaintext: bytes, pk: str, sk: str) -> bytes:
        return self._get_sealer().seal(plaintext, aad_for(pk, sk))

    def _open(self, blob: bytes, pk: str, sk: str) -> bytes:
        return self._get_sealer().open(blob, aad_for(pk, sk))

    def _get_sealer(self) -> Sealer:
        if self._sealer is None:
            self._sealer = self._sealer_factory()  # deferred: the key is a secret fetched on demand
        return self._sealer

    def _key(self, pk: str, sk: str) -> Item:
        return {PK: _s(pk), SK: _s(sk)}

    def _get(self, pk: str, sk: str, deadline: Deadline | None) -> Item | None:
        out = call(
            lambda: self._client().get_item(
                TableName=self._table, Key=self._key(pk, sk), ConsistentRead=True
            ),
            deadline,
        )
        return out.get("Item")

    def _transact(self, items: Sequence[TransactWriteItemTypeDef], deadline: Deadline | None) -> None:
        call(lambda: self._client().transact_write_items(TransactItems=list(items)), deadline)

    def _update(
        self,
        pk: str,
        *,
        sk: str,
        update: str,
        condition: str,
        values: Item,
        deadline: Deadline | None,
    ) -> None:
        params: UpdateItemInputTypeDef = {
            "TableName": self._table,
            "Key": self._key(pk, sk),
            "UpdateExpression": update,
            "ConditionExpression": condition,
        }
        names = _names(update + " " + condition)
        if names:
            params["ExpressionAttributeNames"] = names
        if values:
            params["ExpressionAttributeValues"] = values
        call(lambda: self._client().update_item(**params), deadline)

    def _ref(self, link_id: str, target_pk: str, target_sk: str, ttl: float) -> TransactWriteItemTypeDef:
        """The index entry that lets the purge find a token/code/mapping of this link."""
        return {
            "Put": {
                "TableName": self._table,
                "Item": {
                    PK: _s(link_pk(link_id)),
                    SK: _s(f"REF#{target_pk}"),
                    "kind": _s("ref"),
                    "tsk": _s(target_sk),
                    "ttl": _n(int(ttl)),
                },
            }
        }

    # -- links -----------------------------------------------------------------------------------

    def create_link(
        self, link_id: str, creds: Credentials, code: str, grant: CodeGrant, deadline: Deadline | None
    ) -> None:
        """A new link with its Withings credentials, and the authorization code that refers to it."""
        now = clock.now()
        pk = link_pk(link_id)
        code_pk = f"CODE#{token_hash(code)}"
        code_expires = now + policy.CODE_SECONDS
        # Until Alexa redeems the code the link is provisional: if nobody does, TTL removes it.
        provisional_ttl = int(code_expires + policy.TTL_SLACK_SECONDS)
        code_item: Item = {
            PK: _s(code_pk),
            SK: _s("CODE"),
            "kind": _s("code"),
            "link_id": _s(link_id),
            "client_id": _s(grant.client_id),
            "redirect_uri": _s(grant.redirect_uri),
            "expires_at": _n(code_expires),
            "ttl": _n(provisional_ttl),
        }
        if grant.code_challenge:
            code_item["code_challenge"] = _s(grant.code_challenge)
        self._transact(
            [
                {
                    "Put": {
                        "TableName": self._table,
                        "Item": {
                            PK: _s(pk),
                            SK: _s(LINK_SK),
                            "kind": _s("link"),
                            "mode": _s(_mode_of(creds)),
                            "cred": _b(self._seal(encode_credentials(creds), pk, LINK_SK)),
                            "version": _n(1),
                            "status": _s(STATUS_ACTIVE),
                            "created_at": _n(now),
                            "ttl": _n(provisional_ttl),
                        },
                        "ConditionExpression": "attribute_not_exists(pk)",
                    }
                },
                {
                    "Put": {
                        "TableName": self._table,
                        "Item": code_item,
                        "ConditionExpression": "attribute_not_exists(pk)",
                    }
                },
                self._ref(link_id, code_pk, "CODE", provisional_ttl),
            ],
            deadline,
        )

    def get_link(self, link_id: str, deadline: Deadline | None) -> Link | None:
        pk = link_pk(link_id)
        item = self._get(pk, LINK_SK, deadline)
        if item is None:
            return None
        blob = item.get("cred", {}).get("B")
        if blob is None:
            raise CredentialsUnreadable("link has no credentials")
        return Link(
            link_id=link_id,
            credentials=decode_credentials(self._open(bytes(blob), pk, LINK_SK)),
            version=int(_num(item, "version") or 0),
            status=_str(item, "status") or STATUS_ACTIVE,
            created_at=_num(item, "created_at") or 0.0,
            lease_until=_num(item, "lease_until"),
            lease_owner=_str(item, "lease_owner"),
        )

    def link_created_at(self, link_id: str, deadline: Deadline | None) -> float | None:
        """Without decrypting: for ordering links of the same Alexa user."""
        item = self._get(link_pk(link_id), LINK_SK, deadline)
        return None if item is None else (_num(item, "created_at") or 0.0)

    def try_lease(self, link_id: str, version: int, owner: str, seconds: float, deadline: Deadline) -> bool:
        """Take the refresh lease if nobody holds a live one and the credentials are still `version`."""
        now = clock.now()
        try:
            self._update(
                link_pk(link_id),
                sk=LINK_SK,
                update="SET #lu = :until, #lo = :owner",
                condition="#v = :v AND #st = :active AND (attribute_not_exists(#lu) OR #lu <= :now)",
                values={
                    ":until": _n(now + seconds),
                    ":owner": _s(owner),
                    ":v": _n(version),
                    ":active": _s(STATUS_ACTIVE),
                    ":now": _n(now),
                },
                deadline=deadline,
            )
        except ConditionFailed:
            return False
        return True

    def save_credentials(
        self, link_id: str, expected_version: int, creds: Credentials, deadline: Deadline | None
    ) -> int:
        """Replace the credentials if nobody else did since `expected_version`; releases the lease.

        Raises ConditionFailed when the version moved on (someone else persisted first) or the link
        is gone or dead.
        """
        pk = link_pk(link_id)
        self._update(
            pk,
            sk=LINK_SK,
            update="SET #c = :cred, #v = :next REMOVE #lu, #lo",
            condition="#v = :v AND #st = :active",
            values={
                ":cred": _b(self._seal(encode_credentials(creds), pk, LINK_SK)),
                ":next": _n(expected_version + 1),
                ":v": _n(expected_version),
                ":active": _s(STATUS_ACTIVE),
            },
            deadline=deadline,
        )
        return expected_version + 1

    def release_lease(self, link_id: str, owner: str, deadline: Deadline | None) -> None:
        """Best effort: if it fails, the lease simply expires."""
        with contextlib.suppress(ConditionFailed):
            self._update(
                link_pk(link_id),
                sk=LINK_SK,
                update="REMOVE #lu, #lo",
                condition="#lo = :owner",
                values={":owner": _s(owner)},
                deadline=deadline,
            )

    def mark_dead(self, link_id: str, deadline: Deadline | None) -> None:
        """Withings refused the credentials: keep the link (so the skill can say "link again") but dead."""
        with contextlib.suppress(ConditionFailed):  # already purged: nothing to mark
            self._update(
                link_pk(link_id),
                sk=LINK_SK,
                update="SET #st = :dead REMOVE #lu, #lo",
                condition="attribute_exists(pk)",
                values={":dead": _s(STATUS_DEAD)},
                deadline=deadline,
            )

    # -- pending links (authorize -> callback) ---------------------------------------------------

    def put_pending(self, pending_id: str, pending: PendingLink, deadline: Deadline | None) -> None:
        now = clock.now()
        pk = f"PENDING#{token_hash(pending_id)}"
        data = {
            "client_id": pending.client_id,
            "redirect_uri": pending.redirect_uri,
            "state": pending.alexa_state,
            "cc": pending.code_challenge,
            "rt": pending.request_token,
            "rs": pending.request_secret,
        }
        item: Item = {
            PK: _s(pk),
            SK: _s("PENDING"),
            "kind": _s("pending"),
            "mode": _s(pending.mode),
            # Sealed as a whole: the OAuth1 request secret is a credential, the rest is nobody's business.
            "data": _b(self._seal(json.dumps(data).encode(), pk, "PENDING")),
            "expires_at": _n(now + policy.PENDING_SECONDS),
            "ttl": _n(int(now + policy.PENDING_SECONDS + policy.TTL_SLACK_SECONDS)),
        }
        if pending.request_token:
            item["rth"] = _s(token_hash(pending.request_token))
        call(
            lambda: self._client().put_item(
                TableName=self._table, Item=item, ConditionExpression="attribute_not_exists(pk)"
            ),
            deadline,
        )

    def consume_pending(
        self, pending_id: str, mode: str, request_token: str | None, deadline: Deadline | None
    ) -> PendingLink:
        """Delete and return the pending link: exactly one caller gets it.

        Raises ConditionFailed (and deletes nothing) if it is unknown, expired, already consumed, of
        another mode, or (OAuth1) for another request token.
        """
        pk = f"PENDING#{token_hash(pending_id)}"
        condition = "attribute_exists(pk) AND #ex > :now AND #m = :mode"
        values: Item = {":now": _n(clock.now()), ":mode": _s(mode)}
        if request_token is not None:
            condition += " AND rth = :rth"
            values[":rth"] = _s(token_hash(request_token))
        out = call(
            lambda: self._client().delete_item(
                TableName=self._table,
                Key=self._key(pk, "PENDING"),
                ConditionExpression=condition,
                ExpressionAttributeNames=_names(condition),
                ExpressionAttributeValues=values,
                ReturnValues="ALL_OLD",
            ),
            deadline,
        )
        item = out.get("Attributes") or {}
        blob = item.get("data", {}).get("B")
        if blob is None:
            raise ConditionFailed("pending link vanished")
        try:
            data = json.loads(self._open(bytes(blob), pk, "PENDING"))
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
        """The grant behind an unexpired code, without consuming it (validation comes first)."""
        item = self._get(f"CODE#{token_hash(code)}", "CODE", deadline)
        if item is None or (_num(item, "expires_at") or 0.0) <= clock.now():
            return None
        return CodeGrant(
            link_id=_str(item, "link_id") or "",
            client_id=_str(item, "client_id") or "",
            redirect_uri=_str(item, "redirect_uri") or "",
            code_challenge=_str(item, "code_challenge"),
        )

    def redeem_code(self, code: str, grant: CodeGrant, deadline: Deadline | None) -> IssuedTokens:
        """Consume the code and issue tokens in one transaction. ConditionFailed: replayed/expired."""
        now = clock.now()
        code_pk = f"CODE#{token_hash(code)}"
        access, refresh = new_secret_value(), new_secret_value()
        items: list[TransactWriteItemTypeDef] = [
            {
                "Delete": {
                    "TableName": self._table,
                    "Key": self._key(code_pk, "CODE"),
                    "ConditionExpression": "attribute_exists(pk) AND #ex > :now AND #l = :link",
                    "ExpressionAttributeNames": {"#ex": "expires_at", "#l": "link_id"},
                    "ExpressionAttributeValues": {":now": _n(now), ":link": _s(grant.link_id)},
                }
            },
            {
                "Delete": {
                    "TableName": self._table,
                    "Key": self._key(link_pk(grant.link_id), f"REF#{code_pk}"),
                }
            },
            *self._issue_items(grant.link_id, grant.client_id, access, refresh, now),
        ]
        self._transact(items, deadline)
        return IssuedTokens(access, refresh, policy.ACCESS_TOKEN_SECONDS)

    def peek_refresh(self, refresh_token: str, deadline: Deadline | None) -> RefreshGrant | None:
        item = self._get(f"RT#{token_hash(refresh_token)}", "RT", deadline)
        if item is None:
            return None
        now = clock.now()
        grace = _num(item, "grace_until")
        if (_num(item, "expires_at") or 0.0) <= now or (grace is not None and grace <= now):
            return None
        return RefreshGrant(link_id=_str(item, "link_id") or "", client_id=_str(item, "client_id") or "")

    def rotate_refresh(
        self, refresh_token: str, grant: RefreshGrant, deadline: Deadline | None
    ) -> IssuedTokens:
        """Issue a new pair. The presented refresh token keeps working for a short grace window
        (Alexa may not have received our answer and retry), then dies."""
        now = clock.now()
        old_pk = f"RT#{token_hash(refresh_token)}"
        grace_until = now + policy.REFRESH_GRACE_SECONDS
        grace_ttl = _n(int(grace_until + policy.TTL_SLACK_SECONDS))
        access, refresh = new_secret_value(), new_secret_value()
        items: list[TransactWriteItemTypeDef] = [
            {
                "Update": {
                    "TableName": self._table,
                    "Key": self._key(old_pk, "RT"),
                    "UpdateExpression": "SET #g = if_not_exists(#g, :grace), #ttl = :ttl",
                    "ConditionExpression": (
                        "attribute_exists(pk) AND #ex > :now AND #l = :link"
                        " AND (attribute_not_exists(#g) OR #g > :now)"
                    ),
                    "ExpressionAttributeNames": {
                        "#g": "grace_until",
                        "#ttl": "ttl",
                        "#ex": "expires_at",
                        "#l": "link_id",
                    },
                    "ExpressionAttributeValues": {
                        ":grace": _n(grace_until),
                        ":ttl": grace_ttl,
                        ":now": _n(now),
                        ":link": _s(grant.link_id),
                    },
                }
            },
            {
                "Update": {
                    "TableName": self._table,
                    "Key": self._key(link_pk(grant.link_id), f"REF#{old_pk}"),
                    "UpdateExpression": "SET #ttl = :ttl",
                    "ConditionExpression": "attribute_exists(pk)",
                    "ExpressionAttributeNames": {"#ttl": "ttl"},
                    "ExpressionAttributeValues": {":ttl": grace_ttl},
                }
            },
            *self._issue_items(grant.link_id, grant.client_id, access, refresh, now),
        ]
        self._transact(items, deadline)
        return IssuedTokens(access, refresh, policy.ACCESS_TOKEN_SECONDS)

    def _issue_items(
        self, link_id: str, client_id: str, access: str, refresh: str, now: float
    ) -> list[TransactWriteItemTypeDef]:
        at_pk, rt_pk = f"AT#{token_hash(access)}", f"RT#{token_hash(refresh)}"
        at_expires = now + policy.ACCESS_TOKEN_SECONDS
        rt_expires = now + policy.REFRESH_TOKEN_SECONDS
        at_ttl = at_expires + policy.TTL_SLACK_SECONDS
        rt_ttl = rt_expires + policy.TTL_SLACK_SECONDS
        return [
            {
                # Tokens only for a live link; the link lives as long as its newest refresh token.
                "Update": {
                    "TableName": self._table,
                    "Key": self._key(link_pk(link_id), LINK_SK),
                    "UpdateExpression": "SET #ttl = :ttl",
                    "ConditionExpression": "attribute_exists(pk) AND #st = :active",
                    "ExpressionAttributeNames": {"#ttl": "ttl", "#st": "status"},
                    "ExpressionAttributeValues": {":ttl": _n(int(rt_ttl)), ":active": _s(STATUS_ACTIVE)},
                }
            },
            {
                "Put": {
                    "TableName": self._table,
                    "Item": {
                        PK: _s(at_pk),
                        SK: _s("AT"),
                        "kind": _s("access"),
                        "link_id": _s(link_id),
                        "expires_at": _n(at_expires),
                        "ttl": _n(int(at_ttl)),
                    },
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            },
            self._ref(link_id, at_pk, "AT", at_ttl),
            {
                "Put": {
                    "TableName": self._table,
                    "Item": {
                        PK: _s(rt_pk),
                        SK: _s("RT"),
                        "kind": _s("refresh"),
                        "link_id": _s(link_id),
                        "client_id": _s(client_id),
                        "expires_at": _n(rt_expires),
                        "ttl": _n(int(rt_ttl)),
                    },
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            },
            self._ref(link_id, rt_pk, "RT", rt_ttl),
        ]

    def access_link_id(
        self, access_token: str, deadline: Deadline | None, *, include_expired: bool = False
    ) -> str | None:
        """The link behind an unexpired access token (or an expired one, for the purge)."""
        hashed = token_hash(access_token)
        known = self._access_links.get(hashed)
        if known is None:
            item = self._get(f"AT#{hashed}", "AT", deadline)
            if item is None:
                return None
            link_id = _str(item, "link_id")
            if link_id is None:
                return None
            known = (link_id, _num(item, "expires_at") or 0.0)
            if len(self._access_links) >= _ACCESS_CACHE_SIZE:
                self._access_links.clear()  # a warm container serves few users; start over, rarely
            self._access_links[hashed] = known
        link_id, expires_at = known
        if not include_expired and expires_at <= clock.now():
            return None
        return link_id

    # -- Alexa users -------------------------------------------------------------------------------

    def alexa_link_id(self, alexa_user_id: str, deadline: Deadline | None) -> str | None:
        item = self._get(f"ALEXA#{token_hash(alexa_user_id)}", "ALEXA", deadline)
        return None if item is None else _str(item, "link_id")

    def map_alexa_user(self, alexa_user_id: str, link_id: str, deadline: Deadline | None) -> None:
        pk = f"ALEXA#{token_hash(alexa_user_id)}"
        ttl = clock.now() + policy.REFRESH_TOKEN_SECONDS + policy.TTL_SLACK_SECONDS
        self._transact(
            [
                {
                    "ConditionCheck": {
                        "TableName": self._table,
                        "Key": self._key(link_pk(link_id), LINK_SK),
                        "ConditionExpression": "attribute_exists(pk)",
                    }
                },
                {
                    "Put": {
                        "TableName": self._table,
                        "Item": {
                            PK: _s(pk),
                            SK: _s("ALEXA"),
                            "kind": _s("alexa"),
                            "link_id": _s(link_id),
                            "ttl": _n(int(ttl)),
                        },
                    }
                },
                self._ref(link_id, pk, "ALEXA", ttl),
            ],
            deadline,
        )

    def unmap_alexa_user(self, alexa_user_id: str, deadline: Deadline | None) -> None:
        call(
            lambda: self._client().delete_item(
                TableName=self._table, Key=self._key(f"ALEXA#{token_hash(alexa_user_id)}", "ALEXA")
            ),
            deadline,
        )

    # -- purge -------------------------------------------------------------------------------------

    def purge_link(self, link_id: str, deadline: Deadline | None) -> int:
        """Delete a link, its credentials and everything issued for it. Returns the items deleted.

        The link item goes first, so every token stops resolving at once even if the rest is
        interrupted (leftovers point at nothing and expire by TTL).
        """
        pk = link_pk(link_id)
        call(lambda: self._client().delete_item(TableName=self._table, Key=self._key(pk, LINK_SK)), deadline)
        keys: dict[tuple[str, str], None] = {}
        mappings: list[tuple[str, str]] = []
        start: Item | None = None
        while True:
            out = self._query_page(pk, start, deadline)
            for item in out.get("Items", []):
                sk = _str(item, SK) or ""
                keys[(pk, sk)] = None
                target_sk = _str(item, "tsk")
                if sk.startswith("REF#") and target_sk:
                    target = (sk[len("REF#") :], target_sk)
                    if target_sk == "ALEXA":
                        mappings.append(target)
                    else:
                        keys[target] = None
            start = out.get("LastEvaluatedKey")
            if not start:
                break
        self._batch_delete(list(keys), deadline)
        for mapping_pk, mapping_sk in mappings:
            self._delete_mapping_if(mapping_pk, mapping_sk, link_id, deadline)
        return len(keys) + len(mappings) + 1

    def _delete_mapping_if(self, pk: str, sk: str, link_id: str, deadline: Deadline | None) -> None:
        """The Alexa user may have linked again since: only remove a mapping that still points here."""
        with contextlib.suppress(ConditionFailed):
            call(
                lambda: self._client().delete_item(
                    TableName=self._table,
                    Key=self._key(pk, sk),
                    ConditionExpression="#l = :link",
                    ExpressionAttributeNames={"#l": "link_id"},
                    ExpressionAttributeValues={":link": _s(link_id)},
                ),
                deadline,
            )

    def _query_page(self, pk: str, start: Item | None, deadline: Deadline | None) -> QueryOutputTypeDef:
        params: QueryInputTypeDef = {
            "TableName": self._table,
            "KeyConditionExpression": "pk = :pk",
            "ExpressionAttributeValues": {":pk": _s(pk)},
            "ConsistentRead": True,
        }
        if start:
            params["ExclusiveStartKey"] = start
        return call(lambda: self._client().query(**params), deadline)

    def _batch_write(self, requests: list[WriteRequestTypeDef], deadline: Deadline | None) -> list[Any]:
        """Returns the requests DynamoDB left unprocessed."""
        out = call(lambda: self._client().batch_write_item(RequestItems={self._table: requests}), deadline)
        return list(out.get("UnprocessedItems", {}).get(self._table, []))

    def _batch_delete(self, keys: list[tuple[str, str]], deadline: Deadline | None) -> None:
        for i in range(0, len(keys), _BATCH):
            requests: list[WriteRequestTypeDef] = [
                {"DeleteRequest": {"Key": self._key(pk, sk)}} for pk, sk in keys[i : i + _BATCH]
            ]
            for attempt in range(5):
                requests = self._batch_write(requests, deadline)
                if not requests:
                    break
                time.sleep(0.05 * 2**attempt)  # throttled: back off before resending the rest
            else:
                raise StoreUnavailable("DynamoDB left items unprocessed")


def _mode_of(creds: Credentials) -> str:
    return "oauth1" if isinstance(creds, OAuth1Secret) else "oauth2"
