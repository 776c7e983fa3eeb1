"""What only the DynamoDB backend can show about the cache: a table dump holds no health value and
no Withings userid, ciphertexts are bound to their item, and the budget counter carries a TTL."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import boto3

from skill.cache.data import DataCache
from skill.cache.keys import measures_key
from skill.store import clock
from skill.store.cache_records import Change
from skill.store.crypto import Sealer
from skill.store.dynamodb import DynamoStore, codec
from skill.withings.deadline import Deadline
from skill.withings.models import Measure, MeasureGroup, Measurements

USER = "73510468"  # a Withings userid: a small number, which a plain hash would give away
MOMENT = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)


def _scan(table: str) -> list[dict[str, Any]]:
    return list(boto3.client("dynamodb").scan(TableName=table, ConsistentRead=True)["Items"])


def test_a_cached_weight_is_unreadable_in_a_table_dump(dynamo_store: DynamoStore, table: str) -> None:
    taken = datetime(2026, 11, 26, 7, 41, tzinfo=ZoneInfo("Europe/Berlin"))
    weight = Measurements(
        "Europe/Berlin", (MeasureGroup(4242, taken, 0, 1, (Measure(1, 83.617, 83617, -3),)),)
    )
    cache = DataCache(dynamo_store)
    key, _, _ = measures_key(MOMENT, MOMENT, [1])
    assert cache.save(USER, key, weight, fetched_at=clock.now(), moment=MOMENT, deadline=Deadline.after(5))
    cache.invalidate(USER, 44, taken, taken, Deadline.after(5))  # a sleep change: windows are sealed too
    found = cache.lookup(USER, key, Deadline.after(5))
    assert found is not None and found.value == weight  # it does open, with the key

    dump = repr(_scan(table))
    for plain in ("83.617", "83617", "83,617", "Europe/Berlin", "4242", USER, str(int(taken.timestamp()))):
        assert plain not in dump, plain
    assert hashlib.sha256(USER.encode()).hexdigest() not in dump  # keyed, not a plain hash
    mine = [i for i in _scan(table) if i["pk"]["S"].startswith("CACHE#")]
    assert {i["sk"]["S"] for i in mine} >= {f"E#{key.name}", "CHG#44"}
    assert all("ttl" in i for i in mine)


def test_an_entry_moved_to_another_user_does_not_open(dynamo_store: DynamoStore, table: str) -> None:
    cache = DataCache(dynamo_store)
    key, _, _ = measures_key(MOMENT, MOMENT, [1])
    weight = Measurements("UTC", ())
    cache.save("1001", key, weight, fetched_at=clock.now(), moment=MOMENT, deadline=None)
    client = boto3.client("dynamodb")
    sealer = Sealer(bytes(range(32)))
    source = codec.cache_key(sealer.keyed_id("1001"), key.name)
    item = client.get_item(TableName=table, Key=source.attrs(), ConsistentRead=True)["Item"]
    target = codec.cache_key(sealer.keyed_id("1002"), key.name)
    client.put_item(TableName=table, Item={**item, **target.attrs()})
    assert cache.lookup("1002", key, None) is None  # AAD is the item key: a miss, not someone's data
    assert cache.lookup("1001", key, None) is not None


def test_unreadable_changes_count_as_everything_changed(dynamo_store: DynamoStore, table: str) -> None:
    dynamo_store.record_change("1003", 16, Change(clock.now() - 100, 0.0, 1.0), None)
    key = codec.change_key(Sealer(bytes(range(32))).keyed_id("1003"), 16)
    boto3.client("dynamodb").update_item(
        TableName=table,
        Key=key.attrs(),
        UpdateExpression="SET changes = :junk",
        ExpressionAttributeValues={":junk": {"B": b"\x01" + b"0" * 40}},
    )
    changes = dynamo_store.read_cached("1003", "activity/2020-01-01/2020-01-01", (16,), None).changes
    assert len(changes) == 1 and changes[0].start is None and changes[0].end is None


def test_the_budget_counter_is_one_item_per_minute_with_a_ttl(dynamo_store: DynamoStore, table: str) -> None:
    minute = 29_000_123
    assert dynamo_store.take_permit(minute, 2, None) and dynamo_store.take_permit(minute, 2, None)
    assert not dynamo_store.take_permit(minute, 2, None)
    item = boto3.client("dynamodb").get_item(TableName=table, Key=codec.BUDGET.key(str(minute)).attrs())[
        "Item"
    ]
    assert item["count"] == {"N": "2"} and int(item["ttl"]["N"]) > (minute + 1) * 60
