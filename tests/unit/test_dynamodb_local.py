from __future__ import annotations

import boto3


def test_dynamodb_local_answers_list_tables(dynamodb_endpoint: str) -> None:
    client = boto3.client("dynamodb", endpoint_url=dynamodb_endpoint)
    assert "TableNames" in client.list_tables()
