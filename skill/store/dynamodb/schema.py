"""The table's definition, and `python -m skill init-db` for local use.

In AWS the table is declared in template.yaml (same keys, TTL on `ttl`, PAY_PER_REQUEST); the skill
never creates tables at run time. Locally (DynamoDB Local) init_db() creates it, idempotently.
"""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING

from skill.store.dynamodb.codec import PK, SK, TTL

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient

TTL_ATTRIBUTE = TTL


def admin_client() -> DynamoDBClient:
    """A client with patient timeouts: table creation is not on any request path."""
    import boto3
    from botocore.config import Config

    config = Config(connect_timeout=5, read_timeout=30, retries={"max_attempts": 3, "mode": "standard"})
    return boto3.session.Session().client("dynamodb", config=config)


def create_table(table_name: str, client: DynamoDBClient | None = None) -> bool:
    """Create the table if it does not exist and enable TTL. Returns True if it was created."""
    client = client or admin_client()
    created = False
    try:
        client.create_table(
            TableName=table_name,
            AttributeDefinitions=[
                {"AttributeName": PK, "AttributeType": "S"},
                {"AttributeName": SK, "AttributeType": "S"},
            ],
            KeySchema=[
                {"AttributeName": PK, "KeyType": "HASH"},
                {"AttributeName": SK, "KeyType": "RANGE"},
            ],
            BillingMode="PAY_PER_REQUEST",
        )
        created = True
    except client.exceptions.ResourceInUseException:
        pass  # already there: idempotent
    client.get_waiter("table_exists").wait(TableName=table_name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    ttl = client.describe_time_to_live(TableName=table_name)["TimeToLiveDescription"]
    if ttl.get("TimeToLiveStatus") not in ("ENABLED", "ENABLING"):
        client.update_time_to_live(
            TableName=table_name,
            TimeToLiveSpecification={"Enabled": True, "AttributeName": TTL_ATTRIBUTE},
        )
    return created


def delete_table(table_name: str, client: DynamoDBClient | None = None) -> None:
    """Tests: drop a table created for one module."""
    client = client or admin_client()
    with contextlib.suppress(client.exceptions.ResourceNotFoundException):
        client.delete_table(TableName=table_name)


def init_db() -> int:
    """`python -m skill init-db`: the configured table at the configured endpoint."""
    from botocore.exceptions import BotoCoreError, ClientError

    from skill.config import get_settings

    table = get_settings().table_name
    if not table:
        print("TABLE_NAME is not set", file=sys.stderr)
        return 2
    try:
        created = create_table(table)
    except (BotoCoreError, ClientError) as exc:
        print(f"could not create table {table}: {exc}", file=sys.stderr)
        return 1
    print(f"table {table} {'created' if created else 'already exists'}; TTL on '{TTL_ATTRIBUTE}'")
    return 0
