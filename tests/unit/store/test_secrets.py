"""skill.secrets.Secrets: plain values locally, one SSM GetParameters (decrypted) per container in AWS."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from skill import secrets
from skill.config import from_environ


def _secrets() -> secrets.Secrets:
    """What the composition root builds: the secrets of the configuration now in the environment."""
    return secrets.Secrets(from_environ())


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in (
        "WITHINGS_CONSUMER_SECRET",
        "LINK_CLIENT_SECRET",
        "TOKEN_KEY",
        "WITHINGS_CONSUMER_SECRET_PARAM",
        "LINK_CLIENT_SECRET_PARAM",
        "TOKEN_KEY_PARAM",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    yield


def test_local_values_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WITHINGS_CONSUMER_SECRET", "local-consumer")
    monkeypatch.setenv("LINK_CLIENT_SECRET", "local-link")
    monkeypatch.setenv("TOKEN_KEY", "local-key")
    loaded = _secrets()
    assert loaded.consumer_secret() == "local-consumer"
    assert loaded.link_client_secret() == "local-link"
    assert loaded.token_key() == "local-key"


def test_missing_secret_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(secrets.SecretsUnavailable):
        _secrets().token_key()


def _stubbed_ssm(monkeypatch: pytest.MonkeyPatch, responses: list[tuple[str, Any, Any]]) -> Stubber:
    client = boto3.session.Session().client("ssm", region_name="us-east-1")
    stubber = Stubber(client)
    for method, response, expected in responses:
        if isinstance(response, Exception):
            stubber.add_client_error(method, service_error_code="InternalServerError")
        else:
            stubber.add_response(method, response, expected)
    stubber.activate()
    real_client = boto3.session.Session.client

    def fake_client(self: Any, service: str, *args: Any, **kwargs: Any) -> Any:
        return client if service == "ssm" else real_client(self, service, *args, **kwargs)

    monkeypatch.setattr(boto3.session.Session, "client", fake_client)
    return stubber


def test_ssm_parameters_are_fetched_once_decrypted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WITHINGS_CONSUMER_SECRET_PARAM", "/skill/consumer")
    monkeypatch.setenv("LINK_CLIENT_SECRET_PARAM", "/skill/link")
    monkeypatch.setenv("TOKEN_KEY_PARAM", "/skill/key")
    stubber = _stubbed_ssm(
        monkeypatch,
        [
            (
                "get_parameters",
                {
                    "Parameters": [
                        {"Name": "/skill/consumer", "Value": "ssm-consumer", "Type": "SecureString"},
                        {"Name": "/skill/link", "Value": "ssm-link", "Type": "SecureString"},
                        {"Name": "/skill/key", "Value": "ssm-key", "Type": "SecureString"},
                    ],
                },
                {"Names": ["/skill/consumer", "/skill/key", "/skill/link"], "WithDecryption": True},
            )
        ],
    )
    loaded = _secrets()
    assert loaded.token_key() == "ssm-key"
    assert loaded.link_client_secret() == "ssm-link"
    assert loaded.consumer_secret() == "ssm-consumer"
    stubber.assert_no_pending_responses()  # one call served all three (a second would have failed)


def test_ssm_missing_parameter_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOKEN_KEY_PARAM", "/skill/key")
    _stubbed_ssm(
        monkeypatch,
        [("get_parameters", {"Parameters": [], "InvalidParameters": ["/skill/key"]}, None)],
    )
    with pytest.raises(secrets.SecretsUnavailable):
        _secrets().token_key()


def test_ssm_failure_is_unavailable_and_retried_next_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOKEN_KEY_PARAM", "/skill/key")
    _stubbed_ssm(
        monkeypatch,
        [
            ("get_parameters", RuntimeError(), None),
            (
                "get_parameters",
                {"Parameters": [{"Name": "/skill/key", "Value": "k", "Type": "SecureString"}]},
                None,
            ),
        ],
    )
    loaded = _secrets()
    with pytest.raises(secrets.SecretsUnavailable):
        loaded.token_key()
    assert loaded.token_key() == "k"
