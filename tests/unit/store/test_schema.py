from __future__ import annotations

import uuid

import pytest

from skill.store.dynamodb.schema import admin_client, create_table, delete_table, init_db


def test_create_table_is_idempotent_and_enables_ttl(dynamodb_endpoint: str) -> None:
    name = f"schema-test-{uuid.uuid4().hex[:8]}"
    try:
        assert create_table(name) is True
        assert create_table(name) is False
        client = admin_client()
        table = client.describe_table(TableName=name)["Table"]
        assert {k["AttributeName"]: k["KeyType"] for k in table["KeySchema"]} == {"pk": "HASH", "sk": "RANGE"}
        assert table.get("BillingModeSummary", {}).get("BillingMode") == "PAY_PER_REQUEST"
        ttl = client.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
        assert ttl["TimeToLiveStatus"] in ("ENABLED", "ENABLING")
        assert ttl["AttributeName"] == "ttl"
    finally:
        delete_table(name)


def test_init_db_uses_the_configured_table(
    dynamodb_endpoint: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from skill.config import get_settings

    name = f"initdb-test-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("TABLE_NAME", name)
    get_settings.cache_clear()
    try:
        assert init_db() == 0
        assert init_db() == 0
        out = capsys.readouterr().out
        assert "created" in out and "already exists" in out
    finally:
        delete_table(name)
        get_settings.cache_clear()


def test_init_db_without_table_name_fails_clearly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from skill.config import get_settings

    monkeypatch.delenv("TABLE_NAME", raising=False)
    get_settings.cache_clear()
    try:
        assert init_db() == 2
        assert "TABLE_NAME" in capsys.readouterr().err
    finally:
        get_settings.cache_clear()
