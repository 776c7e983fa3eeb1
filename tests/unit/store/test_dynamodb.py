"""What only the DynamoDB backend can show: items at rest hold no usable secret, keys are hashes,
ciphertexts are bound to their item, and the purge leaves no item behind (the shared rules are in
test_contract.py)."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest

from skill.store.crypto import Sealer
from skill.store.dynamodb import DynamoStore, codec
from skill.store.errors import CredentialsUnreadable
from skill.store.ids import new_link_id
from skill.store.records import CodeGrant, LinkMode, OAuth1Secret, PendingLink
from skill.withings.auth import OAuth2Tokens

REDIRECT = "https://pitangui.amazon.com/api/skill/link/VENDOR"


def _oauth2() -> OAuth2Tokens:
    return OAuth2Tokens("w-access", "w-refresh", datetime.now(UTC) + timedelta(hours=3), "10001")


def _link(store: DynamoStore, creds: Any = None) -> tuple[str, str, CodeGrant]:
    link_id = new_link_id()
    code = f"code-{link_id}"
    grant = CodeGrant(link_id=link_id, client_id="alexa", redirect_uri=REDIRECT)
    store.create_link(link_id, creds or _oauth2(), code, grant, None)
    return link_id, code, grant


def _partition(table: str, pk: str) -> list[dict[str, Any]]:
    out = boto3.client("dynamodb").query(
        TableName=table,
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": pk}},
        ConsistentRead=True,
    )
    return list(out["Items"])


def _exists(table: str, key: codec.Key) -> bool:
    return "Item" in boto3.client("dynamodb").get_item(TableName=table, Key=key.attrs(), ConsistentRead=True)


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def test_keys_are_the_documented_layout() -> None:
    assert codec.LINK.key("abc") == ("LINK#abc", "LINK")
    assert codec.ACCESS.key("tok") == (f"AT#{_sha256('tok')}", "AT")
    assert codec.REFRESH.key("tok") == (f"RT#{_sha256('tok')}", "RT")
    assert codec.CODE.key("c") == (f"CODE#{_sha256('c')}", "CODE")
    assert codec.PENDING.key("p") == (f"PENDING#{_sha256('p')}", "PENDING")
    assert codec.ALEXA.key("u") == (f"ALEXA#{_sha256('u')}", "ALEXA")
    target = codec.ACCESS.key("tok")
    ref = codec.ref_item("abc", target, 1.0)
    assert codec.Key(ref["pk"]["S"], ref["sk"]["S"]) == ("LINK#abc", f"REF#AT#{_sha256('tok')}")
    assert codec.ref_target(ref) == target
    assert codec.ref_target(codec.LINK.key("abc").attrs()) is None


def test_link_credentials_are_encrypted_at_rest(dynamo_store: DynamoStore, table: str) -> None:
    creds = OAuth1Secret(token="oauth1-token-value", token_secret="oauth1-secret-value", userid="10001")
    link_id, _, _ = _link(dynamo_store, creds)
    assert dynamo_store.get_link(link_id, None) is not None
    raw = repr(_partition(table, f"LINK#{link_id}"))
    assert "oauth1-token-value" not in raw and "oauth1-secret-value" not in raw


def test_credentials_under_another_key_are_unreadable(dynamo_store: DynamoStore, table: str) -> None:
    link_id, _, _ = _link(dynamo_store)
    other = DynamoStore(table, sealer=lambda: Sealer(bytes(32)))
    with pytest.raises(CredentialsUnreadable):
        other.get_link(link_id, None)


def test_a_ciphertext_moved_to_another_link_does_not_open(dynamo_store: DynamoStore, table: str) -> None:
    donor, _, _ = _link(dynamo_store)
    victim, _, _ = _link(dynamo_store)
    client = boto3.client("dynamodb")
    blob = client.get_item(TableName=table, Key=codec.LINK.key(donor).attrs())["Item"]["cred"]
    client.update_item(
        TableName=table,
        Key=codec.LINK.key(victim).attrs(),
        UpdateExpression="SET cred = :c",
        ExpressionAttributeValues={":c": blob},
    )
    with pytest.raises(CredentialsUnreadable):
        dynamo_store.get_link(victim, None)


def test_pending_item_holds_no_plain_secret(dynamo_store: DynamoStore, table: str) -> None:
    pending = PendingLink(LinkMode.OAUTH1, "alexa", REDIRECT, "alexa-state", None, "req-token", "req-secret")
    dynamo_store.put_pending("pending-4", pending, None)
    raw = repr(_partition(table, codec.PENDING.key("pending-4").pk))
    assert "req-secret" not in raw and "req-token" not in raw and "pending-4" not in raw
    assert "alexa-state" not in raw


def test_purge_leaves_no_item_of_the_link(dynamo_store: DynamoStore, table: str) -> None:
    link_id, code, grant = _link(dynamo_store)
    first = dynamo_store.redeem_code(code, grant, None)
    refresh_grant = dynamo_store.peek_refresh(first.refresh_token, None)
    assert refresh_grant is not None
    second = dynamo_store.rotate_refresh(first.refresh_token, refresh_grant, None)
    dynamo_store.map_alexa_user("amzn1.ask.account.TEST", link_id, None)

    dynamo_store.purge_link(link_id, None)

    assert _partition(table, codec.LINK.key(link_id).pk) == []
    for token in (first.access_token, second.access_token):
        assert not _exists(table, codec.ACCESS.key(token))
    for token in (first.refresh_token, second.refresh_token):
        assert not _exists(table, codec.REFRESH.key(token))
    assert not _exists(table, codec.ALEXA.key("amzn1.ask.account.TEST"))
    assert not _exists(table, codec.CODE.key(code))


def test_stored_ids_are_hashes(dynamo_store: DynamoStore, table: str) -> None:
    _, code, grant = _link(dynamo_store)
    issued = dynamo_store.redeem_code(code, grant, None)
    dynamo_store.map_alexa_user("amzn1.ask.account.PLAIN", grant.link_id, None)
    dynamo_store.map_alexa_user(
        "amzn1.ask.account.PLAIN", grant.link_id, None, person_id="amzn1.ask.person.PLAIN"
    )
    dump = repr(boto3.client("dynamodb").scan(TableName=table)["Items"])
    assert issued.access_token not in dump and issued.refresh_token not in dump and code not in dump
    assert "amzn1.ask.account.PLAIN" not in dump and "amzn1.ask.person.PLAIN" not in dump
    assert base64.b64encode(b"w-access").decode() not in dump and "w-access" not in dump
